"""Verb readings added for issue 13 on the VOA development stories: security operations
against clandestine groups, and what a foiled plot was meant to do (not asserted)."""

from __future__ import annotations

from tiegraph.ingest.readers import RawInput
from tiegraph.model import Document, Event
from tiegraph.pipeline import extract_record, prepare


def _events(nlp, text: str) -> list[Event]:
    doc = prepare(RawInput("t", text, {"published": "2025-03-13"}))
    assert isinstance(doc, Document)
    return extract_record(doc, nlp(doc.text), nlp).events


def test_breaking_up_a_cell_is_coercion_by_the_agency(nlp) -> None:
    # VOA 8009027 (dev)
    text = (
        "On Feb. 24, the Moroccan counterterror agency broke up a terrorist cell calling "
        'itself "the Lions of the Caliphate in the Maghreb Al Aqsa."'
    )
    got = [(e.type, e.source and e.source.country) for e in _events(nlp, text)]
    assert ("COERCE", "MAR") in got
    # a couple breaking up is nothing of the kind
    assert not _events(nlp, "The couple broke up in 2019.")


def test_what_a_foiled_plot_was_meant_to_do_is_not_asserted(nlp) -> None:
    events = _events(nlp, "Indonesia foiled a plot to bomb the Australian embassy.")
    assert [e.type for e in events] == ["COERCE"]
    # a purpose clause after other objects is left as it was
    got = {e.type for e in _events(nlp, "Russia sent troops to attack Ukraine.")}
    assert "ASSAULT" in got


def _dyads(events: list[Event]) -> set[tuple]:
    return {(e.type, e.source and e.source.country, e.target and e.target.country) for e in events}


def test_an_honour_conferred_is_support_for_its_recipient(nlp) -> None:
    text = "Mauritius conferred its highest civilian honor on Indian Prime Minister Narendra Modi."
    assert ("SUPPORT", "MUS", "IND") in _dyads(_events(nlp, text))
    # conferring with someone is still a consultation
    text = "Japan's foreign minister conferred with his Chinese counterpart on Monday."
    assert {t for t, _, _ in _dyads(_events(nlp, text))} == {"CONSULT"}


def test_ordered_back_to_prison_is_a_detention(nlp) -> None:
    # VOA 8010046 (dev)
    text = (
        "A Guatemalan judge ordered prominent journalist Jose Ruben Zamora back to prison "
        "this week in a move that the leader of his legal team called “inhumane.”"
    )
    got = {(t, s) for t, s, _ in _dyads(_events(nlp, text))}
    assert ("COERCE", "GTM") in got and ("ACCUSE", "GTM") not in got


def test_boarding_a_vessel_is_seizing_it(nlp) -> None:
    # VOA 6205546 (dev)
    got = _dyads(
        _events(nlp, "Chinese authorities have boarded foreign boats before, Thayer said.")
    )
    assert ("COERCE", "CHN", None) in got


def test_a_dictionary_phrase_takes_its_target_from_the_object_phrase(nlp) -> None:
    # VOA 8010842 (dev): PETRARCH2's AFFIRM + SUPPORT pattern, Ukraine in "support for"
    text = (
        "The statement said the G7 countries affirmed their “unwavering support for Ukraine in "
        "defending its territorial integrity and right to exist, and its freedom, sovereignty "
        "and independence.”"
    )
    events = [e for e in _events(nlp, text) if e.type == "SUPPORT"]
    assert [(e.source.code, e.target.country) for e in events] == [("IGOG7", "UKR")]
    assert events[0].rule.startswith("verb:affirm@petrarch:")


def test_a_deed_nested_deep_under_a_suggestion_is_not_asserted(nlp) -> None:
    # VOA 8009044 (dev): "push" hangs under "a way", under "use", under "suggested"
    text = (
        "Speaking at the Cato Institute event, Mark Clifford, president of the Committee for "
        "Freedom in Hong Kong, suggested that the U.S. government should use sanctions against "
        "Hong Kong officials as a way to push for Lai’s release."
    )
    assert not [e for e in _events(nlp, text) if e.type == "REQUEST"]
    # the same verb said, not suggested, is asserted
    text = "Britain pushed for the release of the detained journalists on Monday."
    assert "REQUEST" in {e.type for e in _events(nlp, text)}


def test_striking_an_agreement_is_no_strike(nlp) -> None:
    # VOA 6205362 (dev)
    text = (
        "The struggle with the malfunctioning database doesn’t augur well for when (and if) "
        "the EU’s fractious member states strike an agreement on digital vaccine passports, "
        "something that has so far eluded them."
    )
    assert not [e for e in _events(nlp, text) if e.type == "ASSAULT"]
    assert "ASSAULT" in {e.type for e in _events(nlp, "Israel struck Gaza on Monday.")}
