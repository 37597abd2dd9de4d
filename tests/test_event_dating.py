"""Each event is dated by the time expression that governs it in its clause.

Absolute, relative, partial and range expressions; conjoined and complement
clauses; the publication date only as a marked fallback. Sentences are written
for these tests.
"""

from __future__ import annotations

import pytest

from tiegraph.extract.context import DocContext
from tiegraph.extract.dating import date_fields, governing_timex
from tiegraph.ingest.readers import RawInput
from tiegraph.model import Document, Event, Span
from tiegraph.nlp.timex import find_timexes
from tiegraph.pipeline import extract_record, prepare
from tiegraph.resolve.actors import resolve_actors


def _events(nlp, text: str, anchor: str | None) -> list[Event]:
    meta = {"published": anchor} if anchor else {}
    doc = prepare(RawInput("t", text, meta))
    assert isinstance(doc, Document)
    return extract_record(doc, nlp(doc.text), nlp).events


def _one(events: list[Event], type_: str, trigger: str | None = None) -> Event:
    found = [
        e for e in events if e.type == type_ and (trigger is None or e.trigger.text == trigger)
    ]
    assert found, [(e.type, e.trigger.text) for e in events]
    return found[0]


def _source_text(e: Event) -> str | None:
    return e.date_source.text if isinstance(e.date_source, Span) else e.date_source


# (sentence, anchor, event type, trigger, expected date, precision, date_source text)
CASES = [
    # absolute
    (
        "Iraq invaded Kuwait on August 2, 1990.",
        "2019-06-15",
        "ASSAULT",
        "invaded",
        "1990-08-02",
        "day",
        "August 2, 1990",
    ),
    (
        "Iraq invaded Kuwait in August 1990.",
        "2019-06-15",
        "ASSAULT",
        "invaded",
        "1990-08",
        "month",
        "August 1990",
    ),
    (
        "In 1950, North Korean forces invaded South Korea, starting a long war.",
        "2006-02-08",
        "ASSAULT",
        "invaded",
        "1950",
        "year",
        "1950",
    ),
    # relative to the publication date
    (
        "Peru expelled the Mexican ambassador yesterday.",
        "2019-06-15",
        "SANCTION",
        "expelled",
        "2019-06-14",
        "day",
        "yesterday",
    ),
    (
        "Canada expelled two Indian diplomats last month.",
        "2019-06-15",
        "SANCTION",
        "expelled",
        "2019-05",
        "month",
        "last month",
    ),
    (
        "Ghana recalled its ambassador from Togo last week.",
        "2019-06-15",
        "SANCTION",
        "recalled",
        "2019-06-03",  # a week is dated by its Monday
        "week",
        "last week",
    ),
    (
        "Seoul established diplomatic relations with Moscow in September of last year.",
        "1991-09-18",
        "AGREE",
        "established",
        "1990-09",
        "month",
        "September of last year",
    ),
    # partial: a month without a year takes the publication year (or the one before)
    (
        "The North Korean leader emphasized ties by visiting China in January.",
        "2006-02-08",
        "CONSULT",
        "visiting",
        "2006-01",
        "month",
        "January",
    ),
    (
        "Cuba freed three American prisoners in March.",
        "2019-02-10",
        "RETREAT",
        "freed",
        "2018-03",
        "month",
        "March",
    ),
    # ranges date the event by their start
    (
        "Libya and Chad fought between 1978 and 1987.",
        "2019-06-15",
        "ASSAULT",
        "fought",
        "1978",
        "year",
        "between 1978 and 1987",
    ),
    # the expression inside an event noun's own phrase
    (
        "The 1953 treaty between Washington and Seoul still binds both.",
        "2026-01-01",
        "AGREE",
        "treaty",
        "1953",
        "year",
        "1953",
    ),
    (
        "Kim and Kim Jong-il met at a historic summit in 2000.",
        "2006-02-08",
        "CONSULT",
        "met",
        "2000",
        "year",
        "2000",
    ),
]


@pytest.mark.parametrize("text,anchor,type_,trigger,date,precision,source", CASES)
def test_governing_expression(nlp, text, anchor, type_, trigger, date, precision, source):
    e = _one(_events(nlp, text, anchor), type_, trigger)
    assert (e.date, e.date_precision, _source_text(e)) == (date, precision, source)


