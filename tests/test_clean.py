"""Boilerplate cleaning and metadata: gold samples plus synthetic scraped pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tiegraph.ingest.clean import CleanResult, clean_plain_text, is_site_name, match_rule
from tiegraph.ingest.metadata import (
    detect_language,
    find_publication_date,
    infer_year_from_text,
    parse_date_line,
)

SHARED = Path(__file__).parents[2] / "shared"
GOLD = sorted((SHARED / "eval" / "dev").glob("*.json"))
TODAY_YEAR = 2026


# --- gold samples ----------------------------------------------------------------------------


def _gold_result(path: Path) -> tuple[dict, CleanResult]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    raw = (path.parent / gold["corpus_dir"] / gold["doc"]).read_text(encoding="utf-8")
    return gold, clean_plain_text(raw)


@pytest.mark.skipif(not GOLD, reason="shared dev samples not available")
@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_gold_clean_text(path: Path) -> None:
    gold, result = _gold_result(path)
    for phrase in gold["clean_text"]["must_contain"]:
        assert phrase in result.text
    for phrase in gold["clean_text"]["must_not_contain"]:
        assert phrase not in result.text
    assert "\n\n\n" not in result.text


@pytest.mark.skipif(not GOLD, reason="shared dev samples not available")
@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_gold_metadata(path: Path) -> None:
    gold, result = _gold_result(path)
    meta = gold["metadata"]
    assert result.title == meta["title"]
    assert result.published == meta["published"]
    assert result.published_precision == ("day" if meta["published"] else "unknown")
    if "published_year_from_text" in meta:
        assert infer_year_from_text(result.text, TODAY_YEAR) == meta["published_year_from_text"]
    assert detect_language(result.text)[0] == meta["language"]


@pytest.mark.skipif(not GOLD, reason="shared dev samples not available")
def test_gold_standfirst_and_body_headings() -> None:
    by_doc = {p.stem: _gold_result(p)[1] for p in GOLD}
    cfr = by_doc.get("004_12083f526e349120")
    if cfr is None:
        pytest.skip("sample 004 not available")
    assert cfr.standfirst is not None
    assert cfr.standfirst.startswith("South Korea, long a stalwart ally")
    assert "What is South Korea’s strategic posture in East Asia?" in cfr.text
    reasons = {d.reason for d in cfr.dropped}
    assert {"duplicate_line", "date_line", "leading_chrome", "trailer_cut"} <= reasons


# --- synthetic pages -------------------------------------------------------------------------

K = "keep"

P_TALKS = (
    "Iranian and European negotiators met in Vienna on Monday for the first time in five months. "
    "Both sides described the session as constructive but said major gaps remained."
)
P_SANCTIONS = (
    "The talks focus on restoring limits on uranium enrichment in exchange for the gradual "
    "lifting of oil and banking sanctions imposed since 2018."
)
P_MISSILE = (
    "North Korea fired a ballistic missile into the sea off its east coast on Tuesday, "
    "South Korea's military said, the third launch this month."
)
P_RESPONSE = (
    "Seoul's National Security Council convened an emergency meeting and condemned the launch "
    "as a clear violation of United Nations Security Council resolutions."
)
P_JAPAN = (
    "Japan's defense ministry said the missile flew about 600 kilometers and landed outside its "
    "exclusive economic zone, and Tokyo lodged a protest through diplomatic channels in Beijing."
)
P_FLOOD = (
    "Monsoon floods have displaced more than 40,000 people in northern Pakistan, "
    "officials said on Sunday, as rivers burst their banks after a week of heavy rain."
)
P_AID = (
    "The government appealed for international assistance, and the United Nations said it "
    "would release emergency funds for food, shelter and clean water."
)
P_RELIEF = (
    "Relief convoys were delayed by landslides that cut the main highway to the north, "
    "leaving several valleys reachable only by helicopter."
)

CASES: dict[str, dict] = {
    "share_widgets": {
        "rows": [
            ("Share", "share_widget"),
            ("Iran and European powers agree to resume nuclear talks in Vienna", K),
            ("By Jane Doe | March 3, 2021", "date_line"),
            ("Facebook Twitter LinkedIn Email", "share_widget"),
            (P_TALKS, K),
            ("A fragile opening", K),
            (P_SANCTIONS, K),
            ("Share this article", "share_widget"),
            ("Copy link", "share_widget"),
        ],
        "title": "Iran and European powers agree to resume nuclear talks in Vienna",
        "published": ("2021-03-03", "day"),
    },
    "newsletter_box": {
        "rows": [
            ("Seoul weighs new sanctions on Pyongyang after missile launch", K),
            ("Published: 12 June 2018", "date_line"),
            (P_MISSILE, K),
            ("Sign up for our daily newsletter", "newsletter_signup"),
            ("Get the latest headlines delivered to your inbox.", "newsletter_signup"),
            ("Enter your email address", "newsletter_signup"),
            ("By signing up, you agree to our Privacy Policy.", "newsletter_signup"),
            (P_RESPONSE, K),
        ],
        "title": "Seoul weighs new sanctions on Pyongyang after missile launch",
        "published": ("2018-06-12", "day"),
    },
    "cookie_banner_and_updated_date": {
        "rows": [
            (
                "We use cookies to improve your experience. By continuing to browse you agree "
                "to our use of cookies.",
                "cookie_notice",
            ),
            ("Accept all cookies", "cookie_notice"),
            ("Manage preferences", "leading_chrome"),
            ("Japan protests North Korean missile that landed near its waters", K),
            ("Updated Jan. 3, 2019", "date_line"),
            (P_MISSILE, K),
            (P_JAPAN, K),
        ],
        "title": "Japan protests North Korean missile that landed near its waters",
        "published": ("2019-01-03", "day"),
    },
    "related_articles_trailer": {
        "rows": [
            ("North and South Korea mark the anniversary of the war", K),
            ("June 27, 1950", "date_line"),
            (P_MISSILE, K),
            (P_RESPONSE, K),
            (P_JAPAN, K),
            ("Related articles", "related_block"),
            ("North Korea fires missile into the sea", "trailer_cut"),
            ("How the armistice shaped the peninsula", "trailer_cut"),
            ("The truce that never became peace, explained in five charts.", "trailer_cut"),
        ],
        "title": "North and South Korea mark the anniversary of the war",
        "published": ("1950-06-27", "day"),
    },
    "photo_credits": {
        "rows": [
            ("Floods displace tens of thousands in northern Pakistan", K),
            ("Photo: Reuters", "media_credit"),
            (P_FLOOD, K),
            ("(AP Photo/Anjum Naveed)", "agency_photo_credit"),
            ("Image courtesy of the Pakistani army", "media_credit_by"),
            (P_AID, K),
            ("Getty Images", "agency_photo_credit"),
            (P_RELIEF, K),
        ],
        "title": "Floods displace tens of thousands in northern Pakistan",
        "published": (None, "unknown"),
    },
    "copyright_footer": {
        "rows": [
            ("Pakistan appeals for flood aid as waters keep rising", K),
            (P_FLOOD, K),
            (P_AID, K),
            ("© 2024 The Daily Planet. All rights reserved.", "copyright"),
            ("Privacy Policy | Terms of Use", "legal_footer"),
            ("Contact us: newsdesk@example.com", "ad_contact"),
            ("About Us", "trailing_chrome"),
        ],
        "title": "Pakistan appeals for flood aid as waters keep rising",
        "published": (None, "unknown"),
    },
    "headings_inside_body": {
        "rows": [
            ("Why the Vienna talks matter for oil markets and regional security", K),
            ("Published: June 2018", "date_line"),
            (P_TALKS, K),
            ("Background", K),
            (P_SANCTIONS, K),
            ("What comes next?", K),
            (P_AID, K),
            ("The road ahead", K),
            (P_RELIEF, K),
        ],
        "title": "Why the Vienna talks matter for oil markets and regional security",
        "published": ("2018-06", "month"),
    },
    "source_word_in_body": {
        "rows": [
            ("Negotiators near deal on prisoner exchange, sources say", K),
            (
                "Sources said the delegation would leave Geneva on Friday, a day earlier than "
                "planned, after a final round of talks.",
                K,
            ),
            (
                "A senior official described the source of the delay as a dispute over names, "
                "and said the list was now agreed.",
                K,
            ),
            ("Source: Reuters", "media_credit"),
            ("Sources: Ministry of Foreign Affairs; Reuters", "media_credit"),
        ],
        "title": "Negotiators near deal on prisoner exchange, sources say",
        "published": (None, "unknown"),
    },
    "quoted_lines": {
        "rows": [
            ("Minister vows to stay the course on border dispute", K),
            (P_TALKS, K),
            ("“We will not back down,” the minister told reporters on Tuesday.", K),
            ('"Never again."', K),
            ("“Peace first”", K),
            (P_SANCTIONS, K),
        ],
        "title": "Minister vows to stay the course on border dispute",
        "published": (None, "unknown"),
    },
    "iso_timestamp_and_byline": {
        "rows": [
            ("Advertisement", "advertisement"),
            ("Seoul and Tokyo agree to restore intelligence sharing pact", K),
            ("By Kim Min-ji and John Smith", "byline"),
            ("2018-06-12T10:00:00Z", "date_line"),
            ("3 min read", "site_ui"),
            (P_RESPONSE, K),
            (P_JAPAN, K),
        ],
        "title": "Seoul and Tokyo agree to restore intelligence sharing pact",
        "published": ("2018-06-12", "day"),
    },
    "no_date": {
        "rows": [
            ("Vienna talks resume as sanctions bite", K),
            (
                "In 2023, the two governments signed a memorandum on energy cooperation that is "
                "expected to be fully implemented by 2030.",
                K,
            ),
            (P_SANCTIONS, K),
        ],
        "title": "Vienna talks resume as sanctions bite",
        "published": (None, "unknown"),
        "year": "2023",
    },
    "korean_ads_and_comments": {
        "rows": [
            ("광고문의: 02-123-4567", "foreign_script"),
            ("기사제보", "foreign_script"),
            ("Seoul hosts regional security forum amid missile tensions", K),
            (P_MISSILE, K),
            (P_RESPONSE, K),
            ("Post a Comment", "comment_section"),
            ("2 Comments", "comment_section"),
            ("Anonymous said this article is biased and wrong about everything.", "trailer_cut"),
            ("Great article, thanks for the clear explanation!", "trailer_cut"),
        ],
        "title": "Seoul hosts regional security forum amid missile tensions",
        "published": (None, "unknown"),
    },
    "menus_and_tag_runs": {
        "rows": [
            ("Home", "site_ui"),
            ("World", "leading_chrome"),
            ("Asia", "leading_chrome"),
            ("Politics", "leading_chrome"),
            ("Oil exporters brace for tighter sanctions on Iran", K),
            (P_TALKS, K),
            ("Iran", "short_line_run"),
            ("Sanctions", "short_line_run"),
            ("Oil markets", "short_line_run"),
            (P_SANCTIONS, K),
            ("Tags:", "tags_label"),
            ("Middle East", "trailer_cut"),
            ("Energy", "trailer_cut"),
            ("Iran", "duplicate_line"),
        ],
        "title": "Oil exporters brace for tighter sanctions on Iran",
        "published": (None, "unknown"),
    },
    "ads_between_sections": {
        "rows": [
            ("Pakistan flood relief slowed by landslides and rain", K),
            (P_FLOOD, K),
            ("Advertisement", "advertisement"),
            ("Roads cut off", K),
            ("Photo: Yonhap", "media_credit"),
            (P_RELIEF, K),
            ("Story continues below advertisement", "advertisement"),
            (P_AID, K),
        ],
        "title": "Pakistan flood relief slowed by landslides and rain",
        "published": (None, "unknown"),
    },
    "more_on_footer_with_standfirst": {
        "rows": [
            ("Iran’s Nuclear Program: What the Vienna Talks Could Change", K),
            ("Iran’s Nuclear Program: What the Vienna Talks Could Change", "duplicate_line"),
            ("Negotiators are trying to revive a deal that limited Iran’s enrichment.", K),
            ("Feb. 8, 2006", "date_line"),
            ("Timely analysis of world affairs in plain language.", "leading_chrome"),
            ("This publication is now archived.", "archived_notice"),
            ("What are the talks about?", K),
            (P_TALKS, K),
            (P_SANCTIONS, K),
            ("More on:", "more_on_tags"),
            ("Iran", "trailer_cut"),
            ("Nuclear Energy", "trailer_cut"),
        ],
        "title": "Iran’s Nuclear Program: What the Vienna Talks Could Change",
        "standfirst": "Negotiators are trying to revive a deal that limited Iran’s enrichment.",
        "published": ("2006-02-08", "day"),
    },
    "related_marker_early_no_cut": {
        "rows": [
            ("Tokyo and Seoul agree to resume shuttle diplomacy", K),
            (P_JAPAN, K),
            ("Related stories", "related_block"),
            ("Japan recalls ambassador", "tag_list"),
            ("Trade talks collapse", "tag_list"),
            (P_RESPONSE, K),
            ("Related: Seoul and Tokyo agree to resume talks", "related_link"),
            (P_MISSILE, K),
            (P_TALKS, K),
        ],
        "title": "Tokyo and Seoul agree to resume shuttle diplomacy",
        "published": (None, "unknown"),
    },
    "timeline_dates_in_body_kept": {
        "rows": [
            ("A short timeline of the Korean War", K),
            (
                "The war began with a surprise attack. It ended in a stalemate that still "
                "divides the peninsula today.",
                K,
            ),
            ("June 25, 1950", K),
            (
                "North Korean forces crossed the 38th parallel and invaded South Korea, "
                "starting a war that would last three years.",
                K,
            ),
            ("July 27, 1953", K),
            (
                "The armistice agreement was signed at Panmunjom, ending the fighting without "
                "a formal peace treaty between the parties.",
                K,
            ),
        ],
        "title": "A short timeline of the Korean War",
        "published": (None, "unknown"),
    },
    "standfirst_before_byline": {
        "rows": [
            ("Seoul and Washington open talks on sharing defense costs", K),
            ("The two allies are negotiating how much South Korea pays for U.S. troops.", K),
            ("By Kim Min-ji", "byline"),
            ("Facebook", "share_widget"),
            (P_RESPONSE, K),
            (P_JAPAN, K),
        ],
        "title": "Seoul and Washington open talks on sharing defense costs",
        "standfirst": "The two allies are negotiating how much South Korea pays for U.S. troops.",
        "published": (None, "unknown"),
    },
}


P_TROOPS = (
    "About 28,500 American troops are stationed in South Korea under a mutual defense treaty "
    "signed after the Korean War, and their cost has long been a point of friction."
)
P_PAY = (
    "Under the new agreement, Seoul will pay 1.5 trillion won toward the upkeep of U.S. forces "
    "in 2026, an increase of 8.3 percent over the previous year."
)
P_TALKS_2025 = (
    "In 2025, negotiators from both allies met six times before settling on the figure, "
    "officials said, after months of pressure from Washington."
)
P_PILOT = (
    "Pakistan will release a captured Indian air force pilot as a gesture of peace, its prime "
    "minister told parliament on Thursday, easing a crisis between the two rivals."
)
P_STRIKES = (
    "The pilot was taken prisoner on Wednesday after his jet was shot down over Kashmir, a day "
    "after Indian warplanes struck what New Delhi called a militant camp."
)

NEW_CASES: dict[str, dict] = {
    "korean_portal_header": {
        "rows": [
            ("광고", "foreign_script"),
            ("[Politics] [Diplomacy & Defense]", "section_label"),
            ("Seoul weighs its options as Moscow ratifies defense pact with Pyongyang", K),
            ("입력 2024.11.06 09:14 | 수정 2024.11.06 11:02", "date_line"),
            ("글자크기 가 가", "foreign_script"),
            ("Share | URL copy", "share_widget"),
            ("▲ A North Korean flag flies over the border city of Sinuiju.", "photo_caption"),
            (P_MISSILE, K),
            (P_RESPONSE, K),
            ("<저작권자 © Asia Daily, 무단전재 및 재배포 금지>", "foreign_script"),
            ("Reporter Yun Ha-eun", "reporter_credit"),
        ],
        "title": "Seoul weighs its options as Moscow ratifies defense pact with Pyongyang",
        "published": ("2024-11-06", "day"),
    },
    "wire_brief_day_first_date": {
        "rows": [
            ("Newswire > World > South Asia", "breadcrumb_nav"),
            ("BRIEF-Pakistan to free captured Indian pilot as rivals step back", K),
            ("BRIEF-Pakistan to free captured Indian pilot as rivals step back", "duplicate_line"),
            ("08/03/2019 18:05 IST | 3 min read", "date_line"),
            ("[Reporting by Newswire staff; Editing by Desk]", "staff_credit"),
            (P_PILOT, K),
            (P_STRIKES, K),
            ("Our Standards: The Newswire Trust Principles.", "site_disclaimer"),
            ("(END)", "end_marker"),
        ],
        "title": "BRIEF-Pakistan to free captured Indian pilot as rivals step back",
        "published": ("2019-03-08", "day"),
    },
    "opinion_header_buttons_and_bio": {
        "rows": [
            ("OPINION", "leading_chrome"),
            ("Seoul made the hard concession. Now Tokyo has to meet it halfway", K),
            ("By Hana Lee-Sato", "byline"),
            (
                "Hana Lee-Sato is a contributing Opinion writer who covers Japan and the Korean "
                "Peninsula.",
                "author_bio",
            ),
            ("Listen to this article 6 min", "share_widget"),
            ("Gift this article Save Comments (31)", "share_widget"),
            ("Advertisement", "advertisement"),
            (P_JAPAN, K),
            (P_RESPONSE, K),
            ("The author is a former diplomat who served in Tokyo and Seoul.", "author_bio"),
        ],
        "title": "Seoul made the hard concession. Now Tokyo has to meet it halfway",
        "published": (None, "unknown"),
    },
    "think_tank_masthead_not_title": {
        "rows": [
            ("Institute for Peninsula Security Studies", "leading_chrome"),
            ("Home / Analysis / Asia Program", "breadcrumb_nav"),
            ("Israel and Iran: How a Shadow War Came Into the Open", K),
            ("After decades of covert sabotage, the two rivals now strike each other directly.", K),
            ("Expert Brief by Research Staff", "labelled_byline"),
            ("October 28, 2024 2:15 pm (EDT)", "date_line"),
            ("Expert Brief | Middle East and North Africa | Iran | Israel", "breadcrumb_nav"),
            ("Print · Share · Download", "share_widget"),
            ("What happened over the weekend?", K),
            (P_TALKS, K),
            (P_SANCTIONS, K),
            ("This publication is part of the Institute's Crisis Monitor series.", "series_notice"),
            ("Support independent research. Donate", "donate_prompt"),
        ],
        "title": "Israel and Iran: How a Shadow War Came Into the Open",
        "standfirst": "After decades of covert sabotage, the two rivals now strike each other directly.",
        "published": ("2024-10-28", "day"),
    },
    "old_portal_see_also_trailer": {
        "rows": [
            ("Asia Online | Front Page | World | Business | Sci/Tech", "breadcrumb_nav"),
            ("North Korea missile flies over Japan, Tokyo suspends aid", K),
            ("Wednesday, September 2, 1998 Published at 03:12 GMT 04:12 UK", "date_line"),
            ("[ image: A Japanese destroyer ] Warships tracked the launch", "photo_caption"),
            ("Click here for the low-graphics version", "read_more"),
            (P_MISSILE, K),
            (P_JAPAN, K),
            (P_RESPONSE, K),
            ("See also:", "related_block"),
            ("31 Aug 98 | Asia-Pacific North Korea fires missile", "trailer_cut"),
            (
                "The site is not responsible for the content of external internet sites.",
                "site_disclaimer",
            ),
        ],
        "title": "North Korea missile flies over Japan, Tokyo suspends aid",
        "published": ("1998-09-02", "day"),
    },
    "captions_with_credits": {
        "rows": [
            ("North Korea blows up joint liaison office in Kaesong", K),
            (
                "Smoke rises from the liaison office in this image provided by the Ministry of "
                "National Defense. / Yonhap",
                "photo_caption",
            ),
            (P_MISSILE, K),
            (
                "A man watches a news broadcast at a railway station in Seoul, November 6, 2024. "
                "REUTERS/Kim Hong-Ji",
                "photo_caption",
            ),
            (P_RESPONSE, K),
            ("A North Korean flag flies over Sinuiju. (Asia Daily File Photo)", "photo_caption"),
            ("Image caption, Soldiers guard the border village", "photo_caption"),
            ("Courtesy of the Ministry of Unification", "photo_caption"),
            (P_JAPAN, K),
        ],
        "title": "North Korea blows up joint liaison office in Kaesong",
        "published": (None, "unknown"),
    },
    "social_handles_and_embedded_post": {
        "rows": [
            ("Tokyo lodges protest after missile lands near its waters", K),
            ("By Kim Tong-hyung and Jane Doe, The Associated Press", "byline"),
            (P_MISSILE, K),
            (
                "Another launch this morning. Japan's coast guard is warning ships to stay away "
                "pic.twitter.com/abc123",
                "embedded_post",
            ),
            ("— Jane Doe (@janedoe) November 6, 2024", "embedded_post"),
            (P_JAPAN, K),
            ("Follow her on X @janedoe", "follow_widget"),
            ("@AsiaDailyNews", "follow_widget"),
        ],
        "title": "Tokyo lodges protest after missile lands near its waters",
        "published": (None, "unknown"),
    },
    "disclaimers_cookies_and_copyright": {
        "rows": [
            (
                "We use cookies to personalize content. Accept all | Reject non-essential | "
                "Settings",
                "cookie_notice",
            ),
            ("Floods displace tens of thousands in northern Pakistan", K),
            (P_FLOOD, K),
            (P_AID, K),
            ("The views expressed in this article are the author's own.", "site_disclaimer"),
            (
                "This material may not be published, broadcast, rewritten or redistributed.",
                "copyright",
            ),
            ("Meridian Institute is a nonprofit organization. © Meridian Institute", "copyright"),
            ("By continuing to use this site you consent to our use of cookies.", "cookie_notice"),
        ],
        "title": "Floods displace tens of thousands in northern Pakistan",
        "published": (None, "unknown"),
    },
    "undated_year_from_future_clause": {
        "rows": [
            ("Five questions on the cost of American troops in Korea", K),
            ("Asia Program · Q&A · 8 min read", "breadcrumb_nav"),
            ("Share ✉ ⎙", "share_widget"),
            (P_TROOPS, K),
            (P_PAY, K),
            (P_TALKS_2025, K),
            ("Related Programs", "related_block"),
            ("Energy Transitions Initiative — New report on grid storage", "trailer_cut"),
        ],
        "title": "Five questions on the cost of American troops in Korea",
        "published": (None, "unknown"),
        "year": "2025",
    },
    "bio_shape_inside_body_kept": {
        "rows": [
            ("Journalists face new limits on reporting from the border", K),
            (P_MISSILE, K),
            (P_RESPONSE, K),
            (
                "Min-ji Park is a reporter for a Seoul daily who was turned back at the "
                "checkpoint twice this month.",
                K,
            ),
            (P_JAPAN, K),
            (P_TALKS, K),
        ],
        "title": "Journalists face new limits on reporting from the border",
        "published": (None, "unknown"),
    },
    "reading_time_meta_row": {
        "rows": [
            ("Pakistan appeals for flood aid as waters keep rising", K),
            ("Asia Desk · 4 min read", "reading_time"),
            ("Analysis | 5-minute read", "reading_time"),
            (P_FLOOD, K),
            (P_RELIEF, K),
        ],
        "title": "Pakistan appeals for flood aid as waters keep rising",
        "published": (None, "unknown"),
    },
}
CASES.update(NEW_CASES)

# Round 3: a section label before the date, a split byline, labelled ads, sign-offs, author
# boxes and reader comments.
R3_CASES: dict[str, dict] = {
    "section_label_date_and_signoff": {
        "rows": [
            ("Skip to main content", "site_ui"),
            ("Menu Search Sign in Subscribe", "account_nav"),
            ("Floods displace tens of thousands in northern Pakistan", K),
            ("South Asia | Thursday, 8 September 2022", "date_line"),
            ("Share this story Facebook Twitter Email WhatsApp", "share_widget"),
            (P_FLOOD, K),
            (P_AID, K),
            (P_RELIEF, K),
            ("Amina Khan reported from Karachi and Omar Latif from Sukkur.", "reporter_signoff"),
            ("Reader comments (12)", "comment_section"),
            ("floodwatcher: the government was warned years ago", "trailer_cut"),
            ("anon: pray for Sindh", "trailer_cut"),
        ],
        "title": "Floods displace tens of thousands in northern Pakistan",
        "published": ("2022-09-08", "day"),
    },
    "split_byline_label": {
        "rows": [
            ("Subscribe | Log in", "account_nav"),
            ("Explainer", "leading_chrome"),
            ("Iran and the Nuclear Talks: Where Do Things Stand?", K),
            (
                "Negotiators are back in Vienna after a five-month pause. Here is what each "
                "side wants.",
                K,
            ),
            ("Written By", "byline_label"),
            ("Research Staff", "tag_list"),
            ("Topics:", "tags_label"),
            ("Iran", "tag_list"),
            ("Nonproliferation", "tag_list"),
            ("Print Share Cite", "share_widget"),
            ("Introduction", K),
            (P_TALKS, K),
            (P_SANCTIONS, K),
        ],
        "title": "Iran and the Nuclear Talks: Where Do Things Stand?",
        "published": (None, "unknown"),
    },
    "labelled_ad_share_row_and_author_box": {
        "rows": [
            ("ANALYSIS | South Asia", "section_kicker"),
            ("Pakistan appeals for flood aid as waters keep rising", K),
            ("Posted: 09-Sep-2022 10:40", "date_line"),
            ("Sponsored: Learn Urdu online — your first lesson is free", "labelled_ad"),
            (P_FLOOD, K),
            (P_RELIEF, K),
            ("Share this analysis: X LinkedIn Email", "share_widget"),
            (
                "About the author: Our South Asia desk covers politics and disasters from "
                "Islamabad and Delhi.",
                "about_author",
            ),
            ("You might also like", "more_from"),
            ("Why Manila is rethinking its basing agreements", "trailer_cut"),
        ],
        "title": "Pakistan appeals for flood aid as waters keep rising",
        "published": ("2022-09-09", "day"),
    },
}
CASES.update(R3_CASES)


def _raw(rows: list[tuple[str, str]], sep: str = "\n\n") -> str:
    return sep.join(text for text, _ in rows) + "\n"


@pytest.mark.parametrize("name", sorted(CASES))
def test_synthetic_page(name: str) -> None:
    case = CASES[name]
    rows = case["rows"]
    result = clean_plain_text(_raw(rows))
    assert result.text == "\n\n".join(text for text, rule in rows if rule == K)
    assert [(d.text, d.reason) for d in result.dropped] == [
        (text, rule) for text, rule in rows if rule != K
    ]
    assert result.title == case["title"]
    assert result.standfirst == case.get("standfirst")
    assert (result.published, result.published_precision) == case["published"]
    if "year" in case:
        assert infer_year_from_text(result.text, TODAY_YEAR) == case["year"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Center for Global Security Studies", True),
        ("East Asia Policy Council", True),
        ("The Korea Morning Herald", True),
        ("UN Security Council Condemns Launch", False),  # a headline: the outlet word is inside
        ("Atomic Energy Agency Warns Iran", False),
        ("Kim and Moon Meet Today", False),
        ("Council Members Reject the 2019 Budget", False),
    ],
)
def test_masthead_shape(line: str, expected: bool) -> None:
    assert is_site_name(line) is expected


def test_masthead_loses_title_only_to_another_headline() -> None:
    alone = clean_plain_text(f"East Asia Policy Council\n\n{P_TALKS}\n\n{P_SANCTIONS}\n")
    assert alone.title == "East Asia Policy Council"


def test_line_numbers_and_whitespace_normalised() -> None:
    raw = (
        "Seoul  hosts\u00a0regional security forum amid missile tensions \r\n"
        "\r\n"
        f"  {P_MISSILE}\t\r\n"
        "Share\r\n"
        "\r\n"
        f"{P_RESPONSE}\u200b"
    )
    result = clean_plain_text(raw)
    assert result.title == "Seoul hosts regional security forum amid missile tensions"
    assert result.text == "\n\n".join([result.title, P_MISSILE, P_RESPONSE])
    assert [(d.line_no, d.reason) for d in result.dropped] == [(4, "share_widget")]


def test_empty_input() -> None:
    result = clean_plain_text("  \n\n")
    assert result == CleanResult("", None, None, "unknown", None, [])


# --- metadata --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("February 8, 2006 4:20 pm (EST)", ("2006-02-08", "day")),
        ("Published: 12 June 2018", ("2018-06-12", "day")),
        ("2018-06-12", ("2018-06-12", "day")),
        ("Updated Jan. 3, 2019", ("2019-01-03", "day")),
        ("June 27, 1950", ("1950-06-27", "day")),
        ("Tuesday, Sept. 11, 2001", ("2001-09-11", "day")),
        ("Posted on March 3rd, 2020 at 3 p.m.", ("2020-03-03", "day")),
        ("Last updated: 14:05 GMT, 3 March 2021", ("2021-03-03", "day")),
        ("By Jane Doe, Reuters | June 12, 2018 10:32 AM ET", ("2018-06-12", "day")),
        ("Published June 2018", ("2018-06", "month")),
        ("Published: 2006", ("2006", "year")),
        ("Published 9 Feb 2024", ("2024-02-09", "day")),
        ("Sept 2, 1998 GMT", ("1998-09-02", "day")),
        ("Updated: 2023-08-18 10:22 KST", ("2023-08-18", "day")),
        ("입력 2024.11.06 09:12", ("2024-11-06", "day")),
        ("2024년 11월 6일 09:12", ("2024-11-06", "day")),
        ("2024.11.06 (수) 09:12", ("2024-11-06", "day")),
        ("28/02/2019 IST", ("2019-02-28", "day")),
        ("Wednesday, September 2, 1998 Published at 03:12 GMT 04:12 UK", ("1998-09-02", "day")),
        ("February 28, 2019 / 6:05 AM / Updated 5 years ago", ("2019-02-28", "day")),
        ("Thu 28 Feb 2019 18.05 GMT", ("2019-02-28", "day")),
        ("Asia-Pacific | Wednesday, 17 June 2020", ("2020-06-17", "day")),
        ("World News · Published: March 3, 2021", ("2021-03-03", "day")),
        ("Posted: 10-Jun-2004 08:15", ("2004-06-10", "day")),
        ("10-Jun-2004", ("2004-06-10", "day")),
    ],
)
def test_date_line_formats(line: str, expected: tuple[str, str]) -> None:
    assert find_publication_date([line]) == expected


@pytest.mark.parametrize(
    "line",
    [
        "2006",
        "June 27, 1950 was the day the war began.",
        "In June 2018 the talks failed.",
        "Feb 30, 2020",
        "By Tuesday, June 12, 2018 the vote was over.",
        "North Korea fired | missiles in June 2020",
        "Seoul | 2024",
        "Analysis | 5-minute read",
        "10-Jun-04",
    ],
)
def test_not_date_lines(line: str) -> None:
    assert parse_date_line(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("28/02/2019 18:05", "2019-02-28"),  # 28 can only be the day
        ("02/28/2019 6:05 PM", "2019-02-28"),  # 28 can only be the day
        ("03/04/2019", "2019-04-03"),  # ambiguous, no hint: day first (numeric_dates.default)
        ("03.04.2019", "2019-04-03"),
        ("03/04/2019 10:00 EST", "2019-03-04"),  # a US zone reads month first
        ("03/04/2019 10:00 BST", "2019-04-03"),
        ("Monday 03/04/2019", "2019-03-04"),  # 4 March 2019 was a Monday, 3 April a Wednesday
        ("Wednesday 03/04/2019", "2019-04-03"),
        ("12/12/2019", "2019-12-12"),
    ],
)
def test_numeric_date_order(line: str, expected: str) -> None:
    parsed = parse_date_line(line)
    assert parsed is not None and (parsed.iso, parsed.precision) == (expected, "day")


@pytest.mark.parametrize(
    "line", ["13/13/2019", "31/02/2019", "1.5 2019", "June 12, 2018 Seoul / Reuters"]
)
def test_not_numeric_date_lines(line: str) -> None:
    assert parse_date_line(line) is None


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("수정 2024.11.06 11:02", "updated"),
        ("입력 2024.11.06 09:14 | Updated 2024.11.06 11:02", "published"),
        ("September 2, 1998 Updated at 10:00 GMT", "updated"),
        ("Wednesday, September 2, 1998 Published at 03:12 GMT", "published"),
        ("September 2, 1998", "plain"),
    ],
)
def test_korean_and_trailing_labels_set_the_kind(line: str, kind: str) -> None:
    parsed = parse_date_line(line)
    assert parsed is not None and parsed.kind == kind


def test_korean_published_label_beats_updated() -> None:
    lines = ["수정 2024.11.07 11:02", "입력 2024.11.06 09:14"]
    assert find_publication_date(lines) == ("2024-11-06", "day")


def test_published_label_beats_updated() -> None:
    lines = ["Updated Jan. 3, 2019", "Published: 12 June 2018"]
    assert find_publication_date(lines) == ("2018-06-12", "day")
    assert find_publication_date(["No date here."]) == (None, "unknown")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In 2026, it reads more like a statement of intent.", "2026"),
        ("Seoul wants the alliance to be understood in 2026.", "2026"),
        ("In 2019 the plan began; the project will finish by 2030.", "2019"),
        ("Output is expected in 2025 to double, officials said in 2021.", "2021"),
        ("The plan for 2025 was dropped in 2021.", "2021"),
        ("He served from 2010 to 2024. It was 2012 when he left.", "2012"),
        ("The war of 1950-53 and the talks in 1954.", "1954"),
        ("In 2019, 2024 troops were deployed to the 2020s frontier.", "2019"),
        ("A reactor due in 2028 and a summit in 2031.", None),
        ("Seoul will pay 1.5 trillion won toward the upkeep of U.S. forces in 2026.", None),
        ("In 2025, talks resumed. Seoul will pay more for U.S. forces in 2026.", "2025"),
        ("The pact, which will lapse soon, was first signed in Geneva in 2024.", "2024"),
        ("The delay is due to the war in 2022.", "2022"),
        ("The pact expires in 2026; it was signed in 2021.", "2021"),
        # round 3: asides inside a future clause, future auxiliaries after the year
        (
            "In 2025 it signed. Seoul will pay 1.5 trillion won, about $1.1 billion, in 2026.",
            "2025",
        ),
        ("Seoul will host talks, officials said in 2024.", "2024"),
        ("In 2024 talks resumed. The 2026 midterms will test the alliance.", "2024"),
        ("In 2024 talks resumed. In 2026, Seoul will pay more.", "2024"),
        ("Officials said in 2024 that Seoul will pay more.", "2024"),
        ("In 2025, it said that talks will resume.", "2025"),
        ("In June 2025 talks resumed. Parties are preparing for the 2026 midterms.", "2025"),
        ("In 2021 talks resumed. Lee won the 2022 election.", "2022"),
        ("In 2021 talks resumed. The 2022 election was close.", "2022"),
        ("The 2024 election is a test of the alliance.", "2024"),  # no other year left
        ("No years at all, next year either.", None),
    ],
)
def test_infer_year(text: str, expected: str | None) -> None:
    assert infer_year_from_text(text, TODAY_YEAR) == expected


def test_detect_language() -> None:
    assert detect_language(P_TALKS)[0] == "en"
    lang, conf = detect_language(
        "Les négociateurs iraniens et européens se sont réunis lundi à Vienne pour la première "
        "fois depuis cinq mois."
    )
    assert lang == "fr" and 0.5 < conf <= 1.0
    assert detect_language("  1234 ") == ("und", 0.0)


@pytest.mark.parametrize(
    ("line", "at_edge", "expected"),
    [
        ("Ellen Ortiz reported from Taipei and Kenji Mori from Tokyo.", True, "reporter_signoff"),
        ("Kenji Mori contributed reporting.", True, "reporter_signoff"),
        ("Ellen Ortiz reported from Taipei and Kenji Mori from Tokyo.", False, None),
        ("Police reported from the scene that three people had died.", True, None),
        ("About the author: Our Asia desk covers diplomacy from Seoul.", True, "about_author"),
        ("About the author of the plan, little is known in Seoul.", True, None),
        ("Sponsored: Learn Korean online — your first lesson is free", False, "labelled_ad"),
        ("Written By", False, "byline_label"),
        ("By", False, "byline_label"),
        ("Reader comments (12)", False, "comment_section"),
        ("Share this analysis: X LinkedIn Email", False, "share_widget"),
        ("Menu Search Sign in Subscribe", False, "account_nav"),
        ("Opinion | Korea", False, "section_kicker"),
        ("Opinion | Why Seoul keeps paying for an alliance it doubts", False, None),
    ],
)
def test_round3_line_rules(line: str, at_edge: bool, expected: str | None) -> None:
    rule = match_rule(line, at_edge=at_edge)
    assert (rule.name if rule else None) == expected
