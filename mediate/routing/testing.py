"""Rule test files: named disputes with the body (or kind, rule…) each must reach.

    # rules/tests/jiaozuo.yaml
    cases:
      - name: a bank's loan claim goes to the finance committee
        expect: {org: jz-410800-finance, rule: finance, deadline_days: 15}
        case:                      # a dispute exactly as in DESIGN.md §3.1
          cause: 金融借款合同纠纷
          source: court_entrusted
          parties: [...]

`expect` may name: org, kind, level, rule, path, deadline_days, deadline_unit (days or
workdays), warnings (true/false: whether the decision carries any warning); a rule, and
the rules of a path, by name or by title, as `rules explain` prints them. Each case is
routed by a fresh router (no load), so the result does not depend on the order of the
cases.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from mediate.domain.model import CaseInput, Decision
from mediate.domain.vocabulary import LEVEL, ORG_KIND, Vocabulary
from mediate.errors import ValidationError, ValidationErrors
from mediate.i18n import _
from mediate.routing.source import LDict, LList, Mark, SourceError, load_located
from mediate.routing.titles import ROOT, resolve

EXPECT_KEYS = (
    "org",
    "kind",
    "level",
    "rule",
    "path",
    "deadline_days",
    "deadline_unit",
    "warnings",
)
CASE_KEYS = ("name", "expect", "case", "description")

# (text of one dispute, padded so lines and columns match the file; the file name) -> case
ParseCase = Callable[[str, str], CaseInput]


@dataclass
class RuleCase:
    file: str
    name: str
    mark: Mark
    expect: dict[str, Any]
    case: CaseInput


@dataclass
class CaseResult:
    test: RuleCase
    got: dict[str, Any]
    mismatches: list[str]

    @property
    def passed(self) -> bool:
        return not self.mismatches

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.test.file,
            "name": self.test.name,
            "where": str(self.test.mark),
            "passed": self.passed,
            "expected": self.test.expect,
            "got": {k: self.got[k] for k in self.test.expect},
        }


def observed(decision: Decision) -> dict[str, Any]:
    return {
        "org": decision.org.id,
        "kind": decision.org.kind.value,
        "level": decision.org.level.value,
        "rule": decision.rule,
        "path": list(decision.path),
        "deadline_days": decision.deadline_days,
        "deadline_unit": decision.deadline_unit,
        "warnings": bool(decision.warnings),
    }


def load_rule_tests(text: str, file: str, parse: ParseCase) -> list[RuleCase]:
    """The named cases of one test file; every problem at once, with file:line:column."""
    errors: list[ValidationError] = []
    try:
        data = load_located(text, file)
    except SourceError as exc:
        raise ValidationError(exc.message, str(exc.mark)) from None
    top = Mark(file, 1, 1)
    if not isinstance(data, LDict) or not isinstance(data.get("cases"), LList):
        raise ValidationError(_("a rule test file is a mapping with a list of 'cases'"), str(top))
    unknown = [k for k in data if k not in ("cases", "description")]
    if unknown:
        raise ValidationError(
            _("unknown key {key!r} (expected: cases, description)").format(key=unknown[0]),
            str(data.key_mark(unknown[0])),
        )
    lines = text.splitlines(keepends=True)
    cases: list[RuleCase] = []
    seen: set[str] = set()
    items: LList = data["cases"]
    for index, item in enumerate(items):
        mark = items.item_mark(index)
        try:
            cases.append(_one(item, mark, file, lines, parse, seen))
        except ValidationErrors as exc:
            errors.extend(exc.errors)
        except ValidationError as exc:
            errors.append(exc)
    if errors:
        raise ValidationErrors(errors, _("{file}: the rule tests cannot run:").format(file=file))
    return cases


def _one(
    item: Any, mark: Mark, file: str, lines: list[str], parse: ParseCase, seen: set[str]
) -> RuleCase:
    if not isinstance(item, LDict):
        raise ValidationError(_("a test case is a mapping with name, expect and case"), str(mark))
    for key in item:
        if key not in CASE_KEYS:
            raise ValidationError(
                _("unknown key {key!r} (expected one of: {keys})").format(
                    key=key, keys=_(", ").join(CASE_KEYS)
                ),
                str(item.key_mark(key)),
            )
    for key in ("name", "expect", "case"):
        if key not in item:
            raise ValidationError(_("a test case needs {key!r}").format(key=key), str(item.mark))
    name = str(item["name"])
    if name in seen:
        raise ValidationError(_("duplicate test name {name!r}").format(name=name), str(item.mark))
    seen.add(name)
    expect = item["expect"]
    if not isinstance(expect, LDict) or not expect:
        raise ValidationError(
            _("'expect' names at least one of: {keys}").format(keys=_(", ").join(EXPECT_KEYS)),
            str(item.value_mark("expect")),
        )
    for key in expect:
        if key not in EXPECT_KEYS:
            raise ValidationError(
                _("unknown key {key!r} (expected one of: {keys})").format(
                    key=key, keys=_(", ").join(EXPECT_KEYS)
                ),
                str(expect.key_mark(key)),
            )
    wanted = dict(expect)
    for key, vocabulary in _WORDS.items():
        if key in expect:
            code = vocabulary.find(str(expect[key]))
            if code is None:
                raise ValidationError(
                    _("{key}: '{value}' is not a {what} (use one of: {allowed})").format(
                        key=key,
                        value=str(expect[key]),
                        what=vocabulary.what(),
                        allowed=vocabulary.allowed(),
                    ),
                    str(expect.value_mark(key)),
                )
            wanted[key] = code
    case_node = item["case"]
    if not isinstance(case_node, LDict):
        raise ValidationError(_("'case' is a dispute (a mapping)"), str(item.value_mark("case")))
    text = _excerpt(lines, case_node.mark, _end_line(item, lines))
    return RuleCase(file, name, mark, wanted, parse(text, file))


# Expected values written as a code or as a label, in either language (as `org show` prints
# them); a word of neither is an error of the file, not a mismatch.
_WORDS: dict[str, Vocabulary] = {"kind": ORG_KIND, "level": LEVEL}


def _end_line(item: LDict, lines: list[str]) -> int:
    """The last line (1-based) that can belong to the case's `case:` value."""
    after = [m.line for m in item.key_marks.values() if m.line > item.value_mark("case").line]
    indent = item.mark.column - 1
    end = min(after) - 1 if after else len(lines)
    for number in range(item.value_mark("case").line + 1, end + 1):
        line = lines[number - 1]
        stripped = line.lstrip(" ")
        if (
            stripped.strip()
            and not stripped.startswith("#")
            and len(line) - len(stripped) <= indent
        ):
            return number - 1
    return end


