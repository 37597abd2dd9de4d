"""Numeric claims: number forms, measures, subjects, locations, as-of dates.

Every sentence here is written for these tests (not taken from the sample articles).
"""

from __future__ import annotations

import pytest

from tiegraph.extract.claims import find_values, word_number
from tiegraph.ingest.readers import RawInput
from tiegraph.model import Claim, Span
from tiegraph.pipeline import extract_record, prepare


@pytest.fixture(scope="module")
def claims_of(nlp):

    def run(text: str, published: str | None = "2015-03-10") -> list[Claim]:
        meta = {"published": published} if published else {}
        doc = prepare(RawInput(source="test.txt", text=text, meta=meta))
        return extract_record(doc, nlp(doc.text), nlp).claims

    return run


def one(claims: list[Claim], measure: str, value: float | None = None) -> Claim:
    got = [c for c in claims if c.measure == measure and (value is None or c.value == value)]
    assert len(got) == 1, [(c.measure, c.value, c.subject) for c in claims]
    return got[0]


def values(text: str) -> list[tuple]:
    return [(v.value, v.high, v.unit, v.qualifier, v.negated) for v in find_values(text)]


# -- number forms ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("exports of $90 billion", (9.0e10, None, "USD", None, False)),
        ("a grant of $1.1 million", (1.1e6, None, "USD", None, False)),
        ("a loan of US$ 5 bn", (5.0e9, None, "USD", None, False)),
        ("a fund of €20 million", (2.0e7, None, "EUR", None, False)),
        ("it will pay 1.52 trillion won", (1.52e12, None, "KRW", None, False)),
        ("was expected to reach $85-90 million", (8.5e7, 9.0e7, "USD", None, False)),
        ("between 3,000 and 4,000 soldiers", (3000.0, 4000.0, "count", None, False)),
        ("a 42 percent increase", (42.0, None, "percent", None, False)),
        ("rose 8.3% a year", (8.3, None, "percent", None, False)),
        ("the world's 11th largest economy", (11.0, None, "rank", None, False)),
        ("the world's 13th-largest economy", (13.0, None, "rank", None, False)),
        ("its second-largest trading partner", (2.0, None, "rank", None, False)),
        ("its largest trading partner", (1.0, None, "rank", None, False)),
        ("Forty-six sailors died", (46.0, None, "count", None, False)),
        ("more than a dozen people", (12.0, None, "count", "more than", False)),
        ("nearly two million refugees", (2.0e6, None, "count", "nearly", False)),
        ("some 3,000 troops", (3000.0, None, "count", "some", False)),
        ("an estimated $100 million", (1.0e8, None, "USD", "an estimated", False)),
        ("it has not 40,000 soldiers", (40000.0, None, "count", None, True)),
    ],
)
def test_number_forms(text: str, expected: tuple) -> None:
    assert values(text) == [expected]


def test_codes_and_model_names_are_not_numbers() -> None:
    assert values("F-16 jets, K-9 howitzers and a Hwasong-15 missile") == []


def test_word_numbers() -> None:
    assert word_number("thirty-five") == 35
    assert word_number("a dozen") == 12
    assert word_number("seventeen") == 17
    assert word_number("umpteen") is None


# -- measures, subjects, locations -----------------------------------------------------


def test_troops_with_demonym_location_and_qualifier(claims_of) -> None:
    c = one(claims_of("Roughly 54,000 American troops are stationed in Japan."), "troops_stationed")
    assert (c.subject, c.location, c.value, c.unit) == (["USA"], "JPN", 54000, "people")
    assert c.qualifier == "roughly"
    assert c.as_of == "2015-03-10" and c.as_of_source == "publication"


def test_with_phrase_gives_subject_and_location(claims_of) -> None:
    text = "Poland, with some 2,500 troops in Lithuania, is the largest contributor to the force."
    c = one(claims_of(text), "troops_stationed")
    assert (c.subject, c.location, c.value) == (["POL"], "LTU", 2500)


def test_host_verb_makes_the_subject_the_location(claims_of) -> None:
    c = one(claims_of("Germany hosts about 35,000 American soldiers."), "troops_stationed")
    assert (c.subject, c.location) == (["USA"], "DEU")


def test_elided_noun_borrows_subject_and_keeps_own_location(claims_of) -> None:
    text = "About 28,500 American troops are stationed in South Korea and about 54,000 in Japan."
    claims = claims_of(text)
    assert one(claims, "troops_stationed", 28500).location == "KOR"
    c = one(claims, "troops_stationed", 54000)
    assert (c.subject, c.location) == (["USA"], "JPN")


