"""Events a verb codes: the project's verb patterns first, then the PETRARCH2
dictionary layer, with roles from the parse."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from tiegraph import resources
from tiegraph.extract.context import DocContext
from tiegraph.extract.events import participants, reading, roles, rules
from tiegraph.model import Actor, Event
from tiegraph.nlp import syntax


def _dictionary_pattern(tok: Token, lex: rules.Lexicon) -> rules.Pattern | None:
    """The PETRARCH2 reading of a verb the project's patterns do not name at all.

    A block's bare verb (no phrase constraint) is the dictionary's weakest reading, so it
    codes only under the guards of `dictionary.bare` in the pattern file: a finite or
    participial verb in a clause of its own (not the preposition "according to"), a
    lemma outside the skipped word classes (cognition, reporting, motion), an eventive
    PLOVER type. Every dictionary reading (bare or phrase) needs both a recognised actor
    as subject (or passive agent) and a target of its own (`needs_pair`), not one taken
    from the discourse."""
    lemma = tok.lemma_.lower()
    cfg = lex.dictionary_cfg
    if lemma in lex.verbs or lemma in lex.dictionary_skip:
        return None
    if lemma in lex.light_verbs:
        return None  # "reached a deal": the project's event noun codes it, with its parties
    layer = lex.layer(tok.doc.vocab)
    hit = layer.pattern_at(tok) if layer is not None else None
    if hit is None:
        return None
    table = resources.cameo_to_plover()
    ptype = (table.get(hit.cameo) or table.get(hit.cameo[:3]) or ("", None))[0]
    if not ptype or ptype in set(cfg.get("skip_types") or ()):
        return None
    # "affirmed their support for Ukraine": the other party in the object's own phrase
    preps = tuple(cfg.get("object_preps") or ("from", "by", "of"))
    if hit.size == 0:
        bare = cfg.get("bare") or {}
        if not cfg.get("bare_verbs", True) or not _bare_clause_ok(tok, bare):
            return None
        if ptype not in set(bare.get("types") or (ptype,)) or lemma in lex.dictionary_bare_skip:
            return None
        return rules.Pattern(
            lemma=f"{lemma}@{hit.key}", cameo=hit.cameo, needs_pair=True, object_preps=preps
        )
    # a phrase reading too needs its own pair: on the dev stories the discourse's
    # target turned "officials competed for passengers" into an accusation
    return rules.Pattern(
        lemma=f"{lemma}@{hit.key}", cameo=hit.cameo, needs_pair=True, object_preps=preps
    )


def _bare_clause_ok(tok: Token, bare: dict) -> bool:
    """A verb heading a clause: one of `bare.tags` (a gerund only with its auxiliary,
    "is attacking"), not in one of `bare.skip_deps` (modifiers, prepositions)."""
    if tok.dep_ in set(bare.get("skip_deps") or ()):
        return False
    if tok.tag_ == "VBG":
        return any(c.dep_ == "aux" for c in tok.children)
    return tok.tag_ in set(bare.get("tags") or ())


PRONOUN_OBJECTS = {"it", "them", "this", "these", "those"}


def _pronoun_noun(ctx: DocContext, pron: Token) -> Token | None:
    """The noun an object pronoun stands for: the object of the verb it is conjoined
    with ("established ties ... and upgraded them"), else the nearest earlier subject
    or object noun of the same number in this or the previous sentence that is no
    actor ("The Kaesong complex ... since Seoul shut it down")."""
    plural = pron.lower_ in {"them", "these", "those"}
    verb = pron.head
    if verb.dep_ == "conj":
        for c in verb.head.children:
            if (
                c.dep_ == "dobj"
                and c.pos_ in syntax.NOUN_POS
                and (c.tag_ in {"NNS", "NNPS"}) == plural
            ):
                return c
    start = ctx.window_start(pron.i, 2)
    for i in range(pron.i - 1, start - 1, -1):
        t = ctx.tokens[i]
        if t.pos_ not in syntax.NOUN_POS or t.dep_ not in {"nsubj", "nsubjpass", "dobj"}:
            continue
        if (t.tag_ in {"NNS", "NNPS"}) != plural or ctx.actors.actors_under(t):
            continue
        return t
    return None


def _object_heads(ctx: DocContext, tok: Token, pat: rules.Pattern | None = None) -> list[Token]:
    """The words that stand for a verb's object: the direct object or passive subject, a
    conjoined verb's object ("armed and funded Hezbollah"), a gerund complement's object
    (`xcomp_object`: "stopped selling tours"), a relative clause's antecedent ("the status
    it had granted"), a pronoun's noun; through conjuncts, quantities ("dozens of stores",
    "$8 million in aid") and compounds ("the carrier Enterprise")."""
    direct = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    if pat is not None and pat.particles:
        # "switched off the loudspeakers": the parser reads the particle as a preposition
        direct += [
            o
            for p in tok.children
            if p.dep_ == "prep" and p.lower_ in pat.particles
            for o in p.children
            if o.dep_ == "pobj"
        ]
    if not direct:
        direct = [
            o
            for v in tok.children
            if v.dep_ == "conj"
            and v.pos_ == "VERB"
            and not any(x.dep_ in syntax.SUBJ_DEPS for x in v.children)
            for o in v.children
            if o.dep_ == "dobj"
        ]
    if pat is not None and pat.xcomp_object:
        direct += [
            o
            for x in tok.children
            if x.dep_ == "xcomp" and x.tag_ == "VBG"
            for o in x.children
            if o.dep_ == "dobj"
        ]
    if tok.dep_ == "relcl" and tok.head.pos_ in syntax.NOUN_POS:
        if not any(c.dep_ == "nsubj" and c.lower_ in syntax.RELATIVE_WORDS for c in tok.children):
            direct.append(tok.head)
    heads: list[Token] = []
    for c in direct:
        if c.lower_ in PRONOUN_OBJECTS:
            c = _pronoun_noun(ctx, c) or c
        heads += [c, *c.conjuncts]
    # "12,500 of the troops", "most of its forces", "$8 million in aid"
    heads += [
        p
        for h in list(heads)
        for pr in h.children
        if pr.lower_ == "of" or (pr.lower_ == "in" and (h.like_num or h.pos_ == "NUM"))
        for p in pr.children
        if p.dep_ == "pobj"
    ]
    heads += [p for h in list(heads) for p in h.conjuncts if p not in heads]
    heads += [m for h in list(heads) for m in h.children if m.dep_ == "compound"]
    return heads


def _object_ok(ctx: DocContext, tok: Token, pat: rules.Pattern) -> bool:
    """The object (see `_object_heads`) has one of the pattern's lemmas;
    "@actor" in the list accepts any actor ("occupied Kuwait")."""
    if not pat.objects:
        return True
    heads = _object_heads(ctx, tok, pat)
    if any(syntax.lemma_matches(h, pat.objects) for h in heads):
        return True
    if "@actor" in pat.objects and any(ctx.actors.actors_under(h) for h in heads):
        return True
    for p in syntax.prep_children(tok, ("with",)):
        # "supplied Kyiv with missiles"
        for c in p.children:
            if c.dep_ == "pobj" and syntax.lemma_matches(c, pat.objects):
                return True
    return False


def _particle_ok(tok: Token, pat: rules.Pattern) -> bool:
    prts = [c.lower_ for c in tok.children if c.dep_ == "prt"]
    if pat.particles:
        # "it will hit back harder": the parser makes some particles adverbs
        prts += [c.lower_ for c in tok.children if c.dep_ == "advmod" and c.i == tok.i + 1]
        preps = [c for c in tok.children if c.dep_ in {"prep", "mark", "dative"}]
        # "spoke by telephone with X": the parser hangs "with" on "telephone"
        nested = [
            pp.lower_
            for p in preps
            for o in p.children
            if o.dep_ == "pobj"
            for pp in o.children
            if pp.dep_ == "prep"
        ]
        # "described the plan as a disaster": the parser hangs "as" on the object
        nested += [
            pp.lower_
            for o in tok.children
            if o.dep_ == "dobj"
            for pp in o.children
            if pp.dep_ == "prep" and pp.lower_ == "as"
        ]
        return any(p in pat.particles for p in prts + [p.lower_ for p in preps] + nested)
    # "free up", "back down": a particle the pattern does not name makes another verb
    return not prts


def _predicate_ok(tok: Token, pat: rules.Pattern) -> bool:
    """What the object is called: an object predicate ("called the tests a provocation")
    or an "as" phrase ("described the plan as a strategic disaster")."""
    if not pat.predicate:
        return True
    heads = [c for c in tok.children if c.dep_ in {"oprd", "acomp", "ccomp", "xcomp", "dobj"}]
    heads += [o for p in syntax.prep_children(tok, ("as",)) for o in p.children]

    return any(syntax.lemma_matches(t, pat.predicate) for c in heads for t in c.subtree)


def _pobj_ok(tok: Token, pat: rules.Pattern) -> bool:
    """ "withdrew from the deal": the object of one of the pattern's prepositions."""
    if not pat.pobj:
        return True
    heads = [tok, *(c for c in tok.children if c.dep_ == "advmod")]  # "put X back on a list"
    return any(
        syntax.lemma_matches(o, pat.pobj)
        for h in heads
        for p in syntax.prep_children(h, pat.preps)
        for o in p.children
        if o.dep_ == "pobj"
    )


