"""Helpers shared by the command modules."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mediate import files
from mediate.domain import vocabulary
from mediate.domain.vocabulary import UnknownChoice, Vocabulary
from mediate.errors import BadOptionValue, quoted, shown
from mediate.files import check_can_create_file, check_out_dir
from mediate.framework import param_label
from mediate.i18n import _
from mediate.reports.periods import period_forms
from mediate.services.context import AppContext

if TYPE_CHECKING:
    from mediate.services.dossier import DossierOptions

JsonOption = Annotated[
    bool, typer.Option("--json", help=_("Print data as JSON on stdout (messages go to stderr)."))
]
ID_MAX = 2**31 - 1
"""The largest id a table holds (PostgreSQL's INTEGER): a larger number names no row, and
would overflow the database driver (exit 3) rather than find nothing."""


def whole_number(low: int = 1, high: int = ID_MAX) -> Callable[[str], int]:
    """A Typer `parser=` for an id, a number in a list or a count: digits as the clerk
    types them (full-width １２ from a Chinese input method too), from `low` to `high`;
    anything else is a usage error (exit 2) saying what was wrong."""

    def integer(text: Any) -> int:
        if isinstance(text, int):
            return text
        digits = unicodedata.normalize("NFKC", str(text)).strip()
        said = quoted(shown(str(text)))
        if not (digits.isdecimal() and digits.isascii()):
            raise typer.BadParameter(_("{value} is not a whole number.").format(value=said))
        number = int(digits)
        if number < low:
            raise typer.BadParameter(
                _("{value} is too small: at least {limit}.").format(value=said, limit=low)
            )
        if number > high:
            raise typer.BadParameter(
                _("{value} is too large: at most {limit}.").format(value=said, limit=high)
            )
        return number

    return integer


CaseId = Annotated[int, typer.Argument(metavar="ID", parser=whole_number(), help=_("The case id."))]
ExpectOption = Annotated[
    int | None,
    typer.Option(
        "--expect-version",
        metavar="VERSION",
        parser=whole_number(),
        help=_("Refuse the change unless the case is still at this version (see case show)."),
    ),
]


def app_context(ctx: typer.Context) -> AppContext:
    obj = ctx.find_object(AppContext)
    if obj is None:  # a command module used on its own, outside the root app
        from mediate.config import load_settings

        obj = AppContext(settings=load_settings())
        ctx.obj = obj
    return obj


def wants_json(ctx: typer.Context, local: bool = False) -> bool:
    return local or app_context(ctx).json


ForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        # eager: known before the file options are checked, wherever it is typed
        is_eager=True,
        help=_("Overwrite a file that exists (by default an existing file is never replaced)."),
    ),
]


def output_file(ctx: typer.Context, param: typer.CallbackParam, value: Path | None) -> Path | None:
    """An option naming a file to write: refused up front when it is a directory (exit 2),
    lies under a file, cannot be written, or exists and the command was not given --force
    (every command with such an option has `ForceOption`; a test checks) — before any work
    is done. The file itself is written through `mediate.files.replacing`: whole or not."""
    if value is not None:
        check_output_file(ctx, value, param_label(param))
    return value


def output_file_callback(
    check: Callable[[typer.Context, typer.CallbackParam, Path], None],
    complete: Callable[[Path], Path] | None = None,
) -> Callable[..., Path | None]:
    """An `output_file` whose checks are `check`'s (`check_output_file` with a command's
    own suffixes, inputs or replaceable files): `check` is given only a file named. The
    callback keeps `check`'s name and docstring (`db.backup_file` is backup_file), and is
    still an `output_file` to what walks the commands: `inspect.unwrap` of it is
    `output_file` (the --force checks, the zh error words). `complete` turns the name typed
    into the file's (adds a missing suffix) before the checks."""

    def callback(ctx: typer.Context, param: typer.CallbackParam, value: Path | None) -> Path | None:
        if value is not None:
            if complete is not None:
                value = complete(value)
            check(ctx, param, value)
        return value

    functools.update_wrapper(
        callback, check, assigned=("__module__", "__name__", "__qualname__", "__doc__")
    )
    callback.__wrapped__ = output_file  # type: ignore[attr-defined]
    return callback


