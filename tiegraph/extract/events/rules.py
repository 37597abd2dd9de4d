"""The rules object: event_patterns.yaml (and the PETRARCH2 dictionary it names) read
once into a Lexicon of verb and noun patterns and named word classes."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache

import jsonschema
from spacy.vocab import Vocab

from tiegraph import resources
from tiegraph.extract.events.petrarch import DictionaryLayer, VerbDictionary, read_dictionary


@dataclass(frozen=True)
class Pattern:
    lemma: str
    cameo: str
    pos: str = "verb"
    type: str | None = None
    mode: str | None = None
    preps: tuple[str, ...] = ()
    particles: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()
    predicate: tuple[str, ...] = ()
    complement: bool = False
    symmetric: bool = False
    place: bool = False
    theme_source: bool = False
    active_only: bool = False
    needs_target: bool = False
    needs_pair: bool = False
    source_sector: tuple[str, ...] = ()
    prep_first: bool = False
    object_preps: tuple[str, ...] = ("from", "by", "of")
    light_only: bool = False
    plural: bool = False
    modifier: tuple[str, ...] = ()
    pobj: tuple[str, ...] = ()
    xcomp_object: bool = False
    origin_source: bool = False
    endorsable: bool = False
    light: tuple[str, ...] = ()  # nouns: the reading holds only under one of these verbs


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, list[Pattern]]
    nouns: dict[str, Pattern]
    light_verbs: frozenset[str]
    gathering_verbs: frozenset[str]
    antecedents: dict[str, frozenset[str]]
    dyad: dict
    gov_future: frozenset[str]
    gov_negated: frozenset[str]
    gov_suppress: frozenset[str]
    future: frozenset[str]
    hypothetical: frozenset[str]
    negation: frozenset[str]
    speech: frozenset[str]
    comparison: frozenset[str]
    pair_nouns: frozenset[str]
    pair_plurals: frozenset[str]
    quantity_nouns: frozenset[str]
    claimant_verbs: frozenset[str] = frozenset()
    endorsing_verbs: frozenset[str] = frozenset()
    institution_nouns: frozenset[str] = frozenset()
    action_nouns: frozenset[str] = frozenset()
    attribution_verbs: frozenset[str] = frozenset()
    threat_speech: frozenset[str] = frozenset()
    threat_types: frozenset[str] = frozenset()
    aspect_verbs: frozenset[str] = frozenset()
    purpose_verbs: frozenset[str] = frozenset()
    victim_preps: frozenset[str] = frozenset()
    harm_nouns: frozenset[str] = frozenset()
    press_verbs: frozenset[str] = frozenset()
    press_sectors: frozenset[str] = frozenset()
    press_names: frozenset[str] = frozenset()
    dictionary: VerbDictionary | None = None
    dictionary_cfg: dict = field(default_factory=dict)
    dictionary_skip: frozenset[str] = frozenset()
    dictionary_bare_skip: frozenset[str] = frozenset()
    plan_objects: frozenset[str] = frozenset()
    layers: dict[int, DictionaryLayer] = field(default_factory=dict)
    # every reading of an event noun in file order ("lifted a curfew" vs "imposed a curfew")
    noun_readings: dict[str, tuple[Pattern, ...]] = field(default_factory=dict)

    def layer(self, vocab: Vocab) -> DictionaryLayer | None:
        """The dictionary compiled for this vocabulary (built once per vocabulary)."""
        if self.dictionary is None:
            return None
        got = self.layers.get(id(vocab))
        if got is None:
            got = self.layers[id(vocab)] = DictionaryLayer(self.dictionary, vocab)
        return got


def _tuple(v: object) -> tuple[str, ...]:
    """A YAML scalar or list as a tuple of words; a bare on/off/yes/no is an error."""
    if v is None:
        return ()
    items = [v] if isinstance(v, str | bool) else list(v)  # type: ignore[call-overload]
    if any(isinstance(x, bool) for x in items):
        raise ValueError(
            f"event_patterns.yaml: {items!r} holds a YAML boolean; quote on/off/yes/no"
        )
    return tuple(str(x) for x in items)


def _pattern(d: dict, pos: str) -> Pattern:
    return Pattern(
        lemma=str(d["lemma"]).lower(),
        cameo=str(d["cameo"]),
        pos=pos,
        type=d.get("type"),
        mode=d.get("mode"),
        preps=_tuple(d.get("prep")),
        particles=_tuple(d.get("particle")),
        objects=_tuple(d.get("object")),
        predicate=_tuple(d.get("predicate")),
        complement=bool(d.get("complement")),
        symmetric=bool(d.get("symmetric")),
        place=bool(d.get("place")),
        theme_source=bool(d.get("theme_source")),
        active_only=bool(d.get("active_only")),
        needs_target=bool(d.get("needs_target")),
        needs_pair=bool(d.get("needs_pair")),
        source_sector=_tuple(d.get("source_sector")),
        prep_first=bool(d.get("prep_first")),
        object_preps=_tuple(d.get("object_prep")) or ("from", "by", "of"),
        light_only=bool(d.get("light_only")),
        plural=bool(d.get("plural")),
        modifier=_tuple(d.get("modifier")),
        pobj=_tuple(d.get("pobj")),
        xcomp_object=bool(d.get("xcomp_object")),
        origin_source=bool(d.get("origin_source")),
        endorsable=bool(d.get("endorsable")),
        light=tuple(x.lower() for x in _tuple(d.get("light"))),
    )


WORD_LISTS = ("object", "predicate", "pobj", "modifier", "particle", "prep", "source_sector")


class RulesError(ValueError):
    """A data file of the event rules that does not follow its schema."""


def _validate(name: str, data: object) -> None:
    """Check a data file against its JSON Schema (data/<name>.schema.json); one line
    naming the file, the place and the problem."""
    schema = json.loads(resources.data_path(f"{name}.schema.json").read_text(encoding="utf-8"))
    err = jsonschema.exceptions.best_match(
        jsonschema.Draft202012Validator(schema).iter_errors(data)
    )
    if err is not None:
        where = "/".join(str(p) for p in err.absolute_path) or "(top)"
        raise RulesError(f"{name}.yaml: {where}: {err.message}")


def _expand(entries: list[dict], classes: dict[str, list[str]]) -> list[dict]:
    """Pattern entries with their "&name" word-class references spelt out."""
    out = []
    for d in entries:
        d = dict(d)
        for key in WORD_LISTS:
            v = d.get(key)
            if not isinstance(v, list) or not any(str(x).startswith("&") for x in v):
                continue
            words: list[str] = []
            for x in v:
                name = str(x)[1:]
                if str(x).startswith("&") and name not in classes:
                    raise RulesError(
                        f"event_patterns.yaml: {d.get('lemma')}: unknown word class {x}"
                    )
                words += classes[name] if str(x).startswith("&") else [x]
            d[key] = words
        out.append(d)
    return out


def _words(v: object, classes: dict[str, list[str]], where: str) -> list[str]:
    """A word list whose "&name" items stand for a word class's lemmas."""
    out: list[str] = []
    for x in _tuple(v):
        if not x.startswith("&"):
            out.append(x)
        elif x[1:] in classes:
            out += classes[x[1:]]
        else:
            raise RulesError(f"event_patterns.yaml: {where}: unknown word class {x}")
    return out


