"""Load a rules file: read, validate (every error at once), compile, hash."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from mediate import safeyaml
from mediate.errors import ValidationError, ValidationErrors, located
from mediate.files import os_reason
from mediate.i18n import _
from mediate.routing.causes import Taxonomy
from mediate.routing.engine import CompiledRules, compile_rules
from mediate.routing.network import Network
from mediate.routing.schema import RuleError, RulesSpec, check
from mediate.routing.source import Mark, SourceError, load_located


def content_hash(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def check_text(
    text: str, file: str, network: Network, taxonomy: Taxonomy
) -> tuple[RulesSpec | None, list[RuleError]]:
    try:
        data = load_located(text, file)
    except SourceError as exc:
        return None, [RuleError(exc.mark, (), exc.message)]
    except yaml.YAMLError as exc:  # no position in the text: a control character, binary
        return None, [
            RuleError(
                Mark(file, 1, 1),
                (),
                _("not a YAML text file: {error}").format(error=safeyaml.problem(exc)),
            )
        ]
    if data is None:
        return None, [RuleError(Mark(file, 1, 1), (), _("the rules file is empty"))]
    spec, errors = check(data, file, network, taxonomy)
    if errors:  # printed by the routes' titles (RuleError.shown)
        from dataclasses import replace

        from mediate.routing.titles import titles_in

        titles = titles_in(data)
        errors = [replace(e, titles=titles) for e in errors]
    return spec, errors


def as_validation_errors(file: str, errors: list[RuleError]) -> ValidationErrors:
    # Two messages rather than ngettext: the catalog tooling checks singular msgids only.
    summary = (
        _("{file}: 1 error in the rules")
        if len(errors) == 1
        else _("{file}: {n} errors in the rules")
    ).format(file=file, n=len(errors))
    return ValidationErrors(
        [
            ValidationError(located(e.place(), e.message) if e.path else e.message, str(e.mark))
            for e in errors
        ],
        summary,
    )


def compile_text(data: bytes, file: str, network: Network, taxonomy: Taxonomy) -> CompiledRules:
    text = safeyaml.decode(data, file)  # a FileError (a ValidationError) when not UTF-8
    spec, errors = check_text(text, file, network, taxonomy)
    if spec is None:
        raise as_validation_errors(file, errors)
    return compile_rules(spec, network, taxonomy, content_hash(data))


def load_rules_file(path: Path, network: Network, taxonomy: Taxonomy) -> CompiledRules:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(
            _("cannot read the rules: {error}").format(error=os_reason(exc)), str(path)
        ) from None
    return compile_text(data, display_path(path), network, taxonomy)


def display_path(path: Path) -> str:
    """The path as the user would write it: relative to the working directory if inside."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
