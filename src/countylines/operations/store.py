"""Operation records in the database: create, link, authorise, plan (no logging here).

Functions take an open session and a :class:`~countylines.security.access.Principal`
(keyword-only after the session), check the principal's role and compartment
(:mod:`countylines.operations.access`), validate with the pure rules, and add
rows; they never commit. The caller wraps each in one transaction together
with its s.62 log entry: the command line through ``cli/operation.py``, the
web through the security package's ``AuditedStore``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from countylines.operations import access, planning, terms
from countylines.operations.models import (
    Operation,
    OperationAuthorisation,
    OperationLine,
    OperationNominal,
    OperationPhase,
    OperationTarget,
    OperationTeam,
)
from countylines.operations.records import Authorisation, LineRef, NominalRef, Target
from countylines.operations.when import as_utc
from countylines.security.access import HeldElsewhere, Principal, held_elsewhere, require
from countylines.security.models import Compartment


class OperationError(ValueError):
    """A request about operations that cannot be met; the message says why."""


def _clean(field: str, value: str | None, *, required: bool = True) -> str:
    text = " ".join((value or "").split())
    if required and not text:
        raise OperationError(f"give the {field}")
    return text


def find_operation(session: Session, ref: str | int) -> Operation:
    """The operation with id or name ``ref`` (no access check).

    Raises:
        OperationError: no such operation.
    """
    text = str(ref).strip()
    op = session.get(Operation, int(text)) if text.isdigit() else None
    if op is None:
        op = session.scalar(select(Operation).where(Operation.name == text))
    if op is None:
        raise OperationError(f"no operation {text!r}")
    return op


def open_operation(
    session: Session, principal: Principal, ref: str | int, *, write: bool = False
) -> Operation:
    """The operation ``ref`` if ``principal`` may see it (``write``: change it).

    Raises:
        OperationError: no such operation.
        countylines.security.access.AccessDenied, HeldElsewhereError: see
            :mod:`countylines.operations.access`.
    """
    op = find_operation(session, ref)
    if write:
        access.check_writable(session, principal, op)
    else:
        access.check_visible(session, principal, op)
    return op


def create_operation(
    session: Session,
    principal: Principal,
    *,
    name: str,
    compartment: str,
    sio: str,
    objectives: Sequence[str],
) -> Operation:
    """Create an operation in ``compartment`` (a compartment the principal is in).

    Raises:
        OperationError: an empty name or SIO, a name taken, no such compartment,
            or a compartment the principal is not a member of.
        countylines.security.access.AccessDenied: the role may not write operations.
    """
    require(principal, access.WRITE)
    name = _clean("operation's name", name)
    sio = _clean("senior investigating officer", sio)
    comp = session.scalar(select(Compartment).where(Compartment.name == compartment.strip()))
    if comp is None:
        raise OperationError(
            f"no compartment {compartment!r}: create it first "
            "(`countylines compartments add NAME --owner USER`)"
        )
    if comp.id not in principal.compartment_ids:
        raise OperationError(
            f"you are not a member of compartment {compartment!r}: an operation is created in "
            "a compartment of one's own"
        )
    if session.scalar(select(Operation.id).where(Operation.name == name)) is not None:
        raise OperationError(f"an operation {name!r} already exists")
    op = Operation(
        name=name,
        compartment_id=comp.id,
        sio=sio,
        objectives=[_clean("objective", o) for o in objectives if o.strip()],
        created_by=principal.username,
    )
    session.add(op)
    session.flush()
    return op


def list_operations(
    session: Session, principal: Principal
) -> tuple[list[Operation], list[HeldElsewhere]]:
    """Operations the principal may see, and for the others only whom to contact.

    Raises:
        countylines.security.access.AccessDenied: the role may not read operations.
    """
    require(principal, access.READ)
    seen: list[Operation] = []
    elsewhere: dict[str, HeldElsewhere] = {}
    for op in session.scalars(select(Operation).order_by(Operation.created_at, Operation.id)):
        held = held_elsewhere(session, principal, op.compartment_id)
        if held is None:
            seen.append(op)
        else:
            elsewhere.setdefault(held.owner_username, held)
    return seen, list(elsewhere.values())


def compartment_name(session: Session, op: Operation) -> str:
    """The name of the operation's compartment."""
    return str(session.scalar(select(Compartment.name).where(Compartment.id == op.compartment_id)))


