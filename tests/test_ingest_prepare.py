"""The seam between raw input and Document: HTML extraction, metadata precedence, size cuts."""

from __future__ import annotations

import io

from ingest_builders import PARAGRAPHS, article_html, article_text

from tiegraph import pipeline
from tiegraph.ingest.html import HtmlError, extract_html, host_of
from tiegraph.ingest.progress import RunStats, outcome, track
from tiegraph.ingest.readers import RawInput
from tiegraph.model import Document, ExtractionRecord
from tiegraph.pipeline import cut_text, failure_record, prepare, prepare_noted


def html_input(page: str, **meta) -> RawInput:
    return RawInput("page.html", html=page, meta=meta)


def test_html_page_becomes_a_document_with_its_metadata():
    doc = prepare(html_input(article_html(), url="https://www.fjord.example/2021/talks"))
    assert isinstance(doc, Document)
    assert doc.title == "Norway and Chile resume fisheries talks"
    assert (doc.published, doc.published_precision) == ("2021-03-09", "day")
    assert doc.publisher == "The Fjord Ledger" and doc.author == "Ingrid Solberg"
    assert doc.url == "https://www.fjord.example/2021/talks"
    assert doc.anchor_date == "2021-03-09" and doc.language == "en"
    for p in PARAGRAPHS:
        assert p in doc.text
    for chrome in ("Advertisement", "Markets close higher", "First! Great", "All rights reserved"):
        assert chrome not in doc.text


def test_publisher_falls_back_to_the_url_host():
    doc = prepare(html_input(article_html(site=None), url="https://www.fjord.example/a"))
    assert doc.publisher == "fjord.example"
    assert host_of("https://m.news.example.org/x?y=1") == "news.example.org"
    assert host_of("not a url") is None
    txt = prepare(RawInput("x.jsonl:1", text=article_text(), meta={"url": "http://wire.example/1"}))
    assert txt.publisher == "wire.example"


def test_input_metadata_wins_over_the_page():
    doc = prepare(
        html_input(article_html(), title="Given", published="2020-01", published_precision="month")
    )
    assert doc.title == "Given"
    assert (doc.published, doc.published_precision) == ("2020-01", "month")


def test_page_without_an_article_is_a_named_failure():
    page = "<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav></body></html>"
    rec = prepare(html_input(page))
    assert isinstance(rec, ExtractionRecord) and not rec.doc.text
    assert "no article text" in rec.errors[0]["error"]
    assert rec.errors[0]["kind"] == "failed" and outcome(rec) == "failed"
    try:
        extract_html("<html></html>")
    except HtmlError as exc:
        assert "no article text" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("expected HtmlError")


def test_undated_page_is_anchored_on_the_crawl_date():
    doc = prepare(html_input(article_html(date=None), crawled="2022-07-01"))
    assert doc.published is None and doc.published_precision == "unknown"
    assert (doc.anchor_date, doc.anchor_source) == ("2022-07-01", "crawl date")


def test_text_date_line_is_used_when_metadata_has_none():
    raw = RawInput(
        "a.txt", text="Talks resume in Oslo\n\nMarch 4, 2011\n\n" + "\n\n".join(PARAGRAPHS)
    )
    doc = prepare(raw)
    assert (doc.published, doc.published_precision) == ("2011-03-04", "day")


def test_invalid_given_date_falls_back_to_the_text():
    raw = RawInput("a.txt", text=article_text(), meta={"published": "someday"})
    doc = prepare(raw)
    assert doc.published is None


def test_jsonl_id_becomes_the_doc_id():
    doc = prepare(RawInput("d.jsonl:3", text=article_text(), meta={"id": "wire-77"}))
    assert doc.doc_id == "wire-77"


def test_oversized_text_is_cut_at_a_paragraph_with_an_error(monkeypatch):
    monkeypatch.setattr(pipeline, "MAX_DOC_CHARS", 400)
    doc, notes = prepare_noted(RawInput("big.txt", text=article_text(4)))
    assert isinstance(doc, Document) and len(doc.text) <= 400
    assert doc.text.endswith(".")  # cut at a paragraph end, not mid-word
    assert notes[0]["kind"] == "truncated" and "cut to the first" in notes[0]["error"]
    assert "TIEGRAPH_MAX_DOC_CHARS" in notes[0]["error"]


def test_cut_text():
    assert cut_text("short", 10) == ("short", False)
    assert cut_text("one two\n\nthree four five", 14) == ("one two", True)
    assert cut_text("x" * 30, 10) == ("x" * 10, True)


def test_failures_and_cleaner_crashes_are_records(monkeypatch):
    rec = prepare(RawInput("b.bin", error="binary file, not text: PNG image", meta={"url": "u"}))
    assert rec.errors == [
        {"source": "b.bin", "error": "binary file, not text: PNG image", "kind": "failed"}
    ]
    assert rec.doc.url == "u"

    def boom(text):
        raise RuntimeError("cleaner bug")

    monkeypatch.setattr(pipeline, "clean_plain_text", boom)
    rec, _ = pipeline.safe_prepare(RawInput("a.txt", text=article_text()))
    assert "preparation failed" in rec.errors[0]["error"] and outcome(rec) == "failed"


# --- run accounting --------------------------------------------------------------------------


def _rec(text="body", errors=(), dup=None) -> ExtractionRecord:
    doc = Document(doc_id="d", source="s", text=text, duplicate_of=dup)
    return ExtractionRecord(doc=doc, errors=list(errors))


def test_outcomes_and_summary_line():
    recs = [
        _rec(),
        _rec(dup="x"),
        _rec(errors=[{"source": "s", "error": "language 'fr'", "kind": "skipped"}]),
        _rec(errors=[{"source": "s", "error": "too large", "kind": "truncated"}]),
        failure_record("bad.txt", "empty document (no text)"),
        _rec(errors=[{"source": "s", "error": "extraction failed: boom"}]),  # no kind: failed
    ]
    assert [outcome(r) for r in recs] == [
        "processed", "duplicate", "skipped", "truncated", "failed", "failed"
    ]  # fmt: skip
    stats, err = RunStats(), io.StringIO()
    assert len(list(track(recs, stats, stream=err, show_progress=False))) == 6
    lines = err.getvalue().splitlines()
    assert "tiegraph: bad.txt: empty document (no text)" in lines
    assert stats.line().startswith(
        "6 documents: 1 processed, 1 duplicate, 1 skipped, 1 truncated, 2 failed"
    )
    assert not stats.ok
    ok = RunStats()
    list(track([_rec(), _rec(dup="x")], ok, stream=io.StringIO(), show_progress=False))
    assert ok.ok


def test_progress_line_with_rate_and_eta():
    err = io.StringIO()
    list(track([_rec()] * 3, RunStats(), total=10, stream=err, show_progress=True, min_interval=0))
    out = err.getvalue()
    assert "/10 documents" in out and "docs/s" in out and "ETA" in out
    quiet = io.StringIO()
    list(track([_rec()] * 3, RunStats(), quiet=True, stream=quiet))
    assert quiet.getvalue() == ""
