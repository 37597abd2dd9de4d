"""What the HTTP API and the web UI read: `tiegraph.store.queries`, shaped for pages.

The store's read API (`queries.py`) is the contract; this module only pages its
results, adds what a page shows beside a row (document titles, country names,
QuadClass labels) and fills the few gaps the UI needs (one actor's documents,
characterisation rows, the dyad list) with parameterised SQL through the store's
public ``query(sql, params)``. User input never becomes SQL text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from tiegraph import resources
from tiegraph.analysis import change_cache
from tiegraph.analysis.occurrences import merge_events
from tiegraph.interfaces import params as P
from tiegraph.store import queries as Q

Row = dict[str, Any]
WORD = re.compile(r"\w+", re.UNICODE)


def open_store(target: str | Path | None) -> Any:
    """The store at a path or URL (created and migrated if missing); thread-safe reads."""
    return Q.open_store(target)


@lru_cache(maxsize=1)
def ui() -> dict[str, Any]:
    """Labels and colours of the UI (ui.yaml beside this module)."""
    with open(Path(__file__).with_name("ui.yaml"), encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    data["quad_classes"] = {int(k): v for k, v in data["quad_classes"].items()}
    return data


def clamp_page(limit: int | None, offset: int | None) -> tuple[int, int]:
    size = ui()["page_size"]
    lim = size["default"] if limit is None else max(1, min(int(limit), size["max"]))
    return lim, max(0, int(offset or 0))


def paged(fetch: Callable[..., list[Row]], limit: int | None, offset: int | None) -> Row:
    """One page of a queries.py list: asks for one row more to know if there is a next page."""
    lim, off = clamp_page(limit, offset)
    rows = fetch(limit=lim + 1, offset=off)
    more = len(rows) > lim
    return {
        "items": rows[:lim],
        "limit": lim,
        "offset": off,
        "next_offset": off + lim if more else None,
    }


def country_name(code: str | None) -> str | None:
    c = resources.countries().get(code or "")
    return c.name if c else None


def quad_label(q: int | None) -> str | None:
    return ui()["quad_classes"].get(q or 0, {}).get("label")


def doc_titles(store: Any, doc_ids: Iterable[str]) -> dict[str, Row]:
    ids = sorted({d for d in doc_ids if d})
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = store.query(
        "SELECT doc_id, title, source, COALESCE(published, anchor_date) AS date "
        f"FROM documents WHERE doc_id IN ({marks})",
        ids,
    )
    return {r["doc_id"]: r for r in rows}


def _with_titles(store: Any, rows: list[Row]) -> list[Row]:
    titles = doc_titles(store, (r["doc_id"] for r in rows))
    for r in rows:
        t = titles.get(r["doc_id"], {})
        r.setdefault("title", t.get("title"))
        r.setdefault("date", t.get("date"))
    return rows


def _json_list(value: Any) -> list:
    return Q._loads(value, [])


# -- documents -----------------------------------------------------------------------


def list_documents(store: Any, q: str | None = None, limit=None, offset=None) -> Row:
    return paged(lambda **p: Q.list_documents(store, q=q, **p), limit, offset)


def get_document(store: Any, doc_id: str) -> Row | None:
    """The document's fields and clean text, with each extraction list of its record."""
    got = Q.get_document(store, doc_id)
    if got is None:
        return None
    doc = dict(got["doc"])
    record = got["record"] or {}
    for key in ("actors", "mentions", "events", "quotes", "claims", "characterizations"):
        doc[key] = record.get(key) or []
    doc["errors"] = record.get("errors") or []
    return doc


# -- actors --------------------------------------------------------------------------


def list_actors(store: Any, q=None, kind=None, country=None, limit=None, offset=None) -> Row:
    page = paged(
        lambda **p: Q.list_actors(store, q=q, kind=kind, country=country, **p), limit, offset
    )
    for r in page["items"]:
        r["key"] = actor_key(r)
    return page


def actor_key(r: Row) -> str:
    """What an actor's page is keyed by: a person's own name (a code such as KORGOV is
    shared by a whole government), else the code, else the name of an uncoded actor."""
    return r["name"] if r.get("kind") == "person" or not r.get("code") else r["code"]


