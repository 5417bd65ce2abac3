"""`case new`: the questions a clerk is asked, each answer validated as it is typed.

The terminal side (prompts, completion, colours) is injected as a `Prompter`, so this
module stays free of rich and can be driven by a test. Scripts use `case_from_options`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from mediate.domain.fields import PARTY_FIELDS, parse_field, typed_names
from mediate.domain.model import CaseInput, Party, PartyKind, PartyRole
from mediate.domain.parties import OPERATOR, SOLE_TRADER_WORDS, holds_operator_id, is_minor
from mediate.domain.special import names_special_procedure
from mediate.errors import BadOptionValues, ValidationError, ValidationErrors, shown
from mediate.i18n import _, pgettext
from mediate.intake.validate import (
    build_case,
    build_party,
    names_operator,
    parse_email,
    parse_sex,
)
from mediate.intake.values import (
    BadValue,
    clean_text,
    parse_amount,
    parse_case_no,
    parse_credit_code,
    parse_date,
    parse_ethnicity,
    parse_id_for,
    parse_kind,
    parse_phone,
    parse_resident_id,
    parse_source,
    ric_birth_date,
    ric_sex,
)

MAX_MATCHES = 9


class Prompter(Protocol):
    def ask(self, prompt: str, default: str | None = None) -> str: ...
    def confirm(self, prompt: str, default: bool = True) -> bool: ...
    def error(self, text: str) -> None: ...
    def info(self, text: str) -> None: ...
    def summary(self, pairs: list[tuple[str, Any]], title: str) -> None: ...
    def complete_with(self, words: Sequence[str]) -> None: ...


_ALIASES = {"id": "id_number", "credit_code": "id_number"}


# domain/fields.py names a party's name 姓名 (a person's) or 名称 (an organisation's).
PERSON_NAME_KEY = "姓名"


class PartySpec(dict[str, str]):
    """A party's raw values, and whether its name was typed under the person's key
    (姓名=张志行): `build_party` then guesses a missing kind as a person's (`guess_kind`)."""

    person_named = False


def _speaker(field: str, key: str) -> str:
    """Who a key typed for the representative names: "operator" (经营者=…, a 个体工商户's,
    民诉法解释 (2022) art. 59) or "legal_rep" (法定代表人=…, 负责人=…)."""
    from mediate.domain.fields import trader_word

    return "operator" if trader_word(field, key) else "legal_rep"


def _refuse_representative(values: PartySpec, typed: dict[str, str]) -> None:
    """BadValue when the kind typed and who speaks for the party disagree, naming the keys as
    typed (`validate.representative_refusal`, as an import row is refused: 类型=企业 with 经营者=…
    was stored as its 法定代表人). A 经营者 with no kind typed makes a 个体工商户, as a row's."""
    from mediate.domain.fields import field_label
    from mediate.intake.validate import representative_refusal

    names = {"kind": field_label("kind"), "legal_rep": field_label("legal_rep"), **typed}
    names.setdefault("operator", OPERATOR)
    kind = values.get("kind", "").strip()
    operator, representative = "operator" in typed, "legal_rep" in typed
    title = values.get("legal_rep_title", "").strip()
    if title and (operator or representative):
        # The title typed says who the name is, as a dispute file's does (职务=经营者 with
        # 法定代表人=李四 names a 经营者: 类型=企业 beside it was stored as a 个体工商户, the
        # review of 2026-12-03); a title that disagrees with the key is both.
        key = f"{typed.get('title', field_label('legal_rep_title'))}={title}"
        if title == OPERATOR and not operator:
            names["operator"] = f"{names['legal_rep']}（{key}）"
            names["legal_rep"] = pgettext(
                "party option", "{representative} (with a {title} other than {operator})"
            ).format(
                representative=names["legal_rep"],
                title=typed.get("title", field_label("legal_rep_title")),
                operator=OPERATOR,
            )
            operator, representative = True, False
        elif title != OPERATOR and not representative:
            names["legal_rep"] = key
            representative = True
    refused = representative_refusal(kind, operator, representative, lambda field: names[field])
    if refused is not None:
        raise BadValue(refused[1])
    if operator and not kind:
        values["kind"] = SOLE_TRADER_WORDS[0]  # 个体工商户, whatever its name reads as (王记)


