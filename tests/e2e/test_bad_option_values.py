"""A value an option does not take is a usage error (exit 2) saying which option and
why: an empty or bad date in every date option (never taken as today), a `--filter` key
given twice, a long `--filter` value echoed cut. In Chinese, where an error applies is
followed by the Chinese colon."""

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
