"""Judicial confirmation of a settled case (司法确认), and the hand-off to court of the
cases that are not confirmed: which path, which court, by when, what a court will refuse
or dismiss, and what the court ruled.

For other areas (documents): `competent_courts(uow, case_id)` gives the courts the parties
may apply to (CPL art. 205), best first, with the grounds of each; after
`request_confirmation` the chosen court is `ConfirmationRow.court` and the deadline
`ConfirmationRow.apply_by`. An entrusted (委托) case is refused: the court closes it itself,
and `record_handback` records the day the body's report went back (DOMAIN.md §4.1).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from decimal import Decimal, InvalidOperation
from pathlib import Path as FilePath
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import col, select

from mediate.domain.case_numbers import (
    canonical_case_no,
    confirmation_court_refusal,
    old_format_refusal,
)
from mediate.domain.confirmation import (
    AgreementFacts,
    ConfirmationWarning,
    CourtChoice,
    Jurisdiction,
    Path,
    Place,
    VenueFacts,
    application_deadline,
    cause_notes,
    closing_path,
    county_of_text,
    dismissal_checklist,
    dispute_class,
    entrusted_refusal,
    is_entrusted,
    ruling_ground_label,
    ruling_grounds_known,
)
from mediate.domain.confirmation import (
    competent_courts as _competent_courts,
)
from mediate.domain.deadlines import WorkCalendar
from mediate.domain.divisions import CITY_CODE
from mediate.domain.fields import field_label
from mediate.domain.parties import holds_operator_id, is_organisation, labour_parties
from mediate.domain.status import ConfirmationStatus, Status, check_confirmation, status_label
from mediate.errors import BadOptionValue, ConfigError, TransitionError, ValidationError
from mediate.i18n import _
from mediate.services.casestore import conflict, jsonable, load_case, not_in_future, today
from mediate.services.courts import for_papers
from mediate.store.tables import CaseRow, ConfirmationRow, OrgRow, OutcomeRow, PartyRow
from mediate.store.types import utcnow
from mediate.store.uow import UnitOfWork

_PARTY_ROLES = ("applicant", "respondent")


def load_jurisdiction(path: FilePath | None) -> Jurisdiction:
    """The level thresholds and designated courts: the verified defaults, with the keys of
    a YAML file (setting `jurisdiction`, `MEDIATE_JURISDICTION`) over them."""
    if path is None:
        return Jurisdiction()
    import yaml

    from mediate import safeyaml

    try:
        data = safeyaml.load_file(path) or {}
    except safeyaml.FileError as exc:  # cannot be read, or not UTF-8 (a GBK file)
        raise ConfigError(
            _("Cannot read the jurisdiction file {path}: {error}").format(
                path=path, error=exc.reason
            )
        ) from None
    except yaml.YAMLError as exc:
        raise safeyaml.error(exc, str(path)) from exc
    if not isinstance(data, dict):
        raise ConfigError(_("{path}: expected a mapping of settings.").format(path=path))
    known = {f.name: f for f in fields(Jurisdiction)}
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known:
            raise ConfigError(
                _("{path}: unknown key {key!r}; known keys: {known}").format(
                    path=path, key=key, known=_(", ").join(known)
                )
            )
        values[key] = _jurisdiction_value(path, key, value)
    return Jurisdiction(**values)


def _jurisdiction_value(path: FilePath, key: str, value: Any) -> Any:
    default = getattr(Jurisdiction(), key)
    if isinstance(default, Decimal):
        try:
            return Decimal(str(value).replace(",", ""))
        except InvalidOperation:
            raise ConfigError(
                _("{path}: {key} must be an amount in yuan, not {value!r}.").format(
                    path=path, key=key, value=value
                )
            ) from None
    if isinstance(default, tuple):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(
                _("{path}: {key} must be a list of court names.").format(path=path, key=key)
            )
        return tuple(value)
    if value is not None and not isinstance(value, str):
        raise ConfigError(_("{path}: {key} must be a court name.").format(path=path, key=key))
    return value


def competent_courts(
    uow: UnitOfWork,
    case_id: int,
    jurisdiction: Jurisdiction | None = None,
    party_outside: bool | None = None,
) -> CourtChoice:
    """The courts competent to confirm the case's agreement (CPL art. 205), best first:
    the referring court alone if a court referred it; else the basic courts of the parties'
    domiciles, of the subject matter and of the body, or the court of the dispute's level
    (intermediate, IP-designated, maritime). `CourtChoice.names` lists them; `.unplaced`,
    `.notes` and `.excluded` say what could not be placed, what to confirm, what is out.
    `party_outside` is the clerk's word on whether a party is domiciled outside Henan."""
    case = load_case(uow, case_id, change=False)
    return _choice(uow, case, jurisdiction, party_outside)


