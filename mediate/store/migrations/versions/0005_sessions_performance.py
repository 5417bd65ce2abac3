"""mediation_sessions and performance_events: the mediation itself and what follows the
agreement (issue 20). On PostgreSQL both come under the case's row-level security (0015).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

import mediate.store.types

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mediation_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", mediate.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=True),
        sa.Column("online", sa.Boolean(), nullable=False),
        sa.Column("mediator_id", sa.Integer(), nullable=True),
        sa.Column("summoned", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(), nullable=True),
        sa.Column("attended", sa.JSON(), nullable=False),
        sa.Column("record", sa.String(), nullable=True),
        sa.Column("record_file", sa.String(length=1000), nullable=True),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", mediate.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.ForeignKeyConstraint(["mediator_id"], ["mediators.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("mediation_sessions") as batch:
        batch.create_index(batch.f("ix_mediation_sessions_case_id"), ["case_id"], unique=False)
        batch.create_index("ix_session_day", ["starts_at", "status"], unique=False)
    op.create_table(
        "performance_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("amount", mediate.store.types.Money(), nullable=True),
        sa.Column("by", sa.String(length=100), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.Column("recorded_at", mediate.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("performance_events") as batch:
        batch.create_index("ix_performance_case", ["case_id", "kind", "amount"], unique=False)
    # Their row-level security is 0015's (a frozen copy), the logins' grants 0016's: this
    # migration no longer runs the store/rls.py of the day.


def downgrade() -> None:
    op.drop_table("performance_events")
    op.drop_table("mediation_sessions")
