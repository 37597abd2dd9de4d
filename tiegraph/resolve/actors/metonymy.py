"""Capitals that act ("Seoul said") and plural pronouns naming states."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from tiegraph import resources
from tiegraph.model import Actor
from tiegraph.resolve.actors.context import ContextPass
from tiegraph.resolve.actors.state import (
    _metonymy,
)
from tiegraph.resolve.coref import (
    plural_antecedent,
)


@lru_cache(maxsize=1)
def _place_nouns() -> frozenset[str]:
    data = (resources.load_yaml("actors.yaml") or {}).get("metonymy") or {}
    return frozenset(str(w).lower() for w in data.get("place_nouns") or [])


class MetonymyPass(ContextPass):
    """Whether a capital acts for its state, and what "they" names."""

    def _capital_acts(self, sp: SpacySpan) -> bool:
        """A capital denotes its government when it acts, not when it is a place."""
        place_preps, motion, _ = _metonymy()
        root = sp.root
        if root.dep_ == "compound" or (root.dep_ == "conj" and root.head.dep_ == "compound"):
            return False  # "Seoul Mayor", "Grand Hyatt Seoul"
        node = root
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        if node.dep_ == "pobj":
            prep = node.head
            if prep.lower_ in place_preps:
                return False
            if prep.lower_ in {"to", "from"} and (
                prep.head.lower_ in motion or prep.head.lemma_.lower() in motion
            ):
                return False
        if node.dep_ in {"npadvmod"}:
            return False
        if node.dep_ == "poss" and node.head.lemma_.lower() in _place_nouns():
            return False  # "Kabul's Dasht-e-Barchi neighbourhood" is a place
        if sp.end < len(sp.doc) and sp.doc[sp.end].text == "-":
            return False
        return True

    def _plural_pronoun(self, tok: Token) -> None:
        """ "they"/"their" -> every actor of the nearest plural subject before it, when
        that subject names actors at all ("the talks ... they" stays unresolved)."""
        ante = plural_antecedent(self.doc, tok)
        if ante is None:
            return
        kinds = {"state", "group", "organisation", "igo", "person"}
        heads = [ante, *ante.conjuncts]
        if any(not self.index.actors_of_token(h) for h in heads):
            return  # "Why are Israel and Iran enemies?": the subject itself is no actor
        acts: list[Actor] = []
        for a in (a for h in heads for a in self.index.actors_of_token(h)):
            if a.kind in kinds and a not in acts:
                acts.append(a)
        for n, a in enumerate(acts):
            self.mention(a, tok.i, tok.i + 1, "coref", extra=n > 0)
