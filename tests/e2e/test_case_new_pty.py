"""`mediate case new` driven through a real pseudo-terminal, as a clerk types it."""

import json
import os
import platform
import sys
import time
from pathlib import Path

import pexpect
import pytest

from tests.clockrun import CLOCKRUN
from tests.conftest import interruptible, invoke


@pytest.fixture
def initialised(sqlite_db):
    """The terminal dialogue is the same on every backend: SQLite only, to keep it quick."""
    result = invoke(["--db", sqlite_db.url, "init"])
    assert result.exit_code == 0, result.output
    return sqlite_db


@pytest.fixture
def clerk_at_terminal(initialised):
    # The terminal's size and COLUMNS agree, whatever terminal runs the suite.
    env = {
        **os.environ,
        "NO_COLOR": "1",
        "MEDIATE_CLERK": "王书记员",
        "TERM": "xterm",
        "COLUMNS": "160",
        "LINES": "50",
    }

    def start(args=(), **more):
        child = pexpect.spawn(
            sys.executable,
            [CLOCKRUN, "--db", initialised.url, "case", "new", *args],
            env={**env, **more},
            encoding="utf-8",
            timeout=90,  # a loaded CI machine (2 cores, the whole suite beside it)
            dimensions=(50, 160),
            preexec_fn=interruptible,  # Ctrl-C as at a terminal, however the suite was started
        )
        return child

    return start


UNKNOWN_PERSON_PROMPTS = (
    *("Resident ID number:", "Sex", "Date of birth", "Ethnicity", "Domicile", "Phone:"),
    *("Service address", "Backup service address", "E-mail"),
)


# The calls a process waiting for the terminal is blocked in: readline's select loop
# (pselect6/select, poll), or a plain read of standard input. By machine (Linux numbers).
_WAITING = {
    "x86_64": {"270": "pselect6", "23": "select", "7": "poll", "271": "ppoll", "0": "read"},
    "aarch64": {"72": "pselect6", "73": "ppoll", "63": "read"},
}


def wait_until_reading_the_terminal(child, timeout=90.0):
    """Until the child is blocked waiting for the clerk's next key.

    The prompt's text is printed before Python calls input(); a Ctrl-C that lands after
    input() has checked for signals but before readline's select() starts waiting is only
    acted on when select() returns: at the next key, or a second Ctrl-C (CPython's
    Modules/readline.c checks signals only when select() is interrupted). Under heavy load
    that window is wide enough for a test's Ctrl-C; no terminal output marks its end, the
    kernel's view of the process does (/proc/PID/syscall: the call it is blocked in)."""
    if not can_see_the_prompt_waiting(child):
        pytest.skip("needs Linux's /proc/PID/syscall to see the prompt waiting")
    calls = _WAITING[platform.machine()]
    path = Path(f"/proc/{child.pid}/syscall")
    deadline = time.monotonic() + timeout
    seen = ""
    while time.monotonic() < deadline:
        fields = path.read_text().split()
        seen = " ".join(fields[:2])
        if fields and fields[0] in calls and (calls[fields[0]] != "read" or fields[1] == "0x0"):
            return
        time.sleep(0.01)
    raise AssertionError(f"the prompt never waited for the terminal (last call: {seen!r})")


def can_see_the_prompt_waiting(child) -> bool:
    return platform.machine() in _WAITING and Path(f"/proc/{child.pid}/syscall").exists()


def answer(child, prompt, text):
    """Type `text` at `prompt`, once the process is waiting for it (where /proc shows that):
    a line sent while the previous answer is still being checked is read all the same, but
    waiting keeps every key of a slow run in step with what a clerk at the prompt sees."""
    child.expect_exact(prompt)
    if can_see_the_prompt_waiting(child):
        wait_until_reading_the_terminal(child)
    child.sendline(text)


