"""Document-level antecedents for event participants the resolver left unlinked.

The resolver links a subject "he"/"she" only to a person subject of the last two
sentences, and never an object ("accused him"); the quote extractor reads a pronoun
against the wider window `cues.yaml: pronoun_window_sentences` (and the same or two
previous paragraphs). This module gives event participants that same reading from
what the resolver already recorded (its mentions and coreference links): a person
pronoun takes the nearest earlier person of its gender, outside quotation marks,
preferring a subject of this or the two previous sentences; a bare surname takes the
one person named in full earlier in the same document whose last name it is.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Token

from tiegraph.extract.context import DocContext
from tiegraph.extract.quotes.lexicon import cues
from tiegraph.model import Actor
from tiegraph.nlp.syntax import SUBJ_DEPS, doc_text, heads_subject

GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}


def _inside_quote(tok: Token) -> bool:
    """Is `tok` inside quotation marks opened earlier in its paragraph?"""
    text = doc_text(tok.doc)
    seg = text[text.rfind("\n", 0, tok.idx) + 1 : tok.idx]
    return seg.count("“") > seg.count("”") or seg.count('"') % 2 == 1


def _genders(ctx: DocContext) -> dict[str, str]:
    """Actor id -> "m"/"f" from the pronouns the resolver already linked to it; an
    actor referred to by both is left out (no guard either way)."""
    seen: dict[str, set[str]] = {}
    for i, via in ctx.actors.mention_vias.items():
        aid = ctx.actors.token_actor.get(i)
        g = GENDER.get(ctx.tokens[i].lower_) if i < len(ctx.tokens) else None
        if via == "coref" and aid and g:
            seen.setdefault(aid, set()).add(g)
    return {aid: next(iter(gs)) for aid, gs in seen.items() if len(gs) == 1}


def _clause_subject_ids(ctx: DocContext, pron: Token) -> set[str]:
    """Actors of the subject of an object pronoun's own clause: "Trump ... described his
    relationship with him" cannot mean Trump (a reflexive would)."""
    if pron.dep_ in SUBJ_DEPS:
        return set()
    node = pron.head
    for _ in range(8):
        subj = [c for c in node.children if c.dep_ in SUBJ_DEPS]
        if subj and node.pos_ in {"VERB", "AUX"}:
            return {
                aid
                for c in subj
                for t in c.subtree
                if (aid := ctx.actors.token_actor.get(t.i)) is not None
            }
        if node.head.i == node.i:
            break
        node = node.head
    return set()


def person_antecedent(ctx: DocContext, pron: Token) -> Actor | None:
    """he/she/him/her the resolver left unlinked -> the nearest earlier person of the
    same gender (a subject of this or the two previous sentences first), within the
    quote side's pronoun window and the same or two previous paragraphs; None inside
    quotation marks or when nothing agrees."""
    gender = GENDER.get(pron.lower_)
    if gender is None or pron.dep_ == "poss" or _inside_quote(pron):
        return None
    doc = pron.doc
    starts = ctx.sent_starts
    k = bisect_right(starts, pron.i) - 1
    text = doc_text(doc)
    para_lo = pron.idx
    for _ in range(3):  # the same or two previous paragraphs
        para_lo = text.rfind("\n", 0, max(0, para_lo - 1))
        if para_lo < 0:
            para_lo = 0
            break
    lo_tok = starts[max(0, k - cues().pronoun_window)]
    near = starts[max(0, k - 2)]
    genders = _genders(ctx)
    own = _clause_subject_ids(ctx, pron)
    best: tuple[int, Actor] | None = None
    best_subject: tuple[int, Actor] | None = None
    for i in range(max(lo_tok, 0), pron.i):
        t = ctx.tokens[i]
        if t.idx < para_lo:
            continue
        if GENDER.get(t.lower_, gender) != gender:
            # "He tracked when she watered": a pronoun of the other gender after a
            # person hands the discourse on; no earlier person is safe
            best = best_subject = None
            continue
        a = ctx.actors.actor_of_token(t)
        if a is None or a.kind != "person" or genders.get(a.actor_id, gender) != gender:
            continue
        if a.actor_id in own:
            continue
        if ctx.actors.token_actor.get(i + 1) == a.actor_id or _inside_quote(t):
            continue  # one mention per name: its last token
        best = (i, a)
        if i >= near and heads_subject(t):
            best_subject = (i, a)
    pick = best_subject or best
    return pick[1] if pick else None


def surname_antecedent(ctx: DocContext, tok: Token) -> Actor | None:
    """A bare capitalised name the resolver left unlinked ("Berisha") -> the one person
    named earlier in this document whose last name it is; None when two people share it."""
    if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or len(tok.text) < 3:
        return None
    if any(c.dep_ == "compound" for c in tok.children) or tok.dep_ == "compound":
        return None
    found = {
        a.actor_id: a
        for i, aid in ctx.actors.token_actor.items()
        if i < tok.i
        and (a := ctx.actors.actors.get(aid)) is not None
        and a.kind == "person"
        and len(a.name.split()) > 1
        and a.name.split()[-1] == tok.text
    }
    return next(iter(found.values())) if len(found) == 1 else None
