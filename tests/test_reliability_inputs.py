"""Nothing lost on odd inputs: one test per defect of the reliability audit (issue 19).

Non-UTF-8 file names, NUL bytes past the binary check, FIFOs in a folder, duplicate
JSONL ids with different texts, WARC records cut anywhere, invalid batch sizes: each is
reported by name with its reason, and the run goes on. Store tests run on SQLite and
PostgreSQL (tests/pg_server.py).
"""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest
from ingest_builders import article_html, warc_bytes
from pg_server import new_database

from tiegraph.ingest.readers import read_path, source_name
from tiegraph.ingest.warc import read_warc
from tiegraph.interfaces.cli import main
from tiegraph.model import Document, ExtractionRecord
from tiegraph.store import open_store
from tiegraph.store.sql import storable

BODY = (
    "The foreign ministers of the two countries met in Geneva on Tuesday to discuss the "
    "stalled trade agreement, officials said. The talks lasted four hours.\n\n"
    "Both delegations described the atmosphere of the meeting as frank and constructive."
)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return new_database()


def _failure(source: str, reason: str) -> ExtractionRecord:
    from tiegraph.pipeline import failure_record

    return failure_record(source, reason)


needs_bytes_names = pytest.mark.skipif(
    sys.platform != "linux", reason="file names as raw bytes need a POSIX file system"
)


@needs_bytes_names
def test_non_utf8_file_name_is_read_and_named_safely(tmp_path):
    path = Path(os.fsdecode(tmp_path / "caf") + os.fsdecode(b"\xe9.txt"))
    path.write_text("Headline of the story here\n\n" + BODY, encoding="utf-8")
    (inp,) = read_path(tmp_path)
    assert inp.error is None and inp.text
    assert inp.source.endswith("caf\\xe9.txt")
    inp.source.encode("utf-8")  # printable and storable


def test_source_name_escapes_only_what_utf8_cannot_hold():
    assert source_name("plain/name.txt") == "plain/name.txt"
    assert source_name("a/\udce9b.txt") == "a/\\xe9b.txt"


def test_store_accepts_surrogates_and_nul_alike(store_url):
    """Both stores get the same value; the batch is not rolled back, later records land."""
    bad = _failure("dir/caf\udce9\x00.txt", "unreadable: test")
    good = _failure("dir/next.txt", "empty document (no text)")
    with open_store(store_url) as s:
        assert s.add_records([bad, good]) is not None
        rows = s.query("SELECT source FROM failures ORDER BY source")
    assert [r["source"] for r in rows] == ["dir/caf\\xe9.txt", "dir/next.txt"]


def test_storable_values():
    assert storable("a\x00b") == "ab"
    assert storable("x\udce9") == "x\\xe9"
    assert storable(5) == 5


def test_nul_after_the_first_4kb_is_binary_wherever_it_is(tmp_path):
    head = ("Headline of the story here\n\n" + BODY + "\n\n") * 40
    assert len(head) > 4096
    (tmp_path / "late.txt").write_text(head + "\x00tail", encoding="utf-8")
    (tmp_path / "early.txt").write_text("\x00" + head, encoding="utf-8")
    (tmp_path / "z_after.txt").write_text("Headline of the story here\n\n" + BODY)
    inputs = {Path(i.source).name: i for i in read_path(tmp_path)}
    assert "NUL byte at character" in inputs["late.txt"].error
    assert "binary" in inputs["early.txt"].error
    assert inputs["z_after.txt"].error is None


def test_nul_in_jsonl_metadata_is_removed(tmp_path):
    line = {"id": "a\x00b", "title": "T\x00itle", "text": "Body\x00 " + BODY}
    (tmp_path / "x.jsonl").write_text(json.dumps(line) + "\n")
    (inp,) = read_path(tmp_path / "x.jsonl")
    assert inp.meta["id"] == "ab" and inp.meta["title"] == "Title" and "\x00" not in inp.text


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_in_a_folder_is_skipped_with_a_reason(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "real.txt").write_text("Headline of the story here\n\n" + BODY)
    inputs = {Path(i.source).name: i for i in read_path(tmp_path)}  # would block before
    assert "not a regular file (named pipe)" in inputs["pipe.txt"].error
    assert inputs["real.txt"].error is None


