"""As of when: the time expression that dates a figure, the publication date as fallback."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from tiegraph.extract.claims.figure import (
    _level_subject,
    _Num,
)
from tiegraph.extract.claims.parse import (
    _in_subtree,
    _verb_of,
)
from tiegraph.extract.claims.states import (
    _Doc,
)
from tiegraph.extract.claims.vocab import (
    Measure,
    vocab,
)
from tiegraph.extract.dating import date_fields
from tiegraph.model import Span
from tiegraph.nlp.syntax import doc_text
from tiegraph.nlp.timex import Timex


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
    return not any(o is not n and _dates_baseline(doc_text(doc), o, t) for o in others)


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
            if _range_start(n, nums):
                # "From 2001 to 2018, coverage leaped from 46 percent to 85 percent": the
                # first figure of a parallel "from ... to" stands at the period's start
                return t.value, _precision(t.value), src
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


def _range_start(n: _Num, nums: list[_Num]) -> bool:
    """The number opens a "from N to M" pair of figures of its clause."""
    doc = n.span.doc
    if n.span.start == 0 or doc[n.span.start - 1].lower_ != "from":
        return False
    return any(
        o is not n
        and o.seg == n.seg
        and o.span.start > n.span.end
        and doc[o.span.start - 1].lower_ == "to"
        for o in nums
    )


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
