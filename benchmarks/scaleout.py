"""Scale-out, measured in one run: one core, spaCy's own n_process=2, and Dask with W workers.

Writes N documents to a temporary folder (the demo corpus repeated, each copy perturbed
so every text is distinct), then measures, in this order:
  1. the machine: a fixed pure-Python loop in 1 process and in 2 at once; the ratio is
     the speed-up any 2-process run can reach right now (on a shared machine, < 2);
  2. tiegraph in one process with one thread for BLAS/OpenMP (one core: its CPU share,
     CPU seconds / wall seconds, is reported and is <= 1), after a warm-up pass so
     spaCy's load and the lazy data are not counted (`--pin` also pins it to one core);
  3. bare spaCy `nlp.pipe` over the same texts, in one process and with `n_process=2`
     (what spaCy's own multiprocessing reaches on this machine);
  4. `tiegraph.distributed.run` on the LocalCluster `tiegraph run` starts (W worker
     processes, one thread each, BLAS/OpenMP threads 1, no Dask profiler): cold (cluster
     start, each worker's spaCy load and warm-up included) and warm (the same cluster
     into a fresh output folder, Parquet writes included).
Every process runs with OMP/MKL/OPENBLAS_NUM_THREADS=1. Per Dask worker it reports the
documents, the tasks' wall and CPU seconds and the worker process's CPU seconds:
task CPU / task wall < 1 means the worker waited for a core (contention from other
jobs), worker CPU per document above one process's means overhead. The load average is
recorded before and after. Prints docs/s and the ratios as JSON (also
benchmarks/results/scaleout.json). About 6 minutes on 2 idle cores (240 documents).

    python benchmarks/scaleout.py --docs 240 --workers 2
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEMO = ROOT / "demo" / "corpus"
SWAPS = [("Seoul", "Pyongyang"), ("Washington", "Beijing"), ("Tokyo", "Moscow"), ("said", "says")]
ONE_THREAD = {k: "1" for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
WARM_DOCS = 24  # the warm-up pass: one of each demo article


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


def _burn(n: int) -> float:
    t0 = time.perf_counter()
    x = 0
    for i in range(n):
        x = (x + i * i) % 1000003
    return time.perf_counter() - t0


def machine_ceiling(loops: int = 6_000_000) -> float:
    """Speed-up of 2 concurrent processes over 1 on a fixed CPU-bound loop, measured now."""
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_burn, [loops // 10] * 2))  # start both processes
        t0 = time.perf_counter()
        pool.submit(_burn, loops).result()
        one = time.perf_counter() - t0
        t0 = time.perf_counter()
        list(pool.map(_burn, [loops, loops]))
        two = time.perf_counter() - t0
    return round(2 * one / two, 3)


def _child(args: list[str], pin: bool = False) -> dict:
    """Run a measurement in a fresh process (one thread for BLAS/OpenMP; one core if `pin`)."""
    env = os.environ | ONE_THREAD | {"SCALEOUT_PIN": "1" if pin else ""}
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args], env=env, capture_output=True, text=True
    )
    if out.returncode != 0:
        raise SystemExit(f"measurement {args[0]} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _pin() -> None:
    if os.environ.get("SCALEOUT_PIN"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def child_in_process(folder: str) -> dict:
    from tiegraph.ingest.readers import read_inputs
    from tiegraph.nlp.pipeline import load_nlp
    from tiegraph.pipeline import process

    _pin()
    nlp = load_nlp()
    files = sorted(Path(folder).glob("*.txt"))
    for _ in process(read_inputs([str(p) for p in files[:WARM_DOCS]]), nlp=nlp):
        pass  # warm-up: lazy data (gazetteers, patterns) is built on first use
    counts = {"docs": 0, "events": 0, "quotes": 0, "claims": 0}
    t0, c0 = time.perf_counter(), time.process_time()
    for rec in process(read_inputs([folder]), nlp=nlp):
        counts["docs"] += 1
        counts["events"] += len(rec.events)
        counts["quotes"] += len(rec.quotes)
        counts["claims"] += len(rec.claims)
    return {
        "seconds": time.perf_counter() - t0,
        "cpu_seconds": time.process_time() - c0,
        "counts": counts,
        "blas_threads": _blas_threads(),
    }


def _blas_threads() -> dict:
    """The BLAS/OpenMP thread pools this process really has (1 each: one core)."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return {k: os.environ.get(k) for k in ONE_THREAD}
    return {i.get("internal_api", "?"): i.get("num_threads") for i in threadpool_info()}


