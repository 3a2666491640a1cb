"""The application factory: ``create_app(workspace, config) -> FastAPI``.

Routers come from the modules listed in :data:`VIEW_MODULES`; each module
has a ``router`` (an ``APIRouter``) and may have ``NAV``, a list of menu
entries ``(label, path, permission)``. To add pages (e.g. operations), write
``countylines/web/views/<name>.py`` and add one line to :data:`VIEW_MODULES`.
"""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles

from countylines.security.gateway import Gateway
from countylines.security.throttle import SignInThrottle
from countylines.web.config import WebConfig
from countylines.web.deps import SESSION_COOKIE
from countylines.web.errors import install_handlers
from countylines.web.geo import GeoSource
from countylines.workspace import Workspace

VIEW_MODULES = [
    "countylines.web.views.auth",
    "countylines.web.views.dashboard",
    "countylines.web.views.lines",
    "countylines.web.views.nominals",
    "countylines.web.views.intel",
    "countylines.web.views.triage",
    "countylines.web.views.safeguarding",
    "countylines.web.views.hotspots",
    "countylines.web.views.products",
    "countylines.web.views.imports",
    "countylines.web.views.audit_log",
    "countylines.web.operations",
    "countylines.web.views.docs",
]
"""Modules whose ``router`` is served, in menu order."""

WEB_DIR = Path(__file__).parent
STATIC_DIR = WEB_DIR / "static"
VENDOR_DIR = WEB_DIR / "node_modules"
VENDOR_FILES = {
    "leaflet": VENDOR_DIR / "leaflet" / "dist",
    "cytoscape": VENDOR_DIR / "cytoscape" / "dist",
    "swagger-ui": VENDOR_DIR / "swagger-ui-dist",
}
"""npm packages served under ``/static/vendor/<name>/`` (installed by ``npm ci``)."""

CYTOSCAPE_STYLE_HASH = "'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='"
"""The one ``<style>`` element Cytoscape.js 3.35 inserts (its container rule), allowed by hash."""

CONTENT_SECURITY_POLICY = (
    f"default-src 'self'; script-src 'self'; style-src 'self' {CYTOSCAPE_STYLE_HASH}; "
    "img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)


def served_routes(app: FastAPI) -> list[tuple[str, APIRoute]]:
    """Every API route the app serves, as (full path, route), including included routers.

    FastAPI (0.16x) keeps an included router as one wrapper entry of
    ``app.routes``; this walks into it (its ``original_router`` and prefix).
    The security tests enumerate routes with it.
    """
    found: list[tuple[str, APIRoute]] = []

    def walk(routes: list[Any], prefix: str) -> None:
        for route in routes:
            if isinstance(route, APIRoute):
                found.append((prefix + route.path, route))
                continue
            inner = getattr(route, "original_router", None)
            if inner is not None:
                context = getattr(route, "include_context", None)
                walk(list(inner.routes), prefix + str(getattr(context, "prefix", "") or ""))

    walk(list(app.routes), "")
    return found


def create_app(ws: Workspace, config: WebConfig | None = None) -> FastAPI:
    """The web workspace for ``ws``.

    Raises:
        FileNotFoundError: if the front-end packages are not installed
            (run ``npm ci`` in ``src/countylines/web``; ``make setup`` does).
    """
    config = config or WebConfig()
    app = FastAPI(
        title="countylines web workspace",
        description="Deal lines, nominals, intelligence, safeguarding and products, "
        "with roles, compartments, handling codes and the DPA 2018 s.62 log.",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.config = config
    app.state.gateway = Gateway(ws.session, ws.root, config.session_policy)
    app.state.sign_in_throttle = SignInThrottle(storage_uri=config.throttle_storage)
    app.state.geo = GeoSource(ws)
    app.state.nav = []
    install_handlers(app)
    for name in VIEW_MODULES:
        module = importlib.import_module(name)
        app.include_router(module.router)
        app.state.nav.extend(getattr(module, "NAV", []))
    app.mount("/static/app", StaticFiles(directory=STATIC_DIR), name="static")
    for package, folder in VENDOR_FILES.items():
        if not folder.is_dir():
            raise FileNotFoundError(
                f"front-end package {package} is missing ({folder}): run `npm ci` in {WEB_DIR}"
            )
        app.mount(f"/static/vendor/{package}", StaticFiles(directory=folder), name=package)

    @app.middleware("http")
    async def headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        token = getattr(request.state, "new_session_token", None)
        if token:
            response.set_cookie(
                SESSION_COOKIE,
                token,
                httponly=True,
                samesite="strict",
                secure=config.secure_cookies,
                path="/",
            )
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if not request.url.path.startswith("/static/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    return app
