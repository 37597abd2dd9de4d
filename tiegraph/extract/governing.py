"""Which time expression governs a trigger's clause, read off the dependency tree.

The ranking (0 = the trigger's own phrase ... 4 = elsewhere in the sentence; 9 = never)
is described in `tiegraph.extract.dating`, which dates rows with it. Also here: the
anaphoric "that year/month/day" (`_with_anaphoric`), which takes the latest calendar date
named before it and so joins the candidates the tree ranks.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from spacy.tokens import Token

from tiegraph.extract.context import DocContext
from tiegraph.model import Span
from tiegraph.nlp.syntax import doc_text
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
def _vocab() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(time nouns, non-dating clause marks, "after" prepositions, aspect verbs) from the
    `dating:` section of data/event_patterns.yaml."""
    data = (load_yaml("event_patterns.yaml") or {}).get("dating") or {}

    def fs(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key) or [])

    return fs("time_nouns"), fs("non_dating_marks"), fs("after_preps"), fs("aspect_verbs")


ANAPHORIC = re.compile(
    # "at the end of the month": the month of the latest date named before it
    r"\b(?:that|the same|later that|earlier that|(?<=during )the|(?<=end of )the"
    r"|(?<=start of )the|(?<=middle of )the|(?<=beginning of )the)\s+(year|month|day)\b",
    re.IGNORECASE,
)
UNITS = re.compile(r"(?=year|month|day)", re.IGNORECASE)  # where ANAPHORIC's unit can be
BOUND_BEFORE = re.compile(r"\b(?:from|by|until|till|before|after|since)\s+$", re.IGNORECASE)
UNIT_PRECISIONS = {
    "year": {"year", "month", "day", "week", "season"},
    "month": {"month", "day", "week"},
    "day": {"day"},
}


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
            # "the 1994 Agreed Framework, under which North Korea agreed": the noun whose
            # relative clause holds the trigger; "After the 1979 revolution, Tehran severed
            # relations": the event that the clause follows
            framing = head.i in levels or (head.dep_ == "pobj" and head.head.lower_ in _vocab()[2])
            if head.i != anchor.i and not temporal and not framing:
                crossed.add("premodifier")
        first = False
        dep = node.dep_
        if dep == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _vocab()[1] for c in node.children
        ):
            return 9
        if dep == "pobj" and node.i != span_root.i and node.head.lower_ in _vocab()[1]:
            return 9  # "fought three wars since independence in 1947": the bound's own date
        if dep == "relcl" and node.head.i != anchor.i:
            dep = "relcl-other"  # "met Kim, who died in July": dates Kim's death only
        if dep == "ccomp" and _paratactic(node):
            dep = "conj"  # "In July 2019, Tokyo imposed curbs; Seoul responded by ..."
        if dep == "xcomp" and node.tag_ == "VBG" and node.head.lemma_.lower() in _vocab()[3]:
            dep = "aspect"  # "stopped selling tours in 2015": one act
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


def _paragraph_bounds(text: str, start: int, end: int, at: int) -> tuple[int, int]:
    """The part of a sentence in `at`'s paragraph: the parser sometimes runs a sentence
    across a blank line ("... since January.\n\nSeoul condemned ..."), and a date in the
    paragraph before never dates this one."""
    cut = text.rfind("\n\n", start, at)
    if cut != -1:
        start = cut + 2
    cut = text.find("\n\n", at, end)
    if cut != -1:
        end = cut
    return start, end


def _paratactic(clause: Token) -> bool:
    """A "complement" before its verb and cut off from it by a semicolon or dash is a
    clause of its own that the parser hung on the next one."""
    head = clause.head
    return clause.i < head.i and any(
        c.dep_ == "punct" and c.text in {";", "—", "–"} and clause.i < c.i < head.i
        for c in head.children
    )


def _stranded(root: Token) -> Token:
    """ "and on Saturday Kim Yo-jong warned": the parser made the date a modifier of the
    name after it and left "on" without an object; the date belongs to that "on"."""
    if root.dep_ not in PREMODIFIER or root.i == 0:
        return root
    prev = root.doc[root.i - 1]
    if (
        prev.dep_ == "prep"
        and prev.pos_ == "ADP"
        and not any(c.dep_ in {"pobj", "pcomp"} for c in prev.children)
    ):
        return prev
    return root


def timex_root(ctx: DocContext, t: Timex | Span) -> Token | None:
    """The root of the tokens `t` covers (None where no tokens align), found once per
    expression and document."""
    roots: dict[tuple[int, int], Token | None] = ctx.cached("timex_roots", dict)
    key = (t.start, t.end)
    if key not in roots:
        span = ctx.doc.char_span(t.start, t.end, alignment_mode="expand")
        roots[key] = None if span is None else span.root
    return roots[key]


def governing_timex(ctx: DocContext, anchor_tok: Token) -> Timex | None:
    """The time expression that governs `anchor_tok`'s clause (see module doc); each
    trigger's is found once per context (events, their repeats and their coordinated
    dates ask again)."""
    memo: dict[int, Timex | None] = ctx.memo("governing")
    if anchor_tok.i not in memo:
        memo[anchor_tok.i] = _governing_timex(ctx, anchor_tok)
    return memo[anchor_tok.i]


