"""Producing the documents of cases: one (`render_document`), or many through the unit
of work (`UowStore` for `docbatch.render_batch`).

Reads the case, its parties, body, mediator, outcome and confirmation; builds the context
(`documents.context`), renders through a prepared template (`documents.render`), writes
each file atomically and records it as a DocumentRow (case, kind, path, sha256, template
sha256). A clerk's own templates (setting `templates`) override the bundled ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import col, select

from mediate.documents.context import (
    CaseRecords,
    build_context,
    date_problem,
    eligibility_problem,
    records_paper_title,
)
from mediate.documents.kinds import KINDS, DocumentKind, kind_named
from mediate.documents.render import (
    Job,
    Rendered,
    document_event,
    document_filename,
    file_sha256,
    render_jobs,
)
from mediate.errors import MediateError, NotFound, ValidationError
from mediate.files import refuse_existing
from mediate.i18n import _
from mediate.services import access
from mediate.services.docbatch import (
    FILTER_KEYS,
    BatchResult,
    DocumentResult,
    TemplateChoice,
    as_json,
    choose_template,
    document_warnings,
    parse_filters,
    refuse_written_files,
)
from mediate.services.docsql import RecordQueries, record_drafted_on
from mediate.store.tables import (
    CaseRow,
    ConfirmationRow,
    DocumentRow,
    MediatorRow,
    OrgRow,
    OutcomeRow,
    PartyRow,
)
from mediate.store.uow import UnitOfWork

__all__ = [
    "FILTER_KEYS",
    "BatchResult",
    "DocumentResult",
    "TemplateChoice",
    "as_json",
    "choose_template",
    "parse_filters",
]


def queries(uow: UnitOfWork) -> RecordQueries:
    """The documents' queries (services/docsql.py) on the unit of work's connection, in
    its transaction (what it added so far is flushed first, so they see it)."""
    uow.session.flush()
    return RecordQueries(access.reader(uow), lambda: access.identity(uow))


def load_records(uow: UnitOfWork, case_ids: Sequence[int]) -> dict[int, CaseRecords]:
    """Every record the documents need, for many cases, in a few queries."""
    return queries(uow).load(case_ids)


def attach_credit_reports(uow: UnitOfWork, found: dict[int, CaseRecords]) -> None:
    """The recorded credit decision of each case, for the credit notice."""
    queries(uow).credit_reports(found)


def attach_sessions(
    uow: UnitOfWork, found: dict[int, CaseRecords], session_id: int | None = None
) -> None:
    """The session each notice is for (the given one, or each case's next scheduled)."""
    if session_id is None:
        queries(uow).next_sessions(found)
        return
    from mediate.services.sessions import notice_session

    row, mediator = notice_session(uow, list(found), session_id)
    found[row.case_id].session = row
    found[row.case_id].session_mediator = mediator


def _record(
    uow: UnitOfWork,
    kind: DocumentKind,
    rendered: Rendered,
    template_sha: str,
    dated: dt.date | None = None,
) -> None:
    """The document row, the application's date (docsql.record_drafted_on) and the event."""
    assert rendered.path is not None
    uow.session.flush()
    drafted_on = record_drafted_on(access.reader(uow), kind, rendered.key, dated)
    uow.session.add(
        DocumentRow(
            case_id=rendered.key,
            kind=kind.id,
            path=str(rendered.path.resolve()),
            sha256=rendered.sha256,
            template_sha256=template_sha,
            created_by=uow.clerk,
            title=rendered.title or None,
        )
    )
    uow.record(
        "document", case_id=rendered.key, after=document_event(kind.id, rendered, drafted_on)
    )


def render_document(
    uow: UnitOfWork,
    kind_name: str,
    case_id: int,
    out_dir: Path,
    today: dt.date,
    templates_dir: Path | None = None,
    credit: dict[str, str] | None = None,
    session_id: int | None = None,
    overwrite: bool = False,
    filename: str | None = None,
    with_pdf: bool = False,
    database: Sequence[Path] = (),
) -> DocumentResult:
    """One document for one case; raises a MediateError naming the case and what is missing.

    `with_pdf`: a PDF of the same name will be made beside it (`--pdf`): an existing one is
    refused as the document is, before anything is written.

    `filename`: the file's name in `out_dir` (`doc render -o x.docx`); default the
    document's own name (case, title, parties).

    `database`: the configured SQLite database and its journals: the document's path, or
    its PDF's, that is one of them is refused whatever `overwrite` says (a usage error).

    `credit`: the credit notice's settings (agency, doc_prefix, contact, phone).
    `session_id`: the session a notice is for (default: the case's next scheduled one). A
    file of the document's name already in `out_dir` is refused unless `overwrite`
    (--force): it may be the one an earlier event's checksum vouches for."""
    kind = kind_named(kind_name)
    choice = choose_template(kind, templates_dir)
    records = load_records(uow, [case_id]).get(case_id)
    if records is None:
        raise NotFound(_("There is no case {id}.").format(id=case_id))
    access.require_case_access(uow, records.case)
    records.extra["credit"] = dict(credit or {})
    if kind.id == "credit_notice":
        attach_credit_reports(uow, {case_id: records})
    if kind.id == "notice":
        attach_sessions(uow, {case_id: records}, session_id)
    elif session_id is not None:
        raise ValidationError(
            _("--session is for the notice (调解通知书) only."), where="--session"
        )
    problem = eligibility_problem(kind, records)
    if problem is None:
        problem = date_problem(kind, records, today)
    if problem:
        raise ValidationError(
            _("case {case}: no {title}: {why}").format(
                case=case_id, title=records_paper_title(kind, records), why=problem
            )
        )
    context = build_context(kind, records, today)
    job = Job(case_id, context, out_dir / (filename or document_filename(kind.title, context)))
    refuse_written_files(job.path, database, with_pdf)
    refuse_existing(job.path, overwrite)
    if with_pdf:
        refuse_existing(job.path.with_suffix(".pdf"), overwrite)
    (rendered,) = render_jobs(choice.path, [job], workers=1)
    if rendered.path is None:
        raise MediateError(_("case {case}: {error}").format(case=case_id, error=rendered.error))
    try:
        _record(uow, kind, rendered, file_sha256(choice.path), today)
        uow.commit()
    except BaseException:  # no file on disk that the store does not know about
        rendered.path.unlink(missing_ok=True)
        raise
    warnings = document_warnings(kind, records, today)
    return DocumentResult(case_id, kind.id, rendered.path, rendered.sha256, choice.path, warnings)


class UowStore:
    """A batch's reads and writes through the unit of work (docbatch.BatchStore)."""

    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow

    def case_ids(self, filters: dict[str, str]) -> list[int]:
        return queries(self.uow).case_ids(filters)

    def records(self, kind: DocumentKind, case_ids: Sequence[int]) -> dict[int, CaseRecords]:
        return queries(self.uow).records(kind, case_ids)

    def store_document(
        self,
        kind: DocumentKind,
        rendered: Rendered,
        template_sha: str,
        dated: dt.date | None = None,
    ) -> None:
        _record(self.uow, kind, rendered, template_sha, dated)

    def commit(self) -> None:
        self.uow.commit()


def kinds() -> list[DocumentKind]:
    return list(KINDS.values())


def template_variables(path: Path) -> list[str]:
    """The context names a template uses (top level and dotted, e.g. `case.cause`, `p.name`)."""
    from mediate.documents.lint import used_variables

    return used_variables(path)


def document_history(uow: UnitOfWork, case_id: int) -> list[DocumentRow]:
    statement = select(DocumentRow).where(DocumentRow.case_id == case_id)
    return list(uow.session.exec(statement.order_by(col(DocumentRow.id))).all())


# The demo's credit agency: a deployment names its own (setting `credit_agency`).
DEMO_CREDIT = {"agency": "焦作市公共信用信息中心（示例）", "contact": "刘明"}


@dataclass
class DemoDocuments:
    files: list[Path]
    cases: dict[str, int]  # kind -> the case it was produced for
    samples_added: int


def _demo_choice(uow: UnitOfWork, today: dt.date) -> dict[str, int]:
    """For each kind, the first case that can have it (confirmed cases first)."""
    ids = [
        int(i)
        for i in uow.session.exec(select(CaseRow.id).order_by(col(CaseRow.id)).limit(5000))
        if i
    ]
    records = load_records(uow, ids)
    attach_sessions(uow, records)  # the notice: a case with a session to come
    attach_credit_reports(uow, records)  # the credit notice: a case reported
    for record in records.values():
        record.extra["credit"] = dict(DEMO_CREDIT)
    ranked = sorted(
        records.items(),
        key=lambda item: (
            getattr(item[1].confirmation, "status", "") != "confirmed",
            item[0],
        ),
    )
    chosen: dict[str, int] = {}
    for kind in KINDS.values():
        for case_id, record in ranked:
            if eligibility_problem(kind, record) is None:
                try:
                    build_context(kind, record, today)
                except MediateError:
                    continue
                chosen[kind.id] = case_id
                break
    return chosen


def _demo_samples(uow: UnitOfWork, today: dt.date, missing: set[str]) -> int:
    """A settled and confirmed case, and a failed credit-committee case, for kinds the
    demo's own cases do not cover yet (marked as samples in the audit trail)."""
    session = uow.session
    centers = select(OrgRow).where(OrgRow.kind == "county_center")
    center = (
        session.exec(centers.where(OrgRow.division_code == "410802")).first()
        or session.exec(centers.order_by(col(OrgRow.id))).first()
    )
    credit = session.exec(select(OrgRow).where(OrgRow.kind == "credit_committee")).first()
    added = 0
    wanted = (
        (center, True, {"application", "agreement", "service_address"}),
        (credit, False, {"termination", "credit_notice"}),
    )
    for org, settled, kinds_covered in wanted:
        if org is None or not kinds_covered & missing:
            continue
        case = _demo_case(uow, org, settled, today)
        uow.record("demo_sample", case_id=case.id, note=_("sample case for the documents demo"))
        added += 1
    return added


def _demo_case(uow: UnitOfWork, org: OrgRow, settled: bool, today: dt.date) -> CaseRow:
    from decimal import Decimal

    session = uow.session
    mediator = MediatorRow(org_id=org.id, name="刘明", type="people")
    session.add(mediator)
    session.flush()
    received = today - dt.timedelta(days=20)
    case = CaseRow(
        cause="民间借贷纠纷" if settled else "买卖合同纠纷",
        amount=Decimal("52000.50") if settled else Decimal("286000"),
        source="self_accepted" if settled else "court_delegated",
        referring_court=None if settled else "焦作市山阳区人民法院",
        received_on=received,
        county_code=org.division_code[:6],
        facts=(
            "2025年3月，王秀英向张建国借款人民币52,000.50元，约定2026年3月归还，到期未还。"
            if settled
            else "焦作市恒达建材有限公司向焦作市宏远置业有限公司供应建材，货款286,000元逾期未付。"
        ),
        status="settled" if settled else "failed",
        org_id=org.id,
        mediator_id=mediator.id,
        closed_on=today - dt.timedelta(days=5),
        created_by=uow.clerk,
    )
    session.add(case)
    session.flush()
    assert case.id is not None
    if settled:
        parties = [
            PartyRow(
                case_id=case.id,
                position=0,
                role="applicant",
                kind="person",
                name="张建国",
                id_number="410802198507150017",
                ethnicity="汉族",
                occupation="教师",
                address="河南省焦作市解放区民主南路12号",
                phone="13803910001",
            ),
            PartyRow(
                case_id=case.id,
                position=1,
                role="respondent",
                kind="person",
                name="王秀英",
                id_number="410811199002280027",
                ethnicity="汉族",
                address="河南省焦作市山阳区人民路88号",
                phone="13903910002",
                email="wxy@example.cn",
            ),
        ]
        session.add(
            OutcomeRow(
                case_id=case.id,
                result="settled",
                decided_on=today - dt.timedelta(days=5),
                effective_on=today - dt.timedelta(days=5),
                amount=Decimal("52000.50"),
                terms="王秀英于2026年12月31日前向张建国归还借款人民币52,000.50元；\n"
                "张建国放弃利息请求；\n调解费用由双方各自承担。",
                performance="银行转账至张建国指定账户",
                perform_by=dt.date(2026, 12, 31),
                recorded_by=uow.clerk,
            )
        )
        session.add(
            ConfirmationRow(
                case_id=case.id,
                court="焦作市解放区人民法院",
                status="confirmed",
                apply_by=today + dt.timedelta(days=25),
                decided_on=today,
            )
        )
    else:
        parties = [
            PartyRow(
                case_id=case.id,
                position=0,
                role="applicant",
                kind="enterprise",
                name="焦作市恒达建材有限公司",
                id_number="91410800MA44HD0001",
                address="河南省焦作市中站区建材路1号",
                legal_rep="陈立",
                legal_rep_title="总经理",
                email="law@hengda.example.cn",
            ),
            PartyRow(
                case_id=case.id,
                position=1,
                role="respondent",
                kind="enterprise",
                name="焦作市宏远置业有限公司",
                id_number="91410800MA44HY0002",
                address="河南省焦作市山阳区丰收路66号",
                legal_rep="周平",
                legal_rep_title="执行董事",
                backup_address="河南省焦作市解放区塔南路9号",
            ),
        ]
        session.add(
            OutcomeRow(
                case_id=case.id,
                result="failed",
                decided_on=today - dt.timedelta(days=5),
                reason="被申请人拒不接受分期付款方案",
                follow_up="returned_to_court",  # a court's referral goes back to it
                recorded_by=uow.clerk,
            )
        )
        # and the committee's credit decision, as `mediate credit report` records it
        uow.record(
            "credit_report",
            case.id,
            None,
            {
                "basis": "《征信业管理条例》第四十四条",
                "enterprises": ["焦作市宏远置业有限公司"],
                "reported_on": (today - dt.timedelta(days=4)).isoformat(),
            },
        )
    session.add_all(parties)
    session.flush()
    return case


def demo_documents(engine: Any, directory: Path, clerk: str, today: dt.date) -> DemoDocuments:
    """`mediate demo`: every kind of document, for the demo's settled, confirmed, failed
    and credit cases (sample cases are added for the kinds they do not cover)."""
    out = directory / "documents"
    added = 0
    with UnitOfWork(engine, clerk) as uow:
        chosen = _demo_choice(uow, today)
        if len(chosen) < len(KINDS):
            added = _demo_samples(uow, today, set(KINDS) - set(chosen))
            uow.commit()
            chosen = _demo_choice(uow, today)
    files = []
    for kind, case_id in chosen.items():
        with UnitOfWork(engine, clerk) as uow:
            # the demo replaces its own directory's database, and with it these documents
            done = render_document(
                uow, kind, case_id, out, today, credit=DEMO_CREDIT, overwrite=True
            )
            files.append(done.path)
    return DemoDocuments(files, chosen, added)
