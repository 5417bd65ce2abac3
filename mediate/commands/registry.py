"""Every top-level command and group of `mediate`, where each is defined, and its help:
the full app (typer_app.py) builds only the one run, and `mediate --help` lists them all
without importing a command module (also from the light entry, mediate/quick.py)."""

from __future__ import annotations

from typing import NamedTuple

from mediate.commands import summaries


class Entry(NamedTuple):
    """Where a top-level command or group is defined, and its one-line help.

    `attribute` names either a `typer.Typer` group (added as `add_typer(group, name=...)`) or
    a `register(app)` function that adds commands to the app it is given. `also` lists
    modules that add commands to that group when imported.
    """

    module: str
    attribute: str
    help: str
    also: tuple[str, ...] = ()


_C = "mediate.commands."

#: Every top-level command and group, in the order `mediate --help` lists them. Only the one
#: asked for is imported (`LazyGroup`); the help texts are the ones the modules use.
COMMANDS: dict[str, Entry] = {
    "init": Entry(_C + "core", "register", summaries.INIT),
    "demo": Entry(_C + "core", "register", summaries.DEMO),
    "version": Entry(_C + "core", "register", summaries.VERSION),
    "import": Entry(_C + "importing", "register", summaries.IMPORT),
    "outcome": Entry(_C + "outcome", "register", summaries.OUTCOME),
    "config": Entry(_C + "core", "register", summaries.CONFIG),
    "case": Entry(
        _C + "case",
        "app",
        summaries.CASE,
        also=(
            _C + "case_intake",
            _C + "case_desk",
            _C + "case_lifecycle",
            _C + "case_dossier",
        ),
    ),
    "today": Entry(_C + "today", "register", summaries.TODAY),
    "rules": Entry(_C + "rules", "app", summaries.RULES),
    "org": Entry(_C + "org", "app", summaries.ORG),
    "causes": Entry(_C + "causes", "app", summaries.CAUSES),
    "mediator": Entry(_C + "mediator", "app", summaries.MEDIATOR),
    "session": Entry(_C + "session", "app", summaries.SESSION),
    "performance": Entry(_C + "session", "register", summaries.PERFORMANCE),
    "visit": Entry(_C + "session", "register", summaries.VISIT),
    "confirm": Entry(_C + "confirm", "app", summaries.CONFIRM),
    "credit": Entry(_C + "credit", "app", summaries.CREDIT),
    "doc": Entry(_C + "doc", "app", summaries.DOC),
    "report": Entry(_C + "report", "app", summaries.REPORT),
    "export": Entry(_C + "export", "app", summaries.EXPORT),
    "clerk": Entry(_C + "clerk", "app", summaries.CLERK),
    "db": Entry(_C + "db", "app", summaries.DB),
}
