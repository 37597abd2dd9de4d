"""Exports from the store: Parquet (by year), GDELT-like event CSV, JSONL records, GraphML.

All exports stream from the store in chunks, so memory stays bounded whatever
the store's size. Column meanings are documented in docs/store.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tiegraph.store import schema as S
from tiegraph.store.protocol import Store

FORMATS = ("parquet", "csv", "jsonl", "graphml")

# table -> the SQL expression whose year partitions it (events: the event's own
# date, claims: the as-of date, falling back to the document date).
_PARTITION_DATE = {
    "documents": "COALESCE(d.published, d.anchor_date)",
    "events": "COALESCE(t.date, d.published, d.anchor_date)",
    "quotes": "COALESCE(d.published, d.anchor_date)",
    "claims": "COALESCE(t.as_of, d.published, d.anchor_date)",
    "characterizations": "COALESCE(d.published, d.anchor_date)",
    "actors": "COALESCE(d.published, d.anchor_date)",
    "mentions": "COALESCE(d.published, d.anchor_date)",
}
# columns left out of Parquet: the full record JSON (that is what JSONL is for)
_SKIP_COLUMNS = {"documents": {"record"}}


def year_of(date: str | None) -> int | None:
    """The year of an ISO-prefix date ('2006-02-08' -> 2006), None when there is none."""
    if not date or not date[:4].isdigit():
        return None
    return int(date[:4])


def _arrow_type(col: Any) -> Any:
    import pyarrow as pa
    from sqlalchemy import Float, Integer

    if isinstance(col.type, Integer):
        return pa.int64()
    if isinstance(col.type, Float):
        return pa.float64()
    return pa.string()  # text, and timestamps as the ISO text the store returns


def export_parquet(store: Store, out: str | Path, chunk: int = 20000) -> dict[str, Any]:
    """One hive-partitioned dataset per table: OUT/events/year=2006/part-0.parquet, …

    Rows with no known year go to `year=__HIVE_DEFAULT_PARTITION__`. Existing
    table folders under OUT are replaced.
    """
    import pyarrow as pa
    import pyarrow.dataset as ds

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    for name, date_expr in _PARTITION_DATE.items():
        table = S.metadata.tables[name]
        cols = [c for c in table.columns if c.name not in _SKIP_COLUMNS.get(name, set())]
        schema = pa.schema(
            [pa.field(c.name, _arrow_type(c)) for c in cols] + [pa.field("year", pa.int32())]
        )
        select = ", ".join(f"t.{c.name}" for c in cols)
        if name == "documents":
            sql = f"SELECT {select}, {date_expr.replace('d.', 't.')} AS _pdate FROM documents t"
        else:
            sql = (
                f"SELECT {select}, {date_expr} AS _pdate FROM {name} t "
                "JOIN documents d ON d.doc_id=t.doc_id"
            )
        count = 0

        def batches(sql: str = sql, cols: list = cols, schema: Any = schema) -> Iterator[Any]:
            nonlocal count
            for rows in store.stream(sql, size=chunk):
                count += len(rows)
                data = {c.name: [r[c.name] for r in rows] for c in cols}
                data["year"] = [year_of(r["_pdate"]) for r in rows]
                yield pa.RecordBatch.from_pydict(data, schema=schema)

        target = out / name
        if target.exists():
            shutil.rmtree(target)
        ds.write_dataset(
            batches(),
            str(target),
            schema=schema,
            format="parquet",
            partitioning=ds.partitioning(pa.schema([("year", pa.int32())]), flavor="hive"),
            basename_template="part-{i}.parquet",
            existing_data_behavior="delete_matching",
        )
        written[name] = count
    return {"format": "parquet", "path": str(out), "rows": written}


# -- GDELT-like CSV ----------------------------------------------------------------

GDELT_COLUMNS = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1Type1Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2Type1Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "ActionGeo_CountryCode",
    "DATEADDED",
    "SOURCEURL",
    # tiegraph's own columns: what GDELT does not say
    "DocId",
    "DatePrecision",
    "PloverType",
    "PloverMode",
    "Polarity",
    "Modality",
    "Confidence",
    "Rule",
    "EvidenceStart",
    "EvidenceEnd",
    "Evidence",
    # one occurrence with several participants is one row per dyad, all with the same
    # OccurrenceId; RootDyad marks the row that stands for the occurrence (count those)
    "OccurrenceId",
    "RootDyad",
]

_GDELT_SQL = (
    "SELECT e.event_id, e.doc_id, e.date, e.date_precision, e.source_code, e.source_name, "
    "e.source_country, e.target_code, e.target_name, e.target_country, e.type, e.mode, e.cameo, "
    "e.goldstein, e.quad_class, e.polarity, e.modality, e.location, e.confidence, e.rule, "
    "e.evidence_start, e.evidence_end, e.evidence, e.also_sources, e.also_targets, "
    "d.url, d.source, d.ingested_at, "
    "(SELECT MIN(s.n) FROM sentences s WHERE s.doc_id=e.doc_id AND s.span_end > e.evidence_start) "
    "AS sentence_n FROM events e JOIN documents d ON d.doc_id=e.doc_id"
)


def _sector(code: str | None, country: str | None) -> str | None:
    """CAMEO type code: what follows the country in the actor code (USAMIL -> MIL)."""
    if not code:
        return None
    if country and code.startswith(country):
        return code[len(country) :][:3] or None
    return code[:3] if code.startswith("IGO") else None


def gdelt_row(r: dict[str, Any]) -> dict[str, Any]:
    """One stored event -> one GDELT-events-like row (see docs/store.md for the mapping)."""
    date = r["date"] or ""
    y = date[:4] if date[:4].isdigit() else ""
    m = date[5:7] if len(date) >= 7 and date[5:7].isdigit() else "00"
    d = date[8:10] if len(date) >= 10 and date[8:10].isdigit() else "00"
    frac: float | str = ""
    if y:
        frac = round(int(y) + (int(m) * 30 + int(d)) / 365, 4)
    cameo = r["cameo"] or ""
    added = "".join(ch for ch in str(r["ingested_at"] or "") if ch.isdigit())[:14]
    return {
        "GLOBALEVENTID": r["event_id"],
        "SQLDATE": f"{y}{m}{d}" if y else "",
        "MonthYear": f"{y}{m}" if y else "",
        "Year": y,
        "FractionDate": frac,
        "Actor1Code": r["source_code"] or "",
        "Actor1Name": (r["source_name"] or "").upper(),
        "Actor1CountryCode": r["source_country"] or "",
        "Actor1Type1Code": _sector(r["source_code"], r["source_country"]) or "",
        "Actor2Code": r["target_code"] or "",
        "Actor2Name": (r["target_name"] or "").upper(),
        "Actor2CountryCode": r["target_country"] or "",
        "Actor2Type1Code": _sector(r["target_code"], r["target_country"]) or "",
        "IsRootEvent": 1 if (r["sentence_n"] is not None and r["sentence_n"] <= 1) else 0,
        "EventCode": cameo,
        "EventBaseCode": cameo[:3],
        "EventRootCode": cameo[:2],
        "QuadClass": r["quad_class"] if r["quad_class"] is not None else "",
        "GoldsteinScale": r["goldstein"] if r["goldstein"] is not None else "",
        "NumMentions": 1,
        "NumSources": 1,
        "NumArticles": 1,
        "AvgTone": "",
        "ActionGeo_CountryCode": r["location"] or "",
        "DATEADDED": added,
        "SOURCEURL": r["url"] or r["source"] or "",
        "DocId": r["doc_id"],
        "DatePrecision": r["date_precision"] or "",
        "PloverType": r["type"] or "",
        "PloverMode": r["mode"] or "",
        "Polarity": r["polarity"] or "",
        "Modality": r["modality"] or "",
        "Confidence": r["confidence"],
        "Rule": r["rule"] or "",
        "EvidenceStart": r["evidence_start"],
        "EvidenceEnd": r["evidence_end"],
        "Evidence": " ".join((r["evidence"] or "").split()),
        "OccurrenceId": r["event_id"],
        "RootDyad": 1,
    }


def _ref_list(raw: str | None) -> list[dict[str, Any]]:
    return json.loads(raw) if raw else []


def gdelt_rows(r: dict[str, Any]) -> list[dict[str, Any]]:
    """One stored occurrence -> its dyad rows: the root pair (RootDyad 1), then every
    other (source, target) pair of its `also_*` lists (RootDyad 0, GLOBALEVENTID
    suffixed), so per-dyad counts see every pair and occurrence counts the root rows."""
    root = gdelt_row(r)
    src0 = {
        "actor_id": None,
        "code": r["source_code"],
        "country": r["source_country"],
        "name": r["source_name"],
    }
    tgt0 = {
        "actor_id": None,
        "code": r["target_code"],
        "country": r["target_country"],
        "name": r["target_name"],
    }
    sources = [src0, *_ref_list(r.get("also_sources"))]
    targets = [tgt0, *_ref_list(r.get("also_targets"))]
    out = [root]
    seen = {(src0["code"], src0["country"], tgt0["code"], tgt0["country"])}
    for s in sources:
        for t in targets:
            key = (s.get("code"), s.get("country"), t.get("code"), t.get("country"))
            if key in seen or (s.get("code") and s.get("code") == t.get("code")):
                continue
            if not s.get("code") and not s.get("country"):
                continue
            seen.add(key)
            row = dict(root)
            row.update(
                GLOBALEVENTID=f"{r['event_id']}-{len(out)}",
                Actor1Code=s.get("code") or "",
                Actor1Name=(s.get("name") or "").upper(),
                Actor1CountryCode=s.get("country") or "",
                Actor1Type1Code=_sector(s.get("code"), s.get("country")) or "",
                Actor2Code=t.get("code") or "",
                Actor2Name=(t.get("name") or "").upper(),
                Actor2CountryCode=t.get("country") or "",
                Actor2Type1Code=_sector(t.get("code"), t.get("country")) or "",
                RootDyad=0,
            )
            out.append(row)
    return out


def export_gdelt_csv(
    store: Store,
    out: str | Path,
    include_negated: bool = False,
    chunk: int = 20000,
    include_duplicates: bool = False,
) -> dict[str, Any]:
    """Events as a GDELT-events-like CSV (header row, comma-separated, UTF-8).

    GDELT has no negation: negated events ("did not sign") are left out unless
    `include_negated`; the Polarity column says which is which. Events of a
    document marked `duplicate_of` (a copy of another) are left out unless
    `include_duplicates`, so a syndicated story is one row, not two.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    sql = _GDELT_SQL + " WHERE 1=1"
    if not include_negated:
        sql += " AND e.polarity <> 'negated'"
    if not include_duplicates:
        sql += " AND d.duplicate_of IS NULL"
    sql += " ORDER BY e.date, e.doc_id, e.evidence_start, e.event_id"
    n = 0
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=GDELT_COLUMNS)
        w.writeheader()
        for rows in store.stream(sql, size=chunk):
            for r in rows:
                w.writerows(gdelt_rows(r))
                n += 1
    return {"format": "csv", "path": str(out), "rows": {"events": n}}


