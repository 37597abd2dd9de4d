"""Article metadata read from scraped text: publication date, inferred year, language.

Label words, the day/month order of numeric dates and cue lists live in
`data/chrome_patterns.yaml` (sections `date_line`, `numeric_dates` and `year_inference`);
this module only holds the date grammar. Rules and evaluation: docs/cleaning.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tiegraph.resources import load_yaml

RULES_FILE = "chrome_patterns.yaml"

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
_NUMERIC_DMY = r"(?P<n1>\d{1,2})(?P<sep>[/.-])(?P<n2>\d{1,2})(?P=sep)"
_DATE_FORMS = (
    rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}",  # February 8, 2006
    rf"{_DAY}(?:\s+(?:of\s+)?|-){_MONTH}(?:,?\s+|-){_YEAR}",  # 8 February 2006, 10-Jun-2004
    rf"{_YEAR}[-/.](?P<mnum>\d{{1,2}})[-/.](?P<dnum>\d{{1,2}})\.?",  # 2006-02-08, 2006.02.08
    rf"{_YEAR}\s*년\s*(?P<mnum>\d{{1,2}})\s*월\s*(?P<dnum>\d{{1,2}})\s*일",  # 2006년 2월 8일
    rf"{_NUMERIC_DMY}{_YEAR}",  # 08/02/2006 or 02/08/2006: see _numeric_order
    rf"{_MONTH},?\s+{_YEAR}",  # February 2006
    rf"{_YEAR}",  # 2006 (only with a label, see _parse)
)
_WEEKDAY = r"(?:(?P<weekday>mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_WEEKDAY_AFTER = r"(?:,?\s*\(?(?P<weekday_cjk>[월화수목금토일])(?:요일)?\)?(?!\w))?"
# time of day and zone after the date: "4:20 pm (EST)", "T10:00:00Z", "at 3 p.m. ET",
# "Published at 03:12 GMT 04:12 UK" (a label after the date, then up to three clock readings)
_CLOCK = r"(?:T?\d{1,2}(?:[:.]\d{2}){1,2}(?:\.\d+)?\s*(?:[ap]\.?\s?m\.?)?|\d{1,2}\s*[ap]\.?\s?m\.?)"
_ZONE = r"(?:Z|[+-]\d{2}:?\d{2}|\(?(?P<%s>(?-i:[A-Z]{2,5}))(?:[+-]\d{1,2}(?::?\d{2})?)?\)?)"
_ANY_YEAR = re.compile(_YEAR)  # the one piece every date form has
_WEEKDAY_NO = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_WEEKDAY_CJK = "월화수목금토일"


@dataclass(frozen=True)
class DateLine:
    iso: str
    precision: str  # "day" | "month" | "year"
    kind: str  # "published" | "updated" | "plain"


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    return load_yaml(RULES_FILE)


def _alternation(words: list[str]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


@lru_cache(maxsize=1)
def _date_line_res() -> list[tuple[str, re.Pattern[str]]]:
    """One full-line regex per date form, with an optional label or byline before it."""
    cfg = _rules()["date_line"]
    labels = (
        rf"(?:(?P<updated>{_alternation(cfg['updated_prefixes'])})"
        rf"|(?P<published>{_alternation(cfg['published_prefixes'])}))\s*(?:on\s+)?[:：]?\s*"
    )
    byline = r"(?P<byline>by\s+[^|•·]{1,60}?\s*[|•·,–—-]\s*)"
    lead_time = r"(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s?m\.?)?\s*(?-i:[A-Z]{2,5})?\s*[,|•·]?\s*)?"
    post_label = (
        rf"(?:(?P<post_updated>{_alternation(cfg['updated_prefixes'])})"
        rf"|(?P<post_published>{_alternation(cfg['published_prefixes'])}))(?:\s+at)?\s*[:：]?"
    )
    clock = (
        rf"(?:\s*(?:[|,•·–—-]|at|{post_label})?\s*{_CLOCK}(?:\s*{_ZONE % 'zone'})?"
        rf"|\s*{_ZONE % 'zone_alone'}(?![\w:]))"
    )
    tail = rf"(?:\s*(?:[|•·]|\s/)\s*[^|/]{{0,{int(cfg['max_trailing_chars'])}}})*"
    # a section label before the date: "Asia-Pacific | Wednesday, 17 June 2020"
    section = r"(?:(?!by\s)[^\W\d][\w&'’.-]*(?:\s+[\w&'’.-]+){0,3}\s*[|•·]\s*)?"
    return [
        (
            form,
            re.compile(
                rf"^{section}(?:{labels}|{byline})?{lead_time}{_WEEKDAY}(?:{form}){_WEEKDAY_AFTER}"
                rf"(?:{clock}){{0,3}}{tail}\W*$",
                re.I,
            ),
        )
        for form in _DATE_FORMS
    ]


def _weekday(m: re.Match[str]) -> int | None:
    """Weekday named next to the date (0 = Monday), if any."""
    name, cjk = m.groupdict().get("weekday"), m.groupdict().get("weekday_cjk")
    if name:
        return _WEEKDAY_NO[name[:3].lower()]
    return _WEEKDAY_CJK.index(cjk) if cjk else None


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _numeric_order(m: re.Match[str]) -> tuple[int, int] | None:
    """(month, day) of an all-numeric date "NN/NN/YYYY", resolving day/month order.

    In order: a number above 12 can only be the day; a weekday on the line picks the
    reading that falls on it; a time zone of a month-first country (US, Philippines:
    `numeric_dates.month_first_zones`) reads month first; otherwise day first, the order
    of most of the world's sites (UK, India, Europe, Australia), `numeric_dates.default`.
    """
    n1, n2, year = int(m.group("n1")), int(m.group("n2")), int(m.group("year"))
    dmy, mdy = (n2, n1), (n1, n2)
    readings = [r for r in (dmy, mdy) if _valid(year, *r) is not None]
    if len(readings) <= 1 or n1 == n2:
        return readings[0] if readings else None
    weekday = _weekday(m)
    if weekday is not None:
        fits = [r for r in readings if _valid(year, *r).weekday() == weekday]  # type: ignore[union-attr]
        if len(fits) == 1:
            return fits[0]
    cfg = _rules()["numeric_dates"]
    zone = (m.groupdict().get("zone") or m.groupdict().get("zone_alone") or "").upper()
    if zone in {z.upper() for z in cfg["month_first_zones"]}:
        return mdy
    if zone in {z.upper() for z in cfg["day_first_zones"]}:
        return dmy
    return dmy if cfg["default"] == "dmy" else mdy


def _iso(m: re.Match[str]) -> tuple[str, str] | None:
    """ISO string and precision from a date match, or None for impossible dates."""
    groups = m.groupdict()
    year = int(groups["year"])
    if groups.get("n1"):
        order = _numeric_order(m)
        return (dt.date(year, *order).isoformat(), "day") if order else None
    month_name, mnum = groups.get("month"), groups.get("mnum")
    month = _MONTHS[month_name[:3].lower()] if month_name else int(mnum) if mnum else None
    day_s = groups.get("day") or groups.get("dnum")
    if month is None:
        return str(year), "year"
    if day_s is None:
        return (f"{year:04d}-{month:02d}", "month") if 1 <= month <= 12 else None
    try:
        return dt.date(year, month, int(day_s)).isoformat(), "day"
    except ValueError:
        return None


def parse_date_line(line: str) -> DateLine | None:
    """The date of a line that is nothing but a (labelled) date or a byline with a date.

    Whole-line matching keeps body sentences that merely mention a date out.
    """
    text = " ".join(line.split())
    if _ANY_YEAR.search(text) is None:
        return None  # every date form holds a year: most lines are over here
    for form, rx in _date_line_res():
        m = rx.match(text)
        if not m:
            continue
        labelled = m.group("published") or m.group("updated") or m.group("byline")
        if form == _YEAR and not labelled:
            continue  # a bare number is not a date line
        parsed = _iso(m)
        if parsed is None:
            continue
        kind = (
            "updated"
            if m.group("updated") or (m.group("post_updated") and not labelled)
            else "published"
            if labelled or m.group("post_published")
            else "plain"
        )
        return DateLine(parsed[0], parsed[1], kind)
    return None


def find_publication_date(lines: list[str]) -> tuple[str | None, str]:
    """(ISO date, precision) from date lines/bylines near the top of a page.

    A publication label ("Published:", a byline) or an unlabelled date wins over an
    "Updated" one, because the event date of a story is anchored on first publication.
    """
    window = [ln for ln in lines if ln.strip()][: int(_rules()["date_line"]["search_lines"])]
    found = [d for d in map(parse_date_line, window) if d is not None]
    best = next((d for d in found if d.kind != "updated"), found[0] if found else None)
    return (best.iso, best.precision) if best else (None, "unknown")


_YEAR_IN_TEXT = re.compile(r"(?<![\d$£€¥₩.,/:-])(1[5-9]\d\d|20\d\d)(?![\d%]|s\b|['’]s\b|[.,]\d)")
_RANGE_BEFORE = re.compile(
    r"(?:\b\d{2,4}\s*(?:[-–—/]|to|through|until|till)\s*|\bbetween\s+\d{4}\s+and\s+)$", re.I
)
# a sentence end (not after an initial or a title: "U.S. forces", "Mr. Kim"), or an earlier year
_SENTENCE_BREAK = re.compile(
    r"(?<!\b[A-Z])(?<!\bMrs)(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bNo)(?<!\bvs)"
    r"(?<!\bGen)(?<!\bSen)(?<!\bRep)(?<!\bGov)[.!?]\s|;\s"
    r"|(?<![\d.,])(?:1[5-9]|20)\d\d(?!\d)"
)
_PHRASE_BREAK = re.compile(r"[,:–—]\s*")


def _future_context(
    before: str,
    cues: list[str],
    window: int,
    clause_cues: list[str],
    exceptions: list[str],
    boundaries: Sequence[str] = (),
) -> bool:
    """True when a year is spoken of as future: a cue among the last `window` words before
    it ("by 2030", "expected in 2031"), or a future auxiliary anywhere earlier in its clause
    ("Seoul will pay ... toward the upkeep of U.S. forces in 2026").

    The look-back stops at a sentence end or an earlier year (and, for the auxiliaries, at a
    comma or dash that opens a clause of its own, see `_opens_clause`), so "the plan for 2025
    was dropped in 2021" reads 2021 as past.
    """
    sentence = _SENTENCE_BREAK.split(before)[-1].lower()
    for phrase in exceptions:
        sentence = re.sub(rf"\b{re.escape(phrase)}\b", " ", sentence)
    words = re.findall(r"[a-z]+", sentence)[-window:]
    tail = " ".join(words)
    if any((f" {c} " in f" {tail} ") if " " in c else c in words for c in cues):
        return True
    segments = _PHRASE_BREAK.split(sentence.replace("’", "'"))
    for segment in reversed(segments):
        if any(re.search(rf"(?<![\w']){re.escape(c)}(?!\w)", segment) for c in clause_cues):
            return True
        if _opens_clause(segment, boundaries):
            return False
    return False


def _opens_clause(segment: str, boundaries: Sequence[str]) -> bool:
    """True when a comma/dash segment is a clause of its own, not an aside inside one.

    An aside ("will pay 1.5 trillion won, about $1.1 billion, in 2026") has no verb and does
    not open with a conjunction, so the look-back for a future auxiliary passes over it; a
    segment with a finite verb (a past form in -ed, or one of `clause_boundaries`: was, said,
    and, but, ...) ends the look-back.
    """
    words = re.findall(r"[a-z']+", segment)
    return any(w in boundaries or (len(w) > 4 and w.endswith("ed")) for w in words)


def _first_at(words: list[str], test: Callable[[int], bool]) -> int:
    return next((i for i in range(len(words)) if test(i)), len(words))


def _future_after(
    before: str, after: str, clause_cues: list[str], boundaries: Sequence[str]
) -> bool:
    """True when a future auxiliary follows a year inside its own clause: "the 2026 midterms
    will test ...", "In 2026 Seoul will pay ...", or, after an opening phrase, "In 2026,
    Seoul will pay ...". A verb or conjunction first ("said in 2024 that Seoul will ...")
    closes the clause, so the auxiliary belongs to another one.
    """
    sentence = _SENTENCE_BREAK.split(after, maxsplit=1)[0].lower().replace("’", "'")
    segments = _PHRASE_BREAK.split(sentence)
    opening = len(re.findall(r"\w+", _SENTENCE_BREAK.split(before)[-1])) <= 2
    if opening and len(segments) > 1 and not segments[0].strip():
        segments = segments[1:]  # "In 2026, ...": the opening phrase belongs to the next clause
    words = re.findall(r"[a-z']+", segments[0]) if segments else []
    cue_lists = [c.split() for c in clause_cues]

    def is_cue(i: int) -> bool:
        return any(words[i : i + len(c)] == c for c in cue_lists)

    def is_boundary(i: int) -> bool:
        return words[i] in boundaries or (len(words[i]) > 4 and words[i].endswith("ed"))

    cue = _first_at(words, is_cue)
    return cue < len(words) and cue <= _first_at(words, is_boundary)


def _unheld_event(before: str, after: str, events: list[str], past: Sequence[str]) -> bool:
    """True for a year naming a scheduled event ("the 2026 midterms", "its 2028 Olympics")
    in a sentence with no past-tense verb: the event may still be ahead of the writer.
    "Lee won the 2022 election" or "the 2022 election was close" are past.
    """
    det = re.search(r"\b(?:the|a|an|its|their|his|her|our|this|next)\s+$", before, re.I)
    names = "|".join(e.replace(" ", r"\s+") for e in sorted(events, key=len, reverse=True))
    event = re.match(rf"\s+(?:{names})\b", after, re.I)
    if not (det and event):
        return False
    sentence = _SENTENCE_BREAK.split(before)[-1] + " " + _SENTENCE_BREAK.split(after, maxsplit=1)[0]
    words = re.findall(r"[a-z']+", sentence)  # lower-case words only: verbs, not names
    return not any(w in past or (len(w) > 4 and w.endswith("ed")) for w in words)


def infer_year_from_text(text: str, today_year: int) -> str | None:
    """Best guess of the year an undated document was written in.

    Heuristic: the latest 4-digit year the text mentions as present or past. A mention is
    skipped when (a) it is later than `today_year`; (b) one of the few words before it in
    its sentence is a future cue ("by 2030", "expected in 2031"), or a future auxiliary
    opens its clause ("will pay ... in 2026");
    (c) it ends a range ("2019-2026", "from 2019 to 2026", "between 2019 and 2026");
    (d) it is a decade ("1990s") or a quantity ("2000 troops"); (e) a future auxiliary
    follows it in its clause ("the 2026 midterms will ...", "In 2026, Seoul will ...");
    (f) it names a scheduled event in a sentence without a past-tense verb ("preparing for
    the 2026 midterms"), unless no other year is left. Writers date the present
    ("In 2026, it reads ...") but rarely mention years after it except as plans.
    """
    cfg = _rules()["year_inference"]
    cues = [c.lower() for c in cfg["future_cues"]]
    window = int(cfg["cue_window_words"])
    clause_cues = [c.lower() for c in cfg["future_clause_cues"]]
    exceptions = [c.lower() for c in cfg.get("cue_exceptions") or []]
    boundaries = [c.lower() for c in cfg.get("clause_boundaries") or []]
    events = list(cfg.get("scheduled_events") or [])
    past = [c.lower() for c in cfg.get("past_tense_verbs") or []]
    followers = {w.lower() for w in cfg["non_year_followers"]}
    best: int | None = None
    event_year: int | None = None
    for m in _YEAR_IN_TEXT.finditer(text):
        year = int(m.group(1))
        if year > today_year or (best is not None and year <= best):
            continue
        before = text[max(0, m.start() - 200) : m.start()]
        after = re.match(r"\s*([A-Za-z]+)", text[m.end() : m.end() + 30])
        if _RANGE_BEFORE.search(before) or (after and after.group(1).lower() in followers):
            continue
        if _future_context(before, cues, window, clause_cues, exceptions, boundaries):
            continue
        rest = text[m.end() : m.end() + 200]
        if _future_after(before, rest, clause_cues, boundaries):
            continue
        if events and _unheld_event(before, rest, events, past):
            event_year = max(event_year or 0, year)
            continue
        best = year
    best = best if best is not None else event_year  # only event years: the latest of them
    return str(best) if best is not None else None


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from tiegraph.ingest.language import load_identifier

    return load_identifier()


def detect_language(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability) from py3langid's bundled model; ("und", 0.0) if no letters.

    Only the first 20k characters are read: language is stable over a document.
    """
    sample = text[:20000]
    if not any(ch.isalpha() for ch in sample):
        return "und", 0.0
    lang, conf = _identifier().classify(sample)
    return str(lang), round(float(conf), 4)
