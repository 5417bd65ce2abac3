"""Settings in effect and where each came from.

Precedence for every value: command-line option > environment variable > config file
(`mediate.toml` in the user config dir, or the file named by MEDIATE_CONFIG) > default.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mediate.errors import ConfigError
from mediate.i18n import _

APP = "mediate"

# key -> environment variable
_ENV = {
    "db": "MEDIATE_DB",
    "clerk": "MEDIATE_CLERK",
    "org": "MEDIATE_ORG",
    "rules": "MEDIATE_RULES",
    "templates": "MEDIATE_TEMPLATES",
    # where attached session records (调解笔录) are copied, by case
    "records": "MEDIATE_RECORDS",
    "holidays": "MEDIATE_HOLIDAYS",
    "lock_timeout": "MEDIATE_LOCK_TIMEOUT",
    "jurisdiction": "MEDIATE_JURISDICTION",
    # From this day disputes are classified under the 2025 案由 revision (法〔2025〕227号:
    # 2026-01-01); a deployment whose courts switched on another day sets it.
    "causes_2025_from": "MEDIATE_CAUSES_2025_FROM",
    # the credit committee's notice (seed item 18): to whom, its 发文字号 prefix, a contact
    "credit_agency": "MEDIATE_CREDIT_AGENCY",
    "credit_doc_prefix": "MEDIATE_CREDIT_DOC_PREFIX",
    "credit_contact": "MEDIATE_CREDIT_CONTACT",
    "credit_phone": "MEDIATE_CREDIT_PHONE",
    # 保管期限 printed on a dossier's cover: no default (no rule fixing it was verified)
    "dossier_retention": "MEDIATE_DOSSIER_RETENTION",
}
# Seconds a command waits for a lock another connection holds before it gives up with a
# sentence (SQLite's busy timeout, PostgreSQL's lock_timeout).
DEFAULT_LOCK_TIMEOUT = 10
# The longest clerk name: what `clerks.name` and the audit trail's `clerk` columns hold
# (store/tables.py, max_length=100), as `clerk add` and `mediator add --name` allow.
CLERK_NAME_LENGTH = 100


def config_file() -> Path:
    explicit = os.environ.get("MEDIATE_CONFIG")
    if explicit:
        return Path(explicit).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP)) / "mediate.toml"


def data_home() -> Path:
    explicit = os.environ.get("MEDIATE_HOME")
    if explicit:
        return Path(explicit).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP))


def default_db_path() -> Path:
    return data_home() / "mediate.db"


def db_url(value: str) -> str:
    """A SQLAlchemy URL from what a user typed: a URL, or a path to a SQLite file."""
    value = value.strip()
    if not value:
        raise ConfigError(_("The database location is empty."))
    if "://" in value:
        if value.startswith("postgres://") or value.startswith("postgresql://"):
            # psycopg 3 is the only PostgreSQL driver we ship with.
            value = "postgresql+psycopg://" + value.split("://", 1)[1]
        return value
    if value == ":memory:":
        return "sqlite://"
    return "sqlite:///" + str(Path(value).expanduser().resolve())


# Pattern text, compiled at first use (re's cache): the light entry imports this module.
_URL_PASSWORD = r"^(?P<head>[A-Za-z][A-Za-z0-9+.-]*://[^:/@?#]*):[^/?#]*@"
_QUERY_PASSWORD = r"(?i)([?&]password=)[^&#]*"


def mask_password(url: str) -> str:
    """`postgresql://u:secret@host/db` -> `postgresql://u:***@host/db` (also a `password=`
    query parameter); anything else as is."""
    masked = re.sub(_URL_PASSWORD, r"\g<head>:***@", url, count=1)
    return re.sub(_QUERY_PASSWORD, r"\1***", masked)


@dataclass
class Settings:
    values: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)

    def get(self, key: str) -> Any:
        return self.values.get(key)

    @property
    def db(self) -> str:
        return db_url(str(self.values["db"]))

    @property
    def clerk(self) -> str:
        """The acting clerk, as `clerk add` takes a name: no control or text-direction
        character (it is written to the audit trail and printed in `case history`), no
        line break, at most CLERK_NAME_LENGTH characters (the column `clerks.name` and
        every `clerk`/`created_by` column). Else a usage error naming where it came from
        (--clerk, MEDIATE_CLERK, the config file's `clerk`): exit 2."""
        from mediate.errors import BadOptionValue
        from mediate.intake.text import BadValue, screen_option_text

        value = str(self.values["clerk"])
        try:
            return screen_option_text(value, CLERK_NAME_LENGTH, blank=False)
        except BadValue as exc:
            raise BadOptionValue(self.where("clerk"), str(exc)) from None

    def where(self, key: str) -> str:
        """Where a setting came from, as an error names it: the option, the environment
        variable, or the config file and the key."""
        source = self.sources.get(key, "")
        if source.startswith("option "):
            return source.removeprefix("option ")
        if source == _ENV.get(key):
            return source
        if source in ("", "default"):
            return key
        return _("{path}, setting {key}").format(path=source, key=key)

    @property
    def org(self) -> str | None:
        value = self.values.get("org")
        return str(value) if value else None

    @property
    def lock_timeout(self) -> float:
        """Seconds to wait for a lock (MEDIATE_LOCK_TIMEOUT, `lock_timeout` in the file)."""
        raw = self.values.get("lock_timeout", DEFAULT_LOCK_TIMEOUT)
        try:
            seconds = float(raw)
        except (TypeError, ValueError):
            seconds = -1.0
        if not 0 < seconds <= 3600:
            raise ConfigError(
                _(
                    "lock_timeout ({source}) must be a number of seconds between 0 and 3600, "
                    "not {value!r}."
                ).format(source=self.sources.get("lock_timeout", "-"), value=raw)
            )
        return seconds

    def shown(self, key: str) -> Any:
        """The value as `config show` prints it: a password in a database URL masked."""
        value = self.values.get(key)
        if key == "db" and isinstance(value, str):
            return mask_password(value)
        return value

    @property
    def causes_2025_from(self) -> dt.date | None:
        value = self.values.get("causes_2025_from")
        if value in (None, ""):
            return None
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise ConfigError(
                _("{setting} ({source}) must be a date like 2026-01-01, not {value!r}").format(
                    setting="causes_2025_from",
                    source=self.sources.get("causes_2025_from", "?"),
                    value=value,
                )
            ) from None

    def credit_notice(self) -> dict[str, Any]:
        """The credit notice's settings, as the document context's `credit` takes them."""
        keys = ("agency", "doc_prefix", "contact", "phone")
        return {k: str(self.values[f"credit_{k}"]) for k in keys if self.values.get(f"credit_{k}")}

    def path(self, key: str) -> Path | None:
        value = self.values.get(key)
        return Path(str(value)).expanduser() if value else None


def _read_config_file(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    import tomllib

    from mediate.safeyaml import read_text

    text = read_text(path)  # as the YAML files: not UTF-8 is a located FileError
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            _(
                "{where}: not valid TOML; write each setting as name = value, text in "
                'double quotes (clerk = "王书记员").'
            ).format(where=_toml_place(path, text, str(exc)))
        ) from exc
    unknown = sorted(set(data) - set(_ENV) - {"lang"})
    if unknown:
        raise ConfigError(
            _("{path}: unknown setting {key!r}; known settings: {known}").format(
                path=path, key=unknown[0], known=_(", ").join(sorted(_ENV))
            )
        )
    return data


def _toml_place(path: Path, text: str, message: str) -> str:
    """file:line:column of a tomllib error (its English message carries the place: "… (at
    line 2, column 9)", or "(at end of document)")."""
    found = re.search(r"\(at line (\d+), column (\d+)\)$", message)
    if found:
        return f"{path}:{found.group(1)}:{found.group(2)}"
    lines = text.splitlines() or [""]
    return f"{path}:{len(lines)}:{len(lines[-1]) + 1}"


def load_settings(**cli: Any) -> Settings:
    """Resolve every setting. `cli` holds the command-line values (None = not given)."""
    path = config_file()
    from_file = _read_config_file(path)
    defaults: dict[str, Any] = {
        "db": str(default_db_path()),
        "clerk": _os_user(),
        "org": None,
        "rules": None,
        "templates": None,
        "records": str(data_home() / "records"),
        "holidays": None,
        "lock_timeout": DEFAULT_LOCK_TIMEOUT,
        "jurisdiction": None,
        "causes_2025_from": None,
        "credit_agency": None,
        "credit_doc_prefix": None,
        "credit_contact": None,
        "credit_phone": None,
        "dossier_retention": None,
    }
    settings = Settings()
    for key, default in defaults.items():
        if cli.get(key) not in (None, ""):
            settings.values[key], settings.sources[key] = cli[key], "option --" + key
        elif os.environ.get(_ENV[key]):
            settings.values[key], settings.sources[key] = os.environ[_ENV[key]], _ENV[key]
        elif from_file.get(key) not in (None, ""):
            settings.values[key], settings.sources[key] = from_file[key], str(path)
        else:
            settings.values[key], settings.sources[key] = default, "default"
    return settings


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "clerk"
