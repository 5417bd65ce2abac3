"""Row-level security on PostgreSQL: a clerk's own database login sees only the cases of
the bodies that clerk may see, with their parties, decisions, events, outcomes,
confirmations and documents — the same rule the services apply (`services/access.py`).

How it is tied together:
- `clerks.db_role` names the PostgreSQL login role of a clerk (`mediate db grant`).
- `mediate_current_clerk()` is the registered, active clerk whose `db_role` is the
  connecting role (`current_user`); `mediate_visible_orgs()` the ids of the bodies that
  clerk sees: the own body; for a supervisor also every body below it (`orgs.parent_id`);
  for an admin every body.
- Policies on the case tables (and on `import_batches`: a login sees its clerk's batches)
  compare against those two functions; `mediate_is_admin()` lets an admin's login see and
  change the cases no body has yet (a clerk sees those only of their own registering).

Hardening (issue #12, a login once read every body's parties by creating a temporary
`clerks` table that the functions resolved through its search_path):
- every function names its tables with the schema and runs with
  `SET search_path = pg_catalog, <schema>, pg_temp`, so nothing the caller creates can
  stand in for a table, function or operator; the two lookup functions are SECURITY
  INVOKER (a login may read `clerks` and `orgs` anyway), only the functions that must see
  past the caller's rows are SECURITY DEFINER (open-case counts; the audit triggers);
- `TEMP` on the database is revoked from PUBLIC and from every login, `CREATE` on the
  schema likewise; a login may UPDATE only `cases`, `parties`, `confirmations` and its own
  `import_batches` — `decisions`, `outcomes`, `documents` and `events` are insert-only;
- the audit trail does not depend on the writer: for every role but the tables' owner
  (the service account, which writes its own events) triggers bump `cases.version` on any
  change of a case or of its parties, and at commit check that each change is described —
  before and after, column by column — by an event of the same transaction; where it is
  not, they append one (`direct_sql_update`) in the login's own clerk's name. A row a
  login inserts into a case's table must come with an event of the same transaction for
  that case (mediate's services write one with every row they add); if not, the case's
  version goes up and the database appends `direct_sql_insert` with the row. A login
  inserts events only in its clerk's name and for a body it sees. A document's path and
  checksum cannot be changed by a login.

The policies and triggers are installed by the schema migrations (nothing happens on
SQLite), each with a frozen copy of what it installs — never by calling this module, which
changes: an old database's upgrade must not depend on today's code (0015 installs all of
it, later ones what changed; tests/integration/test_pg_migrations.py holds the head equal
to `install_policies`, which is idempotent and serves the tests and repairs). The owner
of the tables is not bound by them (no FORCE): the services check access for it. Every
other role sees no row of a protected table unless it maps to a clerk.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from mediate.errors import DatabaseError, ValidationError
from mediate.i18n import _

# Tables whose rows belong to one case (case_id), and are readable/writable with it.
CASE_CHILD_TABLES = (
    "parties",
    "decisions",
    "outcomes",
    "confirmations",
    "documents",
    "mediation_sessions",
    "performance_events",
)
PROTECTED_TABLES = ("cases", *CASE_CHILD_TABLES, "events", "import_batches")
# What a clerk's login may change (never delete: the trail is append-only). The services
# never update decisions, outcomes or documents: for a login they are insert-only.
UPDATABLE_TABLES = ("cases", "parties", "confirmations", "import_batches", "mediation_sessions")
INSERT_ONLY_TABLES = ("decisions", "outcomes", "documents", "events", "performance_events")
# The actions of the events the database writes for a change or a row nobody described.
DIRECT_UPDATE_ACTION = "direct_sql_update"
DIRECT_INSERT_ACTION = "direct_sql_insert"

_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
# Every function: tables named with their schema, and a search path the caller cannot
# change (pg_temp last, so a temporary object never stands in for ours).
_PATH = "SET search_path = pg_catalog, @S@, pg_temp"

_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION @S@.mediate_current_clerk() RETURNS varchar
LANGUAGE sql STABLE SECURITY INVOKER {_PATH} AS $$
  SELECT c.name FROM @S@.clerks c WHERE c.db_role = current_user::text AND c.active
$$;

CREATE OR REPLACE FUNCTION @S@.mediate_visible_orgs_of(login text) RETURNS SETOF varchar
LANGUAGE sql STABLE SECURITY INVOKER {_PATH} AS $$
  WITH RECURSIVE me AS (
    SELECT c.org_id, c.role FROM @S@.clerks c
    WHERE c.db_role = login AND c.active
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

CREATE OR REPLACE FUNCTION @S@.mediate_visible_orgs() RETURNS SETOF varchar
LANGUAGE sql STABLE SECURITY INVOKER {_PATH} AS $$
  SELECT @S@.mediate_visible_orgs_of(current_user::text)
$$;

-- Whether `login` is a registered, active clerk who sees every body (an admin; a
-- supervisor of the body all others are below). Such a login sees every case a body has
-- (cases.org_id references orgs), so the only cases hidden from it are those no body has
-- yet that another clerk registered: the policies test that short list instead of
-- looking each row's case up (see _of_visible_case).
CREATE OR REPLACE FUNCTION @S@.mediate_sees_every_body_of(login text) RETURNS boolean
LANGUAGE sql STABLE SECURITY INVOKER {_PATH} AS $$
  SELECT EXISTS (SELECT 1 FROM @S@.clerks c WHERE c.db_role = login AND c.active)
     AND NOT EXISTS (
       SELECT o.id FROM @S@.orgs o
       EXCEPT
       SELECT v.id FROM @S@.mediate_visible_orgs_of(login) AS v(id)
     )
$$;

CREATE OR REPLACE FUNCTION @S@.mediate_sees_every_body() RETURNS boolean
LANGUAGE sql STABLE SECURITY INVOKER {_PATH} AS $$
  SELECT @S@.mediate_sees_every_body_of(current_user::text)
$$;

-- Whether the login is an active admin's: an admin sees and changes the cases no body has
-- yet too, whoever registered them (a clerk who registered one may have left).
CREATE OR REPLACE FUNCTION @S@.mediate_is_admin() RETURNS boolean
LANGUAGE sql STABLE SECURITY INVOKER {_PATH} AS $$
  SELECT EXISTS (
    SELECT 1 FROM @S@.clerks c
    WHERE c.db_role = current_user::text AND c.active AND c.role = 'admin'
  )
$$;

-- The ids of the cases hidden from `login` when it sees every body: no body has them yet
-- and another clerk registered them (the cases policy, negated: org_id NULL and not its
-- clerk's; none for an admin, who sees those too). DEFINER, since the login cannot list
-- rows it does not see; so it answers only for a role the session may act as (`SET ROLE`)
-- that sees every body, and otherwise yields one NULL, which makes `case_id NOT IN (…)`
-- true for no row. What it tells such a login are ids only, the gaps it could read off
-- the ids of the cases it sees.
CREATE OR REPLACE FUNCTION @S@.mediate_unseen_cases(login text) RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER {_PATH} ROWS 10 AS $$
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

-- Routing balances bodies by their open cases, across all bodies: a clerk's login must
-- count the cases it may not read. Counts only, computed with the owner's rights.
CREATE OR REPLACE FUNCTION @S@.mediate_open_load() RETURNS TABLE (org_id varchar, n bigint)
LANGUAGE sql STABLE SECURITY DEFINER {_PATH} AS $$
  SELECT c.org_id, count(*) FROM @S@.cases c
  WHERE c.closed_on IS NULL AND c.org_id IS NOT NULL GROUP BY c.org_id
$$;

-- Who writes, for the audit triggers: NULL for the tables' owner (the service account,
-- which records its own events) and superusers; otherwise the clerk of the login, or
-- 'db:<role>' for a login that is nobody's. session_user, not current_user: inside a
-- SECURITY DEFINER trigger current_user is the owner, and only a superuser can change
-- session_user.
CREATE OR REPLACE FUNCTION @S@.mediate_audited_writer(OUT clerk varchar, OUT org_id varchar)
LANGUAGE plpgsql STABLE SECURITY INVOKER {_PATH} AS $$
BEGIN
  IF pg_has_role(session_user,
                 (SELECT t.relowner FROM pg_class t WHERE t.oid = '@S@.cases'::regclass),
                 'MEMBER') THEN
    RETURN;
  END IF;
  SELECT k.name, k.org_id INTO clerk, org_id FROM @S@.clerks k
  WHERE k.db_role = session_user::text;
  IF clerk IS NULL THEN
    clerk := 'db:' || session_user::text;
  END IF;
END $$;

CREATE OR REPLACE FUNCTION @S@.mediate_same(a jsonb, b jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE {_PATH} AS $$
  SELECT a IS NOT NULL AND (a = b OR (a #>> '{{}}') IS NOT DISTINCT FROM (b #>> '{{}}'))
$$;

CREATE OR REPLACE FUNCTION @S@.mediate_masked(key text, value jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE {_PATH} AS $$
  SELECT CASE
    WHEN key IN ('id_number', 'phone') AND jsonb_typeof(value) = 'string'
      THEN to_jsonb(left(value #>> '{{}}', 3)
                    || repeat('*', greatest(length(value #>> '{{}}') - 7, 0))
                    || right(value #>> '{{}}', 4))
    ELSE value END
$$;

-- Any change of a case by a login bumps its version (optimistic concurrency sees it).
CREATE OR REPLACE FUNCTION @S@.mediate_case_version() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER {_PATH} AS $$
BEGIN
  IF (SELECT w.clerk FROM @S@.mediate_audited_writer() w) IS NULL THEN
    RETURN NEW;
  END IF;
  IF NEW.version <= OLD.version THEN
    NEW.version := OLD.version + 1;
  END IF;
  IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
    NEW.updated_at := now();
  END IF;
  RETURN NEW;
END $$;

-- A change of a party is a change of its case. DEFINER: the login may hold a party of a
-- case it reads but may not update.
CREATE OR REPLACE FUNCTION @S@.mediate_party_version() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER {_PATH} AS $$
BEGIN
  IF (SELECT w.clerk FROM @S@.mediate_audited_writer() w) IS NULL THEN
    RETURN NULL;
  END IF;
  UPDATE @S@.cases SET version = version + 1 WHERE id IN (OLD.case_id, NEW.case_id);
  RETURN NULL;
END $$;

-- At commit: every column a login changed must be described, before and after, by an
-- event of this transaction for the case (mediate's services write one with each
-- versioned update); otherwise the database appends one in the login's clerk's name.
-- DEFINER: it reads the transaction's events and writes the case's event whatever the
-- login may see (a case handed to another body is no longer the login's).
CREATE OR REPLACE FUNCTION @S@.mediate_audit_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER {_PATH} AS $$
DECLARE
  who record;
  old_row jsonb := to_jsonb(OLD);
  new_row jsonb := to_jsonb(NEW);
  case_key integer;
  this_xact text := mod(txid_current(), 4294967296)::text;
  key text;
  before_values jsonb := '{{}}'::jsonb;
  after_values jsonb := '{{}}'::jsonb;
  uncovered boolean := false;
BEGIN
  SELECT w.clerk, w.org_id INTO who FROM @S@.mediate_audited_writer() w;
  IF who.clerk IS NULL THEN
    RETURN NULL;
  END IF;
  IF TG_TABLE_NAME = 'cases' THEN
    case_key := (new_row ->> 'id')::integer;
  ELSE
    case_key := (new_row ->> 'case_id')::integer;
  END IF;
  FOR key IN SELECT k FROM jsonb_object_keys(new_row) AS k ORDER BY k LOOP
    CONTINUE WHEN key IN ('version', 'updated_at');
    CONTINUE WHEN (new_row -> key) IS NOT DISTINCT FROM (old_row -> key);
    before_values := before_values
      || jsonb_build_object(key, @S@.mediate_masked(key, old_row -> key));
    after_values := after_values
      || jsonb_build_object(key, @S@.mediate_masked(key, new_row -> key));
    IF TG_TABLE_NAME <> 'cases' OR NOT EXISTS (
      SELECT 1 FROM @S@.events e
      WHERE e.case_id = case_key AND e.xmin::text = this_xact
        AND @S@.mediate_same(e.after::jsonb -> key, new_row -> key)
        AND @S@.mediate_same(e.before::jsonb -> key, old_row -> key)
    ) THEN
      uncovered := true;
    END IF;
  END LOOP;
  IF uncovered THEN
    INSERT INTO @S@.events (case_id, at, clerk, org_id, action, before, after, note)
    VALUES (case_key, now(), who.clerk, who.org_id, '{DIRECT_UPDATE_ACTION}',
            before_values::json, after_values::json,
            TG_TABLE_NAME || ' ' || (new_row ->> 'id') || ' by login ' || session_user::text);
  END IF;
  RETURN NULL;
END $$;

-- At commit: a row a login inserted into a case's table must come with an event of the
-- same transaction for that case (mediate's services write one with every row they add:
-- registered, imported, routed, outcome, document, session_*, …); otherwise the case's
-- version goes up and an event with the row (ID numbers and phones masked) is appended in
-- the login's clerk's name, one for each such row. DEFINER, as mediate_audit_change.
-- Its triggers skip the tables' owner in their WHEN clause, so the service account's bulk
-- imports never call it (a function called for every row made 100,000 inserts 3.4-4.6x
-- slower; the WHEN clause costs nothing measurable: docs/security.md).
CREATE OR REPLACE FUNCTION @S@.mediate_audit_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER {_PATH} AS $$
DECLARE
  who record;
  new_row jsonb := to_jsonb(NEW);
  case_key integer := (to_jsonb(NEW) ->> 'case_id')::integer;
  this_xact text := mod(txid_current(), 4294967296)::text;
  shown jsonb := '{{}}'::jsonb;
  key text;
BEGIN
  SELECT w.clerk, w.org_id INTO who FROM @S@.mediate_audited_writer() w;
  IF who.clerk IS NULL OR EXISTS (
    SELECT 1 FROM @S@.events e
    WHERE e.case_id = case_key AND e.xmin::text = this_xact
      AND e.action NOT IN ('{DIRECT_UPDATE_ACTION}', '{DIRECT_INSERT_ACTION}')
  ) THEN
    RETURN NULL;
  END IF;
  FOR key IN SELECT k FROM jsonb_object_keys(new_row) AS k ORDER BY k LOOP
    CONTINUE WHEN jsonb_typeof(new_row -> key) = 'null';
    shown := shown || jsonb_build_object(key, @S@.mediate_masked(key, new_row -> key));
  END LOOP;
  UPDATE @S@.cases SET version = version + 1 WHERE id = case_key;
  INSERT INTO @S@.events (case_id, at, clerk, org_id, action, before, after, note)
  VALUES (case_key, now(), who.clerk, who.org_id, '{DIRECT_INSERT_ACTION}', NULL,
          jsonb_build_object(TG_TABLE_NAME, shown)::json,
          TG_TABLE_NAME || ' ' || (new_row ->> 'id') || ' by login ' || session_user::text);
  RETURN NULL;
END $$;

-- Whatever a login writes as the author of a batch, the author is its clerk (events are
-- held to the same by their policy, which costs the service account's bulk inserts nothing).
CREATE OR REPLACE FUNCTION @S@.mediate_batch_author() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER {_PATH} AS $$
DECLARE
  who record;
BEGIN
  SELECT w.clerk INTO who FROM @S@.mediate_audited_writer() w;
  IF who.clerk IS NOT NULL THEN
    NEW.clerk := who.clerk;
  END IF;
  RETURN NEW;
END $$;

-- A rendered document's path and checksum are evidence: written once.
CREATE OR REPLACE FUNCTION @S@.mediate_document_fixed() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER {_PATH} AS $$
BEGIN
  IF (SELECT w.clerk FROM @S@.mediate_audited_writer() w) IS NOT NULL THEN
    RAISE EXCEPTION 'the record of a rendered document is written once'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN COALESCE(NEW, OLD);
END $$;
"""

