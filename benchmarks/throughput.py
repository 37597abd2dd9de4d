"""End-to-end throughput against bare spaCy, and where the time goes, measured in one run.

Builds a corpus of N documents by repeating and perturbing the demo corpus (streamed
from a generator: the corpus is never held in memory), then runs, in one process with
the same batch size, round by round (4 batches a round, so that the load of a shared
machine falls on all alike):
  1. bare spaCy: `nlp.pipe` of the stock pipeline (`spacy.load` of the configured model,
     nothing of tiegraph's added) over the round's raw texts,
  2. `nlp.pipe` of tiegraph's own spaCy pipeline (`load_nlp`: the name merger, paragraph
     breaks and the compiled attribute ruler and lemmatizer, `tiegraph.nlp.compiled`)
     over the same texts, and
  3. the full tiegraph pipeline (`pipeline.process`: clean, metadata, dedup, parse,
     resolve, extract) over the same round, its records written to a SQLite store.
All are warmed up first on a text outside the corpus (spaCy's first call; tiegraph's
gazetteers and patterns, built once per process like the model's load, whose cost is
reported as `tiegraph_warm_up_cpu_s`). No document's results are kept for the next;
word-level answers are memoised across documents (lemmas by form, POS and morphology,
as spaCy's own lemmatizer does; role phrases), in bounded tables.

The machine is shared, so the headline ratio is from CPU time (`time.process_time`, one
process: other jobs on the cores do not count); the wall-clock ratio is reported too.
`ratio_tiegraph_to_bare` is bare spaCy's time over tiegraph's without the store (the
figure `tiegraph extract` sees); `ratio_with_store_cpu` adds the SQLite writes
(`tiegraph ingest`); `ratio_to_own_spacy` is run 2's time over tiegraph's (the cost of
everything but parsing, against tiegraph's own parse); `ratio_own_parse_cpu` is the
pipeline's own spaCy stage over its whole time. Every stage
of the tiegraph run is timed by wrapping the functions `pipeline.process` and
`pipeline.extract_record` call, and printed as a table; the JSON goes to
benchmarks/results/throughput.json.

    python benchmarks/throughput.py --docs 120
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402
from linearity import STAGES as EXTRACT_STAGES  # noqa: E402  (benchmarks/ is sys.path[0])

from tiegraph import pipeline  # noqa: E402
from tiegraph.config import spacy_model_name  # noqa: E402
from tiegraph.ingest.readers import RawInput  # noqa: E402
from tiegraph.nlp.pipeline import load_nlp  # noqa: E402
from tiegraph.pipeline import process  # noqa: E402

DEMO = ROOT / "demo" / "corpus"
SWAPS = [("Seoul", "Pyongyang"), ("Washington", "Beijing"), ("Tokyo", "Moscow"), ("said", "says")]
WARM_UP_TEXT = (
    "Warm-up\n\nMarch 3, 2015\n\nNorway and Chile signed a fisheries agreement in Oslo on "
    'Tuesday. "This protects our fishermen," said Foreign Minister Erna Dahl.'
)
# (module, function, stage): what process() calls around extract_record, then the
# extract_record stages linearity.py times, all timed in place
STAGES = [
    (pipeline, "_timed_prepare", "prepare"),
    (pipeline, "mark_duplicate", "dedup"),
    (pipeline, "_parse", "spacy"),
    *EXTRACT_STAGES,
]
INNER = {stage for *_, stage in EXTRACT_STAGES}
ORDER = [s for *_, s in STAGES] + ["record", "other", "store"]


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


class Clock:
    """CPU and wall seconds per stage."""

    def __init__(self) -> None:
        self.cpu: Counter = Counter()
        self.wall: Counter = Counter()

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        c0, w0 = time.process_time(), time.perf_counter()
        try:
            yield
        finally:
            self.cpu[name] += time.process_time() - c0
            self.wall[name] += time.perf_counter() - w0


def _timed(fn: Callable, stage: str, clock: Clock) -> Callable:
    def wrapper(*args, **kwargs):
        with clock.stage(stage):
            return fn(*args, **kwargs)

    return wrapper


@contextmanager
def timed_stages(clock: Clock) -> Iterator[None]:
    """Wrap each stage function (and extract_record, for the record's own assembly)."""
    saved = [(mod, name, getattr(mod, name)) for mod, name, _ in STAGES]
    saved.append((pipeline, "extract_record", pipeline.extract_record))
    for mod, name, stage in STAGES:
        setattr(mod, name, _timed(getattr(mod, name), stage, clock))
    pipeline.extract_record = _timed(pipeline.extract_record, "extract_record", clock)
    try:
        yield
    finally:
        for mod, name, fn in saved:
            setattr(mod, name, fn)


def rounds(n: int, size: int) -> Iterator[list[RawInput]]:
    """The corpus in consecutive rounds of `size` documents."""
    it = corpus(n)
    while chunk := list(islice(it, size)):
        yield chunk


def both_runs(stock, nlp, n: int, batch_size: int, db: Path) -> tuple[Clock, Counter]:
    """Bare spaCy, tiegraph's spaCy and the pipeline, interleaved a round at a time.

    A round is first parsed by bare `stock.pipe` and by `nlp.pipe`, then run through `pipeline.process` (one
    deduplicator and one store for the whole run, as `tiegraph ingest` has), so load on
    the shared machine falls on all alike. Clock stages: "bare", "own_spacy" and the
    pipeline's.
    """
    from tiegraph.ingest.dedup import Deduper
    from tiegraph.store import open_store

    clock = Clock()
    found: Counter = Counter()
    dedup = Deduper()

    def records(chunk: list[RawInput]):
        for rec in process(chunk, nlp=nlp, batch_size=batch_size, dedup=dedup):
            found["docs"] += 1
            found["events"] += len(rec.events)
            found["quotes"] += len(rec.quotes)
            found["claims"] += len(rec.claims)
            found["characterizations"] += len(rec.characterizations)
            yield rec

    with open_store(db) as store:
        for chunk in rounds(n, 4 * batch_size):
            texts = [raw.text or "" for raw in chunk]
            with clock.stage("bare"):
                found["tokens"] += sum(len(d) for d in stock.pipe(texts, batch_size=batch_size))
            with clock.stage("own_spacy"):
                for _ in nlp.pipe(texts, batch_size=batch_size):
                    pass
            with timed_stages(clock):
                write = store.write_batch
                store.write_batch = _timed(write, "store", clock)  # type: ignore[method-assign]
                with clock.stage("total"):
                    store.add_records(records(chunk))
                store.write_batch = write  # type: ignore[method-assign]
    for kind in (clock.cpu, clock.wall):
        kind["record"] = kind.pop("extract_record", 0.0) - sum(kind[s] for s in INNER)
        kind["other"] = kind["total"] - sum(kind[s] for s in ORDER if s != "other")
    return clock, found


def stage_rows(clock: Clock, bare_cpu: float) -> dict:
    total = clock.cpu["total"]
    return {
        s: {
            "cpu_s": round(clock.cpu[s], 3),
            "wall_s": round(clock.wall[s], 3),
            "share_cpu": round(clock.cpu[s] / total, 3) if total else None,
        }
        for s in ORDER
    } | {"bare_spacy": {"cpu_s": round(bare_cpu, 3)}}


def table(result: dict) -> str:
    """The stage table as Markdown (docs/performance.md quotes it)."""
    lines = [
        "| stage | CPU s | wall s | share of CPU | ms CPU / doc |",
        "|---|---:|---:|---:|---:|",
    ]
    n = result["documents"]
    for s in ORDER:
        row = result["stages"][s]
        lines.append(
            f"| {s} | {row['cpu_s']:.2f} | {row['wall_s']:.2f} | {row['share_cpu']:.1%} "
            f"| {1000 * row['cpu_s'] / n:.1f} |"
        )
    t, tw = result["total_cpu_s"], result["total_wall_s"]
    lines.append(f"| **total** | {t:.2f} | {tw:.2f} | 100% | {1000 * t / n:.1f} |")
    lines.append(
        f"| bare spaCy `nlp.pipe` | {result['bare_cpu_s']:.2f} | {result['bare_wall_s']:.2f} | | {1000 * result['bare_cpu_s'] / n:.1f} |"
    )
    own = result["own_spacy_cpu_s"]
    lines.append(f"| tiegraph's spaCy pipeline alone | {own:.2f} | | | {1000 * own / n:.1f} |")
    return "\n".join(lines)


def run(n: int, batch_size: int) -> dict:
    nlp = load_nlp()
    nlp("warm up the pipeline once")
    stock = spacy.load(spacy_model_name())  # bare spaCy: the model as it ships
    stock("warm up the pipeline once")
    c0 = time.process_time()
    for _ in process([RawInput("warm-up", text=WARM_UP_TEXT)], nlp=nlp):
        pass
    warm = time.process_time() - c0

    with tempfile.TemporaryDirectory() as tmp:
        clock, found = both_runs(stock, nlp, n, batch_size, Path(tmp) / "bench.db")
    bare_cpu, bare_wall, tokens = clock.cpu["bare"], clock.wall["bare"], found.pop("tokens")
    full_cpu = clock.cpu["total"] - clock.cpu["store"]
    full_wall = clock.wall["total"] - clock.wall["store"]
    return {
        "documents": n,
        "tokens": tokens,
        "batch_size": batch_size,
        "model": nlp.meta.get("name"),
        "pipes": nlp.pipe_names,
        "bare_pipes": stock.pipe_names,
        "load_average": list(os.getloadavg()),
        "clock": "ratio_tiegraph_to_bare is CPU time (process_time), without the store",
        "ratio_tiegraph_to_bare": round(bare_cpu / full_cpu, 3),
        "ratio_wall": round(bare_wall / full_wall, 3),
        "ratio_with_store_cpu": round(bare_cpu / clock.cpu["total"], 3),
        "ratio_to_own_spacy": round(clock.cpu["own_spacy"] / full_cpu, 3),
        "ratio_own_parse_cpu": round(clock.cpu["spacy"] / full_cpu, 3),
        "own_spacy_cpu_s": round(clock.cpu["own_spacy"], 3),
        "bare_cpu_s": round(bare_cpu, 3),
        "bare_wall_s": round(bare_wall, 3),
        "tiegraph_cpu_s": round(full_cpu, 3),
        "tiegraph_wall_s": round(full_wall, 3),
        "store_cpu_s": round(clock.cpu["store"], 3),
        "total_cpu_s": round(clock.cpu["total"], 3),
        "total_wall_s": round(clock.wall["total"], 3),
        "bare_spacy_docs_per_s_cpu": round(n / bare_cpu, 2),
        "tiegraph_docs_per_s_cpu": round(n / full_cpu, 2),
        "bare_spacy_docs_per_s": round(n / bare_wall, 2),
        "tiegraph_docs_per_s": round(n / full_wall, 2),
        "tiegraph_warm_up_cpu_s": round(warm, 3),
        "stages": stage_rows(clock, bare_cpu),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "extracted": dict(found),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--docs", type=int, default=120)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "throughput.json"))
    args = ap.parse_args()
    result = run(args.docs, args.batch_size)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    print(table(result), file=sys.stderr)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
