"""confirmation and hand-back: where the subject matter is, the day papers went back to
the court, the grounds of a court's refusal

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 14:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # CPL 2023 art. 205(2): the basic court where the subject matter is (DESIGN §3.1).
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("subject_matter_location", sa.String(length=100), nullable=True)
        )
    # 特邀调解规定 arts. 20-21: the day the report or return letter went back to the court.
    # ... and the parties' positions a report on a failed mediation states.
    with op.batch_alter_table("outcomes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("handed_back_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("positions", sa.String(), nullable=True))
    # 民诉法解释 arts. 355, 358: the grounds a court gave for not accepting or dismissing.
    with op.batch_alter_table("confirmations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("ruling_grounds", sa.JSON(), nullable=False, server_default="[]")
        )


def downgrade() -> None:
    with op.batch_alter_table("confirmations", schema=None) as batch_op:
        batch_op.drop_column("ruling_grounds")
    with op.batch_alter_table("outcomes", schema=None) as batch_op:
        batch_op.drop_column("positions")
        batch_op.drop_column("handed_back_on")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("subject_matter_location")
