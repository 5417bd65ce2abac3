"""`mediate demo`: the main job end to end on a fresh embedded database.

Each capability of the tool adds its step here, so the demo always shows all of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mediate.clock import minute_label
from mediate.i18n import _
from mediate.services.setup import initialise
from mediate.store.engine import make_engine, sqlite_files

if TYPE_CHECKING:
    from sqlalchemy import Engine


@dataclass
class DemoResult:
    directory: Path
    database: Path
    steps: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    summary: dict[str, object] = field(default_factory=dict)
    funnel: object | None = None  # the FunnelReport the demo ends with
    told: set[str] = field(default_factory=set)  # the warnings this run has said (`tell`)

    def tell(self, warnings: Iterable[str], say: Callable[[str], None]) -> None:
        """Say each of `warnings` this run has not said yet: the demo assigns several cases,
        each counting its deadlines with its own calendar, and tells the clerk once a run
        that a year is missing from the holiday calendar, not once per case; a second run
        in the same process tells it again."""
        for warning in dict.fromkeys(warnings):
            if warning not in self.told:
                self.told.add(warning)
                say(warning)


# What the demo writes in its directory: its database, the documents, the dossier, the
# backup and the shared copy. An existing one is replaced only with --force.
DEMO_OUTPUTS = ("mediate.db", "documents", "dossiers", "backup", "shared.db")


def existing_outputs(directory: Path) -> list[Path]:
    """The demo's outputs already in `directory` (a run before, or the clerk's own files)."""
    return [directory / name for name in DEMO_OUTPUTS if (directory / name).exists()]


def run_demo(directory: Path, clerk: str, say: Callable[[str], None]) -> DemoResult:
    """The demo in `directory`, replacing its outputs there (the command has checked that
    there are none, or that it was given --force)."""
    directory.mkdir(parents=True, exist_ok=True)
    database = directory / "mediate.db"
    for stale in sqlite_files(database):
        stale.unlink(missing_ok=True)
    result = DemoResult(directory=directory, database=database)
    engine = make_engine(f"sqlite:///{database}")
    try:
        init = initialise(engine, clerk)
        result.steps.append(
            _("Initialised the database (schema {rev}).").format(rev=init.revision_after)
        )
        say(result.steps[-1])
        _routing_step(engine, clerk, result, say)
        _intake_step(engine, clerk, result, say)
        _lifecycle_step(engine, clerk, result, say)  # before documents: they need its cases
        _closing_step(engine, clerk, result, say)
        _documents_step(engine, directory, clerk, result, say)
        _dossier_step(engine, directory, clerk, result, say)  # after: it archives the papers
        _shared_desk_step(engine, directory, clerk, result, say)
        _funnel_step(engine, clerk, result, say)  # keep last: the demo ends with the funnel
    finally:
        engine.dispose()
    return result


def _routing_step(
    engine: Engine, clerk: str, result: DemoResult, say: Callable[[str], None]
) -> None:
    """The network and taxonomy loaded by init, the rules checked, a few disputes explained."""
    from mediate.services.routing import demo_routing
    from mediate.store.uow import UnitOfWork

    with UnitOfWork(engine, clerk) as uow:
        routing = demo_routing(uow)
    result.summary["routing"] = routing
    result.steps.append(
        _(
            "Loaded the network ({bodies} bodies in {counties} county-level areas) and the "
            "案由 taxonomy ({causes} causes); the rules {rules} ({routes} routes) check clean."
        ).format(**routing)
    )
    say(result.steps[-1])


def _intake_step(
    engine: Engine, clerk: str, result: DemoResult, say: Callable[[str], None]
) -> None:
    """The sample court batches (GBK CSV, XLSX) imported, the sample disputes registered."""
    from mediate.services.intake import demo_intake

    intake = demo_intake(engine, clerk)
    result.summary["intake"] = intake.as_json()
    imported = sum(r.imported for r in intake.imports)
    rejected = sum(r.rejected for r in intake.imports)
    result.steps.append(
        _(
            "Imported {imported} court-referred cases from {files} ({rejected} rows rejected "
            "with their reasons) and registered {registered} sample disputes; every one was "
            "routed."
        ).format(
            imported=imported,
            files=_(", ").join(r.file.name for r in intake.imports),
            rejected=rejected,
            registered=len(intake.registered),
        )
    )
    say(result.steps[-1])


def _shared_desk_step(
    engine: Engine, directory: Path, clerk: str, result: DemoResult, say: Callable[[str], None]
) -> None:
    """Backup, `db copy` into a second database, and what one body's clerk sees there."""
    from mediate.services.clerks import demo_shared_desk

    shared = demo_shared_desk(engine, directory, clerk)
    result.files += [shared.backup, shared.shared]
    result.summary["access"] = {
        "backup": str(shared.backup),
        "copy": str(shared.shared),
        "rows_copied": shared.rows_copied,
        "clerk": shared.clerk,
        "org": shared.org_name,
        "clerk_sees": shared.clerk_sees,
        "cases": shared.cases,
    }
    result.steps.append(
        _(
            "Backed the database up, copied it into {copy} ({rows} rows, {tables} tables, "
            "checksums match) and registered clerks there: {clerk} of {org} sees {sees} of "
            "{cases} cases."
        ).format(
            copy=shared.shared.name,
            rows=shared.rows_copied,
            tables=shared.tables,
            clerk=shared.clerk,
            org=shared.org_name,
            sees=shared.clerk_sees,
            cases=shared.cases,
        )
    )
    say(result.steps[-1])


