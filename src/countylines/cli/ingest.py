"""``countylines ingest``: load files into the workspace, one source kind per command."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from countylines.cli.common import JsonOption, console, open_workspace, print_json, settings_from
from countylines.ingest.cdr import CdrAdapter
from countylines.ingest.cdr_template import TemplateError, find_template, template_dirs
from countylines.ingest.cells import CellSiteAdapter
from countylines.ingest.runner import Adapter, ImportResult, import_file
from countylines.workspace import Workspace

app = typer.Typer(help="Load files into the workspace.", no_args_is_help=True)

FilesArg = typer.Argument(..., exists=False, help="Files to load.", show_default=False)


def run_imports(ws: Workspace, adapter: Adapter, paths: list[Path]) -> list[ImportResult]:
    """Import ``paths`` one by one with a progress bar per file."""
    results: list[ImportResult] = []
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        for path in paths:
            size = path.stat().st_size if path.is_file() else 0
            task = progress.add_task(f"reading {path.name}", total=size or None)

            def advance(n: int, task: int = task) -> None:
                progress.update(task, advance=n)

            def staged_hint(task: int = task, name: str = path.name) -> None:
                progress.update(task, description=f"loading {name}")

            result = import_file(ws, adapter, path, progress=advance)
            staged_hint()
            progress.remove_task(task)
            results.append(result)
            colour = {"loaded": "green", "unchanged": "yellow", "failed": "red"}[result.outcome]
            console.print(f"[{colour}]{result.outcome}[/{colour}] {result.message}")
            for warning in result.warnings:
                console.print(f"  [yellow]note:[/yellow] {warning}")
    return results


def finish(results: list[ImportResult], as_json: bool) -> None:
    """Print JSON if asked; exit 1 if any file failed."""
    if as_json:
        print_json(results)
    if any(r.outcome == "failed" for r in results):
        console.print("Row-by-row detail: `countylines status --errors`.")
        raise typer.Exit(1)


@app.command("cdr")
def cdr(
    ctx: typer.Context,
    files: list[Path] = FilesArg,
    template: str = typer.Option(..., "--template", "-t", help="Layout name (`countylines templates list`)."),
    cells: list[Path] = typer.Option([], "--cells", help="Cell-site list(s) to load with the calls."),
    as_json: bool = JsonOption,
) -> None:
    """Load carrier call data, converted by a template to canonical call events."""
    settings = settings_from(ctx)
    try:
        layout = find_template(
            template, template_dirs(settings.workspace.resolve() / "templates", settings.template_path)
        )
    except TemplateError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    with open_workspace(ctx) as ws:
        results = run_imports(ws, CellSiteAdapter(), cells) if cells else []
        results += run_imports(ws, CdrAdapter(layout), files)
    finish(results, as_json)


@app.command("cells")
def cell_sites(ctx: typer.Context, files: list[Path] = FilesArg, as_json: bool = JsonOption) -> None:
    """Load cell-site lists (cell id, latitude, longitude)."""
    with open_workspace(ctx) as ws:
        results = run_imports(ws, CellSiteAdapter(), files)
    finish(results, as_json)
