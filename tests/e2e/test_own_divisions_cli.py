"""A deployment's own divisions (`org import` places bodies at divisions data/network.yaml
lacks): a YAML file declares them under `divisions:` as data/network.yaml does, a CSV/XLSX
file in a `division_name` (区划名称) column beside a body's `division`; the name declared
is kept (orgs.division_name, 0019), a place written as `name（code）` at such a division is
checked against it, and routing does not call a code a body is placed at unknown."""

import json
from itertools import zip_longest

import pytest

ZH = {"MEDIATE_LANG": "zh", "COLUMNS": "200"}
OWN = "410802009201"  # a village under 王褚街道 (410802009) that data/network.yaml lacks
ROOM = f"jz-{OWN}-village-room"


def run(cli, db, *args):
    return cli(["--db", db, "--clerk", "李书记员", *args], env=ZH)


def _yaml(tmp_path, divisions, division=OWN):
    path = tmp_path / "own.yaml"
    path.write_text(
        f"divisions:\n{divisions}"
        "orgs:\n"
        f"- {{id: {ROOM}, name: 焦作市解放区王褚街道某村人民调解室, kind: village_room,"
        f" division: '{division}', court: jz-410802-court}}\n",
        encoding="utf-8",
    )
    return path


def _new_case(cli, db, location):
    return run(
        cli, db, "--no-input", "--json", "case", "new", "--cause", "民间借贷纠纷",
        "--location", location, "--applicant", "张三", "--respondent", "李四",
    )  # fmt: skip


def test_rule_a_printed_place_at_an_own_division_is_checked_against_the_declared_name(
    cli, initialised, tmp_path
):
    """As for a division of data/network.yaml (intake/validate._location): the name beside
    the code must be the division's, in full or short; a wrong one is a usage error naming
    the option and the division's name."""
    db = initialised.url
    imported = run(
        cli, db, "org", "import", str(_yaml(tmp_path, f"- {{code: '{OWN}', name: 某村}}\n"))
    )
    assert imported.exit_code == 0, imported.output
    shown = json.loads(run(cli, db, "--json", "org", "show", ROOM).stdout)
    assert shown["division_name"] == "焦作市解放区王褚街道某村"
    for good in (
        "某村",
        "王褚街道某村",
        "焦作市解放区王褚街道某村",
        "河南省焦作市解放区王褚街道某村",
    ):
        made = _new_case(cli, db, f"{good}（{OWN}）")
        assert made.exit_code == 0, made.output
    wrong = _new_case(cli, db, f"王褚街道别村（{OWN}）")
    assert wrong.exit_code == 2, wrong.output
    assert "--location" in wrong.stderr
    assert f"{OWN} 是焦作市解放区王褚街道某村，不是王褚街道别村" in wrong.stderr
    # a batch read in a reader process (intake.worker) is told the names too
    path = tmp_path / "places.csv"
    path.write_text(
        "案号,案由,来源,收案日期,纠纷发生地,申请人,申请人类型,被申请人,被申请人类型\n"
        f"(2026)豫0802民初931号,民间借贷纠纷,自行受理,2026-11-27,某村（{OWN}）,张一,自然人,李一,自然人\n"
        f"(2026)豫0802民初932号,民间借贷纠纷,自行受理,2026-11-27,别村（{OWN}）,张二,自然人,李二,自然人\n",
        encoding="utf-8",
    )
    env = {**ZH, "MEDIATE_IMPORT_READER": "process"}
    imported = cli(["--db", db, "--clerk", "李书记员", "--json", "import", str(path)], env=env)
    report = json.loads(imported.stdout)
    assert (report["imported"], report["rejected"]) == (1, 1), report
    assert "不是别村" in json.dumps(report, ensure_ascii=False)


