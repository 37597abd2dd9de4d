"""People without a country get one last, once every mention of the document is known.

A person the text describes by a role but not by a state ("Finance Minister Muhammad
Aurangzeb", "another passenger, Allah Ditta") is still the story's: CAMEO coders read
the sentence and the story. Order: an IGO in the role phrase ("the U.N. special envoy"
-> IGOUNO), the institution served, the one state the sentence names, the document's
focal country; a person the text does not describe at all, only the focal country. Rules and thresholds: actors.yaml `placement`.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from tiegraph import resources
from tiegraph.model import Actor
from tiegraph.resolve.actors.coreference import CoreferencePass
from tiegraph.resolve.actors.state import _context_data


@lru_cache(maxsize=1)
def placement_rules() -> tuple[frozenset[str], int, float, bool]:
    data = (resources.load_yaml("actors.yaml") or {}).get("placement") or {}
    return (
        frozenset(str(s) for s in data.get("sectors") or []),
        int(data.get("focal_min_mentions", 3)),
        float(data.get("focal_ratio", 1.5)),
        bool(data.get("undescribed", False)),
    )


class PlacementPass(CoreferencePass):
    """Country (or IGO code) for people the earlier passes left without one."""

    def placement_pass(self) -> None:
        sectors, _, _, undescribed = placement_rules()
        posted = _context_data()["posted_roles"]
        focal: list[str | None] = []  # computed once, on first need
        for a in list(self.index.actors.values()):
            if a.kind != "person" or a.country:
                continue
            igo = self.person_igos.get(a.actor_id) or self._affiliated_igo(a)
            if igo:
                a.code = igo
                continue
            bare = a.sector is None and not a.role
            if not (a.sector in sectors or (bare and undescribed)):
                continue
            if posted & set((a.role or "").lower().replace(",", " ").split()):
                continue  # "a correspondent in Beijing": where one is posted is no nationality
            country = None if bare else self._mention_sentence_country(a)
            if country is None:
                if not focal:
                    focal.append(self.focal_country())
                country = focal[0]
            if country:
                a.country = country
                a.code = country + (a.sector or "")

    def _affiliated_igo(self, a: Actor) -> str | None:
        inst = self.index.actors.get(self.affiliations.get(a.actor_id, ""))
        if inst is not None and inst.kind == "igo" and inst.code:
            return inst.code
        return None

    def _mention_sentence_country(self, a: Actor) -> str | None:
        """The one state named in the sentence of the person's first mention."""
        first = next((m for m in self.index.mentions if m.actor_id == a.actor_id), None)
        if first is None:
            return None
        span = self.doc.char_span(first.span.start, first.span.end, alignment_mode="expand")
        if span is None:
            return None
        found: set[str] = set()
        for t in span.sent:
            other = self.index.actor_of_token(t)
            if other is not None and other.kind == "state" and other.country:
                found.add(other.country)
            elif self.places.get(t.i):
                found.add(self.places[t.i])
        return found.pop() if len(found) == 1 else None

    def focal_country(self) -> str | None:
        """The state the document names most often, when it clearly leads; between two
        close leaders, the one the story names first (a lead names its subject)."""
        _, least, ratio, _ = placement_rules()
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        for m in self.index.mentions:
            a = self.index.actors.get(m.actor_id)
            if a is not None and a.kind == "state" and a.country:
                counts[a.country] += 1
                first[a.country] = min(first.get(a.country, m.span.start), m.span.start)
        last = -2
        for i in sorted(self.places):
            c = self.places[i]
            if c and i != last + 1:  # one count per place name, not per token
                counts[c] += 1
                first[c] = min(first.get(c, self.doc[i].idx), self.doc[i].idx)
            last = i
        ranked = counts.most_common(2)
        if not ranked or ranked[0][1] < least:
            return None
        if len(ranked) > 1 and ranked[0][1] < ratio * ranked[1][1]:
            if ranked[1][1] < least:
                return None
            return min((c for c, _ in ranked), key=lambda c: first[c])
        return ranked[0][0]
