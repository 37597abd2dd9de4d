"""Claim comparison: the same figure (subject, measure, location, unit) across sources and time.

Claims are grouped by subject + measure + location + unit and ordered by their as-of
date (a year is the whole year, "2004-10" the whole month):

* `change` links each run of equal values to the next run with a different value whose
  as-of date does not overlap it (a chain, not every pair): 37,500 US troops in Korea as
  of 2004 -> 28,500 as of 2008. Two dates of one document make a change too ("rose to
  $1.06 billion last year, from $697 million in 2004").
* `conflict` pairs two claims from different documents whose as-of dates overlap and
  whose values disagree beyond what their qualifiers allow ("about" 5%, "more than" X
  means at least X; tolerances and bounds in data/measures.yaml).

Projections ("expected to reach") and negated figures ("not 40,000") are not
measurements and are left out, and so are measures of one-off events (a withdrawal, a
death toll: `series: false` in measures.yaml), as are claims of documents marked `duplicate_of`, so a
syndicated copy never counts as a second source (nor does the same sentence, same value
and date found again in an unmarked copy).
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from tiegraph import resources
from tiegraph.model import stable_id


@dataclass
class ClaimRef:
    claim_id: str
    doc_id: str
    value: float
    as_of: str | None
    qualifier: str | None
    evidence: dict
    as_of_precision: str | None = None
    value_high: float | None = None
    asserted_by: str | None = None
    as_of_source: dict | str | None = None  # the words that date it, or "publication"


@dataclass
class ClaimChange:
    change_id: str
    kind: str  # change | conflict
    subject: list[str]
    location: str | None
    measure: str
    unit: str
    from_: ClaimRef
    to: ClaimRef
    delta: float

    def to_dict(self) -> dict:
        d = asdict(self)
        d["from"] = d.pop("from_")
        return d


@dataclass(frozen=True)
class _Rules:
    tolerance: dict[str, float]
    default: float
    events: frozenset[str]  # measures of one-off events (series: false), never compared
    lower: frozenset[str]  # "more than X": X is a lower bound
    upper: frozenset[str]  # "less than X": X is an upper bound
    # measure -> ((series, phrases), ...): "budget" figures of different purposes
    series: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    d = resources.load_yaml("measures.yaml")
    bounds = d.get("qualifier_bounds") or {}
    return _Rules(
        events=frozenset(m["name"] for m in d.get("measures") or [] if m.get("series") is False),
        tolerance={str(k): float(v) for k, v in (d.get("qualifiers") or {}).items()},
        default=float(d.get("default_tolerance", 0.01)),
        lower=frozenset(bounds.get("lower") or []),
        upper=frozenset(bounds.get("upper") or []),
        series={
            m["name"]: tuple(
                (str(k), tuple(str(x).lower() for x in v)) for k, v in m["series_by"].items()
            )
            for m in d.get("measures") or []
            if m.get("series_by")
        },
    )


def date_range(iso: str | None) -> tuple[str, str] | None:
    """The first and last day an as-of value covers: "2004" -> 2004-01-01..2004-12-31."""
    if not iso or len(iso) < 4 or not iso[:4].isdigit():
        return None
    y = int(iso[:4])
    if len(iso) >= 10 and iso[5:7].isdigit() and iso[8:10].isdigit():
        return iso[:10], iso[:10]
    if len(iso) >= 7 and iso[5:7].isdigit():
        m = int(iso[5:7])
        if not 1 <= m <= 12:
            return None
        last = calendar.monthrange(y, m)[1]
        return f"{iso[:7]}-01", f"{iso[:7]}-{last:02d}"
    return f"{y:04d}-01-01", f"{y:04d}-12-31"


def overlap(a: str | None, b: str | None) -> bool:
    ra, rb = date_range(a), date_range(b)
    if ra is None or rb is None:
        return False
    return ra[0] <= rb[1] and rb[0] <= ra[1]


def interval(c: dict) -> tuple[float, float]:
    """The values a claim allows, given its qualifier and range."""
    r = _rules()
    q = c.get("qualifier") or ""
    lo = float(c["value"])
    hi = float(c.get("value_high") or lo)
    tol = max(r.tolerance.get(q, 0.0), r.default)
    if q in r.lower:
        return lo, float("inf")
    if q in r.upper:
        return 0.0, hi
    return lo * (1 - tol), hi * (1 + tol)


def agree(a: dict, b: dict) -> bool:
    """Do two claims' values fit together, given their qualifiers and ranges?"""
    (alo, ahi), (blo, bhi) = interval(a), interval(b)
    return alo <= bhi and blo <= ahi


def same_value(a: dict, b: dict) -> bool:
    """Equal up to rounding (the default tolerance): the figure did not change."""
    va, vb = float(a["value"]), float(b["value"])
    return abs(va - vb) <= _rules().default * max(abs(va), abs(vb), 1e-9)


def _usable(c: dict) -> bool:
    return (
        not c.get("projection")
        and c.get("polarity", "asserted") != "negated"
        and not c.get("duplicate_of")
        and date_range(c.get("as_of")) is not None
        and c.get("value") is not None
        and c.get("measure") not in _rules().events
    )


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def _key(c: dict) -> tuple:
    return (tuple(sorted(c["subject"])), c["measure"], c.get("location"), c["unit"], _series(c))


