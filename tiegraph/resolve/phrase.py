"""Resolve short actor phrases ("an American destroyer") without a whole article.

Batch entry point: one model load, one `nlp.pipe` over all phrases; used by
`tiegraph actor` and by anyone coding a list of actor strings (1,000 phrases
take seconds, not one model load each).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from tiegraph.model import Actor
from tiegraph.nlp.pipeline import load_nlp
from tiegraph.resolve.actors import ActorIndex, resolve_actors
from tiegraph.resolve.roles import role_sector, title_country

# which actor a phrase is about when it names several ("Seoul metropolitan police"
# names KOR and the police: the police)
_RANK = {"person": 0, "group": 1, "organisation": 2, "igo": 3, "state": 4}


def resolve_phrases(
    phrases: Iterable[str],
    context: str | None = None,
    date: str | None = None,
    nlp: Language | None = None,
) -> list[dict]:
    """Code each phrase as {text, country, sector, code, name, kind, role, codes}.

    With `context`, a phrase that occurs in the context sentence is read there
    (so "Seoul" in "Seoul is exploring ..." is the government); `date` dates
    office-holders ("President Bush" in 2003 is George W. Bush).
    """
    return resolve_items(({"text": t, "context": context, "date": date} for t in phrases), nlp)


def resolve_items(items: Iterable[dict], nlp: Language | None = None) -> list[dict]:
    """Code each {"text", "context", "date"} item, each with its own context and date
    (the `tiegraph actor -` batch): one model load, one `nlp.pipe` over all items."""
    nlp = nlp or load_nlp()
    rows = list(items)
    texts = [str(r.get("text") or "") for r in rows]
    contexts = [str(r.get("context") or "") for r in rows]
    sources = [c if c and t and t in c else t for t, c in zip(texts, contexts, strict=True)]
    out: list[dict] = []
    for text, src, row, doc in zip(
        texts, sources, rows, nlp.pipe(sources, batch_size=256), strict=True
    ):
        start = src.find(text) if src is not text else 0
        date = str(row.get("date") or "")[:10] or None
        out.append(_code_phrase(text, doc, resolve_actors(doc, nlp, date), start))
    return out


def _code_phrase(text: str, doc: Doc, idx: ActorIndex, start: int) -> dict:
    end = start + len(text)
    inside: list[Actor] = []
    for m in idx.mentions:
        a = idx.actors.get(m.actor_id)
        if a is not None and a.kind in _RANK and start <= m.span.start and m.span.end <= end:
            if a not in inside:
                inside.append(a)
    inside.sort(key=lambda a: _RANK[a.kind])
    best = inside[0] if inside else None
    span = doc.char_span(start, end, alignment_mode="expand") or doc[:]
    role_words = [t.text for t in span if not _is_state_token(idx, t.i)]
    country = best.country if best else None
    sector = best.sector if best else None
    if sector is None:
        sector = role_sector(role_words)
    if country is None and best is None:
        country = title_country(role_words)
    code = ((country or "") + (sector or "")) or None
    if best is not None and best.kind == "igo":
        code = best.code
    same_rank = [a for a in inside if best is not None and a.kind == best.kind]
    codes = [a.code for a in same_rank if a.code]
    if best is not None and best.kind == "state" and sector:
        codes = [f"{a.country}{sector}" for a in same_rank]  # "Hungarian and Romanian ..."
    return {
        "text": text,
        "country": country,
        "sector": sector,
        "code": code,
        "name": best.name if best else None,
        "kind": best.kind if best else None,
        "role": best.role if best else None,
        "codes": codes or ([code] if code else []),
    }


def _is_state_token(idx: ActorIndex, i: int) -> bool:
    aid = idx.token_actor.get(i)
    return aid is not None and idx.actors[aid].kind == "state"
