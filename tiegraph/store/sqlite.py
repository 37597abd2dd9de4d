"""The embedded store: one SQLite file in WAL mode, full-text search over sentences.

The store knows records, not spaCy. Loading is idempotent: a document already
stored (same doc_id) is skipped, a failed input is recorded once per source and
reason, and each document is written in one transaction so an interrupted run
leaves no half-loaded document behind.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tiegraph.model import ExtractionRecord

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
  doc_id TEXT PRIMARY KEY, source TEXT, url TEXT, title TEXT, publisher TEXT,
  published TEXT, published_precision TEXT, anchor_date TEXT, anchor_source TEXT,
  language TEXT, text TEXT, duplicate_of TEXT, versions TEXT, record TEXT,
  ingested_at TEXT DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE IF NOT EXISTS failures (
  source TEXT, error TEXT, doc_id TEXT, first_seen TEXT DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (source, error)
);
CREATE TABLE IF NOT EXISTS actors (
  doc_id TEXT, actor_id TEXT, name TEXT, kind TEXT, country TEXT, sector TEXT, code TEXT,
  role TEXT, aliases TEXT, PRIMARY KEY (doc_id, actor_id)
);
CREATE TABLE IF NOT EXISTS mentions (
  doc_id TEXT, actor_id TEXT, start INTEGER, end INTEGER, text TEXT, via TEXT
);
CREATE TABLE IF NOT EXISTS events (
  event_id TEXT PRIMARY KEY, doc_id TEXT, source_code TEXT, source_country TEXT,
  source_name TEXT, target_code TEXT, target_country TEXT, target_name TEXT, type TEXT,
  mode TEXT, cameo TEXT, goldstein REAL, quad_class INTEGER, polarity TEXT, modality TEXT,
  date TEXT, date_precision TEXT, date_source TEXT, location TEXT, trigger_start INTEGER,
  trigger_end INTEGER, evidence_start INTEGER, evidence_end INTEGER, evidence TEXT,
  confidence REAL, rule TEXT, version TEXT
);
CREATE TABLE IF NOT EXISTS quotes (
  quote_id TEXT PRIMARY KEY, doc_id TEXT, kind TEXT, text TEXT, start INTEGER, end INTEGER,
  cue TEXT, speaker TEXT, speaker_country TEXT, speaker_code TEXT, speaker_role TEXT,
  about TEXT, evidence TEXT, version TEXT
);
CREATE TABLE IF NOT EXISTS claims (
  claim_id TEXT PRIMARY KEY, doc_id TEXT, subject TEXT, location TEXT, measure TEXT,
  value REAL, value_high REAL, unit TEXT, qualifier TEXT, as_of TEXT, as_of_precision TEXT,
  asserted_by TEXT, projection INTEGER, polarity TEXT, evidence_start INTEGER,
  evidence_end INTEGER, evidence TEXT, version TEXT
);
CREATE TABLE IF NOT EXISTS characterizations (
  char_id TEXT PRIMARY KEY, doc_id TEXT, dyad TEXT, phrase TEXT, tone REAL, speaker TEXT,
  start INTEGER, end INTEGER, evidence TEXT, version TEXT
);
CREATE VIRTUAL TABLE IF NOT EXISTS sentences USING fts5(doc_id UNINDEXED, start UNINDEXED,
  end UNINDEXED, text);
CREATE INDEX IF NOT EXISTS events_dyad ON events(source_country, target_country, date);
CREATE INDEX IF NOT EXISTS events_doc ON events(doc_id);
CREATE INDEX IF NOT EXISTS quotes_doc ON quotes(doc_id);
CREATE INDEX IF NOT EXISTS claims_key ON claims(measure, subject, location, as_of);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_id);
"""


