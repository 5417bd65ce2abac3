"""The lifecycle through the real CLI: mediators, assign, extend, outcome, confirmation."""

import csv
import datetime as dt
import io
import json

import pytest
from sqlmodel import Session

from mediate import clock
from mediate.services.exports import CREDIT_CSV_COLUMNS
from mediate.store.engine import make_engine
from tests import factories

CENTER = "jz-410802-county-center"


@pytest.fixture
def db(store):
    engine = make_engine(store.url)  # the schema only: these tests write their own bodies and cases
    with Session(engine) as session:
        factories.case(
            session,
            org_id=CENTER,
            source="court_entrusted",
            procedure="ordinary",
            referring_court="焦作市解放区人民法院",
            parties=[
                factories.person(address="焦作市解放区民主南路1号"),
                factories.person("respondent", "王五", address="修武县城关镇东关村"),
            ],
        )
        factories.case(  # case 2: self-accepted, confirmed by an art. 205(2) court
            session,
            org_id=CENTER,
            source="self_accepted",
            parties=[
                factories.person(address="焦作市解放区民主南路1号"),
                factories.person("respondent", "王五", address="修武县城关镇东关村"),
            ],
        )
        session.commit()
    engine.dispose()
    return store.url


def run(cli, db, *args, clerk="李书记员"):
    result = cli(["--db", db, "--clerk", clerk, "--no-input", *args])
    result.stderr = " ".join(result.stderr.split())  # messages wrap at the terminal width
    return result


def test_a_case_walks_from_assignment_to_a_confirmed_agreement(cli, db):
    added = run(cli, db, "mediator", "add", "--org", CENTER, "--name", "赵调解员", "--type", "律师")
    assert added.exit_code == 0, added.output
    assert "赵调解员 (lawyer mediator)" in added.stderr

    assigned = run(cli, db, "--json", "case", "assign", "1", "--on", "2026-11-02")
    assert assigned.exit_code == 0, assigned.output
    data = json.loads(assigned.stdout)
    assert (data["status"], data["mediator_name"], data["deadline"]) == (
        "assigned",
        "赵调解员",
        "2026-11-17",
    )

    extended = run(cli, db, "case", "extend", "1", "--days", "10", "--consent", "双方书面同意")
    assert extended.exit_code == 0, extended.output
    assert "new deadline 2026-11-27" in extended.stderr

    settled = run(
        cli,
        db,
        "outcome",
        "1",
        "success",
        "--on",
        "2026年11月5日",
        "--terms",
        "王五于2026年12月31日前偿还张三52000元。",
        "--amount",
        "5.2万元",
        "--perform-by",
        "2026-12-31",
    )
    assert settled.exit_code == 0, settled.output
    assert "apply by" not in settled.stderr  # 委托: the court closes the case itself
    assert "mediate doc render court_report 1" in settled.stderr

    # 特邀调解规定 art. 20: an entrusted case is closed by the court, never confirmed.
    refused = run(cli, db, "confirm", "request", "1")
    assert refused.exit_code == 1
    assert "调解书" in refused.stderr and "撤诉" in refused.stderr
    assert "court_report 1" in refused.stderr

    handed = run(cli, db, "confirm", "handback", "1", "--on", "2026-11-06")
    assert handed.exit_code == 0, handed.output
    assert "handed back to the court on 2026-11-06" in handed.stderr

    history = run(cli, db, "--json", "case", "history", "1")
    assert history.exit_code == 0, history.output
    actions = [e["action"] for e in json.loads(history.stdout)]
    assert actions[-4:] == ["assign", "extend", "outcome", "handback"]


