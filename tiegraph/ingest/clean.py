"""Line-level boilerplate removal for scraped article text.

Scrapers hand us one paragraph per line, mixed with page chrome: ad and share widgets,
credits, tag boxes, teaser blocks of other stories. The rules are deliberately line-level
and auditable: every dropped line is returned with the name of the rule that dropped it.

Passes, in order (an earlier reason wins):
1. per line: date lines, other-script lines, chrome rules from `data/chrome_patterns.yaml`
   (regexes and button rows; `position: edge` rules only above the first or below the last
   body paragraph), repeats of an earlier line;
2. title and standfirst at the top; the first real paragraph marks where the body starts;
   bare date lines inside the body that head a paragraph are timeline entries and stay;
3. markers: after the body a teaser/comment/tag marker cuts the rest of the page (if less
   text follows than precedes it); elsewhere it drops itself and the tag lines after it;
4. position and density: header lines cut off from the body by chrome, runs of short
   tag-like lines, unpunctuated lines after the body, short lines stranded between chrome.
Short headings between real paragraphs survive all of these.

Text that trafilatura already cut out of an HTML page (`extracted=True`) is the article's
main content, so the rules that judge a line by its shape or script alone would only take
article text there (lists, tables, schedules, an unpunctuated lede, embedded posts, lines
in other scripts): the foreign-script rule, the position and density passes of 4, the
header cut and repeats of short lines are skipped, and so are the patterns marked
`extracted: false` in the rules file. Chrome that trafilatura lets through (ad labels,
share rows, bylines, teaser markers) is still removed.
"""

from __future__ import annotations

import bisect
import re
import string
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tiegraph.ingest.metadata import RULES_FILE, find_publication_date, parse_date_line
from tiegraph.resources import load_yaml


@dataclass
class DroppedLine:
    line_no: int
    text: str
    reason: str  # name of the rule


@dataclass
class CleanResult:
    text: str
    title: str | None
    published: str | None
    published_precision: str  # "day" | "month" | "year" | "unknown"
    standfirst: str | None
    dropped: list[DroppedLine]


@dataclass(frozen=True)
class ChromeRule:
    name: str
    regex: re.Pattern[str]
    reason: str
    action: str  # "drop" | "block" | "trailer"
    max_words: int | None = None
    trailer_after_body: bool = False
    edge_only: bool = False  # only in the page header or footer (see `at_edges`)
    on_extracted: bool = True  # also applies to text trafilatura extracted from HTML

    def matches(self, text: str, at_edge: bool = True, extracted: bool = False) -> bool:
        if (self.edge_only and not at_edge) or (extracted and not self.on_extracted):
            return False
        if self.max_words is not None and n_words(text) > self.max_words:
            return False
        return self.regex.search(text) is not None


@dataclass(frozen=True)
class Line:
    no: int  # 1-based line number in the raw text
    text: str


Drops = dict[int, str]  # index into the non-blank lines -> rule name

_CLOSERS = "\"'”’»)]*"
_SENTENCE_END = ".!?…。！？"
_INNER_BOUNDARY = re.compile(
    r"(?<!\b[A-Z])(?<!\bMrs)(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bNo)(?<!\bvs)"
    r"[.!?…][\"'”’)]?\s+[\"'“‘(]?[A-Z]"
)
_OPENING_QUOTES = "\"'“‘«„"
_SCRIPT_GROUPS = {"HANGUL": "CJK", "HIRAGANA": "CJK", "KATAKANA": "CJK", "CJK": "CJK"}
_DATE_REASONS = {"date_line", "byline", "byline_label", "labelled_byline", "reporter_credit"}
# dropped lines that close a block marker's run of tag lines (see apply_markers)
_BLOCK_ENDS = {
    "share_widget", "site_ui", "follow_widget", "embedded_post", "archived_notice",
    "series_notice", "site_disclaimer", "subscribe_prompt", "newsletter_signup",
}  # fmt: skip
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")


_PLACEHOLDER = re.compile(r"<<(\w+)>>")


def row_regex(items: list[str]) -> str:
    """A line made only of these items, separators and symbols ("Print · Share · Download")."""
    alternation = "|".join(f"(?:{item})" for item in items)
    return rf"^[\W_]*(?:(?:{alternation})(?!\w)[\W_]*)+$"


