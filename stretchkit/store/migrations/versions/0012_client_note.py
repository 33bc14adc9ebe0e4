"""A client has a note for the client (shown on their page and handout) beside the trainer's
private notes; the notes a client had before stay private.

The SQL of each engine is in ../sqlite and ../postgresql.
"""

from __future__ import annotations

from stretchkit.store.migration_steps import run_sql_step

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql_step(12, "client_note")


def downgrade() -> None:
    raise NotImplementedError("stretchkit's store migrates forward only: restore a backup")
