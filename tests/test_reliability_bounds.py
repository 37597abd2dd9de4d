"""Bounded work per document, proved by counting work (never by timing).

Each test builds a pathological input at two sizes and checks that the work counted
(characters handed to regexes, time expressions examined per dated row, words in the
longest sentence) grows at most linearly, or stays under a documented cap.
"""

from __future__ import annotations

import pytest

from tiegraph import pipeline
from tiegraph.extract import dating
from tiegraph.extract.context import DocContext
from tiegraph.ingest import clean
from tiegraph.ingest.bounds import (
    DEFAULT_DOC_TIME_BUDGET,
    MAX_SENTENCE_WORDS,
    MAX_TOKEN_CHARS,
    bound_text,
    doc_time_budget,
)
from tiegraph.ingest.readers import RawInput
from tiegraph.model import Document
from tiegraph.nlp.timex import find_timexes
from tiegraph.resolve.actors import resolve_actors

PARA = (
    "The foreign ministers of the two countries met in Geneva on Tuesday to discuss the "
    "stalled trade agreement, officials said."
)


class _CountingRegex:
    """A compiled pattern that records the length of every string it is asked to search."""

    def __init__(self, regex, seen: list[int]) -> None:
        self._regex, self._seen = regex, seen

    def search(self, text, *args):
        self._seen.append(len(text))
        return self._regex.search(text, *args)


def _counted_rules(monkeypatch) -> list[int]:
    seen: list[int] = []
    rules = tuple(
        clean.ChromeRule(**{**r.__dict__, "regex": _CountingRegex(r.regex, seen)})
        for r in clean.chrome_rules()
    )
    monkeypatch.setattr(clean, "chrome_rules", lambda: rules)
    return seen


def test_contact_address_rule_finds_address_and_rejects_long_word():
    rule = next(r for r in clean.chrome_rules() if r.name == "contact_address")
    # the look-behind starts the match at the run start; a match inside a run still counts
    assert rule.regex.search("Contact: jane.doe+news@example.co.uk")
    assert rule.regex.search("x" * 5000 + "@example.com")
    assert rule.regex.search("a" * 64_000) is None


def test_chrome_rules_never_search_more_than_the_line_cap(monkeypatch):
    seen = _counted_rules(monkeypatch)
    cap = clean.shape()["rule_max_chars"]
    text = f"Title of the story here\n\n{PARA}\n\n" + "a" * 300_000 + f"\n\n{PARA}\n"
    result = clean.clean_plain_text(text)
    assert seen and max(seen) <= cap
    assert PARA in result.text


def test_chrome_rule_work_is_linear_in_lines(monkeypatch):
    seen = _counted_rules(monkeypatch)
    clean.clean_plain_text("\n\n".join(f"{PARA} {i}" for i in range(200)))
    small = sum(seen)
    seen.clear()
    clean.clean_plain_text("\n\n".join(f"{PARA} {i}" for i in range(400)))
    assert sum(seen) <= 2.2 * small


def test_bound_text_splits_long_sentences_and_removes_huge_tokens():
    words = " ".join(f"w{i}" for i in range(50_000)) + "."
    b = bound_text(words)
    runs = [len(p.split()) for p in b.text.split("\n\n")]
    assert max(runs) <= MAX_SENTENCE_WORDS
    assert b.split_sentences == 1 and sum(runs) == 50_000
    assert "split every" in (b.note() or "")
    b = bound_text("Start here. " + "z" * (MAX_TOKEN_CHARS + 1) + " end.")
    assert b.removed_tokens == 1 and "z" * 10 not in b.text and b.text.startswith("Start here.")


def test_bound_text_leaves_normal_text_untouched():
    text = "\n\n".join([PARA] * 50)
    b = bound_text(text)
    assert b.text is text and b.note() is None


def test_prepare_notes_bounded_text():
    raw = RawInput("long.txt", text="A headline for the test\n\n" + " ".join(["word"] * 2000))
    doc, notes = pipeline.prepare_noted(raw)
    assert isinstance(doc, Document)
    assert max(len(p.split()) for p in doc.text.split("\n\n")) <= MAX_SENTENCE_WORDS
    assert any("split every" in n["error"] for n in notes)


