"""Indexes for the funnel report: cases by (org, status, county, closed_on, source) in
place of (org, status); the cases returned to court by outcomes.follow_up first

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 17:10:00
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # An earlier revision in the same upgrade may have updated cases rows: their
        # deferred trigger events must fire before the table can be indexed.
        op.execute("SET CONSTRAINTS ALL IMMEDIATE")
    # (org_id, status) is the prefix of the new index: what used the old one uses this one.
    op.drop_index("ix_case_org_status", table_name="cases")
    op.create_index(
        "ix_case_report_funnel",
        "cases",
        ["org_id", "status", "county_code", "closed_on", "source"],
    )
    op.drop_index("ix_outcome_report", table_name="outcomes")
    op.create_index("ix_outcome_follow_up", "outcomes", ["follow_up", "case_id"])


def downgrade() -> None:
    op.drop_index("ix_outcome_follow_up", table_name="outcomes")
    op.create_index("ix_outcome_report", "outcomes", ["case_id", "follow_up"])
    op.drop_index("ix_case_report_funnel", table_name="cases")
    op.create_index("ix_case_org_status", "cases", ["org_id", "status"])