def link_line(
    session: Session, principal: Principal, op: Operation, line: Mapping[str, Any]
) -> OperationLine:
    """Link a picture line (``store/picture.py`` shape) to ``op``, as a snapshot.

    Raises:
        OperationError: the line is already linked.
    """
    access.check_writable(session, principal, op)
    line_id = str(line["line_id"])
    exists = session.scalar(
        select(OperationLine.id).where(
            OperationLine.operation_id == op.id, OperationLine.line_id == line_id
        )
    )
    if exists is not None:
        raise OperationError(f"{line_id} is already linked to {op.name}")
    keep = ("line_id", "label", "numbers", "holders", "runners", "cuckooed", "status", "score")
    row = OperationLine(
        operation_id=op.id,
        line_id=line_id,
        label=str(line.get("label") or line_id),
        snapshot={k: line[k] for k in keep if k in line},
        linked_by=principal.username,
    )
    session.add(row)
    session.flush()
    return row


def link_nominal(
    session: Session, principal: Principal, op: Operation, nominal: Mapping[str, Any]
) -> OperationNominal:
    """Link a picture nominal (``nominal_id``, ``label``, ``numbers``, ``roles``) to ``op``.

    Raises:
        OperationError: already linked.
    """
    access.check_writable(session, principal, op)
    nominal_id = str(nominal["nominal_id"])
    exists = session.scalar(
        select(OperationNominal.id).where(
            OperationNominal.operation_id == op.id, OperationNominal.nominal_id == nominal_id
        )
    )
    if exists is not None:
        raise OperationError(f"{nominal_id} is already linked to {op.name}")
    roles = [[str(r["line_id"]), str(r["role"])] for r in nominal.get("roles", [])]
    row = OperationNominal(
        operation_id=op.id,
        nominal_id=nominal_id,
        label=str(nominal.get("label") or nominal_id),
        numbers=[str(n) for n in nominal.get("numbers", [])],
        roles=roles,
        possible_victim=bool(nominal.get("possible_victim"))
        or any(r[1] in (terms.RUNNER, terms.CUCKOOED_OCCUPANT) for r in roles),
        linked_by=principal.username,
    )
    session.add(row)
    session.flush()
    return row


def add_authorisation(
    session: Session,
    principal: Principal,
    op: Operation,
    *,
    kind: str,
    reference: str,
    issued_by: str,
    issued_on: dt.date,
    address: str | None = None,
    expires_on: dt.date | None = None,
) -> OperationAuthorisation:
    """Record an authorisation; a warrant must name its address.

    Raises:
        OperationError: missing reference, issuer or (for a warrant) address;
            a reference already recorded; expiry before issue.
        countylines.operations.terms.TermError: an unknown kind.
    """
    access.check_writable(session, principal, op)
    kind = terms.check_term("authorisation kind", kind, terms.AUTHORISATION_KINDS)
    reference = _clean("authorisation's reference", reference)
    issued_by = _clean("issuer (court or authorising officer)", issued_by)
    clean_address = _clean("address", address, required=kind == terms.WARRANT) or None
    if expires_on is not None and expires_on < issued_on:
        raise OperationError(
            f"{reference} expires ({expires_on}) before it is issued ({issued_on})"
        )
    taken = session.scalar(
        select(OperationAuthorisation.id).where(
            OperationAuthorisation.operation_id == op.id,
            OperationAuthorisation.reference == reference,
        )
    )
    if taken is not None:
        raise OperationError(f"authorisation {reference} is already recorded for {op.name}")
    row = OperationAuthorisation(
        operation_id=op.id,
        kind=kind,
        reference=reference,
        address=clean_address,
        issued_by=issued_by,
        issued_on=issued_on,
        expires_on=expires_on,
        recorded_by=principal.username,
    )
    session.add(row)
    session.flush()
    return row


