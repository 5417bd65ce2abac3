"""Row-level security: a login that sees every body (an admin) reads the rows of a case's
tables without a lookup of the case for each row — only the few cases no body has yet that
another clerk registered are hidden from it, and its rows are tested against that short
list (`mediate_unseen_cases`); it reads a case that has a body without finding the body
in its list. Every other login's rows are looked up as before. The same rows are visible
to every login; nothing on SQLite.

It installs a frozen copy of the whole of row-level security as store/rls.py had it at
0015 (functions, policies — dropping any other policy of the tables —, triggers, the
switch on the tables, TEMP and CREATE taken from PUBLIC), not today's rls.py.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01 23:30:00
"""

from alembic import op
from sqlalchemy import Connection, text

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# --- What 0015 installs, frozen (store/rls.py at 0015). A later change to rls.py does not
# change it: rls.py must then come with a migration of its own
# (tests/integration/test_pg_migrations.py compares the head with rls.py).
_CASE_TABLES = (
    "parties",
    "decisions",
    "outcomes",
    "confirmations",
    "documents",
    "mediation_sessions",
    "performance_events",
)
_TABLES = ("cases", *_CASE_TABLES, "events", "import_batches")


def _lookup(table: str) -> str:
    """A row whose case the login sees, by a lookup of the case (0011's rule)."""
    return f"(EXISTS (SELECT 1 FROM @S@.cases c WHERE c.id = {table}.case_id))"


