"""Parse-tree helpers shared by the extractors: dependency-label sets and small
questions about a token (its forms, its prepositions, its tense, its clause)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass"}

OBJ_DEPS = {"dobj", "dative", "attr", "oprd"}

NOUN_POS = {"NOUN", "PROPN"}

# clause links a subject is inherited through ("agreed to withdraw", "met and signed",
# "emphasized ... by visiting China", "invaded Korea, starting a war")
SUBJECT_CLIMB = {"xcomp", "conj", "advcl", "pcomp", "prep", "acomp"}

RELATIVE_WORDS = {"who", "which", "that", "whom"}


def forms(tok: Token) -> set[str]:
    """Lemma and surface forms: the tagger's lemma is sometimes wrong ("hopes" -> "hop")."""
    low = tok.lower_
    forms = {tok.lemma_.lower(), low}
    for suffix in ("s", "es", "d", "ed", "ing"):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            forms.add(low[: -len(suffix)])
    return forms


def is_pronoun(tok: Token) -> bool:
    return tok.pos_ == "PRON" or tok.tag_ in {"PRP", "PRP$"}


def prep_children(tok: Token, preps: Iterable[str]) -> list[Token]:
    allowed = set(preps)
    return [c for c in tok.children if c.dep_ in {"prep", "prt", "dative"} and c.lower_ in allowed]


def clause_only(verb: Token) -> list[Token]:
    """A clause's words without the clauses nested in it."""
    skip: set[int] = set()
    for t in verb.subtree:
        if t.i != verb.i and t.dep_ in {"relcl", "advcl", "ccomp", "acl", "conj"}:
            skip.update(x.i for x in t.subtree)
    return [t for t in verb.subtree if t.i not in skip]


def past_tense(tok: Token) -> bool:
    node = tok
    while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
        node = node.head
    if node.tag_ == "VBD":
        return True
    return any(c.dep_ in {"aux", "auxpass"} and c.tag_ == "VBD" for c in node.children) and not any(
        c.lower_ in {"would", "could", "should", "might"} for c in node.children
    )


def lemma_matches(tok: Token, words: tuple[str, ...]) -> bool:
    return bool(forms(tok) & set(words))


def misparsed_main_verb(tok: Token) -> bool:
    """ "Thousands of Hungarians protested outside ...": the parser made the sentence's
    only verb a participle of the sentence-root noun."""
    return tok.dep_ == "acl" and tok.head.dep_ == "ROOT" and tok.head.pos_ in NOUN_POS


def is_state_participle(tok: Token) -> bool:
    """ "troops stationed in Korea": a participle describing a noun, not an act."""
    if misparsed_main_verb(tok):
        return False
    return (
        tok.dep_ in {"acl", "amod"}
        and tok.tag_ == "VBN"
        and not any(c.dep_ == "agent" for c in tok.children)
    )


def bare_passive(tok: Token) -> bool:
    """A past participle clause with no subject or auxiliary: "if attacked again"."""
    return (
        tok.tag_ == "VBN"
        and tok.dep_ == "advcl"
        and not any(c.dep_ in SUBJ_DEPS | {"aux", "auxpass"} for c in tok.children)
    )


def clause_tokens(trigger: Token) -> list[Token]:
    """The clause the trigger belongs to: from its verb up to the first verb with a
    subject of its own, without relative clauses and conjoined clauses with their own
    subject that do not contain the trigger ("The missile, which U.S. and Japanese
    officials believe was a Taepodong, was launched"; "China said it opposed the test,
    and the United States called for sanctions")."""
    node = trigger
    while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
        node = node.head
    while (
        not any(c.dep_ in SUBJ_DEPS for c in node.children)
        and node.dep_ in SUBJECT_CLIMB | {"relcl", "acl", "ccomp"}
        and node.head.i != node.i
    ):
        node = node.head
    skip: set[int] = set()
    for t in node.subtree:
        if t.i == node.i or t.left_edge.i <= trigger.i <= t.right_edge.i:
            continue
        own_subject = any(c.dep_ in SUBJ_DEPS for c in t.children)
        if t.dep_ == "relcl" or (t.dep_ == "conj" and t.pos_ in {"VERB", "AUX"} and own_subject):
            skip.update(x.i for x in t.subtree)
    return [t for t in node.subtree if t.i not in skip]


_TEXT_KEY = "tiegraph_text"


def doc_text(doc: Doc) -> str:
    """The document's text, joined once per parse.

    spaCy's `Doc.text` rebuilds the string from every token on each access; read per
    row (per time expression, per figure, per mention) that made extraction grow with
    the square of document length. The copy is keyed by the token count, so a doc
    retokenised after it was read gets a fresh one.
    """
    cached = doc.user_data.get(_TEXT_KEY)
    if cached is not None and cached[0] == len(doc):
        return str(cached[1])
    text = doc.text
    doc.user_data[_TEXT_KEY] = (len(doc), text)
    return text


def seed_doc_text(doc: Doc, text: str) -> None:
    """Record `text` as the doc's text when the doc was parsed from it (spaCy keeps the
    input string exactly), so not even the first read rebuilds it from the tokens."""
    end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if end == len(text):
        doc.user_data[_TEXT_KEY] = (len(doc), text)


def heads_subject(tok: Token, deps: set[str] | frozenset[str] = frozenset(SUBJ_DEPS)) -> bool:
    """Is `tok` a clause's subject (a dependency in `deps`), directly or through up to
    two compound/appositive/flat links ("President Joe Biden" heads its subject)?"""
    node = tok
    for _ in range(3):
        if node.dep_ in deps:
            return True
        if node.dep_ in {"compound", "appos", "flat"} and node.head.i != node.i:
            node = node.head
            continue
        return False
    return False
