"""The pipeline: raw input -> clean Document -> spaCy -> actors -> extractions -> record.

`prepare` and `extract_record` are pure functions of their inputs plus the
versioned resources; `process` streams inputs through `nlp.pipe` in batches so
memory stays flat whatever the corpus size. The same functions run in-process,
in a process pool or inside a Dask worker.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from tiegraph import __version__, resources
from tiegraph.config import BATCH_SIZE
from tiegraph.extract import characterizations, claims, events, quotes
from tiegraph.extract.context import DocContext
from tiegraph.ingest.clean import clean_plain_text
from tiegraph.ingest.metadata import detect_language, infer_year_from_text
from tiegraph.ingest.readers import RawInput
from tiegraph.model import Document, ExtractionRecord, Span
from tiegraph.nlp.pipeline import load_nlp, model_version
from tiegraph.nlp.timex import find_timexes
from tiegraph.resolve.actors import resolve_actors


def doc_id_for(text: str) -> str:
    """Hash of the normalised clean text: the same article gets the same id anywhere."""
    norm = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().lower()
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]


def _precision_of(iso: str | None) -> str:
    if not iso:
        return "unknown"
    return {4: "year", 7: "month", 10: "day"}.get(len(iso), "day")


def prepare(raw: RawInput, today: dt.date | None = None) -> Document | ExtractionRecord:
    """Clean a raw input into a Document, or a failure record that names the reason."""
    if raw.error is not None or raw.text is None:
        return failure_record(raw.source, raw.error or "no text")
    cleaned = clean_plain_text(raw.text)
    text = cleaned.text.strip()
    if not text:
        return failure_record(raw.source, "no article text left after cleaning")
    meta = raw.meta
    published = meta.get("published") or cleaned.published
    if published:
        published = str(published)[:10]
    prec = (
        _precision_of(published)
        if meta.get("published")
        else (cleaned.published_precision if published else "unknown")
    )
    anchor, anchor_source = published, "published" if published else None
    if not anchor:
        year = infer_year_from_text(text, (today or dt.date.today()).year)
        if year:
            anchor, anchor_source = year, "year named in text"
    lang, conf = detect_language(text)
    return Document(
        doc_id=str(meta.get("id") or doc_id_for(text)),
        source=raw.source,
        text=text,
        title=meta.get("title") or cleaned.title,
        url=meta.get("url"),
        publisher=meta.get("publisher"),
        published=published,
        published_precision=prec,
        anchor_date=anchor,
        anchor_source=anchor_source,
        language=lang,
        language_confidence=round(conf, 3),
        raw_ref=raw.source,
        dropped_lines=len(cleaned.dropped),
    )


def failure_record(source: str, reason: str) -> ExtractionRecord:
    doc = Document(doc_id=doc_id_for("failed:" + source), source=source, text="", raw_ref=source)
    return ExtractionRecord(
        doc=doc, errors=[{"source": source, "error": reason}], versions=versions()
    )


def versions(nlp: Language | None = None) -> dict[str, str]:
    v = {
        "tiegraph": __version__,
        "data": resources.data_version(),
        "events": events.VERSION,
        "quotes": quotes.VERSION,
        "claims": claims.VERSION,
        "characterizations": characterizations.VERSION,
    }
    if nlp is not None:
        v["model"] = model_version(nlp)
    return v


def extract_record(document: Document, sdoc: Doc, nlp: Language) -> ExtractionRecord:
    """All extractions for one parsed document."""
    anchor = document.anchor_date
    anchor_prec = _precision_of(anchor)
    index = resolve_actors(sdoc, nlp, anchor)
    ctx = DocContext(
        doc=sdoc,
        document=document,
        anchor=anchor,
        anchor_precision=anchor_prec,
        actors=index,
        timexes=find_timexes(sdoc.text, anchor),
    )
    qs = quotes.extract_quotes(ctx)
    record = ExtractionRecord(
        doc=document,
        actors=[a for a in index.actors.values() if a.kind != "none"],
        mentions=index.mentions,
        events=events.extract_events(ctx),
        quotes=qs,
        claims=claims.extract_claims(ctx, qs),
        characterizations=characterizations.extract_characterizations(ctx, qs),
        sentences=[Span(s.start_char, s.end_char, s.text) for s in sdoc.sents],
        entities=[
            {"start": e.start_char, "end": e.end_char, "text": e.text, "label": e.label_}
            for e in sdoc.ents
        ],
        versions=versions(nlp),
    )
    return record


def process(
    inputs: Iterable[RawInput],
    nlp: Language | None = None,
    batch_size: int = BATCH_SIZE,
) -> Iterator[ExtractionRecord]:
    """Stream records for `inputs`, in input order, parsing in batches with nlp.pipe."""
    nlp = nlp or load_nlp()
    it = iter(inputs)
    while True:
        chunk = list(islice(it, batch_size))
        if not chunk:
            return
        prepared = [prepare(r) for r in chunk]
        todo = [(p.text, p) for p in prepared if isinstance(p, Document) and p.language == "en"]
        parsed = {
            id(doc): sdoc for sdoc, doc in nlp.pipe(todo, as_tuples=True, batch_size=batch_size)
        }
        for p in prepared:
            if isinstance(p, ExtractionRecord):
                yield p
            elif id(p) in parsed:
                try:
                    yield extract_record(p, parsed[id(p)], nlp)
                except Exception as exc:  # an extractor bug must not sink the run
                    rec = ExtractionRecord(doc=p, versions=versions(nlp))
                    rec.errors.append({"source": p.source, "error": f"extraction failed: {exc!r}"})
                    yield rec
            else:
                rec = ExtractionRecord(doc=p, versions=versions(nlp))
                rec.errors.append(
                    {
                        "source": p.source,
                        "error": f"language {p.language!r} is not English: recorded, not parsed",
                    }
                )
                yield rec
