"""Cut the input into chunks: the manifest a distributed run works through.

A chunk is a list of items, each one input file, a line range of a large JSONL file,
or an input error found while listing (an unreadable folder). Items keep the path as
the user spelled it (`source`, which every record and failure names, exactly as
`tiegraph ingest` would) and an absolute `path` a worker started elsewhere can open.

Chunk ids are deterministic: the chunk's position plus a hash of its items (with each
file's size and modification time) and of the extraction versions. Running again over
the same inputs with the same code and data maps every chunk to the same output file,
which is what lets a re-run skip finished chunks; an edited input or a new rule set
gets new ids, so its chunks are processed again.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tiegraph.ingest.readers import RawInput, kind_of, walk

Item = dict[str, Any]
Chunk = dict[str, Any]
MANIFEST = "manifest.json"
DEFAULT_CHUNK_SIZE = 64  # documents: ~4 s of work per task at ~17 docs/s per core
_SCAN_BLOCK = 1 << 20


def _stamp(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def jsonl_pieces(path: Path, size: int) -> list[tuple[int, int, int, int]]:
    """(start byte, end byte, first line number, records) of consecutive pieces of a JSONL
    file holding at most `size` non-blank lines each; one pass, bounded memory."""
    pieces: list[tuple[int, int, int, int]] = []
    start, first, count, n = 0, 1, 0, 0
    with open(path, "rb") as fh:
        while True:
            line_start = fh.tell()
            got = content = False
            while True:  # a line, a block at a time: an overlong line is never held
                part = fh.readline(_SCAN_BLOCK)
                if not part:
                    break
                got = True
                content = content or bool(part.strip())
                if part.endswith(b"\n"):
                    break
            if not got:
                break
            n += 1
            if content:
                if count == size:
                    pieces.append((start, line_start, first, count))
                    start, first, count = line_start, n, 0
                count += 1
        end = fh.tell()
    if count:
        pieces.append((start, end, first, count))
    return pieces


def file_items(path: Path, chunk_size: int) -> Iterator[Item]:
    """Items for one file argument or folder entry: a plain JSONL file is split by lines."""
    src, full = str(path), os.path.abspath(path)
    kind = kind_of(path)
    gz = path.suffix.lower() == ".gz"
    if kind == "jsonl" and not gz and path.is_file():
        try:
            pieces = jsonl_pieces(path, chunk_size)
        except OSError:
            pieces = []  # the worker's reader reports the error
        if len(pieces) > 1:
            stamp = _stamp(path)
            for start, end, first, count in pieces:
                yield {
                    "source": src,
                    "path": full,
                    "offset": start,
                    "end": end,
                    "first_line": first,
                    "weight": count,
                    "stamp": stamp,
                }
            return
        weight = pieces[0][3] if pieces else 1
    elif kind in {"warc", "jsonl"}:  # a container we cannot split simply: a chunk of its own
        weight = chunk_size
    else:
        weight = 1
    yield {"source": src, "path": full, "weight": weight, "stamp": _stamp(path)}


def expand(
    paths: Iterable[str],
    chunk_size: int,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
) -> Iterator[Item]:
    """Items for CLI paths in the order `read_inputs` reads them (folders sorted, recursive)."""
    for p in paths:
        if p == "-":
            raise ValueError("stdin ('-') cannot be distributed: save it to a file and pass that")
        path = Path(p)
        if path.is_dir():
            for entry in walk(path, include, exclude):
                if isinstance(entry, RawInput):
                    yield {"source": entry.source, "error": entry.error, "weight": 1}
                else:
                    yield from file_items(entry, chunk_size)
        else:  # a file, or a missing/irregular path the worker's reader reports
            yield from file_items(path, chunk_size)


def _chunk_id(index: int, items: list[Item], versions: dict[str, str]) -> str:
    key = json.dumps([items, versions], sort_keys=True, ensure_ascii=False)
    return f"chunk-{index:05d}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:10]}"


def pack(items: Iterable[Item], chunk_size: int, versions: dict[str, str]) -> list[Chunk]:
    """Consecutive items into chunks of at most `chunk_size` documents (one item at least)."""
    chunks: list[Chunk] = []
    cur: list[Item] = []
    weight = 0

    def close() -> None:
        nonlocal cur, weight
        if cur:
            cid = _chunk_id(len(chunks), cur, versions)
            chunks.append({"chunk_id": cid, "items": cur, "weight": weight})
        cur, weight = [], 0

    for item in items:
        w = max(1, int(item.get("weight", 1)))
        if cur and weight + w > chunk_size:
            close()
        cur.append(item)
        weight += w
    close()
    return chunks


def plan(
    paths: Iterable[str],
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
    versions: dict[str, str] | None = None,
) -> list[Chunk]:
    """The chunks for a run over `paths`."""
    if chunk_size < 1:
        raise ValueError("chunk size must be at least 1")
    return pack(expand(paths, chunk_size, include, exclude), chunk_size, versions or {})


def write_manifest(out_dir: Path, chunks: list[Chunk], meta: dict[str, Any]) -> Path:
    """Save the run's chunk list (atomically) so outputs can be loaded in input order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / MANIFEST
    tmp = path.with_name(f".{MANIFEST}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps({**meta, "chunks": chunks}, indent=1, ensure_ascii=False))
    os.replace(tmp, path)
    return path


def read_manifest(out_dir: Path) -> dict[str, Any]:
    path = Path(out_dir) / MANIFEST
    if not path.exists():
        raise FileNotFoundError(f"no {MANIFEST} in {out_dir}: not the output folder of a run")
    return json.loads(path.read_text())
