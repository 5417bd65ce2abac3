"""documents.title: the title printed on a paper when it was made (a body's own: 调解协议书
of a court's docking centre, 人民调解协议书 of a committee), so `case show` and `case history`
name a paper made before a transfer as it was printed, not by the case's body now. Papers
made before stay without one (NULL) and read as they did, by the case's body. The column
is covered by the table's grants and policies as they are (no row-level security change).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 17:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("title", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_column("title")
