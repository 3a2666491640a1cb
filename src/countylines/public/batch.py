"""Reports from the public that came another way (101 call notes, Crimestoppers), from a file.

``countylines ingest public-reports FILE``. The file is JSON Lines in UTF-8
(a byte-order mark is allowed): one report an object, blank lines ignored.

* ``text`` (or ``what``): what the person reported. Required.
* ``received_utc``: when it was received, ISO 8601 with its zone
  (``2023-10-10T12:11:46Z``); only the hour it fell in is kept, as for the
  public page. Without it, the time of the import.
* ``where``, ``when``, ``people``, ``vehicles``, ``phones``: the page's other
  answers, as text; ``children``: ``yes``, ``no`` or ``not sure``.
* ``channel``: how it came: ``101``, ``crimestoppers`` or ``other`` (the
  default); ``public page`` is for the page itself.
* ``ref``: that channel's own reference (a 101 log number, a Crimestoppers
  reference), kept beside the queue's own random reference so feedback can go
  back the same way. It names the report, never the person: a file must not
  carry who the reporter is (name, number, address of the caller), and nothing
  here stores it.

Each report is checked exactly as the public page checks a submission
(:func:`countylines.public.form.check_submission`: sizes, text only), its
mentions are found the same way, and it is stored by
:func:`countylines.public.intake.store_report`: it waits for the end of its
hour and is released, with its collection logged (s.62), like any other.

Loading follows the shared ingest discipline
(:func:`countylines.ingest.runner.import_file`): a file already loaded
changes nothing; a bad report is rejected with its line, column and reason
while the rest load; too many rejected and nothing loads. A report already in
the workspace, or earlier in the same file (same hour, same answers), is not
loaded again, so a later export that repeats earlier reports counts each once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from countylines.ingest.errors import FileRejected, RowError, clip
from countylines.ingest.runner import StageContext, Staged
from countylines.public.form import FIELD_BY_NAME, Submission, SubmissionRefused, check_submission
from countylines.public.intake import (
    DEFAULT_PERIOD_MINUTES,
    mentions_or_none,
    period_of,
    report_texts,
    store_report,
)
from countylines.public.models import CHANNELS, PUBLIC_PAGE, PublicReport
from countylines.public.places import PlaceLookup
from countylines.store.models import SourceFile

SOURCE_KIND = "public_reports"
LAYOUT = "reports from the public (JSON Lines)"
MAX_FILE_BYTES = 64 * 1024 * 1024
"""Largest file read (about 3,000 reports of the largest size the page takes)."""

TEXT_KEYS = ("text", "what")
KNOWN_KEYS = frozenset({*TEXT_KEYS, "received_utc", "children", "ref", "channel", *FIELD_BY_NAME})
MAX_REFERENCE = 64
FUTURE_SLACK = dt.timedelta(minutes=5)  # clocks differ a little between systems


@dataclass(frozen=True)
class _Report:
    """One checked report of the file: where it was, what it says, when it was received,
    how it came and that channel's reference."""

    line: int
    submission: Submission
    received: dt.datetime
    channel: str = "other"
    reference: str | None = None


def _channel(record: dict[str, Any]) -> tuple[str, str | None]:
    """``channel`` and ``ref`` of a record.

    Raises:
        ValueError: with the reason in words.
    """
    channel = record.get("channel", "other")
    if channel not in CHANNELS or channel == PUBLIC_PAGE:
        raise ValueError(f"channel must be one of 101, crimestoppers, other, not {channel!r}")
    reference = record.get("ref")
    if reference is not None:
        if not isinstance(reference, str | int) or isinstance(reference, bool):
            raise ValueError("ref must be text")
        reference = str(reference).strip()
        if len(reference) > MAX_REFERENCE or not reference.isprintable():
            raise ValueError(f"ref must be printable text of at most {MAX_REFERENCE} characters")
    return channel, reference or None


def _received(value: Any, now: dt.datetime) -> dt.datetime:
    """``received_utc`` as an aware UTC time.

    Raises:
        ValueError: with the reason in words.
    """
    if value is None:
        return now
    if not isinstance(value, str):
        raise ValueError("received_utc must be text such as 2023-10-10T12:11:46Z")
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(
            "received_utc is not an ISO 8601 time such as 2023-10-10T12:11:46Z"
        ) from None
    if moment.tzinfo is None:
        raise ValueError("received_utc has no time zone: add Z for UTC (never guessed)")
    moment = moment.astimezone(dt.UTC)
    if moment > now + FUTURE_SLACK:
        raise ValueError("received_utc is in the future")
    return moment


def _fields(record: dict[str, Any]) -> dict[str, str]:
    """The object's answers as the form's fields (text only).

    Raises:
        ValueError: for no text, two texts, or an answer that is not text.
    """
    given = [k for k in TEXT_KEYS if k in record]
    if len(given) == 2:
        raise ValueError("give the report as text or as what, not both")
    fields: dict[str, str] = {}
    for key, value in record.items():
        name = "what" if key in TEXT_KEYS else key
        if name not in FIELD_BY_NAME and name != "children":
            continue
        if value is None:
            continue
        if not isinstance(value, str):
            raise ValueError(f"{key} must be text, not {type(value).__name__}")
        fields[name] = value
    return fields


