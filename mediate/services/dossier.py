"""The case dossier (卷宗) for archiving — `mediate case dossier`, `mediate export dossiers`.

人民调解法 art. 27: 人民调解员应当记录调解情况。人民调解委员会应当建立调解工作档案，将调解
登记、调解工作记录、调解协议书等材料立卷归档. Seed item 18: confirmed cases are archived to
the province's 基层工作管理系统. A dossier is made for a closed case (settled, failed,
withdrawn): one Word file in archive order — cover, 卷内目录, then the papers
(`ARCHIVE_ORDER`) — every paper also as its own file, and `manifest.json` listing each
file with its sha256 for upload (layout: docs/dossier.md).

A paper the body issued (a DocumentRow whose file is still there with its recorded hash)
goes in as issued; otherwise it is rendered from the case's records, dated on the day it
belongs to. Session records (调解笔录), the court's ruling data and the performance and
return-visit records are printed from the recorded rows. Everything is written under a
temporary directory beside the target and moved into place at the end: a failure leaves
nothing half-written.

The retention period (保管期限) is never assumed: no national or Henan rule fixing it for
people's-mediation dossiers was found (档案法 art. 21 and 档案法实施条例 art. 19 leave the
periods to the archives authorities and each body's approved schedule); it is the
`dossier_retention` setting or `--retention`, else a blank on the cover to fill in.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jinja2 import TemplateError
from sqlmodel import col, select

from mediate import clock
from mediate.documents import dossier as composing
from mediate.documents.chinese import amount_figures, date_cn
from mediate.documents.context import (
    BLANK,
    CaseRecords,
    build_context,
    eligibility_problem,
    party_context,
    records_paper_title,
    records_wording,
)
from mediate.documents.kinds import KINDS, DocumentKind
from mediate.documents.render import file_sha256, prepared, safe_filename
from mediate.documents.sandbox import template_message
from mediate.domain.events import HELD
from mediate.domain.status import CLOSED_STATUSES, status_label
from mediate.errors import MediateError, ValidationError
from mediate.files import os_reason, refuse_existing
from mediate.i18n import _
from mediate.services import access
from mediate.services.casestore import CHINA, load_case
from mediate.services.documents import attach_credit_reports, choose_template, load_records
from mediate.store.tables import (
    CaseRow,
    DocumentRow,
    MediationSessionRow,
    MediatorRow,
    PerformanceEventRow,
)
from mediate.store.uow import UnitOfWork

LAYOUT = "mediate-dossier/1"
MANIFEST = "manifest.json"
PAPERS = "papers"

# 人民调解法 art. 27 (登记、工作记录、协议书), then confirmation (CPL arts. 205-206),
# performance (人民调解法 art. 31) and the closing papers. Kinds another part of the tool
# may not define yet (registration, notice) are taken when they exist.
ARCHIVE_ORDER = (
    "registration",
    "service_address",
    "notice",
    "session_record",
    "agreement",
    "application",
    "ruling",
    "performance",
    "court_report",
    "return_letter",
    "termination",
    "credit_notice",
)

# Forms the parties fill in: archived when the body issued one, never printed blank here.
ISSUED_ONLY = frozenset({"service_address"})
DOSSIER_KIND = DocumentKind("dossier", "卷宗", "dossier.docx", ())
_RECORD_TEMPLATE = "record.docx"
_RECORD_TITLES = {
    "session_record": "调解笔录",
    "ruling": "司法确认情况",
    "performance": "协议履行情况及回访记录",
}
_RESULTS = {"settled": "调解成功", "failed": "调解不成", "withdrawn": "当事人撤回调解申请"}
_CONFIRMATIONS = {
    "drafted": "已制作司法确认申请书",
    "filed": "已向人民法院申请司法确认",
    "confirmed": "人民法院裁定调解协议有效",
    "dismissed": "人民法院裁定驳回申请",
    "not_accepted": "人民法院不予受理",
}
# 民诉法解释 art. 358 (一)-(六): why a court dismissed an application
_DISMISSAL_GROUNDS = {
    "mandatory_law": "违反法律强制性规定",
    "harms_interests": "损害国家利益、社会公共利益、他人合法权益",
    "public_order": "违背公序良俗",
    "not_voluntary": "违反自愿原则",
    "unclear": "内容不明确",
    "other": "其他不能进行司法确认的情形",
}
_PERFORMANCE = {
    "done": "履行完毕",
    "partial": "部分履行",
    "none": "未履行",
    "visit": "回访",
    "enforcement": "申请强制执行",
}
# The notes the tool writes itself (domain/performance.AutoNote), as the dossier words them.
_AUTO_NOTES = {"instalments": "分期履行，累计已达协议金额"}


@dataclass
class Paper:
    """One paper of the dossier: its rendered .docx bytes and where they came from."""

    kind: str
    title: str
    day: dt.date | None
    data: bytes
    source: str  # issued | rendered | record
    attachment: Path | None = None  # a stored file (调解笔录) kept beside the dossier


@dataclass
class DossierResult:
    case_id: int
    directory: Path
    dossier: Path
    sha256: str
    manifest: Path
    pdf: Path | None
    documents: int
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "case": self.case_id,
            "directory": str(self.directory),
            "dossier": str(self.dossier),
            "sha256": self.sha256,
            "manifest": str(self.manifest),
            "pdf": str(self.pdf) if self.pdf else None,
            "documents": self.documents,
            "warnings": self.warnings,
        }


@dataclass
class _Case:
    """What a dossier is made of, read in one unit of work."""

    records: CaseRecords
    sessions: list[MediationSessionRow]
    performance: list[PerformanceEventRow]
    issued: dict[str, list[DocumentRow]]  # kind -> every issued file still intact
    mediators: dict[int, MediatorRow]


RETENTION_MAX = 20  # characters: 永久, 长期, 定期30年, 30年 … fit a line of the cover


def retention_period(value: object, where: str) -> str | None:
    """The retention period as given (a setting or --retention), or None: printed as is on
    the cover, so one short line of text."""
    text = str(value or "").strip()
    if not text:
        return None
    if len(text) > RETENTION_MAX or any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise ValidationError(
            _(
                "{value!r} is not a retention period: one line of at most {n} characters, "
                "e.g. 永久 or 定期30年."
            ).format(value=text[:40], n=RETENTION_MAX),
            where=where,
        )
    return text


def dossier_number(case: CaseRow) -> str:
    """（2026）卷字第12号: the year the case closed and its id — the tool's own numbering,
    unique in the database (no provincial format for it was found)."""
    year = (case.closed_on or case.received_on).year
    return f"（{year}）卷字第{case.id}号"


def _read(uow: UnitOfWork, case_id: int) -> _Case:
    case = load_case(uow, case_id, change=False)
    if case.status not in CLOSED_STATUSES:
        raise ValidationError(
            _(
                "Case {id} is {status}: a dossier is made for a closed case (settled, failed "
                "or withdrawn)."
            ).format(id=case_id, status=status_label(case.status))
        )
    found = load_records(uow, [case_id])
    attach_credit_reports(uow, found)
    session = uow.session
    sessions = list(
        session.exec(
            select(MediationSessionRow)
            .where(MediationSessionRow.case_id == case_id)
            .where(MediationSessionRow.status == HELD)
            .order_by(col(MediationSessionRow.starts_at), col(MediationSessionRow.id))
        )
    )
    events = list(
        session.exec(
            select(PerformanceEventRow)
            .where(PerformanceEventRow.case_id == case_id)
            .order_by(col(PerformanceEventRow.on), col(PerformanceEventRow.id))
        )
    )
    ids = {s.mediator_id for s in sessions if s.mediator_id}
    mediators = (
        {
            m.id: m
            for m in session.exec(select(MediatorRow).where(col(MediatorRow.id).in_(ids)))
            if m.id is not None
        }
        if ids
        else {}
    )
    return _Case(found[case_id], sessions, events, _issued(uow, case_id), mediators)


def _issued(uow: UnitOfWork, case_id: int) -> dict[str, list[DocumentRow]]:
    """The issued documents of each kind whose file is still there, unchanged, oldest first."""
    rows = uow.session.exec(
        select(DocumentRow).where(DocumentRow.case_id == case_id).order_by(col(DocumentRow.id))
    )
    issued: dict[str, list[DocumentRow]] = {}
    for row in rows:
        path = Path(row.path)
        try:
            intact = path.is_file() and file_sha256(path) == row.sha256
        except OSError:  # unreadable: rendered again from the records instead
            intact = False
        if intact:
            issued.setdefault(row.kind, []).append(row)
    return issued


def _render(
    kind: DocumentKind,
    records: CaseRecords,
    day: dt.date,
    templates_dir: Path | None,
    extra: dict[str, Any] | None = None,
) -> bytes:
    choice = choose_template(kind, templates_dir)
    context = build_context(kind, records, day)
    context.update(extra or {})
    try:
        return prepared(choice.path).render_bytes(context)
    except TemplateError as exc:
        raise MediateError(template_message(choice.path, exc)) from exc


def _record_paper(
    kind: str,
    title: str,
    records: CaseRecords,
    day: dt.date,
    templates_dir: Path | None,
    items: list[tuple[str, str]],
    paragraphs: Sequence[str] = (),
    attachment: Path | None = None,
) -> Paper:
    template_kind = DocumentKind("record", title, _RECORD_TEMPLATE, ())
    record = {
        "title": title,
        "subtitle": _case_label(records.case),
        "fields": [{"label": label, "text": text or BLANK} for label, text in items],
        "paragraphs": [p for p in paragraphs if p.strip()],
    }
    data = _render(template_kind, records, day, templates_dir, {"record": record})
    return Paper(kind, title, day, data, "record", attachment)


def _case_label(case: CaseRow) -> str:
    return str(case.court_case_no or dossier_number(case))


def _day_of(kind: str, records: CaseRecords) -> dt.date | None:
    outcome, confirmation, case = records.outcome, records.confirmation, records.case
    decided = getattr(outcome, "decided_on", None)
    if kind in ("registration", "service_address", "notice"):
        return case.received_on  # type: ignore[no-any-return]
    if kind == "application":
        return (
            getattr(confirmation, "drafted_on", None)  # printed on it (migration 0021)
            or getattr(confirmation, "filed_on", None)
            or getattr(outcome, "effective_on", None)
        )
    if kind in ("court_report", "return_letter"):
        return getattr(outcome, "handed_back_on", None) or decided
    return decided


def _document_paper(
    kind_id: str,
    parts: _Case,
    templates_dir: Path | None,
    today: dt.date,
    left_out: list[dict[str, str]],
) -> Paper | None:
    kind = KINDS.get(kind_id)
    if kind is None or eligibility_problem(kind, parts.records) is not None:
        return None
    day = _day_of(kind_id, parts.records)
    title = records_paper_title(kind, parts.records)
    issued = parts.issued.get(kind_id)
    if issued:  # the latest one the body issued
        return Paper(kind_id, title, day, Path(issued[-1].path).read_bytes(), "issued")
    if kind_id in ISSUED_ONLY:
        return None
    try:
        data = _render(kind, parts.records, day or today, templates_dir)
    except MediateError as exc:  # e.g. a field the paper needs was never recorded
        left_out.append({"kind": kind_id, "title": title, "reason": str(exc)})
        return None
    return Paper(kind_id, title, day, data, "rendered")


def _session_papers(
    parts: _Case, templates_dir: Path | None, left_out: list[dict[str, str]]
) -> list[Paper]:
    """调解笔录 (人民调解法 art. 27: the mediator records the mediation), one per session held;
    an attached record file goes beside the dossier as recorded (its sha256)."""
    parties = sorted(parts.records.parties, key=lambda p: p.position)

    def names(numbers: Sequence[int]) -> str:
        return "、".join(parties[n - 1].name for n in numbers if 0 < n <= len(parties))

    papers = []
    for row in parts.sessions:
        at = row.starts_at.astimezone(CHINA)
        attachment = recorded_file(row)
        items = [
            ("时　　间", f"{date_cn(at.date())}{at.hour}时{at.minute:02d}分"),
            ("地　　点", "线上调解" if row.online else (row.place or "")),
            ("调 解 员", getattr(parts.mediators.get(row.mediator_id or 0), "name", "")),
            ("应到当事人", names(row.summoned)),
            ("到场当事人", names(row.attended)),
        ]
        title = _RECORD_TITLES["session_record"]
        if row.record_file:
            name = Path(row.record_file).name
            if attachment is None:
                note = f"{name}（已更改或缺失，与登记的SHA-256不符，未归入本卷）"
                reason = _("the attached record {name} was changed or is missing").format(name=name)
                left_out.append({"kind": "session_record_file", "title": title, "reason": reason})
            else:
                note = f"{name}（另附电子文件，SHA-256：{file_sha256(attachment)}）"
            items.append(("笔录原件", note))
        papers.append(
            _record_paper(
                "session_record",
                title,
                parts.records,
                at.date(),
                templates_dir,
                items,
                (row.record or "").splitlines(),
                attachment,
            )
        )
    return papers


def recorded_file(row: MediationSessionRow) -> Path | None:
    """The attached record as it was recorded: the original or the kept copy, whichever
    still has the recorded sha256 (a record from before hashes were kept: the original)."""
    candidates = [Path(c) for c in (row.record_file, row.record_copy) if c]
    present = [c for c in candidates if c.is_file()]
    if not row.record_sha256:
        return present[0] if present else None
    return next((c for c in present if file_sha256(c) == row.record_sha256), None)


def _notice_papers(
    parts: _Case, templates_dir: Path | None, left_out: list[dict[str, str]]
) -> list[Paper]:
    """调解通知书: the ones the body issued, else one per session held, dated the day the
    session was scheduled."""
    kind = KINDS.get("notice")
    if kind is None:
        return []
    issued = parts.issued.get(kind.id, [])
    if issued:
        return [
            Paper(
                kind.id,
                kind.title,
                row.created_at.astimezone(CHINA).date(),
                Path(row.path).read_bytes(),
                "issued",
            )
            for row in issued
        ]
    papers = []
    for row in parts.sessions:
        records = replace(
            parts.records, session=row, session_mediator=parts.mediators.get(row.mediator_id or 0)
        )
        day = row.created_at.astimezone(CHINA).date()
        try:
            data = _render(kind, records, day, templates_dir)
        except MediateError as exc:
            left_out.append({"kind": kind.id, "title": kind.title, "reason": str(exc)})
            continue
        papers.append(Paper(kind.id, kind.title, day, data, "rendered"))
    return papers


def _ruling_paper(parts: _Case, templates_dir: Path | None) -> Paper | None:
    """The judicial confirmation: application and the court's ruling (CPL arts. 205-206)."""
    row = parts.records.confirmation
    if row is None:
        return None
    grounds = "；".join(_DISMISSAL_GROUNDS.get(g, g) for g in row.ruling_grounds or [])
    items = [
        ("申请法院", row.court),
        ("申请期限", date_cn(row.apply_by)),
        # the date printed on the application (migration 0021; unknown for older ones)
        ("申请书落款日期", date_cn(row.drafted_on) if getattr(row, "drafted_on", None) else ""),
        ("申请日期", date_cn(row.filed_on) if row.filed_on else ""),
        ("法院案号", row.court_case_no or ""),
        ("确认结果", _CONFIRMATIONS.get(row.status, row.status)),
        ("裁定日期", date_cn(row.decided_on) if row.decided_on else ""),
    ]
    if grounds:
        items.append(("裁定理由", grounds))
    day = row.decided_on or row.filed_on or row.apply_by
    return _record_paper(
        "ruling",
        _RECORD_TITLES["ruling"],
        parts.records,
        day,
        templates_dir,
        items,
        [row.note or ""],
    )


