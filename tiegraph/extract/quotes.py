"""Direct, indirect and mixed quotations with their speakers.

A quoted string is a quotation only when the structure attributes it to a
speaker: a reporting verb with a speaker subject (data/cues.yaml), "according
to" a speaker, a speech noun owned by a speaker ("his description of ... as
'X'"), a naming verb with a person subject ("what he called a 'X'"), or the
continuation of the previous speaker's turn. Anything else in quotation marks
is a name or a scare quote and is not reported. Kinds:

- direct: the quotation marks enclose the whole reported content;
- mixed: the speaker's own wording quoted inside reported speech (a fragment of
  at least `min_fragment_words` words which is not a capitalised name, or a
  predicate of `min_predicate_words`: 'called it "deeply regrettable"'); its
  text is the fragment;
- indirect: reported speech; its text keeps any quoted fragment, which is also
  reported as a mixed quote of its own.

The rules, with examples, are in docs/quotes.md. Paragraphs (lines of the
clean text) are hard boundaries for attribution: a cue never reaches into
another paragraph, except that a quotation may run over several paragraphs
(an opening mark at the start of each, the closing mark only on the last); such a
quotation is one direct quote per paragraph, all attributed to its speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Token

from tiegraph import resources
from tiegraph.extract.context import DocContext
from tiegraph.model import Actor, Quote, Span, Speaker, stable_id
from tiegraph.resolve.actors import sector_of
from tiegraph.resolve.gazetteer import demonym_of

VERSION = "quotes-0.3"
DOUBLE_OPENERS = {"“": "”", '"': '"', "«": "»", "„": "”"}
SINGLE_OPENERS = {"‘": "’", "'": "'"}
STRAIGHT_OR_CURLY = {'"', "“"}
OPEN_CONTEXT = set("([{—–-/“‘\"'")
SENT_END = ".!?…"
WORD_RE = re.compile(r"[^\W_][\w’'-]*")
MAX_QUOTE_CHARS = 6000


@dataclass(frozen=True)
class Cues:
    verbs: frozenset[str]
    naming: frozenset[str]
    phrases: tuple[str, ...]
    nouns: frozenset[str]
    speaker_nouns: frozenset[str]
    trim: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    connectives: frozenset[str]
    titles: frozenset[str]
    min_direct: int
    min_fragment: int
    min_predicate: int
    name_function_words: frozenset[str]
    assessment: frozenset[str]
    forward: frozenset[str]
    reflexives: frozenset[str]
    inferred_sectors: frozenset[str]
    multi_party: frozenset[str]
    dateline: re.Pattern[str] | None
    first_person: frozenset[str]
    relative_pronouns: frozenset[str] = frozenset()
    appraisal: frozenset[str] = frozenset()
    label_verbs: frozenset[str] = frozenset()
    accusation: frozenset[str] = frozenset()
    documents: frozenset[str] = frozenset()
    infinitive_cues: frozenset[str] = frozenset()
    object_cues: frozenset[str] = frozenset()
    min_object: int = 2
    definite_dets: frozenset[str] = frozenset()
    mixed_as_clause: bool = False


@lru_cache(maxsize=1)
def cues() -> Cues:
    d = resources.load_yaml("cues.yaml")

    def fs(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in d.get(key) or [])

    return Cues(
        verbs=fs("verbs"),
        naming=fs("naming_verbs"),
        phrases=tuple(str(p).lower() for p in d.get("phrases") or []),
        nouns=fs("speech_nouns"),
        speaker_nouns=fs("speaker_nouns"),
        trim=fs("speaker_trim"),
        person_pronouns=fs("person_pronouns"),
        relative_pronouns=fs("relative_pronouns"),
        appraisal=fs("appraisal_verbs"),
        label_verbs=fs("label_verbs"),
        accusation=fs("accusation_verbs"),
        documents=fs("document_nouns"),
        infinitive_cues=fs("infinitive_cues"),
        object_cues=fs("object_cues"),
        min_object=int(d.get("min_object_words") or 2),
        definite_dets=fs("definite_determiners"),
        mixed_as_clause=str(d.get("mixed_rows") or "fragment") == "clause",
        group_pronouns=fs("group_pronouns"),
        plural_pronouns=fs("plural_pronouns"),
        connectives=fs("connectives"),
        titles=fs("titles"),
        min_direct=int(d.get("min_direct_words") or 3),
        min_fragment=int(d.get("min_fragment_words") or 3),
        min_predicate=int(d.get("min_predicate_words") or 2),
        name_function_words=fs("name_function_words"),
        assessment=fs("assessment_verbs"),
        forward=fs("forward_cues"),
        reflexives=fs("reflexives"),
        inferred_sectors=frozenset(str(w).upper() for w in d.get("inferred_country_sectors") or []),
        multi_party=fs("multi_party_modifiers"),
        first_person=fs("first_person"),
        dateline=re.compile(str(d["dateline"]), re.M) if d.get("dateline") else None,
    )


# -- quotation marks -------------------------------------------------------------------


@dataclass(frozen=True)
class Quoted:
    """A passage in quotation marks: marks at [start, end), text in `pieces` (one per paragraph)."""

    start: int
    end: int
    pieces: tuple[tuple[int, int], ...]
    closed: bool = True

    @property
    def inner_start(self) -> int:
        return self.pieces[0][0]

    @property
    def inner_end(self) -> int:
        return self.pieces[-1][1]

    def text(self, doc_text: str) -> str:
        return "\n\n".join(doc_text[a:b].strip() for a, b in self.pieces).strip()


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines of the clean text: the cleaner puts one paragraph per line."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            out.append((m.start(), m.end()))
    return out


def _opens(text: str, i: int, p0: int) -> bool:
    prev = text[i - 1] if i > p0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return (prev.isspace() or prev in OPEN_CONTEXT) and not nxt.isspace()


def _closes(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return not prev.isspace() and not nxt.isalnum()


@dataclass
class _Open:
    opener: str
    closer: str
    double: bool
    start: int
    piece_start: int
    pieces: list[tuple[int, int]] = field(default_factory=list)


def _opening(text: str, i: int, p0: int) -> _Open | None:
    ch = text[i]
    if ch in "“«„" or (ch == '"' and _opens(text, i, p0)):
        return _Open(ch, DOUBLE_OPENERS[ch], True, i, i + 1)
    if (ch == "‘" and _opens(text, i, p0)) or (
        ch == "'" and _opens(text, i, p0) and text[i + 1 : i + 2].isalpha()
    ):
        return _Open(ch, SINGLE_OPENERS[ch], False, i, i + 1)
    return None


def _closing(text: str, i: int, cur: _Open) -> bool:
    if text[i] != cur.closer:
        # a straight mark closing a curly opening or the reverse ('"We have ... Ukraine,”'):
        # news copy mixes them; a closing mark is one that follows a word and no letter follows
        return cur.opener in STRAIGHT_OR_CURLY and text[i] in '"”' and _closes(text, i)
    return cur.double or _closes(text, i)


def find_quoted(text: str) -> list[Quoted]:
    """Top-level quoted passages. Nested marks ('‘…’' inside '“…”') stay inside the outer
    passage; an apostrophe inside a word never opens or closes one. A passage left open at a
    paragraph's end continues when the next paragraph starts with an opening mark."""
    paras = paragraphs(text)
    out: list[Quoted] = []
    cur: _Open | None = None
    for pi, (p0, p1) in enumerate(paras):
        i = p0 + 1 if cur is not None else p0
        while i < p1:
            if cur is None:
                cur = _opening(text, i, p0)
            elif _closing(text, i, cur):
                pieces = (*cur.pieces, (cur.piece_start, i))
                if i + 1 - cur.start <= MAX_QUOTE_CHARS:
                    out.append(Quoted(cur.start, i + 1, pieces))
                cur = None
            i += 1
        if cur is None:
            continue
        nxt = paras[pi + 1] if pi + 1 < len(paras) else None
        if cur.double and nxt and text[nxt[0]] in DOUBLE_OPENERS:
            cur.pieces.append((cur.piece_start, p1))
            cur.piece_start = nxt[0] + 1
            continue
        if cur.double and (cur.start == p0 or cur.pieces):
            # a quotation whose closing mark is missing: it ends with the paragraph
            out.append(Quoted(cur.start, p1, (*cur.pieces, (cur.piece_start, p1)), False))
        cur = None
    return out


