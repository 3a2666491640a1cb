"""``countylines imports``: list and withdraw imports."""

from __future__ import annotations

import typer
from rich.markup import escape

from countylines.cli.common import JsonOption, console, open_workspace, print_json
from countylines.cli.status import status
from countylines.ingest.runner import who
from countylines.store.removal import RemovalError, remove_import

app = typer.Typer(help="Imports: list them, or withdraw one.", no_args_is_help=True)


@app.command("list")
def list_imports(ctx: typer.Context, as_json: bool = JsonOption) -> None:
    """List every import attempt (as `countylines status --files`)."""
    status(ctx, as_json=as_json, files=True, errors=False, import_id=None, errors_csv=None, limit=0)


@app.command("remove")
def remove(
    ctx: typer.Context,
    import_id: int = typer.Argument(..., help="The import's number (see `imports list`)."),
    reason: str = typer.Option(..., "--reason", help="Why (kept with the import's record)."),
    as_json: bool = JsonOption,
) -> None:
    """Withdraw an import: its rows leave the workspace; its record stays, with why.

    Use it to re-load a file with another template, or to erase a file.
    """
    with open_workspace(ctx) as ws:
        try:
            removed = remove_import(ws, import_id, reason, who())
        except RemovalError as exc:
            console.print(f"[red]error:[/red] {escape(str(exc))}")
            raise typer.Exit(2) from exc
    if as_json:
        print_json(removed)
    else:
        console.print(
            f"removed import #{removed.import_id} ({escape(removed.file_name)}): "
            f"{removed.rows:,} rows withdrawn; the file can be loaded again"
        )
