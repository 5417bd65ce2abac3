"""The `mediate` command's entry point: the light entry first, the full Typer app else.

`mediate/quick.py` answers the everyday reads (`case show`, `case list`, `case find`,
`today`, `org list`) without importing Typer, SQLAlchemy, SQLModel or pydantic; anything
it does not take — help, a usage error, an option it does not know, a write — runs the
full app (`mediate/typer_app.py`), the one authority on help and usage errors.

Exit codes: 0 ok; 1 a MediateError (bad input, missing record, conflict…); 2 usage error;
3 unexpected error (details in the log file); 130 interrupted. The handlers below are
shared by both paths.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mediate.errors import DatabaseError
from mediate.i18n import _


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return the exit code (never raises, never calls sys.exit)."""
    from mediate.quick import run as run_light

    args = sys.argv[1:] if argv is None else list(argv)
    code = run_light(args)
    if code is not None:
        return code
    from mediate.typer_app import run as run_full

    return run_full(args)


def main() -> None:
    sys.exit(run(sys.argv[1:]))


def log_file() -> Path:
    explicit = os.environ.get("MEDIATE_LOG")
    if explicit:
        return Path(explicit)
    import platformdirs

    return Path(platformdirs.user_log_dir("mediate")) / "mediate.log"


def _log_unexpected() -> Path | None:
    import logging

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


def _database_failure(exc: Exception) -> DatabaseError | None:
    """A locked, foreign or damaged database is the user's situation, not a bug."""
    if "sqlalchemy" not in sys.modules and "sqlite3" not in sys.modules:
        return None
    from mediate.store.failures import explain

    return explain(exc)


def _unexpected(exc: Exception) -> int:
    known = _database_failure(exc)
    if known is not None:
        _error(str(known))
        return known.exit_code
    path = _log_unexpected()
    where = str(path) if path else _("(no log file could be written)")
    _error(
        _("Unexpected error: {error}. Details are in {log}.").format(
            error=type(exc).__name__, log=where
        )
    )
    return 3


def _interrupted() -> None:
    from mediate import console

    if console.err.is_terminal:
        console.err.file.write("\n")  # the cursor may still be after a prompt
    console.error(_("Interrupted."))
