"""Round-6 claim rules, on sentences of the VOA development stories (eval/voa/corpus,
dev ids) and, where the dev stories hold no instance, on wire-style sentences of the
classes eval/voa/ANNOTATION.md names (vote tallies, loans, "N others")."""

from __future__ import annotations

import pytest

from tiegraph.ingest.readers import RawInput
from tiegraph.model import Claim
from tiegraph.pipeline import extract_record, prepare

PUB = "2025-03-14"


@pytest.fixture(scope="module")
def claims_of(nlp):
    def run(text: str) -> list[Claim]:
        doc = prepare(RawInput(source="test.txt", text=text, meta={"published": PUB}))
        return extract_record(doc, nlp(doc.text), nlp).claims

    return run


def rows(claims: list[Claim]) -> list[tuple]:
    return sorted((c.measure, c.value, tuple(sorted(c.subject))) for c in claims)


def test_a_percentage_placed_in_a_state_is_that_states(claims_of) -> None:
    text = (
        "Math was a particularly sore subject for Indonesian students, with only one percent "
        "of them performing at the highest levels, compared to 44 percent in mainland China "
        "and 37 percent in Singapore, according to the report."
    )
    got = {c.value: c.subject for c in claims_of(text) if c.measure == "share"}
    assert got == {1: ["IDN"], 44: ["CHN"], 37: ["SGP"]}


def test_a_sum_valuing_a_noun_belongs_to_the_nouns_clause_subject(claims_of) -> None:
    text = (
        "Finance Minister Muhammad Aurangzeb confirmed during a news conference that Islamabad "
        "is negotiating a three-year loan program valued at $6 - $8 billion to avoid a debt "
        "default."
    )
    assert rows(claims_of(text)) == [("loan", 6e9, ("PAK",))]


def test_a_loan_to_a_state_is_the_borrowers(claims_of) -> None:
    assert rows(claims_of("The IMF approved a $7 billion loan to Pakistan on Friday.")) == [
        ("loan", 7e9, ("PAK",))
    ]


def test_a_population_after_a_possessor_hung_on_of(claims_of) -> None:
    text = (
        "According to the CIA World Factbook , Arabs constitute 50% of Syria’s nearly 24 "
        "million people, while Alawites, Kurds and Christians make up 35%."
    )
    assert rows(claims_of(text)) == [
        ("population", 24e6, ("SYR",)),
        ("share", 35, ("SYR",)),
        ("share", 50, ("SYR",)),
    ]


def test_a_payment_for_a_killing_is_a_bounty_and_the_payees_no_toll(claims_of) -> None:
    text = (
        "During opening statements on Tuesday, federal prosecutor Jacob Gutwillig said Tehran "
        "offered to pay Amirov and Omarov $500,000 to plan Alinejad’s murder."
    )
    assert rows(claims_of(text)) == [("fine", 5e5, ("IRN",))]
    paid = claims_of("Tehran offered to pay the two men $500,000 to kill the journalist.")
    assert rows(paid) == [("fine", 5e5, ("IRN",))]  # "the two men" are not killed


def test_a_person_subject_gives_a_rate_its_country(claims_of) -> None:
    text = (
        "U.S. President Donald Trump on Thursday threatened the European Union with new "
        "tariffs.\n\n"
        "On Wednesday, Trump levied 25% tariffs on steel and aluminum exports to the U.S. from "
        "35 countries, including the EU bloc."
    )
    assert rows(claims_of(text)) == [("tariff_rate", 25, ("USA",))]


def test_one_sides_export_growth_is_the_exporters(claims_of) -> None:
    text = (
        "The EU is a major destination for U.S. whiskey, with exports surging 60% in the past "
        "three years after an earlier set of tariffs was suspended."
    )
    assert rows(claims_of(text)) == [("trade_growth", 60, ("USA",))]


