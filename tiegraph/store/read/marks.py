"""Every extraction of a stored record as a one-line mark at its span (`tiegraph doc`)."""

from __future__ import annotations

import json
from typing import Any

from tiegraph.store.read.common import Row


def _num(v: Any) -> str:
    """12500.0 -> '12,500', 3.25 -> '3.25': figures as a reader writes them."""
    v = float(v)
    return f"{v:,.0f}" if v.is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")


def _provenance(source: Any) -> str:
    """Where a date came from, for a legend line: '"in 2004"', 'publication', ''."""
    if isinstance(source, dict):
        return json.dumps(source.get("text"), ensure_ascii=False)
    return str(source) if source else ""


def _claim_summary(c: Row) -> str:
    """'USA troops_stationed = about 28,500-30,000 people as of 2008 (from "in 2008")'."""
    fig = _num(c["value"]) + (f"-{_num(c['value_high'])}" if c.get("value_high") else "")
    out = f"{'+'.join(c['subject'])} {c['measure']} = "
    out += " ".join(x for x in (c.get("qualifier"), fig, c["unit"]) if x)
    if c.get("as_of"):
        src = _provenance(c.get("as_of_source"))
        out += f" as of {c['as_of']}" + (f" (from {src})" if src else "")
    return out


def document_marks(record: Row, mentions: bool = False) -> list[Row]:
    """Every extraction of a stored record as a mark to highlight at its span.

    Each mark: kind (event|quote|claim|characterization|mention), start, end,
    label (E1, Q1, C1, H1, or the actor code), ref (the row's id) and summary
    (one line: what was extracted). Sorted by start, longest first.
    """
    marks: list[Row] = []
    for i, e in enumerate(record.get("events") or [], 1):
        src = (e.get("source") or {}).get("code") or "?"
        tgt = (e.get("target") or {}).get("code") or "-"
        neg = " NOT" if e.get("polarity") == "negated" else ""
        mod = "" if e.get("modality") == "actual" else f" ({e.get('modality')})"
        marks.append(
            {
                "kind": "event",
                "start": e["trigger"]["start"],
                "end": e["trigger"]["end"],
                "label": f"E{i}",
                "ref": e["event_id"],
                "summary": f"{src} ->{neg} {e['type']} -> {tgt}{mod}, {e.get('date') or 'undated'}"
                + (f" (from {_provenance(e.get('date_source'))})" if e.get("date_source") else "")
                + f", CAMEO {e.get('cameo')}, Goldstein {e.get('goldstein')}"
                + (f", rule {e['rule']}" if e.get("rule") else ""),
            }
        )
    for i, q in enumerate(record.get("quotes") or [], 1):
        sp = q.get("speaker") or {}
        marks.append(
            {
                "kind": "quote",
                "start": q["span"]["start"],
                "end": q["span"]["end"],
                "label": f"Q{i}",
                "ref": q["quote_id"],
                "summary": f"{q['kind']} quote by {sp.get('name') or 'unknown'}"
                + (f" ({sp['code']})" if sp.get("code") else "")
                + (f" about {', '.join(q['about'])}" if q.get("about") else ""),
            }
        )
    for i, c in enumerate(record.get("claims") or [], 1):
        ev = c["evidence"]
        marks.append(
            {
                "kind": "claim",
                "start": ev["start"],
                "end": ev["end"],
                "label": f"C{i}",
                "ref": c["claim_id"],
                "summary": _claim_summary(c),
            }
        )
    for i, h in enumerate(record.get("characterizations") or [], 1):
        marks.append(
            {
                "kind": "characterization",
                "start": h["span"]["start"],
                "end": h["span"]["end"],
                "label": f"H{i}",
                "ref": h["char_id"],
                "summary": f"{'-'.join(h['dyad'])} described as {h['phrase']!r} "
                f"(tone {h['tone']:+.1f})" + (f" by {h['speaker']}" if h.get("speaker") else ""),
            }
        )
    if mentions:
        codes = {a["actor_id"]: a.get("code") or a["name"] for a in record.get("actors") or []}
        for m in record.get("mentions") or []:
            marks.append(
                {
                    "kind": "mention",
                    "start": m["span"]["start"],
                    "end": m["span"]["end"],
                    "label": codes.get(m["actor_id"], "?"),
                    "ref": m["actor_id"],
                    "summary": f"{m['span']['text']} -> {codes.get(m['actor_id'], '?')} ({m['via']})",
                }
            )
    marks.sort(key=lambda m: (m["start"], -m["end"]))
    return marks
