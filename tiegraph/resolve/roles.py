"""Role words and titles -> CAMEO sector codes (data/roles.yaml over PLOVER_agents.txt).

Kept apart from the per-document builder so that phrase coding ("retired vice
president" -> ELI) and article resolution use one table and one rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from tiegraph import resources

MATCH_MEMO = 50_000


@dataclass(frozen=True)
class RoleData:
    table: dict[str, str]  # lower-cased phrase -> sector
    former: frozenset[str]
    now: frozenset[str]
    generic: frozenset[str]
    honorifics: frozenset[str]
    not_titles: frozenset[str]
    title_countries: dict[str, str]
    org_heads: dict[str, str]  # lower-cased last words of an organisation name -> sector
    max_len: int
    kinship: frozenset[str] = frozenset()  # "sister", "son": a relative of someone
    attached: frozenset[str] = frozenset()  # "aide", "adviser": in someone's service
    relation_preps: frozenset[str] = frozenset()  # "the sister of X", "an aide to X"
    tails: frozenset[str] = frozenset()  # last words of the table's phrases (a quick no)
    # role_match's answers by lower-cased word tuple: the same descriptions recur across a
    # document and a corpus; cleared when it reaches MATCH_MEMO entries (memory stays flat)
    matches: dict[tuple[str, ...], tuple[str | None, str | None, int]] = field(
        default_factory=dict, compare=False, repr=False
    )


@lru_cache(maxsize=1)
def role_data() -> RoleData:
    data = resources.load_yaml("roles.yaml") or {}
    aliases = data.get("sector_aliases") or {}
    ignore = set(data.get("ignore_sectors") or [])
    table: dict[str, str] = {}
    not_roles = {str(w).lower() for w in data.get("not_roles") or []}
    for phrase, sec in resources.plover_agents().items():
        sec = aliases.get(sec, sec)
        if sec not in ignore and phrase not in not_roles:
            table[phrase] = sec
    for sector, words in (data.get("roles") or {}).items():
        for w in words:
            table[str(w).lower()] = sector
    title_countries = {
        str(t).lower(): c for c, ts in (data.get("title_countries") or {}).items() for t in ts
    }
    heads = {
        str(w).lower(): s for s, ws in (data.get("organisation_heads") or {}).items() for w in ws
    }
    return RoleData(
        table=table,
        former=frozenset(str(w).lower() for w in data.get("former_prefixes") or []),
        now=frozenset(str(w).lower() for w in data.get("now_markers") or []),
        generic=frozenset(str(w).lower() for w in data.get("generic_roles") or []),
        honorifics=frozenset(data.get("honorifics") or []),
        not_titles=frozenset(str(w).lower() for w in data.get("not_titles") or []),
        title_countries=title_countries,
        org_heads=heads,
        max_len=max((len(k.split()) for k in table), default=1),
        kinship=_lower_set(data.get("kinship_roles")),
        attached=_lower_set(data.get("attached_roles")),
        relation_preps=_lower_set(data.get("relation_preps")),
        tails=frozenset(k.rsplit(" ", 1)[-1] for k in table),
    )


def _lower_set(words) -> frozenset[str]:
    return frozenset(str(w).lower() for w in words or [])


def relation_kind(word: str, lemma: str | None = None) -> str | None:
    """ "kin" for a kinship noun ("sister"), "attached" for a role in someone's service
    ("aide"), else None: the person described takes the country of whom they relate to."""
    rd = role_data()
    forms = {word.lower(), (lemma or word).lower()}
    if forms & rd.kinship:
        return "kin"
    if forms & rd.attached:
        return "attached"
    return None


def role_table() -> tuple[dict[str, str], frozenset[str]]:
    """Lower-cased role phrase -> sector, and the "former" prefixes (stable helper)."""
    rd = role_data()
    return rd.table, rd.former


def _lookup(phrase: str) -> str | None:
    table = role_data().table
    sec = table.get(phrase)
    if sec is None and phrase.endswith("s"):
        sec = table.get(phrase[:-1])
    if sec is None and phrase.endswith("es"):
        sec = table.get(phrase[:-2])
    return sec


def may_end_role(low: str) -> bool:
    """Can a role phrase (as `_lookup` matches it) end with the lower-cased word `low`?
    False skips the phrase joins for most words; words with a space are always tried."""
    tails = role_data().tails
    if not low or " " in low:
        return True
    return (
        low in tails
        or (low.endswith("s") and low[:-1] in tails)
        or (low.endswith("es") and low[:-2] in tails)
    )


def role_match(words: list[str]) -> tuple[str | None, str | None, int]:
    """Sector, phrase and end index of the best role phrase in `words`: the longest
    known phrase ending at the rightmost position that has one (the head)."""
    low = tuple(w.lower() for w in words)
    rd = role_data()
    got = rd.matches.get(low)
    if got is None:
        if len(rd.matches) >= MATCH_MEMO:
            rd.matches.clear()
        got = rd.matches[low] = _role_match(low, rd.max_len)
    return got


def _role_match(low: tuple[str, ...], max_len: int) -> tuple[str | None, str | None, int]:
    for j in range(len(low), 0, -1):
        if not may_end_role(low[j - 1]):
            continue
        for i in range(max(0, j - max_len), j):
            phrase = " ".join(low[i:j])
            sec = _lookup(phrase)
            if sec:
                return sec, phrase, j
    return None, None, -1


def sector_of(words: list[str]) -> tuple[str | None, str | None]:
    """Sector of a role phrase: the longest known phrase ending at its rightmost role word."""
    sec, phrase, _ = role_match(words)
    return sec, phrase


def role_sector(words: list[str]) -> str | None:
    """Sector of a role description, with "former"/"retired" turning GOV into ELI."""
    sec, phrase, end = role_match(words)
    if sec is None:
        return None
    low = [w.lower() for w in words[:end]]
    former = role_data().former
    if sec == "GOV" and any(w in former for w in low) and phrase not in former:
        return "ELI"
    return sec


def is_former(words: list[str]) -> bool:
    return any(w.lower() in role_data().former for w in words)


def is_generic(phrase: str | None) -> bool:
    return bool(phrase) and phrase in role_data().generic


def title_country(words: list[str]) -> str | None:
    """Country named by an office title itself ("Secretary of State" -> USA)."""
    low = " ".join(w.lower() for w in words)
    for title, country in role_data().title_countries.items():
        if low == title or low.endswith(" " + title) or low.startswith(title + " "):
            return country
    return None


def org_head_sector(words: list[str]) -> str | None:
    """Sector of an organisation name by its head words ("... Policy Group" -> EDU)."""
    heads = role_data().org_heads
    low = [w.lower() for w in words]
    # "Center for Pacific Affairs": the head is the word before "for"/"of"/"on"
    cut = next((k for k, w in enumerate(low) if k > 0 and w in {"for", "of", "on"}), len(low))
    for span in (low[:cut], low):
        for n in range(min(3, len(span)), 0, -1):
            phrase = " ".join(span[-n:])
            if phrase in heads:
                return heads[phrase]
        if cut < len(low):
            nxt = " ".join(low[cut - 1 : cut + 1])
            if nxt in heads:
                return heads[nxt]
    return None