def rule_regex(spec: dict[str, Any], vocab: dict[str, list[str]]) -> str:
    """The regex of a pattern spec: `row_of` items, or `pattern` with <<vocab>> spliced in."""
    if "row_of" in spec:
        return row_regex(spec["row_of"])
    return _PLACEHOLDER.sub(lambda m: "|".join(vocab[m.group(1)]), spec["pattern"])


@lru_cache(maxsize=1)
def chrome_rules() -> tuple[ChromeRule, ...]:
    """Compiled chrome patterns, in file order (the first match names the reason)."""
    data = load_yaml(RULES_FILE)
    vocab = data.get("vocab") or {}
    rules = []
    for spec in data["patterns"]:
        flags = 0 if spec.get("case_sensitive") else re.IGNORECASE
        rules.append(
            ChromeRule(
                name=spec["name"],
                regex=re.compile(rule_regex(spec, vocab), flags),
                reason=spec["reason"],
                action=spec.get("action", "drop"),
                max_words=spec.get("max_words"),
                trailer_after_body=bool(spec.get("trailer_after_body", False)),
                edge_only=spec.get("position") == "edge",
                on_extracted=bool(spec.get("extracted", True)),
            )
        )
    return tuple(rules)


@lru_cache(maxsize=1)
def shape() -> dict[str, Any]:
    return dict(load_yaml(RULES_FILE)["shape"])


# --- line shape ------------------------------------------------------------------------------


# Han ideographs and kana: Chinese and Japanese are written without spaces between words
_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def n_words(text: str) -> int:
    """Words of a line; a run of Chinese or Japanese counts one word per two characters,
    so a CJK sentence (one space-free "word") is as long as its English translation."""
    words = len(text.split())
    if text.isascii():
        return words
    return words + len(_UNSPACED.findall(text)) // 2


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in _SENTENCE_END


def is_real_paragraph(text: str) -> bool:
    """Body prose: long enough and sentence-shaped (or very long whatever its ending)."""
    words = n_words(text)
    return (words >= shape()["real_paragraph_min_words"] and ends_sentence(text)) or (
        words >= shape()["real_paragraph_any_min_words"]
    )


def is_tag_like(text: str) -> bool:
    """A tag, menu item or label: a few words, no sentence end, not a quotation."""
    return (
        n_words(text) <= shape()["tag_max_words"]
        and not ends_sentence(text)
        and not text.startswith(tuple(_OPENING_QUOTES))
    )


def is_unpunctuated_short(text: str) -> bool:
    return n_words(text) <= shape()["heading_max_words"] and not ends_sentence(text)


def is_headline(text: str) -> bool:
    """Headline shape: 4-25 words and no final period."""
    words = n_words(text)
    return (
        shape()["headline_min_words"] <= words <= shape()["headline_max_words"]
        and not text.rstrip(_CLOSERS + " ").endswith((".", "…"))
        and any(ch.isalpha() for ch in text)
    )


@lru_cache(maxsize=1)
def _site_name_re() -> re.Pattern[str]:
    words = "|".join(load_yaml(RULES_FILE)["site_name"]["words"])
    return re.compile(rf"\b(?:{words})$|^(?:The\s+)?(?:{words})\s+(?:for|of|on)\b")


def is_site_name(text: str) -> bool:
    """Masthead shape ("Center for Global Security Studies", "Asia-Pacific Online"): a few
    capitalised words ending with an outlet word or opening with one before for/of/on,
    no digits or sentence punctuation.

    Used only to prefer another headline-shaped line as the title, never to drop a line.
    """
    words = text.split()
    return (
        len(words) <= shape()["site_name_max_words"]
        and not any(ch.isdigit() for ch in text)
        and not any(ch in text for ch in ".?!:,")
        and all(w[0].isupper() or not w[0].isalpha() for w in words if len(w) > 3)
        and _site_name_re().search(text) is not None
    )


def is_single_sentence(text: str) -> bool:
    return ends_sentence(text) and _INNER_BOUNDARY.search(text.rstrip(_CLOSERS + " ")[:-1]) is None


@lru_cache(maxsize=4096)
def _script(ch: str) -> str | None:
    if not ch.isalpha():
        return None
    first = unicodedata.name(ch, "?").split(" ")[0]
    return _SCRIPT_GROUPS.get(first, first)