# (name, table, definition after ON <table>) — dropped and re-created on every install.
_TRIGGERS = (
    ("mediate_case_version", "cases", "BEFORE UPDATE", "mediate_case_version"),
    ("mediate_case_audit", "cases", "CONSTRAINT AFTER UPDATE", "mediate_audit_change"),
    ("mediate_party_version", "parties", "AFTER UPDATE", "mediate_party_version"),
    ("mediate_party_audit", "parties", "CONSTRAINT AFTER UPDATE", "mediate_audit_change"),
    ("mediate_batch_author", "import_batches", "BEFORE INSERT OR UPDATE", "mediate_batch_author"),
    ("mediate_document_fixed", "documents", "BEFORE UPDATE OR DELETE", "mediate_document_fixed"),
    *(
        (f"mediate_{table}_insert_audit", table, "CONSTRAINT AFTER INSERT", "mediate_audit_insert")
        for table in CASE_CHILD_TABLES
    ),
)
# Triggers the tables' owner never fires (`WHEN (session_user <> owner)`): the per-row
# insert audits, which would otherwise be called for every row of a bulk import.
_NOT_FOR_THE_OWNER = "mediate_audit_insert"
_FUNCTION_SIGNATURES = (
    "mediate_audit_insert()",
    "mediate_document_fixed()",
    "mediate_batch_author()",
    "mediate_audit_change()",
    "mediate_party_version()",
    "mediate_case_version()",
    "mediate_masked(text, jsonb)",
    "mediate_same(jsonb, jsonb)",
    "mediate_audited_writer()",
    "mediate_open_load()",
    "mediate_unseen_cases(text)",
    "mediate_is_admin()",
    "mediate_sees_every_body()",
    "mediate_sees_every_body_of(text)",
    "mediate_visible_orgs()",
    "mediate_visible_orgs_of(text)",
    "mediate_current_clerk()",
)

