"""Row-level security on PostgreSQL: a clerk's own database login sees only the cases of
the bodies that clerk may see, with their parties, decisions, events, outcomes,
confirmations and documents — the same rule the services apply (`services/access.py`).

How it is tied together:
- `clerks.db_role` names the PostgreSQL login role of a clerk (`mediate db grant`).
- `mediate_current_clerk()` is the registered, active clerk whose `db_role` is the
  connecting role (`current_user`); `mediate_visible_orgs()` the ids of the bodies that
  clerk sees: the own body; for a supervisor also every body below it (`orgs.parent_id`);
  for an admin every body.
- Policies on the case tables compare against those two functions.

The policies are installed by the schema migration (nothing happens on SQLite). The owner
of the tables — the role mediate migrates with, the deployment's service account — is
not bound by them (no FORCE): the services check access for it. Every other role sees no
row of a protected table unless it maps to a clerk.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from mediate.errors import DatabaseError, ValidationError
from mediate.i18n import _

# Tables whose rows belong to one case (case_id), and are readable/writable with it.
CASE_CHILD_TABLES = ("parties", "decisions", "outcomes", "confirmations", "documents")
PROTECTED_TABLES = ("cases", *CASE_CHILD_TABLES, "events")
# What a clerk's login may change (never delete: the trail is append-only).
WRITABLE_TABLES = ("cases", *CASE_CHILD_TABLES, "import_batches")

_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

_FUNCTIONS = """
CREATE OR REPLACE FUNCTION mediate_current_clerk() RETURNS varchar
LANGUAGE sql STABLE AS $$
  SELECT name FROM clerks WHERE db_role = current_user::text AND active
$$;

CREATE OR REPLACE FUNCTION mediate_visible_orgs() RETURNS SETOF varchar
LANGUAGE sql STABLE AS $$
  WITH RECURSIVE me AS (
    SELECT org_id, role FROM clerks WHERE db_role = current_user::text AND active
  ), below(id) AS (
    SELECT org_id FROM me WHERE org_id IS NOT NULL
    UNION
    SELECT o.id FROM orgs o JOIN below b ON o.parent_id = b.id
    WHERE EXISTS (SELECT 1 FROM me WHERE role = 'supervisor')
  )
  SELECT id FROM below
  UNION
  SELECT id FROM orgs WHERE EXISTS (SELECT 1 FROM me WHERE role = 'admin')
