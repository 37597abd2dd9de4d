"""Actor phrases collected from the VOA development stories, scored as a whole.

The expected codes in tests/data/actor_phrases_voa.yaml were written from the text
before the resolver saw them; the test pins the measured accuracy so that it can only
rise (first run: see docs/actors.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tiegraph.resolve.phrase import resolve_items

DATA = Path(__file__).parent / "data" / "actor_phrases_voa.yaml"
PINNED = 0.80  # measured 0.805 on 293 phrases (0.791 on 287 before round 8's rules);
# first run, before any rule was written for these phrases: 0.534 (the first 251);
# 0.611 (22 of 36) for the 36 appended in round 7 (0.694 after the round's last rules);
# 1 of 6 for the 6 appended in round 8 (speaker coverage)


def _phrases() -> list[dict]:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))["phrases"]


def score(rows: list[dict], results: list[dict]) -> tuple[float, list[str]]:
    """Share of phrases whose country and sector (and code prefix) match; the misses."""
    misses = []
    for want, got in zip(rows, results, strict=True):
        ok = True
        if "country" in want and (got.get("country") or "") != want["country"]:
            ok = False
        if "sector" in want and (got.get("sector") or "") != want["sector"]:
            ok = False
        if "code" in want and not (got.get("code") or "").startswith(want["code"]):
            ok = False
        if not ok:
            misses.append(
                f"{want['text']!r}: want {want.get('country')}/{want.get('sector')}"
                f" got {got.get('country')}/{got.get('sector')} {got.get('code')}"
            )
    return 1 - len(misses) / len(rows), misses


@pytest.fixture(scope="module")
def results(nlp):
    return resolve_items(_phrases(), nlp)


def test_phrase_set_is_large_enough():
    rows = _phrases()
    assert len(rows) >= 280
    assert all(r["text"] in r["context"] for r in rows)


def test_phrase_accuracy(results):
    acc, misses = score(_phrases(), results)
    print(f"accuracy {acc:.3f}", *misses, sep="\n")
    assert acc >= PINNED, "\n".join(misses)
