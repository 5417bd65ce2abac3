"""Before a workbook reaches python-calamine: refuse the ones that would take the process down.

calamine is fast Rust, and it trusts the file: a sheet holding one cell at A1 and one at
XFD1048576 (3 KB on disk) makes it allocate the whole 16,384 x 1,048,576 grid, and the
allocation failure aborts the process (SIGABRT, no Python exception, no message); a
shared-strings part that inflates to gigabytes is read into memory whole. So the archive
is looked at first, with the standard library:

- every member's declared uncompressed size, and the total, against MAX_MEMBER_BYTES and
  MAX_TOTAL_BYTES, and each big member's compression ratio against MAX_RATIO (XML
  compresses about 10:1; a zip bomb 1000:1);
- each sheet's declared `<dimension>` and its cells: the farthest row and column any
  cell (or row) names, so the grid calamine will allocate stays under MAX_CELLS. The scan
  is a regular expression over the inflated XML that only stops at references beyond
  column Z or row 99,999, so an ordinary sheet costs about one pass of inflating it. What
  it passes over may name up to row 99,999 and column Z: where that could make the grid
  too large, the sheet is read again, every reference looked at, and refused only on the
  farthest cell it names (`_settle`); a member whose CRC-32 is wrong, or that cannot be
  inflated, is then said to be damaged, not refused for the grid its garbage names.

Which parts are sheets is decided as calamine decides it (calamine 0.37, src/xlsx/mod.rs:
`read_package_relationships`, `read_relationships`, `read_workbook`, `xml_reader`): the
folder of the officeDocument target in `_rels/.rels` (xl/) holds `_rels/workbook.xml.rels`,
and every relationship there of type worksheet, chartsheet or dialogsheet (the last part of
its Type) names a sheet: Target `/a/b.xml` is the part a/b.xml, any other Target is the
folder + the Target as written (no `..` resolved, no entity decoded), found in the archive
regardless of case and of `\\` in member names. Those parts are scanned, wherever they are
and however they are named (a sparse sheet at xl/x/sheet1.xml is one); macro sheets are
scanned too, though calamine refuses their type. Other parts are never read as a grid and
are not scanned: an external link's cached cells (xl/externalLinks/*.xml, written by Excel
for a formula naming another workbook) may name any cell of that workbook, XFD1048576
included. Where that cannot be told for sure, every member is scanned, as before: the
relationships missing, not UTF-8, too large, not read plainly (an element left open), or
naming no sheet; a sheet named that no member is; a member with a second name (the
Unicode Path field zipfile does not read).

An .xls (BIFF, in an OLE2 container: not a zip) has no declared sizes to look at, and
calamine parses all of its sheets when it opens it. What is checked: the file's size
(MAX_XLS_BYTES; BIFF8 also caps a sheet at 65,536 rows), and — for every format — each
sheet's dimensions as calamine reports them (`check_sheet_size`), before a single cell is
turned into Python values (a Python value costs several times calamine's 16 bytes).

A refusal is a ValidationError: exit 1 with a sentence naming the file.
"""

from __future__ import annotations

import html
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mediate.cells import column_number
from mediate.errors import ValidationError
from mediate.i18n import _

MAX_MEMBER_BYTES = 512 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200
RATIO_FROM_BYTES = 16 * 1024 * 1024  # small members may compress as they like
MAX_CELLS = 20_000_000
"""The grid calamine allocates (rows x columns of the farthest cell), about 16 bytes a
cell: 320 MB at most. A 100,000-row referral file with 30 columns is 3,000,000."""

MAX_XLS_BYTES = 64 * 1024 * 1024
"""An .xls (or any workbook that is not a zip) larger than this is refused before calamine
reads it whole: a full BIFF8 sheet of 65,536 rows x 30 columns of text is about 20 MB."""

