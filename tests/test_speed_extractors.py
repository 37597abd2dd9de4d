"""The quote, claim and characterization extractors' speed shortcuts (issue 16) give
exactly the answers of the full computation on real text (the demo articles and the VOA
dev stories): each shortcut only skips work that cannot find anything."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from real_texts import demo_texts, voa_texts

from tiegraph.extract.claims import numbers
from tiegraph.extract.claims.vocab import vocab
from tiegraph.nlp.timex import _folded

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return demo_texts() + voa_texts("dev")


def _pieces(texts: list[str]) -> list[str]:
    """Whole texts, their lines and their sentence-like pieces (the claims scan sentences)."""
    out = list(texts)
    for t in texts:
        out += [line for line in t.splitlines() if line.strip()]
        out += re.split(r"(?<=[.!?])\s+", t)
    return out


def test_number_scans_skipped_only_where_they_cannot_match(texts, monkeypatch):
    pieces = _pieces(texts) + [
        "Two-thirds of voters, one in five teachers and the No. 2 partner: HALF OF THEM.",
        "Sixty-five per cent, a dozen ships, the world's largest, Rs. 40 and 3 Swiss francs.",
    ]
    fast = [numbers.find_values(t, 7) for t in pieces]
    monkeypatch.setattr(numbers, "_possible", lambda text: vocab().patterns)
    full = [numbers.find_values(t, 7) for t in pieces]
    assert fast == full
    units = {v.unit for vals in full for v in vals}
    assert {"percent", "rank", "count", "USD"} <= units  # the pieces exercise the patterns
    assert sum(map(len, full)) > 1000


def test_needs_are_literals_of_their_patterns():
    """Every need is a lower-case literal its pattern spells out (so a match contains it)."""
    v = vocab()
    for key, needs in v.needs.items():
        source = v.patterns[key].pattern.lower()
        for w in needs:
            assert w == w.lower() and (w in source or re.escape(w) in source), (key, w)


def test_folding_maps_ignorecase_equals_to_the_need_character():
    """Any character IGNORECASE equates with a character of a need folds to exactly that
    character, so a need the pattern matches is a substring of the folded text."""
    chars = sorted(set("".join(w for needs in vocab().needs.values() for w in needs)))
    rx = re.compile("[" + re.escape("".join(chars)) + "]", re.IGNORECASE)
    hits = 0
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        if not rx.fullmatch(ch):
            continue
        hits += 1
        equal = [c for c in chars if re.fullmatch(re.escape(c), ch, re.IGNORECASE)]
        assert equal == [_folded(ch)], (hex(code), equal)
    assert hits > len(chars)  # upper case letters and the Kelvin sign fold too
