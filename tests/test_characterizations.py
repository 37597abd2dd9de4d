"""Characterisations: phrase, dyad, speaker and tone. Texts written for these tests."""

from __future__ import annotations

import pytest

from tiegraph.extract.characterizations import lexicon, matches, negated
from tiegraph.ingest.readers import RawInput
from tiegraph.model import Characterization
from tiegraph.pipeline import extract_record, prepare


@pytest.fixture(scope="module")
def chars_of(nlp):
    def run(*paras: str) -> list[Characterization]:
        text = "Test article\n\nMay 4, 2021\n\n" + "\n\n".join(paras)
        doc = prepare(RawInput(source="test", text=text))
        return extract_record(doc, nlp(doc.text), nlp).characterizations

    return run


def one(chars: list[Characterization], needle: str) -> Characterization:
    hits = [c for c in chars if needle.lower() in c.phrase.lower()]
    assert len(hits) == 1, [(c.phrase, c.dyad, c.speaker) for c in chars]
    return hits[0]


# -- the lexicon (pure) ------------------------------------------------------------------


def test_lexicon_tones_are_in_range_and_patterns_compile():
    lex = lexicon()
    assert len(lex.entries) > 30
    assert all(-1.0 <= e.tone <= 1.0 for e in lex.entries)


def test_longest_match_wins():
    spans = matches("There is deep mutual distrust here.")
    assert len(spans) == 1
    s, e, entry = spans[0]
    assert "There is deep mutual distrust here."[s:e] == "deep mutual distrust"
    assert entry.tone < 0


def test_negation_is_detected_before_the_phrase_only():
    assert negated("the two sides have never ", "trusted each other")
    assert negated("relations are not ", "warm")
    assert not negated("relations are ", "warm")
    assert not negated("", "no diplomatic relations")  # the negation is the phrase itself


# -- extraction --------------------------------------------------------------------------


def test_unattributed_phrase_has_the_publisher_as_speaker(chars_of):
    c = one(chars_of("Japan, long a stalwart ally of the United States, is rearming."), "stalwart")
    assert c.dyad == ["JPN", "USA"]
    assert c.speaker is None
    assert c.tone > 0.5
    assert c.phrase == "stalwart ally of the United States"


def test_quoted_phrase_takes_the_speaker_and_the_named_pair(chars_of):
    chars = chars_of(
        "“Ties between Seoul and Beijing are at their lowest point in years,” said Joe Biden."
    )
    c = one(chars, "lowest point")
    assert c.speaker == "Joe Biden"
    assert c.dyad == ["CHN", "KOR"]
    assert c.tone < -0.5


def test_negated_warmth_is_negative(chars_of):
    c = one(chars_of("Relations between Tokyo and Seoul are not warm this year."), "warm")
    assert c.dyad == ["JPN", "KOR"]
    assert c.tone < 0


def test_heading_gives_the_dyad_of_an_unqualified_quote(chars_of):
    chars = chars_of(
        "China and the United States signed a trade deal in Geneva on Monday.",
        "What is the relationship like between Japan and South Korea?",
        "“Very bad at the moment, and not only in public,” Moon Jae-in says.",
    )
    c = one(chars, "Very bad")
    assert c.dyad == ["JPN", "KOR"]
    assert c.speaker == "Moon Jae-in"


def test_document_pair_for_a_quote_that_names_no_one(chars_of):
    chars = chars_of(
        "North Korea and South Korea opened a hotline on Monday after talks in Panmunjom.",
        "North Korea said the line would stay open. South Korea welcomed the step.",
        "“Half a century of mutual suspicion will not vanish overnight,” said Anna Berg, a "
        "historian at Stanford University.",
    )
    c = one(chars, "mutual suspicion")
    assert c.dyad == ["KOR", "PRK"]  # the historian's own country is not a party
    assert c.speaker == "Anna Berg"


def test_capitalised_name_is_not_a_characterisation(chars_of):
    chars = chars_of(
        "Delegates from Japan met at the Korea-Japan Friendship Association in Osaka on Friday."
    )
    assert chars == []


