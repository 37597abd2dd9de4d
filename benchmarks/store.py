"""Store benchmark: dyad-timeline query time at 10k and 100k synthetic events, as a ratio.

The corpus grows tenfold while the dyad asked about (KOR-USA) keeps the same
number of events: the other events are spread over 50 other countries. A query
that reads the dyad through its index costs about the same at both sizes (ratio
near 1); one that scans the events table costs ten times more (ratio near 10).
The same aggregate forced to scan (SQLite `NOT INDEXED`) is timed alongside to
show the difference, and the query plan is recorded.

    .venv/bin/python benchmarks/store.py                # SQLite, 10k and 100k events
    .venv/bin/python benchmarks/store.py --pg postgresql://postgres@/postgres?host=/tmp/x&port=5432

Prints a table and writes JSON to benchmarks/results/store-<backend>.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tiegraph.store import open_store  # noqa: E402
from tiegraph.store.queries import dyad_timeline, list_events  # noqa: E402
from tiegraph.store.synthetic import COUNTRIES, synthetic_record  # noqa: E402

EVENTS_PER_DOC = 10
FOCAL = ("KOR", "USA")
FOCAL_DOCS = 100  # 1,000 KOR-USA events at every size
OTHERS = {f"C{i:02d}": f"Country {i:02d}" for i in range(50)}


def records(n_events: int):
    """FOCAL_DOCS documents about the focal dyad, the rest among the other countries."""
    n_docs = n_events // EVENTS_PER_DOC
    for i in range(n_docs):
        if i < FOCAL_DOCS:
            yield synthetic_record(
                i, events=EVENTS_PER_DOC, seed=7, dyad=FOCAL, countries=COUNTRIES
            )
        else:
            yield synthetic_record(i, events=EVENTS_PER_DOC, seed=7, countries=OTHERS)


_SCAN_SQL = (
    "SELECT SUBSTR(date, 1, 4) AS period, COUNT(*) AS n, AVG(goldstein) AS g "
    "FROM events {hint} WHERE ((source_country=? AND target_country=?) OR "
    "(source_country=? AND target_country=?)) AND polarity='asserted' GROUP BY period"
)


def load(target: str, n_events: int) -> tuple[object, dict]:
    s = open_store(target)
    t0 = time.perf_counter()
    counts = s.add_records(records(n_events), batch_size=200)
    load_s = time.perf_counter() - t0
    a, b = FOCAL
    params = [a, b, b, a]
    if s.dialect == "sqlite":
        plan = [
            p["detail"] for p in s.query("EXPLAIN QUERY PLAN " + _SCAN_SQL.format(hint=""), params)
        ]
    else:
        plan = [
            next(iter(p.values())) for p in s.query("EXPLAIN " + _SCAN_SQL.format(hint=""), params)
        ]
    info = {
        "events": int(s.scalar("SELECT COUNT(*) FROM events")),
        "documents": counts["stored"],
        "load_seconds": round(load_s, 2),
        "load_docs_per_s": round(counts["stored"] / load_s, 1),
        "dyad_events": sum(r["events"] for r in dyad_timeline(s, a, b)),
        "plan": plan,
    }
    return s, info


def queries(s) -> dict:
    """The timed queries: name -> zero-argument callable."""
    a, b = FOCAL
    out = {
        "timeline": lambda: dyad_timeline(s, a, b, by="year"),
        "timeline_month": lambda: dyad_timeline(s, a, b, by="month"),
        "list_events": lambda: list_events(s, dyad=FOCAL, limit=100),
    }
    if s.dialect == "sqlite":  # the same aggregate, forced to scan the table
        sql = _SCAN_SQL.format(hint="NOT INDEXED")
        out["forced_scan"] = lambda: s.query(sql, [a, b, b, a])
    return out


def interleaved(stores: dict[int, object], repeat: int) -> dict[int, dict[str, dict]]:
    """Time every query on every store in turn, `repeat` rounds, so that load from other
    processes on a shared machine hits both sizes alike; min and median per query."""
    qs = {n: queries(s) for n, s in stores.items()}
    times: dict[int, dict[str, list[float]]] = {n: {k: [] for k in q} for n, q in qs.items()}
    for q in qs.values():
        for fn in q.values():
            fn()  # warm
    for _ in range(repeat):
        for n, q in qs.items():
            for name, fn in q.items():
                t0 = time.perf_counter()
                fn()
                times[n][name].append((time.perf_counter() - t0) * 1000)
    return {
        n: {
            k: {"min_ms": round(min(v), 3), "median_ms": round(statistics.median(v), 3)}
            for k, v in t.items()
        }
        for n, t in times.items()
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000", help="event counts, comma-separated")
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--pg", help="a PostgreSQL server URL (a fresh database is made per size)")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results"))
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    backend = "postgresql" if args.pg else "sqlite"
    stores: dict[int, object] = {}
    info: dict[int, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            target = _pg_database(args.pg) if args.pg else str(Path(tmp) / f"bench-{n}.db")
            stores[n], info[n] = load(target, n)
            print(
                f"{backend}: loaded {info[n]['events']} events ({info[n]['dyad_events']} "
                f"asserted in {'-'.join(FOCAL)}) at {info[n]['load_docs_per_s']:.0f} docs/s"
            )
        timings = interleaved(stores, args.repeat)
        for s in stores.values():
            s.close()
    for n in sizes:
        info[n]["queries"] = timings[n]
        print(
            f"{backend:<10} {info[n]['events']:>7} events: "
            + ", ".join(f"{k} {v['min_ms']:.2f} ms" for k, v in timings[n].items())
            + " (min of interleaved runs)"
        )
    small, big = timings[sizes[0]], timings[sizes[-1]]
    ratio = {"events": info[sizes[-1]]["events"] / info[sizes[0]]["events"]}
    for k in small:
        ratio[k] = big[k]["min_ms"] / small[k]["min_ms"]
        ratio[k + "_median"] = big[k]["median_ms"] / small[k]["median_ms"]
    print(
        f"ratio {sizes[-1]}/{sizes[0]} events: "
        + ", ".join(f"{k} x{v:.2f}" for k, v in ratio.items())
    )
    print("plan: " + " | ".join(info[sizes[-1]]["plan"]))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"store-{backend}.json"
    path.write_text(
        json.dumps(
            {
                "benchmark": "dyad timeline at growing corpus size, fixed dyad size",
                "backend": backend,
                "machine": {"python": platform.python_version(), "platform": platform.platform()},
                "focal_dyad": FOCAL,
                "sizes": {str(k): v for k, v in info.items()},
                "ratios": {k: round(v, 3) for k, v in ratio.items()},
            },
            indent=2,
        )
    )
    print(f"-> {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


def _pg_database(server_url: str) -> str:
    """A fresh database on the server named by `server_url` (its path is the admin database)."""
    import psycopg
    from sqlalchemy.engine import make_url

    from tiegraph.store.sql import normalize_url

    u = make_url(normalize_url(server_url))
    name = "bench_" + uuid.uuid4().hex[:8]
    q = u.query
    conninfo = " ".join(
        f"{k}={v}"
        for k, v in {
            "dbname": u.database or "postgres",
            "user": u.username,
            "host": q.get("host") or u.host,
            "port": q.get("port") or u.port,
        }.items()
        if v
    )
    with psycopg.connect(conninfo, autocommit=True) as c:
        c.execute(f"CREATE DATABASE {name}")
    return u.set(database=name).render_as_string(hide_password=False)


if __name__ == "__main__":
    raise SystemExit(main())
