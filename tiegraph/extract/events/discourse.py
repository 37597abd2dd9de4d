"""What the article supplies: its pair of countries as an implicit target, and one
row per coordinated date."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from tiegraph.extract.context import DocContext
from tiegraph.extract.dating import coordinated_dates
from tiegraph.extract.events import participants, rules
from tiegraph.model import Actor, Event, Span, stable_id
from tiegraph.nlp import syntax


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
    cfg = rules.lexicon().dyad
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


def _local_partner(ctx: DocContext, trigger: Token, source: str) -> Actor | None:
    """With no clear pair for the whole article: the one other country named in this
    and the `dyad.local_window` previous sentences ("North Korea shelled Yeonpyeong ...
    South Korean forces returned fire")."""
    window = int(rules.lexicon().dyad.get("local_window", 0))
    if window <= 0:
        return None
    start = ctx.window_start(trigger.i, 1 + window)
    named: dict[str, Actor] = {}
    here = syntax.clause_tokens(trigger)
    for t in [*ctx.tokens[start : ctx.sent_of(trigger.i).start], *here]:
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
    cfg = rules.lexicon().dyad
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
        clause = syntax.clause_tokens(trigger.root)
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
                target=participants._ref(other),
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
