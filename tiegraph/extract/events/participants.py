"""Who an event's participants are: the actors a noun phrase, subject, agent or
prepositional object denotes, with pronouns and group nouns ("the two leaders")
resolved against the discourse."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from tiegraph.extract.context import DocContext
from tiegraph.extract.events import antecedents, discourse, rules
from tiegraph.model import Actor, ActorRef
from tiegraph.nlp import syntax
from tiegraph.resolve.roles import sector_of

# "many critics in South Korea", "a spokesman for Afghan President Ashraf Ghani": a
# subject's membership phrase names whom it acts for
SUBJECT_MEMBER_PREPS = {"in", "from", "of", "at", "between", "among", "for"}
PARTICIPANT_KINDS = {"state", "igo", "group", "person", "organisation"}


def _ref(a: Actor) -> ActorRef:
    return ActorRef(a.actor_id, a.code, a.country, a.name)


def _uniq(acts: Iterable[Actor]) -> list[Actor]:
    """Distinct actors that can take part in an international event: a known country,
    or an IGO/organisation with its own code (a "General" of unknown army is not)."""
    out: list[Actor] = []
    for a in acts:
        if a.kind not in PARTICIPANT_KINDS or a in out:
            continue
        if a.country or (a.kind in {"igo", "organisation"} and a.code):
            out.append(a)
    return out


def _same_side(a: Actor, b: Actor) -> bool:
    """Same actor, or a state and one of its own organs: not an international event."""
    if a.actor_id == b.actor_id:
        return True
    if a.country and a.country == b.country:
        return a.kind == "state" or b.kind == "state" or a.code == b.code
    return False


def _main_subject_actor(ctx: DocContext, t: Token) -> Actor | None:
    """The actor `t` names when it is the subject of a main clause (the root, or a
    clause conjoined with or reported by it): a pronoun's likeliest antecedent."""
    node = t
    if t.dep_ in {"compound", "amod", "nmod"} and t.head.dep_ in syntax.SUBJ_DEPS:
        node = t.head
    if node.dep_ not in syntax.SUBJ_DEPS:
        return None
    verb = node.head
    if verb.dep_ not in {"ROOT", "conj", "ccomp"} or (
        verb.dep_ != "ROOT" and verb.head.dep_ != "ROOT"
    ):
        return None
    return ctx.actors.actor_of_token(node) or ctx.actors.actor_of_token(t)


def _antecedent(ctx: DocContext, pron: Token, avoid: frozenset[str] = frozenset()) -> list[Actor]:
    """A pronoun subject's actor: the closest earlier subject of the right kind.

    "he/she" -> a person; "it/its" -> a state, organisation or IGO; "they" -> a
    group (or "the two governments ... they": that pair). Looks back over the
    current and the previous sentence only.
    """
    low = pron.lower_
    if low in {"he", "she", "his", "her", "him"}:
        kinds = {"person"}
    elif low in {"it", "its"}:
        kinds = {"state", "igo", "organisation"}
    elif low in {"they", "their", "them"}:
        kinds = {"group"}
    else:
        return []
    if low in {"they", "them"} and pron.dep_ in syntax.SUBJ_DEPS and pron.head.dep_ == "ccomp":
        # "South Korea and the United States announced that they would deploy ..."
        for c in pron.head.head.children:
            if c.dep_ == "nsubj":
                joint = _phrase_actors(ctx, c)
                if len({a.country for a in joint}) >= 2:
                    return joint
    start = ctx.window_start(pron.i, 2)
    for i in range(pron.i - 1, start - 1, -1):
        t = ctx.tokens[i]
        if low in {"they", "their", "them"} and t.dep_ in syntax.SUBJ_DEPS:
            pair = _recent_pair(ctx, t, rules.lexicon())  # "the two governments ... they"
            if pair:
                return pair
        a = _main_subject_actor(ctx, t)
        if a is not None and a.kind in kinds and a.country not in avoid:
            return [a]
    return []