# Subqueries, so each function runs once per statement (an InitPlan), not once per row.
_CLERK = "(SELECT @S@.mediate_current_clerk())"
_ORGS = "(SELECT @S@.mediate_visible_orgs())"
_EVERY_BODY = "(SELECT @S@.mediate_sees_every_body())"
_ADMIN = "(SELECT @S@.mediate_is_admin())"
_CASE_SEEN = f"(org_id IN {_ORGS} OR created_by = {_CLERK})"
# What a login reads: as _CASE_SEEN, but a login that sees every body sees a case that
# has a body (cases.org_id references orgs) without finding the body in its list, and an
# admin's every case (those no body has yet too).
_CASE_READ = f"({_ADMIN} OR ({_EVERY_BODY} AND org_id IS NOT NULL) OR {_CASE_SEEN})"
# What a login changes: a case of its bodies; one no body has yet if its clerk registered
# it or is an admin.
_CASE_CHANGED = f"(org_id IN {_ORGS} OR (org_id IS NULL AND (created_by = {_CLERK} OR {_ADMIN})))"


def _of_visible_case(table: str) -> str:
    """A row whose case the login sees (the policies on `cases` apply inside). A lookup of
    the one case by its key, not `case_id IN (SELECT id FROM cases)`: that list of every
    visible case is hashed only while it fits in work_mem; above (a few hundred thousand
    cases) PostgreSQL scans it once per row read — quadratic: a report over the outcomes
    of a million cases did not finish as a clerk's login."""
    return f"(EXISTS (SELECT 1 FROM @S@.cases c WHERE c.id = {table}.case_id))"


