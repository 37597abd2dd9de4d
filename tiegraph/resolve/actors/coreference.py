"""Coreference (coref.py): short forms and subject pronouns."""

from __future__ import annotations

from spacy.tokens import Token

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

        for tok in doc:
            if tok.i in self.index.token_actor or tok.i in self.claimed:
                continue
            if tok.text in forms and is_short_form_token(tok):
                target = short_form_target(self.coref, tok.text, tok.i)
                if target is not None:
                    self.mention(target, tok.i, tok.i + 1, "coref")
                    self.coref.people.append(PersonMention(target, tok.i, tok.i, False))
                    continue
            if (
                tok.pos_ == "PROPN"
                and tok.text[:1].isupper()
                and tok.i not in self.described
                and tok.dep_ != "compound"
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
            if tok.lower_ == "it":
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
            if tok.lower_ in {"they", "their"}:
                self._plural_pronoun(tok)
                continue
            if tok.lower_ in {"he", "she", "his", "her"}:
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
        doc = self.doc
        speech = _context_data()["speech_verbs"]
        lower_words = {t.lower_ for t in doc if t.is_lower}
        made: dict[str, int] = {}
        for tok in doc:
            if tok.text in made or not self._mononym(tok, speech, lower_words):
                continue
            self.add_person(tok.i, tok.i + 1)
            made[tok.text] = tok.i
        for tok in doc:
            first = made.get(tok.text)
            if first is None or tok.i == first or tok.i in self.index.token_actor:
                continue
            target = self.index.actor_of_token(doc[first])
            if target is not None and target.kind == "person" and tok.pos_ == "PROPN":
                self.mention(target, tok.i, tok.i + 1, "coref")

    def _mononym(self, tok: Token, speech: frozenset[str], lower_words: set[str]) -> bool:
        if tok.i in self.index.token_actor or tok.i in self.claimed or tok.i in self.headline:
            return False
        if tok.pos_ != "PROPN" or not tok.is_alpha or len(tok.text) < 3:
            return False
        if not tok.text[:1].isupper() or tok.text.isupper() or tok.lower_ in lower_words:
            return False
        # the small NER often misses a lone name ("said Rahmat" -> DATE or nothing)
        if tok.ent_type_ not in {"PERSON", "", "DATE"} or tok.lower_ in time_words():
            return False
        if self.gaz.lookup(tok.text) or role_sector([tok.lower_]) or org_head_sector([tok.text]):
            return False
        for nb in (
            tok.nbor(-1) if tok.i else None,
            tok.nbor(1) if tok.i + 1 < len(self.doc) else None,
        ):
            if nb is not None and nb.text[:1].isupper() and nb.pos_ == "PROPN":
                return False  # part of a longer name ("the INS Imphal")
        speaks = tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.lemma_.lower() in speech
        role = any(
            c.dep_ == "appos" and role_sector([c.lemma_.lower()]) is not None for c in tok.children
        )
        return speaks or role
