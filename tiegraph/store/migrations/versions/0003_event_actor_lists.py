"""Events keep the other participants of their occurrence (`also_sources`, `also_targets`).

One event row is one occurrence ("the G7 ministers met": one CONSULT, not 42 pairs); its
other participants are JSON arrays of actor refs (`{"actor_id", "code", "country",
"name"}`), NULL when there are none. Existing events get them back from the record JSON
every document row keeps.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

PAGE = 200  # documents read per round of the backfill


def upgrade() -> None:
    op.add_column("events", sa.Column("also_sources", sa.Text(), nullable=True))
    op.add_column("events", sa.Column("also_targets", sa.Text(), nullable=True))
    _backfill(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("also_targets")
        batch.drop_column("also_sources")


def _lists(e: dict) -> dict:
    return {
        k: json.dumps(e[k], ensure_ascii=False) if e.get(k) else None
        for k in ("also_sources", "also_targets")
    }


def _backfill(conn: sa.Connection) -> None:
    """Copy each stored event's actor lists from its document's record JSON, a page at a time."""
    read = sa.text(
        "SELECT doc_id, record FROM documents WHERE doc_id > :last "
        "AND doc_id IN (SELECT doc_id FROM events) ORDER BY doc_id LIMIT :n"
    )
    write = sa.text(
        "UPDATE events SET also_sources = :also_sources, also_targets = :also_targets "
        "WHERE event_id = :eid AND doc_id = :doc"
    )
    last = ""
    while True:
        rows = conn.execute(read, {"last": last, "n": PAGE}).fetchall()
        if not rows:
            return
        updates = [
            _lists(e) | {"eid": e["event_id"], "doc": doc_id}
            for doc_id, record in rows
            for e in (json.loads(record or "{}").get("events") or [])
            if (e.get("also_sources") or e.get("also_targets")) and e.get("event_id")
        ]
        if updates:
            conn.execute(write, updates)
        last = rows[-1][0]