def _lifecycle_step(
    engine: Engine, clerk: str, result: DemoResult, say: Callable[[str], None]
) -> None:
    """Assignment, settlement and a confirmed ruling, a credit-committee failure, an
    extension after a transfer."""
    from mediate.domain.status import follow_up_label
    from mediate.services.casestore import today
    from mediate.services.demo_cases import demo_lifecycle

    demo = demo_lifecycle(engine, clerk, today())
    result.summary["lifecycle"] = demo.cases
    settled, failed, extended = (demo.cases[k] for k in ("settled", "failed", "extended"))
    result.steps.append(
        _(
            "Walked three cases along: case {settled} settled and confirmed by {court} "
            "({number}); case {failed} failed at the credit committee ({follow_ups}); case "
            "{extended} transferred, assigned and extended by consent to {deadline}."
        ).format(
            settled=settled["case"],
            court=settled["court"],
            number=settled["court_case_no"],
            failed=failed["case"],
            follow_ups=_(", ").join(follow_up_label(f) for f in failed["follow_ups"]),
            extended=extended["case"],
            deadline=extended["deadline"],
        )
    )
    say(result.steps[-1])
    performed = settled["performance"]
    result.steps.append(
        _(
            "Case {settled}: a session held with both parties before the agreement; then "
            "{partial} yuan performed, the rest in full, and a return visit (回访). Case "
            "{extended}: its next session is on {at} (the notice is among the documents)."
        ).format(
            settled=settled["case"],
            partial=performed["partial"]["paid"],
            extended=extended["case"],
            at=minute_label(extended["session"]["at"]),
        )
    )
    say(result.steps[-1])
    result.tell(demo.warnings, say)  # the 2027 calendar once a run, not per case


# The demo's other cases end as a month at a centre might: most settle, some fail (and go
# back to court when a court sent them), one in ten is withdrawn. Deterministic by case id.
_CLOSING_PATTERN = ("settled",) * 7 + ("failed", "failed", "withdrawn")


