"""Helpers shared by the command modules."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mediate.errors import ValidationError
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


def _nearest_existing(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return Path(".")


def output_file(ctx: typer.Context, param: typer.CallbackParam, value: Path | None) -> Path | None:
    """An option naming a file to write: refused up front (exit 1) when it is a directory,
    lies under a file, or cannot be written — before any work is done."""
    if value is None:
        return None
    option = "/".join(param.opts) if param.opts else str(param.name)
    path = value.expanduser()
    if path.is_dir():
        raise ValidationError(
            _("{path} is a directory: give the name of a file to write.").format(path=path),
            where=option,
        )
    _check_can_create(path, option)
    return value


def output_dir(ctx: typer.Context, param: typer.CallbackParam, value: Path | None) -> Path | None:
    """An option naming a directory to write into (created when missing)."""
    if value is None:
        return None
    option = "/".join(param.opts) if param.opts else str(param.name)
    path = value.expanduser()
    if path.exists() and not path.is_dir():
        raise ValidationError(
            _("{path} is a file: give a directory to write into.").format(path=path),
            where=option,
        )
    _check_can_create(path, option)
    return value


def _check_can_create(path: Path, option: str) -> None:
    import os

    existing = _nearest_existing(path)
    if existing != path and not existing.is_dir():
        raise ValidationError(
            _("{path} cannot be created: {parent} is a file, not a directory.").format(
                path=path, parent=existing
            ),
            where=option,
        )
    if not os.access(existing, os.W_OK):
        raise ValidationError(
            _("{path} cannot be written: this user may not write to {place}.").format(
                path=path, place=existing
            ),
            where=option,
        )
