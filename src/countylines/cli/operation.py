"""``countylines operation``: operations, days of action, results, cases and line closures.

Every command acts as an account (``--as USER`` or ``COUNTYLINES_USER``):
its role and compartments apply on the command line as in the web
workspace, and every read and change is written to the s.62 log in the same
transaction, with the operation as its justification (or ``--purpose``).
Times without a zone are UK local time. This module holds the group and the
operation's record; the day of action, results and closures are in
``operation_plan.py``, ``operation_results.py`` and ``operation_closures.py``.
See docs/operations.md.
"""

from __future__ import annotations

from typing import Any

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text
from sqlalchemy.orm import Session

from countylines.cli import operation_closures, operation_plan, operation_results
from countylines.cli.common import JsonOption, console, open_workspace, out, print_json
from countylines.cli.operation_common import (
    day,
    fail,
    latest_picture,
    not_on_operation,
    on_operation,
    print_cases,
)
from countylines.operations import (
    results,
    store,
    terms,
    views,
)
from countylines.operations.models import Operation
from countylines.operations.when import as_utc
from countylines.security.access import Principal

app = typer.Typer(
    help=(
        "Operations: records (compartment, SIO, objectives, lines and nominals, warrants, "
        "phases), the day-of-action plan and briefing packs, results (arrests, seizures, "
        "safeguarding), every case to sentence, line closures and their check-backs. "
        "Act as an account: --as USER (or COUNTYLINES_USER)."
    ),
    no_args_is_help=True,
)


@app.callback()
def operation_group(
    ctx: typer.Context,
    user: str | None = typer.Option(
        None,
        "--as",
        envvar="COUNTYLINES_USER",
        help="The account you act as (its role and compartments apply).",
    ),
    purpose: str | None = typer.Option(
        None,
        "--purpose",
        help="Justification logged with each action (default: the operation's name).",
    ),
) -> None:
    """Operations: act as an account (--as USER); everything is logged (DPA 2018 s.62)."""
    ctx.ensure_object(dict)
    ctx.obj["operation_user"] = user
    ctx.obj["operation_purpose"] = purpose


# --- records ---------------------------------------------------------------------------


@app.command("create")
def create(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The operation's name, e.g. 'Op TIDAL'."),
    compartment: str = typer.Option(
        ..., "--compartment", help="Its compartment (you must be a member)."
    ),
    sio: str = typer.Option(..., "--sio", help="Senior investigating officer."),
    objective: list[str] = typer.Option([], "--objective", help="An objective (repeatable)."),
    as_json: bool = JsonOption,
) -> None:
    """Create an operation in a compartment, with its SIO and objectives."""
    with open_workspace(ctx) as ws:
        op = not_on_operation(
            ws,
            ctx,
            action="collection",
            record_type="operation",
            record_id=lambda o: str(o.id),
            summary=lambda o: f"operation {o.name} created in its compartment",
            work=lambda s, p: store.create_operation(
                s, p, name=name, compartment=compartment, sio=sio, objectives=objective
            ),
        )
    if as_json:
        print_json({"operation_id": op.id, "name": op.name})
    else:
        console.print(f"operation {escape(op.name)} (#{op.id}) created")


@app.command("list")
def list_cmd(ctx: typer.Context, as_json: bool = JsonOption) -> None:
    """The operations you may see; for the others, whom to contact."""
    with open_workspace(ctx) as ws:
        seen, elsewhere = not_on_operation(
            ws,
            ctx,
            action="consultation",
            record_type="operation",
            record_id=lambda _: None,
            summary=lambda v: f"list of operations ({len(v[0])} shown)",
            work=_listing,
        )
    if as_json:
        print_json({"operations": seen, "held_elsewhere": elsewhere})
        return
    table = Table("id", "name", "SIO", "strike", "lines", "arrests", title="Operations")
    for row in seen:
        table.add_row(
            str(row["operation_id"]),
            Text(row["name"]),
            Text(row["sio"]),
            Text(row["strike_at"] or "-"),
            str(row["lines"]),
            str(row["arrests"]),
        )
    out.print(table)
    for text in elsewhere:
        out.print(Text(f"Other operations: {text}"))


