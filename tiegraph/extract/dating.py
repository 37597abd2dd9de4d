"""Date a row by the time expression that governs it in its clause.

Shared by events and claims: the publication date is a marked fallback, used
only when no expression in the sentence applies.

Which expression governs a trigger is read off the dependency tree, ranked:

0. inside the trigger's own phrase or attached to it directly ("the 2000
   summit", "invaded Korea in 1950", "met ... at a summit in 2000");
1. inside a modifier clause under the trigger ("After the war ended in 1953,
   they established ...", "withdraw troops stationed ... by 2008", "the talks,
   which opened on Wednesday"); a clause opened by "since", "until", "before",
   "because" bounds the event and never dates it, nor does a relative clause on
   another noun ("met Kim, who died in July");
2. attached to a clause the trigger belongs to: the head of its conjunction,
   complement or adverbial chain ("In 2004, the U.S. returned bases, and agreed
   to withdraw ..." dates both verbs);
3. inside a clause conjoined below the trigger ("invaded Korea and ruled it from
   1910"); never one inside the trigger's complement ("agreed to withdraw by
   2008" is not dated 2008: the withdrawal is);
4. elsewhere in the sentence, outside relative clauses.

A month and day without a year that the time-expression module places after the
document date are moved back a year when the clause is in the past tense.

Beyond the time module (docs/events.md, "Dating"): anaphoric "that year/month/day"
take the latest calendar date named before them; a clause "N months after ..." is
counted back from its head clause's date; dates joined by "and (again)" each give a
row (`coordinated_dates`); and, for events only, a past-tense sentence with no date
continues the story of the sentence before it (`date_fields(..., narrative=True)`).
A year that premodifies another noun never dates the trigger ("condemned the
1950 invasion" is not dated 1950). Within a rank, a calendar date beats
"now"/"currently", then the closer one wins.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from spacy.tokens import Token

from tiegraph.extract.context import DocContext
from tiegraph.extract.governing import (
    _is_datable,
    _shift_year,
    _with_anaphoric,
    governing_timex,
    timex_root,
)
from tiegraph.model import Span
from tiegraph.nlp.syntax import doc_text
from tiegraph.nlp.timex import Timex
from tiegraph.resources import load_yaml


@lru_cache(maxsize=1)
def _weekdays() -> frozenset[str]:
    """Weekday names (and abbreviations) of the time-expression vocabulary (timex.yaml)."""
    return frozenset(str(w).lower() for w in (load_yaml("timex.yaml") or {}).get("weekdays") or {})


REPORTING = {"say", "tell", "announce", "state", "add", "claim", "report", "declare", "note"}


def _past_clause(anchor_tok: Token) -> bool:
    """The clause of `anchor_tok` reports the past ("seized", "had attacked", "was signed",
    "..., killing several commanders" after a past verb)."""
    node = anchor_tok
    for _ in range(5):
        if node.pos_ in {"VERB", "AUX"}:
            if node.tag_ == "VBD":
                return True
            auxes = [c for c in node.children if c.dep_ in {"aux", "auxpass"}]
            if any(c.tag_ == "VBD" for c in auxes):
                return not any(c.lower_ in {"would", "could", "should", "might"} for c in auxes)
            bare = not auxes and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children)
            if bare and node.tag_ in {"VBG", "VBN"} and node.dep_ in {"advcl", "conj", "acl"}:
                node = node.head  # a participle clause takes the tense of its head
                continue
            return False
        if node.head.i == node.i:
            break
        node = node.head
    return False


def _yearless_past(t: Timex, ctx: DocContext, anchor_tok: Token) -> Timex:
    """ "seized the ship on January 23" in a December article: the past January 23.

    The time-expression module reads a month and day without a year as the nearest
    such date to the document date; a clause in the past tense cannot be dated after
    the document, so such a date moves back one year."""
    pub, _ = ctx.publication_date()
    if not pub or t.precision not in {"day", "month"}:
        return t
    if re.search(r"\d{4}|\byear\b", t.text, re.IGNORECASE):
        return t  # the text names the year ("January 23, 1969", "May next year")
    if len(pub) == 4 and t.value[:4] == pub and t.text.lower().startswith("last "):
        # "an agreement signed last November" in an article dated only "2025": the
        # month cannot be placed against the anchor; the previous year's is likelier
        return _shift_year(t, -1)
    if len(pub) < 7:
        return t
    if t.value[:7] <= pub[:7] or not t.value[:4].isdigit() or not _past_clause(anchor_tok):
        return t
    return _shift_year(t, -1)


def _verb_of(tok: Token) -> Token:
    node = tok
    while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
        node = node.head
    return node


def _inside_clause(ctx: DocContext, t: Timex, anchor_tok: Token) -> bool:
    """`t` lies inside the clause of `anchor_tok`."""
    verb = _verb_of(anchor_tok)
    left, right = ctx.doc[verb.left_edge.i].idx, verb.right_edge.idx + len(verb.right_edge)
    return left <= t.start < right


def _narrative_year(t: Timex, ctx: DocContext, anchor_tok: Token) -> Timex:
    """ "In August 2019 ... before reversing course in November": a month named without a
    year after an explicit year earlier in the sentence is in that year (the time module
    reads it against the article date)."""
    if t.precision not in {"month", "day"} or re.search(
        r"\d{4}|\b(?:last|next|this|year)\b", t.text, re.IGNORECASE
    ):
        return t
    if _weekdays() & set(re.findall(r"[a-z]+", t.text.lower())):
        # "rejected the allegations during a press conference Thursday": a weekday is
        # the article's week, whatever year an earlier clause named
        return t
    sent = ctx.sent_of(anchor_tok.i)
    earlier = [
        x
        for x in ctx.timexes_between(sent.start_char, t.start)
        if _is_datable(x) and re.search(r"\d{4}", x.text) and x.value[:4].isdigit()
    ]
    if not earlier or earlier[-1].value[:4] == t.value[:4]:
        return t
    base = earlier[-1]
    year = int(base.value[:4])
    if len(base.value) >= 7 and t.value[5:7] < base.value[5:7]:
        year += 1  # "in November 2019 ... in March": the next March
    return _shift_year(t, year - int(t.value[:4]))


def _relative_date(ctx: DocContext, anchor_tok: Token) -> tuple[str, str, Span] | None:
    """ "..., eight months after the two men held their first summit": a clause placed a
    counted duration after (before) the event of its head clause is dated from that
    event's date ("later this month" minus eight months)."""
    node = anchor_tok
    while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
        node = node.head
    while node.dep_ == "conj" and node.head.pos_ in {"VERB", "AUX"}:
        node = node.head  # "five months after Moon and Kim met ... and pledged to ..."
    if node.dep_ != "advcl":
        return None
    marks = {c.lower_ for c in node.children if c.dep_ == "mark"}
    sign = -1 if "after" in marks else 1 if "before" in marks else 0
    if not sign:
        return None
    durations = [c for c in node.children if c.dep_ == "npadvmod"]
    if node.head.dep_ == "npadvmod" and node.head.head.pos_ in {"VERB", "AUX"}:
        # "sending warships ... a day after it fired missiles": the parser hangs the
        # clause on the duration, which modifies the head clause
        durations, node = [node.head], node.head
    for c in durations:
        dur = next(
            (
                t
                for t in ctx.timexes_between(c.left_edge.idx, c.idx + len(c.text))
                if t.type == "DURATION"
            ),
            None,
        )
        m = re.fullmatch(r"P(\d+)([YMWD])", dur.value) if dur else None
        head = _head_clause_timex(ctx, node) if m else None
        if m is None or dur is None or head is None:
            return None
        if not re.fullmatch(r"\d{4}(-\d{2})?", head.value[:7]):
            return None
        if m[2] in {"W", "D"}:
            # "on Friday, a day after it fired missiles": counted in days from a day
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", head.value):
                return None
            days = int(m[1]) * (7 if m[2] == "W" else 1) * sign
            day = dt.date.fromisoformat(head.value) + dt.timedelta(days=days)
            return (day.isoformat(), "day", Span(dur.start, dur.end, dur.text))
        months = int(m[1]) * (12 if m[2] == "Y" else 1) * sign
        if m[2] == "Y" or len(head.value) == 4:
            return (
                f"{int(head.value[:4]) + months // 12:04d}",
                "year",
                Span(dur.start, dur.end, dur.text),
            )
        y, mo = int(head.value[:4]), int(head.value[5:7])
        total = y * 12 + mo - 1 + months
        return (
            f"{total // 12:04d}-{total % 12 + 1:02d}",
            "month",
            Span(dur.start, dur.end, dur.text),
        )
    return None


