"""Extraction work grows linearly with document length, measured without a clock.

The work is the number of function calls `extract_record` makes after spaCy has parsed
the text (`sys.setprofile` 'call' events). spaCy's Cython is built with profiling hooks,
so every Token object made while iterating a Doc, and every rebuild of `doc.text`,
counts too: a scan of all tokens for every mention shows up as calls that multiply when
the same articles arrive as one document instead of apart.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tiegraph.ingest.readers import RawInput
from tiegraph.model import Document
from tiegraph.pipeline import extract_record, prepare

pytestmark = pytest.mark.slow

DEMO = Path(__file__).resolve().parents[1] / "demo" / "corpus"
ARTICLES = 4  # ~8k characters joined: already 2.4x the calls apart while superlinear


def calls_made(fn, *args) -> int:
    """Function calls (Python, and spaCy's profiled Cython) made by fn(*args)."""
    count = 0

    def on_event(frame, event, arg):
        nonlocal count
        if event == "call":
            count += 1

    sys.setprofile(on_event)
    try:
        fn(*args)
    finally:
        sys.setprofile(None)
    return count


def extraction_calls(nlp, texts: list[str]) -> int:
    total = 0
    for i, text in enumerate(texts):
        doc = prepare(RawInput(source=f"t{i}", text=text))
        assert isinstance(doc, Document)
        total += calls_made(extract_record, doc, nlp(doc.text), nlp)
    return total


def joined(texts: list[str]) -> str:
    return "Collected articles\n\n" + "\n\n".join(t.strip() for t in texts) + "\n"


@pytest.fixture(scope="module")
def texts(nlp) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEMO.glob("*.txt"))[:ARTICLES]]
    extraction_calls(nlp, texts[-1:])  # lazy data (gazetteers, patterns) built beforehand
    return texts


def test_the_counter_sees_every_token_spacy_makes(nlp):
    """Visiting a Doc's tokens is counted once per token: the measure sees spaCy's work."""
    doc = nlp("Norway and Chile signed a fisheries agreement in Oslo on Tuesday.")
    assert calls_made(lambda: [t.i for t in doc]) >= len(doc)
    assert calls_made(lambda: doc.text) >= len(doc)  # doc.text is rebuilt from its tokens


def test_one_long_document_costs_no_more_than_its_parts(nlp, texts):
    """The same articles as one document make at most 1.5x the calls they make apart (the
    issue's bound for time); linear code makes about as many (fewer per-document set-ups)."""
    apart = extraction_calls(nlp, texts)
    together = extraction_calls(nlp, [joined(texts)])
    assert together <= 1.5 * apart, f"joined {together} calls vs {apart} apart"


def test_the_measure_separates_linear_from_quadratic_code(nlp, texts):
    """On the same documents: one pass over the tokens costs the same joined or apart,
    rebuilding doc.text once per sentence costs about k times more for k articles."""
    apart = [nlp(t) for t in texts]
    one = nlp(joined(texts))

    def ratio(work) -> float:
        return calls_made(work, one) / sum(calls_made(work, d) for d in apart)

    assert ratio(lambda d: [t.i for t in d]) <= 1.1
    assert ratio(lambda d: [len(d.text) for _ in d.sents]) > 2
