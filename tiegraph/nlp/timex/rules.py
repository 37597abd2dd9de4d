"""The rules: one regex and one handler per kind of expression (dates, ranges, decades,
relative and deictic expressions, durations, sets, years); a handler turns a match
into a candidate with its value, or rejects it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction

from tiegraph.nlp.timex.scan import (
    _fold_re,
    _Match,
    _started,
)
from tiegraph.nlp.timex.values import (
    _add_months,
    _Anchor,
    _coarse,
    _duration_value,
    _is_future,
    _iso_week,
    _parse_count,
    _parse_duration,
    _prev_raw,
    _prev_token,
    _resolve_month,
    _resolve_month_day,
    _resolve_season,
    _resolve_weekday,
    _shift,
    _value_range,
    _year_context_ok,
    _years_of,
    _ym,
    _ymd,
)
from tiegraph.nlp.timex.vocab import (
    _AMBIG_MONTHS,
    _DAY_RE,
    _DECADE_WORDS,
    _DEICTIC,
    _DUR_RE,
    _FULL_MONTH_RE,
    _FULL_MONTHS,
    _FUZZY_EXC_RE,
    _FUZZY_THE_CUES,
    _MONTH_CUES,
    _MONTH_RE,
    _MONTHS,
    _NUM_PHRASES,
    _NUM_RE,
    _ONES_RE,
    _ORDINALS,
    _RATE_BEFORE,
    _REF_BY_DIR,
    _REF_PRECISION,
    _REF_WORDS,
    _RELATIVE,
    _SEASON_CUES,
    _SEASON_STRONG,
    _SEASONS,
    _SET_ADVERBS,
    _SPAN_CUES,
    _TENS,
    _UNIT_PLURAL_RE,
    _UNIT_RE,
    _UNIT_SING_RE,
    _UNITS,
    _V,
    _VAGUE,
    _WEEKDAY_BLOCKERS,
    _WEEKDAY_RE,
    _WEEKDAYS,
    _YEAR_LB,
    _alt,
    _folded,
    _norm,
)

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


def _h_year(m: _Match, text: str, a: _Anchor) -> _Cand | None:
    y = int(m["year"])
    if not 1000 <= y <= 2100:
        return None
    if not _year_context_ok(text, m.start(), m.end(), y):
        return None
    return _cand(m, f"{y:04d}", "year")


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
