"""The command-line framework's own words (Typer and its vendored Click) in the interface
language, and its help laid out for Chinese text.

Typer's vendored Click writes its words as plain English f-strings (no gettext), so they
are translated where they come out rather than where they are made:

- help pages: every context formats its help with `HelpFormatter` below (installed on the
  framework's `Context` class by `install()`, so every command, present and future, gets
  it): the usage prefix, section headings, type metavars (`<str>`, `<int range>`), the
  `[default: …]`/`[required]` notes and "Show this message and exit." are translated, and
  text is wrapped by display width (a Chinese character takes two columns), never inside
  a number or an English word; shell completion leaves out an option's former names, as
  its help page does;
- usage errors: `usage_error_message()` rebuilds the message from the exception's type
  and fields (and from pydantic's error type for a value that did not convert), so no
  English sentence of the framework or of pydantic reaches a Chinese clerk.

The words live in the `framework` catalog (mediate/locale/zh_CN/LC_MESSAGES/framework.po).
No rich here: `mediate --help` must stay fast.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from typer._click import exceptions as click_exceptions
from typer._click.core import Command, Context
from typer._click.formatting import HelpFormatter as _ClickHelpFormatter
from typer.core import TyperArgument

from mediate.errors import quoted, shown
from mediate.helplayout import FORMER_NAMES, HelpLayout, metavar_labels
from mediate.i18n import _

# -- help pages -----------------------------------------------------------------------------


class HelpFormatter(HelpLayout, _ClickHelpFormatter):
    """Click's help formatter, in the interface language and wrapped by display width
    (mediate/helplayout.py: the layout the light entry's `mediate --help` uses too)."""


def install() -> None:
    """Every help page of every command from now on is formatted by `HelpFormatter`, and
    every argument is named by its label in the interface language (`argument_label`)."""
    Context.formatter_class = HelpFormatter
    Command.shell_complete = _completions  # type: ignore[method-assign]
    TyperArgument.display_name_raw = property(argument_label)  # type: ignore[assignment,method-assign]
    TyperArgument._usage_display_name = _usage_name  # type: ignore[assignment,method-assign]


_shell_complete = Command.shell_complete


def _completions(self: Command, ctx: Context, incomplete: str) -> list[Any]:
    """The option names shell completion offers, without an option's former names (kept
    working but not shown, `helplayout.FORMER_NAMES`: `--org-id` beside `--body`), as its
    help page leaves them out. Click completes every name of an option and can hide only
    a whole option (hidden=True, never completed)."""
    offered = _shell_complete(self, ctx, incomplete)
    former = {
        old
        for param in self.get_params(ctx)
        for name in getattr(param, "opts", ())
        for old in FORMER_NAMES.get(name, ())
        if old in param.opts
    }
    return [item for item in offered if item.value not in former] if former else offered


def _usage_name(param: Any) -> str:
    """An argument in the usage line as usage lines write it: `ID` when required, `[ID]`
    when not (Typer writes a required one `{ID}`, which reads as a placeholder to fill).
    A metavar that says it takes several (`FILE...`) is not given a second `...`."""
    name = argument_label(param)
    many = param.nargs != 1 and not name.endswith("...")  # FILE... says it already
    name = name if param.required else f"[{name}]"
    return name + "..." if many else name


def argument_label(param: Any) -> str:
    """How an argument is named to the clerk — in the usage line, the help, and every
    message about it: its metavar in the interface language, never its Python name."""
    metavar = param.metavar or str(param.name).upper()
    return metavar_labels().get(metavar, metavar)


def param_label(param: Any) -> str:
    """How a parameter is named in a message: an option by the flags the clerk types
    (`--output/-o`), an argument by its label (`argument_label`)."""
    if param.param_type_name == "argument":
        return argument_label(param)
    return "/".join(param.opts) if param.opts else argument_label(param)


# -- usage errors ---------------------------------------------------------------------------


def _quoted(names: Sequence[str] | str | None) -> str:
    if names is None:
        return ""
    if isinstance(names, str):
        return names
    return " / ".join(quoted(name) for name in names)


def _param_hint(exc: Any) -> str:
    hint = getattr(exc, "param_hint", None)
    if hint is not None:
        return _quoted(hint)
    param = getattr(exc, "param", None)
    if param is None:
        return ""
    if param.param_type_name == "argument":  # Click's own hint quotes in ASCII, in English
        return quoted(argument_label(param))
    return " / ".join(quoted(name) for name in param.opts)


def conversion_error(error: dict[str, Any]) -> str:
    """A value the framework could not convert (a pydantic error), in our own words."""
    kind = str(error.get("type", ""))
    value = error.get("input")
    ctx = error.get("ctx") or {}
    said = quoted(shown(value)) if isinstance(value, str) else str(value)
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return _("{value} is not a whole number.").format(value=said)
    if kind in ("float_parsing", "decimal_parsing", "float_type", "decimal_type"):
        return _("{value} is not a number.").format(value=said)
    if kind in ("bool_parsing", "bool_type"):
        return _("{value} is not yes or no.").format(value=said)
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_type"):
        return _("{value} is not a date (write 2026-12-01, 2026/12/1 or 2026年12月1日).").format(
            value=said
        )
    if kind in ("greater_than_equal", "greater_than"):
        limit = ctx.get("ge", ctx.get("gt"))
        return _("{value} is too small: at least {limit}.").format(value=said, limit=limit)
    if kind in ("less_than_equal", "less_than"):
        limit = ctx.get("le", ctx.get("lt"))
        return _("{value} is too large: at most {limit}.").format(value=said, limit=limit)
    if kind in ("enum", "literal_error"):
        return _("{value} is not one of: {allowed}.").format(
            value=said, allowed=str(ctx.get("expected", "")).replace(" or ", ", ")
        )
    return _("{value} is not a valid value here.").format(value=said)


def _bad_parameter_reason(exc: Any) -> str:
    cause = exc.__cause__
    errors = getattr(cause, "errors", None)
    if callable(errors):
        found = errors()
        if found:
            return conversion_error(found[0])
    return _usage_sentence(str(exc.message))


_SENTENCES: tuple[tuple[str, Any], ...] = (
    (
        r"No such command '(?P<name>.*)'\.(?: Did you mean (?P<like>.*)\?)?",
        lambda m: (
            _("No such command '{name}'.").format(name=m["name"])
            + (_(" Did you mean {names}?").format(names=_requoted(m["like"])) if m["like"] else "")
        ),
    ),
    (r"Missing command\.", lambda m: _("Missing command.")),
    (
        r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)",
        lambda m: _("Unexpected extra argument(s): {args}.").format(args=m["args"]),
    ),
    (
        r"Option '(?P<opt>.*)' requires (?:an argument|(?P<n>\d+) arguments)\.",
        lambda m: (
            _("Option '{option}' needs a value.").format(option=m["opt"])
            if not m["n"]
            else _("Option '{option}' needs {n} values.").format(option=m["opt"], n=m["n"])
        ),
    ),
    (
        r"Option '(?P<opt>.*)' does not take a value\.",
        lambda m: _("Option '{option}' does not take a value.").format(option=m["opt"]),
    ),
    (
        r"Argument '(?P<arg>.*)' takes (?P<n>\d+) values\.",
        lambda m: _("Argument '{argument}' takes {n} values.").format(argument=m["arg"], n=m["n"]),
    ),
    (r"Value must be an iterable\.", lambda m: _("Give one or more values.")),
    (
        r"Value (?P<value>.*) is not a valid (?P<type>.*)\.",
        lambda m: _("{value} is not a valid value here.").format(value=m["value"]),
    ),
)


