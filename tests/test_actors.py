"""Actor resolution: states, capitals, sectors, people, IGOs, compound actors, phrases."""

from __future__ import annotations

import json

import pytest

from tiegraph import resources
from tiegraph.resolve import gazetteer as gz
from tiegraph.resolve import roles
from tiegraph.resolve.actors import ActorIndex, resolve_actors
from tiegraph.resolve.phrase import resolve_phrases


def resolve(nlp, text: str, date: str | None = "2024-05-01"):
    doc = nlp(text)
    return doc, resolve_actors(doc, nlp, date)


def states(idx: ActorIndex) -> set[str]:
    """Countries that are mentioned as states (not just as a person's nationality)."""
    return {
        idx.actors[m.actor_id].country
        for m in idx.mentions
        if idx.actors[m.actor_id].kind == "state"
    }


def mention_of(idx: ActorIndex, surface: str):
    for m in idx.mentions:
        if m.span.text == surface:
            return m, idx.actors[m.actor_id]
    return None, None


def person(idx: ActorIndex, name: str):
    return next((a for a in idx.actors.values() if a.kind == "person" and a.name == name), None)


# -- countries -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Officials from the Republic of Korea arrived on Monday.", "KOR"),
        ("The ROK delegation left early.", "KOR"),
        ("The DPRK fired two missiles.", "PRK"),
        ("A Saudi envoy visited the region.", "SAU"),
        ("Great Britain recalled its ambassador.", "GBR"),
        ("The Republic of China held elections.", "TWN"),
        ("The People's Republic of China protested the sale.", "CHN"),
    ],
)
def test_country_names_short_names_and_demonyms(nlp, text, country):
    _, idx = resolve(nlp, text)
    assert country in states(idx)


def test_the_two_koreas_are_kept_apart(nlp):
    _, idx = resolve(nlp, "South Korea urged North Korea to return to talks.")
    _, south = mention_of(idx, "South Korea")
    _, north = mention_of(idx, "North Korea")
    assert (south.country, north.country) == ("KOR", "PRK")


def test_demonym_with_a_role_noun_is_a_coded_group(nlp):
    doc, idx = resolve(nlp, "An American destroyer sailed through the strait.")
    ship = next(t for t in doc if t.text == "destroyer")
    (a,) = idx.actors_under(ship)
    assert (a.kind, a.code) == ("group", "USAMIL")


def test_soviet_union_is_rus_named_by_the_article_date(nlp):
    _, old = resolve(nlp, "Moscow rejected the proposal.", date="1962-10-20")
    _, new = resolve(nlp, "Moscow rejected the proposal.", date="2015-03-01")
    _, a = mention_of(old, "Moscow")
    _, b = mention_of(new, "Moscow")
    assert (a.code, a.name) == ("RUS", "Soviet Union")
    assert (b.code, b.name) == ("RUS", "Russia")


def test_short_name_needs_the_full_name_in_the_document(nlp):
    _, with_full = resolve(nlp, "North Korea tested a rocket. The North said it was a satellite.")
    _, alone = resolve(nlp, "The North said it would win the election in Ohio.")
    m, a = mention_of(with_full, "The North")
    assert m is not None and a.country == "PRK"
    assert "PRK" not in states(alone)


# -- capitals ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        ("Seoul is exploring a larger trade deal with Canberra.", "Seoul", "KOR"),
        ("Beijing, like Seoul, is investing in chip factories.", "Beijing", "CHN"),
        ("Beijing, like Seoul, is investing in chip factories.", "Seoul", "KOR"),
        ("Tokyo wants to deepen its relationship with Washington.", "Washington", "USA"),
        ("The talks stalled because Pyongyang refused to attend.", "Pyongyang", "PRK"),
    ],
)
def test_capital_acting_is_its_government(nlp, text, surface, country):
    _, idx = resolve(nlp, text)
    m, a = mention_of(idx, surface)
    assert m is not None and m.via == "metonym" and a.country == country


@pytest.mark.parametrize(
    "text",
    [
        "A conference on urban design opened in Seoul on Monday.",
        "The delegates stayed at the Grand Hyatt Seoul for two nights.",
        "Seoul Mayor Park Jin-ho opened the new library.",
        "The minister returned to Seoul after the summit.",
    ],
)
def test_capital_as_a_place_is_not_a_state_mention(nlp, text):
    _, idx = resolve(nlp, text)
    assert "KOR" not in states(idx)