def test_ambiguous_word_needs_a_relationship_noun(chars_of):
    chars = chars_of("The warm weather in Seoul drew crowds of tourists from Japan.")
    assert chars == []


def test_indirect_speech_carries_the_speaker(chars_of):
    chars = chars_of(
        "Yoon Suk Yeol said the alliance with the United States was ironclad and would endure."
    )
    c = one(chars, "ironclad")
    assert c.speaker == "Yoon Suk Yeol"
    assert c.dyad == ["KOR", "USA"]


# -- round 2 constructions ---------------------------------------------------------------


def test_general_relationship_vocabulary():
    for text, word, sign in [
        ("Beijing treats Pyongyang as a leash on Washington.", "leash", -1),
        ("It is a marriage of convenience.", "marriage of convenience", -1),
        ("The two are as close as lips and teeth.", "lips and teeth", 1),
        ("Pakistan calls China an all-weather friend.", "all-weather friend", 1),
        ("The arch-rivals met again.", "arch-rivals", -1),
        ("Ties have become transactional.", "transactional", -1),
        ("A shadow war has been fought for years.", "shadow war", -1),
        ("They are closer to Moscow than at any point in decades.", "closer to Moscow", 1),
    ]:
        hits = [(text[s:e], entry) for s, e, entry in matches(text)]
        assert any(word in h and (entry.tone > 0) == (sign > 0) for h, entry in hits), text


def test_standalone_metaphor_needs_only_its_paragraph(chars_of):
    chars = chars_of(
        "South Korea and China established diplomatic ties in 1992. The gesture was meant to "
        "please both capitals. It now looks like the peak of a honeymoon that is over.",
        "It now looks like the peak of a honeymoon that is over.",
    )
    hits = [c for c in chars if "honeymoon" in c.phrase]
    assert len(hits) == 1  # the second paragraph names no state and no relationship
    assert hits[0].dyad == ["CHN", "KOR"]
    assert hits[0].tone < 0


def test_title_case_headline_is_not_a_name(chars_of):
    chars = chars_of("India and Pakistan: How a Proxy War Became an Open One")
    c = one(chars, "Proxy War")
    assert c.dyad == ["IND", "PAK"]
    assert c.tone < -0.5


def test_unqualified_alliance_is_the_known_alliance_of_the_document(chars_of):
    chars = chars_of(
        "China bought fewer South Korean cars this year, and Chinese tourists stayed away "
        "after Seoul let a U.S. ally's missile-defense battery be deployed.",
        "China protested again on Friday. Beijing summoned the ambassador.",
        "The alliance remains, in the words of both governments, the linchpin of peace.",
    )
    c = one(chars, "linchpin")
    assert c.dyad == ["KOR", "USA"]


def test_experts_nationality_does_not_make_the_document_pair(chars_of):
    chars = chars_of(
        "North Korea and South Korea were admitted to the United Nations on Tuesday.",
        "“Two states, one nation, and both in the same hall in New York,” said Helen Marsh of "
        "the Redwood Policy Group, a research institute in Virginia. Marsh has advised the "
        "American government for years.",
    )
    c = one(chars, "one nation")
    assert c.dyad == ["KOR", "PRK"]


def test_negated_broken_alliance_is_positive(chars_of):
    chars = chars_of(
        "“The alliance between Washington and Seoul is not broken,” Lee Jae-myung said."
    )
    c = one(chars, "broken")
    assert c.dyad == ["KOR", "USA"]
    assert c.tone > 0


def test_its_names_the_subject_state_as_a_party(chars_of):
    chars = chars_of(
        "Vietnam must balance its alliance needs against its economic interdependence with China."
    )
    c = one(chars, "interdependence")
    assert c.dyad == ["CHN", "VNM"]


