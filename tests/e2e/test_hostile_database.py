"""Issue #12, item 7: locks and broken databases end in a sentence (exit 1), never in
"unexpected error"; reads create nothing; a killed import does not stay `running`."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from mediate.store.engine import make_engine
from tests.conftest import _fresh_pg_database, pg_unavailable_reason

DISPUTE = Path(__file__).resolve().parents[2] / "data" / "samples" / "disputes" / "finance.yaml"
HEADER = "案号,案由,标的额,来源,收案日期,纠纷发生地,申请人,申请人类型,被申请人,被申请人类型"


def said(result) -> str:
    """stderr with the console's line wrapping undone."""
    return " ".join(result.stderr.split())


def referrals(path: Path, first: int, count: int) -> Path:
    rows = [
        f"(2026)豫0802民初{n}号,民间借贷纠纷,5000,自行受理,2026-11-02,410802009901,"
        f"张{n},自然人,李{n},自然人"
        for n in range(first, first + count)
    ]
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def sqlite_file(cli, tmp_path):
    path = tmp_path / "mediate.db"
    assert cli(["--db", str(path), "init"]).exit_code == 0
    return path


def test_a_held_sqlite_write_lock_is_a_sentence_not_an_unexpected_error(
    cli, sqlite_file, monkeypatch
):
    monkeypatch.setenv("MEDIATE_LOCK_TIMEOUT", "0.2")
    holder = sqlite3.connect(sqlite_file)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = cli(["--db", str(sqlite_file), "case", "add", "--file", str(DISPUTE)])
    finally:
        holder.rollback()
        holder.close()
    assert result.exit_code == 1, result.output
    assert "is locked: another mediate (or another program) is writing" in said(result)
    assert "MEDIATE_LOCK_TIMEOUT" in said(result)


def test_a_lock_timeout_that_is_not_a_number_is_a_config_error(cli, sqlite_file, monkeypatch):
    monkeypatch.setenv("MEDIATE_LOCK_TIMEOUT", "soon")
    result = cli(["--db", str(sqlite_file), "case", "list"])
    assert result.exit_code == 1
    assert "lock_timeout (MEDIATE_LOCK_TIMEOUT) must be a number of seconds" in said(result)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(os.urandom(8192), id="random-bytes"),
        pytest.param(b"SQLite format 3\x00", id="header-only"),
    ],
)
def test_a_file_that_is_no_database_is_a_sentence(cli, tmp_path, content):
    path = tmp_path / "mediate.db"
    path.write_bytes(content)
    for args in (["case", "list"], ["init"]):
        result = cli(["--db", str(path), *args])
        assert result.exit_code == 1, result.output
        assert "is not a mediate database, or it is damaged" in said(result)
    assert path.read_bytes() == content


def test_a_damaged_database_is_a_sentence(cli, sqlite_file):
    with sqlite3.connect(sqlite_file) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(sqlite_file.read_bytes())
    page = 4096
    data[page:] = b"\xa5" * (len(data) - page)  # every page after the schema: no valid page type
    sqlite_file.write_bytes(bytes(data))
    result = cli(["--db", str(sqlite_file), "case", "list"])
    assert result.exit_code == 1, result.output
    assert "is not a mediate database, or it is damaged" in said(result)


def test_init_refuses_a_sqlite_file_holding_someone_elses_tables(cli, tmp_path):
    path = tmp_path / "accounts.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE ledger (id INTEGER PRIMARY KEY, amount INTEGER)")
    result = cli(["--db", str(path), "init"])
    assert result.exit_code == 1, result.output
    assert "already holds tables that are not mediate's (ledger)" in said(result)
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    assert tables == ["ledger"]


@pytest.mark.parametrize("args", [["case", "list"], ["report", "funnel"], ["case", "show", "1"]])
def test_a_read_creates_no_database_file(cli, tmp_path, args):
    path = tmp_path / "nowhere" / "mediate.db"
    result = cli(["--db", str(path), *args])
    assert result.exit_code == 1, result.output
    assert "does not exist: run `mediate init` first" in said(result)
    assert not path.exists()
    assert not path.parent.exists()


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql+psycopg://clerk:s3cr3t@db.example/mediate", "clerk:***@db.example"),
        ("postgresql://clerk:p@ss/w0rd@db.example:5432/m", "clerk:***@"),
        ("postgresql://db.example/m?user=x&password=s3cr3t", "password=***"),
    ],
)
def test_config_show_never_prints_a_password(cli, monkeypatch, url, shown):
    monkeypatch.setenv("MEDIATE_DB", url)
    table = cli(["config", "show"])
    as_json = cli(["--json", "config", "show"])
    assert table.exit_code == as_json.exit_code == 0
    value = json.loads(as_json.stdout)["settings"]["db"]["value"]
    assert shown in value
    for output in (table.stdout, as_json.stdout):
        assert "s3cr3t" not in output and "p@ss" not in output


def test_bidi_controls_never_reach_a_file_name():
    from mediate.documents.render import safe_filename

    controls = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
    name = safe_filename(7, "调解协议书", f"张三\u202excod.exe{controls}")
    assert not set(name) & set(controls)
    assert name == "7-调解协议书-张三_xcod.exe.docx"


