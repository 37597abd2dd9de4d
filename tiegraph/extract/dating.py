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
from tiegraph.model import Span
from tiegraph.nlp.timex import Timex
from tiegraph.resources import load_yaml

TEMPORAL_PRECISIONS = {"day", "month", "year", "week", "decade", "century", "season", "present"}
# dependency links that start a new clause
CLAUSE_DEPS = {
    "acl",
    "relcl",
    "relcl-other",
    "advcl",
    "ccomp",
    "xcomp",
    "csubj",
    "csubjpass",
    "conj",
    "pcomp",
}
# clauses below the trigger that are events of their own: their dates are theirs
OTHER_EVENT_CLAUSES = {"relcl-other", "xcomp", "ccomp", "csubj", "csubjpass"}
# modifier clauses: a date inside them still speaks about the clause they modify
MODIFIER_CLAUSES = {"acl", "relcl", "advcl"}
# links from a noun (or number) up to the verb it belongs to
NOUN_UP = {
    "pobj",
    "prep",
    "dobj",
    "nsubj",
    "nsubjpass",
    "attr",
    "appos",
    "compound",
    "nummod",
    "npadvmod",
    "amod",
    "quantmod",
    "poss",
    "oprd",
    "dative",
    "conj",
}
# links a clause inherits its time through
CHAIN_UP = {"xcomp", "conj", "advcl", "ccomp", "pcomp", "prep", "acl", "relcl"}
PREMODIFIER = {"compound", "nummod", "amod", "nmod", "poss"}


@lru_cache(maxsize=1)
def _vocab() -> tuple[frozenset[str], frozenset[str]]:
    """(time nouns, non-dating clause marks) from the `dating:` section of
    data/event_patterns.yaml."""
    data = (load_yaml("event_patterns.yaml") or {}).get("dating") or {}
    return (
        frozenset(str(w).lower() for w in data.get("time_nouns") or []),
        frozenset(str(w).lower() for w in data.get("non_dating_marks") or []),
    )


def _is_datable(t: Timex) -> bool:
    return t.type == "DATE" and t.precision in TEMPORAL_PRECISIONS


def _chain(anchor: Token) -> dict[int, int]:
    """token index -> level for the trigger and the clauses it inherits time from."""
    levels = {anchor.i: 0}
    node, level = anchor, 0
    # a noun or number first climbs to its verb (same level: "met at a summit")
    while node.pos_ not in {"VERB", "AUX"} and node.dep_ in NOUN_UP and node.head.i != node.i:
        level += 1 if node.dep_ == "conj" else 0
        node = node.head
        levels.setdefault(node.i, level)
    for _ in range(8):
        if node.head.i == node.i:
            break
        if node.dep_ in CHAIN_UP:
            level += 1
        elif not (node.pos_ not in {"VERB", "AUX"} and node.dep_ in NOUN_UP):
            break
        # a clause inside a noun phrase ("including American support for ...") climbs on
        # through that phrase to its verb at the same level
        node = node.head
        levels.setdefault(node.i, level)
    return levels


def _rank(span_root: Token, anchor: Token, levels: dict[int, int], kind: str = "point") -> int:
    """Rank (see module doc) of a time expression whose root is `span_root`.

    `kind`: "deadline" ("by/before DATE"), "stative" ("since DATE", "currently") or
    "point". Inside a participle on a noun: a deadline belongs to the verb above
    ("withdraw troops stationed in Korea by 2008": the parser hangs it on the
    participle), never to that noun; a stative expression describes that noun only
    ("37,500 troops currently stationed", "sanctions imposed since 2016"); a point in
    time may date either ("blew up roads connecting it with the South on Tuesday")."""
    node, crossed = span_root, set()
    first = True
    while node.i not in levels and node.head.i != node.i:
        if first and node.dep_ in PREMODIFIER and node.head.pos_ in {"NOUN", "PROPN"}:
            head = node.head
            temporal = head.ent_type_ in {"DATE", "TIME"} or head.lemma_.lower() in _vocab()[0]
            if head.i != anchor.i and not temporal:
                crossed.add("premodifier")
        first = False
        dep = node.dep_
        if dep == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _vocab()[1] for c in node.children
        ):
            return 9
        if dep == "relcl" and node.head.i != anchor.i:
            dep = "relcl-other"  # "met Kim, who died in July": dates Kim's death only
        if dep == "acl":
            own = node.head.i == anchor.i or (
                anchor.dep_ in PREMODIFIER | {"quantmod"} and node.head.i == anchor.head.i
            )
            if own and kind == "deadline":
                return 9  # "37,500 troops stationed there by 2008": the deadline is the verb's
            if not own and kind == "stative":
                dep = "relcl-other"  # "relief from the sanctions imposed since 2016"
        crossed.add(dep)
        node = node.head
    if node.i not in levels:
        return 4 if not crossed & {"relcl", "relcl-other", "acl"} else 9
    clause = crossed & CLAUSE_DEPS
    if "premodifier" in crossed:
        return 9  # "condemned the 1950 invasion": that year dates the invasion only
    if clause & OTHER_EVENT_CLAUSES:
        return 9  # "met Kim, who died in July", "agreed to withdraw by 2008"
    if levels[node.i] == 0 or node.i == anchor.i:
        if not clause:
            return 0
        return 1 if clause <= MODIFIER_CLAUSES else 3
    if not clause:
        return 2
    return 2 if clause <= {"advcl"} else 3


