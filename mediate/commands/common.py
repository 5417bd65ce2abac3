"""Helpers shared by the command modules."""

from __future__ import annotations

from typing import Annotated

import typer

from mediate.i18n import _
from mediate.services.context import AppContext

JsonOption = Annotated[
    bool, typer.Option("--json", help=_("Print data as JSON on stdout (messages go to stderr)."))
]


def app_context(ctx: typer.Context) -> AppContext:
    obj = ctx.find_object(AppContext)
    if obj is None:  # a command module used on its own, outside the root app
        from mediate.config import load_settings

        obj = AppContext(settings=load_settings())
        ctx.obj = obj
    return obj


def wants_json(ctx: typer.Context, local: bool = False) -> bool:
    return local or app_context(ctx).json
