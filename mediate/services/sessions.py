"""Mediation sessions (调解会): schedule, move, cancel, record — `mediate session`.

A session belongs to an open case (routed, assigned or in mediation): when, where (or
online), which mediator, which parties are summoned. It is then held — who attended and a
short record of what happened (调解笔录, 人民调解法 art. 27: the mediator records the
mediation) as notes or an attached file — or cancelled with a reason. Moving it keeps the
old time and the reason in the audit trail. Every change is an event on the case.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import col, select

from mediate import clock
from mediate.domain.events import CANCELLED, HELD, SCHEDULED, session_status_label
from mediate.domain.status import Status, status_label
from mediate.errors import BadOptionValue, NotFound, ValidationError, echoed, quoted, shown
from mediate.files import os_reason
from mediate.i18n import _
from mediate.services.access import restrict_cases
from mediate.services.casestore import CHINA, load_case
from mediate.store.tables import CaseRow, MediationSessionRow, MediatorRow, PartyRow
from mediate.store.uow import UnitOfWork

OPEN_FOR_SESSIONS = (Status.ROUTED, Status.ASSIGNED, Status.IN_MEDIATION)


@dataclass(frozen=True)
class SessionView:
    """A session as the commands show it: plain values, usable after the unit of work."""

    id: int
    case_id: int
    cause: str
    at: str  # ISO, China time, to the minute
    place: str | None
    online: bool
    mediator: str | None
    parties: list[str]  # names of the summoned parties
    status: str
    reason: str | None
    attended: list[int]
    record: str | None
    record_file: str | None
    record_sha256: str | None = None
    record_copy: str | None = None
    record_state: str | None = None  # RECORD_STATES, for an attached file

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "case": self.case_id,
            "cause": self.cause,
            "at": self.at,
            "place": self.place,
            "online": self.online,
            "mediator": self.mediator,
            "summoned": self.parties,
            "status": self.status,
            "reason": self.reason,
            "attended": self.attended,
            "record": self.record,
            "record_file": self.record_file,
            "record_sha256": self.record_sha256,
            "record_copy": self.record_copy,
            "record_state": self.record_state,
        }


_MOMENT = re.compile(
    r"(?P<day>\S+?)(?:[T ]+|(?<=[日号]))(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
)


def parse_moment(text: str, where: str = "--at") -> dt.datetime:
    """'2026-12-10 09:30' (China time) as an aware datetime: the day in any form a date
    option takes (2026/12/10, 2026年12月10日: intake.values.option_date), then the time.
    Anything else is a usage error naming the option (exit 2)."""
    from mediate.intake.values import BadValue, date_of_text, plausible_day, screen_text

    try:  # a control character is refused by its code, never echoed to the terminal
        value = unicodedata.normalize("NFKC", screen_text(text)).strip()
    except BadValue as exc:
        raise BadOptionValue(where, str(exc)) from None
    if m := _MOMENT.fullmatch(value):
        try:
            day = date_of_text(m["day"])
        except BadValue as exc:
            if re.fullmatch(r"[\d\-/.年月日]+", m["day"]):  # 2026-02-30: no such day,
                raise BadOptionValue(where, str(exc)) from None  # as every date option says
            day = None
        try:
            if day is not None:
                if day < clock.today():  # ahead: the session's own limit, _not_far_ahead
                    day = plausible_day(day, where)
                time = dt.time(int(m["hour"]), int(m["minute"]), int(m["second"] or 0))
                return dt.datetime.combine(day, time, tzinfo=CHINA)
        except ValueError:
            pass
    raise BadOptionValue(
        where,
        _("'{value}' is not a time: write it as 2026-12-10 09:30 (China time).").format(
            value=echoed(" ".join(text.split()))
        ),
    )


def _parties(uow: UnitOfWork, case_id: int) -> list[PartyRow]:
    return list(
        uow.session.exec(
            select(PartyRow).where(PartyRow.case_id == case_id).order_by(col(PartyRow.position))
        )
    )


def _summoned(
    uow: UnitOfWork, case_id: int, numbers: list[int] | None, option: str = "--summon"
) -> list[int]:
    """The parties' numbers as `case show` numbers them (1-based); default: all of them.
    A number no party has is an error on `option` (--summon, --attended)."""
    count = len(_parties(uow, case_id))
    if not numbers:
        return list(range(1, count + 1))
    wrong = [n for n in numbers if not 1 <= n <= count]
    if wrong:
        raise ValidationError(
            _("Case {case} has parties 1 to {count}; there is no party {n}.").format(
                case=case_id, count=count, n=wrong[0]
            ),
            where=option,
        )
    return sorted(set(numbers))


def _attendees(uow: UnitOfWork, case_id: int, named: list[int | str]) -> list[int]:
    """The parties `--attended` names, by number (as `case show` numbers them) or by name
    (as `session list` and `case show` print them). A name no party has, or two parties
    share, is refused listing the case's parties: exit 1, as a party number no party has
    and a mediator no one is (--summon 3, --mediator 钱某) are."""
    parties = _parties(uow, case_id)
    listing = _("; ").join(f"{i}. {p.name}" for i, p in enumerate(parties, 1))
    numbers: list[int] = []
    for item in named:
        if isinstance(item, int):
            numbers.append(item)
            continue
        text = " ".join(item.split())
        matches = [i for i, p in enumerate(parties, 1) if " ".join(p.name.split()) == text]
        if len(matches) == 1:
            numbers.append(matches[0])
            continue
        message = (
            _("two parties of case {case} are named {name}: give the number ({parties}).")
            if matches
            else _("case {case} has no party named {name}; its parties: {parties}.")
        )
        raise ValidationError(
            message.format(case=case_id, name=quoted(shown(text)), parties=listing),
            where="--attended",
        )
    return _summoned(uow, case_id, numbers, "--attended")


def _mediator(uow: UnitOfWork, case: CaseRow, mediator_id: int | str | None) -> int | None:
    if mediator_id is None:
        return case.mediator_id
    from mediate.services.mediators import find_mediator

    row = find_mediator(uow, case.org_id, mediator_id)
    if not row.active:
        raise NotFound(
            _("There is no active mediator {id}: `mediate mediator list` shows them.").format(
                id=row.id
            )
        )
    if row.org_id != case.org_id:
        raise ValidationError(
            _("Mediator {id} works for another body than the one that has case {case}.").format(
                id=row.id, case=case.id
            ),
            where="--mediator",
        )
    return row.id


def _where(place: str | None, online: bool) -> None:
    """A session is held at a place or online: neither is a usage error (exit 2)."""
    if not online and not (place or "").strip():
        raise BadOptionValue(
            "--place", _("Say where the session takes place (--place), or that it is --online.")
        )


def _one_where(place: str | None, online: bool) -> None:
    """A new session is held at --place or --online, not both: the session list, the notice
    and the record would show one of them only (online), so the other is refused."""
    if online and (place or "").strip():
        raise BadOptionValue(
            "--place", _("An online session has no place: give --place or --online, not both.")
        )


def _after_receipt(case: CaseRow, starts_at: dt.datetime, held: bool = False) -> None:
    """A session is held for a dispute the body has: not before the day it was received
    (a year typed wrong, 1926 for 2026, would otherwise be booked and recorded as held).

    A day before the case's 收案日期 is a slip of --at: a usage error (exit 2) naming both
    days, whether the session is booked, recorded as held (`held`: the clerk vouches for
    --at as the day it took place) or moved (review of 2026-12-02: `session move` exited
    1 where `session ... --held` exited 2). The bound is the day received (received_on),
    not the day assigned (assigned_on): sessions are booked and held for a routed case
    too (OPEN_FOR_SESSIONS), before any mediator is assigned, so a held session may
    rightly predate the assignment; none can predate the receipt."""
    day = starts_at.astimezone(CHINA).date()
    if case.received_on is None or day >= case.received_on:
        return
    if held:
        message = _(
            "{day} is before case {case} was received ({received}): a session held for "
            "it cannot be earlier."
        )
    else:
        message = _("{day} is before case {case} was received ({received}).")
    raise BadOptionValue("--at", message.format(day=day, case=case.id, received=case.received_on))


def latest_session_day(today: dt.date) -> dt.date:
    """The last day a session may be booked for: a year from today (28 February for a
    29 February). A guard against a year typed wrong (9999, 2062 for 2026), not a rule of
    law: a mediation runs for weeks, and its sessions are booked within them."""
    try:
        return today.replace(year=today.year + 1)
    except ValueError:
        return today.replace(year=today.year + 1, day=28)


def _not_far_ahead(starts_at: dt.datetime) -> None:
    """A session more than a year ahead is a typo: a usage error naming --at (exit 2)."""
    day = starts_at.astimezone(CHINA).date()
    latest = latest_session_day(clock.today())
    if day > latest:
        raise BadOptionValue(
            "--at",
            _(
                "{day} is more than a year ahead: a session is booked for {latest} at the latest."
            ).format(day=day, latest=latest),
        )


def _not_past(starts_at: dt.datetime, held: bool) -> None:
    """A session is booked ahead: a time already gone is a slip (a day or year typed wrong)
    and a usage error naming --at (exit 2), unless the clerk says it was held (`--held`):
    then it is booked at its real time, to be recorded with `session record` (人民调解法
    art. 27: the record is of what happened), which refuses a session not yet begun."""
    now = clock.now().replace(second=0, microsecond=0)
    if held:
        if starts_at > now:  # review of 2026-12-02: --held with a time ahead went through
            raise BadOptionValue(
                "--held",
                _("{at} is still ahead: a session already held cannot be in the future.").format(
                    at=clock.minute_label(starts_at)
                ),
            )
        return
    if starts_at < now:
        raise BadOptionValue(
            "--at",
            _(
                "{at} has already passed: a session is scheduled ahead. For a session already "
                "held, add --held, then record it with `mediate session record`."
            ).format(at=clock.minute_label(starts_at)),
        )


def schedule_session(
    uow: UnitOfWork,
    case_id: int,
    starts_at: dt.datetime,
    place: str | None,
    online: bool = False,
    mediator_id: int | str | None = None,
    summon: list[int] | None = None,
    again: bool = False,
    held: bool = False,
) -> SessionView:
    """`again`: book it although the case has a session still scheduled at that very
    time (`session ID --again`); without it that is refused, naming the session."""
    case = load_case(uow, case_id)
    if case.status not in OPEN_FOR_SESSIONS:
        raise ValidationError(
            _(
                "Case {case} is {status}: sessions are scheduled for a routed, assigned or "
                "ongoing mediation."
            ).format(case=case_id, status=status_label(case.status))
        )
    _one_where(place, online)
    _where(place, online)
    _after_receipt(case, starts_at, held)
    _not_far_ahead(starts_at)
    _not_past(starts_at, held)  # a typed value (exit 2) is judged before the bookings (1)
    if not again:
        _not_booked_already(uow, case_id, starts_at)
    row = MediationSessionRow(
        case_id=case_id,
        starts_at=starts_at.astimezone(dt.UTC),
        place=(place or "").strip() or None,
        online=online,
        mediator_id=_mediator(uow, case, mediator_id),
        summoned=_summoned(uow, case_id, summon),
        created_by=uow.clerk,
    )
    uow.session.add(row)
    uow.session.flush()
    uow.record("session_scheduled", case_id, None, _event_view(row))
    return view(uow, row)


def _not_booked_already(
    uow: UnitOfWork, case_id: int, starts_at: dt.datetime, moved: int | None = None
) -> None:
    """Review of 2026-12-02: the same case booked twice at the same time went through. A
    session of the case still scheduled at that minute refuses the booking (exit 1),
    naming it; `--again` books it all the same. `moved`: the session being moved, which
    does not clash with itself."""
    start = starts_at.astimezone(dt.UTC)
    one_minute = dt.timedelta(minutes=1)
    for other in _scheduled_near(uow, start, one_minute, but=moved, case_id=case_id):
        if clock.minute_label(other.starts_at) == clock.minute_label(start):
            raise ValidationError(
                _(
                    "Case {case} already has session {other} at {at}; to book another at "
                    "the same time, add --again."
                ).format(case=case_id, other=other.id, at=clock.minute_label(start))
            )


CLASH_WINDOW = dt.timedelta(hours=1)
"""Sessions have no end: two starting less than this apart are taken to overlap."""


def _scheduled_near(
    uow: UnitOfWork,
    start: dt.datetime,
    window: dt.timedelta,
    but: int | None = None,
    case_id: int | None = None,
) -> list[MediationSessionRow]:
    """The sessions still scheduled that start less than `window` before or after `start`
    (of case `case_id` only, if given), but session `but`: the one being booked or moved,
    which does not clash with itself. What `_not_booked_already` refuses and `clashes`
    warns of are both read here."""
    near = select(MediationSessionRow).where(
        MediationSessionRow.id != but,
        MediationSessionRow.status == SCHEDULED,
        col(MediationSessionRow.starts_at) > start - window,
        col(MediationSessionRow.starts_at) < start + window,
    )
    if case_id is not None:
        near = near.where(MediationSessionRow.case_id == case_id)
    return list(uow.session.exec(near))


def clashes(uow: UnitOfWork, session_id: int) -> list[str]:
    """Warnings for a session booked over another still scheduled one: of the same case
    (booked twice?), or with the same mediator (who cannot hold both). A warning, not a
    refusal, as calendars do: the clerk may mean it (a second room, a mediator's
    stand-in), and knows it now."""
    row = uow.session.get(MediationSessionRow, session_id)
    if row is None:
        return []
    start = row.starts_at
    found: list[str] = []
    for other in _scheduled_near(uow, start, CLASH_WINDOW, but=row.id):
        at = clock.minute_label(other.starts_at)
        if other.case_id == row.case_id and other.starts_at != start:
            # (at the same minute it was refused unless --again: the clerk said so already)
            found.append(
                _("Case {case} already has session {other} at {at}: booked twice?").format(
                    case=row.case_id, other=other.id, at=at
                )
            )
        elif row.mediator_id is not None and other.mediator_id == row.mediator_id:
            found.append(
                _("The mediator already has session {other} (case {case}) at {at}.").format(
                    other=other.id, case=other.case_id, at=at
                )
            )
        if other.case_id != row.case_id and _same_place(row, other):
            found.append(
                _("{place} already holds session {other} of case {case} at {at}.").format(
                    place=row.place, other=other.id, case=other.case_id, at=at
                )
            )
    return found


def _same_place(row: MediationSessionRow, other: MediationSessionRow) -> bool:
    """Two sessions in one room (online ones have none): the place as typed, blanks and
    full-width forms aside."""

    def key(place: str | None) -> str:
        return "".join(unicodedata.normalize("NFKC", place or "").split())

    return (
        not row.online
        and not other.online
        and bool(key(row.place))
        and (key(row.place) == key(other.place))
    )


def _event_view(row: MediationSessionRow) -> dict[str, Any]:
    return {
        "session": row.id,
        "at": row.starts_at.astimezone(CHINA).isoformat(timespec="minutes"),
        "place": row.place,
        "online": row.online,
        "mediator_id": row.mediator_id,
        "summoned": list(row.summoned),
    }


def load_session(uow: UnitOfWork, session_id: int, change: bool = True) -> MediationSessionRow:
    row = uow.session.get(MediationSessionRow, session_id)
    if row is None:
        raise NotFound(_("There is no session {id}.").format(id=session_id))
    load_case(uow, row.case_id, change=change)  # the case's access rule is the session's
    return row


def _still_scheduled(row: MediationSessionRow) -> None:
    if row.status != SCHEDULED:
        raise ValidationError(
            _("Session {id} is already {status}.").format(
                id=row.id, status=session_status_label(row.status)
            )
        )


def _reason(reason: str | None) -> str:
    text = (reason or "").strip()
    if not text:
        raise ValidationError(_("Give the reason (--reason)."), where="--reason")
    return text


def reschedule_session(
    uow: UnitOfWork,
    session_id: int,
    starts_at: dt.datetime,
    reason: str | None,
    place: str | None = None,
    online: bool | None = None,
    again: bool = False,
) -> SessionView:
    """Moved to a time `session schedule` would take (review of 2026-12-02: `move --at`
    yesterday booked a past session): not gone, and not the minute of another session of
    the case still scheduled unless `again`."""
    row = load_session(uow, session_id)
    _still_scheduled(row)
    if (place or "").strip() and row.online and not online:
        # An online session has no place (as `session schedule` refuses --online with
        # --place); `session move` does not switch a session to in-person.
        raise BadOptionValue(
            "--place",
            _(
                "Session {id} is held online and has no place: move it without --place, "
                "or cancel it and schedule it again with --place."
            ).format(id=session_id),
        )
    why = _reason(reason)
    _after_receipt(load_case(uow, row.case_id), starts_at)
    _not_far_ahead(starts_at)
    _not_past(starts_at, held=False)
    if not again:
        _not_booked_already(uow, row.case_id, starts_at, moved=row.id)
    before = _event_view(row)
    row.starts_at = starts_at.astimezone(dt.UTC)
    if place is not None:
        row.place = place.strip() or None
    if online is not None:
        row.online = online
    _where(row.place, row.online)
    row.reason = why
    uow.session.add(row)
    uow.record("session_moved", row.case_id, before, _event_view(row), why)
    return view(uow, row)


def cancel_session(uow: UnitOfWork, session_id: int, reason: str | None) -> SessionView:
    row = load_session(uow, session_id)
    _still_scheduled(row)
    why = _reason(reason)
    row.status, row.reason = CANCELLED, why
    uow.session.add(row)
    uow.record(
        "session_cancelled",
        row.case_id,
        {"session": row.id, "status": SCHEDULED},
        {"session": row.id, "status": CANCELLED},
        why,
    )
    return view(uow, row)


def record_session(
    uow: UnitOfWork,
    session_id: int,
    attended: list[int | str],
    notes: str | None,
    record_file: Path | None = None,
    records_dir: Path | None = None,
) -> SessionView:
    """The session was held: who came (party numbers or names) and what happened (调解笔录).

    An attached file is kept by its sha256 and copied into `records_dir` (by case), so the
    dossier holds the record even when the original is moved, and a changed or moved
    original is noticed (人民调解法 art. 27: the record goes into the dossier)."""
    row = load_session(uow, session_id)
    _still_scheduled(row)
    _has_begun(row)
    if not (notes or "").strip() and record_file is None:
        raise ValidationError(
            _("Record what happened: --notes TEXT, or --file with the record (调解笔录)."),
            where="--notes",
        )
    if record_file is not None and not record_file.is_file():
        raise ValidationError(_("{path} is not a file.").format(path=record_file), where="--file")
    came = _attendees(uow, row.case_id, attended) if attended else []
    row.status, row.attended = HELD, came
    row.record = (notes or "").strip() or None
    if record_file is not None:
        row.record_file = str(record_file.resolve())
        row.record_sha256, copy = keep_record(record_file, records_dir, row.case_id)
        row.record_copy = str(copy)
    uow.session.add(row)
    uow.record(
        "session_held",
        row.case_id,
        {"session": row.id, "status": SCHEDULED},
        {
            "session": row.id,
            "status": HELD,
            "attended": came,
            "record_file": row.record_file,
            "sha256": row.record_sha256,
        },
        row.record,
    )
    case = load_case(uow, row.case_id)
    if case.status == Status.ASSIGNED:
        from mediate.services.lifecycle import start

        start(uow, row.case_id)  # holding the first session is starting the mediation
    return view(uow, row)


def _has_begun(row: MediationSessionRow) -> None:
    """A session is recorded as held only once its time has come: the record (调解笔录, 人民
    调解法 art. 27) is of what happened. No tolerance: a clerk may take the record from the
    scheduled minute on; a session that really began earlier is moved first (`session move`
    keeps the old time and the reason in the audit trail), so the trail stays true."""
    if row.starts_at > clock.now():
        raise ValidationError(
            _(
                "Session {id} is scheduled for {at}: it cannot have been held yet. Record it "
                "once it has begun, or move it to the time it was really held (mediate "
                "session move {id} --at … --reason …)."
            ).format(id=row.id, at=clock.minute_label(row.starts_at))
        )


RECORD_OK, RECORD_MOVED, RECORD_CHANGED, RECORD_MISSING = "ok", "moved", "changed", "missing"


def keep_record(source: Path, records_dir: Path | None, case_id: int) -> tuple[str, Path]:
    """Copy an attached record into `records_dir/case-ID/`, named by its content's sha256
    (a second copy of the same file is the same file); returns (sha256, the copy)."""
    import hashlib

    from mediate.documents.render import safe_filename
    from mediate.files import write_atomically

    try:
        data = source.read_bytes()
    except OSError as exc:
        raise ValidationError(
            _("Cannot read {path}: {error}").format(path=source, error=os_reason(exc)),
            where="--file",
        ) from exc
    digest = hashlib.sha256(data).hexdigest()
    if records_dir is None:
        from mediate.config import data_home

        records_dir = data_home() / "records"
    copy = (
        records_dir
        / f"case-{case_id}"
        / safe_filename(digest[:16], source.stem, suffix=source.suffix)
    )
    if not copy.is_file():
        try:
            write_atomically(copy, data)
        except OSError as exc:
            raise ValidationError(
                _("Cannot keep a copy of the record in {dir}: {error}").format(
                    dir=records_dir, error=os_reason(exc)
                ),
                where="records",
            ) from exc
    return digest, copy


def record_state(row: MediationSessionRow) -> str | None:
    """Whether an attached record is still where it was recorded, unchanged: ok, moved
    (the original is gone), changed (its content differs) or missing (the copy too)."""
    if not row.record_file or not row.record_sha256:
        return None
    from mediate.documents.render import file_sha256

    original = Path(row.record_file)
    if original.is_file():
        return RECORD_OK if file_sha256(original) == row.record_sha256 else RECORD_CHANGED
    copy = Path(row.record_copy or "")
    if row.record_copy and copy.is_file() and file_sha256(copy) == row.record_sha256:
        return RECORD_MOVED
    return RECORD_MISSING


def record_state_label(state: str | None) -> str:
    return {
        RECORD_OK: _("in place"),
        RECORD_MOVED: _("moved (the kept copy is used)"),
        RECORD_CHANGED: _("changed since it was recorded"),
        RECORD_MISSING: _("missing, copy too"),
    }.get(state or "", "")


def view(uow: UnitOfWork, row: MediationSessionRow) -> SessionView:
    assert row.id is not None
    case = uow.session.get(CaseRow, row.case_id)
    mediator = uow.session.get(MediatorRow, row.mediator_id) if row.mediator_id else None
    parties = _parties(uow, row.case_id)
    return SessionView(
        id=row.id,
        case_id=row.case_id,
        cause=case.cause if case else "",
        at=row.starts_at.astimezone(CHINA).isoformat(timespec="minutes"),
        place=row.place,
        online=row.online,
        mediator=mediator.name if mediator else None,
        parties=[parties[n - 1].name for n in row.summoned if 0 < n <= len(parties)],
        status=row.status,
        reason=row.reason,
        attended=list(row.attended),
        record=row.record,
        record_file=row.record_file,
        record_sha256=row.record_sha256,
        record_copy=row.record_copy,
        record_state=record_state(row),
    )


def sessions_on(
    uow: UnitOfWork, day: dt.date | None = None, case_id: int | None = None
) -> list[SessionView]:
    """Scheduled and held sessions of one day (China time) or of one case, visible to the
    acting clerk, in time order."""
    statement = select(MediationSessionRow).order_by(
        col(MediationSessionRow.starts_at), col(MediationSessionRow.id)
    )
    if case_id is not None:
        load_case(uow, case_id, change=False)
        statement = statement.where(MediationSessionRow.case_id == case_id)
    if day is not None:
        start = dt.datetime.combine(day, dt.time(), CHINA).astimezone(dt.UTC)
        statement = statement.where(
            col(MediationSessionRow.starts_at) >= start,
            col(MediationSessionRow.starts_at) < start + dt.timedelta(days=1),
            col(MediationSessionRow.status) != CANCELLED,
        )
    visible = restrict_cases(uow, select(CaseRow.id))
    statement = statement.where(col(MediationSessionRow.case_id).in_(visible))
    return [view(uow, row) for row in uow.session.exec(statement)]


def notice_session(
    uow: UnitOfWork, case_ids: list[int], session_id: int
) -> tuple[MediationSessionRow, MediatorRow | None]:
    """The session a 调解通知书 is for when the clerk names it (--session), with its
    mediator (else each case's next scheduled one: services/docsql.next_sessions)."""
    row = load_session(uow, session_id, change=False)
    if row.case_id not in case_ids:
        raise ValidationError(
            _("Session {id} belongs to case {case}.").format(id=session_id, case=row.case_id),
            where="--session",
        )
    if row.status == CANCELLED:
        raise ValidationError(
            _("Session {id} is cancelled: no notice is sent for it.").format(id=session_id),
            where="--session",
        )
    mediator = uow.session.get(MediatorRow, row.mediator_id) if row.mediator_id else None
    return row, mediator
