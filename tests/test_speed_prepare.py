"""The shortcuts of the preparation stage give what the full computation gives, on the
demo articles, the VOA dev stories and the held-out pages in eval/heldout*:

* language identification by the windowed automaton walk (tiegraph.ingest.language)
  equals py3langid's own byte-by-byte walk: same n-gram counts in the same order, same
  language and probability;
* script counts per distinct character equal the per-letter count (and order);
* `bound_text`'s fast path (every line short, every word short) returns only texts the
  word-by-word pass leaves untouched, and the pass still runs on texts it changes;
* `match_rule` with the word count taken once equals trying `ChromeRule.matches` in order.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier, visit_counts
from real_texts import demo_texts, heldout_pages, voa_texts

from tiegraph.ingest import clean
from tiegraph.ingest.bounds import bound_text
from tiegraph.ingest.language import load_identifier

ROOT = Path(__file__).resolve().parents[1]


def _stories() -> list[str]:
    return demo_texts() + voa_texts("dev") + heldout_pages()  # pages: scraped, with chrome


STORIES = _stories()
ODD = [
    "",
    "a",
    "ab",
    "Hello",
    "HELLO WORLD",
    "한국어 기사 본문입니다",
    "Ελληνικά",
    "123 456",
    "\x00\x01",
]


@pytest.fixture(scope="module")
def identifiers() -> tuple[LanguageIdentifier, LanguageIdentifier]:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True), load_identifier()


def test_windowed_language_identification_equals_py3langid(identifiers):
    reference, windowed = identifiers
    assert windowed.depth == 6
    assert len(STORIES) > 70
    for text in STORIES + ODD:
        data = windowed._encode(text[:20000])
        expected = visit_counts(
            reference.tk_nextmove, reference._rowbase, reference.tk_output, data
        )
        got = windowed.visits(data)
        assert got == expected and list(got or {}) == list(expected or {})
        assert windowed.classify(text[:20000]) == reference.classify(text[:20000])


def test_script_counts_equal_a_per_letter_count():
    for text in STORIES + ODD + ["English line\n한국어 광고 문구 Korean"]:
        counts: dict[str, int] = {}
        for ch in text:
            if (script := clean._script(ch)) is not None:
                counts[script] = counts.get(script, 0) + 1
        assert clean.script_counts(text) == counts
        assert list(clean.script_counts(text)) == list(counts)


def _bound_slow(text: str, max_words: int, max_token: int):
    """bound_text's word-by-word pass alone: the fast path disabled by a sentinel line."""
    long_line = " ".join(["w"] * (max_words + 1))
    result = bound_text(long_line + "\n" + text, max_words, max_token)
    prefix = " ".join(["w"] * max_words) + "\n\nw\n"  # the sentinel, split once
    assert result.text.startswith(prefix)
    return result.text[len(prefix) :], result.split_sentences - 1, result.removed_tokens


@pytest.mark.parametrize("max_words,max_token", [(250, 1000), (30, 12), (8, 6)])
def test_bound_text_fast_path_agrees_with_the_word_pass(max_words, max_token):
    changed = 0
    for text in STORIES:
        fast = bound_text(text, max_words, max_token)
        slow_text, slow_split, slow_removed = _bound_slow(text, max_words, max_token)
        assert (fast.text, fast.split_sentences, fast.removed_tokens) == (
            slow_text,
            slow_split,
            slow_removed,
        )
        changed += fast.text != text
    if max_words < 250:
        assert changed > 10  # the small caps do cut real text: the pass ran


def test_match_rule_equals_trying_every_rule_in_order():
    n = 0
    for text in STORIES:
        for line in clean.split_lines(text):
            for at_edge in (True, False):
                for extracted in (True, False):
                    expected = next(
                        (
                            r
                            for r in clean.chrome_rules()
                            if r.matches(line.text, at_edge, extracted)
                        ),
                        None,
                    )
                    if len(line.text) > clean.shape()["rule_max_chars"]:
                        expected = None
                    got = clean.match_rule(line.text, at_edge, extracted)
                    assert got == expected, line.text
                    n += got is not None
    assert n > 50


def test_foreign_script_test_of_ascii_lines_equals_the_letter_count():
    lines = [ln.text for text in STORIES for ln in clean.split_lines(text)]
    lines += ["", "12:30 | 4", "Share", "광고 문의", "Copyright © 2020 Yonhap"]
    assert sum(line.isascii() for line in lines) > 500
    for doc_script in ("LATIN", "HANGUL", "CJK", None):
        for line in lines:
            counts = clean.script_counts(line)
            letters = sum(counts.values())
            expected = (
                bool(letters)
                and doc_script is not None
                and (letters - counts.get(doc_script, 0)) / letters
                > clean.shape()["foreign_script_min_share"]
            )
            assert clean.is_foreign_script(line, doc_script) == expected, (line, doc_script)


def test_date_line_year_precheck_drops_only_lines_no_form_matches(monkeypatch):
    from tiegraph.ingest import metadata

    lines = [ln.text for text in STORIES for ln in clean.split_lines(text)]
    lines += ["Published: March 3, 2015", "2006년 2월 8일 (수)", "08/02/2006 10:00 EST"]
    fast = [metadata.parse_date_line(line) for line in lines]
    monkeypatch.setattr(metadata, "_ANY_YEAR", re.compile(""))  # every line goes on
    assert fast == [metadata.parse_date_line(line) for line in lines]
    assert sum(d is not None for d in fast) > 20