_ASCII_LETTERS = dict.fromkeys(map(ord, string.ascii_letters))  # translate() deletes them


def script_counts(text: str) -> dict[str, int]:
    """Letters per script, scripts in order of first appearance.

    Counted per distinct character (`Counter` runs in C and keeps first-appearance
    order), so the script of each character is looked up once, not once per letter.
    """
    counts: dict[str, int] = {}
    for ch, n in Counter(text).items():
        if (script := _script(ch)) is not None:
            counts[script] = counts.get(script, 0) + n
    return counts


def dominant_script(text: str) -> str | None:
    counts = script_counts(text)
    return max(counts, key=counts.__getitem__) if counts else None


def is_foreign_script(text: str, doc_script: str | None) -> bool:
    """Mostly letters of another script than the document's (Korean ad lines in English)."""
    if text.isascii():  # all its letters are Latin: count them without a per-letter pass
        n = len(text) - len(text.translate(_ASCII_LETTERS))
        counts = {"LATIN": n} if n else {}
    else:
        counts = script_counts(text)
    letters = sum(counts.values())
    if not letters or doc_script is None:
        return False
    foreign = (letters - counts.get(doc_script, 0)) / letters
    return foreign > shape()["foreign_script_min_share"]


def match_rule(text: str, at_edge: bool = True, extracted: bool = False) -> ChromeRule | None:
    """The first chrome rule the line matches; lines over `rule_max_chars` are body text.

    The cap bounds the regex work per line whatever a pattern's shape (a 300,000-character
    "word" is never chrome); real chrome lines are a few hundred characters at most.
    """
    if len(text) > shape()["rule_max_chars"]:
        return None
    words = n_words(text)  # once for all rules (what `ChromeRule.matches` counts per rule)
    for r in chrome_rules():
        if (r.edge_only and not at_edge) or (extracted and not r.on_extracted):
            continue
        if r.max_words is not None and words > r.max_words:
            continue
        if r.regex.search(text) is not None:
            return r
    return None


def split_lines(raw: str) -> list[Line]:
    """Non-blank lines with whitespace collapsed; invisible format characters removed."""
    lines = []
    for no, line in enumerate(raw.splitlines(), start=1):
        text = " ".join(_INVISIBLE.sub("", line).split())
        if text:
            lines.append(Line(no, text))
    return lines


# --- passes ----------------------------------------------------------------------------------


def at_edges(real: list[int], n_lines: int) -> list[bool]:
    """Per line: in the page header or footer, i.e. at most `edge_paragraphs` other body-sized
    paragraphs (`real`, sorted) above it (a standfirst, a lede) or below it.

    Rules marked `position: edge` (author bios, labelled bylines) only apply there, so the
    same sentence shape deep inside the body is kept.
    """
    limit = shape()["edge_paragraphs"]
    out = []
    for i in range(n_lines):
        above = bisect.bisect_left(real, i)
        below = len(real) - bisect.bisect_right(real, i)
        out.append(above <= limit or below <= limit)
    return out


def line_rules(
    lines: list[Line], extracted: bool = False
) -> tuple[Drops, list[tuple[int, ChromeRule]]]:
    """Pass 1: rules that judge a line alone. Returns drops and block/trailer markers.

    On `extracted` text other scripts stay, rules marked `extracted: false` are not
    tried, and only repeated body-sized paragraphs (pull quotes) count as repeats: short
    repeated lines there are table cells and list items.

    A whole-line date is tried first: "28/02/2019 18:05 IST | 3 min read" is the page's
    date line (which the standfirst test relies on), not just a reading-time row. Edge-only
    rules are tried once the body-sized paragraphs (real paragraphs no other rule takes)
    are known.
    """
    doc_script = dominant_script("\n".join(ln.text for ln in lines))
    cap = shape()["rule_max_chars"]
    first: list[str | ChromeRule | None] = []
    for ln in lines:
        if len(ln.text) <= cap and parse_date_line(ln.text) is not None:
            first.append("date_line")
        elif not extracted and is_foreign_script(ln.text, doc_script):
            first.append("foreign_script")
        else:
            first.append(match_rule(ln.text, at_edge=False, extracted=extracted))
    real = [i for i, ln in enumerate(lines) if first[i] is None and is_real_paragraph(ln.text)]
    edge = at_edges(real, len(lines))
    drops: Drops = {}
    markers: list[tuple[int, ChromeRule]] = []
    seen: set[str] = set()
    for i, ln in enumerate(lines):
        key = ln.text.casefold()
        found = first[i]
        if edge[i] and not isinstance(found, str):
            # an edge rule may come first in file order
            found = match_rule(ln.text, at_edge=True, extracted=extracted)
        if isinstance(found, str):
            drops[i] = found
        elif found is not None:
            drops[i] = found.name
            if found.action != "drop":
                markers.append((i, found))
        elif key in seen and (not extracted or is_real_paragraph(ln.text)):
            drops[i] = "duplicate_line"
        seen.add(key)
    return drops, markers


