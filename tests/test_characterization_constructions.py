"""Relation and standing words found by lemma and syntax (constructions.py), on sentences
copied from the VOA development stories."""

from __future__ import annotations

import pytest

from tiegraph.ingest.readers import RawInput
from tiegraph.model import Characterization
from tiegraph.pipeline import extract_record, prepare


@pytest.fixture(scope="module")
def chars_of(nlp):
    def run(text: str) -> list[Characterization]:
        doc = prepare(RawInput(source="test", text="Test article\n\nMay 4, 2021\n\n" + text))
        return extract_record(doc, nlp(doc.text), nlp).characterizations

    return run


def rows(cs: list[Characterization], needle: str) -> list[tuple[list[str], float]]:
    return [(c.dyad, c.tone) for c in cs if needle.lower() in c.phrase.lower()]


def test_relative_clause_holder_even_when_the_parser_hangs_it_elsewhere(chars_of):
    cs = chars_of(
        "The proposed deal also has the backing of India, which has close political and "
        "security ties to Mauritius."
    )
    assert [(d, t > 0) for d, t in rows(cs, "close political and security ties")] == [
        (["IND", "MUS"], True)
    ]


def test_their_ties_are_the_coordinated_subjects(chars_of):
    cs = chars_of(
        "India and Mauritius have upgraded their ties, say leaders of both countries — a move "
        "analysts say is aimed at increasing New Delhi’s influence in the Indian Ocean."
    )
    assert [(d, t > 0) for d, t in rows(cs, "ties")] == [(["IND", "MUS"], True)]


def test_a_toned_relation_noun_with_its_partner(chars_of):
    cs = chars_of(
        "Kenya's dispute with Somalia centers on some 100,000 square kilometers of Indian "
        "Ocean waters rich in fish, and possibly also oil and gas."
    )
    assert [(d, t < 0) for d, t in rows(cs, "dispute")] == [(["KEN", "SOM"], True)]


def test_standing_of_one_actor(chars_of):
    cs = chars_of('"We have to understand that Vladimir Putin is the aggressor.')
    assert [(d, t < 0) for d, t in rows(cs, "aggressor")] == [(["RUS"], True)]


def test_relation_adjective_pairs_each_named_holder_with_the_partner(chars_of):
    cs = chars_of(
        "Aurangzeb said it would help unlock investments from other international financial "
        "institutions and countries that are friendly toward Pakistan, including Saudi Arabia "
        "and the United Arab Emirates."
    )
    assert sorted(d for d, _ in rows(cs, "friendly toward Pakistan")) == [
        ["ARE", "PAK"],
        ["PAK", "SAU"],
    ]


def test_no_description_in_classifiers_acts_or_a_persons_allies(chars_of):
    cs = chars_of(
        "Canada also requested World Trade Organization dispute consultations with the U.S. over "
        "its imposition of import duties on certain steel and aluminum products from Canada.\n\n"
        "Later, asked whether he might back off his heightened tariff threats against Canada, "
        "Trump said no.\n\n"
        'Blinken added that Berisha had used power "for his own benefit and to enrich his '
        "political allies and his family members at the expense of the Albanian public's "
        'confidence in their government institutions and public officials."'
    )
    assert not rows(cs, "dispute") and not rows(cs, "threat") and not rows(cs, "allies")
