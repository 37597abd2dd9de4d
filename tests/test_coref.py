"""In-document coreference: short forms, possessives, titled names the NER misses, pronouns."""

from __future__ import annotations

import pytest

from tiegraph.resolve.actors import resolve_actors


def resolve(nlp, text: str, date: str | None = "2024-05-01"):
    doc = nlp(text)
    return doc, resolve_actors(doc, nlp, date)


def refs(idx, surface: str) -> list[str]:
    """Names of the actors each mention with this exact surface resolves to, in order."""
    return [idx.actors[m.actor_id].name for m in idx.mentions if m.span.text == surface]


def test_surname_goes_to_the_closest_earlier_full_name(nlp):
    _, idx = resolve(
        nlp,
        "Former President Kim Dae-jung opened the exhibition in 2001. Two years earlier, "
        "Kim and North Korean leader Kim Jong-il had exchanged letters.",
        "2001-06-01",
    )
    assert refs(idx, "Kim") == ["Kim Dae-jung"]
    assert refs(idx, "Kim Jong-il") == ["Kim Jong-il"]


def test_surname_of_a_western_name(nlp):
    _, idx = resolve(
        nlp,
        "Helen Strand, a professor at Columbia University, studies trade. "
        "Columbia University's Strand says tariffs will rise.",
    )
    assert refs(idx, "Strand") == ["Helen Strand"]


def test_titled_name_the_ner_misses_and_its_possessive(nlp):
    _, idx = resolve(
        nlp,
        "Daejeon Mayor Lee Jang-woo, who also attended the ceremony, laid a wreath. "
        "Lee’s remarks stressed the sacrifices of veterans.",
    )
    p = next(a for a in idx.actors.values() if a.name == "Lee Jang-woo")
    assert (p.country, p.sector) == ("KOR", "GOV")
    assert refs(idx, "Lee") == ["Lee Jang-woo"]
    assert "Lee" in p.aliases


def test_surname_given_name_pattern_without_title(nlp):
    _, idx = resolve(
        nlp,
        "Yeo Sung-mi, a spokesperson for the Unification Ministry, said talks were possible. "
        "Yeo said the ministry would respond within a week.",
    )
    p = next(a for a in idx.actors.values() if a.name == "Yeo Sung-mi")
    assert p.code == "KORGOV"
    assert refs(idx, "Yeo") == ["Yeo Sung-mi"]


def test_professor_title_makes_a_person(nlp):
    _, idx = resolve(
        nlp,
        '"The window is closing," said Professor Hollis Varden of the Marlow Institute. '
        "Varden added that time favored the North.",
    )
    assert refs(idx, "Hollis Varden") == ["Hollis Varden"]
    assert refs(idx, "Varden") == ["Hollis Varden"]


def test_subject_pronoun_goes_to_the_last_person_subject(nlp):
    _, idx = resolve(
        nlp,
        "Analyst Mira Castell of the Dunmore Group said the sanctions had failed. "
        "She added that China held the key.",
    )
    assert refs(idx, "She") == ["Mira Castell"]


def test_pronoun_skips_a_person_of_the_other_gender(nlp):
    _, idx = resolve(nlp, "Ms. Ana Ruiz met Mr. Tom Reed on Monday. He said the talks went well.")
    assert refs(idx, "He") == ["Tom Reed"]


def test_pronoun_without_a_person_stays_unresolved(nlp):
    _, idx = resolve(nlp, "The ministry issued a statement. He was not named.")
    assert refs(idx, "He") == []


def test_headline_words_are_not_people(nlp):
    text = (
        "Lee and Tanaka Agree on Fisheries Pact\n\n"
        "President Lee Soo-min and Prime Minister Kenji Tanaka signed the pact on Friday. "
        "Lee said the deal would protect fishermen."
    )
    _, idx = resolve(nlp, text, "2031-05-03")
    people = {a.name for a in idx.actors.values() if a.kind == "person"}
    assert people == {"Lee Soo-min", "Kenji Tanaka"}
    assert refs(idx, "Lee") == ["Lee Soo-min", "Lee Soo-min"]


def test_coreference_on_the_shared_samples(sample_records):
    """The dev articles: short forms resolve to the right full names."""
    rec = sample_records["004_12083f526e349120.txt"]
    actors = {a.actor_id: a for a in rec.actors}
    kims = [actors[m.actor_id].name for m in rec.mentions if m.span.text == "Kim"]
    assert kims and set(kims) <= {"Kim Dae-jung", "Kim Jong-il"}
    rec0 = sample_records["000_c00f8aac215743d5.txt"]
    names = {a.name for a in rec0.actors if a.kind == "person"}
    assert "Oh Se-hoon" in names


