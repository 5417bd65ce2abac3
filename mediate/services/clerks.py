"""The clerks registry: who may use this database, for which body, in which role.

The registry starts empty (a single desk: everybody may do everything). The first clerk
registered must be an admin, so that somebody can manage it; from then on only
registered, active clerks may work, and only admins change the registry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from mediate.domain import vocabulary
from mediate.domain.model import ClerkRole
from mediate.errors import AccessDenied, ConflictError, NotFound, ValidationError
from mediate.i18n import _
from mediate.services import access
from mediate.store import rls
from mediate.store.tables import CaseRow, ClerkRow, OrgRow
from mediate.store.uow import UnitOfWork


@dataclass(frozen=True)
class ClerkInfo:
    name: str
    org_id: str | None
    org_name: str | None
    role: str
    db_role: str | None
    active: bool
    created_at: dt.datetime

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "org": self.org_id,
            "org_name": self.org_name,
            "role": self.role,
            "db_role": self.db_role,
            "active": self.active,
            "created_at": self.created_at,
        }


def _info(uow: UnitOfWork, row: ClerkRow) -> ClerkInfo:
    org = uow.session.get(OrgRow, row.org_id) if row.org_id else None
    return ClerkInfo(
        name=row.name,
        org_id=row.org_id,
        org_name=org.name if org else None,
        role=row.role,
        db_role=row.db_role,
        active=row.active,
        created_at=row.created_at,
    )


def _role(value: str) -> ClerkRole:
    """A role by its code or by any word `clerk list` prints for it (书记员, 主管, 管理员);
    another word is a usage error (exit 2) naming --role."""
    return ClerkRole(vocabulary.CLERK_ROLE.parse_option(value, "--role"))


def _find(uow: UnitOfWork, name: str) -> ClerkRow:
    row = uow.session.exec(select(ClerkRow).where(col(ClerkRow.name) == name)).first()
    if row is None:
        raise NotFound(_("No clerk named {name} is registered.").format(name=name))
    return row


def add_clerk(uow: UnitOfWork, name: str, org_id: str | None, role: str = "clerk") -> ClerkInfo:
    """Register a clerk. Clerks and supervisors need a body; an admin may have none."""
    name = name.strip()
    if not name:
        raise ValidationError(_("A clerk needs a name."), where=_("NAME"))
    wanted = _role(role)
    if not access.registry_in_use(uow.session):
        if wanted is not ClerkRole.ADMIN:
            raise ValidationError(
                _(
                    "The first clerk registered must be an admin (--role admin), so that "
                    "somebody can manage the registry."
                ),
                where="--role",
            )
    else:
        access.require_admin(uow)
    if org_id is None and wanted is not ClerkRole.ADMIN:
        raise ValidationError(
            _("A {role} works for a body: give --org.").format(
                role=vocabulary.clerk_role_label(wanted)
            ),
            where="--org",
        )
    if org_id is not None and uow.session.get(OrgRow, org_id) is None:
        raise NotFound(
            _("There is no body {org}: `mediate org list` shows them.").format(org=org_id)
        )
    exists = uow.session.exec(select(ClerkRow.id).where(col(ClerkRow.name) == name)).first()
    if exists is not None:
        raise ConflictError(_("A clerk named {name} is already registered.").format(name=name))
    row = ClerkRow(name=name, org_id=org_id, role=wanted.value)
    uow.session.add(row)
    try:
        uow.session.flush()
    except IntegrityError as exc:  # another admin registered the same name just now
        raise ConflictError(
            _("A clerk named {name} is already registered.").format(name=name)
        ) from exc
    uow.record("clerk_added", after={"name": name, "org": org_id, "role": wanted.value})
    access.forget(uow)
    return _info(uow, row)


def list_clerks(uow: UnitOfWork, include_disabled: bool = True) -> list[ClerkInfo]:
    access.identity(uow)  # only registered clerks may look
    statement = select(ClerkRow)
    if not include_disabled:
        statement = statement.where(col(ClerkRow.active))
    rows = uow.session.exec(statement).all()
    # Sorted here, not in SQL: backends disagree on NULLs and on collating Chinese.
    rows = sorted(rows, key=lambda r: (r.org_id or "", r.name))
    return [_info(uow, row) for row in rows]


def disable_clerk(uow: UnitOfWork, name: str) -> ClerkInfo:
    """Disable a clerk (kept for the audit trail); their database login stops working."""
    access.require_admin(uow)
    row = _find(uow, name)
    if not row.active:
        return _info(uow, row)
    if row.role == ClerkRole.ADMIN.value:
        admins = uow.session.exec(
            select(func.count())
            .select_from(ClerkRow)
            .where(col(ClerkRow.role) == ClerkRole.ADMIN.value, col(ClerkRow.active))
        ).one()
        if admins <= 1:
            raise AccessDenied(
                _("{name} is the last active admin; register another admin first.").format(
                    name=name
                )
            )
    row.active = False
    uow.session.add(row)
    if row.db_role and uow.session.get_bind().dialect.name == "postgresql":
        rls.revoke_clerk_privileges(uow.session.connection(), row.db_role)
    uow.record("clerk_disabled", before={"name": name, "active": True}, after={"active": False})
    access.forget(uow)
    return _info(uow, row)


@dataclass(frozen=True)
class GrantResult:
    clerk: ClerkInfo
    role_created: bool


def grant_login(
    uow: UnitOfWork, name: str, db_role: str, password: str | None = None
) -> GrantResult:
    """Give a clerk a PostgreSQL login role bound by row-level security to their bodies."""
    access.require_admin(uow)
    if uow.session.get_bind().dialect.name != "postgresql":
        raise ValidationError(
            _("Database logins for clerks exist on PostgreSQL only; this database is SQLite.")
        )
    rls.check_role_name(db_role)
    row = _find(uow, name)
    if not row.active:
        raise AccessDenied(_("The clerk {clerk} is disabled.").format(clerk=name))
    holder = uow.session.exec(
        select(ClerkRow.name).where(col(ClerkRow.db_role) == db_role, col(ClerkRow.id) != row.id)
    ).first()
    if holder is not None:
        raise ConflictError(
            _("The database role {role} already belongs to the clerk {clerk}.").format(
                role=db_role, clerk=holder
            )
        )
    connection = uow.session.connection()
    current = rls.current_role_of(connection)
    if db_role == current:
        raise ValidationError(
            _("{role} is the role mediate itself connects with; choose another name.").format(
                role=db_role
            ),
            where="--role",
        )
    created = rls.create_login_role(connection, db_role, password)
    rls.grant_clerk_privileges(connection, db_role)
    before = row.db_role
    row.db_role = db_role
    uow.session.add(row)
    uow.record("clerk_login_granted", before={"db_role": before}, after={"db_role": db_role})
    return GrantResult(clerk=_info(uow, row), role_created=created)


@dataclass(frozen=True)
class SharedDeskDemo:
    """What `mediate demo` shows of backups, moving up and access."""

    backup: Path
    shared: Path
    rows_copied: int
    tables: int
    clerk: str
    org_name: str
    clerk_sees: int
    cases: int


def demo_shared_desk(engine: Engine, directory: Path, admin: str) -> SharedDeskDemo:
    """Back the demo database up, copy it into a second database (standing in for the
    shared PostgreSQL), register clerks there and count what a clerk of the busiest body
    sees. The demo database itself keeps its single-desk set-up."""
    from mediate.services.backup import backup_database
    from mediate.services.dbcopy import copy_database
    from mediate.store.engine import make_engine, sqlite_files

    backup = directory / "backup" / "mediate-backup.db"
    backup_database(engine, backup, force=True)
    shared_path = directory / "shared.db"
    for stale in sqlite_files(shared_path):
        stale.unlink(missing_ok=True)
    shared = make_engine(f"sqlite:///{shared_path}")
    try:
        report = copy_database(engine, shared)
        with UnitOfWork(shared, admin) as uow:
            busiest = uow.session.exec(
                select(CaseRow.org_id, func.count())
                .where(col(CaseRow.org_id).is_not(None))
                .group_by(col(CaseRow.org_id))
                .order_by(func.count().desc(), col(CaseRow.org_id))
                .limit(1)
            ).first()
            org_id = busiest[0] if busiest else None
            add_clerk(uow, admin, None, ClerkRole.ADMIN.value)
            clerk = _("Demo clerk") if org_id is not None else admin
            if org_id is not None:
                add_clerk(uow, clerk, org_id, ClerkRole.CLERK.value)
            uow.commit()
        with UnitOfWork(shared, clerk) as uow:
            total = uow.session.exec(select(func.count()).select_from(CaseRow)).one()
            sees = uow.session.exec(
                access.restrict_cases(uow, select(func.count()).select_from(CaseRow))
            ).one()
            org = uow.session.get(OrgRow, org_id) if org_id else None
            org_name = org.name if org else "-"
    finally:
        shared.dispose()
    return SharedDeskDemo(
        backup=backup,
        shared=shared_path,
        rows_copied=report.copied,
        tables=len(report.tables),
        clerk=clerk,
        org_name=org_name,
        clerk_sees=int(sees),
        cases=int(total),
    )
