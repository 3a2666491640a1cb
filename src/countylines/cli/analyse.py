"""``countylines analyse``: the main job - lines, priorities, safeguarding list, hotspots."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from countylines.analysis.settings import SettingsError
from countylines.cli.common import (
    JsonOption,
    console,
    log_access,
    open_workspace,
    out,
    print_json,
)
from countylines.pipeline.analyse import AnalyseOptions, analyse
from countylines.store.picture import analysis_dir


def analyse_command(
    ctx: typer.Context,
    as_json: bool = JsonOption,
    detection_file: Path | None = typer.Option(
        None,
        "--settings",
        help="Detection settings YAML (default: <workspace>/detection.yaml "
        "if present, else built-in).",
    ),
    priority_file: Path | None = typer.Option(
        None,
        "--priority",
        help="Priority matrix YAML (default: <workspace>/priority.yaml "
        "if present, else built-in; see docs/priority.md).",
    ),
    limit: int = typer.Option(10, min=1, help="Lines to list on screen (JSON has all)."),
) -> None:
    """Build the picture: deal lines ranked by threat/harm/risk, safeguarding list, hotspots."""
    with open_workspace(ctx) as ws:
        try:
            with console.status("analysing the workspace"):
                picture = analyse(ws, AnalyseOptions(detection_file, priority_file))
        except SettingsError as exc:
            console.print(f"[red]error:[/red] {escape(str(exc))}")
            raise typer.Exit(2) from exc
        where = analysis_dir(ws.root) / picture["run_id"] / "picture.json"
        log_access(
            ws,
            "combination",
            "analysis",
            f"analysis run combining {len(picture['inputs'])} imported files and "
            f"{picture['intel_reports']} intelligence reports: {len(picture['lines'])} lines",
            picture["run_id"],
        )
    if as_json:
        print_json(picture)
        return
    for warning in picture["warnings"]:
        console.print(f"[yellow]warning:[/yellow] {escape(warning)}")
    lines = picture["lines"]
    table = Table(title=f"{len(lines)} deal line(s), ranked by threat, harm and risk")
    for column in (
        "rank",
        "id",
        "line",
        "priority",
        "band",
        "harm",
        "likelihood",
        "confidence",
        "position",
        "status",
        "runners",
    ):
        table.add_column(
            column, justify="right" if column not in {"id", "line", "band", "status"} else "left"
        )
    for line in lines[:limit]:
        p = line["priority"]
        table.add_row(
            str(line["rank"]),
            line["line_id"],
            escape(line["label"]),
            f"{p['score']:.0f}",
            p["band"],
            f"{p['harm']:.0f}",
            f"{p['likelihood']:.0f}",
            f"{p['confidence']:.0f}",
            f"{p['position']:.0f}",
            line["status"],
            str(len(line["runners"])),
        )
    out.print(table)
    sg = picture["safeguarding"]
    children = sum(1 for s in sg if s["possible_child"])
    out.print(
        f"Safeguarding: {len(sg)} possible victim(s) or address(es)"
        + (f", {children} possible child(ren)" if children else "")
        + " - treat them as victims; `countylines safeguarding list` shows routes."
    )
    out.print(f"Intelligence gaps: {len(picture['gaps'])}. Picture: {escape(str(where))}")
    out.print(
        "Next: `countylines report problem-profile --out DIR` writes the NIM problem profile."
    )