def _recent_pair(
    ctx: DocContext, tok: Token, lex: rules.Lexicon, avoid: frozenset[str] = frozenset()
) -> list[Actor]:
    """ "the two leaders", "both countries": the two countries named most often in the
    last five sentences, the later one first on a tie (never `avoid`, the clause's own
    source: "China called on both sides"). Each is represented by its latest actor."""
    size = _group_size(tok)
    if not size:
        return []
    shared = _shared_name_pair(ctx, tok, avoid) if size == 2 else []
    if shared:
        return shared
    if not syntax.forms(tok) & lex.pair_nouns:
        return []
    same = _sentence_states_before(ctx, tok, avoid)
    if len(same) == size:
        # "relations between Seoul and Moscow ... since the two countries established ties"
        return same
    start = ctx.window_start(tok.i, 5)
    count: dict[str, int] = {}
    last: dict[str, tuple[int, Actor]] = {}
    for i in range(start, tok.i):
        a = ctx.actors.actor_of_token(ctx.tokens[i])
        if a is None or a.kind not in {"state", "person"} or not a.country:
            continue  # "U.S.-led forces" are no country of "the two countries"
        if a.country in avoid or (i > start and ctx.actors.token_actor.get(i - 1) == a.actor_id):
            continue  # one mention per multi-token name
        count[a.country] = count.get(a.country, 0) + 1
        last[a.country] = (i, a)
    if size > 2:
        # "Japan, South Korea and the United States met ... The three navies held a drill"
        if len(count) < size:
            return []
        # a tie among passing mentions goes to the country the article names most
        whole = discourse._country_counts(ctx)
        best = sorted(count, key=lambda c: (-count[c], -whole.get(c, 0), -last[c][0]))[:size]
        return [last[c][1] for c in sorted(best, key=lambda c: last[c][0])]
    if len(count) < 2:
        # "The alliance was forged in war ... The two countries formalized their ties":
        # the pair the article is about, when it includes the one named here
        dyad = discourse._document_dyad(ctx)
        if len(dyad) == 2 and set(count) <= set(dyad) and not set(dyad) & avoid:
            return list(dyad.values())
        return []
    best = sorted(count, key=lambda c: (-count[c], -last[c][0]))[:2]
    dyad = discourse._document_dyad(ctx)
    if (
        len(dyad) == 2
        and best[0] in dyad
        and best[1] not in dyad
        and count[best[1]] == 1
        and not set(dyad) & avoid
    ):
        # one passing mention does not outweigh the pair the article is about
        return list(dyad.values())
    return [last[c][1] for c in sorted(best, key=lambda c: last[c][0])]


def _group_size(tok: Token) -> int:
    """How many states "the two leaders" (2), "both sides" (2), "the three navies" (3)
    stand for; 0 for any other noun phrase."""
    for c in tok.children:
        if c.lower_ in {"two", "both"}:
            return 2
        if c.lower_ == "three":
            return 3
    if tok.lower_ in rules.lexicon().pair_plurals and any(c.lower_ == "the" for c in tok.children):
        return 2  # "the allies would face consequences"
    return 0


def _sentence_states_before(ctx: DocContext, tok: Token, avoid: frozenset[str]) -> list[Actor]:
    """The distinct states (or their people) named earlier in `tok`'s own sentence."""
    out: dict[str, Actor] = {}
    for t in ctx.tokens[ctx.sent_of(tok.i).start : tok.i]:
        a = ctx.actors.actor_of_token(t)
        if a is None or a.kind not in {"state", "person"} or not a.country or a.country in avoid:
            continue
        out.setdefault(a.country, a)
    return list(out.values())


def _shared_name_pair(ctx: DocContext, tok: Token, avoid: frozenset[str]) -> list[Actor]:
    """ "the two Koreas", "both Sudans": the states whose names share that word."""
    if tok.tag_ not in {"NNPS", "NNS"} or not tok.text[:1].isupper() or not tok.text.endswith("s"):
        return []
    word = tok.text[:-1]
    states = {
        a.country: a
        for a in ctx.actors.actors.values()
        if a.kind == "state" and a.country not in avoid and word in a.name.split()
    }
    return list(states.values()) if len(states) == 2 else []


def _place_state(ctx: DocContext, tok: Token) -> list[Actor]:
    """The state a place stands in ("visited Busan" -> South Korea), when the document
    names that state as an actor too (a place is no actor of its own)."""
    places: dict[int, str] = getattr(ctx.actors, "token_place", {}) or {}
    country = places.get(tok.i)
    if not country:
        for c in tok.children:
            if c.dep_ == "compound" and places.get(c.i):
                country = places[c.i]
                break
    if not country:
        return []
    for a in ctx.actors.actors.values():
        if a.kind == "state" and a.country == country:
            return [a]
    return []


PHRASE_DEPS = {"compound", "appos", "conj", "amod", "nmod", "cc", "punct", "npadvmod"}


def _phrase_actors(ctx: DocContext, tok: Token) -> list[Actor]:
    """Every actor named in a noun phrase's own words and conjuncts: robust to the
    parser's habit of hanging "President Trump and leader Kim" on each other as
    compounds or appositions rather than conjuncts."""
    acts = list(ctx.actors.actors_under(tok))
    todo, seen = [tok], {tok.i}
    while todo:
        node = todo.pop()
        acts += ctx.actors.actors_of_token(node)
        for c in node.children:
            if c.dep_ in PHRASE_DEPS and c.i not in seen:
                seen.add(c.i)
                todo.append(c)
    return _collapse(_uniq(acts))


