"""The documents' records in plain SQL, and `doc batch` over DB-API on SQLite.

`RecordQueries` reads what a document draws on (the cases a batch selects, each case's
parties, outcome, confirmation, body, mediator, the notice's session, the credit
decision) with plain SQL over a `store.dbapi.Reader`: the one definition of those
queries. The unit of work runs them on its own connection (`services/documents.queries`,
for `doc render`, `doc batch`, the dossier); `SqlBatchStore` on a connection of its own.

A batch of one document spent about 450 ms of its 1.2 s importing SQLAlchemy, SQLModel
and the table classes (benchmarks/RESULTS.md, "Documents, 2026-12-01"). `SqlBatchStore`
spares a batch that import: it writes the same rows the unit of work writes
(`services/documents.UowStore`): for each document a `documents` row and a `document`
event, with the acting clerk resolved by `services/who.py` exactly as
`services/access.identity` resolves it for a unit of work, in one transaction, the same
values stored the same way (dates as ISO text, UTC timestamps as naive text, money as
whole fen, JSON as `json.dumps` text; `tests/integration/test_doc_batch_store.py` checks
the values read against the models' and the rows written against the unit of work's).

It takes only what it can do exactly so: a SQLite database at our schema head (opened as
`quick.py` opens it). PostgreSQL (row-level security and its audit triggers are the
database's there) keeps the unit of work: `open_store` raises `NeedsFullPath` for it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from mediate import clock
from mediate.documents.context import CaseRecords
from mediate.documents.kinds import DocumentKind
from mediate.documents.render import Rendered, document_event
from mediate.routing.causes import Taxonomy
from mediate.services.docbatch import filter_label, link_bodies
from mediate.services.who import Identity, case_scope, identity
from mediate.store.dbapi import NeedsFullPath, Reader, day, json_value, marks, utc

if TYPE_CHECKING:
    from mediate.config import Settings

_CHUNK = 500  # ids per IN (...) query


def _money(fen: Any) -> Any:
    """store/types.Money's value: whole fen to yuan (a Decimal of two places)."""
    if fen is None:
        return None
    from decimal import Decimal

    from mediate.domain.model import money

    return money(Decimal(int(fen)) / 100)


def _bool(value: Any) -> bool | None:
    return None if value is None else bool(value)


#: How a column's stored value becomes the value its SQLModel attribute has, for the
#: columns that are not text or integers (a test derives this from the models' types).
CONVERT: dict[str, dict[str, Callable[[Any], Any]]] = {
    "cases": {
        "amount": _money,
        "received_on": day,
        "tags": json_value,
        "deadline": day,
        "assigned_on": day,
        "closed_on": day,
        "paused_on": day,
        "created_at": utc,
        "updated_at": utc,
    },
    "parties": {"birth_date": day},
    "outcomes": {
        "decided_on": day,
        "amount": _money,
        "perform_by": day,
        "effective_on": day,
        "handed_back_on": day,
        "recorded_at": utc,
    },
    "confirmations": {
        "apply_by": day,
        "drafted_on": day,
        "filed_on": day,
        "decided_on": day,
        "warnings": json_value,
        "ruling_grounds": json_value,
        "updated_at": utc,
    },
    "orgs": {"sample": _bool, "active": _bool, "updated_at": utc},
    "mediators": {"active": _bool, "created_at": utc},
    "mediation_sessions": {
        "starts_at": utc,
        "online": _bool,
        "summoned": json_value,
        "attended": json_value,
        "created_at": utc,
    },
}

#: The filters of `doc batch` on columns of `cases`.
_CASE_FILTERS = {
    "status": "cases.status",
    "org": "cases.org_id",
    "source": "cases.source",
    "county": "cases.county_code",
    "cause": "cases.cause",
}


def _utc_text(reader: Reader) -> str:
    """Now, as a UTC column stores it (store/types.UTCDateTime, store/tables.utcnow)."""
    return str(reader.utc_param(clock.now()))


