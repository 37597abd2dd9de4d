"""One event per occurrence: the dyad rows of one trigger folded into one row.

Pattern matching codes directed (source, target) pairs, so "the G7 leaders met"
gives every ordered pair of members and "A and B asked C" gives A->C and B->C.
Counting those rows counts pairs, not what happened. Rows with the same trigger,
type, polarity and date are one occurrence: the best row keeps its source and
target, and the other participants go to `also_sources` / `also_targets`.

A joint act (the pairs run both ways: "A and B met") keeps every participant on
both sides. Otherwise a source is never also a target, so co-signatories of one
request are not requesting each other.
"""

from __future__ import annotations

from dataclasses import replace

from tiegraph.model import ActorRef, Event


def _key(e: Event) -> tuple:
    return (e.trigger.start, e.type, e.polarity, e.date)


def _mutual(rows: list[Event]) -> bool:
    pairs = {(e.source.actor_id, e.target.actor_id) for e in rows if e.source and e.target}
    return any((b, a) in pairs for a, b in pairs)


def _uniq(refs: list[ActorRef | None]) -> list[ActorRef]:
    seen: set[str] = set()
    out: list[ActorRef] = []
    for r in refs:
        if r is not None and r.actor_id not in seen:
            seen.add(r.actor_id)
            out.append(r)
    return out


def _fold(rows: list[Event]) -> Event:
    """Rows of one occurrence, best first, as one event with actor lists; the best
    row with both roles filled leads (a `+context` target beats none)."""
    best = next((e for e in rows if e.source and e.target), rows[0])
    sources = _uniq([e.source for e in rows])
    targets = _uniq([e.target for e in rows])
    if not _mutual(rows):
        own = {s.actor_id for s in sources}
        targets = [t for t in targets if t.actor_id not in own]
    source = best.source or (sources[0] if sources else None)
    target = best.target if best.target in targets else (targets[0] if targets else None)
    if target is not None and source is not None and target.actor_id == source.actor_id:
        target = next((t for t in targets if t.actor_id != source.actor_id), None)
    src_id = source.actor_id if source else None
    tgt_id = target.actor_id if target else None
    return replace(
        best,
        source=source,
        target=target,
        also_sources=[s for s in sources if s.actor_id != src_id],
        also_targets=[t for t in targets if t.actor_id != tgt_id],
    )


def fold_occurrences(events: list[Event]) -> list[Event]:
    """Events (best first) folded to one per occurrence, in first-seen order."""
    groups: dict[tuple, list[Event]] = {}
    for e in events:
        groups.setdefault(_key(e), []).append(e)
    return [_fold(rows) if len(rows) > 1 else rows[0] for rows in groups.values()]