def _choice(
    uow: UnitOfWork,
    case: CaseRow,
    jurisdiction: Jurisdiction | None,
    party_outside: bool | None = None,
) -> CourtChoice:
    facts = venue_facts(uow, case, party_outside)
    choice = _competent_courts(facts, _court_namer(uow), jurisdiction)
    if case.source == "court_delegated" and not case.referring_court:
        choice.unplaced.insert(
            0,
            _(
                "a court referred this case but the referring court is not recorded: "
                "it alone would be competent"
            ),
        )
    if not facts.referring_court:  # a referral goes to its court whatever the cause
        cause = papers_cause(uow, case)
        parties = uow.session.exec(select(PartyRow).where(PartyRow.case_id == case.id)).all()
        choice.notes += cause_notes(cause, cause_groups(uow, cause), labour_parties(parties))
    if not facts.referring_court and facts.subject_matter is None:
        choice.notes.append(
            _(
                "{field} is not recorded: the basic court where the subject matter is may "
                "also be competent."
            ).format(field=field_label("subject_matter_location"))
        )
    return choice


def venue_facts(uow: UnitOfWork, case: CaseRow, party_outside: bool | None = None) -> VenueFacts:
    from mediate.intake.regions import party_province

    parties = uow.session.exec(
        select(PartyRow).where(PartyRow.case_id == case.id).order_by(col(PartyRow.position))
    ).all()
    domiciles = []
    respondents = []
    persons: list[str] = []
    for p in parties:
        if p.role not in _PARTY_ROLES:
            continue
        # a 个体工商户's operator's ID says where a person's ID was issued (民诉法解释 art. 59)
        kind = "person" if holds_operator_id(p.kind, p.legal_rep_title, p.id_number) else p.kind
        found = party_province(kind, p.address, p.id_number, p.service_address)
        place = Place(
            p.name,
            _party_county(p),
            found.code if found else None,
            found.basis if found else None,
            found.name if found else "",
        )
        domiciles.append(place)
        if p.role == "respondent" and is_organisation(p.kind):  # an issuer is an entity
            respondents.append(place)
        elif p.role == "respondent":
            persons.append(p.name)
    subject_text = case.subject_matter_location
    subject = _jiaozuo_place(subject_text)
    org = uow.session.get(OrgRow, case.org_id) if case.org_id else None
    body = body_court = None
    if org is not None:
        body = Place(org.name, _body_county(org))
        court = uow.session.get(OrgRow, org.court_id) if org.court_id else None
        if court is not None and court.level == "county":
            body_court = court.name
    return VenueFacts(
        referring_court=for_papers(uow, case.referring_court),
        domiciles=tuple(domiciles),
        subject_matter=Place("标的物", subject) if subject_text else None,
        body=body,
        body_court=body_court,
        amount=case.amount,
        dispute_class=dispute_class(case.cause, case.tags or (), (d.province for d in domiciles)),
        party_outside=party_outside,
        respondents=tuple(respondents),
        person_respondents=tuple(persons),
        tags=tuple(case.tags or ()),
    )


