"""What a command needs to run a service: settings, and a database opened on demand."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mediate.config import Settings

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from mediate.store.uow import UnitOfWork


@dataclass
class AppContext:
    settings: Settings
    json: bool = False
    no_input: bool = False
    _engine: Engine | None = field(default=None, repr=False)

    def engine(self, check: bool = True) -> Engine:
        """The database engine; `check` refuses a database not at our schema head."""
        if self._engine is None:
            from mediate.store.engine import make_engine

            self._engine = make_engine(self.settings.db)
        if check:
            from mediate.store.migrate import check_schema

            check_schema(self._engine)
        return self._engine

    def uow(self) -> UnitOfWork:
        from mediate.store.uow import UnitOfWork

        return UnitOfWork(self.engine(), self.settings.clerk, self.settings.org)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
