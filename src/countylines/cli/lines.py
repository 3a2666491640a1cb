"""``countylines lines``: the deal lines in the workspace's call data, ranked."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.text import Text

from countylines.analysis.lines import Detection, LineReport, detect_lines
from countylines.analysis.settings import SettingsError, load_detection_settings
from countylines.cli.common import (
    JsonOption,
    console,
    log_access,
    open_workspace,
    out,
    print_json,
)
from countylines.engine.duckdb_engine import DuckDBEngine
from countylines.store.evidence import register_views

SAFEGUARDING_NOTE = (
    "Runners, and the occupants of cuckooed addresses, are possible victims of exploitation "
    "(runners are often children): treat them as such. The software advises; people decide."
)


def lines(
    ctx: typer.Context,
    as_json: bool = JsonOption,
    settings_file: Path | None = typer.Option(
        None,
        "--settings",
        help="Detection settings YAML holding the keys to change (default: "
        "<workspace>/detection.yaml if present, else the built-in settings).",
    ),
    limit: int = typer.Option(20, min=1, help="Lines to show on screen (JSON has all)."),
    evidence: int = typer.Option(4, min=0, help="Evidence sentences to show per line."),
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
        source = str(path or "built-in")
        with ws.duckdb() as con:
            if "call_events" not in register_views(ws, con):
                console.print("No call data in the workspace: `countylines ingest cdr ...` first.")
                if as_json:
                    print_json({"lines": [], "data_end": None, "settings": source, "warnings": []})
                return
            with console.status("analysing call data"):
                detection = detect_lines(DuckDBEngine(con), settings)
        log_access(ws, "consultation", "deal_lines", f"{len(detection.lines)} lines listed")
    if as_json:
        print_json(
            {
                "data_end": detection.data_end,
                "settings": source,
                "warnings": detection.warnings,
                "safeguarding": SAFEGUARDING_NOTE,
                "lines": [line.to_json() for line in detection.lines],
            }
        )
        return
    _print(detection, source, limit, evidence)


def _print(detection: Detection, source: str, limit: int, evidence: int) -> None:
    for warning in detection.warnings:
        console.print(f"[yellow]warning:[/yellow] {escape(warning)}")
    if source != "built-in":
        out.print(Text(f"settings: {source}"))
    if not detection.lines:
        out.print(
            f"No deal line found among {len(detection.scores)} numbers with enough callers "
            "to be one."
        )
        return
    end = f"{detection.data_end:%Y-%m-%d %H:%M} UTC" if detection.data_end else "-"
    out.print(f"[bold]{len(detection.lines)} possible deal lines[/bold] (call data to {end})")
    out.print(Text(SAFEGUARDING_NOTE, style="italic"))
    for rank, line in enumerate(detection.lines[:limit], start=1):
        out.print()
        out.print(_block(rank, line, evidence))
    hidden = len(detection.lines) - limit
    if hidden > 0:
        out.print(f"\n({hidden} more lines: --limit {len(detection.lines)} shows them)")
    out.print("\nEvery figure and reason: `countylines lines --json` (format: docs/lines.md).")


def _block(rank: int, line: LineReport, evidence: int) -> Text:
    text = Text()
    text.append(f"{rank}. {line.line_id}", style="bold")
    text.append(f"  score {line.score:.0f}  {line.status}  {line.customers['count']} customers\n")
    chain = " -> ".join(
        f"{n.number} ({n.first_seen:%d %b} to {n.last_seen:%d %b %Y})" for n in line.numbers
    )
    text.append(f"   numbers: {chain}\n")
    for sentence in line.evidence[:evidence]:
        text.append(f"   - {sentence}\n")
    holders = ", ".join(h["number"] for h in line.holders) or "not identified"
    text.append(f"   line holder: {holders}\n")
    runners = ", ".join(r["number"] for r in line.runners) or "none identified"
    text.append(f"   runners (possible victims): {runners}\n")
    for c in line.cuckooed:
        who = f", possible occupant {', '.join(c['occupants'])}" if c["occupants"] else ""
        text.append(
            f"   possible cuckooed address: cell {c['cell_id']} ({c['nights']} nights{who})\n"
        )
    text.rstrip()
    return text
