"""Where the people are: person-name spans in a parsed document.

The statistical NER misses names it has not seen ("Seoul Mayor Oh Se-hoon",
"Jang Hyeon-u, a spokesperson for ..."), and tags headline words as names
("Trump and Kim Sign Pledge"). Candidates therefore come from several generic
signals, each named in `why`:

- `dict`: a multi-word name or alias from data/people.yaml;
- `title`: a proper-noun run right after a title or honorific ("Mayor", "Dr.",
  "Secretary of State", lower-case "leader");
- `surname`: a romanised surname-first name, a known family name followed by a
  hyphenated given name ("Jang Hyeon-u");
- `appos`: a proper-noun run described by an appositive role ("X, a researcher at");
- `ner`: a PERSON entity of two or more words.

In headline-like sentences (mostly capitalised words) only dictionary names count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from tiegraph import resources
from tiegraph.resolve.roles import may_end_role, org_head_sector, role_data, role_match

GIVEN_NAME = re.compile(r"^[A-Z][a-z]{0,6}-[a-z]{1,6}$")
INITIAL = re.compile(r"^[A-Z]\.$")
SUFFIXES = {"Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV"}
POSSESSIVE = {"’s", "'s", "’", "'"}
NON_NAME_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
# precedence when candidates overlap
WHY_RANK = {"dict": 4, "title": 3, "surname": 2, "appos": 1, "ner": 0}


@dataclass(frozen=True)
class NameCandidate:
    start: int
    end: int
    why: str
    title_end: int | None = None  # token index just after the title word, when `why` == title


def is_headline(sent: SpacySpan) -> bool:
    """A title-case line: most longer words capitalised, and no final period."""
    words = [t for t in sent if t.is_alpha and len(t.text) > 3]
    if len(words) < 3 or sent[-1].text in {".", "?", "!", "”", '"'}:
        return False
    caps = sum(1 for t in words if t.text[:1].isupper())
    return caps / len(words) >= 0.7


@lru_cache(maxsize=1)
def name_particles() -> frozenset[str]:
    """Lower-case words inside a name ("Tamim bin Hamad Al Thani", "Charles de Gaulle"),
    from `name_particles` in people.yaml."""
    data = resources.load_yaml("people.yaml") or {}
    return frozenset(str(w) for w in data.get("name_particles") or [])


def particle_len(doc: Doc, j: int) -> int:
    """Tokens of a name particle at j that a name word follows: 1 for "bin Hamad", 2 for
    "al-Assad" (particle and hyphen), 0 for none."""
    t = doc[j]
    if t.text not in name_particles():
        return 0
    k = 1 if t.whitespace_ else 2
    if k == 2 and (j + 1 >= len(doc) or doc[j + 1].text != "-" or doc[j + 1].whitespace_):
        return 0
    nxt = doc[j + k] if j + k < len(doc) else None
    return k if nxt is not None and nxt.text[:1].isupper() and nxt.is_alpha else 0


def is_particle(doc: Doc, j: int) -> bool:
    return particle_len(doc, j) > 0


def _particle_glued(t: Token) -> bool:
    """ "al-Assad", "bin-Laden": a particle glued to a capitalised name."""
    head, sep, rest = t.text.partition("-")
    return bool(sep) and head in name_particles() and rest[:1].isupper()


def _is_name_token(t: Token) -> bool:
    if t.text in SUFFIXES or INITIAL.match(t.text) or _particle_glued(t):
        return True
    return (
        t.text[:1].isupper()
        and (t.is_alpha or GIVEN_NAME.match(t.text) is not None or "-" in t.text)
        and t.ent_type_ not in NON_NAME_ENTS
        and t.lower_ not in role_data().table
    )


def _run_after(doc: Doc, i: int, claimed: set[int], limit: int = 4) -> int:
    """End of the proper-noun run that starts at token i."""
    if i >= len(doc) or doc[i].text in SUFFIXES:
        return i
    j = i
    words = 0
    after_particle = False
    while j < len(doc) and words < limit and j not in claimed:
        k = particle_len(doc, j) if j > i else 0
        if k and j + k not in claimed:
            j += k  # "Tamim bin Hamad", "Bashar al-Assad": particles are part of the name
            after_particle = True
            continue
        if not _is_name_token(doc[j]):
            break
        glued = j > i and not doc[j - 1].whitespace_
        if glued and not after_particle and doc[j].text not in SUFFIXES:
            break
        j += 1
        words += 1
        after_particle = False
    if after_particle:  # a particle with no name word after it in reach
        while j > i + 1 and (doc[j - 1].text in name_particles() or doc[j - 1].text == "-"):
            j -= 1
    return j


def title_word_at(doc: Doc, i: int) -> bool:
    """Does a title end at token i ("Minister", "Dr.", "Secretary of State", "leader")?"""
    t = doc[i]
    rd = role_data()
    if t.text in rd.honorifics:
        return True
    if not t.is_alpha and not t.text.endswith("."):
        return False
    if t.lower_ in rd.not_titles or not may_end_role(t.lower_):
        return False
    words = [x.text for x in doc[max(0, i - 3) : i + 1]]
    sec, _phrase, end = role_match(words)
    return sec is not None and end == len(words)


def title_candidates(doc: Doc, claimed: set[int]) -> list[NameCandidate]:
    out: list[NameCandidate] = []
    for t in doc:
        i = t.i + 1
        if i >= len(doc) or i in claimed or not title_word_at(doc, t.i):
            continue
        if doc[i].lower_ in role_data().table or doc[i].text in role_data().honorifics:
            continue  # the title goes on ("Prime" -> "Minister")
        end = _run_after(doc, i, claimed)
        if end == i:
            continue
        lower_title = not t.text[:1].isupper()
        if lower_title and not all(x.pos_ == "PROPN" for x in doc[i:end]):
            continue
        if lower_title and end - i < 2:
            continue
        if org_head_sector([x.text for x in doc[i:end]]) is not None:
            continue  # "... Revolutionary Guard Corps", "Policy Institute": a body, no person
        out.append(NameCandidate(i, end, "title", title_end=i))
    return out


def surname_candidates(
    doc: Doc, claimed: set[int], surnames: frozenset[str]
) -> list[NameCandidate]:
    out: list[NameCandidate] = []
    for t in doc[:-1]:
        nxt = doc[t.i + 1]
        if (
            t.text in surnames
            and t.whitespace_
            and GIVEN_NAME.match(nxt.text)
            and t.i not in claimed
            and nxt.i not in claimed
        ):
            out.append(NameCandidate(t.i, t.i + 2, "surname"))
    return out


def appos_candidates(doc: Doc, claimed: set[int]) -> list[NameCandidate]:
    """ "Wendell Lockhart, a senior analyst at ..." where NER saw no person."""
    out: list[NameCandidate] = []
    i = 0
    while i < len(doc):
        if doc[i].pos_ != "PROPN" or i in claimed or not _is_name_token(doc[i]):
            i += 1
            continue
        end = _run_after(doc, i, claimed)
        if (
            2 <= end - i <= 4
            and all(doc[k].pos_ == "PROPN" for k in range(i, end))
            and end + 2 < len(doc)
            and doc[end].text == ","
            and doc[end + 1].lower_ in {"a", "an", "the"}
        ):
            j = end + 2
            words = []
            while j < len(doc) and doc[j].pos_ in {"ADJ", "NOUN", "PROPN", "VERB"}:
                words.append(doc[j].text)
                j += 1
            if words and role_match(words)[0]:
                out.append(NameCandidate(i, end, "appos"))
        i = max(end, i + 1)
    return out


def role_appos_candidates(doc: Doc, claimed: set[int]) -> list[NameCandidate]:
    """ "Another passenger, Allah Ditta, told ...": a name set off by commas right after
    a role noun, whatever entity type the NER gave it."""
    out: list[NameCandidate] = []
    for comma in doc[1:-3]:
        i = comma.i
        role = doc[i - 1]
        if comma.text != "," or role.pos_ != "NOUN" or i + 1 in claimed:
            continue
        if not (role_match([role.text])[0] or role_match([role.lemma_])[0]):
            continue
        end = _run_after(doc, i + 1, claimed)
        if (
            2 <= end - i - 1 <= 4
            and all(doc[k].pos_ == "PROPN" for k in range(i + 1, end))
            and end < len(doc)
            and doc[end].text == ","
        ):
            out.append(NameCandidate(i + 1, end, "appos"))
    return out


def conjunct_candidates(
    doc: Doc, people: list[NameCandidate], claimed: set[int]
) -> list[NameCandidate]:
    """ "Frankie Bontemps and Maxwell Evenor": a full name joined by "and" to a person's
    name is a person's too, where the NER tagged only the first."""
    out: list[NameCandidate] = []
    for c in people:
        if c.end - c.start < 2 or c.end + 2 >= len(doc) or doc[c.end].lower_ != "and":
            continue
        end = _run_after(doc, c.end + 1, claimed)
        if 2 <= end - c.end - 1 <= 4 and all(doc[k].pos_ == "PROPN" for k in range(c.end + 1, end)):
            out.append(NameCandidate(c.end + 1, end, "appos"))
    return out


