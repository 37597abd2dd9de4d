"""Initial schema: documents, failures, actors, mentions, events, quotes, claims,
claim changes, characterisations, sentences with full-text search, meta.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# SQLite: an FTS5 index over sentences.text, kept in step by triggers, so a
# sentence row and its index entry are written in the same transaction.
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', "
    "content_rowid='id', tokenize='porter unicode61')",
    "CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN "
    "INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN "
    "INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER sentences_au AFTER UPDATE ON sentences BEGIN "
    "INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text); END",
]
# PostgreSQL: a GIN index over the English tsvector; queries use the same expression.
POSTGRES_FTS = [
    "CREATE INDEX sentences_tsv ON sentences USING GIN (to_tsvector('english', text))",
]


def upgrade() -> None:
    op.create_table(
        "actors",
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("actor_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=True),
        sa.Column("country", sa.String(length=8), nullable=True),
        sa.Column("sector", sa.String(length=16), nullable=True),
        sa.Column("code", sa.String(length=32), nullable=True),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("aliases", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("doc_id", "actor_id", name="actors_pk"),
    )
    op.create_index("actors_code", "actors", ["code"], unique=False)
    op.create_index("actors_name", "actors", ["name"], unique=False)
    op.create_table(
        "characterizations",
        sa.Column("char_id", sa.String(length=64), nullable=False),
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("dyad", sa.Text(), nullable=True),
        sa.Column("dyad_a", sa.String(length=32), nullable=True),
        sa.Column("dyad_b", sa.String(length=32), nullable=True),
        sa.Column("phrase", sa.Text(), nullable=True),
        sa.Column("tone", sa.Float(), nullable=True),
        sa.Column("speaker", sa.Text(), nullable=True),
        sa.Column("span_start", sa.Integer(), nullable=True),
        sa.Column("span_end", sa.Integer(), nullable=True),
        sa.Column("evidence_start", sa.Integer(), nullable=True),
        sa.Column("evidence_end", sa.Integer(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.Column("version", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("char_id"),
    )
    op.create_index("characterizations_doc", "characterizations", ["doc_id"], unique=False)
    op.create_index(
        "characterizations_dyad", "characterizations", ["dyad_a", "dyad_b"], unique=False
    )
    op.create_table(
        "claim_changes",
        sa.Column("change_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("location", sa.String(length=32), nullable=True),
        sa.Column("measure", sa.String(length=64), nullable=True),
        sa.Column("unit", sa.String(length=32), nullable=True),
        sa.Column("from_claim_id", sa.String(length=64), nullable=True),
        sa.Column("to_claim_id", sa.String(length=64), nullable=True),
        sa.Column("delta", sa.Float(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("change_id"),
    )
    op.create_index("claim_changes_measure", "claim_changes", ["measure"], unique=False)
    op.create_table(
        "claims",
        sa.Column("claim_id", sa.String(length=64), nullable=False),
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("location", sa.String(length=32), nullable=True),
        sa.Column("measure", sa.String(length=64), nullable=True),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("value_high", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=32), nullable=True),
        sa.Column("qualifier", sa.String(length=32), nullable=True),
        sa.Column("as_of", sa.String(length=32), nullable=True),
        sa.Column("as_of_precision", sa.String(length=16), nullable=True),
        sa.Column("asserted_by", sa.Text(), nullable=True),
        sa.Column("projection", sa.Integer(), nullable=True),
        sa.Column("polarity", sa.String(length=16), nullable=True),
        sa.Column("evidence_start", sa.Integer(), nullable=True),
        sa.Column("evidence_end", sa.Integer(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.Column("version", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("claim_id"),
    )
    op.create_index("claims_doc", "claims", ["doc_id"], unique=False)
    op.create_index(
        "claims_key", "claims", ["measure", "subject", "location", "as_of"], unique=False
    )
    op.create_table(
        "documents",
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("publisher", sa.Text(), nullable=True),
        sa.Column("published", sa.String(length=32), nullable=True),
        sa.Column("published_precision", sa.String(length=16), nullable=True),
        sa.Column("anchor_date", sa.String(length=32), nullable=True),
        sa.Column("anchor_source", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("duplicate_of", sa.String(length=64), nullable=True),
        sa.Column("versions", sa.Text(), nullable=True),
        sa.Column("record", sa.Text(), nullable=True),
        sa.Column(
            "ingested_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=True
        ),
        sa.PrimaryKeyConstraint("doc_id"),
    )
    op.create_index("documents_published", "documents", ["published"], unique=False)
    op.create_table(
        "events",
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("source_actor_id", sa.String(length=64), nullable=True),
        sa.Column("source_code", sa.String(length=32), nullable=True),
        sa.Column("source_country", sa.String(length=8), nullable=True),
        sa.Column("source_name", sa.Text(), nullable=True),
        sa.Column("target_actor_id", sa.String(length=64), nullable=True),
        sa.Column("target_code", sa.String(length=32), nullable=True),
        sa.Column("target_country", sa.String(length=8), nullable=True),
        sa.Column("target_name", sa.Text(), nullable=True),
        sa.Column("type", sa.String(length=32), nullable=True),
        sa.Column("mode", sa.String(length=32), nullable=True),
        sa.Column("cameo", sa.String(length=8), nullable=True),
        sa.Column("goldstein", sa.Float(), nullable=True),
        sa.Column("quad_class", sa.Integer(), nullable=True),
        sa.Column("polarity", sa.String(length=16), nullable=True),
        sa.Column("modality", sa.String(length=16), nullable=True),
        sa.Column("date", sa.String(length=32), nullable=True),
        sa.Column("date_precision", sa.String(length=16), nullable=True),
        sa.Column("date_source", sa.Text(), nullable=True),
        sa.Column("location", sa.String(length=32), nullable=True),
        sa.Column("trigger_start", sa.Integer(), nullable=True),
        sa.Column("trigger_end", sa.Integer(), nullable=True),
        sa.Column("evidence_start", sa.Integer(), nullable=True),
        sa.Column("evidence_end", sa.Integer(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("rule", sa.Text(), nullable=True),
        sa.Column("version", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_index("events_date", "events", ["date"], unique=False)
    op.create_index("events_doc", "events", ["doc_id"], unique=False)
    op.create_index(
        "events_dyad", "events", ["source_country", "target_country", "date"], unique=False
    )
    op.create_index("events_source_actor", "events", ["source_actor_id"], unique=False)
    op.create_index("events_target_actor", "events", ["target_actor_id"], unique=False)
    op.create_index("events_source_code", "events", ["source_code"], unique=False)
    op.create_index("events_target_code", "events", ["target_code"], unique=False)
    op.create_index("events_type", "events", ["type", "date"], unique=False)
    op.create_table(
        "failures",
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("doc_id", sa.String(length=64), nullable=True),
        sa.Column(
            "first_seen", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=True
        ),
        sa.PrimaryKeyConstraint("source", "error", name="failures_pk"),
    )
    op.create_table(
        "mentions",
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.String(length=64), nullable=True),
        sa.Column("span_start", sa.Integer(), nullable=True),
        sa.Column("span_end", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("via", sa.String(length=16), nullable=True),
        sa.PrimaryKeyConstraint("doc_id", "n", name="mentions_pk"),
    )
    op.create_index("mentions_actor", "mentions", ["actor_id"], unique=False)
    op.create_table(
        "meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "quote_about",
        sa.Column("quote_id", sa.String(length=64), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("quote_id", "code", name="quote_about_pk"),
    )
    op.create_index("quote_about_code", "quote_about", ["code"], unique=False)
    op.create_table(
        "quotes",
        sa.Column("quote_id", sa.String(length=64), nullable=False),
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("span_start", sa.Integer(), nullable=True),
        sa.Column("span_end", sa.Integer(), nullable=True),
        sa.Column("cue", sa.Text(), nullable=True),
        sa.Column("speaker", sa.Text(), nullable=True),
        sa.Column("speaker_actor_id", sa.String(length=64), nullable=True),
        sa.Column("speaker_country", sa.String(length=8), nullable=True),
        sa.Column("speaker_code", sa.String(length=32), nullable=True),
        sa.Column("speaker_role", sa.Text(), nullable=True),
        sa.Column("speaker_start", sa.Integer(), nullable=True),
        sa.Column("speaker_end", sa.Integer(), nullable=True),
        sa.Column("about", sa.Text(), nullable=True),
        sa.Column("evidence_start", sa.Integer(), nullable=True),
        sa.Column("evidence_end", sa.Integer(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.Column("version", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("quote_id"),
    )
    op.create_index("quotes_doc", "quotes", ["doc_id"], unique=False)
    op.create_index("quotes_speaker_country", "quotes", ["speaker_country"], unique=False)
    op.create_table(
        "sentences",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=True),
        sa.Column("span_end", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("doc_id", "n", name="sentences_doc_n"),
    )
    dialect = op.get_bind().dialect.name
    for stmt in (
        SQLITE_FTS if dialect == "sqlite" else POSTGRES_FTS if dialect == "postgresql" else []
    ):
        op.execute(stmt)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS sentences_fts")
    op.drop_table("sentences")
    op.drop_table("quotes")
    op.drop_table("quote_about")
    op.drop_table("meta")
    op.drop_table("mentions")
    op.drop_table("failures")
    op.drop_table("events")
    op.drop_table("documents")
    op.drop_table("claims")
    op.drop_table("claim_changes")
    op.drop_table("characterizations")
    op.drop_table("actors")
