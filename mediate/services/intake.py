"""Taking disputes in: one at a time (`register_case`) or a court's batch (`import_referrals`).

Every case taken in is routed at once. The batch import is the fast path: rows are
streamed, validated and routed in memory, and written with bulk inserts in chunks, each
chunk one transaction (SQLite: one DB-API executemany per table, values converted by the
columns' own types, see `store/bulk.py`; PostgreSQL: Core, `ON CONFLICT DO NOTHING` on the
unique case number). An interrupted import leaves whole chunks; running it again completes it,
because a case number already present is a duplicate, never a second case.

For other areas (benchmarks, demo):
    with UnitOfWork(engine, clerk) as uow:
        report = import_referrals(uow, Path("referrals.csv"), ImportOptions(source=...))
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mediate import clock, collector
from mediate.domain.deadlines import WorkCalendar, stored_unit
from mediate.domain.fields import party_columns, party_rows
from mediate.domain.model import CaseInput, Decision, PartyRole, Source
from mediate.errors import ConflictError, MediateError, ValidationError, located
from mediate.files import os_reason
from mediate.i18n import _
from mediate.intake.columns import ColumnMap, build_column_map, load_mapping
from mediate.intake.keys import describe
from mediate.intake.readers import Sheet, open_sheet
from mediate.intake.rows import RowDefaults
from mediate.intake.stream import (
    CASE,
    REJECTED,
    REPEATED,
    SKIPPED,
    Outcome,
    RowStream,
    find_header,
    intake_warnings,
)
from mediate.intake.validate import Problem
from mediate.store.batchlock import BatchLock
from mediate.store.bulk import (
    ImportCache,
    Insert,
    data_version,
    existing_keys,
    insert_new_cases,
    next_case_id,
    prepared_inserts,
)
from mediate.store.uow import UnitOfWork

if TYPE_CHECKING:
    from mediate.intake.worker import ReaderProcess, Streamed
    from mediate.services.reimport import FieldChange
    from mediate.store.tables import ImportBatchRow

# Rows a transaction. Each commit writes the pages its chunk dirtied, the indexes' again
# every chunk: 2,000 rows cost about a fifth more SQL than 10,000 (benchmarks/RESULTS.md,
# "The write half"); a chunk's rows are held in memory until written. A chunk holds
# SQLite's write lock from its routing turn to its commit: measured 2026-12-01 on this
# 2-core machine, 2.5 s of CPU for 10,000 rows (0.5 s for 2,000), but 29 s of wall time at
# load 11 (6 s for 2,000), longer than the 10 s another clerk's write waits (busy timeout).
CHUNK_SIZE = 10_000
_UNKNOWN: Any = object()
SHOWN_DUPLICATES = 1000


# ---------------------------------------------------------------- routing, as intake needs it


class Routing:
    """The routing service seen from intake: route a `CaseInput` in memory, locate places."""

    def __init__(self, router: Any, calendar: WorkCalendar | None = None) -> None:
        self._router = router
        # the work calendar the deadlines count by, one for the run: the years it had to
        # guess are told once (`warnings()`), as `case assign` tells them
        self.calendar = calendar or WorkCalendar()
        self._deadlines: dict[tuple[dt.date, int, str], dt.date] = {}
        # the router's own method: a batch routes every case, without a frame in between
        self.route: Callable[[CaseInput], Decision] = router.route

    @classmethod
    def for_uow(cls, uow: UnitOfWork, calendar: WorkCalendar | None = None) -> Routing:
        from mediate.services import routing

        return cls(routing.router(uow), calendar)

    def county_code(self, location: str | None) -> str | None:
        code: str | None = self._router.network.county_code(location)
        return code

    def completed_court(self, written: str | None) -> str | None:
        """The referring court's full name when `written` shortens it (services/courts.py)."""
        from mediate.services.courts import completed

        return completed(self._router.network, written)

    def unknown_court(self, written: str | None) -> str | None:
        """A warning when `written` names no court the network knows (services/courts.py)."""
        from mediate.services.courts import unknown_notice

        return unknown_notice(self._router.network, written)

    def county_of(self, case: CaseInput) -> str | None:
        """Where the dispute arose; else the county of the court that referred it."""
        return self.county_code(case.location) or self.county_code(case.referring_court)

    def take_turn(self, uow: UnitOfWork, unchanged: Callable[[Any], bool] | None = None) -> None:
        """Wait until no other clerk is routing (capacity), then count open cases afresh.

        `unchanged(connection)`, asked once the turn is ours: True when nobody else can
        have changed the open cases since this router last counted them and added its own
        decisions, so the counts it holds are exact and the recount (a scan of every open
        case, per chunk) is skipped.
        """
        from mediate.services import routing
        from mediate.store.locks import serialize_routing

        connection = uow.session.connection()
        serialize_routing(connection)
        if unchanged is not None and unchanged(connection):
            return
        self._router.load.clear()
        self._router.load.update(routing.open_load(uow.session))

    def deadline(self, received_on: dt.date, days: int, unit: str) -> dt.date:
        key = (received_on, days, unit)
        found = self._deadlines.get(key)
        if found is None:
            from mediate.domain.deadlines import due_date

            found = self._deadlines[key] = due_date(received_on, days, self.calendar, unit)
        return found


# ---------------------------------------------------------------- one case


