"""Speech acts (issue 13): criticism, rejection, dismissal and demands expressed in
words are coded with the speaker as source; speaking to the press is not consultation.

Sentences are VOA development-story sentences (tests/data/event_sentences_voa.yaml)
or written in their style."""

from __future__ import annotations

from tiegraph.ingest.readers import RawInput
from tiegraph.model import Document, Event
from tiegraph.pipeline import extract_record, prepare


def _events(nlp, text: str) -> list[Event]:
    doc = prepare(RawInput("t", text, {"published": "2025-03-14"}))
    assert isinstance(doc, Document)
    return extract_record(doc, nlp(doc.text), nlp).events


def _dyads(events: list[Event]) -> set[tuple]:
    return {
        (e.type, e.source and e.source.country, e.target and e.target.country)
        for e in events
        if e.polarity == "asserted"
    }


def test_a_claim_called_baseless_is_rejected(nlp) -> None:
    # VOA 6203336-like dev sentence
    got = _dyads(_events(nlp, "Tehran has previously called the abduction allegations “baseless.”"))
    assert ("REJECT", "IRN", None) in got
    assert not any(t == "ACCUSE" for t, _, _ in got)


def test_dismissed_as_rejects_whatever_is_dismissed(nlp) -> None:
    got = _dyads(_events(nlp, "The Kremlin dismissed the report as Western propaganda."))
    assert ("REJECT", "RUS", None) in got


def test_described_as_a_condemnation_is_criticism(nlp) -> None:
    # VOA 8005869: the parser hangs "as" on the object
    text = (
        "Robert Jenrick, the shadow justice secretary for Britain’s Conservative opposition "
        "party, described the proposed plan as “a strategic disaster for Britain” that "
        "represented “an appalling betrayal of the British people.”"
    )
    assert ("ACCUSE", "GBR", None) in _dyads(_events(nlp, text))
    # a neutral description is no criticism
    neutral = "Japan described the summit as a useful exchange of views."
    assert not [e for e in _events(nlp, neutral) if e.type == "ACCUSE"]


def test_attacking_a_newspaper_is_an_attack_in_words(nlp) -> None:
    text = (
        "Trump also attacked The Wall Street Journal newspaper, the country’s leading "
        "business publication, for refusing to support his tariff plans."
    )
    types = {e.type for e in _events(nlp, text)}
    assert "ACCUSE" in types and "ASSAULT" not in types


def test_lashing_out_and_refuting_have_the_speaker_as_source(nlp) -> None:
    got = _dyads(_events(nlp, "China lashed out at the United States on Monday."))
    assert ("ACCUSE", "CHN", "USA") in got
    got = _dyads(_events(nlp, "Russia refuted the accusations made by Ukraine."))
    assert ("REJECT", "RUS", "UKR") in got


def test_telling_a_news_outlet_is_not_consultation(nlp) -> None:
    for text in (
        "Such matters, he told VOA, should be decided through referendums.",
        "Alinejad, 48, told VOA she could not comment while the trial is ongoing.",
        "Republican Representative Andy Barr told VOA that Ukraine needs more support.",
    ):
        assert not [e for e in _events(nlp, text) if e.type == "CONSULT"], text
