"""Direct, indirect and mixed quotations with their speakers.

A quoted string is a quotation only when a speaker is attributed by structure
(a reporting verb with an actor subject, "according to", a speech noun owned by
an actor, or the continuation of the previous speaker's turn); otherwise it is
a name or a scare quote and is not reported.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Token

from tiegraph import resources
from tiegraph.extract.context import DocContext
from tiegraph.model import Actor, Quote, Span, Speaker, stable_id

VERSION = "quotes-0.1"
QUOTE_RE = re.compile(r"“([^”]{1,3000})”|\"([^\"]{1,3000})\"|‘([^’]{3,600})’(?![a-z])")
PRONOUNS = {"he", "she", "they", "his", "her"}


@lru_cache(maxsize=1)
def cues() -> dict:
    d = resources.load_yaml("cues.yaml")
    return {
        "verbs": frozenset(d.get("verbs") or []),
        "phrases": tuple(d.get("phrases") or []),
        "nouns": frozenset(d.get("speech_nouns") or []),
        "min_words": int(d.get("min_direct_words") or 3),
    }


def _speaker(ctx: DocContext, actor: Actor | None, tok: Token | None) -> Speaker | None:
    if actor is None:
        return None
    span = ctx.tok_span(tok) if tok is not None else None
    return Speaker(actor.name, actor.actor_id, actor.country, actor.code, actor.role, span)


def _actor_for(ctx: DocContext, tok: Token) -> Actor | None:
    acts = ctx.actors.actors_under(tok)
    persons = [a for a in acts if a.kind in {"person", "group"}]
    if persons:
        return persons[0]
    if acts:
        return acts[0]
    if tok.lower_ in PRONOUNS:
        return _previous_person(ctx, tok.idx)
    return None


def _previous_person(ctx: DocContext, before: int) -> Actor | None:
    best = None
    for m in ctx.actors.mentions:
        if m.span.start >= before:
            break
        a = ctx.actors.actors.get(m.actor_id)
        if a and a.kind == "person":
            best = a
    return best


def _cue_subject(verb: Token) -> Token | None:
    node = verb
    for _ in range(3):
        for c in node.children:
            if c.dep_ in {"nsubj", "nsubjpass"}:
                return c
        if node.dep_ in {"xcomp", "conj", "advcl"} and node.head.i != node.i:
            node = node.head
            continue
        break
    return None


def _attribute(
    ctx: DocContext, start: int, end: int
) -> tuple[Actor | None, Token | None, str | None]:
    """Find who speaks a quoted passage [start, end) from the text around it in its sentences."""
    doc = ctx.doc
    c = cues()
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None:
        return None, None, None
    sents = {first[0].sent.start, first[-1].sent.start}
    sent_list = [s for s in doc.sents if s.start in sents]
    for sent in sent_list:
        for tok in sent:
            if start <= tok.idx < end:
                continue
            if tok.lemma_.lower() in c["verbs"] and tok.pos_ in {"VERB", "AUX"}:
                subj = _cue_subject(tok)
                if subj is not None and not (start <= subj.idx < end):
                    a = _actor_for(ctx, subj)
                    if a:
                        return a, subj, tok.text
        text = sent.text.lower()
        for ph in c["phrases"]:
            k = text.find(ph)
            if k >= 0:
                after = doc.char_span(
                    sent.start_char + k + len(ph), sent.end_char, alignment_mode="contract"
                )
                if after is not None:
                    for tok in after:
                        a = ctx.actors.actor_of_token(tok)
                        if a and a.kind in {"person", "group"}:
                            return a, tok, ph
        for tok in sent:
            if tok.lemma_.lower() in c["nouns"] and not (start <= tok.idx < end):
                for ch in tok.children:
                    if ch.dep_ == "poss":
                        a = _actor_for(ctx, ch)
                        if a:
                            return a, ch, tok.text
    return None, None, None


def direct_quotes(ctx: DocContext) -> list[Quote]:
    text = ctx.doc.text
    out: list[Quote] = []
    last: tuple[Actor, int, str | None] | None = None
    for m in QUOTE_RE.finditer(text):
        gi = next(i for i in (1, 2, 3) if m.group(i) is not None)
        qs, qe = m.start(gi), m.end(gi)
        inner = text[qs:qe].strip()
        words = len(inner.split())
        actor, tok, cue = _attribute(ctx, m.start(), m.end())
        kind = "direct"
        if actor is None and last is not None and words >= cues()["min_words"]:
            prev_actor, prev_end, prev_cue = last
            between = text[prev_end : m.start()]
            if len(between) < 200 and "\n\n" not in between.strip():
                actor, cue = prev_actor, prev_cue
        if actor is None:
            continue
        if words < cues()["min_words"]:
            continue  # a term in quotation marks, even near a cue
        span = Span(qs, qe, text[qs:qe])
        sent = ctx.doc.char_span(m.start(), m.end(), alignment_mode="expand")
        evidence = (
            Span(
                sent[0].sent.start_char,
                sent[-1].sent.end_char,
                text[sent[0].sent.start_char : sent[-1].sent.end_char],
            )
            if sent
            else span
        )
        out.append(
            Quote(
                quote_id=stable_id(ctx.document.doc_id, qs, qe),
                kind=kind,
                text=inner,
                span=span,
                cue=cue,
                speaker=_speaker(ctx, actor, tok),
                about=_about(ctx, qs, qe),
                evidence=evidence,
            )
        )
        last = (actor, m.end(), cue)
    return out


def indirect_quotes(ctx: DocContext, taken: list[tuple[int, int]]) -> list[Quote]:
    out: list[Quote] = []
    c = cues()
    for tok in ctx.doc:
        if tok.lemma_.lower() not in c["verbs"] or tok.pos_ not in {"VERB"}:
            continue
        comp = next((ch for ch in tok.children if ch.dep_ == "ccomp" and ch.i > tok.i), None)
        if comp is None:
            continue
        subj = _cue_subject(tok)
        if subj is None:
            continue
        actor = _actor_for(ctx, subj)
        if actor is None:
            continue
        toks = list(comp.subtree)
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        if toks[0].dep_ == "mark":
            start = toks[1].idx if len(toks) > 1 else start
        if any(s <= start < e or start <= s < end for s, e in taken):
            continue
        content = ctx.doc.text[start:end]
        kind = "mixed" if _has_long_fragment(content) else "indirect"
        out.append(
            Quote(
                quote_id=stable_id(ctx.document.doc_id, start, end),
                kind=kind,
                text=content,
                span=Span(start, end, content),
                cue=tok.text,
                speaker=_speaker(ctx, actor, subj),
                about=_about(ctx, start, end),
                evidence=ctx.sent_span(tok),
            )
        )
    return out


def _has_long_fragment(text: str) -> bool:
    return any(
        len((m.group(1) or m.group(2) or m.group(3) or "").split()) >= 3
        for m in QUOTE_RE.finditer(text)
    )


def _about(ctx: DocContext, start: int, end: int) -> list[str]:
    out: list[str] = []
    for m in ctx.actors.mentions:
        if start <= m.span.start < end:
            a = ctx.actors.actors.get(m.actor_id)
            if a and a.country and a.country not in out:
                out.append(a.country)
    return out


def extract_quotes(ctx: DocContext) -> list[Quote]:
    direct = direct_quotes(ctx)
    taken = [(q.span.start, q.span.end) for q in direct]
    return direct + indirect_quotes(ctx, taken)
