"""A big file's rows read in a reader process (`mediate/intake/worker.py`): the same import
read there or in the importing process gives the same report, warnings, errors file and
stored rows, to the byte; the reader's failures are the errors the in-process path raises;
an interrupted or killed import leaves no reader process behind.

`MEDIATE_IMPORT_READER=process` sends every file, however small, to a reader process,
`inline` none."""

from __future__ import annotations

import os
import pickle
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from mediate.domain.model import Source
from mediate.errors import ValidationError
from mediate.intake import worker
from mediate.resources import data_dir
from mediate.services.intake import ImportOptions, import_referrals
from mediate.store.engine import make_engine
from mediate.store.tables import CaseRow, ImportBatchRow
from mediate.store.uow import UnitOfWork
from tests.conftest import interruptible, invoke
from tests.importing import TODAY, BrokenMapping, count, initialised_database, stop_the_clock

SAMPLES = data_dir() / "samples"
DATA = Path(__file__).resolve().parent.parent / "data" / "imports"
PATHS = ("inline", "process")
TABLES = ("import_batches", "cases", "parties", "decisions", "events")


@pytest.fixture(autouse=True)
def _stopped_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    stop_the_clock(monkeypatch)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One initialised SQLite database, copied for each import."""
    return initialised_database(tmp_path_factory.mktemp("template"))


def _damaged_csv(path: Path) -> Path:
    """Rows the csv module refuses, an undecodable line, blank rows, a repeated header, a
    total and a note, repeats of an earlier row (the same and with other data), amid good
    rows; UTF-8 and GBK lines glued together."""
    good = "（2026）豫0803民初{n}号,民间借贷纠纷,{amount},张{n},李{n},2026-11-0{d}\n"
    lines = [
        "案号,案由,标的额,申请人,被申请人,收案日期\n",
        good.format(n=601, amount=1000, d=2),
        "\n",
        ",,,,,\n",
        '（2026）豫0803民初602号,民间借贷纠纷,"200' + "0" * 140_000 + '",张6,李6,2026-11-02\n',
        "（2026）豫0803民初603号,买卖合同纠纷,5000,王\r五,赵六,2026-11-03\n",
        good.format(n=604, amount=3000, d=4),
        "案号,案由,标的额,申请人,被申请人,收案日期\n",
        good.format(n=601, amount=1000, d=2),  # the same as row 2
        good.format(n=604, amount=9999, d=4),  # row 7's number, other data
        "合计,,4000,,,\n",
        "备注：以上案件请于十日内联系当事人\n",
        ",物业服务合同纠纷,800,周七,吴八,2026-11-05\n",
        ",物业服务合同纠纷,800,周七,吴八,2026-11-05\n",
        "（2026）豫0803民初609号,,abc,,,2026-02-30\n",
    ]
    data = b"".join(line.encode("utf-8") for line in lines)
    data += "（2026）豫0803民初610号,离婚纠纷,2000,孙九,钱十,2026-11-06\n".encode("gbk")
    data += b"\xff\xfe\xfa broken,\xff,1,\xfe,\xfd,2026-11-06\n"
    path.write_bytes(data)
    return path


def _fresh(template: Path, path: Path) -> Any:
    shutil.copyfile(template, path)
    return make_engine(f"sqlite:///{path}")


def _stored(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    with closing(sqlite3.connect(path)) as db:
        return {t: db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in TABLES}


def _import_both(
    template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file: Path, **options: Any
) -> dict[str, Any]:
    """The same import read inline and in a reader process, each into a fresh copy of one
    initialised database: per path its report (JSON), its errors file's bytes, what it
    told the clerk and the rows it stored."""
    results = {}
    for path in PATHS:
        monkeypatch.setenv(worker.ENV, path)
        work = tmp_path / path
        work.mkdir()
        engine = _fresh(template, work / "db.sqlite")
        told: list[str] = []
        errors = work / f"errors{'.xlsx' if file.suffix == '.xlsx' else '.csv'}"
        progress: list[int] = []
        try:
            with UnitOfWork(engine, "测试书记员") as uow:
                report = import_referrals(
                    uow,
                    file,
                    ImportOptions(today=TODAY, errors_to=errors, **options),
                    progress=progress.append,
                    say=told.append,
                )
        finally:
            engine.dispose()
        summary = report.as_json()
        summary.pop("errors_file")
        results[path] = {
            "report": summary,
            "errors file": _contents(errors),
            "told": told,
            "rows read": sum(progress),
            "stored": _stored(work / "db.sqlite"),
        }
    return results


def _contents(errors: Path) -> object:
    """An errors file's bytes; a workbook's cells (its zip stamps the time it was written)."""
    if not errors.exists():
        return None
    if errors.suffix == ".xlsx":
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_path(str(errors))
        return [book.get_sheet_by_name(name).to_python() for name in book.sheet_names]
    return errors.read_bytes()


def _same(results: dict[str, Any]) -> None:
    inline, process = results["inline"], results["process"]
    for what in inline:
        assert process[what] == inline[what], what


@pytest.mark.parametrize(
    ("source", "options"),
    [
        (SAMPLES / "messy-referrals.csv", {}),
        (SAMPLES / "referrals-jiefang-gbk.csv", {"chunk_size": 3}),
        (SAMPLES / "referrals-shanyang.xlsx", {}),
        (DATA / "generated-40.csv", {"chunk_size": 7}),
        (DATA / "edge-cases.csv", {"chunk_size": 2}),
        (DATA / "generated-40.csv", {"dry_run": True}),
        (
            SAMPLES / "referrals-jiefang-gbk.csv",
            {"source": Source.COURT_ENTRUSTED, "court": "解放区法院"},
        ),
        (SAMPLES / "court-export-zhongzhan.xlsx", {"chunk_size": 2}),
    ],
    ids=[
        *("messy", "gbk-chunks", "xlsx", "generated", "edge-cases", "dry-run"),
        *("court-completed", "court-export"),
    ],
)
def test_both_paths_import_a_file_alike(template, tmp_path, monkeypatch, source, options):
    results = _import_both(template, tmp_path, monkeypatch, source, **options)
    _same(results)
    assert results["process"]["report"]["imported"] or options.get("dry_run")


def test_both_paths_take_damaged_rows_alike(template, tmp_path, monkeypatch):
    source = _damaged_csv(tmp_path / "damaged.csv")
    results = _import_both(template, tmp_path, monkeypatch, source, chunk_size=2)
    _same(results)
    report = results["process"]["report"]
    assert report["rejected"] >= 5 and report["duplicates"] >= 1 and report["skipped"] >= 2
    assert results["process"]["errors file"]


def test_a_repeated_import_reports_the_stored_duplicates_alike(template, tmp_path, monkeypatch):
    """The second import of a file finds every case stored (`existing_keys`) and compares
    what its rows carry with them (`--update` fills blanks)."""
    results = {}
    for path in PATHS:
        monkeypatch.setenv(worker.ENV, path)
        (tmp_path / path).mkdir()
        engine = _fresh(template, tmp_path / path / "db.sqlite")
        try:
            for update in (None, "fill"):
                with UnitOfWork(engine, "测试书记员") as uow:
                    report = import_referrals(
                        uow,
                        SAMPLES / "messy-referrals.csv",
                        ImportOptions(today=TODAY, update=update),
                    )
        finally:
            engine.dispose()
        results[path] = (report.as_json(), _stored(tmp_path / path / "db.sqlite"))
    assert results["process"] == results["inline"]
    assert results["process"][0]["duplicates"] >= 4


# ---------------------------------------------------------------- what fails


def _far_workbook(path: Path) -> Path:
    sheet = (
        '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>案号</t></is></c>'
        '<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def _file(kind: str, tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    if kind == "missing":
        return tmp_path / "nowhere.csv", {}
    if kind == "directory":
        return tmp_path, {}
    if kind == "damaged workbook":
        path = tmp_path / "damaged.xlsx"
        path.write_bytes(b"PK\x03\x04" + os.urandom(2000))
        return path, {}
    if kind == "far cell":
        return _far_workbook(tmp_path / "far.xlsx"), {}
    if kind == "no sheet":
        return SAMPLES / "referrals-shanyang.xlsx", {"sheet": "不存在"}
    if kind == "no header":
        path = tmp_path / "noheader.csv"
        path.write_text("甲,乙\n1,2\n" * 12, encoding="utf-8")
        return path, {}
    assert kind == "no column"
    path = tmp_path / "nocolumn.csv"
    path.write_text("案号,申请人,备注\n（2026）豫0803民初1号,张三,x\n", encoding="utf-8")
    return path, {}


@pytest.mark.parametrize(
    "kind",
    ["missing", "directory", "damaged workbook", "far cell", "no sheet", "no header", "no column"],
)
def test_a_file_the_reader_cannot_take_fails_as_it_does_inline(
    template, tmp_path, monkeypatch, kind
):
    source, options = _file(kind, tmp_path)
    raised = _raised_on_both_paths(template, tmp_path, monkeypatch, source, options)
    assert raised["process"] == raised["inline"]
    assert raised["process"][0].__name__ == "ValidationError"


def _raised_on_both_paths(
    template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: Path, options: dict
) -> dict[str, tuple[type, str]]:
    """The error each way of reading raises importing `source`, none leaving a batch."""
    raised = {}
    for path in PATHS:
        monkeypatch.setenv(worker.ENV, path)
        engine = _fresh(template, tmp_path / f"{path}.db")
        try:
            with UnitOfWork(engine, "测试书记员") as uow, pytest.raises(Exception) as info:
                import_referrals(uow, source, ImportOptions(today=TODAY, **options))
            raised[path] = (type(info.value), str(info.value))
            assert count(engine, ImportBatchRow) == 0
        finally:
            engine.dispose()
    return raised


def test_the_command_fails_alike_on_both_paths(template, tmp_path, monkeypatch):
    source = _file("damaged workbook", tmp_path)[0]
    results = []
    for path in PATHS:
        shutil.copyfile(template, tmp_path / f"{path}.db")
        url = f"sqlite:///{tmp_path / f'{path}.db'}"
        result = invoke(["--db", url, "import", str(source)], env={worker.ENV: path})
        results.append((result.exit_code, result.output))
    assert results[0] == results[1]
    assert results[0][0] == 1 and "cannot be read as a workbook" in results[0][1]


@pytest.mark.parametrize("kind", ["damaged workbook", None], ids=["and a bad file", "alone"])
def test_broken_rules_fail_after_the_file_s_own_error_on_both_paths(
    template, tmp_path, monkeypatch, kind
):
    """The reader's path builds the router while the reader opens the file (an XLSX's
    whole sheet): a rules error still comes after the file's own error, as inline."""
    rules = tmp_path / "broken-rules.yaml"
    rules.write_text("route: [\n", encoding="utf-8")
    monkeypatch.setenv("MEDIATE_RULES", str(rules))
    source = _file(kind, tmp_path)[0] if kind else SAMPLES / "messy-referrals.csv"
    raised = _raised_on_both_paths(template, tmp_path, monkeypatch, source, {})
    assert raised["process"] == raised["inline"]
    if kind:
        assert "cannot be read as a workbook" in raised["process"][1]
    else:
        assert "broken-rules.yaml" in raised["process"][1]


