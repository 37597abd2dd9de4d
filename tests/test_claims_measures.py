"""The VOA measure taxonomy (eval/voa/ANNOTATION.md) as data: each measure, its unit,
shares and fractions, several figures in one sentence, and what is no claim.

Every sentence here is written for these tests (not taken from any story)."""

from __future__ import annotations

import pytest

from tiegraph.extract.claims import find_values, measure_covers, vocab
from tiegraph.ingest.readers import RawInput
from tiegraph.model import Claim
from tiegraph.pipeline import extract_record, prepare


@pytest.fixture(scope="module")
def claims_of(nlp):
    def run(text: str, published: str = "2024-05-08") -> list[Claim]:
        doc = prepare(RawInput(source="t.txt", text=text, meta={"published": published}))
        return extract_record(doc, nlp(doc.text), nlp).claims

    return run


def rows(claims: list[Claim]) -> set[tuple]:
    return {(c.measure, c.value, c.unit) for c in claims}


ANNOTATION_MEASURES = """casualties injured detained freed displaced people_affected population
troops_stationed troop_withdrawal aid loan investment budget bilateral_trade exports imports
revenue fine price gdp tariff_rate growth_rate share economy_rank trading_partner_rank""".split()


def test_taxonomy_covers_the_annotation_guide_and_keeps_old_names():
    names = {m.name for m in vocab().measures}
    assert set(ANNOTATION_MEASURES) <= names
    assert {"trade_growth", "defence_spending_share"} <= names  # older gold sets


def test_narrower_measures_answer_for_broader_ones():
    assert measure_covers("growth_rate", "trade_growth")
    assert measure_covers("share", "defence_spending_share")
    assert measure_covers("trade_growth", "trade_growth")
    assert not measure_covers("trade_growth", "growth_rate")
    assert not measure_covers("casualties", "injured")


@pytest.mark.parametrize(
    "text,value",
    [
        ("Almost two-thirds of the schools are private.", 66.66),
        ("Farms provided one-fifth of the electricity.", 20.0),
        ("One in five teachers is absent.", 20.0),
        ("Sixty-five percent of students agreed.", 65.0),
    ],
)
def test_fractions_and_word_percentages_are_percentages(text, value):
    got = [(v.value, v.unit) for v in find_values(text) if v.unit == "percent"]
    assert got == [(value, "percent")]


def test_killed_and_injured_are_different_measures(claims_of):
    got = rows(
        claims_of(
            "Gunmen attacked a market in Kenya on Monday. At least 12 people were killed and "
            "more than 40 people were wounded, police said."
        )
    )
    assert ("casualties", 12.0, "people") in got
    assert ("injured", 40.0, "people") in got
    assert ("casualties", 40.0, "people") not in got


def test_rescued_and_freed_are_not_casualties(claims_of):
    got = rows(claims_of("Pakistani troops rescued 300 passengers from the train on Wednesday."))
    assert got == {("freed", 300.0, "people")}


def test_two_figures_in_one_sentence_are_two_claims(claims_of):
    got = rows(
        claims_of("In Nigeria, 21 passengers died in the attack and four soldiers were killed.")
    )
    assert {("casualties", 21.0, "people"), ("casualties", 4.0, "people")} <= got


def test_a_loan_is_not_trade_or_aid(claims_of):
    got = rows(
        claims_of(
            "Egypt is negotiating a loan program valued at $3 billion with the IMF to boost trade."
        )
    )
    assert got == {("loan", 3e9, "USD")}


def test_shares_tariffs_fines_and_prices(claims_of):
    got = rows(
        claims_of(
            "Arabs make up 50% of Syria's population. "
            "Trump threatened Canada with 25% tariffs on steel. "
            "Violators can be fined up to $47,000. "
            "The ticket price rose to $220."
        )
    )
    assert ("share", 50.0, "percent") in got
    assert ("tariff_rate", 25.0, "percent") in got
    assert ("fine", 47000.0, "USD") in got
    assert ("price", 220.0, "USD") in got


def test_growth_of_prices_is_a_growth_rate(claims_of):
    got = rows(claims_of("In Turkey, consumer prices saw a 12 percent increase last year."))
    assert ("growth_rate", 12.0, "percent") in got


def test_not_shares(claims_of):
    got = rows(
        claims_of(
            'Trump said he would "100%" be able to free him. The index closed 10% below its '
            "record high. The average score of the teachers was 53 percent."
        )
    )
    assert not {m for m, _, _ in got} & {"share"}


def test_no_claim_without_a_figure_of_a_measure(claims_of):
    got = claims_of(
        "Lai, 77, has been held for 52 days. The bloc has 27 member states. One of Syria's oldest "
        "peoples lives in the north. The trial was set for 2025."
    )
    assert got == []


def test_a_year_then_the_next_figure_is_not_a_range(claims_of):
    got = claims_of("In Pakistan, deaths in these attacks surged from 88 in 2023 to 388 in 2024.")
    assert {(c.value, c.as_of) for c in got} == {(88.0, "2023"), (388.0, "2024")}


def test_a_duration_does_not_date_a_figure(claims_of):
    c = claims_of("Pakistan is negotiating a three-year loan program valued at $6 billion.")
    assert [x.as_of for x in c] == ["2024-05-08"]
