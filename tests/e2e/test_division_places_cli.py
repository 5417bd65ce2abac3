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


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("王褚街道（999999999）", "--set 纠纷发生地：999999999 不是已知的行政区划代码"),
        ("王褚街道（41080200）", "--set 纠纷发生地：41080200 不是已知的行政区划代码"),
        ("王褚街道（410802001）", "410802001 是焦作市解放区民生街道，不是王褚街道"),
        ("马村区王褚街道（410802009）", "410802009 是焦作市解放区王褚街道，不是马村区王褚街道"),
    ],
)
def test_a_printed_place_with_a_wrong_code_is_a_usage_error_naming_the_code(cli, db, typed, said):
    for field in ("纠纷发生地", "标的物所在地"):
        result = run(cli, db, "case", "edit", "1", "-y", "--set", f"{field}={typed}")
        assert result.exit_code == 2, result.output
        assert "".join(said.replace("纠纷发生地", field).split()) in "".join(result.stderr.split())
    assert json.loads(run(cli, db, "case", "show", "1", "--json").stdout)["version"] == 1


@pytest.mark.parametrize(
    "typed", ["王褚街道（410802009）", "解放区王褚街道（410802009）", "某小区（3号楼）"]
)
def test_a_printed_place_by_a_shorter_name_or_a_note_in_brackets_is_taken(cli, db, typed):
    assert run(cli, db, "case", "edit", "1", "-y", "--set", f"纠纷发生地={typed}").exit_code == 0


@pytest.mark.parametrize("code", ["999999", "410802999"])
def test_case_edit_warns_of_a_bare_code_not_in_the_table_as_case_new_does(cli, db, code):
    """A bare code is stored, as `case new` takes it, with the same warning naming it
    (routing/engine.unknown_code_warning); a code in the table gets none."""
    from mediate.i18n import in_language
    from mediate.routing.engine import unknown_code_warning

    said = f"纠纷发生地代码{code}不在区划表中"
    with in_language("zh_CN"):  # what case new prints (routing the new case)
        assert "".join(unknown_code_warning(code).split()).startswith(said + "；已按")
    edited = run(cli, db, "case", "edit", "1", "-y", "--set", f"纠纷发生地={code}")
    assert edited.exit_code == 0, edited.output
    assert said + "。请核对该代码。" in "".join(edited.stderr.split()), edited.output
    assert json.loads(run(cli, db, "case", "show", "1", "--json").stdout)["location"] == code
    known = run(cli, db, "case", "edit", "1", "-y", "--set", "纠纷发生地=410802009")
    assert known.exit_code == 0 and "区划表" not in known.output, known.output


def test_case_new_refuses_a_printed_place_with_a_wrong_code(cli, db):
    result = run(
        cli, db, "--no-input", "case", "new", "--cause", "民间借贷纠纷",
        "--location", "王褚街道（999999999）", "--applicant", "张三", "--respondent", "李四",
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "--location：999999999不是已知的行政区划代码" in "".join(result.stderr.split())


def test_an_import_row_with_a_printed_place_of_a_wrong_code_is_a_row_error(
    cli, initialised, tmp_path
):
    path = tmp_path / "places.csv"
    path.write_text(
        "案号,案由,来源,收案日期,纠纷发生地,申请人,申请人类型,被申请人,被申请人类型\n"
        "(2026)豫0802民初911号,民间借贷纠纷,自行受理,2026-11-27,"
        "王褚街道（410802009）,张一,自然人,李一,自然人\n"
        "(2026)豫0802民初912号,民间借贷纠纷,自行受理,2026-11-27,"
        "王褚街道（999999999）,张二,自然人,李二,自然人\n",
        encoding="utf-8",
    )
    result = run(cli, initialised.url, "--json", "import", str(path))
    assert result.stdout, result.stderr
    report = json.loads(result.stdout)
    assert result.exit_code != 2, result.output  # a row error, not a usage error
    assert "999999999" in json.dumps(report, ensure_ascii=False), report
    assert "不是已知的行政区划代码" in json.dumps(report, ensure_ascii=False), report
    assert (report["imported"], report["rejected"]) == (1, 1)


# A deployment's own division: a village room imported with `org import` at its village's
# code, which data/network.yaml does not list (it lists sample villages only)
OWN_VILLAGE = "410802009201"
OWN_PLACE = f"王褚街道某村（{OWN_VILLAGE}）"


def _own_village_room(cli, db, tmp_path):
    path = tmp_path / "own.csv"
    path.write_text(
        "id,name,kind,level,division,court\n"
        f"jz-{OWN_VILLAGE}-village-room,焦作市解放区王褚街道某村人民调解室,village_room,village,"
        f"{OWN_VILLAGE},jz-410802-court\n",
        encoding="utf-8",
    )
    imported = run(cli, db, "org", "import", str(path))
    assert imported.exit_code == 0, imported.output


def test_rule_a_printed_place_at_a_division_of_the_deployments_own_network_is_taken(
    cli, initialised, tmp_path
):
    """A place written as case show prints it, name（code）, is a division's the network
    knows: the deployment's network (its stored bodies, `org import`), not only the
    bundled data/network.yaml (the review of 2026-12-02 found the deployment's own villages
    refused by case new, case edit and import). A code no body of it is at stays refused."""
    from mediate.routing.places import bundled_division_names

    db = initialised.url
    assert OWN_VILLAGE not in bundled_division_names()
    _own_village_room(cli, db, tmp_path)
    new = run(
        cli, db, "--no-input", "--json", "case", "new", "--cause", "民间借贷纠纷",
        "--location", OWN_PLACE, "--applicant", "张三", "--respondent", "李四",
    )  # fmt: skip
    assert new.exit_code == 0, new.output
    case_id = str(json.loads(new.stdout)["id"])
    shown = json.loads(run(cli, db, "case", "show", case_id, "--json").stdout)
    assert shown["location"] == OWN_VILLAGE
    edited = run(cli, db, "case", "edit", case_id, "-y", "--set", f"标的物所在地={OWN_PLACE}")
    assert edited.exit_code == 0, edited.output
    shown = json.loads(run(cli, db, "case", "show", case_id, "--json").stdout)
    assert shown["subject_matter_location"] == OWN_VILLAGE
    path = tmp_path / "places.csv"
    path.write_text(
        "案号,案由,来源,收案日期,纠纷发生地,申请人,申请人类型,被申请人,被申请人类型\n"
        "(2026)豫0802民初921号,民间借贷纠纷,自行受理,2026-11-27,"
        f"{OWN_PLACE},张一,自然人,李一,自然人\n"
        "(2026)豫0802民初922号,民间借贷纠纷,自行受理,2026-11-27,"
        "王褚街道某村（410802009299）,张二,自然人,李二,自然人\n",
        encoding="utf-8",
    )
    # read in a reader process (intake.worker), which is told the deployment's divisions
    env = {**ZH, "MEDIATE_IMPORT_READER": "process"}
    imported = cli(["--db", db, "--clerk", "李书记员", "--json", "import", str(path)], env=env)
    report = json.loads(imported.stdout)
    assert (report["imported"], report["rejected"]) == (1, 1), report
    refused = run(
        cli, db, "case", "edit", case_id, "-y", "--set", "纠纷发生地=某村（410802009299）"
    )
    assert refused.exit_code == 2, refused.output