def papers_cause(uow: UnitOfWork, case: CaseRow) -> str:
    """The 案由 the court papers name for the stored case (`routing.causes.official_cause`
    with its parties: wage and injury words name a labour cause only for a worker against an
    employer, `domain.parties.labour_parties`; 劳动争议调解仲裁法 art. 2), so the confirmation
    notes and the arbitration advice read the cause the papers do."""
    from mediate.domain.confirmation import is_wage_claim
    from mediate.domain.parties import labour_parties
    from mediate.routing.causes import financial_party, official_cause
    from mediate.services.routing import taxonomy_for

    parties = uow.session.exec(select(PartyRow).where(PartyRow.case_id == case.id)).all()
    return official_cause(
        case.cause or "",
        labour_parties(parties),
        any(financial_party(p.name, p.industry) for p in parties),
        taxonomy_for(None, uow),
        case.received_on,
        wage_claim=is_wage_claim(case.claim or ""),
    )


def cause_groups(uow: UnitOfWork, cause: str) -> frozenset[str]:
    """The cause and the 案由 groups above it (by keyword for a cause not in the taxonomy)."""
    from mediate.services.routing import taxonomy_for

    taxonomy = taxonomy_for(None, uow)
    found = taxonomy.groups(cause)
    return found if found is not None else taxonomy.infer(cause)[0]


def _jiaozuo_place(text: str | None) -> str | None:
    """A Jiaozuo county, or the city code when the text is in Jiaozuo but names no county."""
    county = county_of_text(text)
    if county:
        return county
    if text and (text.strip().startswith(CITY_CODE[:4]) or "焦作" in text):
        return CITY_CODE
    return None


def _body_county(org: OrgRow) -> str | None:
    """A body sits at its real address: a city-level body (division 410800) is placed by
    the county its address names, else it is in Jiaozuo with the county unknown."""
    code = org.division_code[:6]
    if county_of_text(code):
        return code
    return county_of_text(org.address) or (CITY_CODE if code == CITY_CODE else None)


def _party_county(party: PartyRow) -> str | None:
    for text in (party.address, party.service_address):
        county = _jiaozuo_place(text)
        if county:
            return county
    # An entity's credit code carries its registration authority's division (chars 3-8);
    # a person's ID number only says where the ID was issued, never the domicile.
    if (
        party.kind != "person"
        and party.id_number
        and len(party.id_number) == 18
        and not holds_operator_id(party.kind, party.legal_rep_title, party.id_number)
    ):
        return county_of_text(party.id_number[2:8])
    return None


def _court_namer(uow: UnitOfWork) -> Any:
    """County code -> its basic court: the network's courts, else the built-in list."""
    from mediate.domain.confirmation import BASIC_COURTS

    stored = {
        row.division_code[:6]: row.name
        for row in uow.session.exec(
            select(OrgRow).where(
                OrgRow.kind == "court", OrgRow.level == "county", col(OrgRow.active).is_(True)
            )
        ).all()
    }

    def name(county: str) -> str | None:
        return stored.get(county) or BASIC_COURTS.get(county)

    return name


@dataclass
class ConfirmationPlan:
    """Everything the clerk should see before an application is produced."""

    case_id: int
    choice: CourtChoice
    court: str | None
    effective_on: dt.date
    apply_by: dt.date
    warnings: list[ConfirmationWarning] = field(default_factory=list)
    calendar_warnings: list[str] = field(default_factory=list)
    checklist: list[tuple[str, str]] = field(default_factory=list)  # art. 358

    def as_json(self) -> dict[str, Any]:
        return {
            "case": self.case_id,
            "court": self.court,
            "competent": self.choice.as_json(),
            "effective_on": self.effective_on.isoformat(),
            "apply_by": self.apply_by.isoformat(),
            "warnings": [w.as_json() for w in self.warnings],
            "dismissal_checklist": [{"ground": g, "question": q} for g, q in self.checklist],
        }


