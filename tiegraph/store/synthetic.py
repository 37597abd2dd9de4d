"""Synthetic extraction records for store tests and benchmarks (no spaCy needed).

`synthetic_record(i)` builds a small, self-consistent record: a text of short
sentences, actors with mentions, events whose trigger and evidence spans point
into that text, a quote, a claim and a characterisation. Deterministic in `i`
and `seed`, so the same call yields the same doc_id and row ids.
"""

from __future__ import annotations

import random

from tiegraph.model import (
    Actor,
    ActorRef,
    Characterization,
    Claim,
    Document,
    Event,
    ExtractionRecord,
    Mention,
    Quote,
    Span,
    Speaker,
    stable_id,
)

COUNTRIES = {
    "KOR": "South Korea",
    "USA": "United States",
    "PRK": "North Korea",
    "CHN": "China",
    "JPN": "Japan",
    "RUS": "Russia",
}
# (PLOVER type, verb, CAMEO, Goldstein, QuadClass)
ACTIONS = [
    ("CONSULT", "met", "040", 1.0, 1),
    ("AGREE", "agreed with", "030", 4.0, 1),
    ("AID", "sent aid to", "070", 7.0, 2),
    ("COOPERATE", "trained with", "060", 6.0, 2),
    ("ACCUSE", "accused", "112", -2.0, 3),
    ("THREATEN", "threatened", "130", -4.4, 3),
    ("SANCTION", "sanctioned", "163", -8.0, 4),
    ("ASSAULT", "shelled", "190", -10.0, 4),
]


def synthetic_record(
    i: int,
    events: int = 4,
    seed: int = 0,
    countries: dict[str, str] | None = None,
    years: tuple[int, int] = (1990, 2025),
    dyad: tuple[str, str] | None = None,
) -> ExtractionRecord:
    """One document with `events` events; with `dyad`, every event is between those two."""
    rng = random.Random(f"{seed}:{i}")
    names = countries or COUNTRIES
    codes = sorted(names)
    year = rng.randint(*years)
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    sentences: list[str] = [f"Report number {i} from {year}."]
    evs: list[tuple[str, str, tuple, int]] = []  # (src, tgt, action, sentence index)
    for _ in range(events):
        a, b = dyad if dyad else rng.sample(codes, 2)
        if dyad and rng.random() < 0.5:
            a, b = b, a
        act = rng.choice(ACTIONS)
        evs.append((a, b, act, len(sentences)))
        sentences.append(f"{names[a]} {act[1]} {names[b]} on day {rng.randint(1, 365)}.")
    a0, b0 = evs[0][0], evs[0][1]
    quote_sentence = len(sentences)
    sentences.append(f'"We want peace," said the {names[a0]} envoy about {names[b0]}.')
    claim_sentence = len(sentences)
    troops = rng.choice([28500, 37500, 40000])
    ranged = i % 4 == 3  # some figures are ranges: value .. value_high
    high = troops + 1500 if ranged else None
    figure = f"{troops} to {high}" if ranged else str(troops)
    sentences.append(f"The {names[a0]} keeps {figure} troops in {names[b0]}.")
    char_sentence = len(sentences)
    sentences.append(f"Officials call the tie with {names[b0]} an ironclad alliance.")
    text = " ".join(sentences)
    starts, pos = [], 0
    for s in sentences:
        starts.append(pos)
        pos += len(s) + 1

    def sent(k: int) -> Span:
        return Span(starts[k], starts[k] + len(sentences[k]), sentences[k])

    def find(k: int, needle: str) -> Span:
        at = starts[k] + sentences[k].index(needle)
        return Span(at, at + len(needle), needle)

    doc_id = stable_id("synthetic", seed, i)
    used = sorted({c for e in evs for c in e[:2]})
    actors = [Actor(f"a{c}", names[c], "state", c, None, c) for c in used]
    mentions = [Mention(f"a{e[0]}", find(e[3], names[e[0]]), "name") for e in evs]
    event_rows = []
    for n, (a, b, act, k) in enumerate(evs):
        ptype, verb, cameo, gold, quad = act
        event_rows.append(
            Event(
                event_id=stable_id(doc_id, "e", n),
                source=ActorRef(f"a{a}", a, a, names[a]),
                target=ActorRef(f"a{b}", b, b, names[b]),
                type=ptype,
                mode=None,
                cameo=cameo,
                goldstein=gold,
                quad_class=quad,
                polarity="negated" if n % 7 == 6 else "asserted",
                modality="actual",
                date=date,
                date_precision="day",
                date_source=find(0, str(year)) if n % 2 else "publication",
                location=None,
                trigger=find(k, verb),
                evidence=sent(k),
                confidence=0.5 + (n % 5) / 10,
                rule=f"synthetic:{ptype.lower()}",
            )
        )
    qspan = find(quote_sentence, "We want peace,")
    quote = Quote(
        quote_id=stable_id(doc_id, "q"),
        kind="direct",
        text=qspan.text,
        span=qspan,
        cue="said",
        speaker=Speaker(f"{names[a0]} envoy", f"a{a0}", a0, f"{a0}GOV", "envoy", None),
        about=[b0],
        evidence=sent(quote_sentence),
    )
    claim = Claim(
        claim_id=stable_id(doc_id, "c"),
        subject=[a0],
        location=b0,
        measure="troops_stationed",
        value=float(troops),
        unit="people",
        qualifier=None,
        as_of=str(year),
        as_of_precision="year",
        # dated by the year in the first sentence, or (odd documents) by the publication date
        as_of_source="publication" if i % 2 else find(0, str(year)),
        value_high=float(high) if high else None,
        asserted_by=None,
        evidence=sent(claim_sentence),
    )
    cspan = find(char_sentence, "ironclad")
    char = Characterization(
        char_id=stable_id(doc_id, "h"),
        dyad=sorted([a0, b0]),
        phrase="ironclad",
        tone=0.8,
        speaker=None,
        span=cspan,
        evidence=sent(char_sentence),
    )
    doc = Document(
        doc_id=doc_id,
        source=f"synthetic/{seed}/{i}.txt",
        text=text,
        title=sentences[0],
        published=date,
        published_precision="day",
        anchor_date=date,
        anchor_source="published",
        language="en",
    )
    return ExtractionRecord(
        doc=doc,
        actors=actors,
        mentions=mentions,
        events=event_rows,
        quotes=[quote],
        claims=[claim],
        characterizations=[char],
        sentences=[sent(k) for k in range(len(sentences))],
        versions={"tiegraph": "synthetic", "events": "synthetic", "claims": "synthetic"},
    )
