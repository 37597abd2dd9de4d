"""Resolve short actor phrases ("an American destroyer") without a whole article.

Batch entry point: one model load, `nlp.pipe` over all phrases; used by
`tiegraph actor` and by anyone coding a list of actor strings.
"""

from __future__ import annotations

from collections.abc import Iterable

from tiegraph.nlp.pipeline import load_nlp
from tiegraph.resolve.actors import resolve_actors, sector_of


def resolve_phrases(
    phrases: Iterable[str], context: str | None = None, date: str | None = None
) -> list[dict]:
    nlp = load_nlp()
    texts = list(phrases)
    out: list[dict] = []
    for text, doc in zip(texts, nlp.pipe(texts), strict=True):
        idx = resolve_actors(doc, nlp, date)
        best = None
        for a in idx.actors.values():
            if a.kind == "none":
                continue
            rank = {"person": 0, "group": 1, "organisation": 2, "igo": 3, "state": 4}.get(a.kind, 5)
            if best is None or rank < best[0]:
                best = (rank, a)
        country = sector = name = None
        if best:
            a = best[1]
            country, sector, name = a.country, a.sector, a.name
        if sector is None:
            sector, _ = sector_of([t.text for t in doc if t.pos_ in {"NOUN", "PROPN", "ADJ"}])
        code = ((country or "") + (sector or "")) or None
        out.append({"text": text, "country": country, "sector": sector, "code": code, "name": name})
    return out
