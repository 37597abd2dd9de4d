"""officeholders.yaml: dated holders of each office, merged into the dictionary people."""

from __future__ import annotations

from tiegraph import resources
from tiegraph.resolve.phrase import resolve_items


def _offices() -> list[dict]:
    return resources.load_yaml("officeholders.yaml")["offices"]


def test_no_two_holders_of_one_office_overlap():
    for office in _offices():
        spans = sorted((h["from"], h["to"] or "9999-12-31", h["name"]) for h in office["holders"])
        for (a_from, a_to, a), (b_from, _b_to, b) in zip(spans, spans[1:]):
            assert a_to <= b_from, f"{office['office']}: {a} ({a_from}..{a_to}) overlaps {b}"
        assert all(h.get("source") for h in office["holders"]), office["office"]


def test_holders_resolve_by_the_article_date(nlp):
    rows = resolve_items(
        [
            {"text": "Shehbaz Sharif", "context": "Shehbaz Sharif spoke.", "date": "2024-06-30"},
            {
                "text": "Starmer",
                "context": "Keir Starmer met Starmer's cabinet.",
                "date": "2025-03-10",
            },
            {"text": "Boris Pistorius", "context": "Boris Pistorius spoke.", "date": "2024-01-01"},
        ],
        nlp,
    )
    assert [r["code"] for r in rows] == ["PAKGOV", "GBRGOV", "DEUGOV"]


G20 = {"ARG", "AUS", "BRA", "CAN", "CHN", "DEU", "FRA", "GBR", "IDN", "IND", "ITA", "JPN",
       "KOR", "MEX", "RUS", "SAU", "TUR", "USA", "ZAF"}  # fmt: skip


def test_every_g20_state_has_a_dated_head_and_the_eu_its_offices():
    offices = _offices()
    covered = {o["country"] for o in offices if o["country"]}
    assert G20 <= covered, sorted(G20 - covered)
    eu = [o["office"] for o in offices if o["country"] is None]
    assert "President of the European Commission" in eu
    for o in [o for o in offices if o["country"] in G20]:  # G20 lists reach back to 2015
        assert min(h["from"] for h in o["holders"]) <= "2016-12-31", o["office"]


def test_plain_ascii_spelling_and_dates_choose_the_office(nlp):
    rows = resolve_items(
        [
            {
                "text": "Mevlut Cavusoglu",
                "context": "Mevlut Cavusoglu spoke.",
                "date": "2020-02-01",
            },
            {"text": "Li Shangfu", "context": "Li Shangfu spoke.", "date": "2023-06-01"},
            {
                "text": "Ursula von der Leyen",
                "context": "Ursula von der Leyen spoke.",
                "date": "2023-06-01",
            },
            {
                "text": "Ursula von der Leyen",
                "context": "Ursula von der Leyen spoke.",
                "date": "2017-06-01",
            },
        ],
        nlp,
    )
    assert [r["code"] for r in rows] == ["TURGOV", "CHNGOV", "IGO", "DEUGOV"]
