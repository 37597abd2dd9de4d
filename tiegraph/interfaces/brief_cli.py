"""`tiegraph brief A B`: a cited relationship brief from the store (Markdown or HTML)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tiegraph.interfaces import params as P
from tiegraph.interfaces.common import CliError, open_store


def cmd_brief(args: argparse.Namespace) -> int:
    from tiegraph.analysis.brief import build_brief
    from tiegraph.analysis.brief_render import to_html, to_markdown

    since, until = P.date_range(args.since, args.until)
    min_conf = P.fraction(args.min_confidence)
    with open_store(args.db) as store:
        a, b = P.dyad(args.codes, store)  # type: ignore[misc]
        brief = build_brief(store, a, b, since=since, until=until, min_confidence=min_conf)
    if args.format == "json":
        text = json.dumps(brief.to_dict(), indent=2, ensure_ascii=False) + "\n"
    elif args.format == "html":
        text = to_html(brief, base=args.base_url.rstrip("/"))
    else:
        text = to_markdown(brief)
    if args.out:
        try:
            Path(args.out).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise CliError(f"{args.out}: cannot write the brief: {exc.strerror}") from exc
        print(f"brief {a}-{b}: {len(brief.references)} citations -> {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def add_parser(sub: argparse._SubParsersAction, common: list[argparse.ArgumentParser]) -> None:
    sp = sub.add_parser(
        "brief",
        parents=common,
        help="a relationship brief with citations to the evidence (md, html or json)",
    )
    sp.add_argument(
        "codes", nargs="+", metavar="CODE", help="two country codes: KOR USA or KOR,USA"
    )
    sp.add_argument("--since", metavar="DATE", help="YYYY[-MM[-DD]], inclusive")
    sp.add_argument("--until", metavar="DATE", help="YYYY[-MM[-DD]], inclusive")
    sp.add_argument(
        "--min-confidence", type=float, default=0.6, help="events below this are left out (0.6)"
    )
    sp.add_argument("--format", choices=["md", "html", "json"], default="md")
    sp.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    sp.add_argument(
        "--base-url",
        default="http://127.0.0.1:8000",
        help="where `tiegraph serve` runs, for the HTML's links to highlighted evidence",
    )
    sp.set_defaults(func=cmd_brief)