def register_case(
    uow: UnitOfWork, case: CaseInput, calendar: WorkCalendar | None = None
) -> tuple[int, Decision]:
    """Store a dispute and its parties, record the event, route it (its deadline counted
    by `calendar`: the holidays file's). Not committed."""
    from sqlmodel import select

    from mediate.services.access import identity
    from mediate.services.routing import route_case
    from mediate.store.tables import CaseRow, PartyRow

    session = uow.session
    identity(uow)  # only a registered clerk registers disputes, once the registry is in use
    if case.court_case_no:
        existing = session.exec(
            select(CaseRow.id).where(CaseRow.court_case_no == case.court_case_no)
        ).first()
        if existing is not None:
            raise ConflictError(
                _("The case number {no} is already registered (case {id}).").format(
                    no=case.court_case_no, id=existing
                )
            )
    routing = Routing.for_uow(uow, calendar)
    case = _with_full_court(routing, case)
    row = CaseRow(**_case_values(case, routing.county_of(case), uow.clerk))
    session.add(row)
    session.flush()
    assert row.id is not None
    for position, party in enumerate(case.parties):
        session.add(PartyRow(case_id=row.id, position=position, **party_columns(party)))
    uow.record("registered", row.id, after=_case_summary(case))
    session.flush()
    decision = route_case(uow, row.id, calendar=routing.calendar)
    # a year the calendar does not know, as `case assign` tells it (not stored: the decision
    # row is the rules', written by route_case)
    extra = (*intake_warnings(case), *routing.calendar.warnings())
    return row.id, _with_intake_warnings(decision, extra)


def _with_full_court(routing: Routing, case: CaseInput) -> CaseInput:
    """The case with its referring court by its full name where the clerk shortened it,
    and a notice saying so (services/courts.py; 民事诉讼法 art. 205(1))."""
    from mediate.services.courts import completed_notice

    full = routing.completed_court(case.referring_court)
    if full is None or case.referring_court is None:
        unknown = routing.unknown_court(case.referring_court)
        return replace(case, notices=[*case.notices, unknown]) if unknown else case
    notice = completed_notice(case.referring_court, full)
    return replace(case, referring_court=full, notices=[*case.notices, notice])


def _with_intake_warnings(decision: Decision, extra: tuple[str, ...]) -> Decision:
    """The routing decision plus the case's `intake_warnings` (`intake.stream`)."""
    return replace(decision, warnings=[*decision.warnings, *extra]) if extra else decision


def _case_values(case: CaseInput, county: str | None, clerk: str) -> dict[str, Any]:
    from mediate.store.types import utcnow

    now = utcnow()
    return {
        "court_case_no": case.court_case_no,
        "cause": case.cause,
        "cause_code": None,
        "amount": case.amount,
        "source": case.source.value,
        "procedure": case.procedure,
        "referring_court": case.referring_court,
        "received_on": case.received_on,
        "location": case.location,
        "subject_matter_location": case.subject_matter_location,
        "county_code": county,
        "tags": list(case.tags),
        "facts": case.facts,
        "claim": case.claim,
        "status": "registered",
        "created_by": clerk,
        "created_at": now,
        "updated_at": now,
        "version": 1,
    }


_ROUTED = ("status", "routed")
_TEXT = str.__str__  # a StrEnum member's value as a plain str, without Enum's property


def _case_row(
    p: Outcome,
    d: Decision,
    case_id: int | None,
    places: tuple[str | None, str | None, str | None],
    chunk: tuple[int, str, Any],
    convert: tuple[Callable[[Any], Any], Any],
) -> tuple[Any, ...]:
    """A routed case (`p`, a CASE outcome of `intake.stream`, routed to `d`) as a row of the
    cases table, in `store.bulk.CASE_COLUMNS` order (one
    value a line, each named by its column): `places` are the day received, the deadline
    (both converted) and the county; `chunk` the batch, clerk and (converted) instant;
    `convert` the amount's converter and the converted tags (`Insert.converter`); the id
    None where the database hands it out."""
    case, intake_key = p[2], p[4]
    received_on, deadline, county = places
    batch_id, clerk, now = chunk
    fen, tags = convert
    return (
        case_id,  # id
        case.court_case_no,  # court_case_no
        intake_key,  # intake_key
        case.cause,  # cause
        None,  # cause_code
        fen(case.amount),  # amount
        _TEXT(case.source),  # source
        case.procedure,  # procedure
        case.referring_court,  # referring_court
        received_on,  # received_on
        case.location,  # location
        case.subject_matter_location,  # subject_matter_location
        county,  # county_code
        tags,  # tags
        case.facts,  # facts
        case.claim,  # claim
        "routed",  # status
        d.org.id,  # org_id
        None,  # mediator_id
        d.rule,  # route_rule
        d.deadline_days,  # deadline_days
        stored_unit(d.deadline_unit),  # deadline_unit
        deadline,  # deadline
        None,  # closed_on
        batch_id,  # import_batch_id
        1,  # version
        clerk,  # created_by
        now,  # created_at
        now,  # updated_at
    )


def _case_summary(case: CaseInput) -> dict[str, Any]:
    """What an event records about a new case (no identity numbers: the log is read widely)."""
    return {
        "court_case_no": case.court_case_no,
        "cause": case.cause,
        "amount": str(case.amount) if case.amount is not None else None,
        "source": case.source.value,
        "received_on": case.received_on.isoformat() if case.received_on else None,
        "parties": [p.name for p in case.parties],
    }


# ---------------------------------------------------------------- a batch


@dataclass
class ImportOptions:
    mapping: Path | None = None
    source: Source | None = None
    court: str | None = None
    dry_run: bool = False
    errors_to: Path | None = None
    sheet: str | None = None
    chunk_size: int = CHUNK_SIZE
    today: dt.date | None = None
    # `--update`: None (report only), "fill" (blank fields of stored cases filled in) or
    # "overwrite" (changed fields replaced too); see services/reimport.py
    update: str | None = None
    # the holidays file's calendar (`calendar(context)`), as the deadlines of `case new` count
    calendar: WorkCalendar | None = None


@dataclass
class RowError:
    row: int
    field: str
    message: str

    def as_json(self) -> dict[str, Any]:
        return {"row": self.row, "field": self.field, "message": self.message}


