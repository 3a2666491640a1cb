"""The audited store: the only way the web workspace reads or changes records.

A read of a record without a logged consultation is impossible by
construction: :class:`AuditedStore` holds the session factory, and it hands a
session to a loader only inside a transaction that also appends the
consultation to the s.62 log; the loaded value is returned only after that
transaction has committed. If the log cannot be written, the read fails and
nothing is returned. Web code gets an ``AuditedStore`` (never a session or
the workspace) per request; a test checks that no module of
``countylines.web`` opens sessions itself.

Material in a compartment the principal is not in is never returned: the
loader reports the record's compartment and the store raises
:class:`~countylines.security.access.HeldElsewhereError` (owner's name only),
after logging the attempt.

Sensitive actions (reading intelligence or a nominal, searching, any change
or disclosure) require a justification: the operation or purpose reference
given for the session (``Principal.purpose``); without one
:class:`JustificationRequired` is raised before anything is read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy.orm import Session

from countylines.security.access import HeldElsewhereError, Principal, held_elsewhere, require
from countylines.security.audit import record_event

T = TypeVar("T")


class JustificationRequired(Exception):
    """A sensitive action needs an operation or purpose reference first."""

    def __init__(self) -> None:
        super().__init__(
            "give an operation or purpose reference for this session before this action"
        )


@dataclass(frozen=True)
class ReadContext:
    """What a loader may use: the session of the audited transaction, the workspace
    folder, and who is reading (to filter by compartment)."""

    session: Session
    root: Path
    principal: Principal


class AuditedStore:
    """Reads and changes, each logged in the same transaction (see the module doc).

    Args:
        sessions: factory of records sessions (``Workspace.session``).
        root: the workspace folder (for the analysis picture and products).
        principal: who is acting.
    """

    def __init__(self, sessions: Callable[[], Session], root: Path, principal: Principal) -> None:
        self._sessions = sessions
        self._root = root
        self._principal = principal

    @property
    def principal(self) -> Principal:
        """Who is acting."""
        return self._principal

    def _justification(self, sensitive: bool) -> str | None:
        purpose = self._principal.purpose
        if sensitive and not (purpose or "").strip():
            raise JustificationRequired()
        return purpose

    def consult(
        self,
        *,
        permission: str,
        record_type: str,
        record_id: str | Callable[[T], str | None] | None,
        summary: str | Callable[[T], str],
        load: Callable[[ReadContext], T],
        compartment_of: Callable[[ReadContext, T], int | None] | None = None,
        sensitive: bool = False,
    ) -> T:
        """Load a record (or list, or search) and log the consultation, atomically.

        Args:
            permission: the permission the principal needs.
            record_type, record_id: what is read (``record_id`` None for a
                list or a search; or a function of the loaded value).
            summary: what, in words, or a function of the loaded value.
            load: reads the value with the context's session.
            compartment_of: the record's compartment, if it has one; a
                compartment the principal lacks raises
                :class:`HeldElsewhereError` (the attempt is logged).
            sensitive: needs the session's purpose as justification.

        Raises:
            AccessDenied, JustificationRequired, HeldElsewhereError, and
            whatever ``load`` raises (nothing is logged then, nothing returned).
        """
        require(self._principal, permission)
        justification = self._justification(sensitive)
        with self._sessions() as session, session.begin():
            ctx = ReadContext(session, self._root, self._principal)
            value = load(ctx)
            compartment = compartment_of(ctx, value) if compartment_of else None
            held = held_elsewhere(session, self._principal, compartment)
            text = summary(value) if callable(summary) else summary
            if held is not None:
                text = f"refused, held elsewhere (owner {held.owner_username}): {text}"
            record_event(
                session,
                actor=self._principal.username,
                action="consultation",
                record_type=record_type,
                record_id=record_id(value) if callable(record_id) else record_id,
                summary=text,
                justification=justification,
            )
        if held is not None:
            raise HeldElsewhereError(held)
        return value

    def change(
        self,
        *,
        permission: str,
        action: str,
        record_type: str,
        record_id: str | Callable[[T], str] | None,
        summary: str | Callable[[T], str],
        apply: Callable[[ReadContext], T],
        recipient: str | None = None,
        sensitive: bool = True,
    ) -> T:
        """Make a change (or a disclosure) and log it, atomically.

        ``action`` is ``collection``, ``alteration``, ``combination``,
        ``erasure`` or ``disclosure`` (with ``recipient``). ``apply`` may raise
        to refuse (nothing is written then).

        Raises:
            AccessDenied, JustificationRequired, AuditError, and whatever
            ``apply`` raises.
        """
        require(self._principal, permission)
        justification = self._justification(sensitive)
        with self._sessions() as session, session.begin():
            ctx = ReadContext(session, self._root, self._principal)
            value = apply(ctx)
            session.flush()
            record_event(
                session,
                actor=self._principal.username,
                action=action,
                record_type=record_type,
                record_id=record_id(value) if callable(record_id) else record_id,
                summary=summary(value) if callable(summary) else summary,
                justification=justification,
                recipient=recipient,
            )
        return value

    def disclose(
        self,
        *,
        permission: str,
        record_type: str,
        recipient: str,
        apply: Callable[[ReadContext], T],
        items: Callable[[T], list[tuple[str, str]]],
    ) -> T:
        """Disclose records to ``recipient``: one ``disclosure`` entry per record, atomically.

        ``apply`` gathers what goes (checking handling codes, and raising to
        refuse: nothing is logged then); ``items(value)`` names each record
        disclosed as ``(record_id, summary)``.

        Raises:
            AccessDenied, JustificationRequired, AuditError (no recipient), and
            whatever ``apply`` raises.
        """
        require(self._principal, permission)
        justification = self._justification(True)
        with self._sessions() as session, session.begin():
            ctx = ReadContext(session, self._root, self._principal)
            value = apply(ctx)
            for record_id, summary in items(value):
                record_event(
                    session,
                    actor=self._principal.username,
                    action="disclosure",
                    record_type=record_type,
                    record_id=record_id,
                    summary=summary,
                    justification=justification,
                    recipient=recipient,
                )
        return value

    def own_compartments(self) -> list[tuple[int, str]]:
        """(id, name) of the principal's own compartments, by name (for choosing one on a
        form; the principal's own memberships, so not logged)."""
        from sqlalchemy import select

        from countylines.security.models import Compartment

        ids = sorted(self._principal.compartment_ids)
        if not ids:
            return []
        with self._sessions() as session:
            rows = session.execute(
                select(Compartment.id, Compartment.name)
                .where(Compartment.id.in_(ids))
                .order_by(Compartment.name)
            )
            return [(int(i), str(n)) for i, n in rows]

    def administer(self, *, permission: str, apply: Callable[[Session], T]) -> T:
        """Run an account or compartment change (functions of
        :mod:`countylines.security.accounts`, which log their own events)."""
        require(self._principal, permission)
        with self._sessions() as session, session.begin():
            return apply(session)
