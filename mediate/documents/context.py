"""The context a template is rendered with, built from a case's records.

Takes anything with the store rows' attributes (CaseRow, PartyRow, OrgRow, OutcomeRow,
ConfirmationRow, MediatorRow — or plain namespaces in tests), so this module stays free of
the database. Values are formatted here, once: templates only place them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from mediate import clock
from mediate.documents.chinese import (
    amount_capitals,
    amount_figures,
    date_cn,
    date_figures,
)
from mediate.documents.kinds import SESSION_FIELDS, DocumentKind, paper_title
from mediate.documents.sandbox import cn_num
from mediate.documents.wording import BodyWording, body_wording
from mediate.domain.case_numbers import canonical_or_same
from mediate.domain.confirmation import is_entrusted, is_wage_claim
from mediate.domain.credit import credit_subjects
from mediate.domain.parties import (
    LEGAL_REPRESENTATIVE,
    OPERATOR,
    PRINCIPAL,
    holds_operator_id,
    is_minor,
    labour_parties,
    representative_title,
)
from mediate.errors import ValidationError
from mediate.i18n import _
from mediate.routing.causes import Taxonomy, financial_party, official_cause

_ROLE_LABELS = {"applicant": "申请人", "respondent": "被申请人", "third_party": "第三人"}
_SOURCE_LABELS = {
    "court_delegated": "委派调解",
    "court_entrusted": "委托调解",
    "self_accepted": "自行受理",
    "petition": "信访移交",
    "transferred": "移送",
}
_REFERRAL_LABELS = {"court_delegated": "委派", "court_entrusted": "委托"}
_MEDIATOR_LABELS = {
    "invited": "特邀调解员",
    "lawyer": "律师调解员",
    "expert": "专家调解员",
    "people": "人民调解员",
    "arbitrator": "仲裁员",
    "notary": "公证员",
}
BLANK = "＿" * 8  # a blank the party fills in by hand, never "无"
_ID18 = re.compile(r"^\d{17}[\dXx]$")
_TERM_NUMBER = re.compile(
    r"^\s*(?:第[一二三四五六七八九十\d]+条|[（(]?[一二三四五六七八九十\d]+[)）.、．]\s*)"
)


@dataclass
class CaseRecords:
    """Everything a document may draw on, for one case."""

    case: Any
    parties: list[Any]
    org: Any | None = None
    outcome: Any | None = None
    confirmation: Any | None = None
    mediator: Any | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # the notice's session (MediationSessionRow) and the mediator who holds it
    session: Any | None = None
    session_mediator: Any | None = None
    # the referring court by its full name: a case stored before intake completed short
    # names is completed when its papers are drawn (services/courts.py)
    referring_court: str | None = None
    # the deployment's 案由 revisions (stored ones, cut-over: services/routing.case_taxonomy)
    # the paper's cause is read against; None: the bundled ones
    taxonomy: Taxonomy | None = None


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _date(value: dt.date | None, figures: bool = False) -> str:
    if value is None:
        return ""
    return date_figures(value) if figures else date_cn(value)


def _from_id_number(number: str) -> tuple[str, dt.date | None]:
    """Sex and birth date read from an 18-character resident ID, when it is well formed."""
    if not _ID18.match(number):
        return "", None
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "", None
    return ("男" if int(number[16]) % 2 else "女"), born


def party_context(row: Any, on: dt.date | None = None) -> dict[str, Any]:
    """One party as the forms print it; `on` is the day minority is judged (the agreement)."""
    kind = _text(row.kind)
    is_person = kind == "person"
    id_number = _text(row.id_number)
    sex, birth = _text(row.sex), row.birth_date
    if is_person and (not sex or birth is None):
        derived_sex, derived_birth = _from_id_number(id_number)
        sex = sex or derived_sex
        birth = birth or derived_birth
    address = _text(row.address)
    return {
        "role": _text(row.role),
        "role_label": _ROLE_LABELS.get(_text(row.role), _text(row.role)),
        "kind": kind,
        "is_person": is_person,
        "name": _text(row.name),
        "sex": sex if is_person else "",
        "birth_date": _date(birth, figures=True) if is_person else "",
        "ethnicity": _text(row.ethnicity),
        "occupation": _text(row.occupation),
        "address": address,
        "id_number": id_number,
        "id_label": _id_label(row, is_person, id_number),
        # a 个体工商户's number when it is its 经营者's resident ID: printed on the operator's
        # line, not the 字号's (民诉法解释 (2022) art. 59 "该字号经营者的基本信息")
        "operator_id_number": (
            id_number
            if not is_person and holds_operator_id(row.kind, row.legal_rep_title, id_number)
            else ""
        ),
        "phone": _text(row.phone),
        "email": _text(row.email),
        # seed item 24: the registered address is the default address for service
        "service_address": _text(row.service_address) or address,
        "backup_address": _text(row.backup_address),
        "legal_rep": _text(row.legal_rep),
        "legal_rep_title": _text(row.legal_rep_title),
        **_representation(row, is_person, birth, on),
        "agent": _text(row.agent),
        "agent_name": _text(row.agent).split("，")[0].split(",")[0].strip(),
        "blank": BLANK,
    }


def _id_label(row: Any, is_person: bool, id_number: str) -> str:
    """What the party's number is: a person's 公民身份号码, an organisation's 统一社会信用代码,
    or, for a 个体工商户 recorded by its 经营者's resident ID, that operator's number — the
    字号 is the party "但应同时注明该字号经营者的基本信息" (民诉法解释 (2022) art. 59)."""
    if is_person:
        return "公民身份号码"
    if holds_operator_id(row.kind, row.legal_rep_title, id_number):
        return f"{OPERATOR}公民身份号码"
    return "统一社会信用代码"


def _with_papers(party: dict[str, Any]) -> dict[str, Any]:
    party["papers"] = _papers(party)
    return party


def _papers(party: dict[str, Any]) -> list[str]:
    """What a summoned party brings to the session: proof of identity (and of whoever acts
    for it), the evidence, and an agent's power of attorney stating the matters and powers
    entrusted (民事诉讼法 (2023) art. 62 for court; that a mediation body asks the same is
    custom, not statute — unverified)."""
    papers = (
        ["本人居民身份证或者其他有效身份证件"]
        if party["is_person"]
        else [
            "营业执照（登记证书）副本或者复印件",
            # a 个体工商户 comes as its 经营者 in person (民诉法解释 art. 59), with no
            # 身份证明书 of a body's representative
            f"{OPERATOR}本人的居民身份证"
            if party["rep_title"] == OPERATOR
            else f"{party['rep_title'] or LEGAL_REPRESENTATIVE}身份证明书及其身份证件",
        ]
    )
    if party["guardian"]:
        papers.append("法定代理人的身份证件及监护关系证明（如户口簿）")
    papers.append("与纠纷有关的证据材料（原件及复印件）")
    papers.append("委托代理人参加的，提交载明委托事项和权限的授权委托书及代理人的身份证件")
    return papers


def _representation(row: Any, is_person: bool, birth: dt.date | None, on: Any) -> dict[str, Any]:
    """Who acts for the party: a 法定代理人, or the entity's 法定代表人 / 负责人."""
    name, title = _text(row.name), _text(row.legal_rep_title)
    rep_title = "" if is_person else representative_title(name, title)
    return {
        "rep_title": rep_title,
        # the business's address: a 个体工商户 registers its 经营场所 (市场主体登记管理条例
        # (2021) art. 8 para. 2(四), read in LawRefBook/Laws at 6ef77b0), any other entity
        # its 住所 (art. 8 para. 1(四)), written 住所地 as the forms write it
        "address_label": "经营场所" if rep_title == OPERATOR else "住所地",
        # a job title (总经理) beside the representative; not the 法定代表人/负责人 label itself
        "rep_position": "" if title in (LEGAL_REPRESENTATIVE, PRINCIPAL, OPERATOR) else title,
        # a 个体工商户's 经营者's own 住所, printed beside the operator (市场主体登记管理条例
        # (2021) art. 8 para. 2(四); 民诉法解释 (2022) art. 59 "该字号经营者的基本信息"); a
        # party recorded before 0018 has none and prints as it did
        "operator_address": (
            _text(getattr(row, "operator_address", None)) if rep_title == OPERATOR else ""
        ),
        "guardian": _text(getattr(row, "guardian", None)),
        "guardian_relation": _text(getattr(row, "guardian_relation", None)),
        "guardian_id_number": _text(getattr(row, "guardian_id_number", None)),
        "is_minor": is_person and on is not None and is_minor(birth, on),
        "app_label": "第三人" if _text(row.role) == "third_party" else "申请人",
    }


