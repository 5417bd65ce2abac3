"""The `case new` dialogue with a scripted clerk (the terminal itself: test_case_new_pty)."""

import datetime as dt
from decimal import Decimal

import pytest

from mediate.domain.model import PartyKind, PartyRole, Source
from mediate.errors import ValidationErrors
from mediate.intake.interview import Interview, case_from_options, parse_party_spec
from mediate.intake.values import BadValue

CAUSES = ["民间借贷纠纷", "金融借款合同纠纷", "买卖合同纠纷"]


class ScriptedClerk:
    def __init__(self, answers):
        self.answers = list(answers)
        self.said = []

    def ask(self, prompt, default=None):
        self.said.append(("ask", prompt.strip()))
        answer = self.answers.pop(0)
        return default if answer == "" and default is not None else answer

    def confirm(self, prompt, default=True):
        self.said.append(("confirm", prompt))
        answer = self.answers.pop(0)
        return default if answer == "" else answer == "y"

    def error(self, text):
        self.said.append(("error", text))

    def info(self, text):
        self.said.append(("info", text.strip()))

    def summary(self, pairs, title):
        self.said.append(("summary", title))
        self.pairs = pairs

    def complete_with(self, words):
        self.said.append(("complete", len(list(words))))


def errors(clerk):
    return [text for kind, text in clerk.said if kind == "error"]


def test_bad_option_values_are_asked_for_again_and_the_cause_is_picked_from_matches():
    answers = [
        *("借", "2"),  # cause: two matches, pick the second
        *("（2026）豫0802民诉前调9号", "焦作市解放区人民法院"),  # 委派: the court's number and name
        "2026-11-20",  # received on (the --received option was bad)
        "",  # location
        *("", "张伟", "410802198503121015", "", "", "", "", "", ""),  # a person: sex from the ID
        *("企业", "焦作市恒通商贸有限公司", "", "", "", "", "", "", ""),  # an enterprise
        *("n", "", "支付货款", "y"),  # no more parties, no facts, the claim, register
    ]
    clerk = ScriptedClerk(answers)
    values = {"amount": "5.2万元", "source": "委派", "received_on": "2026-13-01"}
    case = Interview(CAUSES, clerk).run(values, [])
    assert errors(clerk) == ["2026-13-01 is not a real date"]
    assert case.cause == "金融借款合同纠纷"
    assert (case.amount, case.source, case.received_on) == (
        Decimal("52000.00"),
        Source.COURT_DELEGATED,
        dt.date(2026, 11, 20),
    )
    assert [(p.name, p.kind, p.sex) for p in case.parties] == [
        ("张伟", PartyKind.PERSON, "男"),
        ("焦作市恒通商贸有限公司", PartyKind.ENTERPRISE, None),
    ]
    assert ("info", "1. 民间借贷纠纷") in clerk.said
    assert case.court_case_no == "（2026）豫0802民诉前调9号"
    assert case.claim == "支付货款"


def test_an_unknown_cause_is_kept_only_when_the_clerk_says_so():
    clerk = ScriptedClerk(["物业纠纷", "n", "物业纠纷", "y"])
    assert Interview(CAUSES, clerk).cause() == "物业纠纷"
    assert clerk.said[-1] == ("complete", 0)  # completion switched off afterwards


def test_party_specs_read_keys_and_a_bare_name():
    assert parse_party_spec("张伟,id=410802198503121015, phone = 138") == {
        "name": "张伟",
        "id_number": "410802198503121015",
        "phone": "138",
    }
    with pytest.raises(BadValue, match="unknown key colour"):
        parse_party_spec("name=张伟,colour=red")


def test_options_without_a_respondent_are_refused_with_the_option_named():
    with pytest.raises(ValidationErrors) as caught:
        case_from_options({"cause": "民间借贷纠纷"}, [("applicant", "张伟")])
    assert str(caught.value.errors[0]) == (
        "--applicant/--respondent: a dispute needs at least one respondent"
    )


def test_a_special_procedure_application_is_not_asked_for_a_respondent():
    # DOMAIN.md §4.1: 申请宣告失踪 and the like have no respondent.
    answers = [
        "",  # no amount
        *("", "张伟", "410802198503121015", "", "", "", "", "", ""),  # the applicant
        *("n", "", "", "y"),  # no more parties, no facts, no claim, register
    ]
    clerk = ScriptedClerk(answers)
    values = {"cause": "申请宣告自然人失踪", "source": "self_accepted", "received_on": "2026-11-20"}
    case = Interview(CAUSES, clerk).run({**values, "location": "410802"}, [])
    assert [p.role for p in case.parties] == [PartyRole.APPLICANT]


def test_a_control_character_typed_or_pasted_into_case_new_is_refused_naming_it():
    """Issue #12: the interview and its options go through the intake's one screen."""
    with pytest.raises(ValidationErrors) as caught:
        case_from_options(
            {"cause": "民间借贷纠纷"}, [("applicant", "张\x00伟"), ("respondent", "李四")]
        )
    assert "U+0000" in str(caught.value.errors[0])