def test_the_report_says_the_reader_process_s_peak_memory(template, tmp_path, monkeypatch):
    """For the benchmark's memory figure (both processes' peaks): the reader's own, as it
    said at its end; none when the file was read in the importing process."""
    peaks = {}
    for path in PATHS:
        monkeypatch.setenv(worker.ENV, path)
        engine = _fresh(template, tmp_path / f"{path}.db")
        try:
            with UnitOfWork(engine, "测试书记员") as uow:
                options = ImportOptions(today=TODAY)
                report = import_referrals(uow, SAMPLES / "messy-referrals.csv", options)
        finally:
            engine.dispose()
        peaks[path] = report.reader_peak_kib
        assert "reader_peak_kib" not in report.as_json()
    assert peaks["inline"] is None
    assert peaks["process"] is not None and 10_000 < peaks["process"] < 1_000_000


@pytest.mark.parametrize("chunk_size", [3, 10_000])
def test_the_reader_may_read_two_of_the_importing_process_s_chunks_ahead(
    template, tmp_path, monkeypatch, chunk_size
):
    """The importing process takes a whole chunk's rows before it writes them: a reader
    held to less than a chunk ahead stops while a chunk is written, and the importing
    process then waits for the rest of the next (2.0-3.7 s against 6.5-7.2 s of waiting for
    the benchmark's .xlsx, `worker.read_ahead`). The reader is told how far it may go."""
    told: list[dict[str, Any]] = []
    started = worker.ReaderProcess.__init__

    def spy(self: worker.ReaderProcess, params: dict[str, Any]) -> None:
        told.append(params)
        started(self, params)

    monkeypatch.setattr(worker.ReaderProcess, "__init__", spy)
    monkeypatch.setenv(worker.ENV, "process")
    engine = _fresh(template, tmp_path / "ahead.db")
    try:
        with UnitOfWork(engine, "测试书记员") as uow:
            options = ImportOptions(today=TODAY, chunk_size=chunk_size)
            import_referrals(uow, SAMPLES / "messy-referrals.csv", options)
    finally:
        engine.dispose()
    assert [params["ahead"] for params in told] == [worker.read_ahead(chunk_size)]
    assert worker.read_ahead(chunk_size) >= chunk_size + worker.BATCH_ROWS
    # the reader holds that many rows ready: a whole chunk and a batch at least
    held = worker.backlog_batches(told[0]) * worker.BATCH_ROWS
    assert held >= chunk_size + worker.BATCH_ROWS


