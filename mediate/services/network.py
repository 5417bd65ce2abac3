"""The network in the store: load the bundled one, import a deployment's own, list, show.

`upsert_orgs(uow, orgs)` is idempotent: re-importing updates changed bodies and never
duplicates (bodies are keyed by their stable id). `import_orgs(uow, path)` reads CSV
(UTF-8 / GBK), XLSX or YAML with the fields of `data/network.yaml`; every bad row is
reported with its row number and field, and nothing is written when any row is bad.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mediate.domain.model import Org
from mediate.errors import NotFound, ValidationError, ValidationErrors, located
from mediate.files import os_reason
from mediate.i18n import _
from mediate.intake.validate import column_lengths
from mediate.intake.values import BadValue, screen_text, screen_tree
from mediate.routing.network import (
    ORG_FIELDS,
    bundled_network_data,
    org_from_record,
    org_record,
    parse_network,
)

if TYPE_CHECKING:
    from mediate.store.tables import OrgRow
    from mediate.store.uow import UnitOfWork


@dataclass
class UpsertResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": self.unchanged,
        }


_COLUMNS = (
    "name",
    "kind",
    "level",
    "division_code",
    "field",
    "capacity",
    "address",
    "phone",
    "sample",
    "active",
)


def _values(o: Org) -> dict[str, Any]:
    return {
        "name": o.name,
        "kind": o.kind.value,
        "level": o.level.value,
        "division_code": o.division_code,
        "field": o.field,
        "capacity": o.capacity,
        "address": o.address,
        "phone": o.phone,
        "sample": o.sample,
        "active": o.active,
    }


def upsert_orgs(
    uow: UnitOfWork, orgs: list[Org], where: dict[str, str] | None = None
) -> UpsertResult:
    """Create or update bodies by id. References (parent, court) must resolve to a body in
    this list or already stored. Not committed."""
    from sqlmodel import select

    from mediate.store.tables import OrgRow
    from mediate.store.types import utcnow

    session = uow.session
    existing = {row.id: row for row in session.exec(select(OrgRow)).all()}
    known = set(existing) | {o.id for o in orgs}
    errors = []
    for o in orgs:
        for ref_field, ref in (("parent", o.parent_id), ("court", o.court_id)):
            if ref and ref not in known:
                errors.append(
                    ValidationError(
                        _("field {field!r}: no body with id {id!r}").format(
                            field=ref_field, id=ref
                        ),
                        (where or {}).get(o.id, o.id),
                    )
                )
    if errors:
        raise ValidationErrors(errors, _("Nothing was imported."))
    result = UpsertResult()
    now = utcnow()
    changed_refs: list[tuple[OrgRow, Org]] = []
    for o in orgs:
        row = existing.get(o.id)
        values = _values(o)
        if row is None:
            row = OrgRow(id=o.id, updated_at=now, **values)
            session.add(row)
            existing[o.id] = row
            result.created.append(o.id)
            changed_refs.append((row, o))
            continue
        if any(getattr(row, k) != v for k, v in values.items()) or (
            row.parent_id != o.parent_id or row.court_id != o.court_id
        ):
            for k, v in values.items():
                setattr(row, k, v)
            row.updated_at = now
            session.add(row)
            result.updated.append(o.id)
            changed_refs.append((row, o))
        else:
            result.unchanged += 1
    session.flush()  # every body exists before any reference to it is set
    for row, o in changed_refs:
        row.parent_id, row.court_id = o.parent_id, o.court_id
        session.add(row)
    session.flush()
    if result.created or result.updated:
        uow.record(
            "orgs_imported",
            note=_("{created} created, {updated} updated").format(
                created=len(result.created), updated=len(result.updated)
            ),
        )
    return result


def load_bundled_network(uow: UnitOfWork) -> UpsertResult:
    return upsert_orgs(uow, bundled_network_data().orgs)


# -- import from files ----------------------------------------------------------------

_HEADER_ALIASES = {
    "编号": "id",
    "名称": "name",
    "类型": "kind",
    "层级": "level",
    "区划代码": "division",
    "行政区划代码": "division",
    "专业领域": "field",
    "上级": "parent",
    "对接法院": "court",
    "容量": "capacity",
    "地址": "address",
    "电话": "phone",
    "样例": "sample",
    "启用": "active",
}


def read_org_file(path: Path) -> tuple[list[Org], dict[str, str]]:
    """Bodies from a CSV, XLSX or YAML file; all errors at once, with row and field."""
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        import yaml

        from mediate import safeyaml

        try:
            data = safeyaml.load_file(path)
        except yaml.YAMLError as exc:
            raise safeyaml.error(exc, str(path)) from None
        except OSError as exc:
            raise ValidationError(os_reason(exc), str(path)) from None
        try:
            data = screen_tree(data)
        except BadValue as exc:
            raise ValidationError(str(exc), str(path)) from None
        if isinstance(data, list):
            data = {"orgs": data}
        parsed = parse_network(data, str(path))
        return parsed.orgs, {o.id: f"{path}: orgs[{i}]" for i, o in enumerate(parsed.orgs)}
    if suffix == ".csv":
        rows = _csv_rows(path)
    elif suffix in (".xlsx", ".xlsm", ".xls"):
        rows = _xlsx_rows(path)
    else:
        raise ValidationError(
            _("unsupported file type {suffix!r}: use .csv, .xlsx or .yaml").format(suffix=suffix),
            str(path),
        )
    if not rows:
        raise ValidationError(_("the file is empty"), str(path))
    header = [_HEADER_ALIASES.get(str(h).strip(), str(h).strip().lower()) for h in rows[0]]
    unknown = [h for h in header if h and h not in ORG_FIELDS and h != "division_code"]
    if unknown:
        raise ValidationError(
            _("unknown column {column!r}; known columns: {known}").format(
                column=unknown[0], known=_(", ").join(ORG_FIELDS)
            ),
            f"{path}: row 1",
        )
    orgs: list[Org] = []
    where: dict[str, str] = {}
    errors: list[ValidationError] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(rows[1:], start=2):
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        record = {h: c for h, c in zip(header, cells, strict=False) if h}
        place = f"{path}: row {number}"
        record, refused = _screened(record, place)
        if refused:
            errors.extend(refused)
            continue
        try:
            o = org_from_record(record, place)
        except ValidationError as exc:
            errors.append(exc)
            continue
        if o.id in seen:
            errors.append(
                ValidationError(
                    _("field 'id': {id!r} repeats row {row}").format(id=o.id, row=seen[o.id]),
                    place,
                )
            )
            continue
        seen[o.id] = number
        where[o.id] = place
        orgs.append(o)
    if errors:
        raise ValidationErrors(errors, _("Nothing was imported."))
    return orgs, where


def _screened(record: dict[str, Any], place: str) -> tuple[dict[str, Any], list[ValidationError]]:
    """The cells of a row through `screen_text` and within their columns' lengths."""
    screened: dict[str, Any] = {}
    refused = []
    lengths = column_lengths("orgs")
    for header, cell in record.items():
        try:
            screened[header] = screen_text(cell) if isinstance(cell, str) else cell
        except BadValue as exc:
            refused.append(ValidationError(located(header, str(exc)), place))
            continue
        limit = lengths.get(header)
        if limit and isinstance(cell, str) and len(cell) > limit:
            message = _("{n} characters, longer than the {limit} this field holds")
            refused.append(
                ValidationError(f"{header}: " + message.format(n=len(cell), limit=limit), place)
            )
    return screened, refused


