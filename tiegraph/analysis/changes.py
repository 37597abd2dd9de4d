"""Claim comparison: the same subject and measure across documents and dates.

`change` when the as-of dates differ (ordered, with the delta); `conflict` when
the dates overlap and the values disagree beyond the qualifiers' tolerance.
Duplicates (`duplicate_of`) are skipped so a syndicated copy is not a source.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
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


@lru_cache(maxsize=1)
def _tolerances() -> dict[str, float]:
    return {
        k: float(v)
        for k, v in (resources.load_yaml("measures.yaml").get("qualifiers") or {}).items()
    }


def _range(iso: str | None) -> tuple[str, str] | None:
    if not iso or not iso[:4].isdigit():
        return None
    if len(iso) == 4:
        return iso + "-01-01", iso + "-12-31"
    if len(iso) == 7:
        return iso + "-01", iso + "-31"
    return iso[:10], iso[:10]


def _overlap(a: str | None, b: str | None) -> bool:
    ra, rb = _range(a), _range(b)
    if ra is None or rb is None:
        return False
    return ra[0] <= rb[1] and rb[0] <= ra[1]


def _agree(a: dict, b: dict) -> bool:
    tol = max(
        _tolerances().get(a.get("qualifier") or "", 0.0),
        _tolerances().get(b.get("qualifier") or "", 0.0),
        0.01,
    )
    va, vb = float(a["value"]), float(b["value"])
    return abs(va - vb) <= tol * max(abs(va), abs(vb), 1e-9)


def compare_claims(claims: Iterable[dict]) -> list[ClaimChange]:
    """`claims` are claim dicts with a `doc_id` key (as stored or as in records)."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for c in claims:
        if c.get("projection") or c.get("polarity") == "negated" or not c.get("as_of"):
            continue
        key = (tuple(sorted(c["subject"])), c["measure"], c.get("location"), c["unit"])
        groups[key].append(c)
    out: list[ClaimChange] = []
    for (subject, measure, location, unit), rows in groups.items():
        rows.sort(key=lambda c: (c["as_of"], c["doc_id"]))
        for i, a in enumerate(rows):
            linked_change = False
            for b in rows[i + 1 :]:
                if a["doc_id"] == b["doc_id"]:
                    continue
                same_time = _overlap(a["as_of"], b["as_of"])
                if _agree(a, b):
                    continue  # same figure: neither a change nor a conflict
                if not same_time:
                    # a change links each claim to the next later one only: a chain, not n^2
                    if linked_change:
                        continue
                    linked_change = True
                kind = "conflict" if same_time else "change"
                out.append(
                    ClaimChange(
                        change_id=stable_id(a["claim_id"], b["claim_id"]),
                        kind=kind,
                        subject=list(subject),
                        location=location,
                        measure=measure,
                        unit=unit,
                        from_=_ref(a),
                        to=_ref(b),
                        delta=float(b["value"]) - float(a["value"]),
                    )
                )
    return out


def _ref(c: dict) -> ClaimRef:
    return ClaimRef(
        c["claim_id"],
        c["doc_id"],
        float(c["value"]),
        c.get("as_of"),
        c.get("qualifier"),
        c.get("evidence") or {},
    )
