"""The natural key of a referral without a case number (案号).

Since 2025-01-01 the Supreme People's Court no longer issues the 诉前调 case-number type
(DOMAIN.md §3, marked "check locally"; the SPC's opinion in force 2025-01-01 was not read,
but 云南省司法厅's report on 昆明 says it "明确取消'诉前调'字号": data/PROVENANCE.md,
"案件类型代字"), so 委派 rows, self-accepted rows and many transfers arrive with no 案号,
and a re-import must recognise such a row by what it says: the referring court, the date
received, the cause and the parties' roles and names, each normalised (full-width to
half-width, spaces removed, letters upper-cased).

Deliberately left out: the amount and the parties' ID numbers, addresses and phones. A
court often re-sends a batch with IDs and addresses filled in or an amount corrected
(`import --update` fills them in); were they part of the key, the re-sent row would
become a second case. Two different disputes between the same named parties, of the same
cause, referred by the same court on the same day are taken as one (the second is
reported as a duplicate carrying different data, never silently merged).

A row whose 收案日期 is blank is keyed with no date, not with the day intake filled in
(`CaseInput.defaulted`): that day is the import's, so the same row re-sent on another day
would otherwise be another referral. A blank date is its own value: a re-send that fills
the date in is a different key (which stored day it meant would be a guess), and two
blank-dated rows of the same court, cause and parties are one referral whenever sent.

The key is a SHA-256 hex digest (64 characters): the same on every machine and database,
stored in `cases.intake_key` under a unique index, so concurrent imports on PostgreSQL
insert it once (`ON CONFLICT DO NOTHING`) and SQLite's write lock does the same.
"""

from __future__ import annotations

import hashlib

from mediate.domain.model import CaseInput
from mediate.intake.values import half_width

KEY_VERSION = "nk1"  # bump if the recipe changes (old keys then no longer match)


def _norm(text: str | None) -> str:
    return half_width(text or "").upper()


def natural_key(case: CaseInput) -> str:
    """The key of a case as taken in (deterministic; not Python's salted `hash`)."""
    parties = sorted((p.role.value, _norm(p.name)) for p in case.parties)
    parts = [
        KEY_VERSION,
        _norm(case.referring_court),
        _received(case),
        _norm(case.cause),
        *(f"{role}={name}" for role, name in parties),
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _received(case: CaseInput) -> str:
    """The date the row gives, or "" for a blank cell (the module's docstring)."""
    if case.received_on is None or "received_on" in case.defaulted:
        return ""
    return case.received_on.isoformat()


def describe(case: CaseInput) -> str:
    """A case without a number as the clerk recognises it: date, cause, parties."""
    names = "、".join(p.name for p in case.parties)
    date = case.received_on.isoformat() if case.received_on else ""
    return f"{date} {case.cause} {names}".strip()
