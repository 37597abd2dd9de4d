"""The pair of countries a characterisation is about, from the syntax and the document.

Candidates in this order until two are found: a hyphenated pair on the relation noun
("Sino-Indian ties"); the holder of a relative clause ("Venezuela, which has close ties
with Iran"); the state an "its"/"their" stands for; actors in the quotation (or,
unquoted, the sentence) nearest to the phrase in the parse tree; a state or government
speaker's own country; the states of the paragraph; the states of the nearest section
heading; the document's two most mentioned states.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter

from spacy.tokens import Token

from tiegraph.extract.characterizations.rules import Lexicon
from tiegraph.extract.context import DocContext
from tiegraph.extract.quotes import paragraphs
from tiegraph.model import Quote
from tiegraph.nlp.syntax import doc_text
from tiegraph.resolve.gazetteer import country_of_place

HEADING_MAX_WORDS = 25
LEAD_MIN_WORDS = 12
LEAD_WEIGHT = 3  # a mention in the lead counts this many times towards the main pair
COUNTRY_KINDS = {"state", "group", "person", "organisation"}
# what an article is about: its states, their forces, leaders and officials, not the
# nationality of every expert it quotes
DOMINANT_KINDS = {"state", "group"}
DOMINANT_SECTORS = {"GOV", "MIL", "SPY", "LEG"}  # leaders and officials speak for their state


PAIR_RE = re.compile(
    r"(?<![\w-])([A-Za-z][\w.]*(?: [A-Z][\w.]*)?)[-–—/]([A-Z][\w.]*(?: [A-Z][a-z]\w*)?)"
)


def _pair_side(surface: str, near_end: bool, lex: Lexicon) -> str | None:
    """The state one side of a hyphenated pair names: a combining form ("Sino", "Franco")
    or a state's name, short name or demonym ("US", "Indian", "South Korea"); of two
    words, the one next to the hyphen may stand alone ("The Sino-", "-Japan alliance")."""
    forms = dict(lex.combining_forms)
    word = surface.strip(".")
    words = word.split(" ")
    for cut in (word, words[-1] if near_end else words[0]) if len(words) > 1 else (word,):
        c = forms.get(cut.lower()) or country_of_place(cut)
        if c:
            return c
    return None


def compound_pairs(
    ctx: DocContext, start: int, end: int, lex: Lexicon
) -> list[tuple[list[str], Token]]:
    """Hyphenated pairs in [start, end) that name two states ("Sino-Indian relations",
    "the US-Japan alliance", "Russia–Iran ties"), with the token the pair modifies."""
    text = doc_text(ctx.doc)
    out = []
    for m in PAIR_RE.finditer(text, start, end):
        a, b = _pair_side(m.group(1), True, lex), _pair_side(m.group(2), False, lex)
        if a is None or b is None or a == b:
            continue
        span = ctx.doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
        if span is not None:
            out.append(([a, b], span[-1].head if span[-1].dep_ != "ROOT" else span[-1]))
    return out


def _tree_distance(a: Token, b: Token) -> int:
    if a.sent.start != b.sent.start:
        return 1000 + abs(a.i - b.i)
    up_a = [a, *a.ancestors]
    up_b = {t.i: d for d, t in enumerate([b, *b.ancestors])}
    for d, t in enumerate(up_a):
        if t.i in up_b:
            return d + up_b[t.i]
    return 500 + abs(a.i - b.i)


def _clause(tok: Token) -> set[int]:
    """Token ids of the clause a phrase sits in, without coordinated clauses: in "Relations
    are warmer ..., but the hard part has been left to Washington" Washington is outside."""
    root = tok
    while root.pos_ not in {"VERB", "AUX"} and root.head.i != root.i:
        root = root.head
    drop = {t.i for c in root.children if c.dep_ == "conj" for t in c.subtree}
    return {t.i for t in root.subtree} - drop


def _behind_place_prep(tok: Token, root: Token, lex: Lexicon) -> bool:
    """The actor sits in a locative or benefactive phrase ("for Seoul", "in Tokyo")."""
    stop = {root.i, *(t.i for t in root.ancestors)}
    for anc in tok.ancestors:
        if anc.i in stop:
            return False
        if anc.dep_ == "prep" and anc.lower_ in lex.non_party_preps:
            return True
    return False


