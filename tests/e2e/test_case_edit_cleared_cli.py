"""A field `case edit` empties reads 清空 (review of 2026-12-03, as a clerk at MEDIATE_LANG=zh
COLUMNS=80): `--set 电话= ` (only spaces) cleared the phone as `电话=` does, and the change
table and the history showed an empty cell after, as if nothing had been written."""

import json

import pytest
from rich.cells import cell_len

from mediate import console
from mediate.commands import case_desk
from mediate.domain.events import describe
from mediate.i18n import in_language

ZH = {"MEDIATE_LANG": "zh", "COLUMNS": "80"}
PHONE = "138****5678"  # 13812345678 masked, as every screen shows it


def run(cli, db, *args):
    return cli(["--db", db, "--clerk", "李书记员", *args], env=ZH)


def flat(text):
    return "".join(text.split())


@pytest.fixture
def case(cli, initialised):
    """A case (1) whose applicant has a phone and whose facts and tags are written."""
    db = initialised.url
    created = run(
        cli, db, "--no-input", "case", "new", "--cause", "追索劳动报酬纠纷",
        "--location", "410802", "--received", "2026-11-20",
        "--applicant", "姓名=张三，电话=13812345678", "--respondent", "名称=某公司",
        "--facts", "拖欠工资",
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    tagged = run(cli, db, "case", "edit", "1", "-y", "--set", "标签=加急")
    assert tagged.exit_code == 0, tagged.output
    console.reset(width=80)  # the suite's console is 200 wide; the conftest resets it after
    return db


@pytest.mark.parametrize(
    ("args", "row", "field"),
    [
        (["--party", "1", "--set", "电话="], f"│1│电话│{PHONE}│", "当事人1电话"),
        (["--party", "1", "--set", "电话= "], f"│1│电话│{PHONE}│", "当事人1电话"),
        (["--set", "案情简介=  "], "││案情简介│拖欠工资│", "案情简介"),
        (["--set", "标签="], "││标签│加急│", "标签"),
    ],
    ids=["phone-empty", "phone-spaces", "facts-spaces", "tags-empty"],
)
def test_a_field_set_to_nothing_or_spaces_reads_cleared_in_the_table_and_history(
    cli, case, args, row, field
):
    edited = run(cli, case, "case", "edit", "1", "-y", *args)
    assert edited.exit_code == 0, edited.output
    assert all(cell_len(line) <= 80 for line in edited.stdout.splitlines()), edited.stdout
    assert f"{row}（清空）│" in flat(edited.stdout), edited.stdout
    history = run(cli, case, "case", "history", "1")
    assert f"{field}：（清空）" in flat(history.stdout), history.stdout
    stored = json.loads(run(cli, case, "--json", "case", "history", "1").stdout)[-1]
    assert list(stored["after"].values()) in ([None], [[]]), stored  # as `电话=` clears


def test_a_field_written_reads_its_value_not_cleared(cli, case):
    edited = run(cli, case, "case", "edit", "1", "-y", "--party", "1", "--set", "电话=13900001111")
    assert edited.exit_code == 0, edited.output
    assert "│1│电话│138****5678│139****1111│" in flat(edited.stdout), edited.stdout
    assert "清空" not in edited.stdout + run(cli, case, "case", "history", "1").stdout


def form(cli, db, monkeypatch, phone):
    """`case edit 1` at a terminal, typed as a clerk types: Enter at each case field, 是 to
    edit party 1, `phone` at its 电话 and Enter elsewhere, 否 for party 2, 否 to saving."""
    from mediate.domain.fields import CASE_EDITABLE, PARTY_EDITABLE

    monkeypatch.setattr(case_desk, "is_interactive", lambda no_input: True)
    person = "".join(f"{phone}\n" if f == "phone" else "\n" for f in PARTY_EDITABLE)
    typed = "\n" * len(CASE_EDITABLE) + "是\n" + person + "否\n否\n"
    return cli(["--db", db, "--clerk", "李书记员", "case", "edit", "1"], input=typed, env=ZH)


def test_the_forms_dash_reads_cleared_and_its_spaces_keep_the_value(cli, case, monkeypatch):
    """The form's '-' clears (its hint: 输入单个“-”清空): the table it asks to save says so.
    Spaces there are Enter (console.ask strips them): the stored phone is kept."""
    cleared = form(cli, case, monkeypatch, "-")
    assert "│1│电话│138****5678│（清空）│" in flat(cleared.stdout), cleared.output
    assert "未作任何修改" in cleared.output  # declined: nothing saved
    kept = form(cli, case, monkeypatch, "   ")
    assert "未作任何修改" in kept.output and "（清空）" not in kept.output, kept.output
    shown = json.loads(run(cli, case, "case", "show", "1", "--json", "--reveal").stdout)
    assert shown["parties"][0]["phone"] == "13812345678"


def test_a_party_removed_reads_no_field_cleared():
    with in_language("zh_CN"):
        said = describe(
            {"parties[3].removed": None}, action="edit", before={"parties[3].removed": "李四"}
        )
    assert said == ""
