"""Line closures in the database: close a line if the records support it; store check-back alerts.

Same discipline as :mod:`countylines.operations.results`: a session and a
principal in, the pure closure rules (:mod:`countylines.operations.closures`)
applied, rows added, no commit and no logging here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from countylines.operations import access, closures, terms
from countylines.operations.models import CheckBackAlertRecord, ClosureRecord, Operation
from countylines.operations.results import aware, load_records
from countylines.operations.store import OperationError, lines_of, to_line_ref
from countylines.security.access import Principal


def close_line(
    session: Session,
    principal: Principal,
    op: Operation,
    *,
    line_id: str,
    closure_type: int | str,
    closed_at: dt.datetime,
    charge_id: int | None = None,
    deactivation_reference: str | None = None,
) -> ClosureRecord:
    """Close a line linked to ``op``, if the records support the closure type.

    Raises:
        OperationError: a line not linked, or already closed.
        ClosureError: Type 1 without the holder charged; Type 2 without a reference.
    """
    access.check_writable(session, principal, op)
    line = next((x for x in lines_of(session, op) if x.line_id == line_id), None)
    if line is None:
        raise OperationError(f"{line_id} is not linked to {op.name}")
    if session.scalar(select(ClosureRecord.id).where(ClosureRecord.line_id == line_id)):
        raise OperationError(f"{line_id} is already closed")
    ref = to_line_ref(line)
    closed_at = aware(closed_at, "time of the closure")
    kind = terms.closure_type(closure_type)
    rec = load_records(session, [op.id])
    charge = closures.check_closure(
        kind,
        ref,
        closed_at,
        arrests=rec.arrests,
        charges=rec.charges,
        charge_id=charge_id,
        deactivation_reference=deactivation_reference,
    )
    row = ClosureRecord(
        operation_id=op.id,
        line_id=line_id,
        closure_type=kind,
        numbers=list(ref.numbers),
        closed_at=closed_at,
        charge_id=charge.charge_id if charge else None,
        deactivation_reference=(deactivation_reference or "").strip() or None,
        recorded_by=principal.username,
    )
    session.add(row)
    session.flush()
    return row


def save_alerts(
    session: Session, alerts: Iterable[closures.CheckBackAlert]
) -> list[CheckBackAlertRecord]:
    """Store the alerts not stored before (one per closure, number and kind); the new ones."""
    new = []
    for alert in alerts:
        exists = session.scalar(
            select(CheckBackAlertRecord.id).where(
                CheckBackAlertRecord.closure_id == alert.closure_id,
                CheckBackAlertRecord.number == alert.number,
                CheckBackAlertRecord.kind == alert.kind,
            )
        )
        if exists is not None:
            continue
        row = CheckBackAlertRecord(
            closure_id=alert.closure_id,
            number=alert.number,
            kind=alert.kind,
            first_seen_after=alert.first_seen_after,
            last_seen=alert.last_seen,
            evidence=alert.evidence,
        )
        session.add(row)
        new.append(row)
    session.flush()
    return new


def alerts_of(session: Session, closure_ids: Sequence[int]) -> list[CheckBackAlertRecord]:
    """Stored check-back alerts of the given closures, newest first."""
    if not closure_ids:
        return []
    return list(
        session.scalars(
            select(CheckBackAlertRecord)
            .where(CheckBackAlertRecord.closure_id.in_(list(closure_ids)))
            .order_by(CheckBackAlertRecord.raised_at.desc(), CheckBackAlertRecord.id.desc())
        )
    )
