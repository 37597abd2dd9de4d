"""Where a reporting verb's content lies: the verb's subject and holder, its that-clause,
infinitive, question, object or trailing clause, and the span of the attribution itself.
The base of the quote finder (`finder._Finder`), kept apart from its passes."""

from __future__ import annotations

from spacy.tokens import Token

from tiegraph.extract.quotes.marks import words
from tiegraph.extract.quotes.speakers import _FinderBase


class _CueFinder(_FinderBase):
    """A document's reporting verbs read for their speaker and content."""

    # -- cues --------------------------------------------------------------------
    def cue_subject(self, verb: Token) -> Token | None:
        """The verb's subject outside quotation marks, climbing xcomp/conj/advcl
        ("used his remarks to highlight that" -> the user of the remarks)."""
        held = self.holder(verb)
        if held is not None:
            return held
        node = verb
        for _ in range(3):
            subjs = [
                c
                for c in node.children
                if c.dep_ in {"nsubj", "nsubjpass"} and self.quote_at(c.idx) is None
            ]
            if subjs:  # "that X halt exports ..., but North Korea has refused, saying": nearest
                subj = min(subjs, key=lambda c: (c.i > node.i, abs(node.i - c.i)))
                if subj.dep_ == "nsubjpass" and self._passive_cue(verb, node):
                    return None  # "was told that ...": the subject is the addressee
                return subj
            if node.dep_ in {"xcomp", "conj", "advcl"} and node.head.i != node.i:
                node = node.head
                continue
            break
        for c in verb.lefts:  # "Pemberly added that ..." with the name misparsed as an adverb
            if c.dep_ in {"advmod", "npadvmod", "intj", "dep"} and c.is_alpha:
                if c.text[:1].isupper() and not c.is_stop and self.quote_at(c.idx) is None:
                    return c
        return None

    def holder(self, verb: Token) -> Token | None:
        """The speaker of a participial cue that hangs on a quoting verb or a document: "quoted
        Foreign Minister Wang Yi as saying" -> Wang Yi (the one quoted); "the ministry issued
        a statement saying" -> the ministry, "a statement saying" alone -> the statement."""
        head = verb.head
        if verb.dep_ == "pcomp" and head.lower_ == "as" and head.head.i != head.i:
            gov = head.head
            if gov.lemma_.lower() in self.c.quoting_verbs:
                obj = next((c for c in gov.children if c.dep_ == "dobj"), None)
                if obj is not None and self.quote_at(obj.idx) is None:
                    return obj
        if verb.dep_ == "acl" and head.lemma_.lower() in self.c.documents:
            if head.dep_ in {"dobj", "pobj"} and head.head.i != head.i:
                subj = next(
                    (c for c in head.head.children if c.dep_ == "nsubj"),
                    None,
                )
                if subj is not None and self.quote_at(subj.idx) is None:
                    return subj
            return head
        return None

    @staticmethod
    def _passive_cue(verb: Token, node: Token) -> bool:
        """The cue verb itself is passive ("it was reported that", "was summoned ... and
        told that"), not a participle under a passive ("was quoted as saying")."""
        if any(c.dep_ == "auxpass" for c in verb.children):
            return True
        return (  # "was summoned and told that": the conjunct shares the passive auxiliary
            verb.dep_ == "conj"
            and node.i != verb.i
            and any(c.dep_ == "auxpass" for c in node.children)
            and not any(c.dep_ == "aux" for c in verb.children)
        )

    def appraisal(self, verb: Token) -> list[Token] | None:
        """'Beijing criticized the summit as an attempt to ...': an appraisal verb's object and
        its "as" complement are the speaker's judgement, reported."""
        if verb.lemma_.lower() not in self.c.appraisal:
            return None
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        as_ = next(
            (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"),
            None,
        )
        if obj is None or as_ is None or as_.i < obj.i:
            return None
        if any(c.dep_ == "pcomp" and c.lemma_.lower() in self.c.verbs for c in as_.children):
            return None  # "cited an official as saying ...": the official speaks (holder)
        return [*obj.subtree, *as_.subtree]

    def content(self, verb: Token) -> tuple[int, int] | None:
        """Character range of what a cue verb reports, within its paragraph."""
        forward = verb.lemma_.lower() in self.c.forward
        appraised = self.appraisal(verb)
        comps = [
            c
            for c in verb.children
            if c.dep_ == "ccomp"
            and not (
                c.i < verb.i
                and c.lemma_.lower() in self.c.verbs
                and any(x.dep_ == "nsubj" for x in c.children)
            )  # a report of its own on the left is the parser joining two clauses
            and (c.i > verb.i or (self._set_off(c, verb) and not forward))
        ]
        comps.sort(key=lambda c: (c.i < verb.i, abs(c.i - verb.i)))
        comp = comps[0] if comps else None
        if comp is None:
            comp = self.that_clause(verb) or self.question(verb)
        trailing = self.trailing(verb) if comp is None and not forward else None
        lemma = verb.lemma_.lower()
        wanted = self.c.min_direct
        if appraised is None and comp is None and trailing is None and not forward:
            # "urged Russia to accept a ceasefire", "called on China to engage": the request;
            # "denied the claims", "accuses Pakistan of exploiting": what is denied or charged
            extra = self.infinitive_content(verb) if lemma in self.c.infinitive_cues else None
            if extra is None and lemma in self.c.accusation:
                extra = self.charge_content(verb)
            if extra is None and lemma not in self.c.verbs:
                return None  # an infinitive-only cue ("call") with no infinitive
            if extra is None and lemma in self.c.accusation:
                extra = self.charge_content(verb)
            if extra is None and lemma in self.c.object_cues:
                extra = self.object_content(verb)
                wanted = self.c.min_object
            if extra is not None:
                appraised = extra
        toks: list[Token] | None
        if appraised is not None:
            toks = appraised
        elif comp is not None and comp.i < verb.i:
            toks = list(comp.subtree)  # a closing attribution reports all that precedes it
        elif comp is not None:
            toks = self.without_other_cues(comp)
        elif forward:
            toks = self.infinitive(verb)
        elif verb.dep_ == "parataxis" or (
            verb.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
        ):  # "X, Kim said, is Y"; "as Kim noted" (not "after Washington urged it to")
            own = {t.i for t in verb.subtree}
            stops = [t.i for t in verb.sent if t.i < verb.i and t.text in {":", ";", "—"}]
            toks = [t for t in verb.head.subtree if t.i not in own and t.i > max(stops, default=-1)]
        elif trailing is not None:
            toks = trailing
        else:
            return None
        if not toks:
            return None
        # a non-projective parse ("more ... than ...") yields a subtree out of text order
        sent = verb.sent  # once: Token.sent searches for the sentence's bounds
        toks = sorted((t for t in toks if sent.start <= t.i < sent.end), key=lambda t: t.i)
        if toks and self.relative_gap(toks[0], verb):
            return None  # "the missile, which officials believe was ...": a relative gap
        while toks and (
            toks[0].is_punct
            or (toks[0].dep_ in {"mark", "cc"} and toks[0].lower_ not in self.c.question_marks)
        ):
            toks = toks[1:]
        while toks and (
            (toks[-1].is_punct and toks[-1].text not in "\"”’'") or toks[-1].dep_ == "cc"
        ):
            toks = toks[:-1]
        if not toks:
            return None
        a, b = self.clip(toks[0].idx, toks[-1].idx + len(toks[-1].text), verb.idx)
        a = self.after_dateline(a)
        return (a, b) if len(words(self.text[a:b])) >= wanted else None

    def relative_gap(self, tok: Token, verb: Token | None = None) -> bool:
        """A relative pronoun opening the content ("a case that press freedom groups say is
        politically motivated", "who according to media is considering"): the cue sits inside
        a relative clause and its content is the noun the clause hangs on, not a statement."""
        low = tok.lower_
        return low in self.c.relative_pronouns | {"whom", "whose"} or (
            low == "that"
            and tok.dep_ != "mark"
            and verb is not None
            and any(a.dep_ == "relcl" for a in [verb, *verb.ancestors])
        )

    def infinitive_content(self, verb: Token) -> list[Token] | None:
        """The to-infinitive a request or promise verb governs, on it or on its "on" object
        ("urged Russia to accept", "called on China to engage", "vowed to make")."""
        heads = [verb] + [c for c in verb.children if c.dep_ in {"prep", "dobj"}]
        for h in heads:
            for c in h.children:
                if (
                    c.dep_ in {"xcomp", "ccomp"}
                    and c.i > verb.i
                    and any(x.lower_ == "to" and x.dep_ == "aux" for x in c.children)
                ):
                    return list(c.subtree)
        return None

    def question(self, verb: Token) -> Token | None:
        """ "asked the elder Lai if he agreed with them": the question an asking verb reports,
        an adverbial clause opened by "if"/"whether" after it."""
        if verb.lemma_.lower() not in self.c.question_cues:
            return None
        for c in verb.children:
            if c.dep_ in {"advcl", "ccomp"} and c.i > verb.i:
                if any(m.dep_ == "mark" and m.lower_ in self.c.question_marks for m in c.children):
                    return c
        return None

    def charge_content(self, verb: Token) -> list[Token] | None:
        """ "accused the Taliban of plotting the attack": the charge after "of"."""
        of = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is None or not any(c.dep_ == "dobj" for c in verb.children):
            return None
        return [t for t in of.subtree if t.i != of.i] or None

    def object_content(self, verb: Token) -> list[Token] | None:
        """ "denied the claims", "rejected accusations that ...", "announced a settlement": the
        object is what was denied or announced; not a pronoun, not an addressee."""
        obj = next((c for c in verb.children if c.dep_ in {"dobj", "xcomp"} and c.i > verb.i), None)
        if obj is None or obj.pos_ == "PRON" or self.quote_at(obj.idx) is not None:
            return None
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return None  # "the authority ... to deny entry visas": a power, not a statement
        return list(obj.subtree)

    def after_dateline(self, a: int) -> int:
        """Skip a wire dateline ("SEOUL —") that opens the paragraph of a reported clause."""
        p0, p1 = self.para_range(a)
        if a != p0 or self.c.dateline is None:
            return a
        m = self.c.dateline.match(self.text, p0, p1)
        return m.end() if m else a

    def _set_off(self, comp: Token, verb: Token) -> bool:
        """A clause left of its cue is what the cue reports only when nothing but
        punctuation stands between them ('X, officials said'; not 'X, a charge officials
        deny', where the parser took the clause for the object's apposition)."""
        subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        right = subj.left_edge.i if subj is not None and subj.i < verb.i else verb.i
        gap = self.doc[comp.right_edge.i + 1 : right]
        return all(t.is_punct or t.is_space or t.lower_ in self.c.connectives for t in gap)

    def trailing(self, verb: Token) -> list[Token] | None:
        """'The ministry called it "regrettable" and said ..., a spokeswoman, Seo, said at a
        briefing': a closing attribution the parser coordinated with the clause it reports
        (no complement of its own, its subject set off by a comma): the sentence before it."""
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.i > verb.i:
            return None
        left = subj.left_edge.i
        sent = verb.sent
        if left <= sent.start + 2 or self.doc[left - 1].text != ",":
            return None
        if any(
            c.dep_ in {"dobj", "ccomp", "xcomp", "attr", "acomp", "oprd"} for c in verb.children
        ):
            return None
        after = [t for t in sent if t.i > verb.i and not (t.is_punct or t.is_space)]
        if any(t.dep_ in {"ccomp", "relcl", "advcl", "conj", "nsubj"} for t in after):
            return None
        toks = [t for t in sent if t.i < left - 1]
        if not any(t.dep_ in {"nsubj", "nsubjpass", "expl"} for t in toks):
            return None  # "After the meeting, Kim said": no clause to report
        return toks

    def infinitive(self, verb: Token) -> list[Token] | None:
        """'expects the next round, if it comes, to be harder to contain': the object and
        its to-infinitive."""
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None:
            return None
        toks = [t for t in verb.subtree if t.i >= obj.left_edge.i]
        has_inf = any(
            t.lower_ == "to" and t.dep_ == "aux" and t.head.pos_ in {"VERB", "AUX"} for t in toks
        )
        return toks if has_inf else None

    def without_other_cues(self, comp: Token) -> list[Token]:
        """A clause minus a coordinated report of its own ("said X and declared that Y")."""
        drop: set[int] = set()
        for c in comp.subtree:
            if c.dep_ == "conj" and c.i != comp.i and c.lemma_.lower() in self.c.verbs:
                drop.update(t.i for t in c.subtree)
                drop.update(x.i for x in c.head.children if x.dep_ == "cc" and x.i < c.i)
        return [t for t in comp.subtree if t.i not in drop]

    def that_clause(self, verb: Token) -> Token | None:
        """'said on Tuesday that X ...' misparsed as a relative clause of 'Tuesday'."""
        for ch in verb.children:
            if ch.dep_ not in {"prep", "npadvmod", "dobj", "dative"}:
                continue
            for t in ch.subtree:
                if t.dep_ not in {"relcl", "acl"} or t.i <= verb.i:
                    continue
                first = next(iter(t.subtree))
                subj = [c for c in t.children if c.dep_ in {"nsubj", "nsubjpass"}]
                if first.lower_ == "that" and subj and all(c.i != first.i for c in subj):
                    return t
        return None

    def attribution_range(self, verb: Token, subj: Token) -> tuple[int, int]:
        toks = [verb, *subj.subtree]
        for ch in verb.children:
            if ch.dep_ in {"dative", "dobj", "advmod", "npadvmod", "neg", "aux", "prep", "prt"}:
                toks.extend(ch.subtree)
        return min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks)
