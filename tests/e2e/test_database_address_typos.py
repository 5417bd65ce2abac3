"""A --db address typed wrong is told in the clerk's words, exit 1, never the driver's
English (the walk of 2026-12-02: "connection failed: … Connection refused")."""

import pytest

ZH = {"MEDIATE_LANG": "zh", "COLUMNS": "80"}


@pytest.mark.parametrize(
    "address, reason",
    [
        ("postgresql+psycopg://127.0.0.1:99999/test", "端口号无效"),
        ("postgresql+psycopg://127.0.0.1:1/test", "该地址和端口上没有数据库服务器应答"),
        ("postgresql+psycopg://no-such-host.invalid/test", "无法识别的主机名"),
    ],
)
def test_a_mistyped_postgresql_address_is_explained_in_chinese(cli, address, reason):
    result = cli(["--db", address, "case", "list"], env=ZH)
    assert result.exit_code == 1, result.output
    assert reason in result.stderr
    assert "connection" not in result.stderr


def test_a_directory_given_as_the_database_file_is_explained_in_chinese(cli, tmp_path):
    result = cli(["--db", str(tmp_path), "case", "list"], env=ZH)
    assert result.exit_code == 1, result.output
    assert "无法打开该文件" in result.stderr
    assert "unable to open" not in result.stderr