def test_name_in_a_headline_stays_a_name(chars_of):
    chars = chars_of("China and North Korea Mark 60 Years of the Friendship Treaty in Beijing")
    assert not any("Friendship" in c.phrase for c in chars)


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        (
            "Australia, Washington's closest treaty ally in the Pacific, protested.",
            "closest treaty",
        ),
        ("Tokyo and Manila now have a partnership with teeth, officials said.", "with teeth"),
        ("Relations between Iran and Russia were long cordial but distant.", "cordial but distant"),
        (
            "For years the relationship between Japan and China was hot in economics and cold "
            "in politics.",
            "hot in economics and cold in politics",
        ),
        ("Japan said Australia shares its values and its interests.", "shares its values"),
        ("Ties between Seoul and Tokyo fell into one of the deepest holes in decades.", "deepest"),
    ],
)
def test_relationship_vocabulary(chars_of, sentence, phrase):
    c = one(chars_of(sentence), phrase)
    assert len(c.dyad) == 2


NAMED = (
    "South Korea is weighing talks with North Korea. Han Mi-ra, a South Korean lawmaker, "
    'called the alliance with the United States "the ground under our feet," and called '
    'the new budget "a waste of good money."'
)


def test_unscored_wording_is_no_characterisation_by_default(chars_of):
    # the lexicon cannot score a one-off metaphor, and no tone is invented for it
    assert not any("ground under our feet" in c.phrase for c in chars_of(NAMED))


def test_quoted_wording_given_to_a_relationship_when_named_tone_is_set(chars_of, monkeypatch):
    import dataclasses

    from tiegraph.extract.characterizations import rules

    scored = dataclasses.replace(rules.lexicon(), named_tone=0.25)
    monkeypatch.setattr(rules, "_rules", lambda: scored)
    cs = chars_of(NAMED)
    c = one(cs, "the ground under our feet")
    assert (c.speaker, c.tone, sorted(c.dyad)) == ("Han Mi-ra", 0.25, ["KOR", "USA"])
    assert not any("waste of good money" in x.phrase for x in cs)


# -- round 4: broad relationship vocabulary, dyad shapes, precision guards -------------

BROAD = [
    # (sentence, phrase fragment, dyad, tone sign)
    (
        "Relations between India and China have warmed since the border deal.",
        "warmed",
        ["CHN", "IND"],
        1,
    ),
    (
        "Ties between Canberra and Beijing have thawed after years of trade curbs.",
        "thawed",
        ["AUS", "CHN"],
        1,
    ),
    (
        "Ties between Washington and Beijing hit a new low after the balloon affair.",
        "new low",
        ["CHN", "USA"],
        -1,
    ),
    ("Relations between Kenya and Somalia are at a low ebb.", "low ebb", ["KEN", "SOM"], -1),
    ("Relations between Britain and Iran remain frosty.", "frosty", ["GBR", "IRN"], -1),
    ("Poland's relations with Germany have cooled this year.", "cooled", ["DEU", "POL"], -1),
    (
        "Canada's ties with India have gone through a rocky patch.",
        "rocky patch",
        ["CAN", "IND"],
        -1,
    ),
    (
        "Iran and Saudi Arabia, long arch-foes, restored relations in 2023.",
        "arch-foes",
        ["IRN", "SAU"],
        -1,
    ),
    ("India and Pakistan remain uneasy neighbours.", "uneasy neighbours", ["IND", "PAK"], -1),
    ("Greece and Turkey are uneasy NATO allies.", "uneasy NATO allies", ["GRC", "TUR"], -1),
    ("North Korea remains China's blood ally.", "blood ally", ["CHN", "PRK"], 1),
    (
        "India and Russia signed a friendship treaty in 1971.",
        "friendship treaty",
        ["IND", "RUS"],
        1,
    ),
    ("The US-Japan alliance has never been stronger.", "never been stronger", ["JPN", "USA"], 1),
    ("Japan's ties with South Korea have improved markedly.", "improved", ["JPN", "KOR"], 1),
    (
        "Washington and Hanoi have deepened their ties since 2013.",
        "deepened their ties",
        ["USA", "VNM"],
        1,
    ),
    ("Egypt remains a longtime ally of the United States.", "longtime ally", ["EGY", "USA"], 1),
    (
        "Pyongyang and Moscow have grown closer since the invasion.",
        "grown closer",
        ["PRK", "RUS"],
        1,
    ),
    (
        "Canberra and Jakarta have been on good terms since 2022.",
        "on good terms",
        ["AUS", "IDN"],
        1,
    ),
    ("Turkey's relations with Greece are in a deep freeze.", "deep freeze", ["GRC", "TUR"], -1),
    (
        "Mexico's relationship with the United States is on a knife-edge.",
        "knife-edge",
        ["MEX", "USA"],
        -1,
    ),
    (
        "Tensions between Colombia and Venezuela eased after the border reopened.",
        "eased",
        ["COL", "VEN"],
        1,
    ),
    (
        "Sino-Indian relations have been frosty since the Galwan clash.",
        "frosty",
        ["CHN", "IND"],
        -1,
    ),
    ("Franco-German relations are going through a rough patch.", "rough patch", ["DEU", "FRA"], -1),
    ("Sino-US ties have soured over Taiwan.", "soured", ["CHN", "USA"], -1),
    ("Indo-Pakistani relations hit a new low after the attack.", "new low", ["IND", "PAK"], -1),
    ("The honeymoon between Rome and Paris is over.", "honeymoon", ["FRA", "ITA"], -1),
    (
        "Japan and China have a complicated relationship.",
        "complicated relationship",
        ["CHN", "JPN"],
        -1,
    ),
    (
        "Russia is an unreliable partner for India, analysts say.",
        "unreliable partner",
        ["IND", "RUS"],
        -1,
    ),
]


