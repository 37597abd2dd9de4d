"""Date a row by the time expression that governs it in its clause.

Shared by events and claims: the publication date is a marked fallback, used
only when no expression in the sentence applies.
"""

from __future__ import annotations

from spacy.tokens import Token

from tiegraph.extract.context import DocContext
from tiegraph.model import Span
from tiegraph.nlp.timex import Timex

TEMPORAL_PRECISIONS = {"day", "month", "year", "week", "decade", "century", "season", "present"}


def _is_datable(t: Timex) -> bool:
    return t.type == "DATE" and t.precision in TEMPORAL_PRECISIONS


def governing_timex(ctx: DocContext, anchor_tok: Token) -> Timex | None:
    """The time expression attached to `anchor_tok`'s clause, nearest in the tree.

    A timex whose syntactic head chain reaches the anchor (or the anchor's head
    verb) beats one that merely shares the sentence; among equals, the closest.
    """
    sent = anchor_tok.sent
    cands = [t for t in ctx.timexes_between(sent.start_char, sent.end_char) if _is_datable(t)]
    if not cands:
        return None
    doc = ctx.doc
    anchors = {anchor_tok.i}
    h = anchor_tok
    while h.dep_ in {"xcomp", "conj", "aux", "acl", "relcl", "advcl", "ccomp"} and h.head.i != h.i:
        h = h.head
        anchors.add(h.i)

    def score(t: Timex) -> tuple[int, int]:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            return (9, 999)
        depth, node = 0, span.root
        while node.i not in anchors and node.head.i != node.i and depth < 6:
            node = node.head
            depth += 1
        governs = node.i in anchors
        # a timex inside the anchor's own noun phrase ("the 1953 treaty") governs it
        inside = anchor_tok.left_edge.i <= span.root.i <= anchor_tok.right_edge.i
        rank = 0 if inside else (1 if governs else 2)
        return (rank, abs(span.root.i - anchor_tok.i))

    best = min(cands, key=score)
    return best


def date_fields(ctx: DocContext, anchor_tok: Token) -> tuple[str | None, str, Span | str | None]:
    """(date, precision, date_source) for a row anchored at `anchor_tok`."""
    t = governing_timex(ctx, anchor_tok)
    if t is not None and t.precision == "present":
        # "currently", "now": the article's own date, but sourced to the expression
        date, prec = ctx.publication_date()
        return date, prec if date else "unknown", Span(t.start, t.end, t.text)
    if t is not None:
        return t.value, t.precision, Span(t.start, t.end, t.text)
    date, prec = ctx.publication_date()
    return date, prec if date else "unknown", "publication" if date else None
