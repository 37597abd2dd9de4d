"""Small input builders shared by the ingestion tests: articles, HTML pages, WARC files."""

from __future__ import annotations

import html as htmllib
import io

PARAGRAPHS = [
    "The foreign ministers of Norway and Chile met in Oslo on Tuesday to discuss fisheries "
    "quotas, officials said after the talks.",
    "Both delegations described the meeting as constructive and agreed to meet again in "
    "Santiago before the end of the year.",
    "Trade between the two countries has grown steadily over the past decade, driven by "
    "salmon, copper and wine.",
    "Opposition lawmakers in Oslo criticised the government for moving too slowly on the "
    "agreement and demanded a vote in parliament.",
]


def article_text(n: int = 3, title: str = "Norway and Chile resume fisheries talks") -> str:
    """A plain-text article: headline, blank line, paragraphs."""
    return title + "\n\n" + "\n\n".join(PARAGRAPHS[:n]) + "\n"


def article_html(
    paragraphs: list[str] | None = None,
    title: str = "Norway and Chile resume fisheries talks",
    date: str | None = "2021-03-09",
    site: str | None = "The Fjord Ledger",
    author: str | None = "Ingrid Solberg",
    charset: str = "utf-8",
) -> str:
    """An article page with navigation, an ad, related links, comments and a footer."""
    paragraphs = PARAGRAPHS if paragraphs is None else paragraphs
    head = [f'<meta charset="{charset}">', f"<title>{htmllib.escape(title)}</title>"]
    if date:
        head.append(f'<meta property="article:published_time" content="{date}T09:00:00Z">')
    if site:
        head.append(f'<meta property="og:site_name" content="{htmllib.escape(site)}">')
    if author:
        head.append(f'<meta name="author" content="{htmllib.escape(author)}">')
    body = "".join(f"<p>{htmllib.escape(p)}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html lang='en'><head>{''.join(head)}</head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a>"
        "</nav></header><main><article>"
        f"<h1>{htmllib.escape(title)}</h1>{body}"
        "<div class='ad'>Advertisement</div></article>"
        "<aside><h3>Related</h3><ul><li><a href='/a'>Markets close higher</a></li>"
        "<li><a href='/b'>Weather: storms ahead</a></li></ul></aside></main>"
        "<section class='comments'><h3>Comments</h3><div class='comment'><p>First! Great "
        "article, thanks.</p></div></section>"
        "<footer><p>Copyright 2021 The Fjord Ledger. All rights reserved.</p></footer>"
        "</body></html>"
    )


def warc_bytes(
    pages: list[tuple[str, str]], gz: bool = False, with_other_records: bool = True
) -> bytes:
    """A WARC of HTML response records (plus an image and a 404 page, which are not documents)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)

    def response(url: str, body: bytes, status: str, ctype: str) -> None:
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        rec = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(rec)

    for url, page in pages:
        response(url, page.encode("utf-8"), "200 OK", "text/html; charset=utf-8")
        if with_other_records:
            response(url + ".png", b"\x89PNG\r\n\x1a\n....", "200 OK", "image/png")
    if with_other_records:
        response(
            "https://example.org/missing", b"<html>Not found</html>", "404 Not Found", "text/html"
        )
    return buf.getvalue()