@pytest.mark.parametrize(("sentence", "phrase", "dyad", "sign"), BROAD)
def test_broad_relationship_vocabulary(chars_of, sentence, phrase, dyad, sign):
    c = one(chars_of(sentence), phrase)
    assert c.dyad == dyad
    assert c.tone * sign > 0


def test_unbreakable_keeps_its_alliance_tone_before_bond(chars_of):
    c = one(chars_of("Pakistan calls its unbreakable bond with China a model."), "unbreakable")
    assert c.tone >= 0.9 and c.dyad == ["CHN", "PAK"]


NOT_RELATIONS = [
    "The weather in Moscow turned cold as Putin met Xi.",
    "Japan's economy showed warm signs of recovery, officials in Tokyo said.",
    "Global warming dominated talks between Brazil and Norway on forest cooperation.",
    "China froze the assets of two American defence firms.",
    "Stocks hit a new low in Seoul after North Korea fired a missile.",
    "Turkey's inflation improved slightly, the central bank in Ankara said.",
    "The Argentine peso hit a record low against the dollar.",
    "The ministers from Germany and Poland shared a warm handshake in Berlin.",
    "Germany's response to the French proposal was lukewarm.",
    "The Bank of Japan kept its bond purchases steady as the yen fell against the dollar.",
    "Japan suspended aid to North Korea and froze talks on normalising relations.",
    "NATO grew from a Cold War defence pact of the United States and Germany.",
]


@pytest.mark.parametrize("sentence", NOT_RELATIONS)
def test_weather_and_market_words_are_not_characterisations(chars_of, sentence):
    assert chars_of(sentence) == []


def test_negated_hostility_flips_the_tone(chars_of):
    c = one(chars_of("Ireland's relationship with Britain is not hostile."), "hostile")
    assert c.tone > 0 and c.dyad == ["GBR", "IRL"]


def test_a_relative_clause_gives_the_holder_of_the_relationship(chars_of):
    chars = chars_of(
        "Prosecutors in New York said the plan was to bring her to Venezuela, which has close "
        "ties with Iran."
    )
    assert sorted(one(chars, "close ties").dyad) == ["IRN", "VEN"]


def test_generic_evaluations_need_a_relationship_in_the_sentence(chars_of):
    chars = chars_of(
        'The U.S. official said: "There is a pretty good tool kit that Washington has."',
        "In Guinea-Bissau, the town was sieged by an enemy kingdom in the 1860s.",
        "Talks between Kenya and Somalia have stalled since December.",
    )
    assert chars == []


def test_hostility_between_two_named_parties_needs_no_relation_noun(chars_of):
    chars = chars_of(
        "Why are Israel and Iran enemies?", "Seoul and Pyongyang are two hostile governments."
    )
    assert sorted(one(chars, "enemies").dyad) == ["IRN", "ISR"]
    assert one(chars, "hostile").dyad == ["KOR", "PRK"]
