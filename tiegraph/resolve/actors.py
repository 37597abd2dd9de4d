"""Per-document actor resolution: mentions -> coded actors (CAMEO country + sector).

One pass over a parsed spaCy Doc produces an `ActorIndex`: the actors, their
mentions, and a token -> actor map that the extractors use to find the source,
target or speaker under a syntactic head. Extractors never look names up
themselves, so improving resolution improves every table at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from tiegraph import resources
from tiegraph.model import Actor, Mention, Span, stable_id
from tiegraph.resolve.gazetteer import Entry, Gazetteer, gazetteer, person_term

PLACE_PREPS = {"in", "at", "near", "around", "outside", "across", "inside", "throughout", "of"}
TITLE_STOP = {"the", "a", "an", ",", "and"}


@lru_cache(maxsize=1)
def role_table() -> tuple[dict[str, str], frozenset[str]]:
    """Lower-cased role phrase -> sector; project roles override the PLOVER agents file."""
    table = dict(resources.plover_agents())
    data = resources.load_yaml("roles.yaml")
    for sector, words in (data.get("roles") or {}).items():
        for w in words:
            table[w.lower()] = sector
    return table, frozenset(w.lower() for w in data.get("former_prefixes") or [])


def sector_of(words: list[str]) -> tuple[str | None, str | None]:
    """Sector of a role phrase: the longest known phrase ending at its rightmost noun wins."""
    table, _ = role_table()
    low = [w.lower() for w in words]
    best: tuple[int, str, str] | None = None
    for i in range(len(low)):
        for j in range(len(low), i, -1):
            phrase = " ".join(low[i:j])
            sec = table.get(phrase) or (table.get(phrase[:-1]) if phrase.endswith("s") else None)
            if sec:
                cand = (j * 10 + (j - i), sec, phrase)  # prefer later (head) and longer
                if best is None or cand > best:
                    best = cand
                break
    return (best[1], best[2]) if best else (None, None)


@dataclass
class ActorIndex:
    actors: dict[str, Actor] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    token_actor: dict[int, str] = field(default_factory=dict)
    mention_vias: dict[int, str] = field(default_factory=dict)

    def actor_of_token(self, tok: Token) -> Actor | None:
        aid = self.token_actor.get(tok.i)
        return self.actors.get(aid) if aid else None

    def actors_under(self, tok: Token) -> list[Actor]:
        """Actors denoted by the noun phrase headed by `tok`, including conjuncts."""
        out: list[Actor] = []
        for head in [tok, *tok.conjuncts]:
            a = self.actor_of_token(head)
            if a is None:
                for child in head.children:
                    if child.dep_ in {"compound", "amod", "nmod"} and child.i in self.token_actor:
                        a = self.actor_of_token(child)
                        break
            if a is None and head.dep_ == "pobj" and head.head.lower_ == "of":
                a = None
            if a is not None and a.kind != "none" and a not in out:
                out.append(a)
        return out


def _span(doc: Doc, start: int, end: int) -> Span:
    sp = doc[start:end]
    return Span(sp.start_char, sp.end_char, sp.text)


class _Builder:
    def __init__(self, doc: Doc, gaz: Gazetteer, anchor: str | None):
        self.doc = doc
        self.gaz = gaz
        self.anchor = anchor
        self.index = ActorIndex()
        self.persons: list[tuple[int, Actor]] = []  # (token position, actor) of full-name mentions

    # -- registry -----------------------------------------------------------
    def actor(self, key: str, **fields) -> Actor:
        aid = stable_id(key, n=12)
        a = self.index.actors.get(aid)
        if a is None:
            a = Actor(actor_id=aid, **fields)
            self.index.actors[aid] = a
        return a

    def mention(self, a: Actor, start: int, end: int, via: str) -> None:
        sp = _span(self.doc, start, end)
        self.index.mentions.append(Mention(a.actor_id, sp, via))
        for i in range(start, end):
            self.index.token_actor[i] = a.actor_id
            self.index.mention_vias[i] = via
        if sp.text != a.name and sp.text not in a.aliases and a.kind != "none":
            a.aliases.append(sp.text)

    # -- passes -------------------------------------------------------------
    def run(self) -> ActorIndex:
        claimed = self.gazetteer_pass()
        self.person_pass(claimed)
        self.group_pass()
        return self.index

    def gazetteer_pass(self) -> set[int]:
        doc = self.doc
        matches = self.gaz.matcher(doc, as_spans=True)
        claimed: set[int] = set()
        spans = _longest_first(matches)
        for sp in spans:
            entries = self.gaz.lookup(sp.label_)
            if not entries:
                continue
            e = entries[0]
            claimed.update(range(sp.start, sp.end))
            if e.kind == "none":
                continue
            if e.kind == "person":
                self.add_person(sp.start, sp.end, canonical=e.name)
                continue
            if e.via == "metonym" and not _capital_acts(sp):
                continue
            if e.via == "alias" and sp.text in {"US", "UK"} and _lower_context(sp):
                continue
            if e.via == "demonym" and sp.root.head.i != sp.root.i and _is_person_modifier(sp):
                # "South Korean Prime Minister Kim" -> the person's country, not a state mention
                continue
            a = self.state_like(e)
            self.mention(a, sp.start, sp.end, e.via)
        return claimed

    def state_like(self, e: Entry) -> Actor:
        kind = {"state": "state", "igo": "igo", "organisation": "organisation"}[e.kind]
        return self.actor(
            e.key, name=e.name, kind=kind, country=e.country, sector=e.sector, code=e.code
        )

    def person_pass(self, claimed: set[int]) -> None:
        doc = self.doc
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            start, end = _name_bounds(doc, ent.start, ent.end)
            if any(i in claimed for i in range(start, end)):
                continue
            if end - start >= 2:
                self.add_person(start, end)
                claimed.update(range(start, end))
        # Bare surnames / short forms: coreference to the closest earlier full name.
        for tok in doc:
            if tok.i in claimed or tok.i in self.index.token_actor:
                continue
            if tok.pos_ != "PROPN" or not tok.text[:1].isupper():
                continue
            target = self.coref_target(tok)
            if target is not None:
                self.mention(target, tok.i, tok.i + 1, "coref")

    def coref_target(self, tok: Token) -> Actor | None:
        form = tok.text
        best = None
        for pos, a in self.persons:
            parts = a.name.replace("-", " ").split()
            tokens = a.name.split()
            if form in (tokens[0], tokens[-1]) or form in parts[:1]:
                if pos < tok.i:
                    best = a  # the most recent earlier full mention wins
                elif best is None:
                    best = a
                    break
        if best is None:
            return None
        # a following full name starting at this very token is the name itself
        return best

    def add_person(self, start: int, end: int, canonical: str | None = None) -> None:
        doc = self.doc
        surface = doc[start:end].text
        info = self.gaz.people.get(canonical) if canonical else _lookup_person(self.gaz, surface)
        name = info.name if info else surface
        title_start = _title_start(doc, start)
        role_words = [t.text for t in doc[title_start:start]]
        appos = _appositive(doc, start, end)
        country, sector, role = _role_attributes(self, doc, title_start, start, appos)
        former = bool(role_words) and role_words[0].lower() in role_table()[1]
        if info is not None:
            term = person_term(info, self.anchor)
            if term:
                country = country or term.get("country")
                sector = term.get("sector") if (sector is None or former) else sector
                role = role or term.get("role")
        elif former and sector == "GOV":
            sector = "ELI"
        code = (country or "") + (sector or "") or None
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
        a.code = (a.country or "") + (a.sector or "") or None
        self.mention(a, start, end, "name")
        self.persons.append((start, a))

    def group_pass(self) -> None:
        """Role nouns modified by a state: "North Korean forces" -> PRKMIL."""
        doc = self.doc
        for tok in doc:
            if tok.pos_ not in {"NOUN", "PROPN"} or tok.i in self.index.token_actor:
                continue
            sector, _ = sector_of([tok.lemma_]) if tok.pos_ == "NOUN" else (None, None)
            if not sector:
                continue
            mods = [
                c
                for c in tok.children
                if c.dep_ in {"amod", "compound", "nmod", "poss"} and c.i in self.index.token_actor
            ]
            states = [self.index.actor_of_token(m) for m in mods]
            states = [s for s in states if s is not None and s.kind == "state"]
            if not states:
                continue
            for st in states:
                conj_states = [st]
                start = min([m.left_edge.i for m in mods] + [tok.i])
                lefts = [c.i for c in tok.lefts if c.dep_ in {"amod", "compound", "nmod"}]
                start = min([start, *lefts])
                name = doc[start : tok.i + 1].text
                for cs in conj_states:
                    a = self.actor(
                        f"G:{cs.country}{sector}:{name}",
                        name=name,
                        kind="group",
                        country=cs.country,
                        sector=sector,
                        code=f"{cs.country}{sector}",
                    )
                    self.index.mentions.append(
                        Mention(a.actor_id, _span(doc, start, tok.i + 1), "name")
                    )
                    self.index.token_actor[tok.i] = a.actor_id
                    self.index.mention_vias[tok.i] = "name"


def _longest_first(spans: list[SpacySpan]) -> list[SpacySpan]:
    chosen: list[SpacySpan] = []
    taken: set[int] = set()
    for sp in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if any(i in taken for i in range(sp.start, sp.end)):
            continue
        chosen.append(sp)
        taken.update(range(sp.start, sp.end))
    return sorted(chosen, key=lambda s: s.start)


def _capital_acts(sp: SpacySpan) -> bool:
    """A capital denotes its government when it acts, not when it is a place."""
    root = sp.root
    if root.dep_ == "compound":
        return False  # "Seoul Mayor", "Grand Hyatt Seoul"
    if root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS:
        return False
    if sp.end < len(sp.doc) and sp.doc[sp.end].text == "-":
        return False
    return True


def _lower_context(sp: SpacySpan) -> bool:
    return sp.text == "US" and sp.root.pos_ == "PRON"


def _is_person_modifier(sp: SpacySpan) -> bool:
    head = sp.root.head
    return head.ent_type_ == "PERSON" or (
        head.pos_ == "PROPN"
        and head.text[:1].isupper()
        and head.i > sp.root.i
        and head.dep_ != "pobj"
        and any(t.ent_type_ == "PERSON" for t in head.subtree)
    )


def _name_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Grow an NER person span over adjacent proper-noun pieces ("Kim Min" + "-seok")."""
    while (
        end < len(doc)
        and doc[end].pos_ == "PROPN"
        and doc[end].text[:1].isalpha()
        and not doc[end - 1].whitespace_ == ""
        and doc[end].ent_type_ in {"", "PERSON"}
        and doc[end].text[:1].isupper()
        and end - start < 4
    ):
        end += 1
    while end < len(doc) and not doc[end - 1].whitespace_ and doc[end].is_alpha:
        end += 1
    # drop titles the NER swallowed ("President Kim")
    table, former = role_table()
    while start < end - 1 and (doc[start].lower_ in table or doc[start].lower_ in former):
        start += 1
    if end - start > 1 and doc[end - 1].text in {"’s", "'s"}:
        end -= 1
    return start, end


