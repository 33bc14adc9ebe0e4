"""Alembic's environment for stretchkit's store: migrations run on the connection stretchkit
hands over (see stretchkit.store.schema), in the transaction it already holds, so a store is
migrated whole or not at all."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

connection: Connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    transactional_ddl=True,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
