"""Which participant is the target: objects, pattern prepositions, complement clauses,
places, an agreement's other party, and the directed (source, target) pairs."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from tiegraph.extract.context import DocContext
from tiegraph.extract.events import nominal, participants, rules, verbal
from tiegraph.model import Actor
from tiegraph.nlp import syntax

DEFAULT_TARGET_PREPS = ("against", "on", "upon", "toward", "towards")

COMPLEMENT_PREPS = ("with", "to", "on", "against", "from", "toward", "towards", "for", "into")

PLACE_PREPS = (
    "from",
    "in",
    "to",
    "into",
    "out",
    "of",
    "on",
    "near",
    "along",
    "inside",
    "at",
    "toward",
    "towards",
    "over",
    "off",
    "across",
)


def _object_targets(
    ctx: DocContext,
    tok: Token,
    lex: rules.Lexicon,
    avoid: frozenset[str] = frozenset(),
    object_preps: tuple[str, ...] = ("from", "by", "of"),
) -> list[Actor]:
    out: list[Actor] = []
    children = list(tok.children)
    if not any(c.dep_ in syntax.OBJ_DEPS for c in children):
        # "armed and funded Hezbollah": the object of the conjoined verb
        children = [
            o
            for v in children
            if v.dep_ == "conj"
            and v.pos_ == "VERB"
            and not any(x.dep_ in syntax.SUBJ_DEPS for x in v.children)
            for o in v.children
            if o.dep_ == "dobj"
        ] + children
    for c in children:
        if c.dep_ in syntax.OBJ_DEPS:
            # "vetoed a Security Council resolution drafted by Albania": the author named
            # by the participle's agent, before a venue the noun's own words name
            acts = [
                a
                for acl in c.children
                if acl.dep_ == "acl" and acl.tag_ == "VBN"
                for a in participants._agent(ctx, acl, lex)
            ] or participants._np_actors(ctx, c, lex, avoid=avoid)
            if not acts:
                # "rejected an offer from Seoul", "froze the assets of Russian officials",
                # "vetoed the resolution drafted by Britain"
                for p in syntax.prep_children(c, object_preps):
                    acts += participants._pobj_actors(ctx, p, depth=1, avoid=avoid)
                for acl in c.children:
                    if acl.dep_ == "acl":
                        acts += participants._agent(ctx, acl, lex)
                    elif acl.dep_ == "relcl":
                        # "withdrew the trade status it had granted Pakistan"
                        acts += [
                            a
                            for o in acl.children
                            if o.dep_ in {"dobj", "dative"}
                            for a in participants._np_actors(ctx, o, lex, avoid=avoid)
                        ]
                        acts += _prep_targets(ctx, acl, ("to",), avoid=avoid)
            out += acts
        elif c.dep_ in {"ccomp", "xcomp"} and c.pos_ in {"ADJ", "NOUN"}:
            # "held Pyongyang responsible": the small clause's subject
            for cc in c.children:
                if cc.dep_ in syntax.SUBJ_DEPS:
                    out += participants._np_actors(ctx, cc, lex)
    return participants._uniq(out)


def _prep_targets(
    ctx: DocContext,
    tok: Token,
    preps: Iterable[str],
    on_object: bool = False,
    avoid: frozenset[str] = frozenset(),
) -> list[Actor]:
    """Actors introduced by `preps` on the verb, or (`on_object`) on its direct object,
    where the parser often hangs them ("fired scores of shells at the island")."""
    preps = tuple(preps)
    heads = [tok]
    if on_object:
        heads += [c for c in tok.children if c.dep_ == "dobj"]
    out: list[Actor] = []
    for h in heads:
        for p in syntax.prep_children(h, preps):
            out += participants._pobj_actors(ctx, p, depth=2, avoid=avoid)
    return participants._uniq(out)


def _place_phrase_states(ctx: DocContext, prep: Token) -> list[Actor]:
    """States named anywhere in a place phrase, outside clauses ("to waters near Taiwan",
    "from the town near the Eritrean border")."""
    out: list[Actor] = []
    for t in prep.subtree:
        if any(a.dep_ in {"relcl", "acl", "advcl"} for a in t.ancestors if a.i > prep.i):
            continue
        acts = [a for a in ctx.actors.actors_of_token(t) if a.kind == "state"]
        out += acts or participants._place_state(ctx, t)
    return participants._uniq(out)


def _place_targets(ctx: DocContext, tok: Token) -> list[Actor]:
    """The state named as the place of the act or of its object ("troops stationed in Korea",
    "missiles toward Japan", "a rocket that flew over Japan")."""
    out: list[Actor] = []
    for p in syntax.prep_children(tok, PLACE_PREPS):
        out += _place_phrase_states(ctx, p)
    if out:
        return participants._uniq(out)
    for c in tok.children:
        if c.dep_ in {"dobj", "nsubjpass"}:
            for t in c.subtree:
                if t.dep_ == "prep" and t.lower_ in PLACE_PREPS + ("over", "toward", "towards"):
                    out += _place_phrase_states(ctx, t)
    return participants._uniq(out)


def _complement_targets(
    ctx: DocContext, tok: Token, lex: rules.Lexicon, srcs: list[Actor]
) -> list[Actor]:
    """Targets inside a complement clause: its subject, else what its own verb targets."""
    out: list[Actor] = []
    # "accepted an invitation to visit Seoul", "rejected a proposal to meet with Tokyo"
    object_acls = [
        a for o in tok.children if o.dep_ == "dobj" for a in o.children if a.dep_ == "acl"
    ]
    for c in [*tok.children, *object_acls]:
        # "pushing for Seoul to take ...", "offered to send envoys to the North",
        # "sent troops to fight for Moscow" (the parser makes the infinitive an advcl)
        is_for = c.dep_ == "advcl" and any(
            (m.dep_ == "mark" and m.lower_ == "for") or (m.dep_ == "aux" and m.lower_ == "to")
            for m in c.children
        )
        if c.dep_ not in {"xcomp", "ccomp", "acl"} and not is_for:
            continue
        subj = [s for s in c.children if s.dep_ in syntax.SUBJ_DEPS]
        if subj:
            # "North Korea warned that the allies would ...": never the speaker's side
            avoid = frozenset(a.country for a in srcs if a.country)
            out += participants._np_actors(ctx, subj[0], lex, avoid=avoid)
            continue
        pat = verbal._verb_pattern(ctx, c, lex)
        found = _targets(ctx, c, pat, lex, srcs, passive=False) if pat is not None else []
        out += found or _object_targets(ctx, c, lex) or _prep_targets(ctx, c, COMPLEMENT_PREPS)
        out = [t for t in out if not any(participants._same_side(s, t) for s in srcs)]
        if not out:
            out += _complement_targets(ctx, c, lex, srcs)
        if not out:
            out += [
                t
                for t in _exchange_partners(ctx, c)
                if not any(participants._same_side(s, t) for s in srcs)
            ]
        if not out and c.dep_ == "xcomp":
            # "agreed to raise its share of the cost of stationing American troops"
            out += [
                a
                for t in syntax.clause_only(c)
                if t.dep_ not in {"compound", "amod", "nmod", "poss"}
                or t.head.i in ctx.actors.token_actor  # not "a U.S. missile-defense battery"
                for a in ctx.actors.actors_of_token(t)
                if a.kind in {"state", "group", "person"}
                and not any(participants._same_side(s, a) for s in srcs)
            ]
    return participants._uniq(out)


def _exchange_partners(ctx: DocContext, verb: Token) -> list[Actor]:
    """ "agreed to freeze its program in exchange for energy assistance from the United
    States, South Korea and Japan": the other side of a bargain."""
    out: list[Actor] = []
    for p in syntax.prep_children(verb, ("in",)):
        for o in p.children:
            if o.dep_ != "pobj" or o.lemma_.lower() not in {"exchange", "return"}:
                continue
            for f in syntax.prep_children(o, ("for",)):
                for n in f.children:
                    if n.dep_ == "pobj":
                        out += ctx.actors.actors_under(n)
                        out += [
                            a
                            for q in syntax.prep_children(n, ("from", "by", "of"))
                            for a in participants._pobj_actors(ctx, q, 1)
                        ]
    return participants._uniq(out)


