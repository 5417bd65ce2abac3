"""`mediator add --phone` reads a phone as a party's phone is read (the walk of
2026-12-02 found "abc" stored as a mediator's phone)."""

import json

import pytest

CENTRE = "jz-410802-county-center"


@pytest.mark.parametrize("phone", ["abc", "12345", "138000000001"])
def test_a_phone_that_is_no_phone_is_a_usage_error(cli, initialised, phone):
    db = ["--db", initialised.url]
    result = cli([*db, "mediator", "add", "--org", CENTRE, "--name", "甲", "--phone", phone])
    assert result.exit_code == 2, result.output
    assert "--phone" in result.stderr
    listed = json.loads(cli([*db, "--json", "mediator", "list"]).stdout)
    assert listed == []


def test_a_phone_typed_with_spaces_or_full_width_digits_is_stored_plainly(cli, initialised):
    db = ["--db", initialised.url]
    for name, phone in (("甲", "138 0000 0000"), ("乙", "１３８００００００００")):
        added = cli([*db, "mediator", "add", "--org", CENTRE, "--name", name, "--phone", phone])
        assert added.exit_code == 0, added.output
    listed = json.loads(cli([*db, "--json", "mediator", "list"]).stdout)
    assert [m["phone"] for m in listed] == ["138****0000", "138****0000"]


ZH = {"MEDIATE_LANG": "zh"}


def test_mediator_add_names_the_body_by_its_name(cli, initialised):
    db = ["--db", initialised.url]
    added = cli([*db, "mediator", "add", "--org", CENTRE, "--name", "甲"], env=ZH)
    assert added.exit_code == 0, added.output
    assert "所属焦作市解放区人民法院诉调对接中心" in added.stderr, added.stderr
    assert f"（{CENTRE}）" in added.stderr


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("人民", "people"),
        ("特邀", "invited"),
        ("律师", "lawyer"),
        ("专家", "expert"),
        ("仲裁", "arbitrator"),
        ("公证", "notary"),
    ],
)
def test_every_short_form_help_lists_is_taken(cli, initialised, word, code):
    db = ["--db", initialised.url]
    helped = cli(["mediator", "add", "--help"], env=ZH)
    assert word in helped.stdout.split("简称")[1].split("。")[0], helped.stdout
    added = cli([*db, "mediator", "add", "--org", CENTRE, "--name", "甲", "--type", word], env=ZH)
    assert added.exit_code == 0, added.output
    listed = json.loads(cli([*db, "--json", "mediator", "list"]).stdout)
    assert listed[0]["type"] == code