def _settled_outcome(uow: UnitOfWork, case: CaseRow) -> OutcomeRow:
    if case.status != Status.SETTLED:
        raise TransitionError(
            _(
                "Case {id} is {status}: only a settled case (with a mediation agreement) "
                "can go to judicial confirmation."
            ).format(id=case.id, status=status_label(case.status))
        )
    if is_entrusted(case.source, case.court_case_no):
        raise TransitionError(
            entrusted_refusal(
                case.id or 0, for_papers(uow, case.referring_court), case.court_case_no
            )
        )
    outcome = uow.session.exec(select(OutcomeRow).where(OutcomeRow.case_id == case.id)).first()
    if outcome is None or outcome.effective_on is None:
        raise ValidationError(
            _("Case {id} has no agreement with the date it took effect.").format(id=case.id)
        )
    return outcome


def plan_confirmation(
    uow: UnitOfWork,
    case_id: int,
    court: str | None = None,
    jurisdiction: Jurisdiction | None = None,
    calendar: WorkCalendar | None = None,
    on: dt.date | None = None,
    party_outside: bool | None = None,
) -> ConfirmationPlan:
    """The competent courts, the chosen one (a name, or a candidate's number from 1), the
    deadline, the art. 355 warnings and the art. 358 checklist — nothing is written.
    An entrusted (委托) case is refused: the court closes it itself."""
    case = load_case(uow, case_id, change=False)
    existing = _confirmation(uow, case_id)
    if existing is not None:  # filed or ruled on: refused before the plan is shown
        check_confirmation(existing.status, ConfirmationStatus.DRAFTED, case_id)
    outcome = _settled_outcome(uow, case)
    assert outcome.effective_on is not None
    calendar = calendar or WorkCalendar()
    choice = _choice(uow, case, jurisdiction, party_outside)
    chosen = _choose(choice, court)
    apply_by = application_deadline(outcome.effective_on, calendar)
    org = uow.session.get(OrgRow, case.org_id) if case.org_id else None
    warnings = _not_accepted(case, outcome, org, chosen, choice, apply_by, on or today())
    warnings += _unknown_court(uow, chosen, choice)
    return ConfirmationPlan(
        case_id,
        choice,
        chosen,
        outcome.effective_on,
        apply_by,
        warnings,
        calendar.warnings(),
        [(str(code), question) for code, question in dismissal_checklist()],
    )


def _not_accepted(
    case: CaseRow,
    outcome: OutcomeRow,
    org: OrgRow | None,
    chosen: str | None,
    choice: CourtChoice,
    apply_by: dt.date,
    on: dt.date,
) -> list[ConfirmationWarning]:
    from mediate.domain.confirmation import not_accepted_warnings

    return not_accepted_warnings(
        AgreementFacts(
            cause=case.cause,
            terms=outcome.terms or "",
            tags=tuple(case.tags or ()),
            org_kind=org.kind if org else None,
            court=chosen,
            competent=tuple(choice.names),
            effective_on=outcome.effective_on,
            apply_by=apply_by,
            today=on,
        )
    )


def _unknown_court(
    uow: UnitOfWork, chosen: str | None, choice: CourtChoice
) -> list[ConfirmationWarning]:
    """A court the network does not know, most likely a typo: a warning the clerk must
    accept (--accept-warnings), filed with the art. 355 outside_jurisdiction ones of
    domain/confirmation.py, so no draft goes to a court by a wrong name unnoticed."""
    from mediate.domain.confirmation import BASIC_COURTS, INTERMEDIATE_COURT, NotAccepted
    from mediate.services.routing import network

    known = {*choice.names, *BASIC_COURTS.values(), INTERMEDIATE_COURT}
    if not chosen or chosen in known or network(uow).court_divisions(chosen):
        return []
    return [
        ConfirmationWarning(
            NotAccepted.OUTSIDE_JURISDICTION.value,
            _("{court} is not in the network's list of courts: check its name.").format(
                court=chosen
            ),
        )
    ]


