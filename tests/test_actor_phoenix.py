"""The vendored Phoenix dictionaries: parsing, dated codes, and their place under the
project's own data."""

from __future__ import annotations

from tiegraph.resolve import phoenix
from tiegraph.resolve.phrase import resolve_items

SAMPLE = """# comment
BAN_KI-MOON  # a comment
+SECRETARY-GENERAL_BAN_KI-MOON
\t[IGOUNO >070101]
\t[KORGOV 040117-061201]
BALOCH_LIBERATION_ARMY_(BLA)_ [PAKREB]
+BALUCHISTAN_LIBERATION_ARMY_
LONE_NAME_WITHOUT_CODE_
"""


def test_parse_synonyms_dates_and_parentheses():
    recs = phoenix.parse_actors(SAMPLE)
    assert [r.names for r in recs] == [
        ["ban ki-moon", "secretary-general ban ki-moon"],
        ["baloch liberation army", "baluchistan liberation army"],
    ]
    ban = recs[0]
    assert ban.code_on("2005-06-01") == "KORGOV"
    assert ban.code_on("2010-06-01") == "IGOUNO"
    assert recs[1].code_on(None) == "PAKREB" and not recs[1].dated


def test_two_digit_years_and_codes():
    assert phoenix._iso("320101") == "1932-01-01"
    assert phoenix._iso("140130") == "2014-01-30"
    assert phoenix.split_code("NGOUSAHRI") == ("USA", "NGO")
    assert phoenix.split_code("IGOUNODEVWBK") == (None, "IGO")
    assert phoenix.split_code("MNCUSA") == ("USA", "BUS")
    assert phoenix.split_code("TURGOVBUS") == ("TUR", "GOV")


def test_vendored_files_parse_latin1_and_all():
    recs = phoenix.records()
    assert len(recs) > 25000
    assert {r.source for r in recs} == set(phoenix.ACTOR_FILES)
    assert "years later" in phoenix.discards()
    assert phoenix.agents()["police"] == "COP"


def _code(nlp, text, context=None, date="2012-06-01"):
    return resolve_items([{"text": text, "context": context or text, "date": date}], nlp)[0]


def test_phoenix_names_resolve_and_are_dated(nlp):
    r = _code(nlp, "the Baloch Liberation Army", "Attacks by the Baloch Liberation Army rose.")
    assert (r["country"], r["sector"]) == ("PAK", "REB")
    r = _code(nlp, "Amnesty International", "Amnesty International said the trial was unfair.")
    assert r["sector"] == "NGO" and r["code"].startswith("NGO")
    early = _code(nlp, "Ban Ki-moon", "Ban Ki-moon met reporters.", "2005-06-01")
    late = _code(nlp, "Ban Ki-moon", "Ban Ki-moon met reporters.", "2010-06-01")
    assert early["code"] == "KORGOV" and late["code"] == "IGO"


def test_project_data_wins_and_common_words_are_not_names(nlp):
    r = _code(nlp, "NATO", "NATO said it would respond.")
    assert r["code"] == "IGONATO"  # actors.yaml, not Phoenix's reading
    r = _code(nlp, "years later", "Years later, the talks resumed.")
    assert r["code"] is None
