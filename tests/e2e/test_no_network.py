"""A database created with `mediate db upgrade` has the schema but not the mediation
network (bodies) nor the 案由 taxonomy that `mediate init` loads (DESIGN.md §2: `init` =
upgrade to head + load the network and rules). `import` on such a database ended in
exit 3 (a foreign-key IntegrityError: routing fell back to the bundled network, whose
bodies are not stored). Every everyday command now says what is missing and what to run
(exit 1, a state of the database); the database commands still work; after `init` the
same import works."""

from __future__ import annotations

import pytest

from mediate.resources import data_dir

SAMPLES = data_dir() / "samples"
REFERRALS = SAMPLES / "referrals-jiefang-gbk.csv"

EVERYDAY = [
    f"import {REFERRALS}",
    "case new --cause 民间借贷纠纷 --amount 5.2万元 --location 410802 --received 2026-11-20"
    " --applicant name=张伟,phone=13803910001 --respondent name=刘洋,phone=13803910004",
    f"case add --file {SAMPLES / 'disputes' / 'finance.yaml'}",
    "case list",
    "case list --json",
    "case show 1",
    "case find 张伟",
    "case assign 1",
    "today",
    "org list",
    "org show 1",
    "mediator list",
    "session list",
    "clerk list",
    "rules explain 1",
    "outcome 1 failed --reason 不同意 --yes",
    "report funnel",
    "report orgs",
    "report overdue",
    "report causes",
    "doc render agreement 1 -o {out}",
    "doc batch agreement -o {out}",
    "export cases -o {out}/cases.csv",
]

SAID = (
    "has no mediation network yet (`mediate db upgrade` creates the schema only): "
    "run `mediate init`"
)


@pytest.fixture
def upgraded(cli, database):
    result = cli(["--db", database.url, "db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert SAID in " ".join(result.stderr.split()), result.stderr  # said at once, too
    return database.url


def _args(command: str, out) -> list[str]:
    return [word.replace("{out}", str(out)) for word in command.split()]


@pytest.mark.parametrize("command", EVERYDAY, ids=lambda c: " ".join(c.split()[:2]))
def test_an_everyday_command_on_a_database_without_network_says_run_init(
    cli, upgraded, command, tmp_path
):
    out = tmp_path / "out"
    out.mkdir()  # an output file's directory must exist (files.check_can_create_file)
    env = {"MEDIATE_HOME": str(tmp_path)}
    result = cli(["--db", upgraded, "--no-input", *_args(command, out)], env=env)
    assert result.exit_code == 1, (command, result.output)
    assert SAID in " ".join(result.stderr.split()), (command, result.stderr)
    assert not out.exists() or not list(out.iterdir())


def test_the_message_is_chinese_in_chinese(cli, upgraded, tmp_path):
    env = {"MEDIATE_HOME": str(tmp_path), "MEDIATE_LANG": "zh"}
    result = cli(["--db", upgraded, "import", str(REFERRALS)], env=env)
    assert result.exit_code == 1, result.output
    wanted = "中还没有调解网络（`mediate db upgrade` 只建立数据表）：请运行 `mediate init`"
    assert "".join(wanted.split()) in "".join(result.stderr.split()), result.stderr


def test_the_database_commands_work_and_init_then_makes_the_import_work(cli, upgraded, tmp_path):
    backup = cli(["--db", upgraded, "db", "backup", str(tmp_path / "b.dump")])
    if "pg_dump" not in backup.output:  # PostgreSQL without pg_dump installed says so
        assert backup.exit_code == 0, backup.output
    assert cli(["--db", upgraded, "db", "upgrade"]).exit_code == 0
    assert cli(["--db", upgraded, "init"]).exit_code == 0
    again = cli(["--db", upgraded, "db", "upgrade"])
    assert again.exit_code == 0 and "network" not in again.stderr, again.output
    result = cli(["--db", upgraded, "import", str(REFERRALS)])
    assert result.exit_code in (0, 1), result.output  # the sample rejects two rows on purpose
    listed = cli(["--db", upgraded, "case", "list"])
    assert listed.exit_code == 0 and "（2026）" in listed.stdout, listed.output


def test_org_import_loads_the_network_a_deployment_brings(cli, upgraded, tmp_path):
    """`org import` is how a deployment loads its own network onto a database made with
    `db upgrade` (found in review: it was refused with the rest); then the rest works."""
    loaded = cli(["--db", upgraded, "org", "import", str(data_dir() / "network.yaml")])
    assert loaded.exit_code == 0, loaded.output
    result = cli(["--db", upgraded, "import", str(REFERRALS)])
    assert result.exit_code in (0, 1), result.output  # the sample rejects two rows on purpose
    assert SAID not in " ".join(result.stderr.split())
    listed = cli(["--db", upgraded, "case", "list"])
    assert listed.exit_code == 0 and "（2026）" in listed.stdout, listed.output
