"""The documents, and the context every template may use (the documented variables).

Kind ids are part of the command-line interface (`mediate doc render application 12`);
the Chinese title is accepted wherever a kind is named.
"""

from __future__ import annotations

from dataclasses import dataclass

from mediate.documents.wording import WORDING_FIELDS, BodyWording, body_wording
from mediate.domain.papers import TITLES
from mediate.errors import BadOptionValue
from mediate.i18n import _


@dataclass(frozen=True)
class DocumentKind:
    id: str
    title: str  # the paper's Chinese title (domain/papers), also the file-name stem
    template: str  # bundled template file name
    # Dotted paths that must have a value; `parties[].x` applies to every party,
    # `persons[].x` to natural persons, `entities[].x` to enterprises and other entities.
    required: tuple[str, ...]

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self.id]()


KINDS: dict[str, DocumentKind] = {
    k.id: k
    for k in (
        DocumentKind(
            "application",
            TITLES["application"],
            "application.docx",
            (
                "confirmation.court",
                "org.name",
                "outcome.effective_on",
                "outcome.terms",
                "parties[].name",
                "parties[].id_number",
                "parties[].address",
                "persons[].sex",
                "persons[].birth_date",
                "persons[].phone",
                "entities[].legal_rep",
            ),
        ),
        DocumentKind(
            "agreement",
            TITLES["agreement"],
            "agreement.docx",
            (
                "org.name",
                "case.facts",
                "outcome.terms",
                "outcome.decided_on",
                "parties[].name",
                "parties[].id_number",
                "parties[].address",
                "entities[].legal_rep",
            ),
        ),
        DocumentKind(
            "termination",
            TITLES["termination"],  # 人民调解法 art. 26: 终止调解
            "termination.docx",
            ("org.name", "outcome.reason", "outcome.decided_on", "parties[].name"),
        ),
        DocumentKind(
            "service_address",
            TITLES["service_address"],
            "service_address.docx",
            # seed item 24: an enterprise gives a backup address beside its registered one
            (
                "org.name",
                "parties[].name",
                "parties[].service_address",
                "entities[].backup_address",
            ),
        ),
        DocumentKind(
            "credit_notice",
            # never 失信 for merely declining voluntary mediation (DOMAIN §4.1)
            TITLES["credit_notice"],
            "credit_notice.docx",
            (
                "org.name",
                "credit.agency",
                "credit.decision",
                "outcome.reason",
                "outcome.decided_on",
                "credit_subjects[].name",
                "credit_subjects[].id_number",
            ),
        ),
        DocumentKind(
            # 特邀调解规定 arts. 20, 21(2): an entrusted (委托) case goes back to the court
            # that filed it — with the agreement (the court closes it), or with the reasons
            # and the parties' positions (it goes to trial).
            "court_report",
            TITLES["court_report"],
            "court_report.docx",
            (
                "case.referring_court",
                "org.name",
                "outcome.decided_on",
                "parties[].name",
            ),
        ),
        DocumentKind(
            # 特邀调解规定 art. 21(1): a delegated (委派) case that failed goes back with the
            # materials, so the court can file it if the parties insist on suing.
            "return_letter",
            TITLES["return_letter"],
            "return_letter.docx",
            (
                "case.referring_court",
                "org.name",
                "outcome.reason",
                "outcome.decided_on",
                "parties[].name",
            ),
        ),
        DocumentKind(
            # 人民调解法 arts. 17, 18: a party applies, or a court or the police point it to
            # the committee; the Ministry of Justice's 人民调解文书格式 has 人民调解申请书 and
            # 人民调解受理登记表 as the first paper of the dossier (unverified: the Ministry's
            # text was not found; a local 调解卷宗 model reproduces both as item 1, "人民调解
            # 申请书或人民调解受理登记表" — docs/confirmation.md). One form holds both.
            "registration",
            TITLES["registration"],
            "registration.docx",
            ("org.name", "case.cause", "case.received_on", "parties[].name"),
        ),
        DocumentKind(
            # 调解通知书: one page per summoned party (特邀调解规定 art. 14(2): notice of time
            # and place; 人民调解法 arts. 3, 23, 26: what staying away means)
            "notice",
            TITLES["notice"],
            "notice.docx",
            ("org.name", "session.when", "session.mediator", "parties[].name"),
        ),
    )
}


_DESCRIPTIONS = {
    "application": lambda: _("Joint application for judicial confirmation (settled cases)."),
    "agreement": lambda: _(
        "Mediation agreement (settled cases): 人民调解协议书 from a people's mediation "
        "committee, 调解协议书 from other bodies."
    ),
    "termination": lambda: _(
        "Notice to the parties that mediation ended without agreement (终止调解)."
    ),
    "service_address": lambda: _("Confirmation of the parties' addresses for service."),
    "credit_notice": lambda: _(
        "Credit committee's notice to a credit agency about an enterprise's unpaid debt "
        "(failed credit cases whose outcome decided to report it)."
    ),
    "court_report": lambda: _(
        "Report to the court on an entrusted (委托) case: the agreement, or why it failed and "
        "the parties' positions (调解情况报告 / 委托调解结案报告)."
    ),
    "return_letter": lambda: _(
        "Letter returning a delegated (委派) case that failed to the court (退回函 / 调解终结报告)."
    ),
    "registration": lambda: _(
        "Registration form of a dispute (人民调解申请书 / 受理登记表): parties, dispute and claim, "
        "how it came in, date received, body and registering clerk."
    ),
    "notice": lambda: _(
        "Notice of a mediation session to each summoned party (调解通知书): the next scheduled "
        "session, or --session N."
    ),
}