def test_officials_in_a_capital_are_its_government(nlp):
    doc, idx = resolve(nlp, "Officials in Seoul said the office could reopen within months.")
    officials = next(t for t in doc if t.text == "Officials")
    (a,) = idx.actors_under(officials)
    assert a.code == "KORGOV"


# -- sectors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("soldiers", "MIL"),
        ("Seoul metropolitan police", "KORCOP"),
        ("Director of Central Intelligence", "USASPY"),
        ("retired vice president", "ELI"),
        ("visiting professor at Stanford University", "USAEDU"),
        ("an American destroyer", "USAMIL"),
        ("Armenian Prime Minister", "ARMGOV"),
        ("NATO", "IGONATO"),
    ],
)
def test_phrase_codes(nlp, phrase, code):
    (row,) = resolve_phrases([phrase], nlp=nlp)
    assert row["code"] == code


def test_agents_file_codes_are_folded_into_project_sectors():
    # the Parus agents file codes journalists JRN; the project's sectors say MED
    assert roles.sector_of(["columnist"])[0] == "MED"
    assert roles.role_sector(["former", "prime", "minister"]) == "ELI"
    assert roles.role_sector(["Monday"]) is None  # weekday rows name no actor


# -- people --------------------------------------------------------------------------


def test_title_gives_country_sector_and_role(nlp):
    _, idx = resolve(
        nlp, "South Korean Prime Minister Han Tae-joon met reporters on Friday.", "2031-01-01"
    )
    p = person(idx, "Han Tae-joon")
    assert (p.country, p.sector) == ("KOR", "GOV")
    assert "Prime Minister" in p.role
    assert "KOR" not in states(idx)  # the demonym belongs to the title, not to a state mention


def test_appositive_role_uses_the_role_nouns_modifier_not_a_place(nlp):
    _, idx = resolve(
        nlp,
        "Margaret Hale, chair of the Korea Society and a former U.S. ambassador to Korea, "
        "said the talks would resume.",
    )
    p = person(idx, "Margaret Hale")
    assert p.country == "USA"
    assert "former U.S. ambassador" in p.role


def test_role_before_the_name(nlp):
    _, idx = resolve(nlp, "North Korea's foreign minister, Choe Mun-sik, rejected the offer.")
    p = person(idx, "Choe Mun-sik")
    assert (p.country, p.sector) == ("PRK", "GOV")


def test_spokesperson_takes_the_sector_of_the_institution(nlp):
    _, idx = resolve(
        nlp,
        "Jang Min-ho, a spokesperson for South Korea's Joint Chiefs of Staff, said the "
        "launch was detected at dawn.",
    )
    p = person(idx, "Jang Min-ho")
    assert p.code == "KORMIL"


def test_institution_location_gives_the_country(nlp):
    _, idx = resolve(
        nlp,
        "Alma Reyes, a researcher at the Lakeside Institute for Strategy in Boston, said the "
        "deal was fragile.",
    )
    p = person(idx, "Alma Reyes")
    assert p.code == "USAEDU"


def test_now_marks_the_current_role(nlp):
    _, idx = resolve(
        nlp,
        "Jordan Pike, a retired Army colonel who is now a senior fellow at the Lakeside "
        "Institute, said the plan was sound.",
    )
    assert person(idx, "Jordan Pike").sector == "EDU"


def test_former_president_is_an_elite(nlp):
    _, idx = resolve(nlp, "Former President Jimmy Carter flew to Pyongyang.", "1994-06-15")
    p = person(idx, "Jimmy Carter")
    assert (p.country, p.sector) == ("USA", "ELI")


@pytest.mark.parametrize(
    ("date", "name"), [("1990-06-01", "George H. W. Bush"), ("2003-06-01", "George W. Bush")]
)
def test_titled_surname_is_dated_by_the_article(nlp, date, name):
    _, idx = resolve(nlp, "President Bush spoke to reporters in the Rose Garden.", date)
    m, a = mention_of(idx, "Bush")
    assert a is not None and (a.name, a.code) == (name, "USAGOV")


def test_dictionary_name_without_title(nlp):
    _, idx = resolve(nlp, "Kim Jong-un inspected a missile factory.", "2019-02-01")
    p = person(idx, "Kim Jong-un")
    assert (p.code, p.role) == ("PRKGOV", "Leader of North Korea")


