"""The same event reported by several articles, merged into one occurrence.

Two stored event rows are one occurrence when they have the same pair of
countries (either direction) and PLOVER type, come from different documents (or
are mirror rows of one sentence: "A and B signed"), and their dates
agree: equal at the coarser of the two precisions and, when both are days, at
most `window_days` apart. Each occurrence keeps every row (and so every evidence
span) and counts its articles. The raw rows stay in the store untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

Row = dict[str, Any]


@dataclass
class Occurrence:
    rows: list[Row] = field(default_factory=list)

    @property
    def first(self) -> Row:
        return self.rows[0]

    @property
    def articles(self) -> int:
        return len({r["doc_id"] for r in self.rows})

    @property
    def date(self) -> str | None:
        """The most precise date any report gives."""
        dates = [str(r["date"]) for r in self.rows if r.get("date")]
        return max(dates, key=len) if dates else None

    def to_dict(self) -> Row:
        f = self.first
        return {
            "date": self.date,
            "source_country": f.get("source_country"),
            "target_country": f.get("target_country"),
            "type": f.get("type"),
            "goldstein": f.get("goldstein"),
            "quad_class": f.get("quad_class"),
            "articles": self.articles,
            "event_ids": [r["event_id"] for r in self.rows],
            "evidence": f.get("evidence"),
            "doc_id": f.get("doc_id"),
        }


def _day(d: str) -> Date | None:
    try:
        return Date.fromisoformat(d[:10]) if len(d) >= 10 else None
    except ValueError:
        return None


def dates_agree(a: str | None, b: str | None, window_days: int = 3) -> bool:
    if not a or not b:
        return a == b
    n = min(len(a), len(b))
    if n < 10:
        return a[:n] == b[:n]
    da, db = _day(a), _day(b)
    return da is not None and db is not None and abs((da - db).days) <= window_days


def _key(r: Row) -> tuple:
    """Unordered dyad: "A and B agreed" stored as A->B and B->A is one occurrence."""
    pair = tuple(sorted(str(r.get(k) or "") for k in ("source_country", "target_country")))
    return (pair, r.get("type"))


def _same_report(o: Occurrence, r: Row) -> bool:
    """A row of the same document joins only as the mirror of a row already there."""
    ev = (r.get("evidence") or {}).get("start")
    return any(
        x["doc_id"] == r["doc_id"] and (x.get("evidence") or {}).get("start") == ev for x in o.rows
    )


def merge_events(rows: list[Row], window_days: int = 3) -> list[Occurrence]:
    """Rows in date order -> occurrences in date order (first report's position)."""
    out: list[Occurrence] = []
    open_by_key: dict[tuple, list[Occurrence]] = {}
    for r in rows:
        cands = open_by_key.setdefault(_key(r), [])
        hit = next(
            (
                o
                for o in cands
                if (
                    _same_report(o, r)
                    or r["doc_id"] not in {x["doc_id"] for x in o.rows}
                    and dates_agree(o.date, r.get("date"), window_days)
                )
            ),
            None,
        )
        if hit is None:
            hit = Occurrence()
            cands.append(hit)
            out.append(hit)
        hit.rows.append(r)
    return out