def _head_clause_timex(ctx: DocContext, clause: Token) -> Timex | None:
    """The calendar date of the clause `clause` hangs on: the governing one, else the
    nearest one in the sentence outside `clause` ("Trump is due to meet Kim later this
    month, eight months after ...")."""
    t = governing_timex(ctx, clause.head)
    if t is not None:
        return t
    sent = ctx.sent_of(clause.i)
    inside = (ctx.doc[clause.left_edge.i].idx, clause.right_edge.idx + len(clause.right_edge))
    outside = [
        x
        for x in _with_anaphoric(
            ctx, sent.start_char, sent.end_char, ctx.timexes_between(sent.start_char, sent.end_char)
        )
        if _is_datable(x) and x.precision != "present" and not inside[0] <= x.start < inside[1]
    ]
    return min(outside, key=lambda x: abs(x.start - clause.head.idx), default=None)


def coordinated_dates(ctx: DocContext, anchor_tok: Token) -> list[tuple[str, str, Span]]:
    """Further dates joined to the governing one ("renewed in 1981 and again in 2001"):
    each is another occurrence of the same act."""
    t = governing_timex(ctx, anchor_tok)
    if t is None or t.precision == "present":
        return []
    doc = ctx.doc
    root = timex_root(ctx, t)
    if root is None:
        return []
    linked = {c.i for c in root.conjuncts}
    if root.dep_ == "pobj":
        linked |= {p.i for q in root.head.conjuncts for p in q.children if p.dep_ == "pobj"}
    out = []
    sent = ctx.sent_of(anchor_tok.i)
    for o in ctx.timexes_between(sent.start_char, sent.end_char):
        if o.start == t.start or not _is_datable(o) or o.precision == "present":
            continue
        o_root = timex_root(ctx, o)
        if o_root is None:
            continue
        between = doc_text(doc)[min(t.end, o.end) : max(t.start, o.start)]
        # "in 2005 and again in 2015": two dates on the same verb joined by "and"
        sibling = (
            o_root.dep_ == "pobj"
            and root.dep_ == "pobj"
            and o_root.head.head.i == root.head.head.i
            and re.fullmatch(r"[\s,]*and(?:\s+(?:again|later|then))?\s+\w+\s*", between) is not None
        )
        if o_root.i in linked or sibling:
            o = _yearless_past(o, ctx, anchor_tok)
            out.append((_calendar(o.value, o.precision), o.precision, Span(o.start, o.end, o.text)))
    return out


