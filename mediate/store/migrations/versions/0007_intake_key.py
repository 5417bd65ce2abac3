"""cases.intake_key: the natural key of a referral imported without a case number

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 14:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # An earlier revision in the same upgrade may have updated cases rows: their
        # deferred trigger events must fire before the table can be altered.
        op.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("intake_key", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_cases_intake_key"), ["intake_key"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cases_intake_key"))
        batch_op.drop_column("intake_key")
