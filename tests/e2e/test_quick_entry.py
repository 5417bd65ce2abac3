"""The light entry (mediate/quick.py) answers exactly as the full Typer app: the same
stdout, stderr and exit code for a broad set of invocations, and its option spec is the
one read off the Typer app now."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from mediate import clock, console
from mediate.services.demo import run_demo
from tests.conftest import Result

ROOT = Path(__file__).resolve().parents[2]


def test_the_light_entry_spec_is_the_one_read_off_the_typer_app_now():
    import os
    import subprocess

    tool = str(ROOT / "tools" / "make_quickspec.py")
    code = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('t', {tool!r})\n"
        "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)\n"
        "sys.stdout.write(m.source())\n"
    )
    env = {**os.environ, "MEDIATE_LANG": "en"}
    made = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    written = (ROOT / "mediate" / "quickspec.py").read_text(encoding="utf-8")
    assert written == made.stdout, "run MEDIATE_LANG=en python tools/make_quickspec.py"


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("columns", ["40", "80", "132"])
def test_mediate_help_is_the_full_apps_page(language, columns):
    import os
    import subprocess

    env = {**os.environ, "MEDIATE_LANG": language, "COLUMNS": columns}
    pages = [
        subprocess.run(
            [sys.executable, "-c", f"import sys; from mediate.{module} import run; "
             "sys.exit(run(['--help']))"],
            capture_output=True, text=True, env=env, check=False,
        )
        for module in ("quick", "typer_app")
    ]  # fmt: skip
    light, full = ((p.returncode, p.stdout, p.stderr) for p in pages)
    assert light == full
    assert light[0] == 0 and "mediate" in light[1]


def test_every_option_of_the_quick_commands_is_in_the_spec():
    import typer

    from mediate.quickspec import SPEC
    from mediate.typer_app import app

    root = typer.main.get_command(app)
    for path, spec in SPEC["commands"].items():
        command = root
        for name in path.split():
            command = command.commands[name]
        opts = {o for p in command.params for o in [*p.opts, *p.secondary_opts] if "-" in o[0]}
        assert opts == set(spec["options"]), path


def _run(entry, args: list[str], env: dict[str, str]) -> Result | None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    with CliRunner().isolation(env=env) as streams:
        console.reset(width=80)
        code = entry(args)
        if code is None:
            return None
        return Result(code, streams[0].getvalue().decode(), streams[1].getvalue().decode())


def _both(args: list[str], env: dict[str, str]) -> tuple[Result | None, Result]:
    from mediate.quick import run as light
    from mediate.typer_app import run as full

    return _run(light, args, env), _run(full, args, env)  # type: ignore[return-value]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = run_demo(tmp_path_factory.mktemp("demo"), "演示管理员", lambda _line: None)
    return result.database


READS = [
    ["case", "show", "1"],
    ["case", "show", "3", "--json"],
    ["--json", "case", "show", "2"],
    ["case", "show", "（2026）豫0802民初401号"],
    ["case", "show", "(2026)豫0802民初402号"],
    ["case", "show", "999"],
    ["case", "show", "不是案号"],
    ["case", "list"],
    ["case", "list", "--json"],
    ["case", "list", "--limit", "3", "--offset", "2"],
    ["case", "list", "--limit=2"],
    ["case", "list", "--status", "已调解成功", "--status", "failed"],
    ["case", "list", "--overdue"],
    ["case", "list", "--due-within", "30", "--json"],
    ["case", "list", "--county", "解放区", "--source", "委托"],
    ["case", "list", "--cause", "纠纷", "--from", "2026-01-01", "--to", "2026年12月31日"],
    ["case", "list", "--from", "not a date"],
    ["case", "list", "--party", "张", "--mediator", "刘"],
    ["case", "list", "--body", "金融"],
    ["case", "list", "--body", "no such body"],
    ["case", "list", "--csv"],
    ["case", "list", "--offset", "500"],
    ["case", "find", "张伟"],
    ["case", "find", "1015", "--json"],
    ["case", "find", "401"],
    ["case", "find", "无此人"],
    ["today"],
    ["today", "--within", "30"],
    ["--json", "today"],
    ["org", "list"],
    ["org", "list", "--kind", "professional", "--county", "410802"],
    ["org", "list", "--county", "解放区", "--json"],
    ["org", "list", "--search", "金融", "--field", "finance"],
]
#: Text the light entry leaves to commands.common.screened (both must still print the same).
SCREENED = [
    ["case", "list", "--party", "张\x07"],  # a control character: a usage error
    ["case", "list", "--cause", "纠" * 101],  # longer than cases.cause holds
    ["case", "list", "--party", "'张"],  # a quoted would-be formula: screen_text unquotes
]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_light_and_the_full_entry_print_the_same(demo_db, tmp_path, language):
    db = tmp_path / "copy.db"
    shutil.copy(demo_db, db)
    env = {"MEDIATE_LANG": language, "MEDIATE_DB": str(db), "MEDIATE_CLERK": "演示管理员"}
    taken = 0
    for args in [*READS, *SCREENED]:
        light, full = _both(args, env)
        if light is None:
            continue
        taken += 1
        assert (light.exit_code, light.stdout, light.stderr) == (
            full.exit_code,
            full.stdout,
            full.stderr,
        ), args
    assert taken >= len(READS) - 2  # the light entry took (nearly) all of them


def test_today_with_a_session_prints_alike_on_both_entries(demo_db, tmp_path):
    """A session's row has no case number or body (it crashed `today` with a KeyError)."""
    from tests.conftest import invoke

    db = tmp_path / "copy.db"
    shutil.copy(demo_db, db)
    at = ["--db", str(db), "--clerk", "演示管理员"]
    # the demo's today (the suite's fixed day, conftest): never before the case was received
    day = clock.today().isoformat()
    made = invoke([*at, "session", "25", "--at", f"{day} 15:00", "--place", "第一调解室"])
    assert made.exit_code == 0, made.output
    env = {"MEDIATE_LANG": "zh", "MEDIATE_DB": str(db), "MEDIATE_CLERK": "演示管理员"}
    light, full = _both(["today"], env)
    assert light is not None
    assert (light.exit_code, light.stdout, light.stderr) == (
        full.exit_code,
        full.stdout,
        full.stderr,
    )
    # (at 80 columns the place may wrap inside its cell: the row's data read whole in JSON)
    assert light.exit_code == 0 and "第一调" in light.stdout
    light_json, full_json = _both(["--json", "today"], env)
    assert light_json is not None and light_json == full_json
    places = [s["place"] for s in json.loads(full_json.stdout)["sessions"]]
    assert "第一调解室" in places


