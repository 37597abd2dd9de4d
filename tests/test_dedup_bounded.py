"""The duplicate index lives in SQLite: near copies are found past its memory, which stays bounded."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from tiegraph.ingest.dedup import Deduper
from tiegraph.pipeline import doc_id_for

ROOT = Path(__file__).resolve().parents[1]
FIRST = (
    "Envoys from Kenya and Ethiopia met in Nairobi on Friday to discuss water rights on the "
    "river, which both countries depend on for farming and power. The talks followed months of "
    "tension over a new dam upstream. Officials said they agreed to share hydrological data every "
    "week and to meet again in Addis Ababa next month. Farmers downstream have complained that "
    "the reservoir reduced the flow during the dry season."
)


def demo_texts(n: int) -> list[str]:
    """n distinct texts of three real demo-corpus sentences each (no two near copies)."""
    sents: list[str] = []
    for path in sorted((ROOT / "demo" / "corpus").glob("*.txt")):
        for para in path.read_text(encoding="utf-8").split("\n\n")[2:]:
            sents += [s for s in re.split(r"(?<=[.!?])\s+", para) if len(s.split()) >= 10]
    triples = itertools.combinations(sorted(set(sents)), 3)
    return [" ".join(t) for t in itertools.islice(triples, 0, n * 97, 97)][:n]


def check(d: Deduper, doc_id: str, text: str) -> str | None:
    return d.check(doc_id, doc_id_for(text), text, "src")


def python_entries(d: Deduper) -> int:
    """Entries in every container the deduper holds in Python memory."""
    return sum(len(v) for v in vars(d).values() if isinstance(v, (dict, set, list)))


def test_near_copy_is_found_after_the_index_outgrows_its_memory_cache():
    d = Deduper(cache_kib=64)
    assert check(d, "first", FIRST) is None
    for k, text in enumerate(demo_texts(400)):
        check(d, f"d{k}", text)
    assert d.pages() > 4 * d.cache_pages()  # most of the index is only in the file now
    near = FIRST.replace("Friday", "Saturday") + " Copyright Wire Service."
    assert check(d, "copy", near) == "first"
    assert check(d, "again", near) == "first"  # its exact copy, through the text-hash table
    assert check(d, "new", demo_texts(401)[-1]) is None


def test_memory_structures_do_not_grow_with_documents():
    d = Deduper()
    texts = demo_texts(600)
    for k, text in enumerate(texts[:20]):
        check(d, f"d{k}", text)
    entries, pages, cache = python_entries(d), d.pages(), d.cache_pages()
    for k, text in enumerate(texts[20:], start=20):
        check(d, f"d{k}", text)
    assert len(d) == 600 and d.pages() > pages  # all remembered, in the file
    assert python_entries(d) == entries and d.cache_pages() == cache


def test_an_index_file_is_kept_and_reopened(tmp_path):
    path = str(tmp_path / "dedup.sqlite")
    with Deduper(path=path) as d:
        assert check(d, "first", FIRST) is None
    with Deduper(path=path) as d:
        assert d.origin("first") == "src" and d.text_hash("first") == doc_id_for(FIRST)
        assert check(d, "copy", FIRST.replace("Friday", "Monday")) == "first"