@dataclass
class ImportReport:
    file: Path
    format: str
    encoding: str | None
    dry_run: bool
    batch_id: int | None = None
    rows: int = 0
    imported: int = 0
    duplicates: int = 0
    rejected: int = 0
    errors: list[RowError] = field(default_factory=list)
    duplicate_rows: list[tuple[int, str]] = field(default_factory=list)  # the first ones
    skipped: int = 0  # totals, notes, repeated headers: no case, not an error
    skipped_rows: list[tuple[int, str]] = field(default_factory=list)  # (row, why)
    warnings: list[RowError] = field(default_factory=list)
    differing: int = 0  # duplicates whose row carries data the stored case lacks or differs from
    updated: int = 0  # stored cases changed by `--update`
    changes: list[FieldChange] = field(default_factory=list)

    def skip(self, row: int, why: str) -> None:
        self.skipped += 1
        self.skipped_rows.append((row, why))

    def duplicate(self, row: int, case_no: str) -> None:
        self.duplicates += 1
        if len(self.duplicate_rows) < SHOWN_DUPLICATES:  # a re-import: every row is one
            self.duplicate_rows.append((row, case_no))

    ignored_columns: list[str] = field(default_factory=list)
    by_org: dict[str, int] = field(default_factory=dict)
    errors_file: Path | None = None
    # how the run went, not what it imported (not in `as_json`): the reader process's peak
    # resident set, KiB, as it said at its end, plus its voucher's for a streamed sheet
    # (None: read in this process); for benchmarks/bench_import.py, whose memory figure
    # is the sum of all the import's processes' peaks
    reader_peak_kib: int | None = field(default=None, compare=False)

    def as_json(self) -> dict[str, Any]:
        return {
            "file": str(self.file),
            "format": self.format,
            "encoding": self.encoding,
            "dry_run": self.dry_run,
            "batch_id": self.batch_id,
            "rows": self.rows,
            "imported": self.imported,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
            "errors": [e.as_json() for e in self.errors],
            "skipped": self.skipped,
            "skipped_rows": [{"row": r, "reason": why} for r, why in self.skipped_rows],
            "warnings": [w.as_json() for w in self.warnings],
            "differing": self.differing,
            "updated": self.updated,
            "changes": [c.as_json() for c in self.changes],
            "ignored_columns": self.ignored_columns,
            "by_org": self.by_org,
            "errors_file": str(self.errors_file) if self.errors_file else None,
        }


# A case to write: its CASE outcome (`intake.stream`: the kind, row, case, key, natural key,
# notes, warnings), and once its chunk is routed, its decision.
_Routed = tuple[Outcome, Decision]


#: The rows the progress bar counts: those the summary line counts (imported, duplicates,
#: rejected), not blank rows nor totals and notes, so the bar ends at the summary's sum.
_REFERRAL_ROWS = frozenset((CASE, REJECTED, REPEATED))


@collector.paused()  # collections only at each chunk's end: see `mediate/collector.py`
def import_referrals(
    uow: UnitOfWork,
    path: Path,
    options: ImportOptions | None = None,
    progress: Callable[[int], None] | None = None,
    say: Callable[[str], None] | None = None,
    routing: Routing | None = None,
    total: Callable[[int | None], None] | None = None,
) -> ImportReport:
    """Import a court-referral spreadsheet; commits chunk by chunk unless `dry_run`.

    `progress(n)` is called per row holding a referral, `total(rows)` once the header is
    found (the rows below it: a count of lines for a CSV, rough when a cell holds a line
    break, or blank) and again at the end with the rows that held a referral,
    `say(message)` for what the clerk must know (an interruption).
    """
    from mediate.intake import worker
    from mediate.services.access import identity

    identity(uow)  # only a registered clerk imports, once the registry is in use
    from mediate.services.routing import use_deployment_divisions

    use_deployment_divisions(uow)  # a place at a division of the deployment's own bodies
    options = options or ImportOptions()
    mapping = load_mapping(options.mapping) if options.mapping else None
    # one day for the whole run, read once: an import that runs past midnight dates its
    # undated rows, and judges a date received in the future, by the day it started
    defaults = RowDefaults(options.source, options.court, options.today or clock.today())
    calls = _Calls(progress or (lambda n: None), say or (lambda s: None), total)
    mode = worker.reading(path)
    if mode == worker.STREAM:
        try:
            return _import(uow, path, options, mapping, defaults, calls, routing, mode)
        except worker.Declined:  # read otherwise; nothing of the streamed reading was kept
            mode = worker.READ
    return _import(uow, path, options, mapping, defaults, calls, routing, mode)


@dataclass(frozen=True)
class _Calls:
    """The caller's `import_referrals` callbacks."""

    progress: Callable[[int], None]
    say: Callable[[str], None]
    total: Callable[[int | None], None] | None


def _import(
    uow: UnitOfWork,
    path: Path,
    options: ImportOptions,
    mapping: dict[str, str] | None,
    defaults: RowDefaults,
    calls: _Calls,
    routing: Routing | None,
    mode: str | None,
) -> ImportReport:
    """`import_referrals`, its file read here (`mode` None) or by reader processes
    (`intake.worker`: READ, or STREAM: read while it is vouched for)."""
    from mediate.intake import worker

    reader = None if mode is None else _reader(path, options, mapping, defaults, mode)
    streamed = reader if isinstance(reader, worker.Streamed) else None
    try:
        if reader is None:
            sheet = open_sheet(path, options.sheet)
            found = None
        else:
            # the router is built while the reader starts and opens the file (an XLSX's
            # whole sheet, seconds for a large one); a rules error still comes after the
            # file's own error, as it does when the file is read here
            routing, broken = _routing_meanwhile(uow, routing, options.calendar)
            try:
                sheet, found = _opened_by(reader, path, mapping)
            except Exception as exc:
                if streamed is not None and not isinstance(exc, worker.Declined):
                    streamed.vouched()  # its refusal first, as read here
                raise
            if broken is not None:
                if streamed is not None:
                    streamed.vouched()
                raise broken
        run = _ImportRun(
            uow,
            sheet,
            options,
            defaults,
            calls,
            routing or Routing.for_uow(uow, options.calendar),
            streamed,
        )
        run.start(mapping, found)
        if calls.total is not None:
            calls.total(run.rows_below_header())
        try:
            run.process(None if reader is None else reader.batches())
            run.settle()
        except BaseException as exc:
            if isinstance(exc, Exception):
                run.settle_on_error()  # a refusal or decline of the sheet's goes on instead
            if reader is not None:
                reader.close()  # first: Ctrl-C ends the reader at once, not after the rollback
            run.abort()
            raise
        run.finish()
        for warning in run.routing.calendar.warnings():  # once a run, not once a row
            calls.say(warning)
        if calls.total is not None:
            calls.total(run.report.rows)
    finally:
        if reader is not None:
            reader.close()
    run.report.reader_peak_kib = None if reader is None else reader.peak_kib
    return run.report