def _of_readable_case(table: str) -> str:
    """What a login reads of a case's table: the rows of the cases it sees, as
    `_of_visible_case`. But that lookup is a subplan run for every row read (PostgreSQL
    does not turn a policy's EXISTS into a join): about 2.5 µs a row, 2.7 s of an admin's
    `report orgs` at 1 M cases. A login that sees every body is spared it: the cases hidden
    from it are only the few no body has yet that another clerk registered
    (`mediate_unseen_cases`), so its rows are those whose case is not among them — one
    hashed probe a row. Everybody else's rows are looked up as before (the first test is
    an InitPlan, false for them once per statement)."""
    key = f"{table}.case_id"
    every_body = (
        f"({_EVERY_BODY} AND {key} IS NOT NULL"
        f" AND {key} NOT IN (SELECT @S@.mediate_unseen_cases(current_user::text)))"
    )
    return f"({every_body} OR {_of_visible_case(table)})"


def _policies() -> list[tuple[str, str, str]]:
    """(name, table, the rest of CREATE POLICY name ON table …)."""
    policies = [
        ("mediate_cases_read", "cases", f"FOR SELECT USING {_CASE_READ}"),
        ("mediate_cases_insert", "cases", f"FOR INSERT WITH CHECK {_CASE_SEEN}"),
        # A clerk may hand a case of theirs over to another body (transfer): the new row
        # need not stay visible.
        ("mediate_cases_update", "cases", f"FOR UPDATE USING {_CASE_CHANGED} WITH CHECK (true)"),
        (
            "mediate_events_read",
            "events",
            f"FOR SELECT USING ({_of_readable_case('events')}"
            f" OR (case_id IS NULL AND clerk = {_CLERK}))",
        ),
        (
            "mediate_events_insert",
            "events",
            f"FOR INSERT WITH CHECK (clerk = {_CLERK}"
            f" AND (case_id IS NULL OR {_of_visible_case('events')})"
            f" AND (org_id IS NULL OR org_id IN {_ORGS}))",
        ),
        (
            "mediate_import_batches_own",
            "import_batches",
            f"USING (clerk = {_CLERK}) WITH CHECK (clerk = {_CLERK})",
        ),
    ]
    for table in CASE_CHILD_TABLES:
        policies.append(
            (
                f"mediate_{table}_by_case",
                table,
                f"USING {_of_readable_case(table)} WITH CHECK {_of_visible_case(table)}",
            )
        )
    return policies


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _schema(connection: Connection) -> str:
    return _quoted(connection.execute(text("SELECT current_schema()")).scalar_one())