def _targets(
    ctx: DocContext,
    tok: Token,
    pat: rules.Pattern,
    lex: rules.Lexicon,
    srcs: list[Actor],
    passive: bool,
) -> list[Actor]:
    """The first strategy that names someone other than the source wins."""
    avoid = frozenset(a.country for a in srcs if a.country)
    # "condemns any violence against Afghan civilians": the victims of the harm the
    # speaker criticises are not the ones criticised
    harm_object = pat.cameo[:2] in {"11", "12"} and any(
        c.dep_ == "dobj" and c.lemma_.lower() in lex.harm_nouns for c in tok.children
    )
    strategies = [
        lambda: _object_targets(ctx, tok, lex, avoid, pat.object_preps),
        lambda: _prep_targets(
            ctx, tok, pat.preps or DEFAULT_TARGET_PREPS, on_object=not harm_object, avoid=avoid
        ),
    ]
    if pat.prep_first:  # "handed over Hong Kong to China": the recipient, not the thing
        strategies.reverse()
    if pat.complement:
        strategies.append(lambda: _complement_targets(ctx, tok, lex, srcs))
    if pat.place:
        strategies.append(lambda: _place_targets(ctx, tok))
    strategies.append(lambda: _antecedent_event_agent(ctx, tok, lex, srcs))
    strategies.append(lambda: _agreement_object_partners(ctx, tok, pat, lex, srcs))
    if pat.cameo.startswith("12"):
        strategies.append(lambda: _prior_claimant(ctx, tok, lex, srcs))
    for strat in strategies:
        found = [t for t in strat() if not any(participants._same_side(s, t) for s in srcs)]
        if found:
            return found
    return []


