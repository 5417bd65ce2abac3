"""The documents, and the context every template may use (the documented variables).

Kind ids are part of the command-line interface (`mediate doc render application 12`);
the Chinese title is accepted wherever a kind is named.
"""

from __future__ import annotations

from dataclasses import dataclass

from mediate.errors import NotFound
from mediate.i18n import _


@dataclass(frozen=True)
class DocumentKind:
    id: str
    title: str  # the paper's Chinese title, also the file-name stem
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
            "司法确认申请书",
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
            "人民调解协议书",
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
            "调解终结告知书",
            "termination.docx",
            ("org.name", "outcome.reason", "outcome.decided_on", "parties[].name"),
        ),
        DocumentKind(
            "service_address",
            "送达地址确认书",
            "service_address.docx",
            ("org.name", "parties[].name", "parties[].service_address"),
        ),
        DocumentKind(
            "credit_notice",
            "失信行为通报函",
            "credit_notice.docx",
            (
                "org.name",
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
            "调解情况报告",
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
            "退回函",
            "return_letter.docx",
            (
                "case.referring_court",
                "org.name",
                "outcome.reason",
                "outcome.decided_on",
                "parties[].name",
            ),
        ),
    )
}


_DESCRIPTIONS = {
    "application": lambda: _("Joint application for judicial confirmation (settled cases)."),
    "agreement": lambda: _("People's mediation agreement (settled cases)."),
    "termination": lambda: _(
        "Notice that mediation ended without agreement, also the report to the referring court."
    ),
    "service_address": lambda: _("Confirmation of the parties' addresses for service."),
    "credit_notice": lambda: _(
        "Credit committee's notice of an enterprise's dishonest conduct (failed credit cases)."
    ),
    "court_report": lambda: _(
        "Report to the court on an entrusted (委托) case: the agreement, or why it failed and "
        "the parties' positions (调解情况报告 / 委托调解结案报告)."
    ),
    "return_letter": lambda: _(
        "Letter returning a delegated (委派) case that failed to the court (退回函 / 调解终结报告)."
    ),
}


def kind_named(name: str) -> DocumentKind:
    """A kind by its id or its Chinese title."""
    if name in KINDS:
        return KINDS[name]
    for kind in KINDS.values():
        if name == kind.title:
            return kind
    raise NotFound(
        _("Unknown document kind {name!r}; known kinds: {known}.").format(
            name=name, known=", ".join(KINDS)
        )
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
    "phone",
    "email",
    "service_address",
    "backup_address",
    "legal_rep",
    "legal_rep_title",
    "agent",
)

# The documented context: top-level name -> its fields (a tuple), or a list of parties
# (["party"]), or None for a plain value. `doc lint` checks templates against it.
CONTEXT: dict[str, tuple[str, ...] | list[str] | None] = {
    "title": None,
    "date": None,
    "court": None,
    "recipient": None,
    "applicant_names": None,
    "respondent_names": None,
    "party_names": None,
    "case": (
        "id",
        "number",
        "cause",
        "amount",
        "amount_capitals",
        "source",
        "source_label",
        "referral_label",
        "referring_court",
        "received_on",
        "facts",
        "court_referred",
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
    "parties": ["party"],
    "applicants": ["party"],
    "respondents": ["party"],
    "third_parties": ["party"],
    "credit_subjects": ["party"],
}

FILTERS = ("cn_num",)
