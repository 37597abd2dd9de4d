"""How figures and claim changes read, the same in the terminal and on the web pages.

Numbers come from `tiegraph.analysis.changes.format_value` ("USD 41 billion",
"28,500 people", "#11"); a rank change is said in words, because a rise in the
rank number is a fall in standing ("fell 1 place, #11 -> #12").
"""

from __future__ import annotations

from typing import Any

from tiegraph.analysis.changes import format_value


def figure(side: dict[str, Any], unit: str) -> str:
    """One side of a claim or change: qualifier and value, e.g. 'about USD 41 billion'."""
    value = format_value(side["value"], unit or "", side.get("value_high"))
    return " ".join(x for x in (side.get("qualifier"), value) if x)


def change_delta(row: dict[str, Any]) -> str:
    """'+USD 3 billion', '-7,000 people', 'fell 1 place', 'differ by 2 places'."""
    unit = row.get("unit") or ""
    delta = row.get("delta")
    if delta is None:
        delta = row["to"]["value"] - row["from"]["value"]
    if not delta:
        return "no change"
    if row.get("kind") == "conflict":  # same time, different sources: no direction
        size = f"{abs(round(delta))} places" if unit == "rank" else format_value(abs(delta), unit)
        return f"differ by {size}"
    if unit == "rank":
        n = abs(round(delta))
        word = "fell" if delta > 0 else "rose"
        return f"{word} {n} place{'s' if n != 1 else ''}"
    return ("+" if delta > 0 else "-") + format_value(abs(delta), unit)


def change_line(row: dict[str, Any]) -> str:
    """The headline of a change or conflict: subject, measure, both figures and the delta."""
    unit = row.get("unit") or ""
    where = f" in {row['location']}" if row.get("location") else ""
    f, t = row["from"], row["to"]

    def side(r: dict[str, Any]) -> str:
        by = f", per {r['asserted_by']}" if r.get("asserted_by") else ""
        return f"{figure(r, unit)} (as of {r.get('as_of') or '?'}{by})"

    return (
        f"[{row['kind']}] {'+'.join(row['subject'])} {row['measure']}{where}: "
        f"{side(f)} -> {side(t)}; {change_delta(row)}"
    )
