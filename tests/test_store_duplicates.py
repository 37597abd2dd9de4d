"""Duplicate documents are recorded but never counted, alike on SQLite and PostgreSQL.

Two stores hold the same originals; one also holds copies marked `duplicate_of`
whose rows (other dyads, dates and figures) would change every number if they
were counted. Every read, aggregate, export and the CLI summary must answer the
same on both stores.
"""

from __future__ import annotations

import csv
import json
from dataclasses import replace

import pytest
from pg_server import new_database

from tiegraph.analysis import change_cache as CC
from tiegraph.analysis.export import export
from tiegraph.analysis.summary import corpus_summary
from tiegraph.interfaces.cli import main
from tiegraph.store import open_store
from tiegraph.store import queries as Q
from tiegraph.store.synthetic import synthetic_record

N_DOCS = 20
N_COPIES = 8


def _originals():
    return [synthetic_record(i, events=4, years=(2001, 2006)) for i in range(N_DOCS)]


def _copies(originals):
    """Other documents (seed 1), marked as copies of originals: their rows must not count."""
    out = []
    for i in range(N_COPIES):
        rec = synthetic_record(i, events=4, seed=1, years=(2001, 2006))
        doc = replace(rec.doc, duplicate_of=originals[i].doc.doc_id)
        out.append(replace(rec, doc=doc))
    return out


@pytest.fixture(params=["sqlite", "postgresql"])
def stores(request, tmp_path):
    def url(name: str) -> str:
        return str(tmp_path / f"{name}.db") if request.param == "sqlite" else new_database()

    originals = _originals()
    plain, dup = url("plain"), url("dup")
    with open_store(plain) as s:
        s.add_records(originals)
    with open_store(dup) as s:
        s.add_records(originals + _copies(originals), batch_size=5)
    with open_store(plain) as a, open_store(dup) as b:
        yield a, b


def test_aggregates_leave_duplicates_out(stores):
    plain, dup = stores
    for a, b in (("KOR", "USA"), ("USA", "CHN"), ("JPN", "PRK")):
        for by in ("year", "month"):
            assert Q.dyad_timeline(dup, a, b, by=by) == Q.dyad_timeline(plain, a, b, by=by)
    for level in ("country", "code"):
        assert Q.actor_network(dup, level=level) == Q.actor_network(plain, level=level)
    # the copies do carry rows: counted on request, the numbers move
    net = Q.actor_network(dup, include_duplicates=True)
    assert sum(e["events"] for e in net["edges"]) > sum(
        e["events"] for e in Q.actor_network(plain)["edges"]
    )


def test_lists_leave_duplicates_out(stores):
    plain, dup = stores
    assert Q.list_events(dup, limit=None) == Q.list_events(plain, limit=None)
    assert Q.list_quotes(dup, limit=None) == Q.list_quotes(plain, limit=None)
    assert Q.list_claims(dup, limit=None) == Q.list_claims(plain, limit=None)
    assert Q.list_actors(dup, limit=None) == Q.list_actors(plain, limit=None)
    assert CC.list_changes(dup) == CC.list_changes(plain)
    everything = Q.list_events(dup, limit=None, include_duplicates=True)
    assert len(everything) == len(Q.list_events(plain, limit=None)) + 4 * N_COPIES
    # documents are all listed, copies flagged
    docs = Q.list_documents(dup, limit=None)
    assert sum(1 for d in docs if d["duplicate_of"]) == N_COPIES


def test_summaries_leave_duplicates_out(stores, capsys):
    plain, dup = stores
    s_plain, s_dup = plain.summary(), dup.summary()
    assert s_dup["duplicates"] == N_COPIES and s_plain["duplicates"] == 0
    assert {k: v for k, v in s_dup.items() if k != "duplicates"} == {
        k: v for k, v in s_plain.items() if k != "duplicates"
    }
    c_plain, c_dup = corpus_summary(plain), corpus_summary(dup)
    c_dup.pop("duplicates"), c_plain.pop("duplicates")
    assert c_dup == c_plain
    outs = []
    for s in (plain, dup):
        assert main(["summary", "--db", s.url, "--json"]) == 0
        outs.append(json.loads(capsys.readouterr().out))
    assert outs[1]["duplicates"] == N_COPIES
    assert {k: v for k, v in outs[1].items() if k != "duplicates"} == {
        k: v for k, v in outs[0].items() if k != "duplicates"
    }


def test_event_csv_and_graphml_leave_duplicates_out(stores, tmp_path, capsys):
    plain, dup = stores
    for fmt, name in (("csv", "e.csv"), ("graphml", "n.graphml")):
        export(plain, fmt, tmp_path / f"plain-{name}")
        export(dup, fmt, tmp_path / f"dup-{name}")
    with (tmp_path / "plain-e.csv").open() as a, (tmp_path / "dup-e.csv").open() as b:
        rows_a, rows_b = list(csv.DictReader(a)), list(csv.DictReader(b))
    strip = lambda rows: [{k: v for k, v in r.items() if k != "DATEADDED"} for r in rows]  # noqa: E731
    assert strip(rows_b) == strip(rows_a) and rows_a
    assert (tmp_path / "dup-n.graphml").read_text() == (tmp_path / "plain-n.graphml").read_text()
    every = export(dup, "csv", tmp_path / "all.csv", include_duplicates=True)
    assert every["rows"]["events"] > len(rows_a)
    argv = ["export", str(tmp_path / "cli.csv"), "--format", "csv", "--db", dup.url, "--json"]
    assert main([*argv, "--include-duplicates"]) == 0
    with (tmp_path / "cli.csv").open() as fh:
        assert sum(1 for _ in csv.DictReader(fh)) == every["rows"]["events"]