def _listing(session: Session, principal: Principal) -> tuple[list[dict[str, Any]], list[str]]:
    ops, held = store.list_operations(session, principal)
    rows = []
    for op in ops:
        rec = results.load_records(session, [op.id])
        rows.append(
            {
                "operation_id": op.id,
                "name": op.name,
                "sio": op.sio,
                "strike_at": as_utc(op.strike_at).isoformat() if op.strike_at else None,
                "lines": len(store.lines_of(session, op)),
                "arrests": len(rec.arrests),
            }
        )
    return rows, [h.message for h in held]


@app.command("show")
def show(
    ctx: typer.Context,
    operation: str = typer.Argument(..., help="Operation id or name."),
    as_json: bool = JsonOption,
) -> None:
    """Everything about an operation: record, plan, results, cases, closures, alerts."""
    with open_workspace(ctx) as ws:
        view = on_operation(
            ws,
            ctx,
            operation,
            write=False,
            action="consultation",
            record_type="operation",
            record_id=lambda o, _: str(o.id),
            summary=lambda o, _: f"operation {o.name} read in full",
            work=lambda s, _, o: views.operation_view(s, o),
        )
    if as_json:
        print_json(view)
        return
    _print_view(view)


def _print_view(v: dict[str, Any]) -> None:
    out.print(Text(f"{v['name']} (#{v['operation_id']})", style="bold"))
    out.print(
        Text(
            f"compartment {v['compartment']}; SIO {v['sio']}; "
            f"strike {v['strike_local'] or 'not set'}"
        )
    )
    for o in v["objectives"]:
        out.print(Text(f"  objective: {o}"))
    for line in v["lines"]:
        out.print(Text(f"  line {line['line_id']} {line['label']}: {', '.join(line['numbers'])}"))
    if v["targets"]:
        table = Table("target", "kind", "label", "address", "warrant", "team", title="Targets")
        for t in v["targets"]:
            table.add_row(
                f"T{t['target_id']}",
                t["kind"],
                Text(t["label"]),
                Text(t["address"] or "-"),
                Text(t["warrant"] or "-"),
                Text(t["team"] or "-"),
            )
        out.print(table)
    for problem in v["plan_problems"]:
        out.print(Text(f"  plan: {problem}", style="yellow"))
    print_cases(v["cases"], v["funnel"])
    for c in v["closures"]:
        out.print(Text(f"  closed: {c['line_id']} Type {c['type']} on {c['closed_at']}"))
    for a in v["alerts"]:
        out.print(Text(f"  ALERT {a['kind']}: {a['number']}: {a['evidence']}", style="red"))


@app.command("link")
def link(
    ctx: typer.Context,
    operation: str = typer.Argument(..., help="Operation id or name."),
    line: list[str] = typer.Option([], "--line", help="A line id of the picture (repeatable)."),
    nominal: list[str] = typer.Option(
        [], "--nominal", help="A nominal id of the picture (repeatable)."
    ),
    people: bool = typer.Option(
        True, "--people/--no-people", help="Also link each line's nominals (holder, runners...)."
    ),
    as_json: bool = JsonOption,
) -> None:
    """Link lines and nominals of the latest analysis picture to the operation."""
    with open_workspace(ctx) as ws:
        picture = latest_picture(ws)
        by_line = {str(x["line_id"]): x for x in picture.get("lines", [])}
        by_nominal = {str(n["nominal_id"]): n for n in picture.get("nominals", [])}
        missing = [x for x in line if x not in by_line] + [
            n for n in nominal if n not in by_nominal
        ]
        if missing:
            raise fail(f"not in the latest analysis picture: {', '.join(missing)}")
        wanted = list(dict.fromkeys(nominal))
        if people:
            for n in picture.get("nominals", []):
                if any(r.get("line_id") in line for r in n.get("roles", [])):
                    wanted.append(str(n["nominal_id"]))
        wanted = list(dict.fromkeys(wanted))

        def work(s: Session, p: Principal, o: Operation) -> dict[str, list[str]]:
            for x in line:
                store.link_line(s, p, o, by_line[x])
            linked = {n.nominal_id for n in store.nominals_of(s, o)}
            for n in wanted:
                if n not in linked:
                    store.link_nominal(s, p, o, by_nominal[n])
            return {"lines": list(line), "nominals": wanted}

        done = on_operation(
            ws,
            ctx,
            operation,
            write=True,
            action="combination",
            record_type="operation",
            record_id=lambda o, _: str(o.id),
            summary=lambda o, v: (
                f"linked to {o.name}: lines "
                f"{', '.join(v['lines']) or '-'}; nominals {', '.join(v['nominals']) or '-'}"
            ),
            work=work,
        )
    if as_json:
        print_json(done)
    else:
        console.print(f"linked {len(done['lines'])} line(s) and {len(done['nominals'])} nominal(s)")