_FUNCTIONS = """
CREATE OR REPLACE FUNCTION @S@.mediate_current_clerk() RETURNS varchar
LANGUAGE sql STABLE SECURITY INVOKER SET search_path = pg_catalog, @S@, pg_temp AS $$
  SELECT c.name FROM @S@.clerks c WHERE c.db_role = current_user::text AND c.active
$$;

CREATE OR REPLACE FUNCTION @S@.mediate_visible_orgs_of(login text) RETURNS SETOF varchar
LANGUAGE sql STABLE SECURITY INVOKER SET search_path = pg_catalog, @S@, pg_temp AS $$
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
LANGUAGE sql STABLE SECURITY INVOKER SET search_path = pg_catalog, @S@, pg_temp AS $$
  SELECT @S@.mediate_visible_orgs_of(current_user::text)
$$;

-- Whether `login` is a registered, active clerk who sees every body (an admin; a
-- supervisor of the body all others are below). Such a login sees every case a body has
-- (cases.org_id references orgs), so the only cases hidden from it are those no body has
-- yet that another clerk registered: the policies test that short list instead of
-- looking each row's case up (see _of_visible_case).
CREATE OR REPLACE FUNCTION @S@.mediate_sees_every_body_of(login text) RETURNS boolean
LANGUAGE sql STABLE SECURITY INVOKER SET search_path = pg_catalog, @S@, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM @S@.clerks c WHERE c.db_role = login AND c.active)
     AND NOT EXISTS (
       SELECT o.id FROM @S@.orgs o
       EXCEPT
       SELECT v.id FROM @S@.mediate_visible_orgs_of(login) AS v(id)
     )
$$;

CREATE OR REPLACE FUNCTION @S@.mediate_sees_every_body() RETURNS boolean
LANGUAGE sql STABLE SECURITY INVOKER SET search_path = pg_catalog, @S@, pg_temp AS $$
  SELECT @S@.mediate_sees_every_body_of(current_user::text)
$$;

-- The ids of the cases hidden from `login` when it sees every body: no body has them yet
-- and another clerk registered them (the cases policy, negated: org_id NULL and not its
-- clerk's). DEFINER, since the login cannot list rows it does not see; so it answers only
-- for a role the session may act as (`SET ROLE`) that sees every body, and otherwise
-- yields one NULL, which makes `case_id NOT IN (…)` true for no row. What it tells such a
-- login are ids only, the gaps it could read off the ids of the cases it sees.
CREATE OR REPLACE FUNCTION @S@.mediate_unseen_cases(login text) RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, @S@, pg_temp ROWS 10 AS $$
DECLARE
  me varchar;
BEGIN
  IF NOT pg_has_role(session_user, login, 'MEMBER')
     OR NOT @S@.mediate_sees_every_body_of(login) THEN
    RETURN NEXT NULL;
    RETURN;
  END IF;
  SELECT k.name INTO me FROM @S@.clerks k WHERE k.db_role = login AND k.active;
  RETURN QUERY SELECT c.id FROM @S@.cases c
    WHERE c.org_id IS NULL AND c.created_by IS DISTINCT FROM me;
END $$;

-- Routing balances bodies by their open cases, across all bodies: a clerk's login must
-- count the cases it may not read. Counts only, computed with the owner's rights.
CREATE OR REPLACE FUNCTION @S@.mediate_open_load() RETURNS TABLE (org_id varchar, n bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, @S@, pg_temp AS $$
  SELECT c.org_id, count(*) FROM @S@.cases c
  WHERE c.closed_on IS NULL AND c.org_id IS NOT NULL GROUP BY c.org_id
$$;

-- Who writes, for the audit triggers: NULL for the tables' owner (the service account,
-- which records its own events) and superusers; otherwise the clerk of the login, or
-- 'db:<role>' for a login that is nobody's. session_user, not current_user: inside a
-- SECURITY DEFINER trigger current_user is the owner, and only a superuser can change
-- session_user.
CREATE OR REPLACE FUNCTION @S@.mediate_audited_writer(OUT clerk varchar, OUT org_id varchar)
LANGUAGE plpgsql STABLE SECURITY INVOKER SET search_path = pg_catalog, @S@, pg_temp AS $$
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
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, @S@, pg_temp AS $$
  SELECT a IS NOT NULL AND (a = b OR (a #>> '{}') IS NOT DISTINCT FROM (b #>> '{}'))
$$;

CREATE OR REPLACE FUNCTION @S@.mediate_masked(key text, value jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, @S@, pg_temp AS $$
  SELECT CASE
    WHEN key IN ('id_number', 'phone') AND jsonb_typeof(value) = 'string'
      THEN to_jsonb(left(value #>> '{}', 3)
                    || repeat('*', greatest(length(value #>> '{}') - 7, 0))
                    || right(value #>> '{}', 4))
    ELSE value END
$$;

-- Any change of a case by a login bumps its version (optimistic concurrency sees it).
CREATE OR REPLACE FUNCTION @S@.mediate_case_version() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, @S@, pg_temp AS $$
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
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, @S@, pg_temp AS $$
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
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, @S@, pg_temp AS $$
DECLARE
  who record;
  old_row jsonb := to_jsonb(OLD);
  new_row jsonb := to_jsonb(NEW);
  case_key integer;
  this_xact text := mod(txid_current(), 4294967296)::text;
  key text;
  before_values jsonb := '{}'::jsonb;
  after_values jsonb := '{}'::jsonb;
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
    VALUES (case_key, now(), who.clerk, who.org_id, 'direct_sql_update',
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
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, @S@, pg_temp AS $$
DECLARE
  who record;
  new_row jsonb := to_jsonb(NEW);
  case_key integer := (to_jsonb(NEW) ->> 'case_id')::integer;
  this_xact text := mod(txid_current(), 4294967296)::text;
  shown jsonb := '{}'::jsonb;
  key text;
BEGIN
  SELECT w.clerk, w.org_id INTO who FROM @S@.mediate_audited_writer() w;
  IF who.clerk IS NULL OR EXISTS (
    SELECT 1 FROM @S@.events e
    WHERE e.case_id = case_key AND e.xmin::text = this_xact
      AND e.action NOT IN ('direct_sql_update', 'direct_sql_insert')
  ) THEN
    RETURN NULL;
  END IF;
  FOR key IN SELECT k FROM jsonb_object_keys(new_row) AS k ORDER BY k LOOP
    CONTINUE WHEN jsonb_typeof(new_row -> key) = 'null';
    shown := shown || jsonb_build_object(key, @S@.mediate_masked(key, new_row -> key));
  END LOOP;
  UPDATE @S@.cases SET version = version + 1 WHERE id = case_key;
  INSERT INTO @S@.events (case_id, at, clerk, org_id, action, before, after, note)
  VALUES (case_key, now(), who.clerk, who.org_id, 'direct_sql_insert', NULL,
          jsonb_build_object(TG_TABLE_NAME, shown)::json,
          TG_TABLE_NAME || ' ' || (new_row ->> 'id') || ' by login ' || session_user::text);
  RETURN NULL;
END $$;

-- Whatever a login writes as the author of a batch, the author is its clerk (events are
-- held to the same by their policy, which costs the service account's bulk inserts nothing).
CREATE OR REPLACE FUNCTION @S@.mediate_batch_author() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, @S@, pg_temp AS $$
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
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, @S@, pg_temp AS $$
BEGIN
  IF (SELECT w.clerk FROM @S@.mediate_audited_writer() w) IS NOT NULL THEN
    RAISE EXCEPTION 'the record of a rendered document is written once'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN COALESCE(NEW, OLD);
END $$;
"""

# (name, table, when, function): dropped and re-created.
_TRIGGERS = (
    ("mediate_case_version", "cases", "BEFORE UPDATE", "mediate_case_version"),
    ("mediate_case_audit", "cases", "CONSTRAINT AFTER UPDATE", "mediate_audit_change"),
    ("mediate_party_version", "parties", "AFTER UPDATE", "mediate_party_version"),
    ("mediate_party_audit", "parties", "CONSTRAINT AFTER UPDATE", "mediate_audit_change"),
    ("mediate_batch_author", "import_batches", "BEFORE INSERT OR UPDATE", "mediate_batch_author"),
    ("mediate_document_fixed", "documents", "BEFORE UPDATE OR DELETE", "mediate_document_fixed"),
    *(
        (f"mediate_{table}_insert_audit", table, "CONSTRAINT AFTER INSERT", "mediate_audit_insert")
        for table in _CASE_TABLES
    ),
)
# The trigger the tables' owner never fires (`WHEN (session_user <> owner)`).
_NOT_FOR_THE_OWNER = "mediate_audit_insert"

