"""Every speed and scale benchmark in one run, and one JSON object with their ratios.

Runs, each in its own process and in this order: throughput.py (tiegraph vs bare spaCy),
linearity.py (one long document vs its parts, demo and VOA dev), scaleout.py (one core,
spaCy n_process=2, Dask), memory.py (`tiegraph ingest` of generated documents), store.py
(dyad query at 10x the events). Each writes its own JSON to benchmarks/results/; this
prints the ratios with the issue's goals next to them and writes
benchmarks/results/bench_all.json. On a shared machine every ratio is measured, not
promised: the load average is recorded with them.

    python benchmarks/bench_all.py                      # the issue's sizes (~2 h on 2 idle cores)
    python benchmarks/bench_all.py --memory-sizes 2000 6000 --docs 96   # a shorter run
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
GOALS = {
    "throughput_vs_spacy": (">=", 0.8),
    "long_document_demo": ("<=", 1.5),
    "long_document_voa_dev": ("<=", 1.5),
    "dask_2_workers_speedup": (">=", 1.7),
    "rss_ratio": ("<=", 1.1),
    "store_dyad_query_10x": ("<=", 2.0),
}


def _run(script: str, *args: str) -> float:
    """Run benchmarks/<script> with args; its wall time in seconds (it writes its JSON)."""
    t0 = time.perf_counter()
    cmd = [sys.executable, str(ROOT / "benchmarks" / script), *args]
    done = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if done.returncode != 0:
        err = done.stderr.decode(errors="replace")[-1500:]
        raise SystemExit(f"{script} failed ({done.returncode}):\n{err}")
    return round(time.perf_counter() - t0, 1)


def _read(name: str) -> dict:
    return json.loads((RESULTS / name).read_text())


def ratios(docs: int, memory_sizes: list[int]) -> dict:
    """Run every benchmark; the ratios they measured, with their goals."""
    seconds = {
        "throughput": _run("throughput.py", "--docs", str(docs)),
        "linearity": _run("linearity.py"),
        "scaleout": _run("scaleout.py", "--docs", str(docs)),
        # the sizes at once, one ingest process each: as long as the largest alone
        "memory": _run("memory.py", "--parallel", "--sizes", *map(str, memory_sizes)),
        "store": _run("store.py"),
    }
    throughput, linear = _read("throughput.json"), _read("linearity.json")
    scale, memory = _read("scaleout.json"), _read("memory.json")
    store = _read("store-sqlite.json")
    measured = {
        "throughput_vs_spacy": throughput["ratio_tiegraph_to_bare"],
        "long_document_demo": linear["corpora"]["demo"]["ratio_joined_to_separate"],
        "long_document_voa_dev": linear["corpora"]
        .get("voa_dev", {})
        .get("ratio_joined_to_separate"),
        "dask_2_workers_speedup": scale["ratio_dask_to_in_process"],
        "rss_ratio": memory["rss_ratio"],
        "store_dyad_query_10x": store["ratios"]["timeline"],
    }
    return {
        "ratios": measured,
        "goals_met": {k: _meets(v, *GOALS[k]) for k, v in measured.items()},
        "context": {
            # the whole pipeline against tiegraph's own spaCy pipeline (compiled attribute
            # ruler and lemmatizer), i.e. the cost of everything but parsing
            "throughput_vs_own_spacy": throughput.get("ratio_to_own_spacy"),
            "machine_2proc_ceiling": scale["machine_2proc_ceiling"],
            "spacy_n_process_2_to_1": scale["ratio_spacy_n_process_2_to_1"],
            "scaleout_docs_per_s": {
                k: scale[f"{k}_docs_per_s"]
                for k in ("in_process_1core", "spacy_1core", "spacy_n_process_2", "dask")
            },
            # < 1: a process waited for a core (the machine was busy), see scaleout.py
            "scaleout_cpu_share": {
                "in_process": scale.get("in_process_cpu_share"),
                "dask_workers": [w["task_cpu_share"] for w in scale.get("dask_per_worker", [])],
            },
            "scaleout_load_average_1m": scale["load_average_1m"],
            "rss_ratio_sizes": memory["rss_ratio_sizes"],
            "peak_rss_mb": [r["peak_rss_mb"] for r in memory["runs"]],
            "cpu_cores": os.cpu_count(),
            "load_average_1m": round(os.getloadavg()[0], 2),
        },
        "seconds": seconds,
    }


def _meets(value: float | None, op: str, goal: float) -> bool | None:
    if value is None:
        return None
    return value >= goal if op == ">=" else value <= goal


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--docs", type=int, default=240, help="documents for throughput and Dask")
    ap.add_argument("--memory-sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--out", default=str(RESULTS / "bench_all.json"))
    args = ap.parse_args()
    result = ratios(args.docs, args.memory_sizes)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
