"""Exact and near-duplicate detection across a run, with memory that does not grow with it.

Syndicated wire stories, a page crawled twice, the same article with another footer:
counting each copy would double every event and claim. Two tiers:

- exact: the hash of the normalised clean text (the same hash that makes `doc_id`);
- near: MinHash signatures of word 5-shingles (datasketch), banded as datasketch's
  MinHashLSH bands them for `threshold` (5 bands of 11 values for 0.8 and 64
  permutations); a document sharing a band is a candidate, confirmed by the signatures'
  estimated Jaccard similarity >= `threshold`.

A duplicate is still recorded, with `duplicate_of` = the id of the first copy seen;
analyses skip such rows. Texts too short to shingle reliably are only checked for exact
copies.

Where the index lives: an ingest of 100,000 documents would hold ~2.5 KB per document
in an in-memory LSH, so the index is a SQLite database instead (by default a private
temporary one, deleted when the deduper is closed or collected): one row per document
(id, source, text hash, the 64-value signature), one per text hash, and one per band
(an 8-byte hash of the band's values, indexed). Each document costs a handful of
indexed lookups. The only memory it holds is SQLite's page cache, capped at
`cache_kib`; beyond it the pages live in the file.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import numpy as np

SHINGLE = 5
NUM_PERM = 64
THRESHOLD = 0.8
# below this, a few shared phrases would make two short texts "near"
MIN_SHINGLES = 20
SCHEME = "affine32"  # datasketch's hashing scheme, pinned so signatures stay comparable
CACHE_KIB = 8192  # SQLite page cache of the index: the deduper's whole memory, whatever N
COMMIT_EVERY = 500  # documents per transaction on the index

_WORD = re.compile(r"\w+", re.UNICODE)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS dd_docs (
    n INTEGER PRIMARY KEY, doc_id TEXT NOT NULL UNIQUE, source TEXT, text_hash TEXT,
    sig BLOB);
CREATE TABLE IF NOT EXISTS dd_exact (text_hash TEXT PRIMARY KEY, doc_id TEXT NOT NULL)
    WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dd_bands (h INTEGER NOT NULL, n INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS dd_bands_h ON dd_bands (h);
"""


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str, n: int = SHINGLE) -> set[bytes]:
    """Word n-grams of the normalised text, as bytes for hashing."""
    w = words(text)
    return {" ".join(w[i : i + n]).encode("utf-8") for i in range(len(w) - n + 1)}