def test_people_dictionary_is_user_extendable(nlp, tmp_path, monkeypatch):
    (tmp_path / "people.yaml").write_text(
        "people:\n"
        "  - name: Ilsa Marrow\n"
        "    terms: [{role: Foreign Minister of Iceland, country: ISL, sector: GOV,"
        ' from: "2030-01-01", to: null}]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv(resources.USER_DATA_ENV, str(tmp_path))
    resources.load_yaml.cache_clear()
    gz._gazetteer_for.cache_clear()
    try:
        _, idx = resolve(nlp, "Ilsa Marrow arrived in Oslo for the meeting.", "2031-03-01")
        p = person(idx, "Ilsa Marrow")
        assert p is not None and p.code == "ISLGOV"
    finally:
        monkeypatch.delenv(resources.USER_DATA_ENV)
        resources.load_yaml.cache_clear()
        gz._gazetteer_for.cache_clear()


def test_person_term_picks_the_office_held_on_the_date():
    info = gz.PersonInfo(
        "A",
        [],
        [
            {"role": "minister", "sector": "GOV", "from": "2001", "to": "2004-06-30"},
            {"role": "envoy", "sector": "GOV", "from": "2004-07-01", "to": None},
        ],
    )
    assert gz.person_term(info, "2003-02-01")["role"] == "minister"
    assert gz.person_term(info, "2010")["role"] == "envoy"


# -- organisations, IGOs, compound actors, non-actors ------------------------------------


def test_igos_have_their_own_codes(nlp):
    _, idx = resolve(nlp, "NATO and ECOWAS welcomed the vote in the UN Security Council.")
    codes = {a.code for a in idx.actors.values() if a.kind == "igo"}
    assert {"IGONATO", "IGOECOWAS", "IGOUNO"} <= codes


def test_compound_actor_gives_both_groups(nlp):
    doc, idx = resolve(nlp, "Hungarian and Romanian officials met in Vienna on Tuesday.")
    officials = next(t for t in doc if t.text == "officials")
    assert {a.code for a in idx.actors_under(officials)} == {"HUNGOV", "ROUGOV"}


@pytest.mark.parametrize(
    "text",
    [
        "The Korea Society hosted a dinner for business leaders.",
        "Veterans of the Korean War gathered for a memorial.",
        "Tensions on the Korean Peninsula eased last year.",
    ],
)
def test_names_that_are_not_the_state(nlp, text):
    _, idx = resolve(nlp, text)
    assert "KOR" not in states(idx)


def test_korea_society_is_an_american_ngo(nlp):
    _, idx = resolve(nlp, "The Korea Society hosted a dinner for business leaders.")
    org = next(a for a in idx.actors.values() if a.name == "Korea Society")
    assert org.code == "USANGO"


# -- phrases in batch, and the CLI -----------------------------------------------------


def test_thousand_phrases_in_one_call_load_the_model_once(nlp, monkeypatch):
    import spacy

    from tiegraph.nlp.pipeline import load_nlp

    def no_reload(*a, **k):
        raise AssertionError("the model was loaded again")

    monkeypatch.setattr(spacy, "load", no_reload)
    misses = load_nlp.cache_info().misses
    base = ["an American destroyer", "Seoul metropolitan police", "Saudi officials", "NATO"]
    phrases = [base[i % len(base)] for i in range(1000)]
    rows = resolve_phrases(phrases)
    assert len(rows) == 1000
    assert load_nlp.cache_info().misses == misses
    assert [r["code"] for r in rows[:4]] == ["USAMIL", "KORCOP", "SAUGOV", "IGONATO"]


def test_phrase_read_in_its_context(nlp):
    (acting,) = resolve_phrases(["Seoul"], context="Seoul is exploring new markets.", nlp=nlp)
    (place,) = resolve_phrases(["Seoul"], context="A fair was held in Seoul.", nlp=nlp)
    assert acting["code"] == "KOR"
    assert place["code"] is None


def test_cli_actor_file_prints_jsonl(tmp_path, capsys):
    from tiegraph.interfaces.cli import main

    f = tmp_path / "phrases.txt"
    f.write_text("Saudi officials\n\nan American destroyer\n", encoding="utf-8")
    assert main(["actor", "--file", str(f)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["code"] for r in rows] == ["SAUGOV", "USAMIL"]


# -- tokenizer repair ------------------------------------------------------------------


def test_hyphenated_given_names_are_merged_but_compounds_are_not(nlp):
    assert "Myung-sik" in [t.text for t in nlp("Kang Myung-sik said so.")]
    assert "Jung-Il" in [t.text for t in nlp("Kim Jung-Il said so.")]
    assert "Korea-China" not in [t.text for t in nlp("North Korea-China trade grew.")]


# -- round 2: tokenizer, ambiguity, where institutions and people are -------------------


def test_dotted_abbreviation_joined_by_a_dash_names_both_states(nlp):
    doc, idx = resolve(nlp, "The U.S.-Japan talks and the U.S.–ROK drills went ahead.")
    assert [t.text for t in doc][1:4] == ["U.S.", "-", "Japan"]
    assert {"USA", "JPN", "KOR"} <= states(idx)


def test_short_name_inside_a_longer_demonym_is_no_short_name(nlp):
    doc, idx = resolve(nlp, "North Korea protested through the North Korean consulate in Shenyang.")
    consulate = next(t for t in doc if t.text == "consulate")
    assert [a.code for a in idx.actors_under(consulate)] == ["PRKGOV"]
    assert "KOR" not in states(idx)


def test_short_name_is_licensed_by_the_other_korea(nlp):
    _, idx = resolve(nlp, "South Korea offered talks, but the North did not answer.")
    m, a = mention_of(idx, "the North")
    assert m is not None and a.country == "PRK"


@pytest.mark.parametrize(
    ("text", "expect_state"),
    [
        ("Russian tanks rolled into Georgia, and Georgian troops fell back toward Tbilisi.", True),
        ("Agents raided a battery plant in Georgia, U.S. officials said.", False),
    ],
)
def test_georgia_is_the_state_only_when_the_text_says_so(nlp, text, expect_state):
    _, idx = resolve(nlp, text)
    assert ("GEO" in states(idx)) is expect_state


def test_institution_seat_then_later_bare_mention(nlp):
    doc, idx = resolve(
        nlp,
        "The Russian envoy was summoned by the Foreign Ministry in Tokyo on Friday. "
        '"We protest," a Foreign Ministry spokesman, Hiroshi Tanabe, said.',
    )
    codes = {a.code for a in idx.actors.values() if a.name == "Foreign Ministry"}
    assert codes == {"JPNGOV"}
    assert person(idx, "Hiroshi Tanabe").code == "JPNGOV"


def test_place_opening_the_sentence_locates_a_bare_ministry(nlp):
    _, idx = resolve(
        nlp,
        "In Islamabad, a foreign ministry spokeswoman, Ayesha Malik, said the border "
        "would stay open.",
    )
    assert person(idx, "Ayesha Malik").code == "PAKGOV"


def test_dateline_locates_a_ministry_the_text_does_not_place(nlp):
    _, idx = resolve(
        nlp,
        "MANILA -- Fishermen reported new harassment near the shoal on Monday.\n\n"
        '"We will file a protest," a Foreign Ministry spokesman, Jose Ramirez, told reporters.',
    )
    assert person(idx, "Jose Ramirez").code == "PHLGOV"


def test_institution_without_a_country_looks_at_the_sentence_before(nlp):
    _, idx = resolve(
        nlp,
        "President Park Geun-hye refused to resign. The Constitutional Court ruled "
        "against her in March.",
        "2017-03-20",
    )
    court = next(a for a in idx.actors.values() if a.name == "Constitutional Court")
    assert court.code == "KORJUD"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        (
            "Omar Farooq, a security analyst in Karachi, said the talks were over.",
            "Omar Farooq",
            "PAK",
        ),
        ("Aiko Mori, a visiting fellow from Tokyo, said the deal was fair.", "Aiko Mori", "JPN"),
        (
            "Jane Holloway, a correspondent in Beijing, said little had changed.",
            "Jane Holloway",
            None,
        ),
    ],
)
def test_place_after_the_role_gives_the_country_except_for_posted_roles(nlp, text, name, country):
    _, idx = resolve(nlp, text)
    assert person(idx, name).country == country


