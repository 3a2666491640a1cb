"""The gateway between the web layer and the records: sign-in, sessions, audited stores.

The web layer holds a :class:`Gateway` and nothing else that reaches the
database: it signs people in and out, resumes sessions from cookies, records
the session's purpose, and hands out an
:class:`~countylines.security.audited.AuditedStore` for a principal.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from countylines.security import accounts, sessions
from countylines.security.access import Principal
from countylines.security.audited import AuditedStore
from countylines.security.sessions import ActiveSession, SessionPolicy


class Gateway:
    """Sign-in and session handling over a records session factory.

    Args:
        session_factory: ``Workspace.session``.
        root: the workspace folder.
        policy: session timeouts.
    """

    def __init__(
        self, session_factory: Callable[[], Session], root: Path, policy: SessionPolicy
    ) -> None:
        self._sessions = session_factory
        self._root = root
        self._policy = policy

    def sign_in(self, username: str, password: str) -> tuple[str, str] | None:
        """(cookie token, CSRF token) for correct credentials of an active account, else None."""
        with self._sessions() as session, session.begin():
            principal = accounts.authenticate(session, username, password)
            if principal is None:
                return None
            return sessions.start_session(session, principal.user_id)

    def sign_in_subject(self, subject: str) -> tuple[str, str] | None:
        """As :meth:`sign_in`, for a subject verified by a single-sign-on proxy."""
        with self._sessions() as session, session.begin():
            principal = accounts.principal_for_subject(session, subject)
            if principal is None:
                return None
            return sessions.start_session(session, principal.user_id)

    def resume(self, token: str) -> ActiveSession | None:
        """The live session of a cookie token, or None (timed out, ended, disabled)."""
        with self._sessions() as session, session.begin():
            return sessions.resume_session(session, token, self._policy)

    def sign_out(self, token: str) -> None:
        """End the session of ``token``."""
        with self._sessions() as session, session.begin():
            sessions.end_session(session, token)

    def set_purpose(self, token: str, purpose: str) -> None:
        """Record the operation or purpose reference of the session.

        Raises:
            ValueError: blank or too long.
        """
        with self._sessions() as session, session.begin():
            sessions.set_purpose(session, token, purpose)

    def store(self, principal: Principal) -> AuditedStore:
        """The audited store through which ``principal`` reads and changes records."""
        return AuditedStore(self._sessions, self._root, principal)
