"""PostgreSQL: rows a clerk's login inserts into a case's tables are audited

A deferred AFTER INSERT trigger on parties, decisions, outcomes, confirmations, documents,
mediation_sessions and performance_events: a row a login adds without an event of the same
transaction for its case bumps the case's version and leaves a `direct_sql_insert` event in
the login's clerk's name. The triggers skip the tables' owner (the service account's bulk
imports) in their WHEN clause. Nothing on SQLite.

Revision ID: 0010
Revises: 0009
"""

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Installed by 0015 with the rest of row-level security (a frozen copy); this migration
    # no longer runs the store/rls.py of the day.
    pass


def downgrade() -> None:
    # An audit is not taken back (as 0003).
    pass
