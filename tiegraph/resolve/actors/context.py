"""Where the text places things: the country of a span, a sentence, a frame, the dateline."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from tiegraph import resources
from tiegraph.model import Actor
from tiegraph.nlp.syntax import doc_text
from tiegraph.resolve.actors.spans import (
    DATELINE,
    _longest_first,
)
from tiegraph.resolve.actors.state import (
    BuildState,
    _context_data,
)

# the state after a dateline's city: "MARANCHON, SPAIN —"
_DATELINE_STATE = re.compile(
    r"\s*([A-Z][A-Za-z.'’]+(?: [A-Z][A-Za-z.'’]+){0,2})\s*(?:—|–|--|-\s|\()"
)


def _title(name: str) -> str:
    """ "NEW DELHI" -> "New Delhi": how the gazetteer spells a dateline's words."""
    return " ".join(w.capitalize() for w in name.split())


@lru_cache(maxsize=1)
def placement_rules() -> tuple[frozenset[str], int, float, bool]:
    data = _placement_data()
    return (
        frozenset(str(s) for s in data.get("sectors") or []),
        int(data.get("focal_min_mentions", 3)),
        float(data.get("focal_ratio", 1.5)),
        bool(data.get("undescribed", False)),
    )


@lru_cache(maxsize=1)
def _placement_data() -> dict:
    return (resources.load_yaml("actors.yaml") or {}).get("placement") or {}


