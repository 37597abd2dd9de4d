"""spaCy loading, once per process, with the project's tokenizer repair component."""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from tiegraph.config import spacy_model_name

_SYLLABLE = re.compile(r"^[A-Za-z]{1,6}$")


@Language.component("tiegraph_name_merger")
def merge_hyphenated_names(doc: Doc) -> Doc:
    """Re-join romanised Korean/Chinese given names that the tokenizer splits.

    "Kim Min-seok" arrives as Kim, Min, -, seok; the tagger and NER then miss
    the person. We merge `Xx - yy` when it follows a capitalised surname token
    and neither half is a long word ("North Korea-China" stays split).
    """
    spans = []
    i = 1
    while i + 2 < len(doc):
        a, h, b = doc[i], doc[i + 1], doc[i + 2]
        prev = doc[i - 1]
        if (
            h.text == "-"
            and not a.whitespace_
            and not h.whitespace_
            and a.text[:1].isupper()
            and _SYLLABLE.match(a.text)
            and _SYLLABLE.match(b.text)
            and len(a.text) <= 4
            and len(b.text) <= 5
            and prev.text[:1].isupper()
            and prev.is_alpha
            and len(prev.text) <= 5
            and prev.whitespace_
        ):
            spans.append(doc[i : i + 3])
            i += 3
            continue
        i += 1
    if spans:
        with doc.retokenize() as rt:
            for sp in spans:
                rt.merge(sp)
    return doc


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
    nlp.add_pipe("tiegraph_name_merger", first=True)
    return nlp


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
