"""YAML with positions: parse a document into plain values that remember where they were.

PyYAML's `compose` gives nodes with start marks; we walk them (as pre-commit does) and
build dicts and lists that carry the line and column of every key and item, so that a
validation error can say `rules/jiaozuo.yaml:12:7`. Duplicate keys are an error here
(plain `yaml.safe_load` silently keeps the last one).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from mediate import safeyaml
from mediate.i18n import _


@dataclass(frozen=True)
class Mark:
    file: str
    line: int  # 1-based
    column: int  # 1-based

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class LDict(dict[str, Any]):
    """A mapping that knows where it and each of its keys and values start."""

    mark: Mark
    key_marks: dict[str, Mark]
    value_marks: dict[str, Mark]

    def key_mark(self, key: str) -> Mark:
        return self.key_marks.get(key, self.mark)

    def value_mark(self, key: str) -> Mark:
        return self.value_marks.get(key, self.mark)


class LList(list[Any]):
    mark: Mark
    item_marks: list[Mark]

    def item_mark(self, index: int) -> Mark:
        return self.item_marks[index] if index < len(self.item_marks) else self.mark


class SourceError(Exception):
    def __init__(self, mark: Mark, message: str) -> None:
        self.mark = mark
        self.message = message
        super().__init__(f"{mark}: {message}")


def mark_of(value: Any, default: Mark) -> Mark:
    return getattr(value, "mark", default)


def load_located(text: str, file: str) -> Any:
    """Parse one YAML document into LDict/LList/scalars; raise SourceError on bad YAML."""
    loader = safeyaml.Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return _convert(node, loader, file)
    except yaml.MarkedYAMLError as exc:
        where = exc.problem_mark or exc.context_mark
        mark = Mark(file, where.line + 1, where.column + 1) if where else Mark(file, 1, 1)
        raise SourceError(
            mark, _("not valid YAML: {problem}").format(problem=safeyaml.problem(exc))
        ) from None
    finally:
        loader.dispose()


def _mark(node: yaml.Node, file: str) -> Mark:
    return Mark(file, node.start_mark.line + 1, node.start_mark.column + 1)


def _convert(node: yaml.Node, loader: safeyaml.Loader, file: str) -> Any:
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)  # resolves `<<: *anchor` merges
        result = LDict()
        result.mark = _mark(node, file)
        result.key_marks = {}
        result.value_marks = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            key_text = str(key)
            if key_text in result:
                raise SourceError(
                    _mark(key_node, file), _("duplicate key {key!r}").format(key=key_text)
                )
            result[key_text] = _convert(value_node, loader, file)
            result.key_marks[key_text] = _mark(key_node, file)
            result.value_marks[key_text] = _mark(value_node, file)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = LList(_convert(child, loader, file) for child in node.value)
        items.mark = _mark(node, file)
        items.item_marks = [_mark(child, file) for child in node.value]
        return items
    return loader.construct_object(node, deep=True)
