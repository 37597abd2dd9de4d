"""The claim vocabulary of data/measures.yaml: measures, their units and rules, number words."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from tiegraph import resources

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "twentieth": 20,
}  # fmt: skip
DASHES = {"-", "–", "—", "/"}
YEAR = re.compile(r"(?:1[89]|20)\d\d")
RELATIVE_PRONOUNS = {"which", "that", "who", "whom", "whose"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
PREDICATE_DEPS = {"attr", "oprd", "acomp", "appos"}
STATE_KINDS = {"state", "group", "organisation"}
QUOTE_MARKS = set("\"“”‘’'")


# -- vocabulary ------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    name: str
    unit: str
    nouns: frozenset[str]
    bare_cues: frozenset[str]
    cues: frozenset[str]
    predicates: frozenset[str]
    object_of: frozenset[str]
    subject_of: frozenset[str]
    exclude: frozenset[str]
    requires: frozenset[str]
    share_of: frozenset[str]
    subject: str
    location: str | None
    location_fallback: tuple[str, ...]
    fallback_needs_named: bool
    partitive_total: str | None
    family: str
    flow: bool
    location_preps: frozenset[str]
    possessed: bool = False  # "Taiwan's 23.5 million people" fits without a cue
    signed: bool = False  # "down 7 percent" is -7
    from_verbs: frozenset[str] = frozenset()  # "send 3,600 soldiers from Korea to Iraq"
    subject_fallback: str | None = None  # "topic": "the defence budget" is the paragraph's
    subject_optional: bool = False  # a share or a price may belong to no state
    of_nouns: frozenset[str] = frozenset()  # "a country of 260 million" counts its people
    share_form: bool = False  # "N percent of X", or a percentage standing on its own
    share_nouns: frozenset[str] = frozenset()  # "50 percent occupancy"
    broader: str | None = None  # the measure this one narrows (trade_growth -> growth_rate)
    not_said_of: frozenset[str] = frozenset()  # "the average score was 53 percent"
    not_share_of: frozenset[str] = frozenset()  # "55% of the vote" is a tally, no share
    subject_preps: frozenset[str] = frozenset()  # "a loan to Pakistan": the borrower's

    @property
    def needs_cue(self) -> bool:
        return bool(self.cues or self.predicates or self.object_of or self.subject_of)


@dataclass(frozen=True)
class Vocab:
    measures: tuple[Measure, ...]
    qualifiers: dict[str, float]
    negations: frozenset[str]
    projection: frozenset[str]
    pair_phrases: dict[str, tuple[str, ...]]
    pair_words: frozenset[str]
    anaphors: frozenset[str]
    host_verbs: frozenset[str]
    location_preps: frozenset[str]
    first_person: frozenset[str]
    double_object_verbs: frozenset[str]
    amount_nouns: frozenset[str]
    first_person_subjects: frozenset[str]
    dispatch_verbs: frozenset[str]
    definite_places: frozenset[str]
    theatre_places: frozenset[str]
    anaphoric_preps: frozenset[str]
    non_dating_marks: frozenset[str]
    baseline_preps: frozenset[str]
    time_nouns: frozenset[str]
    event_nouns: frozenset[str]
    restatement_nouns: frozenset[str]
    elision_verbs: frozenset[str]
    deadline_mods: frozenset[str]
    patterns: dict[str, re.Pattern]
    scales: dict[str, float]
    signs: dict[str, str]
    words: dict[str, str]
    superlatives: frozenset[str]
    base_preps: frozenset[str] = frozenset()
    victim_verbs: frozenset[str] = frozenset()
    decrease_words: frozenset[str] = frozenset()
    inclusion_preps: frozenset[str] = frozenset()
    runner_up_preps: frozenset[str] = frozenset()
    definite_count_below: float = 0.0
    linking_adverbs: frozenset[str] = frozenset()
    question_reach: int = 0
    size_adjectives: frozenset[str] = frozenset()
    fractions: dict[str, float] = field(default_factory=dict)
    comparison_words: frozenset[str] = frozenset()
    level_verbs: frozenset[str] = frozenset()
    baseline_heads: frozenset[str] = frozenset()
    seat_words: frozenset[str] = frozenset()
    own_place_preps: frozenset[str] = frozenset()
    actor_subject_kinds: frozenset[str] = frozenset()
    value_participles: frozenset[str] = frozenset()
    default_tolerance: float = 0.01
    one_off: frozenset[str] = frozenset()  # measures marked `series: false`
    bare_fractions: frozenset[str] = frozenset()  # "Half of Gaza's hospitals"
    period_words: frozenset[str] = frozenset()  # "the first half of 2023" is a period
    # pattern name -> lower-case literals one of which every match of the pattern contains
    # (its alternatives' words): a text without any of them skips the pattern's scan
    needs: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _fs(d: dict, key: str) -> frozenset[str]:
    return frozenset(str(x).lower() for x in (d.get(key) or []))


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    d = resources.load_yaml("measures.yaml")
    measures = tuple(
        Measure(
            name=m["name"],
            unit=m["unit"],
            nouns=_fs(m, "nouns"),
            bare_cues=_fs(m, "bare_cues"),
            cues=_fs(m, "cues"),
            predicates=_fs(m, "predicates"),
            object_of=_fs(m, "object_of"),
            subject_of=_fs(m, "subject_of"),
            exclude=_fs(m, "exclude"),
            requires=_fs(m, "requires"),
            share_of=_fs(m, "share_of"),
            subject=m.get("subject", "counted"),
            location=m.get("location"),
            location_fallback=tuple(m.get("location_fallback") or ()),
            fallback_needs_named=m.get("fallback_when") == "subject_named",
            partitive_total=m.get("partitive_total"),
            family=m.get("family") or m["name"],
            flow=bool(m.get("flow")),
            location_preps=_fs(m, "location_preps"),
            possessed=bool(m.get("possessed")),
            signed=bool(m.get("signed")),
            from_verbs=_fs(m, "from_verbs"),
            subject_fallback=m.get("subject_fallback"),
            subject_optional=bool(m.get("subject_optional")),
            of_nouns=_fs(m, "of_nouns"),
            share_form=bool(m.get("share_form")),
            share_nouns=_fs(m, "share_nouns"),
            broader=m.get("broader"),
            not_said_of=_fs(m, "not_said_of"),
            not_share_of=_fs(m, "not_share_of"),
            subject_preps=_fs(m, "subject_preps"),
        )
        for m in d["measures"]
    )
    scales = {k.lower(): float(v) for k, v in (d.get("scales") or {}).items()}
    signs = dict(d.get("currency_signs") or {})
    words = {k.lower(): v for k, v in (d.get("currency_words") or {}).items()}
    sup = _fs(d, "superlatives")
    sc = _alt(scales)
    word_num = rf"(?:(?:{_alt(TENS)})(?:[- ](?:{_alt(UNITS)}))?|{_alt(UNITS)}|(?:a\s)?dozen)"
    rng = r"\s?(?:-|–|to)\s?"
    patterns = {
        "money_between": re.compile(
            rf"\bbetween\s(?P<cur>{_alt(signs)})\s?(?P<v1>{NUM})(?:\s(?P<s1>{sc}))?\sand\s"
            rf"(?:{_alt(signs)})\s?(?P<v2>{NUM})(?:\s(?P<scale>{sc}))?\b",
            re.I,
        ),
        "money": re.compile(
            rf"(?<![A-Za-z])(?P<cur>{_alt(signs)})\s?(?P<v1>{NUM})"
            rf"(?:{rng}(?:{_alt(signs)})?(?P<v2>{NUM}))?"
            rf"(?:\s?(?P<scale>{sc})\b)?",
            re.I,
        ),
        "money_word": re.compile(
            rf"(?<![\w.,])(?P<v1>{NUM})(?:{rng}(?P<v2>{NUM}))?(?:\s(?P<scale>{sc}))?"
            rf"\s(?P<cur>{_alt(words)})\b",
            re.I,
        ),
        "percent": re.compile(
            rf"(?<![\w.,])(?P<v1>{NUM})(?:{rng}(?P<v2>{NUM}))?\s?(?:percent|per cent|%)",
            re.I,
        ),
        "rank": re.compile(
            rf"\b(?:(?:(?:(?P<n>\d+)(?:st|nd|rd|th)|(?P<w>{_alt(ORDINALS)}))[- ]?)?"
            rf"(?P<sup>{_alt(sup)})|No\.\s?(?P<no>\d{{1,2}})(?=(?-i:\s[a-z])))\b",
            re.I,
        ),
        "between": re.compile(
            rf"\bbetween\s(?P<v1>{NUM})(?:\s(?P<s1>{sc}))?\sand\s(?P<v2>{NUM})"
            rf"(?:\s(?P<scale>{sc}))?\b",
            re.I,
        ),
        "count": re.compile(
            rf"(?<![\w$€£¥₩.,/-])(?P<v1>{NUM})(?:{rng}(?P<v2>{NUM}))?(?:\s(?P<scale>{sc})\b)?"
            rf"(?![\w%]|[.,]\d|-(?!strong\b|troop\b|member\b)\w)",  # "a 5,000-strong force"
            re.I,
        ),
        "words": re.compile(
            rf"\b(?P<w>{word_num})(?:\s(?P<scale>hundred|{sc}))?\b(?!-)",
            re.I,
        ),
        "word_percent": re.compile(rf"\b(?P<w>{word_num})\s(?:percent|per cent)\b", re.I),
        "fraction": re.compile(
            rf"\b(?:(?P<w>a|{word_num})[- ])?(?P<f>{_alt(d.get('fractions') or {})})(?=\s+of\b)",
            re.I,
        ),
        "one_in": re.compile(rf"\bone in (?P<w>{word_num}|\d+)\b(?!\s(?:percent|%))", re.I),
    }
    word_needs = (*TENS, *UNITS, "dozen")
    needs = {
        "money_between": ("between",),
        "between": ("between",),
        "money": tuple(k.lower() for k in signs),
        "money_word": tuple(words),
        "percent": ("percent", "per cent", "%"),
        "word_percent": ("percent", "per cent"),
        "rank": (*sup, "no."),
        "words": word_needs,
        "fraction": tuple(str(k).lower() for k in d.get("fractions") or {}),
        "one_in": ("one in",),
    }
    return Vocab(
        needs=needs,
        measures=measures,
        qualifiers={str(k).lower(): float(v) for k, v in (d.get("qualifiers") or {}).items()},
        negations=_fs(d, "negations"),
        projection=_fs(d, "projection_cues"),
        pair_phrases={k.lower(): tuple(v) for k, v in (d.get("pair_phrases") or {}).items()},
        pair_words=_fs(d, "pair_words"),
        anaphors=_fs(d, "anaphor_nouns"),
        host_verbs=_fs(d, "host_verbs"),
        location_preps=_fs(d, "location_preps"),
        first_person=_fs(d, "first_person_possessives"),
        double_object_verbs=_fs(d, "double_object_verbs"),
        amount_nouns=_fs(d, "amount_nouns"),
        first_person_subjects=_fs(d, "first_person_subjects"),
        dispatch_verbs=_fs(d, "dispatch_verbs"),
        definite_places=_fs(d, "definite_places"),
        theatre_places=_fs(d, "theatre_places"),
        anaphoric_preps=_fs(d, "anaphoric_preps"),
        non_dating_marks=_fs(d, "non_dating_marks"),
        baseline_preps=_fs(d, "baseline_preps"),
        time_nouns=_fs(d, "time_nouns"),
        event_nouns=_fs(d, "event_nouns"),
        restatement_nouns=_fs(d, "restatement_nouns"),
        elision_verbs=_fs(d, "elision_verbs"),
        deadline_mods=frozenset(str(x) for x in d.get("deadline_mods") or []),
        patterns=patterns,
        scales=scales,
        signs=signs,
        words=words,
        superlatives=sup,
        base_preps=_fs(d, "base_preps"),
        victim_verbs=_fs(d, "victim_verbs"),
        decrease_words=_fs(d, "decrease_words"),
        inclusion_preps=_fs(d, "inclusion_preps"),
        runner_up_preps=_fs(d, "runner_up_preps"),
        definite_count_below=float(d.get("definite_count_below") or 0),
        linking_adverbs=_fs(d, "linking_adverbs"),
        question_reach=int(d.get("question_reach") or 0),
        size_adjectives=_fs(d, "size_adjectives"),
        fractions={str(k).lower(): float(v) for k, v in (d.get("fractions") or {}).items()},
        comparison_words=_fs(d, "comparison_words"),
        level_verbs=_fs(d, "level_verbs"),
        baseline_heads=_fs(d, "baseline_heads"),
        # one list with the actor resolver's: where a body sits
        seat_words=_fs(
            (resources.load_yaml("actors.yaml") or {}).get("context") or {}, "seat_words"
        ),
        own_place_preps=_fs(d, "own_place_preps"),
        actor_subject_kinds=_fs(d, "actor_subject_kinds"),
        value_participles=_fs(d, "value_participles"),
        default_tolerance=float(d.get("default_tolerance") or 0.01),
        bare_fractions=_fs(d, "bare_fractions"),
        period_words=_fs(d, "period_words"),
        one_off=frozenset(m["name"] for m in d.get("measures") or [] if m.get("series") is False),
    )


def _by_name(name: str) -> Measure | None:
    return next((m for m in vocab().measures if m.name == name), None)


def measure_covers(wanted: str | None, measure: str | None) -> bool:
    """A claim of `measure` answers for `wanted` when they are the same or `wanted` is
    one of the measures it narrows through `broader` (trade_growth is a growth_rate)."""
    seen: set[str] = set()
    while measure and measure not in seen:
        if measure == wanted:
            return True
        seen.add(measure)
        m = _by_name(measure)
        measure = m.broader if m is not None else None
    return False