def child_spacy(folder: str, n_process: str) -> dict:
    from tiegraph.nlp.pipeline import load_nlp

    _pin()
    nlp = load_nlp()
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]
    for _ in nlp.pipe(texts[:WARM_DOCS]):
        pass
    t0 = time.perf_counter()
    n = sum(1 for _ in nlp.pipe(texts, batch_size=16, n_process=int(n_process)))
    return {"seconds": time.perf_counter() - t0, "docs": n}


def _worker_cpu() -> dict:
    """A worker's pid and its process CPU seconds (all its threads)."""
    t = os.times()
    return {"pid": os.getpid(), "cpu": t.user + t.system}


def _worker_setup() -> dict:
    import dask

    return {
        "profiler": dask.config.get("distributed.worker.profile.enabled"),
        "blas_threads": _blas_threads(),
    }


def on_cluster(folder: Path, out: Path, workers: int, chunk_size: int) -> dict:
    from tiegraph.distributed import connect, run

    t0 = time.perf_counter()
    with connect(workers=workers) as client:
        client.wait_for_workers(workers)
        cold = run([str(folder)], out / "cold", client, chunk_size=chunk_size, check_versions=False)
        cold_s = time.perf_counter() - t0
        cpu0 = client.run(_worker_cpu)
        t1 = time.perf_counter()
        warm = run([str(folder)], out / "warm", client, chunk_size=chunk_size, check_versions=False)
        warm_s = time.perf_counter() - t1
        cpu1 = client.run(_worker_cpu)
        setup = client.run(_worker_setup)
    for rep in (cold, warm):
        if rep.failed:
            raise SystemExit(f"chunks failed: {rep.failed}")
    per_worker = []
    for addr, end in sorted(cpu1.items()):
        task = next((c for w, c in warm.per_worker.items() if w.endswith(f":{end['pid']}")), {})
        docs = task.get("docs", 0)
        proc_cpu = end["cpu"] - cpu0[addr]["cpu"]
        per_worker.append(
            {
                "worker": addr,
                "chunks": task.get("chunks", 0),
                "docs": docs,
                "task_wall_s": round(task.get("seconds", 0.0), 2),
                "task_cpu_s": round(task.get("cpu_seconds", 0.0), 2),
                "process_cpu_s": round(proc_cpu, 2),
                # < 1: the task waited for a core (other jobs on the machine)
                "task_cpu_share": round(task.get("cpu_seconds", 0.0) / task["seconds"], 3)
                if task.get("seconds")
                else None,
                "cpu_ms_per_doc": round(1000 * proc_cpu / docs, 1) if docs else None,
                # the worker's other threads (event loop, heartbeats, memory monitor): they
                # cost CPU per second of wall time, not per document, so a run slowed by
                # other jobs inflates them per document
                "other_threads_cpu_ms_per_doc": round(
                    1000 * (proc_cpu - task.get("cpu_seconds", 0.0)) / docs, 1
                )
                if docs
                else None,
                "other_threads_cpu_share": round(
                    (proc_cpu - task.get("cpu_seconds", 0.0)) / warm_s, 4
                ),
            }
        )
    return {
        "cold_s": cold_s,
        "warm_s": warm_s,
        "warm_cpu_s": sum(w["process_cpu_s"] for w in per_worker),
        "per_worker": per_worker,
        "setup": next(iter(setup.values()), {}),
        "chunks": warm.chunks,
        "workers": warm.workers,
        "rows": dict(warm.rows),
        "docs": warm.docs,
    }


