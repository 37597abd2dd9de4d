"""The actor gazetteer: every name the data files know, compiled once per vocab.

Built from ontology/countries.csv plus data/actors.yaml (extra names, demonyms,
capitals, places, IGOs, organisations, institutions, non-actor phrases) and
data/people.yaml. Matching is a case-sensitive PhraseMatcher over token texts, so
one pass finds every known name in a document.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from tiegraph import resources
from tiegraph.resolve import phoenix

# Higher rank wins when one surface form has several entries ("UN" the IGO over
# any country row, an organisation over a place).
_KIND_RANK = {
    "none": 6,
    "igo": 5,
    "organisation": 4,
    "institution": 3,
    "person": 2,
    "state": 1,
    "place": 0,
}


@dataclass(frozen=True)
class Entry:
    key: str  # "C:USA", "I:IGONATO", "O:Korea Society", "P:Kim Dae-jung", "X:none"
    via: str  # name | alias | demonym | metonym | short | place
    kind: str  # state | igo | organisation | institution | person | place | none
    name: str  # canonical name
    country: str | None = None
    sector: str | None = None
    code: str | None = None


@dataclass
class PersonInfo:
    name: str
    aliases: list[str]
    terms: list[dict] = field(default_factory=list)
    gender: str | None = None

    def surnames(self) -> set[str]:
        """One-word forms a title or a bare mention may use ("Bush", "Kim")."""
        out: set[str] = set()
        for n in [self.name, *self.aliases]:
            parts = n.split()
            if len(parts) == 1:
                out.add(parts[0])
            elif parts:
                out.add(parts[-1])
                out.add(parts[0])
        return out


@dataclass
class Gazetteer:
    entries: dict[str, list[Entry]]  # surface form -> entries, best first
    people: dict[str, PersonInfo]  # canonical name -> info
    matcher: PhraseMatcher
    historical: dict[str, list[tuple[str, str]]]  # iso3 -> [(until, name)]
    surnames: frozenset[str]  # romanised surname-first family names
    by_surname: dict[str, list[PersonInfo]]
    # iso3 -> states whose naming also licenses its short names ("the North" where only
    # South Korea is named)
    short_with: dict[str, list[str]] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)  # iso3 -> first demonym
    # plural names of several states at once ("Koreas" -> KOR, PRK)
    collectives: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # demonyms that with "two"/"both" mean several states ("the two Korean leaders")
    collective_demonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # the Phoenix dictionaries under the project's names: lower-case name -> record,
    # matched case-insensitively (their names are upper case) by a second matcher
    phoenix: dict[str, phoenix.Record] = field(default_factory=dict)
    phoenix_matcher: PhraseMatcher | None = None
    # name or alias -> the first person who has it, built on the first look-up
    _by_alias: dict[str, PersonInfo] | None = field(default=None, repr=False, compare=False)

    def phoenix_entry(self, surface: str, date: str | None) -> Entry | None:
        """The reading of a Phoenix name on `date`: a place (a bare state code: cities), a
        person (dated codes), an IGO, an armed group or another organisation; discards
        are "none"."""
        rec = self.phoenix.get(surface.lower())
        if rec is None:
            return None
        if rec.source == "discards":
            return Entry("X:none", "name", "none", surface)
        code = rec.code_on(date)
        if not code:
            return None
        country, sector = phoenix.split_code(code)
        canon = rec.names[0]
        if sector is None:
            return Entry(f"L:{canon}", "place", "place", surface, country)
        if rec.dated:
            return Entry(f"P:{canon}", "name", "person", surface, country, sector)
        kind = "igo" if sector == "IGO" else "organisation"
        if sector in {"IGO", "NGO"} or country is None:
            full = code
        else:
            full = country + sector
        return Entry(f"F:{canon}", "name", kind, surface, country, sector, full)

    def phoenix_person(self, surface: str) -> PersonInfo | None:
        """A Phoenix office-holder as a dictionary person: one term per (dated) code."""
        rec = self.phoenix.get(surface.lower())
        if rec is None or not rec.dated:
            return None
        terms = []
        for c in sorted(rec.codes, key=lambda c: (bool(c.start or c.end), c.start or "")):
            country, sector = phoenix.split_code(c.code)
            if country is None:  # "[ELI]" after an office: the office's country
                country = next(
                    (phoenix.split_code(x.code)[0] for x in rec.codes if x is not c), None
                )
            terms.append(
                {"role": "", "country": country, "sector": sector, "from": c.start, "to": c.end}
            )
        return PersonInfo(surface, [], terms)

    def lookup(self, surface: str) -> list[Entry]:
        return self.entries.get(surface, [])

    def demonym(self, iso3: str) -> str | None:
        """The first demonym the data give for a state ("South Korean" for KOR)."""
        return self.demonyms.get(iso3)

    def state_name(self, iso3: str, canonical: str, date: str | None) -> str:
        """The name a state had on `date` ("Soviet Union" for RUS before 1992)."""
        if not date:
            return canonical
        for until, name in sorted(self.historical.get(iso3, [])):
            n = min(len(date), len(until))
            if date[:n] < until[:n]:
                return name
        return canonical

    def person_by_alias(self, surface: str) -> PersonInfo | None:
        """The first person (in `people` order) named or aliased `surface`."""
        if self._by_alias is None:
            index: dict[str, PersonInfo] = {}
            for info in self.people.values():
                for name in (info.name, *info.aliases):
                    index.setdefault(name, info)
            self._by_alias = index
        return self._by_alias.get(surface)

    def people_by_surname(
        self, surname: str, date: str | None, title: str | None = None
    ) -> list[PersonInfo]:
        """Dictionary people a surname can mean on `date`: those in office then, narrowed
        by the title the text gives ("President Bush" in 2003 -> George W. Bush)."""
        cands = self.by_surname.get(surname, [])
        if not cands:
            return []
        if date:
            live = [p for p in cands if term_on(p, date) is not None]
            cands = live or cands
        if title and len(cands) > 1:
            t = title.lower()
            titled = [
                p for p in cands if any(t in str(term.get("role", "")).lower() for term in p.terms)
            ]
            cands = titled or cands
        return cands


def _add(out: dict[str, list[Entry]], surface: str, entry: Entry) -> None:
    if not surface:
        return
    lst = out.setdefault(surface, [])
    if entry in lst:
        return
    lst.append(entry)
    lst.sort(key=lambda e: -_KIND_RANK[e.kind])


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """iso3 -> the first demonym of actors.yaml, else of countries.csv (also for states
    that only actors.yaml knows, such as South Sudan)."""
    extra = (resources.load_yaml("actors.yaml") or {}).get("countries", {}) or {}
    out: dict[str, str] = {}
    for iso3, c in resources.countries().items():
        spec = extra.get(iso3) or {}
        forms = spec.get("demonyms") or [w for w in c.demonyms if w[:1].isupper()]
        if forms:
            out[iso3] = forms[0]
    for iso3, spec in extra.items():
        if iso3 not in out and spec and spec.get("demonyms"):
            out[iso3] = str(spec["demonyms"][0])
    return out


def demonym_of(iso3: str) -> str | None:
    """The adjective for a state ("South Korean" for KOR), as the data give it first."""
    return _demonyms().get(iso3)


def _short_with() -> dict[str, list[str]]:
    extra = (resources.load_yaml("actors.yaml") or {}).get("countries", {}) or {}
    return {iso3: list(spec.get("short_names_with") or []) for iso3, spec in extra.items() if spec}


def _collectives(key: str = "collective_names") -> dict[str, tuple[str, ...]]:
    data = (resources.load_yaml("actors.yaml") or {}).get(key) or {}
    return {str(k): tuple(str(c) for c in v or []) for k, v in data.items() if v}


def _country_entries() -> tuple[dict[str, list[Entry]], dict[str, list[tuple[str, str]]]]:
    data = resources.load_yaml("actors.yaml")
    table = resources.countries()
    out: dict[str, list[Entry]] = {}
    historical: dict[str, list[tuple[str, str]]] = {}
    extra = data.get("countries", {}) or {}

    def state(iso3: str, canon: str, via: str) -> Entry:
        return Entry(f"C:{iso3}", via, "state", canon, iso3, None, iso3)

    for iso3, c in table.items():
        spec = extra.get(iso3, {}) or {}
        _add(out, c.name, state(iso3, c.name, "name"))
        for n in spec.get("names", []) or []:
            _add(out, n, state(iso3, c.name, "alias"))
        demonyms = spec.get("demonyms") or [w for w in c.demonyms if w[:1].isupper()]
        for n in demonyms:
            _add(out, n, state(iso3, c.name, "demonym"))
    for iso3, spec in extra.items():
        spec = spec or {}
        canon = table[iso3].name if iso3 in table else (spec.get("names") or [iso3])[0]
        if iso3 not in table:
            for n in spec.get("names", []) or []:
                _add(out, n, state(iso3, canon, "name"))
            for n in spec.get("demonyms", []) or []:
                _add(out, n, state(iso3, canon, "demonym"))
        for n in spec.get("capitals", []) or []:
            _add(out, n, state(iso3, canon, "metonym"))
        for n in spec.get("short_names", []) or []:
            _add(out, n, state(iso3, canon, "short"))
        for h in spec.get("historical_names", []) or []:
            historical.setdefault(iso3, []).append((str(h["until"]), h["name"]))
    for iso3, names in (data.get("places") or {}).items():
        for n in names or []:
            _add(out, n, Entry(f"L:{n}", "place", "place", n, iso3))
    # other names of an organisation are aliases ("Lotte" for Lotte Group, "UN"), which
    # is how a mention records that a short form was resolved
    for igo in data.get("igos", []) or []:
        e = Entry(f"I:{igo['code']}", "name", "igo", igo["name"], None, "IGO", igo["code"])
        for n in igo.get("names", [igo["name"]]):
            _add(out, n, e if n == igo["name"] else replace(e, via="alias"))
    parties = [{"sector": "PTY", **p} for p in data.get("parties", []) or []]
    for org in [*(data.get("organisations", []) or []), *parties]:
        code = org.get("code") or (org.get("country") or "") + (org.get("sector") or "")
        e = Entry(
            f"O:{org['name']}",
            "name",
            "organisation",
            org["name"],
            org.get("country"),
            org.get("sector"),
            code or None,
        )
        _add(out, org["name"], e)
        for n in org.get("names") or []:
            _add(out, n, replace(e, via="alias"))
    for inst in data.get("institutions", []) or []:
        e = Entry(
            f"N:{inst['name']}",
            "name",
            "institution",
            inst["name"],
            inst.get("country"),
            inst.get("sector"),
        )
        for n in [inst["name"], *(inst.get("names") or [])]:
            _add(out, n, e)
    for surface, codes in _collectives().items():
        name = " and ".join(table[c].name if c in table else c for c in codes)
        _add(out, surface, Entry(f"M:{surface}", "collective", "state", name, codes[0]))
    for phrase in data.get("not_actors", []) or []:
        out[phrase] = [Entry("X:none", "name", "none", phrase)]
    return out, historical


@lru_cache(maxsize=1)
def _place_table() -> dict[str, str]:
    """Surface -> country for every state name, demonym, capital and place of the data."""
    entries, _ = _country_entries()
    out: dict[str, str] = {}
    for surface, lst in entries.items():
        best = lst[0] if lst else None
        if best is None or best.kind not in {"state", "place"} or not best.country:
            continue
        if best.via not in {"short", "collective"}:  # "the North": only where licensed
            out[surface] = best.country
    return out


def place_table() -> dict[str, str]:
    """Surface form -> country for every state name, demonym, capital and place."""
    return _place_table()


def country_of_place(name: str) -> str | None:
    """The country a place or state name denotes: a state's name, short name, demonym or
    capital, or a place of `places` ("Seoul" -> KOR, "Busan" -> KOR, "North Korean" ->
    PRK, "NEW DELHI" -> IND). None for names the data do not know, and for names that are
    something else first (an organisation, an IGO, a phrase of `not_actors`)."""
    text = " ".join(name.split())
    if not text:
        return None
    table = _place_table()
    for form in (text, text.title(), " ".join(w.capitalize() for w in text.split())):
        if form in table:
            return table[form]
    return None


_ASCII_EXTRA = str.maketrans(
    {"ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D"}
)


def ascii_name(name: str) -> str:
    """A name as English news often prints it: no diacritics ("Çavuşoğlu" -> "Cavusoglu")."""
    folded = unicodedata.normalize("NFKD", name.translate(_ASCII_EXTRA))
    return "".join(c for c in folded if not unicodedata.combining(c))


def _people() -> tuple[dict[str, PersonInfo], frozenset[str]]:
    data = resources.load_yaml("people.yaml") or {}
    out: dict[str, PersonInfo] = {}
    for p in data.get("people", []) or []:
        out[p["name"]] = PersonInfo(
            p["name"], list(p.get("aliases") or []), p.get("terms") or [], p.get("gender")
        )
    # officeholders.yaml: one list per office; a person people.yaml lists keeps its terms
    listed = set(out)
    for office in (resources.load_yaml("officeholders.yaml") or {}).get("offices", []) or []:
        for h in office.get("holders") or []:
            if h["name"] in listed:
                continue
            info = out.setdefault(h["name"], PersonInfo(h["name"], []))
            for alias in [*(h.get("aliases") or []), ascii_name(h["name"])]:
                if alias != info.name and alias not in info.aliases:
                    info.aliases.append(alias)
            info.terms.append(
                {
                    "role": office["office"],
                    "country": office["country"],
                    "sector": office.get("sector", "GOV"),
                    "from": h.get("from"),
                    "to": h.get("to"),
                }
            )
    return out, frozenset(data.get("surnames") or [])


@lru_cache(maxsize=4)
def _gazetteer_for(vocab_id: int, nlp: Language) -> Gazetteer:
    entries, historical = _country_entries()
    people, surnames = _people()
    by_surname: dict[str, list[PersonInfo]] = {}
    for info in people.values():
        e = Entry(f"P:{info.name}", "name", "person", info.name)
        for n in [info.name, *info.aliases]:
            if " " in n or "-" in n:  # one-word forms are left to titles and coreference
                _add(entries, n, e)
        for s in info.surnames():
            by_surname.setdefault(s, []).append(info)
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    merger = (
        nlp.get_pipe("tiegraph_name_merger") if "tiegraph_name_merger" in nlp.pipe_names else None
    )
    for surface in entries:
        doc = nlp.make_doc(surface)
        if merger is not None:  # patterns must tokenise like running text
            doc = merger(doc)
        matcher.add(surface, [doc])
    table, pmatcher = _phoenix_matcher(nlp, {s.lower() for s in entries})
    return Gazetteer(
        entries,
        people,
        matcher,
        historical,
        surnames,
        by_surname,
        _short_with(),
        _demonyms(),
        _collectives(),
        _collectives("collective_demonyms"),
        table,
        pmatcher,
    )


@lru_cache(maxsize=1)
def _phoenix_records() -> dict[str, phoenix.Record]:
    from tiegraph.resolve.roles import role_data

    roles = role_data()
    titles = set(roles.table) | {h.lower() for h in roles.honorifics}
    table: dict[str, phoenix.Record] = {}
    for rec in phoenix.records():
        for n in rec.names:
            words = n.split()
            lead = {" ".join(words[:k]).rstrip(".") for k in range(1, min(4, len(words)))}
            if rec.dated and (len(words) < 2 or lead & titles):
                continue  # "president bush", "netanyahu": titles and surnames are the
                # resolver's (dated by people.yaml), not a name of their own
            if len(n) >= 3 and n not in table:
                table[n] = rec
    discard = phoenix.Record([], [], "discards")
    for n in phoenix.discards():
        table.setdefault(n, discard)
    return table


def _phoenix_matcher(nlp: Language, known: set[str]) -> tuple[dict, PhraseMatcher]:
    """The Phoenix names the project's data do not know (the project's own win), compiled
    into one case-insensitive matcher."""
    # "the united states" is the project's "united states": the article is no part of a name
    table = {
        n: r
        for n, r in _phoenix_records().items()
        if n not in known and n.removeprefix("the ") not in known
    }
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    plain = [n for n in table if all(w.isalpha() for w in n.split())]
    other = [n for n in table if not all(w.isalpha() for w in n.split())]
    # plain words tokenise as themselves; only names with punctuation need the tokenizer
    docs = [Doc(nlp.vocab, words=n.split()) for n in plain]
    tokenizer: Any = nlp.tokenizer
    docs += list(tokenizer.pipe(other, batch_size=2000))
    matcher.add("PHX", docs)
    return table, matcher


def gazetteer(nlp: Language) -> Gazetteer:
    return _gazetteer_for(id(nlp.vocab), nlp)


def _in_range(t: dict, date: str) -> bool:
    start = str(t.get("from") or "0000")
    end = str(t["to"]) if t.get("to") else "9999"
    n = len(date)
    return start[:n] <= date <= end[:n]


def term_on(info: PersonInfo, date: str) -> dict | None:
    """The term covering `date` (the latest one when terms overlap), else None."""
    hits = [t for t in info.terms if _in_range(t, date)]
    return hits[-1] if hits else None


def person_term(info: PersonInfo, date: str | None) -> dict | None:
    """The office the person held on `date` (ISO, any precision); else their latest earlier one."""
    if not info.terms:
        return None
    if not date:
        return info.terms[-1]
    hit = term_on(info, date)
    if hit is not None:
        return hit
    best = None
    for t in info.terms:
        if str(t.get("from") or "0000")[: len(date)] <= date:
            best = t
    return best or info.terms[0]
