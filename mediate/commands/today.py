"""`mediate today`: the clerk's to-do (services/desk.py), in the interface language."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from mediate.commands import summaries
from mediate.commands.common import JsonOption, app_context, wants_json
from mediate.i18n import _


def register(app: typer.Typer) -> None:
    app.command("today", help=summaries.TODAY)(today)


def today(
    ctx: typer.Context,
    within: Annotated[
        int,
        typer.Option(
            "--within", metavar="N", min=0, help=_("Look this many days ahead (default 7).")
        ),
    ] = 7,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.services.desk import todays_work

    with app_context(ctx).uow() as uow:
        desk = todays_work(uow, within)
    if wants_json(ctx, json_):
        console.print_json(desk.as_json())
        return
    console.message(
        _("Today {date}: looking {n} days ahead.").format(date=desk.on.isoformat(), n=within)
    )
    if not any(desk.counts.values()):
        console.success(_("Nothing waits for you today."))
        return
    for name, rows in desk.sections.items():
        if not rows:
            continue
        title, columns = _layout(name)
        console.table(
            [
                _("Case"),
                _("Case no."),
                _("Cause"),
                _("Body"),
                *(h for h, _k in columns),
            ],
            [
                [
                    str(r["case"]),
                    r["court_case_no"] or "",
                    r["cause"],
                    r["org"] or "",
                    *(_cell(r.get(k)) for _h, k in columns),
                ]
                for r in rows
            ],
            title=f"{title} ({desk.counts[name]})",
        )


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def _layout(name: str) -> tuple[str, list[tuple[str, str]]]:
    """A section's title and its own columns (header, key)."""
    layouts = {
        "sessions": (
            _("Mediation sessions today"),
            [(_("Time"), "time"), (_("Place"), "place"), (_("Mediator"), "mediator")],
        ),
        "overdue": (_("Overdue"), [(_("Deadline"), "deadline"), (_("Days late"), "days_late")]),
        "due": (
            _("Deadlines coming"),
            [(_("Deadline"), "deadline"), (_("Days left"), "days_left")],
        ),
        "unassigned": (_("No mediator yet"), [(_("Received"), "received_on")]),
        "confirmation_closing": (
            _("Judicial confirmation: window closing"),
            [(_("Apply by"), "apply_by"), (_("Days left"), "days_left")],
        ),
        "rulings_awaited": (
            _("Rulings awaited"),
            [(_("Court"), "court"), (_("Filed"), "filed_on"), (_("Days waiting"), "days_waiting")],
        ),
        "performance_due": (
            _("Performance due (follow-up visit)"),
            [(_("Perform by"), "perform_by"), (_("Mediator"), "mediator")],
        ),
    }
    return layouts.get(name, (name, []))
