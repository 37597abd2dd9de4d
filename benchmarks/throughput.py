"""End-to-end throughput against bare spaCy, measured in one run.

Builds a corpus of N documents by repeating and perturbing the demo corpus
(streamed from a generator: the corpus is never held in memory), then runs
  1. bare spaCy `nlp.pipe` over the same raw texts, and
  2. the full tiegraph pipeline (clean, metadata, parse, resolve, extract),
and prints docs/s for both, their ratio and the peak RSS as JSON (also written
to benchmarks/results/throughput.json).

    python benchmarks/throughput.py --docs 200
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tiegraph.ingest.readers import RawInput  # noqa: E402
from tiegraph.nlp.pipeline import load_nlp  # noqa: E402
from tiegraph.pipeline import process  # noqa: E402

DEMO = ROOT / "demo" / "corpus"
SWAPS = [("Seoul", "Pyongyang"), ("Washington", "Beijing"), ("Tokyo", "Moscow"), ("said", "says")]


def corpus(n: int, seed: int = 7) -> Iterator[RawInput]:
    """Yield n raw documents: demo articles with a perturbation so each text is distinct."""
    files = sorted(DEMO.glob("*.txt"))
    if not files:
        raise SystemExit(f"no demo corpus in {DEMO}")
    rng = random.Random(seed)
    for i in range(n):
        text = files[i % len(files)].read_text(encoding="utf-8")
        a, b = SWAPS[rng.randrange(len(SWAPS))]
        if i >= len(files):
            text = text.replace(a, b, 1) + f"\n\nEditor's note: copy {i} of this article.\n"
        yield RawInput(source=f"bench-{i}", text=text)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run(n: int, batch_size: int) -> dict:
    nlp = load_nlp()
    nlp("warm up the pipeline once")

    def raw_texts() -> Iterator[str]:
        for raw in corpus(n):
            yield raw.text or ""

    t0 = time.perf_counter()
    tokens = 0
    for d in nlp.pipe(raw_texts(), batch_size=batch_size):
        tokens += len(d)
    bare = time.perf_counter() - t0
    rss_after_bare = peak_rss_mb()

    t0 = time.perf_counter()
    counts = {"events": 0, "quotes": 0, "claims": 0, "docs": 0}
    for rec in process(corpus(n), nlp=nlp, batch_size=batch_size):
        counts["docs"] += 1
        counts["events"] += len(rec.events)
        counts["quotes"] += len(rec.quotes)
        counts["claims"] += len(rec.claims)
    full = time.perf_counter() - t0
    return {
        "documents": n,
        "tokens": tokens,
        "batch_size": batch_size,
        "bare_spacy_docs_per_s": round(n / bare, 2),
        "tiegraph_docs_per_s": round(n / full, 2),
        "ratio_tiegraph_to_bare": round(bare / full, 3),
        "peak_rss_mb_after_bare": round(rss_after_bare, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "extracted": counts,
        "model": nlp.meta.get("name"),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "throughput.json"))
    args = ap.parse_args()
    result = run(args.docs, args.batch_size)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