# Titles a kind had before, or has for another kind of body: still accepted as its name.
ALIASES = {
    "调解终结告知书": "termination",
    "调解协议书": "agreement",
    "失信行为通报函": "credit_notice",
    "人民调解申请书": "registration",
    "人民调解受理登记表": "registration",
    "调解受理登记表": "registration",
    "调解申请书": "registration",
    "人民调解通知书": "notice",
}


def paper_title(kind: DocumentKind, wording: BodyWording) -> str:
    """The title a paper of `kind` carries when the body of `wording` issues it: an
    agreement's and a registration form's follow the regime (人民调解协议书 / 调解协议书,
    documents/wording), the others are the kind's. The one rule: the printed paper, its
    file name, the dossier, `case show` and `case history` name a paper by it."""
    if kind.id == "agreement":
        return wording.agreement_title
    if kind.id == "registration":
        return wording.registration_title
    return kind.title


def body_paper_titles(
    org_kind: str | None, org_name: str | None, source: str | None
) -> dict[str, str]:
    """Each kind's title (paper_title) as a case's body prints it: the body's kind and name
    and the case's source, as the documents read them (documents/context)."""
    wording = body_wording(org_kind, org_name, source)
    return {kind_id: paper_title(kind, wording) for kind_id, kind in KINDS.items()}


def known_kinds() -> str:
    """Every kind by its title first, then its id: 人民调解申请书（application）、…"""
    from mediate.domain.papers import paper_title

    return _(", ").join(
        _("{label} ({code})").format(label=paper_title(code), code=code) for code in KINDS
    )


def kind_named(name: str) -> DocumentKind:
    """A kind by its id or its Chinese title; another name is a usage error (exit 2)."""
    if name in KINDS:
        return KINDS[name]
    if name in ALIASES:
        return KINDS[ALIASES[name]]
    for kind in KINDS.values():
        if name == kind.title:
            return kind
    raise BadOptionValue(  # the KIND the clerk typed: a usage error (exit 2)
        _("KIND"),
        _("Unknown document kind {name!r}; known kinds: {known}.").format(
            name=name, known=known_kinds()
        ),
    )


PARTY_FIELDS = (
    "role",
    "role_label",
    "kind",
    "is_person",
    "name",
    "sex",
    "birth_date",
    "ethnicity",
    "occupation",
    "address",
    "id_number",
    "id_label",
    "operator_id_number",
    "phone",
    "email",
    "service_address",
    "backup_address",
    "legal_rep",
    "legal_rep_title",
    "rep_title",
    "rep_position",
    "address_label",
    "operator_address",
    "guardian",
    "guardian_relation",
    "guardian_id_number",
    "is_minor",
    "app_label",
    "agent",
    "agent_name",
    "blank",
    "papers",
)

# The notice's session (调解通知书): when, where or online, who mediates.
SESSION_FIELDS = (
    "id",
    "when",
    "date",
    "time",
    "online",
    "place",
    "link",
    "mediator",
    "mediator_title",
    "phone",
)

# The documented context: top-level name -> its fields (a tuple), or a list of parties
# (["party"]), or None for a plain value. `doc lint` checks templates against it.
CONTEXT: dict[str, tuple[str, ...] | list[str] | None] = {
    "kind": None,
    "created": None,
    "title": None,
    "date": None,
    "court": None,
    "recipient": None,
    "applicant_names": None,
    "respondent_names": None,
    "party_names": None,
    "third_party_names": None,
    "recorder": None,
    "wording": WORDING_FIELDS,
    "case": (
        "id",
        "number",
        "cause",
        "cause_written",
        "amount",
        "amount_capitals",
        "source",
        "source_label",
        "referral_label",
        "referring_court",
        "received_on",
        "facts",
        "facts_paragraphs",
        "court_referred",
        "agreement_no",
        "claim",
        "claim_paragraphs",
        "registered_by",
        "intake_boxes",
    ),
    "org": ("id", "name", "kind", "address", "phone"),
    "mediator": ("name", "type_label", "phone"),
    "outcome": (
        "result",
        "decided_on",
        "terms",
        "amount",
        "amount_capitals",
        "performance",
        "perform_by",
        "effective_on",
        "reason",
        "positions",
        "follow_up",
        "handed_back_on",
    ),
    "confirmation": ("court", "apply_by", "status"),
    "credit": ("agency", "basis", "decision", "doc_no", "contact", "phone"),
    "parties": ["party"],
    "applicants": ["party"],
    "respondents": ["party"],
    "third_parties": ["party"],
    "credit_subjects": ["party"],
    "session": SESSION_FIELDS,
    "summoned": ["party"],
    # the dossier's cover and contents (dossier.docx) and its printed records (record.docx)
    "dossier": (
        "title",
        "number",
        "parties",
        "closed_on",
        "result",
        "retention",
        "pages",
        "filed_by",
        "page_note",
    ),
    "papers": None,
    "record": ("title", "subtitle", "fields", "paragraphs"),
}

FILTERS = ("cn_num",)