def _calendar(value: str, precision: str) -> str:
    """A week ("2024-W41") as the date of its Monday, so rows sort and filter by date;
    the precision stays "week" and the source span keeps the words."""
    m = re.fullmatch(r"(\d{4})-W(\d{2})", value) if precision == "week" else None
    if not m:
        return value
    try:
        return dt.date.fromisocalendar(int(m[1]), int(m[2]), 1).isoformat()
    except ValueError:
        return value


def _narrative_timex(ctx: DocContext, anchor_tok: Token) -> Timex | None:
    """ "On April 13 and 14, Iran responded with 300 drones. Almost all were shot down ...":
    a past-tense sentence with no date of its own continues the story of the sentence
    before it in the same paragraph, and takes that sentence's date."""
    if not _past_clause(anchor_tok) or _perfect(anchor_tok) or _reported(anchor_tok):
        return None
    verb = _verb_of(anchor_tok)
    if any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children):
        return None  # "North Korea, which had demanded to co-host": an earlier time
    if any(a.dep_ in {"relcl", "acl"} for a in [verb, *verb.ancestors]):
        return None  # "Hodges, killed when North Korean vessels fired on the ship": background
    sent = ctx.sent_of(anchor_tok.i)
    if sent.start == 0:
        return None
    prev = ctx.sent_of(sent.start - 1)
    if "\n\n" in doc_text(ctx.doc)[prev.start_char : sent.start_char].lstrip():
        return None  # another paragraph (the break may trail the previous sentence)
    t = governing_timex(ctx, prev.root)
    if t is None:
        only = [x for x in ctx.timexes_between(prev.start_char, prev.end_char) if _is_datable(x)]
        t = only[0] if len(only) == 1 else None
    if t is None or t.precision not in {"day", "month", "week"} or not t.value[:4].isdigit():
        return None  # a year is too coarse to be the story's time ("Trade reached ... last year")
    return _yearless_past(t, ctx, prev.root)


