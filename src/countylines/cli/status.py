"""``countylines status``: what the workspace holds, per source and per file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer
from rich.table import Table

from countylines.cli.common import JsonOption, console, open_workspace, print_json
from countylines.store import imports


def _day(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value else "-"


def status(
    ctx: typer.Context,
    as_json: bool = JsonOption,
    files: bool = typer.Option(False, "--files", help="List every import attempt."),
    errors: bool = typer.Option(
        False, "--errors", help="List rejected rows (file, line, column, value, reason)."
    ),
    import_id: int | None = typer.Option(
        None, "--import", help="Only this import (its number from --files)."
    ),
    errors_csv: Path | None = typer.Option(
        None, "--errors-csv", help="Write the full row-error report to this CSV file."
    ),
    limit: int = typer.Option(50, help="Rows of --errors to show on screen."),
) -> None:
    """Per source: files, rows, date range, rejected rows, last import."""
    with open_workspace(ctx) as ws, ws.session() as session:
        summaries = imports.source_summaries(session)
        file_list = imports.file_statuses(session) if (files or as_json) else []
        if import_id is not None:
            file_list = [f for f in imports.file_statuses(session) if f.id == import_id]
        error_rows = (
            list(imports.row_errors(session, import_id, None if as_json else limit))
            if errors
            else []
        )
        if errors_csv is not None:
            n = imports.write_row_errors_csv(imports.row_errors(session, import_id), errors_csv)
            console.print(f"wrote {n:,} row errors to {errors_csv}")
        root = ws.root
    if as_json:
        payload: dict[str, object] = {
            "workspace": str(root),
            "sources": summaries,
            "files": file_list,
        }
        if errors:
            payload["row_errors"] = error_rows
        print_json(payload)
        return

    table = Table(title=f"countylines workspace {root}")
    for name in ("source", "files", "failed", "rows", "rejected", "from", "to", "last import"):
        table.add_column(
            name, justify="right" if name in ("files", "failed", "rows", "rejected") else "left"
        )
    for s in summaries:
        table.add_row(
            s.label,
            str(s.files_loaded),
            str(s.files_failed),
            f"{s.rows:,}",
            f"{s.rows_rejected:,}",
            _day(s.first_event_at),
            _day(s.last_event_at),
            s.last_import_at.strftime("%Y-%m-%d %H:%M") if s.last_import_at else "-",
        )
    if not summaries:
        console.print("The workspace is empty: load files with `countylines ingest ...`.")
    else:
        console.print(table)
    if file_list:
        ft = Table(title="imports")
        for name in ("#", "file", "kind", "status", "layout", "loaded", "rejected", "note"):
            ft.add_column(name)
        for f in file_list:
            note = (
                f.error
                or "; ".join(f.warnings)
                or (
                    ", ".join(f"{n} {r}" for r, n in f.reject_reasons.items())
                    if f.reject_reasons
                    else ""
                )
            )
            ft.add_row(
                str(f.id),
                f.file_name,
                f.source_kind,
                f.status,
                f.layout or "",
                f"{f.rows_loaded:,}",
                f"{f.rows_rejected:,}",
                note,
            )
        console.print(ft)
    if errors:
        et = Table(title="row errors" + (f" (first {limit})" if limit else ""))
        for name in ("#", "file", "line", "column", "value", "reason"):
            et.add_column(name)
        for e in error_rows:
            et.add_row(
                str(e.import_id), e.file, str(e.line or ""), e.column or "", e.value or "", e.reason
            )
        console.print(et if error_rows else "No rejected rows.")
