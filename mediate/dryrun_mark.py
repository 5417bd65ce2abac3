"""Which `--errors` file a `--dry-run` wrote, so that the real run may replace it.

A clerk checks a batch with `mediate import b1.csv --errors e.csv --dry-run`, then runs
the same command without `--dry-run`: it refused, e.csv existing (an existing file is
only replaced with --force). What a clerk expects is that the real run of the same batch
replaces what its dry run wrote. So a dry run that writes the errors file leaves a mark
(a `mediate.jsoncopy` copy on the shelf `dry-run`, keyed by the file's resolved path): the
SHA-256 of what it wrote and which file it read (path, size, modification time). The
real run (or another dry run) of that file replaces the errors file without --force while
it is byte for byte what the dry run wrote; a file edited since (the clerk fixing rows in
it), or one a dry run of another file wrote, is refused as any existing file is.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from mediate import jsoncopy

SHELF = "dry-run"
KEEP = 32


def _copy(errors: Path) -> Path:
    key = hashlib.sha256(str(errors.expanduser().resolve()).encode()).hexdigest()
    return jsoncopy.location(SHELF, key)


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _source(source: Path) -> list[Any] | None:
    try:
        stat = source.stat()
        return [str(source.expanduser().resolve()), stat.st_size, stat.st_mtime_ns]
    except OSError:
        return None


def remember(errors: Path, source: Path, command: str, option: str) -> None:
    """`errors` was just written by a dry run of `command` reading `source`."""
    import json

    digest, read = _digest(errors), _source(source)
    if digest is None or read is None:
        return
    mark = {"errors": digest, "source": read, "command": command, "option": option}
    jsoncopy.write(_copy(errors), json.dumps(mark), keep=KEEP)


def forget(errors: Path) -> None:
    """`errors` was written by a real run: no longer the dry run's."""
    _copy(errors).unlink(missing_ok=True)


def replaceable(errors: Path, command: str, option: str, source: Path) -> bool:
    """`errors` is as a dry run of `command`'s `option` reading `source` wrote it."""
    mark = jsoncopy.read(_copy(errors), valid=lambda m: isinstance(m, dict))
    if mark is jsoncopy.ABSENT or mark.get("command") != command or mark.get("option") != option:
        return False
    if mark.get("source") != _source(source):
        return False
    return bool(mark.get("errors") == _digest(errors))
