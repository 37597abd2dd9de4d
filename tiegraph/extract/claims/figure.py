"""One figure in context: what it counts, which measure of data/measures.yaml it is."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from tiegraph.extract.claims.numbers import (
    NumValue,
)
from tiegraph.extract.claims.parse import (
    _in_subtree,
    _pred_subject,
    _verb_of,
)
from tiegraph.extract.claims.states import (
    _Doc,
    _np_states,
    _phrase_states,
)
from tiegraph.extract.claims.vocab import (
    QUOTE_MARKS,
    SUBJECT_DEPS,
    Measure,
    _by_name,
    vocab,
)
from tiegraph.model import Claim
from tiegraph.nlp.syntax import doc_text


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
        between = doc_text(a.span.doc)[a.val.end : b.val.start].strip().lower()
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
        return not _share_of(n, m.not_share_of)  # "55% of the vote" is a vote tally
    if after in vocab().comparison_words:
        return False  # "10% below its record high" is a change, not a share
    if n.noun is not None and n.noun.lemma_.lower() in m.share_nouns:
        return True
    if n.noun is not None and n.noun.pos_ in {"VERB", "ADV", "ADJ", "AUX"}:
        # "make up 35%" is a share; "would 100% be able" is not a share of anything
        return n.noun.pos_ == "VERB" and n.root.dep_ in {"dobj", "attr"}
    text = doc_text(doc)
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


def _possessor(noun: Token) -> Token | None:
    """The possessor of a noun: its "poss" child, or the name whose "'s" stands right
    before the noun's phrase when the parser hung both on an "of" ("50% of Syria's
    nearly 24 million people": "Syria" and "people" both objects of "of")."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None:
        return poss
    j = noun.left_edge.i - 1
    if j >= 0 and noun.doc[j].lower_ in {"’s", "'s"} and noun.doc[j].head.i < j:
        return noun.doc[j].head
    return None


def _possessor_state_like(noun: Token) -> bool:
    """A possessor that is a state name or a definite "the island's"/"the country's"."""
    c = _possessor(noun)
    return c is not None and (c.pos_ == "PROPN" or c.lemma_.lower() in vocab().definite_places)


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
