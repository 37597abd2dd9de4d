"""People (names.py) described by their title, appositive, affiliation and relations."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from tiegraph.model import Actor
from tiegraph.resolve import names as nm
from tiegraph.resolve.actors.institutions import InstitutionPass
from tiegraph.resolve.actors.spans import (
    _appositive,
    _pre_appositive,
    _title_start,
)
from tiegraph.resolve.actors.state import (
    STATE_DEPS,
    _context_data,
    _Desc,
)
from tiegraph.resolve.coref import (
    HONORIFIC_GENDER,
    PersonMention,
    short_form_target,
    time_words,
)
from tiegraph.resolve.gazetteer import (
    PersonInfo,
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
    title_country,
)


class PeoplePass(InstitutionPass):
    """People and their descriptions (pass 4) and relatives."""

    def person_pass(self) -> None:
        doc, tt = self.doc, self.tt
        claimed = set(self.claimed)  # names may not overlap states, organisations, places
        cands = [nm.NameCandidate(s, e, "dict") for s, e, _ in self.dict_people]
        cands += [c for c in nm.title_candidates(tt, claimed) if c.start not in self.headline]
        cands += nm.surname_candidates(tt, claimed, self.gaz.surnames)
        cands += [c for c in nm.appos_candidates(tt, claimed) if c.start not in self.headline]
        cands += [c for c in nm.role_appos_candidates(tt, claimed) if c.start not in self.headline]
        cands += [c for c in nm.ner_candidates(doc, tt, claimed) if c.start not in self.headline]
        dict_at = {(s, e): info for s, e, info in self.dict_people}
        chosen = nm.select(cands)
        taken = {i for c in chosen for i in range(c.start, c.end)}
        more = [
            c
            for c in nm.conjunct_candidates(tt, chosen, claimed)
            if not any(i in taken for i in range(c.start, c.end))
        ]
        chosen = nm.select(chosen + more)
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
        if info is None and " " in surface:
            # "Lopez Garcia" after "Andres Lopez Garcia": the later words of a full name
            target = self._earlier_full_name(surface, start)
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
        if d.igo and not d.country:
            self.person_igos.setdefault(a.actor_id, d.igo)
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

    def _earlier_full_name(self, surface: str, start: int) -> Actor | None:
        """The nearest earlier person whose longer name ends with these words."""
        found = [
            p
            for p in self.coref.people
            if p.full and p.start < start and p.actor.name.endswith(" " + surface)
        ]
        return max(found, key=lambda p: p.start).actor if found else None

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
        d.sector = now_sector or next(iter(specific or insts or generic), None)
        if d.former and not now_sector and not specific and d.sector == "GOV":
            d.sector = "ELI"  # "a former State Department official"
        served = self._role_actor(ts, start, pre, post)
        if served is not None and not d.country:  # "co-founder and director of the X Center"
            d.igo = served.code if served.kind == "igo" else None
            d.country = served.country
            d.sector = d.sector or served.sector
            d.affiliation = d.affiliation or served.actor_id
        role = "; ".join(p.strip(" ,") for p in parts if p.strip(" ,"))
        d.role = role or None
        return d

    def _role_actor(
        self, ts: int, start: int, pre: SpacySpan | None, post: SpacySpan | None
    ) -> Actor | None:
        """The first IGO or organisation named in the title or an appositive ("the U.N.
        special envoy for Syria", "co-founder and director of the Syrian Center"), for a
        person the role's syntax did not tie to it."""
        toks = list(range(ts, start))
        for sp in (pre, post):
            if sp is not None:
                toks += range(sp.start, sp.end)
        for i in toks:
            a = self.index.actor_of_token(self.doc[i])
            if a is not None and (
                (a.kind == "igo" and a.code) or (a.kind == "organisation" and a.country)
            ):
                return a
        return None

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
        text, ws = self.tt.text, self.tt.ws
        for i in range(len(text) - 2 if forms else 0):
            if text[i + 1] != "-" or ws[i] or ws[i + 1]:
                continue
            form = text[i] + "-" + text[i + 2]
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

    def _bare_surname_ok(self, tok: Token, info: PersonInfo) -> bool:
        """A lone surname is a known person only when the NER reads it as a person, or
        it is no other kind of entity and the person held office on the article's date
        ("May" in "in May" is no prime minister)."""
        if tok.lower_ in time_words():
            return False
        if tok.ent_type_ == "PERSON":  # not one whose first office came after the article
            a = self.anchor
            return not a or any(str(t.get("from") or "0")[: len(a)] <= a for t in info.terms)
        if tok.ent_type_ == "ORG" and self.anchor and term_on(info, self.anchor) is not None:
            # "Trump said ...": the NER often reads a sentence-initial surname as an ORG;
            # the subject of a speech verb in office on the date is the office-holder
            speech = _context_data()["speech_verbs"]
            return tok.dep_ == "nsubj" and tok.head.lemma_.lower() in speech
        if tok.ent_type_ and tok.ent_type_ not in {"DATE", "TIME"}:
            return False  # the NER's DATE on a name that is no time word is a slip
        return not self.anchor or term_on(info, self.anchor) is not None
