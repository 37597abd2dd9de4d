"""The PETRARCH2 CAMEO verb dictionary, read and compiled to spaCy DependencyMatcher
patterns: the field's verb resource as a layer under the project's own patterns.

The file (data/petrarch/CAMEO.2.0.txt, MIT) holds synonym sets (`&NAME` then
`+WORD` lines), verb blocks (`--- NAME [code] ---`, then verb forms, optionally with
their own `[code]`) and phrase patterns (`- pre * post [code]`) that apply to every
verb of their block. A pattern compiles to a dependency pattern anchored on the verb:
a post-verb word or `{PHRASE}` (head last) is a child of the verb, `(PREP X)` a
preposition child with X as its object, a pre-verb word the subject. `&CLASS` stands
for the words of that set. Actor slots (`$`, `+`, `^`, `%`) are left to the project's
role finding. Codes with no PLOVER type (statements, `---`) are not compiled.

Only the reading is PETRARCH's; roles, polarity, modality and dates come from the
project's code, and a project pattern for the same verb wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

OBJECT_DEPS = [
    "dobj",
    "attr",
    "oprd",
    "dative",
    "prt",
    "acomp",
    "npadvmod",
    "advmod",
    "nsubjpass",
    "xcomp",
    "ccomp",
]
SUBJECT_DEPS = ["nsubj", "nsubjpass", "csubj"]
PREP_DEPS = ["prep", "agent", "dative", "prt"]
ACTOR_SLOTS = {"$", "+", "^", "%"}
_CODE = re.compile(r"\[([^\]]*)\]")
_TOKEN = re.compile(r"\{[^}]*\}|\([^)]*\)|\S+")


class DictionaryError(ValueError):
    """A line of the verb dictionary the reader cannot take."""


@dataclass(frozen=True)
class DictPattern:
    """One phrase pattern (or a block's bare verbs) of the dictionary."""

    key: str
    verbs: tuple[str, ...]
    cameo: str
    pre: tuple[tuple[str, ...], ...] = ()  # subject head alternatives
    post: tuple[tuple[str, ...], ...] = ()  # object/particle head alternatives
    preps: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (preposition, its object's heads)
    line: int = 0

    @property
    def size(self) -> int:
        """More constraints = more specific: the longest match wins."""
        return len(self.pre) + len(self.post) + 2 * len(self.preps)


@dataclass
class VerbDictionary:
    synsets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    patterns: list[DictPattern] = field(default_factory=list)
    skipped: int = 0  # pattern lines with no PLOVER reading or an unknown class


def _plurals(word: str) -> set[str]:
    if word.endswith("_"):
        return {word[:-1]}
    if word.endswith("y"):
        return {word, word[:-1] + "ies"}
    return {word, word + ("es" if word.endswith("ss") else "s")}


def _heads(word: str, synsets: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The lemma/word forms a dictionary word or class stands for (phrases by their head)."""
    word = word.strip().lower()
    if word.startswith("&"):
        name = word[1:].rstrip("_")
        if name not in synsets:
            raise KeyError(word)
        return synsets[name]
    forms = {w.rstrip("_") for w in _plurals(word)}
    return tuple(sorted(f.split("_")[-1] for f in forms if f))


def _phrase_head(tok: str) -> str:
    """`{FINANCIAL AID}` -> `AID`: the last word of a braced phrase is its head."""
    return tok.strip("{}").split()[-1] if tok.startswith("{") else tok


def _verb_form(line: str) -> tuple[str, str | None] | None:
    """A verb line -> (lemma, own code); multi-word verbs by their `+` word."""
    body = line.split("#", 1)[0]
    code_m = _CODE.search(body)
    body = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", body).strip()
    if not body:
        return None
    word = body.split()[0]
    if "_" in word:
        plus = [w for w in word.split("_") if w.startswith("+")]
        word = plus[0] if plus else word.split("_")[0]
    word = word.lstrip("+").lower()
    if not re.fullmatch(r"[a-z][a-z'\-]*", word):
        return None
    return word, (code_m.group(1).strip() if code_m else None)


def _code(raw: str) -> str | None:
    """`042:043` -> `042`; `---` -> None; `:130` (the reading with source and target
    swapped, "faced a threat") -> None: the layer does not swap roles."""
    code = raw.split(":")[0].strip()
    return code if code.isdigit() else None


def _pattern_parts(
    text: str, synsets: dict[str, tuple[str, ...]]
) -> tuple[tuple, tuple, tuple] | None:
    if "*" not in text:
        return None
    pre_s, post_s = text.split("*", 1)
    pre: list[tuple[str, ...]] = []
    post: list[tuple[str, ...]] = []
    preps: list[tuple[str, tuple[str, ...]]] = []
    for side, out in ((pre_s, pre), (post_s, post)):
        for tok in _TOKEN.findall(side):
            if tok in ACTOR_SLOTS:
                continue
            if tok.startswith("("):
                words = _TOKEN.findall(tok[1:-1])
                words = [w for w in words if w not in ACTOR_SLOTS]
                if not words:
                    continue
                prep = words[0].lower()
                obj = _heads(_phrase_head(words[1]), synsets) if len(words) > 1 else ()
                preps.append((prep, obj))
            else:
                out.append(_heads(_phrase_head(tok), synsets))
    return tuple(pre), tuple(post), tuple(preps)


def read_dictionary(path: Path, plover: dict[str, tuple[str, str | None]]) -> VerbDictionary:
    """Parse the verb dictionary; keep the patterns whose CAMEO code has a PLOVER type."""
    out = VerbDictionary()
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    in_verbs = False
    synset: str | None = None
    block_code: str | None = None
    block_verbs: list[str] = []
    own_codes: list[tuple[str, str]] = []
    block_pats: list[tuple[int, str, str]] = []

    def typed(code: str | None) -> bool:
        return bool(code) and (code in plover or code[:3] in plover)  # type: ignore[index]

    def close_block() -> None:
        verbs = tuple(dict.fromkeys(block_verbs))
        bare: dict[str, list[str]] = {}
        if typed(block_code):
            bare[block_code] = [v for v in verbs if v not in {w for w, _ in own_codes}]  # type: ignore[index]
        for word, code in own_codes:
            if typed(code):
                bare.setdefault(code, []).append(word)
        for code, words in bare.items():
            if words:
                out.patterns.append(DictPattern(f"petrarch:{words[0]}:{code}", tuple(words), code))
        for n, text, code in block_pats:
            if not verbs or not typed(code):
                out.skipped += 1
                continue
            try:
                parts = _pattern_parts(text, out.synsets)
            except KeyError:
                out.skipped += 1
                continue
            if parts is None:
                raise DictionaryError(f"{path.name}:{n}: pattern without '*': {text!r}")
            pre, post, preps = parts
            if any(not heads for _, heads in preps) or not (pre or post or preps):
                # "* (TO)", "* +": a bare preposition or actor slot is no reading of its own
                out.skipped += 1
                continue
            out.patterns.append(DictPattern(f"petrarch:{n}", verbs, code, pre, post, preps, n))

    for n, raw in enumerate(lines, 1):
        line = raw.split("#", 1)[0].rstrip() if not raw.startswith("####") else raw
        if raw.startswith("####### VERB PATTERNS"):
            in_verbs, synset = True, None
            continue
        if raw.startswith("######## TRANSFORMATIONS"):
            break
        if not line.strip():
            continue
        if not in_verbs:
            if line.startswith("&"):
                synset = line[1:].strip().lower().rstrip("_")
                out.synsets[synset] = ()
            elif line.startswith("+") and synset:
                words = _plurals(line[1:].strip().lower())
                heads = {w.split("_")[-1] for w in words if w}
                out.synsets[synset] = tuple(sorted(set(out.synsets[synset]) | heads))
            continue
        if line.startswith("---"):
            if block_verbs or block_pats:
                close_block()
            m = _CODE.search(line)
            block_code = _code(m.group(1)) if m else None
            block_verbs, own_codes, block_pats = [], [], []
        elif line.startswith("-"):
            m = _CODE.search(line)
            code = _code(m.group(1)) if m else block_code
            text = _CODE.sub(" ", line[1:]).strip()
            block_pats.append((n, text, code or ""))
        elif line.startswith("~"):
            continue
        else:
            form = _verb_form(line)
            if form:
                word, own = form
                block_verbs.append(word)
                if own and _code(own) and _code(own) != block_code:
                    own_codes.append((word, _code(own) or ""))
    if block_verbs or block_pats:
        close_block()
    return out


def _node(name: str, parent: str, rel: str, attrs: dict) -> dict:
    return {"LEFT_ID": parent, "REL_OP": rel, "RIGHT_ID": name, "RIGHT_ATTRS": attrs}


def _lemmas(words: Iterable[str]) -> dict:
    return {"LEMMA": {"IN": sorted(set(words))}}


def compile_pattern(p: DictPattern) -> list[dict]:
    """One DictPattern as a DependencyMatcher pattern anchored on the verb."""
    spec: list[dict] = [
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"POS": {"IN": ["VERB", "AUX"]}, **_lemmas(p.verbs)}}
    ]
    for i, heads in enumerate(p.pre):
        spec.append(_node(f"pre{i}", "verb", ">", {"DEP": {"IN": SUBJECT_DEPS}, **_lemmas(heads)}))
    for i, heads in enumerate(p.post):
        spec.append(_node(f"post{i}", "verb", ">", {"DEP": {"IN": OBJECT_DEPS}, **_lemmas(heads)}))
    for i, (prep, heads) in enumerate(p.preps):
        spec.append(
            _node(
                f"prep{i}",
                "verb",
                ">",
                {"DEP": {"IN": PREP_DEPS}, "LOWER": prep},
            )
        )
        if heads:
            spec.append(_node(f"pobj{i}", f"prep{i}", ">", {"DEP": "pobj", **_lemmas(heads)}))
    return spec


# a verb's dependent inside its sentence: (dep, lemma, lower, its pobj lemmas)
_Arc = tuple[str, str, str, tuple[str, ...]]


def _arcs(verb: Token, kids: list[Token], grand: list[list[Token]]) -> list[_Arc]:
    """What `compile_pattern`'s nodes test, read off the verb's dependents once.

    The matcher runs on the sentence as a doc of its own (`Span.as_doc`): a dependent
    outside the sentence is not there, and one whose head lay outside is re-attached
    with the label `dep`, which no node asks for; so only arcs inside the sentence count."""
    sent = verb.sent
    lo, hi = sent.start, sent.end
    return [
        (
            c.dep_,
            c.lemma_,
            c.lower_,
            tuple(g.lemma_ for g in gs if g.dep_ == "pobj" and lo <= g.i < hi),
        )
        for c, gs in zip(kids, grand, strict=True)
        if lo <= c.i < hi
    ]


def _holds(p: DictPattern, verb_lemma: str, arcs: list[_Arc]) -> bool:
    """Whether `compile_pattern(p)` matches anchored on the verb. Every node hangs off
    the verb (a pobj off its preposition) and the matcher does not ask nodes to be
    distinct tokens, so the pattern holds when each node has a dependent of its own."""
    if verb_lemma not in p.verbs:
        return False
    for heads in p.pre:
        if not any(d in SUBJECT_DEPS and lem in heads for d, lem, _, _ in arcs):
            return False
    for heads in p.post:
        if not any(d in OBJECT_DEPS and lem in heads for d, lem, _, _ in arcs):
            return False
    for prep, heads in p.preps:
        if not any(
            d in PREP_DEPS and low == prep and (not heads or any(o in heads for o in objs))
            for d, _, low, objs in arcs
        ):
            return False
    return True


class DictionaryLayer:
    """The compiled dictionary for one vocabulary: verb token -> the most specific
    matching pattern.

    Each phrase pattern is its own DependencyMatcher, compiled the first time it is
    needed and run only when the words it requires are among the verb's dependents:
    one matcher over all ~4,000 patterns costs seconds per article. A block's bare
    verbs need no matcher: the lemma is the whole pattern."""

    def __init__(self, dictionary: VerbDictionary, vocab: Vocab) -> None:
        self.bare: dict[str, DictPattern] = {}
        self.phrases: dict[str, list[DictPattern]] = {}
        for p in dictionary.patterns:
            for v in p.verbs:
                if p.size == 0:
                    self.bare.setdefault(v, p)
                else:
                    self.phrases.setdefault(v, []).append(p)
        for pats in self.phrases.values():
            pats.sort(key=lambda p: (-p.size, p.line))
        self.vocab = vocab
        self._compiled: dict[str, DependencyMatcher] = {}

    def _matcher(self, p: DictPattern) -> DependencyMatcher:
        m = self._compiled.get(p.key)
        if m is None:
            m = DependencyMatcher(self.vocab)
            m.add(p.key, [compile_pattern(p)])
            self._compiled[p.key] = m
        return m

    @staticmethod
    def _possible(p: DictPattern, words: set[str]) -> bool:
        """Every word the pattern needs is among the verb's dependents' (a cheap test
        before the pattern's arcs are read)."""
        for h in p.pre:
            if words.isdisjoint(h):
                return False
        for h in p.post:
            if words.isdisjoint(h):
                return False
        for prep, h in p.preps:
            if prep not in words or (h and words.isdisjoint(h)):
                return False
        return True

    def pattern_at(self, tok: Token) -> DictPattern | None:
        """The most specific pattern anchored on this verb (then the earliest in the
        file), else the verb's bare reading."""
        if tok.pos_ not in {"VERB", "AUX"}:
            return None
        lemma = tok.lemma_.lower()
        phrases = self.phrases.get(lemma)
        if phrases:
            kids = list(tok.children)
            grand = [[g for g in c.children] for c in kids]
            near = kids + [g for gs in grand for g in gs]
            words = {t.lemma_.lower() for t in near} | {t.lower_ for t in near}
            arcs: list[_Arc] | None = None
            for p in phrases:
                if not self._possible(p, words):
                    continue
                if arcs is None:
                    arcs = _arcs(tok, kids, grand)
                if _holds(p, tok.lemma_, arcs):
                    return p
        return self.bare.get(lemma)

    def pattern_at_by_matcher(self, tok: Token) -> DictPattern | None:
        """`pattern_at` through spaCy's DependencyMatcher over the verb's sentence: the
        reference the direct reading (`_holds`) is tested against."""
        if tok.pos_ not in {"VERB", "AUX"}:
            return None
        lemma = tok.lemma_.lower()
        phrases = self.phrases.get(lemma)
        if phrases:
            near = [c for c in tok.children] + [g for c in tok.children for g in c.children]
            words = {t.lemma_.lower() for t in near} | {t.lower_ for t in near}
            sent = tok.sent
            for p in phrases:
                if not self._possible(p, words):
                    continue
                if any(sent.start + toks[0] == tok.i for _, toks in self._matcher(p)(sent)):
                    return p
        return self.bare.get(lemma)

    def matches(self, doc: Doc) -> dict[int, DictPattern]:
        """Verb token index -> its best pattern, for every verb of the document."""
        out: dict[int, DictPattern] = {}
        for tok in doc:
            p = self.pattern_at(tok)
            if p is not None:
                out[tok.i] = p
        return out
