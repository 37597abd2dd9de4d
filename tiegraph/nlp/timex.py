"""Rule-based recognition and TIMEX3-style normalisation of time expressions.

Why rules: the pipeline needs every date it reports to be traceable to a span and a
documented rule, and this runs on every sentence, so it is plain `re` over vocabularies
in `tiegraph/data/timex.yaml`, compiled once at import.

Conventions and choices (all relative readings use the document date, the *anchor*):

* Spans cover the words that set the value or the mod: "since 2003", "early 2004",
  "more than half a century", "between 2003 and 2005", "the 1980s". Plain prepositions
  ("in", "on", "during", "for") are left out.
* Relative expressions resolve only as finely as the anchor allows. Day deixis
  ("yesterday", "Saturday") with a month- or year-only anchor collapses to the anchor
  ("2006-02" / "2006"); week and month offsets ("last week", "last month") that the
  anchor cannot place become PAST_REF / FUTURE_REF (offset 0 keeps the anchor's value).
  Without an anchor: "XXXX-01" for "in January", "XXXX-03-03", "XXXX-WXX-6" for a
  weekday, and *_REF values for the rest.
* "in January" (month only): the anchor year, or the previous year when the month is
  after the anchor month. A bare weekday is the latest such day on or before the anchor.
  "March 3" (month and day) is the nearest such date to the anchor (so usually the
  anchor year). A future cue earlier in the same clause ("will meet on Saturday") flips
  all three to the first match on or after the anchor. "last/next January" is the
  nearest January strictly before/after the anchor month.
* "last/this/next year|month|week|decade|century" are calendar units ("last decade" ->
  "199X"); "the past/last/next N years" are spans back or forward from the anchor, given
  as ranges ("the past decade" -> value "1996", end_value "2006"); vague ones ("the
  past few years", "recent years") are PAST_REF / FUTURE_REF.
* "today" is the anchor date (PRESENT_REF without a day anchor); "currently", "now" are
  PRESENT_REF with precision "present".
* Decades: "the 1980s" -> "198X"; "the 1800s"/"the 1900s" -> century "18XX"/"19XX";
  "the '90s", "the nineties" -> "199X".
* Bare 4-digit years are read in 1800-2100 (1000-1799 after "in", "since"...), never
  after a currency sign, a digit group or a code word ("Resolution 1973"), nor before
  a quantity or clock word ("2000 troops", "1830 GMT"); a round number before an
  unlisted plural noun ("2000 villages") is a count.
* mod: an outer signal ("by", "since", "until", "before", "after") wins over a position
  word ("by the end of 2008" -> ON_OR_BEFORE); "mid-" gives TIMEX3 "MID", "pre-"/"post-"
  give BEFORE/AFTER; every duration quantifier ("more than", "nearly") gives APPROX.
* Durations convert decades and centuries to years ("three decades" -> "P30Y"); vague
  counts keep the TIMEX3 unit ("for decades" -> "PXDE"). Seasons are northern
  hemisphere ("2004-SU"); winter "2005-WI" runs from December 2005 to February 2006.
* Not handled: times of day, quarters ("Q1 2006"), slash dates ("2/8/2006"), BC years,
  event-relative expressions ("two years later", "the following day").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from fractions import Fraction
from typing import Any

from tiegraph.resources import load_yaml

_V = load_yaml("timex.yaml")


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    value: str
    precision: str
    type: str
    mod: str | None
    end_value: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


# ---------------------------------------------------------------- vocabulary helpers


def _folded(text: str) -> str:
    """`text` lower-cased character for character (same length, same offsets), with the
    dotted capital I, the dotless i and the long s made "i", "i" and "s": the letters
    `re.IGNORECASE` equates them with. The rules run case-sensitively on this copy (see
    `find_timexes`), and vocabulary lookups of matched words go through it, so "FRİDAY"
    or "ſummer" are read as the words the regexes took them for."""
    return text.replace("İ", "i").lower().replace("ſ", "s").replace("ı", "i")


def _norm(s: str) -> str:
    return " ".join(_folded(s).split())


def _alt(words: Iterable[str]) -> str:
    """Alternation, longest first so "a few" beats "a"; a space matches any whitespace."""
    ws = sorted({_norm(w) for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(map(re.escape, w.split(" "))) for w in ws) + ")"


_MONTHS: dict[str, int] = {**_V["months"], **_V["month_abbreviations"]}
_FULL_MONTHS: dict[str, int] = _V["months"]
_AMBIG_MONTHS = set(_V["ambiguous_months"])
_MONTH_CUES = set(_V["month_cues"])
_WEEKDAYS: dict[str, int] = _V["weekdays"]
_WEEKDAY_BLOCKERS = set(_V["weekday_blockers"])
_SEASONS: dict[str, str] = _V["seasons"]
_SEASON_MONTHS: dict[str, list[int]] = _V["season_months"]
_SEASON_CUES = set(_V["season_cues"])
_SEASON_STRONG = [_norm(w) for w in _V["season_strong_cues"]]
_RELATIVE: dict[str, int] = _V["relative"]
_DEICTIC = {_norm(k): v for k, v in _V["deictic_days"].items()}
_REF_WORDS = {
    **{_norm(w): "PAST_REF" for w in _V["past_words"]},
    **{_norm(w): "FUTURE_REF" for w in _V["future_words"]},
    **{_norm(w): "PRESENT_REF" for w in _V["present_words"]},
}
_UNITS: dict[str, str] = _V["units"]
_UNIT_YEARS: dict[str, int] = _V["unit_years"]
_ONES: dict[str, int] = _V["number_words"]
_TENS: dict[str, int] = _V["tens"]
_NUM_PHRASES = {_norm(k): v for k, v in _V["number_phrases"].items()}
_VAGUE = {_norm(w) for w in _V["vague_quantities"]}
_ORDINALS: dict[str, int] = _V["ordinals"]
_DECADE_WORDS: dict[str, int] = _V["decade_words"]
_POS_MODS = {_norm(k): v for k, v in _V["position_mods"].items()}
_SIGNAL_MODS = {_norm(k): v for k, v in _V["signal_mods"].items()}
_YEAR_BLOCKERS = set(_V["year_blockers"])
_YEAR_NOUNS = set(_V["year_nouns"])
_EARLY_YEAR_CUES = set(_V["early_year_cues"])
_YEAR_HYPHEN_PREFIXES = set(_V["year_hyphen_prefixes"])
_SET_ADVERBS: dict[str, str] = _V["set_adverbs"]
_SPAN_CUES = set(_V["span_cues"])
_FUZZY_THE_CUES = set(_V["fuzzy_the_cues"])

_REF_BY_DIR = {-1: ("PAST_REF", "past"), 0: ("PRESENT_REF", "present"), 1: ("FUTURE_REF", "future")}
_REF_PRECISION = {v: p for v, p in _REF_BY_DIR.values()}

# ---------------------------------------------------------------- regex pieces

# Full names first; an abbreviation may carry a period ("Feb."), a full name may not.
_MONTH_RE = rf"(?:{_alt(_V['months'])}\b|{_alt(_V['month_abbreviations'])}\b\.?)"
_FULL_MONTH_RE = _alt(_FULL_MONTHS)
_WEEKDAY_RE = _alt(_WEEKDAYS)
_UNIT_RE = _alt(_UNITS)
_UNIT_SING_RE = _alt(u for u in _UNITS if not u.endswith("s"))
_UNIT_PLURAL_RE = _alt(u for u in _UNITS if u.endswith("s"))
_ONES_RE = _alt(_ONES)
_NUM_RE = (
    rf"(?:(?<![\w,.$£€-])\d{{1,4}}(?:\.\d+)?|{_alt(_TENS)}(?:[\s-]+{_alt(list(_ONES)[1:10])})?"
    rf"|{_alt(_NUM_PHRASES)}|{_alt(_VAGUE)}|{_ONES_RE}|an?)"
)
_HALF_RE = r"(?:half(?:[\s-]+an?)?|an?[\s-]+half)"
_DUR_RE = (
    rf"(?:\b{_HALF_RE}[\s-]+{_UNIT_RE}"
    rf"|\b{_NUM_RE}(?:\s+and\s+a\s+half)?[\s-]+{_UNIT_RE}(?:\s+and\s+a\s+half)?)\b"
)
_YEAR_LB = r"(?<![\w$£€¥#.,/:+])"
_DAY_RE = r"[0-3]?\d(?:st|nd|rd|th)?"


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _fold_re(pattern: str) -> re.Pattern[str]:
    """A rule's regex, matched case-sensitively against the `_folded` text: the same
    matches as IGNORECASE on the original (tests/test_timex_folding.py checks every
    character of every rule against every code point), but the regex engine can skip
    ahead on literal first characters, which it cannot do under IGNORECASE."""
    return re.compile(pattern)


_FUTURE_RE = _c(rf"(?:^|[^\w'])(?:{_alt(_V['future_markers'])})\b")
_FUZZY_EXC_RE = _c(rf"\b{_alt(_V['fuzzy_exceptions'])}\b")
_YEAR_AFTER_BAD = _c(
    rf"(?:\s*(?:%|per\s*cent\b|percent\b)|[\s-]+{_alt(_V['quantity_nouns'])}(?![\w])"
    rf"|\s+{_alt(_V['time_words'])}\b|[-–/]\d)"
)
_HYPHEN_WORD = _c(r"-[a-z]")
_HYPHEN_OK = _c(rf"-{_alt(_V['year_hyphen_suffixes'])}\b")
_CURRENCY_BEFORE = _c(rf"(?:[$£€¥]|\b{_alt(_V['currency_codes'])})\s*$")
_RATE_BEFORE = _c(rf"(?:\d|%|\b{_alt(_V['rate_words'])})\s+$")
_DIGIT_BEFORE = re.compile(r"\d[\s\-–]$")
_DUR_MODS_RE = _alt(_V["duration_mods"])
_APPROX_BEFORE = _c(rf"\b{_DUR_MODS_RE}\s+$")
_PREV_TOKEN = re.compile(r"(\S+)\s*$")
_SENT_CUT = re.compile(r".*[,;:.!?()\"“”]\s", re.DOTALL)

_PREFIX_DATE = _c(
    rf"(?:\b(?P<sig>{_alt(_SIGNAL_MODS)})\s+)?(?:\b(?P<approx>{_alt(_V['approx_mods'])})\s+)?"
    rf"(?:\b(?P<pos>{_alt(_POS_MODS)})(?:\s*-\s*|\s+))?\Z"
)
_PREFIX_DUR = _c(rf"\b(?P<q>{_DUR_MODS_RE})\s+\Z")
_RANGE_OPENER = _c(rf"\b({_alt(_V['range_openers'])})\s+\Z")
_RANGE_GAP = _c(rf"\s*[-–—]\s*|\s+({_alt(_V['range_connectors'])})\s+")

_TRIGGER_WORDS = (
    set(_MONTHS)
    | set(_WEEKDAYS)
    | set(_SEASONS)
    | set(_UNITS)
    | set(_DECADE_WORDS)
    | {w for p in list(_DEICTIC) + list(_REF_WORDS) for w in re.split(r"[\s-]", p) if len(w) > 3}
    | set(_SET_ADVERBS)
    | {"now", "ago", "soon", "past", "future", "weekend"}
) - {"this", "some", "while", "near", "long", "time", "ahead", "come", "these", "before", "after"}
_TRIGGER = re.compile(rf"\d|\b(?:{_alt(_TRIGGER_WORDS)})", re.IGNORECASE)

# ---------------------------------------------------------------- anchor


@dataclass(frozen=True)
class _Anchor:
    date: dt.date | None
    precision: str  # "day" | "month" | "year" | "none"

    def at_least(self, precision: str) -> bool:
        order = ["none", "year", "month", "day"]
        return order.index(self.precision) >= order.index(precision)


def normalise_anchor(value: str | None) -> tuple[dt.date | None, str]:
    """Parse a document date ("YYYY", "YYYY-MM", "YYYY-MM-DD", also with a time part or
    without dashes) into (date, precision); missing parts are 1 and an unusable value gives
    (None, "none"), so callers never have to guard the string themselves."""
    if not value:
        return None, "none"
    m = re.match(r"\s*(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?(?!\d)", value)
    if not m:
        return None, "none"
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if d:
            return dt.date(y, int(mo), int(d)), "day"
        if mo:
            return dt.date(y, int(mo), 1), "month"
        return dt.date(y, 1, 1), "year"
    except ValueError:
        try:
            return (dt.date(y, int(mo), 1), "month") if mo else (None, "none")
        except ValueError:
            return dt.date(y, 1, 1), "year"


# ---------------------------------------------------------------- value helpers


def _ymd(d: dt.date) -> str:
    return d.isoformat()


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _add_months(d: dt.date, n: int) -> tuple[int, int]:
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    return y, m + 1


def _coarse(a: _Anchor) -> tuple[str, str]:
    """The anchor itself at its own precision: what day deixis collapses to."""
    assert a.date is not None
    if a.precision == "day":
        return _ymd(a.date), "day"
    if a.precision == "month":
        return _ym(a.date.year, a.date.month), "month"
    return f"{a.date.year:04d}", "year"


def _fmt_num(x: Fraction) -> str:
    return str(x.numerator) if x.denominator == 1 else f"{float(x):g}"


def _parse_count(s: str) -> Fraction | None:
    """Number words/digits -> amount; None for a vague count ("several")."""
    s = _norm(s.replace("-", " "))
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return Fraction(s)
    if s in _VAGUE:
        return None
    if s in _NUM_PHRASES:
        return Fraction(_NUM_PHRASES[s])
    if s in ("a", "an"):
        return Fraction(1)
    parts = s.split()
    total = sum(_TENS.get(p, _ONES.get(p, 0)) for p in parts)
    return Fraction(total)


def _parse_duration(s: str) -> tuple[Fraction | None, str]:
    """ "thirty-five years" -> (35, "Y"); "half a century" -> (1/2, "CE")."""
    w = _norm(re.sub(r"[\s-]+", " ", s))
    half = False
    if w.endswith(" and a half"):
        w, half = w[: -len(" and a half")], True
    if " and a half " in w:
        w, half = w.replace(" and a half ", " "), True
    tokens = w.split()
    unit = _UNITS[tokens[-1]]
    count = " ".join(tokens[:-1])
    if count in ("half", "half a", "half an", "a half", "an half"):
        return Fraction(1, 2), unit
    amount = _parse_count(count)
    if amount is not None and half:
        amount += Fraction(1, 2)
    return amount, unit


def _duration_value(amount: Fraction | None, unit: str) -> str:
    if unit in _UNIT_YEARS:
        if amount is None:
            return f"PX{unit}"
        amount, unit = amount * _UNIT_YEARS[unit], "Y"
    if unit in ("H", "MI"):
        return f"PT{'X' if amount is None else _fmt_num(amount)}{unit[0]}"
    if amount is None:
        return f"PX{unit}"
    if unit == "Y" and amount.denominator != 1 and (amount * 12).denominator == 1:
        amount, unit = amount * 12, "M"
    return f"P{_fmt_num(amount)}{unit}"


def _years_of(amount: Fraction | None, unit: str) -> int | None:
    """Whole years in a Y/DE/CE amount, or None."""
    if amount is None or unit not in ("Y", *_UNIT_YEARS):
        return None
    years = amount * _UNIT_YEARS.get(unit, 1)
    return int(years) if years.denominator == 1 else None


def _shift(a: _Anchor, amount: Fraction, unit: str, sign: int) -> tuple[str, str] | None:
    """The date `amount` units before (sign -1) or after (+1) the anchor, at the unit's
    precision, or None when the anchor is too coarse to place it."""
    if a.date is None:
        return None
    years = _years_of(amount, unit)
    if years is not None:
        return f"{a.date.year + sign * years:04d}", "year"
    if unit == "Y" and (amount * 12).denominator == 1:
        amount, unit = amount * 12, "M"
    if amount.denominator != 1:
        return None
    n = int(amount)
    if unit == "M" and a.at_least("month"):
        return _ym(*_add_months(a.date, sign * n)), "month"
    if unit == "W" and a.at_least("day"):
        return _iso_week(a.date + dt.timedelta(weeks=sign * n)), "week"
    if unit == "D" and a.at_least("day"):
        return _ymd(a.date + dt.timedelta(days=sign * n)), "day"
    if unit in ("H", "MI") and a.at_least("day"):
        days = n // 24 if unit == "H" else n // 1440
        return _ymd(a.date + dt.timedelta(days=sign * days)), "day"
    return None


def _value_range(value: str) -> tuple[dt.date, dt.date] | None:
    """Inclusive first and last day of a DATE value, or None for REF and X values."""
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            y, mo = int(m[1]), int(m[2])
            return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
        if m := re.fullmatch(r"(\d{4})", value):
            return dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 31)
        if m := re.fullmatch(r"(\d{3})X", value):
            return dt.date(int(m[1]) * 10, 1, 1), dt.date(int(m[1]) * 10 + 9, 12, 31)
        if m := re.fullmatch(r"(\d{2})XX", value):
            return dt.date(int(m[1]) * 100, 1, 1), dt.date(int(m[1]) * 100 + 99, 12, 31)
        if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
            y, w = int(m[1]), int(m[2])
            first = 6 if m[3] else 1
            return dt.date.fromisocalendar(y, w, first), dt.date.fromisocalendar(y, w, 7)
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
            return _season_span(m[2], int(m[1]))
    except ValueError:
        return None
    return None


def timex_to_date_range(t: Timex) -> tuple[str, str] | None:
    """Inclusive ISO (start, end) days covered by a DATE timex, so dates of any precision
    can be compared; None for durations, sets, *_REF and unanchored "XXXX" values. Ranges
    run from the start of `value` to the end of `end_value`; mods are not applied."""
    if t.type != "DATE":
        return None
    first = _value_range(t.value)
    if first is None:
        return None
    last = _value_range(t.end_value) if t.end_value else first
    if last is None:
        return None
    return first[0].isoformat(), last[1].isoformat()


# ---------------------------------------------------------------- resolution rules


def _resolve_month(a: _Anchor, month: int, future: bool, rel: int | None = None) -> str:
    """Month without a year; see the module docstring for the rule."""
    if a.date is None:
        return f"XXXX-{month:02d}"
    y = a.date.year
    if a.precision == "year" or rel == 0:
        return _ym(y, month)
    am = a.date.month
    if rel == -1:
        return _ym(y if month < am else y - 1, month)
    if rel == 1 or future:
        return _ym(y if month > am or (rel is None and month == am) else y + 1, month)
    return _ym(y if month <= am else y - 1, month)


def _resolve_month_day(a: _Anchor, month: int, day: int, future: bool) -> str | None:
    """Month and day without a year: the nearest such date to the anchor."""
    if a.date is None:
        try:
            dt.date(2000, month, day)
        except ValueError:
            return None
        return f"XXXX-{month:02d}-{day:02d}"
    if a.precision == "year":
        try:
            return _ymd(dt.date(a.date.year, month, day))
        except ValueError:
            return None
    ref = a.date if a.precision == "day" else a.date.replace(day=15)
    options = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            options.append(dt.date(y, month, day))
        except ValueError:
            pass
    if future:
        options = [o for o in options if o >= a.date]
    if not options:
        return None
    return _ymd(min(options, key=lambda o: (abs((o - ref).days), o)))


def _resolve_weekday(a: _Anchor, wd: int, rel: int | None, future: bool) -> tuple[str, str]:
    if a.date is None:
        return (f"XXXX-WXX-{wd}", "day") if rel is None else _REF_BY_DIR[rel]
    if a.precision != "day":
        return _coarse(a)
    aw = a.date.isoweekday()
    if rel == -1:
        delta = -((aw - wd - 1) % 7 + 1)
    elif rel == 1:
        delta = (wd - aw - 1) % 7 + 1
    elif rel == 0:
        delta = wd - aw
    elif future:
        delta = (wd - aw) % 7
    else:
        delta = -((aw - wd) % 7)
    return _ymd(a.date + dt.timedelta(days=delta)), "day"


def _season_span(code: str, year: int) -> tuple[dt.date, dt.date]:
    sm, em = _SEASON_MONTHS[code]
    ey = year + 1 if em < sm else year
    return dt.date(year, sm, 1), dt.date(ey, em, calendar.monthrange(ey, em)[1])


def _resolve_season(a: _Anchor, code: str, rel: int | None, future: bool) -> tuple[str, str]:
    if a.date is None:
        return (f"XXXX-{code}", "season") if rel is None else _REF_BY_DIR[rel]
    y = a.date.year
    if a.precision == "year":
        return f"{y + (rel or 0):04d}-{code}", "season"
    ref, years = a.date, range(y - 2, y + 2)
    spans = {yy: _season_span(code, yy) for yy in years}
    if rel == 0:
        inside = [yy for yy in years if spans[yy][0] <= ref <= spans[yy][1]]
        pick = inside[0] if inside else y
    elif rel == -1:
        pick = max(yy for yy in years if spans[yy][1] < ref)
    elif rel == 1 or future:
        pick = min(yy for yy in years if (spans[yy][0] > ref if rel else spans[yy][1] >= ref))
    else:
        pick = max(yy for yy in years if spans[yy][0] <= ref)
    return f"{pick:04d}-{code}", "season"


def _is_future(text: str, start: int) -> bool:
    """A future cue ("will", "is due") earlier in the same clause, within 60 characters."""
    left = text[max(0, start - 60) : start]
    cut = _SENT_CUT.match(left)
    if cut:
        left = left[cut.end() :]
    return bool(_FUTURE_RE.search(left))


def _prev_raw(text: str, pos: int, strip_hyphen: bool = True) -> str:
    """Token right before `pos`, without opening brackets or quotes ("mid-" gives "mid")."""
    before = text[max(0, pos - 30) : pos]
    if strip_hyphen:
        before = re.sub(r"[-–]$", " ", before)
    m = _PREV_TOKEN.search(before)
    return m.group(1).strip("(\"'“”‘’[") if m else ""


def _prev_token(text: str, pos: int, strip_hyphen: bool = True) -> str:
    return _folded(_prev_raw(text, pos, strip_hyphen))


# ---------------------------------------------------------------- candidates


@dataclass
class _Cand:
    start: int
    end: int
    value: str
    precision: str
    type: str = "DATE"
    mod: str | None = None
    end_value: str | None = None
    rank: int = 0
    month: int | None = None  # set when the year came from the anchor (ranges re-year these)
    day: int | None = None


class _Match:
    """A rule's match on the `_folded` text read back from the original text: the same
    offsets, the original letters (handlers test capitalisation: "May" vs "may")."""

    __slots__ = ("_m", "_text")

    def __init__(self, m: re.Match[str], text: str) -> None:
        self._m = m
        self._text = text

    def __getitem__(self, group: int | str) -> str | Any:
        start, end = self._m.span(group)
        return None if start < 0 else self._text[start:end]

    group = __getitem__

    def start(self, group: int | str = 0) -> int:
        return self._m.start(group)

    def end(self, group: int | str = 0) -> int:
        return self._m.end(group)


_Handler = Callable[[_Match, str, _Anchor], "_Cand | None"]


def _month_of(word: str) -> int:
    return _MONTHS[_folded(word.rstrip("."))]


def _cap(s: str) -> bool:
    return s[:1].isupper()


def _cand(m: _Match, value: str, precision: str, **kw) -> _Cand:
    return _Cand(m.start(), m.end(), value, precision, **kw)


def _valid_year(y: int) -> bool:
    return 1000 <= y <= 2199


def _h_iso(m: _Match, text: str, a: _Anchor) -> _Cand | None:
    try:
        d = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return _cand(m, _ymd(d), "day") if _valid_year(d.year) else None


def _leading_int(s: str) -> int:
    """The number a day token starts with ("12th" -> 12); the regexes guarantee one."""
    lead = re.match(r"\d+", s)
    return int(lead[0]) if lead else 0


def _h_date(m: _Match, text: str, a: _Anchor) -> _Cand | None:
    """Month + day (+ year), either order."""
    if not _cap(m["mon"]):
        return None
    month, day = _month_of(m["mon"]), _leading_int(m["day"])
    if m["year"]:
        y = int(m["year"])
        try:
            return _cand(m, _ymd(dt.date(y, month, day)), "day") if _valid_year(y) else None
        except ValueError:
            return None
    value = _resolve_month_day(a, month, day, _is_future(text, m.start()))
    return _cand(m, value, "day", month=month, day=day) if value else None


def _h_day_range(m: _Match, text: str, a: _Anchor) -> _Cand | None:
    if not _cap(m["mon"]):
        return None
    month = _month_of(m["mon"])
    d1, d2 = (_leading_int(m[g]) for g in ("d1", "d2"))
    if not 1 <= d1 < d2 <= 31:
        return None
    if m["year"]:
        y = int(m["year"])
        try:
            v1, v2 = _ymd(dt.date(y, month, d1)), _ymd(dt.date(y, month, d2))
        except ValueError:
            return None
        return _cand(m, v1, "day", end_value=v2)
    start = _resolve_month_day(a, month, d1, _is_future(text, m.start()))
    if not start:
        return None
    end = start[:-2] + f"{d2:02d}"
    if _value_range(end) is None and not end.startswith("X"):
        return None
    return _cand(m, start, "day", end_value=end, month=month, day=d1)


def _h_month_year(m: _Match, text: str, a: _Anchor) -> _Cand | None:
    y = int(m["year"])
    if not _cap(m["mon"]) or not _valid_year(y):
        return None
    return _cand(m, _ym(y, _month_of(m["mon"])), "month")


def _h_month_rel_year(m: _Match, text: str, a: _Anchor) -> _Cand | None:
    """ "September of last year", "May this year": the month of the relative year."""
    if not _cap(m["mon"]) or a.date is None:
        return None
    year = a.date.year + _RELATIVE[_folded(m["rel"])]
    return _cand(m, _ym(year, _month_of(m["mon"])), "month")


def _h_year_range(m: _Match, text: str, a: _Anchor) -> _Cand | None:
    y1, y2s = int(m["y1"]), m["y2"]
    y2 = int(y2s) if len(y2s) == 4 else y1 // 100 * 100 + int(y2s)
    if len(y2s) == 2 and y2 <= y1 and y1 % 100 >= 90:
        y2 += 100
    if not (1000 <= y1 < y2 <= 2100 and y2 - y1 <= 200):
        return None
    if not _year_context_ok(text, m.start(), m.end(), y1 if y1 >= 1800 else 0):
        return None
    return _cand(m, f"{y1:04d}", "year", end_value=f"{y2:04d}")


def _h_decade(m: _Match, text: str, a: _Anchor) -> _Cand | None:
    if m["y"]:
        y = int(m["y"])
        if y % 100 == 0 and y <= 1900:
            return _cand(m, f"{y // 100:02d}XX", "century")
        return _cand(m, f"{y // 10:03d}X", "decade") if 1000 <= y <= 2090 else None
    if (m["yy2"] or m["w"]) and not m["the"]:
        return None  # "in their 90s"
    if m["w"]:
        return _cand(m, f"19{_DECADE_WORDS[_folded(m['w'])]}X", "decade")
    yy = int(m["yy"] or m["yy2"])
    now = a.date.year if a.date else 1999
    century = 20 if 2000 + yy <= now else 19
    return _cand(m, f"{century}{yy // 10}X", "decade")


def _h_century(m: _Match, text: str, a: _Anchor) -> _Cand | None:
    o = _folded(m["ord"])
    n = int(o[:-2]) if o[0].isdigit() else _ORDINALS[o]
    return _cand(m, f"{n - 1:02d}XX", "century") if 1 <= n <= 22 else None


def _h_rel_calendar(m: _Match, text: str, a: _Anchor) -> _Cand | None:
    """ "last year", "this week", "earlier this month": calendar units around the anchor."""
    if _prev_token(text, m.start()) == "the":
        return None
    d, unit = _RELATIVE[_folded(m["rel"])], _folded(m["unit"])
    if a.date is None:
        return _cand(m, *_REF_BY_DIR[d])
    y = a.date.year
    if unit == "year":
        return _cand(m, f"{y + d:04d}", "year")
    if unit == "decade":
        return _cand(m, f"{y // 10 + d:03d}X", "decade")
    if unit == "century":
        return _cand(m, f"{y // 100 + d:02d}XX", "century")
    need = "month" if unit == "month" else "day"
    if not a.at_least(need):
        return _cand(m, *(_coarse(a) if d == 0 else _REF_BY_DIR[d]))
    if unit == "month":
        return _cand(m, _ym(*_add_months(a.date, d)), "month")
    week = _iso_week(a.date + dt.timedelta(weeks=d))
    return _cand(m, week + ("-WE" if unit == "weekend" else ""), "week")


def _h_rel_span(m: _Match, text: str, a: _Anchor) -> _Cand | None:
    """ "the past decade", "the next two years": a span ending or starting at the anchor."""
    rel = _folded(m["rel"])
    sign = _RELATIVE[rel]
    unit_word = _folded(m["unit"])
    unit = _UNITS[unit_word]
    plural = unit_word.endswith("s")
    if m["num"]:
        amount = _parse_count(m["num"])
    else:
        amount = None if plural else Fraction(1)
        if not plural and unit == "D":
            return None  # "the last day" is rarely deictic
        narrative = _prev_token(text, m.start()) not in _SPAN_CUES
        if not plural and sign > 0 and narrative:
            return None  # "the next year" mostly means the year after some event
    if amount is None or a.date is None:
        return _cand(m, *_REF_BY_DIR[sign])
    years, whole = _years_of(amount, unit), amount.denominator == 1
    if years is not None:
        far, here, precision = f"{a.date.year + sign * years:04d}", f"{a.date.year:04d}", "year"
    elif unit == "M" and whole and a.at_least("month"):
        far, here = _ym(*_add_months(a.date, sign * int(amount))), _ym(*_add_months(a.date, 0))
        precision = "month"
    elif unit in ("W", "D") and whole and a.at_least("day"):
        days = int(amount) * (7 if unit == "W" else 1)
        far, here, precision = _ymd(a.date + dt.timedelta(days=sign * days)), _ymd(a.date), "day"
    else:
        return _cand(m, *_REF_BY_DIR[sign])
    start_v, end_v = (far, here) if sign < 0 else (here, far)
    return _cand(m, start_v, precision, end_value=end_v)


def _h_ago(m: _Match, text: str, a: _Anchor) -> _Cand | None:
    if m["bare"]:
        return _cand(m, "PAST_REF", "past")
    amount, unit = _parse_duration(m["dur"])
    if amount is None or a.date is None:
        return _cand(m, "PAST_REF", "past")
    res = _shift(a, amount, unit, -1)
    return _cand(m, *(res or _REF_BY_DIR[-1]))


def _h_duration(m: _Match, text: str, a: _Anchor) -> _Cand | None:
    if m["bare"]:
        return _cand(
            m, _duration_value(None, _UNITS[_folded(m["bare"])]), "duration", type="DURATION"
        )
    amount, unit = _parse_duration(m["dur"])
    if amount == 0:
        return None
    return _cand(m, _duration_value(amount, unit), "duration", type="DURATION")


def _h_set(m: _Match, text: str, a: _Anchor) -> _Cand | None:
    if m["adv"]:
        if _cap(m["adv"]):
            return None  # "the Daily Star"
        return _cand(m, _SET_ADVERBS[_folded(m["adv"])], "duration", type="SET")
    if m["every"]:
        word = _folded(m["unit"])
        if word.rstrip("s") in _WEEKDAYS:
            return _cand(m, f"XXXX-WXX-{_WEEKDAYS[word.rstrip('s')]}", "day", type="SET")
        amount = _parse_count(m["num"]) if m["num"] else Fraction(1)
        if re.search(r"\bother\b", m[0], re.I) and amount is not None:
            amount *= 2
        return _cand(m, _duration_value(amount, _UNITS[word]), "duration", type="SET")
    if m["freq"]:
        return _cand(
            m, _duration_value(Fraction(1), _UNITS[_folded(m["funit"])]), "duration", type="SET"
        )
    rate = _RATE_BEFORE.search(text[max(0, m.start() - 12) : m.start()])
    if _folded(m["per"]) != "per" and not rate:
        return None  # "for a year" is a duration; "$5 billion a year" is a rate
    return _cand(
        m, _duration_value(Fraction(1), _UNITS[_folded(m["punit"])]), "duration", type="SET"
    )


def _h_deictic(m: _Match, text: str, a: _Anchor) -> _Cand | None:
    offset = _DEICTIC[_norm(m[0])]
    sign = (offset > 0) - (offset < 0)
    if a.date is None:
        return _cand(m, *_REF_BY_DIR[sign])
    if a.precision != "day":
        return _cand(m, *_coarse(a))
    return _cand(m, _ymd(a.date + dt.timedelta(days=offset)), "day")


def _h_ref(m: _Match, text: str, a: _Anchor) -> _Cand | None:
    phrase = _norm(m[0])
    for exc in _FUZZY_EXC_RE.finditer(text, max(0, m.start() - 12), m.end() + 15):
        if exc.start() < m.end() and m.start() < exc.end():
            return None  # "as soon as"
    if phrase.startswith("the "):
        prev = _prev_token(text, m.start())
        if prev not in _FUZZY_THE_CUES:
            return None  # "the future president", "the past year" handled elsewhere
    value = _REF_WORDS[phrase]
    return _cand(m, value, _REF_PRECISION[value])


def _h_weekday(m: _Match, text: str, a: _Anchor) -> _Cand | None:
    if not _cap(m["wd"]):
        return None
    prev = _prev_raw(text, m.start())
    if m["rel"] is None and _cap(prev) and _folded(prev) in _WEEKDAY_BLOCKERS:
        return None  # "Good Friday", "Bloody Sunday"
    wd = _WEEKDAYS[_folded(m["wd"])]
    if m["pl"]:
        return _cand(m, f"XXXX-WXX-{wd}", "day", type="SET")
    rel = _RELATIVE[_folded(m["rel"])] if m["rel"] else None
    value, precision = _resolve_weekday(a, wd, rel, _is_future(text, m.start()))
    return _cand(m, value, precision)


def _h_season(m: _Match, text: str, a: _Anchor) -> _Cand | None:
    word = _folded(m["s"])
    code = _SEASONS[word]
    if m["year"]:
        y = int(m["year"])
        return _cand(m, f"{y:04d}-{code}", "season") if _valid_year(y) else None
    rel = _RELATIVE[_folded(m["rel"])] if m["rel"] else None
    if rel is None:
        before = _norm(text[max(0, m.start() - 20) : m.start()] + (m["the"] or ""))
        if word == "fall":
            if not any(before.endswith(c) for c in _SEASON_STRONG):
                return None
        elif not m["the"] and _prev_token(text, m.start()) not in _SEASON_CUES:
            return None
    elif word == "fall" and _folded(m["rel"]) not in ("last", "this", "next"):
        return None
    value, precision = _resolve_season(a, code, rel, _is_future(text, m.start()))
    return _cand(m, value, precision)


def _h_month(m: _Match, text: str, a: _Anchor) -> _Cand | None:
    if not _cap(m["mon"]):
        return None
    word = _folded(m["mon"])
    rel = _RELATIVE[_folded(m["rel"])] if m["rel"] else None
    if word in _AMBIG_MONTHS and rel is None:
        prev = _prev_token(text, m.start())
        month_before = re.search(
            rf"\b{_FULL_MONTH_RE}\s*(?:[-–]|and|to|or|until|through)\s*$",
            text[max(0, m.start() - 30) : m.start()],
            re.I,
        )
        if prev not in _MONTH_CUES and not month_before:
            return None
    month = _FULL_MONTHS[word]
    value = _resolve_month(a, month, _is_future(text, m.start()), rel)
    return _cand(m, value, "month", month=None if rel is not None else month)


def _year_context_ok(text: str, start: int, end: int, year: int) -> bool:
    """Whether a 4-digit number reads as a year here (see the module docstring)."""
    before = text[max(0, start - 15) : start]
    if _DIGIT_BEFORE.search(before) or _CURRENCY_BEFORE.search(before):
        return False
    glued = re.search(r"([A-Za-z]+)[-–]$", before)
    if glued and glued.group(1).lower() not in _YEAR_HYPHEN_PREFIXES:
        return False  # "MiG-2000"; "mid-2005", "post-2003" are fine
    prev = _prev_token(text, start, False)
    if prev in _YEAR_BLOCKERS or prev.rstrip(".") in _YEAR_BLOCKERS:
        return False
    after = text[end : end + 30]
    if _YEAR_AFTER_BAD.match(after):
        return False
    if _HYPHEN_WORD.match(after) and not _HYPHEN_OK.match(after):
        return False
    if year and year < 1800 and prev not in _EARLY_YEAR_CUES:
        return False
    nxt = re.match(r"\s+([a-z]+)\b", after)
    if nxt and year:
        w = nxt.group(1)
        plural = w.endswith("s") and not w.endswith("ss") and w not in _YEAR_NOUNS
        if plural and (year % 100 == 0 or _APPROX_BEFORE.search(before)):
            return False
    return True


def _h_year(m: _Match, text: str, a: _Anchor) -> _Cand | None:
    y = int(m["year"])
    if not 1000 <= y <= 2100:
        return None
    if not _year_context_ok(text, m.start(), m.end(), y):
        return None
    return _cand(m, f"{y:04d}", "year")


# Where a rule's match can start, for the rules whose scan costs most: every match of
# these starts at the beginning of the text or right after a non-word character, with
# one of the words (or digits) of its start regex. `_scan` runs the rule only there.
_STARTS: dict[re.Pattern[str], re.Pattern[str]] = {}


def _started(pattern: re.Pattern[str], first: str) -> re.Pattern[str]:
    """Record `first` (an alternation of what a match of `pattern` begins with)."""
    _STARTS[pattern] = re.compile(rf"\W(?:{first})")
    return pattern


def _scan(pattern: re.Pattern[str], low: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(low)`, trying the rule only where `_STARTS` says it can start.

    The start regex opens with a character class, so the engine skips to the candidates
    in C; the rule's own regex, matched at each candidate in order, decides as before
    (`match` at a position sees the text before it, like `finditer` does).
    """
    start = _STARTS.get(pattern)
    if start is None:
        yield from pattern.finditer(low)
        return
    pos = 0  # matches may start here or later
    while True:
        if pos == 0:
            at = 0
        else:
            cand = start.search(low, pos - 1)
            if cand is None:
                return
            at = cand.start() + 1
        m = pattern.match(low, at)
        if m is None:
            pos = at + 1
            continue
        yield m
        pos = max(m.end(), at + 1)


