"""The raw-input record and the making of one from a document's bytes.

A `RawInput` is what every reader yields (`readers` for files, folders, JSONL and
stdin; `warc` for archives): text or HTML with its metadata, or an error naming the
source and the reason. `make_input` refuses empty, oversized and binary data and decodes
the rest (UTF-8, a declared charset, or one detected with confidence), so a bad file is
a recorded failure, never a crash. Its own module so that the readers and the WARC
reader both build on it without importing each other.
"""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass, field
from typing import Any

from tiegraph.config import MAX_DOC_CHARS

# A single document file (or JSONL line, or WARC payload) above this many bytes is
# refused before it is read: HTML markup is often 10-20x its text, so the default is
# generous relative to MAX_DOC_CHARS, yet a 50 MB file is never loaded.
MAX_INPUT_BYTES = int(os.environ.get("TIEGRAPH_MAX_INPUT_BYTES", str(MAX_DOC_CHARS * 25)))

# charset-normalizer's "chaos" (mess ratio) above which a detected charset is not trusted:
# real single-byte text decodes at 0.0, a wrong guess on binary noise at 0.05 and more.
MAX_CHAOS = 0.03
_MAGIC = {
    b"%PDF": "PDF document",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive (e.g. .docx/.xlsx)",
    b"\x7fELF": "executable",
    b"BZh": "bzip2 archive",
    b"\xfd7zXZ": "xz archive",
    b"\xd0\xcf\x11\xe0": "MS Office document",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


@dataclass
class RawInput:
    source: str  # path, "path:line" (JSONL), "path@offset" (WARC record), or "-"
    text: str | None = None  # plain text
    meta: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    html: str | None = None  # HTML markup, for prepare's main-content extraction


# --- decoding --------------------------------------------------------------------------------


def binary_kind(head: bytes) -> str | None:
    """What a byte prefix is if it is not text: a known magic number, or NUL/control bytes."""
    for magic, name in _MAGIC.items():
        if head.startswith(magic):
            return name
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if b"\x00" in head or _control_ratio(head) > 0.1:
        return "binary data (NUL/control bytes)"
    return None


def _control_ratio(b: bytes) -> float:
    if not b:
        return 0.0
    return sum(1 for x in b if x < 9 or 13 < x < 32) / len(b)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB (`<meta charset>`), if Python knows it."""
    m = _META_CHARSET.search(data[:4096])
    return _known_codec(m.group(1).decode("ascii", "ignore")) if m else None


def _known_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    # WHATWG: labels for Latin-1/ASCII mean windows-1252 on the web.
    return "cp1252" if codec in {"latin-1", "iso8859-1", "ascii"} else codec


def detect_charset(data: bytes) -> str | None:
    """A charset charset-normalizer is confident about (low "chaos"), else None.

    Among near-equal candidates windows-1252 is preferred: it is the web's default for
    Western text, which is what an English pipeline mostly meets.
    """
    from charset_normalizer import from_bytes

    results = list(from_bytes(data[:200_000]))
    if not results:
        return None
    best = results[0]
    if best.chaos > MAX_CHAOS:
        return None
    for r in results:
        if r.chaos <= best.chaos + 0.1 and "cp1252" in r.could_be_from_charset:
            return "cp1252"
    return best.encoding if _plausible(str(best)) else None


def _plausible(text: str) -> bool:
    """Decoded text that reads like writing: mostly letters, digits, spaces and punctuation."""
    sample = text[:20000]
    if not sample:
        return False
    ok = sum(ch.isalnum() or ch.isspace() or ch in ".,;:!?'\"()-–—“”‘’«»。、" for ch in sample)
    return ok / len(sample) >= 0.9


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str | None, str]:
    """(text, encoding) or (None, reason). UTF-8 first, then a declared or detected charset."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        where = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
    for enc in (_known_codec(declared), detect_charset(data)):
        if enc and enc != "utf-8":
            try:
                return data.decode(enc), enc
            except (UnicodeDecodeError, LookupError):
                continue
    return None, (
        f"not valid UTF-8 ({where}) and no charset could be detected with confidence; "
        "re-encode the file as UTF-8"
    )


def _too_large(n: int, unit: str = "bytes") -> str:
    return (
        f"input too large: more than {MAX_INPUT_BYTES:,} {unit} "
        f"(raise TIEGRAPH_MAX_INPUT_BYTES / TIEGRAPH_MAX_DOC_CHARS to allow it)"
        if n > MAX_INPUT_BYTES
        else ""
    )


def make_input(
    data: bytes, source: str, kind: str, meta: dict | None = None, declared: str | None = None
) -> RawInput:
    """One RawInput from the bytes of one document: `kind` is "text" or "html"."""
    meta = dict(meta or {})
    if not data.strip():
        return RawInput(source, meta=meta, error="empty document (no text)")
    if len(data) > MAX_INPUT_BYTES:
        return RawInput(source, meta=meta, error=_too_large(len(data)))
    if (what := binary_kind(data[:4096])) is not None:
        return RawInput(source, meta=meta, error=f"binary file, not text: {what}")
    if kind == "html":
        declared = declared or declared_charset(data)
    text, how = decode_bytes(data, declared)
    if text is None:
        return RawInput(source, meta=meta, error=how)
    if how != "utf-8":
        meta["encoding"] = how
    if (nul := text.find("\x00")) != -1:
        # past the first 4 KB the binary check reads: the same verdict wherever it is, so
        # no store sees a NUL (PostgreSQL text cannot hold one; SQLite would keep it)
        return RawInput(
            source, meta=meta, error=f"binary file, not text: NUL byte at character {nul:,}"
        )
    if not text.strip():
        return RawInput(source, meta=meta, error="empty document (no text)")
    if kind == "html":
        return RawInput(source, meta=meta, html=text)
    return RawInput(source, text=text, meta=meta)
