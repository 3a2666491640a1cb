"""``countylines init``."""

from __future__ import annotations

import typer

from countylines.cli.common import console, print_json, settings_from
from countylines.workspace import Workspace


def init(
    ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")
) -> None:
    """Create a workspace (or bring an existing one's schema up to date)."""
    settings = settings_from(ctx)
    ws = Workspace.create(settings)
    url = ws.engine.url.render_as_string(hide_password=True)
    ws.close()
    if as_json:
        print_json({"workspace": str(ws.root), "database": url})
    else:
        console.print(f"workspace ready at [bold]{ws.root}[/bold] (records: {url})")
