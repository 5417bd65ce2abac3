"""`mediate case new | add | list | show | history`: taking disputes in and finding them.

Attached to the `case` group of `commands/case.py`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from mediate.commands.case import app
from mediate.commands.common import (
    DATE_FORMS,
    BodyOption,
    CountyOption,
    JsonOption,
    RawOption,
    SourceOption,
    StatusesOption,
    app_context,
    screened,
    wants_json,
)
from mediate.i18n import _

# ---------------------------------------------------------------- case add --file


@app.command(
    "add", help=_("Register a dispute from a YAML or JSON file: cause, amount, source, parties…")
)
def add(
    ctx: typer.Context,
    file: Annotated[Path, typer.Option("--file", "-f", help=_("The dispute file (YAML or JSON)."))],
    json_: JsonOption = False,
) -> None:
    from mediate.intake.dispute_file import load_dispute_file
    from mediate.services.routing import use_deployment_divisions

    with app_context(ctx).uow() as uow:  # a place at a division of the deployment's bodies
        use_deployment_divisions(uow)
    case = load_dispute_file(file)
    _register_and_show(ctx, case, json_)


def _register_and_show(ctx: typer.Context, case: Any, json_: bool) -> None:
    from mediate import console
    from mediate.commands.case_lifecycle import calendar
    from mediate.services.intake import register_case

    context = app_context(ctx)
    with context.uow() as uow:
        case_id, decision = register_case(uow, case, calendar(context))
        uow.commit()
    if wants_json(ctx, json_):
        console.print_json({"id": case_id, **decision.as_json()})
        return
    console.success(_("Registered case {id}.").format(id=case_id))
    _show_decision(decision)


def _show_decision(decision: Any) -> None:
    from mediate import console
    from mediate.domain.deadlines import limit_text
    from mediate.routing.titles import path_label
    from mediate.services.rulenames import rule_titles

    console.key_values(
        [
            (_("Routed to"), decision.org.name),
            (_("Rule"), path_label(decision.path, rule_titles()) or decision.rule),
            (_("Time limit"), limit_text(decision.deadline_days, decision.deadline_unit)),
        ]
    )
    for warning in decision.warnings:
        console.warn(warning)


# ---------------------------------------------------------------- case new


@app.command(
    "new",
    help=_(
        "Register a dispute field by field at a terminal, or from the options (`mediate "
        "--no-input case new …` never asks). Parties: --applicant/--respondent "
        "'name=张三,id_number=…,phone=…'; a 个体工商户: "
        "'名称=…,类型=个体工商户,经营者=…'."
    ),
)
def new(
    ctx: typer.Context,
    cause: Annotated[
        str | None,
        typer.Option("--cause", callback=screened("cases.cause"), help=_("The cause (案由).")),
    ] = None,
    amount: Annotated[str | None, typer.Option("--amount", help=_("Amount in yuan."))] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            callback=screened(),
            help=_("How it came, e.g. 委派 or court_delegated."),
        ),
    ] = None,
    location: Annotated[
        str | None,
        typer.Option(
            "--location",
            callback=screened("cases.location"),
            help=_("Where it arose (code or place)."),
        ),
    ] = None,
    subject_matter: Annotated[
        str | None,
        typer.Option(
            "--subject-matter-location",
            callback=screened("cases.subject_matter_location"),
            help=_("Where the subject matter is (code or place; CPL art. 205)."),
        ),
    ] = None,
    case_no: Annotated[
        str | None,
        typer.Option(
            "--case-no",
            callback=screened("cases.court_case_no"),
            help=_("The court's case number."),
        ),
    ] = None,
    court: Annotated[
        str | None,
        typer.Option(
            "--court", callback=screened("cases.referring_court"), help=_("Referring court.")
        ),
    ] = None,
    received: Annotated[
        str | None,
        typer.Option(
            "--received",
            metavar="DATE",
            help=_("Received on, {forms} (default: today).").format(forms=DATE_FORMS),
        ),
    ] = None,
    facts: Annotated[
        str | None,
        typer.Option("--facts", callback=screened(lines=True), help=_("The facts, briefly.")),
    ] = None,
    claim: Annotated[
        str | None,
        typer.Option(
            "--claim",
            callback=screened(lines=True),
            help=_("What the applicant asks for (请求事项), e.g. 支付货款."),
        ),
    ] = None,
    applicant: Annotated[
        list[str] | None,
        typer.Option("--applicant", callback=screened(), help=_("An applicant: key=value,…")),
    ] = None,
    respondent: Annotated[
        list[str] | None,
        typer.Option("--respondent", callback=screened(), help=_("A respondent: key=value,…")),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=_("Do not ask to confirm."))] = False,
    json_: JsonOption = False,
) -> None:
    import sys

    from mediate.intake.interview import Interview, case_from_options

    context = app_context(ctx)
    values: dict[str, Any] = {
        "cause": cause,
        "amount": amount,
        "source": source,
        "location": location,
        "subject_matter_location": subject_matter,
        "court_case_no": case_no,
        "referring_court": court,
        "received_on": received,
        "facts": facts,
        "claim": claim,
    }
    parties = [("applicant", spec) for spec in applicant or []]
    parties += [("respondent", spec) for spec in respondent or []]
    from mediate.services.routing import use_deployment_divisions

    if context.no_input or not sys.stdin.isatty():
        with context.uow() as uow:  # a place at a division of the deployment's own bodies
            use_deployment_divisions(uow)
        case = case_from_options(values, parties)
    else:
        with context.uow() as uow:
            from mediate.services.cases import cause_names

            causes = cause_names(uow)
            own = use_deployment_divisions(uow)  # intake checks a place written at one
        case = Interview(causes, _TerminalPrompter(), own.names).run(
            values, parties, confirm=not yes
        )
    _register_and_show(ctx, case, json_)


class _TerminalPrompter:
    """Questions on the terminal (stderr), with Tab completion over the given words."""

    def ask(self, prompt: str, default: str | None = None) -> str:
        from mediate import console

        return console.ask(prompt, default=default)

    def confirm(self, prompt: str, default: bool = True) -> bool:
        from mediate import console

        return console.confirm(prompt, default=default)

    def error(self, text: str) -> None:
        from mediate import console

        console.error(text)

    def info(self, text: str) -> None:
        from mediate import console

        console.message(text)

    def summary(self, pairs: list[tuple[str, Any]], title: str) -> None:
        from mediate import console

        console.key_values(pairs, title=title)

    def complete_with(self, words: Any) -> None:
        try:
            import readline
        except ImportError:  # no line editing on this platform: typing still works
            return
        choices = sorted(words)
        if not choices:
            readline.set_completer(None)
            return

        def complete(text: str, state: int) -> str | None:
            found = [w for w in choices if w.startswith(text)] or [w for w in choices if text in w]
            return found[state] if state < len(found) else None

        readline.set_completer_delims("")
        readline.set_completer(complete)
        readline.parse_and_bind("tab: complete")


# ---------------------------------------------------------------- case list


@app.command("list", help=_("List cases, with filters and paging."))
def list_(
    ctx: typer.Context,
    status: StatusesOption = None,
    org: BodyOption = None,
    county: CountyOption = None,
    source: SourceOption = None,
    cause: Annotated[
        str | None,
        typer.Option(
            "--cause", callback=screened("cases.cause"), help=_("Part of the cause's name.")
        ),
    ] = None,
    received_from: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="DATE",
            help=_("Received on or after this day, {forms}.").format(forms=DATE_FORMS),
        ),
    ] = None,
    received_to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="DATE",
            help=_("Received on or before this day, {forms}.").format(forms=DATE_FORMS),
        ),
    ] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help=_("Open cases past their deadline."))
    ] = False,
    due_within: Annotated[
        int | None,
        typer.Option(
            "--due-within",
            metavar="DAYS",
            min=0,
            max=36_500,  # a hundred years: a date past 9999 is no date
            help=_("Open cases due within this many days."),
        ),
    ] = None,
    batch: Annotated[
        int | None,
        typer.Option("--batch", min=1, max=1_000_000_000, help=_("Cases of one import batch.")),
    ] = None,
    mediator: Annotated[
        str | None,
        typer.Option(
            "--mediator", callback=screened(), help=_("A mediator's id, or part of their name.")
        ),
    ] = None,
    party: Annotated[
        str | None, typer.Option("--party", callback=screened(), help=_("Part of a party's name."))
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", min=1, max=1_000_000_000, help=_("At most this many."))
    ] = 50,
    offset: Annotated[
        int, typer.Option("--offset", min=0, max=1_000_000_000, help=_("Skip this many."))
    ] = 0,
    csv_: Annotated[bool, typer.Option("--csv", help=_("Print CSV on stdout."))] = False,
    raw: RawOption = False,
    json_: JsonOption = False,
) -> None:
    from mediate.commands.reads import case_list, parse_days
    from mediate.services.cases import CaseFilter

    day_from, day_to = parse_days(received_from, received_to)
    filters = CaseFilter(
        status=list(status or []),
        county=county,
        source=source,
        cause=cause,
        received_from=day_from,
        received_to=day_to,
        overdue=overdue,
        due_within=due_within,
        batch=batch,
        mediator=mediator,
        party=party,
    )
    case_list(app_context(ctx), filters, org, limit, offset, csv_, raw, wants_json(ctx, json_))


# ---------------------------------------------------------------- case show / history


@app.command(
    "show",
    help=_(
        "Show the whole case: parties (numbered for case edit), body and mediator, "
        "deadline, outcome, judicial confirmation, documents, version."
    ),
)
def show(
    ctx: typer.Context,
    ref: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help=_("The case id or its case number (案号)."),
            callback=screened(blank=False),
        ),
    ],
    reveal: Annotated[
        bool,
        typer.Option(
            "--reveal",
            help=_("Show identity numbers and phones in full (recorded in the audit trail)."),
        ),
    ] = False,
    json_: JsonOption = False,
) -> None:
    from mediate.commands.reads import case_show

    case_show(app_context(ctx), ref, reveal, wants_json(ctx, json_))


@app.command("history", help=_("The audit trail of a case: who did what, when."))
def history(
    ctx: typer.Context,
    ref: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help=_("The case id or its case number (案号)."),
            callback=screened(blank=False),
        ),
    ],
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.clock import minute_label
    from mediate.domain.events import action_label, describe
    from mediate.services.cases import (
        case_history,
        history_names,
        history_places,
        own_place_names,
        paper_titles,
        resolve_case,
    )

    with app_context(ctx).uow() as uow:
        case_id = resolve_case(uow, ref)
        events = case_history(uow, case_id)
        names: tuple[dict[str, str], dict[int, str]] = ({}, {})
        papers: dict[str, str] = {}
        places: dict[str, str] = {}
        if not wants_json(ctx, json_):
            names = history_names(uow, events)
            places = own_place_names(uow, history_places(events))
            if any(e["action"] == "document" for e in events):
                papers = paper_titles(uow, case_id)
    if wants_json(ctx, json_):
        console.print_json(events)
        return
    from mediate.services.rulenames import rule_titles

    titles = rule_titles()
    console.table(
        [_("When"), _("Who"), _("What"), _("Before"), _("After"), _("Note")],
        [
            [
                minute_label(e["at"]),
                e["clerk"],
                action_label(e["action"]),
                describe(
                    e["before"],
                    *names,
                    action=e["action"],
                    rule_titles=titles,
                    place_names=places,
                    context=e["context"],
                ),
                describe(
                    e["after"],
                    *names,
                    action=e["action"],
                    rule_titles=titles,
                    paper_titles=papers,
                    place_names=places,
                    context=e["context"],
                    before=e["before"] or {},
                ),
                e["note"],
            ]
            for e in events
        ],
        title=_("History of case {id}").format(id=case_id),
    )
