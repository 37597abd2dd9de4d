"""Drive a run on a Dask cluster: plan chunks, map `process_chunk`, report progress.

Scheduling is dask.distributed's: `client.map` submits one task per unfinished chunk and
`as_completed` reports each as it ends. Workers are processes with one thread each
(spaCy releases little of the GIL), started here as a `LocalCluster` or run elsewhere as
`dask scheduler` + `dask worker tcp://HOST:8786` (docs/distributed.md). The output folder
must be one the driver and every worker see at the same path (local disk for a
LocalCluster, a shared filesystem for a cluster).
"""

from __future__ import annotations

import os
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tiegraph.distributed.chunk import is_done, output_paths, process_chunk, warm_up
from tiegraph.distributed.load import stale_outputs
from tiegraph.distributed.manifest import DEFAULT_CHUNK_SIZE, plan, write_manifest
from tiegraph.distributed.records import read_outcomes
from tiegraph.ingest.progress import OUTCOMES

WAIT_S = 60  # seconds to reach a scheduler, and for its first worker to join
# Dask settings of the workers a LocalCluster starts here: no statistical profiler (it
# samples every worker thread's stack 100 times a second, CPU taken from the pipeline;
# for `dask worker` elsewhere set DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False).
WORKER_CONFIG = {"distributed.worker.profile.enabled": False}


@dataclass
class RunReport:
    """Every chunk and document of a run accounted for."""

    chunks: int = 0
    done: int = 0  # processed in this run
    skipped: int = 0  # output already there from an earlier run
    failed: dict[str, str] = field(default_factory=dict)  # chunk id -> reason
    outcomes: Counter = field(default_factory=Counter)
    rows: Counter = field(default_factory=Counter)  # events, quotes, claims, characterizations
    seconds: float = 0.0
    workers: int = 0
    # worker -> chunks, docs, seconds (task wall time), cpu_seconds (task thread CPU)
    per_worker: dict[str, Counter] = field(default_factory=dict)

    @property
    def docs(self) -> int:
        return sum(self.outcomes.values())

    @property
    def ok(self) -> bool:
        """False when a chunk or a document failed, or a document was cut."""
        return not (self.failed or self.outcomes["failed"] or self.outcomes["truncated"])

    def line(self) -> str:
        parts = ", ".join(f"{self.outcomes[k]} {k}" for k in OUTCOMES)
        rate = self.docs / max(self.seconds, 1e-6)
        return (
            f"{self.chunks} chunks ({self.done} processed, {self.skipped} already done, "
            f"{len(self.failed)} failed) on {self.workers} workers; {self.docs} documents: "
            f"{parts} in {self.seconds:.1f}s ({rate:.1f} docs/s)"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "chunks": self.chunks,
            "done": self.done,
            "skipped": self.skipped,
            "failed": dict(self.failed),
            "documents": self.docs,
            "outcomes": dict(self.outcomes),
            "rows": dict(self.rows),
            "seconds": round(self.seconds, 3),
            "workers": self.workers,
            "per_worker": {
                w: {k: round(v, 3) for k, v in c.items()} for w, c in self.per_worker.items()
            },
        }

    def add_chunk(self, summary: dict[str, Any]) -> None:
        """Account for a chunk processed in this run from its summary."""
        self.done += 1
        self.outcomes.update(summary["outcomes"])
        for k in ("events", "quotes", "claims", "characterizations"):
            self.rows[k] += summary[k]
        w = self.per_worker.setdefault(summary.get("worker", "?"), Counter())
        w.update(
            {
                "chunks": 1,
                "docs": summary["docs"],
                "seconds": summary["seconds"],
                "cpu_seconds": summary.get("cpu_seconds", 0.0),
            }
        )


def planning_versions() -> dict[str, str]:
    """The versions every worker must run (code, data, model), read without loading spaCy
    in the driver when the model is an installed package."""
    from tiegraph.config import spacy_model_name
    from tiegraph.versions import versions

    try:
        import spacy.util

        meta = spacy.util.get_model_meta(spacy.util.get_package_path(spacy_model_name()))
    except Exception:  # a model given as a path, or not installed here: load it once
        from tiegraph.nlp.pipeline import load_nlp, model_version

        return versions(model_version(load_nlp()))
    return versions(f"{meta.get('name', '?')}-{meta.get('version', '?')}")


