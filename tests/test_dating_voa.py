"""Issue 13: event dates on the VOA development stories (eval/voa/corpus, split.json
"dev"): a weekday is the article's week whatever year an earlier clause named; no
asserted past event is dated after its article; one row per trigger and type."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tiegraph.ingest.readers import RawInput
from tiegraph.model import Document, Event
from tiegraph.pipeline import extract_record, prepare

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "eval" / "voa" / "corpus"


def _story_events(nlp, story: str) -> tuple[str, list[Event]]:
    with open(CORPUS / f"{story}.jsonl", encoding="utf-8") as fh:
        st = json.loads(fh.readline())
    anchor = str(st.get("published") or "")[:10]
    doc = prepare(RawInput(f"voa-{story}", st["text"], {"published": anchor}))
    assert isinstance(doc, Document)
    return anchor, extract_record(doc, nlp(doc.text), nlp).events


def test_a_weekday_keeps_the_articles_year(nlp) -> None:
    # 6206085 (published 2021-05-22): "Berisha, who resigned ... after being defeated as
    # prime minister in 2013, rejected the allegations during a press conference Thursday."
    _, events = _story_events(nlp, "6206085")
    rejected = [e for e in events if e.type == "REJECT" and e.trigger.text == "rejected"]
    assert rejected and all(e.date == "2021-05-20" for e in rejected)


@pytest.mark.parametrize("story", ["6206085", "6205629", "8005869", "8009314", "6184244"])
def test_no_asserted_past_event_after_its_article_and_no_repeats(nlp, story) -> None:
    anchor, events = _story_events(nlp, story)
    late = [
        (e.type, e.trigger.text, e.date)
        for e in events
        if e.polarity == "asserted"
        and e.modality in {"actual", "reported"}
        and e.date
        and e.date[: len(anchor)] > anchor[: len(e.date)]
    ]
    assert not late
    keys = [(e.trigger.start, e.type) for e in events]
    assert len(keys) == len(set(keys))
