"""spaCy loading, once per process, with the project's tokenizer repair component."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from weakref import WeakKeyDictionary

import spacy
from spacy.attrs import IS_SPACE, ORTH
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from tiegraph.config import compiled_components, spacy_model_name
from tiegraph.nlp import compiled

_SYLLABLE = re.compile(r"^[A-Za-z]{1,6}$")
# English words that follow a capitalised word after a hyphen ("Seoul-based", "U.N.-led")
# and so never end a romanised given name
_COMBINING = frozenset(
    "based led backed born made run owned style era bound wide like linked funded brokered "
    "held built allied aligned friendly leaning".split()
)
# "U.S.-Korea", "U.S.–ROK": a dotted abbreviation joined by a dash to a capitalised
# word is two names; the default tokenizer keeps it one token and both states are lost.
_ABBREV_DASH = r"(?<=[A-Z]\.)[-–—](?=[A-Z])"


def _given_name_halves(a: str, b: str) -> bool:
    """Two halves of a romanised given name: short syllables, the second lower-case
    ("Myung-sik", "Hyeon-u") or both short when capitalised ("Dae-Jung", "Myung-Bak");
    "Korea-China" (two long capitalised words) is no name."""
    if not (_SYLLABLE.match(a) and _SYLLABLE.match(b) and a[:1].isupper()):
        return False
    if b[:1].islower():
        return True
    return len(a) + len(b) <= 8 and len(b) <= 4


@Language.component("tiegraph_name_merger")
def merge_hyphenated_names(doc: Doc) -> Doc:
    """Re-join romanised Korean/Chinese given names that the tokenizer splits.

    "Kim Min-seok" arrives as Kim, Min, -, seok; the tagger and NER then miss
    the person. We merge `Xx - yy` when it follows a short capitalised surname
    token and both halves look like syllables ("North Korea-China" stays split).
    """
    spans = []
    # only a hyphen token glued to both neighbours can be merged: visit those (one numpy
    # pass) instead of building four Tokens at every position
    glued = (doc.to_array([ORTH]) == doc.vocab.strings["-"]).nonzero()[0].tolist()
    last = -1  # the end of the last merge: its tokens are not read again
    for k in glued:
        i = k - 1
        if i < 1 or i + 2 >= len(doc) or i <= last:
            continue
        a, h, b = doc[i], doc[i + 1], doc[i + 2]
        prev = doc[i - 1]
        nxt = doc[i + 3] if i + 3 < len(doc) else None
        surname_before = prev.text[:1].isupper() and prev.is_alpha and len(prev.text) <= 5
        # given name first, as English-language papers often write it: "Jae-hoon Baek"
        surname_after = (
            b.text[:1].islower()
            and len(a.text) <= 4
            and b.lower_ not in _COMBINING
            and b.whitespace_
            and nxt is not None
            and nxt.is_alpha
            and nxt.text[:1].isupper()
            and len(nxt.text) <= 8
        )
        if (
            h.text == "-"
            and not a.whitespace_
            and not h.whitespace_
            and _given_name_halves(a.text, b.text)
            and ((surname_before and prev.whitespace_) or surname_after)
        ):
            spans.append(doc[i : i + 3])
            last = i + 2
    if spans:
        with doc.retokenize() as rt:
            for sp in spans:
                rt.merge(sp)
    return doc


@Language.component("tiegraph_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after a blank line, before the parser runs.

    Without it a title or dateline glues onto the first sentence of the body
    ("... in Geneva\n\nThe United States and North Korea signed ...") and the
    parse of the article's lead sentence, which usually states its main event, breaks.
    """
    # a token's trailing whitespace_ is one space at most: only a space token (IS_SPACE,
    # one numpy pass) can hold a blank line, so only the tokens after those are visited
    spaces = doc.to_array([IS_SPACE]).nonzero()[0].tolist()
    for k in spaces:
        prev = doc[k]
        if k + 1 < len(doc) and prev.text.count("\n") >= 2:
            tok = doc[k + 1]
            if not tok.is_space:
                tok.is_sent_start = True
    return doc


def _split_abbreviation_dashes(nlp: Language) -> None:
    """Split "U.S.-Korea" into "U.S.", "-", "Korea" (the infix rule above)."""
    infixes = [*(nlp.Defaults.infixes or ()), _ABBREV_DASH]
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """Load the configured pipeline once per process (workers reuse it)."""
    model = name or spacy_model_name()
    try:
        nlp = spacy.load(model)
    except OSError as exc:  # not installed: say what to do, not a stack trace
        raise RuntimeError(
            f"spaCy pipeline {model!r} is not installed; install it (make demo does) "
            "or set TIEGRAPH_SPACY_MODEL to an installed English pipeline"
        ) from exc
    _split_abbreviation_dashes(nlp)
    nlp.add_pipe("tiegraph_name_merger", first=True)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("tiegraph_paragraph_breaks", before="parser")
    if compiled_components():
        compiled.install(nlp)
    return nlp


# Documents longer than this many characters are parsed and extracted in consecutive
# parts of at most this size, cut at paragraph or sentence breaks (see `part_bounds`).
# The extractors relate each event, quote and claim to its sentence by walking the
# document's sentences, so their work grows with the square of the document's length;
# parts keep it linear (a 400,000-character text is 20 parts). Every document of the
# VOA, demo and evaluation sets is far below the size (news stories run 2,000-10,000
# characters), so their records are the same as from one parse.
PART_CHARS = 20_000

_PART_BREAKS = (
    re.compile(r"\n[^\S\n]*\n\s*"),  # a paragraph break
    re.compile(r"(?<=[.!?…。！？])[\"'”’)\]]*\s+"),  # a sentence end
    re.compile(r"\s+"),  # any space
)


def part_bounds(text: str, limit: int = PART_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive parts that cover `text`, each at most `limit` characters.

    Each cut is at the last paragraph break of the window past its middle, else the last
    sentence end, else the last space (else at `limit`); the space stays with the part
    before, so every part starts on a word and offsets add up: text[start:end] of all
    parts, joined, is `text`. One pass over the text per break kind at most.
    """
    if limit < 2:
        raise ValueError(f"part size {limit!r}: must be at least 2 characters")
    bounds, pos = [], 0
    while len(text) - pos > limit:
        window = text[pos : pos + limit]
        cut = pos + limit
        for pattern in _PART_BREAKS:
            ends = [m.end() for m in pattern.finditer(window, limit // 2)]
            if ends and ends[-1] < len(window):
                cut = pos + ends[-1]
                break
        bounds.append((pos, cut))
        pos = cut
    bounds.append((pos, len(text)))
    return bounds


_MODEL_VERSIONS: WeakKeyDictionary[Language, str] = WeakKeyDictionary()


def model_version(nlp: Language) -> str:
    """ "name-version" of the pipeline, read once per pipeline: spaCy's `Language.meta`
    gathers every component's labels on each access, and every record stamps it."""
    got = _MODEL_VERSIONS.get(nlp)
    if got is None:
        meta = nlp.meta
        got = _MODEL_VERSIONS[nlp] = f"{meta.get('name', '?')}-{meta.get('version', '?')}"
    return got