def test_rule_a_code_a_body_is_placed_at_is_no_unknown_code(cli, initialised, tmp_path):
    """Routing (case new, case edit) warned 代码不在区划表中 of a deployment's own village
    imported by its code alone (CSV): the network it configured knows the code."""
    db = initialised.url
    path = tmp_path / "own.csv"
    path.write_text(
        "id,name,kind,level,division,court\n"
        f"{ROOM},焦作市解放区王褚街道某村人民调解室,village_room,village,{OWN},jz-410802-court\n",
        encoding="utf-8",
    )
    assert run(cli, db, "org", "import", str(path)).exit_code == 0
    made = _new_case(cli, db, OWN)
    assert made.exit_code == 0, made.output
    assert "不在区划表中" not in made.output
    case_id = str(json.loads(made.stdout)["id"])
    edited = run(cli, db, "case", "edit", case_id, "-y", "--set", f"纠纷发生地={OWN}")
    assert edited.exit_code == 0, edited.output
    assert "不在区划表中" not in edited.output
    unknown = _new_case(cli, db, "410802009299")  # no body there: still a code to check
    assert "410802009299 不在区划表中" in unknown.output


def test_case_show_names_a_place_at_an_own_division_and_the_label_is_taken_back(
    cli, initialised, tmp_path
):
    """case show printed a place at a division of the deployment's own as the bare code:
    it names it as it does a bundled division, 焦作市解放区王褚街道某村（410802009201）,
    the name org import stored (orgs.division_name), and `case edit --set` takes the
    printed label back unchanged; case history names it alike."""
    db = initialised.url
    yaml = _yaml(tmp_path, f"- {{code: '{OWN}', name: 某村}}\n")
    assert run(cli, db, "org", "import", str(yaml)).exit_code == 0
    made = _new_case(cli, db, OWN)
    assert made.exit_code == 0, made.output
    case_id = str(json.loads(made.stdout)["id"])
    label = f"焦作市解放区王褚街道某村（{OWN}）"
    for args in ((), ("--reveal",)):  # the light read and the audited one
        shown = run(cli, db, "case", "show", case_id, *args)
        assert shown.exit_code == 0, shown.output
        assert f"纠纷发生地 {label}" in " ".join(shown.stdout.split()), shown.stdout
    assert json.loads(run(cli, db, "--json", "case", "show", case_id).stdout)["location"] == OWN
    edited = run(cli, db, "case", "edit", case_id, "-y", "--set", f"标的物所在地={label}")
    assert edited.exit_code == 0, edited.output
    assert label in "".join(edited.stdout.split()), edited.stdout  # the change table's
    shown = json.loads(run(cli, db, "--json", "case", "show", case_id).stdout)
    assert shown["subject_matter_location"] == OWN
    history = "".join(run(cli, db, "case", "history", case_id).stdout.split())
    assert f"标的物所在地：{label}" in history, history  # as case show names it


def test_a_csv_division_name_column_is_kept_and_checked(cli, initialised, tmp_path):
    db = initialised.url
    path = tmp_path / "own.csv"
    path.write_text(
        "编号,名称,类型,区划代码,区划名称,对接法院\n"
        f"{ROOM},焦作市解放区王褚街道某村人民调解室,village_room,{OWN},王褚街道某村,jz-410802-court\n",
        encoding="utf-8",
    )
    imported = run(cli, db, "org", "import", str(path))
    assert imported.exit_code == 0, imported.output
    assert json.loads(run(cli, db, "--json", "org", "show", ROOM).stdout)["division_name"] == (
        "焦作市解放区王褚街道某村"
    )
    wrong = _new_case(cli, db, f"别村（{OWN}）")
    assert wrong.exit_code == 2 and "不是别村" in wrong.stderr, wrong.output


BAD = [
    ("- {code: '4108020092', name: 某村}", "第1个区划：字段 code：“4108020092”不是 6、9 或 12 位"),
    ("- {code: '410802009', name: 新华街道}", "第1个区划：字段 name：410802009 是焦作市解放区王褚"),
    ("- {code: '410802009202', name: 别村}", "第1个区划：区划 410802009202 处没有调解组织"),
    (f"- {{code: '{OWN}', name: 某村, court_county: '410802'}}", "第1个区划：字段 court_county"),
    (f"- {{code: '{OWN}', name: 某村}}\n- {{code: '{OWN}', name: 别村}}", "第2个区划：字段 name"),
    ("- {code: '410802009'}", "第1个区划：行政区划需要 code 和 name"),
]


