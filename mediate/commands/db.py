"""`mediate db`: schema upgrades, backups."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mediate.commands import summaries
from mediate.commands.common import (
    ForceOption,
    JsonOption,
    app_context,
    check_output_file,
    output_file_callback,
    screened,
    wants_json,
)
from mediate.framework import param_label
from mediate.i18n import _

app = typer.Typer(help=summaries.DB, no_args_is_help=True)


@app.command("upgrade", help=_("Upgrade the database schema to this version of mediate."))
def upgrade(ctx: typer.Context) -> None:
    from mediate import console
    from mediate.store.engine import describe
    from mediate.store.migrate import upgrade as do_upgrade

    context = app_context(ctx)
    engine = context.engine(check=False)
    context.require_admin(engine)
    before, after = do_upgrade(engine)
    if before == after:
        console.success(_("The database {db} is up to date.").format(db=describe(engine)))
    else:
        console.success(
            _("Upgraded {db} from {old} to {new}.").format(
                db=describe(engine), old=before or "-", new=after
            )
        )
    from mediate.errors import DatabaseError
    from mediate.store.migrate import check_network

    try:
        check_network(engine)
    except DatabaseError as exc:  # the schema alone: say what `init` would add
        console.warn(str(exc))


@app.command(
    "grant",
    help=_(
        "PostgreSQL: give a registered clerk their own database login, which row-level "
        "security limits to the cases of the clerk's bodies."
    ),
)
def grant(
    ctx: typer.Context,
    clerk: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help=_("The registered clerk's name."),
            callback=screened("clerks.name"),
        ),
    ],
    role: Annotated[
        str, typer.Option("--role", help=_("The login role to create or reuse, e.g. clerk_zhang."))
    ],
    password_env: Annotated[
        str | None,
        typer.Option(
            "--password-env",
            metavar="VAR",
            help=_("Set the login's password from this environment variable."),
        ),
    ] = None,
) -> None:
    import os

    from mediate import console
    from mediate.errors import ConfigError
    from mediate.services.clerks import grant_login

    password = None
    if password_env:
        password = os.environ.get(password_env)
        if not password:
            raise ConfigError(
                _("The environment variable {var} is not set.").format(var=password_env)
            )
    with app_context(ctx).uow() as uow:
        result = grant_login(uow, clerk, role, password)
        uow.commit()
    if result.role_created:
        message = _("Created the login {role} for {clerk}; it sees only the cases of {org}.")
    else:
        message = _("The login {role} now belongs to {clerk}; it sees only the cases of {org}.")
    info = result.clerk
    console.success(
        message.format(
            role=role, clerk=info.name, org=info.org_name or info.org_id or _("every body")
        )
    )


@app.command(
    "copy",
    help=_(
        "Copy this database (e.g. a desk's SQLite file) into another one, usually a fresh "
        "PostgreSQL database; verified by counts and checksums; run again to resume."
    ),
)
def copy(
    ctx: typer.Context,
    to: Annotated[str, typer.Option("--to", metavar="URL|PATH", help=_("The target database."))],
    chunk: Annotated[
        int,
        typer.Option(
            "--chunk", min=1, max=1_000_000, help=_("Rows per transaction on the target.")
        ),
    ] = 2000,
    json_: JsonOption = False,
) -> None:
    from mediate import console
    from mediate.config import db_url
    from mediate.services.dbcopy import copy_database
    from mediate.store.engine import make_engine

    context = app_context(ctx)
    source = context.engine(network=False)  # a copy copies what is there
    context.require_admin(source)  # every body's parties
    target = make_engine(db_url(to))
    try:
        with console.progress(_("Copying"), None) as bar:
            report = copy_database(source, target, chunk, lambda _t, n: bar.advance(n))
    finally:
        target.dispose()
    if wants_json(ctx, json_):
        console.print_json(
            {
                "source": report.source,
                "target": report.target,
                "verified": report.verified,
                "tables": [t.as_dict() for t in report.tables],
            }
        )
        return
    console.table(
        [_("Table"), _("Rows"), _("Copied now"), _("Already there"), _("Checksum")],
        [
            (t.table, t.target_rows, t.copied, t.skipped, t.source_sha256[:12])
            for t in report.tables
        ],
    )
    console.success(
        _("Copied {copied} rows into {target}; counts and checksums match.").format(
            copied=report.copied, target=report.target
        )
    )


@output_file_callback
def backup_file(ctx: typer.Context, param: typer.CallbackParam, value: Path) -> None:
    """`db backup FILE`: `output_file`, never the SQLite database being backed up nor its
    journal (review of 2026-12-02: `db backup live.db --force` renamed a snapshot over the
    live file, under the writers' feet and beside its -wal) — as no output file of any
    command may be (`check_output_file`, `refuse_the_database`)."""
    check_output_file(ctx, value, param_label(param))


@app.command(
    "backup",
    help=_(
        "Back the database up into FILE: SQLite through its online backup API (safe while "
        "others write), PostgreSQL through pg_dump."
    ),
)
def backup(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(metavar="FILE", help=_("The backup file to write."), callback=backup_file),
    ],
    force: ForceOption = False,
) -> None:
    from mediate import console
    from mediate.services.backup import backup_database

    context = app_context(ctx)
    engine = context.engine(network=False)
    context.require_admin(engine)  # every body's parties
    result = backup_database(engine, file.expanduser().absolute(), force)
    console.success(
        _("Backed up into {path} ({size} bytes, {method}).").format(
            path=result.path, size=result.size, method=result.method
        )
    )


@app.command(
    "restore",
    help=_("Restore the database from a backup FILE; --force replaces a database with data."),
)
def restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help=_("The backup file to restore."))],
    force: Annotated[
        bool, typer.Option("--force", help=_("Replace the content of a database that has data."))
    ] = False,
) -> None:
    from mediate import console
    from mediate.services.backup import restore_database

    context = app_context(ctx)
    result = restore_database(
        context.engine(check=False),
        file.expanduser(),
        force,
        clerk=context.settings.clerk,  # an admin of the register being replaced
        org=context.settings.org,
    )
    if result.upgraded_from is not None:
        message = _("Restored {db} from {path} and upgraded it from schema {old} to {rev}.")
    else:
        message = _("Restored {db} from {path} (schema {rev}).")
    console.success(
        message.format(
            db=result.database, path=result.path, rev=result.revision, old=result.upgraded_from
        )
    )
    if result.set_aside is not None:
        console.warn(
            _(
                "The damaged database was kept as {path}; delete it when it is no longer needed."
            ).format(path=result.set_aside)
        )
