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

from tiegraph.extract.context import DocContext
from tiegraph.extract.events import discourse, nominal, verbal
from tiegraph.extract.events.occurrences import fold_occurrences
from tiegraph.extract.events.rules import lexicon
from tiegraph.model import Event

__all__ = ["VERSION", "extract_events", "lexicon"]

VERSION = "events-0.4"


def extract_events(ctx: DocContext, min_confidence: float = 0.0) -> list[Event]:
    """All events of a document, one row per occurrence (trigger, type, polarity, date)
    with its other participants in `also_sources`/`also_targets`, in text order."""
    events = (
        verbal.verbal_events(ctx)
        + verbal._fragment_events(ctx, lexicon())
        + nominal.nominal_events(ctx)
    )
    events += discourse._repeated(ctx, events)
    events += discourse._context_targets(ctx, events)
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