def test_a_clerk_sees_only_their_body_on_both_entries(demo_db, tmp_path):
    from mediate.cli import run
    from tests.conftest import invoke

    db = tmp_path / "copy.db"
    shutil.copy(demo_db, db)
    admin = ["--db", str(db), "--clerk", "管理员"]
    assert invoke([*admin, "clerk", "add", "管理员", "--role", "admin"]).exit_code == 0
    body = "jz-410800-finance"
    assert invoke([*admin, "clerk", "add", "李书记员", "--org", body]).exit_code == 0
    env = {"MEDIATE_LANG": "zh", "MEDIATE_DB": str(db), "MEDIATE_CLERK": "李书记员"}
    for args in [["case", "list", "--json"], ["case", "show", "3"], ["today"],
                 ["case", "find", "张"], ["--clerk", "无名氏", "case", "list"]]:  # fmt: skip
        light, full = _both(args, env)
        assert light is not None, args
        assert (light.exit_code, light.stdout, light.stderr) == (
            full.exit_code,
            full.stdout,
            full.stderr,
        ), args
    listed = _run(run, ["--json", "case", "list"], env)
    assert listed is not None and listed.exit_code == 0
    assert '"org_id": "jz-410800-finance"' in listed.stdout
    assert '"org_id": "jz-410802' not in listed.stdout