def _performance_paper(parts: _Case, templates_dir: Path | None) -> Paper | None:
    """Performance of the agreement and return visits (人民调解法 art. 31)."""
    if not parts.performance:
        return None
    outcome = parts.records.outcome
    amount = getattr(outcome, "amount", None)
    perform_by = getattr(outcome, "perform_by", None)
    items = [
        ("协议金额", f"人民币{amount_figures(amount)}元" if amount is not None else ""),
        ("履行期限", date_cn(perform_by) if perform_by else ""),
    ]
    lines = []
    for event in parts.performance:
        text = f"{date_cn(event.on)}，{_PERFORMANCE.get(event.kind, event.kind)}"
        if event.amount is not None:
            text += f"，金额人民币{amount_figures(event.amount)}元"
        if event.by:
            text += f"（{'回访人' if event.kind == 'visit' else '经办'}：{event.by}）"
        note = event.note or _AUTO_NOTES.get(event.note_code or "", event.note_code)
        if note:
            text += f"：{note}"
        lines.append(text + "。")
    last = parts.performance[-1].on
    return _record_paper(
        "performance",
        _RECORD_TITLES["performance"],
        parts.records,
        last,
        templates_dir,
        items,
        lines,
    )


def collect_papers(
    parts: _Case, templates_dir: Path | None, today: dt.date
) -> tuple[list[Paper], list[dict[str, str]]]:
    """The papers in archive order, and those left out with the reason."""
    left_out: list[dict[str, str]] = []
    papers: list[Paper] = []
    for kind in ARCHIVE_ORDER:
        if kind == "session_record":
            papers += _session_papers(parts, templates_dir, left_out)
            continue
        if kind == "notice":
            papers += _notice_papers(parts, templates_dir, left_out)
            continue
        if kind == "ruling":
            paper = _ruling_paper(parts, templates_dir)
        elif kind == "performance":
            paper = _performance_paper(parts, templates_dir)
        else:
            paper = _document_paper(kind, parts, templates_dir, today, left_out)
        if paper is not None:
            papers.append(paper)
    return papers, left_out