def test_partitive_splits_withdrawal_and_total(claims_of) -> None:
    text = (
        "In 2011, Britain agreed to withdraw 4,000 of the 9,500 British troops currently "
        "deployed in Afghanistan by 2013."
    )
    claims = claims_of(text, "2012-05-01")
    w = one(claims, "troop_withdrawal")
    total = one(claims, "troops_stationed")
    assert (w.value, w.subject, w.location) == (4000, ["GBR"], "AFG")
    assert (total.value, total.subject, total.location) == (9500, ["GBR"], "AFG")
    # "currently" dates the stock; the deadline "by 2013" never does
    assert total.as_of == "2012-05-01" and total.as_of_source.text == "currently"


def test_negated_figure_is_kept_and_marked(claims_of) -> None:
    claims = claims_of("Officials insist that France has not 40,000 but 4,000 soldiers in Mali.")
    assert one(claims, "troops_stationed", 40000).polarity == "negated"
    assert one(claims, "troops_stationed", 4000).polarity == "asserted"


def test_bilateral_trade_between_named_states_and_growth(claims_of) -> None:
    text = (
        "Bilateral trade between New Delhi and Tokyo reached $17 billion in 2014, a 9 percent rise."
    )
    claims = claims_of(text)
    t = one(claims, "bilateral_trade")
    assert (sorted(t.subject), t.value, t.unit, t.as_of) == (["IND", "JPN"], 1.7e10, "USD", "2014")
    g = one(claims, "trade_growth")
    assert (sorted(g.subject), g.value, g.unit) == (["IND", "JPN"], 9, "percent")


def test_trade_between_the_two_countries_is_the_last_two_states(claims_of) -> None:
    text = (
        "Vietnam and Cambodia settled their border dispute in 2012. Trade between the two "
        "countries reached $3.4 billion in 2013."
    )
    c = one(claims_of(text), "bilateral_trade")
    assert sorted(c.subject) == ["KHM", "VNM"] and c.as_of == "2013"


def test_trade_with_one_named_partner_adds_the_focal_state(claims_of) -> None:
    text = (
        "Australia depends on its exports. Trade with China, which reached $150 billion in "
        "2013, now dwarfs the rest. Australia also sells coal to Japan."
    )
    c = one(claims_of(text), "bilateral_trade")
    assert sorted(c.subject) == ["AUS", "CHN"] and c.as_of == "2013"


def test_a_sum_that_measures_another_noun_is_not_trade(claims_of) -> None:
    text = (
        "Bilateral trade between Greece and Turkey fell last year as Greece accepted a "
        "rescue package of some $110 billion."
    )
    assert [c.value for c in claims_of(text) if c.measure == "bilateral_trade"] == []


def test_investment_clauses_each_with_their_year_and_projection(claims_of) -> None:
    text = (
        "In 2011, Japanese investment in Myanmar was $4.5 million; in 2012, it jumped to "
        "$55 million; and in 2013, it was expected to reach $120-150 million."
    )
    claims = [c for c in claims_of(text, "2013-06-01") if c.measure == "investment"]
    got = [(c.value, c.value_high, c.as_of, c.projection) for c in claims]
    assert got == [
        (4.5e6, None, "2011", False),
        (5.5e7, None, "2012", False),
        (1.2e8, 1.5e8, "2013", True),
    ]
    assert all(c.subject == ["JPN"] and c.location == "MMR" for c in claims)


def test_projection_is_dated_by_its_target(claims_of) -> None:
    text = "Chinese investment in Pakistan is expected to reach $46 billion by 2020."
    c = one(claims_of(text), "investment")
    assert c.projection and c.as_of == "2020"


def test_ranks_copula_apposition_and_plural(claims_of) -> None:
    claims = claims_of(
        "Brazil is the world's seventh-largest economy. Mexico, the world's 15th-largest "
        "economy, signed the pact. Indonesia is one of the world's largest economies."
    )
    ranks = sorted((c.subject[0], c.value) for c in claims if c.measure == "economy_rank")
    assert ranks == [("BRA", 7), ("MEX", 15)]


def test_trading_partner_rank_subject_is_the_partner(claims_of) -> None:
    c = one(claims_of("Germany is France's largest trading partner."), "trading_partner_rank")
    assert (c.subject, c.location, c.value) == (["DEU"], "FRA", 1)


def test_population_of_an_apposed_country(claims_of) -> None:
    c = one(claims_of("Canada, a country of some 35 million people, signed."), "population")
    assert (c.subject, c.value, c.qualifier) == (["CAN"], 3.5e7, "some")


def test_casualties_take_the_victims_state(claims_of) -> None:
    text = "The ambush killed 34 Turkish soldiers near the border on March 3."
    c = one(claims_of(text), "casualties")
    assert c.subject == ["TUR"] and c.as_of == "2015-03-03"


def test_figure_inside_a_quote_is_asserted_by_the_speaker(claims_of) -> None:
    text = (
        '"There are about 28,500 American troops on our soil," said Kim Min-seok, a '
        "spokesman for the South Korean Defense Ministry."
    )
    c = one(claims_of(text), "troops_stationed")
    assert c.asserted_by == "Kim Min-seok"
    assert c.location == "KOR"


