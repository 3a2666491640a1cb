"""Sign in, sign out, and the session's purpose (the justification of each action)."""

from __future__ import annotations

import logging
import math
import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from countylines.security.audited import AuditedStore
from countylines.security.sessions import csrf_matches
from countylines.security.throttle import SignInThrottle
from countylines.web.config import WebConfig
from countylines.web.deps import SESSION_COOKIE, Allow, gateway
from countylines.web.templating import render

router = APIRouter()
log = logging.getLogger(__name__)
LOGIN_CSRF_COOKIE = "countylines_login_csrf"
PUBLIC_ROUTES = frozenset({("GET", "/login"), ("POST", "/login")})
"""Routes open to anyone (the security tests check every other route refuses them)."""


def safe_next(target: str | None) -> str:
    """A local path to go to after a form ("/" for anything else: no open redirects)."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


def _login_page(request: Request, next_path: str, error: str | None, status: int) -> Response:
    token = secrets.token_urlsafe(32)
    response = render(
        request,
        "login.html",
        {"login_csrf": token, "next": safe_next(next_path), "error": error},
        status_code=status,
    )
    config: WebConfig = request.app.state.config
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=config.secure_cookies,
        path="/login",
    )
    return response


@router.get("/login", include_in_schema=False)
def login_form(request: Request, next: str = "/") -> Response:
    """The sign-in page."""
    return _login_page(request, next, None, 200)


@router.post("/login", include_in_schema=False)
def login(
    request: Request,
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    """Check the credentials; on success start a session and go to ``next``."""
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not expected or not csrf_matches(expected, csrf_token):
        return _login_page(request, next, "The form had expired: sign in again.", 403)
    throttle: SignInThrottle = request.app.state.sign_in_throttle
    client = request.client.host if request.client else "unknown"
    refused = throttle.refusal(username, client)
    if refused is not None:
        log.warning("sign-in refused before checking: too many failures for this %s", refused.by)
        minutes = math.ceil(refused.retry_after_seconds / 60)
        response = _login_page(
            request,
            next,
            f"Too many failed sign-ins for this {refused.by}: try again in "
            f"{minutes} minute{'s' if minutes != 1 else ''}.",
            429,
        )
        response.headers["Retry-After"] = str(refused.retry_after_seconds)
        return response
    tokens = gateway(request).sign_in(username.strip(), password)
    if tokens is None:
        throttle.failed(username, client)
        log.warning("sign-in failed: user name or password not recognised")
        return _login_page(request, next, "User name or password not recognised.", 401)
    throttle.succeeded(username)
    response = RedirectResponse(safe_next(next), status_code=303)
    config: WebConfig = request.app.state.config
    response.set_cookie(
        SESSION_COOKIE,
        tokens[0],
        httponly=True,
        samesite="strict",
        secure=config.secure_cookies,
        path="/",
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout", include_in_schema=False)
def logout(request: Request, store: Annotated[AuditedStore, Depends(Allow(None))]) -> Response:
    """End the session."""
    gateway(request).sign_out(request.state.session_token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/purpose", include_in_schema=False)
def purpose_form(
    request: Request, store: Annotated[AuditedStore, Depends(Allow(None))], next: str = "/"
) -> Response:
    """Ask for the operation or purpose reference of this session."""
    return render(request, "purpose.html", {"next": safe_next(next), "error": None})


@router.post("/purpose", include_in_schema=False)
def set_purpose(
    request: Request,
    store: Annotated[AuditedStore, Depends(Allow(None))],
    purpose: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    """Record the purpose; it is logged with every action of the session."""
    try:
        gateway(request).set_purpose(request.state.session_token, purpose)
    except ValueError as exc:
        return render(
            request, "purpose.html", {"next": safe_next(next), "error": str(exc)}, status_code=400
        )
    return RedirectResponse(safe_next(next), status_code=303)