_RULES: list[tuple[re.Pattern[str], _Handler]] = [
    (
        _started(_fold_re(r"(?<![\w/.-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d/-])"), r"\d"),
        _h_iso,
    ),
    (
        _started(
            _fold_re(
                rf"\b(?P<mon>{_MONTH_RE})\s+(?P<d1>{_DAY_RE})\s*[-–—]\s*(?P<d2>{_DAY_RE})\b"
                rf"(?:,?\s+(?P<year>\d{{4}})\b(?![.,]\d))?"
            ),
            _MONTH_RE,
        ),
        _h_day_range,
    ),
    (
        _started(
            _fold_re(
                rf"(?<![\d,.$])\b(?P<d1>{_DAY_RE})\s*[-–—]\s*(?P<d2>{_DAY_RE})\s+(?P<mon>{_MONTH_RE})"
                rf"\.?(?:,?\s+(?P<year>\d{{4}})\b(?![.,]\d))?"
            ),
            r"\d",
        ),
        _h_day_range,
    ),
    (
        _started(
            _fold_re(
                rf"(?:\b{_WEEKDAY_RE},?\s+)?\b(?P<mon>{_MONTH_RE})\s+(?P<day>{_DAY_RE})\b"
                rf"(?![:.,]?\d|\s*[-–—]\s*\d)(?:,?\s+(?P<year>\d{{4}})\b(?![.,]\d))?"
            ),
            rf"{_WEEKDAY_RE}|{_MONTH_RE}",
        ),
        _h_date,
    ),
    (
        _started(
            _fold_re(
                rf"(?:\b{_WEEKDAY_RE},?\s+)?(?<![\d,.$])\b(?P<day>{_DAY_RE})\s+(?:of\s+)?"
                rf"(?P<mon>{_MONTH_RE})(?:,?\s+(?P<year>\d{{4}})\b(?![.,]\d))?"
            ),
            rf"{_WEEKDAY_RE}|\d",
        ),
        _h_date,
    ),
    (
        _started(
            _fold_re(rf"\b(?P<mon>{_MONTH_RE}),?\s+(?:of\s+)?(?P<year>\d{{4}})\b(?![.,]\d)"),
            _MONTH_RE,
        ),
        _h_month_year,
    ),
    (
        _started(
            _fold_re(
                rf"\b(?P<mon>{_FULL_MONTH_RE})\s+(?:of\s+)?(?P<rel>{_alt(_RELATIVE)})\s+year\b"
            ),
            _FULL_MONTH_RE,
        ),
        _h_month_rel_year,
    ),
    (
        _started(
            _fold_re(
                rf"{_YEAR_LB}(?P<y1>\d{{4}})\s*[-–—/]\s*(?P<y2>\d{{4}}|\d{{2}})\b(?![.,/:-]?\d)"
            ),
            r"\d",
        ),
        _h_year_range,
    ),
    (
        _started(
            _fold_re(
                rf"(?P<the>\bthe\s+)?(?:{_YEAR_LB}(?P<y>\d{{3}}0)['’]?s\b|(?<!\w)['’](?P<yy>\d0)s\b"
                rf"|(?<![\w$.,'’])(?P<yy2>\d0)s\b|\b(?P<w>{_alt(_DECADE_WORDS)})\b)"
            ),
            rf"the|\d|['’]|{_alt(_DECADE_WORDS)}",
        ),
        _h_decade,
    ),
    (
        _started(
            _fold_re(
                rf"(?:\bthe\s+)?\b(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{_alt(_ORDINALS)})[\s-]+"
                r"centur(?:y|ies)\b"
            ),
            rf"the|\d|{_alt(_ORDINALS)}",
        ),
        _h_century,
    ),
    (
        _started(
            _fold_re(
                rf"\bthe\s+(?P<rel>past|last|next|coming)\s+(?:(?P<num>{_NUM_RE})[\s-]+)?"
                rf"(?P<unit>{_UNIT_RE})\b(?!\s+of\b)"
            ),
            r"the",
        ),
        _h_rel_span,
    ),
    (
        _started(
            _fold_re(rf"(?P<dur>{_DUR_RE})\s+ago\b|\b(?P<bare>{_UNIT_PLURAL_RE})\s+ago\b"),
            rf"\d|half|an?|{_alt(_TENS)}|{_alt(_NUM_PHRASES)}|{_alt(_VAGUE)}|{_ONES_RE}|{_UNIT_PLURAL_RE}",
        ),
        _h_ago,
    ),
    (
        _started(
            _fold_re(
                rf"\b(?:{_alt(_V['relative_qualifiers'])}\s+)?(?P<rel>last|next|this|current)\s+"
                r"(?P<unit>year|month|weekend|week|decade|century)\b"
            ),
            rf"{_alt(_V['relative_qualifiers'])}|last|next|this|current",
        ),
        _h_rel_calendar,
    ),
    (
        _started(
            _fold_re(
                rf"(?:\b(?P<rel>last|next|this)\s+|(?P<the>\bthe\s+))?\b(?P<s>{_alt(_SEASONS)})\b"
                rf"(?:\s+(?:of\s+)?(?P<year>\d{{4}})\b(?![.,]\d))?"
            ),
            rf"last|next|this|the|{_alt(_SEASONS)}",
        ),
        _h_season,
    ),
    (_started(_fold_re(rf"\b{_alt(_DEICTIC)}\b"), _alt(_DEICTIC)), _h_deictic),
    (
        _started(
            _fold_re(rf"\b(?:(?P<rel>last|next|this|coming)\s+)?(?P<wd>{_WEEKDAY_RE})(?P<pl>s)?\b"),
            rf"last|next|this|coming|{_WEEKDAY_RE}",
        ),
        _h_weekday,
    ),
    (
        _started(
            _fold_re(rf"\b(?:(?P<rel>last|next|this)\s+)?(?P<mon>{_FULL_MONTH_RE})\b"),
            rf"last|next|this|{_FULL_MONTH_RE}",
        ),
        _h_month,
    ),
    (
        _fold_re(
            rf"\b(?:(?P<every>every|each)\s+(?:other\s+)?(?:(?P<num>{_NUM_RE})[\s-]+)?"
            rf"(?P<unit>{_UNIT_RE}|{_WEEKDAY_RE}s?)|(?P<freq>once|twice|thrice|\w+\s+times)\s+"
            rf"(?:an?|per)\s+(?P<funit>{_UNIT_SING_RE})|(?P<per>per|an?)\s+(?P<punit>{_UNIT_SING_RE})"
            rf"|(?P<adv>{_alt(_SET_ADVERBS)}))\b"
        ),
        _h_set,
    ),
    (
        _started(
            _fold_re(
                rf"(?P<dur>{_DUR_RE})(?!-old\b|\s+old\b|\s+(?:ago|later|earlier|afterwards|on)\b)"
                rf"|(?:(?<=\bfor\s)|(?<=\bover\s)|(?<=\bwithin\s)|(?<=\bin\s))(?P<bare>{_UNIT_PLURAL_RE})"
                r"\b(?!\s+(?:ago|later|earlier)\b)"
            ),
            rf"\d|half|an?|{_alt(_TENS)}|{_alt(_NUM_PHRASES)}|{_alt(_VAGUE)}|{_ONES_RE}|{_UNIT_PLURAL_RE}",
        ),
        _h_duration,
    ),
    (_started(_fold_re(rf"\b{_alt(_REF_WORDS)}\b"), _alt(_REF_WORDS)), _h_ref),
    (_started(_fold_re(rf"{_YEAR_LB}(?P<year>\d{{4}})\b(?![.,:]\d|[-–/]\d|%)"), r"\d"), _h_year),
]


