"""The store on both backends: schema and migrations, idempotent batch writes, queries.

Every test here runs twice, against SQLite and against a real PostgreSQL
server started for the session (tests/pg_server.py). Records are synthetic
(tiegraph.store.synthetic), so no spaCy is needed.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import Counter

import pytest
from pg_server import new_database

from tiegraph.analysis import change_cache as CC
from tiegraph.model import Span
from tiegraph.store import open_store
from tiegraph.store import queries as Q
from tiegraph.store import schema as S
from tiegraph.store import sql as sqlmod
from tiegraph.store.synthetic import synthetic_record

N_DOCS = 40


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return new_database()


@pytest.fixture
def records():
    return [synthetic_record(i, events=5) for i in range(N_DOCS)]


@pytest.fixture
def store(store_url, records):
    with open_store(store_url) as s:
        s.add_records(records, batch_size=7)
        yield s


# -- schema and migrations -------------------------------------------------------------


def test_fresh_store_is_at_head_and_matches_the_metadata(store_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with open_store(store_url) as s:
        assert s.revision() == S.SCHEMA_REVISION
        with s.engine.connect() as c:
            ctx = MigrationContext.configure(c, opts={"include_object": S.include_object})
            diffs = compare_metadata(ctx, S.metadata)
    assert diffs == []


def test_opening_twice_does_not_migrate_again(store_url):
    with open_store(store_url) as s:
        s.add_records([synthetic_record(1)])
    with open_store(store_url) as s:
        assert s.revision() == S.SCHEMA_REVISION
        assert s.summary()["documents"] == 1


def test_a_store_from_before_migrations_is_refused_with_a_reason(tmp_path):
    path = tmp_path / "old.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE documents (doc_id TEXT PRIMARY KEY)")
    con.commit()
    con.close()
    with pytest.raises(RuntimeError, match="older tiegraph"):
        open_store(path)


def test_sqlite_runs_in_wal_mode(tmp_path):
    with open_store(tmp_path / "w.db") as s:
        assert s.query("PRAGMA journal_mode")[0]["journal_mode"] == "wal"


def test_urls_and_paths_are_normalised():
    assert sqlmod.normalize_url("x/y.db") == "sqlite:///x/y.db"
    assert sqlmod.normalize_url("postgresql://u@h/db").startswith("postgresql+psycopg://")
    assert sqlmod.normalize_url("postgres://u@h/db").startswith("postgresql+psycopg://")
    from pathlib import Path

    mangled = Path("postgresql://u@/db?host=/tmp/s")  # what Path() makes of a URL
    assert sqlmod.normalize_url(mangled) == "postgresql+psycopg://u@/db?host=/tmp/s"
    with pytest.raises(RuntimeError, match="unsupported"):
        sqlmod.normalize_url("mysql://u@h/db")


def test_qmark_translation_leaves_quoted_text_alone():
    sql = "SELECT '?' AS q, x LIKE '%a%' FROM t WHERE a=? AND b LIKE ?"
    assert sqlmod.qmark_to_format(sql) == (
        "SELECT '?' AS q, x LIKE '%%a%%' FROM t WHERE a=%s AND b LIKE %s"
    )


# -- writing ---------------------------------------------------------------------------


def _expected_counts(records) -> dict[str, int]:
    return {
        "documents": len(records),
        "events": sum(len(r.events) for r in records),
        "quotes": sum(len(r.quotes) for r in records),
        "claims": sum(len(r.claims) for r in records),
        "characterizations": sum(len(r.characterizations) for r in records),
        "mentions": sum(len(r.mentions) for r in records),
        "sentences": sum(len(r.sentences) for r in records),
    }


def _counts(s) -> dict[str, int]:
    tables = ("documents", "events", "quotes", "claims", "characterizations", "mentions")
    out = {t: s.scalar(f"SELECT COUNT(*) FROM {t}") for t in tables}
    out["sentences"] = s.scalar("SELECT COUNT(*) FROM sentences")
    return out


def test_every_row_of_every_record_is_stored_once(store, records):
    assert _counts(store) == _expected_counts(records)


def test_reingesting_is_a_no_op(store, records):
    before = _counts(store)
    more = [synthetic_record(i, events=5) for i in range(N_DOCS, N_DOCS + 3)]
    counts = store.add_records(records + more, batch_size=5)
    assert counts == {"stored": 3, "skipped": N_DOCS, "failed": 0}
    assert _counts(store)["documents"] == before["documents"] + 3
    assert _counts(store)["events"] == before["events"] + sum(len(r.events) for r in more)


def test_the_same_document_twice_in_one_batch_is_stored_once(store_url):
    rec = synthetic_record(5)
    with open_store(store_url) as s:
        assert s.write_batch([rec, rec]) == ["stored", "skipped"]
        assert s.scalar("SELECT COUNT(*) FROM events") == len(rec.events)


def test_a_batch_that_fails_midway_leaves_nothing_of_itself(store_url, monkeypatch):
    recs = [synthetic_record(i) for i in range(6)]
    real = sqlmod.record_rows

    def flaky(rec):
        if rec.doc.doc_id == recs[4].doc.doc_id:
            raise RuntimeError("disk on fire")
        return real(rec)

    with open_store(store_url) as s:
        monkeypatch.setattr(sqlmod, "record_rows", flaky)
        with pytest.raises(RuntimeError, match="disk on fire"):
            s.add_records(recs, batch_size=3)
        # the first batch (0-2) is committed whole, the second (3-5) not at all
        ids = {r["doc_id"] for r in s.query("SELECT doc_id FROM documents")}
        assert ids == {r.doc.doc_id for r in recs[:3]}
        assert s.scalar("SELECT COUNT(*) FROM events") == sum(len(r.events) for r in recs[:3])
        monkeypatch.setattr(sqlmod, "record_rows", real)
        assert s.add_records(recs) == {"stored": 3, "skipped": 3, "failed": 0}


def test_failures_are_recorded_once_per_source_and_reason(store_url):
    from tiegraph.model import Document, ExtractionRecord

    def failed(src: str, why: str) -> ExtractionRecord:
        doc = Document(doc_id="f" + src, source=src, text="")
        return ExtractionRecord(doc=doc, errors=[{"source": src, "error": why}])

    with open_store(store_url) as s:
        counts = s.add_records([failed("a.txt", "empty"), failed("a.txt", "empty")])
        s.add_records([failed("a.txt", "empty"), failed("b.bin", "binary")])
        assert counts["failed"] == 2
        assert [(f["source"], f["error"]) for f in s.failures()] == [
            ("a.txt", "empty"),
            ("b.bin", "binary"),
        ]
        assert s.summary()["documents"] == 0


def test_concurrent_writers_never_duplicate_a_document(store_url):
    recs = [synthetic_record(i, events=3) for i in range(30)]
    with open_store(store_url):
        pass  # migrate once, before the race
    results: list[dict] = []
    errors: list[BaseException] = []

    def ingest(order):
        try:
            with open_store(store_url) as s:
                results.append(s.add_records(order, batch_size=4))
        except BaseException as exc:  # a thread's exception must fail the test
            errors.append(exc)

    threads = [
        threading.Thread(target=ingest, args=(recs,)),
        threading.Thread(target=ingest, args=(list(reversed(recs)),)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with open_store(store_url) as s:
        assert _counts(s) == _expected_counts(recs)
    assert sum(r["stored"] for r in results) == 30


def test_delete_document_removes_every_row_of_it(store, records):
    store.delete_document(records[0].doc.doc_id)
    assert _counts(store) == _expected_counts(records[1:])
    assert not store.has_document(records[0].doc.doc_id)


# -- queries ---------------------------------------------------------------------------


def _events(records, a=None, b=None, asserted_only=False):
    out = []
    for r in records:
        for e in r.events:
            if a and {e.source.country, e.target.country} != {a, b}:
                continue
            if asserted_only and e.polarity != "asserted":
                continue
            out.append((r, e))
    return out


def test_list_events_filters_by_dyad_in_both_directions(store, records):
    rows = Q.list_events(store, dyad=("KOR", "USA"), limit=None)
    assert {r["event_id"] for r in rows} == {e.event_id for _, e in _events(records, "KOR", "USA")}
    assert {(r["source_country"], r["target_country"]) for r in rows} == {
        ("KOR", "USA"),
        ("USA", "KOR"),
    }
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)


def test_list_events_date_bounds_are_inclusive_at_their_precision(store, records):
    year = records[0].events[0].date[:4]
    rows = Q.list_events(store, since=year, until=year, limit=None)
    want = {e.event_id for r in records for e in r.events if e.date[:4] == year}
    assert want and {r["event_id"] for r in rows} == want


def test_list_events_type_confidence_and_paging(store, records):
    rows = Q.list_events(store, type="ASSAULT", min_confidence=0.7, limit=None)
    want = {
        e.event_id
        for r in records
        for e in r.events
        if e.type == "ASSAULT" and e.confidence >= 0.7 - 1e-9
    }
    assert {r["event_id"] for r in rows} == want
    everything = Q.list_events(store, limit=None)
    pages = Q.list_events(store, limit=10, offset=0) + Q.list_events(store, limit=10, offset=10)
    assert [r["event_id"] for r in pages] == [r["event_id"] for r in everything[:20]]


def test_event_rows_point_at_their_evidence(store):
    docs = {d["doc"]["doc_id"]: d["doc"]["text"] for d in _all_docs(store)}
    for r in Q.list_events(store, limit=30):
        text = docs[r["doc_id"]]
        ev, tr = r["evidence"], r["trigger"]
        assert text[ev["start"] : ev["end"]] == ev["text"]
        assert ev["start"] <= tr["start"] < tr["end"] <= ev["end"]


def _all_docs(store):
    return [Q.get_document(store, d["doc_id"]) for d in Q.list_documents(store, limit=None)]


def test_get_document_returns_the_whole_record(store, records):
    rec = records[3]
    got = Q.get_document(store, rec.doc.doc_id)
    assert got["doc"]["text"] == rec.doc.text
    assert [e["event_id"] for e in got["record"]["events"]] == [e.event_id for e in rec.events]
    assert len(got["sentences"]) == len(rec.sentences)
    assert Q.get_document(store, "no-such-doc") is None


def test_list_documents_search_and_counts(store, records):
    rows = Q.list_documents(store, q="report number 7 ", limit=None)
    assert [r["doc_id"] for r in rows] == [records[7].doc.doc_id]
    assert rows[0]["events"] == len(records[7].events)
    assert len(Q.list_documents(store, limit=None)) == N_DOCS


def test_list_quotes_about_and_speaker(store, records):
    want = {q.quote_id for r in records for q in r.quotes if "PRK" in q.about}
    rows = Q.list_quotes(store, about="PRK", limit=None)
    assert {r["quote_id"] for r in rows} == want
    assert all(r["about"] == ["PRK"] for r in rows)
    by = Q.list_quotes(store, speaker="china envoy", limit=None)
    assert by and all(r["speaker_country"] == "CHN" for r in by)


def test_claims_and_changes(store, records):
    rows = Q.list_claims(store, measure="troops_stationed", subject="USA", limit=None)
    want = {c.claim_id for r in records for c in r.claims if "USA" in c.subject}
    assert {r["claim_id"] for r in rows} == want
    changes = CC.list_changes(store, measure="troops_stationed")
    assert changes and all(c["from"]["value"] != c["to"]["value"] for c in changes)
    comparator = CC.comparator_version()
    assert not store.changes_stale(comparator)
    # new claims make the stored changes stale; the next read recomputes them
    store.add_records([synthetic_record(i, events=5) for i in range(N_DOCS, N_DOCS + 10)])
    assert store.changes_stale(comparator)
    again = CC.list_changes(store)
    assert len(again) >= len(changes) and not store.changes_stale(comparator)
    # changes computed from claims that were overtaken meanwhile stay stale
    before = store.changes_basis(comparator)
    store.add_records([synthetic_record(N_DOCS + 20, events=5)])
    store.save_claim_changes([], based_on=before)
    assert store.changes_stale(comparator)
    assert len(CC.list_changes(store)) >= len(again)
    assert not store.changes_stale(comparator)


def _as_json(src):
    return src.to_dict() if isinstance(src, Span) else src


def test_claims_keep_their_range_and_what_dates_them(store, records):
    want = {c.claim_id: c for r in records for c in r.claims}
    texts = {r.doc.doc_id: r.doc.text for r in records}
    for rows in (Q.list_claims(store, limit=None), store.claims()):
        assert {r["claim_id"] for r in rows} == set(want)
        for r in rows:
            c = want[r["claim_id"]]
            assert r["as_of_source"] == _as_json(c.as_of_source)
            assert r["value_high"] == c.value_high
            src = r["as_of_source"]
            if isinstance(src, dict):  # a span into the document's text
                assert texts[r["doc_id"]][src["start"] : src["end"]] == src["text"]
    kinds = Counter(type(r["as_of_source"]).__name__ for r in Q.list_claims(store, limit=None))
    assert kinds["dict"] and kinds["str"]
    assert any(r["value_high"] for r in Q.list_claims(store, limit=None))


def test_events_keep_their_rule_and_date_source(store, records):
    want = {e.event_id: e for r in records for e in r.events}
    rows = Q.list_events(store, limit=None)
    assert len(rows) == len(want)
    for r in rows:
        e = want[r["event_id"]]
        assert r["rule"] == e.rule and r["rule"].startswith("synthetic:")
        assert r["date_source"] == _as_json(e.date_source)
    assert {type(r["date_source"]) for r in rows} == {dict, str}


def test_document_legend_names_rule_range_and_date_sources(store, records):
    rec = next(
        r for r in records if r.claims[0].value_high and isinstance(r.claims[0].as_of_source, str)
    )
    marks = Q.document_marks(Q.get_document(store, rec.doc.doc_id)["record"])
    claim = next(m for m in marks if m["kind"] == "claim")
    c = rec.claims[0]
    assert f"{c.value:,.0f}-{c.value_high:,.0f} people" in claim["summary"]
    assert claim["summary"].endswith(f"as of {c.as_of} (from publication)")
    events = [m["summary"] for m in marks if m["kind"] == "event"]
    assert all(", rule synthetic:" in s for s in events)
    assert any(f'(from "{rec.doc.published[:4]}")' in s for s in events)


def test_list_actors_counts_documents_and_events(store, records):
    rows = {r["code"]: r for r in Q.list_actors(store, limit=None)}
    kor_docs = sum(1 for r in records if any(a.code == "KOR" for a in r.actors))
    kor_events = sum(
        1 for r in records for e in r.events if "KOR" in (e.source.code, e.target.code)
    )
    assert rows["KOR"]["documents"] == kor_docs
    assert rows["KOR"]["events"] == kor_events
    assert [r["code"] for r in Q.list_actors(store, q="korea", limit=None)] in (
        ["KOR", "PRK"],
        ["PRK", "KOR"],
    )


def test_dyad_timeline_counts_match_the_records(store, records):
    rows = {r["period"]: r for r in Q.dyad_timeline(store, "KOR", "USA", by="year")}
    want: Counter = Counter()
    quads: Counter = Counter()
    for _, e in _events(records, "KOR", "USA", asserted_only=True):
        want[e.date[:4]] += 1
        quads[(e.date[:4], e.quad_class)] += 1
    assert {p: r["events"] for p, r in rows.items() if r["events"]} == dict(want)
    for (period, quad), n in quads.items():
        assert rows[period][f"quad{quad}"] == n
    for r in rows.values():
        assert r["a_to_b"] + r["b_to_a"] == r["events"]
    chars = Counter(
        r.doc.published[:4]
        for r in records
        for c in r.characterizations
        if sorted(c.dyad) == ["KOR", "USA"]
    )
    assert {p: r["characterizations"] for p, r in rows.items() if r["characterizations"]} == dict(
        chars
    )
    monthly = Q.dyad_timeline(store, "USA", "KOR", by="month")
    assert sum(r["events"] for r in monthly) == sum(want.values())
    assert all(len(r["period"]) == 7 for r in monthly)
    with pytest.raises(ValueError):
        Q.dyad_timeline(store, "KOR", "USA", by="week")


def test_actor_network_edges_weigh_events(store, records):
    net = Q.actor_network(store, min_events=1)
    want = Counter(
        (e.source.country, e.target.country)
        for r in records
        for e in r.events
        if e.polarity == "asserted"
    )
    assert {(e["source"], e["target"]): e["events"] for e in net["edges"]} == dict(want)
    assert {n["id"] for n in net["nodes"]} == {c for pair in want for c in pair}
    heavy = Q.actor_network(store, min_events=max(want.values()))
    assert all(e["events"] >= max(want.values()) for e in heavy["edges"])


def test_search_finds_stemmed_words_and_survives_operators(store, records):
    hits = Q.search(store, "alliances ironclad", limit=5)
    assert hits and all("ironclad" in h["span"]["text"] for h in hits)
    assert all("[" in h["snippet"] for h in hits)
    doc_text = {r.doc.doc_id: r.doc.text for r in records}
    for h in hits:
        sp = h["span"]
        assert doc_text[h["doc_id"]][sp["start"] : sp["end"]] == sp["text"]
    assert isinstance(Q.search(store, 'NEAR( "OR" AND * - peace', limit=5), list)
    assert Q.search(store, 'peace" OR "zebra', limit=50) == []  # words, not operators
    assert Q.search(store, "zebra", limit=5) == []
    assert Q.search(store, "   ", limit=5) == []


def test_document_marks_sit_on_their_text(store, records):
    rec = records[2]
    got = Q.get_document(store, rec.doc.doc_id)
    marks = Q.document_marks(got["record"], mentions=True)
    kinds = Counter(m["kind"] for m in marks)
    assert kinds["event"] == len(rec.events) and kinds["mention"] == len(rec.mentions)
    text = got["doc"]["text"]
    for m in marks:
        assert 0 <= m["start"] < m["end"] <= len(text)
    assert [(m["start"], -m["end"]) for m in marks] == sorted(
        (m["start"], -m["end"]) for m in marks
    )


def test_every_read_function_returns_json(store):
    out = {
        "documents": Q.list_documents(store),
        "document": Q.get_document(store, Q.list_documents(store)[0]["doc_id"]),
        "events": Q.list_events(store),
        "quotes": Q.list_quotes(store),
        "claims": Q.list_claims(store),
        "changes": CC.list_changes(store),
        "actors": Q.list_actors(store),
        "timeline": Q.dyad_timeline(store, "KOR", "PRK"),
        "network": Q.actor_network(store),
        "search": Q.search(store, "peace"),
        "failures": store.failures(),
    }
    assert json.loads(json.dumps(out)) == out


def test_corpus_summary_runs_on_the_backend(store):
    from tiegraph.analysis.summary import corpus_summary, format_summary

    s = corpus_summary(store)
    assert s["documents"] == N_DOCS
    assert s["events_by_dyad"] and isinstance(s["events_by_dyad"][0]["mean_goldstein"], float)
    assert "events by dyad" in format_summary(s)


def test_frames(store, records):
    df = Q.events_frame(store, dyad=("KOR", "USA"))
    assert len(df) == len(_events(records, "KOR", "USA"))
    assert {"evidence_start", "evidence_text", "goldstein"} <= set(df.columns)
    tl = Q.dyad_frame(store, "KOR", "USA")
    assert tl.index.name == "period" and tl["events"].sum() > 0
    table = Q.as_arrow(Q.list_claims(store, limit=None))
    assert table.num_rows == N_DOCS
