"""``countylines returns --from D --to D``: NCLCC-style figures for a period.

Counts the results of every operation the account may see (or those named)
in the period, each record on its own UK date: lines closed by type, arrests,
people and line holders charged, safeguarding referrals, cuckooed addresses
visited, seizures. Operations in compartments the account lacks are not
counted, and the output says how many owners hold others. The reading is
logged (DPA 2018 s.62). Definitions: ``operations/returns.py``, docs/operations.md.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table
from rich.text import Text
from sqlalchemy.orm import Session

from countylines.cli.common import JsonOption, console, open_workspace, out, print_json
from countylines.cli.operation_common import day, fail, not_on_operation
from countylines.operations import results, store
from countylines.operations.returns import (
    Period,
    PeriodError,
    Returns,
    nclcc_returns,
    returns_csv,
    returns_json,
)
from countylines.security.access import Principal


def returns(
    ctx: typer.Context,
    start: str = typer.Option(..., "--from", help="First day of the period (YYYY-MM-DD)."),
    end: str = typer.Option(..., "--to", help="Last day of the period (included)."),
    operation: list[str] = typer.Option(
        [], "--operation", help="Count only this operation (id or name; repeatable)."
    ),
    csv_path: Path | None = typer.Option(None, "--csv", help="Also write the figures as CSV."),
    user: str | None = typer.Option(
        None, "--as", envvar="COUNTYLINES_USER", help="The account you act as."
    ),
    as_json: bool = JsonOption,
) -> None:
    """NCLCC-style returns for a period: a table (or --json), and --csv."""
    try:
        period = Period(day(start), day(end))
    except PeriodError as exc:
        raise fail(str(exc)) from exc
    ctx.ensure_object(dict)
    if user:
        ctx.obj["operation_user"] = user

    def work(session: Session, principal: Principal) -> tuple[Returns, int]:
        visible, elsewhere = store.list_operations(session, principal)
        if operation:
            ids = [store.open_operation(session, principal, ref).id for ref in operation]
        else:
            ids = [op.id for op in visible]
        records = results.load_records(session, ids)
        return nclcc_returns(records, period, ids), len(elsewhere)

    with open_workspace(ctx) as ws:
        figures, held = not_on_operation(
            ws,
            ctx,
            action="consultation",
            record_type="returns",
            record_id=lambda _: None,
            summary=lambda v: (
                f"returns {period.start} to {period.end} over {len(v[0].operations)} operations"
            ),
            work=work,
        )
    if csv_path is not None:
        csv_path.write_text(returns_csv(figures), encoding="utf-8")
        console.print(f"returns written to {csv_path}")
    if as_json:
        print_json({**returns_json(figures), "owners_holding_other_operations": held})
        return
    table = Table(
        "", "figure", "value", title=f"Returns {period.start} to {period.end}", title_justify="left"
    )
    previous = None
    for group, figure, value in figures.rows():
        shown = f"{value:,.2f}" if isinstance(value, float) else f"{value:,}"
        table.add_row(group if group != previous else "", Text(figure), shown)
        previous = group
    out.print(table)
    out.print(f"over {len(figures.operations)} operation(s)")
    if held:
        out.print(
            Text(f"{held} owner(s) hold operations in compartments you are not in: not counted")
        )
