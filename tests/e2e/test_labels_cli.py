"""A Chinese clerk types what the tool prints: labels are accepted as options and
arguments, unknown words are usage errors, and the history reads in Chinese."""

import json

import pytest

from mediate import console
from mediate.resources import data_dir
from mediate.textwidth import cell_width

REFERRALS = data_dir() / "samples" / "referrals-jiefang-gbk.csv"


@pytest.fixture
def db(initialised, cli):
    result = cli(["--db", initialised.url, "import", str(REFERRALS)])
    assert result.exit_code in (0, 1), result.output  # the sample rejects two rows on purpose
    return initialised.url


@pytest.fixture
def zh(monkeypatch):
    monkeypatch.setenv("MEDIATE_LANG", "zh")


def ids(cli, db, *args):
    result = cli(["--db", db, "--json", "case", "list", *args])
    assert result.exit_code == 0, result.output
    return [row["id"] for row in json.loads(result.stdout)["cases"]]


def test_case_list_takes_the_status_as_printed_in_either_language(cli, db):
    routed = ids(cli, db, "--status", "routed")
    assert routed
    assert ids(cli, db, "--status", "已分流") == routed
    assert ids(cli, db, "--status", "Routed") == routed
    assert ids(cli, db, "--status", "调解中") == []


def test_an_unknown_status_is_a_usage_error_not_an_empty_list(cli, db, zh):
    result = cli(["--db", db, "case", "list", "--status", "nonsense"])
    assert result.exit_code == 2
    assert "“nonsense”不是有效的案件状态" in result.stderr
    assert "已分流（routed）" in result.stderr
    assert result.stdout == ""


def test_county_and_source_by_name_in_case_list_report_and_export(cli, db):
    by_code = ids(cli, db, "--county", "410802")
    assert ids(cli, db, "--county", "解放区") == by_code
    assert ids(cli, db, "--source", "委派") == ids(cli, db, "--source", "court_delegated")
    for command in (["report", "funnel"], ["report", "causes"], ["export", "cases"]):
        result = cli(["--db", db, *command, "--county", "解放区", "--source", "委派"])
        assert result.exit_code == 0, (command, result.output)


def test_every_county_option_takes_code_short_and_full_name(cli, db):
    """Review of 2026-12-02: `case list --county 焦作市山阳区` exited 2 while `org list`
    took it and `org show` prints it; one resolver (vocabulary.COUNTY) takes all forms."""
    by_code = ids(cli, db, "--county", "410802")
    for form in ("解放", "解放区", "焦作市解放区"):
        assert ids(cli, db, "--county", form) == by_code, form
    orgs = cli(["--db", db, "--json", "org", "list", "--county", "410802"]).stdout
    for command in (["report", "funnel"], ["export", "cases"], ["org", "list"]):
        for form in ("解放", "焦作市解放区"):
            result = cli(["--db", db, "--json", *command, "--county", form])
            assert result.exit_code == 0, (command, form, result.output)
            if command[0] == "org":
                assert result.stdout == orgs


def test_bodies_by_name_and_results_by_label(cli, db):
    added = cli(["--db", db, "--json", "mediator", "add", "--org", "焦作市金融纠纷调解委员会",
                 "--name", "赵敏", "--type", "律师"])  # fmt: skip
    assert added.exit_code == 0, added.output
    assert json.loads(added.stdout)["org"] == "jz-410800-finance"
    assert cli(["--db", db, "case", "assign", "1"]).exit_code == 0
    settled = cli(["--db", db, "--no-input", "outcome", "1", "成功", "--terms", "分期还款"])
    assert settled.exit_code == 0, settled.output
    assert cli(["--db", db, "case", "assign", "2"]).exit_code == 0
    failed = cli(["--db", db, "--no-input", "outcome", "2", "调解不成", "--reason", "拒不到场",
                  "--follow-up", "退回法院"])  # fmt: skip
    assert failed.exit_code == 0, failed.output
    shown = json.loads(cli(["--db", db, "--json", "case", "show", "2"]).stdout)
    assert shown["status"] == "failed"


