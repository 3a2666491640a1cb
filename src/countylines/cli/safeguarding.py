"""``countylines safeguarding``: the possible victims from the latest analysis, and their status."""

from __future__ import annotations

import typer
from rich.markup import escape
from rich.table import Table

from countylines.analysis.safeguarding import STATUSES
from countylines.cli.common import JsonOption, actor, console, open_workspace, out, print_json
from countylines.security.audit import record_event
from countylines.store.picture import load_latest_picture
from countylines.store.safeguarding import StatusError, current_statuses, set_status

app = typer.Typer(
    help="Possible victims (runners, cuckooed addresses): referral routes and status.",
    no_args_is_help=True,
)


@app.command("list")
def list_command(ctx: typer.Context, as_json: bool = JsonOption) -> None:
    """The safeguarding list: children first, then by urgency, with route and status."""
    with open_workspace(ctx) as ws:
        picture = load_latest_picture(ws.root)
        if picture is None:
            console.print("No analysis yet: run `countylines analyse` first.")
            raise typer.Exit(2)
        with ws.session() as session:
            statuses = current_statuses(session)
            record_event(
                session,
                actor=actor(),
                action="consultation",
                record_type="safeguarding",
                record_id=None,
                summary=f"safeguarding list of run {picture['run_id']}",
            )
            session.commit()
    entries = []
    for entry in picture["safeguarding"]:
        row = statuses.get(entry["safeguarding_id"])
        entries.append(
            {
                **entry,
                "status": row.status if row else entry["status"],
                "status_note": row.note if row else None,
                "status_by": row.set_by if row else None,
                "status_at": row.set_at if row else None,
            }
        )
    if as_json:
        print_json({"run_id": picture["run_id"], "safeguarding": entries})
        return
    table = Table(title=f"{len(entries)} possible victim(s) or address(es) - treat as victims")
    for column in ("id", "who / where", "child?", "route", "status"):
        table.add_column(column)
    for e in entries:
        table.add_row(
            e["safeguarding_id"],
            escape(e["label"]),
            "possible child" if e["possible_child"] else "",
            e["route"],
            escape(e["status"]),
        )
    out.print(table)
    out.print(
        "Why and what to do: `countylines safeguarding list --json` (indicators, route reasons)."
    )


@app.command("set")
def set_command(
    ctx: typer.Context,
    safeguarding_id: str = typer.Argument(..., help="The entry's id (sg-...)."),
    status: str = typer.Argument(..., help=f"One of: {', '.join(STATUSES)}."),
    note: str = typer.Option(..., "--note", help="What was done and the reference (required)."),
) -> None:
    """Record what was done for a possible victim (kept with who and when, and logged)."""
    with open_workspace(ctx) as ws:
        picture = load_latest_picture(ws.root) or {"safeguarding": []}
        known = {e["safeguarding_id"] for e in picture["safeguarding"]}
        if safeguarding_id not in known:
            console.print(f"[red]error:[/red] no safeguarding entry {escape(safeguarding_id)}")
            raise typer.Exit(2)
        with ws.session() as session:
            try:
                set_status(session, safeguarding_id, status, note, actor())
            except StatusError as exc:
                console.print(f"[red]error:[/red] {escape(str(exc))}")
                raise typer.Exit(2) from exc
            session.commit()
    out.print(f"{safeguarding_id}: {escape(status)}")
