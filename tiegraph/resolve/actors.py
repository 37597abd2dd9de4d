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
6. coreference (coref.py): short forms and subject pronouns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from tiegraph import resources
from tiegraph.model import Actor, Mention, Span, stable_id
from tiegraph.resolve import names as nm
from tiegraph.resolve.coref import (
    HONORIFIC_GENDER,
    CorefState,
    PersonMention,
    is_short_form_token,
    it_target,
    plural_antecedent,
    pronoun_target,
    short_form_target,
    time_words,
)
from tiegraph.resolve.gazetteer import (
    Entry,
    Gazetteer,
    PersonInfo,
    gazetteer,
    person_term,
    term_on,
)
from tiegraph.resolve.roles import (
    is_former,
    is_generic,
    org_head_sector,
    relation_kind,
    role_data,
    role_match,
    role_sector,
    role_table,
    sector_of,
    title_country,
)

__all__ = ["ActorIndex", "resolve_actors", "role_table", "sector_of"]

TITLE_STOP = {"the", "a", "an", ",", "and", "said", "says", "told"}
AFFILIATION_PREPS = {"of", "at", "for", "from", "with"}
STATE_DEPS = {"amod", "compound", "nmod", "poss"}
PRONOUN_FORMS = {"he", "she", "him", "her", "his", "it", "its", "they", "them", "their"}


@lru_cache(maxsize=1)
def _metonymy() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = (resources.load_yaml("actors.yaml") or {}).get("metonymy") or {}
    return (
        frozenset(data.get("place_preps") or []),
        frozenset(data.get("motion_words") or []),
        frozenset(data.get("government_nouns") or []),
    )


@lru_cache(maxsize=1)
def _context_data() -> dict[str, frozenset[str]]:
    data = (resources.load_yaml("actors.yaml") or {}).get("context") or {}
    return {k: frozenset(str(w).lower() for w in data.get(k) or []) for k in CONTEXT_KEYS}


CONTEXT_KEYS = (
    "office_words",
    "frame_preps",
    "organisation_nouns",
    "origin_preps",
    "location_preps",
    "posted_roles",
    "org_name_openers",
    "dateline_nouns",
    "service_verbs",
    "foreign_force_words",
    "one_per_state",
)


@lru_cache(maxsize=1)
def _it_verbs() -> frozenset[str]:
    data = (resources.load_yaml("actors.yaml") or {}).get("coreference") or {}
    return frozenset(str(v).lower() for v in data.get("it_verbs") or [])


@dataclass
class ActorIndex:
    actors: dict[str, Actor] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    token_actor: dict[int, str] = field(default_factory=dict)
    mention_vias: dict[int, str] = field(default_factory=dict)
    # every actor a token denotes: "officials" in "Hungarian and Romanian officials"
    token_actors: dict[int, list[str]] = field(default_factory=dict)
    # token -> country of a place that is no actor ("visited Busan", "a summit in Seoul")
    token_place: dict[int, str] = field(default_factory=dict)

    def actor_of_token(self, tok: Token) -> Actor | None:
        aid = self.token_actor.get(tok.i)
        return self.actors.get(aid) if aid else None

    def actors_of_token(self, tok: Token) -> list[Actor]:
        ids = self.token_actors.get(tok.i) or (
            [self.token_actor[tok.i]] if tok.i in self.token_actor else []
        )
        return [self.actors[i] for i in ids if i in self.actors]

    def actors_under(self, tok: Token) -> list[Actor]:
        """Actors denoted by the noun phrase headed by `tok`, including conjuncts."""
        out: list[Actor] = []
        for head in [tok, *tok.conjuncts]:
            acts = self.actors_of_token(head)
            if not acts:
                for child in head.children:
                    if child.dep_ in {"compound", "amod", "nmod"} and child.i in self.token_actor:
                        acts = self.actors_of_token(child)
                        break
            for a in acts:
                if a.kind != "none" and a not in out:
                    out.append(a)
        return out

    def place_country(self, tok: Token) -> str | None:
        """The country a token names as a state or a place, acting or not ("officials in
        Seoul", "a summit in Busan", "Seoul said"); None for other tokens."""
        a = self.actor_of_token(tok)
        if a is not None and a.kind == "state" and a.country:
            return a.country
        return self.token_place.get(tok.i) or None

    def persons(self) -> list[Actor]:
        return [a for a in self.actors.values() if a.kind == "person"]


def _span(doc: Doc, start: int, end: int) -> Span:
    sp = doc[start:end]
    return Span(sp.start_char, sp.end_char, sp.text)


@dataclass
class _Desc:
    """What the text says about a person: title, appositives, affiliation."""

    country: str | None = None
    sector: str | None = None
    role: str | None = None
    former: bool = False
    gender: str | None = None
    title: str | None = None  # the office word right before the name ("President")
    affiliation: str | None = None  # actor id of the institution served
    relatives: list[int] = field(default_factory=list)  # tokens of whom a relation names