def _press_addressee(ctx: DocContext, tok: Token, lex: rules.Lexicon) -> bool:
    """ "told VOA", "speaking to a private news channel": the one addressed is a news
    outlet, so the act is an interview, not a consultation."""
    heads = [c for c in tok.children if c.dep_ in {"dobj", "dative"}]
    heads += [
        pc
        for p in syntax.prep_children(tok, ("to", "with"))
        for pc in p.children
        if pc.dep_ == "pobj"
    ]
    for h in heads:
        words = {t.lower_ for t in h.subtree} | {t.lemma_.lower() for t in h.subtree}
        if words & lex.press_names:
            return True
        if any(a.sector in lex.press_sectors for a in ctx.actors.actors_under(h)):
            return True
    return False


def _verb_pattern(ctx: DocContext, tok: Token, lex: rules.Lexicon) -> rules.Pattern | None:
    lemma = tok.lemma_.lower()
    pats = lex.verbs.get(lemma) or lex.verbs.get(tok.lower_, [])
    for pat in pats:
        if (
            _particle_ok(tok, pat)
            and _object_ok(ctx, tok, pat)
            and _predicate_ok(tok, pat)
            and _pobj_ok(tok, pat)
        ):
            return pat
    return None


def verbal_events(ctx: DocContext) -> list[Event]:
    lex = rules.lexicon()
    out: list[Event] = []
    for tok in ctx.tokens:
        if tok.pos_ not in {"VERB", "AUX"} and not (tok.pos_ == "NOUN" and tok.dep_ == "ROOT"):
            continue
        if tok.i in ctx.actors.token_actor or syntax.is_state_participle(tok):
            continue
        pat = _verb_pattern(ctx, tok, lex) or _dictionary_pattern(tok, lex)
        if pat is None:
            continue
        governed = reading._governor(tok, lex)
        if governed == "suppress" or (governed is None and reading.suppressed_above(tok, lex)):
            continue
        if _light_use(tok, pat, lex):
            continue
        if tok.lemma_.lower() in lex.press_verbs and _press_addressee(ctx, tok, lex):
            continue
        srcs, passive, inherited = participants._subject(ctx, tok, lex)
        if not passive and syntax.bare_passive(tok):
            passive = True  # "(it will hit back) if attacked again": the subject is the theme
        if passive and pat.active_only:
            continue
        if pat.source_sector and not any(a.sector in pat.source_sector for a in srcs):
            continue
        if passive:
            theme = srcs
            srcs = participants._agent(ctx, tok, lex)
            if not srcs and pat.origin_source:
                # "the missile was launched from the North's east coast"
                srcs = [
                    a
                    for p in syntax.prep_children(tok, ("from",))
                    for a in roles._place_phrase_states(ctx, p)
                ]
            if not srcs and pat.theme_source:
                srcs = theme
                tgts = roles._targets(ctx, tok, pat, lex, srcs, passive)
            elif srcs and pat.origin_source and not theme:
                tgts = roles._targets(ctx, tok, pat, lex, srcs, passive)
            else:
                # "the agreement was abandoned by the Moon government": its other party
                tgts = theme or roles._agreement_object_partners(ctx, tok, pat, lex, srcs)
        else:
            tgts = []
            if pat.symmetric:
                # a joint act: "A and B met", "A met (with) B", "A signed a treaty with B",
                # "normalized relations between the two countries"
                partners = roles._object_targets(ctx, tok, lex) + roles._prep_targets(
                    ctx, tok, ("with", "between"), on_object=True
                )
                joint = participants._uniq(srcs + partners)
                if len(participants._countries(participants._collapse(joint))) >= 2:
                    for s, t in roles._pairs(joint, [], mutual=True):
                        out.append(reading._make(ctx, tok, s, t, pat, "own", inherited, governed))
                    continue
            tgts = roles._targets(ctx, tok, pat, lex, srcs, passive)
        if pat.needs_target and not tgts:
            continue
        if pat.needs_pair and not (srcs and tgts):
            continue
        pat = _as_threat(tok, pat, srcs, governed, lex, ctx)
        # "Moon and Kim met ... and pledged to ease tensions": a joint commitment
        committed = (
            not tgts
            and _ptype(pat) == "AGREE"
            and len(participants._countries(participants._collapse(srcs))) >= 2
        )
        for s, t in roles._pairs(srcs, tgts, mutual=committed):
            out.append(reading._make(ctx, tok, s, t, pat, "own", inherited, governed))
    return out


