"""Event coding: roles, PLOVER/CAMEO coding, polarity, modality, location, confidence.

Sentences are written for these tests; the accuracy test runs the hand-written set
in tests/data/event_sentences.yaml (see its header) and prints per-type results
with `-s`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tiegraph import resources
from tiegraph.extract import events as ev
from tiegraph.ingest.readers import RawInput
from tiegraph.model import Document, Event, ExtractionRecord
from tiegraph.pipeline import extract_record, prepare

DATA = Path(__file__).parent / "data" / "event_sentences.yaml"
RESULTS = Path(__file__).resolve().parents[1] / "benchmarks" / "results"
PLOVER_TYPES = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}
# Accuracy floor on type + source + target (+ date, polarity) over all sentences.
# Round 1: 126/127 on the tuning set, 45/48 on its held-out set at the first run.
# Round 2: 43/46 on `round2` and 13/16 on `round2_heldout` at their first runs; 239/239
# over all parts now. Round 3: 11/13 on `round3` at the first run, 13/13 after fixing two
# expected dates. Round 4: 48/71 on `round4` at the first run (55/71 once seven labels of
# mine were set to the project's conventions), 65/71 after the round-4 fixes; 14/16 on
# `round4_heldout` (written after those fixes) at its first run, 16/16 now. The floor
# leaves room for a different parser build.
FLOOR = 0.85


def _records(nlp, texts: list[str], anchor: str | None = "2019-06-15") -> list[ExtractionRecord]:
    meta = {"published": anchor} if anchor else {}
    docs = [prepare(RawInput(f"t{i}", t, dict(meta))) for i, t in enumerate(texts)]
    assert all(isinstance(d, Document) for d in docs)
    return [extract_record(d, sd, nlp) for d, sd in zip(docs, nlp.pipe([d.text for d in docs]))]


def _events(nlp, text: str, anchor: str | None = "2019-06-15") -> list[Event]:
    return _records(nlp, [text], anchor)[0].events


def _code(ref) -> str | None:
    return (ref.country or ref.code) if ref else None


def _find(events: list[Event], type_: str, src: str | None, tgt: str | None) -> list[Event]:
    """Events of the type with (src, tgt) among their dyads (root or `also_*` lists)."""
    return [
        e
        for e in events
        if e.type == type_ and any(_code(s) == src and _code(t) == tgt for s, t in e.dyads())
    ]


def _asserted(events: list[Event], type_: str, src: str | None, tgt: str | None) -> list[Event]:
    return [e for e in _find(events, type_, src, tgt) if e.polarity == "asserted"]


# ---------------------------------------------------------------- the sentence set


def _correct(case: dict, events: list[Event]) -> bool:
    hits = [
        e
        for e in _find(events, case["type"], case.get("source"), case.get("target"))
        if not case.get("date") or (e.date or "").startswith(str(case["date"]))
    ]
    if case.get("polarity", "asserted") == "negated":
        return any(e.polarity == "negated" for e in hits) and not any(
            e.polarity == "asserted" for e in hits
        )
    return any(e.polarity == "asserted" for e in hits)


def test_sentence_set_accuracy(nlp) -> None:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    report: dict[str, dict] = {}
    total_ok = total = 0
    for part in (
        "sentences",
        "heldout",
        "round2",
        "round2_heldout",
        "round3",
        "round4",
        "round4_heldout",
    ):
        cases = data[part]
        by_anchor: dict[str, list[dict]] = {}
        for c in cases:
            by_anchor.setdefault(str(c.get("anchor", data["anchor"])), []).append(c)
        per_type: dict[str, list[int]] = {}
        misses = []
        for anchor, group in by_anchor.items():
            recs = _records(nlp, [c["text"] for c in group], anchor)
            for c, rec in zip(group, recs):
                ok = _correct(c, rec.events)
                per_type.setdefault(c["type"], [0, 0])
                per_type[c["type"]][0] += ok
                per_type[c["type"]][1] += 1
                if not ok:
                    misses.append(c["text"])
        n_ok = sum(v[0] for v in per_type.values())
        report[part] = {
            "accuracy": round(n_ok / len(cases), 3),
            "correct": n_ok,
            "total": len(cases),
            "per_type": {k: f"{v[0]}/{v[1]}" for k, v in sorted(per_type.items())},
            "misses": misses,
        }
        total_ok += n_ok
        total += len(cases)
    report["all"] = {"accuracy": round(total_ok / total, 3), "correct": total_ok, "total": total}
    print("\nevent sentence set:", json.dumps(report, indent=2))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "event_sentences.json").write_text(json.dumps(report, indent=2) + "\n")
    assert {c["type"] for c in data["sentences"]} == PLOVER_TYPES
    assert len(data["sentences"]) + len(data["heldout"]) >= 100
    assert total_ok / total >= FLOOR, report


# ---------------------------------------------------------------- data file and ontology


def test_every_pattern_codes_a_plover_type() -> None:
    lex = ev.lexicon()
    table = resources.cameo_to_plover()
    modes = resources.plover_types()
    pats = [p for ps in lex.verbs.values() for p in ps] + list(lex.nouns.values())
    assert len(pats) > 150
    covered = set()
    for p in pats:
        ptype = p.type or (table.get(p.cameo) or table.get(p.cameo[:3]) or ("",))[0]
        assert ptype in PLOVER_TYPES, (p.lemma, p.cameo)
        assert resources.goldstein_for(p.cameo) is not None, p
        if p.type and p.mode:
            assert p.mode in modes[p.type], p
        covered.add(ptype)
    assert covered == PLOVER_TYPES


def test_narrow_readings_are_tried_first() -> None:
    vow = ev.lexicon().verbs["vow"]
    assert vow[0].objects and vow[0].cameo.startswith("13")  # "vowed retaliation"


# ---------------------------------------------------------------- coding of rows


def test_row_carries_cameo_goldstein_quadclass_and_spans(nlp) -> None:
    text = "Iraq invaded Kuwait in August 1990."
    (e,) = _asserted(_events(nlp, text), "ASSAULT", "IRQ", "KWT")
    assert (e.cameo, e.goldstein, e.quad_class) == ("190", -10.0, 4)
    assert text[e.trigger.start : e.trigger.end] == "invaded"
    assert e.evidence.text == text
    assert e.rule == "verb:invade"
    assert 0.05 <= e.confidence <= 0.95


def test_passive_with_agent(nlp) -> None:
    events = _events(nlp, "The Ukrainian navy was attacked by Russian ships in November 2018.")
    assert _asserted(events, "ASSAULT", "RUS", "UKR")


def test_compound_subject_codes_both_directions(nlp) -> None:
    events = _events(nlp, "Finland and Estonia established a joint coast guard partnership.")
    assert _asserted(events, "AGREE", "FIN", "EST")
    assert _asserted(events, "AGREE", "EST", "FIN")


def test_agreed_to_withdraw_is_agree_plus_future_retreat(nlp) -> None:
    text = "In 2009, Britain agreed to withdraw its remaining troops from Iraq by 2011."
    events = _events(nlp, text)
    (agree,) = _asserted(events, "AGREE", "GBR", "IRQ")
    assert agree.modality == "actual" and agree.date == "2009"
    (retreat,) = _asserted(events, "RETREAT", "GBR", "IRQ")
    assert retreat.modality == "future" and retreat.date == "2011"


def test_refused_to_engage_targets_the_partner(nlp) -> None:
    events = _events(nlp, "Caracas has refused to engage with Colombia until the talks resume.")
    assert _asserted(events, "REJECT", "VEN", "COL")


def test_pushing_for_x_to_act_targets_x(nlp) -> None:
    text = "Officials in Canberra had been pushing for Jakarta to tighten its border controls."
    assert _asserted(_events(nlp, text), "REQUEST", "AUS", "IDN")


def test_source_of_a_by_clause_is_the_governing_subject(nlp) -> None:
    text = (
        "The Malaysian prime minister, who seldom travels abroad, underlined the "
        "importance of trade by visiting India in March."
    )
    (e,) = _asserted(_events(nlp, text), "CONSULT", "MYS", "IND")
    assert e.date == "2019-03"


def test_subject_given_by_a_membership_phrase(nlp) -> None:
    text = "Many activists in Poland accuse Belarus of mistreating the Polish minority."
    assert _asserted(_events(nlp, text), "ACCUSE", "POL", "BLR")


def test_target_from_a_demonym_modifier(nlp) -> None:
    text = "Moscow has opposed Georgian membership efforts with NATO for years."
    assert _asserted(_events(nlp, text), "REJECT", "RUS", "GEO")


def test_returned_to_national_control_targets_that_nation(nlp) -> None:
    text = "In 1999, the United States returned the canal to Panamanian control."
    assert _asserted(_events(nlp, text), "RETREAT", "USA", "PAN")


def test_nominal_events(nlp) -> None:
    events = _events(nlp, "The 1979 invasion of Afghanistan by the Soviet Union lasted a decade.")
    (e,) = _asserted(events, "ASSAULT", "RUS", "AFG")
    assert e.date == "1979" and e.rule == "noun:invasion"
    events = _events(nlp, "Egypt and Israel held the first summit between them in 1977.")
    assert _asserted(events, "CONSULT", "EGY", "ISR")


def test_light_verb_gives_the_participants_of_an_event_noun(nlp) -> None:
    events = _events(nlp, "Seoul and Tokyo reached a trade deal in July.")
    deal = [e for e in _asserted(events, "AGREE", "KOR", "JPN") if e.trigger.text == "deal"]
    # a June 2019 article: a past "July" is July 2018
    assert deal and deal[0].date == "2018-07"


def test_pronoun_subject_takes_the_previous_main_subject(nlp) -> None:
    text = "Azerbaijan denied the report on Monday. It accused Armenia of shelling its villages."
    assert _asserted(_events(nlp, text), "ACCUSE", "AZE", "ARM")


def test_the_two_countries_are_the_two_named_most(nlp) -> None:
    text = (
        "Chile has long disputed its maritime border with Peru. Peru took the case to court "
        "in 2008. The two countries signed an agreement on the border in 2014."
    )
    events = _events(nlp, text)
    assert _asserted(events, "AGREE", "CHL", "PER") or _asserted(events, "AGREE", "PER", "CHL")


def test_condemned_the_test_points_back_to_who_tested(nlp) -> None:
    text = "Iran tested a new ballistic missile on Sunday. France condemned the test."
    assert _asserted(_events(nlp, text), "ACCUSE", "FRA", "IRN")


# ---------------------------------------------------------------- polarity


@pytest.mark.parametrize(
    "text,type_,src,tgt",
    [
        ("Chile did not sign the treaty with Peru.", "SUPPORT", "CHL", "PER"),
        ("Finland never recognized the Russian annexation of Crimea.", "SUPPORT", "FIN", "RUS"),
        ("Kenya refused to withdraw its troops from Somalia.", "RETREAT", "KEN", "SOM"),
        ("No agreement between Serbia and Kosovo was reached.", "AGREE", "SRB", "XKX"),
        ("The summit between Japan and Russia ended without an agreement.", "AGREE", "JPN", "RUS"),
        (
            "None of the talks between Sudan and Chad were formally announced.",
            "CONSULT",
            "SDN",
            "TCD",
        ),
    ],
)
def test_negated_events_are_never_asserted(nlp, text, type_, src, tgt) -> None:
    found = _find(_events(nlp, text), type_, src, tgt)
    assert found and all(e.polarity == "negated" for e in found), found


def test_a_never_signed_treaty_is_negated(nlp) -> None:
    text = "Egypt and Sudan held talks in 1990, but a formal border treaty was never signed."
    events = _events(nlp, text)
    assert not [e for e in events if e.type == "AGREE" and e.polarity == "asserted"]


def test_comparison_noun_does_not_borrow_the_sentence_states(nlp) -> None:
    text = (
        "In the same way the African Union has grown from a Cold War defense pact into a broad "
        "forum, Kenya is trying to recast its partnership with Britain as more than an aid deal."
    )
    events = _events(nlp, text, anchor="2026-01-10")
    assert not [
        e
        for e in events
        if e.type == "AGREE" and {_code(e.source), _code(e.target)} == {"KEN", "GBR"}
    ]


def test_requested_treaty_is_not_an_agreement(nlp) -> None:
    text = "Georgia repeated its demand for a non-aggression treaty with Russia."
    events = _events(nlp, text)
    assert _asserted(events, "REQUEST", "GEO", "RUS")
    assert not [e for e in events if e.type == "AGREE"]


def test_threatened_attack_is_not_an_attack(nlp) -> None:
    events = _events(nlp, "Turkey threatened to attack Kurdish fighters in Syria.")
    assert [e for e in events if e.type == "THREATEN"]
    assert not [e for e in events if e.type == "ASSAULT"]


# ---------------------------------------------------------------- modality


@pytest.mark.parametrize(
    "text,type_,modality",
    [
        ("Japan will send a destroyer to the Gulf next month.", "MOBILIZE", "future"),
        ("Spain plans to recognize Palestine next year.", "SUPPORT", "future"),
        ("Germany is due to send two frigates to the Pacific next month.", "MOBILIZE", "future"),
        ("Iran could attack Israel if the talks collapse.", "ASSAULT", "hypothetical"),
        ("Officials said Britain had expelled two Russian diplomats.", "SANCTION", "reported"),
        ("Peru expelled the Mexican ambassador on Friday.", "SANCTION", "actual"),
    ],
)
def test_modality(nlp, text, type_, modality) -> None:
    found = [e for e in _events(nlp, text) if e.type == type_]
    assert found and found[0].modality == modality, found


# ---------------------------------------------------------------- location and confidence


def test_location_is_the_place_governed_by_the_event(nlp) -> None:
    events = _events(nlp, "Israel and Jordan signed a water deal at the Dead Sea resort in May.")
    assert any(e.location and "Dead Sea" in e.location for e in events)
    events = _events(nlp, "Turkish jets bombed Kurdish positions in Iraq on Sunday.")
    (e,) = _asserted(events, "ASSAULT", "TUR", "IRQ")
    assert e.location is None  # the place is the target, not a venue


def test_confidence_is_higher_for_a_complete_dated_dyad(nlp) -> None:
    full = _asserted(_events(nlp, "Iraq invaded Kuwait in August 1990."), "ASSAULT", "IRQ", "KWT")
    bare = [e for e in _events(nlp, "Iraq attacked.") if e.type == "ASSAULT"]
    assert full and bare and full[0].confidence > bare[0].confidence


def test_min_confidence_filters_rows(nlp) -> None:
    from tiegraph.extract.context import DocContext
    from tiegraph.nlp.timex import find_timexes
    from tiegraph.resolve.actors import resolve_actors

    text = "Iraq attacked. Later, Iraq invaded Kuwait in August 1990."
    doc = nlp(text)
    document = Document(doc_id="x", source="x", text=text, published="2019-06-15")
    ctx = DocContext(
        doc=doc,
        document=document,
        anchor="2019-06-15",
        anchor_precision="day",
        actors=resolve_actors(doc, nlp, "2019-06-15"),
        timexes=find_timexes(text, "2019-06-15"),
    )
    every = ev.extract_events(ctx)
    strict = ev.extract_events(ctx, min_confidence=0.7)
    assert len(strict) < len(every)
    assert all(e.confidence >= 0.7 for e in strict)


def test_dev_sample_sentences_code_as_annotated(sample_records) -> None:
    """The shared sample articles: the hardest sentences of the brief, end to end."""
    rec = sample_records["004_12083f526e349120.txt"]
    evs = rec.events
    assert _asserted(evs, "REJECT", "USA", "PRK")
    assert [e for e in _asserted(evs, "CONSULT", "PRK", "CHN") if e.date == "2006-01"]
    assert [e for e in _asserted(evs, "AGREE", "USA", "KOR") if e.date == "2004"]
    assert [e for e in _asserted(evs, "RETREAT", "USA", "KOR") if e.date == "2004"]
    other = sample_records["000_c00f8aac215743d5.txt"]
    assert not [
        e
        for e in other.events
        if e.type == "AGREE" and e.polarity == "asserted" and (e.date or "").startswith("2026")
    ]


def test_location_names_the_venue(nlp) -> None:
    text = "South Korea and Japan signed the accord at the Grand Hyatt Seoul on Saturday."
    events = _asserted(_events(nlp, text, anchor="2026-01-12"), "AGREE", "KOR", "JPN")
    assert events and events[0].location == "Grand Hyatt Seoul"
    assert events[0].date == "2026-01-10"


def test_the_two_koreas_are_the_states_sharing_the_name(nlp) -> None:
    text = (
        "China urged calm. The prime ministers of the two Koreas held three rounds of talks "
        "with North Korea and South Korea's envoys present."
    )
    events = _events(nlp, text)
    assert _asserted(events, "CONSULT", "KOR", "PRK") or _asserted(events, "CONSULT", "PRK", "KOR")


def test_warning_shots_are_a_show_of_force_not_an_assault(nlp) -> None:
    events = _events(nlp, "Greek coast guard vessels fired warning shots near a Turkish boat.")
    assert not [e for e in events if e.type == "ASSAULT"]
    assert [e for e in events if e.type == "MOBILIZE"]


def test_implicit_target_from_the_article_dyad_is_marked(nlp) -> None:
    text = (
        "India and Pakistan traded accusations on Monday. India said Pakistan had sheltered "
        "the attackers, and Pakistan said India had no proof. India expelled two diplomats "
        "on Tuesday. Pakistan suspended trade the next day."
    )
    events = _events(nlp, text)
    inferred = [e for e in events if e.rule and e.rule.endswith("+context")]
    assert inferred
    for e in inferred:
        assert {_code(e.source), _code(e.target)} == {"IND", "PAK"}
        # one occurrence: the inferred target replaces the target-less row, not beside it
        assert [o for o in events if o.trigger == e.trigger and o.type == e.type] == [e]


def test_title_line_is_its_own_sentence(nlp) -> None:
    text = "Leaders Meet in Geneva\n\nThe United States and Iran signed an agreement on Friday."
    events = _asserted(_events(nlp, text), "AGREE", "USA", "IRN")
    assert events and events[0].evidence.text.startswith("The United States")


# ---------------------------------------------------------------- round 2


def test_a_clause_before_its_governor_is_not_negated(nlp) -> None:
    # the parser makes "deny" the root: the accusation still happened, and the denial
    # answers it
    text = (
        "Ottawa has accused Beijing of interfering in its elections, a charge Chinese "
        "officials deny."
    )
    events = _events(nlp, text)
    assert _asserted(events, "ACCUSE", "CAN", "CHN")
    assert _asserted(events, "REJECT", "CHN", "CAN")


def test_a_denial_targets_only_an_accuser_of_the_denier(nlp) -> None:
    text = "Ukraine accused Russia of shelling the plant. Hungary denied any role in the talks."
    events = _events(nlp, text)
    assert not [e for e in events if e.type == "REJECT" and _code(e.target) == "UKR"]


def test_a_request_by_someone_is_not_negated_by_the_refusal_to_answer_it(nlp) -> None:
    text = "Minsk did not respond to a request by Vilnius to return the migrants."
    events = _events(nlp, text)
    assert _asserted(events, "REQUEST", "LTU", "BLR")


def test_an_announced_attack_is_a_threat(nlp) -> None:
    events = _events(nlp, "Armenia said it would hit back at Azerbaijan if the shelling continued.")
    assert _asserted(events, "THREATEN", "ARM", "AZE")
    assert not _asserted(events, "ASSAULT", "ARM", "AZE")


def test_leaving_a_deal_targets_its_partner_without_a_new_agreement(nlp) -> None:
    text = (
        "In 2015, Iran reached a nuclear deal with the United States. In 2018, the United "
        "States withdrew from the deal."
    )
    events = _events(nlp, text)
    (left,) = _asserted(events, "SANCTION", "USA", "IRN")
    assert left.date == "2018" and left.cameo == "161"
    # the deal named in the withdrawal is not a new agreement
    assert not [e for e in events if e.type == "AGREE" and e.date == "2018"]


def test_a_renewed_treaty_takes_the_parties_of_the_earlier_one(nlp) -> None:
    text = "Finland and Sweden signed a defense pact in 1991. The pact was renewed in 2001."
    (e,) = [x for x in _asserted(_events(nlp, text), "AGREE", "FIN", "SWE") if x.date == "2001"]
    assert e.rule == "noun:pact+antecedent"


def test_joint_pledge_codes_both_directions(nlp) -> None:
    text = "The leaders of Egypt and Ethiopia met in Cairo and pledged to resolve the dam dispute."
    events = _events(nlp, text)
    assert _asserted(events, "AGREE", "EGY", "ETH") and _asserted(events, "AGREE", "ETH", "EGY")


def test_local_partner_when_the_article_has_no_clear_pair(nlp) -> None:
    text = (
        "North Korean artillery shelled Yeonpyeong island on Tuesday. South Korean forces "
        "returned fire within minutes."
    )
    events = _events(nlp, text)
    (e,) = [x for x in _asserted(events, "ASSAULT", "KOR", "PRK") if "returned" in x.trigger.text]
    assert e.rule.endswith("+context")


def test_third_country_in_a_relative_clause_keeps_the_implicit_target(nlp) -> None:
    text = (
        "Iran and Israel have traded strikes for months. Iran threatened Israel again on "
        "Monday. The missile, which American officials believe was a new model, was "
        "launched from Iran on Tuesday."
    )
    events = _events(nlp, text)
    assert [e for e in _asserted(events, "MOBILIZE", "IRN", "ISR") if "launched" in e.trigger.text]


def test_object_pronoun_and_number_objects(nlp) -> None:
    events = _events(nlp, "Japan and India opened ties in 1952 and upgraded them in 2014.")
    assert [e for e in _asserted(events, "AGREE", "JPN", "IND") if e.date == "2014"]
    events = _events(nlp, "Last year Germany provided $40 million in aid to Sudan.")
    assert _asserted(events, "AID", "DEU", "SDN")


def test_summoning_an_envoy_is_a_protest(nlp) -> None:
    events = _events(nlp, "Chile summoned the Bolivian ambassador on Monday.")
    (e,) = _asserted(events, "PROTEST", "CHL", "BOL")
    assert e.cameo == "114"


# ---------------------------------------------------------------- round 3


def test_the_three_navies_are_the_three_states_named_most(nlp) -> None:
    text = (
        "Sweden joined the alliance last year. Norway, Sweden and Finland met in Oslo in "
        "March. Russia was not invited. Norway and Finland praised the talks. The three "
        "navies held a drill in April."
    )
    events = [e for e in _events(nlp, text) if e.trigger.text == "drill"]
    assert len(events) == 1  # one drill, its three participants on both sides
    pairs = {(_code(s), _code(t)) for e in events for s, t in e.dyads()}
    assert ("NOR", "SWE") in pairs and ("SWE", "FIN") in pairs
    assert not any("RUS" in p for p in pairs)


def test_the_allies_in_a_warning_never_include_the_speaker(nlp) -> None:
    text = "Chile and Peru began a naval drill on Monday. Bolivia warned that the allies would regret it."
    events = _events(nlp, text)
    assert _asserted(events, "THREATEN", "BOL", "CHL") and _asserted(
        events, "THREATEN", "BOL", "PER"
    )


def test_criticizing_a_joint_drill_targets_every_party(nlp) -> None:
    text = "Spain and Portugal held a joint drill in May. Morocco criticized the drill."
    events = _events(nlp, text)
    assert _asserted(events, "ACCUSE", "MAR", "ESP") and _asserted(events, "ACCUSE", "MAR", "PRT")


def test_calling_an_act_a_threat_is_an_accusation(nlp) -> None:
    text = "Iran fired two missiles toward Iraq on Tuesday. Baghdad called the launches a grave threat."
    assert _asserted(_events(nlp, text), "ACCUSE", "IRQ", "IRN")
    assert not _find(_events(nlp, "Baghdad called the meeting a success."), "ACCUSE", "IRQ", None)


def test_fighting_alongside_forces_is_cooperation_not_an_attack_on_them(nlp) -> None:
    events = _events(nlp, "Thousands of Iranian soldiers were fighting alongside Syrian forces.")
    assert _asserted(events, "COOPERATE", "IRN", "SYR")
    assert not _find(events, "ASSAULT", "IRN", "SYR")


def test_third_country_context_target_is_never_the_side_helped(nlp) -> None:
    pair = (
        "Israel struck Iran in April. Iran accused Israel of aggression. Israel said Iran "
        "had attacked first. Iran and Israel traded threats on Monday. "
    )
    helped = _events(nlp, pair + "Syria has sent 2,000 troops to fight for Moscow.")
    assert _asserted(helped, "MOBILIZE", "SYR", "RUS")  # the troops are sent for Moscow
    assert not _find(helped, "ASSAULT", "SYR", "RUS")  # ... and do not fight it
    actual = _events(nlp, pair + "Egypt condemned the strikes. Jordan objected on Tuesday.")
    assert not [e for e in actual if _code(e.source) == "JOR" and _code(e.target) == "RUS"]


# ---------------------------------------------------------------- round 4


def test_gathering_verb_for_talks_is_a_light_verb(nlp) -> None:
    events = _events(nlp, "Delegates from Chile and Bolivia sat down for talks in Lima.")
    assert _asserted(events, "CONSULT", "CHL", "BOL") and _asserted(events, "CONSULT", "BOL", "CHL")
    # "for" on a verb that is no gathering verb names no event of its subject
    assert not _find(
        _events(nlp, "Chile blamed Bolivia for talks that failed."), "CONSULT", "CHL", "BOL"
    )


def test_participle_agent_is_the_author_before_a_venue_compound(nlp) -> None:
    events = _events(nlp, "China vetoed a Security Council draft resolution tabled by Norway.")
    assert _asserted(events, "REJECT", "CHN", "NOR")
    assert not _find(events, "REJECT", "CHN", "IGOUNO")


def test_possessive_pronoun_on_the_target_place_is_the_speaker(nlp) -> None:
    events = _events(nlp, "Georgia said Russian helicopters had fired on its border posts.")
    assert _asserted(events, "ASSAULT", "RUS", "GEO")


def test_round4_light_verbs_and_readings(nlp) -> None:
    assert _asserted(
        _events(nlp, "Malaysia extended an invitation to the Thai king."), "AGREE", "MYS", "THA"
    )
    assert _asserted(
        _events(nlp, "Spain voiced support for Portugal's bid."), "SUPPORT", "ESP", "PRT"
    )
    assert _asserted(
        _events(nlp, "Sudan moved thousands of troops to its border with Ethiopia."),
        "MOBILIZE",
        "SDN",
        "ETH",
    )
    alert = _events(nlp, "Serbia put its army on high alert after clashes with Kosovo.")
    assert [e for e in alert if e.type == "MOBILIZE" and _code(e.source) == "SRB"]
    aid = _events(nlp, "Japan delivered vaccines to Vietnam in July.")
    assert _asserted(aid, "AID", "JPN", "VNM")
