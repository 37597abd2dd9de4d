"""Load test of the HTTP API and web UI: a bounded burst of concurrent requests.

Starts `tiegraph serve` on 127.0.0.1 (a free port) over a store, or uses a
server already running at a loopback --url, then sends exactly --requests GET
requests with at most --concurrency in flight (httpx async), over a mix of JSON
endpoints and HTML pages found in the store. Prints error count, throughput and
latency percentiles as JSON and writes them to benchmarks/results/load.json.

    python benchmarks/load.py                      # ingests demo/corpus into a temp store
    python benchmarks/load.py --db demo/tiegraph-demo.db --requests 200 --concurrency 20

Only loopback addresses are ever contacted; the run stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tiegraph.web.server import free_port, is_loopback  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "load.json"


def ingest_demo(folder: Path) -> Path:
    """A store with the demo corpus, for a self-contained run."""
    db = folder / "load.db"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "tiegraph.interfaces.cli",
            "ingest",
            str(ROOT / "demo" / "corpus"),
            "--db",
            str(db),
            "--quiet",
        ],
        check=False,
    )
    return db


def start_server(db: Path, port: int) -> subprocess.Popen:
    cmd = [
        sys.executable,
        "-m",
        "tiegraph.interfaces.cli",
        "serve",
        "--db",
        str(db),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_ready(url: str, proc: subprocess.Popen | None, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read().decode(errors='replace')}")
        try:
            if httpx.get(url + "/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"server at {url} not ready after {seconds:.0f}s")


def request_mix(url: str) -> list[tuple[str, str]]:
    """(route, path) pairs over what the store holds: JSON lists and details, chart data, pages."""
    docs = httpx.get(url + "/api/documents", params={"limit": 10}).json()["items"]
    dyads = httpx.get(url + "/api/dyads", params={"limit": 3}).json()
    fixed = [
        "/api/health",
        "/api/overview",
        "/api/documents?limit=20",
        "/api/events?limit=50",
        "/api/quotes?limit=50",
        "/api/claims?limit=50",
        "/api/changes",
        "/api/actors?limit=50",
        "/api/network",
        "/api/search?q=alliance",
        "/",
        "/events",
        "/network",
        "/changes",
        "/search?q=troops",
    ]
    mix = [(p.split("?")[0], p) for p in fixed]
    for d in docs[:5]:
        i = quote(d["doc_id"], safe="")
        mix += [
            ("/api/documents/{id}", f"/api/documents/{i}"),
            ("/documents/{id}", f"/documents/{i}"),
        ]
    for d in dyads:
        a, b = quote(d["a"], safe=""), quote(d["b"], safe="")
        mix += [
            ("/api/dyads/{a}/{b}/timeline", f"/api/dyads/{a}/{b}/timeline"),
            ("/dyads/{a}/{b}", f"/dyads/{a}/{b}"),
            ("/api/events?dyad", f"/api/events?dyad={a},{b}"),
        ]
    return mix


def percentile(sorted_ms: list[float], p: float) -> float:
    if not sorted_ms:
        return float("nan")
    k = max(0, min(len(sorted_ms) - 1, round(p / 100 * (len(sorted_ms) - 1))))
    return round(sorted_ms[k], 2)


async def burst(
    url: str, mix: list[tuple[str, str]], n: int, concurrency: int, timeout: float
) -> dict:
    sem = asyncio.Semaphore(concurrency)
    lat: list[float] = []
    per_route: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async def one(client: httpx.AsyncClient, i: int) -> None:
        route, path = mix[i % len(mix)]
        async with sem:
            t0 = time.perf_counter()
            try:
                r = await client.get(path)
                ok = r.status_code == 200 and len(r.content) > 0
                if not ok:
                    errors.append(f"{path}: HTTP {r.status_code}")
            except httpx.HTTPError as exc:
                errors.append(f"{path}: {type(exc).__name__}")
            ms = (time.perf_counter() - t0) * 1000
        lat.append(ms)
        per_route[route].append(ms)

    t0 = time.perf_counter()
    async with httpx.AsyncClient(base_url=url, timeout=timeout, limits=limits) as client:
        await asyncio.gather(*(one(client, i) for i in range(n)))
    wall = time.perf_counter() - t0
    s = sorted(lat)
    return {
        "requests": n,
        "concurrency": concurrency,
        "errors": len(errors),
        "error_samples": errors[:10],
        "wall_s": round(wall, 3),
        "throughput_rps": round(n / wall, 1),
        "latency_ms": {
            "p50": percentile(s, 50),
            "p90": percentile(s, 90),
            "p95": percentile(s, 95),
            "p99": percentile(s, 99),
            "max": round(s[-1], 2),
            "mean": round(statistics.fmean(s), 2),
        },
        "p50_ms_by_route": {k: percentile(sorted(v), 50) for k, v in sorted(per_route.items())},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", help="store to serve (default: ingest demo/corpus into a temp store)")
    ap.add_argument("--url", help="a server already running on a loopback address")
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--concurrency", type=int, default=20)
    ap.add_argument("--timeout", type=float, default=30.0, help="per request, seconds")
    ap.add_argument("--out", default=str(RESULTS))
    args = ap.parse_args(argv)
    if not 1 <= args.requests <= 100_000 or not 1 <= args.concurrency <= 500:
        raise SystemExit("--requests must be 1..100000 and --concurrency 1..500")

    proc = None
    tmp = tempfile.TemporaryDirectory()
    try:
        if args.url:
            host = urlsplit(args.url).hostname or ""
            if not is_loopback(host):
                raise SystemExit(f"refusing to load-test {host!r}: loopback addresses only")
            url, db = args.url.rstrip("/"), None
        else:
            db = Path(args.db) if args.db else ingest_demo(Path(tmp.name))
            port = free_port()
            url = f"http://127.0.0.1:{port}"
            proc = start_server(db, port)
        wait_ready(url, proc)
        mix = request_mix(url)
        result = asyncio.run(burst(url, mix, args.requests, args.concurrency, args.timeout))
        overview = httpx.get(url + "/api/overview").json()["counts"]
        result.update(
            server=url,
            store=str(db) if db else None,
            store_rows={k: overview.get(k) for k in ("documents", "events", "quotes", "claims")},
            distinct_paths=len(mix),
            cpus=os.cpu_count(),
            python=platform.python_version(),
            when=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        )
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        tmp.cleanup()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
