from decimal import Decimal

from mediate.domain.model import mask_id, mask_phone, money


def test_identity_numbers_are_masked_but_recognisable():
    assert mask_id("41080219900101123X") == "4108**********123X"
    assert mask_id("91410800MA44XXXX1Y") == "9141**********XX1Y"
    assert mask_id(None) == ""
    assert mask_id("1234") == "1***"


def test_phone_numbers_are_masked():
    assert mask_phone("13800001234") == "138****1234"


def test_money_is_rounded_half_up_to_fen():
    assert money("52000.505") == Decimal("52000.51")
    assert money(3) == Decimal("3.00")