def test_a_clerk_registers_a_dispute_field_by_field_with_retries(clerk_at_terminal, initialised):
    child = clerk_at_terminal()
    answer(child, "Cause (案由), or part of it:", "借贷")
    child.expect_exact("1. 民间借贷纠纷")
    answer(child, "Number of the cause", "1")
    answer(child, "Amount in dispute", "五十块左右")
    child.expect_exact("'五十块左右' is not an amount of money")
    answer(child, "Amount in dispute", "5.2万元")
    answer(child, "Source", "")  # the default: 自行受理
    answer(child, "Received on", "2026-11-20")
    answer(child, "Where it arose", "410802")
    child.expect_exact("Applicant")
    answer(child, "Kind", "")  # the default: 自然人
    answer(child, "Name:", "张伟")
    answer(child, "Resident ID number:", "410802198503121016")
    child.expect_exact("wrong check digit in the ID number")
    answer(child, "Resident ID number:", "410802198503121015")
    child.expect_exact("男, born 1985-03-12")
    answer(child, "Ethnicity", "")
    answer(child, "Domicile", "焦作市解放区民主南路1号")
    answer(child, "Phone:", "12345")
    child.expect_exact("12345 is not a phone number")
    answer(child, "Phone:", "138 0391 0001")
    for prompt in ("Service address", "Backup service address", "E-mail"):
        answer(child, prompt, "")
    child.expect_exact("Respondent")
    answer(child, "Kind", "企业")
    answer(child, "Name:", "焦作市恒通商贸有限公司")
    answer(child, "Unified social credit code:", "91410802MA45HTM10X")
    child.expect_exact("wrong check character in the credit code")
    answer(child, "Unified social credit code:", "")
    for prompt in ("Legal representative", "Registered address", "Phone:"):
        answer(child, prompt, "")
    for prompt in ("Service address", "Backup service address", "E-mail"):
        answer(child, prompt, "")
    answer(child, "Add another party?", "n")
    answer(child, "Facts, briefly", "借款到期未还。")
    answer(child, "Claim", "偿还借款52000元")
    child.expect_exact("张伟 (person)")
    child.expect_exact("ID number: 4108**********1015")
    answer(child, "Register this dispute?", "y")
    child.expect_exact("Registered case 1.")
    child.expect_exact("Routed to")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    shown = json.loads(invoke(["--db", initialised.url, "--json", "case", "show", "1"]).stdout)
    assert (shown["cause"], shown["amount"], shown["received_on"], shown["claim"]) == (
        "民间借贷纠纷",
        "52000.00",
        "2026-11-20",
        "偿还借款52000元",
    )
    assert [(p["name"], p["kind"], p["phone"]) for p in shown["parties"]] == [
        ("张伟", "person", "138****0001"),
        ("焦作市恒通商贸有限公司", "enterprise", None),
    ]
    assert shown["created_by"] == "王书记员"
    assert shown["status"] == "routed"


