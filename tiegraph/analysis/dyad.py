"""Dyad timelines: how the relationship between two countries evolves, per year or month.

The numbers come from `tiegraph.store.queries.dyad_timeline`; this module shapes
them for people (a terminal table with a cooperation/conflict bar) and for
analysts (a pandas frame with QuadClass shares). Duplicate documents are not counted.
"""

from __future__ import annotations

from typing import Any

from tiegraph.store.protocol import Store
from tiegraph.store.queries import as_frame, dyad_timeline

QUADS = ("quad1", "quad2", "quad3", "quad4")
QUAD_NAMES = {
    "quad1": "verbal coop",
    "quad2": "material coop",
    "quad3": "verbal conflict",
    "quad4": "material conflict",
}


def timeline_frame(store: Store, a: str, b: str, by: str = "year") -> Any:
    """The timeline as a DataFrame indexed by period, with the cooperation share per period."""
    df = as_frame(dyad_timeline(store, a, b, by=by))
    if not len(df):
        return df
    coop = df["quad1"] + df["quad2"]
    df["cooperation_share"] = (coop / df["events"].where(df["events"] > 0)).round(3)
    return df.set_index("period")


def _bar(row: dict[str, Any], width: int = 20) -> str:
    """`+` per cooperative event, `-` per conflictual one, capped at `width` characters."""
    coop = row["quad1"] + row["quad2"]
    conf = row["quad3"] + row["quad4"]
    total = coop + conf
    if total > width:
        coop = round(coop * width / total)
        conf = width - coop
    return "+" * coop + "-" * conf


def format_timeline(rows: list[dict[str, Any]], a: str, b: str) -> str:
    """A terminal table: events per QuadClass, mean Goldstein, quotes, characterisations."""
    if not rows:
        return f"no events, quotes or characterisations for {a}-{b}"
    head = (
        f"{'period':<8} {'events':>6} {a + '>' + b:>8} {b + '>' + a:>8} "
        f"{'vcoop':>5} {'mcoop':>5} {'vconf':>5} {'mconf':>5} {'Goldstein':>9} "
        f"{'quotes':>6} {'charact':>7} {'tone':>5}  coop(+)/conflict(-)"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        g = "" if r["mean_goldstein"] is None else f"{r['mean_goldstein']:+.2f}"
        t = "" if r["mean_tone"] is None else f"{r['mean_tone']:+.2f}"
        lines.append(
            f"{r['period']:<8} {r['events']:>6} {r['a_to_b']:>8} {r['b_to_a']:>8} "
            f"{r['quad1']:>5} {r['quad2']:>5} {r['quad3']:>5} {r['quad4']:>5} {g:>9} "
            f"{r['quotes']:>6} {r['characterizations']:>7} {t:>5}  {_bar(r)}"
        )
    total = sum(r["events"] for r in rows)
    lines.append(
        f"{len(rows)} periods, {total} events, {sum(r['quotes'] for r in rows)} quotes, "
        f"{sum(r['characterizations'] for r in rows)} characterisations"
    )
    return "\n".join(lines)
