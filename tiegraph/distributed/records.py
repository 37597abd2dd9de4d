"""Chunk outputs on disk: extraction records as Parquet rows and/or JSONL lines, and back.

A chunk output is the unit a Dask task produces. Parquet holds one row per document:
flat columns an analyst can filter with pandas/Dask/DuckDB without parsing anything
(doc_id, published, outcome, n_events, ...) plus `record`, the full extraction record
as JSON (the public contract of `tiegraph extract`, sentences included, since the
store indexes them). JSONL holds the same records one per line. Files are written
under a temporary name and renamed, so an output that exists is complete.
"""

from __future__ import annotations

import dataclasses
import json
import os
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from tiegraph.ingest.progress import outcome
from tiegraph.model import (
    Actor,
    ActorRef,
    Characterization,
    Claim,
    Document,
    Event,
    ExtractionRecord,
    Mention,
    Quote,
    Span,
    Speaker,
)

FORMATS = ("parquet", "jsonl")
SUFFIX = {"parquet": ".parquet", "jsonl": ".jsonl"}
T = TypeVar("T")


# --- dict -> record (the inverse of ExtractionRecord.to_dict) -------------------------------


def _build(cls: type[T], d: dict[str, Any], **parsed: Any) -> T:
    """`cls` from a dict, ignoring keys it does not know (a record from another version)."""
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    kwargs = {k: v for k, v in d.items() if k in names}
    kwargs.update(parsed)
    return cls(**kwargs)


def _span(d: dict[str, Any] | None) -> Span | None:
    return Span.from_dict(d)


def _span_or_str(v: Any) -> Span | str | None:
    """A dating source: the span of a time expression, or a word such as "publication"."""
    return _span(v) if isinstance(v, dict) else v


def _ref(d: dict[str, Any] | None) -> ActorRef | None:
    return None if d is None else _build(ActorRef, d)


def _event(d: dict[str, Any]) -> Event:
    return _build(
        Event,
        d,
        source=_ref(d.get("source")),
        target=_ref(d.get("target")),
        also_sources=[_build(ActorRef, r) for r in d.get("also_sources") or []],
        also_targets=[_build(ActorRef, r) for r in d.get("also_targets") or []],
        date_source=_span_or_str(d.get("date_source")),
        trigger=_span(d["trigger"]),
        evidence=_span(d["evidence"]),
    )


def _quote(d: dict[str, Any]) -> Quote:
    sp = d.get("speaker")
    speaker = None if sp is None else _build(Speaker, sp, span=_span(sp.get("span")))
    return _build(
        Quote,
        d,
        span=_span(d["span"]),
        speaker=speaker,
        about=list(d.get("about") or []),
        evidence=_span(d.get("evidence")),
    )


def record_from_dict(d: dict[str, Any]) -> ExtractionRecord:
    """Rebuild the typed record that `to_dict` serialised, so the store can load it."""
    return ExtractionRecord(
        doc=_build(Document, d["doc"]),
        actors=[_build(Actor, a) for a in d.get("actors", [])],
        mentions=[_build(Mention, m, span=_span(m["span"])) for m in d.get("mentions", [])],
        events=[_event(e) for e in d.get("events", [])],
        quotes=[_quote(q) for q in d.get("quotes", [])],
        claims=[
            _build(
                Claim,
                c,
                evidence=_span(c["evidence"]),
                as_of_source=_span_or_str(c.get("as_of_source")),
            )
            for c in d.get("claims", [])
        ],
        characterizations=[
            _build(Characterization, c, span=_span(c["span"]), evidence=_span(c["evidence"]))
            for c in d.get("characterizations", [])
        ],
        sentences=[_span(s) for s in d.get("sentences", [])],  # type: ignore[misc]
        entities=list(d.get("entities", [])),
        errors=list(d.get("errors", [])),
        versions=dict(d.get("versions", {})),
    )


# --- record -> flat row -----------------------------------------------------------------------


def record_json(rec: ExtractionRecord) -> str:
    """The whole record as one JSON text (a JSONL line, a Parquet `record` cell)."""
    return json.dumps(rec.to_dict(), ensure_ascii=False)


