"""`mediate outcome ID settled|failed|withdrawn`: how the mediation ended."""

from __future__ import annotations

from typing import Annotated

import typer

from mediate.commands import summaries
from mediate.commands.case_lifecycle import calendar, is_interactive, parse_date, parse_money
from mediate.commands.common import (
    DATE_FORMS,
    CaseId,
    ExpectOption,
    JsonOption,
    app_context,
    choice,
    screened,
    wants_json,
)
from mediate.domain import vocabulary
from mediate.i18n import _


def register(app: typer.Typer) -> None:
    app.command(
        "outcome",
        help=summaries.OUTCOME,
    )(outcome)


def outcome(
    ctx: typer.Context,
    case_id: CaseId,
    result: Annotated[
        str,
        typer.Argument(
            metavar="RESULT",
            help=_("settled (调解成功, 成功), failed (调解不成) or withdrawn (撤回)."),
            callback=choice(vocabulary.OUTCOME),
        ),
    ],
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            metavar="DATE",
            help=_("The day it ended, {forms} (default: today).").format(forms=DATE_FORMS),
        ),
    ] = None,
    terms: Annotated[
        str | None,
        typer.Option(
            "--terms",
            callback=screened(lines=True),
            help=_("Settled: the agreed terms (协议内容)."),
        ),
    ] = None,
    amount: Annotated[
        str | None, typer.Option("--amount", help=_("Settled: the amount agreed, in yuan."))
    ] = None,
    performance: Annotated[
        str | None,
        typer.Option(
            "--performance",
            callback=screened(lines=True),
            help=_("Settled: how and where it is performed."),
        ),
    ] = None,
    perform_by: Annotated[
        str | None,
        typer.Option(
            "--perform-by",
            metavar="DATE",
            help=_("Settled: performed by this day, {forms}.").format(forms=DATE_FORMS),
        ),
    ] = None,
    effective_on: Annotated[
        str | None,
        typer.Option(
            "--effective-on",
            metavar="DATE",
            help=_(
                "Settled: the day the agreement took effect (signed and sealed), {forms}; "
                "default --on."
            ).format(forms=DATE_FORMS),
        ),
    ] = None,
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason", callback=screened(lines=True), help=_("Failed or withdrawn: why.")
        ),
    ] = None,
    positions: Annotated[
        str | None,
        typer.Option(
            "--positions",
            callback=screened(lines=True),
            help=_(
                "Failed: each party's position, for the report to a referring court "
                "(one line per party)."
            ),
        ),
    ] = None,
    follow_up: Annotated[
        list[str] | None,
        typer.Option(
            "--follow-up",
            help=_(
                "Failed: returned_to_court (退回法院) or parties_informed "
                "(告知当事人其他救济途径); at a labour body also labour_arbitration "
                "(申请劳动争议仲裁) or payment_order (申请支付令) (repeatable; default by the "
                "body and the source). A credit report is `mediate credit report`."
            ),
            callback=choice(vocabulary.FOLLOW_UP),
        ),
    ] = None,
    expect: ExpectOption = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help=_("Do not ask to confirm (closing is final)."))
    ] = False,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.domain.status import follow_up_label, status_label
    from mediate.services.outcomes import Agreement, normalise_result, record_outcome

    context = app_context(ctx)
    value = normalise_result(result)
    interactive = is_interactive(context.no_input)
    # the options are checked before the clerk is asked anything (a bad date, a bad amount)
    day = parse_date(on, "--on")
    money = parse_money(amount, "--amount") if value == "settled" else None
    perform_day = parse_date(perform_by, "--perform-by")
    effective_day = parse_date(effective_on, "--effective-on")
    if value == "settled" and not terms and interactive:
        terms = console.ask(_("Agreed terms (协议内容)"))
    if value == "failed" and not reason and interactive:
        reason = console.ask(_("Why did mediation fail?"))
    agreement = None
    if value == "settled":
        agreement = Agreement(
            terms=terms or "",
            amount=money,
            performance=performance,
            perform_by=perform_day,
            effective_on=effective_day,
        )
    if interactive and not yes:
        from mediate.domain.status import status_label

        question = _(
            "Close case {id} as {result}? Only a supervisor can reopen it (case reopen)."
        ).format(id=case_id, result=status_label(value))
        if not console.confirm(question, default=False):
            console.message(_("Nothing changed."))
            raise typer.Exit(1)
    with context.uow() as uow:
        done = record_outcome(
            uow,
            case_id,
            value,
            day,
            agreement,
            reason,
            follow_up,
            calendar(context),
            expect,
            positions,
        )
        uow.commit()
    for warning in done.warnings:
        console.warn(warning)
    if wants_json(ctx, json_):
        console.print_json(done.as_json())
        return
    console.success(_("Case {id} closed: {result}.").format(id=case_id, result=status_label(value)))
    if done.apply_by:
        console.message(
            _("Judicial confirmation: apply by {date} (mediate confirm request {id}).").format(
                date=done.apply_by, id=case_id
            )
        )
    if done.next_step:
        console.message(done.next_step)
    for item in done.follow_ups:
        console.message(_("Follow-up: {what}.").format(what=follow_up_label(item)))
