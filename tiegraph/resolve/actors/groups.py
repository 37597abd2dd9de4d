"""Group actors: role nouns modified by states ("Hungarian and Romanian officials", "officials in Seoul")."""

from __future__ import annotations

from spacy.tokens import Token

from tiegraph.model import Actor, Mention
from tiegraph.resolve.actors.context import _placement_data
from tiegraph.resolve.actors.index import _span
from tiegraph.resolve.actors.metonymy import MetonymyPass
from tiegraph.resolve.actors.spans import (
    _trim_group_start,
)
from tiegraph.resolve.actors.state import (
    STATE_DEPS,
    _context_data,
    _metonymy,
)
from tiegraph.resolve.roles import (
    role_match,
    role_sector,
)


class GroupPass(MetonymyPass):
    """Role nouns modified by states become group actors (pass 5)."""

    def group_pass(self) -> None:
        """Role nouns modified by states: "North Korean forces" -> PRKMIL, "Hungarian and
        Romanian officials" -> HUNGOV + ROUGOV, "officials in Seoul" -> KORGOV."""
        doc = self.doc
        _, _, gov_nouns = _metonymy()
        dateline = self._dateline_country()
        tt = self.tt
        for i, tok in enumerate(tt.toks):
            if tt.pos[i] not in {"NOUN", "PROPN"} or i in self.index.token_actor:
                continue
            if i in self.described:
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
            if not states and self._igo_group(tok, sector, mods):
                continue  # "EU officials", "U.N. investigators"
            implied = False
            if not states and self._unplaced_officials(tok, sector):
                home = dateline or self._focal_home(tok)
                if home:  # "Military officials said ..." under "SEOUL —"
                    states = [(home, tok)]
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

    def compound_role_groups(self) -> None:
        """ "Rights groups say", "Afghan aid groups": a role of several words (roles.yaml
        "rights group") on a noun that alone names none, which the one-word group pass
        skips. With a state modifier it is that state's group; without one only an NGO is
        (PLOVER ~NGO: an NGO needs no country), coded NGO, unless the sentence opens on a
        place ("In Afghanistan, a local aid group said")."""
        doc, tt = self.doc, self.tt
        for i, pos in enumerate(tt.pos):
            if pos != "NOUN" or i in self.index.token_actor or i in self.described:
                continue
            tok = tt.toks[i]
            if role_sector([tok.lemma_]) or role_sector([tok.text]):
                continue  # one word: the group pass's
            left = tok.i
            while left > 0 and doc[left - 1].dep_ in STATE_DEPS and doc[left - 1].head.i == tok.i:
                left -= 1
            sector, phrase, end = role_match([t.text for t in doc[left : tok.i + 1]])
            if sector is None or end != tok.i + 1 - left or " " not in (phrase or ""):
                continue
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper():
                continue  # "rights group Kontras": the organisation's name follows
            states = [
                a.country
                for t in doc[left : tok.i]
                if (a := self.index.actor_of_token(t)) is not None and a.kind == "state"
            ]
            if not states and (frame := self._frame_country(tok.sent)):
                states = [frame]  # "In Afghanistan, a local aid group said"
            start = _trim_group_start(doc, left, tok.i)
            name = doc[start : tok.i + 1].text
            if len(set(states)) == 1 and states[0]:
                self._group_mention(self.group_actor(states[0], sector, name), start, tok.i)
            elif not states and sector == "NGO":
                g = self.actor(
                    f"G:NGO:{name}", name=name, kind="group", country=None, sector="NGO",
                    code="NGO",
                )  # fmt: skip
                self._group_mention(g, start, tok.i)

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
                mc = self._country_in(self.doc[m.left_edge.i : m.right_edge.i + 1])
                if mc:
                    start = _trim_group_start(self.doc, min(m.left_edge.i, noun.i), noun.i)
                    name = self.doc[start : noun.i + 1].text
                    g = self.group_actor(mc, sector, name)
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

    def _igo_group(self, tok: Token, sector: str, mods: list[Token]) -> bool:
        """A role noun an IGO modifies ("EU officials", "U.N. investigators") is a group of
        that IGO, coded with the IGO's code and no country."""
        for m in mods:
            igo = self.index.actor_of_token(m)
            if igo is None or igo.kind != "igo" or not igo.code:
                continue
            start = _trim_group_start(self.doc, min(m.left_edge.i, tok.i), tok.i)
            name = self.doc[start : tok.i + 1].text
            g = self.actor(
                f"G:{igo.code}{sector}:{name}", name=name, kind="group", country=None,
                sector=sector, code=igo.code,
            )  # fmt: skip
            self._group_mention(g, start, tok.i)
            return True
        return False

    def _unplaced_officials(self, tok: Token, sector: str) -> bool:
        """Bare plural officials in a datelined report ("Military officials said",
        "Officials said") are the dateline country's, unless the phrase has a determiner
        or spans sides ("officials on both sides"). Without a dateline the quotes stage
        gives a group the country of the clause before it, not the story's."""
        if tok.tag_ != "NNS" or tok.lower_ not in _context_data()["dateline_nouns"]:
            return False
        if any(c.dep_ in {"det", "poss", "nummod", "prep"} for c in tok.children):
            return False
        if any(t.lower_ in {"both", "all", "each"} for t in tok.subtree):
            return False
        return True

    def _focal_home(self, tok: Token) -> str | None:
        """Without a dateline, bare plural sources ("Prosecutors say", "Authorities said")
        are the focal country's when neither their sentence, the two before it nor the
        one after it name another state, an IGO or several sides (actors.yaml
        `placement.focal_groups`, `multi_party_words`)."""
        if tok.lower_ not in (_placement_data().get("focal_groups") or []):
            return None
        if not hasattr(self, "_focal"):
            self._focal = self.focal_country()
        if not self._focal:
            return None
        sides = set(_placement_data().get("multi_party_words") or [])
        first, last = tok.sent.start, tok.sent.end
        for _ in range(2):  # the sentence, the two before it and the one after it
            if first > 0:
                first = self.doc[first - 1].sent.start
        if last < len(self.doc):
            last = self.doc[last].sent.end
        for t in self.doc[first:last]:
            if self._seat_of_body(t):
                continue  # "a nonprofit project based in China": where a body sits, no side
            c = self._token_country(t)
            others = self.index.actors_of_token(t)  # "the two Koreas", "Kim Jong-il"
            if (c and c != self._focal) or any(
                o.kind == "igo" or (o.country and o.country != self._focal) for o in others
            ):
                return None  # "EU officials said ... Officials said": maybe the EU's
            if t.lower_ in sides:
                return None  # "The two sides also agreed ... Officials said"
        return self._focal

    def _seat_of_body(self, t: Token) -> bool:
        """A place named only as where a body is based ("based in China", "Geneva-based";
        `context.seat_verbs`, `seat_words`)."""
        doc, data = self.doc, _context_data()
        based = t.head.lower_ == "in" and t.head.head.lemma_.lower() in data["seat_verbs"]
        hyphen = (
            t.i + 2 < len(doc)
            and doc[t.i + 1].text == "-"
            and doc[t.i + 2].lower_ in data["seat_words"]
        )
        return based or hyphen

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
