"""`mediate case`: the group. Intake commands (new, add, list, show, history) live in
`case_intake.py`, lifecycle commands (assign, transfer, extend, pause, resume) in
`case_lifecycle.py`."""

from __future__ import annotations

import typer

from mediate.commands import summaries

app = typer.Typer(
    help=summaries.CASE,
    no_args_is_help=True,
)