# -- words -----------------------------------------------------------------------------


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def is_name(text: str) -> bool:
    """A capitalised name ("Miracle on the Han River", "Sunshine Policy"), not speech."""
    fw = cues().name_function_words
    content = [w for w in words(text) if w.lower() not in fw]
    return bool(content) and all(w[:1].isupper() or w[:1].isdigit() for w in content)


def is_speech_fragment(text: str) -> bool:
    """Quoted words long enough, and not a name, to be someone's wording."""
    return len(words(text)) >= cues().min_fragment and not is_name(text)


# -- the per-document finder ---------------------------------------------------------


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


class _Finder:
    """One document's quotations: reporting verbs first, then "according to", then the
    quoted passages no cue reached (colon, same-sentence cue, turn continuation, speech
    nouns and naming verbs). A quoted passage is claimed by at most one quote."""

    def __init__(self, ctx: DocContext):
        self.ctx = ctx
        self.doc = ctx.doc
        self.text = ctx.doc.text
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
        if persons:
            lo = self.paras[max(0, self.para_of(before) - 2)][0]
            kinds = {"person"}
        else:
            k = bisect_right(self._sstarts, before) - 1
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
            if subject and self.para_of(m.span.start) == self.para_of(before):
                best_subject = a
        # he/she: a subject of this paragraph outranks a later person in another role
        # ("Lee said the launch would weaken President Kim's policy. But he said ...")
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
            if a is not None and a.kind != "none" and a.country:
                return a
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
        while lo > tok.sent.start:
            prev = doc[lo - 1]
            if prev.text == "," or not (prev.text[:1].isupper() or prev.whitespace_ == ""):
                break
            lo -= 1
        while hi + 1 < tok.sent.end and doc[hi].whitespace_ and doc[hi + 1].text[:1].isupper():
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
        for o in owners:
            for t in o.subtree:
                a = self.ctx.actors.actor_of_token(t)
                if a is not None and a.kind not in {"none", "place"}:
                    return self.speaker_from_actor(a, t)
        np = self.np_tokens(doc_noun)
        return self.group_speaker(doc_noun, np, np)

    # -- cues --------------------------------------------------------------------
    def cue_subject(self, verb: Token) -> Token | None:
        """The verb's subject outside quotation marks, climbing xcomp/conj/advcl
        ("used his remarks to highlight that" -> the user of the remarks)."""
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
            comp = self.that_clause(verb)
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
        toks = sorted((t for t in toks if t.sent.start == verb.sent.start), key=lambda t: t.i)
        if toks and toks[0].lower_ in {"which", "who", "whom", "whose"}:
            return None  # "the missile, which officials believe was ...": a relative gap
        while toks and (toks[0].is_punct or toks[0].dep_ in {"mark", "cc"}):
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

    def adjacent_quote(self, a: int, b: int) -> int | None:
        """A free quotation right before ('"...," said X') or after ('X said: "..."') a cue."""
        p0, p1 = self.para_range(a)
        for k, q in enumerate(self.quoted):
            if k in self.claimed or q.end <= p0 or q.start >= p1:
                continue
            if q.end <= a and re.fullmatch(r"[\s,;—–-]*", self.text[q.end : a]):
                return k
            if q.start >= b and re.fullmatch(r"\s*[:,—–-]?\s*", self.text[b : q.start]):
                return k
        return None

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
        if wording and self.c.mixed_as_clause:
            # one row per attribution: reported speech with the speaker's wording inside
            self.found.append(_Found("mixed", a, b, self.text[a:b], cue, sp, anchor))
            return
        self.found.append(_Found("indirect", a, b, self.text[a:b], cue, sp, anchor))
        for k in wording:
            self.fragment(k, cue, sp, anchor)

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
        chars = list(self.text[a:b])
        for k in ks:
            q = self.quoted[k]
            for i in range(max(a, q.start), min(b, q.end)):
                chars[i - a] = " "
        return [w for w in words("".join(chars)) if w.lower() not in self.c.connectives]

    def is_person(self, sp: Speaker) -> bool:
        a = self.ctx.actors.actors.get(sp.actor_id or "")
        if a is not None:
            return a.kind == "person"
        return any(u.name == sp.name for u in self.unresolved)

    def cue_speaker(self, tok: Token) -> tuple[Token, Speaker | None] | None:
        """The subject and speaker of a cue verb, None when the verb is no cue here."""
        lemma = tok.lemma_.lower()
        assessment = lemma in self.c.assessment
        appraised = self.appraisal(tok) is not None
        requested = lemma not in self.c.verbs and (
            (lemma in self.c.infinitive_cues and self.infinitive_content(tok) is not None)
            or (lemma in self.c.accusation and self.charge_content(tok) is not None)
        )  # "called on China to engage", "accused X of Y": cues only with what was asked
        if (
            lemma not in self.c.verbs and not assessment and not appraised and not requested
        ) or tok.pos_ not in {"VERB", "AUX"}:
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
        if subj is None or self.quote_at(subj.idx) is not None:
            return None
        if self.para_of(subj.idx) != self.para_of(tok.idx):
            return None
        sp = self.speaker(subj)
        if assessment and (sp is None or self.is_person(sp)):
            return None  # "Kim believes": an opinion; "intelligence believes": an assessment
        return subj, sp

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

    def cue_pass(self) -> None:
        for tok in self.doc:
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
                self.report(rng[0], rng[1], tok.text, sp, tok.idx)
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
                if not toks:
                    continue
                a, b = self.clip(toks[0].idx, toks[-1].idx + len(toks[-1].text), m.start())
                if len(words(self.text[a:b])) >= self.c.min_direct:
                    self.report(a, b, ph, sp, m.start())

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
            if q.end <= a and re.fullmatch(r"[\s,;—–-]*", self.text[q.end : a]):
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
