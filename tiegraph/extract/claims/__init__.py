"""Numeric and ranked claims: subject, measure, value, unit, qualifier, as-of date.

A claim is a figure the text states about a state, a pair of states or no one ("Nearly
28,500 U.S. troops are stationed in South Korea", "Trade between the two countries
reached $697 million in 2004", "50% of Syria's population"). The package follows the
seams of the work: `vocab` (data/measures.yaml: the measure taxonomy and its rules),
`numbers` (number forms in text), `parse` and `states` (helpers), `figure` (what a
figure counts and which measure it is), `subjects` (whose and where), `as_of` (as of
when) and `extraction` (every figure of a document); docs/claims.md.
"""

from __future__ import annotations

from tiegraph.extract.claims.extraction import extract_claims
from tiegraph.extract.claims.numbers import NumValue, find_values, word_number
from tiegraph.extract.claims.vocab import Measure, Vocab, measure_covers, vocab

VERSION = "claims-0.5"

__all__ = [
    "VERSION",
    "Measure",
    "NumValue",
    "Vocab",
    "extract_claims",
    "find_values",
    "measure_covers",
    "vocab",
    "word_number",
]