# --- a batch whose import was killed ----------------------------------------------------

_HOLD = """
import sys, time
from mediate.store.batchlock import BatchLock
from mediate.store.engine import make_engine
lock = BatchLock(make_engine(sys.argv[1]), int(sys.argv[2]))
print("held", flush=True)
time.sleep(600)
"""


def _running_batch(url: str) -> int:
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO import_batches (file_name, file_sha256, clerk, started_at, "
                "rows_total, imported, duplicates, rejected, status) VALUES "
                "('killed.csv', 'x', '测试书记员', CURRENT_TIMESTAMP, 0, 0, 0, 0, 'running')"
            )
        )
        batch = conn.execute(text("SELECT max(id) FROM import_batches")).scalar_one()
    engine.dispose()
    return int(batch)


def _status(url: str, batch: int) -> str:
    engine = make_engine(url)
    with engine.connect() as conn:
        status = conn.execute(
            text("SELECT status FROM import_batches WHERE id = :b"), {"b": batch}
        ).scalar_one()
    engine.dispose()
    return str(status)


def _killed_import_then_another(cli, url: str, tmp_path: Path) -> tuple[int, int, object]:
    """Batch `killed` was held by a process killed with SIGKILL; batch `alive` is held by
    a live one; then another file is imported."""
    killed, alive = _running_batch(url), _running_batch(url)
    processes = []
    for batch in (killed, alive):
        process = subprocess.Popen(
            [sys.executable, "-c", _HOLD, url, str(batch)], stdout=subprocess.PIPE, text=True
        )
        assert process.stdout is not None and process.stdout.readline().strip() == "held"
        processes.append(process)
    try:
        processes[0].send_signal(signal.SIGKILL)
        processes[0].wait()
        result = cli(["--db", url, "import", str(referrals(tmp_path / "next.csv", 1, 2))])
        return killed, alive, result
    finally:
        processes[1].kill()
        processes[1].wait()


def test_a_killed_import_does_not_stay_running_forever_sqlite(cli, sqlite_file, tmp_path):
    url = f"sqlite:///{sqlite_file}"
    killed, alive, result = _killed_import_then_another(cli, url, tmp_path)
    assert result.exit_code == 0, result.output
    assert f"Import batch {killed} (killed.csv" in said(result)
    assert (_status(url, killed), _status(url, alive)) == ("interrupted", "running")


@pytest.mark.pg
def test_a_killed_import_does_not_stay_running_forever_postgresql(cli, tmp_path):
    reason = pg_unavailable_reason()
    if reason:
        pytest.skip(reason)
    for url in _fresh_pg_database():
        assert cli(["--db", url, "init"]).exit_code == 0
        killed, alive, result = _killed_import_then_another(cli, url, tmp_path)
        assert result.exit_code == 0, result.output
        assert (_status(url, killed), _status(url, alive)) == ("interrupted", "running")


@pytest.mark.pg
def test_a_held_postgresql_row_lock_says_what_waits(cli, monkeypatch):
    reason = pg_unavailable_reason()
    if reason:
        pytest.skip(reason)
    monkeypatch.setenv("MEDIATE_LOCK_TIMEOUT", "0.5")
    for url in _fresh_pg_database():
        assert cli(["--db", url, "init"]).exit_code == 0
        assert cli(["--db", url, "case", "add", "--file", str(DISPUTE)]).exit_code == 0
        engine = make_engine(url)
        with engine.connect() as holder:
            holder.execute(text("SELECT id FROM cases WHERE id = 1 FOR UPDATE"))
            result = cli(["--db", url, "outcome", "1", "withdrawn", "--reason", "撤回"])
            holder.rollback()
        engine.dispose()
        assert result.exit_code == 1, result.output
        assert "Gave up waiting for a lock on cases" in said(result)