def _routing_meanwhile(
    uow: UnitOfWork, routing: Routing | None, calendar: WorkCalendar | None
) -> tuple[Routing | None, MediateError | None]:
    """The import's routing, built now, or the error building it raised (to be raised once
    the file has been found readable)."""
    if routing is not None:
        return routing, None
    try:
        return Routing.for_uow(uow, calendar), None
    except MediateError as exc:
        return None, exc


def _reader(
    path: Path,
    options: ImportOptions,
    mapping: dict[str, str] | None,
    defaults: RowDefaults,
    mode: str,
) -> ReaderProcess | Streamed | None:
    """The file's reader process (`intake.worker`; STREAM: with its voucher), told all it
    needs to read as this process would: the interface language, the clock (fixed in
    tests), the columns' lengths (with the defaults, so it need not import the table
    definitions). None when it cannot start."""
    from mediate.i18n import current_language
    from mediate.intake.validate import table_lengths
    from mediate.intake.worker import STREAM, ReaderProcess, Streamed, read_ahead
    from mediate.routing.places import deployment_divisions

    params = {
        "path": path,
        "sheet": options.sheet,
        "mapping": mapping,
        "defaults": replace(defaults, lengths=table_lengths()),
        "language": current_language(),
        "clock": clock.fixed(),
        "divisions": deployment_divisions(),
        "ahead": read_ahead(options.chunk_size),
    }
    try:
        return Streamed(params) if mode == STREAM else ReaderProcess(params)
    except OSError:  # no process to be had (a limit reached): read it here, as a small file
        return None


def _opened_by(
    reader: ReaderProcess | Streamed, path: Path, mapping: dict[str, str] | None
) -> tuple[Sheet, tuple[int, list[object], ColumnMap]]:
    """The sheet as the reader process opened it (its rows come from the reader), and its
    header row with the columns it names."""
    opened = reader.opened()
    sheet = Sheet(
        path=path,
        format=opened.format,
        rows=iter(()),
        total=opened.total,
        encoding=opened.encoding,
        delimiter=opened.delimiter,
        sheet_name=opened.sheet_name,
        notes=opened.notes,
    )
    number, header = opened.header_row, opened.header
    return sheet, (number, header, build_column_map(number, header, mapping))


