"""Organisations the dictionary does not know, their short forms, and affiliation phrases."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from tiegraph.model import Actor
from tiegraph.resolve.actors.groups import GroupPass
from tiegraph.resolve.actors.spans import (
    _attached_to,
    _capitalised_runs,
    _name_start,
)
from tiegraph.resolve.actors.state import (
    AFFILIATION_PREPS,
    _context_data,
)
from tiegraph.resolve.roles import (
    org_head_sector,
    role_data,
    role_sector,
)


class OrganisationPass(GroupPass):
    """Organisations the dictionary lacks (pass 2) and affiliation phrases."""

    def _unknown_org_spans(self, dict_spans: list[SpacySpan]) -> list[tuple[int, int]]:
        """NER organisations with an organisation head word that the dictionary lacks."""
        known: set[int] = set()
        for sp in dict_spans:
            es = self.gaz.lookup(sp.label_)
            if es and es[0].kind in {"igo", "organisation", "institution"}:
                known.update(range(sp.start, sp.end))
        cands = [
            (ent.start + (1 if ent[0].lower_ in {"the", "a", "an"} else 0), ent.end)
            for ent in self.doc.ents
            if ent.label_ == "ORG" and len(ent) >= 2
        ]
        cands += _capitalised_runs(self.tt)
        out: list[tuple[int, int]] = []
        for start, end in sorted(cands, key=lambda c: (-(c[1] - c[0]), c[0])):
            if end - start < 2 or any(i in known for i in range(start, end)):
                continue
            if any(s < end and start < e for s, e in out):
                continue
            if start in self.headline:
                continue
            if org_head_sector(self.tt.text[start:end]):
                out.append((start, end))
        for start, end, sector in self._described_org_names(known) + self._named_after_noun(known):
            if not any(s < end and start < e for s, e in out):
                out.append((start, end))
                self._org_sectors[(start, end)] = sector
        self._org_spans = sorted(out)
        return self._org_spans

    def _described_org_names(self, known: set[int]) -> list[tuple[int, int, str | None]]:
        """ "Jaish-e-Mohammed, a militant group based in Pakistan": a name followed by an
        appositive whose head is an organisation noun is an organisation; its sector is the
        appositive's ("militant group" -> REB)."""
        doc, tt = self.doc, self.tt
        nouns = _context_data()["organisation_nouns"]
        out: list[tuple[int, int, str | None]] = []
        for k in range(len(tt)):
            if tt.text[k] != "," or k + 2 >= len(tt) or tt.lower[k + 1] not in {"a", "an"}:
                continue
            words: list[str] = []
            for t in tt.toks[k + 2 : k + 8]:
                if t.is_punct or t.pos_ in {"ADP", "VERB", "AUX"}:
                    break
                words.append(t.lower_)
            head = next(
                (
                    j
                    for j in range(len(words), 0, -1)
                    if words[j - 1] in nouns or " ".join(words[j - 2 : j]) in nouns
                ),
                None,
            )
            if head is None:
                continue
            start = _name_start(doc, k)
            while start is not None and start < k and doc[start].pos_ in {"ADP", "DET", "SCONJ"}:
                start += 1  # "In Afghanistan, a local aid group": a phrase, not a name
            if start is None or start >= k or start in self.headline:
                continue
            if any(i in known for i in range(start, k)):
                continue
            phrase = words[:head]
            out.append((start, k, role_sector(phrase) or org_head_sector(phrase)))
        return out

    def _named_after_noun(self, known: set[int]) -> list[tuple[int, int, str | None]]:
        """ "the Indonesian think tank Lembaga Kajian", "rights group Kontras": a name right
        after an organisation noun (`context.organisation_nouns`) is that organisation, not a
        person; its sector from the noun phrase, its country from a state modifying it."""
        tt = self.tt
        text, lower, pos, ent = tt.text, tt.lower, tt.pos, tt.ent
        nouns = _context_data()["organisation_nouns"]
        out: list[tuple[int, int, str | None]] = []
        n = len(text)
        for k in range(1, n):
            if not tt.is_lower[k - 1]:
                continue
            two = f"{lower[k - 2]} {lower[k - 1]}" if k >= 2 else ""
            if not (lower[k - 1] in nouns or two in nouns):
                continue
            if pos[k] != "PROPN" or not text[k][:1].isupper() or k in known:
                continue
            end = k + 1
            while end < n:
                joined = not tt.ws[end - 1]
                name_word = pos[end] == "PROPN" and text[end][:1].isupper()
                if not (name_word or (joined and (tt.is_alpha[end] or text[end] == "-"))):
                    break
                end += 1  # "Tanzeem-e-Nur": hyphen-joined parts
            while end > k + 1 and text[end - 1] == "-":
                end -= 1
            if any(i in known or i in self.headline for i in range(k, end)):
                continue
            if any(ent[i] in {"GPE", "NORP", "DATE"} for i in range(k, end)):
                continue
            left = k - 1  # back over the noun's modifiers: "the Indonesian think tank"
            while (
                left > 0
                and pos[left - 1] in {"ADJ", "NOUN", "PROPN"}
                and (tt.is_lower[left - 1] or ent[left - 1] == "NORP")
            ):
                left -= 1
            phrase = lower[left:k]
            self._org_modifiers[(k, end)] = left
            out.append((k, end, role_sector(phrase) or org_head_sector(phrase)))
        return out

    def organisation_pass(self) -> None:
        doc = self.doc
        for start, end in self._org_spans:
            if any(i in self.index.token_actor for i in range(start, end)):
                continue
            words = [t.text for t in doc[start:end]]
            sector = org_head_sector(words) or self._org_sectors.get((start, end))
            country = self._inner_state(start, end) or self._location_of(doc[start:end])
            if country is None and (start, end) in self._org_modifiers:
                country = self._country_in(doc[self._org_modifiers[(start, end)] : start])
            name = doc[start:end].text
            a = self.actor(
                f"O:{name}",
                name=name,
                kind="organisation",
                country=country,
                sector=sector,
                code=((country or "") + (sector or "")) or None,
            )
            self.mention(a, start, end, "name")

    def organisation_short_forms(self) -> None:
        """ "Lotte" after "Lotte Group", "Hanbit" after "Hanbit Institute for ...": the
        distinctive first word of an organisation named earlier refers to it."""
        doc, tt = self.doc, self.tt
        openers = _context_data()["org_name_openers"]
        lower_words = {low for low, is_low in zip(tt.lower, tt.is_lower) if is_low}
        firsts: dict[str, tuple[int, Actor]] = {}
        for m in self.index.mentions:
            a = self.index.actors.get(m.actor_id)
            if a is None or a.kind != "organisation" or a.actor_id in self.institution_ids:
                continue
            words = a.name.split()
            w = words[0] if len(words) >= 2 else ""
            if (
                w[:1].isupper()
                and w.isalpha()
                and w.lower() not in openers
                and w.lower() not in lower_words
                and w.lower() not in role_data().table
                and not self.gaz.lookup(w)
            ):
                firsts.setdefault(w, (m.span.start, a))
        for i, text in enumerate(tt.text if firsts else ()):
            hit = firsts.get(text)
            if hit is None:
                continue
            tok = tt.toks[i]
            if tok.idx <= hit[0] or tok.i in self.claimed:
                continue
            if tok.i in self.index.token_actor or tok.pos_ != "PROPN":
                continue
            if tok.i + 1 < len(doc) and tt.text[tok.i + 1][:1].isupper():
                continue  # "Lotte Mart": another name
            self.mention(hit[1], tok.i, tok.i + 1, "coref")

    def head_word_forms(self) -> None:
        """ "A Journal editorial" after "The Wall Street Journal", "the Institute" after
        "the Cato Institute": the capitalised head word (`organisation_heads`) of the one
        organisation named earlier with that head refers to it."""
        doc = self.doc
        heads = role_data().org_heads
        by_head: dict[str, list[tuple[int, Actor]]] = {}
        for m in self.index.mentions:
            a = self.index.actors.get(m.actor_id)
            if a is None or a.kind != "organisation":
                continue
            words = a.name.split()
            if len(words) >= 2 and words[-1].lower() in heads and words[-1][:1].isupper():
                seen = by_head.setdefault(words[-1], [])
                if all(x is not a for _, x in seen):
                    seen.append((m.span.start, a))
        for tok in doc:
            hits = by_head.get(tok.text) or []
            if len(hits) != 1 or tok.idx <= hits[0][0] or tok.pos_ != "PROPN":
                continue
            if tok.i in self.claimed or tok.i in self.index.token_actor:
                continue
            prev = doc[tok.i - 1] if tok.i else None
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            named = prev is not None and prev.text[:1].isupper() and prev.pos_ != "DET"
            if named or (nxt is not None and nxt.text[:1].isupper()):
                continue  # "the Korea Times": another name
            self.mention(hits[0][1], tok.i, tok.i + 1, "coref")

    def acronym_forms(self) -> None:
        """ "the banned BLA" where the story also names the Baloch Liberation Army: an
        unknown all-capitals word spelling the initials of an organisation the document
        names (before or after) is that organisation."""
        by_initials: dict[str, Actor] = {}
        for a in self.index.actors.values():
            if a.kind not in {"organisation", "igo"}:
                continue
            words = [w for w in a.name.replace("-", " ").split() if w[:1].isupper()]
            if len(words) >= 2:
                by_initials.setdefault("".join(w[0] for w in words), a)
        if not by_initials:
            return
        for i, text in enumerate(self.tt.text):
            if i in self.claimed or i in self.index.token_actor:
                continue
            if not (2 <= len(text) <= 6 and text.isalpha() and text.isupper()):
                continue
            hit = by_initials.get(text)
            if hit is not None:
                self.mention(hit, i, i + 1, "alias")

    def _modifier_org(self, head: Token) -> Actor | None:
        """ "a Foreign Ministry spokeswoman", "A Lotte spokesman", "a ministry spokeswoman":
        the body named (or, lower-case, recalled) before the role noun."""
        for m in head.children:
            if m.dep_ not in {"compound", "nmod", "poss"} or m.i > head.i:
                continue
            for t in m.subtree:
                a = self.index.actor_of_token(t)
                if a is not None and a.kind in {"organisation", "igo"}:
                    return a
            if m.pos_ == "NOUN" and m.text.islower():
                a = self._recalled_org(m)
                if a is not None:
                    return a
        return None

    def _recalled_org(self, tok: Token) -> Actor | None:
        """ "the ministry" after "the Unification Ministry": the latest organisation before
        `tok` whose name ends (or starts) with this word."""
        best: Actor | None = None
        for m in self.index.mentions:
            if m.span.start >= tok.idx:
                break
            a = self.index.actors.get(m.actor_id)
            if a is None or a.kind != "organisation":
                continue
            words = a.name.lower().split()
            if words and tok.lower_ in {words[-1], words[0]}:
                best = a
        return best

    def _institution_in(self, span: SpacySpan, head: Token | None = None) -> Actor | None:
        """The organisation, IGO or group a role serves, by preposition from its head
        ("for the Unification Ministry", "at Stanford University", "Hyundai's founder")."""
        for t in span:
            if head is not None and not _attached_to(t, head):
                continue
            a = self.index.actor_of_token(t)
            if a is not None and a.kind in {"organisation", "igo", "group"}:
                self._locate(a, t)
                return a
        if head is not None:
            # "for the North Korean army": a role noun with a state modifier; "who served
            # with the occupation forces in Korea": a force served with
            verbs = _context_data()["service_verbs"]
            nodes = [head] + [
                c for c in head.children if c.dep_ == "relcl" and c.lemma_.lower() in verbs
            ]
            for node in nodes:
                for prep in node.children:
                    if prep.dep_ != "prep" or prep.lower_ not in AFFILIATION_PREPS | {"in"}:
                        continue
                    if node is head and prep.lower_ == "in":
                        continue
                    for pobj in prep.children:
                        got = self._np_group(pobj)
                        if got is not None:
                            return got
        return None

    def _affiliation_pp(self, name: SpacySpan) -> Actor | None:
        """ "Professor Min of the Gwanghwa Institute", "General Nam Il for the North Korean
        army": a preposition right after the name that introduces an institution."""
        doc = self.doc
        j = name.end
        if j >= len(doc) or doc[j].lower_ not in {"of", "for", "from"}:
            return None
        prep = doc[j]
        for k in range(j + 1, min(len(doc), j + 12)):
            t = doc[k]
            if t.text in {",", ".", ";", "“", '"'} or t.dep_ == "cc":
                break
            a = self.index.actor_of_token(t)
            if a is not None and a.kind in {"organisation", "igo"}:
                self.described.update(range(j, k + 1))
                self._locate(a, t)
                return a
            if t.dep_ == "pobj" and t.head.i == prep.i:
                got = self._np_group(t)
                if got is not None:
                    self.described.update(range(j, t.i + 1))
                    return got
        return None