def test_a_self_accepted_case_walks_to_a_confirmed_agreement(cli, db):
    assert run(cli, db, "mediator", "add", "--org", CENTER, "--name", "赵调解员").exit_code == 0
    assert run(cli, db, "case", "assign", "2", "--on", "2026-11-02").exit_code == 0
    settled = run(
        cli,
        db,
        "outcome",
        "2",
        "success",
        "--on",
        "2026-11-05",
        "--terms",
        "王五于2026年12月31日前偿还张三52000元。",
    )
    assert settled.exit_code == 0, settled.output
    assert "apply by 2026-12-07" in settled.stderr  # 11-05 + 30 = 12-05, a Saturday

    refused = run(cli, db, "confirm", "request", "2")
    assert refused.exit_code == 2  # --court is required with two courts: a usage error
    assert "1. 焦作市解放区人民法院; 2. 修武县人民法院" in refused.stderr

    drafted = run(cli, db, "--json", "confirm", "request", "2", "--court", "1")
    assert drafted.exit_code == 0, drafted.output
    plan = json.loads(drafted.stdout)
    assert (plan["court"], plan["apply_by"], plan["status"]) == (
        "焦作市解放区人民法院",
        "2026-12-07",
        "drafted",
    )
    assert [g["ground"] for g in plan["dismissal_checklist"]][:2] == [
        "mandatory_law",
        "harms_interests",
    ]

    bad_number = run(
        cli, db, "confirm", "record", "2", "filed", "--on", "2026-11-10", "--case-no", "abc"
    )
    assert bad_number.exit_code == 2, bad_number.output  # a bad option value
    assert run(cli, db, "confirm", "record", "2", "filed", "--on", "2026-11-10").exit_code == 0
    ruled = run(
        cli,
        db,
        "--json",
        "confirm",
        "record",
        "2",
        "dismissed",
        "--on",
        "2026-11-20",
        "--case-no",
        "(2026)豫0802民特123号",
        "--ground",
        "terms not definite",  # as confirm request's checklist names it (or its code)
    )
    assert ruled.exit_code == 0, ruled.output
    assert json.loads(ruled.stdout)["ruling_grounds"] == ["unclear"]

    history = run(cli, db, "--json", "case", "history", "2")
    actions = [e["action"] for e in json.loads(history.stdout)]
    assert actions[-4:] == ["outcome", "confirm_request", "confirm_filed", "confirm_dismissed"]


def test_an_unrecorded_subject_matter_place_is_named_by_its_label(cli, db):
    """CPL art. 205(2): the subject matter's basic court may also be competent. The note
    named the field by its code (subject_matter_location); the clerk reads, and types in
    `case edit --set`, its label."""
    assert run(cli, db, "mediator", "add", "--org", CENTER, "--name", "赵调解员").exit_code == 0
    assert run(cli, db, "case", "assign", "2", "--on", "2026-11-02").exit_code == 0
    settled = run(cli, db, "outcome", "2", "success", "--on", "2026-11-05", "--terms", "偿还。")
    assert settled.exit_code == 0, settled.output
    result = run_zh(cli, db, "confirm", "request", "2")
    said = " ".join(result.stderr.split())
    assert "未登记标的物所在地：" in said.replace(" ", ""), said
    assert "subject_matter_location" not in said
    edited = run(cli, db, "case", "edit", "2", "--set", "标的物所在地=修武县城关镇")
    assert edited.exit_code == 0, edited.output


def run_zh(cli, db, *args):
    """As a clerk sees it: in Chinese at 80 columns."""
    argv = ["--db", db, "--clerk", "李书记员", "--no-input", *args]
    return cli(argv, env={"MEDIATE_LANG": "zh", "COLUMNS": "80"})


def _filed(cli, db):
    """Case 2 settled, its application drafted for 解放区 and filed on 2026-11-10."""
    assert run(cli, db, "mediator", "add", "--org", CENTER, "--name", "赵调解员").exit_code == 0
    assert run(cli, db, "case", "assign", "2", "--on", "2026-11-02").exit_code == 0
    terms = "王五于2026年12月31日前偿还张三52000元。"
    assert (
        run(cli, db, "outcome", "2", "success", "--on", "2026-11-05", "--terms", terms).exit_code
        == 0
    )
    assert run(cli, db, "confirm", "request", "2", "--court", "1").exit_code == 0
    assert run(cli, db, "confirm", "record", "2", "filed", "--on", "2026-11-10").exit_code == 0