# A reference past column Z or row 99,999: the only ones that can make the grid big.
# (No bound on the letters and digits: `AAAAAAAAAAAAAAA1` or `A99999999999999` is as far as
# calamine is concerned a real place, and it aborts the process allocating the grid.)
# Written as calamine (quick-xml) reads an `r` attribute of a row or cell: after any
# character that cannot end a name (whitespace, or the other attribute's quote: `t="s"r=`;
# not `x:r`, which calamine ignores), spaces around `=`, either quote, letters of either
# case (`xfd1048576` is XFD1048576); the value as written (`&#65;1` is not decoded: calamine
# refuses it). The patterns run on text whose whitespace `_SPACES` made single spaces.
_R = rb"""(?<![\w.:-])r ?= ?["']"""
_FAR = re.compile(_R + rb"([A-Za-z]*)([0-9]*)")
# Longer than XFD1048576, the farthest cell there is: refused even where a read chunk ends
# inside it (the pattern needs at most 17 bytes; the chunks overlap by 24).
_TOO_LONG = re.compile(_R + rb"[A-Za-z0-9]{11}")
# Either of them, in one pass over a chunk that holds neither (every chunk of an ordinary
# sheet): a reference of two letters or six digits, or too long.
_QUICK = re.compile(rb"""r ?= ?["'](?:[A-Za-z]{2}|[A-Za-z]?[0-9]{6}|[A-Za-z0-9]{11})""")
_DIMENSION = re.compile(
    rb"""<dimension [^>]*?(?<![\w.:-])ref ?= ?["'](?:[A-Za-z]*[0-9]*:)?([A-Za-z]*)([0-9]*)"""
)
# Any run of XML whitespace that is not one space: made one space, so that the patterns
# above stay short however a reference is spaced (`r\n = \t"…"`), across chunks too.
_SPACES = re.compile(rb"[ \t\r\n]{2,}|[\t\r\n]")
_ORDINARY = (99_999, 26)
_CHUNK = 1 << 20
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")  # signature ... name length, extra length
# A relationship element and its attributes (any prefix, either quote), read on the raw
# bytes: calamine takes Type and Target as written, entities undecoded.
# An element is matched from each start in turn, its body possessively (each attribute value
# read once, `>` inside quotes kept): a start left unclosed, or inside the element before
# it, ends the reading (`Unplain`), so the bytes are scanned once, not once per start.
_RELATIONSHIP_START = re.compile(rb"<(?:[\w.-]+:)?Relationship\b")
_RELATIONSHIP_BODY = re.compile(rb"""((?:[^>"']++|"[^"]*+"|'[^']*+')*+)>""")
_ATTRIBUTE = re.compile(rb"""(?:[\w.-]+:)?([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_SHEET_TYPES = {b"worksheet", b"chartsheet", b"dialogsheet", b"xlmacrosheet"}
_SHEET_TYPES |= {b"xlintlmacrosheet", b"macrosheet", b"intlmacrosheet"}
_MAX_RELATIONSHIPS_BYTES = 4 * 1024 * 1024  # thousands of parts; beyond: scan everything
ENCODING_DECLARATION = re.compile(
    rb"""(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']*)"""
)
UTF8_NAMES = (b"utf-8", b"utf8")
_UNICODE_PATH = 0x7075  # the Info-ZIP Unicode Path extra field: a second name
# What zipfile raises on a damaged or unusual archive (bad data, encrypted, unknown method).
_UNREADABLE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    zlib.error,
    ValueError,
    NotImplementedError,
    RuntimeError,
)


def check_workbook(path: Path) -> None:
    """Raise ValidationError when the workbook at `path` is a resource bomb."""
    with guarding(path):
        pass


@contextmanager
def guarding(path: Path) -> Iterator[Guard | None]:
    """Guard, then read: the one place that orders the guard and a reader of the workbook
    at `path`, so that every refusal comes before anything the reader gives and before any
    error of its own. The members' sizes are checked on entering; the block reads, given
    the `Guard` of the open archive (None for a file that is no zip: only its size is
    checked, calamine says what else is wrong with it). Each sheet's grid is checked when
    the reader reaches that part (`Guard.upto`, `Guard.chunks`) or, at the latest, on
    leaving the block, in the archive's order; when the block raises, before its error
    goes on (a refusal is raised instead). A reader that gives its rows after the block
    keeps the archive open with `Guard.take_archive`."""
    if not zipfile.is_zipfile(path):
        _check_file_size(path)
        yield None
        return
    try:
        archive = zipfile.ZipFile(path)
    except _UNREADABLE as exc:
        raise unreadable(path, exc) from exc
    guard = None
    try:
        guard = Guard(path, archive, sheet_parts(path, archive))
        try:
            yield guard
        except Exception:
            guard.finish()  # the guard's refusals first
            raise
        guard.finish()
    finally:
        if guard is None or not guard.taken:
            archive.close()


