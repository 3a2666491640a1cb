"""``countylines operation arrest|seizure|referral|visit|charge|hearing|sentence|cases``.

Results of the day of action, and every arrested person's case to sentence,
with the funnel (arrested -> charged -> convicted -> immediate custody).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.text import Text
from sqlalchemy.orm import Session

from countylines.cli.common import JsonOption, console, open_workspace, out, print_json
from countylines.cli.operation_common import (
    day,
    fail,
    moment,
    on_operation,
    print_cases,
)
from countylines.operations import (
    cases,
    planning,
    results,
    terms,
    views,
)
from countylines.operations.charts import funnel_svg
from countylines.operations.models import ArrestRecord
from countylines.security.access import Principal
from countylines.store.picture import load_latest_picture
from countylines.workspace import Workspace

# --- results -----------------------------------------------------------------------------


def arrest(
    ctx: typer.Context,
    operation: str = typer.Argument(..., help="Operation id or name."),
    person: str = typer.Option(..., "--person", help="Name of the person arrested."),
    offence: str = typer.Option(..., "--offence", help="Offence arrested for."),
    at: str = typer.Option(..., "--at", help="Time of arrest (UK time unless a zone)."),
    place: str = typer.Option(..., "--place", help="Where."),
    nominal: str | None = typer.Option(None, "--nominal", help="Linked nominal id."),
    number: list[str] = typer.Option([], "--number", help="A phone of theirs (repeatable)."),
    possible_victim: bool | None = typer.Option(
        None,
        "--possible-victim/--not-possible-victim",
        help="Default: from the nominal (runners and occupants are possible victims).",
    ),
    target_id: int | None = typer.Option(None, "--target", help="Target number, if at one."),
    as_json: bool = JsonOption,
) -> None:
    """Record an arrest: person, offence, time and place."""
    when = moment(at)
    with open_workspace(ctx) as ws:
        row = on_operation(
            ws,
            ctx,
            operation,
            write=True,
            action="collection",
            record_type="operation_arrest",
            record_id=lambda _, r: str(r.id),
            summary=lambda o, r: f"arrest {r.id} recorded in {o.name}",
            work=lambda s, p, o: results.record_arrest(
                s,
                p,
                o,
                person=person,
                offence=offence,
                arrested_at=when,
                place=place,
                nominal_id=nominal,
                numbers=number,
                possible_victim=possible_victim,
                target_id=target_id,
            ),
        )
    if as_json:
        print_json({"arrest_id": row.id, "possible_victim": row.possible_victim})
        return
    console.print(f"arrest {row.id} recorded")
    if row.possible_victim:
        console.print(Text(cases.VICTIM_NOTE, style="italic"))


def _arrest_logged(
    ws: Workspace,
    ctx: typer.Context,
    arrest_id: int,
    record_type: str,
    what: str,
    work: Callable[[Session, Principal], Any],
) -> Any:
    with ws.session() as s:
        row = s.get(ArrestRecord, arrest_id)
        if row is None:
            raise fail(f"no arrest {arrest_id}")
        op_id = row.operation_id
    return on_operation(
        ws,
        ctx,
        str(op_id),
        write=True,
        action="collection",
        record_type=record_type,
        record_id=lambda _, r: str(r.id),
        summary=lambda _, r: f"{what} {r.id} recorded on arrest {arrest_id}",
        work=lambda s, p, _: work(s, p),
    )


def charge(
    ctx: typer.Context,
    arrest_id: int = typer.Argument(..., help="The arrest."),
    offence: str = typer.Option(..., "--offence", help="Offence charged."),
    on: str = typer.Option(..., "--on", help="Date of the decision (YYYY-MM-DD)."),
    cps: str = typer.Option(
        terms.CPS_CHARGE, "--cps", help="CPS decision: " + ", ".join(terms.CPS_DECISIONS) + "."
    ),
) -> None:
    """Record a charging decision on an arrest."""
    when_day = day(on)
    with open_workspace(ctx) as ws:
        row = _arrest_logged(
            ws,
            ctx,
            arrest_id,
            "operation_charge",
            "charging decision",
            lambda s, p: results.record_charge(
                s, p, arrest_id, offence=offence, decided_on=when_day, cps_decision=cps
            ),
        )
    console.print(f"charge {row.id} recorded ({escape(row.cps_decision)})")


def hearing(
    ctx: typer.Context,
    arrest_id: int = typer.Argument(..., help="The arrest."),
    court: str = typer.Option(..., "--court", help="The court."),
    on: str = typer.Option(..., "--on", help="Date of the hearing."),
    outcome: str = typer.Option(
        ..., "--outcome", help="One of: " + ", ".join(terms.HEARING_OUTCOMES) + "."
    ),
) -> None:
    """Record a court hearing of an arrested person's case."""
    when_day = day(on)
    with open_workspace(ctx) as ws:
        row = _arrest_logged(
            ws,
            ctx,
            arrest_id,
            "operation_hearing",
            "hearing",
            lambda s, p: results.record_hearing(
                s, p, arrest_id, court=court, heard_on=when_day, outcome=outcome
            ),
        )
    console.print(f"hearing {row.id} recorded ({escape(row.outcome)})")


