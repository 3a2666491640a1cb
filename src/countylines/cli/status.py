"""``countylines status``: what the workspace holds, per source and per file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from countylines.cli.common import (
    JsonOption,
    console,
    log_access,
    open_workspace,
    out,
    print_json,
)
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
        None, "--import", help="Only this import (its number in the `import` column of --files)."
    ),
    errors_csv: Path | None = typer.Option(
        None, "--errors-csv", help="Write the row-error report to this CSV file."
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
        capped = imports.capped_imports(session, import_id)
        log_access(
            ws,
            "consultation",
            "imports",
            "workspace status" + (" with row errors" if errors or errors_csv else ""),
        )
        if errors_csv is not None:
            n = imports.write_row_errors_csv(imports.row_errors(session, import_id), errors_csv)
            console.print(f"wrote {n:,} row errors to {escape(str(errors_csv))}")
        root = ws.root
    for note in capped:
        console.print(f"[yellow]note:[/yellow] {escape(note)}")
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

    if not summaries:
        out.print("The workspace is empty: load files with `countylines ingest ...`.")
    else:
        table = Table(title=Text(f"countylines workspace {root}"))
        for name in ("source", "files", "failed", "rows", "rejected", "from", "to", "last import"):
            right = name in ("files", "failed", "rows", "rejected")
            table.add_column(name, justify="right" if right else "left", no_wrap=True)
        for s in summaries:
            table.add_row(
                s.label,
                f"{s.files_loaded:,}",
                f"{s.files_failed:,}",
                f"{s.rows:,}",
                f"{s.rows_rejected:,}",
                _day(s.first_event_at),
                _day(s.last_event_at),
                s.last_import_at.strftime("%Y-%m-%d %H:%M") if s.last_import_at else "-",
            )
        out.print(table)
    if file_list:
        ft = Table(title="imports")
        for name in (
            "import",
            "file",
            "kind",
            "status",
            "layout",
            "loaded",
            "rejected",
            "from",
            "to",
        ):
            ft.add_column(name, no_wrap=name not in ("file",))
        ft.add_column("problem or note")
        for f in file_list:
            note = f.error or "; ".join(
                [f"{n:,} {r}" for r, n in f.reject_reasons.items()] + f.warnings
            )
            ft.add_row(
                str(f.id),
                Text(f.file_name),
                f.source_kind,
                f.status,
                Text(f.layout or ""),
                f"{f.rows_loaded:,}",
                f"{f.rows_rejected:,}",
                _day(f.first_event_at),
                _day(f.last_event_at),
                Text(note),
            )
        out.print(ft)
    if errors:
        if not error_rows:
            out.print("No rejected rows.")
        else:
            et = Table(title=f"row errors (first {limit})" if limit else "row errors")
            for name in ("import", "file", "line", "column", "value", "reason"):
                et.add_column(name)
            for e in error_rows:
                et.add_row(
                    str(e.import_id),
                    Text(e.file),
                    str(e.line or ""),
                    Text(e.column or ""),
                    Text(e.value or ""),
                    Text(e.reason),
                )
            out.print(et)