def output_file_in(suffixes: dict[str, str]) -> Callable[..., Path | None]:
    """`output_file` for an option that writes one format: a name ending in another suffix
    (`report whitepaper -o wp.pdf`, `--xlsx r.csv`) is a usage error naming the suffixes
    taken (files.format_by_suffix), never a file of another kind under that name. A name
    without a suffix gets the format's (`-o ex/wp` writes ex/wp.docx, review of
    2026-12-03: it wrote a file no program opens by its name), as `doc render -o` takes
    only a name ending in .docx for a file."""
    suffix = next(iter(suffixes))

    def check(ctx: typer.Context, param: typer.CallbackParam, value: Path) -> None:
        check_output_file(ctx, value, param_label(param), suffixes)

    def complete(value: Path) -> Path:
        named = str(value).strip() and value != Path() and value.name
        if not named or value.suffix or value.expanduser().is_dir():
            return value
        return value.with_name(value.name + suffix)

    return output_file_callback(check, complete)


def check_output_file(
    ctx: typer.Context,
    value: Path,
    option: str,
    suffixes: dict[str, str] | None = None,
    default: str = "",
    replaceable: Callable[[Path], bool] | None = None,
    reads: Sequence[Path | None] = (),
) -> None:
    """What `output_file` checks of a file named by `option` (with `suffixes`, what
    `output_file_in` checks too), for a callback of a command's own or a file named by an
    argument (`import --template FILE`): no name, a directory, a file the command reads
    (`reads`, refused whatever --force says), a suffix not in `suffixes`, a directory
    that does not exist (usage errors, exit 2), an existing file without --force unless
    `replaceable` says the command may replace it, a path that cannot be written.
    The configured database and its journals are never written (`refuse_the_database`)."""
    if not str(value).strip() or value == Path():
        # '', ' ' (review of 2026-12-03: `--errors ' '` wrote a file named " ") or . (Click
        # reads '' as .): no file named at all
        raise BadOptionValue(option, _("No file name was given: give the name of a file to write."))
    path = files.expanded(value, option)
    if path.is_dir():  # a typed path that names no file: a usage error
        raise BadOptionValue(
            option, _("{path} is a directory: give the name of a file to write.").format(path=path)
        )
    refuse_the_database(ctx, path, option)
    files.refuse_the_input(path, reads, option)
    if suffixes is not None:
        files.format_by_suffix(path, suffixes, default, option)
    if replaceable is None or not replaceable(path):
        refuse_existing(ctx, path, option)
    check_can_create_file(path, option)


def refuse_the_database(ctx: typer.Context, path: Path, option: str, holds: bool = False) -> None:
    """A file to write (`holds`: a directory whose contents are written) that is, or holds,
    the SQLite database mediate is configured to use (--db, MEDIATE_DB, the config file) or
    one of its journals is a usage error naming `option`, whatever --force says (review of
    2026-12-03: `mediate --db live.db export cases -o live.db --force` wrote CSV over it)."""
    files.refuse_the_database(path, the_database(ctx), option, holds)


def the_database(ctx: typer.Context) -> list[Path]:
    """The configured SQLite database and its journals (`files.configured_database`)."""
    return files.configured_database(app_context(ctx).settings)


def refuse_existing(ctx: typer.Context, path: Path, where: str) -> None:
    """An existing file is only replaced with the command's --force."""
    files.refuse_existing(path, bool(ctx.params.get("force")), where)


