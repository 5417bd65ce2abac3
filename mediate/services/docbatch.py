"""`doc batch`: one document per selected case that can have one, over a `BatchStore`.

What a batch does is here, once; where its records come from and where its rows go is
the store's: the unit of work (`services/documents.UowStore`, SQLAlchemy, both backends)
or DB-API on SQLite (`services/docsql.SqlBatchStore`, which spares a batch the import of
SQLAlchemy, SQLModel and the table classes: about 450 ms of its fixed cost). Both select
the same cases, read the same records and write the same document rows and audit events
(`tests/integration/test_doc_batch_store.py` compares them). No SQLAlchemy here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from mediate.documents.context import (
    CaseRecords,
    application_date_warning,
    build_context,
    date_problem,
    eligibility_problem,
)
from mediate.documents.kinds import DocumentKind, kind_named
from mediate.documents.render import Job, Rendered, document_filename, file_sha256, render_jobs
from mediate.documents.wording import wording_warnings
from mediate.domain import vocabulary
from mediate.domain.confirmation import ruling_ground_source
from mediate.domain.parties import guardian_warnings
from mediate.domain.vocabulary import UnknownChoice
from mediate.errors import BadOptionValue, MediateError, echoed
from mediate.files import existing_file, refuse_the_database
from mediate.i18n import _
from mediate.intake.values import BadValue, screen_text

FILTER_KEYS = ("status", "org", "source", "county", "cause", "result")
# The filters whose values are closed sets, read as `case list --status` … reads them.
_CLOSED_SETS = {
    "status": vocabulary.CASE_STATUS,
    "source": vocabulary.SOURCE,
    "county": vocabulary.COUNTY,
    "result": vocabulary.OUTCOME,
}
# Each filter by the column it selects on, as the exports head it (`field_label`: 状态,
# 调解组织 …); it is named too by the headings `case list` and `case show` print (and the
# body's by the header of its id column, 调解组织编号).
_FILTER_COLUMNS = {
    "status": "status",
    "org": "org",
    "source": "source",
    "county": "county_code",
    "cause": "cause",
    "result": "result",
}
_SLICE = 2000  # cases whose contexts are built and rendered together in a batch


def filter_words(key: str) -> set[str]:
    """Every word that names the filter `key` (normalised as vocabulary.normalise): the
    key, and the names of its column (domain/fields.field_names: its export header in
    either language …) with the heading `case list`/`case show` print for it and the name
    of its closed set. Each names one filter (a test checks)."""
    from mediate.domain.events import column_header
    from mediate.domain.fields import field_names
    from mediate.domain.vocabulary import normalise

    def headings() -> list[str]:
        shown = {
            "status": [_("Status")],
            "org": [_("Body"), column_header("org_id")],
            "source": [_("Source")],
            "county": [_("County")],
            "cause": [_("Cause")],
            "result": [_("Outcome")],
        }[key]
        return [*shown, _CLOSED_SETS[key].what()] if key in _CLOSED_SETS else shown

    former = {normalise(word) for word in (key, *_FORMER_WORDS.get(key, ()))}
    return field_names(_FILTER_COLUMNS[key], headings) | former


#: Words the tool printed before and a clerk may still type: 机构 was the body's heading.
_FORMER_WORDS = {"org": ("机构",)}


def filter_key(text: str) -> str | None:
    """The filter a clerk named (its key, or a column header as printed), or None."""
    from mediate.domain.vocabulary import normalise

    word = normalise(text)
    return next((key for key in FILTER_KEYS if word in filter_words(key)), None)


def filter_label(key: str) -> str:
    """A filter as `filter_names` lists it: its header in Chinese, its key in English."""
    from mediate.domain.events import field_label
    from mediate.i18n import current_language

    return key if current_language() == "en" else field_label(_FILTER_COLUMNS[key])


def filter_names() -> str:
    """The filters as a clerk types them: by header in Chinese, by key in English."""
    from mediate.domain.events import field_label
    from mediate.domain.fields import typed_names

    return typed_names(FILTER_KEYS, lambda key: field_label(_FILTER_COLUMNS[key]))


class BatchStore(Protocol):
    """Where a batch reads its cases and records its documents (one transaction)."""

    def case_ids(self, filters: dict[str, str]) -> list[int]:
        """The cases the filters select that the acting clerk sees, by id."""
        ...

    def records(self, kind: DocumentKind, case_ids: Sequence[int]) -> dict[int, CaseRecords]:
        """Every record the documents of `kind` draw on, for these cases."""
        ...

    def store_document(
        self,
        kind: DocumentKind,
        rendered: Rendered,
        template_sha: str,
        dated: dt.date | None = None,
    ) -> None:
        """A document row and its audit event, in this transaction; `dated`: the date
        printed on it (an application's is recorded, docsql.record_drafted_on)."""
        ...

    def commit(self) -> None: ...


@dataclass
class TemplateChoice:
    kind: DocumentKind
    path: Path
    overridden: bool


def choose_template(kind: DocumentKind, templates_dir: Path | None) -> TemplateChoice:
    """The clerk's own `<kind>.docx` or `<title>.docx` in `templates_dir`, else the bundled."""
    if templates_dir is not None:
        if not templates_dir.is_dir():
            raise MediateError(
                _("The templates directory {path} does not exist.").format(path=templates_dir)
            )
        for name in (f"{kind.id}.docx", f"{kind.title}.docx"):
            if (templates_dir / name).is_file():
                return TemplateChoice(kind, templates_dir / name, True)
    from mediate.resources import templates_dir as bundled

    return TemplateChoice(kind, bundled() / kind.template, False)


@dataclass
class DocumentResult:
    case_id: int
    kind: str
    path: Path
    sha256: str
    template: Path
    warnings: list[str] = field(default_factory=list)


@dataclass
class BatchResult:
    kind: str
    template: Path
    rendered: list[DocumentResult] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    # what to check per case, found while the contexts are built; kept for those rendered
    case_warnings: dict[int, list[str]] = field(default_factory=dict)

    def warnings(self) -> dict[str, list[int]]:
        """Each distinct warning of the documents written, with the cases it concerns (a
        body whose name and kind disagree concerns every case of that body)."""
        found: dict[str, list[int]] = {}
        for document in self.rendered:
            for warning in document.warnings:
                found.setdefault(warning, []).append(document.case_id)
        return found


def parse_filters(items: Iterable[str]) -> dict[str, str]:
    """`status=settled`, `org=jz-credit`, `状态=已和解` … as given on the command line: a
    filter by its key or by its column's header as the tool prints it (`filter_words`). A
    status, source,
    county or result is read as the other commands read it (a code, or a label in either
    language: domain/vocabulary) and kept as its code; a body is resolved by the store
    (`RecordQueries.case_ids`). A filter that is not one, or a key given twice (each key
    takes one value), is a usage error; a value is echoed cut to its first characters."""
    filters: dict[str, str] = {}
    given: dict[str, str] = {}
    from mediate.intake.pairs import NoPair, pair_of

    for item in items:  # `状态＝调解不成`, `状态：调解不成` as a Chinese keyboard types them
        try:
            key, value = pair_of(item, lambda word: filter_key(word) is not None, _("KEY=VALUE"))
        except NoPair as exc:
            raise BadOptionValue("--filter", str(exc)) from None
        if key and not value:
            raise BadOptionValue(f"--filter {key}", _("The value is empty; give KEY=VALUE."))
        if not value:
            raise BadOptionValue("--filter", str(NoPair(item, form=_("KEY=VALUE"))))
        named = filter_key(key)
        if named is None:
            raise BadOptionValue(
                "--filter",
                _("Unknown filter {key!r}; filters: {known}.").format(
                    key=echoed(key), known=filter_names()
                ),
            )
        where = f"--filter {filter_label(named)}"  # by its label, whatever word was typed
        key = named
        if key in given:
            raise BadOptionValue(
                where,
                _("given twice ({first!r} and {second!r}); a filter takes one value.").format(
                    first=echoed(given[key]), second=echoed(value)
                ),
            )
        given[key] = value
        try:
            filters[key] = screen_text(value)  # the value is free text, as every way in
        except BadValue as exc:
            raise BadOptionValue(where, str(exc)) from None
        if key in _CLOSED_SETS:
            try:
                filters[key] = _CLOSED_SETS[key].parse(filters[key])
            except UnknownChoice as exc:
                raise BadOptionValue(
                    where, str(UnknownChoice(exc.vocabulary, echoed(exc.text)))
                ) from None
    return filters


def link_bodies(
    found: dict[int, CaseRecords],
    orgs: Callable[[], Iterable[Any]],
    mediators: Callable[[list[int]], Iterable[Any]],
) -> dict[int, CaseRecords]:
    """Each case's body and mediator, read once for all of `found` (a store's `orgs()`
    reads every body, `mediators(ids)` the mediators of those ids)."""
    by_id = {o.id: o for o in orgs()} if found else {}
    mediator_ids = sorted({r.case.mediator_id for r in found.values() if r.case.mediator_id})
    by_number = {m.id: m for m in mediators(mediator_ids)} if mediator_ids else {}
    for records in found.values():
        records.org = by_id.get(records.case.org_id)
        records.mediator = by_number.get(records.case.mediator_id)
    return found


def render_batch(
    store: BatchStore,
    kind_name: str,
    filters: dict[str, str],
    out_dir: Path,
    today: dt.date,
    templates_dir: Path | None = None,
    workers: int | None = None,
    progress: Callable[[int], Callable[[int], None]] | None = None,
    credit: dict[str, str] | None = None,
    overwrite: bool = False,
    database: Sequence[Path] = (),
    pdf: bool = False,
) -> BatchResult:
    """One document per selected case that can have one; failures are reported, not fatal
    (a document whose file exists is one, unless `overwrite`). Commits the store.

    `database`: the configured SQLite database and its journals (`files.sqlite_files`): a
    document's name in `out_dir`, or its PDF's with `pdf`, that is one of them is a usage
    error (`refuse_written_files`), whatever `overwrite` says, before that slice renders.

    `progress(total)` returns an `advance(n)` callback (a progress bar).
    """
    kind = kind_named(kind_name)
    choice = choose_template(kind, templates_dir)
    result = BatchResult(kind.id, choice.path)
    template_sha = file_sha256(choice.path)
    case_ids = store.case_ids(filters)
    advance = progress(len(case_ids)) if progress else None
    attempted: list[Path] = []
    try:
        # In slices, so a batch over a whole year's cases never holds every context at once.
        for start in range(0, len(case_ids), _SLICE):
            ids = case_ids[start : start + _SLICE]
            found = store.records(kind, ids)
            jobs = _batch_jobs(kind, found, out_dir, today, result, credit or {})
            for job in jobs:
                refuse_written_files(job.path, database, pdf)
            if not overwrite:
                jobs = _new_files_only(jobs, result)
            attempted += [job.path for job in jobs]
            if advance:
                advance(len(ids) - len(jobs))
            for rendered in render_jobs(choice.path, jobs, workers, advance):
                _collect(store, kind, choice.path, template_sha, rendered, result, today)
        store.commit()
    except BaseException:  # interrupted or the store failed: no unrecorded files stay behind
        for path in attempted:
            path.unlink(missing_ok=True)
        raise
    return result


def refuse_written_files(path: Path, database: Sequence[Path], pdf: bool) -> None:
    """A document `doc render` or `doc batch` names itself in its directory, and with --pdf
    the PDF LibreOffice makes beside it (the same name, .pdf), pass the guard every file
    the clerk names passes (`files.refuse_the_database`): never the configured database
    or one of its journals."""
    refuse_the_database(path, database, "--out")
    if pdf:
        refuse_the_database(path.with_suffix(".pdf"), database, "--out")


def _collect(
    store: BatchStore,
    kind: DocumentKind,
    template: Path,
    template_sha: str,
    rendered: Rendered,
    result: BatchResult,
    dated: dt.date,
) -> None:
    if rendered.path is None:
        message = _("case {case}: {error}").format(case=rendered.key, error=rendered.error)
        result.failed.append((rendered.key, message))
        return
    store.store_document(kind, rendered, template_sha, dated)
    warnings = result.case_warnings.pop(rendered.key, [])
    result.rendered.append(
        DocumentResult(rendered.key, kind.id, rendered.path, rendered.sha256, template, warnings)
    )


def _new_files_only(jobs: list[Job], result: BatchResult) -> list[Job]:
    for job in jobs:
        if job.path.exists():
            message = existing_file(job.path)
            result.failed.append(
                (job.key, _("case {case}: {error}").format(case=job.key, error=message))
            )
    return [job for job in jobs if not job.path.exists()]


def _batch_jobs(
    kind: DocumentKind,
    found: dict[int, CaseRecords],
    out_dir: Path,
    today: dt.date,
    result: BatchResult,
    credit: dict[str, str],
) -> list[Job]:
    """The documents to render for these cases; the others go to skipped or failed."""
    jobs: list[Job] = []
    for case_id, records in sorted(found.items()):
        records.extra["credit"] = dict(credit)
        problem = eligibility_problem(kind, records)
        if problem is None:
            problem = date_problem(kind, records, today)
        if problem:
            result.skipped.append((case_id, problem))
            continue
        try:
            context = build_context(kind, records, today)
        except MediateError as exc:
            result.failed.append((case_id, str(exc)))
            continue
        jobs.append(Job(case_id, context, out_dir / document_filename(kind.title, context)))
        result.case_warnings[case_id] = document_warnings(kind, records, today)
    return jobs


def document_warnings(
    kind: DocumentKind, records: CaseRecords, day: dt.date | None = None
) -> list[str]:
    """What the clerk should check on a document written for this case (`day`: the date
    the document carries)."""
    warnings = _application_warnings(records) if kind.id == "application" else []
    late = application_date_warning(records, day) if kind.id == "application" and day else None
    if late:
        warnings.append(late)
    if records.org is not None:  # the body's kind and name disagree on the law it cites
        warnings += wording_warnings(records.org.kind, records.org.name)
    if kind.id in ("application", "agreement") and records.outcome is not None:
        # 民法典 arts. 17, 23: a minor signs through a 法定代理人
        warnings += guardian_warnings(records.parties, records.outcome.decided_on)
    if kind.id in ("application", "agreement", "court_report"):
        warnings += _effective_before_reached(records.outcome)
    return warnings


def _effective_before_reached(outcome: Any | None) -> list[str]:
    """An agreement recorded before `outcome` refused it as taking effect before the day it
    was reached: the papers say 达成 on one day and 生效 on an earlier one (人民调解法 art. 29:
    it takes effect once signed and sealed; services/outcomes._fill_agreement)."""
    effective = getattr(outcome, "effective_on", None)
    reached = getattr(outcome, "decided_on", None)
    if effective is None or reached is None or effective >= reached:
        return []
    return [
        _(
            "the agreement is recorded as taking effect on {effective}, before it was reached "
            "({reached}): check both dates before it goes out (a supervisor corrects them with "
            "case reopen)"
        ).format(effective=effective, reached=reached)
    ]


def _application_warnings(records: CaseRecords) -> list[str]:
    confirmation = records.confirmation
    if confirmation is None:
        return []
    warnings = []
    if confirmation.warnings:
        warnings.append(
            _(
                "the court may not accept this application ({codes}); the clerk accepted "
                "these warnings"
            ).format(
                codes=_("; ").join(ruling_ground_source(str(w)) for w in confirmation.warnings)
            )
        )
    if confirmation.status == "not_accepted":
        warnings.append(_("the court recorded this application as not accepted"))
    return warnings


def as_json(result: DocumentResult) -> dict[str, Any]:
    return {
        "case": result.case_id,
        "kind": result.kind,
        "path": str(result.path),
        "sha256": result.sha256,
        "template": str(result.template),
        "warnings": result.warnings,
    }
