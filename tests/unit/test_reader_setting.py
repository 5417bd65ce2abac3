"""`MEDIATE_IMPORT_READER` takes auto, inline or process; anything else is refused, not
taken for auto unseen (final read of 2026-12-02)."""

from pathlib import Path

import pytest

from mediate.errors import ConfigError
from mediate.intake import worker


@pytest.mark.parametrize("value", ["proces", "yes", "\x1b[2J"])
def test_an_unknown_reader_setting_is_refused_naming_it(value, tmp_path: Path, monkeypatch):
    monkeypatch.setenv(worker.ENV, value)
    with pytest.raises(ConfigError) as caught:
        worker.wanted(tmp_path / "file.csv")
    message = str(caught.value)
    assert worker.ENV in message and "auto, inline or process" in message
    assert "\x1b" not in message


@pytest.mark.parametrize("value", ["", " AUTO ", "Inline"])
def test_the_reader_setting_is_read_loosely(value, tmp_path: Path, monkeypatch):
    monkeypatch.setenv(worker.ENV, value)
    assert worker.wanted(tmp_path / "missing.csv") is False
