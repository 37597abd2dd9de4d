"""kill -9 in the middle of `tiegraph ingest`, then run again: every document stored once.

The real CLI runs in a subprocess over a folder of small generated articles; the
test waits until some batches are committed, kills the process with SIGKILL (no
clean-up of any kind runs), checks that the store holds only whole documents,
re-runs the same command and checks that every document is there exactly once
with all its rows. Runs against SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pg_server import new_database

from tiegraph.store import open_store

N_DOCS = 300
MONTHS = ["January", "March", "May", "July", "September", "November"]
VERBS = ["signed a fisheries accord with", "held talks with", "criticized", "sent aid to"]
PAIRS = [("South Korea", "Japan"), ("China", "North Korea"), ("the United States", "Russia")]


def _write_corpus(folder: Path) -> None:
    folder.mkdir()
    for i in range(N_DOCS):
        a, b = PAIRS[i % len(PAIRS)]
        verb = VERBS[i % len(VERBS)]
        text = (
            f"Bulletin {i}\n\n"
            f"On {MONTHS[i % 6]} {1 + i % 27}, {1990 + i % 30}, {a} {verb} {b}, "
            f"officials said. The report counted {100 + 7 * i} vessels in case {i}.\n"
        )
        (folder / f"doc{i:04d}.txt").write_text(text, encoding="utf-8")


def _tiegraph() -> str:
    exe = Path(sys.executable).with_name("tiegraph")
    if not exe.exists():
        pytest.skip("the tiegraph console script is not installed next to this python")
    return str(exe)


def _count(db: str) -> int:
    try:
        with open_store(db) as s:
            return int(s.scalar("SELECT COUNT(*) FROM documents"))
    except Exception:  # the first run may not have created the schema yet
        return 0


def _assert_whole_documents(db: str) -> int:
    """Each stored document has exactly the rows its stored record lists; returns the count."""
    with open_store(db) as s:
        docs = s.query("SELECT doc_id, record FROM documents")
        per_doc: dict[str, dict[str, int]] = {}
        for table in ("events", "mentions", "sentences", "quotes", "claims"):
            for r in s.query(f"SELECT doc_id, COUNT(*) AS n FROM {table} GROUP BY doc_id"):
                per_doc.setdefault(r["doc_id"], {})[table] = int(r["n"])
        orphans = s.scalar(
            "SELECT COUNT(*) FROM sentences WHERE doc_id NOT IN (SELECT doc_id FROM documents)"
        )
    assert orphans == 0
    for d in docs:
        rec = json.loads(d["record"])
        got = per_doc.get(d["doc_id"], {})
        for table in ("events", "mentions", "sentences", "quotes", "claims"):
            assert got.get(table, 0) == len(rec[table]), (d["doc_id"], table)
    assert len({d["doc_id"] for d in docs}) == len(docs)
    return len(docs)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_kill_9_mid_ingest_then_resume_stores_each_document_once(backend, tmp_path):
    db = str(tmp_path / "crash.db") if backend == "sqlite" else new_database()
    corpus = tmp_path / "corpus"
    _write_corpus(corpus)
    cmd = [_tiegraph(), "ingest", str(corpus), "--db", db, "--quiet"]
    env = {**os.environ, "TIEGRAPH_STORE_BATCH": "10"}
    env.pop("TIEGRAPH_DB", None)

    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    while proc.poll() is None and _count(db) < 25 and time.monotonic() < deadline:
        time.sleep(0.05)
    if proc.poll() is not None:
        pytest.fail(f"ingest ended before it could be killed: {proc.stderr.read().decode()[-800:]}")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL

    partial = _assert_whole_documents(db)
    assert 0 < partial < N_DOCS

    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert _assert_whole_documents(db) == N_DOCS

    again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr[-2000:]
    assert _assert_whole_documents(db) == N_DOCS
