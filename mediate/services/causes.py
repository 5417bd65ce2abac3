"""The 案由 taxonomy in the store: load the bundled revisions, import another, search.

Each revision is stored under its version label (`2020`, `2025`, or a deployment's own
import) so routing rules and old cases keep the one they were written against. The 2025
revision's codes are its official serial numbers (`144(1)`); the 2020 copy's are
positional (see data/PROVENANCE.md).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mediate.errors import BadOptionValue, NotFound, ValidationError, quoted, shown
from mediate.i18n import _
from mediate.routing.causes import (
    BUNDLED_REVISIONS,
    Cause,
    Taxonomies,
    Taxonomy,
    bundled_revision,
    bundled_taxonomy,
    load_taxonomy_file,
    official_cause,
)

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
    """Store both bundled revisions (2020 and 2025); the counts are their sums."""
    loads = [upsert_taxonomy(uow, bundled_revision(v)) for v in BUNDLED_REVISIONS]
    return TaxonomyLoad(
        "+".join(BUNDLED_REVISIONS),
        sum(x.created for x in loads),
        sum(x.updated for x in loads),
        sum(x.unchanged for x in loads),
    )


def import_taxonomy(uow: UnitOfWork, path: Path, version: str | None = None) -> TaxonomyLoad:
    """`causes import`: an admin's, once the registry is in use (the taxonomy is every
    body's)."""
    from mediate.services import access

    access.require_admin(uow)
    try:
        taxonomy = load_taxonomy_file(path, version)
    except UnicodeDecodeError as exc:  # a binary file given by mistake
        raise ValidationError(_("the file is not UTF-8 text"), where=str(path)) from exc
    return upsert_taxonomy(uow, taxonomy)


def versions(uow: UnitOfWork) -> list[str]:
    from sqlmodel import select

    from mediate.store.tables import CauseRow

    return sorted(set(uow.session.exec(select(CauseRow.version)).all()))


def default_taxonomy() -> Taxonomies:
    """The bundled 2020 and 2025 revisions joined, with the deployment's switch-over day
    (setting `causes_2025_from`, default 2026-01-01: 法〔2025〕227号)."""
    from mediate.config import load_settings

    return bundled_taxonomy(load_settings().causes_2025_from)


def current_revision(today: dt.date) -> str:
    """The revision that classifies a dispute received `today`."""
    return default_taxonomy().revision_on(today).version


def stored_taxonomy(uow: UnitOfWork, version: str | None = None) -> Taxonomy:
    """A stored revision (default: the newest stored; a bundled one when none is stored)."""
    from sqlmodel import select

    from mediate.store.tables import CauseRow

    known = versions(uow)
    wanted = version or (known[-1] if known else BUNDLED_REVISIONS[-1])
    if wanted not in known:
        if wanted in BUNDLED_REVISIONS:
            return bundled_revision(wanted)
        raise NotFound(
            _("No 案由 taxonomy {version!r} is loaded (loaded: {known}).").format(
                version=wanted, known=_(", ").join(known) or "-"
            )
        )
    rows = uow.session.exec(select(CauseRow).where(CauseRow.version == wanted)).all()
    base = bundled_revision(wanted) if wanted in BUNDLED_REVISIONS else None
    return Taxonomy(
        wanted,
        [Cause(r.code, r.name, r.level, r.parent_code) for r in rows],
        base.title if base else None,
        base.effective if base else None,
    )


def _revisions(uow: UnitOfWork, revision: str | None) -> list[Taxonomy]:
    """The revision `causes search|show --revision` names, else every loaded one; a
    revision there is not is a usage error listing those there are."""
    if revision is not None:
        there = sorted(set(versions(uow)) | set(BUNDLED_REVISIONS))
        revision = revision_read(revision, there)
        if revision not in there:
            raise BadOptionValue(
                "--revision",
                _("there is no 案由 taxonomy {version}; there are: {known}.").format(
                    version=quoted(shown(revision)), known=_(", ").join(there)
                ),
            )
        return [stored_taxonomy(uow, revision)]
    known = versions(uow) or list(BUNDLED_REVISIONS)
    return [stored_taxonomy(uow, v) for v in reversed(known)]  # the newest first


_REVISION_WORDS = re.compile(r"^\s*(?P<label>.+?)\s*(?:年版|年|版)?\s*$")


def revision_read(text: str, there: list[str]) -> str:
    """A revision as the clerk may write it back: 2025, 2025年, 2025版, 2025 版 (as the
    interface prints a revision, "2025 版案由") — the stored label when one of `there`,
    else the text as given."""
    text = unicodedata.normalize("NFKC", text)  # full-width ２０２５ as 2025
    if text in there:
        return text
    match = _REVISION_WORDS.match(text)
    label = match["label"] if match else text
    return label if label in there else text


