"""End to end through the CLI: mixed good and bad inputs, exit codes, summary, idempotence."""

from __future__ import annotations

import io
import json
import sys

import pytest
from ingest_builders import article_html, article_text

from tiegraph.interfaces.cli import main
from tiegraph.nlp.pipeline import load_nlp

DROUGHT = [
    "Kenya and Ethiopia signed an agreement in Nairobi on Friday to share data on the river "
    "that both countries depend on, officials said.",
    "The deal follows months of tension over a dam built upstream, which farmers blame for "
    "lower water levels during the dry season.",
    "A regional bloc offered to mediate future disputes and to monitor the flow every week.",
]
FRENCH = (
    "Les ministres des affaires étrangères se sont réunis mardi à Genève pour discuter de "
    "l'accord commercial. Les discussions ont duré plus de quatre heures sans déclaration commune."
)


@pytest.fixture(scope="module", autouse=True)
def nlp():
    return load_nlp()


@pytest.fixture()
def corpus(tmp_path):
    root = tmp_path / "in"
    (root / "copies").mkdir(parents=True)
    (root / "good.txt").write_text(article_text(4), encoding="utf-8")
    (root / "page.html").write_text(
        article_html(paragraphs=DROUGHT, title="Kenya and Ethiopia sign river deal"),
        encoding="utf-8",
    )
    lines = [
        json.dumps(
            {
                "id": "wire-1",
                "text": "Peru and Bolivia agreed on Monday to reopen the "
                "border crossing at Desaguadero, the foreign ministry said.",
                "published": "2018-06-04",
                "publisher": "Andes Wire",
            }
        ),
        "{not json",
    ]
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (root / "empty.txt").write_bytes(b"")
    (root / "french.txt").write_text(FRENCH, encoding="utf-8")
    return root


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def summary(capsys, db) -> dict:
    code, out, _ = run(capsys, "summary", "--db", str(db), "--json")
    assert code == 0
    return json.loads(out)


def test_ingest_reports_every_input_and_is_idempotent(corpus, tmp_path, capsys):
    db = tmp_path / "t.db"
    code, out, err = run(capsys, "ingest", str(corpus), "--db", str(db))
    assert code == 1  # something failed
    lines = err.splitlines()
    for name, reason in [
        ("binary.txt", "binary file"),
        ("empty.txt", "empty document"),
        ("feed.jsonl:2", "broken JSON line"),
        ("french.txt", "not English"),
    ]:
        assert any(name in ln and reason in ln for ln in lines), (name, lines)
    assert lines[-1].startswith(
        "tiegraph: 7 documents: 3 processed, 0 duplicate, 1 skipped, 0 truncated, 3 failed"
    )
    first = summary(capsys, db)
    assert first["documents"] == 4 and first["failures"] == 4

    code, out, err = run(capsys, "ingest", str(corpus), "--db", str(db), "-q")
    assert code == 1 and "documents:" not in err  # --quiet: no summary line, errors still
    assert "already present 4" in out or out == ""
    again = summary(capsys, db)
    assert {k: again[k] for k in ("documents", "failures", "events", "quotes", "claims")} == {
        k: first[k] for k in ("documents", "failures", "events", "quotes", "claims")
    }

    # a copy of an ingested article, in a later run: recorded as a duplicate, never counted
    (corpus / "copies" / "good-again.txt").write_text(article_text(4), encoding="utf-8")
    code, out, err = run(capsys, "ingest", str(corpus), "--db", str(db))
    assert "1 duplicate" in err.splitlines()[-1]
    third = summary(capsys, db)
    assert third["duplicates"] == 1 and third["documents"] == first["documents"]
    assert third["events"] == first["events"]
    assert sum(r["events"] for r in third["events_by_dyad"]) == sum(
        r["events"] for r in first["events_by_dyad"]
    )


def test_extract_filters_quiet_and_exit_code(corpus, capsys):
    code, out, err = run(capsys, "extract", str(corpus), "--include", "*.html", "-q")
    assert code == 0 and err == ""
    (rec,) = [json.loads(x) for x in out.splitlines()]
    assert rec["doc"]["title"] == "Kenya and Ethiopia sign river deal"
    assert rec["doc"]["publisher"] == "The Fjord Ledger" and rec["doc"]["published"] == "2021-03-09"
    code, out, err = run(
        capsys, "extract", str(corpus), "--exclude", "*.txt", "--exclude", "*.html"
    )
    sources = [json.loads(x)["doc"]["source"] for x in out.splitlines()]
    assert [s.rsplit("/", 1)[1] for s in sources] == ["feed.jsonl:1", "feed.jsonl:2"]
    assert code == 1 and "2 documents: 1 processed" in err.splitlines()[-1]


def test_duplicates_within_one_run_from_stdin(monkeypatch, capsys):
    text = "\n\n".join(DROUGHT)
    feed = "".join(
        json.dumps({"text": t, "url": f"https://e.example/{i}"}) + "\n"
        for i, t in enumerate([text, text, text + " Reporting by the wire desk."])
    )

    class Stdin:
        buffer = io.BufferedReader(io.BytesIO(feed.encode()))

    monkeypatch.setattr(sys, "stdin", Stdin())
    code, out, err = run(capsys, "extract", "-")
    recs = [json.loads(x) for x in out.splitlines()]
    assert code == 0
    first = recs[0]["doc"]["doc_id"]
    assert [r["doc"]["duplicate_of"] for r in recs] == [None, first, first]
    assert len({r["doc"]["doc_id"] for r in recs}) == 3
    assert "3 documents: 1 processed, 2 duplicate" in err