def _reported(anchor_tok: Token) -> bool:
    """The anchor is a verb of saying or sits in what one says ("The White House said it
    supported the measures"): a reaction, told at the time of the article."""
    node = anchor_tok
    for _ in range(6):
        if node.lemma_.lower() in REPORTING:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _perfect(anchor_tok: Token) -> bool:
    """ "has denied", "have been moved": the present perfect reports no narrative past."""
    node = anchor_tok
    while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
        node = node.head
    return any(c.dep_ == "aux" and c.lower_ in {"has", "have"} for c in node.children)


def date_fields(
    ctx: DocContext, anchor_tok: Token, narrative: bool = False
) -> tuple[str | None, str, Span | str | None]:
    """(date, precision, date_source) for a row anchored at `anchor_tok`; `narrative`:
    an undated past-tense sentence takes the date of the sentence before it. Found once
    per anchor and context: a trigger gives a row per pair of participants."""
    memo: dict[tuple[int, bool], tuple[str | None, str, Span | str | None]]
    memo = ctx.memo("date_fields")
    key = (anchor_tok.i, narrative)
    if key not in memo:
        memo[key] = _date_fields(ctx, anchor_tok, narrative)
    return memo[key]


def _date_fields(
    ctx: DocContext, anchor_tok: Token, narrative: bool
) -> tuple[str | None, str, Span | str | None]:
    t = governing_timex(ctx, anchor_tok)
    rel = _relative_date(ctx, anchor_tok)
    if rel is not None and (t is None or not _inside_clause(ctx, t, anchor_tok)):
        # "The office was opened in September 2018, five months after Moon and Kim met"
        return rel
    if t is not None:
        t = _narrative_year(_yearless_past(t, ctx, anchor_tok), ctx, anchor_tok)
    if t is not None and t.precision == "present":
        # "currently", "now": the article's own date, but sourced to the expression
        date, prec = ctx.publication_date()
        return date, prec if date else "unknown", Span(t.start, t.end, t.text)
    if t is not None:
        return _calendar(t.value, t.precision), t.precision, Span(t.start, t.end, t.text)
    n = _narrative_timex(ctx, anchor_tok) if narrative else None
    if n is not None:
        return _calendar(n.value, n.precision), n.precision, Span(n.start, n.end, n.text)
    date, prec = ctx.publication_date()
    return date, prec if date else "unknown", "publication" if date else None
