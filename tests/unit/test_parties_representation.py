"""Who speaks for a party: 法定代理人 (民法典 arts. 17, 23), 负责人 of a branch (民法典 art. 74)."""

from __future__ import annotations

import datetime as dt

from mediate.domain.model import PartyKind, PartyRole
from mediate.domain.parties import guardian_warnings, is_minor, representative_title
from mediate.intake.validate import build_party

ON = dt.date(2026, 11, 2)


def test_a_person_is_a_minor_until_the_eighteenth_birthday_civil_code_art_17():
    assert is_minor(dt.date(2008, 11, 3), ON)
    assert not is_minor(dt.date(2008, 11, 2), ON)
    assert is_minor(dt.date(2008, 2, 29), dt.date(2026, 2, 28))
    assert not is_minor(dt.date(2008, 2, 29), dt.date(2026, 3, 1))
    assert not is_minor(None, ON)


def test_a_minor_without_a_guardian_is_warned_about_at_intake():
    minor, problems = build_party(
        {"role": "applicant", "name": "小明", "id_number": "410802201001011232"}
    )
    assert problems == [] and minor is not None
    assert len(guardian_warnings([minor], ON)) == 1
    guarded, problems = build_party(
        {
            "role": "applicant",
            "name": "小明",
            "id_number": "410802201001011232",
            "guardian": "张三",
            "guardian_relation": "父子",
            "guardian_id_number": "410802198001011238",
        }
    )
    assert problems == [] and guarded is not None
    assert guarded.guardian == "张三" and guarded.guardian_relation == "父子"
    assert guardian_warnings([guarded], ON) == []


def test_only_a_natural_person_has_a_guardian():
    _party, problems = build_party(
        {
            "role": PartyRole.RESPONDENT,
            "kind": PartyKind.ENTERPRISE,
            "name": "某公司",
            "guardian": "张三",
        }
    )
    assert [p.field for p in problems] == ["guardian"]


def test_a_branch_is_represented_by_its_principal_not_a_legal_representative():
    assert representative_title("中国某银行股份有限公司焦作分行", None) == "负责人"
    assert representative_title("某财产保险股份有限公司焦作中心支公司", "经理") == "负责人"
    assert representative_title("焦作市某某商贸有限公司分公司", None) == "负责人"
    assert representative_title("焦作市某某商贸有限公司", "总经理") == "法定代表人"
    assert representative_title("焦作市某某合伙企业", "负责人") == "负责人"