def sentence(
    ctx: typer.Context,
    arrest_id: int = typer.Argument(..., help="The arrest."),
    on: str = typer.Option(..., "--on", help="Date of sentence."),
    custodial_months: int = typer.Option(0, "--custodial-months", min=0, help="Custodial term."),
    suspended: bool = typer.Option(False, "--suspended", help="The custodial term is suspended."),
    community_order: bool = typer.Option(False, "--community-order", help="A community order."),
    notes: str = typer.Option("", "--notes", help="Other parts of the sentence."),
) -> None:
    """Record a sentence (after a conviction)."""
    when_day = day(on)
    with open_workspace(ctx) as ws:
        row = _arrest_logged(
            ws,
            ctx,
            arrest_id,
            "operation_sentence",
            "sentence",
            lambda s, p: results.record_sentence(
                s,
                p,
                arrest_id,
                sentenced_on=when_day,
                custodial_months=custodial_months,
                suspended=suspended,
                community_order=community_order,
                notes=notes,
            ),
        )
    console.print(f"sentence {row.id} recorded")


def seizure(
    ctx: typer.Context,
    operation: str = typer.Argument(..., help="Operation id or name."),
    kind: str = typer.Option(..., "--kind", help="One of: " + ", ".join(terms.SEIZURE_KINDS) + "."),
    at: str = typer.Option(..., "--at", help="When (UK time unless a zone)."),
    place: str = typer.Option("", "--place", help="Where."),
    drug: str | None = typer.Option(None, "--drug", help=", ".join(terms.DRUG_TYPES) + "."),
    grams: str | None = typer.Option(None, "--grams", help="Weight of drugs in grams."),
    pounds: str | None = typer.Option(None, "--pounds", help="Cash in pounds, e.g. 1520.50."),
    weapon: str | None = typer.Option(None, "--weapon", help=", ".join(terms.WEAPON_KINDS) + "."),
    number: list[str] = typer.Option([], "--number", help="A seized phone's number (repeatable)."),
    arrest_id: int | None = typer.Option(None, "--arrest", help="The arrest it came with."),
    as_json: bool = JsonOption,
) -> None:
    """Record a seizure: drugs (type, grams), cash, a weapon, or a phone (linked to lines)."""
    when = moment(at)
    with open_workspace(ctx) as ws:
        picture = load_latest_picture(ws.root) or {}
        known = planning.line_refs(picture) if picture else []
        row = on_operation(
            ws,
            ctx,
            operation,
            write=True,
            action="collection",
            record_type="operation_seizure",
            record_id=lambda _, r: str(r.id),
            summary=lambda o, r: f"seizure {r.id} ({r.kind}) recorded in {o.name}",
            work=lambda s, p, o: results.record_seizure(
                s,
                p,
                o,
                kind=kind,
                seized_at=when,
                place=place,
                drug_type=drug,
                grams=grams,
                pounds=pounds,
                weapon_kind=weapon,
                numbers=number,
                arrest_id=arrest_id,
                known_lines=known,
            ),
        )
    if as_json:
        print_json({"seizure_id": row.id, "line_ids": list(row.line_ids)})
        return
    linked = f", linked to {', '.join(row.line_ids)}" if row.line_ids else ""
    console.print(f"seizure {row.id} ({escape(row.kind)}) recorded{escape(linked)}")


