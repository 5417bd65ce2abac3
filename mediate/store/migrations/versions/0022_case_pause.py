"""cases.paused_on, cases.pause_reason, cases.paused_days: a pause of a case's time limit
(`case pause` / `case resume`; mediate/domain/pauses.py). 医疗纠纷预防和处理条例 (2018) art. 38
(read in LawRefBook/Laws at 6ef77b0): "需要鉴定的，鉴定时间不计入调解期限". While a pause lasts
the case keeps the day it began and its reason, and has no deadline; `paused_days` is the
total paused so far, in the limit's unit, which the deadline counts on top of the days
allowed and the extension. Existing cases were never paused: NULL, NULL, 0. The columns are
covered by the cases table's grants, row-level security policies and audit trigger as they
are (no change there).

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03 10:30:00
"""

import sqlite3

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

COLUMNS = ("paused_on", "pause_reason", "paused_days")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("paused_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("pause_reason", sa.String(length=20), nullable=True))
        batch_op.add_column(
            sa.Column("paused_days", sa.Integer(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    # A case paused when the schema goes back would keep no deadline and no way to resume:
    # the downgrade refuses rather than lose the pause (resume the cases first).
    bind = op.get_bind()
    paused = bind.execute(sa.text("SELECT count(*) FROM cases WHERE paused_on IS NOT NULL"))
    if paused.scalar():
        raise RuntimeError(
            "downgrading 0022: some cases' time limits are paused; resume them first "
            "(`mediate case resume ID`)"
        )
    # SQLite: a batch would recreate `cases` (copy, DROP TABLE, rename), and DROP TABLE fails
    # on the foreign keys to it once a case exists (0020's downgrade); these columns have no
    # index or constraint, so SQLite >= 3.35 drops them in place.
    if bind.dialect.name == "sqlite":
        if sqlite3.sqlite_version_info < (3, 35):
            raise RuntimeError(
                f"downgrading 0022 needs SQLite 3.35 or newer (ALTER TABLE DROP COLUMN); "
                f"this Python has SQLite {sqlite3.sqlite_version}"
            )
        for column in COLUMNS:
            op.execute(f"ALTER TABLE cases DROP COLUMN {column}")
        return
    with op.batch_alter_table("cases", schema=None) as batch_op:
        for column in COLUMNS:
            batch_op.drop_column(column)
