"""The clerk's desk through the real CLI (issue 15): case edit, reopen, find, show by 案号,
list --mediator/--party, today, and final actions never prompting a script."""

import json

import pytest
from sqlmodel import Session

from mediate.store.engine import make_engine
from tests import factories


@pytest.fixture
def db(desk_store):
    return desk_store.url


def run(cli, db, *args, env=None):
    result = cli(["--db", db, "--clerk", "李书记员", *args], env=env)
    result.stderr = " ".join(result.stderr.split())
    return result


def test_an_address_corrected_shows_in_show_and_history(cli, db):
    edited = run(cli, db, "case", "edit", "1", "--party", "2", "--set", "住所=焦作市解放区新址8号")
    assert edited.exit_code == 0, edited.output
    shown = json.loads(run(cli, db, "case", "show", "1", "--json").stdout)
    assert shown["parties"][1]["address"] == "焦作市解放区新址8号"
    assert shown["version"] == 2
    history = json.loads(run(cli, db, "case", "history", "1", "--json").stdout)
    assert history[-1]["action"] == "edit"
    assert history[-1]["after"] == {"parties[2].address": "焦作市解放区新址8号"}


def test_a_bad_amount_is_a_usage_error_and_changes_nothing(cli, db):
    result = run(cli, db, "case", "edit", "1", "--set", "amount=abc", env={"MEDIATE_LANG": "zh"})
    assert result.exit_code == 2  # a bad option value (house rule; review of 2026-12-02)
    assert "--set 标的额：“abc”不是金额" in result.stderr
    assert json.loads(run(cli, db, "case", "show", "1", "--json").stdout)["version"] == 1


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--set", "适用程序=x"), "--set 适用程序：“x”不是适用程序"),
        (("--set", "来源=x"), "--set 来源：“x”不是来源"),
        (("--party", "1", "--set", "类型=x"), "--set 第1个当事人的类型：“x”不是当事人类型"),
        (("--add-party", "角色=x,姓名=李四"), "--add-party 第1个新增当事人的诉讼地位："),
    ],
)
def test_a_bad_value_in_set_or_add_party_is_a_usage_error_naming_option_and_field(
    cli, db, args, said
):
    result = run(cli, db, "case", "edit", "1", "-y", *args, env={"MEDIATE_LANG": "zh"})
    assert result.exit_code == 2, result.output
    assert "".join(said.split()) in "".join(result.stderr.split()), result.stderr
    assert json.loads(run(cli, db, "case", "show", "1", "--json").stdout)["version"] == 1


def test_an_edit_refused_as_a_whole_stays_exit_1(cli, db):
    """Good values whose result is refused (no applicant left) are not a usage error."""
    result = run(cli, db, "case", "edit", "1", "-y", "--remove-party", "1")
    assert result.exit_code == 1, result.output
    assert "applicant" in result.stderr


def test_an_unknown_field_is_a_usage_error_naming_it(cli, db):
    result = run(cli, db, "case", "edit", "1", "--set", "colour=red")
    assert result.exit_code == 2
    assert "'colour' is not a field" in result.stderr


def test_edit_without_changes_at_no_terminal_says_what_to_give(cli, db):
    result = run(cli, db, "case", "edit", "1")
    assert result.exit_code == 1
    assert "--set FIELD=VALUE" in result.stderr