class SQLiteStore:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        if self.path.parent and not self.path.parent.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(str(self.path))
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.executescript(SCHEMA)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self.conn.execute("BEGIN")
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def has_document(self, doc_id: str) -> bool:
        return (
            self.conn.execute("SELECT 1 FROM documents WHERE doc_id=?", (doc_id,)).fetchone()
            is not None
        )

    def add_record(self, rec: ExtractionRecord) -> str:
        """Store one record; returns 'stored', 'skipped' (already there) or 'failed'."""
        if rec.errors and not rec.doc.text:
            with self.transaction() as c:
                for err in rec.errors:
                    c.execute(
                        "INSERT OR IGNORE INTO failures(source, error, doc_id) VALUES (?,?,?)",
                        (err["source"], err["error"], rec.doc.doc_id),
                    )
            return "failed"
        if self.has_document(rec.doc.doc_id):
            return "skipped"
        d = rec.doc
        v = rec.versions
        with self.transaction() as c:
            c.execute(
                "INSERT INTO documents(doc_id, source, url, title, publisher, published, "
                "published_precision, anchor_date, anchor_source, language, text, duplicate_of, "
                "versions, record) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    d.doc_id,
                    d.source,
                    d.url,
                    d.title,
                    d.publisher,
                    d.published,
                    d.published_precision,
                    d.anchor_date,
                    d.anchor_source,
                    d.language,
                    d.text,
                    d.duplicate_of,
                    json.dumps(v),
                    json.dumps(rec.to_dict(), ensure_ascii=False),
                ),
            )
            for err in rec.errors:
                c.execute(
                    "INSERT OR IGNORE INTO failures(source, error, doc_id) VALUES (?,?,?)",
                    (err["source"], err["error"], d.doc_id),
                )
            c.executemany(
                "INSERT OR REPLACE INTO actors VALUES (?,?,?,?,?,?,?,?,?)",
                [
                    (
                        d.doc_id,
                        a.actor_id,
                        a.name,
                        a.kind,
                        a.country,
                        a.sector,
                        a.code,
                        a.role,
                        json.dumps(a.aliases, ensure_ascii=False),
                    )
                    for a in rec.actors
                ],
            )
            c.executemany(
                "INSERT INTO mentions VALUES (?,?,?,?,?,?)",
                [
                    (d.doc_id, m.actor_id, m.span.start, m.span.end, m.span.text, m.via)
                    for m in rec.mentions
                ],
            )
            c.executemany(
                "INSERT OR REPLACE INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        e.event_id,
                        d.doc_id,
                        e.source and e.source.code,
                        e.source and e.source.country,
                        e.source and e.source.name,
                        e.target and e.target.code,
                        e.target and e.target.country,
                        e.target and e.target.name,
                        e.type,
                        e.mode,
                        e.cameo,
                        e.goldstein,
                        e.quad_class,
                        e.polarity,
                        e.modality,
                        e.date,
                        e.date_precision,
                        json.dumps(
                            e.date_source.to_dict()
                            if hasattr(e.date_source, "to_dict")
                            else e.date_source
                        ),
                        e.location,
                        e.trigger.start,
                        e.trigger.end,
                        e.evidence.start,
                        e.evidence.end,
                        e.evidence.text,
                        e.confidence,
                        e.rule,
                        v.get("events"),
                    )
                    for e in rec.events
                ],
            )
            c.executemany(
                "INSERT OR REPLACE INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        q.quote_id,
                        d.doc_id,
                        q.kind,
                        q.text,
                        q.span.start,
                        q.span.end,
                        q.cue,
                        q.speaker and q.speaker.name,
                        q.speaker and q.speaker.country,
                        q.speaker and q.speaker.code,
                        q.speaker and q.speaker.role,
                        json.dumps(q.about),
                        q.evidence and q.evidence.text,
                        v.get("quotes"),
                    )
                    for q in rec.quotes
                ],
            )
            c.executemany(
                "INSERT OR REPLACE INTO claims VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        cl.claim_id,
                        d.doc_id,
                        json.dumps(sorted(cl.subject)),
                        cl.location,
                        cl.measure,
                        cl.value,
                        cl.value_high,
                        cl.unit,
                        cl.qualifier,
                        cl.as_of,
                        cl.as_of_precision,
                        cl.asserted_by,
                        int(cl.projection),
                        cl.polarity,
                        cl.evidence.start,
                        cl.evidence.end,
                        cl.evidence.text,
                        v.get("claims"),
                    )
                    for cl in rec.claims
                ],
            )
            c.executemany(
                "INSERT OR REPLACE INTO characterizations VALUES (?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        ch.char_id,
                        d.doc_id,
                        json.dumps(ch.dyad),
                        ch.phrase,
                        ch.tone,
                        ch.speaker,
                        ch.span.start,
                        ch.span.end,
                        ch.evidence.text,
                        v.get("characterizations"),
                    )
                    for ch in rec.characterizations
                ],
            )
            c.executemany(
                "INSERT INTO sentences(doc_id, start, end, text) VALUES (?,?,?,?)",
                [(d.doc_id, s.start, s.end, s.text) for s in rec.sentences],
            )
        return "stored"

    def add_records(self, recs: Iterable[ExtractionRecord]) -> dict[str, int]:
        counts = {"stored": 0, "skipped": 0, "failed": 0}
        for r in recs:
            counts[self.add_record(r)] += 1
        return counts

    # -- queries ----------------------------------------------------------------
    def query(self, sql: str, params: tuple | list = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(sql, params).fetchall()]

    def claims(self) -> list[dict[str, Any]]:
        rows = self.query("SELECT c.*, d.duplicate_of FROM claims c JOIN documents d USING(doc_id)")
        for r in rows:
            r["subject"] = json.loads(r["subject"])
            r["projection"] = bool(r["projection"])
            r["evidence"] = {
                "start": r["evidence_start"],
                "end": r["evidence_end"],
                "text": r["evidence"],
            }
        return [r for r in rows if not r.get("duplicate_of")]

    def failures(self) -> list[dict[str, Any]]:
        return self.query("SELECT source, error, first_seen FROM failures ORDER BY source")

    def summary(self) -> dict[str, Any]:
        one = lambda sql: self.conn.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "documents": one("SELECT COUNT(*) FROM documents"),
            "failures": one("SELECT COUNT(*) FROM failures"),
            "actors": one("SELECT COUNT(DISTINCT COALESCE(code, name)) FROM actors"),
            "events": one("SELECT COUNT(*) FROM events"),
            "quotes": one("SELECT COUNT(*) FROM quotes"),
            "claims": one("SELECT COUNT(*) FROM claims"),
            "characterizations": one("SELECT COUNT(*) FROM characterizations"),
        }
