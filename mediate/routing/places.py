"""Places as the clerk reads them: a division code with its division's name.

Light on purpose: `case show` and `case history` print every stored place through
`place_label`, so this module imports neither the network (routing/network.py) nor the
YAML loader; the names come from `mediate.namecache`, derived from the bundled network
file only when it has changed (issue 19 item 1).
"""

from __future__ import annotations

from collections.abc import Iterable
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


# The divisions of the deployment's own bodies that data/network.yaml does not list (a
# village room a deployment imported with `org import` at its village's code): the network
# the deployment configured knows them (services/routing.stored_network), so a place
# written at one as `name（code）` is no unknown code. Set by the commands that read places
# (`use_deployment_divisions`), and in an import's reader process from its parameters.
_deployment_divisions: frozenset[str] = frozenset()


def use_deployment_divisions(codes: Iterable[str]) -> None:
    """The division codes the deployment's network places bodies at (any may be one
    data/network.yaml lists too)."""
    global _deployment_divisions
    _deployment_divisions = frozenset(c for c in codes if c and is_division_code(c))


def deployment_divisions() -> frozenset[str]:
    return _deployment_divisions


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