def lexicon() -> Lexicon:
    """The rules object, built from the data folder once per process (`rules_from`)."""
    return _rules()


@lru_cache(maxsize=1)
def _rules() -> Lexicon:
    return rules_from(
        resources.load_yaml("event_patterns.yaml"), resources.load_yaml("word_classes.yaml")
    )


def rules_from(data: dict, classes: dict) -> Lexicon:
    """The rules object from the pattern file's and the word-class file's contents,
    both checked against their schemas."""
    _validate("event_patterns", data)
    _validate("word_classes", classes)
    data = dict(data)
    data["verbs"] = _expand(data.get("verbs") or [], classes)
    data["nouns"] = _expand(data.get("nouns") or [], classes)
    verbs: dict[str, list[Pattern]] = {}
    for d in data.get("verbs") or []:
        p = _pattern(d, "verb")
        verbs.setdefault(p.lemma, []).append(p)
    for lemma, pats in verbs.items():
        # narrow readings first ("vow retaliation" before "vow to"), file order otherwise
        verbs[lemma] = sorted(
            pats, key=lambda p: not (p.objects or p.particles or p.predicate or p.pobj)
        )
    readings: dict[str, list[Pattern]] = {}
    for d in data.get("nouns") or []:
        readings.setdefault(str(d["lemma"]).lower(), []).append(_pattern(d, "noun"))
    nouns = {
        lemma: next((p for p in pats if not p.light), pats[0]) for lemma, pats in readings.items()
    }
    comp = data.get("complement") or {}
    dic = dict(data.get("dictionary") or {})
    mod = data.get("modality") or {}

    def fs(v: object) -> frozenset[str]:
        return frozenset(x.lower() for x in _tuple(v))

    return Lexicon(
        verbs=verbs,
        nouns=nouns,
        light_verbs=fs(data.get("light_verbs")),
        gathering_verbs=fs(data.get("gathering_verbs")),
        dyad=dict(data.get("dyad") or {}),
        antecedents={
            str(k).lower(): fs(v) | {str(k).lower()}
            for k, v in (data.get("event_antecedents") or {}).items()
        },
        gov_future=fs(comp.get("future")),
        gov_negated=fs(comp.get("negated")),
        gov_suppress=fs(comp.get("suppress")),
        plan_objects=fs(_words(comp.get("plan_objects"), classes, "complement.plan_objects")),
        future=fs(mod.get("future")),
        hypothetical=fs(mod.get("hypothetical")),
        negation=fs(mod.get("negation")),
        speech=fs(mod.get("speech")),
        comparison=fs(mod.get("comparison")),
        pair_nouns=fs(data.get("pair_nouns")),
        pair_plurals=fs(data.get("pair_plurals")),
        quantity_nouns=fs(data.get("quantity_nouns")),
        claimant_verbs=fs(data.get("claimant_verbs")),
        endorsing_verbs=fs(data.get("endorsing_verbs")),
        institution_nouns=fs(data.get("institution_nouns")),
        action_nouns=fs(data.get("action_nouns")),
        attribution_verbs=fs(data.get("attribution_verbs")),
        threat_speech=fs((data.get("threats") or {}).get("speech")),
        threat_types=fs((data.get("threats") or {}).get("types")),
        aspect_verbs=fs(data.get("aspect_verbs")),
        purpose_verbs=fs(data.get("purpose_verbs")),
        victim_preps=fs(data.get("victim_preps")),
        harm_nouns=fs(data.get("harm_nouns")),
        press_verbs=fs((data.get("press") or {}).get("verbs")),
        press_sectors=frozenset(_tuple((data.get("press") or {}).get("sectors"))),
        press_names=fs((data.get("press") or {}).get("names")),
        dictionary=_dictionary(dic),
        dictionary_cfg=dic,
        noun_readings={lemma: tuple(pats) for lemma, pats in readings.items()},
        dictionary_skip=fs(_words(dic.get("skip_verbs"), classes, "dictionary.skip_verbs")),
        dictionary_bare_skip=fs(
            _words((dic.get("bare") or {}).get("skip_verbs"), classes, "dictionary.bare")
        ),
    )


def _dictionary(cfg: dict) -> VerbDictionary | None:
    if not cfg.get("file"):
        return None
    return read_dictionary(resources.data_path(str(cfg["file"])), resources.cameo_to_plover())