def test_an_out_of_range_cause_number_is_asked_again_with_a_message():
    clerk = ScriptedClerk(["借", "7", "x", "1"])
    assert Interview(CAUSES, clerk).cause() == "民间借贷纠纷"
    assert errors(clerk) == [
        "7 is not on the list: give a number from 1 to 2.",
        "x is not on the list: give a number from 1 to 2.",
    ]


PERSON = ("", "张伟", "410802198503121015", "", "", "", "", "", "")  # kind … e-mail
ENTERPRISE = ("企业", "焦作市恒通商贸有限公司", "", "", "", "", "", "", "")


def test_no_at_the_end_goes_back_to_the_fields_and_keeps_the_rest():
    answers = [
        *("金融借款合同纠纷", "1000", "", "", "解放区"),  # cause, amount, source, received, place
        *PERSON,
        *ENTERPRISE,
        *("n", "案情", ""),  # no more parties; facts; no claim
        "n",  # not registered as it stands…
        "2",  # …change the amount
        "2000",
        "y",  # now register
    ]
    clerk = ScriptedClerk(answers)
    case = Interview(CAUSES, clerk).run({}, [])
    assert case.amount == Decimal("2000.00")
    assert case.location == "解放区" and case.facts == "案情"
    assert [p.name for p in case.parties] == ["张伟", "焦作市恒通商贸有限公司"]
    assert ("info", "What should be changed?") in clerk.said
    assert [kind for kind, _text in clerk.said].count("summary") == 2


def test_no_at_the_end_then_0_abandons_the_dispute():
    from mediate.errors import ValidationError

    answers = [
        *("金融借款合同纠纷", "", "", "", ""),
        *PERSON,
        *ENTERPRISE,
        *("n", "", ""),
        *("n", "0"),
    ]
    with pytest.raises(ValidationError, match="Not registered"):
        Interview(CAUSES, ScriptedClerk(answers)).run({}, [])


def test_a_party_can_be_asked_again_after_no():
    answers = [
        *("金融借款合同纠纷", "", "", "", ""),
        *PERSON,
        *ENTERPRISE,
        *("n", "", ""),
        *("n", "7"),  # 1-5 case fields (no court fields for 自行受理), 6-7 the parties
        *("企业", "焦作市恒达建材有限公司", "", "", "", "", "", "", ""),
        "y",
    ]
    case = Interview(CAUSES, ScriptedClerk(answers)).run({}, [])
    assert [p.name for p in case.parties] == ["张伟", "焦作市恒达建材有限公司"]


def test_a_bad_party_option_at_the_terminal_names_the_option_and_its_place():
    """The interview stops at a party option it cannot read, naming which one (the second
    --applicant), as `case new --no-input` does."""
    from mediate.errors import ValidationError
    from mediate.i18n import in_language

    specs = [("applicant", "姓名=张伟"), ("applicant", "姓名=王芳,颜色=红")]
    with in_language("en"), pytest.raises(ValidationError) as raised:
        Interview(CAUSES, ScriptedClerk([""] * 20)).run({"cause": "民间借贷纠纷"}, specs)
    assert raised.value.where == "--applicant 2"
    with in_language("zh_CN"), pytest.raises(ValidationError) as raised:
        Interview(CAUSES, ScriptedClerk([""] * 20)).run({"cause": "民间借贷纠纷"}, specs)
    assert raised.value.where == "--applicant 第2个申请人"


@pytest.mark.parametrize("name", ["张志行", "欧阳中心", "王金店"])
def test_rule_a_name_typed_under_the_person_key_stays_a_person(name):
    """The review of 2026-12-02: 姓名=张志行 is a person the clerk typed as one (domain/fields
    names 姓名 a person's key, 名称 an organisation's); a given name ending in 行, 店 or 中心
    is no 企业. A resident ID says a person too. Typed without a key, or under 名称, the name
    is still guessed (an ending of a shop's name); a name only an organisation bears stays
    one under 姓名."""
    specs = [
        ("applicant", "姓名=张三"),
        ("respondent", f"姓名={name}"),
        ("respondent", f"名称={name}"),
        ("respondent", name),
        ("respondent", f"{name}，证件号码=410802199001011232"),
        ("respondent", "姓名=焦作市甲有限公司"),
    ]
    case = case_from_options({"cause": "民间借贷纠纷"}, specs)
    kinds = [p.kind for p in case.parties[1:]]
    assert kinds == [
        PartyKind.PERSON,
        PartyKind.ENTERPRISE,
        PartyKind.ENTERPRISE,
        PartyKind.PERSON,
        PartyKind.ENTERPRISE,
    ]


SHOP = "焦作市解放区老钱烧烤店"
OPERATOR_ID = "410802198001010016"  # check digit as stdnum.cn.ric.calc_check_digit
SHOP_CODE = "91410802MA45HTM109"  # its check character computed (values._uscc_check)


OPERATOR_HOME = "河南省焦作市山阳区焦东路8号"  # the operator's 住所, not the shop's


