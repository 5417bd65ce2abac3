"""Writing a file the clerk named: never over an existing one unless asked, never half.

Every file mediate writes (exports, reports, the white paper, documents, `--errors`,
`import --template`, backups) is written to a temporary file beside its target and renamed
over it once complete, so a failure or Ctrl-C never leaves a truncated file — and an
existing file stays as it was until the new one is whole. Whether an existing file may be
replaced at all is the command's `--force` (`commands.common.ForceOption`), checked by
`refuse_existing` before any work is done.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from mediate.errors import BadOptionValue, ValidationError
from mediate.i18n import _

if TYPE_CHECKING:
    from mediate.config import Settings


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A fresh temporary path in `target`'s directory; renamed over `target` when the
    block ends normally, removed when it raises (the target is then untouched)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = str(target.parent / ".partial-")
    try:
        fd, name = tempfile.mkstemp(prefix=".partial-", suffix=target.suffix, dir=target.parent)
    except OSError as exc:
        _name_the_target(exc, partial, target)
        raise
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        os.replace(temp, target)
    except OSError as exc:
        _name_the_target(exc, partial, target)
        raise
    finally:
        temp.unlink(missing_ok=True)


def _name_the_target(exc: OSError, partial: str, target: Path) -> None:
    """`exc` naming `target` instead of the temporary file: the clerk named the target and
    never sees the temporary one (an error about another file keeps its name)."""
    if isinstance(exc.filename, str) and exc.filename.startswith(partial):
        exc.filename, exc.filename2 = str(target), None


def os_reason(exc: OSError) -> str:
    """Why the system refused a file, in the interface language: the system's own words
    (`strerror`) are English whatever the clerk's language."""
    import errno

    reasons = {
        errno.ENOENT: _("no such file or directory"),
        errno.EACCES: _("permission denied"),
        errno.EPERM: _("permission denied"),
        errno.EISDIR: _("it is a directory"),
        errno.ENOTDIR: _("a part of the path is not a directory"),
        errno.ENOSPC: _("no space left on the disk"),
        errno.EROFS: _("the disk is read-only"),
        errno.EEXIST: _("it already exists"),
        errno.ENAMETOOLONG: _("the name is too long"),
        errno.ENOTEMPTY: _("the directory is not empty"),
    }
    if exc.errno in reasons:
        return reasons[exc.errno]
    name = errno.errorcode.get(exc.errno or 0, type(exc).__name__)
    return _("the system refused it ({code})").format(code=name)


def existing_file(path: Path) -> str:
    """Why an output was not written: it exists and --force was not given."""
    return _("{path} exists; give --force to overwrite it.").format(path=path)


def refuse_existing(path: Path, force: bool, where: str | None = None) -> None:
    """An existing output (a file, a dossier's directory, a link, even a dangling one) is
    only replaced with --force; `where` names the option that named it."""
    if not force and (path.exists() or path.is_symlink()):
        raise ValidationError(existing_file(path), where=where)


def write_atomically(path: Path, data: bytes) -> None:
    """`data` into `path` through `replacing`: never a partial file."""
    with replacing(path) as temp:
        temp.write_bytes(data)


