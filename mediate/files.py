"""Writing a file the clerk named: never over an existing one unless asked, never half.

Every file mediate writes (exports, reports, the white paper, documents, `--errors`,
`import --template`, backups) is written to a temporary file beside its target and renamed
over it once complete, so a failure or Ctrl-C never leaves a truncated file — and an
existing file stays as it was until the new one is whole. Whether an existing file may be
replaced at all is the command's `--force` (`commands.common.ForceOption`).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A fresh temporary path in `target`'s directory; renamed over `target` when the
    block ends normally, removed when it raises (the target is then untouched)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=".partial-", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


def write_atomically(path: Path, data: bytes) -> None:
    """`data` into `path` through `replacing`: never a partial file."""
    with replacing(path) as temp:
        temp.write_bytes(data)
