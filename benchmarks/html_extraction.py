"""HTML main-content extraction quality on generated pages with known body text.

Builds N article pages (default 24) from six page layouts — semantic HTML5, div soup
with inline ads, an old table layout with <br> paragraphs, articles with inline
"read more" links, figures/lists/quotes, and pages with long comment threads — each
wrapped in navigation, ad slots, newsletter boxes, share widgets, related links,
comments and footers. The body paragraphs are drawn (seeded) from sentences written
for this benchmark. Every page goes through the real seam (`readers.make_input` then
`pipeline.prepare`, no spaCy), and the clean text is scored against the known body
with word-shingle precision/recall (sets of lower-cased word 3-grams), per page and
micro-averaged. The known text is the headline followed by the body: like a scraped
text file, a document's clean text starts with its headline. Title, date, author and publisher are checked too.

    .venv/bin/python benchmarks/html_extraction.py [--pages 24] [--shape-pages 12] [--seed 7]
    .venv/bin/python benchmarks/html_extraction.py --drops ../shared/corpus/voa-dev/voa_dev.jsonl

Twelve more pages (`--shape-pages`) carry body shapes that page chrome also takes:
lists, tables and schedules, an unpunctuated lede, an embedded post, lines in Korean,
Chinese and Japanese. Every page is also scored on trafilatura's text alone (as
`ingest.html.extract_html` calls it), so the cleaner after it is shown to add, not lose.

`--drops` prints, for JSONL stories read as plain text, the lines each cleaning rule
drops (and how many the same text loses when taken as extracted HTML); it writes
benchmarks/results/drops_NAME.json.

Writes the pages to benchmarks/fixtures/html/ (NN.html / sNN.html + .json with the gold)
and the scores to benchmarks/results/html_extraction.json.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures" / "html"
RESULTS = HERE / "results" / "html_extraction.json"

SENTENCES = [
    "The foreign ministers of the two countries met in Geneva on Tuesday to discuss the stalled trade agreement.",
    "Officials said the talks lasted more than four hours and ended without a joint statement.",
    "The defence ministry announced that the annual naval exercise would go ahead despite objections from its neighbour.",
    "Analysts in the capital described the decision as a signal that the government would not bend to outside pressure.",
    "A spokesperson for the presidential office declined to comment on reports of a secret meeting.",
    "The parliament voted on Thursday to extend the deployment of peacekeepers for another twelve months.",
    "Critics argued that the extension had been approved without a clear exit strategy.",
    "The central bank warned that new tariffs could cut exports by as much as three percent next year.",
    "Diplomats from both sides have been trading accusations since the border incident in the spring.",
    "The prime minister told reporters that dialogue remained the only realistic path forward.",
    "Several thousand troops remain stationed near the frontier, according to figures released by the army.",
    "The opposition leader accused the cabinet of mishandling the crisis and called for an inquiry.",
    "Negotiators are expected to reconvene next month in a neutral venue chosen by the mediators.",
    "The agreement would lower duties on agricultural goods and open public procurement to foreign firms.",
    "Human rights groups urged the delegations to raise the case of detained journalists.",
    "The embassy issued a travel advisory after protests spread to three provincial cities.",
    "In a televised address, the president promised that the country would honour its treaty obligations.",
    "The sanctions package targets banks, shipping companies and a dozen senior officials.",
    "Trade between the two economies reached a record high last year despite the political tensions.",
    "A senior official said the missile launch violated several resolutions of the Security Council.",
    "The summit communique called for restraint and for the resumption of humanitarian access.",
    "Regional leaders welcomed the ceasefire but cautioned that it remained fragile.",
    "The energy minister signed a memorandum on a new pipeline that would bypass the contested strait.",
    "Observers noted that the tone of the statement was softer than in previous years.",
    "The alliance has held joint drills every summer since the treaty was signed decades ago.",
    "Local newspapers reported that the ambassador had been summoned to explain the remarks.",
    "The finance ministry pledged two billion dollars in aid for reconstruction over five years.",
    "Farmers near the border said they had been told to prepare for evacuation.",
    "The foreign minister insisted that the country sought good relations with all its neighbours.",
    "Experts said the new satellite images showed construction at a site that had been dormant.",
    "The two governments agreed to set up a hotline to prevent accidental clashes at sea.",
    "The United Nations envoy said both parties had shown a willingness to compromise on prisoners.",
    "Public opinion polls suggest that a majority of voters support closer ties with the bloc.",
    "The visit was the first by a head of government from the region in more than a decade.",
    "The ministry said it would retaliate if the tariffs took effect as planned.",
    "Industry groups lobbied hard against the export controls, warning of lost jobs.",
    "The coast guard detained a fishing vessel that it said had entered territorial waters.",
    "A joint investigation team will examine the causes of the explosion at the port.",
    "The talks are seen as a test of whether the new administration can deliver on its promises.",
    "Both delegations described the atmosphere of the meeting as frank and constructive.",
]
HEADINGS = [
    "A fragile truce",
    "Pressure at home",
    "What comes next",
    "Economic stakes",
    "Reactions abroad",
    "The road to the summit",
]
TITLES = [
    "Ministers meet in Geneva as trade talks stall",
    "Parliament extends peacekeeping mission despite criticism",
    "Tariff threat looms over record bilateral trade",
    "Border incident strains ties between neighbours",
    "Summit ends with call for restraint and humanitarian access",
    "Naval exercise to go ahead over neighbour's objections",
    "Sanctions target banks and shipping firms",
    "Envoy sees willingness to compromise on prisoners",
]
SITES = ["The Daily Meridian", "Harbor Times", "Global Affairs Review", "Capital Courier"]
AUTHORS = ["Jane Alder", "Omar Haddad", "Lena Petrov", "Min-jun Park", "Carlos Ruiz"]
COMMENTS = [
    "This is exactly what I predicted last week, nobody listens though.",
    "Great reporting as always, thanks for covering this story.",
    "I disagree with the premise, the government has been clear for years.",
    "Why is nobody talking about the cost of all this for ordinary people?",
    "Subscribed just to say this article is biased.",
    "My family lives near the border and we are worried about what happens next.",
]
RELATED = [
    "Ten things to know about the new budget",
    "Opinion: why the alliance still matters",
    "Markets rally as inflation eases",
    "Photos: the week in pictures",
    "Watch: interview with the finance minister",
    "How the election could reshape foreign policy",
]
TEASERS = [
    "The finance minister said on Monday that the budget would prioritise defence spending.",
    "Voters head to the polls next week in an election dominated by the cost of living.",
    "A new study finds that shipping costs have doubled since the start of the year.",
]
BIO = (
    "{author} is a correspondent who has covered diplomacy and security for the paper since "
    "2015. Follow her reporting on our website."
)
NEWSLETTER = (
    "Sign up for our daily briefing to get the biggest stories delivered to your inbox every "
    "morning."
)
AD_BOX = '<div class="advertisement">Advertisement Sponsored content: best travel deals</div>'
NEWSLETTER_BOX = f'<div class="newsletter-box"><p>{NEWSLETTER}</p></div>'
NAV = ["Home", "World", "Politics", "Business", "Opinion", "Sport", "Culture", "Video", "Podcasts"]
ADS = [
    "Advertisement",
    "Sponsored content: Discover the best travel deals of the season",
    "Subscribe now and get your first month free",
]


def body_for(rng: random.Random) -> list[tuple[str, str]]:
    """Body blocks as (kind, text): kind is p, h2, li or quote."""
    blocks: list[tuple[str, str]] = []
    pool = SENTENCES[:]
    rng.shuffle(pool)
    n_par = rng.randint(5, 8)
    for i in range(n_par):
        if i in (3, 6) and rng.random() < 0.6:
            blocks.append(("h2", rng.choice(HEADINGS)))
        k = rng.randint(2, 4)
        sents, pool = pool[:k], pool[k:] + pool[:k]
        blocks.append(("p", " ".join(sents)))
    return blocks


def _date_parts(rng: random.Random) -> tuple[str, str]:
    y, m, d = rng.randint(2001, 2024), rng.randint(1, 12), rng.randint(1, 28)
    months = "January February March April May June July August September October November December"
    return f"{y:04d}-{m:02d}-{d:02d}", f"{months.split()[m - 1]} {d}, {y}"


def _blocks_html(blocks: list[tuple[str, str]], inline_junk: list[str] | None = None) -> str:
    out = []
    for i, (kind, text) in enumerate(blocks):
        t = html.escape(text)
        if kind in SHAPE_HTML:
            out.append(SHAPE_HTML[kind](text))
        elif kind == "h2":
            out.append(f"<h2>{t}</h2>")
        elif kind == "quote":
            out.append(f"<blockquote><p>{t}</p></blockquote>")
        elif kind == "li":
            out.append(f"<ul><li>{t}</li></ul>")
        else:
            out.append(f"<p>{t}</p>")
        if inline_junk and i in (1, 4):
            out.append(inline_junk[i % len(inline_junk)])
    return "\n".join(out)


def _nav() -> str:
    return (
        "<nav><ul>"
        + "".join(f'<li><a href="/{n.lower()}">{n}</a></li>' for n in NAV)
        + "</ul></nav>"
    )


def _related(rng: random.Random) -> str:
    items = rng.sample(RELATED, 4)
    return (
        '<aside class="related"><h3>Related stories</h3><ul>'
        + "".join(f'<li><a href="/r/{i}">{html.escape(t)}</a></li>' for i, t in enumerate(items))
        + "</ul></aside>"
    )


def _teasers(rng: random.Random) -> str:
    return (
        '<section class="more-stories"><h3>More from World</h3>'
        + "".join(
            f'<div class="teaser"><h4><a href="/t/{i}">{html.escape(rng.choice(RELATED))}</a></h4>'
            f"<p>{html.escape(t)}</p></div>"
            for i, t in enumerate(rng.sample(TEASERS, 2))
        )
        + "</section>"
    )


def _comments(rng: random.Random, n: int) -> str:
    items = [rng.choice(COMMENTS) for _ in range(n)]
    return (
        '<section id="comments" class="comments"><h3>Comments</h3>'
        + "".join(
            f'<div class="comment"><span class="user">reader{i}</span><p>{html.escape(c)}</p></div>'
            for i, c in enumerate(items)
        )
        + "</section>"
    )


def _footer(site: str) -> str:
    return (
        f"<footer><p>&copy; 2024 {html.escape(site)}. All rights reserved.</p>"
        '<p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a> | '
        '<a href="/contact">Contact us</a></p></footer>'
    )


def _head(title: str, site: str, author: str, iso: str, style: int) -> str:
    t = html.escape(title)
    metas = [f"<title>{t} | {html.escape(site)}</title>", '<meta charset="utf-8">']
    if style % 3 == 0:
        metas.append(f'<meta property="article:published_time" content="{iso}T08:30:00Z">')
        metas.append(f'<meta property="og:site_name" content="{html.escape(site)}">')
        metas.append(f'<meta name="author" content="{html.escape(author)}">')
        metas.append(f'<meta property="og:title" content="{t}">')
    elif style % 3 == 1:
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "datePublished": f"{iso}T10:00:00+09:00",
            "author": {"@type": "Person", "name": author},
            "publisher": {"@type": "Organization", "name": site},
        }
        metas.append(f'<script type="application/ld+json">{json.dumps(ld)}</script>')
    else:
        metas.append(f'<meta name="date" content="{iso}">')
        metas.append(f'<meta name="author" content="{html.escape(author)}">')
    metas.append("<script>window.dataLayer=[];function track(){return 1;}</script>")
    metas.append("<style>.ad{display:block}</style>")
    return "<head>" + "".join(metas) + "</head>"


def layout_semantic(rng, title, site, author, iso, written, blocks) -> str:
    return (
        f"<header><div class='logo'>{html.escape(site)}</div>{_nav()}</header>"
        f"<main><article><h1>{html.escape(title)}</h1>"
        f"<p class='byline'>By {html.escape(author)} | <time datetime='{iso}'>{written}</time></p>"
        f"{_blocks_html(blocks, [AD_BOX])}"
        f"</article>{_related(rng)}{_teasers(rng)}</main>"
        f"{_comments(rng, rng.randint(2, 5))}{_footer(site)}"
    )


def layout_divsoup(rng, title, site, author, iso, written, blocks) -> str:
    junk = [
        f'<div class="ad-slot"><span>{ADS[0]}</span><a href="/ad">{ADS[1]}</a></div>',
        f'<div class="newsletter"><h4>Newsletter</h4><p>{ADS[2]}</p>'
        '<input type="email"><button>Sign up</button></div>',
    ]
    return (
        f'<div class="wrapper"><div class="top-menu">{_nav()}</div>'
        f'<div class="share"><a>Share on Facebook</a> <a>Tweet</a> <a>Email</a></div>'
        f'<div class="content-area"><div class="story"><h1 class="headline">{html.escape(title)}</h1>'
        f'<div class="meta">{html.escape(author)} &middot; {written}</div>'
        f'<div class="story-body">{_blocks_html(blocks, junk)}</div></div>'
        f'<div class="sidebar">{_related(rng)}<div class="ad">{ADS[1]}</div></div></div>'
        f"{_footer(site)}</div>"
    )


def layout_table(rng, title, site, author, iso, written, blocks) -> str:
    paras = "<br><br>\n".join(html.escape(t) for k, t in blocks)
    menu = "<br>".join(f'<a href="/{n}">{n}</a>' for n in NAV)
    return (
        f'<table width="100%"><tr><td colspan="2"><font size="5">{html.escape(site)}</font></td></tr>'
        f'<tr><td width="150" valign="top">{menu}</td><td valign="top">'
        f"<h1>{html.escape(title)}</h1><p><i>{written}</i> - by {html.escape(author)}</p>"
        f'<div class="text">{paras}</div></td></tr>'
        f'<tr><td colspan="2">{_footer(site)}</td></tr></table>'
    )


def layout_readmore(rng, title, site, author, iso, written, blocks) -> str:
    items = rng.sample(RELATED, 2)
    junk = [
        f'<p class="read-more"><strong>Read more:</strong> <a href="/x">{t}</a></p>' for t in items
    ]
    return (
        f"<header>{_nav()}</header><article><header><h1>{html.escape(title)}</h1>"
        f'<div class="author">{html.escape(author)}</div><time datetime="{iso}">{written}</time></header>'
        f'<div class="article-body">{_blocks_html(blocks, junk)}</div>'
        f'<div class="author-bio"><p>{html.escape(BIO.format(author=author))}</p></div>'
        f'<div class="tags">Tags: <a>diplomacy</a> <a>trade</a> <a>security</a></div></article>'
        f"{_related(rng)}{_footer(site)}"
    )


def layout_rich(rng, title, site, author, iso, written, blocks) -> str:
    fig = (
        '<figure><img src="/img/1.jpg" alt="delegates"><figcaption>Delegates arrive for the '
        "meeting. Photo: Agency</figcaption></figure>"
    )
    return (
        f"<header>{_nav()}</header><main><article><h1>{html.escape(title)}</h1>"
        f"<p class='byline'>{html.escape(author)}, {written}</p>{fig}"
        f"{_blocks_html(blocks, [NEWSLETTER_BOX])}"
        f"</article></main>"
        f'<div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>'
        f"{_footer(site)}"
    )


def layout_comments(rng, title, site, author, iso, written, blocks) -> str:
    return (
        f"<header><div>{html.escape(site)}</div>{_nav()}</header>"
        f'<div id="main"><div class="post"><h1>{html.escape(title)}</h1>'
        f'<p class="date">{written}</p><div class="entry">{_blocks_html(blocks)}</div></div>'
        f"{_comments(rng, rng.randint(8, 14))}</div>{_related(rng)}{_footer(site)}"
    )


LAYOUTS = [
    layout_semantic,
    layout_divsoup,
    layout_table,
    layout_readmore,
    layout_rich,
    layout_comments,
]


# --- article shapes that page chrome also takes (issue 19) ------------------------------------
# Body content that trafilatura keeps and a plain-text chrome rule would take for chrome:
# lists of short items, tables and schedules, an unpunctuated lede, an embedded post with
# its attribution, and lines in another script (Korean, Chinese, mixed with English).
# Their gold text is what a reader sees; table cells are joined by spaces.
KEY_POINTS = [
    "Tariffs on steel and aluminium",
    "Quotas for farm goods",
    "A review clause after three years",
    "Access to public procurement",
]
SCHEDULE = [
    ["Day", "Time", "Session"],
    ["Monday", "09:00", "Opening session"],
    ["Monday", "14:00", "Working groups on tariffs"],
    ["Tuesday", "10:00", "Ministerial meeting"],
    ["Tuesday", "16:00", "Press conference"],
]
EXPORTS = [
    ["Sector", "2023", "2024"],
    ["Steel", "4.1 billion", "3.2 billion"],
    ["Farm goods", "2.7 billion", "2.9 billion"],
    ["Machinery", "6.0 billion", "6.4 billion"],
]
LEDES = [
    "GENEVA — Trade ministers from both countries meet again this week with little sign of a breakthrough",
    "Three days of talks, no joint statement and a deadline that is now only weeks away",
]
POSTS = [
    (
        "Frank and constructive talks today with our partners in Geneva",
        "— Foreign Ministry (@MoFA) March 3, 2024",
    ),
    (
        "We will not accept tariffs imposed without consultation",
        "— Trade Office (@TradeOffice) May 9, 2024",
    ),
]
SCRIPT_LINES = [
    "외교부는 “대화의 문은 열려 있다”고 밝혔다.",
    "外交部发言人表示，双方进行了坦诚和建设性的会谈。",
    "北朝鮮外務省は声明で、制裁の解除を改めて要求した。",
    "통일부 당국자는 남북 대화 재개를 위해 노력하겠다고 말했다",
    "The banners read 평화와 번영 and 和平与繁荣, peace and prosperity.",
]


def _rows_html(rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in rows[0])
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows[1:]
    )
    return f"<table><tr>{head}</tr>{body}</table>"


SHAPE_HTML = {
    "ul": lambda t: "<ul>" + "".join(f"<li>{html.escape(x)}</li>" for x in t.split("\n")) + "</ul>",
    "table": lambda t: _rows_html([r.split(" | ") for r in t.split("\n")]),
    "lede": lambda t: f"<p class='lede'>{html.escape(t)}</p>",
    "post": lambda t: (
        f'<blockquote class="twitter-tweet"><p lang="en">{html.escape(t.split(chr(10))[0])}</p>'
        f"{html.escape(t.split(chr(10))[1])}</blockquote>"
    ),
    "script": lambda t: f"<p>{html.escape(t)}</p>",
}


def shaped(blocks: list[tuple[str, str]], rng: random.Random, kind: int) -> list[tuple[str, str]]:
    """The body with one group of article shapes put in (kind cycles through four groups)."""
    out = blocks[:]
    if kind == 0:  # a heading with a list of key points, a schedule table
        out.insert(2, ("h2", "Key points"))
        out.insert(3, ("ul", "\n".join(KEY_POINTS)))
        out.append(("table", "\n".join(" | ".join(r) for r in SCHEDULE)))
    elif kind == 1:  # an unpunctuated lede, a table of figures
        out.insert(0, ("lede", rng.choice(LEDES)))
        out.insert(3, ("table", "\n".join(" | ".join(r) for r in EXPORTS)))
    elif kind == 2:  # an embedded post with its attribution, a closing list
        out.insert(2, ("post", "\n".join(rng.choice(POSTS))))
        out.append(("ul", "\n".join(rng.sample(KEY_POINTS, 3))))
    else:  # lines in Korean, Chinese and Japanese, and a mixed-script line
        for j, line in enumerate(SCRIPT_LINES):
            out.insert(1 + 2 * j, ("script", line))
    return out


def gold_lines(blocks: list[tuple[str, str]]) -> list[str]:
    """The reader's text of each block (table rows as their cells)."""
    return [line.replace(" | ", " ") for _, text in blocks for line in text.split("\n")]


