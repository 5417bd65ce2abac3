"""A big referral file read in a process of its own, while the importing process writes.

`mediate import` of a big file on a machine with two or more usable CPUs runs the
file's reading, screening and validation (`intake.stream`: the rows' outcomes, in order)
in a reader process, and the importing process takes those outcomes as they come: it
checks them against the stored cases, routes and writes. The work per row is the same;
the two halves run at once, so the clerk waits for the slower one (the writes) instead
of both: the importing process's CPU fell by 17-21 % (CSV) and 32 % (XLSX). The CPU time
in all rose by 6-31 % (the reader's interpreter, the outcomes pickled across the pipe, two
processes contending for the cores): benchmarks/RESULTS.md, "A reader process".

The reader is a fresh interpreter (`python -I -c …`, see `_BOOT`), never a fork of
the importing process (its database connections, a progress bar's thread), that imports
the intake modules only. It gets its parameters pickled on its stdin and sends framed,
pickled messages on its stdout (a 4-byte length, then the pickle):

    ("sheet", {format, encoding, delimiter, total, sheet_name, notes, header_row, header})
    ("rows", [outcome, ...])          `intake.stream` outcomes, BATCH_ROWS at a time
    ("end", {"maxrss_kib": ...})
    ("error", exception)              what the in-process path would have raised
    ("declined", None)                (STREAM) not a sheet it streams: read it (READ)
    ("vouched", {"last_row", "maxrss_kib"})   (VOUCH, its only message) last_row None: declined

The reader opens the file itself: an XLSX file's `workbook_guard` runs in the process
where python-calamine then reads it, right before, as in the in-process path (the
importing process never opens the workbook). It holds no temporary file. It ends when
its stdin reaches end of file (the importing process closed it, or died), and is in a
process group of its own, so Ctrl-C at the terminal reaches only the importing process,
which ends it (`ReaderProcess.close`). A writer thread sends what the
reader has made while the importing process is busy writing a chunk, up to `ahead`
outcomes ahead (`read_ahead`: two of the importing process's chunks).

An .xlsx/.xlsm is read by two such processes at once (`Streamed`): one streams its rows
in slices at once (mode STREAM), the other runs the checks the in-process reading runs
before its first row (mode VOUCH: the guard, the CRC, the first pass that vouches the
slices read as the whole sheet; 2 s for 100,000 rows, during which the importing process
used to wait). The importing process writes the rows meanwhile and commits nothing until
the sheet is vouched for: a refusal raises the refusal, a decline reads the file again
(mode READ), and nothing of the streamed reading is kept.

`MEDIATE_IMPORT_READER`: `auto` (the default: a reader process for a file of about
`MIN_ROWS` rows or more with a CPU to spare, `a_cpu_to_spare`), `inline` (never) or
`process` (always).
"""

from __future__ import annotations

import io
import os
import pickle
import struct
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from mediate.cpus import usable_cpus

BATCH_ROWS = 1000
# The outcomes a reader may have read ahead of the importing process when it is not told
# (`read_ahead`): the importing process takes them a chunk at a time.
BACKLOG_ROWS = 20_000
# The smallest file read in a reader process (auto), in rows as estimated from its size:
# below it the reader's start (an interpreter and the intake modules, 0.12-0.3 s before
# the first rows arrive) costs more than it saves the importing process (about 20 µs a
# row); measured in benchmarks/RESULTS.md, "A reader process".
MIN_ROWS = 10_000
# Bytes a row, to estimate a file's rows from its size without reading it: the
# benchmark's court referrals (benchmarks/generate.py) take 465 bytes a row in CSV, 205 in
# XLSX (compressed). Rows with more text are fewer for their size, and cost more to read.
BYTES_PER_ROW = {"csv": 450, "xlsx": 200}
PIPE_BYTES = 1 << 20
# A batch whose pickle is larger than this goes as two halves (rows of very long cells):
# the frame's length is 4 bytes, and the importing process holds a frame whole.
MAX_FRAME_BYTES = 64 * 1024 * 1024
ENV = "MEDIATE_IMPORT_READER"
# What a reader process does (its parameter "mode"): read the file and send its rows'
# outcomes (READ); stream an .xlsx's rows before it is vouched for (STREAM); vouch for it
# (VOUCH). See `Streamed`.
READ, STREAM, VOUCH = "read", "stream", "vouch"
VOUCHED, DECLINED = "vouched", "declined"
_FRAME = struct.Struct("<I")
_BOOT = (
    "import sys\n"
    "if sys.argv[1] not in sys.path: sys.path.insert(0, sys.argv[1])\n"
    "from mediate.intake.worker import main\n"
    "main()\n"
)


