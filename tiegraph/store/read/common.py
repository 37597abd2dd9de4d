"""What every read module shares: row type, paging, spans, JSON columns, the SQL fragments
for dates, duplicates, LIKE, modality and dyads."""

from __future__ import annotations

import json
from typing import Any

Row = dict[str, Any]

DEFAULT_LIMIT = 100


def _until_bound(until: str) -> str:
    """`until` is inclusive at its own precision: '2006' covers 2006-12-31."""
    return until + "\uffff"


def date_range_sql(column: str, since: str | None, until: str | None) -> tuple[str, list]:
    """' AND col >= ? AND col <= ?' for the bounds given, with their parameters;
    `until` inclusive at its own precision."""
    sql, params = "", []
    if since:
        sql += f" AND {column} >= ?"
        params.append(since)
    if until:
        sql += f" AND {column} <= ?"
        params.append(_until_bound(until))
    return sql, params


def _page(sql: str, params: list, limit: int | None, offset: int) -> tuple[str, list]:
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, int(limit), int(offset)]
    return sql, params


def _span(start: Any, end: Any, text: Any) -> Row | None:
    if start is None:
        return None
    return {"start": int(start), "end": int(end), "text": text}


def _loads(s: Any, default: Any) -> Any:
    if s is None or s == "":
        return default
    return json.loads(s) if isinstance(s, str) else s


def _originals(alias: str, include_duplicates: bool = False) -> str:
    """SQL condition: the row (table alias `alias`) is not from a duplicate document."""
    if include_duplicates:
        return "1=1"
    return f"{alias}.doc_id NOT IN (SELECT doc_id FROM documents WHERE duplicate_of IS NOT NULL)"


def _source(value: Any) -> Any:
    """Stored provenance JSON (`date_source`, `as_of_source`) -> a span dict or a label."""
    from tiegraph.store.sql import decode_source

    return decode_source(value)


def _like(text: str) -> str:
    """A LIKE pattern matching `text` as a substring: its own % _ \\ are literal (ESCAPE '\\')."""
    esc = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{esc}%"


LIKE = "LIKE ? ESCAPE '\\'"


def _modality_where(
    alias: str, modality: str | list[str] | tuple[str, ...] | None
) -> tuple[str, list]:
    """' AND e.modality IN (?, ...)' for one modality or several; nothing for None."""
    if not modality:
        return "", []
    values = [modality] if isinstance(modality, str) else list(modality)
    return f" AND {alias}.modality IN ({','.join('?' * len(values))})", values


def _dyad_where(col_a: str, col_b: str, a: str, b: str) -> tuple[str, list]:
    return (
        f"(({col_a}=? AND {col_b}=?) OR ({col_a}=? AND {col_b}=?))",
        [a, b, b, a],
    )


def _chunked_in(store: Any, sql: str, values: list, size: int = 500) -> list[Row]:
    """Run `sql` (with one `IN ({})`) over `values` in chunks that stay under driver limits."""
    out: list[Row] = []
    for k in range(0, len(values), size):
        part = values[k : k + size]
        out += store.query(sql.format(",".join("?" * len(part))), part)
    return out
