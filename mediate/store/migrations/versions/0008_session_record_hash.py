"""mediation_sessions.record_sha256 and record_copy: an attached 调解笔录 is kept by its
content (sha256) and by a copy in the records directory, so a dossier can list it and a
file moved or changed after it was recorded is noticed (issue 20)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 17:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with op.batch_alter_table("mediation_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("record_sha256", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("record_copy", sa.String(length=1000), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("mediation_sessions", schema=None) as batch_op:
        batch_op.drop_column("record_copy")
        batch_op.drop_column("record_sha256")
