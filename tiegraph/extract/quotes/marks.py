"""Quotation marks and words: the quoted passages of a text, paragraph by paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tiegraph.extract.quotes.lexicon import (
    DOUBLE_OPENERS,
    MAX_QUOTE_CHARS,
    OPEN_CONTEXT,
    SINGLE_OPENERS,
    STRAIGHT_OR_CURLY,
    WORD_RE,
    cues,
)

# -- quotation marks -------------------------------------------------------------------


@dataclass(frozen=True)
class Quoted:
    """A passage in quotation marks: marks at [start, end), text in `pieces` (one per paragraph)."""

    start: int
    end: int
    pieces: tuple[tuple[int, int], ...]
    closed: bool = True

    @property
    def inner_start(self) -> int:
        return self.pieces[0][0]

    @property
    def inner_end(self) -> int:
        return self.pieces[-1][1]

    def text(self, doc_text: str) -> str:
        return "\n\n".join(doc_text[a:b].strip() for a, b in self.pieces).strip()


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines of the clean text: the cleaner puts one paragraph per line."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            out.append((m.start(), m.end()))
    return out


def _opens(text: str, i: int, p0: int) -> bool:
    prev = text[i - 1] if i > p0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return (prev.isspace() or prev in OPEN_CONTEXT) and not nxt.isspace()


def _closes(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return not prev.isspace() and not nxt.isalnum()


@dataclass
class _Open:
    opener: str
    closer: str
    double: bool
    start: int
    piece_start: int
    pieces: list[tuple[int, int]] = field(default_factory=list)


def _opening(text: str, i: int, p0: int) -> _Open | None:
    ch = text[i]
    if ch in "“«„" or (ch == '"' and _opens(text, i, p0)):
        return _Open(ch, DOUBLE_OPENERS[ch], True, i, i + 1)
    if (ch == "‘" and _opens(text, i, p0)) or (
        ch == "'" and _opens(text, i, p0) and text[i + 1 : i + 2].isalpha()
    ):
        return _Open(ch, SINGLE_OPENERS[ch], False, i, i + 1)
    return None


def _closing(text: str, i: int, cur: _Open) -> bool:
    if text[i] != cur.closer:
        # a straight mark closing a curly opening or the reverse ('"We have ... Ukraine,”'):
        # news copy mixes them; a closing mark is one that follows a word and no letter follows
        return cur.opener in STRAIGHT_OR_CURLY and text[i] in '"”' and _closes(text, i)
    return cur.double or _closes(text, i)


_OPENING_MARKS = re.compile("[“«„\"‘']")  # every character `_opening` may accept
_CLOSING_MARKS: dict[str, re.Pattern[str]] = {}


def _next_mark(text: str, i: int, end: int, cur: _Open | None) -> int:
    """The first index from i (else `end`) whose character can open a passage (no passage
    is open) or close `cur` (its closer, or a straight or curly double mark): the scan
    skips the characters `_opening` and `_closing` would turn down one by one."""
    rx = _OPENING_MARKS
    if cur is not None:
        if cur.closer not in _CLOSING_MARKS:
            _CLOSING_MARKS[cur.closer] = re.compile(f'[{re.escape(cur.closer)}"”]')
        rx = _CLOSING_MARKS[cur.closer]
    m = rx.search(text, i, end)
    return m.start() if m else end


def find_quoted(text: str) -> list[Quoted]:
    """Top-level quoted passages. Nested marks ('‘…’' inside '“…”') stay inside the outer
    passage; an apostrophe inside a word never opens or closes one. A passage left open at a
    paragraph's end continues when the next paragraph starts with an opening mark."""
    paras = paragraphs(text)
    out: list[Quoted] = []
    cur: _Open | None = None
    for pi, (p0, p1) in enumerate(paras):
        i = p0 + 1 if cur is not None else p0
        while (i := _next_mark(text, i, p1, cur)) < p1:
            if cur is None:
                cur = _opening(text, i, p0)
            elif _closing(text, i, cur):
                pieces = (*cur.pieces, (cur.piece_start, i))
                if i + 1 - cur.start <= MAX_QUOTE_CHARS:
                    out.append(Quoted(cur.start, i + 1, pieces))
                cur = None
            i += 1
        if cur is None:
            continue
        nxt = paras[pi + 1] if pi + 1 < len(paras) else None
        if cur.double and nxt and text[nxt[0]] in DOUBLE_OPENERS:
            cur.pieces.append((cur.piece_start, p1))
            cur.piece_start = nxt[0] + 1
            continue
        if cur.double and (cur.start == p0 or cur.pieces):
            # a quotation whose closing mark is missing: it ends with the paragraph
            out.append(Quoted(cur.start, p1, (*cur.pieces, (cur.piece_start, p1)), False))
        cur = None
    return out


# -- words -----------------------------------------------------------------------------


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def is_name(text: str) -> bool:
    """A capitalised name ("Miracle on the Han River", "Sunshine Policy"), not speech."""
    fw = cues().name_function_words
    content = [w for w in words(text) if w.lower() not in fw]
    return bool(content) and all(w[:1].isupper() or w[:1].isdigit() for w in content)


def is_speech_fragment(text: str) -> bool:
    """Quoted words long enough, and not a name, to be someone's wording."""
    return len(words(text)) >= cues().min_fragment and not is_name(text)
