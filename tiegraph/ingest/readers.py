"""Turn paths, folders, JSONL files and stdin into raw inputs, one at a time.

Readers stream: a folder of a million files or a huge JSONL file is never held
in memory. Every problem becomes a `RawInput` with `error` set, naming the
source and the reason, so the run goes on and the failure is recorded.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tiegraph.config import MAX_DOC_CHARS

TEXT_SUFFIXES = {".txt", ".text", ".md"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | JSONL_SUFFIXES


@dataclass
class RawInput:
    source: str  # path, "path:line", or "-"
    text: str | None = None
    meta: dict = field(default_factory=dict)
    error: str | None = None


def _decode(data: bytes, source: str) -> RawInput:
    if not data.strip():
        return RawInput(source, error="empty document (no text)")
    head = data[:4096]
    if b"\x00" in head or _control_ratio(head) > 0.1:
        return RawInput(source, error="binary file, not text (contains NUL/control bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return RawInput(
            source,
            error=f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}; "
            "re-encode the file as UTF-8",
        )
    if len(text) > MAX_DOC_CHARS:
        return RawInput(
            source,
            error=f"document too large: {len(text):,} characters > limit {MAX_DOC_CHARS:,} "
            "(set TIEGRAPH_MAX_DOC_CHARS to raise it)",
        )
    return RawInput(source, text=text)


def _control_ratio(b: bytes) -> float:
    if not b:
        return 0.0
    bad = sum(1 for x in b if x < 9 or 13 < x < 32)
    return bad / len(b)


def read_path(path: Path) -> Iterator[RawInput]:
    src = str(path)
    if not path.exists():
        yield RawInput(src, error="no such file or directory")
        return
    if path.is_dir():
        for p in sorted(path.rglob("*")):
            if p.is_file() and _suffix(p) in SUPPORTED:
                yield from read_path(p)
        return
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield RawInput(src, error=f"unreadable: {exc.strerror or exc}")
        return
    if path.suffix == ".gz":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            yield RawInput(src, error=f"broken gzip: {exc}")
            return
    if _suffix(path) in JSONL_SUFFIXES:
        yield from read_jsonl(io.BytesIO(raw), src)
    else:
        yield _decode(raw, src)


def _suffix(p: Path) -> str:
    suffixes = p.suffixes
    if suffixes and suffixes[-1] == ".gz" and len(suffixes) > 1:
        return suffixes[-2].lower()
    return p.suffix.lower()


def read_jsonl(stream: io.BufferedIOBase, src: str) -> Iterator[RawInput]:
    for n, line in enumerate(stream, 1):
        where = f"{src}:{n}"
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield RawInput(where, error=f"broken JSON line: {exc}")
            continue
        if not isinstance(obj, dict):
            yield RawInput(where, error="JSON line is not an object")
            continue
        text = obj.get("text")
        if not isinstance(text, str) or not text.strip():
            yield RawInput(where, error="JSON object has no non-empty 'text' field")
            continue
        meta = {
            k: obj.get(k) for k in ("id", "url", "title", "published", "publisher") if obj.get(k)
        }
        item = _decode(text.encode("utf-8"), where)
        item.meta = meta
        yield item


def read_inputs(paths: Iterable[str]) -> Iterator[RawInput]:
    """Expand CLI arguments: files, folders (recursive) and `-` for stdin."""
    for p in paths:
        if p == "-":
            yield _decode(sys.stdin.buffer.read(), "-")
        else:
            yield from read_path(Path(p))
