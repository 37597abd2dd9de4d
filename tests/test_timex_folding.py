"""The timex rules run case-sensitively on a folded copy of the text (`_folded`) instead
of with IGNORECASE on the original: the regex engine can then skip ahead on literal
first characters. These tests prove the two give the same matches, character by
character for every code point, and on the demo and VOA dev stories; and that text
whose letters change length or identity when lower-cased ("FRİDAY", "ſummer") keeps
its offsets and values."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from real_texts import demo_texts, voa_texts

from tiegraph.nlp.timex import _RULES, _folded, find_timexes

if sys.version_info >= (3, 11):
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as P  # type: ignore[attr-defined]
else:  # pragma: no cover
    import sre_constants as C
    import sre_parse as P

ROOT = Path(__file__).resolve().parents[1]
ALL = "".join(chr(c) for c in range(0x110000))
ALL_FOLDED = _folded(ALL)


def _atoms(items, literals: set[int], categories: set) -> None:
    """Every character literal and category a parsed pattern tests a character with."""
    for op, av in items:
        if op in (C.LITERAL, C.NOT_LITERAL):
            literals.add(av)
        elif op is C.IN:
            for iop, iav in av:
                if iop is C.LITERAL:
                    literals.add(iav)
                elif iop is C.RANGE:
                    literals.update(range(iav[0], iav[1] + 1))
                elif iop is C.CATEGORY:
                    categories.add(iav)
                else:
                    assert iop is C.NEGATE, iop
        elif op is C.BRANCH:
            for sub in av[1]:
                _atoms(sub, literals, categories)
        elif op is C.SUBPATTERN:
            _group, add, delete, sub = av
            assert not (add | delete) & re.IGNORECASE, "no scoped case flags"
            _atoms(sub, literals, categories)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            _atoms(av[2], literals, categories)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            _atoms(av[1], literals, categories)
        elif op is C.AT:
            if av in (C.AT_BOUNDARY, C.AT_NON_BOUNDARY):
                categories.add(C.CATEGORY_WORD)
        elif op is C.CATEGORY:
            categories.add(av)
        else:  # a back-reference would compare text case-insensitively: not allowed
            assert op is C.ANY, op


def _rule_atoms() -> tuple[set[int], set]:
    literals: set[int] = set()
    categories: set = set()
    for pattern, _handler in _RULES:
        assert not pattern.flags & re.IGNORECASE
        _atoms(P.parse(pattern.pattern, pattern.flags), literals, categories)
    return literals, categories


def test_folding_keeps_every_offset():
    assert len(ALL_FOLDED) == len(ALL)
    assert _folded("FRİDAY ſummer") == "friday summer"


def test_every_character_test_agrees_with_ignorecase_on_every_code_point():
    """A literal matches a character under IGNORECASE exactly when it equals the folded
    character; a category (\\w, \\d, \\s, word boundaries) holds for a character exactly
    when it holds for the folded one. Together: the same matches at the same offsets."""
    literals, categories = _rule_atoms()
    assert ord("a") in literals and categories
    for lit in sorted(literals):
        ignorecase = {m.start() for m in re.finditer(re.escape(chr(lit)), ALL, re.IGNORECASE)}
        folded = {m.start() for m in re.finditer(re.escape(chr(lit)), ALL_FOLDED)}
        assert ignorecase == folded, (chr(lit), sorted(ignorecase ^ folded)[:5])
    names = {C.CATEGORY_WORD: r"\w", C.CATEGORY_DIGIT: r"\d", C.CATEGORY_SPACE: r"\s"}
    names |= {C.CATEGORY_NOT_WORD: r"\W", C.CATEGORY_NOT_DIGIT: r"\D"}
    names |= {C.CATEGORY_NOT_SPACE: r"\S"}
    for cat in categories:
        rx = re.compile(names[cat])
        original = {m.start() for m in rx.finditer(ALL)}
        assert original == {m.start() for m in rx.finditer(ALL_FOLDED)}, cat


def _texts() -> list[str]:
    return demo_texts() + voa_texts("dev")


def test_rules_find_the_same_matches_as_ignorecase_on_real_stories():
    texts = _texts()
    assert len(texts) > 40
    found = 0
    for text in texts:
        low = _folded(text)
        for pattern, _handler in _RULES:
            reference = re.compile(pattern.pattern, re.IGNORECASE)
            spans = [m.span() for m in reference.finditer(text)]
            assert spans == [m.span() for m in pattern.finditer(low)]
            found += len(spans)
    assert found > 500


SENTENCE = (
    "The talks resumed on FRİDAY, after a break since laſt ſummer, and the two sides will "
    "meet again in İstanbul next ſpring."
)


@pytest.mark.parametrize("anchor", ["2006-02-08", None])
def test_letters_that_change_when_lower_cased_keep_offsets_and_values(anchor):
    found = find_timexes(SENTENCE, anchor)
    plain = find_timexes(SENTENCE.replace("İ", "I").replace("ſ", "s"), anchor)
    assert [(t.start, t.end, t.value, t.mod) for t in found] == [
        (t.start, t.end, t.value, t.mod) for t in plain
    ]
    assert [t.text for t in found] == [SENTENCE[t.start : t.end] for t in found]
    assert [t.text for t in found] == ["FRİDAY", "since laſt ſummer", "next ſpring"]