def _choose(choice: CourtChoice, court: str | None) -> str | None:
    if court is None:
        return choice.names[0] if len(choice.names) == 1 else None
    text = court.strip()
    if text.isdigit():
        number = int(text)
        if not choice.names:
            # A number picks from the list of competent courts; with none found there is
            # no list, and the clerk must name the court (a typed value: exit 2).
            raise BadOptionValue(
                "--court",
                _(
                    "no competent court was found, so there is no court {n} to choose: "
                    "name the court with --court NAME."
                ).format(n=number),
            )
        if not 1 <= number <= len(choice.names):
            raise BadOptionValue(
                "--court",
                _("There is no candidate court {n}; choose 1 to {count}.").format(
                    n=number, count=len(choice.names)
                ),
            )
        return choice.names[number - 1]
    return text


def request_confirmation(
    uow: UnitOfWork,
    case_id: int,
    court: str | None = None,
    accept_warnings: bool = False,
    jurisdiction: Jurisdiction | None = None,
    calendar: WorkCalendar | None = None,
    on: dt.date | None = None,
    party_outside: bool | None = None,
) -> tuple[ConfirmationPlan, ConfirmationRow]:
    """Draft the application: record the court and the deadline (ConfirmationRow, status
    drafted). Refused while a court is not chosen, or while art. 355 warnings stand and
    the clerk has not accepted them."""
    plan = plan_confirmation(uow, case_id, court, jurisdiction, calendar, on, party_outside)
    if plan.court is None:
        # --court is required when the court is not the only competent one: leaving it
        # out is a usage error (exit 2), as a missing required option is.
        if not plan.choice.names:
            raise BadOptionValue(
                "--court",
                _("no competent court was found (CPL art. 205): name the court with --court NAME."),
            )
        listing = _("; ").join(f"{i}. {name}" for i, name in enumerate(plan.choice.names, 1))
        raise BadOptionValue(
            "--court",
            _("Choose the court with --court (a name or a number): {candidates}").format(
                candidates=listing
            ),
        )
    if plan.warnings and not accept_warnings:
        raise ValidationError(
            _(
                "The court may not accept this application:\n{warnings}\nPass "
                "--accept-warnings to draft it anyway."
            ).format(warnings="\n".join(f"- {w.message}" for w in plan.warnings))
        )
    case = load_case(uow, case_id)
    codes = list(dict.fromkeys(w.code for w in plan.warnings))
    existing = _confirmation(uow, case_id)
    values: dict[str, Any] = {
        "court": plan.court,
        "apply_by": plan.apply_by,
        "warnings": codes,
        "status": ConfirmationStatus.DRAFTED.value,
    }
    if existing is None:
        row = ConfirmationRow(case_id=case_id, **values)
        uow.session.add(row)
        uow.session.flush()
        before = None
    else:
        check_confirmation(existing.status, ConfirmationStatus.DRAFTED, case_id)
        before = {k: jsonable(getattr(existing, k)) for k in values}
        _update_confirmation(uow, existing, values)
        row = existing
    uow.record(
        "confirm_request",
        case.id,
        before,
        {k: jsonable(v) for k, v in values.items()},
        note=_("warnings accepted by the clerk") if codes else None,
    )
    return plan, row


def _confirmation(uow: UnitOfWork, case_id: int) -> ConfirmationRow | None:
    return uow.session.exec(
        select(ConfirmationRow).where(ConfirmationRow.case_id == case_id)
    ).first()


