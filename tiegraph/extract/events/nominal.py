"""Events an event noun codes ("the talks", "an invasion of"), with participants from
its own modifiers, a light verb or, strictly, the sentence."""

from __future__ import annotations

from spacy.tokens import Token

from tiegraph.extract.context import DocContext
from tiegraph.extract.events import participants, reading, roles, rules
from tiegraph.model import Actor, Event
from tiegraph.nlp import syntax


def _noun_pattern(ctx: DocContext, tok: Token, lex: rules.Lexicon) -> rules.Pattern | None:
    pat = lex.nouns.get(tok.lemma_.lower()) or lex.nouns.get(tok.lower_)
    if pat is None:
        return None
    if pat.plural and tok.tag_ not in {"NNS", "NNPS"}:
        return None
    if pat.modifier and not any(syntax.lemma_matches(c, pat.modifier) for c in tok.children):
        if not _group_subject(ctx, tok, lex):
            return None
    return pat


def _group_subject(ctx: DocContext, tok: Token, lex: rules.Lexicon) -> bool:
    """ "The two militaries began their annual exercise", "South Korean and American
    forces held a drill": a light verb whose subject is a group of states makes the act
    joint without a "joint" modifier."""
    if tok.dep_ != "dobj" or tok.head.lemma_.lower() not in lex.light_verbs:
        return False
    for c in tok.head.children:
        if c.dep_ == "nsubj":
            if participants._group_size(c) and syntax.forms(c) & lex.pair_nouns:
                return True
            return len({a.country for a in participants._phrase_actors(ctx, c) if a.country}) >= 2
    return False


def _light_verb(tok: Token, lex: rules.Lexicon) -> Token | None:
    """The verb whose subject takes part in the event noun: "signed a treaty",
    "held talks", "the treaty was signed by", "met at a summit", "agreed in a treaty";
    or whose object does: "the talks brought together delegations from ..."."""
    head = tok.head
    if tok.dep_ in {"dobj", "nsubjpass"} and head.lemma_.lower() in lex.light_verbs:
        return head
    if tok.dep_ == "nsubj" and head.lemma_.lower() in lex.gathering_verbs:
        return head
    if tok.dep_ == "nsubj" and head.lemma_.lower() in lex.aspect_verbs:
        return head  # "The talks began on Wednesday evening with a dinner"
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ in {"dobj", "nsubjpass"}:
        # "held three rounds of talks", "signed a series of agreements"
        if head.head.head.lemma_.lower() in lex.light_verbs:
            return head.head.head
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in lex.action_nouns:
        # "Russia completes ratification of a treaty with North Korea"
        verb = head.head.head
        if head.head.dep_ in {"dobj", "nsubjpass"} and verb.pos_ in {"VERB", "AUX"}:
            return verb
    if tok.dep_ == "pobj" and head.lower_ == "with" and head.dep_ == "prep":
        # "the two countries formalized their ties with the Treaty of Friendship"
        verb = head.head
        if verb.pos_ == "VERB" and any(p.symmetric for p in lex.verbs.get(verb.lemma_.lower(), [])):
            return verb
    if (
        tok.dep_ == "pobj"
        and head.dep_ == "prep"
        and head.lower_
        in {
            "in",
            "at",
            "through",
            "under",
            "without",
        }
    ):
        verb = head.head
        if verb.pos_ in {"VERB", "AUX"}:
            return verb
    if (
        tok.dep_ == "pobj"
        and head.lower_ == "for"
        and head.head.lemma_.lower() in lex.purpose_verbs
        and head.head.pos_ == "VERB"
    ):
        return head.head  # "Envoys from Ethiopia and Egypt sat down for talks"
    for c in tok.children:
        # "The treaty, signed in Pyongyang in June, ..."
        if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in lex.light_verbs:
            return c
    return None