def test_a_state_name_before_an_expert_noun_is_the_field_not_the_nationality(nlp):
    _, idx = resolve(
        nlp,
        "Martin Hale, a China specialist at the Harbor Institute in Boston, said Beijing "
        "would wait.",
    )
    assert person(idx, "Martin Hale").code == "USAEDU"


def test_relative_clause_that_names_a_role_describes_the_person(nlp):
    _, idx = resolve(
        nlp,
        "Han Ji-woo, who teaches economics at Hanseong University in Busan, was less worried.",
    )
    assert person(idx, "Han Ji-woo").code == "KOREDU"
    _, idx = resolve(nlp, "Maria Costa, who said nothing at the Brussels meeting, left early.")
    assert person(idx, "Maria Costa").country is None


def test_now_after_an_appositive_gives_the_current_role(nlp):
    _, idx = resolve(
        nlp,
        '"The data are clear," says Erin Walsh, a former UN sanctions monitor now at the '
        "Lakeview Institute in Chicago.",
    )
    assert person(idx, "Erin Walsh").code == "USAEDU"


def test_lower_case_ministry_is_the_ministry_named_before(nlp):
    _, idx = resolve(
        nlp,
        "The Unification Ministry called the move regrettable, a ministry spokesman, "
        "Park Tae-ho, said on Tuesday.",
    )
    assert person(idx, "Park Tae-ho").code == "KORGOV"