def facts_paragraphs(text: str | None) -> list[str]:
    """The facts as paragraphs: a clerk's line breaks (also Word's vertical tab and line
    separators when pasted) start a new paragraph; leading indentation is the template's."""
    lines = re.split(r"\r\n|[\r\n\v\f\u2028\u2029]", text or "")
    return [stripped for line in lines if (stripped := line.strip(" \t\u3000\xa0"))]


def split_terms(text: str | None) -> list[str]:
    """The agreed terms, one per line, without the clerk's own numbering (we number them)."""
    items = []
    for raw in (text or "").splitlines():
        item = _TERM_NUMBER.sub("", raw).strip()
        if item:
            items.append(item)
    return items


def _names(parties: list[dict[str, Any]]) -> str:
    return "、".join(p["name"] for p in parties)


def build_context(kind: DocumentKind, records: CaseRecords, today: dt.date) -> dict[str, Any]:
    """The template context for one document; raises ValidationError on a missing value."""
    case = records.case
    outcome = records.outcome
    signed_on = getattr(outcome, "decided_on", None) or today
    parties = [
        _with_papers(party_context(p, signed_on))
        for p in sorted(records.parties, key=lambda p: p.position)
    ]
    applicants = [p for p in parties if p["role"] == "applicant"]
    respondents = [p for p in parties if p["role"] == "respondent"]
    third_parties = [p for p in parties if p["role"] == "third_party"]
    reported = (records.extra.get("credit_report") or {}).get("enterprises") or []
    confirmation = records.confirmation
    org = records.org
    source = _text(case.source)
    wording = records_wording(records)
    context: dict[str, Any] = {
        "kind": kind.id,
        # the document's creation time (core properties), W3CDTF in UTC
        "created": clock.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "title": paper_title(kind, wording),
        "wording": _wording_context(wording, len(parties), _text(getattr(org, "name", None))),
        "date": date_cn(today),
        "case": {
            "id": case.id,
            "number": canonical_or_same(_text(case.court_case_no)) or "",
            "cause": official_cause(
                _text(case.cause),
                employer=labour_parties(records.parties),
                lender=any(financial_party(p.name, p.industry) for p in records.parties),
                taxonomy=records.taxonomy,
                received_on=getattr(case, "received_on", None),
                wage_claim=is_wage_claim(_text(getattr(case, "claim", None))),
            ),
            "cause_written": _text(case.cause),
            "amount": amount_figures(case.amount) if case.amount is not None else "",
            "amount_capitals": amount_capitals(case.amount) if case.amount is not None else "",
            "source": source,
            "source_label": _SOURCE_LABELS.get(source, source),
            "referral_label": _REFERRAL_LABELS.get(source, ""),
            "referring_court": _text(records.referring_court or case.referring_court),
            "received_on": _date(case.received_on),
            "facts": _text(case.facts),
            "facts_paragraphs": facts_paragraphs(case.facts),
            "court_referred": source in _REFERRAL_LABELS,
            "agreement_no": _agreement_no(case, signed_on),
            "claim": _text(getattr(case, "claim", None)),
            "claim_paragraphs": facts_paragraphs(getattr(case, "claim", None)),
            "registered_by": _text(getattr(case, "created_by", None)),
            "intake_boxes": _intake_boxes(source),
        },
        "org": {
            "id": _text(getattr(org, "id", None)),
            "name": _text(getattr(org, "name", None)),
            "kind": _text(getattr(org, "kind", None)),
            "address": _text(getattr(org, "address", None)),
            "phone": _text(getattr(org, "phone", None)),
        },
        "mediator": {
            "name": _text(getattr(records.mediator, "name", None)),
            "type_label": _MEDIATOR_LABELS.get(_text(getattr(records.mediator, "type", None)), ""),
            "phone": _text(getattr(records.mediator, "phone", None)),
        },
        "outcome": _outcome_context(outcome),
        "confirmation": {
            "court": _text(getattr(confirmation, "court", None)),
            "apply_by": _date(getattr(confirmation, "apply_by", None)),
            "status": _text(getattr(confirmation, "status", None)),
        },
        "parties": parties,
        "applicants": applicants,
        "respondents": respondents,
        "third_parties": third_parties,
        # the enterprises the credit decision named (all enterprise respondents before it)
        "credit_subjects": credit_subjects(respondents, reported),
        "applicant_names": _names(applicants),
        "respondent_names": _names(respondents),
        "third_party_names": _names(third_parties),
        "recorder": _text(getattr(outcome, "recorded_by", None)),
        "party_names": _names(parties),
        "session": _session_context(records, context_mediator(records, wording)),
        "summoned": _summoned(records.session, parties),
    }
    context["court"] = (
        context["confirmation"]["court"]
        if kind.id == "application"
        else context["case"]["referring_court"]
    )
    context.update(records.extra)
    context["credit"] = _credit_context(records, context)
    context["recipient"] = context["credit"]["agency"]
    check_required(kind, context, case.id)
    _check_failure_report(kind, context, case.id)
    return context


