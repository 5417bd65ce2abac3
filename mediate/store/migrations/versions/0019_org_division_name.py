"""orgs.division_name: the name a deployment declared for the division a body of its own is
placed at, when data/network.yaml lacks that division (a village room at its village's
code): `org import` keeps a YAML file's `divisions:` and a CSV/XLSX file's `division_name`
column here, so a place written as `name（code）` at that division is checked against the
name, and routing knows the code. Bodies imported before stay without one (NULL). The
column is covered by the table's grants as they are (the orgs table has no row-level
security).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02 22:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with op.batch_alter_table("orgs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("division_name", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("orgs", schema=None) as batch_op:
        batch_op.drop_column("division_name")
