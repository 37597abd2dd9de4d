"""The characterisation rules object, built once from data/characterizations.yaml.

The phrase lexicon is a list of regular expressions. Running each of them over every
sentence cost more than the rest of the stage, so the rules object compiles the lexicon
once: for each entry, the literal strings one of which every match must contain (read
from the parsed expression); a sentence is tried only against the entries whose
literals occur in it. The filter never drops a match, so the matches are those of the
plain per-entry scan, only found faster.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any, TypeVar

from tiegraph import resources

T = TypeVar("T")


@dataclass(frozen=True)
class Entry:
    pattern: re.Pattern[str]
    tone: float
    relation: bool
    standalone: bool = False  # a metaphor about a relationship by itself ("lips and teeth")
    party_ok: bool = False  # relation: party - a party word will do ("two hostile governments")
    keys: tuple[str, ...] = ()  # lower-case literals, one of which every match contains


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[Entry, ...]
    negators: tuple[str, ...]
    negation_factor: float
    relation_re: re.Pattern[str]
    party_re: re.Pattern[str]
    alliance_re: re.Pattern[str]
    non_party_preps: frozenset[str]
    known_alliances: tuple[tuple[str, str], ...]
    name_heads: frozenset[str]
    relation_nouns: frozenset[str] = frozenset()
    named_tone: float | None = None
    combining_forms: tuple[tuple[str, str], ...] = ()
    # literal -> indices of the entries it keys; entries with no literal are always tried
    key_index: dict[str, tuple[int, ...]] = field(default_factory=dict)
    unkeyed: tuple[int, ...] = ()
    negator_res: tuple[tuple[str, re.Pattern[str]], ...] = ()
    relational: Any = None  # the lemma lexicon of relation words (constructions.RelationWords)


def _literals(items: Any) -> set[str] | None:
    """Strings one of which every match of the parsed sequence contains (None: no such
    set is known). Runs of literal characters are candidates; a group or an alternation
    contributes the union over its branches; the most selective candidate wins."""
    cands: list[set[str]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            cands.append({"".join(run).lower()})
            run.clear()

    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        close()
        sub: set[str] | None = None
        if op is C.SUBPATTERN:
            sub = _literals(av[-1])
        elif op is C.BRANCH:
            alts = [_literals(b) for b in av[1]]
            sub = None if any(a is None for a in alts) else set().union(*alts)  # type: ignore[arg-type]
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
            sub = _literals(av[2])
        if sub:
            cands.append(sub)
    close()
    if not cands:
        return None
    return max(cands, key=lambda s: (min(len(x) for x in s), -len(s)))


def keys_of(pattern: str) -> tuple[str, ...]:
    """The sorted key literals of a lexicon pattern, () when none is known."""
    found = _literals(P.parse(pattern))
    return tuple(sorted(found)) if found and all(k.strip() for k in found) else ()


def rules_from(d: dict) -> Lexicon:
    """The rules object from the contents of characterizations.yaml."""
    from tiegraph.extract.characterizations.constructions import relation_words

    entries = tuple(
        Entry(
            re.compile(rf"(?<![\w-])(?:{p['phrase']})(?![\w-])", re.I),
            float(p["tone"]),
            bool(p.get("relation")),
            bool(p.get("standalone")),
            p.get("relation") == "party",
            keys_of(str(p["phrase"])),
        )
        for p in d["phrases"]
    )
    index: dict[str, list[int]] = {}
    for k, e in enumerate(entries):
        for lit in e.keys:
            index.setdefault(lit, []).append(k)
    rel = "|".join(re.escape(w) for w in d.get("relation_nouns") or ["relations"])
    party = "|".join(re.escape(w) for w in d.get("party_words") or ["each other"])
    ally = "|".join(re.escape(w) for w in d.get("alliance_words") or ["alliance"])
    negators = tuple(str(n).lower() for n in d.get("negators") or [])
    return Lexicon(
        entries=entries,
        negators=negators,
        negation_factor=float(d.get("negation_factor", 0.7)),
        relation_re=re.compile(rf"\b(?:{rel})\b", re.I),
        party_re=re.compile(rf"\b(?:{party})\b", re.I),
        alliance_re=re.compile(rf"\b(?:{ally})\b", re.I),
        non_party_preps=frozenset(str(w).lower() for w in d.get("non_party_preps") or []),
        name_heads=frozenset(str(w).lower() for w in d.get("name_heads") or []),
        known_alliances=tuple(
            (str(a[0]), str(a[1])) for a in d.get("known_alliances") or [] if len(a) == 2
        ),
        relation_nouns=frozenset(str(w).lower() for w in d.get("relation_nouns") or []),
        named_tone=float(d["named_tone"]) if d.get("named_tone") is not None else None,
        combining_forms=tuple(
            (str(k).lower(), str(v)) for k, v in (d.get("combining_forms") or {}).items()
        ),
        key_index={k: tuple(v) for k, v in index.items()},
        unkeyed=tuple(k for k, e in enumerate(entries) if not e.keys),
        negator_res=tuple((n, re.compile(rf"(?<!\w){re.escape(n)}(?!\w)")) for n in negators),
        relational=relation_words(d["relation_words"]) if d.get("relation_words") else None,
    )


def lexicon() -> Lexicon:
    """The rules object, built from the data folder once per process (`rules_from`)."""
    return _rules()


@lru_cache(maxsize=1)
def _rules() -> Lexicon:
    return rules_from(resources.load_yaml("characterizations.yaml"))


def matches(text: str, lex: Lexicon | None = None) -> list[tuple[int, int, Entry]]:
    """Non-overlapping lexicon matches in `text`, longest first."""
    lex = lex or lexicon()
    low = text.lower()
    tried = set(lex.unkeyed)
    for lit, ks in lex.key_index.items():
        if lit in low:
            tried.update(ks)
    found = [
        (m.start(), m.end(), e)
        for k in sorted(tried)
        for e in (lex.entries[k],)
        for m in e.pattern.finditer(text)
    ]
    return resolve(found)


def resolve(found: list[tuple[int, int, T]]) -> list[tuple[int, int, T]]:
    """Longest first, then leftmost; a match overlapping one already taken is dropped."""
    found.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    out: list[tuple[int, int, T]] = []
    for s, e, entry in found:
        if s == e or any(s < oe and e > os for os, oe, _ in out):
            continue
        out.append((s, e, entry))
    return sorted(out, key=lambda x: x[0])


def negated(before: str, phrase: str, lex: Lexicon | None = None) -> bool:
    """A negator among the three words before the phrase, not already part of it."""
    lex = lex or lexicon()
    low = phrase.lower()
    if any(r.search(low) for _, r in lex.negator_res):
        return False
    tail = " ".join(re.findall(r"[\w']+", before.lower().replace("’", "'"))[-3:])
    tail = tail.replace(" n't", "n't")
    return any(r.search(tail) or (n == "n't" and "n't" in tail) for n, r in lex.negator_res)
