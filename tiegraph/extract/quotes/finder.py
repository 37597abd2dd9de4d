"""The passes that find quotations: reporting verbs, "according to", then the quoted
passages no cue reached; and `extract_quotes`, which turns what they found into rows."""

from __future__ import annotations

import re

from spacy.attrs import LEMMA, POS
from spacy.symbols import AUX, VERB
from spacy.tokens import Token

from tiegraph.extract.context import DocContext
from tiegraph.extract.quotes.content import _CueFinder
from tiegraph.extract.quotes.lexicon import SENT_END
from tiegraph.extract.quotes.marks import (
    Quoted,
    is_name,
    is_speech_fragment,
    words,
)
from tiegraph.extract.quotes.speakers import _Found
from tiegraph.model import Quote, Span, Speaker, stable_id


class _Finder(_CueFinder):
    """One document's quotations: reporting verbs first, then "according to", then the
    quoted passages no cue reached (colon, same-sentence cue, turn continuation, speech
    nouns and naming verbs). A quoted passage is claimed by at most one quote."""

    def adjacent_quote(self, a: int, b: int) -> int | None:
        """A free quotation right before ('"...," said X') or after ('X said: "..."') a cue."""
        p0, p1 = self.para_range(a)
        for k, q in enumerate(self.quoted):
            if k in self.claimed or q.end <= p0 or q.start >= p1:
                continue
            if q.end <= a and self.closes_into(q, a):
                return k
            if q.start >= b and re.fullmatch(r"\s*[:,—–-]?\s*", self.text[b : q.start]):
                return k
        return None

    def closes_into(self, q: Quoted, a: int) -> bool:
        """A quotation runs into the attribution at `a` ('"...," Kim said'): only punctuation
        between them, and the quotation does not end its sentence with a full stop ('"...
        further sanctions." The statement said ...' starts a new sentence and report)."""
        if not re.fullmatch(r"[\s,;—–-]*", self.text[q.end : a]):
            return False
        inner = self.text[q.inner_start : q.inner_end].rstrip()
        return not inner.endswith(".") or self.text[a : a + 1].islower()

    def direct(self, k: int, cue: str | None, sp: Speaker, anchor: int) -> None:
        q = self.quoted[k]
        qt = q.text(self.text)
        self.claimed.add(k)
        if len(words(qt)) < self.c.min_direct:
            return  # a term in quotation marks, even next to a cue
        for a, b in self.statements(q):
            self.found.append(_Found("direct", a, b, self.text[a:b], cue, sp, anchor))

    def statements(self, q: Quoted) -> list[tuple[int, int]]:
        """A quotation that runs over several paragraphs is one statement per paragraph:
        each paragraph is a turn of its own, read and cited on its own."""
        return [self.clip(a, b, a) for a, b in q.pieces]

    def report(self, a: int, b: int, cue: str | None, sp: Speaker, anchor: int) -> None:
        """Reported content [a, b): direct when quotation marks enclose it, else indirect/mixed."""
        ks = [k for k, q in enumerate(self.quoted) if q.start < b and q.end > a]
        if any(k in self.claimed and self._is_direct_claim(k) for k in ks):
            return  # the content lies in a quotation already attributed as a whole
        if ks and self._encloses(a, b, ks):
            for k in ks:
                if k not in self.claimed:
                    self.direct(k, cue, sp, anchor)
            return
        for k in ks:
            a, b = min(a, self.quoted[k].start), max(b, self.quoted[k].end)
            self.claimed.add(k)
        wording = [k for k in ks if self.is_wording(k)]
        said = self.without_attribution(a, b)
        if wording and self.c.mixed_as_clause:
            # one row per attribution: reported speech with the speaker's wording inside
            self.found.append(_Found("mixed", a, b, said, cue, sp, anchor))
            return
        self.found.append(_Found("indirect", a, b, said, cue, sp, anchor))
        for k in wording:
            self.fragment(k, cue, sp, anchor)

    def without_attribution(self, a: int, b: int) -> str:
        """The content's text with a parenthetical attribution inside it cut out ("The
        biggest risk for Seoul, experts say, is ..." -> "The biggest risk for Seoul is ..."):
        the span stays whole, the text is what was said."""
        at = self._attribution
        if at is None or not (a < at[0] and at[1] < b):
            return self.text[a:b]
        left = self.text[a : at[0]].rstrip(" ,—–")
        right = self.text[at[1] : b].lstrip(" ,—–")
        return f"{left} {right}"

    def fragment(self, k: int, cue: str | None, sp: Speaker, anchor: int) -> None:
        """The speaker's own words quoted inside reported speech, as a direct quote."""
        q = self.quoted[k]
        self.claimed.add(k)
        qt = q.text(self.text)
        self.found.append(
            _Found("mixed", q.inner_start, q.inner_end, qt, cue, sp, anchor, fragment=True)
        )

    def is_wording(self, k: int) -> bool:
        """A quoted fragment that is someone's wording, not a term or a name."""
        q = self.quoted[k]
        qt = q.text(self.text)
        if self.is_label(k):
            return False
        if is_speech_fragment(qt):
            return True
        if len(words(qt)) < self.c.min_predicate or is_name(qt):
            return False
        span = self.doc.char_span(q.inner_start, q.inner_end, alignment_mode="expand")
        toks = [t for t in span or () if not t.is_punct]
        return (
            bool(toks)
            and not any(t.pos_ in {"NOUN", "PROPN", "NUM", "PRON", "X"} for t in toks)
            and any(t.pos_ in {"VERB", "AUX", "ADV", "ADJ"} for t in toks)
        )

    def is_quoted_wording(self, k: int) -> bool:
        """Inside reported speech any quoted word that is not a name or a label is the
        speaker's own ('he was "inclined" to support the deal', '"salami slicing"'): the
        row is mixed (eval/voa/ANNOTATION.md)."""
        qt = self.quoted[k].text(self.text)
        return bool(words(qt)) and not is_name(qt) and not self.is_label(k)

    def is_label(self, k: int) -> bool:
        """A quoted string named by an agentless passive ("a doctrine often summed up as
        "..."", "a plan dubbed "..."", "which is known as "...""): a label, nobody's wording."""
        p0 = self.para_range(self.quoted[k].start)[0]
        span = self.doc.char_span(p0, self.quoted[k].start, alignment_mode="contract")
        toks = [t for t in span or () if not (t.is_punct or t.is_space)]
        if not toks:
            return False
        verb = toks[-1].head if toks[-1].lower_ == "as" else toks[-1]
        return (
            verb.tag_ == "VBN"
            and verb.lemma_.lower() in self.c.label_verbs
            and (verb.dep_ == "acl" or any(c.dep_ == "auxpass" for c in verb.children))
            and not any(c.dep_ == "agent" for c in verb.children)
        )

    def _is_direct_claim(self, k: int) -> bool:
        q = self.quoted[k]
        return any(
            f.kind == "direct" and not f.fragment and f.start == q.inner_start for f in self.found
        )

    def _encloses(self, a: int, b: int, ks: list[int]) -> bool:
        """Quotation marks hold all of the content but connectives and a short lead-in
        phrase set off by a comma ('Since then, "the degree of ..." Armstrong says')."""
        first = self.quoted[ks[0]].start
        if self._words_outside(first, b, ks):
            return False
        lead = self.text[a:first] if first > a else ""
        lead_words = [w for w in words(lead) if w.lower() not in self.c.connectives]
        return not lead_words or bool(
            len(lead_words) <= 4 and re.fullmatch(r"[^,\"“”]{0,40},\s*", lead)
        )

    def _words_outside(self, a: int, b: int, ks: list[int]) -> list[str]:
        """Words of [a, b) outside the quotations `ks` and outside the attribution being
        reported ('"Today, the whole town accepts the windmills," Sastre added, "and they are
        happy"' is all quotation)."""
        chars = list(self.text[a:b])
        spans = [(self.quoted[k].start, self.quoted[k].end) for k in ks]
        if self._attribution is not None:
            spans.append(self._attribution)
        for s0, s1 in spans:
            for i in range(max(a, s0), min(b, s1)):
                chars[i - a] = " "
        return [w for w in words("".join(chars)) if w.lower() not in self.c.connectives]

    def cue_speaker(self, tok: Token) -> tuple[Token, Speaker | None] | None:
        """The subject and speaker of a cue verb, None when the verb is no cue here."""
        lemma = tok.lemma_.lower()
        if tok.pos_ not in {"VERB", "AUX"} or lemma not in self.c.cue_lemmas:
            return None  # no cue lemma: the tests below could not pass
        assessment = lemma in self.c.assessment
        appraised = self.appraisal(tok) is not None
        requested = lemma not in self.c.verbs and (
            (lemma in self.c.infinitive_cues and self.infinitive_content(tok) is not None)
            or (lemma in self.c.accusation and self.charge_content(tok) is not None)
        )  # "called on China to engage", "accused X of Y": cues only with what was asked
        if lemma not in self.c.verbs and not assessment and not appraised and not requested:
            return None
        if tok.dep_ in {"aux", "auxpass"} or self.quote_at(tok.idx) is not None:
            return None
        if self.is_heading(tok.idx):
            return None
        if any(
            c.dep_ in {"dative", "dobj"} and c.lower_ in self.c.reflexives for c in tok.children
        ):
            return None  # "told itself a comfortable story"
        if any(c.dep_ == "neg" for c in tok.children):
            return None  # "officials did not confirm the reports": nothing was said
        subj = self.cue_subject(tok)
        if subj is None or self.quote_at(subj.idx) is not None or self.nobody(subj):
            return None
        if self.para_of(subj.idx) != self.para_of(tok.idx):
            return None
        sp = self.speaker(subj)
        if assessment and (sp is None or self.is_person(sp)):
            return None  # "Kim believes": an opinion; "intelligence believes": an assessment
        return subj, sp

    def nobody(self, subj: Token) -> bool:
        """ "Neither Britain nor Mauritius confirmed", "no official commented": nobody spoke."""
        neg = self.c.negative_words
        return subj.lower_ in neg or any(
            c.dep_ in {"det", "preconj"} and c.lower_ in neg for c in subj.children
        )

    def overridden(self, tok: Token, sp: Speaker) -> bool:
        """An institution's report inside a sentence that a person's closing attribution
        reports as a whole ('The ministry said X, a spokeswoman, Seo, said'): the person
        is the speaker."""
        if self.is_person(sp):
            return False
        for v in tok.sent:
            if v.i <= tok.i or v.lemma_.lower() not in self.c.verbs:
                continue
            left = [c for c in v.children if c.dep_ == "ccomp" and c.i < v.i]
            toks = self.trailing(v) or [t for c in left if self._set_off(c, v) for t in c.subtree]
            if not any(t.i == tok.i for t in toks):
                continue
            hit = self.cue_speaker(v)
            if hit is not None and hit[1] is not None and self.is_person(hit[1]):
                return True
        return False

    def restated(self, tok: Token, sp: Speaker) -> bool:
        """A cue inside the speaker's own report ("Okafor said she expected Washington to
        ask for more"): the outer report already holds it."""
        return any(
            f.kind == "indirect" and f.start <= tok.idx < f.end and f.speaker.name == sp.name
            for f in self.found
        )

    def cue_candidates(self) -> list[Token]:
        """The verbs whose lemma can make a cue, in text order, read from the parse's arrays:
        any other token fails `cue_speaker`'s first test, so the pass builds no Token for it."""
        doc, cue_lemmas, strings = self.doc, self.c.cue_lemmas, self.doc.vocab.strings
        if not len(doc):
            return []
        arr = doc.to_array([POS, LEMMA])
        known: dict[int, bool] = {}
        out = []
        for i, (pos, lemma) in enumerate(arr.tolist()):
            if pos != VERB and pos != AUX:
                continue
            hit = known.get(lemma)
            if hit is None:
                hit = known[lemma] = strings[lemma].lower() in cue_lemmas
            if hit:
                out.append(doc[i])
        return out

    def cue_pass(self) -> None:
        for tok in self.cue_candidates():
            hit = self.cue_speaker(tok)
            if hit is None:
                continue
            subj, sp = hit
            if sp is not None and (self.overridden(tok, sp) or self.restated(tok, sp)):
                continue
            self.cue_marks.append((tok.idx, sp))
            if sp is None:
                continue
            a, b = self.attribution_range(tok, subj)
            self.attributions.append((a, b, tok.text, sp))
            rng = self.content(tok)
            if rng is not None:
                self._attribution = (a, b)
                self.report(rng[0], rng[1], tok.text, sp, tok.idx)
                self._attribution = None
                continue
            if tok.lemma_.lower() in self.c.assessment:
                continue
            k = self.adjacent_quote(a, b)
            if k is not None:
                self.direct(k, tok.text, sp, tok.idx)
            else:
                self.spare_cues.append((tok, sp))

    def according_pass(self) -> None:
        low = self.text.lower()
        for ph in self.c.phrases:
            for m in re.finditer(rf"\b{re.escape(ph)}\b", low):
                if self.quote_at(m.start()) is not None or self.is_heading(m.start()):
                    continue
                span = self.doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is None:
                    continue
                obj = next((t for t in span[-1].children if t.dep_ == "pobj"), None)
                if obj is None:
                    obj = next((t for t in span[-1].subtree if t.dep_ == "pobj"), None)
                if obj is None:
                    continue
                sp = self.speaker(obj)
                if sp is None:
                    continue
                own = {t.i for t in span.root.subtree}
                head = span.root.head
                toks = [t for t in head.subtree if t.i not in own and not t.is_punct]
                before = self.clause_before(span[0])
                misparsed = head.dep_ == "conj" or all(t.i > span.end for t in toks)
                if before is not None and misparsed:
                    toks = [t for t in before if not t.is_punct]
                if not toks or self.relative_gap(toks[0]):
                    continue
                a, b = self.clip(toks[0].idx, toks[-1].idx + len(toks[-1].text), m.start())
                if len(words(self.text[a:b])) >= self.c.min_direct:
                    self.report(a, b, ph, sp, m.start())

    def clause_before(self, first: Token) -> list[Token] | None:
        """'X, according to Y': the sentence before the comma when it is a clause of its own
        (a verb with a subject), for when the parser hung "according" on one conjunct ("...
        face low salaries and are often appointed on the basis of cronyism, according to
        Rosser") or on what follows; None for a parenthetical ("The drills, according to
        Austin, will continue")."""
        if first.i == 0 or self.doc[first.i - 1].text != ",":
            return None
        toks = [t for t in first.sent if t.i < first.i - 1]
        stops = [t.i for t in toks if t.text in {";", ":", "—", "–"}]
        toks = [t for t in toks if t.i > max(stops, default=-1)]
        finite = any(
            t.pos_ in {"VERB", "AUX"}
            and any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in t.children)
            for t in toks
        )
        return toks if finite else None

    # -- quotations the cues did not reach ----------------------------------------
    def standalone(self, q: Quoted) -> bool:
        """The marks enclose a whole utterance, not a phrase inside a sentence."""
        p0, p1 = self.para_range(q.start)
        pre = self.text[p0 : q.start]
        cut = max(pre.rfind(x) for x in (". ", "? ", "! ", ": ", "; ", "” ", '" ', "… "))
        pre = pre[cut + 2 :] if cut >= 0 else pre
        if [w for w in words(pre) if w.lower() not in self.c.connectives]:
            return False
        inner = q.text(self.text).rstrip()
        post = self.text[q.end : p1].lstrip()
        return inner[-1:] in SENT_END + ",;:—-" or post[:1] in ("", *SENT_END, ",", ";", "—")

    def colon_speaker(self, q: Quoted) -> Speaker | None:
        """'Kim was blunt: "..."' - the subject of the clause the colon ends."""
        p0, _ = self.para_range(q.start)
        pre = self.text[p0 : q.start].rstrip()
        if not pre.endswith(":"):
            return None
        span = self.doc.char_span(p0, len(pre) + p0 - 1, alignment_mode="contract")
        if span is None or not len(span):
            return None
        root = span[-1].sent.root
        subj = self.cue_subject(root)
        return self.speaker(subj) if subj is not None else None

    def same_sentence_cue(self, q: Quoted) -> tuple[str, Speaker] | None:
        span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            return None
        sents = {span[0].sent.start, span[-1].sent.start}
        for tok, sp in self.spare_cues:
            if tok.sent.start in sents and self.para_of(tok.idx) == self.para_of(q.start):
                return tok.text, sp
        return None

    def attribution_next_to(self, q: Quoted) -> tuple[str, Speaker] | None:
        """'"We are ready," Kim said, "and ..."': an attribution right after (or right
        before) a quotation, even when its verb already reported another one."""
        p0, p1 = self.para_range(q.start)
        for a, b, cue, sp in self.attributions:
            if not (p0 <= a < p1):
                continue
            if q.end <= a and self.closes_into(q, a):
                return cue, sp
            if b <= q.start and re.fullmatch(r"\s*[:,—–-]\s*", self.text[b : q.start]):
                return cue, sp
        return None

    def continuation(self, q: Quoted) -> _Found | None:
        """The previous speaker's turn goes on: same paragraph, or a paragraph that opens
        with this quotation right after one that ended with theirs."""
        prev = [f for f in self.found if f.end <= q.start]
        if not prev:
            return None
        last = max(prev, key=lambda f: f.end)
        pq, pl = self.para_of(q.start), self.para_of(last.end)
        if pq != pl:
            opens_para = self.paras[pq][0] == q.start
            if not (pq == pl + 1 and opens_para and last.kind == "direct"):
                return None
        for pos, sp in self.cue_marks:  # someone else's attribution comes in between
            if last.end <= pos < q.start and (sp is None or sp.name != last.speaker.name):
                return None
        for m in self.mentions:
            if last.end <= m.span.start < q.start and self.quote_at(m.span.start) is None:
                a = self.ctx.actors.actors.get(m.actor_id)
                if a and a.kind == "person" and a.actor_id != last.speaker.actor_id:
                    return None
        return last

    def fragment_speaker(self, q: Quoted) -> tuple[Speaker, str] | None:
        """A speech noun's possessor or a naming verb's person subject for a quoted fragment
        ("his description of the alliance as 'X'", "what he called a 'X'")."""
        toks = self.doc.char_span(q.inner_start, q.inner_end, alignment_mode="expand")
        if toks is None or not len(toks):
            return None
        tops = [  # the fragment's heads, first first: the parser may hang "but ..." elsewhere
            t
            for t in toks
            if not t.is_punct and not (toks.start <= t.head.i < toks.end) and t.head.i != t.i
        ]
        for top in tops or [toks.root]:
            hit = self._fragment_governor(q, top)
            if hit is not None:
                return hit
        return None

    def _fragment_governor(self, q: Quoted, top: Token) -> tuple[Speaker, str] | None:
        for anc in top.ancestors:
            lemma = anc.lemma_.lower()
            if anc.pos_ in {"NOUN", "PROPN"} and lemma in self.c.nouns:
                poss = next((ch for ch in anc.children if ch.dep_ == "poss"), None)
                sp = self.speaker(poss) if poss is not None else None
                if sp is not None:
                    return sp, anc.text
                continue
            if anc.pos_ == "VERB" and (lemma in self.c.naming or lemma in self.c.accusation):
                subj = self.cue_subject(anc)
                sp = self.speaker(subj) if subj is not None else None
                if sp is None:
                    return None
                own = any(w.lower() in self.c.first_person for w in words(q.text(self.text)))
                if own or self.is_person(sp):  # 'Greece called it "a violation of our ..."'
                    return sp, anc.text
                return None  # "officials call it X", "media dubbed it X": a label
        return None

    def leftovers_pass(self) -> None:
        for k, q in enumerate(self.quoted):
            if k in self.claimed or self.is_heading(q.start):
                continue
            qt = q.text(self.text)
            if self.standalone(q) and len(words(qt)) >= self.c.min_direct:
                sp = self.colon_speaker(q)
                if sp is not None:
                    self.direct(k, None, sp, q.start)
                    continue
                hit = self.attribution_next_to(q) or self.same_sentence_cue(q)
                if hit is not None:
                    self.direct(k, hit[0], hit[1], q.start)
                    continue
                last = self.continuation(q)
                if last is not None:
                    self.direct(k, last.cue, last.speaker, q.start)
                    continue
            if self.is_wording(k):
                hit2 = self.fragment_speaker(q)
                if hit2 is not None:
                    self.fragment(k, hit2[1], hit2[0], q.start)

    def run(self) -> list[_Found]:
        self.cue_pass()
        self.according_pass()
        self.found.sort(key=lambda f: f.start)
        self.leftovers_pass()
        seen: set[tuple[int, int]] = set()
        out = []
        for f in sorted(self.found, key=lambda f: (f.start, -f.end)):
            if (f.start, f.end) in seen:
                continue
            seen.add((f.start, f.end))
            out.append(f)
        return out


def _about(ctx: DocContext, start: int, end: int) -> list[str]:
    out: list[str] = []
    for m in ctx.actors.mentions:
        if start <= m.span.start < end:
            a = ctx.actors.actors.get(m.actor_id)
            if a and a.country and a.country not in out:
                out.append(a.country)
    return out


def extract_quotes(ctx: DocContext) -> list[Quote]:
    """Every attributed quotation of a document, in text order."""
    finder = _Finder(ctx)
    out: list[Quote] = []
    for f in finder.run():
        text = f.text.strip()
        if f.kind != "direct":
            text = text.rstrip(",;: ")
        span = Span(f.start, f.end, finder.text[f.start : f.end])
        lo, hi = min(f.start, f.anchor), max(f.end, f.anchor + 1)
        out.append(
            Quote(
                quote_id=stable_id(ctx.document.doc_id, f.start, f.end),
                kind=f.kind,
                text=text,
                span=span,
                cue=f.cue,
                speaker=f.speaker,
                about=_about(ctx, f.start, f.end),
                evidence=finder.evidence(lo, hi),
            )
        )
    return out