@pytest.mark.parametrize(
    ("number", "warning"),
    [
        ("(2026)豫0802民初999号", "类型代字是“民初”"),
        ("(2026)豫0802民特999号", None),
        ("(2024)豫0802诉前调确12号", None),
        ("(2021)豫0802诉前调确12号", "法院自2022年起才以“诉前调确”"),
        ("(2026)豫0802民诉前调12号", "是法院诉前调解案件（民诉前调）的案号"),
    ],
)
def test_case_type_standard_0318_a_confirmation_ruling_is_a_min_te_case(cli, db, number, warning):
    """人民法院案件类型及其代字标准 (法〔2015〕137号) item 0318: 调解协议司法确认案件 → 民特.
    Read only in a third-party transcription (data/PROVENANCE.md), so another type code is
    a warning that says what was expected, not a refusal. 诉前调确 numbers a court's
    confirmation after its pre-filing mediation from 2022 (SPC notice of 2021-09, reported by
    a court's page); 民诉前调 is the pre-filing mediation case's own number, never a ruling's."""
    _filed(cli, db)
    ruled = run_zh(
        cli, db, "confirm", "record", "2", "confirmed", "--on", "2026-11-20", "--case-no", number
    )
    assert ruled.exit_code == 0, ruled.output
    text = "".join(ruled.stderr.split())
    if warning is None:
        assert "请核对案号" not in text and "请填写裁定书上的案号" not in text, text
    else:
        assert warning in text, text
    assert "焦作市解放区人民法院（" in text


@pytest.mark.parametrize(
    ("number", "court"),
    [
        ("(2026)最高法民特3号", "最高人民法院（最高法）"),
        ("〔2026〕豫民特3号", "高级人民法院或同级法院（豫）"),
    ],
)
def test_cpl_2023_art_205_2_a_self_accepted_ruling_is_no_high_court_number(cli, db, number, court):
    """民事诉讼法 (2023) art. 205(2): an agreement a body reached itself is confirmed by a basic
    court, or an intermediate one for its level, so a high court's or the SPC's number (法
    〔2015〕137号 art. 4) is refused with the reason, and nothing is recorded."""
    _filed(cli, db)
    ruled = run_zh(
        cli, db, "confirm", "record", "2", "confirmed", "--on", "2026-11-20", "--case-no", number
    )
    assert ruled.exit_code == 1, ruled.output  # well-formed, wrong for the case: data
    text = "".join(ruled.stderr.split())
    assert "--case-no" in text, text
    assert f"是{court}的案号（法〔2015〕137号第四条）" in text, text
    assert "第二百零五条第二项" in text and "不要填上诉或再审案件的案号" in text, text
    shown = json.loads(run(cli, db, "--json", "case", "show", "2").stdout)
    assert "民特3号" not in json.dumps(shown, ensure_ascii=False)


def test_a_ruling_without_a_number_prints_the_court_without_a_stray_space(cli, db):
    _filed(cli, db)
    ground = "outside_jurisdiction"
    ruled = run_zh(
        cli, db, "confirm", "record", "2", "not_accepted", "--on", "2026-11-20", "--ground", ground
    )
    assert ruled.exit_code == 0, ruled.output
    assert "（焦作市解放区人民法院）" in ruled.stderr, ruled.stderr


def test_a_stale_version_is_a_conflict_with_exit_1(cli, db):
    assert run(cli, db, "mediator", "add", "--org", CENTER, "--name", "钱调解员").exit_code == 0
    assert run(cli, db, "case", "assign", "1", clerk="甲书记员").exit_code == 0
    stale = run(cli, db, "case", "start", "1", "--expect-version", "1", clerk="乙书记员")
    assert stale.exit_code == 1
    assert "Case 1 was changed by 甲书记员 at " in stale.stderr
    assert "reload it and retry" in stale.stderr


def test_a_refused_transition_says_what_is_allowed(cli, db):
    result = run(cli, db, "outcome", "1", "failed", "--reason", "未达成")
    assert result.exit_code == 1
    assert "allowed next: assigned, transferred, withdrawn" in result.stderr


def test_a_broken_holidays_file_is_located(cli, db, tmp_path, monkeypatch):
    bad = tmp_path / "holidays.yaml"
    bad.write_text("2027:\n  holidays: [2027-13-01]\n", encoding="utf-8")
    monkeypatch.setenv("MEDIATE_HOLIDAYS", str(bad))
    run(cli, db, "mediator", "add", "--org", CENTER, "--name", "孙调解员")
    result = run(cli, db, "case", "assign", "1")
    assert result.exit_code == 1
    assert f"{bad}:2:14:'2027-13-01'isnotadate" in result.stderr.replace(" ", "")


