"""What the everyday reads print: `case show`, `case list`, `case find`, `today`, `org list`.

No Typer here: the Typer commands (case_intake, case_desk, today, org) and the light entry
(`mediate/quick.py`) both call these with the values they parsed and a context giving a
`Reading` (`AppContext.reading()`, or the light entry's own), so the two paths print the
same thing. A value only the full path can turn into what the service takes raises
`store.dbapi.NeedsFullPath` in the light entry (never here).
"""

from __future__ import annotations

import datetime as dt
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Protocol

from mediate import console
from mediate.clock import minute_label
from mediate.i18n import _, pgettext

if TYPE_CHECKING:
    from mediate.services.reading import Reading
    from mediate.store.uow import UnitOfWork


class ReadContext(Protocol):
    """What a read needs from the command's context (services/context.AppContext)."""

    def reading(self) -> AbstractContextManager[Reading]: ...

    def uow(self) -> UnitOfWork: ...


# ---------------------------------------------------------------- case show


def case_show(context: ReadContext, ref: str, reveal: bool, as_json: bool) -> None:
    from mediate.services.cases import own_place_names, resolve_case, show_case

    places: dict[str, str] = {}
    if reveal:  # revealing is audited: a write
        with context.uow() as uow:
            data = show_case(uow, resolve_case(uow, ref), reveal=True)
            if not as_json:
                places = own_place_names(uow, _places(data))
            uow.commit()
    else:
        with context.reading() as db:
            data = show_case(db, resolve_case(db, ref))
            if not as_json:
                places = own_place_names(db, _places(data))
    if as_json:
        console.print_json(data)
        return
    _print_case(data, places)


def _places(data: dict[str, Any]) -> list[str | None]:
    from mediate.domain.events import PLACE_KEYS

    return [data[key] for key in PLACE_KEYS]


def _tags_line(tags: list[str]) -> console.Phrases | None:
    """The case's tags as `rules explain` prints them (a known tag by its label, another as
    typed), joined as `case edit --set 标签=…` splits them and wrapped only between tags, so
    a line is taken back as printed."""
    from mediate.domain.vocabulary import tag_label

    if not tags:
        return None
    return console.Phrases(tuple(tag_label(tag) for tag in tags), _(", "))


def _court_heading(data: dict[str, Any], shown: dict[str, str]) -> str:
    """The court that sent the case, named by how it did: 委托法院 for a case entrusted after
    filing (the source, or a filed number: domain/entrusted.is_entrusted, the test its
    closing path uses), 委派法院 otherwise (DOMAIN.md §3; `case edit --set` takes both)."""
    from mediate.domain.entrusted import is_entrusted

    if is_entrusted(data["source"], data.get("court_case_no")):
        return _("Entrusting court")
    return shown["referring_court"]


def _print_case(data: dict[str, Any], places: dict[str, str]) -> None:
    """`places`: the deployment's own divisions' names (services/cases.own_place_names)."""
    from mediate.domain.fields import field_label, shown_labels
    from mediate.domain.kinds import PartyKind, PartyRole, Source, enum_label
    from mediate.domain.parties import kind_label, operator_line, representative_line
    from mediate.domain.status import status_label
    from mediate.domain.vocabulary import PROCEDURE
    from mediate.routing.places import place_label

    org = data["org"]
    shown = shown_labels()  # the headings `case edit --set` takes back
    console.key_values(
        [
            (_("Case"), data["id"]),
            (shown["court_case_no"], data["court_case_no"]),
            (shown["cause"], data["cause"]),
            (shown["amount"], data["amount"]),
            (shown["source"], enum_label(Source, data["source"])),
            (
                field_label("procedure"),
                PROCEDURE.label(data["procedure"]) if data["procedure"] else None,
            ),
            (_court_heading(data, shown), data["referring_court"]),
            (shown["received_on"], data["received_on"]),
            (shown["location"], place_label(data["location"], places)),
            (
                shown["subject_matter_location"],
                place_label(data["subject_matter_location"], places),
            ),
            (shown["tags"], _tags_line(data["tags"])),
            (_("Status"), status_label(data["status"])),
            (_("Body"), org["name"] if org else None),
            (_("Mediator"), data["mediator"]["name"] if data["mediator"] else None),
            (_("Deadline"), _deadline(data)),
            (_("Closed"), data["closed_on"]),
            (shown["facts"], data["facts"]),
            (shown["claim"], data["claim"]),
            (_("Version"), data["version"]),
        ],
        title=_("Case {id}").format(id=data["id"]),
    )
    guardians = any(_guardian(p) for p in data["parties"])
    console.table(
        [
            pgettext("party", "No."),
            shown["role"],
            shown["kind"],
            shown["name"],
            shown["id_number"],
            shown["phone"],
            shown["address"],
            *([field_label("guardian")] if guardians else []),
        ],
        [
            [
                str(p["number"]),
                enum_label(PartyRole, p["role"]),
                kind_label(p["kind"], p["legal_rep_title"]) or enum_label(PartyKind, p["kind"]),
                "\n".join(
                    filter(
                        None,
                        (
                            p["name"],
                            operator_line(p["kind"], p["legal_rep"], p["legal_rep_title"]),
                            representative_line(
                                p["kind"], p["name"], p["legal_rep"], p["legal_rep_title"]
                            ),
                        ),
                    )
                ),
                p["id_number"],
                p["phone"],
                _address_cell(p),
                *([_guardian(p)] if guardians else []),
            ]
            for p in data["parties"]
        ],
        title=_("Parties"),
    )
    decision = data["decision"]
    if decision:
        from mediate.domain.events import MANUAL_RULES, rules_version_label
        from mediate.routing.titles import path_label
        from mediate.services.rulenames import rule_titles

        version = decision["rules_version"]
        path = path_label(decision["path"], rule_titles()) or decision["rule"]
        if version == MANUAL_RULES:  # a transfer the clerk chose, no route of the rules
            path = _("transferred by the clerk")
        console.message(
            _("Rule: {path} (rules {version})").format(
                path=path, version=rules_version_label(version)
            )
        )
        for warning in decision["warnings"]:
            console.warn(warning)
    _print_outcome(data)


