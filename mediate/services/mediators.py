"""The mediators of each body (调解员名册): add, list with their open cases, disable, enable."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select

from mediate.domain import vocabulary
from mediate.domain.events import split_named
from mediate.domain.model import MediatorType, mask_phone
from mediate.domain.status import OPEN_STATUSES
from mediate.errors import NotFound, ValidationError
from mediate.i18n import _, in_language
from mediate.store.tables import CaseRow, MediatorRow, OrgRow
from mediate.store.uow import UnitOfWork


def parse_type(text: str) -> MediatorType:
    """A mediator type by any word `vocabulary.MEDIATOR_TYPE` takes: its id (`lawyer`), its
    label in either language (`律师调解员`) or a short form (`律师`); another word is a
    usage error (exit 2) naming --type."""
    return MediatorType(vocabulary.MEDIATOR_TYPE.parse_option(text, "--type"))


def type_name(code: str) -> str:
    """A mediator type's name in Chinese whatever the interface language (`--json`'s
    `type_name`): the six kinds the seed names (item 19), as `vocabulary` labels them."""
    with in_language("zh_CN"):
        return vocabulary.mediator_type_label(code)


@dataclass
class MediatorView:
    id: int
    org_id: str
    org_name: str
    name: str
    type: str
    phone: str | None
    active: bool
    open_cases: int

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "org": self.org_id,
            "org_name": self.org_name,
            "name": self.name,
            "type": self.type,
            "type_name": type_name(self.type),
            "phone": mask_phone(self.phone),
            "active": self.active,
            "open_cases": self.open_cases,
        }


def add_mediator(
    uow: UnitOfWork, org_id: str, name: str, type_: str, phone: str | None = None
) -> MediatorRow:
    from mediate.services.access import require_org_access

    org = uow.session.get(OrgRow, org_id)
    if org is None:
        raise NotFound(_("There is no body {id}.").format(id=org_id))
    require_org_access(uow, org_id)
    if not name.strip():
        raise ValidationError(_("A mediator needs a name."), where="--name")
    kind = parse_type(type_)
    # One person, one row per body: a disabled mediator added again would be a second
    # person with none of the first one's cases (review of 2026-12-03); enable them instead.
    duplicate = uow.session.exec(
        select(MediatorRow)
        .where(MediatorRow.org_id == org_id, MediatorRow.name == name.strip())
        .order_by(col(MediatorRow.active).desc(), col(MediatorRow.id))
    ).first()
    if duplicate is not None and duplicate.active:
        raise ValidationError(
            _("{org} already has an active mediator named {name} (id {id}).").format(
                org=org.name, name=duplicate.name, id=duplicate.id
            ),
            where="--name",
        )
    if duplicate is not None:
        raise ValidationError(
            _(
                "{org} already has a disabled mediator named {name} (id {id}): "
                "`mediate mediator enable {id}` takes them back."
            ).format(org=org.name, name=duplicate.name, id=duplicate.id),
            where="--name",
        )
    row = MediatorRow(org_id=org_id, name=name.strip(), type=kind.value, phone=phone or None)
    uow.session.add(row)
    uow.session.flush()
    uow.record(
        "mediator_add",
        after={"mediator": row.id, "org": org_id, "name": row.name, "type": row.type},
    )
    return row


def find_mediator(uow: UnitOfWork, org_id: str | None, ref: str | int) -> MediatorRow:
    """The mediator a clerk names by id or by name, as the tool prints them ("1" or "赵敏"):
    an id is taken as it is; a name among the active mediators of the body (exact, else the
    one whose name contains it). None or several is an error that lists who there is."""
    text = str(ref).strip()
    named = split_named(text)  # 刘明（13）, as history and case show print a mediator
    if named is not None and named[1].isascii() and named[1].isdigit():
        found_row = find_mediator(uow, org_id, named[1])
        if named[0] and found_row.name != named[0]:
            raise NotFound(
                _(
                    "No active mediator of the body is named {name}: "
                    "`mediate mediator list` shows them."
                ).format(name=text)
            )
        return found_row
    if text.isascii() and text.isdigit():  # "²" is a digit to isdigit, not to int()
        number = int(text)
        row = uow.session.get(MediatorRow, number) if number < 2**63 else None
        if row is None:
            raise NotFound(_("There is no mediator {id}.").format(id=text))
        return row
    query = select(MediatorRow).where(col(MediatorRow.active).is_(True))
    if org_id is not None:
        query = query.where(MediatorRow.org_id == org_id)
    rows = list(uow.session.exec(query.order_by(col(MediatorRow.id))).all())
    exact = [r for r in rows if r.name == text]
    found = exact or [r for r in rows if text and text in r.name]
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFound(
            _(
                "No active mediator of the body is named {name}: "
                "`mediate mediator list` shows them."
            ).format(name=text)
        )
    raise ValidationError(
        _("Several mediators match {name}: {list}; give the id.").format(
            name=text, list=_(", ").join(f"{r.id} {r.name}" for r in found)
        ),
        where="--mediator",
    )


def _switch(uow: UnitOfWork, mediator_id: int, active: bool) -> MediatorRow:
    """A mediator set active or not, recorded (mediator_enable / mediator_disable)."""
    row = uow.session.get(MediatorRow, mediator_id)
    if row is None:
        raise NotFound(_("There is no mediator {id}.").format(id=mediator_id))
    from mediate.services.access import require_org_access

    require_org_access(uow, row.org_id)
    if row.active == active:
        already = (
            _("Mediator {id} is already active.")
            if active
            else _("Mediator {id} is already disabled.")
        )
        raise ValidationError(already.format(id=mediator_id))
    row.active = active
    uow.session.add(row)
    uow.record(
        "mediator_enable" if active else "mediator_disable",
        before={"mediator": row.id, "active": not active},
        after={"mediator": row.id, "active": active},
    )
    return row


def disable_mediator(uow: UnitOfWork, mediator_id: int) -> tuple[MediatorRow, int]:
    """Disable a mediator; their open cases stay with them (returned: how many) until
    re-assigned."""
    row = _switch(uow, mediator_id, False)
    return row, open_loads(uow, row.org_id).get(mediator_id, 0)


def enable_mediator(uow: UnitOfWork, mediator_id: int) -> MediatorRow:
    """Take a disabled mediator back: they may be assigned new cases again."""
    return _switch(uow, mediator_id, True)


def open_loads(uow: UnitOfWork, org_id: str | None = None) -> dict[int, int]:
    """Open cases per mediator (of one body, or all)."""
    query = (
        select(CaseRow.mediator_id, func.count())
        .where(
            col(CaseRow.mediator_id).is_not(None),
            col(CaseRow.status).in_([s.value for s in OPEN_STATUSES]),
        )
        .group_by(col(CaseRow.mediator_id))
    )
    if org_id is not None:
        query = query.where(CaseRow.org_id == org_id)
    return {int(m): int(n) for m, n in uow.session.exec(query).all() if m is not None}


def list_mediators(
    uow: UnitOfWork, org_id: str | None = None, include_disabled: bool = False
) -> list[MediatorView]:
    query = select(MediatorRow, OrgRow).join(OrgRow, col(OrgRow.id) == col(MediatorRow.org_id))
    if org_id is not None:
        if uow.session.get(OrgRow, org_id) is None:
            raise NotFound(_("There is no body {id}.").format(id=org_id))
        query = query.where(MediatorRow.org_id == org_id)
    if not include_disabled:
        query = query.where(col(MediatorRow.active).is_(True))
    loads = open_loads(uow, org_id)
    rows = uow.session.exec(query.order_by(col(MediatorRow.org_id), col(MediatorRow.id))).all()
    return [
        MediatorView(
            id=m.id or 0,
            org_id=m.org_id,
            org_name=o.name,
            name=m.name,
            type=m.type,
            phone=m.phone,
            active=m.active,
            open_cases=loads.get(m.id or 0, 0),
        )
        for m, o in rows
    ]