def output_dir(ctx: typer.Context, param: typer.CallbackParam, value: Path | None) -> Path | None:
    """An option naming a directory to write into (created when missing): never the
    database's name nor its journal's (a directory `live.db-wal` stops SQLite)."""
    if value is None:
        return None
    if str(value).strip():  # '' and spaces are named_path's
        refuse_the_database(ctx, value, param_label(param))
    check_out_dir(value, param_label(param))
    return value


output_dir.writes_dir = True  # type: ignore[attr-defined]  # the light entry checks alike


#: What a free-text option may hold when its column declares no length (a Text column:
#: an event's note, an agreement's terms): a page of text, not a file pasted by mistake.
MAX_FREE_TEXT = 10_000


def screened(
    column: str | None = None, *, lines: bool = False, blank: bool = True
) -> Callable[[Any], Any]:
    """A Typer `callback=` for every option (or argument) that takes free text — a note, a
    reason, a place, a name: the value passes `screen_text` like every other way in (a
    control character is a usage error naming the option and the character; line breaks
    of every kind become "\n", folded into a space unless `lines`), and is held to the
    length `column` ("table.column") declares in `store/tables.py`, else MAX_FREE_TEXT.
    Works for single and repeatable options. A test walks the commands and fails on a
    text option without it. `blank=False`: an empty or all-blank value is a usage error
    (a lookup of '' would match everything, or nothing, and say so oddly)."""

    def parse(value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, list | tuple):
            return [_screen_option(item, column, lines, blank) for item in value]
        return _screen_option(value, column, lines, blank)

    parse.screens_text = True  # type: ignore[attr-defined]
    parse.screen_column = column  # type: ignore[attr-defined]  # for tools/make_quickspec.py
    return parse


CaseRef = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help=_("The case id or its case number (案号)."),
        callback=screened(blank=False),
    ),
]
"""A case named by its id or its 案号, as `case show` takes it (`services.cases.resolve_case`)."""


def _screen_option(value: str, column: str | None, lines: bool, blank: bool = True) -> str:
    from mediate.intake.values import BadValue, screen_option_text

    limit = (_declared_length(column) if column else None) or MAX_FREE_TEXT
    try:
        return screen_option_text(value, limit, lines=lines, blank=blank)
    except BadValue as exc:
        raise typer.BadParameter(str(exc)) from None


def _declared_length(column: str) -> int | None:
    from mediate.intake.validate import column_lengths

    table, name = column.split(".")
    return column_lengths(table).get(name)


def choice(vocabulary: Vocabulary) -> Callable[[Any], Any]:
    """A Typer `callback=` that turns what the clerk typed (a code, or a label in either
    language) into the stored code; an unknown word is a usage error listing the allowed
    ones. Works for single and repeatable options and for arguments."""

    def parse(value: Any) -> Any:
        if value is None:
            return None
        try:
            if isinstance(value, list | tuple):
                return vocabulary.parse_all(value)
            return vocabulary.parse(value)
        except UnknownChoice as exc:
            raise typer.BadParameter(str(exc)) from None

    return parse


StatusesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        help=_("Only cases in this status, e.g. 已分流 or routed (repeatable)."),
        callback=choice(vocabulary.CASE_STATUS),
    ),
]
SourceOption = Annotated[
    str | None,
    typer.Option(
        "--source",
        help=_("Only disputes from this source, e.g. 委派 or court_delegated."),
        callback=choice(vocabulary.SOURCE),
    ),
]
CountyOption = Annotated[
    str | None,
    typer.Option(
        "--county",
        help=_("Only this county: its 6-digit code or its name, e.g. 410802 or 解放区."),
        callback=choice(vocabulary.COUNTY),
    ),
]
# The orgs report and the white paper list bodies: which ones a county shows, in the help.
BodiesCountyOption = Annotated[
    str | None,
    typer.Option(
        "--county",
        help=_(
            "Only this county: its 6-digit code or its name, e.g. 410802 or 解放区. Its own "
            "bodies are listed; a body of the city or of another county only when it handled "
            "the county's disputes in the period."
        ),
        callback=choice(vocabulary.COUNTY),
    ),
]
# A filter by body is `--body` in every command (review of 2026-12-03: export cases said
# --org-id, mediator list --org); the former names still work, and the help shows --body
# alone (helplayout.FORMER_NAMES).
BodyOption = Annotated[
    str | None,
    typer.Option(
        "--body",
        "--org-id",
        callback=screened(),
        help=_("Only cases at this body: its id or name."),
    ),
]
RawOption = Annotated[
    bool,
    typer.Option(
        "--raw",
        help=_(
            "With --csv or an export: stored codes and field names, no byte-order mark "
            "(for scripts)."
        ),
    ),
]


