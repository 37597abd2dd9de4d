"""Event participants read against the whole document (tiegraph/extract/events/antecedents.py):
pronouns the resolver left unlinked take the person the article named earlier, with the
quote side's window and gender/clause guards. Passages are whole VOA dev stories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tiegraph.extract.context import DocContext
from tiegraph.extract.events import antecedents
from tiegraph.ingest.readers import RawInput
from tiegraph.model import Document
from tiegraph.nlp.syntax import seed_doc_text
from tiegraph.pipeline import extract_record, prepare
from tiegraph.resolve.actors import resolve_actors

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "eval" / "voa" / "corpus"


def _document(story: str) -> Document:
    dev = set(json.loads((ROOT / "eval" / "voa" / "split.json").read_text())["dev"])
    assert story in dev  # never a gold story
    with open(CORPUS / f"{story}.jsonl", encoding="utf-8") as fh:
        st = json.loads(fh.readline())
    doc = prepare(RawInput(f"voa-{story}", st["text"], {"published": st["published"][:10]}))
    assert isinstance(doc, Document)
    return doc


@pytest.fixture(scope="module")
def contexts(nlp):
    out = {}
    for story in ("6206085", "6184244", "8008126", "6205696"):
        doc = _document(story)
        sdoc = nlp(doc.text)
        seed_doc_text(sdoc, doc.text)
        index = resolve_actors(sdoc, nlp, doc.anchor_date)
        out[story] = DocContext(sdoc, doc, doc.anchor_date, "day", index)
    return out


def _token(ctx: DocContext, before: str, word: str):
    """The first `word` token after the text `before` (a phrase of the story)."""
    at = ctx.doc.text.index(before)
    return next(t for t in ctx.doc if t.idx >= at and t.text == word)


def test_object_pronoun_takes_the_person_named_earlier(contexts) -> None:
    ctx = contexts["6206085"]
    him = _token(ctx, "some have called on him", "him")
    assert him.i not in ctx.actors.token_actor  # the resolver links subjects only
    a = antecedents.person_antecedent(ctx, him)
    assert a is not None and a.name == "Lulzim Basha" and a.country == "ALB"


def test_object_pronoun_never_means_its_own_clauses_subject(contexts) -> None:
    # "Trump praised his first summit with ... Kim Jong Un, described his relationship with him"
    ctx = contexts["6184244"]
    a = antecedents.person_antecedent(ctx, _token(ctx, "his relationship with him", "him"))
    assert a is not None and a.country == "PRK"


def test_pronoun_of_the_other_gender_in_between_blocks_the_guess(contexts) -> None:
    # "... prosecutor Jacob Gutwillig said ... Mehdiyev said he observed Alinejad ...
    # He tracked when she watered her flowers": she is not Gutwillig
    ctx = contexts["8008126"]
    she = _token(ctx, "He tracked when she watered", "she")
    assert antecedents.person_antecedent(ctx, she) is None


def test_subject_pronoun_beyond_the_resolvers_two_sentences_codes_the_event(contexts, nlp) -> None:
    # 'Orban said at one summit. "Shared distribution, not. ..." He rejected the idea ...'
    ctx = contexts["6205696"]
    he = _token(ctx, "He rejected the idea", "He")
    assert he.i not in ctx.actors.token_actor
    a = antecedents.person_antecedent(ctx, he)
    assert a is not None and a.name == "Viktor Orban"
    doc = _document("6205696")
    events = extract_record(doc, nlp(doc.text), nlp).events
    assert any(
        e.type == "REJECT"
        and e.source
        and e.source.country == "HUN"
        and "He rejected" in e.evidence.text
        for e in events
    )


def test_bare_surname_needs_one_person_of_that_name(contexts) -> None:
    # the story names Sali, Liri and Shkelzen Berisha: a later "Berisha" alone is
    # ambiguous (no guess), while "Bugajski" has one earlier full mention
    ctx = contexts["6206085"]
    shkelzen = _token(ctx, "Shkëlzen Berisha", "Berisha")
    later = [t for t in ctx.doc if t.text == "Berisha" and t.i > shkelzen.i]
    assert later and all(antecedents.surname_antecedent(ctx, t) is None for t in later)
    full = _token(ctx, "Janusz Bugajski", "Bugajski")
    bare = [t for t in ctx.doc if t.text == "Bugajski" and t.i > full.i]
    assert bare
    for t in bare:
        a = antecedents.surname_antecedent(ctx, t)
        assert a is not None and a.name == "Janusz Bugajski"
