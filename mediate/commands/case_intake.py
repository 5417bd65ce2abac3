"""`mediate case new | add | list | show | history`: taking disputes in and finding them.

Attached to the `case` group of `commands/case.py`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from mediate.commands.case import app
from mediate.commands.common import (
    CountyOption,
    JsonOption,
    RawOption,
    SourceOption,
    StatusesOption,
    app_context,
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

    case = load_dispute_file(file)
    _register_and_show(ctx, case, json_)


def _register_and_show(ctx: typer.Context, case: Any, json_: bool) -> None:
    from mediate import console
    from mediate.services.intake import register_case

    context = app_context(ctx)
    with context.uow() as uow:
        case_id, decision = register_case(uow, case)
        uow.commit()
    if wants_json(ctx, json_):
        console.print_json({"id": case_id, **decision.as_json()})
        return
    console.success(_("Registered case {id}.").format(id=case_id))
    _show_decision(decision)


def _show_decision(decision: Any) -> None:
    from mediate import console

    console.key_values(
        [
            (_("Routed to"), decision.org.name),
            (_("Rule"), " › ".join(decision.path) or decision.rule),
            (_("Time limit"), _("{days} days").format(days=decision.deadline_days)),
        ]
    )
    for warning in decision.warnings:
        console.warn(warning)


# ---------------------------------------------------------------- case new


@app.command(
    "new",
    help=_(
        "Register a dispute interactively, field by field (or from the options with "
        "--no-input). Parties: --applicant/--respondent 'name=张三,id_number=…,phone=…'."
    ),
)
def new(
    ctx: typer.Context,
    cause: Annotated[str | None, typer.Option("--cause", help=_("The cause (案由)."))] = None,
    amount: Annotated[str | None, typer.Option("--amount", help=_("Amount in yuan."))] = None,
    source: Annotated[str | None, typer.Option("--source", help=_("How it came."))] = None,
    location: Annotated[
        str | None, typer.Option("--location", help=_("Where it arose (code or place)."))
    ] = None,
    subject_matter: Annotated[
        str | None,
        typer.Option(
            "--subject-matter-location",
            help=_("Where the subject matter is (code or place; CPL art. 205)."),
        ),
    ] = None,
    case_no: Annotated[
        str | None, typer.Option("--case-no", help=_("The court's case number."))
    ] = None,
    court: Annotated[str | None, typer.Option("--court", help=_("Referring court."))] = None,
    received: Annotated[
        str | None, typer.Option("--received", help=_("Received on (default today)."))
    ] = None,
    facts: Annotated[str | None, typer.Option("--facts", help=_("The facts, briefly."))] = None,
    claim: Annotated[
        str | None,
        typer.Option("--claim", help=_("What the applicant asks for (请求事项), e.g. 支付货款.")),
    ] = None,
    applicant: Annotated[
        list[str] | None, typer.Option("--applicant", help=_("An applicant: key=value,…"))
    ] = None,
    respondent: Annotated[
        list[str] | None, typer.Option("--respondent", help=_("A respondent: key=value,…"))
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
    if context.no_input or not sys.stdin.isatty():
        case = case_from_options(values, parties)
    else:
        with context.uow() as uow:
            from mediate.services.cases import cause_names

            causes = cause_names(uow)
        case = Interview(causes, _TerminalPrompter()).run(values, parties, confirm=not yes)
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
    org: Annotated[
        str | None, typer.Option("--body", help=_("Only cases at this body: its id or name."))
    ] = None,
    county: CountyOption = None,
    source: SourceOption = None,
    cause: Annotated[
        str | None, typer.Option("--cause", help=_("Part of the cause's name."))
    ] = None,
    received_from: Annotated[
        str | None, typer.Option("--from", help=_("Received on or after (date)."))
    ] = None,
    received_to: Annotated[
        str | None, typer.Option("--to", help=_("Received on or before (date)."))
    ] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help=_("Open cases past their deadline."))
    ] = False,
    due_within: Annotated[
        int | None,
        typer.Option("--due-within", metavar="N", help=_("Open cases due within N days.")),
    ] = None,
    batch: Annotated[
        int | None, typer.Option("--batch", help=_("Cases of one import batch."))
    ] = None,
    mediator: Annotated[
        str | None,
        typer.Option("--mediator", help=_("A mediator's id, or part of their name.")),
    ] = None,
    party: Annotated[str | None, typer.Option("--party", help=_("Part of a party's name."))] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help=_("At most this many."))] = 50,
    offset: Annotated[int, typer.Option("--offset", min=0, help=_("Skip this many."))] = 0,
    csv_: Annotated[bool, typer.Option("--csv", help=_("Print CSV on stdout."))] = False,
    raw: RawOption = False,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.services.bodies import resolve_org
    from mediate.services.cases import CaseFilter, list_cases

    filters = CaseFilter(
        status=list(status or []),
        org=org,
        county=county,
        source=source,
        cause=cause,
        received_from=_date(received_from, "--from"),
        received_to=_date(received_to, "--to"),
        overdue=overdue,
        due_within=due_within,
        batch=batch,
        mediator=mediator,
        party=party,
    )
    with app_context(ctx).uow() as uow:
        if org:
            filters.org = resolve_org(uow, org, "--body")
        page = list_cases(uow, filters, limit=limit, offset=offset)
    if wants_json(ctx, json_):
        console.print_json(
            {"total": page.total, "limit": limit, "offset": offset, "cases": page.rows}
        )
        return
    columns = [
        "id",
        "court_case_no",
        "cause",
        "amount",
        "received_on",
        "status",
        "org",
        "deadline",
        "applicants",
        "respondents",
    ]
    if csv_:
        _print_csv(columns, page.rows, raw)
        return
    if not page.rows:
        console.message(_("No cases match.") if page.total == 0 else _("No cases on this page."))
        return
    headers: list[str | console.Column] = [  # `drop`: left out first when narrow
        _("ID"),
        _("Case no."),
        _("Cause"),
        console.Column(_("Amount"), justify="right", drop=3),
        console.Column(_("Received"), drop=4),
        _("Status"),
        _("Body"),
        _("Deadline"),
        console.Column(_("Applicants"), drop=1),
        console.Column(_("Respondents"), drop=2),
    ]
    rows = [[_cell(r[c], c, r) for c in columns] for r in page.rows]
    console.table(
        headers,
        rows,
        caption=_("{shown} of {total} cases (from {first})").format(
            shown=len(rows), total=page.total, first=offset + 1 if rows else 0
        ),
    )


def _cell(value: Any, column: str, row: dict[str, Any]) -> str:
    from mediate.domain.status import status_label

    if isinstance(value, list):
        return "、".join(value)
    if column == "deadline" and row.get("overdue"):
        return f"{value} !"
    if column == "status":
        return status_label(value)
    return "" if value is None else str(value)


def _print_csv(columns: list[str], rows: list[dict[str, Any]], raw: bool) -> None:
    import sys

    from mediate.reports.tabular import write_rows_csv

    write_rows_csv(columns, ([r[c] for c in columns] for r in rows), sys.stdout, raw)
    sys.stdout.flush()


def _date(value: str | None, option: str) -> dt.date | None:
    from mediate.errors import ValidationError
    from mediate.intake.values import BadValue, parse_date

    try:
        return parse_date(value) if value else None
    except BadValue as exc:
        raise ValidationError(str(exc), where=option) from exc


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
        str, typer.Argument(metavar="ID", help=_("The case id or its case number (案号)."))
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
    from mediate import console
    from mediate.domain.fields import field_label
    from mediate.domain.model import PartyKind, PartyRole, Source, enum_label
    from mediate.domain.status import status_label
    from mediate.services.cases import resolve_case, show_case

    with app_context(ctx).uow() as uow:
        case_id = resolve_case(uow, ref)
        data = show_case(uow, case_id, reveal=reveal)
        if reveal:
            uow.commit()
    if wants_json(ctx, json_):
        console.print_json(data)
        return
    org = data["org"]
    console.key_values(
        [
            (_("Case"), data["id"]),
            (_("Case no."), data["court_case_no"]),
            (_("Cause"), data["cause"]),
            (_("Amount"), data["amount"]),
            (_("Source"), enum_label(Source, data["source"])),
            (_("Referring court"), data["referring_court"]),
            (_("Received"), data["received_on"]),
            (_("Location"), data["location"]),
            (_("Subject matter at"), data["subject_matter_location"]),
            (_("Status"), status_label(data["status"])),
            (_("Body"), org["name"] if org else None),
            (_("Mediator"), data["mediator"]["name"] if data["mediator"] else None),
            (_("Deadline"), _deadline(data)),
            (_("Closed"), data["closed_on"]),
            (_("Facts"), data["facts"]),
            (_("Claim"), data["claim"]),
            (_("Version"), data["version"]),
        ],
        title=_("Case {id}").format(id=data["id"]),
    )
    guardians = any(_guardian(p) for p in data["parties"])
    console.table(
        [
            "#",
            _("Role"),
            _("Kind"),
            _("Name"),
            _("ID number"),
            _("Phone"),
            _("Address"),
            *([field_label("guardian")] if guardians else []),
        ],
        [
            [
                str(p["number"]),
                enum_label(PartyRole, p["role"]),
                enum_label(PartyKind, p["kind"]),
                p["name"],
                p["id_number"],
                p["phone"],
                p["address"],
                *([_guardian(p)] if guardians else []),
            ]
            for p in data["parties"]
        ],
        title=_("Parties"),
    )
    decision = data["decision"]
    if decision:
        console.message(
            _("Rule: {path} (rules {version})").format(
                path=" › ".join(decision["path"]) or decision["rule"],
                version=decision["rules_version"][:19],
            )
        )
        for warning in decision["warnings"]:
            console.warn(warning)
    _show_outcome(data)


def _guardian(party: dict[str, Any]) -> str:
    """A party's 法定代理人 for its cell of the party table (issue 17 item 2): name and
    relation, and the ID number (masked like every ID unless --reveal) on a line below."""
    name, relation = party.get("guardian") or "", party.get("guardian_relation")
    who = _("{name} ({relation})").format(name=name, relation=relation) if relation else name
    return "\n".join(v for v in (who, party.get("guardian_id_number")) if v)


def _deadline(data: dict[str, Any]) -> str | None:
    if not data["deadline"]:
        return None
    if data["extension_days"]:
        return _("{date} (extended by {days} days)").format(
            date=data["deadline"], days=data["extension_days"]
        )
    return str(data["deadline"])


def _show_outcome(data: dict[str, Any]) -> None:
    """The outcome and its terms, the judicial confirmation and its window, the documents."""
    from mediate import console
    from mediate.domain.status import follow_up_label, status_label

    outcome, confirmation = data["outcome"], data["confirmation"]
    pairs: list[tuple[str, Any]] = []
    if outcome:
        pairs += [
            (_("Outcome"), status_label(outcome["result"])),
            (_("Decided on"), outcome["decided_on"]),
            (_("Terms"), outcome["terms"]),
            (_("Amount agreed"), outcome["amount"]),
            (_("Performance"), outcome["performance"]),
            (_("Perform by"), outcome["perform_by"]),
            (_("Reason"), outcome["reason"]),
            (
                _("Follow-up"),
                follow_up_label(outcome["follow_up"]) if outcome["follow_up"] else None,
            ),
        ]
    if confirmation:
        status = confirmation["status"]
        pairs += [
            (
                _("Judicial confirmation"),
                status_label(status) if status else _("not applied for yet"),
            ),
            (_("Apply by"), confirmation["apply_by"]),
            (_("Court"), confirmation["court"]),
            (_("Court case no."), confirmation["court_case_no"]),
        ]
    shown = [(k, v) for k, v in pairs if v not in (None, "")]
    if shown:
        console.key_values(shown, title=_("Outcome"))
    if data["documents"]:
        console.table(
            [_("Document"), _("File"), _("When")],
            [[d["kind"], d["path"], _local(d["created_at"])] for d in data["documents"]],
            title=_("Documents produced"),
        )


@app.command("history", help=_("The audit trail of a case: who did what, when."))
def history(
    ctx: typer.Context,
    ref: Annotated[
        str, typer.Argument(metavar="ID", help=_("The case id or its case number (案号)."))
    ],
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.domain.events import action_label, describe
    from mediate.services.cases import case_history, resolve_case

    with app_context(ctx).uow() as uow:
        case_id = resolve_case(uow, ref)
        events = case_history(uow, case_id)
    if wants_json(ctx, json_):
        console.print_json(events)
        return
    console.table(
        [_("When"), _("Who"), _("What"), _("Before"), _("After"), _("Note")],
        [
            [
                _local(e["at"]),
                e["clerk"],
                action_label(e["action"]),
                describe(e["before"]),
                describe(e["after"]),
                e["note"],
            ]
            for e in events
        ],
        title=_("History of case {id}").format(id=case_id),
    )


def _local(iso: str) -> str:
    from zoneinfo import ZoneInfo

    return (
        dt.datetime.fromisoformat(iso)
        .astimezone(ZoneInfo("Asia/Shanghai"))
        .strftime("%Y-%m-%d %H:%M")
    )
