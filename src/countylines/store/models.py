"""SQL records of the workspace (SQLAlchemy 2 declarative models).

Records live here; bulk evidence (call events, crimes, searches) lives in
Parquet files registered by :class:`SourceFile`. The schema is changed only by
Alembic migrations in ``store/migrations``; the models and the newest
migration must agree (a test checks it).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> dt.datetime:
    """The current time, timezone-aware UTC."""
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    """Declarative base of every records table."""


class SourceFile(Base):
    """One attempt to import one file: its identity, status and counts.

    A loaded file has ``load_key`` = its SHA-256, unique per source kind, so
    the same content can never be loaded twice (the database refuses it even
    under concurrent imports). Failed attempts keep ``load_key`` NULL and
    record why in ``error``. A removed import (status ``removed``) keeps its
    record, with who removed it, when and why; its rows are gone.
    """

    __tablename__ = "source_files"
    __table_args__ = (UniqueConstraint("source_kind", "load_key", name="uq_source_files_load"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_kind: Mapped[str] = mapped_column(String(40), index=True)
    file_name: Mapped[str] = mapped_column(String(500))
    path: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    load_key: Mapped[str | None] = mapped_column(String(64), nullable=True)
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    layout: Mapped[str | None] = mapped_column(String(200), nullable=True)
    status: Mapped[str] = mapped_column(String(20))  # loaded | failed
    rows_read: Mapped[int] = mapped_column(BigInteger, default=0)
    rows_loaded: Mapped[int] = mapped_column(BigInteger, default=0)
    rows_rejected: Mapped[int] = mapped_column(BigInteger, default=0)
    rows_skipped: Mapped[int] = mapped_column(
        BigInteger, default=0
    )  # read, not wanted (e.g. data sessions)
    reject_reasons: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    first_event_at: Mapped[dt.datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )
    last_event_at: Mapped[dt.datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )
    evidence_table: Mapped[str | None] = mapped_column(String(60), nullable=True)
    evidence_path: Mapped[str | None] = mapped_column(Text, nullable=True)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(200))
    removed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    removed_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    removal_reason: Mapped[str | None] = mapped_column(Text, nullable=True)

    row_errors: Mapped[list[RowErrorRecord]] = relationship(
        back_populates="source_file", cascade="all, delete-orphan"
    )


class RowErrorRecord(Base):
    """One rejected row (or field) of an imported file, as a person reads it."""

    __tablename__ = "row_errors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_file_id: Mapped[int] = mapped_column(
        ForeignKey("source_files.id", ondelete="CASCADE"), index=True
    )
    line: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    column: Mapped[str | None] = mapped_column(String(200), nullable=True)
    value: Mapped[str | None] = mapped_column(Text, nullable=True)
    reason: Mapped[str] = mapped_column(Text)

    source_file: Mapped[SourceFile] = relationship(back_populates="row_errors")


class IntelReport(Base):
    """A sanitised intelligence report: no source identity, only its URN.

    The current grading is held on the report for fast filtering; every
    grading, including the first, is also a row of :class:`IntelGrading`.
    ``grading_scheme`` is ``3x5x2`` or ``5x5x5``; codes of one scheme are never
    converted into the other.
    """

    __tablename__ = "intel_reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    urn: Mapped[str] = mapped_column(String(100), unique=True)
    source_file_id: Mapped[int | None] = mapped_column(
        ForeignKey("source_files.id"), nullable=True, index=True
    )
    source_line: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    report_date: Mapped[dt.date] = mapped_column(Date, index=True)
    text: Mapped[str] = mapped_column(Text)
    area: Mapped[str | None] = mapped_column(String(200), nullable=True)
    grading_scheme: Mapped[str] = mapped_column(String(10))
    source_grade: Mapped[str] = mapped_column(String(2))
    intelligence_grade: Mapped[str] = mapped_column(String(2))
    handling_code: Mapped[str] = mapped_column(String(2))
    handling_conditions: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # need-to-know compartment (security/models.py); NULL = general material
    compartment_id: Mapped[int | None] = mapped_column(
        ForeignKey("compartments.id"), nullable=True, index=True
    )

    subjects: Mapped[list[IntelSubject]] = relationship(
        back_populates="report", cascade="all, delete-orphan"
    )
    gradings: Mapped[list[IntelGrading]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="IntelGrading.id"
    )


class IntelSubject(Base):
    """A POLE subject named by a report: person, phone, address, vehicle, ..."""

    __tablename__ = "intel_subjects"
    __table_args__ = (Index("ix_intel_subjects_kind_norm", "kind", "normalised"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("intel_reports.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # person | phone | address | vehicle | ...
    value: Mapped[str] = mapped_column(Text)
    normalised: Mapped[str | None] = mapped_column(String(300), nullable=True)

    report: Mapped[IntelReport] = relationship(back_populates="subjects")


class IntelGrading(Base):
    """One grading of a report; the history of re-grading is kept, never overwritten."""

    __tablename__ = "intel_gradings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("intel_reports.id", ondelete="CASCADE"), index=True
    )
    scheme: Mapped[str] = mapped_column(String(10))
    source_grade: Mapped[str] = mapped_column(String(2))
    intelligence_grade: Mapped[str] = mapped_column(String(2))
    handling_code: Mapped[str] = mapped_column(String(2))
    handling_conditions: Mapped[str | None] = mapped_column(Text, nullable=True)
    graded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    graded_by: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)

    report: Mapped[IntelReport] = relationship(back_populates="gradings")


class IntelSourceRecord(Base):
    """Source identity behind a report, kept apart from the sanitised report.

    Linked to :class:`IntelReport` only by the URN text (no foreign key), so
    the sanitised side can be shared or exported without ever joining to it.
    Access to this table is restricted (see docs/intelligence.md).
    """

    __tablename__ = "intel_source_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    urn: Mapped[str] = mapped_column(String(100), unique=True)
    source_reference: Mapped[str | None] = mapped_column(String(200), nullable=True)
    source_details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


# Tables of other packages that share this metadata (foreign keys above name them).
from countylines.operations import models as _operations_models  # noqa: E402, F401
from countylines.public import models as _public_models  # noqa: E402, F401
from countylines.security import models as _security_models  # noqa: E402, F401
from countylines.store import safeguarding as _safeguarding_models  # noqa: E402, F401
