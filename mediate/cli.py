"""The `mediate` command: global options, command groups, and the one error handler.

Exit codes: 0 ok; 1 a MediateError (bad input, missing record, conflict…); 2 usage error;
3 unexpected error (details in the log file); 130 interrupted.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from mediate.errors import MediateError
from mediate.i18n import _

app = typer.Typer(
    name="mediate",
    help=_(
        "Pre-litigation dispute mediation: take disputes in, route them to the right "
        "body, track them to an outcome and produce the documents for the court."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _global_options(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="URL|PATH",
            help=_(
                "Database: a SQLite file path or a postgresql+psycopg:// URL "
                "(else MEDIATE_DB, the config file, or the default)."
            ),
        ),
    ] = None,
    clerk: Annotated[
        str | None,
        typer.Option(
            "--clerk", help=_("Who is acting; recorded on every change (else MEDIATE_CLERK).")
        ),
    ] = None,
    org: Annotated[
        str | None,
        typer.Option("--org", help=_("The body the clerk works for (else MEDIATE_ORG).")),
    ] = None,
    json_: Annotated[
        bool,
        typer.Option("--json", help=_("Print data as JSON on stdout (messages go to stderr).")),
    ] = False,
    no_input: Annotated[
        bool, typer.Option("--no-input", help=_("Never prompt; fail when a value is missing."))
    ] = False,
) -> None:
    from mediate.config import load_settings
    from mediate.services.context import AppContext

    settings = load_settings(db=db, clerk=clerk, org=org)
    context = AppContext(settings=settings, json=json_, no_input=no_input)
    ctx.obj = context
    ctx.call_on_close(context.close)


def _register() -> None:
    """Command groups and top-level commands. Each module imports only what is light.

    `case_intake` and `case_lifecycle` add their commands to `case.app` when imported.
    """
    from mediate.commands import (
        case,
        case_intake,  # noqa: F401
        case_lifecycle,  # noqa: F401
        causes,
        clerk,
        confirm,
        core,
        db,
        doc,
        export,
        importing,
        mediator,
        org,
        outcome,
        report,
        rules,
    )

    core.register(app)
    importing.register(app)
    outcome.register(app)
    for name, group in (
        ("case", case.app),
        ("rules", rules.app),
        ("org", org.app),
        ("causes", causes.app),
        ("mediator", mediator.app),
        ("confirm", confirm.app),
        ("doc", doc.app),
        ("report", report.app),
        ("export", export.app),
        ("clerk", clerk.app),
        ("db", db.app),
    ):
        app.add_typer(group, name=name)


_register()


def log_file() -> Path:
    explicit = os.environ.get("MEDIATE_LOG")
    if explicit:
        return Path(explicit)
    import platformdirs

    return Path(platformdirs.user_log_dir("mediate")) / "mediate.log"


def _log_unexpected() -> Path | None:
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    from mediate.logsafe import RedactingFormatter

    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(message)s"))
    logger = logging.getLogger("mediate.crash")
    logger.addHandler(handler)
    logger.exception("unexpected error in: mediate %s", " ".join(sys.argv[1:2]))
    logger.removeHandler(handler)
    handler.close()
    return path


def _error(text: str) -> None:
    # console imports rich: only load it when there is something to say (keeps --help fast)
    from mediate import console

    console.error(text)


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return the exit code (never raises, never calls sys.exit)."""
    command = typer.main.get_command(app)
    try:
        result = command.main(args=argv, prog_name="mediate", standalone_mode=False)
    except (typer.Abort, KeyboardInterrupt):
        _error(_("Interrupted."))
        return 130
    except typer.Exit as exc:
        return exc.exit_code
    except typer.TyperException as exc:  # usage errors: bad option, missing argument…
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            _error(exc.format_message())
        return exc.exit_code
    except MediateError as exc:
        _error(str(exc))
        return exc.exit_code
    except BrokenPipeError:
        return 0
    except Exception as exc:
        path = _log_unexpected()
        where = str(path) if path else _("(no log file could be written)")
        _error(
            _("Unexpected error: {error}. Details are in {log}.").format(
                error=type(exc).__name__, log=where
            )
        )
        return 3
    return result if isinstance(result, int) else 0


def main() -> None:
    sys.exit(run(sys.argv[1:]))
