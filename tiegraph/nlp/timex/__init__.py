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

import datetime as dt
from dataclasses import replace

from tiegraph.nlp.timex.rules import (
    _RULES,
    _Cand,
    _h_ago,
    _h_century,
    _h_decade,
    _h_deictic,
    _h_month,
    _h_ref,
    _h_rel_calendar,
    _h_rel_span,
    _h_season,
    _h_weekday,
    _Handler,
    _last_words,
)
from tiegraph.nlp.timex.scan import _STARTS as _STARTS  # noqa: F401  (read by the tests)
from tiegraph.nlp.timex.scan import (
    _Match,
    _scan,
)
from tiegraph.nlp.timex.values import (
    Timex,
    _Anchor,
    _value_range,
    _ym,
    _ymd,
    normalise_anchor,
)
from tiegraph.nlp.timex.values import timex_to_date_range as timex_to_date_range
from tiegraph.nlp.timex.vocab import (
    _DECADE_WORDS,
    _DEICTIC,
    _FULL_MONTHS,
    _POS_MODS,
    _PREFIX_DATE,
    _PREFIX_DUR,
    _RANGE_GAP,
    _RANGE_OPENER,
    _REF_WORDS,
    _SEASONS,
    _SIGNAL_MODS,
    _TRIGGER,
    _WEEKDAYS,
    _folded,
    _norm,
)
from tiegraph.nlp.timex.vocab import _V as _V  # noqa: F401  (read by the tests)

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