def _title_start(doc: Doc, start: int) -> int:
    """Leftmost token of the title/role words directly before a name."""
    i = start
    while i > 0:
        t = doc[i - 1]
        if t.text in TITLE_STOP or t.is_punct or t.ent_type_ == "PERSON":
            break
        if t.dep_ in {"compound", "amod", "nmod", "poss", "case"} or t.text in {"’s", "'s"}:
            i -= 1
            continue
        break
    return i


def _appositive(doc: Doc, start: int, end: int) -> SpacySpan | None:
    """ ", a visiting professor of Asian studies at Stanford University" after a name."""
    head = doc[start:end].root
    for child in head.children:
        if child.dep_ == "appos" and child.i >= end:
            sub = list(child.subtree)
            return doc[sub[0].i : sub[-1].i + 1]
    if end + 1 < len(doc) and doc[end].text == ",":
        nxt = doc[end + 1]
        if nxt.lower_ in {"a", "an", "the"} or nxt.lower_ in role_table()[0]:
            j = end + 1
            while j < len(doc) and doc[j].text not in {",", ".", ";", "“", '"', "”"}:
                j += 1
            return doc[end + 1 : j]
    return None


def _role_attributes(
    b: _Builder, doc: Doc, title_start: int, start: int, appos: SpacySpan | None
) -> tuple[str | None, str | None, str | None]:
    """Country, sector and role text from the title before and the appositive after a name."""
    country = sector = None
    role_parts: list[str] = []
    title = doc[title_start:start]
    if len(title):
        role_parts.append(title.text)
        country = _country_in(b, title)
        sector, _ = sector_of([t.text for t in title if not _is_state_word(b, t)])
    if appos is not None and len(appos):
        role_parts.append(appos.text)
        c2, s2 = _appos_country_sector(b, appos)
        country = country or c2
        sector = sector or s2
    role = "; ".join(p.strip(" ,") for p in role_parts if p.strip(" ,")) or None
    return country, sector, role


