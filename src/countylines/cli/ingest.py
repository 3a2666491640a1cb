"""``countylines ingest``: load files into the workspace, one source kind per command."""

from __future__ import annotations

import codecs
from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from countylines.cli.common import JsonOption, console, open_workspace, print_json, settings_from
from countylines.ingest.cdr import CdrAdapter
from countylines.ingest.cdr_template import TemplateError, find_template, template_dirs
from countylines.ingest.cells import CellSiteAdapter
from countylines.ingest.geography import LABELS as GEOGRAPHY_LABELS
from countylines.ingest.geography import adapter_for as geography_adapter_for
from countylines.ingest.intel import IntelAdapter
from countylines.ingest.police_uk import LAYOUTS, adapter_for
from countylines.ingest.runner import Adapter, ImportResult, import_file
from countylines.operations.checkback import run_for_all
from countylines.public.batch import PublicReportsAdapter
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
            task = progress.add_task(f"hashing {path.name}", total=size or None)

            def advance(n: int, task: TaskID = task) -> None:
                progress.update(task, advance=n)

            def phase(step: str, task: TaskID = task, name: str = path.name) -> None:
                progress.update(task, description=f"{step} {name}")

            result = import_file(ws, adapter, path, progress=advance, phase=phase)
            progress.remove_task(task)
            results.append(result)
            colour = {"loaded": "green", "unchanged": "yellow", "failed": "red"}[result.outcome]
            console.print(f"[{colour}]{result.outcome}[/{colour}] {escape(result.message)}")
            for warning in result.warnings:
                console.print(f"  [yellow]note:[/yellow] {escape(warning)}")
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
    template: str = typer.Option(
        ..., "--template", "-t", help="Layout name (`countylines templates list`)."
    ),
    cells: list[Path] = typer.Option(
        [], "--cells", help="Cell-site list(s) to load with the calls."
    ),
    as_json: bool = JsonOption,
) -> None:
    """Load carrier call data, converted by a template to canonical call events."""
    settings = settings_from(ctx)
    try:
        layout = find_template(
            template,
            template_dirs(settings.workspace.resolve() / "templates", settings.template_path),
        )
    except TemplateError as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    with open_workspace(ctx) as ws:
        results = run_imports(ws, CellSiteAdapter(), cells) if cells else []
        results += run_imports(ws, CdrAdapter(layout), files)
        if any(r.outcome == "loaded" for r in results):
            # check-backs: does the new call data show a closed line (or its successor) again?
            new_alerts = run_for_all(ws)
            if new_alerts:
                console.print(
                    f"[yellow]check-back:[/yellow] {new_alerts} new alert(s) that a closed "
                    "line is active again: `countylines operation checkback`"
                )
    finish(results, as_json)


@app.command("cells")
def cell_sites(
    ctx: typer.Context, files: list[Path] = FilesArg, as_json: bool = JsonOption
) -> None:
    """Load cell-site lists (cell id, latitude, longitude)."""
    with open_workspace(ctx) as ws:
        results = run_imports(ws, CellSiteAdapter(), files)
    finish(results, as_json)


@app.command("police-uk")
def police_uk(ctx: typer.Context, files: list[Path] = FilesArg, as_json: bool = JsonOption) -> None:
    """Load data.police.uk street-crime, stop-and-search and outcomes CSVs of any force.

    Each file's kind is detected from its header (not its name), so one call
    may mix kinds; each kind goes to its own evidence table (street_crimes,
    stop_searches, crime_outcomes). A file whose header matches no kind, or
    lacks a column of its kind, fails whole and loads nothing.
    """
    results: list[ImportResult] = []
    with open_workspace(ctx) as ws:
        for path in files:
            adapter = adapter_for(path)
            if adapter.source_kind in LAYOUTS:
                console.print(
                    f"[dim]{escape(str(path))}: {LAYOUTS[adapter.source_kind].label} file[/dim]"
                )
            results += run_imports(ws, adapter, [path])
    finish(results, as_json)


@app.command("geography")
def geography(ctx: typer.Context, files: list[Path] = FilesArg, as_json: bool = JsonOption) -> None:
    """Load geography: LSOA boundaries, postcode lookups, LSOA centroids and populations.

    Each file's kind is told from its content: a GeoJSON FeatureCollection of
    LSOA polygons (WGS84, code and name per polygon); or a CSV with a postcode
    and an LSOA code (postcode lookup, with local authority and coordinates
    where known), an LSOA code and a population (e.g. ONS mid-year estimates),
    or an LSOA code with latitude and longitude (centroids). Accepted column
    names: docs/hotspots.md. A later import of the same LSOA or postcode
    replaces the earlier one in analysis.
    """
    results: list[ImportResult] = []
    with open_workspace(ctx) as ws:
        for path in files:
            adapter = geography_adapter_for(path)
            if adapter.source_kind in GEOGRAPHY_LABELS:
                console.print(
                    f"[dim]{escape(str(path))}: "
                    f"{escape(GEOGRAPHY_LABELS[adapter.source_kind])} file[/dim]"
                )
            results += run_imports(ws, adapter, [path])
    finish(results, as_json)


@app.command("intel")
def intel(
    ctx: typer.Context,
    files: list[Path] = FilesArg,
    encoding: str = typer.Option(
        "utf-8",
        "--encoding",
        help="Text encoding of the files (never guessed), e.g. cp1252 for older exports.",
    ),
    as_json: bool = JsonOption,
) -> None:
    """Load graded intelligence reports from CSV or JSON files.

    Each report needs urn, date (yyyy-mm-dd or dd/mm/yyyy), text (the
    sanitised report), grading_scheme (3x5x2 or 5x5x5: never guessed),
    source_grade, intelligence_grade and handling_code; handling_conditions
    are required with 3x5x2 code C. Optional: area; subjects in people,
    phones, addresses, vehicles (;-separated in CSV). source_reference and
    other source_* fields are kept apart from the report, under restricted
    access, linked only by the URN.

    Bad reports are rejected with file, line, column and reason and the rest
    load; a report already in the workspace (same URN and content) is not loaded
    again, and the same URN with other content is rejected. Formats and examples:
    docs/intelligence.md.
    """
    try:
        codecs.lookup(encoding)
    except LookupError as exc:
        console.print(f"[red]error:[/red] unknown text encoding {escape(repr(encoding))}")
        raise typer.Exit(2) from exc
    with open_workspace(ctx) as ws:
        results = run_imports(ws, IntelAdapter(encoding=encoding), files)
    finish(results, as_json)


@app.command("public-reports")
def public_reports(
    ctx: typer.Context,
    files: list[Path] = FilesArg,
    as_json: bool = JsonOption,
) -> None:
    """Load reports from the public that arrived another way (101 call notes, Crimestoppers
    forms) into the triage queue.

    JSON Lines in UTF-8, one report an object: text (required), received_utc
    (ISO 8601 with its zone; only the hour is kept), where, when, people,
    vehicles, phones, children (yes / no / not sure), channel (101 /
    crimestoppers / other) and ref (that channel's reference, kept; never the
    person). Each report is checked as the public page checks one; bad ones
    are rejected with line, column and reason and the rest load; a report
    already in the workspace (same hour, same answers) is not loaded again.
    Reports reach `countylines triage list` when their hour is over.
    """
    with open_workspace(ctx) as ws:
        results = run_imports(ws, PublicReportsAdapter(), files)
    finish(results, as_json)
