"""Numeric and ranked claims in context: which measure a figure is, whose, where, as of when.

A claim is a figure the text states about a state or a pair of states ("Nearly 28,500
U.S. troops are stationed in South Korea", "Trade between the two countries reached
$697 million in 2004", "the world's 13th-largest economy"). Number forms (currencies
with scale words, ranges, percentages, ordinals, word numbers, partitives "12,500 of
the 37,500") are parsed here with plain regular expressions; what a number measures,
whose figure it is and where, comes from the rules in data/measures.yaml (documented
there and in docs/claims.md). The as-of date is the time expression that governs the
figure, chosen by `tiegraph.extract.dating.date_fields` among the expressions that can
date it; the document date is a marked fallback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from tiegraph.extract.claims.numbers import (  # noqa: F401
    NumValue,
    _negated,
    _num,
    _qualifier,
    find_values,
    word_number,
)
from tiegraph.extract.claims.vocab import (  # noqa: F401
    DASHES,
    NUM,
    ORDINALS,
    PREDICATE_DEPS,
    QUOTE_MARKS,
    RELATIVE_PRONOUNS,
    STATE_KINDS,
    SUBJECT_DEPS,
    TENS,
    UNITS,
    YEAR,
    Measure,
    Vocab,
    _alt,
    _fs,
    vocab,
)
from tiegraph.extract.context import DocContext
from tiegraph.extract.dating import date_fields
from tiegraph.model import Claim, Quote, Span, stable_id
from tiegraph.nlp.timex import Timex
from tiegraph.resolve.gazetteer import place_table

# -- parse helpers -----------------------------------------------------------------------


def _segments(sent: SpacySpan) -> list[tuple[int, int]]:
    """Token ranges of the clauses of a sentence: split at ";" and at ", and|but" + subject.

    Only coordination of clauses splits (the conjunction hangs off a verb), not of noun
    phrases ("1.5 trillion won, or roughly $1.1 billion"). A conjunct that starts with a verb shares the subject (and the time) of the clause
    before it ("In 2004, the U.S. returned bases, and agreed to withdraw ..."); one with
    its own subject is a new clause ("..., and roughly 42,000 remain").
    """
    bounds = [sent.start]
    toks = list(sent)
    for k, t in enumerate(toks):
        if t.text == ";":
            bounds.append(t.i + 1)
        elif t.dep_ == "cc" and k > 0 and toks[k - 1].text == ",":
            nxt = next((u for u in toks[k + 1 :] if u.pos_ not in {"ADV", "PART"}), None)
            if (
                nxt is not None
                and nxt.pos_ not in {"VERB", "AUX"}
                and (t.head.pos_ in {"VERB", "AUX"} or _clause_conj(toks[k + 1 :], t))
            ):
                bounds.append(t.i)
    bounds.append(sent.end)
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def _clause_conj(rest: list[Token], cc: Token) -> bool:
    """ "X is Taiwan's largest partner, and two-way trade reached $328 billion", parsed with
    the "and" on the noun: the first verb after it is a conjunct of a verb before it."""
    v = next((u for u in rest if u.pos_ in {"VERB", "AUX"}), None)
    return (
        v is not None
        and v.dep_ == "conj"
        and v.head.pos_ in {"VERB", "AUX"}
        and v.head.i < cc.i
        and any(u.pos_ in {"NOUN", "PROPN", "PRON"} for u in rest if u.i < v.i)
    )


def _segment_of(segs: list[tuple[int, int]], i: int) -> tuple[int, int]:
    for a, b in segs:
        if a <= i < b:
            return a, b
    return segs[-1]


def _in_subtree(tok: Token, root: Token) -> bool:
    return root.left_edge.i <= tok.i <= root.right_edge.i and (
        tok.i == root.i or root in tok.ancestors
    )


def _verb_of(tok: Token) -> Token | None:
    """The nearest verb (or copula) above `tok`, `tok` itself when it is one."""
    t = tok
    for _ in range(12):
        if t.pos_ in {"VERB", "AUX"}:
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _pred_subject(tok: Token) -> Token | None:
    """The subject of the clause `tok` sits in, through xcomp/conj chains and relative
    pronouns ("Washington, which keeps 37,000 troops" -> Washington)."""
    v = _verb_of(tok)
    for _ in range(5):
        if v is None:
            return None
        subj = next((c for c in v.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None:
            if subj.lower_ in RELATIVE_PRONOUNS and v.dep_ in {"relcl", "acl"}:
                return v.head
            return subj
        if v.dep_ in {"relcl", "acl"} and v.head.pos_ in {"NOUN", "PROPN"}:
            return v.head
        if v.dep_ in {"xcomp", "conj", "advcl", "ccomp", "pcomp", "prep"} and v.head.i != v.i:
            v = _verb_of(v.head)  # "prep": "including" tagged as a verb
            continue
        return None
    return None


# -- states --------------------------------------------------------------------------------


def _place_words() -> dict[str, str]:
    """Surface form -> country for names, demonyms, capitals and places: the resolver's
    table. The actor index already resolves most mentions; this catches place words it
    leaves out on purpose in other roles ("in Seoul" as a place, "American troops")."""
    return place_table()


@dataclass
class _Doc:
    """Per-document state shared by the claims of one document."""

    ctx: DocContext
    quotes: list[Quote]
    focal: list[str]
    state_mentions: list[tuple[int, str]]  # (char offset, country), in text order
    claims: list[Claim] = field(default_factory=list)


def _state_of(dc: _Doc, tok: Token) -> str | None:
    a = dc.ctx.actors.actor_of_token(tok)
    if a is not None:
        # a region coded under its state ("MDAPRE") is placed in the state
        return a.country[:3] if a.kind in STATE_KINDS and a.country else None
    words = _place_words()
    doc = tok.doc
    for n in (3, 2, 1):
        for s in range(tok.i - n + 1, tok.i + 1):
            if s < 0 or s + n > len(doc):
                continue
            surface = doc[s : s + n].text
            c = words.get(surface) or words.get(surface.replace("’", "'"))
            if c is None and n == 1 and tok.text.endswith(("’s", "'s")):
                c = words.get(tok.text[:-2])
            if c is not None:
                return c
    return None


def _states_in(dc: _Doc, toks) -> list[str]:
    out: list[str] = []
    for t in toks:
        c = _state_of(dc, t)
        if c and c not in out:
            out.append(c)
    return out


def _np_states(dc: _Doc, noun: Token | None) -> list[str]:
    """States that modify a noun ("U.S. troops", "Chinese investment") or that it names."""
    if noun is None:
        return []
    out = _states_in(dc, [noun])
    for c in noun.children:
        if c.dep_ in {"amod", "compound", "nmod", "poss"} and c.i < noun.i:
            out += [x for x in _states_in(dc, c.subtree) if x not in out]
    return out


def _phrase_states(dc: _Doc, tok: Token | None, places: frozenset[str] = frozenset()) -> list[str]:
    """States named anywhere in the phrase headed by `tok`, including conjuncts, but not
    inside an inclusion ("Several donors, including Japan, pledged ...": not Japan's), nor
    in a place phrase of the head noun itself ("Exports to China": where, not whose)."""
    if tok is None:
        return []
    inc = vocab().inclusion_preps
    skip = {x.i for t in tok.subtree if t.dep_ == "prep" and t.lower_ in inc for x in t.subtree}
    skip |= {
        x.i for c in tok.children if c.dep_ == "prep" and c.lower_ in places for x in c.subtree
    }
    return _states_in(dc, [t for t in tok.subtree if t.i not in skip])


# place prepositions whose state is where a measured sum went, not whose it is
_PLACE_PREPS = frozenset({"to", "in", "into"})


def _last_states(dc: _Doc, before: int, n: int = 2) -> list[str]:
    seen: list[str] = []
    for pos, c in reversed(dc.state_mentions):
        if pos >= before:
            continue
        if c not in seen:
            seen.append(c)
        if len(seen) == n:
            break
    return seen


def _antecedents(dc: _Doc, before: int, exclude: list[str], n: int = 4) -> list[str]:
    """States a pronoun or "the country" at `before` can stand for, nearest first: the
    state its clause's subject names ("South Korea's decision to host an American system
    has plunged its relationship with China" -> KOR), then the states named before it."""
    seen: list[str] = []
    span = dc.ctx.doc.char_span(before, before + 1, alignment_mode="expand")
    subj = _pred_subject(span.root) if span is not None else None
    if subj is not None and span is not None and subj.i < span.root.i:
        seen += [c for c in _np_states(dc, subj) if c not in exclude][:1]
    for pos, c in reversed(dc.state_mentions):
        if len(seen) >= n:
            break
        if pos < before and c not in exclude and c not in seen:
            seen.append(c)
    return seen[:n]


def _question(dc: _Doc, n: _Num) -> tuple[Token, list[str], str | None] | None:
    """The "How many X are in Y?" heading a Q&A answer sits under: (the noun it counts,
    the states modifying it, the state it asks about), from the nearest question within a
    few sentences before the number."""
    doc = n.root.doc
    sent = n.root.sent
    for _ in range(vocab().question_reach):
        if sent.start == 0:
            return None
        sent = doc[sent.start - 1].sent
        if not sent.text.rstrip().endswith("?"):
            continue
        words = [t for t in sent if not t.is_punct]
        if len(words) < 3 or [t.lower_ for t in words[:2]] != ["how", "many"]:
            return None
        noun = next((t for t in words[2:] if t.pos_ == "NOUN"), None)
        if noun is None:
            return None
        subject = _np_states(dc, noun)[:1]
        place = None
        v = _verb_of(noun)
        for h in [noun, *([v] if v is not None else [])]:
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in vocab().location_preps:
                    got = [s for s in _phrase_states(dc, c) if s not in subject]
                    place = place or (got[0] if got else None)
        return noun, subject, place
    return None


def _subject_chain(dc: _Doc, pron: Token) -> list[str]:
    """The state a subject "it" continues: the nearest earlier clause subject that names a
    state, through other subject pronouns ("Seoul said it could reconsider. It has not sent
    weapons. Instead it has provided help ..." -> Seoul), at most two sentences back."""
    doc = pron.doc
    first = pron.sent.start
    for _ in range(2):
        if first > 0:
            first = doc[first - 1].sent.start
    for t in reversed(doc[first : pron.i]):
        if t.dep_ not in SUBJECT_DEPS:
            continue
        if t.pos_ == "PRON":
            if t.lower_ != "it":
                return []
            continue
        return _np_states(dc, t)[:1]
    return []


def _topic(dc: _Doc, pos: int) -> str | None:
    """The state a paragraph is about: the first state its text names ("South Korea's room
    for manoeuvre is narrower ... The defence budget for this year stands at ...")."""
    text = dc.ctx.doc.text
    start = text.rfind("\n", 0, pos) + 1
    return next((c for p, c in dc.state_mentions if start <= p < pos), None)


def _focal(dc: _Doc, exclude: list[str]) -> str | None:
    return next((c for c in dc.focal if c not in exclude), None)


def _doc_state(ctx: DocContext) -> tuple[list[str], list[tuple[int, str]]]:
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    mentions: list[tuple[int, str]] = []
    for m in sorted(ctx.actors.mentions, key=lambda m: m.span.start):
        a = ctx.actors.actors.get(m.actor_id)
        if a is None or a.kind != "state" or not a.country:
            continue
        counts[a.country] = counts.get(a.country, 0) + 1
        first.setdefault(a.country, m.span.start)
        mentions.append((m.span.start, a.country))
    focal = sorted(counts, key=lambda c: (-counts[c], first[c]))
    return focal, mentions


# -- one number in context ---------------------------------------------------------------


@dataclass
class _Num:
    val: NumValue
    span: SpacySpan
    root: Token  # head of the number phrase ("million" in "$1.1 million")
    num: Token  # the digit token
    seg: tuple[int, int]
    noun: Token | None = None  # what it counts / modifies
    noun_key: set[str] = field(default_factory=set)
    part_of: _Num | None = None  # "12,500 of the 37,500": the whole, on the part
    whole_of: _Num | None = None  # ... and the part, on the whole
    borrowed: Claim | None = None  # earlier claim an elided or anaphoric number refers to
    frame: tuple[list[str], str | None] | None = None  # (subject, place) a question set up
    measured: set[str] | None = None  # words of the noun a sum is "of" ("a package of $5bn")


def _num_token(span: SpacySpan) -> Token:
    for t in span:
        if t.like_num or t.pos_ == "NUM":
            return t
    return span.root


def _noun_keys(noun: Token) -> set[str]:
    keys = {noun.lemma_.lower(), noun.lower_}
    for c in noun.children:
        if c.dep_ == "compound":
            keys.add(f"{c.lower_} {noun.lemma_.lower()}")
            keys.add(f"{c.lemma_.lower()} {noun.lemma_.lower()}")
    return keys


def _counted(n: _Num) -> Token | None:
    """The noun a number counts ("28,500 troops"), the noun a rank or percentage
    modifies ("13th-largest economy", "a 42 percent increase"), or the verb a
    percentage measures ("rose 50 percent")."""
    r = n.root
    if n.val.unit == "rank":
        host = _rank_host(r)
        if host is not None:
            return host
    scale_words = set(vocab().scales) | set(vocab().words) | {"percent", "%"}
    t = r
    for _ in range(3):
        if t.dep_ in {"nummod", "quantmod", "amod", "compound", "nmod", "advmod", "npadvmod"}:
            h = t.head
            if h.pos_ in {"NOUN", "PROPN"} and h.lower_ not in scale_words and h.i > t.i:
                return h
            if h.lower_ in scale_words or h.pos_ == "NUM":
                t = h
                continue
            if n.val.unit == "percent" and h.pos_ in {"VERB", "ADV", "ADJ"}:
                return h  # "rose 50 percent", "up 125 percent", "8 percent higher"
            if h.lower_ in vocab().size_adjectives and h.head.pos_ in {"NOUN", "PROPN"}:
                return h.head  # "a 5,000-strong contingent"
        break
    if n.val.unit == "percent" and r.dep_ in {"dobj", "attr", "pobj"}:
        h = r.head.head if r.dep_ == "pobj" else r.head
        if r.dep_ == "pobj" and r.head.lower_ == "by" and h.pos_ == "VERB":
            return h  # "fell by 20 percent"
        if r.dep_ == "pobj" and r.head.lower_ == "of" and h.pos_ == "NOUN":
            return h  # "an increase of 8.3 percent"
        if r.dep_ != "pobj" and h.pos_ == "VERB":
            return h
    for c in n.num.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            p = next((x for x in c.children if x.dep_ == "pobj"), None)
            if p is not None and p.pos_ in {"NOUN", "PROPN"}:
                return p
    if r.pos_ in {"NOUN", "PROPN"} and r.lower_ not in scale_words and not r.like_num:
        return r
    if n.val.unit != "count":
        return None
    level = _level_subject(r)
    if level is not None:
        return level
    # surface fallback for odd parses: "37,500 U.S. troops"
    doc = r.doc
    for j in range(n.span.end, min(n.span.end + 3, n.span.sent.end)):
        t = doc[j]
        if t.pos_ == "NOUN" and t.ent_type_ not in {"DATE", "TIME"}:
            return t
        if t.pos_ not in {"ADJ", "PROPN"} and t.text not in {"."}:
            break
    if r.dep_ == "pobj" and r.head.lower_ == "of" and r.head.head.pos_ == "NOUN":
        return r.head.head  # "a population of 88 million", "an army of 1.2 million"
    return None


def _level_subject(r: Token) -> Token | None:
    """ "Ukraine's population has fallen to about 37 million", "The number of U.S. troops
    in Europe rose to 100,000": a bare count a verb's subject moves to or stands at counts
    that subject (through "the number of")."""
    if r.dep_ == "pobj" and r.head.lower_ in {"to", "at", "from"} and r.head.head.pos_ == "VERB":
        verb = r.head.head
        if any(c.dep_ == "dobj" for c in verb.children):
            return None  # "Officials put the number at 9,000": the object is what it counts
    elif r.dep_ == "dobj" and r.head.lemma_.lower() in vocab().level_verbs:
        verb = r.head  # "Nigeria's population reached 220 million"
    else:
        return None
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None or subj.pos_ != "NOUN":
        return None
    if subj.lemma_.lower() in vocab().anaphors:
        of = next((c for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        p = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        return p if p is not None and p.pos_ == "NOUN" else None
    return subj


def _is_possessor(tok: Token) -> bool:
    return any(c.dep_ == "case" for c in tok.children)


def _rank_host(r: Token) -> Token | None:
    """The noun a rank with no noun of its own ranks: "Japan's economy is the world's
    fourth-largest", "The Japanese economy, the world's fourth largest, shrank"."""
    t = r
    if t.dep_ == "amod" and _is_possessor(t.head):
        t = t.head  # the parser hung "fourth largest" on "the world's"
    if t.dep_ == "appos" and t.head.pos_ == "NOUN":
        return t.head
    if t.dep_ == "attr":
        subj = next((c for c in t.head.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None and subj.pos_ == "NOUN":
            return subj
    return None


def _measured_words(n: _Num) -> set[str] | None:
    """For a sum of money that is the value of a noun ("a rescue package of $57 billion",
    "a $57 billion package", "a pledge of $350 billion in investment"): the words that
    say what it is. None when the sum is not attached to a noun."""
    r = n.root
    if r.dep_ == "pobj" and r.head.lower_ == "of" and r.head.head.pos_ == "NOUN":
        noun = r.head.head
    elif r.dep_ in {"compound", "nmod", "amod", "nummod"} and r.head.pos_ == "NOUN":
        noun = r.head
    else:
        return None
    if noun.lemma_.lower() in vocab().amount_nouns:
        return None  # "a record $65 billion", "a total of $5 billion": says nothing of what
    words = {noun.lemma_.lower()}
    words |= {c.lemma_.lower() for c in noun.children if c.dep_ in {"compound", "amod"}}
    for c in noun.children:  # "a $2.3 billion package of aid and loans"
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj":
                    words |= {p.lemma_.lower()} | {x.lemma_.lower() for x in p.conjuncts}
    for c in r.children:  # "$350 billion in investment", "$25 billion in debt payments"
        if c.dep_ == "prep":
            for x in c.children:
                if x.dep_ == "pobj":
                    words.add(x.lemma_.lower())
                    words |= {y.lemma_.lower() for y in x.children if y.dep_ == "compound"}
    return words


def _partitives(nums: list[_Num]) -> None:
    """Link "12,500 of the 37,500 troops": part.part_of = whole, whole.whole_of = part."""
    for a in nums:
        for c in a.num.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for b in nums:
                    if b is not a and b.val.unit == a.val.unit and _in_subtree(b.num, c):
                        a.part_of, b.whole_of = b, a
    for a, b in zip(nums, nums[1:], strict=False):  # surface fallback: "X of the Y"
        between = a.span.doc.text[a.val.end : b.val.start].strip().lower()
        if between in {"of the", "of"} and a.part_of is None and a.val.unit == b.val.unit:
            a.part_of, b.whole_of = b, a


def _roles(n: _Num) -> list[tuple[str, str]]:
    """(lemma, role) of the words that govern the counted thing: role is subject, object
    (incl. passive subject and the amount of "by"), noun (a noun it is "of"), other."""
    start = n.num if n.part_of is not None else (n.noun or n.root)
    if n.part_of is None and n.noun is not None and n.noun.pos_ == "VERB":
        start = n.root
    out: list[tuple[str, str]] = []
    for c in start.children:
        if c.dep_ in {"acl", "relcl"} and c.pos_ == "VERB":
            out.append((c.lemma_.lower(), "object" if c.tag_ == "VBN" else "subject"))
    cur = start
    for _ in range(5):
        dep, head = cur.dep_, cur.head
        if head.i == cur.i:
            break
        lem = head.lemma_.lower()
        if dep in {"nsubj", "csubj"}:
            out.append((lem, "subject"))
            break
        if dep in {"nsubjpass", "dobj", "oprd"}:
            out.append((lem, "object"))
            break
        if dep == "pobj":
            ph = head.head
            plem = ph.lemma_.lower()
            if ph.pos_ in {"NOUN", "PROPN"}:
                if head.lower_ in vocab().base_preps:
                    break  # "a reduction in the 28,500 troops": the base, not the cut
                out.append((plem, "noun"))
                cur = ph
                continue
            if ph.pos_ in {"VERB", "AUX"}:
                out.append((plem, "object" if head.lower_ in {"by", "of"} else "other"))
            break
        if dep in {"conj", "appos", "compound", "nmod", "amod", "nummod", "quantmod"}:
            cur = head
            continue
        break
    return out


def _measure_ok(m: Measure, n: _Num, lemmas: set[str], roles: list[tuple[str, str]]) -> bool:
    u = n.val.unit
    if m.unit == "people":
        if u != "count":
            return False
    elif m.unit == "USD":
        if u in {"count", "percent", "rank"}:
            return False
    elif m.unit != u:
        return False
    if m.exclude & lemmas or (m.requires and not m.requires & lemmas):
        return False
    if m.share_of and not _share_of(n, m.share_of):
        return False
    if m.unit == "USD" and n.measured is not None and m.cues and not (m.cues & n.measured):
        return False  # "a rescue package of $57 billion" in a sentence about trade
    if m.share_form and not _share_form(m, n):
        return False
    keys = n.noun_key
    if m.of_nouns and n.noun is not None and n.noun.lemma_.lower() in m.of_nouns:
        if n.root.dep_ == "pobj" and n.root.head.lower_ == "of" and n.root.head.head == n.noun:
            return True  # "a country of over 260 million"
    if m.nouns and not (m.nouns & keys):
        if not (m.bare_cues & lemmas) or (n.noun is not None and n.noun.pos_ == "NOUN"):
            return False
    if m.possessed and n.noun is not None and _possessor_state_like(n.noun):
        return True  # "the island's 23.5 million people"
    if (
        m.from_verbs
        and any(role == "object" and lem in m.from_verbs for lem, role in roles)
        and _from_place(n) is not None
    ):
        return True  # "send 3,600 soldiers from South Korea to Iraq"
    if not m.needs_cue:
        return True
    if m.cues & lemmas:
        return True
    if n.noun is not None and n.noun.lemma_.lower() in m.predicates:
        return True  # "a population of 88 million"
    for lem, role in roles:
        if lem in m.predicates:
            return True
        if role == "object" and lem in m.object_of:
            return True
        if role == "subject" and lem in m.subject_of:
            return True
    return False


def _share_form(m: Measure, n: _Num) -> bool:
    """A percentage that is a share: "N percent of X", one that stands as a subject,
    object or predicate ("make up 35%"), one with no word it measures ("compared to 44
    percent in China"), or one sizing a share noun ("50 percent occupancy")."""
    doc = n.span.doc
    after = doc[n.span.end].lower_ if n.span.end < len(doc) else ""
    if after == "of":
        return True
    if after in vocab().comparison_words:
        return False  # "10% below its record high" is a change, not a share
    if n.noun is not None and n.noun.lemma_.lower() in m.share_nouns:
        return True
    if n.noun is not None and n.noun.pos_ in {"VERB", "ADV", "ADJ", "AUX"}:
        # "make up 35%" is a share; "would 100% be able" is not a share of anything
        return n.noun.pos_ == "VERB" and n.root.dep_ in {"dobj", "attr"}
    text = doc.text
    if (
        text[n.val.start - 1 : n.val.start] in QUOTE_MARKS
        and text[n.val.end : n.val.end + 1] in QUOTE_MARKS
    ):
        return False  # would "100%" be able: a manner of speaking
    subj = _pred_subject(n.root)
    if subj is not None and subj.lemma_.lower() in m.not_said_of:
        return False  # "the average score ... was 53 percent" is no share
    if n.noun is not None and n.noun.tag_ == "NNS":
        return True  # "one in five teachers"
    return n.noun is None or n.root.dep_ in {"nsubj", "nsubjpass", "dobj", "attr", "appos"}


def _possessor_state_like(noun: Token) -> bool:
    """A possessor that is a state name or a definite "the island's"/"the country's"."""
    for c in noun.children:
        if c.dep_ != "poss":
            continue
        if c.pos_ == "PROPN" or c.lemma_.lower() in vocab().definite_places:
            return True
    return False


def _from_place(n: _Num) -> Token | None:
    """The "from X" phrase (X a proper name) under the verb that moves the counted thing."""
    v = _verb_of(n.noun or n.root)
    if v is None:
        return None
    for t in v.subtree:
        if t.dep_ == "prep" and t.lower_ == "from":
            p = next((x for x in t.children if x.dep_ == "pobj"), None)
            if p is not None and any(x.pos_ == "PROPN" for x in p.subtree):
                return p
    return None


def _share_of(n: _Num, words: frozenset[str]) -> bool:
    """ "2 percent of (its) GDP": the figure is a share of one of `words`."""
    doc = n.span.doc
    i = n.span.end
    if i >= len(doc) or doc[i].lower_ != "of":
        return False
    return any(t.lemma_.lower() in words for t in doc[i + 1 : min(i + 5, len(doc))])


def _pick_measure(n: _Num, lemmas: set[str], roles: list[tuple[str, str]]) -> Measure | None:
    """The first measure that fits; when several of one unit fit by a cue in the clause,
    the one whose cue word stands nearest the number ("12 people were killed and 40 were
    wounded": 40 is injured; "a loan program valued at $3 billion to boost trade": a loan)."""
    fits = [m for m in vocab().measures if _measure_ok(m, n, lemmas, roles)]
    if not fits:
        return None
    first = fits[0]
    by_cue = [m for m in fits if m.unit == first.unit and m.cues & lemmas]
    if first not in by_cue or len(by_cue) < 2:
        return first
    a, b = n.seg
    toks = list(n.root.doc[a:b])

    def distance(m: Measure) -> int:
        near = [
            abs(t.i - n.num.i) for t in toks if t.lemma_.lower() in m.cues or t.lower_ in m.cues
        ]
        return min(near) if near else len(toks)

    return min(by_cue, key=distance)  # stable: ties keep the data file's order


def _by_name(name: str) -> Measure | None:
    return next((m for m in vocab().measures if m.name == name), None)


def measure_covers(wanted: str | None, measure: str | None) -> bool:
    """A claim of `measure` answers for `wanted` when they are the same or `wanted` is
    one of the measures it narrows through `broader` (trade_growth is a growth_rate)."""
    seen: set[str] = set()
    while measure and measure not in seen:
        if measure == wanted:
            return True
        seen.add(measure)
        m = _by_name(measure)
        measure = m.broader if m is not None else None
    return False


# -- subject and location -------------------------------------------------------------


def _with_head(noun: Token | None) -> Token | None:
    """ "South Korea, with some 3,000 troops in Iraq" -> South Korea."""
    if noun is not None and noun.dep_ == "pobj" and noun.head.lower_ == "with":
        h = noun.head.head
        if h.pos_ in {"NOUN", "PROPN"}:
            return h
    return None


def _owner_states(dc: _Doc, tok: Token) -> list[str]:
    """Climb "of"-phrases and appositions to the state a noun belongs to
    ("South Korea, a country of about 42 million people")."""
    t = tok
    for _ in range(4):
        if t.dep_ == "pobj" and t.head.lower_ == "of":
            t = t.head.head
        elif t.dep_ == "appos":
            t = t.head
        else:
            break
        got = _np_states(dc, t)
        if got:
            return got
    return []


def _subject_counted(dc: _Doc, n: _Num) -> tuple[list[str], bool]:
    """(subject, named_by_a_modifier) for counts of people: "U.S. troops", "American
    units" are named by a modifier (forces abroad); "South Korea has 50,000 troops" not."""
    noun = n.noun if n.part_of is None else n.part_of.noun or n.noun
    got = _np_states(dc, noun)
    if got:
        return got[:1], True
    w = _with_head(noun)
    if w is not None and _np_states(dc, w):
        return _np_states(dc, w)[:1], False
    subj = _pred_subject(noun or n.root)
    if subj is not None and subj is not noun and not (noun and _in_subtree(subj, noun)):
        got = _np_states(dc, subj) or _phrase_states(dc, subj)
        if got:
            # "American combat units left, leaving 500 officers": named by a demonym, so
            # foreign forces; "North Korea has 1.2 million soldiers": a state's own
            own = dc.ctx.actors.actor_of_token(subj)  # a group ("units") is no state
            return got[:1], not (own.kind == "state" if own else _states_in(dc, [subj]))
    if subj is not None and subj.lower_ in vocab().first_person_subjects:
        sc = _speaker_country(dc, n.val.start)  # "We have 2,000 soldiers in Iraq," said X
        if sc:
            return [sc], False
    if n.borrowed is not None:
        return list(n.borrowed.subject), False
    return [], False


def _pair(dc: _Doc, n: _Num, lemmas_of: set[str]) -> list[str]:
    """The two parties of a bilateral figure."""
    v = vocab()
    doc = n.root.doc
    a, b = n.seg
    seg = doc[a:b]
    trade_np = None
    if n.noun is not None and n.noun.lemma_.lower() in lemmas_of:
        trade_np = n.noun
    if trade_np is None:
        subj = _pred_subject(n.root)
        if subj is not None and any(t.lemma_.lower() in lemmas_of for t in subj.subtree):
            trade_np = subj
    if trade_np is None:
        cands = [t for t in seg if t.lemma_.lower() in lemmas_of and t.i < n.num.i]
        cands = cands or [t for t in seg if t.lemma_.lower() in lemmas_of]
        trade_np = cands[-1] if cands else None
    scope = list(trade_np.subtree) if trade_np is not None else list(seg)
    text = doc.text[scope[0].idx : scope[-1].idx + len(scope[-1].text)].lower()
    for phrase, pair in v.pair_phrases.items():
        if phrase in text:
            return list(pair)
    if trade_np is not None:
        joined = _dash_pair(dc, trade_np)
        if joined:
            return joined
    for t in scope:
        if t.lower_ == "between":
            found = _states_in(dc, t.subtree)
            if len(found) >= 2:
                return found[:2]
            if any(_pair_anaphor(x) for x in t.subtree):
                return _last_states(dc, n.val.start)
    found = _states_in(dc, scope)
    if len(found) >= 2:
        return found[:2]
    if len(found) == 1:
        other = _focal(dc, found)
        return [found[0], other] if other else []
    last = _last_states(dc, n.val.start)
    if any(_pair_anaphor(t) for t in scope) or len(dc.focal) < 2:
        return last if len(last) == 2 else []  # "the two countries": the two last named
    # a bare "bilateral trade" / "two-way trade": the states its sentence names ("China
    # is South Korea's largest trading partner, and two-way trade reached ..."), else the
    # pair the document is about
    inc = vocab().inclusion_preps
    here = _states_in(
        dc,
        [
            t
            for t in n.root.sent
            if not any(a.lower_ in inc and a.dep_ == "prep" for a in t.ancestors)
        ],
    )  # "China, including Hong Kong, is Taiwan's largest trading partner, and two-way ..."
    if len(here) >= 2:
        return here[:2]
    if len(here) == 1:
        other = _focal(dc, here)
        return [here[0], other] if other else []
    return dc.focal[:2]


def _pair_anaphor(tok: Token) -> bool:
    """ "the two countries", "both sides" (not "two-way", which names no one)."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return tok.lower_ in vocab().pair_words and not (nxt is not None and nxt.text in DASHES)


def _dash_pair(dc: _Doc, noun: Token) -> list[str]:
    """ "South Korea–Russia trade", "U.S.-China goods trade": two states joined by a dash
    (or a slash) right before the noun, in text order."""
    doc = noun.doc
    states: list[str] = []
    dash = False
    i = noun.i - 1
    skipped = 0
    while i >= noun.sent.start:
        t = doc[i]
        if t.text in DASHES:
            dash = True
        else:
            parts = [x for x in re.split(r"[-–—/]", t.text) if x] if len(t.text) > 2 else []
            found = [_place_words().get(x) for x in parts] if len(parts) > 1 else []
            if found and all(found):
                codes = [f for f in found if f]
                return list(dict.fromkeys(codes))[:2] if len(set(codes)) > 1 else []
            c = _state_of(dc, t)
            if c is None:
                if states or skipped >= 2 or t.head.i != noun.i:
                    break
                skipped += 1  # "goods" in "U.S.-China goods trade"
            elif c not in states:
                states.insert(0, c)
        i -= 1
    return states[:2] if dash and len(states) >= 2 else []


def _subject_measured(dc: _Doc, n: _Num, m: Measure) -> list[str]:
    doc = n.root.doc
    a, b = n.seg
    # the noun the figure is a value of: "a South Korean pledge of $350 billion"
    if n.root.dep_ == "pobj" and n.root.head.lower_ == "of":
        got = _np_states(dc, n.root.head.head)
        if got:
            return got[:1]
    cue_nouns = [t for t in doc[a:b] if t.lemma_.lower() in m.cues and t.pos_ == "NOUN"]
    for t in cue_nouns:
        if _dative_nmod(dc, t):
            continue  # "Germany has given Ukraine military aid": Ukraine is the receiver
        got = _np_states(dc, t)
        if got:
            return got[:1]
    for t in cue_nouns:  # "Its defense budget", "Our defense budget", said X
        poss = next((c for c in t.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if poss is None:
            continue
        if poss.lower_ in vocab().first_person:
            sc = _speaker_country(dc, poss.idx)
            if sc:
                return [sc]
        elif poss.lower_ in {"its", "their"}:
            got = _antecedents(dc, poss.idx, [], 1)
            if got:
                return got
    for t in cue_nouns:  # "Saudi Arabia, whose military spending reached $75 billion"
        if any(c.dep_ == "poss" and c.lower_ == "whose" for c in t.children):
            v = _verb_of(t)
            if v is not None and v.dep_ == "relcl":
                got = _np_states(dc, v.head)
                if got:
                    return got[:1]
    donor = _donor(dc, n)
    if donor:
        return donor
    subj = _pred_subject(n.root)
    if subj is not None and subj.pos_ != "PRON":
        got = _np_states(dc, subj) or _phrase_states(dc, subj, m.location_preps | _PLACE_PREPS)
        if got:
            return got[:1]
    if subj is not None and any(
        c.dep_ == "poss" and c.lower_ in vocab().first_person for c in subj.children
    ):
        sc = _speaker_country(dc, n.val.start)  # "Our defence spending will be 2 percent"
        if sc:
            return [sc]
    if subj is not None and subj.lower_ in vocab().first_person_subjects:
        sc = _speaker_country(dc, n.val.start)  # "We spend 2 percent of our GDP", said X
        if sc:
            return [sc]
    if subj is not None and subj.lower_ == "it" and n.borrowed is None:
        a_ = dc.ctx.actors.actor_of_token(subj)  # "Seoul has continued support: last year
        if a_ is not None and a_.kind in STATE_KINDS and a_.country:  # it contributed $8m"
            return [a_.country]
        got = _subject_chain(dc, subj) if a_ is None else []
        if got:
            return got
    if n.borrowed is not None:
        return list(n.borrowed.subject)
    if m.subject_fallback == "topic" and any(
        d.lower_ == "the" for t in cue_nouns for d in t.children
    ):  # "The defence budget for this year stands at ...": the state the paragraph is about
        f = _topic(dc, n.val.start)
        return [f] if f else []
    return []


def _subject_predicated(dc: _Doc, n: _Num) -> list[str]:
    """The state a ranked noun is said of: copula subject, appositive anchor, "make X Y"."""
    noun = n.noun
    if noun is None:
        return []
    split = _double_object(dc, noun)
    if split:
        return split[:1]
    small = next((c for c in noun.children if c.dep_ == "nsubj" and c.i < noun.i), None)
    if small is not None and _np_states(dc, small):  # "making China its largest partner"
        return _np_states(dc, small)[:1]
    if noun.dep_ in SUBJECT_DEPS and n.val.unit == "rank" and noun.i < n.num.i:
        got = _np_states(dc, noun)  # "Japan's economy is the world's fourth-largest"
        if got:
            return got[:1]
    w = _with_head(_of_owner(noun))
    if w is not None and _np_states(dc, w):  # "Iran, with a population of 88 million"
        return _np_states(dc, w)[:1]
    if noun.dep_ == "appos":
        h = noun.head  # "the country, the world's second-largest economy"
        return (_np_states(dc, h) or _phrase_states(dc, h) or _described_state(dc, h))[:1]
    got = _owner_states(dc, noun)
    if got:
        return got[:1]
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if (
        poss is not None and n.val.unit == "count"
    ):  # "Taiwan's 23.5 million people", "the island's 23.5 million people"
        got = _np_states(dc, poss)
        if not got and poss.lemma_.lower() in vocab().definite_places:
            got = _antecedents(dc, poss.idx, [], 1)
        if got:
            return got[:1]
    v = _verb_of(noun)
    if v is not None and v.lemma_.lower() in {"make", "name", "rank"}:
        obj = next((c for c in v.children if c.dep_ in {"dobj", "nsubj"} and c is not noun), None)
        if obj is not None and obj.i < noun.i and _np_states(dc, obj):
            return _np_states(dc, obj)[:1]
    owner = _of_owner(noun)
    if owner.lemma_.lower() in vocab().definite_places and owner.dep_ not in PREDICATE_DEPS:
        # "war with a country of nearly 90 million people": no name says which one
        return _described_state(dc, owner)
    subj = _pred_subject(noun)
    if subj is not None and subj.lower_ in vocab().first_person_subjects:
        sc = _speaker_country(dc, subj.idx)  # "We are the world's 11th-largest economy"
        return [sc] if sc else []
    if subj is not None and subj is not noun:
        got = _np_states(dc, subj) or _phrase_states(dc, subj)
        return (got or _described_state(dc, subj))[:1]
    return []


def _of_owner(noun: Token) -> Token:
    """ "people" in "a country of 26 million people" -> "country"."""
    t = noun
    for _ in range(3):
        if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ == "NOUN":
            t = t.head.head
        else:
            break
    return t


def _described_state(dc: _Doc, noun: Token) -> list[str]:
    """The state a bare "the country" / "a country" stands for: the state named last
    before it ("Japanese officials said the country ..."). An indefinite "a country" is
    not one of its clause's participants ("U.S. officials pressed Israel not to provoke
    a war with a country of 90 million people": neither the U.S. nor Israel), but may be
    named inside them ("a collapse of the Kim regime could send refugees from a country
    of 26 million people")."""
    if noun.lemma_.lower() not in vocab().definite_places:
        return []
    det = next((c.lower_ for c in noun.children if c.dep_ == "det"), None)
    if det not in {"the", "a", "an"}:
        return []
    skip = _participants(dc, noun) if det != "the" else set()
    sent = noun.sent
    for t in reversed(noun.doc[sent.start : noun.i]):
        c = _state_of(dc, t)
        if c and c not in skip:
            return [c]
    if det != "the":
        # "For a country of about 51 million people facing a nuclear-armed neighbour, ...":
        # the state its paragraph has named most so far (the latest on a tie)
        text = noun.doc.text
        start = text.rfind("\n", 0, sent.start_char) + 1
        counts: dict[str, tuple[int, int]] = {}
        for pos, c in dc.state_mentions:
            if start <= pos < sent.start_char and c not in skip:
                counts[c] = (counts.get(c, (0, 0))[0] + 1, pos)
        if counts:
            return [max(counts, key=lambda c: counts[c])]
    for pos, c in reversed(dc.state_mentions):
        if pos < sent.start_char and c not in skip:
            return [c]
    return []


def _participants(dc: _Doc, tok: Token) -> set[str]:
    """States heading the subjects and objects of the verbs above `tok` (not those named
    inside an of-phrase of them)."""
    out: set[str] = set()
    v = _verb_of(tok)
    for _ in range(4):
        if v is None:
            break
        for c in v.children:
            if c.dep_ in {"nsubj", "nsubjpass", "dobj", "iobj", "dative"}:
                out |= set(_np_states(dc, c))
        if v.dep_ not in {"xcomp", "ccomp", "advcl", "conj"} or v.head.i == v.i:
            break
        v = _verb_of(v.head)
    return out


def _double_object(dc: _Doc, noun: Token) -> list[str]:
    """ "making the U.S. South Korea's second-largest trading partner", parsed with both
    states inside the possessor: the states named before the possessor's own name are the
    verb's first object, i.e. what the ranked noun is said of."""
    v = _verb_of(noun)
    if v is None or v.lemma_.lower() not in vocab().double_object_verbs:
        return []
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    own = _state_of(dc, poss) if poss is not None else None
    if own is None or poss is None:
        return []
    before = [t for t in poss.subtree if t.i < poss.i]
    return [s for s in _states_in(dc, before) if s != own]


def _possessor_location(dc: _Doc, noun: Token, subject: list[str]) -> str | None:
    """The possessor of a ranked noun ("South Korea's largest trading partner"); a
    possessive pronoun ("its largest trading partner") is the state named last before it
    other than the subject."""
    for c in noun.children:
        if c.dep_ != "poss":
            continue
        got = [s for s in _phrase_states(dc, c) if s not in subject]
        if got:
            return got[0]
        if c.pos_ == "PRON" and c.lower_ not in vocab().first_person:
            last = _antecedents(dc, c.idx, subject)
            if last:
                return last[0]
        if c.lemma_.lower() in vocab().definite_places and any(
            d.lower_ == "the" for d in c.children
        ):  # "the country's second-largest trading partner"
            last = _antecedents(dc, c.idx, subject)
            if last:
                return last[0]
        if c.lower_ in vocab().first_person:  # "our largest trading partner", said X
            sc = _speaker_country(dc, c.idx)
            if sc and sc not in subject:
                return sc
    for c in noun.children:  # "the largest trading partner of North Korea"
        if c.dep_ == "prep" and c.lower_ == "of":
            got = [s for s in _phrase_states(dc, c) if s not in subject]
            if got:
                return got[0]
    return None


def _speaker_country(dc: _Doc, pos: int) -> str | None:
    for q in dc.quotes:
        if q.span.start <= pos < q.span.end and q.speaker and q.speaker.country:
            return q.speaker.country
    return None


def _loc_from(
    dc: _Doc, tok: Token, subject: list[str], n: _Num, preps: frozenset[str]
) -> str | None:
    """A state in a location phrase ("in Korea", "to the northern Iraqi city of Irbil")."""
    v = vocab()
    for c in tok.children:
        if c.dep_ != "prep" or c.lower_ not in preps:
            continue
        pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
        if pobj is None:
            continue
        for t in pobj.subtree:
            if t.lower_ in v.first_person and t.dep_ == "poss":
                sc = _speaker_country(dc, n.val.start)
                if sc and sc not in subject:
                    return sc
        found = [s for s in _states_in(dc, pobj.subtree) if s not in subject]
        if found:
            return found[0]
        if pobj.lemma_.lower() in v.definite_places and any(
            d.lower_ == "the" for d in pobj.children
        ):
            last = [s for s in _last_states(dc, n.val.start, 4) if s not in subject]
            if last:
                return last[0]
        if pobj.lemma_.lower() in v.theatre_places and any(
            d.lower_ == "the" for d in pobj.children
        ):
            got = _focal(dc, subject)  # "from the peninsula": where the document is set
            if got:
                return got
    return None


def _location(dc: _Doc, n: _Num, m: Measure, subject: list[str], named: bool) -> str | None:
    if m.location == "possessor":
        return _possessor_location(dc, n.noun, subject) if n.noun is not None else None
    if m.location != "phrase":
        return None
    if n.frame is not None and n.frame[1] and n.frame[1] not in subject:
        return n.frame[1]
    v = _verb_of(n.noun or n.root) if m.from_verbs else None
    if v is not None:
        if v.lemma_.lower() in m.from_verbs:
            p = _from_place(n)
            got = [s for s in _phrase_states(dc, p) if s not in subject] if p is not None else []
            if got:
                return got[0]
    host = _host_subject(n.noun or n.root)
    if host is not None:  # "South Korea hosts 28,500 American troops"
        got = [s for s in _phrase_states(dc, host) if s not in subject]
        if got:
            return got[0]
    verb = _verb_of(n.noun or n.root)
    heads = [n.num, n.root]
    if n.part_of is not None and n.part_of.noun is not None:
        heads.append(n.part_of.noun)
    if n.noun is not None and n.noun.pos_ != "VERB":
        heads.append(n.noun)
    # every "in/to X" inside the number's own phrase, nearest first:
    # "troops fighting alongside American forces in South Vietnam"
    inner = {t.head for h in heads for t in h.subtree if t.dep_ == "prep"}
    heads += sorted(inner, key=lambda t: abs(t.i - n.num.i))
    for c in n.num.children if n.num is n.root else [*n.num.children, *n.root.children]:
        if m.subject == "measured" and c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:  # "$10 billion of the North's debt" -> the debtor
                poss = [x for x in p.children if x.dep_ == "poss"]
                got = [s for x in poss for s in _phrase_states(dc, x) if s not in subject]
                if got:
                    return got[0]
    if m.subject == "measured":  # "Chinese investment in North Korea was $1.1 million"
        a, b = n.seg
        heads += [t for t in n.root.doc[a:b] if t.lemma_.lower() in m.cues and t.pos_ == "NOUN"]
        subj = _pred_subject(n.root)
        if subj is not None and subj.pos_ != "PRON":
            heads.append(subj)
    t = verb
    while t is not None:
        heads.append(t)
        t = _verb_of(t.head) if t.dep_ in {"xcomp", "conj"} and t.head.i != t.i else None
    seen: set[int] = set()
    preps = vocab().location_preps | m.location_preps
    uniq = []
    for h in heads:
        if h.i not in seen:
            seen.add(h.i)
            uniq.append(h)
    for h in uniq:
        place = _loc_from(dc, h, subject, n, preps)
        if place:
            return place
    place = _dispatch_place(dc, n, subject)
    if place:
        return place
    if n.borrowed is not None and n.borrowed.location and n.borrowed.location not in subject:
        return n.borrowed.location
    return _location_fallback(dc, n, m, subject, named, _place_phrase(uniq))


def _place_phrase(heads: list[Token]) -> str | None:
    """What the figure's place phrase does when it names no state: "back" when it points
    back ("in the complex", "toward the project"), "named" when it names a place that is no
    state ("in Africa", "to Pacific island nations"), None when there is none."""
    v = vocab()
    kind = None
    for h in heads:
        for c in h.children:
            if c.dep_ != "prep" or c.lower_ not in v.location_preps | v.anaphoric_preps:
                continue
            for p in c.children:
                if p.dep_ != "pobj" or p.pos_ not in {"NOUN", "PROPN"}:
                    continue
                dets = {d.lower_ for d in p.children if d.dep_ in {"det", "poss"}}
                if p.pos_ == "NOUN" and dets & {"the", "its", "this", "that"}:
                    return "back"
                proper = any(t.pos_ == "PROPN" for t in p.subtree)
                if proper and c.lower_ in v.location_preps and not dets & {"the", "its"}:
                    kind = "named"
    return kind


def _dispatch_place(dc: _Doc, n: _Num, subject: list[str]) -> str | None:
    """ "Pyongyang has sent 15,000 troops to fight for Moscow": the counted thing is the
    object of a dispatch verb, so another state in that verb's clause is where it went."""
    noun = n.noun if n.noun is not None and n.noun.pos_ != "VERB" else n.root
    v = noun.head
    if noun.dep_ not in {"dobj", "nsubjpass"} or v.lemma_.lower() not in vocab().dispatch_verbs:
        return None
    skip: set[int] = set()
    for c in v.children:
        if c.dep_ in {"conj", "cc", "nsubj", "nsubjpass", "parataxis"} or c is noun:
            skip |= {t.i for t in c.subtree}
    toks = [t for t in v.subtree if t.i not in skip and t.i != v.i]
    return next((s for s in _states_in(dc, toks) if s not in subject), None)


def _of_pronoun(n: _Num) -> bool:
    """ "about 2,000 of them": a part of a group named before."""
    for c in n.num.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            if any(x.dep_ == "pobj" and x.pos_ == "PRON" for x in c.children):
                return True
    return False


def _regional_rank(dc: _Doc, n: _Num) -> bool:
    """A rank whose scope is a named place that is no state ("Europe's largest economy",
    "Africa's second-largest economy"): not comparable with a world rank."""
    noun = n.noun
    if noun is None:
        return False
    for c in list(noun.children) + ([n.root.head] if n.root.dep_ == "amod" else []):
        if c.dep_ == "poss" and c.pos_ == "PROPN" and not _states_in(dc, [c]):
            return c.lower_ not in {"world"}
    return False


def _dative_nmod(dc: _Doc, noun: Token) -> bool:
    """ "has given Ukraine military aid", parsed with the receiver as a modifier of the
    object: the only state modifier is a bare name (nmod) and the verb has its own subject."""
    if noun.dep_ != "dobj":
        return False
    mods = [c for c in noun.children if c.dep_ in {"amod", "compound", "nmod", "poss"}]
    named = [c for c in mods if _states_in(dc, c.subtree)]
    if not named or any(c.dep_ != "nmod" or c.pos_ != "PROPN" for c in named):
        return False
    subj = next((c for c in noun.head.children if c.dep_ in SUBJECT_DEPS), None)
    return subj is not None and bool(_np_states(dc, subj) or _phrase_states(dc, subj))


def _donor(dc: _Doc, n: _Num) -> list[str]:
    """The giver of a sum a host verb's subject receives: "Pakistan received $6 billion in
    aid from Saudi Arabia" is Saudi Arabia's figure (Pakistan is where it went)."""
    tok = n.noun or n.root
    if _host_subject(tok) is None and _host_subject(n.root) is None:
        return []
    v = _verb_of(n.root)
    for h in (n.root, v):
        for c in h.children if h is not None else ():
            if c.dep_ == "prep" and c.lower_ == "from":
                got = _states_in(dc, [p for p in c.children if p.dep_ == "pobj"])
                if got:
                    return got[:1]
    return []


def _host_subject(tok: Token) -> Token | None:
    """The subject of a host verb whose object is `tok` (tolerates "hosts" tagged NOUN)."""
    h = tok.head if tok.dep_ in {"dobj", "nsubjpass"} else _verb_of(tok)
    if h is None or h.lemma_.lower() not in vocab().host_verbs:
        return None
    subj = next((c for c in h.children if c.dep_ in SUBJECT_DEPS and c is not tok), None)
    return subj if subj is not None else _pred_subject(h)


def _location_fallback(
    dc: _Doc, n: _Num, m: Measure, subject: list[str], named: bool, place: str | None = None
) -> str | None:
    """No state named with the figure: the measure's fallback steps, in order; none when
    the figure names a place that is no state ("aid to Pacific island nations")."""
    if not m.location_fallback or (m.fallback_needs_named and not named):
        return None
    if place == "named":
        return None
    first = n.root.sent[0]
    refers_back = place == "back" or first.lower_ in vocab().linking_adverbs
    for step in m.location_fallback:
        if step == "sentence":  # "Seoul agreed to pay for stationing 28,500 American troops"
            here = [s for s in _states_in(dc, n.root.sent) if s not in subject]
            if here:
                return here[0]
        elif step == "previous" and refers_back:  # "... reactors in North Korea. Japan
            sent = n.root.sent  # has pledged $1 billion toward the project" -> PRK
            if sent.start > 0:
                prev = n.root.doc[sent.start - 1].sent
                here = [s for s in _states_in(dc, prev) if s not in subject]
                if here:
                    return here[0]
        elif step == "family":
            for c in reversed(dc.claims):
                if _family(c.measure) == m.family and c.subject == subject and c.location:
                    return c.location
        elif step == "focal":
            top = dc.focal[0] if dc.focal else None
            if top and top not in subject:
                return top
    return None


# -- dating -------------------------------------------------------------------------------


def _admissible(t: Timex, n: _Num, others: list[_Num], sent: SpacySpan) -> bool:
    """Can time expression `t` date the figure `n`? See measures.yaml, "Dating"."""
    v = vocab()
    doc = sent.doc
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    own = n.num if n.part_of is not None else (n.noun if n.noun is not None else n.root)

    def own_contains(tok: Token) -> bool:
        return _in_subtree(tok, n.root) or (
            n.noun is not None and n.part_of is None and _in_subtree(tok, n.noun)
        )

    own_heads = {x.i for x in (n.num, n.root, n.noun) if x is not None}
    if n.part_of is not None and n.part_of.noun is not None:
        own_heads.add(n.part_of.noun.i)
    node = root
    for _ in range(12):
        h = node.head
        if h.i == node.i:
            break
        if node.dep_ in {"relcl", "acl"} and not _in_subtree(n.num, node) and h.i not in own_heads:
            return False
        if node.dep_ == "advcl" and not _in_subtree(n.num, node):
            marks = {c.lower_ for c in node.children if c.dep_ in {"mark", "advmod"}}
            if marks & v.non_dating_marks:
                return False
        if node.dep_ == "pobj" and h.lower_ in v.baseline_preps and not _in_subtree(n.num, h):
            return False
        node = h
    if root.dep_ in {"compound", "nummod", "amod", "poss", "nmod"}:
        h = root.head
        if (
            h.pos_ in {"NOUN", "PROPN"}
            and h.lemma_.lower() not in v.time_nouns
            and not _in_subtree(own, h)
            and not any(c.lemma_.lower() in v.time_nouns for c in h.subtree)
            and not _event_frame(h, n)
        ):
            return False
    for o in others:
        if o is n or o is n.part_of:
            continue
        o_own = o.root
        if o.noun is not None and o.part_of is None and o.noun.pos_ in {"NOUN", "PROPN"}:
            o_own = o.noun
        if o is n.whole_of:
            continue
        if _in_subtree(n.num, o_own) and not _in_subtree(n.num, o.root):
            continue  # "the two Koreas, which reached $2.7 billion in 2015": it frames both
        if (_in_subtree(root, o.root) or _in_subtree(root, o_own)) and not own_contains(root):
            if _restates_change(n, o):
                continue  # "$62 billion in 2022, up 87 percent": the change of that figure
            return False
    if n.part_of is not None:
        w = n.part_of
        w_np = w.noun or w.root
        if _in_subtree(root, w_np) or _in_subtree(root, w.root):
            return False
    return not any(o is not n and _dates_baseline(doc.text, o, t) for o in others)


def _restates_change(n: _Num, o: _Num) -> bool:
    """ "Trade was $62 billion in 2022, up 87 percent from a year earlier": a percentage
    after a figure, on the same verb, with no verb of its own, is that figure's change over
    the same period."""
    if n.val.unit != "percent" or o.val.unit == "percent" or o.val.end > n.val.start:
        return False
    v, w = _verb_of(o.root), _verb_of(n.root)
    return v is not None and w is not None and w.i == v.i and not _in_subtree(v, n.root)


def _event_frame(noun: Token, n: _Num) -> bool:
    """ "500 soldiers were killed in the 1999 Kargil conflict": an event the figure's verb
    happened in is dated by the year that names it."""
    if noun.lemma_.lower() not in vocab().event_nouns or noun.dep_ != "pobj":
        return False
    prep = noun.head
    verb = _verb_of(n.noun if n.noun is not None else n.root)
    return prep.lower_ in {"in", "during"} and verb is not None and prep.head.i == verb.i


def _dates_baseline(text: str, o: _Num, t: Timex) -> bool:
    """ "up 125 percent from $1.03 billion in 2022": a time expression right after a figure
    that is the baseline of a comparison dates that baseline, however it is attached."""
    between = text[o.val.end : t.start].strip().lower()
    if between not in {"", "in", "as of", "for", "during"} or t.start < o.val.end:
        return False
    lead = o.val.lead if o.val.lead is not None else o.val.start  # "from nearly $1 billion"
    before = text[max(0, lead - 30) : lead].lower().split()
    return bool(before) and before[-1] in vocab().baseline_preps


def _as_of(
    dc: _Doc, n: _Num, m: Measure, nums: list[_Num]
) -> tuple[str | None, str, Span | str | None]:
    """(as_of, precision, source) through `date_fields`, over the expressions that can date
    this figure: those of its clause (or a sentence-initial one), not naming another thing."""
    ctx = dc.ctx
    sent = n.root.sent
    a, b = n.seg
    doc = sent.doc
    seg_start = doc[a].idx
    seg_end = doc[b - 1].idx + len(doc[b - 1].text)
    # a duration ("a three-year loan program", "over three weeks") dates nothing
    in_sent = [
        t for t in ctx.timexes_between(sent.start_char, sent.end_char) if t.type != "DURATION"
    ]
    own = [t for t in in_sent if seg_start <= t.start < seg_end]
    if not own:
        lead = doc[sent.start : min(sent.start + 4, sent.end)]
        own = [t for t in in_sent if t.start < lead.end_char and t.end <= seg_start]
    if (
        not own
        and _appositive(n) is None
        and _tense(n.noun if n.noun is not None else n.root) == "VBD"
    ):
        # "The U.S. bought $128 billion of goods last year, and two-way trade came to $186
        # billion": a past clause with no time of its own shares its past sibling's
        prior = [t for t in in_sent if t.end <= seg_start]
        root = _timex_root(doc, prior[-1]) if prior else None
        t = prior[-1] if prior else None
        if root is not None and t is not None and _tense(root) == "VBD" and t.mod is None:
            if t.type == "DATE" and t.precision in {"year", "month", "day"}:
                return t.value, t.precision, Span(t.start, t.end, t.text)
    # a deadline dates a flow or a projection only, or a stock in the past perfect: "had
    # invested more than $60 billion in China by the end of 2016" held at that date
    target = m.flow or _projection(n) or _past_perfect(n)
    cands = [
        t
        for t in own
        if _admissible(t, n, nums, sent) and (target or t.mod not in vocab().deadline_mods)
    ]
    if _background(n, m):
        # "toward the upkeep of the 28,500 troops stationed there": a stock described in
        # passing is dated only by its own phrase, not by the clause around it
        np_ = n.noun if n.noun is not None else n.root
        cands = [t for t in cands if _in_subtree(_timex_root(doc, t) or np_, np_)]
    appos = _appositive(n)
    if appos is not None:
        # "India, the world's sixth-largest economy, has not held talks since 2015": an
        # appositive description holds when written, unless it carries its own date
        cands = [t for t in cands if _in_subtree(_timex_root(doc, t) or appos.head, appos)]
    view = replace(ctx, timexes=cands)
    anchor = n.num if n.part_of is not None else n.root
    date, prec, src = date_fields(view, anchor)
    if isinstance(src, Span):
        t = next((x for x in cands if x.start == src.start), None)
        if t is not None and t.mod == "ON_OR_AFTER":
            # "since 2004": the figure holds from then to the document date
            pub, pprec = ctx.publication_date()
            if pub:
                return pub, pprec, src
        if t is not None and t.mod is None and t.end_value:
            # "in the 2017-18 fiscal year": a figure for a period stands as of its end
            return t.end_value, _precision(t.end_value), src
    if not isinstance(src, Span):
        period = next((t for t in cands if _names_period(doc, t) or _names_event(doc, t, n)), None)
        if period is not None:  # "for the 1955 fiscal year", "killed in the 1999 conflict"
            value, prec = period.value, period.precision
            if period.mod is None and period.end_value:
                value, prec = period.end_value, _precision(period.end_value)
            return value, prec, Span(period.start, period.end, period.text)
    if src == "publication":
        how = ctx.document.anchor_source
        if how and how != "published":
            src = how  # e.g. "year named in text": say where the date came from
    return date, prec, src


def _tense(tok: Token) -> str | None:
    """The tag of the verb of `tok`'s clause ("VBD" for a simple past)."""
    v = _verb_of(tok)
    return v.tag_ if v is not None else None


def _past_perfect(n: _Num) -> bool:
    v = _verb_of(n.noun if n.noun is not None else n.root)
    return v is not None and any(c.dep_ == "aux" and c.lower_ == "had" for c in v.children)


def _precision(iso: str) -> str:
    return {4: "year", 7: "month"}.get(len(iso), "day")


def _appositive(n: _Num) -> Token | None:
    """The appositive the figure sits in ("X, a country of 50 million people, ...")."""
    t = n.root
    for _ in range(6):
        if t.dep_ == "appos":
            return t
        if t.dep_ == "pobj" and t.head.lower_ == "of":
            t = t.head.head
        elif t.dep_ in {"amod", "nummod", "compound", "quantmod", "advmod", "nmod"}:
            t = t.head
        else:
            return None
    return None


def _timex_root(doc, t: Timex) -> Token | None:
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    return span.root if span is not None else None


def _names_event(doc, t: Timex, n: _Num) -> bool:
    """A year premodifying an event the figure happened in ("in the 1999 conflict") or
    a noun whose relative clause holds the figure ("the 1965 treaty ..., under which
    Japan provided $500 million")."""
    r = _timex_root(doc, t)
    if r is None or r.dep_ not in {"compound", "nummod", "amod", "nmod"}:
        return False
    h = r.head
    framed = any(c.dep_ in {"relcl", "acl"} and _in_subtree(n.num, c) for c in h.children)
    return framed or _event_frame(h, n)


def _names_period(doc, t: Timex) -> bool:
    """A year premodifying a period noun ("the 1955 fiscal year") dates its clause."""
    r = _timex_root(doc, t)
    if r is None or r.dep_ not in {"compound", "nummod", "amod", "nmod"}:
        return False
    h = r.head
    return h.lemma_.lower() in vocab().time_nouns or any(
        c.lemma_.lower() in vocab().time_nouns and c.i < h.i for c in h.children
    )


def _background(n: _Num, m: Measure) -> bool:
    """A count of people inside a noun's complement ("the upkeep of 28,500 troops")."""
    if m.unit != "people" or m.flow or n.part_of is not None or n.whole_of is not None:
        return False
    noun = n.noun if n.noun is not None and n.noun.pos_ == "NOUN" else None
    if noun is None or noun.dep_ != "pobj" or _level_subject(n.root) is not None:
        return False  # "The number of troops rose to 100,000 in 2022" is dated by its verb
    return noun.head.head.pos_ == "NOUN" and noun.head.lower_ not in vocab().location_preps


# -- assembly ------------------------------------------------------------------------------


def _projection(n: _Num) -> bool:
    cues = vocab().projection
    t = n.root
    for _ in range(8):
        if t.lemma_.lower() in cues and t.pos_ in {"VERB", "NOUN"}:
            return True
        if t.dep_ in {"relcl", "acl"} or t.head.i == t.i:
            h = t.head  # "a plan to withdraw 4,500 troops": the noun the clause completes
            if t.dep_ == "acl" and h.lemma_.lower() in cues and h.pos_ == "NOUN":
                return True
            break
        if t.dep_ == "appos":
            return False  # "Pakistan, a country of 208 million people, is seeking ..."
        t = t.head
    v = _verb_of(n.root)
    if v is not None and not _describes_noun(n.root, v):
        for c in v.children:
            if c.dep_ in {"aux", "auxpass"} and c.lemma_.lower() in cues:
                return True
    return False


def _describes_noun(tok: Token, verb: Token) -> bool:
    """Is the figure inside an of-phrase of a noun below `verb` ("refugees from a country
    of 26 million people")? Then the verb's modal ("could send") is not the figure's."""
    t = tok
    while t.i != verb.i and t.head.i != t.i:
        if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ in {"NOUN", "PROPN"}:
            return True
        t = t.head
    return False


def _speaker_for(quotes: list[Quote], pos: int) -> str | None:
    for q in quotes:
        if q.span.start <= pos < q.span.end and q.speaker:
            return q.speaker.name
    return None


def _anaphor_claim(dc: _Doc, n: _Num) -> Claim | None:
    """An earlier figure that "it", "that number", "the total" in this clause points to."""
    v = vocab()
    doc = n.root.doc
    a, b = n.seg
    pointing = False
    subj = _pred_subject(n.root)
    if subj is not None and subj.lower_ in {"it", "they", "this", "that"}:
        pointing = True
    for t in doc[a:b]:
        if t.lemma_.lower() in v.anaphors and any(
            c.lower_ in {"that", "this", "the"} for c in t.children
        ):
            pointing = True
    if not pointing:
        return None
    sent = n.root.sent
    since = sent.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
    recent = [c for c in dc.claims if c.evidence.start >= since]  # this or the last sentence
    return recent[-1] if recent else None


def _build_nums(sent: SpacySpan, ctx: DocContext) -> list[_Num]:
    doc = sent.doc
    tx = [(t.start, t.end) for t in ctx.timexes]
    segs = _segments(sent)
    nums: list[_Num] = []
    for val in find_values(sent.text, sent.start_char):
        if val.unit in {"count", "rank"} and any(s < val.end and val.start < e for s, e in tx):
            continue  # a year or a duration, not a quantity
        span = doc.char_span(val.start, val.end, alignment_mode="expand")
        if span is None:
            continue
        num = _num_token(span)
        n = _Num(val, span, span.root, num, _segment_of(segs, num.i))
        n.noun = _counted(n)
        if val.unit not in {"count", "percent", "rank"}:
            n.measured = _measured_words(n)
        n.noun_key = _noun_keys(n.noun) if n.noun is not None else set()
        if n.noun is not None and n.val.unit == "count" and _state_of_any(ctx, n.noun):
            n.noun_key |= {"people", "person"}  # "33,000 Americans"
        nums.append(n)
    _partitives(nums)
    for n in nums:
        if n.part_of is not None and n.part_of.noun is not None:
            n.noun_key |= n.part_of.noun_key
    return nums


def _from_to(a: _Num, b: _Num) -> bool:
    """ "from about 37,000 troops in 2004 to 28,500 today": b is the same count as a."""
    pa, pb = a.num, b.root
    while pa.dep_ != "pobj" and pa.head.i != pa.i and pa.head.i < pa.i + 4:
        pa = pa.head
    return (
        pa.dep_ == "pobj"
        and pa.head.lower_ == "from"
        and pb.dep_ == "pobj"
        and pb.head.lower_ == "to"
        and pb.head.head.i == pa.head.head.i
    )


def _down_from(ctx: DocContext, n: _Num) -> bool:
    """ "5,100 troops in Mali, down from 5,500 in 2020": the baseline counts the same, when
    its phrase dates it (not "up from 4,500 before the war")."""
    r = n.root
    if not (
        r.dep_ == "pobj"
        and r.head.lower_ == "from"
        and r.head.head.lemma_.lower() in vocab().baseline_heads
    ):
        return False
    sub = list(r.head.subtree)
    start, end = sub[0].idx, sub[-1].idx + len(sub[-1].text)
    return any(t.mod is None for t in ctx.timexes_between(start, end))


def _state_of_any(ctx: DocContext, tok: Token) -> bool:
    """A noun that is itself a people of a state ("33,000 Americans")."""
    a = ctx.actors.actor_of_token(tok)
    if a is not None and a.kind == "state":
        return True
    return tok.text in _place_words() and tok.text[:1].isupper() and tok.text.endswith("s")


def _people_measure(nouns: set[str]) -> bool:
    return any(m.unit == "people" and m.nouns & nouns for m in vocab().measures)


def extract_claims(ctx: DocContext, quotes: list[Quote] | None = None) -> list[Claim]:
    """Every figure in the document that a measure in data/measures.yaml fits."""
    focal, mentions = _doc_state(ctx)
    dc = _Doc(ctx, quotes or [], focal, mentions)
    elision = vocab().elision_verbs
    for sent in ctx.doc.sents:
        nums = _build_nums(sent, ctx)
        prev_people: tuple[_Num, Claim] | None = None
        for n in nums:
            if (
                prev_people is not None
                and n.val.unit == "count"
                and not _people_measure(n.noun_key)
                and (n.noun is None or n.noun.lemma_.lower() in elision)
                and (n.root.dep_ != "pobj" or _from_to(prev_people[0], n) or _down_from(ctx, n))
            ):
                # "Some 20,000 American troops were withdrawn, and roughly 42,000 remain"
                n.noun_key = set(prev_people[0].noun_key)
                n.noun = None
                n.borrowed = prev_people[1]
            claim = _claim_for(dc, n, nums)
            if claim is None:
                claim = _parallel(dc, n, nums)
            if claim is None:
                continue
            dc.claims.append(claim)
            if claim.unit == "people":
                prev_people = (n, claim)
            restated = _restatement(dc, n, claim)
            if restated is not None:
                dc.claims.append(restated)
            above = _runner_up(dc, n, claim)
            if above is not None:
                dc.claims.append(above)
    return dc.claims


def _pick_for(dc: _Doc, n: _Num, lemmas: set[str]) -> Measure | None:
    """The measure of a number: the partitive whole's, its own, or an earlier figure's
    that "it" / "that number" in its clause points to."""
    if n.whole_of is not None:
        part_m = _pick_measure(n.whole_of, lemmas, _roles(n.whole_of))
        if part_m is not None and part_m.partitive_total:
            return _by_name(part_m.partitive_total)
    roles = _roles(n)
    m = _pick_measure(n, lemmas, roles)
    if m is not None:
        return m
    if n.noun is not None and n.noun.pos_ == "NOUN" and n.val.unit == "count":
        return None  # "the two governments": a count of its own noun, not the figure
    if n.measured is not None:
        return None  # "a rescue package of $57 billion": the value of its own noun
    if n.val.unit == "count" and (n.noun is None or n.noun.lemma_.lower() in vocab().anaphors):
        q = _question(dc, n)
        if q is not None:  # "How many North Korean troops are in Russia? ... about 11,000"
            qnoun, subject, place = q
            saved = n.noun_key
            n.noun_key = _noun_keys(qnoun)
            m = _pick_measure(n, lemmas | {qnoun.lemma_.lower()}, roles)
            if m is not None and subject:
                n.frame = (subject, place)
                return m
            n.noun_key = saved
    prior = _anaphor_claim(dc, n)
    if prior is None:
        return None
    n.borrowed = prior
    if n.val.unit == "count" and prior.unit == "people":
        n.noun_key = n.noun_key | _family_nouns(prior.measure)
        return _pick_measure(n, lemmas, roles)
    if _unit_family(n.val.unit) == _unit_family(prior.unit):
        return _by_name(prior.measure)
    return None


def _subject_for(dc: _Doc, n: _Num, m: Measure) -> tuple[list[str], bool]:
    """(subject, named_with_number): whose figure it is, by the measure's subject rule."""
    named = False
    if n.frame is not None:
        return list(n.frame[0]), True
    if m.subject == "counted":
        subject, named = _subject_counted(dc, n)
    elif m.subject == "victims":
        subject = _np_states(dc, n.noun)[:1] or (_owner_states(dc, n.noun) if n.noun else [])
        named = bool(subject)
        if not subject and n.noun is not None and n.noun.dep_ == "dobj":
            v = n.noun.head  # "North Korean units had sustained about 1,100 casualties"
            if v.lemma_.lower() in vocab().victim_verbs:
                subj = _pred_subject(n.noun)
                subject = (_np_states(dc, subj) or _phrase_states(dc, subj))[:1] if subj else []
                named = bool(subject)
        if not subject and n.borrowed is not None and _of_pronoun(n):
            subject = list(n.borrowed.subject)  # "2,000 of them have been killed"
        if not subject:  # "the bombing of Korean Air Flight 858 ... killed all 115 people"
            a, b = n.seg
            here = _states_in(dc, n.root.doc[a:b])
            subject = here if len(here) == 1 else []
    elif m.subject == "pair":
        subject = _pair(dc, n, set(m.cues))
    elif m.subject == "measured":
        subject = _subject_measured(dc, n, m)
    else:
        subject = _subject_predicated(dc, n)
    if not subject and n.borrowed is not None and _family(n.borrowed.measure) == m.family:
        subject = list(n.borrowed.subject)
    if not subject and m.subject in {"counted", "victims"}:
        prev = next((c for c in reversed(dc.claims) if _family(c.measure) == m.family), None)
        if prev is not None:  # "about 5,000 troops leaving": the troops last discussed
            subject = list(prev.subject)
            n.borrowed = n.borrowed or prev
    if not subject and (m.subject == "victims" or m.subject_fallback == "focal"):
        f = _focal(dc, [])  # "65 percent of students", in a story about Indonesia
        subject = [f] if f else []
    return subject, named


def _claim_for(dc: _Doc, n: _Num, nums: list[_Num]) -> Claim | None:
    doc = n.root.doc
    a, b = n.seg
    lemmas = {t.lemma_.lower() for t in doc[a:b]} | {t.lower_ for t in doc[a:b]}
    lemmas |= {  # phrasal verbs: "written off" -> "write off"
        f"{t.head.lemma_.lower()} {t.lower_}" for t in doc[a:b] if t.dep_ == "prt"
    }
    m = _pick_for(dc, n, lemmas)
    if m is None:
        return None
    if m.unit == "rank" and n.noun is not None and n.noun.tag_ in {"NNS", "NNPS"}:
        return None  # "one of the world's largest economies" is not a rank
    nxt = doc[n.num.i + 1].lower_ if n.num.i + 1 < len(doc) else ""
    if n.val.unit == "count" and n.val.value == 1 and nxt == "of":
        return None  # "one of Syria's oldest peoples" picks one out, it counts nothing
    if m.unit == "rank" and m.location != "possessor" and _regional_rank(dc, n):
        return None  # "Europe's largest economy" ranks within a region, not the world
    if (
        m.unit == "people"
        and m.subject != "victims"  # "the three soldiers killed on Tuesday" is a toll
        and n.val.value < vocab().definite_count_below
        and n.span.start > 0
        and n.root.doc[n.span.start - 1].lower_ == "the"
    ):
        return None  # "the two soldiers involved": people already introduced, not a figure
    subject, named = _subject_for(dc, n, m)
    if not subject and not m.subject_optional:
        return None
    location = _location(dc, n, m, subject, named)
    as_of, prec, src = _as_of(dc, n, m, nums)
    value = n.val.value
    if m.signed and n.noun is not None and n.noun.lemma_.lower() in vocab().decrease_words:
        value = -value  # "down about 7 percent from 2015"
    return Claim(
        claim_id=stable_id(dc.ctx.document.doc_id, n.val.start, m.name),
        subject=subject,
        location=location,
        measure=m.name,
        value=value,
        unit="people" if m.unit == "people" else n.val.unit,
        qualifier=n.val.qualifier,
        as_of=as_of,
        as_of_precision=prec,
        as_of_source=src,
        asserted_by=_speaker_for(dc.quotes, n.val.start),
        evidence=dc.ctx.sent_span(n.num),
        value_high=n.val.high,
        # "plans to withdraw 12,500 of the 37,000 troops": the plan is the part's only
        projection=n.whole_of is None and _projection(n),
        polarity="negated" if n.val.negated else "asserted",
    )


def _restatement(dc: _Doc, n: _Num, claim: Claim) -> Claim | None:
    """ "28,500 troops in South Korea, the level that the two governments agreed in 2008
    to maintain": the same figure also holds as of the restating clause's date."""
    v = vocab()
    doc = n.root.doc
    a, b = n.seg
    for t in doc[max(a, n.span.end) : b]:
        if t.lemma_.lower() not in v.restatement_nouns or doc[t.i - 1].lower_ != "the":
            continue
        if t.i < 2 or doc[t.i - 2].text != ",":
            continue
        for c in t.children:
            if c.dep_ not in {"relcl", "acl"}:
                continue
            for x in dc.ctx.timexes_between(c.left_edge.idx, c.right_edge.idx + 1):
                if x.type == "DATE" and x.precision in {"year", "month", "day"}:
                    if x.value == claim.as_of:
                        return None
                    return replace(
                        claim,
                        claim_id=stable_id(claim.claim_id, x.value),
                        as_of=x.value,
                        as_of_precision=x.precision,
                        as_of_source=Span(x.start, x.end, x.text),
                    )
    return None


def _parallel(dc: _Doc, n: _Num, nums: list[_Num]) -> Claim | None:
    """ "two-way trade came to $186 billion; China, still the country's largest trading
    partner, accounted for about $273 billion": a sum with no measure of its own, in a
    later clause whose subject is another state, is the same kind of bilateral figure for
    that state and the party the clause points back to ("the country")."""
    if n.val.unit in {"count", "percent", "rank"} or n.measured is not None:
        return None
    sent = n.root.sent
    earlier = {o.val.start for o in nums if o.seg[0] < n.seg[0]}
    prev = next(
        (
            c
            for c in reversed(dc.claims)
            if c.evidence.start == sent.start_char
            and len(c.subject) == 2
            and _unit_family(c.unit) == "money"
            and any(c.claim_id == stable_id(dc.ctx.document.doc_id, s, c.measure) for s in earlier)
        ),
        None,
    )
    subj = _pred_subject(n.root)
    if prev is None or subj is None:
        return None
    new = [s for s in _np_states(dc, subj) if s not in prev.subject][:1]
    if not new:
        return None
    a, b = n.seg
    keep: list[str] = []
    for t in n.root.doc[a:b]:
        if t.dep_ == "poss" and t.lemma_.lower() in vocab().definite_places:
            keep += [s for s in _antecedents(dc, t.idx, new, 1) if s in prev.subject]
    if not keep:
        return None
    m = _by_name(prev.measure)
    if m is None:
        return None
    as_of, prec, src = _as_of(dc, n, m, nums)
    return replace(
        prev,
        claim_id=stable_id(dc.ctx.document.doc_id, n.val.start, m.name),
        subject=[new[0], keep[0]],
        value=n.val.value,
        value_high=n.val.high,
        unit=n.val.unit,
        qualifier=n.val.qualifier,
        as_of=as_of,
        as_of_precision=prec,
        as_of_source=src,
        asserted_by=_speaker_for(dc.quotes, n.val.start),
        projection=_projection(n),
        polarity="negated" if n.val.negated else "asserted",
    )


def _runner_up(dc: _Doc, n: _Num, claim: Claim) -> Claim | None:
    """ "the country's second-largest trading partner after China": China ranks first."""
    if claim.unit != "rank" or claim.value != 2 or n.noun is None:
        return None
    for c in n.noun.children:
        if c.dep_ == "prep" and c.lower_ in vocab().runner_up_preps:
            states = [s for s in _phrase_states(dc, c) if s not in claim.subject]
            if len(states) == 1 and states[0] != claim.location:
                return replace(
                    claim,
                    claim_id=stable_id(claim.claim_id, "runner-up"),
                    subject=states,
                    value=1.0,
                    qualifier=None,
                )
    return None


def _family(measure: str) -> str:
    m = _by_name(measure)
    return m.family if m else measure


def _family_nouns(measure: str) -> set[str]:
    fam = _family(measure)
    out: set[str] = set()
    for m in vocab().measures:
        if m.family == fam:
            out |= set(m.nouns)
    return out


def _unit_family(unit: str) -> str:
    return unit if unit in {"count", "people", "percent", "rank"} else "money"
