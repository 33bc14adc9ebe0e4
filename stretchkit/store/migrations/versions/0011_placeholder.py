"""Holds the place of step 11 (the access log, made on another branch) so that the steps stay
numbered 1..n; it changes nothing. Replaced by the real step 11 when the branches meet.
"""

from __future__ import annotations

from stretchkit.store.migration_steps import record_step

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    record_step(11, "placeholder")


def downgrade() -> None:
    raise NotImplementedError("stretchkit's store migrates forward only: restore a backup")