def enrich(blocks: list[tuple[str, str]], rng: random.Random, layout: int) -> list[tuple[str, str]]:
    """Rich pages also carry a pull quote and a list item in the body."""
    if layout != 4:
        return blocks
    out = blocks[:]
    out.insert(2, ("quote", rng.choice(SENTENCES)))
    out.insert(4, ("li", rng.choice(SENTENCES)))
    return out


def build_page(i: int, seed: int, shapes: bool = False) -> tuple[str, dict]:
    """Page `i`; with `shapes`, its body also carries one group of article shapes."""
    rng = random.Random(seed * 1000 + i + (500 if shapes else 0))
    layout = i % len(LAYOUTS)
    title = TITLES[i % len(TITLES)]
    site, author = rng.choice(SITES), rng.choice(AUTHORS)
    iso, written = _date_parts(rng)
    blocks = enrich(body_for(rng), rng, layout)
    if shapes:
        blocks = shaped(blocks, rng, i % 4)
    body = LAYOUTS[layout](rng, title, site, author, iso, written, blocks)
    page = f"<!DOCTYPE html><html lang='en'>{_head(title, site, author, iso, i)}<body>{body}</body></html>"
    gold = {
        "layout": LAYOUTS[layout].__name__,
        "title": title,
        "published": iso,
        "author": author,
        "publisher": site,
        "shapes": shapes,
        "body": gold_lines(blocks),
        "url": f"https://news.example.org/{iso[:4]}/{i:02d}/story.html",
    }
    return page, gold


