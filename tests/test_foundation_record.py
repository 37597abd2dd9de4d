"""The extraction record contract: schema, provenance spans, versions, determinism."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tiegraph.ingest.readers import RawInput
from tiegraph.pipeline import process

SCHEMA = json.loads(
    (Path(__file__).parents[1] / "tiegraph" / "data" / "record.schema.json").read_text()
)


def _spans(rec: dict):
    for m in rec["mentions"]:
        yield m["span"]
    for e in rec["events"]:
        yield e["trigger"]
        yield e["evidence"]
        if isinstance(e["date_source"], dict):
            yield e["date_source"]
    for q in rec["quotes"]:
        yield q["span"]
        if q["speaker"] and q["speaker"]["span"]:
            yield q["speaker"]["span"]
    for c in rec["claims"]:
        yield c["evidence"]
    for c in rec["characterizations"]:
        yield c["evidence"]


def test_sample_records_match_schema(sample_records):
    for name, rec in sample_records.items():
        d = json.loads(json.dumps(rec.to_dict()))
        jsonschema.validate(d, SCHEMA)
        assert d["errors"] == [], name


def test_every_span_points_at_its_text(sample_records):
    """Provenance: each span's text is exactly the clean text at its offsets."""
    for rec in sample_records.values():
        d = rec.to_dict()
        text = d["doc"]["text"]
        n = 0
        for sp in _spans(d):
            assert text[sp["start"] : sp["end"]] == sp["text"]
            n += 1
        assert n > 50


def test_records_carry_versions(sample_records):
    for rec in sample_records.values():
        assert {"tiegraph", "data", "model", "events", "quotes", "claims"} <= set(rec.versions)


def test_record_is_complete_in_shape(sample_records):
    rec = sample_records["004_12083f526e349120.txt"]
    assert rec.doc.published == "2006-02-08"
    assert rec.doc.language == "en"
    assert rec.events and rec.quotes and rec.claims and rec.characterizations and rec.actors
    # events are dated by their own time expressions, not only by the publication date
    assert any(getattr(e.date_source, "text", None) for e in rec.events)


def test_same_input_same_record(nlp):
    text = (
        "Seoul, March 3, 2019\n\nNorth Korea fired two missiles into the sea on Saturday, "
        "South Korean officials said. The United States condemned the launch."
    )
    a = [r.to_dict() for r in process([RawInput("a.txt", text)], nlp=nlp)]
    b = [r.to_dict() for r in process([RawInput("a.txt", text)], nlp=nlp)]
    assert a == b


@pytest.mark.parametrize(
    "raw,reason",
    [
        (RawInput("empty.txt", error="empty document (no text)"), "empty"),
        (RawInput("x.txt", text="\n\n   \n"), "no article text"),
    ],
)
def test_failures_become_records_with_errors(nlp, raw, reason):
    (rec,) = list(process([raw], nlp=nlp))
    assert rec.errors and reason in rec.errors[0]["error"]
    assert rec.errors[0]["source"] == raw.source
    assert rec.events == [] and rec.doc.text == ""


def test_non_english_is_recorded_not_parsed(nlp):
    text = (
        "Le président sud-coréen a rencontré hier à Séoul le secrétaire d'État américain. "
        "Les deux dirigeants ont discuté de la situation dans la péninsule coréenne et des "
        "relations avec la Corée du Nord, selon un communiqué publié par la présidence."
    )
    (rec,) = list(process([RawInput("fr.txt", text)], nlp=nlp))
    assert rec.doc.language == "fr"
    assert rec.events == [] and "not English" in rec.errors[0]["error"]