class _Builder:
    def __init__(self, doc: Doc, gaz: Gazetteer, anchor: str | None):
        self.doc = doc
        self.gaz = gaz
        self.anchor = anchor
        self.index = ActorIndex()
        self.claimed: set[int] = set()
        self.places: dict[int, str] = {}  # token -> country of a place / capital-as-place
        self.described: set[int] = set()  # tokens of person titles and appositives
        self.dict_people: list[tuple[int, int, PersonInfo]] = []
        self.institutions: list[tuple[SpacySpan, Entry]] = []
        self.affiliations: dict[str, str] = {}  # person id -> institution actor id
        self.pending_relatives: list[tuple[Actor, list[int]]] = []  # "the son of X" (later)
        self.institution_ids: set[str] = set()
        self.coref = CorefState()
        self._org_spans: list[tuple[int, int]] = []
        self.capital_places: list[tuple[str, str]] = []  # capitals named as places
        self._org_sectors: dict[tuple[int, int], str | None] = {}  # from appositives
        self.headline = {
            t.i for s in doc.sents if nm.is_headline(s) for t in s
        }  # tokens of title-case lines

    # -- registry -----------------------------------------------------------
    def actor(self, key: str, **fields) -> Actor:
        aid = stable_id(key, n=12)
        a = self.index.actors.get(aid)
        if a is None:
            a = Actor(actor_id=aid, **fields)
            self.index.actors[aid] = a
        return a

    def group_actor(self, country: str, sector: str, name: str) -> Actor:
        """A group actor such as "South Korean officials" (KORGOV), one per name and code."""
        return self.actor(
            f"G:{country}{sector}:{name}",
            name=name,
            kind="group",
            country=country,
            sector=sector,
            code=country + sector,
        )

    def mention(
        self, a: Actor, start: int, end: int, via: str, extra: bool = False, alias: bool = True
    ) -> None:
        sp = _span(self.doc, start, end)
        self.index.mentions.append(Mention(a.actor_id, sp, via))
        for i in range(start, end):
            if extra and i in self.index.token_actor:
                self.index.token_actors.setdefault(i, [self.index.token_actor[i]])
                if a.actor_id not in self.index.token_actors[i]:
                    self.index.token_actors[i].append(a.actor_id)
                continue
            self.index.token_actor[i] = a.actor_id
            self.index.mention_vias[i] = via
            self.index.token_actors[i] = [a.actor_id]
        self.claimed.update(range(start, end))
        if (
            alias
            and sp.text != a.name
            and sp.text not in a.aliases
            and a.kind != "none"
            and sp.text.lower() not in PRONOUN_FORMS
        ):
            a.aliases.append(sp.text)

    # -- passes -------------------------------------------------------------
    def run(self) -> ActorIndex:
        self.dictionary_pass()
        self.organisation_pass()
        self.institution_pass()
        self.person_pass()
        self.group_pass()
        self.relative_pass()
        self.coref_pass()
        self.organisation_short_forms()
        self.leader_government_pass()
        self.institution_context_pass()
        self.short_form_aliases()
        self.capital_aliases()
        self.index.mentions.sort(key=lambda m: (m.span.start, m.span.end))
        self.index.token_place = {i: c for i, c in self.places.items() if c}
        return self.index

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
        matches = self.gaz.matcher(doc, as_spans=True)
        spans = _longest_first(_drop_shadowed_shorts(matches, self.gaz))
        phx = self._phoenix_spans(spans)
        inside = {i for sp, _ in phx for i in range(sp.start, sp.end)}
        spans = [sp for sp in spans if not any(i in inside for i in range(sp.start, sp.end))]
        org_spans = self._unknown_org_spans(spans + [sp for sp, e in phx if e.kind != "place"])
        person_ents = [(e.start, e.end) for e in doc.ents if e.label_ == "PERSON" and len(e) > 1]
        shorts: list[tuple[SpacySpan, Entry]] = []
        covered = {i for sp in spans for i in range(sp.start, sp.end)}
        for sp in spans:
            entries = self.gaz.lookup(sp.label_)
            if not entries:
                continue
            e = self._reading(entries, spans)
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

    def _reading(self, entries: list[Entry], spans: list[SpacySpan]) -> Entry:
        """A name that is both a state and a place elsewhere ("Georgia") is the place unless
        the document names that state's capital or people, or never names the place's
        country."""
        e = entries[0]
        place = next((x for x in entries if x.kind == "place" and x.country != e.country), None)
        if e.kind != "state" or place is None:
            return e
        seen = [x for sp in spans for x in self.gaz.lookup(sp.label_)[:1]]
        if any(x.country == e.country and x.via in {"metonym", "demonym"} for x in seen):
            return e
        if any(x.kind == "state" and x.country == place.country for x in seen):
            return place
        return e

    def _unit_actor(self, e: Entry, span: SpacySpan) -> Actor:
        return self.actor(
            f"O:{span.text}",
            name=span.text,
            kind="organisation",
            country=e.country,
            sector=e.sector,
            code=e.code,
        )

    def entry_actor(self, e: Entry) -> Actor:
        if e.kind == "state":
            name = self.gaz.state_name(e.country or "", e.name, self.anchor)
            return self.actor(
                e.key, name=name, kind="state", country=e.country, sector=None, code=e.code
            )
        return self.actor(
            e.key, name=e.name, kind=e.kind, country=e.country, sector=e.sector, code=e.code
        )

    def _unknown_org_spans(self, dict_spans: list[SpacySpan]) -> list[tuple[int, int]]:
        """NER organisations with an organisation head word that the dictionary lacks."""
        known = set()
        for sp in dict_spans:
            es = self.gaz.lookup(sp.label_)
            if es and es[0].kind in {"igo", "organisation", "institution"}:
                known.update(range(sp.start, sp.end))
        cands = [
            (ent.start + (1 if ent[0].lower_ in {"the", "a", "an"} else 0), ent.end)
            for ent in self.doc.ents
            if ent.label_ == "ORG" and len(ent) >= 2
        ]
        cands += _capitalised_runs(self.doc)
        out: list[tuple[int, int]] = []
        for start, end in sorted(cands, key=lambda c: (-(c[1] - c[0]), c[0])):
            if end - start < 2 or any(i in known for i in range(start, end)):
                continue
            if any(s < end and start < e for s, e in out):
                continue
            if start in self.headline:
                continue
            if org_head_sector([t.text for t in self.doc[start:end]]):
                out.append((start, end))
        for start, end, sector in self._described_org_names(known):
            if not any(s < end and start < e for s, e in out):
                out.append((start, end))
                self._org_sectors[(start, end)] = sector
        self._org_spans = sorted(out)
        return self._org_spans

    def _described_org_names(self, known: set[int]) -> list[tuple[int, int, str | None]]:
        """ "Jaish-e-Mohammed, a militant group based in Pakistan": a name followed by an
        appositive whose head is an organisation noun is an organisation; its sector is the
        appositive's ("militant group" -> REB)."""
        doc = self.doc
        nouns = _context_data()["organisation_nouns"]
        out: list[tuple[int, int, str | None]] = []
        for comma in doc:
            k = comma.i
            if comma.text != "," or k + 2 >= len(doc) or doc[k + 1].lower_ not in {"a", "an"}:
                continue
            words: list[str] = []
            for t in doc[k + 2 : k + 8]:
                if t.is_punct or t.pos_ in {"ADP", "VERB", "AUX"}:
                    break
                words.append(t.lower_)
            head = next(
                (
                    j
                    for j in range(len(words), 0, -1)
                    if words[j - 1] in nouns or " ".join(words[j - 2 : j]) in nouns
                ),
                None,
            )
            if head is None:
                continue
            start = _name_start(doc, k)
            if start is None or start in self.headline or any(i in known for i in range(start, k)):
                continue
            phrase = words[:head]
            out.append((start, k, role_sector(phrase) or org_head_sector(phrase)))
        return out

    def organisation_pass(self) -> None:
        doc = self.doc
        for start, end in self._org_spans:
            if any(i in self.index.token_actor for i in range(start, end)):
                continue
            words = [t.text for t in doc[start:end]]
            sector = org_head_sector(words) or self._org_sectors.get((start, end))
            country = self._inner_state(start, end) or self._location_of(doc[start:end])
            name = doc[start:end].text
            a = self.actor(
                f"O:{name}",
                name=name,
                kind="organisation",
                country=country,
                sector=sector,
                code=((country or "") + (sector or "")) or None,
            )
            self.mention(a, start, end, "name")

    def _inner_state(self, start: int, end: int) -> str | None:
        """A state, capital or city in an organisation's own name ("Korea Defense Analysis
        Center", "Geneva Centre for Middle East Security", "Delhi Centre ...")."""
        for sp in _longest_first(self.gaz.matcher(self.doc[start:end].as_doc(), as_spans=True)):
            for e in self.gaz.lookup(sp.label_):
                if e.kind in {"state", "place"} and e.country:
                    return e.country
        return None

    def _location_of(self, span: SpacySpan) -> str | None:
        """Country of a place given for an organisation: "X in Boston", "X, a group in Virginia"."""
        doc = self.doc
        root = span.root
        nodes = [root, *[c for c in root.children if c.dep_ == "appos"]]
        for node in nodes:
            for prep in node.children:
                if prep.dep_ == "prep" and prep.lower_ in {"in", "at", "based"}:
                    for pobj in prep.children:
                        c = self._place_country(pobj)
                        if c:
                            return c
        # a loose attachment: "... Affairs in Boston" right after the name
        j = span.end
        if j + 1 < len(doc) and doc[j].lower_ == "in":
            c = self._place_country(doc[j + 1])
            if c:
                return c
        if j + 2 < len(doc) and doc[j].text == ",":
            for k in range(j + 1, min(len(doc) - 1, j + 8)):
                if doc[k].text in {",", ".", ";"}:
                    break
                if doc[k].lower_ == "in":
                    c = self._place_country(doc[k + 1])
                    if c:
                        return c
                c = self._based_in(k)
                if c:
                    return c  # "X, a Geneva-based think tank"
        # "the Oslo-based Nordhavn Forum"
        k = span.start - 3
        return self._based_in(k) if k >= 0 else None

    def _based_in(self, k: int) -> str | None:
        """ "Geneva-based": the country of the place at token k, when "-based" follows."""
        doc = self.doc
        if k + 2 < len(doc) and doc[k + 1].text == "-" and doc[k + 2].lower_ == "based":
            return self.places.get(k) or None
        return None

    def _place_country(self, tok: Token) -> str | None:
        for t in [tok, *tok.subtree]:
            if t.i in self.places and self.places[t.i]:
                return self.places[t.i]
            a = self.index.actor_of_token(t)
            if a is not None and a.kind == "state":
                return a.country
        return None

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

    def _previous_sentence_country(self, sent: SpacySpan) -> str | None:
        k = sent.start - 1
        while k > 0 and self.doc[k].is_space:
            k -= 1
        if k <= 0:
            return None
        prev = self.doc[k].sent
        return self._sentence_country(prev.end_char - 1)

    def _frame_country(self, sent: SpacySpan) -> str | None:
        """ "In New Delhi, ...": a place that opens the sentence."""
        if len(sent) < 3 or sent[0].lower_ not in _context_data()["frame_preps"]:
            return None
        for t in sent[1:5]:
            if t.text == ",":
                break
            c = self.places.get(t.i)
            if c:
                return c
        return None

    def _dateline_country(self) -> str | None:
        """The country of a wire dateline ("TOKYO --", "SEOUL —") near the top of the
        text; None when there is none or it names places in several countries."""
        if not hasattr(self, "_dateline"):
            self._dateline = self._find_dateline()
        return self._dateline

    def _find_dateline(self) -> str | None:
        lines = [ln.strip() for ln in self.doc.text.splitlines() if ln.strip()]
        for line in lines[:40]:
            m = DATELINE.match(line)
            if not m:
                continue
            countries = set()
            for part in re.split(r"\s*/\s*", m.group(1)):
                name = " ".join(w.capitalize() for w in part.split())
                found = [e.country for e in self.gaz.lookup(name) if e.country]
                countries.add(found[0] if found else None)
            if None in countries:
                continue  # "OPINION —": capitals, but no place
            return countries.pop() if len(countries) == 1 else None
        return None

    def _sentence_country(self, char: int) -> str | None:
        sent = next((s for s in self.doc.sents if s.start_char <= char < s.end_char), None)
        if sent is None:
            return None
        best: tuple[int, int, str] | None = None
        for m in self.index.mentions:
            if not (sent.start_char <= m.span.start < sent.end_char):
                continue
            a = self.index.actors.get(m.actor_id)
            if a is None or not a.country or a.kind not in {"person", "group", "state"}:
                continue
            rank = 0 if a.kind in {"person", "group"} else 1
            cand = (rank, abs(m.span.start - char), a.country)
            if best is None or cand < best:
                best = cand
        return best[2] if best else None

    # -- people ---------------------------------------------------------------
    def person_pass(self) -> None:
        doc = self.doc
        claimed = set(self.claimed)  # names may not overlap states, organisations, places
        cands = [nm.NameCandidate(s, e, "dict") for s, e, _ in self.dict_people]
        cands += [c for c in nm.title_candidates(doc, claimed) if c.start not in self.headline]
        cands += nm.surname_candidates(doc, claimed, self.gaz.surnames)
        cands += [c for c in nm.appos_candidates(doc, claimed) if c.start not in self.headline]
        cands += [c for c in nm.ner_candidates(doc, claimed) if c.start not in self.headline]
        dict_at = {(s, e): info for s, e, info in self.dict_people}
        chosen = nm.select(cands)
        # full names first, so that titled surnames ("President Roh") can point to them
        for c in [c for c in chosen if c.end - c.start >= 2 or c.why == "dict"]:
            self.add_person(c.start, c.end, dict_at.get((c.start, c.end)))
        for c in [c for c in chosen if c.end - c.start == 1 and c.why == "title"]:
            self.add_titled_surname(c.start)

    def add_titled_surname(self, i: int) -> None:
        """ "President Truman": an earlier full name, the dictionary for the date, or a
        person known only by this name."""
        doc = self.doc
        tok = doc[i]
        target = short_form_target(self.coref, tok.text, i)
        if target is not None:
            self.mention(target, i, i + 1, "coref")
            self.coref.people.append(PersonMention(target, i, i, False))
            return
        title = doc[i - 1].lower_ if i > 0 else None
        found = self.gaz.people_by_surname(tok.text, self.anchor, title)
        info = found[0] if len(found) == 1 else None
        if info is None and (
            tok.ent_type_ not in {"", "PERSON"} or org_head_sector([tok.text]) is not None
        ):
            return  # "Diaoyutai State Guesthouse" is no person
        self.add_person(i, i + 1, info, via="alias" if info else "name")

    def add_person(
        self, start: int, end: int, info: PersonInfo | None = None, via: str = "name"
    ) -> None:
        doc = self.doc
        surface = doc[start:end].text
        info = info or self.gaz.person_by_alias(surface)
        if info is None and " " not in surface:
            # a hyphenated surname spans several tokens ("Markova-Reid") but is still
            # the short form of an earlier full name ("Elena Markova-Reid")
            target = short_form_target(self.coref, surface, start)
            if target is not None:
                self.mention(target, start, end, "coref")
                self.coref.people.append(PersonMention(target, start, start, False))
                return
        name = info.name if info else surface
        d = self.describe(start, end)
        country, sector, role = d.country, d.sector, d.role
        if info is not None:
            term = person_term(info, self.anchor)
            if term:
                country = country or term.get("country")
                if sector is None or d.former:
                    sector = term.get("sector") or sector
                role = role or term.get("role")
        code = ((country or "") + (sector or "")) or None
        a = self.actor(
            f"P:{name}",
            name=name,
            kind="person",
            country=country,
            sector=sector,
            code=code,
            role=role,
        )
        # a later, richer mention fills what an earlier one lacked
        a.country = a.country or country
        a.sector = a.sector or sector
        a.role = a.role or role
        a.code = ((a.country or "") + (a.sector or "")) or None
        if d.affiliation and a.actor_id not in self.affiliations:
            self.affiliations[a.actor_id] = d.affiliation
        if d.relatives and not a.country:
            self.pending_relatives.append((a, d.relatives))
        gender = d.gender or (info.gender if info else None)
        if gender:
            self.coref.gender.setdefault(a.actor_id, gender)
        first = doc[start].text
        if first in self.gaz.surnames and end - start >= 2:
            self.coref.surname_first.add(a.actor_id)
        self.mention(a, start, end, via)
        root = doc[start:end].root
        self.coref.people.append(PersonMention(a, start, root.i, end - start >= 2))

    # -- describing a person ----------------------------------------------------
    def describe(self, start: int, end: int) -> _Desc:
        doc = self.doc
        d = _Desc()
        parts: list[str] = []
        countries: list[str | None] = []
        sectors: list[tuple[str | None, bool]] = []  # (sector, generic?)
        inst_sectors: list[str | None] = []
        words_all: list[str] = []

        ts = _title_start(doc, start)
        if ts < start:
            title = doc[ts:start]
            parts.append(title.text)
            self.described.update(range(ts, start))
            self._absorb_demonyms(ts, start)
            words = "".join(t.text_with_ws for t in title if not self._is_state_word(t)).split()
            words_all += words
            d.gender = next(
                (HONORIFIC_GENDER[t.text] for t in title if t.text in HONORIFIC_GENDER), None
            )
            countries.append(self._country_in(title))
            sec, phrase, _ = role_match(words)
            sectors.append((role_sector(words), is_generic(phrase)))
            inst = self._institution_in(title)
            if inst is not None:
                inst_sectors.append(inst.sector)
                countries.append(inst.country)
                d.affiliation = d.affiliation or inst.actor_id
            countries.append(title_country(words))
            d.title = doc[start - 1].lower_

        pre = _pre_appositive(doc, ts, end)  # "Qatar's emir, Sheikh Tamim ..."
        if pre is not None:
            parts.append(pre.text)
            self.described.update(range(pre.start, pre.end))
            self._describe_np(pre, countries, sectors, inst_sectors, words_all, d)

        post = _appositive(doc, start, end)
        now_sector = None
        if post is not None and len(post):
            now = next((t.i for t in post if t.lower_ in role_data().now), None)
            parts.append(post.text.strip(" ,"))
            self.described.update(range(post.start, post.end))
            if now is not None and now + 1 < post.end:
                # "a retired colonel who is now a senior fellow at X": the current role wins
                cur: list = [[], [], [], []]
                self._describe_np(doc[now + 1 : post.end], cur[0], cur[1], cur[2], cur[3], d)
                countries += cur[0]
                now_sector = next((s for s, g in cur[1] if s and not g), None) or next(
                    (s for s in cur[2] if s), None
                )
                post = doc[post.start : now]
            self._describe_np(post, countries, sectors, inst_sectors, words_all, d)

        aff = self._affiliation_pp(doc[start:end])
        if aff is not None:
            a = aff
            inst_sectors.append(a.sector)
            countries.append(a.country)
            d.affiliation = d.affiliation or a.actor_id
            parts.append(f"of {a.name}")

        d.former = is_former(words_all)
        d.country = next((c for c in countries if c), None)
        specific = [s for s, g in sectors if s and not g]
        generic = [s for s, g in sectors if s and g]
        insts = [s for s in inst_sectors if s]
        d.sector = now_sector or (specific or insts or generic or [None])[0]
        if d.former and not now_sector and not specific and d.sector == "GOV":
            d.sector = "ELI"  # "a former State Department official"
        role = "; ".join(p.strip(" ,") for p in parts if p.strip(" ,"))
        d.role = role or None
        return d

    def _absorb_demonyms(self, start: int, end: int) -> None:
        """A demonym in a person's title is their nationality, not a state mention
        ("South Korean Prime Minister Han Tae-joon")."""
        doc = self.doc
        lo, hi = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        drop = [
            m
            for m in self.index.mentions
            if m.via == "demonym" and lo <= m.span.start and m.span.end <= hi
        ]
        for m in drop:
            self.index.mentions.remove(m)
            for t in doc.char_span(m.span.start, m.span.end, alignment_mode="expand") or []:
                if self.index.token_actor.get(t.i) == m.actor_id:
                    del self.index.token_actor[t.i]
                    self.index.mention_vias.pop(t.i, None)
                    self.index.token_actors.pop(t.i, None)
            a = self.index.actors.get(m.actor_id)
            still = any(
                x.actor_id == m.actor_id and x.span.text == m.span.text for x in self.index.mentions
            )
            if a is not None and not still and m.span.text in a.aliases:
                a.aliases.remove(m.span.text)

    def _describe_np(
        self,
        span: SpacySpan,
        countries: list,
        sectors: list,
        inst_sectors: list,
        words_all: list,
        d: _Desc,
    ) -> None:
        """Country and sector from a role noun phrase ("a former U.S. ambassador to Korea",
        "a spokesperson for South Korea's Joint Chiefs of Staff")."""
        root = span.root
        heads = [root, *[c for c in root.conjuncts if span.start <= c.i < span.end]]
        c_out, s_out, i_out = countries, sectors, inst_sectors
        for h in heads:
            relation = relation_kind(h.text, h.lemma_) if h.pos_ in {"NOUN", "PROPN"} else None
            if relation == "kin":  # "the sister of the North Korean leader": not her office
                c_out.append(self._relative_country(h, span, d, kin=True))
                continue
            left = [t for t in h.subtree if h.left_edge.i <= t.i <= h.i and span.start <= t.i]
            words = [t.text for t in left if not self._is_state_word(t)]
            words_all.extend(t.text for t in left)
            sec, phrase, _ = role_match(words)
            sector = role_sector(words) if sec else None
            s_out.append((sector, is_generic(phrase)))
            for m in h.children:
                if m.dep_ in STATE_DEPS and m.i < h.i:
                    mod = self.doc[m.left_edge.i : m.right_edge.i + 1]
                    if sector == "EDU" and self._names_state(mod):
                        continue  # "a Korea specialist": the field, not the nationality
                    if self._field_modifier(m, h) and self._names_state(mod):
                        continue  # "a Korea desk officer", "a China program director": a field
                    c_out.append(self._country_in(mod))
            if sector:  # "the emir of Kuwait, Sheikh Nawaf"
                c_out.extend(c for c, _ in self._of_states(h, sector)[:1])
            if relation == "attached":  # "an aide to President Kim Dae-jung"
                c_out.append(self._relative_country(h, span, d, kin=False))
            inst = self._institution_in(self.doc[h.i + 1 : span.end], h) or self._modifier_org(h)
            if inst is not None:
                i_out.append(inst.sector)
                c_out.append(inst.country)
                d.affiliation = d.affiliation or inst.actor_id
            if sector and h.pos_ in {"NOUN", "PROPN"}:
                posted = any(w.lower() in _context_data()["posted_roles"] for w in words)
                c_out.append(self._origin_country(h, span, posted))

    def _hyphenated_short_forms(self, forms: set[str]) -> None:
        """ "Varga-Holm" after "Ilse Varga-Holm": a hyphenated surname is three tokens, and
        the NER may tag the later one as anything, so look for the token run itself."""
        doc = self.doc
        for i in range(len(doc) - 2):
            a, h, b = doc[i], doc[i + 1], doc[i + 2]
            if h.text != "-" or a.whitespace_ or h.whitespace_:
                continue
            form = a.text + "-" + b.text
            if form not in forms or any(
                j in self.index.token_actor or j in self.claimed for j in range(i, i + 3)
            ):
                continue
            target = short_form_target(self.coref, form, i)
            if target is not None:
                self.mention(target, i, i + 3, "coref")
                self.coref.people.append(PersonMention(target, i, i + 2, False))

    def _field_modifier(self, m: Token, head: Token) -> bool:
        """A state name that qualifies a subject noun before the role ("Korea desk", "China
        program") names the field; before an institution noun ("U.S. embassy") it does not."""
        if m.pos_ == "NOUN" and m.text[:1].islower():
            return True
        nxt = self.doc[m.right_edge.i + 1] if m.right_edge.i + 1 < head.i else None
        return (
            nxt is not None
            and nxt.pos_ == "NOUN"
            and nxt.text[:1].islower()
            and nxt.head.i == head.i
            and org_head_sector([nxt.text]) is None
            and role_match([nxt.text])[0] is None
        )

    def _relative_country(self, head: Token, span: SpacySpan, d: _Desc, kin: bool) -> str | None:
        """The country of whom a kinship or attached role relates to: a person or group after
        "of"/"to"/"for" ("the sister of leader Kim Jong-un", "an aide to the North Korean
        leader") or, for kin, before it ("the North Korean leader's sister"). A relative
        named later in the text is looked up once all people are known."""
        preps = role_data().relation_preps
        rels = [
            p
            for c in head.children
            if c.dep_ == "prep" and c.lower_ in preps and span.start <= c.i < span.end
            for p in c.children
            if p.dep_ == "pobj"
        ]
        if kin:
            rels += [c for c in head.children if c.dep_ == "poss" and span.start <= c.i]
        for r in rels:
            a = self.index.actor_of_token(r) or self._np_group(r)
            if a is not None and a.kind in {"person", "group"} and a.country:
                return a.country
        d.relatives.extend(r.i for r in rels)
        return None

    def relative_pass(self) -> None:
        """People described only by a relation to someone named later in the text ("X, the
        sister of leader Kim Jong-un") take that person's country."""
        for a, toks in self.pending_relatives:
            if a.country:
                continue
            for i in toks:
                r = self.index.actor_of_token(self.doc[i])
                if r is not None and r is not a and r.kind in {"person", "group"} and r.country:
                    a.country = r.country
                    a.code = r.country + (a.sector or "")
                    break

    def _names_state(self, span: SpacySpan) -> bool:
        """Is this modifier a state's name ("Korea", "U.S.") rather than a demonym?"""
        return any(
            self.index.mention_vias.get(t.i) in {"name", "alias"}
            and (a := self.index.actor_of_token(t)) is not None
            and a.kind == "state"
            for t in span
        )

    def _modifier_org(self, head: Token) -> Actor | None:
        """ "a Foreign Ministry spokeswoman", "A Lotte spokesman", "a ministry spokeswoman":
        the body named (or, lower-case, recalled) before the role noun."""
        for m in head.children:
            if m.dep_ not in {"compound", "nmod", "poss"} or m.i > head.i:
                continue
            for t in m.subtree:
                a = self.index.actor_of_token(t)
                if a is not None and a.kind in {"organisation", "igo"}:
                    return a
            if m.pos_ == "NOUN" and m.text.islower():
                a = self._recalled_org(m)
                if a is not None:
                    return a
        return None

    def _recalled_org(self, tok: Token) -> Actor | None:
        """ "the ministry" after "the Unification Ministry": the latest organisation before
        `tok` whose name ends (or starts) with this word."""
        best: Actor | None = None
        for m in self.index.mentions:
            if m.span.start >= tok.idx:
                break
            a = self.index.actors.get(m.actor_id)
            if a is None or a.kind != "organisation":
                continue
            words = a.name.lower().split()
            if words and tok.lower_ in {words[-1], words[0]}:
                best = a
        return best

    def _origin_country(self, head: Token, span: SpacySpan, posted: bool) -> str | None:
        """ "a visiting fellow from Seoul", "a security analyst in Lahore": a place after
        the role noun; where a posted role is ("a correspondent in Beijing") says nothing."""
        ctx = _context_data()
        preps = ctx["origin_preps"] | (frozenset() if posted else ctx["location_preps"])
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in preps:
                continue
            if not (span.start <= prep.i < span.end):
                continue
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    c = self._place_country(pobj)
                    if c:
                        return c
        return None

    def _institution_in(self, span: SpacySpan, head: Token | None = None) -> Actor | None:
        """The organisation, IGO or group a role serves, by preposition from its head
        ("for the Unification Ministry", "at Stanford University", "Hyundai's founder")."""
        for t in span:
            if head is not None and not _attached_to(t, head):
                continue
            a = self.index.actor_of_token(t)
            if a is not None and a.kind in {"organisation", "igo", "group"}:
                self._locate(a, t)
                return a
        if head is not None:
            # "for the North Korean army": a role noun with a state modifier; "who served
            # with the occupation forces in Korea": a force served with
            verbs = _context_data()["service_verbs"]
            nodes = [head] + [
                c for c in head.children if c.dep_ == "relcl" and c.lemma_.lower() in verbs
            ]
            for node in nodes:
                for prep in node.children:
                    if prep.dep_ != "prep" or prep.lower_ not in AFFILIATION_PREPS | {"in"}:
                        continue
                    if node is head and prep.lower_ == "in":
                        continue
                    for pobj in prep.children:
                        got = self._np_group(pobj)
                        if got is not None:
                            return got
        return None

    def _np_group(self, noun: Token) -> Actor | None:
        if noun.pos_ not in {"NOUN", "PROPN"}:
            return None
        sector = role_sector([noun.text])
        if sector is None:
            return None
        foreign = self._foreign_force(noun) if sector == "MIL" else None
        if foreign is not None:  # "the occupation forces in Korea"
            c, end = foreign
            start = _trim_group_start(self.doc, noun.left_edge.i, noun.i)
            name = self.doc[start:end].text
            g = self.group_actor(c, sector, name)
            self._group_mention(g, start, noun.i)
            return g
        for m in noun.children:
            if m.dep_ in STATE_DEPS:
                c = self._country_in(self.doc[m.left_edge.i : m.right_edge.i + 1])
                if c:
                    start = _trim_group_start(self.doc, min(m.left_edge.i, noun.i), noun.i)
                    name = self.doc[start : noun.i + 1].text
                    g = self.group_actor(c, sector, name)
                    self._group_mention(g, start, noun.i)
                    return g
        return None

    def _foreign_force(self, noun: Token) -> tuple[str, int] | None:
        """ "the occupation forces in Korea": the country of the one other state whose forces
        the text places in that country, and the end of the phrase; None when it names no
        such state or several."""
        words = _context_data()["foreign_force_words"]
        if not any(c.lower_ in words for c in noun.children if c.dep_ in {"amod", "compound"}):
            return None
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in {"in", "on"}:
                for pobj in prep.children:
                    host = self._token_country(pobj)
                    if host:
                        found = self._forces_in(host)
                        if len(found) == 1:
                            return found.pop(), pobj.i + 1
        return None

    def _token_country(self, tok: Token) -> str | None:
        a = self.index.actor_of_token(tok)
        if a is not None and a.kind == "state":
            return a.country
        return self.places.get(tok.i) or None

    def _forces_in(self, host: str) -> set[str]:
        """States other than `host` whose forces the text places there: a military group
        "in"/"to"/"from" it, or the subject of a verb whose object is it ("American combat
        units left Korea")."""
        out: set[str] = set()
        for tok in self.doc:
            if tok.pos_ != "NOUN" or role_sector([tok.lemma_]) != "MIL":
                continue
            owners = {
                c
                for m in tok.children
                if m.dep_ in STATE_DEPS
                for x in [m, *m.conjuncts]
                if (c := self._state_or_place(x)) and c != host
            }
            if not owners:
                continue
            places = [p for c in tok.children if c.dep_ == "prep" for p in c.children]
            if tok.dep_ in {"nsubj", "nsubjpass"}:
                verb = tok.head
                places += [c for c in verb.children if c.dep_ == "dobj"]
                places += [p for c in verb.children if c.dep_ == "prep" for p in c.children]
            if any(p.dep_ in {"pobj", "dobj"} and self._token_country(p) == host for p in places):
                out |= owners
        return out

    def _group_mention(self, g: Actor, start: int, head: int) -> None:
        """A group's mention covers its words; only its head token stands for it (the
        state words keep their own mention: "North Korean" in "the North Korean leader")."""
        if head in self.index.token_actor:
            return
        self.index.mentions.append(Mention(g.actor_id, _span(self.doc, start, head + 1), "name"))
        self.index.token_actor[head] = g.actor_id
        self.index.mention_vias[head] = "name"
        self.index.token_actors[head] = [g.actor_id]

    def _affiliation_pp(self, name: SpacySpan) -> Actor | None:
        """ "Professor Min of the Gwanghwa Institute", "General Nam Il for the North Korean
        army": a preposition right after the name that introduces an institution."""
        doc = self.doc
        j = name.end
        if j >= len(doc) or doc[j].lower_ not in {"of", "for", "from"}:
            return None
        prep = doc[j]
        for k in range(j + 1, min(len(doc), j + 12)):
            t = doc[k]
            if t.text in {",", ".", ";", "“", '"'} or t.dep_ == "cc":
                break
            a = self.index.actor_of_token(t)
            if a is not None and a.kind in {"organisation", "igo"}:
                self.described.update(range(j, k + 1))
                self._locate(a, t)
                return a
            if t.dep_ == "pobj" and t.head.i == prep.i:
                got = self._np_group(t)
                if got is not None:
                    self.described.update(range(j, t.i + 1))
                    return got
        return None

    def _locate(self, a: Actor, tok: Token) -> None:
        """Give an organisation without a country the place the text gives for it."""
        if a.kind != "organisation" or a.country:
            return
        span = next(
            (
                self.doc.char_span(m.span.start, m.span.end)
                for m in self.index.mentions
                if m.actor_id == a.actor_id and m.span.start <= tok.idx < m.span.end
            ),
            None,
        )
        c = self._location_of(span if span is not None else self.doc[tok.i : tok.i + 1])
        if c:
            a.country = c
            a.code = c + (a.sector or "")

    def _is_state_word(self, tok: Token) -> bool:
        a = self.index.actor_of_token(tok)
        if a is not None and a.kind == "state":
            return True
        return any(e.kind == "state" for e in self.gaz.lookup(tok.text))

    def _country_in(self, span: SpacySpan) -> str | None:
        """A state named in a title or modifier ("South Korean", "Seoul Mayor", "U.S.")."""
        for t in span:
            a = self.index.actor_of_token(t)
            if a is not None and a.kind == "state":
                return a.country
        for sp in _longest_first(self.gaz.matcher(span.as_doc(), as_spans=True)):
            for e in self.gaz.lookup(sp.label_):
                if e.kind in {"state", "place"} or (e.kind in {"organisation"} and e.country):
                    return e.country  # "South Korean", "Daejeon Mayor", "Hyundai founder"
                if e.kind in {"igo", "none"}:
                    break
        return None

    def organisation_short_forms(self) -> None:
        """ "Lotte" after "Lotte Group", "Hanbit" after "Hanbit Institute for ...": the
        distinctive first word of an organisation named earlier refers to it."""
        doc = self.doc
        openers = _context_data()["org_name_openers"]
        lower_words = {t.lower_ for t in doc if t.is_lower}
        firsts: dict[str, tuple[int, Actor]] = {}
        for m in self.index.mentions:
            a = self.index.actors.get(m.actor_id)
            if a is None or a.kind != "organisation" or a.actor_id in self.institution_ids:
                continue
            words = a.name.split()
            w = words[0] if len(words) >= 2 else ""
            if (
                w[:1].isupper()
                and w.isalpha()
                and w.lower() not in openers
                and w.lower() not in lower_words
                and w.lower() not in role_data().table
                and not self.gaz.lookup(w)
            ):
                firsts.setdefault(w, (m.span.start, a))
        for tok in doc:
            hit = firsts.get(tok.text)
            if hit is None or tok.idx <= hit[0] or tok.i in self.claimed:
                continue
            if tok.i in self.index.token_actor or tok.pos_ != "PROPN":
                continue
            if tok.i + 1 < len(doc) and doc[tok.i + 1].text[:1].isupper():
                continue  # "Lotte Mart": another name
            self.mention(hit[1], tok.i, tok.i + 1, "coref")

    # -- groups ---------------------------------------------------------------
    def leader_government_pass(self) -> None:
        """ "the Lee government", "Trump's administration": a government noun modified by
        a person stands for that person's government."""
        doc = self.doc
        _, _, gov_nouns = _metonymy()
        for tok in doc:
            if tok.i in self.index.token_actor or tok.pos_ != "NOUN":
                continue
            if tok.lower_ not in gov_nouns and tok.lemma_ not in gov_nouns:
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

    def group_pass(self) -> None:
        """Role nouns modified by states: "North Korean forces" -> PRKMIL, "Hungarian and
        Romanian officials" -> HUNGOV + ROUGOV, "officials in Seoul" -> KORGOV."""
        doc = self.doc
        _, _, gov_nouns = _metonymy()
        dateline = self._dateline_country()
        for tok in doc:
            if tok.pos_ not in {"NOUN", "PROPN"} or tok.i in self.index.token_actor:
                continue
            if tok.i in self.described:
                continue
            sector = role_sector([tok.lemma_]) or role_sector([tok.text])
            if not sector:
                continue
            if tok.pos_ == "PROPN":  # "the Emir of Qatar": a capitalised office with its state
                of_states = self._of_states(tok, sector)
                if of_states:
                    self._add_group(tok, sector, of_states, of=True)
                continue
            mods = [c for c in tok.children if c.dep_ in STATE_DEPS]
            states: list[tuple[str, Token]] = []
            for m in mods:
                for x in [m, *m.conjuncts]:
                    c = self._state_or_place(x)
                    if c and c not in [s for s, _ in states]:
                        states.append((c, x))
            states = self._collective_demonym(tok, states)
            seat = False
            if not states and (tok.lower_ in gov_nouns or tok.lemma_ in gov_nouns):
                states = self._seat_of(tok)
                seat = bool(states)
            if not states:
                of_states = self._of_states(tok, sector)
                if of_states:  # "the emir of Qatar", "the leaders of the two Koreas"
                    self._add_group(tok, sector, of_states, of=True)
                    continue
            implied = False
            if not states and self._unplaced_officials(tok, sector):
                states = [(dateline, tok)]  # "Military officials said ..." under "SEOUL —"
                implied = True
            if not states:
                continue
            for _c, x in states:
                capital = [e for e in self.gaz.lookup(x.text) if e.via == "metonym"]
                if capital and x.i not in self.index.token_actor:
                    # "Pyongyang radio", "Seoul metropolitan police": the capital's state
                    self.mention(self.entry_actor(capital[0]), x.i, x.i + 1, "metonym")
            lefts = [c.left_edge.i for c in tok.children if c.dep_ in STATE_DEPS]
            start = _trim_group_start(doc, min([tok.i, *lefts]), tok.i)
            name = doc[start : tok.i + 1].text
            if seat:  # "officials in Seoul"
                name = f"{tok.text} in {states[0][1].text}"
            if implied:  # the name says whose they are: "South Korean military officials"
                demonym = self.gaz.demonym(states[0][0])
                words = name[:1].lower() + name[1:] if not doc[start].ent_type_ else name
                name = f"{demonym} {words}" if demonym else name
            for n, (country, _x) in enumerate(states):
                a = self.group_actor(country, sector, name)
                self.index.mentions.append(
                    Mention(a.actor_id, _span(doc, start, tok.i + 1), "name")
                )
                if n == 0:
                    self.index.token_actor[tok.i] = a.actor_id
                    self.index.mention_vias[tok.i] = "name"
                    self.index.token_actors[tok.i] = [a.actor_id]
                else:
                    self.index.token_actors[tok.i].append(a.actor_id)

    def _collective_demonym(
        self, tok: Token, states: list[tuple[str, Token]]
    ) -> list[tuple[str, Token]]:
        """ "the two Korean governments", "both Korean leaders": a demonym that with "two"
        or "both" stands for several states (`collective_demonyms` in actors.yaml)."""
        if len(states) != 1 or tok.lemma_.lower() not in _context_data()["one_per_state"]:
            return states  # "two Korean officials" are two officials
        x = states[0][1]
        codes = self.gaz.collective_demonyms.get(x.text)
        if not codes or self.index.token_actor.get(x.i - 1) == self.index.token_actor.get(x.i):
            return states  # "South Korean" is one state
        counted = any(
            (c.dep_ == "nummod" and c.lower_ in {"two", "2"})
            or (c.dep_ in {"det", "predet"} and c.lower_ == "both")
            for c in tok.children
        )
        return [(c, states[0][1]) for c in codes] if counted else states

    def _of_states(self, tok: Token, sector: str) -> list[tuple[str, Token]]:
        """States after a role noun's "of": "the emir of Qatar", "the leaders of the two
        Koreas". A scholar's or a journalist's "of" is the field ("a historian of Korea")."""
        if sector in {"EDU", "MED"}:
            return []
        out: list[tuple[str, Token]] = []
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                heads = [pobj, *pobj.conjuncts]
                found = [(a, x) for x in heads for a in self.index.actors_of_token(x)]
                if not found or any(a.kind != "state" for a, _ in found):
                    return []  # "commanders of the UN Command, North Korea and China": mixed
                if {x.i for _, x in found} != {x.i for x in heads}:
                    return []
                for a, x in found:
                    if a.country and a.country not in [c for c, _ in out]:
                        out.append((a.country, x))
        return out

    def _add_group(
        self, tok: Token, sector: str, states: list[tuple[str, Token]], of: bool = False
    ) -> None:
        """One group actor per state on the role noun `tok`; with `of`, the name runs to
        the end of the "of" phrase ("emir of Qatar")."""
        doc = self.doc
        start = _trim_group_start(doc, tok.left_edge.i, tok.i)
        end = tok.i + 1
        if of:  # up to the last state word: "emir of Qatar", "leaders of the two Koreas"
            end = max(x.i for _, x in states) + 1
        name = doc[start:end].text
        for n, (country, _x) in enumerate(states):
            a = self.group_actor(country, sector, name)
            self.index.mentions.append(Mention(a.actor_id, _span(doc, start, end), "name"))
            if n == 0:
                self.index.token_actor[tok.i] = a.actor_id
                self.index.mention_vias[tok.i] = "name"
                self.index.token_actors[tok.i] = [a.actor_id]
            else:
                self.index.token_actors[tok.i].append(a.actor_id)

    def _unplaced_officials(self, tok: Token, sector: str) -> bool:
        """Bare plural officials in a datelined report ("Military officials said",
        "Officials said") are the dateline country's, unless the phrase has a determiner
        or spans sides ("officials on both sides")."""
        if tok.tag_ != "NNS" or tok.lower_ not in _context_data()["dateline_nouns"]:
            return False
        if any(c.dep_ in {"det", "poss", "nummod", "prep"} for c in tok.children):
            return False
        if any(t.lower_ in {"both", "all", "each"} for t in tok.subtree):
            return False
        return bool(self._dateline_country())

    def _state_or_place(self, tok: Token) -> str | None:
        a = self.index.actor_of_token(tok)
        if a is not None and a.kind == "state":
            return a.country
        if tok.i in self.places and self.places[tok.i] and tok.dep_ == "compound":
            return self.places[tok.i]  # "Seoul metropolitan police"
        return None

    def _seat_of(self, tok: Token) -> list[tuple[str, Token]]:
        """ "officials in Seoul", "the government in Seoul": the capital's government."""
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in {"in", "from"}:
                for pobj in prep.children:
                    entries = [e for e in self.gaz.lookup(pobj.text) if e.via == "metonym"]
                    if entries and pobj.i in self.places:
                        e = entries[0]
                        self.mention(self.entry_actor(e), pobj.i, pobj.i + 1, "metonym")
                        return [(e.country or "", pobj)]
        return []

    # -- coreference ------------------------------------------------------------
    def coref_pass(self) -> None:
        doc = self.doc
        forms = {p for pm in self.coref.people if pm.full for p in self.coref.parts(pm.actor)}
        self._hyphenated_short_forms({f for f in forms if "-" in f})
        for tok in doc:
            if tok.i in self.index.token_actor or tok.i in self.claimed:
                continue
            if tok.text in forms and is_short_form_token(tok):
                target = short_form_target(self.coref, tok.text, tok.i)
                if target is not None:
                    self.mention(target, tok.i, tok.i + 1, "coref")
                    self.coref.people.append(PersonMention(target, tok.i, tok.i, False))
                    continue
            if (
                tok.pos_ == "PROPN"
                and tok.text[:1].isupper()
                and tok.i not in self.described
                and tok.dep_ != "compound"
                and not any(c.dep_ == "compound" for c in tok.children)
            ):
                found = self.gaz.people_by_surname(tok.text, self.anchor)
                if (
                    len(found) == 1
                    and found[0].terms
                    and len(tok.text) > 2
                    and self._bare_surname_ok(tok, found[0])
                ):
                    self.add_person(tok.i, tok.i + 1, found[0], via="alias")
                    continue
            if tok.lower_ == "it":
                heads = [
                    (
                        doc.char_span(m.span.start, m.span.end, alignment_mode="expand").root.i,
                        self.index.actors[m.actor_id],
                    )
                    for m in self.index.mentions
                    if m.span.start < tok.idx
                ]
                target = it_target(doc, heads, tok, _it_verbs())
                if target is not None:
                    self.mention(target, tok.i, tok.i + 1, "coref")
                continue
            if tok.lower_ in {"they", "their"}:
                self._plural_pronoun(tok)
                continue
            if tok.lower_ in {"he", "she", "his", "her"}:
                target = pronoun_target(doc, self.coref, tok)
                if target is not None:
                    self.mention(target, tok.i, tok.i + 1, "coref")
                    self.coref.gender.setdefault(
                        target.actor_id, "m" if tok.lower_ in {"he", "his"} else "f"
                    )
                    if tok.dep_ != "poss":  # a possessive is no subject for later pronouns
                        self.coref.people.append(PersonMention(target, tok.i, tok.i, False))

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

    def _bare_surname_ok(self, tok: Token, info: PersonInfo) -> bool:
        """A lone surname is a known person only when the NER reads it as a person, or
        it is no other kind of entity and the person held office on the article's date
        ("May" in "in May" is no prime minister)."""
        if tok.lower_ in time_words():
            return False
        if tok.ent_type_ == "PERSON":
            return True
        if tok.ent_type_ and tok.ent_type_ not in {"DATE", "TIME"}:
            return False  # the NER's DATE on a name that is no time word is a slip
        return not self.anchor or term_on(info, self.anchor) is not None

    # -- capitals ---------------------------------------------------------------
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
        if sp.end < len(sp.doc) and sp.doc[sp.end].text == "-":
            return False
        return True