def name_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Grow an NER person span over adjacent name pieces and drop swallowed titles."""
    while end < len(doc) and doc[end - 1].whitespace_ and end - start < 6:
        t = doc[end]
        k = particle_len(doc, end)
        if k and doc[end + k].ent_type_ in {"", "PERSON"}:
            end += k + 1  # "Mohammed bin Salman", "Bashar al-Assad"
            continue
        if not (
            t.pos_ == "PROPN"
            and t.text[:1].isupper()
            and t.ent_type_ in {"", "PERSON"}
            and end - start < 4
            and t.lower_ not in role_data().table
        ):
            break
        end += 1
    while end < len(doc) and not doc[end - 1].whitespace_ and doc[end].is_alpha:
        end += 1
    rd = role_data()
    while start < end - 1 and (
        doc[start].lower_ in rd.table
        or doc[start].lower_ in rd.former
        or doc[start].text in rd.honorifics
    ):
        start += 1
    while end - start > 1 and doc[end - 1].text in POSSESSIVE:
        end -= 1
    return start, end


def ner_candidates(doc: Doc, claimed: set[int]) -> list[NameCandidate]:
    out: list[NameCandidate] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        start, end = name_bounds(doc, ent.start, ent.end)
        # a name stops at its first lower-case word ("Kim Sign Pledge on ..."), unless it
        # is a name particle ("Tamim bin Hamad Al Thani")
        for k in range(start, end):
            if doc[k].text in name_particles() and k > start and particle_len(doc, k):
                continue
            if not doc[k].text[:1].isupper() and doc[k].text not in {"-"}:
                end = k
                break
        if end - start >= 2 and not any(k in claimed for k in range(start, end)):
            out.append(NameCandidate(start, end, "ner"))
    return out


def select(cands: list[NameCandidate]) -> list[NameCandidate]:
    """Non-overlapping candidates, the better-founded and longer first."""
    chosen: list[NameCandidate] = []
    taken: set[int] = set()
    for c in sorted(cands, key=lambda c: (-WHY_RANK[c.why], -(c.end - c.start), c.start)):
        if any(k in taken for k in range(c.start, c.end)):
            continue
        chosen.append(c)
        taken.update(range(c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)
