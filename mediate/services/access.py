"""Who may see and change which cases. Every service that reads or changes cases asks here.

The rule (the same one PostgreSQL's row-level security applies to clerks' own logins,
`store/rls.py`):
- no clerk registered yet (a single desk): everybody sees everything;
- an admin sees the cases of every body;
- a supervisor sees the cases of their body and of every body below it (`orgs.parent_id`);
- a clerk sees the cases of their own body;
- and everybody sees the cases they registered themselves (but changes them only while
  no body has them yet, or when the body is theirs). A case no body has yet is the
  registering clerk's and the admins' (who route it when that clerk has left), nobody
  else's — not a supervisor's, even of the body every other is below: it is no body's yet
  (docs/postgresql.md; the database holds a clerk's own login to the same,
  tests/integration/test_pg_rls.py).

A clerk who is not registered, or disabled, may do nothing once the registry is in use.
On PostgreSQL a connection whose login role belongs to a clerk (`clerks.db_role`) acts as
that clerk, whatever `--clerk` says.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import or_
from sqlmodel import Session, col

from mediate.domain.model import ClerkRole
from mediate.domain.vocabulary import clerk_role_label
from mediate.errors import AccessDenied
from mediate.i18n import _
from mediate.services import who as clerk_sql
from mediate.services.who import Identity
from mediate.store.dbapi import Reader
from mediate.store.tables import CaseRow

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.sql import ColumnElement

    from mediate.reports.filters import Filters
    from mediate.store.uow import UnitOfWork

S = TypeVar("S")


_identities: weakref.WeakKeyDictionary[Any, Identity] = weakref.WeakKeyDictionary()


def reader(uow: UnitOfWork) -> Reader:
    """A DB-API reader on the unit of work's connection (the read services' SQL)."""
    return Reader.of_session(uow.session)


def registry_in_use(session: Session) -> bool:
    return clerk_sql.registry_in_use(Reader.of_session(session))


def identity(uow: UnitOfWork) -> Identity:
    """The acting clerk, resolved once per unit of work (services/who.py)."""
    known = _identities.get(uow)
    if known is not None and known.clerk == uow.clerk:
        return known
    found = clerk_sql.resolve(reader(uow), uow.clerk, uow.org_id)
    uow.clerk = found.clerk
    if found.role is not None and found.org_id is not None:
        uow.org_id = found.org_id
    _identities[uow] = found
    return found


def forget(uow: UnitOfWork) -> None:
    """Drop the cached identity (after the registry changed in this unit of work)."""
    _identities.pop(uow, None)


def visible_org_ids(uow: UnitOfWork) -> set[str] | None:
    """The bodies whose cases the acting clerk sees; None means every body."""
    visible = identity(uow).visible
    return None if visible is None else set(visible)


def case_scope(uow: UnitOfWork) -> ColumnElement[bool] | None:
    """A WHERE condition on `cases` for what the clerk sees; None when no restriction (no
    registry, or an admin: every case, those no body has yet included)."""
    acting = identity(uow)
    if acting.role is None or acting.visible is None:
        return None
    own = col(CaseRow.created_by) == acting.clerk
    if not acting.visible:
        return own
    return or_(col(CaseRow.org_id).in_(sorted(acting.visible)), own)


def restrict_cases(uow: UnitOfWork, statement: S) -> S:
    """`statement` (a select over cases) narrowed to the cases the clerk sees."""
    scope = case_scope(uow)
    if scope is None:
        return statement
    return statement.where(scope)  # type: ignore[attr-defined,no-any-return]


def scope_filters(uow: UnitOfWork, filters: Filters) -> Filters:
    """Report filters narrowed to the bodies the clerk sees (figures of their bodies only;
    no change for admins and a single desk)."""
    return filters.seen_by(identity(uow).visible)


def can_see(uow: UnitOfWork, case: CaseRow) -> bool:
    return clerk_sql.can_see(identity(uow), case.org_id, case.created_by)


def can_change(uow: UnitOfWork, case: CaseRow) -> bool:
    return clerk_sql.can_change(identity(uow), case.org_id, case.created_by)


def require_case_access(uow: UnitOfWork, case: CaseRow, change: bool = False) -> None:
    """Raise AccessDenied unless the acting clerk may see (or, `change`, change) `case`."""
    allowed = can_change(uow, case) if change else can_see(uow, case)
    if allowed:
        return
    assert case.id is not None
    acting = identity(uow)
    raise AccessDenied(clerk_sql.refusal(acting, case.id, case.org_id, case.created_by, change))


def require_org_access(uow: UnitOfWork, org_id: str) -> None:
    """Raise AccessDenied unless the clerk works for `org_id` or a body above it."""
    visible = identity(uow).visible
    if visible is None or org_id in visible:
        return
    raise AccessDenied(
        _("The clerk {clerk} does not work for the body {org}.").format(
            clerk=identity(uow).clerk, org=org_id
        )
    )


def require_admin(uow: UnitOfWork) -> None:
    """Only an admin may manage the registry, once it is in use."""
    refuse_unless_admin(identity(uow))


def require_database_admin(engine: Engine, clerk: str, org_id: str | None) -> None:
    """`require_admin` for the commands over the whole database, by its own register:
    `db backup`, `db copy` (every body's parties), `db restore` (the register itself),
    `db upgrade`, `init` (review of 2026-12-03: a plain clerk backed up, restored over
    the register). A database without a register (none yet, a new file, one not
    initialised) lets anybody, as the registry does before its first clerk. A database
    that cannot be opened (no server, no such database, a folder) is the clerk's
    situation: exit 1 with its reason, as every command says it (`migrate.cannot_open`;
    review of 2026-12-03: `init` on a database not created yet was an unexpected error)."""
    from sqlalchemy import inspect
    from sqlalchemy.exc import SQLAlchemyError

    from mediate.files import sqlite_file
    from mediate.store.migrate import cannot_open

    path = sqlite_file(engine.url.render_as_string(hide_password=False))
    if path is not None and (not path.exists() or path.stat().st_size == 0):
        return  # nothing to ask, and nothing created by asking
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("clerks"):
                return
            raw = connection.connection.driver_connection
            reader = Reader(raw, engine.dialect.name, owned=False)
            acting = clerk_sql.resolve(reader, clerk, org_id)
    except SQLAlchemyError as exc:
        raise cannot_open(engine, exc) from exc
    refuse_unless_admin(acting)


def refuse_unless_admin(acting: Identity) -> None:
    if acting.role is None or acting.role is ClerkRole.ADMIN:
        return
    raise AccessDenied(
        _("Only an admin may do this; the clerk {clerk} is a {role}.").format(
            clerk=acting.clerk, role=clerk_role_label(acting.role)
        )
    )


def visible_only(uow: UnitOfWork, org_ids: Iterable[str]) -> list[str]:
    """Those of `org_ids` the clerk sees, in their order."""
    visible = identity(uow).visible
    return [o for o in org_ids if visible is None or o in visible]
