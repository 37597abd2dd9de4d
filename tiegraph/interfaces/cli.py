"""`tiegraph` command line: thin argument parsing and rendering over the Python API."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from tiegraph import __version__
from tiegraph.config import default_db_path
from tiegraph.model import ExtractionRecord


def _err(msg: str) -> None:
    print(f"tiegraph: {msg}", file=sys.stderr)


def _progress(records: Iterable[ExtractionRecord], quiet: bool) -> Iterator[ExtractionRecord]:
    """Per-document progress on stderr (docs/s), and a one-line error per failed input."""
    t0 = time.perf_counter()
    n = 0
    for rec in records:
        n += 1
        for e in rec.errors:
            _err(f"{e['source']}: {e['error']}")
        if not quiet and sys.stderr.isatty():
            rate = n / max(time.perf_counter() - t0, 1e-6)
            print(f"\r{n} documents, {rate:.1f} docs/s", end="", file=sys.stderr)
        yield rec
    if not quiet and sys.stderr.isatty() and n:
        print(file=sys.stderr)


def _records(paths: list[str], quiet: bool) -> Iterator[ExtractionRecord]:
    from tiegraph.ingest.readers import read_inputs
    from tiegraph.pipeline import process

    return _progress(process(read_inputs(paths)), quiet)


def cmd_extract(args: argparse.Namespace) -> int:
    failed = 0
    for rec in _records(args.paths, args.quiet):
        d = rec.to_dict()
        if args.min_confidence:
            d["events"] = [e for e in d["events"] if e["confidence"] >= args.min_confidence]
        if not args.with_sentences:
            d.pop("sentences", None)
            d.pop("entities", None)
        print(json.dumps(d, ensure_ascii=False, indent=2 if args.pretty else None))
        failed += bool(rec.errors and not rec.doc.text)
    return 1 if failed else 0


def _open_store(db: str | None):
    from tiegraph.store.sqlite import SQLiteStore

    return SQLiteStore(db or default_db_path())


def cmd_ingest(args: argparse.Namespace) -> int:
    with _open_store(args.db) as store:
        counts = store.add_records(_records(args.paths, args.quiet))
        if not args.quiet:
            print(
                f"stored {counts['stored']}, already present {counts['skipped']}, "
                f"failed {counts['failed']}  ->  {store.path}"
            )
    return 1 if counts["failed"] else 0


def cmd_eval(args: argparse.Namespace) -> int:
    from tiegraph.eval.scorer import GoldError, format_table, score_gold
    from tiegraph.pipeline import process

    try:
        result = score_gold(Path(args.gold), process)
    except GoldError as exc:
        _err(str(exc))
        return 2
    if args.json:
        out = {k: v for k, v in result.items() if not k.startswith("_")}
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        print(format_table(result, verbose=args.verbose))
    return 0


def cmd_dates(args: argparse.Namespace) -> int:
    from tiegraph.nlp.timex import find_timexes

    found = [t.to_dict() for t in find_timexes(args.text, args.anchor)]
    if args.json:
        print(json.dumps(found, indent=2, ensure_ascii=False))
    else:
        for t in found:
            print(
                f"{t['start']:>5}-{t['end']:<5} {t['text']!r:<30} {t['value']:<14} {t['precision']}"
                + (f" mod={t['mod']}" if t.get("mod") else "")
            )
    return 0


def cmd_actor(args: argparse.Namespace) -> int:
    from tiegraph.resolve.phrase import resolve_phrases

    rows = resolve_phrases([args.text], context=args.context, date=args.date)
    if args.json:
        print(json.dumps(rows[0], indent=2, ensure_ascii=False))
    else:
        r = rows[0]
        print(
            f"{args.text!r}: code={r['code']} country={r['country']} sector={r['sector']} name={r['name']}"
        )
    return 0


def _table(rows: list[dict], cols: list[str], widths: list[int]) -> str:
    head = "  ".join(f"{c:<{w}}" for c, w in zip(cols, widths, strict=True))
    lines = [head, "-" * len(head)]
    for r in rows:
        cells = []
        for c, w in zip(cols, widths, strict=True):
            s = "" if r.get(c) is None else str(r.get(c))
            cells.append(f"{s[:w]:<{w}}")
        lines.append("  ".join(cells))
    return "\n".join(lines)


def cmd_quotes(args: argparse.Namespace) -> int:
    sql = (
        "SELECT q.kind, q.speaker, q.speaker_role, q.speaker_country, q.text, q.cue, "
        "d.title, COALESCE(d.published, d.anchor_date) AS date, q.doc_id, q.about "
        "FROM quotes q JOIN documents d USING(doc_id) WHERE 1=1"
    )
    params: list = []
    if args.speaker:
        sql += " AND q.speaker LIKE ?"
        params.append(f"%{args.speaker}%")
    if args.about:
        sql += " AND q.about LIKE ?"
        params.append(f'%"{args.about}"%')
    if args.since:
        sql += " AND COALESCE(d.published, d.anchor_date) >= ?"
        params.append(args.since)
    sql += " ORDER BY date, q.start"
    with _open_store(args.db) as store:
        rows = store.query(sql, params)
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        print(_table(rows, ["date", "speaker", "kind", "text", "doc_id"], [10, 22, 8, 70, 16]))
    return 0


def cmd_events(args: argparse.Namespace) -> int:
    sql = (
        "SELECT date, source_code, target_code, type, cameo, goldstein, polarity, modality, "
        "confidence, evidence, doc_id FROM events WHERE confidence >= ?"
    )
    params: list = [args.min_confidence]
    if args.dyad:
        sql += " AND ((source_country=? AND target_country=?) OR (source_country=? AND target_country=?))"
        a, b = args.dyad
        params += [a, b, b, a]
    if args.type:
        sql += " AND type=?"
        params.append(args.type)
    if args.since:
        sql += " AND date >= ?"
        params.append(args.since)
    if args.until:
        sql += " AND date <= ?"
        params.append(args.until)
    sql += " ORDER BY date"
    with _open_store(args.db) as store:
        rows = store.query(sql, params)
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        print(
            _table(
                rows,
                ["date", "source_code", "target_code", "type", "polarity", "evidence"],
                [10, 10, 10, 10, 9, 70],
            )
        )
    return 0


def cmd_claims(args: argparse.Namespace) -> int:
    with _open_store(args.db) as store:
        rows = store.claims()
    if args.measure:
        rows = [r for r in rows if r["measure"] == args.measure]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        for r in rows:
            r["subject"] = "+".join(r["subject"])
        print(
            _table(
                rows,
                [
                    "as_of",
                    "subject",
                    "location",
                    "measure",
                    "value",
                    "unit",
                    "qualifier",
                    "evidence",
                ],
                [10, 9, 8, 18, 14, 7, 9, 60],
            )
        )
    return 0


def cmd_changes(args: argparse.Namespace) -> int:
    from tiegraph.analysis.changes import compare_claims

    with _open_store(args.db) as store:
        rows = [c.to_dict() for c in compare_claims(store.claims())]
    if args.measure:
        rows = [r for r in rows if r["measure"] == args.measure]
    if args.subject:
        rows = [r for r in rows if args.subject in r["subject"]]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("no claim changes or conflicts")
    for r in rows:
        f, t = r["from"], r["to"]
        where = f" in {r['location']}" if r["location"] else ""
        print(
            f"[{r['kind']}] {'+'.join(r['subject'])} {r['measure']}{where}: "
            f"{f['value']:,.0f} ({f['as_of']}) -> {t['value']:,.0f} ({t['as_of']}), delta {r['delta']:+,.0f}"
        )
        print(f"    from {f['doc_id']}: {f['evidence'].get('text', '')[:160]}")
        print(f"    to   {t['doc_id']}: {t['evidence'].get('text', '')[:160]}")
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from tiegraph.analysis.summary import corpus_summary, format_summary

    with _open_store(args.db) as store:
        s = corpus_summary(store)
    print(json.dumps(s, indent=2, ensure_ascii=False) if args.json else format_summary(s))
    return 0


def cmd_failures(args: argparse.Namespace) -> int:
    with _open_store(args.db) as store:
        rows = store.failures()
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print(
            _table(rows, ["source", "error", "first_seen"], [40, 70, 19]) if rows else "no failures"
        )
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="tiegraph", description=__doc__)
    p.add_argument("--version", action="version", version=f"tiegraph {__version__}")
    sub = p.add_subparsers(dest="cmd", required=True)

    def db_arg(sp: argparse.ArgumentParser) -> None:
        sp.add_argument(
            "--db", help=f"SQLite store path (default $TIEGRAPH_DB or {default_db_path()})"
        )

    sp = sub.add_parser("extract", help="print one JSON extraction record per input document")
    sp.add_argument("paths", nargs="+", help="files, folders, or - for stdin")
    sp.add_argument("--format", choices=["jsonl"], default="jsonl")
    sp.add_argument("--pretty", action="store_true", help="indent the JSON")
    sp.add_argument("--with-sentences", action="store_true", help="include sentences and entities")
    sp.add_argument("--min-confidence", type=float, default=0.0)
    sp.add_argument("--quiet", "-q", action="store_true")
    sp.set_defaults(func=cmd_extract)

    sp = sub.add_parser("ingest", help="extract and load documents into the store")
    sp.add_argument("paths", nargs="+")
    db_arg(sp)
    sp.add_argument("--quiet", "-q", action="store_true")
    sp.set_defaults(func=cmd_ingest)

    sp = sub.add_parser("eval", help="score against gold files (shared/eval/FORMAT.md)")
    sp.add_argument("gold", help="gold file or folder")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--verbose", "-v", action="store_true", help="list misses and false positives")
    sp.set_defaults(func=cmd_eval)

    sp = sub.add_parser("dates", help="list time expressions with TIMEX3-style values")
    sp.add_argument("text")
    sp.add_argument("--anchor", help="document date YYYY[-MM[-DD]]")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_dates)

    sp = sub.add_parser("actor", help="resolve a short actor phrase to a CAMEO-style code")
    sp.add_argument("text")
    sp.add_argument("--context", help="a sentence the phrase appears in")
    sp.add_argument("--date", help="article date YYYY-MM-DD (for office-holders)")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_actor)

    sp = sub.add_parser("events", help="events in the store")
    db_arg(sp)
    sp.add_argument("--dyad", nargs=2, metavar=("A", "B"))
    sp.add_argument("--type")
    sp.add_argument("--since")
    sp.add_argument("--until")
    sp.add_argument("--min-confidence", type=float, default=0.0)
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_events)

    sp = sub.add_parser("quotes", help="quotes in the store")
    db_arg(sp)
    sp.add_argument("--speaker")
    sp.add_argument("--about", help="country code the quote is about")
    sp.add_argument("--since", help="YYYY[-MM[-DD]]")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_quotes)

    sp = sub.add_parser("claims", help="numeric claims in the store")
    db_arg(sp)
    sp.add_argument("--measure")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_claims)

    sp = sub.add_parser("changes", help="how claims changed or conflict across documents")
    db_arg(sp)
    sp.add_argument("--measure")
    sp.add_argument("--subject")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_changes)

    sp = sub.add_parser("summary", help="documents, actors, events by dyad, quotes, claims")
    db_arg(sp)
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_summary)

    sp = sub.add_parser("failures", help="inputs that failed, with the reason")
    db_arg(sp)
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_failures)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        return 0
    except RuntimeError as exc:
        _err(str(exc))
        return 2


if __name__ == "__main__":
    sys.exit(main())
