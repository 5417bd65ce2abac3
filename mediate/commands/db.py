"""`mediate db`: schema upgrades, backups."""

from __future__ import annotations

import typer

from mediate.commands.common import app_context
from mediate.i18n import _

app = typer.Typer(help=_("Manage the database: upgrade, backup, restore."), no_args_is_help=True)


@app.command("upgrade", help=_("Upgrade the database schema to this version of mediate."))
def upgrade(ctx: typer.Context) -> None:
    from mediate import console
    from mediate.store.engine import describe
    from mediate.store.migrate import upgrade as do_upgrade

    engine = app_context(ctx).engine(check=False)
    before, after = do_upgrade(engine)
    if before == after:
        console.success(_("The database {db} is up to date.").format(db=describe(engine)))
    else:
        console.success(
            _("Upgraded {db} from {old} to {new}.").format(
                db=describe(engine), old=before or "-", new=after
            )
        )
