"""`mediate case`: the group. Intake commands (new, add, list, show, history) live in
`case_intake.py`, lifecycle commands (assign, transfer, extend) in `case_lifecycle.py`."""

from __future__ import annotations

import typer

from mediate.i18n import _

app = typer.Typer(
    help=_("Register, find and follow disputes (cases)."),
    no_args_is_help=True,
)