def _update_confirmation(uow: UnitOfWork, row: ConfirmationRow, changes: dict[str, Any]) -> None:
    values = {**changes, "version": row.version + 1, "updated_at": utcnow()}
    result = uow.session.execute(
        update(ConfirmationRow)
        .where(col(ConfirmationRow.id) == row.id, col(ConfirmationRow.version) == row.version)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise conflict(uow, row.case_id)
    for key, value in values.items():
        set_committed_value(row, key, value)


RESULTS = (
    ConfirmationStatus.FILED,
    ConfirmationStatus.CONFIRMED,
    ConfirmationStatus.DISMISSED,
    ConfirmationStatus.NOT_ACCEPTED,
)


def record_result(
    uow: UnitOfWork,
    case_id: int,
    result: str,
    on: dt.date | None = None,
    court_case_no: str | None = None,
    note: str | None = None,
    grounds: list[str] | None = None,
    correct: bool = False,
) -> ConfirmationRow:
    """Record what happened at court: the application filed, or the court's ruling
    (confirmed | dismissed | not_accepted) with its case number and date, and for a
    refusal the grounds it gave (art. 358 for a dismissal, art. 355 for not accepting).

    `correct`: fix the case number, date or grounds of the result already recorded (a
    typo in a final ruling), without changing the result; the event `confirm_correction`
    keeps what was there before."""
    case = load_case(uow, case_id)
    row = _confirmation(uow, case_id)
    if row is None:
        raise TransitionError(
            _(
                "Case {id} has no application for confirmation yet: run "
                "`mediate confirm request {id}` first."
            ).format(id=case_id)
        )
    if result not in {r.value for r in RESULTS}:
        raise ValidationError(
            _("Unknown result {result!r}; expected one of: {known}.").format(
                result=result, known=_(", ").join(r.value for r in RESULTS)
            )
        )
    if correct:
        target = _correctable(row, result, case_id)
    else:
        target = check_confirmation(row.status, result, case_id)
    day = on or (getattr(row, _day_field(target)) if correct else None) or today()
    not_in_future(day, "--on")
    _check_court_day(uow, case_id, row, target, day)
    number = _ruling_number(uow, case, row, target, court_case_no)
    if target in (ConfirmationStatus.CONFIRMED, ConfirmationStatus.DISMISSED) and not (
        number or row.court_case_no
    ):
        raise ValidationError(
            _("A ruling needs the court's case number (--case-no)."), where="--case-no"
        )
    changes: dict[str, Any] = {} if correct else {"status": target.value}
    chosen = _ruling_grounds(target.value, grounds)
    if chosen:
        changes["ruling_grounds"] = chosen
    changes[_day_field(target)] = day
    if number is not None:
        changes["court_case_no"] = number
    if note:
        changes["note"] = note
    changes = {k: v for k, v in changes.items() if not correct or getattr(row, k) != v}
    if correct and not changes:
        raise BadOptionValue(
            "--correct",
            _("Nothing to correct: give the right --case-no, --on or --ground."),
        )
    before = {k: jsonable(getattr(row, k)) for k in changes}
    _update_confirmation(uow, row, changes)
    after = {k: jsonable(v) for k, v in changes.items()}
    if correct:
        uow.record("confirm_correction", case_id, before, after, note=note)
    else:
        uow.record("confirm_" + target.value, case_id, before, after, note=note)
    return row


def _day_field(target: ConfirmationStatus) -> str:
    return "filed_on" if target is ConfirmationStatus.FILED else "decided_on"


def _correctable(row: ConfirmationRow, result: str, case_id: int) -> ConfirmationStatus:
    """`--correct` fixes the record of the result the case is at, never another one."""
    if row.status != result or result == ConfirmationStatus.DRAFTED:
        raise BadOptionValue(
            "--correct",
            _(
                "case {id}'s confirmation is {status}: --correct fixes the number, date or "
                "grounds of that result, so give {status} as the result."
            ).format(id=case_id, status=status_label(row.status)),
        )
    return ConfirmationStatus(result)


def _ruling_number(
    uow: UnitOfWork,
    case: CaseRow,
    row: ConfirmationRow,
    target: ConfirmationStatus,
    typed_text: str | None,
) -> str | None:
    """The court's case number as typed, canonical, or a refusal located at --case-no: not
    a case number (a usage error, exit 2); a well-formed number that is wrong for this case
    — a court above the level art. 205 allows, a number already recorded for another case,
    another court's code than the court applied to (法〔2015〕137号 arts. 4, 5) — is a
    conflict with the stored data (ValidationError, exit 1). Not refused for its type: the
    type codes (民特 …) are read only in a transcription (data/PROVENANCE.md "案件类型代字"),
    so another type is a warning (`ruling_number_warnings`), as
    `test_case_type_standard_0318_…` pins."""
    typed = (typed_text or "").strip() or None
    number = canonical_case_no(typed) if typed else None
    if typed is not None and number is None and (old := old_format_refusal(typed)):
        raise BadOptionValue("--case-no", old)
    if typed is not None and number is None:
        raise BadOptionValue(
            "--case-no",
            _("{number!r} is not a court case number such as （2026）豫0802民特123号.").format(
                number=typed
            ),
        )
    if number is None:
        return None
    referred = case.source == "court_delegated"  # art. 205(1): the inviting court, any level
    refusal = confirmation_court_refusal(number, referred)
    if refusal is None:
        refusal = _number_taken(uow, case.id or 0, number)
    if refusal is None:
        refusal = _other_court(row.court, number)
    if refusal:
        raise ValidationError(refusal, where="--case-no")
    return number


def _number_taken(uow: UnitOfWork, case_id: int, number: str) -> str | None:
    """A case number names one case (法〔2015〕137号 art. 2: 案号是用于区分各级法院办理案件的
    类型和次序的简要标识，由中文汉字、阿拉伯数字及括号组成): recorded for another case's
    ruling or as another case's own number, it is a typo here."""
    other = uow.session.exec(
        select(ConfirmationRow.case_id).where(
            ConfirmationRow.court_case_no == number, ConfirmationRow.case_id != case_id
        )
    ).first()
    if other is not None:
        return _(
            "{number} is already recorded as the ruling of case {other}: one number names one "
            "case. Check the number; if case {other}'s is the wrong one, correct it there "
            "(mediate confirm record {other} RESULT --case-no … --correct)."
        ).format(number=number, other=other)
    owner = uow.session.exec(
        select(CaseRow.id).where(CaseRow.court_case_no == number, CaseRow.id != case_id)
    ).first()
    if owner is not None:
        return _(
            "{number} is the court's number of case {other} (the case it referred), not a "
            "ruling on this application: type the ruling's own number."
        ).format(number=number, other=owner)
    return None


def _other_court(court: str, number: str) -> str | None:
    """The ruling's court code must be that of the court the application went to."""
    from mediate.domain.case_numbers import court_code
    from mediate.domain.confirmation import court_code_for

    expected, typed = court_code_for(court), court_code(number)
    if expected is None or typed is None or expected == typed:
        return None
    return _(
        "{number} carries the court code {typed}, but the application went to {court}, whose "
        "code is {expected} (法〔2015〕137号 art. 5): its ruling is numbered "
        "（YEAR）{expected}民特N号. Check the number, or the court (mediate confirm request)."
    ).format(number=number, typed=typed, court=court, expected=expected)


def ruling_number_warnings(row: ConfirmationRow) -> list[str]:
    """What the clerk should check in what was recorded but not refused: an application
    filed after the window; a court whose code the tool does not know; for any recorded
    number (whatever the result), a type that is not 民特 (`confirmation_number_warning`)."""
    from mediate.domain.case_numbers import confirmation_number_warning
    from mediate.domain.confirmation import court_code_for

    warnings = []
    if row.status == ConfirmationStatus.FILED and row.filed_on and row.filed_on > row.apply_by:
        warnings.append(  # 民事诉讼法 art. 205: thirty days from the agreement's effect
            _(
                "The application was filed on {filed}, after the 30 days to apply ended "
                "({apply_by}): the court may refuse it (民事诉讼法 art. 205)."
            ).format(filed=row.filed_on, apply_by=row.apply_by)
        )
    number = row.court_case_no
    if not number:
        return warnings
    if court_code_for(row.court) is None:
        warnings.append(
            _(
                "The court code of {court} is not known here: check that {number} is that "
                "court's number."
            ).format(court=row.court, number=number)
        )
    typed = confirmation_number_warning(number)
    if typed:
        warnings.append(typed)
    return warnings


def _check_court_day(
    uow: UnitOfWork,
    case_id: int,
    row: ConfirmationRow,
    target: ConfirmationStatus,
    day: dt.date,
) -> None:
    """The parties apply jointly within thirty days of the agreement taking effect (人民调解
    法 art. 33; 民事诉讼法 art. 205), so an application is not filed before that day, nor
    before the date printed on it (`drafted_on`, recorded when the application was made
    since migration 0021; unknown for older ones, which are not checked); and the court
    rules on an application it has (民诉法解释 arts. 355-358): not before its filing."""
    outcome = uow.session.exec(select(OutcomeRow).where(OutcomeRow.case_id == case_id)).first()
    effective = outcome.effective_on if outcome is not None else None
    if effective is not None and day < effective:
        raise ValidationError(
            _(
                "{day} is before the agreement took effect ({effective}): the application "
                "is filed, and the court rules, only after that day."
            ).format(day=day, effective=effective),
            where="--on",
        )
    drafted = row.drafted_on
    if target is ConfirmationStatus.FILED and drafted is not None and day < drafted:
        raise ValidationError(
            _(
                "{day} is before the date printed on the application ({drafted}): it is "
                "filed on or after the day it is dated. Check --on, or make the application "
                "again with the right date (mediate doc render application {id} --date …)."
            ).format(day=day, drafted=drafted, id=case_id),
            where="--on",
        )
    if target is not ConfirmationStatus.FILED and row.filed_on and day < row.filed_on:
        raise ValidationError(
            _("{day} is before the application was filed ({filed}).").format(
                day=day, filed=row.filed_on
            ),
            where="--on",
        )


def _ruling_grounds(result: str, grounds: list[str] | None) -> list[str]:
    if not grounds:
        return []
    known = ruling_grounds_known(result)
    if not known:
        raise ValidationError(
            _("Grounds are recorded only with a dismissal or a refusal to accept."),
            where="--ground",
        )
    from mediate.domain.vocabulary import UnknownChoice, Vocabulary

    words = Vocabulary(lambda: _("ground of the ruling"), known, ruling_ground_label)
    try:  # a ground by its code or its label, as confirm request's checklist prints it
        codes = words.parse_all(grounds)
    except UnknownChoice as exc:
        raise BadOptionValue("--ground", str(exc)) from None
    return list(dict.fromkeys(codes))


HANDBACK_PATHS = (Path.COURT_CLOSES, Path.RETURN_TO_COURT)


def record_handback(
    uow: UnitOfWork, case_id: int, on: dt.date | None = None, note: str | None = None
) -> tuple[OutcomeRow, Path]:
    """Record the day the body's papers went back to the court: the mediation report of an
    entrusted case (委托, settled or failed: 特邀调解规定 arts. 20, 21(2)) or the return letter
    of a delegated case that failed (委派: art. 21(1))."""
    case = load_case(uow, case_id)
    outcome = uow.session.exec(select(OutcomeRow).where(OutcomeRow.case_id == case.id)).first()
    settled = case.status == Status.SETTLED
    path = closing_path(case.source, case.court_case_no, settled)
    if outcome is None or case.status not in (Status.SETTLED, Status.FAILED):
        raise TransitionError(
            _("Case {id} has no settled or failed outcome to report to the court.").format(
                id=case_id
            )
        )
    if path not in HANDBACK_PATHS:
        raise TransitionError(
            _(
                "Case {id} does not go back to a court: only an entrusted case (委托) or a "
                "delegated case (委派) that failed is handed back."
            ).format(id=case_id)
        )
    day = on or today()
    not_in_future(day, "--on")
    if day < outcome.decided_on:
        raise ValidationError(
            _("{day} is before the outcome ({decided}).").format(
                day=day, decided=outcome.decided_on
            ),
            where="--on",
        )
    before = {"handed_back_on": jsonable(outcome.handed_back_on)}
    outcome.handed_back_on = day
    uow.session.add(outcome)
    uow.record(
        "handback",
        case_id,
        before,
        {
            "handed_back_on": day.isoformat(),
            "court": for_papers(uow, case.referring_court),
            "path": path.value,
        },
        note=note,
    )
    return outcome, path