def _light_use(tok: Token, pat: rules.Pattern, lex: rules.Lexicon) -> bool:
    """ "the member states strike an agreement": a light verb of force (a `place`
    reading: strike, launch) whose object is an event noun is that noun's verb (the noun
    codes the event), not an attack (unless the verb's pattern names that object)."""
    if pat.objects or not pat.place or tok.lemma_.lower() not in lex.light_verbs:
        return False
    return any(c.dep_ == "dobj" and c.lemma_.lower() in lex.nouns for c in tok.children)


def _ptype(pat: rules.Pattern) -> str:
    if pat.type:
        return pat.type
    table = resources.cameo_to_plover()
    return (table.get(pat.cameo) or table.get(pat.cameo[:3]) or ("",))[0]


def _as_threat(
    tok: Token,
    pat: rules.Pattern,
    srcs: list[Actor],
    governed: str | None,
    lex: rules.Lexicon,
    ctx: DocContext,
) -> rules.Pattern:
    """ "Israel has said it will hit back harder": a future attack announced by its own side
    is a threat (CAMEO 138), not an attack (see `threats:` in the pattern file)."""
    if _ptype(pat).lower() not in lex.threat_types or not srcs:
        return pat
    if reading.modality(tok, lex, governed) not in {"future", "hypothetical"}:
        return pat
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    if node.dep_ not in {"ccomp", "xcomp"} or node.head.lemma_.lower() not in lex.threat_speech:
        return pat
    speakers, _, _ = participants._subject(ctx, node.head, lex)
    if not any(participants._same_side(a, b) for a in speakers for b in srcs):
        return pat
    return replace(pat, cameo="138", type=None, mode=None)