def test_rule_art59_a_sole_trader_is_asked_for_its_operator_not_a_legal_representative(
    clerk_at_terminal, initialised
):
    """民诉法解释 (2022) art. 59 (read in LawRefBook/Laws at 2f4c5c2): a 个体工商户 is the party
    under its 字号 "但应同时注明该字号经营者的基本信息". Typed as 个体工商户 at the terminal, it is
    asked for its 经营者 (never a 法定代表人 and a title) and for its credit code or the
    operator's resident ID, checked as `--respondent` checks it."""
    import io

    child = clerk_at_terminal()
    child.logfile_read = seen = io.StringIO()
    answer(child, "Cause (案由), or part of it:", "买卖合同纠纷")
    answer(child, "Amount in dispute", "3000")
    answer(child, "Source", "")
    answer(child, "Received on", "2026-11-20")
    answer(child, "Where it arose", "410802")
    answer(child, "Kind", "")
    answer(child, "Name:", "张伟")
    answer(child, "Resident ID number:", "410802198503121015")
    for prompt in UNKNOWN_PERSON_PROMPTS[3:]:  # ethnicity … e-mail
        answer(child, prompt, "")
    child.expect_exact("Respondent")
    answer(child, "Kind", "个体工商户")
    answer(child, "Name:", "焦作市解放区老钱烧烤店")
    answer(child, "operator's resident ID number:", "410802198001010011")
    child.expect_exact("wrong check digit in the ID number")
    answer(child, "operator's resident ID number:", "410802198001010016")
    child.expect_exact("男, born 1980-01-01")
    answer(child, "Operator (经营者):", "钱某")
    # 市场主体登记管理条例 (2021) art. 8 para. 2(四): the operator's own 住所
    answer(child, "Operator's domicile (经营者住所):", "焦作市山阳区焦东路8号")
    # ... and the shop's own address, its 经营场所 (the same art. 8 para. 2(四))
    for prompt in ("Place of business (经营场所)", "Phone:", *UNKNOWN_PERSON_PROMPTS[-3:]):
        answer(child, prompt, "")
    answer(child, "Add another party?", "n")
    answer(child, "Facts, briefly", "")
    answer(child, "Claim", "")
    answer(child, "Register this dispute?", "y")
    child.expect_exact("Registered case 1.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Legal representative" not in seen.getvalue()
    assert "Their title" not in seen.getvalue()
    shown = json.loads(invoke(["--db", initialised.url, "--json", "case", "show", "1"]).stdout)
    shop = shown["parties"][1]
    assert (shop["kind"], shop["legal_rep"], shop["legal_rep_title"]) == (
        "enterprise",
        "钱某",
        "经营者",
    )
    assert shop["id_number"].endswith("0016")
    assert (shop["operator_address"], shop["address"]) == ("焦作市山阳区焦东路8号", None)


def test_rule_art59_the_chinese_interview_asks_a_sole_traders_operator(clerk_at_terminal):
    """The same questions in Chinese: the number it takes, and its 经营者."""
    child = clerk_at_terminal(MEDIATE_LANG="zh")
    answer(child, "案由", "相邻关系纠纷")
    for prompt in ("标的额", "来源", "收案日期", "纠纷发生地"):
        answer(child, prompt, "")
    answer(child, "类型（自然人/企业/个体工商户/事业单位/行政机关）", "个体户")
    answer(child, "姓名或名称", "焦作市解放区老钱烧烤店")
    answer(child, "统一社会信用代码或经营者居民身份证号码", "")
    child.expect_exact("  经营者")  # the operator's own question, not the number's
    wait_until_reading_the_terminal(child)
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()


def test_declining_at_the_summary_registers_nothing(clerk_at_terminal, initialised):
    child = clerk_at_terminal()
    answer(child, "Cause (案由), or part of it:", "相邻关系纠纷")
    answer(child, "Amount in dispute", "")
    answer(child, "Source", "")
    answer(child, "Received on", "2026-11-20")
    answer(child, "Where it arose", "")
    for who in ("王芳", "刘洋"):
        answer(child, "Kind", "")
        answer(child, "Name:", who)
        for prompt in UNKNOWN_PERSON_PROMPTS:
            answer(child, prompt, "")
    answer(child, "Add another party?", "n")
    answer(child, "Facts, briefly", "")
    answer(child, "Claim", "")
    answer(child, "Register this dispute?", "n")  # back to the fields…
    answer(child, "Number (Enter: back to the summary)", "0")  # …and give up
    child.expect_exact("Not registered.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    listed = json.loads(invoke(["--db", initialised.url, "--json", "case", "list"]).stdout)
    assert listed["total"] == 0


def test_enter_on_a_default_moves_to_a_new_line_and_ctrl_c_says_so(clerk_at_terminal):
    child = clerk_at_terminal()
    answer(child, "Cause (案由), or part of it:", "相邻关系纠纷")
    answer(child, "Amount in dispute", "")
    answer(child, "Source", "")  # Enter takes 自行受理
    child.expect_exact("Received on")
    assert child.before.endswith("\n")  # not on the line of the Source prompt
    wait_until_reading_the_terminal(child)
    child.sendcontrol("c")  # once, as a clerk does
    child.expect_exact("Interrupted.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_the_summary_names_a_place_at_an_own_division_as_case_show_does(
    clerk_at_terminal, initialised, tmp_path
):
    """The summary before 是否登记该纠纷？ printed a place at a division of the deployment's
    own (`org import` with its name: orgs.division_name) as the bare code, where `case show`
    prints 焦作市解放区王褚街道某村（410802009201）: it names it alike."""
    import io
    import re

    own = "410802009201"
    path = tmp_path / "own.yaml"
    path.write_text(
        f"divisions:\n- {{code: '{own}', name: 某村}}\norgs:\n"
        f"- {{id: jz-{own}-village-room, name: 焦作市解放区王褚街道某村人民调解室,"
        f" kind: village_room, division: '{own}', court: jz-410802-court}}\n",
        encoding="utf-8",
    )
    assert invoke(["--db", initialised.url, "org", "import", str(path)]).exit_code == 0
    given = (
        *("--cause", "民间借贷纠纷", "--amount", "3000", "--source", "自行受理"),
        *("--received", "2026-11-20", "--location", own, "--applicant", "张三"),
        *("--respondent", "李四", "--facts", "借款未还", "--claim", "偿还借款"),
    )
    child = clerk_at_terminal(MEDIATE_LANG="zh", args=given)
    child.logfile_read = seen = io.StringIO()
    answer(child, "是否再添加当事人？", "n")
    answer(child, "是否登记该纠纷？", "n")
    answer(child, "序号", "0")
    child.expect(pexpect.EOF)
    child.close()
    summary = "".join(re.sub(r"\x1b\[[0-9;]*m", "", seen.getvalue()).split())  # no bold
    assert f"纠纷发生地焦作市解放区王褚街道某村（{own}）" in summary, seen.getvalue()