def _address_cell(party: dict[str, Any]) -> str:
    """A party's cell under 住所: its address; a 个体工商户's labelled 经营场所 (市场主体登记管理
    条例 (2021) art. 8 para. 2(四) registers its 经营场所 apart from its 经营者's 住所, and
    the papers print it so), with the 经营者住所 below it — each label one `case edit --set`
    takes back (fields.field_names)."""
    from mediate.domain.fields import party_field_label
    from mediate.domain.parties import is_registered_trader, operator_address_line

    address = party["address"]
    if address and is_registered_trader(party["kind"], party["legal_rep_title"]):
        label = party_field_label("address", trader=True)
        address = _("{field}: {value}").format(field=label, value=address)
    return "\n".join(filter(None, (address, operator_address_line(party["operator_address"]))))


def _guardian(party: dict[str, Any]) -> str:
    """A party's 法定代理人 for its cell of the party table (issue 17 item 2): name and
    relation, and the ID number (masked like every ID unless --reveal) on a line below."""
    name, relation = party.get("guardian") or "", party.get("guardian_relation")
    who = _("{name} ({relation})").format(name=name, relation=relation) if relation else name
    return "\n".join(v for v in (who, party.get("guardian_id_number")) if v)


def _deadline(data: dict[str, Any]) -> str | None:
    if data.get("paused_on"):  # no date is due while the limit stops (case pause)
        from mediate.domain.pauses import reason_label

        return _("paused since {day} ({reason}): the deadline is set when it resumes").format(
            day=data["paused_on"], reason=reason_label(data["pause_reason"] or "")
        )
    if not data["deadline"]:
        return None
    text = _limit(data)
    if data.get("paused_days"):
        from mediate.domain.deadlines import limit_text

        days = limit_text(data["paused_days"], data.get("deadline_unit"))
        return _("{deadline}; {days} paused, not counted").format(deadline=text, days=days)
    return text


def _limit(data: dict[str, Any]) -> str:
    if data.get("deadline_unit") == "workdays" and data["deadline_days"]:
        # a limit in working days says so (医疗纠纷预防和处理条例 art. 38): 30个工作日
        from mediate.domain.deadlines import WORKDAYS, limit_text

        limit, extension = limit_text(data["deadline_days"], WORKDAYS), data["extension_days"]
        if extension:
            return _("{date} ({limit}, extended by {extension})").format(
                date=data["deadline"], limit=limit, extension=limit_text(extension, WORKDAYS)
            )
        return _("{date} ({limit})").format(date=data["deadline"], limit=limit)
    if data["extension_days"]:
        return _("{date} (extended by {days} days)").format(
            date=data["deadline"], days=data["extension_days"]
        )
    return str(data["deadline"])


def _follow_ups(outcome: dict[str, Any]) -> str | None:
    """The failure's follow-up and, after it, the credit report when one was decided."""
    from mediate.domain.status import FollowUp, follow_up_label

    items = [outcome["follow_up"]] if outcome["follow_up"] else []
    if outcome.get("credit_report") and FollowUp.CREDIT_REPORT.value not in items:
        items.append(FollowUp.CREDIT_REPORT.value)
    return _(", ").join(map(follow_up_label, items)) or None


