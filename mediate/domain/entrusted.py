"""委托 or 委派: whether the court entrusted a case after filing it (DOMAIN.md §4.1).

Apart from `domain/confirmation.py`, which closes a case by it, so that `case show` (the
light entry, issue 19) names the court without importing the confirmation rules and
their compiled patterns.
"""

from __future__ import annotations


def filed_case_no(court_case_no: str | None) -> bool:
    """A case number of a filed first- or second-instance civil case: 民初 or 民终 in it
    (法〔2015〕137号)."""
    return court_case_no is not None and ("民初" in court_case_no or "民终" in court_case_no)


ENTRUSTED_SOURCE = "court_entrusted"


def is_entrusted(source: str, court_case_no: str | None) -> bool:
    """委托: the source says so, or the court's number shows the case was filed (民初/民终).
    Since 2025-01-01 courts file first and then entrust (SPC opinion, item 2), so a 民初
    number means the court — not the parties — closes the case. Only a settled case that
    is not entrusted may go to judicial confirmation: `confirm request` refuses the others,
    and the reports' confirmation rate counts them out (reports/queries.py,
    may_apply_for_confirmation)."""
    return source == ENTRUSTED_SOURCE or filed_case_no(court_case_no)
