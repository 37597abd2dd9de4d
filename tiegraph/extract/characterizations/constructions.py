"""Relationship and standing descriptions found by lemma and syntax, not by listed phrases.

The phrase lexicon lists wordings; news varies them ("close political and security
ties", "upgraded their ties", "its superpower rival China", "a long-running maritime
dispute with Somalia"). Here a relation noun (by lemma: tie, ally, rival, dispute, ...)
is a description when it carries its own tone (rival, dispute) or an evaluative
modifier or verb gives it one (close ties, upgraded ties), and a standing noun
(aggressor, pariah, superpower, threat) is a description of the one actor the syntax
attaches it to. The dyad comes from the syntax where it can:

- partner: the object of "with"/"to"/"toward"/"against" on the noun ("ties with Iran");
  both objects of "between" ("friction between Kenya and Somalia");
- holder: a possessor ("China's close ties", "its ally", "their ties" -> the subject of
  the clause, so "India and Mauritius have upgraded their ties" is IND-MUS); the subject
  of the clause the noun is the object of ("India, which has close ties to ...");
  the name the noun stands in apposition to ("its superpower rival China").

All vocabularies are data (`relation_words` in data/characterizations.yaml).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from tiegraph.extract.context import DocContext
from tiegraph.model import Actor

PRONOUN_HOLDERS = {"its", "their"}
PERSONAL = {"his", "her", "my", "your"}  # a person's allies or ties: not between states
STATE_KINDS = {"state", "igo"}
RELATIVE = {"which", "that", "who"}


@dataclass(frozen=True)
class RelationWords:
    nouns: dict[str, float | None]  # lemma -> own tone; None: neutral (ties, relations)
    qualified_only: frozenset[str]  # count only with a modifier ("strategic competition")
    standing: dict[str, float]  # one-actor descriptions (aggressor, pariah, superpower)
    modifiers: dict[str, float]  # evaluative adjectives and participles, by lemma
    qualifiers: frozenset[str]  # neutral classifiers ("strategic", "naval", "economic")
    verbs: dict[str, float]  # verbs that characterise their object ("upgrade", "sever")
    adjectives: dict[str, float]  # predicative relation adjectives ("friendly toward X")
    partner_preps: frozenset[str]
    skip_entities: frozenset[str]  # a noun inside such a named entity is part of a name


def relation_words(d: dict) -> RelationWords:
    def tones(key: str) -> dict[str, float]:
        return {str(k).lower(): float(v) for k, v in (d.get(key) or {}).items()}

    return RelationWords(
        nouns={
            str(k).lower(): (None if v is None else float(v))
            for k, v in (d.get("nouns") or {}).items()
        },
        qualified_only=frozenset(str(w).lower() for w in d.get("qualified_only") or []),
        standing=tones("standing"),
        modifiers=tones("modifiers"),
        qualifiers=frozenset(str(w).lower() for w in d.get("qualifiers") or []),
        verbs=tones("verbs"),
        adjectives=tones("adjectives"),
        partner_preps=frozenset(str(w).lower() for w in d.get("partner_preps") or []),
        skip_entities=frozenset(str(w) for w in d.get("skip_entities") or []),
    )


@dataclass(frozen=True)
class Hit:
    """A description found by syntax: its head word, tone and, when the syntax gives
    them, the parties (None: take the dyad from the context)."""

    head: Token
    start: int
    end: int
    tone: float
    dyads: tuple[tuple[str, ...], ...]  # complete pairs (or the one actor of a standing)
    anchor: str | None = None  # one party the syntax gives when it gives no pair
    open_partner: bool = False  # the partner is a description ("the island nation")


def _hit(
    tok: Token,
    begin: int,
    end: int,
    tone: float,
    holders: list[str],
    partners: list[str],
    between: bool,
) -> Hit:
    """Pairs from the holders and partners: a "between" pair; each holder with each
    partner; two coordinated holders; else one known party (or none) as the anchor."""
    if between and len(partners) >= 2:
        pairs = [(partners[0], partners[1])]
    elif holders and partners:
        pairs = [(h, p) for h in holders for p in partners if h != p]
    elif len(holders) >= 2:
        pairs = [(holders[0], holders[1])]
    else:
        pairs = []
    known = [*holders, *partners]
    return Hit(tok, begin, end, tone, tuple(pairs), None if pairs or not known else known[0])


def party(a: Actor | None) -> str | None:
    """The code a party goes by in a dyad: its country, or an IGO's code ("IGOEU")."""
    if a is None:
        return None
    if a.country:
        return a.country
    return a.code if a.code and a.code.startswith(("IGO", "NGO")) else None