_CLERK = "(SELECT @S@.mediate_current_clerk())"
_ORGS = "(SELECT @S@.mediate_visible_orgs())"
_EVERY_BODY = "(SELECT @S@.mediate_sees_every_body())"
_CASE_SEEN = f"(org_id IN {_ORGS} OR created_by = {_CLERK})"
_CASE_READ = f"(({_EVERY_BODY} AND org_id IS NOT NULL) OR {_CASE_SEEN})"
_CASE_CHANGED = f"(org_id IN {_ORGS} OR (org_id IS NULL AND created_by = {_CLERK}))"


def _of_readable_case(table: str) -> str:
    key = f"{table}.case_id"
    every_body = (
        f"({_EVERY_BODY} AND {key} IS NOT NULL"
        f" AND {key} NOT IN (SELECT @S@.mediate_unseen_cases(current_user::text)))"
    )
    return f"({every_body} OR {_lookup(table)})"


def policies() -> list[tuple[str, str, str]]:
    """(name, table, the rest of CREATE POLICY name ON table …) as 0015 installs them."""
    found = [
        ("mediate_cases_read", "cases", f"FOR SELECT USING {_CASE_READ}"),
        ("mediate_cases_insert", "cases", f"FOR INSERT WITH CHECK {_CASE_SEEN}"),
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
            f" AND (case_id IS NULL OR {_lookup('events')})"
            f" AND (org_id IS NULL OR org_id IN {_ORGS}))",
        ),
        (
            "mediate_import_batches_own",
            "import_batches",
            f"USING (clerk = {_CLERK}) WITH CHECK (clerk = {_CLERK})",
        ),
    ]
    for table in _CASE_TABLES:
        rule = f"USING {_of_readable_case(table)} WITH CHECK {_lookup(table)}"
        found.append((f"mediate_{table}_by_case", table, rule))
    return found


def _schema(bind: Connection) -> str:
    name = str(bind.execute(text("SELECT current_schema()")).scalar_one())
    return '"' + name.replace('"', '""') + '"'


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = _schema(bind)
    bind.execute(text(_FUNCTIONS.replace("@S@", schema)))
    for table in _TABLES:
        bind.execute(text(f"ALTER TABLE {schema}.{table} ENABLE ROW LEVEL SECURITY"))
        present = bind.execute(
            text(
                "SELECT policyname FROM pg_policies "
                "WHERE schemaname = current_schema() AND tablename = :t"
            ),
            {"t": table},
        ).scalars()
        for name in list(present):  # whatever an installer of another day left
            quoted = '"' + name.replace('"', '""') + '"'
            bind.execute(text(f"DROP POLICY {quoted} ON {schema}.{table}"))
    for name, table, body in policies():
        bind.execute(
            text(f"CREATE POLICY {name} ON {schema}.{table} {body.replace('@S@', schema)}")
        )
    owner = bind.execute(
        text(
            f"SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = '{schema}.cases'::regclass"
        )
    ).scalar_one()
    owner_literal = "'" + str(owner).replace("'", "''") + "'"
    for name, table, when, function in _TRIGGERS:
        bind.execute(text(f"DROP TRIGGER IF EXISTS {name} ON {schema}.{table}"))
        constraint = when.startswith("CONSTRAINT ")
        timing = when.removeprefix("CONSTRAINT ")
        only = f"WHEN (session_user <> {owner_literal}) " if function == _NOT_FOR_THE_OWNER else ""
        bind.execute(
            text(
                f"CREATE {'CONSTRAINT ' if constraint else ''}TRIGGER {name} {timing} "
                f"ON {schema}.{table} "
                f"{'DEFERRABLE INITIALLY DEFERRED ' if constraint else ''}"
                f"FOR EACH ROW {only}EXECUTE FUNCTION {schema}.{function}()"
            )
        )
    database = str(bind.execute(text("SELECT current_database()")).scalar_one())
    bind.execute(
        text('REVOKE TEMPORARY ON DATABASE "' + database.replace('"', '""') + '" FROM PUBLIC')
    )
    bind.execute(text(f"REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC"))


# --- The policies as 0011-0014 left them (for downgrade).
_NEW_FUNCTIONS = (
    "mediate_unseen_cases(text)",
    "mediate_sees_every_body()",
    "mediate_sees_every_body_of(text)",
)


def _previous_policies() -> list[tuple[str, str, str]]:
    found = [
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
    for table in _CASE_TABLES:
        rule = _lookup(table)
        found.append((f"mediate_{table}_by_case", table, f"USING {rule} WITH CHECK {rule}"))
    return found


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


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = _schema(bind)
    for policy, table, body in _previous_policies():
        bind.execute(text(f"DROP POLICY IF EXISTS {policy} ON {schema}.{table}"))
        bind.execute(
            text(f"CREATE POLICY {policy} ON {schema}.{table} {body.replace('@S@', schema)}")
        )
    bind.execute(text(_PREVIOUS_VISIBLE_ORGS.replace("@S@", schema)))
    for signature in (*_NEW_FUNCTIONS, "mediate_visible_orgs_of(text)"):
        bind.execute(text(f"DROP FUNCTION IF EXISTS {schema}.{signature}"))
