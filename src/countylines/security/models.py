"""SQL records of access control and the DPA 2018 s.62 log.

Tables (all created by migration ``0004``):

* ``users``: accounts with one role each (see :mod:`countylines.security.access`);
  argon2 password hashes, or an external subject for single sign-on.
* ``compartments``: one per operation (or other need-to-know group), each
  with an *owner*, the person others are told to contact when they touch its
  material ("held elsewhere"). Operations (migration 0005) reference
  ``compartments.id``.
* ``compartment_memberships``: who may see a compartment's material.
* ``compartment_assignments``: places a record that is not an SQL row of
  its own (a deal line, nominal, location or safeguarding entry of the
  analysis picture, keyed by its stable id) in a compartment. SQL records
  carry a ``compartment_id`` column instead (``intel_reports.compartment_id``).
  No compartment (NULL / no assignment) means the workspace's general
  material, visible to every role allowed that kind of record.
* ``web_sessions``: browser sessions, stored by the SHA-256 of their token.
* ``audit_events`` and ``audit_head``: the append-only, hash-chained log
  (see :mod:`countylines.security.audit`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from countylines.store.models import Base, utcnow


class User(Base):
    """An account: one person, one role.

    ``password_hash`` is an argon2id hash (never the password); it is NULL
    for accounts that sign in only through single sign-on, which are matched
    by ``external_subject``. A disabled account keeps its row (the audit log
    names it) with who disabled it, when and why.
    """

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(40))
    password_hash: Mapped[str | None] = mapped_column(String(300), nullable=True)
    external_subject: Mapped[str | None] = mapped_column(String(300), nullable=True, unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200))
    disabled_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    disabled_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    disabled_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )


class Compartment(Base):
    """A need-to-know group of material, usually one operation.

    ``owner_id`` is the account others are referred to ("held elsewhere —
    contact the owner"). ``name`` is shown only to members.
    """

    __tablename__ = "compartments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str | None] = mapped_column(Text, nullable=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200))


class CompartmentMembership(Base):
    """A user's access to one compartment, with who granted it and when."""

    __tablename__ = "compartment_memberships"
    __table_args__ = (
        UniqueConstraint("user_id", "compartment_id", name="uq_compartment_memberships"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    compartment_id: Mapped[int] = mapped_column(
        ForeignKey("compartments.id", ondelete="CASCADE"), index=True
    )
    granted_by: Mapped[str] = mapped_column(String(200))
    granted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CompartmentAssignment(Base):
    """Places a picture record (deal line, nominal, ...) in a compartment.

    ``record_type`` is ``line``, ``nominal``, ``location`` or
    ``safeguarding``; ``record_key`` the record's stable id in the analysis
    picture (e.g. ``line-3f9a1c2b7d``, a hash of the line's first number, so
    it survives re-analysis).
    """

    __tablename__ = "compartment_assignments"
    __table_args__ = (
        UniqueConstraint("record_type", "record_key", name="uq_compartment_assignments"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_type: Mapped[str] = mapped_column(String(40))
    record_key: Mapped[str] = mapped_column(String(200))
    compartment_id: Mapped[int] = mapped_column(
        ForeignKey("compartments.id", ondelete="CASCADE"), index=True
    )
    assigned_by: Mapped[str] = mapped_column(String(200))
    assigned_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class WebSession(Base):
    """A signed-in browser session.

    ``id`` is the SHA-256 (hex) of the random token held in the cookie, so a
    copy of the table cannot be replayed. ``csrf_token`` must accompany every
    state-changing request. ``purpose`` is the operation or purpose reference
    the user gave for this session; it is the justification of each logged
    action. Ended sessions keep their row until cleaned up.
    """

    __tablename__ = "web_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    purpose: Mapped[str | None] = mapped_column(String(300), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    ended_reason: Mapped[str | None] = mapped_column(String(100), nullable=True)


class AuditEvent(Base):
    """One entry of the s.62 log; never updated or deleted.

    ``seq`` numbers the entries 1, 2, 3 ... with no gap; ``hash`` is the
    SHA-256 of the entry's canonical form including ``prev_hash`` (the hash of
    entry ``seq - 1``), so changing, deleting or reordering any entry breaks
    the chain (:func:`countylines.security.audit.verify_chain`). Database
    triggers refuse UPDATE and DELETE on this table.
    """

    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_record", "record_type", "record_id"),
        Index("ix_audit_events_actor_at", "actor", "at"),
    )

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(20), index=True)
    record_type: Mapped[str] = mapped_column(String(60))
    record_id: Mapped[str | None] = mapped_column(String(300), nullable=True)
    summary: Mapped[str] = mapped_column(Text)
    justification: Mapped[str | None] = mapped_column(Text, nullable=True)
    recipient: Mapped[str | None] = mapped_column(Text, nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class AuditHead(Base):
    """The newest entry of the chain (one row, ``id`` 1).

    Writers lock this row before appending, so concurrent writers queue
    instead of forking the chain; ``verify_chain`` also checks that the last
    entry is the one recorded here (a deleted last entry is found).
    """

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))
