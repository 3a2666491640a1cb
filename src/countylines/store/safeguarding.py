"""Safeguarding status: what people have done about each possible victim.

The safeguarding list itself comes from the analysis picture (ids are
stable across runs: a person's id derives from their number, an address's
from its cell). Each change of status is a row here, never overwritten, and
an ``alteration`` in the s.62 log.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from countylines.analysis.safeguarding import STATUSES
from countylines.security.audit import record_event
from countylines.store.models import Base, utcnow


class SafeguardingStatus(Base):
    """One status given to a safeguarding entry (the newest row is current)."""

    __tablename__ = "safeguarding_status"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    safeguarding_id: Mapped[str] = mapped_column(String(20), index=True)
    status: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text)
    set_by: Mapped[str] = mapped_column(String(200))
    set_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class StatusError(ValueError):
    """An unknown status."""


def current_statuses(session: Session) -> dict[str, SafeguardingStatus]:
    """safeguarding id -> its newest status row."""
    rows = session.scalars(select(SafeguardingStatus).order_by(SafeguardingStatus.id)).all()
    return {row.safeguarding_id: row for row in rows}


def set_status(
    session: Session, safeguarding_id: str, status: str, note: str, by: str
) -> SafeguardingStatus:
    """Record a new status for an entry and log the alteration (caller commits).

    Raises:
        StatusError: if ``status`` is not one of :data:`STATUSES`.
    """
    if status not in STATUSES:
        raise StatusError(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
    row = SafeguardingStatus(safeguarding_id=safeguarding_id, status=status, note=note, set_by=by)
    session.add(row)
    session.flush()
    record_event(
        session,
        actor=by,
        action="alteration",
        record_type="safeguarding",
        record_id=safeguarding_id,
        summary=f"status set to {status!r}",
        justification=note,
    )
    return row