ORG_CONNECTORS = {"for", "of", "on", "and", "&"}
# "SEOUL —", "TOKYO --", "WASHINGTON (Agency) -", "ISLAMABAD/NEW DELHI, Feb 28 (Agency) -"
DATELINE = re.compile(r"^([A-Z][A-Z.'’]+(?:[ /][A-Z][A-Z.'’]+){0,3})\s*(?:,|—|–|--|-\s|\()")


def _capitalised_runs(doc: Doc) -> list[tuple[int, int]]:
    """Capitalised word runs with inner connectors ("Northbridge Center for Security
    Studies"): organisation names the NER may not have tagged."""
    out: list[tuple[int, int]] = []
    i = 0
    n = len(doc)
    while i < n:
        if not (doc[i].text[:1].isupper() and doc[i].is_alpha) or doc[i].is_sent_start:
            i += 1
            continue
        j = i + 1
        while j < n:
            t = doc[j]
            if t.text[:1].isupper() and (t.is_alpha or "-" in t.text):
                j += 1
            elif (
                t.lower_ in ORG_CONNECTORS
                and j + 1 < n
                and doc[j + 1].text[:1].isupper()
                and doc[j + 1].is_alpha
            ):
                j += 2
            else:
                break
        if j - i >= 2:
            out.append((i, j))
        i = j
    return out


