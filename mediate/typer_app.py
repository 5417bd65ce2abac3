"""The full `mediate` command (Typer): global options, command groups, and the one error
handler. `mediate.cli:main` runs the light entry first (mediate/quick.py) and this for
anything the light entry does not take.

Exit codes: 0 ok; 1 a MediateError (bad input, missing record, conflict…); 2 usage error;
3 unexpected error (details in the log file); 130 interrupted.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer.core import TyperCommand, TyperGroup

from mediate import framework
from mediate.cli import _error, _interrupted, _unexpected
from mediate.commands import summaries
from mediate.commands.registry import COMMANDS
from mediate.errors import MediateError
from mediate.files import os_reason
from mediate.i18n import _

framework.install()

if TYPE_CHECKING:
    # typer vendors click; these are for annotations only (nothing private at run time)
    from typer._click import Command, Context, HelpFormatter


def load_commands(name: str) -> dict[str, Command]:
    """Import the module behind `COMMANDS[name]` and build its click command(s).

    A `register` module may add several commands (core: init, demo, version, config): all
    of them are returned, so each module is imported and built once.
    """
    import importlib

    entry = COMMANDS[name]
    for extra in entry.also:
        importlib.import_module(extra)
    target = getattr(importlib.import_module(entry.module), entry.attribute)
    holder = typer.Typer(
        add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None
    )
    if isinstance(target, typer.Typer):
        if entry.also:  # commands in the order of `also`, whichever module was imported first
            order = [entry.module, *entry.also]
            target.registered_commands.sort(
                key=lambda info: (
                    order.index(module)
                    if (module := getattr(info.callback, "__module__", None)) in order
                    else len(order)
                )
            )
        holder.add_typer(target, name=name)
    else:
        target(holder)
    commands = dict(typer.main.get_group(holder).commands)
    for command in commands.values():
        _whole_short_help(command)
    return commands


def _whole_short_help(command: Command) -> None:
    """A group lists its commands with their help's first paragraph, whole: Click would cut
    it to the width left beside the name, with an ellipsis."""
    if not command.short_help and command.help:
        command.short_help = command.help.strip().split("\n\n")[0].replace("\n", " ")
    for sub in getattr(command, "commands", {}).values():
        _whole_short_help(sub)


class _LazyCommands(MutableMapping[str, "Command"]):
    """`COMMANDS` names first, then any added; a registered command is built on first use."""

    def __init__(self, added: MutableMapping[str, Command]) -> None:
        self._loaded: dict[str, Command] = dict(added)

    def loaded(self, name: str) -> Command | None:
        return self._loaded.get(name)

    def __getitem__(self, name: str) -> Command:
        if name not in self._loaded:
            if name not in COMMANDS:
                raise KeyError(name)
            for built_name, command in load_commands(name).items():
                self._loaded.setdefault(built_name, command)
        return self._loaded[name]

    def __setitem__(self, name: str, command: Command) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        yield from COMMANDS
        yield from (name for name in self._loaded if name not in COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS) + sum(1 for name in self._loaded if name not in COMMANDS)

    def __contains__(self, name: object) -> bool:
        return name in COMMANDS or name in self._loaded


class LazyGroup(TyperGroup):
    """The root group: lists `COMMANDS` without importing them; builds only the one run."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _LazyCommands(self.commands)

    def list_commands(self, ctx: Context) -> list[str]:
        return list(self.commands)  # names only (TyperGroup's walks .items(): builds them all)

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        # As TyperGroup.format_commands, with the registry's help for commands not yet built.
        commands = cast(_LazyCommands, self.commands)
        rows: list[tuple[str, Command]] = []
        for name in self.list_commands(ctx):
            command = commands.loaded(name)
            if command is None:
                entry = COMMANDS[name]
                command = TyperCommand(name, help=entry.help, short_help=entry.help)
            if not command.hidden:
                rows.append((name, command))
        if rows:
            with formatter.section("Commands"):  # the formatter translates its headings
                formatter.write_dl([(name, cmd.get_short_help_str()) for name, cmd in rows])


app = typer.Typer(
    name="mediate",
    cls=LazyGroup,
    help=summaries.MEDIATE,
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion for bash, zsh, fish
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _global_options(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="URL|PATH",
            help=_(
                "Database: a SQLite file path or a postgresql+psycopg:// URL "
                "(else MEDIATE_DB, the config file, or the default)."
            ),
        ),
    ] = None,
    clerk: Annotated[
        str | None,
        typer.Option(
            "--clerk", help=_("Who is acting; recorded on every change (else MEDIATE_CLERK).")
        ),
    ] = None,
    org: Annotated[
        str | None,
        typer.Option("--org", help=_("The body the clerk works for (else MEDIATE_ORG).")),
    ] = None,
    json_: Annotated[
        bool,
        typer.Option("--json", help=_("Print data as JSON on stdout (messages go to stderr).")),
    ] = False,
    no_input: Annotated[
        bool, typer.Option("--no-input", help=_("Never prompt; fail when a value is missing."))
    ] = False,
) -> None:
    from mediate.config import load_settings
    from mediate.services.context import AppContext

    settings = load_settings(db=db, clerk=clerk, org=org)
    context = AppContext(settings=settings, json=json_, no_input=no_input)
    ctx.obj = context
    ctx.call_on_close(context.close)


def _usage_error(usage: str, text: str) -> None:
    from mediate import console

    if usage:
        console.message(usage)
    console.error(text)


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return the exit code (never raises, never calls sys.exit)."""
    command = typer.main.get_command(app)
    try:
        result = command.main(args=argv, prog_name="mediate", standalone_mode=False)
    except (typer.Abort, KeyboardInterrupt):
        _interrupted()
        return 130
    except typer.Exit as exc:
        return exc.exit_code
    except NoArgsIsHelpError as exc:  # a group run without a command: its help
        exc.show()
        return exc.exit_code
    except UsageError as exc:  # bad option, missing argument… in the interface language
        usage, text = framework.usage_error_lines(exc)
        _usage_error(usage, text)
        return exc.exit_code
    except typer.TyperException as exc:
        _error(exc.format_message())
        return exc.exit_code
    except MediateError as exc:
        _error(str(exc))
        return exc.exit_code
    except BrokenPipeError:
        return 0
    except OSError as exc:
        if exc.filename is None:
            return _unexpected(exc)
        # A file the user named cannot be read or written (a directory, no permission, a
        # full disk): their situation, not a bug.
        _error(_("Cannot use {file}: {reason}.").format(file=exc.filename, reason=os_reason(exc)))
        return 1
    except Exception as exc:
        return _unexpected(exc)
    if result == 130:  # Typer turns Ctrl-C into a returned 130: say so, on a line of its own
        _interrupted()
        return 130
    return result if isinstance(result, int) else 0