class Dyads:
    """Candidate countries for a phrase, nearest context first."""

    def __init__(self, ctx: DocContext, lex: Lexicon):
        self.ctx = ctx
        self.lex = lex
        self.text = doc_text(ctx.doc)  # Doc.text is rebuilt from the tokens on every access
        self.paras = paragraphs(self.text)
        self._pstarts = [p[0] for p in self.paras]
        self.mentions = sorted(ctx.actors.mentions, key=lambda m: m.span.start)
        self._mstarts = [m.span.start for m in self.mentions]
        self.dominant = self._dominant()
        self.alliance = self._alliance()
        self.headings = self._headings()

    def _headings(self) -> list[tuple[int, list[str]]]:
        """(start, states) of the short title-like paragraphs that name two states or more."""
        out = []
        for p0, p1 in self.paras:
            text = self.text[p0:p1].strip()
            if len(text.split()) <= HEADING_MAX_WORDS and (
                text.endswith("?") or not text.endswith((".", "!", "”", '"', ":", ";"))
            ):
                states = self.states_by_count(p0, p1)
                if len(states) >= 2:
                    out.append((p0, states))
        return out

    def _alliance(self) -> list[str]:
        """The pair an unqualified "the alliance" means: the known alliance both of whose
        members the document names and whose members its alliance sentences name most;
        else the countries of those sentences, most often first."""
        counts: Counter[str] = Counter()
        for sent in self.ctx.doc.sents:
            if self.lex.alliance_re.search(sent.text):
                for _, a in self.actors_in(sent.start_char, sent.end_char, COUNTRY_KINDS):
                    counts[a.country] += 1
        named = set(self.dominant)
        known = [
            (sum(1 for c in pair if counts[c]), sum(counts[c] for c in pair), pair)
            for pair in self.lex.known_alliances
            if set(pair) <= named
        ]
        known = [k for k in known if k[0] > 0]
        if known:
            pair = max(known, key=lambda k: k[:2])[2]
            return sorted(pair, key=lambda c: -counts[c])
        return [c for c, _ in counts.most_common()]

    def _dominant(self) -> list[str]:
        """Countries the article is about: mentions of states and groups, those in the title
        and the lead (the first paragraph that is prose, not a dateline) LEAD_WEIGHT times."""
        text = self.text
        lead = next(
            (
                (p0, p1)
                for p0, p1 in self.paras
                if len(text[p0:p1].split()) >= LEAD_MIN_WORDS
                and text[p0:p1].rstrip().endswith((".", "!", "?", "”", '"'))
            ),
            (0, 0),
        )
        title = (self.ctx.document.title or "").strip()
        heads = [(p0, p1) for p0, p1 in self.paras if title and text[p0:p1].strip() == title][:1]
        weighted = [lead, *heads]
        counts: Counter[str] = Counter()
        for m in self.mentions:
            a = self.ctx.actors.actors.get(m.actor_id)
            if (
                a
                and a.country
                and (a.kind in DOMINANT_KINDS or (a.sector or "") in DOMINANT_SECTORS)
            ):
                w = LEAD_WEIGHT if any(p0 <= m.span.start < p1 for p0, p1 in weighted) else 1
                counts[a.country] += w
        return [c for c, _ in counts.most_common()]

    def actors_in(self, start: int, end: int, kinds: set[str]):
        for k in range(bisect_left(self._mstarts, start), bisect_left(self._mstarts, end)):
            m = self.mentions[k]
            a = self.ctx.actors.actors.get(m.actor_id)
            if a and a.country and a.kind in kinds:
                yield m, a

    def near(self, root: Token, start: int, end: int) -> list[tuple[str, Token]]:
        """Countries (with their mention's token) of the parties in [start, end) within the
        phrase's own clause, nearest in the parse tree first."""
        doc = self.ctx.doc
        clause = _clause(root)
        scored = []
        for m, a in self.actors_in(start, end, COUNTRY_KINDS):
            span = doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
            tok = span.root if span is not None else root
            if tok.i not in clause or _behind_place_prep(tok, root, self.lex):
                continue
            scored.append((_tree_distance(root, tok), m.span.start, a.country, tok))
        return [(c, t) for _, _, c, t in sorted(scored, key=lambda x: x[:2])]

    def possessor(self, root: Token) -> str | None:
        """The state an "its"/"their" on the phrase's noun stands for: the state subject of
        the sentence's main clause before it."""
        poss = next(
            (c for c in root.children if c.dep_ == "poss" and c.lower_ in {"its", "their"}), None
        )
        if poss is None:
            return None
        head = poss.sent.root
        subj = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is None or subj.i > poss.i:
            return None
        a = self.ctx.actors.actor_of_token(subj)
        return a.country if a is not None and a.kind == "state" else None

    def relative_holder(self, root: Token) -> str | None:
        """The noun a relative clause hangs on is the party that has the relationship the
        clause describes: "Venezuela, which has close ties with Iran" -> Venezuela."""
        verb = root
        for _ in range(4):
            if verb.dep_ == "relcl":
                break
            if verb.head.i == verb.i:
                return None
            verb = verb.head
        else:
            return None
        if verb.dep_ != "relcl" or not any(
            c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in {"which", "who", "that"}
            for c in verb.children
        ):
            return None
        return self.country_of(verb.head)

    def recent_state(self, before: int, other_than: str) -> str | None:
        """The state named last before `before` in its paragraph, other than `other_than`."""
        p0, _ = self.para_of(before)
        for _, a in reversed(list(self.actors_in(max(0, p0 - 600), before, {"state"}))):
            if a.country != other_than:
                return a.country
        return None

    def country_of(self, tok: Token) -> str | None:
        a = self.ctx.actors.actor_of_token(tok)
        return a.country if a is not None and a.kind in COUNTRY_KINDS else None

    def states_by_count(self, start: int, end: int) -> list[str]:
        c = Counter(a.country for _, a in self.actors_in(start, end, {"state"}))
        return [k for k, _ in c.most_common()]

    def heading_states(self, before: int) -> list[str]:
        """States of the nearest heading before `before` that names two or more."""
        k = bisect_left([h[0] for h in self.headings], before) - 1
        return self.headings[k][1] if k >= 0 else []

    def para_has_context(self, pos: int) -> bool:
        """The paragraph names a state or a relationship, for a metaphor whose own
        sentence names neither ("It now looks like a honeymoon that is over")."""
        p0, p1 = self.para_of(pos)
        return bool(self.states_by_count(p0, p1) or self.lex.relation_re.search(self.text[p0:p1]))

    def para_of(self, pos: int) -> tuple[int, int]:
        k = bisect_right(self._pstarts, pos) - 1
        if k >= 0 and pos < self.paras[k][1]:
            return self.paras[k]
        return 0, len(self.text)

    def pieces(self, s0: int, s1: int) -> list[tuple[int, int]]:
        """A sentence cut at paragraph breaks (spaCy may run one over a heading)."""
        k = max(0, bisect_right(self._pstarts, s0) - 1)
        out = []
        while k < len(self.paras) and self.paras[k][0] < s1:
            a, b = max(s0, self.paras[k][0]), min(s1, self.paras[k][1])
            if a < b and self.text[a:b].strip():
                out.append((a, b))
            k += 1
        return out


