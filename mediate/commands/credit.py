"""`mediate credit report ID --basis …`: report a failed debt case's enterprise to the credit
agencies, as an explicit decision with its legal basis (seed item 18)."""

from __future__ import annotations

from typing import Annotated

import typer

from mediate.commands import summaries
from mediate.commands.case_lifecycle import is_interactive, parse_date
from mediate.commands.common import (
    DATE_FORMS,
    CaseId,
    ExpectOption,
    JsonOption,
    app_context,
    screened,
    wants_json,
)
from mediate.i18n import _

app = typer.Typer(help=summaries.CREDIT, no_args_is_help=True)


@app.command(
    "report",
    help=_(
        "Report the enterprise respondents of a failed debt case at the credit committee to "
        "the credit agencies, with the legal basis (征信业管理条例 arts. 23, 25, 44). Asks for "
        "confirmation unless --yes."
    ),
)
def report(
    ctx: typer.Context,
    case_id: CaseId,
    basis: Annotated[
        str | None,
        typer.Option(
            "--basis",
            callback=screened(lines=True),
            help=_("The legal basis of the report (recorded in the audit)."),
        ),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            metavar="DATE",
            help=_("The day of the report, {forms} (default: today).").format(forms=DATE_FORMS),
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option("--note", callback=screened(lines=True), help=_("A note for the audit.")),
    ] = None,
    yes: Annotated[
        bool, typer.Option("--yes", help=_("Do not ask for confirmation (scripts)."))
    ] = False,
    expect: ExpectOption = None,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.domain.credit import DEFAULT_BASIS
    from mediate.errors import ValidationError
    from mediate.services.credit import report_credit

    day = parse_date(on, "--on")  # a bad date is refused before anything is asked
    context = app_context(ctx)
    interactive = is_interactive(context.no_input)
    if not basis and interactive:
        basis = console.ask(_("Legal basis"), default=DEFAULT_BASIS)
    if not yes:
        if not interactive:
            raise ValidationError(
                _("Reporting to the credit agencies needs confirmation: add --yes."),
                where="--yes",
            )
        if not console.confirm(
            _("Report the enterprise of case {id} to the credit agencies?").format(id=case_id),
            default=False,
        ):
            raise typer.Exit(1)
    with context.uow() as uow:
        done = report_credit(
            uow,
            case_id,
            basis or "",
            on=day,
            note=note,
            expected_version=expect,
        )
        uow.commit()
    if wants_json(ctx, json_):
        console.print_json(done.as_json())
        return
    console.success(
        _("Case {id}: {names} reported to the credit agencies ({basis}).").format(
            id=case_id, names="、".join(done.enterprises), basis=done.basis
        )
    )
