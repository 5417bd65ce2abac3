"""`mediate init`: bring the schema to head and load the bundled reference data."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from mediate.store.migrate import upgrade


@dataclass
class InitResult:
    revision_before: str | None
    revision_after: str


def initialise(engine: Engine, clerk: str) -> InitResult:
    before, after = upgrade(engine)
    return InitResult(revision_before=before, revision_after=after)
