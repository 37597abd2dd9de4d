"""Quotes: direct and indirect speech, quoted wording, speakers, and what is not a quote.

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


def direct(quotes: list[Quote], needle: str) -> Quote:
    return one([q for q in quotes if q.kind == "direct"], needle)


def mixed(quotes: list[Quote], needle: str) -> Quote:
    return one([q for q in quotes if q.kind == "mixed"], needle)


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


def test_multi_paragraph_quote_is_one_direct_quote_per_paragraph(quotes_of):
    qs = quotes_of(
        "President Moon Jae-in spoke at the ceremony. “We have waited seventy years for this "
        "moment and we will not waste it.",
        "“Now the work of peace begins, and it will take all of us,” he said.",
    )
    first = direct(qs, "waited seventy years")
    second = direct(qs, "Now the work of peace begins")
    assert first is not second
    assert "peace begins" not in first.text and "\n\n" not in first.text
    assert {first.speaker.name, second.speaker.name} == {"Moon Jae-in"}


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


# -- quoted wording inside reported speech -----------------------------------------------
# The reported clause is an indirect quote (its text keeps the quoted words); the words in
# quotation marks are also a quote of their own, of kind "mixed": the speaker's wording
# quoted inside reported speech.


def test_fragment_of_a_naming_verb_is_a_mixed_quote(quotes_of):
    qs = quotes_of(
        "Moon Jae-in spoke for twenty minutes. The partnership, he said, is turning into what "
        "he called a “new chapter of shared prosperity,” far beyond the peninsula."
    )
    q = mixed(qs, "new chapter of shared prosperity")  # one row: the clause with his wording
    assert q.speaker.name == "Moon Jae-in"
    assert all(q.kind != "direct" for q in qs)


def test_fragment_in_a_that_clause_makes_one_mixed_row(quotes_of):
    # one row per attribution (cues.yaml mixed_rows: clause, eval/voa/ANNOTATION.md)
    qs = quotes_of(
        "Kim Jong-un said the exercises were “a rehearsal for an invasion of our republic” "
        "and demanded that they stop."
    )
    rows = [q for q in qs if "rehearsal for an invasion" in q.text]
    assert [q.kind for q in rows] == ["mixed"]
    assert rows[0].text.startswith("the exercises were")
    assert rows[0].speaker.name == "Kim Jong-un"


def test_fragment_owned_by_a_speech_noun(quotes_of):
    qs = quotes_of(
        "Yoon Suk Yeol addressed the assembly on Monday. His description of the treaty as "
        "“a promise we intend to keep for generations” drew long applause."
    )
    q = mixed(qs, "a promise we intend to keep")
    assert q.speaker.name == "Yoon Suk Yeol"


def test_fragment_with_called_it_and_straight_single_marks(quotes_of):
    qs = quotes_of("Moon Jae-in called it a 'turning point for the whole peninsula' on Monday.")
    q = mixed(qs, "turning point for the whole peninsula")
    assert q.speaker.name == "Moon Jae-in"


def test_two_word_predicate_fragments_are_wording(quotes_of):
    qs = quotes_of(
        "In Washington, a State Department spokeswoman, Laura Kessel, said the United States "
        '"fully supports" the talks and urged restraint.',
        'Pyongyang accused Seoul of hostility, and Moon Jae-in said the South "deeply regrets" '
        "the incident.",
    )
    assert mixed(qs, "fully supports").speaker.name == "Laura Kessel"
    assert mixed(qs, "deeply regrets").speaker.name == "Moon Jae-in"
    clause = mixed(qs, "fully supports")
    assert clause.text == 'the United States "fully supports" the talks'  # no dangling "and"


def test_two_word_noun_phrases_stay_terms(quotes_of):
    qs = quotes_of(
        'Kim Jong-un said the drills were part of a "hostile policy" and must stop.',
        'Moon Jae-in said Seoul would not join the "maximum pressure" campaign again.',
    )
    assert all(q.kind == "indirect" for q in qs), [(q.kind, q.text) for q in qs]
    assert len(qs) == 2


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


# -- round 2 constructions ---------------------------------------------------------------


def test_person_named_after_a_long_role_subject(quotes_of):
    qs = quotes_of(
        "A spokeswoman for the Japanese Embassy in Seoul, Emi Tanabe, said the visit would "
        "go ahead as planned."
    )
    q = one(qs, "the visit would go ahead")
    assert q.speaker.name == "Emi Tanabe"
    assert q.speaker.country == "JPN"


def test_closing_attribution_of_a_person_outranks_the_institution(quotes_of):
    qs = quotes_of(
        'The Foreign Ministry called the launch "deeply alarming" and said it violated several '
        "Security Council resolutions, a ministry spokesman, Park Jun-ho, said on Monday."
    )
    clause = mixed(qs, "violated several Security Council")  # his wording inside: one row
    assert clause.speaker.name == "Park Jun-ho"
    assert "deeply alarming" in clause.text
    assert {q.speaker.name for q in qs} == {"Park Jun-ho"}


def test_government_group_takes_the_country_of_the_clause_before(quotes_of):
    qs = quotes_of(
        "Japan did not cut its funding for the project, but officials said Tokyo would review "
        "its contribution after the summer.",
        "Officials said the next round of talks would open in Geneva.",
        "Officials on both sides said the negotiations had been difficult.",
        "Japan sent a protest note on Monday. Analysts said the note changed little.",
    )
    japan = one(qs, "Tokyo would review its contribution")
    assert (japan.speaker.name, japan.speaker.country) == ("Japanese officials", "JPN")
    geneva = one(qs, "next round of talks would open")
    assert (geneva.speaker.name, geneva.speaker.country) == ("Officials", None)
    both = one(qs, "negotiations had been difficult")
    assert both.speaker.country is None
    assert one(qs, "the note changed little").speaker.country is None


def test_previous_sentence_subject_gives_the_country(quotes_of):
    qs = quotes_of(
        "South Korea has not sent weapons to the region. But trade officials said Seoul would "
        "consider a complaint at the World Trade Organization."
    )
    q = one(qs, "Seoul would consider a complaint")
    assert (q.speaker.name, q.speaker.country) == ("South Korean trade officials", "KOR")


def test_addressee_reflexive_and_negated_cues_are_no_speech(quotes_of):
    qs = quotes_of(
        "The Russian ambassador was summoned by the Foreign Ministry in Seoul and told that "
        "the deployment posed a threat to the region.",
        "For years South Korea told itself a comfortable story: it could rely on everyone.",
        "News reports said the Pentagon was weighing a troop cut; officials did not confirm "
        "the reports.",
    )
    assert not any(q.speaker.name.startswith("Russian") for q in qs)
    assert not any(q.speaker.name == "South Korea" for q in qs)
    assert not any(q.cue == "confirm" for q in qs)


def test_institutions_assess_people_only_say(quotes_of):
    qs = quotes_of(
        "South Korean intelligence believes about 3,000 of the soldiers have been wounded.",
        "Moon Jae-in believes that the talks will succeed.",
    )
    q = one(qs, "about 3,000 of the soldiers")
    assert (q.kind, q.speaker.country, q.cue) == ("indirect", "KOR", "believes")
    assert not any("talks will succeed" in q.text for q in qs)


def test_forecast_with_an_infinitive_and_not_backwards(quotes_of):
    qs = quotes_of(
        "Daniel Russel expects the next crisis, if it comes, to be harder to manage.",
        "Kim Jong-il met the visitors at the airport, a courtesy few diplomats had expected.",
    )
    q = one(qs, "the next crisis")
    assert (q.kind, q.speaker.name) == ("indirect", "Daniel Russel")
    assert "to be harder to manage" in q.text
    assert not any("met the visitors" in q.text for q in qs)


def test_a_report_inside_the_same_speakers_report_is_not_repeated(quotes_of):
    qs = quotes_of("Wendy Sherman said she expected Beijing to ask for far more next year.")
    assert len(qs) == 1
    assert qs[0].text == "she expected Beijing to ask for far more next year"


def test_he_prefers_the_subject_over_a_later_possessive(quotes_of):
    qs = quotes_of(
        "Victor Cha said the test would weaken support for President Moon Jae-in's "
        "engagement policy. But he said Seoul would not abandon the talks over one launch."
    )
    assert one(qs, "would not abandon the talks").speaker.name == "Victor Cha"


def test_participle_cue_takes_the_nearest_subject(quotes_of):
    qs = quotes_of(
        "Washington has demanded that Pyongyang halt missile sales to other countries, but "
        "North Korea has refused, saying the sales are a legitimate source of income."
    )
    q = one(qs, "the sales are a legitimate source")
    assert (q.speaker.name, q.speaker.country) == ("North Korea", "PRK")


def test_clause_before_an_object_is_not_what_was_denied(quotes_of):
    qs = quotes_of(
        "Washington has accused Beijing of ignoring transfers of oil at sea, a charge Chinese "
        "officials deny, saying China “strictly implements” its obligations."
    )
    # the charge is Washington's accusation (tests/test_quotes_cues.py), never China's denial
    assert all(
        q.speaker is not None and q.speaker.country == "USA"
        for q in qs
        if "ignoring transfers" in q.text
    )
    assert mixed(qs, "strictly implements").speaker.country == "CHN"


def test_dateline_relative_gap_and_temporal_clause(quotes_of):
    qs = quotes_of(
        "TOKYO — Japan will resume food aid to the North next month, Prime Minister Shinzo Abe "
        "announced on Thursday.",
        "The missile, which U.S. officials believe was a new type, landed in the sea.",
        "Israel held back its strikes after Washington urged it to avoid the oil fields.",
    )
    q = one(qs, "resume food aid")
    assert q.text.startswith("Japan will resume")
    assert not any(q.text.startswith("which") for q in qs)
    assert not any("held back its strikes" in q.text for q in qs)


def test_singular_unnamed_speaker_keeps_its_article(quotes_of):
    qs = quotes_of(
        "A senior Japanese diplomat involved in the talks told me that Tokyo had hoped for "
        '"a sign of goodwill, not a payment."'
    )
    q = mixed(qs, "Tokyo had hoped")
    assert q.speaker.name == "a senior Japanese diplomat"
    assert q.speaker.country == "JPN"
    assert "a sign of goodwill" in q.text


def test_institution_nouns_are_speakers(quotes_of):
    qs = quotes_of(
        "China's largest shipping association said it would stop accepting cargo for the port."
    )
    q = one(qs, "stop accepting cargo")
    assert q.speaker.name == "China's largest shipping association"
    assert q.speaker.country == "CHN"


def test_group_that_opens_a_paragraph_takes_the_dateline_country(quotes_of):
    qs = quotes_of(
        "TOKYO — North Korea fired a missile over northern Japan on Monday, the first such "
        "launch in five years, and Tokyo issued an alert to residents.",
        "Military officials said the missile fell into the Pacific Ocean east of Hokkaido.",
    )
    q = one(qs, "fell into the Pacific Ocean")
    assert (q.speaker.name, q.speaker.country) == ("Japanese military officials", "JPN")


def test_a_state_naming_in_the_first_person_is_speech_not_a_label(quotes_of):
    qs = quotes_of(
        'Greece has called the Turkish overflights "a violation of our sovereignty."',
        'The two governments described their ties as a "comprehensive strategic partnership."',
    )
    assert mixed(qs, "a violation of our sovereignty").speaker.country == "GRC"
    assert not any("comprehensive strategic partnership" in q.text for q in qs)


def test_agentless_passive_label_is_no_quote_but_passive_report_keeps_wording(quotes_of):
    qs = quotes_of(
        "Park Ji-won, a South Korean lawmaker, said talks with the North would be conducted "
        '"step by step, with no shortcuts at all." Park said Pyongyang had adopted a new line, '
        'a policy widely summed up as "two separate nations."'
    )
    assert mixed(qs, "step by step, with no shortcuts").speaker.name == "Park Ji-won"
    assert not any(q.kind == "mixed" and "two separate nations" in q.text for q in qs)


def test_relative_clause_subject_stands_for_its_antecedent(quotes_of):
    qs = quotes_of(
        "Igor Petrov, a former Russian diplomat, has followed the treaty since 2024. Petrov, "
        'who describes the partnership as "cold-blooded and useful," doubts it will last.'
    )
    q = mixed(qs, "cold-blooded and useful")
    assert (q.speaker.name, q.speaker.country) == ("Igor Petrov", "RUS")


def test_fragment_parsed_over_two_heads_still_finds_its_naming_verb(quotes_of):
    qs = quotes_of(
        "Kenji Ueda, a former Japanese diplomat who now teaches in Osaka, was less gloomy, "
        "calling the relationship between Tokyo and Seoul “the shaky part of the triangle, but "
        "no longer the missing one.” Few agreed."
    )
    q = mixed(qs, "the shaky part of the triangle")
    assert q.speaker.name == "Kenji Ueda"


def test_reported_clause_keeps_its_text_order_on_a_nonprojective_parse(quotes_of):
    qs = quotes_of(
        "Daniel Ross, a retired U.S. Army colonel, said in a separate interview that the cut "
        "was driven more by the war in Iraq than by any strategy for Korea."
    )
    q = one(qs, "the cut was driven")
    assert q.kind == "indirect"
    assert q.text.endswith("than by any strategy for Korea")


def test_appraisal_verb_with_as_complement_reports_a_judgement(quotes_of):
    qs = quotes_of(
        "China criticized the joint drills as an attempt to encircle it in its own waters. "
        "South Korea condemned the missile launch on Friday."
    )
    q = one(qs, "an attempt to encircle it")
    assert (q.kind, q.speaker.country) == ("indirect", "CHN")
    assert not any("missile launch" in q.text for q in qs)


def test_accusation_verb_gives_a_quoted_fragment_to_its_person_subject(quotes_of):
    qs = quotes_of(
        "Japan and South Korea signed a deal. Lee Min-ji, a South Korean lawmaker, accused "
        "the Japanese government of treating South Korea “like a tenant who never pays on "
        "time.” She welcomed the deal anyway."
    )
    q = mixed(qs, "like a tenant who never pays")
    assert (q.speaker.name, q.speaker.country) == ("Lee Min-ji", "KOR")
