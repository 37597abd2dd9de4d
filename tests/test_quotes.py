"""Quotes: direct, indirect and mixed speech, speakers, and what is not a quote.

Every text here is written for these tests. Each test runs the whole extraction
(clean -> spaCy -> actors -> quotes) on a small article, because attribution
depends on the parse and the actor resolution together.
"""

from __future__ import annotations

import pytest

from tiegraph.extract.quotes import find_quoted, is_name, is_speech_fragment, paragraphs
from tiegraph.ingest.readers import RawInput
from tiegraph.model import Quote
from tiegraph.pipeline import extract_record, prepare


@pytest.fixture(scope="module")
def quotes_of(nlp):
    def run(*paras: str) -> list[Quote]:
        text = "Test article\n\nMay 4, 2021\n\n" + "\n\n".join(paras)
        doc = prepare(RawInput(source="test", text=text))
        return extract_record(doc, nlp(doc.text), nlp).quotes

    return run


def one(quotes: list[Quote], needle: str) -> Quote:
    hits = [q for q in quotes if needle in q.text]
    assert len(hits) == 1, [(q.kind, q.text) for q in quotes]
    return hits[0]


def texts(quotes: list[Quote]) -> list[str]:
    return [q.text for q in quotes]


# -- quotation marks (pure) ------------------------------------------------------------


def test_curly_and_straight_marks_and_apostrophes():
    text = 'Seoul’s envoy said “the talks are over” and Tokyo\'s aide said "not yet".'
    found = [q.text(text) for q in find_quoted(text)]
    assert found == ["the talks are over", "not yet"]


def test_nested_single_marks_stay_inside_the_outer_quote():
    text = "“When officials say ‘the door is open,’ I ask which door,” said Berg."
    qs = find_quoted(text)
    assert len(qs) == 1
    assert qs[0].text(text) == "When officials say ‘the door is open,’ I ask which door,"


def test_multi_paragraph_quote_is_one_passage():
    text = "He said: “We waited a long time.\n\n“Now the work begins,” he added."
    qs = find_quoted(text)
    assert len(qs) == 1
    assert qs[0].text(text) == "We waited a long time.\n\nNow the work begins,"
    assert len(qs[0].pieces) == 2


def test_straight_multi_paragraph_quote():
    text = 'She said: "First part.\n\n"Second part," she added. "Third."'
    assert [q.text(text) for q in find_quoted(text)] == ["First part.\n\nSecond part,", "Third."]


def test_paragraphs_are_lines():
    assert paragraphs("a b\n\nc\n  \nd") == [(0, 3), (5, 6), (10, 11)]


def test_names_and_fragments():
    assert is_name("Garden of Remembrance")
    assert is_name("Miracle on the Taedong")
    assert not is_name("a new chapter of shared prosperity")
    assert is_speech_fragment("a new chapter of shared prosperity")
    assert not is_speech_fragment("unrealistic")
    assert not is_speech_fragment("Bridge of Freedom")


# -- direct quotes -----------------------------------------------------------------------


def test_direct_quote_with_speaker_after_and_appositive(quotes_of):
    qs = quotes_of(
        "“The agreement changes nothing about the border,” said Moon Jae-in, the president "
        "of South Korea, at a press conference."
    )
    q = one(qs, "changes nothing about the border")
    assert q.kind == "direct"
    assert q.speaker.name == "Moon Jae-in"
    assert q.speaker.country == "KOR"
    assert q.cue == "said"
    assert q.text.startswith("The agreement")


def test_speaker_before_with_colon_and_straight_marks(quotes_of):
    qs = quotes_of(
        'In Pyongyang, Kim Yo-jong told reporters: "We will answer every provocation with force."'
    )
    q = one(qs, "answer every provocation")
    assert q.kind == "direct"
    assert q.speaker.name == "Kim Yo-jong"
    assert q.speaker.country == "PRK"


def test_speaker_inside_and_following_quote_continues_the_turn(quotes_of):
    qs = quotes_of(
        "“The two capitals disagree on timing,” says Antony Blinken, the secretary of state. "
        "“They agree on almost everything else.”"
    )
    first = one(qs, "disagree on timing")
    second = one(qs, "agree on almost everything else")
    assert first.kind == second.kind == "direct"
    assert first.speaker.name == second.speaker.name == "Antony Blinken"


def test_turn_continues_into_the_next_paragraph(quotes_of):
    qs = quotes_of(
        "“Nobody expected the talks to last this long,” said Joe Biden.",
        "“We will stay as long as it takes.”",
    )
    assert one(qs, "stay as long as it takes").speaker.name == "Joe Biden"


