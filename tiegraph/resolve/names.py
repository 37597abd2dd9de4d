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

from spacy.tokens import Doc

from tiegraph import resources
from tiegraph.resolve.roles import may_end_role, org_head_sector, role_data, role_match
from tiegraph.resolve.tokens import TokenTable

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


def is_headline(tt: TokenTable, start: int, end: int) -> bool:
    """A title-case line (the sentence of tokens start..end): most longer words
    capitalised, and no final period."""
    text = tt.text
    words = [text[k] for k in range(start, end) if tt.is_alpha[k] and len(text[k]) > 3]
    if len(words) < 3 or text[end - 1] in {".", "?", "!", "”", '"'}:
        return False
    caps = sum(1 for w in words if w[:1].isupper())
    return caps / len(words) >= 0.7


@lru_cache(maxsize=1)
def name_particles() -> frozenset[str]:
    """Lower-case words inside a name ("Tamim bin Hamad Al Thani", "Charles de Gaulle"),
    from `name_particles` in people.yaml."""
    data = resources.load_yaml("people.yaml") or {}
    return frozenset(str(w) for w in data.get("name_particles") or [])


def particle_len(tt: TokenTable, j: int) -> int:
    """Tokens of a name particle at j that a name word follows: 1 for "bin Hamad", 2 for
    "al-Assad" (particle and hyphen), 0 for none."""
    text = tt.text
    if text[j] not in name_particles():
        return 0
    k = 1 if tt.ws[j] else 2
    if k == 2 and (j + 1 >= len(text) or text[j + 1] != "-" or tt.ws[j + 1]):
        return 0
    if j + k >= len(text):
        return 0
    return k if text[j + k][:1].isupper() and tt.is_alpha[j + k] else 0


def is_particle(tt: TokenTable, j: int) -> bool:
    return particle_len(tt, j) > 0


def _particle_glued(text: str) -> bool:
    """ "al-Assad", "bin-Laden": a particle glued to a capitalised name."""
    head, sep, rest = text.partition("-")
    return bool(sep) and head in name_particles() and rest[:1].isupper()


def _is_name_token(tt: TokenTable, j: int) -> bool:
    text = tt.text[j]
    if text in SUFFIXES or INITIAL.match(text) or _particle_glued(text):
        return True
    return (
        text[:1].isupper()
        and (tt.is_alpha[j] or GIVEN_NAME.match(text) is not None or "-" in text)
        and tt.ent[j] not in NON_NAME_ENTS
        and tt.lower[j] not in role_data().table
    )


def _run_after(tt: TokenTable, i: int, claimed: set[int], limit: int = 4) -> int:
    """End of the proper-noun run that starts at token i."""
    text = tt.text
    n = len(text)
    if i >= n or text[i] in SUFFIXES:
        return i
    j = i
    words = 0
    after_particle = False
    while j < n and words < limit and j not in claimed:
        k = particle_len(tt, j) if j > i else 0
        if k and j + k not in claimed:
            j += k  # "Tamim bin Hamad", "Bashar al-Assad": particles are part of the name
            after_particle = True
            continue
        if not _is_name_token(tt, j):
            break
        glued = j > i and not tt.ws[j - 1]
        if glued and not after_particle and text[j] not in SUFFIXES:
            break
        j += 1
        words += 1
        after_particle = False
    if after_particle:  # a particle with no name word after it in reach
        while j > i + 1 and (text[j - 1] in name_particles() or text[j - 1] == "-"):
            j -= 1
    return j


def title_word_at(tt: TokenTable, i: int) -> bool:
    """Does a title end at token i ("Minister", "Dr.", "Secretary of State", "leader")?"""
    text = tt.text[i]
    rd = role_data()
    if text in rd.honorifics:
        return True
    if not tt.is_alpha[i] and not text.endswith("."):
        return False
    low = tt.lower[i]
    if low in rd.not_titles or not may_end_role(low):
        return False
    words = tt.text[max(0, i - 3) : i + 1]
    sec, _phrase, end = role_match(words)
    return sec is not None and end == len(words)


def title_candidates(tt: TokenTable, claimed: set[int]) -> list[NameCandidate]:
    out: list[NameCandidate] = []
    rd = role_data()
    text = tt.text
    for t in range(len(text) - 1):
        i = t + 1
        if i in claimed or not title_word_at(tt, t):
            continue
        if tt.lower[i] in rd.table or text[i] in rd.honorifics:
            continue  # the title goes on ("Prime" -> "Minister")
        end = _run_after(tt, i, claimed)
        if end == i:
            continue
        lower_title = not text[t][:1].isupper()
        if lower_title and not all(p == "PROPN" for p in tt.pos[i:end]):
            continue
        if lower_title and end - i < 2:
            continue
        if org_head_sector(text[i:end]) is not None:
            continue  # "... Revolutionary Guard Corps", "Policy Institute": a body, no person
        out.append(NameCandidate(i, end, "title", title_end=i))
    return out


