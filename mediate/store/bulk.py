"""Bulk writes for a court batch: one DB-API executemany per table per chunk, and the
SQLite settings an import runs under.

The import service (`services/intake.py`) builds the rows (lists in the column orders
below) and decides what to insert; this module knows how the database takes them:
- `Insert`: one table's INSERT, values converted by the columns' own SQLAlchemy types;
- `next_case_id`, `insert_new_cases`: cases whose number (or natural key) is not there yet,
  ids handed back;
- `existing_keys`: which of a chunk's numbers and natural keys are stored already;
- `ImportCache` and `data_version`: the SQLite PRAGMAs (page cache while writing; whether
  another connection committed since the last chunk).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from typing import Any

from mediate.domain.fields import PARTY_FIELDS

IMPORT_CACHE_KIB = -16 * 1024  # SQLite page cache while importing: 16 MiB (negative: KiB)
_SLICE = 500  # keys a lookup of `existing_keys` (bound parameters are limited)


def existing_keys(connection: Any, numbers: list[str], keys: list[str]) -> set[str]:
    """Which of these case numbers and natural keys (`cases.intake_key`) are stored
    already (in slices: bound parameters are limited). Plain SQL through the driver, the
    same on SQLite and PostgreSQL: no statement to compile per slice."""
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    found: set[str] = set()
    for column, values in (("court_case_no", numbers), ("intake_key", keys)):
        for start in range(0, len(values), _SLICE):
            part = tuple(values[start : start + _SLICE])
            marks = ", ".join([mark] * len(part))
            sql = f"SELECT {column} FROM cases WHERE {column} IN ({marks})"
            found.update(connection.exec_driver_sql(sql, part).scalars())
    return found


def data_version(connection: Any) -> tuple[Any, int] | None:
    """SQLite: the raw connection and its `PRAGMA data_version` (None elsewhere).

    It changes on a connection exactly when another connection has committed to the
    database; the connection's own commits do not change it."""
    if connection.dialect.name != "sqlite":
        return None
    raw = connection.connection.driver_connection
    (version,) = raw.execute("PRAGMA data_version").fetchone()
    return raw, int(version)


class ImportCache:
    """SQLite: a larger page cache while an import writes (`restore` puts it back).

    The default (2 MiB) is smaller than the case and party indexes of a large batch,
    so each chunk re-reads index pages. This changes no durability setting; the cache
    is bounded, so memory stays flat however long the file is.
    """

    def __init__(self) -> None:
        self._saved: tuple[Any, int] | None = None  # the connection and its cache_size

    def enlarge(self, connection: Any) -> None:
        if connection.dialect.name != "sqlite" or self._saved is not None:
            return
        raw = connection.connection.driver_connection
        (previous,) = raw.execute("PRAGMA cache_size").fetchone()
        raw.execute(f"PRAGMA cache_size = {IMPORT_CACHE_KIB}")
        self._saved = (raw, int(previous))

    def restore(self) -> None:
        if self._saved is not None:
            raw, previous = self._saved
            raw.execute(f"PRAGMA cache_size = {previous}")
            self._saved = None


def prepared_inserts(dialect: Any) -> dict[str, Insert]:
    """The four INSERT statements of an import (cases, parties, decisions, events)."""
    from mediate.store.tables import CaseRow, DecisionRow, EventRow, PartyRow

    rows = {"cases": CaseRow, "parties": PartyRow, "decisions": DecisionRow, "events": EventRow}
    return {
        name: Insert(dialect, row.__table__, COLUMNS[name])  # type: ignore[attr-defined]
        for name, row in rows.items()
    }


