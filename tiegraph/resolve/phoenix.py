"""The vendored Phoenix (PETRARCH2) actor dictionaries, parsed in our own code.

Why: ~28,000 names of office-holders, IGOs, NGOs, companies and armed groups that the
project's YAML does not list. They sit *under* the project's data: a surface form the
YAML knows is never taken from here (see gazetteer.py). Format (dictionaries.rst):

    NAME_WORDS_  [CODE]            one entry; "_" joins words; "#" starts a comment
    +SYNONYM_                      another name of the entry above
        [CODE yymmdd-yymmdd]       a code restricted to dates ('>yymmdd' from,
        [CODE <yymmdd]             '<yymmdd' until); an undated code is the default

Bytes that are not UTF-8 are read as Latin-1. Agents (role nouns) are the same family as
ontology/PLOVER_agents.txt, which roles.py already reads; `agents()` parses them for use
where that file lacks a noun. Discards are phrases that never name an actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as ires

from tiegraph import resources

ACTOR_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
_CODE = re.compile(r"\[([A-Z~]{3,})(?:\s+([<>]?)(\d{6,8})(?:-(\d{6,8}))?)?\s*\]")
_PAREN = re.compile(r"\([^)]*\)")


@dataclass(frozen=True)
class Code:
    code: str
    start: str | None = None  # ISO date, inclusive
    end: str | None = None


@dataclass
class Record:
    names: list[str]  # lower-case, space-joined; the first is the canonical one
    codes: list[Code]
    source: str  # file name

    def code_on(self, date: str | None) -> str | None:
        """The code in force on `date` (ISO): a dated code covering it, else the undated
        default, else (no date, or none covers it) the latest dated code."""
        dated = [c for c in self.codes if c.start or c.end]
        plain = [c for c in self.codes if not (c.start or c.end)]
        if date:
            for c in dated:
                if (c.start or "0000") <= date[:10] <= (c.end or "9999"):
                    return c.code
        if plain:
            return plain[0].code
        if dated:
            return max(dated, key=lambda c: c.start or c.end or "").code
        return None

    @property
    def dated(self) -> bool:
        return any(c.start or c.end for c in self.codes)


def _iso(d: str) -> str | None:
    if len(d) == 8:
        y, m, dd = d[:4], d[4:6], d[6:]
    elif len(d) == 6:
        y = ("20" if int(d[:2]) <= 30 else "19") + d[:2]
        m, dd = d[2:4], d[4:]
    else:
        return None
    if not ("01" <= m <= "12" and "00" <= dd <= "31"):
        return None
    return f"{y}-{m}-{'01' if dd == '00' else dd}"


def _codes(text: str) -> list[Code]:
    out = []
    for code, op, d1, d2 in _CODE.findall(text):
        if code.startswith("~"):
            continue
        a = _iso(d1) if d1 else None
        b = _iso(d2) if d2 else None
        if op == "<":
            out.append(Code(code, None, a))
        elif op == ">" or (a and not d2):
            out.append(Code(code, a, None))
        else:
            out.append(Code(code, a, b))
    return out


def _name(raw: str) -> str:
    words = _PAREN.sub(" ", raw).replace("_", " ")
    return " ".join(words.split()).lower()


def _read(name: str) -> str:
    raw = (ires.files("tiegraph") / "data" / "phoenix" / name).read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def parse_actors(text: str, source: str = "") -> list[Record]:
    """Entries of a TABARI/PETRARCH .actors file: names, synonyms and (dated) codes."""
    out: list[Record] = []
    cur: Record | None = None
    for line in text.splitlines():
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        stripped = body.strip()
        if stripped.startswith("["):  # a code line of the entry above
            if cur is not None:
                cur.codes.extend(_codes(stripped))
            continue
        head, _, rest = stripped.partition("[")
        codes = _codes("[" + rest) if rest else []
        if stripped.startswith("+"):
            if cur is not None:
                n = _name(head[1:])
                if n:
                    cur.names.append(n)
                cur.codes.extend(codes)
            continue
        n = _name(head)
        cur = Record([n] if n else [], codes, source)
        out.append(cur)
    return [r for r in out if r.names and r.codes]


@lru_cache(maxsize=1)
def records() -> tuple[Record, ...]:
    """Every record of the three actor files."""
    out: list[Record] = []
    for name in ACTOR_FILES:
        out.extend(parse_actors(_read(name), name))
    return tuple(out)


@lru_cache(maxsize=1)
def discards() -> frozenset[str]:
    """Lower-case phrases that stop coding (sports seeds, "years later", ...)."""
    out = set()
    for line in _read("Phoenix.discards.txt").splitlines():
        body = line.split("#", 1)[0].strip().lstrip("+").strip()
        if body and not body.isdigit():
            out.add(" ".join(body.replace("_", " ").split()).lower())
    return frozenset(out)


@lru_cache(maxsize=1)
def agents() -> dict[str, str]:
    """Agent nouns -> sector codes ("police" -> COP), lower-case, first code wins."""
    out: dict[str, str] = {}
    for line in _read("Phoenix.agents.txt").splitlines():
        body = line.split("#", 1)[0]
        m = re.match(r"\s*([^\[{]+?)\s*(?:\{[^}]*\})?\s*\[~([A-Z]+)\]", body)
        if not m:
            continue
        phrase = re.sub(r"![A-Z]+!", " ", m.group(1)).replace("_", " ")
        phrase = " ".join(phrase.split()).lower()
        if phrase:
            out.setdefault(phrase, m.group(2)[:3])
    return out


def split_code(code: str) -> tuple[str | None, str | None]:
    """(country, sector) of a Phoenix code: "AFGREB" -> (AFG, REB), "NGOUSAHRI" ->
    (USA, NGO), "IGOUNO" -> (None, IGO), "MNCUSA" -> (USA, BUS), "ELI" -> (None, ELI)."""
    iso = {k for k, c in resources.countries().items() if len(k) == 3 and c.iso2 != "NA"}
    head, rest = code[:3], code[3:]
    if head in {"IGO", "NGO", "MNC"}:
        country = rest[:3] if rest[:3] in iso else None
        return country, ("BUS" if head == "MNC" else head)
    if head in iso:
        return head, (rest[:3] or None)
    return None, head if not rest else rest[:3]
