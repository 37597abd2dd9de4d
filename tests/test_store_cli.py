"""The query and export commands over a store of synthetic records, on both backends."""

from __future__ import annotations

import csv
import io
import json

import pytest
from pg_server import new_database

from tiegraph.interfaces.cli import main
from tiegraph.store import open_store
from tiegraph.store.synthetic import synthetic_record


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    url = str(tmp_path / "cli.db") if request.param == "sqlite" else new_database()
    with open_store(url) as s:
        s.add_records([synthetic_record(i, events=4) for i in range(20)])
    return url


def run(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_events_table_json_and_csv(db, capsys):
    table = run(capsys, "events", "--db", db, "--dyad", "KOR", "USA")
    assert table.splitlines()[0].split()[:4] == ["date", "source_code", "target_code", "type"]
    rows = json.loads(run(capsys, "events", "--db", db, "--dyad", "KOR", "USA", "--json"))
    assert rows and all({r["source_country"], r["target_country"]} == {"KOR", "USA"} for r in rows)
    assert len(table.splitlines()) == len(rows) + 2
    flat = list(csv.DictReader(io.StringIO(run(capsys, "events", "--db", db, "--csv"))))
    assert {"evidence_start", "evidence_text", "trigger_start"} <= set(flat[0])


def test_events_env_var_names_the_store(db, capsys, monkeypatch):
    monkeypatch.setenv("TIEGRAPH_DB", db)
    assert json.loads(run(capsys, "events", "--json", "--limit", "3"))


def test_dyad_timeline_command(db, capsys):
    out = run(capsys, "dyad", "kor", "usa", "--db", db)
    assert "KOR>USA" in out and "periods" in out.splitlines()[-1]
    tl = json.loads(run(capsys, "dyad", "KOR", "USA", "--db", db, "--by", "month", "--json"))
    rows = tl["periods"]
    assert rows and all(len(r["period"]) == 7 for r in rows)
    assert tl["dyad"] == ["KOR", "USA"] and {"bars", "goldstein", "event_rows"} <= set(tl)


def test_actors_and_search(db, capsys):
    actors = json.loads(run(capsys, "actors", "--db", db, "--json"))
    assert {a["code"] for a in actors} >= {"KOR", "USA"}
    out = run(capsys, "search", "ironclad", "--db", db, "--limit", "2")
    assert out.count("[ironclad]") == 2


def test_doc_marks_extractions_in_the_text(db, capsys):
    doc_id = json.loads(run(capsys, "events", "--db", db, "--json", "--limit", "1"))[0]["doc_id"]
    out = run(capsys, "doc", doc_id[:8], "--db", db, "--no-color")
    assert doc_id in out.splitlines()[0]
    assert "]E1" in out and "»Q1" in out and "}H1" in out
    assert "E1 " in out and "CAMEO" in out
    got = json.loads(run(capsys, "doc", doc_id, "--db", db, "--json"))
    assert got["doc"]["doc_id"] == doc_id and got["marks"]
    assert main(["doc", "no-such-document", "--db", db]) == 1


def test_export_command_writes_each_format(db, capsys, tmp_path):
    for fmt, out in [
        ("parquet", tmp_path / "pq"),
        ("csv", tmp_path / "e.csv"),
        ("jsonl", tmp_path / "r.jsonl"),
        ("graphml", tmp_path / "n.graphml"),
    ]:
        res = json.loads(run(capsys, "export", str(out), "--format", fmt, "--db", db, "--json"))
        assert res["format"] == fmt and out.exists()
    assert (tmp_path / "pq" / "events").is_dir()
    assert len((tmp_path / "r.jsonl").read_text().splitlines()) == 20


def test_summary_and_failures_commands(db, capsys):
    s = json.loads(run(capsys, "summary", "--db", db, "--json"))
    assert s["documents"] == 20 and s["events_by_dyad"]
    assert "no failures" in run(capsys, "failures", "--db", db)


def test_provenance_reaches_the_commands(db, capsys):
    claims = json.loads(run(capsys, "claims", "--db", db, "--json"))
    assert {type(c["as_of_source"]) for c in claims} == {dict, str}
    ranged = [c for c in claims if c["value_high"]]
    assert ranged and all(c["value_high"] > c["value"] for c in ranged)
    events = json.loads(run(capsys, "events", "--db", db, "--json", "--limit", "5"))
    assert all(e["rule"].startswith("synthetic:") and e["date_source"] for e in events)
    doc_id = ranged[0]["doc_id"]
    got = json.loads(run(capsys, "doc", doc_id, "--db", db, "--json"))
    claim = got["record"]["claims"][0]
    assert claim["value_high"] == ranged[0]["value_high"]
    assert claim["as_of_source"] == ranged[0]["as_of_source"]
    legend = run(capsys, "doc", doc_id, "--db", db, "--no-color")
    assert ", rule synthetic:" in legend
    assert f"{ranged[0]['value']:,.0f}-{ranged[0]['value_high']:,.0f} people" in legend
