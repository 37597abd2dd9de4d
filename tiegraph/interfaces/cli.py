"""`tiegraph` command line: thin argument parsing and rendering over the Python API.

This module holds the entry point and the commands that read inputs (extract, ingest,
run, eval, dates, actor, serve); the commands that read the store are in `query_cli`.
Every failure is one line on stderr naming the input and the reason (exit 2 for bad
usage, 1 for a failed run); `--debug` shows the traceback instead.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from tiegraph import __version__
from tiegraph.interfaces.common import CliError, SafeStream, err, open_store, safe
from tiegraph.interfaces.params import ParamError

if TYPE_CHECKING:
    from tiegraph.model import ExtractionRecord

_err = err
# Settings read as whole numbers at import time; checked before anything imports them.
INT_SETTINGS = (
    "TIEGRAPH_MAX_DOC_CHARS",
    "TIEGRAPH_BATCH_SIZE",
    "TIEGRAPH_MAX_INPUT_BYTES",
    "TIEGRAPH_STORE_BATCH",
)


def check_settings(environ: dict[str, str] | None = None) -> None:
    """Refuse a TIEGRAPH_* number setting that is not a positive whole number."""
    env = os.environ if environ is None else environ
    for name in INT_SETTINGS:
        raw = env.get(name)
        if raw is None:
            continue
        try:
            ok = int(raw.strip()) >= 1
        except ValueError:
            ok = False
        if not ok:
            raise CliError(f"{name}={raw!r}: must be a whole number of 1 or more")
    from tiegraph.ingest.bounds import doc_time_budget

    try:
        doc_time_budget(env)  # TIEGRAPH_DOC_TIME_BUDGET: seconds above 0
    except ValueError as exc:
        raise CliError(str(exc)) from None


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
    return track(records, stats, quiet=args.quiet, total=total, stream=SafeStream(sys.stderr))


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
    from tiegraph.interfaces.params import fraction

    fraction(args.min_confidence)

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


def cmd_ingest(args: argparse.Namespace) -> int:
    from tiegraph.ingest.progress import RunStats

    stats = RunStats()
    with open_store(args.db, create=True) as store:
        counts = store.add_records(_records(args, stats, store))
        if not args.quiet:
            print(
                f"stored {counts['stored']}, already present {counts['skipped']}, "
                f"failed {counts['failed']}  ->  {safe(store.path)}"
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
        with open_store(args.db, create=True) as store:
            missing: list[str] = []
            counts = load_outputs(store, args.out, _stored_texts(store), missing)
            if not args.quiet:
                print(
                    f"stored {counts['stored']}, already present {counts['skipped']}, "
                    f"failed {counts['failed']}  ->  {safe(store.path)}"
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
    from tiegraph.interfaces.params import date
    from tiegraph.nlp.timex import find_timexes

    date(args.anchor, "anchor")

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
    from tiegraph.resolve.phrase import resolve_json_lines, resolve_phrases

    if args.text == "-":  # JSON lines {"text", "context", "date"} in, one result each out
        rows = resolve_json_lines(sys.stdin)
        for row in rows:
            if "error" in row:
                print(f"tiegraph actor: {row['error']}", file=sys.stderr)
            print(json.dumps(row, ensure_ascii=False))
        return 1 if any("error" in r for r in rows) else 0
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


def cmd_serve(args: argparse.Namespace) -> int:
    from tiegraph.web.server import serve

    if not 1 <= args.port <= 65535:
        raise ParamError(f"port: {args.port} is outside 1..65535")
    open_store(args.db).close()  # a missing store is an error, not a new empty one
    return serve(args.db, host=args.host, port=args.port)


def build_parser() -> argparse.ArgumentParser:
    from tiegraph.interfaces import brief_cli, query_cli

    debug = argparse.ArgumentParser(add_help=False)
    debug.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks"
    )
    with_db = argparse.ArgumentParser(add_help=False, parents=[debug])
    with_db.add_argument(
        "--db",
        metavar="FILE|URL",
        help="the store: a SQLite file or postgresql://… URL (default $TIEGRAPH_DB, "
        "else ./tiegraph.db; read commands never create it)",
    )

    p = argparse.ArgumentParser(prog="tiegraph", description=__doc__.split("\n\n")[0])
    p.add_argument("--version", action="version", version=f"tiegraph {__version__}")
    p.add_argument(
        "--debug", action="store_true", help="show tracebacks instead of one-line errors"
    )
    sub = p.add_subparsers(dest="cmd", required=True, metavar="COMMAND")

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

    sp = sub.add_parser(
        "extract", parents=[debug], help="print one JSON extraction record per input document"
    )
    sp.add_argument("paths", nargs="+", help="files, folders, or - for stdin")
    sp.add_argument("--format", choices=["jsonl"], default="jsonl")
    sp.add_argument("--pretty", action="store_true", help="indent the JSON")
    sp.add_argument("--with-sentences", action="store_true", help="include sentences and entities")
    sp.add_argument("--min-confidence", type=float, default=0.0, metavar="X", help="0..1")
    input_args(sp)
    sp.set_defaults(func=cmd_extract)

    sp = sub.add_parser(
        "ingest", parents=[with_db], help="extract and load documents into the store (creates it)"
    )
    sp.add_argument("paths", nargs="+", help="files, folders, or - for stdin")
    input_args(sp)
    sp.set_defaults(func=cmd_ingest)

    sp = sub.add_parser(
        "run", parents=[debug], help="extract on a Dask cluster into Parquet/JSONL chunk outputs"
    )
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

    sp = sub.add_parser(
        "eval", parents=[debug], help="score against gold files (shared/eval/FORMAT.md)"
    )
    sp.add_argument("gold", help="gold file or folder")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--verbose", "-v", action="store_true", help="list misses and false positives")
    sp.set_defaults(func=cmd_eval)

    sp = sub.add_parser(
        "dates", parents=[debug], help="list time expressions with TIMEX3-style values"
    )
    sp.add_argument("text")
    sp.add_argument("--anchor", help="document date YYYY[-MM[-DD]]")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_dates)

    sp = sub.add_parser("actor", help="resolve a short actor phrase to a CAMEO-style code")
    sp.add_argument(
        "text", nargs="?", help='the phrase; "-" reads JSON lines {"text","context","date"}'
    )
    sp.add_argument("--file", help="one phrase per line; prints one JSON object per line")
    sp.add_argument("--context", help="a sentence the phrase appears in")
    sp.add_argument("--date", help="article date YYYY-MM-DD (for office-holders)")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_actor)

    query_cli.add_parsers(sub, [with_db])
    brief_cli.add_parser(sub, [with_db])

    sp = sub.add_parser(
        "serve", parents=[with_db], help="HTTP API (OpenAPI at /docs) and web UI over the store"
    )
    sp.add_argument("--host", default="127.0.0.1", help="bind address (default 127.0.0.1)")
    sp.add_argument("--port", type=int, default=8000, help="1..65535 (default 8000)")
    sp.set_defaults(func=cmd_serve)
    return p


def _failure(exc: BaseException) -> str:
    """One line for an unexpected error: the reason, and the file it concerns if any."""
    if isinstance(exc, OSError) and exc.filename is not None:
        return f"{exc.filename}: {exc.strerror or exc}"
    reason = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {reason}" if reason else type(exc).__name__


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser().parse_args(argv)
    debug = getattr(args, "debug", False)
    try:
        check_settings()
        return args.func(args)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        err("interrupted")
        return 130
    except (CliError, ParamError) as exc:
        if debug:
            raise
        err(str(exc))
        return 2
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback, unless --debug
        if debug:
            raise
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EPIPE, errno.EIO):
            try:
                err(f"cannot write output: {exc.strerror}")
            except OSError:
                pass
            return 1
        err(_failure(exc) + " (run with --debug for the traceback)")
        return 1


if __name__ == "__main__":
    sys.exit(main())
