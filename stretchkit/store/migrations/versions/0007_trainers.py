"""Trainers: every client belongs to one, a handover is kept as history; on PostgreSQL each
trainer sees only their own clients, enforced by the database (row-level security).

A store made before trainers existed gets one trainer, `local`, with admin rights, who keeps
every client it already had (rename it with `stretchkit trainer rename local NAME`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from importlib import resources

import sqlalchemy as sa
from alembic import op

from stretchkit.store.migration_steps import record_step, sql_statements

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

LOCAL_TRAINER = "local"


def _id() -> sa.Column[int]:
    if op.get_bind().dialect.name == "postgresql":
        return sa.Column("id", sa.Integer, sa.Identity(always=False), primary_key=True)
    return sa.Column("id", sa.Integer, primary_key=True)


def _clients_as_before() -> sa.Table:
    """The clients table as schema 6 left it, with the new column (SQLite cannot report its
    CHECK rule back faithfully, so the rebuild copies from this)."""
    return sa.Table(
        "clients",
        sa.MetaData(),
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("contact", sa.Text, nullable=False, server_default=""),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        sa.Column("created", sa.Text, nullable=False),
        sa.Column("trainer_id", sa.Integer, nullable=True),
        sa.CheckConstraint("length(trim(name)) > 0", name="clients_name_not_blank"),
    )


def upgrade() -> None:
    bind = op.get_bind()
    op.create_table(
        "trainers",
        _id(),
        sa.Column("username", sa.Text, nullable=False),
        sa.Column("display_name", sa.Text, nullable=False, server_default=""),
        sa.Column("is_admin", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created", sa.Text, nullable=False),
        sa.CheckConstraint("length(trim(username)) > 0", name="trainers_username_not_blank"),
        sa.CheckConstraint("is_admin IN (0, 1)", name="trainers_is_admin_flag"),
        sa.UniqueConstraint("username", name="trainers_username_unique"),
    )
    now = datetime.now(UTC).isoformat(timespec="seconds")
    bind.execute(
        sa.text(
            "INSERT INTO trainers (username, display_name, is_admin, created)"
            " VALUES (:name, '', 1, :now)"
        ),
        {"name": LOCAL_TRAINER, "now": now},
    )
    local = bind.execute(
        sa.text("SELECT id FROM trainers WHERE username = :name"), {"name": LOCAL_TRAINER}
    ).scalar_one()
    op.add_column("clients", sa.Column("trainer_id", sa.Integer, nullable=True))
    bind.execute(sa.text("UPDATE clients SET trainer_id = :id"), {"id": local})
    if bind.dialect.name == "sqlite":
        with op.batch_alter_table("clients", copy_from=_clients_as_before()) as batch:
            batch.alter_column("trainer_id", existing_type=sa.Integer, nullable=False)
            batch.create_foreign_key(
                "clients_trainer", "trainers", ["trainer_id"], ["id"], ondelete="RESTRICT"
            )
    else:
        op.alter_column("clients", "trainer_id", existing_type=sa.Integer, nullable=False)
        op.create_foreign_key(
            "clients_trainer", "clients", "trainers", ["trainer_id"], ["id"], ondelete="RESTRICT"
        )
    op.create_index("clients_by_trainer", "clients", ["trainer_id", "id"])
    if bind.dialect.name == "sqlite":  # rebuilt by the batch: its case-blind index again
        bind.exec_driver_sql("DROP INDEX IF EXISTS clients_by_name")
        bind.exec_driver_sql("CREATE INDEX clients_by_name ON clients (name COLLATE NOCASE)")
    op.create_table(
        "client_handovers",
        _id(),
        sa.Column(
            "client_id",
            sa.Integer,
            sa.ForeignKey("clients.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("from_trainer_id", sa.Integer, sa.ForeignKey("trainers.id"), nullable=False),
        sa.Column("to_trainer_id", sa.Integer, sa.ForeignKey("trainers.id"), nullable=False),
        sa.Column("handed_over_by", sa.Text, nullable=False),
        sa.Column("at", sa.Text, nullable=False),
    )
    op.create_index("client_handovers_by_client", "client_handovers", ["client_id", "id"])
    if bind.dialect.name == "postgresql":
        script = (
            resources.files("stretchkit.store")
            .joinpath("migrations", "postgresql", "0007_row_level_security.sql")
            .read_text(encoding="utf-8")
        )
        for statement in sql_statements(script, "postgresql"):
            bind.exec_driver_sql(statement)
    record_step(7, "trainers")


def downgrade() -> None:
    raise NotImplementedError("stretchkit's store migrates forward only: restore a backup")
