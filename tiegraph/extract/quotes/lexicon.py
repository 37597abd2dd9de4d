"""The attribution lexicon of data/cues.yaml, compiled once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tiegraph import resources

DOUBLE_OPENERS = {"“": "”", '"': '"', "«": "»", "„": "”"}
SINGLE_OPENERS = {"‘": "’", "'": "'"}
STRAIGHT_OR_CURLY = {'"', "“"}
OPEN_CONTEXT = set("([{—–-/“‘\"'")
SENT_END = ".!?…"
WORD_RE = re.compile(r"[^\W_][\w’'-]*")
MAX_QUOTE_CHARS = 6000


@dataclass(frozen=True)
class Cues:
    verbs: frozenset[str]
    naming: frozenset[str]
    phrases: tuple[str, ...]
    nouns: frozenset[str]
    speaker_nouns: frozenset[str]
    trim: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    connectives: frozenset[str]
    titles: frozenset[str]
    min_direct: int
    min_fragment: int
    min_predicate: int
    name_function_words: frozenset[str]
    assessment: frozenset[str]
    forward: frozenset[str]
    reflexives: frozenset[str]
    inferred_sectors: frozenset[str]
    multi_party: frozenset[str]
    dateline: re.Pattern[str] | None
    first_person: frozenset[str]
    relative_pronouns: frozenset[str] = frozenset()
    appraisal: frozenset[str] = frozenset()
    label_verbs: frozenset[str] = frozenset()
    accusation: frozenset[str] = frozenset()
    documents: frozenset[str] = frozenset()
    infinitive_cues: frozenset[str] = frozenset()
    object_cues: frozenset[str] = frozenset()
    min_object: int = 2
    definite_dets: frozenset[str] = frozenset()
    mixed_as_clause: bool = False
    negative_words: frozenset[str] = frozenset()
    question_cues: frozenset[str] = frozenset()
    question_marks: frozenset[str] = frozenset()
    quoting_verbs: frozenset[str] = frozenset()
    pronoun_window: int = 6
    # every lemma that can make a verb a cue (verbs, assessment, appraisal, request and
    # accusation verbs): a verb outside it is no cue, so the cue pass skips it unread
    cue_lemmas: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def cues() -> Cues:
    d = resources.load_yaml("cues.yaml")

    def fs(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in d.get(key) or [])

    cue_keys = (
        "verbs",
        "assessment_verbs",
        "appraisal_verbs",
        "infinitive_cues",
        "accusation_verbs",
    )
    cue_lemmas = frozenset().union(*(fs(k) for k in cue_keys))
    return Cues(
        cue_lemmas=cue_lemmas,
        verbs=fs("verbs"),
        naming=fs("naming_verbs"),
        phrases=tuple(str(p).lower() for p in d.get("phrases") or []),
        nouns=fs("speech_nouns"),
        speaker_nouns=fs("speaker_nouns"),
        trim=fs("speaker_trim"),
        person_pronouns=fs("person_pronouns"),
        relative_pronouns=fs("relative_pronouns"),
        appraisal=fs("appraisal_verbs"),
        label_verbs=fs("label_verbs"),
        accusation=fs("accusation_verbs"),
        documents=fs("document_nouns"),
        infinitive_cues=fs("infinitive_cues"),
        object_cues=fs("object_cues"),
        min_object=int(d.get("min_object_words") or 2),
        definite_dets=fs("definite_determiners"),
        mixed_as_clause=str(d.get("mixed_rows") or "fragment") == "clause",
        negative_words=fs("negative_speakers"),
        question_cues=fs("question_cues"),
        question_marks=fs("question_marks"),
        quoting_verbs=fs("quoting_verbs"),
        pronoun_window=int(d.get("pronoun_window_sentences") or 6),
        group_pronouns=fs("group_pronouns"),
        plural_pronouns=fs("plural_pronouns"),
        connectives=fs("connectives"),
        titles=fs("titles"),
        min_direct=int(d.get("min_direct_words") or 3),
        min_fragment=int(d.get("min_fragment_words") or 3),
        min_predicate=int(d.get("min_predicate_words") or 2),
        name_function_words=fs("name_function_words"),
        assessment=fs("assessment_verbs"),
        forward=fs("forward_cues"),
        reflexives=fs("reflexives"),
        inferred_sectors=frozenset(str(w).upper() for w in d.get("inferred_country_sectors") or []),
        multi_party=fs("multi_party_modifiers"),
        first_person=fs("first_person"),
        dateline=re.compile(str(d["dateline"]), re.M) if d.get("dateline") else None,
    )
