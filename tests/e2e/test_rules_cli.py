"""The rules, org and causes commands through the real CLI entry point."""

from __future__ import annotations

import json
import re
from pathlib import Path

from mediate.resources import default_rules_file, rules_dir

BAD = Path(__file__).resolve().parent.parent / "data" / "rules"


def flat(text: str) -> str:
    """Messages as one line of words (the terminal wraps long ones)."""
    return " ".join(text.split())


DISPUTE = """\
cause: 金融借款合同纠纷
amount: 52000.50
source: court_entrusted
location: "410802009"
parties:
  - {role: applicant, kind: enterprise, name: 某银行焦作分行, industry: finance}
  - {role: respondent, kind: person, name: 张三}
"""


def test_check_accepts_the_default_rules(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(["rules", "check", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["ok"], data["routes"], data["errors"]) == (True, 31, [])
    assert data["rules_version"].startswith("sha256:")


def test_check_lists_every_error_and_exits_1(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(["rules", "check", str(BAD / "wrong_type.yaml")])
    assert result.exit_code == 1
    assert flat("wrong_type.yaml:6:23: finance: 'amount' takes a range") in flat(result.stderr)
    assert flat("wrong_type.yaml:7:17: finance: 'continue' must be true or false") in flat(
        result.stderr
    )


def test_explain_json_has_the_shape_of_design_3_2(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    case = tmp_path / "case.yaml"
    case.write_text(DISPUTE, encoding="utf-8")
    result = cli(["--json", "rules", "explain", "--case", str(case)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"decision", "trace", "warnings"}
    assert data["decision"]["org"] == {
        "id": "jz-410800-finance",
        "name": "焦作市金融纠纷调解委员会",
        "kind": "finance_committee",
        "division_code": "410800",
        "level": "city",
    }
    assert (
        data["decision"]["rule"],
        data["decision"]["path"],
        data["decision"]["deadline_days"],
    ) == (
        "finance",
        ["root", "finance"],
        15,
    )
    # Every sibling says why it was not used, those after the winner included (issue 14).
    assert [(s["rule"], s["matched"]) for s in data["trace"]] == [
        ("not-mediable", False),
        ("bankruptcy", False),
        ("bankruptcy-facts", False),
        ("large-claim-notice", False),
        ("administrative", False),
        ("price-assists", False),
        ("professional", False),
        ("land-contract", False),
        ("price", False),
        ("credit-tagged", False),
        ("traffic-insurance-claim", False),
        ("finance", True),
        ("loan-words-between-private-parties", False),
        ("credit", False),
        ("credit-presumed", False),
        ("ip", False),
        ("industry", False),
        ("consumer-contract", False),
        ("local", False),
    ]
    assert all(set(s) == {"rule", "matched", "why"} for s in data["trace"])
    assert data["warnings"] == []


def test_explain_reads_the_dispute_from_stdin_and_prints_the_trace(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(["rules", "explain", "--case", "-"], input=DISPUTE)
    assert result.exit_code == 0, result.output
    assert "焦作市金融纠纷调解委员会 (jz-410800-finance)" in result.stdout
    assert "金融纠纷 (finance)" in result.stdout  # the route by title, its name beside it


def test_explain_prints_the_rules_version_whole_at_80_columns_in_chinese(cli) -> None:  # type: ignore[no-untyped-def]
    """The rules' sha256 (71 characters with `sha256:`) is never cut: at 80 columns it does
    not fit beside 规则版本, so it stands on a line of its own below it."""
    from mediate import console

    console.reset(width=80)  # the suite's console is 200 wide; the conftest resets it after
    result = cli(
        ["rules", "explain", "--case", "-"],
        input=DISPUTE,
        env={"MEDIATE_LANG": "zh", "COLUMNS": "80"},
    )
    assert result.exit_code == 0, result.output
    explained = cli(["--json", "rules", "explain", "--case", "-"], input=DISPUTE)
    version = json.loads(explained.stdout)["decision"]["rules_version"]
    assert len(version) == len("sha256:") + 64
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert version in lines, result.stdout  # whole, on a line of its own
    assert lines[lines.index(version) - 1] == "规则版本"
    assert all(len(line) <= 80 for line in lines)


def test_explain_reports_a_bad_dispute_with_its_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    case = tmp_path / "case.yaml"
    case.write_text(DISPUTE.replace("amount:", "amout:"), encoding="utf-8")
    result = cli(["rules", "explain", "--case", str(case)])
    assert result.exit_code == 1
    assert flat(f"{case}:2:1: amout: unknown key") in flat(result.stderr)


def test_rule_tests_pass_for_the_default_rules(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(["--json", "rules", "test", str(rules_dir() / "tests")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["passed"], data["failed"]) == (147, 0)


def test_a_failing_rule_test_exits_1_with_expected_and_got(rule_tests) -> None:  # type: ignore[no-untyped-def]
    tests, result = rule_tests(("借款去了哪里", "{kind: ip_committee, rule: finance}", DISPUTE))
    assert result.exit_code == 1
    assert flat(f"{tests}:2:5: 借款去了哪里") in flat(result.stderr)
    assert flat(
        "kind: expected intellectual property disputes committee, got financial disputes committee"
    ) in flat(result.stderr)
    assert "rule: expected" not in flat(result.stderr)
    assert flat("0 passed, 1 failed") in flat(result.stderr)


def test_a_rule_test_names_kinds_in_chinese_and_takes_them_back(rule_tests, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """`期望 finance_committee，实际 non_litigation_center` showed codes: the clerk reads
    and writes the kinds' names (as `org show` prints them)."""
    monkeypatch.setenv("MEDIATE_LANG", "zh")
    _, result = rule_tests(("借款", "{kind: 知识产权纠纷调解委员会, level: 市级}", DISPUTE))
    assert result.exit_code == 1
    said = flat(result.stderr).replace(" ", "")
    assert "kind：期望知识产权纠纷调解委员会，实际金融纠纷调解委员会" in said, said
    assert "level" not in said and "committee" not in said
    _, result = rule_tests(("借款", "{kind: 金融纠纷调解委员会}", DISPUTE))
    assert result.exit_code == 0, result.output


def test_an_unknown_kind_in_expect_is_an_error_of_the_file(rule_tests, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MEDIATE_LANG", "zh")
    tests, result = rule_tests(("借款", "{kind: 外星}", DISPUTE))
    assert result.exit_code == 1
    said = flat(result.stderr)
    assert f"{tests}:3:20：kind：“外星”不是调解组织类型" in said, said
    assert "期望" not in said and "通过" not in said


def test_a_rule_test_with_a_bad_dispute_points_at_the_line_in_the_test_file(rule_tests) -> None:  # type: ignore[no-untyped-def]
    bad = (
        "cause: 民间借贷纠纷\n"
        "amount: 很多\n"
        "parties: [{role: applicant, name: 甲}, {role: respondent, name: 乙}]\n"
    )
    tests, result = rule_tests(("bad", "{kind: court}", bad))
    assert result.exit_code == 1
    assert f"{tests}:6:15: amount: '很多' is not an amount of money" in flat(result.stderr)


def test_show_prints_the_tree_and_lint_finds_nothing_in_the_defaults(cli) -> None:  # type: ignore[no-untyped-def]
    shown = cli(["--json", "rules", "show"])
    assert shown.exit_code == 0
    root = json.loads(shown.stdout)["root"]
    assert [r["name"] for r in root["routes"]][:4] == [
        "not-mediable",
        "bankruptcy",
        "bankruptcy-facts",
        "large-claim-notice",
    ]
    assert root["routes"][2]["continue"] is True
    assert root["routes"][3]["continue"] is True
    linted = cli(["--json", "rules", "lint", "--strict", str(default_rules_file())])
    assert linted.exit_code == 0, linted.output
    assert json.loads(linted.stdout)["findings"] == []


def test_lint_finds_overlaps_unreachable_bodies_and_useless_continue(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rules = tmp_path / "r.yaml"
    rules.write_text(
        "route:\n  name: root\n  target: jz-410800-nlc\n  routes:\n"
        "    - {name: a, match: {amount: {gte: 100}}, target: jz-410800-finance}\n"
        "    - {name: b, match: {amount: {lt: 500}}, continue: true, target: jz-410800-credit}\n",
        encoding="utf-8",
    )
    result = cli(["--json", "rules", "lint", "--strict", str(rules)])
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    kinds = [f["kind"] for f in findings]
    assert kinds[:2] == ["overlap", "continue"]
    assert findings[0]["path"] == ["root", "b"]
    assert "jz-410802-court" in " ".join(
        f["message"] for f in findings if f["kind"] == "unreachable"
    )


def test_org_and_causes_commands_on_an_initialised_database(cli, initialised) -> None:  # type: ignore[no-untyped-def]
    db = ["--db", initialised.url]
    listed = cli([*db, "--json", "org", "list", "--kind", "court"])
    assert listed.exit_code == 0, listed.output
    assert len(json.loads(listed.stdout)) == 11
    by_place = cli([*db, "--json", "org", "list", "--county", "温县", "--field", "traffic"])
    assert [o["id"] for o in json.loads(by_place.stdout)] == ["jz-410825-traffic"]
    township = cli([*db, "--json", "org", "list", "--county", "王褚街道"])
    assert [o["id"] for o in json.loads(township.stdout)] == [
        "jz-410802009-township-center",
        "jz-410802009901-village-room",
        "jz-410802009902-village-room",
    ]
    shown = cli([*db, "--json", "org", "show", "jz-410800-finance"])
    assert json.loads(shown.stdout)["address"] == "焦作市智慧金融服务有限公司"
    missing = cli([*db, "org", "show", "jz-nowhere"])
    # a body is typed by id or name, like --org: an unknown one is a usage error (b20c853)
    assert missing.exit_code == 2
    assert "'jz-nowhere'" in missing.stderr and "org list" in missing.stderr
    found = cli([*db, "--json", "causes", "search", "信用卡"])
    assert [(c["version"], c["name"]) for c in json.loads(found.stdout)] == [
        ("2025", "信用卡纠纷"),
        ("2020", "信用卡纠纷"),
    ]
    cause = cli([*db, "--json", "causes", "show", "银行卡纠纷", "--revision", "2020"])
    assert json.loads(cause.stdout)["children"] == ["借记卡纠纷", "信用卡纠纷"]


def test_causes_show_knows_the_2025_revision_by_name_and_official_serial(cli, initialised):  # type: ignore[no-untyped-def]
    db = ["--db", initialised.url]
    new = cli([*db, "--json", "causes", "show", "超龄劳动者用工纠纷"])
    assert new.exit_code == 0, new.output
    shown = json.loads(new.stdout)
    assert (shown["version"], shown["code"]) == ("2025", "208")
    assert shown["path"][0] == "劳动争议、人事争议、新就业形态用工纠纷"
    by_serial = cli([*db, "--json", "causes", "show", "144(1)", "--revision", "2025"])
    assert json.loads(by_serial.stdout)["name"] == "超龄劳动者劳务合同纠纷"
    maritime = cli([*db, "--json", "causes", "show", "海事担保合同纠纷", "--revision", "2020"])
    assert json.loads(maritime.stdout)["path"][-2] == "海事海商纠纷"
    old = cli([*db, "--json", "causes", "show", "专利合同纠纷", "--revision", "2020"])
    assert "发明专利合同纠纷" in json.loads(old.stdout)["counterparts"]
    absent = cli([*db, "causes", "show", "超龄劳动者用工纠纷", "--revision", "2020"])
    assert absent.exit_code == 1


def _dispute_yaml(case) -> str:  # type: ignore[no-untyped-def]
    import yaml

    data = {
        "cause": case.cause,
        "source": case.source.value,
        "parties": [
            {"role": p.role.value, "kind": p.kind.value, "name": p.name}
            | ({"industry": p.industry} if p.industry else {})
            for p in case.parties
        ],
    }
    keys = ("location", "subject_matter_location", "procedure", "court_case_no", "claim", "facts")
    for key in keys:
        if getattr(case, key):
            data[key] = getattr(case, key)
    if case.amount is not None:
        data["amount"] = str(case.amount)
    if case.tags:
        data["tags"] = list(case.tags)
    return yaml.safe_dump(data, allow_unicode=True)


def test_explain_json_matches_design_3_2_for_every_kind_of_body(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from mediate.domain.model import OrgKind
    from tests.unit.test_rules_default import CASES

    seen: dict[str, str] = {}
    for index, test in enumerate(CASES):
        path = tmp_path / f"case-{index}.yaml"
        path.write_text(_dispute_yaml(test.case), encoding="utf-8")
        result = cli(["--json", "rules", "explain", "--case", str(path)])
        assert result.exit_code == 0, (test.name, result.output)
        data = json.loads(result.stdout)
        decision = data["decision"]
        assert set(data) == {"decision", "trace", "warnings"}
        assert set(decision) == {
            "org",
            "rule",
            "path",
            "deadline_days",
            "deadline_unit",
            "rules_version",
        }
        assert set(decision["org"]) == {"id", "name", "kind", "division_code", "level"}
        assert decision["path"][0] == "root" and decision["path"][-1] == decision["rule"]
        assert isinstance(decision["deadline_days"], int)
        assert decision["rules_version"].startswith("sha256:")
        assert all(isinstance(w, str) for w in data["warnings"])
        for key, wanted in test.expect.items():
            if key in ("org", "kind"):
                got = decision["org"]["id" if key == "org" else "kind"]
                assert got == wanted, test.name
        seen.setdefault(decision["org"]["kind"], test.name)
    assert set(seen) == {k.value for k in OrgKind}


def test_org_import_reports_bad_rows_and_then_imports_the_fixed_file(  # type: ignore[no-untyped-def]
    cli, initialised, tmp_path: Path
) -> None:
    db = ["--db", initialised.url]
    path = tmp_path / "orgs.csv"
    path.write_text(
        "编号,名称,类型,区划代码,专业领域\n"
        "jz-410802-x9,解放区某调解委员会,professional,410802,traffic\n"
        "jz-410802-x8,,professional,410802,medical\n",
        encoding="gb18030",
    )
    bad = cli([*db, "org", "import", str(path)])
    assert bad.exit_code == 1
    assert f"{path}, row 3: field '名称' is required" in flat(bad.stderr)
    assert "Nothing was imported." in flat(bad.stderr)
    path.write_text(
        path.read_text(encoding="gb18030").replace(",,", ",解放区某医调委,"), encoding="gb18030"
    )
    good = cli([*db, "--json", "org", "import", str(path)])
    assert good.exit_code == 0, good.output
    assert json.loads(good.stdout) == {"created": 2, "updated": 0, "unchanged": 0}
    again = cli([*db, "--json", "org", "import", str(path)])
    assert json.loads(again.stdout) == {"created": 0, "updated": 0, "unchanged": 2}


# A rules file saved in GBK: `rules show` and `rules test` said "'utf-8' codec can't
# decode byte 0xb5…", `rules check` read it with its bytes replaced (review of 2026-12-03).
GBK_RULES = "route:\n  name: 焦作\n".encode("gbk")


def test_a_gbk_rules_file_is_not_utf8_text_to_check_show_and_test(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("gbk.yaml").write_bytes(GBK_RULES)
    said = "gbk.yaml:2:9：文件不是 UTF-8 文本"
    zh = {"MEDIATE_LANG": "zh"}
    for args, env in (
        (["rules", "check", "gbk.yaml"], zh),
        (["rules", "show"], {**zh, "MEDIATE_RULES": "gbk.yaml"}),
        (["rules", "test", "gbk.yaml"], zh),
    ):
        result = cli(args, env=env)
        assert result.exit_code == 1, (args, result.output)
        assert said in flat(result.stderr), (args, result.stderr)
        assert "codec" not in result.output


def test_a_tag_on_a_value_it_cannot_read_in_a_rules_file_is_located(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.yaml"
    path.write_text("name: !!int abc\n", encoding="utf-8")
    result = cli(["rules", "check", str(path)], env={"MEDIATE_LANG": "zh"})
    assert result.exit_code == 1, result.output
    assert f"{path}:1:7：不是有效的 YAML：“abc”不能按标签 !!int 读取" in flat(result.stderr)


def test_a_tag_on_a_value_it_cannot_read_in_org_and_causes_files_is_located(  # type: ignore[no-untyped-def]
    cli, initialised, tmp_path: Path
) -> None:
    db = ["--db", initialised.url]
    orgs = tmp_path / "o.yaml"
    orgs.write_text("- {id: !!int abc}\n", encoding="utf-8")
    causes = tmp_path / "c.yaml"
    causes.write_text("version: !!int x\n", encoding="utf-8")
    for args, where, value in (
        (["org", "import", str(orgs)], f"{orgs}:1:8", "abc"),
        (["causes", "import", str(causes)], f"{causes}:1:10", "x"),
    ):
        result = cli([*db, *args], env={"MEDIATE_LANG": "zh"})
        assert result.exit_code == 1, (args, result.output)
        assert f"{where}：“{value}”不能按标签 !!int 读取" in flat(result.stderr)


def test_rules_show_prints_sources_by_label_and_the_rules_take_the_labels_back(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path
) -> None:
    """House rule (what the tool prints as a label it accepts back): `rules show` at zh names
    the deadlines' sources and procedures and the conditions' sources by their Chinese
    labels, and a rules file keyed by those labels loads to the same deadlines."""
    zh = {"MEDIATE_LANG": "zh", "COLUMNS": "400"}
    shown = cli(["rules", "show"], env=zh)
    assert shown.exit_code == 0, shown.output
    text = flat(shown.stdout)
    for code in ("self_accepted", "court_entrusted", "court_delegated", "petition", "default"):
        assert code not in text, code
    printed = text.split("期限：", 1)[1].split(" ├")[0].split("、")
    assert printed[0] == "法院委托（立案后） 普通程序 15/简易程序 7"
    assert "source 信访、已移送" in text
    # 法院委托（立案后） 普通程序 15/简易程序 7 -> 法院委托（立案后）: {普通程序: 15, 简易程序: 7}
    entries = (item.split(" ", 1) for item in printed)
    keyed = "\n".join(f"    {label}: {_as_yaml(days)}" for label, days in entries)
    original = default_rules_file().read_text(encoding="utf-8")
    block = original.split("  deadlines:\n", 1)[1].split("\n\n", 1)[0]
    rules = tmp_path / "labels.yaml"
    rules.write_text(original.replace(block, keyed, 1), encoding="utf-8")
    by_label = cli(["--json", "rules", "show", str(rules)])
    assert by_label.exit_code == 0, by_label.output
    default = json.loads(cli(["--json", "rules", "show"]).stdout)["root"]["deadlines"]
    assert json.loads(by_label.stdout)["root"]["deadlines"] == default


def _as_yaml(days: str) -> str:
    """`普通程序 15/简易程序 7` as a YAML flow mapping, `30` as itself."""
    if "/" not in days:
        return days
    return "{" + re.sub(r" (\d+)", r": \1", days).replace("/", ", ") + "}"


def test_a_source_given_twice_in_deadlines_by_code_and_label_is_located(
    cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    rules = tmp_path / "twice.yaml"
    rules.write_text(
        "route:\n  name: root\n  target: jz-410800-nlc\n"
        "  deadlines: {self_accepted: 30, 自行受理: 20}\n",
        encoding="utf-8",
    )
    result = cli(["rules", "check", str(rules)], env={"MEDIATE_LANG": "zh"})
    assert result.exit_code == 1, result.output
    assert "“自行受理”与已写的“self_accepted”是同一项（self_accepted），不能重复" in flat(
        result.stderr
    )