def _csv_rows(path: Path) -> list[list[Any]]:
    import csv
    import io

    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationError(_("cannot tell the file's text encoding"), str(path))
    return [list(r) for r in csv.reader(io.StringIO(text))]


def _xlsx_rows(path: Path) -> list[list[Any]]:
    from mediate.intake.readers import calamine_errors, calamine_sheet

    sheet = calamine_sheet(path)
    with calamine_errors(path):
        return [[_cell(c) for c in row] for row in sheet.to_python()]


def _cell(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


def import_orgs(uow: UnitOfWork, path: Path) -> UpsertResult:
    try:
        orgs, where = read_org_file(path)
    except UnicodeDecodeError as exc:  # a binary file given by mistake
        raise ValidationError(_("the file is not UTF-8 text"), where=str(path)) from exc
    return upsert_orgs(uow, orgs, where)


# -- reading --------------------------------------------------------------------------


def show_org(uow: UnitOfWork, org_id: str) -> dict[str, Any]:
    """A body with its record and its current open-case count."""
    from sqlalchemy import func
    from sqlmodel import col, select

    from mediate.domain.divisions import CITY_CODE
    from mediate.services.routing import org_from_row
    from mediate.store.tables import CaseRow, OrgRow

    row = uow.session.get(OrgRow, org_id)
    if row is None:
        raise NotFound(_("No body with id {id!r}.").format(id=org_id))
    open_cases = uow.session.exec(
        select(func.count()).where(CaseRow.org_id == org_id, col(CaseRow.closed_on).is_(None))
    ).one()
    record = org_record(org_from_row(row))
    division = bundled_network_data().divisions
    names = {d.code: d.name for d in division}
    record["division_name"] = names.get(row.division_code) or (
        names.get(CITY_CODE) if row.division_code == CITY_CODE else None
    )
    record["open_cases"] = int(open_cases)
    return record
