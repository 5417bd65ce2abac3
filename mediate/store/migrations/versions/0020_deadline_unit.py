"""cases.deadline_unit, decisions.deadline_unit: the unit a time limit is counted in.
NULL is calendar days, the last one moved past a holiday (CPL 2023 art. 85), as every
limit was counted before; 'workdays' counts working days (工作日) — the medical mediation
committee's 30 working days (医疗纠纷预防和处理条例 (2018) art. 38, read in LawRefBook/Laws
at 2f4c5c2), given by the rules as `{workdays: 30}`. Cases routed before keep NULL and
their stored deadline. Both columns are covered by the tables' grants, policies and audit
triggers as they are (case_id tables of row-level security since 0015; no change there).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03 07:00:00
"""

import sqlite3

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for table in ("cases", "decisions"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("deadline_unit", sa.String(length=10), nullable=True))


def downgrade() -> None:
    # SQLite: a batch would recreate `cases` (copy, DROP TABLE, rename), and DROP TABLE
    # fails on the decisions' foreign key once a case exists (review of 2026-12-03).
    # The column has no index or constraint, so SQLite >= 3.35 drops it in place.
    if op.get_bind().dialect.name == "sqlite":
        if sqlite3.sqlite_version_info < (3, 35):
            raise RuntimeError(
                f"downgrading 0020 needs SQLite 3.35 or newer (ALTER TABLE DROP COLUMN); "
                f"this Python has SQLite {sqlite3.sqlite_version}"
            )
        for table in ("decisions", "cases"):
            op.execute(f"ALTER TABLE {table} DROP COLUMN deadline_unit")
        return
    for table in ("decisions", "cases"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("deadline_unit")
