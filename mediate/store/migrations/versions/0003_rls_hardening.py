"""PostgreSQL row-level security hardened (issue #12)

The functions behind the policies name their tables with the schema and fix their search
path, import_batches comes under row-level security, triggers keep the audit trail
whoever writes, TEMP and CREATE are taken from PUBLIC, and the logins granted before are
re-granted with today's narrower privileges. Nothing on SQLite.

Revision ID: 0003
Revises: 0002
"""

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # This ran the store/rls.py of the day (its installer and the logins' re-grant), so an
    # old database's upgrade depended on code written later. 0015 installs the whole of
    # row-level security from a frozen copy, 0016 re-grants the logins: nothing here.
    pass


def downgrade() -> None:
    # The hardened functions and triggers replace 0001's in place and are what 0001
    # installs today: a security fix is not taken back.
    pass
