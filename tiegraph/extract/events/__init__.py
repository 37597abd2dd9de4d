"""Event coding over dependency parses: who did what to whom, when, and how sure.

Patterns (verb and noun lemmas -> CAMEO codes) and the words that change how a
clause is read (negation, modality, comparison) live in
data/event_patterns.yaml; docs/events.md explains them. PLOVER type/mode,
Goldstein and QuadClass come from the vendored ontology tables. Every event keeps
the rule that coded it, its trigger and evidence spans and the span of the time
expression that dates it.

Roles come from the parse, not from word order: the source is the clause
subject (inherited through conjoined, complement and adverbial clauses, and
through a relative clause's antecedent), the target the object, a pattern
preposition, the complement clause, or for withdrawals and deployments the
place. Event nouns take their participants from their own modifiers, from a
light verb ("X and Y signed a treaty") or, strictly, from the sentence. What the
text leaves to the discourse comes from it, marked in the rule: the parties of the
same agreement named earlier (`+antecedent`), the accuser a denial answers, and an
implicit target from the article's pair of countries or the one other country named
nearby (`+context`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Token
from spacy.vocab import Vocab

from tiegraph import resources
from tiegraph.extract.context import DocContext
from tiegraph.extract.dating import coordinated_dates, date_fields
from tiegraph.extract.events.occurrences import fold_occurrences
from tiegraph.extract.events.petrarch import DictionaryLayer, VerbDictionary, read_dictionary
from tiegraph.model import Actor, ActorRef, Event, Span, stable_id
from tiegraph.resolve.roles import sector_of

VERSION = "events-0.2"

SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass"}
OBJ_DEPS = {"dobj", "dative", "attr", "oprd"}
NOUN_POS = {"NOUN", "PROPN"}
# clause links a subject is inherited through ("agreed to withdraw", "met and signed",
# "emphasized ... by visiting China", "invaded Korea, starting a war")
SUBJECT_CLIMB = {"xcomp", "conj", "advcl", "pcomp", "prep", "acomp"}
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
RELATIVE_WORDS = {"who", "which", "that", "whom"}
PARTICIPANT_KINDS = {"state", "igo", "group", "person", "organisation"}


@dataclass(frozen=True)
class Pattern:
    lemma: str
    cameo: str
    pos: str = "verb"
    type: str | None = None
    mode: str | None = None
    preps: tuple[str, ...] = ()
    particles: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()
    predicate: tuple[str, ...] = ()
    complement: bool = False
    symmetric: bool = False
    place: bool = False
    theme_source: bool = False
    active_only: bool = False
    needs_target: bool = False
    needs_pair: bool = False
    source_sector: tuple[str, ...] = ()
    prep_first: bool = False
    object_preps: tuple[str, ...] = ("from", "by", "of")
    light_only: bool = False
    plural: bool = False
    modifier: tuple[str, ...] = ()
    pobj: tuple[str, ...] = ()
    xcomp_object: bool = False
    origin_source: bool = False
    endorsable: bool = False


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, list[Pattern]]
    nouns: dict[str, Pattern]
    light_verbs: frozenset[str]
    gathering_verbs: frozenset[str]
    antecedents: dict[str, frozenset[str]]
    dyad: dict
    gov_future: frozenset[str]
    gov_negated: frozenset[str]
    gov_suppress: frozenset[str]
    future: frozenset[str]
    hypothetical: frozenset[str]
    negation: frozenset[str]
    speech: frozenset[str]
    comparison: frozenset[str]
    pair_nouns: frozenset[str]
    pair_plurals: frozenset[str]
    quantity_nouns: frozenset[str]
    claimant_verbs: frozenset[str] = frozenset()
    endorsing_verbs: frozenset[str] = frozenset()
    institution_nouns: frozenset[str] = frozenset()
    action_nouns: frozenset[str] = frozenset()
    attribution_verbs: frozenset[str] = frozenset()
    threat_speech: frozenset[str] = frozenset()
    threat_types: frozenset[str] = frozenset()
    aspect_verbs: frozenset[str] = frozenset()
    purpose_verbs: frozenset[str] = frozenset()
    victim_preps: frozenset[str] = frozenset()
    harm_nouns: frozenset[str] = frozenset()
    press_verbs: frozenset[str] = frozenset()
    press_sectors: frozenset[str] = frozenset()
    press_names: frozenset[str] = frozenset()
    dictionary: VerbDictionary | None = None
    dictionary_cfg: dict = field(default_factory=dict)
    layers: dict[int, DictionaryLayer] = field(default_factory=dict)

    def layer(self, vocab: Vocab) -> DictionaryLayer | None:
        """The dictionary compiled for this vocabulary (built once per vocabulary)."""
        if self.dictionary is None:
            return None
        got = self.layers.get(id(vocab))
        if got is None:
            got = self.layers[id(vocab)] = DictionaryLayer(self.dictionary, vocab)
        return got


def _tuple(v: object) -> tuple[str, ...]:
    """A YAML scalar or list as a tuple of words; a bare on/off/yes/no is an error."""
    if v is None:
        return ()
    items = [v] if isinstance(v, str | bool) else list(v)  # type: ignore[call-overload]
    if any(isinstance(x, bool) for x in items):
        raise ValueError(
            f"event_patterns.yaml: {items!r} holds a YAML boolean; quote on/off/yes/no"
        )
    return tuple(str(x) for x in items)


def _pattern(d: dict, pos: str) -> Pattern:
    return Pattern(
        lemma=str(d["lemma"]).lower(),
        cameo=str(d["cameo"]),
        pos=pos,
        type=d.get("type"),
        mode=d.get("mode"),
        preps=_tuple(d.get("prep")),
        particles=_tuple(d.get("particle")),
        objects=_tuple(d.get("object")),
        predicate=_tuple(d.get("predicate")),
        complement=bool(d.get("complement")),
        symmetric=bool(d.get("symmetric")),
        place=bool(d.get("place")),
        theme_source=bool(d.get("theme_source")),
        active_only=bool(d.get("active_only")),
        needs_target=bool(d.get("needs_target")),
        needs_pair=bool(d.get("needs_pair")),
        source_sector=_tuple(d.get("source_sector")),
        prep_first=bool(d.get("prep_first")),
        object_preps=_tuple(d.get("object_prep")) or ("from", "by", "of"),
        light_only=bool(d.get("light_only")),
        plural=bool(d.get("plural")),
        modifier=_tuple(d.get("modifier")),
        pobj=_tuple(d.get("pobj")),
        xcomp_object=bool(d.get("xcomp_object")),
        origin_source=bool(d.get("origin_source")),
        endorsable=bool(d.get("endorsable")),
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The pattern file, parsed once per process."""
    data = resources.load_yaml("event_patterns.yaml")
    verbs: dict[str, list[Pattern]] = {}
    for d in data.get("verbs") or []:
        p = _pattern(d, "verb")
        verbs.setdefault(p.lemma, []).append(p)
    for lemma, pats in verbs.items():
        # narrow readings first ("vow retaliation" before "vow to"), file order otherwise
        verbs[lemma] = sorted(
            pats, key=lambda p: not (p.objects or p.particles or p.predicate or p.pobj)
        )
    nouns = {str(d["lemma"]).lower(): _pattern(d, "noun") for d in data.get("nouns") or []}
    comp = data.get("complement") or {}
    mod = data.get("modality") or {}

    def fs(v: object) -> frozenset[str]:
        return frozenset(x.lower() for x in _tuple(v))

    return Lexicon(
        verbs=verbs,
        nouns=nouns,
        light_verbs=fs(data.get("light_verbs")),
        gathering_verbs=fs(data.get("gathering_verbs")),
        dyad=dict(data.get("dyad") or {}),
        antecedents={
            str(k).lower(): fs(v) | {str(k).lower()}
            for k, v in (data.get("event_antecedents") or {}).items()
        },
        gov_future=fs(comp.get("future")),
        gov_negated=fs(comp.get("negated")),
        gov_suppress=fs(comp.get("suppress")),
        future=fs(mod.get("future")),
        hypothetical=fs(mod.get("hypothetical")),
        negation=fs(mod.get("negation")),
        speech=fs(mod.get("speech")),
        comparison=fs(mod.get("comparison")),
        pair_nouns=fs(data.get("pair_nouns")),
        pair_plurals=fs(data.get("pair_plurals")),
        quantity_nouns=fs(data.get("quantity_nouns")),
        claimant_verbs=fs(data.get("claimant_verbs")),
        endorsing_verbs=fs(data.get("endorsing_verbs")),
        institution_nouns=fs(data.get("institution_nouns")),
        action_nouns=fs(data.get("action_nouns")),
        attribution_verbs=fs(data.get("attribution_verbs")),
        threat_speech=fs((data.get("threats") or {}).get("speech")),
        threat_types=fs((data.get("threats") or {}).get("types")),
        aspect_verbs=fs(data.get("aspect_verbs")),
        purpose_verbs=fs(data.get("purpose_verbs")),
        victim_preps=fs(data.get("victim_preps")),
        harm_nouns=fs(data.get("harm_nouns")),
        press_verbs=fs((data.get("press") or {}).get("verbs")),
        press_sectors=frozenset(_tuple((data.get("press") or {}).get("sectors"))),
        press_names=fs((data.get("press") or {}).get("names")),
        dictionary=_dictionary(data.get("dictionary") or {}),
        dictionary_cfg=dict(data.get("dictionary") or {}),
    )