# A case as an import writes it, in the order of `services/intake._case_row`'s tuples: its
# columns but those left to their defaults (an imported case is not yet assigned to a
# mediator, nor its deadline extended or paused). Written out, not cut from the table: a
# column added to the table fails tests/unit/test_case_columns.py until it is written here
# and in the row (or left out above), instead of shifting the values after it.
NOT_WRITTEN = frozenset(
    {"assigned_on", "extension_days", "paused_on", "pause_reason", "paused_days"}
)
CASE_COLUMNS = (
    "id",
    "court_case_no",
    "intake_key",
    "cause",
    "cause_code",
    "amount",
    "source",
    "procedure",
    "referring_court",
    "received_on",
    "location",
    "subject_matter_location",
    "county_code",
    "tags",
    "facts",
    "claim",
    "status",
    "org_id",
    "mediator_id",
    "route_rule",
    "deadline_days",
    "deadline_unit",
    "deadline",
    "closed_on",
    "import_batch_id",
    "version",
    "created_by",
    "created_at",
    "updated_at",
)
COLUMNS: dict[str, tuple[str, ...]] = {
    "cases": CASE_COLUMNS,
    "parties": ("case_id", "position", *PARTY_FIELDS),
    "decisions": (
        "case_id",
        "org_id",
        "rule",
        "path",
        "deadline_days",
        "deadline_unit",
        "rules_version",
        "trace",
        "warnings",
        "decided_by",
        "decided_at",
    ),
    "events": ("case_id", "at", "clerk", "org_id", "action", "before", "after", "note"),
}
_NUMBER, _KEY = CASE_COLUMNS.index("court_case_no"), CASE_COLUMNS.index("intake_key")
_UNSET = object()


class Insert:
    """One table's INSERT of fixed columns; rows are tuples in that column order holding
    values as the driver takes them (`converter`).

    SQLite: one DB-API executemany (`exec_driver_sql`: the rows go to the driver as
    they are, no per-row work in SQLAlchemy). PostgreSQL: Core's executemany (the
    driver adapts JSON through SQLAlchemy's bind casts), the id column left out.
    """

    def __init__(self, dialect: Any, table: Any, names: tuple[str, ...]) -> None:
        self.table = table
        self.sqlite = dialect.name == "sqlite"
        self.names = names if self.sqlite else names[1:] if names[0] == "id" else names
        self.skip = len(names) - len(self.names)  # the id column, left to PostgreSQL
        self._processors: dict[str, Callable[[Any], Any]] = {
            n: p for n in names if (p := table.c[n].type.bind_processor(dialect)) is not None
        }
        self._kinds = {n: table.c[n].type._type_affinity.__name__ for n in names}
        quote = dialect.identifier_preparer.quote
        mark = "?" if dialect.paramstyle == "qmark" else "%s"
        self.sql = "INSERT INTO {} ({}) VALUES ({})".format(
            quote(table.name),
            ", ".join(quote(n) for n in names),
            ", ".join([mark] * len(names)),
        )

    def converter(self, name: str) -> Callable[[Any], Any]:
        """How a value of column `name` is handed to the driver: on SQLite the column
        type's own conversion (money to fen, aware datetimes to UTC, JSON to text), then
        what Python's sqlite3 would make of the result (dates and datetimes as text,
        `date.isoformat()` and `datetime.isoformat(" ")`, which its default adapters,
        deprecated since Python 3.12, write), so what is stored is what Core would
        store; values that repeat down a column (days; lists of strings: tags, a routing
        path, warnings) converted once per content for as long as this converter lives
        (take a new one per chunk: memory stays bounded). Elsewhere the value itself:
        Core and the driver convert it."""
        if not self.sqlite:
            return _same
        kind, process = self._kinds[name], self._processors.get(name)
        if kind == "DateTime":
            return _instant_text(process or _same)
        if kind == "Date":
            return _Texts(_day_text).__getitem__
        if process is None:
            return _same
        if kind != "JSON":
            return process
        seen: dict[tuple[str, ...], Any] = {}

        def convert(value: Any) -> Any:
            if type(value) is list and all(type(v) is str for v in value):
                key = tuple(value)
                found = seen.get(key, _UNSET)
                if found is _UNSET:
                    found = seen[key] = process(value)
                return found
            return process(value)

        return convert

    def record_converter(
        self, name: str, counters: tuple[str, ...]
    ) -> Callable[[tuple[int, ...], tuple[tuple[str, Any], ...]], Any]:
        """A JSON object column whose first items, `counters`, are whole numbers that change
        row by row (an event's row number) and whose other items repeat (the body and rule
        it was routed by): `convert(numbers, rest)` is `converter(name)` of that object.

        SQLite: the repeating part is converted once per content and the numbers are
        written in front of it, which is what the column's JSON serializer gives (checked
        here on a sample; where it is not, every object is converted whole). Per chunk,
        like `converter`."""
        whole = self.converter(name)

        def each(numbers: tuple[int, ...], rest: tuple[tuple[str, Any], ...]) -> Any:
            return whole({**dict(zip(counters, numbers, strict=True)), **dict(rest)})

        process = self._processors.get(name) if self.sqlite else None
        if process is None:
            return each
        # %d: the whole numbers as JSON writes them (printf-style: faster than str.format)
        marks = "{" + "".join(f"{json.dumps(c).replace('%', '%%')}: %d, " for c in counters)
        tails: dict[tuple[tuple[str, Any], ...], str] = {}

        def convert(numbers: tuple[int, ...], rest: tuple[tuple[str, Any], ...]) -> Any:
            tail = tails.get(rest)
            if tail is None:
                if not rest:
                    return each(numbers, rest)
                tail = tails[rest] = process(dict(rest))[1:]
            return marks % numbers + tail

        sample = tuple(range(7, 7 + len(counters))), (("名", "值"), ("n", None))
        if convert(*sample) != each(*sample):
            return each  # another serializer: convert whole objects
        tails.clear()
        return convert

    def dicts(self, rows: Sequence[Sequence[Any]]) -> list[dict[str, Any]]:
        skip, names = self.skip, self.names
        return [dict(zip(names, row[skip:], strict=True)) for row in rows]

    def execute(self, connection: Any, rows: Sequence[tuple[Any, ...]]) -> None:
        """Insert `rows`, tuples of converted values (`converter`)."""
        if not rows:
            return
        if self.sqlite:
            connection.exec_driver_sql(self.sql, rows)  # DB-API errors as Core wraps them
        else:
            connection.execute(self.table.insert(), self.dicts(rows))