def test_an_empty_or_missing_database_reads_alike(tmp_path):
    from tests.conftest import invoke

    empty = tmp_path / "empty.db"
    assert invoke(["--db", str(empty), "init"]).exit_code == 0
    for db in (empty, tmp_path / "missing.db"):
        env = {"MEDIATE_LANG": "en", "MEDIATE_DB": str(db)}
        for args in (["case", "list"], ["case", "show", "1"], ["today", "--json"], ["org", "list"]):
            light, full = _both(args, env)
            if light is None:
                assert db.name == "missing.db"  # the full path says it does not exist
                assert full.exit_code == 1
                continue
            assert (light.exit_code, light.stdout, light.stderr) == (
                full.exit_code,
                full.stdout,
                full.stderr,
            ), (db.name, args)
    assert not (tmp_path / "missing.db").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["case", "show"],
        ["case", "show", "1", "2"],
        ["case", "show", "1", "--help"],
        ["case", "list", "--limit", "0"],
        ["case", "list", "--limit", "x"],
        ["case", "list", "--status", "nonsense"],
        ["case", "list", "--nonsense"],
        ["case", "show", "1", "--reveal"],
        ["case", "list", "--db", "x.db"],
        ["today", "--within", "-1"],
        ["org", "list", "--kind", "nonsense"],
        ["--help"],
        ["case"],
        ["case", "history", "1"],
    ],
)
def test_help_usage_errors_and_writes_go_to_the_full_app(args):
    from mediate.quick import parse

    assert parse(args) is None


#: The everyday reads of issue 19 item 1, as a clerk types them (a table, or --json).
EVERYDAY = [
    ["case", "show", "1"],
    ["--json", "case", "show", "1"],
    ["case", "list"],
    ["case", "list", "--json"],
    ["case", "find", "张"],
    ["today"],
    ["org", "list"],
    ["org", "list", "--json"],
]
#: What the everyday reads never import: the full app's frameworks (SQLAlchemy, SQLModel,
#: pydantic, Typer, rich: a table is drawn by plaintable), the YAML loader, and mediate's
#: own modules that compile many patterns or build many classes at import (the intake
#: parsers and case-number shapes, the confirmation rules, the dataclasses of
#: `domain/model.py`: the reads take its kinds from `domain/kinds.py`) or that only a
#: write needs.
NEVER_ON_THE_LIGHT_READS = {
    "packages": ("sqlalchemy", "sqlmodel", "pydantic", "typer", "click", "rich", "yaml"),
    "modules": (
        "mediate.typer_app",
        "mediate.domain.confirmation",
        "mediate.domain.case_numbers",
        "mediate.domain.model",
        "mediate.intake.values",
        "mediate.intake.validate",
        "mediate.routing.network",
        "mediate.safeyaml",
        "mediate.files",
        "mediate.store.uow",
        "mediate.store.tables",
    ),
}


def _light_child(code: str, demo_db: Path, language: str) -> str:
    """What `code` prints, run in a fresh interpreter at `language` on the demo database."""
    import subprocess

    env = {
        "MEDIATE_DB": str(demo_db),
        "PATH": "/usr/bin:/bin",
        "MEDIATE_HOME": str(demo_db.parent),
        "MEDIATE_LANG": language,
        "COLUMNS": "80",
    }
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_the_light_entry_imports_no_sqlalchemy_sqlmodel_pydantic_or_typer(demo_db):
    code = (
        "import sys\n"
        "from mediate.cli import run\n"
        "for args in (['case', 'show', '1'], ['case', 'list'], ['today'], ['org', 'list'],"
        " ['case', 'find', '张'], ['report', 'funnel'], ['--json', 'report', 'funnel']):\n"
        "    assert run(args) == 0, args\n"
        "heavy = sorted(m for m in sys.modules"
        " if m.split('.')[0] in ('sqlalchemy', 'sqlmodel', 'pydantic', 'typer'))\n"
        "print(heavy)\n"
    )
    assert _light_child(code, demo_db, "en") == "[]"


