"""Number forms in text: currencies with scales, ranges, percentages, fractions, ranks, word numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tiegraph.extract.claims.vocab import (
    ORDINALS,
    TENS,
    UNITS,
    YEAR,
    vocab,
)
from tiegraph.nlp.timex import _folded

# -- number forms ------------------------------------------------------------------------


@dataclass
class NumValue:
    """A number-like value in text: char offsets, value, optional upper bound, unit."""

    start: int
    end: int
    value: float
    high: float | None
    unit: str  # a currency code | percent | rank | count
    qualifier: str | None = None
    negated: bool = False
    lead: int | None = None  # where the figure's words start, qualifier included


def _num(s: str) -> float:
    return float(s.replace(",", ""))


def word_number(s: str) -> float | None:
    """ "forty-six" -> 46, "a dozen" -> 12, "three" -> 3."""
    s = s.lower().strip()
    if s.endswith("dozen"):
        return 12.0
    parts = re.split(r"[- ]", s)
    total = 0
    for p in parts:
        if p in TENS:
            total += TENS[p]
        elif p in UNITS:
            total += UNITS[p]
        else:
            return None
    return float(total)


_NO_MATCH = re.compile(r"(?!)")
# the figure patterns (NUM) all need a digit: a text without one skips their scans
_DIGITAL = ("money_between", "money", "money_word", "percent", "between", "count")
_DIGIT = re.compile(r"\d")


def _possible(text: str) -> dict[str, re.Pattern]:
    """The number patterns with those that cannot match `text` replaced by a no-match: the
    figure patterns need a digit, the others a word of their own (`Vocab.needs`, tested on
    the text folded as IGNORECASE folds it)."""
    v = vocab()
    digits = _DIGIT.search(text) is not None
    low = _folded(text)
    out = {}
    for k, pat in v.patterns.items():
        needs = v.needs.get(k)
        if (k in _DIGITAL and not digits) or (
            needs is not None and not any(w in low for w in needs)
        ):
            pat = _NO_MATCH
        out[k] = pat
    return out


def find_values(text: str, offset: int = 0) -> list[NumValue]:
    """Every number-like value in `text` with its unit; ranges, scales, qualifiers applied."""
    v = vocab()
    p = _possible(text)
    out: list[NumValue] = []
    taken: list[tuple[int, int]] = []

    def add(a: int, b: int, lo: float, hi: float | None, unit: str) -> None:
        if all(b <= s or a >= e for s, e in taken):
            out.append(NumValue(a, b, lo, hi, unit))
            taken.append((a, b))

    def scaled(m: re.Match, key: str = "scale") -> float:
        return v.scales.get((m.group(key) or "").lower(), 1.0)

    for m in p["money_between"].finditer(text):  # "between $5 billion and $7 billion"
        k = scaled(m)
        k1 = v.scales.get((m.group("s1") or "").lower(), k)
        cur = v.signs.get(m.group("cur"), "USD")
        add(m.start(), m.end(), _num(m.group("v1")) * k1, _num(m.group("v2")) * k, cur)
    for m in p["money"].finditer(text):
        k = scaled(m)
        hi = _num(m.group("v2")) * k if m.group("v2") else None
        add(m.start(), m.end(), _num(m.group("v1")) * k, hi, v.signs.get(m.group("cur"), "USD"))
    for m in p["money_word"].finditer(text):
        k = scaled(m)
        hi = _num(m.group("v2")) * k if m.group("v2") else None
        add(m.start(), m.end(), _num(m.group("v1")) * k, hi, v.words[m.group("cur").lower()])
    for m in p["percent"].finditer(text):
        hi = _num(m.group("v2")) if m.group("v2") else None
        add(m.start(), m.end(), _num(m.group("v1")), hi, "percent")
    for m in p["word_percent"].finditer(text):  # "Sixty-five percent"
        n = word_number(m.group("w"))
        if n is not None:
            add(m.start(), m.end(), n, None, "percent")
    for m in p["fraction"].finditer(text):  # "two-thirds of", "one-fifth of", "half of"
        w = m.group("w")
        if w is None:  # a bare "half of", not "the first half of 2023"
            before = text[max(0, m.start() - 12) : m.start()].split()
            if m.group("f").lower() not in v.bare_fractions or (
                before and before[-1].lower() in v.period_words
            ):
                continue
        n = 1.0 if w is None or w.lower() == "a" else word_number(w)
        if n is not None:
            add(
                m.start(), m.end(), round(n * v.fractions[m.group("f").lower()], 2), None, "percent"
            )
    for m in p["one_in"].finditer(text):  # "one in five teachers"
        w = m.group("w")
        den = float(w) if w.isdigit() else word_number(w)
        if den:
            add(m.start(), m.end(), round(100.0 / den, 2), None, "percent")
    for m in p["rank"].finditer(text):
        if m.group("no"):  # "the No. 2 trading partner"
            rank = int(m.group("no"))
        elif m.group("n"):
            rank = int(m.group("n"))
        elif m.group("w"):
            rank = ORDINALS[m.group("w").lower()]
        else:
            rank = 1
        add(m.start(), m.end(), float(rank), None, "rank")
    for m in p["between"].finditer(text):
        k = scaled(m)
        k1 = v.scales.get((m.group("s1") or "").lower(), k)
        add(m.start(), m.end(), _num(m.group("v1")) * k1, _num(m.group("v2")) * k, "count")
    for m in p["count"].finditer(text):
        k = scaled(m)
        joiner = text[m.end("v1") : m.start("v2")].strip() if m.group("v2") else ""
        if (
            joiner == "to"
            and YEAR.fullmatch(m.group("v1"))
            and ("," in m.group("v2") or _num(m.group("v2")) < _num(m.group("v1")))
        ):
            # "from 37,000 troops in 2004 to 28,500", "from 88 in 2023 to 388": a year, then
            # the next figure
            add(m.start("v2"), m.end(), _num(m.group("v2")) * k, None, "count")
            continue
        hi = _num(m.group("v2")) * k if m.group("v2") else None
        add(m.start(), m.end(), _num(m.group("v1")) * k, hi, "count")
    for m in p["words"].finditer(text):
        n = word_number(m.group("w"))
        if n is None:
            continue
        sc = (m.group("scale") or "").lower()
        k = 100.0 if sc == "hundred" else v.scales.get(sc, 1.0)
        add(m.start(), m.end(), n * k, None, "count")
    for val in out:
        val.qualifier, neg_end = _qualifier(text, val.start)
        val.negated = _negated(text, neg_end)
        val.lead = neg_end + offset
        val.start += offset
        val.end += offset
    return sorted(out, key=lambda x: x.start)


def _qualifier(text: str, start: int) -> tuple[str | None, int]:
    """The qualifier right before a number ("nearly", "more than"), and where it starts."""
    before = text[max(0, start - 24) : start].lower()
    stripped = before.rstrip()
    for q in sorted(vocab().qualifiers, key=len, reverse=True):
        if stripped.endswith(q) and (
            len(stripped) == len(q) or not stripped[-len(q) - 1].isalnum()
        ):
            return q, start - (len(before) - len(stripped)) - len(q)
    return None, start


def _negated(text: str, start: int) -> bool:
    words = text[max(0, start - 12) : start].lower().split()
    return bool(words) and words[-1] in vocab().negations