def test_an_unknown_follow_up_lists_what_the_option_takes(cli, db, zh):
    """Not 报送征信机构 (credit_report): that is `mediate credit report` (review of
    2026-12-02)."""
    result = cli(["--db", db, "--no-input", "outcome", "2", "调解不成", "--reason", "拒不到场",
                  "--follow-up", "起诉"])  # fmt: skip
    assert result.exit_code == 2
    assert "parties_informed" in result.stderr and "credit_report" not in result.stderr


def test_a_credit_report_typed_as_a_follow_up_is_a_usage_error_naming_the_follow_ups(cli, db, zh):
    """征信 is a word the tool knows: exit 2 (it was exit 1) saying where it goes and
    naming, by their labels, the follow-ups the option takes (review of 2026-12-02)."""
    for word in ("征信", "报送征信机构", "credit_report"):
        result = cli(["--db", db, "--no-input", "outcome", "2", "调解不成", "--reason", "拒不到场",
                      "--follow-up", word])  # fmt: skip
        assert result.exit_code == 2, result.output
        assert "mediate credit report" in result.stderr
        assert "退回法院" in result.stderr and "告知当事人其他救济途径" in result.stderr


def test_every_follow_up_label_the_tool_prints_is_taken_back(cli, db, zh):
    from mediate.domain.status import follow_up_label
    from mediate.domain.vocabulary import FOLLOW_UP
    from mediate.i18n import in_language

    for code in FOLLOW_UP.codes:
        with in_language("zh_CN"):
            label = follow_up_label(code)
        if code == "credit_report":
            continue
        assert FOLLOW_UP.parse(label) == code, label
    refused = cli(["--db", db, "--no-input", "outcome", "2", "调解不成", "--reason", "拒不到场",
                   "--follow-up", "起诉"])  # fmt: skip
    listed = refused.stderr.split("：", 2)[-1]
    for code in ("returned_to_court", "parties_informed", "labour_arbitration"):
        with in_language("zh_CN"):
            assert follow_up_label(code) in listed, (code, listed)


def test_an_unknown_body_is_a_usage_error_naming_the_candidates(cli, db, zh):
    result = cli(["--db", db, "mediator", "add", "--org", "解放区", "--name", "赵敏"])
    assert result.exit_code == 2
    assert "对应多个调解组织" in result.stderr and "jz-410802-county-center" in result.stderr


def test_history_reads_in_chinese_and_json_keeps_the_codes(cli, db, zh):
    moved = cli(["--db", db, "case", "transfer", "1", "--to", "jz-410802-county-center",
                 "--reason", "当事人要求"])  # fmt: skip
    assert moved.exit_code == 0, moved.output
    console.reset(width=400)  # wide enough that no cell wraps
    shown = cli(["--db", db, "case", "history", "1"]).stdout
    assert "从法院表格导入" in shown and "移送其他调解组织" in shown
    assert "状态：已分流" in shown and "状态：已移送" in shown
    assert "书记员移送" in shown  # a manual transfer is not a rule
    for internal in ("imported", "transfer ", "status=", "mediator_id", "routed"):
        assert internal not in shown, internal
    events = json.loads(cli(["--db", db, "--json", "case", "history", "1"]).stdout)
    assert [e["action"] for e in events] == ["imported", "transfer"]
    assert events[1]["after"]["status"] == "transferred"


def test_a_manual_transfer_shows_in_words_in_case_show(cli, db, zh):
    """Review of 2026-12-02: `规则：transfer（规则版本 manual）`."""
    moved = cli(["--db", db, "case", "transfer", "1", "--to", "jz-410802-county-center",
                 "--reason", "当事人要求"])  # fmt: skip
    assert moved.exit_code == 0, moved.output
    console.reset(width=400)
    shown = cli(["--db", db, "case", "show", "1"]).output
    assert "规则：书记员移送（规则版本 人工指定）" in shown
    assert "manual" not in shown and "transfer" not in shown