def _dictionary(cfg: dict) -> VerbDictionary | None:
    if not cfg.get("file"):
        return None
    return read_dictionary(resources.data_path(str(cfg["file"])), resources.cameo_to_plover())


def _dictionary_pattern(tok: Token, lex: Lexicon) -> Pattern | None:
    """The PETRARCH2 reading of a verb the project's patterns do not name at all."""
    lemma = tok.lemma_.lower()
    cfg = lex.dictionary_cfg
    if lemma in lex.verbs or lemma in set(cfg.get("skip_verbs") or ()):
        return None
    if lemma in lex.light_verbs:
        return None  # "reached a deal": the project's event noun codes it, with its parties
    layer = lex.layer(tok.doc.vocab)
    hit = layer.pattern_at(tok) if layer is not None else None
    if hit is None or (hit.size == 0 and not cfg.get("bare_verbs", True)):
        return None
    table = resources.cameo_to_plover()
    ptype = (table.get(hit.cameo) or table.get(hit.cameo[:3]) or ("", None))[0]
    if not ptype or ptype in set(cfg.get("skip_types") or ()):
        return None
    return Pattern(lemma=f"{lemma}@{hit.key}", cameo=hit.cameo)


# ---------------------------------------------------------------- actors


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


def _forms(tok: Token) -> set[str]:
    """Lemma and surface forms: the tagger's lemma is sometimes wrong ("hopes" -> "hop")."""
    low = tok.lower_
    forms = {tok.lemma_.lower(), low}
    for suffix in ("s", "es", "d", "ed", "ing"):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            forms.add(low[: -len(suffix)])
    return forms


def _is_pronoun(tok: Token) -> bool:
    return tok.pos_ == "PRON" or tok.tag_ in {"PRP", "PRP$"}


def _main_subject_actor(ctx: DocContext, t: Token) -> Actor | None:
    """The actor `t` names when it is the subject of a main clause (the root, or a
    clause conjoined with or reported by it): a pronoun's likeliest antecedent."""
    node = t
    if t.dep_ in {"compound", "amod", "nmod"} and t.head.dep_ in SUBJ_DEPS:
        node = t.head
    if node.dep_ not in SUBJ_DEPS:
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
    doc = pron.doc
    if low in {"they", "them"} and pron.dep_ in SUBJ_DEPS and pron.head.dep_ == "ccomp":
        # "South Korea and the United States announced that they would deploy ..."
        for c in pron.head.head.children:
            if c.dep_ == "nsubj":
                joint = _phrase_actors(ctx, c)
                if len({a.country for a in joint}) >= 2:
                    return joint
    sents = [s for s in doc.sents if s.start <= pron.i]
    start = sents[max(0, len(sents) - 2)].start if sents else 0
    for i in range(pron.i - 1, start - 1, -1):
        t = doc[i]
        if low in {"they", "their", "them"} and t.dep_ in SUBJ_DEPS:
            pair = _recent_pair(ctx, t, lexicon())  # "the two governments ... they"
            if pair:
                return pair
        a = _main_subject_actor(ctx, t)
        if a is not None and a.kind in kinds and a.country not in avoid:
            return [a]
    return []


def _recent_pair(
    ctx: DocContext, tok: Token, lex: Lexicon, avoid: frozenset[str] = frozenset()
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
    if not _forms(tok) & lex.pair_nouns:
        return []
    doc = tok.doc
    same = _sentence_states_before(ctx, tok, avoid)
    if len(same) == size:
        # "relations between Seoul and Moscow ... since the two countries established ties"
        return same
    sents = [s for s in doc.sents if s.start <= tok.i]
    start = sents[max(0, len(sents) - 5)].start if sents else 0
    count: dict[str, int] = {}
    last: dict[str, tuple[int, Actor]] = {}
    for i in range(start, tok.i):
        a = ctx.actors.actor_of_token(doc[i])
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
        whole = _country_counts(ctx)
        best = sorted(count, key=lambda c: (-count[c], -whole.get(c, 0), -last[c][0]))[:size]
        return [last[c][1] for c in sorted(best, key=lambda c: last[c][0])]
    if len(count) < 2:
        # "The alliance was forged in war ... The two countries formalized their ties":
        # the pair the article is about, when it includes the one named here
        dyad = _document_dyad(ctx)
        if len(dyad) == 2 and set(count) <= set(dyad) and not set(dyad) & avoid:
            return list(dyad.values())
        return []
    best = sorted(count, key=lambda c: (-count[c], -last[c][0]))[:2]
    dyad = _document_dyad(ctx)
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
    if tok.lower_ in lexicon().pair_plurals and any(c.lower_ == "the" for c in tok.children):
        return 2  # "the allies would face consequences"
    return 0


def _sentence_states_before(ctx: DocContext, tok: Token, avoid: frozenset[str]) -> list[Actor]:
    """The distinct states (or their people) named earlier in `tok`'s own sentence."""
    out: dict[str, Actor] = {}
    for t in tok.doc[tok.sent.start : tok.i]:
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
    lex: Lexicon,
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
        for p in _prep_children(tok, ("of",)):
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
                    a for p in _prep_children(acl, ("to", "on")) for a in _pobj_actors(ctx, p, 1)
                ]
            if acts:
                return _uniq(acts)
    if not subject:  # "rejected Seoul's offer" -> Seoul; a subject's possessor is no agent
        for c in tok.children:
            if c.dep_ == "poss":
                acts = _uniq(ctx.actors.actors_under(c))
                if acts:
                    return acts
    if _is_pronoun(tok):
        return _antecedent(ctx, tok, avoid)
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
    if subject and tok.pos_ in NOUN_POS:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in {"in", "from", "of", "at", "between", "among"}:
                for p in [c, *c.conjuncts]:
                    for pp in p.children:
                        if pp.dep_ == "pobj":
                            acts += _uniq(ctx.actors.actors_under(pp)) or _recent_pair(
                                ctx, pp, lex, avoid
                            )
        return _uniq(acts)
    return []


def _speakers_government(ctx: DocContext, tok: Token, lex: Lexicon) -> list[Actor]:
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
            pair = [a for h in [c, *c.conjuncts] for a in _recent_pair(ctx, h, lexicon(), avoid)]
            acts = (
                _uniq(list(ctx.actors.actors_under(c)) + pair)
                or _left_modifier_actors(ctx, c)
                or _place_state(ctx, c)
                or _possessor_pronoun_actors(ctx, c, avoid)
            )
            if not acts and depth > 1:
                for cc in c.children:
                    if cc.dep_ == "prep" and cc.lower_ in {"with", "between", "of", "to", "on"}:
                        acts += _pobj_actors(ctx, cc, depth - 1, avoid)
            out += acts
    return _uniq(out)


# ---------------------------------------------------------------- clause structure


def _subject(ctx: DocContext, tok: Token, lex: Lexicon) -> tuple[list[Actor], bool, bool]:
    """(actors, passive, inherited) for the clause of `tok`.

    Inherits through xcomp/conj/advcl and "by visiting"; a relative clause takes its
    antecedent; with object control ("helped Korea defend") the object is the subject.
    """
    node, inherited = tok, False
    for _ in range(6):
        subjects = [c for c in node.children if c.dep_ in SUBJ_DEPS]
        if subjects:
            # the parser sometimes splits "A, B and C agreed" into several subjects
            passive = subjects[0].dep_ in {"nsubjpass", "csubjpass"}
            if node.dep_ == "relcl" and subjects[0].lower_ in RELATIVE_WORDS:
                return _np_actors(ctx, node.head, lex, subject=True), passive, inherited
            acts = [a for c in subjects for a in _np_actors(ctx, c, lex, subject=True)]
            return _uniq(acts), passive, inherited
        if node.dep_ == "relcl" and node.head.pos_ in NOUN_POS | {"PRON"}:
            return _np_actors(ctx, node.head, lex, subject=True), False, True
        if node.dep_ == "acl" and node.head.pos_ in NOUN_POS:
            passive = node.tag_ == "VBN" and not _misparsed_main_verb(node)
            return _np_actors(ctx, node.head, lex, subject=True), passive, True
        if node.dep_ == "xcomp" and node.head.i != node.i:
            ctrl = [c for c in node.head.children if c.dep_ == "dobj"]
            if ctrl and node.head.lemma_.lower() not in lex.gov_future:
                return _np_actors(ctx, ctrl[0], lex), False, True
        if node.dep_ in SUBJECT_CLIMB and node.head.i != node.i:
            node = node.head
            inherited = True
            continue
        break
    return [], False, inherited