def governing_timex(ctx: DocContext, anchor_tok: Token) -> Timex | None:
    """The time expression that governs `anchor_tok`'s clause (see module doc)."""
    sent = anchor_tok.sent
    cands = [t for t in ctx.timexes_between(sent.start_char, sent.end_char) if _is_datable(t)]
    if not cands:
        return None
    doc = ctx.doc
    levels = _chain(anchor_tok)

    def score(t: Timex) -> tuple[int, int, int, int]:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            return (9, 1, 999, 0)
        inside = anchor_tok.left_edge.i <= span.root.i <= anchor_tok.right_edge.i
        if anchor_tok.pos_ in {"NOUN", "PROPN"} and inside and span.root.i < anchor_tok.i:
            rank = 0  # "the 1953 treaty"
        else:
            kind = (
                "deadline"
                if t.mod in {"ON_OR_BEFORE", "BEFORE"}
                else "stative"
                if t.mod in {"ON_OR_AFTER", "AFTER"} or t.precision == "present"
                else "point"
            )
            rank = _rank(span.root, anchor_tok, levels, kind)
        present = 1 if t.precision == "present" else 0
        return (rank, present, abs(span.root.i - anchor_tok.i), t.start)

    best = min(cands, key=score)
    return best if score(best)[0] < 9 else None


def _past_clause(anchor_tok: Token) -> bool:
    """The clause of `anchor_tok` reports the past ("seized", "had attacked", "was signed")."""
    node = anchor_tok
    for _ in range(4):
        if node.pos_ in {"VERB", "AUX"}:
            if node.tag_ == "VBD":
                return True
            auxes = [c for c in node.children if c.dep_ in {"aux", "auxpass"}]
            if any(c.tag_ == "VBD" for c in auxes):
                return not any(c.lower_ in {"would", "could", "should", "might"} for c in auxes)
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
    if not pub or len(pub) < 7 or t.precision not in {"day", "month"}:
        return t
    if re.search(r"\d{4}|\byear\b", t.text, re.IGNORECASE):
        return t  # the text names the year ("January 23, 1969", "May next year")
    if t.value[:7] <= pub[:7] or not t.value[:4].isdigit() or not _past_clause(anchor_tok):
        return t
    value = f"{int(t.value[:4]) - 1:04d}{t.value[4:]}"
    return Timex(t.start, t.end, t.text, value, t.precision, t.type, t.mod, t.end_value)


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


def date_fields(ctx: DocContext, anchor_tok: Token) -> tuple[str | None, str, Span | str | None]:
    """(date, precision, date_source) for a row anchored at `anchor_tok`."""
    t = governing_timex(ctx, anchor_tok)
    if t is not None:
        t = _yearless_past(t, ctx, anchor_tok)
    if t is not None and t.precision == "present":
        # "currently", "now": the article's own date, but sourced to the expression
        date, prec = ctx.publication_date()
        return date, prec if date else "unknown", Span(t.start, t.end, t.text)
    if t is not None:
        return _calendar(t.value, t.precision), t.precision, Span(t.start, t.end, t.text)
    date, prec = ctx.publication_date()
    return date, prec if date else "unknown", "publication" if date else None
