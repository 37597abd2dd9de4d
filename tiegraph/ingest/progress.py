"""Run accounting: what became of each input, progress on a terminal, and the summary line.

Every record a run yields has exactly one outcome, so "nothing is lost" can be checked:
`processed` (parsed and extracted), `duplicate` (recorded with `duplicate_of`),
`skipped` (recorded but not parsed: not English), `truncated` (cut at the size limit,
then processed) or `failed` (an error and no usable text, or an extractor crash).
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from tiegraph.model import ExtractionRecord

OUTCOMES = ("processed", "duplicate", "skipped", "truncated", "failed")


def outcome(rec: ExtractionRecord) -> str:
    """The one outcome of a record (see module doc); failure wins over everything else."""
    kinds = {e.get("kind", "failed") for e in rec.errors}
    if not rec.doc.text or "failed" in kinds:
        return "failed"
    if rec.doc.duplicate_of:
        return "duplicate"
    if "skipped" in kinds:
        return "skipped"
    if "truncated" in kinds:
        return "truncated"
    return "processed"


@dataclass
class RunStats:
    counts: Counter = field(default_factory=Counter)
    started: float = field(default_factory=time.perf_counter)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def ok(self) -> bool:
        """False when anything failed or was cut: the run's exit code says so."""
        return not (self.counts["failed"] or self.counts["truncated"])

    def add(self, rec: ExtractionRecord) -> str:
        kind = outcome(rec)
        self.counts[kind] += 1
        return kind

    def rate(self) -> float:
        return self.total / max(time.perf_counter() - self.started, 1e-6)

    def line(self) -> str:
        """One-line summary: every input accounted for, with time and rate."""
        secs = time.perf_counter() - self.started
        parts = ", ".join(f"{self.counts[k]} {k}" for k in OUTCOMES)
        return f"{self.total} documents: {parts} in {secs:.1f}s ({self.rate():.1f} docs/s)"


def _eta(done: int, total: int | None, rate: float) -> str:
    if not total or rate <= 0 or done >= total:
        return ""
    secs = int((total - done) / rate)
    return f", ETA {secs // 3600:d}:{secs // 60 % 60:02d}:{secs % 60:02d}"


class TextSink(Protocol):
    """Where progress goes: stderr, or a wrapper of it that escapes what it writes."""

    def write(self, s: str, /) -> int: ...
    def flush(self) -> None: ...
    def isatty(self) -> bool: ...


def track(
    records: Iterable[ExtractionRecord],
    stats: RunStats,
    quiet: bool = False,
    total: int | None = None,
    stream: TextSink | None = None,
    show_progress: bool | None = None,
    min_interval: float = 0.2,
) -> Iterator[ExtractionRecord]:
    """Count outcomes, print one line per error, and a progress line when on a terminal."""
    out = stream or sys.stderr
    live = (not quiet and out.isatty()) if show_progress is None else show_progress
    last = 0.0
    for rec in records:
        stats.add(rec)
        for e in rec.errors:
            if live:
                print("\r\x1b[K", end="", file=out)
            print(f"tiegraph: {e['source']}: {e['error']}", file=out)
        now = time.perf_counter()
        if live and now - last >= min_interval:
            last = now
            n, rate = stats.total, stats.rate()
            of = f"/{total}" if total else ""
            print(
                f"\r\x1b[K{n}{of} documents, {rate:.1f} docs/s{_eta(n, total, rate)}",
                end="",
                file=out,
                flush=True,
            )
        yield rec
    if live and stats.total:
        print("\r\x1b[K", end="", file=out)