class _ImportRun:
    def __init__(
        self,
        uow: UnitOfWork,
        sheet: Sheet,
        options: ImportOptions,
        defaults: RowDefaults,
        calls: _Calls,
        routing: Routing,
        streamed: Streamed | None = None,
    ) -> None:
        self.uow = uow
        self.sheet = sheet
        self.options = options
        self.calls = calls
        self.progress = calls.progress
        # read while it is vouched for (`intake.worker.Streamed`): nothing is committed,
        # and no row counted for the clerk to see, until it is (`_commit`)
        self._streamed = streamed
        self._held = 0  # rows read meanwhile, shown once vouched for
        self._unvouched_chunk = False  # a chunk written, not committed: not yet vouched for
        if streamed is not None:
            self.progress = self._hold
        self._kept = 0  # the cases imported in committed chunks
        self.report = ImportReport(
            file=sheet.path, format=sheet.format, encoding=sheet.encoding, dry_run=options.dry_run
        )
        self.defaults = defaults
        self.routing = routing
        self._data_version: tuple[Any, int] | None = None  # see `_unchanged`
        self.rejected_rows: list[tuple[int, list[object], str]] = []
        self.header: list[object] = []
        self.header_row = 0  # its row number in the file
        self.mapping: dict[str, str] | None = None
        self.columns: ColumnMap | None = None
        self.writer: _BulkWriter | None = None
        # written court name -> its full name (None: kept as written); told once per name
        self._courts: dict[str, str | None] = {}

    # -- the run ----------------------------------------------------------------------------
    def start(
        self, mapping: dict[str, str] | None, found: tuple[int, list[object], ColumnMap] | None
    ) -> None:
        """The header (`found` by a reader process, else read here), then the batch."""
        self.mapping = mapping
        self.header_row, self.header, self.columns = found or find_header(self.sheet, mapping)
        self.report.ignored_columns = self.columns.ignored
        if not self.options.dry_run:
            close_stale_batches(self.uow, self.calls.say)
            court = self.routing.completed_court(self.options.court) or self.options.court
            held = self._streamed is not None  # the batch committed with the first chunk
            self.writer = _BulkWriter(self.uow, self.sheet, self.options, court, held)
            if not held:
                self.report.batch_id = self.writer.batch_id

    def rows_below_header(self) -> int | None:
        """The rows `process` will read (the header and the title rows above it are read),
        as far as the sheet's count tells."""
        if self.sheet.total is None:
            return None
        return max(self.sheet.total - self.header_row, 0)

    def process(self, batches: Iterable[list[Outcome]] | None = None) -> None:
        """Every row's outcome (`intake.stream`), read here or, `batches`, by a reader
        process; chunk by chunk, the cases are checked against the stored ones, routed and
        written."""
        assert self.columns is not None
        pending: list[Outcome] = []
        if batches is None:
            stream = RowStream(self.columns, self.mapping, self.defaults)
            self._take(stream.outcomes(self.sheet.rows), pending)
        else:
            for batch in batches:
                self._take(batch, pending)
                if self._unvouched_chunk and self._streamed is not None and self._streamed.ready():
                    self._commit()  # vouched for while the next chunk was read: let go
        self._write(pending)

    def _write(self, pending: list[Outcome]) -> None:
        """Write a chunk and let its rows go, then collect what it left in reference
        cycles (the automatic collector is paused during an import, `collector`)."""
        self._flush(pending)
        pending.clear()
        collector.collect_young()

    def _take(self, outcomes: Iterable[Outcome], pending: list[Outcome]) -> None:
        """The rows' outcomes, in order: each case to write joins `pending` as it came
        (written when a chunk is full); the others are reported."""
        progress, report, chunk_size = self.progress, self.report, self.options.chunk_size
        courts, full_court = self._courts, self._full_court
        for outcome in outcomes:
            kind = outcome[0]
            if kind in _REFERRAL_ROWS:
                progress(1)
            if kind == CASE:
                report.rows += 1
                court = outcome[2].referring_court
                if court:
                    full = courts.get(court, _UNKNOWN)
                    if full is _UNKNOWN:
                        full = full_court(outcome[1], court)
                    if full is not None:
                        outcome[2].referring_court = full  # the row's own case, made for it
                pending.append(outcome)
                if len(pending) >= chunk_size:
                    self._write(pending)
            elif kind == REJECTED:
                report.rows += 1
                self._reject(*outcome[1:])
            elif kind == REPEATED:
                report.rows += 1
                report.duplicate(outcome[1], outcome[2])
            elif kind == SKIPPED:
                report.skip(outcome[1], outcome[2])

    def _full_court(self, number: int, written: str) -> str | None:
        """A referring court's full name where the sheet (or `--court`) shortened it (None:
        kept as written), worked out at the first row naming it and told once
        (services/courts.py); `_take` looks the name up in `_courts` after. The natural
        key stays the one of the name as written, so a batch imported before names were
        completed is still recognised when it is sent again."""
        from mediate.services.courts import completed_notice

        full = self._courts[written] = self.routing.completed_court(written)
        notice = (
            completed_notice(written, full)
            if full is not None
            else self.routing.unknown_court(written)
        )
        if notice is not None:
            assert self.columns is not None
            label = self.columns.label("referring_court")
            where = "--court" if written == self.options.court else label
            self.report.warnings.append(RowError(number, where, notice))
        return full

    def _reject(self, number: int, cells: list[object], problems: list[Problem]) -> None:
        if self._stored_number(number, cells, problems):
            return
        self.report.rejected += 1
        for p in problems:
            self.report.errors.append(RowError(number, p.field, p.message))
        reason = "；".join(located(p.field, p.message) if p.field else p.message for p in problems)
        self.rejected_rows.append((number, cells, reason))

    def _stored_number(self, number: int, cells: list[object], problems: list[Problem]) -> bool:
        """A row refused for a number a stored case has (`reimport.stored_number_row`):
        compared with that case, as a re-sent row is, not rejected."""
        from mediate.services.reimport import stored_number_row

        assert self.columns is not None
        case = stored_number_row(self.uow, number, cells, problems, self.columns, self.defaults)
        if case is None:
            return False
        court = case.referring_court
        full = self._courts.get(court, _UNKNOWN) if court else None
        if full is _UNKNOWN:
            full = self._full_court(number, court)  # type: ignore[arg-type]
        if full is not None:
            case.referring_court = full
        self.report.duplicate(number, case.court_case_no or "")
        self._compare([(CASE, number, case, case.court_case_no, None, (), (), None)])
        return True

    def _flush(self, pending: list[Outcome]) -> None:
        if not pending:
            return
        if self.writer is not None:
            self.routing.take_turn(self.uow, self._unchanged)
        connection = self.uow.session.connection()
        numbers = [p[3] for p in pending if p[4] is None]
        keys = [p[3] for p in pending if p[4]]
        keys += [p[7] for p in pending if p[7]]  # a blank 收案日期's old key (intake/keys.py)
        present = existing_keys(connection, numbers, keys)
        fresh = (
            [p for p in pending if p[3] not in present and p[7] not in present]
            if present
            else pending
        )
        if present:
            stored = [
                p if p[3] in present else _under_legacy_key(p)
                for p in pending
                if p[3] in present or p[7] in present
            ]
            for p in stored:
                self.report.duplicate(p[1], p[2].court_case_no or describe(p[2]))
            self._compare(stored)
        # after take_turn: against the open cases other clerks committed
        route = self.routing.route
        routed = [
            (p, _with_intake_warnings(route(p[2]), p[6]) if p[6] else route(p[2])) for p in fresh
        ]
        if self.writer is None:
            inserted = routed
        else:
            inserted = self.writer.write(routed, self.routing)
            if len(inserted) < len(routed):
                done = {p[1] for p, _d in inserted}
                for p, _d in routed:
                    if p[1] not in done:  # imported by somebody else meanwhile
                        self.report.duplicate(p[1], p[2].court_case_no or describe(p[2]))
        self._imported(inserted)
        self._commit()

    def _hold(self, n: int) -> None:
        """`progress` of a streamed sheet's rows: held until it is vouched for, then passed
        on (`_take` holds on to this method for a whole batch)."""
        if self._streamed is None:
            self.calls.progress(n)
        else:
            self._held += n

    def _commit(self, *, wait: bool = False) -> None:
        """Commit the chunks written. A streamed sheet's wait until it is vouched for
        (raises the voucher's refusal, or Declined): its first chunk stays uncommitted
        while the next is read (`process` commits it as soon as the voucher has said), the
        second's commit waits for the voucher — two chunks at most are written before,
        and SQLite's write lock (PostgreSQL's routing turn) is held until the voucher has
        said, not much longer (at most while one chunk is written). `wait`: the end."""
        if self._streamed is not None:
            if not (wait or self._unvouched_chunk or self._streamed.ready()):
                self._unvouched_chunk = True
                return
            self._unvouched_chunk = False
            self._streamed.vouched()
            last_row, self._streamed = self._streamed.last_row, None
            if self._held:
                self.progress(self._held)
            if self.calls.total is not None and last_row is not None:
                self.calls.total(max(last_row - self.header_row, 0))
        if self.writer is not None:
            self.writer.commit(self.report)
            self.report.batch_id = self.writer.batch_id
        self._kept = self.report.imported

    def settle(self) -> None:
        """Every row read: a streamed sheet with no chunk written yet is vouched for now,
        and its batch committed."""
        if self._streamed is not None:
            self._commit(wait=True)

    def settle_on_error(self) -> None:
        """An error while rows were read or written: a streamed sheet's voucher is heard
        first. Its refusal (what reading the file here raises before any row) or its
        decline goes on instead of the error, with nothing kept: no row, no batch."""
        if self._streamed is None:
            return
        try:
            self._streamed.vouched()
        except BaseException:
            if self.writer is not None:
                self.writer.discard()  # (its lock let go before its id can be taken again)
            self.uow.rollback()
            raise

    def _imported(self, inserted: list[_Routed]) -> None:
        """Count the chunk's cases that went in, by body, and report their rows' notes."""
        report = self.report
        report.imported += len(inserted)
        by_org, warnings = report.by_org, report.warnings
        for (_kind, row, _case, _key, _intake_key, notes, _warnings, _legacy), d in inserted:
            if notes:
                warnings.extend(RowError(row, n.field, n.message) for n in notes)
            name = d.org.name
            by_org[name] = by_org.get(name, 0) + 1

    def _compare(self, stored: list[Outcome]) -> None:
        """Rows of cases already stored: what they carry that differs (`--update`: applied)."""
        from mediate.services.reimport import Incoming, compare_and_update

        incoming = [Incoming(p[1], p[2], p[4]) for p in stored]
        mode = None if self.writer is None else self.options.update
        result = compare_and_update(self.uow, incoming, mode)
        self.report.differing += result.differing
        self.report.updated += result.updated
        self.report.changes.extend(result.changes)
        if result.ambiguous:
            assert self.columns is not None
            for a in result.ambiguous:
                role = PartyRole(a.role)
                message = _(
                    "the stored case {case} or this row has more than one {role} named "
                    "{name}: which one the row means is not known, so that party is "
                    "neither compared nor updated (change it with case edit {case} --party N)"
                ).format(case=a.case_id, role=role.label, name=a.name)
                self.report.warnings.append(RowError(a.row, self.columns.label(a.role), message))

    def _unchanged(self, connection: Any) -> bool:
        """SQLite: no other connection committed since this import's previous chunk.

        The data version (`store.bulk.data_version`) changes exactly when another
        connection has committed to the database; this import's own chunks do not, and the
        router has counted each of their cases as it routed them. Asked under the write
        lock (`take_turn`), so nobody can commit between the answer and this chunk's
        commit. PostgreSQL always recounts (other clerks commit at any time).
        """
        current = data_version(connection)
        previous, self._data_version = self._data_version, current
        return current is not None and previous == current

    def abort(self) -> None:
        """Interrupted or failed: the open chunk is rolled back, the batch says so."""
        if self.writer is None:
            return
        self.report.imported = self._kept  # (the rolled back chunks' cases are not)
        if self._streamed is not None:  # nothing committed, not even the batch: none kept
            self.writer.discard()
            self.uow.rollback()
        else:
            self.uow.rollback()
            self.writer.close(self.report, "interrupted")
        self.calls.say(
            _(
                "Import interrupted: {imported} cases were imported in whole chunks and "
                "are kept. Run the same import again to complete it (they will be "
                "skipped as duplicates)."
            ).format(imported=self.report.imported)
        )

    def finish(self) -> None:
        if self.options.errors_to and self.rejected_rows:
            from mediate.intake.writers import write_rejected

            write_rejected(self.options.errors_to, self.sheet, self.header, self.rejected_rows)
            self.report.errors_file = self.options.errors_to
            from mediate import dryrun_mark

            if self.options.dry_run:  # the real run of this file may replace it
                dryrun_mark.remember(self.options.errors_to, self.sheet.path, "import", "--errors")
            else:
                dryrun_mark.forget(self.options.errors_to)
        if self.writer is not None:
            self.writer.close(self.report, "done")


