"""How the rules are matched: case-sensitively on a folded copy of the text, tried only
where a match can start, and read back from the original text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any


def _fold_re(pattern: str) -> re.Pattern[str]:
    """A rule's regex, matched case-sensitively against the `_folded` text: the same
    matches as IGNORECASE on the original (tests/test_timex_folding.py checks every
    character of every rule against every code point), but the regex engine can skip
    ahead on literal first characters, which it cannot do under IGNORECASE."""
    return re.compile(pattern)


class _Match:
    """A rule's match on the `_folded` text read back from the original text: the same
    offsets, the original letters (handlers test capitalisation: "May" vs "may")."""

    __slots__ = ("_m", "_text")

    def __init__(self, m: re.Match[str], text: str) -> None:
        self._m = m
        self._text = text

    def __getitem__(self, group: int | str) -> str | Any:
        start, end = self._m.span(group)
        return None if start < 0 else self._text[start:end]

    group = __getitem__

    def start(self, group: int | str = 0) -> int:
        return self._m.start(group)

    def end(self, group: int | str = 0) -> int:
        return self._m.end(group)


# Where a rule's match can start, for the rules whose scan costs most: every match of
# these starts at the beginning of the text or right after a non-word character, with
# one of the words (or digits) of its start regex. `_scan` runs the rule only there.
_STARTS: dict[re.Pattern[str], re.Pattern[str]] = {}


def _started(pattern: re.Pattern[str], first: str) -> re.Pattern[str]:
    """Record `first` (an alternation of what a match of `pattern` begins with)."""
    _STARTS[pattern] = re.compile(rf"\W(?:{first})")
    return pattern


def _scan(pattern: re.Pattern[str], low: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(low)`, trying the rule only where `_STARTS` says it can start.

    The start regex opens with a character class, so the engine skips to the candidates
    in C; the rule's own regex, matched at each candidate in order, decides as before
    (`match` at a position sees the text before it, like `finditer` does).
    """
    start = _STARTS.get(pattern)
    if start is None:
        yield from pattern.finditer(low)
        return
    pos = 0  # matches may start here or later
    while True:
        if pos == 0:
            at = 0
        else:
            cand = start.search(low, pos - 1)
            if cand is None:
                return
            at = cand.start() + 1
        m = pattern.match(low, at)
        if m is None:
            pos = at + 1
            continue
        yield m
        pos = max(m.end(), at + 1)
