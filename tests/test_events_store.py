"""One occurrence in the store and the GDELT-like CSV: its other participants are kept,
the CSV has a row per dyad sharing an OccurrenceId, and RootDyad marks one per occurrence."""

from __future__ import annotations

import csv
import json

from tiegraph.analysis.export import export_gdelt_csv
from tiegraph.ingest.readers import RawInput
from tiegraph.model import Document
from tiegraph.pipeline import extract_record, prepare
from tiegraph.store import open_store

TEXT = (
    "The foreign ministers of Canada, France and Germany met in Rome on Friday. "
    "Egypt condemned Israel on Saturday."
)


def _record(nlp):
    doc = prepare(RawInput("t", TEXT, {"published": "2024-05-10"}))
    assert isinstance(doc, Document)
    return extract_record(doc, nlp(doc.text), nlp)


def test_actor_lists_are_stored_and_exported_per_dyad(nlp, tmp_path) -> None:
    rec = _record(nlp)
    meet = next(e for e in rec.events if e.type == "CONSULT")
    assert meet.also_sources  # one occurrence, three participants
    with open_store(str(tmp_path / "s.db")) as s:
        s.add_records([rec])
        stored = s.scalar(
            "SELECT also_sources FROM events WHERE event_id = :i", {"i": meet.event_id}
        )
        assert {r["country"] for r in json.loads(stored)} == {r.country for r in meet.also_sources}
        out = tmp_path / "events.csv"
        res = export_gdelt_csv(s, out)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    roots = [r for r in rows if r["RootDyad"] == "1"]
    assert len(roots) == res["rows"]["events"] == len(rec.events)
    consult = [r for r in rows if r["OccurrenceId"] == meet.event_id]
    pairs = {(r["Actor1CountryCode"], r["Actor2CountryCode"]) for r in consult}
    assert len(consult) == len(pairs) == 6  # every ordered pair of three, one root
    assert len({r["GLOBALEVENTID"] for r in consult}) == 6
    assert sum(r["RootDyad"] == "1" for r in consult) == 1