@pytest.fixture(scope="module")
def warm_db(demo_db: Path) -> Path:
    """The demo database once every everyday read has run on it in both languages: the
    first makes the small copies of names (`mediate.namecache`) from the network's YAML."""
    code = f"from mediate.cli import run\nfor args in {EVERYDAY!r}:\n    run(args)\nprint()\n"
    for language in ("en", "zh"):
        _light_child(code, demo_db, language)
    return demo_db


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("args", EVERYDAY, ids=" ".join)
def test_an_everyday_read_imports_nothing_heavy(warm_db, language, args):
    """Issue 19 item 1: each everyday read, alone in its process, loads none of
    `NEVER_ON_THE_LIGHT_READS` (its start-up regressed as modules it imported compiled
    patterns and built classes it did not need)."""
    never = NEVER_ON_THE_LIGHT_READS
    code = (
        "import sys\n"
        "from mediate.cli import run\n"
        f"assert run({args!r}) == 0\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {never['packages']!r}"
        f" or m in {never['modules']!r}))\n"
    )
    assert _light_child(code, warm_db, language) == "[]"


def test_mediate_help_needs_no_class_or_source_introspection(warm_db):
    """`mediate --help` prints from the spec and the registry: no dataclasses (whose import
    brings `inspect`, and with it `ast`, `dis`, `tokenize`), no JSON, no database driver."""
    code = (
        "import sys\n"
        "from mediate.cli import run\n"
        "assert run(['--help']) == 0\n"
        "print(sorted(m for m in ('inspect', 'dataclasses', 'json', 'sqlite3', 'zoneinfo')"
        " if m in sys.modules))\n"
    )
    for language in ("en", "zh"):
        assert _light_child(code, warm_db, language) == "[]"


def test_no_module_of_the_everyday_reads_compiles_a_pattern_at_import(warm_db):
    """The house rule for the light path (PROTOCOL: no module-level regex compiles in the
    modules it imports): every mediate module the everyday reads and `mediate --help`
    load compiles its patterns when they are first used, never at import. Each `re.compile`
    made by a module's top-level code while it loads is named here."""
    code = (
        "import re, sys\n"
        "compile, found = re.compile, []\n"
        "def spy(*args, **kwargs):\n"
        "    caller = sys._getframe(1)\n"
        "    name = caller.f_globals.get('__name__', '')\n"
        "    if caller.f_code.co_name == '<module>' and name.startswith('mediate'):\n"
        "        found.append(f'{name}:{caller.f_lineno}')\n"
        "    return compile(*args, **kwargs)\n"
        "re.compile = spy\n"
        "from mediate.cli import run\n"
        f"for args in {[*EVERYDAY, ['--help']]!r}:\n"
        "    assert run(args) == 0, args\n"
        "print(sorted(set(found)))\n"
    )
    assert _light_child(code, warm_db, "zh") == "[]"


def test_case_show_prints_titles_and_places_without_the_yaml_loader(demo_db):
    """Issue 19 item 1: the route's title and the place's name come from the small copies
    of `mediate.namecache` once they are made: no PyYAML, no safeyaml, no network."""
    import subprocess

    code = (
        "import sys\n"
        "from mediate.cli import run\n"
        "assert run(['case', 'show', '1']) == 0\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'yaml'"
        " or m in ('mediate.safeyaml', 'mediate.routing.network', 'hashlib'))\n"
        "print(loaded)\n"
    )
    env = {
        "MEDIATE_DB": str(demo_db),
        "PATH": "/usr/bin:/bin",
        "MEDIATE_HOME": str(demo_db.parent),
        "MEDIATE_LANG": "zh",
        "COLUMNS": "200",
    }
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
        )
        for _ in range(2)  # the first may make the copies
    ]
    assert all(done.returncode == 0 for done in runs), runs[0].stderr
    for done in runs:
        assert "焦作市解放区王褚街道（410802009）" in done.stdout, done.stdout
        assert "金融纠纷（finance）" in done.stderr, done.stderr
    assert runs[1].stdout.strip().splitlines()[-1] == "[]"


