"""A dispute as a file (DESIGN.md §3.1): YAML/JSON into CaseInput, errors with their line."""

import datetime as dt
from decimal import Decimal

import pytest

from mediate.domain.model import PartyKind, PartyRole, Source
from mediate.errors import ValidationError, ValidationErrors
from mediate.intake.dispute_file import parse_dispute

TODAY = dt.date(2026, 11, 25)

GOOD = """\
cause: 金融借款合同纠纷
amount: 52000.50
source: court_entrusted
court_case_no: （2026）豫0802民初1234号
referring_court: 焦作市解放区人民法院
received_on: 2026-11-02
location: "410802009"
tags: [bulk]
facts: 借款到期未还。
parties:
  - {role: applicant, kind: enterprise, name: 某银行焦作分行, id_number: 91410800MA44ABCD1K,
     industry: finance}
  - {role: respondent, kind: person, name: 张三, id_number: "410802199001011232",
     phone: "13800000000", address: 焦作市解放区民主南路1号}
"""


def test_a_good_dispute_file_becomes_a_case_input():
    case = parse_dispute(GOOD, "d.yaml", today=TODAY)
    assert case.cause == "金融借款合同纠纷"
    assert case.amount == Decimal("52000.50")
    assert case.source is Source.COURT_ENTRUSTED
    assert case.court_case_no == "（2026）豫0802民初1234号"
    assert case.received_on == dt.date(2026, 11, 2)
    assert case.location == "410802009"
    assert case.tags == ["bulk"]
    bank, person = case.parties
    assert (bank.role, bank.kind, bank.industry) == (
        PartyRole.APPLICANT,
        PartyKind.ENTERPRISE,
        "finance",
    )
    assert (person.sex, person.birth_date) == ("男", dt.date(1990, 1, 1))


def test_json_is_read_the_same_way():
    text = (
        '{"cause": "民间借贷纠纷", "amount": "5.2万元", "parties": ['
        '{"role": "applicant", "name": "李四"}, {"role": "respondent", "name": "王五"}]}'
    )
    case = parse_dispute(text, "d.json", today=TODAY)
    assert case.amount == Decimal("52000.00")
    assert case.source is Source.SELF_ACCEPTED
    assert case.received_on == TODAY


def test_every_problem_is_reported_with_its_line_and_column():
    text = GOOD.replace("tags: [bulk]", "colour: red").replace(
        '"410802199001011232"', '"410802199001011238"'
    )
    text = text.replace("amount: 52000.50", "amount: 五十块左右")
    with pytest.raises(ValidationErrors) as caught:
        parse_dispute(text, "d.yaml", today=TODAY)
    lines = [str(e) for e in caught.value.errors]
    assert lines[0].startswith("d.yaml:8:1: colour: unknown key")
    assert "d.yaml:13:59: parties[2].id_number: 4108**********1238: wrong check digit" in lines[1]
    assert lines[2] == "d.yaml:2:9: amount: '五十块左右' is not an amount of money"
    assert len(lines) == 3


def test_a_party_without_a_role_or_a_dispute_without_respondent_is_refused():
    text = "cause: 民间借贷纠纷\nparties:\n  - {role: applicant, name: 李四}\n"
    with pytest.raises(ValidationErrors, match="needs at least one respondent"):
        parse_dispute(text, "d.yaml", today=TODAY)
    text = "cause: 民间借贷纠纷\nparties:\n  - {name: 李四}\n  - {role: respondent, name: 王五}\n"
    with pytest.raises(
        ValidationErrors, match=r"d.yaml:3:5: parties\[1\].role: a party needs a role"
    ):
        parse_dispute(text, "d.yaml", today=TODAY)


def test_a_future_date_is_refused():
    with pytest.raises(ValidationErrors, match="2026-12-01 is in the future"):
        parse_dispute(GOOD.replace("2026-11-02", "2026-12-01"), "d.yaml", today=TODAY)


@pytest.mark.parametrize("day", ["1900-01-01", "1800-01-01"])
def test_a_date_received_more_than_ten_years_ago_is_refused_as_a_typo(day):
    """clock.RECEIVED_YEARS_BACK: 1900-01-01 would show a case overdue by 46,000 days."""
    with pytest.raises(ValidationErrors, match=f"{day} is more than 10 years ago"):
        parse_dispute(GOOD.replace("2026-11-02", day), "d.yaml", today=TODAY)


def test_a_date_received_ten_years_ago_to_the_day_is_still_taken():
    earliest = TODAY.replace(year=TODAY.year - 10)
    assert parse_dispute(GOOD.replace("2026-11-02", earliest.isoformat()), "d.yaml", today=TODAY)


def test_an_unquoted_date_that_is_no_real_day_is_said_as_when_quoted():
    """`received_on: 2026-02-30` unquoted is a YAML timestamp PyYAML cannot make: it was a
    bare _DateError (exit 3); it is now the field's own problem, at its place."""
    for written in ("2026-02-30", '"2026-02-30"'):
        with pytest.raises(ValidationErrors) as caught:
            parse_dispute(GOOD.replace("2026-11-02", written), "d2.yaml", today=TODAY)
        lines = [str(e) for e in caught.value.errors]
        assert lines == ["d2.yaml:6:14: received_on: 2026-02-30 is not a real date"]


def test_a_value_yaml_cannot_make_is_a_located_problem_said_once():
    text = GOOD.replace("金融借款合同纠纷", "!foo 金融借款合同纠纷").replace(
        "tags: [bulk]", "tags: [2026-02-30]"
    )
    with pytest.raises(ValidationErrors) as caught:
        parse_dispute(text, "d.yaml", today=TODAY)
    lines = [str(e) for e in caught.value.errors]
    assert lines[0] == "d.yaml:1:8: cause: a value cannot begin with “!” (put the text in quotes)"
    assert lines[1] == "d.yaml:8:7: tags: '2026-02-30' is not a real date or time"
    assert len(lines) == 2  # not "cause is required" as well