@pytest.mark.parametrize("width", [60, 80, 120])
def test_org_list_shows_whole_ids_at_any_width(cli, db, zh, width):
    console.reset(width=width)
    shown = cli(["--db", db, "org", "list", "--county", "解放区"]).stdout
    assert "…" not in shown
    assert max(cell_width(line) for line in shown.splitlines()) <= width
    for org_id in ("jz-410802-county-center", "jz-410802001-township-center"):
        assert org_id in shown
    assert "名称" in shown and "姓名" not in shown


@pytest.mark.parametrize("width", [60, 80, 120])
def test_case_list_keeps_statuses_whole_at_any_width(cli, db, zh, width):
    console.reset(width=width)
    shown = cli(["--db", db, "case", "list"]).stdout
    assert "…" not in shown
    assert "已分流" in shown
    assert max(cell_width(line) for line in shown.splitlines()) <= width


def test_csv_for_people_has_the_bom_chinese_headers_and_labels(cli, db, zh):
    shown = cli(["--db", db, "case", "list", "--csv"]).stdout
    assert shown.startswith("\ufeff案件编号,案号,案由")
    assert ",已分流," in shown and ",routed," not in shown
    raw = cli(["--db", db, "case", "list", "--csv", "--raw"]).stdout
    assert raw.startswith("id,court_case_no,cause")
    assert ",routed," in raw and "\ufeff" not in raw
    assert "王芳、刘洋" in raw  # several parties in one cell, as printed


def test_export_and_report_csv_speak_the_interface_language(cli, db, zh):
    import csv
    import io

    from mediate.domain.vocabulary import SOURCE

    exported = cli(["--db", db, "export", "cases"]).stdout
    assert exported.startswith("\ufeff案件编号,案号,案由,请求事项,标的额,来源")
    raw = cli(["--db", db, "export", "cases", "--raw"]).stdout
    assert raw.startswith("case_id,court_case_no")
    # Whatever sources the sample batch holds: labels for people, codes for scripts.
    labels = [r["来源"] for r in csv.DictReader(io.StringIO(exported.lstrip("\ufeff")))]
    codes = [r["source"] for r in csv.DictReader(io.StringIO(raw))]
    assert codes and all(code in SOURCE.codes for code in codes)
    assert labels == [SOURCE.label(code) for code in codes]
    assert not set(labels) & set(SOURCE.codes)
    orgs = cli(["--db", db, "report", "orgs", "--csv"]).stdout
    header = orgs.splitlines()[0]
    assert "收案数" in header and "收案日期" not in header  # a count, not a date
    assert "专业调解组织" in orgs and ",professional," not in orgs
    causes = cli(["--db", db, "report", "causes", "--csv"]).stdout.splitlines()[0]
    assert "收案数" in causes


def test_funnel_csv_and_xlsx_name_the_buckets_and_raw_keeps_the_codes(cli, db, zh, tmp_path):
    import csv
    import io

    from openpyxl import load_workbook

    shown = cli(["--db", db, "report", "funnel", "--csv"]).stdout.lstrip("\ufeff")
    buckets = [r["化解层次"] for r in csv.DictReader(io.StringIO(shown))]
    assert buckets[:5] == [
        "诉外化解",
        "诉前化解（诉调对接中心）",
        "诉讼裁判",
        "未化解（调解不成且未退回法院）",
        "撤回（不计入分母）",
    ]
    raw = cli(["--db", db, "report", "funnel", "--csv", "--raw"]).stdout
    assert [r["bucket"] for r in csv.DictReader(io.StringIO(raw))][:2] == [
        "outside_court_door",
        "at_court_door",
    ]
    target = tmp_path / "funnel.xlsx"
    assert cli(["--db", db, "report", "funnel", "--xlsx", str(target)]).exit_code == 0
    first = next(load_workbook(target).active.iter_rows(min_row=2))
    assert first[2].value == "诉外化解"


