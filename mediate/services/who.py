"""The acting clerk and what they see, in plain SQL over a `store.dbapi.Reader`.

The one implementation of the rule in `services/access.py` (which applies it to units of
work): the light read path and the full commands resolve the clerk here, and narrow
`cases` with `case_scope`. No SQLAlchemy: the light entry imports this.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mediate.errors import AccessDenied
from mediate.i18n import _
from mediate.store.dbapi import Reader, marks

ADMIN, SUPERVISOR = "admin", "supervisor"  # domain.model.ClerkRole values


@dataclass(frozen=True)
class Identity:
    """The acting clerk as the registry knows them. `role` None: no registry in use."""

    clerk: str
    role: Any  # ClerkRole | None
    org_id: str | None
    visible: frozenset[str] | None  # org ids; None = every body (an admin, or no registry)

    @property
    def sees_everything(self) -> bool:
        return self.visible is None


_CLERK = "SELECT name, org_id, role, active FROM clerks"


def registry_in_use(reader: Reader) -> bool:
    return reader.one("SELECT id FROM clerks LIMIT 1") is not None


def org_subtree(reader: Reader, root_id: str) -> set[str]:
    """`root_id` and every body below it, following orgs.parent_id."""
    children: dict[str, list[str]] = {}
    for org_id, parent_id in reader.rows("SELECT id, parent_id FROM orgs"):
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


def _row_for_login_role(reader: Reader) -> tuple[Any, ...] | None:
    if reader.backend != "postgresql":
        return None
    role = reader.scalar("SELECT current_user")
    return reader.one(_CLERK + " WHERE db_role = ?", (role,))


def resolve(reader: Reader, clerk: str, org_id: str | None) -> Identity:
    """Who `clerk` is (on PostgreSQL: the clerk whose login this connection uses)."""
    row = _row_for_login_role(reader)
    if row is None:
        if not registry_in_use(reader):
            return Identity(clerk=clerk, role=None, org_id=org_id, visible=None)
        row = reader.one(_CLERK + " WHERE name = ?", (clerk,))
    if row is None:
        raise AccessDenied(
            _(
                "The clerk {clerk} is not registered in this database; an admin can add "
                "them with `mediate clerk add`."
            ).format(clerk=clerk)
        )
    name, home, role, active = row
    if not active:
        raise AccessDenied(_("The clerk {clerk} is disabled.").format(clerk=name))
    if role == ADMIN:
        visible: frozenset[str] | None = None
    elif home is None:
        visible = frozenset()
    elif role == SUPERVISOR:
        visible = frozenset(org_subtree(reader, home))
    else:
        visible = frozenset({home})
    from mediate.domain.kinds import ClerkRole

    return Identity(clerk=name, role=ClerkRole(role), org_id=home, visible=visible)


def identity(reader: Reader, clerk: str, org_id: str | None) -> Identity:
    """`resolve`, once per reader."""
    key = ("identity", clerk, org_id)
    if key not in reader._cache:
        reader._cache[key] = resolve(reader, clerk, org_id)
    found: Identity = reader._cache[key]
    return found


def case_scope(who: Identity, cases: str = "cases") -> tuple[str, list[Any]]:
    """A WHERE condition on `cases` (or its alias) for what the clerk sees, with its
    parameters; ("", []) when there is no restriction (no registry, or an admin: every
    body's cases and those no body has yet)."""
    if who.role is None or who.visible is None:
        return "", []
    own = f"{cases}.created_by = ?"
    if not who.visible:
        return own, [who.clerk]
    bodies = sorted(who.visible)
    return f"({cases}.org_id IN ({marks(bodies)}) OR {own})", [*bodies, who.clerk]


def can_see(who: Identity, org_id: str | None, created_by: str) -> bool:
    """A case of a body the clerk sees, or one they registered; an admin sees every case
    (those no body has yet too: a clerk who registered one may have left)."""
    if who.role is None or who.visible is None or created_by == who.clerk:
        return True
    return org_id is not None and org_id in who.visible


def can_change(who: Identity, org_id: str | None, created_by: str) -> bool:
    """A case of a body the clerk sees; one no body has yet only for the clerk who
    registered it and for an admin."""
    if who.role is None or who.visible is None:
        return True
    if org_id is None:
        return created_by == who.clerk
    return org_id in who.visible


def refusal(who: Identity, case_id: int, org_id: str | None, created_by: str, change: bool) -> str:
    """Why the clerk may not see (or change) the case, in the interface language."""
    if org_id is None:
        if change:
            message = _(
                "The clerk {clerk} may not change case {case}: no body has it yet: only "
                "{registrar}, who registered it, or an admin may."
            )
        else:
            message = _(
                "The clerk {clerk} may not see case {case}: no body has it yet: only "
                "{registrar}, who registered it, or an admin may."
            )
        return message.format(clerk=who.clerk, case=case_id, registrar=created_by)
    if change:
        message = _("The clerk {clerk} may not change case {case}: it belongs to another body.")
    else:
        message = _("The clerk {clerk} may not see case {case}: it belongs to another body.")
    return message.format(clerk=who.clerk, case=case_id)


def require_visible(who: Identity, case_id: int, org_id: str | None, created_by: str) -> None:
    """AccessDenied unless the clerk may see the case (as access.require_case_access)."""
    if can_see(who, org_id, created_by):
        return
    raise AccessDenied(refusal(who, case_id, org_id, created_by, change=False))