def _same(value: Any) -> Any:
    return value


def _day_text(day: dt.date) -> str:
    return day.isoformat()


def _instant_text(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        naive = process(value)
        return None if naive is None else naive.isoformat(" ")

    return convert


class _Texts(dict[Any, Any]):
    """value -> its conversion, made on first use; None stays None. Looked up in C
    (`__getitem__`), so a repeated value costs no Python call."""

    def __init__(self, convert: Callable[[Any], Any]) -> None:
        super().__init__({None: None})
        self._convert = convert

    def __missing__(self, value: Any) -> Any:
        found = self[value] = self._convert(value)
        return found


def next_case_id(connection: Any) -> int | None:
    """SQLite: the id the next case gets (ids are handed out by the import, which holds
    the write lock); None elsewhere (the database hands them out)."""
    if connection.dialect.name != "sqlite":
        return None
    last = connection.exec_driver_sql("SELECT max(id) FROM cases").scalar()
    return int(last or 0) + 1


def insert_new_cases(
    connection: Any, insert: Insert, rows: list[tuple[Any, ...]]
) -> dict[str, int]:
    """Insert cases not there yet; key -> new id for those inserted, the key being the case
    number, or for a case without one its natural key (`intake_key`).

    `rows` are tuples in `CASE_COLUMNS` order, the id first. PostgreSQL: the id is left to
    the database; `ON CONFLICT DO NOTHING ... RETURNING` on the unique case number and the
    unique natural key, so two clerks importing overlapping files at once each insert only
    what the other has not. SQLite: the ids come from `next_case_id`, asked in this
    transaction, which holds the database's write lock (`take_turn`), so nobody can insert
    meanwhile; the rows go in with one executemany.
    """
    table = insert.table
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        statement = (
            postgresql.insert(table)
            .on_conflict_do_nothing()  # either unique key: the number or the natural key
            .returning(table.c.id, table.c.court_case_no, table.c.intake_key)
        )
        result = connection.execute(statement, insert.dicts(rows))
        return {number or key: case_id for case_id, number, key in result}
    insert.execute(connection, rows)
    return {row[_NUMBER] or row[_KEY]: row[0] for row in rows}
