"""Browser sessions: random tokens, CSRF tokens, idle and absolute timeouts.

The cookie holds a 256-bit random token; the database holds only its
SHA-256, so a leaked copy of the table cannot be replayed. Each session has
its own CSRF token (required on every state-changing request, compared in
constant time). A session ends after ``idle_timeout`` without a request, or
``absolute_timeout`` after sign-in, whichever comes first, or at sign-out or
when its account is disabled. ``last_seen_at`` is written at most once a
``touch_interval`` (a minute by default) so that reads do not all become
writes; idle time is therefore measured to within that interval.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy.orm import Session

from countylines.security.access import Principal, load_principal
from countylines.security.models import WebSession


@dataclass(frozen=True)
class SessionPolicy:
    """Timeouts of web sessions."""

    idle_timeout: dt.timedelta = dt.timedelta(minutes=30)
    absolute_timeout: dt.timedelta = dt.timedelta(hours=12)
    touch_interval: dt.timedelta = dt.timedelta(seconds=60)


@dataclass(frozen=True)
class ActiveSession:
    """A live session: who, its CSRF token and the purpose given."""

    principal: Principal
    csrf_token: str


def token_id(token: str) -> str:
    """The stored id of a session token (SHA-256 hex)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


def start_session(session: Session, user_id: int) -> tuple[str, str]:
    """Open a session for ``user_id``; returns (cookie token, CSRF token)."""
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    now = dt.datetime.now(dt.UTC)
    session.add(
        WebSession(
            id=token_id(token), user_id=user_id, csrf_token=csrf, created_at=now, last_seen_at=now
        )
    )
    return token, csrf


def resume_session(
    session: Session, token: str, policy: SessionPolicy, now: dt.datetime | None = None
) -> ActiveSession | None:
    """The live session for a cookie token, or None (ending it if it timed out).

    Commit the session afterwards: a timed-out session is marked ended and an
    active one may have its ``last_seen_at`` moved on.
    """
    if not token:
        return None
    now = now or dt.datetime.now(dt.UTC)
    row = session.get(WebSession, token_id(token))
    if row is None or row.ended_at is not None:
        return None
    if now - _utc(row.last_seen_at) > policy.idle_timeout:
        row.ended_at, row.ended_reason = now, "idle timeout"
        return None
    if now - _utc(row.created_at) > policy.absolute_timeout:
        row.ended_at, row.ended_reason = now, "session too old"
        return None
    principal = load_principal(session, row.user_id, purpose=row.purpose, session_id=row.id)
    if principal is None:
        row.ended_at, row.ended_reason = now, "account disabled"
        return None
    if now - _utc(row.last_seen_at) >= policy.touch_interval:
        row.last_seen_at = now
    return ActiveSession(principal=principal, csrf_token=row.csrf_token)


def end_session(session: Session, token: str, reason: str = "signed out") -> None:
    """End the session of ``token`` (no error if it is unknown or already ended)."""
    row = session.get(WebSession, token_id(token))
    if row is not None and row.ended_at is None:
        row.ended_at, row.ended_reason = dt.datetime.now(dt.UTC), reason


def set_purpose(session: Session, token: str, purpose: str) -> None:
    """Record the operation or purpose reference for the session of ``token``.

    Raises:
        ValueError: if ``purpose`` is blank or longer than 300 characters.
    """
    purpose = purpose.strip()
    if not purpose or len(purpose) > 300:
        raise ValueError("give an operation or purpose reference (1-300 characters)")
    row = session.get(WebSession, token_id(token))
    if row is not None and row.ended_at is None:
        row.purpose = purpose


def csrf_matches(expected: str, given: str | None) -> bool:
    """Constant-time comparison of a submitted CSRF token."""
    return bool(given) and hmac.compare_digest(expected.encode(), (given or "").encode())