def test_company_unit_keeps_the_company_code_but_not_a_flight(nlp):
    _, idx = resolve(
        nlp,
        "LG Display cut prices while Korean Air Flight 902 was diverted to Anchorage.",
    )
    orgs = {a.name: a.code for a in idx.actors.values() if a.kind == "organisation"}
    assert orgs == {"LG Display": "KORBUS", "Korean Air": "KORBUS"}


def test_name_described_as_a_militant_group_is_an_organisation(nlp):
    _, idx = resolve(
        nlp,
        "The bombing was claimed by Tanzeem-e-Nur, a militant group based in Pakistan.",
    )
    org = next(a for a in idx.actors.values() if a.kind == "organisation")
    assert (org.name, org.code) == ("Tanzeem-e-Nur", "PAKREB")
    assert not idx.persons()


def test_city_in_an_organisation_name_gives_its_country(nlp):
    _, idx = resolve(nlp, "Lena Vogt, a fellow at the Geneva Centre for Arms Control, spoke.")
    assert person(idx, "Lena Vogt").code == "CHEEDU"


def test_a_body_after_a_religious_adjective_is_no_person(nlp):
    _, idx = resolve(
        nlp,
        "The strike killed two commanders of the Islamic Sacred Defense Corps near the border.",
    )
    assert not idx.persons()


def test_leader_names_his_government(nlp):
    doc, idx = resolve(
        nlp,
        "President Moon Jae-in met Kim in April. The Moon government then eased sanctions.",
        "2018-05-01",
    )
    gov = next(t for t in doc if t.text == "government")
    assert [a.code for a in idx.actors_under(gov)] == ["KORGOV"]


def test_state_lists_its_capital_named_as_a_place(nlp):
    _, idx = resolve(nlp, "Talks opened in Beijing on Monday. China called them useful.")
    china = next(a for a in idx.actors.values() if a.name == "China")
    assert "Beijing" in china.aliases
    assert "CHN" in states(idx)


@pytest.mark.parametrize(
    ("text", "date", "name", "code"),
    [
        (
            "Prime Minister Khan said the pilot would be freed.",
            "2019-02-28",
            "Imran Khan",
            "PAKGOV",
        ),
        ("Prime Minister Sharif ordered the tests.", "1998-05-28", "Nawaz Sharif", "PAKGOV"),
        ("President Rouhani spoke in New York.", "2015-09-25", "Hassan Rouhani", "IRNGOV"),
        ("Prime Minister Obuchi met the president.", "1999-01-10", "Keizo Obuchi", "JPNGOV"),
        ("Prime Minister Netanyahu spoke.", "2024-10-28", "Benjamin Netanyahu", "ISRGOV"),
    ],
)
def test_leaders_of_more_states_are_dated(nlp, text, date, name, code):
    _, idx = resolve(nlp, text, date)
    assert person(idx, name).code == code


def test_putin_was_prime_minister_between_his_presidencies():
    info = gz._people()[0]["Vladimir Putin"]
    assert gz.person_term(info, "2010-06-01")["role"] == "Prime Minister of Russia"
    assert gz.person_term(info, "2016-06-01")["role"] == "President of Russia"


