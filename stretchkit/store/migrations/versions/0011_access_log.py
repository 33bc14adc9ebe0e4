"""The access log: who read or changed which client's record, when and from where, kept
append-only (an entry cannot be changed or deleted, but by the retention command).

The SQL of each engine is in ../sqlite and ../postgresql.
"""

from __future__ import annotations

from stretchkit.store.migration_steps import run_sql_step

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql_step(11, "access_log")


def downgrade() -> None:
    raise NotImplementedError("stretchkit's store migrates forward only: restore a backup")