def _under_legacy_key(p: Outcome) -> Outcome:
    """A row whose case is stored under its legacy key (intake/keys.py): that key is its
    key, so the comparison finds the stored case by it."""
    return (*p[:3], p[7], p[7], *p[5:])


def close_stale_batches(uow: UnitOfWork, say: Callable[[str], None]) -> list[int]:
    """Batches left `running` by an import that died (killed, power cut) become
    `interrupted`: their whole chunks are kept, and importing the file again completes it.
    Returns their ids."""
    from sqlalchemy import select

    from mediate.store.batchlock import is_alive
    from mediate.store.tables import ImportBatchRow
    from mediate.store.types import utcnow

    running = uow.session.execute(
        select(ImportBatchRow).where(ImportBatchRow.status == "running")  # type: ignore[arg-type]
    ).scalars()
    stale = [batch for batch in running if is_alive(uow.engine, batch.id or 0) is False]
    for batch in stale:
        batch.status = "interrupted"
        batch.finished_at = utcnow()
        uow.session.add(batch)
        uow.record(
            "import",
            None,
            after={"batch": batch.id, "file": batch.file_name, "status": "interrupted"},
            note=_("the import stopped without finishing (its process was ended)"),
        )
        say(
            _(
                "Import batch {id} ({file}, started by {clerk}) stopped without finishing; "
                "it is now marked interrupted. Its whole chunks are kept: importing the same "
                "file again completes it."
            ).format(id=batch.id, file=batch.file_name, clerk=batch.clerk)
        )
    if stale:
        uow.commit()
    return [batch.id for batch in stale if batch.id is not None]


