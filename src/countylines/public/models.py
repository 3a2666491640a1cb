"""SQL records of reports from the public and their triage (migration ``0006``).

* ``public_reports``: one row per report as the public page received it, the
  mentions extraction found in it, its likely duplicates, its triage status
  and THRIVE fields, and (once accepted) the intelligence report made from it.
  No address, user agent, cookie or other identifier of the sender exists in
  it. The time of arrival is kept only as the start of its hour
  (``received_period``), and the report is shown to analysts only from the end
  of that hour (``available_from``), so that neither the records nor the s.62
  log can be matched to the moment someone sent it.
* ``public_report_decisions``: every triage step (THRIVE set, accepted,
  rejected, marked a duplicate), never overwritten.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from countylines.store.models import Base, utcnow

STATUSES = ("new", "accepted", "rejected", "duplicate")
"""Triage status of a public report: ``new`` until an analyst decides."""

PUBLIC_PAGE = "public page"
CHANNELS = (PUBLIC_PAGE, "101", "crimestoppers", "other")
"""How a report reached the force: the anonymous page, a 101 call, Crimestoppers (anonymous,
through the charity), or another way. Reports loaded from a file say which."""

CHILDREN_ANSWERS = ("yes", "no", "not sure", "not answered")
"""The reporter's answer to "do children or young people seem to be involved?"."""


class PublicReport(Base):
    """One report from the public (see the module doc).

    ``mentions`` is a list of extraction mentions, each the JSON of
    :class:`countylines.extract.Mention` plus ``field`` (the form field it was
    found in; spans index into that field's text) and, for postcodes the
    workspace's lookup knows, ``lsoa_code``, ``lsoa_name``, ``latitude`` and
    ``longitude``; ``mentions_pending`` is true while extraction has failed
    (it is tried again on release). ``duplicate_candidates`` is filled when the report is
    released to analysts: earlier reports it probably repeats, each
    ``{"reference", "score", "reasons"}``.
    """

    __tablename__ = "public_reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    received_period: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    available_from: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    released: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    what: Mapped[str] = mapped_column(Text)
    where_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    where_latitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    where_longitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    where_lsoa: Mapped[str | None] = mapped_column(String(12), nullable=True)
    when_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    people: Mapped[str | None] = mapped_column(Text, nullable=True)
    vehicles: Mapped[str | None] = mapped_column(Text, nullable=True)
    phones: Mapped[str | None] = mapped_column(Text, nullable=True)
    children: Mapped[str] = mapped_column(String(12))
    channel: Mapped[str] = mapped_column(String(20), default=PUBLIC_PAGE)
    channel_reference: Mapped[str | None] = mapped_column(String(64), nullable=True)
    mentions: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    mentions_pending: Mapped[bool] = mapped_column(Boolean, default=False)
    duplicate_candidates: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(12), default="new", index=True)
    thrive_threat: Mapped[str | None] = mapped_column(String(10), nullable=True)
    thrive_harm: Mapped[str | None] = mapped_column(String(10), nullable=True)
    thrive_risk: Mapped[str | None] = mapped_column(String(10), nullable=True)
    thrive_investigation: Mapped[str | None] = mapped_column(Text, nullable=True)
    thrive_vulnerability: Mapped[str | None] = mapped_column(Text, nullable=True)
    thrive_engagement: Mapped[str | None] = mapped_column(Text, nullable=True)
    duplicate_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("public_reports.id"), nullable=True
    )
    intel_report_id: Mapped[int | None] = mapped_column(
        ForeignKey("intel_reports.id"), nullable=True, index=True
    )
    triaged_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    triaged_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class PublicReportDecision(Base):
    """One triage step on a public report (history kept, never overwritten).

    ``decision`` is ``thrive``, ``accepted``, ``rejected`` or ``duplicate``;
    ``details`` holds what was set (THRIVE values, the grading, the URN made,
    the report it duplicates).
    """

    __tablename__ = "public_report_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_report_id: Mapped[int] = mapped_column(
        ForeignKey("public_reports.id", ondelete="CASCADE"), index=True
    )
    decision: Mapped[str] = mapped_column(String(20))
    decided_by: Mapped[str] = mapped_column(String(200))
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
