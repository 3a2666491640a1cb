"""SQL records of operations (migration ``0005``): one table per kind of record.

Every operation belongs to one compartment (``compartments.id``, see
``security/models.py``): only its members see the operation and everything
recorded under it; others are told whom to contact. Lines and nominals are
linked as snapshots of the analysis picture (JSON), so the operation's record
does not change when the picture is re-run. Times are UTC; weights are whole
milligrams and money whole pence.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from countylines.store.models import Base, utcnow


class Operation(Base):
    """An operation: name, compartment, senior investigating officer, objectives, plan."""

    __tablename__ = "operations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    compartment_id: Mapped[int] = mapped_column(ForeignKey("compartments.id"), index=True)
    sio: Mapped[str] = mapped_column(String(200))
    objectives: Mapped[list[str]] = mapped_column(JSON, default=list)
    strike_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200))


class OperationLine(Base):
    """A deal line linked to an operation: the picture's line as it was when linked."""

    __tablename__ = "operation_lines"
    __table_args__ = (UniqueConstraint("operation_id", "line_id", name="uq_operation_lines"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    operation_id: Mapped[int] = mapped_column(
        ForeignKey("operations.id", ondelete="CASCADE"), index=True
    )
    line_id: Mapped[str] = mapped_column(String(100))
    label: Mapped[str] = mapped_column(String(200))
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    linked_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    linked_by: Mapped[str] = mapped_column(String(200))


class OperationNominal(Base):
    """A person linked to an operation (a picture nominal, or entered by hand)."""

    __tablename__ = "operation_nominals"
    __table_args__ = (UniqueConstraint("operation_id", "nominal_id", name="uq_operation_nominals"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    operation_id: Mapped[int] = mapped_column(
        ForeignKey("operations.id", ondelete="CASCADE"), index=True
    )
    nominal_id: Mapped[str] = mapped_column(String(100))
    label: Mapped[str] = mapped_column(String(200))
    numbers: Mapped[list[str]] = mapped_column(JSON, default=list)
    roles: Mapped[list[list[str]]] = mapped_column(JSON, default=list)
    possible_victim: Mapped[bool] = mapped_column(Boolean, default=False)
    linked_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    linked_by: Mapped[str] = mapped_column(String(200))


class OperationAuthorisation(Base):
    """An authorisation recorded for an operation (a warrant names its address)."""

    __tablename__ = "operation_authorisations"
    __table_args__ = (
        UniqueConstraint("operation_id", "reference", name="uq_operation_authorisations"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    operation_id: Mapped[int] = mapped_column(
        ForeignKey("operations.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(40))
    reference: Mapped[str] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(Text, nullable=True)
    issued_by: Mapped[str] = mapped_column(String(200))
    issued_on: Mapped[dt.date] = mapped_column(Date)
    expires_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(200))


class OperationPhase(Base):
    """A phase of an operation (intelligence development, day of action, ...)."""

    __tablename__ = "operation_phases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    operation_id: Mapped[int] = mapped_column(
        ForeignKey("operations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str | None] = mapped_column(Text, nullable=True)


class OperationTeam(Base):
    """A team of the day of action, with its leader."""

    __tablename__ = "operation_teams"
    __table_args__ = (UniqueConstraint("operation_id", "name", name="uq_operation_teams"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    operation_id: Mapped[int] = mapped_column(
        ForeignKey("operations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    leader: Mapped[str] = mapped_column(String(200))
    officers: Mapped[int] = mapped_column(Integer, default=0)


class OperationTarget(Base):
    """A target of the day of action: enforcement (under a warrant) or safeguarding visit."""

    __tablename__ = "operation_targets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    operation_id: Mapped[int] = mapped_column(
        ForeignKey("operations.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(300))
    address: Mapped[str | None] = mapped_column(Text, nullable=True)
    cell_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    latitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    longitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    line_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    nominal_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    numbers: Mapped[list[str]] = mapped_column(JSON, default=list)
    reason: Mapped[str] = mapped_column(Text, default="")
    authorisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("operation_authorisations.id"), nullable=True
    )
    team_id: Mapped[int | None] = mapped_column(ForeignKey("operation_teams.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200))


class ArrestRecord(Base):
    """A person arrested under an operation."""

    __tablename__ = "operation_arrests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    operation_id: Mapped[int] = mapped_column(
        ForeignKey("operations.id", ondelete="CASCADE"), index=True
    )
    person: Mapped[str] = mapped_column(String(200))
    nominal_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    numbers: Mapped[list[str]] = mapped_column(JSON, default=list)
    roles: Mapped[list[list[str]]] = mapped_column(JSON, default=list)
    possible_victim: Mapped[bool] = mapped_column(Boolean, default=False)
    offence: Mapped[str] = mapped_column(Text)
    arrested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    place: Mapped[str] = mapped_column(Text)
    target_id: Mapped[int | None] = mapped_column(ForeignKey("operation_targets.id"), nullable=True)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(200))


class ChargeRecord(Base):
    """A charging decision on an arrest (CPS decision)."""

    __tablename__ = "operation_charges"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    arrest_id: Mapped[int] = mapped_column(
        ForeignKey("operation_arrests.id", ondelete="CASCADE"), index=True
    )
    offence: Mapped[str] = mapped_column(Text)
    decided_on: Mapped[dt.date] = mapped_column(Date, index=True)
    cps_decision: Mapped[str] = mapped_column(String(60))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(200))


class HearingRecord(Base):
    """A court hearing of an arrested person's case."""

    __tablename__ = "operation_hearings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    arrest_id: Mapped[int] = mapped_column(
        ForeignKey("operation_arrests.id", ondelete="CASCADE"), index=True
    )
    court: Mapped[str] = mapped_column(String(200))
    heard_on: Mapped[dt.date] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(60))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(200))


class SentenceRecord(Base):
    """A sentence on a conviction."""

    __tablename__ = "operation_sentences"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    arrest_id: Mapped[int] = mapped_column(
        ForeignKey("operation_arrests.id", ondelete="CASCADE"), index=True
    )
    sentenced_on: Mapped[dt.date] = mapped_column(Date)
    custodial_months: Mapped[int] = mapped_column(Integer, default=0)
    suspended: Mapped[bool] = mapped_column(Boolean, default=False)
    community_order: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(200))


class ReferralRecord(Base):
    """A safeguarding referral made (MASH, NRM, adult social care)."""

    __tablename__ = "operation_referrals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    operation_id: Mapped[int] = mapped_column(
        ForeignKey("operations.id", ondelete="CASCADE"), index=True
    )
    route: Mapped[str] = mapped_column(String(40))
    person: Mapped[str] = mapped_column(String(200))
    possible_child: Mapped[bool] = mapped_column(Boolean, default=False)
    referred_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    arrest_id: Mapped[int | None] = mapped_column(ForeignKey("operation_arrests.id"), nullable=True)
    target_id: Mapped[int | None] = mapped_column(ForeignKey("operation_targets.id"), nullable=True)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(200))


class VisitRecord(Base):
    """A safeguarding visit to an address (cuckooed or not) and the people seen."""

    __tablename__ = "operation_visits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    operation_id: Mapped[int] = mapped_column(
        ForeignKey("operations.id", ondelete="CASCADE"), index=True
    )
    address: Mapped[str] = mapped_column(Text)
    visited_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    cuckooed: Mapped[bool] = mapped_column(Boolean)
    vulnerable_people: Mapped[int] = mapped_column(Integer, default=0)
    target_id: Mapped[int | None] = mapped_column(ForeignKey("operation_targets.id"), nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(200))


class SeizureRecord(Base):
    """Something seized: drugs, cash, a weapon, or a phone (with its numbers and lines)."""

    __tablename__ = "operation_seizures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    operation_id: Mapped[int] = mapped_column(
        ForeignKey("operations.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    seized_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    place: Mapped[str] = mapped_column(Text, default="")
    drug_type: Mapped[str | None] = mapped_column(String(60), nullable=True)
    milligrams: Mapped[int] = mapped_column(BigInteger, default=0)
    pence: Mapped[int] = mapped_column(BigInteger, default=0)
    weapon_kind: Mapped[str | None] = mapped_column(String(60), nullable=True)
    numbers: Mapped[list[str]] = mapped_column(JSON, default=list)
    line_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    arrest_id: Mapped[int | None] = mapped_column(ForeignKey("operation_arrests.id"), nullable=True)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(200))


class ClosureRecord(Base):
    """A line closed (NCLCC Type 1 or Type 2); one closure per line."""

    __tablename__ = "line_closures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    operation_id: Mapped[int] = mapped_column(
        ForeignKey("operations.id", ondelete="CASCADE"), index=True
    )
    line_id: Mapped[str] = mapped_column(String(100), unique=True)
    closure_type: Mapped[int] = mapped_column(Integer)
    numbers: Mapped[list[str]] = mapped_column(JSON, default=list)
    closed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    charge_id: Mapped[int | None] = mapped_column(ForeignKey("operation_charges.id"), nullable=True)
    deactivation_reference: Mapped[str | None] = mapped_column(String(200), nullable=True)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(200))


class CheckBackAlertRecord(Base):
    """A check-back alert: a closed line's number, or its successor, seen again."""

    __tablename__ = "closure_alerts"
    __table_args__ = (UniqueConstraint("closure_id", "number", "kind", name="uq_closure_alerts"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    closure_id: Mapped[int] = mapped_column(
        ForeignKey("line_closures.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(60))
    first_seen_after: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    last_seen: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    evidence: Mapped[str] = mapped_column(Text)
    raised_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    status: Mapped[str] = mapped_column(String(20), default="open")
