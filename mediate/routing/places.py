"""Places as the clerk reads them: a division code with its division's name.

Light on purpose: `case show` and `case history` print every stored place through
`place_label`, so this module imports neither the network (routing/network.py) nor the
YAML loader; the names come from `mediate.namecache`, derived from the bundled network
file only when it has changed (issue 19 item 1).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path


def is_division_code(text: str) -> bool:
    return text.isdigit() and len(text) in (6, 9, 12)


def place_label(location: str | None, own: Mapping[str, str] | None = None) -> str | None:
    """A place as the clerk reads it: a division code stored for it (a court's 410802009)
    with the division's name, 焦作市解放区王褚街道（410802009）, the form `case edit --set`
    takes back; any other text as stored. Pure: `own` (code -> name) is the deployment's
    own divisions named by `org import` (orgs.division_name) that the bundled table lacks,
    passed in by whoever shows the place (`case show`, the history, `case new`'s summary,
    `case edit`'s change table, `export cases`); nothing a command was told is read here
    (review of 2026-12-03: a process-wide name list leaked between commands and tests)."""
    if not location or not is_division_code(location):
        return location
    name = bundled_division_names().get(location) or (own or {}).get(location)
    return f"{name}（{location}）" if name else location


# The divisions of the deployment's own bodies that data/network.yaml does not list (a
# village room a deployment imported with `org import` at its village's code): the network
# the deployment configured knows them (services/routing.stored_network), so a place
# written at one as `name（code）` is no unknown code, and where the deployment declared the
# division's name (a YAML file's `divisions:`, a CSV/XLSX file's `division_name` column) the
# name written beside the code is checked against it. Set by the commands that read places
# (`use_deployment_divisions`), and in an import's reader process from its parameters; read
# by intake's checks only (intake/validate), never by `place_label`.


class DeploymentDivisions(frozenset[str]):
    """The division codes of the deployment's bodies, with the full names it declared for
    some (`names`: code -> 焦作市解放区王褚街道某村). Compared and hashed with the names, so
    a cache keyed by it does not answer for another deployment's names; pickled with them
    for an import's reader process."""

    names: dict[str, str]
    _key: int

    def __new__(
        cls, codes: Iterable[str] = (), names: Mapping[str, str] | None = None
    ) -> DeploymentDivisions:
        self = super().__new__(cls, (c for c in codes if c and is_division_code(c)))
        self.names = {c: n for c, n in (names or {}).items() if c in self and n}
        self._key = hash((frozenset(self), frozenset(self.names.items())))
        return self

    def __eq__(self, other: object) -> bool:
        return frozenset.__eq__(self, other) is True and self.names == getattr(other, "names", {})

    def __hash__(self) -> int:
        return self._key


_deployment_divisions = DeploymentDivisions()


def use_deployment_divisions(codes: Iterable[str], names: Mapping[str, str] | None = None) -> None:
    """The division codes the deployment's network places bodies at (any may be one
    data/network.yaml lists too), with the names it declared for some: `names`, else
    those `codes` carries (a `DeploymentDivisions` passed on to a reader process)."""
    global _deployment_divisions
    if names is None:
        names = getattr(codes, "names", None)
    _deployment_divisions = DeploymentDivisions(codes, names)


def deployment_divisions() -> DeploymentDivisions:
    return _deployment_divisions


def place_forms(code: str, divisions: Mapping[str, str]) -> set[str]:
    """The names a division may be written by: its own part (王褚街道) after any of the
    parts of the divisions above it, in order (焦作市解放区王褚街道, 解放区王褚街道,
    焦作市王褚街道)."""
    chain = [c for c in (code[:4] + "00", code[:6], code[:9], code) if len(c) <= len(code)]
    parts: list[str] = []
    above = ""
    for c in dict.fromkeys(chain):  # the city, county, township, village: each once
        name = divisions.get(c, "")
        parts.append(name.removeprefix(above) if above and name.startswith(above) else name)
        above = name or above
    own, ancestors = parts[-1], parts[:-1]
    forms = {own}
    for ancestor in reversed(ancestors):
        forms |= {ancestor + form for form in forms}
    return forms


def names_division(code: str, given: str, divisions: Mapping[str, str]) -> bool:
    """Whether `given` (white space ignored) is a name of the division `code`: in full, or
    without any of the divisions above it, with or without 河南省 before it."""
    written = "".join(given.split()).removeprefix("河南省")
    return written in place_forms(code, divisions)


def full_division_name(code: str, declared: str, divisions: Mapping[str, str]) -> str:
    """A deployment's own division's name as the bundled table writes its divisions, under
    the nearest division above it that `divisions` names: 王褚街道某村 or 某村 at
    410802009201 is 焦作市解放区王褚街道某村 (the part of `declared` that names a division
    above it is dropped)."""
    written = "".join(declared.split()).removeprefix("河南省")
    above = next(
        (c for c in (code[:9], code[:6], code[:4] + "00") if len(c) < len(code) and c in divisions),
        None,
    )
    if above is None:
        return written
    for form in sorted(place_forms(above, divisions), key=len, reverse=True):
        if form and written.startswith(form) and len(written) > len(form):
            return divisions[above] + written[len(form) :]
    return divisions[above] + written


def own_division_names(rows: Iterable[tuple[str, str, str | None]]) -> dict[str, str]:
    """code -> the name the deployment declared (orgs.division_name, `org import`) for each
    division of its own bodies that data/network.yaml lacks, from (body id, division_code,
    division_name) rows in any order: the name the body of the first id gives a code (`org
    import` gives a code one name: services/network). The one reading of those names, for
    `case show` (services/cases.own_place_names, SQL on the light path) and the stored
    network (services/routing.stored_network, ORM)."""
    bundled = bundled_division_names()
    chosen: dict[str, tuple[str, str]] = {}
    for body, code, name in rows:
        if name and code not in bundled and (code not in chosen or body < chosen[code][0]):
            chosen[code] = (body, name)
    return {code: name for code, (_body, name) in chosen.items()}


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