def _requoted(names: str) -> str:
    """Click's list of names, each in ASCII quotes and joined by ", ", in the interface
    language's quotes and list separator."""
    found = re.findall(r"'([^']*)'", names)
    return _(", ").join(quoted(name) for name in found) if found else names


def _usage_sentence(text: str) -> str:
    for pattern, build in _SENTENCES:
        if m := re.fullmatch(pattern, text):
            return str(build(m))
    return text


def usage_error_message(exc: click_exceptions.UsageError) -> str:
    """The sentence to show for a usage error, in the interface language."""
    if isinstance(exc, click_exceptions.NoSuchOption):
        text = _("No such option: {option}.").format(option=exc.option_name)
        if exc.possibilities:
            text += _(" Did you mean {names}?").format(
                names=_(", ").join(sorted(exc.possibilities))
            )
        return text
    if isinstance(exc, click_exceptions.MissingParameter):
        hint = _param_hint(exc)
        kind = exc.param_type or (exc.param.param_type_name if exc.param else "")
        if kind == "argument":
            return _("Missing argument {name}.").format(name=hint)
        if kind == "option":
            return _("Missing option {name}.").format(name=hint)
        return _("Missing value for {name}.").format(name=hint)
    if isinstance(exc, click_exceptions.BadParameter):
        hint = _param_hint(exc)
        reason = _bad_parameter_reason(exc)
        if hint:
            return _("Invalid value for {name}: {reason}").format(name=hint, reason=reason)
        return _("Invalid value: {reason}").format(reason=reason)
    return _usage_sentence(str(exc.message))


def usage_error_lines(exc: click_exceptions.UsageError) -> tuple[str, str]:
    """(the usage line with a pointer to help — or "" without a context, the message)."""
    ctx = exc.ctx
    if ctx is None:
        return "", usage_error_message(exc)
    usage = ctx.get_usage()
    if ctx.command.get_help_option(ctx) is not None:
        usage += "\n" + _("Try '{command} {option}' for help.").format(
            command=ctx.command_path, option=ctx.help_option_names[0]
        )
    return usage, usage_error_message(exc)
