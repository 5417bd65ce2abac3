"""A place stored as a division code (a court's batch gives 410802009) is shown with the
division's name, and what `case show` prints is taken back by `case edit --set`."""

import json

import pytest

ZH = {"MEDIATE_LANG": "zh", "COLUMNS": "80"}
PRINTED = "焦作市解放区王褚街道（410802009）"


@pytest.fixture
def db(desk_store):
    return desk_store.url


def run(cli, db, *args):
    return cli(["--db", db, "--clerk", "李书记员", *args], env=ZH)


@pytest.mark.parametrize("field", ["纠纷发生地", "标的物所在地"])
def test_case_show_names_a_division_code_with_its_name(cli, db, field):
    assert run(cli, db, "case", "edit", "1", "--set", f"{field}=410802009").exit_code == 0
    shown = run(cli, db, "case", "show", "1")
    assert shown.exit_code == 0, shown.output
    line = next(line for line in shown.stdout.splitlines() if line.startswith(field))
    assert PRINTED in line
    stored = json.loads(run(cli, db, "case", "show", "1", "--json").stdout)
    assert "410802009" in (stored["location"], stored["subject_matter_location"])


@pytest.mark.parametrize("printed", [PRINTED, "焦作市解放区王褚街道(410802009)"])
def test_the_printed_place_is_taken_back_as_its_code(cli, db, printed):
    edited = run(cli, db, "case", "edit", "1", "--set", f"纠纷发生地={printed}")
    assert edited.exit_code == 0, edited.output
    stored = json.loads(run(cli, db, "case", "show", "1", "--json").stdout)
    assert stored["location"] == "410802009"


@pytest.mark.parametrize("field", ["纠纷发生地", "标的物所在地"])
def test_the_change_table_and_history_name_the_place_as_case_show_does(cli, db, field):
    edited = run(cli, db, "case", "edit", "1", "--set", f"{field}=410802009")
    assert edited.exit_code == 0, edited.output
    row = next(line for line in edited.stdout.splitlines() if field in line)
    assert "王褚街道" in row, edited.stdout
    history = run(cli, db, "case", "history", "1")
    assert f"{field}：{PRINTED}" in "".join(history.stdout.split()), history.stdout