def _excerpt(lines: list[str], start: Mark, end_line: int) -> str:
    """The dispute's own lines, padded so that positions in it are positions in the file."""
    first = lines[start.line - 1]
    body = [" " * (start.column - 1) + first[start.column - 1 :]]
    body.extend(lines[start.line : end_line])
    return "\n" * (start.line - 1) + "".join(body)


def check_case(
    test: RuleCase, decision: Decision, titles: Mapping[str, str] | None = None
) -> CaseResult:
    """The decision against what the case expects. A rule or a path's rules may be
    written by name, by title (`titles`: name -> title) or as `rules explain` prints them
    (`专业调解领域 › 道路交通事故（traffic）`, the root left out)."""
    got = observed(decision)
    mismatches = []
    for key, wanted in test.expect.items():
        value = got[key]
        if key == "rule":
            wanted = _rule(str(wanted), decision.path, titles or {})
        elif key == "path":
            wanted = _path(wanted, decision.path, titles or {})
        if value != wanted:
            if key in _WORDS:  # the clerk's words, not the codes
                wanted, value = _WORDS[key].label(wanted), _WORDS[key].label(value)
            mismatches.append(
                _("{key}: expected {wanted}, got {got}").format(key=key, wanted=wanted, got=value)
            )
    return CaseResult(test, got, mismatches)


def _rule(wanted: str, path: list[str], titles: Mapping[str, str]) -> str:
    return resolve(wanted, [*path, *titles], titles) or wanted


def _path(wanted: Any, got: list[str], titles: Mapping[str, str]) -> list[str]:
    parts = wanted if isinstance(wanted, list) else re.split(r"\s*(?:>|›)\s*", str(wanted))
    names = [_rule(str(p), got, titles) for p in parts]
    if names and names[0] != ROOT and got[:1] == [ROOT]:
        names.insert(0, ROOT)  # as printed: the root left out
    return names
