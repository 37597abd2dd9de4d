"""The event rules object: built from the data folder, checked against JSON Schemas,
with named word classes referenced by "&name"."""

from __future__ import annotations

import pytest

from tiegraph import resources
from tiegraph.extract.events import rules


def _data() -> tuple[dict, dict]:
    return dict(resources.load_yaml("event_patterns.yaml")), dict(
        resources.load_yaml("word_classes.yaml")
    )


def test_word_class_references_are_spelt_out() -> None:
    lex = rules.lexicon()
    establish = [p for p in lex.verbs["establish"] if p.objects]
    assert establish and "partnership" in establish[0].objects
    assert not any(o.startswith("&") for ps in lex.verbs.values() for p in ps for o in p.objects)


def test_a_misspelt_top_level_key_fails_loudly() -> None:
    data, classes = _data()
    data["light_verb"] = ["sign"]
    with pytest.raises(rules.RulesError, match="light_verb"):
        rules.rules_from(data, classes)


def test_a_misspelt_pattern_key_fails_loudly() -> None:
    data, classes = _data()
    data["verbs"] = [*data["verbs"], {"lemma": "parley", "cameo": "040", "prepp": ["with"]}]
    with pytest.raises(rules.RulesError, match=r"verbs/\d+: .*prepp"):
        rules.rules_from(data, classes)


def test_an_unknown_word_class_fails_loudly() -> None:
    data, classes = _data()
    data["verbs"] = [*data["verbs"], {"lemma": "parley", "cameo": "040", "object": ["&talkz"]}]
    with pytest.raises(rules.RulesError, match="unknown word class &talkz"):
        rules.rules_from(data, classes)


def test_a_word_class_must_be_a_list_of_words() -> None:
    data, classes = _data()
    classes["Bad Name"] = ["x"]
    with pytest.raises(rules.RulesError, match="word_classes.yaml"):
        rules.rules_from(data, classes)


def test_a_user_class_extends_the_patterns(tmp_path) -> None:
    data, classes = _data()
    classes["parleys"] = ["parley", "powwow"]
    data["verbs"] = [*data["verbs"], {"lemma": "hold", "cameo": "040", "object": ["&parleys"]}]
    lex = rules.rules_from(data, classes)
    assert any(p.objects == ("parley", "powwow") for p in lex.verbs["hold"])
