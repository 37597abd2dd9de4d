"""Events an event noun codes ("the talks", "an invasion of"), with participants from
its own modifiers, a light verb or, strictly, the sentence."""

from __future__ import annotations

from spacy.tokens import Token

from tiegraph import resources
from tiegraph.extract.context import DocContext
from tiegraph.extract.events import participants, reading, roles, rules
from tiegraph.model import Actor, Event
from tiegraph.nlp import syntax


def _noun_pattern(ctx: DocContext, tok: Token, lex: rules.Lexicon) -> rules.Pattern | None:
    """The first reading of the noun whose conditions hold: a reading with `light` verbs
    holds only under one of them ("lifted a curfew" is not "imposed a curfew")."""
    readings = lex.noun_readings.get(tok.lemma_.lower()) or lex.noun_readings.get(tok.lower_)
    if not readings:
        pat = lex.nouns.get(tok.lemma_.lower()) or lex.nouns.get(tok.lower_)
        readings = (pat,) if pat is not None else ()
    for pat in readings:
        if pat.plural and tok.tag_ not in {"NNS", "NNPS"}:
            continue
        if pat.light:
            verb = _light_verb(tok, lex, frozenset(pat.light))
            if verb is None or verb.lemma_.lower() not in pat.light:
                continue
        if pat.modifier and not any(syntax.lemma_matches(c, pat.modifier) for c in tok.children):
            if not _group_subject(ctx, tok, lex):
                continue
        return pat
    return None


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


def _light_verb(tok: Token, lex: rules.Lexicon, own: frozenset[str] = frozenset()) -> Token | None:
    """The verb whose subject takes part in the event noun: "signed a treaty",
    "held talks", "the treaty was signed by", "met at a summit", "agreed in a treaty";
    or whose object does: "the talks brought together delegations from ...". `own`: the
    reading's own light verbs ("lifted a curfew"), light for this noun only."""
    light_verbs = lex.light_verbs | own
    head = tok.head
    if tok.dep_ in {"dobj", "nsubjpass"} and head.lemma_.lower() in light_verbs:
        return head
    if tok.dep_ == "nsubj" and head.lemma_.lower() in lex.gathering_verbs:
        return head
    if tok.dep_ == "nsubj" and head.lemma_.lower() in lex.aspect_verbs:
        return head  # "The talks began on Wednesday evening with a dinner"
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ in {"dobj", "nsubjpass"}:
        # "held three rounds of talks", "signed a series of agreements"
        if head.head.head.lemma_.lower() in light_verbs:
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
        if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in light_verbs:
            return c
    return None


FRAME_PREPS = ("following", "after", "during")