def test_mediators_are_listed_with_their_open_cases(cli, db):
    run(cli, db, "mediator", "add", "--org", CENTER, "--name", "周调解员", "--type", "专家")
    run(cli, db, "case", "assign", "1")
    listed = run(cli, db, "--json", "mediator", "list", "--org", CENTER)
    assert listed.exit_code == 0, listed.output
    [row] = json.loads(listed.stdout)
    assert (row["name"], row["type"], row["type_name"], row["open_cases"]) == (
        "周调解员",
        "expert",
        "专家调解员",
        1,
    )
    disabled = run(cli, db, "mediator", "disable", str(row["id"]))
    assert disabled.exit_code == 0
    assert "1 open cases are still with this mediator" in disabled.stderr


def test_dates_in_the_future_are_refused(cli, db):
    run(cli, db, "mediator", "add", "--org", CENTER, "--name", "吴调解员")
    run(cli, db, "case", "assign", "1")
    later = (clock.today() + dt.timedelta(days=5)).isoformat()
    result = run(cli, db, "outcome", "1", "withdrawn", "--on", later)
    assert result.exit_code == 2  # a bad typed value (STYLE), as case new --received
    assert "--on: " in result.stderr and "is in the future" in result.stderr


def test_an_assignment_date_must_have_happened_after_the_case_was_received(cli, db):
    """The first assignment starts the time limit from the mediator's receipt (委派: 30
    days from receipt, see domain/deadlines.py): a receipt tomorrow, or before the body
    received the case, cannot have happened."""
    run(cli, db, "mediator", "add", "--org", CENTER, "--name", "吴调解员")
    tomorrow = (clock.today() + dt.timedelta(days=1)).isoformat()
    future = run(cli, db, "case", "assign", "1", "--on", tomorrow)
    assert future.exit_code == 2, future.output  # a bad typed value, as case new --received
    assert f"--on: {tomorrow} is in the future." in future.stderr
    early = run(cli, db, "case", "assign", "1", "--on", "2000-01-03")
    assert early.exit_code == 1 and "--on: 2000-01-03 is before the case was received" in (
        early.stderr
    )
    assert json.loads(run(cli, db, "--json", "case", "show", "1").stdout)["status"] == "routed"
    assert run(cli, db, "case", "assign", "1", "--on", clock.today().isoformat()).exit_code == 0


def test_a_reassignment_day_is_shown_in_the_history_in_chinese(cli, db, monkeypatch):
    """`case assign --on` on a case that already has a mediator: the day the new mediator
    took it is refused before the first assignment and otherwise read back by the clerk."""
    monkeypatch.setenv("MEDIATE_LANG", "zh")
    run(cli, db, "mediator", "add", "--org", CENTER, "--name", "赵调解员")
    run(cli, db, "mediator", "add", "--org", CENTER, "--name", "钱调解员")
    assert run(cli, db, "case", "assign", "1", "--on", "2026-11-05").exit_code == 0
    early = run(cli, db, "case", "assign", "1", "--mediator", "钱调解员", "--on", "2026-11-04")
    assert early.exit_code == 1
    assert "--on：2026-11-04 早于首次指派日期（2026-11-05）。" in early.stderr
    moved = run(cli, db, "case", "assign", "1", "--mediator", "钱调解员", "--on", "2026-11-20")
    assert moved.exit_code == 0, moved.output
    history = run(cli, db, "case", "history", "1")
    assert "改派日期：2026-11-20" in "".join(history.stdout.split())