def test_broken_yaml_says_where():
    with pytest.raises(ValidationError) as caught:
        parse_dispute("a: b\n c: d\n", "d.yaml")
    assert str(caught.value) == (
        "d.yaml:2:3: a 'key: value' is not allowed here (check the indentation, or quote "
        "a text that holds ': ')"
    )


def test_broken_yaml_is_said_in_chinese_with_its_place():
    """PyYAML's English reached the clerk ("expected the node content, but found
    '<stream end>'"); its common phrases are catalog entries, any other is a generic
    Chinese "YAML 语法错误" with PyYAML's text as a technical detail."""
    from mediate.i18n import in_language

    with in_language("zh_CN"):
        with pytest.raises(ValidationError) as caught:
            parse_dispute("cause: [\n", "bad.yaml")
        assert str(caught.value) == "bad.yaml:2:1：此处缺少内容（遇到了文件结尾）"
        with pytest.raises(ValidationError) as caught:
            parse_dispute("%YAML 2.0\n---\na: 1\n", "bad.yaml")
        assert str(caught.value) == (
            "bad.yaml:1:1：文件要求的 YAML 版本不是 1（“%YAML”行）；请删掉这一行"
        )


def test_a_complex_key_is_said_in_chinese_with_its_place_not_as_a_node():
    """`? [1]` printed "[ScalarNode(tag=…, value='1')]：未知的键": the key node's repr. Now
    safeyaml's words for PyYAML's "found unhashable key", at the key, in a party too."""
    from mediate.i18n import in_language

    text = """\
cause: 买卖合同纠纷
? [1]
: 2
parties:
  - {role: applicant, name: 张三}
  - role: respondent
    name: 李四
    ? {a: 1}
    : 3
"""
    with in_language("zh_CN"), pytest.raises(ValidationErrors) as caught:
        parse_dispute(text, "d.yaml", today=TODAY)
    lines = [str(e) for e in caught.value.errors]
    assert lines == ["d.yaml:2:3：键不能是列表或映射", "d.yaml:8:7：parties[2]：键不能是列表或映射"]


def test_the_subject_matter_location_is_a_field_of_its_own():
    """CPL 2023 art. 205(2): where the subject matter is, apart from where it arose."""
    text = GOOD.replace(
        'location: "410802009"\n', 'location: "410802009"\nsubject_matter_location: 温县温泉街道\n'
    )
    case = parse_dispute(text, "d.yaml", today=TODAY)
    assert (case.location, case.subject_matter_location) == ("410802009", "温县温泉街道")
    assert parse_dispute(GOOD, "d.yaml", today=TODAY).subject_matter_location is None


TRADER = """\
cause: 买卖合同纠纷
parties:
  - {role: applicant, name: 张三}
  - role: respondent
    kind: {kind}
    name: 焦作市解放区老钱烧烤店
    legal_rep: 钱某
    legal_rep_title: {title}
"""


@pytest.mark.parametrize("kind", ["企业", "enterprise", "事业单位", "自然人"])
def test_rule_art59_a_non_sole_trader_kind_with_an_operator_title_is_refused_at_its_line(kind):
    """民诉法解释 (2022) art. 59: only a 个体工商户 has a 经营者; the kind stated wins, as
    import and `case new` refuse it (validate.representative_refusal) — it was stored as a
    个体工商户 (the review of 2026-12-03)."""
    text = TRADER.replace("{kind}", kind).replace("{title}", "经营者")
    with pytest.raises(ValidationErrors) as caught:
        parse_dispute(text, "d.yaml", today=TODAY)
    lines = [str(e) for e in caught.value.errors]
    assert lines == [
        f"d.yaml:8:22: parties[2].legal_rep_title: kind says {kind}, but only a sole trader "
        "(个体工商户) has an operator: write 个体工商户 in kind, or the name under legal_rep "
        "(legal_rep_title: 法定代表人)"
    ]


@pytest.mark.parametrize("title", ["法定代表人", "负责人"])
def test_rule_art51_a_sole_trader_with_a_legal_representatives_title_is_refused_at_its_line(
    title,
):
    """民事诉讼法 art. 51 names an organisation's 法定代表人 or 负责人; a 个体工商户 has its 经营者
    (民诉法解释 (2022) art. 59): it was stored as a company with a 法定代表人."""
    text = TRADER.replace("{kind}", "个体工商户").replace("{title}", title)
    from mediate.i18n import in_language

    with in_language("zh_CN"), pytest.raises(ValidationErrors) as caught:
        parse_dispute(text, "d.yaml", today=TODAY)
    lines = [str(e) for e in caught.value.errors]
    assert len(lines) == 1, lines
    assert lines[0].startswith("d.yaml:8:22：parties[2].legal_rep_title：kind为个体工商户："), lines
    assert lines[0].endswith("请将姓名填在legal_rep（legal_rep_title: 经营者）下"), lines


def test_rule_art59_a_sole_trader_or_a_company_agreeing_with_its_title_is_taken():
    for kind, title in (("个体工商户", "经营者"), ("企业", "法定代表人"), ("企业", "执行董事")):
        case = parse_dispute(
            TRADER.replace("{kind}", kind).replace("{title}", title), "d.yaml", today=TODAY
        )
        shop = case.parties[1]
        assert (shop.kind, shop.legal_rep_title) == (PartyKind.ENTERPRISE, title)
    case = parse_dispute(TRADER.replace("    kind: {kind}\n", "").replace("{title}", "经营者"))
    assert case.parties[1].legal_rep_title == "经营者"  # no kind stated: the title says it
