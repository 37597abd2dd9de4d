"""The store over SQLAlchemy: one implementation for SQLite (default) and PostgreSQL.

The store knows records, not spaCy. Writing is idempotent and crash-safe:
records are written a batch of documents per transaction; a document already
stored (same doc_id) is skipped, every child row has a key that makes a repeat
insert a no-op, and a failed input is recorded once per source and reason. A
run killed at any moment (kill -9) leaves whole documents only, and the next
run skips what was committed and stores the rest.

SQLite runs in WAL mode (readers never block the writer) with an FTS5 index
over sentences; PostgreSQL goes through psycopg 3 and its own full-text search.
The schema is created and upgraded by Alembic migrations on open.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import os
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from tiegraph.model import ExtractionRecord, Span
from tiegraph.store import schema as S

WRITE_BATCH = int(os.environ.get("TIEGRAPH_STORE_BATCH", "16"))
ANALYZE_AFTER = 500  # documents stored by one add_records call before statistics are refreshed


# -- URLs ------------------------------------------------------------------------


def normalize_url(target: str | Path) -> str:
    """A path or URL -> a SQLAlchemy URL (psycopg 3 for PostgreSQL)."""
    s = re.sub(r"^(postgres(?:ql)?(?:\+\w+)?):/(?!/)", r"\1://", str(target))  # Path() ate a /
    if s.startswith(("postgres://", "postgresql://")):
        return "postgresql+psycopg://" + s.split("://", 1)[1]
    if s.startswith(("postgresql+", "sqlite:")):
        return s
    if "://" in s:
        raise RuntimeError(f"unsupported store URL {s!r}: use a file path or postgresql://")
    return "sqlite:///" + str(Path(s))


def _display(url: str) -> str:
    u = make_url(url)
    return u.database or "" if u.get_backend_name() == "sqlite" else u.render_as_string()


# -- record -> rows (pure) ---------------------------------------------------------


def _refs_json(refs: list) -> str | None:
    """An event's other participants as a JSON array of actor refs (None when empty)."""
    return json.dumps([r.to_dict() for r in refs], ensure_ascii=False) if refs else None


def _span_json(s: Span | str | None) -> str | None:
    """A provenance field (a span, or a label such as "publication") as JSON text."""
    if s is None:
        return None
    return json.dumps(s.to_dict() if isinstance(s, Span) else s, ensure_ascii=False)


def decode_source(value: Any) -> Any:
    """The stored JSON of `date_source`/`as_of_source` back to a span dict or a label."""
    if not isinstance(value, str) or not value:
        return value or None
    try:
        return json.loads(value)
    except ValueError:  # a bare label written by hand
        return value


