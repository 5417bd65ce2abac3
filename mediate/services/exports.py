"""What leaves the system: case lists for other tools, and the credit-platform file.

Both stream: cases are read in id order, a batch at a time, with their parties, so an
export of a million cases never holds them all in memory. Identity numbers are masked
unless the clerk asks to reveal them, and a reveal is recorded as an audit event (who,
when, which filters) before the first row is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, case, select

from mediate.domain.credit import credit_subjects
from mediate.domain.model import OrgKind, mask_id, mask_phone
from mediate.domain.status import FollowUp
from mediate.reports.filters import Filters
from mediate.reports.periods import Period
from mediate.reports.queries import CASES, CONFIRMATIONS, ORGS, OUTCOMES
from mediate.services.access import identity, restrict_cases
from mediate.services.courts import for_papers
from mediate.services.credit import reported_sql
from mediate.store.dbapi import json_value
from mediate.store.tables import EventRow, PartyRow
from mediate.store.uow import UnitOfWork

BATCH = 1000
PARTIES: Table = PartyRow.__table__  # type: ignore[attr-defined]
EVENTS: Table = EventRow.__table__  # type: ignore[attr-defined]
CREDIT_LAYOUT = "mediate-credit/1"

CASE_COLUMNS = [
    "case_id",
    "court_case_no",
    "cause",
    "claim",
    "amount",
    "source",
    "procedure",
    "referring_court",
    "received_on",
    "county_code",
    "status",
    "org_id",
    "org",
    "deadline",
    "closed_on",
    "result",
    "follow_up",
    "applicants",
    "applicant_ids",
    # the applicant's phone as the respondent's (DESIGN §3.3: the import template has
    # 申请人电话 beside 被申请人电话); placed after the applicants' IDs, as the respondents'
    "applicant_phones",
    "respondents",
    "respondent_ids",
    "respondent_phones",
    "created_by",
    # where it arose and where the subject matter is: stored codes in JSON and --raw, and
    # as case show names them (焦作市解放区王褚街道（410802009）) in a labelled CSV or XLSX.
    # Appended (2026-12-03): a reader taking the columns by position keeps its columns.
    "location",
    "subject_matter_location",
]

CREDIT_CSV_COLUMNS = [
    "record_id",
    "case_id",
    "court_case_no",
    "cause",
    "amount",
    "received_on",
    "closed_on",
    "result",
    "follow_up",
    "confirmation_status",
    "confirmation_court_case_no",
    "body_id",
    "body_name",
    "party_role",
    "party_kind",
    "party_name",
    "party_id_type",
    "party_id_number",
    # Appended (2026-12-03): whether the credit decision reported this party (true/false);
    # a reader taking the columns by position keeps its columns.
    "party_reported",
]

RESULT_CN = {"settled": "调解成功", "failed": "调解不成"}
ROLE_CN = {"applicant": "申请人", "respondent": "被申请人", "third_party": "第三人"}


@dataclass(frozen=True)
class CaseExportFilters:
    """Which cases: received in the period (if given), county, source, statuses, body."""

    period: Period | None = None
    county: str | None = None
    source: str | None = None
    statuses: tuple[str, ...] = ()
    org_id: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "period": self.period.as_json() if self.period else None,
            "county": self.county,
            "source": self.source,
            "statuses": list(self.statuses),
            "org": self.org_id,
        }


def _record_reveal(uow: UnitOfWork, what: str, filters: dict[str, Any], target: str) -> None:
    identity(uow)  # who is revealing: the registered clerk (their own login on PostgreSQL)
    uow.record(
        "export_reveal",
        after={"export": what, "filters": filters, "target": target},
        note=f"identity numbers revealed in export {what} to {target}",
    )
    uow.commit()


def _parties(uow: UnitOfWork, case_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    p = PARTIES.c
    query = (
        select(p.case_id, p.role, p.kind, p.name, p.id_number, p.phone)
        .where(p.case_id.in_(case_ids))
        .order_by(p.case_id, p.position, p.id)
    )
    result: dict[int, list[dict[str, Any]]] = {}
    for row in uow.session.connection().execute(query):
        result.setdefault(row.case_id, []).append(dict(row._mapping))
    return result


def _batches(uow: UnitOfWork, query: Any) -> Iterator[list[dict[str, Any]]]:
    """Keyset pagination on cases.id: each batch is one short query."""
    conn = uow.session.connection()
    last = 0
    while True:
        rows = [
            dict(r._mapping)
            for r in conn.execute(query.where(CASES.c.id > last).order_by(CASES.c.id).limit(BATCH))
        ]
        if not rows:
            return
        yield rows
        last = rows[-1]["case_id"]


def export_cases(
    uow: UnitOfWork, filters: CaseExportFilters, reveal: bool = False, target: str = "-"
) -> Iterator[dict[str, Any]]:
    """One flat dict per case (CASE_COLUMNS), parties joined with 、."""
    if reveal:
        _record_reveal(uow, "cases", filters.as_json(), target)
    c, o, out = CASES.c, ORGS.c, OUTCOMES.c
    query = select(
        c.id.label("case_id"),
        c.court_case_no,
        c.cause,
        c.claim,
        c.amount,
        c.source,
        c.procedure,
        c.referring_court,
        c.received_on,
        c.county_code,
        c.location,
        c.subject_matter_location,
        c.status,
        c.org_id,
        o.name.label("org"),
        c.deadline,
        c.closed_on,
        out.result,
        out.follow_up,
        c.created_by,
    ).select_from(CASES.outerjoin(ORGS, o.id == c.org_id).outerjoin(OUTCOMES, out.case_id == c.id))
    if filters.period:
        query = query.where(c.received_on.between(filters.period.start, filters.period.end))
    if filters.county:
        query = query.where(c.county_code == filters.county)
    if filters.source:
        query = query.where(c.source == filters.source)
    if filters.statuses:
        query = query.where(c.status.in_(filters.statuses))
    if filters.org_id:
        query = query.where(c.org_id == filters.org_id)
    query = restrict_cases(uow, query)  # only the bodies the clerk sees
    show_id = (lambda v: v or "") if reveal else mask_id
    show_phone = (lambda v: v or "") if reveal else mask_phone
    courts: dict[str, str | None] = {}  # as stored -> as a paper names it (services/courts.py)
    for batch in _batches(uow, query):
        parties = _parties(uow, [r["case_id"] for r in batch])
        for row in batch:
            written = row["referring_court"]
            if written:
                if written not in courts:
                    courts[written] = for_papers(uow, written)
                row["referring_court"] = courts[written]
            people = parties.get(row["case_id"], [])
            applicants = [p for p in people if p["role"] == "applicant"]
            respondents = [p for p in people if p["role"] == "respondent"]
            row["applicants"] = "、".join(p["name"] for p in applicants)
            row["applicant_ids"] = "、".join(show_id(p["id_number"]) for p in applicants)
            row["applicant_phones"] = "、".join(show_phone(p["phone"]) for p in applicants)
            row["respondents"] = "、".join(p["name"] for p in respondents)
            row["respondent_ids"] = "、".join(show_id(p["id_number"]) for p in respondents)
            row["respondent_phones"] = "、".join(show_phone(p["phone"]) for p in respondents)
            yield {k: row.get(k) for k in CASE_COLUMNS}


def _id_type(kind: str) -> str:
    return "resident_id" if kind == "person" else "uscc"


def export_credit(
    uow: UnitOfWork, filters: Filters, reveal: bool = False, target: str = "-"
) -> Iterator[dict[str, Any]]:
    """Settled and failed cases of the credit committee closed in the period, one record
    per case in the layout of docs/credit-export.md. Entities' unified social credit codes
    are given in full (the platform keys on them); persons' ID numbers are masked unless
    `reveal`."""
    if reveal:
        _record_reveal(uow, "credit", filters.as_json(), target)
    c, o, out, k = CASES.c, ORGS.c, OUTCOMES.c, CONFIRMATIONS.c
    query = (
        select(
            c.id.label("case_id"),
            c.court_case_no,
            c.cause,
            c.amount,
            c.received_on,
            c.closed_on,
            c.status,
            # `credit_report` once the committee decided the report (its own event; the
            # outcome row keeps the failure's follow-up for the statistics)
            case(
                (reported_sql(c.id, out.follow_up), FollowUp.CREDIT_REPORT.value),
                else_=out.follow_up,
            ).label("follow_up"),
            k.status.label("confirmation_status"),
            k.court.label("confirmation_court"),
            k.court_case_no.label("confirmation_court_case_no"),
            k.decided_on.label("confirmation_decided_on"),
            o.id.label("body_id"),
            o.name.label("body_name"),
        )
        .select_from(
            CASES.join(ORGS, o.id == c.org_id)
            .outerjoin(OUTCOMES, out.case_id == c.id)
            .outerjoin(CONFIRMATIONS, k.case_id == c.id)
        )
        .where(
            o.kind == OrgKind.CREDIT_COMMITTEE.value,
            c.status.in_(("settled", "failed")),
            c.closed_on.between(filters.period.start, filters.period.end),
        )
    )
    if filters.county:
        query = query.where(c.county_code == filters.county)
    query = restrict_cases(uow, query)  # only the bodies the clerk sees
    for batch in _batches(uow, query):
        parties = _parties(uow, [r["case_id"] for r in batch])
        decisions = _credit_decisions(uow, [r["case_id"] for r in batch if _was_reported(r)])
        for row in batch:
            people = parties.get(row["case_id"], [])
            reported = (
                {id(p) for p in credit_subjects(people, decisions.get(row["case_id"]))}
                if _was_reported(row)
                else set()
            )
            yield _credit_record(row, people, reveal, reported)


def _was_reported(row: dict[str, Any]) -> bool:
    return bool(row["follow_up"] == FollowUp.CREDIT_REPORT.value)


def _credit_decisions(uow: UnitOfWork, case_ids: list[int]) -> dict[int, list[str]]:
    """The enterprises each case's credit decision named (`mediate credit report`: its
    `credit_report` event; the last one wins, as for the credit notice)."""
    if not case_ids:
        return {}
    e = EVENTS.c
    query = (
        select(e.case_id, e.after)
        .where(e.case_id.in_(case_ids), e.action == "credit_report")
        .order_by(e.id)
    )
    found: dict[int, list[str]] = {}
    for row in uow.session.connection().execute(query):
        after = json_value(row.after) or {}
        found[row.case_id] = [str(name) for name in after.get("enterprises") or []]
    return found


def _credit_record(
    row: dict[str, Any], parties: list[dict[str, Any]], reveal: bool, reported: set[int]
) -> dict[str, Any]:
    """`reported`: the id() of the parties the credit decision reported (DOMAIN §4.1: only
    the enterprise it names; never the applicant or a person)."""
    confirmation = None
    if row["confirmation_status"]:
        confirmation = {
            "status": row["confirmation_status"],
            "court": row["confirmation_court"],
            "court_case_no": row["confirmation_court_case_no"],
            "decided_on": _iso(row["confirmation_decided_on"]),
        }
    return {
        "record_id": f"JZ-MED-{row['case_id']}",
        "case_id": row["case_id"],
        "court_case_no": row["court_case_no"],
        "cause": row["cause"],
        "amount": None if row["amount"] is None else str(row["amount"]),
        "received_on": _iso(row["received_on"]),
        "closed_on": _iso(row["closed_on"]),
        "result": row["status"],
        "result_cn": RESULT_CN[row["status"]],
        "follow_up": row["follow_up"],
        "confirmation": confirmation,
        "mediation_body": {"id": row["body_id"], "name": row["body_name"]},
        "parties": [
            {
                "role": p["role"],
                "role_cn": ROLE_CN.get(p["role"], p["role"]),
                "kind": p["kind"],
                "name": p["name"],
                "id_type": _id_type(p["kind"]) if p["id_number"] else None,
                "id_number": (
                    p["id_number"] if reveal or p["kind"] != "person" else mask_id(p["id_number"])
                )
                or None,
                "reported": id(p) in reported,
            }
            for p in parties
        ],
    }


def credit_csv_rows(record: dict[str, Any]) -> Iterator[list[Any]]:
    """The flat CSV form of one credit record: one row per party."""
    confirmation = record["confirmation"] or {}
    head = [
        record["record_id"],
        record["case_id"],
        record["court_case_no"],
        record["cause"],
        record["amount"],
        record["received_on"],
        record["closed_on"],
        record["result"],
        record["follow_up"],
        confirmation.get("status"),
        confirmation.get("court_case_no"),
        record["mediation_body"]["id"],
        record["mediation_body"]["name"],
    ]
    for party in record["parties"] or [{}]:
        yield [
            *head,
            party.get("role"),
            party.get("kind"),
            party.get("name"),
            party.get("id_type"),
            party.get("id_number"),
            _flag(party.get("reported")),
        ]


def _flag(value: bool | None) -> str | None:
    """A CSV cell of the fixed layout: `true` / `false` as in the JSON, empty without a party."""
    return None if value is None else ("true" if value else "false")


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
