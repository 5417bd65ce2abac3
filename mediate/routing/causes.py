"""The 案由 taxonomy (民事案件案由规定) as a pure, versioned tree.

`Taxonomy.groups(name)` gives a cause and every group above it — what the rules'
`cause_group` matcher tests. A cause the taxonomy does not know is placed by keyword
(`Taxonomy.infer`): the known causes whose core name (without 纠纷) appears in it lend
their groups, and routing warns that it guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from mediate.errors import ValidationError
from mediate.i18n import _


@dataclass(frozen=True)
class Cause:
    code: str  # positional, e.g. "4.10.30.1"
    name: str
    level: int  # 1 = part (部分) … 4
    parent_code: str | None


_SUFFIX = re.compile(r"(纠纷|案件|诉讼|之诉)$")


def core_name(name: str) -> str:
    return _SUFFIX.sub("", name)


class Taxonomy:
    def __init__(self, version: str, causes: Iterable[Cause], title: str | None = None) -> None:
        self.version = version
        self.title = title
        self.causes: dict[str, Cause] = {c.code: c for c in causes}
        self._by_name: dict[str, Cause] = {}
        for c in self.causes.values():
            known = self._by_name.get(c.name)
            if known is None or c.level > known.level:  # the most specific node wins
                self._by_name[c.name] = c
        self._groups: dict[str, frozenset[str]] = {}
        self._keywords = sorted(
            ((core_name(c.name), c) for c in self.causes.values() if len(core_name(c.name)) >= 2),
            key=lambda kc: (-len(kc[0]), -kc[1].level),
        )

    def __len__(self) -> int:
        return len(self.causes)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def find(self, name: str) -> Cause | None:
        return self._by_name.get(name.strip())

    def by_code(self, code: str) -> Cause | None:
        return self.causes.get(code)

    def lineage(self, cause: Cause) -> list[Cause]:
        """The cause and its ancestors, nearest first."""
        chain = [cause]
        while chain[-1].parent_code is not None:
            parent = self.causes.get(chain[-1].parent_code)
            if parent is None:
                break
            chain.append(parent)
        return chain

    def children(self, cause: Cause | None) -> list[Cause]:
        code = cause.code if cause else None
        return [c for c in self.causes.values() if c.parent_code == code]

    def groups(self, name: str) -> frozenset[str] | None:
        """The names of the cause and all its ancestors; None if the cause is unknown."""
        cached = self._groups.get(name)
        if cached is not None:
            return cached
        cause = self.find(name)
        if cause is None:
            return None
        result = frozenset(c.name for c in self.lineage(cause))
        self._groups[name] = result
        return result

    def infer(self, name: str) -> tuple[frozenset[str], list[Cause]]:
        """Groups for an unknown cause, from the known causes named inside it."""
        hits: list[Cause] = []
        covered: list[str] = []
        for keyword, cause in self._keywords:
            if keyword in name and not any(keyword in longer for longer in covered):
                hits.append(cause)
                covered.append(keyword)
        names: set[str] = {name}
        for cause in hits:
            names.update(c.name for c in self.lineage(cause))
        return frozenset(names), hits

    def search(self, text: str, limit: int = 50) -> list[Cause]:
        """Causes whose name contains `text` (or all of its characters in order)."""
        text = text.strip()
        exact = [c for c in self.causes.values() if text in c.name]
        if exact:
            return exact[:limit]
        pattern = re.compile(".*".join(re.escape(ch) for ch in text))
        return [c for c in self.causes.values() if pattern.search(c.name)][:limit]

    def walk(self) -> Iterator[Cause]:
        yield from self.causes.values()


def parse_taxonomy(data: Any, source: str, version: str | None = None) -> Taxonomy:
    """A taxonomy from the nested YAML form of `data/causes-2020.yaml`, or a flat list of
    {code, name, level, parent_code} records."""
    if not isinstance(data, dict) or "causes" not in data:
        raise ValidationError(_("a taxonomy file is a mapping with 'causes'"), source)
    label = str(version or data.get("version") or "")
    if not label:
        raise ValidationError(_("the taxonomy has no version; give one"), source)
    causes: list[Cause] = []
    tree = data["causes"]
    if isinstance(tree, list) and tree and isinstance(tree[0], dict) and "code" in tree[0]:
        for index, item in enumerate(tree):
            try:
                causes.append(
                    Cause(
                        code=str(item["code"]),
                        name=str(item["name"]).strip(),
                        level=int(item.get("level") or str(item["code"]).count(".") + 1),
                        parent_code=(str(item["parent_code"]) if item.get("parent_code") else None),
                    )
                )
            except (KeyError, TypeError, ValueError):
                raise ValidationError(
                    _("causes[{index}]: needs code and name").format(index=index), source
                ) from None
    else:
        _walk_nested(tree, None, 1, causes, source)
    return Taxonomy(label, causes, data.get("title"))


def _walk_nested(node: Any, parent: str | None, level: int, out: list[Cause], source: str) -> None:
    items: list[tuple[str, Any]]
    if isinstance(node, dict):
        items = list(node.items())
    elif isinstance(node, list):
        items = []
        for item in node:
            if isinstance(item, dict) and len(item) == 1:
                items.extend(item.items())
            elif isinstance(item, str):
                items.append((item, None))
            else:
                raise ValidationError(
                    _("unexpected entry {entry!r} under {parent}").format(
                        entry=item, parent=parent or "causes"
                    ),
                    source,
                )
    elif node is None:
        return
    else:
        raise ValidationError(_("unexpected entry {entry!r}").format(entry=node), source)
    for position, (name, children) in enumerate(items, start=1):
        code = f"{parent}.{position}" if parent else str(position)
        out.append(Cause(code, str(name).strip(), level, parent))
        _walk_nested(children, code, level + 1, out, source)


def load_taxonomy_file(path: Path, version: str | None = None) -> Taxonomy:
    import yaml

    from mediate import safeyaml

    try:
        data = safeyaml.load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise safeyaml.error(exc, str(path)) from None
    except OSError as exc:
        raise ValidationError(str(exc), str(path)) from None
    return parse_taxonomy(data, str(path), version)


@lru_cache(maxsize=2)
def bundled_taxonomy() -> Taxonomy:
    from mediate.resources import data_dir

    return load_taxonomy_file(data_dir() / "causes-2020.yaml")