@pytest.mark.parametrize(("divisions", "said"), BAD)
def test_a_bad_division_of_a_yaml_org_file_is_located_and_nothing_is_imported(
    cli, initialised, tmp_path, divisions, said
):
    db = initialised.url
    result = run(cli, db, "org", "import", str(_yaml(tmp_path, divisions + "\n")))
    assert result.exit_code == 1, result.output
    assert said in result.stderr and "own.yaml:" in result.stderr
    assert run(cli, db, "org", "show", ROOM).exit_code != 0  # nothing imported


def test_a_bundled_division_named_as_the_table_names_it_is_taken(cli, initialised, tmp_path):
    """data/network.yaml's own divisions may stand in a YAML org file (it is one): named as
    the table names them, they are checked and left to the table."""
    db = initialised.url
    divisions = (
        "- {code: '410802009', name: 焦作市解放区王褚街道}\n- {code: '410802', name: 解放区}\n"
    )
    imported = run(cli, db, "org", "import", str(_yaml(tmp_path, divisions)))
    assert imported.exit_code == 0, imported.output


def _rename_division(db: str, org_id: str, name: str) -> None:
    """A body's stored division name changed behind org import's back (by hand, or by an
    older version): two bodies at one code name it apart."""
    from sqlalchemy import create_engine, text

    engine = create_engine(db)
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE orgs SET division_name = :name WHERE id = :id"),
            {"name": name, "id": org_id},
        )
    engine.dispose()


def test_case_show_and_routing_read_one_name_for_an_own_division(cli, initialised, tmp_path):
    """services/cases.own_place_names (SQL, what case show prints) and the stored network
    (services/routing, ORM: what intake checks a written name against) each read the
    declared names, the first keeping the first body's name, the second the last one read:
    with two names stored for a code, case show printed one label and case edit refused it
    back. One reading now (routing.places.own_division_names)."""
    db = initialised.url
    second = ROOM + "-2"
    path = tmp_path / "two.yaml"
    path.write_text(
        f"divisions:\n- {{code: '{OWN}', name: 某村}}\norgs:\n"
        f"- {{id: {ROOM}, name: 焦作市解放区王褚街道某村人民调解室, kind: village_room,"
        f" division: '{OWN}', court: jz-410802-court}}\n"
        f"- {{id: {second}, name: 焦作市解放区王褚街道某村第二调解室, kind: village_room,"
        f" division: '{OWN}', court: jz-410802-court}}\n",
        encoding="utf-8",
    )
    assert run(cli, db, "org", "import", str(path)).exit_code == 0
    _rename_division(db, second, "焦作市解放区王褚街道别村")
    made = _new_case(cli, db, OWN)
    assert made.exit_code == 0, made.output
    case_id = str(json.loads(made.stdout)["id"])
    label = f"焦作市解放区王褚街道某村（{OWN}）"
    shown = run(cli, db, "case", "show", case_id)
    assert f"纠纷发生地 {label}" in " ".join(shown.stdout.split()), shown.stdout
    edited = run(cli, db, "case", "edit", case_id, "-y", "--set", f"标的物所在地={label}")
    assert edited.exit_code == 0, edited.output


def test_rules_explain_knows_an_own_division_without_stored(cli, initialised, tmp_path):
    """`rules explain` without --stored routes on the bundled network, and warned 代码
    410802009201 不在区划表中 of a place at a division the deployment placed a body of its
    own at (org import), where `case new` did not: it is told the deployment's divisions
    from the database, and still warns of a code no body of it is at."""
    db = initialised.url
    assert run(cli, db, "org", "import", str(_yaml(tmp_path, ""))).exit_code == 0
    made = _new_case(cli, db, OWN)
    assert made.exit_code == 0, made.output
    case_id = str(json.loads(made.stdout)["id"])
    dispute = tmp_path / "dispute.yaml"
    for location, warned in ((OWN, False), ("410802009299", True)):
        dispute.write_text(
            f"cause: 民间借贷纠纷\nlocation: '{location}'\nparties:\n"
            "  - {role: applicant, kind: person, name: 张三}\n"
            "  - {role: respondent, kind: person, name: 李四}\n",
            encoding="utf-8",
        )
        explained = run(cli, db, "rules", "explain", "--case", str(dispute))
        assert explained.exit_code == 0, explained.output
        assert ("不在区划表中" in explained.output) is warned, explained.output
    explained = run(cli, db, "rules", "explain", case_id)
    assert explained.exit_code == 0, explained.output
    assert "不在区划表中" not in explained.output, explained.output
    as_json = json.loads(run(cli, db, "--json", "rules", "explain", case_id).stdout)
    assert as_json["warnings"] == [], as_json