def flat_row(
    rec: ExtractionRecord, chunk_id: str, n: int, as_json: str | None = None
) -> dict[str, Any]:
    """One Parquet row: columns to filter on, and the whole record as JSON (`as_json`,
    when the caller has it already)."""
    d = rec.doc
    return {
        "chunk_id": chunk_id,
        "n": n,
        "doc_id": d.doc_id,
        "source": d.source,
        "title": d.title,
        "url": d.url,
        "publisher": d.publisher,
        "published": d.published,
        "published_precision": d.published_precision,
        "language": d.language,
        "duplicate_of": d.duplicate_of,
        "outcome": outcome(rec),
        "n_chars": len(d.text),
        "n_actors": len(rec.actors),
        "n_mentions": len(rec.mentions),
        "n_events": len(rec.events),
        "n_quotes": len(rec.quotes),
        "n_claims": len(rec.claims),
        "n_characterizations": len(rec.characterizations),
        "n_errors": len(rec.errors),
        "errors": json.dumps(rec.errors, ensure_ascii=False),
        "record": as_json if as_json is not None else record_json(rec),
    }


def _schema() -> Any:
    import pyarrow as pa

    s, i = pa.string(), pa.int64()
    cols = [("chunk_id", s), ("n", i), ("doc_id", s), ("source", s), ("title", s), ("url", s)]
    cols += [("publisher", s), ("published", s), ("published_precision", s), ("language", s)]
    cols += [("duplicate_of", s), ("outcome", s), ("n_chars", i), ("n_actors", i)]
    cols += [("n_mentions", i), ("n_events", i), ("n_quotes", i), ("n_claims", i)]
    cols += [("n_characterizations", i), ("n_errors", i), ("errors", s), ("record", s)]
    return pa.schema(cols)


# --- atomic writes ----------------------------------------------------------------------------


def _tmp_name(path: Path) -> Path:
    """A name in the same folder (so the rename is atomic) that no other writer uses."""
    return path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")


def _publish(tmp: Path, path: Path) -> None:
    """Make a finished temporary file visible under its real name, in one rename."""
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_parquet(rows: list[dict[str, Any]], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    tmp = _tmp_name(path)
    try:
        pq.write_table(pa.Table.from_pylist(rows, schema=_schema()), tmp, compression="zstd")
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _publish(tmp, path)


def write_jsonl(records: Iterable[ExtractionRecord | str], path: Path) -> None:
    """Records (or their `record_json` texts), one per line."""
    tmp = _tmp_name(path)
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            for rec in records:
                fh.write((rec if isinstance(rec, str) else record_json(rec)) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _publish(tmp, path)


def write_outputs(records: list[ExtractionRecord], paths: dict[str, Path], chunk_id: str) -> None:
    """Write a chunk's records in every requested format; JSONL first, Parquet (the marker
    most readers look for) last. Each record is turned into JSON once for both."""
    texts = [record_json(r) for r in records]
    for fmt in sorted(paths, key=lambda f: f == "parquet"):
        path = paths[fmt]
        path.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "parquet":
            rows = [flat_row(r, chunk_id, n, t) for n, (r, t) in enumerate(zip(records, texts))]
            write_parquet(rows, path)
        else:
            write_jsonl(texts, path)


# --- reading back -----------------------------------------------------------------------------


def read_dicts(path: Path, batch_rows: int = 256) -> Iterator[dict[str, Any]]:
    """Record dicts of one chunk output, in order, a row group / line at a time."""
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(path)
        for batch in pf.iter_batches(batch_size=batch_rows, columns=["record"]):
            for text in batch.column(0).to_pylist():
                yield json.loads(text)
        return
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def read_records(path: Path) -> Iterator[ExtractionRecord]:
    for d in read_dicts(path):
        yield record_from_dict(d)


def read_outcomes(path: Path) -> list[str]:
    """Each document's outcome in a chunk output (Parquet reads one small column)."""
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return [str(x) for x in pq.read_table(path, columns=["outcome"]).column(0).to_pylist()]
    return [outcome(r) for r in read_records(path)]
