"""Entry point: ``countylines [--workspace DIR] COMMAND ...``."""

from __future__ import annotations

from pathlib import Path

import typer

from countylines import __version__
from countylines.cli import (
    analyse,
    audit,
    compartments,
    extract,
    imports_cmds,
    ingest,
    lines,
    network,
    operation,
    report,
    returns,
    safeguarding,
    serve,
    serve_public,
    simulate,
    status,
    templates,
    triage,
    users,
    workspace_cmds,
)

app = typer.Typer(
    name="countylines",
    help=(
        "countylines: intelligence, targeting and safeguarding for county-lines "
        "investigations. Load call data, police open data and graded intelligence "
        "into a workspace; see the README for the main job."
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"countylines {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    workspace: Path | None = typer.Option(
        None,
        "--workspace",
        "-w",
        envvar="COUNTYLINES_WORKSPACE",
        help="Workspace folder (default ./workspace).",
        show_default=False,
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Global options."""
    ctx.obj = {"workspace": workspace}


app.command("init")(workspace_cmds.init)
app.command("status")(status.status)
app.command("simulate")(simulate.simulate)
app.command("lines")(lines.lines)
app.command("extract", cls=extract.ExtractCommand)(extract.extract)
app.command("analyse")(analyse.analyse_command)
app.add_typer(report.app, name="report")
app.add_typer(safeguarding.app, name="safeguarding")
app.add_typer(ingest.app, name="ingest")
app.add_typer(templates.app, name="templates")
app.add_typer(imports_cmds.app, name="imports")
app.add_typer(network.app, name="network")
app.add_typer(users.app, name="users")
app.add_typer(compartments.app, name="compartments")
app.add_typer(audit.app, name="audit")
app.command("serve")(serve.serve)
app.command("serve-public")(serve_public.serve_public)
app.add_typer(triage.app, name="triage")
app.add_typer(operation.app, name="operation")
app.command("returns")(returns.returns)


def main() -> None:
    """Console-script entry point."""
    app()