def test_history_shows_every_word_in_the_interface_language_and_json_keeps_codes(
    cli, db, zh, tmp_path
):
    """House rule: a session's status, a document's kind and the body a case was routed
    to read in Chinese in `case history` (one label for the body); --json keeps codes."""
    steps = [
        ["mediator", "add", "--org", "jz-410800-finance", "--name", "赵敏"],
        ["case", "assign", "2", "--mediator", "1"],
        ["session", "2", "--at", "2026-12-01 08:30", "--place", "第一调解室", "--held"],
        ["session", "record", "1", "--attended", "1", "--notes", "双方同意"],
        ["outcome", "2", "settled", "--terms", "被申请人偿还借款", "--yes"],
        ["doc", "render", "court_report", "2", "-o", str(tmp_path)],
    ]
    for step in steps:
        result = cli(["--db", db, *step])
        assert result.exit_code == 0, (step, result.output)
    console.reset(width=1000)  # wide enough that no cell wraps
    shown = cli(["--db", db, "case", "history", "2"]).stdout
    assert "调解会：1；状态：已安排" in shown and "状态：已召开" in shown
    assert "类型：调解情况报告" in shown
    assert "调解组织：焦作市金融纠纷调解委员会（jz-410800-finance）" in shown
    assert "调解员：赵敏（1）" in shown and "调解员：1" not in shown  # as the body: name (id)
    for internal in ("scheduled", "held", "court_report", "调解组织编号"):
        assert internal not in shown, internal
    events = json.loads(cli(["--db", db, "--json", "case", "history", "2"]).stdout)
    after = {e["action"]: e["after"] for e in events}
    assert after["session_held"]["status"] == "held"
    assert after["document"]["kind"] == "court_report"
    assert after["imported"]["org"] == "jz-410800-finance"
    assert after["assign"]["mediator_id"] == 1


def test_case_edit_takes_back_every_label_the_tool_prints_for_a_field(cli, db):
    """`case edit --set` takes a field by the label `case show`, an export or the edit's
    own messages print for it, in either language, whatever the interface language."""
    for name, value in [("Received", "2026-11-03"), ("收案日期", "2026-11-04"),
                        ("金额", "52000.50"), ("amount in dispute", "1000")]:  # fmt: skip
        result = cli(["--db", db, "--no-input", "case", "edit", "1", "--set", f"{name}={value}"])
        assert result.exit_code == 0, (name, result.output)
    for name, value in [("法定代表人职务", "行长"), ("Address", "焦作市民主路1号"),
                        ("地址", "焦作市民主路2号")]:  # fmt: skip
        result = cli(["--db", db, "--no-input", "case", "edit", "1", "--party", "1",
                      "--set", f"{name}={value}"])  # fmt: skip
        assert result.exit_code == 0, (name, result.output)
    shown = json.loads(cli(["--db", db, "--json", "case", "show", "1", "--reveal"]).stdout)
    assert shown["received_on"] == "2026-11-04" and shown["amount"] == "1000.00"
    assert shown["parties"][0]["legal_rep_title"] == "行长"
    assert shown["parties"][0]["address"] == "焦作市民主路2号"