def surname_candidates(
    tt: TokenTable, claimed: set[int], surnames: frozenset[str]
) -> list[NameCandidate]:
    out: list[NameCandidate] = []
    text = tt.text
    for i in range(len(text) - 1):
        if (
            text[i] in surnames
            and tt.ws[i]
            and GIVEN_NAME.match(text[i + 1])
            and i not in claimed
            and i + 1 not in claimed
        ):
            out.append(NameCandidate(i, i + 2, "surname"))
    return out


def appos_candidates(tt: TokenTable, claimed: set[int]) -> list[NameCandidate]:
    """ "Wendell Lockhart, a senior analyst at ..." where NER saw no person."""
    out: list[NameCandidate] = []
    pos, text = tt.pos, tt.text
    n = len(text)
    i = 0
    while i < n:
        if pos[i] != "PROPN" or i in claimed or not _is_name_token(tt, i):
            i += 1
            continue
        end = _run_after(tt, i, claimed)
        if (
            2 <= end - i <= 4
            and all(pos[k] == "PROPN" for k in range(i, end))
            and end + 2 < n
            and text[end] == ","
            and tt.lower[end + 1] in {"a", "an", "the"}
        ):
            j = end + 2
            words = []
            while j < n and pos[j] in {"ADJ", "NOUN", "PROPN", "VERB"}:
                words.append(text[j])
                j += 1
            if words and role_match(words)[0]:
                out.append(NameCandidate(i, end, "appos"))
        i = max(end, i + 1)
    return out


def role_appos_candidates(tt: TokenTable, claimed: set[int]) -> list[NameCandidate]:
    """ "Another passenger, Allah Ditta, told ...": a name set off by commas right after
    a role noun, whatever entity type the NER gave it."""
    out: list[NameCandidate] = []
    pos, text = tt.pos, tt.text
    n = len(text)
    for i in range(1, n - 3):
        if text[i] != "," or pos[i - 1] != "NOUN" or i + 1 in claimed:
            continue
        if not (role_match([text[i - 1]])[0] or role_match([tt.toks[i - 1].lemma_])[0]):
            continue
        end = _run_after(tt, i + 1, claimed)
        if (
            2 <= end - i - 1 <= 4
            and all(pos[k] == "PROPN" for k in range(i + 1, end))
            and end < n
            and text[end] == ","
        ):
            out.append(NameCandidate(i + 1, end, "appos"))
    return out


def conjunct_candidates(
    tt: TokenTable, people: list[NameCandidate], claimed: set[int]
) -> list[NameCandidate]:
    """ "Frankie Bontemps and Maxwell Evenor": a full name joined by "and" to a person's
    name is a person's too, where the NER tagged only the first."""
    out: list[NameCandidate] = []
    pos = tt.pos
    for c in people:
        if c.end - c.start < 2 or c.end + 2 >= len(tt) or tt.lower[c.end] != "and":
            continue
        end = _run_after(tt, c.end + 1, claimed)
        if 2 <= end - c.end - 1 <= 4 and all(pos[k] == "PROPN" for k in range(c.end + 1, end)):
            out.append(NameCandidate(c.end + 1, end, "appos"))
    return out


def name_bounds(tt: TokenTable, start: int, end: int) -> tuple[int, int]:
    """Grow an NER person span over adjacent name pieces and drop swallowed titles."""
    text, lower, ent = tt.text, tt.lower, tt.ent
    n = len(text)
    while end < n and tt.ws[end - 1] and end - start < 6:
        k = particle_len(tt, end)
        if k and ent[end + k] in {"", "PERSON"}:
            end += k + 1  # "Mohammed bin Salman", "Bashar al-Assad"
            continue
        if not (
            tt.pos[end] == "PROPN"
            and text[end][:1].isupper()
            and ent[end] in {"", "PERSON"}
            and end - start < 4
            and lower[end] not in role_data().table
        ):
            break
        end += 1
    while end < n and not tt.ws[end - 1] and tt.is_alpha[end]:
        end += 1
    rd = role_data()
    while start < end - 1 and (
        lower[start] in rd.table or lower[start] in rd.former or text[start] in rd.honorifics
    ):
        start += 1
    while end - start > 1 and text[end - 1] in POSSESSIVE:
        end -= 1
    return start, end


def ner_candidates(doc: Doc, tt: TokenTable, claimed: set[int]) -> list[NameCandidate]:
    out: list[NameCandidate] = []
    text = tt.text
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        start, end = name_bounds(tt, ent.start, ent.end)
        # a name stops at its first lower-case word ("Kim Sign Pledge on ..."), unless it
        # is a name particle ("Tamim bin Hamad Al Thani")
        for k in range(start, end):
            if text[k] in name_particles() and k > start and particle_len(tt, k):
                continue
            if not text[k][:1].isupper() and text[k] not in {"-"}:
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
