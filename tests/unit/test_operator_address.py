"""A 个体工商户's 经营者's own 住所 (`operator_address`), apart from the business's registered
住所 (`address`): 市场主体登记管理条例 (2021) art. 8 para. 2(四) (read in LawRefBook/Laws at
6ef77b0) registers "个体工商户的经营者姓名、住所、经营场所"; 民诉法解释 (2022) art. 59 names
the 字号 as the party "但应同时注明该字号经营者的基本信息". Each way in (dispute file, import
row, field names), the history label and the papers' party block."""

from __future__ import annotations

import datetime as dt

import docx
import pytest

from mediate.documents.context import build_context, party_context
from mediate.documents.kinds import KINDS
from mediate.documents.render import render_batch
from mediate.errors import ValidationErrors
from mediate.i18n import in_language
from mediate.intake.columns import build_column_map
from mediate.intake.dispute_file import parse_dispute
from mediate.intake.rows import RowDefaults, full_row, read_row
from tests.golden import samples

SHOP = "焦作市解放区老钱烧烤店"
OPERATOR_ID = "410802198001010016"
SHOP_AT = "焦作市解放区民主南路9号"
HOME = "焦作市山阳区焦东路8号"
TODAY = dt.date(2026, 11, 25)

DISPUTE = f"""\
cause: 买卖合同纠纷
parties:
  - {{role: applicant, name: 张三}}
  - {{role: respondent, kind: 个体工商户, name: {SHOP}, id_number: "{OPERATOR_ID}",
     legal_rep: 钱某, address: {SHOP_AT}, operator_address: {HOME}}}
"""


def test_rule_art8_a_dispute_file_takes_the_operators_domicile_apart_from_the_shops():
    shop = parse_dispute(DISPUTE, "d.yaml", today=TODAY).parties[1]
    assert (shop.address, shop.operator_address, shop.legal_rep_title) == (SHOP_AT, HOME, "经营者")


def test_rule_art8_a_dispute_file_refuses_an_operators_domicile_on_a_company():
    text = DISPUTE.replace("kind: 个体工商户", "kind: enterprise").replace(OPERATOR_ID, "")
    text = text.replace('id_number: "",', "")
    with in_language("en"), pytest.raises(ValidationErrors) as caught:
        parse_dispute(text, "d.yaml", today=TODAY)
    said = [str(e) for e in caught.value.errors]
    assert any("operator_address" in e and "only a sole trader" in e for e in said), said


HEADER = ["案由", "申请人", "被申请人", "被申请人类型", "被申请人证件号", "被申请人住所"]
ROW = ["买卖合同纠纷", "张三", SHOP, "个体工商户", OPERATOR_ID, SHOP_AT]


@pytest.mark.parametrize("header", ["被申请人经营者住所", "被告经营者住址"])
def test_rule_art8_an_import_row_takes_the_operators_domicile_column(header):
    columns = build_column_map(1, [*HEADER, header])
    assert columns.index["respondent_operator_address"] == len(HEADER)
    case = read_row(2, [*ROW, HOME], columns, RowDefaults(today=TODAY)).case
    assert case is not None
    assert (case.parties[1].address, case.parties[1].operator_address) == (SHOP_AT, HOME)


def test_rule_art8_para2_4_an_import_column_headed_place_of_business_is_the_address():
    """A sheet may head a 个体工商户's address as `case show` labels it, 经营场所: a column
    of its own (no 住所 beside it here), read as the address."""
    columns = build_column_map(1, [*HEADER[:-1], "被申请人经营场所", "被申请人经营者住所"])
    assert columns.index["respondent_business_address"] == len(HEADER) - 1
    assert "respondent_address" not in columns.index and not columns.ignored
    case = read_row(2, [*ROW, HOME], columns, RowDefaults(today=TODAY)).case
    assert case is not None
    assert (case.parties[1].address, case.parties[1].operator_address) == (SHOP_AT, HOME)


def test_rule_art8_the_lean_path_leaves_an_operators_domicile_to_the_full_checks():
    """A row whose kind is no 个体工商户 but that gives an operator's domicile is refused,
    on the lean path as on the full one (the lean path never drops the cell)."""
    columns = build_column_map(1, [*HEADER, "被申请人经营者住所"])
    cells = ["买卖合同纠纷", "张三", "焦作市某某有限公司", "企业", "", SHOP_AT, HOME]
    for read in (read_row, full_row):
        result = read(2, list(cells), columns, RowDefaults(today=TODAY))
        assert result.case is None
        assert [p.field for p in result.problems] == ["被申请人经营者住所"], result.problems