def test_duplicate_jsonl_ids_with_different_text_are_both_kept(tmp_path, capsys):
    other = BODY.replace("Geneva", "Vienna").replace("four hours", "two days")
    lines = [
        {"id": "story-1", "title": "Talks in Geneva", "text": BODY},
        {"id": "story-1", "title": "Talks in Vienna", "text": other},
    ]
    path = tmp_path / "dup.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines))
    db = tmp_path / "t.db"
    for _ in range(2):  # the second run stores nothing new and loses nothing
        assert main(["ingest", str(path), "--db", str(db), "--quiet"]) == 0
        capsys.readouterr()
        with open_store(str(db)) as s:
            docs = s.query("SELECT doc_id, text FROM documents ORDER BY source")
            notes = s.query("SELECT error FROM failures")
        assert len(docs) == 2 and docs[0]["doc_id"] == "story-1"
        assert "Vienna" in docs[1]["text"] and docs[1]["doc_id"] != "story-1"
        assert any("already used by a different text" in n["error"] for n in notes)


def test_mark_duplicate_keeps_the_same_text_under_its_id():
    from tiegraph.ingest.dedup import Deduper
    from tiegraph.pipeline import mark_duplicate

    dedup = Deduper()
    a = Document(doc_id="x", source="f.jsonl:1", text=BODY)
    b = Document(doc_id="x", source="f.jsonl:1", text=BODY)
    assert mark_duplicate(a, dedup) is None
    assert mark_duplicate(b, dedup) is None and b.doc_id == "x"


PAGES = [
    (
        f"https://a.example/{i}",
        article_html(
            [
                f"Paragraph {i} is here and it is long enough to count as article text.",
                "A second paragraph follows with more words in it for the extractor.",
            ]
        ),
    )
    for i in range(2)
]


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_warc_is_reported_at_every_cut_point(gz):
    """A cut anywhere inside a record (headers or payload, page or not) is reported; only
    a cut in the few bytes after a whole record (the separator, a gzip trailer) may pass,
    and then every document read is whole."""
    from warcio.archiveiterator import ArchiveIterator

    data = warc_bytes(PAGES, gz=gz)
    full = [i.html for i in read_warc(io.BytesIO(data), "w")]
    it = ArchiveIterator(io.BytesIO(data))
    starts = [it.get_record_offset() for _ in it]
    bounds = list(zip(starts, [*starts[1:], len(data)], strict=True))
    slack = 16 if gz else 4
    for cut in range(1, len(data), 3 if gz else 7):
        items = list(read_warc(io.BytesIO(data[:cut]), "w"))
        if any(i.error for i in items):
            continue
        inside = [(a, b) for a, b in bounds if a < cut < b - slack]
        assert not inside, f"cut at {cut} inside record {inside[0]} not reported"
        got = [i.html for i in items]
        assert got == full[: len(got)]


@pytest.mark.parametrize("value", ["0", "-3", "abc"])
def test_invalid_batch_size_is_rejected_at_start_in_one_line(tmp_path, capsys, monkeypatch, value):
    (tmp_path / "a.txt").write_text("Headline of the story here\n\n" + BODY)
    monkeypatch.setenv("TIEGRAPH_BATCH_SIZE", value)
    code = main(["ingest", str(tmp_path), "--db", str(tmp_path / "t.db")])
    _, err = capsys.readouterr()
    assert code != 0
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and "TIEGRAPH_BATCH_SIZE" in lines[0]


@pytest.mark.parametrize("value", ["0", "-1", "abc", "inf", "nan"])
def test_invalid_doc_time_budget_is_rejected_at_start_in_one_line(
    tmp_path, capsys, monkeypatch, value
):
    (tmp_path / "a.txt").write_text("Headline of the story here\n\n" + BODY)
    monkeypatch.setenv("TIEGRAPH_DOC_TIME_BUDGET", value)
    code = main(["ingest", str(tmp_path), "--db", str(tmp_path / "t.db")])
    _, err = capsys.readouterr()
    assert code == 2
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and "TIEGRAPH_DOC_TIME_BUDGET" in lines[0]
    assert not (tmp_path / "t.db").exists()  # refused before anything ran


def test_valid_doc_time_budget_passes_the_settings_check(monkeypatch):
    from tiegraph.interfaces.cli import check_settings

    check_settings({"TIEGRAPH_DOC_TIME_BUDGET": "2.5"})
    check_settings({})