GROUP_LEAD_POS = {"ADV", "DET", "PRON", "SCONJ", "ADP", "NUM", "PUNCT", "CCONJ"}


def _name_start(doc: Doc, end: int) -> int | None:
    """Start of the proper name that ends just before `end` ("Jaish-e-Mohammed", "Acme
    Defense Systems"), or None when the word before `end` is no name."""
    i = end
    while i > 0:
        t = doc[i - 1]
        glued = i - 2 >= 0 and not doc[i - 2].whitespace_ and not t.whitespace_
        if t.text[:1].isupper() and (t.is_alpha or "-" in t.text):
            i -= 1
        elif glued and (t.text == "-" or t.is_lower):  # "-e-" inside a hyphenated name
            i -= 1
        else:
            break
        if end - i > 6:
            return None
    if i == end or not doc[i].text[:1].isupper() or doc[end - 1].pos_ != "PROPN":
        return None
    return i


def _trim_group_start(doc: Doc, start: int, head: int) -> int:
    """A group's name starts at its first content word ("How many U.S. troops" -> "U.S.
    troops", "the Lee government" -> "Lee government")."""
    while start < head and (
        doc[start].pos_ in GROUP_LEAD_POS or doc[start].lower_ in {"many", "much", "few"}
    ):
        start += 1
    return start