@pytest.mark.parametrize("header", ["被申请人经营者", "被告经营者姓名", "被申请方经营者"])
def test_rule_art59_an_import_row_takes_the_operators_name_as_case_new_stores_it(header):
    """民诉法解释 (2022) art. 59: a 个体工商户's 经营者 column (every role word, as 经营者住所)
    is the representative titled 经营者, on the lean path as on the full one."""
    columns = build_column_map(1, [*HEADER, header])
    assert columns.index["respondent_operator"] == len(HEADER)
    for read in (read_row, full_row):
        case = read(2, [*ROW, "钱某"], columns, RowDefaults(today=TODAY)).case
        assert case is not None
        shop = case.parties[1]
        assert (shop.legal_rep, shop.legal_rep_title) == ("钱某", "经营者"), read


def test_rule_art59_an_operator_column_on_a_person_names_its_column():
    columns = build_column_map(1, [*HEADER, "被申请人经营者"])
    cells = ["买卖合同纠纷", "张三", "李四", "自然人", "", SHOP_AT, "钱某"]
    for read in (read_row, full_row):
        result = read(2, list(cells), columns, RowDefaults(today=TODAY))
        assert result.case is None
        assert [p.field for p in result.problems] == ["被申请人经营者"], result.problems


def test_rule_art8_the_field_is_named_in_chinese_in_case_edit_and_history():
    from mediate.domain import events
    from mediate.domain.fields import field_names

    assert "经营者住所" in field_names("operator_address")
    with in_language("zh_CN"):
        assert events.field_label("parties[2].operator_address") == "当事人2 经营者住所"


def test_rule_art8_para2_4_a_sole_traders_address_is_named_its_place_of_business():
    """The business's own address is its 经营场所 (art. 8 para. 2(四)): the label printed
    for a 个体工商户's address, in either language, names the field as 住所 does, and
    history labels the address of a party its event shows as a 个体工商户 so."""
    from mediate.domain import events
    from mediate.domain.fields import PARTY_EDITABLE, parse_field, party_field_label

    for typed in ("经营场所", "place of business", "住所"):
        assert parse_field(typed, PARTY_EDITABLE) == "address", typed
    with in_language("zh_CN"):
        assert party_field_label("address", trader=True) == "经营场所"
        assert party_field_label("address", trader=False) == "住所"
        assert events.field_label("parties[2].address", traders={2}) == "当事人2 经营场所"
        assert events.field_label("parties[1].address", traders={2}) == "当事人1 住所"
        shop = {"parties[2].kind": "enterprise", "parties[2].legal_rep_title": "经营者"}
        side = events.describe({**shop, "parties[2].address": SHOP_AT})
        assert side == f"当事人2 类型：个体工商户；当事人2 经营场所：{SHOP_AT}"
        company = events.describe({"parties[2].kind": "enterprise", "parties[2].address": SHOP_AT})
        assert company.endswith(f"当事人2 住所：{SHOP_AT}")


def sole_trader(**kw):
    values = dict(name=SHOP, id_number=OPERATOR_ID, legal_rep="钱某", legal_rep_title="经营者")
    return samples.company(1, "respondent", **(values | kw))


@pytest.mark.parametrize("name", ["application", "registration", "agreement"])
def test_rule_art8_the_party_block_prints_the_operators_domicile_beside_the_operator(
    tmp_path, name
):
    records = samples.enterprise_person()
    records.parties[1] = sole_trader(operator_address=HOME)
    context = build_context(KINDS[name], records, samples.TODAY)
    (path,) = render_batch(name, [context], tmp_path, workers=1)
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert f"经营者：钱某，住{HOME}，公民身份号码：{OPERATOR_ID}。" in text, text


def paper_text(tmp_path, name, party):
    records = samples.enterprise_person()
    records.parties[1] = party
    context = build_context(KINDS[name], records, samples.TODAY)
    (path,) = render_batch(name, [context], tmp_path, workers=1)
    return [p.text for p in docx.Document(str(path)).paragraphs]


