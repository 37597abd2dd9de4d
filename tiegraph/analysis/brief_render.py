"""Render a Brief as Markdown or as a self-contained, printable HTML page.

The HTML links every citation to the document view with its evidence span
highlighted (`/documents/ID?hl=START-END`) and draws each number series as an
inline SVG chart, so the page needs no script and prints cleanly to PDF.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from tiegraph.analysis.brief import Brief, Reference, Sentence


def _cites_md(s: Sentence) -> str:
    return "".join(f"[{n}]" for n in s.cites)


def to_markdown(brief: Brief) -> str:
    rng = " – ".join(x for x in (brief.since or "", brief.until or "") if x) or "all dates"
    out = [
        f"# {brief.a}–{brief.b}: relationship brief",
        "",
        f"*{rng}; asserted events with confidence ≥ {brief.min_confidence:g}; "
        "built from the tiegraph store. Every statement cites its evidence.*",
        "",
    ]
    for sec in brief.sections:
        out += [f"## {sec.title}", ""]
        bullets = sec.title not in ("Overview",)
        for s in sec.sentences:
            out.append(("- " if bullets else "") + f"{s.text} {_cites_md(s)}".rstrip())
        if not bullets:
            out.append("")
        for t in sec.tables:
            out += ["", f"**{t['title']}**", "", "| as of | value | source |", "|---|---|---|"]
            for as_of, value, cites in t["rows"]:
                out.append(f"| {as_of} | {value} | {''.join(f'[{n}]' for n in cites)} |")
        out.append("")
    out += ["## References", ""]
    for r in brief.references:
        out.append(f"{r.n}. {_ref_line(r)}")
    return "\n".join(out) + "\n"


def _ref_line(r: Reference) -> str:
    meta = ", ".join(x for x in (r.publisher, r.date) if x)
    return (
        f"{r.title or r.doc_id}{' — ' + meta if meta else ''} "
        f"(doc {r.doc_id}, chars {r.start}–{r.end}): “{r.text.strip()}”"
    )


def _link(r: Reference, base: str) -> str:
    return f"{base}/documents/{quote(r.doc_id, safe='')}?hl={r.start}-{r.end}#hl"


def _cites_html(s: Sentence) -> str:
    return "".join(f'<a class="cite" href="#ref-{n}">[{n}]</a>' for n in s.cites)


def _chart(points: list, title: str) -> str:
    """A small line chart of a number series; points without a year are left out."""
    shown = [(a, float(v)) for a, v in points if a[:4].isdigit()]
    pts = [(float(a[:4]), v) for a, v in shown]
    if len(pts) < 2:
        return ""
    w, h, pad = 420, 140, 36
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    x0, x1 = min(xs), max(xs) if max(xs) > min(xs) else min(xs) + 1
    y0, y1 = 0.0, max(ys) or 1.0

    def sx(x: float) -> float:
        return pad + (x - x0) / (x1 - x0) * (w - 2 * pad)

    def sy(y: float) -> float:
        return h - pad + -(y - y0) / (y1 - y0) * (h - 2 * pad)

    path = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in pts)
    dots = "".join(  # each point names the one claim it rests on (a tooltip)
        f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="3"><title>{escape(a)}: {y:,.0f} '
        "(1 claim)</title></circle>"
        for (x, y), (a, _) in zip(pts, shown)
    )
    return (
        f'<svg class="chart" viewBox="0 0 {w} {h}" role="img" aria-label="{escape(title)}">'
        f'<line x1="{pad}" y1="{h - pad}" x2="{w - pad}" y2="{h - pad}" class="axis"/>'
        f'<polyline points="{path}" fill="none"/>{dots}'
        f'<text x="{pad}" y="{h - 10}">{int(x0)}</text>'
        f'<text x="{w - pad}" y="{h - 10}" text-anchor="end">{int(x1)}</text>'
        f'<text x="4" y="{pad - 8}">{y1:,.0f}</text></svg>'
    )


CSS = """
body{font:15px/1.5 Georgia,serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#111}
h1{font-size:1.6rem}h2{font-size:1.2rem;border-bottom:1px solid #ccc;margin-top:2rem}
.meta{color:#555;font-style:italic}a.cite{font-size:.8em;text-decoration:none;margin-left:1px}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:2px 8px}
svg.chart{width:100%;max-width:420px;height:auto;display:block}
svg.chart polyline{stroke:#1f5fa8;stroke-width:2}svg.chart circle{fill:#1f5fa8}
svg.chart .axis{stroke:#888}svg.chart text{font:11px sans-serif;fill:#444}
ol.refs li{margin-bottom:.4rem;font-size:.9em}
@media print{a{color:#111;text-decoration:none}nav{display:none}
h2{break-after:avoid}table,svg,li{break-inside:avoid}body{margin:0;max-width:none}}
"""


def to_html(brief: Brief, base: str = "", nav: str = "") -> str:
    """A standalone page; `base` prefixes document links (empty: same server). `nav` is
    trusted HTML of a navigation bar (the web page's way back), hidden in print."""
    rng = " – ".join(x for x in (brief.since or "", brief.until or "") if x) or "all dates"
    title = f"{brief.a}–{brief.b}: relationship brief"
    parts = [
        "<!doctype html><html lang=en><head><meta charset=utf-8>",
        f'<title>{escape(title)}</title><link rel="icon" href="data:,">'
        f"<style>{CSS}</style></head><body>{nav}",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">{escape(rng)}; asserted events with confidence ≥ '
        f"{brief.min_confidence:g}; built from the tiegraph store. Every statement cites "
        "its evidence.</p>",
    ]
    for sec in brief.sections:
        parts.append(f"<section><h2>{escape(sec.title)}</h2>")
        tag = "p" if sec.title == "Overview" else "li"
        if tag == "li":
            parts.append("<ul>")
        for s in sec.sentences:
            parts.append(f"<{tag}>{escape(s.text)} {_cites_html(s)}</{tag}>")
        if tag == "li":
            parts.append("</ul>")
        for t in sec.tables:
            parts.append(f"<h3>{escape(t['title'])}</h3>{_chart(t['points'], t['title'])}")
            parts.append("<table><tr><th>as of</th><th>value</th><th>source</th></tr>")
            for as_of, value, cites in t["rows"]:
                links = "".join(f'<a class="cite" href="#ref-{n}">[{n}]</a>' for n in cites)
                parts.append(
                    f"<tr><td>{escape(as_of)}</td><td>{escape(value)}</td><td>{links}</td></tr>"
                )
            parts.append("</table>")
        parts.append("</section>")
    parts.append('<section><h2>References</h2><ol class="refs">')
    for r in brief.references:
        parts.append(
            f'<li id="ref-{r.n}"><a href="{escape(_link(r, base))}">'
            f"{escape(r.title or r.doc_id)}</a> — {escape(', '.join(x for x in (r.publisher, r.date) if x))} "
            f"(chars {r.start}–{r.end}): “{escape(r.text.strip())}”</li>"
        )
    parts.append("</ol></section></body></html>")
    return "\n".join(parts)
