"""Event coding over dependency parses: who did what to whom, when, and how sure.

Patterns (verb and noun lemmas -> CAMEO codes) live in data/event_patterns.yaml;
PLOVER type/mode, Goldstein and QuadClass come from the vendored ontology
tables. Every event keeps the rule that coded it, its trigger and evidence
spans and the span of the time expression that dates it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from tiegraph import resources
from tiegraph.extract.context import DocContext
from tiegraph.extract.dating import date_fields
from tiegraph.model import Actor, ActorRef, Event, stable_id

VERSION = "events-0.1"
SPEECH_LEMMAS = {"say", "tell", "claim", "report", "state", "announce", "insist", "argue", "add"}


@dataclass(frozen=True)
class Pattern:
    lemma: str
    cameo: str
    preps: tuple[str, ...] = ()
    particle: str | None = None
    objects: tuple[str, ...] = ()
    xcomp: bool = False
    symmetric: bool = False


@lru_cache(maxsize=1)
def patterns() -> tuple[dict[str, list[Pattern]], dict[str, Pattern], dict[str, list[str]]]:
    data = resources.load_yaml("event_patterns.yaml")

    def mk(d: dict) -> Pattern:
        return Pattern(
            d["lemma"],
            str(d["cameo"]),
            tuple(d.get("prep") or ()),
            d.get("particle"),
            tuple(d.get("object") or ()),
            bool(d.get("xcomp")),
            bool(d.get("symmetric")),
        )

    verbs: dict[str, list[Pattern]] = {}
    for d in data.get("verbs") or []:
        verbs.setdefault(d["lemma"], []).append(mk(d))
    nouns = {d["lemma"]: mk(d) for d in data.get("nouns") or []}
    return verbs, nouns, data.get("modality") or {}


def _ref(a: Actor) -> ActorRef:
    return ActorRef(a.actor_id, a.code, a.country, a.name)


def _subject(tok: Token, ctx: DocContext) -> tuple[list[Actor], bool]:
    """Actors of the clause subject; (actors, passive). Inherits through xcomp/conj."""
    node, hops = tok, 0
    while hops < 4:
        for c in node.children:
            if c.dep_ in {"nsubj", "csubj"}:
                return ctx.actors.actors_under(c), False
            if c.dep_ == "nsubjpass":
                return ctx.actors.actors_under(c), True
        if node.dep_ in {"xcomp", "conj", "advcl"} and node.head.i != node.i:
            node = node.head
            hops += 1
            continue
        if node.dep_ in {"acl", "relcl"}:
            return ctx.actors.actors_under(node.head), False
        break
    return [], False


def _agent(tok: Token, ctx: DocContext) -> list[Actor]:
    for c in tok.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return ctx.actors.actors_under(p)
    return []


def _objects(tok: Token, pat: Pattern, ctx: DocContext) -> list[Actor]:
    out: list[Actor] = []
    for c in tok.children:
        if c.dep_ in {"dobj", "dative", "attr", "oprd"}:
            out += ctx.actors.actors_under(c)
    if not out:
        for c in tok.children:
            if c.dep_ in {"prep", "prt"} and (not pat.preps or c.lower_ in pat.preps):
                if c.lower_ in {"in", "at", "by", "during", "since", "after", "before"}:
                    continue
                for p in c.children:
                    if p.dep_ == "pobj":
                        out += ctx.actors.actors_under(p)
    if not out and pat.xcomp:
        for c in tok.children:
            if c.dep_ == "xcomp":
                out += _objects(c, Pattern(c.lemma_, pat.cameo, ("with", "to", "on", "from")), ctx)
                if not out:
                    for cc in c.children:
                        if cc.dep_ in {"ccomp", "xcomp"}:
                            out += _objects(cc, Pattern(cc.lemma_, pat.cameo), ctx)
    return out


def _object_ok(tok: Token, pat: Pattern) -> bool:
    if not pat.objects:
        return True
    for c in tok.children:
        if c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in pat.objects:
            return True
        if c.dep_ == "dobj":
            for cc in c.conjuncts:
                if cc.lemma_.lower() in pat.objects:
                    return True
    return False


def _particle_ok(tok: Token, pat: Pattern) -> bool:
    if not pat.particle:
        return True
    return any(c.lower_ == pat.particle and c.dep_ in {"prt", "prep"} for c in tok.children)


def polarity(tok: Token, words: dict[str, list[str]]) -> str:
    """Negated when the trigger or a governing verb carries a negation."""
    neg = set(words.get("negation") or [])
    node, hops = tok, 0
    while hops < 4:
        if any(
            c.dep_ == "neg" or (c.lower_ in neg and c.dep_ in {"advmod", "det"})
            for c in node.children
        ):
            return "negated"
        if node.lemma_ in {"fail", "deny"} and node is not tok:
            return "negated"
        if (
            node.dep_
            in {"xcomp", "aux", "auxpass", "attr", "pobj", "dobj", "prep", "nsubj", "conj"}
            and node.head.i != node.i
        ):
            node = node.head
            hops += 1
            continue
        break
    return "asserted"


def modality(tok: Token, words: dict[str, list[str]]) -> str:
    fut = set(words.get("future") or [])
    hyp = set(words.get("hypothetical") or [])
    node, hops = tok, 0
    while hops < 5:
        auxes = {c.lower_ for c in node.children if c.dep_ in {"aux", "auxpass", "mark"}}
        if auxes & hyp:
            return "hypothetical"
        if auxes & fut:
            return "future"
        if node.dep_ == "ccomp" and node.head.lemma_ in SPEECH_LEMMAS:
            return "reported"
        if node.dep_ == "advcl" and any(c.lower_ in {"if", "unless"} for c in node.children):
            return "hypothetical"
        if node.head.i == node.i:
            break
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
        }:
            break
        node = node.head
        hops += 1
    return "actual"


def _location(tok: Token, ctx: DocContext) -> str | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in {"in", "at"}:
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                acts = ctx.actors.actors_under(p)
                if acts and acts[0].kind == "state":
                    return acts[0].country
                if p.ent_type_ in {"GPE", "LOC", "FAC"}:
                    return " ".join(t.text for t in p.subtree if t.dep_ != "det")
    return None


def _make(
    ctx: DocContext,
    trigger: Token,
    src: Actor | None,
    tgt: Actor | None,
    cameo: str,
    rule: str,
    confidence: float,
) -> Event:
    ptype, mode = resources.cameo_to_plover().get(cameo) or resources.cameo_to_plover().get(
        cameo[:3], ("", None)
    )
    _, _, words = patterns()
    date, prec, source_span = date_fields(ctx, trigger)
    if source_span == "publication":
        confidence -= 0.1
    ev = ctx.sent_span(trigger)
    trig = ctx.tok_span(trigger)
    return Event(
        event_id=stable_id(
            ctx.document.doc_id, trig.start, src and src.actor_id, tgt and tgt.actor_id, cameo
        ),
        source=_ref(src) if src else None,
        target=_ref(tgt) if tgt else None,
        type=ptype,
        mode=mode,
        cameo=cameo,
        goldstein=resources.goldstein_for(cameo),
        quad_class=resources.quad_class(cameo),
        polarity=polarity(trigger, words),
        modality=modality(trigger, words),
        date=date,
        date_precision=prec,
        date_source=source_span,
        location=_location(trigger, ctx),
        trigger=trig,
        evidence=ev,
        confidence=round(max(0.05, min(0.95, confidence)), 2),
        rule=rule,
    )


def _pairs(
    srcs: list[Actor], tgts: list[Actor], symmetric: bool
) -> list[tuple[Actor | None, Actor | None]]:
    if tgts:
        return [
            (s, t)
            for s in (srcs or [None])
            for t in tgts
            if s is None or s.country != t.country or s.kind != t.kind
        ]
    if symmetric and len(srcs) >= 2:
        return [(a, b) for a in srcs for b in srcs if a is not b]
    return [(s, None) for s in srcs]


def verbal_events(ctx: DocContext) -> list[Event]:
    verbs, _, _ = patterns()
    out: list[Event] = []
    for tok in ctx.doc:
        if tok.pos_ not in {"VERB", "AUX"} and not (tok.pos_ == "NOUN" and tok.dep_ == "ROOT"):
            continue
        for pat in verbs.get(tok.lemma_.lower(), []):
            if not (_particle_ok(tok, pat) and _object_ok(tok, pat)):
                continue
            srcs, passive = _subject(tok, ctx)
            if passive:
                tgts = srcs
                srcs = _agent(tok, ctx)
            else:
                tgts = _objects(tok, pat, ctx)
            pairs = _pairs(srcs, tgts, pat.symmetric)
            for s, t in pairs:
                if s is None and t is None:
                    continue
                conf = 0.55 + (0.25 if s and t else 0.0)
                out.append(_make(ctx, tok, s, t, pat.cameo, f"verb:{pat.lemma}", conf))
            break
    return out


def _noun_participants(tok: Token, ctx: DocContext) -> list[Actor]:
    acts: list[Actor] = []
    for c in tok.children:
        if c.dep_ in {"compound", "amod", "nmod", "poss"}:
            acts += [a for a in ctx.actors.actors_under(c) if a not in acts]
        if c.dep_ == "prep" and c.lower_ in {"between", "with", "of", "among"}:
            for p in c.children:
                if p.dep_ == "pobj":
                    acts += [a for a in ctx.actors.actors_under(p) if a not in acts]
    return [a for a in acts if a.kind in {"state", "igo", "group", "person"}]


def nominal_events(ctx: DocContext) -> list[Event]:
    _, nouns, _ = patterns()
    out: list[Event] = []
    for tok in ctx.doc:
        if tok.pos_ not in {"NOUN", "PROPN"}:
            continue
        pat = nouns.get(tok.lemma_.lower())
        if pat is None:
            continue
        acts = _noun_participants(tok, ctx)
        inferred = False
        if len({a.country for a in acts}) < 2:
            # "the 1953 Mutual Defense Treaty that underpins the alliance": take the
            # sentence's two states when the phrase itself names no pair
            sent_states = []
            for t in tok.sent:
                a = ctx.actors.actor_of_token(t)
                if a and a.kind == "state" and a not in sent_states:
                    sent_states.append(a)
            if len(sent_states) == 2 and (not acts or acts[0] in sent_states):
                acts = sent_states
                inferred = True
        if not acts:
            continue
        if len(acts) >= 2:
            pairs = [(a, b) for a in acts for b in acts if a is not b and a.country != b.country]
        else:
            pairs = [(acts[0], None)]
        for s, t in pairs:
            conf = 0.45 - (0.1 if inferred else 0.0)
            out.append(_make(ctx, tok, s, t, pat.cameo, f"noun:{pat.lemma}", conf))
    return out


def extract_events(ctx: DocContext, min_confidence: float = 0.0) -> list[Event]:
    events = verbal_events(ctx) + nominal_events(ctx)
    seen: set[tuple] = set()
    out: list[Event] = []
    for e in events:
        key = (
            e.source and e.source.actor_id,
            e.target and e.target.actor_id,
            e.type,
            e.date,
            e.evidence.start,
        )
        if key in seen or e.confidence < min_confidence:
            continue
        seen.add(key)
        out.append(e)
    return out
