"""The CLI through its real entry point: extract, ingest, bad input, idempotence, exit codes."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOOD = (
    "Talks resume in Panmunjom\n\nMarch 3, 2019\n\n"
    "North and South Korean officials met in Panmunjom on Friday to discuss family reunions. "
    '"We hope the meetings can resume before the autumn," said Park Min-jun, a spokesman for '
    "the South Korean unification ministry. Some 28,500 U.S. troops are stationed in South Korea.\n"
)


def tiegraph(*args: str, cwd: Path | None = None, stdin: str | None = None):
    return subprocess.run(
        [sys.executable, "-m", "tiegraph.interfaces.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=stdin,
        timeout=300,
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 8)
    # Latin-1 text is decoded by charset detection now; these bytes fit no charset.
    (d / "latin1.txt").write_bytes(bytes(range(0x80, 0x100)) * 4)
    return d


def test_extract_prints_one_record_per_document(tmp_path):
    f = tmp_path / "good.txt"
    f.write_text(GOOD, encoding="utf-8")
    r = tiegraph("extract", str(f))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 1
    rec = json.loads(lines[0])
    assert rec["doc"]["title"] == "Talks resume in Panmunjom"
    assert rec["doc"]["published"] == "2019-03-03"
    assert any(q["speaker"] and q["speaker"]["name"] == "Park Min-jun" for q in rec["quotes"])
    assert any(c["measure"] == "troops_stationed" and c["value"] == 28500 for c in rec["claims"])


def test_extract_reads_stdin():
    r = tiegraph("extract", "-", stdin=GOOD)
    assert r.returncode == 0
    assert json.loads(r.stdout)["doc"]["source"] == "-"


def test_bad_inputs_are_named_recorded_and_do_not_stop_the_run(corpus, tmp_path):
    db = tmp_path / "t.db"
    missing = tmp_path / "nope.txt"
    r = tiegraph("ingest", str(corpus), str(missing), "--db", str(db))
    assert r.returncode == 1  # something failed
    err = r.stderr.strip().splitlines()
    by_file = {
        name: [line for line in err if name in line]
        for name in ["empty.txt", "binary.txt", "latin1.txt", "nope.txt"]
    }
    for name, lines in by_file.items():
        assert len(lines) == 1, (name, err)
    assert "empty" in by_file["empty.txt"][0]
    assert "binary" in by_file["binary.txt"][0]
    assert "UTF-8" in by_file["latin1.txt"][0]
    assert "no such file" in by_file["nope.txt"][0]
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 1
    failed = {Path(s).name for (s,) in con.execute("SELECT source FROM failures")}
    assert failed == {"empty.txt", "binary.txt", "latin1.txt", "nope.txt"}
    assert con.execute("SELECT COUNT(*) FROM quotes").fetchone()[0] >= 1


def test_ingest_is_idempotent(corpus, tmp_path):
    db = tmp_path / "t.db"
    tiegraph("ingest", str(corpus / "good.txt"), "--db", str(db))
    con = sqlite3.connect(db)
    tables = ["documents", "events", "quotes", "claims", "mentions", "sentences", "failures"]
    before = {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
    r = tiegraph("ingest", str(corpus), "--db", str(db))
    r = tiegraph("ingest", str(corpus), "--db", str(db))
    assert "already present 1" in r.stdout
    after = {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
    assert after["documents"] == before["documents"] == 1
    for t in tables[1:6]:
        assert after[t] == before[t], t
    assert after["failures"] == 3  # recorded once each, not once per run


def test_dates_json():
    r = tiegraph(
        "dates",
        "In January the envoy said talks began in 2004.",
        "--anchor",
        "2006-02-08",
        "--json",
    )
    assert r.returncode == 0
    values = [t["value"] for t in json.loads(r.stdout)]
    assert values == ["2006-01", "2004"]


def test_unknown_command_exits_nonzero():
    assert tiegraph("frobnicate").returncode == 2