class _BulkWriter:
    """Bulk inserts of cases, parties, decisions and events, one transaction per chunk."""

    def __init__(
        self,
        uow: UnitOfWork,
        sheet: Sheet,
        options: ImportOptions,
        court: str | None,
        held: bool = False,
    ) -> None:
        """The batch, committed at once; `held`: written with the first chunk, in its
        transaction (a streamed sheet's: nothing is committed, nor a write lock taken for
        it, before the sheet is vouched for)."""
        from mediate.store.tables import ImportBatchRow

        self.uow = uow
        self._new = ImportBatchRow(
            file_name=str(sheet.path.name),
            file_sha256=_sha256(sheet.path),
            source=options.source.value if options.source else None,
            referring_court=court,
            clerk=uow.clerk,
            status="running",
        )
        self._batch: ImportBatchRow | None = None
        self._lock: BatchLock | None = None
        self._prepared: tuple[Any, dict[str, Insert]] | None = None
        self._cache = ImportCache()
        if not held:
            self._open()
            uow.commit()

    def _open(self) -> ImportBatchRow:
        """The batch, added to the transaction the first time it is needed."""
        if self._batch is None:
            batch = self._new
            self.uow.session.add(batch)
            self.uow.session.flush()
            assert batch.id is not None
            # Taken before the batch is visible: nobody sees it `running` without its lock.
            self._lock = BatchLock(self.uow.engine, batch.id)
            self._batch = batch
        return self._batch

    @property
    def batch(self) -> ImportBatchRow:
        return self._open()

    @property
    def batch_id(self) -> int:
        batch_id: int | None = self._open().id
        assert batch_id is not None
        return batch_id

    def write(self, routed: list[_Routed], routing: Routing) -> list[_Routed]:
        """Insert the chunk's new cases, then the parties, decisions and events of those
        that went in; rows are tuples of values as the driver takes them (each column's
        `Insert.converter`, a fresh one per chunk). What repeats down the chunk (the days
        and the deadline, the county of a place, a decision's columns but the case) is
        worked out once per content."""
        from mediate.store.types import utcnow

        if not routed:
            return []
        clerk, batch_id = self.uow.clerk, self.batch_id
        connection = self.uow.session.connection()
        inserts = self._inserts(connection)
        self._cache.enlarge(connection)
        moment = utcnow()  # one instant for the chunk
        cases = self._case_rows(routed, routing, inserts["cases"], moment, connection)
        ids = insert_new_cases(connection, inserts["cases"], cases)
        inserted = routed if len(ids) == len(routed) else [r for r in routed if r[0][3] in ids]
        tails = _DecisionTails(
            inserts["decisions"], inserts["events"], clerk, self.uow.org_id, moment
        )
        decisions: list[tuple[Any, ...]] = []
        events: list[tuple[Any, ...]] = []
        day = inserts["parties"].converter("birth_date")
        case_ids = [ids[p[3]] for p, _d in inserted]
        parties = party_rows(zip(case_ids, [p[2].parties for p, _d in inserted], strict=True), day)
        after, row_fields, of = tails.after, tails.row_fields, tails.of
        for case_id, (p, d) in zip(case_ids, inserted, strict=True):
            decision, rest = of(d)
            decisions.append((case_id, *decision))
            # {"batch", "row", "org", "rule", "status"}: the rest repeats down the chunk
            events.append((case_id, *row_fields, after((batch_id, p[1]), rest), None))
        inserts["parties"].execute(connection, parties)
        inserts["decisions"].execute(connection, decisions)
        inserts["events"].execute(connection, events)
        return inserted

    def _case_rows(
        self,
        routed: list[_Routed],
        routing: Routing,
        insert: Insert,
        moment: dt.datetime,
        connection: Any,
    ) -> list[tuple[Any, ...]]:
        now = insert.converter("created_at")(moment)
        fen, tags = insert.converter("amount"), insert.converter("tags")
        no_tags = tags([])
        received, due = insert.converter("received_on"), insert.converter("deadline")
        chunk = (self.batch_id, self.uow.clerk, now)
        days: dict[tuple[Any, int, str], tuple[Any, Any]] = {}
        counties: dict[tuple[str | None, str | None], str | None] = {}
        first = next_case_id(connection)  # None: the database hands the ids out
        cases = []
        for offset, (p, d) in enumerate(routed):
            case = p[2]
            assert case.received_on is not None
            key = (case.received_on, d.deadline_days, d.deadline_unit)
            dates = days.get(key)
            if dates is None:
                dates = days[key] = (received(key[0]), due(routing.deadline(*key)))
            place = (case.location, case.referring_court)
            county = counties.get(place, _UNKNOWN)
            if county is _UNKNOWN:
                county = counties[place] = routing.county_of(case)
            cases.append(
                _case_row(
                    p,
                    d,
                    None if first is None else first + offset,
                    (*dates, county),
                    chunk,
                    (fen, tags(list(case.tags)) if case.tags else no_tags),
                )
            )
        return cases

    def _inserts(self, connection: Any) -> dict[str, Insert]:
        """The four INSERT statements, prepared once per import (per dialect)."""
        if self._prepared is None or self._prepared[0] is not connection.dialect:
            self._prepared = (connection.dialect, prepared_inserts(connection.dialect))
        return self._prepared[1]

    def commit(self, report: ImportReport) -> None:
        self._counts(report)
        self.uow.commit()

    def discard(self) -> None:
        """The batch, never committed, is to be rolled back: its lock let go first (its
        id is free again once it is)."""
        self._cache.restore()
        if self._lock is not None:
            self._lock.release()

    def close(self, report: ImportReport, status: str) -> None:
        from mediate.store.types import utcnow

        self._cache.restore()
        self._counts(report)
        batch = self.batch
        batch.status = status
        batch.finished_at = utcnow()
        try:
            self._write_close(report, status)
        finally:
            if self._lock is not None:
                self._lock.release()

    def _write_close(self, report: ImportReport, status: str) -> None:
        self.uow.record(
            "import",
            None,
            after={
                "batch": self.batch_id,
                "file": self.batch.file_name,
                "status": status,
                "imported": report.imported,
                "duplicates": report.duplicates,
                "rejected": report.rejected,
            },
        )
        self.uow.commit()

    def _counts(self, report: ImportReport) -> None:
        batch = self._batch = self.uow.session.merge(self.batch)
        batch.rows_total = report.rows
        batch.imported = report.imported
        batch.duplicates = report.duplicates
        batch.rejected = report.rejected
        self.uow.session.add(batch)