def read_report(
    line_text: str, line: int, now: dt.datetime
) -> tuple[_Report | None, RowError | None, set[str]]:
    """One line of the file: the checked report, or the reason it is rejected.

    Returns:
        (report, None, unknown keys) or (None, error, unknown keys).
    """
    try:
        record = json.loads(line_text)
    except json.JSONDecodeError as exc:
        return (
            None,
            RowError(
                line,
                f"character {exc.colno}",
                clip(line_text),
                f"not JSON: {exc.msg} (the file is JSON Lines: one report object a line)",
            ),
            set(),
        )
    if not isinstance(record, dict):
        return (
            None,
            RowError(line, None, clip(line_text), "each line must be one JSON object"),
            set(),
        )
    unknown = {k for k in record if k not in KNOWN_KEYS}
    try:
        fields = _fields(record)
    except ValueError as exc:
        return None, RowError(line, None, None, str(exc)), unknown
    try:
        received = _received(record.get("received_utc"), now)
    except ValueError as exc:
        return (
            None,
            RowError(line, "received_utc", clip(str(record.get("received_utc"))), str(exc)),
            unknown,
        )
    try:
        channel, reference = _channel(record)
    except ValueError as exc:
        column = "ref" if str(exc).startswith("ref") else "channel"
        return None, RowError(line, column, clip(str(record.get(column))), str(exc)), unknown
    try:
        submission = check_submission(fields)
    except SubmissionRefused as exc:
        name, reason = next(iter(exc.errors.items()))
        column = "text" if name == "what" and "text" in record else name
        return None, RowError(line, column, None, reason), unknown
    return _Report(line, submission, received, channel, reference), None, unknown


def _key(received: dt.datetime, texts: dict[str, str], children: str) -> tuple[Any, ...]:
    """What makes two reports the same report: the hour and every answer."""
    start, _ = period_of(received, DEFAULT_PERIOD_MINUTES)
    return (start, children, *(texts.get(name, "") for name in FIELD_BY_NAME))


def _reason_kind(reason: str) -> str:
    """A rejection reason without its particulars, to count alike ones together."""
    if re.match(r"this answer is [\d,]+ characters", reason):
        return "an answer is too long"
    if reason.startswith("not JSON"):
        return "not JSON (the file is JSON Lines: one report object a line)"
    return reason


def _stored_key(report: PublicReport) -> tuple[Any, ...]:
    start = report.received_period
    start = start.replace(tzinfo=dt.UTC) if start.tzinfo is None else start.astimezone(dt.UTC)
    return _key(start, report_texts(report), report.children)


class PublicReportsAdapter:
    """The ingest adapter for files of reports from the public (see the module doc)."""

    source_kind = SOURCE_KIND
    layout = LAYOUT

    def __init__(self, now: dt.datetime | None = None) -> None:
        self._now = now

    def stage(self, ctx: StageContext) -> Staged:
        """Read and check every report of ``ctx.path``; find their mentions.

        Raises:
            FileRejected: for a file over :data:`MAX_FILE_BYTES`, one that is not
                UTF-8 (naming the line), or one that changed while it was read.
        """
        now = self._now or dt.datetime.now(dt.UTC)
        if ctx.facts.size_bytes > MAX_FILE_BYTES:
            raise FileRejected(ctx.label, f"larger than {MAX_FILE_BYTES // 2**20} MB")
        data = ctx.path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise FileRejected(ctx.label, "not UTF-8 text", line=line) from exc
        if hashlib.sha256(data).hexdigest() != ctx.facts.sha256:
            raise FileRejected(ctx.label, "the file changed while it was read: nothing loaded")

        errors: list[RowError] = []
        reasons: Counter[str] = Counter()
        unknown: set[str] = set()
        reports: list[_Report] = []
        rows_read = 0
        # Lines end at \n only: a JSON string may hold U+2028 or a form feed, which
        # str.splitlines would also cut at.
        for number, raw_line in enumerate(text.split("\n"), start=1):
            line_text = raw_line.removesuffix("\r")
            if not line_text.strip():
                continue
            rows_read += 1
            report, error, extra = read_report(line_text, number, now)
            unknown |= extra
            if error is not None:
                reasons[_reason_kind(error.reason)] += 1
                if len(errors) < ctx.max_stored_errors:
                    errors.append(error)
            elif report is not None:
                reports.append(report)

        with ctx.workspace.session() as session:
            stored = {
                _stored_key(r)
                for r in session.scalars(
                    select(PublicReport).where(
                        PublicReport.received_period.in_(
                            {period_of(r.received, DEFAULT_PERIOD_MINUTES)[0] for r in reports}
                        )
                    )
                )
            }
        fresh: list[_Report] = []
        skipped = 0
        for report in reports:
            key = _key(report.received, report.submission.texts, report.submission.children)
            if key in stored:
                skipped += 1
                continue
            stored.add(key)
            fresh.append(report)

        places = PlaceLookup(ctx.workspace)
        found = [mentions_or_none(r.submission.texts) for r in fresh]
        for mentions in found:
            places.place_mentions(mentions)

        warnings: list[str] = []
        if unknown:
            warnings.append(f"fields not read: {', '.join(sorted(unknown))}")
        if skipped:
            warnings.append(
                f"{skipped} report(s) already in the workspace or repeated in the file "
                "(same hour, same answers): not loaded again"
            )
        if not rows_read:
            warnings.append("the file has no reports")

        def write_records(session: Session, source_file: SourceFile) -> None:
            for report, mentions in zip(fresh, found, strict=True):
                store_report(
                    session,
                    report.submission,
                    mentions,
                    now=report.received,
                    channel=report.channel,
                    channel_reference=report.reference,
                )

        times = [r.received for r in fresh]
        return Staged(
            rows_read=rows_read,
            rows_loaded=len(fresh),
            rows_skipped=skipped,
            row_errors=errors,
            reject_reasons=reasons,
            first_event_at=min(times) if times else None,
            last_event_at=max(times) if times else None,
            warnings=warnings,
            layout=LAYOUT,
            write_records=write_records,
        )
