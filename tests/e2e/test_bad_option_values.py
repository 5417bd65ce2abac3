"""A value an option does not take is a usage error (exit 2) saying which option and
why: an empty or bad date in every date option (never taken as today), a `--filter` key
given twice, a long `--filter` value echoed cut. In Chinese, where an error applies is
followed by the Chinese colon."""

import os
import re

import pytest

from mediate.resources import data_dir

REFERRALS = data_dir() / "samples" / "referrals-jiefang-gbk.csv"

DATED = [
    ["case", "assign", "1", "--on", "{}"],
    ["credit", "report", "1", "--on", "{}", "--yes"],
    ["outcome", "1", "failed", "--reason", "不同意", "--on", "{}", "--yes"],
    ["confirm", "record", "1", "confirmed", "--on", "{}"],
    ["session", "list", "--on", "{}"],
    ["visit", "1", "--note", "回访", "--on", "{}"],
    ["report", "funnel", "--from", "{}"],
    ["report", "overdue", "--as-of", "{}"],
    ["export", "cases", "--to", "{}"],
    ["case", "list", "--from", "{}"],
    ["doc", "batch", "agreement", "--date", "{}"],
]


@pytest.fixture
def db(initialised, cli):
    result = cli(["--db", initialised.url, "import", str(REFERRALS)])
    assert result.exit_code in (0, 1), result.output  # the sample rejects two rows on purpose
    return initialised.url


def _option(args):
    return args[args.index("{}") - 1]


@pytest.mark.parametrize("args", DATED, ids=lambda a: " ".join(a[:2]))
@pytest.mark.parametrize("value", ["", "2026-13-45", "明天"])
def test_an_empty_or_bad_date_option_is_a_usage_error_naming_it(cli, db, args, value, tmp_path):
    given = [value if a == "{}" else a for a in args]
    result = cli(["--db", db, "--no-input", *given], env={"MEDIATE_HOME": str(tmp_path)})
    assert result.exit_code == 2, result.output
    assert f"{_option(args)}: " in result.stderr
    said = "The date is empty" if value == "" else value
    assert said in result.stderr


def test_a_date_option_takes_the_forms_clerks_write(cli, db):
    for form in ("2026/12/1", "2026年12月1日", "2026-12-01"):
        result = cli(["--db", db, "--json", "report", "funnel", "--from", "2026/1/1", "--to", form])
        assert result.exit_code == 0, result.output


