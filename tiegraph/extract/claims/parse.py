"""Parse helpers for claims: clause segments, the verb and subject of a token."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from tiegraph.extract.claims.vocab import (
    RELATIVE_PRONOUNS,
    SUBJECT_DEPS,
)


def _segments(sent: SpacySpan) -> list[tuple[int, int]]:
    """Token ranges of the clauses of a sentence: split at ";" and at ", and|but" + subject.

    Only coordination of clauses splits (the conjunction hangs off a verb), not of noun
    phrases ("1.5 trillion won, or roughly $1.1 billion"). A conjunct that starts with a verb shares the subject (and the time) of the clause
    before it ("In 2004, the U.S. returned bases, and agreed to withdraw ..."); one with
    its own subject is a new clause ("..., and roughly 42,000 remain").
    """
    bounds = [sent.start]
    toks = list(sent)
    for k, t in enumerate(toks):
        if t.text == ";":
            bounds.append(t.i + 1)
        elif t.dep_ == "cc" and k > 0 and toks[k - 1].text == ",":
            nxt = next((u for u in toks[k + 1 :] if u.pos_ not in {"ADV", "PART"}), None)
            if (
                nxt is not None
                and nxt.pos_ not in {"VERB", "AUX"}
                and (t.head.pos_ in {"VERB", "AUX"} or _clause_conj(toks[k + 1 :], t))
            ):
                bounds.append(t.i)
    bounds.append(sent.end)
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def _clause_conj(rest: list[Token], cc: Token) -> bool:
    """ "X is Taiwan's largest partner, and two-way trade reached $328 billion", parsed with
    the "and" on the noun: the first verb after it is a conjunct of a verb before it."""
    v = next((u for u in rest if u.pos_ in {"VERB", "AUX"}), None)
    return (
        v is not None
        and v.dep_ == "conj"
        and v.head.pos_ in {"VERB", "AUX"}
        and v.head.i < cc.i
        and any(u.pos_ in {"NOUN", "PROPN", "PRON"} for u in rest if u.i < v.i)
    )


def _segment_of(segs: list[tuple[int, int]], i: int) -> tuple[int, int]:
    for a, b in segs:
        if a <= i < b:
            return a, b
    return segs[-1]


def _in_subtree(tok: Token, root: Token) -> bool:
    return root.left_edge.i <= tok.i <= root.right_edge.i and (
        tok.i == root.i or root in tok.ancestors
    )


def _verb_of(tok: Token) -> Token | None:
    """The nearest verb (or copula) above `tok`, `tok` itself when it is one."""
    t = tok
    for _ in range(12):
        if t.pos_ in {"VERB", "AUX"}:
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _pred_subject(tok: Token) -> Token | None:
    """The subject of the clause `tok` sits in, through xcomp/conj chains and relative
    pronouns ("Washington, which keeps 37,000 troops" -> Washington)."""
    v = _verb_of(tok)
    for _ in range(5):
        if v is None:
            return None
        subj = next((c for c in v.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None:
            if subj.lower_ in RELATIVE_PRONOUNS and v.dep_ in {"relcl", "acl"}:
                return v.head
            return subj
        if v.dep_ in {"relcl", "acl"} and v.head.pos_ in {"NOUN", "PROPN"}:
            return v.head
        if v.dep_ in {"xcomp", "conj", "advcl", "ccomp", "pcomp", "prep"} and v.head.i != v.i:
            v = _verb_of(v.head)  # "prep": "including" tagged as a verb
            continue
        return None
    return None