$$;
"""

_CASE_SEEN = "(org_id IN (SELECT mediate_visible_orgs()) OR created_by = mediate_current_clerk())"
_CASE_CHANGED = (
    "(org_id IN (SELECT mediate_visible_orgs())"
    " OR (org_id IS NULL AND created_by = mediate_current_clerk()))"
)
_OF_VISIBLE_CASE = "(case_id IN (SELECT id FROM cases))"


def _policies() -> list[str]:
    statements = [
        f"CREATE POLICY mediate_cases_read ON cases FOR SELECT USING {_CASE_SEEN}",
        f"CREATE POLICY mediate_cases_insert ON cases FOR INSERT WITH CHECK {_CASE_SEEN}",
        # A clerk may hand a case of theirs over to another body (transfer): the new row
        # need not stay visible.
        f"CREATE POLICY mediate_cases_update ON cases FOR UPDATE USING {_CASE_CHANGED}"
        " WITH CHECK (true)",
        "CREATE POLICY mediate_events_read ON events FOR SELECT USING "
        f"({_OF_VISIBLE_CASE} OR (case_id IS NULL AND clerk = mediate_current_clerk()))",
        "CREATE POLICY mediate_events_insert ON events FOR INSERT WITH CHECK "
        f"(clerk = mediate_current_clerk() AND (case_id IS NULL OR {_OF_VISIBLE_CASE}))",
    ]
    for table in CASE_CHILD_TABLES:
        statements.append(
            f"CREATE POLICY mediate_{table}_by_case ON {table} "
            f"USING {_OF_VISIBLE_CASE} WITH CHECK {_OF_VISIBLE_CASE}"
        )
    return statements


# Routing balances bodies by their open cases, across all bodies: a clerk's login must
# count the cases it may not read. Counts only, computed with the owner's rights.
_OPEN_LOAD = """
CREATE OR REPLACE FUNCTION mediate_open_load() RETURNS TABLE (org_id varchar, n bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = "{schema}", pg_temp AS $$
  SELECT org_id, count(*) FROM cases
  WHERE closed_on IS NULL AND org_id IS NOT NULL GROUP BY org_id
$$;
"""


def install_policies(connection: Connection) -> None:
    """Create the functions and policies and switch row-level security on (PostgreSQL)."""
    if connection.dialect.name != "postgresql":
        return
    schema = connection.execute(text("SELECT current_schema()")).scalar_one()
    connection.execute(text(_FUNCTIONS))
    connection.execute(text(_OPEN_LOAD.format(schema=schema)))
    for table in PROTECTED_TABLES:
        connection.execute(text(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"))
    for statement in _policies():
        connection.execute(text(statement))


def drop_policies(connection: Connection) -> None:
    if connection.dialect.name != "postgresql":
        return
    for table in PROTECTED_TABLES:
        connection.execute(text(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY"))
        rows = connection.execute(
            text("SELECT policyname FROM pg_policies WHERE tablename = :t"), {"t": table}
        )
        for (name,) in list(rows):
            connection.execute(text(f'DROP POLICY IF EXISTS "{name}" ON {table}'))
    connection.execute(text("DROP FUNCTION IF EXISTS mediate_open_load()"))
    connection.execute(text("DROP FUNCTION IF EXISTS mediate_visible_orgs()"))
    connection.execute(text("DROP FUNCTION IF EXISTS mediate_current_clerk()"))


def check_role_name(name: str) -> str:
    """Role names are plain lower-case identifiers, so no quoting is ever needed."""
    if not _ROLE_NAME.match(name):
        raise ValidationError(
            _(
                "{name!r} is not a usable database role name: use lower-case letters, digits "
                "and _, starting with a letter, at most 63 characters."
            ).format(name=name),
            where="--role",
        )
    return name


def role_exists(connection: Connection, role: str) -> bool:
    found = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role})
    return found.first() is not None


def create_login_role(connection: Connection, role: str, password: str | None) -> bool:
    """Create `role` as a login role unless it exists; True when created.

    Needs CREATEROLE, unless a DBA created the login already (and no password is set)."""
    check_role_name(role)
    try:
        with connection.begin_nested():
            can_login = connection.execute(
                text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :r"), {"r": role}
            ).scalar()
            if can_login is None:
                connection.execute(text(f"CREATE ROLE {role} LOGIN"))
            elif not can_login:
                connection.execute(text(f"ALTER ROLE {role} LOGIN"))
            if password is not None:
                # Role DDL takes no bind parameters; quote the literal as PostgreSQL does.
                literal = "'" + password.replace("'", "''") + "'"
                connection.execute(text(f"ALTER ROLE {role} PASSWORD {literal}"))
    except DBAPIError as exc:
        raise DatabaseError(
            _(
                "Cannot create the login {role}: the role mediate connects with may not "
                "create roles (CREATEROLE). Ask the database administrator to run "
                "`CREATE ROLE {role} LOGIN`, then run this again."
            ).format(role=role)
        ) from exc
    return can_login is None


def grant_clerk_privileges(connection: Connection, role: str) -> None:
    """What a clerk's login may do in this database; the policies narrow it to rows."""
    check_role_name(role)
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    schema = connection.execute(text("SELECT current_schema()")).scalar_one()
    connection.execute(text(f'GRANT CONNECT ON DATABASE "{database}" TO {role}'))
    connection.execute(text(f'GRANT USAGE ON SCHEMA "{schema}" TO {role}'))
    connection.execute(text(f'GRANT SELECT ON ALL TABLES IN SCHEMA "{schema}" TO {role}'))
    for table in WRITABLE_TABLES:
        connection.execute(text(f"GRANT INSERT, UPDATE ON {table} TO {role}"))
    connection.execute(text(f"GRANT INSERT ON events TO {role}"))
    connection.execute(text(f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA "{schema}" TO {role}'))


def revoke_clerk_privileges(connection: Connection, role: str) -> None:
    """Take back everything granted in this database and forbid logging in."""
    check_role_name(role)
    if not role_exists(connection, role):
        return
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    schema = connection.execute(text("SELECT current_schema()")).scalar_one()
    connection.execute(text(f'REVOKE ALL ON ALL TABLES IN SCHEMA "{schema}" FROM {role}'))
    connection.execute(text(f'REVOKE ALL ON ALL SEQUENCES IN SCHEMA "{schema}" FROM {role}'))
    connection.execute(text(f'REVOKE USAGE ON SCHEMA "{schema}" FROM {role}'))
    connection.execute(text(f'REVOKE CONNECT ON DATABASE "{database}" FROM {role}'))
    connection.execute(text(f"ALTER ROLE {role} NOLOGIN"))


def current_role_of(connection: Connection) -> str | None:
    """The connecting role on PostgreSQL; None on SQLite."""
    if connection.dialect.name != "postgresql":
        return None
    return str(connection.execute(text("SELECT current_user")).scalar_one())


def rls_enabled(connection: Connection, table: str) -> bool:
    if connection.dialect.name != "postgresql":
        return False
    value = connection.execute(
        text("SELECT relrowsecurity FROM pg_class WHERE relname = :t AND relkind = 'r'"),
        {"t": table},
    ).scalar()
    return bool(value)


def open_load_everywhere(connection: Connection) -> dict[str, int] | None:
    """Open cases per body across every body, whoever is connected (PostgreSQL); None on
    SQLite, where a plain count sees everything anyway."""
    if connection.dialect.name != "postgresql":
        return None
    rows = connection.execute(text("SELECT org_id, n FROM mediate_open_load()"))
    return {str(org_id): int(n) for org_id, n in rows}