def _endorsers(ctx: DocContext, tok: Token, lex: rules.Lexicon) -> list[Actor]:
    """ "China backed successive rounds of UN Security Council sanctions": the subject of
    an `endorsing_verbs` verb over the noun joins in imposing it."""
    node = tok
    for _ in range(4):
        if node.dep_ not in {"pobj", "prep", "dobj"} or node.head.i == node.i:
            break
        node = node.head
        if node.pos_ == "VERB" and node.lemma_.lower() in lex.endorsing_verbs:
            acts, passive, _ = participants._subject(ctx, node, lex)
            return participants._agent(ctx, node, lex) if passive else acts
        if node.pos_ == "VERB":
            break
    return []


def _noun_participants(
    ctx: DocContext, tok: Token, pat: rules.Pattern, lex: rules.Lexicon, anaphora: bool = True
) -> tuple[list[Actor], list[Actor], str, bool]:
    """(sources, targets, how found, inherited). Symmetric nouns return everyone as sources."""
    mods = participants._left_modifier_actors(ctx, tok)
    by = [
        a for p in syntax.prep_children(tok, ("by",)) for a in participants._pobj_actors(ctx, p, 1)
    ]
    joint = [
        a
        for p in syntax.prep_children(tok, ("between", "among", "with"))
        for a in participants._pobj_actors(ctx, p, 1)
    ]
    light = _light_verb(tok, lex)
    light_src: list[Actor] = []
    light_with: list[Actor] = []
    inherited = False
    if light is not None and tok.dep_ == "nsubj" and light.lemma_.lower() in lex.aspect_verbs:
        light_src = []
    elif light is not None and tok.dep_ == "nsubj":
        light_src = [
            a
            for c in light.children
            if c.dep_ == "dobj"
            for a in participants._np_actors(ctx, c, lex, True)
        ] + roles._prep_targets(ctx, light, ("from",))
    elif light is not None:
        light_src, passive, inherited = participants._subject(ctx, light, lex)
        if passive:
            light_src = participants._agent(ctx, light, lex)
        light_with = roles._prep_targets(ctx, light, ("with",))
        if not pat.symmetric or tok.dep_ == "pobj":
            light_with += roles._object_targets(ctx, light, lex)
    possessor = [
        a
        for c in tok.children
        if c.dep_ == "poss" and not syntax.is_pronoun(c)
        for a in ctx.actors.actors_under(c)
    ]
    harm = pat.cameo[:2] in {"17", "18", "19", "20"} or tok.lemma_.lower() in lex.harm_nouns
    if harm and light is not None and tok.dep_ == "pobj" and tok.head.lower_ in lex.victim_preps:
        # "the train came under attack (by X)": the subject is the victim, never the attacker
        attackers = participants._uniq(by + mods + roles._prep_targets(ctx, light, ("by", "from")))
        return attackers, participants._uniq(light_src), "light", False
    if pat.light_only and light is None and (pat.symmetric or not (by or possessor)):
        # a directional noun with its own agent needs no light verb ("a request by the South")
        return [], [], "own", False
    if pat.symmetric:
        own = participants._uniq(mods + joint + by)
        parts = participants._uniq(own + light_src + light_with)
        how = "own" if len({a.country for a in own}) >= 2 else ("light" if light_src else "own")
        if len({a.country for a in parts}) < 2 and not light_src:
            borrowed = _borrow(ctx, tok, lex, parts)
            if borrowed:
                return borrowed, [], "sentence", False
        if (
            len({a.country for a in parts}) < 2
            and anaphora
            and light is not None
            and roles._is_joint_noun(tok, lex)
        ):
            # "The treaty was renewed in 1981", "Russia's parliament approved the pact"
            earlier = roles._agreement_partners(ctx, tok, lex)
            if len({a.country for a in earlier}) >= 2 and {a.country for a in parts} <= {
                a.country for a in earlier
            }:
                return earlier, [], "antecedent", False
        return parts, [], how, inherited
    tgts = [
        a
        for p in syntax.prep_children(tok, pat.preps)
        for a in participants._pobj_actors(ctx, p, 2)
    ]
    if not tgts and tok.dep_ == "nsubj" and tok.head.lemma_.lower() == "be":
        # "Putin's June trip was his first to North Korea"
        tgts = [
            a
            for attr in tok.head.children
            if attr.dep_ == "attr"
            for p in syntax.prep_children(attr, pat.preps)
            for a in participants._pobj_actors(ctx, p, 2)
        ]
    srcs = participants._uniq(by or mods or light_src)
    if pat.endorsable:
        srcs = participants._uniq(srcs + _endorsers(ctx, tok, lex))
    if not srcs:
        for c in tok.children:
            if c.dep_ == "poss" and syntax.is_pronoun(c):
                srcs = light_src or participants._antecedent(ctx, c)
    how = "light" if (srcs and srcs == light_src and not mods and not by) else "own"
    if pat.needs_pair and not (srcs and tgts):
        return [], [], how, False
    return srcs, participants._uniq(tgts), how, inherited and how == "light"