def _parties(ctx: DocContext, tok: Token, kinds: set[str] | None = None) -> list[str]:
    out = [party(a) for a in ctx.actors.actors_under(tok) if kinds is None or a.kind in kinds]
    return list(dict.fromkeys(c for c in out if c))


def _subject(verb: Token) -> Token | None:
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is not None and subj.lower_ in RELATIVE and verb.dep_ == "relcl":
        # "Venezuela, which has close ties with Iran": the name before the pronoun, which
        # the parser may hang on another noun ("the backing of India, which has ...")
        before = subj.doc[subj.i - 1] if subj.i > 0 else verb.head
        if before.is_punct and before.i > 0:
            before = subj.doc[before.i - 1]
        return before if before.pos_ == "PROPN" else verb.head
    if (
        subj is None
        and verb.dep_ in {"xcomp", "conj", "advcl"}
        and verb.head.pos_ in {"VERB", "AUX"}
    ):
        return _subject(verb.head)
    return subj


def _clause_verb(tok: Token) -> Token | None:
    for anc in tok.ancestors:
        if anc.pos_ in {"VERB", "AUX"}:
            return anc
    return None


def _recent(ctx: DocContext, tok: Token) -> list[str]:
    """The nearest party named before `tok` in its sentence."""
    for prev in reversed(tok.doc[tok.sent.start : tok.i]):
        found = [party(a) for a in ctx.actors.actors_of_token(prev)]
        if any(found):
            return [c for c in found if c][:1]
    return []


def _holders(ctx: DocContext, tok: Token) -> list[str]:
    """The party that has the relationship the noun names (see the module docstring).
    "their" is the clause's subject; "its" too when that subject is one party, else the
    nearest party before it ("the states look to Washington ... as its rival China")."""
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    if poss is not None:
        if poss.lower_ in PRONOUN_HOLDERS:
            verb = _clause_verb(tok)
            subj = _subject(verb) if verb is not None else None
            found = _parties(ctx, subj) if subj is not None and subj.i < tok.i else []
            single = subj is not None and not subj.conjuncts and subj.tag_ != "NNS"
            if poss.lower_ == "its" and not (found and single):
                return _recent(ctx, poss)
            return found
        return _parties(ctx, poss)
    if tok.dep_ in {"dobj", "attr"}:
        subj = _subject(tok.head)
        if subj is not None:
            return _parties(ctx, subj)
    return []


def _partners(ctx: DocContext, tok: Token, preps: frozenset[str]) -> tuple[list[str], bool]:
    """Parties named by the noun's complement; True when it is a "between" pair."""
    for c in tok.children:
        if c.dep_ != "prep":
            continue
        objs = [o for o in c.children if o.dep_ == "pobj"]
        if c.lower_ == "between" and objs:
            return _parties(ctx, objs[0]), True
        if c.lower_ in preps and objs:
            return _parties(ctx, objs[0]), False
    for c in tok.children:  # "its ally, Japan"
        if c.dep_ == "appos":
            return _parties(ctx, c), False
    if tok.dep_ in {"compound", "appos"} and tok.head.pos_ == "PROPN":
        return _parties(ctx, tok.head), False
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.pos_ == "PROPN":  # "its superpower rival China expands"
        return _parties(ctx, nxt), False
    return [], False


