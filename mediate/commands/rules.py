"""`mediate rules check|show|explain|test|lint`: the routing rules and their tooling."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mediate.commands import summaries
from mediate.commands.common import JsonOption, app_context, wants_json, whole_number
from mediate.i18n import _

if TYPE_CHECKING:
    from mediate.routing.causes import Taxonomy
    from mediate.routing.engine import CompiledRules
    from mediate.routing.network import Network
    from mediate.routing.schema import Cond, RouteSpec

app = typer.Typer(
    help=summaries.RULES,
    no_args_is_help=True,
)

RulesOption = Annotated[
    Path | None,
    typer.Option(
        "--rules",
        metavar="FILE",
        help=_("The rules file (default: MEDIATE_RULES, the config file, or the bundled rules)."),
    ),
]
StoredOption = Annotated[
    bool,
    typer.Option(
        "--stored",
        help=_(
            "Check against the network and 案由 revision stored in the database, "
            "not the bundled ones."
        ),
    ),
]
FileArgument = Annotated[
    Path | None,
    typer.Argument(metavar="FILE", help=_("The rules file (default: the rules in effect).")),
]


def _stored(
    ctx: typer.Context, path: Path | None, stored: bool
) -> tuple[Network | None, Taxonomy | None]:
    """The network and 案由 revision to check against: bundled, or from the database."""
    if not stored:
        return None, None
    from mediate.services.routing import network, taxonomy_for

    with app_context(ctx).uow() as uow:
        return network(uow), taxonomy_for(path, uow)


def _rules(ctx: typer.Context, path: Path | None, stored: bool) -> CompiledRules:
    """The rules `rules show`, `lint`, `test` and `explain` read, compiled `_against` the
    network `rules check` checks them on."""
    from mediate.services.routing import load_rules

    return load_rules(path, *_against(ctx, path, stored))


def _against(
    ctx: typer.Context, path: Path | None, stored: bool
) -> tuple[Network | None, Taxonomy | None]:
    """What `rules check`, `show`, `lint`, `test` and `explain` check and route against:
    with --stored the network and 案由 revision in the database; without, the bundled ones,
    the network told the deployment's own divisions (`_bundled_told`) — so they read one
    rule and warn of one dispute alike (a place at such a division is no code 不在区划表中
    in a rule test either; `rules show` printed a route matching 王褚街道某村, a village of
    the deployment's own, as matching its township 410802009)."""
    if stored:
        return _stored(ctx, path, stored)
    return _bundled_told(ctx), None


def _bundled_told(ctx: typer.Context) -> Network | None:
    """The bundled network told the divisions the deployment placed bodies of its own at
    (`org import`), from its database when there is one. None (the bundled network alone)
    where no database was made yet, as on a machine that only tries a rules file; and,
    with a one-line notice, where the database cannot be opened or is not at our schema
    (uninitialised, another program's file, a server that does not answer): a rule author
    works offline, and the rules do not need the database (review of 2026-12-03: they
    exited 1). (`rules explain ID` reads the database's network, `_stored`, not this.)"""
    from sqlalchemy.exc import SQLAlchemyError

    from mediate.errors import DatabaseError
    from mediate.services.routing import bundled_told
    from mediate.store import failures
    from mediate.store.engine import missing_sqlite_file

    context = app_context(ctx)
    if missing_sqlite_file(context.settings.db):
        return None
    try:
        with context.uow(network=False) as uow:
            return bundled_told(uow)
    except (DatabaseError, SQLAlchemyError) as exc:
        # a damaged or foreign SQLite file fails at its first read, in the driver's words
        known = exc if isinstance(exc, DatabaseError) else failures.explain(exc)
        if known is None:
            raise
        from mediate import console

        reason = " ".join(str(known).split())
        console.warn(
            _(
                "The deployment's own divisions were not read (the bundled network alone "
                "is used): {reason}"
            ).format(reason=reason)
        )
        return None


@app.command("check", help=_("Validate the rules; list every error with file:line:column."))
def check(
    ctx: typer.Context,
    file: FileArgument = None,
    stored: StoredOption = False,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.services.routing import check_rules

    result = check_rules(file, *_against(ctx, file, stored))
    if wants_json(ctx, json_):
        console.print_json(result.as_json())
    elif result.errors:
        for error in result.errors:
            console.error(error.shown())
    if result.errors:
        if not wants_json(ctx, json_):
            console.message(
                _("{file}: {n} error(s); the rules were not loaded.").format(
                    file=result.file, n=len(result.errors)
                )
            )
            if not stored:
                console.message(
                    _(
                        "Checked against the bundled network and 案由 taxonomy; with --stored, "
                        "against the ones in the database (after org import / causes import)."
                    )
                )
        raise typer.Exit(1)
    if not wants_json(ctx, json_):
        assert result.rules is not None
        console.success(
            _("{file}: OK — {n} routes, {version}").format(
                file=result.file, n=len(result.rules.routes()), version=result.rules.version
            )
        )


@app.command("show", help=_("Show the routing tree: conditions, targets, inherited deadlines."))
def show(
    ctx: typer.Context,
    file: FileArgument = None,
    stored: StoredOption = False,
    json_: JsonOption = False,
) -> None:
    from mediate import console

    rules = _rules(ctx, file, stored)
    if wants_json(ctx, json_):
        console.print_json(
            {
                "file": rules.file,
                "rules_version": rules.version,
                "root": _route_json(rules.spec.root),
            }
        )
        return
    console.tree(_tree(rules.spec.root))
    console.message(_("{file} ({version})").format(file=rules.file, version=rules.version))


def _route_json(route: RouteSpec) -> dict[str, Any]:
    return {
        "name": route.name,
        "title": route.title,
        "match": cond_text(route.match) if route.match else None,
        "continue": route.continue_,
        "yields_to": list(route.yields_to),
        "target": route.target.describe() if route.target else None,
        "strategy": route.strategy,
        "deadlines": route.deadlines,
        "routes": [_route_json(r) for r in route.routes],
    }


def _tree(route: RouteSpec) -> Any:
    from mediate.console import TreeNode

    label = (
        _("{name} ({id})").format(name=route.title, id=route.name) if route.title else route.name
    )
    if route.match is not None:
        label += f"  [{cond_text(route.match)}]"
    if route.target is not None:
        label += f"  → {route.target.describe()}"
    if route.continue_:
        label += "  (continue)"
    if route.yields_to:
        label += "  " + _("(after {names} on purpose)").format(names=_(", ").join(route.yields_to))
    if route.deadlines:
        label += "  " + _("deadlines: {d}").format(d=_deadlines_text(route.deadlines))
    return TreeNode(label, [_tree(r) for r in route.routes])


def _deadlines_text(deadlines: dict[str, Any]) -> str:
    """The deadlines by the labels of their sources and procedures (自行受理 30), which the
    rules loader takes back as keys (`vocabulary.DEADLINE_SOURCE`, `PROCEDURE`)."""
    from mediate.domain.deadlines import WORKDAYS, limit_text
    from mediate.domain.vocabulary import DEADLINE_SOURCE, PROCEDURE

    parts = []
    for key, value in deadlines.items():
        if isinstance(value, dict) and WORKDAYS in value:
            value = limit_text(value[WORKDAYS], WORKDAYS)
        elif isinstance(value, dict):
            value = "/".join(f"{PROCEDURE.label(k)} {v}" for k, v in value.items())
        parts.append(f"{DEADLINE_SOURCE.label(key)} {value}")
    return _(", ").join(parts)


def cond_text(cond: Cond) -> str:
    """A condition in one line, for the tree."""
    op, value = cond.op, cond.value
    if op == "all":
        return " & ".join(cond_text(a) for a in cond.args)
    if op == "any":
        return "(" + " | ".join(cond_text(a) for a in cond.args) + ")"
    if op == "not":
        return "not " + cond_text(cond.args[0])
    if op == "amount" or op == "party_count":
        rng = value if op == "amount" else value[1]
        return f"{op} {rng.describe()}"
    if op in ("party", "all_parties"):
        shown = [value.role or "", *(sorted(value.kinds or ())), *(sorted(value.industries or ()))]
        return f"{op} " + "/".join(s for s in shown if s)
    if op in ("source", "procedure", "tags"):  # by label, as `rules explain` prints them
        from mediate.domain.vocabulary import condition_value_label

        codes = value if isinstance(value, tuple) else (value,)
        return f"{op} " + "、".join(condition_value_label(op, str(c)) for c in codes)
    if isinstance(value, tuple):
        return f"{op} " + "、".join(value)
    return f"{op} {value}"


@app.command(
    "explain",
    help=_(
        "Route one dispute — a stored case (ID) or a file (--case) — and say why: the body, "
        "the route taken, and why each other route was not."
    ),
)
def explain(
    ctx: typer.Context,
    case_id: Annotated[
        int | None,
        typer.Argument(
            metavar="ID",
            parser=whole_number(),
            help=_("A stored case, routed as it stands now on the stored network."),
        ),
    ] = None,
    case: Annotated[
        str | None,
        typer.Option(
            "--case",
            metavar="FILE|-",
            help=_("The dispute (YAML or JSON, DESIGN.md §3.1); - reads stdin."),
        ),
    ] = None,
    rules_file: RulesOption = None,
    stored: StoredOption = False,
    raw: Annotated[
        bool,
        typer.Option(
            "--raw",
            help=_(
                "Show the conditions as the rules file writes them: tag and source codes, "
                "regular expressions, names of condition sets."
            ),
        ),
    ] = False,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.intake.dispute_file import load_dispute_file, parse_dispute
    from mediate.services.routing import explain as explain_case

    if (case_id is None) == (case is None):
        raise typer.BadParameter(
            _("give either a case ID or --case FILE"), param_hint=f"'{_('ID')}'"
        )
    # a stored case is explained on the network it was routed on, the database's (what a
    # clerk expects: review of 2026-12-03), not the bundled one
    rules = _rules(ctx, rules_file, stored or case_id is not None)
    routed = None
    if case_id is not None:
        from mediate.services.routing import routed_with, stored_case

        with app_context(ctx).uow() as uow:
            dispute = stored_case(uow, case_id)
            routed = routed_with(uow, case_id)
    elif case == "-":
        dispute = parse_dispute(sys.stdin.read(), "<stdin>")
    else:
        dispute = load_dispute_file(Path(str(case)))
    decision = explain_case(dispute, rules, raw)
    if routed is not None:
        decision.warnings.extend(_unlike_stored(decision, *routed))
    if wants_json(ctx, json_):
        console.print_json(decision.as_json())
        return
    from mediate.domain import vocabulary
    from mediate.domain.deadlines import limit_text
    from mediate.routing.titles import path_label, rule_cell, titles_of

    org, titles = decision.org, titles_of(rules.spec.root)
    console.key_values_whole(  # the rules' sha256 whole: never cut at 80 columns
        [
            (_("Body"), _("{name} ({id})").format(name=org.name, id=org.id)),
            (_("Kind"), vocabulary.ORG_KIND.label(org.kind.value)),
            (_("Route"), path_label(decision.path, titles)),
            (_("Time limit"), limit_text(decision.deadline_days, decision.deadline_unit)),
        ],
        _("Rules"),
        decision.rules_version,
    )
    console.table(
        [_("Route"), _("Matched"), _("Why")],
        [(rule_cell(s.rule, titles), "✓" if s.matched else "✗", s.why) for s in decision.trace],
    )
    for warning in decision.warnings:
        console.warn(warning)


def _unlike_stored(decision: Any, body: str, version: str) -> list[str]:
    """What a stored case's explanation says when it is not the case's own decision: other
    rules than those it was routed with, or another body than the one it was routed to.
    The stored version reads as `case show` and `case history` print it (人工指定 for a
    transfer the clerk chose, not `manual`)."""
    from mediate.domain.events import rules_version_label

    said = []
    if version != decision.rules_version:
        said.append(
            _(
                "the case was routed with other rules ({stored}); explained here with the "
                "rules in effect ({now})"
            ).format(stored=rules_version_label(version), now=decision.rules_version)
        )
    if body != decision.org.name:
        said.append(
            _("the case was routed to {stored}; these rules route it to {now}").format(
                stored=body, now=decision.org.name
            )
        )
    return said


@app.command(
    "test",
    help=_(
        "Run rule test files (named disputes and the body each must reach); exit 1 on any mismatch."
    ),
)
def test(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE...", help=_("Rule test files, or folders of them.")),
    ],
    rules_file: RulesOption = None,
    stored: StoredOption = False,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.services.routing import run_rule_tests

    rules = _rules(ctx, rules_file, stored)
    results = run_rule_tests(files, rules)
    failed = [r for r in results if not r.passed]
    if wants_json(ctx, json_):
        console.print_json(
            {
                "rules_version": rules.version,
                "passed": len(results) - len(failed),
                "failed": len(failed),
                "cases": [r.as_json() for r in results],
            }
        )
    else:
        for result in failed:
            console.error(f"{result.test.mark}: {result.test.name}")
            for line in result.mismatches:
                console.message("    " + line)
        summary = _("{passed} passed, {failed} failed ({rules})").format(
            passed=len(results) - len(failed), failed=len(failed), rules=rules.file
        )
        (console.error if failed else console.success)(summary)
    if failed:
        raise typer.Exit(1)


@app.command(
    "lint",
    help=_("Find overlapping routes, bodies no route reaches and useless 'continue'."),
)
def lint(
    ctx: typer.Context,
    file: FileArgument = None,
    stored: StoredOption = False,
    strict: Annotated[
        bool, typer.Option("--strict", help=_("Exit 1 when anything is found."))
    ] = False,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.routing.lint import lint as find

    rules = _rules(ctx, file, stored)
    findings = find(rules)
    if wants_json(ctx, json_):
        console.print_json({"file": rules.file, "findings": [f.as_json() for f in findings]})
    else:
        for finding in findings:
            console.warn(str(finding))
        if not findings:
            console.success(_("{file}: nothing to report.").format(file=rules.file))
    if findings and strict:
        raise typer.Exit(1)
