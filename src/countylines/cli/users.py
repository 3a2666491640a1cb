"""``countylines users``: accounts of the web workspace (add, disable, list)."""

from __future__ import annotations

import getpass
import sys

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from countylines.cli.common import JsonOption, actor, console, open_workspace, out, print_json
from countylines.security.access import ROLES
from countylines.security.accounts import AccountError, add_user, disable_user, list_users
from countylines.security.passwords import PasswordError

app = typer.Typer(
    help="Accounts of the web workspace: add, disable, list. Roles: " + ", ".join(ROLES) + ".",
    no_args_is_help=True,
)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("password (12 characters or more): ")
    if getpass.getpass("again: ") != first:
        console.print("[red]error:[/red] the two passwords differ")
        raise typer.Exit(2)
    return first


@app.command("add")
def add(
    ctx: typer.Context,
    username: str = typer.Argument(..., help="Sign-in name: lower case, e.g. jsmith."),
    role: str = typer.Option(..., "--role", help="One of: " + ", ".join(ROLES) + "."),
    name: str = typer.Option(..., "--name", help="Name others see, e.g. 'DS Jane Smith'."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from the first line of stdin."
    ),
    sso_subject: str | None = typer.Option(
        None,
        "--sso-subject",
        help="Single sign-on only: the identity provider's subject for this person "
        "(no password is set). See docs/security.md.",
    ),
    as_json: bool = JsonOption,
) -> None:
    """Add an account; asks for its password (argon2-hashed, never stored as text)."""
    password = None if sso_subject else _read_password(password_stdin)
    with open_workspace(ctx) as ws:
        try:
            with ws.session() as session, session.begin():
                info = add_user(
                    session,
                    username=username,
                    display_name=name,
                    role=role,
                    password=password,
                    by=actor(),
                    external_subject=sso_subject,
                )
        except (AccountError, PasswordError) as exc:
            console.print(f"[red]error:[/red] {escape(str(exc))}")
            raise typer.Exit(2) from exc
    if as_json:
        print_json(info)
    else:
        console.print(f"added {escape(info.username)} ({escape(ROLES[info.role])})")


@app.command("disable")
def disable(
    ctx: typer.Context,
    username: str = typer.Argument(..., help="The account to disable."),
    reason: str = typer.Option(..., "--reason", help="Why (kept with the account)."),
    as_json: bool = JsonOption,
) -> None:
    """Disable an account and end its sessions; the account stays in the records and the log."""
    with open_workspace(ctx) as ws:
        try:
            with ws.session() as session, session.begin():
                info = disable_user(session, username=username, reason=reason, by=actor())
        except AccountError as exc:
            console.print(f"[red]error:[/red] {escape(str(exc))}")
            raise typer.Exit(2) from exc
    if as_json:
        print_json(info)
    else:
        console.print(f"disabled {escape(info.username)}")


@app.command("list")
def list_cmd(ctx: typer.Context, as_json: bool = JsonOption) -> None:
    """List the accounts: role, state, compartments."""
    with open_workspace(ctx) as ws, ws.session() as session:
        users = list_users(session)
    if as_json:
        print_json(users)
        return
    if not users:
        out.print("No accounts yet: `countylines users add NAME --role ROLE --name '...'`.")
        return
    table = Table(title="accounts")
    for column in ("user", "name", "role", "state", "sign-in", "compartments"):
        table.add_column(column)
    for u in users:
        table.add_row(
            Text(u.username),
            Text(u.display_name),
            ROLES.get(u.role, u.role),
            "active" if u.active else Text(f"disabled: {u.disabled_reason}"),
            "single sign-on" if u.sso else "password",
            Text(", ".join(u.compartments)),
        )
    out.print(table)
