"""`mediate confirm request|record ID`: judicial confirmation (司法确认) of an agreement."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from mediate.commands import summaries
from mediate.commands.case_lifecycle import calendar, is_interactive, parse_date, parse_money
from mediate.commands.common import JsonOption, app_context, wants_json
from mediate.i18n import _

if TYPE_CHECKING:
    from mediate.services.confirmation import ConfirmationPlan

app = typer.Typer(
    help=summaries.CONFIRM,
    no_args_is_help=True,
)

CaseId = Annotated[int, typer.Argument(metavar="ID", help=_("The case id."))]


def _show_plan(plan: ConfirmationPlan) -> None:
    from mediate import console
    from mediate.domain.confirmation import ground_label

    console.table(
        ["#", _("Court"), _("Grounds (CPL art. 205)"), _("Why")],
        [
            [i, c.name, "、".join(ground_label(g) for g in c.grounds), "; ".join(c.reasons)]
            for i, c in enumerate(plan.choice.candidates, 1)
        ],
        title=_("Competent courts for case {id}").format(id=plan.case_id),
    )
    for what in plan.choice.unplaced:
        console.message(_("Not placed: {what}").format(what=what))
    console.message(
        _("The agreement took effect on {on}: apply by {by}.").format(
            on=plan.effective_on, by=plan.apply_by
        )
    )
    for text in plan.calendar_warnings:
        console.warn(text)
    for warning in plan.warnings:
        console.warn(warning.message)


@app.command(
    "request",
    help=_(
        "Draft the joint application: show the competent courts, let --court choose one, "
        "and show the art. 355 warnings that --accept-warnings must acknowledge."
    ),
)
def request(
    ctx: typer.Context,
    case_id: CaseId,
    court: Annotated[
        str | None,
        typer.Option("--court", help=_("The court: its name, or its number in the list.")),
    ] = None,
    accept_warnings: Annotated[
        bool,
        typer.Option("--accept-warnings", help=_("Draft it although a court may not accept it.")),
    ] = False,
    intermediate_from: Annotated[
        str | None,
        typer.Option(
            "--intermediate-from",
            metavar="AMOUNT",
            help=_(
                "The amount from which the intermediate court is competent "
                "(default 5亿 yuan; check locally)."
            ),
        ),
    ] = None,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.domain.confirmation import INTERMEDIATE_THRESHOLD
    from mediate.services.confirmation import plan_confirmation, request_confirmation

    context = app_context(ctx)
    threshold = parse_money(intermediate_from, "--intermediate-from") or INTERMEDIATE_THRESHOLD
    work_calendar = calendar(context)
    interactive = is_interactive(context.no_input)
    with context.uow() as uow:
        plan = plan_confirmation(uow, case_id, court, threshold, work_calendar)
    if not wants_json(ctx, json_):
        _show_plan(plan)
    if plan.court is None and interactive and plan.choice.names:
        court = console.ask(_("Which court (number or name)?"), default="1")
        with context.uow() as uow:
            plan = plan_confirmation(uow, case_id, court, threshold, work_calendar)
        for warning in plan.warnings:
            console.warn(warning.message)
    if plan.warnings and not accept_warnings and interactive:
        accept_warnings = console.confirm(_("Draft the application anyway?"), default=False)
    with context.uow() as uow:
        plan, row = request_confirmation(
            uow, case_id, plan.court or court, accept_warnings, threshold, work_calendar
        )
        uow.commit()
    if wants_json(ctx, json_):
        console.print_json({**plan.as_json(), "status": row.status})
        return
    console.success(
        _("Application for case {id} drafted for {court}; apply by {date}.").format(
            id=case_id, court=row.court, date=row.apply_by
        )
    )


@app.command(
    "record",
    help=_(
        "Record what happened at court: filed, then confirmed, dismissed or not_accepted "
        "with the court's case number and date."
    ),
)
def record(
    ctx: typer.Context,
    case_id: CaseId,
    result: Annotated[
        str,
        typer.Argument(metavar="RESULT", help=_("filed, confirmed, dismissed or not_accepted.")),
    ],
    on: Annotated[
        str | None,
        typer.Option("--on", metavar="DATE", help=_("The date (default today).")),
    ] = None,
    case_no: Annotated[
        str | None,
        typer.Option("--case-no", help=_("The court's case number, e.g. (2026)豫0802民特123号.")),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help=_("Anything to add."))] = None,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.domain.status import status_label
    from mediate.services.confirmation import record_result

    with app_context(ctx).uow() as uow:
        row = record_result(uow, case_id, result, parse_date(on, "--on"), case_no, note)
        uow.commit()
    if wants_json(ctx, json_):
        console.print_json(
            {
                "case": case_id,
                "court": row.court,
                "status": row.status,
                "court_case_no": row.court_case_no,
                "filed_on": row.filed_on,
                "decided_on": row.decided_on,
            }
        )
        return
    console.success(
        _("Case {id}: {status} ({court} {number}).").format(
            id=case_id,
            status=status_label(row.status),
            court=row.court,
            number=row.court_case_no or "",
        )
    )
