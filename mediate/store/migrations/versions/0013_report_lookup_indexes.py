"""Indexes for reports with case filters (county, source) and for row-level security:
cases by id with their body, clerk, county and source; decisions by case with their body
and time (in place of decisions by case alone, its prefix).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 20:40:00
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # An earlier revision in the same upgrade may have updated cases rows: their
        # deferred trigger events must fire before the table can be indexed.
        op.execute("SET CONSTRAINTS ALL IMMEDIATE")
    op.create_index(
        "ix_case_lookup", "cases", ["id", "org_id", "created_by", "county_code", "source"]
    )
    # (case_id) is the prefix of the new index: what used the old one uses this one.
    op.drop_index("ix_decisions_case_id", table_name="decisions")
    op.create_index("ix_decision_case", "decisions", ["case_id", "org_id", "decided_at"])


def downgrade() -> None:
    op.drop_index("ix_decision_case", table_name="decisions")
    op.create_index("ix_decisions_case_id", "decisions", ["case_id"])
    op.drop_index("ix_case_lookup", table_name="cases")
