"""Where the bundled data lives: inside the wheel, or at the source tree's top level."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def _bundled_root() -> Path:
    installed = _PACKAGE / "_bundled"
    if (installed / "data").is_dir():
        return installed
    return _PACKAGE.parent


def data_dir() -> Path:
    """`data/`: the network, the 案由 taxonomy, sample disputes and referral files."""
    return _bundled_root() / "data"


def rules_dir() -> Path:
    """`rules/`: the default Jiaozuo routing rules and their tests."""
    return _bundled_root() / "rules"


def default_rules_file() -> Path:
    return rules_dir() / "jiaozuo.yaml"


def templates_dir() -> Path:
    return _PACKAGE / "templates"


def locale_dir() -> Path:
    return _PACKAGE / "locale"


def migrations_dir() -> Path:
    return _PACKAGE / "store" / "migrations"