def test_a_filter_key_given_twice_is_a_usage_error_naming_it(cli, db, tmp_path):
    filters = ["--filter", "status=settled", "--filter", "status=failed"]
    out = tmp_path / "out"
    result = cli(["--db", db, "doc", "batch", "agreement", *filters, "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "--filter status: given twice ('settled' and 'failed')" in result.stderr
    assert not out.exists() or not list(out.iterdir())


def test_a_long_filter_value_is_echoed_cut(cli, db, tmp_path):
    long = "某" * 39 + "甲乙丙丁" * 200
    for item in (f"status={long}", f"org={long}", f"{long}=1", long):
        result = cli(
            ["--db", db, "doc", "batch", "agreement", "--filter", item, "-o", str(tmp_path)]
        )
        assert result.exit_code == 2, (item[:50], result.output)
        assert "某" * 39 + "甲…" in result.stderr, result.stderr
        assert "甲乙" not in result.stderr


def test_where_an_error_applies_is_followed_by_the_chinese_colon_in_chinese(cli, db):
    result = cli(["--db", db, "case", "assign", "1", "--on", "明天"], env={"MEDIATE_LANG": "zh"})
    assert result.exit_code == 2, result.output
    assert "--on：“明天”不是日期" in result.stderr, result.stderr
    empty = cli(["--db", db, "doc", "batch", "agreement", "--filter", "status="],
                env={"MEDIATE_LANG": "zh"})  # fmt: skip
    assert "--filter status：" in empty.stderr, empty.stderr


# ---------------------------------------------------------------- the sweep
# Every option or argument that takes a date, a time, a period or one of a closed set of
# words, given a value it does not take: a usage error (exit 2) naming it, in Chinese,
# before anything is asked or written (review of 2026-12-02: `session schedule --at`,
# `report --period`, `case new --received`, `import --source` and `credit report --on`
# without --yes said so with exit 1). `{}` is where the bad value goes; the key is the
# command and the option (or the argument's metavar) the walk below finds.
DATE, TIME, PERIOD, WORD = "明天", "25:99", "xyz", "xyz"
SWEEP = {
    "outcome --on": ("outcome 1 failed --reason 不同意 --on {} --yes", DATE),
    "outcome --perform-by": ("outcome 1 settled --terms 付款 --perform-by {} --yes", DATE),
    "outcome --effective-on": ("outcome 1 settled --terms 付款 --effective-on {} --yes", DATE),
    "outcome RESULT": ("outcome 1 {} --yes", WORD),
    "outcome --follow-up": ("outcome 1 failed --reason 不同意 --follow-up {} --yes", WORD),
    "case new --received": ("case new --cause 买卖合同纠纷 --received {}", DATE),
    "case new --source": ("case new --cause 买卖合同纠纷 --source {}", "电话"),
    "case list --from": ("case list --from {}", DATE),
    "case list --to": ("case list --to {}", DATE),
    "case list --status": ("case list --status {}", WORD),
    "case list --county": ("case list --county {}", WORD),
    "case list --source": ("case list --source {}", "电话"),
    "case assign --on": ("case assign 1 --on {}", DATE),
    "case pause --on": ("case pause 1 --reason 鉴定 --on {}", DATE),
    "case pause --reason": ("case pause 1 --reason {}", WORD),
    "case resume --on": ("case resume 1 --on {}", DATE),
    "import --source": ("import --source {} " + str(REFERRALS), "电话"),
    "org list --kind": ("org list --kind {}", WORD),
    "mediator add --type": ("mediator add --org 1 --name 张三 --type {}", WORD),
    "session schedule --at": ("session schedule 1 --at {}", TIME),
    "session list --on": ("session list --on {}", DATE),
    "session move --at": ("session move 1 --reason 改期 --at {}", TIME),
    "performance KIND": ("performance 1 {}", WORD),
    "performance --on": ("performance 1 done --on {}", DATE),
    "visit --on": ("visit 1 --note 回访 --on {}", DATE),
    "confirm record RESULT": ("confirm record 1 {}", WORD),
    "confirm record --on": ("confirm record 1 confirmed --on {}", DATE),
    "confirm handback --on": ("confirm handback 1 --on {}", DATE),
    "credit report --on": ("credit report 1 --on {}", DATE),  # no --yes: the date first
    "doc render KIND": ("doc render {} 1", WORD),
    "doc render --date": ("doc render agreement 1 --date {}", DATE),
    "doc batch KIND": ("doc batch {}", WORD),
    "doc batch --date": ("doc batch agreement --date {}", DATE),
    **{
        f"report {name} {option}": (f"report {name} {option} {{}}", value)
        for name in ("funnel", "orgs", "causes", "whitepaper")
        for option, value in (("--period", PERIOD), ("--from", DATE), ("--to", DATE))
    },
    **{
        f"report {name} {option}": (f"report {name} {option} {{}}", WORD)
        for name in ("funnel", "orgs", "overdue", "causes", "whitepaper")
        for option in ("--county", "--source")
        if (name, option) != ("whitepaper", "--source")
    },
    **{
        f"report {name} --as-of": (f"report {name} --as-of {{}}", DATE)
        for name in ("orgs", "overdue", "whitepaper")
    },
    **{
        f"export {name} {option}": (f"export {name} -o {{out}} {option} {{}}", value)
        for name in ("cases", "credit", "dossiers")
        for option, value in (("--period", PERIOD), ("--from", DATE), ("--to", DATE))
    },
    "export cases --county": ("export cases --county {}", WORD),
    "export cases --source": ("export cases --source {}", WORD),
    "export cases --status": ("export cases --status {}", WORD),
    "export cases --format": ("export cases --format {}", WORD),
    "export credit --county": ("export credit --county {}", WORD),
    "export credit --format": ("export credit --format {}", WORD),
    "clerk add --role": ("clerk add 李四 --org 解放区 --role {}", WORD),
}


@pytest.fixture(scope="module")
def sweep_db(tmp_path_factory):
    """One SQLite database with the sample referrals for the whole sweep: every value is
    refused before anything is written, and what is checked does not depend on the
    backend (the dated test above runs on both)."""
    from tests.conftest import invoke

    home = tmp_path_factory.mktemp("sweep")
    url = f"sqlite:///{home / 'test.db'}"
    env = {"MEDIATE_HOME": str(home)}
    assert invoke(["--db", url, "init"], env=env).exit_code == 0
    assert invoke(["--db", url, "import", str(REFERRALS)], env=env).exit_code in (0, 1)
    return url


def _walked_keys():
    """Every date, time and period option and every closed-set option or argument (a
    `choice()` callback) of every command, as `SWEEP` keys."""
    from tests.e2e.test_help import all_commands

    for path, command in all_commands():
        for param in getattr(command, "params", []):
            choice = getattr(param.callback, "__qualname__", "").startswith("choice.")
            if param.metavar in ("DATE", "TIME", "PERIOD") or choice:
                name = param.metavar if param.param_type_name == "argument" else param.opts[0]
                yield " ".join((*path, name))


def test_the_sweep_covers_every_date_time_period_and_closed_set_option():
    walked = set(_walked_keys())
    assert len(walked) > 60, sorted(walked)
    assert not walked - set(SWEEP), sorted(walked - set(SWEEP))


_ENGLISH = re.compile(r"\b(is not|not a|use one of|write it)\b")


@pytest.mark.parametrize("key", sorted(SWEEP))
def test_a_value_an_option_does_not_take_is_a_chinese_usage_error_naming_it(
    cli, sweep_db, key, tmp_path, monkeypatch
):
    from mediate.helplayout import metavar_labels

    template, value = SWEEP[key]
    out = str(tmp_path / "out")
    args = [value if word == "{}" else word.replace("{out}", out) for word in template.split()]
    env = {"MEDIATE_HOME": str(tmp_path), "MEDIATE_LANG": "zh"}
    result = cli(["--db", sweep_db, "--no-input", *args], env=env)
    assert result.exit_code == 2, (key, result.output)
    named = key.split()[-1]
    if not named.startswith("-"):  # an argument, by its label in Chinese
        monkeypatch.setenv("MEDIATE_LANG", "zh")
        named = metavar_labels()[named]
    assert named in result.stderr, (key, result.stderr)
    assert re.search(r"[\u4e00-\u9fff]", result.stderr) and not _ENGLISH.search(result.stderr), (
        key,
        result.stderr,
    )
    assert value in result.stderr, (key, result.stderr)
    assert f"'{value}'" not in result.stderr, result.stderr  # Chinese quotes: “明天”
    assert not os.path.exists(out) or not os.listdir(out)


@pytest.mark.parametrize(
    "args",
    [
        ["case", "list", "--from", "2026-12-01", "--to", "2026-11-01"],
        ["report", "funnel", "--from", "2026/12/1", "--to", "2026年11月1日"],
    ],
)
def test_a_first_day_after_the_last_is_refused_saying_which_is_after_which(cli, sweep_db, args):
    """It selected nothing, silently (`case list`, exit 0)."""
    result = cli(["--db", sweep_db, *args])
    assert result.exit_code == 2, result.output
    assert "--from: 2026-12-01 is after the last day, --to 2026-11-01" in result.stderr


def test_a_period_is_taken_as_a_clerk_writes_it_and_shown_in_the_form_it_reads_back(cli, sweep_db):
    import json

    for written, label in (("2026年上半年", "2026H1"), ("2026年第四季度", "2026Q4")):
        result = cli(["--db", sweep_db, "--json", "report", "funnel", "--period", written])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["filters"]["period"]["label"] == label
        again = cli(["--db", sweep_db, "--json", "report", "funnel", "--period", label])
        assert json.loads(again.stdout)["filters"] == json.loads(result.stdout)["filters"]


def test_a_bad_period_lists_the_forms_in_chinese(cli, sweep_db):
    result = cli(
        ["--db", sweep_db, "report", "funnel", "--period", "去年"], env={"MEDIATE_LANG": "zh"}
    )
    assert result.exit_code == 2, result.output
    assert "--period：“去年”不是统计期间" in result.stderr
    assert "2026年上半年" in result.stderr and "2026年第三季度" in result.stderr


# ---------------------------------------------------------------- counts and revisions
# An option that counts (days, a limit, an offset, workers, rows) takes no value below
# what means something: `case list --due-within -3` listed nothing, silently (exit 0), and
# `case extend --days -3` was refused only after the case was read (exit 1). Options that
# name a record (a case, session, party, batch, version) say "no such …" instead.
NAMING = {"ID", "VERSION", "SESSION", "PARTY"}
COUNTS = {
    "case list --due-within": ("case list --due-within {}", -3),
    "case list --limit": ("case list --limit {}", 0),
    "case list --offset": ("case list --offset {}", -1),
    "case find --limit": ("case find 张 --limit {}", 0),
    "case extend --days": ("case extend 1 --consent 书面同意 --days {}", -3),
    "today --within": ("today --within {}", -1),
    "causes search --limit": ("causes search 借贷 --limit {}", 0),
    "doc batch --workers": ("doc batch agreement -o {out} --workers {}", 0),
    "report overdue --limit": ("report overdue --limit {}", -1),
    "db copy --chunk": ("db copy --to {out}/copy.db --chunk {}", 0),
}


def _walked_counts():
    """Every int option of every command that is not a record's number, as `COUNTS` keys,
    with the least value it takes."""
    import typing

    from tests.e2e.test_help import all_commands

    for path, command in all_commands():
        for param in getattr(command, "params", []):
            described = getattr(param, "type_descriptor", None)
            if described is None or param.param_type_name != "option":
                continue
            kinds = [k for k in typing.get_args(described.annotation) if k is not type(None)]
            if int not in (described.annotation, *kinds):
                continue
            if param.metavar in NAMING or param.opts[0] == "--batch":
                continue
            yield " ".join((*path, param.opts[0])), getattr(param, "min", None)


def test_every_count_option_has_a_floor_and_the_sweep_covers_it():
    walked = dict(_walked_counts())
    assert not [key for key, least in walked.items() if least is None], walked
    assert set(walked) == set(COUNTS), sorted(set(walked) ^ set(COUNTS))


@pytest.mark.parametrize("key", sorted(COUNTS))
def test_a_count_below_its_floor_is_a_chinese_usage_error_naming_it(cli, sweep_db, key, tmp_path):
    template, value = COUNTS[key]
    out = tmp_path / "out"
    out.mkdir()
    args = [str(value) if w == "{}" else w.replace("{out}", str(out)) for w in template.split()]
    env = {"MEDIATE_HOME": str(tmp_path), "MEDIATE_LANG": "zh"}
    result = cli(["--db", sweep_db, "--no-input", *args], env=env)
    assert result.exit_code == 2, (key, result.output)
    assert key.split()[-1] in result.stderr and str(value) in result.stderr, result.stderr
    assert "太小" in result.stderr, result.stderr
    assert not os.listdir(out)


@pytest.mark.parametrize("command", [["search", "借贷"], ["show", "民间借贷纠纷"]])
def test_a_taxonomy_revision_there_is_not_is_a_usage_error_listing_those_there_are(
    cli, sweep_db, command
):
    """It exited 1 with "not loaded", as if the database were at fault."""
    args = ["--db", sweep_db, "causes", *command, "--revision", "1999"]
    result = cli(args, env={"MEDIATE_LANG": "zh"})
    assert result.exit_code == 2, result.output
    assert "--revision：没有“1999”版案由体系；现有：2020、2025。" in result.stderr, result.stderr
    english = cli(args)
    assert "--revision: there is no 案由 taxonomy '1999'; there are: 2020, 2025." in english.stderr
    assert cli([*args[:-1], "2025"]).exit_code == 0
