"""Claim comparison across documents and dates: changes, conflicts, what is left out."""

from __future__ import annotations

import json

import pytest

from tiegraph.analysis.changes import (
    agree,
    compare_claims,
    date_range,
    format_change,
    format_value,
    overlap,
)


def claim(doc: str, value: float, as_of: str, **kw) -> dict:
    d = {
        "claim_id": f"{doc}-{value}-{as_of}",
        "doc_id": doc,
        "subject": ["USA"],
        "location": "KOR",
        "measure": "troops_stationed",
        "unit": "people",
        "value": value,
        "as_of": as_of,
        "qualifier": None,
        "evidence": {"start": 0, "end": 10, "text": f"{doc} says {value:,.0f} troops."},
    }
    d.update(kw)
    return d


def kinds(rows) -> list[tuple]:
    return [(r.kind, r.from_.value, r.from_.as_of, r.to.value, r.to.as_of) for r in rows]


def test_date_ranges_and_overlap() -> None:
    assert date_range("2004") == ("2004-01-01", "2004-12-31")
    assert date_range("2004-02") == ("2004-02-01", "2004-02-29")
    assert date_range("2004-10-07") == ("2004-10-07", "2004-10-07")
    assert date_range("PRESENT_REF") is None
    assert overlap("2004", "2004-10-07") and not overlap("2004", "2005-01")


def test_a_change_chain_links_runs_of_equal_values() -> None:
    rows = [
        claim("d1", 37000, "1994"),
        claim("d2", 37000, "2000"),
        claim("d3", 37500, "2004"),
        claim("d4", 28500, "2008"),
        claim("d5", 28500, "2016"),
    ]
    got = kinds(compare_claims(rows))
    # 37,000 -> 37,500 starts from the latest claim of the earlier value, and the
    # repeated 28,500 is no change
    assert got == [
        ("change", 37000, "2000", 37500, "2004"),
        ("change", 37500, "2004", 28500, "2008"),
    ]
    assert compare_claims(rows)[1].delta == -9000


def test_qualifiers_do_not_hide_a_change_over_time() -> None:
    rows = [claim("a", 42000, "1972", qualifier="roughly"), claim("b", 40000, "1991")]
    assert kinds(compare_claims(rows)) == [("change", 42000, "1972", 40000, "1991")]


def test_two_dates_in_one_document_are_a_change() -> None:
    rows = [claim("a", 6.97e8, "2004"), claim("a", 1.06e9, "2005")]
    assert kinds(compare_claims(rows)) == [("change", 6.97e8, "2004", 1.06e9, "2005")]


def test_conflict_needs_overlapping_dates_and_different_sources() -> None:
    rows = [claim("a", 32000, "2012-06-04"), claim("b", 26000, "2012")]
    assert kinds(compare_claims(rows)) == [("conflict", 26000, "2012", 32000, "2012-06-04")]
    same_doc = [claim("a", 32000, "2012"), claim("a", 26000, "2012")]
    assert compare_claims(same_doc) == []


def test_qualifier_tolerance_and_bounds() -> None:
    about = claim("a", 28500, "2012", qualifier="about")
    assert agree(about, claim("b", 29500, "2012"))  # within 5%
    assert not agree(about, claim("b", 31000, "2012"))
    more = claim("a", 33000, "1953", qualifier="more than")
    assert agree(more, claim("b", 36000, "1953"))
    assert not agree(more, claim("b", 30000, "1953"))
    under = claim("a", 100, "2001", qualifier="fewer than")
    assert agree(under, claim("b", 80, "2001")) and not agree(under, claim("b", 120, "2001"))
    rng = claim("a", 8.5e7, "2005", value_high=9.0e7)
    assert agree(rng, claim("b", 8.8e7, "2005"))
    rows = [about, claim("b", 29500, "2012")]
    assert compare_claims(rows) == []


def test_left_out_projections_negations_duplicates_copies_and_events() -> None:
    base = claim("a", 28500, "2010")
    others = [
        claim("p", 20000, "2015", projection=True),
        claim("n", 40000, "2011", polarity="negated"),
        claim("dup", 30000, "2012", duplicate_of="a"),
        claim("skip", 31000, "2013"),
        claim("w1", 5000, "2004", measure="troop_withdrawal"),
        claim("w2", 7000, "2006", measure="troop_withdrawal"),
    ]
    assert compare_claims([base, *others], duplicates=["skip"]) == []
    copy = dict(claim("c", 26000, "2011"), evidence=base["evidence"] | {"text": "Same."})
    copy2 = dict(claim("c2", 26000, "2011"), evidence={"text": "  same. "})
    got = compare_claims([base, copy, copy2])
    assert len(got) == 1 and got[0].to.doc_id == "c"


