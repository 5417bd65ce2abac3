"""Schema management through Alembic: upgrade to head, and refuse unknown schemas.

Every command checks the schema before it works. That check reads `alembic_version` with
plain SQL and compares it with SCHEMA_HEAD, so the common case never imports Alembic
(which costs a noticeable part of a command's start-up); Alembic is loaded only to
upgrade or to explain a mismatch. A test keeps SCHEMA_HEAD equal to the scripts' head.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from mediate.errors import DatabaseError
from mediate.i18n import _
from mediate.resources import migrations_dir

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine
    from sqlalchemy.exc import SQLAlchemyError

# SQLAlchemy is imported inside the functions: the light read path (store/dbapi.py) reads
# SCHEMA_HEAD from here without it.

SCHEMA_HEAD = "0023"


def _describe(engine: Engine) -> str:
    from mediate.store.engine import describe

    return describe(engine)


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(migrations_dir()))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy.exc import SQLAlchemyError

    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except SQLAlchemyError as exc:
        raise cannot_open(engine, exc) from exc


def _stored_revision(engine: Engine) -> str | None:
    """The revision in `alembic_version`, by plain SQL; None when it cannot be read."""
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError, ProgrammingError

    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    except (OperationalError, ProgrammingError):
        return None
    return str(rows[0][0]) if len(rows) == 1 else None


def cannot_open(engine: Engine, exc: SQLAlchemyError) -> DatabaseError:
    """A locked, foreign or damaged database in its own words; else the driver's reason."""
    from mediate.store import failures

    failures.remember(_describe(engine))
    return failures.explain(exc) or DatabaseError(
        _("Cannot open the database {db}: {reason}").format(
            db=_describe(engine), reason=_short(exc)
        )
    )


def _short(exc: SQLAlchemyError) -> str:
    """Why the database did not open: the usual causes in the clerk's words (a mistyped
    address, a database not created yet), else the driver's first line as it is."""
    text = str(getattr(exc, "orig", exc) or exc)
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    lowered = text.lower()
    for words, reason in _REASONS:
        found = re.search(words, lowered)
        if found:
            return reason().format(*found.groups())
    return first


# The driver's words (psycopg, sqlite3) for the failures a typo in --db makes.
_REASONS: tuple[tuple[str, Callable[[], str]], ...] = (
    (
        r'database "([^"]+)" does not exist',
        lambda: _("the server has no database {0}: create it first (createdb {0})"),
    ),
    (r'role "([^"]+)" does not exist', lambda: _("the server has no login {0}")),
    (r"password authentication failed", lambda: _("the server refused the login or password")),
    (r"failed to resolve host|could not translate host name", lambda: _("unknown host name")),
    (r"connection refused", lambda: _("no database server answers at that address and port")),
    (r"invalid port number", lambda: _("the port is not a valid number")),
    (
        r"unable to open database file",
        lambda: _("the file cannot be opened (a folder, or in a folder that cannot be written)"),
    ),
)


def known_revision(revision: str) -> bool:
    """Is `revision` one of this version's migrations (not a newer mediate's)?"""
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    script = ScriptDirectory(str(migrations_dir()))
    try:
        return script.get_revision(revision) is not None
    except CommandError:  # unknown to our scripts: a newer mediate wrote it
        return False


def check_schema(engine: Engine) -> None:
    """Refuse to work on a database that is not at our head revision."""
    if _stored_revision(engine) == SCHEMA_HEAD:
        return
    current = current_revision(engine)
    if current is None:
        raise DatabaseError(
            _("The database {db} is not initialised: run `mediate init` first.").format(
                db=_describe(engine)
            )
        )
    if not known_revision(current):
        raise DatabaseError(
            _(
                "The database {db} has schema {rev}, newer than this version of mediate "
                "knows: upgrade mediate."
            ).format(db=_describe(engine), rev=current)
        )
    if current != head_revision():
        raise DatabaseError(
            _("The database {db} needs an upgrade: run `mediate db upgrade`.").format(
                db=_describe(engine)
            )
        )


def check_network(engine: Engine) -> None:
    """Refuse to work on a database at our schema that holds no body of the mediation
    network: `mediate db upgrade` creates the schema only, `mediate init` also loads the
    network (and the 案由 taxonomy) that routing, intake and every read of cases need."""
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    try:
        with engine.connect() as conn:
            found = conn.execute(text(NETWORK_PROBE)).first()
    except SQLAlchemyError as exc:
        raise cannot_open(engine, exc) from exc
    if found is None:
        raise no_network(_describe(engine))


NETWORK_PROBE = "SELECT 1 FROM orgs LIMIT 1"


def no_network(db: str) -> DatabaseError:
    return DatabaseError(
        _(
            "The database {db} has no mediation network yet (`mediate db upgrade` "
            "creates the schema only): run `mediate init` to load the network and the "
            "案由 taxonomy."
        ).format(db=db)
    )


def refuse_foreign_tables(engine: Engine) -> None:
    """A database without our revision must be empty: never add our tables to someone
    else's (a SQLite file of another program given to `init` by mistake)."""
    from sqlalchemy import inspect
    from sqlalchemy.exc import SQLAlchemyError

    try:
        tables = sorted(set(inspect(engine).get_table_names()) - {"alembic_version"})
    except SQLAlchemyError as exc:
        raise cannot_open(engine, exc) from exc
    if tables:
        shown = _(", ").join(tables[:5]) + (_(", ") + "…" if len(tables) > 5 else "")
        raise DatabaseError(
            _(
                "The database {db} already holds tables that are not mediate's ({tables}): "
                "mediate will not add its own to them. Choose a new file or an empty "
                "database with --db."
            ).format(db=_describe(engine), tables=shown)
        )


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Upgrade to head. Returns (revision before, revision after)."""
    before = current_revision(engine)
    if before is not None and not known_revision(before):
        raise DatabaseError(
            _(
                "The database {db} has schema {rev}, newer than this version of mediate "
                "knows: upgrade mediate."
            ).format(db=_describe(engine), rev=before)
        )
    if before is None:
        refuse_foreign_tables(engine)
    from alembic import command
    from sqlalchemy.exc import SQLAlchemyError

    try:
        command.upgrade(alembic_config(engine), "head")
    except SQLAlchemyError as exc:
        raise DatabaseError(
            _("Cannot upgrade the database {db}: {reason}").format(
                db=_describe(engine), reason=_short(exc)
            )
        ) from exc
    return before, head_revision()
