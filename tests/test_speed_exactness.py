"""The speed work's shortcuts give exactly the answers of the full computation.

Each shortcut (issue 16) skips work that cannot find anything: a time-expression rule
whose required words are absent from the text, a role-phrase lookup at a word that ends
no role phrase. These tests run the full computation next to the shortcut on real text
(the demo articles and the VOA dev stories) and require the same results.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from real_texts import demo_texts, voa_texts

from tiegraph.nlp import timex
from tiegraph.resolve import roles

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return demo_texts() + voa_texts("dev")


def test_timex_rules_skipped_only_where_they_cannot_match(texts, monkeypatch):
    extra = [
        "In the 1990s and the ’80s, two centuries ago, THREE YEARS AGO, last winter.",
        "The talks resume next Tuesday; nowadays the day before yesterday is recent years.",
    ]
    fast = [timex.find_timexes(t, "2019-12-07") for t in texts + extra]
    monkeypatch.setattr(timex, "_NEEDS", {})
    full = [timex.find_timexes(t, "2019-12-07") for t in texts + extra]
    assert fast == full
    assert sum(map(len, full)) > 500  # the texts do exercise the rules


def test_folded_text_keeps_every_letter_ignorecase_matches():
    """Any character IGNORECASE equates with an ASCII letter folds to that letter."""
    for letter in string.ascii_lowercase:
        rx = re.compile(letter, re.IGNORECASE)
        for code in range(0x10000):
            ch = chr(code)
            if rx.fullmatch(ch):
                assert letter in timex._folded(ch), (letter, hex(code))


def test_role_match_shortcut_is_exact(texts, monkeypatch):
    windows = []
    for text in texts[:12]:
        words = text.split()
        windows += [words[i : i + 4] for i in range(0, len(words) - 4)]
    fast = [roles.role_match(w) for w in windows]
    monkeypatch.setattr(roles, "may_end_role", lambda low: True)
    full = [roles.role_match(w) for w in windows]
    assert fast == full
    assert sum(1 for sec, _, _ in full if sec) > 100


def test_quote_mark_scan_skips_only_characters_that_open_or_close_nothing(texts, monkeypatch):
    from tiegraph.extract.quotes import marks

    extra = ["He said \"yes\n\n\"no\" and 'maybe' “x» «y» „z“ ‘a’ it's", "«Oui», dit-il."]
    fast = [marks.find_quoted(t) for t in texts + extra]
    monkeypatch.setattr(marks, "_next_mark", lambda text, i, end, cur: i)  # every character
    full = [marks.find_quoted(t) for t in texts + extra]
    assert fast == full
    assert sum(map(len, full)) > 300
