"""Row-level security: a login that sees every body (an admin) reads the rows of a case's
tables without a lookup of the case for each row — only the few cases no body has yet that
another clerk registered are hidden from it, and its rows are tested against that short
list (`mediate_unseen_cases`); it reads a case that has a body without finding the body
in its list. Every other login's rows are looked up as before. The same rows are visible
to every login; nothing on SQLite.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01 23:30:00
"""

from alembic import op
from sqlalchemy import text

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# The policies as 0011-0014 left them (store/rls.py writes today's).
_CLERK = "(SELECT @S@.mediate_current_clerk())"
_ORGS = "(SELECT @S@.mediate_visible_orgs())"
_CHILD_TABLES = (
    "parties",
    "decisions",
    "outcomes",
    "confirmations",
    "documents",
    "mediation_sessions",
    "performance_events",
)
_NEW_FUNCTIONS = (
    "mediate_unseen_cases(text)",
    "mediate_sees_every_body()",
    "mediate_sees_every_body_of(text)",
)


def _lookup(table: str) -> str:
    return f"(EXISTS (SELECT 1 FROM @S@.cases c WHERE c.id = {table}.case_id))"


def _previous_policies() -> list[tuple[str, str, str]]:
    policies = [
        (
            "mediate_cases_read",
            "cases",
            f"FOR SELECT USING (org_id IN {_ORGS} OR created_by = {_CLERK})",
        ),
        (
            "mediate_events_read",
            "events",
            f"FOR SELECT USING ({_lookup('events')} OR (case_id IS NULL AND clerk = {_CLERK}))",
        ),
    ]
    for table in _CHILD_TABLES:
        rule = _lookup(table)
        policies.append((f"mediate_{table}_by_case", table, f"USING {rule} WITH CHECK {rule}"))
    return policies


_PREVIOUS_VISIBLE_ORGS = """
CREATE OR REPLACE FUNCTION @S@.mediate_visible_orgs() RETURNS SETOF varchar
LANGUAGE sql STABLE SECURITY INVOKER SET search_path = pg_catalog, @S@, pg_temp AS $$
  WITH RECURSIVE me AS (
    SELECT c.org_id, c.role FROM @S@.clerks c
    WHERE c.db_role = current_user::text AND c.active
  ), below(id) AS (
    SELECT me.org_id FROM me WHERE me.org_id IS NOT NULL
    UNION
    SELECT o.id FROM @S@.orgs o JOIN below b ON o.parent_id = b.id
    WHERE EXISTS (SELECT 1 FROM me WHERE me.role = 'supervisor')
  )
  SELECT below.id FROM below
  UNION
  SELECT o.id FROM @S@.orgs o WHERE EXISTS (SELECT 1 FROM me WHERE me.role = 'admin')
$$;
"""


def upgrade() -> None:
    from mediate.store.rls import install_policies

    install_policies(op.get_bind())  # re-creates every function and policy as rls.py has them


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    name = bind.execute(text("SELECT current_schema()")).scalar_one()
    schema = '"' + name.replace('"', '""') + '"'
    for policy, table, body in _previous_policies():
        bind.execute(text(f"DROP POLICY IF EXISTS {policy} ON {schema}.{table}"))
        bind.execute(
            text(f"CREATE POLICY {policy} ON {schema}.{table} {body.replace('@S@', schema)}")
        )
    bind.execute(text(_PREVIOUS_VISIBLE_ORGS.replace("@S@", schema)))
    for signature in (*_NEW_FUNCTIONS, "mediate_visible_orgs_of(text)"):
        bind.execute(text(f"DROP FUNCTION IF EXISTS {schema}.{signature}"))
