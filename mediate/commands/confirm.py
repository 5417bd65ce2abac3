"""`mediate confirm request|record ID`: judicial confirmation (司法确认) of an agreement."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from mediate.commands import summaries
from mediate.commands.case_lifecycle import calendar, is_interactive, parse_date
from mediate.commands.common import (
    DATE_FORMS,
    CaseId,
    JsonOption,
    app_context,
    choice,
    screened,
    wants_json,
)
from mediate.domain import vocabulary
from mediate.i18n import _

if TYPE_CHECKING:
    from mediate.services.confirmation import ConfirmationPlan

app = typer.Typer(
    help=summaries.CONFIRM,
    no_args_is_help=True,
)


def _show_plan(plan: ConfirmationPlan) -> None:
    from mediate import console
    from mediate.domain.confirmation import ground_label

    console.table(
        ["#", _("Court"), _("Grounds (CPL art. 205)"), _("Basis"), _("Why")],
        [
            [
                i,
                c.name,
                "、".join(ground_label(g) for g in c.grounds),
                "；".join(c.basis),
                _("; ").join(c.reasons),
            ]
            for i, c in enumerate(plan.choice.candidates, 1)
        ],
        title=_("Competent courts for case {id}").format(id=plan.case_id),
    )
    for what in plan.choice.unplaced:
        console.message(_("Not placed: {what}").format(what=what))
    for what in plan.choice.excluded:
        console.message(_("Ruled out: {what}").format(what=what))
    for what in plan.choice.notes:
        console.warn(what)
    console.message(
        _("The agreement took effect on {on}: apply by {by}.").format(
            on=plan.effective_on, by=plan.apply_by
        )
    )
    for text in plan.calendar_warnings:
        console.warn(text)
    for warning in plan.warnings:
        console.warn(warning.message)
    console.message(
        _(
            "Before filing, check the grounds on which a court dismisses "
            "(SPC interpretation art. 358):"
        )
    )
    from mediate.domain.confirmation import ruling_ground_label

    for code, question in plan.checklist:
        console.message(f"  [{ruling_ground_label(code)}] {question}")


@app.command(
    "request",
    help=_(
        "Draft the joint application: show the competent courts, let --court choose one, "
        "and show the art. 355 warnings that --accept-warnings must acknowledge. An "
        "entrusted (委托) case is refused: the court closes it itself."
    ),
)
def request(
    ctx: typer.Context,
    case_id: CaseId,
    court: Annotated[
        str | None,
        typer.Option(
            "--court",
            callback=screened("confirmations.court"),
            help=_("The court: its name, or its number in the list."),
        ),
    ] = None,
    accept_warnings: Annotated[
        bool,
        typer.Option("--accept-warnings", help=_("Draft it although a court may not accept it.")),
    ] = False,
    party_outside: Annotated[
        bool | None,
        typer.Option(
            "--party-outside/--parties-in-province",
            help=_(
                "Confirm whether a party is domiciled outside Henan (法发〔2021〕27号: the "
                "intermediate court from 1亿 instead of 5亿); default: read from the parties."
            ),
        ),
    ] = None,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.services.confirmation import (
        load_jurisdiction,
        plan_confirmation,
        request_confirmation,
    )

    context = app_context(ctx)
    rules = load_jurisdiction(context.settings.path("jurisdiction"))
    work_calendar = calendar(context)
    interactive = is_interactive(context.no_input)
    with context.uow() as uow:
        plan = plan_confirmation(
            uow, case_id, court, rules, work_calendar, party_outside=party_outside
        )
    if not wants_json(ctx, json_):
        _show_plan(plan)
    if plan.court is None and interactive and plan.choice.names:
        court = console.ask(_("Which court (number or name)?"), default="1")
        with context.uow() as uow:
            plan = plan_confirmation(
                uow, case_id, court, rules, work_calendar, party_outside=party_outside
            )
        for warning in plan.warnings:
            console.warn(warning.message)
    if plan.warnings and not accept_warnings and interactive:
        accept_warnings = console.confirm(_("Draft the application anyway?"), default=False)
    with context.uow() as uow:
        plan, row = request_confirmation(
            uow,
            case_id,
            plan.court or court,
            accept_warnings,
            rules,
            work_calendar,
            party_outside=party_outside,
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
        typer.Argument(
            metavar="RESULT",
            help=_(
                "filed (已提交), confirmed (确认有效), dismissed (驳回) or not_accepted (不予受理)."
            ),
            callback=choice(vocabulary.CONFIRMATION_RESULT),
        ),
    ],
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            metavar="DATE",
            help=_("The date, {forms} (default: today).").format(forms=DATE_FORMS),
        ),
    ] = None,
    case_no: Annotated[
        str | None,
        typer.Option(
            "--case-no",
            callback=screened("confirmations.court_case_no"),
            help=_("The court's case number, e.g. （2026）豫0802民特123号."),
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option("--note", callback=screened(lines=True), help=_("Anything to add.")),
    ] = None,
    ground: Annotated[
        list[str] | None,
        typer.Option(
            "--ground",
            callback=screened(),
            help=_(
                "A ground the court gave, by its name as confirm request lists it or its "
                "code (repeatable): for dismissed, an art. 358 ground; for not_accepted, an "
                "art. 355 ground."
            ),
        ),
    ] = None,
    correct: Annotated[
        bool,
        typer.Option(
            "--correct",
            help=_(
                "Correct the case number, date or grounds of the result already recorded "
                "(give the same RESULT); the case history keeps the old values."
            ),
        ),
    ] = False,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.domain.status import status_label
    from mediate.services.confirmation import record_result, ruling_number_warnings

    with app_context(ctx).uow() as uow:
        row = record_result(
            uow,
            case_id,
            result,
            parse_date(on, "--on"),
            case_no,
            note,
            ground or None,
            correct=correct,
        )
        warnings = ruling_number_warnings(row)
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
                "drafted_on": row.drafted_on,
                "ruling_grounds": list(row.ruling_grounds or []),
            }
        )
        return
    console.success(
        _("Case {id}: {status} ({ruling}).").format(
            id=case_id,
            status=status_label(row.status),
            ruling=" ".join(part for part in (row.court, row.court_case_no) if part),
        )
    )
    for warning in warnings:
        console.warn(warning)


@app.command(
    "handback",
    help=_(
        "Record the day the body's papers went back to the court: the mediation report of "
        "an entrusted (委托) case, or the return letter of a delegated (委派) case that failed."
    ),
)
def handback(
    ctx: typer.Context,
    case_id: CaseId,
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            metavar="DATE",
            help=_("The date, {forms} (default: today).").format(forms=DATE_FORMS),
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option("--note", callback=screened(lines=True), help=_("Anything to add.")),
    ] = None,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.services.confirmation import record_handback

    with app_context(ctx).uow() as uow:
        outcome, path = record_handback(uow, case_id, parse_date(on, "--on"), note)
        uow.commit()
    if wants_json(ctx, json_):
        console.print_json(
            {"case": case_id, "handed_back_on": outcome.handed_back_on, "path": path.value}
        )
        return
    console.success(
        _("Case {id}: papers handed back to the court on {date}.").format(
            id=case_id, date=outcome.handed_back_on
        )
    )
