"""The database tables. The schema itself is owned by Alembic migrations
(`mediate/store/migrations/versions/`): a test checks that they agree with these models.

Identity numbers and phone numbers are stored in full (they go to court); they are masked
on every screen and log by the layers above.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from mediate.store.types import Money, UTCDateTime, utcnow


def _utc_column(nullable: bool = False) -> Any:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=nullable)


class OrgRow(SQLModel, table=True):
    """A body of the mediation network, or a court (kind `court`)."""

    __tablename__ = "orgs"

    id: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=200, index=True)
    kind: str = Field(max_length=40, index=True)
    level: str = Field(max_length=16)
    division_code: str = Field(max_length=12, index=True)
    # The name the deployment declared for its division (`org import`; since 0019), when
    # data/network.yaml lacks the division; NULL otherwise.
    division_name: str | None = Field(default=None, max_length=200)
    field: str | None = Field(default=None, max_length=40)
    parent_id: str | None = Field(default=None, foreign_key="orgs.id", max_length=64)
    court_id: str | None = Field(default=None, foreign_key="orgs.id", max_length=64)
    capacity: int | None = None
    address: str | None = Field(default=None, max_length=300)
    phone: str | None = Field(default=None, max_length=40)
    sample: bool = False
    active: bool = True
    updated_at: dt.datetime = _utc_column()


class MediatorRow(SQLModel, table=True):
    __tablename__ = "mediators"

    id: int | None = Field(default=None, primary_key=True)
    org_id: str = Field(foreign_key="orgs.id", max_length=64, index=True)
    name: str = Field(max_length=100)
    type: str = Field(max_length=20)  # MediatorType
    phone: str | None = Field(default=None, max_length=40)
    active: bool = True
    created_at: dt.datetime = _utc_column()


class ClerkRow(SQLModel, table=True):
    __tablename__ = "clerks"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)
    org_id: str | None = Field(default=None, foreign_key="orgs.id", max_length=64)
    role: str = Field(default="clerk", max_length=20)  # ClerkRole
    # The PostgreSQL login role of this clerk (row-level security maps it to org ids).
    db_role: str | None = Field(default=None, max_length=63, unique=True)
    active: bool = True
    created_at: dt.datetime = _utc_column()


class CauseRow(SQLModel, table=True):
    """One node of the 案由 taxonomy, in one version of it."""

    __tablename__ = "causes"
    __table_args__ = (UniqueConstraint("version", "code", name="uq_cause_version_code"),)

    id: int | None = Field(default=None, primary_key=True)
    version: str = Field(max_length=20)  # e.g. "2020"
    code: str = Field(max_length=20)  # hierarchical code, e.g. "4.10.104"
    name: str = Field(max_length=100, index=True)
    level: int
    parent_code: str | None = Field(default=None, max_length=20)


class ImportBatchRow(SQLModel, table=True):
    __tablename__ = "import_batches"

    id: int | None = Field(default=None, primary_key=True)
    file_name: str = Field(max_length=500)
    file_sha256: str = Field(max_length=64, index=True)
    source: str | None = Field(default=None, max_length=30)
    referring_court: str | None = Field(default=None, max_length=200)
    clerk: str = Field(max_length=100)
    started_at: dt.datetime = _utc_column()
    finished_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    rows_total: int = 0
    imported: int = 0
    duplicates: int = 0
    rejected: int = 0
    status: str = Field(default="running", max_length=20)  # running | done | interrupted


# What PostgreSQL's report indexes on cases carry besides their keys (see CaseRow).
REPORT_INCLUDE = ["id", "created_by"]


class CaseRow(SQLModel, table=True):
    """A dispute and where it stands. `version` guards concurrent updates."""

    __tablename__ = "cases"
    __table_args__ = (
        # The funnel's groups in index order (reports/funnel.py); its prefix serves
        # (org_id, status) lookups. PostgreSQL indexes do not carry the row's id as SQLite's
        # carry the rowid: it is included, so joins on cases.id can read the index alone;
        # so is the clerk who created the case, which row-level security's policy on cases
        # reads (store/rls.py), so a clerk's own login reads the index alone too.
        Index(
            "ix_case_report_funnel",
            "org_id",
            "status",
            "county_code",
            "closed_on",
            "source",
            postgresql_include=REPORT_INCLUDE,
        ),
        Index("ix_case_county_closed", "county_code", "closed_on"),
        Index("ix_case_status_deadline", "status", "deadline"),
        # Covering indexes for the reports (mediate/reports/queries.py).
        Index(
            "ix_case_report_org",
            "org_id",
            "status",
            "closed_on",
            "received_on",
            "county_code",
            "source",
            postgresql_include=REPORT_INCLUDE,
        ),
        Index("ix_case_report_closed", "closed_on", "county_code", "source", "status", "cause"),
        Index("ix_case_report_received", "received_on", "county_code", "source", "cause"),
        Index(
            "ix_case_report_open",
            "status",
            "deadline",
            "org_id",
            "county_code",
            "source",
            "created_by",
        ),
        # A case's body, clerk and filtered columns by its id, read from the index alone:
        # on SQLite the cases a filtered report keeps, in id order (queries.received_by_org);
        # on PostgreSQL the lookups of row-level security's policies (store/rls.py).
        Index("ix_case_lookup", "id", "org_id", "created_by", "county_code", "source"),
    )

    id: int | None = Field(default=None, primary_key=True)
    court_case_no: str | None = Field(default=None, max_length=60, unique=True)
    # A referral imported without a case number: its natural key (intake/keys.py).
    intake_key: str | None = Field(default=None, max_length=64, unique=True, index=True)
    cause: str = Field(max_length=100, index=True)
    cause_code: str | None = Field(default=None, max_length=20)
    amount: Decimal | None = Field(default=None, sa_type=Money)
    source: str = Field(max_length=30)
    procedure: str | None = Field(default=None, max_length=20)  # ordinary | summary
    referring_court: str | None = Field(default=None, max_length=200)
    received_on: dt.date = Field(index=True)
    location: str | None = Field(default=None, max_length=100)
    # where the subject matter is (CPL art. 205(2)), not where the dispute arose
    subject_matter_location: str | None = Field(default=None, max_length=100)
    county_code: str | None = Field(default=None, max_length=6)
    tags: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    facts: str | None = None
    claim: str | None = None  # 请求事项: what the applicant asks for (rules may test it)
    status: str = Field(default="registered", max_length=30, index=True)
    org_id: str | None = Field(default=None, foreign_key="orgs.id", max_length=64)
    mediator_id: int | None = Field(default=None, foreign_key="mediators.id")
    route_rule: str | None = Field(default=None, max_length=100)
    deadline_days: int | None = None
    # None: calendar days (CPL art. 85); "workdays": working days (domain/deadlines.due_date)
    deadline_unit: str | None = Field(default=None, max_length=10)
    deadline: dt.date | None = None
    assigned_on: dt.date | None = None  # the body's mediator received it: deadlines run from here
    extension_days: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    # A pause of the time limit (domain/pauses.py: 鉴定, 医疗纠纷预防和处理条例 art. 38; since
    # 0022): the day it began and why, while it lasts (the deadline is NULL meanwhile: no
    # date is due until it ends); the days of the limit's unit paused so far, which the
    # deadline counts on top of the days allowed and the extension.
    paused_on: dt.date | None = None
    pause_reason: str | None = Field(default=None, max_length=20)
    paused_days: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    closed_on: dt.date | None = None
    import_batch_id: int | None = Field(default=None, foreign_key="import_batches.id")
    version: int = 1
    created_by: str = Field(max_length=100)
    created_at: dt.datetime = _utc_column()
    updated_at: dt.datetime = _utc_column()


class PartyRow(SQLModel, table=True):
    __tablename__ = "parties"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    position: int = 0
    role: str = Field(max_length=20)
    kind: str = Field(max_length=20)
    name: str = Field(max_length=200)
    id_number: str | None = Field(default=None, max_length=30)
    sex: str | None = Field(default=None, max_length=4)
    birth_date: dt.date | None = None
    ethnicity: str | None = Field(default=None, max_length=20)
    occupation: str | None = Field(default=None, max_length=100)
    address: str | None = Field(default=None, max_length=300)
    phone: str | None = Field(default=None, max_length=40)
    email: str | None = Field(default=None, max_length=200)
    service_address: str | None = Field(default=None, max_length=300)
    backup_address: str | None = Field(default=None, max_length=300)
    legal_rep: str | None = Field(default=None, max_length=100)
    legal_rep_title: str | None = Field(default=None, max_length=50)
    industry: str | None = Field(default=None, max_length=40)
    agent: str | None = Field(default=None, max_length=200)
    guardian: str | None = Field(default=None, max_length=100)
    guardian_relation: str | None = Field(default=None, max_length=20)
    guardian_id_number: str | None = Field(default=None, max_length=30)
    # a 个体工商户's 经营者's own 住所, apart from the business's (`address`): 市场主体登记管理
    # 条例 (2021) art. 8 para. 2(四) registers "个体工商户的经营者姓名、住所、经营场所"
    operator_address: str | None = Field(default=None, max_length=300)


class DecisionRow(SQLModel, table=True):
    """Every routing decision ever made for a case; the newest is the case's current one."""

    __tablename__ = "decisions"
    __table_args__ = (
        Index("ix_decision_report", "org_id", "decided_at", "case_id"),
        # A case's decisions; with the body and time, a filtered report reads them from
        # the index alone, case after case (queries.received_by_org).
        Index("ix_decision_case", "case_id", "org_id", "decided_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id")
    org_id: str = Field(foreign_key="orgs.id", max_length=64)
    rule: str = Field(max_length=100)
    path: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    deadline_days: int
    deadline_unit: str | None = Field(default=None, max_length=10)  # as on the case
    rules_version: str = Field(max_length=80)
    trace: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    warnings: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    decided_by: str = Field(max_length=100)
    decided_at: dt.datetime = _utc_column()


class EventRow(SQLModel, table=True):
    """The audit trail: appended for every change, never updated or deleted."""

    __tablename__ = "events"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = Field(default=None, foreign_key="cases.id", index=True)
    at: dt.datetime = _utc_column()
    clerk: str = Field(max_length=100)
    org_id: str | None = Field(default=None, max_length=64)
    action: str = Field(max_length=40)
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    note: str | None = None


class OutcomeRow(SQLModel, table=True):
    __tablename__ = "outcomes"
    # The funnel lists the cases returned to court from this index (reports/funnel.py).
    __table_args__ = (Index("ix_outcome_follow_up", "follow_up", "case_id"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", unique=True)
    result: str = Field(max_length=20)  # settled | failed | withdrawn
    decided_on: dt.date
    terms: str | None = None  # 协议内容
    amount: Decimal | None = Field(default=None, sa_type=Money)
    performance: str | None = None  # how, where, by when it is performed
    perform_by: dt.date | None = None
    effective_on: dt.date | None = None  # the agreement takes effect (signed + sealed)
    reason: str | None = None  # why mediation failed / was withdrawn
    positions: str | None = None  # each party's position when it failed (report to court)
    follow_up: str | None = Field(default=None, max_length=40)
    handed_back_on: dt.date | None = None  # report / return letter sent back to the court
    recorded_by: str = Field(max_length=100)
    recorded_at: dt.datetime = _utc_column()


class ConfirmationRow(SQLModel, table=True):
    """The judicial confirmation track of a settled case (司法确认)."""

    __tablename__ = "confirmations"
    __table_args__ = (Index("ix_confirmation_report", "case_id", "status"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", unique=True)
    court: str = Field(max_length=200)
    status: str = Field(max_length=20)  # drafted | filed | confirmed | dismissed | not_accepted
    apply_by: dt.date  # 30 days from the agreement's effect, holiday-adjusted
    # the date printed on the application (doc render|batch application --date) while it
    # was drafted; None before migration 0021: a filing date is not checked against it
    drafted_on: dt.date | None = None
    filed_on: dt.date | None = None
    court_case_no: str | None = Field(default=None, max_length=60)
    decided_on: dt.date | None = None
    note: str | None = None
    warnings: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # the grounds of a refusal: 民诉法解释 art. 358 (dismissed) or art. 355 (not accepted)
    ruling_grounds: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )
    version: int = 1
    updated_at: dt.datetime = _utc_column()


class DocumentRow(SQLModel, table=True):
    """A generated document: which case, which template, where, and its hash."""

    __tablename__ = "documents"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    kind: str = Field(max_length=40)
    path: str = Field(max_length=1000)
    sha256: str = Field(max_length=64)
    template_sha256: str = Field(max_length=64)
    created_by: str = Field(max_length=100)
    created_at: dt.datetime = _utc_column()
    # the title printed on the paper when it was made (the body's then: 调解协议书 of a
    # court's docking centre, 人民调解协议书 of a committee); None before migration 0017
    title: str | None = Field(default=None, max_length=200)


class MediationSessionRow(SQLModel, table=True):
    """A mediation session (调解会) scheduled for a case: when, where, who mediates, who is
    summoned; then held (who attended, the record 调解笔录) or cancelled with a reason.
    Every change is also an event on the case (the audit trail)."""

    __tablename__ = "mediation_sessions"
    __table_args__ = (Index("ix_session_day", "starts_at", "status"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    starts_at: dt.datetime = Field(sa_type=UTCDateTime)
    place: str | None = Field(default=None, max_length=300)
    online: bool = False
    mediator_id: int | None = Field(default=None, foreign_key="mediators.id")
    # the parties summoned, by their number in `case show` (1-based positions)
    summoned: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    status: str = Field(default="scheduled", max_length=20)  # scheduled | held | cancelled
    reason: str | None = None  # why it was cancelled or moved
    attended: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    record: str | None = None  # 调解笔录: what happened, as notes
    record_file: str | None = Field(default=None, max_length=1000)  # or an attached file
    record_sha256: str | None = Field(default=None, max_length=64)  # the file's content
    record_copy: str | None = Field(default=None, max_length=1000)  # kept in the records dir
    created_by: str = Field(max_length=100)
    created_at: dt.datetime = _utc_column()


class PerformanceEventRow(SQLModel, table=True):
    """What happened after the agreement (人民调解法 art. 31: the committee supervises
    performance): performed, partly performed (amount), not performed, a return visit
    (回访), or the hand-off to enforcement (CPL art. 250)."""

    __tablename__ = "performance_events"
    # One case's reports, and the report of agreements performed in full, from the index.
    __table_args__ = (Index("ix_performance_case", "case_id", "kind", "amount"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id")
    kind: str = Field(max_length=20)  # done | partial | none | visit | enforcement
    on: dt.date
    amount: Decimal | None = Field(default=None, sa_type=Money)
    by: str | None = Field(default=None, max_length=100)  # who visited / to which court
    note: str | None = None
    # A note the tool writes itself, as a code put into words when read (domain/performance.
    # AutoNote): stored data does not depend on the language the command ran in.
    note_code: str | None = Field(default=None, max_length=40)
    recorded_by: str = Field(max_length=100)
    recorded_at: dt.datetime = _utc_column()