def _print_outcome(data: dict[str, Any]) -> None:
    """The outcome and its terms, the judicial confirmation and its window, the documents."""
    from mediate.domain.status import status_label

    outcome, confirmation = data["outcome"], data["confirmation"]
    pairs: list[tuple[str, Any]] = []
    if outcome:
        pairs += [
            (_("Outcome"), status_label(outcome["result"])),
            (_("Decided on"), outcome["decided_on"]),
            (_("Terms"), outcome["terms"]),
            (_("Amount agreed"), outcome["amount"]),
            (pgettext("outcome", "Performance"), outcome["performance"]),
            (_("Perform by"), outcome["perform_by"]),
            (_("Reason"), outcome["reason"]),
            (_("Follow-up"), _follow_ups(outcome)),
        ]
    if confirmation:
        status = confirmation["status"]
        pairs += [
            (
                _("Judicial confirmation"),
                status_label(status) if status else _("not applied for yet"),
            ),
            (_("Apply by"), confirmation["apply_by"]),
            (_("Application dated"), confirmation.get("drafted_on")),
            (_("Court"), confirmation["court"]),
            (_("Court case no."), confirmation["court_case_no"]),
        ]
    shown = [(k, v) for k, v in pairs if v not in (None, "")]
    if shown:
        console.key_values(shown, title=_("Outcome"))
    if data["documents"]:
        console.table(
            [_("Document"), _("File"), _("When")],
            [[d["title"], d["path"], minute_label(d["created_at"])] for d in data["documents"]],
            title=_("Documents produced"),
        )


# ---------------------------------------------------------------- case list

