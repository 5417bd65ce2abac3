"""The bodies of the network as stored, read in plain SQL (`org list`, `--body NAME`).

Over a `Reading` or a unit of work, like services/cases.py: the light entry and the full
commands run these same functions. Importing, upserting and showing one body with its
open cases stay in services/network.py (which re-exports these).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mediate.i18n import _
from mediate.services.reading import Reading, reading

if TYPE_CHECKING:
    from mediate.store.uow import UnitOfWork


@dataclass
class OrgFilter:
    kind: str | None = None
    county: str | None = None
    field: str | None = None
    text: str | None = None


# The fields of a body's record (routing/network.org_record), as stored.
_RECORD = (
    ("id", "orgs.id"),
    ("name", "orgs.name"),
    ("kind", "orgs.kind"),
    ("level", "orgs.level"),
    ("division", "orgs.division_code"),
    ("field", "orgs.field"),
    ("parent", "orgs.parent_id"),
    ("court", "orgs.court_id"),
    ("capacity", "orgs.capacity"),
    ("address", "orgs.address"),
    ("phone", "orgs.phone"),
    ("sample", "orgs.sample"),
    ("active", "orgs.active"),
)
_FLAGS = ("sample", "active")


def org_list_headers() -> list[tuple[str, str]]:
    """`org list`'s columns, each its field's key and its header in the interface language:
    one definition, as the table heads them and as `org import` reads them back (a file
    headed 编号, 名称, 类型, 行政区划 as the list prints it: services/network)."""
    return [
        ("id", _("Id")),
        ("name", _("Name of the body")),
        ("kind", _("Kind")),
        ("division", _("Division")),
        ("field", _("Field")),
    ]


def list_orgs(db: Reading | UnitOfWork, f: OrgFilter | None = None) -> list[dict[str, Any]]:
    """Bodies as plain records (the fields of `data/network.yaml`), by division and id."""
    f = f or OrgFilter()
    conditions: list[str] = []
    params: list[Any] = []
    if f.kind:
        conditions.append("orgs.kind = ?")
        params.append(f.kind)
    if f.county:
        conditions.append("orgs.division_code LIKE ?")  # a prefix (no escape: codes are digits)
        params.append(f.county + "%")
    if f.field:
        conditions.append("orgs.field = ?")
        params.append(f.field)
    if f.text:
        conditions.append("orgs.name LIKE ?")
        params.append("%" + f.text + "%")
    where = " WHERE " + " AND ".join(conditions) if conditions else ""
    sql = (
        "SELECT "
        + ", ".join(column for _key, column in _RECORD)
        + " FROM orgs"
        + where
        + " ORDER BY orgs.division_code, orgs.id"
    )
    records = []
    for row in reading(db).reader.rows(sql, params):
        record = {key: value for (key, _column), value in zip(_RECORD, row, strict=True)}
        for flag in _FLAGS:
            record[flag] = bool(record[flag])
        records.append(record)
    return records


# `org list` marks a sample body's name (the seed's placeholder, `orgs.sample`) with this
# after it, in the name's cell: what the tool prints as a label it takes back, so a name
# copied with its marker ("焦作市非诉讼服务中心 *", or with the marker wrapped onto the
# cell's next line and joined without the space, or typed full-width ＊) names the body.
SAMPLE_MARK = " *"
# Pattern text, compiled at first use (re's cache): the light entry imports this module.
_SAMPLE_MARK = r"\s*[*＊]\s*$"


def without_sample_mark(text: str) -> str:
    """`text` without `org list`'s sample marker after it (`SAMPLE_MARK`)."""
    return re.sub(_SAMPLE_MARK, "", text)


def resolve_org(db: Reading | UnitOfWork, text: str, option: str = "--org") -> str:
    """The id of the body `text` names: its id, its full name (with or without `org list`'s
    sample marker), or a part of its name that only one body has. Anything else is a usage
    error naming the candidates."""
    from mediate.domain.events import split_named
    from mediate.domain.vocabulary import normalise
    from mediate.errors import UnknownBody

    reader = reading(db).reader
    wanted = without_sample_mark(text.strip()).strip()
    named = split_named(wanted)  # 刘明调解室（jz-x）, as history and case show print a body
    if (
        named is not None
        and reader.one("SELECT orgs.id FROM orgs WHERE orgs.id = ?", (named[1],)) is not None
    ):
        return named[1]
    if reader.one("SELECT orgs.id FROM orgs WHERE orgs.id = ?", (wanted,)) is not None:
        return wanted
    rows = reader.rows("SELECT orgs.id, orgs.name FROM orgs ORDER BY orgs.id")
    key = normalise(wanted)
    exact = [org_id for org_id, name in rows if normalise(name) == key or normalise(org_id) == key]
    if len(exact) == 1:
        return str(exact[0])
    partial = [(org_id, name) for org_id, name in rows if key and key in normalise(name)]
    if len(partial) == 1:
        return str(partial[0][0])
    raise UnknownBody(option, text, [f"{name} ({org_id})" for org_id, name in partial[:10]])


def acting_body(db: Reading | UnitOfWork, text: str) -> str:
    """The body the global --org names, as --body takes one (its id, its name, a part of
    its name only it has; services/bodies.resolve_org); an unknown one is a usage error at
    --org (exit 2): it was stored on every event and `today` read it as every body's
    (review of 2026-12-03)."""
    return resolve_org(db, text, "--org")
