"""Documents, actors and full-text search."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from tiegraph.store.read.common import (
    DEFAULT_LIMIT,
    LIKE,
    Row,
    _chunked_in,
    _like,
    _loads,
    _originals,
    _page,
    _until_bound,
)


def list_documents(
    store: Any, q: str | None = None, limit: int | None = DEFAULT_LIMIT, offset: int = 0
) -> list[Row]:
    """Documents newest first; `q` is a case-insensitive substring of title, source or doc_id.

    Each row: doc_id, title, source, url, publisher, published,
    published_precision, anchor_date, language, duplicate_of, chars, events,
    quotes, claims, characterizations.
    """
    sql = (
        "SELECT d.doc_id, d.title, d.source, d.url, d.publisher, d.published, "
        "d.published_precision, d.anchor_date, d.language, d.duplicate_of, "
        "LENGTH(d.text) AS chars, "
        "(SELECT COUNT(*) FROM events e WHERE e.doc_id=d.doc_id) AS events, "
        "(SELECT COUNT(*) FROM quotes x WHERE x.doc_id=d.doc_id) AS quotes, "
        "(SELECT COUNT(*) FROM claims c WHERE c.doc_id=d.doc_id) AS claims, "
        "(SELECT COUNT(*) FROM characterizations h WHERE h.doc_id=d.doc_id) "
        "AS characterizations FROM documents d"
    )
    params: list = []
    if q:
        sql += f" WHERE LOWER(d.title) {LIKE} OR LOWER(d.source) {LIKE} OR d.doc_id {LIKE}"
        like = _like(q.lower())
        params += [like, like, like]
    sql += " ORDER BY COALESCE(d.published, d.anchor_date) DESC, d.doc_id"
    sql, params = _page(sql, params, limit, offset)
    return store.query(sql, params)


def get_document(store: Any, doc_id: str) -> Row | None:
    """One document with its full extraction record, or None.

    Returns `{"doc": {...document fields, text...}, "record": {...the extraction
    record as `tiegraph extract` prints it (without sentences/entities)...},
    "sentences": [span, ...]}`.
    """
    rows = store.query(
        "SELECT doc_id, source, url, title, publisher, published, published_precision, "
        "anchor_date, anchor_source, language, text, duplicate_of, versions, record "
        "FROM documents WHERE doc_id=?",
        [doc_id],
    )
    if not rows:
        return None
    row = rows[0]
    record = _loads(row.pop("record"), {})
    row["versions"] = _loads(row.get("versions"), {})
    sentences = record.pop("sentences", None) or []
    record.pop("entities", None)
    return {"doc": row, "record": record, "sentences": sentences}


def list_actors(
    store: Any,
    q: str | None = None,
    kind: str | None = None,
    country: str | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
    include_duplicates: bool = False,
) -> list[Row]:
    """Actors across the corpus, one row per (name, code), most documents first.

    `q` is part of a name or an exact code. Each row: name, code, country,
    sector, kind, actor_ids, documents (how many mention it), mentions, events
    (as source or target).
    """
    orig = _originals("a", include_duplicates)
    sql = (
        "SELECT a.name, a.code, MAX(a.country) AS country, MAX(a.sector) AS sector, "
        f"MAX(a.kind) AS kind, COUNT(DISTINCT a.doc_id) AS documents FROM actors a WHERE {orig}"
    )
    params: list = []
    if q:
        sql += f" AND (LOWER(a.name) {LIKE} OR a.code=?)"
        params += [_like(q.lower()), q]
    if kind:
        sql += " AND a.kind=?"
        params.append(kind)
    if country:
        sql += " AND a.country=?"
        params.append(country)
    sql += " GROUP BY a.name, a.code ORDER BY documents DESC, a.name, a.code"
    sql, params = _page(sql, params, limit, offset)
    rows = store.query(sql, params)
    if not rows:
        return rows
    names = sorted({r["name"] for r in rows})
    ids: dict[tuple, list[str]] = defaultdict(list)
    for r in _chunked_in(
        store,
        f"SELECT DISTINCT name, code, actor_id FROM actors a WHERE {orig} AND name IN ({{}})",
        names,
    ):
        ids[(r["name"], r["code"])].append(r["actor_id"])
    all_ids = sorted({i for v in ids.values() for i in v})
    events: dict[str, int] = defaultdict(int)
    for side in ("source_actor_id", "target_actor_id"):
        for r in _chunked_in(
            store,
            f"SELECT {side} AS id, COUNT(*) AS n FROM events e "
            f"WHERE {_originals('e', include_duplicates)} AND {side} IN ({{}}) GROUP BY {side}",
            all_ids,
        ):
            events[r["id"]] += int(r["n"])
    mentions = {
        r["id"]: int(r["n"])
        for r in _chunked_in(
            store,
            f"SELECT actor_id AS id, COUNT(*) AS n FROM mentions m "
            f"WHERE {_originals('m', include_duplicates)} AND actor_id IN ({{}}) GROUP BY actor_id",
            all_ids,
        )
    }
    for r in rows:
        group = sorted(ids.get((r["name"], r["code"]), []))
        r["actor_ids"] = group
        r["mentions"] = sum(mentions.get(i, 0) for i in group)
        r["events"] = sum(events.get(i, 0) for i in group)
    return rows


def search(
    store: Any,
    text: str,
    limit: int = 20,
    offset: int = 0,
    since: str | None = None,
    until: str | None = None,
) -> list[Row]:
    """Sentences matching every word of `text`, best first (SQLite FTS5 / Postgres tsearch).

    Each row: doc_id, title, date (the document's), span {start,end,text} of the
    sentence, snippet (the sentence with matches in [brackets]), rank (higher is
    better). `since`/`until` bound the document date.
    """
    if not (since or until):
        rows = store.search_sentences(text, limit=limit, offset=offset)
        return _with_doc_dates(store, rows)
    lo, hi = since or "", _until_bound(until) if until else "\uffff"
    out: list[Row] = []
    skip, at, page = offset, 0, 500
    while len(out) < limit:
        rows = _with_doc_dates(store, store.search_sentences(text, limit=page, offset=at))
        for r in rows:
            if lo <= (r["date"] or "") <= hi:
                if skip:
                    skip -= 1
                elif len(out) < limit:
                    out.append(r)
        if len(rows) < page:
            break
        at += page
    return out


def _with_doc_dates(store: Any, rows: list[Row]) -> list[Row]:
    ids = sorted({r["doc_id"] for r in rows})
    dates = {
        r["doc_id"]: r["date"]
        for r in _chunked_in(
            store,
            "SELECT doc_id, COALESCE(published, anchor_date) AS date FROM documents "
            "WHERE doc_id IN ({})",
            ids,
        )
    }
    for r in rows:
        r["date"] = dates.get(r["doc_id"])
    return rows
