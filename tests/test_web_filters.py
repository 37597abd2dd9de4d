"""The event filters of the API and the pages (confidence threshold, "asserted only" =
modality actual, date range), merged occurrences, the dyad's number series, the break in
the Goldstein line, the brief page, the network legend and the document view's choice of
the innermost item at a click: over a real uvicorn server and a store the pipeline built
from FILTER_ARTICLES, which mix what happened with what was planned or supposed."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tiegraph.web import data
from tiegraph.web.app import create_app
from tiegraph.web.highlight import Mark, segments
from tiegraph.web.server import BackgroundServer

FILTER_ARTICLES = [
    {
        "id": "drills-2016",
        "title": "Allies Plan Drills",
        "published": "2016-03-02",
        "text": "South Korea and the United States will hold joint military drills next month.\n\n"
        "The United States may withdraw troops from South Korea if talks fail.\n\n"
        "South Korea met the United States in Seoul on Tuesday.\n\n"
        "About 28,500 American troops are stationed in South Korea.\n",
    },
    {
        "id": "summit-2018",
        "title": "Summit in Washington",
        "published": "2018-05-22",
        "text": "President Moon Jae-in of South Korea met President Donald Trump in Washington "
        "on Tuesday.\n\n"
        "South Korea signed an agreement with the United States on Tuesday.\n\n"
        "Officials said the United States would impose tariffs on South Korea next year.\n",
    },
    {
        "id": "praise-2019",
        "title": "Praise",
        "published": "2019-02-01",
        "text": "South Korea praised the United States on Friday.\n\n"
        "In 2018 about 28,500 American troops were stationed in South Korea.\n",
    },
    {
        "id": "praise-2019-wire",
        "title": "Seoul Praises Washington",
        "published": "2019-02-01",
        "text": "South Korea praised the United States on Friday after weeks of talks on trade.\n",
    },
    {
        "id": "talks-2021",
        "title": "Talks",
        "published": "2021-09-09",
        "text": "The United States criticized South Korea on Thursday.\n\n"
        "South Korea rebuffed calls from the United States last year to restore the talks.\n\n"
        "North Korea has not returned to talks with either government, and it rebuffed calls "
        "from Seoul last year to restore the inter-Korean hotlines.\n",
    },
]


def build_filter_store(folder: Path) -> Path:
    """FILTER_ARTICLES through the real pipeline into a new SQLite store."""
    from tiegraph.ingest.readers import read_inputs
    from tiegraph.pipeline import process
    from tiegraph.store import open_store

    src = folder / "filters.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in FILTER_ARTICLES), encoding="utf-8")
    db = folder / "filters.db"
    with open_store(db) as store:
        stored = store.add_records(process(read_inputs([str(src)])))["stored"]
    assert stored == len(FILTER_ARTICLES)
    return db


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_filter_store(tmp_path_factory.mktemp("filters"))


@pytest.fixture(scope="module")
def server(db):
    app = create_app(db)
    with BackgroundServer(app) as srv:
        yield srv
    app.state.store.close()


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server.url, timeout=60) as c:
        yield c


def events(client, **params) -> list[dict]:
    r = client.get("/api/events", params={"dyad": "KOR,USA", "limit": 500, **params})
    assert r.status_code == 200, r.text
    return r.json()["items"]


def count(html: str, what: str) -> int:
    return int(re.search(rf'id="{what}">(\d+)</b>', html).group(1))


def test_events_filter_by_modality_and_confidence(client):
    every = events(client)
    actual = events(client, modality="actual")
    strict = events(client, modality="ACTUAL", min_confidence=0.7)
    planned = events(client, modality="future,hypothetical")
    assert {e["modality"] for e in every} > {"actual"}  # the store holds planned events too
    assert actual and {e["modality"] for e in actual} == {"actual"}
    assert planned and {e["modality"] for e in planned} <= {"future", "hypothetical"}
    assert len(actual) + len(planned) + len(events(client, modality="reported")) == len(every)
    assert strict and all(e["confidence"] >= 0.7 for e in strict) and len(strict) < len(actual)


@pytest.mark.parametrize(
    "path",
    [
        "/api/events?modality=maybe",
        "/events?modality=maybe",
        "/api/dyads/KOR/USA/timeline?modality=maybe",
        "/dyads/KOR/USA?modality=maybe",
        "/network?modality=maybe",
    ],
)
def test_an_unknown_modality_is_422_listing_the_valid_ones(client, path):
    r = client.get(path)
    assert r.status_code == 422
    assert "maybe" in r.text.replace("&#39;", "'") and "hypothetical" in r.text


@pytest.mark.parametrize(
    "path", ["/dyads/KOR/USA?min_confidence=2", "/dyads/KOR/USA/brief?since=2016-13"]
)
def test_dyad_and_brief_pages_validate_their_filters(client, path):
    assert client.get(path).status_code == 422


def test_timeline_counts_only_the_filtered_events(client):
    for params in ({}, {"modality": "actual"}, {"modality": "actual", "min_confidence": 0.7}):
        tl = client.get("/api/dyads/kor/usa/timeline", params=params).json()
        rows = [e for e in events(client, **params) if e["polarity"] == "asserted"]
        dated = [e for e in rows if e["date"] and e["date"][:4].isdigit()]
        assert sum(p["events"] for p in tl["periods"]) == len(dated)
        assert sum(g["events"] for g in tl["goldstein"]) == len(dated)
        for g in tl["goldstein"]:  # each point says what it rests on
            assert g["label"] == f"n={g['events']}"


def test_dyad_page_counts_change_with_the_filters(client):
    plain = client.get("/dyads/KOR/USA").text
    actual = client.get("/dyads/KOR/USA?modality=actual").text
    strict = client.get("/dyads/KOR/USA?modality=actual&min_confidence=0.7").text
    n = [count(h, "n-events") for h in (plain, actual, strict)]
    assert n[0] > n[1] > n[2] > 0
    assert n == [len(events(client)), len(events(client, modality="actual"))] + [
        len(events(client, modality="actual", min_confidence=0.7))
    ]
    assert 'name="modality" value="actual" checked' in actual
    assert 'value="0.7"' in strict
    # the chart asks the API with the same filters; the brief link keeps the dates
    assert "timeline?min_confidence=0.7&amp;modality=actual" in strict
    assert 'href="/dyads/KOR/USA/brief?since=2017"' in client.get("/dyads/KOR/USA?since=2017").text


def test_goldstein_line_breaks_across_periods_without_events():
    points = [{"period": p} for p in ("1949", "1953", "1954", "2019-12", "2020-01", "2020-03")]
    assert [p["segment"] for p in data.line_segments(points[:3])] == [0, 1, 1]
    assert [p["segment"] for p in data.line_segments(points[3:])] == [0, 0, 1]


def test_the_goldstein_series_of_the_dyad_has_its_gaps(client):
    tl = client.get("/api/dyads/KOR/USA/timeline").json()
    by_period = {g["period"]: g["segment"] for g in tl["goldstein"]}
    assert "2017" not in by_period and by_period["2016"] != by_period["2018"]
    assert by_period["2018"] == by_period["2019"]


def test_the_dyad_number_series_is_charted_with_its_sources(client):
    tl = client.get("/api/dyads/KOR/USA/timeline").json()
    troops = [s for s in tl["claim_series"] if s["measure"] == "troops_stationed"]
    assert len(troops) == 1 and troops[0]["location"] == "KOR"
    pts = troops[0]["points"]
    assert [p["value"] for p in pts] == [28500, 28500] and {p["claims"] for p in pts} == {1}
    assert {p["doc_id"] for p in pts} == {"drills-2016", "praise-2019"}
    assert 'id="claims-chart"' in client.get("/dyads/KOR/USA").text


def test_merged_events_count_their_articles(client):
    raw = events(client)
    merged = client.get(
        "/api/events", params={"dyad": "KOR,USA", "merged": "true", "limit": 500}
    ).json()["items"]
    assert 0 < len(merged) < len(raw)  # two articles report the praise of 2019-02-01
    praise = [m for m in merged if m["type"] == "SUPPORT" and m["date"] == "2019-02-01"]
    assert len(praise) == 1 and praise[0]["articles"] == 2
    assert sorted(i for m in merged for i in m["event_ids"]) == sorted(e["event_id"] for e in raw)
    assert all(m["articles"] >= 1 and m["title"] for m in merged)
    csv = client.get("/api/events", params={"merged": "true", "format": "csv"})
    assert csv.status_code == 200 and csv.text.splitlines()[0].count("articles") == 1


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tiegraph.interfaces.cli", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_events_merged_on_the_command_line(db, client):
    p = cli("events", "--db", str(db), "--dyad", "kor", "usa", "--merged", "--csv")
    assert p.returncode == 0, p.stderr
    rows = list(csv.DictReader(io.StringIO(p.stdout)))
    api = client.get(
        "/api/events", params={"dyad": "KOR,USA", "merged": "true", "limit": 500}
    ).json()["items"]
    assert [(r["type"], r["date"], int(r["articles"])) for r in rows] == [
        (m["type"], m["date"], m["articles"]) for m in api
    ]
    table = cli("events", "--db", str(db), "--dyad", "KOR,USA", "--merged", "--modality", "actual")
    line = next(x for x in table.stdout.splitlines() if "SUPPORT" in x and "2019-02-01" in x)
    assert line.split()[:4] == ["2019-02-01", "KOR>USA", "SUPPORT", "2"]
    assert "FUTURE" not in table.stdout and "MOBILIZE" not in table.stdout
    bad = cli("events", "--db", str(db), "--modality", "perhaps")
    assert bad.returncode != 0 and "perhaps" in bad.stderr and "hypothetical" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1


def test_dyad_timeline_can_count_occurrences(client):
    raw = client.get("/api/dyads/KOR/USA/timeline").json()["periods"]
    merged = client.get("/api/dyads/KOR/USA/timeline", params={"merged": "true"}).json()
    occ = client.get(
        "/api/events",
        params={"dyad": "KOR,USA", "merged": "true", "polarity": "asserted", "limit": 500},
    ).json()["items"]
    periods = {p["period"]: p for p in merged["periods"]}
    assert sum(p["events"] for p in periods.values()) == len(occ)
    assert sum(p["events"] for p in raw) == len(events(client, polarity="asserted"))
    raw2019 = next(p for p in raw if p["period"] == "2019")
    # the praise of 2019-02-01 in two articles: one occurrence of two reports
    assert periods["2019"]["events"] == raw2019["events"] - 1
    assert periods["2019"]["articles"] == raw2019["events"]
    assert sum(g["events"] for g in merged["goldstein"]) == len(occ)
    page = client.get("/dyads/KOR/USA?merged=true").text
    assert count(page, "n-counted") == len(occ) and "distinct occurrences" in page
    assert 'name="merged" value="true" checked' in page and "timeline?merged=true" in page


def test_dyad_command_takes_the_same_filters_as_the_api(db, client):
    params = {"modality": "actual", "min_confidence": "0.7", "merged": "true"}
    api = client.get("/api/dyads/KOR/USA/timeline", params=params).json()
    p = cli(
        "dyad", "KOR", "USA", "--db", str(db), "--json",
        "--modality", "actual", "--min-confidence", "0.7", "--merged",
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["periods"] == api["periods"]
    plain = json.loads(cli("dyad", "KOR", "USA", "--db", str(db), "--json").stdout)
    assert sum(x["events"] for x in api["periods"]) < sum(x["events"] for x in plain["periods"])


def test_network_filters_and_legend(client):
    every = client.get("/api/network").json()
    actual = client.get("/api/network", params={"modality": "actual"}).json()
    since = client.get("/api/network", params={"since": "2021"}).json()
    total = lambda net: sum(e["events"] for e in net["edges"])  # noqa: E731
    assert total(every) > total(actual) > 0 and total(since) < total(actual)
    colours = {b["color"] for b in every["legend"]}
    assert len(every["legend"]) == 3
    for e in every["edges"]:
        assert e["color"] in colours and e["color"] == data.edge_band(e["mean_goldstein"])["color"]
    kor = next(n for n in every["nodes"] if n["id"] == "KOR")
    assert kor["name"] == "South Korea" and "South Korea" in kor["label"]
    page = client.get("/network?modality=actual&min_confidence=0.5").text
    assert 'id="netlegend"' in page and all(b["label"] in page for b in every["legend"])
    assert "/api/network?level=country&amp;min_confidence=0.5&amp;modality=actual" in page


def test_brief_page_is_the_printable_brief_with_links_on_this_server(client):
    dyad = client.get("/dyads/KOR/USA").text
    assert 'href="/dyads/KOR/USA/brief"' in dyad
    r = client.get("/dyads/kor/usa/brief")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert "@media print" in html and "<svg" in html and "<circle" in html
    assert "(1 claim)</title></circle>" in html  # each point says what it rests on
    assert 'href="/dyads/KOR/USA"' in html  # back to the dyad page (hidden in print)
    links = re.findall(r'href="([^"#][^"]*)"', html)
    docs = [h for h in links if "/documents/" in h]
    assert docs and all(h.startswith("/documents/") and "?hl=" in h for h in docs)
    brief = client.get("/api/dyads/KOR/USA/brief").json()
    assert len(docs) == len(brief["references"]) > 0
    # each citation opens its document with the cited span highlighted
    ref = brief["references"][0]
    page = client.get(f"/documents/{ref['doc_id']}", params={"hl": f"{ref['start']}-{ref['end']}"})
    assert "k-hit" in page.text


def test_a_click_on_a_trigger_picks_its_event_not_an_enclosing_one():
    # "it rebuffed calls ... to restore": REJECT's trigger inside the sentence that is also a
    # negated CONCEDE's evidence; the REJECT's evidence is the same sentence
    marks = [
        Mark(0, 100, "e8", "event", visible=False),
        Mark(0, 100, "e7", "event", visible=False),
        Mark(40, 48, "e7", "event"),
        Mark(70, 77, "e8", "event"),
    ]
    seg = next(s for s in segments("x" * 100, marks) if s.start == 40)
    assert seg.keys == ["e7", "e8"] and seg.kinds == ["event"]


def test_document_view_lists_the_clicked_trigger_first(client):
    doc = client.get("/api/documents/talks-2021").json()
    reject = next(
        i
        for i, e in enumerate(doc["events"])
        if e["type"] == "REJECT" and e["source"]["code"] == "PRK"
    )
    start = doc["events"][reject]["trigger"]["start"]
    html = client.get("/documents/talks-2021").text
    keys = re.search(rf'data-k="([^"]+)" data-start="{start}">rebuffed<', html).group(1)
    assert keys.split()[0] == f"e{reject}"
