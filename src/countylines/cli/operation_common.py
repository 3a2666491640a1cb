"""What the ``countylines operation`` commands share: the acting account, logging, errors.

Every command acts as an account (``--as USER`` or ``COUNTYLINES_USER``): its
role and compartments apply as in the web workspace. :func:`on_operation`
and :func:`not_on_operation` run a command's work and its s.62 log entry in
one transaction; refusals (a rule broken, a compartment lacked) exit 2 with
the reason, and an attempt on material held elsewhere is itself logged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text
from sqlalchemy import select
from sqlalchemy.orm import Session

from countylines.cli.common import console, out
from countylines.operations import cases, closures, planning, store, terms
from countylines.operations.models import Operation
from countylines.operations.when import WhenError, parse_day, parse_moment
from countylines.security.access import (
    AccessDenied,
    HeldElsewhereError,
    Principal,
    load_principal,
)
from countylines.security.audit import AuditError, record_event
from countylines.security.models import User
from countylines.store.picture import PictureError, load_latest_picture
from countylines.workspace import Workspace

T = TypeVar("T")

#: exceptions that are the user's to fix: exit 2 with the message
REFUSALS = (
    store.OperationError,
    planning.PlanError,
    terms.TermError,
    cases.CaseError,
    closures.ClosureError,
    WhenError,
    AccessDenied,
    PictureError,
    AuditError,
)


def fail(message: str) -> typer.Exit:
    """Print the error (escaped) and return the exit (code 2) to raise."""
    console.print(f"[red]error:[/red] {escape(message)}")
    return typer.Exit(2)


def moment(text: str) -> dt.datetime:
    """A time from the command line (UK local unless a zone), or exit 2."""
    try:
        return parse_moment(text)
    except WhenError as exc:
        raise fail(str(exc)) from exc


def day(text: str) -> dt.date:
    """A date from the command line (YYYY-MM-DD), or exit 2."""
    try:
        return parse_day(text)
    except WhenError as exc:
        raise fail(str(exc)) from exc


def principal_of(ctx: typer.Context, session: Session) -> Principal:
    """The account acted as (``--as`` / ``COUNTYLINES_USER``) with its compartments, or exit 2."""
    obj = ctx.find_root().obj or {}
    sub = ctx.obj if isinstance(ctx.obj, dict) else {}
    username = sub.get("operation_user") or obj.get("operation_user")
    if not username:
        raise fail(
            "name the account you act as: `countylines operation --as USER ...` or "
            "COUNTYLINES_USER (roles and compartments apply on the command line too)"
        )
    user = session.scalar(select(User).where(User.username == username))
    principal = load_principal(session, user.id) if user is not None else None
    if principal is None:
        raise fail(f"no active account {username!r} (`countylines users add ...`)")
    return principal


def purpose_of(ctx: typer.Context, op: Operation | None) -> str | None:
    """The justification logged: ``--purpose``, else the operation's name."""
    sub = ctx.obj if isinstance(ctx.obj, dict) else {}
    given = sub.get("operation_purpose")
    if given:
        return str(given)
    return f"operation {op.name}" if op is not None else None


@contextmanager
def refusals(ws: Workspace, ctx: typer.Context, what: str) -> Iterator[None]:
    """Turn refusals into exit 2; log an attempt on material held elsewhere."""
    try:
        yield
    except HeldElsewhereError as exc:
        with ws.session() as session, session.begin():
            principal = principal_of(ctx, session)
            record_event(
                session,
                actor=principal.username,
                action="consultation",
                record_type="operation",
                record_id=None,
                summary=f"refused, held elsewhere (command line): {what}",
                justification=purpose_of(ctx, None),
            )
        raise fail(exc.held.message) from exc
    except REFUSALS as exc:
        raise fail(str(exc)) from exc


def log_event(
    session: Session,
    ctx: typer.Context,
    principal: Principal,
    op: Operation | None,
    *,
    action: str,
    record_type: str,
    record_id: str | None,
    summary: str,
    recipient: str | None,
) -> None:
    """Append the command's s.62 log entry (in the caller's transaction)."""
    record_event(
        session,
        actor=principal.username,
        action=action,
        record_type=record_type,
        record_id=record_id,
        summary=summary + " (command line)",
        justification=purpose_of(ctx, op),
        recipient=recipient,
    )


def on_operation(
    ws: Workspace,
    ctx: typer.Context,
    ref: str,
    *,
    write: bool,
    action: str,
    record_type: str,
    summary: Callable[[Operation, T], str],
    record_id: Callable[[Operation, T], str | None],
    work: Callable[[Session, Principal, Operation], T],
    recipient: str | None = None,
) -> T:
    """Open operation ``ref``, run ``work`` on it and log it (s.62), in one transaction."""
    with refusals(ws, ctx, f"{record_type} of operation {ref}"), ws.session() as session:
        with session.begin():
            principal = principal_of(ctx, session)
            op = store.open_operation(session, principal, ref, write=write)
            value = work(session, principal, op)
            session.flush()
            log_event(
                session,
                ctx,
                principal,
                op,
                action=action,
                record_type=record_type,
                record_id=record_id(op, value),
                summary=summary(op, value),
                recipient=recipient,
            )
        return value


def not_on_operation(
    ws: Workspace,
    ctx: typer.Context,
    *,
    action: str,
    record_type: str,
    summary: Callable[[T], str],
    record_id: Callable[[T], str | None],
    work: Callable[[Session, Principal], T],
) -> T:
    """Run ``work`` (not on one operation) and log it (s.62), in one transaction."""
    with refusals(ws, ctx, record_type), ws.session() as session:
        with session.begin():
            principal = principal_of(ctx, session)
            value = work(session, principal)
            session.flush()
            log_event(
                session,
                ctx,
                principal,
                None,
                action=action,
                record_type=record_type,
                record_id=record_id(value),
                summary=summary(value),
                recipient=None,
            )
        return value


def print_cases(case_list: list[dict[str, Any]], f: dict[str, int]) -> None:
    """The cases as a table, the funnel in words, and the notes on possible victims."""
    if not case_list:
        return
    table = Table("arrest", "person", "offence", "stage", "custody (months)", title="Cases")
    for c in case_list:
        table.add_row(
            str(c["arrest_id"]),
            Text(c["person"] + (" (possible victim)" if c["possible_victim"] else "")),
            Text(c["offence"]),
            Text(c["stage"]),
            str(c["custodial_months"] or "-"),
        )
    out.print(table)
    out.print(
        Text(
            f"funnel: {f['arrested']} arrested -> {f['charged']} charged -> "
            f"{f['convicted']} convicted -> {f['custodial']} immediate custody"
        )
    )
    for c in case_list:
        if c["safeguarding_note"]:
            out.print(Text(f"  {c['person']}: {c['safeguarding_note']}", style="italic"))


def latest_picture(ws: Workspace) -> dict[str, Any]:
    """The newest analysis picture, or exit 2 saying to run ``countylines analyse``."""
    picture = load_latest_picture(ws.root)
    if picture is None:
        raise fail("no analysis picture yet: run `countylines analyse` first")
    return picture