def test_a_month_is_no_prime_minister(nlp):
    _, idx = resolve(nlp, "In May, officials met again. May was a busy month.", "2017-06-01")
    assert not idx.persons()


@pytest.mark.parametrize(
    "text",
    [
        "Sara Lind, a researcher at the Nordhavn Forum, a think tank in Geneva, said so.",
        "Sara Lind, a researcher at the Nordhavn Forum, a Geneva-based think tank, said so.",
        "Sara Lind of the Geneva-based Nordhavn Forum said so.",
    ],
)
def test_think_tank_located_by_the_text(nlp, text):
    _, idx = resolve(nlp, text)
    forum = next(a for a in idx.actors.values() if a.name == "Nordhavn Forum")
    assert forum.code == "CHEEDU"
    assert person(idx, "Sara Lind").country == "CHE"


def test_bare_officials_in_a_datelined_report_are_the_dateline_country(nlp):
    doc, idx = resolve(
        nlp,
        "TOKYO -- Japan protested the launch on Tuesday.\n\n"
        "Military officials said the missile fell into the sea. Officials on both sides "
        "declined to comment.",
    )
    toks = [t for t in doc if t.lower_ == "officials"]
    (first,) = idx.actors_under(toks[0])
    assert (first.name, first.code) == ("Japanese military officials", "JPNGOV")
    assert idx.actors_under(toks[1]) == []
    _, plain = resolve(nlp, "Military officials said the missile fell into the sea.")
    assert not [a for a in plain.actors.values() if a.kind == "group"]


# -- round 3: places, relations, offices "of" a state, foreign forces, the two Koreas -------


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Seoul", "KOR"),
        ("SEOUL", "KOR"),
        ("Busan", "KOR"),
        ("new delhi", "IND"),
        ("North Korean", "PRK"),
        ("Korean", "KOR"),
        ("Korean War", None),  # a phrase that names no actor
        ("the North", None),  # a short name counts only where the text licenses it
        ("Koreas", None),  # several states, no one country
        ("NATO", None),
        ("Atlantis", None),
    ],
)
def test_country_of_place_is_a_public_lookup(name, country):
    assert gz.country_of_place(name) == country


def test_index_place_country_covers_places_and_acting_capitals(nlp):
    doc, idx = resolve(nlp, "Officials met at a hotel in Busan. Seoul said talks would go on.")
    busan = next(t for t in doc if t.text == "Busan")
    seoul = next(t for t in doc if t.text == "Seoul")
    hotel = next(t for t in doc if t.text == "hotel")
    assert idx.actor_of_token(busan) is None  # a place is no actor ...
    assert idx.place_country(busan) == "KOR"  # ... but it is in a country
    assert idx.place_country(seoul) == "KOR"
    assert idx.place_country(hotel) is None


@pytest.mark.parametrize(
    "text",
    [
        "Ri Sol-ju, the sister of the North Korean leader, warned Seoul on Tuesday.",
        "Ri Sol-ju, the North Korean leader's sister, warned Seoul on Tuesday.",
    ],
)
def test_a_relative_takes_the_country_but_not_the_office_of_whom_she_relates_to(nlp, text):
    doc, idx = resolve(nlp, text)
    p = person(idx, "Ri Sol-ju")
    assert (p.country, p.sector) == ("PRK", None)
    leader = next(t for t in doc if t.text == "leader")
    (group,) = idx.actors_under(leader)
    assert (group.kind, group.code) == ("group", "PRKGOV")
    assert "KOR" not in {a.country for a in idx.actors.values() if a.kind != "state"}


def test_a_relative_named_later_in_the_sentence(nlp):
    _, idx = resolve(
        nlp, "Ri Sol-ju, the sister of leader Kim Jong-un, warned that talks were over."
    )
    assert person(idx, "Ri Sol-ju").country == "PRK"