def test_it_as_subject_of_an_agentive_verb_is_the_last_state_subject(nlp):
    _, idx = resolve(
        nlp,
        "North Korea fired artillery near the border. Later, it accused Seoul of provocation. "
        "The report was long, and it was hard to read.",
    )
    assert refs(idx, "it") == ["North Korea"]


def test_first_word_of_an_organisation_named_before_is_that_organisation(nlp):
    _, idx = resolve(
        nlp,
        "Daesan Robotics Corporation opened a plant in Ohio. Daesan said it would hire "
        "400 workers, and National officials welcomed the news.",
    )
    m = next(m for m in idx.mentions if m.span.text == "Daesan")
    assert (m.via, idx.actors[m.actor_id].name) == ("coref", "Daesan Robotics Corporation")
    assert refs(idx, "National") == []


def test_dictionary_short_name_of_a_company_is_an_alias(nlp):
    _, idx = resolve(nlp, "Nobody expects Mitsubishi to apologise.")
    m = next(m for m in idx.mentions if m.span.text == "Mitsubishi")
    assert m.via == "alias"
    assert idx.actors[m.actor_id].code == "JPNBUS"


def test_surname_the_ner_reads_as_a_date_still_resolves(nlp):
    _, idx = resolve(
        nlp,
        "President Yoon Suk Yeol declared martial law in December. Lawmakers impeached "
        "Yoon later that month.",
        "2025-01-15",
    )
    assert refs(idx, "Yoon") == ["Yoon Suk Yeol"]


def test_bare_surname_of_a_past_office_holder_needs_the_ner_or_the_date(nlp):
    _, idx = resolve(nlp, "Parliament voted in May. The motion passed.", "2017-06-01")
    assert not idx.persons()


# -- possessive and plural pronouns ---------------------------------------------------------


def test_possessive_pronouns_follow_the_subject_rule(nlp):
    _, idx = resolve(
        nlp,
        "President Yoon Suk Yeol met Japanese Prime Minister Fumio Kishida in Tokyo. "
        "His visit was the first in 12 years. Ms. Tanaka thanked Mr. Lee for her award.",
    )
    assert refs(idx, "His") == ["Yoon Suk Yeol"]
    assert refs(idx, "her") == ["Tanaka"]


def test_an_object_her_is_not_a_possessive(nlp):
    _, idx = resolve(nlp, "Kim Yo-jong arrived in Seoul. Officials welcomed her warmly.")
    assert refs(idx, "her") == []


def test_they_is_every_actor_of_a_coordinated_subject(nlp):
    doc, idx = resolve(
        nlp,
        "South Korea and the United States announced on Friday that they would deploy a "
        "missile-defense battery.",
    )
    they = next(t for t in doc if t.text == "they")
    assert sorted(a.country for a in idx.actors_under(they)) == ["KOR", "USA"]


@pytest.mark.parametrize(
    "text",
    [
        # the nearest plural is no subject: "their" is the relations'
        "The allies held drills. The crisis pushed relations between Seoul and Moscow to "
        "their lowest point.",
        # the subject is no actor ("enemies"), though it has actors as modifiers
        "Why are Israel and Iran enemies? They were not always.",
        # a plural subject that is no actor at all
        "The talks ended on Friday. They will resume next month.",
        # inside quotation marks, "they" is the speaker's
        "South Korean officials said, “They will never accept it.”",
    ],
)
def test_they_stays_unresolved_when_unsure(nlp, text):
    _, idx = resolve(nlp, text)
    assert not [m for m in idx.mentions if m.span.text.lower() in {"they", "their"}]


def test_hyphenated_surname_is_a_short_form_not_a_new_person(nlp):
    _, idx = resolve(
        nlp,
        '"This is a restoration," says Ilse Varga-Holm, a senior fellow at a research '
        'institute in Vienna. "Trade is small," Varga-Holm says, though she adds more.',
    )
    assert refs(idx, "Varga-Holm") == ["Ilse Varga-Holm"]
    assert [a.name for a in idx.actors.values() if a.kind == "person"] == ["Ilse Varga-Holm"]


def test_given_name_first_korean_name_is_one_person(nlp):
    _, idx = resolve(
        nlp,
        '"Ambiguity is a lever," says Min-jae Seong, a researcher at the Sejong Institute '
        'in Seoul. "The threat is worth more," Seong said.',
    )
    people = [a for a in idx.actors.values() if a.kind == "person"]
    assert [p.name for p in people] == ["Min-jae Seong"]
    assert refs(idx, "Seong") == ["Min-jae Seong"]


def test_a_hyphenated_place_compound_is_not_a_given_name(nlp):
    doc, _ = resolve(nlp, "Analysts at the Tokyo-based Nippon Forum disagreed.")
    assert "Tokyo" in [t.text for t in doc]  # not merged into "Tokyo-based"
