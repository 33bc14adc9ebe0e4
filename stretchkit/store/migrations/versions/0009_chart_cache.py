"""Each client's charts kept once drawn (PNG and text alternative, under the key of what they
show), and a count of the changes to what they draw, bumped by triggers that also drop that
client's kept charts; row-level security on PostgreSQL like every other table about a client.

The SQL of each engine is in ../sqlite and ../postgresql.
"""

from __future__ import annotations

from stretchkit.store.migration_steps import run_sql_step

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql_step(9, "chart_cache")


def downgrade() -> None:
    raise NotImplementedError("stretchkit's store migrates forward only: restore a backup")
