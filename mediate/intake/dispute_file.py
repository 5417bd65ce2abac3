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
from mediate.domain.parties import LEGAL_REPRESENTATIVE, OPERATOR
from mediate.errors import ValidationError, ValidationErrors, located
from mediate.i18n import _, pgettext
from mediate.intake.validate import CASE_FIELDS, build_case, build_party, representative_refusal
from mediate.intake.values import BadValue, clean_text, parse_kind


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
            refused = self.representative(values, prefix)
            party, problems = build_party(values, prefix=prefix)
            for problem in problems:
                if problem.field in self.unread or problem.field in refused:
                    continue
                self.error(self.lines.get(problem.field, item), problem.field, problem.message)
            if party is not None and not refused:
                parties.append(party)
        return parties

    def representative(self, values: dict[str, Any], prefix: str) -> tuple[str, ...]:
        """The fields of a party refused for its kind and title disagreeing (none if they
        agree), the refusal recorded at the title's line: the kind stated wins, as import
        and `case new` refuse it (`validate.representative_refusal`: only a 个体工商户 has a
        经营者, 民诉法解释 (2022) art. 59; an organisation's representative is its 法定代表人
        or 负责人, 民事诉讼法 art. 51). In a file the title says who speaks: `legal_rep_title:
        经营者` the operator, any other the representative; a kind left out is read from
        the title, as a row's (build_party)."""
        title = clean_text(values.get("legal_rep_title"))
        kind = clean_text(values.get("kind"))
        try:
            if not title or parse_kind(kind) is None:
                return ()
        except BadValue:
            return ()  # build_party says what the kind is not
        operator = title == OPERATOR

        def label(field: str) -> str:
            if field == "kind":
                return "kind"
            said = OPERATOR if field == "operator" else LEGAL_REPRESENTATIVE
            return pgettext("dispute file", "legal_rep (legal_rep_title: {title})").format(
                title=said
            )

        refused = representative_refusal(kind, operator, not operator, label)
        if refused is None:
            return ()
        field = prefix + "legal_rep_title"
        self.error(self.lines[field], field, refused[1])
        return field, prefix + "legal_rep"
