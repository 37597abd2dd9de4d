"""Versioned data resources: ontology tables and the project's own dictionaries.

Rules, vocabularies and tables live in `tiegraph/data/` so a user can read and
extend them without touching code. Each loader is cached: data files are read
once per process, which matters inside long-lived workers.
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

# data_version: the hash of the data loaded here, part of each row's provenance
from tiegraph.versions import DATA_DIR, USER_DATA_ENV, data_version  # noqa: F401

ONTOLOGY_DIR = DATA_DIR / "ontology"


def data_path(name: str) -> Path:
    return DATA_DIR / name


@cache
def load_yaml(name: str) -> Any:
    """Load a packaged YAML file, merged with a same-named file in $TIEGRAPH_DATA_DIR.

    Lists are concatenated and mappings updated, so a user's file extends the
    packaged one instead of replacing it.
    """
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    extra_dir = os.environ.get(USER_DATA_ENV)
    if extra_dir and (Path(extra_dir) / name).exists():
        with open(Path(extra_dir) / name, encoding="utf-8") as fh:
            data = _merge(data, yaml.safe_load(fh))
    return data


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for k, v in extra.items():
            out[k] = _merge(base[k], v) if k in base else v
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + extra
    return extra if extra is not None else base


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str
    name: str
    demonyms: tuple[str, ...]


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    out: dict[str, Country] = {}
    with open(ONTOLOGY_DIR / "countries.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            words = tuple(w.strip() for w in row["Nationality"].split(",") if w.strip())
            out[row["CCA3"]] = Country(row["CCA2"], row["CCA3"], row["Name"], words)
    return out


@lru_cache(maxsize=1)
def cameo_to_plover() -> dict[str, tuple[str, str | None]]:
    """CAMEO code -> (PLOVER type, mode) from the 2021 conversion table."""
    out: dict[str, tuple[str, str | None]] = {}
    line_re = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,\s*([^,#]*))?")
    with open(ONTOLOGY_DIR / "CAMEO2PLOVER-2021.txt", encoding="utf-8") as fh:
        for line in fh:
            m = line_re.match(line)
            if m:
                mode = (m.group(3) or "").strip() or None
                out.setdefault(m.group(1), (m.group(2), mode))
    return out


@lru_cache(maxsize=1)
def goldstein() -> dict[str, float]:
    out: dict[str, float] = {}
    with open(ONTOLOGY_DIR / "CAMEO.goldsteinscale.tsv", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            parts = line.strip().split("\t")
            if len(parts) == 2:
                out[parts[0]] = float(parts[1])
    return out


def quad_class(cameo: str | None) -> int | None:
    """GDELT convention on the CAMEO root: 01-05 -> 1, 06-08 -> 2, 09-13 -> 3, 14-20 -> 4."""
    if not cameo:
        return None
    root = int(cameo[:2])
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


def goldstein_for(cameo: str | None) -> float | None:
    """Goldstein score of the most specific code the table has (0841 -> 084 -> 08)."""
    if not cameo:
        return None
    table = goldstein()
    for n in range(len(cameo), 1, -1):
        if cameo[:n] in table:
            return table[cameo[:n]]
    return None


@lru_cache(maxsize=1)
def plover_types() -> dict[str, set[str]]:
    """PLOVER event type -> its modes, from the structured codebook."""
    out: dict[str, set[str]] = {}
    with open(ONTOLOGY_DIR / "PLOVER_structured_codebook_updated.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(row["event"], set())
            if row["mode"]:
                out[row["event"]].add(row["mode"])
    return out


@lru_cache(maxsize=1)
def plover_agents() -> dict[str, str]:
    """Lower-cased agent phrase -> sector code (first three letters of the CAMEO agent code).

    Parsed from the Parus/NGEC agents dictionary: `POLICE_CHIEF [~COP]`,
    `!PERSON!` substitution sets and `{PLURAL}` variants.
    """
    subs: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    entry_re = re.compile(r"^([A-Z0-9_!'\-.&]+)\s*(\{[^}]*\})?\s*\[~?([A-Z]{3})")
    with open(ONTOLOGY_DIR / "PLOVER_agents.txt", encoding="utf-8", errors="replace") as fh:
        for raw in fh:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            sm = re.match(r"^!(\w+)!\s*=\s*(.+)$", line)
            if sm:
                subs[sm.group(1)] = [w.strip() for w in sm.group(2).split(",")]
                continue
            m = entry_re.match(line)
            if not m:
                continue
            phrases = [m.group(1)]
            if m.group(2):
                phrases += [p for p in m.group(2).strip("{} ").split() if p]
            for phrase in phrases:
                for variant in _expand_subs(phrase, subs):
                    key = variant.replace("_", " ").strip().lower()
                    if key:
                        out.setdefault(key, m.group(3))
    return out


def _expand_subs(phrase: str, subs: dict[str, list[str]]) -> list[str]:
    m = re.search(r"!(\w+)!", phrase)
    if not m or m.group(1) not in subs:
        return [phrase.replace("!", "")]
    out: list[str] = []
    for word in subs[m.group(1)]:
        out += _expand_subs(phrase[: m.start()] + word + phrase[m.end() :], subs)
    return out
