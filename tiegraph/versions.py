"""The versions stamped on every record and hashed into Dask chunk ids.

Kept free of spaCy (standard library only): a distributed run's driver plans its
chunks, and the store checks its cached comparisons, before any model is loaded.
The data version hashes the data actually loaded, the packaged files plus the
same-named files in $TIEGRAPH_DATA_DIR that `resources.load_yaml` merges into them,
so editing a user's data gives new record versions and new chunk ids.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from tiegraph import __version__

# One entry per extractor: bump it when the extractor's output can change. Records carry
# these; an extractor's own VERSION constant must equal its entry (tests/test_versions.py).
EXTRACTORS: dict[str, str] = {
    "events": "events-0.4",
    "quotes": "quotes-0.5",
    "claims": "claims-0.5",
    "characterizations": "characterizations-0.5",
}

DATA_DIR = Path(__file__).parent / "data"
USER_DATA_ENV = "TIEGRAPH_DATA_DIR"
DATA_SUFFIXES = frozenset({".yaml", ".yml", ".csv", ".tsv", ".txt", ".json"})


def data_version() -> str:
    """12-hex hash of the packaged data merged with $TIEGRAPH_DATA_DIR's files."""
    return _data_hash(os.environ.get(USER_DATA_ENV) or "")


@lru_cache(maxsize=8)
def _data_hash(user_dir: str) -> str:
    h = hashlib.sha1()
    for rel, path in _packaged_files():
        h.update(b"packaged\0" + rel.encode() + b"\0")
        h.update(path.read_bytes())
        extra = Path(user_dir) / rel if user_dir else None
        if extra is not None and extra.is_file():
            h.update(b"user\0" + rel.encode() + b"\0")
            h.update(extra.read_bytes())
    return h.hexdigest()[:12]


def _packaged_files() -> list[tuple[str, Path]]:
    return sorted(
        (p.relative_to(DATA_DIR).as_posix(), p)
        for p in DATA_DIR.rglob("*")
        if p.is_file() and p.suffix in DATA_SUFFIXES
    )


def clear_cache() -> None:
    """Forget the data hash (a long-lived process whose data files were edited)."""
    _data_hash.cache_clear()


def versions(model: str | None = None) -> dict[str, str]:
    """tiegraph, data and extractor versions, plus the spaCy model's `name-version` if given."""
    v = {"tiegraph": __version__, "data": data_version(), **EXTRACTORS}
    if model is not None:
        v["model"] = model
    return v
