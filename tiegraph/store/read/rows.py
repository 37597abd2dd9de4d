"""Events, quotes, numeric claims and claim changes: the coded rows, each with its spans."""

from __future__ import annotations

import json
from typing import Any

from tiegraph.store.read.common import (
    DEFAULT_LIMIT,
    LIKE,
    Row,
    _dyad_where,
    _like,
    _loads,
    _modality_where,
    _originals,
    _page,
    _source,
    _span,
    date_range_sql,
)

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
    bounds, bound_params = date_range_sql("e.date", since, until)
    sql += bounds
    params += bound_params
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
    bounds, bound_params = date_range_sql("COALESCE(d.published, d.anchor_date)", since, until)
    sql += bounds
    params += bound_params
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
    bounds, bound_params = date_range_sql("c.as_of", since, until)
    sql += bounds
    params += bound_params
    sql += " ORDER BY c.measure, c.as_of, c.doc_id, c.evidence_start"
    sql, params = _page(sql, params, limit, offset)
    return [_claim_row(r) for r in store.query(sql, params)]