def _is_state_word(b: _Builder, tok: Token) -> bool:
    return bool([e for e in b.gaz.lookup(tok.text) if e.kind == "state"])


def _country_in(b: _Builder, span: SpacySpan) -> str | None:
    for sp in _longest_first(b.gaz.matcher(span.as_doc(), as_spans=True)):
        for e in b.gaz.lookup(sp.label_):
            if e.country and e.kind in {"state", "organisation"}:
                return e.country
    return None


def _appos_country_sector(b: _Builder, appos: SpacySpan) -> tuple[str | None, str | None]:
    """Country from modifiers of the role noun first ("former U.S. ambassador to Korea" -> USA),
    then from institutions in it ("at Stanford University" -> USA); sector from the role noun."""
    country = sector = None
    root = appos.root
    heads = [root, *root.conjuncts]
    for h in heads:
        mods = [c for c in h.children if c.dep_ in {"compound", "amod", "nmod", "poss"}]
        for m in mods:
            c = _country_in(b, appos.doc[m.left_edge.i : m.right_edge.i + 1])
            if c:
                country = country or c
        s, _ = sector_of([t.text for t in h.subtree if t.i <= h.i and t.i >= h.left_edge.i])
        sector = sector or s
    inst = _country_in(b, appos)
    for sp in _longest_first(b.gaz.matcher(appos.as_doc(), as_spans=True)):
        for e in b.gaz.lookup(sp.label_):
            if e.kind == "organisation":
                country = country or e.country
                if (
                    e.sector == "EDU"
                    and sector in {None, "GOV"}
                    and root.lower_
                    in {"professor", "director", "fellow", "lecturer", "researcher", "scholar"}
                ):
                    sector = "EDU"
    if country is None:
        country = inst
    return country, sector


def _lookup_person(gaz: Gazetteer, surface: str):
    for info in gaz.people.values():
        if surface == info.name or surface in info.aliases:
            return info
    return None


def resolve_actors(doc: Doc, nlp, anchor: str | None) -> ActorIndex:
    """Resolve every actor mention in a parsed document."""
    return _Builder(doc, gazetteer(nlp), anchor).run()