def test_case_edit_lists_its_fields_by_their_chinese_labels(cli, db, zh):
    import os
    import subprocess
    import sys

    result = cli(["--db", db, "case", "edit", "1", "--set", "颜色=红"])
    assert result.exit_code == 2  # a usage error (review of 2026-12-02)
    said = "".join(result.stderr.split())
    assert "“颜色”不是可修改的字段（可修改：案号、案由、标的额、来源、" in said, said
    assert "court_case_no" not in said
    party = cli(["--db", db, "case", "edit", "1", "--party", "1", "--set", "颜色=红"])
    assert "姓名或名称、诉讼地位、类型、证件号码" in "".join(party.stderr.split())
    env = dict(os.environ, MEDIATE_LANG="zh", COLUMNS="80")
    page = subprocess.run([sys.executable, "-m", "mediate", "case", "edit", "--help"], env=env,
                          capture_output=True, text=True, check=True).stdout  # fmt: skip
    page = "".join(page.split())
    assert "案件的字段：案号、案由、标的额、" in page and "法定代表人职务" in page
    assert "subject_matter_location" not in page


def test_each_name_of_a_field_names_one_field():
    """What `case edit --set` takes back is never ambiguous: no word names two fields."""
    from mediate.domain.fields import CASE_EDITABLE, PARTY_EDITABLE, field_names, parse_field

    fields = (*CASE_EDITABLE, *PARTY_EDITABLE)
    assert len(set(fields)) == len(fields)
    owner: dict[str, str] = {}
    for name in fields:
        for word in field_names(name):
            assert owner.setdefault(word, name) == name, (word, owner[word], name)
            allowed = CASE_EDITABLE if name in CASE_EDITABLE else PARTY_EDITABLE
            assert parse_field(word, allowed) == name
    assert {"标的额", "金额", "收案日期", "法定代表人职务", "姓名或名称"} <= set(owner)


def test_a_filter_takes_every_name_its_column_has_in_edit_and_exports():
    """One source of field names (domain/fields.field_names) for `doc batch --filter`,
    `case edit --set` and the exports' headers: 案件来源 or an export's header names the
    filter on that column (review of 2026-12-02: docbatch kept its own list)."""
    from mediate.domain.events import column_header, field_label
    from mediate.domain.fields import field_names, typed_names
    from mediate.i18n import LANGUAGES, in_language
    from mediate.services.docbatch import _FILTER_COLUMNS, filter_key, filter_names, filter_words

    for key, column in _FILTER_COLUMNS.items():
        assert field_names(column) <= filter_words(key), key
        for language in LANGUAGES:
            with in_language(language):
                assert filter_key(column_header(column)) == key
    assert filter_key("案件来源") == "source"
    with in_language("zh_CN"):
        assert filter_names() == "状态、调解组织、来源、县区代码、案由、结果"
        assert filter_names() == typed_names(
            tuple(_FILTER_COLUMNS.values()), lambda c: field_label(c)
        )
    with in_language("en"):
        assert filter_names() == "status, org, source, county, cause, result"


def test_each_name_of_a_filter_names_one_filter():
    from mediate.services.docbatch import FILTER_KEYS, filter_key, filter_words

    owner: dict[str, str] = {}
    for key in FILTER_KEYS:
        for word in filter_words(key):
            assert owner.setdefault(word, key) == key, (word, owner[word], key)
            assert filter_key(word) == key
    assert {"状态", "调解组织", "机构", "来源", "县区代码", "案由", "结果"} <= set(owner)


def test_doc_batch_filters_by_the_column_headers_and_values_as_printed(cli, db, zh, tmp_path):
    """`--filter 状态=已分流`: the header and the value as `case list`/`export` print them."""
    exported = cli(["--db", db, "export", "cases"]).stdout.lstrip("\ufeff")
    header = exported.splitlines()[0].split(",")
    assert {"状态", "调解组织", "来源", "案由"} <= set(header)
    by_codes = cli(["--db", db, "--json", "doc", "batch", "registration", "-o",
                    str(tmp_path / "codes"), "--filter", "status=routed",
                    "--filter", "org=jz-410800-finance"])  # fmt: skip
    by_labels = cli(["--db", db, "--json", "doc", "batch", "registration", "-o",
                     str(tmp_path / "labels"), "--filter", "状态=已分流",
                     "--filter", "调解组织=焦作市金融纠纷调解委员会"])  # fmt: skip
    assert by_codes.exit_code == 0 and by_labels.exit_code == 0, by_labels.output
    assert sorted(p.name for p in (tmp_path / "labels").iterdir()) == sorted(
        p.name for p in (tmp_path / "codes").iterdir()
    )
    assert len(list((tmp_path / "labels").iterdir())) == 2
    twice = cli(["--db", db, "doc", "batch", "registration", "-o", str(tmp_path / "x"),
                 "--filter", "状态=已分流", "--filter", "status=routed"])  # fmt: skip
    assert twice.exit_code == 2 and "重复给出" in twice.stderr
    unknown = cli(["--db", db, "doc", "batch", "registration", "--filter", "颜色=红"])
    assert unknown.exit_code == 2
    assert "可用：状态、调解组织、来源、县区代码、案由、结果" in "".join(unknown.stderr.split())


