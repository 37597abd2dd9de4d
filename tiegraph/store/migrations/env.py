"""Alembic environment: runs on the connection the store hands over (no alembic.ini needed).

`tiegraph.store.sql.SQLStore` calls `alembic.command.upgrade` with
`config.attributes["connection"]` set. For a new revision, see docs/store.md:
`alembic_config(url)` sets `sqlalchemy.url` instead.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from tiegraph.store.schema import include_object, metadata

config = context.config


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        url = config.get_main_option("sqlalchemy.url")
        if not url:
            raise RuntimeError("alembic: no sqlalchemy.url configured and no connection given")
        engine = create_engine(url)
        with engine.begin() as conn:
            context.configure(
                connection=conn,
                target_metadata=metadata,
                render_as_batch=True,
                include_object=include_object,
            )
            context.run_migrations()
        return
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