def record_rows(rec: ExtractionRecord) -> dict[str, list[dict[str, Any]]]:
    """Rows of every table for one stored document, keyed by table name."""
    d, v = rec.doc, rec.versions
    doc_id = d.doc_id
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    rows["documents"].append(
        {
            "doc_id": doc_id,
            "source": d.source,
            "url": d.url,
            "title": d.title,
            "publisher": d.publisher,
            "published": d.published,
            "published_precision": d.published_precision,
            "anchor_date": d.anchor_date,
            "anchor_source": d.anchor_source,
            "language": d.language,
            "text": d.text,
            "duplicate_of": d.duplicate_of,
            "versions": json.dumps(v),
            "record": json.dumps(rec.to_dict(), ensure_ascii=False),
        }
    )
    for a in rec.actors:
        rows["actors"].append(
            {
                "doc_id": doc_id,
                "actor_id": a.actor_id,
                "name": a.name,
                "kind": a.kind,
                "country": a.country,
                "sector": a.sector,
                "code": a.code,
                "role": a.role,
                "aliases": json.dumps(a.aliases, ensure_ascii=False),
            }
        )
    for n, m in enumerate(rec.mentions):
        rows["mentions"].append(
            {
                "doc_id": doc_id,
                "n": n,
                "actor_id": m.actor_id,
                "span_start": m.span.start,
                "span_end": m.span.end,
                "text": m.span.text,
                "via": m.via,
            }
        )
    for e in rec.events:
        src, tgt = e.source, e.target
        rows["events"].append(
            {
                "event_id": e.event_id,
                "doc_id": doc_id,
                "source_actor_id": src and src.actor_id,
                "source_code": src and src.code,
                "source_country": src and src.country,
                "source_name": src and src.name,
                "target_actor_id": tgt and tgt.actor_id,
                "target_code": tgt and tgt.code,
                "target_country": tgt and tgt.country,
                "target_name": tgt and tgt.name,
                "type": e.type,
                "mode": e.mode,
                "cameo": e.cameo,
                "goldstein": e.goldstein,
                "quad_class": e.quad_class,
                "polarity": e.polarity,
                "modality": e.modality,
                "date": e.date,
                "date_precision": e.date_precision,
                "date_source": _span_json(e.date_source),
                "location": e.location,
                "trigger_start": e.trigger.start,
                "trigger_end": e.trigger.end,
                "evidence_start": e.evidence.start,
                "evidence_end": e.evidence.end,
                "evidence": e.evidence.text,
                "confidence": e.confidence,
                "rule": e.rule,
                "also_sources": _refs_json(e.also_sources),
                "also_targets": _refs_json(e.also_targets),
                "version": v.get("events"),
            }
        )
    for q in rec.quotes:
        sp, ev = q.speaker, q.evidence
        rows["quotes"].append(
            {
                "quote_id": q.quote_id,
                "doc_id": doc_id,
                "kind": q.kind,
                "text": q.text,
                "span_start": q.span.start,
                "span_end": q.span.end,
                "cue": q.cue,
                "speaker": sp and sp.name,
                "speaker_actor_id": sp and sp.actor_id,
                "speaker_country": sp and sp.country,
                "speaker_code": sp and sp.code,
                "speaker_role": sp and sp.role,
                "speaker_start": sp.span.start if sp and sp.span else None,
                "speaker_end": sp.span.end if sp and sp.span else None,
                "about": json.dumps(list(q.about)),
                "evidence_start": ev and ev.start,
                "evidence_end": ev and ev.end,
                "evidence": ev and ev.text,
                "version": v.get("quotes"),
            }
        )
        for code in dict.fromkeys(q.about):
            rows["quote_about"].append({"quote_id": q.quote_id, "code": code, "doc_id": doc_id})
    for c in rec.claims:
        rows["claims"].append(
            {
                "claim_id": c.claim_id,
                "doc_id": doc_id,
                "subject": json.dumps(sorted(c.subject)),
                "location": c.location,
                "measure": c.measure,
                "value": c.value,
                "value_high": c.value_high,
                "unit": c.unit,
                "qualifier": c.qualifier,
                "as_of": c.as_of,
                "as_of_precision": c.as_of_precision,
                "as_of_source": _span_json(c.as_of_source),
                "asserted_by": c.asserted_by,
                "projection": int(bool(c.projection)),
                "polarity": c.polarity,
                "evidence_start": c.evidence.start,
                "evidence_end": c.evidence.end,
                "evidence": c.evidence.text,
                "version": v.get("claims"),
            }
        )
    for ch in rec.characterizations:
        pair = sorted(ch.dyad)
        rows["characterizations"].append(
            {
                "char_id": ch.char_id,
                "doc_id": doc_id,
                "dyad": json.dumps(list(ch.dyad)),
                "dyad_a": pair[0] if pair else None,
                "dyad_b": pair[-1] if pair else None,
                "phrase": ch.phrase,
                "tone": ch.tone,
                "speaker": ch.speaker,
                "span_start": ch.span.start,
                "span_end": ch.span.end,
                "evidence_start": ch.evidence.start,
                "evidence_end": ch.evidence.end,
                "evidence": ch.evidence.text,
                "version": v.get("characterizations"),
            }
        )
    for n, s in enumerate(rec.sentences):
        rows["sentences"].append(
            {"doc_id": doc_id, "n": n, "span_start": s.start, "span_end": s.end, "text": s.text}
        )
    return rows


def storable(value: Any) -> Any:
    """A text value both stores accept alike: NUL removed (PostgreSQL rejects it, SQLite
    would keep it) and lone surrogates (undecodable file-name bytes) as \\x escapes,
    which no UTF-8 encoder accepts. Other values pass through."""
    if not isinstance(value, str):
        return value
    if "\x00" in value:
        value = value.replace("\x00", "")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = value.encode("utf-8", "surrogateescape" if _escapes_only(value) else "replace")
        value = value.decode("utf-8", "backslashreplace")
    return value


