"""`mediate session ID --at T --place P`, `session list|move|cancel|record`: mediation
sessions, and `mediate performance` / `mediate visit`: what follows the agreement."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from mediate.commands import summaries
from mediate.commands.case_lifecycle import calendar, parse_date, parse_money
from mediate.commands.common import (
    DATE_FORMS,
    CaseId,
    JsonOption,
    app_context,
    choice,
    screened,
    wants_json,
    whole_number,
)
from mediate.domain import vocabulary
from mediate.i18n import _, pgettext

if TYPE_CHECKING:
    from typer._click import Context

    from mediate.services.performance import PerformanceView
    from mediate.services.sessions import SessionView


class _SessionGroup(TyperGroup):
    """`mediate session 12 --at …` schedules: a case id where a subcommand would stand
    means `schedule` (DESIGN §3)."""

    def resolve_command(self, ctx: Context, args: list[str]) -> Any:
        if args and args[0].isdigit():
            args = ["schedule", *args]
        return super().resolve_command(ctx, args)


app = typer.Typer(help=summaries.SESSION, cls=_SessionGroup, no_args_is_help=True)

SessionId = Annotated[
    int,
    typer.Argument(
        metavar="SESSION",
        parser=whole_number(),
        help=_("The session id (session list shows it)."),
    ),
]
AtOption = Annotated[
    str,
    typer.Option("--at", metavar="TIME", help=_("When, China time: 2026-12-10 09:30.")),
]
AgainOption = Annotated[
    bool,
    typer.Option(
        "--again",
        help=_(
            "Book it even though the case already has a session at that time "
            "(by default that is refused)."
        ),
    ),
]


def _show(views: list[SessionView], title: str) -> None:
    from mediate import console
    from mediate.clock import minute_label
    from mediate.domain.events import session_status_label

    if not views:
        console.message(_("No session."))
        return
    console.table(
        ["#", _("Case"), _("Time"), _("Venue"), _("Mediator"), _("Summoned"), _("Status")],
        [
            [
                v.id,
                v.case_id,
                minute_label(v.at),
                _("online") if v.online else (v.place or ""),
                v.mediator or "",
                "、".join(v.parties),
                session_status_label(v.status),
            ]
            for v in views
        ],
        title=title,
    )
    from mediate.services.sessions import RECORD_OK, record_state_label

    for v in views:
        if v.record_state not in (None, RECORD_OK):
            console.warn(
                _("Session {id}: the record file {path} is {state}.").format(
                    id=v.id, path=v.record_file, state=record_state_label(v.record_state)
                )
            )


def _done(ctx: typer.Context, view: SessionView, message: str, json_: bool) -> None:
    from mediate import console

    if wants_json(ctx, json_):
        console.print_json(view.as_json())
        return
    console.success(message)


@app.command("schedule", help=_("Schedule a mediation session for a case (also: session ID)."))
def schedule(
    ctx: typer.Context,
    case_id: CaseId,
    at: AtOption,
    place: Annotated[
        str | None,
        typer.Option(
            "--place",
            callback=screened("mediation_sessions.place"),
            help=_("Where it takes place."),
        ),
    ] = None,
    online: Annotated[
        bool, typer.Option("--online", help=_("Held online (not with --place)."))
    ] = False,
    held: Annotated[
        bool,
        typer.Option("--held", help=_("Already held at --at (a past time), to be recorded.")),
    ] = False,
    mediator: Annotated[
        str | None,
        typer.Option(
            "--mediator",
            metavar="ID|NAME",
            callback=screened("mediators.name"),
            help=_("The mediator: id or name (default: the case's)."),
        ),
    ] = None,
    summon: Annotated[
        list[int] | None,
        typer.Option(
            "--summon",
            metavar="PARTY",
            parser=whole_number(),
            help=_("A party to summon, numbered as in case show (repeatable; default: all)."),
        ),
    ] = None,
    again: AgainOption = False,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.clock import minute_label
    from mediate.services.sessions import clashes, parse_moment, schedule_session

    when = parse_moment(at)  # a bad time is refused before the database is opened
    context = app_context(ctx)
    with context.uow() as uow:
        view = schedule_session(
            uow, case_id, when, place, online, mediator, summon, again=again, held=held
        )
        warnings = clashes(uow, view.id)
        uow.commit()
    for warning in warnings:
        console.warn(warning)
    _done(
        ctx,
        view,
        _("Session {id} scheduled for case {case} at {at}.").format(
            id=view.id, case=case_id, at=minute_label(view.at)
        ),
        json_,
    )


@app.command("list", help=_("The sessions of a day (default today) or of one case."))
def list_sessions(
    ctx: typer.Context,
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            metavar="DATE",
            help=_("The day, {forms} (default: today).").format(forms=DATE_FORMS),
        ),
    ] = None,
    case_id: Annotated[
        int | None,
        typer.Option(
            "--case", metavar="ID", parser=whole_number(), help=_("The sessions of one case.")
        ),
    ] = None,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.services.casestore import today
    from mediate.services.sessions import sessions_on

    context = app_context(ctx)
    day = parse_date(on, "--on") or (None if case_id is not None else today())
    with context.uow() as uow:
        views = sessions_on(uow, day, case_id)
    if wants_json(ctx, json_):
        console.print_json([v.as_json() for v in views])
        return
    title = (
        _("Sessions of case {id}").format(id=case_id)
        if day is None
        else _("Sessions on {day}").format(day=day)
    )
    _show(views, title)


@app.command("move", help=_("Move a session to another time (and place), with the reason."))
def move(
    ctx: typer.Context,
    session_id: SessionId,
    at: AtOption,
    reason: Annotated[
        str,
        typer.Option(
            "--reason", callback=screened(lines=True, blank=False), help=_("Why it is moved.")
        ),
    ],
    place: Annotated[
        str | None,
        typer.Option(
            "--place", callback=screened("mediation_sessions.place"), help=_("A new place.")
        ),
    ] = None,
    again: AgainOption = False,
    json_: JsonOption = False,
) -> None:
    from mediate.services.sessions import parse_moment, reschedule_session

    when = parse_moment(at)  # a bad time is refused before the database is opened
    with app_context(ctx).uow() as uow:
        view = reschedule_session(uow, session_id, when, reason, place, again=again)
        uow.commit()
    _done(ctx, view, _("Session {id} moved.").format(id=session_id), json_)


@app.command("cancel", help=_("Cancel a session, with the reason."))
def cancel(
    ctx: typer.Context,
    session_id: SessionId,
    reason: Annotated[
        str,
        typer.Option(
            "--reason", callback=screened(lines=True, blank=False), help=_("Why it is cancelled.")
        ),
    ],
    json_: JsonOption = False,
) -> None:
    from mediate.services.sessions import cancel_session

    with app_context(ctx).uow() as uow:
        view = cancel_session(uow, session_id, reason)
        uow.commit()
    _done(ctx, view, _("Session {id} cancelled.").format(id=session_id), json_)


@app.command("record", help=_("The session was held: who attended, and the record (调解笔录)."))
def record(
    ctx: typer.Context,
    session_id: SessionId,
    attended: Annotated[
        list[str] | None,
        typer.Option(
            "--attended",
            metavar="PARTY",
            callback=screened("parties.name", blank=False),
            help=_("A party who came: its name, or its number in case show (repeatable)."),
        ),
    ] = None,
    notes: Annotated[
        str | None,
        typer.Option("--notes", callback=screened(lines=True), help=_("What happened (调解笔录).")),
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            help=_(
                "The record as a file (a copy is kept in the records directory, with its sha256)."
            ),
        ),
    ] = None,
    json_: JsonOption = False,
) -> None:
    from mediate.services.sessions import record_session

    context = app_context(ctx)
    with context.uow() as uow:
        view = record_session(
            uow, session_id, _parties_named(attended), notes, file, context.settings.path("records")
        )
        uow.commit()
    _done(ctx, view, _("Session {id} recorded as held.").format(id=session_id), json_)


def _parties_named(given: list[str] | None) -> list[int | str]:
    """--attended as typed: a number (full-width digits too) is checked as every number
    option is (whole_number: exit 2 past the limit); anything else is a party's name."""
    import unicodedata

    number = whole_number()
    return [
        number(item) if unicodedata.normalize("NFKC", item).strip().isdecimal() else item
        for item in given or []
    ]