def _dated_article(n: int) -> str:
    parts = []
    for i in range(n):
        parts.append(
            f"In March {1950 + i % 60}, the army of Chile attacked rebels in the north. "
            "Later that year, the government of Peru condemned the attack."
        )
    return "\n\n".join(parts)


def _dating_work(nlp, n: int, monkeypatch) -> int:
    text = _dated_article(n)
    sdoc = nlp(text)
    document = Document(doc_id="d", source="s", text=text, anchor_date="2020-01-01")
    ctx = DocContext(
        doc=sdoc,
        document=document,
        anchor="2020-01-01",
        anchor_precision="day",
        actors=resolve_actors(sdoc, nlp, "2020-01-01"),
        timexes=find_timexes(text, "2020-01-01"),
    )
    examined = [0]
    original = DocContext.timexes_between

    def counting(self, start, end):
        found = original(self, start, end)
        examined[0] += len(found)
        return found

    monkeypatch.setattr(DocContext, "timexes_between", counting)
    for sent in sdoc.sents:
        dating.date_fields(ctx, sent.root, narrative=True)
    monkeypatch.setattr(DocContext, "timexes_between", original)
    return examined[0]


def test_dating_examines_a_bounded_number_of_expressions_per_row(nlp, monkeypatch):
    small = _dating_work(nlp, 40, monkeypatch)
    large = _dating_work(nlp, 160, monkeypatch)
    assert small > 0
    # per-row rescans of every earlier expression made this grow 16-fold (quadratic)
    assert large <= 4.5 * small


def test_anaphoric_year_still_takes_the_latest_year(nlp):
    text = "In 1999, Chile attacked rebels. Later that year, Peru condemned the attack."
    sdoc = nlp(text)
    document = Document(doc_id="d", source="s", text=text, anchor_date="2020-01-01")
    ctx = DocContext(
        doc=sdoc,
        document=document,
        anchor="2020-01-01",
        anchor_precision="day",
        actors=resolve_actors(sdoc, nlp, "2020-01-01"),
        timexes=find_timexes(text, "2020-01-01"),
    )
    condemned = next(t for t in sdoc if t.lemma_ == "condemn")
    assert dating.date_fields(ctx, condemned)[0] == "1999"


@pytest.mark.parametrize("value", ["0", "-5", "abc", "inf", "nan"])
def test_doc_time_budget_rejects_invalid_values(value):
    with pytest.raises(ValueError, match="TIEGRAPH_DOC_TIME_BUDGET"):
        doc_time_budget({"TIEGRAPH_DOC_TIME_BUDGET": value})


def test_doc_time_budget_default_and_value():
    assert doc_time_budget({}) == DEFAULT_DOC_TIME_BUDGET
    assert doc_time_budget({"TIEGRAPH_DOC_TIME_BUDGET": "2.5"}) == 2.5


@pytest.mark.parametrize("size", [0, -1, 2.5, "8", True])
def test_process_rejects_invalid_batch_size(nlp, size):
    with pytest.raises(ValueError, match="batch size"):
        next(pipeline.process([RawInput("a.txt", text=PARA)], nlp=nlp, batch_size=size))


def test_over_budget_document_is_a_failure_and_the_run_goes_on(nlp, monkeypatch):
    """A fake clock: the events stage of the document named "slow" takes 1,000 s."""
    now = [0.0]
    monkeypatch.setattr(pipeline, "_clock", lambda: now[0])
    monkeypatch.setenv("TIEGRAPH_DOC_TIME_BUDGET", "60")
    real = pipeline.events.extract_events

    def events(ctx):
        if ctx.document.source == "slow.txt":
            now[0] += 1000.0
        return real(ctx)

    monkeypatch.setattr(pipeline.events, "extract_events", events)
    text = "Headline of the article here\n\n" + PARA
    inputs = [
        RawInput("first.txt", text=text),
        RawInput("slow.txt", text=text.replace("Geneva", "Paris")),
        RawInput("last.txt", text=text.replace("Geneva", "Rome")),
    ]
    recs = list(pipeline.process(inputs, nlp=nlp, batch_size=2))
    assert [r.doc.source for r in recs] == ["first.txt", "slow.txt", "last.txt"]
    slow = recs[1]
    assert slow.errors and "over the time budget" in slow.errors[0]["error"]
    assert "after events" in slow.errors[0]["error"] and not slow.events
    assert not recs[0].errors and not recs[2].errors