def _escapes_only(value: str) -> bool:
    return all(not 0xD800 <= ord(c) <= 0xDFFF or 0xDC80 <= ord(c) <= 0xDCFF for c in value)


def _storable_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: storable(v) for k, v in row.items()} for row in rows]


def _is_failure(rec: ExtractionRecord) -> bool:
    return bool(rec.errors) and not rec.doc.text


# -- raw SQL helpers ---------------------------------------------------------------

_QMARK = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\?|%")


def qmark_to_format(sql: str) -> str:
    """`?` placeholders -> psycopg's `%s` (and a literal % -> %%), skipping quoted text."""

    def sub(m: re.Match) -> str:
        tok = m.group(0)
        if tok == "?":
            return "%s"
        if tok == "%":
            return "%%"
        return tok.replace("%", "%%")

    return _QMARK.sub(sub, sql)


def _plain(value: Any) -> Any:
    """Driver values -> JSON-ready ones (Postgres gives Decimal and datetime)."""
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# -- the store ---------------------------------------------------------------------


class SQLStore:
    """Records in, rows out, on SQLite or PostgreSQL. Use as a context manager."""

    def __init__(self, url_or_path: str | Path, migrate: bool = True):
        self.url = normalize_url(url_or_path)
        u = make_url(self.url)
        self.dialect = u.get_backend_name()  # "sqlite" | "postgresql"
        if self.dialect == "sqlite":
            db = u.database or ""
            if db and db != ":memory:":
                Path(db).parent.mkdir(parents=True, exist_ok=True)
            self.path: Path | str = Path(db)
        else:
            self.path = _display(self.url)
        self.engine = _make_engine(self.url, self.dialect)
        if migrate:
            self.migrate()

    # -- lifecycle -----------------------------------------------------------------
    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.path}>"

    def revision(self) -> str | None:
        with self.engine.connect() as c:
            return _current_revision(c)

    def migrate(self) -> None:
        """Create or upgrade the schema to SCHEMA_REVISION (a no-op when already there)."""
        with self.engine.connect() as c:
            if _current_revision(c) == S.SCHEMA_REVISION:
                return
        with self.write() as conn:
            if self.dialect == "postgresql":  # one migrator at a time
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7151000)")
            current = _current_revision(conn)
            if current == S.SCHEMA_REVISION:
                return
            if current is None and inspect(conn).has_table("documents"):
                raise RuntimeError(
                    f"{self.path} was made by an older tiegraph without migrations; "
                    "ingest into a new store (or delete this one)"
                )
            if current is not None and current > S.SCHEMA_REVISION:  # revisions are 0001, 0002…
                raise RuntimeError(
                    f"{self.path} is at schema {current}, made by a newer tiegraph than this "
                    f"one (schema {S.SCHEMA_REVISION}): upgrade tiegraph to read it"
                )
            _alembic_upgrade(conn)

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction (SQLite: BEGIN IMMEDIATE, so writers queue, never deadlock)."""
        with self.engine.connect() as conn:
            conn = conn.execution_options(tiegraph_write=True)
            with conn.begin():
                yield conn

    transaction = write

    # -- writing -------------------------------------------------------------------
    def _upsertable(self, table: Any) -> Any:
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            return pg_insert(table)
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table)

    def _insert(self, table: Any) -> Any:
        """INSERT that skips rows whose key is already there (idempotent writes)."""
        return self._upsertable(table).on_conflict_do_nothing()

    def add_record(self, rec: ExtractionRecord) -> str:
        """Store one record; returns 'stored', 'skipped' (already there) or 'failed'."""
        return self.write_batch([rec])[0]

    def add_records(
        self, recs: Iterable[ExtractionRecord], batch_size: int | None = None
    ) -> dict[str, int]:
        """Store records a batch per transaction; counts of stored/skipped/failed."""
        size = max(1, batch_size or WRITE_BATCH)
        counts = {"stored": 0, "skipped": 0, "failed": 0}
        batch: list[ExtractionRecord] = []
        for r in recs:
            batch.append(r)
            if len(batch) >= size:
                for status in self.write_batch(batch):
                    counts[status] += 1
                batch = []
        if batch:
            for status in self.write_batch(batch):
                counts[status] += 1
        if counts["stored"] >= ANALYZE_AFTER:
            self.optimize()
        return counts

    def optimize(self) -> None:
        """Refresh the planner's statistics (after a bulk load the indexes get used well)."""
        with self.engine.connect() as c:
            if self.dialect == "postgresql":
                c.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
            else:
                c.exec_driver_sql("PRAGMA optimize")
                c.commit()

    def write_batch(self, recs: list[ExtractionRecord], retries: int = 3) -> list[str]:
        """Write `recs` in one transaction, retried if PostgreSQL picks it as a deadlock victim."""
        for attempt in range(retries + 1):
            try:
                return self._write_batch(recs)
            except DBAPIError as exc:
                code = getattr(exc.orig, "sqlstate", None)
                if code not in ("40P01", "40001") or attempt == retries:
                    raise
        raise AssertionError("unreachable")

    def _write_batch(self, recs: list[ExtractionRecord]) -> list[str]:
        """Write `recs` in one transaction; one status per record, in order.

        The documents row is inserted first (`ON CONFLICT DO NOTHING ... RETURNING`):
        only a document this transaction really inserted gets its child rows, so two
        writers racing on the same input never store it twice.
        """
        statuses: list[str] = []
        fails: list[dict[str, Any]] = []
        per_doc: dict[str, dict[str, list[dict[str, Any]]]] = {}
        with self.write() as conn:
            ids = [r.doc.doc_id for r in recs if not _is_failure(r)]
            present = set()
            if ids:
                present = set(
                    conn.execute(
                        select(S.documents.c.doc_id).where(S.documents.c.doc_id.in_(ids))
                    ).scalars()
                )
            for r in recs:
                fails += [
                    {"source": e.get("source") or r.doc.source, "error": e["error"]}
                    | {"doc_id": r.doc.doc_id}
                    for e in r.errors
                ]
                if _is_failure(r):
                    statuses.append("failed")
                elif r.doc.doc_id in present or r.doc.doc_id in per_doc:
                    statuses.append("skipped")
                else:
                    rows = record_rows(r)
                    per_doc[r.doc.doc_id] = {k: _storable_rows(v) for k, v in rows.items()}
                    statuses.append("pending")
            if fails:
                conn.execute(
                    self._insert(S.failures), _dedupe(_storable_rows(fails), ("source", "error"))
                )
            inserted: set[str] = set()
            if per_doc:
                stmt = self._insert(S.documents).returning(S.documents.c.doc_id)
                # one lock order for every writer: racing transactions wait, never deadlock
                docs = [per_doc[d]["documents"][0] for d in sorted(per_doc)]
                inserted = set(conn.execute(stmt, docs).scalars())
            tables: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for doc_id in sorted(inserted):
                for name, table_rows in per_doc[doc_id].items():
                    tables[name] += table_rows
            for table in S.CHILD_TABLES:
                if tables.get(table.name):
                    conn.execute(self._insert(table), tables[table.name])
            if tables.get("claims"):  # materialised claim changes are now out of date
                self._set_meta(conn, "claims_version", uuid.uuid4().hex)
        return [
            ("stored" if r.doc.doc_id in inserted else "skipped") if st == "pending" else st
            for r, st in zip(recs, statuses, strict=True)
        ]

    def _set_meta(self, conn: Connection, key: str, value: str) -> None:
        """Upsert one flag (writers racing on it must not collide on the key)."""
        stmt = self._upsertable(S.meta).values(key=key, value=value)
        stmt = stmt.on_conflict_do_update(index_elements=["key"], set_={"value": value})
        conn.execute(stmt)

    def get_meta(self, key: str) -> str | None:
        with self.engine.connect() as c:
            return c.execute(select(S.meta.c.value).where(S.meta.c.key == key)).scalar()

    # -- reading -------------------------------------------------------------------
    def query(self, sql: str, params: tuple | list | dict = ()) -> list[dict[str, Any]]:
        """Run SQL with `?` placeholders (portable across both backends); rows as dicts."""
        if self.dialect == "postgresql" and not isinstance(params, dict):
            sql = qmark_to_format(sql)
        with self.engine.connect() as c:
            res = c.exec_driver_sql(sql, tuple(params) if isinstance(params, list) else params)
            keys = list(res.keys())
            return [
                {k: _plain(v) for k, v in zip(keys, row, strict=True)} for row in res.fetchall()
            ]

    def scalar(self, sql: str, params: tuple | list = ()) -> Any:
        rows = self.query(sql, params)
        return next(iter(rows[0].values())) if rows else None

    def stream(self, sql: str, params: tuple | list = (), size: int = 5000) -> Iterator[list[dict]]:
        """Rows in chunks of `size`, for exports that must not hold a whole table in memory."""
        if self.dialect == "postgresql":
            sql = qmark_to_format(sql)
        with self.engine.connect() as c:
            res = c.execution_options(stream_results=True, yield_per=size).exec_driver_sql(
                sql, tuple(params)
            )
            keys = list(res.keys())
            while True:
                chunk = res.fetchmany(size)
                if not chunk:
                    return
                yield [{k: _plain(v) for k, v in zip(keys, row, strict=True)} for row in chunk]

    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as c:
            return (
                c.execute(
                    select(S.documents.c.doc_id).where(S.documents.c.doc_id == doc_id)
                ).first()
                is not None
            )

    def claims(self) -> list[dict[str, Any]]:
        """All claims of non-duplicate documents, shaped as `compare_claims` reads them."""
        rows = self.query(
            "SELECT c.*, d.duplicate_of FROM claims c JOIN documents d ON d.doc_id=c.doc_id "
            "WHERE d.duplicate_of IS NULL ORDER BY c.doc_id, c.evidence_start"
        )
        for r in rows:
            r["subject"] = json.loads(r["subject"] or "[]")
            r["projection"] = bool(r["projection"])
            r["as_of_source"] = decode_source(r.get("as_of_source"))
            r["evidence"] = {
                "start": r["evidence_start"],
                "end": r["evidence_end"],
                "text": r["evidence"],
            }
        return rows

    def claim_changes(self) -> list[dict[str, Any]]:
        return [json.loads(r["detail"]) for r in self.query(_CHANGES_SQL)]

    def claims_version(self) -> str:
        """A new value whenever claims are added or deleted."""
        return self.get_meta("claims_version") or ""

    def changes_basis(self, comparator: str = "") -> str:
        """What claim changes computed now would rest on: the stored claims and `comparator`.

        `comparator` names the code and data that compare claims (see
        `analysis.change_cache.comparator_version`); the claim count is a guard against writers
        that do not bump `claims_version` (SQL by hand). Read it *before* computing.
        """
        n = self.scalar("SELECT COUNT(*) FROM claims")
        basis = {"claims": self.claims_version(), "n": int(n or 0), "comparator": comparator}
        return json.dumps(basis, sort_keys=True)

    def changes_stale(self, comparator: str = "") -> bool:
        """True unless the stored claim changes were computed from these claims by `comparator`."""
        return self.changes_basis(comparator) != (self.get_meta("changes_basis") or "")

    def save_claim_changes(
        self, changes: list[dict[str, Any]], based_on: str | None = None
    ) -> None:
        """Replace the materialised claim changes (computed by tiegraph.analysis.changes).

        `based_on` is the `changes_basis()` read before computing them: if claims
        arrived meanwhile, the changes stay marked stale and are recomputed next time.
        """
        rows = [
            {
                "change_id": c["change_id"],
                "kind": c["kind"],
                "subject": json.dumps(c["subject"]),
                "location": c.get("location"),
                "measure": c["measure"],
                "unit": c.get("unit"),
                "from_claim_id": c["from"]["claim_id"],
                "to_claim_id": c["to"]["claim_id"],
                "delta": c.get("delta"),
                "detail": json.dumps(c, ensure_ascii=False),
            }
            for c in changes
        ]
        with self.write() as conn:
            conn.execute(S.claim_changes.delete())
            if rows:
                conn.execute(self._insert(S.claim_changes), _dedupe(rows, ("change_id",)))
            basis = self.changes_basis() if based_on is None else based_on
            self._set_meta(conn, "changes_basis", basis)

    def failures(self) -> list[dict[str, Any]]:
        return self.query("SELECT source, error, first_seen FROM failures ORDER BY source, error")

    def summary(self) -> dict[str, Any]:
        """Row counts; rows of duplicate documents (`duplicate_of` set) are not counted."""
        one = self.scalar
        return {
            "documents": one("SELECT COUNT(*) FROM documents WHERE duplicate_of IS NULL"),
            "duplicates": one("SELECT COUNT(*) FROM documents WHERE duplicate_of IS NOT NULL"),
            "failures": one("SELECT COUNT(*) FROM failures"),
            "actors": one(
                f"SELECT COUNT(DISTINCT COALESCE(code, name)) FROM actors WHERE {ORIGINALS}"
            ),
            "events": one(f"SELECT COUNT(*) FROM events WHERE {ORIGINALS}"),
            "quotes": one(f"SELECT COUNT(*) FROM quotes WHERE {ORIGINALS}"),
            "claims": one(f"SELECT COUNT(*) FROM claims WHERE {ORIGINALS}"),
            "characterizations": one(f"SELECT COUNT(*) FROM characterizations WHERE {ORIGINALS}"),
        }

    def search_sentences(self, words: str, limit: int = 20, offset: int = 0) -> list[dict]:
        """Sentences containing every word of `words` (stemmed), best match first."""
        if self.dialect == "postgresql":
            sql = (
                "SELECT s.doc_id, d.title, s.span_start, s.span_end, s.text, "
                "ts_headline('english', s.text, q, 'StartSel=[,StopSel=],HighlightAll=true') "
                "AS snippet, ts_rank(to_tsvector('english', s.text), q) AS rank "
                "FROM sentences s JOIN documents d ON d.doc_id=s.doc_id, "
                "plainto_tsquery('english', ?) q "
                "WHERE to_tsvector('english', s.text) @@ q "
                "ORDER BY rank DESC, s.doc_id, s.n LIMIT ? OFFSET ?"
            )
            params: list = [" ".join(_words(words)), limit, offset]
        else:
            sql = (
                "SELECT s.doc_id, d.title, s.span_start, s.span_end, s.text, "
                "snippet(sentences_fts, 0, '[', ']', '…', 64) AS snippet, "
                "-bm25(sentences_fts) AS rank FROM sentences_fts "
                "JOIN sentences s ON s.id=sentences_fts.rowid "
                "JOIN documents d ON d.doc_id=s.doc_id "
                "WHERE sentences_fts MATCH ? ORDER BY bm25(sentences_fts), s.doc_id, s.n "
                "LIMIT ? OFFSET ?"
            )
            params = [" ".join(f'"{w}"' for w in _words(words)), limit, offset]
        if not params[0]:
            return []
        rows = self.query(sql, params)
        for r in rows:
            r["span"] = {
                "start": r.pop("span_start"),
                "end": r.pop("span_end"),
                "text": r.pop("text"),
            }
            r["rank"] = round(float(r["rank"]), 6)
        return rows

    def delete_document(self, doc_id: str) -> None:
        """Remove a document and every row extracted from it (e.g. to re-extract it)."""
        with self.write() as conn:
            gone = {}
            for table in (*S.CHILD_TABLES, S.documents):
                gone[table.name] = conn.execute(table.delete().where(table.c.doc_id == doc_id))
            if gone["claims"].rowcount:  # materialised claim changes are now out of date
                self._set_meta(conn, "claims_version", uuid.uuid4().hex)


