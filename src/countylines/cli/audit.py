"""``countylines audit``: verify and query the DPA 2018 s.62 log."""

from __future__ import annotations

import datetime as dt

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text
from sqlalchemy import select
from sqlalchemy.orm import Session

from countylines.cli.common import JsonOption, actor, console, open_workspace, out, print_json
from countylines.security.audit import (
    ACTIONS,
    AuditError,
    AuditQuery,
    query_events,
    record_event,
    verify_chain,
)
from countylines.security.models import AuditEvent

app = typer.Typer(
    help="The s.62 log (collection, alteration, consultation, disclosure, combination, "
    "erasure): check that it is intact, or query it.",
    no_args_is_help=True,
)


@app.command("verify")
def verify(
    ctx: typer.Context,
    expect_head: str | None = typer.Option(
        None,
        "--expect-head",
        help="A head hash written down earlier (or SEQ:HASH): fail unless the chain still "
        "contains it at that place.",
    ),
    as_json: bool = JsonOption,
) -> None:
    """Check every entry's hash and link; exit 1 if any was altered, deleted or reordered."""
    with open_workspace(ctx) as ws, ws.session() as session:
        result = verify_chain(session)
        anchored = _check_anchor(session, expect_head) if expect_head else None
    ok = result.ok and anchored in (None, True)
    if as_json:
        print_json(
            {
                "ok": ok,
                "entries": result.entries,
                "head_seq": result.head_seq,
                "head_hash": result.head_hash,
                "expected_head_found": anchored,
                "problems": result.problems,
            }
        )
    else:
        for problem in result.problems:
            console.print(f"[red]broken:[/red] {escape(problem.message)}")
        if anchored is False:
            console.print(
                f"[red]broken:[/red] the expected head {escape(expect_head or '')} is not in "
                "the log: it was rewritten"
            )
        state = "[green]intact[/green]" if ok else "[red]NOT intact[/red]"
        out.print(
            f"s.62 log {state}: {result.entries:,} entries; head #{result.head_seq} "
            f"{result.head_hash}"
        )
        if ok:
            out.print("Write the head down elsewhere; `--expect-head SEQ:HASH` checks it later.")
    if not ok:
        raise typer.Exit(1)


def _check_anchor(session: Session, expected: str) -> bool:
    seq_text, _, digest = expected.rpartition(":")
    query = select(AuditEvent.seq).where(AuditEvent.hash == digest.strip().lower())
    found = session.scalar(query)
    if found is None:
        return False
    return not seq_text or seq_text.strip() == str(found)


def _time(text: str | None, option: str) -> dt.datetime | None:
    if not text:
        return None
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError as exc:
        console.print(f"[red]error:[/red] {option} {escape(text)!r} is not a date (yyyy-mm-dd)")
        raise typer.Exit(2) from exc
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


@app.command("list")
def list_cmd(
    ctx: typer.Context,
    user: str | None = typer.Option(None, "--user", help="Only this actor."),
    action: str | None = typer.Option(None, "--action", help="One of: " + ", ".join(ACTIONS)),
    record_type: str | None = typer.Option(None, "--record-type", help="e.g. intel_report."),
    record_id: str | None = typer.Option(None, "--record", help="Only this record id."),
    since: str | None = typer.Option(None, "--since", help="From this date/time (UTC)."),
    until: str | None = typer.Option(None, "--until", help="Before this date/time (UTC)."),
    text: str | None = typer.Option(None, "--text", help="Words in summary or justification."),
    limit: int = typer.Option(50, min=1, max=10_000, help="Entries to show, newest first."),
    purpose: str = typer.Option(
        ..., "--purpose", help="Why you query the log (the query itself is logged)."
    ),
    as_json: bool = JsonOption,
) -> None:
    """Query the log, newest first. The query is itself logged, with --purpose."""
    query = AuditQuery(
        actor=user,
        action=action,
        record_type=record_type,
        record_id=record_id,
        since=_time(since, "--since"),
        until=_time(until, "--until"),
        text=text,
    )
    with open_workspace(ctx) as ws:
        try:
            with ws.session() as session, session.begin():
                entries, total = query_events(session, query, limit=limit)
                record_event(
                    session,
                    actor=actor(),
                    action="consultation",
                    record_type="audit_log",
                    record_id=None,
                    summary=f"audit log queried: {_describe(query)}; {total} entries",
                    justification=purpose,
                )
        except AuditError as exc:
            console.print(f"[red]error:[/red] {escape(str(exc))}")
            raise typer.Exit(2) from exc
    if as_json:
        print_json({"total": total, "entries": entries})
        return
    table = Table(title=f"s.62 log: {total:,} matching (newest {len(entries)})")
    for column in ("#", "when (UTC)", "who", "action", "record", "what", "why", "recipient"):
        table.add_column(column)
    for e in entries:
        table.add_row(
            str(e.seq),
            f"{e.at:%Y-%m-%d %H:%M:%S}",
            Text(e.actor),
            e.action,
            Text(f"{e.record_type} {e.record_id or ''}".strip()),
            Text(e.summary),
            Text(e.justification or ""),
            Text(e.recipient or ""),
        )
    out.print(table)


def _describe(query: AuditQuery) -> str:
    parts = [f"{k}={v}" for k, v in vars(query).items() if v is not None]
    return ", ".join(parts) or "all entries"
