"""The task a worker runs: `process_chunk(chunk, out_dir)` turns one chunk into one output.

It is the ordinary pipeline (`tiegraph.pipeline.process`, which parses with `nlp.pipe`)
over the chunk's inputs: the spaCy pipeline is loaded once per worker process
(`load_nlp` is cached per process; the project's components are registered there) and
never with spaCy's `n_process`, since the engine already runs one task per core.
Records are written under a temporary name and renamed; a chunk whose outputs exist is
skipped, so a failed or interrupted job is resumed by running it again. A bad input is
a record with `errors`, as in the local pipeline; only a crash of the task itself
(disk full, a killed worker) leaves the chunk without output, to be redone next run.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tiegraph.distributed.manifest import Chunk, Item
from tiegraph.distributed.records import FORMATS, SUFFIX, write_outputs
from tiegraph.ingest import raw as raw_input
from tiegraph.ingest.progress import outcome
from tiegraph.ingest.readers import (
    RawInput,
    _read_line,
    guarded,
    json_input,
    read_path,
)

CHUNKS_DIR = "chunks"
# One chunk at a time per process: a worker started with several threads shares one
# spaCy pipeline, which is not meant to be used from two threads at once.
_ONE_AT_A_TIME = threading.Lock()


class VersionMismatch(RuntimeError):
    """A worker runs other code, data or model than the driver planned with."""


def output_paths(out_dir: str | Path, chunk_id: str, formats: tuple[str, ...]) -> dict[str, Path]:
    base = Path(out_dir) / CHUNKS_DIR
    for f in formats:
        if f not in FORMATS:
            raise ValueError(f"unknown output format {f!r} (choose from {', '.join(FORMATS)})")
    return {f: base / f"{chunk_id}{SUFFIX[f]}" for f in formats}


def is_done(out_dir: str | Path, chunk_id: str, formats: tuple[str, ...]) -> bool:
    return all(p.exists() for p in output_paths(out_dir, chunk_id, formats).values())


def read_jsonl_piece(
    path: Path, src: str, offset: int, end: int, first_line: int
) -> Iterator[RawInput]:
    """Inputs of the lines of a JSONL file in [offset, end), numbered as `read_jsonl` does."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        n = first_line - 1
        while fh.tell() < end:
            n += 1
            line, too_long = _read_line(fh)
            if not line:
                return
            where = f"{src}:{n}"
            if too_long:
                yield RawInput(
                    where,
                    error=raw_input._too_large(raw_input.MAX_INPUT_BYTES + 1) + " (JSON line)",
                )
            elif line.strip():
                yield json_input(line, where)


def _renamed(raw: RawInput, full: str, src: str) -> RawInput:
    """Name the input as the user spelled its path ("path:line" and "path@offset" too)."""
    if full != src and raw.source.startswith(full):
        raw.source = src + raw.source[len(full) :]
    return raw


def read_item(item: Item) -> Iterator[RawInput]:
    """Raw inputs of one manifest item; every problem is an input with `error` set."""
    src = item["source"]
    if item.get("error"):
        yield RawInput(src, error=item["error"])
        return
    full = item["path"]
    if "offset" in item:
        piece = read_jsonl_piece(
            Path(full), src, int(item["offset"]), int(item["end"]), int(item["first_line"])
        )
        try:
            yield from guarded(piece, src)
        except OSError as exc:  # opening it failed
            yield RawInput(src, error=f"unreadable: {exc.strerror or exc}")
        return
    for raw in read_path(Path(full)):
        yield _renamed(raw, full, src)


def chunk_inputs(chunk: Chunk) -> Iterator[RawInput]:
    for item in chunk["items"]:
        yield from read_item(item)


def _check_versions(expected: dict[str, str] | None, nlp: Any) -> None:
    if not expected:
        return
    from tiegraph.pipeline import versions

    have = versions(nlp)
    diff = {k: (v, have.get(k)) for k, v in expected.items() if have.get(k) != v}
    if diff:
        what = ", ".join(f"{k}: driver {a} / worker {b}" for k, (a, b) in sorted(diff.items()))
        raise VersionMismatch(
            f"worker {socket.gethostname()} runs other versions than the driver ({what}); "
            "install the same tiegraph, data (TIEGRAPH_DATA_DIR) and spaCy model on every worker"
        )


WARM_UP_TEXT = (
    "Warm-up\n\nMarch 3, 2015\n\nNorway and Chile signed a fisheries agreement in Oslo on "
    'Tuesday. "This protects our fishermen," said Foreign Minister Erna Dahl.'
)


def nlp_loads() -> int:
    """How many spaCy pipelines this process has loaded (1 in a worker that keeps its own)."""
    from tiegraph.nlp.pipeline import load_nlp

    return int(load_nlp.cache_info().misses)


def warm_up() -> dict[str, Any]:
    """Load spaCy and build the lazily loaded data (gazetteers, patterns) in this worker.

    The runner calls it on every worker at once before mapping chunks, so the model and
    data load in parallel, outside the timed tasks, and the first chunk of each worker
    costs what the others cost."""
    from tiegraph.nlp.pipeline import load_nlp
    from tiegraph.pipeline import process

    t0 = time.perf_counter()
    with _ONE_AT_A_TIME:
        for _ in process([RawInput("warm-up", text=WARM_UP_TEXT)], nlp=load_nlp()):
            pass
    return {"nlp_loads": nlp_loads(), "seconds": round(time.perf_counter() - t0, 3)}


def summarise(
    chunk_id: str, records: list, status: str, seconds: float, cpu_seconds: float = 0.0
) -> dict[str, Any]:
    """What the driver prints and counts: small, so it travels back cheaply.

    `cpu_seconds` is the CPU time of the task's own thread: next to `seconds` it tells
    waiting for a core (cpu < seconds) from work, and next to the worker process's CPU
    time, the task from the worker's own threads (heartbeats, profiler)."""
    outcomes = Counter(outcome(r) for r in records)
    return {
        "chunk_id": chunk_id,
        "status": status,
        "docs": len(records),
        "outcomes": dict(outcomes),
        "events": sum(len(r.events) for r in records),
        "quotes": sum(len(r.quotes) for r in records),
        "claims": sum(len(r.claims) for r in records),
        "characterizations": sum(len(r.characterizations) for r in records),
        "errors": [
            f"{e.get('source', r.doc.source)}: {e['error']}" for r in records for e in r.errors
        ],
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu_seconds, 3),
        "worker": f"{socket.gethostname()}:{os.getpid()}",
        "nlp_loads": nlp_loads(),
    }


def process_chunk(
    chunk: Chunk,
    out_dir: str,
    formats: tuple[str, ...] = ("parquet",),
    expected_versions: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Extract every document of `chunk` and write its output(s); skip if already written.

    Returns a small summary (documents, outcomes, row counts, error lines, time).
    """
    from tiegraph.nlp.pipeline import load_nlp
    from tiegraph.pipeline import process

    cid = chunk["chunk_id"]
    paths = output_paths(out_dir, cid, formats)
    if all(p.exists() for p in paths.values()):
        return {"chunk_id": cid, "status": "skipped", "docs": 0, "seconds": 0.0}
    with _ONE_AT_A_TIME:
        t0, c0 = time.perf_counter(), time.thread_time()
        nlp = load_nlp()
        _check_versions(expected_versions, nlp)
        records = list(process(chunk_inputs(chunk), nlp=nlp))  # a fresh deduper per chunk
        write_outputs(records, paths, cid)
        return summarise(cid, records, "done", time.perf_counter() - t0, time.thread_time() - c0)
