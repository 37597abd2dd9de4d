"""Coreference (coref.py): short forms and subject pronouns."""

from __future__ import annotations

from tiegraph.resolve.actors.people import PeoplePass
from tiegraph.resolve.actors.spans import _char_root
from tiegraph.resolve.actors.state import (
    _context_data,
    _it_verbs,
)
from tiegraph.resolve.coref import (
    PersonMention,
    is_short_form_token,
    it_target,
    pronoun_target,
    short_form_target,
    time_words,
)
from tiegraph.resolve.roles import org_head_sector, role_sector


class CoreferencePass(PeoplePass):
    """Short forms and pronouns (pass 6), after every named mention."""

    def coref_pass(self) -> None:
        doc = self.doc
        forms = {p for pm in self.coref.people if pm.full for p in self.coref.parts(pm.actor)}
        self._hyphenated_short_forms({f for f in forms if "-" in f})
        roots: dict[tuple[int, int], int] = {}  # a mention's root, found once per pass

        def root_of(start: int, end: int) -> int:
            if (start, end) not in roots:
                roots[start, end] = _char_root(doc, start, end)
            return roots[start, end]

        tt = self.tt
        for i, tok in enumerate(tt.toks):
            if i in self.index.token_actor or i in self.claimed:
                continue
            text, low = tt.text[i], tt.lower[i]
            if text in forms and is_short_form_token(tok):
                target = short_form_target(self.coref, tok.text, tok.i)
                if target is not None:
                    self.mention(target, tok.i, tok.i + 1, "coref")
                    self.coref.people.append(PersonMention(target, tok.i, tok.i, False))
                    continue
            if (
                tt.pos[i] == "PROPN"
                and text[:1].isupper()
                and i not in self.described
                and tt.dep[i] != "compound"
                and not any(c.dep_ == "compound" for c in tok.children)
            ):
                found = self.gaz.people_by_surname(tok.text, self.anchor)
                if (
                    len(found) == 1
                    and found[0].terms
                    and len(tok.text) > 2
                    and self._bare_surname_ok(tok, found[0])
                ):
                    self.add_person(tok.i, tok.i + 1, found[0], via="alias")
                    continue
            if low == "it":
                heads = [
                    (
                        root_of(m.span.start, m.span.end),
                        self.index.actors[m.actor_id],
                    )
                    for m in self.index.mentions
                    if m.span.start < tok.idx
                ]
                target = it_target(doc, heads, tok, _it_verbs())
                if target is not None:
                    self.mention(target, tok.i, tok.i + 1, "coref")
                continue
            if low in {"they", "their"}:
                self._plural_pronoun(tok)
                continue
            if low in {"he", "she", "his", "her"}:
                target = pronoun_target(doc, self.coref, tok)
                if target is not None:
                    self.mention(target, tok.i, tok.i + 1, "coref")
                    self.coref.gender.setdefault(
                        target.actor_id, "m" if tok.lower_ in {"he", "his"} else "f"
                    )
                    if tok.dep_ != "poss":  # a possessive is no subject for later pronouns
                        self.coref.people.append(PersonMention(target, tok.i, tok.i, False))

    def mononym_pass(self) -> None:
        """People known by one name ("Rahmat, a 45-year-old fisherman, said", "said
        Rahmat"): a one-word proper name no earlier pass took becomes a person when the
        NER reads it as one (or as nothing) and it speaks (`context.speech_verbs`) or a role noun stands
        in apposition to it; every other use of the word in the text is the same person."""
        doc, tt = self.doc, self.tt
        speech = _context_data()["speech_verbs"]
        lower_words = {low for low, is_low in zip(tt.lower, tt.is_lower) if is_low}
        made: dict[str, int] = {}
        for i, text in enumerate(tt.text):
            if text in made or not self._mononym(i, speech, lower_words):
                continue
            self.add_person(i, i + 1)
            made[text] = i
        for i, text in enumerate(tt.text if made else ()):
            first = made.get(text)
            if first is None or i == first or i in self.index.token_actor:
                continue
            target = self.index.actor_of_token(doc[first])
            if target is not None and target.kind == "person" and tt.pos[i] == "PROPN":
                self.mention(target, i, i + 1, "coref")

    def _mononym(self, i: int, speech: frozenset[str], lower_words: set[str]) -> bool:
        """Is token i a one-word name that speaks or has a role (see `mononym_pass`)?"""
        tt = self.tt
        if i in self.index.token_actor or i in self.claimed or i in self.headline:
            return False
        text, low = tt.text[i], tt.lower[i]
        if tt.pos[i] != "PROPN" or not tt.is_alpha[i] or len(text) < 3:
            return False
        if not text[:1].isupper() or text.isupper() or low in lower_words:
            return False
        # the small NER often misses a lone name ("said Rahmat" -> DATE or nothing)
        if tt.ent[i] not in {"PERSON", "", "DATE"} or low in time_words():
            return False
        if self.gaz.lookup(text) or role_sector([low]) or org_head_sector([text]):
            return False
        for nb in (i - 1 if i else None, i + 1 if i + 1 < len(tt) else None):
            if nb is not None and tt.text[nb][:1].isupper() and tt.pos[nb] == "PROPN":
                return False  # part of a longer name ("the INS Imphal")
        tok = tt.toks[i]
        speaks = tt.dep[i] in {"nsubj", "nsubjpass"} and tok.head.lemma_.lower() in speech
        role = any(
            c.dep_ == "appos" and role_sector([c.lemma_.lower()]) is not None for c in tok.children
        )
        return speaks or role
