"""Claim changes: computed here (analysis), kept in the store.

The store keeps the computed rows (`claim_changes`) and what they were computed from
(`changes_basis`, `changes_stale`, `save_claim_changes`); this module says which code
and data compare claims (`comparator_version`), recomputes the rows when those or the
stored claims changed, and reads them with the usual filters. Keeping the computation
here is what lets the store layer import nothing of `analysis`.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from tiegraph import __version__, resources
from tiegraph.analysis import changes
from tiegraph.store.read.common import Row, _until_bound


@lru_cache(maxsize=1)
def comparator_version() -> str:
    """Which code and data compare claims: the claims extractor version as records carry
    it (`versions["claims"]`), plus a hash of tiegraph's version, the comparison code and
    the data files. An upgraded tiegraph (or an edited measures.yaml) gives a new value,
    so claim changes cached by an older one are recomputed, never shown stale."""
    h = hashlib.sha1(__version__.encode())
    h.update(Path(changes.__file__).read_bytes())
    h.update(resources.data_version().encode())
    return f"{claims_extractor_version()}+{h.hexdigest()[:12]}"


def claims_extractor_version() -> str:
    """The claims extractor's version as records carry it, read without loading spaCy."""
    from tiegraph.versions import EXTRACTORS

    return EXTRACTORS["claims"]


def list_changes(
    store: Any,
    measure: str | None = None,
    subject: str | None = None,
    kind: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[Row]:
    """Claim changes and conflicts across documents, each with both evidence spans, in the
    comparator's order (the CLI and the web sort them with `change_order`).

    `since`/`until` keep a row when either side's as-of date falls in the range.

    Each row: change_id, kind (change|conflict), subject, location, measure,
    unit, from {claim_id, doc_id, value, value_high, as_of, as_of_precision,
    as_of_source, qualifier, asserted_by, evidence}, to {…}, delta. Computed
    from the claims of non-duplicate documents and kept in `claim_changes`
    until the stored claims or the comparing code (`comparator_version`) change.
    """
    comparator = comparator_version()  # read at call time: tests replace it
    basis = store.changes_basis(comparator)  # read before computing: see save_claim_changes
    if store.changes_stale(comparator):
        rows = [c.to_dict() for c in changes.compare_claims(store.claims())]
        store.save_claim_changes(rows, based_on=basis)
    else:
        rows = store.claim_changes()
    if measure:
        rows = [r for r in rows if r["measure"] == measure]
    if subject:
        rows = [r for r in rows if subject in r["subject"]]
    if kind:
        rows = [r for r in rows if r["kind"] == kind]
    if since or until:
        lo, hi = since or "", _until_bound(until) if until else "\uffff"
        rows = [
            r for r in rows if any(lo <= (r[s].get("as_of") or "") <= hi for s in ("from", "to"))
        ]
    return rows


def change_order(row: Row) -> tuple:
    """How a list of changes is shown: by measure, subject, the earlier side's as-of date."""
    return (
        row.get("measure") or "",
        row.get("subject") or [],
        (row.get("from") or {}).get("as_of") or "",
        row.get("change_id") or "",
    )