# -- as-of dates -------------------------------------------------------------------------


def test_since_means_the_figure_holds_up_to_the_document_date(claims_of) -> None:
    c = one(
        claims_of("China has been Chile's largest trading partner since 2010."),
        "trading_partner_rank",
    )
    assert c.as_of == "2015-03-10" and c.as_of_source.text == "since 2010"


def test_year_of_another_thing_does_not_date_the_figure(claims_of) -> None:
    text = (
        "Some 2,000 French troops are based in Djibouti, and the memory of the 1977 "
        "independence still shapes policy."
    )
    c = one(claims_of(text), "troops_stationed")
    assert c.as_of == "2015-03-10" and c.as_of_source == "publication"


def test_baseline_year_does_not_date_the_new_value(claims_of) -> None:
    text = "Trade between Chile and Peru rose last year to $3.1 billion, from $2.2 billion in 2012."
    claims = claims_of(text, "2014-02-01")
    assert one(claims, "bilateral_trade", 3.1e9).as_of == "2013"
    assert one(claims, "bilateral_trade", 2.2e9).as_of == "2012"


def test_year_named_in_text_is_the_marked_fallback(claims_of) -> None:
    text = (
        "In 2021, the alliance looks different. Nearly 2,500 American troops are stationed "
        "in Australia."
    )
    c = one(claims_of(text, published=None), "troops_stationed")
    assert c.as_of == "2021" and c.as_of_precision == "year"
    assert c.as_of_source == "year named in text"


def test_restated_level_adds_its_own_date(claims_of) -> None:
    text = (
        "The United States keeps about 2,500 troops in Australia, the level that the two "
        "governments agreed in 2011 to maintain."
    )
    got = sorted(c.as_of for c in claims_of(text, "2014-05-05") if c.measure == "troops_stationed")
    assert got == ["2011", "2014-05-05"]


def test_claims_serialise_with_their_sources(claims_of) -> None:
    c = one(claims_of("In 2013, Russia's defence budget was $88 billion."), "budget")
    d = c.to_dict()
    assert d["subject"] == ["RUS"] and d["as_of"] == "2013"
    assert isinstance(c.as_of_source, Span) and d["as_of_source"]["text"] == "2013"
    assert "defence budget" in d["evidence"]["text"]


def test_relative_clause_subject_is_its_antecedent(claims_of) -> None:
    text = "The senator criticised Washington, which keeps some 2,000 troops in Niger."
    c = one(claims_of(text), "troops_stationed")
    assert (c.subject, c.location) == (["USA"], "NER")


def test_unplaced_foreign_troops_take_the_place_named_in_the_sentence(claims_of) -> None:
    text = "Tokyo agreed to pay more for stationing about 54,000 American troops."
    c = one(claims_of(text), "troops_stationed")
    assert (c.subject, c.location) == (["USA"], "JPN")


def test_a_states_own_forces_get_no_guessed_location(claims_of) -> None:
    text = "Japan protested again. North Korea has an army of about 1.2 million soldiers."
    c = one(claims_of(text), "troops_stationed")
    assert (c.subject, c.location, c.value) == (["PRK"], None, 1.2e6)


def test_continued_figure_and_anaphoric_number(claims_of) -> None:
    text = (
        "Some 9,000 German troops are stationed in Lithuania. Under a plan announced in "
        "May, Berlin is to reduce that number by about 2,000 by the end of 2016."
    )
    c = one(claims_of(text), "troop_withdrawal")
    assert (c.subject, c.location, c.value, c.as_of) == (["DEU"], "LTU", 2000, "2016")


# -- round 2: more constructions -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cost between $5 billion and $7 billion", (5.0e9, 7.0e9, "USD", None, False)),
        ("Canberra announced A$300 million", (3.0e8, None, "AUD", None, False)),
        ("a fund of Rs 5,000 crore", (5.0e10, None, "INR", None, False)),
        ("imports worth 2.5 trillion rupees", (2.5e12, None, "INR", None, False)),
    ],
)
def test_more_number_forms(text: str, expected: tuple) -> None:
    assert values(text) == [expected]


def test_a_year_before_to_is_not_the_start_of_a_range() -> None:
    got = values("it shrank from about 37,000 troops in 2004 to 28,500 today")
    assert (37000.0, None, "count", "about", False) in got
    assert (28500.0, None, "count", None, False) in got
    assert values("some 2000-3000 soldiers") == [(2000.0, 3000.0, "count", "some", False)]


def test_make_x_ys_partner_when_parsed_as_one_possessor(claims_of) -> None:
    text = (
        "Trade between Chile and China reached about $38 billion last year, making China "
        "Chile's largest trading partner."
    )
    c = one(claims_of(text), "trading_partner_rank")
    assert (c.subject, c.location, c.value) == (["CHN"], "CHL", 1)


