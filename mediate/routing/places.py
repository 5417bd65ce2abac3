"""Places as the clerk reads them: a division code with its division's name.

Light on purpose: `case show` and `case history` print every stored place through
`place_label`, so this module imports neither the network (routing/network.py) nor the
YAML loader; the names come from `mediate.namecache`, derived from the bundled network
file only when it has changed (issue 19 item 1).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


def is_division_code(text: str) -> bool:
    return text.isdigit() and len(text) in (6, 9, 12)


def place_label(location: str | None) -> str | None:
    """A place as the clerk reads it: a division code stored for it (a court's 410802009)
    with the division's name, 焦作市解放区王褚街道（410802009）, the form `case edit --set`
    takes back; any other text as stored. Pure of the store: the history (domain/events)
    and `case show` read it alike."""
    if not location or not is_division_code(location):
        return location
    name = bundled_division_names().get(location)
    return f"{name}（{location}）" if name else location


def bundled_division_names() -> dict[str, str]:
    """code -> name of the bundled network's divisions (data/network.yaml)."""
    from mediate.resources import data_dir

    return _division_names(data_dir() / "network.yaml")


@lru_cache(maxsize=1)
def _division_names(path: Path) -> dict[str, str]:
    from mediate.namecache import derived

    return derived(path, "division names 1", _names_in_file)


def _names_in_file(path: Path) -> dict[str, str]:
    from mediate.routing.network import load_network_file

    return {d.code: d.name for d in load_network_file(path).divisions}