def test_another_speakers_cue_ends_the_turn(quotes_of):
    qs = quotes_of(
        "“The border is calm tonight,” said Moon Jae-in. Kim Jong-un said on Friday that the "
        "North would send a delegation. “Our soldiers are ready for anything.”"
    )
    assert all("soldiers are ready" not in q.text or q.speaker.name != "Moon Jae-in" for q in qs)


def test_multi_paragraph_quote_is_one_direct_quote(quotes_of):
    qs = quotes_of(
        "President Moon Jae-in spoke at the ceremony. “We have waited seventy years for this "
        "moment and we will not waste it.",
        "“Now the work of peace begins, and it will take all of us,” he said.",
    )
    q = one(qs, "waited seventy years")
    assert q.kind == "direct"
    assert "Now the work of peace begins" in q.text
    assert "\n\n" in q.text
    assert q.speaker.name == "Moon Jae-in"


def test_nested_quotation_marks(quotes_of):
    qs = quotes_of(
        "“When officials in Tokyo say ‘the door is open,’ I ask which door they mean,” said "
        "Yoon Suk Yeol during the visit."
    )
    q = one(qs, "which door they mean")
    assert q.kind == "direct"
    assert "‘the door is open,’" in q.text
    assert q.speaker.name == "Yoon Suk Yeol"
    assert not any(t == "the door is open," for t in texts(qs))


def test_pronoun_speaker_refers_to_the_person_introduced_before(quotes_of):
    qs = quotes_of(
        "Donald Trump was more cautious than his aides. “Nothing has been signed yet, and "
        "nothing is final,” he said."
    )
    assert one(qs, "Nothing has been signed").speaker.name == "Donald Trump"


def test_lead_in_phrase_before_the_quote_keeps_it_direct(quotes_of):
    qs = quotes_of(
        "Since then, “the volume of trade across the border has doubled,” Moon Jae-in says."
    )
    assert one(qs, "volume of trade").kind == "direct"


def test_unattributed_quote_is_not_reported(quotes_of):
    qs = quotes_of("“The border will stay open for years to come.” The ministry gave no details.")
    assert qs == []


# -- indirect quotes ---------------------------------------------------------------------


def test_indirect_with_compound_subject_takes_the_named_person(quotes_of):
    qs = quotes_of(
        "Ban Ki-moon and other experts say Seoul is beginning to look toward Southeast Asia."
    )
    q = one(qs, "Seoul is beginning to look toward Southeast Asia")
    assert q.kind == "indirect"
    assert q.speaker.name == "Ban Ki-moon"
    assert q.cue == "say"


def test_group_speaker_with_country(quotes_of):
    qs = quotes_of("South Korean officials say the talks will resume next month in Geneva.")
    q = one(qs, "the talks will resume next month")
    assert q.kind == "indirect"
    assert q.speaker.name == "South Korean officials"
    assert q.speaker.country == "KOR"


def test_group_speaker_with_a_place_and_without_a_country(quotes_of):
    qs = quotes_of(
        "Some analysts in Tokyo said the missile tests would continue through the summer.",
        "Experts say the sanctions have done little to slow the weapons program.",
    )
    tokyo = one(qs, "missile tests would continue")
    assert tokyo.speaker.name == "analysts in Tokyo"
    assert tokyo.speaker.country == "JPN"
    experts = one(qs, "sanctions have done little")
    assert experts.speaker.name == "Experts"
    assert experts.speaker.country is None
    assert experts.kind == "indirect"


def test_one_quoted_word_in_a_that_clause_stays_indirect(quotes_of):
    qs = quotes_of(
        "Lee Jae-myung said the partnership had been an “indispensable” source of stability "
        "for the region."
    )
    q = one(qs, "indispensable")
    assert q.kind == "indirect"
    assert q.speaker.name == "Lee Jae-myung"
    assert "indispensable" not in [t.strip("“”") for t in texts(qs)]


def test_speaker_of_a_remark_used_to_highlight(quotes_of):
    qs = quotes_of(
        "Mayor Oh Se-hoon used his remarks to highlight that the city had opened a “Garden of "
        "Remembrance” for the veterans of the war."
    )
    q = one(qs, "Garden of Remembrance")
    assert q.kind == "indirect"
    assert q.speaker.name == "Oh Se-hoon"
    assert q.text.startswith("the city had opened")


def test_according_to(quotes_of):
    qs = quotes_of("The drills will continue into next week, according to Lloyd Austin.")
    q = one(qs, "drills will continue")
    assert q.kind == "indirect"
    assert q.speaker.name == "Lloyd Austin"
    assert q.cue == "according to"


