"""The Dask runner: chunk outputs equal the in-process pipeline, re-runs skip, nothing is lost.

One LocalCluster (2 worker processes, 1 thread each) serves the whole module; the corpus
is a dozen short articles written for these tests plus a few bad inputs.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tiegraph.distributed import (
    iter_outputs,
    load_outputs,
    output_files,
    plan,
    process_chunk,
    record_from_dict,
    stale_outputs,
)
from tiegraph.distributed import runner as runner_module
from tiegraph.distributed.chunk import VersionMismatch, output_paths, read_item
from tiegraph.distributed.load import mark_duplicates
from tiegraph.distributed.manifest import jsonl_pieces, read_manifest
from tiegraph.distributed.records import read_outcomes
from tiegraph.distributed.runner import run
from tiegraph.ingest.dedup import Deduper
from tiegraph.ingest.readers import RawInput, read_inputs, read_path

ARTICLES = {
    "a01_talks.txt": (
        "Norway and Chile resume fisheries talks\n\nMarch 3, 2015\n\n"
        "Norway and Chile signed a fisheries agreement in Oslo on Tuesday after two years of "
        'negotiations. "This agreement protects our fishermen," said Norwegian Foreign '
        "Minister Erna Dahl. Chile exported about $2 billion of salmon to Europe in 2014."
    ),
    "a02_protest.txt": (
        "Brazil protests Argentine tariffs\n\nJune 12, 2016\n\n"
        "Brazil accused Argentina of breaking a regional trade pact on Monday. The Brazilian "
        "government said it would ask the Mercosur council to review the new tariffs. "
        "Argentine officials rejected the accusation."
    ),
    "a03_aid.txt": (
        "Japan pledges flood aid to Bangladesh\n\nAugust 2, 2017\n\n"
        "Japan pledged $40 million in emergency aid to Bangladesh after floods displaced more "
        "than 200,000 people. Tokyo will also send a medical team, the Japanese embassy said."
    ),
    "a04_summit.txt": (
        "Kenya and Ethiopia hold border summit\n\nMay 20, 2018\n\n"
        "The presidents of Kenya and Ethiopia met in Nairobi on Friday to discuss border "
        'security. Kenyan President William Otieno said the two countries were "partners in '
        'peace". Ethiopia promised to open a new crossing next year.'
    ),
    "a05_sanctions.txt": (
        "Canada sanctions Belarusian officials\n\nFebruary 9, 2021\n\n"
        "Canada imposed sanctions on eight Belarusian officials on Thursday over the "
        "crackdown on protesters. Belarus condemned the decision and threatened to expel "
        "Canadian diplomats."
    ),
    "a06_troops.txt": (
        "Germany to station more troops in Lithuania\n\nJuly 1, 2023\n\n"
        "Germany will station about 4,000 troops in Lithuania by 2027, the German defence "
        'ministry said on Saturday. Lithuania welcomed the plan. "Our alliance has never '
        'been stronger," the Lithuanian president told reporters.'
    ),
}
JSONL_LINES = [
    {
        "id": "j1",
        "title": "India and Nepal sign power deal",
        "published": "2019-04-02",
        "text": "India and Nepal signed an agreement on Tuesday to build a cross-border power "
        "line. Indian officials said the line would carry 1,000 megawatts.",
    },
    {
        "id": "j2",
        "title": "Peru recalls ambassador",
        "published": "2020-11-15",
        "text": "Peru recalled its ambassador to Mexico on Sunday after remarks by the Mexican "
        "president. Lima said the remarks were unacceptable interference.",
    },
    None,  # a blank line: skipped, but it counts for the line numbers
    "BROKEN",  # a broken JSON line: an error record
    {
        "id": "j3",
        "title": "Vietnam and the Philippines agree on coast guard hotline",
        "published": "2021-08-30",
        "text": "Vietnam and the Philippines agreed to set up a coast guard hotline in Hanoi on "
        "Monday. The two governments said they would hold joint patrols next year.",
    },
]
CHUNK = 3
REAL_PLANNING_VERSIONS = runner_module.planning_versions
FORMATS = ("parquet", "jsonl")


def _write_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    (corpus / "sub").mkdir(parents=True)
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text + "\n", encoding="utf-8")
    lines = []
    for obj in JSONL_LINES:
        lines.append("" if obj is None else "{not json" if obj == "BROKEN" else json.dumps(obj))
    (corpus / "sub" / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (corpus / "sub" / "z_binary.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    (corpus / "sub" / "z_empty.txt").write_bytes(b"")
    return corpus


def _norm(d: dict) -> dict:
    return json.loads(json.dumps(d, ensure_ascii=False))


def _same(a: dict) -> dict:
    """A record dict without its data-files hash: the data may be edited while tests run
    (the hash is compared by the workers' version check, tested on its own)."""
    return {**a, "versions": {k: v for k, v in a["versions"].items() if k != "data"}}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return _write_corpus(tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="module")
def local_records(nlp, corpus) -> list:
    from tiegraph.pipeline import process

    return list(process(read_inputs([str(corpus)]), nlp=nlp))


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0"
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


@pytest.fixture(scope="module")
def frozen_versions():
    """The driver's versions fixed for the module: chunk ids then stay put even while the
    data files are edited (workers run with check_versions=False in these tests)."""
    from tiegraph.distributed import runner

    fixed = runner.planning_versions()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(runner, "planning_versions", lambda: fixed)
        yield fixed


@pytest.fixture(scope="module")
def first_run(client, corpus, tmp_path_factory, frozen_versions):
    out = tmp_path_factory.mktemp("out") / "run"
    report = run(
        [str(corpus)], out, client, chunk_size=CHUNK, formats=FORMATS, check_versions=False
    )
    return out, report


# --- planning (no cluster) ---------------------------------------------------------------------


def test_plan_splits_jsonl_and_packs_chunks(corpus):
    chunks = plan([str(corpus)], CHUNK, versions={"x": "1"})
    assert all(c["weight"] <= CHUNK for c in chunks)
    pieces = [i for c in chunks for i in c["items"] if "offset" in i]
    assert len(pieces) == 2 and [p["weight"] for p in pieces] == [3, 1]
    assert all(p["source"] == str(corpus / "sub" / "batch.jsonl") for p in pieces)
    assert [c["chunk_id"] for c in chunks] == [
        c["chunk_id"] for c in plan([str(corpus)], CHUNK, versions={"x": "1"})
    ]
    other = plan([str(corpus)], CHUNK, versions={"x": "2"})
    assert {c["chunk_id"] for c in other}.isdisjoint(c["chunk_id"] for c in chunks)


def test_jsonl_pieces_read_like_the_whole_file(corpus):
    path = corpus / "sub" / "batch.jsonl"
    assert [p[3] for p in jsonl_pieces(path, 2)] == [2, 2]
    whole = [(r.source, r.text, r.error) for r in read_path(path)]
    items = [i for c in plan([str(path)], 2) for i in c["items"]]
    split = [(r.source, r.text, r.error) for i in items for r in read_item(i)]
    assert split == whole
    assert [s.rsplit(":", 1)[1] for s, _, _ in split] == ["1", "2", "4", "5"]


def test_stdin_is_refused():
    with pytest.raises(ValueError, match="stdin"):
        plan(["-"], CHUNK)


def test_record_round_trips_through_json(local_records):
    rich = [r for r in local_records if r.events or r.quotes or r.claims]
    assert rich, "the corpus should yield some rows"
    for rec in local_records:
        d = _norm(rec.to_dict())
        assert record_from_dict(d).to_dict() == d


def test_bad_inputs_become_error_records_not_a_crash(tmp_path, corpus):
    chunk = {
        "chunk_id": "chunk-bad",
        "items": [
            {"source": "missing.txt", "path": str(tmp_path / "missing.txt")},
            {"source": "bin.txt", "path": str(corpus / "sub" / "z_binary.txt")},
            {"source": "locked/", "error": "unreadable: Permission denied"},
        ],
    }
    summary = process_chunk(chunk, str(tmp_path))
    assert summary["status"] == "done" and summary["outcomes"] == {"failed": 3}
    out = output_paths(tmp_path, "chunk-bad", ("parquet",))["parquet"]
    recs = list(iter_records(out))
    assert [r.doc.source for r in recs] == ["missing.txt", "bin.txt", "locked/"]
    assert all(r.errors and not r.events for r in recs)
    assert process_chunk(chunk, str(tmp_path))["status"] == "skipped"


def iter_records(path: Path):
    from tiegraph.distributed.records import read_records

    return read_records(path)


def test_worker_with_other_versions_refuses(tmp_path, corpus):
    chunk = {
        "chunk_id": "chunk-v",
        "items": [{"source": "a", "path": str(corpus / "a01_talks.txt")}],
    }
    with pytest.raises(VersionMismatch, match="data"):
        process_chunk(chunk, str(tmp_path), expected_versions={"data": "not-this-one"})
    assert not output_paths(tmp_path, "chunk-v", ("parquet",))["parquet"].exists()


# --- on the cluster ----------------------------------------------------------------------------


def test_cluster_outputs_equal_the_in_process_pipeline(first_run, local_records):
    out, report = first_run
    assert report.chunks == report.done >= 4 and not report.failed and report.workers == 2
    dist = list(iter_outputs(out))
    assert [r.doc.doc_id for r in dist] == [r.doc.doc_id for r in local_records]
    for a, b in zip(dist, local_records, strict=True):
        assert (len(a.events), len(a.quotes), len(a.claims)) == (
            len(b.events),
            len(b.quotes),
            len(b.claims),
        )
        assert _same(a.to_dict()) == _same(_norm(b.to_dict()))
    assert report.outcomes["failed"] == sum(1 for r in local_records if r.errors and not r.doc.text)
    assert report.outcomes["failed"] >= 3  # binary, empty, broken JSON line
    assert not report.ok
    assert report.rows["events"] == sum(len(r.events) for r in local_records) > 0


def test_report_accounts_each_workers_documents_and_task_cpu(first_run, local_records):
    """Per worker: every document counted once, and the task's own CPU next to its wall
    time (what tells waiting for a core from the worker's overhead)."""
    _, report = first_run
    workers = report.per_worker
    assert 1 <= len(workers) <= 2
    assert sum(w["docs"] for w in workers.values()) == len(local_records) == report.docs
    assert sum(w["chunks"] for w in workers.values()) == report.done
    for w in workers.values():
        assert 0 < w["cpu_seconds"] <= w["seconds"] + 0.05  # one thread: CPU <= wall
    assert report.to_dict()["per_worker"].keys() == workers.keys()


def test_cluster_workers_run_without_the_dask_profiler():
    """The LocalCluster `tiegraph run` starts: its workers do not sample their stacks."""
    import dask

    with runner_module.connect(workers=1) as c:
        got = c.run(lambda: dask.config.get("distributed.worker.profile.enabled"))
    assert list(got.values()) == [False]
    assert dask.config.get("distributed.worker.profile.enabled") is True  # driver untouched


def test_parquet_and_jsonl_outputs_agree(first_run):
    import pyarrow.parquet as pq

    out, _ = first_run
    for chunk in read_manifest(out)["chunks"]:
        paths = output_paths(out, chunk["chunk_id"], ("parquet", "jsonl"))
        pq_recs = [r.to_dict() for r in iter_records(paths["parquet"])]
        assert pq_recs == [r.to_dict() for r in iter_records(paths["jsonl"])]
        assert len(read_outcomes(paths["parquet"])) == len(pq_recs)
        flat = pq.read_table(paths["parquet"], columns=["doc_id", "n_events", "n"]).to_pylist()
        assert flat == [
            {"doc_id": r["doc"]["doc_id"], "n_events": len(r["events"]), "n": i}
            for i, r in enumerate(pq_recs)
        ]
    leftovers = [p for p in (out / "chunks").iterdir() if p.name.startswith(".")]
    assert leftovers == []  # no temporary files left behind


def test_rerun_skips_finished_chunks_and_redoes_missing_ones(client, corpus, first_run):
    out, first = first_run
    files = sorted((out / "chunks").glob("*.parquet"))
    mtimes = {p: p.stat().st_mtime_ns for p in files}
    again = run([str(corpus)], out, client, chunk_size=CHUNK, formats=FORMATS, check_versions=False)
    assert (again.done, again.skipped) == (0, first.chunks)
    assert again.outcomes == first.outcomes  # accounted for from the outputs
    assert {p: p.stat().st_mtime_ns for p in files} == mtimes
    gone = files[1]
    gone.unlink()
    old = out / "chunks" / "chunk-00000-0123456789.parquet"  # as left by an older version
    old.write_bytes(b"")
    notes: list[tuple[str, str]] = []
    third = run(
        [str(corpus)],
        out,
        client,
        chunk_size=CHUNK,
        formats=FORMATS,
        check_versions=False,
        progress=lambda *a: notes.append(a),
    )
    assert (third.done, third.skipped) == (1, first.chunks - 1)
    assert gone.exists()
    assert stale_outputs(out) == [old] and old not in output_files(out)
    assert output_files(out) == files
    assert any("not part of this run" in line for line, _ in notes)
    assert {p: p.stat().st_mtime_ns for p in files if p != gone} == {
        p: t for p, t in mtimes.items() if p != gone
    }


def test_each_worker_loads_spacy_once_and_keeps_it(client, corpus, tmp_path, frozen_versions):
    """Model loading is per worker process, not per task: the warm-up and every chunk on a
    worker see the same single load."""
    from tiegraph.distributed.chunk import warm_up

    first = client.run(warm_up)
    chunks = plan([str(corpus)], 2, versions=frozen_versions)
    futures = client.map(process_chunk, chunks, out_dir=str(tmp_path), pure=False)
    summaries = client.gather(futures)
    again = client.run(warm_up)
    assert len(chunks) >= 4 and all(s["status"] == "done" for s in summaries)
    assert {s["nlp_loads"] for s in summaries} == {1}
    assert {w["nlp_loads"] for w in [*first.values(), *again.values()]} == {1}


def test_crashed_tasks_are_reported_and_redone_next_run(client, corpus, tmp_path, frozen_versions):
    out = tmp_path / "run"
    out.mkdir()
    (out / "chunks").write_text("a file where the chunk folder should be")
    lines: list[tuple[str, str]] = []
    report = run(
        [str(corpus)],
        out,
        client,
        chunk_size=CHUNK,
        retries=0,
        check_versions=False,
        progress=lambda *a: lines.append(a),
    )
    assert len(report.failed) == report.chunks and report.done == 0 and not report.ok
    assert sum(1 for _, kind in lines if kind == "error") >= report.chunks
    (out / "chunks").unlink()
    report = run([str(corpus)], out, client, chunk_size=CHUNK, check_versions=False)
    assert report.done == report.chunks and not report.failed


def test_loading_into_sqlite_stores_each_document_once(first_run, local_records, tmp_path):
    from tiegraph.store import open_store

    out, _ = first_run
    good = {r.doc.doc_id for r in local_records if r.doc.text}
    with open_store(tmp_path / "t.db") as store:
        first = load_outputs(store, out)
        assert first["stored"] == len(good) and first["failed"] >= 3
        second = load_outputs(store, out)
        assert second["stored"] == 0 and second["skipped"] == len(good)
        rows = store.query("SELECT doc_id, COUNT(*) AS n FROM documents GROUP BY doc_id")
        assert {r["doc_id"] for r in rows} == good and {r["n"] for r in rows} == {1}
        n_events = store.scalar("SELECT COUNT(*) FROM events")
        assert n_events == sum(len(r.events) for r in local_records)


def test_cli_run_loads_the_store_and_exits_1_on_failed_inputs(
    corpus, tmp_path, capsys, monkeypatch
):
    import tiegraph.versions
    from tiegraph.distributed import runner
    from tiegraph.interfaces.cli import main
    from tiegraph.store import open_store

    monkeypatch.setattr(runner, "planning_versions", REAL_PLANNING_VERSIONS)  # as shipped

    def cli(args: list[str]) -> int:
        """`tiegraph ...` as a fresh process would run it: hashing the data files anew (this
        process may have hashed them before they were last edited)."""
        tiegraph.versions.clear_cache()
        return main(args)

    out, db = tmp_path / "out", tmp_path / "cli.db"
    argv = [
        "run",
        str(corpus),
        "--out",
        str(out),
        "--workers",
        "2",
        "--chunk-size",
        "4",
        "--db",
        str(db),
        "--format",
        "jsonl",
    ]
    assert cli(argv) == 1  # the bad inputs are failures, recorded
    got = capsys.readouterr()
    stored = [got.out]
    for _ in range(2):  # data files edited mid-run make workers refuse chunks: run again
        if "no output yet" not in got.err:
            break
        assert cli(argv) == 1
        got = capsys.readouterr()
        stored.append(got.out)
    assert "no output yet" not in got.err
    assert "9 processed" in got.err and "3 failed" in got.err
    if len(stored) == 1:
        assert "stored 9, already present 0" in got.out
    chunks = read_manifest(out)["chunks"]
    assert {p.suffix for p in (out / "chunks").iterdir()} == {".jsonl"}
    assert all((out / "chunks" / f"{c['chunk_id']}.jsonl").exists() for c in chunks)
    assert cli(argv + ["-q"]) == 1
    assert capsys.readouterr().out == ""
    with open_store(db) as store:
        assert store.scalar("SELECT COUNT(*) FROM documents") == 9
        assert len(store.failures()) >= 3


# --- duplicates across chunks (no cluster) ----------------------------------------------------


def test_copies_in_other_chunks_are_marked_as_in_process(nlp, tmp_path):
    from tiegraph.pipeline import process

    text = ARTICLES["a05_sanctions.txt"] + " " + ARTICLES["a02_protest.txt"].split("\n\n")[2]
    near = text + " The story was updated."  # a near copy: one more sentence
    raws = [RawInput("one.txt", text=text), RawInput("two.txt", text=text)]
    raws.append(RawInput("three.txt", text=near))
    together = list(process(raws, nlp=nlp))
    apart = [rec for raw in raws for rec in process([raw], nlp=nlp)]  # one chunk each
    assert len({r.doc.doc_id for r in apart}) == 2  # the exact copy shares the first's id
    marked = list(mark_duplicates(apart, Deduper()))
    assert [r.doc.doc_id for r in marked] == [r.doc.doc_id for r in together]
    assert [r.doc.duplicate_of for r in marked] == [r.doc.duplicate_of for r in together]
    assert marked[1].doc.duplicate_of == marked[2].doc.duplicate_of == marked[0].doc.doc_id
    copy_ids = {e.event_id for e in marked[1].events}
    assert copy_ids and copy_ids.isdisjoint(e.event_id for e in marked[0].events)
    assert os.path.basename(marked[1].doc.source) == "two.txt"