class Guard:
    """The grid checks of one open workbook still to run (`pending`, in the archive's
    order), run as a reader reaches each part; see `guarding`. A refusal ends the checks:
    the first one found is the one reported."""

    def __init__(self, path: Path, archive: zipfile.ZipFile, pending: list[zipfile.ZipInfo]):
        self.path, self.archive, self.pending = path, archive, pending
        self.taken = False

    def upto(self, info: zipfile.ZipInfo) -> bool:
        """Checks the parts before `info` (every one, when `info` is not among them);
        whether `info`'s own grid is still to be checked (read it through `chunks`)."""
        while self.pending and self.pending[0] is not info:
            self._check(self.pending[0])
        return bool(self.pending)

    def finish(self) -> None:
        """Checks every part still pending."""
        while self.pending:
            self._check(self.pending[0])

    def take_archive(self) -> zipfile.ZipFile:
        """The archive, left open when the block ends (the caller closes it), every check
        run first."""
        self.finish()
        self.taken = True
        return self.archive

    def _check(self, info: zipfile.ZipInfo) -> None:
        try:
            check_grid(self.path, self.archive, info)
        except BaseException:
            self.pending.clear()
            raise
        self._passed(info)

    def _passed(self, info: zipfile.ZipInfo) -> None:
        self.pending = [one for one in self.pending if one is not info]

    def chunks(self, info: zipfile.ZipInfo, *, inflate: bool = True) -> Iterator[bytes]:
        """The member inflated in chunks (none empty) for another pass over it, checked on
        the way as `check_grid` checks it, so that the member is inflated once for both:
        its grid refused after the last chunk (then no longer pending), and its CRC-32
        checked there (BadCrc, as zipfile says it). `inflate`: with `_inflate` (may raise
        `Irregular`: read again with inflate=False), else with zipfile (which checks the
        CRC). Errors reading it are zipfile's and zlib's, not made ValidationErrors (nor
        is the member checked again: `check_grid` would fail on it alike)."""
        rows = columns = 0
        tail = b""
        crc = 0
        settled = False  # the member read whole and found within MAX_CELLS (`_settle`)
        path, archive = self.path, self.archive
        try:
            for chunk in _inflate(archive, info) if inflate else _member_chunks(archive, info):
                if chunk:
                    if not settled:
                        try:
                            tail, rows, columns = _scan(path, info, tail + chunk, rows, columns)
                        except TooFar:
                            settled = _settle(path, archive, info, far=True)
                    if inflate:
                        crc = zlib.crc32(chunk, crc)
                    yield chunk
            if inflate and crc != info.CRC:  # damaged: said so, whatever its cells name
                raise BadCrc(f"Bad CRC-32 for file {info.filename!r}")
            if not settled:
                _settle(path, archive, info, rows, columns)
        except ValidationError:
            self.pending.clear()
            raise
        except Irregular:
            raise
        except Exception:  # the member itself unreadable: the reader says so, as check_grid would
            self._passed(info)
            raise
        self._passed(info)


def sheet_parts(path: Path, archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """`check_workbook`'s checks but the grids (the members' sizes), and the members whose
    grid it checks, in order: each to be checked (`check_grid`, or read once through
    `Guard.chunks`) before calamine reads the workbook."""
    infos = archive.infolist()
    check_sizes(path, infos)
    sheets = _sheet_parts(path, archive, infos)
    return [
        info
        for info in infos
        if not info.is_dir() and (sheets is None or _names(info.filename) & sheets)
    ]


def _sheet_parts(
    path: Path, archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]
) -> set[str] | None:
    """The parts calamine could read as sheets, as `_names` spells them; None when that
    cannot be told for sure (then every member is scanned): a relationships part not read
    plainly, a sheet named that no member is, a member whose name another field overrides."""
    members: dict[str, list[zipfile.ZipInfo]] = {}
    for info in infos:  # calamine looks a part up regardless of case, `\\` taken as `/`
        if _UNICODE_PATH in _extra_fields(info.extra):
            return None  # a name zipfile does not read, and other readers may
        members.setdefault(info.filename.replace("\\", "/").lower(), []).append(info)
    try:
        folders = {"xl/"}  # calamine's folder before it read `_rels/.rels`
        for rel in relationship_elements_of(path, archive, members.get("_rels/.rels", [])):
            if any(t.endswith(b"/officeDocument") for t in rel.get(b"Type", [])):
                for target in rel.get(b"Target", []):
                    folder = target.decode().rpartition("/")[0]
                    folders.add(f"{folder}/".removeprefix("/") if folder else "")
        sheets: set[str] = set()
        for folder in folders:
            found = members.get(f"{folder}_rels/workbook.xml.rels".lower(), [])
            for rel in relationship_elements_of(path, archive, found):
                if {t.rpartition(b"/")[2].lower() for t in rel.get(b"Type", [])} & _SHEET_TYPES:
                    if b"Target" not in rel:
                        return None
                    for target in rel[b"Target"]:
                        written = target.decode()
                        part = written[1:] if written.startswith("/") else folder + written
                        if not any(name in members for name in _names(part)):
                            return None  # a sheet found by some other reading of its name
                        sheets |= _names(part) | _names(html.unescape(part))
    except (Unplain, UnicodeDecodeError):
        return None
    return sheets or None