def test_possessive_pronoun_is_the_state_named_before(claims_of) -> None:
    text = "Germany is Poland's closest ally and by far its largest trading partner."
    c = one(claims_of(text), "trading_partner_rank")
    assert (c.subject, c.location) == (["DEU"], "POL")


def test_dash_joined_pair_names_both_parties(claims_of) -> None:
    text = "Trade has suffered: Turkey–Russia trade fell to about $57 billion last year."
    c = one(claims_of(text, "2024-03-01"), "bilateral_trade")
    assert sorted(c.subject) == ["RUS", "TUR"] and c.as_of == "2023"


def test_bare_bilateral_trade_is_the_documents_pair(claims_of) -> None:
    text = (
        "Greece and Turkey have argued over maritime borders for decades. Athens accused "
        "Ankara of provocations, and Ankara accused Greece of militarising islands near "
        "Turkey's coast, while Washington urged calm. Bilateral trade, which had reached "
        "about $6 billion in 2022, kept growing."
    )
    c = one(claims_of(text), "bilateral_trade")
    assert sorted(c.subject) == ["GRC", "TUR"] and c.as_of == "2022"


def test_growth_up_from_a_baseline_is_dated_by_its_own_clause(claims_of) -> None:
    text = (
        "Trade between India and Bangladesh reached about $16 billion in 2022, up roughly "
        "40 percent from $11 billion in 2021."
    )
    claims = claims_of(text)
    g = one(claims, "trade_growth")
    assert (sorted(g.subject), g.value, g.as_of) == (["BGD", "IND"], 40, "2022")
    assert one(claims, "bilateral_trade", 1.1e10).as_of == "2021"


def test_dispatched_troops_and_a_part_of_them_killed(claims_of) -> None:
    text = (
        "Minsk has sent an estimated 3,000 troops to fight for Moscow, and Ukrainian "
        "officials believe about 400 of them have been killed."
    )
    claims = claims_of(text)
    t = one(claims, "troops_stationed")
    assert (t.subject, t.location, t.value) == (["BLR"], "RUS", 3000)
    k = one(claims, "casualties")
    assert (k.subject, k.location, k.value) == (["BLR"], "RUS", 400)


def test_casualty_nouns_and_an_event_year(claims_of) -> None:
    text = "More than 500 Indian policemen were killed in the 1999 Kargil conflict."
    c = one(claims_of(text), "casualties")
    assert (c.subject, c.value, c.as_of) == (["IND"], 500, "1999")


def test_a_period_of_years_dates_the_figure_at_its_end(claims_of) -> None:
    text = "Trade between India and Nepal was worth $7 billion in the 2017-18 fiscal year."
    c = one(claims_of(text), "bilateral_trade")
    assert c.as_of == "2018" and c.as_of_source.text == "2017-18"


def test_unnamed_country_descriptions(claims_of) -> None:
    text = (
        "Iran has expanded its missile programme. Washington has warned Israel against a war "
        "with a country of nearly 90 million people. Japanese officials said the country, "
        "the world's fourth-largest economy, would help."
    )
    claims = claims_of(text)
    assert one(claims, "population").subject == ["IRN"]
    assert one(claims, "economy_rank").subject == ["JPN"]


def test_population_with_and_have(claims_of) -> None:
    claims = claims_of(
        "Egypt has a population of more than 105 million. Indonesia is the world's fourth "
        "most populous country, with about 277 million people."
    )
    got = sorted((c.subject[0], c.value) for c in claims if c.measure == "population")
    assert got == [("EGY", 1.05e8), ("IDN", 2.77e8)]


def test_rank_without_its_own_noun(claims_of) -> None:
    c = one(claims_of("Japan's economy is now the world's fourth-largest."), "economy_rank")
    assert (c.subject, c.value) == (["JPN"], 4)


def test_appositive_description_is_not_dated_by_its_clause(claims_of) -> None:
    text = "India, the world's fifth-largest economy, signed the deal in 2019."
    c = one(claims_of(text, "2024-01-15"), "economy_rank")
    assert c.as_of == "2024-01-15"


def test_pledge_toward_a_project_refers_back_to_the_place(claims_of) -> None:
    text = (
        "Tokyo has funded the consortium building a power plant in Bangladesh. Japan has "
        "pledged $2 billion toward the project."
    )
    c = one(claims_of(text), "aid")
    assert (c.subject, c.location, c.value) == (["JPN"], "BGD", 2e9)


def test_a_place_that_is_no_state_gets_no_guessed_location(claims_of) -> None:
    text = "Japan and Vietnam held talks. China's investment in Africa fell to $5 billion in 2020."
    c = one(claims_of(text), "investment")
    assert (c.subject, c.location) == (["CHN"], None)


def test_exports_and_imports(claims_of) -> None:
    claims = claims_of(
        "Vietnam's exports to the United States reached $97 billion in 2022. South Korea's "
        "imports from Japan fell to $47 billion in 2019."
    )
    e = one(claims, "exports")
    assert (e.subject, e.location, e.as_of) == (["VNM"], "USA", "2022")
    i = one(claims, "imports")
    assert (i.subject, i.location, i.as_of) == (["KOR"], "JPN", "2019")