def test_both_entries_print_the_same_on_each_backend(initialised):
    """On PostgreSQL too (psycopg, no SQLAlchemy) the light entry answers, alike."""
    from tests.conftest import invoke

    sample = ROOT / "data" / "samples" / "disputes" / "finance.yaml"
    added = invoke(["--db", initialised.url, "case", "add", "--file", str(sample)])
    assert added.exit_code == 0, added.output
    env = {"MEDIATE_LANG": "zh", "MEDIATE_DB": initialised.url}
    for args in (
        ["case", "show", "1"],
        ["case", "list", "--json"],
        ["case", "list"],
        ["case", "find", "银行"],
        ["today", "--json"],
        ["org", "list", "--kind", "finance_committee"],
        ["case", "show", "99"],
    ):
        light, full = _both(args, env)
        assert light is not None, (initialised.backend, args)
        assert (light.exit_code, light.stdout, light.stderr) == (
            full.exit_code,
            full.stdout,
            full.stderr,
        ), (initialised.backend, args)


def _batch_on_both(demo_db: Path, tmp_path: Path, args: list[str], language: str) -> None:
    """`doc batch ARGS -o OUT` by each entry on its own copy of the demo database (the
    clock held still): the same exit code, output, files and stored rows."""
    import sqlite3
    from contextlib import closing

    out = tmp_path / "out"
    seen = {}
    for name in ("light", "full"):
        copy = tmp_path / f"{name}-{len(list(tmp_path.glob('*.db')))}.db"  # a fresh file
        shutil.copyfile(demo_db, copy)
        shutil.rmtree(out, ignore_errors=True)
        env = {"MEDIATE_LANG": language, "MEDIATE_DB": str(copy)}
        if name == "light":
            from mediate.quick import run as entry
        else:
            from mediate.typer_app import run as entry
        result = _run(entry, [*args, "-o", str(out)], env)
        assert result is not None, args  # the light entry took it
        with closing(sqlite3.connect(copy)) as connection:
            rows = [
                connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
                for table in ("documents", "events")
            ]
        files = {p.name: p.read_bytes() for p in out.iterdir()} if out.exists() else {}
        seen[name] = (result.exit_code, result.stdout, result.stderr, files, rows)
    assert seen["light"] == seen["full"], args


DOC_BATCHES = [
    ["doc", "batch", "agreement"],
    ["--json", "doc", "batch", "application", "--workers", "1", "--date", "2026-11-20"],
    ["doc", "batch", "司法确认申请书", "--filter", "status=调解成功"],
    ["doc", "batch", "agreement", "--filter", "status=confirmed"],  # not a case status
    ["doc", "batch", "agreement", "--filter", "org=nobody"],
    ["doc", "batch", "termination", "--filter", "result=failed", "--json"],
    ["doc", "batch", "agreement", "--filter", "colour=red"],
    ["doc", "batch", "agreement", "--date", "yesterday"],
    ["--json", "doc", "batch", "credit_notice"],  # the credit decision's events
    ["--json", "doc", "batch", "notice"],  # each case's next session
]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_doc_batch_writes_and_prints_alike_on_both_entries(
    demo_db, tmp_path, language, monkeypatch
):
    from mediate import clock

    still = clock.now()
    monkeypatch.setattr(clock, "now", lambda: still)
    for args in DOC_BATCHES:
        _batch_on_both(demo_db, tmp_path, args, language)


def test_doc_batch_leaves_to_the_full_app_what_its_store_does_not_take(demo_db, tmp_path):
    from mediate.quick import parse, run

    copy = tmp_path / "copy.db"
    shutil.copyfile(demo_db, copy)
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    out = str(tmp_path / "out")
    for args in (
        ["doc", "batch", "agreement", "--pdf", "-o", out],  # LibreOffice
        ["doc", "batch", "agreement", "--workers", "0", "-o", out],
        ["doc", "batch", "-o", out],
        ["doc", "batch", "agreement", "-o", str(a_file)],  # the option's callback says why
        ["doc", "batch", "agreement", "-o", str(a_file / "under")],
    ):
        assert parse(args) is None, args
    env = {"MEDIATE_LANG": "en", "MEDIATE_DB": str(copy)}
    for args in (
        ["doc", "batch", "nonsense", "-o", out],
        ["--db", str(tmp_path / "missing.db"), "doc", "batch", "agreement", "-o", out],
    ):
        assert _run(run, args, env) is None, args
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / "missing.db").exists()


