"""The store's tables, one definition for SQLite and PostgreSQL (SQLAlchemy Core).

Lists inside a row (quote `about`, claim `subject`, characterisation `dyad`,
actor `aliases`) are JSON text, the same on both backends; the lookups that
need them indexed get a column or link table of their own (`quote_about`,
`characterizations.dyad_a/dyad_b`). Spans are `*_start`/`*_end` character
offsets into `documents.text` (never a column named `end`: it is reserved in
PostgreSQL). The full-text index over `sentences` is backend-specific and lives
in the migration: an FTS5 external-content table on SQLite, a GIN index over
`to_tsvector('english', text)` on PostgreSQL.

Migrations (tiegraph/store/migrations) must produce exactly this metadata; a
test compares them. Bump SCHEMA_REVISION with every new migration.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)

SCHEMA_REVISION = "0003"

metadata = MetaData()


def _version() -> Column:
    return Column("version", String(64))


documents = Table(
    "documents",
    metadata,
    Column("doc_id", String(64), primary_key=True),
    Column("source", Text),
    Column("url", Text),
    Column("title", Text),
    Column("publisher", Text),
    Column("published", String(32)),
    Column("published_precision", String(16)),
    Column("anchor_date", String(32)),
    Column("anchor_source", Text),
    Column("language", String(16)),
    Column("text", Text),
    Column("duplicate_of", String(64)),
    Column("versions", Text),
    Column("record", Text),
    Column("ingested_at", DateTime, server_default=func.current_timestamp()),
    Index("documents_published", "published"),
    # the few duplicates, in a small partial index: queries leave their rows out with
    # `doc_id NOT IN (SELECT doc_id FROM documents WHERE duplicate_of IS NOT NULL)`
    Index(
        "documents_duplicates",
        "duplicate_of",
        "doc_id",
        sqlite_where=text("duplicate_of IS NOT NULL"),
        postgresql_where=text("duplicate_of IS NOT NULL"),
    ),
)

failures = Table(
    "failures",
    metadata,
    Column("source", Text, nullable=False),
    Column("error", Text, nullable=False),
    Column("doc_id", String(64)),
    Column("first_seen", DateTime, server_default=func.current_timestamp()),
    PrimaryKeyConstraint("source", "error", name="failures_pk"),
)

actors = Table(
    "actors",
    metadata,
    Column("doc_id", String(64), nullable=False),
    Column("actor_id", String(64), nullable=False),
    Column("name", Text),
    Column("kind", String(32)),
    Column("country", String(8)),
    Column("sector", String(16)),
    Column("code", String(32)),
    Column("role", Text),
    Column("aliases", Text),
    PrimaryKeyConstraint("doc_id", "actor_id", name="actors_pk"),
    Index("actors_code", "code"),
    Index("actors_name", "name"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("doc_id", String(64), nullable=False),
    Column("n", Integer, nullable=False),
    Column("actor_id", String(64)),
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("text", Text),
    Column("via", String(16)),
    PrimaryKeyConstraint("doc_id", "n", name="mentions_pk"),
    Index("mentions_actor", "actor_id"),
)

events = Table(
    "events",
    metadata,
    Column("event_id", String(64), primary_key=True),
    Column("doc_id", String(64), nullable=False),
    Column("source_actor_id", String(64)),
    Column("source_code", String(32)),
    Column("source_country", String(8)),
    Column("source_name", Text),
    Column("target_actor_id", String(64)),
    Column("target_code", String(32)),
    Column("target_country", String(8)),
    Column("target_name", Text),
    Column("type", String(32)),
    Column("mode", String(32)),
    Column("cameo", String(8)),
    Column("goldstein", Float),
    Column("quad_class", Integer),
    Column("polarity", String(16)),
    Column("modality", String(16)),
    Column("date", String(32)),
    Column("date_precision", String(16)),
    Column("date_source", Text),
    Column("location", String(32)),
    Column("trigger_start", Integer),
    Column("trigger_end", Integer),
    Column("evidence_start", Integer),
    Column("evidence_end", Integer),
    Column("evidence", Text),
    Column("confidence", Float),
    Column("rule", Text),
    # the occurrence's other participants: JSON arrays of actor refs, NULL when none
    Column("also_sources", Text),
    Column("also_targets", Text),
    _version(),
    # the dyad timeline and `events --dyad` read (a,b) and (b,a) through this one index
    Index("events_dyad", "source_country", "target_country", "date"),
    Index("events_date", "date"),
    Index("events_type", "type", "date"),
    Index("events_source_code", "source_code"),
    Index("events_target_code", "target_code"),
    Index("events_source_actor", "source_actor_id"),
    Index("events_target_actor", "target_actor_id"),
    Index("events_doc", "doc_id"),
)

quotes = Table(
    "quotes",
    metadata,
    Column("quote_id", String(64), primary_key=True),
    Column("doc_id", String(64), nullable=False),
    Column("kind", String(16)),
    Column("text", Text),
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("cue", Text),
    Column("speaker", Text),
    Column("speaker_actor_id", String(64)),
    Column("speaker_country", String(8)),
    Column("speaker_code", String(32)),
    Column("speaker_role", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("about", Text),
    Column("evidence_start", Integer),
    Column("evidence_end", Integer),
    Column("evidence", Text),
    _version(),
    Index("quotes_doc", "doc_id"),
    Index("quotes_speaker_country", "speaker_country"),
)

quote_about = Table(
    "quote_about",
    metadata,
    Column("quote_id", String(64), nullable=False),
    Column("code", String(32), nullable=False),
    Column("doc_id", String(64), nullable=False),
    PrimaryKeyConstraint("quote_id", "code", name="quote_about_pk"),
    Index("quote_about_code", "code"),
)

claims = Table(
    "claims",
    metadata,
    Column("claim_id", String(64), primary_key=True),
    Column("doc_id", String(64), nullable=False),
    Column("subject", Text),
    Column("location", String(32)),
    Column("measure", String(64)),
    Column("value", Float),
    Column("value_high", Float),
    Column("unit", String(32)),
    Column("qualifier", String(32)),
    Column("as_of", String(32)),
    Column("as_of_precision", String(16)),
    # what dates the figure: a span as JSON text, or a JSON string such as "publication"
    Column("as_of_source", Text),
    Column("asserted_by", Text),
    Column("projection", Integer),
    Column("polarity", String(16)),
    Column("evidence_start", Integer),
    Column("evidence_end", Integer),
    Column("evidence", Text),
    _version(),
    Index("claims_key", "measure", "subject", "location", "as_of"),
    Index("claims_doc", "doc_id"),
)

claim_changes = Table(
    "claim_changes",
    metadata,
    Column("change_id", String(64), primary_key=True),
    Column("kind", String(16)),
    Column("subject", Text),
    Column("location", String(32)),
    Column("measure", String(64)),
    Column("unit", String(32)),
    Column("from_claim_id", String(64)),
    Column("to_claim_id", String(64)),
    Column("delta", Float),
    Column("detail", Text),
    Index("claim_changes_measure", "measure"),
)

characterizations = Table(
    "characterizations",
    metadata,
    Column("char_id", String(64), primary_key=True),
    Column("doc_id", String(64), nullable=False),
    Column("dyad", Text),
    Column("dyad_a", String(32)),
    Column("dyad_b", String(32)),
    Column("phrase", Text),
    Column("tone", Float),
    Column("speaker", Text),
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("evidence_start", Integer),
    Column("evidence_end", Integer),
    Column("evidence", Text),
    _version(),
    Index("characterizations_dyad", "dyad_a", "dyad_b"),
    Index("characterizations_doc", "doc_id"),
)

sentences = Table(
    "sentences",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(64), nullable=False),
    Column("n", Integer, nullable=False),
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("text", Text),
    UniqueConstraint("doc_id", "n", name="sentences_doc_n"),
)

# Small key/value table: `claims_version` (a new value whenever the set of stored claims
# changes) and `changes_basis` (what the materialised claim_changes were computed from).
meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text),
)

# Child tables, in the order they are written; each has a doc_id column.
CHILD_TABLES = (
    actors,
    mentions,
    events,
    quotes,
    quote_about,
    claims,
    characterizations,
    sentences,
)


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Alembic filter: the full-text index (FTS5 tables, GIN index) is managed by hand."""
    return not (name or "").startswith(("sentences_fts", "sentences_tsv"))
