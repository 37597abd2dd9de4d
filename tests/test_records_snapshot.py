"""Records identical: the extraction of the demo articles and the VOA dev stories
matches the committed snapshot tests/data/records_snapshot.json.

The snapshot pins what the speed work (issue 16) must not change: every event, quote,
claim, characterization, actor and mention of the 48 documents, one hash per row with
a readable summary. A rule change that alters records on purpose must regenerate it:

    python benchmarks/records_snapshot.py --write tests/data/records_snapshot.json

and the commit's diff of the snapshot then shows which rows changed.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "tests" / "data" / "records_snapshot.json"


def _module():
    spec = importlib.util.spec_from_file_location(
        "records_snapshot", ROOT / "benchmarks" / "records_snapshot.py"
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_records_match_the_committed_snapshot(nlp):
    snap = _module()
    old = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    diff = snap.differences(old, snap.snapshot(nlp))
    assert not diff, (
        "records changed (regenerate with `python benchmarks/records_snapshot.py --write "
        "tests/data/records_snapshot.json` if the change is intended):\n" + "\n".join(diff)
    )


def test_the_diff_names_the_document_and_the_row():
    snap = _module()
    key = "demo/corpus/x.txt#abc"
    rec = {s: [] for s in snap.SECTIONS} | {"doc": "X | 1", "parse": "2"}
    old = {"documents": {key: rec | {"events": ["0 MEET A -> B: met | aaaa"]}}}
    new = {"documents": {key: rec | {"events": ["0 MEET A -> C: met | bbbb"]}}}
    assert snap.differences(old, new) == [
        f"{key} events - 0 MEET A -> B: met | aaaa",
        f"{key} events + 0 MEET A -> C: met | bbbb",
    ]
    assert snap.differences(old, old) == []
