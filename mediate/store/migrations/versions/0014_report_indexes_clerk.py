"""PostgreSQL: the two report indexes on cases also carry the clerk who created the case
(`created_by`), which the row-level security policy on cases reads: a clerk's own login
then reads them alone, as the owner does, instead of visiting the table for every case.
Nothing on SQLite (its indexes have no included columns).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 20:50:00
"""

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_case_report_org": ["org_id", "status", "closed_on", "received_on", "county_code", "source"],
    "ix_case_report_funnel": ["org_id", "status", "county_code", "closed_on", "source"],
}


def _rebuild(include: list[str]) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # An earlier revision in the same upgrade may have updated cases rows: their
    # deferred trigger events must fire before the table can be indexed.
    op.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for name, columns in INDEXES.items():
        op.drop_index(name, table_name="cases")
        op.create_index(name, "cases", columns, postgresql_include=include)


def upgrade() -> None:
    _rebuild(["id", "created_by"])


def downgrade() -> None:
    _rebuild(["id"])