def _agent(ctx: DocContext, tok: Token, lex: Lexicon) -> list[Actor]:
    for c in tok.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return _np_actors(ctx, p, lex)
    return []


def _prep_children(tok: Token, preps: Iterable[str]) -> list[Token]:
    allowed = set(preps)
    return [c for c in tok.children if c.dep_ in {"prep", "prt", "dative"} and c.lower_ in allowed]


def _object_targets(
    ctx: DocContext,
    tok: Token,
    lex: Lexicon,
    avoid: frozenset[str] = frozenset(),
    object_preps: tuple[str, ...] = ("from", "by", "of"),
) -> list[Actor]:
    out: list[Actor] = []
    children = list(tok.children)
    if not any(c.dep_ in OBJ_DEPS for c in children):
        # "armed and funded Hezbollah": the object of the conjoined verb
        children = [
            o
            for v in children
            if v.dep_ == "conj"
            and v.pos_ == "VERB"
            and not any(x.dep_ in SUBJ_DEPS for x in v.children)
            for o in v.children
            if o.dep_ == "dobj"
        ] + children
    for c in children:
        if c.dep_ in OBJ_DEPS:
            # "vetoed a Security Council resolution drafted by Albania": the author named
            # by the participle's agent, before a venue the noun's own words name
            acts = [
                a
                for acl in c.children
                if acl.dep_ == "acl" and acl.tag_ == "VBN"
                for a in _agent(ctx, acl, lex)
            ] or _np_actors(ctx, c, lex, avoid=avoid)
            if not acts:
                # "rejected an offer from Seoul", "froze the assets of Russian officials",
                # "vetoed the resolution drafted by Britain"
                for p in _prep_children(c, object_preps):
                    acts += _pobj_actors(ctx, p, depth=1, avoid=avoid)
                for acl in c.children:
                    if acl.dep_ == "acl":
                        acts += _agent(ctx, acl, lex)
                    elif acl.dep_ == "relcl":
                        # "withdrew the trade status it had granted Pakistan"
                        acts += [
                            a
                            for o in acl.children
                            if o.dep_ in {"dobj", "dative"}
                            for a in _np_actors(ctx, o, lex, avoid=avoid)
                        ]
                        acts += _prep_targets(ctx, acl, ("to",), avoid=avoid)
            out += acts
        elif c.dep_ in {"ccomp", "xcomp"} and c.pos_ in {"ADJ", "NOUN"}:
            # "held Pyongyang responsible": the small clause's subject
            for cc in c.children:
                if cc.dep_ in SUBJ_DEPS:
                    out += _np_actors(ctx, cc, lex)
    return _uniq(out)


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
        for p in _prep_children(h, preps):
            out += _pobj_actors(ctx, p, depth=2, avoid=avoid)
    return _uniq(out)


def _place_phrase_states(ctx: DocContext, prep: Token) -> list[Actor]:
    """States named anywhere in a place phrase, outside clauses ("to waters near Taiwan",
    "from the town near the Eritrean border")."""
    out: list[Actor] = []
    for t in prep.subtree:
        if any(a.dep_ in {"relcl", "acl", "advcl"} for a in t.ancestors if a.i > prep.i):
            continue
        acts = [a for a in ctx.actors.actors_of_token(t) if a.kind == "state"]
        out += acts or _place_state(ctx, t)
    return _uniq(out)


def _place_targets(ctx: DocContext, tok: Token) -> list[Actor]:
    """The state named as the place of the act or of its object ("troops stationed in Korea",
    "missiles toward Japan", "a rocket that flew over Japan")."""
    out: list[Actor] = []
    for p in _prep_children(tok, PLACE_PREPS):
        out += _place_phrase_states(ctx, p)
    if out:
        return _uniq(out)
    for c in tok.children:
        if c.dep_ in {"dobj", "nsubjpass"}:
            for t in c.subtree:
                if t.dep_ == "prep" and t.lower_ in PLACE_PREPS + ("over", "toward", "towards"):
                    out += _place_phrase_states(ctx, t)
    return _uniq(out)