def _modifier_tone(rw: RelationWords, tok: Token) -> tuple[float | None, bool, int]:
    """(tone of the nearest evaluative modifier or characterising verb, whether any
    modifier or qualifier is there, index of the leftmost modifier)."""
    tone: float | None = None
    qualified = False
    left = tok.i
    mods = [c for c in tok.children if c.dep_ in {"amod", "compound", "nmod"} and c.i < tok.i]
    for m in sorted(mods, key=lambda c: -c.i):
        words = [m, *m.conjuncts, *(c for c in m.children if c.dep_ == "advmod")]
        for w in words:
            lem = w.lemma_.lower() if w.lemma_.lower() in rw.modifiers else w.lower_
            if tone is None and lem in rw.modifiers:
                tone = rw.modifiers[lem]
            if tone is None and lem in rw.verbs:
                tone = rw.verbs[lem]  # "upgraded ties"
            if lem in rw.modifiers or lem in rw.qualifiers or lem in rw.verbs:
                qualified = True
        if qualified:
            left = min(left, *(t.i for t in m.subtree))
    if tone is None and tok.dep_ in {"dobj", "nsubjpass"} and tok.head.pos_ == "VERB":
        tone = rw.verbs.get(tok.head.lemma_.lower())
        if tone is not None:
            left = min(left, tok.head.i)
    return tone, qualified, left


def _is_name(rw: RelationWords, tok: Token) -> bool:
    """Part of a name, or a classifier of another noun ("dispute consultations")."""
    return (
        tok.pos_ == "PROPN"
        or tok.ent_type_ in rw.skip_entities
        or tok.dep_ == "compound"
        or (tok.dep_ in {"amod", "nmod"} and tok.head.pos_ in {"NOUN", "PROPN"})
        or (tok.text[:1].isupper() and tok.i > tok.sent.start)
    )


