"""Documents: a batch of 司法确认申请书 through `render_batch` (prepared template, both cores)
against the plain docxtpl load-render-save loop (`docxtpl_loop`) over the same contexts.

The contexts are built by `documents.context.build_context` from generated settled cases
(parties, mediation body, agreement terms, confirmation court), as `doc batch` builds them
from the store. Both paths must produce the same text: the first and last documents of
each are compared, and a difference is reported in the note.

Figure: documents per second of wall time (the point is to use both cores, so CPU time
would not show it). Goal: ≥ 10× the docxtpl loop.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
import zipfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from benchmarks.core import Measure, Missing, Size, at_least
from benchmarks.generate import Generator, GenParty, Referral

GOAL = 10.0
KIND = "application"
TODAY = dt.date(2026, 11, 25)
WORKERS = 2
_TAG = re.compile(r"<[^>]+>")


def _party(p: GenParty, role: str, position: int) -> SimpleNamespace:
    entity = p.kind != "person"
    return SimpleNamespace(
        position=position,
        role=role,
        kind=p.kind,
        name=p.name,
        id_number=p.id_number,
        sex=None,
        birth_date=None,
        ethnicity=None if entity else "汉族",
        occupation=None if entity else "职员",
        address=p.address,
        phone=p.phone,
        email=None,
        service_address=None,
        backup_address=None,
        legal_rep="张建国" if entity else None,
        legal_rep_title="总经理" if entity else None,
        industry=p.industry,
        agent=None,
    )


def records_for(referral: Referral, case_id: int) -> Any:
    """The records `build_context` draws on, for a generated case settled by agreement."""
    from mediate.documents.context import CaseRecords

    settled = referral.received_on + dt.timedelta(days=20)
    amount = referral.amount
    terms = [
        f"被申请人于{settled + dt.timedelta(days=30):%Y年%m月%d日}前向申请人支付"
        f"{amount or 5000}元；",
        "申请人放弃其他请求；",
        "本协议经双方签字后生效，双方无其他争议。",
    ]
    parties = [_party(p, "applicant", i) for i, p in enumerate(referral.applicants)]
    offset = len(parties)
    parties += [_party(p, "respondent", offset + i) for i, p in enumerate(referral.respondents)]
    return CaseRecords(
        case=SimpleNamespace(
            id=case_id,
            court_case_no=referral.case_no,
            cause=referral.cause,
            amount=amount,
            source=referral.source,
            referring_court=referral.court,
            received_on=referral.received_on,
            facts=referral.facts,
        ),
        parties=parties,
        org=SimpleNamespace(
            id=f"jz-{referral.county}-county-center",
            name=f"{referral.court}诉调对接中心",
            kind="county_center",
            address="焦作市",
            phone="0391-3560000",
        ),
        outcome=SimpleNamespace(
            result="settled",
            decided_on=settled,
            terms="\n".join(terms),
            amount=amount,
            performance="银行转账",
            perform_by=settled + dt.timedelta(days=30),
            effective_on=settled,
            reason=None,
            follow_up=None,
        ),
        confirmation=SimpleNamespace(
            court=referral.court, apply_by=settled + dt.timedelta(days=30), status="drafted"
        ),
        mediator=SimpleNamespace(name="李调解", type="people", phone="13900000000"),
    )


def contexts(count: int) -> list[dict[str, Any]]:
    from mediate.documents.context import build_context
    from mediate.documents.kinds import KINDS

    kind = KINDS[KIND]
    return [
        build_context(kind, records_for(referral, i + 1), TODAY)
        for i, referral in enumerate(Generator().referrals(count))
    ]


def document_text(path: Path) -> str:
    """The document body's text, tags stripped (what a reader sees, not the zip bytes)."""
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    return _TAG.sub("", xml.replace("</w:p>", "\n"))


def run(size: Size, work: Path) -> list[Measure]:
    try:
        from mediate.documents.render import docxtpl_loop, render_batch
    except ImportError as exc:
        raise Missing(f"mediate.documents.render is not available: {exc}") from exc
    batch_contexts = contexts(size.documents)
    start = time.perf_counter()
    ours = render_batch(KIND, batch_contexts, work / "batch", workers=WORKERS)
    ours_s = time.perf_counter() - start
    start = time.perf_counter()
    one_core = render_batch(KIND, batch_contexts, work / "batch-1", workers=1)
    one_core_s = time.perf_counter() - start
    start = time.perf_counter()
    plain = docxtpl_loop(KIND, batch_contexts, work / "docxtpl")
    plain_s = time.perf_counter() - start
    differ = [
        str(i) for i in {0, len(ours) - 1} if document_text(ours[i]) != document_text(plain[i])
    ]
    ours_rate, plain_rate = len(ours) / ours_s, len(plain) / plain_s
    ratio = ours_rate / plain_rate
    return [
        Measure(
            f"documents: {len(ours)} 司法确认申请书, {WORKERS} workers",
            figure=ours_rate,
            unit="docs/s",
            baseline=plain_rate,
            baseline_label="docxtpl loop",
            ratio=ratio,
            goal=f"≥ {GOAL:g}× baseline",
            passed=at_least(ratio, GOAL),
            note=f"text differs from docxtpl in documents {', '.join(differ)}" if differ else "",
            extra={"cpus": os.cpu_count()},
        ),
        Measure(
            "documents: the same batch on 1 worker (prepared template alone)",
            figure=len(one_core) / one_core_s,
            unit="docs/s",
            baseline=plain_rate,
            baseline_label="docxtpl loop",
            ratio=len(one_core) / one_core_s / plain_rate,
            goal="— (for reference)",
        ),
    ]