def _attached_to(t: Token, head: Token) -> bool:
    node = t
    for _ in range(6):
        if node.i == head.i:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _name_like(sp: SpacySpan) -> bool:
    """Written as a name: every content word capitalised; a single word must be a proper
    noun or an acronym ("Taliban", "BLA"), not a sentence-initial common word."""
    words = [t for t in sp if t.is_alpha]
    if not words or not all(t.text[:1].isupper() or t.lower_ in _NAME_JOINERS for t in words):
        return False
    if len(sp) == 1:
        t = sp[0]
        return (t.text.isupper() and len(t) >= 3) or (t.pos_ == "PROPN" and t.ent_type_ != "")
    return words[0].text[:1].isupper() and words[-1].text[:1].isupper()


_NAME_JOINERS = {"of", "the", "for", "and", "de", "al", "bin", "in", "on", "du", "la", "el"}


def _strictly_inside(sp: SpacySpan, spans: list[tuple[int, int]]) -> bool:
    return any(s <= sp.start and sp.end <= t and (s, t) != (sp.start, sp.end) for s, t in spans)


def _drop_shadowed_shorts(spans: list[SpacySpan], gaz: Gazetteer) -> list[SpacySpan]:
    """ "the North" inside "the North Korean embassy" is no short name: the overlapping
    demonym or name wins."""

    def is_short(sp: SpacySpan) -> bool:
        entries = gaz.lookup(sp.label_)
        return bool(entries) and entries[0].via == "short"

    longer = [sp for sp in spans if not is_short(sp)]
    return [
        sp
        for sp in spans
        if not is_short(sp)
        or not any(o.start < sp.end and sp.start < o.end and o.end > sp.end for o in longer)
    ]


