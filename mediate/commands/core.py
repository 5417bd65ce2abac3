"""Top-level commands: init, demo, version, config."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer

from mediate import __version__
from mediate.commands import summaries
from mediate.commands.common import (
    ForceOption,
    JsonOption,
    app_context,
    named_path,
    output_dir,
    refuse_existing,
    refuse_the_database,
    wants_json,
)
from mediate.i18n import _, pgettext

config_app = typer.Typer(help=summaries.CONFIG, no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command(
        "init",
        help=summaries.INIT,
    )(init)
    app.command(
        "demo",
        help=summaries.DEMO,
    )(demo)
    app.command("version", help=summaries.VERSION)(version)
    app.add_typer(config_app, name="config")


def version(ctx: typer.Context, json_: JsonOption = False) -> None:
    from mediate import console

    if wants_json(ctx, json_):
        console.print_json({"version": __version__})
    else:
        console.line(f"mediate {__version__}")


def init(ctx: typer.Context) -> None:
    from mediate import console
    from mediate.services.setup import initialise
    from mediate.store.engine import describe

    context = app_context(ctx)
    engine = context.engine(check=False)
    context.require_admin(engine)  # it loads the bundled network over the bodies
    result = initialise(engine, context.settings.clerk)
    if result.revision_before == result.revision_after:
        console.success(_("The database {db} is up to date.").format(db=describe(engine)))
    else:
        console.success(
            _("The database {db} is ready (schema {rev}).").format(
                db=describe(engine), rev=result.revision_after
            )
        )


def demo(
    ctx: typer.Context,
    directory: Annotated[
        Path | None,
        typer.Option(
            "--dir",
            metavar="<path>",  # the type's own, translated in help (helplayout)
            parser=named_path,
            help=_(
                "Where to put the demo database and documents (default: a new temporary directory)."
            ),
            callback=output_dir,
        ),
    ] = None,
    force: ForceOption = False,
) -> None:
    from mediate import console
    from mediate.services.demo import DEMO_OUTPUTS, existing_outputs, run_demo

    context = app_context(ctx)
    if directory is not None:  # its database, documents, dossier, backup, shared copy
        for output in DEMO_OUTPUTS:  # never the database mediate works on, whatever --force
            refuse_the_database(ctx, directory.expanduser() / output, "--dir", holds=True)
        for path in existing_outputs(directory.expanduser()):
            refuse_existing(ctx, path, "--dir")
    target = directory or Path(tempfile.mkdtemp(prefix="mediate-demo-"))
    result = run_demo(target.resolve(), context.settings.clerk, console.info)
    if context.json:
        console.print_json(
            {
                "directory": str(result.directory),
                "database": str(result.database),
                "steps": result.steps,
                "files": [str(p) for p in result.files],
                "summary": result.summary,
            }
        )
        return
    _render_routing(result.summary.get("routing"))
    _render_intake(result.summary.get("intake"))
    _render_lifecycle(result.summary.get("lifecycle"))
    if result.funnel is not None:
        from mediate.commands.report_views import render_funnel

        render_funnel(result.funnel)  # type: ignore[arg-type]
    console.success(_("Demo finished. Everything is in {dir}").format(dir=result.directory))
    console.message(_("Try next: mediate --db {db} case list").format(db=result.database))


def _render_routing(routing: object) -> None:
    """The demo's routing: a few disputes, where each went and by which route."""
    from mediate import console

    if not isinstance(routing, dict):
        return
    console.table(
        [_("Cause"), _("Place"), _("Body"), _("Route"), _("Days")],
        [
            [d["cause"], d["location"], d["org"], d["route"], d["deadline_days"]]
            for d in routing["explained"]
        ],
        title=_("Routing (mediate rules explain)"),
    )


def _render_intake(intake: object) -> None:
    """The demo's intake: per file what was imported or rejected, and where cases went."""
    from mediate import console

    if not isinstance(intake, dict):
        return
    console.table(
        [_("File"), _("Imported"), _("Duplicates"), _("Rejected")],
        [[f["file"], f["imported"], f["duplicates"], f["rejected"]] for f in intake["files"]],
        title=_("Intake"),
    )
    console.table(
        [_("Body"), _("Cases")],
        list(intake["by_org"].items()),
        title=_("Where the cases went"),
    )


def _render_lifecycle(cases: object) -> None:
    """The demo's lifecycle cases: where each one ended."""
    from mediate import console
    from mediate.domain.status import follow_up_label

    if not isinstance(cases, dict):
        return
    settled, failed, extended = (cases[k] for k in ("settled", "failed", "extended"))
    console.table(
        [_("Case"), _("Outcome"), _("Next")],
        [
            [settled["case"], _("settled"), f"{settled['court']} {settled['court_case_no']}"],
            [failed["case"], _("failed"), _(", ").join(map(follow_up_label, failed["follow_ups"]))],
            [extended["case"], _("in mediation"), extended["deadline"]],
        ],
        title=_("Lifecycle"),
    )


@config_app.command("show", help=_("Show each setting, its value and where it came from."))
def config_show(ctx: typer.Context, json_: JsonOption = False) -> None:
    from mediate import console
    from mediate.config import config_file

    settings = app_context(ctx).settings
    rows = [(key, settings.shown(key), settings.sources[key]) for key in settings.values]
    if wants_json(ctx, json_):
        console.print_json(
            {
                "config_file": str(config_file()),
                "settings": {k: {"value": v, "source": s} for k, v, s in rows},
            }
        )
        return
    meanings = _setting_meanings()
    console.table(
        [_("Setting"), _("Value"), _("From")],
        [
            (f"{key}\n{meanings[key]}" if key in meanings else key, value, _origin(source))
            for key, value, source in rows
        ],
        caption=_("Config file: {path}").format(path=config_file()),
    )


def _setting_meanings() -> dict[str, str]:
    """What each setting is, in the interface language, under its name (the name stays
    as it is typed in mediate.toml)."""
    return {
        "db": _("database"),
        "clerk": _("clerk's name"),
        "org": _("own body"),
        "rules": _("routing rules file"),
        "templates": _("document templates folder"),
        "records": _("session records folder"),
        "holidays": _("holidays file"),
        "lock_timeout": _("seconds to wait for a lock"),
        "jurisdiction": _("court jurisdiction file"),
        "causes_2025_from": _("2025 causes apply from"),
        "credit_agency": pgettext("setting", "credit agency"),  # the agency's name
        "credit_doc_prefix": _("credit notice number prefix"),
        "credit_contact": _("credit notice contact"),
        "credit_phone": _("credit notice contact phone"),
        "dossier_retention": _("dossier retention period"),
    }


def _origin(source: str) -> str:
    """Where a setting came from, in words (the setting names are typed as they are)."""
    if source == "default":
        return _("default")
    if source.startswith("option "):
        return _("option {option}").format(option=source.removeprefix("option "))
    return source
