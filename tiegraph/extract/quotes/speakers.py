"""Who speaks: positions in the document and speaker resolution for the quote finder
(actors, pronouns, definite role nouns, documents, groups and unresolved names)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Token

from tiegraph.extract.context import DocContext
from tiegraph.extract.quotes.lexicon import SENT_END, cues
from tiegraph.extract.quotes.marks import find_quoted, paragraphs
from tiegraph.model import Actor, Span, Speaker
from tiegraph.nlp.syntax import doc_text
from tiegraph.resolve.actors import sector_of
from tiegraph.resolve.gazetteer import demonym_of


@dataclass
class _Found:
    kind: str
    start: int
    end: int
    text: str
    cue: str | None
    speaker: Speaker
    anchor: int  # a character position in the attribution (for the evidence span)
    fragment: bool = False  # the quoted wording inside an indirect quote


class _FinderBase:
    """One document's positions, quoted passages and speakers; the passes that find quotes
    build on it (finder.py)."""

    def __init__(self, ctx: DocContext):
        self.ctx = ctx
        self.doc = ctx.doc
        self.text = doc_text(ctx.doc)
        self.c = cues()
        self.paras = paragraphs(self.text)
        self._pstarts = [p[0] for p in self.paras]
        self.quoted = find_quoted(self.text)
        self._qstarts = [q.start for q in self.quoted]
        self.claimed: set[int] = set()
        self.found: list[_Found] = []
        self.spare_cues: list[tuple[Token, Speaker]] = []
        self.unresolved: list[Speaker] = []  # speakers named in the text but unknown to resolve
        self.cue_marks: list[tuple[int, Speaker | None]] = []  # every cue verb with a subject
        self.attributions: list[tuple[int, int, str, Speaker]] = []  # "said Kim" ranges
        self.mentions = sorted(ctx.actors.mentions, key=lambda m: m.span.start)
        self._sstarts = [s.start_char for s in ctx.doc.sents] or [0]
        self._dateline: str | None = None  # computed on first use; "" for none
        self._attribution: tuple[int, int] | None = None  # the cue being reported, if any

    # -- positions ---------------------------------------------------------------
    def para_of(self, pos: int) -> int:
        return max(0, bisect_right(self._pstarts, pos) - 1)

    def para_range(self, pos: int) -> tuple[int, int]:
        return self.paras[self.para_of(pos)] if self.paras else (0, len(self.text))

    def quote_at(self, pos: int) -> int | None:
        k = bisect_right(self._qstarts, pos) - 1
        if k >= 0 and self.quoted[k].start <= pos < self.quoted[k].end:
            return k
        return None

    def is_heading(self, pos: int) -> bool:
        p0, p1 = self.para_range(pos)
        return not self.text[p0:p1].rstrip().endswith(tuple(SENT_END + '"”’):;'))

    def clip(self, a: int, b: int, pos: int) -> tuple[int, int]:
        p0, p1 = self.para_range(pos)
        a, b = max(a, p0), min(b, p1)
        while a < b and self.text[a].isspace():
            a += 1
        while b > a and self.text[b - 1].isspace():
            b -= 1
        return a, b

    def evidence(self, a: int, b: int) -> Span:
        toks = self.doc.char_span(a, max(a + 1, b), alignment_mode="expand")
        if toks is None or not len(toks):
            return Span(a, b, self.text[a:b])
        s0 = toks[0].sent.start_char
        s1 = toks[-1].sent.end_char
        s0 = max(s0, self.para_range(a)[0])
        s1 = min(s1, self.para_range(max(a, b - 1))[1])
        return Span(s0, s1, self.text[s0:s1].strip())

    # -- speakers ----------------------------------------------------------------
    def speaker_from_actor(self, a: Actor, tok: Token, name: str | None = None) -> Speaker:
        span = Span(tok.idx, tok.idx + len(tok.text), tok.text)
        for m in self.mentions:
            if m.actor_id == a.actor_id and m.span.start <= tok.idx < m.span.end:
                span = m.span
                break
        return Speaker(name or a.name, a.actor_id, a.country, a.code, a.role, span)

    def previous_actor(self, pron: Token, persons: bool) -> Actor | None:
        """Antecedent of a pronoun: for he/she the most recent person mentioned outside
        quotation marks in this or the two paragraphs before; for it (they) a state or
        institution (or group) that is the subject of a clause in this or the previous
        sentence."""
        before = pron.idx
        k = bisect_right(self._sstarts, before) - 1
        if persons:
            # a text without paragraph breaks (wire copy flattened to one line) is read in
            # sentences: the last `pronoun_window` of them
            lo = max(
                self.paras[max(0, self.para_of(before) - 2)][0],
                self._sstarts[max(0, k - self.c.pronoun_window)],
            )
            kinds = {"person"}
        else:
            lo = max(self._sstarts[max(0, k - 1)], self.para_range(before)[0])
            kinds = {"state", "organisation", "igo", "institution"}
            if pron.lower_ in self.c.plural_pronouns:
                kinds = kinds | {"group"}
        best = best_subject = None
        for m in self.mentions:
            if m.span.start >= before:
                break
            if m.span.start < lo or self.quote_at(m.span.start) is not None:
                continue
            a = self.ctx.actors.actors.get(m.actor_id)
            if a is None or a.kind not in kinds:
                continue
            subject = self._is_subject(m.span.start, m.span.end)
            if not persons and not subject:
                continue
            best = a
            near = self._sstarts[max(0, k - 2)]  # this or the two previous sentences
            if (
                subject
                and self.para_of(m.span.start) == self.para_of(before)
                and m.span.start >= near
            ):
                best_subject = a
        # he/she: a subject of this or the two previous sentences outranks a later person in
        # another role ("Lee said the launch would weaken President Kim's policy. But he
        # said ..."); so does the person whose turn it is, the last to speak in that span
        # ('"...," he said. He dismissed concerns about Trump's threat. "...," he said')
        if persons and best_subject is None:
            near = self._sstarts[max(0, k - 1)]
            turn = [
                f.speaker
                for f in self.found
                if near <= f.anchor < before and f.speaker.actor_id and self.is_person(f.speaker)
            ]
            if turn:
                a = self.ctx.actors.actors.get(turn[-1].actor_id or "")
                if a is not None:
                    return a
        return best_subject or best

    def person_antecedent(self, pron: Token) -> Speaker | None:
        """he/she: the latest person mentioned before, a resolved actor or a name the
        resolver missed but this extractor already took as a speaker."""
        a = self.previous_actor(pron, persons=True)
        a_pos = -1
        if a is not None:
            a_pos = max(
                m.span.start
                for m in self.mentions
                if m.actor_id == a.actor_id and m.span.start < pron.idx
            )
        lo = self.paras[max(0, self.para_of(pron.idx) - 2)][0]
        named = [u for u in self.unresolved if u.span and lo <= u.span.start < pron.idx]
        last = named[-1].span if named else None
        if named and last is not None and last.start > a_pos:
            u = named[-1]
            span = Span(pron.idx, pron.idx + len(pron.text), pron.text)
            return Speaker(u.name, None, u.country, u.code, u.role, span)
        return self.speaker_from_actor(a, pron) if a else None

    def _is_subject(self, a: int, b: int) -> bool:
        span = self.doc.char_span(a, b, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        while root.dep_ == "compound" and root.head.i != root.i:
            root = root.head
        return root.dep_ in {"nsubj", "nsubjpass"}

    def np_tokens(self, head: Token) -> list[Token]:
        """The speaker noun phrase: left modifiers and locative/of-phrases, no clauses,
        within the head's paragraph."""
        toks = [head]
        for ch in head.lefts:
            toks.extend(ch.subtree)
        for ch in head.rights:
            if ch.dep_ == "prep" and ch.lower_ in {"in", "from", "at", "of", "for", "with"}:
                toks.extend(ch.subtree)
            elif ch.dep_ in {"punct", "appos", "relcl", "acl", "cc", "conj"}:
                break
        p0, p1 = self.para_range(head.idx)
        toks = sorted({t for t in toks if p0 <= t.idx < p1}, key=lambda t: t.i)
        while len(toks) > 1 and (toks[0].lower_ in self.c.trim or toks[0].is_punct):
            if toks[0].lower_ in {"a", "an"} and head.tag_ == "NN":
                break  # "a senior diplomat": one unnamed person, the article stays
            toks = toks[1:]
        return toks

    def place_country(self, toks: list[Token]) -> Actor | str | None:
        """The actor or country a speaker phrase's modifiers name ("State Department",
        "in Seoul", "its" for the state last mentioned as a subject)."""
        for t in toks:
            a = self.ctx.actors.actor_of_token(t)
            if a is not None and a.kind != "none" and (a.country or a.kind == "igo"):
                return a  # an IGO names no country but is the body ("UN Working Group")
            if t.dep_ == "poss" and t.lower_ in self.c.group_pronouns | self.c.plural_pronouns:
                a = self.previous_actor(t, persons=False)
                if a is not None and a.country:
                    return a
        places = self.ctx.actors.token_place  # "officials in Seoul": a place, not an actor
        return next((places[t.i] for t in toks if places.get(t.i)), None)

    def is_speaker_noun(self, tok: Token) -> bool:
        lemma = tok.lemma_.lower()
        if lemma in self.c.speaker_nouns or tok.lower_ in self.c.speaker_nouns:
            return True
        return tok.pos_ == "NOUN" and sector_of([lemma])[0] is not None

    def group_speaker(
        self, head: Token, name_toks: list[Token], extra: list[Token], infer: bool = False
    ) -> Speaker:
        """A group or unresolved speaker: country and sector from the phrase's modifiers;
        with `infer`, a government group that names no country takes the state the context
        is about ("Japan did not halt ..., but officials said" -> "Japanese officials")."""
        name = self.doc[name_toks[0].i : name_toks[-1].i + 1].text
        span = Span(name_toks[0].idx, name_toks[-1].idx + len(name_toks[-1].text), name)
        if name_toks[0].lower_ in {"a", "an"}:
            name = name_toks[0].lower_ + name[len(name_toks[0].text) :]  # "A senior diplomat"
        place = self.place_country([t for t in extra if t.i != head.i])
        sector = sector_of([head.lemma_.lower()])[0] if head.pos_ == "NOUN" else None
        country = place.country if isinstance(place, Actor) else place
        inst = place if isinstance(place, Actor) and place.kind in {"organisation", "igo"} else None
        if inst is not None:
            sector = sector or inst.sector
        if infer and country is None and sector in self.c.inferred_sectors:
            country = self.context_state(head, extra)
            if country is not None:
                name = _with_demonym(name_toks, country)
        code = ((country or "") + (sector or "")) or None
        if inst is not None and inst.kind == "igo" and not country:
            code = inst.code  # a body of an IGO speaks as the IGO: IGOUNO, not bare IGO
        return Speaker(name, inst.actor_id if inst else None, country, code, None, span)

    def context_state(self, head: Token, phrase: list[Token]) -> str | None:
        """The state a sentence is about before a group speaker: the subject of an earlier
        main clause of the sentence, else of the previous sentence of the paragraph; for a
        group that opens its paragraph, the country of the story's wire dateline."""
        words_ = {t.lower_ for t in phrase} | {t.lower_ for t in head.subtree}
        if words_ & self.c.multi_party:
            return None  # "Allied officials", "Officials on both sides"
        sent = head.sent
        earlier = [
            t
            for t in sent
            if t.i < head.left_edge.i
            and t.dep_ in {"nsubj", "nsubjpass"}
            and t.head.dep_ in {"ROOT", "conj"}
        ]
        if earlier:
            return self.state_of(earlier[-1])
        k = bisect_right(self._sstarts, sent.start_char) - 2
        if k < 0 or self._sstarts[k] < self.para_range(head.idx)[0]:
            return self.dateline_country()  # "SEOUL — ..." / "Military officials said ..."
        prev = self.doc.char_span(self._sstarts[k], sent.start_char, alignment_mode="contract")
        if prev is None or not len(prev):
            return None
        root = prev[0].sent.root
        subj = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        return self.state_of(subj) if subj is not None else None

    def dateline_country(self) -> str | None:
        """The country of a wire dateline ("SEOUL —", "TOKYO --") near the top: the country
        the resolver gives the same place where the text names it in running prose. None
        for no dateline or one that names places in several countries."""
        if self._dateline is not None:
            return self._dateline or None
        self._dateline = ""
        for p0, p1 in self.paras[:40]:
            m = self.c.dateline.match(self.text, p0, p1) if self.c.dateline else None
            if m is None:
                continue
            places = re.split(r"\s*/\s*", self.text[p0 : m.end()].split(",")[0].strip(" —–-"))
            found = {self._place_named(pl.title()) for pl in places}
            if len(found) == 1 and None not in found:
                self._dateline = found.pop() or ""
            break
        return self._dateline or None

    def _place_named(self, name: str) -> str | None:
        parts = name.split()
        for tok in self.doc:
            if tok.text != parts[0] or self.doc[tok.i : tok.i + len(parts)].text != name:
                continue
            a = self.ctx.actors.actor_of_token(tok)
            country = (a.country if a is not None else None) or self.ctx.actors.token_place.get(
                tok.i
            )
            if country:
                return country
        return None

    def state_of(self, tok: Token) -> str | None:
        """The country of a state (or government body) a subject names."""
        a = self.ctx.actors.actor_of_token(tok)
        if a is None or not a.country:
            return None
        if a.kind == "state" or (a.kind == "organisation" and a.sector in self.c.inferred_sectors):
            return a.country
        return None

    def unresolved_name(self, tok: Token, person_slot: bool = False) -> list[Token] | None:
        """A person's name the resolver missed ("Professor Min Tae-ryong", "Jang Hyeon-u"):
        the run of capitalised or hyphen-joined tokens around `tok`, titles dropped. A title
        or role word in front ("Analyst Sophie Langtry") outweighs the NER label."""
        doc = self.doc
        joined = tok.i > 0 and doc[tok.i - 1].whitespace_ == "" and doc[tok.i - 1].text == "-"
        if not (tok.text[:1].isupper() or joined) or tok.lower_ in self.c.trim:
            return None
        lo = hi = tok.i
        sent = tok.sent
        while lo > sent.start:
            prev = doc[lo - 1]
            if prev.text == "," or not (prev.text[:1].isupper() or prev.whitespace_ == ""):
                break
            lo -= 1
        while hi + 1 < sent.end and doc[hi].whitespace_ and doc[hi + 1].text[:1].isupper():
            if self.ctx.actors.actor_of_token(doc[hi + 1]) or not doc[hi + 1].is_alpha:
                break
            hi += 1
        run = list(doc[lo : hi + 1])
        if any(t.ent_type_ in {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY"} for t in run):
            return None
        titled = False
        while run and (
            run[0].lower_ in self.c.titles
            or run[0].lower_ in self.c.trim
            or run[0].is_stop
            or sector_of([run[0].lower_])[0] is not None
            or not run[0].is_alpha
        ):
            titled = titled or (
                run[0].lower_ in self.c.titles or bool(sector_of([run[0].lower_])[0])
            )
            run = run[1:]
        if not run or any(self.ctx.actors.actor_of_token(t) for t in run):
            return None
        if len(run) == 1 and any(run[0].text in self._name_parts(u.name) for u in self.unresolved):
            return run
        if titled or person_slot or any(t.ent_type_ == "PERSON" for t in run):
            return run
        if any(t.ent_type_ in {"ORG", "GPE", "NORP", "FAC", "LOC"} for t in run):
            return None
        return run if len(run) >= 2 or run[0].pos_ == "PROPN" else None

    @staticmethod
    def _name_parts(name: str) -> list[str]:
        return [p for p in re.split(r"[\s-]+", name) if p]

    def name_before(self, role: Token) -> Speaker | None:
        """The person a sentence-initial 'NAME, a ROLE ...' subject names, when the parser
        made the role noun the subject."""
        left = role.left_edge.i
        if left < 2 or self.doc[left - 1].text != ",":
            return None
        prev = self.doc[left - 2]
        persons = [a for a in self.ctx.actors.actors_under(prev) if a.kind == "person"]
        if persons:
            return self.speaker_from_actor(persons[0], prev)
        run = self.unresolved_name(prev)
        if run is None or run[0].i != prev.sent.start:
            return None
        return self.name_speaker(run, [role])

    def name_speaker(
        self, run: list[Token], appos: list[Token], skip: frozenset[int] = frozenset()
    ) -> Speaker:
        """Speaker for an unresolved name; a later bare surname reuses an earlier full name
        found the same way (the resolver knew neither). `appos` holds the role phrase's head,
        `skip` the tokens of the name inside it."""
        name = self.doc[run[0].i : run[-1].i + 1].text
        span = Span(run[0].idx, run[-1].idx + len(run[-1].text), name)
        if len(run) == 1:
            for full in reversed(self.unresolved):
                if name in self._name_parts(full.name) and full.name != name:
                    return Speaker(full.name, None, full.country, full.code, full.role, span)
        country = code = role = None
        extra = [t for t in appos[0].subtree if t.i not in skip] if appos else []
        while extra and extra[-1].is_punct:
            extra = extra[:-1]
        if extra:
            g = self.group_speaker(appos[0], extra, extra)
            country, code = g.country, g.code
            role = self.doc[extra[0].i : extra[-1].i + 1].text
        sp = Speaker(name, None, country, code, role, span)
        self.unresolved.append(sp)
        return sp

    def speaker(self, subj: Token, depth: int = 0) -> Speaker | None:
        """Who a subject (or "according to" object) denotes, through the actor resolution;
        a group or an unresolved name when the resolver has no actor for it."""
        low = subj.lower_
        if low in self.c.person_pronouns:
            return self.person_antecedent(subj)
        if low in self.c.relative_pronouns and subj.head.dep_ == "relcl" and depth == 0:
            return self.speaker(subj.head.head, 1)  # "Voronin, who describes ... as"
        if low in self.c.group_pronouns or low in self.c.plural_pronouns:
            a = self.previous_actor(subj, persons=False)
            return self.speaker_from_actor(a, subj) if a else None
        appos = [ch for ch in subj.children if ch.dep_ == "appos"]
        if self.is_speaker_noun(subj):  # "A spokesman for the Embassy in Seoul, Mark Denholm,"
            appos += [t for t in subj.subtree if t.dep_ == "appos" and t.i > subj.i][::-1]
        for cand in [subj, *appos]:  # "North Korea's foreign minister, Ri Yong-ho, said"
            persons = [a for a in self.ctx.actors.actors_under(cand) if a.kind == "person"]
            if persons:
                tok = next(
                    (t for t in [cand, *cand.conjuncts] if self.ctx.actors.actor_of_token(t)),
                    cand,
                )
                return self.speaker_from_actor(persons[0], tok)
        if self.is_speaker_noun(subj):  # "a spokeswoman for the embassy, Emi Tanabe," (no actor)
            for ap in appos:
                if ap.pos_ != "PROPN" or self.ctx.actors.actors_under(ap):
                    continue
                run = self.unresolved_name(ap, person_slot=True)
                if run is not None:
                    return self.name_speaker(run, [subj], frozenset(t.i for t in ap.subtree))
        if subj.lemma_.lower() in self.c.documents and depth == 0:
            return self.document_speaker(subj)  # "the report said", "a G7 statement said"
        if subj.lemma_.lower() in self.c.nouns and depth == 0:  # "Kim's remarks suggested"
            poss = next((ch for ch in subj.children if ch.dep_ == "poss"), None)
            return self.speaker(poss, 1) if poss is not None else None
        np = self.np_tokens(subj)
        head_actor = self.ctx.actors.actor_of_token(subj)
        if depth == 0 and (head_actor is None or head_actor.kind in {"group", "none"}):
            known = self.definite_antecedent(subj, np)  # "the top U.S. diplomat noted"
            if known is not None:
                return known
        if head_actor is not None and head_actor.kind not in {"none", "place"}:
            name = self.doc[np[0].i : np[-1].i + 1].text
            span = Span(np[0].idx, np[-1].idx + len(np[-1].text), name)
            exact = any(
                m.span.start == span.start and m.span.end == span.end for m in self.mentions
            )
            if np[0].lower_ in {"a", "an"}:
                name = np[0].lower_ + name[len(np[0].text) :]  # "a senior diplomat"
            a = head_actor
            return Speaker(a.name if exact else name, a.actor_id, a.country, a.code, None, span)
        if self.is_speaker_noun(subj) and not (subj.pos_ == "PROPN" and not subj.is_sent_start):
            named = self.name_before(subj)  # "Oh Jin-seok, a spokesman for ..., told"
            return named if named is not None else self.group_speaker(subj, np, np, infer=True)
        run = self.unresolved_name(subj)
        if run is not None:
            return self.name_speaker(run, appos)
        if subj.pos_ == "PROPN" and subj.ent_type_ in {"ORG", "FAC"}:
            return self.group_speaker(subj, np, np)  # an institution the resolver missed
        return None

    def definite_antecedent(self, head: Token, np: list[Token]) -> Speaker | None:
        """A definite role noun points back ("the spokesperson said", "the agency said", "the
        top U.S. diplomat noted"): the latest actor within three paragraphs whose role or name
        holds the noun, else, for a person's role, the latest person who spoke or was named."""
        if head.tag_ != "NN" or not any(
            c.dep_ == "det" and c.lower_ in self.c.definite_dets for c in head.children
        ):
            return None
        if any(t.pos_ == "PROPN" and t.ent_type_ == "PERSON" for t in np):
            return None
        word = head.lower_
        lo = self.paras[max(0, self.para_of(head.idx) - 3)][0]
        before = [m for m in self.mentions if lo <= m.span.start < np[0].idx]
        for m in reversed(before):
            a = self.ctx.actors.actors.get(m.actor_id)
            if a is None or a.kind in {"group", "none"} or self.quote_at(m.span.start) is not None:
                continue
            if word in (a.role or "").lower() or (a.kind != "person" and word in a.name.lower()):
                return self.speaker_from_actor(a, head)
        sector = sector_of([t.lower_ for t in np])[0]
        if sector is None or sector_of([head.lemma_.lower()])[0] is None:
            return None  # "the group", "the agency": no person to fall back on
        for f in reversed(self.found):
            sp = f.speaker
            if lo <= f.anchor < head.idx and self.is_person(sp):
                # an official's role points to an official ("the military spokesperson"
                # is not the passenger quoted last); other roles to the last person who spoke
                if sector in self.c.inferred_sectors and not (sp.code or "").endswith(
                    tuple(self.c.inferred_sectors)
                ):
                    continue
                return Speaker(sp.name, sp.actor_id, sp.country, sp.code, sp.role, sp.span)
        return None

    def document_speaker(self, doc_noun: Token) -> Speaker:
        """A report, statement, poll or law as speaker: the author it names ("Xinhua's report",
        "a WindEurope report", "the G7 joint statement", "a report by Freedom House"), else
        the document itself as an unnamed speaker ("the report found")."""
        owners = [c for c in doc_noun.children if c.dep_ in {"poss", "compound", "nmod", "amod"}]
        for c in doc_noun.children:
            if c.dep_ == "prep" and c.lower_ in {"by", "from", "of"}:
                owners += [x for x in c.children if x.dep_ == "pobj"]
        named = [
            (a, t)
            for o in owners
            for t in o.subtree
            if (a := self.ctx.actors.actor_of_token(t)) is not None
            and a.kind not in {"none", "place"}
        ]
        # "an analysis by University of Melbourne professor Andrew Rosser": the author is the
        # person, the institution only their affiliation
        persons = [(a, t) for a, t in named if a.kind == "person"]
        if persons or named:
            a, t = (persons or named)[0]
            return self.speaker_from_actor(a, t)
        np = self.np_tokens(doc_noun)
        return self.group_speaker(doc_noun, np, np)

    def is_person(self, sp: Speaker) -> bool:
        a = self.ctx.actors.actors.get(sp.actor_id or "")
        if a is not None:
            return a.kind == "person"
        return any(u.name == sp.name for u in self.unresolved)


def _with_demonym(toks: list[Token], country: str) -> str:
    """ "officials" -> "Japanese officials"; "a spokesman" -> "a Japanese spokesman"."""
    dem = demonym_of(country)
    words_ = [t.text for t in toks]
    if dem is None:
        return " ".join(words_)
    art = words_[0].lower() in {"a", "an"}
    rest = words_[1:] if art else words_
    if rest and not (toks[len(words_) - len(rest)].pos_ == "PROPN"):
        rest = [rest[0].lower(), *rest[1:]]
    if art:
        return " ".join(["an" if dem[:1].lower() in "aeiou" else "a", dem, *rest])
    return " ".join([dem, *rest])
