"""Characterisations: evaluative phrases about a relationship, its dyad, speaker and tone.

The phrase lexicon (with tones) is data/characterizations.yaml. The dyad is
taken, in order, from the actors in the sentence, the quote's speaker and the
document's dominant state pair, so "Very bad at the moment," Armstrong says
under a heading about South Korea and Japan still finds KOR-JPN.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from tiegraph import resources
from tiegraph.extract.context import DocContext
from tiegraph.model import Characterization, Quote, Span, stable_id

VERSION = "characterizations-0.1"


@lru_cache(maxsize=1)
def lexicon() -> list[tuple[re.Pattern[str], float]]:
    d = resources.load_yaml("characterizations.yaml")
    return [(re.compile(rf"\b(?:{p['phrase']})\b", re.I), float(p["tone"])) for p in d["phrases"]]


def _states_in(ctx: DocContext, start: int, end: int) -> list[str]:
    out: list[str] = []
    for m in ctx.actors.mentions:
        if start <= m.span.start < end:
            a = ctx.actors.actors.get(m.actor_id)
            if a and a.country and a.kind in {"state", "group", "person", "organisation"}:
                if a.country not in out:
                    out.append(a.country)
    return out


def _dominant_states(ctx: DocContext) -> list[str]:
    c: Counter[str] = Counter()
    for m in ctx.actors.mentions:
        a = ctx.actors.actors.get(m.actor_id)
        if a and a.kind == "state" and a.country:
            c[a.country] += 1
    return [k for k, _ in c.most_common(2)]


def _previous_pair(ctx: DocContext, before: int) -> list[str]:
    """The nearest earlier sentence (a heading counts) that names two states."""
    sents = [s for s in ctx.doc.sents if s.end_char <= before]
    for s in reversed(sents[-6:]):
        st = _states_in(ctx, s.start_char, s.end_char)
        if len(st) >= 2:
            return st[:2]
    return []


def extract_characterizations(ctx: DocContext, quotes: list[Quote]) -> list[Characterization]:
    out: list[Characterization] = []
    seen: set[tuple[int, int]] = set()
    for sent in ctx.doc.sents:
        for pat, tone in lexicon():
            for m in pat.finditer(sent.text):
                start, end = sent.start_char + m.start(), sent.start_char + m.end()
                if any(s <= start < e for s, e in seen):
                    continue
                quote = next((q for q in quotes if q.span.start <= start < q.span.end), None)
                if quote is None:
                    quote = next(
                        (
                            q
                            for q in quotes
                            if q.evidence and q.evidence.start <= start < q.evidence.end
                        ),
                        None,
                    )
                speaker = quote.speaker if quote and quote.speaker else None
                dyad = _states_in(ctx, sent.start_char, sent.end_char)
                if speaker and speaker.country and speaker.country not in dyad and len(dyad) < 2:
                    dyad.append(speaker.country)
                if len(dyad) < 2 and quote is not None:
                    for c in _previous_pair(ctx, sent.start_char):
                        if c not in dyad and len(dyad) < 2:
                            dyad.append(c)
                if len(dyad) < 2:
                    for c in _dominant_states(ctx):
                        if c not in dyad and len(dyad) < 2:
                            dyad.append(c)
                if len(dyad) < 2:
                    continue
                seen.add((start, end))
                out.append(
                    Characterization(
                        char_id=stable_id(ctx.document.doc_id, start, end),
                        dyad=sorted(dyad[:2]),
                        phrase=ctx.doc.text[start:end],
                        tone=tone,
                        speaker=speaker.name if speaker else None,
                        span=Span(start, end, ctx.doc.text[start:end]),
                        evidence=Span(sent.start_char, sent.end_char, sent.text),
                    )
                )
    return out