class ContextPass(BuildState):
    """Country lookups every later pass uses; holds no state of its own."""

    def _inner_state(self, start: int, end: int) -> str | None:
        """A state, capital or city in an organisation's own name ("Korea Defense Analysis
        Center", "Geneva Centre for Middle East Security", "Delhi Centre ..."); not a state
        after a topic word (`context.topic_preps`: "Inter-Parliamentary Alliance on China").
        A city only the Phoenix gazetteer knows counts when the text names its state
        ("Blantyre Girls Primary School" in a story about Malawi)."""
        topics = _context_data()["topic_preps"]
        lower = self.tt.lower
        cut = next((i for i in range(start + 1, end) if lower[i] in topics), end)
        for sp in _longest_first(self._gaz_matches_in(start, cut)):
            for e in self.gaz.lookup(sp.label_):
                if e.kind in {"state", "place"} and e.country:
                    return e.country
        inner = {self.places[i] for i in range(start, cut) if self.places.get(i)}
        if len(inner) == 1:
            c = inner.pop()
            if any(a.kind == "state" and a.country == c for a in self.index.actors.values()):
                return c
        return None

    def _location_of(self, span: SpacySpan) -> str | None:
        """Country of a place given for an organisation: "X in Boston", "X, a group in Virginia"."""
        doc = self.doc
        root = span.root
        nodes = [root, *[c for c in root.children if c.dep_ == "appos"]]
        for node in nodes:
            for prep in node.children:
                if prep.dep_ == "prep" and prep.lower_ in {"in", "at", "based"}:
                    for pobj in prep.children:
                        c = self._place_country(pobj)
                        if c:
                            return c
        # a loose attachment: "... Affairs in Boston" right after the name
        j = span.end
        if j + 1 < len(doc) and doc[j].lower_ == "in":
            c = self._place_country(doc[j + 1])
            if c:
                return c
        if j + 2 < len(doc) and doc[j].text == ",":
            for k in range(j + 1, min(len(doc) - 1, j + 8)):
                if doc[k].text in {",", ".", ";"}:
                    break
                if doc[k].lower_ == "in":
                    c = self._place_country(doc[k + 1])
                    if c:
                        return c
                c = self._based_in(k)
                if c:
                    return c  # "X, a Geneva-based think tank"
        # "the Oslo-based Nordhavn Forum"
        k = span.start - 3
        return self._based_in(k) if k >= 0 else None

    def _based_in(self, k: int) -> str | None:
        """ "Geneva-based": the country of the place at token k, when "-based" follows."""
        doc = self.doc
        if k + 2 < len(doc) and doc[k + 1].text == "-" and doc[k + 2].lower_ == "based":
            return self._token_country(doc[k])  # a place or a state ("Germany-based")
        return None

    def _place_country(self, tok: Token) -> str | None:
        for t in [tok, *tok.subtree]:
            if t.i in self.places and self.places[t.i]:
                return self.places[t.i]
            a = self.index.actor_of_token(t)
            if a is not None and a.kind == "state":
                return a.country
        return None

    def _previous_sentence_country(self, sent: SpacySpan) -> str | None:
        k = sent.start - 1
        while k > 0 and self.doc[k].is_space:
            k -= 1
        if k <= 0:
            return None
        prev = self.doc[k].sent
        return self._sentence_country(prev.end_char - 1)

    def _frame_country(self, sent: SpacySpan) -> str | None:
        """ "In New Delhi, ...": a place that opens the sentence."""
        if len(sent) < 3 or sent[0].lower_ not in _context_data()["frame_preps"]:
            return None
        for t in sent[1:5]:
            if t.text == ",":
                break
            c = self._token_country(t)  # a state or a place of one
            if c:
                return c
        return None

    def _dateline_country(self) -> str | None:
        """The country of a wire dateline ("TOKYO --", "SEOUL —") near the top of the
        text; None when there is none or it names places in several countries."""
        if not hasattr(self, "_dateline"):
            self._dateline = self._find_dateline()
        return self._dateline

    def _find_dateline(self) -> str | None:
        lines = [ln.strip() for ln in doc_text(self.doc).splitlines() if ln.strip()]
        for line in lines[:40]:
            m = DATELINE.match(line)
            if not m:
                continue
            state = _DATELINE_STATE.match(line, m.end()) if line[m.end() - 1] == "," else None
            raw = state.group(1) if state is not None else ""
            named = (self.gaz.lookup(raw) or self.gaz.lookup(_title(raw)))[:1] if raw else []
            if named and named[0].kind == "state" and named[0].country:
                # "MARANCHON, SPAIN —": the state the dateline names after its city
                self._dateline_cities = [(m.group(1), named[0].country)]
                return named[0].country
            countries = set()
            for part in re.split(r"\s*/\s*", m.group(1)):
                found = [e.country for e in self.gaz.lookup(_title(part)) if e.country]
                countries.add(found[0] if found else self._dateline_city(part))
            if None in countries:
                continue  # "OPINION —": capitals, but no place
            return countries.pop() if len(countries) == 1 else None
        return None

    def _dateline_city(self, part: str) -> str | None:
        """A dateline city only the Phoenix gazetteer knows ("BLANTYRE —"), when the text
        also names its country: a city name alone may be a person's or another place's."""
        e = self.gaz.phoenix_entry(_title(part), self.anchor)
        if e is None or e.kind != "place" or not e.country:
            return None
        if not any(
            a.kind == "state" and a.country == e.country for a in self.index.actors.values()
        ):
            return None
        self._dateline_cities = [(part, e.country)]
        return e.country

    def dateline_places(self) -> None:
        """The dateline's city is a place of the dateline's country wherever the text names
        it ("MARANCHON, SPAIN — ... in Maranchon"), so later stages can read it as one."""
        country = self._dateline_country()
        cities = getattr(self, "_dateline_cities", [])
        if not country or len(cities) != 1:
            return
        words = cities[0][0].lower().split()
        lower, n = self.tt.lower, len(words)
        for i, low in enumerate(lower):
            if low == words[0] and i not in self.index.token_actor:
                if lower[i : i + n] == words and not self.places.get(i):
                    for j in range(i, i + n):
                        self.places[j] = country

    def _sentence_country(self, char: int) -> str | None:
        sents = self.tt.sent_chars  # by bisection: no scan of the sentences per call
        k = bisect_right(sents, (char, float("inf"))) - 1
        if k < 0 or not sents[k][0] <= char < sents[k][1]:
            return None
        start_char, end_char = sents[k]
        best: tuple[int, int, str] | None = None
        for m in self.index.mentions:
            if not (start_char <= m.span.start < end_char):
                continue
            a = self.index.actors.get(m.actor_id)
            if a is None or not a.country or a.kind not in {"person", "group", "state"}:
                continue
            rank = 0 if a.kind in {"person", "group"} else 1
            cand = (rank, abs(m.span.start - char), a.country)
            if best is None or cand < best:
                best = cand
        return best[2] if best else None

    def _token_country(self, tok: Token) -> str | None:
        a = self.index.actor_of_token(tok)
        if a is not None and a.kind == "state":
            return a.country
        return self.places.get(tok.i) or None

    def _is_state_word(self, tok: Token) -> bool:
        a = self.index.actor_of_token(tok)
        if a is not None and a.kind == "state":
            return True
        return any(e.kind == "state" for e in self.gaz.lookup(tok.text))

    def _country_in(self, span: SpacySpan) -> str | None:
        """A state named in a title or modifier ("South Korean", "Seoul Mayor", "U.S.")."""
        for t in span:
            a = self.index.actor_of_token(t)
            if a is not None and a.kind == "state":
                return a.country
        for sp in _longest_first(self._gaz_matches_in(span.start, span.end)):
            for e in self.gaz.lookup(sp.label_):
                if e.kind in {"state", "place"} or (e.kind in {"organisation"} and e.country):
                    return e.country  # "South Korean", "Daejeon Mayor", "Hyundai founder"
                if e.kind in {"igo", "none"}:
                    break
        return None

    def _state_or_place(self, tok: Token) -> str | None:
        a = self.index.actor_of_token(tok)
        if a is not None and a.kind == "state":
            return a.country
        if tok.i in self.places and self.places[tok.i] and tok.dep_ == "compound":
            return self.places[tok.i]  # "Seoul metropolitan police"
        return None

    def _names_state(self, span: SpacySpan) -> bool:
        """Is this modifier a state's name ("Korea", "U.S.") rather than a demonym?"""
        return any(
            self.index.mention_vias.get(t.i) in {"name", "alias"}
            and (a := self.index.actor_of_token(t)) is not None
            and a.kind == "state"
            for t in span
        )

    def _locate(self, a: Actor, tok: Token) -> None:
        """Give an organisation without a country the place the text gives for it."""
        if a.kind != "organisation" or a.country:
            return
        span = next(
            (
                self.doc.char_span(m.span.start, m.span.end)
                for m in self.index.mentions
                if m.actor_id == a.actor_id and m.span.start <= tok.idx < m.span.end
            ),
            None,
        )
        c = self._location_of(span if span is not None else self.doc[tok.i : tok.i + 1])
        if c:
            a.country = c
            a.code = c + (a.sector or "")

    def focal_country(self) -> str | None:
        """The state the document names most often, when it clearly leads; between two
        close leaders, the one the story names first (a lead names its subject)."""
        _, least, ratio, _ = placement_rules()
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        for m in self.index.mentions:
            a = self.index.actors.get(m.actor_id)
            if a is not None and a.kind == "state" and a.country:
                counts[a.country] += 1
                first[a.country] = min(first.get(a.country, m.span.start), m.span.start)
        last = -2
        for i in sorted(self.places):
            c = self.places[i]
            if c and i != last + 1:  # one count per place name, not per token
                counts[c] += 1
                first[c] = min(first.get(c, self.doc[i].idx), self.doc[i].idx)
            last = i
        ranked = counts.most_common(2)
        if not ranked or ranked[0][1] < least:
            return None
        if len(ranked) > 1 and ranked[0][1] < ratio * ranked[1][1]:
            if ranked[1][1] < least:
                return None
            return min((c for c, _ in ranked), key=lambda c: first[c])
        return ranked[0][0]