def _cover_values(
    parts: _Case, title: str, retention: str | None, pages: int | None, clerk: str
) -> dict[str, Any]:
    case, records = parts.records.case, parts.records
    parties = sorted(records.parties, key=lambda p: p.position)
    by_role: dict[str, list[str]] = {}
    for party in parties:
        by_role.setdefault(party_context(party)["role_label"], []).append(party.name)
    result = _RESULTS.get(case.status, case.status)
    if records.confirmation is not None:
        result += "；" + _CONFIRMATIONS.get(records.confirmation.status, "")
        if records.confirmation.court_case_no:
            result += f"，{records.confirmation.court_case_no}"
    return {
        "title": title,
        "number": dossier_number(case),
        "parties": "；".join(f"{role}{'、'.join(names)}" for role, names in by_role.items()),
        "closed_on": date_cn(case.closed_on) if case.closed_on else BLANK,
        "result": result,
        "retention": retention or BLANK,
        "pages": f"共{pages}页" if pages else BLANK,
        "filed_by": clerk,
        "page_note": (
            ""
            if pages
            else "页号为域代码（PAGEREF），由文字处理软件按版面计算；显示为空时请更新域"
            "（Word、WPS：全选后按F9）。"
        ),
    }


@dataclass
class _Written:
    papers: list[Path]
    attachments: dict[int, Path]


