"""`mediate demo`: the main job end to end on a fresh embedded database.

Each capability of the tool adds its step here, so the demo always shows all of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from mediate.i18n import _
from mediate.services.setup import initialise
from mediate.store.engine import make_engine


@dataclass
class DemoResult:
    directory: Path
    database: Path
    steps: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    summary: dict[str, object] = field(default_factory=dict)


def run_demo(directory: Path, clerk: str, say: Callable[[str], None]) -> DemoResult:
    directory.mkdir(parents=True, exist_ok=True)
    database = directory / "mediate.db"
    if database.exists():
        database.unlink()
    for suffix in ("-wal", "-shm"):
        Path(str(database) + suffix).unlink(missing_ok=True)
    result = DemoResult(directory=directory, database=database)
    engine = make_engine(f"sqlite:///{database}")
    try:
        init = initialise(engine, clerk)
        result.steps.append(
            _("Initialised the database (schema {rev}).").format(rev=init.revision_after)
        )
        say(result.steps[-1])
    finally:
        engine.dispose()
    return result
