"""Characterisations: evaluative phrases about a relationship, its dyad, speaker and tone.

The phrase lexicon, its tones and the negation words are data
(data/characterizations.yaml, documented there). For each match:

- speaker: the speaker of the quotation whose text contains it, else None
  (the publisher's own voice);
- dyad: the two countries the phrase is about, taken in this order until two
  are found: a hyphenated pair on the relation noun ("Sino-Indian ties"); actors in the quotation (or, unquoted, the sentence) nearest to
  the phrase in the parse tree; a state or government speaker's own country;
  the states of the paragraph; the states of the nearest section heading ("What
  is the relationship like between South Korea and Japan?"); the document's two
  most mentioned states;
- tone: the entry's tone, flipped and damped when a negator precedes it.

A phrase counts only where it can describe actors: inside a quotation, in a
sentence that names an actor, or next to a relationship noun.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from tiegraph.extract.characterizations.constructions import Hit, analyse, find
from tiegraph.extract.characterizations.dyads import (
    COUNTRY_KINDS,
    HEADING_MAX_WORDS,
    Dyads,
    dyads_of,
)
from tiegraph.extract.characterizations.rules import (
    Entry,
    Lexicon,
    lexicon,
    matches,
    negated,
    resolve,
)
from tiegraph.extract.context import DocContext
from tiegraph.extract.quotes import cues
from tiegraph.model import Characterization, Quote, Span, stable_id
from tiegraph.nlp.syntax import doc_text


def _title_case(text: str) -> bool:
    """A headline in title case ("How a Shadow War Came Into the Open"): capitals there
    do not make a name."""
    ws = re.findall(r"[A-Za-z][\w'’-]*", text)
    long_ = [w for w in ws if len(w) > 3]
    return len(ws) <= HEADING_MAX_WORDS and len(long_) >= 3 and all(w[0].isupper() for w in long_)


def _names_head(rest: str, lex: Lexicon) -> bool:
    """The next word makes the match part of a name even in a headline ("Friendship
    Association", "Alliance Treaty")."""
    m = re.match(r"\W*([A-Za-z]+)", rest)
    return m is not None and m.group(1).lower() in lex.name_heads


def _extend(ctx: DocContext, start: int, end: int) -> tuple[int, int]:
    """Grow a noun match over its complement: "stalwart ally" -> "... ally of the United States"."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return start, end
    head = span.root
    for ch in head.rights:
        if ch.dep_ == "prep" and ch.lower_ in {"of", "to", "with", "between", "for"}:
            sub = list(ch.subtree)
            if len(sub) <= 8 and sub[-1].sent.start == head.sent.start:
                end = max(end, sub[-1].idx + len(sub[-1].text))
            break
    return start, end


def _regex_matches(
    ctx: DocContext, dy: Dyads, lex: Lexicon, s0: int, s1: int, quotes: list[Quote]
) -> list[tuple[int, int, Entry | Hit]]:
    """Lexicon matches in the piece [s0, s1) that pass their gates (a relation word, an
    actor, a quotation or a party word in reach; not part of a capitalised name)."""
    text = dy.text
    piece = text[s0:s1]
    out: list[tuple[int, int, Entry | Hit]] = []
    for ms, me, entry in matches(piece, lex):
        start = s0 + ms
        quote = next((q for q in quotes if q.span.start <= start < q.span.end), None)
        has_actor = any(True for _ in dy.actors_in(s0, s1, COUNTRY_KINDS))
        has_relation = bool(lex.relation_re.search(piece))
        if entry.relation and not (
            has_relation
            or (
                entry.party_ok
                and (
                    lex.party_re.search(piece)
                    or len({a.country for _, a in dy.actors_in(s0, s1, COUNTRY_KINDS)}) > 1
                )
            )
        ):  # "two hostile governments", "Why are Israel and Iran enemies?"
            continue
        if quote is None and not (
            has_actor
            or has_relation
            or lex.party_re.search(piece)
            or (entry.standalone and dy.para_has_context(s0))
        ):
            continue
        lead = piece[:ms]
        if (
            piece[ms].isupper()
            and lead.strip()
            and not re.search(r"[:“\"‘(]\s*$", lead)
            and not (_title_case(piece) and not _names_head(piece[me:], lex))
        ):
            continue  # part of a capitalised name ("Friendship Peace Conference")
        out.append((start, s0 + me, entry))
    return out


def _pairs(
    dy: Dyads,
    root: Token,
    hit: Hit | None,
    phrase: tuple[int, int],
    sent: tuple[int, int],
    quote: Quote | None,
) -> list[list[str]]:
    """The syntax's pairs (or standing actor) when it gives them; else the context's,
    with the one party the syntax gives kept first."""
    if hit is not None and hit.dyads:
        return [list(d) for d in hit.dyads]
    if hit is not None and hit.anchor is not None and hit.open_partner:
        # "upgrading India's defense ties with the island nation": the state last named
        other = dy.recent_state(phrase[0], hit.anchor)
        if other is not None:
            return [[hit.anchor, other]]
    found = dyads_of(dy, root, phrase, sent, quote)
    if hit is None or hit.anchor is None:
        return found
    flat = [c for d in found for c in d if c != hit.anchor]
    return [[hit.anchor, flat[0]]] if flat else []


def extract_characterizations(
    ctx: DocContext, quotes: list[Quote], lex: Lexicon | None = None
) -> list[Characterization]:
    """Characterisations in a document; `lex` is the rules object (default: the data's)."""
    doc, text = ctx.doc, doc_text(ctx.doc)
    lex = lex or lexicon()
    rw = lex.relational
    dy = Dyads(ctx, lex)
    out: list[Characterization] = []
    seen: set[tuple[int, int]] = set()
    for sent in doc.sents:
        for s0, s1 in dy.pieces(sent.start_char, sent.end_char):
            piece = text[s0:s1]
            found = _regex_matches(ctx, dy, lex, s0, s1, quotes)
            if rw is not None:
                found += [(h.start, h.end, h) for h in find(ctx, rw, s0, s1)]
            for start, end, item in resolve(found):
                if (start, end) in seen:
                    continue
                quote = next((q for q in quotes if q.span.start <= start < q.span.end), None)
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None:
                    continue
                if isinstance(item, Hit):
                    hit: Hit | None = item
                    root = item.head
                    base = item.tone
                else:
                    root = span.root
                    hit = analyse(ctx, rw, root) if rw is not None else None
                    base = item.tone
                xs, xe = _extend(ctx, start, end)
                dyads = _pairs(dy, root, hit, (xs, xe), (s0, s1), quote)
                if not dyads:
                    continue
                seen.add((start, end))
                tone = base
                if negated(text[max(s0, start - 40) : start], text[start:end], lex):
                    tone = round(-tone * lex.negation_factor, 2)
                for dyad in dyads:
                    out.append(
                        Characterization(
                            char_id=stable_id(ctx.document.doc_id, start, end, *sorted(dyad)),
                            dyad=sorted(dyad),
                            phrase=text[xs:xe],
                            tone=tone,
                            speaker=quote.speaker.name if quote and quote.speaker else None,
                            span=Span(xs, xe, text[xs:xe]),
                            evidence=Span(s0, s1, piece.strip()),
                        )
                    )
    return out + _named(ctx, dy, quotes, out)


def _named_relation(ctx: DocContext, q: Quote, lex: Lexicon) -> Token | None:
    """The relationship a naming verb gives the quoted wording to ('called the alliance with
    the United States "the floor we stand on"', 'describes the relationship as "..."')."""
    span = ctx.doc.char_span(q.span.start, q.span.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    naming = cues().naming
    for anc in span[0].ancestors:
        if anc.pos_ == "VERB" and anc.lemma_.lower() in naming:
            obj = next((c for c in anc.children if c.dep_ == "dobj"), None)
            rel = lex.relation_nouns
            return obj if obj is not None and obj.lower_ in rel and obj.i < span.start else None
    return None


def _named(
    ctx: DocContext, dy: Dyads, quotes: list[Quote], found: list[Characterization]
) -> list[Characterization]:
    """A speaker's quoted wording for a relationship is a characterisation even when the
    lexicon has no entry for it; its tone is `named_tone` (unscored)."""
    lex = dy.lex
    if lex.named_tone is None:
        return []
    text = doc_text(ctx.doc)
    out: list[Characterization] = []
    for q in quotes:
        if q.kind != "mixed" or any(q.span.start <= c.span.start < q.span.end for c in found):
            continue
        rel = _named_relation(ctx, q, lex)
        if rel is None:
            continue
        sent = rel.sent
        s0, s1 = sent.start_char, sent.end_char
        for dyad in dyads_of(dy, rel, (q.span.start, q.span.end), (s0, s1), q)[:1]:
            out.append(
                Characterization(
                    char_id=stable_id(ctx.document.doc_id, q.span.start, q.span.end, *dyad),
                    dyad=sorted(dyad),
                    phrase=q.text,
                    tone=lex.named_tone,
                    speaker=q.speaker.name if q.speaker else None,
                    span=Span(q.span.start, q.span.end, text[q.span.start : q.span.end]),
                    evidence=Span(s0, s1, text[s0:s1].strip()),
                )
            )
    return out
