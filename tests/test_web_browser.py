"""The web UI in a real browser: Playwright driving Debian's chromium against uvicorn.

Each page is loaded from a real server on 127.0.0.1 over a store built by the
pipeline from the small articles of test_web_api.py; the tests check that the
charts draw marks from data, that clicking an extraction highlights its span,
and that hostile markup in an article never runs. Screenshots go to a temporary
folder; with TIEGRAPH_SCREENSHOT_DIR set, `test_readme_screenshots` ingests
demo/corpus and writes the README's screenshots there (`make screenshots`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tiegraph.web.app import create_app
from tiegraph.web.server import BackgroundServer

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(
    not os.access(CHROMIUM, os.X_OK),
    reason="chromium is not installed (run `make chromium`, which uses Debian's package)",
)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from test_web_api import build_store

    db = build_store(tmp_path_factory.mktemp("webui"))
    app = create_app(db)
    with BackgroundServer(app) as srv:
        yield srv
    app.state.store.close()


class Page:
    """A browser tab that records console errors, page errors, dialogs and off-host requests."""

    def __init__(self, browser, base: str, shots: Path):
        self.base, self.shots = base, shots
        self.context = browser.new_context(viewport={"width": 1360, "height": 960})
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.page.on(
            "console",
            lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"),
        )
        self.page.on("pageerror", lambda e: self.problems.append(f"pageerror: {e}"))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on(
            "request",
            lambda r: (
                r.url.startswith(("http://", "https://"))
                and not r.url.startswith(base)
                and self.problems.append(f"off-host request: {r.url}")
            ),
        )

    def goto(self, path: str):
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def shot(self, name: str, full_page: bool = False) -> Path:
        out = self.shots / f"{name}.png"
        self.page.screenshot(path=str(out), full_page=full_page)
        assert out.stat().st_size > 10_000  # a real picture, not a blank page
        return out

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tab(browser, server, tmp_path):
    t = Page(browser, server.url, tmp_path)
    yield t
    t.close()
    assert not t.problems, t.problems


@pytest.fixture(scope="module")
def filters_server(tmp_path_factory):
    """A store whose KOR-USA events mix actual, planned and hypothetical ones
    (test_web_filters.FILTER_ARTICLES)."""
    from test_web_filters import build_filter_store

    app = create_app(build_filter_store(tmp_path_factory.mktemp("webfilters")))
    with BackgroundServer(app) as srv:
        yield srv
    app.state.store.close()


@pytest.fixture
def ftab(browser, filters_server, tmp_path):
    t = Page(browser, filters_server.url, tmp_path)
    yield t
    t.close()
    assert not t.problems, t.problems


def _count(page, what: str) -> int:
    return int(page.locator(f"#{what}").inner_text())


def test_dyad_filters_change_the_counts_shown(ftab):
    page = ftab.goto("/dyads/KOR/USA")
    page.wait_for_selector("#timeline[data-rendered=true]", timeout=20_000)
    before = _count(page, "n-events"), _count(page, "n-counted")
    bars_before = page.locator("#timeline svg g.mark-rect path").count()
    page.check("#dyad-filters input[name=modality]")  # "asserted only"
    page.fill("#dyad-filters input[name=min_confidence]", "0.7")
    page.click("#dyad-filters button")
    page.wait_for_url("**/dyads/KOR/USA?*modality=actual*")
    page.wait_for_selector("#timeline[data-rendered=true]", timeout=20_000)
    after = _count(page, "n-events"), _count(page, "n-counted")
    assert 0 < after[0] < before[0] and 0 < after[1] < before[1]
    assert page.locator("#dyad-filters input[name=modality]").is_checked()
    assert page.locator("table.events tbody tr").count() == after[0]
    # the chart follows: fewer events drawn, and each Goldstein point labelled with its n
    assert page.locator("#timeline svg g.mark-rect path").count() <= bars_before
    labels = page.eval_on_selector_all(
        "#timeline svg g.mark-text.role-mark text", "ns => ns.map(n => n.textContent)"
    )
    assert labels and all(t.startswith("n=") for t in labels)
    assert sum(int(t[2:]) for t in labels) == after[1]
    # the number series chart draws one point per claim
    page.wait_for_selector("#claims-chart[data-rendered=true]", timeout=20_000)
    assert page.locator("#claims-chart svg g.mark-symbol path").count() >= 2


def test_brief_page_renders_its_chart_and_prints_without_navigation(ftab):
    page = ftab.goto("/dyads/KOR/USA")
    page.get_by_role("link", name="Relationship brief").click()
    page.wait_for_url("**/dyads/KOR/USA/brief")
    assert "relationship brief" in page.locator("h1").inner_text()
    chart = page.locator("svg.chart").first
    assert chart.is_visible() and chart.locator("circle").count() >= 2
    assert chart.bounding_box()["width"] > 200
    ftab.shot("brief", full_page=True)
    cite = page.locator("ol.refs li a").first
    href = cite.get_attribute("href")
    assert href.startswith("/documents/") and "?hl=" in href
    page.emulate_media(media="print")
    assert not page.locator("nav.brief-nav").is_visible()
    assert chart.is_visible()
    page.emulate_media(media="screen")
    cite.click()
    page.wait_for_url("**/documents/*?hl=*")
    assert page.locator("#doctext .seg.k-hit").count() >= 1


def test_clicking_a_trigger_selects_its_event_not_the_enclosing_one(ftab):
    page = ftab.goto("/documents/talks-2021")
    word = page.locator("#doctext .seg.k-event", has_text="rebuffed").last
    word.click()
    selected = page.locator("#panel .item.active")
    assert selected.count() == 1
    summary = selected.locator(".sum").inner_text()
    assert "REJECT" in summary and "PRK" in summary
    assert "negated" not in (selected.get_attribute("class") or "")


def test_home_and_navigation(tab):
    page = tab.goto("/")
    assert page.locator("h1").inner_text() == "Overview"
    page.get_by_role("link", name="South Korea – United States").first.click()
    page.wait_for_url("**/dyads/KOR/USA")
    assert "South Korea – United States" in page.locator("h1").inner_text()


def test_dyad_timeline_renders_marks_from_data(tab, server):
    import httpx

    tl = httpx.get(server.url + "/api/dyads/KOR/USA/timeline").json()
    page = tab.goto("/dyads/KOR/USA")
    page.wait_for_selector("#timeline[data-rendered=true]", timeout=20_000)
    bars = page.locator("#timeline svg g.mark-rect path")
    assert bars.count() == len(tl["bars"]) > 0
    assert page.locator("#timeline svg g.mark-line path").count() >= 1
    assert page.locator("#timeline svg g.mark-symbol path").count() >= len(tl["goldstein"])
    legend = page.locator("#timeline svg").text_content()
    assert "Verbal cooperation" in legend
    tab.shot("dyad")
    # a bar opens the events of its period for this dyad
    bars.first.click()
    page.wait_for_url("**/events?dyad=KOR%2CUSA&since=*")
    assert page.locator("table.events tbody tr").count() >= 1


def test_network_graph_draws_the_actors(tab, server):
    import httpx

    net = httpx.get(server.url + "/api/network").json()
    page = tab.goto("/network")
    page.wait_for_selector("#network[data-rendered=true]", timeout=20_000)
    assert int(page.get_attribute("#network", "data-nodes")) == len(net["nodes"]) >= 3
    assert int(page.get_attribute("#network", "data-edges")) == len(net["edges"])
    assert page.locator("#network canvas").count() >= 1
    labels = page.evaluate("window.tiegraphNetwork.nodes().map(n => n.id()).sort()")
    assert {"KOR", "PRK", "USA"} <= set(labels)
    names = page.evaluate("window.tiegraphNetwork.$id('KOR').data('label')")
    assert "South Korea" in names  # country names on the nodes, not only codes
    legend = page.locator("#netlegend li")
    assert legend.filter(has_text="conflict").count() == 1
    swatches = page.locator("#netlegend .swatch")
    assert swatches.count() == 3 and all(s.is_visible() for s in swatches.all())
    # every edge is drawn in one of the legend's colours
    colours = {
        c.replace(" ", "")
        for c in (
            swatches.nth(i).evaluate("e => getComputedStyle(e).backgroundColor") for i in range(3)
        )
    }
    edge_colours = page.evaluate(
        "window.tiegraphNetwork.edges().map(e => e.renderedStyle('line-color'))"
    )
    assert edge_colours and set(edge_colours) <= colours
    layout = page.get_attribute("#network", "data-layout")
    tab.shot("network")
    # the layout is seeded: a reload draws the same picture
    page = tab.goto("/network")
    page.wait_for_selector("#network[data-rendered=true]", timeout=20_000)
    assert page.get_attribute("#network", "data-layout") == layout


def test_clicking_an_event_highlights_its_span(tab, server):
    import httpx

    doc = httpx.get(server.url + "/api/documents/alliance-2021").json()
    page = tab.goto("/documents/alliance-2021")
    assert page.locator("#doctext .seg.active").count() == 0
    item = page.locator("#panel .item.kind-event").first
    item.click()
    assert item.get_attribute("aria-pressed") == "true"
    assert item.locator("dl.fields").is_visible()  # the coded fields open beside the text
    active = page.locator("#doctext .seg.active")
    assert active.count() > 0
    highlighted = "".join(active.all_inner_texts())
    evidence = doc["events"][0]["evidence"]["text"].strip()
    assert evidence.split("\n")[0] in highlighted
    assert active.first.is_visible()
    tab.shot("document-event")
    # clicking the same item again clears the selection
    item.click()
    assert page.locator("#doctext .seg.active").count() == 0


def test_clicking_highlighted_text_selects_the_narrowest_extraction(tab):
    page = tab.goto("/documents/alliance-2021")
    seg = page.locator("#doctext .seg.k-quote").first
    keys = page.evaluate(
        """() => document.querySelector('#doctext .seg.k-quote').dataset.k.split(' ').filter(k =>
             k && document.querySelector('#panel .item[data-key="' + k + '"]'))"""
    )
    assert len(keys) >= 1
    picked = []
    for _ in keys:  # each click moves from the narrowest extraction to the next wider one
        seg.click()
        selected = page.locator("#panel .item.active")
        assert selected.count() == 1
        picked.append(selected.get_attribute("data-key"))
    assert sorted(picked) == sorted(keys)  # every extraction at that point is reachable
    quote = page.locator("#panel .item.kind-quote.active")
    if quote.count() == 0:  # the quote was not the last one picked: cycle back to it
        for _ in keys:
            seg.click()
            if quote.count():
                break
    assert "Chung Eui-yong" in quote.inner_text()


def test_hostile_article_renders_as_text(tab):
    page = tab.goto("/documents/markup")
    body = page.locator("#doctext").inner_text()
    assert "<script>window.__xss = 1; document.title = 'pwned'</script>" in body
    assert '<img src=x onerror="window.__xss=2">' in body
    assert '<svg onload="window.__xss=5"></svg>' in body
    assert "<title>" not in body and page.title().startswith("<script>window.__xssTitle")
    # hover and click everything an attacker might have planted
    for seg in page.locator("#doctext .seg").all()[:40]:
        seg.hover()
    page.locator("#panel .item").first.click()
    for path in ("/documents/markup", "/quotes", "/events?dyad=KOR,USA", "/search?q=talks"):
        p = tab.goto(path)
        assert p.evaluate("[window.__xss, window.__xssTitle]") == [None, None], path
        assert (
            p.evaluate(
                "document.querySelectorAll('#doctext img, main img, main iframe, main svg:not(.marks)').length"
            )
            == 0
        )
        assert p.evaluate("document.querySelectorAll('main script').length") == 0
    assert tab.dialogs == []


def test_search_box_finds_sentences(tab):
    page = tab.goto("/")
    page.fill("header input[name=q]", "artillery")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=artillery")
    hits = page.locator("ol.hits li")
    assert hits.count() == 1
    assert hits.first.locator(".k-hit").inner_text() == "artillery"
    hits.first.locator(".src a").click()
    page.wait_for_url("**/documents/shelling-2010?hl=*")
    assert page.locator("#doctext .seg.k-hit").count() >= 1


def test_claim_changes_side_by_side(tab):
    page = tab.goto("/changes?measure=troops_stationed")
    change = page.locator("section.change").first
    sides = change.locator(".side")
    assert sides.count() == 2
    assert "37,000" in sides.nth(0).locator("blockquote").inner_text()
    assert "28,500" in sides.nth(1).locator("blockquote").inner_text()
    box0, box1 = sides.nth(0).bounding_box(), sides.nth(1).bounding_box()
    assert box0["x"] < box1["x"] and abs(box0["y"] - box1["y"]) < 5  # side by side
    tab.shot("changes")


def test_api_docs_render_locally(tab):
    page = tab.goto("/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert page.locator(".swagger-ui .opblock").count() >= 10


@pytest.mark.skipif(
    not os.environ.get("TIEGRAPH_SCREENSHOT_DIR"),
    reason="set TIEGRAPH_SCREENSHOT_DIR to write the README screenshots (make screenshots)",
)
def test_readme_screenshots(browser, tmp_path, monkeypatch):
    """The README's pictures, from the demo corpus: dyad, document, network, changes."""
    from tiegraph.ingest.readers import read_inputs
    from tiegraph.pipeline import process
    from tiegraph.store import open_store

    out = Path(os.environ["TIEGRAPH_SCREENSHOT_DIR"])
    out.mkdir(parents=True, exist_ok=True)
    db = tmp_path / "demo.db"
    with open_store(db) as store:
        monkeypatch.chdir(ROOT)  # sources shown as demo/corpus/..., not an absolute path
        store.add_records(process(read_inputs(["demo/corpus"])))
        doc_id = store.query(
            "SELECT doc_id FROM documents ORDER BY "
            "(SELECT COUNT(*) FROM events e WHERE e.doc_id=documents.doc_id) + "
            "(SELECT COUNT(*) FROM quotes q WHERE q.doc_id=documents.doc_id) DESC LIMIT 1"
        )[0]["doc_id"]
    app = create_app(db)
    with BackgroundServer(app) as srv:
        tab = Page(browser, srv.url, out)
        page = tab.goto("/dyads/KOR/USA")
        page.wait_for_selector("#timeline[data-rendered=true]", timeout=20_000)
        tab.shot("dyad")
        page = tab.goto(f"/documents/{doc_id}")
        page.locator("#panel .item.kind-event").first.click()
        page.evaluate("window.scrollTo(0, 0)")
        tab.shot("document")
        tab.goto("/network").wait_for_selector("#network[data-rendered=true]")
        tab.shot("network")
        tab.goto("/changes")
        tab.shot("changes")
        page = tab.goto("/dyads/KOR/USA/brief")
        page.set_viewport_size({"width": 1000, "height": 1300})
        tab.shot("brief")
        tab.close()
        assert not tab.problems, tab.problems
    app.state.store.close()
