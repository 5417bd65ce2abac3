"""What the reports say: plain dataclasses built from the aggregates of `queries`, with a
stable JSON shape (`as_json`) and one flat table (`table`) for CSV and XLSX.

Definitions (also in README.md):

Funnel (70/20/10, seed item 17). The disputes *closed in the period*: `closed_on` in the
period, plus disputes routed to a court (`court` kind: not mediable) that carry no
`closed_on`, taken in the period they were received. Each falls in exactly one bucket,
judged by the body that holds it when it closed:
- `withdrawn`: status withdrawn. Reported on its own line and NOT in the denominator.
- `adjudication`: routed to a court as not mediable (any status but withdrawn), or failed
  with the follow-up `returned_to_court` — also when the case was reported to the credit
  agencies afterwards (a decision of its own, not the outcome row's follow-up:
  services/credit.py).
- `at_court_door`: settled by a county court docking centre (`county_center`).
- `outside_court_door`: settled by any other body (OrgKind.outside_court_door).
- `unresolved`: the rest — failed without a return to court (the parties told of their
  other remedies, reported to the credit agencies or not). In the denominator: the three
  shares are of every non-withdrawn closure, so they add up to 100 % only when nothing
  is unresolved.
Shares are count / (closed − withdrawn), against the targets 70 %, 20 %, 10 %.

Bodies. `received`: distinct disputes routed to the body in the period (from the routing
decision history, so a dispute re-routed between levels counts at each body it reached;
the level and total rows add the bodies up). `settled`/`failed`/`withdrawn`: disputes
the body held when they closed in the period. `open` and `overdue` are as of today
(`as_of`), whatever the period: open statuses (registered, routed, assigned, in
mediation, and transferred — 移送 waits at its new body), and open with a deadline before
`as_of`. Success rate = settled / (settled + failed). Days to outcome = `closed_on −
received_on` of settled and failed disputes closed in the period; median and 90th
percentile by linear interpolation (percentile_cont). `eligible`: settled disputes that
may go to judicial confirmation — not those a court entrusted after filing (委托), which
the court closes itself (domain.entrusted.is_entrusted, by the stored source:
queries.may_apply_for_confirmation; DOMAIN.md §4.1). `confirmed`:
those of them whose judicial confirmation is `confirmed`. Confirmation rate = confirmed /
eligible (none when no settled dispute may apply). Courts are not listed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import KW_ONLY, dataclass, field
from typing import Any

from mediate.domain.events import column_header
from mediate.i18n import _
from mediate.reports.divisions import county_name
from mediate.reports.filters import Filters
from mediate.reports.funnel import (
    ADJUDICATION,
    AT_DOOR,
    BUCKETS,
    OUTSIDE,
    UNRESOLVED,
    WITHDRAWN,
)

TARGETS: dict[str, float] = {OUTSIDE: 0.70, AT_DOOR: 0.20, ADJUDICATION: 0.10}
UNKNOWN_CAUSE_GROUP = "未知案由"
LEVELS = ("city", "county", "township", "village")


def rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


#: The column of a funnel table that holds a bucket's code (labelled for people).
BUCKET_KEY = "bucket"


def bucket_label(bucket: str) -> str:
    """A funnel bucket as people read it; an unknown code stays as it is."""
    return {
        OUTSIDE: _("Outside the court's door"),
        AT_DOOR: _("At the court's door"),
        ADJUDICATION: _("Adjudication"),
        UNRESOLVED: _("Unresolved (failed, not returned to court)"),
        WITHDRAWN: _("Withdrawn (not counted)"),
    }.get(bucket, bucket)


@dataclass
class Table:
    """One flat table: stable column keys (CSV), display labels (terminal, XLSX)."""

    keys: list[str]
    labels: list[str]
    rows: list[list[Any]]
    title: str = ""


# --- funnel ---------------------------------------------------------------------------


@dataclass
class FunnelColumn:
    county_code: str | None  # None: all counties together
    county: str
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, bucket: str) -> int:
        return self.counts.get(bucket, 0)

    @property
    def closed(self) -> int:
        return sum(self.counts.values())

    @property
    def counted(self) -> int:
        return self.closed - self.count(WITHDRAWN)

    def share(self, bucket: str) -> float | None:
        return rate(self.count(bucket), self.counted)

    def as_json(self) -> dict[str, Any]:
        return {
            "county_code": self.county_code,
            "county": self.county,
            "closed": self.closed,
            "withdrawn": self.count(WITHDRAWN),
            "counted": self.counted,
            "buckets": {
                b: {"count": self.count(b), "share": self.share(b), "target": TARGETS.get(b)}
                for b in BUCKETS
            },
        }


@dataclass
class FunnelReport:
    filters: Filters
    total: FunnelColumn
    counties: list[FunnelColumn]

    def as_json(self) -> dict[str, Any]:
        return {
            "report": "funnel",
            "filters": self.filters.as_json(),
            "targets": TARGETS,
            "total": self.total.as_json(),
            "counties": [c.as_json() for c in self.counties],
        }

    def table(self) -> Table:
        rows: list[list[Any]] = []
        for column in [self.total, *self.counties]:
            for bucket in (*BUCKETS, WITHDRAWN):
                share = None if bucket == WITHDRAWN else column.share(bucket)
                rows.append(
                    [
                        column.county_code or "",
                        column.county,
                        bucket,
                        column.count(bucket),
                        share,
                        TARGETS.get(bucket),
                    ]
                )
        return Table(
            ["county_code", "county", BUCKET_KEY, "count", "share", "target"],
            [_("County code"), _("County"), _("Bucket"), _("Count"), _("Share"), _("Target")],
            rows,
            _("Funnel"),
        )


def build_funnel(filters: Filters, counts: list[tuple[str | None, str, int]]) -> FunnelReport:
    total = FunnelColumn(None, _("All counties"))
    by_county: dict[str | None, FunnelColumn] = {}
    for county, bucket, n in counts:
        column = by_county.setdefault(county, FunnelColumn(county, county_name(county)))
        column.counts[bucket] = column.count(bucket) + n
        total.counts[bucket] = total.count(bucket) + n
    counties = sorted(by_county.values(), key=lambda c: (c.county_code is None, c.county_code))
    return FunnelReport(filters, total, counties)


# --- bodies ---------------------------------------------------------------------------


@dataclass
class BodyFigures:
    scope: str  # org | level | total
    key: str
    name: str
    kind: str | None = None
    level: str | None = None
    received: int = 0
    open: int = 0
    settled: int = 0
    failed: int = 0
    withdrawn: int = 0
    overdue: int = 0
    eligible: int = 0  # settled and not entrusted: may apply for judicial confirmation
    confirmed: int = 0
    performed: int = 0  # agreements performed in full (人民调解法 art. 31)
    median_days: float | None = None
    p90_days: float | None = None

    @property
    def success_rate(self) -> float | None:
        return rate(self.settled, self.settled + self.failed)

    @property
    def confirmation_rate(self) -> float | None:
        return rate(self.confirmed, self.eligible)

    @property
    def performance_rate(self) -> float | None:
        return rate(self.performed, self.settled)

    def add(self, other: BodyFigures) -> None:
        for name in COUNT_FIELDS:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.key, "name": self.name}
        if self.scope == "org":
            data.update(kind=self.kind, level=self.level)
        data.update({name: getattr(self, name) for name in COUNT_FIELDS})
        data.update(
            success_rate=self.success_rate,
            median_days=self.median_days,
            p90_days=self.p90_days,
            confirmation_rate=self.confirmation_rate,
            performance_rate=self.performance_rate,
        )
        return data

    def row(self) -> list[Any]:
        return [
            self.scope,
            self.key,
            self.name,
            self.kind,
            self.level,
            self.received,
            self.open,
            self.settled,
            self.failed,
            self.withdrawn,
            self.success_rate,
            self.median_days,
            self.p90_days,
            self.overdue,
            self.eligible,
            self.confirmed,
            self.confirmation_rate,
            self.performed,
            self.performance_rate,
        ]


COUNT_FIELDS = (
    "received",
    "open",
    "settled",
    "failed",
    "withdrawn",
    "overdue",
    "eligible",
    "confirmed",
    "performed",
)

BODY_KEYS = [
    "scope",
    "id",
    "name",
    "kind",
    "level",
    "received",
    "open",
    "settled",
    "failed",
    "withdrawn",
    "success_rate",
    "median_days",
    "p90_days",
    "overdue",
    "eligible",
    "confirmed",
    "confirmation_rate",
    "performed",
    "performance_rate",
]


def body_labels() -> list[str]:
    return [
        _("Scope"),
        column_header("org_id"),  # the body id as every export heads it
        _("Body"),
        _("Kind"),
        _("Level"),
        _("Cases received"),
        _("Open"),
        _("Settled"),
        _("Failed"),
        _("Withdrawn"),
        _("Success rate"),
        _("Median days"),
        _("P90 days"),
        _("Overdue"),
        _("Eligible for confirmation"),
        _("Confirmed"),
        _("Confirmation rate"),
        _("Performed"),
        _("Performance rate"),
    ]


def level_label(level: str) -> str:
    return {
        "city": "市级",
        "county": "县级",
        "township": "乡镇(街道)级",
        "village": "村(社区)级",
    }.get(level, level)


@dataclass
class OrgsReport:
    filters: Filters
    as_of: dt.date
    orgs: list[BodyFigures]
    levels: list[BodyFigures]
    total: BodyFigures

    def as_json(self) -> dict[str, Any]:
        return {
            "report": "orgs",
            "filters": self.filters.as_json(),
            "as_of": self.as_of.isoformat(),
            "orgs": [o.as_json() for o in self.orgs],
            "levels": [lv.as_json() for lv in self.levels],
            "total": self.total.as_json(),
        }

    def table(self) -> Table:
        rows = [b.row() for b in [*self.orgs, *self.levels, self.total]]
        return Table(list(BODY_KEYS), body_labels(), rows, _("Bodies' performance"))


# --- overdue --------------------------------------------------------------------------


@dataclass
class OverdueGroup:
    org_id: str | None
    org: str
    clerk: str
    count: int
    oldest_deadline: dt.date

    def as_json(self) -> dict[str, Any]:
        return {
            "org_id": self.org_id,
            "org": self.org,
            "clerk": self.clerk,
            "count": self.count,
            "oldest_deadline": self.oldest_deadline.isoformat(),
        }


@dataclass
class OverdueReport:
    filters: Filters
    as_of: dt.date
    groups: list[OverdueGroup]
    cases: list[dict[str, Any]]
    total: int

    def as_json(self) -> dict[str, Any]:
        return {
            "report": "overdue",
            "filters": {k: v for k, v in self.filters.as_json().items() if k != "period"},
            "as_of": self.as_of.isoformat(),
            "total": self.total,
            "groups": [g.as_json() for g in self.groups],
            "cases": [
                {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in c.items()}
                for c in self.cases
            ],
        }

    def table(self) -> Table:
        keys = [
            "org_id",
            "org",
            "clerk",
            "case_id",
            "court_case_no",
            "cause",
            "received_on",
            "deadline",
            "days_overdue",
            "status",
        ]
        labels = [
            column_header("org_id"),  # as every export heads it (调解组织编号)
            _("Body"),
            _("Clerk"),
            _("Case"),
            _("Court case no."),
            _("Cause"),
            _("Received"),
            _("Deadline"),
            _("Days overdue"),
            _("Status"),
        ]
        return Table(keys, labels, [[c.get(k) for k in keys] for c in self.cases], _("Overdue"))


def unassigned_label() -> str:
    return "未分派"


def build_overdue(
    filters: Filters,
    as_of: dt.date,
    groups: list[tuple[Any, ...]],
    cases: list[dict[str, Any]],
) -> OverdueReport:
    result = [
        OverdueGroup(org_id, org or unassigned_label(), clerk, int(n), oldest)
        for org_id, org, clerk, n, oldest in groups
    ]
    for c in cases:
        c["org"] = c["org"] or unassigned_label()
        c["days_overdue"] = (as_of - c["deadline"]).days
    return OverdueReport(filters, as_of, result, cases, sum(g.count for g in result))


# --- causes and months ----------------------------------------------------------------


@dataclass
class Outcomes:
    """Disputes received in a period, and how those closed in it ended (a cause group's, a
    month's)."""

    _: KW_ONLY
    received: int = 0
    settled: int = 0
    failed: int = 0
    withdrawn: int = 0

    @property
    def success_rate(self) -> float | None:
        return rate(self.settled, self.settled + self.failed)

    def close(self, status: str, n: int) -> None:
        """Count `n` cases closed in `status` (a status that is no outcome counts nothing)."""
        if status in ("settled", "failed", "withdrawn"):
            setattr(self, status, getattr(self, status) + n)

    def counts_json(self) -> dict[str, Any]:
        return {
            "received": self.received,
            "settled": self.settled,
            "failed": self.failed,
            "withdrawn": self.withdrawn,
            "success_rate": self.success_rate,
        }


@dataclass
class CauseGroup(Outcomes):
    name: str

    def as_json(self) -> dict[str, Any]:
        return {"group": self.name, **self.counts_json()}


@dataclass
class CausesReport:
    filters: Filters
    groups: list[CauseGroup]

    def as_json(self) -> dict[str, Any]:
        return {
            "report": "causes",
            "filters": self.filters.as_json(),
            "groups": [g.as_json() for g in self.groups],
        }

    def table(self) -> Table:
        keys = ["group", "received", "settled", "failed", "withdrawn", "success_rate"]
        labels = [
            _("Cause group"),
            _("Cases received"),
            _("Settled"),
            _("Failed"),
            _("Withdrawn"),
            _("Success rate"),
        ]
        rows = [[g.as_json()[k] for k in keys] for g in self.groups]
        return Table(keys, labels, rows, _("Causes"))


def build_causes(
    filters: Filters,
    roots: dict[str, str],
    received: dict[str, int],
    closed: dict[tuple[str, str], int],
) -> CausesReport:
    groups: dict[str, CauseGroup] = {}

    def group(cause: str) -> CauseGroup:
        name = roots.get(cause, UNKNOWN_CAUSE_GROUP)
        return groups.setdefault(name, CauseGroup(name))

    for cause, n in received.items():
        group(cause).received += n
    for (cause, status), n in closed.items():
        if status in ("settled", "failed", "withdrawn"):
            group(cause).close(status, n)
    ordered = sorted(groups.values(), key=lambda g: (-g.received, -g.settled, g.name))
    return CausesReport(filters, ordered)


@dataclass
class MonthFigures(Outcomes):
    month: str

    def as_json(self) -> dict[str, Any]:
        return {"month": self.month, **self.counts_json()}


def build_months(
    months: list[str], received: dict[str, int], closed: dict[tuple[str, str], int]
) -> list[MonthFigures]:
    result = {m: MonthFigures(m, received=received.get(m, 0)) for m in months}
    for (month, status), n in closed.items():
        if month in result:
            result[month].close(status, n)
    return list(result.values())


def _listed(body: dict[str, Any], figures: BodyFigures, county: str | None) -> bool:
    """With --county, the county's own bodies (their division code starts with its 6
    digits), and a body of the city or of another county only when it worked on the
    county's disputes in the period: the figures are the county's disputes wherever they
    went (a 解放区 loan dispute at the city's finance committee), so the totals stay the
    county's, but an idle body elsewhere is none of the county's."""
    if county is None or (body.get("division_code") or "").startswith(county):
        return True
    return any(getattr(figures, name) for name in COUNT_FIELDS)


def build_orgs(
    filters: Filters,
    as_of: dt.date,
    bodies: list[dict[str, Any]],
    received: dict[str, int],
    closed: dict[tuple[str, str], int],
    confirmations: dict[str, tuple[int, int]],
    opened: dict[str | None, tuple[int, int]],
    performed: dict[str, int],
    percentiles: dict[str, dict[str | None, tuple[float | None, float | None]]],
) -> OrgsReport:
    orgs: list[BodyFigures] = []
    for body in bodies:
        org_id = body["id"]
        figures = BodyFigures("org", org_id, body["name"], body["kind"], body["level"])
        figures.received = received.get(org_id, 0)
        for status in ("settled", "failed", "withdrawn"):
            setattr(figures, status, closed.get((org_id, status), 0))
        figures.open, figures.overdue = opened.get(org_id, (0, 0))
        figures.eligible, figures.confirmed = confirmations.get(org_id, (0, 0))
        figures.performed = performed.get(org_id, 0)
        figures.median_days, figures.p90_days = percentiles["org"].get(org_id, (None, None))
        if _listed(body, figures, filters.county):
            orgs.append(figures)
    levels: list[BodyFigures] = []
    present = [lv for lv in LEVELS] + sorted({o.level or "" for o in orgs} - set(LEVELS))
    for level in present:
        figures = BodyFigures("level", level, level_label(level))
        for org in orgs:
            if org.level == level:
                figures.add(org)
        figures.median_days, figures.p90_days = percentiles["level"].get(level, (None, None))
        levels.append(figures)
    total = BodyFigures("total", "all", _("All bodies"))
    for org in orgs:
        total.add(org)
    total.median_days, total.p90_days = percentiles["all"].get(None, (None, None))
    return OrgsReport(filters, as_of, orgs, levels, total)
