"""Small name tables derived from a YAML file, remembered without the YAML loader.

What the everyday reads print by name — the titles of the rules' routes (`case show`,
`case history`), the names of the divisions a place code stands for (routing/network
`place_label`) — is a few hundred short strings taken from a large YAML file. Deriving them
means importing PyYAML and `safeyaml` and reading the whole document (its JSON copy), which
was most of what `case show` did beyond the database (issue 19 item 1). So the table itself
is kept as a small JSON object of strings in the user's data directory
(a `mediate.jsoncopy` copy on the shelf `names`), keyed by the length and CRC-32 of the file's bytes
and of what is derived (`kind`, which names the deriving code's version: change it when
that code changes). A checksum, not a digest: importing hashlib (OpenSSL) alone cost the
read a tenth of what it saved; the copy lives in the user's own directory, and an edit
keeping both the length and the CRC-32 would at worst print the old names (routing reads
the files themselves, never these copies). A damaged or planted copy that is not an
object of strings is ignored (the file is read again), and a copy can only name things,
never run code. A read-only home derives the table every time.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from mediate import jsoncopy


def derived(path: Path, kind: str, derive: Callable[[Path], dict[str, str]]) -> dict[str, str]:
    """`derive(path)`, remembered by the file's bytes and `kind`. Errors are `derive`'s
    (and OSError when the file cannot be read)."""
    data = path.read_bytes()
    check = zlib.crc32(data, zlib.crc32(kind.encode() + b"\0"))
    copy = jsoncopy.location("names", f"{check:08x}-{len(data)}")
    found = jsoncopy.read(copy, valid=_a_table)
    if found is not jsoncopy.ABSENT:
        return cast("dict[str, str]", found)
    table = derive(path)
    jsoncopy.write(copy, json.dumps(table, ensure_ascii=False))
    return table


def _a_table(found: Any) -> bool:
    """Whether a copy holds what `derive` makes: an object of strings."""
    return isinstance(found, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in found.items()
    )