def test_export_cases_names_a_place_at_an_own_division_as_case_show_does(
    cli, initialised, tmp_path
):
    """`export cases` had no place but the county's code: a clerk's spreadsheet did not say
    where a dispute arose. It has 纠纷发生地 and 标的物所在地, in a labelled CSV or XLSX as
    case show names them — a division of the deployment's own too, 焦作市解放区王褚街道某村
    （410802009201）, the code kept in the brackets — and as stored codes in JSON and --raw."""
    from openpyxl import load_workbook

    db = initialised.url
    yaml = _yaml(tmp_path, f"- {{code: '{OWN}', name: 某村}}\n")
    assert run(cli, db, "org", "import", str(yaml)).exit_code == 0
    assert _new_case(cli, db, OWN).exit_code == 0
    label = f"焦作市解放区王褚街道某村（{OWN}）"
    csv_file, xlsx_file = tmp_path / "cases.csv", tmp_path / "cases.xlsx"
    for target in (csv_file, xlsx_file):
        exported = run(cli, db, "export", "cases", "-o", str(target))
        assert exported.exit_code == 0, exported.output
    header, row = csv_file.read_text(encoding="utf-8-sig").splitlines()
    assert dict(zip(header.split(","), row.split(","), strict=True))["纠纷发生地"] == label
    sheet = load_workbook(xlsx_file, read_only=True).active
    header_cells, row_cells = list(sheet.iter_rows(values_only=True))
    # a read-only sheet's row ends at its last filled cell (标的物所在地, last, is empty)
    assert dict(zip_longest(header_cells, row_cells))["纠纷发生地"] == label
    raw = run(cli, db, "export", "cases", "--raw").stdout.splitlines()
    assert dict(zip(raw[0].split(","), raw[1].split(","), strict=True))["location"] == OWN
    as_json = json.loads(run(cli, db, "export", "cases", "-f", "json").stdout)
    assert (as_json[0]["location"], as_json[0]["subject_matter_location"]) == (OWN, None)


def _write_dispute(path, location):
    path.write_text(
        f"cause: 民间借贷纠纷\nlocation: '{location}'\nparties:\n"
        "  - {role: applicant, kind: person, name: 张三}\n"
        "  - {role: respondent, kind: person, name: 李四}\n",
        encoding="utf-8",
    )
    return path


def _write_rule_test(path, location):
    """A rule test of one dispute at `location` that must carry no warning."""
    path.write_text(
        "cases:\n  - name: 某村的民间借贷纠纷\n    expect: {warnings: false}\n    case:\n"
        f"      cause: 民间借贷纠纷\n      location: '{location}'\n      parties:\n"
        "        - {role: applicant, kind: person, name: 张三}\n"
        "        - {role: respondent, kind: person, name: 李四}\n",
        encoding="utf-8",
    )
    return path


NOT_READ = "未读取本部署自有的行政区划（仅用内置调解网络）："


def _unusable_database(tmp_path, kind):
    """A database the rules commands cannot read own divisions from, and what is said why."""
    if kind == "postgresql":  # nothing listens on port 1
        return "postgresql+psycopg://nobody@127.0.0.1:1/mediate", "无法打开数据库"
    path = tmp_path / f"{kind}.db"
    if kind == "uninitialised":
        path.write_bytes(b"")  # a SQLite database with no tables: made, never `mediate init`
        return str(path), "尚未初始化"
    path.write_bytes(b"not a database at all\n" * 200)
    return str(path), "不是 mediate 数据库"