def shingles(text: str, n: int) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + n]) for i in range(max(len(words) - n + 1, 0))}


def prf(got: set, want: set) -> tuple[float, float, float]:
    tp = len(got & want)
    p = tp / len(got) if got else 0.0
    r = tp / len(want) if want else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _micro(tot: dict[str, int]) -> dict[str, float]:
    p = tot["tp"] / tot["got"] if tot["got"] else 0.0
    r = tot["tp"] / tot["want"] if tot["want"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score(n_pages: int, seed: int, n: int, n_shapes: int = 12) -> dict:
    """Scores of tiegraph's clean text and of trafilatura's text alone, on the same pages.

    The first `n_pages` pages are the plain layouts; `n_shapes` more carry article shapes
    (lists, tables, schedules, unpunctuated ledes, embedded posts, other scripts).
    """
    sys.path.insert(0, str(HERE.parent))
    from tiegraph.ingest.html import HtmlError, extract_html
    from tiegraph.ingest.readers import make_input
    from tiegraph.model import Document
    from tiegraph.pipeline import prepare

    FIXTURES.mkdir(parents=True, exist_ok=True)
    rows = []
    tot = {
        (who, group): {"tp": 0, "got": 0, "want": 0}
        for who in ("tiegraph", "trafilatura")
        for group in ("plain", "shapes")
    }
    meta_ok = {"title": 0, "published": 0, "author": 0, "publisher": 0}
    seconds = 0.0
    pages = [(i, False) for i in range(n_pages)] + [(i, True) for i in range(n_shapes)]
    for i, shapes in pages:
        page, gold = build_page(i, seed, shapes)
        name = f"{'s' if shapes else ''}{i:02d}"
        (FIXTURES / f"{name}.html").write_text(page, encoding="utf-8")
        (FIXTURES / f"{name}.json").write_text(json.dumps(gold, indent=2), encoding="utf-8")
        t0 = time.perf_counter()
        raw = make_input(page.encode("utf-8"), f"{name}.html", "html", {"url": gold["url"]})
        doc = prepare(raw)
        seconds += time.perf_counter() - t0
        text = doc.text if isinstance(doc, Document) else ""
        try:
            alone = extract_html(page, url=gold["url"]).text
        except HtmlError:
            alone = ""
        want = shingles("\n".join([gold["title"], *gold["body"]]), n)
        group = "shapes" if shapes else "plain"
        row: dict = {"page": name, "layout": gold["layout"], "shapes": shapes}
        for who, got_text in (("tiegraph", text), ("trafilatura", alone)):
            got = shingles(got_text, n)
            p, r, f = prf(got, want)
            t = tot[(who, group)]
            t["tp"] += len(got & want)
            t["got"] += len(got)
            t["want"] += len(want)
            row[who] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
        row["f1"] = row["tiegraph"]["f1"]
        meta = {}
        if isinstance(doc, Document):
            meta = {
                "title": doc.title == gold["title"],
                "published": doc.published == gold["published"],
                "author": doc.author == gold["author"],
                "publisher": doc.publisher == gold["publisher"],
            }
            for k, v in meta.items():
                meta_ok[k] += int(v)
        row["meta"] = meta
        row["error"] = None if isinstance(doc, Document) else doc.errors
        rows.append(row)

    def merged(who: str) -> dict[str, int]:
        a, b = tot[(who, "plain")], tot[(who, "shapes")]
        return {k: a[k] + b[k] for k in a}

    return {
        "pages": n_pages,
        "shape_pages": n_shapes,
        "shingle": n,
        "seed": seed,
        "micro": _micro(merged("tiegraph")),
        "micro_plain": _micro(tot[("tiegraph", "plain")]),
        "micro_shapes": _micro(tot[("tiegraph", "shapes")]),
        "trafilatura": {
            "micro": _micro(merged("trafilatura")),
            "micro_plain": _micro(tot[("trafilatura", "plain")]),
            "micro_shapes": _micro(tot[("trafilatura", "shapes")]),
        },
        "macro_f1": round(sum(x["f1"] for x in rows) / len(rows), 4),
        "metadata_accuracy": {k: round(v / len(pages), 3) for k, v in meta_ok.items()},
        "seconds": round(seconds, 2),
        "pages_per_second": round(len(pages) / seconds, 1),
        "per_page": rows,
    }


def _stories(path: Path) -> list[tuple[str, str]]:
    """(id, raw text) of JSONL stories (title, blank line, text) or of a folder's .txt files."""
    if path.is_dir():
        return [(f.name, f.read_text(encoding="utf-8")) for f in sorted(path.glob("*.txt"))]
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            story = json.loads(line)
            out.append((str(story.get("id")), f"{story.get('title') or ''}\n\n{story['text']}"))
    return out


def drops_per_rule(path: Path) -> dict:
    """Lines each rule drops from stories read as plain text, with what the same rules
    drop when the text is taken as trafilatura's extraction from an HTML page."""
    sys.path.insert(0, str(HERE.parent))
    from tiegraph.ingest.clean import clean_plain_text

    table: dict[str, dict] = {}
    n_stories = n_lines = 0
    for story_id, raw in _stories(path):
        n_stories += 1
        n_lines += sum(1 for ln in raw.splitlines() if ln.strip())
        for mode, extracted in (("plain", False), ("extracted", True)):
            for d in clean_plain_text(raw, extracted=extracted).dropped:
                row = table.setdefault(
                    d.reason, {"plain": 0, "extracted": 0, "stories": set(), "examples": []}
                )
                row[mode] += 1
                if mode == "plain":
                    row["stories"].add(story_id)
                    if len(row["examples"]) < 3:
                        row["examples"].append(d.text[:100])
    rules = [
        {"rule": k, "plain": v["plain"], "stories": len(v["stories"]),
         "extracted": v["extracted"], "examples": v["examples"]}
        for k, v in sorted(table.items(), key=lambda kv: -kv[1]["plain"])
    ]  # fmt: skip
    return {"source": str(path), "stories": n_stories, "lines": n_lines, "rules": rules}


def print_drops(res: dict) -> None:
    print(f"{res['stories']} stories, {res['lines']} non-blank lines, read as plain text")
    print(f"{'rule':<22} {'lines':>6} {'stories':>8} {'as HTML':>8}  example")
    for r in res["rules"]:
        ex = r["examples"][0] if r["examples"] else ""
        print(f"{r['rule']:<22} {r['plain']:>6} {r['stories']:>8} {r['extracted']:>8}  {ex[:60]}")
    total = sum(r["plain"] for r in res["rules"])
    print(f"{'total':<22} {total:>6}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=24)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--shingle", type=int, default=3)
    ap.add_argument("--shape-pages", type=int, default=12, help="pages with article shapes")
    ap.add_argument(
        "--drops",
        type=Path,
        metavar="PATH",
        help="instead: lines dropped per cleaning rule on these stories "
        "(JSONL with id, title, text; or a folder of .txt files)",
    )
    args = ap.parse_args()
    if args.drops:
        drops = drops_per_rule(args.drops)
        out = RESULTS.parent / f"drops_{args.drops.stem}.json"
        out.write_text(json.dumps(drops, indent=2, ensure_ascii=False), encoding="utf-8")
        print_drops(drops)
        print(f"-> {out.relative_to(HERE.parent)}")
        return
    res = score(args.pages, args.seed, args.shingle, args.shape_pages)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(res, indent=2), encoding="utf-8")
    print(
        f"{res['pages']} plain + {res['shape_pages']} shaped pages, word {res['shingle']}-shingles "
        f"(macro F1 {res['macro_f1']:.3f}; {res['pages_per_second']} pages/s)"
    )
    for key, label in (("micro", "all"), ("micro_plain", "plain"), ("micro_shapes", "shapes")):
        m, t = res[key], res["trafilatura"][key]
        print(
            f"  {label:<7} tiegraph P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f}"
            f" | trafilatura alone P {t['precision']:.3f} R {t['recall']:.3f} F1 {t['f1']:.3f}"
        )
    print("metadata accuracy:", res["metadata_accuracy"])
    by_layout: dict[str, list[float]] = {}
    for row in res["per_page"]:
        key = row["layout"] + (" +shapes" if row["shapes"] else "")
        by_layout.setdefault(key, []).append(row["f1"])
    for name, fs in by_layout.items():
        print(f"  {name:<18} F1 {sum(fs) / len(fs):.3f} over {len(fs)} pages")
    print(f"-> {RESULTS.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