def _kept(lines: list[Line], drops: Drops, start: int = 0) -> list[int]:
    return [i for i in range(start, len(lines)) if i not in drops]


def find_title(lines: list[Line], drops: Drops) -> int | None:
    """First substantial line: a line repeated right below it, else the first headline-shaped."""
    head: list[int] = []
    for i in _kept(lines, drops)[: shape()["title_search_lines"]]:
        if is_real_paragraph(lines[i].text):
            break
        head.append(i)
    window = shape()["title_repeat_window"]
    for i in head:
        key = lines[i].text.casefold()
        repeats = any(ln.text.casefold() == key for ln in lines[i + 1 : i + 1 + window])
        if repeats and n_words(lines[i].text) >= 2:
            return i
    shaped = [i for i in head if is_headline(lines[i].text)]
    return next(
        (i for i in shaped if not is_site_name(lines[i].text)), shaped[0] if shaped else None
    )


def find_standfirst(lines: list[Line], drops: Drops, title: int | None) -> int | None:
    """A one-sentence summary right after the title and before the date line or byline.

    Requiring the date/byline below it tells a standfirst from a one-sentence lede.
    """
    if title is None:
        return None
    after = _kept(lines, drops, title + 1)
    if not after:
        return None
    i = after[0]
    text = lines[i].text
    fits = shape()["standfirst_min_words"] <= n_words(text) <= shape()["standfirst_max_words"]
    nxt = after[1] if len(after) > 1 else len(lines)
    dated = any(drops[j] in _DATE_REASONS for j in range(i + 1, nxt))
    return i if fits and dated and is_single_sentence(text) else None


def find_body_start(lines: list[Line], drops: Drops, start: int) -> int:
    """Index of the first real paragraph at or after `start` (fallbacks for short pages)."""
    kept = _kept(lines, drops, start)
    for test in (is_real_paragraph, ends_sentence):
        found = next((i for i in kept if test(lines[i].text)), None)
        if found is not None:
            return found
    return kept[0] if kept else len(lines)


def dated_headings(lines: list[Line], drops: Drops, body: int) -> set[int]:
    """Bare date lines inside the body that head a paragraph: timeline entries, not chrome."""
    return {
        i
        for i, reason in drops.items()
        if reason == "date_line"
        and i > body
        and i + 1 < len(lines)
        and i + 1 not in drops
        and is_real_paragraph(lines[i + 1].text)
        and (parsed := parse_date_line(lines[i].text)) is not None
        and parsed.kind == "plain"
    }


def publication_date(lines: list[Line], drops: Drops, body: int) -> tuple[str | None, str]:
    """Date from the header and from date lines outside teaser blocks (not timeline headings)."""
    cut = min((i for i, r in drops.items() if r == "trailer_cut"), default=len(lines))
    candidates = [
        ln.text
        for i, ln in enumerate(lines)
        if i < body or (drops.get(i) == "date_line" and i < cut)
    ]
    return find_publication_date(candidates)


def _mass(lines: list[Line], drops: Drops, indices: range) -> int:
    return sum(len(lines[i].text) for i in indices if i not in drops)


