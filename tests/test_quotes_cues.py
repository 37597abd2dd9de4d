"""Quote cues news uses beyond "said": documents as speakers, requests with an
infinitive, denials and announcements with an object, accusations, and quotation
marks that mix straight and curly forms.

Every text here is written for these tests."""

from __future__ import annotations

import pytest

from tiegraph.extract.quotes import find_quoted
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


def test_mixed_straight_and_curly_marks_close_a_quotation():
    text = '"We have to act now,” Crow told reporters. “It is late," he said.'
    got = [text[q.inner_start : q.inner_end] for q in find_quoted(text)]
    assert got == ["We have to act now,", "It is late,"]


def test_an_apostrophe_does_not_close_a_quotation():
    text = "“The country’s future is at stake,” she said."
    assert [text[q.inner_start : q.inner_end] for q in find_quoted(text)] == [
        "The country’s future is at stake,"
    ]


def test_mixed_marks_give_a_direct_quote(quotes_of):
    qs = quotes_of('"Russia does not have a good record of living up to ceasefires,” Pifer said.')
    q = one(qs, "does not have a good record")
    assert q.kind == "direct" and q.speaker is not None and q.speaker.name == "Pifer"


@pytest.mark.parametrize(
    "para,content",
    [
        (
            "The report said the militants had launched 504 attacks in the province last year.",
            "the militants had launched 504 attacks",
        ),
        (
            "According to the statement, the ministers agreed to meet again in June.",
            "the ministers agreed to meet again",
        ),
        (
            "A new poll found that most voters oppose the tariffs on European cars.",
            "most voters oppose the tariffs",
        ),
    ],
)
def test_documents_speak(quotes_of, para, content):
    q = one(quotes_of(para), content)
    assert q.speaker is not None and q.kind == "indirect"


def test_a_document_speaks_for_the_author_it_names(quotes_of):
    q = one(
        quotes_of("The G7 joint statement said the group remains concerned about the arms race."),
        "the group remains concerned",
    )
    assert q.speaker is not None and q.speaker.code is not None and "IGO" in q.speaker.code


def test_a_request_reports_its_infinitive(quotes_of):
    qs = quotes_of(
        "Top diplomats from the Group of Seven urged Russia on Friday to accept a ceasefire "
        "in the war with Ukraine."
    )
    q = one(qs, "to accept a ceasefire")
    assert q.cue == "urged" and q.kind == "indirect"


def test_call_on_is_a_cue_only_with_an_infinitive(quotes_of):
    qs = quotes_of(
        "The ministers called on China to engage in strategic risk reduction talks.",
        "Officials called the meeting productive.",
    )
    assert one(qs, "to engage in strategic risk reduction").cue == "called"
    assert not any("meeting productive" in q.text for q in qs)


def test_denials_and_announcements_report_their_object(quotes_of):
    qs = quotes_of(
        "The Taliban routinely deny providing sanctuary to anti-Pakistan fighters.",
        "Hong Kong authorities have rejected accusations that the trial is unfair.",
    )
    assert one(qs, "providing sanctuary to anti-Pakistan fighters").cue == "deny"
    assert one(qs, "the trial is unfair").cue == "rejected"


def test_an_accusation_reports_the_charge(quotes_of):
    qs = quotes_of("Afghan officials accused the Taliban of plotting the attack on the school.")
    assert one(qs, "plotting the attack on the school").cue == "accused"


def test_a_pronoun_object_is_no_content(quotes_of):
    qs = quotes_of("Kenya announced it on Monday.", "The government denied it.")
    assert qs == []


def test_a_definite_role_noun_points_back_to_the_person(quotes_of):
    qs = quotes_of(
        "Secretary of State Marco Rubio told reporters on Friday that the talks had gone well.",
        "“We could spend more time on Asia if there were peace in Europe,” the top U.S. "
        "diplomat noted.",
    )
    assert one(qs, "spend more time on Asia").speaker.name == "Marco Rubio"


def test_a_definite_official_role_skips_a_private_speaker(quotes_of):
    qs = quotes_of(
        "Lt. Gen. Ahmed Sharif Chaudhry, the army spokesman, said all hostages were rescued.",
        '"We ran for our lives," said Allah Ditta, a passenger.',
        "The military spokesperson said the operation lasted almost 30 hours.",
    )
    assert one(qs, "the operation lasted almost 30 hours").speaker.name != "Allah Ditta"