def _series(c: dict) -> str | None:
    """Which series of its measure a claim belongs to, by the first `series_by` phrase its
    evidence sentence holds ("its defense budget" vs "its cost-sharing contribution")."""
    text = _norm((c.get("evidence") or {}).get("text"))
    for name, phrases in _rules().series.get(c["measure"], ()):
        if any(p in text for p in phrases):
            return name
    return None


def compare_claims(claims: Iterable[dict], duplicates: Iterable[str] = ()) -> list[ClaimChange]:
    """Changes and conflicts among claim dicts (as stored, or as in extraction records
    with a `doc_id` key added). Claims of documents in `duplicates`, or whose dict has a
    `duplicate_of`, are ignored."""
    skip = set(duplicates)
    groups: dict[tuple, list[dict]] = defaultdict(list)
    seen: set[tuple] = set()
    for c in claims:
        if not _usable(c) or c["doc_id"] in skip:
            continue
        # a copy of the same sentence in another document is one source, not two
        sig = (_key(c), float(c["value"]), c["as_of"], _norm((c.get("evidence") or {}).get("text")))
        if sig in seen:
            continue
        seen.add(sig)
        groups[_key(c)].append(c)
    out: list[ClaimChange] = []
    for key, rows in groups.items():
        rows.sort(key=lambda c: (*tuple(date_range(c["as_of"]) or ()), c["doc_id"], c["claim_id"]))
        out += _conflicts(key, rows)
        out += _chain(key, rows)
    return out


def _conflicts(key: tuple, rows: list[dict]) -> list[ClaimChange]:
    out = []
    for i, a in enumerate(rows):
        for b in rows[i + 1 :]:
            if a["doc_id"] != b["doc_id"] and overlap(a["as_of"], b["as_of"]) and not agree(a, b):
                out.append(_make("conflict", key, a, b))
    return out


def _chain(key: tuple, rows: list[dict]) -> list[ClaimChange]:
    runs: list[list[dict]] = []
    for c in rows:
        if runs and same_value(runs[-1][-1], c):
            runs[-1].append(c)
        else:
            runs.append([c])
    out = []
    for prev, nxt in zip(runs, runs[1:], strict=False):
        b = nxt[0]
        # the latest claim of the earlier value that is strictly before the new one
        a = next((x for x in reversed(prev) if not overlap(x["as_of"], b["as_of"])), None)
        if a is not None:
            out.append(_make("change", key, a, b))
    return out


def _make(kind: str, key: tuple, a: dict, b: dict) -> ClaimChange:
    subject, measure, location, unit = key[:4]
    return ClaimChange(
        change_id=stable_id(kind, a["claim_id"], b["claim_id"]),
        kind=kind,
        subject=list(subject),
        location=location,
        measure=measure,
        unit=unit,
        from_=_ref(a),
        to=_ref(b),
        delta=float(b["value"]) - float(a["value"]),
    )


def _ref(c: dict) -> ClaimRef:
    return ClaimRef(
        claim_id=c["claim_id"],
        doc_id=c["doc_id"],
        value=float(c["value"]),
        as_of=c.get("as_of"),
        qualifier=c.get("qualifier"),
        evidence=c.get("evidence") or {},
        as_of_precision=c.get("as_of_precision"),
        value_high=c.get("value_high"),
        asserted_by=c.get("asserted_by"),
        as_of_source=c.get("as_of_source"),
    )


# -- rendering ---------------------------------------------------------------------------

_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def format_value(value: float, unit: str, high: float | None = None) -> str:
    """ "$1.1 billion", "28,500 people", "42%", "#11" — for terminal output."""
    if unit == "rank":
        return f"#{value:.0f}"
    if unit == "percent":
        return f"{value:g}%" + (f"-{high:g}%" if high else "")
    if unit == "people" or unit == "count":
        return f"{value:,.0f}" + (f"-{high:,.0f}" if high else "")
    for k, word in _SCALES:
        if abs(value) >= k:
            hi = f"-{high / k:g}" if high else ""
            return f"{unit} {value / k:g}{hi} {word}"
    return f"{unit} {value:,.0f}" + (f"-{high:,.0f}" if high else "")


def format_change(row: dict) -> str:
    """A change or conflict (as `ClaimChange.to_dict()`) with both evidence sentences."""
    f, t = row["from"], row["to"]
    where = f" in {row['location']}" if row.get("location") else ""
    unit = row.get("unit") or ""

    def side(r: dict) -> str:
        q = f"{r['qualifier']} " if r.get("qualifier") else ""
        by = f", per {r['asserted_by']}" if r.get("asserted_by") else ""
        v = format_value(r["value"], unit, r.get("value_high"))
        return f"{q}{v} (as of {r.get('as_of')}{by})"

    delta = row.get("delta") or 0.0
    sign = "+" if delta >= 0 else "-"
    size = f"{abs(delta):.0f} places" if unit == "rank" else format_value(abs(delta), unit)
    lines = [
        f"[{row['kind']}] {'+'.join(row['subject'])} {row['measure']}{where}: "
        f"{side(f)} -> {side(t)}; delta {sign}{size}"
    ]
    for label, r in (("from", f), ("to", t)):
        text = " ".join(((r.get("evidence") or {}).get("text") or "").split())
        lines.append(f"    {label:<4} {r['doc_id']}: {text}")
    return "\n".join(lines)
