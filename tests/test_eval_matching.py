"""The real-news matching rules of shared/eval/FORMAT.md: multi-actor events, group
codes, "" for no country, aliases as alternatives, one match per occurrence, and
precision reported only where a gold file marks its section exhaustive."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_foundation_eval import _event, _gold, _record

from tiegraph.eval.gold import GoldError, load_gold
from tiegraph.eval.matchers import code_matches
from tiegraph.eval.scorer import format_table, score_document


def _ref(country, code=None):
    return {"country": country, "code": code or country}


def test_code_matching_rules():
    assert code_matches("IGO", None, "IGOUNO")
    assert code_matches("NGO", None, "NGOAMN")
    assert not code_matches("IGO", "USA", "USAGOV")
    assert code_matches("IGOUNO", None, "IGOUNO")
    assert not code_matches("IGOUNO", None, "IGONATO")  # a longer gold code is exact
    assert code_matches("", None, "GOV")  # "" = stated actor with no country
    assert not code_matches("", "USA", "USAGOV")
    assert code_matches("USA", "USA", "USAGOV")
    assert not code_matches("USA", "GBR", "GBRGOV")


def test_event_with_several_sources_matched_once():
    # "Britain and France urged Russia": one gold row, one system event with a source list
    g = {"source": "GBR", "also_sources": ["FRA"], "target": "RUS", "type": ["REQUEST"]}
    e = _event("FRA", "RUS", "REQUEST", "2025")
    s, _ = score_document(_gold(events=[g]), _record(events=[e]))
    assert s["events"].tp == 1  # FRA is an acceptable source
    e2 = dict(_event("DEU", "RUS", "REQUEST", "2025"), also_sources=[_ref("GBR")])
    s, _ = score_document(_gold(events=[g]), _record(events=[e2]))
    assert s["events"].tp == 1  # one of the system's sources is GBR


def test_dyad_rows_of_one_occurrence_count_once():
    rows = [
        dict(_event("GBR", "RUS", "REQUEST", "2025"), occurrence_id="o1"),
        dict(_event("FRA", "RUS", "REQUEST", "2025"), occurrence_id="o1"),
        dict(_event("DEU", "RUS", "REQUEST", "2025"), occurrence_id="o1"),
    ]
    g = {"source": "GBR", "also_sources": ["FRA", "DEU"], "target": "RUS", "type": ["REQUEST"]}
    s, _ = score_document(_gold(events=[g], exhaustive=["events"]), _record(events=rows))
    assert (s["events"].tp, s["events"].fp, s["events"].fn) == (1, 0, 0)
    s, _ = score_document(_gold(events=[], exhaustive=["events"]), _record(events=rows))
    assert s["events"].fp == 1  # an unmatched occurrence is one false positive


def test_planned_and_negated_events_never_count_against_precision():
    rows = [
        dict(_event("USA", "IRN", "CONSULT", "2025"), modality="future"),
        _event("USA", "IRN", "CONSULT", "2025", polarity="negated"),
        _event("USA", "IRN", "ACCUSE", "2025"),
    ]
    s, _ = score_document(_gold(events=[], exhaustive=["events"]), _record(events=rows))
    assert s["events"].fp == 1


def test_actor_aliases_are_alternatives_and_empty_country():
    actor = {
        "actor_id": "a1",
        "name": "al-Sudani",
        "aliases": [],
        "country": "IRQ",
        "sector": "GOV",
    }
    g = {"name": "Mohammed Shia al-Sudani", "aliases": ["al-Sudani"], "country": "IRQ"}
    s, _ = score_document(_gold(actors=[g]), _record(actors=[actor]))
    assert s["actors"].tp == 1
    stateless = {"actor_id": "a2", "name": "Islamic State", "country": None, "code": "IMG"}
    s, _ = score_document(
        _gold(actors=[{"name": "Islamic State", "country": ""}]), _record(actors=[stateless])
    )
    assert s["actors"].tp == 1


def test_quote_speaker_alternatives_and_group_country():
    q = {
        "text": "the ceasefire must hold",
        "kind": "indirect",
        "speaker": {"name": "UN chief", "country": None, "code": "IGOUNO"},
    }
    g = {"speaker": ["Antonio Guterres", "UN chief"], "speaker_country": "IGO"}
    s, _ = score_document(_gold(quotes=[g]), _record(quotes=[q]))
    assert s["quotes"].tp == 1
    s, _ = score_document(_gold(quotes=[dict(g, speaker_country="USA")]), _record(quotes=[q]))
    assert s["quotes"].tp == 0


def test_precision_reported_as_unmeasured_without_exhaustive_gold():
    e = _event("USA", "IRN", "ACCUSE", "2025")
    s, _ = score_document(_gold(events=[]), _record(events=[e]))
    assert s["events"].to_dict()["precision_measured"] is False
    result = {
        "documents": 1,
        "sections": {"events": s["events"].to_dict()},
        "_verbose": {},
    }
    assert "n/a" in format_table(result)
    s, _ = score_document(_gold(events=[], exhaustive=["events"]), _record(events=[e]))
    assert s["events"].to_dict()["precision_measured"] is True


def test_verbose_names_the_sentence_of_misses_and_false_positives():
    g = {"source": "PRK", "target": "KOR", "type": ["ASSAULT"], "sentence_contains": "invaded"}
    fp = _event("USA", "KOR", "AID", "1950")
    s, details = score_document(_gold(events=[g], exhaustive=["events"]), _record(events=[fp]))
    result = {"documents": 1, "sections": {}, "_verbose": {"x.txt": details}}
    text = format_table(result, verbose=True)
    assert "MISS" in text and "in: Alpha. North Korean forces invaded South Korea" in text
    assert "FP" in text and '"AID"' in text


def test_exhaustive_must_name_known_sections(tmp_path: Path):
    (tmp_path / "g.json").write_text('{"doc": "a.txt", "exhaustive": ["event"]}')
    with pytest.raises(GoldError, match="unknown section"):
        load_gold(tmp_path / "g.json")


def test_gold_folder_skips_its_corpus(tmp_path: Path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.jsonl").write_text('{"text": "x"}\n')
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "a.json").write_text('{"doc": "a.jsonl", "corpus_dir": "../corpus"}')
    assert [g.name for g in load_gold(tmp_path)] == ["a.jsonl"]
