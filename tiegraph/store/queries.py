"""Stable read API over the store, for the CLI, the HTTP API and the web UI.

Every function takes an open store (see `open_store`) and returns plain lists of
dicts (or one dict) that `json.dumps` accepts as they are: strings, numbers,
None, lists and dicts. Spans are `{"start", "end", "text"}` character offsets
into the document's clean text, as in the extraction record. Dates are the ISO
prefixes the extractors produce (`2006`, `2006-02`, `2006-02-08`), so string
comparison orders them and `since`/`until` accept any of those precisions
(`until="2006"` includes all of 2006).

Rows of documents marked `duplicate_of` (a syndicated copy, a re-post) are
recorded but not counted: every list and aggregate here leaves them out unless
called with `include_duplicates=True` (`list_documents` and `get_document`
still show them, with `duplicate_of` set).

These signatures are a contract: add keyword arguments, never remove or rename.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

# The parts (tiegraph/store/read/): this module re-exports them, so callers keep one import.
from tiegraph.store.read.common import (  # noqa: F401 - re-exported
    DEFAULT_LIMIT,
    LIKE,
    Row,
    _chunked_in,
    _dyad_where,
    _like,
    _loads,
    _modality_where,
    _originals,
    _page,
    _source,
    _span,
    _until_bound,
    date_range_sql,
)
from tiegraph.store.read.documents import (  # noqa: F401 - re-exported
    get_document,
    list_actors,
    list_documents,
    search,
)
from tiegraph.store.read.dyads import (  # noqa: F401 - re-exported
    _period,
    actor_network,
    dyad_claims,
    dyad_timeline,
    list_dyads,
)
from tiegraph.store.read.marks import document_marks  # noqa: F401 - re-exported
from tiegraph.store.read.rows import (  # noqa: F401 - re-exported
    list_claims,
    list_events,
    list_quotes,
)


def open_store(url_or_path: str | Path | None = None) -> Any:
    """Open (and create or migrate) a store: a SQLite path, `sqlite:///…` or `postgresql://…`.

    None means `$TIEGRAPH_DB`, else `./tiegraph.db`. Use it as a context manager
    or call `.close()`.
    """
    from tiegraph.store import open_store as _open

    return _open(url_or_path)


# -- frames ----------------------------------------------------------------------


def as_frame(rows: list[Row] | Row) -> Any:
    """Rows -> a pandas DataFrame, nested spans flattened (evidence.start -> evidence_start)."""
    import pandas as pd

    if isinstance(rows, dict):
        rows = [rows]
    if not rows:
        return pd.DataFrame()
    return pd.json_normalize(rows, sep="_")


def as_arrow(rows: list[Row] | Row) -> Any:
    """Rows -> a pyarrow Table."""
    import pyarrow as pa

    return pa.Table.from_pandas(as_frame(rows), preserve_index=False)


def events_frame(store: Any, **filters: Any) -> Any:
    """`list_events` (all rows unless `limit` is given) as a DataFrame."""
    filters.setdefault("limit", None)
    return as_frame(list_events(store, **filters))


def quotes_frame(store: Any, **filters: Any) -> Any:
    filters.setdefault("limit", None)
    return as_frame(list_quotes(store, **filters))


def claims_frame(store: Any, **filters: Any) -> Any:
    filters.setdefault("limit", None)
    return as_frame(list_claims(store, **filters))


def dyad_frame(store: Any, a: str, b: str, by: str = "year") -> Any:
    """`dyad_timeline` as a DataFrame indexed by period."""
    df = as_frame(dyad_timeline(store, a, b, by=by))
    return df.set_index("period") if len(df) else df
