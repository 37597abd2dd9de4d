"""Characterisations: evaluative phrases about a relationship or an actor's standing,
with the dyad, speaker and tone.

- rules.py: the rules object built from data/characterizations.yaml (the phrase
  lexicon compiled once, negators, relation words);
- dyads.py: the pair of countries a phrase is about;
- extract.py: matching, gating and one row per description.
"""

from tiegraph.extract.characterizations.dyads import compound_pairs
from tiegraph.extract.characterizations.extract import extract_characterizations
from tiegraph.extract.characterizations.rules import (
    Entry,
    Lexicon,
    lexicon,
    matches,
    negated,
    rules_from,
)
from tiegraph.versions import EXTRACTORS

VERSION = EXTRACTORS["characterizations"]

__all__ = [
    "VERSION",
    "Entry",
    "Lexicon",
    "compound_pairs",
    "extract_characterizations",
    "lexicon",
    "matches",
    "negated",
    "rules_from",
]