def test_at_a_terminal_the_clerk_chooses_the_court_and_accepts_the_warnings(cli, db, monkeypatch):
    import mediate.commands.confirm
    import mediate.commands.outcome

    monkeypatch.setattr(mediate.commands.confirm, "is_interactive", lambda no_input: True)
    monkeypatch.setattr(mediate.commands.outcome, "is_interactive", lambda no_input: True)
    run(cli, db, "mediator", "add", "--org", CENTER, "--name", "郑调解员")
    run(cli, db, "case", "assign", "2", "--on", "2026-11-02")
    settled = cli(
        ["--db", db, "outcome", "2", "settled", "--on", "2026-11-05"],
        input="双方确认争议房屋的所有权归张三。\ny\n",  # the terms, then yes: close it
    )
    assert settled.exit_code == 0, settled.output
    drafted = cli(["--db", db, "confirm", "request", "2"], input="2\ny\n")
    assert drafted.exit_code == 0, drafted.output
    messages = " ".join(drafted.stderr.split())
    assert "title to property" in messages
    assert "Application for case 2 drafted for 修武县人民法院" in messages


def test_at_a_terminal_closing_a_case_asks_first_and_no_changes_nothing(cli, db, monkeypatch):
    """Issue 15: one keystroke must not close a case; --yes (or a script) is not asked."""
    import mediate.commands.outcome

    monkeypatch.setattr(mediate.commands.outcome, "is_interactive", lambda no_input: True)
    run(cli, db, "mediator", "add", "--org", CENTER, "--name", "钱调解员")
    run(cli, db, "case", "assign", "1", "--on", "2026-11-02")
    refused = cli(["--db", db, "outcome", "1", "withdrawn", "--reason", "撤回"], input="n\n")
    assert refused.exit_code == 1
    shown = json.loads(run(cli, db, "case", "show", "1", "--json").stdout)
    assert shown["status"] == "assigned"
    done = cli(["--db", db, "outcome", "1", "withdrawn", "--reason", "撤回", "--yes"])
    assert done.exit_code == 0, done.output


def test_at_a_terminal_refusing_the_warnings_drafts_nothing(cli, db, monkeypatch):
    import mediate.commands.confirm

    monkeypatch.setattr(mediate.commands.confirm, "is_interactive", lambda no_input: True)
    run(cli, db, "mediator", "add", "--org", CENTER, "--name", "冯调解员")
    run(cli, db, "case", "assign", "2", "--on", "2026-11-02")
    run(
        cli,
        db,
        "outcome",
        "2",
        "settled",
        "--on",
        "2026-11-05",
        "--terms",
        "确认专利权归甲公司所有",
    )
    refused = cli(["--db", db, "confirm", "request", "2", "--court", "1"], input="n\n")
    assert refused.exit_code == 1
    assert "--accept-warnings" in refused.stderr
    again = run(cli, db, "confirm", "record", "2", "filed")
    assert again.exit_code == 1 and "no application for confirmation yet" in again.stderr


def _credit_case(url: str, parties: list[dict]) -> None:
    """Case 1: an unpaid-goods dispute in mediation at the credit committee (seed item 18)."""
    engine = make_engine(url)
    with Session(engine) as session:
        factories.org(session, "jz-410800-credit", kind="credit_committee", division_code="410800")
        factories.case(
            session,
            org_id="jz-410800-credit",
            cause="买卖合同纠纷",
            claim="支付货款52000元",
            status="in_mediation",
            parties=parties,
        )
        session.commit()
    engine.dispose()


def test_a_credit_report_is_an_explicit_confirmed_command_with_its_basis(cli, store):
    # Issue 14 item 3: failing at the credit committee reports nobody; `credit report` does,
    # with --yes (or a confirmation) and the legal basis, once.
    _credit_case(
        store.url, [factories.person(), factories.enterprise("respondent", "焦作某商贸有限公司")]
    )
    db = store.url
    failed = run(cli, db, "--json", "outcome", "1", "failed", "--reason", "拒不到场")
    assert json.loads(failed.stdout)["follow_ups"] == ["parties_informed"]
    unconfirmed = run(cli, db, "credit", "report", "1", "--basis", "《征信业管理条例》第四十四条")
    assert unconfirmed.exit_code == 1
    assert "add --yes" in unconfirmed.stderr
    reported = run(
        cli,
        db,
        "--json",
        "credit",
        "report",
        "1",
        "--yes",
        "--basis",
        "《征信业管理条例》第四十四条",
    )
    assert reported.exit_code == 0, reported.output
    assert json.loads(reported.stdout)["enterprises"] == ["焦作某商贸有限公司"]
    again = run(cli, db, "credit", "report", "1", "--yes", "--basis", "同上")
    assert again.exit_code == 1
    assert "already reported" in again.stderr


