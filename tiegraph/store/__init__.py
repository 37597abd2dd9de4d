"""The store: records in, queries out. SQLite by default, PostgreSQL for servers.

`open_store(target)` takes a file path, `sqlite:///path` or `postgresql://…`;
None means `$TIEGRAPH_DB`, else `./tiegraph.db`. The read API for the CLI,
HTTP API and web UI is `tiegraph.store.queries`.
"""

from __future__ import annotations

import os
from pathlib import Path

from tiegraph.store.sql import SQLStore


def default_target() -> str:
    """$TIEGRAPH_DB (a path or a URL), else ./tiegraph.db."""
    return os.environ.get("TIEGRAPH_DB") or "tiegraph.db"


def open_store(url_or_path: str | Path | None = None) -> SQLStore:
    """Open (creating or migrating) the store named by a path or URL."""
    return SQLStore(url_or_path or default_target())


__all__ = ["SQLStore", "default_target", "open_store"]
