"""Token-span helpers shared by the passes: name runs, titles, appositives, clauses."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from tiegraph import resources
from tiegraph.resolve.gazetteer import (
    Gazetteer,
)
from tiegraph.resolve.roles import (
    role_data,
    role_match,
    role_table,
)
from tiegraph.resolve.tokens import TokenTable

TITLE_STOP = {"the", "a", "an", ",", "and", "said", "says", "told"}
ORG_CONNECTORS = {"for", "of", "on", "and", "&"}


# "SEOUL —", "TOKYO --", "WASHINGTON (Agency) -", "ISLAMABAD/NEW DELHI, Feb 28 (Agency) -"
DATELINE = re.compile(r"^([A-Z][A-Z.'’]+(?:[ /][A-Z][A-Z.'’]+){0,3})\s*(?:,|—|–|--|-\s|\()")


def _capitalised_runs(tt: TokenTable) -> list[tuple[int, int]]:
    """Capitalised word runs with inner connectors ("Northbridge Center for Security
    Studies"): organisation names the NER may not have tagged."""
    out: list[tuple[int, int]] = []
    text, alpha = tt.text, tt.is_alpha
    i = 0
    n = len(text)
    while i < n:
        if not (text[i][:1].isupper() and alpha[i]) or tt.sent_start[i]:
            i += 1
            continue
        j = i + 1
        while j < n:
            t = text[j]
            if t[:1].isupper() and (alpha[j] or "-" in t):
                j += 1
            elif (
                tt.lower[j] in ORG_CONNECTORS
                and j + 1 < n
                and text[j + 1][:1].isupper()
                and alpha[j + 1]
            ):
                j += 2
            else:
                break
        if j - i >= 2:
            out.append((i, j))
        i = j
    return out


GROUP_LEAD_POS = {"ADV", "DET", "PRON", "SCONJ", "ADP", "NUM", "PUNCT", "CCONJ"}


def _name_start(doc: Doc, end: int) -> int | None:
    """Start of the proper name that ends just before `end` ("Jaish-e-Mohammed", "Acme
    Defense Systems"), or None when the word before `end` is no name."""
    i = end
    while i > 0:
        t = doc[i - 1]
        glued = i - 2 >= 0 and not doc[i - 2].whitespace_ and not t.whitespace_
        if t.text[:1].isupper() and (t.is_alpha or "-" in t.text):
            i -= 1
        elif glued and (t.text == "-" or t.is_lower):  # "-e-" inside a hyphenated name
            i -= 1
        else:
            break
        if end - i > 6:
            return None
    if i == end or not doc[i].text[:1].isupper() or doc[end - 1].pos_ != "PROPN":
        return None
    return i


def _trim_group_start(doc: Doc, start: int, head: int) -> int:
    """A group's name starts at its first content word ("How many U.S. troops" -> "U.S.
    troops", "the Lee government" -> "Lee government")."""
    while start < head and (
        doc[start].pos_ in GROUP_LEAD_POS or doc[start].lower_ in {"many", "much", "few"}
    ):
        start += 1
    return start


def _attached_to(t: Token, head: Token) -> bool:
    node = t
    for _ in range(6):
        if node.i == head.i:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _name_like(sp: SpacySpan) -> bool:
    """Written as a name: every content word capitalised; a single word must be a proper
    noun or an acronym ("Taliban", "BLA"), not a sentence-initial common word."""
    words = [t for t in sp if t.is_alpha]
    if not words or not all(t.text[:1].isupper() or t.lower_ in _NAME_JOINERS for t in words):
        return False
    if len(sp) == 1:
        t = sp[0]
        return (t.text.isupper() and len(t) >= 3) or (t.pos_ == "PROPN" and t.ent_type_ != "")
    return words[0].text[:1].isupper() and words[-1].text[:1].isupper()


_NAME_JOINERS = {"of", "the", "for", "and", "de", "al", "bin", "in", "on", "du", "la", "el"}


def _strictly_inside(sp: SpacySpan, spans: list[tuple[int, int]]) -> bool:
    return any(s <= sp.start and sp.end <= t and (s, t) != (sp.start, sp.end) for s, t in spans)


def _drop_shadowed_shorts(spans: list[SpacySpan], gaz: Gazetteer) -> list[SpacySpan]:
    """ "the North" inside "the North Korean embassy" is no short name: the overlapping
    demonym or name wins."""

    def is_short(sp: SpacySpan) -> bool:
        entries = gaz.lookup(sp.label_)
        return bool(entries) and entries[0].via == "short"

    longer = [sp for sp in spans if not is_short(sp)]
    return [
        sp
        for sp in spans
        if not is_short(sp)
        or not any(o.start < sp.end and sp.start < o.end and o.end > sp.end for o in longer)
    ]


def _company_unit_end(doc: Doc, end: int, covered: set[int]) -> int:
    """End of the capitalised words that continue a company's name ("LG" + "Energy
    Solution"), stopping at role words ("Samsung Chairman"), names the dictionary knows
    and line breaks."""
    rd = role_data()
    j = end
    while (
        j < len(doc)
        and j - end < 3
        and j not in covered
        and doc[j - 1].whitespace_ == " "
        and doc[j].is_alpha
        and doc[j].text[:1].isupper()
        and doc[j].lower_ not in rd.table
        and doc[j].pos_ == "PROPN"
    ):
        j += 1
    if j < len(doc) and doc[j].like_num:
        return end  # "Korean Air Flight 858" names a flight, not a company
    return j


def _longest_first(spans: list[SpacySpan]) -> list[SpacySpan]:
    chosen: list[SpacySpan] = []
    taken: set[int] = set()
    for sp in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if any(i in taken for i in range(sp.start, sp.end)):
            continue
        chosen.append(sp)
        taken.update(range(sp.start, sp.end))
    return sorted(chosen, key=lambda s: s.start)


def _is_person_modifier(sp: SpacySpan) -> bool:
    """A demonym in a person's title ("South Korean Prime Minister Kim Min-seok")."""
    root = sp.root
    if root.head.i == root.i:
        return False
    head = root.head
    if head.ent_type_ == "PERSON":
        return True
    j = sp.end
    # the title words up to the name: "Japanese Prime Minister Shinzo Abe"
    while j < len(sp.doc) and sp.doc[j].text[:1].isupper() and j - sp.end < 4:
        if sp.doc[j].ent_type_ == "PERSON":
            return True
        if sp.doc[j].lower_ not in role_table()[0]:
            return False
        j += 1
    return False


def _title_start(doc: Doc, start: int) -> int:
    """Leftmost token of the title/role words directly before a name
    ("North Korea's First Vice Foreign Minister", "Secretary of State", "Seoul Mayor")."""
    rd = role_data()
    i = start
    while i > 0:
        t = doc[i - 1]
        # a multi-word title ending here ("secretary of state", "ambassador-at-large")
        k = _role_phrase_start(doc, i)
        if k < i - 1:
            i = k
            continue
        if i - 2 >= 0 and not doc[i - 2].whitespace_ and t.text != "-" and doc[i - 2].text == "-":
            i -= 2  # "Ambassador-at-Large"
            continue
        if t.lower_ in TITLE_STOP or t.is_punct and t.text not in {".", "-"}:
            break
        if t.text in rd.honorifics or (t.lower_ in rd.table and t.text[:1].isupper()):
            i -= 1
            continue
        if t.ent_type_ in {"PERSON", "DATE", "TIME", "CARDINAL"}:
            break
        if t.ent_type_ == "ORDINAL" and not t.text[:1].isupper():
            break
        if t.pos_ in {"VERB", "AUX", "ADP", "DET", "PRON", "SCONJ", "CCONJ"} and t.lower_ not in (
            rd.table
        ):
            break
        if t.text in rd.honorifics or t.lower_ in rd.table or t.lower_ in rd.former:
            i -= 1
            continue
        if t.dep_ in {"compound", "amod", "nmod", "poss", "case"} or t.text in {"’s", "'s"}:
            i -= 1
            continue
        if t.pos_ == "PROPN" and t.text[:1].isupper():
            i -= 1
            continue
        break
    return i


def _role_phrase_start(doc: Doc, end: int) -> int:
    """Start of the longest multi-word role phrase that ends just before `end`."""
    rd = role_data()
    for k in range(max(0, end - 5), end - 1):
        phrase = doc[k:end].text.lower()
        if phrase in rd.table and doc[k].text[:1].isupper() == doc[end - 1].text[:1].isupper():
            return k
    return end - 1


def _pre_appositive(doc: Doc, start: int, end: int) -> SpacySpan | None:
    """ "North Korea's foreign minister, Ri Yong-ho," -> the role before the name."""
    if start < 2 or doc[start - 1].text != ",":
        return None
    root = doc[start:end].root
    head = root.head
    if root.dep_ != "appos" or head.i >= start or head.pos_ not in {"NOUN", "PROPN"}:
        return None
    left = head.left_edge.i
    words = [t.text for t in doc[left : head.i + 1]]
    if role_match(words)[0] is None:
        return None
    return doc[left : head.i + 1]


def _appositive(doc: Doc, start: int, end: int) -> SpacySpan | None:
    """ ", a visiting professor of Asian studies at Stanford University" after a name."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    head = doc[start:end].root
    for child in head.children:
        if child.dep_ == "appos" and child.i > end:
            sub = list(child.subtree)
            j = sub[-1].i + 1
            if j < len(doc) and doc[j].lower_ in role_data().now:
                j = _clause_end(doc, j)  # "..., a former investigator now at the X Center"
            elif j < len(doc) and doc[j].text == "-" and not doc[j - 1].whitespace_:
                j = _clause_end(doc, j)  # "co-founder and director of X": the parser split it
            return doc[sub[0].i : j]
    if end + 1 < len(doc):
        nxt = doc[end + 1]
        if nxt.lower_ in {"a", "an", "the"} or nxt.lower_ in role_table()[0]:
            return doc[end + 1 : _clause_end(doc, end + 1)]
        if nxt.lower_ == "who":
            # "Yoo, who teaches international relations at Namsan University": a relative
            # clause describes the person only when it names a role
            clause = doc[end + 1 : _clause_end(doc, end + 1)]
            if any(t.lower_ in role_table()[0] for t in clause[:4]):
                return clause
            if len(clause) > 2 and clause[1].lower_ in _role_verbs():
                return clause  # "Ko Ko, who heads the Yangon-based Myanmar Peace Forum"
    return None


@lru_cache(maxsize=1)
def _role_verbs() -> frozenset[str]:
    """Verbs of a relative clause that give a role ("who heads X"): roles.yaml."""
    data = resources.load_yaml("roles.yaml") or {}
    return frozenset(str(w).lower() for w in data.get("role_verbs") or [])


def _clause_end(doc: Doc, j: int) -> int:
    while j < len(doc) and doc[j].text not in {",", ".", ";", "“", '"', "”", ":"}:
        j += 1
    return j


def _char_root(doc: Doc, start: int, end: int) -> int:
    """Token index of the syntactic root of a mention's character span."""
    sp = doc.char_span(start, end, alignment_mode="expand")
    if sp is None:  # expand mode only fails on offsets outside the text
        raise ValueError(f"mention {start}-{end} lies outside the document")
    return sp.root.i