# Rows of documents that are not copies of another (a `doc_id` column in scope): the
# few duplicates are found through the partial index `documents_duplicates`.
ORIGINALS = "doc_id NOT IN (SELECT doc_id FROM documents WHERE duplicate_of IS NOT NULL)"

_CHANGES_SQL = "SELECT detail FROM claim_changes ORDER BY measure, change_id"

_WORD = re.compile(r"\w+", re.UNICODE)


def _words(text: str) -> list[str]:
    return _WORD.findall(text or "")


def _dedupe(rows: list[dict[str, Any]], key: tuple[str, ...]) -> list[dict[str, Any]]:
    seen: dict[tuple, dict[str, Any]] = {}
    for r in rows:
        seen.setdefault(tuple(r[k] for k in key), r)
    return list(seen.values())


# -- engine and migrations ---------------------------------------------------------


def _make_engine(url: str, dialect: str) -> Engine:
    if dialect == "postgresql":
        return create_engine(url, pool_pre_ping=True)
    if dialect != "sqlite":
        raise RuntimeError(f"unsupported database {dialect!r}: use SQLite or PostgreSQL")
    engine = create_engine(url, connect_args={"timeout": 60})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _rec: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=60000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("tiegraph_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _current_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def alembic_config(url: str | None = None) -> Any:
    """Alembic's Config for tiegraph's migrations (no alembic.ini); `url` for revision work."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    if url:
        cfg.set_main_option("sqlalchemy.url", normalize_url(url))
    return cfg


def _alembic_upgrade(conn: Connection) -> None:
    from alembic import command

    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")
