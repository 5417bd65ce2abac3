"""What every report is asked for: a period, and optionally a county, a source and the
bodies the clerk sees. Plain values (no SQLAlchemy), so the light read path can use them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from mediate.domain.model import Source
from mediate.reports.periods import Period

# `transferred` (移送) is open: the case waits at its new body for a mediator.
OPEN_STATUSES = ("registered", "routed", "assigned", "in_mediation", "transferred")
CLOSED_STATUSES = ("settled", "failed", "withdrawn")
ALL_STATUSES = OPEN_STATUSES + CLOSED_STATUSES


@dataclass(frozen=True)
class Filters:
    period: Period
    county: str | None = None
    source: Source | None = None
    orgs: frozenset[str] | None = None  # the bodies the clerk sees (services/access.py)

    def as_json(self) -> dict[str, Any]:
        shown: dict[str, Any] = {
            "period": self.period.as_json(),
            "county": self.county,
            "source": self.source.value if self.source else None,
        }
        if self.orgs is not None:
            shown["orgs"] = sorted(self.orgs)
        return shown

    def seen_by(self, visible: frozenset[str] | None) -> Filters:
        """Narrowed to the bodies a clerk sees (`visible`; None: every body): the figures of
        their bodies only (services/access.py)."""
        if visible is None:
            return self
        orgs = visible if self.orgs is None else visible & self.orgs
        return replace(self, orgs=orgs)
