"""`tiegraph` command line: thin argument parsing and rendering over the Python API."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from tiegraph import __version__
from tiegraph.config import default_db_path
from tiegraph.model import ExtractionRecord


def _err(msg: str) -> None:
    print(f"tiegraph: {msg}", file=sys.stderr)


def _records(args: argparse.Namespace, stats, store=None) -> Iterator[ExtractionRecord]:
    """Records for the CLI's paths: filtered, deduplicated (also against `store`), tracked."""
    from tiegraph.ingest.dedup import Deduper
    from tiegraph.ingest.progress import track
    from tiegraph.ingest.readers import count_documents, read_inputs
    from tiegraph.pipeline import doc_id_for, process

    inc, exc = args.include or None, args.exclude or None
    live = not args.quiet and sys.stderr.isatty()
    total = count_documents(args.paths, inc, exc) if live else None
    dedup = Deduper()
    if store is not None:
        dedup.seed((d, doc_id_for(t), t, src) for d, t, src in _stored_texts(store))
    skip = (lambda doc: store.has_document(doc.doc_id)) if store is not None else None
    records = process(read_inputs(args.paths, inc, exc), dedup=dedup, skip=skip)
    return track(records, stats, quiet=args.quiet, total=total)


def _stored_texts(store, page: int = 500) -> Iterator[tuple[str, str, str]]:
    """(doc_id, text, source) of the store's first copies, a page at a time (dedup seeding)."""
    last = ""
    while True:
        rows = store.query(
            "SELECT doc_id, text, source FROM documents WHERE duplicate_of IS NULL AND doc_id > ? "
            "AND text IS NOT NULL AND text != '' ORDER BY doc_id LIMIT ?",
            (last, page),
        )
        if not rows:
            return
        for r in rows:
            yield r["doc_id"], r["text"], r["source"]
        last = rows[-1]["doc_id"]


def _run_summary(args: argparse.Namespace, stats) -> int:
    """The run-summary line on stderr (unless --quiet); exit code 1 if anything failed or was cut."""
    if not args.quiet:
        _err(stats.line())
    return 0 if stats.ok else 1


def cmd_extract(args: argparse.Namespace) -> int:
    from tiegraph.ingest.progress import RunStats

    stats = RunStats()
    for rec in _records(args, stats):
        d = rec.to_dict()
        if args.min_confidence:
            d["events"] = [e for e in d["events"] if e["confidence"] >= args.min_confidence]
        if not args.with_sentences:
            d.pop("sentences", None)
            d.pop("entities", None)
        print(json.dumps(d, ensure_ascii=False, indent=2 if args.pretty else None))
    return _run_summary(args, stats)


def _open_store(db: str | None):
    """The store named by --db, else $TIEGRAPH_DB, else ./tiegraph.db (a path or a URL)."""
    from tiegraph.store import open_store

    return open_store(db)


def _flat(row: dict, prefix: str = "") -> dict:
    """Nested spans and lists -> flat CSV cells (evidence.start -> evidence_start)."""
    out: dict = {}
    for k, v in row.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(_flat(v, key + "_"))
        elif isinstance(v, list):
            out[key] = "+".join(str(x) for x in v)
        else:
            out[key] = v
    return out