def _write_papers(papers: list[Paper], folder: Path) -> _Written:
    folder.mkdir(parents=True)
    written = _Written([], {})
    for number, paper in enumerate(papers, start=1):
        path = folder / safe_filename(f"{number:02d}", paper.title)
        path.write_bytes(paper.data)
        written.papers.append(path)
        if paper.attachment is not None and paper.attachment.is_file():
            copy = folder / safe_filename(
                f"{number:02d}", paper.title, "原件", suffix=paper.attachment.suffix
            )
            shutil.copyfile(paper.attachment, copy)
            written.attachments[number] = copy
    return written


def _paper_blocks(
    paper: Paper, file_name: str, parts: _Case, templates_dir: Path | None
) -> list[Any]:
    blocks = composing.paper_body(paper.data)
    if blocks is not None:
        return blocks
    # pictures or links of its own: the paper stays a separate file, named in the dossier
    note = _record_paper(
        paper.kind,
        paper.title,
        parts.records,
        paper.day or clock.today(),
        templates_dir,
        [],
        [f"{paper.title}含图片或链接，未并入本卷正文，见电子文件{file_name}。"],
    )
    return composing.paper_body(note.data) or []


def _build(
    parts: _Case,
    papers: list[Paper],
    target: Path,
    name: str,
    *,
    title: str,
    retention: str | None,
    pdf: bool,
    templates_dir: Path | None,
    clerk: str,
    today: dt.date,
) -> tuple[Path, Path | None, dict[str, Any]]:
    """Write the dossier into `target` (a fresh directory): papers, the Word file, PDFs
    with --pdf, and the manifest (returned)."""
    written = _write_papers(papers, target / PAPERS)
    blocks = [
        _paper_blocks(p, path.name, parts, templates_dir)
        for p, path in zip(papers, written.papers, strict=True)
    ]
    spans: list[tuple[int, int]] | None = None
    paper_pdfs: list[Path] = []
    if pdf:
        from mediate.documents.pdf import convert_to_pdf

        paper_pdfs = convert_to_pdf(written.papers, target / PAPERS)
        spans = composing.start_pages([composing.pdf_pages(p) for p in paper_pdfs])
    total = spans[-1][1] if spans else None
    rows = [
        {
            "number": number,
            "title": paper.title,
            "date": paper.day.strftime("%Y%m%d") if paper.day else "",
            "bookmark": composing.bookmark(number),
            "page": str(spans[number - 1][0]) if spans else "",
            "note": "",
        }
        for number, paper in enumerate(papers, start=1)
    ]
    cover = _render(
        DOSSIER_KIND,
        parts.records,
        today,
        templates_dir,
        {
            "title": title,
            "dossier": _cover_values(parts, title, retention, total, clerk),
            "papers": rows,
        },
    )
    dossier = target / f"{name}.docx"
    dossier.write_bytes(composing.compose(cover, blocks, update_fields=spans is None))
    dossier_pdf = None
    if pdf:
        from mediate.documents.pdf import convert_to_pdf

        (dossier_pdf,) = convert_to_pdf([dossier], target)
    manifest = _manifest(
        parts, papers, written, paper_pdfs, spans, target, dossier, dossier_pdf, title, retention
    )
    return dossier, dossier_pdf, manifest


