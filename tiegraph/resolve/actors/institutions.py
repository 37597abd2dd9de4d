"""Institutions get their country ("South Korea's Joint Chiefs of Staff"), from the phrase or the document."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan

from tiegraph.model import Actor, Mention
from tiegraph.resolve.actors.dictionary import DictionaryPass
from tiegraph.resolve.actors.index import _span
from tiegraph.resolve.actors.spans import (
    _trim_group_start,
)
from tiegraph.resolve.actors.state import (
    STATE_DEPS,
    _context_data,
    _metonymy,
)
from tiegraph.resolve.gazetteer import (
    Entry,
)
from tiegraph.resolve.roles import (
    role_sector,
)


class InstitutionPass(DictionaryPass):
    """Institutions get their country (pass 3 and after coreference)."""

    def institution_pass(self) -> None:
        """Institutions every state has take their country from the text."""
        for sp, e in self.institutions:
            country = (
                self._modifier_state(sp)
                or self._seat_in(sp)
                or e.country
                or self._earlier_institution(e)
            )
            self._add_institution(sp, e, country)

    def _seat_in(self, sp: SpacySpan) -> str | None:
        """ "the presidential office in Seoul", "the Foreign Ministry in Tokyo": the place
        named right after an institution is its seat."""
        doc = self.doc
        j = sp.end
        if j + 1 < len(doc) and doc[j].lower_ in {"in", "at"}:
            return self._place_country(doc[j + 1])
        return None

    def _add_institution(self, sp: SpacySpan, e: Entry, country: str | None) -> Actor:
        key = f"N:{country or '?'}:{e.name}:{'' if country else sp.start}"
        a = self.actor(
            key,
            name=e.name,
            kind="organisation",
            country=country,
            sector=e.sector,
            code=((country or "") + (e.sector or "")) or None,
        )
        self.mention(a, sp.start, sp.end, "name")
        self.institution_ids.add(a.actor_id)
        return a

    def _modifier_state(self, sp: SpacySpan) -> str | None:
        """ "South Korea's Joint Chiefs of Staff", "the South Korean Foreign Ministry"."""
        doc = self.doc
        for tok in sp:
            for c in tok.children:
                if c.dep_ in STATE_DEPS and not (sp.start <= c.i < sp.end):
                    for t in c.subtree:
                        a = self.index.actor_of_token(t)
                        if a is not None and a.kind == "state":
                            return a.country
                        if t.i in self.places and self.places[t.i]:
                            return self.places[t.i]
        k = sp.start - 1
        while k >= 0 and doc[k].text in {"’s", "'s", "the"}:
            k -= 1
        if k >= 0:
            a = self.index.actor_of_token(doc[k])
            if a is not None and a.kind == "state":
                return a.country
            for e in self.gaz.lookup(doc[k].text):
                if e.kind == "state":
                    return e.country
        return None

    def _earlier_institution_named(self, a: Actor) -> str | None:
        """The country of the same institution resolved earlier in the text."""
        for b in self.index.actors.values():
            if b is a:
                return None
            if b.actor_id in self.institution_ids and b.name == a.name and b.country:
                return b.country
        return None

    def _earlier_institution(self, e: Entry) -> str | None:
        for a in self.index.actors.values():
            if a.kind == "organisation" and a.name == e.name and a.country:
                return a.country
        return None

    def institution_context_pass(self) -> None:
        """Institutions still without a country take one from their context: a place that
        frames their sentence ("In New Delhi, a foreign ministry spokesman ..."), the
        nearest actor of their sentence or of the one before, else the dateline's."""
        dateline = self._dateline_country()
        for a in list(self.index.actors.values()):
            if a.actor_id not in self.institution_ids or a.country:
                continue
            spans = [m.span for m in self.index.mentions if m.actor_id == a.actor_id]
            if not spans:
                continue
            first = self.doc.char_span(spans[0].start, spans[0].end)
            if first is None:
                continue
            country = self._frame_country(first.sent) or self._earlier_institution_named(a)
            if first.root.dep_ != "compound":  # "a retired Army officer": no actor of its own
                country = (
                    country
                    or self._sentence_country(spans[0].start)
                    or dateline
                    or self._previous_sentence_country(first.sent)
                )
            elif any(t.lower_ in _context_data()["office_words"] for t in first):
                country = country or dateline  # "a Foreign Ministry spokesman" under "TOKYO --"
            if country:
                self._set_institution_country(a, country)
        for pid, inst_id in self.affiliations.items():
            p, inst = self.index.actors.get(pid), self.index.actors.get(inst_id)
            if p is not None and inst is not None and not p.country and inst.country:
                p.country = inst.country
                p.code = inst.country + (p.sector or "")

    def _set_institution_country(self, a: Actor, country: str) -> None:
        """Give an institution its country, merging it into the same institution of that
        country when the document already has one."""
        same = next(
            (
                b
                for b in self.index.actors.values()
                if b.actor_id != a.actor_id
                and b.actor_id in self.institution_ids
                and b.name == a.name
                and b.country == country
            ),
            None,
        )
        if same is None:
            a.country = country
            a.code = country + (a.sector or "")
            return
        for m in self.index.mentions:
            if m.actor_id == a.actor_id:
                m.actor_id = same.actor_id
        for i, aid in list(self.index.token_actor.items()):
            if aid == a.actor_id:
                self.index.token_actor[i] = same.actor_id
                self.index.token_actors[i] = [same.actor_id]
        for pid, inst in list(self.affiliations.items()):
            if inst == a.actor_id:
                self.affiliations[pid] = same.actor_id
        del self.index.actors[a.actor_id]

    def leader_government_pass(self) -> None:
        """ "the Lee government", "Trump's administration": a government noun modified by
        a person stands for that person's government."""
        doc, tt = self.doc, self.tt
        _, _, gov_nouns = _metonymy()
        for i, tok in enumerate(tt.toks):
            if i in self.index.token_actor or tt.pos[i] != "NOUN":
                continue
            if tt.lower[i] not in gov_nouns and tok.lemma_ not in gov_nouns:
                continue
            for m in tok.children:
                a = self.index.actor_of_token(m) if m.dep_ in STATE_DEPS else None
                if a is None or a.kind != "person" or not a.country:
                    continue
                sector = role_sector([tok.lemma_]) or "GOV"
                start = _trim_group_start(doc, m.left_edge.i, tok.i)
                name = doc[start : tok.i + 1].text
                g = self.group_actor(a.country, sector, name)
                self.index.mentions.append(
                    Mention(g.actor_id, _span(doc, start, tok.i + 1), "name")
                )
                self.index.token_actor[tok.i] = g.actor_id
                self.index.mention_vias[tok.i] = "name"
                self.index.token_actors[tok.i] = [g.actor_id]
                break
