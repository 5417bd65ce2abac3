"""Row-level security: the policies of the tables that belong to a case look the case up by
its key (EXISTS) instead of testing membership in the list of every visible case, which
PostgreSQL scans row by row once it no longer fits in work_mem. Same rows visible; nothing
on SQLite.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 18:05:00
"""

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Installed by 0015 with the rest of row-level security (a frozen copy); this migration
    # no longer runs the store/rls.py of the day.
    pass


def downgrade() -> None:
    # The same rows are visible either way; the faster policies are what 0001 installs today.
    pass