def _antecedent_event_agent(
    ctx: DocContext, tok: Token, lex: rules.Lexicon, srcs: list[Actor]
) -> list[Actor]:
    """ "South Korea condemned the test": the agent of the test named earlier.

    The object must be a definite event noun listed in `event_antecedents`; the
    nearest earlier mention of that event (the noun or one of its verbs) within
    the last few sentences gives its agent."""
    objs = [
        c
        for c in tok.children
        if c.dep_ in {"dobj", "nsubjpass"}
        and c.pos_ == "NOUN"
        and any(d.lower_ in {"the", "this", "that", "these", "those", "such"} for d in c.children)
        and not ctx.actors.actors_under(c)
    ]
    if not objs:
        return []
    related = lex.antecedents.get(objs[0].lemma_.lower())
    if not related:
        return []
    start = ctx.window_start(tok.i, 10)
    for i in range(objs[0].i - 1, start - 1, -1):
        t = ctx.tokens[i]
        if t.i == tok.i or not syntax.forms(t) & related:
            continue
        if t.pos_ in {"VERB", "AUX"}:
            acts, passive, _ = participants._subject(ctx, t, lex)
            if passive:
                acts = participants._agent(ctx, t, lex) or [
                    # "The missile ... was launched from the North's east coast"
                    a
                    for p in syntax.prep_children(t, ("from",))
                    for a in _place_phrase_states(ctx, p)
                ]
        else:
            acts = participants._left_modifier_actors(ctx, t)
            light = nominal._light_verb(t, lex)
            pat = nominal._noun_pattern(ctx, t, lex)
            if pat is not None and pat.symmetric and t.i != objs[0].i:
                # "South Korean and American forces began their exercise ... the North
                # denounced the drills": every party to the joint act
                joint = nominal._noun_participants(ctx, t, pat, lex, anaphora=False)[0]
                if len({a.country for a in joint}) >= 2:
                    acts = joint
            if not acts and light is not None:
                acts = participants._subject(ctx, light, lex)[0]
        acts = [a for a in acts if not any(participants._same_side(a, s) for s in srcs)]
        if acts:
            return acts
    return []


def _is_agreement_noun(tok: Token, lex: rules.Lexicon) -> bool:
    pat = lex.nouns.get(tok.lemma_.lower()) or lex.nouns.get(tok.lower_)
    return bool(
        pat and pat.symmetric and pat.cameo.startswith("03") and tok.pos_ in syntax.NOUN_POS
    )


def _is_joint_noun(tok: Token, lex: rules.Lexicon) -> bool:
    """An agreement or a meeting: a noun whose parties act together."""
    pat = lex.nouns.get(tok.lemma_.lower()) or lex.nouns.get(tok.lower_)
    return bool(pat and pat.symmetric and tok.pos_ in syntax.NOUN_POS)


DEFINITE = {"the", "this", "that", "these", "those", "its", "their"}


def _agreement_partners(
    ctx: DocContext, tok: Token, lex: rules.Lexicon, depth: int = 2
) -> list[Actor]:
    """The parties to an agreement noun: its own participants ("a treaty with North
    Korea" that Russia ratifies), or, for a definite one that names none ("the treaty
    was renewed", "withdrew from the deal"), those of the nearest earlier agreement noun
    of the same kind within six sentences."""
    pat = lex.nouns.get(tok.lemma_.lower()) or lex.nouns[tok.lower_]
    srcs, _, _, _ = nominal._noun_participants(ctx, tok, pat, lex, anaphora=False)
    parts = participants._collapse(participants._uniq(srcs))
    if len({a.country for a in parts}) >= 2 or depth <= 0:
        return parts
    if not any(c.dep_ in {"det", "poss"} and c.lower_ in DEFINITE for c in tok.children):
        return parts
    start = ctx.window_start(tok.i, 7)
    for i in range(tok.i - 1, start - 1, -1):
        t = ctx.tokens[i]
        if t.pos_ in syntax.NOUN_POS and (
            t.lemma_.lower() == tok.lemma_.lower()
            or t.lemma_.lower() in ANAPHORA_FAMILY.get(tok.lemma_.lower(), ())
        ):
            earlier = _agreement_partners(ctx, t, lex, depth - 1)
            if len({a.country for a in earlier}) >= 2:
                return earlier
    return parts