def _company_unit_end(doc: Doc, end: int, covered: set[int]) -> int:
    """End of the capitalised words that continue a company's name ("LG" + "Energy
    Solution"), stopping at role words ("Samsung Chairman"), names the dictionary knows
    and line breaks."""
    rd = role_data()
    j = end
    while (
        j < len(doc)
        and j - end < 3
        and j not in covered
        and doc[j - 1].whitespace_ == " "
        and doc[j].is_alpha
        and doc[j].text[:1].isupper()
        and doc[j].lower_ not in rd.table
        and doc[j].pos_ == "PROPN"
    ):
        j += 1
    if j < len(doc) and doc[j].like_num:
        return end  # "Korean Air Flight 858" names a flight, not a company
    return j


def _longest_first(spans: list[SpacySpan]) -> list[SpacySpan]:
    chosen: list[SpacySpan] = []
    taken: set[int] = set()
    for sp in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if any(i in taken for i in range(sp.start, sp.end)):
            continue
        chosen.append(sp)
        taken.update(range(sp.start, sp.end))
    return sorted(chosen, key=lambda s: s.start)


def _is_person_modifier(sp: SpacySpan) -> bool:
    """A demonym in a person's title ("South Korean Prime Minister Kim Min-seok")."""
    root = sp.root
    if root.head.i == root.i:
        return False
    head = root.head
    if head.ent_type_ == "PERSON":
        return True
    j = sp.end
    # the title words up to the name: "Japanese Prime Minister Shinzo Abe"
    while j < len(sp.doc) and sp.doc[j].text[:1].isupper() and j - sp.end < 4:
        if sp.doc[j].ent_type_ == "PERSON":
            return True
        if sp.doc[j].lower_ not in role_table()[0]:
            return False
        j += 1
    return False


