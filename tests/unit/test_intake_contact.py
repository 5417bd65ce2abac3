"""`intake.contact.split_contact`: the one phone number in a 联系方式 cell, and the rest."""

import pytest

from mediate.intake.contact import Contact, reads_as_address, split_contact

SPLIT = {
    "河南省焦作市解放区民主南路1号 13800000000": ("13800000000", "河南省焦作市解放区民主南路1号"),
    "电话：0391-3561234，焦作市山阳区人民路100号": ("03913561234", "焦作市山阳区人民路100号"),
    "焦作市解放区民主南路１号\u3000１３８００００００００": (
        "13800000000",
        "焦作市解放区民主南路１号",
    ),
    "焦作市解放区（0391）3561234": ("03913561234", "焦作市解放区"),
    "焦作市解放区民主南路1号（13800000000）": ("13800000000", "焦作市解放区民主南路1号"),
    "Tel: +8613800000000 焦作市解放区": ("13800000000", "焦作市解放区"),
    "手机:13800000000": ("13800000000", ""),
    "其子13800000000": ("13800000000", "其子"),
}


@pytest.mark.parametrize("text", SPLIT, ids=range(len(SPLIT)))
def test_one_phone_number_and_the_rest_are_split(text):
    assert split_contact(text) == Contact(*SPLIT[text])


@pytest.mark.parametrize(
    "text",
    [
        "13800000000",  # a phone by itself: nothing to split
        "0391-3561234",
        "13800000000 13900000000",  # two phones: which one?
        "焦作市解放区民主南路1号",  # none
        "410802199001011232 焦作市",  # digits of an ID number are no phone
        "焦作市 138-0000 0000",  # groups split two ways: no one way of writing a mobile
        "焦作市 13٨-0000-0000",  # a digit of another script is no phone digit
        "'13800000000",  # a phone by itself behind Excel's text mark
        "焦作市\x0713800000000",  # a control character: refused as every cell is
    ],
)
def test_anything_else_is_left_to_the_phone_parser(text):
    assert split_contact(text) is None


def test_an_address_has_a_place_word():
    assert reads_as_address("河南省焦作市解放区民主南路1号")
    assert not reads_as_address("其子")


@pytest.mark.parametrize(
    "text",
    ["13800000000 13900000000", "0391-3561234；13900000000", "焦作市 13800000000、13900000000"],
)
def test_a_cell_with_two_phone_numbers_is_refused_as_holding_two(text):
    from mediate.i18n import in_language
    from mediate.intake.values import BadValue, parse_phone

    with in_language("zh_CN"), pytest.raises(BadValue) as refused:
        parse_phone(text)
    assert "含有 2 个电话号码" in str(refused.value)
    assert "不是有效的电话号码" not in str(refused.value)


@pytest.mark.parametrize("text", ["1380000", "焦作市解放区"])
def test_a_cell_with_no_phone_number_is_still_no_phone_number(text):
    from mediate.i18n import in_language
    from mediate.intake.values import BadValue, parse_phone

    with in_language("zh_CN"), pytest.raises(BadValue) as refused:
        parse_phone(text)
    assert "不是有效的电话号码" in str(refused.value)


@pytest.mark.parametrize(
    "text",
    [
        "焦作市 138-0000-0000",
        "焦作市 138 0000 0000",
        "焦作市 86-138-0000-0000",
        "焦作市 +86 138 0000 0000",
        "焦作市\u3000１３８－００００－００００",
    ],
)
def test_a_mobile_written_in_groups_in_a_contact_cell_is_the_phone(text):
    """`parse_phone` takes 138-0000-0000 and 138 0000 0000 by themselves; in a 联系方式
    cell they are the phone too, not 'no phone number' (review of 2026-12-02)."""
    from mediate.intake.values import parse_phone

    assert split_contact(text) == Contact("13800000000", "焦作市")
    assert parse_phone(text.removeprefix("焦作市").strip()) == "13800000000"