def _present_tables(connection: Connection) -> set[str]:
    """The tables of ours that exist in the current schema: a migration older than a table
    runs today's installer, which must leave tables to come alone."""
    found = connection.execute(
        text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    )
    return set(found.scalars())


def install_policies(connection: Connection) -> None:
    """Create (or re-create) the functions, policies and audit triggers, switch row-level
    security on, and take TEMP and CREATE from PUBLIC (PostgreSQL; idempotent)."""
    if connection.dialect.name != "postgresql":
        return
    schema = _schema(connection)
    connection.execute(text(_FUNCTIONS.replace("@S@", schema)))
    present = _present_tables(connection)
    for table in PROTECTED_TABLES:
        if table in present:
            connection.execute(text(f"ALTER TABLE {schema}.{table} ENABLE ROW LEVEL SECURITY"))
    for name, table, body in _policies():
        if table not in present:
            continue
        connection.execute(text(f"DROP POLICY IF EXISTS {name} ON {schema}.{table}"))
        connection.execute(
            text(f"CREATE POLICY {name} ON {schema}.{table} {body.replace('@S@', schema)}")
        )
    owner = _owner_literal(connection, schema)
    for name, table, when, function in _TRIGGERS:
        connection.execute(text(f"DROP TRIGGER IF EXISTS {name} ON {schema}.{table}"))
        if table not in present:
            continue
        constraint = when.startswith("CONSTRAINT ")
        timing = when.removeprefix("CONSTRAINT ")
        only = f"WHEN (session_user <> {owner}) " if function == _NOT_FOR_THE_OWNER else ""
        connection.execute(
            text(
                f"CREATE {'CONSTRAINT ' if constraint else ''}TRIGGER {name} {timing} "
                f"ON {schema}.{table} "
                f"{'DEFERRABLE INITIALLY DEFERRED ' if constraint else ''}"
                f"FOR EACH ROW {only}EXECUTE FUNCTION {schema}.{function}()"
            )
        )
    _close_public_doors(connection, schema)


