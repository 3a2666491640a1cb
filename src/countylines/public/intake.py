"""Storing a report from the public, and releasing it to the analysts' queue.

The moment someone sends a report is never stored. :func:`store_report`
keeps the start of the *period* it arrived in (an hour by default,
:data:`DEFAULT_PERIOD_MINUTES`) and the end of that period as
``available_from``. :func:`release_due` releases the reports whose period
has ended: it logs their **collection** in the s.62 log (actor ``public``),
in the order of their random references rather than of arrival, and finds
their likely duplicates among earlier reports. It runs every minute in the
public app and before every read of the triage queue, so a report reaches
the queue within about a minute of the end of its hour, and nothing in the
records or the log can place it more finely than that hour.

The report's mentions are found with :func:`countylines.extract.extract`, per
field, when it arrives.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from countylines.extract import extract
from countylines.public.duplicates import MAX_EARLIER, ReportForMatching, likely_duplicates
from countylines.public.form import FIELDS, Submission
from countylines.public.models import PUBLIC_PAGE, PublicReport
from countylines.security.audit import record_event

log = logging.getLogger(__name__)

DEFAULT_PERIOD_MINUTES = 60
"""Arrival times are kept to this many minutes (and reports wait until the period ends)."""

PUBLIC_ACTOR = "public"
"""How the s.62 log names the sender of a public report: no one in particular."""

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O, U


def new_reference() -> str:
    """A random reference such as ``PUB-7K3M9Q2X`` (40 random bits; says nothing of the time)."""
    return "PUB-" + "".join(secrets.choice(_ALPHABET) for _ in range(8))


def period_of(moment: dt.datetime, minutes: int) -> tuple[dt.datetime, dt.datetime]:
    """The period of ``minutes`` (counted from midnight UTC) that holds ``moment``: (start, end).

    Raises:
        ValueError: if ``minutes`` is not between 1 and 1440 or does not divide a day.
    """
    if not 1 <= minutes <= 1440 or 1440 % minutes:
        raise ValueError(f"the period must divide a day into equal parts, not {minutes} minutes")
    utc = moment.astimezone(dt.UTC)
    midnight = utc.replace(hour=0, minute=0, second=0, microsecond=0)
    index = int((utc - midnight).total_seconds() // (minutes * 60))
    start = midnight + dt.timedelta(minutes=index * minutes)
    return start, start + dt.timedelta(minutes=minutes)


def find_mentions(
    texts: Mapping[str, str], known_postcodes: Collection[str] | None = None
) -> list[dict[str, Any]]:
    """Every mention in every text field: the mention's JSON plus ``field``.

    Args:
        texts: field name -> text (``Submission.texts``); spans index into
            that field's text.

    Raises:
        countylines.extract.TextRefused: cannot happen for a checked submission
            (its texts passed the same checks).
    """
    found: list[dict[str, Any]] = []
    for f in FIELDS:
        text = texts.get(f.name, "")
        if text:
            for mention in extract(text, known_postcodes=known_postcodes):
                found.append({**mention.to_json(), "field": f.name})
    return found


def mentions_or_none(texts: Mapping[str, str]) -> list[dict[str, Any]] | None:
    """:func:`find_mentions`, or None when extraction fails: a report is never lost for it
    (it is stored without mentions, and extraction is tried again on release)."""
    try:
        return find_mentions(texts)
    except Exception:
        log.warning("extraction failed; the report is kept and read again on release")
        return None


def store_report(
    session: Session,
    submission: Submission,
    mentions: Sequence[dict[str, Any]] | None,
    *,
    now: dt.datetime,
    period_minutes: int = DEFAULT_PERIOD_MINUTES,
    where_lsoa: str | None = None,
    channel: str = PUBLIC_PAGE,
    channel_reference: str | None = None,
) -> str:
    """Add the report to ``session`` (the caller commits); returns its reference.

    ``channel`` says how it came (:data:`countylines.public.models.CHANNELS`) and
    ``channel_reference`` is that channel's own reference (a 101 log number): never the
    person. The public page stores neither beyond its channel.

    ``mentions`` None means extraction failed: the report is stored with none,
    marked to be read again on release. Nothing is logged here: collection is
    logged on release (:func:`release_due`).
    """
    start, end = period_of(now, period_minutes)
    reference = new_reference()
    while session.scalar(select(PublicReport.id).where(PublicReport.reference == reference)):
        reference = new_reference()
    t = submission.texts
    session.add(
        PublicReport(
            reference=reference,
            received_period=start,
            available_from=end,
            released=False,
            what=t["what"],
            where_text=t["where"] or None,
            where_latitude=submission.latitude,
            where_longitude=submission.longitude,
            where_lsoa=where_lsoa,
            when_text=t["when"] or None,
            people=t["people"] or None,
            vehicles=t["vehicles"] or None,
            phones=t["phones"] or None,
            children=submission.children,
            channel=channel,
            channel_reference=channel_reference,
            mentions=list(mentions) if mentions is not None else [],
            mentions_pending=mentions is None,
            duplicate_candidates=[],
            status="new",
        )
    )
    session.flush()
    return reference


def matching_view(report: PublicReport) -> ReportForMatching:
    """What duplicate finding compares of a stored report."""
    return ReportForMatching.of(
        reference=report.reference,
        texts=report_texts(report),
        mentions=report.mentions,
        lsoa=report.where_lsoa,
    )


def report_texts(report: PublicReport) -> dict[str, str]:
    """Field name -> text of a stored report (empty string when not given)."""
    return {
        "what": report.what,
        "where": report.where_text or "",
        "when": report.when_text or "",
        "people": report.people or "",
        "vehicles": report.vehicles or "",
        "phones": report.phones or "",
    }


def release_due(session: Session, now: dt.datetime) -> list[str]:
    """Release every report whose period has ended: log its collection, find its duplicates.

    Safe to run from several processes at once: a report is released (and its
    collection logged) by whichever transaction marks it first. The caller
    commits (the log entries and the release go together).

    Returns:
        The references released, in the order logged (by time received, then reference).
    """
    due = session.scalars(
        select(PublicReport)
        .where(PublicReport.released.is_(False), PublicReport.available_from <= now)
        # in the order received: an imported batch's older report is the earlier one
        .order_by(PublicReport.received_period, PublicReport.reference)
    ).all()
    if not due:
        return []
    earlier = session.scalars(
        select(PublicReport)
        .where(PublicReport.released.is_(True))
        .order_by(PublicReport.available_from.desc(), PublicReport.reference)
        .limit(MAX_EARLIER)
    ).all()
    pool = [matching_view(r) for r in earlier]
    released: list[str] = []
    for report in due:
        marked = session.execute(
            update(PublicReport)
            .where(PublicReport.id == report.id, PublicReport.released.is_(False))
            .values(released=True)
            .execution_options(synchronize_session=False)
        )
        if getattr(marked, "rowcount", 0) != 1:
            continue  # another process released it first
        if report.mentions_pending:
            found = mentions_or_none(report_texts(report))
            if found is not None:
                report.mentions, report.mentions_pending = found, False
        mine = matching_view(report)
        report.duplicate_candidates = [d.to_json() for d in likely_duplicates(mine, pool)]
        report.released = True
        counts = _count_types(report.mentions)
        record_event(
            session,
            actor=PUBLIC_ACTOR,
            action="collection",
            record_type="public_report",
            record_id=report.reference,
            summary=(
                f"report from the public {report.reference} received in the period from "
                f"{report.received_period.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC"
                + (f"; mentions: {counts}" if counts else "; no mentions found")
            ),
        )
        pool.insert(0, mine)
        released.append(report.reference)
    session.flush()
    return released


def _count_types(mentions: Sequence[Mapping[str, Any]]) -> str:
    counts: dict[str, int] = {}
    for m in mentions:
        counts[str(m.get("type"))] = counts.get(str(m.get("type")), 0) + 1
    return ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