def wanted(path: Path) -> bool:
    """Whether to read `path` in a reader process (see the module's docstring)."""
    choice = os.environ.get(ENV, "auto").strip().lower() or "auto"
    if choice == "process":
        return True
    if choice == "inline":
        return False
    if choice != "auto":  # a typo must not pass for auto unseen
        from mediate.errors import ConfigError, shown
        from mediate.i18n import _

        raise ConfigError(
            _("{var}={value}: expected auto, inline or process.").format(
                var=ENV, value=shown(choice)
            )
        )
    if not a_cpu_to_spare() or not sys.executable:
        return False
    from mediate.intake.readers import XLSX_SUFFIXES

    per_row = BYTES_PER_ROW["xlsx" if path.suffix.lower() in XLSX_SUFFIXES else "csv"]
    try:
        return path.is_file() and path.stat().st_size >= MIN_ROWS * per_row
    except OSError:
        return False  # the in-process path says what is wrong with it


def read_ahead(chunk_rows: int) -> int:
    """The outcomes a reader may read ahead of an importing process that writes
    `chunk_rows` at a time: two chunks. The importing process takes a whole chunk's rows
    before it routes and writes them (a second or so for 10,000 rows); a reader held to
    fewer than a chunk ahead stops while the chunk is written and the importing process
    then waits for the rest of the next one: the importing process of the benchmark's
    100,000-row .xlsx waited 6.5-7.2 s for its reader with 5,000 rows ahead, 2.0-3.7 s
    with 20,000 (measured under load 2026-12-03, benchmarks/RESULTS.md, "Read two chunks
    ahead"). What waits is pickled bytes: 0.57 MB a thousand of the benchmark's rows."""
    return max(2 * BATCH_ROWS, 2 * chunk_rows)


