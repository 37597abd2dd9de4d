"""`_scan` tries a timex rule only where its start regex says a match can begin (right
after a non-word character, on one of the rule's first words or digits). These tests
check it finds exactly what `finditer` finds, on the demo, VOA dev and held-out texts
and on the timex test sentences, and that the condition it relies on holds: every
vocabulary word a rule can begin with starts with a word character."""

from __future__ import annotations

import ast
from pathlib import Path

from real_texts import demo_texts, heldout_pages, voa_texts

from tiegraph.nlp.timex import _RULES, _STARTS, _V, _folded, _scan

ROOT = Path(__file__).resolve().parents[1]


def _texts() -> list[str]:
    texts = demo_texts() + voa_texts("dev") + heldout_pages()
    # every string literal of the timex tests: the rules' edge cases
    for path in sorted((ROOT / "tests").glob("test_timex*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                texts.append(node.value)
    return texts


def test_scan_finds_what_finditer_finds():
    assert len(_STARTS) >= 15
    found = 0
    for text in _texts():
        for low in (_folded(text), _folded("x" + text), _folded(" " + text)):
            for pattern, _handler in _RULES:
                expected = [m.span() for m in pattern.finditer(low)]
                assert [m.span() for m in _scan(pattern, low)] == expected
                found += len(expected)
    assert found > 3000


def test_rule_vocabularies_start_with_a_word_character():
    """A rule matched after `\\b` can only start after a non-word character (what the
    start regexes look for) if its first word starts with a word character."""
    for name in (
        "months", "month_abbreviations", "weekdays", "seasons", "number_words", "tens",
        "number_phrases", "vague_quantities", "units", "ordinals", "decade_words",
        "deictic_days", "past_words", "future_words", "present_words",
        "relative_qualifiers", "relative",
    ):  # fmt: skip
        assert all(str(w)[:1].isalnum() for w in _V[name]), name
