"""``countylines operation plan|target|assign|briefing``: the day of action.

One strike time for simultaneous entry, teams, targets proposed from the line
picture (holders' and runners' bases; cuckooed addresses as safeguarding
visits), the warrant rule, and a briefing pack per team that respects
handling codes and compartments (a disclosure, logged with its recipient).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text
from sqlalchemy.orm import Session

from countylines.cli.common import JsonOption, console, open_workspace, out, print_json
from countylines.cli.operation_common import (
    fail,
    latest_picture,
    moment,
    on_operation,
    principal_of,
    refusals,
)
from countylines.operations import (
    briefing,
    briefing_render,
    hazards,
    sources,
    store,
    views,
)
from countylines.operations.models import Operation
from countylines.operations.when import as_utc
from countylines.security.access import Principal
from countylines.store.picture import load_latest_picture

# --- the day of action -----------------------------------------------------------------


def _team_spec(text: str) -> tuple[str, str, int]:
    parts = [p.strip() for p in text.split(":")]
    if len(parts) not in (2, 3) or not all(parts[:2]):
        raise fail(f"--team {text!r}: write NAME:LEADER or NAME:LEADER:OFFICERS")
    officers = 0
    if len(parts) == 3:
        if not parts[2].isdigit():
            raise fail(f"--team {text!r}: OFFICERS must be a whole number")
        officers = int(parts[2])
    return parts[0], parts[1], officers


def plan(
    ctx: typer.Context,
    operation: str = typer.Argument(..., help="Operation id or name."),
    strike: str | None = typer.Option(
        None, "--strike", help="The one strike time for simultaneous entry (UK time unless a zone)."
    ),
    team: list[str] = typer.Option(
        [], "--team", help="Add a team NAME:LEADER[:OFFICERS] (repeatable)."
    ),
    as_json: bool = JsonOption,
) -> None:
    """Set the strike time and teams; propose targets from the picture; list what is missing."""
    strike_at = moment(strike) if strike else None
    teams = [_team_spec(t) for t in team]
    with open_workspace(ctx) as ws:
        picture = load_latest_picture(ws.root)

        def work(s: Session, p: Principal, o: Operation) -> dict[str, Any]:
            if strike_at is not None:
                store.set_strike(s, p, o, strike_at)
            for name, leader, officers in teams:
                store.add_team(s, p, o, name=name, leader=leader, officers=officers)
            line_ids = [x.line_id for x in store.lines_of(s, o)]
            known = {str(x["line_id"]) for x in (picture or {}).get("lines", [])}
            usable = [x for x in line_ids if x in known]
            proposed = sources.proposals(ws, picture, usable) if picture and usable else []
            view = views.operation_view(s, o)
            return {
                "strike_at": view["strike_at"],
                "strike_local": view["strike_local"],
                "teams": view["teams"],
                "proposals": [x.to_json() for x in proposed],
                "targets": view["targets"],
                "plan_problems": view["plan_problems"],
                "lines_not_in_picture": [x for x in line_ids if x not in known],
            }

        result = on_operation(
            ws,
            ctx,
            operation,
            write=bool(strike_at or teams),
            action="alteration" if strike_at or teams else "consultation",
            record_type="operation",
            record_id=lambda o, _: str(o.id),
            summary=lambda o, v: (
                f"day-of-action plan of {o.name}"
                + (f": strike {v['strike_at']}" if strike_at else "")
                + (f", teams {', '.join(t[0] for t in teams)}" if teams else "")
            ),
            work=work,
        )
    if as_json:
        print_json(result)
        return
    out.print(Text(f"strike: {result['strike_local'] or 'not set'}"))
    out.print(Text("teams: " + (", ".join(t["name"] for t in result["teams"]) or "none")))
    if result["proposals"]:
        table = Table("proposal", "kind", "label", "cell", "why", title="Proposed targets")
        for x in result["proposals"]:
            table.add_row(
                x["proposal_id"],
                x["kind"],
                Text(x["label"]),
                Text(x["cell_id"]),
                Text("; ".join(x["reasons"])),
            )
        out.print(table)
        out.print(
            "Adopt one: `countylines operation target OP --proposal P1 --address ... "
            "--warrant REF --team NAME` (a safeguarding visit needs no warrant)."
        )
    for problem in result["plan_problems"]:
        out.print(Text(f"plan: {problem}", style="yellow"))


def target(
    ctx: typer.Context,
    operation: str = typer.Argument(..., help="Operation id or name."),
    proposal: str | None = typer.Option(
        None, "--proposal", help="Adopt a proposal of `operation plan` (P1, P2...)."
    ),
    kind: str | None = typer.Option(
        None, "--kind", help="enforcement or 'safeguarding visit' (default: the proposal's)."
    ),
    label: str | None = typer.Option(None, "--label", help="What it is (default: the proposal's)."),
    address: str | None = typer.Option(None, "--address", help="The address officers attend."),
    warrant: str | None = typer.Option(
        None, "--warrant", help="Reference of the recorded warrant (enforcement)."
    ),
    team: str | None = typer.Option(None, "--team", help="The team assigned."),
    as_json: bool = JsonOption,
) -> None:
    """Add a target; enforcement needs a recorded warrant for its address."""
    with open_workspace(ctx) as ws:
        chosen: dict[str, Any] = {}
        if proposal:
            picture = latest_picture(ws)
            with ws.session() as s:
                principal = principal_of(ctx, s)
                with refusals(ws, ctx, f"target for {operation}"):
                    op = store.open_operation(s, principal, operation)
                    line_ids = [x.line_id for x in store.lines_of(s, op)]
            with refusals(ws, ctx, "proposals"):
                found = {p.proposal_id: p for p in sources.proposals(ws, picture, line_ids)}
            if proposal not in found:
                raise fail(
                    f"no proposal {proposal!r} (see `countylines operation plan {operation}`)"
                )
            chosen = found[proposal].to_json()
        target_kind = kind or chosen.get("kind")
        target_label = label or chosen.get("label")
        if not target_kind or not target_label:
            raise fail("give --kind and --label (or adopt a --proposal)")
        row = on_operation(
            ws,
            ctx,
            operation,
            write=True,
            action="collection",
            record_type="operation_target",
            record_id=lambda _, r: str(r.id),
            summary=lambda o, r: f"target T{r.id} ({r.kind}) added to {o.name}",
            work=lambda s, p, o: store.add_target(
                s,
                p,
                o,
                kind=str(target_kind),
                label=str(target_label),
                address=address,
                warrant=warrant,
                team=team,
                cell_id=chosen.get("cell_id"),
                latitude=chosen.get("latitude"),
                longitude=chosen.get("longitude"),
                line_ids=chosen.get("line_ids", []),
                nominal_ids=chosen.get("nominal_ids", []),
                numbers=chosen.get("numbers", []),
                reason="; ".join(chosen.get("reasons", [])),
            ),
        )
    if as_json:
        print_json({"target_id": row.id, "kind": row.kind})
    else:
        console.print(f"target T{row.id} ({escape(row.kind)}) added")


def assign(
    ctx: typer.Context,
    operation: str = typer.Argument(..., help="Operation id or name."),
    target_id: int = typer.Argument(..., help="Target number (T3 -> 3)."),
    team: str = typer.Option(..., "--team", help="The team."),
) -> None:
    """Assign a target to a team."""
    with open_workspace(ctx) as ws:
        on_operation(
            ws,
            ctx,
            operation,
            write=True,
            action="alteration",
            record_type="operation_target",
            record_id=lambda _, r: str(r.id),
            summary=lambda _, r: f"target T{r.id} assigned to team {team}",
            work=lambda s, p, o: store.assign_team(s, p, o, target_id, team),
        )
    console.print(f"T{target_id} assigned to {escape(team)}")


def briefing_cmd(
    ctx: typer.Context,
    operation: str = typer.Argument(..., help="Operation id or name."),
    team: str = typer.Option(..., "--team", help="The team whose pack to make."),
    out_path: Path = typer.Option(..., "--out", help="File to write: .pdf or .html."),
    accept_conditions: bool = typer.Option(
        False,
        "--accept-conditions",
        help="You accept that handling conditions travel with the items that carry them "
        "(otherwise those items are withheld).",
    ),
    as_json: bool = JsonOption,
) -> None:
    """A team's briefing pack (PDF): map, subjects, hazards, handling conditions."""
    if out_path.suffix.lower() not in (".pdf", ".html"):
        raise fail(f"{out_path}: the pack is written as .pdf or .html")
    with open_workspace(ctx) as ws:
        picture = load_latest_picture(ws.root) or {}

        def work(s: Session, p: Principal, o: Operation) -> briefing.Briefing:
            if o.strike_at is None:
                raise store.OperationError("set the strike time first (`operation plan --strike`)")
            teams = {t.name: t for t in store.teams_of(s, o)}
            if team not in teams:
                raise store.OperationError(f"no team {team!r} in {o.name}")
            targets = store.targets_of(s, o)
            items, held = sources.intel_items(s, p)
            numbers = store.target_numbers(s, o)
            per_target = {
                t.target_id: hazards.hazards_for(
                    numbers=numbers.get(t.target_id, []),
                    address=t.address,
                    cell_id=t.cell_id,
                    line_ids=t.line_ids,
                    reports=items,
                    picture=picture,
                    held=held,
                )
                for t in targets
                if t.team == team
            }
            return briefing.build_briefing(
                operation=o.name,
                compartment=store.compartment_name(s, o),
                sio=o.sio,
                team=team,
                leader=teams[team].leader,
                strike_at=as_utc(o.strike_at),
                targets=targets,
                authorisations={
                    a.id: store.to_authorisation(a) for a in store.authorisations_of(s, o)
                },
                nominals=[store.to_nominal_ref(n) for n in store.nominals_of(s, o)],
                hazards=per_target,
                accept_conditions=accept_conditions,
                held_elsewhere=held,
            )

        with refusals(ws, ctx, f"briefing pack for {operation}"), ws.session() as s:
            principal = principal_of(ctx, s)
            op = store.open_operation(s, principal, operation)
            recipient = f"team {team}, {op.name}"
        pack = on_operation(
            ws,
            ctx,
            operation,
            write=False,
            action="disclosure",
            record_type="operation_briefing",
            record_id=lambda o, _: str(o.id),
            summary=lambda o, b: (
                f"briefing pack of team {b.team} ({len(b.targets)} targets, "
                f"{b.withheld} items withheld) written to {out_path.name}"
            ),
            work=work,
            recipient=recipient,
        )
    if out_path.suffix.lower() == ".pdf":
        out_path.write_bytes(briefing_render.render_pdf(pack))
    else:
        out_path.write_text(briefing_render.render_html(pack), encoding="utf-8")
    if as_json:
        print_json({"file": str(out_path), "briefing": pack.to_json()})
    else:
        console.print(
            f"briefing pack of team {escape(team)}: {len(pack.targets)} targets, "
            f"{pack.withheld} items withheld; written to {escape(str(out_path))}"
        )
