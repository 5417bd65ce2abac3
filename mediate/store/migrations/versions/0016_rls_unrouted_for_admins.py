"""Row-level security: an admin's login sees and changes the cases no body has yet, whoever
registered them (a clerk who registered one and left stranded it: only the database owner
could route it). A supervisor's login, even of the body every other is below, still sees
only its own of those (they are no body's). The clerks' logins are re-granted with the
privileges of this version (what 0003 and 0005 did by calling today's rls.py; they no
longer do). Nothing on SQLite.

Frozen (store/rls.py at 0016): the function `mediate_is_admin()`, `mediate_unseen_cases`
(nothing hidden from an admin), the policies `mediate_cases_read` and
`mediate_cases_update`, the grants. Everything else stays as 0015 installed it.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 06:30:00
"""

import importlib.util
from pathlib import Path

from alembic import op
from sqlalchemy import Connection, text

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_FUNCTIONS = """
CREATE OR REPLACE FUNCTION @S@.mediate_is_admin() RETURNS boolean
LANGUAGE sql STABLE SECURITY INVOKER SET search_path = pg_catalog, @S@, pg_temp AS $$
  SELECT EXISTS (
    SELECT 1 FROM @S@.clerks c
    WHERE c.db_role = current_user::text AND c.active AND c.role = 'admin'
  )
$$;

CREATE OR REPLACE FUNCTION @S@.mediate_unseen_cases(login text) RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, @S@, pg_temp ROWS 10 AS $$
DECLARE
  me varchar;
  my_role varchar;
BEGIN
  IF NOT pg_has_role(session_user, login, 'MEMBER')
     OR NOT @S@.mediate_sees_every_body_of(login) THEN
    RETURN NEXT NULL;
    RETURN;
  END IF;
  SELECT k.name, k.role INTO me, my_role FROM @S@.clerks k
  WHERE k.db_role = login AND k.active;
  IF my_role = 'admin' THEN
    RETURN;
  END IF;
  RETURN QUERY SELECT c.id FROM @S@.cases c
    WHERE c.org_id IS NULL AND c.created_by IS DISTINCT FROM me;
END $$;
"""

_CLERK = "(SELECT @S@.mediate_current_clerk())"
_ORGS = "(SELECT @S@.mediate_visible_orgs())"
_EVERY_BODY = "(SELECT @S@.mediate_sees_every_body())"
_ADMIN = "(SELECT @S@.mediate_is_admin())"
_CASE_SEEN = f"(org_id IN {_ORGS} OR created_by = {_CLERK})"
_CASE_READ = f"({_ADMIN} OR ({_EVERY_BODY} AND org_id IS NOT NULL) OR {_CASE_SEEN})"
_CASE_CHANGED = f"(org_id IN {_ORGS} OR (org_id IS NULL AND (created_by = {_CLERK} OR {_ADMIN})))"

# What a clerk's login may do (store/rls.py's grant_clerk_privileges at 0016).
_UPDATABLE = ("cases", "parties", "confirmations", "import_batches", "mediation_sessions")
_INSERT_ONLY = ("decisions", "outcomes", "documents", "events", "performance_events")
_ROLE_NAME = r"^[a-z_][a-z0-9_]{0,62}$"


def policies() -> list[tuple[str, str, str]]:
    """(name, table, the rest of CREATE POLICY name ON table …) as 0016 replaces them."""
    return [
        ("mediate_cases_read", "cases", f"FOR SELECT USING {_CASE_READ}"),
        ("mediate_cases_update", "cases", f"FOR UPDATE USING {_CASE_CHANGED} WITH CHECK (true)"),
    ]


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _regrant_logins(bind: Connection, schema: str) -> None:
    """Every active clerk's existing login, granted from nothing with 0016's privileges
    (a login granted by an older version loses what it had more: TEMP, CREATE, UPDATE on
    the insert-only tables; and gains the tables added since)."""
    database = _quoted(str(bind.execute(text("SELECT current_database()")).scalar_one()))
    roles = bind.execute(
        text(
            f"SELECT k.db_role FROM {schema}.clerks k JOIN pg_roles r ON r.rolname = k.db_role "
            "WHERE k.active AND k.db_role IS NOT NULL AND k.db_role ~ :pattern"
        ),
        {"pattern": _ROLE_NAME},
    ).scalars()
    for role in list(roles):
        for statement in (
            f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {role}",
            f"GRANT CONNECT ON DATABASE {database} TO {role}",
            f"REVOKE TEMPORARY ON DATABASE {database} FROM {role}",
            f"GRANT USAGE ON SCHEMA {schema} TO {role}",
            f"REVOKE CREATE ON SCHEMA {schema} FROM {role}",
            f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {role}",
            *(f"GRANT INSERT, UPDATE ON {schema}.{t} TO {role}" for t in _UPDATABLE),
            *(f"GRANT INSERT ON {schema}.{t} TO {role}" for t in _INSERT_ONLY),
            f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {role}",
        ):
            bind.execute(text(statement))
    bind.execute(text(f"REVOKE TEMPORARY ON DATABASE {database} FROM PUBLIC"))
    bind.execute(text(f"REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC"))


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = _quoted(str(bind.execute(text("SELECT current_schema()")).scalar_one()))
    bind.execute(text(_FUNCTIONS.replace("@S@", schema)))
    for name, table, body in policies():
        bind.execute(text(f"DROP POLICY IF EXISTS {name} ON {schema}.{table}"))
        bind.execute(
            text(f"CREATE POLICY {name} ON {schema}.{table} {body.replace('@S@', schema)}")
        )
    _regrant_logins(bind, schema)


def downgrade() -> None:
    """Back to what 0015 installs (its own frozen copy, run again), without 0016's
    function. The grants stay: they are 0015's too."""
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    (path,) = Path(__file__).parent.glob("0015_*.py")
    spec = importlib.util.spec_from_file_location("mediate_migration_0015", path)
    assert spec is not None and spec.loader is not None
    previous = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(previous)
    previous.upgrade()
    schema = _quoted(str(bind.execute(text("SELECT current_schema()")).scalar_one()))
    bind.execute(text(f"DROP FUNCTION IF EXISTS {schema}.mediate_is_admin()"))