def _emit(rows: list[dict], args: argparse.Namespace, cols: list[str], widths: list[int]) -> None:
    """Rows as --json, --csv, or a terminal table of `cols`."""
    if getattr(args, "json", False):
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    elif getattr(args, "csv", False):
        import csv

        flat = [_flat(r) for r in rows]
        fields = list(dict.fromkeys(k for r in flat for k in r))
        w = csv.DictWriter(sys.stdout, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(flat)
    elif not rows:
        print("no rows")
    else:
        print(_table(rows, cols, widths))


def cmd_ingest(args: argparse.Namespace) -> int:
    from tiegraph.ingest.progress import RunStats

    stats = RunStats()
    with _open_store(args.db) as store:
        counts = store.add_records(_records(args, stats, store))
        if not args.quiet:
            print(
                f"stored {counts['stored']}, already present {counts['skipped']}, "
                f"failed {counts['failed']}  ->  {store.path}"
            )
    return _run_summary(args, stats)


def cmd_run(args: argparse.Namespace) -> int:
    """Extract on a Dask cluster into chunk outputs, then optionally load them (docs/distributed.md)."""
    from tiegraph.distributed import load_outputs, run

    live = not args.quiet and sys.stderr.isatty()

    def say(line: str, kind: str) -> None:
        if kind == "error":
            print(("\r\x1b[K" if live else "") + f"tiegraph: {line}", file=sys.stderr)
        elif kind == "note" and not args.quiet:
            _err(line)
        elif kind == "progress" and live:
            print(f"\r\x1b[K{line}", end="", file=sys.stderr, flush=True)

    fmts = ("parquet", "jsonl") if args.format == "both" else (args.format,)
    try:
        report = run(
            args.paths,
            args.out,
            scheduler=args.scheduler,
            workers=args.workers,
            chunk_size=args.chunk_size,
            include=args.include or None,
            exclude=args.exclude or None,
            formats=fmts,
            progress=say,
        )
    except (ValueError, OSError) as exc:  # bad arguments, no scheduler, no worker joined
        _err(str(exc))
        return 2
    if live:
        print("\r\x1b[K", end="", file=sys.stderr)
    if not args.quiet:
        _err(report.line())
    if args.db:
        with _open_store(args.db) as store:
            missing: list[str] = []
            counts = load_outputs(store, args.out, _stored_texts(store), missing)
            if not args.quiet:
                print(
                    f"stored {counts['stored']}, already present {counts['skipped']}, "
                    f"failed {counts['failed']}  ->  {store.path}"
                )
            if missing:
                _err(f"{len(missing)} chunks have no output yet: run again to finish and load them")
    return 0 if report.ok else 1


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

    if args.file:
        with open(args.file, encoding="utf-8") as fh:
            phrases = [line.strip() for line in fh if line.strip()]
        for row in resolve_phrases(phrases, context=args.context, date=args.date):
            print(json.dumps(row, ensure_ascii=False))
        return 0
    if not args.text:
        print("tiegraph actor: give a PHRASE or --file FILE", file=sys.stderr)
        return 2
    rows = resolve_phrases([args.text], context=args.context, date=args.date)
    if args.json:
        print(json.dumps(rows[0], indent=2, ensure_ascii=False))
    else:
        r = rows[0]
        print(
            f"{args.text!r}: code={r['code']} country={r['country']} sector={r['sector']} "
            f"name={r['name']}"
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
    """Who said what: quote, speaker and role, kind, document and date (docs/quotes.md)."""
    from tiegraph.store.queries import list_quotes

    with _open_store(args.db) as store:
        rows = list_quotes(
            store,
            speaker=args.speaker,
            about=args.about,
            since=args.since,
            until=args.until,
            limit=None if args.kind else args.limit,
        )
    if args.kind:
        rows = [r for r in rows if r.get("kind") == args.kind][: args.limit]
    if not (args.json or args.csv):
        for r in rows:
            who = r.get("speaker") or ""
            r["who"] = f"{who} ({r['speaker_code']})" if r.get("speaker_code") else who
            r["quote"] = " ".join((r.get("text") or "").split())
            r["doc"] = r.get("title") or r.get("doc_id")
    _emit(
        rows,
        args,
        ["date", "who", "speaker_role", "kind", "quote", "doc"],
        [10, 26, 22, 8, 72, 24],
    )
    return 0


def cmd_events(args: argparse.Namespace) -> int:
    from tiegraph.store.queries import list_events

    with _open_store(args.db) as store:
        rows = list_events(
            store,
            dyad=args.dyad,
            type=args.type,
            since=args.since,
            until=args.until,
            min_confidence=args.min_confidence,
            actor=args.actor,
            limit=args.limit,
        )
    if not (args.json or args.csv):
        for r in rows:
            r["text"] = " ".join((r["evidence"] or {}).get("text", "").split())
            r["type"] = r["type"] + ("/NOT" if r["polarity"] == "negated" else "")
    _emit(
        rows,
        args,
        ["date", "source_code", "target_code", "type", "goldstein", "confidence", "text"],
        [10, 11, 11, 13, 9, 10, 80],
    )
    return 0


def cmd_claims(args: argparse.Namespace) -> int:
    from tiegraph.analysis.changes import format_value

    with _open_store(args.db) as store:
        rows = store.claims()
    if args.measure:
        rows = [r for r in rows if r["measure"] == args.measure]
    if args.subject:
        rows = [r for r in rows if args.subject in r["subject"]]
    rows.sort(key=lambda r: (r["measure"], r["subject"], r.get("as_of") or ""))
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    for r in rows:
        r["subject"] = "+".join(r["subject"])
        r["figure"] = " ".join(
            x
            for x in (
                r.get("qualifier"),
                format_value(r["value"], r["unit"], r.get("value_high")),
                "(projected)" if r.get("projection") else None,
                "(NOT)" if r.get("polarity") == "negated" else None,
            )
            if x
        )
        ev = r.get("evidence")
        r["evidence"] = " ".join(((ev.get("text") if isinstance(ev, dict) else ev) or "").split())
    print(
        _table(
            rows,
            ["as_of", "subject", "location", "measure", "figure", "asserted_by", "evidence"],
            [10, 9, 8, 20, 24, 14, 70],
        )
    )
    return 0


def cmd_changes(args: argparse.Namespace) -> int:
    from tiegraph.analysis.changes import format_change
    from tiegraph.store.queries import list_changes

    with _open_store(args.db) as store:
        rows = list_changes(store, measure=args.measure, subject=args.subject)
    if args.kind:
        rows = [r for r in rows if r["kind"] == args.kind]
    rows.sort(key=lambda r: (r["measure"], r["subject"], r["from"].get("as_of") or ""))
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("no claim changes or conflicts")
    for r in rows:
        print(format_change(r))
    return 0


def cmd_dyad(args: argparse.Namespace) -> int:
    from tiegraph.analysis.dyad import format_timeline
    from tiegraph.store.queries import dyad_timeline

    a, b = args.a.upper(), args.b.upper()
    with _open_store(args.db) as store:
        rows = dyad_timeline(store, a, b, by=args.by)
    if args.json or args.csv:
        _emit(rows, args, [], [])
    else:
        print(format_timeline(rows, a, b))
    return 0


def cmd_actors(args: argparse.Namespace) -> int:
    from tiegraph.store.queries import list_actors

    with _open_store(args.db) as store:
        rows = list_actors(store, q=args.q, kind=args.kind, country=args.country, limit=args.limit)
    _emit(
        rows,
        args,
        ["name", "code", "kind", "country", "documents", "mentions", "events"],
        [36, 10, 12, 7, 9, 8, 6],
    )
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from tiegraph.store.queries import search

    with _open_store(args.db) as store:
        rows = search(store, args.text, limit=args.limit)
    if args.json or args.csv:
        _emit(rows, args, [], [])
        return 0
    if not rows:
        print(f"no sentence matches {args.text!r}")
    for r in rows:
        sp = r["span"]
        print(f"{r['doc_id']} {sp['start']}-{sp['end']}  {r['title'] or ''}")
        print("    " + " ".join(r["snippet"].split()))
    return 0


def _render_marked(text: str, marks: list[dict], color: bool) -> str:
    """The text with every mark bracketed and labelled: [fired]E1, «…»Q1, {ironclad}H1."""
    style = {
        "event": ("[", "]", "\x1b[1;31m"),
        "quote": ("«", "»", "\x1b[32m"),
        "claim": ("", "", "\x1b[33m"),
        "characterization": ("{", "}", "\x1b[35m"),
        "mention": ("<", ">", "\x1b[36m"),
    }
    inserts: list[tuple[int, int, str]] = []  # (position, closings first, string)
    for m in marks:
        o, c, col = style[m["kind"]]
        on, off = (col, "\x1b[0m") if color else ("", "")
        end = m["start"] + len(text[m["start"] : m["end"]].rstrip())  # label before the gap
        inserts.append((m["start"], 1, on + o))
        inserts.append((end, 0, f"{c}{m['label']}{off}"))
    out, pos = [], 0
    for at, _order, s in sorted(inserts, key=lambda t: (t[0], t[1])):
        out.append(text[pos:at])
        out.append(s)
        pos = at
    out.append(text[pos:])
    return "".join(out)


def cmd_doc(args: argparse.Namespace) -> int:
    from tiegraph.store.queries import document_marks, get_document, list_documents

    with _open_store(args.db) as store:
        got = get_document(store, args.doc_id)
        if got is None:
            hits = list_documents(store, q=args.doc_id, limit=None)
            hits = [r for r in hits if r["doc_id"].startswith(args.doc_id)] or hits
            if len(hits) != 1:
                _err(
                    f"no document {args.doc_id!r}"
                    if not hits
                    else f"{len(hits)} documents match {args.doc_id!r}: "
                    + ", ".join(r["doc_id"] for r in hits[:10])
                )
                return 1
            got = get_document(store, hits[0]["doc_id"])
    marks = document_marks(got["record"], mentions=args.mentions)
    if args.json:
        print(json.dumps({**got, "marks": marks}, indent=2, ensure_ascii=False))
        return 0
    d = got["doc"]
    color = sys.stdout.isatty() and not args.no_color
    print(f"{d['doc_id']}  {d['title'] or ''}")
    print(f"source {d['source']}   published {d['published'] or '?'}   language {d['language']}")
    print("=" * 100)
    print(_render_marked(d["text"], marks, color))
    print("=" * 100)
    for m in marks:
        if m["kind"] != "mention":
            print(f"{m['label']:>4}  {m['start']:>5}-{m['end']:<5} {m['summary']}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from tiegraph.analysis.export import export

    with _open_store(args.db) as store:
        res = export(
            store,
            args.format,
            args.out,
            include_negated=args.include_negated,
            include_duplicates=args.include_duplicates,
            with_sentences=args.with_sentences,
            min_events=args.min_events,
            level=args.level,
        )
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        counts = ", ".join(f"{k} {v}" for k, v in res["rows"].items())
        print(f"{res['format']} -> {res['path']}: {counts} ({res['seconds']} s)")
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


def cmd_serve(args: argparse.Namespace) -> int:
    from tiegraph.web.server import serve

    return serve(args.db, host=args.host, port=args.port)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="tiegraph", description=__doc__)
    p.add_argument("--version", action="version", version=f"tiegraph {__version__}")
    sub = p.add_subparsers(dest="cmd", required=True)

    def input_args(sp: argparse.ArgumentParser) -> None:
        sp.add_argument(
            "--include",
            action="append",
            metavar="GLOB",
            help="in folders, read only files matching GLOB (repeatable; default: known suffixes)",
        )
        sp.add_argument(
            "--exclude",
            action="append",
            metavar="GLOB",
            help="in folders, skip files matching GLOB",
        )
        sp.add_argument(
            "--quiet", "-q", action="store_true", help="no progress, no run summary (errors still)"
        )

    def db_arg(sp: argparse.ArgumentParser) -> None:
        sp.add_argument(
            "--db",
            help="store: a SQLite file path or postgresql://… URL "
            f"(default $TIEGRAPH_DB or {default_db_path()})",
        )

    def out_args(sp: argparse.ArgumentParser, csv: bool = True) -> None:
        sp.add_argument("--json", action="store_true", help="print JSON")
        if csv:
            sp.add_argument("--csv", action="store_true", help="print CSV")

    sp = sub.add_parser("extract", help="print one JSON extraction record per input document")
    sp.add_argument("paths", nargs="+", help="files, folders, or - for stdin")
    sp.add_argument("--format", choices=["jsonl"], default="jsonl")
    sp.add_argument("--pretty", action="store_true", help="indent the JSON")
    sp.add_argument("--with-sentences", action="store_true", help="include sentences and entities")
    sp.add_argument("--min-confidence", type=float, default=0.0)
    input_args(sp)
    sp.set_defaults(func=cmd_extract)

    sp = sub.add_parser("ingest", help="extract and load documents into the store")
    sp.add_argument("paths", nargs="+", help="files, folders, or - for stdin")
    db_arg(sp)
    input_args(sp)
    sp.set_defaults(func=cmd_ingest)

    sp = sub.add_parser("run", help="extract on a Dask cluster into Parquet/JSONL chunk outputs")
    sp.add_argument("paths", nargs="+", help="files and folders (JSONL files are split by lines)")
    sp.add_argument("--out", required=True, help="output folder: manifest.json and chunks/")
    where = sp.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="ADDR", help="a running scheduler, tcp://HOST:8786")
    where.add_argument(
        "--workers", type=int, help="local worker processes (default: one per CPU core)"
    )
    sp.add_argument("--chunk-size", type=int, default=64, help="documents per task (default 64)")
    sp.add_argument("--format", choices=["parquet", "jsonl", "both"], default="parquet")
    sp.add_argument("--db", help="then load the outputs into this store (idempotent)")
    input_args(sp)
    sp.set_defaults(func=cmd_run)

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
    sp.add_argument("text", nargs="?", help="the phrase (or use --file)")
    sp.add_argument("--file", help="one phrase per line; prints one JSON object per line")
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
    sp.add_argument("--actor", help="a country or actor code on either side")
    sp.add_argument("--limit", type=int, default=None)
    out_args(sp)
    sp.set_defaults(func=cmd_events)

    sp = sub.add_parser("dyad", help="how a relationship evolves: events, quotes, tone per period")
    db_arg(sp)
    sp.add_argument("a", help="country code, e.g. KOR")
    sp.add_argument("b", help="country code, e.g. USA")
    sp.add_argument("--by", choices=["year", "month"], default="year")
    out_args(sp)
    sp.set_defaults(func=cmd_dyad)

    sp = sub.add_parser("actors", help="actors across the corpus, most documents first")
    db_arg(sp)
    sp.add_argument("q", nargs="?", help="part of a name, or a code")
    sp.add_argument("--kind", help="state, person, organisation, igo, group")
    sp.add_argument("--country")
    sp.add_argument("--limit", type=int, default=50)
    out_args(sp)
    sp.set_defaults(func=cmd_actors)

    sp = sub.add_parser("search", help="full-text search over the stored sentences")
    db_arg(sp)
    sp.add_argument("text")
    sp.add_argument("--limit", type=int, default=20)
    out_args(sp)
    sp.set_defaults(func=cmd_search)

    sp = sub.add_parser("doc", help="a stored document with its extractions marked in the text")
    db_arg(sp)
    sp.add_argument("doc_id", help="document id (or a unique prefix, or part of the title)")
    sp.add_argument("--mentions", action="store_true", help="also mark actor mentions")
    sp.add_argument("--no-color", action="store_true")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_doc)

    sp = sub.add_parser(
        "export", help="export the store: parquet, csv (GDELT-like), jsonl, graphml"
    )
    db_arg(sp)
    sp.add_argument("out", help="output folder (parquet) or file")
    sp.add_argument("--format", choices=["parquet", "csv", "jsonl", "graphml"], required=True)
    sp.add_argument("--include-negated", action="store_true", help="csv: keep negated events")
    sp.add_argument(
        "--include-duplicates", action="store_true", help="csv: keep events of duplicate documents"
    )
    sp.add_argument("--with-sentences", action="store_true", help="jsonl: keep sentences")
    sp.add_argument("--min-events", type=int, default=1, help="graphml: drop lighter edges")
    sp.add_argument("--level", choices=["country", "code"], default="country", help="graphml nodes")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_export)

    sp = sub.add_parser("quotes", help="who said what: quotes with speaker, role, document, date")
    db_arg(sp)
    sp.add_argument("--speaker", help="part of the speaker's name, or a country/actor code")
    sp.add_argument("--about", help="country code the quote is about")
    sp.add_argument("--since", help="YYYY[-MM[-DD]] (document date)")
    sp.add_argument("--until", help="YYYY[-MM[-DD]] (document date)")
    sp.add_argument("--kind", choices=["direct", "indirect", "mixed"])
    sp.add_argument("--limit", type=int, default=None)
    out_args(sp)
    sp.set_defaults(func=cmd_quotes)

    sp = sub.add_parser("claims", help="numeric claims in the store")
    db_arg(sp)
    sp.add_argument("--measure", help="e.g. troops_stationed (see data/measures.yaml)")
    sp.add_argument("--subject", help="country code that must be among the subjects")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_claims)

    sp = sub.add_parser("changes", help="how claims changed or conflict across documents")
    db_arg(sp)
    sp.add_argument("--measure", help="e.g. troops_stationed (see data/measures.yaml)")
    sp.add_argument("--subject", help="country code that must be among the subjects")
    sp.add_argument("--kind", choices=["change", "conflict"])
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

    sp = sub.add_parser("serve", help="HTTP API (OpenAPI at /docs) and web UI over the store")
    db_arg(sp)
    sp.add_argument("--host", default="127.0.0.1", help="bind address (default 127.0.0.1)")
    sp.add_argument("--port", type=int, default=8000)
    sp.set_defaults(func=cmd_serve)
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