def referral(
    ctx: typer.Context,
    operation: str = typer.Argument(..., help="Operation id or name."),
    route: str = typer.Option(..., "--route", help=", ".join(terms.REFERRAL_ROUTES) + "."),
    person: str = typer.Option(..., "--person", help="Who was referred."),
    at: str = typer.Option(..., "--at", help="When the referral was made."),
    child: bool = typer.Option(False, "--child", help="The person is (or may be) a child."),
    arrest_id: int | None = typer.Option(None, "--arrest", help="Their arrest, if arrested."),
    target_id: int | None = typer.Option(None, "--target", help="Target where found."),
) -> None:
    """Record a safeguarding referral made (MASH, NRM, adult social care)."""
    when = moment(at)
    with open_workspace(ctx) as ws:
        row = on_operation(
            ws,
            ctx,
            operation,
            write=True,
            action="collection",
            record_type="operation_referral",
            record_id=lambda _, r: str(r.id),
            summary=lambda o, r: f"{r.route} referral {r.id} recorded in {o.name}",
            work=lambda s, p, o: results.record_referral(
                s,
                p,
                o,
                route=route,
                person=person,
                referred_at=when,
                possible_child=child,
                arrest_id=arrest_id,
                target_id=target_id,
            ),
        )
    console.print(f"{escape(row.route)} referral {row.id} recorded")


def visit(
    ctx: typer.Context,
    operation: str = typer.Argument(..., help="Operation id or name."),
    address: str = typer.Option(..., "--address", help="Address visited."),
    at: str = typer.Option(..., "--at", help="When."),
    cuckooed: bool = typer.Option(
        ..., "--cuckooed/--not-cuckooed", help="Found (or suspected) to be cuckooed."
    ),
    vulnerable: int = typer.Option(0, "--vulnerable", min=0, help="Vulnerable people seen."),
    target_id: int | None = typer.Option(None, "--target", help="Target number, if planned."),
    notes: str = typer.Option("", "--notes", help="Notes."),
) -> None:
    """Record a safeguarding visit and the vulnerable people seen."""
    when = moment(at)
    with open_workspace(ctx) as ws:
        row = on_operation(
            ws,
            ctx,
            operation,
            write=True,
            action="collection",
            record_type="operation_visit",
            record_id=lambda _, r: str(r.id),
            summary=lambda o, r: f"visit {r.id} recorded in {o.name}",
            work=lambda s, p, o: results.record_visit(
                s,
                p,
                o,
                address=address,
                visited_at=when,
                cuckooed=cuckooed,
                vulnerable_people=vulnerable,
                target_id=target_id,
                notes=notes,
            ),
        )
    console.print(f"visit {row.id} recorded")


def cases_cmd(
    ctx: typer.Context,
    operation: str = typer.Argument(..., help="Operation id or name."),
    funnel: Path | None = typer.Option(None, "--funnel", help="Write the funnel chart (.svg)."),
    as_json: bool = JsonOption,
) -> None:
    """Every arrested person's case (charge, hearings, sentence) and the funnel."""
    if funnel is not None and funnel.suffix.lower() != ".svg":
        raise fail(f"{funnel}: the funnel chart is written as .svg")
    with open_workspace(ctx) as ws:
        view = on_operation(
            ws,
            ctx,
            operation,
            write=False,
            action="consultation",
            record_type="operation_cases",
            record_id=lambda o, _: str(o.id),
            summary=lambda o, v: f"{len(v['cases'])} cases of {o.name} read",
            work=lambda s, _, o: views.operation_view(s, o),
        )
    f = view["funnel"]
    if funnel is not None:
        funnel.write_text(
            funnel_svg(
                cases.Funnel(
                    f["arrested"],
                    f["charged"],
                    f["convicted"],
                    f["custodial"],
                    f["custodial_months"],
                ),
                title=f"{view['name']}: case funnel",
            ),
            encoding="utf-8",
        )
    if as_json:
        print_json({"cases": view["cases"], "funnel": f})
        return
    if not view["cases"]:
        out.print("No arrests recorded.")
    print_cases(view["cases"], f)
