"""Stable read API over the store, for the CLI, the HTTP API and the web UI.

Every function takes an open store (see `open_store`) and returns plain lists of
dicts (or one dict) that `json.dumps` accepts as they are: strings, numbers,
None, lists and dicts. Spans are `{"start", "end", "text"}` character offsets
into the document's clean text, as in the extraction record. Dates are the ISO
prefixes the extractors produce (`2006`, `2006-02`, `2006-02-08`), so string
comparison orders them and `since`/`until` accept any of those precisions
(`until="2006"` includes all of 2006).

Rows of documents marked `duplicate_of` (a syndicated copy, a re-post) are
recorded but not counted: every list and aggregate here leaves them out unless
called with `include_duplicates=True` (`list_documents` and `get_document`
still show them, with `duplicate_of` set).

These signatures are a contract: add keyword arguments, never remove or rename.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import re
import sys
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

Row = dict[str, Any]

DEFAULT_LIMIT = 100


def open_store(url_or_path: str | Path | None = None) -> Any:
    """Open (and create or migrate) a store: a SQLite path, `sqlite:///…` or `postgresql://…`.

    None means `$TIEGRAPH_DB`, else `./tiegraph.db`. Use it as a context manager
    or call `.close()`.
    """
    from tiegraph.store import open_store as _open

    return _open(url_or_path)


# -- helpers -------------------------------------------------------------------


def _until_bound(until: str) -> str:
    """`until` is inclusive at its own precision: '2006' covers 2006-12-31."""
    return until + "\uffff"


def _page(sql: str, params: list, limit: int | None, offset: int) -> tuple[str, list]:
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, int(limit), int(offset)]
    return sql, params


def _span(start: Any, end: Any, text: Any) -> Row | None:
    if start is None:
        return None
    return {"start": int(start), "end": int(end), "text": text}


def _loads(s: Any, default: Any) -> Any:
    if s is None or s == "":
        return default
    return json.loads(s) if isinstance(s, str) else s


def _originals(alias: str, include_duplicates: bool = False) -> str:
    """SQL condition: the row (table alias `alias`) is not from a duplicate document."""
    if include_duplicates:
        return "1=1"
    return f"{alias}.doc_id NOT IN (SELECT doc_id FROM documents WHERE duplicate_of IS NOT NULL)"


def _source(value: Any) -> Any:
    """Stored provenance JSON (`date_source`, `as_of_source`) -> a span dict or a label."""
    from tiegraph.store.sql import decode_source

    return decode_source(value)


def _like(text: str) -> str:
    """A LIKE pattern matching `text` as a substring: its own % _ \\ are literal (ESCAPE '\\')."""
    esc = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{esc}%"


LIKE = "LIKE ? ESCAPE '\\'"


def _modality_where(
    alias: str, modality: str | list[str] | tuple[str, ...] | None
) -> tuple[str, list]:
    """' AND e.modality IN (?, ...)' for one modality or several; nothing for None."""
    if not modality:
        return "", []
    values = [modality] if isinstance(modality, str) else list(modality)
    return f" AND {alias}.modality IN ({','.join('?' * len(values))})", values


def _dyad_where(col_a: str, col_b: str, a: str, b: str) -> tuple[str, list]:
    return (
        f"(({col_a}=? AND {col_b}=?) OR ({col_a}=? AND {col_b}=?))",
        [a, b, b, a],
    )


# -- documents -----------------------------------------------------------------


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


# -- events, quotes, claims ----------------------------------------------------


_EVENT_COLS = (
    "e.event_id, e.doc_id, e.date, e.date_precision, e.source_code, e.source_country, "
    "e.source_name, e.target_code, e.target_country, e.target_name, e.type, e.mode, e.cameo, "
    "e.goldstein, e.quad_class, e.polarity, e.modality, e.location, e.confidence, e.rule, "
    "e.date_source, e.trigger_start, e.trigger_end, e.evidence_start, e.evidence_end, e.evidence"
)


def _event_row(r: Row) -> Row:
    r["date_source"] = _source(r.get("date_source"))
    r["evidence"] = _span(r.pop("evidence_start"), r.pop("evidence_end"), r.get("evidence"))
    ts, te = r.pop("trigger_start"), r.pop("trigger_end")
    r["trigger"] = None if ts is None else {"start": int(ts), "end": int(te)}
    return r


def list_events(
    store: Any,
    dyad: tuple[str, str] | list[str] | None = None,
    type: str | None = None,  # noqa: A002 - the record's field name
    since: str | None = None,
    until: str | None = None,
    min_confidence: float = 0.0,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
    actor: str | None = None,
    polarity: str | None = None,
    include_duplicates: bool = False,
    quad_class: int | None = None,
    actor_ids: list[str] | None = None,
    modality: str | list[str] | tuple[str, ...] | None = None,
) -> list[Row]:
    """Coded events in date order (`quad_class` 1-4 keeps one QuadClass; `actor_ids` keeps
    events with one of those per-document actors on either side, e.g. one person's;
    `modality` keeps those modalities, e.g. "actual": what happened, not what was planned,
    supposed or only reported).

    `dyad=(A, B)` matches source/target countries in either direction; `actor`
    matches a country or actor code on either side. Each row carries the
    source/target codes, countries and names, PLOVER type/mode, CAMEO,
    Goldstein, QuadClass, polarity, modality, date, `date_source` (the span of
    the time expression that dates it, or "publication"), confidence, the
    coding `rule`, `trigger` {start,end} and `evidence` span.
    """
    sql = (
        f"SELECT {_EVENT_COLS} FROM events e WHERE e.confidence >= ? "
        f"AND {_originals('e', include_duplicates)}"
    )
    params: list = [min_confidence or 0.0]
    if dyad:
        w, p = _dyad_where("e.source_country", "e.target_country", dyad[0], dyad[1])
        sql += " AND " + w
        params += p
    if actor:
        sql += (
            " AND (e.source_country=? OR e.target_country=? OR e.source_code=? OR e.target_code=?)"
        )
        params += [actor] * 4
    if type:
        sql += " AND e.type=?"
        params.append(type)
    if polarity:
        sql += " AND e.polarity=?"
        params.append(polarity)
    w, p = _modality_where("e", modality)
    sql += w
    params += p
    if quad_class:
        sql += " AND e.quad_class=?"
        params.append(int(quad_class))
    if actor_ids is not None:
        marks = ",".join("?" * len(actor_ids)) or "NULL"
        sql += f" AND (e.source_actor_id IN ({marks}) OR e.target_actor_id IN ({marks}))"
        params += [*actor_ids, *actor_ids]
    if since:
        sql += " AND e.date >= ?"
        params.append(since)
    if until:
        sql += " AND e.date <= ?"
        params.append(_until_bound(until))
    sql += " ORDER BY e.date, e.doc_id, e.evidence_start, e.event_id"
    sql, params = _page(sql, params, limit, offset)
    return [_event_row(r) for r in store.query(sql, params)]


def list_quotes(
    store: Any,
    speaker: str | None = None,
    about: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
    include_duplicates: bool = False,
    speaker_ids: list[str] | None = None,
) -> list[Row]:
    """Quotes in document-date order (`speaker_ids`: only quotes by those per-document actors).

    `speaker` is a case-insensitive substring of the speaker's name (or an exact
    speaker country/code); `about` a country code the quote is about. Each row:
    quote_id, doc_id, date (the document's), kind, text, span, cue, speaker,
    speaker_country, speaker_code, speaker_role, about (list), evidence, title.
    """
    sql = (
        "SELECT q.quote_id, q.doc_id, COALESCE(d.published, d.anchor_date) AS date, d.title, "
        "q.kind, q.text, q.span_start, q.span_end, q.cue, q.speaker, q.speaker_actor_id, "
        "q.speaker_country, q.speaker_code, q.speaker_role, q.speaker_start, q.speaker_end, "
        "q.about, q.evidence_start, q.evidence_end, q.evidence "
        "FROM quotes q JOIN documents d ON d.doc_id=q.doc_id WHERE 1=1"
    )
    params: list = []
    if not include_duplicates:
        sql += " AND d.duplicate_of IS NULL"
    if speaker:
        sql += f" AND (LOWER(q.speaker) {LIKE} OR q.speaker_country=? OR q.speaker_code=?)"
        params += [_like(speaker.lower()), speaker, speaker]
    if about:
        sql += " AND q.quote_id IN (SELECT quote_id FROM quote_about WHERE code=?)"
        params.append(about)
    if speaker_ids is not None:
        sql += f" AND q.speaker_actor_id IN ({','.join('?' * len(speaker_ids)) or 'NULL'})"
        params += list(speaker_ids)
    if since:
        sql += " AND COALESCE(d.published, d.anchor_date) >= ?"
        params.append(since)
    if until:
        sql += " AND COALESCE(d.published, d.anchor_date) <= ?"
        params.append(_until_bound(until))
    sql += " ORDER BY date, q.doc_id, q.span_start"
    sql, params = _page(sql, params, limit, offset)
    out = []
    for r in store.query(sql, params):
        r["span"] = _span(r.pop("span_start"), r.pop("span_end"), r.get("text"))
        r["speaker_span"] = _span(r.pop("speaker_start"), r.pop("speaker_end"), r.get("speaker"))
        r["evidence"] = _span(r.pop("evidence_start"), r.pop("evidence_end"), r.get("evidence"))
        r["about"] = _loads(r.get("about"), [])
        out.append(r)
    return out


def _claim_row(r: Row) -> Row:
    r["subject"] = _loads(r.get("subject"), [])
    r["projection"] = bool(r.get("projection"))
    r["as_of_source"] = _source(r.get("as_of_source"))
    r["evidence"] = _span(r.pop("evidence_start"), r.pop("evidence_end"), r.get("evidence"))
    return r


def list_claims(
    store: Any,
    measure: str | None = None,
    subject: str | None = None,
    location: str | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
    include_duplicates: bool = False,
    since: str | None = None,
    until: str | None = None,
) -> list[Row]:
    """Numeric claims ordered by measure and as-of date (`since`/`until` bound the as-of date).

    Each row: claim_id, doc_id, subject (list of codes), location, measure,
    value, value_high (the top of a range, else None), unit, qualifier, as_of,
    as_of_precision, as_of_source (the span of the words that date the figure,
    or a label such as "publication"), asserted_by, projection, polarity,
    evidence span. Documents that duplicate another are left out unless
    `include_duplicates`.
    """
    sql = (
        "SELECT c.claim_id, c.doc_id, c.subject, c.location, c.measure, c.value, c.value_high, "
        "c.unit, c.qualifier, c.as_of, c.as_of_precision, c.as_of_source, c.asserted_by, "
        "c.projection, "
        "c.polarity, c.evidence_start, c.evidence_end, c.evidence "
        "FROM claims c JOIN documents d ON d.doc_id=c.doc_id WHERE 1=1"
    )
    params: list = []
    if not include_duplicates:
        sql += " AND d.duplicate_of IS NULL"
    if measure:
        sql += " AND c.measure=?"
        params.append(measure)
    if subject:
        sql += f" AND c.subject {LIKE}"
        params.append(_like(json.dumps(subject)))
    if location:
        sql += " AND c.location=?"
        params.append(location)
    if since:
        sql += " AND c.as_of >= ?"
        params.append(since)
    if until:
        sql += " AND c.as_of <= ?"
        params.append(_until_bound(until))
    sql += " ORDER BY c.measure, c.as_of, c.doc_id, c.evidence_start"
    sql, params = _page(sql, params, limit, offset)
    return [_claim_row(r) for r in store.query(sql, params)]


@lru_cache(maxsize=1)
def comparator_version() -> str:
    """Which code and data compare claims: the claims extractor version as records carry
    it (`versions["claims"]`), plus a hash of tiegraph's version, the comparison code and
    the data files. An upgraded tiegraph (or an edited measures.yaml) gives a new value,
    so claim changes cached by an older one are recomputed, never shown stale."""
    import hashlib

    from tiegraph import __version__, resources
    from tiegraph.analysis import changes

    h = hashlib.sha1(__version__.encode())
    h.update(Path(changes.__file__).read_bytes())
    h.update(resources.data_version().encode())
    return f"{claims_extractor_version()}+{h.hexdigest()[:12]}"


def claims_extractor_version() -> str:
    """`VERSION` of tiegraph.extract.claims, read without importing it (that loads spaCy)."""
    loaded = sys.modules.get("tiegraph.extract.claims")
    if loaded is not None:
        return str(loaded.VERSION)
    spec = importlib.util.find_spec("tiegraph.extract.claims")
    if spec is None or not spec.origin:
        return "claims-unknown"
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "VERSION" for t in node.targets)
            and isinstance(node.value, ast.Constant)
        ):
            return str(node.value.value)
    return "claims-unknown"


def list_changes(
    store: Any,
    measure: str | None = None,
    subject: str | None = None,
    kind: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[Row]:
    """Claim changes and conflicts across documents, each with both evidence spans, in the
    comparator's order (the CLI and the web sort them with `change_order`).

    `since`/`until` keep a row when either side's as-of date falls in the range.

    Each row: change_id, kind (change|conflict), subject, location, measure,
    unit, from {claim_id, doc_id, value, value_high, as_of, as_of_precision,
    as_of_source, qualifier, asserted_by, evidence}, to {…}, delta. Computed
    from the claims of non-duplicate documents and kept in `claim_changes`
    until the stored claims or the comparing code (`comparator_version`) change.
    """
    comparator = comparator_version()
    basis = store.changes_basis(comparator)  # read before computing: see save_claim_changes
    if store.changes_stale(comparator):
        from tiegraph.analysis.changes import compare_claims  # analysis computes, store keeps

        rows = [c.to_dict() for c in compare_claims(store.claims())]
        store.save_claim_changes(rows, based_on=basis)
    else:
        rows = store.claim_changes()
    if measure:
        rows = [r for r in rows if r["measure"] == measure]
    if subject:
        rows = [r for r in rows if subject in r["subject"]]
    if kind:
        rows = [r for r in rows if r["kind"] == kind]
    if since or until:
        lo, hi = since or "", _until_bound(until) if until else "\uffff"
        rows = [
            r for r in rows if any(lo <= (r[s].get("as_of") or "") <= hi for s in ("from", "to"))
        ]
    return rows


def change_order(row: Row) -> tuple:
    """How a list of changes is shown: by measure, subject, the earlier side's as-of date."""
    return (
        row.get("measure") or "",
        row.get("subject") or [],
        (row.get("from") or {}).get("as_of") or "",
        row.get("change_id") or "",
    )


# -- actors --------------------------------------------------------------------


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


def _chunked_in(store: Any, sql: str, values: list, size: int = 500) -> list[Row]:
    """Run `sql` (with one `IN ({})`) over `values` in chunks that stay under driver limits."""
    out: list[Row] = []
    for k in range(0, len(values), size):
        part = values[k : k + size]
        out += store.query(sql.format(",".join("?" * len(part))), part)
    return out


# -- analysis ------------------------------------------------------------------


_PERIOD = {"year": re.compile(r"\d{4}"), "month": re.compile(r"\d{4}-[01]\d")}


def _period(date: str | None, by: str) -> str | None:
    """The calendar year or month of an ISO-prefix date, or None (no date, season, week)."""
    n = 4 if by == "year" else 7
    if not date or not _PERIOD[by].fullmatch(date[:n]):
        return None
    return date[:n]


def dyad_timeline(
    store: Any,
    a: str,
    b: str,
    by: str = "year",
    include_duplicates: bool = False,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float = 0.0,
    modality: str | list[str] | tuple[str, ...] | None = None,
) -> list[Row]:
    """How the relationship between countries `a` and `b` evolves, one row per period.

    `by` is "year" or "month" (events dated only to a year are left out of a
    monthly timeline). Each row: period, events, quad1..quad4 (verbal/material
    cooperation, verbal/material conflict), mean_goldstein, a_to_b, b_to_a,
    quotes (by one side about the other, or about both), characterizations
    (of this dyad) and mean_tone. Only asserted events count, and none of a
    duplicate document; `min_confidence` and `modality` (e.g. "actual") narrow the events
    counted as `actor_network` and `list_events` do.
    """
    if by not in ("year", "month"):
        raise ValueError("by must be 'year' or 'month'")
    n = 4 if by == "year" else 7
    w, p = _dyad_where("source_country", "target_country", a, b)
    mw, mp = _modality_where("e", modality)
    rows = store.query(
        f"SELECT SUBSTR(date, 1, {n}) AS period, COUNT(*) AS events, "
        "SUM(CASE WHEN quad_class=1 THEN 1 ELSE 0 END) AS quad1, "
        "SUM(CASE WHEN quad_class=2 THEN 1 ELSE 0 END) AS quad2, "
        "SUM(CASE WHEN quad_class=3 THEN 1 ELSE 0 END) AS quad3, "
        "SUM(CASE WHEN quad_class=4 THEN 1 ELSE 0 END) AS quad4, "
        "AVG(goldstein) AS mean_goldstein, "
        "SUM(CASE WHEN source_country=? THEN 1 ELSE 0 END) AS a_to_b "
        f"FROM events e WHERE {w} AND polarity='asserted' AND confidence >= ?{mw} "
        f"AND LENGTH(date) >= {n} AND {_originals('e', include_duplicates)} "
        f"GROUP BY SUBSTR(date, 1, {n}) ORDER BY period",
        [a, *p, min_confidence or 0.0, *mp],
    )
    periods: dict[str, Row] = {}
    for r in rows:
        if _period(r["period"], by) != r["period"]:
            continue  # seasons, weeks: not a calendar month
        r["events"] = int(r["events"])
        for k in ("quad1", "quad2", "quad3", "quad4", "a_to_b"):
            r[k] = int(r[k] or 0)
        r["b_to_a"] = r["events"] - r["a_to_b"]
        mg = r["mean_goldstein"]
        r["mean_goldstein"] = None if mg is None else round(float(mg), 3)
        r.update(quotes=0, characterizations=0, mean_tone=None)
        periods[r["period"]] = r

    def slot(period: str | None) -> Row | None:
        if period is None:
            return None
        if period not in periods:
            periods[period] = {
                "period": period,
                "events": 0,
                "quad1": 0,
                "quad2": 0,
                "quad3": 0,
                "quad4": 0,
                "mean_goldstein": None,
                "a_to_b": 0,
                "b_to_a": 0,
                "quotes": 0,
                "characterizations": 0,
                "mean_tone": None,
            }
        return periods[period]

    for r in _dyad_quotes(store, a, b, include_duplicates):
        s = slot(_period(r["date"], by))
        if s is not None:
            s["quotes"] += 1
    tones: dict[str, list[float]] = defaultdict(list)
    for r in _dyad_characterizations(store, a, b, include_duplicates):
        s = slot(_period(r["date"], by))
        if s is not None:
            s["characterizations"] += 1
            if r["tone"] is not None:
                tones[s["period"]].append(float(r["tone"]))
    for period, ts in tones.items():
        periods[period]["mean_tone"] = round(sum(ts) / len(ts), 3)
    lo, hi = since or "", _until_bound(until) if until else "\uffff"
    return [periods[k] for k in sorted(periods) if _until_bound(k) >= lo and k <= hi]


def _dyad_quotes(store: Any, a: str, b: str, include_duplicates: bool = False) -> list[Row]:
    rows = store.query(
        "SELECT COALESCE(d.published, d.anchor_date) AS date, q.speaker_country, q.about "
        "FROM quotes q JOIN documents d ON d.doc_id=q.doc_id WHERE q.quote_id IN "
        "(SELECT quote_id FROM quote_about WHERE code IN (?, ?))"
        + ("" if include_duplicates else " AND d.duplicate_of IS NULL"),
        [a, b],
    )
    out = []
    for r in rows:
        about = set(_loads(r["about"], []))
        sides = about | ({r["speaker_country"]} if r["speaker_country"] else set())
        if a in sides and b in sides:
            out.append(r)
    return out


def _dyad_characterizations(
    store: Any, a: str, b: str, include_duplicates: bool = False
) -> list[Row]:
    lo, hi = sorted((a, b))
    return store.query(
        "SELECT COALESCE(d.published, d.anchor_date) AS date, h.tone "
        "FROM characterizations h JOIN documents d ON d.doc_id=h.doc_id "
        "WHERE h.dyad_a=? AND h.dyad_b=?"
        + ("" if include_duplicates else " AND d.duplicate_of IS NULL"),
        [lo, hi],
    )


def dyad_claims(
    store: Any,
    a: str,
    b: str,
    since: str | None = None,
    until: str | None = None,
    include_duplicates: bool = False,
) -> list[Row]:
    """The dyad's number series (troop levels, trade, aid ...): asserted claims whose
    subject and location together name both countries, one series per measure, subject,
    location and unit, each in as-of order. A series: measure, subject (codes), location,
    unit, claims (list_claims rows)."""
    series: dict[tuple, dict[str, Row]] = defaultdict(dict)
    for side in (a, b):
        for c in list_claims(
            store,
            subject=side,
            since=since,
            until=until,
            limit=None,
            include_duplicates=include_duplicates,
        ):
            sides = set(c["subject"]) | ({c["location"]} if c.get("location") else set())
            if {a, b} <= sides and (c.get("polarity") or "asserted") == "asserted":
                key = (c["measure"], tuple(c["subject"]), c.get("location") or "", c["unit"] or "")
                series[key].setdefault(c["claim_id"], c)
    return [
        {
            "measure": measure,
            "subject": list(subject),
            "location": location or None,
            "unit": unit or None,
            "claims": sorted(rows.values(), key=lambda c: (c.get("as_of") or "", c["claim_id"])),
        }
        for (measure, subject, location, unit), rows in sorted(series.items())
    ]


def list_dyads(
    store: Any,
    limit: int | None = DEFAULT_LIMIT,
    include_duplicates: bool = False,
    since: str | None = None,
    until: str | None = None,
) -> list[Row]:
    """Country pairs with asserted events, counted in BOTH directions, most active first.

    One row per unordered pair (a < b): a, b, events (a->b plus b->a), a_to_b,
    b_to_a, mean_goldstein (over both directions), first and last event date.
    The CLI summary and the web overview both show this list.
    """
    sql = (
        "SELECT CASE WHEN source_country < target_country THEN source_country "
        "ELSE target_country END AS a, CASE WHEN source_country < target_country "
        "THEN target_country ELSE source_country END AS b, COUNT(*) AS events, "
        "SUM(CASE WHEN source_country < target_country THEN 1 ELSE 0 END) AS a_to_b, "
        "AVG(goldstein) AS mean_goldstein, MIN(date) AS first, MAX(date) AS last "
        "FROM events e WHERE polarity='asserted' AND source_country IS NOT NULL "
        "AND target_country IS NOT NULL AND source_country <> target_country "
        f"AND {_originals('e', include_duplicates)}"
    )
    params: list = []
    if since:
        sql += " AND e.date >= ?"
        params.append(since)
    if until:
        sql += " AND e.date <= ?"
        params.append(_until_bound(until))
    sql += " GROUP BY 1, 2 ORDER BY events DESC, a, b"
    sql, params = _page(sql, params, limit, 0)
    rows = store.query(sql, params)
    for r in rows:
        r["events"], r["a_to_b"] = int(r["events"]), int(r["a_to_b"] or 0)
        r["b_to_a"] = r["events"] - r["a_to_b"]
        mg = r["mean_goldstein"]
        r["mean_goldstein"] = None if mg is None else round(float(mg), 2)
    return rows


def actor_network(
    store: Any,
    min_events: int = 1,
    level: str = "country",
    include_duplicates: bool = False,
    min_confidence: float = 0.0,
    modality: str | list[str] | tuple[str, ...] | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Row:
    """The actor network: nodes are countries (or actor codes with level="code").

    Returns `{"nodes": [{id, events, mean_goldstein}], "edges": [{source, target,
    events, mean_goldstein, quad1..quad4}]}`; edges are directed (who acted on
    whom), asserted events of non-duplicate documents only, and kept when they
    carry at least `min_events`. `min_confidence`, `modality` and `since`/`until` (event
    dates) narrow the events counted.
    """
    if level not in ("country", "code"):
        raise ValueError("level must be 'country' or 'code'")
    s, t = f"source_{level}", f"target_{level}"
    where, params = _modality_where("e", modality)
    where = " AND confidence >= ?" + where
    params = [min_confidence or 0.0, *params]
    if since:
        where += " AND e.date >= ?"
        params.append(since)
    if until:
        where += " AND e.date <= ?"
        params.append(_until_bound(until))
    edges = store.query(
        f"SELECT {s} AS source, {t} AS target, COUNT(*) AS events, "
        "AVG(goldstein) AS mean_goldstein, "
        "SUM(CASE WHEN quad_class=1 THEN 1 ELSE 0 END) AS quad1, "
        "SUM(CASE WHEN quad_class=2 THEN 1 ELSE 0 END) AS quad2, "
        "SUM(CASE WHEN quad_class=3 THEN 1 ELSE 0 END) AS quad3, "
        "SUM(CASE WHEN quad_class=4 THEN 1 ELSE 0 END) AS quad4 "
        f"FROM events e WHERE polarity='asserted' AND {s} IS NOT NULL AND {t} IS NOT NULL "
        f"AND {s} <> {t} AND {_originals('e', include_duplicates)}{where} "
        f"GROUP BY {s}, {t} HAVING COUNT(*) >= ? ORDER BY events DESC, source, target",
        [*params, int(min_events)],
    )
    nodes: dict[str, Row] = {}
    for e in edges:
        e["events"] = int(e["events"])
        for k in ("quad1", "quad2", "quad3", "quad4"):
            e[k] = int(e[k] or 0)
        mg = e["mean_goldstein"]
        e["mean_goldstein"] = None if mg is None else round(float(mg), 3)
        for side in (e["source"], e["target"]):
            n = nodes.setdefault(side, {"id": side, "events": 0, "_g": 0.0, "_gn": 0})
            n["events"] += e["events"]
            if mg is not None:
                n["_g"] += float(mg) * e["events"]
                n["_gn"] += e["events"]
    out_nodes = []
    for n in sorted(nodes.values(), key=lambda n: (-n["events"], n["id"])):
        g, gn = n.pop("_g"), n.pop("_gn")
        n["mean_goldstein"] = round(g / gn, 3) if gn else None
        out_nodes.append(n)
    return {"nodes": out_nodes, "edges": edges}


# -- full text -----------------------------------------------------------------


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


# -- marks for highlighting ------------------------------------------------------


def _num(v: Any) -> str:
    """12500.0 -> '12,500', 3.25 -> '3.25': figures as a reader writes them."""
    v = float(v)
    return f"{v:,.0f}" if v.is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")


def _provenance(source: Any) -> str:
    """Where a date came from, for a legend line: '"in 2004"', 'publication', ''."""
    if isinstance(source, dict):
        return json.dumps(source.get("text"), ensure_ascii=False)
    return str(source) if source else ""


def _claim_summary(c: Row) -> str:
    """'USA troops_stationed = about 28,500-30,000 people as of 2008 (from "in 2008")'."""
    fig = _num(c["value"]) + (f"-{_num(c['value_high'])}" if c.get("value_high") else "")
    out = f"{'+'.join(c['subject'])} {c['measure']} = "
    out += " ".join(x for x in (c.get("qualifier"), fig, c["unit"]) if x)
    if c.get("as_of"):
        src = _provenance(c.get("as_of_source"))
        out += f" as of {c['as_of']}" + (f" (from {src})" if src else "")
    return out


def document_marks(record: Row, mentions: bool = False) -> list[Row]:
    """Every extraction of a stored record as a mark to highlight at its span.

    Each mark: kind (event|quote|claim|characterization|mention), start, end,
    label (E1, Q1, C1, H1, or the actor code), ref (the row's id) and summary
    (one line: what was extracted). Sorted by start, longest first.
    """
    marks: list[Row] = []
    for i, e in enumerate(record.get("events") or [], 1):
        src = (e.get("source") or {}).get("code") or "?"
        tgt = (e.get("target") or {}).get("code") or "-"
        neg = " NOT" if e.get("polarity") == "negated" else ""
        mod = "" if e.get("modality") == "actual" else f" ({e.get('modality')})"
        marks.append(
            {
                "kind": "event",
                "start": e["trigger"]["start"],
                "end": e["trigger"]["end"],
                "label": f"E{i}",
                "ref": e["event_id"],
                "summary": f"{src} ->{neg} {e['type']} -> {tgt}{mod}, {e.get('date') or 'undated'}"
                + (f" (from {_provenance(e.get('date_source'))})" if e.get("date_source") else "")
                + f", CAMEO {e.get('cameo')}, Goldstein {e.get('goldstein')}"
                + (f", rule {e['rule']}" if e.get("rule") else ""),
            }
        )
    for i, q in enumerate(record.get("quotes") or [], 1):
        sp = q.get("speaker") or {}
        marks.append(
            {
                "kind": "quote",
                "start": q["span"]["start"],
                "end": q["span"]["end"],
                "label": f"Q{i}",
                "ref": q["quote_id"],
                "summary": f"{q['kind']} quote by {sp.get('name') or 'unknown'}"
                + (f" ({sp['code']})" if sp.get("code") else "")
                + (f" about {', '.join(q['about'])}" if q.get("about") else ""),
            }
        )
    for i, c in enumerate(record.get("claims") or [], 1):
        ev = c["evidence"]
        marks.append(
            {
                "kind": "claim",
                "start": ev["start"],
                "end": ev["end"],
                "label": f"C{i}",
                "ref": c["claim_id"],
                "summary": _claim_summary(c),
            }
        )
    for i, h in enumerate(record.get("characterizations") or [], 1):
        marks.append(
            {
                "kind": "characterization",
                "start": h["span"]["start"],
                "end": h["span"]["end"],
                "label": f"H{i}",
                "ref": h["char_id"],
                "summary": f"{'-'.join(h['dyad'])} described as {h['phrase']!r} "
                f"(tone {h['tone']:+.1f})" + (f" by {h['speaker']}" if h.get("speaker") else ""),
            }
        )
    if mentions:
        codes = {a["actor_id"]: a.get("code") or a["name"] for a in record.get("actors") or []}
        for m in record.get("mentions") or []:
            marks.append(
                {
                    "kind": "mention",
                    "start": m["span"]["start"],
                    "end": m["span"]["end"],
                    "label": codes.get(m["actor_id"], "?"),
                    "ref": m["actor_id"],
                    "summary": f"{m['span']['text']} -> {codes.get(m['actor_id'], '?')} ({m['via']})",
                }
            )
    marks.sort(key=lambda m: (m["start"], -m["end"]))
    return marks


# -- frames ----------------------------------------------------------------------


def as_frame(rows: list[Row] | Row) -> Any:
    """Rows -> a pandas DataFrame, nested spans flattened (evidence.start -> evidence_start)."""
    import pandas as pd

    if isinstance(rows, dict):
        rows = [rows]
    if not rows:
        return pd.DataFrame()
    return pd.json_normalize(rows, sep="_")


def as_arrow(rows: list[Row] | Row) -> Any:
    """Rows -> a pyarrow Table."""
    import pyarrow as pa

    return pa.Table.from_pandas(as_frame(rows), preserve_index=False)


def events_frame(store: Any, **filters: Any) -> Any:
    """`list_events` (all rows unless `limit` is given) as a DataFrame."""
    filters.setdefault("limit", None)
    return as_frame(list_events(store, **filters))


def quotes_frame(store: Any, **filters: Any) -> Any:
    filters.setdefault("limit", None)
    return as_frame(list_quotes(store, **filters))


def claims_frame(store: Any, **filters: Any) -> Any:
    filters.setdefault("limit", None)
    return as_frame(list_claims(store, **filters))


def dyad_frame(store: Any, a: str, b: str, by: str = "year") -> Any:
    """`dyad_timeline` as a DataFrame indexed by period."""
    df = as_frame(dyad_timeline(store, a, b, by=by))
    return df.set_index("period") if len(df) else df
