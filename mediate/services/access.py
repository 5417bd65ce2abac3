"""Who may see and change which cases. Every service that reads or changes cases asks here.

The rule (the same one PostgreSQL's row-level security applies to clerks' own logins,
`store/rls.py`):
- no clerk registered yet (a single desk): everybody sees everything;
- an admin sees everything;
- a supervisor sees the cases of their body and of every body below it (`orgs.parent_id`);
- a clerk sees the cases of their own body;
- and everybody sees the cases they registered themselves (but changes them only while
  no body has them yet, or when the body is theirs).

A clerk who is not registered, or disabled, may do nothing once the registry is in use.
On PostgreSQL a connection whose login role belongs to a clerk (`clerks.db_role`) acts as
that clerk, whatever `--clerk` says.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import or_, text
from sqlmodel import Session, col, select

from mediate.domain.model import ClerkRole
from mediate.errors import AccessDenied
from mediate.i18n import _
from mediate.store.tables import CaseRow, ClerkRow, OrgRow

if TYPE_CHECKING:
    from sqlalchemy.sql import ColumnElement

    from mediate.reports.queries import Filters
    from mediate.store.uow import UnitOfWork

S = TypeVar("S")


@dataclass(frozen=True)
class Identity:
    """The acting clerk as the registry knows them. `role` None: no registry in use."""

    clerk: str
    role: ClerkRole | None
    org_id: str | None
    visible: frozenset[str] | None  # org ids; None = every body

    @property
    def sees_everything(self) -> bool:
        return self.visible is None


_identities: weakref.WeakKeyDictionary[Any, Identity] = weakref.WeakKeyDictionary()


def registry_in_use(session: Session) -> bool:
    return session.exec(select(ClerkRow.id).limit(1)).first() is not None


def org_subtree(session: Session, root_id: str) -> set[str]:
    """`root_id` and every body below it, following orgs.parent_id."""
    children: dict[str, list[str]] = {}
    for org_id, parent_id in session.exec(select(OrgRow.id, OrgRow.parent_id)):
        if parent_id is not None:
            children.setdefault(parent_id, []).append(org_id)
    found = {root_id}
    todo = [root_id]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _row_for_login_role(session: Session) -> ClerkRow | None:
    bind = session.get_bind()
    if bind.dialect.name != "postgresql":
        return None
    role = session.execute(text("SELECT current_user")).scalar_one()
    return session.exec(select(ClerkRow).where(col(ClerkRow.db_role) == role)).first()


def identity(uow: UnitOfWork) -> Identity:
    """The acting clerk, resolved once per unit of work."""
    known = _identities.get(uow)
    if known is not None and known.clerk == uow.clerk:
        return known
    session = uow.session
    row = _row_for_login_role(session)
    if row is not None:
        uow.clerk = row.name
    elif not registry_in_use(session):
        found = Identity(clerk=uow.clerk, role=None, org_id=uow.org_id, visible=None)
        _identities[uow] = found
        return found
    else:
        row = session.exec(select(ClerkRow).where(col(ClerkRow.name) == uow.clerk)).first()
    if row is None:
        raise AccessDenied(
            _(
                "The clerk {clerk} is not registered in this database; an admin can add "
                "them with `mediate clerk add`."
            ).format(clerk=uow.clerk)
        )
    if not row.active:
        raise AccessDenied(_("The clerk {clerk} is disabled.").format(clerk=row.name))
    role = ClerkRole(row.role)
    if role is ClerkRole.ADMIN:
        visible: frozenset[str] | None = None
    elif row.org_id is None:
        visible = frozenset()
    elif role is ClerkRole.SUPERVISOR:
        visible = frozenset(org_subtree(session, row.org_id))
    else:
        visible = frozenset({row.org_id})
    if row.org_id is not None:
        uow.org_id = row.org_id
    found = Identity(clerk=row.name, role=role, org_id=row.org_id, visible=visible)
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
    """A WHERE condition on `cases` for what the clerk sees; None when no restriction."""
    who = identity(uow)
    if who.visible is None:
        return None
    own = col(CaseRow.created_by) == who.clerk
    if not who.visible:
        return own
    return or_(col(CaseRow.org_id).in_(sorted(who.visible)), own)


def restrict_cases(uow: UnitOfWork, statement: S) -> S:
    """`statement` (a select over cases) narrowed to the cases the clerk sees."""
    scope = case_scope(uow)
    if scope is None:
        return statement
    return statement.where(scope)  # type: ignore[attr-defined,no-any-return]


def scope_filters(uow: UnitOfWork, filters: Filters) -> Filters:
    """Report filters narrowed to the bodies the clerk sees (figures of their bodies only;
    no change for admins and a single desk)."""
    visible = identity(uow).visible
    if visible is None:
        return filters
    orgs = visible if filters.orgs is None else visible & filters.orgs
    return replace(filters, orgs=orgs)


def can_see(uow: UnitOfWork, case: CaseRow) -> bool:
    who = identity(uow)
    if who.visible is None or case.created_by == who.clerk:
        return True
    return case.org_id is not None and case.org_id in who.visible


def can_change(uow: UnitOfWork, case: CaseRow) -> bool:
    who = identity(uow)
    if who.visible is None:
        return True
    if case.org_id is None:
        return case.created_by == who.clerk
    return case.org_id in who.visible


def require_case_access(uow: UnitOfWork, case: CaseRow, change: bool = False) -> None:
    """Raise AccessDenied unless the acting clerk may see (or, `change`, change) `case`."""
    allowed = can_change(uow, case) if change else can_see(uow, case)
    if allowed:
        return
    who = identity(uow)
    if change:
        message = _("The clerk {clerk} may not change case {case}: it belongs to another body.")
    else:
        message = _("The clerk {clerk} may not see case {case}: it belongs to another body.")
    raise AccessDenied(message.format(clerk=who.clerk, case=case.id))


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
    who = identity(uow)
    if who.role is None or who.role is ClerkRole.ADMIN:
        return
    raise AccessDenied(
        _("Only an admin may do this; the clerk {clerk} is a {role}.").format(
            clerk=who.clerk, role=who.role.value
        )
    )


def visible_only(uow: UnitOfWork, org_ids: Iterable[str]) -> list[str]:
    """Those of `org_ids` the clerk sees, in their order."""
    visible = identity(uow).visible
    return [o for o in org_ids if visible is None or o in visible]
