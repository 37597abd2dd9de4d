"""Claims keep what dates them (`as_of_source`); a partial index finds duplicate documents.

`claims.as_of_source` is the provenance of a claim's as-of date: the time
expression's span as JSON text (`{"start", "end", "text"}`), or a JSON string
such as `"publication"` when the document date was the fallback. Existing claims
get it back from the record JSON every document row keeps, so an upgraded store
loses nothing. The claim-changes cache key of 0001 (`meta.changes_version`) is
dropped: the changes are recomputed on the next read under the new key.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

PAGE = 200  # documents read per round of the backfill


def upgrade() -> None:
    op.add_column("claims", sa.Column("as_of_source", sa.Text(), nullable=True))
    op.create_index(
        "documents_duplicates",
        "documents",
        ["duplicate_of", "doc_id"],
        unique=False,
        sqlite_where=sa.text("duplicate_of IS NOT NULL"),
        postgresql_where=sa.text("duplicate_of IS NOT NULL"),
    )
    _backfill_as_of_source(op.get_bind())
    op.execute("DELETE FROM meta WHERE key = 'changes_version'")


def downgrade() -> None:
    op.drop_index("documents_duplicates", table_name="documents")
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("as_of_source")


def _backfill_as_of_source(conn: sa.Connection) -> None:
    """Copy each stored claim's as_of_source from its document's record JSON, a page at a time."""
    read = sa.text(
        "SELECT doc_id, record FROM documents WHERE doc_id > :last "
        "AND doc_id IN (SELECT doc_id FROM claims) ORDER BY doc_id LIMIT :n"
    )
    write = sa.text("UPDATE claims SET as_of_source = :src WHERE claim_id = :cid AND doc_id = :doc")
    last = ""
    while True:
        rows = conn.execute(read, {"last": last, "n": PAGE}).fetchall()
        if not rows:
            return
        updates = [
            {"src": json.dumps(c["as_of_source"], ensure_ascii=False), "cid": c["claim_id"]}
            | {"doc": doc_id}
            for doc_id, record in rows
            for c in (json.loads(record or "{}").get("claims") or [])
            if c.get("as_of_source") is not None and c.get("claim_id")
        ]
        if updates:
            conn.execute(write, updates)
        last = rows[-1][0]
