"""Every audit/history action the code writes has a label (`domain/events.action_label`):
`case history` never shows a stored code such as `import_update` to the clerk.

The actions are found by reading the code, not by a list kept beside it: the first argument
of every `uow.record(...)`, the action argument of every `update_case(...)`, the action of
the rows the bulk import appends to `events`, and the action the PostgreSQL triggers write.
An action built at run time (`"confirm_" + state`) is expanded over its closed set below; a
new kind of built action fails the test until it is added here.
"""

import ast
import re
from pathlib import Path

from mediate.domain.events import action_label, has_label
from mediate.domain.performance import PerformanceKind
from mediate.domain.status import ConfirmationStatus
from mediate.i18n import in_language
from mediate.services.credit import REPORTED
from mediate.store.rls import DIRECT_INSERT_ACTION, DIRECT_UPDATE_ACTION

PACKAGE = Path(__file__).resolve().parents[2] / "mediate"

# Actions built at run time: the source text of the expression → the actions it can make.
BUILT = {
    "'confirm_' + target.value": [f"confirm_{s.value}" for s in ConfirmationStatus],
    # a return visit is recorded as "visit" (services/performance.record_visit)
    # a credit report's decision is its own event (services/credit.REPORTED)
    "REPORTED": [REPORTED],
    # mediator enable/disable (services/mediators._switch)
    "'mediator_enable' if active else 'mediator_disable'": ["mediator_enable", "mediator_disable"],
    "f'performance_{kind.value}'": [
        f"performance_{k.value}" for k in PerformanceKind if k is not PerformanceKind.VISIT
    ],
}


def _action_argument(call: ast.Call) -> ast.expr | None:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    position = {"record": 0, "update_case": 3}.get(name or "")
    if position is None:
        return None
    for keyword in call.keywords:
        if keyword.arg == "action":
            return keyword.value
    return call.args[position] if len(call.args) > position else None


def _bulk_event_action(call: ast.Call) -> ast.expr | None:
    """`events.append([case_id, at, clerk, org, ACTION, before, after, note])` (or a tuple)."""
    func = call.func
    if (
        isinstance(func, ast.Attribute)
        and func.attr == "append"
        and isinstance(func.value, ast.Name)
        and func.value.id == "events"
        and call.args
        and isinstance(call.args[0], ast.List | ast.Tuple)
        and len(call.args[0].elts) == 8
    ):
        return call.args[0].elts[4]
    return None


def _bulk_row_fields_action(node: ast.AST) -> ast.expr | None:
    """`self.row_fields = (at, clerk, org, ACTION, before)`: the import's events, whose
    fixed columns are built once per chunk (`services/intake._DecisionColumns`)."""
    if (
        isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Attribute)
        and node.targets[0].attr == "row_fields"
        and isinstance(node.value, ast.Tuple)
        and len(node.value.elts) == 5
    ):
        return node.value.elts[3]
    return None


def written_actions() -> dict[str, str]:
    """action → where it is written (file:line)."""
    found = dict.fromkeys((DIRECT_UPDATE_ACTION, DIRECT_INSERT_ACTION), "mediate/store/rls.py")
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "uow.py" or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                argument = _action_argument(node) or _bulk_event_action(node)
            else:
                argument = _bulk_row_fields_action(node)
            if argument is None or (isinstance(argument, ast.Name) and argument.id == "action"):
                continue  # update_case passing its own parameter on
            where = f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                found[argument.value] = where
                continue
            source = ast.unparse(argument)
            assert source in BUILT, f"{where}: an action built as {source}; add it to BUILT"
            found.update(dict.fromkeys(BUILT[source], where))
    return found


def test_the_scan_finds_the_actions_of_every_kind_of_writer():
    actions = written_actions()
    for action in ("import_update", "imported", "routed", "confirm_filed", "performance_done"):
        assert action in actions, action
    assert len(actions) > 30


def test_every_action_written_anywhere_has_a_label_in_both_languages():
    actions = written_actions()
    missing = {a: where for a, where in actions.items() if not has_label(a)}
    assert not missing, f"no label in domain/events.py for {missing}"
    with in_language("zh_CN"):
        untranslated = {
            a: action_label(a) for a in actions if re.search("[A-Za-z]", action_label(a))
        }
    assert not untranslated, f"labels with no Chinese translation: {untranslated}"


def test_a_party_added_or_removed_is_named_in_words():
    """Review of 2026-12-02: `case history` showed `当事人3 added：王五`."""
    from mediate.domain.events import field_label
    from mediate.i18n import in_language

    with in_language("zh_CN"):
        assert field_label("parties[3].added") == "增加当事人3"
        assert field_label("parties[3].removed") == "删除当事人3"
        assert field_label("parties[3].phone") == "当事人3 电话"
