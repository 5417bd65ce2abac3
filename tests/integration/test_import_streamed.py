"""An .xlsx read while it is vouched for (`intake.worker.Streamed`, issue 19 item 3): one
reader process streams the rows at once, another runs the checks the in-process reading
runs before its first row (the guard, the CRC, the first pass that vouches the slices
read as the whole sheet). The importing process writes the rows meanwhile and commits
nothing until the sheet is vouched for: vouched, the import is the one read inline; a
decline reads the file again whole, a refusal raises the refusal, and in both cases
nothing of the streamed reading is kept — no case, no batch, no progress counted twice.

The real processes are tested on workbooks each outcome comes from; the order of events
(the verdict after some chunks were written) with a scripted voucher."""

from __future__ import annotations

import re
import shutil
import sqlite3
import zipfile
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from mediate.errors import ValidationError
from mediate.intake import worker
from mediate.services.intake import ImportOptions, import_referrals
from mediate.store.engine import make_engine
from mediate.store.tables import CaseRow, ImportBatchRow
from mediate.store.uow import UnitOfWork
from tests.conftest import interruptible
from tests.importing import TODAY, count, initialised_database, stop_the_clock

DATA = Path(__file__).resolve().parent.parent / "data" / "imports"
TABLES = ("import_batches", "cases", "parties", "decisions", "events")
SHEET = "xl/worksheets/sheet1.xml"


@pytest.fixture(autouse=True)
def _stopped_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    stop_the_clock(monkeypatch)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One initialised SQLite database, copied for each import."""
    return initialised_database(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sheet of several slices (`xlsx_slices.SLICE_BYTES` of XML each, ~1,600 rows)."""
    from benchmarks.generate import write_xlsx

    return write_xlsx(tmp_path_factory.mktemp("streamed") / "referrals.xlsx", 4_000, 11)


@pytest.fixture
def modes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The mode of every reader process started (READ, STREAM, VOUCH), in order."""
    started: list[str] = []
    original = worker.ReaderProcess.__init__

    def spy(self: worker.ReaderProcess, params: dict[str, Any]) -> None:
        started.append(params.get("mode", worker.READ))
        original(self, params)

    monkeypatch.setattr(worker.ReaderProcess, "__init__", spy)
    return started


def _edited(source: Path, target: Path, edit: Any, *, stored: bool = False) -> Path:
    """`source` with its sheet's XML passed through `edit` (`stored`: not deflated)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == SHEET:
                data = edit(data)
            method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            new.writestr(info.filename, data, method)
    return target


def _imported(
    template: Path, work: Path, source: Path, reading: str, **options: Any
) -> dict[str, Any]:
    """One import of `source` into a fresh copy of the initialised database: its report,
    what it told the clerk, the rows it said it read, its totals and the rows stored."""
    work.mkdir()
    shutil.copyfile(template, work / "db.sqlite")
    engine = make_engine(f"sqlite:///{work / 'db.sqlite'}")
    progress: list[int] = []
    totals: list[int | None] = []
    told: list[str] = []
    try:
        with UnitOfWork(engine, "测试书记员") as uow:
            report = import_referrals(
                uow,
                source,
                ImportOptions(today=TODAY, **options),
                progress=progress.append,
                say=told.append,
                total=totals.append,
            )
    finally:
        engine.dispose()
    with closing(sqlite3.connect(work / "db.sqlite")) as db:
        stored = {t: db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in TABLES}
    summary = report.as_json()
    summary.pop("errors_file")
    return {
        "report": summary,
        "told": told,
        "rows read": sum(progress),
        "last total": totals[-1],
        "stored": stored,
        "totals": totals,
    }


def _alike(inline: dict[str, Any], streamed: dict[str, Any]) -> None:
    for what in ("report", "told", "rows read", "last total", "stored"):
        assert streamed[what] == inline[what], what


