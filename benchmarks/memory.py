"""Memory at scale: `tiegraph ingest` of 10,000 and 100,000 generated documents into SQLite.

The documents are generated while they are streamed, as JSONL, into `tiegraph ingest -`
(stdin): each is 2-3 sentences drawn from the demo corpus with the names, numbers and
dates varied, so every text is distinct and none is stored anywhere. For each size the
ingest runs in a fresh process into a fresh SQLite file; the benchmark reports its peak
RSS (the kernel's high-water mark, `wait4`), RSS sampled along the way, docs/s, and the
ratio of the largest run's peak to the smallest's (flat memory: <= 1.1).

Along the way it prints one progress line per sample (documents sent, RSS, the peak so
far, docs/s) to stderr, and rewrites the output JSON after every run and every minute
with the curve so far (`partial`), so a run stopped early still leaves its measurements.

    python benchmarks/memory.py --sizes 10000 100000
    nohup python benchmarks/memory.py --sizes 10000 100000 2> memory.log &   # ~1.5 h, 2 cores
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "corpus"
TIEGRAPH = Path(sys.executable).with_name("tiegraph")
PLACES = ["Seoul", "Pyongyang", "Washington", "Beijing", "Tokyo", "Moscow", "Geneva", "Hanoi"]
_SENT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”]))\s+(?=[A-Z\"“])")
_NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d{3}\b")


def sentences() -> list[str]:
    """The demo corpus's body sentences (no headlines or datelines)."""
    out: list[str] = []
    for path in sorted(DEMO.glob("*.txt")):
        for para in path.read_text(encoding="utf-8").split("\n\n")[2:]:
            out += [s.strip() for s in _SENT.split(para) if len(s.split()) >= 8]
    if not out:
        raise SystemExit(f"no demo corpus in {DEMO}")
    return out


def documents(n: int, seed: int = 11) -> Iterator[dict]:
    """n short distinct documents: 2-3 demo sentences, places and numbers varied."""
    pool = sentences()
    rng = random.Random(seed)
    for i in range(n):
        body = " ".join(rng.sample(pool, rng.choice((2, 3))))
        a, b = rng.sample(PLACES, 2)
        body = body.replace(a, b)
        body = _NUMBER.sub(lambda m: f"{rng.randrange(10, 90000):,}", body)
        date = f"{rng.randrange(1960, 2024)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        yield {"id": f"gen-{i}", "text": body, "published": date, "title": f"Report {i}"}


def _status_mb(pid: int) -> tuple[float, float]:
    """(RSS, peak RSS so far) of a process in MB, from /proc."""
    kib = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            kib[line.split(":")[0]] = int(line.split()[1])
    return kib["VmRSS"] / 1024, kib["VmHWM"] / 1024


def _sample_rss(
    pid: int,
    written: list[int],
    samples: list[tuple[int, float, float]],
    stop: threading.Event,
    every: float = 2.0,
    report: Callable[[], None] | None = None,
    label: str = "",
) -> None:
    """(documents sent so far, RSS MB, peak RSS MB) every `every` s, with a progress line on
    stderr; the pipe holds only a few hundred documents ahead of the ingest."""
    t0 = time.perf_counter()
    last_report = t0
    while not stop.wait(every):
        try:
            rss, hwm = _status_mb(pid)
        except (OSError, KeyError):
            return
        samples.append((written[0], rss, hwm))
        secs = time.perf_counter() - t0
        print(
            f"{time.strftime('%H:%M:%S')} [{label}] docs sent {written[0]:>7}  rss {rss:7.1f} MB  "
            f"peak {hwm:7.1f} MB  {written[0] / secs:6.1f} docs/s",
            file=sys.stderr,
            flush=True,
        )
        if report is not None and time.perf_counter() - last_report >= 60:
            last_report = time.perf_counter()
            report()