def add_phase(
    session: Session,
    principal: Principal,
    op: Operation,
    *,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    notes: str | None = None,
) -> OperationPhase:
    """Record a phase of the operation.

    Raises:
        OperationError: no name, or an end before the start.
    """
    access.check_writable(session, principal, op)
    name = _clean("phase's name", name)
    if ends_on is not None and ends_on < starts_on:
        raise OperationError(f"phase {name!r} ends ({ends_on}) before it starts ({starts_on})")
    row = OperationPhase(
        operation_id=op.id, name=name, starts_on=starts_on, ends_on=ends_on, notes=notes
    )
    session.add(row)
    session.flush()
    return row


def set_strike(
    session: Session, principal: Principal, op: Operation, strike_at: dt.datetime
) -> Operation:
    """Set the one strike time for simultaneous entry (timezone-aware).

    Raises:
        OperationError: a naive time.
    """
    access.check_writable(session, principal, op)
    if strike_at.tzinfo is None:
        raise OperationError("give the strike time with its time zone (e.g. 2024-03-05T05:00Z)")
    op.strike_at = strike_at.astimezone(dt.UTC)
    session.flush()
    return op


def add_team(
    session: Session,
    principal: Principal,
    op: Operation,
    *,
    name: str,
    leader: str,
    officers: int = 0,
) -> OperationTeam:
    """Add a team of the day of action.

    Raises:
        OperationError: no name or leader, a name taken, or a negative size.
    """
    access.check_writable(session, principal, op)
    name, leader = _clean("team's name", name), _clean("team leader", leader)
    if officers < 0:
        raise OperationError("officers must be 0 or more")
    if session.scalar(
        select(OperationTeam.id).where(
            OperationTeam.operation_id == op.id, OperationTeam.name == name
        )
    ):
        raise OperationError(f"team {name!r} already exists in {op.name}")
    row = OperationTeam(operation_id=op.id, name=name, leader=leader, officers=officers)
    session.add(row)
    session.flush()
    return row


def _team(session: Session, op: Operation, name: str | None) -> OperationTeam | None:
    if name is None:
        return None
    team = session.scalar(
        select(OperationTeam).where(OperationTeam.operation_id == op.id, OperationTeam.name == name)
    )
    if team is None:
        raise OperationError(f"no team {name!r} in {op.name}: add it first")
    return team


def _authorisation(
    session: Session, op: Operation, reference: str | None
) -> OperationAuthorisation | None:
    if reference is None:
        return None
    row = session.scalar(
        select(OperationAuthorisation).where(
            OperationAuthorisation.operation_id == op.id,
            OperationAuthorisation.reference == reference.strip(),
        )
    )
    if row is None:
        raise OperationError(f"no authorisation {reference!r} is recorded for {op.name}")
    return row


def add_target(
    session: Session,
    principal: Principal,
    op: Operation,
    *,
    kind: str,
    label: str,
    address: str | None,
    warrant: str | None = None,
    team: str | None = None,
    cell_id: str | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
    line_ids: Sequence[str] = (),
    nominal_ids: Sequence[str] = (),
    numbers: Sequence[str] = (),
    reason: str = "",
) -> OperationTarget:
    """Add a target; an enforcement target needs the warrant recorded for its address.

    Raises:
        OperationError: an unknown team or warrant reference.
        countylines.operations.planning.PlanError: the warrant rule (see
            :func:`countylines.operations.planning.check_target`).
    """
    access.check_writable(session, principal, op)
    auth = _authorisation(session, op, warrant)
    strike_day = as_utc(op.strike_at).date() if op.strike_at else None
    kind = planning.check_target(
        kind, address, to_authorisation(auth) if auth else None, strike_day
    )
    row = OperationTarget(
        operation_id=op.id,
        kind=kind,
        label=_clean("target's label", label),
        address=_clean("address", address, required=False) or None,
        cell_id=cell_id,
        latitude=latitude,
        longitude=longitude,
        line_ids=list(line_ids),
        nominal_ids=list(nominal_ids),
        numbers=list(numbers),
        reason=reason,
        authorisation_id=auth.id if auth else None,
        team_id=(t.id if (t := _team(session, op, team)) else None),
        created_by=principal.username,
    )
    session.add(row)
    session.flush()
    return row