class RecordQueries:
    """The queries the documents read their records with, in plain SQL over a `Reader` on
    either backend, each written once: the DB-API store below runs them on its own
    connection, the unit of work (`services/documents.queries`) on its session's.

    `acting()` is the acting clerk (services/who.Identity), whose cases `case_ids` sees."""

    def __init__(self, reader: Reader, acting: Callable[[], Identity]) -> None:
        self.reader = reader
        self.acting = acting
        self._taxonomy: Taxonomy | None = None

    def cause_taxonomy(self) -> Taxonomy:
        """The 案由 revisions the papers read a case's cause against, as routing reads it
        (services/routing.case_taxonomy: the stored revisions the rules declare, the
        deployment's cut-over), read once per store."""
        if self._taxonomy is None:
            from mediate.routing.causes import BUNDLED_REVISIONS, Cause, bundled_revision
            from mediate.services.routing import declared_taxonomies

            def count(version: str) -> int:
                sql = "SELECT count(*) FROM causes WHERE version = ?"
                return int(self.reader.scalar(sql, (version,)) or 0)

            def revisions(declared: tuple[str, ...]) -> list[Taxonomy]:
                found: list[Taxonomy] = []
                for version in declared:
                    sql = "SELECT code, name, level, parent_code FROM causes WHERE version = ?"
                    rows = self.reader.rows(sql, (version,))
                    base = bundled_revision(version) if version in BUNDLED_REVISIONS else None
                    if not rows and base is not None:
                        found.append(base)
                        continue
                    causes = [Cause(str(c), str(n), int(lv), p) for c, n, lv, p in rows]
                    title, start = (base.title, base.effective) if base else (None, None)
                    found.append(Taxonomy(version, causes, title, start))
                return found

            self._taxonomy = declared_taxonomies(None, None, count, revisions)
        return self._taxonomy

    def _objects(self, table: str, where: str, params: Sequence[Any]) -> list[Any]:
        convert = CONVERT[table]
        found = []
        for values in self.reader.dicts(f"SELECT * FROM {table}{where}", params):
            for name, to_value in convert.items():
                values[name] = to_value(values[name])
            found.append(SimpleNamespace(**values))
        return found

    def case_ids(self, filters: dict[str, str]) -> list[int]:
        """The cases `doc batch --filter` selects that the acting clerk sees, by id."""
        sql = "SELECT cases.id FROM cases"
        conditions: list[str] = []
        params: list[Any] = []
        for key, column in _CASE_FILTERS.items():
            if key in filters:
                conditions.append(f"{column} = ?")
                params.append(self._org(filters[key]) if key == "org" else filters[key])
        if "result" in filters:
            sql += " JOIN outcomes ON outcomes.case_id = cases.id"
            conditions.append("outcomes.result = ?")
            params.append(filters["result"])
        scope, scope_params = case_scope(self.acting())
        if scope:
            conditions.append(scope)
            params += scope_params
        if conditions:
            sql += " WHERE " + " AND ".join(conditions)
        found = [int(r[0]) for r in self.reader.rows(sql + " ORDER BY cases.id", params)]
        if not found and "cause" in filters:  # a cause that is none: not "0 documents"
            from mediate.services.cases import require_named

            where = f"--filter {filter_label('cause')}"
            require_named(self.reader, where, None, filters["cause"], exact=True)
        return found

    def _org(self, text: str) -> str:
        """The body `--filter org=` names, by id or name as every `--org`/`--body` reads
        it (services/bodies.resolve_org); one that is not is a usage error."""
        from mediate.errors import UnknownBody, echoed
        from mediate.services.bodies import resolve_org
        from mediate.services.reading import Reading

        where = f"--filter {filter_label('org')}"
        try:
            return resolve_org(Reading(self.reader, "", resolver=self.acting), text, where)
        except UnknownBody as exc:  # a long value is echoed cut, as every --filter value
            raise UnknownBody(exc.option, echoed(exc.text), exc.candidates) from None

    def records(self, kind: DocumentKind, case_ids: Sequence[int]) -> dict[int, CaseRecords]:
        """Every record the documents of `kind` draw on, for these cases."""
        found = self.load(case_ids)
        if kind.id == "credit_notice":
            self.credit_reports(found)
        if kind.id == "notice":
            self.next_sessions(found)
        return found

    def load(self, case_ids: Sequence[int]) -> dict[int, CaseRecords]:
        """Each case with its parties, outcome, confirmation, body and mediator, in a few
        queries."""
        found: dict[int, CaseRecords] = {}
        for start in range(0, len(case_ids), _CHUNK):
            ids = list(case_ids[start : start + _CHUNK])
            where = f" WHERE {{}} IN ({marks(ids)})"
            for case in self._objects("cases", where.format("cases.id"), ids):
                found[case.id] = CaseRecords(case=case, parties=[])
            for party in self._objects("parties", where.format("parties.case_id"), ids):
                found[party.case_id].parties.append(party)
            for outcome in self._objects("outcomes", where.format("outcomes.case_id"), ids):
                found[outcome.case_id].outcome = outcome
            confirmations = where.format("confirmations.case_id")
            for confirmation in self._objects("confirmations", confirmations, ids):
                found[confirmation.case_id].confirmation = confirmation
        taxonomy = self.cause_taxonomy()
        for records in found.values():
            records.taxonomy = taxonomy
        _full_courts(found, self._objects("orgs", "", ()))
        return link_bodies(
            found,
            lambda: self._objects("orgs", "", ()),
            lambda ids: self._objects("mediators", f" WHERE mediators.id IN ({marks(ids)})", ids),
        )

    def next_sessions(self, found: dict[int, CaseRecords]) -> None:
        """For the notice (调解通知书): each case's next scheduled session (from now on;
        the earliest wins) and its mediator."""
        ids = list(found)
        if not ids:
            return
        chosen = {
            row.case_id: row
            for row in self._objects(
                "mediation_sessions",
                f" WHERE mediation_sessions.case_id IN ({marks(ids)})"
                " AND mediation_sessions.status = ? AND mediation_sessions.starts_at >= ?"
                " ORDER BY mediation_sessions.starts_at DESC, mediation_sessions.id DESC",
                [*ids, "scheduled", self.reader.utc_param(clock.now())],
            )
        }
        numbers = sorted({r.mediator_id for r in chosen.values() if r.mediator_id})
        mediators = (
            {
                m.id: m
                for m in self._objects(
                    "mediators", f" WHERE mediators.id IN ({marks(numbers)})", numbers
                )
            }
            if numbers
            else {}
        )
        for case_id, row in chosen.items():
            found[case_id].session = row
            found[case_id].session_mediator = mediators.get(row.mediator_id)

    def credit_reports(self, found: dict[int, CaseRecords]) -> None:
        """For the credit notice: each case's recorded credit decision (`mediate credit
        report`, its `credit_report` events in order, the last one wins: basis,
        enterprises, date) as records.extra["credit_report"]."""
        ids = list(found)
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            events = self.reader.rows(
                f"SELECT case_id, after FROM events WHERE events.case_id IN ({marks(chunk)}) "
                "AND events.action = ? ORDER BY events.id",
                [*chunk, "credit_report"],
            )
            for case_id, after in events:
                found[case_id].extra["credit_report"] = dict(json_value(after) or {})


