"""Finding and reading cases: `case list` (filters, paging), `case find`, `case show`,
`case history`.

The reads are SQL over a DB-API `Reader` (store/dbapi.py): the light entry
(`mediate/quick.py`) and the full commands run these same functions, so the two cannot
differ. Each takes a `Reading` (a reader and the acting clerk) or a unit of work.

Only what the acting clerk may see (services/who.py, the rule of services/access.py).
Identity numbers and phones are masked unless the clerk asks to reveal them, and revealing
is itself an audit event (the only write here: it needs a unit of work).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mediate.domain.columns import CASES
from mediate.domain.events import split_named
from mediate.domain.fields import PARTY_FIELDS
from mediate.domain.kinds import mask_id, mask_phone
from mediate.domain.papers import paper_title
from mediate.domain.status import OPEN_STATUSES
from mediate.errors import NotFound
from mediate.i18n import _
from mediate.services.reading import Reading, reading
from mediate.services.who import case_scope, require_visible
from mediate.store.dbapi import (
    LIKE,
    contains,
    endswith,
    iso_day,
    json_value,
    marks,
    money_text,
    utc_iso,
)

if TYPE_CHECKING:
    from mediate.store.uow import UnitOfWork

OPEN = sorted(s.value for s in OPEN_STATUSES)


@dataclass
class CaseFilter:
    status: list[str] = field(default_factory=list)
    org: str | None = None
    county: str | None = None
    source: str | None = None
    cause: str | None = None  # part of the cause's name
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    overdue: bool = False  # deadline before today, still open
    due_within: int | None = None  # deadline within N days from today, still open
    batch: int | None = None
    today: dt.date | None = None
    mediator: str | None = None  # a mediator's id, or part of their name
    party: str | None = None  # part of a party's name


@dataclass
class CasePage:
    total: int
    rows: list[dict[str, Any]]


class Where:
    """AND-ed conditions with their parameters, in order."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.params: list[Any] = []

    def add(self, sql: str, *params: Any) -> None:
        if sql:
            self.parts.append(sql)
            self.params.extend(params)

    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.parts) if self.parts else ""


# The columns of a row of `case list` / `case find`, and the join that names the body.
_LIST_COLUMNS = (
    "cases.id, cases.court_case_no, cases.cause, cases.amount, cases.source, "
    "cases.received_on, cases.status, cases.org_id, orgs.name, cases.county_code, "
    "cases.deadline, cases.paused_on"
)
_WITH_BODY = " FROM cases LEFT OUTER JOIN orgs ON orgs.id = cases.org_id"


def _filters(db: Reading, f: CaseFilter, today: dt.date) -> Where:
    day = db.reader.day_param
    where = Where()
    if f.status:
        where.add(f"cases.status IN ({marks(f.status)})", *f.status)
    if f.org:
        where.add("cases.org_id = ?", f.org)
    if f.county:
        where.add("cases.county_code = ?", f.county)
    if f.source:
        where.add("cases.source = ?", f.source)
    if f.cause:
        where.add(f"cases.cause {LIKE}", contains(f.cause))
    if f.received_from:
        where.add("cases.received_on >= ?", day(f.received_from))
    if f.received_to:
        where.add("cases.received_on <= ?", day(f.received_to))
    if f.batch is not None:
        where.add("cases.import_batch_id = ?", f.batch)
    if f.mediator:
        text = f.mediator.strip()
        named = split_named(text)  # 刘明（15）, as history and case show print a mediator
        if named is not None and named[1].isascii() and named[1].isdigit():
            text = named[1]
        if text.isascii() and text.isdigit():
            # an id past the database's integers names no mediator (as find_mediator)
            where.add("cases.mediator_id = ?", int(text) if int(text) < 2**63 else -1)
        else:
            where.add(
                f"cases.mediator_id IN (SELECT mediators.id FROM mediators "
                f"WHERE mediators.name {LIKE})",
                contains(text),
            )
    if f.party:
        where.add(
            f"cases.id IN (SELECT parties.case_id FROM parties WHERE parties.name {LIKE})",
            contains(f.party.strip()),
        )
    if f.overdue or f.due_within is not None:
        where.add(f"cases.status IN ({marks(OPEN)})", *OPEN)
    if f.overdue:
        where.add("cases.deadline < ?", day(today))
    if f.due_within is not None:
        where.add("cases.deadline >= ?", day(today))
        where.add("cases.deadline <= ?", day(today + dt.timedelta(days=f.due_within)))
    where.add(*_scope(db))
    return where