def test_a_file_that_is_no_database_is_said_in_chinese_with_its_plain_path(tmp_path):
    """`--db g.db` on a text file said "(file is not a database)" and a sqlite:////… URL."""
    path = tmp_path / "g.db"
    path.write_text("hello\n", encoding="utf-8")
    env = {**os.environ, "MEDIATE_LANG": "zh", "MEDIATE_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        [sys.executable, "-m", "mediate", "--db", str(path), "case", "list"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    message = " ".join(result.stderr.split())
    assert result.returncode == 1, message
    assert f"{path} 不是 mediate 数据库，或已损坏（该文件不是数据库）" in message
    assert "sqlite:" not in message and "file is not a database" not in message


# Review of 2026-12-03: the admin check of `init` and `db upgrade` (services/access.py,
# `require_database_admin`) opened the database before the usual error mapping, and a
# database that could not be opened was "unexpected error", exit 3.
@pytest.mark.parametrize("args", [["init"], ["db", "upgrade"]], ids=["init", "db-upgrade"])
def test_init_on_a_folder_is_a_sentence_not_an_unexpected_error(cli, tmp_path, args):
    result = cli(["--db", str(tmp_path), *args])
    assert result.exit_code == 1, result.output
    assert "the file cannot be opened (a folder" in said(result)


@pytest.mark.parametrize("args", [["init"], ["db", "upgrade"]], ids=["init", "db-upgrade"])
def test_init_with_no_server_at_the_port_is_a_sentence_not_an_unexpected_error(cli, args):
    pytest.importorskip("psycopg")
    result = cli(["--db", "postgresql+psycopg://postgres@127.0.0.1:1/test", *args])
    assert result.exit_code == 1, result.output
    assert "no database server answers at that address and port" in said(result)


@pytest.mark.parametrize("args", [["init"], ["db", "upgrade"]], ids=["init", "db-upgrade"])
def test_init_of_a_database_not_created_yet_says_create_it_first(cli, args):
    reason = pg_unavailable_reason()
    if reason:
        pytest.skip(reason)
    from sqlalchemy.engine import make_url

    from tests.conftest import pg_name_prefix, pg_url

    name = f"{pg_name_prefix('mediate_t_')}nosuchdb"
    url = make_url(pg_url()).set(database=name).render_as_string(hide_password=False)
    result = cli(["--db", url, *args])
    assert result.exit_code == 1, result.output
    assert f"the server has no database {name}: create it first (createdb {name})" in said(result)


def test_the_restore_a_damaged_database_recommends_replaces_it_with_force(
    cli, sqlite_file, tmp_path
):
    """Review of 2026-12-03: the sentence for a damaged database says `mediate db restore`,
    and `db restore --force` then refused it as "not a SQLite database"."""
    backup = tmp_path / "bk.db"
    assert cli(["--db", str(sqlite_file), "db", "backup", str(backup)]).exit_code == 0
    with sqlite3.connect(sqlite_file) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(sqlite_file.read_bytes())
    data[4096:] = b"\xa5" * (len(data) - 4096)
    sqlite_file.write_bytes(bytes(data))
    result = cli(["--db", str(sqlite_file), "case", "list"])
    assert result.exit_code == 1 and "`mediate db restore`" in said(result), result.output
    result = cli(["--db", str(sqlite_file), "db", "restore", str(backup)])
    assert result.exit_code == 1, result.output
    assert "is damaged (the file is damaged); give --force" in said(result)
    result = cli(["--db", str(sqlite_file), "db", "restore", str(backup), "--force"])
    assert result.exit_code == 0, result.output
    assert f"kept as {sqlite_file}.damaged" in "".join(result.stderr.split("\n"))
    assert (tmp_path / "mediate.db.damaged").read_bytes() == bytes(data)
    assert cli(["--db", str(sqlite_file), "case", "list"]).exit_code == 0


def test_a_database_failing_its_integrity_check_is_set_aside_not_overwritten(
    cli, sqlite_file, tmp_path
):
    """It opens and its register reads, but PRAGMA integrity_check finds an index that
    disagrees with its table: damaged, as an unreadable one is (kept as NAME.damaged)."""
    backup = tmp_path / "bk.db"
    assert cli(["--db", str(sqlite_file), "db", "backup", str(backup)]).exit_code == 0
    with sqlite3.connect(sqlite_file) as conn:
        conn.execute("PRAGMA writable_schema=ON")
        conn.execute(
            "UPDATE sqlite_master SET sql = 'CREATE INDEX ix_orgs_kind ON orgs (name)' "
            "WHERE name = 'ix_orgs_kind'"
        )
    damaged = sqlite_file.read_bytes()
    zh = {"MEDIATE_LANG": "zh", "COLUMNS": "80"}
    result = cli(["--db", str(sqlite_file), "db", "restore", str(backup)], env=zh)
    assert result.exit_code == 1, result.output
    assert "完整性检查未通过" in "".join(result.stderr.split()), result.stderr
    result = cli(["--db", str(sqlite_file), "db", "restore", str(backup), "--force"], env=zh)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "mediate.db.damaged").read_bytes() == damaged
    assert cli(["--db", str(sqlite_file), "case", "list"]).exit_code == 0


def test_json_escapes_the_bidi_controls_of_stored_text_and_keeps_the_text(cli, sqlite_file):
    """A name stored before intake refused U+202E: `--json` keeps it (a JSON reader gets
    the same text) as its escape, so no raw control reaches the terminal."""
    import json

    db = ["--db", str(sqlite_file)]
    args = ["--cause", "民间借贷纠纷", "--applicant", "张三", "--respondent", "李四", "--yes"]
    assert cli([*db, "case", "new", *args]).exit_code == 0
    stored = "李四\u202excod.exe\u200b"
    with sqlite3.connect(sqlite_file) as conn:
        conn.execute("UPDATE parties SET name = ? WHERE name = '李四'", (stored,))
    for command in (["case", "show", "1"], ["case", "list"]):
        result = cli([*db, "--json", *command], env={"MEDIATE_LANG": "zh"})
        assert result.exit_code == 0, result.output
        assert "\u202e" not in result.stdout and "\u200b" not in result.stdout
        assert "\\u202e" in result.stdout and "张三" in result.stdout
    parties = json.loads(cli([*db, "--json", "case", "show", "1"]).stdout)["parties"]
    assert stored in [p["name"] for p in parties]
