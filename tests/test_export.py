"""Exports on both backends: Parquet by year, GDELT-like CSV, JSONL records, GraphML."""

from __future__ import annotations

import csv
import json
from collections import Counter

import pytest
from pg_server import new_database

from tiegraph.analysis.export import GDELT_COLUMNS, export, gdelt_row, year_of
from tiegraph.model import Span
from tiegraph.store import open_store
from tiegraph.store.synthetic import synthetic_record


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    url = str(tmp_path / "x.db") if request.param == "sqlite" else new_database()
    with open_store(url) as s:
        s.add_records([synthetic_record(i, events=4, years=(2001, 2004)) for i in range(30)])
        yield s


@pytest.fixture
def records():
    return [synthetic_record(i, events=4, years=(2001, 2004)) for i in range(30)]


def test_parquet_is_partitioned_by_year_and_complete(store, records, tmp_path):
    import pyarrow.dataset as ds

    res = export(store, "parquet", tmp_path / "pq")
    events = ds.dataset(tmp_path / "pq" / "events", format="parquet", partitioning="hive")
    assert events.count_rows() == sum(len(r.events) for r in records) == res["rows"]["events"]
    years = sorted(p.name for p in (tmp_path / "pq" / "events").iterdir())
    want = sorted({f"year={r.events[0].date[:4]}" for r in records})
    assert years == want
    one = events.to_table(filter=ds.field("year") == 2002).to_pandas()
    assert len(one) and set(one["date"].str[:4]) == {"2002"}
    assert {"goldstein", "evidence_start", "source_country"} <= set(one.columns)
    docs = ds.dataset(tmp_path / "pq" / "documents", format="parquet", partitioning="hive")
    assert docs.count_rows() == 30 and "record" not in docs.schema.names
    # exporting again replaces, never appends
    export(store, "parquet", tmp_path / "pq")
    again = ds.dataset(tmp_path / "pq" / "events", format="parquet", partitioning="hive")
    assert again.count_rows() == events.count_rows()


def test_exports_carry_claim_and_event_provenance(store, records, tmp_path):
    import pyarrow.dataset as ds

    export(store, "parquet", tmp_path / "pq")
    claims = ds.dataset(tmp_path / "pq" / "claims", partitioning="hive").to_table().to_pylist()
    want = {c.claim_id: c for r in records for c in r.claims}
    assert len(claims) == len(want)
    for row in claims:
        c = want[row["claim_id"]]
        src = c.as_of_source.to_dict() if isinstance(c.as_of_source, Span) else c.as_of_source
        assert json.loads(row["as_of_source"]) == src  # JSON text: a span or a label
        assert row["value_high"] == c.value_high
    events = ds.dataset(tmp_path / "pq" / "events", partitioning="hive").to_table().to_pylist()
    rules = {e.event_id: e.rule for r in records for e in r.events}
    assert {row["event_id"]: row["rule"] for row in events} == rules
    assert all(json.loads(row["date_source"]) for row in events)
    export(store, "csv", tmp_path / "e.csv")
    with (tmp_path / "e.csv").open(encoding="utf-8") as fh:
        assert all(row["Rule"] == rules[row["GLOBALEVENTID"]] for row in csv.DictReader(fh))
    export(store, "jsonl", tmp_path / "r.jsonl")
    lines = [json.loads(x) for x in (tmp_path / "r.jsonl").read_text().splitlines()]
    got = {c["claim_id"]: c for x in lines for c in x["claims"]}
    assert {k: (v["as_of_source"], v["value_high"]) for k, v in got.items()} == {
        k: (c.to_dict()["as_of_source"], c.value_high) for k, c in want.items()
    }


def test_gdelt_csv_layout(store, records, tmp_path):
    out = tmp_path / "events.csv"
    res = export(store, "csv", out)
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == GDELT_COLUMNS
    asserted = [e for r in records for e in r.events if e.polarity != "negated"]
    assert len(rows) == len(asserted) == res["rows"]["events"]
    by_id = {e.event_id: e for e in asserted}
    for row in rows:
        e = by_id[row["GLOBALEVENTID"]]
        assert row["SQLDATE"] == e.date.replace("-", "")
        assert row["MonthYear"] == e.date[:7].replace("-", "")
        assert row["EventRootCode"] == e.cameo[:2] and row["EventCode"] == e.cameo
        assert float(row["GoldsteinScale"]) == e.goldstein
        assert int(row["QuadClass"]) == e.quad_class
        assert row["Actor1CountryCode"] == e.source.country
        assert row["SOURCEURL"].startswith("synthetic/")
        assert len(row["DATEADDED"]) == 14
    with_neg = export(store, "csv", tmp_path / "all.csv", include_negated=True)
    assert with_neg["rows"]["events"] == sum(len(r.events) for r in records)


def test_gdelt_row_partial_dates_and_sectors():
    base = {k: None for k in ("mode", "location", "url", "rule", "sentence_n", "ingested_at")}
    base.update(
        event_id="e1",
        doc_id="d1",
        date="1950",
        date_precision="year",
        source_code="USAMIL",
        source_name="U.S. Army",
        source_country="USA",
        target_code="IGOUNO",
        target_name="United Nations",
        target_country=None,
        type="AID",
        cameo="070",
        goldstein=7.0,
        quad_class=2,
        polarity="asserted",
        modality="actual",
        confidence=0.5,
        evidence_start=0,
        evidence_end=5,
        evidence="x\n y",
        source="a.txt",
    )
    row = gdelt_row(base)
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == ("19500000", "195000", "1950")
    assert row["Actor1Type1Code"] == "MIL" and row["Actor2Type1Code"] == "IGO"
    assert row["Actor1Name"] == "U.S. ARMY" and row["Evidence"] == "x y"
    assert year_of("2006-02-08") == 2006 and year_of("PRESENT_REF") is None


def test_jsonl_has_one_record_per_document(store, records, tmp_path):
    out = tmp_path / "records.jsonl"
    export(store, "jsonl", out)
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(x["doc"]["doc_id"] for x in lines) == sorted(r.doc.doc_id for r in records)
    first = next(x for x in lines if x["doc"]["doc_id"] == records[0].doc.doc_id)
    assert first == {
        k: v for k, v in records[0].to_dict().items() if k not in ("sentences", "entities")
    }
    dates = [x["doc"]["published"] for x in lines]
    assert dates == sorted(dates)


def test_graphml_edges_carry_event_counts_and_goldstein(store, records, tmp_path):
    import networkx as nx

    out = tmp_path / "net.graphml"
    export(store, "graphml", out)
    g = nx.read_graphml(out)
    want = Counter(
        (e.source.country, e.target.country)
        for r in records
        for e in r.events
        if e.polarity == "asserted"
    )
    got = {(a, b): int(d["weight"]) for a, b, d in g.edges(data=True)}
    assert got == dict(want)
    assert all(-10 <= float(d["mean_goldstein"]) <= 10 for *_, d in g.edges(data=True))
    light = export(store, "graphml", tmp_path / "heavy.graphml", min_events=max(want.values()))
    assert light["rows"]["edges"] == sum(1 for v in want.values() if v == max(want.values()))


def test_unknown_format_is_refused(store, tmp_path):
    with pytest.raises(ValueError, match="unknown export format"):
        export(store, "xlsx", tmp_path / "x")
