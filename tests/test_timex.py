"""Tests for tiegraph.nlp.timex: spans, TIMEX3 values and mods on hand-written sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from tiegraph.nlp.timex import Timex, find_timexes, normalise_anchor, timex_to_date_range

A = "2006-02-08"  # a Wednesday, ISO week 6


def spans(text: str, anchor: str | None = A) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in find_timexes(text, anchor)]


def only(text: str, anchor: str | None = A) -> Timex:
    found = find_timexes(text, anchor)
    assert len(found) == 1, found
    return found[0]


# (sentence, anchor, [(span text, value), ...]) -- the full list of expressions expected.
CASES = [
    # absolute dates
    (
        "The ceasefire was signed on February 8, 2006, in Geneva.",
        A,
        [("February 8, 2006", "2006-02-08")],
    ),
    ("Talks resumed on 8 February 2006 after a pause.", A, [("8 February 2006", "2006-02-08")]),
    ("The envoy arrived in Kabul on Feb. 8, 2006.", A, [("Feb. 8, 2006", "2006-02-08")]),
    ("The memo dated 2006-02-08 was leaked to reporters.", A, [("2006-02-08", "2006-02-08")]),
    ("North Korean troops crossed the border in June 1950.", A, [("June 1950", "1950-06")]),
    ("The alliance was founded in 1950 by five states.", A, [("1950", "1950")]),
    ("In 2004, Ukraine held a disputed presidential election.", A, [("2004", "2004")]),
    (
        "Elections were held on Saturday, Feb. 4, 2006.",
        A,
        [("Saturday, Feb. 4, 2006", "2006-02-04")],
    ),
    ("Inflation soared throughout the 1980s.", A, [("the 1980s", "198X")]),
    (
        "Borders drawn in the 19th century still shape the region.",
        A,
        [("the 19th century", "18XX")],
    ),
    ("The dispute has 19th-century roots.", A, [("19th-century", "18XX")]),
    ("Protest songs of the sixties were banned.", A, [("the sixties", "196X")]),
    ("Railways were built across the region in the 1800s.", A, [("the 1800s", "18XX")]),
    ("The 1882 treaty fixed the frontier.", A, [("1882", "1882")]),
    ("Leaders met at the 2000 summit in Okinawa.", A, [("2000", "2000")]),
    ("The Treaty of Westphalia was signed in 1648.", A, [("1648", "1648")]),
    ("Negotiations stalled in the summer of 2004.", A, [("the summer of 2004", "2004-SU")]),
    # a month of a relative year is one expression, not a month plus "last year"
    (
        "Relations were restored in September of last year.",
        A,
        [("September of last year", "2005-09")],
    ),
    ("Talks resume in May next year.", A, [("May next year", "2007-05")]),
    # ranges
    ("The Korean War of 1950-53 ended in an armistice.", A, [("1950-53", "1950")]),
    ("During the 1950–1953 conflict, millions were displaced.", A, [("1950–1953", "1950")]),
    ("Sanctions were in force between 2003 and 2005.", A, [("between 2003 and 2005", "2003")]),
    ("The mission ran from 1998 to 2001 in Oslo.", A, [("from 1998 to 2001", "1998")]),
    (
        "The summit was held on February 8-10, 2006, in Sochi.",
        A,
        [("February 8-10, 2006", "2006-02-08")],
    ),
    (
        "Drought hit the region from June to August 2004.",
        A,
        [("from June to August 2004", "2004-06")],
    ),
    # partial dates resolved against the anchor
    ("Fighting broke out in January near the border.", A, [("January", "2006-01")]),
    ("The pact was signed in March.", A, [("March", "2005-03")]),
    ("The ministers will meet again in March.", A, [("March", "2006-03")]),
    ("Rebels attacked the convoy on Saturday.", A, [("Saturday", "2006-02-04")]),
    ("Foreign ministers will meet on Saturday in Vienna.", A, [("Saturday", "2006-02-11")]),
    ("The referendum is set for March 3.", A, [("March 3", "2006-03-03")]),
    (
        "Shelling resumed on December 20, officials said.",
        "2006-01-05",
        [("December 20", "2005-12-20")],
    ),
    ("The government fell last Monday.", A, [("last Monday", "2006-02-06")]),
    ("Rebels attacked the convoy on Saturday.", "2006", [("Saturday", "2006")]),
    ("Fighting broke out in January near the border.", "2006", [("January", "2006-01")]),
    ("Fighting broke out in January near the border.", None, [("January", "XXXX-01")]),
    ("The summit opened on Monday.", None, [("Monday", "XXXX-WXX-1")]),
    # relative expressions
    ("Trade between the two countries fell last year.", A, [("last year", "2005")]),
    ("Parliament will vote on the treaty next year.", A, [("next year", "2007")]),
    ("This year the defence budget rose sharply.", A, [("This year", "2006")]),
    ("Exports collapsed last month.", A, [("last month", "2006-01")]),
    ("The envoy is travelling this week.", A, [("this week", "2006-W06")]),
    ("Two soldiers were killed yesterday.", A, [("yesterday", "2006-02-07")]),
    ("The president spoke today in Ankara.", A, [("today", "2006-02-08")]),
    ("The embassy closed two years ago.", A, [("two years ago", "2004")]),
    ("The border was redrawn a decade ago.", A, [("a decade ago", "1996")]),
    ("Earlier this year, the two sides exchanged prisoners.", A, [("Earlier this year", "2006")]),
    ("Relations have improved in recent years.", A, [("recent years", "PAST_REF")]),
    ("The country currently hosts 3 million refugees.", A, [("currently", "PRESENT_REF")]),
    ("Violence has risen over the past decade.", A, [("the past decade", "1996")]),
    ("Output doubled over the last two years.", A, [("the last two years", "2004")]),
    ("Prices have risen over the past few years.", A, [("the past few years", "PAST_REF")]),
    ("Trade between the two countries fell last year.", None, [("last year", "PAST_REF")]),
    ("Rebels have held the town since last summer.", A, [("since last summer", "2005-SU")]),
    ("The mine was closed in the spring.", A, [("the spring", "2005-SP")]),
    # modifiers
    ("The EU has imposed sanctions since 2003.", A, [("since 2003", "2003")]),
    ("All troops are to leave by 2008.", A, [("by 2008", "2008")]),
    ("The island was occupied until 1953.", A, [("until 1953", "1953")]),
    ("Few countries recognised it before 1950.", A, [("before 1950", "1950")]),
    ("After 1953 the border was sealed.", A, [("After 1953", "1953")]),
    ("The pipeline opened in early 2004.", A, [("early 2004", "2004")]),
    ("Construction stalled in late 2004.", A, [("late 2004", "2004")]),
    ("The movement emerged around 2000.", A, [("around 2000", "2000")]),
    ("The border dispute dates back at least to 1910.", A, [("1910", "1910")]),
    ("Troops will withdraw by the end of 2008.", A, [("by the end of 2008", "2008")]),
    ("Growth slowed in mid-2005.", A, [("mid-2005", "2005")]),
    ("The junta ruled until the late 1980s.", A, [("until the late 1980s", "198X")]),
    # durations and sets
    ("The two states have been at war for thirty-five years.", A, [("thirty-five years", "P35Y")]),
    ("The dispute has lasted more than half a century.", A, [("more than half a century", "P50Y")]),
    ("Three decades of conflict have left the region poor.", A, [("Three decades", "P30Y")]),
    ("He signed a two-year extension of the lease.", A, [("two-year", "P2Y")]),
    ("The blockade lasted 18 months.", A, [("18 months", "P18M")]),
    ("The talks went on for a year and a half.", A, [("a year and a half", "P18M")]),
    ("The families have waited for years.", A, [("years", "PXY")]),
    ("Tariffs are reviewed every two years.", A, [("every two years", "P2Y")]),
    ("The state spends $5 billion a year on defence.", A, [("a year", "P1Y")]),
    # things that are not dates
    ("The ministry requested $2004 million for reconstruction.", A, []),
    ("Some 2,004 troops were deployed to the border.", A, []),
    ("The fund received $1.1 million from donors.", A, []),
    ("K-pop fans rallied outside the embassy in Seoul.", A, []),
    ("The 38th Parallel divides the peninsula.", A, []),
    ("Call the embassy on +1 202 555 1999 for details.", A, []),
    ("Reporters can call 555-2006 for accreditation.", A, []),
    ("Security Council Resolution 1973 authorised a no-fly zone.", A, []),
    ("About 2000 shepherds fled the fighting.", A, []),
    ("A 2000-strong force was deployed to the capital.", A, []),
    ("The rebels shelled the town at 1830 GMT.", A, []),
    ("The crowd reached 1900 people by noon.", A, []),
    ("Theresa May met the chancellor.", A, []),
    ("Thousands joined a march on the capital.", A, []),
    ("The Good Friday Agreement ended decades of violence.", A, []),
    ("The Arab Spring began in Tunisia.", A, []),
    ("The fall of Saigon shocked Washington.", A, []),
    ("Jan Egeland, the UN relief chief, visited Darfur.", A, []),
    ("Tanks may advance as soon as the talks collapse.", A, []),
]


@pytest.mark.parametrize(("text", "anchor", "expected"), CASES)
def test_spans_and_values(text: str, anchor: str | None, expected: list[tuple[str, str]]) -> None:
    assert spans(text, anchor) == expected


@pytest.mark.parametrize(
    ("text", "precision", "type_", "mod", "end_value"),
    [
        ("The EU has imposed sanctions since 2003.", "year", "DATE", "ON_OR_AFTER", None),
        ("All troops are to leave by 2008.", "year", "DATE", "ON_OR_BEFORE", None),
        ("The island was occupied until 1953.", "year", "DATE", "ON_OR_BEFORE", None),
        ("Few countries recognised it before 1950.", "year", "DATE", "BEFORE", None),
        ("After 1953 the border was sealed.", "year", "DATE", "AFTER", None),
        ("The pipeline opened in early 2004.", "year", "DATE", "START", None),
        ("Construction stalled in late 2004.", "year", "DATE", "END", None),
        ("The movement emerged about 2000.", "year", "DATE", "APPROX", None),
        ("Troops will withdraw by the end of 2008.", "year", "DATE", "ON_OR_BEFORE", None),
        ("Growth slowed in mid-2005.", "year", "DATE", "MID", None),
        ("The Korean War of 1950-53 ended in an armistice.", "year", "DATE", None, "1953"),
        ("Sanctions were in force between 2003 and 2005.", "year", "DATE", None, "2005"),
        ("Violence has risen over the past decade.", "year", "DATE", None, "2006"),
        ("The summit was held on February 8-10, 2006.", "day", "DATE", None, "2006-02-10"),
        ("Inflation soared throughout the 1980s.", "decade", "DATE", None, None),
        ("Borders drawn in the 19th century remain.", "century", "DATE", None, None),
        ("The envoy is travelling this week.", "week", "DATE", None, None),
        ("Negotiations stalled in the summer of 2004.", "season", "DATE", None, None),
        ("The country currently hosts refugees.", "present", "DATE", None, None),
        ("Relations have improved in recent years.", "past", "DATE", None, None),
        (
            "The dispute has lasted more than half a century.",
            "duration",
            "DURATION",
            "APPROX",
            None,
        ),
        (
            "The two states have been at war for thirty-five years.",
            "duration",
            "DURATION",
            None,
            None,
        ),
        ("Tariffs are reviewed every two years.", "duration", "SET", None, None),
        ("Rebels attacked the convoy on Saturday.", "day", "DATE", None, None),
    ],
)
def test_fields(
    text: str, precision: str, type_: str, mod: str | None, end_value: str | None
) -> None:
    t = only(text)
    assert (t.precision, t.type, t.mod, t.end_value) == (precision, type_, mod, end_value)


def test_offsets_index_the_input_and_are_sorted() -> None:
    text = "Since 2003 the two sides have met every year; last month they met in Vienna."
    found = find_timexes(text, A)
    assert [(t.text, t.value) for t in found] == [
        ("Since 2003", "2003"),
        ("every year", "P1Y"),
        ("last month", "2006-01"),
    ]
    for t in found:
        assert text[t.start : t.end] == t.text
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_to_dict() -> None:
    t = only("The alliance was founded in 1950.")
    assert t.to_dict() == {
        "start": 28,
        "end": 32,
        "text": "1950",
        "value": "1950",
        "precision": "year",
        "type": "DATE",
        "mod": None,
        "end_value": None,
    }


def test_empty_and_dateless_text() -> None:
    assert find_timexes("", A) == []
    assert find_timexes("The minister denied the report.", A) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2006-02-08", (dt.date(2006, 2, 8), "day")),
        ("2006-02", (dt.date(2006, 2, 1), "month")),
        ("2006", (dt.date(2006, 1, 1), "year")),
        ("2006-02-08T10:15:00Z", (dt.date(2006, 2, 8), "day")),
        (None, (None, "none")),
        ("unknown", (None, "none")),
    ],
)
def test_normalise_anchor(value: str | None, expected: tuple[dt.date | None, str]) -> None:
    assert normalise_anchor(value) == expected


def _date(value: str, end_value: str | None = None, type_: str = "DATE") -> Timex:
    return Timex(0, 1, "x", value, "year", type_, None, end_value)


@pytest.mark.parametrize(
    ("timex", "expected"),
    [
        (_date("2006-02-08"), ("2006-02-08", "2006-02-08")),
        (_date("2006-01"), ("2006-01-01", "2006-01-31")),
        (_date("2004-02"), ("2004-02-01", "2004-02-29")),
        (_date("2004"), ("2004-01-01", "2004-12-31")),
        (_date("198X"), ("1980-01-01", "1989-12-31")),
        (_date("18XX"), ("1800-01-01", "1899-12-31")),
        (_date("2006-W06"), ("2006-02-06", "2006-02-12")),
        (_date("2004-SU"), ("2004-06-01", "2004-08-31")),
        (_date("2005-WI"), ("2005-12-01", "2006-02-28")),
        (_date("1950", "1953"), ("1950-01-01", "1953-12-31")),
        (_date("PAST_REF"), None),
        (_date("XXXX-01"), None),
        (_date("P3Y", type_="DURATION"), None),
    ],
)
def test_timex_to_date_range(timex: Timex, expected: tuple[str, str] | None) -> None:
    assert timex_to_date_range(timex) == expected
