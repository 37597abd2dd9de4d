"""The commands that read the store: events, quotes, claims, changes, dyad, actors, search,
doc, summary, failures, export.

They share one shape: codes and dates are checked by `interfaces.params` (case-insensitive,
unknown values refused with what is valid), every list takes --json (the HTTP API's row
shape) and --csv, every list of dated rows takes --since/--until, and a missing store is
an error, never a new empty one.
"""

from __future__ import annotations

import argparse
import json
import sys

from tiegraph.interfaces import params as P
from tiegraph.interfaces.common import emit, err, open_store, safe, safe_lines, wants_data
from tiegraph.interfaces.formatting import change_line, figure


def _dates(args: argparse.Namespace) -> tuple[str | None, str | None]:
    return P.date_range(getattr(args, "since", None), getattr(args, "until", None))


def _limit(args: argparse.Namespace) -> int | None:
    if args.limit is not None and args.limit < 1:
        raise P.ParamError(f"limit: {args.limit} must be 1 or more")
    return args.limit


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def cmd_events(args: argparse.Namespace) -> int:
    from tiegraph.store.queries import list_events
    from tiegraph.web.data import modalities

    since, until = _dates(args)
    limit = _limit(args)
    with open_store(args.db) as store:
        rows = list_events(
            store,
            dyad=P.dyad(args.dyad, store),
            type=P.event_type(args.type),
            since=since,
            until=until,
            min_confidence=P.fraction(args.min_confidence),
            actor=P.actor_code(args.actor, store),
            polarity=args.polarity,
            modality=modalities(args.modality),
            limit=None if args.merged else limit,
        )
    if args.merged:
        return _emit_occurrences(rows, args, limit)
    if not wants_data(args):
        for r in rows:
            r["text"] = _one_line((r["evidence"] or {}).get("text"))
            r["type"] = r["type"] + ("/NOT" if r["polarity"] == "negated" else "")
    cols = ["date", "source_code", "target_code", "type", "goldstein", "confidence", "text"]
    emit(rows, args, (cols, [10, 11, 11, 13, 9, 10, 80]))
    return 0


def _emit_occurrences(rows: list[dict], args: argparse.Namespace, limit: int | None) -> int:
    """`events --merged`: the same event reported by several articles as one row with its
    article count (analysis.occurrences); the raw rows stay listed without --merged."""
    from tiegraph.analysis.occurrences import merge_events

    occ = [o.to_dict() for o in merge_events(rows)][:limit]
    if not wants_data(args):
        for o in occ:
            o["text"] = _one_line((o["evidence"] or {}).get("text"))
            o["dyad"] = f"{o['source_country'] or '?'}>{o['target_country'] or '?'}"
    cols = ["date", "dyad", "type", "articles", "goldstein", "text"]
    emit(occ, args, (cols, [10, 9, 13, 8, 9, 80]))
    return 0


def cmd_quotes(args: argparse.Namespace) -> int:
    """Who said what: quote, speaker and role, kind, document and date (docs/quotes.md)."""
    from tiegraph.store.queries import list_quotes

    since, until = _dates(args)
    limit = _limit(args)
    with open_store(args.db) as store:
        rows = list_quotes(
            store,
            speaker=args.speaker,
            about=P.country(args.about, store, "about"),
            since=since,
            until=until,
            limit=None if args.kind else limit,
        )
    if args.kind:
        rows = [r for r in rows if r.get("kind") == args.kind][:limit]
    if not wants_data(args):
        for r in rows:
            who = r.get("speaker") or ""
            r["who"] = f"{who} ({r['speaker_code']})" if r.get("speaker_code") else who
            r["quote"] = _one_line(r.get("text"))
            r["doc"] = r.get("title") or r.get("doc_id")
    cols = ["date", "who", "speaker_role", "kind", "quote", "doc"]
    emit(rows, args, (cols, [10, 26, 22, 8, 72, 24]))
    return 0


