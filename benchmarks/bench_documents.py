"""Documents: the renderer against plain docxtpl, when the worker pool pays, and the fixed
and per-document cost of `mediate doc batch`.

1. Render: a batch of 司法确认申请书 through `render_batch` (prepared template, processes as
   `documents.render.pool_workers` decides for this machine now) against the plain docxtpl
   load-render-save loop (`docxtpl_loop`) over the same contexts, built by
   `documents.context.build_context` from generated settled cases (parties, mediation body,
   agreement terms, confirmation court) as `doc batch` builds them from the store. Both
   paths must produce the same text: the first and last documents of each are compared,
   and a difference is reported in the note. Figure: documents per second of wall time.
   Goal: ≥ 10× the docxtpl loop.
2. The pool: for each batch size in POOL_SIZES, one process against a forked pool of two
   workers over the same prepared template and jobs, in pairs (the order alternating), the
   median of the per-pair wall-time ratios; and the pool's own CPU (the parent's and the
   workers' CPU less the single process's), which does not depend on what else runs on
   the machine. The 1-minute load average is kept with each size.
3. `mediate doc batch` end to end, as fresh processes on a database of settled cases: the
   fixed cost is a batch of one document (the child's user + system CPU, its workers
   included), paired with `python -c pass`; the cost per document is (batch of N − batch
   of 1) / (N − 1), against the CPU of rendering and writing alone (section 2's single
   process at its largest size): the rest is the store and the contexts.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import resource
import shutil
import statistics
import time
import zipfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from benchmarks.core import (
    Measure,
    Missing,
    Size,
    at_least,
    bench_env,
    mediate_argv,
    python,
    run_child,
)
from benchmarks.generate import Generator, GenParty, Referral

GOAL = 10.0
KIND = "application"
TODAY = dt.date(2026, 11, 25)
POOL_SIZES = {"tiny": (4,), "small": (20, 60), "full": (50, 100, 400, 1000)}
CLERK = "基准测试"
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
    ours = render_batch(KIND, batch_contexts, work / "batch", workers=None)
    ours_s = time.perf_counter() - start
    start = time.perf_counter()
    plain = docxtpl_loop(KIND, batch_contexts, work / "docxtpl")
    plain_s = time.perf_counter() - start
    differ = [
        str(i) for i in {0, len(ours) - 1} if document_text(ours[i]) != document_text(plain[i])
    ]
    ours_rate, plain_rate = len(ours) / ours_s, len(plain) / plain_s
    ratio = ours_rate / plain_rate
    measures = [
        Measure(
            f"documents: {len(ours)} 司法确认申请书, processes as the batch decides",
            figure=ours_rate,
            unit="docs/s",
            baseline=plain_rate,
            baseline_label="docxtpl loop",
            ratio=ratio,
            goal=f"≥ {GOAL:g}× baseline",
            passed=at_least(ratio, GOAL),
            note=f"text differs from docxtpl in documents {', '.join(differ)}" if differ else "",
            extra={"cpus": os.cpu_count(), "load_average": os.getloadavg()},
        )
    ]
    pools = [pool_measure(n, size.startup_repeats, work) for n in POOL_SIZES[size.name]]
    largest = max(POOL_SIZES[size.name])
    render_cpu = pools[-1].extra["one_process_cpu_seconds"] / largest
    return measures + pools + doc_batch_measures(size, work, render_cpu)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def pool_measure(count: int, pairs: int, work: Path) -> Measure:
    """One process against a forked pool of two workers on `count` documents (section 2)."""
    from mediate.documents import render

    template = render.prepared(render.bundled_template(KIND))
    batch = contexts(count)
    out = work / "pool"

    def once(workers: int) -> tuple[float, float]:
        shutil.rmtree(out, ignore_errors=True)
        jobs = [render.Job(i, c, out / f"{i}.docx") for i, c in enumerate(batch)]
        cpu, children, wall = time.process_time(), _children_cpu(), time.perf_counter()
        if workers == 1:
            for job in jobs:
                render.render_job(template, job)
        else:
            render._render_forked(template, jobs, workers, render._fork_context(), None)
        wall = time.perf_counter() - wall
        return wall, time.process_time() - cpu + _children_cpu() - children

    runs = []
    loads = []
    for pair in range(max(3, pairs)):
        first, second = (1, 2) if pair % 2 == 0 else (2, 1)
        result = {first: once(first), second: once(second)}
        runs.append((result[1], result[2]))
        loads.append(os.getloadavg()[0])
    speed_ups = [one[0] / two[0] for one, two in runs]
    one_wall = statistics.median(one[0] for one, _ in runs)
    two_wall = statistics.median(two[0] for _, two in runs)
    pool_cpu = statistics.median(two[1] - one[1] for one, two in runs)
    decided = render.pool_workers(count, None, render.usable_cpus(), True, render._busy_cores())
    return Measure(
        f"documents: pool of 2 workers against 1 process, {count} documents (wall)",
        figure=count / two_wall,
        unit="docs/s",
        baseline=count / one_wall,
        baseline_label="1 process",
        ratio=statistics.median(speed_ups),
        goal="— (where the pool pays)",
        note=(
            f"pool's own CPU {pool_cpu * 1000:+.0f} ms; load average "
            f"{min(loads):.1f}-{max(loads):.1f}; pool_workers now: {decided}"
        ),
        extra={
            "speed_ups": speed_ups,
            "pool_cpu_seconds": pool_cpu,
            "one_process_cpu_seconds": statistics.median(one[1] for one, _ in runs),
            "load_average": loads,
            "pool_workers_decided": decided,
        },
    )


def seed_settled_cases(url: str, count: int) -> None:
    """A database after `mediate init` holding `count` generated cases settled by agreement,
    with their mediator, outcome and confirmation court (what a 司法确认申请书 needs): the
    records of `records_for`, stored."""
    from sqlmodel import select

    from mediate.services.setup import initialise
    from mediate.store.engine import make_engine
    from mediate.store.tables import (
        CaseRow,
        ConfirmationRow,
        MediatorRow,
        OrgRow,
        OutcomeRow,
        PartyRow,
    )
    from mediate.store.uow import UnitOfWork

    engine = make_engine(url)
    try:
        initialise(engine, CLERK)
        with UnitOfWork(engine, CLERK) as uow:
            session = uow.session
            centers = select(OrgRow).where(OrgRow.kind == "county_center")
            by_county = {o.division_code[:6]: o for o in session.exec(centers)}
            for i, referral in enumerate(Generator().referrals(count)):
                records = records_for(referral, i + 1)
                org = by_county.get(referral.county) or next(iter(by_county.values()))
                mediator = MediatorRow(org_id=org.id, name=records.mediator.name, type="people")
                session.add(mediator)
                session.flush()
                case = CaseRow(
                    **{k: v for k, v in vars(records.case).items() if k != "id"},
                    location=referral.location,
                    county_code=referral.county,
                    status="settled",
                    org_id=org.id,
                    mediator_id=mediator.id,
                    closed_on=records.outcome.decided_on,
                    created_by=CLERK,
                )
                session.add(case)
                session.flush()
                assert case.id is not None
                session.add_all(PartyRow(case_id=case.id, **vars(p)) for p in records.parties)
                outcome = {k: v for k, v in vars(records.outcome).items() if k != "decided_on"}
                session.add(
                    OutcomeRow(
                        case_id=case.id,
                        decided_on=records.outcome.decided_on,
                        recorded_by=CLERK,
                        **outcome,
                    )
                )
                session.add(ConfirmationRow(case_id=case.id, **vars(records.confirmation)))
            uow.commit()
    finally:
        engine.dispose()


def _paired_cpu(
    argv: list[str], env: dict[str, str], pairs: int, out: Path
) -> tuple[float, float, float]:
    """Median CPU seconds of `argv` as a fresh process writing to an empty `out`, median CPU
    of `python -c pass` run just before it, and the median of the per-pair ratios."""
    runs = []
    for _ in range(pairs):
        bare = run_child([python(), "-c", "pass"], env)
        shutil.rmtree(out, ignore_errors=True)
        result = run_child(argv, env)
        if result.returncode != 0:
            detail = (result.stderr or result.stdout).strip().splitlines()[-1:]
            raise Missing(f"`mediate doc batch` exited {result.returncode}: {detail}")
        runs.append((result.cpu_seconds, bare.cpu_seconds))
    return (
        statistics.median(r[0] for r in runs),
        statistics.median(r[1] for r in runs),
        statistics.median(r[0] / max(r[1], 1e-3) for r in runs),
    )


def doc_batch_measures(size: Size, work: Path, render_per_doc: float) -> list[Measure]:
    """`mediate doc batch` end to end: its fixed cost and its cost per document (section 3)."""
    env = bench_env(work / "home")
    count = max(2, size.documents)
    pairs = max(3, size.startup_repeats)
    results: dict[int, tuple[float, float, float]] = {}
    for cases in (1, count):
        url = f"sqlite:///{work / f'settled-{cases}.db'}"
        seed_settled_cases(url, cases)
        out = work / f"doc-batch-{cases}"
        argv = [*mediate_argv(), "--db", url, "doc", "batch", KIND, "-o", str(out)]
        results[cases] = _paired_cpu(argv, env, pairs, out)
    fixed, bare, ratio = results[1]
    per_doc = (results[count][0] - fixed) / (count - 1)
    return [
        Measure(
            "mediate doc batch: fixed cost (a batch of 1 document, CPU)",
            figure=fixed * 1000,
            unit="ms",
            baseline=bare * 1000,
            baseline_label="python -c pass",
            ratio=ratio,
            goal="— (issue 19: find and cut it)",
            note=f"median of {pairs} paired runs",
        ),
        Measure(
            f"mediate doc batch: cost per document ({count} documents, CPU)",
            figure=per_doc * 1000,
            unit="ms",
            baseline=render_per_doc * 1000,
            baseline_label="rendering and writing alone, CPU",
            ratio=per_doc / render_per_doc,
            goal="— (for reference)",
            note=f"(batch of {count} − batch of 1) / {count - 1}, workers included",
            # a difference of two medians: at a tiny size it is noise and may be negative
            extra={"batch_cpu_seconds": results[count][0], "difference": True},
        ),
    ]
