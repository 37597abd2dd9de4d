"""The HTTP API and web pages as an analyst (and a hostile client) meets them: the same
validated, case-insensitive parameters as the CLI, bounded numbers, security headers on
every answer, routable ids, relative links, literal LIKE wildcards, HEAD, CSV on every
list, and the tables' contents. A real uvicorn server over the store of
test_interface_cli.py (built by the real pipeline)."""

from __future__ import annotations

import csv
import io
import re
import socket

import httpx
import pytest
from test_interface_cli import build_store

from tiegraph.web.app import SECURITY_HEADERS, create_app
from tiegraph.web.server import BackgroundServer


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    app = create_app(build_store(tmp_path_factory.mktemp("iweb")))
    with BackgroundServer(app) as srv:
        yield srv
    app.state.store.close()


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


def raw(server, method: str, path: str, host: str = "localhost") -> tuple[int, bytes, bytes]:
    with socket.create_connection((server.host, server.port), timeout=10) as s:
        s.sendall(f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), head, body


def dyad_count(html: str, what: str = "n-events") -> int:
    """The dyad page's count of events shown (n-events) or counted in the charts
    (n-counted)."""
    return int(re.search(rf'id="{what}">(\d+)</b>', html).group(1))


def test_codes_are_case_insensitive(client):
    upper = client.get("/api/dyads/KOR/PRK/timeline").json()
    assert upper["periods"] and client.get("/api/dyads/kor/prk/timeline").json() == upper
    page_upper, page_lower = client.get("/dyads/KOR/PRK"), client.get("/dyads/kor/prk")
    assert page_lower.status_code == 200
    n = dyad_count(page_upper.text)
    assert n > 0 and dyad_count(page_lower.text) == n
    assault = client.get("/api/events", params={"type": "assault"}).json()["items"]
    assert assault and {e["type"] for e in assault} == {"ASSAULT"}
    lower = client.get("/api/events", params={"dyad": "kor,prk"}).json()["items"]
    assert lower and lower == client.get("/api/events", params={"dyad": "PRK KOR"}).json()["items"]
    assert client.get("/events", params={"type": "assault"}).text.count("<b>ASSAULT</b>") == len(
        assault
    )


@pytest.mark.parametrize(
    "path, words",
    [
        ("/dyads/KOR/XXX", ["XXX", "KOR", "PRK"]),
        ("/events?since=abc", ["since", "abc", "YYYY-MM-DD"]),
        ("/events?since=2016-13", ["2016-13"]),
        ("/events?type=bogus", ["bogus", "ASSAULT"]),
        ("/quotes?about=zzz", ["zzz"]),
        ("/claims?measure=troops", ["troops_stationed"]),
        ("/changes?subject=QQQ", ["QQQ"]),
        ("/api/events?since=2016-13", ["2016-13"]),
        ("/api/events?type=bogus", ["ASSAULT"]),
        ("/api/dyads/KOR/XXX/timeline", ["XXX"]),
        ("/api/claims?subject=%25", ["'%'"]),
    ],
)
def test_unknown_codes_and_bad_dates_are_422_with_what_is_valid(client, path, words):
    r = client.get(path)
    assert r.status_code == 422, r.text[:300]
    body = r.text.replace("&#39;", "'")
    for w in words:
        assert w in body
    for k, v in SECURITY_HEADERS.items():
        assert r.headers[k] == v


LISTS = [
    "/api/documents",
    "/api/actors",
    "/api/events",
    "/api/quotes",
    "/api/claims",
    "/api/changes",
    "/api/characterizations",
    "/documents",
    "/events",
    "/actors",
    "/quotes",
    "/claims",
]


@pytest.mark.parametrize("path", LISTS)
def test_huge_offsets_are_422_never_500(client, path):
    for offset in (2**63, 2**64 + 5, -1, "1e3"):
        r = client.get(path, params={"offset": offset})
        assert r.status_code == 422, (offset, r.text[:200])
        assert r.headers["X-Frame-Options"] == "DENY"


def test_a_server_error_carries_the_security_headers():
    class Broken:
        def __getattr__(self, name):
            raise RuntimeError("the store is gone")

    app = create_app(store=Broken())
    with BackgroundServer(app) as srv:
        for path in ("/api/overview", "/"):
            r = httpx.get(srv.url + path, timeout=30)
            assert r.status_code == 500 and "the store is gone" not in r.text
            for k, v in SECURITY_HEADERS.items():
                assert r.headers[k] == v