def test_demands_plans_and_possibilities_are_projections(claims_of) -> None:
    claims = claims_of(
        "Washington demanded that Tokyo raise its contribution to about $2 billion. About "
        "54,000 American troops are stationed in Japan, and the Pentagon is weighing a plan "
        "to withdraw about 4,500 of them. Lost Chinese tourist spending could cost Thailand "
        "between $1 billion and $2 billion this year."
    )
    assert one(claims, "budget", 2e9).projection
    assert not one(claims, "troops_stationed").projection
    w = one(claims, "troop_withdrawal")
    assert w.projection and (w.subject, w.location, w.value) == (["USA"], "JPN", 4500)
    c = one(claims, "budget", 1e9)
    assert c.projection and c.value_high == 2e9


def test_a_description_is_not_a_projection(claims_of) -> None:
    text = "Pakistan, a country of some 240 million people, is seeking a new loan."
    c = one(claims_of(text), "population")
    assert not c.projection


# -- round 3: constructions from unseen article styles ------------------------------------


def test_a_reduction_in_troops_counts_the_troops_stationed(claims_of) -> None:
    text = (
        "The accord rules out any cut in the roughly 54,000 American troops stationed in "
        "Japan. The plan foresees a reduction of 9,000 U.S. troops."
    )
    claims = claims_of(text)
    s = one(claims, "troops_stationed")
    assert (s.subject, s.location, s.value) == (["USA"], "JPN", 54000)
    assert one(claims, "troop_withdrawal").value == 9000


def test_the_countrys_partner_and_the_runner_up(claims_of) -> None:
    text = (
        "Vietnam, a fast-growing exporter, has courted investors. Japan is the country's "
        "second-largest trading partner after China."
    )
    ranks = {(tuple(c.subject), c.location, c.value) for c in claims_of(text)}
    assert {(("JPN",), "VNM", 2.0), (("CHN",), "VNM", 1.0)} <= ranks


def test_its_is_the_state_of_the_clause_subject_not_a_demonym(claims_of) -> None:
    text = (
        "Japan's choice to buy an American radar system has strained its ties with China, "
        "its largest trading partner."
    )
    r = one(claims_of(text), "trading_partner_rank")
    assert (r.subject, r.location) == (["CHN"], "JPN")


def test_budgets_of_its_our_and_the_paragraph(claims_of) -> None:
    text = (
        "Poland, a frontline state, has rearmed fast. Its defense budget rose 18 percent this "
        "year to about $40 billion.\n"
        '"Our defense budget this year is roughly $9 billion," said Lithuanian Defense '
        "Minister Rasa Kairiene.\n"
        "Germany's army is thin. The defence budget for this year stands at about $55 billion."
    )
    got = {(c.subject[0], c.value) for c in claims_of(text) if c.measure == "budget"}
    assert {("POL", 4e10), ("DEU", 5.5e10)} <= got


def test_island_population_and_partner_pair_without_an_included_territory(claims_of) -> None:
    text = (
        "Taiwan held drills. For the island's 23.5 million people, the tension is familiar. "
        "China, including Hong Kong, is Taiwan's largest trading partner, and two-way trade "
        "reached about $300 billion last year."
    )
    claims = claims_of(text, "2022-08-05")
    assert one(claims, "population").subject == ["TWN"]
    t = one(claims, "bilateral_trade")
    assert sorted(t.subject) == ["CHN", "TWN"] and t.as_of == "2021"
    r = one(claims, "trading_partner_rank")
    assert r.as_of == "2022-08-05"  # "last year" dates the other clause only


def test_decline_is_negative_and_past_perfect_by_dates_a_stock(claims_of) -> None:
    text = (
        "Trade between Japan and China totaled $300 billion last year, down about 5 percent. "
        "Japanese firms had invested more than $100 billion in China by the end of 2020."
    )
    claims = claims_of(text, "2022-04-01")
    assert one(claims, "trade_growth").value == -5
    i = one(claims, "investment")
    assert (i.subject, i.location, i.as_of) == (["JPN"], "CHN", "2020")


def test_relative_clause_of_the_pair_dates_its_own_figure(claims_of) -> None:
    text = "Trade between the two Koreas, which reached $1.5 billion in 2014, has collapsed."
    assert one(claims_of(text, "2020-06-01"), "bilateral_trade").as_of == "2014"


def test_victims_of_sustain_and_debt_written_off_as_aid(claims_of) -> None:
    text = (
        "Russia and North Korea grew close. Officials said North Korean units had sustained "
        "about 1,000 casualties. Moscow had written off about $8 billion of Cuba's debt in 2014."
    )
    claims = claims_of(text, "2025-01-10")
    assert one(claims, "casualties").subject == ["PRK"]
    a = one(claims, "aid")
    assert (a.subject, a.location, a.as_of) == (["RUS"], "CUB", "2014")


