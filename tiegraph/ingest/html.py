"""Main-content extraction from HTML pages with trafilatura, keeping the page's metadata.

trafilatura finds the article body among navigation, ads, comments and link lists and
reads title, author, site name, canonical URL and (through htmldate) the publication
date. The date search is restricted to the page's markup — meta tags, JSON-LD, `<time>`
elements and the URL — because a search of the visible text takes copyright years and
dates of past events for the publication date; dates written in the text are read
later by the plain-text cleaner, which knows bylines and date lines.

The body keeps trafilatura's one-paragraph-per-line layout, so the plain-text cleaner
that runs after it sees the same shape as a scraped text file.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from tiegraph.ingest.clean import ends_sentence

# Without a single sentence, a page's leftover text must be this long to count as an article.
MIN_PROSE_WORDS = 40

# htmldate refuses dates before 1995 by default; archives of older articles exist.
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "min_date": "1900-01-01"}


@dataclass
class HtmlPage:
    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    published_precision: str = "unknown"
    sitename: str | None = None
    url: str | None = None
    hostname: str | None = None
    description: str | None = None

    def meta(self) -> dict[str, Any]:
        """Metadata in RawInput.meta's vocabulary (publisher from site name, else host)."""
        out = {
            "title": self.title,
            "author": self.author,
            "url": self.url,
            "publisher": self.sitename or self.hostname,
            "published": self.published,
            "published_precision": self.published_precision if self.published else None,
        }
        return {k: v for k, v in out.items() if v}


class HtmlError(ValueError):
    """A page from which no article text can be extracted."""


def host_of(url: str | None) -> str | None:
    """Publisher-like host of a URL: "https://www.example.com/a" -> "example.com"."""
    if not url:
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return None
    for prefix in ("www.", "m.", "amp."):
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix) :]
    return host or None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def looks_like_prose(text: str) -> bool:
    """At least one sentence, or enough words to be more than a menu that trafilatura kept."""
    lines = text.splitlines()
    return any(ends_sentence(ln) for ln in lines) or len(text.split()) >= MIN_PROSE_WORDS


@lru_cache(maxsize=1)
def _quiet_libraries() -> None:
    """trafilatura and htmldate log every odd page at WARNING/ERROR; we report failures
    ourselves (one line per input), so their loggers are silenced."""
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def extract_html(markup: str, url: str | None = None) -> HtmlPage:
    """The article in `markup` with its metadata; HtmlError when there is none."""
    import trafilatura

    _quiet_libraries()
    try:
        doc = trafilatura.bare_extraction(
            markup,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # lxml/trafilatura on pathological markup
        raise HtmlError(f"HTML could not be parsed: {type(exc).__name__}: {exc}") from exc
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""

    def field(name: str) -> str | None:  # trafilatura's Document, typed as a union with dict
        return _clean(getattr(doc, name, None))

    if not text or not looks_like_prose(text):
        raise HtmlError(
            "HTML page has no article text (main-content extraction found "
            + ("nothing)" if not text else f"only {len(text.split())} words of links or labels)")
        )
    page_url = _clean(getattr(doc, "url", None)) or url
    published = _clean(getattr(doc, "date", None))
    return HtmlPage(
        text=text,
        title=field("title"),
        author=field("author"),
        published=published[:10] if published else None,
        published_precision="day" if published else "unknown",
        sitename=field("sitename"),
        url=page_url,
        hostname=host_of(page_url) or field("hostname"),
        description=field("description"),
    )