def _owner_literal(connection: Connection, schema: str) -> str:
    """The tables' owner as an SQL string literal (for a trigger's WHEN clause, which takes
    no parameters). Were the tables given to another owner, the triggers would call their
    function for the old owner's name too: slower, never wrong (the function asks
    `mediate_audited_writer`); every upgrade re-installs them."""
    owner = connection.execute(
        text(
            f"SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = '{schema}.cases'::regclass"
        )
    ).scalar_one()
    return "'" + str(owner).replace("'", "''") + "'"


def _close_public_doors(connection: Connection, schema: str) -> None:
    """No temporary objects and no objects of one's own in our schema for anybody who is
    not given them by name. (Without ownership of the database PostgreSQL only warns.)"""
    database = _quoted(connection.execute(text("SELECT current_database()")).scalar_one())
    connection.execute(text(f"REVOKE TEMPORARY ON DATABASE {database} FROM PUBLIC"))
    connection.execute(text(f"REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC"))


def drop_policies(connection: Connection) -> None:
    if connection.dialect.name != "postgresql":
        return
    schema = _schema(connection)
    for name, table, _when, _function in _TRIGGERS:
        connection.execute(text(f"DROP TRIGGER IF EXISTS {name} ON {schema}.{table}"))
    for table in PROTECTED_TABLES:
        connection.execute(text(f"ALTER TABLE {schema}.{table} DISABLE ROW LEVEL SECURITY"))
        rows = connection.execute(
            text("SELECT policyname FROM pg_policies WHERE tablename = :t"), {"t": table}
        )
        for (name,) in list(rows):
            connection.execute(text(f"DROP POLICY IF EXISTS {_quoted(name)} ON {schema}.{table}"))
    for signature in _FUNCTION_SIGNATURES:
        connection.execute(text(f"DROP FUNCTION IF EXISTS {schema}.{signature}"))