def test_sending_troops_from_a_country_is_a_withdrawal_from_it(claims_of) -> None:
    text = "The Pentagon said it would send 2,000 soldiers from Germany to Poland."
    w = one(claims_of(text), "troop_withdrawal")
    assert (w.subject, w.location, w.value) == (["USA"], "DEU", 2000)


def test_partitive_total_is_no_projection_and_the_two_soldiers_no_figure(claims_of) -> None:
    text = (
        "Washington plans to withdraw about 9,000 of the 54,000 American troops stationed in "
        "Japan. A court acquitted the two soldiers involved."
    )
    claims = claims_of(text)
    s = one(claims, "troops_stationed")
    assert s.value == 54000 and not s.projection
    assert one(claims, "troop_withdrawal").projection


def test_we_in_a_quote_is_the_speakers_country(claims_of) -> None:
    text = (
        "Park Min-ho, a retired South Korean general, was blunt. \"We are the world's "
        '12th-largest economy," Park said.'
    )
    r = one(claims_of(text), "economy_rank")
    assert (r.subject, r.value) == (["KOR"], 12)


def test_a_past_clause_shares_its_siblings_year_and_a_parallel_partner(claims_of) -> None:
    text = (
        "Vietnam is squeezed. Japan bought about $25 billion of Vietnamese goods last year, and "
        "two-way trade came to roughly $50 billion; China, still the country's largest trading "
        "partner, accounted for about $175 billion."
    )
    claims = claims_of(text, "2024-05-01")
    got = {(tuple(sorted(c.subject)), c.value, c.as_of) for c in claims}
    assert (("JPN", "VNM"), 5e10, "2023") in got
    assert (("CHN", "VNM"), 1.75e11, "2023") in got


def test_a_qa_answer_takes_noun_subject_and_place_from_its_question(claims_of) -> None:
    text = (
        "How many Russian troops are in Belarus, and why?\n"
        "Officials in Kyiv put the number at about 9,000 in early March, most of them near "
        "the border."
    )
    c = one(claims_of(text, "2023-04-02"), "troops_stationed")
    assert (c.subject, c.location, c.value, c.as_of) == (["RUS"], "BLR", 9000, "2023-03")


def test_an_unnamed_country_is_the_one_its_paragraph_names_most(claims_of) -> None:
    text = (
        "Vietnam's economy is growing, and Vietnamese exporters are doing well. Japan "
        "bought more of their goods. For a country of about 100 million people, that matters."
    )
    assert one(claims_of(text), "population").subject == ["VNM"]


def test_it_continues_the_subject_and_instead_the_place_before(claims_of) -> None:
    text = (
        "Tokyo said it could change its rules. It has not sent any weapons to Ukraine. "
        "Instead it has provided help, including a $4.5 billion package of aid and loans "
        "announced last year."
    )
    a = one(claims_of(text, "2024-02-01"), "aid")
    assert (a.subject, a.location, a.as_of) == (["JPN"], "UKR", "2023")


def test_a_state_included_in_a_group_is_not_the_groups_subject(claims_of) -> None:
    text = "Several donors, including Japan, pledged $1 billion in aid to Ukraine."
    assert [c for c in claims_of(text) if c.measure == "aid"] == []


# -- round 4: forms international news uses ---------------------------------------------


def test_strong_and_no_forms() -> None:
    assert values("a 5,000-strong contingent") == [(5000.0, None, "count", None, False)]
    assert values("a 2,000-troop force") == [(2000.0, None, "count", None, False)]
    assert values("its No. 2 trading partner") == [(2.0, None, "rank", None, False)]
    assert values("No. 10 Downing Street") == [(10.0, None, "count", None, False)]