class Unplain(Exception):
    """A relationships part this module does not read (not UTF-8, or too large)."""


def relationship_elements_of(
    path: Path, archive: zipfile.ZipFile, found: list[zipfile.ZipInfo]
) -> Iterator[dict[bytes, list[bytes]]]:
    """Each relationship in the parts `found` (duplicates: each), its attributes' raw values
    by name (every value of a repeated one)."""
    for info in found:
        if info.file_size > _MAX_RELATIONSHIPS_BYTES:
            raise Unplain
        try:
            data = archive.read(info)
        except _UNREADABLE as exc:
            raise unreadable(path, exc) from exc
        declared = ENCODING_DECLARATION.match(data)
        if b"\x00" in data or (declared and declared.group(1).lower() not in UTF8_NAMES):
            raise Unplain  # UTF-16, GBK…: calamine decodes them, this module does not
        for element in _relationship_elements(data):
            attributes: dict[bytes, list[bytes]] = {}
            for key, double, single in _ATTRIBUTE.findall(element):
                attributes.setdefault(key, []).append(double or single)
            yield attributes


def _relationship_elements(data: bytes) -> list[bytes]:
    """The attribute text of every `<Relationship …>` element in `data`, in one pass;
    `Unplain` when one is not closed, or starts inside another (a quote left open)."""
    elements: list[bytes] = []
    end = 0
    for start in _RELATIONSHIP_START.finditer(data):
        if start.start() < end:
            raise Unplain  # swallowed by a quote the element before left open
        body = _RELATIONSHIP_BODY.match(data, start.end())
        if body is None:
            raise Unplain  # not closed
        elements.append(body.group(1))
        end = body.end()
    return elements


def _extra_fields(extra: bytes) -> set[int]:
    """The header ids of a member's extra fields."""
    ids, at = set(), 0
    while at + 4 <= len(extra):
        header, size = struct.unpack_from("<HH", extra, at)
        ids.add(header)
        at += 4 + size
    return ids


def _names(part: str) -> set[str]:
    """A part's name as calamine matches it (lower case, `/`), and resolved (`..`, `.`)."""
    name = part.replace("\\", "/").lower()
    return {name, posixpath.normpath(name).lstrip("/")}


def check_sheet_size(path: Path, sheet: Any) -> None:
    """Refuse a sheet whose grid (calamine's `height` x `width`) exceeds MAX_CELLS, before
    its cells are read into Python."""
    _check_cells(path, str(sheet.name), int(sheet.height), int(sheet.width))


def _check_cells(path: Path, part: str, rows: int, columns: int) -> None:
    if rows * columns > MAX_CELLS:
        raise _refuse(
            path,
            _(
                "the sheet {part} reaches row {row}, column {column}: a grid of "
                "{cells:,} cells (at most {limit:,})"
            ).format(part=part, row=rows, column=columns, cells=rows * columns, limit=MAX_CELLS),
        )