def search(
    uow: UnitOfWork, text: str, revision: str | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    """Causes whose name contains the text: in one revision, or in every loaded one
    (newest first)."""
    found: list[dict[str, Any]] = []
    for taxonomy in _revisions(uow, revision):
        resolved = resolve_written(taxonomy, text)
        hits = taxonomy.search(text, limit - len(found))
        if resolved is not None and resolved[0] not in hits:  # a word, not part of a name
            cause, when = resolved
            found.append(_resolved(describe(taxonomy, cause), text, when))
            hits = hits[: limit - len(found)]
        found += [describe(taxonomy, c) for c in hits]
        if len(found) >= limit:
            break
    return found[:limit]


# The parties a word needs to name an official cause (`Taxonomy.official`): none, a worker
# against an employer (wage words: 劳动争议调解仲裁法 art. 2; domain.parties.labour_parties),
# a financial party (车贷, 房贷: 民间借贷规定 art. 1) — as routing and court papers read them.
_PARTY_CONDITIONS: tuple[tuple[bool, bool, str | None], ...] = (
    (False, False, None),
    (True, False, "employer"),
    (False, True, "lender"),
)


def resolve_written(taxonomy: Taxonomy, text: str) -> tuple[Cause, str | None] | None:
    """The official cause a name the taxonomy does not hold means (借钱不还 -> 民间借贷纠纷,
    物业费 -> 物业服务合同纠纷: `routing.causes.official_cause`, what routing and court papers
    use), and
    the condition on the parties it needs (None, "employer" or "lender"); None when the
    name is an official one or means none."""
    written = text.strip()
    if not written or taxonomy.find(written) is not None:
        return None
    for employer, lender, when in _PARTY_CONDITIONS:
        cause = taxonomy.find(official_cause(written, employer, lender, taxonomy))
        if cause is not None:
            return cause, when
    return None


def _resolved(data: dict[str, Any], written: str, when: str | None) -> dict[str, Any]:
    return {**data, "written": written.strip(), "only_when": when}


def condition_label(when: str | None) -> str:
    """What the parties must be for a word to name its official cause, in words."""
    if when == "employer":
        return _("when a worker claims from an employer")
    if when == "lender":
        return _("when a financial institution is a party")
    return ""


def show(
    uow: UnitOfWork, name_or_code: str, revision: str | None = None, today: dt.date | None = None
) -> dict[str, Any]:
    """A cause by name or code: in the given revision, else in the one in force `today`,
    else in any other loaded revision."""
    candidates = _revisions(uow, revision)
    if revision is None and today is not None:
        current = current_revision(today)
        candidates.sort(key=lambda t: t.version != current)
    folded = unicodedata.normalize("NFKC", name_or_code).strip().casefold()  # 108（３）
    for taxonomy in candidates:
        cause = (
            taxonomy.find(name_or_code)
            or taxonomy.by_code(name_or_code.strip())
            or taxonomy.find(folded)
            or taxonomy.by_code(folded)
        )
        if cause is not None:
            data = describe(taxonomy, cause)
            data["children"] = [c.name for c in taxonomy.children(cause)]
            return _with_counterparts(data, taxonomy)
    for taxonomy in candidates:
        resolved = resolve_written(taxonomy, name_or_code)
        if resolved is not None:
            cause, when = resolved
            data = _resolved(describe(taxonomy, cause), name_or_code, when)
            data["children"] = [c.name for c in taxonomy.children(cause)]
            return _with_counterparts(data, taxonomy)
    raise NotFound(
        _("No cause {name!r} in the 案由 taxonomy {version}.").format(
            name=name_or_code, version=_(", ").join(t.version for t in candidates)
        )
    )


def _with_counterparts(data: dict[str, Any], taxonomy: Taxonomy) -> dict[str, Any]:
    """The cause's names in the other bundled revision (data/causes-2020-2025.yaml, which
    lists only names that changed), and `same_in_other`: whether the other revision has the
    very same name (民间借贷纠纷 in 2020 and 2025), which the mapping leaves out."""
    name = str(data["name"])
    joined = default_taxonomy()
    data["counterparts"] = sorted(joined.counterparts(name))
    others = [t for v, t in joined.revisions.items() if v != taxonomy.version]
    kept = bool(others) and all(name in t for t in others)
    # The name kept is not the cause kept (the fifth review: 劳务合同纠纷, 2020 and 2025, has
    # other sub-causes): "the same" only when the sub-causes are too. The codes are of two
    # numberings (2020 "108(3)", 2025 "4.1.30.3"), so a changed one is shown, not compared.
    changed: list[str] = []
    if kept:
        children = sorted(data.get("children") or [])
        for other in others:
            there = other.find(name)
            if there is not None and sorted(c.name for c in other.children(there)) != children:
                changed.append(f"{other.version}: {there.code}")
    data["same_in_other"] = kept and not changed
    data["name_kept_in_other"] = kept and bool(changed)
    data["changed_in_other"] = changed
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