def assign_team(
    session: Session, principal: Principal, op: Operation, target_id: int, team: str
) -> OperationTarget:
    """Assign a target to a team.

    Raises:
        OperationError: no such target in ``op``, or no such team.
    """
    access.check_writable(session, principal, op)
    target = session.get(OperationTarget, target_id)
    if target is None or target.operation_id != op.id:
        raise OperationError(f"no target {target_id} in {op.name}")
    found = _team(session, op, team)
    target.team_id = found.id if found else None
    session.flush()
    return target


def to_authorisation(row: OperationAuthorisation) -> Authorisation:
    """The plain record of an authorisation row."""
    return Authorisation(
        row.id, row.kind, row.reference, row.address, row.issued_by, row.issued_on, row.expires_on
    )


def to_line_ref(row: OperationLine) -> LineRef:
    """The plain record of a linked line (from its snapshot)."""
    snap = row.snapshot
    return LineRef(
        line_id=row.line_id,
        label=row.label,
        numbers=tuple(str(n["number"]) for n in snap.get("numbers", [])),
        holder_numbers=tuple(str(h["number"]) for h in snap.get("holders", [])),
        runner_numbers=tuple(str(r["number"]) for r in snap.get("runners", [])),
        cuckooed_cells=tuple(str(c["cell_id"]) for c in snap.get("cuckooed", [])),
    )


def to_nominal_ref(row: OperationNominal) -> NominalRef:
    """The plain record of a linked nominal."""
    return NominalRef(
        row.nominal_id,
        row.label,
        tuple(row.numbers),
        tuple((str(r[0]), str(r[1])) for r in row.roles),
        row.possible_victim,
    )


def teams_of(session: Session, op: Operation) -> list[OperationTeam]:
    """The operation's teams, by name."""
    return list(
        session.scalars(
            select(OperationTeam)
            .where(OperationTeam.operation_id == op.id)
            .order_by(OperationTeam.name)
        )
    )


def targets_of(session: Session, op: Operation) -> list[Target]:
    """The operation's targets as plain records (team by name), in id order."""
    teams = {t.id: t.name for t in teams_of(session, op)}
    rows = session.scalars(
        select(OperationTarget)
        .where(OperationTarget.operation_id == op.id)
        .order_by(OperationTarget.id)
    )
    return [
        Target(
            target_id=r.id,
            kind=r.kind,
            label=r.label,
            address=r.address,
            cell_id=r.cell_id,
            latitude=r.latitude,
            longitude=r.longitude,
            line_ids=tuple(r.line_ids),
            nominal_ids=tuple(r.nominal_ids),
            reason=r.reason,
            authorisation_id=r.authorisation_id,
            team=teams.get(r.team_id) if r.team_id else None,
        )
        for r in rows
    ]


def target_numbers(session: Session, op: Operation) -> dict[int, list[str]]:
    """Per target id, the phone numbers of the people it concerns."""
    rows = session.scalars(select(OperationTarget).where(OperationTarget.operation_id == op.id))
    return {r.id: list(r.numbers) for r in rows}


def lines_of(session: Session, op: Operation) -> list[OperationLine]:
    """The operation's linked lines, in the order linked."""
    return list(
        session.scalars(
            select(OperationLine)
            .where(OperationLine.operation_id == op.id)
            .order_by(OperationLine.id)
        )
    )


def nominals_of(session: Session, op: Operation) -> list[OperationNominal]:
    """The operation's linked nominals, in the order linked."""
    return list(
        session.scalars(
            select(OperationNominal)
            .where(OperationNominal.operation_id == op.id)
            .order_by(OperationNominal.id)
        )
    )


def authorisations_of(session: Session, op: Operation) -> list[OperationAuthorisation]:
    """The operation's authorisations, in the order recorded."""
    return list(
        session.scalars(
            select(OperationAuthorisation)
            .where(OperationAuthorisation.operation_id == op.id)
            .order_by(OperationAuthorisation.id)
        )
    )


def phases_of(session: Session, op: Operation) -> list[OperationPhase]:
    """The operation's phases, by start date."""
    return list(
        session.scalars(
            select(OperationPhase)
            .where(OperationPhase.operation_id == op.id)
            .order_by(OperationPhase.starts_on, OperationPhase.id)
        )
    )


def count_operations(session: Session) -> int:
    """How many operations the workspace holds (all compartments)."""
    return int(session.scalar(select(func.count()).select_from(Operation)) or 0)
