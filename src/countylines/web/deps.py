"""Request dependencies: who is signed in, what they may do, and CSRF.

Every route declares an :class:`Allow` dependency naming the permission it
needs (or ``Allow(None)`` for any signed-in user). It resumes the session from
the cookie (or a trusted single-sign-on header), checks the CSRF token on
state-changing methods, checks the permission, and gives the route the
principal's :class:`~countylines.security.audited.AuditedStore`. A test walks
the app's routes and fails for any route without one (other than the few
public ones), so a new route cannot forget it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from countylines.security.access import PERMISSIONS, require
from countylines.security.audited import AuditedStore
from countylines.security.gateway import Gateway
from countylines.security.sessions import ActiveSession, csrf_matches
from countylines.web.config import WebConfig
from countylines.web.errors import CsrfRejected, NotSignedIn

SESSION_COOKIE = "countylines_session"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def submitted_csrf_token(request: Request) -> str | None:
    """The CSRF token sent with a request: ``X-CSRF-Token`` header or ``csrf_token`` field."""
    if request.method in SAFE_METHODS:
        return None
    header = request.headers.get("x-csrf-token")
    if header:
        return header
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        value = form.get("csrf_token")
        return value if isinstance(value, str) else None
    return None


def gateway(request: Request) -> Gateway:
    """The app's gateway to the records."""
    gw: Gateway = request.app.state.gateway
    return gw


def active_session(request: Request) -> ActiveSession:
    """The request's live session (from the cookie, or a trusted SSO header).

    Raises:
        NotSignedIn: if there is none.
    """
    cached: ActiveSession | None = getattr(request.state, "active", None)
    if cached is not None:
        return cached
    gw = gateway(request)
    token = request.cookies.get(SESSION_COOKIE, "")
    active = gw.resume(token) if token else None
    config: WebConfig = request.app.state.config
    if active is None and config.sso_header:
        subject = request.headers.get(config.sso_header, "").strip()
        tokens = gw.sign_in_subject(subject) if subject else None
        if tokens is not None:
            request.state.new_session_token = tokens[0]
            token = tokens[0]
            active = gw.resume(token)
    if active is None:
        raise NotSignedIn()
    request.state.active = active
    request.state.session_token = token
    request.state.principal = active.principal
    request.state.csrf_token = active.csrf_token
    return active


class Allow:
    """Route dependency: a signed-in user holding ``permission`` (None: any signed-in user).

    Returns the principal's :class:`AuditedStore`.

    Raises:
        NotSignedIn, CsrfRejected, AccessDenied (shown as sign-in redirect / 401,
        403 and 403).
    """

    def __init__(self, permission: str | None) -> None:
        if permission is not None and permission not in PERMISSIONS:
            raise KeyError(f"unknown permission {permission!r}")
        self.permission = permission

    def __call__(
        self,
        request: Request,
        csrf: Annotated[str | None, Depends(submitted_csrf_token)],
    ) -> AuditedStore:
        active = active_session(request)
        if request.method not in SAFE_METHODS and not csrf_matches(active.csrf_token, csrf):
            raise CsrfRejected()
        if self.permission is not None:
            require(active.principal, self.permission)
        return gateway(request).store(active.principal)

    def __repr__(self) -> str:
        return f"Allow({self.permission!r})"
