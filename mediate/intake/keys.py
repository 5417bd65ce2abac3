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

Cases imported before 2026-12-03 (commit 0efa544) from such rows are stored under the
key with the day intake filled in: the import's day (`legacy_key`, the same recipe with
that date). So a row with no 案号 and a blank 收案日期 is looked up under both keys (the
dateless first), and a stored case found under the legacy one is that row's case: a
duplicate, compared (and with `import --update` updated) as any re-sent row. That finds
what the old code found, a re-send on the day of the first import; a later re-send of an
old case is not found (its day is not in the row), nor are stored keys rewritten. A new
case gets the dateless key.

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
    return _key(case, _received(case))


def legacy_key(case: CaseInput) -> str | None:
    """The key a row with a blank 收案日期 was stored under before 2026-12-03: with the day
    intake filled in (the module's docstring); None for any other row (one with a 案号
    or a date of its own), whose key never changed."""
    if case.court_case_no or case.received_on is None or "received_on" not in case.defaulted:
        return None
    return _key(case, case.received_on.isoformat())


def _key(case: CaseInput, received: str) -> str:
    parties = sorted((p.role.value, _norm(p.name)) for p in case.parties)
    parts = [
        KEY_VERSION,
        _norm(case.referring_court),
        received,
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
