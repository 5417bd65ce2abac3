"""`org show` takes a body as `org list` prints it (its id or its name), and `org list`'s
errors quote as the interface language quotes (the walk of 2026-12-02)."""

import json

ZH = {"MEDIATE_LANG": "zh", "COLUMNS": "80"}
CENTRE = "焦作市解放区人民法院诉调对接中心"


def test_org_show_takes_a_body_by_its_name(cli, initialised):
    result = cli(["--db", initialised.url, "org", "show", CENTRE, "--json"], env=ZH)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == "jz-410802-county-center"


def test_org_show_of_an_unknown_body_is_a_usage_error_in_chinese(cli, initialised):
    result = cli(["--db", initialised.url, "org", "show", "不存在的组织"], env=ZH)
    assert result.exit_code == 2, result.output
    assert "编号：" in result.stderr
    assert "ID" not in result.stderr


def test_org_list_quotes_the_county_option_in_chinese(cli, initialised):
    result = cli(["--db", initialised.url, "org", "list", "--county", "不存在"], env=ZH)
    assert result.exit_code == 2, result.output
    assert "“--county”的取值无效" in result.stderr
    assert "'" not in result.stderr


def test_org_show_takes_an_id_in_capitals_or_full_width(cli, initialised):
    for typed in ("JZ-410800-ADMIN", "ｊｚ－４１０８００－ａｄｍｉｎ"):
        result = cli(["--db", initialised.url, "org", "show", typed, "--json"], env=ZH)
        assert result.exit_code == 0, (typed, result.output)
        assert '"jz-410800-admin"' in result.stdout
