"""KEY=VALUE as a Chinese keyboard types it (intake/pairs): review of 2026-12-02, where
`姓名=张三，电话=…` saved the name `张三，电话=…` and `姓名：张三` the name `姓名：张三`."""

import pytest

from mediate.intake.interview import parse_party_spec
from mediate.intake.values import BadValue


@pytest.mark.parametrize(
    "spec",
    [
        "name=张三,phone=13800001111",
        "姓名=张三，电话=13800001111",
        "姓名＝张三，电话＝13800001111",
        "姓名：张三，电话：13800001111",
        "姓名:张三, 电话: 13800001111",
        "姓名=张三、电话=13800001111",
    ],
)
def test_pairs_and_signs_of_either_keyboard(spec):
    assert parse_party_spec(spec) == {"name": "张三", "phone": "13800001111"}


def test_a_bare_name_stays_a_name_and_a_list_inside_a_value_stays_whole():
    assert parse_party_spec("张三") == {"name": "张三"}
    assert parse_party_spec("姓名：张三") == {"name": "张三"}
    assert parse_party_spec("name=张三,address=焦作市解放区、民主路8号") == {
        "name": "张三",
        "address": "焦作市解放区、民主路8号",
    }
    assert parse_party_spec("焦作市某某有限公司") == {"name": "焦作市某某有限公司"}


@pytest.mark.parametrize(
    ("spec", "part"),
    [("姓名=张三 电话=13800001111", "电话=13800001111"), ("张三 电话：138", "电话：138")],
)
def test_a_name_still_holding_another_field_is_refused_naming_it(spec, part):
    with pytest.raises(BadValue, match=part):
        parse_party_spec(spec)


def test_a_party_spec_echoes_no_control_character():
    """What the clerk typed is repeated with its control characters escaped (final read)."""
    import pytest

    from mediate.intake.interview import BadValue, parse_party_spec

    for spec in ("姓名=张三,\x1b[2J", "\x1b[2J=x"):
        with pytest.raises(BadValue) as caught:
            parse_party_spec(spec)
        assert "\x1b" not in str(caught.value)