def _governing_timex(ctx: DocContext, anchor_tok: Token) -> Timex | None:
    sent = ctx.sent_of(anchor_tok.i)
    start, end = _paragraph_bounds(
        doc_text(ctx.doc), sent.start_char, sent.end_char, anchor_tok.idx
    )
    cands = [t for t in ctx.timexes_between(start, end) if _is_datable(t)]
    cands = _with_anaphoric(ctx, start, end, cands)
    if not cands:
        return None
    levels = _chain(anchor_tok)

    def score(t: Timex) -> tuple[int, int, int, int]:
        span_root = timex_root(ctx, t)
        if span_root is None:
            return (9, 1, 999, 0)
        root = _stranded(span_root)
        inside = anchor_tok.left_edge.i <= root.i <= anchor_tok.right_edge.i
        if anchor_tok.pos_ in {"NOUN", "PROPN"} and inside and root.i < anchor_tok.i:
            rank = 0  # "the 1953 treaty"
        else:
            starts = t.text.lower().startswith(("beginning", "starting"))
            kind = (
                "deadline"
                if t.mod in {"ON_OR_BEFORE", "BEFORE"}
                else "stative"
                if (t.mod in {"ON_OR_AFTER", "AFTER"} and not starts) or t.precision == "present"
                else "point"
            )
            rank = _rank(root, anchor_tok, levels, kind)
        present = 1 if t.precision == "present" else 0
        return (rank, present, abs(root.i - anchor_tok.i), t.start)

    best = min(cands, key=score)
    return best if score(best)[0] < 9 else None


def _shift_year(t: Timex, years: int) -> Timex:
    value = f"{int(t.value[:4]) + years:04d}{t.value[4:]}"
    return Timex(t.start, t.end, t.text, value, t.precision, t.type, t.mod, t.end_value)


def _qualifies(key: tuple[str, ...], t: Timex, text: str) -> bool:
    """Whether `t` can be what an anaphoric expression (key ("anaphoric", unit)) or a
    "that September" (key ("year_written",)) refers back to."""
    if not (_is_datable(t) and t.value[:4].isdigit()):
        return False
    if key[0] == "year_written":
        return re.search(r"\d{4}", t.text) is not None
    return (
        t.precision in UNIT_PRECISIONS[key[1]]
        and t.mod not in {"ON_OR_AFTER", "ON_OR_BEFORE", "AFTER", "BEFORE"}
        # a deadline is no narrative time ("tariffs from August 1. Late that month")
        and not BOUND_BEFORE.search(text[max(0, t.start - 8) : t.start])
    )


def _latest_before(
    ctx: DocContext, key: tuple[str, ...], pos: int, skip: Timex | None = None
) -> Timex | None:
    """The last expression of kind `key` that ends by `pos` (other than `skip`).

    Each kind is listed once per document (the document's expressions are sorted and do
    not overlap, so their ends are sorted too) and looked up by bisection: dating every
    row used to re-scan all the expressions before it, quadratic in a long article.
    """
    index: dict[tuple[str, ...], tuple[list[int], list[Timex]]] = ctx.memo("dating_prior")
    if key not in index:
        kept = [t for t in ctx.timexes if _qualifies(key, t, doc_text(ctx.doc))]
        index[key] = ([t.end for t in kept], kept)
    ends, kept = index[key]
    i = bisect_right(ends, pos) - 1
    if i >= 0 and kept[i] is skip:
        i -= 1
    return kept[i] if i >= 0 else None


def _with_anaphoric(ctx: DocContext, start: int, end: int, found: list[Timex]) -> list[Timex]:
    """`found` plus "that year", "later that month", "the same day": the year, month or
    day of the latest calendar date named before it (the time module leaves them out).
    A month just before "(of) that year" takes that year ("in October of that year")."""
    text = doc_text(ctx.doc)
    out = list(found)
    # every match holds a unit word: a sentence without one is not searched
    units: list[int] = ctx.cached("dating_units", lambda: [m.start() for m in UNITS.finditer(text)])
    i = bisect_left(units, start)
    matches = ANAPHORIC.finditer(text, start, end) if i < len(units) and units[i] < end else ()
    for m in matches:
        if any(t.start <= m.start() < t.end for t in found):
            continue
        unit = m.group(1).lower()
        month = next(
            (
                t
                for t in found
                if t.precision in {"month", "day"}
                and re.fullmatch(r"\s*(?:of\s+)?", text[t.end : m.start()])
            ),
            None,
        )
        last = _latest_before(ctx, ("anaphoric", unit), m.start(), skip=month)
        if last is None:
            continue
        value = last.value[: {"year": 4, "month": 7, "day": 10}[unit]]
        if unit != "year" and len(value) < {"month": 7, "day": 10}[unit]:
            continue
        if month is not None and unit == "year":
            out.remove(month)
            out.append(
                Timex(
                    month.start,
                    m.end(),
                    text[month.start : m.end()],
                    value + month.value[4:],
                    month.precision,
                    "DATE",
                    None,
                    None,
                )
            )
            continue
        out.append(Timex(m.start(), m.end(), m.group(0), value, unit, "DATE", None, None))
    return [_that_month(ctx, t) for t in out]


def _that_month(ctx: DocContext, t: Timex) -> Timex:
    """ "opened in September 2018 ... in Pyongyang that September": a month after "that"
    is in the year of the latest date named before it with its year written out."""
    text = doc_text(ctx.doc)
    if t.precision not in {"month", "day"} or not re.search(
        r"\bthat\s+$", text[max(0, t.start - 12) : t.start]
    ):
        return t
    last = _latest_before(ctx, ("year_written",), t.start)
    if last is None or not t.value[:4].isdigit():
        return t
    return _shift_year(t, int(last.value[:4]) - int(t.value[:4]))
