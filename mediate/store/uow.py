"""Unit of work: one session, one transaction; rolls back unless `commit()` is called."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from mediate.store.tables import EventRow


class UnitOfWork:
    """`with UnitOfWork(engine, clerk) as uow: ...; uow.commit()`.

    `clerk` and `org_id` are who is acting: every event recorded through `record()` carries
    them (the audit trail).
    """

    def __init__(self, engine: Engine, clerk: str, org_id: str | None = None) -> None:
        self.engine = engine
        self.clerk = clerk
        self.org_id = org_id
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("UnitOfWork used outside its `with` block")
        return self._session

    def __enter__(self) -> UnitOfWork:
        self._session = Session(self.engine, expire_on_commit=False)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()
            self._session = None

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()

    def record(
        self,
        action: str,
        case_id: int | None = None,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
        note: str | None = None,
    ) -> EventRow:
        """Append an audit event (who, when, what, before/after) in this transaction."""
        row = EventRow(
            case_id=case_id,
            clerk=self.clerk,
            org_id=self.org_id,
            action=action,
            before=before,
            after=after,
            note=note,
        )
        self.session.add(row)
        return row
