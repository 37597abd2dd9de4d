"""Numeric and ranked claims: subject, measure, value, unit, qualifier, as-of date.

Number forms (currencies with scale words, ranges, percentages, ordinals such
as "11th largest", partitives "12,500 of the 37,500") are parsed here; what a
number measures comes from data/measures.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from tiegraph import resources
from tiegraph.extract.context import DocContext
from tiegraph.extract.dating import date_fields
from tiegraph.model import Actor, Claim, Quote, stable_id

VERSION = "claims-0.1"

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
WORD_NUMS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "dozen": 12,
}
ORDINAL_WORDS = {
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
}


@dataclass(frozen=True)
class Measure:
    name: str
    unit: str
    nouns: frozenset[str]
    clause: frozenset[str]
    exclude: frozenset[str]
    subject: str
    location: bool


@lru_cache(maxsize=1)
def vocab() -> dict:
    d = resources.load_yaml("measures.yaml")
    measures = [
        Measure(
            m["name"],
            m["unit"],
            frozenset(m.get("nouns") or []),
            frozenset(m.get("clause") or []),
            frozenset(m.get("exclude") or []),
            m.get("subject", "clause_subject"),
            bool(m.get("location")),
        )
        for m in d["measures"]
    ]
    scales = {k.lower(): float(v) for k, v in (d.get("scales") or {}).items()}
    currencies = dict(d.get("currencies") or {})
    quals = dict(d.get("qualifiers") or {})
    cur_re = "|".join(
        re.escape(c) for c in sorted(currencies, key=len, reverse=True) if not c.isalpha()
    )
    scale_re = "|".join(sorted(scales, key=len, reverse=True))
    money = re.compile(
        rf"(?P<cur>{cur_re})\s?(?P<v1>{NUM})(?:\s?(?:-|–|to)\s?(?P<v2>{NUM}))?"
        rf"(?:\s?(?P<scale>{scale_re})\b)?",
        re.I,
    )
    percent = re.compile(rf"(?P<v1>{NUM})\s?(?:percent|per cent|%)", re.I)
    ordinal = re.compile(
        r"(?:(?P<n>\d+)(?:st|nd|rd|th)|(?P<w>" + "|".join(ORDINAL_WORDS) + r"))?[- ]?"
        r"(?P<sup>largest|biggest|largest-ever)\b",
        re.I,
    )
    plain = re.compile(
        rf"(?<![\w$€£¥₩.,])(?P<v1>{NUM}|"
        + "|".join(WORD_NUMS)
        + rf")(?:\s(?P<scale>{scale_re})\b)?(?![\w%]|\.\d)",
        re.I,
    )
    return {
        "measures": measures,
        "scales": scales,
        "currencies": currencies,
        "quals": quals,
        "money": money,
        "percent": percent,
        "ordinal": ordinal,
        "plain": plain,
        "projection": frozenset(d.get("projection_cues") or []),
    }


def _num(s: str) -> float:
    s = s.lower()
    if s in WORD_NUMS:
        return float(WORD_NUMS[s])
    return float(s.replace(",", ""))


@dataclass
class _Value:
    start: int
    end: int
    value: float
    high: float | None
    unit: str  # USD | percent | rank | count


def find_values(text: str, offset: int = 0) -> list[_Value]:
    """Every number-like value in `text` with its unit, ranges and scales applied."""
    v = vocab()
    out: list[_Value] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in v["money"].finditer(text):
        scale = v["scales"].get((m.group("scale") or "").lower(), 1.0)
        cur = v["currencies"].get(m.group("cur"), "USD")
        lo = _num(m.group("v1")) * scale
        hi = _num(m.group("v2")) * scale if m.group("v2") else None
        out.append(_Value(offset + m.start(), offset + m.end(), lo, hi, cur))
        taken.append((m.start(), m.end()))
    for m in v["percent"].finditer(text):
        if free(m.start(), m.end()):
            out.append(
                _Value(offset + m.start(), offset + m.end(), _num(m.group("v1")), None, "percent")
            )
            taken.append((m.start(), m.end()))
    for m in v["ordinal"].finditer(text):
        if not free(m.start(), m.end()):
            continue
        if m.group("n"):
            rank = int(m.group("n"))
        elif m.group("w"):
            rank = ORDINAL_WORDS[m.group("w").lower()]
        else:
            rank = 1
        out.append(_Value(offset + m.start(), offset + m.end(), float(rank), None, "rank"))
        taken.append((m.start(), m.end()))
    for m in v["plain"].finditer(text):
        if not free(m.start(), m.end()):
            continue
        scale = v["scales"].get((m.group("scale") or "").lower(), 1.0)
        out.append(
            _Value(offset + m.start(), offset + m.end(), _num(m.group("v1")) * scale, None, "count")
        )
        taken.append((m.start(), m.end()))
    return sorted(out, key=lambda x: x.start)


def _clause_tokens(tok: Token) -> list[Token]:
    """Tokens of the ';'-delimited clause of the sentence that holds `tok`."""
    sent = tok.sent
    start, end = sent.start, sent.end
    for t in sent:
        if t.text == ";" and t.i < tok.i:
            start = t.i + 1
        if t.text == ";" and t.i > tok.i:
            end = t.i
            break
    return list(tok.doc[start:end])


def _counted_noun(tok: Token) -> Token | None:
    """The noun a number counts: "28,500 troops", "12,500 of the 37,500 troops"."""
    if tok.dep_ in {"nummod", "quantmod", "amod", "compound"} and tok.head.pos_ in {
        "NOUN",
        "PROPN",
        "ADJ",
    }:
        return tok.head if tok.head.dep_ not in {"nummod", "quantmod"} else tok.head.head
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    if tok.pos_ in {"NOUN", "PROPN"}:
        return tok
    return None


def _states(acts: list[Actor]) -> list[str]:
    return [a.country for a in acts if a.country]


def _modifier_states(ctx: DocContext, noun: Token | None) -> list[str]:
    if noun is None:
        return []
    out: list[str] = []
    a = ctx.actors.actor_of_token(noun)
    if a and a.country:
        out.append(a.country)
    for c in noun.children:
        if c.dep_ in {"amod", "compound", "poss", "nmod"}:
            out += [x for x in _states(ctx.actors.actors_under(c)) if x not in out]
    return out


def _clause_subject(ctx: DocContext, clause: list[Token]) -> list[str]:
    for t in clause:
        if t.dep_ in {"nsubj", "nsubjpass"} and t.head.dep_ in {"ROOT", "conj", "ccomp"}:
            got = _states(ctx.actors.actors_under(t))
            if got:
                return got
    for t in clause:
        a = ctx.actors.actor_of_token(t)
        if a and a.country and a.kind == "state":
            return [a.country]
    return []


def _between(ctx: DocContext, clause: list[Token], before_char: int) -> list[str]:
    for t in clause:
        if t.lower_ == "between" or (t.lower_ == "and" and False):
            found: list[str] = []
            for d in t.subtree:
                a = ctx.actors.actor_of_token(d)
                if a and a.country and a.country not in found:
                    found.append(a.country)
            if len(found) >= 2:
                return found[:2]
            if any(d.lower_ in {"two", "both"} for d in t.subtree):
                return _last_two_states(ctx, before_char)
    found = []
    for t in clause:
        if t.dep_ in {"poss", "compound", "amod", "nmod"} or t.dep_.startswith("nsubj"):
            a = ctx.actors.actor_of_token(t)
            if a and a.country and a.country not in found:
                found.append(a.country)
    if len(found) >= 2:
        return found[:2]
    return found


def _last_two_states(ctx: DocContext, before: int) -> list[str]:
    seen: list[str] = []
    for m in reversed(ctx.actors.mentions):
        if m.span.start >= before:
            continue
        a = ctx.actors.actors.get(m.actor_id)
        if a and a.country and a.country not in seen:
            seen.append(a.country)
        if len(seen) == 2:
            break
    return sorted(seen)


def _location(ctx: DocContext, clause: list[Token], subject: list[str]) -> str | None:
    for t in clause:
        if t.dep_ == "pobj" and t.head.lower_ in {"in", "to", "into"}:
            for c in _states(ctx.actors.actors_under(t)):
                if c not in subject:
                    return c
    return None


def _qualifier(text: str, start: int) -> str | None:
    before = text[max(0, start - 16) : start].lower().rstrip()
    for q in sorted(vocab()["quals"], key=len, reverse=True):
        if before.endswith(q):
            return q
    return None


def _speaker_for(quotes: list[Quote], pos: int) -> str | None:
    for q in quotes:
        if q.span.start <= pos < q.span.end and q.speaker:
            return q.speaker.name
    return None


def _measure_for(val: _Value, noun: Token | None, clause_lemmas: set[str]) -> Measure | None:
    for m in vocab()["measures"]:
        if m.exclude & clause_lemmas:
            continue
        unit_ok = (
            (m.unit == "people" and val.unit == "count")
            or m.unit == val.unit
            or (m.unit == "USD" and val.unit not in {"count", "percent", "rank"})
        )
        if not unit_ok:
            continue
        noun_lemma = noun.lemma_.lower() if noun is not None else ""
        if m.nouns and noun_lemma not in m.nouns:
            continue
        if m.clause and not (m.clause & clause_lemmas) and noun_lemma not in m.clause:
            continue
        return m
    return None


def extract_claims(ctx: DocContext, quotes: list[Quote] | None = None) -> list[Claim]:
    doc = ctx.doc
    text = doc.text
    quotes = quotes or []
    out: list[Claim] = []
    tx_spans = [(t.start, t.end) for t in ctx.timexes]
    last_by_clause_pronoun: Claim | None = None
    for sent in doc.sents:
        for val in find_values(sent.text, sent.start_char):
            if any(s <= val.start < e for s, e in tx_spans) and val.unit == "count":
                continue
            span = doc.char_span(val.start, val.end, alignment_mode="expand")
            if span is None:
                continue
            tok = _value_token(span)
            clause = _clause_tokens(tok)
            lemmas = {t.lemma_.lower() for t in clause}
            noun = _counted_noun(tok)
            measure = _measure_for(val, noun, lemmas)
            if measure is None:
                continue
            subject = _subject(ctx, measure, noun, clause, val.start)
            if not subject and last_by_clause_pronoun and any(t.lower_ == "it" for t in clause):
                subject = list(last_by_clause_pronoun.subject)
            if not subject:
                continue
            location = _location(ctx, clause, subject) if measure.location else None
            if (
                location is None
                and measure.location
                and last_by_clause_pronoun
                and last_by_clause_pronoun.measure == measure.name
                and any(t.lower_ == "it" for t in clause)
            ):
                location = last_by_clause_pronoun.location
            as_of, prec, src = date_fields(ctx, tok)
            unit = "people" if measure.unit == "people" else val.unit
            negated = text[max(0, val.start - 5) : val.start].lower().strip().endswith("not")
            claim = Claim(
                claim_id=stable_id(ctx.document.doc_id, val.start, measure.name),
                subject=subject,
                location=location,
                measure=measure.name,
                value=val.value,
                unit=unit,
                qualifier=_qualifier(text, val.start),
                as_of=as_of,
                as_of_precision=prec,
                as_of_source=src,
                asserted_by=_speaker_for(quotes, val.start),
                evidence=ctx.sent_span(tok),
                value_high=val.high,
                projection=bool(vocab()["projection"] & lemmas),
                polarity="negated" if negated else "asserted",
            )
            out.append(claim)
            last_by_clause_pronoun = claim
    return out


def _value_token(span: SpacySpan) -> Token:
    for t in span:
        if t.like_num or t.pos_ == "NUM":
            return t
    return span.root


def _subject(
    ctx: DocContext, m: Measure, noun: Token | None, clause: list[Token], pos: int
) -> list[str]:
    if m.subject == "between":
        return _between(ctx, clause, pos)
    if m.subject == "modifier":
        got = _modifier_states(ctx, noun)
        if not got and noun is not None and noun.head.pos_ == "NOUN":
            got = _modifier_states(ctx, noun.head)
        return got or _clause_subject(ctx, clause)
    if m.subject == "location":
        return _clause_subject(ctx, clause)
    return _clause_subject(ctx, clause)