@pytest.mark.parametrize("kind", ["uninitialised", "junk", "postgresql"])
def test_rules_commands_work_without_a_usable_database(cli, tmp_path, kind):
    """A rule author works offline: `rules explain --case F`, `rules check`, `rules test`,
    `rules show` and `rules lint` without --stored read the deployment's own divisions
    from its database, and exited 1 where it could not be read (review of 2026-12-03).
    They route on the bundled network alone, saying on one line why the own divisions
    were not read; `rules explain ID` needs the database, and still says its error."""
    db, why = _unusable_database(tmp_path, kind)
    dispute = _write_dispute(tmp_path / "dispute.yaml", "410802009")
    cases = _write_rule_test(tmp_path / "cases.yaml", "410802009")
    for args in (
        ("explain", "--case", str(dispute)),
        ("check",),
        ("test", str(cases)),
        ("show",),
        ("lint",),
    ):
        result = run(cli, db, "rules", *args)
        assert result.exit_code == 0, (args, result.output)
        notice = [line for line in result.stderr.splitlines() if NOT_READ in line]
        assert len(notice) == 1 and why in notice[0], (args, result.stderr)
    stored_case = run(cli, db, "rules", "explain", "1")
    assert stored_case.exit_code == 1, stored_case.output
    assert NOT_READ not in stored_case.stderr and why in stored_case.stderr


def test_rule_rules_test_and_check_know_an_own_division_as_explain_does(cli, initialised, tmp_path):
    """`rules explain` without --stored was told the deployment's own divisions, `rules
    test` and `rules check` were not: a rule test of a dispute at a village the deployment
    placed a room at (org import) carried the warning 代码…不在区划表中 that explain did
    not give, and a route matching the village by its declared name was an error to check.
    One loader for the three (commands/rules._against); a code no body is at still warns."""
    db = initialised.url
    yaml = _yaml(tmp_path, f"- {{code: '{OWN}', name: 某村}}\n")
    assert run(cli, db, "org", "import", str(yaml)).exit_code == 0
    dispute = _write_dispute(tmp_path / "dispute.yaml", OWN)
    explained = run(cli, db, "rules", "explain", "--case", str(dispute))
    assert explained.exit_code == 0 and "不在区划表中" not in explained.output, explained.output
    assert NOT_READ not in explained.stderr
    tested = run(cli, db, "rules", "test", str(_write_rule_test(tmp_path / "own.yaml", OWN)))
    assert tested.exit_code == 0, tested.output
    assert NOT_READ not in tested.stderr
    unknown = _write_rule_test(tmp_path / "unknown.yaml", "410802009299")
    assert run(cli, db, "rules", "test", str(unknown)).exit_code == 1
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "route:\n  name: root\n  target: jz-410800-nlc\n  routes:\n"
        "    - {name: village, match: {location: 焦作市解放区王褚街道某村},\n"
        "       target: jz-410802-court}\n",
        encoding="utf-8",
    )
    checked = run(cli, db, "rules", "check", str(rules))
    assert checked.exit_code == 0, checked.output
    assert run(cli, db, "rules", "check", "--stored", str(rules)).exit_code == 0


def test_rule_rules_show_and_lint_know_an_own_division_as_check_does(cli, initialised, tmp_path):
    """`rules show` and `rules lint` without --stored read the rules on the bundled network
    alone, where `rules check` was told the deployment's own divisions: a route matching a
    village of its own by its declared name (王褚街道某村) was shown as matching its township
    (410802009), and a later route for the township was refused as never reached. One
    loader for the five (commands/rules._rules); --stored reads the same."""
    db = initialised.url
    yaml = _yaml(tmp_path, f"- {{code: '{OWN}', name: 某村}}\n")
    assert run(cli, db, "org", "import", str(yaml)).exit_code == 0
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "route:\n  name: root\n  target: jz-410800-nlc\n  routes:\n"
        "    - {name: village, match: {location: 焦作市解放区王褚街道某村},\n"
        "       target: jz-410802-court}\n"
        "    - {name: township, match: {location: 王褚街道}, target: jz-410802-court}\n",
        encoding="utf-8",
    )
    assert run(cli, db, "rules", "check", str(rules)).exit_code == 0
    for stored in ((), ("--stored",)):
        shown = run(cli, db, "rules", "show", *stored, str(rules))
        assert shown.exit_code == 0, (stored, shown.output)
        assert f"[location {OWN}]" in shown.stdout and NOT_READ not in shown.stderr, shown.stdout
        linted = run(cli, db, "--json", "rules", "lint", *stored, str(rules))
        assert linted.exit_code == 0, (stored, linted.output)
        assert json.loads(linted.stdout)["file"].endswith("rules.yaml")