def test_a_reader_holds_the_batches_it_was_told_it_may_read_ahead():
    assert worker.backlog_batches({"ahead": 20_000}) == 20_000 // worker.BATCH_ROWS
    assert worker.backlog_batches({"ahead": 20_500}) == 21  # a part batch is a batch
    assert worker.backlog_batches({"ahead": 10}) == 2
    assert worker.backlog_batches({}) == worker.BACKLOG_ROWS // worker.BATCH_ROWS


def test_a_bug_in_the_reader_is_raised_in_the_importing_process(template, tmp_path, monkeypatch):
    import mediate.services.intake as intake

    monkeypatch.setattr(intake, "load_mapping", lambda path: BrokenMapping(x="cause"))
    for path in PATHS:
        monkeypatch.setenv(worker.ENV, path)
        engine = _fresh(template, tmp_path / f"{path}.db")
        try:
            with UnitOfWork(engine, "测试书记员") as uow, pytest.raises(ZeroDivisionError) as info:
                options = ImportOptions(today=TODAY, mapping=tmp_path / "m.yaml")
                import_referrals(uow, SAMPLES / "messy-referrals.csv", options)
        finally:
            engine.dispose()
        if path == "process":  # where it happened, for the crash log
            assert "in the reader process" in "".join(getattr(info.value, "__notes__", []))