def test_clause_initial_date_governs_conjoined_verbs_not_the_complement(nlp) -> None:
    text = (
        "In 2004, the United States returned several bases to Korean control, and agreed to "
        "withdraw 12,500 of the 37,500 U.S. troops currently stationed in Korea by 2008."
    )
    events = _events(nlp, text, "2006-02-08")
    assert _one(events, "RETREAT", "returned").date == "2004"
    assert _one(events, "AGREE", "agreed").date == "2004"
    withdraw = _one(events, "RETREAT", "withdraw")
    assert (withdraw.date, _source_text(withdraw)) == ("2008", "by 2008")


def test_each_conjoined_verb_keeps_its_own_date(nlp) -> None:
    text = "Vietnam invaded Cambodia in 1978 and withdrew its troops in 1989."
    events = _events(nlp, text, "2019-06-15")
    assert _one(events, "ASSAULT", "invaded").date == "1978"
    assert _one(events, "RETREAT", "withdrew").date == "1989"


def test_after_clause_dates_the_main_event(nlp) -> None:
    text = "After the war ended in 1953, South Korea and the United States established an alliance."
    assert _one(_events(nlp, text, "2006-02-08"), "AGREE", "established").date == "1953"


def test_publication_date_is_a_marked_fallback(nlp) -> None:
    e = _one(_events(nlp, "Norway condemned the arrests.", "2019-06-15"), "ACCUSE")
    assert (e.date, e.date_precision, e.date_source) == ("2019-06-15", "day", "publication")


def test_no_date_at_all(nlp) -> None:
    e = _one(_events(nlp, "Norway condemned the arrests.", None), "ACCUSE")
    assert (e.date, e.date_precision, e.date_source) == (None, "unknown", None)


def test_currently_dates_by_publication_but_names_the_expression(nlp) -> None:
    e = _one(
        _events(nlp, "Japan is currently deploying destroyers to the Gulf.", "2019-06-15"),
        "MOBILIZE",
    )
    assert (e.date, _source_text(e)) == ("2019-06-15", "currently")


@pytest.mark.parametrize(
    "text,type_,trigger",
    [
        # a year premodifying another noun dates that noun, not the verb
        ("France condemned the 2003 invasion of Iraq.", "ACCUSE", "condemned"),
        # a bound, not a date: the talks were not held in 2018
        (
            "Oman hosted Iranian officials before sanctions were tightened in 2018.",
            "CONSULT",
            "hosted",
        ),
        # a relative clause on another noun dates that noun's clause only
        ("Jimmy Carter met Kim Il-sung, who died in July 1994.", "CONSULT", "met"),
    ],
)
def test_expressions_that_do_not_govern(nlp, text, type_, trigger) -> None:
    e = _one(_events(nlp, text, "2019-06-15"), type_, trigger)
    assert e.date_source == "publication", (e.date, _source_text(e))


def test_noun_keeps_its_own_year_while_the_verb_falls_back(nlp) -> None:
    events = _events(
        nlp, "France condemned the 2003 invasion of Iraq by the United States.", "2019-06-15"
    )
    assert _one(events, "ASSAULT", "invasion").date == "2003"


def test_past_tense_month_day_is_not_after_the_article(nlp) -> None:
    # "January 23" nearest to a late-December date would be next January
    e = _one(
        _events(nlp, "North Korean boats seized the ship off Wonsan on January 23.", "1968-12-24"),
        "COERCE",
    )
    assert e.date == "1968-01-23"


def test_future_clause_keeps_the_later_date(nlp) -> None:
    e = _one(
        _events(nlp, "Japan will send a destroyer to the Gulf on January 23.", "1968-12-24"),
        "MOBILIZE",
    )
    assert e.date == "1969-01-23"


def test_date_fields_contract_for_other_extractors(nlp) -> None:
    """Claims call date_fields(ctx, token): (date, precision, Span | "publication" | None)."""
    text = "In 2004, trade between the two countries reached $697 million."
    doc = nlp(text)
    ctx = DocContext(
        doc=doc,
        document=Document(doc_id="x", source="x", text=text, published="2006-02-08"),
        anchor="2006-02-08",
        anchor_precision="day",
        actors=resolve_actors(doc, nlp, "2006-02-08"),
        timexes=find_timexes(text, "2006-02-08"),
    )
    value = next(t for t in doc if t.text == "697")
    assert governing_timex(ctx, value).text == "2004"
    date, precision, source = date_fields(ctx, value)
    assert (date, precision) == ("2004", "year")
    assert isinstance(source, Span) and source.text == "2004"


