"""The fields of a case and of a party as the clerk names them: labels in the interface
language, and the names `case edit --set FIELD=VALUE` accepts back: the code, and every
label the tool prints for the field (this table's, `case show`'s headings, an export's
column header) in either language, and the usual Chinese synonyms. Each name names one
field (a test checks)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from mediate.domain.columns import CASES, PARTIES
from mediate.i18n import LANGUAGES, _, current_language, in_language

if TYPE_CHECKING:
    from mediate.domain.model import Party

# What `case edit` may change on a case (DESIGN.md §3.1): what the clerk gave at intake, in
# table order (as `case show` lists them). The rest the tool keeps (routing, status,
# deadlines, the audit columns) or derives (county_code from the places, intake_key from
# the row, cause_code from the cause).
EDITED_AT_INTAKE = frozenset(
    {
        "court_case_no",
        "cause",
        "amount",
        "source",
        "procedure",
        "referring_court",
        "received_on",
        "location",
        "subject_matter_location",
        "tags",
        "facts",
        "claim",
    }
)
CASE_EDITABLE = tuple(name for name in CASES if name in EDITED_AT_INTAKE)
# The fields of a party, in storage order (intake, the bulk writer, editing): its columns
# but the keys.
PARTY_FIELDS = tuple(name for name in PARTIES if name not in ("id", "case_id", "position"))
# ... what `case edit --party N` may change: all of them, the name first.
PARTY_EDITABLE = ("name", *(f for f in PARTY_FIELDS if f != "name"))

# A party as stored, in PARTY_FIELDS order: its role and kind first (as their values), its
# date of birth somewhere after them (given to `day`), the rest as they are.
_BIRTH = PARTY_FIELDS.index("birth_date")
_BEFORE_BIRTH = attrgetter(*PARTY_FIELDS[2:_BIRTH])
_AFTER_BIRTH = attrgetter(*PARTY_FIELDS[_BIRTH + 1 :])
_TEXT = str.__str__  # a StrEnum member's value as a plain str, without Enum's property


def _same(value: Any) -> Any:
    return value


def party_values(party: Party, day: Callable[[Any], Any] = _same) -> tuple[Any, ...]:
    """The one encoding of a party as stored: its values in PARTY_FIELDS order, the role
    and kind as plain strings, the date of birth as `day` gives it (the bulk writer's
    driver text; else the date)."""
    return party_rows(((None, (party,)),), day)[0][2:]


def party_rows(
    cases: Iterable[tuple[Any, Iterable[Party]]], day: Callable[[Any], Any] = _same
) -> list[tuple[Any, ...]]:
    """Rows of the parties table for each (case id, its parties): the case id, the party's
    position, then `party_values`. Built in one comprehension, in C but for the two enums
    and the date: the import stores hundreds of thousands."""
    return [
        (
            case_id,
            position,
            _TEXT(party.role),
            _TEXT(party.kind),
            *_BEFORE_BIRTH(party),
            day(party.birth_date),
            *_AFTER_BIRTH(party),
        )
        for case_id, parties in cases
        for position, party in enumerate(parties)
    ]


def field_labels() -> dict[str, str]:
    """Field name -> label in the interface language (case and party fields)."""
    return {
        "court_case_no": _("case number"),
        "cause": _("cause"),
        "amount": _("amount in dispute"),
        "source": _("source"),
        "procedure": _("procedure"),
        "referring_court": _("referring court"),
        "received_on": _("date received"),
        "location": _("place of the dispute"),
        "subject_matter_location": _("place of the subject matter"),
        "facts": _("facts"),
        "claim": _("claim"),
        "tags": _("tags"),
        "name": _("name"),
        "role": _("role"),
        "kind": _("kind"),
        "id_number": _("ID number"),
        "sex": _("sex"),
        "birth_date": _("date of birth"),
        "ethnicity": _("ethnicity"),
        "occupation": _("occupation"),
        "address": _("address"),
        "phone": _("phone"),
        "email": _("email"),
        "service_address": _("address for service"),
        "backup_address": _("backup address for service"),
        "legal_rep": _("legal representative"),
        "legal_rep_title": _("legal representative's title"),
        "industry": _("industry"),
        "agent": _("agent"),
        "guardian": _("legal guardian"),
        "guardian_relation": _("guardian's relation"),
        "guardian_id_number": _("guardian's ID number"),
        "operator_address": _("operator's domicile"),
    }


# Chinese names a clerk types whatever the interface language (the spreadsheet headers).
_CHINESE = {
    "court_case_no": ("案号",),
    "cause": ("案由",),
    "amount": ("标的额", "金额"),
    "source": ("来源", "案件来源"),
    "procedure": ("适用程序", "程序"),
    "referring_court": ("委派法院", "委托法院", "法院"),
    "received_on": ("收案日期",),
    "location": ("纠纷发生地", "发生地"),
    "facts": ("案情简介", "案情"),
    "claim": ("请求事项", "申请事项", "调解请求"),
    "tags": ("标签",),
    "name": ("姓名", "名称"),
    "role": ("诉讼地位", "角色"),
    "kind": ("类型",),
    "id_number": ("证件号", "证件号码", "身份证号", "统一社会信用代码"),
    "sex": ("性别",),
    "birth_date": ("出生日期",),
    "ethnicity": ("民族",),
    "occupation": ("职业",),
    "address": ("住所", "地址", "住址"),
    "phone": ("电话", "联系电话", "手机"),
    "email": ("电子邮箱", "邮箱"),
    "service_address": ("送达地址",),
    "backup_address": ("备用送达地址",),
    "legal_rep": ("法定代表人", "负责人"),  # and 经营者, a 个体工商户's: `_TRADER_LABELS`
    "legal_rep_title": ("职务",),
    "industry": ("行业",),
    "agent": ("委托代理人", "代理人"),
    "subject_matter_location": ("标的物所在地",),
    "guardian": ("法定代理人", "监护人"),
    "guardian_relation": ("与当事人关系", "监护关系"),
    "guardian_id_number": ("法定代理人证件号",),
    # a 个体工商户's 经营者's 住所 (市场主体登记管理条例 art. 8 para. 2(四))
    "operator_address": ("经营者住所", "经营者住址"),
}


def field_label(name: str) -> str:
    return field_labels().get(name, name)


# A 个体工商户's own address is its 经营场所: 市场主体登记管理条例 (2021) art. 8 para. 2(四)
# registers "个体工商户的经营者姓名、住所、经营场所" — the 住所 is the operator's (its field
# operator_address), the business has a 经营场所, as the papers print it (documents/context).
# Its representative is its 经营者 (民诉法解释 (2022) art. 59), stored as legal_rep titled so.
_TRADER_LABELS: dict[str, Callable[[], str]] = {
    "address": lambda: _("place of business"),
    "legal_rep": lambda: _("operator"),
}
TRADER_FIELDS = tuple(_TRADER_LABELS)  # the fields labelled so for a 个体工商户


def party_field_label(name: str, trader: bool) -> str:
    """A party's field as printed for it: `field_label`, but a 个体工商户's (`trader`:
    parties.is_registered_trader) address is its 经营场所 and its representative its 经营者
    (`_TRADER_LABELS`); `field_names` takes the labels back."""
    if trader and name in _TRADER_LABELS:
        return _TRADER_LABELS[name]()
    return field_label(name)


def trader_word(name: str, typed: str) -> str | None:
    """The label of a 个体工商户's own (`_TRADER_LABELS`: 经营场所, 经营者) when `typed`, a
    word naming the field `name`, is one (in either language); else None. `case edit`
    refuses such a word on a party that is no 个体工商户 (its address is its 住所, its
    representative a 法定代表人 or 负责人), rather than set the field it stands for."""
    from mediate.domain.vocabulary import normalise

    if name not in _TRADER_LABELS:
        return None
    words = set()
    for language in LANGUAGES:
        with in_language(language):
            words.add(normalise(_TRADER_LABELS[name]()))
    return _TRADER_LABELS[name]() if normalise(typed) in words else None


def shown_labels() -> dict[str, str]:
    """The headings `case show` prints for a case's fields and its parties' columns."""
    return {
        "court_case_no": _("Case no."),
        "cause": _("Cause"),
        "amount": _("Amount"),
        "source": _("Source"),
        "referring_court": _("Referring court"),
        "received_on": _("Received"),
        "location": _("Location"),
        "subject_matter_location": _("Subject matter at"),
        "tags": _("Tags"),
        "facts": _("Facts"),
        "claim": _("Claim"),
        "role": _("Role"),
        "kind": _("Kind"),
        "name": _("Name"),
        "id_number": _("ID number"),
        "phone": _("Phone"),
        "address": _("Address"),
    }


def field_names(name: str, headings: Callable[[], Iterable[str]] | None = None) -> set[str]:
    """Every word that names the field `name` (normalised as vocabulary.normalise): its
    code, its labels as `case edit`, `case show` and the CSV/XLSX exports print them in
    either interface language, the Chinese words of the courts' spreadsheets, and the
    `headings` another command prints for it (`doc batch --filter`: `case list`'s), asked
    in each language. The one source of the names `case edit --set`, `case new
    --applicant` and `doc batch --filter` take."""
    from mediate.domain import events
    from mediate.domain.vocabulary import normalise

    words = [name, *_CHINESE.get(name, ())]
    for language in LANGUAGES:
        with in_language(language):
            words += [field_label(name), events.field_label(name), events.column_header(name)]
            words += [shown_labels()[name]] if name in shown_labels() else []
            words += [_TRADER_LABELS[name]()] if name in _TRADER_LABELS else []
            words += headings() if headings is not None else []
    return {normalise(word) for word in words}


def parse_field(text: str, allowed: tuple[str, ...]) -> str | None:
    """The field a clerk named (code, or a label as printed, or a Chinese name), if it is
    one of `allowed`."""
    from mediate.domain.vocabulary import normalise

    key = normalise(text)
    for name in allowed:
        if key in field_names(name):
            return name
    return None


def typed_names(allowed: tuple[str, ...], label: Callable[[str], str] = field_label) -> str:
    """The fields of `allowed` as a clerk types them, for a help page or an error: by
    `label` in Chinese; by code in English (a label there has spaces in it)."""
    if current_language() == "en":
        return ", ".join(allowed)
    return _(", ").join(label(name) for name in allowed)


def skip_label(why: str) -> str:
    """Why an import skipped a row that is no case."""
    return {
        "total": _("a totals row"),
        "note": _("a note"),
        "header": _("the header repeated"),
    }.get(why, why)


def change_label(action: str) -> str:
    """What a re-import did with a field of a stored case."""
    return {
        "filled": _("filled in"),
        "changed": _("changed"),
        "fillable": _("blank: --update fills it"),
        "differs": _("differs: kept"),
        "kept": _("differs: import does not change it (case edit does)"),
    }.get(action, action)


def party_columns(party: Party) -> dict[str, Any]:
    """`party_values` by column name (what the ORM takes)."""
    return dict(zip(PARTY_FIELDS, party_values(party), strict=True))
