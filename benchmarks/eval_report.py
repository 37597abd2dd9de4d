"""Score every gold set in one run and write the evaluation tables.

    python benchmarks/eval_report.py            # every set in tiegraph/eval/goldsets.py
    python benchmarks/eval_report.py --md docs/evaluation.md
    python benchmarks/eval_report.py --pins     # measured values for tests/test_eval_gate.py

Writes benchmarks/results/eval.json and, with --md, a Markdown table per gold
set (the one in docs/evaluation.md is produced by this script).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tiegraph.eval.goldsets import GOLD_SETS, score_set  # noqa: E402

PRF = ["actors", "coref", "events", "quotes", "claims", "characterizations", "claim_changes"]
PIN_MARGIN = 0.005


def table(name: str, result: dict) -> str:
    s = result["sections"]
    lines = [
        f"### {name}",
        "",
        f"{result['documents']} documents.",
        "",
        "| section | P | R | F1 | tp | fp | fn |",
        "|---|---|---|---|---|---|---|",
    ]
    for sec in PRF:
        if sec in s:
            v = s[sec]
            p = f"{v['precision']:.3f}" if v.get("precision_measured") else "n/a"
            lines.append(
                f"| {sec} | {p} | {v['recall']:.3f} | {v['f1']:.3f} "
                f"| {v['tp']} | {v['fp']} | {v['fn']} |"
            )
    checks = []
    for sec in ("clean_text", "metadata"):
        if sec in s:
            checks.append(f"{sec} {s[sec]['passed']}/{s[sec]['checks']}")
    for sec in ("forbidden_events", "not_quotes"):
        if sec in s:
            checks.append(f"{sec} false positives: {s[sec]['false_positives']}")
    lines += ["", "; ".join(checks), ""]
    return "\n".join(lines)


def pins(results: dict) -> dict:
    """F1 per section for every set; precision and recall too where measured."""
    out: dict = {}
    for key, result in results.items():
        secs = {}
        for sec in PRF:
            v = result["sections"].get(sec)
            if not v:
                continue
            metrics = ["f1"] + (["precision", "recall"] if v.get("precision_measured") else [])
            secs[sec] = {m: round(max(0.0, v[m] - PIN_MARGIN), 3) for m in metrics}
        out[key] = secs
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--md", help="write the Markdown tables to this file")
    ap.add_argument("--pins", action="store_true", help="print the gate's pins as JSON")
    args = ap.parse_args()
    results = {}
    parts = []
    for gs in GOLD_SETS:
        if not gs.path.exists():
            print(f"skip {gs.name}: {gs.path} not found", file=sys.stderr)
            continue
        results[gs.key] = score_set(gs)
        parts.append(table(gs.name, results[gs.key]))
        if not args.pins:
            print(parts[-1])
    if args.pins:
        print(json.dumps(pins(results), indent=1))
        return
    out = ROOT / "benchmarks" / "results" / "eval.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    if args.md:
        head = (
            Path(args.md).read_text().split("<!-- tables -->")[0] if Path(args.md).exists() else ""
        )
        Path(args.md).write_text(head + "<!-- tables -->\n\n" + "\n".join(parts))


if __name__ == "__main__":
    main()
