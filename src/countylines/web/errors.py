"""Exceptions of the web layer and how each is shown (HTML page or JSON)."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from countylines.security.access import AccessDenied, HeldElsewhereError
from countylines.security.audited import JustificationRequired
from countylines.web.templating import render


class NotSignedIn(Exception):
    """No valid session (absent, ended, timed out, or the account disabled)."""


class CsrfRejected(Exception):
    """A state-changing request without the session's CSRF token."""


class NotFound(Exception):
    """The record does not exist (or the picture has no such record)."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def wants_json(request: Request) -> bool:
    """API routes (``/api/...``) answer in JSON; pages in HTML."""
    return request.url.path.startswith("/api/")


def _next(request: Request) -> str:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return quote(target, safe="")


def install_handlers(app: FastAPI) -> None:
    """Register the handlers: sign-in redirects, refusals, "held elsewhere", not found."""

    @app.exception_handler(NotSignedIn)
    async def not_signed_in(request: Request, exc: NotSignedIn) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": "sign in first"}, status_code=401)
        return RedirectResponse(f"/login?next={_next(request)}", status_code=303)

    @app.exception_handler(AccessDenied)
    async def denied(request: Request, exc: AccessDenied) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": str(exc)}, status_code=403)
        return render(request, "refused.html", {"message": str(exc)}, status_code=403)

    @app.exception_handler(CsrfRejected)
    async def csrf(request: Request, exc: CsrfRejected) -> Response:
        message = "the form had expired or did not come from this workspace: try again"
        if wants_json(request):
            return JSONResponse({"detail": message}, status_code=403)
        return render(request, "refused.html", {"message": message}, status_code=403)

    @app.exception_handler(JustificationRequired)
    async def purpose(request: Request, exc: JustificationRequired) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": str(exc)}, status_code=428)
        if request.method == "GET":
            return RedirectResponse(f"/purpose?next={_next(request)}", status_code=303)
        return render(request, "refused.html", {"message": str(exc)}, status_code=428)

    @app.exception_handler(HeldElsewhereError)
    async def held(request: Request, exc: HeldElsewhereError) -> Response:
        if wants_json(request):
            return JSONResponse(
                {
                    "held_elsewhere": True,
                    "detail": exc.held.message,
                    "owner": exc.held.owner_name,
                    "owner_username": exc.held.owner_username,
                },
                status_code=403,
            )
        return render(request, "held_elsewhere.html", {"held": exc.held}, status_code=403)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": f"no {exc.what}"}, status_code=404)
        return render(request, "refused.html", {"message": f"No {exc.what}."}, status_code=404)
