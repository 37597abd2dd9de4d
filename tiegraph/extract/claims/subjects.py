"""Whose figure it is and where: the subject and location rules of data/measures.yaml."""

from __future__ import annotations

import re

from spacy.tokens import Token

from tiegraph.extract.claims.figure import (
    _Num,
    _possessor,
)
from tiegraph.extract.claims.parse import (
    _in_subtree,
    _pred_subject,
    _verb_of,
)
from tiegraph.extract.claims.states import (
    _PLACE_PREPS,
    _antecedents,
    _Doc,
    _focal,
    _last_states,
    _np_states,
    _phrase_states,
    _place_words,
    _state_of,
    _states_in,
    _subject_chain,
    _topic,
)
from tiegraph.extract.claims.vocab import (
    DASHES,
    PREDICATE_DEPS,
    STATE_KINDS,
    SUBJECT_DEPS,
    Measure,
    vocab,
)
from tiegraph.nlp.syntax import doc_text


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
    if subj is not None and subj is not noun:
        got = _actor_owner(dc, subj)  # "The United Nations has 12,000 peacekeepers"
        if got:
            return got, False
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
    text = doc_text(doc)[scope[0].idx : scope[-1].idx + len(scope[-1].text)].lower()
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
    first = noun.sent.start
    while i >= first:
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
    if m.subject_preps:  # "The IMF approved a $7 billion loan to Pakistan": the borrower's
        v = _verb_of(n.root)
        for h in [*cue_nouns, n.root, *([v] if v is not None else [])]:
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in m.subject_preps:
                    got = _phrase_states(
                        dc, next((x for x in c.children if x.dep_ == "pobj"), None)
                    )
                    if got:
                        return got[:1]
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
    v = _verb_of(n.root)
    if (
        subj is not None
        and v is not None
        and v.dep_ == "acl"
        and v.head == subj
        and v.lemma_.lower() in vocab().value_participles
    ):  # "Islamabad is negotiating a loan program valued at $6 billion": Islamabad's
        subj = _pred_subject(subj) or subj
    if subj is not None and subj.lower_ == "what" and v is not None:
        subj = _free_relative_owner(v) or subj
    if subj is not None and subj.pos_ != "PRON":
        got = _np_states(dc, subj) or _phrase_states(dc, subj, m.location_preps | _PLACE_PREPS)
        if got:
            return got[:1]
        got = _actor_owner(dc, subj)
        if got:
            return got
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


def _free_relative_owner(v: Token) -> Token | None:
    """ "The EU levied what he said was a 50% tariff": the subject of the first verb above
    the free relative "what" that has a named subject (the EU)."""
    t = v
    for _ in range(3):
        if t.head.i == t.i:
            return None
        t = t.head
        s = next((c for c in t.children if c.dep_ in SUBJECT_DEPS), None)
        if s is not None and s.pos_ != "PRON":
            return s
    return None


def _actor_owner(dc: _Doc, subj: Token) -> list[str]:
    """A person's country or an international organisation's code, for a sum or rate the
    actor is the clause subject of ("Trump levied 25% tariffs" -> USA)."""
    a = dc.ctx.actors.actor_of_token(subj)
    if a is None or a.kind not in vocab().actor_subject_kinds:
        return []
    code = a.country if a.kind == "person" else (a.code or a.country)
    return [code[:3]] if code else []


def own_place(dc: _Doc, n: _Num) -> list[str]:
    """The state a percentage is placed in by its own phrase ("44 percent in mainland
    China"): that state's figure, not the focal state's."""
    for tok in {n.root, n.num}:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in vocab().own_place_preps:
                obj = next((x for x in c.children if x.dep_ == "pobj"), None)
                got = _np_states(dc, obj) or _phrase_states(dc, obj)
                if got:
                    return got[:1]
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
    poss = _possessor(noun)
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
        text = doc_text(noun.doc)
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


def _speaker_country(dc: _Doc, pos: int) -> str | None:
    for q in dc.quotes:
        if q.span.start <= pos < q.span.end and q.speaker and q.speaker.country:
            return q.speaker.country
    return None


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
