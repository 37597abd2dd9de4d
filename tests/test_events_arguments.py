"""Issue 13: arguments (victims, harm nouns), speech to the press, dates that belong to
another clause or fall after the article, and readings added for real news."""

from __future__ import annotations

import pytest

from tiegraph.ingest.readers import RawInput
from tiegraph.model import Document, Event
from tiegraph.pipeline import extract_record, prepare


def _events(nlp, text: str, anchor: str = "2024-05-10") -> list[Event]:
    doc = prepare(RawInput("t", text, {"published": anchor}))
    assert isinstance(doc, Document)
    return extract_record(doc, nlp(doc.text), nlp).events


def _code(ref) -> str | None:
    return (ref.country or ref.code) if ref else None


def _rows(events: list[Event], type_: str) -> list[tuple]:
    return [(_code(e.source), _code(e.target)) for e in events if e.type == type_]


@pytest.mark.parametrize(
    "text",
    [
        "Russia's foreign minister told Reuters that talks were going well.",
        "The Kenyan minister spoke to the BBC on Monday.",
        '"We will not bend," he told VOA Albanian.',
    ],
)
def test_speaking_to_a_news_outlet_is_no_consult(nlp, text) -> None:
    assert not _rows(_events(nlp, text), "CONSULT")


def test_telling_a_counterpart_is_still_a_consult(nlp) -> None:
    text = "The Kenyan president told his Somali counterpart that the border would stay open."
    assert ("KEN", "SOM") in _rows(_events(nlp, text), "CONSULT")


def test_who_comes_under_attack_is_the_target(nlp) -> None:
    rows = _rows(_events(nlp, "Pakistan's military came under attack by Afghan forces."), "ASSAULT")
    assert rows == [("AFG", "PAK")]


def test_an_accord_under_which_one_acts_is_no_attack_frame(nlp) -> None:
    text = "Under an accord signed last November, Chile sells gas to Argentina."
    assert ("CHL", "ARG") in _rows(_events(nlp, text, "2025"), "AGREE")


def test_the_victims_of_condemned_violence_are_not_its_target(nlp) -> None:
    text = "The insurgent group denied involvement, saying it condemns any violence against Afghan civilians."
    assert not [t for _, t in _rows(_events(nlp, text), "ACCUSE") if t == "AFG"]


def test_a_year_of_an_earlier_agreement_does_not_date_the_signing(nlp) -> None:
    events = _events(
        nlp, "Israel and Egypt signed a peace treaty after a 1978 agreement.", "2019-06-15"
    )
    treaty = [e for e in events if e.trigger.text == "treaty"]
    assert treaty and all(e.date == "2019-06-15" for e in treaty)


def test_an_agreement_named_after_after_is_not_negated(nlp) -> None:
    text = "Iran resumed enrichment after a 2013 agreement with the United States collapsed."
    agree = [e for e in _events(nlp, text, "2019-06-15") if e.type == "AGREE"]
    assert agree and all(e.polarity == "asserted" and e.date == "2013" for e in agree)


def test_a_deadline_after_the_article_is_no_asserted_past_event(nlp) -> None:
    text = "Kenya has until Feb. 4 to appeal the ruling against Somalia."
    for e in _events(nlp, text, "2020-01-23"):
        if e.date and e.date > "2020-01-23":
            assert e.modality not in {"actual", "reported"}


@pytest.mark.parametrize(
    ("text", "type_", "src", "tgt"),
    [
        ("Peru declared an emergency on its border with Chile.", "COERCE", "PER", "CHL"),
        ("India imposed a ban on Chinese apps on Monday.", "SANCTION", "IND", "CHN"),
        (
            "Washington has barred three top Albanian officials from entering the country.",
            "SANCTION",
            "USA",
            "ALB",
        ),
        (
            "Pakistan designated the Afghan group a terrorist organization.",
            "SANCTION",
            "PAK",
            "AFG",
        ),
        ("Hungary railed against Germany over migration.", "ACCUSE", "HUN", "DEU"),
        ("Nigeria opened an investigation into the Ghanaian embassy.", "ACCUSE", "NGA", "GHA"),
    ],
)
def test_readings_added_for_real_news(nlp, text, type_, src, tgt) -> None:
    assert (src, tgt) in _rows(_events(nlp, text), type_)