# Every CSV a clerk opens: the exports, the case list and each report's data.
CSV_COMMANDS = [
    ["export", "cases"],
    ["case", "list", "--csv"],
    ["report", "funnel", "--csv"],
    ["report", "orgs", "--csv"],
    ["report", "overdue", "--csv"],
    ["report", "causes", "--csv"],
]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_no_two_columns_of_an_export_share_a_header(cli, db, monkeypatch, tmp_path, language):
    """History names the body once, as name (id); an export has its id and its name each
    in a column, each with a header of its own, in either language and either format."""
    import csv
    import io

    from openpyxl import load_workbook

    monkeypatch.setenv("MEDIATE_LANG", language)
    for command in CSV_COMMANDS:
        result = cli(["--db", db, *command])
        assert result.exit_code == 0, (command, result.output)
        header = next(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
        assert len(set(header)) == len(header), (command, header)
    sheet = tmp_path / "cases.xlsx"
    assert cli(["--db", db, "export", "cases", "-o", str(sheet)]).exit_code == 0
    header = [c.value for c in next(load_workbook(sheet).active.iter_rows())]
    assert len(set(header)) == len(header), header
    assert ("调解组织编号" if language == "zh" else "body id") in header


@pytest.mark.parametrize("language", ["zh", "en"])
def test_reports_head_the_body_id_as_the_exports_do(cli, db, monkeypatch, language):
    """One word for the body id column everywhere: the reports' CSVs head it as `export`
    does (调解组织编号, not 组织编号 or 编号)."""
    import csv
    import io

    from mediate.domain.events import column_header

    monkeypatch.setenv("MEDIATE_LANG", language)
    body_id = column_header("org_id")
    for command in (
        ["export", "cases"],
        ["report", "orgs", "--csv"],
        ["report", "overdue", "--csv"],
    ):
        result = cli(["--db", db, *command])
        assert result.exit_code == 0, (command, result.output)
        header = next(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
        assert body_id in header, (command, header)
        assert not {"组织编号", "编号", "Body id", "Id"} & set(header), (command, header)


def test_doc_batch_takes_the_body_by_its_id_column_header(cli, db, zh, tmp_path):
    by_header = cli(["--db", db, "--json", "doc", "batch", "registration",
                     "-o", str(tmp_path / "x"),
                     "--filter", "调解组织编号=jz-410800-finance"])  # fmt: skip
    assert by_header.exit_code == 0, by_header.output
    assert len(list((tmp_path / "x").iterdir())) == 2


@pytest.mark.parametrize("language", ["zh", "en"])
def test_history_shows_a_session_time_as_session_list_does(cli, db, monkeypatch, language):
    """`case history` shows a session's time as `session list` does (2026-12-01 08:30),
    never as stored; --json keeps the ISO time."""
    monkeypatch.setenv("MEDIATE_LANG", language)
    steps = [
        ["session", "2", "--at", "2026-12-01 08:30", "--place", "第一调解室", "--held"],
        ["session", "move", "1", "--at", "2026-12-03 14:00", "--reason", "当事人请假"],
    ]
    for step in steps:
        result = cli(["--db", db, *step])
        assert result.exit_code == 0, (step, result.output)
    console.reset(width=1000)  # wide enough that no cell wraps
    listed = cli(["--db", db, "session", "list", "--case", "2"]).stdout
    assert "2026-12-03 14:00" in listed
    shown = cli(["--db", db, "case", "history", "2"]).stdout
    assert "2026-12-01 08:30" in shown and "2026-12-03 14:00" in shown, shown
    assert "T08:30" not in shown and "+08:00" not in shown, shown
    events = json.loads(cli(["--db", db, "--json", "case", "history", "2"]).stdout)
    after = {e["action"]: e["after"] for e in events}
    assert after["session_scheduled"]["at"] == "2026-12-01T08:30+08:00"
    assert after["session_moved"]["at"] == "2026-12-03T14:00+08:00"


def _help_example(cli, *command):
    """The quoted FIELD=VALUE example of a Chinese help page, each … filled in."""
    import os
    import re
    import subprocess
    import sys

    from mediate.domain.fields import PARTY_FIELDS, parse_field

    # read from a process that starts in Chinese, as a clerk's does: a command's help is
    # translated when its module is imported, and an earlier test may have built it in English
    env = dict(os.environ, MEDIATE_LANG="zh", COLUMNS="80")
    page = subprocess.run(
        [sys.executable, "-m", "mediate", *command, "--help"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    page = "".join(page.split())
    example = re.findall(r"'([^']*=[^']*)'", page)[0]  # case new's second: a 个体工商户
    filled = {"name": "李四", "id_number": "410802198503121015", "phone": "13803910001"}
    pairs = []
    for pair in example.split(","):
        key, _sep, value = pair.partition("=")
        if key != "…":  # the example's "and so on"
            field = parse_field(key, PARTY_FIELDS)
            pairs.append(f"{key}={filled[field] if value == '…' else value}")
    return ",".join(pairs)


def test_the_party_examples_of_the_chinese_help_are_taken_back(cli, db, zh):
    """What `case new --help` and `case edit --help` print as an example, the options take
    (姓名=张三,证件号码=…,电话=…; 诉讼地位=被申请人,姓名=…)."""
    applicant = _help_example(cli, "case", "new")
    assert applicant.startswith("姓名=") and "证件号码=" in applicant
    result = cli(["--db", db, "--no-input", "--json", "case", "new", "--cause", "民间借贷纠纷",
                  "--location", "410802", "--received", "2026-11-20",
                  "--applicant", applicant, "--respondent", "姓名=刘洋,类型=企业"])  # fmt: skip
    assert result.exit_code == 0, result.output
    case_id = str(json.loads(result.stdout)["id"])
    shown = json.loads(cli(["--db", db, "--json", "case", "show", case_id, "--reveal"]).stdout)
    first, second = shown["parties"]
    assert (first["name"], first["id_number"], first["phone"]) == (
        "张三", "410802198503121015", "13803910001")  # fmt: skip
    assert (second["name"], second["kind"]) == ("刘洋", "enterprise")
    added = _help_example(cli, "case", "edit")
    result = cli(["--db", db, "--no-input", "case", "edit", case_id, "--add-party", added])
    assert result.exit_code == 0, result.output
    shown = json.loads(cli(["--db", db, "--json", "case", "show", case_id]).stdout)
    assert (shown["parties"][-1]["name"], shown["parties"][-1]["role"]) == ("李四", "respondent")
    wrong = cli(["--db", db, "--no-input", "case", "new", "--cause", "民间借贷纠纷",
                 "--applicant", "姓名=张三,颜色=红", "--respondent", "刘洋"])  # fmt: skip
    assert wrong.exit_code == 2, wrong.output
    assert "未知的字段颜色（可用：类型、姓名或名称、证件号码" in "".join(wrong.stderr.split())
