"""Relationship briefs: built from the store only, every statement cited, every citation
resolving to a stored span whose text is the cited evidence; occurrences merged."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tiegraph.analysis.brief import build_brief
from tiegraph.analysis.brief_render import to_html, to_markdown
from tiegraph.analysis.occurrences import dates_agree, merge_events

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, nlp):
    from tiegraph.ingest.readers import read_inputs
    from tiegraph.pipeline import process
    from tiegraph.store import open_store

    db = tmp_path_factory.mktemp("brief") / "demo.db"
    with open_store(db) as store:
        store.add_records(process(read_inputs([str(ROOT / "demo" / "corpus")]), nlp=nlp))
    return db


@pytest.fixture(scope="module")
def brief(demo_db):
    from tiegraph.store import open_store

    with open_store(demo_db) as store:
        yield build_brief(store, "kor", "usa"), store


def test_every_citation_resolves_to_its_stored_span(brief):
    b, store = brief
    assert len(b.references) >= 10
    for ref in b.references:
        doc = store.query("SELECT text FROM documents WHERE doc_id=?", [ref.doc_id])[0]["text"]
        assert ref.text.strip() and ref.text.strip() in doc[ref.start : ref.end + 1], ref


def test_every_statement_is_cited_and_every_number_is_used(brief):
    b, _ = brief
    sentences = [s for sec in b.sections for s in sec.sentences]
    assert sentences and all(s.cites for s in sentences)
    used = {n for s in sentences for n in s.cites}
    used |= {n for sec in b.sections for t in sec.tables for row in t["rows"] for n in row[2]}
    assert used == {r.n for r in b.references}


def test_sections_hold_the_dyads_story(brief):
    b, _ = brief
    by = {s.title: s for s in b.sections}
    assert "KOR and USA" in by["Overview"].sentences[0].text
    troops = [t for t in by["Numbers"].tables if t["measure"] == "troops_stationed"]
    assert troops and len(troops[0]["rows"]) >= 3  # the troop-level series over time
    chron = by["Chronology"].sentences
    dates = [s.text.split(":")[0] for s in chron]
    assert dates == sorted(dates)


def test_renderings_carry_the_citations(brief):
    b, _ = brief
    md = to_markdown(b)
    assert "## References" in md and re.search(r"\[\d+\]", md)
    html = to_html(b, base="http://h:1")
    assert "<svg" in html and "@media print" in html
    ref = b.references[0]
    assert f"/documents/{ref.doc_id}?hl={ref.start}-{ref.end}" in html


def test_merge_counts_one_occurrence_per_event_across_articles():
    def row(i, doc, src, tgt, date):
        return {
            "event_id": f"e{i}",
            "doc_id": doc,
            "source_country": src,
            "target_country": tgt,
            "type": "CONSULT",
            "date": date,
            "evidence": {"start": 10, "end": 15, "text": "x"},  # one sentence per doc
        }

    rows = [
        row(1, "d1", "KOR", "USA", "2019-02-27"),
        row(2, "d1", "USA", "KOR", "2019-02-27"),  # mirror row of the same sentence
        row(3, "d2", "USA", "KOR", "2019-02-28"),  # another article, next day
        row(4, "d3", "KOR", "USA", "2019-06-30"),  # a later meeting
    ]
    occ = merge_events(rows)
    assert [o.articles for o in occ] == [2, 1]
    assert dates_agree("2019", "2019-05-01") and not dates_agree("2019-02-01", "2019-02-20")


def test_brief_cli_writes_html_and_rejects_unknown_codes(demo_db, tmp_path):
    out = tmp_path / "b.html"
    cmd = [
        sys.executable,
        "-m",
        "tiegraph.interfaces.cli",
        "brief",
        "KOR,USA",
        "--db",
        str(demo_db),
    ]
    r = subprocess.run(
        [*cmd, "--format", "html", "--out", str(out)], capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
    assert "citations" in r.stderr and "<svg" in out.read_text()
    bad = [
        sys.executable,
        "-m",
        "tiegraph.interfaces.cli",
        "brief",
        "KOR",
        "XXX",
        "--db",
        str(demo_db),
    ]
    r = subprocess.run(bad, capture_output=True, text=True)
    assert r.returncode == 2 and "XXX" in r.stderr and "Traceback" not in r.stderr