def _nearest_existing(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return Path(".")


def expanded(value: Path, option: str) -> Path:
    """`value` with a leading `~` or `~user` expanded; a user that does not exist is a
    usage error naming `option` (pathlib raises RuntimeError: was exit 3)."""
    try:
        return value.expanduser()
    except RuntimeError as exc:
        raise BadOptionValue(
            option, _("{path}: no such user to expand ~ for").format(path=value)
        ) from exc


def check_out_dir(value: Path, option: str) -> None:
    """A directory to write into, named by `option` (created when missing): refused when it
    is a file, lies under a file or cannot be written (`commands.common.output_dir`, and
    the light entry's `-o`)."""
    from mediate.errors import BadOptionValue

    path = expanded(value, option)
    if path.exists() and not path.is_dir():
        # a typed value, as a file name not yet there is (review of 2026-12-02): exit 2
        raise BadOptionValue(
            option, _("{path} is a file: give a directory to write into.").format(path=path)
        )
    if names_a_file(path) and not path.is_dir():
        # `-o papers.docx` would make a directory of that name (review of 2026-12-02)
        raise BadOptionValue(
            option,
            _(
                "{path} is the name of a file, but this option names the directory to write "
                "into: give a directory (it is created when missing)."
            ).format(path=path),
        )
    check_can_create(path, option)


_FILE_SUFFIX = re.compile(r"\.(?:[a-z]{2,4}|sqlite)", re.ASCII | re.IGNORECASE)
"""Names that are files, never a directory to write into (`names_a_file`): a suffix of
two to four letters (`a.txt`, `x.odt`, `b.docx`) or `.sqlite`, in either case; a
directory named `2026.12` or `卷宗.终稿` keeps its name."""


def names_a_file(path: Path) -> bool:
    """Does `path` read as a file's name, not a directory's? Every option that writes into
    a directory refuses one (`check_out_dir`, `doc render -o`) rather than make a directory
    called `a.txt` (review of 2026-12-02); an existing directory is always taken."""
    return _FILE_SUFFIX.fullmatch(path.suffix) is not None


def same_file(path: Path, other: Path) -> bool:
    """Do the two names reach one file: the same path once resolved (links, `..`), or the
    same file on disk (a hard link, another mount of it: os.path.samefile)?"""
    path, other = path.expanduser(), other.expanduser()
    try:
        if path.resolve() == other.resolve():
            return True
        return path.exists() and other.exists() and os.path.samefile(path, other)
    except (OSError, RuntimeError):  # a loop of links, a name too long: never the input
        return False


def refuse_the_input(path: Path, inputs: Iterable[Path | None], option: str) -> None:
    """An output file that is a file the command reads is a usage error (exit 2), whatever
    --force says: `import in.csv --dry-run --errors in.csv --force` replaced the input by
    its rejected rows, and the good ones, never imported, were lost (review of
    2026-12-02)."""
    from mediate.errors import BadOptionValue

    for source in inputs:
        if source is not None and same_file(path, source):
            raise BadOptionValue(
                option,
                _(
                    "{path} is the file being read: give another name for the file to "
                    "write (it is never written over, even with --force)."
                ).format(path=path),
            )


def format_by_suffix(
    path: Path, formats: dict[str, str], default: str, option: str, format_option: bool = False
) -> str:
    """The format a file named by `option` is written in, by its suffix (`formats`: suffix,
    e.g. ".csv", to format); `default` for a name without one. Any other suffix is a usage
    error (exit 2) naming it and the suffixes taken, never a file of another kind under
    that name (`export cases -o c.exe` wrote CSV). `format_option`: the command has
    --format, which the message offers."""
    from mediate.errors import BadOptionValue, quoted, shown

    suffix = path.suffix.lower()
    if not suffix:
        return default
    if suffix in formats:
        return formats[suffix]
    taken = _(", ").join(formats)
    message = (
        _("cannot write a {suffix} file: end the name in {taken}, or give --format.")
        if format_option
        else _("cannot write a {suffix} file: end the name in {taken}.")
    )
    raise BadOptionValue(option, message.format(suffix=quoted(shown(path.suffix)), taken=taken))


def check_can_create_file(path: Path, option: str) -> None:
    """A file named by `option` is written into a directory that exists: a missing one is
    a usage error (exit 2) naming it, never created (review of 2026-12-02: `import
    --template /nonexist/t.csv` made /nonexist, while `doc render -o new/a.docx` refused).
    A directory to write into (`check_out_dir`) is created when missing."""
    from mediate.errors import BadOptionValue

    parent = path.parent
    if not parent.exists() and _nearest_existing(parent).is_dir():
        raise BadOptionValue(
            option,
            _("{path} cannot be written: there is no directory {parent}.").format(
                path=path, parent=parent
            ),
        )
    check_can_create(path, option)


def check_can_create(path: Path, option: str) -> None:
    existing = _nearest_existing(path)
    if existing != path and not existing.is_dir():
        raise ValidationError(
            _("{path} cannot be created: {parent} is a file, not a directory.").format(
                path=path, parent=existing
            ),
            where=option,
        )
    if not os.access(existing, os.W_OK):
        raise ValidationError(
            _("{path} cannot be written: this user may not write to {place}.").format(
                path=path, place=existing
            ),
            where=option,
        )


_SQLITE_URL = re.compile(r"sqlite(?:\+\w+)?:///", re.ASCII | re.IGNORECASE)


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite database `url` names (None: another backend, or in memory),
    whatever its driver (`sqlite+pysqlite:///`, which the engine takes as well: review of
    2026-12-03, an export was written over the live database so named)."""
    found = _SQLITE_URL.match(url)
    if found is None:
        return None
    database = url[found.end() :].split("?", 1)[0]
    return Path(database) if database and database != ":memory:" else None


SQLITE_JOURNALS = ("-wal", "-shm", "-journal")
"""What SQLite keeps beside a database file: the write-ahead log and its index (WAL mode,
ours), the rollback journal (any other mode, a file another tool wrote)."""


def sqlite_files(database: Path | str) -> list[Path]:
    """The SQLite database file `database` names (a path, or a URL as `sqlite_file` reads
    it: none for another backend or in memory) and the journals beside it, there or not."""
    path = database if isinstance(database, Path) else sqlite_file(database)
    if path is None:
        return []
    return [path, *(path.with_name(path.name + end) for end in SQLITE_JOURNALS)]


def configured_database(settings: Settings) -> list[Path]:
    """The configured SQLite database and its journals (`sqlite_files`); none when no
    database is configured (the command says so if it needs one) or it is not SQLite."""
    from mediate.errors import ConfigError

    try:
        return sqlite_files(settings.db)
    except ConfigError:
        return []


def refuse_the_database(
    path: Path, database: Sequence[Path], option: str, holds: bool = False
) -> None:
    """A file to write (`holds`: a directory whose contents are written) that is, or holds,
    `database` — the configured SQLite database and its journals (`sqlite_files`) — is a
    usage error naming `option`, whatever --force says. Every path a command writes passes
    it: the one the clerk typed (`commands.common.refuse_the_database`) and the ones a
    command names itself in a directory (a document's, its PDF's)."""
    for live in database:
        if same_file(path, live):
            said = _(
                "{path} is the database mediate works on, or its journal: give another name "
                "for the file to write (it is never written over, even with --force)."
            )
        elif holds and _lies_under(live, path):
            said = _(
                "{path} holds the database mediate works on ({database}): give another "
                "directory (it is never written over, even with --force)."
            )
        else:
            continue
        raise BadOptionValue(option, said.format(path=path, database=live))


def _lies_under(path: Path, directory: Path) -> bool:
    try:
        return directory.expanduser().resolve() in path.expanduser().resolve().parents
    except (OSError, RuntimeError):
        return False
