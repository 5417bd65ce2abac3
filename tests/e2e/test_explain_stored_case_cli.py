"""`rules explain ID`: a stored case is explained by the network stored in the database,
the one it was routed on (review of 2026-12-03: a case at a body of the deployment's own
division was explained by the bundled network, which named another body and did not say
so), and says when its explanation is not the case's own decision."""

import json

from tests.e2e.test_own_divisions_cli import OWN, _yaml, run

ROOM_NAME = "焦作市解放区王褚街道某村人民调解室"


def _small_case(cli, db):
    """A small loan dispute at the own village: the village room's (rules/jiaozuo.yaml
    small_claim), a body the bundled network lacks."""
    made = run(
        cli, db, "--no-input", "--json", "case", "new", "--cause", "民间借贷纠纷",
        "--amount", "5000", "--location", OWN, "--applicant", "张三", "--respondent", "李四",
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    return str(json.loads(made.stdout)["id"])


def test_rules_explain_of_a_stored_case_names_the_body_the_case_was_routed_to(
    cli, initialised, tmp_path
):
    db = initialised.url
    assert run(cli, db, "org", "import", str(_yaml(tmp_path, ""))).exit_code == 0
    case_id = _small_case(cli, db)
    shown = json.loads(run(cli, db, "--json", "case", "show", case_id).stdout)
    assert ROOM_NAME in json.dumps(shown, ensure_ascii=False), shown
    explained = run(cli, db, "--json", "rules", "explain", case_id)
    assert explained.exit_code == 0, explained.output
    as_json = json.loads(explained.stdout)
    assert as_json["decision"]["org"]["name"] == ROOM_NAME, as_json
    assert as_json["warnings"] == [], as_json
    text = run(cli, db, "rules", "explain", case_id)
    assert "某村人民调解室" in text.stdout and "本案" not in text.output, text.output


def test_rules_explain_of_a_stored_case_says_when_other_rules_route_it_elsewhere(
    cli, initialised, tmp_path
):
    """Explained with a rules file other than the one that routed it (--rules), the case's
    explanation says in Chinese which rules routed it, and that they route it elsewhere."""
    db = initialised.url
    assert run(cli, db, "org", "import", str(_yaml(tmp_path, ""))).exit_code == 0
    case_id = _small_case(cli, db)
    other = tmp_path / "other.yaml"
    other.write_text("route:\n  name: root\n  target: jz-410800-nlc\n", encoding="utf-8")
    explained = run(cli, db, "rules", "explain", case_id, "--rules", str(other))
    assert explained.exit_code == 0, explained.output
    said = "".join(explained.output.split())
    assert "本案分流时所用规则版本为sha256:" in said, explained.output
    assert f"本案已分流至{ROOM_NAME}；按此处所用规则应分流至" in said


def test_rules_explain_of_a_transferred_case_names_its_rules_version_as_case_show_does(
    cli, initialised, tmp_path
):
    """A case the clerk transferred (`case transfer --to`) was routed by no rules: the
    notice said `manual`, where `case show` and `case history` say 人工指定."""
    from mediate.domain.events import MANUAL_RULES, rules_version_label
    from mediate.i18n import in_language

    db = initialised.url
    assert run(cli, db, "org", "import", str(_yaml(tmp_path, ""))).exit_code == 0
    case_id = _small_case(cli, db)
    moved = run(
        cli, db, "case", "transfer", case_id, "--to", "jz-410802-county-center",
        "--reason", "当事人要求",
    )  # fmt: skip
    assert moved.exit_code == 0, moved.output
    explained = run(cli, db, "rules", "explain", case_id)
    assert explained.exit_code == 0, explained.output
    with in_language("zh_CN"):
        label = rules_version_label(MANUAL_RULES)
    said = "".join(explained.output.split())
    assert f"本案分流时所用规则版本为{label}，" in said, explained.output
    assert MANUAL_RULES not in explained.output
    shown = "".join(run(cli, db, "case", "show", case_id).output.split())
    assert f"规则版本{label}" in shown
