"""How the client's back feels: stiffness and pain rated 0-10, with row-level security on
PostgreSQL like every other table.

The SQL of each engine is in ../sqlite and ../postgresql.
"""

from __future__ import annotations

from stretchkit.store.migration_steps import run_sql_step

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql_step(8, "back_ratings")


def downgrade() -> None:
    raise NotImplementedError("stretchkit's store migrates forward only: restore a backup")
