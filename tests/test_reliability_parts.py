"""Over-long documents are parsed and extracted in parts: work linear in the length.

The extractors relate each finding to its sentence by walking the document's sentences,
which is quadratic in one long parse; `extract_in_parts` bounds every parse and every
extraction to `PART_CHARS`. Counted here: the number and size of the parts and of the
texts handed to the extractors, never the time. Offsets must be the whole text's.
"""

from __future__ import annotations

from tiegraph import pipeline
from tiegraph.ingest.readers import RawInput
from tiegraph.model import Document
from tiegraph.nlp.pipeline import part_bounds

STORY = [
    "North Korea fired a ballistic missile into the sea on Tuesday, South Korea's military said.",
    "Japan's prime minister condemned the launch and said Tokyo had lodged a protest with Pyongyang.",
    "The United States urged North Korea to return to talks, a State Department spokesman said.",
    "In March 2019, China criticised the sanctions imposed by the United Nations on Pyongyang.",
    '"We will respond firmly to any provocation," the South Korean defence minister told reporters.',
    "Russia and China vetoed a resolution at the Security Council in May 2022.",
]


def _text(n_paragraphs: int) -> str:
    paras = [
        f"In part {i + 1}, " + " ".join(STORY[i % 6 :] + STORY[: i % 6])
        for i in range(n_paragraphs)
    ]
    return "Missile launch draws protests from Tokyo and Washington\n\n" + "\n\n".join(paras)


def test_part_bounds_cover_the_text_and_cut_at_breaks():
    text = _text(40)
    bounds = part_bounds(text, 2000)
    assert "".join(text[a:b] for a, b in bounds) == text
    assert all(b - a <= 2000 for a, b in bounds)
    assert all(text[a - 2 : a] == "\n\n" for a, _ in bounds[1:])  # paragraph breaks first
    one_paragraph = " ".join(STORY * 30)
    cuts = [a for a, _ in part_bounds(one_paragraph, 1500)[1:]]
    assert cuts and all(one_paragraph[a - 2] == "." for a in cuts)  # then sentence ends
    assert part_bounds("x" * 50, 20) == [(0, 20), (20, 40), (40, 50)]  # else hard cuts


def test_parts_grow_linearly_with_the_length():
    """Twice the text, twice the parts, and no part above the size."""
    small, large = _text(100), _text(200)
    n_small, n_large = len(part_bounds(small, 3000)), len(part_bounds(large, 3000))
    assert n_large <= 2 * n_small + 1
    assert max(b - a for a, b in part_bounds(large, 3000)) <= 3000


def _doc(text: str) -> Document:
    return Document(doc_id="d1", source="long.txt", text=text, anchor_date="2024-05-01",
                    published="2024-05-01", published_precision="day", language="en")  # fmt: skip


def test_extract_in_parts_keeps_whole_text_offsets(nlp, monkeypatch):
    monkeypatch.setattr(pipeline, "part_bounds", lambda t: part_bounds(t, 1500))
    seen: list[int] = []
    real = pipeline.extract_record

    def counting(document, sdoc, nlp_, budget=None):
        seen.append(len(sdoc.text))
        return real(document, sdoc, nlp_, budget)

    monkeypatch.setattr(pipeline, "extract_record", counting)
    doc = _doc(_text(12))
    rec = pipeline.extract_in_parts(doc, nlp)
    assert len(seen) > 3 and max(seen) <= 1500  # every parse and extraction bounded
    assert rec.events and rec.quotes and rec.mentions
    text = doc.text
    for span in rec.sentences + [m.span for m in rec.mentions]:
        assert text[span.start : span.end] == span.text
    for e in rec.events:
        assert text[e.evidence.start : e.evidence.end] == e.evidence.text
        assert text[e.trigger.start : e.trigger.end] == e.trigger.text
    for q in rec.quotes:
        assert text[q.span.start : q.span.end] == q.span.text
    for ent in rec.entities:
        assert text[ent["start"] : ent["end"]] == ent["text"]
    assert rec.sentences[-1].end <= len(text) and rec.sentences[0].start == 0
    ids = [e.event_id for e in rec.events]
    assert len(ids) == len(set(ids))  # ids stay distinct across parts
    actor_ids = [a.actor_id for a in rec.actors]
    assert len(actor_ids) == len(set(actor_ids))  # an actor met in many parts is listed once


def test_process_parses_long_documents_in_parts_and_short_ones_whole(nlp, monkeypatch):
    monkeypatch.setattr(pipeline, "PART_CHARS", 1500)
    calls: list[str] = []
    real = pipeline.extract_in_parts
    monkeypatch.setattr(
        pipeline,
        "extract_in_parts",
        lambda d, n, b=None: calls.append(d.source) or real(d, n, b),
    )
    short = " ".join(STORY)
    inputs = [
        RawInput(source="long.txt", text=_text(12), meta={"published": "2024-05-01"}),
        RawInput(source="short.txt", text=short, meta={"published": "2024-05-01"}),
    ]
    records = list(pipeline.process(inputs, nlp=nlp))
    assert calls == ["long.txt"]
    assert all(not r.errors for r in records)
    whole = pipeline.extract_record(records[1].doc, nlp(records[1].doc.text), nlp)
    assert records[1].to_dict() == whole.to_dict()  # a short document: one parse, as before
