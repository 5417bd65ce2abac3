"""A copy of an .xlsx for python-calamine that spares it a second read of each sheet.

python-calamine 0.9.1 gets a sheet (`get_sheet_by_name`, `get_sheet_by_index`) by reading
its cells, then reading the sheet's XML once more from the start for its merged cells:
calamine's `merge_cells_by_sheet_name` stops at the first `<mergeCells>` start tag, which
comes after `<sheetData>`, so it inflates and tokenises the whole sheet again (1.9 of the
4.9 s CPU of loading the 100,000-row benchmark sheet). The import never asks for merged
cells. So calamine reads a copy of the archive in which every worksheet starts with an
empty `<mergeCells></mergeCells>`, where that second read stops. Nothing is inflated or
compressed to make it: a deflate stream is a sequence of blocks, so the element goes in a
stored block put before the member's compressed bytes, which are copied as they are; its
CRC-32 is combined with the member's, the sizes grow by the element's.

The cells are the same: calamine's cell reader skips every element before `<sheetData>`
(tests/unit/test_calamine_copy.py reads fixtures both ways). Only a plain archive is
copied, and only a sheet that starts with `<` (no byte-order mark) is given the element;
otherwise (encryption, another compression method, ZIP64 sizes) there is no copy and
calamine reads the original, as it does when it fails on the copy.
"""

from __future__ import annotations

import re
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from mediate.intake.workbook_guard import member_data_start

MERGE_CELLS = b"<mergeCells></mergeCells>"
COPIED_SUFFIXES = (".xlsx", ".xlsm")

_SHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_LOCAL = struct.Struct("<4s5H3L2H")  # signature … name length, extra field length
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")
_STORED_BLOCK = b"\x00" + struct.pack("<HH", len(MERGE_CELLS), len(MERGE_CELLS) ^ 0xFFFF)
_UTF8_NAME = 0x800
_LIMIT = 0xFFFFFFFF


@contextmanager
def calamine_copy(path: Path) -> Iterator[Path | None]:
    """The path of a temporary copy of the workbook at `path` for calamine, or None when
    calamine is to read the original; the copy is removed on leaving."""
    if path.suffix.lower() not in COPIED_SUFFIXES:
        yield None
        return
    with tempfile.NamedTemporaryFile(prefix="mediate-", suffix=path.suffix) as copy:
        try:
            copied = _copy(path, copy)
        except (OSError, ValueError, zipfile.BadZipFile, zlib.error, struct.error):
            copied = False
        yield Path(copy.name) if copied else None


class _NotPlain(Exception):
    """An archive the copy leaves alone."""


def _copy(path: Path, out: IO[bytes]) -> bool:
    with zipfile.ZipFile(path) as archive, path.open("rb") as source:
        infos = archive.infolist()
        if len(infos) >= 0xFFFF:
            return False
        try:
            central = [_copy_member(source, info, out) for info in infos]
        except _NotPlain:
            return False
    start = out.tell()
    for entry in central:
        out.write(entry)
    size = out.tell() - start
    if out.tell() > _LIMIT:
        return False
    out.write(_END.pack(b"PK\x05\x06", 0, 0, len(central), len(central), size, start, 0))
    out.flush()
    return True


def _copy_member(source: IO[bytes], info: zipfile.ZipInfo, out: IO[bytes]) -> bytes:
    """Write one member (its local header and data) and return its central directory entry."""
    if info.flag_bits & 1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise _NotPlain
    start = member_data_start(source, info)
    if start is None:
        raise _NotPlain
    head = b""
    crc, compressed, size = info.CRC, info.compress_size, info.file_size
    if _SHEET.match(info.filename) and _first_bytes(source, info, start).startswith(b"<"):
        head = MERGE_CELLS
        if info.compress_type == zipfile.ZIP_DEFLATED:
            head = _STORED_BLOCK + MERGE_CELLS
        crc = crc32_combine(zlib.crc32(MERGE_CELLS), crc, size)
        compressed, size = compressed + len(head), size + len(MERGE_CELLS)
    offset = out.tell()
    if max(offset, compressed, size) > _LIMIT:
        raise _NotPlain
    flags = info.flag_bits & _UTF8_NAME
    name = info.filename.encode("utf-8" if flags else "cp437")
    fields = (20, flags, info.compress_type, 0, 0x21, crc, compressed, size, len(name))
    out.write(_LOCAL.pack(b"PK\x03\x04", *fields, 0) + name + head)
    source.seek(start)
    left = info.compress_size
    while left:
        data = source.read(min(left, 1 << 20))
        if not data:
            raise _NotPlain
        out.write(data)
        left -= len(data)
    return _CENTRAL.pack(b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, 0, offset) + name


def _first_bytes(source: IO[bytes], info: zipfile.ZipInfo, start: int) -> bytes:
    source.seek(start)
    data = source.read(min(info.compress_size, 4096))
    if info.compress_type == zipfile.ZIP_STORED:
        return data[:8]
    return zlib.decompressobj(-zlib.MAX_WBITS).decompress(data, 8)


def crc32_combine(first: int, second: int, second_length: int) -> int:
    """The CRC-32 of two byte strings one after the other, from the CRC-32 of each and the
    second's length (zlib's crc32_combine, which Python's zlib does not offer)."""
    if second_length <= 0:
        return first
    odd = [0xEDB88320] + [1 << n for n in range(31)]  # one zero bit
    even = _square(odd)  # two zero bits
    odd = _square(even)  # four
    while second_length:
        even = _square(odd)  # one zero byte the first time round, then 4, 16…
        if second_length & 1:
            first = _times(even, first)
        second_length >>= 1
        if not second_length:
            break
        odd = _square(even)
        if second_length & 1:
            first = _times(odd, first)
        second_length >>= 1
    return first ^ second


def _times(matrix: list[int], vector: int) -> int:
    product = 0
    row = 0
    while vector:
        if vector & 1:
            product ^= matrix[row]
        vector >>= 1
        row += 1
    return product


def _square(matrix: list[int]) -> list[int]:
    return [_times(matrix, column) for column in matrix]
