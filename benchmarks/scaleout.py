"""Scale-out: the same corpus in one process vs on a Dask LocalCluster, measured in one run.

Writes N documents to a temporary folder (the demo corpus repeated, each copy perturbed
so every text is distinct), then
  1. runs the pipeline in this process (`tiegraph.pipeline.process`, spaCy loaded first),
  2. runs `tiegraph.distributed.run` on a LocalCluster of W worker processes (one thread
     each), timed twice: cold (cluster start and each worker's spaCy load included) and
     on the warm cluster into a fresh output folder (steady state, Parquet writes included),
and prints docs/s for each and the ratios as JSON (also benchmarks/results/scaleout.json).
On a machine with fewer free cores than workers the ratio says so: report what you measure.

    python benchmarks/scaleout.py --docs 240 --workers 2 --chunk-size 16
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEMO = ROOT / "demo" / "corpus"
SWAPS = [("Seoul", "Pyongyang"), ("Washington", "Beijing"), ("Tokyo", "Moscow"), ("said", "says")]


def write_corpus(folder: Path, n: int, seed: int = 7) -> int:
    """n distinct .txt documents from the demo corpus; returns their total size in bytes."""
    files = sorted(DEMO.glob("*.txt"))
    if not files:
        raise SystemExit(f"no demo corpus in {DEMO}")
    rng = random.Random(seed)
    size = 0
    for i in range(n):
        text = files[i % len(files)].read_text(encoding="utf-8")
        if i >= len(files):
            a, b = SWAPS[rng.randrange(len(SWAPS))]
            text = text.replace(a, b, 1) + f"\n\nEditor's note: copy {i} of this article.\n"
        path = folder / f"doc-{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
    return size


def in_process(folder: Path) -> tuple[float, dict[str, int]]:
    from tiegraph.ingest.readers import read_inputs
    from tiegraph.nlp.pipeline import load_nlp
    from tiegraph.pipeline import process

    nlp = load_nlp()
    nlp("warm up the pipeline once")
    counts = {"docs": 0, "events": 0, "quotes": 0, "claims": 0}
    t0 = time.perf_counter()
    for rec in process(read_inputs([str(folder)]), nlp=nlp):
        counts["docs"] += 1
        counts["events"] += len(rec.events)
        counts["quotes"] += len(rec.quotes)
        counts["claims"] += len(rec.claims)
    return time.perf_counter() - t0, counts


def on_cluster(folder: Path, out: Path, workers: int, chunk_size: int) -> dict:
    from distributed import Client, LocalCluster

    from tiegraph.distributed import run

    t0 = time.perf_counter()
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address="127.0.0.1:0",
        ) as cluster,
        Client(cluster) as client,
    ):
        cold = run([str(folder)], out / "cold", client, chunk_size=chunk_size, check_versions=False)
        cold_s = time.perf_counter() - t0
        t1 = time.perf_counter()
        warm = run([str(folder)], out / "warm", client, chunk_size=chunk_size, check_versions=False)
        warm_s = time.perf_counter() - t1
    for rep in (cold, warm):
        if rep.failed:
            raise SystemExit(f"chunks failed: {rep.failed}")
    return {
        "cold_s": cold_s,
        "warm_s": warm_s,
        "chunks": warm.chunks,
        "workers": warm.workers,
        "rows": dict(warm.rows),
        "docs": warm.docs,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--docs", type=int, default=240)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--chunk-size", type=int, default=16)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "scaleout.json"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="tiegraph-scaleout-") as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        size = write_corpus(folder, args.docs)
        local_s, counts = in_process(folder)
        dist = on_cluster(folder, Path(tmp) / "out", args.workers, args.chunk_size)
    n = args.docs
    result = {
        "documents": n,
        "corpus_bytes": size,
        "cpu_cores": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2),
        "workers": dist["workers"],
        "chunk_size": args.chunk_size,
        "chunks": dist["chunks"],
        "in_process_docs_per_s": round(n / local_s, 2),
        "dask_docs_per_s": round(n / dist["warm_s"], 2),
        "dask_cold_docs_per_s": round(n / dist["cold_s"], 2),
        "ratio_dask_to_in_process": round(local_s / dist["warm_s"], 3),
        "ratio_dask_cold_to_in_process": round(local_s / dist["cold_s"], 3),
        "extracted": counts,
        "same_counts_as_in_process": dist["docs"] == counts["docs"]
        and all(dist["rows"].get(k) == counts[k] for k in ("events", "quotes", "claims")),
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