# How a case came in, as the registration form's boxes (人民调解法 art. 17: on application
# or of the committee's own motion; 特邀调解规定 art. 11: a court's 委派 or 委托).
_INTAKE_BOXES = (
    ("self_accepted", "当事人申请"),
    ("court_delegated", "人民法院委派"),
    ("court_entrusted", "人民法院委托"),
    ("petition", "信访移交"),
    ("transferred", "其他部门移送"),
)


def _intake_boxes(source: str) -> str:
    return "　".join(("☑" if code == source else "□") + label for code, label in _INTAKE_BOXES)


_WEEKDAYS = "一二三四五六日"


def _clock_cn(moment: dt.datetime) -> str:
    """上午9时30分 / 中午12时 / 下午2时 — the time as a notice writes it."""
    hour, minute = moment.hour, moment.minute
    part = "上午" if hour < 12 else "中午" if hour < 13 else "下午" if hour < 18 else "晚上"
    shown = hour if hour <= 12 else hour - 12
    return f"{part}{shown}时" + (f"{minute}分" if minute else "")


def context_mediator(records: CaseRecords, wording: BodyWording) -> dict[str, str]:
    """Who holds the session: its own mediator, else the case's; titled by the regime."""
    mediator = records.session_mediator or records.mediator
    return {
        "name": _text(getattr(mediator, "name", None)),
        "title": wording.mediator_title,
        "phone": _text(getattr(mediator, "phone", None)),
    }


