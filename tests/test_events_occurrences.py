"""One event per occurrence: the dyad rows of one trigger are one row with actor lists."""

from __future__ import annotations

from tiegraph.ingest.readers import RawInput
from tiegraph.model import Document, Event
from tiegraph.pipeline import extract_record, prepare


def _events(nlp, text: str) -> list[Event]:
    doc = prepare(RawInput("t", text, {"published": "2024-05-10"}))
    assert isinstance(doc, Document)
    return extract_record(doc, nlp(doc.text), nlp).events


def _codes(refs) -> set[str]:
    return {r.country or r.code for r in refs if r}


def test_a_list_of_members_meeting_is_one_consult(nlp) -> None:
    text = (
        "The leaders of Canada, France, Germany, Italy, Japan, Britain and the United States "
        "met in Rome on Friday."
    )
    consults = [e for e in _events(nlp, text) if e.type == "CONSULT"]
    assert len(consults) == 1
    e = consults[0]
    members = {"CAN", "FRA", "DEU", "ITA", "JPN", "GBR", "USA"}
    assert _codes([e.source, *e.also_sources]) == members
    assert len(e.dyads()) == 7 * 6  # every ordered pair, counted as one occurrence


def test_two_states_meeting_is_one_mutual_consult(nlp) -> None:
    e, *rest = [
        e for e in _events(nlp, "Egypt and Jordan met in Cairo on Monday.") if e.type == "CONSULT"
    ]
    assert not rest
    assert _codes([e.source, e.target]) == {"EGY", "JOR"}
    assert _codes([e.source, *e.also_sources]) == {"EGY", "JOR"}


def test_co_signatories_of_one_request_do_not_request_each_other(nlp) -> None:
    text = "France and Germany urged Russia to withdraw its troops on Monday."
    reqs = [e for e in _events(nlp, text) if e.type == "REQUEST"]
    assert len(reqs) == 1
    e = reqs[0]
    assert _codes([e.source, *e.also_sources]) == {"FRA", "DEU"}
    assert _codes([e.target, *e.also_targets]) == {"RUS"}