def named_path(text: Any) -> Path:
    """A Typer `parser=` for an option naming a directory to write into (or, `doc render
    -o`, a directory or a file): '' is a usage error (exit 2), never the current directory
    that Path('') reads as (review of 2026-12-02: `doc render -o ''` wrote there, while
    `import --template ''` was refused); `.` still names the current directory."""
    if isinstance(text, Path):  # the default
        return text
    if not str(text).strip():  # '' or spaces (review of 2026-12-03: `-o ' '`)
        raise typer.BadParameter(
            _("No name was given: give a directory to write into (. is the current one).")
        )
    try:
        return Path(text).expanduser()
    except RuntimeError as exc:  # ~nouser/…: was exit 3
        raise typer.BadParameter(
            _("{path}: no such user to expand ~ for").format(path=text)
        ) from exc


OutDirOption = Annotated[
    Path,
    typer.Option(
        "-o",
        "--out",
        metavar="<path>",  # the type's own, translated in help (helplayout)
        parser=named_path,
        help=_("Directory to write the documents to."),
        callback=output_dir,
    ),
]

# The period of a report or an export (reports/periods.py resolves them).
PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        "-p",
        metavar="PERIOD",
        help=_("The period: {forms} (default: this year).").format(forms=period_forms()),
    ),
]
# What every date option takes (intake/values.option_date): one wording in each such
# option's help.
DATE_FORMS = _("e.g. 2026-12-01, 2026/12/1 or 2026年12月1日")
FromOption = Annotated[
    str | None,
    typer.Option(
        "--from",
        metavar="DATE",
        help=_("First day of the period, {forms}.").format(forms=DATE_FORMS),
    ),
]
ToOption = Annotated[
    str | None,
    typer.Option(
        "--to", metavar="DATE", help=_("Last day of the period, {forms}.").format(forms=DATE_FORMS)
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help=_("Write to this file (default: stdout)."), callback=output_file
    ),
]

# A dossier's options: `case dossier` and `export dossiers`.
RetentionOption = Annotated[
    str | None,
    typer.Option(
        "--retention",
        # line breaks kept: the dossier refuses a period that is not one line, by name
        callback=screened(lines=True),
        help=_(
            "Retention period (保管期限) printed on the cover, e.g. 永久 (default: the "
            "dossier_retention setting; without one the cover leaves it blank to fill in)."
        ),
    ),
]
DossierPdfOption = Annotated[
    bool,
    typer.Option(
        "--pdf",
        help=_("Also a PDF (LibreOffice); the contents' page numbers are then counted from it."),
    ),
]


def dossier_options(
    ctx: typer.Context, retention: str | None, pdf: bool, force: bool
) -> DossierOptions:
    from mediate.services.dossier import DossierOptions, retention_period

    settings = app_context(ctx).settings
    if retention is not None:
        chosen = retention_period(retention, "--retention")
    else:
        chosen = retention_period(settings.get("dossier_retention"), "dossier_retention")
    if pdf:  # before any dossier is rendered: one message, nothing half-written
        from mediate.documents.pdf import require_soffice

        require_soffice(written=False)
    return DossierOptions(chosen, pdf, settings.path("templates"), overwrite=force)
