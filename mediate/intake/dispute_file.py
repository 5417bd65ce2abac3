"""A dispute as a file (DESIGN.md §3.1): YAML or JSON, UTF-8, into `CaseInput`.

Every problem carries `file:line:column` and the field path (`parties[1].id_number`);
all problems of a file are reported together.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from mediate import safeyaml
from mediate.domain.fields import PARTY_FIELDS
from mediate.domain.model import CaseInput, Party
from mediate.errors import ValidationError, ValidationErrors, located
from mediate.i18n import _
from mediate.intake.validate import CASE_FIELDS, build_case, build_party


def load_dispute_file(path: Path, today: dt.date | None = None) -> CaseInput:
    text = safeyaml.read_text(path)  # a FileError (a ValidationError): unreadable, not UTF-8
    return parse_dispute(text, str(path), today=today)


def parse_dispute(text: str, name: str = "<input>", today: dt.date | None = None) -> CaseInput:
    loader = safeyaml.Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise safeyaml.error(exc, name) from exc
    finally:
        loader.dispose()
    if not isinstance(root, yaml.MappingNode):
        raise ValidationError(_("a dispute file holds a mapping of fields"), where=f"{name}:1:1")
    return _Reader(name, loader).case(root, today)


class _Reader:
    def __init__(self, name: str, loader: safeyaml.Loader) -> None:
        self.name = name
        self.loader = loader
        self.errors: list[ValidationError] = []
        self.lines: dict[str, yaml.Node] = {}
        self.unread: set[str] = set()  # fields whose value YAML could not make: said once

    def where(self, node: yaml.Node) -> str:
        mark = node.start_mark
        return f"{self.name}:{mark.line + 1}:{mark.column + 1}"

    def error(self, node: yaml.Node, field: str, message: str) -> None:
        self.errors.append(ValidationError(located(field, message), where=self.where(node)))

    def mapping(
        self, node: yaml.MappingNode, known: tuple[str, ...], prefix: str
    ) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                # `? [1]`: a complex key, whose node's repr is no key name; said as safeyaml
                # says PyYAML's "found unhashable key"
                message = _("a key cannot be a list or a mapping")
                where = self.where(key_node)
                if prefix:
                    message = located(prefix.removesuffix("."), message)
                self.errors.append(ValidationError(message, where=where))
                continue
            key = str(key_node.value)
            if key not in known:
                self.error(
                    key_node,
                    prefix + key,
                    _("unknown key (known: {keys})").format(keys=_(", ").join(known)),
                )
                continue
            self.lines[prefix + key] = value_node
            if key == "parties":
                values[key] = value_node
                continue
            try:
                values[key] = self.scalar(value_node)
            except yaml.MarkedYAMLError as exc:  # `!tag x`; a date inside a list
                self.error(value_node, prefix + key, safeyaml.problem(exc))
                self.unread.add(prefix + key)
        return values

    def scalar(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith((":float", ":int")):
            return node.value  # keep the digits as written: money is never a float
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.MarkedYAMLError:
            if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":timestamp"):
                # 2026-02-30, no real day: as written, for the field's own check to
                # say what it says when the date is quoted
                return node.value
            raise

    def case(self, root: yaml.MappingNode, today: dt.date | None) -> CaseInput:
        values = self.mapping(root, CASE_FIELDS, "")
        parties = self.parties(values.pop("parties", None), root)
        case, problems = build_case(values, parties, today=today, check_roles=not self.errors)
        for problem in problems:
            if problem.field in self.unread:
                continue
            node = self.lines.get(problem.field, self.lines.get("parties", root))
            self.error(node, problem.field, problem.message)
        if self.errors or case is None:
            raise ValidationErrors(
                self.errors,
                summary=_("{file}: the dispute was not registered:").format(file=self.name),
            )
        return case

    def parties(self, node: yaml.Node | None, root: yaml.Node) -> list[Party]:
        if node is None:
            self.error(root, "parties", _("a dispute needs its parties"))
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, "parties", _("parties must be a list"))
            return []
        parties = []
        for index, item in enumerate(node.value, start=1):
            prefix = f"parties[{index}]."
            if not isinstance(item, yaml.MappingNode):
                self.error(item, f"parties[{index}]", _("a party is a mapping of fields"))
                continue
            values = self.mapping(item, PARTY_FIELDS, prefix)
            party, problems = build_party(values, prefix=prefix)
            for problem in problems:
                if problem.field not in self.unread:
                    self.error(self.lines.get(problem.field, item), problem.field, problem.message)
            if party is not None:
                parties.append(party)
        return parties
