"""Where the time goes, and whether it grows with document length: one long document vs parts.

Two corpora: the 24 demo articles and the VOA dev stories. Each is processed twice, as
its separate articles and joined into one document (~48k characters for the demo), and
every stage is timed (wrapping the functions `tiegraph.pipeline.extract_record` calls):
clean/prepare, spaCy, actor resolution, time expressions, each extractor, the record's
own assembly and the SQLite store. Linear code takes about as long either way (the
joined document even saves the per-document costs); the ratio joined/separate per
stage shows which stage grows faster than its input. `--profile` adds cProfile's top
functions for the joined document.

    python benchmarks/linearity.py [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tiegraph import pipeline  # noqa: E402
from tiegraph.extract import characterizations, claims, events, quotes  # noqa: E402
from tiegraph.ingest.readers import RawInput  # noqa: E402
from tiegraph.model import Document  # noqa: E402
from tiegraph.nlp.pipeline import load_nlp  # noqa: E402

DEMO = ROOT / "demo" / "corpus"
VOA = ROOT / "eval" / "voa"
# (module, function name, stage): the functions extract_record calls, timed in place
STAGES = [
    (pipeline, "resolve_actors", "actors"),
    (pipeline, "find_timexes", "timexes"),
    (quotes, "extract_quotes", "quotes"),
    (events, "extract_events", "events"),
    (claims, "extract_claims", "claims"),
    (characterizations, "extract_characterizations", "characterizations"),
]
ORDER = ["prepare", "spacy", "actors", "timexes", "quotes", "events", "claims"]
ORDER += ["characterizations", "record", "store"]


def demo_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(DEMO.glob("*.txt"))]


def voa_dev_texts() -> list[str]:
    dev = json.loads((VOA / "split.json").read_text())["dev"]
    out = []
    for story in dev:
        path = VOA / "corpus" / f"{story}.jsonl"
        if path.exists():
            out.append(json.loads(path.read_text(encoding="utf-8").splitlines()[0])["text"])
    return out


def joined(texts: list[str]) -> str:
    """One document: a title line, then every article's text as paragraphs."""
    return "Collected articles\n\n" + "\n\n".join(t.strip() for t in texts) + "\n"


@contextmanager
def timed_stages(clock: Counter) -> Iterator[None]:
    """Wrap each stage function so its wall time adds to clock[stage]."""
    saved = []
    for mod, name, stage in STAGES:
        fn = getattr(mod, name)
        saved.append((mod, name, fn))
        setattr(mod, name, _timer(fn, stage, clock))
    try:
        yield
    finally:
        for mod, name, fn in saved:
            setattr(mod, name, fn)


def _timer(fn: Callable, stage: str, clock: Counter) -> Callable:
    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            clock[stage] += time.perf_counter() - t0

    return wrapper


def run_stages(texts: list[str], nlp, db: Path) -> Counter:
    """Seconds per stage for processing `texts` as separate documents into a fresh store."""
    from tiegraph.store import open_store

    clock: Counter = Counter()
    with timed_stages(clock), open_store(db) as store:
        for i, text in enumerate(texts):
            t0 = time.perf_counter()
            doc = pipeline.prepare(RawInput(source=f"t{i}", text=text))
            clock["prepare"] += time.perf_counter() - t0
            if not isinstance(doc, Document):
                raise SystemExit(f"text {i} did not prepare: {doc.errors}")
            t0 = time.perf_counter()
            sdoc = nlp(doc.text)
            clock["spacy"] += time.perf_counter() - t0
            staged = sum(clock[s] for _, _, s in STAGES)
            t0 = time.perf_counter()
            rec = pipeline.extract_record(doc, sdoc, nlp)
            clock["record"] += (
                time.perf_counter() - t0 - (sum(clock[s] for *_, s in STAGES) - staged)
            )
            t0 = time.perf_counter()
            store.add_record(rec)
            clock["store"] += time.perf_counter() - t0
    return clock


def compare(name: str, texts: list[str], nlp, tmp: Path) -> dict:
    one = joined(texts)
    separate = run_stages(texts, nlp, tmp / f"{name}-separate.db")
    long = run_stages([one], nlp, tmp / f"{name}-joined.db")
    rows = {
        s: {
            "separate_s": round(separate[s], 3),
            "joined_s": round(long[s], 3),
            "ratio": round(long[s] / separate[s], 2) if separate[s] > 0 else None,
        }
        for s in ORDER
    }
    total_sep, total_long = sum(separate.values()), sum(long.values())
    return {
        "documents": len(texts),
        "joined_chars": len(one),
        "stages": rows,
        "separate_s": round(total_sep, 3),
        "joined_s": round(total_long, 3),
        "ratio_joined_to_separate": round(total_long / total_sep, 3),
    }


def table(result: dict) -> str:
    """The stage table as Markdown (docs/performance.md quotes it)."""
    lines = []
    for name, r in result["corpora"].items():
        lines.append(f"{name}: {r['documents']} documents, joined {r['joined_chars']:,} chars")
        lines.append("| stage | separate, s | joined, s | joined/separate |")
        lines.append("|---|---:|---:|---:|")
        for s, v in r["stages"].items():
            lines.append(f"| {s} | {v['separate_s']:.2f} | {v['joined_s']:.2f} | {v['ratio']} |")
        lines.append(
            f"| **total** | {r['separate_s']:.2f} | {r['joined_s']:.2f} | "
            f"**{r['ratio_joined_to_separate']}** |"
        )
        lines.append("")
    return "\n".join(lines)


def profile_top(text: str, nlp, n: int = 15) -> str:
    """cProfile of extraction (not parsing) on one document: the top functions by own time."""
    doc = pipeline.prepare(RawInput(source="long", text=text))
    assert isinstance(doc, Document)
    sdoc = nlp(doc.text)
    prof = cProfile.Profile()
    prof.runcall(pipeline.extract_record, doc, sdoc, nlp)
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(n)
    return out.getvalue()


def measure(profile: bool = False) -> dict:
    nlp = load_nlp()
    corpora = {"demo": demo_texts(), "voa_dev": voa_dev_texts()}
    with tempfile.TemporaryDirectory(prefix="tiegraph-linearity-") as tmp:
        run_stages(corpora["demo"][:3], nlp, Path(tmp) / "warm.db")  # lazy data loaded
        result = {"corpora": {k: compare(k, v, nlp, Path(tmp)) for k, v in corpora.items() if v}}
    if profile:
        result["profile_joined_demo"] = profile_top(joined(corpora["demo"]), nlp)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--profile", action="store_true", help="cProfile the joined demo document")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "linearity.json"))
    args = ap.parse_args()
    result = measure(args.profile)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    print(table(result))
    if args.profile:
        print(result["profile_joined_demo"])
    print(json.dumps({k: v["ratio_joined_to_separate"] for k, v in result["corpora"].items()}))


if __name__ == "__main__":
    main()
