"""The 案由 taxonomy in the store: load the bundled 2020 revision, import another, search.

Each revision is stored under its version label (`2020`, `2026`…) so routing rules and
old cases keep the one they were written against.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mediate.errors import NotFound, ValidationError
from mediate.i18n import _
from mediate.routing.causes import Cause, Taxonomy, bundled_taxonomy, load_taxonomy_file

if TYPE_CHECKING:
    from mediate.store.uow import UnitOfWork


@dataclass
class TaxonomyLoad:
    version: str
    created: int
    updated: int
    unchanged: int

    def as_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


def upsert_taxonomy(uow: UnitOfWork, taxonomy: Taxonomy) -> TaxonomyLoad:
    """Store a revision by (version, code); re-loading updates, never duplicates."""
    from sqlmodel import select

    from mediate.store.tables import CauseRow

    session = uow.session
    existing = {
        row.code: row
        for row in session.exec(select(CauseRow).where(CauseRow.version == taxonomy.version))
    }
    created = updated = unchanged = 0
    for cause in taxonomy.walk():
        row = existing.get(cause.code)
        if row is None:
            session.add(
                CauseRow(
                    version=taxonomy.version,
                    code=cause.code,
                    name=cause.name,
                    level=cause.level,
                    parent_code=cause.parent_code,
                )
            )
            created += 1
        elif (row.name, row.level, row.parent_code) != (
            cause.name,
            cause.level,
            cause.parent_code,
        ):
            row.name, row.level, row.parent_code = cause.name, cause.level, cause.parent_code
            session.add(row)
            updated += 1
        else:
            unchanged += 1
    session.flush()
    if created or updated:
        uow.record(
            "causes_imported",
            note=_("案由 taxonomy {version}: {created} created, {updated} updated").format(
                version=taxonomy.version, created=created, updated=updated
            ),
        )
    return TaxonomyLoad(taxonomy.version, created, updated, unchanged)


def load_bundled_taxonomy(uow: UnitOfWork) -> TaxonomyLoad:
    return upsert_taxonomy(uow, bundled_taxonomy())


def import_taxonomy(uow: UnitOfWork, path: Path, version: str | None = None) -> TaxonomyLoad:
    try:
        taxonomy = load_taxonomy_file(path, version)
    except UnicodeDecodeError as exc:  # a binary file given by mistake
        raise ValidationError(_("the file is not UTF-8 text"), where=str(path)) from exc
    return upsert_taxonomy(uow, taxonomy)


def versions(uow: UnitOfWork) -> list[str]:
    from sqlmodel import select

    from mediate.store.tables import CauseRow

    return sorted(set(uow.session.exec(select(CauseRow.version)).all()))


def stored_taxonomy(uow: UnitOfWork, version: str | None = None) -> Taxonomy:
    """A stored revision (default: the bundled one's version, else the newest stored)."""
    from sqlmodel import select

    from mediate.store.tables import CauseRow

    known = versions(uow)
    wanted = version or (
        bundled_taxonomy().version if bundled_taxonomy().version in known else None
    )
    if wanted is None:
        if not known:
            return bundled_taxonomy()
        wanted = known[-1]
    if wanted not in known:
        raise NotFound(
            _("No 案由 taxonomy {version!r} is loaded (loaded: {known}).").format(
                version=wanted, known=", ".join(known) or "-"
            )
        )
    rows = uow.session.exec(select(CauseRow).where(CauseRow.version == wanted)).all()
    return Taxonomy(wanted, [Cause(r.code, r.name, r.level, r.parent_code) for r in rows])


def search(
    uow: UnitOfWork, text: str, version: str | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    taxonomy = stored_taxonomy(uow, version)
    return [describe(taxonomy, c) for c in taxonomy.search(text, limit)]


def show(uow: UnitOfWork, name_or_code: str, version: str | None = None) -> dict[str, Any]:
    taxonomy = stored_taxonomy(uow, version)
    cause = taxonomy.find(name_or_code) or taxonomy.by_code(name_or_code)
    if cause is None:
        raise NotFound(
            _("No cause {name!r} in the 案由 taxonomy {version}.").format(
                name=name_or_code, version=taxonomy.version
            )
        )
    data = describe(taxonomy, cause)
    data["children"] = [c.name for c in taxonomy.children(cause)]
    return data


def describe(taxonomy: Taxonomy, cause: Cause) -> dict[str, Any]:
    lineage = taxonomy.lineage(cause)
    return {
        "version": taxonomy.version,
        "code": cause.code,
        "name": cause.name,
        "level": cause.level,
        "path": [c.name for c in reversed(lineage)],
    }