def parse_party_spec(spec: str) -> PartySpec:
    """`name=张三,id_number=…,phone=…` (or a bare name) -> raw values. A key is a field's
    code or any name `case edit --set` takes for it (姓名=张三,证件号码=…,电话=…, as the
    Chinese help writes the example); pairs and signs as a Chinese keyboard types them
    too (姓名：张三，电话＝…: intake/pairs). A value still holding `电话=…` is refused."""
    from mediate.intake.pairs import (
        field_keys,
        field_test,
        read_pairs,
        refuse_repeat,
        refuse_stray,
    )

    allowed = tuple(k for k in PARTY_FIELDS if k != "role")  # the option gives the role
    keys = field_keys(allowed, tuple(_ALIASES))
    values = PartySpec()
    typed: dict[str, str] = {}  # kind, operator, legal_rep -> the key typed
    for key, value in read_pairs(spec, field_test(allowed, _ALIASES), bare="name"):
        key = _ALIASES.get(key, key)
        field = parse_field(key, allowed)
        if field is None:
            raise BadValue(
                _("unknown key {key} (known: {keys})").format(
                    key=shown(key), keys=typed_names(allowed, _party_key)
                )
            )
        refuse_stray(value, keys)
        said = _speaker(field, key) if field == "legal_rep" else field
        if field == "legal_rep_title":
            typed["title"] = key.strip()  # named in a refusal (`_refuse_representative`)
        if said in ("kind", "operator", "legal_rep"):
            if said not in typed and field in values:
                typed[said] = key.strip()  # 经营者 beside 法定代表人: refused naming both
                continue
            typed[said] = key.strip()
        refuse_repeat(values, field)
        values[field] = value
        if field == "name" and key.strip() == PERSON_NAME_KEY:
            values.person_named = True
    _refuse_representative(values, typed)
    return values


def _party_key(field: str) -> str:
    """A party field as typed, 经营者 beside the representative's title: a 个体工商户's
    operator is typed 经营者=… (民诉法解释 art. 59; domain/fields.py)."""
    from mediate.domain.fields import field_label
    from mediate.domain.parties import OPERATOR

    label = field_label(field)
    return label + _(", ") + OPERATOR if field == "legal_rep_title" else label


def case_from_options(values: dict[str, Any], party_specs: list[tuple[str, str]]) -> CaseInput:
    """The case from command-line options; every problem reported at once, as a usage
    error (exit 2): each is about a value an option was given, or one not given."""
    errors: list[ValidationError] = []
    parties: list[Party] = []
    counters: dict[str, int] = {}
    for role, spec in party_specs:
        counters[role] = counters.get(role, 0) + 1
        where = party_where(role, counters[role])
        try:
            raw = parse_party_spec(spec)
        except BadValue as exc:
            errors.append(ValidationError(str(exc), where=where))
            continue
        party, problems = build_party(raw, role=PartyRole(role), person_named=raw.person_named)
        errors.extend(
            ValidationError(p.message, where=party_where(role, counters[role], p.field))
            for p in problems
        )
        if party:
            parties.append(party)
    case, problems = build_case(values, parties, check_roles=not errors)
    errors.extend(ValidationError(p.message, where=_option(p.field)) for p in problems)
    if errors or case is None:
        raise BadOptionValues(errors, summary=_("The dispute was not registered:"))
    return case


def party_where(role: str, number: int | None = None, field: str | None = None) -> str:
    """Where a party's problem is, as the clerk reads it: the option typed, so the clerk
    finds the value, and the party by role and place among those given, with the field:
    --applicant 第1个申请人的证件号码 (in English: --applicant 1, ID number)."""
    from mediate.domain.fields import field_label
    from mediate.domain.vocabulary import PARTY_ROLE

    names = {"option": f"--{role}", "role": PARTY_ROLE.label(role), "n": number}
    if field is None:
        message = "{option}" if number is None else "{option} {n}"
    else:
        names["field"] = field_label(field)
        message = "{option}, {field}" if number is None else "{option} {n}, {field}"
    return pgettext("party option", message).format(**names)