def test_ids_with_a_slash_open(client):
    listing = client.get("/documents").text
    assert 'href="/documents/rank%2F2004"' in listing
    page = client.get("/documents/rank%2F2004")
    assert page.status_code == 200 and "Seoul sends troops" in page.text
    assert client.get("/api/documents/rank/2004").json()["doc_id"] == "rank/2004"


def test_links_never_come_from_the_host_header(server):
    for path in ("/events?offset=1", "/documents?offset=1", "/actors?offset=1"):
        status, _, body = raw(server, "GET", path, host="evil.example:666")
        assert status == 200 and b"evil.example" not in body
        assert b'href="/events?offset=0"' in body or b"?offset=0" in body


def test_like_wildcards_are_literal(client):
    assert client.get("/api/documents", params={"q": "%"}).json()["items"] == []
    assert client.get("/api/documents", params={"q": "_"}).json()["items"] == []
    assert client.get("/api/quotes", params={"speaker": "%"}).json()["items"] == []
    assert client.get("/api/actors", params={"q": "%"}).json()["items"] == []
    assert client.get("/api/actors", params={"q": "moon"}).json()["items"]  # plain text still works


@pytest.mark.parametrize(
    "path", ["/", "/events", "/dyads", "/documents/rank%2F2004", "/api/events"]
)
def test_head_is_allowed(server, path):
    status, head, body = raw(server, "HEAD", path)
    assert status == 200 and body == b""
    assert b"content-security-policy" in head.lower()


@pytest.mark.parametrize(
    "page",
    [
        "/",
        "/dyads",
        "/dyads/KOR/PRK",
        "/events",
        "/actors",
        "/quotes",
        "/claims",
        "/changes",
        "/documents",
    ],
)
def test_every_table_downloads_as_csv(client, page):
    html = client.get(page).text
    links = re.findall(r'<a class="csv" href="([^"]+)"', html)
    assert links, page
    r = client.get(links[0].replace("&amp;", "&"))
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows and len(rows[0]) > 2


def test_api_lists_answer_csv(client):
    js = client.get("/api/events", params={"limit": 500}).json()["items"]
    r = client.get("/api/events", params={"limit": 500, "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [x["event_id"] for x in rows] == [e["event_id"] for e in js]
    assert "evidence_text" in rows[0]
    assert client.get("/api/events", params={"format": "xml"}).status_code == 422


def test_dyad_tables_show_first_and_last(client):
    dyads = client.get("/api/dyads").json()
    assert dyads and all(d["first"] and d["last"] for d in dyads)
    for page in ("/", "/dyads"):
        html = client.get(page).text
        for d in dyads[:3]:
            assert f"<td>{d['first']}</td><td>{d['last']}</td>" in re.sub(r">\s+<", "><", html)


def test_changes_page_is_ordered_and_worded_as_the_cli(client, capsys):
    html = client.get("/changes").text
    assert "fell 1 place" in html and "+1 places" not in html
    assert "#11" in html and "#12" in html
    measures = re.findall(r'<span class="badge">\w+</span> [A-Z+]+ (\w+)', html)
    assert measures == sorted(measures)
    api = client.get("/api/changes").json()["items"]
    assert [r["measure"] for r in api] == sorted(r["measure"] for r in api)


def test_a_person_has_their_own_page(client):
    actors = client.get("/actors", params={"q": "moon"}).text
    assert 'href="/actors/Moon%20Jae-in"' in actors
    page = client.get("/actors/Moon%20Jae-in").text
    assert re.search(r"<h1>Moon Jae-in", page)
    assert "Kang Kyung-wha" not in page  # same code KORGOV, another person
    api = client.get("/api/actors/Moon Jae-in").json()
    assert api["kind"] == "person" and api["names"] == ["Moon Jae-in"]
    assert len(api["documents"]) == 2


def test_actor_chips_are_links(client):
    html = client.get("/documents/rank%2F2004").text
    assert re.search(r'<a class="chip" href="/actors/Moon%20Jae-in"><b>Moon Jae-in</b></a>', html)
    assert re.search(r'<a class="chip code" href="/actors/KORGOV">KORGOV</a>', html)
