"""The actor gazetteer: every name the data files know, compiled once per vocab.

Built from ontology/countries.csv plus data/actors.yaml (extra names, demonyms,
capitals, IGOs, organisations, non-actor phrases) and data/people.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher

from tiegraph import resources


@dataclass(frozen=True)
class Entry:
    key: str  # "C:USA", "I:IGONATO", "O:Korea Society", "P:Kim Dae-jung", "X:not-actor"
    via: str  # name | alias | demonym | metonym
    kind: str  # state | igo | organisation | person | none
    name: str  # canonical name
    country: str | None = None
    sector: str | None = None
    code: str | None = None


@dataclass
class PersonInfo:
    name: str
    aliases: list[str]
    terms: list[dict] = field(default_factory=list)


@dataclass
class Gazetteer:
    entries: dict[str, list[Entry]]  # surface form -> entries
    people: dict[str, PersonInfo]  # canonical name -> info
    matcher: PhraseMatcher

    def lookup(self, surface: str) -> list[Entry]:
        return self.entries.get(surface, [])


def _country_entries() -> dict[str, list[Entry]]:
    data = resources.load_yaml("actors.yaml")
    table = resources.countries()
    out: dict[str, list[Entry]] = {}

    def add(surface: str, entry: Entry) -> None:
        # IGOs and organisations shadow a country row with the same surface ("UN")
        if surface and entry not in out.setdefault(surface, []):
            out[surface].insert(
                0 if entry.kind in {"igo", "organisation"} else len(out[surface]), entry
            )

    extra = data.get("countries", {}) or {}
    for iso3, c in table.items():
        canon = c.name
        add(canon, Entry(f"C:{iso3}", "name", "state", canon, iso3, None, iso3))
        spec = extra.get(iso3, {}) or {}
        for n in spec.get("names", []) or []:
            add(n, Entry(f"C:{iso3}", "alias", "state", canon, iso3, None, iso3))
        demonyms = spec.get("demonyms") or [w for w in c.demonyms if w[:1].isupper()]
        for n in demonyms:
            add(n, Entry(f"C:{iso3}", "demonym", "state", canon, iso3, None, iso3))
        for n in spec.get("capitals", []) or []:
            add(n, Entry(f"C:{iso3}", "metonym", "state", canon, iso3, None, iso3))
    for iso3, spec in extra.items():
        if iso3 in table:
            continue
        canon = (spec.get("names") or [iso3])[0]
        for n in spec.get("names", []) or []:
            add(n, Entry(f"C:{iso3}", "name", "state", canon, iso3, None, iso3))
    for igo in data.get("igos", []) or []:
        e = Entry(f"I:{igo['code']}", "name", "igo", igo["name"], None, "IGO", igo["code"])
        for n in igo.get("names", [igo["name"]]):
            add(n, e)
    for org in data.get("organisations", []) or []:
        code = (org.get("country") or "") + (org.get("sector") or "")
        e = Entry(
            f"O:{org['name']}",
            "name",
            "organisation",
            org["name"],
            org.get("country"),
            org.get("sector"),
            code or None,
        )
        for n in [org["name"], *(org.get("names") or [])]:
            add(n, e)
    for phrase in data.get("not_actors", []) or []:
        out[phrase] = [Entry("X:none", "name", "none", phrase)]
    return out


def _people() -> dict[str, PersonInfo]:
    data = resources.load_yaml("people.yaml") or {}
    out: dict[str, PersonInfo] = {}
    for p in data.get("people", []) or []:
        out[p["name"]] = PersonInfo(p["name"], list(p.get("aliases") or []), p.get("terms") or [])
    return out


@lru_cache(maxsize=4)
def _gazetteer_for(vocab_id: int, nlp: Language) -> Gazetteer:
    entries = _country_entries()
    people = _people()
    for info in people.values():
        e = Entry(f"P:{info.name}", "name", "person", info.name)
        for n in [info.name, *info.aliases]:
            if " " in n or "-" in n:  # bare surnames are left to coreference
                entries.setdefault(n, []).append(e)
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    tokenizer_only = nlp.make_doc
    for surface in entries:
        doc = tokenizer_only(surface)
        # apply the name merger so patterns tokenise like running text
        if "tiegraph_name_merger" in nlp.pipe_names:
            doc = nlp.get_pipe("tiegraph_name_merger")(doc)
        matcher.add(surface, [doc])
        if surface.startswith("the "):
            continue
    return Gazetteer(entries, people, matcher)


def gazetteer(nlp: Language) -> Gazetteer:
    return _gazetteer_for(id(nlp.vocab), nlp)


def person_term(info: PersonInfo, date: str | None) -> dict | None:
    """The office the person held on `date` (ISO, any precision); else their latest earlier one."""
    if not info.terms:
        return None
    if not date:
        return info.terms[-1]
    best = None
    for t in info.terms:
        start = str(t.get("from") or "0000")
        end = str(t["to"]) if t.get("to") else "9999"
        n = len(date)
        if start[:n] <= date <= end[:n]:
            return t
        if start[:n] <= date:
            best = t
    return best or info.terms[0]