def _check_file_size(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise unreadable(path, exc) from exc
    if size > MAX_XLS_BYTES:
        raise _refuse(
            path,
            _(
                "it is {mb} MB, more than the {limit} MB read for a workbook in the old "
                "Excel (.xls) format; save it as .xlsx or CSV"
            ).format(mb=size // 2**20, limit=MAX_XLS_BYTES // 2**20),
        )


def unreadable(path: Path, exc: BaseException) -> ValidationError:
    """The workbook at `path` cannot be read (zipfile's, zlib's or calamine's error, or a
    panic of calamine's): why in the clerk's words (`damage`), the error's own English
    text after it as a technical detail (its first line)."""
    from mediate.files import os_reason

    if isinstance(exc, OSError) and not isinstance(exc, zipfile.BadZipFile):
        reason = os_reason(exc)
        return ValidationError(
            _("the file cannot be read as a workbook: {error}").format(error=reason),
            where=str(path),
        )
    text = str(exc).strip()
    detail = text.splitlines()[0][:200] if text else type(exc).__name__
    return ValidationError(
        _("the file cannot be read as a workbook: {reason} (technical detail: {detail})").format(
            reason=damage(exc), detail=detail
        ),
        where=str(path),
    )


def damage(exc: BaseException) -> str:
    """What is wrong with a workbook that raised `exc` (zipfile's, zlib's or calamine's
    error, or a panic of calamine's), in the clerk's words: their own text is English."""
    kind = {type(exc).__name__} | {base.__name__ for base in type(exc).__mro__}
    text = str(exc)
    if "CRC" in text:
        return _("the file is damaged: some of its data does not match its checksum")
    if isinstance(exc, (zlib.error, EOFError, zipfile.BadZipFile)) or "ZipError" in kind:
        return _("the file is damaged: its compressed data cannot be unpacked")
    if "XmlError" in kind:
        return _("the file is damaged: its contents are not well-formed XML")
    if "PasswordError" in kind or "encrypted" in text:
        return _("the workbook is protected by a password; save it again without one")
    if isinstance(exc, NotImplementedError):
        return _(
            "the file is compressed in a way this tool does not read; open it in a "
            "spreadsheet program and save it again"
        )
    return _(
        "the file is damaged or written in a way this tool does not read; open it in a "
        "spreadsheet program and save it again"
    )


def _refuse(path: Path, reason: str) -> ValidationError:
    return ValidationError(
        _("refused to open this workbook: {reason}").format(reason=reason), where=str(path)
    )


def check_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """The members' declared sizes and compression ratios (what `guarding` checks on
    entering, before anything is inflated)."""
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_MEMBER_BYTES:
            raise _refuse(
                path,
                _("its part {part} would inflate to {mb} MB").format(
                    part=info.filename, mb=info.file_size // 2**20
                ),
            )
        if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise _refuse(
                path,
                _("its part {part} is compressed {ratio}:1, like a zip bomb").format(
                    part=info.filename, ratio=info.file_size // max(info.compress_size, 1)
                ),
            )
    if total > MAX_TOTAL_BYTES:
        raise _refuse(path, _("it would inflate to {mb} MB").format(mb=total // 2**20))


def check_grid(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Refuse the member `info` if the grid its cells name is too large (one pass)."""
    try:
        try:
            rows, columns = _farthest(path, info, _inflate(archive, info))
        except Irregular:
            rows, columns = _farthest(path, info, _member_chunks(archive, info))
    except TooFar:
        _settle(path, archive, info, far=True)
        return
    except _UNREADABLE as exc:
        raise unreadable(path, exc) from exc
    _settle(path, archive, info, rows, columns)


def _fits(rows: int, columns: int) -> bool:
    """Within MAX_CELLS whatever the chunks `_scan` passed over name (row 99,999, column Z
    at the farthest): then no need to read the member again (`_settle`)."""
    floor_rows, floor_columns = _ORDINARY
    return max(rows, floor_rows) * max(columns, floor_columns) <= MAX_CELLS


def _settle(
    path: Path,
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    rows: int = 0,
    columns: int = 0,
    *,
    far: bool = False,
) -> bool:
    """The sheet `info` checked against MAX_CELLS on what `_scan` found (`rows`, `columns`;
    `far`: a reference beyond XFD1048576). Within, whatever the chunks it passed over name
    (`_fits`): True. Else the member is read again, whole, by zipfile, every reference
    looked at: a damaged member (its CRC, or inflating fails) is said to be damaged, not a
    huge grid of the garbage inflated; otherwise it is refused on the farthest cell it
    actually names (a sheet of 19 columns is not counted as 26), or passes (True)."""
    if not far and _fits(rows, columns):
        return True
    rows = columns = 0
    too_far: TooFar | None = None
    tail = b""
    try:
        for chunk in _member_chunks(archive, info):  # zipfile checks the CRC at the end
            try:
                tail, rows, columns = _scan(path, info, tail + chunk, rows, columns, every=True)
            except TooFar as exc:
                too_far, tail = too_far or exc, b""
    except _UNREADABLE as exc:
        raise unreadable(path, exc) from exc
    if too_far is not None:
        raise _refuse(
            path,
            _("the sheet {part} names a cell beyond XFD1048576 ({ref}…)").format(
                part=info.filename, ref=too_far.ref
            ),
        )
    _check_cells(path, info.filename, rows, columns)
    return True


def bounded(
    path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, chunks: Iterator[bytes]
) -> Iterator[bytes]:
    """The sheet `info`'s inflated `chunks`, each given once the farthest cell named in it
    and the chunks before it is within MAX_CELLS, as `check_grid` checks the whole sheet:
    for a reader that gives calamine each part of a sheet as it comes, before the whole
    has been checked (`xlsx_slices.stream_slices`). A grid calamine allocates for a part
    is no larger than the farthest cell named so far: at the chunk that may name one too
    far, the member is read whole (`_settle`: refused, said to be damaged, or through)."""
    rows = columns = 0
    tail = b""
    settled = False
    for chunk in chunks:
        if not settled:
            try:
                tail, rows, columns = _scan(path, info, tail + chunk, rows, columns)
            except TooFar:
                settled = _settle(path, archive, info, far=True)
            if not settled and not _fits(rows, columns):
                settled = _settle(path, archive, info, rows, columns)
        yield chunk


class BadCrc(zipfile.BadZipFile):
    """The member's CRC-32 is not the one the archive declares (zipfile's error)."""


def _farthest(path: Path, info: zipfile.ZipInfo, chunks: Iterator[bytes]) -> tuple[int, int]:
    """The farthest row and column the sheet's declared dimension and references name,
    but for the chunks `_scan` passes over (within row 99,999 and column Z)."""
    rows = columns = 0
    tail = b""
    for chunk in chunks:
        tail, rows, columns = _scan(path, info, tail + chunk, rows, columns)
    return rows, columns


class TooFar(Exception):
    """A reference beyond XFD1048576 (`ref`: its first characters), found by `_scan`:
    refused once the member is known not to be damaged (`_settle`)."""

    def __init__(self, ref: str) -> None:
        super().__init__(ref)
        self.ref = ref


def _scan(
    path: Path, info: zipfile.ZipInfo, data: bytes, rows: int, columns: int, every: bool = False
) -> tuple[bytes, int, int]:
    """`_farthest` over one chunk (`data`: the last one's tail + the chunk): the tail for
    the next, and the farthest row and column so far; a chunk naming nothing past row
    99,999 or column Z is passed over (the fast path), unless `every`. TooFar for a
    reference beyond XFD1048576."""
    if any(space in data for space in (b"\n", b"\t", b"\r", b"  ")):  # memchr: fast
        data = _SPACES.sub(b" ", data)
    for letters, digits in _DIMENSION.findall(data):
        rows = max(rows, int(digits or 0))
        columns = max(columns, column_number(letters))
    if every or _QUICK.search(data):
        if long := _TOO_LONG.search(data):
            raise TooFar(long.group()[-11:].decode())
        for letters, digits in _FAR.findall(data):
            rows = max(rows, int(digits or 0))
            columns = max(columns, column_number(letters))
    return data[-24:], rows, columns


class Irregular(Exception):
    """A member `_inflate` leaves to zipfile: not plainly deflated, or its stream is not
    what the archive's directory declares."""


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A deflated member, inflated with zlib straight from the file in chunks of at most
    1 MB. zipfile's reader also computes the CRC-32 (a third of its cost); the guard needs
    the text, and calamine checks the CRC when it reads the member."""
    if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 1 or not archive.filename:
        raise Irregular
    with open(archive.filename, "rb") as raw:
        raw.seek(info.header_offset)
        header = raw.read(_LOCAL_HEADER.size)
        if len(header) < _LOCAL_HEADER.size or not header.startswith(b"PK\x03\x04"):
            raise Irregular
        name_length, extra_length = _LOCAL_HEADER.unpack(header)[-2:]
        raw.seek(name_length + extra_length, 1)
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        left, inflated = info.compress_size, 0
        while left and not inflater.eof:
            data = raw.read(min(left, _CHUNK // 16))  # about 1 MB inflated
            if not data:
                raise Irregular
            left -= len(data)
            while data:
                chunk = inflater.decompress(data, _CHUNK)
                data = inflater.unconsumed_tail
                inflated += len(chunk)
                if inflated > info.file_size:
                    raise Irregular
                yield chunk
        if not inflater.eof or inflated != info.file_size:
            raise Irregular


def _member_chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            yield chunk
