"""Turn paths, folders, archives and stdin into raw inputs, one at a time.

Readers only do I/O and decoding: HTML stays HTML here (main-content extraction is
`prepare`'s job, so it runs wherever the pipeline runs). Everything streams — folders
are walked one directory at a time, JSONL and WARC files are read record by record, a
gzip is decompressed as it is read — so memory does not grow with the corpus.

Nothing is lost: every problem (missing or unreadable file, binary data, an encoding
we cannot decode with confidence, a truncated gzip or WARC, a broken JSON line, a file
above the size limit) becomes a `RawInput` with `error` set, naming the source and the
reason, so the run goes on and the failure is recorded.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import gzip
import io
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, cast

from tiegraph.ingest import raw
from tiegraph.ingest.raw import (  # noqa: F401 - re-exported: the readers' public names
    RawInput,
    binary_kind,
    declared_charset,
    decode_bytes,
    detect_charset,
    make_input,
)

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc", ".arc"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | WARC_SUFFIXES

META_FIELDS = ("id", "url", "title", "published", "publisher", "author")
_GZIP_MAGIC = b"\x1f\x8b"
_HTML_SNIFF = re.compile(rb"<!doctype html|<html|<head|<body|<article|<p[\s>]|<div[\s>]", re.I)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?$")


# --- sniffing and streams --------------------------------------------------------------------


def sniff(head: bytes) -> str:
    """Format of a stream from its first bytes: gzip, warc, jsonl, html or text."""
    if head.startswith(_GZIP_MAGIC):
        return "gzip"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"WARC/"):
        return "warc"
    if stripped.startswith(b"{"):
        return "jsonl"
    if _HTML_SNIFF.search(head[:2048]):
        return "html"
    return "text"


def kind_of(path: Path) -> str:
    """Reader for a path from its suffixes ("x.warc.gz" -> warc); "sniff" if unknown."""
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    inner = suffixes[-2] if gz and len(suffixes) > 1 else (suffixes[-1] if suffixes else "")
    if gz and inner not in SUPPORTED:
        return "sniff"
    if inner in WARC_SUFFIXES:
        return "warc"
    if inner in JSONL_SUFFIXES:
        return "jsonl"
    if inner in HTML_SUFFIXES:
        return "html"
    if inner in TEXT_SUFFIXES:
        return "text"
    return "sniff"


def _peek(stream: IO[bytes], n: int = 4096) -> tuple[bytes, IO[bytes]]:
    """The first bytes of a stream without consuming them (wrapping it when needed)."""
    if isinstance(stream, gzip.GzipFile):
        return stream.peek(n)[:n], cast(IO[bytes], stream)
    if not isinstance(stream, io.BufferedReader):
        stream = io.BufferedReader(cast(io.RawIOBase, stream))
    return stream.peek(n)[:n], cast(IO[bytes], stream)


def read_stream(stream: IO[bytes], source: str, kind: str) -> Iterator[RawInput]:
    """Inputs from an open binary stream of a known kind (or "sniff")."""
    if kind == "sniff":
        head, stream = _peek(stream)
        kind = sniff(head)
    if kind == "gzip":
        yield from read_stream(cast(IO[bytes], gzip.GzipFile(fileobj=stream)), source, "sniff")
        return
    if kind == "warc":
        from tiegraph.ingest.warc import read_warc

        yield from read_warc(stream, source)
        return
    if kind == "jsonl":
        yield from read_jsonl(stream, source)
        return
    try:
        data = stream.read(raw.MAX_INPUT_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        yield RawInput(source, error=f"truncated or corrupt compressed data: {_reason(exc)}")
        return
    yield make_input(data, source, kind)


def _reason(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def _gz_stream(path: Path, kind: str) -> IO[bytes]:
    """An open stream for a path: gzip is decompressed on the fly except for WARC."""
    raw = open(path, "rb")  # noqa: SIM115 - closed by read_file
    if path.suffix.lower() == ".gz" and kind != "warc":
        return cast(IO[bytes], gzip.GzipFile(fileobj=raw))
    return raw


def source_name(path: Path | str) -> str:
    """A path as text any store and terminal can hold: bytes of a file name that are not
    UTF-8 (Python carries them as lone surrogates) are written as \\xNN escapes."""
    name = str(path)
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = name.encode("utf-8", "surrogateescape") if _escaped_only(name) else None
        if raw is None:
            return name.encode("utf-8", "backslashreplace").decode("utf-8")
        return raw.decode("utf-8", "backslashreplace")


def _escaped_only(name: str) -> bool:
    return all(not 0xD800 <= ord(ch) <= 0xDFFF or 0xDC80 <= ord(ch) <= 0xDCFF for ch in name)


def read_file(path: Path) -> Iterator[RawInput]:
    """Inputs from one file of any supported kind (suffix, else content sniffing).

    Only regular files are opened: a FIFO would block the run forever, a device never ends.
    """
    src = source_name(path)
    kind = kind_of(path)
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            yield RawInput(src, error=f"not a regular file ({_file_type(st.st_mode)}): skipped")
            return
        size = st.st_size
        if kind in {"text", "html"} and path.suffix.lower() != ".gz" and size > raw.MAX_INPUT_BYTES:
            yield RawInput(src, error=raw._too_large(size) + f"; file is {size:,} bytes")
            return
        stream = _gz_stream(path, kind)
    except OSError as exc:
        yield RawInput(src, error=f"unreadable: {exc.strerror or exc}")
        return
    with stream:
        yield from guarded(read_stream(stream, src, kind), src)


def _file_type(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "named pipe"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
        (stat.S_ISDIR, "directory"),
    ):
        if test(mode):
            return name
    return "special file"


def guarded(items: Iterator[RawInput], src: str) -> Iterator[RawInput]:
    """Items of a reader; an I/O or decompression error ends it with one error input."""
    try:
        yield from items
    except (OSError, EOFError, zlib.error) as exc:  # EIO, a bad gzip header, a cut stream
        yield RawInput(src, error=f"unreadable or corrupt: {_reason(exc)}")


# --- JSONL -----------------------------------------------------------------------------------


def normalise_date(value: Any) -> tuple[str, str] | None:
    """(ISO date, precision) from an ISO-like or written date ("2006-02-08T10:00Z", "Feb 2006")."""
    from tiegraph.ingest.metadata import parse_date_line

    if isinstance(value, int) and 1000 <= value <= 2999:
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        return None
    s = value.strip()
    m = _ISO_DATE.match(s)
    if m:
        y, mo, d = (int(g) if g else None for g in m.groups())
        try:
            if d is not None:
                return dt.date(y, mo, d).isoformat(), "day"  # type: ignore[arg-type]
        except ValueError:
            return None
        if mo is not None:
            return (f"{y:04d}-{mo:02d}", "month") if 1 <= mo <= 12 else None
        return f"{y:04d}", "year"
    parsed = parse_date_line(s)
    return (parsed.iso, parsed.precision) if parsed else None


def _safe(s: str) -> str:
    """JSON may carry lone surrogates ("\\ud800"), which no UTF-8 output can print."""
    return s.encode("utf-8", "replace").decode("utf-8")


def json_meta(obj: dict[str, Any]) -> dict[str, Any]:
    """The metadata fields of a JSONL object, as strings; dates normalised with precision."""
    meta: dict[str, Any] = {}
    for k in META_FIELDS:
        v = obj.get(k)
        if v is None or v == "" or isinstance(v, dict | list):
            continue
        meta[k] = _CONTROL_CHARS.sub("", _safe(str(v))).strip()
    if "published" in meta:
        norm = normalise_date(obj.get("published"))
        if norm:
            meta["published"], meta["published_precision"] = norm
        else:
            meta["published_raw"] = meta.pop("published")
    return meta


def _read_line(stream: IO[bytes]) -> tuple[bytes, bool]:
    """One line, at most MAX_INPUT_BYTES read into memory; (line, too_long)."""
    line = stream.readline(raw.MAX_INPUT_BYTES + 1)
    if len(line) <= raw.MAX_INPUT_BYTES or line.endswith(b"\n"):
        return line, False
    while True:  # skip the rest of the overlong line without holding it
        more = stream.readline(1 << 20)
        if not more or more.endswith(b"\n"):
            return b"x", True


def read_jsonl(stream: IO[bytes], src: str) -> Iterator[RawInput]:
    """One input per line; a broken line or a truncated stream is an input with an error."""
    n = records = 0
    while True:
        n += 1
        where = f"{src}:{n}"
        try:
            line, too_long = _read_line(stream)
        except (OSError, EOFError, zlib.error) as exc:
            yield RawInput(where, error=f"truncated or corrupt stream at line {n}: {_reason(exc)}")
            return
        if not line:
            break
        if too_long:
            records += 1
            yield RawInput(where, error=raw._too_large(raw.MAX_INPUT_BYTES + 1) + " (JSON line)")
        elif line.strip():
            records += 1
            yield json_input(line, where)
    if not records:
        yield RawInput(src, error="empty JSONL file (no records)")


def json_input(line: bytes, where: str) -> RawInput:
    """A RawInput from one JSONL line with `text` or `html`."""
    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        return RawInput(where, error=f"broken JSON line: {exc}")
    if not isinstance(obj, dict):
        return RawInput(where, error=f"JSON line is a {type(obj).__name__}, not an object")
    meta = json_meta(obj)
    for key, kind in (("text", "text"), ("html", "html")):
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            value = _CONTROL_CHARS.sub("", _safe(value))
            return make_input(value.encode("utf-8"), where, kind, meta, "utf-8")
    return RawInput(where, meta=meta, error="JSON object has no non-empty 'text' or 'html' field")


# --- folders and arguments -------------------------------------------------------------------


def _matches(rel: str, patterns: Iterable[str]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns)


def selected(rel: str, include: list[str] | None, exclude: list[str] | None) -> bool:
    """Folder walk filter: `include` globs (default: supported suffixes) minus `exclude` globs."""
    if exclude and _matches(rel, exclude):
        return False
    if include:
        return _matches(rel, include)
    return kind_of(Path(rel)) != "sniff" or rel.lower().endswith(".gz")


def walk(
    root: Path, include: list[str] | None = None, exclude: list[str] | None = None
) -> Iterator[Path | RawInput]:
    """Files under `root` in sorted order, one directory at a time; unreadable dirs as errors."""
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        while errors:
            exc = errors.pop()
            yield RawInput(
                source_name(exc.filename or dirpath), error=f"unreadable: {exc.strerror}"
            )
        dirnames.sort()
        base = Path(dirpath)
        for name in sorted(filenames):
            p = base / name
            rel = p.relative_to(root).as_posix()
            if selected(rel, include, exclude):
                yield p
    for exc in errors:
        yield RawInput(source_name(exc.filename or root), error=f"unreadable: {exc.strerror}")


def read_path(
    path: Path, include: list[str] | None = None, exclude: list[str] | None = None
) -> Iterator[RawInput]:
    """Inputs from a file or (recursively) a folder."""
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        yield RawInput(source_name(path), error="no such file or directory")
        return
    if path.is_dir():
        for item in walk(path, include, exclude):
            if isinstance(item, RawInput):
                yield item
            else:
                yield from read_file(item)
        return
    if not path.is_file():
        yield RawInput(
            source_name(path), error="not a regular file (broken link, device or socket)"
        )
        return
    yield from read_file(path)


def read_stdin() -> Iterator[RawInput]:
    """`-`: whatever arrives on stdin, its format sniffed (text, HTML, JSONL, WARC, gzip)."""
    yield from guarded(read_stream(sys.stdin.buffer, "-", "sniff"), "-")


def read_inputs(
    paths: Iterable[str], include: list[str] | None = None, exclude: list[str] | None = None
) -> Iterator[RawInput]:
    """Expand CLI arguments: files, folders (recursive, filtered by globs) and `-` for stdin."""
    for p in paths:
        if p == "-":
            yield from read_stdin()
        else:
            yield from read_path(Path(p), include, exclude)


def count_documents(
    paths: Iterable[str], include: list[str] | None = None, exclude: list[str] | None = None
) -> int | None:
    """How many inputs `read_inputs` will yield, when that is knowable without reading them.

    None when any input is a container (JSONL, WARC, stdin) whose record count is unknown.
    """
    total = 0
    for p in paths:
        if p == "-":
            return None
        path = Path(p)
        items = walk(path, include, exclude) if path.is_dir() else [path]
        for item in items:
            if isinstance(item, Path) and kind_of(item) in {"jsonl", "warc", "sniff"}:
                return None
            total += 1
    return total