@lru_cache(maxsize=4)
def _bands(threshold: float, num_perm: int) -> tuple[tuple[int, int], ...]:
    """The (start, end) of each band, exactly as datasketch's MinHashLSH would cut them
    (it integrates to choose them: ~70 ms, once per process, not per chunk)."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return tuple((i * lsh.r, (i + 1) * lsh.r) for i in range(lsh.b))


class Deduper:
    """Remembers the documents of a run; `check` says which earlier one a text copies.

    `path` is the index's SQLite file ("" = a private temporary file, the default).
    """

    def __init__(
        self,
        threshold: float = THRESHOLD,
        num_perm: int = NUM_PERM,
        path: str = "",
        cache_kib: int = CACHE_KIB,
    ):
        self.threshold = threshold
        self.num_perm = num_perm
        self._perms: Any = None
        self._band_cuts = _bands(threshold, num_perm)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute(f"PRAGMA cache_size = -{int(cache_kib)}")
        self._db.execute("PRAGMA temp_store = FILE")
        self._db.execute("PRAGMA synchronous = OFF")  # a scratch index: rebuilt if lost
        self._db.executescript(_SCHEMA)
        self._db.execute("BEGIN")
        self._pending = 0

    def close(self) -> None:
        """Drop the index (a temporary file is deleted)."""
        if self._db is not None:
            if self._db.in_transaction:
                self._db.execute("COMMIT")
            self._db.close()
            self._db = None  # type: ignore[assignment]

    def __enter__(self) -> Deduper:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        """Distinct texts remembered."""
        return int(self._db.execute("SELECT count(*) FROM dd_exact").fetchone()[0])

    def cache_pages(self) -> int:
        """Pages SQLite may keep in memory: the bound on the index's memory."""
        n = int(self._db.execute("PRAGMA cache_size").fetchone()[0])
        page = int(self._db.execute("PRAGMA page_size").fetchone()[0])
        return n if n >= 0 else -n * 1024 // page

    def pages(self) -> int:
        """Pages the index holds now (in the file)."""
        return int(self._db.execute("PRAGMA page_count").fetchone()[0])

    def _signature(self, grams: set[bytes]) -> np.ndarray:
        from datasketch import MinHash

        if self._perms is None:
            self._perms = MinHash(num_perm=self.num_perm, seed=1, scheme=SCHEME).permutations
        m = MinHash(num_perm=self.num_perm, seed=1, permutations=self._perms, scheme=SCHEME)
        m.update_batch(sorted(grams))
        return np.asarray(m.hashvalues, dtype=np.uint64)

    def _band_keys(self, sig: np.ndarray) -> list[int]:
        """One signed 64-bit key per band (a collision only adds a candidate to confirm)."""
        keys = []
        for k, (a, b) in enumerate(self._band_cuts):
            digest = hashlib.blake2b(sig[a:b].tobytes(), digest_size=8, person=bytes([k])).digest()
            keys.append(int.from_bytes(digest, "little", signed=True))
        return keys

    def _one(self, sql: str, params: tuple) -> Any:
        row = self._db.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def origin(self, doc_id: str) -> str | None:
        """Source of the first remembered document with this id (in this run or the store)."""
        return self._one("SELECT source FROM dd_docs WHERE doc_id = ?", (doc_id,))

    def text_hash(self, doc_id: str) -> str | None:
        """Text hash of the first remembered document with this id (an id given by the
        input, e.g. a JSONL `id`, may come back with another text)."""
        return self._one("SELECT text_hash FROM dd_docs WHERE doc_id = ?", (doc_id,))

    def _tick(self) -> None:
        self._pending += 1
        if self._pending >= COMMIT_EVERY:
            self._db.execute("COMMIT")
            self._db.execute("BEGIN")
            self._pending = 0

    def check(self, doc_id: str, text_hash: str, text: str, source: str = "") -> str | None:
        """The id of an earlier copy of `text` (exact or near), else None; then remember it."""
        db = self._db
        db.execute(
            "INSERT OR IGNORE INTO dd_docs (doc_id, source, text_hash) VALUES (?, ?, ?)",
            (doc_id, source, text_hash),
        )
        self._tick()
        first = self._one("SELECT doc_id FROM dd_exact WHERE text_hash = ?", (text_hash,))
        if first is not None:
            return str(first)
        grams = shingles(text)
        if len(grams) < MIN_SHINGLES:
            db.execute("INSERT INTO dd_exact VALUES (?, ?)", (text_hash, doc_id))
            return None
        sig = self._signature(grams)
        keys = self._band_keys(sig)
        marks = ",".join("?" * len(keys))
        candidates = db.execute(
            "SELECT d.doc_id, d.sig FROM dd_docs d WHERE d.n IN "
            f"(SELECT DISTINCT n FROM dd_bands WHERE h IN ({marks})) ORDER BY d.doc_id",
            keys,
        ).fetchall()
        for other, blob in candidates:
            seen = np.frombuffer(blob, dtype=np.uint64)
            if np.count_nonzero(seen == sig) / self.num_perm >= self.threshold:
                # later exact copies point at the first too
                db.execute("INSERT INTO dd_exact VALUES (?, ?)", (text_hash, other))
                return str(other)
        db.execute("INSERT INTO dd_exact VALUES (?, ?)", (text_hash, doc_id))
        n, stored = db.execute("SELECT n, sig FROM dd_docs WHERE doc_id = ?", (doc_id,)).fetchone()
        if stored is None:
            db.execute("UPDATE dd_docs SET sig = ? WHERE n = ?", (sig.tobytes(), n))
            db.executemany("INSERT INTO dd_bands VALUES (?, ?)", [(h, n) for h in keys])
        return None

    def seed(self, docs: Iterable[tuple[str, str, str, str]]) -> int:
        """Remember stored documents (doc_id, text_hash, text, source) of earlier runs."""
        n = 0
        for doc_id, text_hash, text, source in docs:
            self.check(doc_id, text_hash, text, source)
            n += 1
        return n