def test_doc_batch_on_the_light_entry_imports_no_sqlalchemy_or_typer(demo_db, tmp_path):
    import subprocess

    copy = tmp_path / "copy.db"
    shutil.copyfile(demo_db, copy)
    code = (
        "import sys\n"
        "from mediate.cli import run\n"
        f"assert run(['doc', 'batch', 'agreement', '-o', {str(tmp_path / 'out')!r}]) in (0, 1)\n"
        "heavy = sorted(m for m in sys.modules"
        " if m.split('.')[0] in ('sqlalchemy', 'sqlmodel', 'pydantic', 'typer'))\n"
        "print(heavy)\n"
    )
    env = {"MEDIATE_DB": str(copy), "PATH": "/usr/bin:/bin", "MEDIATE_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert list((tmp_path / "out").glob("*.docx"))


def _counted_batches(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many batches began (`render_batch` calls) and progress displays opened."""
    from mediate.services import docbatch

    counts = {"batches": 0, "progress": 0}
    real_batch, real_progress = docbatch.render_batch, console.progress

    def batch(*args: Any, **kwargs: Any) -> Any:
        counts["batches"] += 1
        return real_batch(*args, **kwargs)

    def progress(*args: Any, **kwargs: Any) -> Any:
        counts["progress"] += 1
        return real_progress(*args, **kwargs)

    monkeypatch.setattr(docbatch, "render_batch", batch)
    monkeypatch.setattr(console, "progress", progress)
    return counts


@pytest.mark.parametrize("language", ["en", "zh"])
def test_doc_batch_on_a_locked_database_waits_once_and_says_so(
    demo_db, tmp_path, monkeypatch, language
):
    """Another process holds the write lock past the lock timeout: one attempt (not the
    light entry's, then the full app's DB-API store's, then the unit of work's), one
    progress display, one sentence naming the database and what to do, exit 1; no file."""
    import sqlite3
    from contextlib import closing

    from mediate.cli import run

    copy = tmp_path / "copy.db"
    shutil.copyfile(demo_db, copy)
    counts = _counted_batches(monkeypatch)
    env = {"MEDIATE_LANG": language, "MEDIATE_DB": str(copy), "MEDIATE_LOCK_TIMEOUT": "0.2"}
    out = tmp_path / "out"
    with closing(sqlite3.connect(copy)) as holder:
        holder.execute("BEGIN IMMEDIATE")
        result = _run(run, ["doc", "batch", "agreement", "-o", str(out)], env)
        holder.rollback()
    assert result is not None
    assert counts == {"batches": 1, "progress": 1}
    said = " ".join(result.stderr.split())
    assert result.exit_code == 1, said
    locked = {
        "en": f"The database sqlite:///{copy} is locked: another mediate",
        "zh": f"数据库 sqlite:///{copy} 已被锁定",
    }[language]
    assert locked in said
    assert "MEDIATE_LOCK_TIMEOUT" in said
    assert said.count("✗") == 1, said
    assert list(out.iterdir()) == []


def test_a_doc_batch_the_light_entry_began_is_never_run_again(demo_db, tmp_path, monkeypatch):
    """A driver error nobody explains (a bug) ends the batch the light entry began as the
    full app ends one (exit 3, a log): no second attempt, no second progress display."""
    import sqlite3

    from mediate.cli import run
    from mediate.services.docsql import SqlBatchStore

    copy = tmp_path / "copy.db"
    shutil.copyfile(demo_db, copy)
    counts = _counted_batches(monkeypatch)

    def failing(*args: Any) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(SqlBatchStore, "store_document", failing)
    env = {"MEDIATE_LANG": "en", "MEDIATE_DB": str(copy), "MEDIATE_LOG": str(tmp_path / "log")}
    out = tmp_path / "out"
    result = _run(run, ["doc", "batch", "agreement", "-o", str(out)], env)
    assert result is not None
    assert (result.exit_code, counts) == (3, {"batches": 1, "progress": 1}), result.stderr
    assert "OperationalError" in result.stderr
    assert list(out.iterdir()) == []
