"""The matching rules of shared/eval/FORMAT.md, one function per section.

Each matcher takes (gold row, system row, prepared record) and says whether the
system row satisfies every field the gold row gives. Gold is document-level, so
text fields are case-insensitive substrings of the system's evidence.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from tiegraph.extract.claims.vocab import measure_covers  # the taxonomy: data/measures.yaml

NON_FACTUAL = {"future", "hypothetical"}
GROUP_PREFIXES = ("IGO", "NGO")


def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "").lower()
    s = s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", s).strip()


def name_key(s: str | None) -> str:
    return re.sub(r"[\s\-.'’]", "", norm(s))


def contains(hay: str | None, needle: str) -> bool:
    return norm(needle) in norm(hay)


def date_matches(system: str | None, gold: str | None) -> bool:
    """Match at the gold's precision: "1950" matches any day of 1950."""
    if gold is None:
        return True
    return bool(system) and str(system).startswith(str(gold))


def as_set(x: Any) -> set[str]:
    if x is None:
        return set()
    return {x} if isinstance(x, str) else set(x)


def alternatives(x: Any) -> list[str]:
    """A gold name given as a string or as a list of acceptable forms."""
    return [x] if isinstance(x, str) else list(x or [])


def code_matches(gold: str, country: str | None, code: str | None) -> bool:
    """One gold code against a system actor's country and CAMEO-style code.

    `""` means the actor has no country; `IGO`/`NGO` match any code with that
    prefix; a three-letter code is the country part; a longer code must be exact.
    """
    country, code = country or "", code or ""
    if gold == "":
        return not country
    if gold in GROUP_PREFIXES:
        return code.startswith(gold) or country == gold
    if len(gold) == 3:
        return country == gold or (not country and code[:3] == gold)
    return code == gold


def _ref_matches(gold: str, ref: dict | None) -> bool:
    return bool(ref) and code_matches(gold, ref.get("country"), ref.get("code"))  # type: ignore[union-attr]


def _refs(e: dict, role: str) -> list[dict]:
    """The system event's actors in one role: the main one and any `also_*` list."""
    main = e.get(role)
    return [r for r in [main, *(e.get(f"also_{role}s") or [])] if r]


def _role_ok(g: dict, e: dict, role: str) -> bool:
    if role not in g:
        return True
    wanted = [g[role], *(g.get(f"also_{role}s") or [])]
    return any(_ref_matches(w, r) for r in _refs(e, role) for w in wanted)


# -- per-section matchers ---------------------------------------------------------------


def actor_names(actor: dict) -> set[str]:
    return {name_key(actor.get("name")), *(name_key(a) for a in actor.get("aliases") or [])}


def match_actor(g: dict, a: dict, rec: dict) -> bool:
    """The gold name or any gold alias names the system actor (aliases are
    alternatives, not a list to reproduce); country/sector when given."""
    names = actor_names(a)
    if not any(name_key(n) in names for n in [g["name"], *(g.get("aliases") or [])]):
        return False
    if "country" in g and g["country"] != (a.get("country") or ""):
        if not (g["country"] in GROUP_PREFIXES and (a.get("code") or "").startswith(g["country"])):
            return False
    return "sector" not in g or g["sector"] == a.get("sector")


def match_coref(g: dict, m: dict, rec: dict) -> bool:
    if norm(m["span"]["text"]) != norm(g["mention"]):
        return False
    actor = rec["_actors"].get(m["actor_id"])
    if actor is None or name_key(g["actor"]) not in actor_names(actor):
        return False
    sent = rec["_sentence_of"](m["span"]["start"])
    return contains(sent, g["sentence_contains"])


def match_event(g: dict, e: dict, rec: dict) -> bool:
    if e.get("polarity") != "asserted":
        return False
    if not (_role_ok(g, e, "source") and _role_ok(g, e, "target")):
        return False
    if "type" in g and e.get("type") not in as_set(g["type"]):
        return False
    if not date_matches(e.get("date"), g.get("date")):
        return False
    return "sentence_contains" not in g or contains(e["evidence"]["text"], g["sentence_contains"])


def _speaker_ok(gold: Any, speaker: dict | None, rec: dict) -> bool:
    if gold is None:
        return True
    if not speaker:
        return False
    names = {name_key(speaker.get("name"))}
    actor = rec["_actors"].get(speaker.get("actor_id") or "")
    if actor:
        names |= actor_names(actor)
    return any(name_key(n) in names for n in alternatives(gold))


def match_quote(g: dict, q: dict, rec: dict) -> bool:
    if "kind" in g and g["kind"] != q.get("kind"):
        return False
    sp = q.get("speaker") or {}
    if not _speaker_ok(g.get("speaker"), sp, rec):
        return False
    if "speaker_country" in g and not code_matches(
        g["speaker_country"], sp.get("country"), sp.get("code")
    ):
        return False
    return "text_contains" not in g or contains(q.get("text"), g["text_contains"])


def _codes_match(gold: Any, system: Any) -> bool:
    """Subject lists: every gold code matched by a distinct system code, same size."""
    gs, ss = sorted(as_set(gold) - {""}), sorted(as_set(system) - {""})
    if len(gs) != len(ss):
        return False
    return all(any(code_matches(g, s, s) for s in ss) for g in gs)


def _value_ok(gold: Any, system: Any) -> bool:
    gv, sv = float(gold), float(system or 0)
    return abs(gv - sv) <= 0.01 * abs(gv)


def match_claim(g: dict, c: dict, rec: dict) -> bool:
    if not measure_covers(g.get("measure"), c.get("measure")) or g.get("unit") != c.get("unit"):
        return False
    if "subject" in g and not _codes_match(g.get("subject"), c.get("subject")):
        return False
    if "location" in g and g["location"] != c.get("location"):
        return False
    if not _value_ok(g["value"], c.get("value")):
        return False
    return date_matches(c.get("as_of"), g.get("as_of"))


def match_char(g: dict, c: dict, rec: dict) -> bool:
    if "dyad" in g and not _codes_match(g["dyad"], c.get("dyad")):
        return False
    if "phrase_contains" in g and not (
        contains(c.get("phrase"), g["phrase_contains"])
        or contains((c.get("evidence") or {}).get("text"), g["phrase_contains"])
    ):
        return False
    if g.get("speaker") is None:
        return True
    return any(name_key(n) == name_key(c.get("speaker")) for n in alternatives(g["speaker"]))


def match_change(g: dict, ch: dict, rec: dict) -> bool:
    if not _codes_match(g.get("subject"), ch.get("subject")) or g.get("measure") != ch.get(
        "measure"
    ):
        return False
    if "location" in g and g["location"] != ch.get("location"):
        return False
    for end in ("from", "to"):
        ge, ce = g.get(end) or {}, ch.get(end) or {}
        if "value" in ge and not _value_ok(ge["value"], ce.get("value")):
            return False
        if not date_matches(ce.get("as_of"), ge.get("as_of")):
            return False
    return True


MATCHERS = {
    "actors": match_actor,
    "coref": match_coref,
    "events": match_event,
    "quotes": match_quote,
    "claims": match_claim,
    "characterizations": match_char,
    "claim_changes": match_change,
}