def get_actor(store: Any, key: str) -> Row | None:
    """One actor: a person by name, else a code, else an uncoded name; with its names, roles,
    per-document ids (`actor_ids`) and documents."""
    cols = (
        "SELECT a.doc_id, a.actor_id, a.name, a.kind, a.country, a.sector, a.code, a.role, "
        "a.aliases, d.title, COALESCE(d.published, d.anchor_date) AS date FROM actors a "
        "JOIN documents d ON d.doc_id=a.doc_id WHERE d.duplicate_of IS NULL AND "
    )
    order = " ORDER BY date, a.doc_id"
    rows = store.query(cols + "a.kind='person' AND a.name=?" + order, [key])
    if not rows:
        rows = store.query(cols + "(a.code=? OR (a.code IS NULL AND a.name=?))" + order, [key, key])
    if not rows:
        return None
    names: dict[str, int] = {}
    for r in rows:
        names[r["name"]] = names.get(r["name"], 0) + 1
    first = rows[0]
    seen: set[str] = set()
    docs = []
    for r in rows:
        if r["doc_id"] not in seen:
            seen.add(r["doc_id"])
            docs.append({"doc_id": r["doc_id"], "title": r["title"], "date": r["date"]})
    return {
        "key": key,
        "name": max(names, key=lambda n: (names[n], n)),
        "kind": first["kind"],
        "country": first["country"],
        "country_name": country_name(first["country"]),
        "sector": first["sector"],
        "code": first["code"],
        "names": sorted(names),
        "aliases": sorted({a for r in rows for a in _json_list(r["aliases"])}),
        "roles": sorted({r["role"] for r in rows if r["role"]}),
        "actor_ids": sorted({r["actor_id"] for r in rows}),
        "documents": docs,
    }


# -- events, quotes, claims, changes ---------------------------------------------------


def _event_view(r: Row) -> Row:
    r["quad_label"] = quad_label(r.get("quad_class"))
    return r


def list_events(store: Any, limit=None, offset=None, **filters: Any) -> Row:
    """Events (queries.list_events filters: dyad, actor, type, since, until, polarity, ...)."""
    page = paged(lambda **p: Q.list_events(store, **filters, **p), limit, offset)
    page["items"] = [_event_view(r) for r in _with_titles(store, page["items"])]
    return page


def list_occurrences(store: Any, limit=None, offset=None, **filters: Any) -> Row:
    """One page of occurrences: the filtered events merged across articles (same dyad, type,
    agreeing dates; analysis.occurrences), each with its article count and event ids."""
    rows = Q.list_events(store, **filters, limit=None)
    occ = [o.to_dict() for o in merge_events(rows)]
    for o in occ:
        o["quad_label"] = quad_label(o.get("quad_class"))
    page = paged(lambda limit, offset: occ[offset : offset + limit], limit, offset)
    _with_titles(store, page["items"])
    return page


def list_quotes(store: Any, limit=None, offset=None, **filters: Any) -> Row:
    return paged(lambda **p: Q.list_quotes(store, **filters, **p), limit, offset)


def list_claims(store: Any, limit=None, offset=None, **filters: Any) -> Row:
    page = paged(lambda **p: Q.list_claims(store, **filters, **p), limit, offset)
    _with_titles(store, page["items"])
    return page


