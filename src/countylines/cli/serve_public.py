"""``countylines serve-public``: the anonymous public reporting page (a separate app)."""

from __future__ import annotations

import datetime as dt

import typer
from rich.markup import escape

from countylines.cli.common import console, open_workspace


def serve_public(
    ctx: typer.Context,
    host: str = typer.Option(
        "127.0.0.1",
        "--host",
        help="Address to listen on. Put a TLS reverse proxy in front that keeps no access log "
        "either (see docs/public-reports.md).",
    ),
    port: int = typer.Option(8001, "--port", min=1, max=65535, help="Port to listen on."),
    period_minutes: int = typer.Option(
        60,
        "--period-minutes",
        min=1,
        max=1440,
        help="Keep arrival times only to this period (it must divide a day); reports reach "
        "the triage queue when it ends.",
    ),
    reports_per_hour: float = typer.Option(
        600.0, "--reports-per-hour", min=1.0, help="Global rate limit, all senders together."
    ),
    burst: int = typer.Option(30, "--burst", min=1, help="Reports accepted at once."),
) -> None:
    """Serve the anonymous reporting page for the public: no login, no cookie, no IP address or
    browser details read, stored or logged; abuse limited by single-use form tokens, a global
    rate limit, size limits and a honeypot field."""
    import uvicorn

    from countylines.public.anonymity import uvicorn_options
    from countylines.public.app import PublicConfig, create_public_app
    from countylines.public.intake import period_of

    try:
        period_of(dt.datetime.now(dt.UTC), period_minutes)
    except ValueError as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    with open_workspace(ctx) as ws:
        config = PublicConfig(period_minutes=period_minutes, burst=burst, per_hour=reports_per_hour)
        app = create_public_app(ws, config)
        console.print(
            f"countylines public reporting page for {escape(str(ws.root))} on "
            f"http://{escape(host)}:{port}/ (Ctrl-C stops it)"
        )
        uvicorn.run(app, host=host, port=port, **uvicorn_options())
