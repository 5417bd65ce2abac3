"""`causes search` and `causes show` take the words clerks write (借钱不还, 欠薪, 物业费) and
show the official cause they resolve to, as routing and court papers read them (found by
review, 2026-12-02: search found nothing and show exited 1)."""

from __future__ import annotations

import json

ZH = {"MEDIATE_LANG": "zh"}


def test_causes_search_and_show_resolve_everyday_words(cli, initialised) -> None:  # type: ignore[no-untyped-def]
    db = ["--db", initialised.url]
    found = cli([*db, "--json", "causes", "search", "借钱不还"])
    assert found.exit_code == 0, found.output
    first = json.loads(found.stdout)[0]
    assert (first["version"], first["name"]) == ("2025", "民间借贷纠纷")
    assert first["written"] == "借钱不还"
    shown = cli([*db, "--json", "causes", "show", "借钱不还"])
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.stdout)
    assert (data["name"], data["written"], data["only_when"]) == ("民间借贷纠纷", "借钱不还", None)
    assert data["path"][0] == "合同、准合同纠纷"
    wages = json.loads(cli([*db, "--json", "causes", "search", "欠薪"]).stdout)
    assert [(c["name"], c["only_when"]) for c in wages if "written" in c][:1] == [
        ("追索劳动报酬纠纷", "employer")
    ]
    fee = cli([*db, "causes", "show", "物业费"], env=ZH)
    assert fee.exit_code == 0, fee.output
    assert "物业费 → 物业服务合同纠纷" in fee.stdout
    pay = cli([*db, "causes", "show", "欠薪"], env=ZH)
    assert "欠薪 → 追索劳动报酬纠纷（劳动者向用人单位主张时）" in pay.stdout
    # an official name shows as before; a word that means no cause is still not found
    plain = json.loads(cli([*db, "--json", "causes", "show", "民间借贷纠纷"]).stdout)
    assert "written" not in plain
    assert cli([*db, "causes", "show", "邻居吵架"]).exit_code == 1


def test_causes_show_names_the_counterpart_in_the_other_revision(cli, initialised) -> None:  # type: ignore[no-untyped-def]
    """`causes show` names the other revision's cause from the mapping
    (data/causes-2020-2025.yaml, built from /work/shared/data/changes-2020-2025.csv and the
    two lists), and says 两版相同 for a name both revisions keep (民间借贷纠纷 is in
    both lists alike), which the mapping does not list: it printed
    "-" (review, 2026-12-02)."""
    db = ["--db", initialised.url]
    same = cli([*db, "causes", "show", "民间借贷纠纷"], env=ZH)
    assert same.exit_code == 0, same.output
    assert "另一版本中的对应案由  两版相同" in " ".join(same.stdout.split("\n"))
    data = json.loads(cli([*db, "--json", "causes", "show", "民间借贷纠纷"]).stdout)
    assert (data["counterparts"], data["same_in_other"]) == ([], True)
    renamed = cli([*db, "causes", "show", "不正当有奖销售纠纷"], env=ZH)
    assert "有奖销售纠纷" in renamed.stdout.split("另一版本中的对应案由")[1]
    assert "两版相同" not in renamed.stdout


def test_a_revision_is_accepted_as_the_interface_prints_it(cli, initialised) -> None:  # type: ignore[no-untyped-def]
    """What the tool prints as a revision ("2025 版案由") is accepted back: 2025年, 2025版 and
    2025 版 read as 2025; an unknown one is still a usage error (exit 2)."""
    db = ["--db", initialised.url]
    for written in ("2025年", "2025版", "2025 版", "2020年版"):
        shown = cli([*db, "--json", "causes", "show", "民间借贷纠纷", "--revision", written])
        assert shown.exit_code == 0, (written, shown.output)
        assert json.loads(shown.stdout)["version"] == written[:4]
    found = cli([*db, "--json", "causes", "search", "借贷", "--revision", "2025年"])
    assert {c["version"] for c in json.loads(found.stdout)} == {"2025"}
    assert cli([*db, "causes", "show", "民间借贷纠纷", "--revision", "2030年"]).exit_code == 2


def test_causes_show_says_the_name_is_kept_but_the_code_or_sub_causes_changed(
    cli, initialised
) -> None:  # type: ignore[no-untyped-def]
    """劳务合同纠纷 is a name of both 案由 revisions (2020; 法〔2025〕227号) but not the same
    cause: its code and sub-causes changed — "两版相同" only when name, code and sub-causes
    are; a full-width revision (２０２５) is read as 2025 (NFKC) (the fifth review, 2026-12-02)."""
    db = ["--db", initialised.url]
    shown = cli([*db, "causes", "show", "劳务合同纠纷", "--revision", "２０２５"], env=ZH)
    assert shown.exit_code == 0, shown.output
    line = shown.stdout.split("另一版本中的对应案由")[1].split("\n")[0]
    assert "名称未变" in line and "两版相同" not in line
    data = json.loads(
        cli([*db, "--json", "causes", "show", "劳务合同纠纷", "--revision", "2025"]).stdout
    )
    assert (data["version"], data["same_in_other"], data["name_kept_in_other"]) == (
        "2025",
        False,
        True,
    )


def test_causes_show_folds_full_width_lists_in_chinese_and_refuses_empty(cli, initialised) -> None:  # type: ignore[no-untyped-def]
    """Review of 2026-12-02: `108（3）` was not found, the revisions were joined by `, `
    in Chinese, and an empty name exited 1."""
    db = ["--db", initialised.url]
    code = cli([*db, "--json", "causes", "show", "108（3）"])
    assert code.exit_code == 0, code.output
    assert json.loads(code.stdout)["name"] == "民间借贷纠纷"
    missing = cli([*db, "causes", "show", "交通事故"], env=ZH)
    assert missing.exit_code == 1
    assert "2025、2020 版" in missing.stderr
    assert cli([*db, "causes", "show", ""], env=ZH).exit_code == 2
