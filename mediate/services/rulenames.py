"""The titles of the routes in effect, read lightly for what prints stored decisions.

A stored decision names its routes by name (`finance`, `root › professional › traffic`);
`case show` and `case history` print them by title (`routing/titles.py`). Titles are read
from the rules file in effect with the YAML loader alone — not validated nor compiled,
which costs the everyday reads half a second — and kept as a small table by the file's
bytes (`mediate.namecache`), so a read does not import the loader at all; a file that
cannot be read gives no titles: the names are printed, as before titles existed.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


def rule_titles() -> dict[str, str]:
    """name -> title of the routes of the rules in effect (settings, else bundled)."""
    from mediate.config import load_settings
    from mediate.errors import MediateError
    from mediate.resources import default_rules_file

    try:
        path = load_settings().path("rules") or default_rules_file()
        stat = path.stat()
    except (OSError, ValueError, MediateError):
        return {}
    return dict(_titles(path, stat.st_mtime_ns, stat.st_size))


@cache
def _titles(path: Path, mtime: int, size: int) -> tuple[tuple[str, str], ...]:
    """The titles, kept small by `namecache` so a read neither imports PyYAML nor reads the
    whole rules document (issue 19 item 1)."""
    from mediate.namecache import derived

    try:
        return tuple(derived(path, "route titles 1", _titles_in_file).items())
    except Exception:  # an unreadable file prints names; `rules check` says why
        return ()


def _titles_in_file(path: Path) -> dict[str, str]:
    from mediate import safeyaml
    from mediate.routing.titles import titles_in

    return titles_in(safeyaml.load_file(path))
