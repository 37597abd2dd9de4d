"""Claims of a document: every figure a measure fits, with its subject, place and date."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from tiegraph.extract.claims.as_of import (
    _as_of,
    _projection,
)
from tiegraph.extract.claims.figure import (
    _by_name,
    _counted,
    _family,
    _family_nouns,
    _measured_words,
    _noun_keys,
    _Num,
    _num_token,
    _partitives,
    _pick_measure,
    _question,
    _roles,
    _unit_family,
)
from tiegraph.extract.claims.location import _location
from tiegraph.extract.claims.numbers import (
    find_values,
)
from tiegraph.extract.claims.parse import (
    _pred_subject,
    _segment_of,
    _segments,
)
from tiegraph.extract.claims.states import (
    _antecedents,
    _Doc,
    _doc_state,
    _focal,
    _np_states,
    _phrase_states,
    _place_words,
    _states_in,
)
from tiegraph.extract.claims.subjects import (
    _of_pronoun,
    _owner_states,
    _pair,
    _regional_rank,
    _subject_counted,
    _subject_measured,
    _subject_predicated,
    own_place,
)
from tiegraph.extract.claims.vocab import (
    Measure,
    vocab,
)
from tiegraph.extract.context import DocContext
from tiegraph.model import Claim, Quote, Span, stable_id


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
    segs: list[tuple[int, int]] | None = None  # read only for a sentence with a figure
    nums: list[_Num] = []
    for val in find_values(ctx.span(sent.start_char, sent.end_char).text, sent.start_char):
        if val.unit in {"count", "rank"} and any(s < val.end and val.start < e for s, e in tx):
            continue  # a year or a duration, not a quantity
        span = doc.char_span(val.start, val.end, alignment_mode="expand")
        if span is None:
            continue
        num = _num_token(span)
        if segs is None:
            segs = _segments(sent)
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
    counted: dict[str, str] = {}  # claim id -> lemma of the noun its number counts
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
            counted[claim.claim_id] = n.noun.lemma_.lower() if n.noun is not None else ""
            if claim.unit == "people":
                prev_people = (n, claim)
            restated = _restatement(dc, n, claim)
            if restated is not None:
                dc.claims.append(restated)
            above = _runner_up(dc, n, claim)
            if above is not None:
                dc.claims.append(above)
    return _without_repeats(dc.claims, counted)


def _cue_on(n: _Num, m: Measure) -> bool:
    """A cue of the measure governs the counted noun or sits in its phrase."""
    noun = n.noun
    if noun is None:
        return True
    return noun.head.lemma_.lower() in m.cues or any(
        t.lemma_.lower() in m.cues for t in noun.subtree
    )


def _without_repeats(claims: list[Claim], counted: dict[str, str]) -> list[Claim]:
    """A figure told again later in the story ("if Europe follows through on its 50%
    tariff") is the same claim, not a new one: same measure, unit, value, range, place,
    subject, date and counted noun ("one in five teachers" is not "20 percent of its
    budget"). When one telling names no subject, the one that does is kept.
    One-off events (`series: false`: two attacks may each kill two) are never merged."""
    tol, one_off = vocab().default_tolerance, vocab().one_off
    kept: list[Claim] = []
    for c in claims:
        if c.measure in one_off:
            kept.append(c)
            continue
        i = next(
            (
                i
                for i, k in enumerate(kept)
                if k.measure == c.measure
                and k.unit == c.unit
                and k.as_of == c.as_of
                and counted.get(k.claim_id) == counted.get(c.claim_id) != ""
                and k.location == c.location
                and k.value_high == c.value_high
                and k.polarity == c.polarity
                and abs(k.value - c.value) <= tol * abs(k.value)
                and (sorted(k.subject) == sorted(c.subject) or not k.subject or not c.subject)
            ),
            None,
        )
        if i is None:
            kept.append(c)
        elif not kept[i].subject and c.subject:
            kept[i] = c
    return kept


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
        subject = (own_place(dc, n) if m.subject_fallback == "focal" else []) or (
            _subject_measured(dc, n, m)
        )
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


def _clause_words(dc: _Doc, a: int, b: int) -> set[str]:
    """Lemmas and lower-case forms of the words of clause [a, b), with its phrasal verbs
    ("written off" -> "write off"): read once per clause, shared by its figures."""
    got = dc.clause_words.get((a, b))
    if got is None:
        got = set()
        for t in dc.ctx.doc[a:b]:
            low = t.lower_
            got.add(t.lemma_.lower())
            got.add(low)
            if t.dep_ == "prt":
                got.add(f"{t.head.lemma_.lower()} {low}")
        dc.clause_words[(a, b)] = got
    return got


def _claim_for(dc: _Doc, n: _Num, nums: list[_Num]) -> Claim | None:
    doc = n.root.doc
    a, b = n.seg
    lemmas = _clause_words(dc, a, b)
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
        and n.val.value < vocab().definite_count_below
        and n.span.start > 0
        and n.root.doc[n.span.start - 1].lower_ == "the"
        # "the three soldiers killed on Tuesday" is a toll; "paid the two men to kill" is not
        and (m.subject != "victims" or not _cue_on(n, m))
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
