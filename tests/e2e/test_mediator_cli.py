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


def _mediator_events(url):
    from sqlalchemy import text

    from mediate.store.engine import make_engine

    engine = make_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT action FROM events WHERE action LIKE 'mediator_%' ORDER BY id")
        ).all()
    engine.dispose()
    return [r[0] for r in rows]


def test_a_disabled_mediator_is_enabled_again_not_added_twice(cli, initialised):
    """Review of 2026-12-03: disable had no way back, and adding the name again made a
    second person at the body."""
    db = ["--db", initialised.url]
    add = [*db, "mediator", "add", "--org", CENTRE, "--name", "王芳"]
    mid = json.loads(cli([*add[:2], "--json", *add[2:]]).stdout)["id"]
    assert cli([*db, "mediator", "disable", str(mid)], env=ZH).exit_code == 0

    again = cli(add, env=ZH)
    assert again.exit_code == 1
    message = " ".join(again.stderr.split())
    assert "--name" in message and f"已有名为 王芳 的停用调解员（编号 {mid}）" in message
    assert f"mediate mediator enable {mid}" in message

    enabled = cli([*db, "mediator", "enable", str(mid)], env=ZH)
    assert enabled.exit_code == 0, enabled.output
    assert f"调解员 {mid}（王芳）已重新启用。" in enabled.stderr
    [row] = json.loads(cli([*db, "--json", "mediator", "list"]).stdout)
    assert (row["id"], row["active"]) == (mid, True)

    twice = cli([*db, "mediator", "enable", str(mid)], env=ZH)
    assert twice.exit_code == 1 and f"调解员 {mid} 已在岗" in twice.stderr
    assert cli(add, env=ZH).exit_code == 1  # still one person: active now
    missing = cli([*db, "mediator", "enable", "999"], env=ZH)
    assert missing.exit_code == 1
    assert _mediator_events(initialised.url) == [
        "mediator_add",
        "mediator_disable",
        "mediator_enable",
    ]


def test_mediator_enable_has_chinese_help():
    import os
    import subprocess
    import sys

    # a process of its own: a command's help is translated when its module is imported
    env = {**os.environ, "MEDIATE_LANG": "zh", "COLUMNS": "80"}
    helped = subprocess.run(
        [sys.executable, "-m", "mediate", "mediator", "enable", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert "重新启用已停用的调解员：可再接新案。" in helped.stdout