def _file(path: Path, root: Path) -> dict[str, str]:
    return {"file": path.relative_to(root).as_posix(), "sha256": file_sha256(path)}


def _manifest(
    parts: _Case,
    papers: list[Paper],
    written: _Written,
    paper_pdfs: list[Path],
    spans: list[tuple[int, int]] | None,
    root: Path,
    dossier: Path,
    dossier_pdf: Path | None,
    title: str,
    retention: str | None,
) -> dict[str, Any]:
    case = parts.records.case
    documents: list[dict[str, Any]] = []
    for number, (paper, path) in enumerate(zip(papers, written.papers, strict=True), start=1):
        entry: dict[str, Any] = {
            "number": number,
            "kind": paper.kind,
            "title": paper.title,
            "date": paper.day.isoformat() if paper.day else None,
            "source": paper.source,
            **_file(path, root),
            "pages": (
                {"first": spans[number - 1][0], "last": spans[number - 1][1]} if spans else None
            ),
            "pdf": _file(paper_pdfs[number - 1], root) if paper_pdfs else None,
        }
        documents.append(entry)
        if number in written.attachments:
            documents.append(
                {
                    "number": number,
                    "kind": f"{paper.kind}_file",
                    "title": f"{paper.title}（原件）",
                    "date": entry["date"],
                    "source": "attached",
                    **_file(written.attachments[number], root),
                    "pages": None,
                    "pdf": None,
                }
            )
    org = parts.records.org
    return {
        "layout": LAYOUT,
        "case": case.id,
        "dossier_no": dossier_number(case),
        "title": title,
        "org": {"id": getattr(org, "id", None), "name": getattr(org, "name", None)},
        "court_case_no": case.court_case_no,
        "cause": case.cause,
        "received_on": case.received_on.isoformat(),
        "closed_on": case.closed_on.isoformat() if case.closed_on else None,
        "status": case.status,
        "retention": retention,
        "generated_at": clock.now().isoformat(timespec="seconds"),
        "page_numbers": "pdf" if spans else "word_fields",
        "dossier": {
            **_file(dossier, root),
            "pages": spans[-1][1] if spans else None,
            "pdf": _file(dossier_pdf, root) if dossier_pdf else None,
        },
        "documents": documents,
    }


