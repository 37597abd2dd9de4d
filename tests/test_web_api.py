"""HTTP API and server-rendered pages, against a real uvicorn server on 127.0.0.1.

The store is built by the real pipeline from three short articles written for
these tests; one of them carries hostile markup (script tags, event-handler
attributes, javascript: links) in its title and body, which every page must show
as text.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tiegraph.web.app import create_app
from tiegraph.web.highlight import Mark, segments
from tiegraph.web.server import BackgroundServer, free_port, is_loopback

HOSTILE = "<script>window.__xss = 1; document.title = 'pwned'</script>"
ARTICLES = [
    {
        "id": "alliance-2021",
        "url": "https://example.org/news/allies-sign-deal",
        "title": "Allies Sign Cost-Sharing Deal in Seoul",
        "published": "2021-03-08",
        "text": "South Korea and the United States signed a new defense cost-sharing agreement "
        "in Seoul on Monday, ending more than a year of talks.\n\n"
        "About 28,500 American troops are stationed in South Korea under the alliance.\n\n"
        '"Our alliance is stronger than ever," said Foreign Minister Chung Eui-yong. '
        "He called the alliance a linchpin of peace in the region.\n",
    },
    {
        "id": "shelling-2010",
        "title": "North Korea Shells Border Island",
        "published": "2010-11-23",
        "text": "North Korean troops fired artillery shells at a South Korean island on Tuesday, "
        "killing two marines.\n\n"
        "South Korea condemned the attack and warned North Korea of retaliation. "
        "The United States pledged support for South Korea.\n\n"
        "About 37,000 American troops were stationed in South Korea at the time.\n",
    },
    {
        "id": "markup",
        "url": "javascript:window.__xss=7",
        "title": '<script>window.__xssTitle = 1</script>Talks <b onmouseover="window.__xss=9">resume</b>',
        "published": "2015-06-05",
        "text": "South Korea and the United States held talks in Washington on Friday "
        f"{HOSTILE} about trade.\n\n"
        'The envoy said "<img src=x onerror="window.__xss=2"> we will meet again" and left '
        '<b onmouseover="window.__xss=3">soon</b>.\n\n'
        'Officials in Seoul posted <a href="javascript:window.__xss=4">a statement</a> with a map '
        '<svg onload="window.__xss=5"></svg> and a video <iframe src="javascript:window.__xss=6">'
        "</iframe> on Saturday.\n",
    },
]
# Raw markup that must never reach a page unescaped.
RAW = [
    "<script>window.__xss",
    "<script>window.__xssTitle",
    "<img src=x onerror",
    '<b onmouseover="window.__xss',
    '<a href="javascript:',
    '<svg onload="',
    '<iframe src="javascript:',
]


def build_store(folder: Path) -> Path:
    """Ingest ARTICLES with the real pipeline into a new store; returns its path."""
    from tiegraph.ingest.readers import read_inputs
    from tiegraph.pipeline import process
    from tiegraph.store import open_store

    src = folder / "articles.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    db = folder / "web.db"
    with open_store(db) as store:
        counts = store.add_records(process(read_inputs([str(src)])))
    assert counts["stored"] == len(ARTICLES), counts
    return db


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = build_store(tmp_path_factory.mktemp("webapi"))
    app = create_app(db)
    with BackgroundServer(app) as srv:
        srv.app_db = str(db)
        yield srv
    app.state.store.close()


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


def raw_get(server: BackgroundServer, path: str) -> tuple[int, bytes]:
    """GET a path byte for byte (httpx would normalise '..' away before sending)."""
    with socket.create_connection((server.host, server.port), timeout=10) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


# -- JSON API -----------------------------------------------------------------------


def test_openapi_documents_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/actors",
        "/api/events",
        "/api/quotes",
        "/api/claims",
        "/api/changes",
        "/api/characterizations",
        "/api/dyads/{a}/{b}/timeline",
        "/api/network",
        "/api/search",
    ):
        assert path in spec["paths"], path
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"dyad", "type", "since", "until", "limit", "offset"} <= params
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()


def test_documents_are_paged(client):
    first = client.get("/api/documents", params={"limit": 2}).json()
    assert [d["published"] for d in first["items"]] == ["2021-03-08", "2015-06-05"]
    assert first["next_offset"] == 2
    rest = client.get("/api/documents", params={"limit": 2, "offset": 2}).json()
    assert [d["doc_id"] for d in rest["items"]] == ["shelling-2010"]
    assert rest["next_offset"] is None


def test_document_spans_point_into_its_text(client):
    doc = client.get("/api/documents/alliance-2021").json()
    text = doc["text"]
    assert doc["events"] and doc["quotes"] and doc["claims"]
    for e in doc["events"]:
        assert text[e["evidence"]["start"] : e["evidence"]["end"]] == e["evidence"]["text"]
        assert text[e["trigger"]["start"] : e["trigger"]["end"]] == e["trigger"]["text"]
    for q in doc["quotes"]:
        assert text[q["span"]["start"] : q["span"]["end"]] == q["span"]["text"]
    for m in doc["mentions"]:
        assert text[m["span"]["start"] : m["span"]["end"]] == m["span"]["text"]


def test_event_filters(client):
    dyad = client.get("/api/events", params={"dyad": "USA,KOR", "limit": 500}).json()["items"]
    assert dyad
    assert all({e["source_country"], e["target_country"]} == {"KOR", "USA"} for e in dyad)
    assault = client.get("/api/events", params={"type": "ASSAULT"}).json()["items"]
    assert assault and all(e["source_country"] == "PRK" for e in assault)
    window = client.get("/api/events", params={"since": "2011", "until": "2021"}).json()["items"]
    assert window and all("2011" <= e["date"][:4] <= "2021" for e in window)
    one = client.get("/api/events", params={"dyad": "KOR,USA", "limit": 1}).json()
    assert len(one["items"]) == 1 and one["next_offset"] == 1


def test_dyad_timeline_has_the_chart_series(client):
    tl = client.get("/api/dyads/KOR/USA/timeline").json()
    periods = {p["period"]: p for p in tl["periods"]}
    assert {"2015", "2021"} <= set(periods)
    for p in periods.values():
        bars = sum(b["events"] for b in tl["bars"] if b["period"] == p["period"])
        assert bars == p["events"]
    assert any(g["period"] == "2021" for g in tl["goldstein"])
    assert any(c["phrase"].startswith("linchpin") for c in tl["characterizations"])
    assert [q["quad_class"] for q in tl["quad_classes"]] == [1, 2, 3, 4]
    by_month = client.get("/api/dyads/KOR/USA/timeline", params={"by": "month"}).json()
    assert "2021-03" in {p["period"] for p in by_month["periods"]}


def test_network_and_dyads(client):
    net = client.get("/api/network").json()
    ids = {n["id"] for n in net["nodes"]}
    assert {"KOR", "USA", "PRK"} <= ids
    assert all(e["source"] in ids and e["target"] in ids for e in net["edges"])
    assert all(e["id"] == f"{e['source']}>{e['target']}" for e in net["edges"])
    pairs = {(d["a"], d["b"]) for d in client.get("/api/dyads").json()}
    assert ("KOR", "USA") in pairs and ("KOR", "PRK") in pairs


def test_claim_change_carries_both_evidence_sentences(client):
    rows = client.get("/api/changes", params={"measure": "troops_stationed"}).json()["items"]
    change = next(r for r in rows if r["subject"] == ["USA"])
    assert (change["from"]["value"], change["to"]["value"]) == (37000, 28500)
    assert "37,000" in change["from"]["evidence"]["text"]
    assert "28,500" in change["to"]["evidence"]["text"]
    assert change["from"]["title"] == "North Korea Shells Border Island"


def test_search_and_actor_lookup(client):
    hits = client.get("/api/search", params={"q": "artillery"}).json()
    assert [s["doc_id"] for s in hits["sentences"]] == ["shelling-2010"]
    # FTS syntax in user input is data, not a query language (no 500)
    for q in ['"NEAR( OR *', "alliance AND NOT", "'; DROP TABLE events; --"]:
        assert client.get("/api/search", params={"q": q}).status_code == 200
    assert client.get("/api/events").json()["items"]
    kor = client.get("/api/actors/KOR").json()
    assert kor["country"] == "KOR" and "alliance-2021" in {d["doc_id"] for d in kor["documents"]}


@pytest.mark.parametrize(
    "path",
    [
        "/api/events?limit=0",
        "/api/events?limit=501",
        "/api/events?offset=-1",
        "/api/events?dyad=KOR",
        "/api/events?since=yesterday",
        "/api/network?level=everything",
        "/api/dyads/KOR/USA/timeline?by=week",
    ],
)
def test_bad_parameters_are_422(client, path):
    r = client.get(path)
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/json")


def test_missing_things_are_404(client):
    assert client.get("/api/documents/nope").status_code == 404
    assert client.get("/api/actors/nope").json() == {"detail": "no such actor"}
    page = client.get("/documents/nope")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    # a '/' inside an actor name is percent-encoded in links and still routed
    assert client.get("/actors/a%2Fb").status_code == 404


# -- pages --------------------------------------------------------------------------


PAGES = [
    "/",
    "/documents",
    "/documents/alliance-2021",
    "/documents/markup",
    "/events",
    "/events?dyad=KOR,USA",
    "/dyads",
    "/dyads/KOR/USA",
    "/network",
    "/actors",
    "/actors/KOR",
    "/quotes",
    "/claims",
    "/changes",
    "/search?q=talks",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_with_a_strict_policy(client, path):
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-eval" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "http://" not in r.text.split("<main>")[0]  # no external scripts or styles
    for raw in RAW:
        assert raw not in r.text, (path, raw)


def test_hostile_markup_is_shown_as_text(client):
    html = client.get("/documents/markup").text
    assert "&lt;script&gt;window.__xss = 1; document.title = &#39;pwned&#39;&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&#34;window.__xss=2&#34;&gt;" in html
    assert "&lt;a href=&#34;javascript:window.__xss=4&#34;&gt;a statement&lt;/a&gt;" in html
    assert "&lt;iframe src=&#34;javascript:window.__xss=6&#34;&gt;" in html
    assert "<title>&lt;script&gt;window.__xssTitle" in html
    assert html.count("<script") == html.count('<script src="/static/')
    assert "javascript:" not in html.split("<article")[0]  # the url is not made a link
    good = client.get("/documents/alliance-2021").text
    assert 'href="https://example.org/news/allies-sign-deal" rel="noopener' in good
    for path in ("/search?q=talks", "/events?dyad=KOR,USA", "/quotes", "/"):
        page = client.get(path).text
        assert page.count("<script") == page.count('<script src="/static/'), path


def test_search_highlights_terms_and_links_to_the_span(client):
    html = client.get("/search", params={"q": "artillery"}).text
    assert re.search(r'<span class="seg[^"]* k-hit"[^>]*>artillery</span>', html)
    assert "/documents/shelling-2010?hl=0-" in html
    doc = client.get("/documents/shelling-2010", params={"hl": "0-11"}).text
    assert re.search(r'class="seg[^"]* k-hit"', doc)


@pytest.mark.parametrize(
    "path",
    [
        "/static/../app.py",
        "/static/../../pyproject.toml",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/vendor/../../data.py",
        "/static//etc/passwd",
        "/static/%2fetc%2fpasswd",
    ],
)
def test_static_files_do_not_escape_their_folder(server, path):
    status, body = raw_get(server, path)
    assert status in (400, 404)
    assert b"create_app" not in body and b"root:" not in body and b"[project]" not in body


def test_static_assets_are_local(server):
    status, body = raw_get(server, "/static/vendor/vega-embed.min.js")
    assert status == 200 and b"vegaEmbed" in body


# -- pure parts ---------------------------------------------------------------------


def test_segments_cover_the_text_once_with_overlaps():
    text = "Seoul and Washington signed a deal."
    marks = [
        Mark(0, 5, "a0", "actor"),
        Mark(0, 35, "e0", "event", visible=False),
        Mark(21, 27, "e0", "event"),
        Mark(10, 20, "a1", "actor"),
        Mark(30, 999, "x", "claim"),  # runs past the end: clamped
        Mark(7, 3, "bad", "claim"),  # empty: ignored
    ]
    segs = segments(text, marks)
    assert "".join(s.text for s in segs) == text
    assert [s.start for s in segs] == sorted(s.start for s in segs)
    by_text = {s.text: s for s in segs}
    assert sorted(by_text["Seoul"].keys) == ["a0", "e0"] and by_text["Seoul"].kinds == ["actor"]
    assert by_text["signed"].kinds == ["event"]
    assert "x" in by_text["deal."].keys
    assert all("bad" not in s.keys for s in segs)


def test_serve_command_starts_a_local_server(server, tmp_path):
    """`tiegraph serve` as a user runs it: a process answering on 127.0.0.1."""
    db = Path(server.app_db)
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tiegraph.interfaces.cli",
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stderr.read().decode()
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/documents", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "serve did not answer"
                time.sleep(0.2)
        assert r.status_code == 200 and len(r.json()["items"]) == len(ARTICLES)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert "127.0.0.1" in proc.stderr.read().decode()


def test_server_binds_to_loopback_by_default():
    from tiegraph.interfaces.cli import build_parser

    args = build_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1"
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10")
    with pytest.raises(ValueError):
        BackgroundServer(object(), host="0.0.0.0")