def _option(field: str) -> str:
    names = {
        "court_case_no": "--case-no",
        "referring_court": "--court",
        "received_on": "--received",
    }
    if field.startswith("parties"):
        return "--applicant/--respondent"
    return names.get(field, "--" + field.replace("_", "-"))


class Interview:
    """Asks for what the options did not give, one validated field at a time. `places`:
    the deployment's own divisions' names (code -> name), for the summary to name a place
    at one as `case show` does."""

    def __init__(
        self, causes: Sequence[str], io: Prompter, places: Mapping[str, str] | None = None
    ) -> None:
        self.causes = list(causes)
        self.io = io
        self.places = dict(places or {})

    def field(
        self,
        prompt: str,
        parse: Callable[[str], Any],
        default: str | None = None,
        required: bool = False,
    ) -> Any:
        while True:
            answer = clean_text(self.io.ask(prompt, default))
            if not answer:
                if not required:
                    return None
                self.io.error(_("This is required."))
                continue
            try:
                return parse(answer)
            except BadValue as exc:
                self.io.error(str(exc))

    def run(
        self, values: dict[str, Any], party_specs: list[tuple[str, str]], confirm: bool = True
    ) -> CaseInput:
        values = self.checked_options(values)
        if not values.get("cause"):
            values["cause"] = self.cause()
        for key in ("amount", "source", "court_case_no", "referring_court", "received_on"):
            if values.get(key) is None and self._applies(key, values):
                self.ask_case_field(key, values)
        if not values.get("location"):
            self.ask_case_field("location", values)
        counters: dict[str, int] = {}
        parties = []
        for role, spec in party_specs:
            counters[role] = counters.get(role, 0) + 1
            parties.append(self.party_from_spec(role, spec, counters[role]))
        roles = {p.role for p in parties}
        if PartyRole.APPLICANT not in roles:
            parties.append(self.party(PartyRole.APPLICANT))
        # An application under a special procedure has no respondent (DOMAIN.md §4.1).
        if PartyRole.RESPONDENT not in roles and not names_special_procedure(str(values["cause"])):
            parties.append(self.party(PartyRole.RESPONDENT))
        while self.io.confirm(_("Add another party?"), default=False):
            role = self.field(_("Role (applicant/respondent/third_party)"), _role, required=True)
            parties.append(self.party(role))
        if not values.get("facts"):
            self.ask_case_field("facts", values)
        if not values.get("claim"):
            self.ask_case_field("claim", values)
        while True:
            case, problems = build_case(values, parties)
            if case is None:
                raise ValidationErrors(
                    [ValidationError(p.message, where=p.field) for p in problems]
                )
            self.io.summary(_summary(case, self.places), _("The dispute"))
            if not confirm or self.io.confirm(_("Register this dispute?"), default=True):
                return case
            if not self.revise(values, parties):
                raise ValidationError(_("Not registered."))

    def _questions(self) -> dict[str, tuple[str, Callable[[str], Any]]]:
        return {
            "cause": (_("Cause (案由)"), str),
            "amount": (_("Amount in dispute (yuan, Enter for none)"), parse_amount),
            "source": (_("Source (委派/委托/自行受理/信访/移送)"), _source_code),
            "court_case_no": (_("Court case number"), parse_case_no),
            "referring_court": (_("Referring court"), str),
            "received_on": (_("Received on"), parse_date),
            "location": (_("Where it arose (division code or place name)"), str),
            "facts": (_("Facts, briefly"), str),
            "claim": (_("Claim (请求事项), e.g. 支付货款 or 退货退款"), str),
        }

    @staticmethod
    def _applies(key: str, values: dict[str, Any]) -> bool:
        if key in ("court_case_no", "referring_court"):
            return str(values.get("source") or "").startswith("court")
        return True

    def ask_case_field(self, key: str, values: dict[str, Any]) -> None:
        """Ask one field of the case, offering what it holds (or its usual value)."""
        prompt, parse = self._questions()[key]
        current = values.get(key)
        defaults = {"source": "自行受理", "received_on": _today().isoformat()}
        default = _shown(current) if current not in (None, "") else defaults.get(key)
        if key == "cause":  # searched in the taxonomy again
            values[key] = self.cause()
            return
        values[key] = self.field(prompt, parse, default=default, required=key == "cause")

    def revise(self, values: dict[str, Any], parties: list[Party]) -> bool:
        """After 否 at the end: which field to change (asked again with its value offered);
        False when the clerk abandons the dispute."""
        after = ("facts", "claim")  # listed after the parties, as they were asked
        keys = [k for k in self._questions() if k not in after and self._applies(k, values)]
        items: list[tuple[str, Any]] = [(self._questions()[k][0], k) for k in keys]
        items += [(f"{_role_label(p.role)} {p.name}", p) for p in parties]
        items += [(self._questions()[k][0], k) for k in after]
        self.io.info(_("What should be changed?"))
        for number, (label, _target) in enumerate(items, start=1):
            self.io.info(f"  {number}. {label}")
        self.io.info("  0. " + _("Do not register this dispute"))
        while True:
            choice = self.io.ask(_("Number (Enter: back to the summary)"), None).strip()
            if not choice:
                return True
            if choice == "0":
                return False
            if choice.isdigit() and 1 <= int(choice) <= len(items):
                break
            self.io.error(
                _("{choice} is not on the list: give a number from 0 to {n}.").format(
                    choice=choice, n=len(items)
                )
            )
        target = items[int(choice) - 1][1]
        if isinstance(target, Party):
            parties[parties.index(target)] = self.party(target.role)
        else:
            self.ask_case_field(target, values)
        return True

    def checked_options(self, values: dict[str, Any]) -> dict[str, Any]:
        """Values given as options are checked first; a bad one is asked for again."""
        checks: dict[str, Callable[[str], Any]] = {
            "amount": parse_amount,
            "source": parse_source,
            "received_on": parse_date,
            "court_case_no": parse_case_no,
        }
        values = dict(values)
        for key, parse in checks.items():
            if values.get(key) is None:
                continue
            try:
                parsed = parse(values[key])
            except BadValue as exc:
                self.io.error(str(exc))
                values[key] = None
                continue
            values[key] = parsed.value if key == "source" else parsed
        return values

    def cause(self) -> str:
        """Type part of a cause and pick from the matches (Tab completes too)."""
        self.io.complete_with(self.causes)
        try:
            while True:
                text = self.field(_("Cause (案由), or part of it"), str, required=True)
                if text in self.causes or not self.causes:
                    return str(text)
                matches = [c for c in self.causes if text in c][:MAX_MATCHES]
                if not matches:
                    if self.io.confirm(
                        _("{cause} is not in the taxonomy; keep it anyway?").format(cause=text),
                        default=False,
                    ):
                        return str(text)
                    continue
                for number, name in enumerate(matches, start=1):
                    self.io.info(f"  {number}. {name}")
                picked = self.pick(len(matches))
                if picked is not None:
                    return matches[picked - 1]
        finally:
            self.io.complete_with(())

    def pick(self, count: int) -> int | None:
        """A number from 1 to `count`, asked until it is one; None (Enter) to search again."""
        while True:
            choice = self.io.ask(_("Number of the cause (Enter to search again)"), None).strip()
            if not choice:
                return None
            if choice.isdigit() and 1 <= int(choice) <= count:
                return int(choice)
            self.io.error(
                _("{choice} is not on the list: give a number from 1 to {n}.").format(
                    choice=choice, n=count
                )
            )

    def party_from_spec(self, role: str, spec: str, number: int | None = None) -> Party:
        """The party an option gave (`--applicant` `number`, counted among that option's)."""
        try:
            raw = parse_party_spec(spec)
        except BadValue as exc:
            raise ValidationError(str(exc), where=party_where(role, number)) from exc
        party, problems = build_party(raw, role=PartyRole(role), person_named=raw.person_named)
        if party is None:
            raise ValidationErrors(
                [
                    ValidationError(p.message, where=party_where(role, number, p.field))
                    for p in problems
                ]
            )
        return party

    def party(self, role: PartyRole) -> Party:
        labels = {
            PartyRole.APPLICANT: _("Applicant"),
            PartyRole.RESPONDENT: _("Respondent"),
            PartyRole.THIRD_PARTY: _("Third party"),
        }
        self.io.info(labels[role])
        kind, trader = self.field(
            _("  Kind (自然人/企业/个体工商户/事业单位/行政机关)"), _kind, default="自然人"
        )
        raw: dict[str, Any] = {"kind": kind.value}
        raw["name"] = self.field(_("  Name"), str, required=True)
        if trader:
            self.sole_trader(raw)
        elif kind is PartyKind.PERSON:
            raw["id_number"] = self.field(_("  Resident ID number"), parse_resident_id)
            if raw["id_number"]:
                raw["sex"] = ric_sex(raw["id_number"])
                raw["birth_date"] = ric_birth_date(raw["id_number"])
                self.io.info(
                    _("  {sex}, born {date}").format(sex=raw["sex"], date=raw["birth_date"])
                )
            else:
                raw["sex"] = self.field(_("  Sex (男/女)"), parse_sex)
                raw["birth_date"] = self.field(_("  Date of birth"), parse_date)
            raw["ethnicity"] = self.field(_("  Ethnicity"), parse_ethnicity, default="汉族")
            raw["address"] = self.field(_("  Domicile (住所)"), str)
            raw["phone"] = self.field(_("  Phone"), parse_phone)
            if is_minor(raw["birth_date"], _today()):  # 民法典 arts. 17, 23
                raw["guardian"] = self.field(_("  Legal guardian (法定代理人)"), str)
                if raw["guardian"]:
                    raw["guardian_relation"] = self.field(
                        _("  Guardian's relation to the party (e.g. 父子)"), str
                    )
                    raw["guardian_id_number"] = self.field(
                        _("  Guardian's resident ID number"), parse_resident_id
                    )
        else:
            raw["id_number"] = self.field(_("  Unified social credit code"), parse_credit_code)
            raw["legal_rep"] = self.field(_("  Legal representative"), str)
            if raw["legal_rep"]:
                raw["legal_rep_title"] = self.field(_("  Their title"), str)
            raw["address"] = self.field(_("  Registered address"), str)
            raw["phone"] = self.field(_("  Phone"), parse_phone)
        raw["service_address"] = self.field(_("  Service address (Enter: same as above)"), str)
        raw["backup_address"] = self.field(_("  Backup service address"), str)
        raw["email"] = self.field(_("  E-mail for electronic service"), parse_email)
        party, problems = build_party(raw, role=role)
        if party is None:  # each field was checked as typed; only a contradiction is left
            raise ValidationErrors([ValidationError(p.message, where=p.field) for p in problems])
        return party

    def sole_trader(self, raw: dict[str, Any]) -> None:
        """A 个体工商户: the 字号 is the party "但应同时注明该字号经营者的基本信息" (民诉法解释
        (2022) art. 59, read in LawRefBook/Laws at 2f4c5c2), so its 经营者 is asked, not a
        法定代表人; its number is its credit code or the operator's resident ID, each
        checked as `--applicant/--respondent` checks it (intake/values.py parse_id_for)."""
        raw["id_number"] = self.field(
            _("  Credit code, or the operator's resident ID number"), _sole_trader_id
        )
        if holds_operator_id(raw["kind"], OPERATOR, raw["id_number"]):  # the operator's
            self.io.info(
                _("  {sex}, born {date}").format(
                    sex=ric_sex(raw["id_number"]), date=ric_birth_date(raw["id_number"])
                )
            )
        raw["legal_rep"] = self.field(_("  Operator (经营者)"), str)
        if raw["legal_rep"]:  # the operator's own 住所, not the business's: 市场主体登记管理
            # 条例 (2021) art. 8 para. 2(四) registers "个体工商户的经营者姓名、住所、经营场所"
            raw["operator_address"] = self.field(_("  Operator's domicile (经营者住所)"), str)
        raw["legal_rep_title"] = OPERATOR  # domain/parties.py: how a 个体工商户 is stored
        # the business's own address is its 经营场所 (the same art. 8 para. 2(四)), as the
        # papers and `case show` print it (domain/fields.py party_field_label)
        raw["address"] = self.field(_("  Place of business (经营场所)"), str)
        raw["phone"] = self.field(_("  Phone"), parse_phone)