def _single_subject(verb: Token) -> Token | None:
    """The subject of `verb` when it is one singular, uncoordinated noun (the antecedent
    of a relative pronoun): a single participant however many actors its phrase names."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.tag_ in {"WP", "WDT"} and verb.dep_ == "relcl":
        subj = verb.head
    if subj is None or subj.tag_ not in {"NN", "NNP"}:
        return None
    if any(c.dep_ == "conj" for c in subj.children) or participants._group_size(subj):
        return None
    return subj


def _clause_party(ctx: DocContext, tok: Token, lex: rules.Lexicon) -> list[Actor]:
    """The other party of a joint noun that names one: the subject of the clause it
    frames ("Following talks with Ramgoolam, both leaders reaffirmed ...") or the speaker
    of the clause it is the subject of ("Pakistan said that discussions with the IMF are
    progressing well")."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in FRAME_PREPS and head.head.pos_ in {"VERB", "AUX"}:
        acts, passive, _ = participants._subject(ctx, head.head, lex)
        return [] if passive else acts
    if tok.dep_ == "nsubj" and head.dep_ == "ccomp" and head.head.lemma_.lower() in lex.speech:
        acts, passive, _ = participants._subject(ctx, head.head, lex)
        return [] if passive else acts
    return []


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
    light = _light_verb(tok, lex, frozenset(pat.light))
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
        if not light_src and light.dep_ == "acl" and light.tag_ == "VBN" and light.head.i != tok.i:
            # "U.S. officials involved in negotiations with North Korea": the noun the
            # participle modifies takes part
            light_src = participants._np_actors(ctx, light.head, lex)
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
        owner = possessor or [
            a
            for c in tok.children
            if c.dep_ == "poss"
            and not syntax.is_pronoun(c)
            and (a := ctx.actors.actor_of_token(c)) is not None
        ]
        if owner and light is not None and tok.dep_ == "dobj":
            # "Barnier, who led the bloc's Brexit negotiations": the possessor is the side
            # the subject acts for, not a second party
            light_src = []
        one = _single_subject(light) if light is not None and tok.dep_ == "dobj" else None
        if one is not None and len(light_src) > 1:
            # "EU official Michel Barnier, who led the negotiations": one person's
            # affiliations are one side, not two parties
            first = ctx.actors.actor_of_token(one)
            light_src = [first] if first is not None else light_src[:1]
        own = participants._uniq(mods + joint + by)
        parts = participants._uniq(own + light_src + light_with)
        how = "own" if len({a.country for a in own}) >= 2 else ("light" if light_src else "own")
        if len({a.country for a in parts}) == 1 and light is None:
            extra = [a for a in _clause_party(ctx, tok, lex) if a.country != parts[0].country]
            if extra:
                parts = participants._uniq(parts + extra)
                how = "light"
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
    # "the withdrawal of U.S. troops", "a visit of Modi to": the "of" phrase is the agent
    # of a noun whose own preposition is not "of"
    of = (
        []
        if "of" in pat.preps
        else [
            a
            for p in syntax.prep_children(tok, ("of",))
            for a in participants._pobj_actors(ctx, p, 1)
        ]
    )
    srcs = participants._uniq(by or mods or of or light_src)
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
    sent = ctx.sent_of(tok.i)
    for t in ctx.tokens[sent.start : sent.end]:
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


def _ptype(pat: rules.Pattern) -> str:
    table = resources.cameo_to_plover()
    return pat.type or (table.get(pat.cameo) or table.get(pat.cameo[:3]) or ("",))[0]


def _verb_codes(light: Token | None, tok: Token, pat: rules.Pattern, lex: rules.Lexicon) -> bool:
    """Whether the light verb has a verb reading of the same type for this very object
    ("imposed new tariffs", "lifted a curfew" in `verbs:`): the verb codes the
    occurrence, the noun does not code it again."""
    if light is None or tok.dep_ not in {"dobj", "nsubjpass"} or tok.head.i != light.i:
        return False
    lemma, ptype = tok.lemma_.lower(), _ptype(pat)
    return any(
        lemma in p.objects and _ptype(p) == ptype for p in lex.verbs.get(light.lemma_.lower(), [])
    )


def _modifier_governor(tok: Token, lex: rules.Lexicon) -> str | None:
    """ "Britain's proposed deal", "a planned summit": a participle modifier that only
    proposes or plans the act governs the noun as its verb would."""
    for c in tok.children:
        if c.dep_ == "amod" and c.tag_ == "VBN":
            lemma = c.lemma_.lower()
            if lemma in lex.gov_suppress:
                return "suppress"
            if lemma in lex.gov_future:
                return "future"
    return None


def nominal_events(ctx: DocContext) -> list[Event]:
    lex = rules.lexicon()
    out: list[Event] = []
    for tok in ctx.tokens:
        if tok.pos_ not in syntax.NOUN_POS or tok.i in ctx.actors.token_actor:
            continue
        pat = _noun_pattern(ctx, tok, lex)
        if pat is None:
            continue
        governed = reading._governor(tok, lex)
        light = _light_verb(tok, lex, frozenset(pat.light))
        if governed is None and light is not None and tok.dep_ in {"dobj", "nsubjpass"}:
            governed = reading._governor(light, lex)  # "refused to sign a deal": no deal
        governed = governed or _modifier_governor(tok, lex)
        if governed == "suppress" or _verb_codes(light, tok, pat, lex):
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