def test_participles_on_other_nouns(nlp) -> None:
    # a point in time the parser hangs on a participle still dates the main verb
    text = "Syria blew up sections of two bridges connecting it with Turkey on Tuesday."
    e = _one(_events(nlp, text, "2019-06-15"), "ASSAULT", "blew")
    assert (e.date, _source_text(e)) == ("2019-06-11", "Tuesday")
    # a "since" expression on a participle describes that noun, not the request
    text = "Cuba asked for relief from the sanctions imposed since 1962."
    e = _one(_events(nlp, text, "2019-06-15"), "REQUEST", "asked")
    assert e.date_source == "publication"


# ---------------------------------------------------------------- round 2


def _ctx(nlp, text: str, anchor: str) -> DocContext:
    doc = nlp(text)
    return DocContext(
        doc=doc,
        document=Document(doc_id="x", source="x", text=text, published=anchor),
        anchor=anchor,
        anchor_precision="day" if len(anchor) == 10 else "year",
        actors=resolve_actors(doc, nlp, anchor),
        timexes=find_timexes(text, anchor),
    )


def test_a_year_on_a_period_noun_dates_its_clause(nlp) -> None:
    """Requested by claims: "for the 1955 fiscal year" is a date, not a premodifier."""
    text = "The United States gave Korea $236 million in aid for the 1955 fiscal year."
    ctx = _ctx(nlp, text, "2006-02-08")
    value = next(t for t in ctx.doc if t.text == "236")
    assert date_fields(ctx, value)[:2] == ("1955", "year")


@pytest.mark.parametrize(
    "text,anchor,type_,trigger,date,source",
    [
        # an event that a clause follows dates it ("After the 1979 revolution, ...")
        (
            "After the 1991 coup, Moscow expelled two Estonian diplomats.",
            "2019-06-15",
            "SANCTION",
            "expelled",
            "1991",
            "1991",
        ),
        # a year on the noun whose relative clause holds the trigger
        (
            "The 1978 treaty that normalized relations between China and Japan remains in force.",
            "2019-06-15",
            "AGREE",
            "normalized",
            "1978",
            "1978",
        ),
        # "That year", "in October of that year": the year named before
        (
            "Peru and Chile signed a treaty in 1929. That year, Peru also recognized Chile.",
            "2019-06-15",
            "SUPPORT",
            "recognized",
            "1929",
            "That year",
        ),
        (
            "The crisis began in 1962. In October of that year, the United States imposed a "
            "blockade on Cuba.",
            "2019-06-15",
            "COERCE",
            "imposed",
            "1962-10",
            "October of that year",
        ),
        # "later that month" after a deadline is the story's month, not the deadline's
        (
            "In early July, Washington threatened tariffs on Korean goods from August 1. Late "
            "that month, Seoul agreed to a trade deal with Washington.",
            "2025",
            "AGREE",
            "agreed",
            "2025-07",
            "that month",
        ),
        # "six months after": counted back from the head clause's date
        (
            "Erdogan is due to visit Moscow later this month, six months after he met Putin "
            "in Sochi.",
            "2019-06-15",
            "CONSULT",
            "met",
            "2018-12",
            "six months",
        ),
        # "last November" with an article dated only by its year: the previous year
        (
            "Under an accord signed last November, Chile sells gas to Argentina.",
            "2025",
            "AGREE",
            "accord",
            "2024-11",
            "last November",
        ),
        # a month without a year after an explicit year in the sentence
        (
            "Seoul announced in August 2019 that it would quit the pact, before reversing "
            "course in November.",
            "2023",
            "CONCEDE",
            "reversing",
            "2019-11",
            "November",
        ),
        # "on Saturday Kim warned": the date the parser hung on the name
        (
            "On June 9, Pyongyang cut off the hotlines, and on Saturday Kim Yo-jong warned "
            "Seoul of more steps.",
            "2020-06-17",
            "THREATEN",
            "warned",
            "2020-06-13",
            "Saturday",
        ),
        # "stopped selling tours in 2015": the gerund's date is the stop's
        (
            "Russian travel agencies stopped selling package tours to Turkey in 2015.",
            "2019-06-15",
            "SANCTION",
            "stopped",
            "2015",
            "2015",
        ),
    ],
)
def test_round2_dating(nlp, text, anchor, type_, trigger, date, source) -> None:
    e = _one(_events(nlp, text, anchor), type_, trigger)
    assert (e.date, _source_text(e)) == (date, source)


