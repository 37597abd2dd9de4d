"""Query parameters checked the same way for the CLI, the JSON API and the web pages.

Codes are case-insensitive (``kor`` is ``KOR``, ``assault`` is ``ASSAULT``) and must
name something that exists: a country of the vendored table or of the store, a
PLOVER type, a measure of ``measures.yaml``. Dates are ISO prefixes that are real
calendar dates (``2016-13`` and ``2021-02-30`` are refused). Every refusal is a
``ParamError`` whose message names the parameter, the value and what is valid, so
the CLI prints it as one line and the web answers 422 with it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from tiegraph import resources

DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
SHOWN = 25  # valid values listed in an error message before "…"


class ParamError(ValueError):
    """A query parameter that is malformed or names nothing known."""


def _listing(values: list[str]) -> str:
    head = ", ".join(values[:SHOWN])
    return head + (f", … ({len(values)} in all)" if len(values) > SHOWN else "")


def date(value: str | None, name: str = "date") -> str | None:
    """'2016', '2016-03' or '2016-03-08' (a real date), else ParamError; None passes."""
    if value is None or value == "":
        return None
    v = value.strip()
    m = DATE.fullmatch(v)
    ok = bool(m)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
        try:
            dt.date(y, mo, d)
        except ValueError:
            ok = False
    if not ok:
        raise ParamError(f"{name}: {value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    return v


def date_range(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    s, u = date(since, "since"), date(until, "until")
    if s and u and s > u + "\uffff":
        raise ParamError(f"since {s} is after until {u}")
    return s, u


def fraction(value: float | None, name: str = "min-confidence") -> float:
    """A number in 0..1 (confidences)."""
    if value is None:
        return 0.0
    if not 0.0 <= value <= 1.0:
        raise ParamError(f"{name}: {value} is outside 0..1")
    return float(value)


def store_codes(store: Any) -> tuple[set[str], set[str]]:
    """(country codes, actor codes) that occur in the store."""
    countries: set[str] = set()
    for col in ("source_country", "target_country"):
        countries |= {
            r["c"] for r in store.query(f"SELECT DISTINCT {col} AS c FROM events") if r["c"]
        }
    countries |= {r["c"] for r in store.query("SELECT DISTINCT country AS c FROM actors") if r["c"]}
    codes = {r["c"] for r in store.query("SELECT DISTINCT code AS c FROM actors") if r["c"]}
    return countries, codes


def country(value: str | None, store: Any, name: str = "country") -> str | None:
    """A country code, upper-cased: one of the vendored table or one the store uses."""
    if not value:
        return None
    v = value.strip().upper()
    known, _ = store_codes(store)
    if v in known or v in resources.countries():
        return v
    raise ParamError(
        f"{name}: unknown country code {value!r}; codes in this store: {_listing(sorted(known))}"
    )


def actor_code(value: str | None, store: Any, name: str = "actor") -> str | None:
    """A country or actor code (KOR, KORGOV), upper-cased; unknown codes are refused."""
    if not value:
        return None
    v = value.strip().upper()
    countries, codes = store_codes(store)
    if v in countries or v in codes or v in resources.countries():
        return v
    raise ParamError(
        f"{name}: unknown code {value!r}; codes in this store: "
        f"{_listing(sorted(countries | codes))}"
    )


def dyad(value: str | list[str] | tuple[str, ...] | None, store: Any) -> tuple[str, str] | None:
    """Two country codes from 'KOR,USA', 'KOR USA', 'KOR-USA' or ['KOR', 'USA']."""
    if not value:
        return None
    parts = [value] if isinstance(value, str) else list(value)
    codes = [c for p in parts for c in re.split(r"[\s,;/-]+", p.strip()) if c]
    if len(codes) != 2:
        raise ParamError(f"dyad: {value!r} is not two country codes; use e.g. KOR,USA or KOR USA")
    return country(codes[0], store, "dyad"), country(codes[1], store, "dyad")  # type: ignore[return-value]


def event_type(value: str | None) -> str | None:
    """A PLOVER event type, upper-cased."""
    if not value:
        return None
    v = value.strip().upper()
    types = sorted(resources.plover_types())
    if v not in types:
        raise ParamError(f"type: unknown event type {value!r}; valid: {_listing(types)}")
    return v


def measure(value: str | None) -> str | None:
    """A claim measure of measures.yaml, lower-cased."""
    if not value:
        return None
    v = value.strip().lower()
    names = [m["name"] for m in resources.load_yaml("measures.yaml")["measures"]]
    if v not in names:
        raise ParamError(f"measure: unknown measure {value!r}; valid: {_listing(names)}")
    return v


def choice(value: str | None, valid: list[str], name: str) -> str | None:
    """One of `valid`, case-insensitive."""
    if not value:
        return None
    v = value.strip().lower()
    if v not in valid:
        raise ParamError(f"{name}: {value!r} is not one of {', '.join(valid)}")
    return v


ACTOR_KINDS = ["state", "person", "organisation", "igo", "group"]
