"""The dictionary pass: states, capitals, IGOs, organisations, places and dictionary people."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from spacy.tokens import Span as SpacySpan

from tiegraph import resources
from tiegraph.resolve.actors.organisations import OrganisationPass
from tiegraph.resolve.actors.spans import (
    _company_unit_end,
    _drop_shadowed_shorts,
    _is_person_modifier,
    _longest_first,
    _name_like,
    _strictly_inside,
)
from tiegraph.resolve.gazetteer import (
    Entry,
)


class DictionaryPass(OrganisationPass):
    """Dictionary names (pass 1): runs first, so every later pass sees them."""

    def capital_aliases(self) -> None:
        """A state's aliases list its capital when the document names it, even only as a
        place ("talks in Beijing"): the forms by which the state may be meant here."""
        states = {a.country: a for a in self.index.actors.values() if a.kind == "state"}
        for country, text in self.capital_places:
            a = states.get(country)
            if a is not None and text not in a.aliases and text != a.name:
                a.aliases.append(text)

    def short_form_aliases(self) -> None:
        """A person's aliases list the short forms coreference accepts for them ("Kang")."""
        for pm in self.coref.people:
            if pm.full:
                for part in sorted(self.coref.parts(pm.actor)):
                    if part != pm.actor.name and part not in pm.actor.aliases:
                        pm.actor.aliases.append(part)

    def dictionary_pass(self) -> None:
        doc = self.doc
        matches = self._gaz_matches()
        spans = _longest_first(_drop_shadowed_shorts(matches, self.gaz))
        phx = self._phoenix_spans(spans)
        inside = {i for sp, _ in phx for i in range(sp.start, sp.end)}
        spans = [sp for sp in spans if not any(i in inside for i in range(sp.start, sp.end))]
        org_spans = self._unknown_org_spans(spans + [sp for sp, e in phx if e.kind != "place"])
        person_ents = [(e.start, e.end) for e in doc.ents if e.label_ == "PERSON" and len(e) > 1]
        shorts: list[tuple[SpacySpan, Entry]] = []
        covered = {i for sp in spans for i in range(sp.start, sp.end)}
        sections = self._national_sections(spans, [(sp, e) for sp, e in phx])
        skip = {st.start for st, _ in sections.values()}
        for sp in spans:
            entries = self.gaz.lookup(sp.label_)
            if not entries or sp.start in skip:
                continue
            if sp.start in sections:  # "the American Red Cross": the national society
                self._national_section(sp, *sections[sp.start])
                continue
            e = self._reading(entries, spans, sp)
            self.claimed.update(range(sp.start, sp.end))
            if e.kind == "organisation" and e.sector == "BUS" and sp.start not in self.headline:
                end = _company_unit_end(doc, sp.end, covered)
                if end > sp.end:  # "LG Energy Solution", "Lotte Mart": a unit of the company
                    self.claimed.update(range(sp.end, end))
                    self.mention(self._unit_actor(e, doc[sp.start : end]), sp.start, end, "name")
                    continue
            if e.kind == "none":
                continue
            if e.via == "collective":  # "the two Koreas": each state, on the same words
                self.collective_mentions(sp)
                continue
            if e.kind == "place":
                for i in range(sp.start, sp.end):
                    self.places[i] = e.country or ""
                continue
            if e.kind == "person":
                info = self.gaz.people.get(e.name)
                if info is not None:
                    self.dict_people.append((sp.start, sp.end, info))
                self.claimed.difference_update(range(sp.start, sp.end))
                continue
            if e.kind == "institution":
                self.institutions.append((sp, e))
                continue
            if e.kind == "state" and _strictly_inside(sp, org_spans):
                continue  # "Korea" in "the Korea Development Institute"
            if e.kind == "state" and e.via == "name" and _strictly_inside(sp, person_ents):
                self.claimed.difference_update(range(sp.start, sp.end))
                continue  # "Jordan" in "Jordan Pike"
            if e.via == "metonym" and not self._capital_acts(sp):
                for i in range(sp.start, sp.end):
                    self.places[i] = e.country or ""
                self.capital_places.append((e.country or "", sp.text))
                continue
            if e.via == "short":
                shorts.append((sp, e))
                continue
            if e.via == "alias" and sp.text == "US" and sp.root.pos_ == "PRON":
                continue
            if e.via == "demonym" and _is_person_modifier(sp):
                # "South Korean Prime Minister Kim" -> the person's country, not a state mention
                continue
            self.mention(self.entry_actor(e), sp.start, sp.end, e.via)
        named = {a.country for a in self.index.actors.values() if a.kind == "state"}
        for sp, e in shorts:
            licensing = [e.country, *self.gaz.short_with.get(e.country or "", [])]
            if any(c in named for c in licensing):
                self.mention(self.entry_actor(e), sp.start, sp.end, "alias")
        for sp, e in phx:
            if sp.start in sections:
                self._national_section(sp, *sections[sp.start])
                continue
            self.claimed.update(range(sp.start, sp.end))
            if e.kind == "none":
                continue
            if e.kind == "place":
                for i in range(sp.start, sp.end):
                    self.places[i] = e.country or ""
                continue
            if e.kind == "person":
                info = self.gaz.phoenix_person(sp.text)
                if info is not None:
                    self.dict_people.append((sp.start, sp.end, info))
                self.claimed.difference_update(range(sp.start, sp.end))
                continue
            self.mention(self.entry_actor(e), sp.start, sp.end, "name")

    def _phoenix_spans(self, spans: list[SpacySpan]) -> list[tuple[SpacySpan, Entry]]:
        """Names only the Phoenix dictionaries know, where the text writes them as names
        (capitalised; one word only as a proper noun or an acronym). A project name wins
        unless the Phoenix name strictly contains it ("Baloch" in "Baloch Liberation
        Army"). Dated codes resolve by the article's date."""
        if self.gaz.phoenix_matcher is None:
            return []
        out: list[tuple[SpacySpan, Entry]] = []
        taken: set[int] = set()
        for sp in _longest_first(self.gaz.phoenix_matcher(self.doc, as_spans=True)):
            if any(i in taken for i in range(sp.start, sp.end)) or not _name_like(sp):
                continue
            if any(
                p.start < sp.end
                and sp.start < p.end
                and not (sp.start <= p.start and p.end <= sp.end and len(p) < len(sp))
                for p in spans
            ):
                continue
            e = self.gaz.phoenix_entry(sp.text, self.anchor)
            if e is not None:
                taken.update(range(sp.start, sp.end))
                out.append((sp, e))
        return out

    def collective_mentions(self, sp: SpacySpan) -> None:
        """ "the two Koreas", "both Koreas": a mention of every state the name covers."""
        table = resources.countries()
        for n, code in enumerate(self.gaz.collectives.get(sp.label_, ())):
            name = table[code].name if code in table else code
            e = Entry(f"C:{code}", "name", "state", name, code, None, code)
            self.mention(self.entry_actor(e), sp.start, sp.end, "name", extra=n > 0, alias=False)

    def _reading(self, entries: list[Entry], spans: list[SpacySpan], sp: SpacySpan) -> Entry:
        """A name that is both a state and a place elsewhere ("Georgia") is the place unless
        the document names that state's capital or people, or never names the place's
        country. An acronym several organisations share ("PRD", "PPP") is the one whose
        country the context names."""
        e = entries[0]
        orgs = [x for x in entries if x.kind == "organisation" and x.country]
        if len({x.country for x in orgs}) > 1:
            return self._org_by_context(orgs, spans, sp)
        place = next((x for x in entries if x.kind == "place" and x.country != e.country), None)
        if e.kind != "state" or place is None:
            return e
        seen = [x for sp in spans for x in self.gaz.lookup(sp.label_)[:1]]
        if any(x.country == e.country and x.via in {"metonym", "demonym"} for x in seen):
            return e
        if any(x.kind == "state" and x.country == place.country for x in seen):
            return place
        return e

    def _org_by_context(self, orgs: list[Entry], spans: list[SpacySpan], sp: SpacySpan) -> Entry:
        """The reading whose state is named just before the name ("the Mexican PRD",
        "Pakistan's PPP"), else in its sentence (nearest first), else most often in the
        document; the first reading when the context names none of them."""
        by_country = {x.country: x for x in reversed(orgs)}
        named: list[tuple[int, int, str]] = []  # (tier, distance, country)
        for other in spans:
            first = next(iter(self.gaz.lookup(other.label_)), None)
            if first is None or first.kind not in {"state", "place"}:
                continue
            if first.country not in by_country:
                continue
            gap = sp.start - other.end
            if 0 <= gap <= 2:
                tier = 0  # "Mexican PRD", "Pakistan's PPP", "Mexico's ruling PRI"
            elif other.sent.start == sp.sent.start:
                tier = 1
            else:
                tier = 2
            named.append((tier, abs(gap), first.country or ""))
        if not named:
            return orgs[0]
        best_tier = min(t for t, _, _ in named)
        if best_tier < 2:
            return by_country[min(x for x in named if x[0] == best_tier)[2]]
        counts = Counter(c for _, _, c in named)
        return by_country[counts.most_common(1)[0][0]]

    def _national_section(self, sp: SpacySpan, st: SpacySpan, country: str) -> None:
        self.claimed.update(range(st.start, sp.end))
        name = self.doc[st.start : sp.end].text
        a = self.actor(
            f"O:{name}", name=name, kind="organisation", country=country,
            sector="NGO", code=country + "NGO",
        )  # fmt: skip
        self.mention(a, st.start, sp.end, "name")

    def _national_sections(
        self, spans: list[SpacySpan], phx: list[tuple[SpacySpan, Entry]]
    ) -> dict[int, tuple[SpacySpan, str]]:
        """International NGOs named right after a state or demonym ("Pakistan Red
        Crescent"): NGO span start -> (the state's span, its country)."""
        codes = set(_national_section_codes())
        if not codes:
            return {}
        by_end = {sp.end: sp for sp in spans}
        out: dict[int, tuple[SpacySpan, str]] = {}
        named = [(sp, next(iter(self.gaz.lookup(sp.label_)), None)) for sp in spans]
        for sp, e in [*named, *phx]:
            if e is None or e.kind != "organisation" or e.country or e.code not in codes:
                continue
            st = by_end.get(sp.start)
            s = next(iter(self.gaz.lookup(st.label_)), None) if st is not None else None
            if st is not None and s is not None and s.kind == "state" and s.country:
                out[sp.start] = (st, s.country)
        return out


@lru_cache(maxsize=1)
def _national_section_codes() -> frozenset[str]:
    data = resources.load_yaml("actors.yaml") or {}
    return frozenset(str(c) for c in data.get("national_sections") or [])