PUB = "2023-06-15"
ROUND4 = [
    # troops: stationed / deployed / based / garrisoned, "a force of", "N-strong", quotes
    (
        "About 3,500 German soldiers are deployed in Lithuania.",
        "troops_stationed",
        3500,
        ["DEU"],
        "LTU",
        "people",
        PUB,
    ),
    (
        "France keeps a force of 1,500 troops in Djibouti.",
        "troops_stationed",
        1500,
        ["FRA"],
        "DJI",
        "people",
        PUB,
    ),
    (
        "A 5,000-strong Turkish contingent is based in northern Cyprus.",
        "troops_stationed",
        5000,
        ["TUR"],
        "CYP",
        "people",
        PUB,
    ),
    (
        "Russia has some 1,500 troops garrisoned in Transnistria, Moldova's breakaway region.",
        "troops_stationed",
        1500,
        ["RUS"],
        "MDA",
        "people",
        PUB,
    ),
    (
        '"We have about 2,000 soldiers in Iraq," the Italian defence minister said.',
        "troops_stationed",
        2000,
        ["ITA"],
        "IRQ",
        "people",
        PUB,
    ),
    (
        "As of 2019, the United States had some 34,500 troops stationed in Germany.",
        "troops_stationed",
        34500,
        ["USA"],
        "DEU",
        "people",
        "2019",
    ),
    (
        "At the end of last year, some 2,500 U.S. troops were still deployed in Iraq.",
        "troops_stationed",
        2500,
        ["USA"],
        "IRQ",
        "people",
        "2022",
    ),
    (
        "Currently, about 1,000 Chinese peacekeepers serve in Lebanon.",
        "troops_stationed",
        1000,
        ["CHN"],
        "LBN",
        "people",
        PUB,
    ),
    (
        "Between 3,000 and 5,000 Russian troops are believed to be in Belarus.",
        "troops_stationed",
        3000,
        ["RUS"],
        "BLR",
        "people",
        PUB,
    ),
    (
        "The Pentagon said roughly 13,000 U.S. service members were stationed in Kuwait as of "
        "last month.",
        "troops_stationed",
        13000,
        ["USA"],
        "KWT",
        "people",
        "2023-05",
    ),
    # trade
    (
        "Two-way trade between India and the United Arab Emirates reached $85 billion in fiscal "
        "2023.",
        "bilateral_trade",
        8.5e10,
        ["ARE", "IND"],
        None,
        "USD",
        "2023",
    ),
    (
        "Trade volume between China and Russia hit a record $240 billion last year.",
        "bilateral_trade",
        2.4e11,
        ["CHN", "RUS"],
        None,
        "USD",
        "2022",
    ),
    (
        "Bilateral commerce between Brazil and Argentina stood at $28 billion as of 2019.",
        "bilateral_trade",
        2.8e10,
        ["ARG", "BRA"],
        None,
        "USD",
        "2019",
    ),
    (
        "Vietnam's exports to the United States rose to $97 billion in 2022.",
        "exports",
        9.7e10,
        ["VNM"],
        "USA",
        "USD",
        "2022",
    ),
    (
        "Japan's imports from Australia totalled $60 billion in 2021.",
        "imports",
        6.0e10,
        ["JPN"],
        "AUS",
        "USD",
        "2021",
    ),
    (
        "In fiscal 2021, Indian exports to Bangladesh reached $14 billion.",
        "exports",
        1.4e10,
        ["IND"],
        "BGD",
        "USD",
        "2021",
    ),
    (
        # one side's exports: the exporter's figure, the buyer its place (round 6)
        "Exports from South Korea to China fell by 20% in the first half of 2023.",
        "trade_growth",
        -20,
        ["KOR"],
        "CHN",
        "percent",
        "2023",
    ),
    (
        "Trade between Turkey and Russia was about $62 billion in 2022, up 87 percent from a "
        "year earlier.",
        "trade_growth",
        87,
        ["RUS", "TUR"],
        None,
        "percent",
        "2022",
    ),
    (
        "Canadian exports to the U.S. were worth C$594 billion in 2022.",
        "exports",
        5.94e11,
        ["CAN"],
        "USA",
        "CAD",
        "2022",
    ),
    # investment and aid
    (
        "Chinese FDI in Pakistan amounted to $2.5 billion in 2021.",
        "investment",
        2.5e9,
        ["CHN"],
        "PAK",
        "USD",
        "2021",
    ),
    (
        "By mid-2023, China had invested more than $60 billion in Indonesia.",
        "investment",
        6.0e10,
        ["CHN"],
        "IDN",
        "USD",
        "2023",
    ),
    (
        "As of March 2023, China's direct investment in Kazakhstan totalled $22 billion.",
        "investment",
        2.2e10,
        ["CHN"],
        "KAZ",
        "USD",
        "2023-03",
    ),
    (
        "Germany sent humanitarian aid worth €50 million to Afghanistan in 2022.",
        "aid",
        5.0e7,
        ["DEU"],
        "AFG",
        "EUR",
        "2022",
    ),
    (
        "Norway pledged 7.5 billion kroner in military aid to Ukraine in 2023.",
        "aid",
        7.5e9,
        ["NOR"],
        "UKR",
        "NOK",
        "2023",
    ),
    (
        "Pakistan received $6 billion in aid from Saudi Arabia in 2018.",
        "aid",
        6.0e9,
        ["SAU"],
        "PAK",
        "USD",
        "2018",
    ),
    (
        "Japan's official development assistance to Myanmar totalled ¥190 billion in fiscal 2019.",
        "aid",
        1.9e11,
        ["JPN"],
        "MMR",
        "JPY",
        "2019",
    ),
    # ranks
    (
        "China is Brazil's top trading partner.",
        "trading_partner_rank",
        1,
        ["CHN"],
        "BRA",
        "rank",
        PUB,
    ),
    (
        "Germany is China's third-biggest trading partner.",
        "trading_partner_rank",
        3,
        ["DEU"],
        "CHN",
        "rank",
        PUB,
    ),
    (
        "The United States remains Mexico's No. 2 trading partner after Canada.",
        "trading_partner_rank",
        2,
        ["USA"],
        "MEX",
        "rank",
        PUB,
    ),
    # casualties, budgets, population
    (
        "The clashes left at least 20 Indian soldiers dead in the Galwan Valley in June 2020.",
        "casualties",
        20,
        ["IND"],
        None,
        "people",
        "2020-06",
    ),
    (
        "Poland approved a defence budget of $29 billion for 2023.",
        "budget",
        2.9e10,
        ["POL"],
        None,
        "USD",
        "2023",
    ),
    (
        "Kenya's defence budget for the 2022-23 fiscal year was 130 billion shillings.",
        "budget",
        1.3e11,
        ["KEN"],
        None,
        "KES",
        "2023",
    ),
    (
        "Saudi Arabia, whose military spending reached $75 billion in 2022, is the world's "
        "fifth-biggest spender.",
        "budget",
        7.5e10,
        ["SAU"],
        None,
        "USD",
        "2022",
    ),
    (
        "Bangladesh has a population of about 170 million.",
        "population",
        1.7e8,
        ["BGD"],
        None,
        "people",
        PUB,
    ),
]