def _title_start(doc: Doc, start: int) -> int:
    """Leftmost token of the title/role words directly before a name
    ("North Korea's First Vice Foreign Minister", "Secretary of State", "Seoul Mayor")."""
    rd = role_data()
    i = start
    while i > 0:
        t = doc[i - 1]
        # a multi-word title ending here ("secretary of state", "ambassador-at-large")
        k = _role_phrase_start(doc, i)
        if k < i - 1:
            i = k
            continue
        if i - 2 >= 0 and not doc[i - 2].whitespace_ and t.text != "-" and doc[i - 2].text == "-":
            i -= 2  # "Ambassador-at-Large"
            continue
        if t.lower_ in TITLE_STOP or t.is_punct and t.text not in {".", "-"}:
            break
        if t.text in rd.honorifics or (t.lower_ in rd.table and t.text[:1].isupper()):
            i -= 1
            continue
        if t.ent_type_ in {"PERSON", "DATE", "TIME", "CARDINAL"}:
            break
        if t.ent_type_ == "ORDINAL" and not t.text[:1].isupper():
            break
        if t.pos_ in {"VERB", "AUX", "ADP", "DET", "PRON", "SCONJ", "CCONJ"} and t.lower_ not in (
            rd.table
        ):
            break
        if t.text in rd.honorifics or t.lower_ in rd.table or t.lower_ in rd.former:
            i -= 1
            continue
        if t.dep_ in {"compound", "amod", "nmod", "poss", "case"} or t.text in {"’s", "'s"}:
            i -= 1
            continue
        if t.pos_ == "PROPN" and t.text[:1].isupper():
            i -= 1
            continue
        break
    return i