@app.command("authorise")
def authorise(
    ctx: typer.Context,
    operation: str = typer.Argument(..., help="Operation id or name."),
    kind: str = typer.Option(
        terms.WARRANT, "--kind", help="One of: " + ", ".join(terms.AUTHORISATION_KINDS) + "."
    ),
    reference: str = typer.Option(..., "--reference", help="Its reference, e.g. CHM/2024/0192."),
    address: str | None = typer.Option(None, "--address", help="The address (a warrant's)."),
    issued_by: str = typer.Option(..., "--issued-by", help="Court or authorising officer."),
    issued: str = typer.Option(..., "--issued", help="Date issued (YYYY-MM-DD)."),
    expires: str | None = typer.Option(None, "--expires", help="Date it expires."),
) -> None:
    """Record an authorisation; only a warrant makes an address an enforcement target."""
    issued_on, expires_on = day(issued), (day(expires) if expires else None)
    with open_workspace(ctx) as ws:
        row = on_operation(
            ws,
            ctx,
            operation,
            write=True,
            action="collection",
            record_type="operation_authorisation",
            record_id=lambda _, r: str(r.id),
            summary=lambda o, r: f"{r.kind} {r.reference} recorded for {o.name}",
            work=lambda s, p, o: store.add_authorisation(
                s,
                p,
                o,
                kind=kind,
                reference=reference,
                issued_by=issued_by,
                issued_on=issued_on,
                address=address,
                expires_on=expires_on,
            ),
        )
    console.print(f"{escape(row.kind)} {escape(row.reference)} recorded (#{row.id})")


@app.command("phase")
def phase(
    ctx: typer.Context,
    operation: str = typer.Argument(..., help="Operation id or name."),
    name: str = typer.Option(..., "--name", help="e.g. " + ", ".join(terms.PHASES) + "."),
    start: str = typer.Option(..., "--from", help="First day (YYYY-MM-DD)."),
    end: str | None = typer.Option(None, "--to", help="Last day."),
    notes: str | None = typer.Option(None, "--notes", help="Notes."),
) -> None:
    """Record a phase of the operation."""
    starts_on, ends_on = day(start), (day(end) if end else None)
    with open_workspace(ctx) as ws:
        on_operation(
            ws,
            ctx,
            operation,
            write=True,
            action="alteration",
            record_type="operation",
            record_id=lambda o, _: str(o.id),
            summary=lambda o, r: f"phase {r.name!r} added to {o.name}",
            work=lambda s, p, o: store.add_phase(
                s,
                p,
                o,
                name=name,
                starts_on=starts_on,
                ends_on=ends_on,
                notes=notes,
            ),
        )
    console.print(f"phase {escape(name)} recorded")


for _name, _command in (
    ("plan", operation_plan.plan),
    ("target", operation_plan.target),
    ("assign", operation_plan.assign),
    ("briefing", operation_plan.briefing_cmd),
    ("arrest", operation_results.arrest),
    ("charge", operation_results.charge),
    ("hearing", operation_results.hearing),
    ("sentence", operation_results.sentence),
    ("seizure", operation_results.seizure),
    ("referral", operation_results.referral),
    ("visit", operation_results.visit),
    ("cases", operation_results.cases_cmd),
    ("close", operation_closures.close),
    ("checkback", operation_closures.checkback_cmd),
    ("resilience", operation_closures.resilience_cmd),
):
    app.command(_name)(_command)
