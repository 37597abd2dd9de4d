"""Memory at scale: `tiegraph ingest` of 10,000 and 100,000 generated documents into SQLite.

The documents are generated while they are streamed, as JSONL, into `tiegraph ingest -`
(stdin): each is 2-3 sentences drawn from the demo corpus with the names, numbers and
dates varied, so every text is distinct and none is stored anywhere. For each size the
ingest runs in a fresh process into a fresh SQLite file; the benchmark reports its peak
RSS (the kernel's high-water mark, `wait4`), RSS sampled along the way, docs/s, and the
ratio of the largest run's peak to the smallest's (flat memory: <= 1.1).

    python benchmarks/memory.py --sizes 10000 100000
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
from collections.abc import Iterator
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


def _sample_rss(
    pid: int, written: list[int], samples: list[tuple[int, float]], stop: threading.Event
) -> None:
    """(documents sent so far, RSS in MB) every 2 s; the pipe holds only a few documents."""
    status = Path(f"/proc/{pid}/status")
    while not stop.wait(2.0):
        try:
            for line in status.read_text().splitlines():
                if line.startswith("VmRSS:"):
                    samples.append((written[0], int(line.split()[1]) / 1024))
        except OSError:
            return


def ingest(n: int, db: Path) -> dict:
    """Stream n generated documents into `tiegraph ingest -`; its peak RSS and speed."""
    proc = subprocess.Popen(
        [str(TIEGRAPH), "ingest", "-", "--db", str(db), "--quiet"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    samples: list[tuple[int, float]] = []
    written = [0]
    stop = threading.Event()
    sampler = threading.Thread(
        target=_sample_rss, args=(proc.pid, written, samples, stop), daemon=True
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
    tenth = max(1, len(samples) // 10)
    return {
        "documents": n,
        "seconds": round(seconds, 1),
        "docs_per_s": round(n / seconds, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "rss_mb_at_documents": [[d, round(r, 1)] for d, r in samples[tenth - 1 :: tenth]],
        "db_mb": round(db.stat().st_size / 2**20, 1),
        "exit_code": proc.returncode,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "memory.json"))
    args = ap.parse_args()
    runs = []
    with tempfile.TemporaryDirectory(prefix="tiegraph-memory-") as tmp:
        for n in args.sizes:
            runs.append(ingest(n, Path(tmp) / f"m{n}.db"))
            print(json.dumps(runs[-1]), flush=True)
    small, large = min(runs, key=lambda r: r["documents"]), max(runs, key=lambda r: r["documents"])
    result = {
        "runs": runs,
        "rss_ratio": round(large["peak_rss_mb"] / small["peak_rss_mb"], 3),
        "rss_ratio_sizes": [small["documents"], large["documents"]],
        "cpu_cores": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2),
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