def _complement_targets(
    ctx: DocContext, tok: Token, lex: Lexicon, srcs: list[Actor]
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
        subj = [s for s in c.children if s.dep_ in SUBJ_DEPS]
        if subj:
            # "North Korea warned that the allies would ...": never the speaker's side
            avoid = frozenset(a.country for a in srcs if a.country)
            out += _np_actors(ctx, subj[0], lex, avoid=avoid)
            continue
        pat = _verb_pattern(ctx, c, lex)
        found = _targets(ctx, c, pat, lex, srcs, passive=False) if pat is not None else []
        out += found or _object_targets(ctx, c, lex) or _prep_targets(ctx, c, COMPLEMENT_PREPS)
        out = [t for t in out if not any(_same_side(s, t) for s in srcs)]
        if not out:
            out += _complement_targets(ctx, c, lex, srcs)
        if not out:
            out += [
                t for t in _exchange_partners(ctx, c) if not any(_same_side(s, t) for s in srcs)
            ]
        if not out and c.dep_ == "xcomp":
            # "agreed to raise its share of the cost of stationing American troops"
            out += [
                a
                for t in _clause_only(c)
                if t.dep_ not in {"compound", "amod", "nmod", "poss"}
                or t.head.i in ctx.actors.token_actor  # not "a U.S. missile-defense battery"
                for a in ctx.actors.actors_of_token(t)
                if a.kind in {"state", "group", "person"}
                and not any(_same_side(s, a) for s in srcs)
            ]
    return _uniq(out)


def _clause_only(verb: Token) -> list[Token]:
    """A clause's words without the clauses nested in it."""
    skip: set[int] = set()
    for t in verb.subtree:
        if t.i != verb.i and t.dep_ in {"relcl", "advcl", "ccomp", "acl", "conj"}:
            skip.update(x.i for x in t.subtree)
    return [t for t in verb.subtree if t.i not in skip]


def _exchange_partners(ctx: DocContext, verb: Token) -> list[Actor]:
    """ "agreed to freeze its program in exchange for energy assistance from the United
    States, South Korea and Japan": the other side of a bargain."""
    out: list[Actor] = []
    for p in _prep_children(verb, ("in",)):
        for o in p.children:
            if o.dep_ != "pobj" or o.lemma_.lower() not in {"exchange", "return"}:
                continue
            for f in _prep_children(o, ("for",)):
                for n in f.children:
                    if n.dep_ == "pobj":
                        out += ctx.actors.actors_under(n)
                        out += [
                            a
                            for q in _prep_children(n, ("from", "by", "of"))
                            for a in _pobj_actors(ctx, q, 1)
                        ]
    return _uniq(out)


def _targets(
    ctx: DocContext, tok: Token, pat: Pattern, lex: Lexicon, srcs: list[Actor], passive: bool
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
        found = [t for t in strat() if not any(_same_side(s, t) for s in srcs)]
        if found:
            return found
    return []


def _collapse(acts: list[Actor]) -> list[Actor]:
    """Drop a state when a more specific actor of it is there too
    ("Japanese Prime Minister Koizumi's visit": the person, not also Japan)."""
    specific = {a.country for a in acts if a.kind != "state" and a.country}
    return [a for a in acts if not (a.kind == "state" and a.country in specific)]


def _countries(acts: list[Actor]) -> set[str | None]:
    return {a.country or a.actor_id for a in acts}


def _antecedent_event_agent(
    ctx: DocContext, tok: Token, lex: Lexicon, srcs: list[Actor]
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
    doc = tok.doc
    sents = [sp for sp in doc.sents if sp.start <= tok.i]
    start = sents[max(0, len(sents) - 10)].start if sents else 0
    for i in range(objs[0].i - 1, start - 1, -1):
        t = doc[i]
        if t.i == tok.i or not _forms(t) & related:
            continue
        if t.pos_ in {"VERB", "AUX"}:
            acts, passive, _ = _subject(ctx, t, lex)
            if passive:
                acts = _agent(ctx, t, lex) or [
                    # "The missile ... was launched from the North's east coast"
                    a
                    for p in _prep_children(t, ("from",))
                    for a in _place_phrase_states(ctx, p)
                ]
        else:
            acts = _left_modifier_actors(ctx, t)
            light = _light_verb(t, lex)
            pat = _noun_pattern(ctx, t, lex)
            if pat is not None and pat.symmetric and t.i != objs[0].i:
                # "South Korean and American forces began their exercise ... the North
                # denounced the drills": every party to the joint act
                joint = _noun_participants(ctx, t, pat, lex, anaphora=False)[0]
                if len({a.country for a in joint}) >= 2:
                    acts = joint
            if not acts and light is not None:
                acts = _subject(ctx, light, lex)[0]
        acts = [a for a in acts if not any(_same_side(a, s) for s in srcs)]
        if acts:
            return acts
    return []


def _is_agreement_noun(tok: Token, lex: Lexicon) -> bool:
    pat = lex.nouns.get(tok.lemma_.lower()) or lex.nouns.get(tok.lower_)
    return bool(pat and pat.symmetric and pat.cameo.startswith("03") and tok.pos_ in NOUN_POS)


def _is_joint_noun(tok: Token, lex: Lexicon) -> bool:
    """An agreement or a meeting: a noun whose parties act together."""
    pat = lex.nouns.get(tok.lemma_.lower()) or lex.nouns.get(tok.lower_)
    return bool(pat and pat.symmetric and tok.pos_ in NOUN_POS)


DEFINITE = {"the", "this", "that", "these", "those", "its", "their"}


def _agreement_partners(ctx: DocContext, tok: Token, lex: Lexicon, depth: int = 2) -> list[Actor]:
    """The parties to an agreement noun: its own participants ("a treaty with North
    Korea" that Russia ratifies), or, for a definite one that names none ("the treaty
    was renewed", "withdrew from the deal"), those of the nearest earlier agreement noun
    of the same kind within six sentences."""
    pat = lex.nouns.get(tok.lemma_.lower()) or lex.nouns[tok.lower_]
    srcs, _, _, _ = _noun_participants(ctx, tok, pat, lex, anaphora=False)
    parts = _collapse(_uniq(srcs))
    if len({a.country for a in parts}) >= 2 or depth <= 0:
        return parts
    if not any(c.dep_ in {"det", "poss"} and c.lower_ in DEFINITE for c in tok.children):
        return parts
    doc = tok.doc
    sents = [sp for sp in doc.sents if sp.start <= tok.i]
    start = sents[max(0, len(sents) - 7)].start if sents else 0
    for i in range(tok.i - 1, start - 1, -1):
        t = doc[i]
        if t.pos_ in NOUN_POS and (
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
    ctx: DocContext, tok: Token, pat: Pattern, lex: Lexicon, srcs: list[Actor]
) -> list[Actor]:
    """ "Russia approved the pact", "the United States withdrew from the deal", "Trump
    cancelled the summit": the other party to the agreement or meeting the verb acts on."""
    nouns = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    nouns += [o for p in _prep_children(tok, pat.preps) for o in p.children if o.dep_ == "pobj"]
    for n in nouns:
        if n.lower_ in PRONOUN_OBJECTS:
            n = _pronoun_noun(ctx, n) or n
        if n.lemma_.lower() in lex.quantity_nouns:
            # "cancelled three sets of planned talks between the two militaries"
            n = next((o for p in _prep_children(n, ("of",)) for o in p.children), n)
        if _is_joint_noun(n, lex):
            found = [
                a
                for a in _agreement_partners(ctx, n, lex)
                if not any(_same_side(s, a) for s in srcs)
            ]
            if found and srcs:
                return found
    return []


def _prior_claimant(ctx: DocContext, tok: Token, lex: Lexicon, srcs: list[Actor]) -> list[Actor]:
    """Whom a denial or refusal answers: the source of the nearest accusation or demand
    (`claimant_verbs`) in this or the two previous sentences that was aimed at the
    rejecting side ("The US accused North Korea of shipping shells. Moscow and
    Pyongyang have denied the arms transfers" -> the US)."""
    if not srcs:
        return []
    doc = tok.doc
    sents = [sp for sp in doc.sents if sp.start <= tok.i]
    start = sents[max(0, len(sents) - 3)].start if sents else 0
    mine = {a.country for a in srcs if a.country}
    for i in range(tok.i - 1, start - 1, -1):
        t = doc[i]
        if t.pos_ not in {"VERB", "AUX"} or not _forms(t) & lex.claimant_verbs:
            continue
        acts, passive, _ = _subject(ctx, t, lex)
        aimed = _object_targets(ctx, t, lex) + _complement_targets(ctx, t, lex, acts)
        if passive:
            aimed, acts = acts, _agent(ctx, t, lex)
        same_sentence = t.sent.start == tok.sent.start
        if not {a.country for a in aimed} & mine and not (same_sentence and not aimed):
            # "Pyongyang claimed that Southern units had crossed first, a charge officials
            # in Seoul rejected": in one sentence an unresolved aim will do
            continue
        found = [a for a in acts if not any(_same_side(s, a) for s in srcs)]
        if found:
            return found
    return []


def _pairs(
    srcs: list[Actor], tgts: list[Actor], mutual: bool = False
) -> list[tuple[Actor | None, Actor | None]]:
    """Directed (source, target) pairs; `mutual`: every ordered pair among `srcs`."""
    srcs, tgts = _collapse(srcs), _collapse(tgts)
    out: list[tuple[Actor | None, Actor | None]] = []
    if mutual:
        out = [(a, b) for a in srcs for b in srcs if not _same_side(a, b)]
    elif tgts:
        for s in srcs or [None]:
            for t in tgts:
                if s is None or not _same_side(s, t):
                    out.append((s, t))
    else:
        out = [(s, None) for s in srcs]
    seen: set[tuple] = set()
    uniq = []
    for s, t in out:
        key = (s and s.actor_id, t and t.actor_id)
        if key not in seen:
            seen.add(key)
            uniq.append((s, t))
    return uniq


# ---------------------------------------------------------------- how a clause is read


def _governor(tok: Token, lex: Lexicon) -> str | None:
    """future | negated | suppress when the trigger sits in a governed complement.

    "agreed to withdraw" -> future; "refused to attack" -> negated; "urged X to
    attack", "a demand for a treaty", "proposed talks" -> suppress.
    """
    node = tok
    if node.dep_ == "conj" and node.head.dep_ in {"xcomp", "ccomp", "dobj", "pobj"}:
        node = node.head
    gov: Token | None = None
    if tok.pos_ in {"VERB", "AUX"}:
        if node.dep_ in {"xcomp", "ccomp"}:
            gov = node.head
        elif node.dep_ == "pcomp" and node.head.dep_ == "prep":
            gov = node.head.head
        elif node.dep_ == "acl" and any(c.lower_ == "to" for c in node.children):
            # "the ability to mediate", "a decision to deploy": the noun decides;
            # an unlisted noun makes the infinitive a mere possibility
            gov = node.head
            forms = _forms(gov)
            if not forms & (lex.gov_future | lex.gov_negated | lex.gov_suppress):
                return "suppress"
    else:
        hops = 0
        while node.dep_ in {"pobj", "prep", "compound", "appos"} and hops < 4:
            node = node.head
            hops += 1
        if node.i != tok.i or tok.dep_ in {"dobj", "nsubjpass"}:
            gov = node if node.i != tok.i else tok.head
    if gov is None or gov.i == tok.i:
        return None
    if node.dep_ == "ccomp" and node.i < gov.i:
        # "Washington has accused Beijing of ..., a charge Chinese officials deny": a clause
        # before its verb is no complement of it (the parser's reading of an apposition)
        return None
    forms = _forms(gov)
    if forms & lex.gov_negated:
        return "negated"
    if forms & lex.gov_future and tok.pos_ in {"VERB", "AUX"}:
        return "future"
    if forms & lex.gov_suppress:
        return "suppress"
    if forms & lex.gov_future and tok.dep_ in {"dobj", "nsubjpass"}:
        return "future"  # "planned a summit"; not "agreed on a deal"
    return None


def _has_negation(node: Token, lex: Lexicon) -> bool:
    for c in node.children:
        if c.dep_ == "neg":
            return True
        if c.lower_ in lex.negation and c.dep_ in {"advmod", "det", "preconj", "cc"}:
            return True
        if c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in {
            "none",
            "nobody",
            "neither",
            "nothing",
        }:
            return True
    return False


def polarity(tok: Token, lex: Lexicon | None = None, governed: str | None = None) -> str:
    """Negated when the trigger, its noun phrase or a governing verb carries a negation
    ("did not announce a treaty", "a treaty was never signed", "None ... were announced",
    "ended without an agreement", "refused to attack")."""
    lex = lex or lexicon()
    if governed == "negated":
        return "negated"
    own_agent = tok.pos_ in NOUN_POS and any(
        (c.dep_ == "prep" and c.lower_ == "by") or (c.dep_ == "poss" and not _is_pronoun(c))
        for c in tok.children
    )
    node = tok
    for _ in range(6):
        if (
            own_agent
            and node.i != tok.i
            and node.pos_ in {"VERB", "AUX"}
            and node.lemma_.lower() not in lex.light_verbs | {"be"}
        ):
            # "did not respond to a request by the South": the request was made
            break
        if _has_negation(node, lex):
            return "negated"
        if node.dep_ in {"pobj", "pcomp"} and node.head.lower_ == "without":
            return "negated"
        head = node.head
        if head.i == node.i:
            break
        climb = node.dep_ in {
            "xcomp",
            "aux",
            "auxpass",
            "attr",
            "pobj",
            "dobj",
            "prep",
            "nsubj",
            "nsubjpass",
            "appos",
            "compound",
            "acomp",
            "pcomp",
        }
        if node.dep_ == "conj":
            climb = any(c.dep_ == "cc" and c.lower_ in {"or", "nor"} for c in head.children)
        if not climb:
            break
        node = head
    return "asserted"


def modality(tok: Token, lex: Lexicon | None = None, governed: str | None = None) -> str:
    """actual | future | hypothetical | reported, from auxiliaries, markers and governors."""
    lex = lex or lexicon()
    if governed == "future":
        return "future"
    node = tok
    for _ in range(7):
        auxes = {c.lower_ for c in node.children if c.dep_ in {"aux", "auxpass"}}
        marks = {c.lower_ for c in node.children if c.dep_ == "mark"}
        if auxes & lex.hypothetical or marks & {"if", "unless", "whether"}:
            return "hypothetical"
        if auxes & lex.future or ("going" in auxes and node.tag_ == "VB"):
            return "future"
        if any(c.dep_ == "prep" and c.lower_ == "according" for c in node.children):
            return "reported"
        head = node.head
        if head.i == node.i:
            break
        if node.dep_ == "ccomp" and head.lemma_.lower() in lex.speech:
            return "reported"
        if node.dep_ == "xcomp" and head.lemma_.lower() in lex.gov_future:
            return "future"
        if node.dep_ not in {
            "xcomp",
            "conj",
            "ccomp",
            "advcl",
            "relcl",
            "dobj",
            "pobj",
            "prep",
            "attr",
            "nsubj",
            "nsubjpass",
            "compound",
            "appos",
            "pcomp",
        }:
            break
        node = head
    return "actual"


def _location(ctx: DocContext, tok: Token, exclude: set[str]) -> str | None:
    """The place governed by the event: "in Iraq" -> IRQ, "at the Grand Hyatt Seoul"."""
    heads = [tok]
    if tok.pos_ in NOUN_POS and tok.head.pos_ in {"VERB", "AUX"}:
        heads.append(tok.head)
    for h in heads:
        for c in h.children:
            if c.dep_ != "prep" or c.lower_ not in {"in", "at", "near", "inside", "outside"}:
                continue
            for p in c.children:
                if p.dep_ != "pobj" or p.ent_type_ in {"DATE", "TIME"}:
                    continue
                acts = ctx.actors.actors_under(p)
                if acts and acts[0].kind == "state" and acts[0].country:
                    if acts[0].country in exclude:
                        continue  # "invested in North Korea": the target, not a venue
                    return acts[0].country
                named = [p, *(c for c in p.children if c.dep_ in {"compound", "amod"})]
                if any(t.ent_type_ in {"GPE", "LOC", "FAC", "ORG"} for t in named) or (
                    p.pos_ == "PROPN" and p.text[:1].isupper()
                ):
                    words = [t for t in p.subtree if t.dep_ not in {"det", "punct"}]
                    if words and not any(t.ent_type_ == "DATE" for t in words):
                        return p.doc[words[0].i : words[-1].i + 1].text
    return None


def _in_comparison(tok: Token, lex: Lexicon) -> bool:
    """ "In the same way NATO has expanded from a defense pact ...", "like the treaty ..." """
    for a in [tok, *tok.ancestors]:
        low = a.lower_
        if a.dep_ in {"prep", "mark"} and low in lex.comparison:
            return True
        if a.lemma_.lower() == "way" and any(c.lower_ == "same" for c in a.children):
            return True
        for c in a.children:
            if c.dep_ == "mark" and c.lower_ in lex.comparison:
                return True
            if c.dep_ in {"prep", "advmod"} and c.lower_ in {"like", "unlike", "similarly"}:
                return True
    return False


# ---------------------------------------------------------------- building rows


def _confidence(
    pos: str,
    src: Actor | None,
    tgt: Actor | None,
    participants: str,
    inherited: bool,
    dated: bool,
    modal: str,
) -> float:
    """Documented in docs/events.md: rule kind, complete dyad, how roles were found."""
    base = {"verb": 0.6, "noun": 0.5}.get(pos, 0.5)
    if src is not None and tgt is not None:
        base += 0.2
    if participants in {"light", "fragment", "antecedent"}:
        base -= 0.05 if participants == "light" else 0.1
    elif participants == "sentence":
        base -= 0.2
    if inherited:
        base -= 0.05
    if not dated:
        base -= 0.1
    if modal != "actual":
        base -= 0.05
    return round(max(0.05, min(0.95, base)), 2)


TEMPORAL_PREPS = {"after", "before", "since", "following", "under", "until", "from"}


def _foreign_timex(ctx: DocContext, trigger: Token, span: Span, lex: Lexicon) -> bool:
    """ "signed a treaty after a 2013 agreement": the year dates the agreement named in
    the prepositional phrase, not the signing."""
    tspan = ctx.doc.char_span(span.start, span.end, alignment_mode="expand")
    if tspan is None:
        return False
    noun = tspan.root.head
    if noun.i == trigger.i or noun.pos_ not in NOUN_POS:
        return False
    if tspan.root.dep_ not in {"nummod", "compound", "amod", "npadvmod", "poss"}:
        return False
    event_noun = noun.lemma_.lower() in lex.nouns or noun.lemma_.lower() in lex.harm_nouns
    return (
        event_noun
        and noun.dep_ == "pobj"
        and noun.head.lower_ in TEMPORAL_PREPS
        and trigger not in noun.subtree
    )


def _past_tense(tok: Token) -> bool:
    node = tok
    while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
        node = node.head
    if node.tag_ == "VBD":
        return True
    return any(c.dep_ in {"aux", "auxpass"} and c.tag_ == "VBD" for c in node.children) and not any(
        c.lower_ in {"would", "could", "should", "might"} for c in node.children
    )


def _not_after_publication(
    ctx: DocContext,
    trigger: Token,
    dated: tuple[str | None, str, Span | str | None],
    modal: str,
    pol: str,
) -> tuple[str | None, str, Span | str | None, str]:
    """An asserted event the text tells as done is never dated after the article: a past
    clause with a later date took it from elsewhere (the article's date is kept), any
    other clause tells of something still to come (future)."""
    date, prec, source = dated
    pub, pub_prec = ctx.publication_date()
    if not (date and pub) or pol != "asserted" or modal not in {"actual", "reported"}:
        return date, prec, source, modal
    n = min(len(date), len(pub))
    if date[:n] <= pub[:n]:
        return date, prec, source, modal
    if _past_tense(trigger):
        return pub, pub_prec, "publication", modal
    return date, prec, source, "future"


def _make(
    ctx: DocContext,
    trigger: Token,
    src: Actor | None,
    tgt: Actor | None,
    pat: Pattern,
    participants: str,
    inherited: bool,
    governed: str | None,
) -> Event:
    lex = lexicon()
    table = resources.cameo_to_plover()
    ptype, mode = table.get(pat.cameo) or table.get(pat.cameo[:3]) or ("", None)
    if pat.type:
        ptype, mode = pat.type, pat.mode
    date, prec, source_span = date_fields(ctx, trigger, narrative=True)
    if isinstance(source_span, Span) and _foreign_timex(ctx, trigger, source_span, lex):
        date, prec = ctx.publication_date()
        prec, source_span = (prec, "publication") if date else ("unknown", None)
    modal = modality(trigger, lex, governed)
    pol = polarity(trigger, lex, governed)
    date, prec, source_span, modal = _not_after_publication(
        ctx, trigger, (date, prec, source_span), modal, pol
    )
    conf = _confidence(
        pat.pos, src, tgt, participants, inherited, source_span != "publication", modal
    )
    trig = ctx.tok_span(trigger)
    exclude = {tgt.country} if tgt is not None and tgt.country else set()
    return Event(
        event_id=stable_id(
            ctx.document.doc_id, trig.start, src and src.actor_id, tgt and tgt.actor_id, pat.cameo
        ),
        source=_ref(src) if src else None,
        target=_ref(tgt) if tgt else None,
        type=ptype,
        mode=mode,
        cameo=pat.cameo,
        goldstein=resources.goldstein_for(pat.cameo),
        quad_class=resources.quad_class(pat.cameo),
        polarity=pol,
        modality=modal,
        date=date,
        date_precision=prec,
        date_source=source_span,
        location=_location(ctx, trigger, exclude),
        trigger=trig,
        evidence=ctx.sent_span(trigger),
        confidence=conf,
        rule=f"{pat.pos}:{pat.lemma}" + (f"+{participants}" if participants != "own" else ""),
    )


# ---------------------------------------------------------------- verbs


def _lemma_matches(tok: Token, words: tuple[str, ...]) -> bool:
    return bool(_forms(tok) & set(words))


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
            if c.dep_ == "dobj" and c.pos_ in NOUN_POS and (c.tag_ in {"NNS", "NNPS"}) == plural:
                return c
    doc = pron.doc
    sents = [s for s in doc.sents if s.start <= pron.i]
    start = sents[max(0, len(sents) - 2)].start if sents else 0
    for i in range(pron.i - 1, start - 1, -1):
        t = doc[i]
        if t.pos_ not in NOUN_POS or t.dep_ not in {"nsubj", "nsubjpass", "dobj"}:
            continue
        if (t.tag_ in {"NNS", "NNPS"}) != plural or ctx.actors.actors_under(t):
            continue
        return t
    return None


def _object_heads(ctx: DocContext, tok: Token, pat: Pattern | None = None) -> list[Token]:
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
            and not any(x.dep_ in SUBJ_DEPS for x in v.children)
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
    if tok.dep_ == "relcl" and tok.head.pos_ in NOUN_POS:
        if not any(c.dep_ == "nsubj" and c.lower_ in RELATIVE_WORDS for c in tok.children):
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


def _object_ok(ctx: DocContext, tok: Token, pat: Pattern) -> bool:
    """The object (see `_object_heads`) has one of the pattern's lemmas;
    "@actor" in the list accepts any actor ("occupied Kuwait")."""
    if not pat.objects:
        return True
    heads = _object_heads(ctx, tok, pat)
    if any(_lemma_matches(h, pat.objects) for h in heads):
        return True
    if "@actor" in pat.objects and any(ctx.actors.actors_under(h) for h in heads):
        return True
    for p in _prep_children(tok, ("with",)):
        # "supplied Kyiv with missiles"
        for c in p.children:
            if c.dep_ == "pobj" and _lemma_matches(c, pat.objects):
                return True
    return False


def _particle_ok(tok: Token, pat: Pattern) -> bool:
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
        return any(p in pat.particles for p in prts + [p.lower_ for p in preps] + nested)
    # "free up", "back down": a particle the pattern does not name makes another verb
    return not prts


def _predicate_ok(tok: Token, pat: Pattern) -> bool:
    if not pat.predicate:
        return True
    return any(
        _lemma_matches(t, pat.predicate)
        for c in tok.children
        if c.dep_ in {"oprd", "acomp", "ccomp", "xcomp", "dobj"}
        for t in c.subtree
    )


def _pobj_ok(tok: Token, pat: Pattern) -> bool:
    """ "withdrew from the deal": the object of one of the pattern's prepositions."""
    if not pat.pobj:
        return True
    heads = [tok, *(c for c in tok.children if c.dep_ == "advmod")]  # "put X back on a list"
    return any(
        _lemma_matches(o, pat.pobj)
        for h in heads
        for p in _prep_children(h, pat.preps)
        for o in p.children
        if o.dep_ == "pobj"
    )


def _press_addressee(ctx: DocContext, tok: Token, lex: Lexicon) -> bool:
    """ "told VOA", "speaking to a private news channel": the one addressed is a news
    outlet, so the act is an interview, not a consultation."""
    heads = [c for c in tok.children if c.dep_ in {"dobj", "dative"}]
    heads += [
        pc for p in _prep_children(tok, ("to", "with")) for pc in p.children if pc.dep_ == "pobj"
    ]
    for h in heads:
        words = {t.lower_ for t in h.subtree} | {t.lemma_.lower() for t in h.subtree}
        if words & lex.press_names:
            return True
        if any(a.sector in lex.press_sectors for a in ctx.actors.actors_under(h)):
            return True
    return False


def _verb_pattern(ctx: DocContext, tok: Token, lex: Lexicon) -> Pattern | None:
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


def _misparsed_main_verb(tok: Token) -> bool:
    """ "Thousands of Hungarians protested outside ...": the parser made the sentence's
    only verb a participle of the sentence-root noun."""
    return tok.dep_ == "acl" and tok.head.dep_ == "ROOT" and tok.head.pos_ in NOUN_POS


def _is_state_participle(tok: Token) -> bool:
    """ "troops stationed in Korea": a participle describing a noun, not an act."""
    if _misparsed_main_verb(tok):
        return False
    return (
        tok.dep_ in {"acl", "amod"}
        and tok.tag_ == "VBN"
        and not any(c.dep_ == "agent" for c in tok.children)
    )


def verbal_events(ctx: DocContext) -> list[Event]:
    lex = lexicon()
    out: list[Event] = []
    for tok in ctx.doc:
        if tok.pos_ not in {"VERB", "AUX"} and not (tok.pos_ == "NOUN" and tok.dep_ == "ROOT"):
            continue
        if tok.i in ctx.actors.token_actor or _is_state_participle(tok):
            continue
        pat = _verb_pattern(ctx, tok, lex) or _dictionary_pattern(tok, lex)
        if pat is None:
            continue
        governed = _governor(tok, lex)
        if governed == "suppress":
            continue
        if tok.lemma_.lower() in lex.press_verbs and _press_addressee(ctx, tok, lex):
            continue
        srcs, passive, inherited = _subject(ctx, tok, lex)
        if not passive and _bare_passive(tok):
            passive = True  # "(it will hit back) if attacked again": the subject is the theme
        if passive and pat.active_only:
            continue
        if pat.source_sector and not any(a.sector in pat.source_sector for a in srcs):
            continue
        if passive:
            theme = srcs
            srcs = _agent(ctx, tok, lex)
            if not srcs and pat.origin_source:
                # "the missile was launched from the North's east coast"
                srcs = [
                    a for p in _prep_children(tok, ("from",)) for a in _place_phrase_states(ctx, p)
                ]
            if not srcs and pat.theme_source:
                srcs = theme
                tgts = _targets(ctx, tok, pat, lex, srcs, passive)
            elif srcs and pat.origin_source and not theme:
                tgts = _targets(ctx, tok, pat, lex, srcs, passive)
            else:
                # "the agreement was abandoned by the Moon government": its other party
                tgts = theme or _agreement_object_partners(ctx, tok, pat, lex, srcs)
        else:
            tgts = []
            if pat.symmetric:
                # a joint act: "A and B met", "A met (with) B", "A signed a treaty with B",
                # "normalized relations between the two countries"
                partners = _object_targets(ctx, tok, lex) + _prep_targets(
                    ctx, tok, ("with", "between"), on_object=True
                )
                joint = _uniq(srcs + partners)
                if len(_countries(_collapse(joint))) >= 2:
                    for s, t in _pairs(joint, [], mutual=True):
                        out.append(_make(ctx, tok, s, t, pat, "own", inherited, governed))
                    continue
            tgts = _targets(ctx, tok, pat, lex, srcs, passive)
        if pat.needs_target and not tgts:
            continue
        pat = _as_threat(tok, pat, srcs, governed, lex, ctx)
        # "Moon and Kim met ... and pledged to ease tensions": a joint commitment
        joint = not tgts and _ptype(pat) == "AGREE" and len(_countries(_collapse(srcs))) >= 2
        for s, t in _pairs(srcs, tgts, mutual=joint):
            out.append(_make(ctx, tok, s, t, pat, "own", inherited, governed))
    return out


def _bare_passive(tok: Token) -> bool:
    """A past participle clause with no subject or auxiliary: "if attacked again"."""
    return (
        tok.tag_ == "VBN"
        and tok.dep_ == "advcl"
        and not any(c.dep_ in SUBJ_DEPS | {"aux", "auxpass"} for c in tok.children)
    )


def _ptype(pat: Pattern) -> str:
    if pat.type:
        return pat.type
    table = resources.cameo_to_plover()
    return (table.get(pat.cameo) or table.get(pat.cameo[:3]) or ("",))[0]


def _as_threat(
    tok: Token, pat: Pattern, srcs: list[Actor], governed: str | None, lex: Lexicon, ctx: DocContext
) -> Pattern:
    """ "Israel has said it will hit back harder": a future attack announced by its own side
    is a threat (CAMEO 138), not an attack (see `threats:` in the pattern file)."""
    if _ptype(pat).lower() not in lex.threat_types or not srcs:
        return pat
    if modality(tok, lex, governed) not in {"future", "hypothetical"}:
        return pat
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    if node.dep_ not in {"ccomp", "xcomp"} or node.head.lemma_.lower() not in lex.threat_speech:
        return pat
    speakers, _, _ = _subject(ctx, node.head, lex)
    if not any(_same_side(a, b) for a in speakers for b in srcs):
        return pat
    return replace(pat, cameo="138", type=None, mode=None)


def _fragment_events(ctx: DocContext, lex: Lexicon) -> list[Event]:
    """ "North Korea test-fired two missiles toward Japan": the parser reads some short
    sentences as one noun phrase with the verb as a modifier. When a past-tense verb
    follows the actors that open such a sentence, re-read it as subject-verb-object."""
    out: list[Event] = []
    for sent in ctx.doc.sents:
        root = sent.root
        if root.pos_ not in NOUN_POS:
            continue
        for tok in sent:
            if tok.i >= root.i or tok.dep_ not in {"amod", "compound"}:
                continue
            if not (
                tok.tag_ in {"VBD", "VBN"} or (tok.pos_ == "ADJ" and tok.lower_.endswith("ed"))
            ):
                continue
            pats = [p for f in sorted(_forms(tok)) for p in lex.verbs.get(f, [])]
            pats = [
                p
                for p in pats
                if not p.particles and (not p.objects or _lemma_matches(root, p.objects))
            ]
            srcs = _collapse(
                _uniq(a for t in ctx.doc[sent.start : tok.i] for a in ctx.actors.actors_of_token(t))
            )
            if not pats or not srcs:
                continue
            pat = pats[0]
            avoid = frozenset(a.country for a in srcs if a.country)
            tgts = [t for t in _np_actors(ctx, root, lex, avoid=avoid) if t.country not in avoid]
            if not tgts:
                preps = (pat.preps or DEFAULT_TARGET_PREPS) + (PLACE_PREPS if pat.place else ())
                tgts = [
                    a
                    for p in _prep_children(root, preps)
                    for a in _place_phrase_states(ctx, p) + _pobj_actors(ctx, p, 2, avoid)
                    if a.country not in avoid
                ]
            for s_, t_ in _pairs(srcs, _uniq(tgts)):
                out.append(_make(ctx, tok, s_, t_, pat, "fragment", False, None))
            break
    return out


# ---------------------------------------------------------------- nouns


def _noun_pattern(ctx: DocContext, tok: Token, lex: Lexicon) -> Pattern | None:
    pat = lex.nouns.get(tok.lemma_.lower()) or lex.nouns.get(tok.lower_)
    if pat is None:
        return None
    if pat.plural and tok.tag_ not in {"NNS", "NNPS"}:
        return None
    if pat.modifier and not any(_lemma_matches(c, pat.modifier) for c in tok.children):
        if not _group_subject(ctx, tok, lex):
            return None
    return pat


def _group_subject(ctx: DocContext, tok: Token, lex: Lexicon) -> bool:
    """ "The two militaries began their annual exercise", "South Korean and American
    forces held a drill": a light verb whose subject is a group of states makes the act
    joint without a "joint" modifier."""
    if tok.dep_ != "dobj" or tok.head.lemma_.lower() not in lex.light_verbs:
        return False
    for c in tok.head.children:
        if c.dep_ == "nsubj":
            if _group_size(c) and _forms(c) & lex.pair_nouns:
                return True
            return len({a.country for a in _phrase_actors(ctx, c) if a.country}) >= 2
    return False


def _light_verb(tok: Token, lex: Lexicon) -> Token | None:
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


def _endorsers(ctx: DocContext, tok: Token, lex: Lexicon) -> list[Actor]:
    """ "China backed successive rounds of UN Security Council sanctions": the subject of
    an `endorsing_verbs` verb over the noun joins in imposing it."""
    node = tok
    for _ in range(4):
        if node.dep_ not in {"pobj", "prep", "dobj"} or node.head.i == node.i:
            break
        node = node.head
        if node.pos_ == "VERB" and node.lemma_.lower() in lex.endorsing_verbs:
            acts, passive, _ = _subject(ctx, node, lex)
            return _agent(ctx, node, lex) if passive else acts
        if node.pos_ == "VERB":
            break
    return []


def _noun_participants(
    ctx: DocContext, tok: Token, pat: Pattern, lex: Lexicon, anaphora: bool = True
) -> tuple[list[Actor], list[Actor], str, bool]:
    """(sources, targets, how found, inherited). Symmetric nouns return everyone as sources."""
    mods = _left_modifier_actors(ctx, tok)
    by = [a for p in _prep_children(tok, ("by",)) for a in _pobj_actors(ctx, p, 1)]
    joint = [
        a
        for p in _prep_children(tok, ("between", "among", "with"))
        for a in _pobj_actors(ctx, p, 1)
    ]
    light = _light_verb(tok, lex)
    light_src: list[Actor] = []
    light_with: list[Actor] = []
    inherited = False
    if light is not None and tok.dep_ == "nsubj" and light.lemma_.lower() in lex.aspect_verbs:
        light_src = []
    elif light is not None and tok.dep_ == "nsubj":
        light_src = [
            a for c in light.children if c.dep_ == "dobj" for a in _np_actors(ctx, c, lex, True)
        ] + _prep_targets(ctx, light, ("from",))
    elif light is not None:
        light_src, passive, inherited = _subject(ctx, light, lex)
        if passive:
            light_src = _agent(ctx, light, lex)
        light_with = _prep_targets(ctx, light, ("with",))
        if not pat.symmetric or tok.dep_ == "pobj":
            light_with += _object_targets(ctx, light, lex)
    possessor = [
        a
        for c in tok.children
        if c.dep_ == "poss" and not _is_pronoun(c)
        for a in ctx.actors.actors_under(c)
    ]
    harm = pat.cameo[:2] in {"17", "18", "19", "20"} or tok.lemma_.lower() in lex.harm_nouns
    if harm and light is not None and tok.dep_ == "pobj" and tok.head.lower_ in lex.victim_preps:
        # "the train came under attack (by X)": the subject is the victim, never the attacker
        attackers = _uniq(by + mods + _prep_targets(ctx, light, ("by", "from")))
        return attackers, _uniq(light_src), "light", False
    if pat.light_only and light is None and (pat.symmetric or not (by or possessor)):
        # a directional noun with its own agent needs no light verb ("a request by the South")
        return [], [], "own", False
    if pat.symmetric:
        own = _uniq(mods + joint + by)
        parts = _uniq(own + light_src + light_with)
        how = "own" if len({a.country for a in own}) >= 2 else ("light" if light_src else "own")
        if len({a.country for a in parts}) < 2 and not light_src:
            borrowed = _borrow(ctx, tok, lex, parts)
            if borrowed:
                return borrowed, [], "sentence", False
        if (
            len({a.country for a in parts}) < 2
            and anaphora
            and light is not None
            and _is_joint_noun(tok, lex)
        ):
            # "The treaty was renewed in 1981", "Russia's parliament approved the pact"
            earlier = _agreement_partners(ctx, tok, lex)
            if len({a.country for a in earlier}) >= 2 and {a.country for a in parts} <= {
                a.country for a in earlier
            }:
                return earlier, [], "antecedent", False
        return parts, [], how, inherited
    tgts = [a for p in _prep_children(tok, pat.preps) for a in _pobj_actors(ctx, p, 2)]
    if not tgts and tok.dep_ == "nsubj" and tok.head.lemma_.lower() == "be":
        # "Putin's June trip was his first to North Korea"
        tgts = [
            a
            for attr in tok.head.children
            if attr.dep_ == "attr"
            for p in _prep_children(attr, pat.preps)
            for a in _pobj_actors(ctx, p, 2)
        ]
    srcs = _uniq(by or mods or light_src)
    if pat.endorsable:
        srcs = _uniq(srcs + _endorsers(ctx, tok, lex))
    if not srcs:
        for c in tok.children:
            if c.dep_ == "poss" and _is_pronoun(c):
                srcs = light_src or _antecedent(ctx, c)
    how = "light" if (srcs and srcs == light_src and not mods and not by) else "own"
    if pat.needs_pair and not (srcs and tgts):
        return [], [], how, False
    return srcs, _uniq(tgts), how, inherited and how == "light"


def _dated_inside(ctx: DocContext, tok: Token) -> bool:
    left = tok.doc[tok.left_edge.i].idx
    return bool(ctx.timexes_between(left, tok.idx + len(tok.text)))


def _clause_subject_actor(ctx: DocContext, tok: Token, lex: Lexicon) -> list[Actor]:
    node = tok
    while node.head.i != node.i and node.pos_ not in {"VERB", "AUX"}:
        node = node.head
    for c in node.children:
        if c.dep_ in SUBJ_DEPS and not _is_pronoun(c):
            return _uniq(ctx.actors.actors_under(c))
    return []


def _borrow(ctx: DocContext, tok: Token, lex: Lexicon, own: list[Actor]) -> list[Actor]:
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
    if _in_comparison(tok, lex):
        return []
    subj = _clause_subject_actor(ctx, tok, lex)
    if subj and any(all(a.country != s.country for s in states) for a in subj):
        return []
    return states


def nominal_events(ctx: DocContext) -> list[Event]:
    lex = lexicon()
    out: list[Event] = []
    for tok in ctx.doc:
        if tok.pos_ not in NOUN_POS or tok.i in ctx.actors.token_actor:
            continue
        pat = _noun_pattern(ctx, tok, lex)
        if pat is None:
            continue
        governed = _governor(tok, lex)
        light = _light_verb(tok, lex)
        if governed is None and light is not None and tok.dep_ in {"dobj", "nsubjpass"}:
            governed = _governor(light, lex)  # "refused to sign a deal": no deal
        if governed == "suppress":
            continue
        srcs, tgts, how, inherited = _noun_participants(ctx, tok, pat, lex)
        if not srcs and not tgts:
            continue
        pairs = _pairs(srcs, [], mutual=True) if pat.symmetric else _pairs(srcs, tgts)
        if pat.symmetric and not pairs:
            pairs = [(a, None) for a in _collapse(srcs)]
        for s, t in pairs:
            if s is None and t is None:
                continue
            out.append(_make(ctx, tok, s, t, pat, how, inherited, governed))
    return out


def _document_dyad(ctx: DocContext) -> dict[str, Actor]:
    """The two countries an article is about: the two named most often, when the second
    is named at least `dyad.min_mentions` times and at least `dyad.min_share` as often
    as the first. Country -> its state actor."""
    cached = getattr(ctx, "_event_dyad", None)
    if cached is not None:
        return cached
    dyad = _compute_dyad(ctx)
    ctx._event_dyad = dyad  # type: ignore[attr-defined]
    return dyad


def _country_counts(ctx: DocContext) -> dict[str, int]:
    """How often the article names each country (states, people, groups; one count per
    multi-token name)."""
    cached = getattr(ctx, "_event_country_counts", None)
    if cached is not None:
        return cached
    count: dict[str, int] = {}
    prev = None
    for i in sorted(ctx.actors.token_actor):
        a = ctx.actors.actors.get(ctx.actors.token_actor[i])
        if a is None or not a.country or a.kind not in {"state", "person", "group"}:
            prev = None
            continue
        if prev != (i - 1, a.actor_id):
            count[a.country] = count.get(a.country, 0) + 1
        prev = (i, a.actor_id)
    ctx._event_country_counts = count  # type: ignore[attr-defined]
    return count


def _compute_dyad(ctx: DocContext) -> dict[str, Actor]:
    cfg = lexicon().dyad
    count = _country_counts(ctx)
    top = sorted(count, key=lambda c: -count[c])[:3]
    if len(top) < 2 or count[top[1]] < cfg.get("min_mentions", 3):
        return {}
    if count[top[1]] < cfg.get("min_share", 0.25) * count[top[0]]:
        return {}
    if len(top) == 3 and count[top[2]] >= cfg.get("max_third", 0.8) * count[top[1]]:
        return {}  # no clear pair
    states = {
        a.country: a for a in ctx.actors.actors.values() if a.kind == "state" and a.country in top
    }
    return {c: states[c] for c in top[:2] if c in states}


def _clause_tokens(trigger: Token) -> list[Token]:
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


def _local_partner(ctx: DocContext, trigger: Token, source: str) -> Actor | None:
    """With no clear pair for the whole article: the one other country named in this
    and the `dyad.local_window` previous sentences ("North Korea shelled Yeonpyeong ...
    South Korean forces returned fire")."""
    window = int(lexicon().dyad.get("local_window", 0))
    if window <= 0:
        return None
    sents = [s for s in trigger.doc.sents if s.start <= trigger.i]
    start = sents[max(0, len(sents) - 1 - window)].start if sents else 0
    named: dict[str, Actor] = {}
    here = _clause_tokens(trigger)
    for t in [*trigger.doc[start : trigger.sent.start], *here]:
        for a in ctx.actors.actors_of_token(t):
            if a.country and a.country != source and a.kind in {"state", "person", "group"}:
                named.setdefault(a.country, a)
    if len(named) != 1:
        return None
    country, actor = next(iter(named.items()))
    state = next(
        (a for a in ctx.actors.actors.values() if a.kind == "state" and a.country == country), None
    )
    return state or actor


# prepositions naming the side an act helps, never its implicit target
BENEFICIARY_PREPS = ("for", "alongside")


def _context_targets(ctx: DocContext, events: list[Event]) -> list[Event]:
    """Give a target-less event of a dyad's member the other member as target, marked.

    News about a pair of countries often leaves the target implicit ("Seoul suspended
    rice shipments in July", "The North dropped its opposition"). Only when the
    sentence names no third country, for the types listed in `dyad.types`; the row
    says so in its rule ("+context") and loses `dyad.penalty` confidence."""
    cfg = lexicon().dyad
    dyad = _document_dyad(ctx)
    out: list[Event] = []
    for e in events:
        if e.target is not None or e.source is None or not e.source.country:
            continue
        if e.type not in cfg.get("types", ()) or e.polarity != "asserted":
            continue
        src = ctx.actors.actors.get(e.source.actor_id)
        if src is None or (src.kind != "state" and src.sector not in cfg.get("sectors", ())):
            continue
        trigger = ctx.doc.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
        if trigger is None:
            continue
        if len(dyad) == 2 and e.source.country in dyad:
            other = next(a for c, a in dyad.items() if c != e.source.country)
        else:
            # no pair, or a third country acting, in fact, in an article about a pair
            # ("it has provided humanitarian help to Kyiv" in an article about two others)
            if len(dyad) == 2 and e.modality != "actual":
                continue
            local = _local_partner(ctx, trigger.root, e.source.country)
            if local is None:
                continue
            other = local
        clause = _clause_tokens(trigger.root)
        named = {a.country for t in clause for a in ctx.actors.actors_of_token(t) if a.country}
        if named - {e.source.country, other.country}:
            continue  # the clause names a third country: the target is not implicit
        if any(
            t.dep_ == "pobj"
            and t.head.lower_ in BENEFICIARY_PREPS
            and other.country in {a.country for a in ctx.actors.actors_under(t)}
            for t in clause
        ):
            continue  # "sent troops to fight for Moscow": Moscow is the side helped
        out.append(
            replace(
                e,
                event_id=stable_id(e.event_id, "context", other.actor_id),
                target=_ref(other),
                confidence=round(max(0.05, e.confidence - cfg.get("penalty", 0.25)), 2),
                rule=f"{e.rule}+context",
            )
        )
    return out


def _repeated(ctx: DocContext, events: list[Event]) -> list[Event]:
    """ "The treaty was renewed in 1981 and again in 2001": one row per coordinated date."""
    out: list[Event] = []
    dates: dict[int, list] = {}
    for e in events:
        if not isinstance(e.date_source, Span):
            continue
        if e.trigger.start not in dates:
            span = ctx.doc.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
            dates[e.trigger.start] = coordinated_dates(ctx, span.root) if span is not None else []
        for date, prec, src in dates[e.trigger.start]:
            out.append(
                replace(
                    e,
                    event_id=stable_id(e.event_id, "date", date),
                    date=date,
                    date_precision=prec,
                    date_source=src,
                )
            )
    return out


def extract_events(ctx: DocContext, min_confidence: float = 0.0) -> list[Event]:
    """All events of a document, one row per occurrence (trigger, type, polarity, date)
    with its other participants in `also_sources`/`also_targets`, in text order."""
    events = verbal_events(ctx) + _fragment_events(ctx, lexicon()) + nominal_events(ctx)
    events += _repeated(ctx, events)
    events += _context_targets(ctx, events)
    seen: set[tuple] = set()
    kept: list[Event] = []
    for e in sorted(events, key=lambda e: -e.confidence):
        key = (
            e.source and e.source.actor_id,
            e.target and e.target.actor_id,
            e.type,
            e.polarity,
            e.evidence.start,
            e.date,
        )
        if key in seen or e.confidence < min_confidence:
            continue
        seen.add(key)
        kept.append(e)
    kept = fold_occurrences(kept)
    return sorted(kept, key=lambda e: (e.trigger.start, -e.confidence))