def test_groups_keep_subject_location_and_unit_apart() -> None:
    rows = [
        claim("a", 28500, "2010"),
        claim("b", 54000, "2011", location="JPN"),
        claim("c", 3000, "2012", subject=["KOR"], location="IRQ"),
        claim("d", 2.0e9, "2012", measure="budget", unit="USD", location=None),
        claim("e", 2.0e12, "2013", measure="budget", unit="KRW", location=None),
    ]
    assert compare_claims(rows) == []


def test_pair_subjects_match_in_any_order() -> None:
    rows = [
        claim("a", 3.08e8, "1997", subject=["KOR", "PRK"], measure="bilateral_trade"),
        claim("b", 3.33e8, "1999", subject=["PRK", "KOR"], measure="bilateral_trade"),
    ]
    (ch,) = compare_claims(rows)
    assert ch.subject == ["KOR", "PRK"] and ch.kind == "change"


def test_rendering_shows_both_sentences() -> None:
    (ch,) = compare_claims([claim("a", 37500, "2006"), claim("b", 28500, "2026")])
    text = format_change(ch.to_dict())
    assert "[change] USA troops_stationed in KOR" in text
    assert "37,500 (as of 2006)" in text and "-9,000" in text
    assert "a says 37,500 troops." in text and "b says 28,500 troops." in text
    assert format_value(1.1e9, "USD") == "USD 1.1 billion"
    assert format_value(8.5e7, "USD", 9.0e7) == "USD 85-90 million"
    assert format_value(11, "rank") == "#11"


def test_sample_articles_change_troops_and_economy_rank(sample_records) -> None:
    claims = [
        dict(c.to_dict(), doc_id=rec.doc.doc_id)
        for rec in sample_records.values()
        for c in rec.claims
    ]
    got = {
        (ch.measure, ch.location, ch.from_.value, ch.from_.as_of[:4], ch.to.value, ch.to.as_of)
        for ch in compare_claims(claims)
        if ch.kind == "change"
    }
    assert ("troops_stationed", "KOR", 37500, "2006", 28500, "2026") in got
    assert ("economy_rank", None, 11, "2006", 13, "2026") in got


ARTICLES = {
    "a.txt": (
        "Alliance review under way\n\nMarch 3, 2010\n\nSome 28,500 American troops are "
        "stationed in South Korea, officials said on Tuesday. The two governments meet again "
        "in June to review the posture of the alliance.\n"
    ),
    "b.txt": (
        "Troop levels questioned\n\nJune 5, 2012\n\nIn 2012, about 32,000 American troops "
        "were stationed in South Korea, a senator said on Monday. He asked for a review of "
        "the cost of the bases.\n"
    ),
    "c.txt": (
        "Rival count\n\nJune 7, 2012\n\nIn 2012, roughly 26,000 American troops were "
        "stationed in South Korea, a think tank said, citing budget documents.\n"
    ),
}


@pytest.fixture(scope="module")
def store_db(tmp_path_factory) -> str:
    from tiegraph.interfaces.cli import main

    folder = tmp_path_factory.mktemp("changes")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = str(folder / "t.db")
    assert main(["ingest", str(folder), "--db", db, "--quiet"]) == 0
    return db