def apply_markers(
    lines: list[Line], drops: Drops, markers: list[tuple[int, ChromeRule]], body: int
) -> Drops:
    """Pass 3: a marker after the body cuts the page there; otherwise it takes its tag lines."""
    new: Drops = {}
    for i, rule in markers:
        if i in new:
            continue
        trailer = rule.action == "trailer" or rule.trailer_after_body
        if trailer and i > body:
            before = _mass(lines, drops | new, range(body, i))
            after = _mass(lines, drops | new, range(i + 1, len(lines)))
            if before >= after:
                new.update({j: "trailer_cut" for j in range(i + 1, len(lines)) if j not in drops})
                break
        for j in range(i + 1, len(lines)):
            if drops.get(j) in _BLOCK_ENDS:
                break  # a widget row closes the tag box: "Introduction" after it is a heading
            if j in drops:
                continue
            if not is_tag_like(lines[j].text):
                break
            new[j] = "tag_list"
    return new


def leading_chrome(lines: list[Line], drops: Drops, body: int, keep: set[int]) -> Drops:
    """Header lines not glued to the first paragraph (taglines, kickers) are chrome.

    Up to `lead_keep_max` lines directly above the first paragraph (no chrome in between)
    are its heading or lead and stay.
    """
    glued: set[int] = set()
    j = body - 1
    while j >= 0 and j not in drops and j not in keep and len(glued) < shape()["lead_keep_max"]:
        glued.add(j)
        j -= 1
    return {i: "leading_chrome" for i in range(body) if i not in drops.keys() | keep | glued}


def short_line_runs(lines: list[Line], drops: Drops, body: int) -> Drops:
    """Runs of consecutive tag-like lines in the body are menus or tag lists."""
    new: Drops = {}
    run: list[int] = []
    for i in [*_kept(lines, drops, body), None]:
        if i is not None and is_tag_like(lines[i].text):
            run.append(i)
            continue
        if len(run) >= shape()["short_run_min"]:
            new.update({j: "short_line_run" for j in run})
        run = []
    return new


def stranded_lines(lines: list[Line], drops: Drops, body: int) -> Drops:
    """A short unpunctuated line between two chrome lines, not introducing a paragraph."""
    new: Drops = {}
    kept = _kept(lines, drops, body + 1)
    for pos, i in enumerate(kept):
        nxt = kept[pos + 1] if pos + 1 < len(kept) else None
        boxed = i - 1 in drops and (i + 1 in drops or i + 1 == len(lines))
        heads_paragraph = nxt is not None and is_real_paragraph(lines[nxt].text)
        if boxed and not heads_paragraph and is_unpunctuated_short(lines[i].text):
            new[i] = "stranded_short_line"
    return new


def trailing_chrome(lines: list[Line], drops: Drops, body: int) -> Drops:
    """Unpunctuated lines after the last sentence of the body (author names, labels)."""
    kept = _kept(lines, drops, body)
    last = max((i for i in kept if ends_sentence(lines[i].text)), default=None)
    if last is None:
        return {}
    return {i: "trailing_chrome" for i in kept if i > last and not ends_sentence(lines[i].text)}


def clean_plain_text(raw: str, extracted: bool = False) -> CleanResult:
    """Body text, title, date and standfirst of a scraped page, plus the audit of drops.

    `extracted`: the text is trafilatura's main content of an HTML page, not a whole
    scraped page; only line-level chrome is removed (see the module's docstring).
    """
    lines = split_lines(raw)
    drops, markers = line_rules(lines, extracted)
    title = find_title(lines, drops)
    standfirst = find_standfirst(lines, drops, title)
    head = {i for i in (title, standfirst) if i is not None}
    body = find_body_start(lines, drops, max(head) + 1 if head else 0)
    timeline = dated_headings(lines, drops, body)
    drops = {i: r for i, r in drops.items() if i not in timeline}
    drops |= apply_markers(lines, drops, markers, body)
    if not extracted:
        drops |= leading_chrome(lines, drops, body, head)
        drops |= short_line_runs(lines, drops, body)
        drops |= trailing_chrome(lines, drops, body)
        drops |= stranded_lines(lines, drops, body)
    published, precision = publication_date(lines, drops, body)
    return CleanResult(
        text="\n\n".join(ln.text for i, ln in enumerate(lines) if i not in drops),
        title=lines[title].text if title is not None else None,
        published=published,
        published_precision=precision,
        standfirst=lines[standfirst].text if standfirst is not None else None,
        dropped=[DroppedLine(lines[i].no, lines[i].text, drops[i]) for i in sorted(drops)],
    )