def _session_context(records: CaseRecords, mediator: dict[str, str]) -> dict[str, Any]:
    """The notice's session: when (China time), where or online, who mediates."""
    row = records.session
    if row is None:
        return dict.fromkeys(SESSION_FIELDS, "") | {"online": False}
    moment = row.starts_at.astimezone(clock.CHINA)
    place = _text(row.place)
    return {
        "id": row.id,
        "when": f"{date_figures(moment.date())}（星期{_WEEKDAYS[moment.weekday()]}）"
        f"{_clock_cn(moment)}",
        "date": date_figures(moment.date()),
        "time": _clock_cn(moment),
        "online": bool(row.online),
        "place": place,
        # an online session without its link yet: a blank the clerk fills in
        "link": place or BLANK,
        "mediator": mediator["name"],
        "mediator_title": mediator["title"],
        "phone": mediator["phone"] or _text(getattr(records.org, "phone", None)),
    }


def _summoned(session: Any | None, parties: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The parties a session summons, by their number in `case show` (1-based)."""
    if session is None:
        return []
    return [parties[n - 1] for n in session.summoned if 0 < n <= len(parties)]


def _check_failure_report(kind: DocumentKind, context: dict[str, Any], case_id: Any) -> None:
    """A report on a failed entrusted case states why and each party's position
    (特邀调解规定 art. 21(2): the case goes to trial on it)."""
    outcome = context["outcome"]
    if kind.id != "court_report" or outcome["result"] != "failed":
        return
    missing = [name for name in ("reason", "positions") if not outcome[name]]
    if missing:
        raise ValidationError(
            _("case {case}: {title} needs a value for {fields}, which is missing").format(
                case=case_id,
                title=context.get("title") or kind.title,
                fields=_("; ").join(record_field_label("outcome", name) for name in missing),
            )
        )


def _wording_context(wording: BodyWording, parties: int, org_name: str) -> dict[str, Any]:
    values = asdict(wording)
    values["copies_clause"] = wording.copies_clause.format(
        copies=cn_num(parties + 1),
        org=org_name,
    )
    return values


def _agreement_no(case: Any, signed_on: dt.date) -> str:
    """The agreement's own number when no court number identifies the case: the year it
    was signed and the case's id, e.g. （2026）调字第12号 (unique in the database)."""
    if _text(case.court_case_no) or case.id is None:
        return ""
    return f"（{signed_on.year}）调字第{case.id}号"


CREDIT_BASIS = "《焦作市建立常态化府院联动机制实施方案》第十八项和《征信业管理条例》的有关规定"
CREDIT_DOC_PREFIX = "信调函"


def _credit_context(records: CaseRecords, context: dict[str, Any]) -> dict[str, Any]:
    """The credit notice's addressee, basis, decision, number and contact.

    Seed item 18 and DOMAIN §4.1: only the recorded decision of `mediate credit report`
    (its audit event in `records.extra["credit_report"]`: basis, enterprises, date) makes a
    notice; the decision is about an unpaid debt, never about declining voluntary
    mediation. Outcomes marked `credit_report` before that step existed count as decided,
    with the default basis. Settings (`credit_agency`, `credit_contact`, `credit_phone`,
    `credit_doc_prefix`) come in `records.extra["credit"]`."""
    given = dict(records.extra.get("credit") or {})
    report = records.extra.get("credit_report") or {}
    decided = credit_decided(records)
    reported_on = report.get("reported_on")
    day = dt.date.fromisoformat(reported_on) if isinstance(reported_on, str) else None
    year = (day or getattr(records.outcome, "decided_on", None) or clock.today()).year
    prefix = given.pop("doc_prefix", "") or CREDIT_DOC_PREFIX
    org = context["org"]["name"]
    values = {
        "agency": "",
        "basis": _text(report.get("basis")) or CREDIT_BASIS,
        "decision": (
            f"{org}{'于' + date_cn(day) if day else ''}依法决定：将下列企业在本案中到期债务未予"
            "清偿的信息报送征信机构，记入该企业信用档案。"
            if decided
            else ""
        ),
        "doc_no": f"{prefix}〔{year}〕{context['case']['id']}号",
        "contact": context["mediator"]["name"],
        "phone": context["org"]["phone"],
    }
    values.update({k: v for k, v in given.items() if v})
    return values


def credit_decided(records: CaseRecords) -> bool:
    """Whether the committee decided the credit report (seed item 18; 征信业管理条例 arts. 23,
    25, 44): its recorded decision (the `credit_report` event, loaded by the caller as
    `records.extra["credit_report"]`), or an outcome row marked `credit_report` before the
    decision had its own place. The outcome's follow-up is otherwise the failure's (a return
    to court stays one: services/credit.py)."""
    if records.extra.get("credit_report"):
        return True
    return _text(getattr(records.outcome, "follow_up", None)) == "credit_report"


def _outcome_context(outcome: Any | None) -> dict[str, Any]:
    if outcome is None:
        return {
            key: ""
            for key in (
                "result",
                "decided_on",
                "amount",
                "amount_capitals",
                "performance",
                "perform_by",
                "effective_on",
                "reason",
                "follow_up",
                "handed_back_on",
            )
        } | {"terms": [], "positions": []}
    amount = outcome.amount
    return {
        "result": _text(outcome.result),
        "decided_on": _date(outcome.decided_on),
        "terms": split_terms(outcome.terms),
        "amount": amount_figures(amount) if amount is not None else "",
        "amount_capitals": amount_capitals(amount) if amount is not None else "",
        "performance": _text(outcome.performance),
        "perform_by": _date(outcome.perform_by),
        "effective_on": _date(outcome.effective_on),
        "reason": _text(outcome.reason),
        "positions": [
            line.strip()
            for line in _text(getattr(outcome, "positions", None)).splitlines()
            if line.strip()
        ],
        "follow_up": _text(outcome.follow_up),
        "handed_back_on": _date(getattr(outcome, "handed_back_on", None)),
    }


def _groups(context: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    parties = context["parties"]
    return {
        "parties": parties,
        "persons": [p for p in parties if p["is_person"]],
        "entities": [p for p in parties if not p["is_person"]],
        "credit_subjects": context["credit_subjects"],
    }


def record_field_label(record: str, name: str) -> str:
    """A required field of a document, as the clerk knows it in the interface language: a
    case's field by the label `case edit --set` takes (domain/fields), another record's
    with the record named (e.g. "outcome: agreed terms")."""
    from mediate.domain import events, fields

    if record == "case":
        return fields.field_label(name)
    records = {
        "outcome": _("outcome"),
        "confirmation": _("judicial confirmation"),
        "org": _("body"),
        "credit": _("credit report"),
        "session": _("session"),
    }
    own = {
        "effective_on": _("took effect on"),
        "positions": _("the parties' positions"),
        "agency": _("credit agency"),
        "decision": _("decision to report"),
        "when": _("time"),
        "mediator": _("mediator"),
    }
    label = own.get(name) or events.field_label(name)
    return _("{record}: {field}").format(record=records.get(record, record), field=label)


def check_required(kind: DocumentKind, context: dict[str, Any], case_id: Any) -> None:
    """Stop the document, naming the case and every empty required field."""
    from mediate.domain.fields import field_label
    from mediate.domain.vocabulary import PARTY_ROLE

    groups = _groups(context)
    numbers = {id(p): n for n, p in enumerate(context["parties"], 1)}
    missing: list[str] = []
    party_missing = case_missing = False
    for path in kind.required:
        head, _dot, leaf = path.partition(".")
        if head.endswith("[]"):
            members = groups[head[:-2]]
            if not members and head[:-2] in ("parties", "credit_subjects"):
                missing.append(head[:-2])
            # Named as `case show` numbers the parties and with the field's label, so the
            # clerk can fill it with `case edit --party N --set LABEL=…` (the audit of
            # 2026-12 found "applicant '王建国': phone" in the Chinese interface).
            for m in members:
                if m.get(leaf):
                    continue
                party_missing = True
                missing.append(
                    _("party {number} ({role}) {name}: {field}").format(
                        number=numbers.get(id(m), "?"),
                        role=PARTY_ROLE.label(m["role"]),
                        name=m["name"],
                        field=field_label(leaf),
                    )
                )
        elif not context[head].get(leaf):
            missing.append(record_field_label(head, leaf))
            case_missing = case_missing or head == "case"
    if missing:
        message = _("case {case}: {title} needs a value for {fields}, which is missing").format(
            case=case_id, title=context.get("title") or kind.title, fields=_("; ").join(missing)
        )
        # Each way to fill it in once, in one sentence: the two hints used to be appended
        # one after the other, each starting with its own full stop ("…VALUE`.. Fill").
        commands = []
        if case_missing:
            commands.append(_("`mediate case edit {case} --set FIELD=VALUE`").format(case=case_id))
        if party_missing:
            commands.append(
                _("`mediate case edit {case} --party N --set FIELD=VALUE`").format(case=case_id)
            )
        if commands:
            message = _("{problem}. Fill it in with {commands}.").format(
                problem=message, commands=_(" or ").join(commands)
            )
        raise ValidationError(message)


def records_wording(records: CaseRecords) -> BodyWording:
    """The wording of the case's body, as its papers print it (documents/wording)."""
    org = records.org
    return body_wording(
        getattr(org, "kind", None), getattr(org, "name", None), _text(records.case.source)
    )


def records_paper_title(kind: DocumentKind, records: CaseRecords) -> str:
    """The title this case's paper of `kind` carries (kinds.paper_title: 调解协议书 for a
    诉调对接中心's case), for the messages about that paper as for the paper itself."""
    return paper_title(kind, records_wording(records))


# Kinds whose bundled template prints no date of its own (no {{ date }}): the agreement is
# dated by the day it was reached (outcome.decided_on, 人民调解法 art. 29), the others are
# forms the clerk fills. --date would be ignored, so it is refused (doc render/batch).
UNDATED_KINDS = ("agreement", "record", "registration", "service_address")


def application_date_problem(records: CaseRecords, day: dt.date) -> str | None:
    """Why the application cannot be dated `day`: the parties apply jointly once the
    agreement has taken effect (民事诉讼法 art. 205: "自调解协议生效之日起三十日内"; 人民调解法
    art. 33), so not before that day; and it is signed by then, so not after today."""
    effective = getattr(records.outcome, "effective_on", None)
    if effective is not None and day < effective:
        return _(
            "the application is dated {day}, before the agreement took effect ({effective}): "
            "the parties apply only after that day (民事诉讼法 art. 205)"
        ).format(day=day, effective=effective)
    if day > clock.today():
        return _("the application is dated {day}, which is in the future").format(day=day)
    return None


def notice_date_problem(records: CaseRecords, day: dt.date) -> str | None:
    """Why the notice cannot be dated `day`: it is signed when it is sent, so not after
    today (the application's rule, `application_date_problem`), and it announces its
    session, so not after the session's day (review of 2026-12-03 item 4: a notice dated
    2099 for a session next week was written without a word)."""
    starts = getattr(records.session, "starts_at", None)
    held_on = starts.astimezone(clock.CHINA).date() if starts is not None else None
    if held_on is not None and day > held_on:
        return _("the notice is dated {day}, after the session it announces ({held_on})").format(
            day=day, held_on=held_on
        )
    if day > clock.today():
        return _("the notice is dated {day}, which is in the future").format(day=day)
    return None


def date_problem(kind: DocumentKind, records: CaseRecords, day: dt.date) -> str | None:
    """Why a document of `kind` cannot carry the date `day` (None when it can): the
    application's and the notice's rules; the other documents are dated as the clerk says."""
    if kind.id == "application":
        return application_date_problem(records, day)
    if kind.id == "notice":
        return notice_date_problem(records, day)
    return None


def application_date_warning(records: CaseRecords, day: dt.date) -> str | None:
    """An application dated after the 30 days to apply (民事诉讼法 art. 205): the court may
    refuse it; the clerk is told, not stopped."""
    apply_by = getattr(records.confirmation, "apply_by", None)
    if apply_by is None or day <= apply_by:
        return None
    return _(
        "the application is dated {day}, after the 30 days to apply ended ({apply_by}): the "
        "court may refuse it (民事诉讼法 art. 205)"
    ).format(day=day, apply_by=apply_by)


def eligibility_problem(kind: DocumentKind, records: CaseRecords) -> str | None:
    """Why this case cannot have this document at all (None when it can)."""
    result = _text(getattr(records.outcome, "result", None))
    if kind.id in ("application", "agreement") and result != "settled":
        return _("the case has no settled outcome (record one with `mediate outcome`)")
    if kind.id == "application" and is_entrusted(
        _text(getattr(records.case, "source", None)), getattr(records.case, "court_case_no", None)
    ):
        # DOMAIN.md §4.1; 特邀调解规定 art. 20: the court closes an entrusted case itself
        return _(
            "the case was entrusted by the court after filing (委托): the court closes it "
            "itself, with no judicial confirmation (send the court report: `mediate doc render "
            "court_report`)"
        )
    if kind.id == "application" and records.confirmation is None:
        return _("no judicial confirmation is requested yet (use `mediate confirm request`)")
    if kind.id in ("termination", "credit_notice") and result not in ("failed", "withdrawn"):
        return _("the case has no failed or withdrawn outcome")
    if kind.id == "credit_notice" and _text(getattr(records.org, "kind", None)) != (
        "credit_committee"
    ):
        return _("the case was not mediated by the credit committee")
    if kind.id == "credit_notice" and not credit_decided(records):
        # Seed item 18; 征信业管理条例 arts. 23, 25, 44: the notice follows the recorded decision.
        return _(
            "the case was not reported to the credit agencies (decide it with "
            "`mediate credit report`)"
        )
    if kind.id in ("court_report", "return_letter"):
        return _handback_problem(kind, records, result)
    if kind.id == "notice" and records.session is None:
        return _(
            "the case has no mediation session scheduled (schedule one with `mediate session`)"
        )
    return None


def _handback_problem(kind: DocumentKind, records: CaseRecords, result: str) -> str | None:
    """DOMAIN.md §4.1: the report is for entrusted cases, settled or failed; the return
    letter for delegated cases that failed."""
    from mediate.domain.confirmation import Path, closing_path

    if result not in ("settled", "failed"):
        return _("the case has no settled or failed outcome")
    case = records.case
    path = closing_path(_text(case.source), case.court_case_no, result == "settled")
    wanted = Path.COURT_CLOSES if kind.id == "court_report" else Path.RETURN_TO_COURT
    if path is wanted:
        return None
    if kind.id == "court_report":
        return _("only an entrusted (委托) case is reported back to the court this way")
    return _("only a delegated (委派) case that failed is returned to the court this way")
