"""Duplicates: exact and near copies are recorded with duplicate_of, the same document is not."""

from __future__ import annotations

from ingest_builders import article_text

from tiegraph.ingest.dedup import Deduper, shingles
from tiegraph.ingest.readers import RawInput
from tiegraph.pipeline import doc_id_for, mark_duplicate, prepare

LONG = (
    "Envoys from Kenya and Ethiopia met in Nairobi on Friday to discuss water rights on the "
    "river, which both countries depend on for farming and power. The talks followed months of "
    "tension over a new dam upstream. Officials said they agreed to share hydrological data every "
    "week and to meet again in Addis Ababa next month. Farmers downstream have complained that "
    "the reservoir reduced the flow during the dry season, and aid groups warned of food shortages "
    "if the dispute drags on. A regional bloc offered to mediate if the two sides cannot agree."
)


def check(d: Deduper, doc_id: str, text: str, source: str = "") -> str | None:
    return d.check(doc_id, doc_id_for(text), text, source)


def test_exact_and_near_copies_point_at_the_first():
    d = Deduper()
    assert check(d, "a", LONG) is None
    assert check(d, "b", LONG.upper().replace(" ", "  ")) == "a"  # same normalised text
    near = LONG.replace("Friday", "Saturday") + " Copyright Wire Service."
    assert check(d, "c", near) == "a"
    assert check(d, "c2", near) == "a"  # an exact copy of a near copy points at the root
    other = LONG.replace("Kenya", "Chad").split(". ")
    assert check(d, "e", ". ".join(reversed(other))) is None  # same words, other text
    assert len(d) == 3


def test_short_texts_are_only_exact_duplicates():
    d = Deduper()
    assert check(d, "a", "Oslo and Lima signed a treaty on fisheries today.") is None
    assert check(d, "b", "Oslo and Lima signed a treaty on forestry today.") is None
    assert check(d, "c", "Oslo and Lima signed a treaty on fisheries today.") == "a"
    assert len(shingles("one two three four five six")) == 2


def doc(text: str, source: str, **meta):
    return prepare(RawInput(source, text=text, meta=meta))


def test_mark_duplicate_gives_an_exact_copy_its_own_stable_id():
    d = Deduper()
    first, copy, again = doc(LONG, "a.txt"), doc(LONG, "b.txt"), doc(LONG, "a.txt")
    for x in (first, copy, again):
        mark_duplicate(x, d)
    assert first.duplicate_of is None
    assert copy.duplicate_of == first.doc_id and copy.doc_id != first.doc_id
    assert again.duplicate_of is None and again.doc_id == first.doc_id  # the same input twice
    d2 = Deduper()
    first2, copy2 = doc(LONG, "a.txt"), doc(LONG, "b.txt")
    mark_duplicate(first2, d2)
    mark_duplicate(copy2, d2)
    assert copy2.doc_id == copy.doc_id  # re-runs agree


def test_near_copy_keeps_its_own_id_and_store_seeding_is_idempotent():
    stored = doc(LONG, "old.txt")
    d = Deduper()
    assert d.seed([(stored.doc_id, doc_id_for(stored.text), stored.text, "old.txt")]) == 1
    same = doc(LONG, "old.txt")  # the stored document, met again
    mark_duplicate(same, d)
    assert same.duplicate_of is None and same.doc_id == stored.doc_id
    moved = doc(LONG, "elsewhere/old.txt")  # a copy of it at another place
    mark_duplicate(moved, d)
    assert moved.duplicate_of == stored.doc_id and moved.doc_id != stored.doc_id
    near = doc(LONG.replace("Friday", "Sunday"), "wire.txt")
    mark_duplicate(near, d)
    assert near.duplicate_of == stored.doc_id and near.doc_id == doc_id_for(near.text)


def test_different_articles_are_not_duplicates():
    d = Deduper()
    a, b = doc(article_text(4), "a.txt"), doc(LONG, "b.txt")
    mark_duplicate(a, d)
    mark_duplicate(b, d)
    assert a.duplicate_of is None and b.duplicate_of is None
