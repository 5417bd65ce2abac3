"""Indexes for the funnel report: cases by (org, status, county, closed_on, source) in
place of (org, status); the cases returned to court by outcomes.follow_up first; on
PostgreSQL the case id included in the two report indexes the joins on cases.id read

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 17:10:00
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


REPORT_ORG = ["org_id", "status", "closed_on", "received_on", "county_code", "source"]


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        # An earlier revision in the same upgrade may have updated cases rows: their
        # deferred trigger events must fire before the table can be indexed.
        op.execute("SET CONSTRAINTS ALL IMMEDIATE")
        # PostgreSQL's indexes do not carry the row id (SQLite's carry the rowid): with it
        # included, the reports' joins on cases.id read the index alone.
        op.drop_index("ix_case_report_org", table_name="cases")
        op.create_index("ix_case_report_org", "cases", REPORT_ORG, postgresql_include=["id"])
    # (org_id, status) is the prefix of the new index: what used the old one uses this one.
    op.drop_index("ix_case_org_status", table_name="cases")
    op.create_index(
        "ix_case_report_funnel",
        "cases",
        ["org_id", "status", "county_code", "closed_on", "source"],
        postgresql_include=["id"],
    )
    op.drop_index("ix_outcome_report", table_name="outcomes")
    op.create_index("ix_outcome_follow_up", "outcomes", ["follow_up", "case_id"])


def downgrade() -> None:
    op.drop_index("ix_outcome_follow_up", table_name="outcomes")
    op.create_index("ix_outcome_report", "outcomes", ["case_id", "follow_up"])
    op.drop_index("ix_case_report_funnel", table_name="cases")
    op.create_index("ix_case_org_status", "cases", ["org_id", "status"])
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_case_report_org", table_name="cases")
        op.create_index("ix_case_report_org", "cases", REPORT_ORG)
