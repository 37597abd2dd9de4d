"""The time-expression vocabulary (data/timex.yaml) and the regex pieces built from it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from tiegraph.resources import load_yaml

_V = load_yaml("timex.yaml")

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