def _closing_step(
    engine: Engine, clerk: str, result: DemoResult, say: Callable[[str], None]
) -> None:
    """Close the remaining mediable cases so the funnel has something to show."""
    import datetime as dt
    from decimal import Decimal

    from sqlmodel import col, select

    from mediate.services import outcomes
    from mediate.services.casestore import today
    from mediate.services.demo_cases import demo_mediators
    from mediate.services.lifecycle import assign
    from mediate.store.tables import CaseRow, OrgRow
    from mediate.store.uow import UnitOfWork

    on = today()
    counts = dict.fromkeys(("settled", "failed", "withdrawn"), 0)
    with UnitOfWork(engine, clerk) as uow:
        open_cases = uow.session.exec(
            select(CaseRow)
            .join(OrgRow, col(OrgRow.id) == CaseRow.org_id)
            .where(CaseRow.status == "routed", OrgRow.kind != "court")
            .order_by(col(CaseRow.id))
        ).all()
        for case in open_cases:
            case_id, amount = case.id, case.amount
            assert case_id is not None
            demo_mediators(uow, case.org_id)
            assign(uow, case_id, on=on)
            outcome = _CLOSING_PATTERN[case_id % len(_CLOSING_PATTERN)]
            if outcome == "settled":
                agreement = outcomes.Agreement(
                    terms="被申请人于协议生效后三十日内一次性履行完毕，申请人放弃其余请求。",
                    amount=amount if amount is not None else Decimal("0.00"),
                    performance="银行转账",
                    perform_by=on + dt.timedelta(days=30),
                    effective_on=on,
                )
                outcomes.record_outcome(uow, case_id, "settled", on, agreement)
            elif outcome == "failed":
                outcomes.record_outcome(
                    uow, case_id, "failed", on, reason="双方对赔偿数额分歧较大，未能达成协议"
                )
            else:
                outcomes.record_outcome(uow, case_id, "withdrawn", on, reason="申请人撤回调解申请")
            counts[outcome] += 1
        uow.commit()
    result.summary["closed"] = counts
    result.steps.append(
        _(
            "Closed the other mediable cases as a month might go: {settled} settled, "
            "{failed} failed, {withdrawn} withdrawn."
        ).format(**counts)
    )
    say(result.steps[-1])


def _documents_step(
    engine: Engine, directory: Path, clerk: str, result: DemoResult, say: Callable[[str], None]
) -> None:
    """Every kind of document, for the settled, confirmed, failed and credit cases."""
    from mediate.services.casestore import today
    from mediate.services.documents import demo_documents

    produced = demo_documents(engine, directory, clerk, today())
    result.files += produced.files
    result.summary["documents"] = {
        kind: {"case": case_id, "file": str(path)}
        for (kind, case_id), path in zip(produced.cases.items(), produced.files, strict=True)
    }
    result.steps.append(
        _("Produced {n} court documents in {dir}: {names}.").format(
            n=len(produced.files),
            dir=directory / "documents",
            names=_(", ").join(p.name for p in produced.files),
        )
    )
    say(result.steps[-1])


def _dossier_step(
    engine: Engine, directory: Path, clerk: str, result: DemoResult, say: Callable[[str], None]
) -> None:
    """The settled case's dossier (卷宗) for archiving: cover, 卷内目录, every paper, manifest."""
    from mediate.services.casestore import today
    from mediate.services.dossier import DossierOptions, make_dossier
    from mediate.store.uow import UnitOfWork

    case_id = result.summary["lifecycle"]["settled"]["case"]  # type: ignore[index]
    with UnitOfWork(engine, clerk) as uow:
        options = DossierOptions(overwrite=True)  # the demo replaces its own outputs
        made = make_dossier(uow, case_id, directory / "dossiers", options, today())
    result.files.append(made.dossier)
    result.summary["dossier"] = made.as_json()
    result.steps.append(
        _(
            "Wrote the dossier (卷宗) of case {case} for archiving: {n} papers behind a cover "
            "and a table of contents, each also as a file, and manifest.json with their "
            "sha256: {path}"
        ).format(case=case_id, n=made.documents, path=made.directory)
    )
    say(result.steps[-1])
    for warning in made.warnings:
        say(warning)


def _funnel_step(
    engine: Engine, clerk: str, result: DemoResult, say: Callable[[str], None]
) -> None:
    """The 70/20/10 funnel over everything the demo did (rendered last by `mediate demo`)."""
    from mediate.services.reports import funnel_over_all_data
    from mediate.store.uow import UnitOfWork

    with UnitOfWork(engine, clerk) as uow:
        funnel = funnel_over_all_data(uow)
    result.funnel = funnel
    result.summary["funnel"] = funnel.as_json()
    result.steps.append(
        _("Reported the 70/20/10 funnel over {n} closed disputes.").format(n=funnel.total.closed)
    )
    say(result.steps[-1])
