"""Cleaning trafilatura's main content (HTML path): article shapes stay, chrome still goes.

The same lines read as a whole scraped page (plain text) keep the plain-text rules:
runs of short lines, other-script lines and post attributions are dropped there.
"""

from __future__ import annotations

from tiegraph.ingest.clean import clean_plain_text, n_words
from tiegraph.ingest.readers import make_input
from tiegraph.model import Document
from tiegraph.pipeline import prepare

P1 = (
    "The foreign ministers of the two countries met in Geneva on Tuesday to discuss the "
    "stalled trade agreement. Officials said the talks lasted more than four hours."
)
P2 = (
    "Critics argued that the extension had been approved without a clear exit strategy, "
    "and the opposition called for an inquiry into the negotiations."
)
LEDE = "GENEVA — Trade ministers meet again this week with little sign of a breakthrough"
LIST = [
    "Key points",
    "- Tariffs on steel and aluminium",
    "- Quotas for farm goods",
    "- A review clause",
]
TABLE = [
    "| Day | Time | Session |",
    "| Monday | 09:00 | Opening session |",
    "| Monday | 14:00 | Working groups |",
]
POST = ["Frank and constructive talks today in Geneva", "— Foreign Ministry (@MoFA) March 3, 2024"]
SCRIPTS = [
    "外交部发言人表示，双方进行了坦诚和建设性的会谈。",
    "외교부는 “대화의 문은 열려 있다”고 밝혔다.",
    "The banners read 평화와 번영 and 和平与繁荣 in the square",
]
SHAPES = [LEDE, *LIST, *TABLE, *POST, *SCRIPTS]
CHROME = ["Advertisement", "Share  Tweet  Email", "Sponsored: Learn Korean online fast"]


def _page() -> str:
    return "\n".join(
        ["Ministers meet in Geneva as trade talks stall", LEDE, P1, CHROME[0], *LIST, *TABLE]
        + [CHROME[1], *POST, P2, *SCRIPTS, CHROME[2]]
    )


def test_extracted_text_keeps_every_article_shape():
    result = clean_plain_text(_page(), extracted=True)
    kept = result.text.split("\n\n")
    for line in SHAPES:
        assert line in kept, line
    assert P1 in kept and P2 in kept


def test_extracted_text_still_loses_line_chrome():
    result = clean_plain_text(_page(), extracted=True)
    kept = result.text.split("\n\n")
    for line in CHROME:
        assert line not in kept, line
    assert {d.reason for d in result.dropped} == {"advertisement", "share_widget", "labelled_ad"}


def test_plain_text_keeps_its_rules():
    """A scraped page is not trafilatura's output: the shape rules still apply to it."""
    reasons = {d.text: d.reason for d in clean_plain_text(_page()).dropped}
    assert reasons["— Foreign Ministry (@MoFA) March 3, 2024"] == "embedded_post"
    assert reasons["외교부는 “대화의 문은 열려 있다”고 밝혔다."] == "foreign_script"
    assert reasons["- Tariffs on steel and aluminium"] == "short_line_run"


def test_short_repeated_cells_stay_but_repeated_paragraphs_go_when_extracted():
    text = "\n".join([P1, "| Monday | TBD |", "| Tuesday | TBD |", "TBD", "TBD", P2, P1])
    result = clean_plain_text(text, extracted=True)
    assert result.text.split("\n\n").count("TBD") == 2
    assert [d.reason for d in result.dropped] == ["duplicate_line"]


def test_cjk_lines_are_not_short():
    """A space-free Chinese or Japanese sentence counts about one word per two characters."""
    assert n_words("外交部发言人表示，双方进行了坦诚和建设性的会谈。") >= 10
    assert n_words("北朝鮮外務省は声明で、制裁の解除を改めて要求した。") >= 10
    assert n_words("Talks end in Geneva") == 4


def test_html_page_keeps_list_table_post_and_scripts():
    items = "".join(f"<li>{x[2:]}</li>" for x in LIST[1:])
    rows = "".join(
        "<tr>" + "".join(f"<td>{c.strip()}</td>" for c in r.strip("| ").split("|")) + "</tr>"
        for r in TABLE
    )
    page = (
        "<html><head><title>Ministers meet in Geneva</title></head><body><nav>Home World</nav>"
        f"<article><h1>Ministers meet in Geneva</h1><p>{LEDE}</p><p>{P1}</p>"
        f"<h2>Key points</h2><ul>{items}</ul><table>{rows}</table>"
        f'<blockquote class="twitter-tweet"><p>{POST[0]}</p>{POST[1]}</blockquote>'
        f"<p>{SCRIPTS[0]}</p><p>{SCRIPTS[1]}</p><p>{P2}</p></article>"
        "<footer>Privacy policy</footer></body></html>"
    )
    doc = prepare(make_input(page.encode(), "p.html", "html", {}))
    assert isinstance(doc, Document)
    for needle in [LEDE, "Quotas for farm goods", "Opening session", POST[1], *SCRIPTS[:2]]:
        assert needle in doc.text, needle
    assert doc.dropped_lines == 0


def test_pipe_separated_rows_are_table_rows_when_extracted():
    """ "Day | Time | Session" is a breadcrumb in a scraped page, a table row in extracted HTML."""
    rows = ["Day | Time | Session", "Monday | 09:00 | Opening session"]
    text = "\n".join([P1, *rows, P2])
    assert rows[0] in clean_plain_text(text, extracted=True).text.split("\n\n")
    assert {d.reason for d in clean_plain_text(text).dropped} == {"breadcrumb_nav"}