def backlog_batches(params: dict[str, Any]) -> int:
    """The batches a reader holds ready to send (its writer thread's queue; the pipe
    holds a few more): the rows it was told it may read ahead (`read_ahead`), two at least."""
    return max(2, -(-(params.get("ahead") or BACKLOG_ROWS) // BATCH_ROWS))


def reading(path: Path) -> str | None:
    """How `mediate import` reads `path`: None (in the importing process, `wanted`), READ
    (a reader process) or, an .xlsx/.xlsm, STREAM (`Streamed`: read while vouched for)."""
    if not wanted(path):
        return None
    from mediate.intake.readers import SLICED_SUFFIXES

    return STREAM if path.suffix.lower() in SLICED_SUFFIXES else READ


def a_cpu_to_spare() -> bool:
    """Two or more CPUs this process may run on, not all of them busy already (the last
    minute's load average below their number, where there is one). A reader process pays
    only with a CPU to run on: on a machine busy on every CPU (load 4.3 on 2) the import's
    wall time rose by a tenth with one, its CPU time by 13-16 % (measured 2026-12-02,
    benchmarks/RESULTS.md, "A reader process")."""
    usable = usable_cpus()
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        load = 0.0
    return usable >= 2 and load < usable


# What the reader keeps of this process's environment: it reads one file and is told all
# else (the language, the clock, the columns' lengths) with what to read; `-I` ignores the
# PYTHON* variables. The locale's (its own stderr's encoding) and the dynamic linker's
# (a Python built with its library elsewhere) — never the database's URL or a password.
_READER_ENVIRONMENT = ("PATH", "LANG", "LANGUAGE", "TZ", "LD_LIBRARY_PATH")


def reader_environment() -> dict[str, str]:
    """The reader process's environment: `_READER_ENVIRONMENT` and the LC_* variables."""
    return {
        name: value
        for name, value in os.environ.items()
        if name in _READER_ENVIRONMENT or name.startswith("LC_")
    }


@dataclass
class Opened:
    """What the reader found when it opened the file."""

    format: str
    encoding: str | None
    delimiter: str
    total: int | None
    sheet_name: str | None
    notes: list[str]
    header_row: int
    header: list[object]


class ReaderProcess:
    """The reader process, seen from the importing process."""

    def __init__(self, params: dict[str, Any]) -> None:
        """Start the reader and tell it what to read (OSError: it cannot be started)."""
        self._ended = False
        # its peak resident set (KiB, `own_peak_kib`) as it said at its end; None till then
        self.peak_kib: int | None = None
        self._path = str(params.get("path", ""))
        self._proc = subprocess.Popen(
            # isolated (-I: no current directory, PYTHONPATH or user site on its path), with
            # the directory this `mediate` was imported from: the same code as this process's
            [sys.executable, "-I", "-c", _BOOT, str(Path(__file__).resolve().parents[2])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=reader_environment(),
            process_group=0,  # Ctrl-C reaches the importing process only (it ends this one)
        )
        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._out: IO[bytes] = self._proc.stdout
        try:
            pickle.dump(params, self._proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            self._proc.stdin.flush()  # stdin stays open: the reader ends when it closes
        except BrokenPipeError:
            pass  # it died at once: `_receive` says how

    def opened(self) -> Opened:
        """What the reader found opening the file (Declined: a streamed sheet it does not
        read, `readers.stream_sheet`)."""
        kind, payload = self._receive()
        if kind == DECLINED:
            self._ended = True
            raise Declined
        if kind != "sheet":
            raise RuntimeError(f"reader process: unexpected message {kind!r}")
        return Opened(**payload)

    def batches(self) -> Iterator[list[tuple[Any, ...]]]:
        """The outcomes of the rows after the header, a batch at a time, to the end."""
        while True:
            kind, payload = self._receive()
            if kind == "rows":
                yield payload
            elif kind == "end":
                self._ended = True
                self.peak_kib = payload["maxrss_kib"]
                return
            else:
                raise RuntimeError(f"reader process: unexpected message {kind!r}")

    def _receive(self) -> tuple[str, Any]:
        head = self._out.read(_FRAME.size)
        if len(head) < _FRAME.size:
            raise RuntimeError(self._died())
        (size,) = _FRAME.unpack(head)
        body = self._out.read(size)
        if len(body) < size:
            raise RuntimeError(self._died())
        kind, payload = pickle.loads(body)
        if kind == "error":
            raise payload
        return kind, payload

    def _died(self) -> str:
        """What to say of a reader that ended before it said it had: killed by a signal
        (calamine aborting on a file the guard let through, the kernel's OOM killer, a
        `kill`), the file could not be read (a ValidationError, exit 1); any other end is
        a bug (exit 3)."""
        code = self._proc.wait()
        if code < 0:
            from mediate.errors import ValidationError
            from mediate.i18n import _

            raise ValidationError(
                _(
                    "the file could not be read: the process reading it was ended by "
                    "signal {signal}"
                ).format(signal=_signal_name(-code)),
                where=self._path,
            )
        return f"the reader process ended unexpectedly (exit status {code})"

    def close(self) -> None:
        """End the reader and reap it: no orphan, no zombie. Once it has sent everything it
        ends on its own (its stdin closed); stopped early (Ctrl-C, an error) it is killed
        at once: it holds nothing that needs tidying, not even a temporary file."""
        proc = self._proc
        for stream in (proc.stdin, proc.stdout):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass
        if not self._ended and proc.poll() is None:
            proc.kill()
        proc.wait()


class Declined(Exception):
    """A streamed sheet is read otherwise: the first pass declines its slices, or the
    streaming reader cannot read it (`Streamed`). Nothing read of it was kept: read it
    again with a `ReaderProcess` of mode READ."""


class Voucher(ReaderProcess):
    """A process that vouches for a sheet another process streams (`readers.vouch_sheet`)
    and says so once, at its end: the sheet's last row, or None (declined)."""

    def __init__(self, params: dict[str, Any]) -> None:
        super().__init__({**params, "mode": VOUCH})
        self._said: int | None = None
        self._error: BaseException | None = None

    def said(self) -> int:
        """The sheet's last row, once the voucher has vouched for it (waiting till it
        says). Raises Declined, or what it raised — the guard's refusal, a damaged member:
        what `open_sheet` raises first —, as often as asked."""
        if self._error is not None:
            raise self._error
        if self._said is None:
            try:
                kind, payload = self._receive()
                if kind != VOUCHED:
                    raise RuntimeError(f"voucher process: unexpected message {kind!r}")
                self._ended = True
                self.peak_kib = payload["maxrss_kib"]
                if payload["last_row"] is None:
                    raise Declined
            except Exception as exc:
                self._error = exc
                raise
            self._said = payload["last_row"]
        return self._said

    def has_said(self) -> bool:
        """Whether `said` would answer at once (its message has come, or it ended)."""
        if self._error is not None or self._said is not None:
            return True
        import select

        try:
            return bool(select.select([self._out], [], [], 0)[0])
        except (OSError, ValueError):
            return True  # `said` tells what is wrong

    def _died(self) -> str:
        """A voucher ended by a signal (the OOM killer, a `kill`) has vouched for
        nothing: the file is read again, checked as `open_sheet` checks it."""
        if self._proc.wait() < 0:
            raise Declined
        return super()._died()


class Streamed:
    """An .xlsx/.xlsm sheet read by two processes at once: one reads its rows at once, in
    slices (`readers.stream_sheet`, mode STREAM), the other checks the workbook as the
    in-process reading checks it before its first row (`readers.vouch_sheet`, mode
    VOUCH: the guard, the CRC, the first pass that vouches the slices read as the whole
    sheet). On two CPUs the importing process gets rows while the sheet is vouched for,
    instead of waiting ~2 s for the first pass of a 100,000-row sheet (issue 19 item 3,
    benchmarks/RESULTS.md). The rows are the importing process's to keep from anything
    lasting until `vouched` says yes: it holds its first chunk's commit (services/intake.py);
    a refusal raises the refusal, a decline raises Declined (read the file again, as a
    `ReaderProcess` of mode READ does), and what was written of the rows is rolled back.
    """

    def __init__(self, params: dict[str, Any]) -> None:
        self.voucher = Voucher(params)
        try:
            self.reader = ReaderProcess({**params, "mode": STREAM})
        except BaseException:
            self.voucher.close()
            raise
        self.last_row: int | None = None

    @property
    def peak_kib(self) -> int | None:
        """Both processes' peaks added (None until the reader said its own)."""
        if self.reader.peak_kib is None:
            return None
        return self.reader.peak_kib + (self.voucher.peak_kib or 0)

    def opened(self) -> Opened:
        """What the streaming reader found (Declined: a sheet it does not stream, or could
        not cut after all — nothing was kept of it yet)."""
        from mediate.intake.xlsx_slices import NotStreamed

        try:
            return self.reader.opened()
        except NotStreamed as exc:
            raise Declined from exc

    def batches(self) -> Iterator[list[tuple[Any, ...]]]:
        """The reader's batches; a sheet it could not cut after all (NotStreamed) is
        declined by the voucher too (`_Cutter` declines where the bytes say): Declined,
        or the voucher's own error."""
        from mediate.intake.xlsx_slices import NotStreamed

        try:
            yield from self.reader.batches()
        except NotStreamed as exc:
            self.vouched()  # Declined, or the voucher's error
            raise RuntimeError("the voucher vouched for a sheet the reader could not cut") from exc

    def ready(self) -> bool:
        """Whether the voucher has said (`vouched` answers at once)."""
        return self.voucher.has_said()

    def vouched(self) -> None:
        """Waits until the voucher has vouched for the sheet (its last row in `last_row`);
        raises its error, or Declined."""
        self.last_row = self.voucher.said()

    def close(self) -> None:
        self.reader.close()
        self.voucher.close()


def _signal_name(number: int) -> str:
    import signal

    try:
        return signal.Signals(number).name
    except ValueError:
        return str(number)


# ---------------------------------------------------------------- the reader process


def _serve(params: dict[str, Any], send: Any) -> None:
    from mediate import clock, collector
    from mediate.intake.readers import open_sheet, stream_sheet, vouch_sheet
    from mediate.intake.stream import RowStream, find_header

    mode = params.get("mode", READ)
    if mode == VOUCH:
        last_row = vouch_sheet(params["path"], params["sheet"])
        send((VOUCHED, {"last_row": last_row, "maxrss_kib": own_peak_kib()}))
        return
    if params["clock"] is not None:
        clock.set_clock(params["clock"])
    from mediate.routing.places import use_deployment_divisions

    use_deployment_divisions(params.get("divisions", ()))  # as the importing process knows
    mapping = params["mapping"]
    if mode == STREAM:
        streamed = stream_sheet(params["path"], params["sheet"])
        if streamed is None:
            send((DECLINED, None))
            return
        sheet = streamed
    else:
        sheet = open_sheet(params["path"], params["sheet"])
    number, header, columns = find_header(sheet, mapping)
    opened = Opened(
        sheet.format,
        sheet.encoding,
        sheet.delimiter,
        sheet.total,
        sheet.sheet_name,
        sheet.notes,
        number,
        header,
    )
    send(("sheet", opened.__dict__))
    stream = RowStream(columns, mapping, params["defaults"])
    batch: list[tuple[Any, ...]] = []
    sent = 0
    for outcome in stream.outcomes(sheet.rows):
        batch.append(outcome)
        if len(batch) >= BATCH_ROWS:
            send(("rows", batch))
            batch = []
            sent += 1
            if sent % 10 == 0:
                collector.collect_young()
    if batch:
        send(("rows", batch))


def _compact_table() -> dict[type, Any]:
    """How the reader pickles a case and its parties: as a call of the class with its
    field values (its generated `__init__`), not as a slotted dataclass's state (a Python
    `__setstate__` that looks its fields up per object). Measured on 20,000 rows: the
    importing process unpickles a row in 4.5 µs instead of 8.4, and the pickles are a
    fifth smaller."""
    import copyreg
    import dataclasses
    from functools import partial
    from operator import attrgetter

    from mediate.domain.model import CaseInput, Party

    table = dict(copyreg.dispatch_table)
    for kind in (CaseInput, Party):
        values = attrgetter(*(f.name for f in dataclasses.fields(kind)))
        table[kind] = partial(_by_fields, kind, values)
    return table


def _by_fields(kind: type, values: Any, obj: object) -> tuple[type, tuple[Any, ...]]:
    return kind, values(obj)


def _enlarge_pipe(fd: int) -> None:
    """Make the pipe to the importing process hold a few batches (Linux: up to
    /proc/sys/fs/pipe-max-size, 1 MiB by default). In a 64 KiB pipe a batch (about 0.6 MB)
    goes across in a dozen writes, and the writer thread waits for the interpreter's lock
    (held by the reading thread, up to its 5 ms switch interval) after each: the importing
    process waited for them."""
    try:
        import fcntl

        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_BYTES)
    except (ImportError, OSError):
        pass  # smaller, or not a pipe: slower, not wrong


def own_peak_kib() -> int:
    """This process's peak resident set since it was exec'd: /proc's VmHWM where there is
    one. (`ru_maxrss` also counts the pages of the process that started it, as they were
    when it exec'd: a big importing process's, which a vfork'ed child borrows.)"""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _error_message(exc: BaseException) -> bytes:
    """The message that raises `exc` in the importing process. A MediateError pickles as it
    was made (`MediateError.__reduce__`, which leaves out what does not pickle); anything
    else is a bug, sent with the reader's traceback in a note, or as a RuntimeError holding
    it where the exception does not come back from its pickle as it went in."""
    import traceback

    from mediate.errors import MediateError

    if isinstance(exc, MediateError):
        return pickle.dumps(("error", exc), protocol=pickle.HIGHEST_PROTOCOL)
    text = "".join(traceback.format_exception(exc))
    exc.add_note("in the reader process:\n" + text)
    try:
        data = pickle.dumps(("error", exc), protocol=pickle.HIGHEST_PROTOCOL)
        pickle.loads(data)
    except Exception:
        data = pickle.dumps(("error", RuntimeError(f"in the reader process:\n{text}")))
    return data


def main() -> None:
    import gc
    import queue
    import threading
    import traceback

    gc.disable()  # what a batch makes is freed by reference counts; see `_serve`
    # The messages go out on a copy of fd 1 that only `write` knows of; fd 1 is made
    # stderr: a stray print (ours, a library's, Rust's) cannot break the framing.
    sys.stdout.flush()
    stdout = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    stdin = sys.stdin.buffer
    params: dict[str, Any] = {}
    unreadable: BaseException | None = None
    try:
        params = pickle.load(stdin)
    except EOFError:
        os._exit(0)  # the importing process went away before it said what to read
    except Exception as exc:  # a bug: said below, as any other
        unreadable = exc

    def watch() -> None:  # the importing process closed its end, or died: stop
        stdin.read()
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()
    _enlarge_pipe(stdout.fileno())
    backlog: queue.Queue[bytes | None] = queue.Queue(maxsize=backlog_batches(params))

    def write() -> None:
        try:
            while (data := backlog.get()) is not None:
                stdout.write(_FRAME.pack(len(data)))
                stdout.write(data)
                stdout.flush()
        except (BrokenPipeError, OSError):
            os._exit(0)  # the importing process went away
        except BaseException:  # struct.error, MemoryError…: said, and ended, never a hang
            traceback.print_exc(file=sys.stderr)
            sys.stderr.flush()
            os._exit(1)  # the importing process says the reader died

    writer = threading.Thread(target=write, daemon=True)
    writer.start()

    pickler_table = _compact_table()

    def send(message: tuple[str, Any]) -> None:
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.dispatch_table = pickler_table
        pickler.dump(message)
        kind, payload = message
        if kind == "rows" and len(payload) > 1 and buffer.tell() > MAX_FRAME_BYTES:
            half = len(payload) // 2
            send((kind, payload[:half]))
            send((kind, payload[half:]))
            return
        backlog.put(buffer.getvalue())

    from mediate.i18n import in_language

    try:
        if unreadable is not None:
            raise unreadable
        with in_language(params["language"]):
            _serve(params, send)
        send(("end", {"maxrss_kib": own_peak_kib()}))
    except BaseException as exc:  # sent to the importing process, which raises it
        backlog.put(_error_message(exc))
    backlog.put(None)
    writer.join()
    stdout.flush()
    os._exit(0)  # not waiting for the stdin watcher


if __name__ == "__main__":
    main()
