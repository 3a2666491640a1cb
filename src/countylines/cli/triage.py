"""``countylines triage``: the queue of reports from the public, on the command line."""

from __future__ import annotations

import typer
from rich.markup import escape
from rich.table import Table

from countylines.cli.common import JsonOption, actor, console, open_workspace, out, print_json
from countylines.domain.display import printable
from countylines.public.models import STATUSES
from countylines.public.triage import TriageError, queue_rows, queue_summary
from countylines.security.audit import record_event

app = typer.Typer(
    help="Reports from the public page: the triage queue (triage them in the web workspace).",
    no_args_is_help=True,
)


@app.command("list")
def list_command(
    ctx: typer.Context,
    status: str = typer.Option("new", "--status", help=f"One of: {', '.join(STATUSES)}."),
    as_json: bool = JsonOption,
) -> None:
    """Released reports of one status with their mentions, links to known lines, nominals and
    intelligence, likely duplicates and suggested risk (reading is logged, s.62)."""
    with open_workspace(ctx) as ws:
        try:
            with ws.session() as session, session.begin():
                data = queue_rows(session, ws.root, None, status=status)
                record_event(
                    session,
                    actor=actor(),
                    action="consultation",
                    record_type="public_report_list",
                    record_id=None,
                    summary=queue_summary(data),
                )
        except TriageError as exc:
            console.print(f"[red]error:[/red] {escape('; '.join(exc.errors.values()))}")
            raise typer.Exit(2) from exc
    if as_json:
        print_json(data)
        return
    counts = ", ".join(f"{n} {s}" for s, n in data["counts"].items())
    table = Table(title=f"{len(data['reports'])} {status} report(s) from the public ({counts})")
    for column in ("reference", "risk", "children", "what", "mentions", "links", "duplicates"):
        table.add_column(column)
    for r in data["reports"]:
        table.add_row(
            r["reference"],
            r["suggested"]["risk"]["value"],
            escape(r["children"]),
            escape(
                printable(r["excerpt"][:120])
                + "".join(f' [concludes: "{c}"]' for c in r.get("concludes", []))
            ),
            escape(
                printable(
                    "; ".join(f"{m['type']} {m['value'] or m['text']}" for m in r["mentions"])
                )
            ),
            escape(
                printable(
                    "; ".join(f"{x['kind']}: {x['label']} ({x['reason']})" for x in r["links"])
                )
            ),
            escape(", ".join(d["reference"] for d in r["duplicates"])),
        )
    out.print(table)
    if data["waiting"]:
        first = data["next_release"][11:16]
        out.print(
            f"{data['waiting']} more report(s) waiting for their hour to end (so that arrival "
            f"times cannot identify senders); the first arrives at {first} UTC."
        )