@pytest.mark.parametrize(
    "text",
    [
        "焦作市解放区民主南路1号 0391-3561234 转 8001",
        "焦作市解放区民主南路1号 0391-3561234转8001",
        "焦作市解放区民主南路1号 0391-3561234（分机8001）",
        "焦作市解放区民主南路1号 0391-3561234-8001",
        "焦作市解放区民主南路1号 0391-3561234 ext. 8001",
    ],
)
def test_an_extension_after_the_phone_is_handed_back_never_put_into_the_address(text):
    """A phone is stored without an extension (`parse_phone`): the extension is returned
    apart, for the import to say it was not stored."""
    assert split_contact(text) == Contact("03913561234", "焦作市解放区民主南路1号", "8001")


def test_an_excel_apostrophe_before_a_contact_cell_is_no_part_of_it():
    assert split_contact("'焦作市解放区民主南路1号 13800000000") == Contact(
        "13800000000", "焦作市解放区民主南路1号"
    )


def test_digits_after_a_landline_too_long_for_an_extension_are_not_stored_as_address():
    """`-1234567` after a landline is no extension (`-8001` is): it is handed back as not
    stored, never appended to the address (review of 2026-12-02)."""
    assert split_contact("焦作市民主路5号 0391-3561234-1234567") == Contact(
        "03913561234", "焦作市民主路5号", "", "-1234567"
    )


@pytest.mark.parametrize(
    "text", ["13800000013 转3号楼", "13800000013 转3栋", "13800000013 转2单元"]
)
def test_digits_after_zhuan_followed_by_a_place_word_are_address_not_extension(text):
    assert split_contact(text) == Contact("13800000013", text.split()[1])


@pytest.mark.parametrize("label", ["地址：", "住址:", "通讯地址：", "联系地址"])
def test_an_address_label_is_taken_off_the_address(label):
    assert split_contact(f"{label}焦作市民主路2号 电话：0391 3561234") == Contact(
        "03913561234", "焦作市民主路2号"
    )


def test_what_follows_the_phone_and_is_no_address_is_never_appended_to_the_address():
    """A contact person's name after the phone and its extension is handed back as not
    stored; the address before the phone is kept as written."""
    assert split_contact("焦作市D路4号 13800000006 转 8001 张经理") == Contact(
        "13800000006", "焦作市D路4号", "8001", "张经理"
    )


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("户籍地址：焦作市解放区民主路1号 13800000000", "焦作市解放区民主路1号"),
        ("13800000000 住址:焦作市民主路2号", "焦作市民主路2号"),
        ("电话：0391-3561234，联系地址：焦作市人民路100号", "焦作市人民路100号"),
        ("焦作市解放区户籍地址小区3号 13800000000", "焦作市解放区户籍地址小区3号"),
        ("焦作市新地址小区3号 13800000000", "焦作市新地址小区3号"),
        ("焦作市电话局家属院2号 13800000000", "焦作市电话局家属院2号"),
        ("电话局家属院2号 13800000000", "电话局家属院2号"),
    ],
)
def test_a_label_is_taken_off_at_the_start_never_from_inside_an_address(text, address):
    """地址, 户籍地址, 电话… are labels only where a label stands: before the address, or
    before the phone; inside an address (户籍地址小区, 电话局) they are the address
    (review of 2026-12-02: 户籍地址 became 户籍, 新地址小区 新 小区)."""
    assert split_contact(text) == Contact(
        "13800000000" if "138" in text else "03913561234", address
    )


@pytest.mark.parametrize(
    "text",
    [
        "焦作市民主路1号（13800000000 张经理）",
        "焦作市民主路1号 13800000000（张经理）",
        "焦作市民主路1号 (13800000000) 张经理",
        "焦作市民主路1号【13800000000 张经理)",
    ],
)
def test_a_name_not_stored_is_reported_without_the_brackets_the_phone_split(text):
    """The note names what was not stored as written, its brackets balanced: 张经理, never
    张经理） (review of 2026-12-02)."""
    assert split_contact(text) == Contact("13800000000", "焦作市民主路1号", "", "张经理")


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("（焦作市民主路1号 13800000000）", "焦作市民主路1号"),
        ("13800000000（焦作市民主路1号）", "焦作市民主路1号"),
        ("焦作市民主路1号（东院） 13800000000", "焦作市民主路1号（东院）"),
        ("（东院）焦作市（西院） 13800000000", "（东院）焦作市（西院）"),
    ],
)
def test_an_address_keeps_its_own_brackets_and_loses_those_around_the_phone(text, address):
    assert split_contact(text) == Contact("13800000000", address)