def curve(samples: list[tuple[int, float, float]], points: int = 50) -> list[list[float]]:
    """[documents sent, RSS MB, peak RSS MB] at up to `points` evenly spaced samples."""
    step = max(1, len(samples) // points)
    picked = samples[step - 1 :: step]
    if samples and (not picked or picked[-1] != samples[-1]):
        picked.append(samples[-1])
    return [[d, round(r, 1), round(h, 1)] for d, r, h in picked]


def ingest(n: int, db: Path, every: float = 2.0, partial: Callable | None = None) -> dict:
    """Stream n generated documents into `tiegraph ingest -`; its peak RSS and speed.

    `partial(state)` is called every minute with the run so far (for the output file)."""
    proc = subprocess.Popen(
        [str(TIEGRAPH), "ingest", "-", "--db", str(db), "--quiet"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    samples: list[tuple[int, float, float]] = []
    written = [0]
    stop = threading.Event()
    t_start = time.perf_counter()

    def report() -> None:
        if partial is not None:
            partial(
                {
                    "documents": n,
                    "documents_sent": written[0],
                    "seconds": round(time.perf_counter() - t_start, 1),
                    "rss_curve": curve(samples),
                }
            )

    sampler = threading.Thread(
        target=_sample_rss,
        args=(proc.pid, written, samples, stop, every, report, f"{n:,}"),
        daemon=True,
    )
    sampler.start()
    errors: list[str] = []
    drain = threading.Thread(target=lambda: errors.append(proc.stderr.read()), daemon=True)
    drain.start()
    t0 = time.perf_counter()
    assert proc.stdin is not None
    for doc in documents(n):
        proc.stdin.write(json.dumps(doc) + "\n")
        written[0] += 1
    proc.stdin.close()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    stop.set()
    drain.join(5)
    if proc.returncode not in (0, 1):  # 1: a document failed, still recorded
        raise SystemExit(f"ingest of {n} failed ({proc.returncode}): {''.join(errors)[-2000:]}")
    return {
        "documents": n,
        "seconds": round(seconds, 1),
        "docs_per_s": round(n / seconds, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        # [documents sent, RSS MB, peak RSS so far MB]
        "rss_curve": curve(samples),
        "db_mb": round(db.stat().st_size / 2**20, 1),
        "exit_code": proc.returncode,
    }


def dedup_only(n: int) -> dict:
    """Peak RSS of a process that only runs the duplicate index over n generated texts
    (no spaCy, no store): the part of ingest whose memory used to grow with n."""
    code = (
        "import json, resource, sys, time\n"
        f"sys.path.insert(0, {str(ROOT / 'benchmarks')!r})\n"
        "from memory import documents\n"
        "from tiegraph.ingest.dedup import Deduper\n"
        "from tiegraph.pipeline import doc_id_for\n"
        "d = Deduper()\n"
        "t0 = time.perf_counter()\n"
        f"dups = sum(d.check(x['id'], doc_id_for(x['text']), x['text'], 'gen') is not None "
        f"for x in documents({n}))\n"
        "print(json.dumps({'seconds': round(time.perf_counter() - t0, 1), 'duplicates': dups,"
        " 'index_pages': d.pages(), 'cache_pages': d.cache_pages()}))\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"dedup-only run of {n} failed")
    return {"documents": n, "peak_rss_mb": round(usage.ru_maxrss / 1024, 1)} | json.loads(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "memory.json"))
    ap.add_argument("--every", type=float, default=2.0, help="seconds between RSS samples")
    ap.add_argument(
        "--parallel",
        action="store_true",
        help="run the sizes at once, each ingest in its own process (peak RSS is per "
        "process; the whole takes about as long as the largest size)",
    )
    ap.add_argument(
        "--dedup-only",
        action="store_true",
        help="measure only the duplicate index (no spaCy, no store): minutes, not hours",
    )
    args = ap.parse_args()
    if args.dedup_only:
        runs_d = [dedup_only(n) for n in args.sizes]
        big, small = runs_d[-1], runs_d[0]
        res = {"runs": runs_d, "rss_ratio": round(big["peak_rss_mb"] / small["peak_rss_mb"], 3)}
        res["load_average_1m"] = round(os.getloadavg()[0], 2)
        print(json.dumps(res, indent=2))
        return
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    runs: list[dict] = []
    loads: list[float] = []

    partials: dict[int, dict] = {}  # runs in progress, their curve so far

    def write() -> dict:
        loads.append(round(os.getloadavg()[0], 2))
        result: dict = {"runs": runs}
        if len(runs) >= 2:
            small = min(runs, key=lambda r: r["documents"])
            large = max(runs, key=lambda r: r["documents"])
            result["rss_ratio"] = round(large["peak_rss_mb"] / small["peak_rss_mb"], 3)
            result["rss_ratio_sizes"] = [small["documents"], large["documents"]]
        if partials:
            result["partial"] = [partials[n] for n in sorted(partials)]
        result |= {
            "cpu_cores": os.cpu_count(),
            "load_average_1m": loads[-1],
            "load_average_1m_range": [min(loads), max(loads)],
        }
        out.write_text(json.dumps(result, indent=2) + "\n")
        return result

    lock = threading.Lock()

    def progress(state: dict) -> None:
        with lock:
            partials[state["documents"]] = state
            write()

    def one(n: int, tmp: str) -> None:
        run = ingest(n, Path(tmp) / f"m{n}.db", args.every, progress)
        with lock:
            partials.pop(n, None)
            runs.append(run)
            runs.sort(key=lambda r: r["documents"])
            print(json.dumps(run), flush=True)
            write()

    with tempfile.TemporaryDirectory(prefix="tiegraph-memory-") as tmp:
        if args.parallel:
            with ThreadPoolExecutor(len(args.sizes)) as pool:
                for f in [pool.submit(one, n, tmp) for n in args.sizes]:
                    f.result()
        else:
            for n in args.sizes:
                one(n, tmp)
    print(json.dumps(write(), indent=2))


if __name__ == "__main__":
    main()