def test_an_aide_takes_the_country_of_the_person_served_but_an_envoy_to_a_state_does_not(nlp):
    _, idx = resolve(
        nlp,
        "Park Ji-won, an aide to President Kim Dae-jung, traveled to Beijing. Robert Kinney, "
        "an envoy to North Korea, met officials there.",
        "2000-06-01",
    )
    assert person(idx, "Park Ji-won").code == "KORGOV"
    assert person(idx, "Robert Kinney").country != "PRK"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The emir of Kuwait died on Saturday.", "KWTGOV"),
        ("The Emir of Qatar hosted the talks.", "QATGOV"),
        ("The president of France met reporters.", "FRAGOV"),
    ],
)
def test_an_office_of_a_state_is_that_states_group(nlp, text, code):
    doc, idx = resolve(nlp, text)
    head = next(t for t in doc if t.lower_ in {"emir", "president"})
    (a,) = idx.actors_under(head)
    assert a.code == code


def test_a_scholar_of_a_country_and_a_mixed_of_phrase_make_no_group(nlp):
    doc, idx = resolve(
        nlp,
        "A historian of Korea spoke. The armistice was signed by military commanders of the "
        "United Nations Command, North Korea and China.",
    )
    for word in ("historian", "commanders"):
        tok = next(t for t in doc if t.text == word)
        assert idx.actor_of_token(tok) is None


def test_a_ruler_named_with_arabic_name_particles(nlp):
    _, idx = resolve(nlp, "Qatar's emir, Sheikh Tamim bin Hamad Al Thani, met Iranian officials.")
    p = person(idx, "Tamim bin Hamad Al Thani")
    assert p is not None and p.code == "QATGOV"


def test_combat_units_are_military(nlp):
    doc, idx = resolve(nlp, "North Korean combat units were deployed to the front.")
    units = next(t for t in doc if t.text == "units")
    (a,) = idx.actors_under(units)
    assert a.code == "PRKMIL"


def test_occupation_forces_belong_to_the_other_state_the_text_places_there(nlp):
    text = (
        'The last American combat units left Korea in June. "The North will not stop," said '
        "Colonel Arthur Penhallow, a retired Army officer who served with the occupation "
        "forces in Korea."
    )
    _, idx = resolve(nlp, text, "1950-06-27")
    assert person(idx, "Arthur Penhallow").code == "USAMIL"
    # with no foreign force placed in Korea, the occupier is not guessed (and is not Korea)
    _, bare = resolve(nlp, text.split(". ", 1)[1], "1950-06-27")
    assert person(bare, "Arthur Penhallow").country is None


@pytest.mark.parametrize(
    "text",
    [
        "The two Koreas agreed to reopen the hotline.",
        "Both Koreas sent athletes to the games.",
        "Relations between the Koreas have soured.",
    ],
)
def test_the_koreas_are_both_states(nlp, text):
    doc, idx = resolve(nlp, text)
    koreas = next(t for t in doc if t.text == "Koreas")
    assert sorted(a.country for a in idx.actors_under(koreas)) == ["KOR", "PRK"]
    south = next(a for a in idx.actors.values() if a.country == "KOR")
    assert "Koreas" not in south.aliases


@pytest.mark.parametrize(
    ("text", "head", "codes"),
    [
        ("The leaders of the two Koreas met at Panmunjom.", "leaders", ["KORGOV", "PRKGOV"]),
        ("The two Korean governments issued a statement.", "governments", ["KORGOV", "PRKGOV"]),
        ("Two Korean officials issued a statement.", "officials", ["KORGOV"]),
        ("Two South Korean officials issued a statement.", "officials", ["KORGOV"]),
    ],
)
def test_groups_of_both_koreas(nlp, text, head, codes):
    doc, idx = resolve(nlp, text)
    tok = next(t for t in doc if t.text == head)
    assert sorted(a.code for a in idx.actors_under(tok)) == codes


def test_a_state_naming_the_desk_is_the_field_not_the_nationality(nlp):
    doc = nlp(
        '"Markets move first," says Dana Pruitt, a senior fellow at a think tank and a '
        "former State Department Korea desk officer."
    )
    idx = resolve_actors(doc, nlp, "2005-11-03")
    (p,) = [a for a in idx.actors.values() if a.kind == "person"]
    assert p.country == "USA"


@pytest.mark.parametrize(
    "phrase,code",
    [
        ("South Sudan", "SSD"),
        ("the UAE", "ARE"),
        ("Sudan", "SDN"),
        ("South Sudanese troops", "SSDMIL"),
    ],
)
def test_states_missing_from_the_country_table(phrase, code):
    (r,) = resolve_phrases([phrase])
    assert r["code"] == code
