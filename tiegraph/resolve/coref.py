"""In-document coreference for people: short forms and subject pronouns.

A surname or short form ("Kim", "Kang", "Oh’s remarks") means the closest full
name mentioned before it that has that part; only when none precedes it (a
headline) does the first later one count. A subject pronoun ("He added", "she
said") means the most recent person who was the subject of a clause in the same
or the previous two sentences, skipping people of the other known gender.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token

from tiegraph import resources
from tiegraph.model import Actor
from tiegraph.nlp.syntax import doc_text, heads_subject

PRONOUNS = {"he": "m", "she": "f"}
POSSESSIVES = {"his": "m", "her": "f"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
NOT_NAME_POS = {"DET", "PRON", "ADP", "CCONJ", "SCONJ", "AUX", "PART", "PUNCT", "NUM", "SYM"}
HONORIFIC_GENDER = {"Mr.": "m", "Mr": "m", "Mrs.": "f", "Mrs": "f", "Ms.": "f", "Ms": "f"}


@dataclass
class PersonMention:
    actor: Actor
    start: int  # token index of the mention
    head: int  # token index of its syntactic head within the mention
    full: bool  # a full name (not a short form or pronoun)


@dataclass
class CorefState:
    """What coreference needs to know about the people found so far."""

    people: list[PersonMention] = field(default_factory=list)
    gender: dict[str, str] = field(default_factory=dict)  # actor_id -> m/f
    surname_first: set[str] = field(default_factory=set)  # actor ids of "Kim Min-seok" names

    def parts(self, a: Actor) -> set[str]:
        """Short forms a full name can be referred to by."""
        toks = [t for t in a.name.split() if t not in {"Jr.", "Sr.", "Jr", "Sr", "II", "III"}]
        if not toks:
            return set()
        if a.actor_id in self.surname_first:
            return {toks[0]}  # "Kim Min-seok" -> "Kim"
        return {toks[-1]}


def short_form_target(state: CorefState, form: str, at: int) -> Actor | None:
    """The person a one-word form at token `at` refers to: nearest earlier full name
    with that part, else the first later one."""
    before = [p for p in state.people if p.full and p.start < at and form in state.parts(p.actor)]
    if before:
        return max(before, key=lambda p: p.start).actor
    after = [p for p in state.people if p.full and p.start > at and form in state.parts(p.actor)]
    if after:
        return min(after, key=lambda p: p.start).actor
    return None


@lru_cache(maxsize=1)
def time_words() -> frozenset[str]:
    """Month and weekday names (timex.yaml): never a surname, whatever the NER says."""
    data = resources.load_yaml("timex.yaml") or {}
    return frozenset(
        str(w).lower() for key in ("months", "weekdays") for w in (data.get(key) or {})
    )


def is_short_form_token(tok: Token) -> bool:
    """A capitalised word that may be a short name. The NER's DATE/TIME tags are only
    trusted for real time words: it tags "Yoon" in "impeached Yoon later that month"."""
    if tok.ent_type_ in {"DATE", "TIME"} and tok.lower_ in time_words():
        return False
    return (
        tok.text[:1].isupper()
        and tok.is_alpha
        and tok.pos_ not in NOT_NAME_POS
        and tok.ent_type_ not in {"CARDINAL", "ORDINAL"}
    )


def pronoun_target(doc: Doc, state: CorefState, tok: Token) -> Actor | None:
    """Subject pronoun -> the most recent person subject nearby, matching gender; a
    possessive ("his remarks", "her ministry") by the same rule."""
    if tok.dep_ in SUBJECT_DEPS:
        gender = PRONOUNS.get(tok.lower_)
    elif tok.dep_ == "poss":
        gender = POSSESSIVES.get(tok.lower_)
    else:
        return None
    if gender is None:
        return None
    sent_starts = [s.start for s in doc.sents]
    cur = max(k for k, s in enumerate(sent_starts) if s <= tok.i)
    window_start = sent_starts[max(0, cur - 2)]
    cands = [p for p in state.people if window_start <= p.start < tok.i]
    cands = [p for p in cands if state.gender.get(p.actor.actor_id, gender) == gender]
    if not cands:
        return None
    subjects = [p for p in cands if heads_subject(doc[p.head], SUBJECT_DEPS)]
    pool = subjects or cands
    if not subjects:
        # no subject: only an unambiguous single person will do
        if len({p.actor.actor_id for p in pool}) != 1:
            return None
    return max(pool, key=lambda p: p.start).actor


PLURALS = {"they", "their"}


def plural_antecedent(doc: Doc, tok: Token) -> Token | None:
    """ "they" (a subject) or "their" -> the nearest plural noun phrase before it in the
    same or the previous sentence, when that is a subject ("South Korea and the United
    States announced that they would ..."). None inside quotation marks."""
    if tok.lower_ not in PLURALS:
        return None
    if (tok.lower_ == "they") != (tok.dep_ in SUBJECT_DEPS) or (
        tok.lower_ == "their" and tok.dep_ != "poss"
    ):
        return None
    if _inside_quote(doc, tok):
        return None
    sent_starts = [s.start for s in doc.sents]
    cur = max(k for k, s in enumerate(sent_starts) if s <= tok.i)
    for t in reversed(doc[sent_starts[max(0, cur - 1)] : tok.i]):
        if t.pos_ not in {"NOUN", "PROPN"} or t.dep_ == "compound":
            continue
        if not (t.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in t.children)):
            continue
        while t.dep_ == "conj" and t.head.i != t.i:  # "South Korea and the United States"
            t = t.head
        # the nearest plural must be a subject: "relations between Seoul and Moscow to
        # their lowest point" is about the relations
        return t if t.dep_ in SUBJECT_DEPS else None
    return None


def _inside_quote(doc: Doc, tok: Token) -> bool:
    """Is `tok` inside quotation marks opened earlier in its paragraph?"""
    text = doc_text(doc)
    p0 = text.rfind("\n", 0, tok.idx) + 1
    seg = text[p0 : tok.idx]
    return seg.count("“") > seg.count("”") or seg.count('"') % 2 == 1


def it_target(doc: Doc, mentions: list[tuple[int, Actor]], tok: Token, verbs: frozenset[str]):
    """ "it" as the subject of an agentive verb -> the last state or organisation that was
    a subject in this or the previous sentence. `mentions`: (head token, actor) in order."""
    if tok.lower_ != "it" or tok.dep_ != "nsubj" or tok.head.lemma_.lower() not in verbs:
        return None
    sent_starts = [s.start for s in doc.sents]
    cur = max(k for k, s in enumerate(sent_starts) if s <= tok.i)
    window_start = sent_starts[max(0, cur - 1)]
    cands = [
        (i, a)
        for i, a in mentions
        if window_start <= i < tok.i and a.kind in {"state", "igo", "organisation"}
    ]
    subjects = [(i, a) for i, a in cands if heads_subject(doc[i], SUBJECT_DEPS)]
    if not subjects:
        return None
    return max(subjects, key=lambda x: x[0])[1]