def _np_actors(
    ctx: DocContext,
    tok: Token,
    lex: rules.Lexicon,
    subject: bool = False,
    avoid: frozenset[str] = frozenset(),
) -> list[Actor]:
    """Actors a noun phrase denotes: the phrase itself and its conjuncts, a possessor,
    for a pronoun its antecedent, for "the two leaders" the last two states, and
    for a subject its membership phrase ("many critics in South Korea")."""
    acts = _phrase_actors(ctx, tok)
    if acts and _group_size(tok) == 2:
        # "The two allies and Japan held drills": the pair and the conjuncts
        acts = _collapse(_uniq(_recent_pair(ctx, tok, lex, avoid) + acts))
    if acts:
        return acts
    if tok.like_num or tok.lemma_.lower() in lex.quantity_nouns:
        # "dozens of Myanmar nationals", "12,500 of the troops", "most of its forces"
        for p in syntax.prep_children(tok, ("of",)):
            for c in p.children:
                if c.dep_ == "pobj":
                    return _np_actors(ctx, c, lex, subject, avoid)
    if subject and (sector_of([tok.text])[0] or tok.lemma_.lower() in lex.institution_nouns):
        # "Qatar's emir", "China's foreign ministry", "Russia's lower house": the possessor's agent
        for c in tok.children:
            if c.dep_ == "poss":
                acts = _uniq(ctx.actors.actors_under(c))
                if acts:
                    return acts
    if subject:
        # "an airstrike widely attributed to Israel", "a raid carried out by Hamas"
        for acl in tok.children:
            if acl.dep_ != "acl" or acl.tag_ != "VBN":
                continue
            acts = _agent(ctx, acl, lex)
            if not acts and acl.lemma_.lower() in lex.attribution_verbs:
                acts = [
                    a
                    for p in syntax.prep_children(acl, ("to", "on"))
                    for a in _pobj_actors(ctx, p, 1)
                ]
            if acts:
                return _uniq(acts)
    if not subject:  # "rejected Seoul's offer" -> Seoul; a subject's possessor is no agent
        for c in tok.children:
            if c.dep_ == "poss":
                acts = _uniq(ctx.actors.actors_under(c))
                if acts:
                    return acts
    if syntax.is_pronoun(tok):
        return _antecedent(ctx, tok, avoid) or _document_antecedent(ctx, tok, avoid)
    if tok.pos_ == "PROPN":
        acts = _document_antecedent(ctx, tok, avoid)
        if acts:
            return acts
    if subject:
        acts = _speakers_government(ctx, tok, lex)
        if acts:
            return acts
    acts = _recent_pair(ctx, tok, lex, avoid)
    if acts:
        return acts
    if not subject:
        acts = _place_state(ctx, tok)
        if acts:
            return acts
    if subject and tok.pos_ in syntax.NOUN_POS:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in SUBJECT_MEMBER_PREPS:
                for p in [c, *c.conjuncts]:
                    for pp in p.children:
                        if pp.dep_ == "pobj":
                            acts += _uniq(ctx.actors.actors_under(pp)) or _recent_pair(
                                ctx, pp, lex, avoid
                            )
        return _uniq(acts)
    return []


def _document_antecedent(ctx: DocContext, tok: Token, avoid: frozenset[str]) -> list[Actor]:
    """A person pronoun ("accused him") or bare surname ("Berisha") the resolver left
    unlinked: the person the document named earlier (`antecedents`), never `avoid`."""
    a = (
        antecedents.person_antecedent(ctx, tok)
        if syntax.is_pronoun(tok)
        else antecedents.surname_antecedent(ctx, tok)
    )
    return _uniq([a]) if a is not None and a.country not in avoid else []


def _speakers_government(ctx: DocContext, tok: Token, lex: rules.Lexicon) -> list[Actor]:
    """ "Lim said the government urged the North ...": a bare "the government" in what a
    government official says is that official's government."""
    if tok.lemma_.lower() not in {"government", "administration"}:
        return []
    if any(c.dep_ not in {"det"} or c.lower_ != "the" for c in tok.children):
        return []
    node = tok.head
    while node.dep_ in {"conj", "xcomp"} and node.head.i != node.i:
        node = node.head
    if node.dep_ != "ccomp" or node.head.lemma_.lower() not in lex.speech:
        return []
    speakers = [
        a
        for c in node.head.children
        if c.dep_ == "nsubj"
        for a in ctx.actors.actors_under(c)
        if a.sector == "GOV" and a.country
    ]
    if not speakers:
        return []
    states = [
        a
        for a in ctx.actors.actors.values()
        if a.kind == "state" and a.country == speakers[0].country
    ]
    return states[:1]