# ---------------------------------------------------------------- interrupted, killed


@pytest.fixture
def readers(monkeypatch: pytest.MonkeyPatch) -> list[worker.ReaderProcess]:
    """Every reader process started meanwhile."""
    started: list[worker.ReaderProcess] = []
    original = worker.ReaderProcess.__init__

    def spy(self: worker.ReaderProcess, params: dict[str, Any]) -> None:
        original(self, params)
        started.append(self)

    monkeypatch.setattr(worker.ReaderProcess, "__init__", spy)
    monkeypatch.setenv(worker.ENV, "process")
    return started


def test_an_interrupted_import_ends_its_reader_and_keeps_whole_chunks(template, tmp_path, readers):
    engine = _fresh(template, tmp_path / "db.sqlite")
    rows: list[int] = []

    def interrupt_at_row_seven(n: int) -> None:
        rows.append(n)
        if len(rows) == 7:
            raise KeyboardInterrupt

    told: list[str] = []
    path = SAMPLES / "referrals-jiefang-gbk.csv"
    try:
        with UnitOfWork(engine, "测试书记员") as uow, pytest.raises(KeyboardInterrupt):
            options = ImportOptions(chunk_size=3, today=TODAY)
            import_referrals(uow, path, options, interrupt_at_row_seven, told.append)
        assert [r._proc.returncode is not None for r in readers] == [True]  # reaped
        assert count(engine, CaseRow) == 6
        assert "6 cases were imported in whole chunks" in told[0]
        with engine.connect() as c:
            batch = c.execute(select(ImportBatchRow.status, ImportBatchRow.imported)).one()
        assert tuple(batch) == ("interrupted", 6)
    finally:
        engine.dispose()


def test_a_reader_that_dies_fails_the_import_as_interrupted(template, tmp_path, readers, big_file):
    engine = _fresh(template, tmp_path / "db.sqlite")
    rows: list[int] = []

    def kill_the_reader_at_row_seven(n: int) -> None:
        rows.append(n)
        if len(rows) == 7:
            readers[0]._proc.kill()

    try:
        with (
            UnitOfWork(engine, "测试书记员") as uow,
            pytest.raises(ValidationError, match="ended by signal SIGKILL") as raised,
        ):
            options = ImportOptions(chunk_size=3, today=TODAY)
            import_referrals(uow, big_file, options, kill_the_reader_at_row_seven)
        assert raised.value.exit_code == 1 and raised.value.where == str(big_file)
        with engine.connect() as c:
            batch = c.execute(select(ImportBatchRow.status, ImportBatchRow.imported)).one()
        assert batch.status == "interrupted" and batch.imported % 3 == 0
        assert count(engine, CaseRow) == batch.imported
    finally:
        engine.dispose()


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text()
        found.extend(int(c) for c in text.split())
    return found


