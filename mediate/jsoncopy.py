"""JSON copies kept in the user's data directory so that the next run reads them back.

Three kinds live there, each on a shelf of its own
(`config.data_home()/cache/<shelf>/<key>.json`). Two are derived copies, a cache: the
YAML documents of `safeyaml.load_file` (shelf `yaml`) and the name tables of `namecache`
(shelf `names`); one lost is made again, and nothing the clerk sees changes. The third is
not a cache: the marks of `dryrun_mark` (shelf `dry-run`) say which `import --errors`
file a --dry-run wrote, and change what a command does. While its mark is there, the real
run of the same file replaces that errors file without --force; once the mark is lost
(removed, damaged, pruned past its shelf's limit), the file is refused as any existing
one is until --force is given. Each caller decides the key (what makes a copy stale) and
what a copy must hold; this module keeps what they share:

- where a copy lives (`location`);
- reading one back (`read`): a copy that cannot be read or parsed (damaged, planted,
  nested too deep for the JSON reader) or that the caller's check refuses is `ABSENT`:
  a cache's caller makes it again, `dryrun_mark` takes it as no mark;
- writing one whole, through `mediate.files.replacing`, or not at all when the home cannot
  be written (`write`);
- on a shelf with a limit, keeping only the most recently used copies (`read` with
  `mark_used` dates a copy's use, `write` with `keep` prunes the rest).

JSON, never marshal or pickle: a damaged or planted copy can only fail to parse, never run
code. This module is on `case show`'s start-up path (namecache): it imports nothing that
start-up does not load already, and `mediate.files` only when it writes.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any


class _Absent:
    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()
"""What `read` gives for a copy that is missing or not to be trusted (a copy may hold
JSON's null, so not None)."""


def location(shelf: str, key: str) -> Path:
    """Where the copy named `key` on `shelf` lives (it may not exist)."""
    from mediate.config import data_home

    return data_home() / "cache" / shelf / f"{key}.json"


def read(
    copy: Path,
    *,
    valid: Callable[[Any], bool] | None = None,
    object_hook: Callable[[dict[str, Any]], Any] | None = None,
    mark_used: bool = False,
) -> Any:
    """The value in `copy` (JSON, decoded with `object_hook`), or ABSENT when the file
    cannot be read, is not JSON the hook accepts (ValueError), is nested too deep for the
    JSON reader, or fails `valid`. With `mark_used`, a copy read back is dated as just used
    (for the pruning of `write`)."""
    try:
        found = json.loads(copy.read_bytes(), object_hook=object_hook)
    except (OSError, ValueError, RecursionError):  # deep nesting: a damaged copy too
        return ABSENT
    if valid is not None and not valid(found):
        return ABSENT
    if mark_used:
        with contextlib.suppress(OSError):  # a read-only home, or pruned by another run
            os.utime(copy)
    return found


def write(copy: Path, text: str, *, keep: int | None = None) -> None:
    """`text` written as `copy`, whole or not at all; nothing when the home cannot be
    written (the value is then made every time). With `keep`, only the `keep` most
    recently used copies on the shelf are left, this one always among them."""
    from mediate.files import replacing

    try:
        copy.parent.mkdir(parents=True, exist_ok=True)
        with replacing(copy) as tmp:
            tmp.write_text(text, encoding="utf-8")
    except OSError:
        return
    if keep is not None:
        _prune(copy, keep)


def _prune(written: Path, keep: int) -> None:
    """Removes all but the `keep` most recently used copies, `written` (the one just made)
    always kept. Only copies are touched (see `_a_copy`; a shelf's keys are of one length,
    so its copies' names are as long as `written`'s), never another run's partial file nor
    anything else in the folder; a copy removed while another run reads it only makes that
    run make the value again."""
    folder = written.parent
    try:
        copies = []
        for entry in os.scandir(folder):
            name = entry.name
            if len(name) == len(written.name) and _a_copy(name) and name != written.name:
                try:
                    copies.append((entry.stat().st_mtime_ns, name))
                except OSError:
                    continue
        copies.sort(reverse=True)
        for _mtime, name in copies[keep - 1 :]:
            (folder / name).unlink(missing_ok=True)
    except OSError:
        pass


def _a_copy(name: str) -> bool:
    """Whether a file name is a copy's: `<key>.json`, not a hidden partial file that
    `replacing` is writing (`.partial-…`)."""
    return name.endswith(".json") and not name.startswith(".")