# nouns that may name the same agreement or meeting ("a pact ... the treaty")
ANAPHORA_FAMILY = {
    **{
        w: {"treaty", "pact", "accord", "agreement", "deal"}
        for w in ("treaty", "pact", "accord", "agreement", "deal")
    },
    **{w: {"summit", "meeting", "talk"} for w in ("summit", "meeting", "talk")},
}


def _agreement_object_partners(
    ctx: DocContext, tok: Token, pat: rules.Pattern, lex: rules.Lexicon, srcs: list[Actor]
) -> list[Actor]:
    """ "Russia approved the pact", "the United States withdrew from the deal", "Trump
    cancelled the summit": the other party to the agreement or meeting the verb acts on."""
    nouns = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    nouns += [
        o for p in syntax.prep_children(tok, pat.preps) for o in p.children if o.dep_ == "pobj"
    ]
    for n in nouns:
        if n.lower_ in verbal.PRONOUN_OBJECTS:
            n = verbal._pronoun_noun(ctx, n) or n
        if n.lemma_.lower() in lex.quantity_nouns:
            # "cancelled three sets of planned talks between the two militaries"
            n = next((o for p in syntax.prep_children(n, ("of",)) for o in p.children), n)
        if _is_joint_noun(n, lex):
            found = [
                a
                for a in _agreement_partners(ctx, n, lex)
                if not any(participants._same_side(s, a) for s in srcs)
            ]
            if found and srcs:
                return found
    return []


def _prior_claimant(
    ctx: DocContext, tok: Token, lex: rules.Lexicon, srcs: list[Actor]
) -> list[Actor]:
    """Whom a denial or refusal answers: the source of the nearest accusation or demand
    (`claimant_verbs`) in this or the two previous sentences that was aimed at the
    rejecting side ("The US accused North Korea of shipping shells. Moscow and
    Pyongyang have denied the arms transfers" -> the US)."""
    if not srcs:
        return []
    start = ctx.window_start(tok.i, 3)
    mine = {a.country for a in srcs if a.country}
    for i in range(tok.i - 1, start - 1, -1):
        t = ctx.tokens[i]
        if t.pos_ not in {"VERB", "AUX"} or not syntax.forms(t) & lex.claimant_verbs:
            continue
        acts, passive, _ = participants._subject(ctx, t, lex)
        aimed = _object_targets(ctx, t, lex) + _complement_targets(ctx, t, lex, acts)
        if passive:
            aimed, acts = acts, participants._agent(ctx, t, lex)
        same_sentence = ctx.sent_of(t.i).start == ctx.sent_of(tok.i).start
        if not {a.country for a in aimed} & mine and not (same_sentence and not aimed):
            # "Pyongyang claimed that Southern units had crossed first, a charge officials
            # in Seoul rejected": in one sentence an unresolved aim will do
            continue
        found = [a for a in acts if not any(participants._same_side(s, a) for s in srcs)]
        if found:
            return found
    return []


def _pairs(
    srcs: list[Actor], tgts: list[Actor], mutual: bool = False
) -> list[tuple[Actor | None, Actor | None]]:
    """Directed (source, target) pairs; `mutual`: every ordered pair among `srcs`."""
    srcs, tgts = participants._collapse(srcs), participants._collapse(tgts)
    out: list[tuple[Actor | None, Actor | None]] = []
    if mutual:
        out = [(a, b) for a in srcs for b in srcs if not participants._same_side(a, b)]
    elif tgts:
        subjects: list[Actor | None] = [*srcs] or [None]
        for s in subjects:
            for t in tgts:
                if s is None or not participants._same_side(s, t):
                    out.append((s, t))
    else:
        out = [(a, None) for a in srcs]
    seen: set[tuple] = set()
    uniq: list[tuple[Actor | None, Actor | None]] = []
    for src, tgt in out:
        key = (src and src.actor_id, tgt and tgt.actor_id)
        if key not in seen:
            seen.add(key)
            uniq.append((src, tgt))
    return uniq