def list_changes(
    store: Any,
    measure: str | None = None,
    subject: str | None = None,
    kind: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[Row]:
    """Claim changes and conflicts; each side gets its document's title and date."""
    rows = change_cache.list_changes(
        store, measure=measure, subject=subject, kind=kind, since=since, until=until
    )
    rows.sort(key=change_cache.change_order)
    titles = doc_titles(store, (r[s]["doc_id"] for r in rows for s in ("from", "to")))
    for r in rows:
        for side in ("from", "to"):
            t = titles.get(r[side]["doc_id"], {})
            r[side]["title"] = t.get("title")
            r[side]["date"] = t.get("date")
    return rows


def list_characterizations(
    store: Any,
    dyad: tuple[str, str] | None = None,
    doc_id: str | None = None,
    limit=None,
    offset=None,
    since: str | None = None,
    until: str | None = None,
) -> Row:
    """Characterisation rows (phrase, tone, speaker, spans), by document date."""

    def fetch(limit: int, offset: int) -> list[Row]:
        sql = (
            "SELECT h.char_id, h.doc_id, h.dyad, h.phrase, h.tone, h.speaker, h.span_start, "
            "h.span_end, h.evidence_start, h.evidence_end, h.evidence, d.title, "
            "COALESCE(d.published, d.anchor_date) AS date FROM characterizations h "
            "JOIN documents d ON d.doc_id=h.doc_id WHERE 1=1"
        )
        params: list = []
        if dyad:
            lo, hi = sorted(dyad)
            sql += " AND h.dyad_a=? AND h.dyad_b=?"
            params += [lo, hi]
        if doc_id:
            sql += " AND h.doc_id=?"
            params.append(doc_id)
        else:  # across the corpus a duplicate's rows would count twice (a document shows its own)
            sql += " AND d.duplicate_of IS NULL"
        bounds, bound_params = Q.date_range_sql(
            "COALESCE(d.published, d.anchor_date)", since, until
        )
        sql += bounds
        params += bound_params
        sql += " ORDER BY date, h.doc_id, h.span_start LIMIT ? OFFSET ?"
        rows = store.query(sql, [*params, limit, offset])
        for r in rows:
            r["dyad"] = _json_list(r["dyad"])
            r["span"] = Q._span(r.pop("span_start"), r.pop("span_end"), r["phrase"])
            r["evidence"] = Q._span(r.pop("evidence_start"), r.pop("evidence_end"), r["evidence"])
        return rows

    return paged(fetch, limit, offset)


# -- dyads and the network ------------------------------------------------------------


def modalities(value: str | list[str] | None) -> list[str] | None:
    """'actual' or 'actual,reported' (case-insensitive) -> the modalities, checked against
    ui.yaml's list; None or empty keeps every modality."""
    if not value:
        return None
    parts = value if isinstance(value, list) else value.replace(",", " ").split()
    valid = ui()["modalities"]
    out = []
    for v in parts:
        v = v.strip().lower()
        if v not in valid:
            raise P.ParamError(f"modality: {v!r} is not one of {', '.join(valid)}")
        if v not in out:
            out.append(v)
    return out or None


def edge_band(mean_goldstein: float | None) -> Row:
    """The legend band (label, colour) of an edge's mean Goldstein (ui.yaml network_edges)."""
    bands = ui()["network_edges"]
    g = 0.0 if mean_goldstein is None else float(mean_goldstein)
    pick = bands[0]
    for band in bands:
        if g >= band["from"]:
            pick = band
    return pick


def actor_network(
    store: Any,
    level: str = "country",
    min_events: int = 1,
    min_confidence: float = 0.0,
    modality: list[str] | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Row:
    """queries.actor_network with display names, edge ids, the edge's legend band and colour,
    and the legend itself."""
    net = Q.actor_network(
        store,
        min_events=min_events,
        level=level,
        min_confidence=min_confidence,
        modality=modality,
        since=since,
        until=until,
    )
    for n in net["nodes"]:
        name = country_name(n["id"]) if level == "country" else None
        n["name"] = name or n["id"]
        n["label"] = f"{name}\n{n['id']}" if name and name != n["id"] else n["id"]
    for e in net["edges"]:
        e["id"] = f"{e['source']}>{e['target']}"
        band = edge_band(e["mean_goldstein"])
        e["band"], e["color"] = band["label"], band["color"]
    net["level"] = level
    net["legend"] = [{"label": b["label"], "color": b["color"]} for b in ui()["network_edges"]]
    return net


def list_dyads(store: Any, limit: int = 100) -> list[Row]:
    """Country pairs with asserted events, both directions counted together (queries.list_dyads)."""
    rows = Q.list_dyads(store, limit=limit)
    for p in rows:
        p["a_name"] = country_name(p["a"]) or p["a"]
        p["b_name"] = country_name(p["b"]) or p["b"]
    return rows


def _t(period: str) -> str:
    """A period ('1950' or '1950-06') as an ISO date the chart can parse."""
    return period + ("-01-01" if len(period) == 4 else "-01")


def _next_period(period: str) -> str:
    if len(period) == 4:
        return str(int(period) + 1)
    y, m = int(period[:4]), int(period[5:7])
    return f"{y + (m == 12):04d}-{m % 12 + 1:02d}"


def line_segments(points: list[Row]) -> list[Row]:
    """Give each point (with "period", in order) a `segment` number that changes wherever a
    period without data lies between two points, so the chart breaks its line there instead
    of drawing it across years nobody reported on."""
    seg, prev = 0, None
    for p in points:
        if prev is not None and p["period"] != _next_period(prev):
            seg += 1
        p["segment"] = seg
        prev = p["period"]
    return points


def _claim_series(store: Any, a: str, b: str, since: str | None, until: str | None) -> list[Row]:
    """The dyad's number series as chart points, one per claim (each rests on one claim),
    the series with most claims first (troop levels before a single aid figure)."""
    out = []
    for s in Q.dyad_claims(store, a, b, since=since, until=until):
        where = f" in {s['location']}" if s["location"] else ""
        name = f"{s['measure'].replace('_', ' ')}: {'+'.join(s['subject'])}{where}"
        titles = doc_titles(store, (c["doc_id"] for c in s["claims"]))
        points = [
            {
                "t": _t(c["as_of"][:7] if len(c["as_of"]) >= 7 else c["as_of"][:4]),
                "as_of": c["as_of"],
                "value": c["value"],
                "shown": f"{c['value']:,.0f}" if abs(c["value"]) >= 1 else f"{c['value']:g}",
                "claims": 1,
                "doc_id": c["doc_id"],
                "title": titles.get(c["doc_id"], {}).get("title") or c["doc_id"],
                "start": (c.get("evidence") or {}).get("start"),
                "end": (c.get("evidence") or {}).get("end"),
            }
            for c in s["claims"]
            if c.get("as_of") and c["as_of"][:4].isdigit() and c.get("value") is not None
        ]
        if points:
            out.append({**s, "name": name, "points": points, "claims": len(s["claims"])})
    return sorted(out, key=lambda s: -s["claims"])


_EVENT_FIELDS = ("events", "quad1", "quad2", "quad3", "quad4", "a_to_b", "b_to_a")


def _occurrence_periods(
    store: Any,
    a: str,
    b: str,
    by: str,
    periods: list[Row],
    since: str | None,
    until: str | None,
    min_confidence: float,
    modality: list[str] | None,
) -> list[Row]:
    """The timeline's event columns recounted over occurrences: each merged event once
    (its first report's QuadClass, Goldstein and direction), quotes and
    characterisations as they were."""
    rows = Q.list_events(
        store,
        dyad=(a, b),
        since=since,
        until=until,
        min_confidence=min_confidence,
        modality=modality,
        polarity="asserted",
        limit=None,
    )
    by_period: dict[str, Row] = {p["period"]: dict(p) for p in periods}
    for p in by_period.values():
        p.update({k: 0 for k in _EVENT_FIELDS}, mean_goldstein=None, articles=0)
    scores: dict[str, list[float]] = {}
    for o in merge_events(rows):
        per = Q._period(o.date, by)
        if per is None or not (since or "") <= per <= (until or per) + "\uffff":
            continue
        if per not in by_period:  # dated more precisely by another report than by the first
            by_period[per] = {"period": per, "quotes": 0, "characterizations": 0}
            by_period[per].update({k: 0 for k in _EVENT_FIELDS}, mean_goldstein=None)
            by_period[per].update(mean_tone=None, articles=0)
        p, f = by_period[per], o.first
        p["events"] += 1
        p["articles"] += o.articles
        if f.get("quad_class") in (1, 2, 3, 4):
            p[f"quad{f['quad_class']}"] += 1
        p["a_to_b" if f.get("source_country") == a else "b_to_a"] += 1
        if f.get("goldstein") is not None:
            scores.setdefault(per, []).append(float(f["goldstein"]))
    for per, gs in scores.items():
        by_period[per]["mean_goldstein"] = round(sum(gs) / len(gs), 3)
    return [
        p
        for _, p in sorted(by_period.items())
        if p["events"] or p.get("quotes") or p.get("characterizations")
    ]


def dyad_timeline(
    store: Any,
    a: str,
    b: str,
    by: str = "year",
    since: str | None = None,
    until: str | None = None,
    min_confidence: float = 0.0,
    modality: list[str] | None = None,
    merged: bool = False,
) -> Row:
    """Chart series and table rows for one dyad, both directions (the API's and `tiegraph
    dyad --json`'s answer). `min_confidence` and `modality` narrow the events of the
    charts, the counts and the event rows alike; `merged` counts occurrences (the same
    event reported by several articles once, analysis.occurrences) instead of rows."""
    periods = Q.dyad_timeline(
        store,
        a,
        b,
        by=by,
        since=since,
        until=until,
        min_confidence=min_confidence,
        modality=modality,
    )
    if merged:
        periods = _occurrence_periods(
            store, a, b, by, periods, since, until, min_confidence, modality
        )
    quads = ui()["quad_classes"]
    bars = [
        {
            "t": _t(p["period"]),
            "period": p["period"],
            "quad_class": q,
            "label": v["label"],
            "events": p[f"quad{q}"],
        }
        for p in periods
        for q, v in quads.items()
        if p[f"quad{q}"]
    ]
    goldstein = line_segments(
        [
            {
                "t": _t(p["period"]),
                "period": p["period"],
                "mean_goldstein": p["mean_goldstein"],
                "events": p["events"],
                "label": f"n={p['events']}",
            }
            for p in periods
            if p["mean_goldstein"] is not None
        ]
    )
    chars = list_characterizations(
        store, dyad=(a, b), since=since, until=until, limit=ui()["page_size"]["max"]
    )["items"]
    points = [
        {
            "t": _t(per),
            "period": per,
            "phrase": c["phrase"],
            "tone": c["tone"],
            "speaker": c["speaker"] or "(the article)",
            "doc_id": c["doc_id"],
            "n": 1,
        }
        for c in chars
        if (per := Q._period(c["date"], by)) and c["tone"] is not None
    ]
    events = list_events(
        store,
        dyad=(a, b),
        since=since,
        until=until,
        min_confidence=min_confidence,
        modality=modality,
        limit=ui()["page_size"]["max"],
    )["items"]
    return {
        "dyad": [a, b],
        "names": [country_name(a) or a, country_name(b) or b],
        "by": by,
        "quad_classes": [
            {"quad_class": k, "label": v["label"], "color": v["color"]} for k, v in quads.items()
        ],
        "periods": periods,
        "bars": bars,
        "goldstein": goldstein,
        "characterizations": points,
        "claim_series": _claim_series(store, a, b, since, until),
        "filters": {
            "since": since,
            "until": until,
            "min_confidence": min_confidence,
            "modality": modality,
        },
        "event_rows": events,
        "characterization_rows": chars,
    }


# -- search and overview -----------------------------------------------------------------


def search(store: Any, q: str, limit: int = 50, since=None, until=None) -> Row:
    """Sentences (full text, every word), actors and documents matching the query."""
    terms = WORD.findall(q or "")[:12]
    if not terms:
        return {"q": q, "terms": [], "sentences": [], "actors": [], "documents": []}
    text = " ".join(terms)
    return {
        "q": q,
        "terms": terms,
        "sentences": Q.search(store, text, limit=limit, since=since, until=until),
        "actors": list_actors(store, q=q.strip(), limit=20)["items"],
        "documents": Q.list_documents(store, q=q.strip(), limit=20),
    }


def overview(store: Any) -> Row:
    return {"counts": store.summary(), "dyads": list_dyads(store, limit=10)}
