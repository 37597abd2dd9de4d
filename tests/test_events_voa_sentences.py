"""Event coding on sentences nobody here wrote: 282 sentences taken verbatim from the
VOA development stories (tests/data/event_sentences_voa.yaml, see its header), with
their expected type/source/target written before the system ran on them.

First run (before any rule was written for them): see FIRST_RUN. The floor sits just
under the measured score so a regression fails; `-s` prints the misses.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from tiegraph.ingest.readers import RawInput
from tiegraph.model import Document, Event
from tiegraph.pipeline import extract_record, prepare

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "event_sentences_voa.yaml"
CORPUS = ROOT / "eval" / "voa" / "corpus"
# First run, before any rule was written for them (occurrence folding and the
# dictionary layer already in): 98/184 = 0.533; 40/124 sentences with an event, 58/60
# sentences with none.
# After the issue-13 rules (press, victims, harm nouns, dates, new readings): 103/184 =
# 0.560; 44/124 with an event, 59/60 with none. The floor sits just under it.
# Nominal events and their arguments (39 sentences appended under "issue 13, nominal
# events", 15 with an event and 24 with none): first run 24/39 (3/15 with an event,
# 21/24 with none); after the nominal rules (readings by light verb, "of" agents, the
# speaker's talks, proposed deals, designations): 27/39 (4/15 with an event, 23/24 with none).
# Verb side (59 sentences appended under "issue 13 (verb side)", 29 with an event and 30
# with none): first run 36/59 (7/29 with an event, 29/30 with none), with the guarded
# dictionary layer already in. After the speech-act and verb readings (called baseless,
# described as, dismissed as, broke up a cell, conferred an honour, ordered to prison,
# boarded, deeds nested under a suggestion): the 184 above 116/184, all 282 sentences
# 179/282 = 0.635 (69/169 with an event, 110/113 with none). The floor sits just under it.
FIRST_RUN = 98 / 184
FINAL = 179 / 282
FLOOR = 0.62


def _cases() -> list[dict]:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))["sentences"]


def _story(story: str) -> dict:
    with open(CORPUS / f"{story}.jsonl", encoding="utf-8") as fh:
        return json.loads(fh.readline())


def _squash(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _code(ref) -> str | None:
    return (ref.country or ref.code) if ref else None


def _role_ok(case: dict, role: str, ref) -> bool:
    if role not in case:
        return True
    return _code(ref) == case[role]


def _correct(case: dict, events: list[Event]) -> bool:
    if case["type"] == "none":
        banned = set(case.get("forbid") or [])
        return not any(
            e.polarity == "asserted" and (not banned or e.type in banned) for e in events
        )
    types = {case["type"]} if isinstance(case["type"], str) else set(case["type"])
    hits = [
        e
        for e in events
        if e.type in types
        and any(_role_ok(case, "source", s) and _role_ok(case, "target", t) for s, t in e.dyads())
        and (not case.get("date") or (e.date or "").startswith(str(case["date"])))
    ]
    if case.get("polarity") == "negated":
        return any(e.polarity == "negated" for e in hits) and not any(
            e.polarity == "asserted" for e in hits
        )
    return any(e.polarity == "asserted" for e in hits)


def test_every_sentence_is_verbatim_from_its_dev_story() -> None:
    dev = set(json.loads((ROOT / "eval" / "voa" / "split.json").read_text())["dev"])
    cases = _cases()
    assert len(cases) >= 150
    for c in cases:
        assert c["story"] in dev, c["story"]
        assert _squash(c["text"]) in _squash(_story(c["story"])["text"]), c["text"]


def test_voa_sentence_accuracy(nlp) -> None:
    cases = _cases()
    docs, anchors = [], []
    for c in cases:
        anchor = str(_story(c["story"]).get("published") or "")[:10]
        doc = prepare(RawInput(f"voa-{c['story']}", c["text"], {"published": anchor}))
        assert isinstance(doc, Document)
        docs.append(doc)
        anchors.append(anchor)
    ok = 0
    misses = []
    for c, doc, sdoc in zip(cases, docs, nlp.pipe([d.text for d in docs])):
        events = extract_record(doc, sdoc, nlp).events
        if _correct(c, events):
            ok += 1
        else:
            got = [(e.type, _code(e.source), _code(e.target), e.polarity) for e in events]
            misses.append((c["type"], c.get("source"), c.get("target"), got, c["text"][:90]))
    score = ok / len(cases)
    positive = [c for c in cases if c["type"] != "none"]
    print(f"\nVOA sentences: {ok}/{len(cases)} = {score:.3f} ({len(positive)} with an event)")
    for m in misses:
        print("  MISS", m)
    assert score >= FLOOR