class SqlBatchStore(RecordQueries):
    """A batch's reads and writes over a DB-API connection (docbatch.BatchStore)."""

    def __init__(self, reader: Reader, clerk: str, org_id: str | None) -> None:
        super().__init__(reader, self.who)
        self.clerk = clerk
        self.org_id = org_id
        self._who: Identity | None = None

    def who(self) -> Identity:
        """The acting clerk; as access.identity, the event is written in the registry's
        name and body."""
        if self._who is None:
            found = identity(self.reader, self.clerk, self.org_id)
            self.clerk = found.clerk
            if found.role is not None and found.org_id is not None:
                self.org_id = found.org_id
            self._who = found
        return self._who

    def store_document(
        self,
        kind: DocumentKind,
        rendered: Rendered,
        template_sha: str,
        dated: dt.date | None = None,
    ) -> None:
        """The rows services/documents._record adds: the document, the application's date
        (`record_drafted_on`), then its event."""
        assert rendered.path is not None
        self.who()
        drafted_on = record_drafted_on(self.reader, kind, rendered.key, dated)
        self.reader.execute(
            "INSERT INTO documents (case_id, kind, path, sha256, template_sha256, "
            "created_by, created_at, title) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                rendered.key,
                kind.id,
                str(rendered.path.resolve()),
                rendered.sha256,
                template_sha,
                self.clerk,
                _utc_text(self.reader),
                rendered.title or None,
            ),
        )
        after = document_event(kind.id, rendered, drafted_on)
        self.reader.execute(
            "INSERT INTO events (case_id, at, clerk, org_id, action, before, after, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            # JSON columns as SQLAlchemy's JSON type writes them: json.dumps, None as 'null'
            (
                rendered.key,
                _utc_text(self.reader),
                self.clerk,
                self.org_id,
                "document",
                json.dumps(None),
                json.dumps(after),
                None,
            ),
        )

    def commit(self) -> None:
        self.reader.commit()


def record_drafted_on(
    reader: Reader, kind: DocumentKind, case_id: int, dated: dt.date | None
) -> dt.date | None:
    """An application (申请书) made while the confirmation is drafted records the date
    printed on it as `confirmations.drafted_on` (migration 0021), which the filing date may
    not precede (services/confirmation._check_court_day); returns that date, else None. A
    copy printed once the application was filed leaves the date it was filed with."""
    if kind.id != "application" or dated is None:
        return None
    status = reader.scalar("SELECT status FROM confirmations WHERE case_id = ?", (case_id,))
    if status != "drafted":
        return None
    reader.execute(
        "UPDATE confirmations SET drafted_on = ?, version = version + 1, updated_at = ? "
        "WHERE case_id = ? AND (drafted_on IS NULL OR drafted_on <> ?)",
        (reader.day_param(dated), _utc_text(reader), case_id, reader.day_param(dated)),
    )
    return dated


def open_store(settings: Settings, kind_name: str) -> SqlBatchStore:
    """The store for a batch of `kind_name` on the settings' database; `NeedsFullPath`
    when the unit of work must do it (see the module's docstring). Close its reader."""
    from mediate.documents.kinds import kind_named
    from mediate.errors import MediateError
    from mediate.store.dbapi import open_reader

    try:
        kind_named(kind_name)
    except MediateError as exc:
        raise NeedsFullPath("an unknown kind") from exc  # the full path says so
    if not settings.db.startswith("sqlite:"):
        raise NeedsFullPath("not SQLite")  # without connecting to the server
    reader = open_reader(settings)
    if reader.backend != "sqlite":
        reader.close()
        raise NeedsFullPath(reader.backend)
    return SqlBatchStore(reader.for_writing(), settings.clerk, settings.org)


def _full_courts(found: dict[int, CaseRecords], orgs: Sequence[Any]) -> None:
    """Each referring court by its full name on the papers, a case stored short before
    intake completed names included (services/courts.py; 民事诉讼法 art. 205(1))."""
    from mediate.services.courts import papers_namer

    written = [r for r in found.values() if r.case.referring_court]
    if written:
        name = papers_namer(orgs)
        for records in written:
            records.referring_court = name(records.case.referring_court)
