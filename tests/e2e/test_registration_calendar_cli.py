"""Registration counts its deadline with the calendar `case assign` counts with: chinese-
calendar plus the holidays file (MEDIATE_HOLIDAYS), through commands/common.calendar — case
add, case new, import and case edit --reroute alike (CPL 2023 art. 85: a period whose last
day is a holiday ends on the next working day)."""

import json

import pytest

# The suite's day is 2026-12-01 (tests/clockrun.py): 30 days end on Thursday 2026-12-31.
# The file makes that day and 2027-01-01..05 holidays: the deadline is Wednesday 2027-01-06.
WHOLE = "2026:\n  holidays: [2026-12-31]\n2027:\n  holidays: [2027-01-01..2027-01-05]\n"
# Only 2026 in the file: 2027 is counted by rule (元旦, the weekend: Monday 2027-01-04) and
# the clerk is told that year's adjusted days are unknown.
ONLY_2026 = "2026:\n  holidays: [2026-12-31]\n"
DISPUTE = (
    'cause: 买卖合同纠纷\namount: 3000\nlocation: "410802003"\n'
    "parties: [{role: applicant, kind: person, name: 张三}, {role: respondent, kind: person, "
    "name: 李四}]\n"
)


def _register(cli, db, tmp_path, how):
    """Register the dispute by `how`; the result of the command."""
    if how == "add":
        path = tmp_path / "d.yaml"
        path.write_text(DISPUTE, encoding="utf-8")
        return cli(["--db", db, "case", "add", "--file", str(path)])
    if how == "new":
        return cli(
            [
                "--db",
                db,
                "--no-input",
                "case",
                "new",
                "--cause",
                "买卖合同纠纷",
                "--amount",
                "3000",
                "--location",
                "410802003",
                "--applicant",
                "name=张三",
                "--respondent",
                "name=李四",
            ]
        )
    sheet = tmp_path / "r.csv"
    sheet.write_text(
        "案由,标的额,纠纷发生地,申请人,被申请人\n买卖合同纠纷,3000,410802003,张三,李四\n",
        encoding="utf-8",
    )
    return cli(["--db", db, "import", str(sheet)])


def _deadline(cli, db):
    return json.loads(cli(["--db", db, "--json", "case", "show", "1"]).stdout)["deadline"]


@pytest.mark.parametrize("how", ["add", "new", "import"])
@pytest.mark.parametrize(
    ("text", "deadline", "warned"),
    [(WHOLE, "2027-01-06", False), (ONLY_2026, "2027-01-04", True)],
    ids=["whole", "2027-unknown"],
)
def test_registration_counts_the_deadline_with_the_holidays_file_and_warns_of_a_year_it_lacks(
    cli, db, tmp_path, monkeypatch, how, text, deadline, warned
):
    holidays = tmp_path / "hv.yaml"
    holidays.write_text(text, encoding="utf-8")
    monkeypatch.setenv("MEDIATE_HOLIDAYS", str(holidays))
    result = _register(cli, db, tmp_path, how)
    assert result.exit_code == 0, result.output
    assert _deadline(cli, db) == deadline
    said = " ".join(result.stderr.split())
    assert said.count("does not know 2027") == (1 if warned else 0), said  # once, as assign


@pytest.mark.parametrize("how", ["add", "new", "import"])
@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("2027:\n  holidays: [1]\n".encode("gbk") + "# 元旦\n".encode("gbk"), "not UTF-8"),
        (None, "no such file"),
        (b"2027: [1]\n", "expected holidays: and workdays: lists"),
    ],
    ids=["gbk", "missing", "invalid"],
)
def test_registration_refuses_a_holidays_file_case_assign_refuses(
    cli, db, tmp_path, monkeypatch, how, content, said
):
    holidays = tmp_path / "hv.yaml"
    if content is not None:
        holidays.write_bytes(content)
    monkeypatch.setenv("MEDIATE_HOLIDAYS", str(holidays))
    result = _register(cli, db, tmp_path, how)
    assert result.exit_code == 1, result.output
    assert said in " ".join(result.stderr.split())
    listed = cli(["--db", db, "--json", "case", "list"])
    assert json.loads(listed.stdout)["total"] == 0  # nothing registered


def test_case_edit_reroute_counts_the_deadline_with_the_holidays_file(
    cli, db, tmp_path, monkeypatch
):
    assert _register(cli, db, tmp_path, "add").exit_code == 0
    assert _deadline(cli, db) == "2026-12-31"  # no file: chinese-calendar's working day
    holidays = tmp_path / "hv.yaml"
    holidays.write_text(WHOLE, encoding="utf-8")
    monkeypatch.setenv("MEDIATE_HOLIDAYS", str(holidays))
    result = cli(["--db", db, "case", "edit", "1", "--set", "标的额=4000", "--reroute", "--yes"])
    assert result.exit_code == 0, result.output
    assert _deadline(cli, db) == "2027-01-06"
