"""Intelligence records in the workspace: URNs already held, and adding reports in batches.

Each report is stored as an :class:`~countylines.store.models.IntelReport`
with its subjects (:class:`IntelSubject`) and its first grading
(:class:`IntelGrading`, graded by the importing OS user, reason "as imported
from <file> (import #N)"). Source identity goes ONLY to
:class:`IntelSourceRecord`, linked by the URN text.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from countylines.ingest.intel_checks import Report
from countylines.ingest.runner import who
from countylines.store.models import (
    IntelGrading,
    IntelReport,
    IntelSourceRecord,
    IntelSubject,
    SourceFile,
)

QUERY_CHUNK = 500  # URNs per lookup query


def urns_in_workspace(session: Session, urns: Iterable[str]) -> dict[str, str]:
    """URN -> reason, for the ``urns`` the workspace already holds (report or source record)."""
    wanted = list(urns)
    found: dict[str, str] = {}
    for start in range(0, len(wanted), QUERY_CHUNK):
        chunk = wanted[start : start + QUERY_CHUNK]
        for urn, file_id in session.execute(
            select(IntelReport.urn, IntelReport.source_file_id).where(IntelReport.urn.in_(chunk))
        ):
            found[urn] = (
                f"URN already loaded from import #{file_id}"
                if file_id is not None
                else "URN already loaded (entered directly, not from a file)"
            )
        for (urn,) in session.execute(
            select(IntelSourceRecord.urn).where(IntelSourceRecord.urn.in_(chunk))
        ):
            found.setdefault(urn, "URN already has a source record in the workspace")
    return found


def identical_in_workspace(session: Session, reports: Iterable[Report]) -> set[str]:
    """URNs of ``reports`` already held with the same date, text, area and grading.

    A re-export of a growing intelligence log repeats reports already loaded;
    those are not errors. A URN held with *different* content is (a
    correction or re-grading is made in the workspace, where its history is
    kept, not by re-importing).
    """
    wanted = {r.urn: r for r in reports}
    same: set[str] = set()
    urns = list(wanted)
    for start in range(0, len(urns), QUERY_CHUNK):
        for stored in session.scalars(
            select(IntelReport).where(IntelReport.urn.in_(urns[start : start + QUERY_CHUNK]))
        ):
            r = wanted[stored.urn]
            g = r.grading
            if (
                stored.report_date,
                stored.text,
                stored.area,
                stored.grading_scheme,
                stored.source_grade,
                stored.intelligence_grade,
                stored.handling_code,
                stored.handling_conditions,
            ) == (
                r.date,
                r.text,
                r.area,
                g.scheme,
                g.source,
                g.intelligence,
                g.handling,
                g.conditions,
            ):
                same.add(stored.urn)
    return same


class ReportWriter:
    """Adds reports to a session in batches, flushing each, holding no more than one batch.

    The records go to the database inside the caller's transaction; flushed
    records are not kept here, so memory stays bounded however many there are.
    """

    def __init__(self, session: Session, source_file: SourceFile, batch: int = 1000) -> None:
        self._session = session
        self._source_file_id = source_file.id
        self._graded_by = who()
        self._reason = f"as imported from {source_file.file_name} (import #{source_file.id})"
        self._batch = batch
        self._pending: list[IntelReport | IntelSourceRecord] = []
        self._reports = 0
        self.written = 0

    def add(self, r: Report) -> None:
        """Add one report (with its subjects, first grading and any source record)."""
        g = r.grading
        report = IntelReport(
            urn=r.urn,
            source_file_id=self._source_file_id,
            source_line=r.line,
            report_date=r.date,
            text=r.text,
            area=r.area,
            grading_scheme=g.scheme,
            source_grade=g.source,
            intelligence_grade=g.intelligence,
            handling_code=g.handling,
            handling_conditions=g.conditions,
        )
        report.subjects = [IntelSubject(kind=k, value=v, normalised=n) for k, v, n in r.subjects]
        report.gradings = [
            IntelGrading(
                scheme=g.scheme,
                source_grade=g.source,
                intelligence_grade=g.intelligence,
                handling_code=g.handling,
                handling_conditions=g.conditions,
                graded_by=self._graded_by,
                reason=self._reason,
            )
        ]
        self._pending.append(report)
        if r.source_reference is not None or r.source_details:
            self._pending.append(
                IntelSourceRecord(
                    urn=r.urn, source_reference=r.source_reference, source_details=r.source_details
                )
            )
        self._reports += 1
        if self._reports >= self._batch:
            self.flush()

    def flush(self) -> None:
        """Send the pending batch to the database (still inside the transaction)."""
        if self._pending:
            self._session.add_all(self._pending)
            self._session.flush()
        self.written += self._reports
        self._pending, self._reports = [], 0