def _gone(pid: int, within: float = 10.0) -> bool:
    """The process has ended within `within` seconds (reaped, or a zombie left to a
    container's init that reaps nothing)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state == "Z":
            return True
        time.sleep(0.05)
    return False


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """More rows than a reader process can have read ahead (`worker.BACKLOG_ROWS`, and
    what the pipe holds): it is still running when the import is stopped."""
    from benchmarks.generate import write_csv

    path = tmp_path_factory.mktemp("big") / "big.csv"
    write_csv(path, 60_000, 7)  # room after the batch is seen running, on a slow machine
    return path


def _started_import(template: Path, tmp_path: Path, source: Path) -> tuple[Any, int]:
    """`mediate import` in a process group of its own, as at a terminal, once it is reading
    rows from its reader process: the import and the reader's pid, the reader still running.

    Reading is seen, not slept for: the batch is `running` in the database, which the import
    writes once the reader has opened the file, inside the try that ends the reader on any
    exit. Half a second's sleep (as here before) could end, on a loaded machine, while the
    import was still in `subprocess.Popen` starting the reader: interrupted there, it never
    held the reader, which then ended only when its own start-up read the closed pipe, later
    than `_gone` waits (a failure under load, 2026-12-02)."""
    database = tmp_path / "cli.db"
    shutil.copyfile(template, database)
    env = {**os.environ, worker.ENV: "process"}
    command = [sys.executable, "-m", "mediate", "--db", f"sqlite:///{database}", "import"]
    proc = subprocess.Popen(
        [*command, str(source)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=interruptible,  # its Ctrl-C as at a terminal
    )
    deadline = time.monotonic() + 120
    while not _batch_running(database):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the import never started its batch"
        time.sleep(0.02)
    children = _children(proc.pid)
    assert children, "no reader process"
    assert _running(children[0])  # still reading (the file holds more than it reads ahead)
    return proc, children[0]


def _batch_running(database: Path) -> bool:
    """An import batch is `running` in the SQLite file (read-only, as another reader)."""
    try:
        with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
            found = db.execute("SELECT 1 FROM import_batches WHERE status = 'running'")
            return found.fetchone() is not None
    except sqlite3.OperationalError:  # not readable at this instant (locked, no WAL index yet)
        return False


def _running(pid: int) -> bool:
    """The process exists and has not ended (not a zombie)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
def test_ctrl_c_ends_the_import_and_its_reader(template, tmp_path, big_file):
    proc, reader = _started_import(template, tmp_path, big_file)
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C: the terminal's whole foreground group
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode()
    assert "Interrupted" in err.decode() or "interrupted" in err.decode()
    assert _gone(reader)


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
def test_a_killed_import_leaves_no_reader_behind(template, tmp_path, big_file):
    proc, reader = _started_import(template, tmp_path, big_file)
    proc.kill()
    proc.wait()
    assert _gone(reader)


# ---------------------------------------------------------------- which path


def test_which_path_a_file_takes(tmp_path, monkeypatch):
    small, big, workbook = tmp_path / "small.csv", tmp_path / "big.csv", tmp_path / "big.xlsx"
    small.write_bytes(b"x" * 1000)
    big.write_bytes(b"x" * worker.MIN_ROWS * worker.BYTES_PER_ROW["csv"])
    workbook.write_bytes(b"x" * worker.MIN_ROWS * worker.BYTES_PER_ROW["xlsx"])
    monkeypatch.setattr(worker, "usable_cpus", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (1.2, 1.0, 1.0))
    monkeypatch.delenv(worker.ENV)  # unset: auto (the test suite reads inline by default)
    assert not worker.wanted(small)
    assert worker.wanted(big) and worker.wanted(workbook)
    assert not worker.wanted(tmp_path / "missing.csv")
    # an .xlsx streamed while vouched for (`worker.Streamed`), a CSV read by one process
    assert worker.reading(workbook) == worker.STREAM and worker.reading(big) == worker.READ
    assert worker.reading(small) is None
    monkeypatch.setenv(worker.ENV, "inline")
    assert not worker.wanted(big)
    monkeypatch.setenv(worker.ENV, "process")
    assert worker.wanted(small)
    monkeypatch.setenv(worker.ENV, "auto")
    monkeypatch.setattr(os, "getloadavg", lambda: (4.3, 4.0, 3.0))  # every CPU busy
    assert not worker.wanted(big)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.5, 1.0, 1.0))
    assert worker.wanted(big)
    monkeypatch.setattr(worker, "usable_cpus", lambda: 1)
    assert not worker.wanted(big)