def _show_performance(view: PerformanceView) -> None:
    from mediate import console
    from mediate.documents.chinese import amount_figures
    from mediate.domain.performance import performance_label

    s = view.state
    pairs: list[tuple[str, Any]] = [
        (_("Performance"), performance_label(s.status)),
        (_("Performed so far"), amount_figures(s.paid)),
    ]
    if s.outstanding is not None:
        pairs.append((_("Outstanding"), amount_figures(s.outstanding)))
    if s.due is not None:
        pairs.append(
            (
                _("Due"),
                f"{s.due}" + (f" ({pgettext('performance', 'overdue')})" if s.overdue else ""),
            )
        )
    if view.enforce_by is not None:
        pairs.append((_("Apply for enforcement by (CPL art. 250)"), str(view.enforce_by)))
    console.key_values(pairs, title=_("Case {id}").format(id=view.case_id))
    for warning in view.warnings:
        console.warn(warning)


def performance(
    ctx: typer.Context,
    case_id: CaseId,
    kind: Annotated[
        str,
        typer.Argument(
            metavar="KIND",
            help=_("done, partial, none, or enforcement (已履行/部分履行/未履行/申请执行)."),
            callback=choice(vocabulary.PERFORMANCE_REPORT),
        ),
    ],
    amount: Annotated[
        str | None, typer.Option("--amount", help=_("Partial: the amount performed, in yuan."))
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            metavar="DATE",
            help=_("The day, {forms} (default: today).").format(forms=DATE_FORMS),
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", callback=screened(lines=True), help=_("What happened."))
    ] = None,
    court: Annotated[
        str | None,
        typer.Option(
            "--court",
            callback=screened("performance_events.by"),
            help=_("Enforcement: the court applied to."),
        ),
    ] = None,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.domain.performance import PerformanceKind
    from mediate.services.performance import record_performance

    # what the clerk typed is checked before the database is opened (KIND by its callback)
    chosen = PerformanceKind(kind)
    day, money = parse_date(on, "--on"), parse_money(amount, "--amount")
    context = app_context(ctx)
    with context.uow() as uow:
        view = record_performance(
            uow,
            case_id,
            chosen,
            day,
            money,
            note,
            court,
            calendar(context),
        )
        uow.commit()
    if wants_json(ctx, json_):
        console.print_json(view.as_json())
        return
    _show_performance(view)


def visit(
    ctx: typer.Context,
    case_id: CaseId,
    note: Annotated[
        str,
        typer.Option("--note", callback=screened(lines=True), help=_("What was said and found.")),
    ],
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            metavar="DATE",
            help=_("The day, {forms} (default: today).").format(forms=DATE_FORMS),
        ),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            callback=screened("performance_events.by"),
            help=_("Who visited (default: the clerk)."),
        ),
    ] = None,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.services.performance import record_visit

    with app_context(ctx).uow() as uow:
        view = record_visit(uow, case_id, note, parse_date(on, "--on"), by)
        uow.commit()
    if wants_json(ctx, json_):
        console.print_json(view.as_json())
        return
    console.success(_("Return visit recorded for case {id}.").format(id=case_id))
    _show_performance(view)


def register(app_: typer.Typer) -> None:
    app_.command("performance", help=summaries.PERFORMANCE)(performance)
    app_.command("visit", help=summaries.VISIT)(visit)