def _last_words(phrases: Iterable[str]) -> tuple[str, ...]:
    """The last word of each phrase: a match of an alternation of them contains one."""
    return tuple(sorted({_norm(w).split(" ")[-1] for w in phrases}))


# Lower-case literals one of which every match of a handler's rule contains: on a text
# with none of them the rule's scan is skipped (most texts have no "ago" or century).
# Exact under IGNORECASE: `_folded` maps every character the regex engine equates with
# an ASCII letter to that letter.
_NEEDS: dict[_Handler, tuple[str, ...]] = {
    _h_decade: ("0s", "0'", "0’", *_last_words(_DECADE_WORDS)),
    _h_century: ("centur",),
    _h_rel_span: ("past", "last", "next", "coming"),
    _h_ago: ("ago",),
    _h_rel_calendar: ("last", "next", "this", "current"),
    _h_season: _last_words(_SEASONS),
    _h_deictic: _last_words(_DEICTIC),
    _h_weekday: _last_words(_WEEKDAYS),
    _h_month: _last_words(_FULL_MONTHS),
    _h_ref: _last_words(_REF_WORDS),
}


# ---------------------------------------------------------------- assembly


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Longest match wins; on equal length the earlier rule wins."""
    chosen: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.rank, c.start)):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _reyear(c: _Cand, year: int) -> str | None:
    try:
        if c.day is not None:
            return _ymd(dt.date(year, c.month or 1, c.day))
        return _ym(year, c.month or 1)
    except ValueError:
        return None


def _merge_ranges(cands: list[_Cand], text: str) -> list[_Cand]:
    """Join "between X and Y", "from X to Y", "X–Y" into one range timex."""
    out: list[_Cand] = []
    i = 0
    while i < len(cands):
        left = cands[i]
        right = cands[i + 1] if i + 1 < len(cands) else None
        merged = _try_merge(left, right, text) if right else None
        if merged:
            out.append(merged)
            i += 2
        else:
            out.append(left)
            i += 1
    return out


def _try_merge(left: _Cand, right: _Cand, text: str) -> _Cand | None:
    gap = _RANGE_GAP.fullmatch(text, left.end, right.start)
    if not gap or left.type != "DATE" or right.type != "DATE":
        return None
    if left.end_value or right.end_value:
        return None
    opener = _RANGE_OPENER.search(text, max(0, left.start - 12), left.start)
    word = (gap.group(1) or "-").lower()
    if word == "and" and not (opener and opener.group(1).lower() == "between"):
        return None
    if opener and opener.group(1).lower() == "between" and word != "and":
        opener = None
    lvalue = left.value
    if left.month is not None and _value_range(right.value):
        year = int(right.value[:4])
        lvalue = _reyear(left, year) or lvalue
        lv, rv = _value_range(lvalue), _value_range(right.value)
        if lv and rv and lv[0] > rv[0]:
            lvalue = _reyear(left, year - 1) or lvalue
    lr, rr = _value_range(lvalue), _value_range(right.value)
    if lr is None or rr is None or lr[0] > rr[0]:
        return None
    start = opener.start() if opener else left.start
    return replace(
        left,
        start=start,
        end=right.end,
        value=lvalue,
        end_value=right.value,
        month=right.month,
        day=right.day,
    )


def _attach_mods(cands: list[_Cand], text: str) -> list[_Cand]:
    """Pull modifier words before each timex into its span and set `mod`."""
    out: list[_Cand] = []
    prev_end = 0
    for c in cands:
        lo = max(prev_end, c.start - 40)
        if c.type == "DATE":
            m = _PREFIX_DATE.search(text, lo, c.start)
            if m and m.start() < c.start:
                mod = None
                if m["sig"]:
                    mod = _SIGNAL_MODS[_norm(m["sig"])]
                elif m["approx"]:
                    mod = "APPROX"
                elif m["pos"]:
                    mod = _POS_MODS[_norm(m["pos"])]
                c = replace(c, start=m.start(), mod=mod)
        elif c.type == "DURATION":
            m = _PREFIX_DUR.search(text, lo, c.start)
            if m:
                c = replace(c, start=m.start(), mod="APPROX")
        out.append(c)
        prev_end = c.end
    return out


def find_timexes(text: str, anchor: str | None) -> list[Timex]:
    """Time expressions in `text`, normalised against `anchor`, the document date as
    "YYYY", "YYYY-MM" or "YYYY-MM-DD" (or None). Returns non-overlapping expressions
    sorted by start; offsets index into `text`."""
    if not text or not _TRIGGER.search(text):
        return []
    a = _Anchor(*normalise_anchor(anchor))
    cands: list[_Cand] = []
    low = _folded(text)
    for rank, (pattern, handler) in enumerate(_RULES):
        needs = _NEEDS.get(handler)
        if needs is not None and not any(w in low for w in needs):
            continue
        for m in _scan(pattern, low):
            c = handler(_Match(m, text), text, a)
            if c is not None:
                c.rank = rank
                cands.append(c)
    chosen = _attach_mods(_merge_ranges(_select(cands), text), text)
    return [
        Timex(
            c.start, c.end, text[c.start : c.end], c.value, c.precision, c.type, c.mod, c.end_value
        )
        for c in chosen
    ]