def _role_phrase_start(doc: Doc, end: int) -> int:
    """Start of the longest multi-word role phrase that ends just before `end`."""
    rd = role_data()
    for k in range(max(0, end - 5), end - 1):
        phrase = doc[k:end].text.lower()
        if phrase in rd.table and doc[k].text[:1].isupper() == doc[end - 1].text[:1].isupper():
            return k
    return end - 1


def _pre_appositive(doc: Doc, start: int, end: int) -> SpacySpan | None:
    """ "North Korea's foreign minister, Ri Yong-ho," -> the role before the name."""
    if start < 2 or doc[start - 1].text != ",":
        return None
    root = doc[start:end].root
    head = root.head
    if root.dep_ != "appos" or head.i >= start or head.pos_ not in {"NOUN", "PROPN"}:
        return None
    left = head.left_edge.i
    words = [t.text for t in doc[left : head.i + 1]]
    if role_match(words)[0] is None:
        return None
    return doc[left : head.i + 1]


def _appositive(doc: Doc, start: int, end: int) -> SpacySpan | None:
    """ ", a visiting professor of Asian studies at Stanford University" after a name."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    head = doc[start:end].root
    for child in head.children:
        if child.dep_ == "appos" and child.i > end:
            sub = list(child.subtree)
            j = sub[-1].i + 1
            if j < len(doc) and doc[j].lower_ in role_data().now:
                j = _clause_end(doc, j)  # "..., a former investigator now at the X Center"
            return doc[sub[0].i : j]
    if end + 1 < len(doc):
        nxt = doc[end + 1]
        if nxt.lower_ in {"a", "an", "the"} or nxt.lower_ in role_table()[0]:
            return doc[end + 1 : _clause_end(doc, end + 1)]
        if nxt.lower_ == "who":
            # "Yoo, who teaches international relations at Namsan University": a relative
            # clause describes the person only when it names a role
            clause = doc[end + 1 : _clause_end(doc, end + 1)]
            if any(t.lower_ in role_table()[0] for t in clause[:4]):
                return clause
    return None


def _clause_end(doc: Doc, j: int) -> int:
    while j < len(doc) and doc[j].text not in {",", ".", ";", "“", '"', "”", ":"}:
        j += 1
    return j


def resolve_actors(doc: Doc, nlp, anchor: str | None) -> ActorIndex:
    """Resolve every actor mention in a parsed document."""
    return _Builder(doc, gazetteer(nlp), anchor).run()
