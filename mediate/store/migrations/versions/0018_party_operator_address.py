"""parties.operator_address: a 个体工商户's 经营者's own 住所 (domicile), apart from the
business's registered 住所 in `address`. 民诉法解释 (2022) art. 59 makes the 字号 the party
"但应同时注明该字号经营者的基本信息", and 市场主体登记管理条例 (2021) art. 8 para. 2(四)
registers "个体工商户的经营者姓名、住所、经营场所" (both read in LawRefBook/Laws): the
operator's domicile is another address than the 字号's. Parties recorded before stay
without one (NULL) and print as they did. The column is covered by the table's grants,
policies and audit triggers as they are (parties is a case_id table of row-level security
since 0015; no row-level security change).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02 22:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with op.batch_alter_table("parties", schema=None) as batch_op:
        batch_op.add_column(sa.Column("operator_address", sa.String(length=300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("parties", schema=None) as batch_op:
        batch_op.drop_column("operator_address")