def _fragment_events(ctx: DocContext, lex: rules.Lexicon) -> list[Event]:
    """ "North Korea test-fired two missiles toward Japan": the parser reads some short
    sentences as one noun phrase with the verb as a modifier. When a past-tense verb
    follows the actors that open such a sentence, re-read it as subject-verb-object."""
    out: list[Event] = []
    for sent in ctx.sents:
        root = sent.root
        if root.pos_ not in syntax.NOUN_POS:
            continue
        for tok in ctx.tokens[sent.start : sent.end]:
            if tok.i >= root.i or tok.dep_ not in {"amod", "compound"}:
                continue
            if not (
                tok.tag_ in {"VBD", "VBN"} or (tok.pos_ == "ADJ" and tok.lower_.endswith("ed"))
            ):
                continue
            pats = [p for f in sorted(syntax.forms(tok)) for p in lex.verbs.get(f, [])]
            pats = [
                p
                for p in pats
                if not p.particles and (not p.objects or syntax.lemma_matches(root, p.objects))
            ]
            srcs = participants._collapse(
                participants._uniq(
                    a for t in ctx.tokens[sent.start : tok.i] for a in ctx.actors.actors_of_token(t)
                )
            )
            if not pats or not srcs:
                continue
            pat = pats[0]
            avoid = frozenset(a.country for a in srcs if a.country)
            tgts = [
                t
                for t in participants._np_actors(ctx, root, lex, avoid=avoid)
                if t.country not in avoid
            ]
            if not tgts:
                preps = (pat.preps or roles.DEFAULT_TARGET_PREPS) + (
                    roles.PLACE_PREPS if pat.place else ()
                )
                tgts = [
                    a
                    for p in syntax.prep_children(root, preps)
                    for a in roles._place_phrase_states(ctx, p)
                    + participants._pobj_actors(ctx, p, 2, avoid)
                    if a.country not in avoid
                ]
            for s_, t_ in roles._pairs(srcs, participants._uniq(tgts)):
                out.append(reading._make(ctx, tok, s_, t_, pat, "fragment", False, None))
            break
    return out
