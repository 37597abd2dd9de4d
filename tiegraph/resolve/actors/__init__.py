"""Per-document actor resolution: mentions -> coded actors (CAMEO country + sector).

One pass over a parsed spaCy Doc produces an `ActorIndex`: the actors, their
mentions, and a token -> actor map that the extractors use to find the source,
target or speaker under a syntactic head. Extractors never look names up
themselves, so improving resolution improves every table at once.

Passes, in order (each one only takes tokens no earlier pass claimed):
1. dictionary names (states, capitals as metonyms, IGOs, organisations,
   institutions, places, non-actors, multi-word person names);
2. organisations the dictionary does not know (NER ORG with an organisation head
   word: "the Halvorsen Center for Pacific Affairs" -> EDU);
3. institutions get their country ("South Korea's Joint Chiefs of Staff");
4. people (names.py), described by their title, appositive and affiliation;
5. groups: role nouns modified by states ("Hungarian and Romanian officials",
   "officials in Seoul", "Seoul metropolitan police");
6. coreference (coref.py): short forms and subject pronouns;
7. people known by one name who speak or have a role ("said Rahmat", coreference.py);
8. placement: people still without a country take an IGO in their role, a place right
   after their name, their sentence's one state or the document's focal country
   (placement.py).
"""

from __future__ import annotations

from spacy.tokens import Doc

from tiegraph.resolve.actors.index import ActorIndex
from tiegraph.resolve.actors.placement import PlacementPass
from tiegraph.resolve.gazetteer import gazetteer
from tiegraph.resolve.roles import role_table, sector_of

__all__ = ["ActorIndex", "resolve_actors", "role_table", "sector_of"]


class _Builder(PlacementPass):
    """Runs the passes in order over one document."""

    def run(self) -> ActorIndex:
        self.dictionary_pass()
        self.dateline_places()
        self.organisation_pass()
        self.institution_pass()
        self.person_pass()
        self.group_pass()
        self.compound_role_groups()
        self.relative_pass()
        self.coref_pass()
        self.organisation_short_forms()
        self.head_word_forms()
        self.acronym_forms()
        self.leader_government_pass()
        self.institution_context_pass()
        self.short_form_aliases()
        self.capital_aliases()
        self.mononym_pass()
        self.placement_pass()
        self.index.mentions.sort(key=lambda m: (m.span.start, m.span.end))
        self.index.token_place = {i: c for i, c in self.places.items() if c}
        return self.index


def resolve_actors(doc: Doc, nlp, anchor: str | None) -> ActorIndex:
    """Resolve every actor mention in a parsed document."""
    return _Builder(doc, gazetteer(nlp), anchor).run()
