"""States in a claim's context: the countries a phrase, a clause or the document names."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Token

from tiegraph.extract.claims.parse import (
    _pred_subject,
)
from tiegraph.extract.claims.vocab import (
    STATE_KINDS,
    SUBJECT_DEPS,
    vocab,
)
from tiegraph.extract.context import DocContext
from tiegraph.model import Claim, Quote
from tiegraph.nlp.syntax import doc_text
from tiegraph.resolve.gazetteer import place_table


def _place_words() -> dict[str, str]:
    """Surface form -> country for names, demonyms, capitals and places: the resolver's
    table. The actor index already resolves most mentions; this catches place words it
    leaves out on purpose in other roles ("in Seoul" as a place, "American troops")."""
    return place_table()


@dataclass
class _Doc:
    """Per-document state shared by the claims of one document."""

    ctx: DocContext
    quotes: list[Quote]
    focal: list[str]
    state_mentions: list[tuple[int, str]]  # (char offset, country), in text order
    claims: list[Claim] = field(default_factory=list)
    clause_words: dict[tuple[int, int], set[str]] = field(default_factory=dict)  # by clause
    # the text and each token's start and end in it, read from the parse once: a token
    # run's text is a slice (spaCy's Span.text joins the tokens again on each read)
    text: str = field(init=False, repr=False)
    starts: list[int] = field(init=False, repr=False)
    ends: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        doc = self.ctx.doc
        self.text = doc_text(doc)
        rows = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
        self.starts = [a for a, _ in rows]
        self.ends = [a + n for a, n in rows]

    def words(self, a: int, b: int) -> str:
        """The text of tokens a..b-1 (b > a), as spaCy's `doc[a:b].text`."""
        return self.text[self.starts[a] : self.ends[b - 1]]


def _seat(dc: _Doc, tok: Token) -> bool:
    """ "Brussels-based": the place is where an organisation sits, not a party."""
    i = tok.i
    return (
        i + 2 < len(dc.starts)
        and dc.words(i + 1, i + 2) == "-"
        and dc.words(i + 2, i + 3).lower() in vocab().seat_words
    )


def _state_of(dc: _Doc, tok: Token) -> str | None:
    if _seat(dc, tok):
        return None
    a = dc.ctx.actors.actor_of_token(tok)
    if a is not None:
        # a region coded under its state ("MDAPRE") is placed in the state
        return a.country[:3] if a.kind in STATE_KINDS and a.country else None
    words = _place_words()
    count = len(dc.starts)
    for n in (3, 2, 1):
        for s in range(tok.i - n + 1, tok.i + 1):
            if s < 0 or s + n > count:
                continue
            surface = dc.words(s, s + n)
            c = words.get(surface) or words.get(surface.replace("’", "'"))
            if c is None and n == 1 and tok.text.endswith(("’s", "'s")):
                c = words.get(tok.text[:-2])
            if c is not None:
                return c
    return None


def _states_in(dc: _Doc, toks) -> list[str]:
    out: list[str] = []
    for t in toks:
        c = _state_of(dc, t)
        if c and c not in out:
            out.append(c)
    return out


def _np_states(dc: _Doc, noun: Token | None) -> list[str]:
    """States that modify a noun ("U.S. troops", "Chinese investment") or that it names."""
    if noun is None:
        return []
    out = _states_in(dc, [noun])
    for c in noun.children:
        if c.dep_ in {"amod", "compound", "nmod", "poss"} and c.i < noun.i:
            out += [x for x in _states_in(dc, c.subtree) if x not in out]
    return out


def _phrase_states(dc: _Doc, tok: Token | None, places: frozenset[str] = frozenset()) -> list[str]:
    """States named anywhere in the phrase headed by `tok`, including conjuncts, but not
    inside an inclusion ("Several donors, including Japan, pledged ...": not Japan's), nor
    in a place phrase of the head noun itself ("Exports to China": where, not whose)."""
    if tok is None:
        return []
    inc = vocab().inclusion_preps
    skip = {x.i for t in tok.subtree if t.dep_ == "prep" and t.lower_ in inc for x in t.subtree}
    skip |= {
        x.i for c in tok.children if c.dep_ == "prep" and c.lower_ in places for x in c.subtree
    }
    return _states_in(dc, [t for t in tok.subtree if t.i not in skip])


# place prepositions whose state is where a measured sum went, not whose it is
_PLACE_PREPS = frozenset({"to", "in", "into"})


def _last_states(dc: _Doc, before: int, n: int = 2) -> list[str]:
    seen: list[str] = []
    for pos, c in reversed(dc.state_mentions):
        if pos >= before:
            continue
        if c not in seen:
            seen.append(c)
        if len(seen) == n:
            break
    return seen


def _antecedents(dc: _Doc, before: int, exclude: list[str], n: int = 4) -> list[str]:
    """States a pronoun or "the country" at `before` can stand for, nearest first: the
    state its clause's subject names ("South Korea's decision to host an American system
    has plunged its relationship with China" -> KOR), then the states named before it."""
    seen: list[str] = []
    span = dc.ctx.doc.char_span(before, before + 1, alignment_mode="expand")
    subj = _pred_subject(span.root) if span is not None else None
    if subj is not None and span is not None and subj.i < span.root.i:
        seen += [c for c in _np_states(dc, subj) if c not in exclude][:1]
    for pos, c in reversed(dc.state_mentions):
        if len(seen) >= n:
            break
        if pos < before and c not in exclude and c not in seen:
            seen.append(c)
    return seen[:n]


def _subject_chain(dc: _Doc, pron: Token) -> list[str]:
    """The state a subject "it" continues: the nearest earlier clause subject that names a
    state, through other subject pronouns ("Seoul said it could reconsider. It has not sent
    weapons. Instead it has provided help ..." -> Seoul), at most two sentences back."""
    doc = pron.doc
    first = pron.sent.start
    for _ in range(2):
        if first > 0:
            first = doc[first - 1].sent.start
    for t in reversed(doc[first : pron.i]):
        if t.dep_ not in SUBJECT_DEPS:
            continue
        if t.pos_ == "PRON":
            if t.lower_ != "it":
                return []
            continue
        return _np_states(dc, t)[:1]
    return []


def _topic(dc: _Doc, pos: int) -> str | None:
    """The state a paragraph is about: the first state its text names ("South Korea's room
    for manoeuvre is narrower ... The defence budget for this year stands at ...")."""
    text = doc_text(dc.ctx.doc)
    start = text.rfind("\n", 0, pos) + 1
    return next((c for p, c in dc.state_mentions if start <= p < pos), None)


def _focal(dc: _Doc, exclude: list[str]) -> str | None:
    return next((c for c in dc.focal if c not in exclude), None)


def _doc_state(ctx: DocContext) -> tuple[list[str], list[tuple[int, str]]]:
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    mentions: list[tuple[int, str]] = []
    for m in sorted(ctx.actors.mentions, key=lambda m: m.span.start):
        a = ctx.actors.actors.get(m.actor_id)
        if a is None or a.kind != "state" or not a.country:
            continue
        counts[a.country] = counts.get(a.country, 0) + 1
        first.setdefault(a.country, m.span.start)
        mentions.append((m.span.start, a.country))
    focal = sorted(counts, key=lambda c: (-counts[c], first[c]))
    return focal, mentions