def test_parenthetical_cue(quotes_of):
    qs = quotes_of(
        "The biggest risk for Seoul, experts say, is being drawn into a conflict over Taiwan."
    )
    q = one(qs, "being drawn into a conflict")
    assert q.kind == "indirect"
    assert q.speaker.name == "experts"


def test_heading_is_not_a_quote(quotes_of):
    qs = quotes_of(
        "North Korea Says It Will Resume Missile Tests",
        "North Korea announced on Monday that it would resume missile tests within weeks.",
    )
    assert texts(qs) == ["it would resume missile tests within weeks"]


# -- mixed quotes ------------------------------------------------------------------------


def test_mixed_quote_with_a_naming_verb(quotes_of):
    qs = quotes_of(
        "Moon Jae-in spoke for twenty minutes. The partnership, he said, is turning into what "
        "he called a “new chapter of shared prosperity,” far beyond the peninsula."
    )
    mixed = [q for q in qs if q.kind == "mixed"]
    assert mixed and all(q.speaker.name == "Moon Jae-in" for q in mixed)
    assert any("new chapter of shared prosperity" in q.text for q in mixed)
    assert "new chapter of shared prosperity" not in [t.strip("“”,") for t in texts(qs)]


def test_mixed_quote_in_a_that_clause(quotes_of):
    qs = quotes_of(
        "Kim Jong-un said the exercises were “a rehearsal for an invasion of our republic” "
        "and demanded that they stop."
    )
    q = one(qs, "rehearsal for an invasion")
    assert q.kind == "mixed"
    assert q.speaker.name == "Kim Jong-un"
    assert q.text.startswith("the exercises were")


def test_mixed_quote_owned_by_a_speech_noun(quotes_of):
    qs = quotes_of(
        "Yoon Suk Yeol addressed the assembly on Monday. His description of the treaty as "
        "“a promise we intend to keep for generations” drew long applause."
    )
    q = one(qs, "a promise we intend to keep")
    assert q.kind == "mixed"
    assert q.speaker.name == "Yoon Suk Yeol"
    assert q.text.startswith("the treaty as")


# -- not quotes --------------------------------------------------------------------------


def test_scare_quotes_and_names_are_not_quotes(quotes_of):
    qs = quotes_of(
        "The so-called “Nordic model” was discussed at length in Stockholm.",
        "Veterans still call the battle the “Winter of Fire,” a name few outsiders know.",
        "The policy, known in Seoul as the “Bridge of Freedom,” was abandoned in 2008.",
        "Critics say the plan is “unrealistic.”",
        'Media in Tokyo have dubbed the proposal the "northern bargain," after the islands.',
    )
    bare = {t.strip('“”",. ') for t in texts(qs)}
    for term in [
        "Nordic model",
        "Winter of Fire",
        "Bridge of Freedom",
        "unrealistic",
        "northern bargain",
    ]:
        assert term not in bare
    assert all(q.kind != "direct" for q in qs)


def test_quoted_term_next_to_a_cue_is_not_a_direct_quote(quotes_of):
    qs = quotes_of('Pyongyang radio described the drills as a "provocation" on Tuesday.')
    assert "provocation" not in {t.strip('"') for t in texts(qs)}


def test_mixed_quote_with_called_it_and_straight_single_marks(quotes_of):
    qs = quotes_of("Moon Jae-in called it a 'turning point for the whole peninsula' on Monday.")
    q = one(qs, "turning point for the whole peninsula")
    assert q.kind == "mixed"
    assert q.speaker.name == "Moon Jae-in"
    assert q.text != "turning point for the whole peninsula"


def test_later_surname_mention_with_an_institution_resolves_to_the_person(quotes_of):
    qs = quotes_of(
        "Antony Blinken, the secretary of state, arrived in Seoul on Friday for two days of talks.",
        "“The alliance has never been more important to us,” the State Department’s Blinken says.",
    )
    q = one(qs, "never been more important")
    assert q.kind == "direct"
    assert q.speaker.name == "Antony Blinken"
    assert q.speaker.country == "USA"


def test_quote_interrupted_by_its_attribution_gives_two_direct_quotes(quotes_of):
    qs = quotes_of(
        "“We are ready,” Moon Jae-in said, “and we will not wait for anyone else to act.”"
    )
    assert one(qs, "We are ready").speaker.name == "Moon Jae-in"
    assert one(qs, "will not wait for anyone").speaker.name == "Moon Jae-in"
    assert {q.kind for q in qs} == {"direct"}


def test_question_with_asked(quotes_of):
    qs = quotes_of('"Why did Pyongyang choose this moment?" asked Antony Blinken on Friday.')
    q = one(qs, "Why did Pyongyang choose this moment?")
    assert (q.kind, q.cue, q.speaker.name) == ("direct", "asked", "Antony Blinken")