def _both(
    template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: Path, **options: Any
) -> tuple[dict[str, Any], dict[str, Any]]:
    monkeypatch.setenv(worker.ENV, "inline")
    inline = _imported(template, tmp_path / "inline", source, "inline", **options)
    monkeypatch.setenv(worker.ENV, "process")
    streamed = _imported(template, tmp_path / "process", source, "process", **options)
    return inline, streamed


# ---------------------------------------------------------------- the real processes


def test_a_vouched_workbook_imports_as_it_does_read_inline(
    template, tmp_path, monkeypatch, modes, workbook
):
    inline, streamed = _both(template, tmp_path, monkeypatch, workbook, chunk_size=500)
    _alike(inline, streamed)
    assert modes == [worker.VOUCH, worker.STREAM]  # vouched: read once, not again
    assert streamed["report"]["imported"] == 4_000
    # the total once vouched for: the sheet's rows below the header, as read inline
    assert streamed["totals"][:2] == [None, 4_000] and inline["totals"][0] == 4_000


def test_a_sheet_the_first_pass_declines_is_read_again_whole(
    template, tmp_path, monkeypatch, modes, workbook
):
    """A comment between two rows in the middle of the sheet: the streaming reader reads
    on (it checks only what keeps it safe), the first pass declines the slices; the file
    is read again (calamine whole) and nothing of the first reading is kept."""

    def commented(xml: bytes) -> bytes:
        ends = [m.end() for m in re.finditer(rb"</row>", xml)]
        middle = ends[len(ends) // 2]
        return xml[:middle] + b"<!-- a note -->" + xml[middle:]

    source = _edited(workbook, tmp_path / "commented.xlsx", commented)
    inline, streamed = _both(template, tmp_path, monkeypatch, source, chunk_size=500)
    _alike(inline, streamed)
    assert modes == [worker.VOUCH, worker.STREAM, worker.READ]
    assert len(streamed["stored"]["import_batches"]) == 1


@pytest.mark.parametrize("kind", ["far cell", "damaged member"])
def test_a_workbook_refused_late_in_its_sheet_keeps_nothing(
    template, tmp_path, monkeypatch, modes, workbook, kind
):
    """A cell at XFD1048576 in the sheet's last row (the guard refuses the grid), a sheet
    whose CRC is wrong (a byte of its last rows changed, stored): found by the voucher
    after the streaming reader has given rows; the refusal is the one read inline, and
    no case and no batch is kept."""
    if kind == "far cell":

        def edit(xml: bytes) -> bytes:
            at = xml.rindex(b"</row>")
            return xml[:at] + b'<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>' + xml[at:]

        source = _edited(workbook, tmp_path / "far.xlsx", edit)
    else:
        source = _edited(workbook, tmp_path / "stored.xlsx", lambda xml: xml, stored=True)
        data = bytearray(source.read_bytes())
        at = bytes(data).rindex(b"<t>") + 3  # a text of the last row, stored as is
        data[at] = data[at] ^ 0x01
        source.write_bytes(bytes(data))
    raised = {}
    for reading in ("inline", "process"):
        monkeypatch.setenv(worker.ENV, reading)
        shutil.copyfile(template, tmp_path / f"{reading}.db")
        engine = make_engine(f"sqlite:///{tmp_path / f'{reading}.db'}")
        try:
            with UnitOfWork(engine, "测试书记员") as uow, pytest.raises(ValidationError) as info:
                import_referrals(uow, source, ImportOptions(today=TODAY, chunk_size=500))
            raised[reading] = str(info.value)
            assert count(engine, ImportBatchRow) == 0 and count(engine, CaseRow) == 0
        finally:
            engine.dispose()
    assert raised["process"] == raised["inline"]
    assert modes[:2] == [worker.VOUCH, worker.STREAM]
    expected = "reaches row 1048576, column 16384" if kind == "far cell" else "CRC"
    assert expected in raised["inline"]


# ---------------------------------------------------------------- the order of events


class _Voucher:
    """A voucher that says `outcome` (a last row; None: declined) or raises it when
    asked, after `on_ask()`; it has said once `has_said` was asked `quiet` times (None:
    never before it is asked)."""

    peak_kib = None

    def __init__(self, outcome: Any, on_ask: Any = None, quiet: int | None = None) -> None:
        self.outcome, self.on_ask, self.quiet = outcome, on_ask, quiet
        self.asked = 0

    def has_said(self) -> bool:
        if self.quiet is None:
            return False
        self.quiet -= 1
        return self.quiet < 0

    def said(self) -> Any:
        self.asked += 1
        if self.on_ask is not None:
            self.on_ask()
        if isinstance(self.outcome, BaseException):
            raise self.outcome
        if self.outcome is None:
            raise worker.Declined
        return self.outcome

    def close(self) -> None:
        pass


def _scripted(monkeypatch: pytest.MonkeyPatch, voucher: _Voucher) -> None:
    """Every file is read as streamed, its rows by a reader process of mode READ (a CSV
    too), its verdict by `voucher`."""

    class Scripted(worker.Streamed):
        def __init__(self, params: dict[str, Any]) -> None:
            self.reader = worker.ReaderProcess({**params, "mode": worker.READ})
            self.voucher = voucher  # type: ignore[assignment]
            self.last_row = None

    monkeypatch.setattr(worker, "Streamed", Scripted)
    monkeypatch.setattr(worker, "reading", lambda path: worker.STREAM)


SOURCE = DATA / "generated-40.csv"


@pytest.mark.parametrize(("quiet", "written_then"), [(None, 2), (1, 1)], ids=["slow", "in time"])
def test_chunks_written_before_the_sheet_is_vouched_for_are_kept_once_it_is(
    template, tmp_path, monkeypatch, quiet, written_then, rows_3000
):
    """The first chunk stays uncommitted while the next is read, and is committed as soon
    as the voucher has said ("in time": after the next batch); a slow voucher is waited
    for at the second chunk's commit: no more than two chunks written meanwhile, none
    committed, no row shown to the clerk; once vouched, the import is the one read
    inline."""
    from mediate.services import intake

    monkeypatch.setenv(worker.ENV, "inline")
    # three batches of the reader's (worker.BATCH_ROWS), two chunks
    inline = _imported(template, tmp_path / "inline", rows_3000, "inline", chunk_size=1500)
    written: list[int] = []
    write = intake._BulkWriter.write

    def counted(self: Any, routed: Any, routing: Any) -> Any:
        written.append(len(routed))
        return write(self, routed, routing)

    monkeypatch.setattr(intake._BulkWriter, "write", counted)
    database = tmp_path / "streamed" / "db.sqlite"
    seen: list[tuple[int, tuple[Any, ...]]] = []

    def on_ask() -> None:  # what another clerk sees while the voucher is asked
        with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
            stored = db.execute("SELECT count(*) FROM cases").fetchone()
            seen.append(
                (
                    len(written),
                    stored + db.execute("SELECT count(*) FROM import_batches").fetchone(),
                )
            )

    voucher = _Voucher(3001, on_ask, quiet)  # the header and 3,000 rows
    _scripted(monkeypatch, voucher)
    streamed = _imported(template, tmp_path / "streamed", rows_3000, "streamed", chunk_size=1500)
    _alike(inline, streamed)
    assert voucher.asked == 1
    assert seen == [(written_then, (0, 0))]  # chunks written, nothing committed
    # the vouched total: its last row, less the header
    assert streamed["totals"] == [3000, 3000, 3000]


@pytest.fixture(scope="module")
def rows_3000(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from benchmarks.generate import write_csv

    return write_csv(tmp_path_factory.mktemp("rows") / "rows.csv", 3_000, 3)


def test_a_decline_after_the_first_chunk_reads_the_file_again_keeping_nothing(
    template, tmp_path, monkeypatch, modes
):
    monkeypatch.setenv(worker.ENV, "inline")
    inline = _imported(template, tmp_path / "inline", SOURCE, "inline", chunk_size=4)
    _scripted(monkeypatch, _Voucher(None))
    streamed = _imported(template, tmp_path / "streamed", SOURCE, "streamed", chunk_size=4)
    _alike(inline, streamed)  # one batch, each row counted once
    assert modes == [worker.READ, worker.READ]


def test_a_refusal_after_the_first_chunk_raises_it_keeping_no_case_and_no_batch(
    template, tmp_path, monkeypatch
):
    refusal = ValidationError("refused to open this workbook: a test", where=str(SOURCE))
    _scripted(monkeypatch, _Voucher(refusal))
    shutil.copyfile(template, tmp_path / "db.sqlite")
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    progress: list[int] = []
    try:
        with UnitOfWork(engine, "测试书记员") as uow, pytest.raises(ValidationError) as info:
            options = ImportOptions(today=TODAY, chunk_size=4)
            import_referrals(uow, SOURCE, options, progress=progress.append)
        assert info.value is refusal
        assert count(engine, ImportBatchRow) == 0 and count(engine, CaseRow) == 0
        assert progress == []  # no row was counted for the clerk
    finally:
        engine.dispose()


def test_a_reader_error_before_the_verdict_gives_way_to_the_voucher_s_refusal(
    template, tmp_path, monkeypatch
):
    """What `open_sheet` raises first is the guard's refusal: the streaming reader's own
    error (here a bug in reading a row) is heard only once the sheet is vouched for."""
    from tests.importing import BrokenMapping

    refusal = ValidationError("refused to open this workbook: a test", where=str(SOURCE))
    _scripted(monkeypatch, _Voucher(refusal))
    shutil.copyfile(template, tmp_path / "db.sqlite")
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    monkeypatch.setattr("mediate.services.intake.load_mapping", lambda path: BrokenMapping())
    try:
        with UnitOfWork(engine, "测试书记员") as uow, pytest.raises(ValidationError) as info:
            options = ImportOptions(today=TODAY, chunk_size=4, mapping=tmp_path / "m.yaml")
            import_referrals(uow, SOURCE, options)
        assert info.value is refusal
        assert count(engine, ImportBatchRow) == 0
    finally:
        engine.dispose()


def test_ctrl_c_before_the_verdict_keeps_no_case_nor_batch_and_says_so(
    template, tmp_path, monkeypatch
):
    _scripted(monkeypatch, _Voucher(KeyboardInterrupt()))
    shutil.copyfile(template, tmp_path / "db.sqlite")
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    told: list[str] = []
    try:
        with UnitOfWork(engine, "测试书记员") as uow, pytest.raises(KeyboardInterrupt):
            options = ImportOptions(today=TODAY, chunk_size=4)
            import_referrals(uow, SOURCE, options, say=told.append)
        assert count(engine, CaseRow) == 0 and count(engine, ImportBatchRow) == 0
        assert told and " 0 " in told[-1]  # "0 cases were imported in whole chunks"
    finally:
        engine.dispose()


def test_a_voucher_ended_by_a_signal_has_vouched_for_nothing_the_file_is_read_again():
    """Killed (the OOM killer, a `kill`), it said nothing: Declined, never a failed
    import of a good file."""
    voucher = worker.Voucher({"path": SOURCE, "sheet": None})
    voucher._proc.kill()
    with pytest.raises(worker.Declined):
        voucher.said()
    with pytest.raises(worker.Declined):  # as often as asked
        voucher.said()
    voucher.close()


# ---------------------------------------------------------------- ended from outside


@pytest.fixture(scope="module")
def big_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Rows enough that the import is still reading when it is stopped."""
    from benchmarks.generate import write_xlsx

    return write_xlsx(tmp_path_factory.mktemp("big") / "big.xlsx", 20_000, 5)


def _started(template: Path, tmp_path: Path, source: Path) -> tuple[Any, list[int]]:
    """`mediate import` of a workbook in a process group of its own, as at a terminal,
    once it has started its reader and its voucher: the import and their pids."""
    import os
    import subprocess
    import sys
    import time

    from tests.integration.test_import_reader_process import _children

    database = tmp_path / "cli.db"
    shutil.copyfile(template, database)
    command = [sys.executable, "-m", "mediate", "--db", f"sqlite:///{database}", "import"]
    proc = subprocess.Popen(
        [*command, str(source)],
        env={**os.environ, worker.ENV: "process"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=interruptible,  # its Ctrl-C as at a terminal
    )
    deadline = time.monotonic() + 120
    while len(children := _children(proc.pid)) < 2:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the import never started its two readers"
        time.sleep(0.01)
    return proc, children


def _kept(database: Path) -> tuple[list[tuple[Any, ...]], int]:
    with closing(sqlite3.connect(database)) as db:
        batches = db.execute("SELECT status, imported FROM import_batches").fetchall()
        return batches, db.execute("SELECT count(*) FROM cases").fetchone()[0]


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
@pytest.mark.parametrize("how", ["Ctrl-C", "kill"])
def test_an_import_ended_from_outside_leaves_no_reader_nor_voucher_behind(
    template, tmp_path, big_workbook, how
):
    import os
    import signal

    from tests.integration.test_import_reader_process import _gone

    proc, children = _started(template, tmp_path, big_workbook)
    if how == "Ctrl-C":
        os.killpg(proc.pid, signal.SIGINT)  # the terminal's whole foreground group
        _out, err = proc.communicate(timeout=60)
        assert proc.returncode == 130, err.decode()
    else:
        proc.kill()
        proc.wait()
    assert all(_gone(child) for child in children)
    batches, cases = _kept(tmp_path / "cli.db")
    # what is kept is whole chunks of a vouched sheet, or nothing; never a batch `running`
    # after Ctrl-C (a killed import's is found stale by the next import)
    assert cases == sum(imported or 0 for _status, imported in batches)
    if how == "Ctrl-C":
        assert all(status == "interrupted" for status, _imported in batches)


def test_an_error_value_in_a_column_the_import_ignores_keeps_its_row(
    template, tmp_path, monkeypatch
):
    """Final read: a helper column's failed look-up (`#N/A`, a common VLOOKUP) refused the
    whole row; only a cell of a column the import reads refuses it — inline and with the
    reader processes alike."""
    from tests.workbooks import sheet, workbook_bytes

    def cell(ref: str, text: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'

    header = ["案号", "案由", "标的额", "申请人", "被申请人", "收案日期", "辅助列"]
    rows = [f'<row r="1">{"".join(cell(f"{chr(65 + i)}1", h) for i, h in enumerate(header))}</row>']
    for n, amount in ((2, '<c r="C2"><v>100</v></c>'), (3, '<c r="C3" t="e"><v>#N/A</v></c>')):
        rows.append(
            f'<row r="{n}">{cell(f"A{n}", f"（2026）豫0803民初{n}号")}'
            f"{cell(f'B{n}', '民间借贷纠纷')}"
            f"{amount}{cell(f'D{n}', f'张{n}')}{cell(f'E{n}', f'李{n}')}"
            f'{cell(f"F{n}", "2026-11-02")}<c r="G{n}" t="e"><v>#N/A</v></c></row>'
        )
    source = tmp_path / "helper.xlsx"
    source.write_bytes(workbook_bytes(sheet("".join(rows))))
    inline, streamed = _both(template, tmp_path, monkeypatch, source)
    _alike(inline, streamed)
    report = inline["report"]
    assert report["imported"] == 1 and report["rejected"] == 1  # row 3: its 标的额 is #N/A
    assert report["errors"][0]["row"] == 3 and "C3" in report["errors"][0]["message"]