def _scope(db: Reading) -> tuple[Any, ...]:
    sql, params = case_scope(db.identity())
    return (sql, *params)


def require_named(
    reader: Any, option: str, mediator: str | None, cause: str | None, exact: bool = False
) -> None:
    """A `--mediator` that names no mediator, or a cause that names no 案由 (of the
    catalogues loaded at init, or of a case), is a usage error (exit 2) naming the option,
    with the nearest names: not an empty list, which would say that no case of that
    mediator or cause exists. A name that exists but has no case lists nothing."""
    from mediate.errors import BadOptionValue

    if mediator:
        text = mediator.strip()
        named = split_named(text)
        if (
            not (text.isascii() and text.isdigit())
            and not (named is not None and named[1].isascii() and named[1].isdigit())
            and (
                reader.one(
                    f"SELECT 1 FROM mediators WHERE mediators.name {LIKE} LIMIT 1",
                    (contains(text),),
                )
                is None
            )
        ):
            names = [str(r[0]) for r in reader.rows("SELECT DISTINCT name FROM mediators")]
            raise BadOptionValue(
                option,
                _("no mediator's name contains '{text}'.").format(text=text)
                + _nearest(text, names),
            )
    if cause:
        text = cause.strip()
        test, value = ("= ?", text) if exact else (LIKE, contains(text))
        for sql in (
            f"SELECT 1 FROM causes WHERE causes.name {test} LIMIT 1",
            f"SELECT 1 FROM cases WHERE cases.cause {test} LIMIT 1",
        ):
            if reader.one(sql, (value,)) is not None:
                return
        names = [str(r[0]) for r in reader.rows("SELECT DISTINCT name FROM causes")]
        raise BadOptionValue(
            option, _("no cause (案由) matches '{text}'.").format(text=text) + _nearest(text, names)
        )


