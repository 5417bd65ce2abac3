"""What a read service takes: a `Reading` (a DB-API reader and the acting clerk), made
by the light entry, or from a unit of work by `reading()`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mediate.services.who import Identity, identity
from mediate.store.dbapi import Reader

if TYPE_CHECKING:
    from mediate.store.uow import UnitOfWork


@dataclass
class Reading:
    """What a read service needs: a reader and who is acting (resolved on first use)."""

    reader: Reader
    clerk: str
    org_id: str | None = None
    resolver: Callable[[], Identity] | None = field(default=None, repr=False)

    def identity(self) -> Identity:
        if self.resolver is not None:
            return self.resolver()
        return identity(self.reader, self.clerk, self.org_id)


def reading(db: Reading | UnitOfWork) -> Reading:
    """`db` as a `Reading`: a unit of work reads on its own connection, and its clerk is
    resolved by `services/access.identity` (which also updates the unit of work)."""
    if isinstance(db, Reading):
        return db
    from mediate.services import access

    uow = db
    return Reading(
        Reader.of_session(uow.session), uow.clerk, uow.org_id, lambda: access.identity(uow)
    )
