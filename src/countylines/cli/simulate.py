"""``countylines simulate``: write a simulated county-lines scenario with its ground truth."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from countylines.cli.common import JsonOption, console, print_json
from countylines.simulate.config import TEMPLATES, draw_config
from countylines.simulate.generator import CALLS_GLOB, OPTIONAL_NAMES, OUTPUT_NAMES, Summary, run


def _clear(out: Path, force: bool) -> None:
    """Refuse to mix two scenarios in one folder; with --force, remove the earlier one."""
    if not out.exists():
        return
    if not out.is_dir():
        console.print(f"[red]error:[/red] {escape(str(out))} exists and is not a folder")
        raise typer.Exit(2)
    names = (*OUTPUT_NAMES, *OPTIONAL_NAMES)
    earlier = sorted(out.glob(CALLS_GLOB)) + [out / n for n in names if (out / n).exists()]
    if earlier and not force:
        console.print(
            f"[red]error:[/red] {escape(str(out))} already holds a scenario "
            f"({escape(earlier[0].name)}…); give another --out or --force to replace it"
        )
        raise typer.Exit(2)
    for path in earlier:
        path.unlink()


def _print(summary: Summary) -> None:
    table = Table(title=f"scenario seed {summary.seed} in {escape(summary.out)}")
    for name in ("line", "brand", "status", "numbers", "runners", "customers", "cuckooed"):
        table.add_column(name)
    for ln in summary.lines:
        table.add_row(
            escape(ln["line_id"]),
            escape(ln["brand"]),
            escape(ln["status"]),
            escape(" → ".join(ln["numbers"])),
            str(ln["runners"]),
            str(ln["customers"]),
            str(ln["cuckooed_addresses"]),
        )
    console.print(table)
    console.print(
        f"{summary.events:,} events over {summary.days} days among {summary.people:,} people "
        f"in {summary.seconds:.1f} s ({summary.events_per_second:,.0f} events/s)"
    )
    for f in summary.files:
        rows = f" {f.rows:,} rows" if f.rows >= 0 else ""
        console.print(f"  wrote {escape(f.path)}{rows} ({f.bytes:,} bytes)")
    if summary.intel_reports:
        console.print(
            f"{summary.intel_reports} intelligence reports (intel.csv), "
            f"{summary.public_reports} reports from the public, in {summary.intel_seconds:.2f} s"
        )
    console.print("Ground truth: truth.json (format: docs/simulate.md).")


def simulate(
    seed: int = typer.Option(
        ..., "--seed", help="Scenario seed: the same seed and options give byte-identical files."
    ),
    out: Path = typer.Option(..., "--out", help="Folder to write the scenario to."),
    days: int | None = typer.Option(
        None,
        "--days",
        help="Days to simulate (default: drawn from the seed, 28-91).",
        show_default=False,
    ),
    events: int = typer.Option(
        1_000_000, "--events", help="Approximate total number of events (1e5 to 1e8 and more)."
    ),
    lines: int | None = typer.Option(
        None,
        "--lines",
        help="Deal lines (default: drawn from the seed, 2-6).",
        show_default=False,
    ),
    template: str = typer.Option(
        "canonical", "--template", "-t", help=f"Layout of the calls files: {', '.join(TEMPLATES)}."
    ),
    max_rows_per_file: int = typer.Option(
        0,
        "--max-rows-per-file",
        help="Split canonical output into calls-0001.csv… of this many rows (0: one calls.csv).",
    ),
    force: bool = typer.Option(False, "--force", help="Replace a scenario already in --out."),
    no_intel: bool = typer.Option(
        False,
        "--no-intel",
        help="Write no intelligence reports (intel.csv) and no public reports.",
    ),
    no_public_reports: bool = typer.Option(
        False, "--no-public-reports", help="Write no public_reports.jsonl."
    ),
    as_json: bool = JsonOption,
) -> None:
    """Simulate a county-lines scenario: call data, cell sites and the ground truth.

    Writes calls*.csv (in the chosen carrier layout), cells.csv (load with
    `countylines ingest cells` or `--cells`), truth.json (the lines, their
    numbers, holders, runners, customers and cuckooed addresses, the decoys,
    and what each report says), scenario.json (every drawn parameter),
    intel.csv (graded intelligence reports, for `countylines ingest intel`)
    and public_reports.jsonl (reports from the public). The data is synthetic:
    numbers are random numbers in real UK ranges (any may be a real
    subscriber's), so never mix it with a real investigation. See
    docs/simulate.md.
    """  # fmt: skip
    try:
        cfg = draw_config(seed, events, days, lines, template, max_rows_per_file)
    except ValueError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    _clear(out, force)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[events]:,} events"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("planning", total=cfg.days, events=0)

        def report(phase: str, done: int, total: int, n_events: int) -> None:
            progress.update(task, description=phase, completed=done if phase == "generating" else 0,
                            events=n_events)  # fmt: skip

        summary = run(cfg, out, report, intel=not no_intel,
                      public_reports=not no_public_reports)  # fmt: skip
    if as_json:
        print_json(summary)
    else:
        _print(summary)
