"""Issue #12: the intake's screens for hostile values, one rule per test."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlmodel import SQLModel

from mediate import safeyaml
from mediate.intake.validate import build_party, column_lengths
from mediate.intake.values import BadValue, parse_amount, screen_text, screen_tree
from mediate.store.tables import PartyRow


@pytest.mark.parametrize("value", ["9" * 30, 1e17, "1e17", float("nan"), float("inf"), "五万亿亿"])
def test_an_absurd_amount_is_a_bad_value_not_a_crash(value):
    with pytest.raises(BadValue):
        parse_amount(value)


def test_amounts_just_below_ten_trillion_are_taken():
    assert parse_amount("9999999999999.99") == Decimal("9999999999999.99")


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x7f", "\x9b", "\ud800", "\ufffe"])
def test_a_control_character_is_refused_naming_it(char):
    with pytest.raises(BadValue, match=f"U\\+{ord(char):04X}"):
        screen_text(f"张{char}三")


@pytest.mark.parametrize("brk", ["\r\n", "\r", "\x0b", "\x0c", "\u2028", "\x85"])
def test_every_kind_of_line_break_becomes_a_line_feed(brk):
    assert screen_text(f"借款{brk}未还") == "借款\n未还"


def test_tabs_and_line_feeds_are_text():
    assert screen_text("a\tb\nc") == "a\tb\nc"


def test_the_quote_before_a_would_be_formula_is_taken_off_for_the_errors_round_trip():
    assert [screen_text(t) for t in ("'=1+1", "'-5", "'Tis", "'")] == ["=1+1", "-5", "'Tis", "'"]


def test_nested_data_names_where_the_control_character_is():
    with pytest.raises(BadValue, match=r"orgs\[1\]\.name"):
        screen_tree({"orgs": [{"name": "a"}, {"name": "b\x00"}]})


def test_column_lengths_come_from_the_table_definitions():
    table = SQLModel.metadata.tables[PartyRow.__tablename__]
    assert column_lengths("parties")["name"] == table.c.name.type.length == 200


def test_a_name_longer_than_its_column_is_a_problem_of_that_field():
    party, problems = build_party({"role": "applicant", "name": "黄" * 201})
    assert party is None
    assert [p.field for p in problems] == ["name"]


def test_the_safe_loader_still_merges_and_keeps_ordinary_aliases():
    data = safeyaml.load("base: &b {x: 1}\nchild:\n  <<: *b\n  y: 2\nlist: [*b, *b]\n")
    assert data["child"] == {"x": 1, "y": 2} and data["list"] == [{"x": 1}, {"x": 1}]


def test_the_safe_loader_error_is_located():
    with pytest.raises(safeyaml.LimitError) as caught:
        safeyaml.load("a: 1\nb: " + "[" * 100 + "]" * 100)
    assert caught.value.problem_mark.line == 1
