"""Typed errors. Every error a user can cause is a MediateError: exit 1, one clear message."""

from __future__ import annotations

from typing import Any

from mediate.i18n import _


def located(where: str, message: str) -> str:
    """A message with where it applies (a file and line, a row, a field, an option), in
    the interface language's punctuation (`文件：…` in Chinese)."""
    return _("{where}: {message}").format(where=where, message=message)


ECHO_LIMIT = 40


def echoed(text: str, limit: int = ECHO_LIMIT) -> str:
    """A value the clerk typed, as a message about a filter repeats it: its first `limit`
    characters and "…" when longer (a pasted page is not echoed back whole)."""
    return text if len(text) <= limit else text[:limit] + "…"


def shown(text: str, limit: int = ECHO_LIMIT) -> str:
    """A value the clerk typed, as a message repeats it: cut (`echoed`), a control
    character written as its escape (`\\x1b`), never sent to the terminal as it is."""
    if not text.isprintable():
        text = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)
    return echoed(text, limit)


def quoted(text: str) -> str:
    """A name or a value in quotes, as the interface language quotes: 'ID' in English,
    “编号” in Chinese (the zh catalog's quotes, never ASCII ones)."""
    return _("'{text}'").format(text=text)


class MediateError(Exception):
    """Base of all expected errors; the message is shown to the user as is."""

    exit_code = 1

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as made (its message, its attributes), never by calling `__init__` again
        with the message: a reader process sends its errors to the importing process, and
        `BadOptionValue(message)` could not be unpickled, `ValidationErrors` came back
        garbled. An attribute that does not pickle (a vocabulary) is left behind."""
        import pickle

        kept = {}
        for name, value in self.__dict__.items():
            try:
                pickle.dumps(value)
            except Exception:
                continue
            kept[name] = value
        return _unpickled, (type(self), self.args, kept)


def _unpickled(kind: type[MediateError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    error = kind.__new__(kind, *args)
    error.args = args
    error.__dict__.update(state)
    return error


class ConfigError(MediateError):
    """The configuration (file, environment, options) is wrong."""


class DatabaseError(MediateError):
    """The database cannot be opened, is not initialised, or has an unknown schema."""


class NotFound(MediateError):
    """A case, body, cause, template… that the user named does not exist."""


class ValidationError(MediateError):
    """Input data is invalid. `where` says where (file:line, row, field)."""

    def __init__(self, message: str, where: str | None = None) -> None:
        self.where = where
        self.reason = message
        super().__init__(located(where, message) if where else message)


class ValidationErrors(MediateError):
    """Several validation errors found at once (a file checked as a whole)."""

    def __init__(self, errors: list[ValidationError], summary: str | None = None) -> None:
        self.errors = errors
        lines = [summary] if summary else []
        lines.extend(str(e) for e in errors)
        super().__init__("\n".join(lines))


class BadOptionValues(ValidationErrors):
    """Several option values refused at once (`case new --no-input` checks every option
    before it says anything): a usage error (exit 2), as one bad option value is."""

    exit_code = 2


class TransitionError(MediateError):
    """A case cannot move from its status to the one asked for."""


class ConflictError(MediateError):
    """Somebody else changed the record first (optimistic version check)."""


class AccessDenied(MediateError):
    """The clerk may not see or change this record."""


class BadOptionValue(MediateError):
    """A value an option does not take (`--filter status=…`): a usage error (exit 2)."""

    exit_code = 2

    def __init__(self, option: str, message: str) -> None:
        self.option = option
        self.reason = message
        super().__init__(located(option, message))


class UnknownBody(MediateError):
    """A body named on the command line that is not one (or matches several): exit 2."""

    exit_code = 2

    def __init__(self, option: str, text: str, candidates: list[str]) -> None:
        self.option, self.text, self.candidates = option, text, candidates
        if candidates:
            message = _("{option}: '{text}' names several bodies: {candidates}.").format(
                option=option, text=shown(text), candidates=_(", ").join(candidates)
            )
        else:
            message = _(
                "{option}: no body is called '{text}'; give its id or name (see mediate org list)."
            ).format(option=option, text=shown(text))
        super().__init__(message)