def find(ctx: DocContext, rw: RelationWords, start: int, end: int) -> list[Hit]:
    """Descriptions whose head word lies in [start, end) of the document."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    return [h for tok in span if (h := _one(ctx, rw, tok, True)) is not None]


def analyse(ctx: DocContext, rw: RelationWords, tok: Token) -> Hit | None:
    """The parties the syntax gives a lexicon match's head word, whatever its tone; a
    modifier stands for the relation noun it modifies ("burgeoning" -> relationship)."""
    if tok.dep_ in {"amod", "compound", "advmod"} and tok.head.lemma_.lower() in rw.nouns:
        tok = tok.head
    return _one(ctx, rw, tok, False)


def _one(ctx: DocContext, rw: RelationWords, tok: Token, need_tone: bool) -> Hit | None:
    lem = tok.lemma_.lower()
    if tok.pos_ == "ADJ" and lem in rw.adjectives:
        return _adjective(ctx, rw, tok)
    if tok.pos_ != "NOUN" or _is_name(rw, tok):
        return None
    if lem in rw.nouns:
        return _relation(ctx, rw, tok, need_tone)
    if lem in rw.standing:
        return _standing(ctx, rw, tok)
    return None


def _relation(ctx: DocContext, rw: RelationWords, tok: Token, need_tone: bool) -> Hit | None:
    """A relation noun: a description when it has a tone; a bare one ("allies", "the
    dispute") only when the syntax names a party, a modified one also from context."""
    lem = tok.lemma_.lower()
    tone, qualified, left = _modifier_tone(rw, tok)
    own = rw.nouns[lem]
    if tone is None or (own is not None and tone * own > 0 and abs(own) > abs(tone)):
        tone = own if tone is None else own
    if need_tone and (tone is None or (lem in rw.qualified_only and not qualified)):
        return None
    if any(c.dep_ == "poss" and c.lower_ in PERSONAL for c in tok.children):
        return None
    partners, between = _partners(ctx, tok, rw.partner_preps)
    holders = [] if between else _holders(ctx, tok)
    if need_tone and not (qualified or left < tok.i or holders or partners):
        return None
    hit = _hit(
        tok, ctx.doc[left].idx, tok.idx + len(tok.text), tone or 0.0, holders, partners, between
    )
    if hit.anchor is not None and not _anchor_is_state(ctx, tok, hit.anchor):
        return None  # one person named ("cut ties with Berisha"): the context cannot pair it
    if hit.anchor is not None and not partners and _open_partner(tok, rw.partner_preps):
        return Hit(hit.head, hit.start, hit.end, hit.tone, hit.dyads, hit.anchor, True)
    return hit


def _anchor_is_state(ctx: DocContext, tok: Token, code: str) -> bool:
    """The one party the syntax gives is a state or an IGO somewhere in the sentence."""
    for t in tok.sent:
        for a in ctx.actors.actors_of_token(t):
            if party(a) == code and a.kind in STATE_KINDS:
                return True
    return False


def _open_partner(tok: Token, preps: frozenset[str]) -> bool:
    """A partner complement that names no party ("ties with the island nation")."""
    return any(c.dep_ == "prep" and c.lower_ in preps for c in tok.children)


def _standing(ctx: DocContext, rw: RelationWords, tok: Token) -> Hit | None:
    """One actor's standing: "Putin is the aggressor", "the China threat", "a threat from
    China", "Russian aggression"; with a partner ("aggression against Ukraine") a pair."""
    actors: list[str] = []
    if tok.tag_ in {"NNS", "NNPS"}:  # "his tariff threats" are acts, not a standing
        return None
    if tok.dep_ == "attr":
        subj = _subject(tok.head)
        actors = _parties(ctx, subj) if subj is not None else []
    for c in tok.children:
        if actors:
            break
        if c.dep_ in {"poss", "compound", "amod", "nmod"} and c.i < tok.i and c.pos_ != "PRON":
            actors = _parties(ctx, c, STATE_KINDS)  # "the China threat", not "Trump's threat"
        elif c.dep_ == "prep" and c.lower_ in {"from", "by", "of"}:
            objs = [o for o in c.children if o.dep_ == "pobj"]
            actors = _parties(ctx, objs[0]) if objs else []
    if not actors and tok.dep_ == "appos":
        actors = _parties(ctx, tok.head)
    if not actors:
        return None
    partners, _ = _partners(ctx, tok, rw.partner_preps)
    partners = [p for p in partners if p != actors[0]]
    _, _, left = _modifier_tone(rw, tok)
    begin, end = ctx.doc[left].idx, tok.idx + len(tok.text)
    tone = rw.standing[tok.lemma_.lower()]
    if partners:
        return _hit(tok, begin, end, tone, actors[:1], partners, False)
    return Hit(tok, begin, end, tone, ((actors[0],),))


def _adjective(ctx: DocContext, rw: RelationWords, tok: Token) -> Hit | None:
    """A predicative relation adjective with its partner: "friendly toward Pakistan"."""
    partners, _ = _partners(ctx, tok, rw.partner_preps)
    if not partners:
        return None
    holder: list[str] = []
    if tok.dep_ in {"acomp", "amod"}:
        subj = _subject(tok.head) if tok.dep_ == "acomp" else tok.head
        if subj is not None:
            holder = _parties(ctx, subj)
            if not holder:  # "countries that are friendly toward Pakistan, including ..."
                near = {subj.i, *(t.i for t in tok.subtree)}
                inc = [t for t in tok.sent if t.lower_ == "including" and t.head.i in near]
                objs = [o for c in inc for o in c.children if o.dep_ == "pobj"]
                holder = [c for c in (_parties(ctx, objs[0]) if objs else []) if c not in partners]
    if not holder:
        return None
    end = max(t.idx + len(t.text) for t in tok.subtree)
    return _hit(tok, tok.idx, end, rw.adjectives[tok.lemma_.lower()], holder, partners, False)
