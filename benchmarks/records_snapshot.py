"""Snapshot of every extraction record on the demo corpus and the VOA dev stories.

Speed work must not change what is extracted. This runs the same path as `tiegraph
extract` / `tiegraph ingest` (`read_inputs` -> `pipeline.process`) over demo/corpus and
the VOA dev stories (eval/voa/split.json "dev"), and reduces every record to a canonical
form: per document and per section (document fields, actors, mentions, events, quotes,
claims, characterizations, sentences and entities, errors), one line per row with a
short readable summary and the hash of the row's canonical JSON (sorted keys, paths
relative to the repository, the record's version stamps left out: they name the code,
not its output). Rows are sorted, so only content counts.

    python benchmarks/records_snapshot.py --write tests/data/records_snapshot.json
    python benchmarks/records_snapshot.py --check tests/data/records_snapshot.json

`--check` exits 1 and names every document and row that was added or removed.
Regenerate the committed snapshot with `--write` when a rule changes intentionally.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEMO = ROOT / "demo" / "corpus"
VOA = ROOT / "eval" / "voa"
SECTIONS = ("actors", "mentions", "events", "quotes", "claims", "characterizations", "errors")
FORMAT = 1


def input_paths() -> list[Path]:
    """The demo articles and the VOA dev stories, in a fixed order."""
    dev = json.loads((VOA / "split.json").read_text(encoding="utf-8"))["dev"]
    paths = [DEMO] + [VOA / "corpus" / f"{story}.jsonl" for story in sorted(dev)]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise SystemExit(f"snapshot inputs missing: {', '.join(missing)}")
    return paths


def _relative(value: Any) -> Any:
    """Absolute repository paths (a file's source name) as paths relative to the repository."""
    if isinstance(value, str) and value.startswith(str(ROOT) + "/"):
        return value[len(str(ROOT)) + 1 :]
    return value


def _digest(obj: Any) -> str:
    blob = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()[:16]


def _clip(text: Any, n: int = 60) -> str:
    s = " ".join(str(text or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _ref(x: dict | None) -> str:
    return (x or {}).get("name") or (x or {}).get("actor_id") or "-"


def summary(section: str, row: dict) -> str:
    """A short human reading of one row, for the diff report."""
    if section == "actors":
        return f"{row['kind']} {row['name']} [{row.get('code') or '-'}]"
    if section == "mentions":
        sp = row["span"]
        return f"{sp['start']} {_clip(sp['text'], 30)} -> {row['actor_id']} ({row['via']})"
    if section == "events":
        src, tgt = _ref(row.get("source")), _ref(row.get("target"))
        return f"{row['evidence']['start']} {row['type']} {src} -> {tgt}: {_clip(row['trigger']['text'], 20)}"
    if section == "quotes":
        who = (row.get("speaker") or {}).get("name") or "-"
        return f"{row['span']['start']} {row['kind']} {who}: {_clip(row['text'], 40)}"
    if section == "claims":
        return f"{row['evidence']['start']} {row['measure']}={row['value']} {row['unit']} {row['subject']}"
    if section == "characterizations":
        return f"{row['span']['start']} {row['dyad']} {_clip(row['phrase'], 30)} ({row['tone']})"
    if section == "errors":
        return f"{row.get('kind')}: {_clip(row.get('error'), 60)}"
    return _clip(json.dumps(row, sort_keys=True), 60)


def canonical(record: dict) -> dict:
    """One record as {section: sorted rows "summary | hash"} plus its document's hash."""
    doc = {k: _relative(v) for k, v in record["doc"].items()}
    out: dict[str, Any] = {
        "doc": f"{_clip(doc.get('title') or doc.get('source'), 50)} | {_digest(doc)}",
        "parse": _digest({"sentences": record["sentences"], "entities": record["entities"]}),
    }
    for section in SECTIONS:
        rows = [
            {k: _relative(v) for k, v in row.items()} if section == "errors" else row
            for row in record[section]
        ]
        out[section] = sorted(f"{summary(section, r)} | {_digest(r)}" for r in rows)
    return out


def snapshot(nlp=None) -> dict:
    """Run the extraction over the inputs; {"format", "documents": {key: canonical record}}."""
    from tiegraph.ingest.readers import read_inputs
    from tiegraph.pipeline import process

    docs: dict[str, Any] = {}
    paths = [str(p) for p in input_paths()]
    for rec in process(read_inputs(paths), nlp=nlp):
        d = rec.to_dict()
        key = f"{_relative(d['doc']['source'])}#{d['doc']['doc_id']}"
        if key in docs:
            raise SystemExit(f"two records under one key {key!r}")
        docs[key] = canonical(d)
    return {"format": FORMAT, "documents": dict(sorted(docs.items()))}


def differences(old: dict, new: dict, limit: int = 200) -> list[str]:
    """Readable lines: each document added/removed, each row added (+) or removed (-)."""
    lines: list[str] = []
    a, b = old.get("documents", {}), new.get("documents", {})
    for key in sorted(a.keys() - b.keys()):
        lines.append(f"document missing now: {key}")
    for key in sorted(b.keys() - a.keys()):
        lines.append(f"document new now: {key}")
    for key in sorted(a.keys() & b.keys()):
        ra, rb = a[key], b[key]
        for field in ("doc", "parse"):
            if ra.get(field) != rb.get(field):
                lines.append(f"{key} {field}: {ra.get(field)} -> {rb.get(field)}")
        for section in SECTIONS:
            was, now = Counter(ra.get(section, [])), Counter(rb.get(section, []))
            for row in sorted((was - now).elements()):
                lines.append(f"{key} {section} - {row}")
            for row in sorted((now - was).elements()):
                lines.append(f"{key} {section} + {row}")
    if len(lines) > limit:
        lines = lines[:limit] + [f"... and {len(lines) - limit} more differences"]
    return lines


def counts(snap: dict) -> dict[str, int]:
    total: Counter = Counter()
    for rec in snap["documents"].values():
        for section in SECTIONS:
            total[section] += len(rec[section])
    return {"documents": len(snap["documents"]), **total}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", metavar="PATH", help="write the snapshot to PATH")
    mode.add_argument("--check", metavar="PATH", help="compare with the snapshot at PATH")
    args = ap.parse_args(argv)
    snap = snapshot()
    if args.write:
        path = Path(args.write)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(snap, indent=1, ensure_ascii=False, sort_keys=True) + "\n")
        print(f"wrote {path}: {json.dumps(counts(snap))}")
        return 0
    try:
        old = json.loads(Path(args.check).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"cannot read snapshot {args.check}: {exc}", file=sys.stderr)
        return 2
    diff = differences(old, snap)
    if diff:
        print(f"records differ from {args.check}:", *diff, sep="\n")
        return 1
    print(f"records identical to {args.check}: {json.dumps(counts(snap))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
