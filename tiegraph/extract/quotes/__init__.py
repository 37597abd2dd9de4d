"""Direct, indirect and mixed quotations with their speakers.

A quoted string is a quotation only when the structure attributes it to a
speaker: a reporting verb with a speaker subject (data/cues.yaml), "according
to" a speaker, a speech noun owned by a speaker ("his description of ... as
'X'"), a naming verb with a person subject ("what he called a 'X'"), or the
continuation of the previous speaker's turn. Anything else in quotation marks
is a name or a scare quote and is not reported. Kinds:

- direct: the quotation marks enclose the whole reported content;
- mixed: the speaker's own wording quoted inside reported speech (a fragment of
  at least `min_fragment_words` words which is not a capitalised name, or a
  predicate of `min_predicate_words`: 'called it "deeply regrettable"'); its
  text is the fragment;
- indirect: reported speech; its text keeps any quoted fragment, which is also
  reported as a mixed quote of its own.

The rules, with examples, are in docs/quotes.md. Paragraphs (lines of the
clean text) are hard boundaries for attribution: a cue never reaches into
another paragraph, except that a quotation may run over several paragraphs
(an opening mark at the start of each, the closing mark only on the last); such a
quotation is one direct quote per paragraph, all attributed to its speaker.
"""

from __future__ import annotations

from tiegraph.extract.quotes.finder import extract_quotes
from tiegraph.extract.quotes.lexicon import Cues, cues
from tiegraph.extract.quotes.marks import (
    Quoted,
    find_quoted,
    is_name,
    is_speech_fragment,
    paragraphs,
    words,
)

VERSION = "quotes-0.5"

__all__ = [
    "VERSION",
    "Cues",
    "Quoted",
    "cues",
    "extract_quotes",
    "find_quoted",
    "is_name",
    "is_speech_fragment",
    "paragraphs",
    "words",
]
