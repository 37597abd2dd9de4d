"""Coreference (coref.py): short forms and subject pronouns."""

from __future__ import annotations

from tiegraph.resolve.actors.people import PeoplePass
from tiegraph.resolve.actors.spans import _char_root
from tiegraph.resolve.actors.state import (
    _it_verbs,
)
from tiegraph.resolve.coref import (
    PersonMention,
    is_short_form_token,
    it_target,
    pronoun_target,
    short_form_target,
)


class CoreferencePass(PeoplePass):
    """Short forms and pronouns (pass 6), after every named mention."""

    def coref_pass(self) -> None:
        doc = self.doc
        forms = {p for pm in self.coref.people if pm.full for p in self.coref.parts(pm.actor)}
        self._hyphenated_short_forms({f for f in forms if "-" in f})
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
                        _char_root(doc, m.span.start, m.span.end),
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
