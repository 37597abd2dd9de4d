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
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields, is_dataclass, replace
from functools import partial
from itertools import islice
from typing import Any, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from tiegraph import versions as tiegraph_versions
from tiegraph.config import BATCH_SIZE, MAX_DOC_CHARS
from tiegraph.extract import characterizations, claims, events, quotes
from tiegraph.extract.context import DocContext
from tiegraph.ingest.bounds import bound_text, doc_time_budget
from tiegraph.ingest.clean import clean_plain_text
from tiegraph.ingest.dedup import Deduper
from tiegraph.ingest.html import HtmlError, extract_html, host_of
from tiegraph.ingest.metadata import detect_language, infer_year_from_text
from tiegraph.ingest.readers import RawInput, normalise_date
from tiegraph.model import Document, ExtractionRecord, Span, stable_id
from tiegraph.nlp.pipeline import PART_CHARS, load_nlp, model_version, part_bounds
from tiegraph.nlp.syntax import doc_text, seed_doc_text
from tiegraph.nlp.timex import find_timexes
from tiegraph.resolve.actors import resolve_actors


def doc_id_for(text: str) -> str:
    """Hash of the normalised clean text: the same article gets the same id anywhere."""
    norm = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().lower()
    return hashlib.sha1(norm.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _precision_of(iso: str | None) -> str:
    if not iso:
        return "unknown"
    return {4: "year", 7: "month", 10: "day"}.get(len(iso), "day")


def prepare(raw: RawInput, today: dt.date | None = None) -> Document | ExtractionRecord:
    """Clean a raw input into a Document, or a failure record that names the reason."""
    return prepare_noted(raw, today)[0]


def prepare_noted(
    raw: RawInput, today: dt.date | None = None
) -> tuple[Document | ExtractionRecord, list[dict[str, str]]]:
    """`prepare`, plus the non-fatal errors to attach to the record (a cut document)."""
    meta = dict(raw.meta)
    if raw.error is not None or (raw.text is None and raw.html is None):
        return failure_record(raw.source, raw.error or "no text", meta), []
    body = raw.text or ""
    if raw.html is not None:
        try:
            page = extract_html(raw.html, url=meta.get("url"))
        except HtmlError as exc:
            return failure_record(raw.source, str(exc), meta), []
        body = page.text
        meta = {**page.meta(), **{k: v for k, v in meta.items() if v}}
    notes: list[dict[str, str]] = []
    body, cut_raw = cut_text(body, 2 * MAX_DOC_CHARS)  # bounds the cleaner's work too
    cleaned = clean_plain_text(body, extracted=raw.html is not None)
    text = cleaned.text.strip()
    if not text:
        return failure_record(raw.source, "no article text left after cleaning", meta), []
    n_chars = len(text)
    text, cut_clean = cut_text(text, MAX_DOC_CHARS)
    if cut_raw or cut_clean:
        size = f"more than {2 * MAX_DOC_CHARS:,}" if cut_raw else f"{n_chars:,}"
        notes.append(
            {
                "source": raw.source,
                "error": f"document too large: {size} characters > limit {MAX_DOC_CHARS:,}; "
                f"cut to the first {len(text):,} (set TIEGRAPH_MAX_DOC_CHARS to raise it)",
                "kind": "truncated",
            }
        )
    bounded = bound_text(text)
    if (note := bounded.note()) is not None:
        text = bounded.text
        notes.append({"source": raw.source, "error": note, "kind": "truncated"})
    published, prec = _published(meta, cleaned.published, cleaned.published_precision)
    anchor, anchor_source = published, "published" if published else None
    if not anchor and meta.get("crawled"):
        anchor, anchor_source = str(meta["crawled"]), "crawl date"
    if not anchor:
        year = infer_year_from_text(text, (today or dt.date.today()).year)
        if year:
            anchor, anchor_source = year, "year named in text"
    lang, conf = detect_language(text)
    doc = Document(
        doc_id=str(meta.get("id") or doc_id_for(text)),
        source=raw.source,
        text=text,
        title=meta.get("title") or cleaned.title,
        url=meta.get("url"),
        publisher=meta.get("publisher") or host_of(meta.get("url")),
        author=meta.get("author"),
        published=published,
        published_precision=prec,
        anchor_date=anchor,
        anchor_source=anchor_source,
        language=lang,
        language_confidence=round(conf, 3),
        raw_ref=raw.source,
        dropped_lines=len(cleaned.dropped),
    )
    return doc, notes


def _published(meta: dict, text_date: str | None, text_prec: str) -> tuple[str | None, str]:
    """Publication date and precision: the input's metadata first, then the text's date lines."""
    given = meta.get("published")
    if given:
        norm = normalise_date(given)
        if norm:
            return norm[0], meta.get("published_precision") or norm[1]
    if text_date:
        return text_date, text_prec
    return None, "unknown"


def cut_text(text: str, limit: int) -> tuple[str, bool]:
    """`text` cut to at most `limit` characters at a paragraph (else line, else word) break."""
    if len(text) <= limit:
        return text, False
    head = text[:limit]
    for sep in ("\n\n", "\n", " "):
        at = head.rfind(sep)
        if at > limit // 2:
            return head[:at].rstrip(), True
    return head, True


def failure_record(
    source: str, reason: str, meta: dict | None = None, kind: str = "failed"
) -> ExtractionRecord:
    meta = meta or {}
    doc = Document(
        doc_id=doc_id_for("failed:" + source),
        source=source,
        text="",
        raw_ref=source,
        url=meta.get("url"),
        title=meta.get("title"),
    )
    return ExtractionRecord(
        doc=doc, errors=[{"source": source, "error": reason, "kind": kind}], versions=versions()
    )


def versions(nlp: Language | None = None) -> dict[str, str]:
    """Record versions (tiegraph.versions), with the model's when one is loaded."""
    return tiegraph_versions.versions(model_version(nlp) if nlp is not None else None)


_clock = time.monotonic  # the budget's clock (tests substitute one that counts)


class OverBudget(Exception):
    """A document used up its time budget; it is recorded as a failure, the run goes on."""


class Budget:
    """Time spent on one document, checked between stages (every stage is bounded in
    work, so a check between them is reached; no stage is interrupted midway)."""

    def __init__(self, seconds: float, spent: float = 0.0) -> None:
        self.seconds = seconds
        self.started = _clock() - spent

    def spent(self) -> float:
        return _clock() - self.started

    def check(self, stage: str) -> None:
        if (spent := self.spent()) > self.seconds:
            raise OverBudget(
                f"over the time budget: {spent:,.1f} s > {self.seconds:,.1f} s "
                f"(TIEGRAPH_DOC_TIME_BUDGET) after {stage}; document skipped"
            )


def extract_record(
    document: Document, sdoc: Doc, nlp: Language, budget: Budget | None = None
) -> ExtractionRecord:
    """All extractions for one parsed document; `budget` is checked after each stage."""

    def check(stage: str) -> None:
        if budget is not None:
            budget.check(stage)

    anchor = document.anchor_date
    anchor_prec = _precision_of(anchor)
    seed_doc_text(sdoc, document.text)
    index = resolve_actors(sdoc, nlp, anchor)
    check("actors")
    timexes = find_timexes(doc_text(sdoc), anchor)
    check("time expressions")
    ctx = DocContext(
        doc=sdoc,
        document=document,
        anchor=anchor,
        anchor_precision=anchor_prec,
        actors=index,
        timexes=timexes,
    )
    qs = quotes.extract_quotes(ctx)
    check("quotes")
    found_events = events.extract_events(ctx)
    check("events")
    found_claims = claims.extract_claims(ctx, qs)
    check("claims")
    found_chars = characterizations.extract_characterizations(ctx, qs)
    check("characterizations")
    text = doc_text(sdoc)
    record = ExtractionRecord(
        doc=document,
        actors=[a for a in index.actors.values() if a.kind != "none"],
        mentions=index.mentions,
        events=found_events,
        quotes=qs,
        claims=found_claims,
        characterizations=found_chars,
        # slices of the text: spaCy's Span.text joins the span's tokens again
        sentences=[
            Span(s.start_char, s.end_char, text[s.start_char : s.end_char]) for s in sdoc.sents
        ],
        entities=[
            {
                "start": e.start_char,
                "end": e.end_char,
                "text": text[e.start_char : e.end_char],
                "label": e.label_,
            }
            for e in sdoc.ents
        ],
        versions=versions(nlp),
    )
    return record


T = TypeVar("T")


def shifted(obj: T, by: int) -> T:
    """`obj` with every Span in it (in dataclasses and lists, at any depth) moved by `by`."""
    out: Any = obj
    if isinstance(obj, Span):
        out = Span(obj.start + by, obj.end + by, obj.text)
    elif isinstance(obj, list):
        out = [shifted(x, by) for x in obj]
    elif is_dataclass(obj) and not isinstance(obj, type):
        changes = {f.name: shifted(getattr(obj, f.name), by) for f in fields(obj) if f.init}
        out = replace(obj, **changes)
    return out


def merge_part(into: ExtractionRecord, part: ExtractionRecord, start: int) -> None:
    """Add the record of the part starting at character `start` to the whole's record.

    Offsets move to the whole text; an actor met in several parts is listed once (its id
    is derived from its name and code, so every part gives it the same id).
    """
    known = {a.actor_id: a for a in into.actors}
    for actor in part.actors:
        if actor.actor_id not in known:
            known[actor.actor_id] = actor
            into.actors.append(actor)
        else:
            have = known[actor.actor_id].aliases
            have.extend(x for x in actor.aliases if x not in have)
    into.mentions.extend(shifted(part.mentions, start))
    into.events.extend(shifted(part.events, start))
    into.quotes.extend(shifted(part.quotes, start))
    into.claims.extend(shifted(part.claims, start))
    into.characterizations.extend(shifted(part.characterizations, start))
    into.sentences.extend(shifted(part.sentences, start))
    into.entities.extend(
        {**e, "start": e["start"] + start, "end": e["end"] + start} for e in part.entities
    )
    into.errors.extend(e for e in part.errors if e not in into.errors)


def extract_in_parts(
    document: Document, nlp: Language, budget: Budget | None = None
) -> ExtractionRecord:
    """The record of a document over PART_CHARS, parsed and extracted part by part.

    The parts (cut at paragraph or sentence breaks, `nlp.pipeline.part_bounds`) stream
    through `nlp.pipe` one at a time, so work grows linearly with the length and only
    one part's parse is held at once. Offsets in the record are the whole text's. A part
    has its own id (the document's for the first part, one derived from it for the
    others) so that ids made from the id and an offset stay distinct across parts.
    What spans two parts is lost: a pronoun whose antecedent, or a "that year" whose
    date, lies in the previous part.
    """
    bounds = part_bounds(document.text)
    record = ExtractionRecord(doc=document, versions=versions(nlp))
    texts = ((document.text[a:b], (k, a)) for k, (a, b) in enumerate(bounds))
    for sdoc, (k, start) in nlp.pipe(texts, as_tuples=True, batch_size=1):
        doc_id = document.doc_id if k == 0 else stable_id(document.doc_id, "part", k)
        part = replace(document, doc_id=doc_id, text=sdoc.text)
        merge_part(record, extract_record(part, sdoc, nlp, budget), start)
        if budget is not None:
            budget.check(f"part {k + 1} of {len(bounds)}")
    return record


def safe_prepare(
    raw: RawInput, today: dt.date | None = None
) -> tuple[Document | ExtractionRecord, list[dict[str, str]]]:
    """`prepare_noted` that turns an unexpected exception into a failure record."""
    try:
        return prepare_noted(raw, today)
    except Exception as exc:  # a cleaner bug on odd input must not sink the run
        return failure_record(raw.source, f"preparation failed: {exc!r}", raw.meta), []


def _timed_prepare(
    raw: RawInput, seconds: float
) -> tuple[Document | ExtractionRecord, list[dict[str, str]], float]:
    """`safe_prepare` plus the time it took; over the budget the document is a failure."""
    budget = Budget(seconds)
    p, notes = safe_prepare(raw)
    try:
        budget.check("cleaning")
    except OverBudget as exc:
        return failure_record(raw.source, str(exc), raw.meta), [], budget.spent()
    return p, notes, budget.spent()


def mark_duplicate(doc: Document, dedup: Deduper) -> str | None:
    """Set `duplicate_of` when an earlier document has the same or nearly the same text;
    returns a note when the document's given id was already taken by another text.

    Two inputs with the same given id (a JSONL `id`) and different texts are both kept:
    the later one gets an id derived from the given id and its text (so re-runs agree),
    and the conflict is noted on its record instead of it being dropped as "present".

    An exact copy from another source would share the first copy's id; it gets its own
    (derived from the first id and its source, so re-runs agree) to be recorded next to
    it. The same document met again (same id from the same source, in this run or in the
    store the deduper was seeded from) is left as it is: the store skips it.
    """
    text_hash = doc_id_for(doc.text)
    note = None
    taken = dedup.text_hash(doc.doc_id)
    if taken is not None and taken != text_hash:
        given = doc.doc_id
        doc.doc_id = stable_id(given, "variant", text_hash)
        note = (
            f"id {given!r} is already used by a different text (first from "
            f"{dedup.origin(given)}); kept under id {doc.doc_id!r}"
        )
    first = dedup.check(doc.doc_id, text_hash, doc.text, doc.source)
    if first is None:
        return note
    if first == doc.doc_id and dedup.origin(first) == doc.source:
        return note
    doc.duplicate_of = first
    if doc.doc_id == first:
        doc.doc_id = stable_id(first, "copy", doc.source)
    return note


def _parse(nlp: Language, docs: list[Document], batch_size: int) -> dict[int, Doc | Exception]:
    """spaCy docs by id(document); one bad document falls back to parsing its batch one by one."""
    todo = [(d.text, d) for d in docs]
    try:
        return {id(d): sd for sd, d in nlp.pipe(todo, as_tuples=True, batch_size=batch_size)}
    except Exception:
        out: dict[int, Doc | Exception] = {}
        for text, d in todo:
            try:
                out[id(d)] = nlp(text)
            except Exception as exc:
                out[id(d)] = exc
        return out


def _extract_guarded(
    doc: Document, nlp: Language, run: Callable[[], ExtractionRecord]
) -> ExtractionRecord:
    """`run()`, or a record of the failure: over the time budget, or an extractor bug
    (which must not sink the run)."""
    try:
        return run()
    except OverBudget as exc:
        reason = str(exc)
    except Exception as exc:
        reason = f"extraction failed: {exc!r}"
    rec = ExtractionRecord(doc=doc, versions=versions(nlp))
    rec.errors.append({"source": doc.source, "error": reason, "kind": "failed"})
    return rec


def _skip_reason(doc: Document) -> str:
    return f"language {doc.language!r} is not English: recorded, not parsed"


def process(
    inputs: Iterable[RawInput],
    nlp: Language | None = None,
    batch_size: int = BATCH_SIZE,
    dedup: Deduper | None = None,
    skip: Callable[[Document], bool] | None = None,
) -> Iterator[ExtractionRecord]:
    """Stream records for `inputs`, in input order, parsing in batches with nlp.pipe.

    Duplicates (exact or near, within the run and against whatever `dedup` was seeded
    with) are parsed and recorded like any document, with `duplicate_of` set.
    `skip(doc)` true means the document is already done (e.g. stored by an earlier,
    interrupted run): it is yielded without rows and not parsed again.
    """
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch size {batch_size!r}: must be a whole number of 1 or more")
    seconds = doc_time_budget()
    nlp = nlp or load_nlp()
    dedup = dedup if dedup is not None else Deduper()
    it = iter(inputs)
    while True:
        chunk = list(islice(it, batch_size))
        if not chunk:
            return
        timed = [_timed_prepare(r, seconds) for r in chunk]
        spent = {id(p): t for p, _, t in timed}
        prepared = [(p, notes) for p, notes, _ in timed]
        for p, notes in prepared:
            if isinstance(p, Document):
                try:
                    if (conflict := mark_duplicate(p, dedup)) is not None:
                        notes.append({"source": p.source, "error": conflict, "kind": "warning"})
                except Exception as exc:  # best effort: a dedup bug must not sink the run
                    notes.append(
                        {
                            "source": p.source,
                            "error": f"duplicate check failed: {exc!r}",
                            "kind": "warning",
                        }
                    )
        done = {id(p) for p, _ in prepared if isinstance(p, Document) and skip and skip(p)}
        english = [
            p
            for p, _ in prepared
            if isinstance(p, Document) and p.language == "en" and id(p) not in done
        ]
        long = {id(p) for p in english if len(p.text) > PART_CHARS}  # parsed in parts below
        parsed = _parse(nlp, [p for p in english if id(p) not in long], batch_size)
        for p, notes in prepared:
            if isinstance(p, ExtractionRecord):
                yield p
                continue
            if id(p) in done:
                yield ExtractionRecord(doc=p, errors=notes, versions=versions(nlp))
                continue
            sdoc = parsed.get(id(p))
            budget = Budget(seconds, spent[id(p)])
            if id(p) in long:
                rec = _extract_guarded(p, nlp, partial(extract_in_parts, p, nlp, budget))
            elif sdoc is None:
                rec = ExtractionRecord(doc=p, versions=versions(nlp))
                rec.errors.append({"source": p.source, "error": _skip_reason(p), "kind": "skipped"})
            elif isinstance(sdoc, Exception):
                rec = ExtractionRecord(doc=p, versions=versions(nlp))
                rec.errors.append(
                    {"source": p.source, "error": f"parsing failed: {sdoc!r}", "kind": "failed"}
                )
            else:
                rec = _extract_guarded(p, nlp, partial(extract_record, p, sdoc, nlp, budget))
            rec.errors.extend(notes)
            yield rec