@pytest.mark.parametrize("name", ["application", "registration", "agreement"])
def test_rule_art59_art8_a_sole_traders_line_names_its_premises_and_its_operators_id(
    tmp_path, name
):
    """市场主体登记管理条例 (2021) art. 8 para. 2(四) registers a 个体工商户's "经营者姓名、
    住所、经营场所": the 字号's address is its 经营场所, not a 住所地; 民诉法解释 (2022) art.
    59 notes the 经营者's particulars beside the 字号, so a resident ID (the operator's) is
    on the operator's line, the 字号's line carrying none (a form leaves its credit code
    blank to fill in)."""
    lines = paper_text(tmp_path, name, sole_trader(operator_address=HOME))
    (shop,) = [line for line in lines if f"：{SHOP}，" in line]
    assert "经营场所" in shop, shop
    assert "住所地" not in shop and OPERATOR_ID not in shop, shop
    assert not any("经营者公民身份号码" in line for line in lines), lines
    (operator,) = [line for line in lines if line.startswith("经营者：钱某")]
    assert operator.endswith(f"公民身份号码：{OPERATOR_ID}。"), operator


@pytest.mark.parametrize("name", ["application", "registration"])
def test_rule_art59_a_sole_trader_by_its_credit_code_keeps_it_on_the_shops_line(tmp_path, name):
    code = "91410802MA45HTM109"
    lines = paper_text(tmp_path, name, sole_trader(id_number=code))
    (shop,) = [line for line in lines if f"：{SHOP}，" in line]
    assert f"统一社会信用代码：{code}" in shop and "经营场所" in shop, shop
    (operator,) = [line for line in lines if line.startswith("经营者：钱某")]
    assert "公民身份号码" not in operator, operator
    company = paper_text(tmp_path / "c", name, samples.company(1, "respondent"))
    assert any("住所地" in line for line in company), company


def test_an_old_record_without_the_column_and_a_company_print_as_before():
    assert party_context(sole_trader())["operator_address"] == ""  # recorded before 0018
    # a company's stale value is never printed beside its 法定代表人
    assert party_context(samples.company(operator_address=HOME))["operator_address"] == ""


def test_rule_art8_para2_4_an_import_update_event_without_the_partys_kind_still_reads():
    """`import --update` records a party's change by its name (services/reimport); since
    it records a 个体工商户's kind and title beside its changed address (as `case edit`
    does), history labels that address 经营场所 (art. 8 para. 2(四)). An event recorded
    before — the address alone — still reads, as the 住所 it was recorded as."""
    from mediate.domain import events

    shop = {f"{SHOP}.kind": "enterprise", f"{SHOP}.legal_rep_title": "经营者"}
    with in_language("zh_CN"):
        assert events.describe({f"{SHOP}.address": SHOP_AT}) == f"{SHOP}的住所：{SHOP_AT}"
        assert events.field_label(f"{SHOP}.address") == f"{SHOP}的住所"
        now = events.describe({**shop, f"{SHOP}.address": SHOP_AT})
        assert now == f"{SHOP}的类型：个体工商户；{SHOP}的经营场所：{SHOP_AT}"
        assert events.field_label(f"{SHOP}.address", traders={SHOP}) == f"{SHOP}的经营场所"
        person = events.describe({"张三.address": HOME, **shop})
        assert person.startswith(f"张三的住所：{HOME}；"), person


def test_rule_art8_para2_4_a_sole_traders_kind_beside_its_address_is_context_not_a_change():
    """art. 8 para. 2(四): history labels a 个体工商户's address 经营场所 when its event says
    the party is one. The kind and title that say so are context (events.CONTEXT), not a
    change: an event storing them alike on both sides (as on 3 Dec 2026) splits them out,
    and describe reads them without showing a 类型. A kind beside a title turned to 经营者 is
    the change of 类型 and stays; an event without them still reads 住所."""
    from mediate.domain import events

    shop = {"parties[2].kind": "enterprise", "parties[2].legal_rep_title": "经营者"}
    old, new, context = events.split_context(
        {**shop, "parties[2].address": SHOP_AT}, {**shop, "parties[2].address": HOME}
    )
    assert (old, new, context) == (
        {"parties[2].address": SHOP_AT},
        {"parties[2].address": HOME},
        shop,
    )
    stored = events.split_context(
        {"parties[2].address": SHOP_AT}, {"parties[2].address": HOME, events.CONTEXT: shop}
    )
    assert stored == (old, new, context)
    flip = {"parties[2].kind": "enterprise", "parties[2].legal_rep_title": "法定代表人"}
    turned = {**flip, "parties[2].legal_rep_title": "经营者"}
    assert events.split_context(flip, turned) == (flip, turned, None)
    assert events.split_context(None, {"status": "routed"}) == (None, {"status": "routed"}, None)
    with in_language("zh_CN"):
        assert events.describe(new, context=context) == f"当事人2 经营场所：{HOME}"
        assert events.describe(new) == f"当事人2 住所：{HOME}"
        assert events.describe(turned).startswith("当事人2 类型：个体工商户")
