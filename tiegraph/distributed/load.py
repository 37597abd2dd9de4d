"""After the chunks: read the outputs back in input order and load them into a store.

Each worker detects duplicates within its chunk only. Before loading, the records pass
once more through a `Deduper` in input order (seeded with the store's documents, as
`tiegraph ingest` does), so a copy whose first occurrence sits in another chunk, or is
already stored, gets `duplicate_of` too. An exact copy from another source shares the
first copy's id; as in the local pipeline it gets an id of its own derived from the
first id and its source, and its rows' ids are re-derived from that, so both are kept.

The store is duck-typed (anything with `add_records`): this module never imports it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from tiegraph.distributed.chunk import CHUNKS_DIR, output_paths
from tiegraph.distributed.manifest import read_manifest
from tiegraph.distributed.records import FORMATS, read_records
from tiegraph.ingest.dedup import Deduper
from tiegraph.ingest.progress import outcome
from tiegraph.model import ExtractionRecord, stable_id
from tiegraph.pipeline import doc_id_for


def chunk_output(out_dir: Path, chunk_id: str) -> Path | None:
    """The output to read for a chunk (Parquet if both exist), None if it has none yet."""
    for p in output_paths(out_dir, chunk_id, FORMATS).values():
        if p.exists():
            return p
    return None


def output_files(out_dir: str | Path) -> list[Path]:
    """The chunk outputs of the run in `out_dir`, in input order (for pandas/Dask readers:
    `chunks/` may also hold outputs of earlier runs with other versions)."""
    out = Path(out_dir)
    found = (chunk_output(out, c["chunk_id"]) for c in read_manifest(out)["chunks"])
    return [p for p in found if p is not None]


def stale_outputs(out_dir: str | Path) -> list[Path]:
    """Files in `chunks/` that the current manifest does not name (older runs)."""
    out = Path(out_dir)
    ids = {c["chunk_id"] for c in read_manifest(out)["chunks"]}
    folder = out / CHUNKS_DIR
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if not p.name.startswith(".") and p.name.split(".")[0] not in ids
    )


def iter_outputs(
    out_dir: str | Path, missing: list[str] | None = None
) -> Iterator[ExtractionRecord]:
    """Records of the manifest's chunks in input order; ids of chunks without output go
    to `missing` (they failed and will be redone by the next run)."""
    out = Path(out_dir)
    for chunk in read_manifest(out)["chunks"]:
        path = chunk_output(out, chunk["chunk_id"])
        if path is None:
            if missing is not None:
                missing.append(chunk["chunk_id"])
            continue
        yield from read_records(path)


def as_copy(rec: ExtractionRecord, new_id: str, first: str) -> ExtractionRecord:
    """`rec` as a duplicate of `first` under its own id; child ids re-derived to stay unique."""

    def rid(old: str) -> str:
        return stable_id(new_id, old)

    doc = replace(rec.doc, doc_id=new_id, duplicate_of=first)
    return replace(
        rec,
        doc=doc,
        events=[replace(e, event_id=rid(e.event_id)) for e in rec.events],
        quotes=[replace(q, quote_id=rid(q.quote_id)) for q in rec.quotes],
        claims=[replace(c, claim_id=rid(c.claim_id)) for c in rec.claims],
        characterizations=[replace(c, char_id=rid(c.char_id)) for c in rec.characterizations],
    )


def mark_duplicates(
    records: Iterable[ExtractionRecord], dedup: Deduper
) -> Iterator[ExtractionRecord]:
    """Set `duplicate_of` on records that copy an earlier one in another chunk or the store."""
    for rec in records:
        doc = rec.doc
        if not doc.text or outcome(rec) == "failed":
            yield rec
            continue
        first = dedup.check(doc.doc_id, doc_id_for(doc.text), doc.text, doc.source)
        if doc.duplicate_of or first is None:
            yield rec  # unique, or already marked by its worker
        elif first != doc.doc_id:
            yield replace(rec, doc=replace(doc, duplicate_of=first))
        elif dedup.origin(first) == doc.source:
            yield rec  # the same input met again: the store skips it
        else:
            yield as_copy(rec, stable_id(first, "copy", doc.source), first)


def load_outputs(
    store: Any,
    out_dir: str | Path,
    seed: Iterable[tuple[str, str, str]] = (),
    missing: list[str] | None = None,
) -> dict[str, int]:
    """Load a run's outputs into `store` (idempotent: present documents are skipped).

    `seed` gives the store's documents as (doc_id, text, source) for duplicate checks.
    Returns the store's counts of stored / skipped / failed records.
    """
    dedup = Deduper()
    dedup.seed((d, doc_id_for(t), t, s) for d, t, s in seed)
    return store.add_records(mark_duplicates(iter_outputs(out_dir, missing), dedup))
