"""Queries over the import records: per-source summaries and row-error reports."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from countylines.store.models import RowErrorRecord, SourceFile

SOURCE_LABELS = {
    "cdr": "call data",
    "cell_sites": "cell sites",
    "police_uk_street": "police.uk street crime",
    "police_uk_stop_search": "police.uk stop and search",
    "police_uk_outcomes": "police.uk outcomes",
    "intel": "intelligence reports",
    "geo_lsoa_boundaries": "LSOA boundaries",
    "geo_postcode_lsoa": "postcode to LSOA lookup",
    "geo_lsoa_centroids": "LSOA centroids",
    "geo_lsoa_population": "LSOA population",
}


@dataclass(frozen=True)
class SourceSummary:
    """One source kind in the workspace.

    Dates are UTC; ``rows`` counts loaded rows of loaded files only.
    """

    source_kind: str
    label: str
    files_loaded: int
    files_failed: int
    rows: int
    rows_rejected: int
    rows_skipped: int
    first_event_at: dt.datetime | None
    last_event_at: dt.datetime | None
    last_import_at: dt.datetime | None


@dataclass(frozen=True)
class FileStatus:
    """One import attempt, as listed by ``countylines status``."""

    id: int
    source_kind: str
    file_name: str
    status: str
    layout: str | None
    rows_loaded: int
    rows_rejected: int
    rows_skipped: int
    reject_reasons: dict[str, int]
    warnings: list[str]
    error: str | None
    first_event_at: dt.datetime | None
    last_event_at: dt.datetime | None
    imported_at: dt.datetime
    sha256: str


def source_summaries(session: Session) -> list[SourceSummary]:
    """Per source kind: files, rows, date range, rejected rows, last import."""
    loaded = SourceFile.status == "loaded"
    rows = session.execute(
        select(
            SourceFile.source_kind,
            func.count().filter(loaded),
            func.count().filter(SourceFile.status == "failed"),
            func.coalesce(func.sum(SourceFile.rows_loaded).filter(loaded), 0),
            func.coalesce(func.sum(SourceFile.rows_rejected).filter(loaded), 0),
            func.coalesce(func.sum(SourceFile.rows_skipped).filter(loaded), 0),
            func.min(SourceFile.first_event_at).filter(loaded),
            func.max(SourceFile.last_event_at).filter(loaded),
            func.max(SourceFile.imported_at),
        )
        .group_by(SourceFile.source_kind)
        .order_by(SourceFile.source_kind)
    ).all()
    return [
        SourceSummary(
            kind,
            SOURCE_LABELS.get(kind, kind),
            int(n_loaded),
            int(n_failed),
            int(n_rows),
            int(n_rej),
            int(n_skip),
            _aware(first),
            _aware(last),
            _aware(when),
        )
        for kind, n_loaded, n_failed, n_rows, n_rej, n_skip, first, last, when in rows
    ]


def file_statuses(session: Session, source_kind: str | None = None) -> list[FileStatus]:
    """Every import attempt, newest first."""
    query = select(SourceFile).order_by(SourceFile.id.desc())
    if source_kind:
        query = query.where(SourceFile.source_kind == source_kind)
    return [
        FileStatus(
            f.id,
            f.source_kind,
            f.file_name,
            f.status,
            f.layout,
            f.rows_loaded,
            f.rows_rejected,
            f.rows_skipped,
            dict(f.reject_reasons or {}),
            list(f.warnings or []),
            f.error,
            _aware(f.first_event_at),
            _aware(f.last_event_at),
            _aware(f.imported_at) or f.imported_at,
            f.sha256,
        )
        for f in session.scalars(query)
    ]


@dataclass(frozen=True)
class RowErrorRow:
    """One line of the row-error report."""

    import_id: int
    file: str
    line: int | None
    column: str | None
    value: str | None
    reason: str


def row_errors(
    session: Session, import_id: int | None = None, limit: int | None = None
) -> Iterator[RowErrorRow]:
    """Row errors (file, line, column, value, reason), by import then line."""
    query = (
        select(RowErrorRecord, SourceFile.file_name)
        .join(SourceFile)
        .order_by(RowErrorRecord.source_file_id, RowErrorRecord.line, RowErrorRecord.id)
    )
    if import_id is not None:
        query = query.where(RowErrorRecord.source_file_id == import_id)
    if limit is not None:
        query = query.limit(limit)
    for err, name in session.execute(query):
        yield RowErrorRow(err.source_file_id, name, err.line, err.column, err.value, err.reason)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """A cell value a spreadsheet will show as text, never run as a formula.

    Text starting ``= + - @``, tab or carriage return gets a leading
    apostrophe (OWASP's advice against CSV injection); numbers and None pass.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_row_errors_csv(rows: Iterator[RowErrorRow], path: Path) -> int:
    """Write the row-error report as CSV (UTF-8, header row); returns rows written.

    Values from the files are made spreadsheet-safe (:func:`spreadsheet_safe`).
    """
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["import_id", "file", "line", "column", "value", "reason"])
        for row in rows:
            writer.writerow(
                [
                    spreadsheet_safe(v)
                    for v in (row.import_id, row.file, row.line, row.column, row.value, row.reason)
                ]
            )
            count += 1
    return count


def capped_imports(session: Session, import_id: int | None = None) -> list[str]:
    """Notes for imports whose rejected rows are kept in detail only in part."""
    stored = (
        select(RowErrorRecord.source_file_id, func.count().label("stored"))
        .group_by(RowErrorRecord.source_file_id)
        .subquery()
    )
    query = (
        select(SourceFile.id, SourceFile.file_name, SourceFile.rows_rejected, stored.c.stored)
        .join(stored, stored.c.source_file_id == SourceFile.id)
        .where(SourceFile.rows_rejected > stored.c.stored)
    )
    if import_id is not None:
        query = query.where(SourceFile.id == import_id)
    return [
        f"import #{i} ({name}): {rejected:,} rows rejected, detail kept for the first "
        f"{kept:,} (COUNTYLINES_MAX_STORED_ROW_ERRORS); counts by reason are exact"
        for i, name, rejected, kept in session.execute(query)
    ]


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite returns naive datetimes; every stored time is UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.UTC)
