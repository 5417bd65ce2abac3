from pathlib import Path

import pytest

from mediate.config import db_url, load_settings
from mediate.errors import ConfigError


def test_an_option_beats_the_environment_which_beats_the_file(monkeypatch, tmp_path):
    config = tmp_path / "mediate.toml"
    config.write_text(
        'db = "/from/file.db"\nclerk = "文件书记员"\norg = "file-org"\n', encoding="utf-8"
    )
    monkeypatch.setenv("MEDIATE_CONFIG", str(config))
    monkeypatch.setenv("MEDIATE_CLERK", "环境书记员")
    settings = load_settings(db="/from/option.db", clerk=None, org=None)
    assert settings.values["db"] == "/from/option.db"
    assert settings.sources["db"] == "option --db"
    assert settings.clerk == "环境书记员"
    assert settings.sources["clerk"] == "MEDIATE_CLERK"
    assert settings.org == "file-org"
    assert settings.sources["org"] == str(config)


def test_the_default_database_lives_in_the_user_data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("MEDIATE_HOME", str(tmp_path / "home"))
    settings = load_settings()
    assert settings.sources["db"] == "default"
    assert settings.db == "sqlite:///" + str((tmp_path / "home" / "mediate.db").resolve())


def test_an_unknown_key_in_the_config_file_is_named(monkeypatch, tmp_path):
    config = tmp_path / "mediate.toml"
    config.write_text('databse = "x"\n', encoding="utf-8")
    monkeypatch.setenv("MEDIATE_CONFIG", str(config))
    with pytest.raises(ConfigError, match="unknown setting 'databse'"):
        load_settings()


def test_a_broken_config_file_is_a_clear_error(monkeypatch, tmp_path):
    config = tmp_path / "mediate.toml"
    config.write_text('clerk = "x"\ndb = "unterminated\n', encoding="utf-8")
    monkeypatch.setenv("MEDIATE_CONFIG", str(config))
    with pytest.raises(ConfigError) as raised:
        load_settings()
    assert str(raised.value).startswith(f"{config}:2:19: not valid TOML")


def test_a_config_file_that_is_not_utf8_is_a_located_error_not_a_crash(monkeypatch, tmp_path):
    """Review of 2026-12-03: a UTF-16 config file was `发生意外错误：UnicodeDecodeError`
    (exit 3); now a located error, exit 1, in the interface language."""
    from tests.conftest import invoke

    config = tmp_path / "c2.toml"
    config.write_bytes(b'clerk = "x"\n\xff\xfeorg="y"')
    monkeypatch.setenv("MEDIATE_CONFIG", str(config))
    monkeypatch.setenv("MEDIATE_LANG", "zh")
    result = invoke(["case", "list"])
    assert result.exit_code == 1
    assert f"{config}:2:1：文件不是 UTF-8 文本" in result.stderr
    bad_value = tmp_path / "c3.toml"
    bad_value.write_text('clerk = "x"\norg = y\n', encoding="utf-8")
    monkeypatch.setenv("MEDIATE_CONFIG", str(bad_value))
    result = invoke(["case", "list"])
    assert result.exit_code == 1
    assert f"{bad_value}:2:7：不是有效的 TOML" in result.stderr
    assert "Invalid value" not in result.stderr


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        (":memory:", "sqlite://"),
    ],
)
def test_database_locations_become_urls(given, expected):
    assert db_url(given) == expected


def test_a_path_becomes_an_absolute_sqlite_url(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert db_url("cases.db") == "sqlite:///" + str(Path(tmp_path, "cases.db").resolve())
