"""``countylines operation close|checkback|resilience``: closing lines and what remains.

Type 1 / Type 2 closures, check-backs against new call data (alerts when a
closed number, or a successor in its chain, is used again), and the network
re-measured without the people arrested.
"""

from __future__ import annotations

from typing import Any

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text
from sqlalchemy.orm import Session

from countylines.cli.common import JsonOption, console, open_workspace, out, print_json
from countylines.cli.operation_common import (
    moment,
    not_on_operation,
    on_operation,
    principal_of,
    refusals,
)
from countylines.operations import (
    checkback,
    closing,
    evidence,
    resilience,
    results,
    store,
    terms,
)
from countylines.operations.models import Operation
from countylines.security.access import Principal
from countylines.store.evidence import register_views
from countylines.store.picture import load_latest_picture

# --- closures ------------------------------------------------------------------------------


def close(
    ctx: typer.Context,
    operation: str = typer.Argument(..., help="Operation id or name."),
    line_id: str = typer.Argument(..., help="A line linked to the operation."),
    closure_type: str = typer.Option(
        ..., "--type", help="1 (line holder charged) or 2 (number deactivated)."
    ),
    at: str = typer.Option(..., "--at", help="When the line was closed."),
    charge_id: int | None = typer.Option(None, "--charge", help="Type 1: the holder's charge."),
    deactivation: str | None = typer.Option(
        None, "--deactivation", help="Type 2: reference of the number's deactivation."
    ),
) -> None:
    """Close a line: Type 1 needs its holder charged, Type 2 the deactivation reference."""
    when = moment(at)
    with open_workspace(ctx) as ws:
        row = on_operation(
            ws,
            ctx,
            operation,
            write=True,
            action="collection",
            record_type="line_closure",
            record_id=lambda _, r: str(r.id),
            summary=lambda o, r: f"{r.line_id} closed (Type {r.closure_type}) in {o.name}",
            work=lambda s, p, o: closing.close_line(
                s,
                p,
                o,
                line_id=line_id,
                closure_type=closure_type,
                closed_at=when,
                charge_id=charge_id,
                deactivation_reference=deactivation,
            ),
        )
    console.print(
        f"{escape(row.line_id)} closed: {escape(terms.CLOSURE_TYPES[row.closure_type])}; "
        "check-backs watch its numbers (`countylines operation checkback`)"
    )


def checkback_cmd(
    ctx: typer.Context,
    as_json: bool = JsonOption,
) -> None:
    """Check closed lines against the call data now loaded; raise alerts (exit 1 if new ones)."""
    with open_workspace(ctx) as ws:
        with refusals(ws, ctx, "check-backs"), ws.session() as s:
            principal = principal_of(ctx, s)
            ids = results.visible_operation_ids(s, principal)
            watched = results.load_records(s, ids).closures
        run = checkback.check(ws, watched)

        def work(s: Session, p: Principal) -> list[Any]:
            return closing.save_alerts(s, run.alerts)

        new = not_on_operation(
            ws,
            ctx,
            action="collection",
            record_type="closure_alert",
            record_id=lambda _: None,
            summary=lambda v: (
                f"check-backs of {len(watched)} closures: {len(run.alerts)} alerts, {len(v)} new"
            ),
            work=work,
        )
    alerts = [
        {
            "closure_id": a.closure_id,
            "line_id": a.line_id,
            "number": a.number,
            "kind": a.kind,
            "first_seen_after": a.first_seen_after.isoformat(),
            "last_seen": a.last_seen.isoformat(),
            "evidence": a.evidence,
        }
        for a in run.alerts
    ]
    if as_json:
        print_json(
            {
                "compared_with": run.source,
                "closures": len(watched),
                "alerts": alerts,
                "new": len(new),
            }
        )
    else:
        out.print(Text(f"{len(watched)} closed lines checked against {run.source}"))
        for a in alerts:
            out.print(Text(f"ALERT {a['kind']}: {a['number']} ({a['line_id']})", style="bold red"))
            out.print(Text(f"  {a['evidence']}"))
        if not alerts:
            out.print("No closed number, and no successor of one, has been used since its closure.")
    if new:
        raise typer.Exit(1)


def resilience_cmd(
    ctx: typer.Context,
    operation: str = typer.Argument(..., help="Operation id or name."),
    top: int = typer.Option(5, "--top", min=1, help="Most central numbers left to show."),
    as_json: bool = JsonOption,
) -> None:
    """Re-run the network measures without the people arrested: what remains."""
    with open_workspace(ctx) as ws:
        picture = load_latest_picture(ws.root) or {}

        def work(s: Session, _: Principal, o: Operation) -> resilience.Resilience:
            lines = [store.to_line_ref(x) for x in store.lines_of(s, o)]
            rec = results.load_records(s, [o.id])
            ids = {x.line_id for x in lines}
            picture_lines = [x for x in picture.get("lines", []) if x.get("line_id") in ids]
            customers = {
                n for people in evidence.people_of_lines(picture_lines).values() for n in people
            }
            people = sorted(
                customers
                | {n for x in lines for n in (*x.numbers, *x.holder_numbers, *x.runner_numbers)}
            )
            with ws.duckdb() as con:
                ties = (
                    evidence.ties_among(con, people)
                    if "call_events" in register_views(ws, con)
                    else []
                )
            network = resilience.line_network(ties, lines, customers)
            arrested = {n for a in rec.arrests for n in a.numbers}
            return resilience.resilience(network, arrested, lines, rec.closures, top=top)

        result = on_operation(
            ws,
            ctx,
            operation,
            write=False,
            action="consultation",
            record_type="operation_resilience",
            record_id=lambda o, _: str(o.id),
            summary=lambda o, r: f"resilience of {o.name}: {len(r.removed)} numbers removed",
            work=work,
        )
    if as_json:
        print_json(result.to_json())
        return
    b, a = result.before, result.after
    table = Table("measure", "before", "after", title="The operation's network")
    for label, x, y in (
        ("numbers", b.nodes, a.nodes),
        ("ties", b.edges, a.edges),
        ("components", b.components, a.components),
        ("giant component share", f"{b.giant_share:.2f}", f"{a.giant_share:.2f}"),
        ("efficiency", f"{b.efficiency:.3f}", f"{a.efficiency:.3f}"),
    ):
        table.add_row(label, str(x), str(y))
    out.print(table)
    if result.effect:
        out.print(
            Text(
                f"fragmentation {result.effect.fragmentation_before:.2f} -> "
                f"{result.effect.fragmentation_after:.2f}"
            )
        )
    for m in result.most_central_left:
        out.print(
            Text(
                f"central now: {m.name}"
                + (" (a closed line number)" if m.name in result.closed_numbers else "")
                + f" (betweenness {m.betweenness:.3f}, degree {m.degree})"
            )
        )
    for left in result.lines:
        state = (
            "closed" if left.closed else "open numbers: " + (", ".join(left.numbers_open) or "-")
        )
        out.print(
            Text(
                f"{left.label}: holder {'arrested' if left.holder_arrested else 'NOT arrested'}; "
                f"runners left {len(left.runners_left)} (possible victims); {state}"
            )
        )
