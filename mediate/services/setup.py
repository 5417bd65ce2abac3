"""`mediate init`: bring the schema to head and load the bundled reference data."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from mediate.store.migrate import upgrade


@dataclass
class InitResult:
    revision_before: str | None
    revision_after: str
    orgs_created: int = 0
    orgs_updated: int = 0
    causes_created: int = 0


def initialise(engine: Engine, clerk: str) -> InitResult:
    """Upgrade the schema, then load the bundled network and 案由 taxonomy (an idempotent
    upsert: a second `init` changes nothing; a newer bundle updates in place)."""
    from mediate.services.causes import load_bundled_taxonomy
    from mediate.services.network import load_bundled_network
    from mediate.store.uow import UnitOfWork

    before, after = upgrade(engine)
    with UnitOfWork(engine, clerk) as uow:
        orgs = load_bundled_network(uow)
        causes = load_bundled_taxonomy(uow)
        uow.commit()
    return InitResult(
        revision_before=before,
        revision_after=after,
        orgs_created=len(orgs.created),
        orgs_updated=len(orgs.updated),
        causes_created=causes.created,
    )