def harden_existing_logins(connection: Connection) -> int:
    """Re-grant every active clerk login with today's privileges (an upgrade of a database
    whose logins were granted before: UPDATE on decisions/outcomes/documents, TEMP and
    CREATE are taken back). Returns how many logins were re-granted."""
    if connection.dialect.name != "postgresql":
        return 0
    schema = _schema(connection)
    roles = connection.execute(
        text(
            f"SELECT k.db_role FROM {schema}.clerks k JOIN pg_roles r ON r.rolname = k.db_role "
            "WHERE k.active AND k.db_role IS NOT NULL"
        )
    ).scalars()
    done = 0
    for role in list(roles):
        if _ROLE_NAME.match(role):
            grant_clerk_privileges(connection, role)
            done += 1
    return done


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
    """What a clerk's login may do in this database; the policies narrow it to rows.

    Starts from nothing, so running it again (a restore, an upgrade) takes back whatever
    an older version granted more."""
    check_role_name(role)
    database = _quoted(connection.execute(text("SELECT current_database()")).scalar_one())
    schema = _schema(connection)
    connection.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {role}"))
    connection.execute(text(f"GRANT CONNECT ON DATABASE {database} TO {role}"))
    connection.execute(text(f"REVOKE TEMPORARY ON DATABASE {database} FROM {role}"))
    connection.execute(text(f"GRANT USAGE ON SCHEMA {schema} TO {role}"))
    connection.execute(text(f"REVOKE CREATE ON SCHEMA {schema} FROM {role}"))
    connection.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {role}"))
    present = _present_tables(connection)
    for table in UPDATABLE_TABLES:
        if table in present:
            connection.execute(text(f"GRANT INSERT, UPDATE ON {schema}.{table} TO {role}"))
    for table in INSERT_ONLY_TABLES:
        if table in present:
            connection.execute(text(f"GRANT INSERT ON {schema}.{table} TO {role}"))
    connection.execute(text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {role}"))
    _close_public_doors(connection, schema)


def revoke_clerk_privileges(connection: Connection, role: str) -> None:
    """Take back everything granted in this database and forbid logging in."""
    check_role_name(role)
    if not role_exists(connection, role):
        return
    database = _quoted(connection.execute(text("SELECT current_database()")).scalar_one())
    schema = _schema(connection)
    connection.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {role}"))
    connection.execute(text(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {role}"))
    connection.execute(text(f"REVOKE USAGE ON SCHEMA {schema} FROM {role}"))
    connection.execute(text(f"REVOKE CONNECT ON DATABASE {database} FROM {role}"))
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
    rows = connection.execute(
        text(f"SELECT org_id, n FROM {_schema(connection)}.mediate_open_load()")
    )
    return {str(org_id): int(n) for org_id, n in rows}
