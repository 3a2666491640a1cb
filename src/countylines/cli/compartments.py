"""``countylines compartments``: need-to-know groups (one per operation) and their members."""

from __future__ import annotations

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from countylines.cli.common import JsonOption, actor, console, open_workspace, out, print_json
from countylines.security.accounts import (
    PICTURE_RECORD_TYPES,
    AccountError,
    add_compartment,
    grant,
    list_compartments,
    place_record,
    revoke,
)

app = typer.Typer(
    help="Compartments: material seen only by their members; others are told whom to contact.",
    no_args_is_help=True,
)


def _fail(exc: Exception) -> typer.Exit:
    console.print(f"[red]error:[/red] {escape(str(exc))}")
    return typer.Exit(2)


@app.command("add")
def add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Name, e.g. the operation's: 'Op ALDER'."),
    owner: str = typer.Option(..., "--owner", help="Account others are told to contact."),
    description: str | None = typer.Option(None, "--description", help="What it holds."),
    as_json: bool = JsonOption,
) -> None:
    """Create a compartment; its owner becomes its first member."""
    with open_workspace(ctx) as ws:
        try:
            with ws.session() as session, session.begin():
                info = add_compartment(
                    session, name=name, owner=owner, by=actor(), description=description
                )
        except AccountError as exc:
            raise _fail(exc) from exc
    if as_json:
        print_json(info)
    else:
        console.print(f"compartment {escape(info.name)} (#{info.id}), owner {escape(info.owner)}")


@app.command("grant")
def grant_cmd(
    ctx: typer.Context,
    compartment: str = typer.Argument(..., help="The compartment's name."),
    username: str = typer.Argument(..., help="The account to admit."),
) -> None:
    """Admit an account to a compartment."""
    with open_workspace(ctx) as ws:
        try:
            with ws.session() as session, session.begin():
                grant(session, username=username, compartment=compartment, by=actor())
        except AccountError as exc:
            raise _fail(exc) from exc
    console.print(f"{escape(username)} may now see {escape(compartment)}")


@app.command("revoke")
def revoke_cmd(
    ctx: typer.Context,
    compartment: str = typer.Argument(..., help="The compartment's name."),
    username: str = typer.Argument(..., help="The account to remove."),
) -> None:
    """End an account's membership of a compartment."""
    with open_workspace(ctx) as ws:
        try:
            with ws.session() as session, session.begin():
                revoke(session, username=username, compartment=compartment, by=actor())
        except AccountError as exc:
            raise _fail(exc) from exc
    console.print(f"{escape(username)} no longer sees {escape(compartment)}")


@app.command("place")
def place(
    ctx: typer.Context,
    record_type: str = typer.Argument(
        ..., help="intel_report, or a picture record: " + ", ".join(PICTURE_RECORD_TYPES) + "."
    ),
    key: str = typer.Argument(..., help="The report's URN, or the record's id (line-...)."),
    compartment: str | None = typer.Option(
        None, "--compartment", help="Compartment name; leave out to make it general material."
    ),
) -> None:
    """Place a record in a compartment (or back in general material)."""
    with open_workspace(ctx) as ws:
        try:
            with ws.session() as session, session.begin():
                place_record(
                    session,
                    record_type=record_type,
                    record_key=key,
                    compartment=compartment,
                    by=actor(),
                )
        except AccountError as exc:
            raise _fail(exc) from exc
    where = f"compartment {compartment}" if compartment else "general material"
    console.print(f"{escape(record_type)} {escape(key)}: {escape(where)}")


@app.command("list")
def list_cmd(ctx: typer.Context, as_json: bool = JsonOption) -> None:
    """List compartments with their owners and members."""
    with open_workspace(ctx) as ws, ws.session() as session:
        items = list_compartments(session)
    if as_json:
        print_json(items)
        return
    if not items:
        out.print("No compartments: every record is general material.")
        return
    table = Table(title="compartments")
    for column in ("id", "name", "owner", "members", "description"):
        table.add_column(column)
    for c in items:
        table.add_row(
            str(c.id),
            Text(c.name),
            Text(c.owner),
            Text(", ".join(c.members)),
            Text(c.description or ""),
        )
    out.print(table)
