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


SAMPLE = "焦作市非诉讼服务中心"  # jz-410800-nlc, a seed body whose name is a sample


def test_a_sample_name_copied_from_org_list_with_its_marker_names_the_body(cli, initialised):
    """`org list` prints a sample body's name with " *" after it (the caption says what it
    means); what the tool prints as a label it takes back, so the name copied with the
    marker — whole, wrapped and joined without the space, or with a full-width ＊ — names
    the body in `org show` and `mediator add --org`, as the bare name does."""
    import re

    listed = cli(["--db", initialised.url, "org", "list"], env=ZH)
    assert listed.exit_code == 0, listed.output
    # the name's cell as the clerk reads it: its lines of the name column joined
    names = "".join(
        cells[2].strip()
        for line in listed.stdout.splitlines()
        if len(cells := re.split(r"[│┃]", line)) > 3
    )
    assert re.search(f"{SAMPLE} ?\\*", names), names  # with the marker (its space may wrap)
    assert "* 为示例名称" in listed.stdout
    for typed in (f"{SAMPLE} *", f"{SAMPLE}*", f"{SAMPLE} ＊", SAMPLE):
        shown = cli(["--db", initialised.url, "org", "show", typed, "--json"], env=ZH)
        assert shown.exit_code == 0, (typed, shown.output)
        assert json.loads(shown.stdout)["id"] == "jz-410800-nlc"
    added = cli(
        ["--db", initialised.url, "mediator", "add", "--org", f"{SAMPLE} *", "--name", "赵敏"],
        env=ZH,
    )
    assert added.exit_code == 0, added.output
    mediators = cli(["--db", initialised.url, "mediator", "list", "--org", "jz-410800-nlc"])
    assert "赵敏" in mediators.stdout, mediators.output
