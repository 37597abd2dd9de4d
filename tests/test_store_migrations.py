"""Upgrading a store and keeping its claim-changes cache honest, on SQLite and PostgreSQL.

A store made at revision 0001 (before claims kept `as_of_source`) is upgraded by
opening it: every row stays, and the new column is filled from the record JSON.
The materialised claim changes are recomputed whenever the stored claims or the
code that compares them (`analysis.change_cache.comparator_version`) change.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from alembic import command
from pg_server import new_database
from sqlalchemy import inspect

from tiegraph.analysis import change_cache as CC
from tiegraph.analysis.changes import compare_claims
from tiegraph.model import Span
from tiegraph.store import open_store
from tiegraph.store import queries as Q
from tiegraph.store import schema as S
from tiegraph.store import sql as sqlmod
from tiegraph.store.synthetic import synthetic_record

N_DOCS = 24
TABLES = ("documents", "events", "quotes", "claims", "characterizations", "mentions", "sentences")


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    return str(tmp_path / "store.db") if request.param == "sqlite" else new_database()


@pytest.fixture
def records():
    return [synthetic_record(i, events=3) for i in range(N_DOCS)]


def _alembic(conn):
    cfg = sqlmod.alembic_config()
    cfg.attributes["connection"] = conn
    return cfg


def _store_at_0001(url: str, records) -> None:
    """What tiegraph wrote before 0002: no as_of_source column, changes cached under the old key."""
    s = sqlmod.SQLStore(url, migrate=False)
    try:
        with s.write() as conn:
            command.upgrade(_alembic(conn), "0001")
            for rec in records:
                rows = sqlmod.record_rows(rec)
                for r in rows["claims"]:
                    del r["as_of_source"]
                for r in rows["events"]:  # 0003's columns
                    del r["also_sources"], r["also_targets"]
                for table in (S.documents, *S.CHILD_TABLES):
                    if rows.get(table.name):
                        conn.execute(table.insert(), rows[table.name])
            conn.execute(
                S.meta.insert(),
                [
                    {"key": "claims_version", "value": "v1"},
                    {"key": "changes_version", "value": "v1"},
                ],
            )
            stale = {"change_id": "stale0001", "kind": "conflict", "measure": "troops_stationed"}
            conn.execute(S.claim_changes.insert(), [{**stale, "detail": json.dumps(stale)}])
        assert s.revision() == "0001"
        cols = {c["name"] for c in inspect(s.engine).get_columns("claims")}
        assert "as_of_source" not in cols
    finally:
        s.close()


def _counts(s) -> dict[str, int]:
    return {t: s.scalar(f"SELECT COUNT(*) FROM {t}") for t in TABLES}


def _want_source(claim) -> object:
    src = claim.as_of_source
    return src.to_dict() if isinstance(src, Span) else src


def test_a_0001_store_is_upgraded_with_its_data_kept(url, records):
    _store_at_0001(url, records)
    with open_store(url) as s:
        assert s.revision() == S.SCHEMA_REVISION == "0003"
        assert _counts(s) == {
            "documents": N_DOCS,
            "events": sum(len(r.events) for r in records),
            "quotes": N_DOCS,
            "claims": N_DOCS,
            "characterizations": N_DOCS,
            "mentions": sum(len(r.mentions) for r in records),
            "sentences": sum(len(r.sentences) for r in records),
        }
        # the new column is filled from each document's record JSON
        want = {c.claim_id: _want_source(c) for r in records for c in r.claims}
        got = {r["claim_id"]: r["as_of_source"] for r in Q.list_claims(s, limit=None)}
        assert got == want and "publication" in got.values()
        assert any(isinstance(v, dict) for v in got.values())
        # full-text search made at 0001 still answers
        assert len(Q.search(s, "ironclad", limit=100)) == N_DOCS
        # the changes cached by the old tiegraph are dropped and recomputed
        changes = CC.list_changes(s)
        assert "stale0001" not in {c["change_id"] for c in changes}
        fresh = [c.to_dict() for c in compare_claims(s.claims())]
        assert changes == fresh and changes
        assert s.get_meta("changes_version") is None
        # and new records go in with the new column
        s.add_records([synthetic_record(N_DOCS)])
        assert s.scalar("SELECT COUNT(*) FROM claims WHERE as_of_source IS NOT NULL") == N_DOCS + 1


def test_downgrade_to_0001_and_upgrade_again(url, records):
    with open_store(url) as s:
        s.add_records(records)
        with s.write() as conn:
            command.downgrade(_alembic(conn), "0001")
        assert s.revision() == "0001"
        cols = {c["name"] for c in inspect(s.engine).get_columns("claims")}
        assert "as_of_source" not in cols and _counts(s)["claims"] == N_DOCS
    with open_store(url) as s:
        assert s.revision() == S.SCHEMA_REVISION
        assert s.scalar("SELECT COUNT(*) FROM claims WHERE as_of_source IS NOT NULL") == N_DOCS


# -- the claim-changes cache ----------------------------------------------------------


@pytest.fixture
def store(url, records):
    with open_store(url) as s:
        s.add_records(records)
        yield s


def _fake_change(store, change_id: str) -> None:
    row = {"change_id": change_id, "kind": "conflict", "measure": "troops_stationed"}
    with store.write() as conn:
        conn.execute(S.claim_changes.insert(), [{**row, "detail": json.dumps(row)}])


def test_cached_changes_are_recomputed_by_a_new_comparator(store, monkeypatch):
    first = CC.list_changes(store)
    assert first
    _fake_change(store, "planted")  # stands for rows an older tiegraph computed
    assert "planted" in {c["change_id"] for c in CC.list_changes(store)}  # the cache is read
    current = CC.comparator_version()
    monkeypatch.setattr(CC, "comparator_version", lambda: "claims-9.9+0123456789ab")
    again = CC.list_changes(store)
    assert "planted" not in {c["change_id"] for c in again}
    assert again == first
    assert not store.changes_stale("claims-9.9+0123456789ab")
    assert store.changes_stale(current)  # going back to the old code recomputes too


def test_deleting_a_document_drops_its_changes(store, records):
    changes = CC.list_changes(store)
    doc = changes[0]["from"]["doc_id"]
    store.delete_document(doc)
    assert store.changes_stale(CC.comparator_version())
    after = CC.list_changes(store)
    assert doc not in {c[side]["doc_id"] for c in after for side in ("from", "to")}
    assert after == [c.to_dict() for c in compare_claims(store.claims())]


def test_claims_removed_behind_the_stores_back_still_invalidate(store):
    CC.list_changes(store)
    doc = CC.list_changes(store)[0]["to"]["doc_id"]
    with store.write() as conn:  # SQL by hand: claims_version is not bumped
        conn.execute(S.claims.delete().where(S.claims.c.doc_id == doc))
    assert store.changes_stale(CC.comparator_version())
    assert doc not in {c["to"]["doc_id"] for c in CC.list_changes(store)}


def test_comparator_version_names_the_claims_extractor_without_loading_spacy():
    code = (
        "import sys\n"
        "from tiegraph.analysis import change_cache as CC\n"
        "v = CC.comparator_version()\n"
        "assert 'spacy' not in sys.modules, 'spaCy was imported'\n"
        "import tiegraph.extract.claims as C\n"
        "assert v.startswith(C.VERSION + '+'), (v, C.VERSION)\n"
        "assert CC.claims_extractor_version() == C.VERSION\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_store_from_a_newer_tiegraph_is_refused_with_a_reason(url):
    with open_store(url) as s:
        with s.write() as conn:
            conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(RuntimeError, match="newer tiegraph"):
        open_store(url)
