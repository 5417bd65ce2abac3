"""`mediate today`: the clerk's to-do (services/desk.py), in the interface language."""

from __future__ import annotations

from typing import Annotated

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
            "--within",
            metavar="DAYS",
            min=0,
            max=36_500,
            help=_("Look this many days ahead (default 7)."),
        ),
    ] = 7,
    json_: JsonOption = False,
) -> None:
    from mediate.commands.reads import today as show_today

    show_today(app_context(ctx), within, wants_json(ctx, json_))
