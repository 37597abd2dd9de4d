"""The vendored PETRARCH2 verb dictionary: our reader, its compiled patterns, the layer
under the project's own patterns."""

from __future__ import annotations

from pathlib import Path

import pytest

from tiegraph import resources
from tiegraph.extract import events as ev
from tiegraph.extract.events.petrarch import (
    DictionaryLayer,
    compile_pattern,
    read_dictionary,
)
from tiegraph.ingest.readers import RawInput
from tiegraph.model import Document
from tiegraph.pipeline import extract_record, prepare

SMALL = """\
# comment
####### SYNONYM SETS #######

&TREATY
+ACCORD
+PEACE_TREATY

####### VERB PATTERNS #######

---  REACH   [---]  ---
REACH
ATTAIN  # a comment
- * {COOPERATION &TREATY}            [030:030]     # REACH
- * (TO)                             [042]         # REACH
- * THREAT                           [:130]        # REACH
- * +                                [111]         # REACH

---  BOMB   [190]  ---
BOMB
SHELL [195]
- * (ON TARGET)                      [195]         # BOMB

######## TRANSFORMATIONS ##########
~ a (a b ATTACK) SAY = a b 015
"""


@pytest.fixture()
def small(tmp_path: Path):
    path = tmp_path / "verbs.txt"
    path.write_text(SMALL, encoding="utf-8")
    return read_dictionary(path, resources.cameo_to_plover())


def test_reader_takes_sets_blocks_codes_and_patterns(small) -> None:
    assert set(small.synsets["treaty"]) == {"accord", "accords", "treaty", "treaties"}
    keys = {(p.verbs, p.cameo, p.size) for p in small.patterns}
    # the phrase, with the treaty class as its head's alternatives
    assert (("reach", "attain"), "030", 1) in keys
    # a bare block code for BOMB, SHELL's own code, the prepositional pattern
    assert (("bomb",), "190", 0) in keys and (("shell",), "195", 0) in keys
    assert (("bomb", "shell"), "195", 2) in keys
    # a bare preposition, an actor slot alone and a swapped (":130") reading are skipped
    assert small.skipped == 3
    phrase = next(p for p in small.patterns if p.post)
    assert "treaties" in phrase.post[0]


def test_a_pattern_compiles_to_a_dependency_pattern(small) -> None:
    p = next(p for p in small.patterns if p.preps)
    spec = compile_pattern(p)
    assert spec[0]["RIGHT_ID"] == "verb"
    assert spec[0]["RIGHT_ATTRS"]["LEMMA"] == {"IN": ["bomb", "shell"]}
    assert {"LEFT_ID": "verb", "REL_OP": ">"}.items() <= spec[1].items()
    assert spec[2]["RIGHT_ATTRS"]["LEMMA"] == {"IN": ["target", "targets"]}


def test_layer_matches_the_most_specific_pattern(nlp, small) -> None:
    layer = DictionaryLayer(small, nlp.vocab)
    doc = nlp("The rebels shelled the town. Artillery bombed on targets near the border.")
    hits = {doc[i].lemma_: p for i, p in layer.matches(doc).items()}
    assert hits["shell"].cameo == "195" and hits["shell"].size == 0
    assert hits["bomb"].size == 2  # "(ON TARGET)" beats the bare verb


def test_the_vendored_dictionary_loads_thousands_of_patterns() -> None:
    lex = ev.lexicon()
    assert lex.dictionary is not None
    phrases = [p for p in lex.dictionary.patterns if p.size]
    assert len(lex.dictionary.patterns) > 3000 and len(phrases) > 2000
    assert (resources.data_path("petrarch") / "LICENSE").exists()


def _events(nlp, text: str):
    doc = prepare(RawInput("t", text, {"published": "2024-05-10"}))
    assert isinstance(doc, Document)
    return extract_record(doc, nlp(doc.text), nlp).events


def test_dictionary_codes_a_phrase_the_project_does_not_name(nlp) -> None:
    (e,) = _events(nlp, "Germany reaffirmed its commitment to Poland on Monday.")
    assert e.type == "SUPPORT" and e.source.country == "DEU"
    assert e.rule.startswith("verb:reaffirm@petrarch:")


def test_project_patterns_win_and_a_prepositional_bare_verb_codes_nothing(nlp) -> None:
    # "accuse" is the project's; "according to" is a bare COOPERATE verb in the dictionary
    # but a preposition here, not a clause of its own
    events = _events(nlp, "France accused Iran of lying, according to Germany.")
    assert [e.rule for e in events if e.type == "ACCUSE"] == ["verb:accuse"]
    assert not [e for e in events if "petrarch" in (e.rule or "")]


def test_a_bare_dictionary_verb_codes_between_two_actors(nlp) -> None:
    # "wounded" and "jailed" are bare verbs of the dictionary's ASSAULT/COERCE blocks
    (e,) = _events(nlp, "Russian forces wounded two Ukrainian soldiers near Kharkiv on Monday.")
    assert (e.type, e.source.country, e.target.country) == ("ASSAULT", "RUS", "UKR")
    assert e.rule.startswith("verb:wound@petrarch:")
    (e,) = _events(nlp, "Turkey jailed three Greek fishermen last week.")
    assert (e.type, e.source.country, e.target.country) == ("COERCE", "TUR", "GRC")


def test_bare_dictionary_verbs_need_an_actor_pair_and_an_eventive_verb(nlp) -> None:
    for text in (
        # cognition ("think" is CONSULT in the dictionary) and intent ("plan": AGREE)
        "Analysts in Seoul think North Korea plans another test.",
        # motion ("go": CONSULT) between two actors
        "The Japanese delegation went to China last week.",
        # an ASSAULT verb with no actor as its subject
        "The storm wounded dozens of Chinese fishermen.",
    ):
        assert not [e for e in _events(nlp, text) if "petrarch" in (e.rule or "")], text