def _nearest(text: str, names: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(text, names, n=3, cutoff=0.5)
    return _(" Did you mean {names}?").format(names=_(", ").join(close)) if close else ""


def list_cases(
    db: Reading | UnitOfWork, f: CaseFilter, limit: int = 50, offset: int = 0
) -> CasePage:
    from mediate.clock import today as today_in_china

    r = reading(db)
    today = f.today or today_in_china()
    where = _filters(r, f, today)
    total = r.reader.scalar("SELECT count(*) FROM cases" + where.sql(), where.params)
    if f.overdue:  # the most overdue first, the page read off ix_case_status_deadline
        ids = _overdue_page(r, where, limit, offset)
        found = _list_rows(r, ids)
    else:
        found = r.reader.rows(
            f"SELECT {_LIST_COLUMNS}{_WITH_BODY}{where.sql()} ORDER BY cases.id LIMIT ? OFFSET ?",
            [*where.params, limit, offset],
        )
    names = _party_names(r, [row[0] for row in found])
    rows = [_list_row(row, names.get(row[0], {}), today) for row in found]
    return CasePage(total=int(total), rows=rows)


def _overdue_page(db: Reading, where: Where, limit: int, offset: int) -> list[int]:
    """One page of overdue cases, earliest deadline first (then id), without sorting them
    all: for each open status, the first `offset + limit` matches in the order of the
    index on (status, deadline) (SQLite keeps the row id in it; PostgreSQL sorts only
    that many), then those few merged and paged. The total is counted apart.
    """
    depth = offset + limit
    firsts, params = [], []
    for number, status in enumerate(OPEN):
        condition = where.sql() + (" AND " if where.parts else " WHERE ") + "cases.status = ?"
        firsts.append(
            f"SELECT first{number}.id, first{number}.deadline FROM ("
            f"SELECT cases.id AS id, cases.deadline AS deadline FROM cases{condition} "
            f"ORDER BY cases.deadline, cases.id LIMIT ?) AS first{number}"
        )
        params += [*where.params, status, depth]
    sql = (
        "SELECT merged.id FROM (" + " UNION ALL ".join(firsts) + ") AS merged "
        "ORDER BY merged.deadline, merged.id LIMIT ? OFFSET ?"
    )
    return [int(i) for (i,) in db.reader.rows(sql, [*params, limit, offset])]


def _list_rows(db: Reading, ids: list[int]) -> list[tuple[Any, ...]]:
    """The list rows of these cases, in the order of `ids`."""
    if not ids:
        return []
    found = db.reader.rows(
        f"SELECT {_LIST_COLUMNS}{_WITH_BODY} WHERE cases.id IN ({marks(ids)})", ids
    )
    by_id = {row[0]: row for row in found}
    return [by_id[i] for i in ids if i in by_id]


# ---------------------------------------------------------------- case find

# Pattern text, compiled at first use (re's cache): the light entry imports this module.
_ID_TAIL = r"^[0-9]{3,17}[0-9Xx]$"  # 4 to 18 characters of an ID number
_PHONE = r"^[0-9][0-9 -]{3,}$"


@dataclass
class Found:
    case_id: int
    matched: set[str] = field(default_factory=set)  # name | id_number | phone | case_no


def find_cases(
    db: Reading | UnitOfWork, text: str, limit: int = 50, today: dt.date | None = None
) -> CasePage:
    """Cases by a party's name (part of it), an ID number (whole, or its last 4+
    characters), a phone number (part of it) or part of the case number; newest first."""
    from mediate.intake.text import half_width

    r = reading(db)
    query_text = half_width(text.strip())
    if not query_text:
        return CasePage(total=0, rows=[])
    found: dict[int, Found] = {}

    def hit(case_id: int, what: str) -> None:
        found.setdefault(case_id, Found(case_id)).matched.add(what)

    by_party: list[tuple[str, str, str]] = [
        ("name", f"parties.name {LIKE}", contains(text.strip()))
    ]
    if re.match(_ID_TAIL, query_text):
        by_party.append(("id_number", f"parties.id_number {LIKE}", endswith(query_text.upper())))
    if re.match(_PHONE, query_text):
        digits = query_text.replace(" ", "").replace("-", "")
        by_party.append(("phone", f"parties.phone {LIKE}", contains(digits)))
    for what, condition, value in by_party:
        where = Where()
        where.add(condition, value)
        where.add(*_scope(r))
        sql = (
            "SELECT DISTINCT parties.case_id FROM parties JOIN cases ON cases.id = parties.case_id"
            + where.sql()
            + " LIMIT ?"
        )
        for (case_id,) in r.reader.rows(sql, [*where.params, limit * 4]):
            hit(case_id, what)
    for number in sorted({query_text, query_text.replace("(", "（").replace(")", "）")}):
        where = Where()
        where.add(f"cases.court_case_no {LIKE}", contains(number))
        where.add(*_scope(r))
        sql = "SELECT cases.id FROM cases" + where.sql() + " LIMIT ?"
        for (found_id,) in r.reader.rows(sql, [*where.params, limit * 4]):
            hit(found_id, "case_no")
    ids = sorted(found, reverse=True)[:limit]
    rows = _rows_for(r, ids, today)
    for row in rows:
        row["matched"] = sorted(found[row["id"]].matched)
    return CasePage(total=len(found), rows=rows)


def _rows_for(db: Reading, ids: list[int], today: dt.date | None) -> list[dict[str, Any]]:
    from mediate.clock import today as today_in_china

    on = today or today_in_china()
    names = _party_names(db, ids)
    return [_list_row(row, names.get(row[0], {}), on) for row in _list_rows(db, ids)]


def resolve_case(db: Reading | UnitOfWork, ref: str) -> int:
    """A case named by its id or by its court case number (案号, either bracket width):
    the one parser of a case reference (`case show`, `history`, `edit` …). NFKC first, so
    an id typed with full-width digits (２３, a Chinese input method's) is case 23, as the
    commands whose ID is a number (`whole_number`) take it."""
    text = unicodedata.normalize("NFKC", ref).strip()
    if text.isascii() and text.isdigit():
        if int(text) >= 2**63:  # past the database's integers: no case has it
            raise NotFound(_("No case with id {id}.").format(id=text))
        return int(text)
    from mediate.intake.values import BadValue, parse_case_no

    try:
        number = parse_case_no(text)
    except BadValue as exc:
        # A number stored before today's check (a pre-2016 …字第…号, a three-digit court
        # code: domain/case_numbers.py) is found as typed; anything else is no reference.
        if (found := _case_of_number(db, {text})) is not None:
            return found
        from mediate.errors import BadOptionValue

        raise BadOptionValue(  # what was typed is no case reference: a usage error (exit 2)
            _("ID"), _("'{ref}' is neither a case id nor a case number.").format(ref=ref)
        ) from exc
    found = _case_of_number(db, {number, text} if number else {text})
    if found is None:
        raise NotFound(_("No case has the case number {no}.").format(no=number or text))
    return found


def _case_of_number(db: Reading | UnitOfWork, variants: set[str]) -> int | None:
    """The case stored under one of `variants`, in either bracket width."""
    from mediate.domain.case_numbers import bracket_variants

    listed = sorted({form for variant in variants for form in bracket_variants(variant)})
    found = reading(db).reader.scalar(
        f"SELECT cases.id FROM cases WHERE cases.court_case_no IN ({marks(listed)}) LIMIT 1",
        listed,
    )
    return None if found is None else int(found)


def _party_names(db: Reading, ids: list[int]) -> dict[int, dict[str, list[str]]]:
    if not ids:
        return {}
    result: dict[int, dict[str, list[str]]] = {}
    sql = (
        "SELECT parties.case_id, parties.role, parties.name FROM parties "
        f"WHERE parties.case_id IN ({marks(ids)}) ORDER BY parties.case_id, parties.position"
    )
    for case_id, role, name in db.reader.rows(sql, ids):
        result.setdefault(case_id, {}).setdefault(role, []).append(name)
    return result


def _list_row(row: tuple[Any, ...], names: dict[str, list[str]], today: dt.date) -> dict[str, Any]:
    case_id, number, cause, amount, source, received_on, status, org_id, org, county = row[:10]
    deadline, paused_on = row[10:]
    due = iso_day(deadline)
    return {
        "id": case_id,
        "court_case_no": number,
        "cause": cause,
        "amount": money_text(amount),
        "source": source,
        "received_on": iso_day(received_on),
        "status": status,
        "org_id": org_id,
        "org": org,
        "county_code": county,
        "deadline": due,
        "overdue": due is not None and due < today.isoformat() and status in OPEN,
        "paused_on": iso_day(paused_on),  # a paused time limit has no deadline (case pause)
        "applicants": names.get("applicant", []),
        "respondents": names.get("respondent", []),
    }


# ---------------------------------------------------------------- case show

# A case in `case show`: its columns but those it does not show (how the import keyed it,
# the 案由 code, the rule the decision names, the batch, the last change).
NOT_SHOWN = frozenset({"intake_key", "cause_code", "route_rule", "import_batch_id", "updated_at"})
_CASE_FIELDS = tuple(name for name in CASES if name not in NOT_SHOWN)
# A party in `case show` (and its --json): the stored fields but occupation and agent.
_PARTY_FIELDS = tuple(f for f in PARTY_FIELDS if f not in ("occupation", "agent"))
_OUTCOME_FIELDS = (
    "result",
    "decided_on",
    "terms",
    "amount",
    "performance",
    "perform_by",
    "effective_on",
    "reason",
    "follow_up",
    "recorded_by",
)
_CONFIRMATION_FIELDS = (
    "status",
    "court",
    "apply_by",
    "filed_on",
    "court_case_no",
    "decided_on",
    "drafted_on",  # since migration 0021: the date printed on the application
)
_DECISION_FIELDS = (
    "org_id",
    "rule",
    "path",
    "deadline_days",
    "deadline_unit",
    "rules_version",
    "warnings",
    "decided_by",
    "decided_at",
)


def _select(table: str, fields: tuple[str, ...]) -> str:
    return "SELECT " + ", ".join(f"{table}.{name}" for name in fields) + f" FROM {table}"


def _record(db: Reading, sql: str, fields: tuple[str, ...], *params: Any) -> dict[str, Any] | None:
    row = db.reader.one(sql, params)
    return None if row is None else dict(zip(fields, row, strict=True))


def _case(db: Reading, case_id: int) -> dict[str, Any]:
    case = _record(
        db, _select("cases", _CASE_FIELDS) + " WHERE cases.id = ?", _CASE_FIELDS, case_id
    )
    if case is None:
        raise NotFound(_("No case with id {id}.").format(id=case_id))
    require_visible(db.identity(), case_id, case["org_id"], case["created_by"])
    return case


def show_case(db: Reading | UnitOfWork, case_id: int, reveal: bool = False) -> dict[str, Any]:
    """A case with its parties and current routing decision. `reveal` is recorded (and
    needs a unit of work)."""
    r = reading(db)
    case = _case(r, case_id)
    org = r.reader.one(
        "SELECT orgs.id, orgs.name, orgs.kind FROM orgs WHERE orgs.id = ?", (case["org_id"],)
    )
    mediator = r.reader.one(
        "SELECT mediators.id, mediators.name, mediators.type FROM mediators WHERE mediators.id = ?",
        (case["mediator_id"],),
    )
    parties = r.reader.rows(
        _select("parties", _PARTY_FIELDS) + " WHERE parties.case_id = ? ORDER BY parties.position",
        (case_id,),
    )
    decision = _record(
        r,
        _select("decisions", _DECISION_FIELDS)
        + " WHERE decisions.case_id = ? ORDER BY decisions.id DESC LIMIT 1",
        _DECISION_FIELDS,
        case_id,
    )
    outcome = _record(
        r,
        _select("outcomes", _OUTCOME_FIELDS) + " WHERE outcomes.case_id = ?",
        _OUTCOME_FIELDS,
        case_id,
    )
    if outcome is not None:
        outcome["credit_report"] = _credit_report(r, case_id, outcome["result"])
    confirmation = _record(
        r,
        _select("confirmations", _CONFIRMATION_FIELDS) + " WHERE confirmations.case_id = ?",
        _CONFIRMATION_FIELDS,
        case_id,
    )
    documents = r.reader.rows(
        "SELECT documents.kind, documents.path, documents.created_by, documents.created_at, "
        "documents.title FROM documents WHERE documents.case_id = ? ORDER BY documents.id",
        (case_id,),
    )
    # a paper's title as printed (stored since 0017); one made before, by the case's body
    untitled = any(d[4] is None for d in documents)
    titles = _paper_titles(case, org[1:] if org else None) if untitled else {}
    if reveal:
        _record_reveal(db, case_id)
    return {
        "id": case["id"],
        "court_case_no": case["court_case_no"],
        "cause": case["cause"],
        "amount": money_text(case["amount"]),
        "source": case["source"],
        "procedure": case["procedure"],
        "referring_court": case["referring_court"],
        "received_on": iso_day(case["received_on"]),
        "location": case["location"],
        "subject_matter_location": case["subject_matter_location"],
        "county_code": case["county_code"],
        "tags": list(json_value(case["tags"]) or []),
        "facts": case["facts"],
        "claim": case["claim"],
        "status": case["status"],
        "org": {"id": org[0], "name": org[1], "kind": org[2]} if org else None,
        "deadline_days": case["deadline_days"],
        "deadline_unit": case["deadline_unit"] or "days",  # domain/deadlines.due_date
        "deadline": iso_day(case["deadline"]),
        "assigned_on": iso_day(case["assigned_on"]),
        "extension_days": case["extension_days"],
        # a pause of the time limit (services/lifecycle.pause): no deadline while it lasts
        "paused_on": iso_day(case["paused_on"]),
        "pause_reason": case["pause_reason"],
        "paused_days": case["paused_days"],
        "closed_on": iso_day(case["closed_on"]),
        "mediator": {"id": mediator[0], "name": mediator[1], "type": mediator[2]}
        if mediator
        else None,
        "version": case["version"],
        "created_by": case["created_by"],
        "created_at": utc_iso(case["created_at"]),
        "parties": [
            {"number": n, **_party(dict(zip(_PARTY_FIELDS, p, strict=True)), reveal)}
            for n, p in enumerate(parties, start=1)
        ],
        "decision": _decision(decision),
        "outcome": _outcome(outcome),
        "confirmation": _confirmation(confirmation, outcome),
        "documents": [
            {
                "kind": kind,
                "title": printed or titles.get(kind) or paper_title(kind),
                "path": path,
                "created_by": by,
                "created_at": utc_iso(at),
            }
            for kind, path, by, at, printed in documents
        ],
    }


def paper_titles(db: Reading | UnitOfWork, case_id: int) -> dict[str, str]:
    """Each paper's title by kind as the case's body prints it: how `case show` and `case
    history` name the case's papers."""
    r = reading(db)
    case = _case(r, case_id)
    org = r.reader.one("SELECT orgs.name, orgs.kind FROM orgs WHERE orgs.id = ?", (case["org_id"],))
    return _paper_titles(case, org)


def own_place_names(db: Reading | UnitOfWork, places: Sequence[str | None]) -> dict[str, str]:
    """The names `org import` stored (orgs.division_name, 0019) for those of `places` that
    are divisions of the deployment's own, not in data/network.yaml: what `case show` prints
    beside such a code (routing.places.place_label). One query, on the light path too."""
    from mediate.routing.places import bundled_division_names, is_division_code, own_division_names

    bundled = bundled_division_names()
    codes = sorted({p for p in places if p and is_division_code(p) and p not in bundled})
    if not codes:
        return {}
    rows = reading(db).reader.rows(
        "SELECT orgs.id, orgs.division_code, orgs.division_name FROM orgs WHERE "
        f"orgs.division_name IS NOT NULL AND orgs.division_code IN ({marks(codes)})",
        codes,
    )
    return own_division_names(rows)


def _paper_titles(case: dict[str, Any], org: Sequence[Any] | None) -> dict[str, str]:
    """documents.kinds.paper_title (the printed paper's rule) for the case's body (`org`:
    its name and kind) and source."""
    from mediate.documents.kinds import body_paper_titles

    name, kind = org if org else (None, None)
    return body_paper_titles(kind, name, case["source"])


def _record_reveal(db: Reading | UnitOfWork, case_id: int) -> None:
    if isinstance(db, Reading):
        raise TypeError("revealing is audited: show_case(reveal=True) needs a unit of work")
    db.record("revealed", case_id, note=_("identity numbers and phones shown in full"))


def _credit_report(db: Reading, case_id: int, result: str) -> dict[str, Any] | None:
    """A failure's credit report (`mediate credit report`, seed item 18): its decision's
    event (basis, enterprises, reported_on), the last one; None when there is none. It is a
    follow-up beside the outcome's own (services/credit.py), which it does not replace."""
    if result != "failed":
        return None
    row = db.reader.one(
        "SELECT events.after FROM events WHERE events.case_id = ? AND events.action = ?"
        " ORDER BY events.id DESC LIMIT 1",
        (case_id, "credit_report"),
    )
    return dict(json_value(row[0]) or {}) if row else None


def _outcome(o: dict[str, Any] | None) -> dict[str, Any] | None:
    if o is None:
        return None
    return {
        **o,
        "decided_on": iso_day(o["decided_on"]),
        "amount": money_text(o["amount"]),
        "perform_by": iso_day(o["perform_by"]),
        "effective_on": iso_day(o["effective_on"]),
    }


def _confirmation(c: dict[str, Any] | None, o: dict[str, Any] | None) -> dict[str, Any] | None:
    """The judicial-confirmation track; for a settled case not yet applied, its window."""
    if c is not None:
        return {
            **c,
            "apply_by": iso_day(c["apply_by"]),
            "filed_on": iso_day(c["filed_on"]),
            "decided_on": iso_day(c["decided_on"]),
            "drafted_on": iso_day(c["drafted_on"]),
        }
    effective = iso_day(o["effective_on"]) if o else None
    if o is not None and o["result"] == "settled" and effective is not None:
        from mediate.domain.deadlines import application_deadline

        return {
            "status": None,
            "court": None,
            "apply_by": application_deadline(dt.date.fromisoformat(effective)).isoformat(),
            "filed_on": None,
            "court_case_no": None,
            "decided_on": None,
            "drafted_on": None,
        }
    return None


def _party(p: dict[str, Any], reveal: bool) -> dict[str, Any]:
    return {
        **p,
        "id_number": p["id_number"] if reveal else mask_id(p["id_number"]) or None,
        "birth_date": iso_day(p["birth_date"]),
        "phone": p["phone"] if reveal else mask_phone(p["phone"]) or None,
        "guardian_id_number": (
            p["guardian_id_number"] if reveal else mask_id(p["guardian_id_number"]) or None
        ),
    }


def _decision(d: dict[str, Any] | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {
        **d,
        "deadline_unit": d["deadline_unit"] or "days",
        "path": list(json_value(d["path"]) or []),
        "warnings": list(json_value(d["warnings"]) or []),
        "decided_at": utc_iso(d["decided_at"]),
    }


# ---------------------------------------------------------------- case history (unit of work)


def case_history(uow: UnitOfWork, case_id: int) -> list[dict[str, Any]]:
    """The audit trail of a case, oldest first: who, when, what, before/after — only what
    changed — and the context recorded beside it (domain/events.split_context: a 个体工商户's
    kind and title beside its changed address; None for most events)."""
    from sqlmodel import col, select

    from mediate.domain.events import split_context
    from mediate.store.tables import EventRow

    _case(reading(uow), case_id)
    events = uow.session.exec(
        select(EventRow).where(EventRow.case_id == case_id).order_by(col(EventRow.id))
    ).all()
    return [
        {
            "at": e.at.isoformat(),
            "clerk": e.clerk,
            "org_id": e.org_id,
            "action": e.action,
            "before": before,
            "after": after,
            "context": context,
            "note": e.note,
        }
        for e in events
        for before, after, context in (split_context(e.before, e.after),)
    ]


def _event_values(events: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    """Every (key, value) of the events' before and after sides."""
    return [
        (key, value)
        for e in events
        for values in (e["before"], e["after"])
        if isinstance(values, dict)
        for key, value in values.items()
    ]


def history_places(events: list[dict[str, Any]]) -> list[str | None]:
    """The places a case's history records (own_place_names names those of the deployment's
    own divisions)."""
    from mediate.domain.events import PLACE_KEYS

    return [v for k, v in _event_values(events) if k in PLACE_KEYS and isinstance(v, str)]


def history_names(
    uow: UnitOfWork, events: list[dict[str, Any]]
) -> tuple[dict[str, str], dict[int, str]]:
    """The names of the bodies (id -> name) and the mediators (number -> name) a case's
    history names, to show them by name with the id (a query for each)."""
    from sqlmodel import col, select

    from mediate.domain.events import BODY_KEYS, MEDIATOR_KEYS
    from mediate.store.tables import MediatorRow, OrgRow

    named = _event_values(events)
    org_ids = {v for k, v in named if k in BODY_KEYS and isinstance(v, str)}
    mediator_ids = {
        v for k, v in named if k in MEDIATOR_KEYS and isinstance(v, int) and not isinstance(v, bool)
    }
    orgs: dict[str, str] = {}
    mediators: dict[int, str] = {}
    if org_ids:
        rows = uow.session.exec(select(OrgRow.id, OrgRow.name).where(col(OrgRow.id).in_(org_ids)))
        orgs = {org_id: name for org_id, name in rows.all()}
    if mediator_ids:
        found = select(MediatorRow.id, MediatorRow.name).where(
            col(MediatorRow.id).in_(mediator_ids)
        )
        found_rows = uow.session.exec(found).all()
        mediators = {number: name for number, name in found_rows if number is not None}
    return orgs, mediators


def cause_names(uow: UnitOfWork) -> list[str]:
    """The 案由 names the clerk can pick from (the taxonomy loaded at init), for completion."""
    from sqlmodel import select

    from mediate.store.tables import CauseRow

    names = uow.session.exec(select(CauseRow.name).distinct()).all()
    return sorted(set(names))
