"""``countylines lines``: the deal lines in the workspace's call data, ranked."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from countylines.analysis.lines import detect_lines
from countylines.analysis.settings import SettingsError, load_detection_settings
from countylines.cli.common import JsonOption, console, open_workspace, out, print_json
from countylines.engine.duckdb_engine import DuckDBEngine
from countylines.store.evidence import register_views


def lines(
    ctx: typer.Context,
    as_json: bool = JsonOption,
    settings_file: Path | None = typer.Option(
        None,
        "--settings",
        help="Detection settings YAML (default: <workspace>/detection.yaml, else the built-in).",
    ),
    limit: int = typer.Option(20, help="Lines to show on screen (JSON has all)."),
) -> None:
    """Find the deal lines in the call data, ranked by score, with their evidence."""
    with open_workspace(ctx) as ws:
        path = settings_file or (
            ws.root / "detection.yaml" if (ws.root / "detection.yaml").exists() else None
        )
        try:
            settings = load_detection_settings(path)
        except SettingsError as exc:
            console.print(f"[red]error:[/red] {escape(str(exc))}")
            raise typer.Exit(2) from exc
        with ws.duckdb() as con:
            if "call_events" not in register_views(ws, con):
                console.print("No call data in the workspace: `countylines ingest cdr ...` first.")
                if as_json:
                    print_json({"lines": [], "data_end": None})
                return
            with console.status("analysing call data"):
                detection = detect_lines(DuckDBEngine(con), settings)
    if as_json:
        print_json(
            {
                "data_end": detection.data_end,
                "settings": str(path or "built-in"),
                "lines": [line.to_json() for line in detection.lines],
            }
        )
        return
    if not detection.lines:
        out.print(
            f"No deal line found among {len(detection.scores)} numbers with enough callers "
            "to be one."
        )
        return
    table = Table(title=f"deal lines (call data to {detection.data_end:%Y-%m-%d})")
    for name in (
        "#",
        "line",
        "numbers",
        "score",
        "status",
        "customers",
        "runners",
        "holder",
        "why",
    ):
        table.add_column(name)
    for rank, line in enumerate(detection.lines[:limit], start=1):
        table.add_row(
            str(rank),
            line.line_id,
            Text("\n".join(n.number for n in line.numbers)),
            f"{line.score:.0f}",
            line.status,
            f"{line.customers['count']:,}",
            str(len(line.runners)),
            Text(", ".join(h["number"] for h in line.holders) or "-"),
            Text(line.evidence[0] if line.evidence else ""),
        )
    out.print(table)
    out.print("Full evidence: `countylines lines --json`.")
