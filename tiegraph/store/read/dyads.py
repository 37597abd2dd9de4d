"""Relationships: a dyad's timeline and number series, the dyad list, the actor network."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from tiegraph.store.read.common import (
    DEFAULT_LIMIT,
    Row,
    _dyad_where,
    _loads,
    _modality_where,
    _originals,
    _page,
    _until_bound,
    date_range_sql,
)
from tiegraph.store.read.rows import list_claims

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
    bounds, bound_params = date_range_sql("e.date", since, until)
    sql += bounds
    params += bound_params
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
    bounds, bound_params = date_range_sql("e.date", since, until)
    where += bounds
    params += bound_params
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
