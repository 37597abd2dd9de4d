"""The small version of the fuzz and soak set (benchmarks/pathological.py), no timing.

Every pathological shape goes through one pipeline run over one folder: the run must
finish, every input must come out with its expected outcome, and bounded-work notes
(split sentences, cut documents) must be on the records that needed them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tiegraph import pipeline
from tiegraph.ingest.progress import outcome
from tiegraph.ingest.readers import read_path, source_name
from tiegraph.pipeline import process

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import pathological  # noqa: E402


@pytest.fixture(scope="module")
def soak(nlp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("pathological")
    cases = pathological.build_cases(small=True)
    for c in cases:
        pathological.make(c, folder)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pipeline, "MAX_DOC_CHARS", pathological.SMALL_LIMIT)  # "just over" it
        records = list(process(read_path(folder), nlp=nlp, batch_size=4))
    return cases, folder, records


def _records_of(case, folder, records):
    name = source_name(folder / case.filename)
    return [r for r in records if r.doc.source.split("@")[0].rsplit(":", 1)[0] == name]


def test_every_case_is_accounted_for_with_its_outcome(soak):
    cases, folder, records = soak
    for c in cases:
        mine = _records_of(c, folder, records)
        assert mine, f"{c.name}: no record"
        worst, _ = pathological.outcome_of(mine)
        if c.expect != "any":
            # a copy of the normal document's paragraphs may be marked as its near duplicate
            assert worst == c.expect or (c.expect != "failed" and worst == "duplicate"), (
                c.name,
                worst,
                [e["error"] for r in mine for e in r.errors],
            )


def test_bounded_notes_are_recorded(soak):
    cases, folder, records = soak
    by = {c.name: _records_of(c, folder, records) for c in cases}
    (long_sentence,) = by["sentence_50k_words"]
    assert any("split every" in e["error"] for e in long_sentence.errors)
    (over,) = by["just_over_limit"]
    assert any("document too large" in e["error"] for e in over.errors)
    (fifo,) = by["fifo"]
    assert "named pipe" in fifo.errors[0]["error"]
    assert any(
        "truncated WARC record" in e["error"] for r in by["warc_truncated"] for e in r.errors
    )
    assert len(by["jsonl_dup_ids"]) == 2
    assert {outcome(r) for r in by["jsonl_dup_ids"]} <= {"processed", "duplicate"}
