"""cases.claim: the applicant's claim (请求事项), which routing may test

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 14:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Seed item 18: whether an enterprise is the debtor asked to pay (支付货款, 服务费) or a
    # shop asked for a refund decides between the credit committee and the consumer body.
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("claim", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("claim")
