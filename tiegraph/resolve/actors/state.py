"""Shared state of one document's resolution and the actor/mention registry."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from tiegraph import resources
from tiegraph.model import Actor, Mention, stable_id
from tiegraph.resolve import names as nm
from tiegraph.resolve.actors.index import ActorIndex, _span
from tiegraph.resolve.coref import (
    CorefState,
)
from tiegraph.resolve.gazetteer import (
    Entry,
    Gazetteer,
    PersonInfo,
)
from tiegraph.resolve.tokens import TokenTable

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
    "speech_verbs",
    "topic_preps",
    "outlet_verbs",
    "outlet_preps",
    "residence_verbs",
    "seat_words",
    "seat_verbs",
)


@lru_cache(maxsize=1)
def _it_verbs() -> frozenset[str]:
    data = (resources.load_yaml("actors.yaml") or {}).get("coreference") or {}
    return frozenset(str(v).lower() for v in data.get("it_verbs") or [])


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
    igo: str | None = None  # code of an IGO the role names ("the U.N. special envoy")


@dataclass
class BuildState:
    """What the passes share: the document, the gazetteer, the index and the claimed tokens.
    Every pass is a mixin over this state, so one pass's findings are the next one's input."""

    doc: Doc
    gaz: Gazetteer
    anchor: str | None
    index: ActorIndex = field(default_factory=ActorIndex)
    claimed: set[int] = field(default_factory=set)
    places: dict[int, str] = field(default_factory=dict)  # token -> country of a place
    described: set[int] = field(default_factory=set)  # tokens of person titles, appositives
    dict_people: list[tuple[int, int, PersonInfo]] = field(default_factory=list)
    institutions: list[tuple[SpacySpan, Entry]] = field(default_factory=list)
    affiliations: dict[str, str] = field(default_factory=dict)  # person id -> institution id
    # "the son of X" (resolved later)
    pending_relatives: list[tuple[Actor, list[int]]] = field(default_factory=list)
    institution_ids: set[str] = field(default_factory=set)
    coref: CorefState = field(default_factory=CorefState)
    _org_spans: list[tuple[int, int]] = field(default_factory=list)
    capital_places: list[tuple[str, str]] = field(default_factory=list)  # capitals as places
    _org_sectors: dict[tuple[int, int], str | None] = field(default_factory=dict)
    _org_modifiers: dict[tuple[int, int], int] = field(default_factory=dict)  # noun start
    headline: set[int] = field(default_factory=set)  # tokens of title-case lines
    person_igos: dict[str, str] = field(default_factory=dict)  # person id -> IGO code
    tt: TokenTable = field(init=False)  # the tokens and their attributes, read once
    # the gazetteer's matches over the whole document, and their order by start token
    _gaz_spans: list[SpacySpan] | None = None
    _gaz_order: list[int] = field(default_factory=list)
    _gaz_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.tt = TokenTable(self.doc)
        self.headline = {
            i for s, e in self.tt.sents if nm.is_headline(self.tt, s, e) for i in range(s, e)
        }

    def _gaz_matches(self) -> list[SpacySpan]:
        """Every gazetteer match in the document, in the matcher's order (run once)."""
        if self._gaz_spans is None:
            spans = list(self.gaz.matcher(self.doc, as_spans=True))
            self._gaz_spans = spans
            self._gaz_order = sorted(range(len(spans)), key=lambda k: spans[k].start)
            self._gaz_starts = [spans[k].start for k in self._gaz_order]
        return self._gaz_spans

    def _gaz_matches_in(self, start: int, end: int) -> list[SpacySpan]:
        """The gazetteer's matches inside tokens start..end, in the order matching the span
        alone (`span.as_doc()`, a new Doc per call) gives: a phrase match depends on its
        own tokens only, so these are the document's matches that lie inside."""
        spans = self._gaz_matches()
        lo = bisect_left(self._gaz_starts, start)
        hi = bisect_left(self._gaz_starts, end)
        inside = sorted(k for k in self._gaz_order[lo:hi] if spans[k].end <= end)
        return [spans[k] for k in inside]

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

    def entry_actor(self, e: Entry) -> Actor:
        if e.kind == "state":
            name = self.gaz.state_name(e.country or "", e.name, self.anchor)
            return self.actor(
                e.key, name=name, kind="state", country=e.country, sector=None, code=e.code
            )
        return self.actor(
            e.key, name=e.name, kind=e.kind, country=e.country, sector=e.sector, code=e.code
        )

    def _unit_actor(self, e: Entry, span: SpacySpan) -> Actor:
        return self.actor(
            f"O:{span.text}",
            name=span.text,
            kind="organisation",
            country=e.country,
            sector=e.sector,
            code=e.code,
        )