def test_a_cause_change_can_reroute_at_once(cli, initialised):
    from mediate.resources import data_dir

    db = initialised.url
    dispute = data_dir() / "samples" / "disputes" / "finance.yaml"
    added = json.loads(run(cli, db, "--json", "case", "add", "--file", str(dispute)).stdout)
    result = run(
        cli, db, "--json", "case", "edit", str(added["id"]), "--set", "案由=物业服务合同纠纷",
        "--reroute",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["reroute_suggested"] is True
    assert data["rerouted_to"] == "焦作市解放区物业纠纷人民调解委员会"
    assert data["rerouted_to"] != added["decision"]["org"]["name"]
    history = json.loads(run(cli, db, "case", "history", str(added["id"]), "--json").stdout)
    assert [e["action"] for e in history][-2:] == ["edit", "routed"]


def test_the_hinted_reroute_alone_routes_the_edited_case_again(cli, initialised):
    """The hint after an edit not re-routed names `case edit N --reroute`: alone, it routes
    the case again on the stored data (it said "Nothing to change" before)."""
    from mediate.resources import data_dir

    db = initialised.url
    dispute = data_dir() / "samples" / "disputes" / "finance.yaml"
    added = json.loads(run(cli, db, "--json", "case", "add", "--file", str(dispute)).stdout)
    case = str(added["id"])
    edited = run(cli, db, "case", "edit", case, "--set", "案由=物业服务合同纠纷", "--no-reroute")
    assert edited.exit_code == 0, edited.output
    assert f"mediate case edit {case} --reroute" in edited.stderr
    result = run(cli, db, "--json", "case", "edit", case, "--reroute")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rerouted_to"] == "焦作市解放区物业纠纷人民调解委员会"
    history = json.loads(run(cli, db, "case", "history", case, "--json").stdout)
    assert [e["action"] for e in history][-2:] == ["edit", "routed"]


def test_find_and_show_by_case_number(cli, db):
    found = json.loads(run(cli, db, "case", "find", "王五", "--json").stdout)
    assert [c["id"] for c in found["cases"]] == [1]
    shown = run(cli, db, "case", "show", "(2026)豫0802民初7号")
    assert shown.exit_code == 0, shown.output
    missing = run(cli, db, "case", "show", "(2026)豫0802民初99号")
    assert missing.exit_code == 1


def test_list_by_party(cli, db):
    listed = json.loads(run(cli, db, "case", "list", "--party", "王五", "--json").stdout)
    assert listed["total"] == 1
    assert json.loads(run(cli, db, "case", "list", "--party", "钱", "--json").stdout)["total"] == 0


def test_outcome_then_reopen_without_prompts_when_not_a_terminal(cli, db):
    closed = run(cli, db, "outcome", "1", "withdrawn", "--reason", "申请人撤回")
    assert closed.exit_code == 0, closed.output
    reopened = run(cli, db, "--json", "case", "reopen", "1", "--reason", "误操作")
    assert reopened.exit_code == 0, reopened.output
    assert json.loads(reopened.stdout)["status"] == "routed"
    again = run(cli, db, "case", "reopen", "1", "--reason", "误操作")
    assert again.exit_code == 1


def test_today_json_has_every_section(cli, db):
    result = run(cli, db, "today", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data["counts"]) == {
        "sessions",
        "overdue",
        "due",
        "unassigned",
        "confirmation_closing",
        "rulings_awaited",
        "performance_due",
    }
    assert [r["case"] for r in data["unassigned"]] == [1]


def test_today_in_chinese_at_80_columns(cli, db):
    result = run(cli, db, "today", env={"MEDIATE_LANG": "zh", "COLUMNS": "80"})
    assert result.exit_code == 0, result.output


def test_a_minors_guardian_and_the_subject_matter_location_can_be_added_by_edit(cli, db):
    # Fields added by issues 16 and 17 (法定代理人, 标的物所在地) are editable like the rest,
    # by their Chinese names as printed.
    edited = run(
        cli,
        db,
        "case",
        "edit",
        "1",
        "--party",
        "1",
        "--set",
        "法定代理人=张父",
        "--set",
        "与当事人关系=父子",
    )
    assert edited.exit_code == 0, edited.output
    moved = run(cli, db, "case", "edit", "1", "--set", "标的物所在地=410811")
    assert moved.exit_code == 0, moved.output
    shown = json.loads(run(cli, db, "case", "show", "1", "--json").stdout)
    assert (shown["parties"][0]["guardian"], shown["parties"][0]["guardian_relation"]) == (
        "张父",
        "父子",
    )
    assert shown["subject_matter_location"] == "410811"


def test_case_show_lists_a_partys_guardian_in_chinese_at_80_columns(cli, store):
    """Issue 17 item 2: the 法定代理人 (name, relation, ID) stands beneath the party in the
    party table, in Chinese, whole at 80 columns (IDs masked unless --reveal)."""
    from rich.cells import cell_len

    from tests.conftest import squash

    engine = make_engine(store.url)
    with Session(engine) as session:
        factories.case(
            session,
            parties=[
                factories.person(
                    name="李小明",
                    id_number="410802201001011232",
                    guardian="李大明",
                    guardian_relation="父亲",
                    guardian_id_number="410802198001011235",
                ),
                factories.person("respondent", "焦作市解放区某某物业服务有限公司第二分公司"),
            ],
        )
        session.commit()
    engine.dispose()
    from mediate import console

    console.reset(width=80)  # the suite's console is 200 wide; the conftest resets it after
    result = run(cli, store.url, "case", "show", "1", env={"MEDIATE_LANG": "zh", "COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    # At 80 columns the party table is one record per party: the guardian is a field of its
    # party's record, name and relation, then the masked ID on the line below
    record = lines[next(i for i, line in enumerate(lines) if "李小明" in line) :]
    at = next(i for i, line in enumerate(record) if line.startswith("法定代理人"))
    assert squash(record[at]) == "法定代理人李大明（父亲）"
    assert squash(record[at + 1]) == "4108**********1235"  # whole, masked as every ID
    assert record[at + 2].strip() == ""  # the record ends there
    assert "未显示" not in result.stdout  # no column left out

    console.reset(width=200)  # wide enough for the table itself: the column is there too
    wide = run(cli, store.url, "case", "show", "1", env={"MEDIATE_LANG": "zh"}).stdout
    header = next(line for line in wide.splitlines() if "角色" in line)
    assert header.split("┃")[-2].strip() == "法定代理人"
    assert "李大明（父亲）" in wide and "4108**********1235" in wide
    shown = json.loads(run(cli, store.url, "case", "show", "1", "--json").stdout)
    assert shown["parties"][0]["guardian_relation"] == "父亲"


def test_reroute_alone_answers_in_the_shape_of_an_edit(cli, initialised):
    """`case edit N --reroute` alone and an edit with --reroute give one JSON shape, with
    the case's version after the routing (as `case show` has it) and the notices."""
    from mediate.resources import data_dir

    db = initialised.url
    dispute = data_dir() / "samples" / "disputes" / "finance.yaml"
    added = json.loads(run(cli, db, "--json", "case", "add", "--file", str(dispute)).stdout)
    case = str(added["id"])
    edit = ["case", "edit", case, "--set", "案由=物业服务合同纠纷", "--reroute"]
    edited = json.loads(run(cli, db, "--json", *edit).stdout)
    assert (
        edited["version"]
        == json.loads(run(cli, db, "--json", "case", "show", case).stdout)["version"]
    )
    alone = run(cli, db, "--json", "case", "edit", case, "--reroute")
    assert alone.exit_code == 0, alone.output
    data = json.loads(alone.stdout)
    assert set(data) == set(edited)
    assert (data["changes"], data["notices"], data["version"]) == ([], [], edited["version"] + 1)


def _full_path(args: list[str]):
    """The CLI past the light entry (mediate/quick.py), as a command it does not answer."""
    from typer.testing import CliRunner

    from mediate.typer_app import run as run_full
    from tests.conftest import Result

    with CliRunner().isolation() as streams:
        code = run_full(args)
        return Result(code, streams[0].getvalue().decode(), streams[1].getvalue().decode())


@pytest.fixture
def two_bodies(db):
    engine = make_engine(db)
    with Session(engine) as session:
        factories.org(session, "jz-other", name="焦作市某某调解室")
        factories.case(session, org_id="jz-other", parties=[factories.person()])
        session.commit()
    engine.dispose()
    return db


@pytest.mark.parametrize("entry", ["light", "full"])
def test_today_with_org_lists_only_that_bodys_work(cli, two_bodies, entry):
    # Review of 2026-12-03: without a clerk registry `--org X today` listed every body's
    # cases, though the help says 本机构今日待办. The light entry and the full one agree.
    def today(*org: str):
        args = ["--db", two_bodies, "--clerk", "李书记员", *org, "today", "--json"]
        result = cli(args) if entry == "light" else _full_path(args)
        assert result.exit_code == 0, result.output
        return [r["case"] for r in json.loads(result.stdout)["unassigned"]]

    assert today() == [1, 2]
    assert today("--org", "jz-other") == [2]
    assert today("--org", "某某调解室") == [2]  # a body's name, as --body takes it
    assert today("--org", "jz-jfq-court-center") == [1]


@pytest.mark.parametrize("entry", ["light", "full"])
def test_an_unknown_org_is_refused_at_the_option(two_bodies, entry, cli):
    args = ["--db", two_bodies, "--org", "bogus", "today"]
    result = cli(args, env={"MEDIATE_LANG": "zh"}) if entry == "light" else _full_path(args)
    assert result.exit_code == 2, result.output
    assert "bogus" in result.stderr and "--org" in result.stderr


def test_an_edit_under_an_unknown_org_writes_nothing_and_a_named_one_its_id(cli, two_bodies):
    from sqlmodel import select

    from mediate.store.tables import EventRow

    edit = ("case", "edit", "1", "--set", "请求事项=x", "-y", "--no-reroute")
    refused = run(cli, two_bodies, "--org", "bogus", *edit)
    assert refused.exit_code == 2, refused.output
    assert "--org" in refused.stderr
    done = run(cli, two_bodies, "--org", "焦作市某某调解室", *edit)
    assert done.exit_code == 0, done.output
    engine = make_engine(two_bodies)
    with Session(engine) as session:
        stored = {e.org_id for e in session.exec(select(EventRow)).all()}
    engine.dispose()
    assert "bogus" not in stored and "jz-other" in stored