def test_a_figure_told_again_is_one_claim(claims_of) -> None:
    text = (
        "President Donald Trump on Thursday threatened the European Union with 200% tariffs on "
        "wine, champagne and other spirits produced in the 27-nation bloc.\n\n"
        "Trump said in his social media post Thursday that if Europe follows through, he will "
        "impose the 200% tariff on “all wines, champagne & alcoholic products coming out of France.”"
    )
    assert [c.value for c in claims_of(text) if c.measure == "tariff_rate"] == [200]


def test_two_attacks_with_the_same_toll_stay_two_claims(claims_of) -> None:
    text = (
        "Two Afghan soldiers were killed in Kandahar on Monday. In a separate attack, two "
        "Afghan soldiers were killed in Helmand on Monday."
    )
    assert [c.value for c in claims_of(text) if c.measure == "casualties"] == [2, 2]


def test_equal_shares_of_different_things_stay_two_claims(claims_of) -> None:
    text = (
        "One in five teachers in Indonesia are regularly absent. The constitution mandates "
        "spending 20 percent of the national budget on education."
    )
    assert [c.value for c in claims_of(text)] == [20, 20]


def test_a_vote_share_is_a_tally_not_a_share(claims_of) -> None:
    assert not claims_of("The ruling party won 55% of the vote in Sunday's election in Kenya.")


def test_others_are_people(claims_of) -> None:
    got = rows(claims_of("The attack in Mali killed 12 soldiers and wounded 20 others."))
    assert got == [("casualties", 12, ("MLI",)), ("injured", 20, ("MLI",))]


def test_people_facing_famine_are_affected(claims_of) -> None:
    text = "The World Food Program said 2.3 million people in Gaza face famine."
    assert rows(claims_of(text)) == [("people_affected", 2.3e6, ("PSE",))]


def test_an_organisations_seat_is_no_party(claims_of) -> None:
    text = "Roughly 300,000 jobs depend on the sector, according to the Brussels-based group."
    assert [c.subject for c in claims_of(text)] == [[]]


def test_a_bare_half_of_is_a_share_but_a_half_year_is_not(claims_of) -> None:
    text = "Half of Gaza's hospitals are no longer functioning, the WHO said."
    assert rows(claims_of(text)) == [("share", 50, ("PSE",))]
    period = claims_of("Exports from South Korea to China fell by 20% in the first half of 2023.")
    assert [(c.measure, c.value, c.as_of) for c in period] == [("trade_growth", -20, "2023")]


def test_a_unit_price_is_a_price(claims_of) -> None:
    got = claims_of("Brent crude rose 2% to $75 a barrel on Monday.")
    assert sorted((c.measure, c.value) for c in got) == [("growth_rate", 2), ("price", 75)]


def test_people_at_a_rally_are_participants(claims_of) -> None:
    got = claims_of("About 2,000 people attended the rally in Caracas.")
    assert rows(got) == [("people_affected", 2000, ("VEN",))]


def test_a_free_relative_rate_is_the_levying_organisations(claims_of) -> None:
    text = (
        "President Donald Trump on Thursday threatened the European Union with 200% tariffs "
        "on wine, champagne and other spirits produced in the 27-nation bloc after the EU "
        "levied what he said was “a nasty 50% tariff” on American-distilled whiskey."
    )
    got = {c.value: c.subject for c in claims_of(text) if c.measure == "tariff_rate"}
    assert got == {200: ["USA"], 50: ["IGO"]}


def test_an_organisations_troops_are_its(claims_of) -> None:
    got = claims_of("The United Nations has about 12,000 peacekeepers in South Sudan.")
    assert [(c.measure, c.subject, c.location) for c in got] == [
        ("troops_stationed", ["IGO"], "SSD")
    ]


def test_the_first_of_parallel_from_to_figures_stands_at_the_periods_start(claims_of) -> None:
    text = (
        "From 2001 to 2018, the PISA sample coverage leaped from 46 percent to 85 percent of "
        "15-year-old students in Indonesia."
    )
    assert sorted((c.value, c.as_of) for c in claims_of(text)) == [(46, "2001"), (85, "2018")]
