"""`mediate case assign|start|transfer|extend|pause|resume`: moving a case along (added to
`case.app`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mediate.commands.case import app
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

if TYPE_CHECKING:
    from mediate.domain.deadlines import WorkCalendar
    from mediate.services.context import AppContext

OnOption = Annotated[
    str | None,
    typer.Option(
        "--on",
        metavar="DATE",
        help=_("The date it happened, {forms} (default: today).").format(forms=DATE_FORMS),
    ),
]


def parse_date(value: str | None, where: str) -> dt.date | None:
    """A date option as clerks write it (2026-11-02, 2026/11/2, 2026年11月2日); an empty
    or bad one is a usage error (intake/values.option_date)."""
    from mediate.intake.values import option_date

    return option_date(value, where)


def parse_money(value: str | None, where: str) -> Decimal | None:
    """An amount option (`--amount`): intake/values.option_amount."""
    from mediate.intake.values import option_amount

    return option_amount(value, where)


def is_interactive(no_input: bool) -> bool:
    """Prompt only a person at a terminal, and never under --no-input."""
    import sys

    return not no_input and sys.stdin.isatty()


def calendar(context: AppContext) -> WorkCalendar:
    from mediate.services.lifecycle import load_calendar

    return load_calendar(context.settings.path("holidays"))


def show_change(ctx: typer.Context, json_: bool, change: Any, message: str) -> None:
    from mediate import console

    for warning in change.warnings:
        console.warn(warning)
    if wants_json(ctx, json_):
        console.print_json(change.as_json())
        return
    console.success(message)


@app.command(
    "assign",
    help=_(
        "Give a case to a mediator of its body: --mediator ID or name, or the one with the fewest "
        "open cases. The first assignment starts the time limit from --on; a reassignment keeps "
        "the time limit, and its --on (the day the new mediator took the case) is kept in the "
        "history."
    ),
)
def assign(
    ctx: typer.Context,
    case_id: CaseId,
    mediator: Annotated[
        str | None,
        typer.Option(
            "--mediator",
            metavar="ID|NAME",
            callback=screened("mediators.name"),
            help=_("The mediator: id or name (as listed)."),
        ),
    ] = None,
    on: OnOption = None,
    expect: ExpectOption = None,
    json_: JsonOption = False,
) -> None:
    from mediate.services.lifecycle import assign as assign_case

    context = app_context(ctx)
    day = parse_date(on, "--on")
    with context.uow() as uow:
        change = assign_case(uow, case_id, mediator, day, calendar(context), expect)
        uow.commit()
    show_change(
        ctx,
        json_,
        change,
        _("Case {id} assigned to {mediator}; deadline {deadline}.").format(
            id=case_id,
            mediator=change.mediator.name if change.mediator else "",
            deadline=change.case.deadline,
        ),
    )


@app.command("start", help=_("Mark a case's mediation as under way (调解中)."))
def start(
    ctx: typer.Context, case_id: CaseId, expect: ExpectOption = None, json_: JsonOption = False
) -> None:
    from mediate.services.lifecycle import start as start_case

    with app_context(ctx).uow() as uow:
        change = start_case(uow, case_id, expect)
        uow.commit()
    show_change(ctx, json_, change, _("Case {id} is in mediation.").format(id=case_id))


@app.command(
    "transfer",
    help=_("Send a case to another body (--to ORG) or wherever the rules send it (--reroute)."),
)
def transfer(
    ctx: typer.Context,
    case_id: CaseId,
    reason: Annotated[
        str,
        typer.Option(
            "--reason", callback=screened(lines=True), help=_("Why the case moves (recorded).")
        ),
    ],
    to: Annotated[
        str | None,
        typer.Option(
            "--to", metavar="ORG", callback=screened(), help=_("The new body: its id or its name.")
        ),
    ] = None,
    reroute: Annotated[
        bool, typer.Option("--reroute", help=_("Route the case again with the rules."))
    ] = False,
    expect: ExpectOption = None,
    json_: JsonOption = False,
) -> None:
    from mediate.services.bodies import resolve_org
    from mediate.services.lifecycle import transfer as transfer_case
    from mediate.store.tables import OrgRow

    with app_context(ctx).uow() as uow:
        target = resolve_org(uow, to, "--to") if to else None
        change = transfer_case(uow, case_id, reason, target, reroute, expect)
        uow.commit()
        org = body_id = change.case.org_id  # by its name, as the clerk typed it, with its id
        body = uow.session.get(OrgRow, body_id)
        if body is not None and body.name:
            org = _("{label} ({code})").format(label=body.name, code=body_id)
    show_change(
        ctx,
        json_,
        change,
        _("Case {id} transferred to {org}; assign a mediator there.").format(id=case_id, org=org),
    )


@app.command(
    "extend",
    help=_("Extend a case's time limit with both parties' consent (委托: at most 30 days in all)."),
)
def extend(
    ctx: typer.Context,
    case_id: CaseId,
    days: Annotated[int, typer.Option("--days", min=1, help=_("Days to add."))],
    consent: Annotated[
        str,
        typer.Option(
            "--consent",
            callback=screened(),
            help=_("How both parties consented (recorded), e.g. 书面同意."),
        ),
    ],
    expect: ExpectOption = None,
    json_: JsonOption = False,
) -> None:
    from mediate.services.lifecycle import extend as extend_case

    context = app_context(ctx)
    with context.uow() as uow:
        change = extend_case(uow, case_id, days, consent, calendar(context), expect)
        uow.commit()
    show_change(
        ctx,
        json_,
        change,
        _("Case {id} extended by {days} days; new deadline {deadline}.").format(
            id=case_id, days=days, deadline=change.case.deadline
        ),
    )


@app.command(
    "pause",
    help=_(
        "Stop a case's time limit while time that the law leaves out of it runs: an expert "
        "assessment (鉴定) of a medical dispute at the medical mediation committee "
        "(医疗纠纷预防和处理条例 art. 38). Meanwhile the case has no deadline; `case resume` "
        "ends the pause and moves the deadline by the days paused, in the limit's unit."
    ),
)
def pause(
    ctx: typer.Context,
    case_id: CaseId,
    reason: Annotated[
        str,
        typer.Option(
            "--reason",
            callback=choice(vocabulary.PAUSE_REASON),
            help=_("Why the time limit stops: 鉴定 (appraisal), the only reason a rule gives."),
        ),
    ],
    on: OnOption = None,
    note: Annotated[
        str | None,
        typer.Option(
            "--note",
            callback=screened(),
            help=_("A note for the history, e.g. who makes the assessment."),
        ),
    ] = None,
    expect: ExpectOption = None,
    json_: JsonOption = False,
) -> None:
    from mediate.services.lifecycle import pause as pause_case

    context = app_context(ctx)
    day = parse_date(on, "--on")
    with context.uow() as uow:
        change = pause_case(uow, case_id, reason, day, calendar(context), expect, note)
        uow.commit()
    show_change(
        ctx,
        json_,
        change,
        _("Case {id}'s time limit is paused from {day} ({reason}).").format(
            id=case_id,
            day=change.case.paused_on,
            reason=vocabulary.PAUSE_REASON.label(reason),
        ),
    )


@app.command(
    "resume",
    help=_(
        "End a pause of a case's time limit (case pause): the days paused do not count, "
        "and the deadline moves by them."
    ),
)
def resume(
    ctx: typer.Context,
    case_id: CaseId,
    on: OnOption = None,
    expect: ExpectOption = None,
    json_: JsonOption = False,
) -> None:
    from mediate.domain.deadlines import limit_text
    from mediate.services.lifecycle import resume as resume_case

    context = app_context(ctx)
    day = parse_date(on, "--on")
    with context.uow() as uow:
        change = resume_case(uow, case_id, day, calendar(context), expect)
        uow.commit()
    moved = (change.event.after or {}).get("paused_days", 0)
    paused = moved - (change.event.before or {}).get("paused_days", 0)
    show_change(
        ctx,
        json_,
        change,
        _("Case {id} resumed: {paused} did not count; new deadline {deadline}.").format(
            id=case_id,
            paused=limit_text(paused, change.case.deadline_unit),
            deadline=change.case.deadline,
        ),
    )
