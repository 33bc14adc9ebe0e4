"""Each client can have a language of their own for their page, handout and calendar.

The SQL of each engine is in ../sqlite and ../postgresql.
"""

from __future__ import annotations

from stretchkit.store.migration_steps import run_sql_step

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql_step(13, "client_language")


def downgrade() -> None:
    raise NotImplementedError("stretchkit's store migrates forward only: restore a backup")