def sole_trader_dialogue(*number):
    """A 买卖合同纠纷 whose respondent is typed as a 个体工商户 with `number` (each answer to
    the number's prompt, the last one taken), its operator 钱某."""
    return [
        *("买卖合同纠纷", "", "", "", ""),
        *PERSON,
        *("个体工商户", SHOP, *number, "钱某", OPERATOR_HOME, "焦作市解放区民主南路9号", ""),
        *("", "", ""),  # service, backup service, e-mail
        *("n", "", ""),
        "y",
    ]


@pytest.mark.parametrize(
    ("bad", "good", "said"),
    [
        ("410802198001010011", OPERATOR_ID, "wrong check digit in the ID number"),
        ("91410802MA45HTM10X", SHOP_CODE, "wrong check character in the credit code"),
    ],
)
def test_rule_art59_the_interview_asks_a_sole_trader_for_its_operator_and_either_number(
    bad, good, said
):
    """民诉法解释 (2022) art. 59: a 个体工商户 is the party under its 字号 "但应同时注明该字号
    经营者的基本信息" — the interview asks for its 经营者, never a 法定代表人 and its title,
    and takes its credit code or the operator's resident ID, each fully checked."""
    from mediate.i18n import in_language

    clerk = ScriptedClerk(sole_trader_dialogue(bad, good))
    with in_language("en"):
        case = Interview(CAUSES, clerk).run({}, [])
    shop = case.parties[1]
    assert (shop.name, shop.kind, shop.legal_rep, shop.legal_rep_title, shop.id_number) == (
        SHOP,
        PartyKind.ENTERPRISE,
        "钱某",
        "经营者",
        good,
    )
    asked = [text for kind, text in clerk.said if kind == "ask"]
    assert "Operator (经营者)" in asked
    # 市场主体登记管理条例 (2021) art. 8 para. 2(四): the operator's 住所 is its own
    assert (shop.operator_address, shop.address) == (OPERATOR_HOME, "焦作市解放区民主南路9号")
    assert not any("Legal representative" in a or "title" in a for a in asked), asked
    assert any(said in e for e in errors(clerk)), errors(clerk)
    assert any(str(v).startswith(f"{SHOP} (sole trader)") for _k, v in clerk.pairs), clerk.pairs


def test_the_summary_reads_in_the_clerks_words_with_every_value_typed():
    """Before 是否登记该纠纷？ the summary prints each code by its label as `case show` does
    (来源 自行受理, 申请人, 自然人), a place as name（code）, and what was typed for a
    个体工商户: its 经营者 and 经营者住所 (民诉法解释 art. 59; 市场主体登记管理条例 (2021)
    art. 8 para. 2(四)), not English codes."""
    from mediate.i18n import in_language

    answers = sole_trader_dialogue(OPERATOR_ID)
    answers[4] = "410802"  # where it arose, by its division code
    clerk = ScriptedClerk(answers)
    with in_language("zh_CN"):
        Interview(CAUSES, clerk).run({}, [])
    pairs = {key: str(value) for key, value in clerk.pairs}
    text = "\n".join(f"{k} {v}" for k, v in clerk.pairs)
    assert pairs["来源"] == "自行受理", text
    assert pairs["纠纷发生地"] == "焦作市解放区（410802）", text
    assert pairs["申请人"].startswith("张伟（自然人）"), text
    shop = pairs["被申请人"].split("\n")
    assert shop[0] == f"{SHOP}（个体工商户）", text
    assert "经营者：钱某" in shop and f"经营者住所：{OPERATOR_HOME}" in shop, text
    assert "经营场所：焦作市解放区民主南路9号" in shop, text  # its 经营场所 (art. 8 para. 2(四))
    for code in ("self_accepted", "applicant", "respondent", "person", "enterprise"):
        assert code not in text, text


def test_rule_art8_para2_4_the_interview_asks_a_sole_trader_for_its_place_of_business():
    """市场主体登记管理条例 (2021) art. 8 para. 2(四) registers "个体工商户的经营者姓名、住所、
    经营场所": the business's own address is its 经营场所 (as the papers print it), the 住所
    its operator's. The interview asked a 个体工商户 for its 注册地址 and the summary labelled
    it 住所; a natural person is still asked for its 住所."""
    from mediate.i18n import in_language

    answers = sole_trader_dialogue(OPERATOR_ID)
    clerk = ScriptedClerk(answers)
    with in_language("zh_CN"):
        case = Interview(CAUSES, clerk).run({}, [])
    asked = [text for kind, text in clerk.said if kind == "ask"]
    at = asked.index("经营场所")  # the shop's, after its operator's own 住所
    assert asked[at - 1] == "经营者住所" and "注册地址" not in asked, asked
    assert "住所" in asked[: asked.index("经营者住所")], asked  # the applicant, a person
    assert case.parties[1].address == "焦作市解放区民主南路9号"
    shop = dict(clerk.pairs)["被申请人"].split("\n")
    assert "经营场所：焦作市解放区民主南路9号" in shop and not any(
        line.startswith("住所") for line in shop
    ), shop
