"""Intake warns when a natural person is named by a 字号 (民诉法解释 (2022) art. 59: "有字号的，
以营业执照上登记的字号为当事人，但应同时注明该字号经营者的基本信息", read in LawRefBook/Laws at
2f4c5c2): `case new` (register_case) and `case edit` (edit_case) — the import reads the same
`intake_warnings` (tests/unit/test_labour_trade_name.py) — on SQLite and PostgreSQL."""

import datetime as dt

import pytest

from mediate.domain.model import CaseInput, Party, PartyKind, PartyRole
from mediate.i18n import in_language
from mediate.services.editing import Edit, PartyEdit, edit_case
from mediate.services.intake import register_case
from mediate.store.engine import make_engine
from mediate.store.uow import UnitOfWork

SHOP = "焦作市解放区老钱烧烤店"
WARNING = f"{SHOP}登记为自然人，但名称像是字号"


@pytest.fixture
def engine(desk_store):
    engine = make_engine(desk_store.url)
    yield engine
    engine.dispose()


def test_rule_case_new_warns_that_a_trade_name_is_recorded_as_a_sole_trader(initialised):
    case = CaseInput(
        "工资纠纷",
        [
            Party(PartyRole.APPLICANT, PartyKind.PERSON, "张三"),
            Party(PartyRole.RESPONDENT, PartyKind.PERSON, SHOP),
        ],
        location="410802003",
        received_on=dt.date(2026, 11, 20),
    )
    engine = make_engine(initialised.url)
    try:
        with in_language("zh_CN"), UnitOfWork(engine, "李书记员") as uow:
            _case_id, decision = register_case(uow, case)
            uow.commit()
    finally:
        engine.dispose()
    assert decision.rule == "labour"  # a 个体工商户 is an employer (劳动法 art. 2)
    assert any(w.startswith(WARNING) for w in decision.warnings)


def test_rule_case_edit_warns_on_a_party_renamed_or_added_as_a_trade_name(engine):
    with in_language("zh_CN"):
        with UnitOfWork(engine, "李书记员") as uow:
            result = edit_case(uow, 1, Edit(parties=[PartyEdit(2, {"name": SHOP})]))
            uow.commit()
        assert any(n.startswith(WARNING) for n in result.notices)
        with UnitOfWork(engine, "李书记员") as uow:
            recorded = PartyEdit(2, {"kind": "个体工商户", "id_number": ""})
            result = edit_case(uow, 1, Edit(parties=[recorded]))
            uow.commit()
        assert not any("字号" in n for n in result.notices)  # recorded as the kind says
        with UnitOfWork(engine, "李书记员") as uow:
            added = {"role": "respondent", "kind": "自然人", "name": "老王面馆"}
            result = edit_case(uow, 1, Edit(add=[added]))
            uow.commit()
        assert any(n.startswith("老王面馆登记为自然人") for n in result.notices)