def dyads_of(
    dy: Dyads,
    root: Token,
    phrase: tuple[int, int],
    sent: tuple[int, int],
    quote: Quote | None,
) -> list[list[str]]:
    """The pair a phrase describes, plus one pair per coordinated partner ("no diplomatic
    relations with either the Soviet Union or China" -> KOR-RUS and KOR-CHN)."""
    start = phrase[0]
    text = dy.text
    # both parties inside the phrase: "standoff between the United States and North Korea"
    near = dy.near(root, *phrase) if " between " in text[phrase[0] : phrase[1]] else []
    if quote is None:
        near += dy.near(root, *sent)
    else:
        lo, hi = max(sent[0], quote.span.start), min(sent[1], quote.span.end)
        near += dy.near(root, lo, hi) + dy.near(root, quote.span.start, quote.span.end)
    cands = [c for c, _ in near]
    # "Sino-Indian relations have soured": a pair on a relation noun names the dyad
    pairs = compound_pairs(dy.ctx, *sent, dy.lex)
    rel = dy.lex.relation_nouns
    for pair, head in pairs:
        if head.lower_ in rel or head.i == root.i or len(pairs) == 1 and len(cands) < 2:
            cands = [*pair, *cands]
            break
    owner = dy.possessor(root)  # "balance its alliance ... against its interdependence"
    if owner is not None:
        cands.insert(0, owner)
    holder = dy.relative_holder(root)  # "Venezuela, which has close ties with Iran"
    if holder is not None:
        cands.insert(0, holder)
    sp = quote.speaker if quote else None
    if sp and sp.country and (sp.code == sp.country or (sp.code or "").endswith(("GOV", "MIL"))):
        cands.append(sp.country)
    p0, p1 = dy.para_of(start)
    if dy.lex.alliance_re.search(text[sent[0] : sent[1]]):
        cands += dy.alliance[:2]
    cands += dy.heading_states(p0)
    cands += dy.dominant[:2]
    cands += dy.states_by_count(p0, p1)
    first = list(dict.fromkeys(cands))[:2]
    if len(first) < 2:
        return []
    out = [first]
    second = next((t for c, t in near if c == first[1]), None)
    for conj in second.conjuncts if second is not None else ():
        c = dy.country_of(conj)
        if c and c != first[0] and sorted([first[0], c]) not in [sorted(p) for p in out]:
            out.append([first[0], c])
    return out