def test_cli_changes_json_and_text(store_db, capsys) -> None:
    from tiegraph.interfaces.cli import main

    assert main(["changes", "--db", store_db, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    got = sorted((r["kind"], r["from"]["value"], r["to"]["value"]) for r in rows)
    assert ("change", 28500.0, 26000.0) in got or ("change", 28500.0, 32000.0) in got
    assert ("conflict", 26000.0, 32000.0) in got or ("conflict", 32000.0, 26000.0) in got
    assert main(["changes", "--db", store_db, "--kind", "conflict"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("[conflict] USA troops_stationed in KOR")
    assert "a senator said on Monday" in out and "a think tank said" in out
    assert main(["changes", "--db", store_db, "--subject", "CHN"]) == 0
    assert "no claim changes or conflicts" in capsys.readouterr().out


def test_each_side_keeps_the_words_that_date_it() -> None:
    src = {"start": 40, "end": 49, "text": "last year"}
    (ch,) = compare_claims(
        [
            claim("a", 37500, "2004", as_of_source="publication"),
            claim("b", 28500, "2018", as_of_source=src),
        ]
    )
    d = ch.to_dict()
    assert d["from"]["as_of_source"] == "publication"
    assert d["to"]["as_of_source"]["text"] == "last year"


def test_changes_between_extracted_documents(nlp) -> None:
    """Two reports in different words: a dash-joined pair and a bare "two-way trade"."""
    from tiegraph.ingest.readers import RawInput
    from tiegraph.pipeline import extract_record, prepare

    texts = [
        (
            "2022-03-01",
            "Sanctions have bitten. Turkey–Russia trade fell to about $33 billion last year "
            "from $26 billion in 2020, officials in Ankara said.",
        ),
        (
            "2024-02-01",
            "Ankara and Moscow have grown closer since the war began, and Turkish exporters "
            "have filled gaps left by Western firms. Turkey is courting Russian tourists. "
            "Two-way trade reached about $57 billion last year, officials said.",
        ),
    ]
    rows = []
    for published, text in texts:
        doc = prepare(RawInput(source=f"{published}.txt", text=text, meta={"published": published}))
        rec = extract_record(doc, nlp(doc.text), nlp)
        rows += [dict(c.to_dict(), doc_id=doc.doc_id) for c in rec.claims]
    got = [
        (r.kind, sorted(r.subject), r.from_.value, r.from_.as_of, r.to.value, r.to.as_of)
        for r in compare_claims(rows)
        if r.measure == "bilateral_trade"
    ]
    assert ("change", ["RUS", "TUR"], 2.6e10, "2020", 3.3e10, "2021") in got
    assert ("change", ["RUS", "TUR"], 3.3e10, "2021", 5.7e10, "2023") in got


def test_budget_series_keep_defence_budgets_apart_from_cost_sharing() -> None:
    def budget(doc: str, value: float, as_of: str, text: str) -> dict:
        row = claim(doc, value, as_of, measure="budget", unit="USD", subject=["KOR"])
        return dict(row, location=None, evidence={"start": 0, "end": len(text), "text": text})

    rows = [
        budget("a", 1.6e10, "2004", "Our defense budget this year is about $16 billion."),
        budget("b", 1.0e9, "2021", "Seoul will raise its cost-sharing contribution to $1 billion."),
        budget("c", 4.6e10, "2021", "Its defense budget rose to about $46 billion."),
        budget("d", 9.2e8, "2019", "Seoul agreed to raise its share of the cost to $920 million."),
    ]
    assert sorted(kinds(compare_claims(rows))) == [
        ("change", 9.2e8, "2019", 1.0e9, "2021"),
        ("change", 1.6e10, "2004", 4.6e10, "2021"),
    ]


def test_extracted_troop_figures_chain_and_conflict(nlp) -> None:
    """Three reports on one garrison in different forms ("as of", "currently", a
    "N-strong" force): the change chains over time, and two sources disagreeing about the
    same year conflict."""
    from tiegraph.ingest.readers import RawInput
    from tiegraph.pipeline import extract_record, prepare

    texts = [
        (
            "2019-05-02",
            "As of 2019, the United States had some 34,500 troops stationed in Germany.",
        ),
        ("2023-04-11", "Currently, about 38,000 American soldiers are based in Germany."),
        (
            "2023-07-20",
            "In 2023, a 25,000-strong U.S. force was stationed in Germany, officials said.",
        ),
    ]
    rows = []
    for published, text in texts:
        doc = prepare(RawInput(source=f"{published}.txt", text=text, meta={"published": published}))
        rec = extract_record(doc, nlp(doc.text), nlp)
        rows += [dict(c.to_dict(), doc_id=doc.doc_id) for c in rec.claims]
    got = [
        (r.kind, r.from_.value, r.to.value)
        for r in compare_claims(rows)
        if r.measure == "troops_stationed"
    ]
    assert any(k == "change" and a == 34500 for k, a, b in got)
    assert any(k == "conflict" and {a, b} == {38000, 25000} for k, a, b in got)
