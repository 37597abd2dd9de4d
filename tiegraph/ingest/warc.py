"""WARC (and ARC) archives, streamed record by record with warcio.

A crawl holds far more than articles: requests, metadata, images, scripts, redirects.
Only records that carry a page are documents — `response` records with a 2xx status and
an HTML or plain-text body, `resource` records with such a type, and WET `conversion`
records — and everything else is passed over without a word. A record cut short (a
truncated file) or a stream warcio cannot parse ends the archive with one error input
naming the offset, and an archive with no document at all is reported too, so the file
is never silently lost.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from tiegraph.ingest import raw
from tiegraph.ingest.raw import RawInput, make_input

DOC_RECORDS = {"response", "resource", "conversion"}
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)


def _content_type(record: Any) -> str:
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    value = (headers.get_header("Content-Type") if headers else None) or ""
    return value.lower()


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip() == "charset" and value:
            return value.strip().strip("\"'")
    return None


def document_kind(record: Any) -> str | None:
    """ "html" or "text" when the record carries a page; None for everything else."""
    if record.rec_type not in DOC_RECORDS:
        return None
    if record.rec_type == "response":
        status = record.http_headers.get_statuscode() if record.http_headers else None
        if not status or not str(status).startswith("2"):
            return None
    ctype = _content_type(record)
    if ctype.startswith(HTML_TYPES):
        return "html"
    if ctype.startswith(TEXT_TYPES) or (record.rec_type == "conversion" and not ctype):
        return "text"
    return None


def record_meta(record: Any) -> dict[str, Any]:
    """Target URI and the capture date (`crawled`: an upper bound of publication)."""
    meta: dict[str, Any] = {}
    uri = record.rec_headers.get_header("WARC-Target-URI")
    if uri:
        meta["url"] = uri.strip("<>")
    date = record.rec_headers.get_header("WARC-Date")
    if date and len(date) >= 10:
        meta["crawled"] = date[:10]
    return meta


def _why(exc: Exception) -> str:
    # warcio meets a cut gzip member as a None header line (AttributeError) or an EOFError
    if isinstance(exc, AttributeError | EOFError):
        return "the data ends in the middle of a record"
    return f"{type(exc).__name__}: {exc}"


class _Counting:
    """A read-only stream that counts the bytes read and keeps the last few of them."""

    KEEP = 4096

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream, self.total, self._tail = stream, 0, b""

    def read(self, n: int = -1) -> bytes:
        data = self._stream.read(n)
        self.total += len(data)
        self._tail = (self._tail + data)[-self.KEEP :]
        return data

    def unparsed(self, parsed: int) -> int | None:
        """How many bytes after offset `parsed` (the end of the last whole record) are
        not whitespace, after reading the rest of the stream; None if there are none."""
        while self.read(1 << 16):
            pass
        extra = self.total - parsed
        if extra <= 0:
            return None
        if extra <= self.KEEP and not self._tail[-extra:].strip():
            return None
        return extra


def _missing_bytes(record: Any) -> int:
    """Bytes of the record's declared length that the data does not hold (-1: its headers).

    The rest of the record is read (in chunks, never held) so that a cut anywhere in it
    is seen: warcio itself skips to the next record without saying that it ran short, and
    hands a record whose headers were cut off as one without a type or length.
    """
    if (
        record.rec_type is None
        or not (record.rec_headers.get_header("Content-Length") or "").strip()
    ):
        return -1  # the data stops inside the record's headers
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    return getattr(raw, "limit", 0) or 0


def read_warc(stream: IO[bytes], src: str) -> Iterator[RawInput]:
    """Document inputs of one WARC stream (plain or gzip per record)."""
    from warcio.archiveiterator import ArchiveIterator

    class QuietIterator(ArchiveIterator):  # warcio prints length warnings to stderr itself
        INC_RECORD = ""

    seen = docs = 0
    offset: int | None = 0
    counted = _Counting(stream)
    try:
        it = QuietIterator(counted, arc2warc=True)
        for record in it:
            seen += 1
            kind = document_kind(record)
            body = record.content_stream().read(raw.MAX_INPUT_BYTES + 1) if kind else b""
            missing = _missing_bytes(record)
            offset = it.get_record_offset()
            where = f"{src}@{offset}"
            docs += 1 if kind else 0
            if missing:
                # any record, page or not: its cut is the end of the archive's data
                what = "its headers are cut off" if missing < 0 else f"{missing:,} bytes missing"
                yield RawInput(
                    where, meta=record_meta(record), error=f"truncated WARC record: {what}"
                )
                return
            if kind is None:
                continue
            yield make_input(
                body, where, kind, record_meta(record), _charset(_content_type(record))
            )
    except Exception as exc:  # warcio raises many types (and AttributeError) on a cut stream
        if not seen:
            yield RawInput(
                src, error=f"not a WARC file, or its first record is corrupt: {_why(exc)}"
            )
            return
        yield RawInput(
            src,
            error=f"truncated or corrupt WARC after {seen} record(s), the last one at offset "
            f"{offset}: {_why(exc)}",
        )
        return
    if (tail := counted.unparsed(it.offset)) is not None:
        # warcio ends quietly when the data stops inside a record's headers
        yield RawInput(
            f"{src}@{it.offset}",
            error=f"truncated WARC record: the data ends {tail:,} bytes into a record",
        )
        return
    if not docs:
        yield RawInput(
            src,
            error=f"WARC has no HTML or text page records ({seen} record(s) of other kinds)"
            if seen
            else "not a WARC file, or an empty one (no records)",
        )
