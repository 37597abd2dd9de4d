"""Score every gold set in one run and write the evaluation tables.

    python benchmarks/eval_report.py            # dev (shared), demo, held-out
    python benchmarks/eval_report.py --md docs/evaluation.md

Writes benchmarks/results/eval.json and, with --md, a Markdown table per gold
set (the one in docs/evaluation.md is produced by this script).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GOLD_SETS = [
    ("dev (shared samples, 2 docs)", ROOT.parent / "shared" / "eval" / "dev", None),
    ("demo (24 synthetic docs)", ROOT / "demo" / "gold", ROOT / "demo" / "data"),
    (
        "held-out 1 (10 docs; used in development rounds 2-3)",
        ROOT / "eval" / "heldout" / "gold",
        None,
    ),
    ("held-out 2 (8 docs; used in development round 3)", ROOT / "eval" / "heldout2" / "gold", None),
    ("held-out 3 (6 docs; never seen in development)", ROOT / "eval" / "heldout3" / "gold", None),
]
PRF = ["actors", "coref", "events", "quotes", "claims", "characterizations", "claim_changes"]


def score(path: Path, data_dir: Path | None) -> dict:
    """Each set runs in a fresh interpreter: data extensions are read once per process."""
    import subprocess

    env = dict(os.environ)
    env.pop("TIEGRAPH_DATA_DIR", None)
    if data_dir is not None:
        env["TIEGRAPH_DATA_DIR"] = str(data_dir)
    out = subprocess.run(
        [sys.executable, "-m", "tiegraph.interfaces.cli", "eval", str(path), "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(out.stdout)


def table(name: str, result: dict) -> str:
    s = result["sections"]
    lines = [f"### {name}", "", "| section | P | R | F1 | tp | fn |", "|---|---|---|---|---|---|"]
    for sec in PRF:
        if sec in s:
            v = s[sec]
            lines.append(
                f"| {sec} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} "
                f"| {v['tp']} | {v['fn']} |"
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--md", help="write the Markdown tables to this file")
    args = ap.parse_args()
    results = {}
    parts = []
    for name, path, data_dir in GOLD_SETS:
        if not path.exists():
            print(f"skip {name}: {path} not found", file=sys.stderr)
            continue
        results[name] = score(path, data_dir)
        parts.append(table(name, results[name]))
        print(parts[-1])
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
