"""The embedded store: one SQLite file (WAL, FTS5). Kept for callers of `SQLiteStore(path)`.

Everything lives in `tiegraph.store.sql.SQLStore`, which serves PostgreSQL too.
"""

from __future__ import annotations

from pathlib import Path

from tiegraph.store.sql import SQLStore


class SQLiteStore(SQLStore):
    def __init__(self, path: str | Path, migrate: bool = True):
        super().__init__(Path(path) if "://" not in str(path) else str(path), migrate=migrate)