class _DecisionTails:
    """A chunk's decisions and events but their case: what a decision stores after its
    case id, converted once per decision content (bodies, rules and warnings repeat down
    a batch), and the event's fixed columns."""

    def __init__(
        self, decisions: Insert, events: Insert, clerk: str, org: str | None, moment: dt.datetime
    ) -> None:
        self._path = decisions.converter("path")
        self._trace = decisions.converter("trace")
        self._warnings = decisions.converter("warnings")
        self._clerk, self._at = clerk, decisions.converter("decided_at")(moment)
        self._seen: dict[tuple[Any, ...], tuple[tuple[Any, ...], tuple[Any, ...]]] = {}
        self.after = events.record_converter("after", ("batch", "row"))
        # at, clerk, org, action, before: the event's columns between its case and `after`
        self.row_fields = (
            events.converter("at")(moment),
            clerk,
            org,
            "imported",
            events.converter("before")(None),
        )

    def of(self, d: Decision) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
        """(the decision's columns after its case, the event record's repeating items)."""
        key = (
            d.org.id,
            d.rule,
            d.deadline_days,
            d.deadline_unit,
            d.rules_version,
            *d.path,
            None,
            *d.warnings,
        )
        found = None if d.trace else self._seen.get(key)
        if found is None:
            found = (
                (
                    d.org.id,
                    d.rule,
                    self._path(list(d.path)),
                    d.deadline_days,
                    stored_unit(d.deadline_unit),
                    d.rules_version,
                    self._trace([s.as_json() for s in d.trace]),
                    self._warnings(list(d.warnings)),
                    self._clerk,
                    self._at,
                ),
                (("org", d.org.id), ("rule", d.rule), _ROUTED),
            )
            if not d.trace:
                self._seen[key] = found
        return found


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def summary_line(report: ImportReport) -> str:
    line = _("Imported: {imported}, duplicates: {duplicates}, rejected: {rejected}.").format(
        imported=report.imported, duplicates=report.duplicates, rejected=report.rejected
    )
    if report.skipped:
        line += " " + _("Skipped {n} rows that are no case (totals, notes).").format(
            n=report.skipped
        )
    if report.updated:
        line += " " + _("Updated {n} stored cases.").format(n=report.updated)
    elif report.differing:
        line += " " + _(
            "{n} duplicates carry data that differs from the stored case "
            "(see them with --update --dry-run; fill blanks with --update)."
        ).format(n=report.differing)
    return line


@dataclass
class DemoIntake:
    """What `mediate demo` took in: per referral file its report, per dispute file its body."""

    imports: list[ImportReport]
    registered: dict[str, str]  # sample name -> body it was routed to

    def as_json(self) -> dict[str, Any]:
        by_org: dict[str, int] = {}
        for report in self.imports:
            for org, n in report.by_org.items():
                by_org[org] = by_org.get(org, 0) + n
        for org in self.registered.values():
            by_org[org] = by_org.get(org, 0) + 1
        return {
            "files": [
                {
                    "file": r.file.name,
                    "imported": r.imported,
                    "duplicates": r.duplicates,
                    "rejected": r.rejected,
                    "errors": [e.as_json() for e in r.errors],
                }
                for r in self.imports
            ],
            "registered": self.registered,
            "by_org": dict(sorted(by_org.items(), key=lambda kv: (-kv[1], kv[0]))),
        }


def demo_intake(engine: Any, clerk: str) -> DemoIntake:
    """The bundled samples: the court batches (GBK CSV, XLSX) and one dispute of each kind."""
    from mediate.intake.dispute_file import load_dispute_file
    from mediate.resources import data_dir

    samples = data_dir() / "samples"
    imports = []
    for name in ("referrals-jiefang-gbk.csv", "referrals-shanyang.xlsx"):
        with UnitOfWork(engine, clerk) as uow:
            imports.append(import_referrals(uow, samples / name))
    registered = {}
    for path in sorted((samples / "disputes").glob("*.yaml")):
        with UnitOfWork(engine, clerk) as uow:
            _case_id, decision = register_case(uow, load_dispute_file(path))
            uow.commit()
        registered[path.stem] = decision.org.name
    return DemoIntake(imports, registered)


def write_template(path: Path) -> None:
    """`import --template FILE`: a blank sheet with the standard headers."""
    from mediate.intake.writers import write_template as write

    try:
        write(path)
    except OSError as exc:
        raise ValidationError(os_reason(exc), where=str(path)) from exc
