"""``countylines serve``: the web workspace (pages and JSON API) for a team."""

from __future__ import annotations

import typer
from rich.markup import escape

from countylines.cli.common import console, open_workspace


def serve(
    ctx: typer.Context,
    host: str = typer.Option(
        "127.0.0.1", "--host", help="Address to listen on (put TLS in front for a network)."
    ),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    idle_minutes: int = typer.Option(
        30, "--idle-minutes", min=1, help="Sign a browser out after this long without a request."
    ),
    secure_cookies: bool = typer.Option(
        False,
        "--secure-cookies",
        help="Mark cookies Secure (HTTPS only). Use whenever the workspace is reached over a "
        "network through a TLS proxy.",
    ),
    sso_header: str | None = typer.Option(
        None,
        "--sso-header",
        help="Single sign-on through a reverse proxy (e.g. oauth2-proxy) that verifies the "
        "user and sets this header to their subject; only for a proxy on the same host. "
        "See docs/security.md.",
    ),
    throttle_storage: str = typer.Option(
        "memory://",
        "--throttle-storage",
        help="Where failed sign-ins are counted (limits library URI): memory:// for one "
        "process, redis://host:6379 shared by several workers.",
    ),
) -> None:
    """Serve the web workspace: dashboard, lines, nominals, intelligence, safeguarding,
    hotspots, products, imports and the s.62 log (API documentation at /docs)."""
    import datetime as dt

    import uvicorn

    from countylines.web.app import create_app
    from countylines.web.config import WebConfig

    with open_workspace(ctx) as ws:
        config = WebConfig(
            idle_timeout=dt.timedelta(minutes=idle_minutes),
            secure_cookies=secure_cookies,
            sso_header=sso_header,
            throttle_storage=throttle_storage,
        )
        app = create_app(ws, config)
        console.print(
            f"countylines web workspace for {escape(str(ws.root))} on http://{host}:{port}/ "
            "(Ctrl-C stops it)"
        )
        uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=False)
