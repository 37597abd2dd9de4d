"""People without a country get one last, once every mention of the document is known.

A person the text describes by a role but not by a state ("Finance Minister Muhammad
Aurangzeb", "another passenger, Allah Ditta") is still the story's: CAMEO coders read
the sentence and the story. Order: an IGO in the role phrase ("the U.N. special envoy"
-> IGOUNO), the institution served, the one state the sentence names, the document's
focal country; a person the text does not describe at all, only the focal country; a person
whose role names no sector ("a descendant of the last emperors of Kaabu", "a mother of
three") is a private person of the story, placed like the roles of `sectors` (country
only). Rules and thresholds: actors.yaml `placement`.
"""

from __future__ import annotations

from spacy.tokens import Token

from tiegraph.model import Actor
from tiegraph.resolve.actors.context import _placement_data, placement_rules
from tiegraph.resolve.actors.coreference import CoreferencePass
from tiegraph.resolve.actors.state import AFFILIATION_PREPS, _context_data


class PlacementPass(CoreferencePass):
    """Country (or IGO code) for people the earlier passes left without one."""

    def placement_pass(self) -> None:
        sectors, _, _, undescribed = placement_rules()
        posted = _context_data()["posted_roles"]
        private = bool(_placement_data().get("private_roles"))
        focal: list[str | None] = []  # computed once, on first need
        heads: dict[str, list[Token]] | None = None  # likewise
        for a in list(self.index.actors.values()):
            if a.kind != "person" or a.country:
                continue
            igo = self.person_igos.get(a.actor_id) or self._affiliated_igo(a)
            if igo:  # sector IGO, as people.yaml codes IGO officials
                a.code, a.sector = igo, "IGO"
                continue
            if heads is None:
                heads = self._mention_heads()
            mine = heads.get(a.actor_id, [])
            outlet = self._outlet_country(mine) or self._appositive_org_country(mine)
            if outlet:  # "analyst C. Raja Mohan wrote in the Indian Express newspaper"
                a.country, a.code = outlet, outlet + (a.sector or "")
                continue
            bare = a.sector is None and not a.role
            unsectored = private and a.sector is None and bool(a.role)
            if not (a.sector in sectors or (bare and undescribed) or unsectored):
                continue
            if posted & set((a.role or "").lower().replace(",", " ").split()):
                continue  # "a correspondent in Beijing": where one is posted is no nationality
            country = self._place_after_name(a) or self._place_in_relative(mine)
            named = self._mention_sentence_states(a)
            # a private person's sentence state is often the one acting on them ("barred
            # from travel to the United States"), not their own: the focal country only
            if country is None and not bare and not unsectored and len(named) == 1:
                country = next(iter(named))
            if country is None:
                if not focal:
                    focal.append(self.focal_country())
                # a person listed among several other states' people is not the story's
                if len(named) < 2 or focal[0] in named:
                    country = focal[0]
            if country:
                a.country = country
                a.code = country + (a.sector or "")

    def _affiliated_igo(self, a: Actor) -> str | None:
        inst = self.index.actors.get(self.affiliations.get(a.actor_id, ""))
        if inst is not None and inst.kind == "igo" and inst.code:
            return inst.code
        return None

    def _place_after_name(self, a: Actor) -> str | None:
        """ "publisher Jimmy Lai in Hong Kong", "Maria Ressa from the Philippines": a place
        right after the person's name (`context.origin_preps`, `location_preps`)."""
        ctx = _context_data()
        preps = set(ctx["origin_preps"]) | set(ctx["location_preps"])
        for m in self.index.mentions:
            if m.actor_id != a.actor_id:
                continue
            span = self.doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
            if span is None or span.end + 1 >= len(self.doc):
                continue
            prep = self.doc[span.end]
            if prep.lower_ not in preps:
                continue
            k = span.end + 1
            if self.doc[k].lower_ == "the" and k + 1 < len(self.doc):
                k += 1
            country = self._token_country(self.doc[k])
            if country:
                return country
        return None

    def _mention_heads(self) -> dict[str, list[Token]]:
        """The head token of each mention, by actor: read once per placement pass (three
        rules read a person's mentions)."""
        out: dict[str, list[Token]] = {}
        for m in self.index.mentions:
            span = self.doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
            if span is not None and len(span):
                out.setdefault(m.actor_id, []).append(span.root)
        return out

    def _outlet_country(self, mentions: list[Token]) -> str | None:
        """ "X wrote in the Indian Express newspaper": one who writes in (or for) a news
        outlet of a known country (`context.outlet_verbs`) is placed there."""
        verbs, preps = _context_data()["outlet_verbs"], _context_data()["outlet_preps"]
        for tok in mentions:
            if tok.dep_ != "nsubj" or tok.head.lemma_.lower() not in verbs:
                continue
            for prep in tok.head.children:
                if prep.dep_ != "prep" or prep.lower_ not in preps:
                    continue
                for t in prep.subtree:
                    org = self.index.actor_of_token(t)
                    if org is not None and org.kind == "organisation" and org.sector == "MED":
                        return org.country
        return None

    def _appositive_org_country(self, mentions: list[Token]) -> str | None:
        """ "Lai, a businessman and founder of the now-shuttered Apple Daily newspaper in
        Hong Kong": an organisation of known country that a role in an appositive of any of
        the person's mentions serves ("of", "at", "for", "with")."""
        for tok in mentions:
            for app in tok.children:
                if app.dep_ != "appos":
                    continue
                heads = {app.i, *(c.i for c in app.conjuncts)}
                for prep in app.subtree:
                    if prep.dep_ != "prep" or prep.head.i not in heads:
                        continue
                    if prep.lower_ not in AFFILIATION_PREPS - {"from"}:
                        continue
                    for t in prep.subtree:
                        org = self.index.actor_of_token(t)
                        if org is not None and org.kind == "organisation" and org.country:
                            return org.country
        return None

    def _place_in_relative(self, mentions: list[Token]) -> str | None:
        """ "Mark Simon, who worked with Lai for decades in Hong Kong": a relative clause
        saying where the person lives or works (`context.residence_verbs`) places them."""
        verbs = _context_data()["residence_verbs"]
        preps = _context_data()["location_preps"]
        for tok in mentions:
            for clause in tok.children:
                if clause.dep_ != "relcl" or clause.lemma_.lower() not in verbs:
                    continue
                for prep in clause.subtree:
                    if prep.dep_ != "prep" or prep.lower_ not in preps:
                        continue
                    up = prep.head  # "worked ... for decades in Hong Kong": via "for decades"
                    while up.i != clause.i and up.dep_ in {"pobj", "prep"}:
                        up = up.head
                    if up.i != clause.i:
                        continue
                    for pobj in prep.children:
                        c = self._place_country(pobj)
                        if c:
                            return c
        return None

    def _mention_sentence_states(self, a: Actor) -> set[str]:
        """The states named in the sentence of the person's first mention."""
        first = next((m for m in self.index.mentions if m.actor_id == a.actor_id), None)
        if first is None:
            return set()
        span = self.doc.char_span(first.span.start, first.span.end, alignment_mode="expand")
        if span is None:
            return set()
        found: set[str] = set()
        for t in span.sent:
            other = self.index.actor_of_token(t)
            if other is not None and other.kind == "state" and other.country:
                found.add(other.country)
            elif self.places.get(t.i):
                found.add(self.places[t.i])
        return found
