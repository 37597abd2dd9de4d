"""Typed records passed between pipeline stages.

Everything here is plain data: the records are what a Dask worker returns, what
the store loads and what `tiegraph extract` prints, so they import nothing of
the project and serialise to JSON without help.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache
from typing import Any


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, tuple):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    return value


def asdict(obj: Any) -> dict[str, Any]:
    """`dataclasses.asdict` for these records, without its deep copy of every leaf: the
    leaves are strings, numbers, booleans and None, which need none (a record's JSON is
    written once per document; the deep copies were most of its cost)."""
    return _plain(obj)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Span | None:
        return None if d is None else cls(int(d["start"]), int(d["end"]), str(d["text"]))


def stable_id(*parts: object, n: int = 16) -> str:
    """Content-derived ids keep re-runs idempotent: same input, same id."""
    h = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:n]


@dataclass
class Document:
    doc_id: str
    source: str
    text: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    author: str | None = None  # byline, when the page's metadata gives one
    published: str | None = None
    published_precision: str = "unknown"
    # Date used to anchor relative time expressions when `published` is unknown,
    # e.g. the year the text names; `anchor_source` says where it came from.
    anchor_date: str | None = None
    anchor_source: str | None = None
    language: str | None = None
    language_confidence: float | None = None
    raw_ref: str | None = None
    duplicate_of: str | None = None
    dropped_lines: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Actor:
    actor_id: str
    name: str
    kind: str  # state | person | organisation | igo | group
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    role: str | None = None
    aliases: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Mention:
    actor_id: str
    span: Span
    via: str  # name | alias | metonym | demonym | coref | title

    def to_dict(self) -> dict[str, Any]:
        return {"actor_id": self.actor_id, "span": self.span.to_dict(), "via": self.via}


@dataclass
class ActorRef:
    actor_id: str
    code: str | None
    country: str | None
    name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Event:
    event_id: str
    source: ActorRef | None
    target: ActorRef | None
    type: str
    mode: str | None
    cameo: str | None
    goldstein: float | None
    quad_class: int | None
    polarity: str  # asserted | negated
    modality: str  # actual | future | hypothetical | reported
    date: str | None
    date_precision: str
    date_source: Span | str | None  # Span of the time expression, or "publication"
    location: str | None
    trigger: Span
    evidence: Span
    confidence: float
    rule: str | None = None  # which pattern coded it: the "why" of the row
    # the other participants of the same occurrence ("A, B and C met"): one row, not a row per pair
    also_sources: list[ActorRef] = field(default_factory=list)
    also_targets: list[ActorRef] = field(default_factory=list)

    def dyads(self) -> list[tuple[ActorRef | None, ActorRef | None]]:
        """Every (source, target) pair of the occurrence, the root pair first; for
        per-dyad views (timelines, the GDELT-like CSV) that still count it once."""
        out = [(self.source, self.target)]
        for s in [self.source, *self.also_sources]:
            for t in [self.target, *self.also_targets]:
                pair = (s, t)
                if pair in out or (s and t and s.actor_id == t.actor_id):
                    continue
                if s is None or (t is None and (self.target or self.also_targets)):
                    continue
                out.append(pair)
        return out

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["source"] = self.source.to_dict() if self.source else None
        d["target"] = self.target.to_dict() if self.target else None
        d["trigger"] = self.trigger.to_dict()
        d["evidence"] = self.evidence.to_dict()
        ds = self.date_source
        d["date_source"] = ds.to_dict() if isinstance(ds, Span) else ds
        return d


@dataclass
class Speaker:
    name: str
    actor_id: str | None
    country: str | None
    code: str | None
    role: str | None
    span: Span | None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = self.span.to_dict() if self.span else None
        return d


@dataclass
class Quote:
    quote_id: str
    kind: str  # direct | indirect | mixed
    text: str
    span: Span
    cue: str | None
    speaker: Speaker | None
    about: list[str] = field(default_factory=list)
    evidence: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "quote_id": self.quote_id,
            "kind": self.kind,
            "text": self.text,
            "span": self.span.to_dict(),
            "cue": self.cue,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "about": list(self.about),
            "evidence": self.evidence.to_dict() if self.evidence else None,
        }


@dataclass
class Claim:
    claim_id: str
    subject: list[str]
    location: str | None
    measure: str
    value: float
    unit: str
    qualifier: str | None
    as_of: str | None
    as_of_precision: str
    as_of_source: Span | str | None
    asserted_by: str | None
    evidence: Span
    value_high: float | None = None
    projection: bool = False
    polarity: str = "asserted"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["evidence"] = self.evidence.to_dict()
        s = self.as_of_source
        d["as_of_source"] = s.to_dict() if isinstance(s, Span) else s
        return d


@dataclass
class Characterization:
    char_id: str
    dyad: list[str]
    phrase: str
    tone: float
    speaker: str | None
    span: Span
    evidence: Span

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = self.span.to_dict()
        d["evidence"] = self.evidence.to_dict()
        return d


@dataclass
class ExtractionRecord:
    """One document's complete extraction: the public contract of `tiegraph extract`."""

    doc: Document
    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    characterizations: list[Characterization] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc.to_dict(),
            "actors": [a.to_dict() for a in self.actors],
            "mentions": [m.to_dict() for m in self.mentions],
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
            "claims": [c.to_dict() for c in self.claims],
            "characterizations": [c.to_dict() for c in self.characterizations],
            "sentences": [s.to_dict() for s in self.sentences],
            "entities": self.entities,
            "errors": self.errors,
            "versions": self.versions,
        }
