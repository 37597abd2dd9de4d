"""Acronyms shared across countries resolve by context; IGO/NGO codes follow the
Phoenix/PLOVER conventions (docs/actors.md)."""

from __future__ import annotations

from tiegraph import resources
from tiegraph.resolve.phrase import resolve_items


def _codes(nlp, items: list[tuple[str, str]], date: str = "2016-03-14") -> list[str]:
    rows = resolve_items([{"text": t, "context": c, "date": date} for t, c in items], nlp)
    return [r["code"] for r in rows]


def test_a_shared_party_acronym_takes_the_country_named_next_to_it(nlp):
    assert _codes(
        nlp,
        [
            ("PRD", "The Mexican PRD protested."),
            ("PRD", "The Dominican PRD protested."),
            ("PPP", "Pakistan's PPP won in Sindh."),
            ("PPP", "South Korea's ruling PPP lost seats."),
        ],
    ) == ["MEXPTY", "DOMPTY", "PAKPTY", "KORPTY"]


def test_the_sentence_then_the_document_choose_when_nothing_is_adjacent(nlp):
    assert _codes(
        nlp,
        [
            ("PPP", "In Seoul, lawmakers of the PPP walked out."),
            ("PPP", "Karachi voted. Lahore voted. Islamabad voted. The PPP said it won."),
        ],
    ) == ["KORPTY", "PAKPTY"]


def test_international_ngos_keep_their_phoenix_code_and_national_societies_their_country(nlp):
    assert _codes(
        nlp,
        [
            ("Red Cross", "The Red Cross said."),
            ("ICRC", "The ICRC said."),
            ("MSF", "MSF said."),
            ("Amnesty International", "Amnesty International said."),
            ("American Red Cross", "The American Red Cross said."),
            ("Pakistan Red Crescent", "The Pakistan Red Crescent said."),
        ],
    ) == ["NGOHLHIRC", "NGOHLHIRC", "NGOHLHMSF", "NGOHRIAMN", "USANGO", "PAKNGO"]


def test_the_project_codes_agree_with_the_phoenix_international_file():
    phoenix = resources.data_path("phoenix/Phoenix.International.actors.txt").read_bytes()
    for name, code in [
        (b"INTERNATIONAL_COMMITTEE_OF_THE_RED_CROSS_", b"NGOHLHIRC"),
        (b"AMNESTY_INTERNATIONAL_", b"NGOHRIAMN"),
        (b"MEDECINS_SANS_FRONTIERES_", b"NGOHLHMSF"),
    ]:
        line = next(ln for ln in phoenix.splitlines() if ln.startswith(name))
        assert code in line
    orgs = {o["name"]: o for o in resources.load_yaml("actors.yaml")["organisations"]}
    assert orgs["International Committee of the Red Cross"]["code"] == "NGOHLHIRC"


def test_an_unknown_acronym_spelling_a_named_organisations_initials_is_that_organisation(nlp):
    from tiegraph.resolve.actors import resolve_actors

    doc = nlp(
        "Analysts at the ZPI disagreed. Researchers at the Zarnic Policy Institute said the "
        "plan would fail. The ZPI said it would publish; the ABC did not."
    )
    idx = resolve_actors(doc, nlp, "2025-03-14")
    zpi = [m for m in idx.mentions if m.span.text == "ZPI"]
    assert len(zpi) == 2  # before and after the full name
    assert {idx.actors[m.actor_id].name for m in zpi} == {"Zarnic Policy Institute"}
    assert not [m for m in idx.mentions if m.span.text == "ABC"]
