"""Exact and near-duplicate detection across a run.

Syndicated wire stories, a page crawled twice, the same article with another footer:
counting each copy would double every event and claim. Two tiers:

- exact: the hash of the normalised clean text (the same hash that makes `doc_id`);
- near: MinHash signatures of word 5-shingles in an LSH index (datasketch), confirmed
  by the signatures' estimated Jaccard similarity >= `threshold`.

A duplicate is still recorded, with `duplicate_of` = the id of the first copy seen;
analyses skip such rows. The index keeps one 64-value signature and one text hash per
document (about 2.5 KB measured with the LSH buckets), never the text; texts too
short to shingle reliably are only checked for exact copies.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

SHINGLE = 5
NUM_PERM = 64
THRESHOLD = 0.8
MIN_SHINGLES = 20
SCHEME = "affine32"  # datasketch's hashing scheme, pinned so signatures stay comparable  # below this, a few shared phrases would make two short texts "near"

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str, n: int = SHINGLE) -> set[bytes]:
    """Word n-grams of the normalised text, as bytes for hashing."""
    w = words(text)
    return {" ".join(w[i : i + n]).encode("utf-8") for i in range(len(w) - n + 1)}


class Deduper:
    """Remembers the documents of a run; `check` says which earlier one a text copies."""

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM):
        self.threshold = threshold
        self.num_perm = num_perm
        self._exact: dict[str, str] = {}
        self._origin: dict[str, str] = {}  # doc_id -> source of the first document with that id
        self._hash_of: dict[str, str] = {}  # doc_id -> text hash of the first document with it
        self._sigs: dict[str, Any] = {}
        self._lsh: Any = None
        self._perms: Any = None

    def __len__(self) -> int:
        return len(self._exact)

    def _signature(self, grams: set[bytes]) -> Any:
        from datasketch import MinHash

        if self._perms is None:
            self._perms = MinHash(num_perm=self.num_perm, seed=1, scheme=SCHEME).permutations
        m = MinHash(num_perm=self.num_perm, seed=1, permutations=self._perms, scheme=SCHEME)
        m.update_batch(sorted(grams))
        return m

    def _index(self) -> Any:
        if self._lsh is None:
            from datasketch import MinHashLSH

            self._lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
        return self._lsh

    def origin(self, doc_id: str) -> str | None:
        """Source of the first remembered document with this id (in this run or the store)."""
        return self._origin.get(doc_id)

    def text_hash(self, doc_id: str) -> str | None:
        """Text hash of the first remembered document with this id (an id given by the
        input, e.g. a JSONL `id`, may come back with another text)."""
        return self._hash_of.get(doc_id)

    def check(self, doc_id: str, text_hash: str, text: str, source: str = "") -> str | None:
        """The id of an earlier copy of `text` (exact or near), else None; then remember it."""
        self._origin.setdefault(doc_id, source)
        self._hash_of.setdefault(doc_id, text_hash)
        if text_hash in self._exact:
            return self._exact[text_hash]
        grams = shingles(text)
        if len(grams) < MIN_SHINGLES:
            self._exact[text_hash] = doc_id
            return None
        sig = self._signature(grams)
        lsh = self._index()
        for other in sorted(lsh.query(sig)):
            if sig.jaccard(self._sigs[other]) >= self.threshold:
                self._exact[text_hash] = other  # later exact copies point at the first too
                return other
        self._exact[text_hash] = doc_id
        if doc_id not in self._sigs:
            lsh.insert(doc_id, sig)
            self._sigs[doc_id] = sig
        return None

    def seed(self, docs: Iterable[tuple[str, str, str, str]]) -> int:
        """Remember stored documents (doc_id, text_hash, text, source) of earlier runs."""
        n = 0
        for doc_id, text_hash, text, source in docs:
            self.check(doc_id, text_hash, text, source)
            n += 1
        return n