def cmd_claims(args: argparse.Namespace) -> int:
    from tiegraph.store.queries import list_claims

    since, until = _dates(args)
    with open_store(args.db) as store:
        rows = list_claims(
            store,
            measure=P.measure(args.measure),
            subject=P.country(args.subject, store, "subject"),
            since=since,
            until=until,
            limit=_limit(args),
        )
    if not wants_data(args):
        for r in rows:
            r["subjects"] = "+".join(r["subject"])
            r["figure"] = " ".join(
                x
                for x in (
                    figure(r, r["unit"]),
                    "(projected)" if r.get("projection") else None,
                    "(NOT)" if r.get("polarity") == "negated" else None,
                )
                if x
            )
            r["text"] = _one_line((r.get("evidence") or {}).get("text"))
    cols = ["as_of", "subjects", "location", "measure", "figure", "asserted_by", "text"]
    emit(rows, args, (cols, [10, 9, 8, 20, 24, 14, 70]))
    return 0


def cmd_changes(args: argparse.Namespace) -> int:
    from tiegraph.analysis.change_cache import change_order, list_changes

    since, until = _dates(args)
    with open_store(args.db) as store:
        rows = list_changes(
            store,
            measure=P.measure(args.measure),
            subject=P.country(args.subject, store, "subject"),
            kind=args.kind,
            since=since,
            until=until,
        )
    rows.sort(key=change_order)

    def render(rows: list[dict]) -> str:
        out = []
        for r in rows:
            out.append(safe(change_line(r)))
            for label in ("from", "to"):
                text = _one_line((r[label].get("evidence") or {}).get("text"))
                out.append(safe(f"    {label:<4} {r[label]['doc_id']}: {text}"))
        return "\n".join(out)

    emit(rows, args, render, empty="no claim changes or conflicts")
    return 0


def cmd_dyad(args: argparse.Namespace) -> int:
    """A relationship over time; --json is the API's /api/dyads/A/B/timeline answer."""
    from tiegraph.analysis.dyad import format_timeline
    from tiegraph.web import data

    since, until = _dates(args)
    with open_store(args.db) as store:
        a, b = P.dyad(args.codes, store)  # type: ignore[misc]
        tl = data.dyad_timeline(
            store,
            a,
            b,
            by=args.by,
            since=since,
            until=until,
            min_confidence=P.fraction(args.min_confidence),
            modality=data.modalities(args.modality),
            merged=args.merged,
        )
    rows = tl["periods"]
    emit(rows, args, lambda rows: safe_lines(format_timeline(rows, a, b)), data=tl, empty="no rows")
    return 0


def cmd_actors(args: argparse.Namespace) -> int:
    from tiegraph.store.queries import list_actors

    with open_store(args.db) as store:
        rows = list_actors(
            store,
            q=args.q,
            kind=P.choice(args.kind, P.ACTOR_KINDS, "kind"),
            country=P.country(args.country, store),
            limit=_limit(args),
        )
    cols = ["name", "code", "kind", "country", "documents", "mentions", "events"]
    emit(rows, args, (cols, [36, 10, 12, 7, 9, 8, 6]))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from tiegraph.store.queries import search

    since, until = _dates(args)
    with open_store(args.db) as store:
        rows = search(store, args.text, limit=_limit(args) or 20, since=since, until=until)

    def render(rows: list[dict]) -> str:
        out = []
        for r in rows:
            sp = r["span"]
            out.append(
                safe(
                    f"{r['doc_id']} {sp['start']}-{sp['end']}  {r['date'] or ''}  {r['title'] or ''}"
                )
            )
            out.append("    " + safe(_one_line(r["snippet"])))
        return "\n".join(out)

    emit(rows, args, render, empty=f"no sentence matches {safe(args.text)!r}")
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
        out.append(safe_lines(text[pos:at]))
        out.append(s)
        pos = at
    out.append(safe_lines(text[pos:]))
    return "".join(out)


