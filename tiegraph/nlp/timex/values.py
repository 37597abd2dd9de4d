"""TIMEX3 values: the Timex record, the document anchor, durations, shifts and the
resolution of relative dates (months, weekdays, seasons) against the anchor, and the
context tests the handlers share (a future cue before a date, whether "2000" is a year)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import asdict, dataclass
from fractions import Fraction

from tiegraph.nlp.timex.vocab import (
    _APPROX_BEFORE,
    _CURRENCY_BEFORE,
    _DIGIT_BEFORE,
    _EARLY_YEAR_CUES,
    _FUTURE_RE,
    _HYPHEN_OK,
    _HYPHEN_WORD,
    _NUM_PHRASES,
    _ONES,
    _PREV_TOKEN,
    _REF_BY_DIR,
    _SEASON_MONTHS,
    _SENT_CUT,
    _TENS,
    _UNIT_YEARS,
    _UNITS,
    _VAGUE,
    _YEAR_AFTER_BAD,
    _YEAR_BLOCKERS,
    _YEAR_HYPHEN_PREFIXES,
    _YEAR_NOUNS,
    _folded,
    _norm,
)


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
