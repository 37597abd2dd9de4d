"""Cut a document's text into segments at span boundaries, for safe highlighting.

Article text is untrusted. Highlighted HTML is never built by inserting tags into
the text: the text is cut at every span boundary into plain-string segments, each
carrying the keys of the spans that cover it, and the template renders each
segment as an escaped text node inside one element. Overlapping and nested spans
need no special case, and an offset outside the text is clamped, not trusted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Mark:
    """One span to highlight: ``key`` names the extraction, ``kind`` styles it."""

    start: int
    end: int
    key: str
    kind: str
    visible: bool = True


@dataclass
class Segment:
    """A run of text under the same marks; `keys` lists them innermost first: marks shown
    at this point (the kind a reader clicks) before hidden evidence spans, each group from
    the shortest span to the longest, so a click picks what the reader pointed at."""

    start: int
    end: int
    text: str
    keys: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)


def segments(text: str, marks: list[Mark]) -> list[Segment]:
    """Text cut at every mark boundary; each segment lists the marks covering it."""
    n = len(text)
    valid = []
    for m in marks:
        s, e = max(0, min(int(m.start), n)), max(0, min(int(m.end), n))
        if s < e:
            valid.append(Mark(s, e, m.key, m.kind, m.visible))
    cuts = sorted({0, n, *(m.start for m in valid), *(m.end for m in valid)})
    starts: dict[int, list[Mark]] = {}
    for m in valid:
        starts.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:]):
        active = [m for m in active if m.end > a] + starts.get(a, [])
        kinds = sorted({m.kind for m in active if m.visible})
        inner = sorted(active, key=lambda m: (not m.visible, m.end - m.start, m.start, m.key))
        keys = list(dict.fromkeys(m.key for m in inner))
        out.append(Segment(a, b, text[a:b], keys, kinds))
    return out


def _span(d: Any) -> tuple[int, int] | None:
    if isinstance(d, dict) and isinstance(d.get("start"), int) and isinstance(d.get("end"), int):
        return d["start"], d["end"]
    return None


def document_marks(
    doc: dict[str, Any],
) -> tuple[list[Mark], dict[str, tuple[str, dict[str, Any]]]]:
    """Marks for every extraction of a stored document, and (kind, item) by key.

    Visible marks are the short spans a reader scans for (actor mentions, event
    triggers, quotes, speakers, characterisation phrases); whole evidence
    sentences are invisible until their item is selected.
    """
    marks: list[Mark] = []
    items: dict[str, tuple[str, dict[str, Any]]] = {}
    actor_key = {a.get("actor_id"): f"a{i}" for i, a in enumerate(doc.get("actors", []))}
    for i, a in enumerate(doc.get("actors", [])):
        items[f"a{i}"] = ("actor", a)
    for m in doc.get("mentions", []):
        key, sp = actor_key.get(m.get("actor_id")), _span(m.get("span"))
        if key and sp:
            marks.append(Mark(*sp, key, "actor"))
    for i, e in enumerate(doc.get("events", [])):
        key = f"e{i}"
        items[key] = ("event", e)
        if sp := _span(e.get("evidence")):
            marks.append(Mark(*sp, key, "event", visible=False))
        if sp := _span(e.get("trigger")):
            marks.append(Mark(*sp, key, "event"))
        if sp := _span(e.get("date_source")):
            marks.append(Mark(*sp, key, "date", visible=False))
    for i, q in enumerate(doc.get("quotes", [])):
        key = f"q{i}"
        items[key] = ("quote", q)
        if sp := _span(q.get("evidence")):
            marks.append(Mark(*sp, key, "quote", visible=False))
        if sp := _span(q.get("span")):
            marks.append(Mark(*sp, key, "quote"))
        if sp := _span((q.get("speaker") or {}).get("span")):
            marks.append(Mark(*sp, key, "speaker"))
    for i, c in enumerate(doc.get("claims", [])):
        key = f"c{i}"
        items[key] = ("claim", c)
        if sp := _span(c.get("evidence")):
            marks.append(Mark(*sp, key, "claim", visible=False))
        if sp := _span(c.get("as_of_source")):
            marks.append(Mark(*sp, key, "date", visible=False))
    for i, ch in enumerate(doc.get("characterizations", [])):
        key = f"h{i}"
        items[key] = ("characterization", ch)
        if sp := _span(ch.get("evidence")):
            marks.append(Mark(*sp, key, "characterization", visible=False))
        if sp := _span(ch.get("span")):
            marks.append(Mark(*sp, key, "characterization"))
    return marks, items
