"""What a command needs to run a service: settings, and a database opened on demand."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mediate.config import Settings
from mediate.errors import DatabaseError
from mediate.i18n import _

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from mediate.services.reading import Reading
    from mediate.store.uow import UnitOfWork


@dataclass
class AppContext:
    settings: Settings
    json: bool = False
    no_input: bool = False
    _engine: Engine | None = field(default=None, repr=False)
    _network_checked: bool = field(default=False, repr=False)
    _org: str | None = field(default=None, repr=False)  # --org, checked and resolved

    def engine(self, check: bool = True, network: bool = True) -> Engine:
        """The database engine; `check` refuses a database not at our schema head and,
        with `network`, one without the mediation network `mediate init` loads."""
        if self._engine is None:
            from mediate.store import failures
            from mediate.store.engine import describe, make_engine, missing_sqlite_file

            url = self.settings.db
            if check and missing_sqlite_file(url):
                # Only init, upgrade and restore create a database; a read must not leave
                # an empty file behind.
                raise DatabaseError(
                    _("The database {db} does not exist: run `mediate init` first.").format(
                        db=url.removeprefix("sqlite:///")
                    )
                )
            self._engine = make_engine(url, lock_timeout=self.settings.lock_timeout)
            failures.remember(describe(self._engine))
        if check:
            from mediate.store.migrate import check_network, check_schema

            check_schema(self._engine)
            if network and not self._network_checked:
                check_network(self._engine)
                self._network_checked = True
        return self._engine

    def require_admin(self, engine: Engine) -> None:
        """The acting clerk must be an admin of the database's register, if it has one
        (`access.require_database_admin`)."""
        from mediate.services.access import require_database_admin

        require_database_admin(engine, self.settings.clerk, self.settings.org)

    def uow(self, network: bool = True) -> UnitOfWork:
        """A unit of work; `network=False` for what loads the network itself (`org import`
        on a database made with `db upgrade`)."""
        from mediate.store.uow import UnitOfWork

        engine = self.engine(network=network)
        if self.settings.org is not None and self._org is None:
            from mediate.services.bodies import acting_body

            with UnitOfWork(engine, self.settings.clerk) as probe:
                self._org = acting_body(probe, self.settings.org)
        return UnitOfWork(engine, self.settings.clerk, self._org)

    @contextmanager
    def reading(self) -> Iterator[Reading]:
        """A read (services/cases.py, desk.py, bodies.py) in a unit of work."""
        from mediate.services.reading import reading

        with self.uow() as uow:
            yield reading(uow)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
            self._network_checked = False