# -- JSONL and GraphML ---------------------------------------------------------------


def export_jsonl(
    store: Store, out: str | Path, with_sentences: bool = False, chunk: int = 500
) -> dict[str, Any]:
    """One extraction record per line, as `tiegraph extract` prints them, in date order."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    sql = "SELECT record FROM documents ORDER BY COALESCE(published, anchor_date), doc_id"
    with out.open("w", encoding="utf-8") as fh:
        for rows in store.stream(sql, size=chunk):
            for r in rows:
                rec = json.loads(r["record"])
                if not with_sentences:
                    rec.pop("sentences", None)
                    rec.pop("entities", None)
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
    return {"format": "jsonl", "path": str(out), "rows": {"documents": n}}


def export_graphml(
    store: Store, out: str | Path, min_events: int = 1, level: str = "country"
) -> dict[str, Any]:
    from tiegraph.analysis.network import write_graphml

    counts = write_graphml(store, out, min_events=min_events, level=level)
    return {"format": "graphml", "path": str(out), "rows": counts}


def export(store: Store, fmt: str, out: str | Path, **options: Any) -> dict[str, Any]:
    """Dispatch on `fmt` (parquet|csv|jsonl|graphml); returns what was written where."""
    started = dt.datetime.now()
    if fmt == "parquet":
        res = export_parquet(store, out)
    elif fmt == "csv":
        res = export_gdelt_csv(
            store,
            out,
            include_negated=options.get("include_negated", False),
            include_duplicates=options.get("include_duplicates", False),
        )
    elif fmt == "jsonl":
        res = export_jsonl(store, out, with_sentences=options.get("with_sentences", False))
    elif fmt == "graphml":
        res = export_graphml(
            store,
            out,
            min_events=options.get("min_events", 1),
            level=options.get("level", "country"),
        )
    else:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    res["seconds"] = round((dt.datetime.now() - started).total_seconds(), 3)
    return res