@contextmanager
def connect(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A Client on a running scheduler, or on a LocalCluster of `workers` processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler, timeout=WAIT_S) as client:
            client.wait_for_workers(1, timeout=WAIT_S)  # else tasks would wait for ever
            yield client
        return
    import dask

    with (
        dask.config.set(WORKER_CONFIG),
        LocalCluster(
            n_workers=max(1, workers or os.cpu_count() or 1),
            threads_per_worker=1,
            processes=True,
            dashboard_address="127.0.0.1:0",  # loopback, any free port: never clashes
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _count_done(report: RunReport, out_dir: Path, chunk_id: str, fmts: tuple[str, ...]) -> None:
    """Account for a chunk finished by an earlier run from its output's outcome column."""
    path = next(iter(output_paths(out_dir, chunk_id, fmts).values()))
    report.outcomes.update(read_outcomes(path))


def _progress_line(report: RunReport, started: float) -> str:
    finished = report.done + report.skipped + len(report.failed)
    rate = report.docs / max(time.perf_counter() - started, 1e-6)
    return f"[{finished}/{report.chunks} chunks] {report.docs} documents, {rate:.1f} docs/s"


def run(
    paths: Iterable[str],
    out_dir: str | Path,
    client: Any = None,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
    formats: tuple[str, ...] = ("parquet",),
    retries: int = 1,
    check_versions: bool = True,
    progress: Callable[[str, str], None] | None = None,
) -> RunReport:
    """Process `paths` into chunk outputs under `out_dir`; returns the run's report.

    Pass a `client` to reuse a cluster, else one is made from `scheduler` / `workers`.
    Workers refuse a chunk when their code, data or model differ from the driver's
    (`check_versions=False` allows it, e.g. while the data files are being edited).
    `progress(line, kind)` gets a line per finished chunk (kind "progress"), per document
    or chunk error ("error") and notes ("note").
    """
    started = time.perf_counter()
    paths = [str(p) for p in paths]
    say = progress or (lambda _line, _kind: None)
    out = Path(out_dir).resolve()
    expected = planning_versions()
    chunks = plan(paths, chunk_size, include, exclude, expected)
    write_manifest(
        out,
        chunks,
        {"paths": paths, "chunk_size": chunk_size, "formats": list(formats)}
        | {"versions": expected},
    )
    report = RunReport(chunks=len(chunks))
    todo = []
    for c in chunks:
        if is_done(out, c["chunk_id"], formats):
            report.skipped += 1
            _count_done(report, out, c["chunk_id"], formats)
        else:
            todo.append(c)
    if report.skipped:
        say(f"{report.skipped} of {len(chunks)} chunks already done in {out}: skipped", "note")
    if todo:
        with _client(client, scheduler, workers) as cl:
            report.workers = len(cl.scheduler_info().get("workers", {}))
            _warm_up(cl, say)
            check = expected if check_versions else None
            _map_chunks(cl, todo, out, formats, check, retries, report, say, started)
    stale = stale_outputs(out)
    if stale:
        say(
            f"{len(stale)} files in {out / 'chunks'} are not part of this run (earlier runs "
            "with other inputs or versions); tiegraph.distributed.output_files lists this "
            "run's",
            "note",
        )
    report.seconds = time.perf_counter() - started
    return report


def _warm_up(client: Any, say: Callable[[str, str], None]) -> None:
    """spaCy and the data loaded on every worker at once, before any chunk is timed; a
    worker that cannot load them is reported by its chunks, so a failure here is a note."""
    try:
        client.run(warm_up)
    except Exception as exc:
        say(
            f"warm-up failed on a worker ({type(exc).__name__}: {exc}); chunks will say why", "note"
        )


@contextmanager
def _client(client: Any, scheduler: str | None, workers: int | None) -> Iterator[Any]:
    if client is not None:
        yield client
    else:
        with connect(scheduler, workers) as cl:
            yield cl


def _map_chunks(
    client: Any,
    todo: list[dict],
    out: Path,
    formats: tuple[str, ...],
    expected: dict[str, str] | None,
    retries: int,
    report: RunReport,
    say: Callable[[str, str], None],
    started: float,
) -> None:
    """Submit the chunks and account for each as it completes, failures included."""
    from distributed import as_completed

    token = uuid.uuid4().hex[:8]  # fresh keys: a long-lived cluster never serves old results
    futures = client.map(
        process_chunk,
        todo,
        out_dir=str(out),
        formats=tuple(formats),
        expected_versions=expected,
        key=[f"tiegraph-{c['chunk_id']}-{token}" for c in todo],
        pure=False,
        retries=retries,
    )
    ids = {f.key: c["chunk_id"] for f, c in zip(futures, todo)}
    for fut in as_completed(futures):
        cid = ids[fut.key]
        try:
            summary = fut.result()
        except Exception as exc:  # a crashed task: no output, redone by the next run
            report.failed[cid] = f"{type(exc).__name__}: {exc}"
            say(f"chunk {cid} failed: {report.failed[cid]} (run again to retry it)", "error")
            continue
        finally:
            fut.release()
        if summary["status"] == "skipped":  # finished by a concurrent run meanwhile
            report.skipped += 1
            _count_done(report, out, cid, formats)
        else:
            report.add_chunk(summary)
            for line in summary["errors"]:
                say(line, "error")
        say(_progress_line(report, started), "progress")