@pytest.mark.parametrize(("text", "measure", "value", "subject", "loc", "unit", "as_of"), ROUND4)
def test_round4_forms(claims_of, text, measure, value, subject, loc, unit, as_of) -> None:
    c = one(claims_of(text, PUB), measure, value)
    assert (sorted(c.subject), c.location, c.unit, c.as_of) == (subject, loc, unit, as_of)


def test_exports_to_a_state_are_not_that_states(claims_of) -> None:
    claims = claims_of("Exports to China reached $150 billion in 2021.", PUB)
    assert not [c for c in claims if c.measure == "exports" and c.subject == ["CHN"]]


@pytest.mark.parametrize(
    ("text", "measure", "value", "subject", "loc", "as_of"),
    [
        (
            "Ukraine's population has fallen to about 37 million.",
            "population",
            3.7e7,
            ["UKR"],
            None,
            PUB,
        ),
        (
            "Nigeria's population reached 220 million in 2023.",
            "population",
            2.2e8,
            ["NGA"],
            None,
            "2023",
        ),
        (
            "The number of American soldiers in Poland stood at 10,000 last year.",
            "troops_stationed",
            10000,
            ["USA"],
            "POL",
            "2022",
        ),
        (
            "The death toll rose to 45 on Sunday, Indonesian officials said.",
            "casualties",
            45,
            ["IDN"],
            None,
            "2023-06-11",
        ),
    ],
)
def test_a_level_counts_its_subject(claims_of, text, measure, value, subject, loc, as_of) -> None:
    c = one(claims_of(text, PUB), measure, value)
    assert (c.subject, c.location, c.as_of) == (subject, loc, as_of)


def test_down_from_a_dated_baseline_is_an_earlier_figure(claims_of) -> None:
    claims = claims_of("France has some 5,100 troops in Mali, down from 5,500 in 2020.", PUB)
    now, then = one(claims, "troops_stationed", 5100), one(claims, "troops_stationed", 5500)
    assert (now.location, now.as_of) == ("MLI", PUB)
    assert (then.subject, then.location, then.as_of) == (["FRA"], "MLI", "2020")
    undated = claims_of("There are now 10,000 American troops in Poland, up from 4,500 before.")
    assert [c.value for c in undated] == [10000]


def test_making_x_its_partner_is_said_of_x(claims_of) -> None:
    text = (
        "Germany's trade with China rose to about €300 billion last year, making China its "
        "largest trading partner."
    )
    c = one(claims_of(text, PUB), "trading_partner_rank")
    assert (c.subject, c.location, c.value) == (["CHN"], "DEU", 1)


def test_a_misparsed_receiver_is_not_the_giver(claims_of) -> None:
    text = "Germany has also given Ukraine military aid worth more than €28 billion since 2022."
    c = one(claims_of(text, PUB), "aid")
    assert (c.subject, c.location, c.unit) == (["DEU"], "UKR", "EUR")


def test_a_regional_rank_is_not_a_world_rank(claims_of) -> None:
    assert not claims_of("Germany, Europe's largest economy, is in recession.", PUB)
    assert not claims_of("Nigeria is Africa's largest economy.", PUB)
    c = one(claims_of("India, the world's fifth-largest economy, grew fast.", PUB), "economy_rank")
    assert (c.subject, c.value) == (["IND"], 5)


def test_our_spending_in_a_quote_is_the_speakers(claims_of) -> None:
    text = '"Our defence spending will be 2 percent of GDP this year," the British minister said.'
    c = one(claims_of(text, PUB), "defence_spending_share")
    assert (c.subject, c.value, c.as_of) == (["GBR"], 2, "2023")