def _dossier_title(parts: _Case) -> str:
    """人民调解卷宗 for a people's mediation committee, 特邀调解卷宗 / 调解卷宗 otherwise."""
    return f"{records_wording(parts.records).mediation_name}卷宗"


def _place(built: Path, final: Path) -> None:
    """Move a finished dossier directory into place, replacing an older one whole."""
    old = None
    if final.exists():
        old = final.with_name(f".old-{final.name}-{os.getpid()}")
        os.replace(final, old)
    os.replace(built, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@dataclass
class DossierOptions:
    retention: str | None = None
    pdf: bool = False
    templates_dir: Path | None = None
    overwrite: bool = False  # --force: replace a dossier of the case already written there


def _make(
    uow: UnitOfWork, parts: _Case, staging: Path, options: DossierOptions, today: dt.date
) -> tuple[Path, DossierResult]:
    """One dossier built under `staging`; returns where it is and its result. A file that
    cannot be read or written (an issued paper, a disk full) is an error naming it."""
    try:
        return _make_files(uow, parts, staging, options, today)
    except OSError as exc:
        raise MediateError(
            _("case {case}: the dossier cannot be written: {path}: {error}").format(
                case=parts.records.case.id, path=exc.filename or staging, error=os_reason(exc)
            )
        ) from exc


def _make_files(
    uow: UnitOfWork, parts: _Case, staging: Path, options: DossierOptions, today: dt.date
) -> tuple[Path, DossierResult]:
    case_id = parts.records.case.id
    assert case_id is not None
    papers, left_out = collect_papers(parts, options.templates_dir, today)
    title = _dossier_title(parts)
    name = dossier_name(parts)
    built = staging / name
    built.mkdir(parents=True)
    dossier, dossier_pdf, manifest = _build(
        parts,
        papers,
        built,
        name,
        title=title,
        retention=options.retention,
        pdf=options.pdf,
        templates_dir=options.templates_dir,
        clerk=uow.clerk,
        today=today,
    )
    warnings = [
        _("{title} is not in the dossier: {why}").format(title=item["title"], why=item["reason"])
        for item in left_out
    ]
    if not options.retention:
        warnings.append(
            _(
                "case {case}: the retention period (保管期限) is left blank on the cover: no "
                "rule fixing it was verified; set `dossier_retention` or give --retention."
            ).format(case=case_id)
        )
    manifest["not_included"] = left_out
    (built / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    sha = manifest["dossier"]["sha256"]
    uow.record(
        "dossier",
        case_id,
        None,
        {"dossier": dossier.name, "sha256": sha, "documents": len(manifest["documents"])},
    )
    result = DossierResult(
        case_id, built, dossier, sha, built / MANIFEST, dossier_pdf, len(papers), warnings
    )
    return built, result


def dossier_name(parts: _Case) -> str:
    """`12-人民调解卷宗-王芳`: the case id, the dossier's title, the first party."""
    parties = parts.records.parties
    first = min(parties, key=lambda p: p.position).name if parties else ""
    return safe_filename(parts.records.case.id, _dossier_title(parts), first, suffix="")


def _staging(out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=".partial-dossier-", dir=out_dir))


def _moved(result: DossierResult, final: Path) -> DossierResult:
    def moved(path: Path) -> Path:
        return final / path.relative_to(result.directory)

    return DossierResult(
        result.case_id,
        final,
        moved(result.dossier),
        result.sha256,
        moved(result.manifest),
        moved(result.pdf) if result.pdf else None,
        result.documents,
        result.warnings,
    )


def make_dossier(
    uow: UnitOfWork, case_id: int, out_dir: Path, options: DossierOptions, today: dt.date
) -> DossierResult:
    """`mediate case dossier ID -o DIR`: DIR/<id>-<title>-<first party>/."""
    parts = _read(uow, case_id)  # a wrong case is refused before anything is written
    refuse_existing(out_dir / dossier_name(parts), options.overwrite, "--out")
    staging = _staging(out_dir)
    try:
        built, result = _make(uow, parts, staging, options, today)
        final = out_dir / built.name
        _place(built, final)
        uow.commit()
        return _moved(result, final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@dataclass
class ExportResult:
    written: list[DossierResult] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)
    index: Path | None = None


def closed_case_ids(uow: UnitOfWork, start: dt.date, end: dt.date) -> list[int]:
    """Cases closed (settled, failed, withdrawn) between start and end, both included, that
    the acting clerk may see."""
    statement = (
        select(CaseRow.id)
        .where(col(CaseRow.status).in_([s.value for s in CLOSED_STATUSES]))
        .where(col(CaseRow.closed_on) >= start, col(CaseRow.closed_on) <= end)
    )
    statement = access.restrict_cases(uow, statement).order_by(col(CaseRow.id))
    return [int(i) for i in uow.session.exec(statement).all() if i is not None]


def export_dossiers(
    uow: UnitOfWork,
    period: Any,  # reports.periods.Period
    out_dir: Path,
    options: DossierOptions,
    today: dt.date,
    progress: Callable[[int], Callable[[int], None]] | None = None,
) -> ExportResult:
    """A dossier for every case closed in the period. A case that fails is reported with
    its id and the others are still written; nothing appears in `out_dir` until every
    case was tried, and an interruption leaves nothing behind."""
    refuse_existing(_index_path(out_dir, period), options.overwrite, "--out")
    case_ids = closed_case_ids(uow, period.start, period.end)
    advance = progress(len(case_ids)) if progress else None
    result = ExportResult()
    staging = _staging(out_dir)
    try:
        built: list[tuple[Path, DossierResult]] = []
        for case_id in case_ids:
            try:
                parts = _read(uow, case_id)
                refuse_existing(out_dir / dossier_name(parts), options.overwrite, "--out")
                built.append(_make(uow, parts, staging, options, today))
            except MediateError as exc:
                result.failed.append((case_id, str(exc)))
                for partial in staging.glob(f"{case_id}-*"):
                    shutil.rmtree(partial, ignore_errors=True)
            if advance:
                advance(1)
        for directory, one in built:
            final = out_dir / directory.name
            _place(directory, final)
            result.written.append(_moved(one, final))
        result.index = _write_index(out_dir, period, result)
        uow.commit()
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result


def _index_path(out_dir: Path, period: Any) -> Path:
    return out_dir / safe_filename("dossiers", period.label, suffix=".json")


def _write_index(out_dir: Path, period: Any, result: ExportResult) -> Path:
    """dossiers-<period>.json: every dossier of the export, its manifest and hash."""
    index = _index_path(out_dir, period)
    body = {
        "layout": LAYOUT,
        "period": period.as_json() if hasattr(period, "as_json") else period.label,
        "generated_at": clock.now().isoformat(timespec="seconds"),
        "dossiers": [
            {
                "case": one.case_id,
                "directory": one.directory.name,
                "dossier": one.dossier.relative_to(out_dir).as_posix(),
                "sha256": one.sha256,
                "manifest": one.manifest.relative_to(out_dir).as_posix(),
            }
            for one in result.written
        ],
        "failed": [{"case": case_id, "error": error} for case_id, error in result.failed],
    }
    from mediate.files import write_atomically

    write_atomically(index, (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode())
    return index
