"""Evaluation gate, as trafilatura pins its scores: every gold set's F1 per section
(and, on the exhaustive real-news set, precision and recall) is pinned just below
its measured value. A drop fails the suite; a rise means raising the pin in the
same commit (`python benchmarks/eval_report.py --pins` prints the measured values).
"""

from __future__ import annotations

import pytest

from tiegraph.eval.goldsets import GOLD_SETS, score_set

# measured value minus 0.005, per gold set, section and metric
PINS: dict[str, dict[str, dict[str, float]]] = {}

SETS = {gs.key: gs for gs in GOLD_SETS}


@pytest.mark.parametrize("key", sorted(PINS))
def test_scores_do_not_drop_below_their_pins(key):
    gs = SETS[key]
    if not gs.path.exists():
        pytest.skip(f"{gs.path} not present")
    got = score_set(gs)["sections"]
    drops = [
        f"{sec}.{metric}: {got.get(sec, {}).get(metric, 0.0):.3f} < pin {pin:.3f}"
        for sec, metrics in PINS[key].items()
        for metric, pin in metrics.items()
        if got.get(sec, {}).get(metric, 0.0) < pin
    ]
    assert not drops, f"{gs.name}: " + "; ".join(drops)


def test_every_gold_set_is_pinned():
    assert set(PINS) == set(SETS)


def test_no_gold_set_reports_forbidden_events_as_facts():
    for key in ("dev", "voa"):
        got = score_set(SETS[key])["sections"]
        assert got.get("forbidden_events", {}).get("false_positives", 0) == 0, key
