"""Caps that keep the work per document linear whatever the input's shape.

The parser and the extractors walk sentences and tokens: one 50,000-word "sentence" (a
list without full stops, a scraped table) makes every per-sentence step quadratic, and
a 300,000-character "word" (base64, a run of one letter) is no text to extract from.
`bound_text` breaks over-long sentences with a paragraph break (the pipeline starts a
sentence after a blank line) and removes over-long tokens, both in one pass over the
words, and says what it did so the record carries a note. Normal text is returned
unchanged: news sentences are far below the caps.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

# A run of this many words without a sentence end or a line break is split.
MAX_SENTENCE_WORDS = 250
# A whitespace-free token longer than this is removed (no word or URL is this long).
MAX_TOKEN_CHARS = 1000

_WORD = re.compile(r"\S+")
_CLOSERS = "\"'”’»)]*"
_SENTENCE_END = ".!?…。！？"


@dataclass
class Bounded:
    text: str
    split_sentences: int  # over-long sentences broken up
    removed_tokens: int  # over-long tokens removed

    def note(self) -> str | None:
        """The record's note on what was changed, or None when the text is untouched."""
        parts = []
        if self.split_sentences:
            parts.append(
                f"{self.split_sentences:,} sentence(s) longer than {MAX_SENTENCE_WORDS:,} words "
                f"split every {MAX_SENTENCE_WORDS:,} words"
            )
        if self.removed_tokens:
            parts.append(
                f"{self.removed_tokens:,} token(s) longer than {MAX_TOKEN_CHARS:,} characters "
                "removed"
            )
        return "; ".join(parts) if parts else None


def _ends_sentence(word: str) -> bool:
    stripped = word.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _SENTENCE_END


def bound_text(
    text: str, max_words: int = MAX_SENTENCE_WORDS, max_token: int = MAX_TOKEN_CHARS
) -> Bounded:
    """`text` with runs of more than `max_words` words between sentence ends (or line
    breaks) split by a blank line, and tokens over `max_token` characters removed.

    A run only grows within a line, so text whose lines all have at most `max_words`
    words and whose words are all at most `max_token` long is returned untouched
    without the word-by-word pass (the common case: news text).
    """
    if all(
        len(words) <= max_words and max(map(len, words), default=0) <= max_token
        for words in map(str.split, text.split("\n"))
    ):
        return Bounded(text, 0, 0)
    out: list[str] = []
    pos = run = split = removed = 0
    long_run = False
    for m in _WORD.finditer(text):
        gap = text[pos : m.start()]
        if "\n" in gap:
            run, long_run = 0, False
        if m.end() - m.start() > max_token:
            out.append(gap)
            removed += 1
            pos = m.end()
            continue
        if run >= max_words:
            out.append("\n\n")
            split += 0 if long_run else 1
            run, long_run = 0, True
        else:
            out.append(gap)
        out.append(m.group())
        pos = m.end()
        run += 1
        if _ends_sentence(m.group()):
            run, long_run = 0, False
    if not split and not removed:
        return Bounded(text, 0, 0)
    out.append(text[pos:])
    return Bounded("".join(out), split, removed)


DEFAULT_DOC_TIME_BUDGET = 600.0


def doc_time_budget(environ: Mapping[str, str] | None = None) -> float:
    """Seconds one document may take in preparation and extraction: $TIEGRAPH_DOC_TIME_BUDGET.

    The default is generous (a normal article takes well under a second); the budget is
    a safety net for inputs no cap foresaw, so one file cannot stall a run for hours.
    """
    env = os.environ if environ is None else environ
    raw = env.get("TIEGRAPH_DOC_TIME_BUDGET")
    if raw is None or not raw.strip():
        return DEFAULT_DOC_TIME_BUDGET
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not value > 0 or value == float("inf"):
        raise ValueError(f"TIEGRAPH_DOC_TIME_BUDGET={raw!r}: must be a number of seconds above 0")
    return value