def cmd_doc(args: argparse.Namespace) -> int:
    from tiegraph.store.queries import document_marks, get_document, list_documents

    with open_store(args.db) as store:
        got = get_document(store, args.doc_id)
        if got is None:
            hits = list_documents(store, q=args.doc_id, limit=None)
            hits = [r for r in hits if r["doc_id"].startswith(args.doc_id)] or hits
            if len(hits) != 1:
                err(
                    f"no document {args.doc_id!r}"
                    if not hits
                    else f"{len(hits)} documents match {args.doc_id!r}: "
                    + ", ".join(r["doc_id"] for r in hits[:10])
                )
                return 1
            got = get_document(store, hits[0]["doc_id"])
    if got is None:  # deleted between the two reads
        err(f"no document {args.doc_id!r}")
        return 1
    marks = document_marks(got["record"], mentions=args.mentions)
    if wants_data(args):
        emit(marks, args, data={**got, "marks": marks})
        return 0
    d = got["doc"]
    color = sys.stdout.isatty() and not args.no_color
    print(safe(f"{d['doc_id']}  {d['title'] or ''}"))
    print(
        safe(f"source {d['source']}   published {d['published'] or '?'}   language {d['language']}")
    )
    print("=" * 100)
    print(_render_marked(d["text"], marks, color))
    print("=" * 100)
    for m in marks:
        if m["kind"] != "mention":
            print(safe(f"{m['label']:>4}  {m['start']:>5}-{m['end']:<5} {m['summary']}"))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from tiegraph.analysis.export import export

    if args.min_events < 1:
        raise P.ParamError(f"min-events: {args.min_events} must be 1 or more")
    with open_store(args.db) as store:
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
        print(safe(f"{res['format']} -> {res['path']}: {counts} ({res['seconds']} s)"))
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from tiegraph.analysis.summary import corpus_summary, format_summary

    with open_store(args.db) as store:
        s = corpus_summary(store)
    rows = [
        {"section": "counts", "name": k, "count": v} for k, v in s.items() if isinstance(v, int)
    ]
    for section, key in (
        ("events_by_dyad", "dyad"),
        ("top_speakers", "speaker"),
        ("claims_by_measure", "measure"),
        ("top_actors", "name"),
    ):
        rows += [{"section": section, "name": r.get(key), **r} for r in s.get(section, [])]
    emit(rows, args, lambda _rows: safe_lines(format_summary(s)), data=s)
    return 0


