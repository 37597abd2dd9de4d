"""Issue 13: nominal and light-verb events on real news (VOA development stories):
noun readings chosen by their light verb, the agent in an "of" phrase, a verb reading
that codes the occurrence once, and nouns that name no act that happened."""

from __future__ import annotations

import copy

import pytest

from tiegraph import resources
from tiegraph.extract.events import rules
from tiegraph.ingest.readers import RawInput
from tiegraph.model import Document, Event
from tiegraph.pipeline import extract_record, prepare


def _events(nlp, text: str, anchor: str = "2025-03-14") -> list[Event]:
    doc = prepare(RawInput("t", text, {"published": anchor}))
    assert isinstance(doc, Document)
    return extract_record(doc, nlp(doc.text), nlp).events


def _code(ref) -> str | None:
    return (ref.country or ref.code) if ref else None


def _parties(e: Event) -> set[str | None]:
    return {_code(r) for r in [e.source, e.target, *e.also_sources, *e.also_targets] if r}


def test_noun_readings_load_in_file_order() -> None:
    lex = rules.lexicon()
    curfew = lex.noun_readings["curfew"]
    assert [p.cameo for p in curfew] == ["0813", "1723"]
    assert "lift" in curfew[0].light and "impose" in curfew[1].light
    # the generic reading (no light verb) stays the noun's reading for the other rules
    assert lex.nouns["sanction"].cameo == "163" and not lex.nouns["sanction"].light


def test_a_misspelt_light_key_fails_loudly() -> None:
    data = copy.deepcopy(resources.load_yaml("event_patterns.yaml"))
    data["nouns"].append({"lemma": "curfew", "cameo": "1723", "lihgt": ["impose"]})
    with pytest.raises(rules.RulesError, match="lihgt"):
        rules.rules_from(data, resources.load_yaml("word_classes.yaml"))


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Kenya lifted the curfew in Nairobi on Monday.", "RETREAT"),
        ("Kenya imposed a curfew in Nairobi on Monday.", "COERCE"),
        ("Kenya lifted sanctions on Somalia on Monday.", "RETREAT"),
    ],
)
def test_the_light_verb_chooses_the_reading(nlp, text, type_) -> None:
    events = _events(nlp, text)
    assert any(e.type == type_ and _code(e.source) == "KEN" for e in events)
    # lifting is never read as imposing
    if "lifted" in text:
        assert not any(e.type in {"SANCTION", "COERCE"} for e in events)


def test_launched_strikes_on_is_an_attack_on_the_object_of_on(nlp) -> None:
    events = _events(nlp, "Israel launched strikes on Lebanon on Sunday.")
    assert [(e.type, _code(e.source), _code(e.target)) for e in events] == [
        ("ASSAULT", "ISR", "LBN")
    ]


def test_terrorist_strikes_against_a_state_target_it(nlp) -> None:
    # 6205629
    text = "That would be the 20th anniversary of the terrorist strikes against the U.S."
    assert any(e.type == "ASSAULT" and _code(e.target) == "USA" for e in _events(nlp, text))


def test_the_of_phrase_is_the_agent_of_a_withdrawal(nlp) -> None:
    # 6205629
    text = (
        "The leader of Afghanistan’s Taliban insurgency Sunday praised the ongoing "
        "withdrawal of U.S.-led foreign troops from Afghanistan."
    )
    events = _events(nlp, text, "2021-05-09")
    rows = [(_code(e.source), _code(e.target)) for e in events if e.type == "RETREAT"]
    assert rows == [("USA", "AFG")]


def test_led_talks_with_makes_the_subject_a_party(nlp) -> None:
    # 8008456
    text = (
        "Secretary of State Marco Rubio led more than eight hours of peace talks with "
        "Ukrainian officials in Jeddah, Saudi Arabia, to reach the agreement."
    )
    talks = [e for e in _events(nlp, text, "2025-03-12") if e.trigger.text == "talks"]
    assert len(talks) == 1 and {"USA", "UKR"} <= _parties(talks[0])


def test_one_person_leading_talks_is_one_side(nlp) -> None:
    # 6205696: Barnier, an EU official and a Frenchman, led the EU's talks: no France-EU talks
    text = (
        "Former top European Union official Michel Barnier, who led the bloc’s fraught "
        "Brexit negotiations, says immigration to France should stop for three to five years."
    )
    talks = [e for e in _events(nlp, text, "2021-05-11") if e.trigger.text == "negotiations"]
    assert all(len(_parties(e)) <= 1 for e in talks)


def test_a_proposed_deal_is_no_agreement(nlp) -> None:
    # 8005869
    text = (
        "Many Chagossians argue Mauritius has never had a rightful claim to their homeland — "
        "and object to Britain’s proposed deal to cede sovereignty."
    )
    assert not [e for e in _events(nlp, text, "2025-03-10") if e.trigger.text == "deal"]


def test_a_verb_reading_for_its_object_codes_the_occurrence_once(nlp) -> None:
    # 8009495: "imposed new tariffs" is coded by the verb; the noun adds no second row
    text = (
        "Europe quickly retaliated with its own tariffs on $28 billion worth of U.S. exports "
        "to countries that have long had close relations with the U.S., while Canada imposed "
        "new tariffs on $20.7 billion worth of U.S. exports to its northern neighbor."
    )
    canada = [e for e in _events(nlp, text, "2025-03-13") if _code(e.source) == "CAN"]
    assert [(e.type, e.trigger.text, _code(e.target)) for e in canada] == [
        ("SANCTION", "imposed", "USA")
    ]


def test_the_speaker_is_a_party_to_talks_it_reports_on(nlp) -> None:
    # 7678740
    text = (
        "Pakistan said Sunday that discussions with the International Monetary Fund to secure "
        "a new multibillion-dollar loan program are progressing well."
    )
    talks = [e for e in _events(nlp, text, "2024-06-30") if e.trigger.text == "discussions"]
    assert len(talks) == 1 and _parties(talks[0]) == {"PAK", "IGOIMF"}


def test_the_backing_of_a_state_is_its_support(nlp) -> None:
    # 8005869
    text = (
        "The proposed deal also has the backing of India, which has close political and "
        "security ties to Mauritius."
    )
    events = _events(nlp, text, "2025-03-10")
    assert [(e.type, _code(e.source)) for e in events if e.trigger.text == "backing"] == [
        ("SUPPORT", "IND")
    ]


def test_the_noun_a_participle_modifies_takes_part(nlp) -> None:
    # 6184244
    text = (
        "Trump has been reassigning U.S. officials involved in negotiations with North Korea "
        "to other posts."
    )
    talks = [e for e in _events(nlp, text, "2020-02-14") if e.trigger.text == "negotiations"]
    assert len(talks) == 1 and _parties(talks[0]) == {"USA", "PRK"}


def test_a_designation_is_a_sanction_by_its_modifier(nlp) -> None:
    # 6206085
    text = (
        "Differing opinions The U.S. designation comes on the heels of the ruling left-wing "
        "Socialist Party's third win in parliamentary elections."
    )
    events = _events(nlp, text, "2021-05-22")
    assert [(e.type, _code(e.source)) for e in events if e.trigger.text == "designation"] == [
        ("SANCTION", "USA")
    ]
