"""The papers' party block for a 个体工商户 (民诉法解释 (2022) art. 59, read in LawRefBook/Laws
at 2f4c5c2: "有字号的，以营业执照上登记的字号为当事人，但应同时注明该字号经营者的基本信息"): the
字号 is the party, the 经营者 is named beside it with the ID number recorded — the operator's
resident ID, labelled as such, or the 个体工商户's credit code."""

from __future__ import annotations

import zipfile

import docx
import pytest

from mediate.documents.context import _papers, build_context, party_context
from mediate.documents.kinds import KINDS
from mediate.documents.render import render_batch
from mediate.domain.parties import holds_operator_id
from mediate.resources import templates_dir
from tests.golden import samples

SHOP = "焦作市解放区老钱烧烤店"
OPERATOR_ID = "410802198001010016"


def sole_trader(id_number: str = OPERATOR_ID):
    return samples.company(
        1, "respondent", name=SHOP, id_number=id_number, legal_rep="钱某", legal_rep_title="经营者"
    )


def test_rule_art59_the_party_block_names_the_trade_name_and_its_operator(tmp_path):
    records = samples.enterprise_person()
    records.parties[1] = sole_trader()
    context = build_context(KINDS["application"], records, samples.TODAY)
    (path,) = render_batch("application", [context], tmp_path, workers=1)
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    # 司法确认: both apply; a 个体工商户's address is its 经营场所 (市场主体登记管理条例 art. 8
    # para. 2(四)) and its operator's ID is on the operator's line (民诉法解释 art. 59)
    assert f"申请人：{SHOP}，经营场所" in text
    assert f"经营者：钱某，公民身份号码：{OPERATOR_ID}。" in text
    assert "经营者公民身份号码" not in text
    assert f"统一社会信用代码：{OPERATOR_ID}" not in text  # never an ID as a credit code


@pytest.mark.parametrize(
    ("id_number", "label"),
    [(OPERATOR_ID, "经营者公民身份号码"), ("92410802MA44XXXX1Y", "统一社会信用代码")],
)
def test_rule_art59_a_sole_traders_number_is_labelled_as_what_it_is(id_number, label):
    shop = party_context(sole_trader(id_number))
    assert (shop["id_label"], shop["rep_title"], shop["rep_position"]) == (label, "经营者", "")
    assert "经营者本人的居民身份证" in _papers(shop)


def test_a_company_keeps_its_credit_code_and_legal_representative():
    company = party_context(samples.company())
    assert (company["id_label"], company["rep_title"]) == ("统一社会信用代码", "法定代表人")


@pytest.mark.parametrize("name", ["agreement", "application", "registration"])
def test_rule_art59_the_entity_block_of_each_form_prints_the_numbers_label(name):
    with zipfile.ZipFile(templates_dir() / f"{name}.docx") as z:
        xml = z.read("word/document.xml").decode()
    assert "{{ p.id_label }}：{{ p.id_number" in xml


@pytest.mark.parametrize(
    ("kind", "title", "number", "operators"),
    [
        ("enterprise", "经营者", OPERATOR_ID, True),
        ("enterprise", "经营者", "92410802MA44XXXX1Y", False),  # its credit code
        ("enterprise", "总经理", OPERATOR_ID, False),  # a company: never an operator's ID
        ("person", "经营者", OPERATOR_ID, False),
    ],
)
def test_rule_art59_only_a_sole_traders_resident_id_is_its_operators(
    kind, title, number, operators
):
    # what confirmation reads as a place: an ID's issuing place, not a registrar's division
    assert holds_operator_id(kind, title, number) is operators


def test_rule_art59_a_title_set_to_or_from_its_operator_is_read_as_a_change_of_kind(
    monkeypatch,
):
    """domain/parties.trader_flips, the one fold case edit's table, its event and case
    history read: a title to or from 经营者 is a 个体工商户 made or unmade (its kind the
    stored one unless it has a change of its own); any other title is a title."""
    from mediate.domain.parties import trader_flips

    monkeypatch.setenv("MEDIATE_LANG", "zh")
    changes = [
        (2, "legal_rep_title", None, "经营者"),  # an enterprise becomes a 个体工商户
        (3, "kind", "enterprise", "person"),
        (3, "legal_rep_title", "经营者", None),  # a 个体工商户 becomes a person
        (4, "legal_rep_title", "董事长", "总经理"),  # a company's new title: no kind
    ]
    flips = trader_flips(changes, {2: "enterprise", 3: "enterprise", 4: "enterprise"})
    assert sorted(flips) == [2, 3]
    assert (flips[2].kind_changed, flips[2].labels()) == (False, ("企业", "个体工商户"))
    assert (flips[3].kind_changed, flips[3].labels()) == (True, ("个体工商户", "自然人"))