def cmd_failures(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        rows = store.failures()
    emit(rows, args, (["source", "error", "first_seen"], [40, 70, 19]), empty="no failures")
    return 0


def add_parsers(sub: argparse._SubParsersAction, common: list[argparse.ArgumentParser]) -> None:
    """The read commands' subparsers; `common` carries --db and --debug."""

    def out_args(sp: argparse.ArgumentParser) -> None:
        g = sp.add_mutually_exclusive_group()
        g.add_argument("--json", action="store_true", help="print JSON (the HTTP API's shape)")
        g.add_argument("--csv", action="store_true", help="print CSV (nested fields flattened)")

    def date_args(sp: argparse.ArgumentParser, what: str) -> None:
        sp.add_argument("--since", metavar="DATE", help=f"YYYY[-MM[-DD]], {what}, inclusive")
        sp.add_argument("--until", metavar="DATE", help=f"YYYY[-MM[-DD]], {what}, inclusive")

    def event_filter_args(sp: argparse.ArgumentParser) -> None:
        """The web's event filters (dyad page, events, network), for `events` and `dyad`."""
        sp.add_argument("--min-confidence", type=float, default=0.0, metavar="X", help="0..1")
        sp.add_argument(
            "--modality",
            metavar="M[,M]",
            help="keep these modalities: actual (what happened: asserted only), future, "
            "hypothetical, reported",
        )
        sp.add_argument(
            "--merged",
            action="store_true",
            help="one per occurrence: the same event reported by several articles counted "
            "once (events: with its article count)",
        )

    def limit_arg(sp: argparse.ArgumentParser, default: int | None) -> None:
        sp.add_argument("--limit", type=int, default=default, help="at most this many rows")

    sp = sub.add_parser("events", parents=common, help="coded events in the store")
    sp.add_argument(
        "--dyad",
        nargs="+",
        metavar="CODE",
        help="two countries, either direction: KOR USA or KOR,USA",
    )
    sp.add_argument("--type", help="PLOVER type, any case (e.g. ASSAULT)")
    sp.add_argument("--actor", help="a country or actor code on either side")
    sp.add_argument("--polarity", choices=["asserted", "negated"])
    date_args(sp, "event date")
    event_filter_args(sp)
    limit_arg(sp, None)
    out_args(sp)
    sp.set_defaults(func=cmd_events)

    sp = sub.add_parser(
        "quotes", parents=common, help="who said what: quotes with speaker, role, date"
    )
    sp.add_argument("--speaker", help="part of the speaker's name, or a country/actor code")
    sp.add_argument("--about", help="country code the quote is about")
    sp.add_argument("--kind", choices=["direct", "indirect", "mixed"])
    date_args(sp, "document date")
    limit_arg(sp, None)
    out_args(sp)
    sp.set_defaults(func=cmd_quotes)

    sp = sub.add_parser("claims", parents=common, help="numeric claims in the store")
    sp.add_argument("--measure", help="e.g. troops_stationed (see data/measures.yaml)")
    sp.add_argument("--subject", help="country code that must be among the subjects")
    date_args(sp, "as-of date")
    limit_arg(sp, None)
    out_args(sp)
    sp.set_defaults(func=cmd_claims)

    sp = sub.add_parser(
        "changes", parents=common, help="how claims changed or conflict across documents"
    )
    sp.add_argument("--measure", help="e.g. troops_stationed (see data/measures.yaml)")
    sp.add_argument("--subject", help="country code that must be among the subjects")
    sp.add_argument("--kind", choices=["change", "conflict"])
    date_args(sp, "as-of date of either side")
    out_args(sp)
    sp.set_defaults(func=cmd_changes)

    sp = sub.add_parser(
        "dyad", parents=common, help="a relationship over time: events, quotes, tone"
    )
    sp.add_argument(
        "codes", nargs="+", metavar="CODE", help="two country codes: KOR USA or KOR,USA"
    )
    sp.add_argument("--by", choices=["year", "month"], default="year")
    date_args(sp, "period")
    event_filter_args(sp)
    out_args(sp)
    sp.set_defaults(func=cmd_dyad)

    sp = sub.add_parser(
        "actors", parents=common, help="actors across the corpus, most documents first"
    )
    sp.add_argument("q", nargs="?", help="part of a name, or a code")
    sp.add_argument("--kind", help=", ".join(P.ACTOR_KINDS))
    sp.add_argument("--country", help="country code")
    limit_arg(sp, 50)
    out_args(sp)
    sp.set_defaults(func=cmd_actors)

    sp = sub.add_parser("search", parents=common, help="full-text search over the stored sentences")
    sp.add_argument("text")
    date_args(sp, "document date")
    limit_arg(sp, 20)
    out_args(sp)
    sp.set_defaults(func=cmd_search)

    sp = sub.add_parser("doc", parents=common, help="a stored document with its extractions marked")
    sp.add_argument("doc_id", help="document id (or a unique prefix, or part of the title)")
    sp.add_argument("--mentions", action="store_true", help="also mark actor mentions")
    sp.add_argument("--no-color", action="store_true")
    out_args(sp)
    sp.set_defaults(func=cmd_doc)

    sp = sub.add_parser(
        "export", parents=common, help="export the store: parquet, csv, jsonl, graphml"
    )
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

    sp = sub.add_parser(
        "summary", parents=common, help="documents, actors, events by dyad, quotes, claims"
    )
    out_args(sp)
    sp.set_defaults(func=cmd_summary)

    sp = sub.add_parser("failures", parents=common, help="inputs that failed, with the reason")
    out_args(sp)
    sp.set_defaults(func=cmd_failures)