def _dated_inside(ctx: DocContext, tok: Token) -> bool:
    left = tok.doc[tok.left_edge.i].idx
    return bool(ctx.timexes_between(left, tok.idx + len(tok.text)))


def _clause_subject_actor(ctx: DocContext, tok: Token, lex: rules.Lexicon) -> list[Actor]:
    node = tok
    while node.head.i != node.i and node.pos_ not in {"VERB", "AUX"}:
        node = node.head
    for c in node.children:
        if c.dep_ in syntax.SUBJ_DEPS and not syntax.is_pronoun(c):
            return participants._uniq(ctx.actors.actors_under(c))
    return []


def _borrow(ctx: DocContext, tok: Token, lex: rules.Lexicon, own: list[Actor]) -> list[Actor]:
    """The sentence's two states, for a specific treaty/summit that names no pair itself
    ("the 1953 Mutual Defense Treaty that underpins the alliance"). Never for an
    indefinite, undated noun ("a Cold War defense pact"), inside a comparison, or when
    its clause has another actor as subject."""
    states: list[Actor] = []
    for t in tok.sent:
        a = ctx.actors.actor_of_token(t)
        if a is not None and a.kind == "state" and all(a.country != s.country for s in states):
            states.append(a)
    if len(states) != 2 or any(all(o.country != s.country for s in states) for o in own):
        return []
    definite = any(c.dep_ in {"det", "poss"} and c.lower_ not in {"a", "an"} for c in tok.children)
    if not (definite and _dated_inside(ctx, tok)):
        return []
    if reading._in_comparison(tok, lex):
        return []
    subj = _clause_subject_actor(ctx, tok, lex)
    if subj and any(all(a.country != s.country for s in states) for a in subj):
        return []
    return states


def nominal_events(ctx: DocContext) -> list[Event]:
    lex = rules.lexicon()
    out: list[Event] = []
    for tok in ctx.doc:
        if tok.pos_ not in syntax.NOUN_POS or tok.i in ctx.actors.token_actor:
            continue
        pat = _noun_pattern(ctx, tok, lex)
        if pat is None:
            continue
        governed = reading._governor(tok, lex)
        light = _light_verb(tok, lex)
        if governed is None and light is not None and tok.dep_ in {"dobj", "nsubjpass"}:
            governed = reading._governor(light, lex)  # "refused to sign a deal": no deal
        if governed == "suppress":
            continue
        srcs, tgts, how, inherited = _noun_participants(ctx, tok, pat, lex)
        if not srcs and not tgts:
            continue
        pairs = roles._pairs(srcs, [], mutual=True) if pat.symmetric else roles._pairs(srcs, tgts)
        if pat.symmetric and not pairs:
            pairs = [(a, None) for a in participants._collapse(srcs)]
        for s, t in pairs:
            if s is None and t is None:
                continue
            out.append(reading._make(ctx, tok, s, t, pat, how, inherited, governed))
    return out