def test_conjoined_dates_give_one_row_each(nlp) -> None:
    text = "Chile and Argentina renewed their gas accord in 2005 and again in 2015."
    dates = {e.date for e in _events(nlp, text, "2019-06-15") if e.type == "AGREE"}
    assert dates == {"2005", "2015"}


def test_a_bound_inside_since_does_not_date(nlp) -> None:
    text = "India and Pakistan have fought three wars since independence in 1947."
    e = _one(_events(nlp, text, "2019-06-15"), "ASSAULT", "fought")
    assert e.date_source == "publication"


def test_narrative_sentence_takes_the_previous_date(nlp) -> None:
    text = (
        "On April 13, Iran fired hundreds of drones at Israel. Most were shot down by "
        "Jordanian jets."
    )
    e = _one(_events(nlp, text, "2024-10-28"), "ASSAULT", "shot")
    assert (e.date, _source_text(e)) == ("2024-04-13", "April 13")


@pytest.mark.parametrize(
    "second",
    [
        "Tehran has denied any role.",  # present perfect: not the story's past
        "The White House said it supported the strikes.",  # a reaction, told now
    ],
)
def test_narrative_date_is_not_inherited(nlp, second) -> None:
    text = "On April 13, Israel struck targets in Iran. " + second
    events = _events(nlp, text, "2024-10-28")
    later = [e for e in events if e.evidence.text.startswith(second[:10])]
    assert later and all(e.date_source == "publication" for e in later)


def test_a_year_is_no_narrative_time(nlp) -> None:
    text = "Trade between Kenya and Uganda fell last year. Kenya condemned the new tariffs."
    e = _one(_events(nlp, text, "2019-06-15"), "ACCUSE", "condemned")
    assert e.date_source == "publication"


# ---------------------------------------------------------------- round 3


def test_a_counted_day_after_hung_on_the_duration(nlp) -> None:
    # the parser hangs "after it fired" on "a day", which modifies "sending"
    text = (
        "On Friday, China pressed ahead with its drills, sending warships toward Taiwan "
        "a day after it fired missiles at Taiwan."
    )
    e = _one(_events(nlp, text, "2022-08-05"), "MOBILIZE", "fired")
    assert (e.date, e.date_precision) == ("2022-08-04", "day")


def test_a_clause_before_a_semicolon_is_no_complement(nlp) -> None:
    text = (
        "In July 2018, Washington imposed tariffs on Turkish steel; Ankara responded by "
        "imposing tariffs on American cars."
    )
    events = _events(nlp, text, "2019-06-15")
    later = [e for e in events if e.source and e.source.country == "TUR"]
    assert later and all(e.date == "2018-07" for e in later)


def test_the_end_of_the_month_is_anaphoric(nlp) -> None:
    text = (
        "In March, Washington threatened to impose duties on Chinese bikes; at the end of "
        "the month China agreed to cut its exports to the United States."
    )
    e = _one(_events(nlp, text, "2019-06-15"), "AGREE", "agreed")
    assert e.date == "2019-03"


def test_no_narrative_time_across_a_paragraph_break(nlp) -> None:
    text = (
        "The office had been closed since January, when Kenya suspended operations.\n\n"
        "Uganda condemned the closure as a breach of the agreement."
    )
    e = _one(_events(nlp, text, "2020-06-17"), "ACCUSE", "condemned")
    assert e.date_source == "publication"


def test_that_month_takes_the_year_last_written_out(nlp) -> None:
    text = (
        "The border office opened in May 2016, after Kenya and Uganda met in March of that "
        "year. In Kampala that May, the two countries also signed a trade accord."
    )
    events = _events(nlp, text, "2019-06-15")
    accord = [e for e in events if e.trigger.text == "accord"]
    assert accord and all(e.date == "2016-05" for e in accord)
