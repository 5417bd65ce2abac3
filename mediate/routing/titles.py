"""Routes as the clerk reads them: by title (专业调解 › 道路交通事故), the name in brackets.

A route's `name` (`traffic`) is the rules file's id for it, stable for scripts and rule
tests; its `title` (道路交通事故纠纷) is what the interface prints. A route without a title
is printed by its name. What is printed is taken back: `resolve` reads a name, a title, or
the printed `title（name）`.

Pure: no I/O (the rules in effect are read by `services/rulenames.py`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from mediate.i18n import _

if TYPE_CHECKING:
    from mediate.routing.schema import RouteSpec

#: The root's name: a path starts there, and the printed path leaves it out.
ROOT = "root"


def titles_of(root: RouteSpec) -> dict[str, str]:
    """name -> title of every route of a parsed tree that has a title."""
    return {r.name: r.title for r in root.walk() if r.title}


def titles_in(document: Any) -> dict[str, str]:
    """name -> title of every route with a title in a loaded rules document (a mapping,
    as YAML gives it); whatever is not shaped like routes is passed over."""
    found: dict[str, str] = {}
    todo = [document.get("route")] if isinstance(document, Mapping) else []
    while todo:
        route = todo.pop()
        if not isinstance(route, Mapping):
            continue
        name, title = route.get("name"), route.get("title")
        if isinstance(name, str) and isinstance(title, str) and title.strip():
            found[name.strip()] = title.strip()
        children = route.get("routes")
        if isinstance(children, list):
            todo.extend(children)
    return found


def rule_label(name: str, titles: Mapping[str, str]) -> str:
    """A route as printed: its title with the name in brackets, or the name alone."""
    title = titles.get(name)
    return _("{name} ({id})").format(name=title, id=name) if title else name


def rule_cell(name: str, titles: Mapping[str, str]) -> str:
    """A route in a table's narrow column: the title, and the name in brackets below."""
    title = titles.get(name)
    return _("{title}\n({name})").format(title=title, name=name) if title else name


def path_label(path: Sequence[str], titles: Mapping[str, str]) -> str:
    """A decision's path as printed: the titles below the root, the last one with its
    name in brackets (专业调解 › 道路交通事故纠纷（traffic）); the root alone by its label."""
    below = [p for p in path if p != ROOT] or list(path[:1])
    if not below:
        return ""
    shown = [titles.get(p, p) for p in below[:-1]]
    return " › ".join([*shown, rule_label(below[-1], titles)])


def resolve(text: str, names: Sequence[str], titles: Mapping[str, str]) -> str | None:
    """The route named by what the clerk typed — its name, its title, or the printed
    `title（name）` / `title (name)` — or None."""
    typed = text.strip()
    if typed in names:
        return typed
    for name, title in titles.items():
        if typed == title:
            return name
    for opening, closing in (("（", "）"), ("(", ")")):
        if typed.endswith(closing) and opening in typed:
            inner = typed[typed.rindex(opening) + 1 : -1].strip()
            if inner in names:
                return inner
    return None
