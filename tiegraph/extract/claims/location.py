"""Where a figure is: the location rules of data/measures.yaml (a possessor, a "from"
or "in" phrase, a dispatch's place, the story's focus), apart from whose figure it is
(`subjects`)."""

from __future__ import annotations

from spacy.tokens import Token

from tiegraph.extract.claims.figure import (
    _family,
    _from_place,
    _Num,
)
from tiegraph.extract.claims.parse import (
    _pred_subject,
    _verb_of,
)
from tiegraph.extract.claims.states import (
    _antecedents,
    _Doc,
    _focal,
    _last_states,
    _phrase_states,
    _states_in,
)
from tiegraph.extract.claims.subjects import _host_subject, _speaker_country
from tiegraph.extract.claims.vocab import (
    Measure,
    vocab,
)


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