def _run_reader(boot: str, path: Path) -> subprocess.CompletedProcess[bytes]:
    """The reader process (`worker.main`) run after `boot`, told to read `path`."""
    import pickle

    from mediate.i18n import current_language
    from mediate.intake.validate import table_lengths
    from mediate.services.intake import RowDefaults

    params = {
        "path": path,
        "sheet": None,
        "mapping": None,
        "defaults": RowDefaults(None, None, TODAY, table_lengths()),
        "language": current_language(),
        "clock": None,
    }
    import tempfile
    import threading

    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [sys.executable, "-c", boot + "w.main()\n"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=err,
        )
        assert proc.stdin is not None and proc.stdout is not None
        watchdog = threading.Timer(120, proc.kill)  # a hang fails the test, never the run
        watchdog.start()
        try:
            proc.stdin.write(pickle.dumps(params))  # stdin stays open: the reader ends at EOF
            proc.stdin.flush()
            out = proc.stdout.read()
            proc.stdin.close()
            code = proc.wait()
        finally:
            watchdog.cancel()
        err.seek(0)
        return subprocess.CompletedProcess(proc.args, code, out, err.read())


def test_a_writer_that_fails_ends_the_reader_it_does_not_hang(big_file):
    """Found in review: any exception but an OSError in the writer thread (struct.error for
    a frame of 4 GiB, MemoryError) ended the thread silently, and the import waited forever."""
    boot = "import struct, mediate.intake.worker as w\nw._FRAME = struct.Struct('<H')\n"
    done = _run_reader(boot, big_file)
    assert done.returncode == 1
    assert b"struct.error" in done.stderr


def test_a_batch_larger_than_a_frame_goes_in_parts(big_file):
    boot = "import mediate.intake.worker as w\nw.MAX_FRAME_BYTES = 50_000\n"
    done = _run_reader(boot, big_file)
    assert done.returncode == 0, done.stderr
    frames, at = [], 0
    while at < len(done.stdout):
        (size,) = worker._FRAME.unpack_from(done.stdout, at)
        frames.append(size)
        at += worker._FRAME.size + size
    assert len(frames) > 3 and max(frames[1:-1]) < 50_000 * 2


def test_the_reader_is_not_given_the_database_or_its_passwords(monkeypatch):
    """Found in review: the reader process had the whole environment (MEDIATE_DB,
    PGPASSWORD…) though it reads one file and is told all else."""
    monkeypatch.setenv("MEDIATE_DB", "postgresql://clerk:secret@db/mediate")
    monkeypatch.setenv("PGPASSWORD", "secret")
    monkeypatch.setenv("LC_MESSAGES", "zh_CN.UTF-8")
    boot = (  # a reader that says what it was given, in a frame
        "import os, pickle, struct, sys\n"
        "data = pickle.dumps(('sheet', dict(os.environ)))\n"
        "sys.stdout.buffer.write(struct.pack('<I', len(data)) + data)\n"
    )
    monkeypatch.setattr(worker, "_BOOT", boot)
    reader = worker.ReaderProcess({})
    try:
        kind, given = reader._receive()
    finally:
        reader.close()
    assert kind == "sheet"
    assert "MEDIATE_DB" not in given and "PGPASSWORD" not in given
    assert given["LC_MESSAGES"] == "zh_CN.UTF-8" and given.get("PATH") == os.environ.get("PATH")


def test_a_stray_print_in_the_reader_does_not_break_its_messages(big_file):
    boot = (
        "import os, mediate.intake.worker as w\n"
        "serve = w._serve\n"
        "def noisy(params, send):\n"
        "    print('stray print', flush=True)\n"
        "    os.write(1, b'stray write')\n"
        "    serve(params, send)\n"
        "w._serve = noisy\n"
    )
    done = _run_reader(boot, big_file)
    assert done.returncode == 0, done.stderr
    assert b"stray print" in done.stderr and b"stray write" in done.stderr
    kinds, at = [], 0
    while at < len(done.stdout):
        (size,) = worker._FRAME.unpack_from(done.stdout, at)
        body = done.stdout[at + worker._FRAME.size : at + worker._FRAME.size + size]
        kinds.append(pickle.loads(body)[0])
        at += worker._FRAME.size + size
    assert kinds[0] == "sheet" and kinds[-1] == "end" and set(kinds[1:-1]) == {"rows"}