def _role_label(role: PartyRole) -> str:
    return {
        PartyRole.APPLICANT: _("Applicant"),
        PartyRole.RESPONDENT: _("Respondent"),
        PartyRole.THIRD_PARTY: _("Third party"),
    }[role]


def _kind(text: str) -> tuple[PartyKind, bool]:
    """A kind typed at the prompt, and whether it is 个体工商户 (or 个体户…: SOLE_TRADER_WORDS),
    which is stored as an enterprise recorded with its 经营者 (民诉法解释 art. 59)."""
    kind = parse_kind(text)
    if kind is None:
        raise BadValue(_("This is required."))
    return kind, names_operator({"kind": text})


def _sole_trader_id(text: str) -> str | None:
    return parse_id_for(PartyKind.ENTERPRISE, text, operator=True)


def _source_code(text: str) -> str:
    source = parse_source(text)
    if source is None:
        raise BadValue(_("This is required."))
    return source.value


def _shown(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _role(text: str) -> PartyRole:
    from mediate.intake.validate import parse_role

    return parse_role(text)


def _today() -> Any:
    from mediate.intake.validate import today_in_china

    return today_in_china()


def _summary(case: CaseInput, places: Mapping[str, str]) -> list[tuple[str, Any]]:
    """The dispute as `case show` prints it (its headings, each code by its label, a place
    as name（code）, one at a division of the deployment's own by `places`) with every value
    the clerk typed, before 是否登记该纠纷？."""
    from mediate.domain.fields import shown_labels
    from mediate.domain.model import Source, enum_label
    from mediate.routing.places import place_label

    shown = shown_labels()
    pairs: list[tuple[str, Any]] = [
        (shown["cause"], case.cause),
        (shown["amount"], case.amount),
        (shown["source"], enum_label(Source, case.source.value)),
        (shown["court_case_no"], case.court_case_no),
        (shown["referring_court"], case.referring_court),
        (shown["received_on"], case.received_on),
        (shown["location"], place_label(case.location, places)),
        (shown["subject_matter_location"], place_label(case.subject_matter_location, places)),
    ]
    pairs += [(_role_label(p.role), "\n".join(_party_lines(p))) for p in case.parties]
    pairs.append((shown["facts"], case.facts))
    pairs.append((shown["claim"], case.claim))
    return pairs


def _party_lines(party: Party) -> list[str]:
    """A party in the summary: name（kind）, then each value typed for it, one a line,
    labelled as `case edit --set` takes it; a 个体工商户's 经营者 and 经营者住所 (民诉法解释
    art. 59; 市场主体登记管理条例 (2021) art. 8 para. 2(四)) as `case show` prints them.
    ID numbers and phones masked, as on every screen."""
    from mediate.domain.fields import party_field_label
    from mediate.domain.model import mask_id, mask_phone
    from mediate.domain.parties import (
        is_registered_trader,
        kind_text,
        operator_address_line,
        operator_line,
    )

    trader = is_registered_trader(party.kind, party.legal_rep_title)

    def line(field: str, value: Any, beside: str | None = None) -> str:
        """`field: value`, or `field: value (beside)`; "" for no value."""
        if not value:
            return ""
        if beside:
            value = _("{name} ({kind})").format(name=value, kind=beside)
        label = party_field_label(field, trader)  # a 个体工商户's address: 经营场所
        return _("{field}: {value}").format(field=label, value=_shown(value))

    lines = [
        _("{name} ({kind})").format(
            name=party.name, kind=kind_text(party.kind, party.legal_rep_title)
        )
    ]
    lines.append(line("id_number", mask_id(party.id_number)))
    lines += [line(f, getattr(party, f, None)) for f in ("sex", "birth_date", "ethnicity")]
    if trader:
        lines.append(operator_line(party.kind, party.legal_rep, party.legal_rep_title))
        lines.append(operator_address_line(party.operator_address))
    else:
        lines.append(line("legal_rep", party.legal_rep, party.legal_rep_title))
    lines.append(line("address", party.address))
    lines.append(line("phone", mask_phone(party.phone)))
    lines.append(line("guardian", party.guardian, party.guardian_relation))
    lines.append(line("guardian_id_number", mask_id(party.guardian_id_number)))
    lines += [
        line(f, getattr(party, f, None)) for f in ("service_address", "backup_address", "email")
    ]
    return [text for text in lines if text]
