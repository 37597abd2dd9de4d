"""The events stage's speed shortcuts give exactly the answers of the full computation.

Each shortcut (issue 16) replaces a costly reading by a cheaper one that must agree with
it: the PETRARCH2 phrase patterns read off the verb's dependents instead of running a
spaCy DependencyMatcher over a copy of the sentence; dates read once per trigger and
context; "that year/month/day" searched for only in sentences holding such a word. These
tests run both on real text (the demo articles and the VOA dev stories) and require the
same results.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from real_texts import demo_texts, voa_texts

from tiegraph import pipeline
from tiegraph.extract import dating, governing
from tiegraph.extract.events import petrarch
from tiegraph.extract.events.rules import lexicon
from tiegraph.ingest.readers import RawInput
from tiegraph.pipeline import prepare, process

ROOT = Path(__file__).resolve().parents[1]


def _texts() -> list[str]:
    return demo_texts() + voa_texts("dev")


@pytest.fixture(scope="module")
def docs(nlp):
    prepared = [prepare(RawInput("t", text)) for text in _texts()]
    return list(nlp.pipe(d.text for d in prepared))


def test_dictionary_patterns_read_off_the_dependents_match_the_dependency_matcher(nlp, docs):
    layer = lexicon().layer(nlp.vocab)
    assert layer is not None
    checked = hits = 0
    for doc in docs:
        for tok in doc:
            if tok.pos_ not in {"VERB", "AUX"}:
                continue
            assert layer.pattern_at(tok) == layer.pattern_at_by_matcher(tok), tok.sent.text
            # every phrase pattern of the verb the word prefilter lets through, not only
            # the first that holds
            kids = list(tok.children)
            grand = [list(c.children) for c in kids]
            arcs = petrarch._arcs(tok, kids, grand)
            near = kids + [g for gs in grand for g in gs]
            words = {t.lemma_.lower() for t in near} | {t.lower_ for t in near}
            sent = tok.sent
            for p in layer.phrases.get(tok.lemma_.lower(), []):
                if not layer._possible(p, words):
                    assert not petrarch._holds(p, tok.lemma_, arcs)
                    continue
                by_matcher = any(
                    sent.start + toks[0] == tok.i for _, toks in layer._matcher(p)(sent)
                )
                assert petrarch._holds(p, tok.lemma_, arcs) == by_matcher, (p.key, sent.text)
                checked += 1
                hits += by_matcher
    assert checked > 100 and hits > 20  # the texts do exercise the patterns


@pytest.fixture(scope="module")
def contexts(nlp):
    """The DocContext of every text, as the pipeline builds it for the events stage."""
    seen = []
    extract = pipeline.events.extract_events

    def capture(ctx, *args, **kwargs):
        seen.append(ctx)
        return extract(ctx, *args, **kwargs)

    pipeline.events.extract_events = capture
    try:
        list(process([RawInput("t", text) for text in _texts()], nlp=nlp))
    finally:
        pipeline.events.extract_events = extract
    return seen


def test_dates_read_once_per_context_equal_dates_read_afresh(contexts, monkeypatch):
    """Memoised `date_fields`/`coordinated_dates` (and the unit-word precheck before the
    anaphoric search) against a fresh context per call with the search run everywhere."""
    anchors = [(c, t) for c in contexts for t in c.tokens if t.pos_ in {"VERB", "AUX"}]
    memo = [
        (dating.date_fields(c, t, narrative=True), dating.coordinated_dates(c, t))
        for c, t in anchors
    ]
    monkeypatch.setattr(governing, "UNITS", re.compile(""))  # every position may hold a unit
    full = [
        (
            dating.date_fields(replace(c, per_doc={}), t, narrative=True),
            dating.coordinated_dates(replace(c, per_doc={}), t),
        )
        for c, t in anchors
    ]
    assert memo == full
    dated = [d for (d, _) in memo if not isinstance(d[2], str) and d[2] is not None]
    assert len(dated) > 500 and any(re.search("(?i)that year|same day", d[2].text) for d in dated)
