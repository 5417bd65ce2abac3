"""confirmations.drafted_on: the date printed on the joint application (申请书) the body
produced for the court (`doc render|batch application --date`, default the day it was
made). An application is filed on or after the day it is dated, so a filing date before it
is refused (民事诉讼法 (2023) art. 205: the parties apply with the application they signed).
NULL for applications drafted before this revision: no date is known, nothing is checked.
The column is covered by the confirmations table's grants, row-level security policy and
audit trigger as they are (a case_id table since 0015; no change there).

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-03 10:00:00
"""

import sqlite3

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with op.batch_alter_table("confirmations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("drafted_on", sa.Date(), nullable=True))


def downgrade() -> None:
    # SQLite: a batch would recreate `confirmations` (copy, DROP TABLE, rename), as 0020's
    # downgrade explains; the column has no index or constraint, so SQLite >= 3.35 drops it
    # in place.
    if op.get_bind().dialect.name == "sqlite":
        if sqlite3.sqlite_version_info < (3, 35):
            raise RuntimeError(
                f"downgrading 0021 needs SQLite 3.35 or newer (ALTER TABLE DROP COLUMN); "
                f"this Python has SQLite {sqlite3.sqlite_version}"
            )
        op.execute("ALTER TABLE confirmations DROP COLUMN drafted_on")
        return
    with op.batch_alter_table("confirmations", schema=None) as batch_op:
        batch_op.drop_column("drafted_on")