def _left_modifier_actors(ctx: DocContext, tok: Token) -> list[Actor]:
    """Actors named before a noun inside its phrase ("U.S.-Japan talks", "Japan's invasion")."""
    acts = [
        ctx.actors.actor_of_token(t)
        for t in tok.doc[tok.left_edge.i : tok.i]
        if t.i in ctx.actors.token_actor and t.dep_ not in {"det"}
    ]
    return _uniq(a for a in acts if a is not None)


def _possessor_pronoun_actors(ctx: DocContext, tok: Token, avoid: frozenset[str]) -> list[Actor]:
    """The antecedent of a possessive pronoun on a place or asset ("Pakistan said Indian
    troops had fired on its posts" -> Pakistan), a state, IGO or organisation only."""
    for c in tok.children:
        if c.dep_ == "poss" and c.lower_ in {"its", "their"}:
            return _antecedent(ctx, c, avoid)
    return []


def _pobj_actors(
    ctx: DocContext, prep: Token, depth: int = 2, avoid: frozenset[str] = frozenset()
) -> list[Actor]:
    """Actors in a preposition's object, one nested phrase deep ("for a treaty with Japan"),
    including "both sides" and places ("to Busan")."""
    out: list[Actor] = []
    for p in [prep, *prep.conjuncts]:
        for c in p.children:
            if c.dep_ != "pobj":
                continue
            # "delegations from the two Koreas, the United States and China"
            pair = [
                a for h in [c, *c.conjuncts] for a in _recent_pair(ctx, h, rules.lexicon(), avoid)
            ]
            acts = (
                _uniq(list(ctx.actors.actors_under(c)) + pair)
                or _left_modifier_actors(ctx, c)
                or _place_state(ctx, c)
                or _possessor_pronoun_actors(ctx, c, avoid)
                or _document_antecedent(ctx, c, avoid)
            )
            if not acts and depth > 1:
                for cc in c.children:
                    if cc.dep_ == "prep" and cc.lower_ in {"with", "between", "of", "to", "on"}:
                        acts += _pobj_actors(ctx, cc, depth - 1, avoid)
            out += acts
    return _uniq(out)


def _subject(ctx: DocContext, tok: Token, lex: rules.Lexicon) -> tuple[list[Actor], bool, bool]:
    """(actors, passive, inherited) for the clause of `tok`.

    Inherits through xcomp/conj/advcl and "by visiting"; a relative clause takes its
    antecedent; with object control ("helped Korea defend") the object is the subject.
    """
    node, inherited = tok, False
    for _ in range(6):
        subjects = [c for c in node.children if c.dep_ in syntax.SUBJ_DEPS]
        if subjects:
            # the parser sometimes splits "A, B and C agreed" into several subjects
            passive = subjects[0].dep_ in {"nsubjpass", "csubjpass"}
            if node.dep_ == "relcl" and subjects[0].lower_ in syntax.RELATIVE_WORDS:
                return _np_actors(ctx, node.head, lex, subject=True), passive, inherited
            acts = [a for c in subjects for a in _np_actors(ctx, c, lex, subject=True)]
            return _uniq(acts), passive, inherited
        if node.dep_ == "relcl" and node.head.pos_ in syntax.NOUN_POS | {"PRON"}:
            return _np_actors(ctx, node.head, lex, subject=True), False, True
        if node.dep_ == "acl" and node.head.pos_ in syntax.NOUN_POS:
            passive = node.tag_ == "VBN" and not syntax.misparsed_main_verb(node)
            return _np_actors(ctx, node.head, lex, subject=True), passive, True
        if node.dep_ == "xcomp" and node.head.i != node.i:
            ctrl = [c for c in node.head.children if c.dep_ == "dobj"]
            if ctrl and node.head.lemma_.lower() not in lex.gov_future:
                return _np_actors(ctx, ctrl[0], lex), False, True
        if node.dep_ in syntax.SUBJECT_CLIMB and node.head.i != node.i:
            node = node.head
            inherited = True
            continue
        break
    return [], False, inherited


def _agent(ctx: DocContext, tok: Token, lex: rules.Lexicon) -> list[Actor]:
    for c in tok.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return _np_actors(ctx, p, lex)
    return []


def _collapse(acts: list[Actor]) -> list[Actor]:
    """Drop a state when a more specific actor of it is there too
    ("Japanese Prime Minister Koizumi's visit": the person, not also Japan)."""
    specific = {a.country for a in acts if a.kind != "state" and a.country}
    return [a for a in acts if not (a.kind == "state" and a.country in specific)]


def _countries(acts: list[Actor]) -> set[str | None]:
    return {a.country or a.actor_id for a in acts}
