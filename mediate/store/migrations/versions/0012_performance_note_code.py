"""performance_events.note_code: a note the tool writes itself (the agreement performed in
full by instalments) is stored as a code and put into words when read, in the reader's
language (it was stored as text in the language the command ran in). Notes stored as text
before stay as they are: the table is insert-only, and they read as they did.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 20:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with op.batch_alter_table("performance_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("note_code", sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("performance_events", schema=None) as batch_op:
        batch_op.drop_column("note_code")