LIST_COLUMNS = [
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


def case_list(
    context: ReadContext,
    filters: Any,  # services.cases.CaseFilter
    body: str | None,
    limit: int,
    offset: int,
    csv: bool,
    raw: bool,
    as_json: bool,
) -> None:
    """`filters` with `org` still as the clerk typed it (`body`), dates as typed."""
    from mediate.services.bodies import resolve_org
    from mediate.services.cases import list_cases, require_named

    with context.reading() as db:
        if body:
            filters.org = resolve_org(db, body, "--body")
        page = list_cases(db, filters, limit=limit, offset=offset)
        if page.total == 0:  # nothing: say so if a name given names nothing at all
            require_named(db.reader, "--mediator", filters.mediator, None)
            require_named(db.reader, "--cause", None, filters.cause)
    if as_json:
        console.print_json(
            {"total": page.total, "limit": limit, "offset": offset, "cases": page.rows}
        )
        return
    if csv:
        _print_csv(LIST_COLUMNS, page.rows, raw)
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
    rows = [[_list_cell(r[c], c, r) for c in LIST_COLUMNS] for r in page.rows]
    console.table(
        headers,
        rows,
        caption=_("{shown} of {total} cases (from {first})").format(
            shown=len(rows), total=page.total, first=offset + 1 if rows else 0
        ),
    )


def parse_day(value: str | None, option: str) -> dt.date | None:
    """A date option (`--from`, `--to`) as the clerk wrote it; an empty or bad one is a
    usage error (intake/values.option_date)."""
    from mediate.intake.values import option_date

    return option_date(value, option)


def parse_days(first: str | None, last: str | None) -> tuple[dt.date | None, dt.date | None]:
    """`--from` and `--to` (`parse_day`), a first day after the last refused (it would
    list nothing, silently)."""
    if first is None and last is None:
        return None, None  # nothing to read: `case list` imports no date parser
    from mediate.intake.values import in_order

    days = parse_day(first, "--from"), parse_day(last, "--to")
    in_order(*days)
    return days


def _list_cell(value: Any, column: str, row: dict[str, Any]) -> str:
    from mediate.domain.status import status_label

    if isinstance(value, list):
        return "、".join(value)
    if column == "deadline" and row.get("overdue"):
        return f"{value} !"
    if column == "deadline" and value is None and row.get("paused_on"):
        return pgettext("deadline", "paused")
    if column == "status":
        return status_label(value)
    return "" if value is None else str(value)


def _print_csv(columns: list[str], rows: list[dict[str, Any]], raw: bool) -> None:
    import sys

    from mediate.reports.tabular import write_rows_csv

    write_rows_csv(columns, ([r[c] for c in columns] for r in rows), sys.stdout, raw)
    sys.stdout.flush()


# ---------------------------------------------------------------- case find


def case_find(context: ReadContext, text: str, limit: int, as_json: bool) -> None:
    from mediate.domain.status import status_label
    from mediate.services.cases import find_cases

    with context.reading() as db:
        page = find_cases(db, text, limit=limit)
    if as_json:
        console.print_json({"total": page.total, "cases": page.rows})
        return
    if not page.rows:
        console.message(_("No case matches {text}.").format(text=text))
        return
    console.table(
        [_("ID"), _("Case no."), _("Cause"), _("Status"), _("Applicants"), _("Respondents"),
         _("Matched")],
        [
            [
                str(r["id"]),
                r["court_case_no"] or "",
                r["cause"],
                status_label(r["status"]),
                "、".join(r["applicants"]),
                "、".join(r["respondents"]),
                "、".join(_match_label(m) for m in r["matched"]),
            ]
            for r in page.rows
        ],
        caption=_("{shown} of {total} cases").format(shown=len(page.rows), total=page.total),
    )  # fmt: skip


def _match_label(what: str) -> str:
    from mediate.domain.fields import field_label

    return {"case_no": field_label("court_case_no")}.get(what, field_label(what))


# ---------------------------------------------------------------- today


def today(context: ReadContext, within: int, as_json: bool) -> None:
    from mediate.services.desk import todays_work

    with context.reading() as db:
        desk = todays_work(db, within)
    if as_json:
        console.print_json(desk.as_json())
        return
    console.message(
        _("Today {date}: looking {n} days ahead.").format(date=desk.on.isoformat(), n=within)
    )
    if not any(desk.counts.values()):
        console.success(_("Nothing waits for you today."))
        return
    for name, rows in desk.sections.items():
        if not rows:
            continue
        title, columns = _today_layout(name)
        console.table(
            [_("Case"), _("Case no."), _("Cause"), _("Body"), *(h for h, _k in columns)],
            [
                [  # a session's row names no case number or body: blank cells
                    str(r["case"]),
                    r.get("court_case_no") or "",
                    r["cause"],
                    r.get("org") or "",
                    *(_today_cell(r.get(k)) for _h, k in columns),
                ]
                for r in rows
            ],
            title=f"{title} ({desk.counts[name]})",
        )


def _today_cell(value: Any) -> str:
    return "" if value is None else str(value)


def _today_layout(name: str) -> tuple[str, list[tuple[str, str]]]:
    """A section's title and its own columns (header, key)."""
    layouts = {
        "sessions": (
            _("Mediation sessions today"),
            [(_("Time"), "time"), (_("Venue"), "place"), (_("Mediator"), "mediator")],
        ),
        "overdue": (_("Overdue"), [(_("Deadline"), "deadline"), (_("Days late"), "days_late")]),
        "due": (
            _("Deadlines coming"),
            [(_("Deadline"), "deadline"), (_("Days left"), "days_left")],
        ),
        "unassigned": (_("No mediator yet"), [(_("Received"), "received_on")]),
        "confirmation_closing": (
            _("Judicial confirmation: window closing"),
            [(_("Apply by"), "apply_by"), (_("Days left"), "days_left")],
        ),
        "rulings_awaited": (
            _("Rulings awaited"),
            [(_("Court"), "court"), (_("Filed"), "filed_on"), (_("Days waiting"), "days_waiting")],
        ),
        "performance_due": (
            _("Performance due or late (follow-up visit)"),
            [
                (_("Perform by"), "perform_by"),
                (_("Days left"), "days_left"),
                (_("Outstanding"), "outstanding"),
                (_("Mediator"), "mediator"),
            ],
        ),
    }
    return layouts.get(name, (name, []))


# ---------------------------------------------------------------- org list


def org_list(context: ReadContext, filters: Any, as_json: bool) -> None:
    """`filters`: a services.bodies.OrgFilter with the county already a code prefix and the
    field as typed."""
    from mediate.domain import vocabulary
    from mediate.services.bodies import SAMPLE_MARK, list_orgs, org_list_headers

    with context.reading() as db:
        if filters.field:
            filters.field = vocabulary.FIELD.find(filters.field) or filters.field
        rows = list_orgs(db, filters)
    if as_json:
        console.print_json(rows)
        return
    headers = [label for _key, label in org_list_headers()]
    console.table(
        [*headers[:3], console.Column(headers[3], drop=1), console.Column(headers[4], drop=2)],
        [
            (
                r["id"],
                r["name"] + (SAMPLE_MARK if r["sample"] else ""),  # resolve_org takes it
                vocabulary.org_kind_label(r["kind"]),
                r["division"],
                vocabulary.field_label(r["field"]) if r["field"] else "",
            )
            for r in rows
        ],
        caption=_("{n} bodies; * = sample name").format(n=len(rows)),
    )