def measure(n: int, workers: int, chunk_size: int | None, pin: bool = False) -> dict:
    """Every measurement over one generated corpus of n documents; returns the JSON result."""
    chunk = chunk_size or max(1, math.ceil(n / (workers * 4)))  # 4 chunks per worker
    with tempfile.TemporaryDirectory(prefix="tiegraph-scaleout-") as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        size = write_corpus(folder, n)
        load_before = round(os.getloadavg()[0], 2)
        ceiling_before = machine_ceiling()
        local = _child(["in-process", str(folder)], pin=pin)
        spacy1 = _child(["spacy", str(folder), "1"], pin=pin)
        spacy2 = _child(["spacy", str(folder), "2"])
        dist = on_cluster(folder, Path(tmp) / "out", workers, chunk)
        ceiling_after = machine_ceiling()
    counts = local["counts"]
    local_s = local["seconds"]
    return {
        "documents": n,
        "corpus_bytes": size,
        "cpu_cores": os.cpu_count(),
        "load_average_1m": [load_before, round(os.getloadavg()[0], 2)],  # before, after
        "machine_2proc_ceiling": [ceiling_before, ceiling_after],
        "in_process_pinned": pin,
        "in_process_cpu_share": round(local["cpu_seconds"] / local_s, 3),  # <= 1: one core
        "in_process_blas_threads": local["blas_threads"],
        "dask_worker_setup": dist["setup"],
        "workers": dist["workers"],
        "chunk_size": chunk,
        "chunks": dist["chunks"],
        "in_process_1core_docs_per_s": round(n / local_s, 2),
        "spacy_1core_docs_per_s": round(n / spacy1["seconds"], 2),
        "spacy_n_process_2_docs_per_s": round(n / spacy2["seconds"], 2),
        "dask_docs_per_s": round(n / dist["warm_s"], 2),
        "dask_cold_docs_per_s": round(n / dist["cold_s"], 2),
        "ratio_dask_to_in_process": round(local_s / dist["warm_s"], 3),
        "ratio_dask_cold_to_in_process": round(local_s / dist["cold_s"], 3),
        "ratio_spacy_n_process_2_to_1": round(spacy1["seconds"] / spacy2["seconds"], 3),
        "cpu_ms_per_doc_in_process": round(1000 * local["cpu_seconds"] / n, 1),
        "cpu_ms_per_doc_dask_workers": round(1000 * dist["warm_cpu_s"] / n, 1),
        "cpu_ms_per_doc_dask_tasks": round(
            1000 * sum(w["task_cpu_s"] for w in dist["per_worker"]) / n, 1
        ),
        "dask_per_worker": dist["per_worker"],
        # what W workers would reach on idle cores: W x (CPU per document, one process /
        # CPU per document, workers); robust to other jobs, unlike the wall-clock ratios
        "speedup_idle_cores_estimate": round(
            dist["workers"] * local["cpu_seconds"] / max(dist["warm_cpu_s"], 1e-9), 3
        ),
        "extracted": counts,
        "extracted_dask": {"docs": dist["docs"], **dist["rows"]},
        # False when the data files changed between the runs (a shared working tree)
        "same_counts_as_in_process": dist["docs"] == counts["docs"]
        and all(dist["rows"].get(k) == counts[k] for k in ("events", "quotes", "claims")),
    }


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        what, rest = sys.argv[2], sys.argv[3:]
        result = child_in_process(*rest) if what == "in-process" else child_spacy(*rest)
        print(json.dumps(result))
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--docs", type=int, default=240)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--chunk-size", type=int, help="default: 4 chunks per worker")
    ap.add_argument("--pin", action="store_true", help="pin the one-process runs to one core")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "scaleout.json"))
    args = ap.parse_args()
    os.environ.update(ONE_THREAD)  # the driver, and the Dask workers it starts, too
    result = measure(args.docs, args.workers, args.chunk_size, args.pin)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