def test_the_credit_export_flags_only_the_enterprise_the_decision_reported(cli, store):
    # DOMAIN §4.1 / 征信业管理条例 arts. 23, 44: the report names the enterprise respondent;
    # the export's per-party `reported` must not make the creditor or a person look reported
    # (review of 2026-12-03: all three rows were `failed,credit_report` with no flag).
    _credit_case(
        store.url,
        [
            factories.enterprise("applicant", "焦作甲公司", id_number="91410800MA44AAAA1Y"),
            factories.enterprise("respondent", "焦作乙公司"),
            factories.person("respondent", "丙某"),
        ],
    )
    db = store.url
    run(cli, db, "outcome", "1", "failed", "--reason", "拒不到场")
    period = ("--from", "2000-01-01", "--to", "2100-12-31")
    before = json.loads(run(cli, db, "export", "credit", *period).stdout)["records"][0]
    assert [p["reported"] for p in before["parties"]] == [False, False, False]
    reported = run(cli, db, "credit", "report", "1", "--yes", "--basis", "征信业管理条例第四十四条")
    assert reported.exit_code == 0, reported.output
    record = json.loads(run(cli, db, "export", "credit", *period).stdout)["records"][0]
    assert record["follow_up"] == "credit_report"
    assert [(p["name"], p["reported"]) for p in record["parties"]] == [
        ("焦作甲公司", False),
        ("焦作乙公司", True),
        ("丙某", False),
    ]
    rows = list(
        csv.DictReader(io.StringIO(run(cli, db, "export", "credit", *period, "-f", "csv").stdout))
    )
    assert [(r["party_name"], r["party_reported"]) for r in rows] == [
        ("焦作甲公司", "false"),
        ("焦作乙公司", "true"),
        ("丙某", "false"),
    ]
    assert list(rows[0])[:18] == CREDIT_CSV_COLUMNS[:18]  # appended, nothing renamed


# A holidays or jurisdiction file saved in GBK was a UnicodeDecodeError (exit 3), a missing
# jurisdiction file the system's English (review of 2026-12-03).
GBK_HOLIDAYS = "2027:\n  holidays:\n    - 2027-01-01..2027-01-03  # 元旦\n".encode("gbk")


@pytest.mark.parametrize(
    ("variable", "args", "said"),
    [
        ("MEDIATE_HOLIDAYS", ("case", "edit", "1", "--set", "标签=x"), "无法读取节假日文件"),
        ("MEDIATE_JURISDICTION", ("confirm", "request", "2"), "无法读取管辖配置文件"),
    ],
    ids=["holidays", "jurisdiction"],
)
def test_a_gbk_or_missing_settings_file_is_said_in_chinese(
    cli, db, tmp_path, monkeypatch, variable, args, said
):
    monkeypatch.setenv("MEDIATE_LANG", "zh")
    gbk = tmp_path / "hg.yaml"
    gbk.write_bytes(GBK_HOLIDAYS)
    monkeypatch.setenv(variable, str(gbk))
    result = run(cli, db, *args)
    assert result.exit_code == 1, result.output
    assert f"{said} {gbk}：文件不是 UTF-8 文本" in result.stderr
    monkeypatch.setenv(variable, str(tmp_path / "nope.yaml"))
    result = run(cli, db, *args)
    assert result.exit_code == 1, result.output
    assert f"{said} {tmp_path / 'nope.yaml'}：没有这个文件或目录" in result.stderr


def test_a_tag_on_a_value_it_cannot_read_in_the_jurisdiction_file_is_located(
    cli, db, tmp_path, monkeypatch
):
    monkeypatch.setenv("MEDIATE_LANG", "zh")
    tagged = tmp_path / "j.yaml"
    tagged.write_text("all_in_province_from: !!int x\n", encoding="utf-8")
    monkeypatch.setenv("MEDIATE_JURISDICTION", str(tagged))
    result = run(cli, db, "confirm", "request", "2")
    assert result.exit_code == 1, result.output
    assert f"{tagged}:1:23：“x”不能按标签 !!int 读取" in result.stderr
