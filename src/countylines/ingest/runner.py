"""The discipline every ingest shares: identity, all-or-nothing, error reports.

For each file: hash it; if the same content is already loaded for this
source kind, change nothing and say so; otherwise let the adapter stage its
rows, then publish the staged evidence and commit the records in one step.
Any failure leaves no rows behind and is itself recorded, with its reason,
as a failed attempt.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import shutil
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import duckdb
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from countylines.ingest import files
from countylines.ingest.errors import FileRejected, RowError
from countylines.store.models import RowErrorRecord, SourceFile
from countylines.workspace import Workspace


@dataclass
class StageContext:
    """What an adapter gets for staging one file."""

    workspace: Workspace
    path: Path
    label: str  # how to name the file in messages
    facts: files.FileFacts
    workdir: Path  # private scratch folder, removed afterwards
    con: duckdb.DuckDBPyConnection
    max_stored_errors: int


@dataclass
class Staged:
    """An adapter's result for one file, not yet visible to anyone.

    Attributes:
        rows_read: data rows seen (loaded + rejected).
        rows_loaded: rows that will be loaded.
        rows_skipped: rows read but deliberately not loaded (e.g. data sessions).
        row_errors: rejected rows in detail (at most ``max_stored_errors``).
        reject_reasons: exact count of rejected rows per reason.
        evidence_table: Parquet evidence table the rows go to, if any.
        parquet: the staged Parquet file, if any.
        first_event_at / last_event_at: UTC date range of the rows.
        warnings: things a person should know though nothing was rejected.
        write_records: for SQL-backed sources, adds the records to the
            session (called inside the committing transaction).
    """

    rows_read: int
    rows_loaded: int
    rows_skipped: int = 0
    row_errors: list[RowError] = field(default_factory=list)
    reject_reasons: Counter[str] = field(default_factory=Counter)
    evidence_table: str | None = None
    parquet: Path | None = None
    first_event_at: dt.datetime | None = None
    last_event_at: dt.datetime | None = None
    warnings: list[str] = field(default_factory=list)
    layout: str | None = None
    write_records: Callable[[Session, SourceFile], None] | None = None

    @property
    def rows_rejected(self) -> int:
        """Rows read and refused for an error."""
        return self.rows_read - self.rows_loaded - self.rows_skipped


class Adapter(Protocol):
    """A source kind's ingest: stages one file (no side effects outside workdir)."""

    source_kind: str

    def stage(self, ctx: StageContext) -> Staged:
        """Read ``ctx.path`` and stage its rows.

        Raises:
            FileRejected: when the file cannot be loaded at all.
        """
        ...


@dataclass(frozen=True)
class ImportResult:
    """Outcome of one file: ``loaded``, ``unchanged`` (same content loaded before) or ``failed``."""

    path: str
    outcome: str
    message: str
    source_file_id: int | None = None
    rows_loaded: int = 0
    rows_rejected: int = 0
    reject_reasons: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def import_file(
    ws: Workspace,
    adapter: Adapter,
    path: Path,
    progress: Callable[[int], None] | None = None,
    phase: Callable[[str], None] | None = None,
) -> ImportResult:
    """Import one file through ``adapter`` under the shared discipline.

    ``progress`` is called with bytes read while hashing; ``phase`` with the
    name of each later step ("checking", "publishing"). Never raises for a
    bad file: the failure is recorded and returned.
    """
    label = str(path)
    if not path.is_file():
        return ImportResult(label, "failed", f"{label}: no such file")
    try:
        facts = files.scan(path, progress)
    except OSError as exc:
        return ImportResult(label, "failed", f"{label}: cannot be read ({exc.strerror})")

    with ws.session() as session:
        earlier = session.scalars(
            select(SourceFile).where(
                SourceFile.source_kind == adapter.source_kind, SourceFile.load_key == facts.sha256
            )
        ).first()
    if earlier is not None:
        return _unchanged(label, earlier, getattr(adapter, "layout", None))

    if phase is not None:
        phase("checking")
    workdir = ws.staging_dir / uuid.uuid4().hex
    workdir.mkdir(parents=True)
    published: Path | None = None
    try:
        with ws.duckdb() as con:
            ctx = StageContext(
                ws, path, label, facts, workdir, con, ws.settings.max_stored_row_errors
            )
            staged = adapter.stage(ctx)
        check_reject_share(
            ctx, staged.rows_read, staged.rows_rejected, staged.reject_reasons, staged.row_errors
        )
        if phase is not None:
            phase("publishing")
        if staged.parquet is not None and staged.evidence_table is not None:
            target_dir = ws.evidence_dir / staged.evidence_table
            target_dir.mkdir(parents=True, exist_ok=True)
            published = target_dir / f"{facts.sha256}.parquet"
            os.replace(staged.parquet, published)
        record = _loaded_record(path, facts, adapter.source_kind, staged, published, ws.root)
        with ws.session() as session, session.begin():
            session.add(record)
            session.flush()
            session.add_all(_error_records(record.id, staged.row_errors))
            if staged.write_records is not None:
                staged.write_records(session, record)
        return ImportResult(
            label,
            "loaded",
            _loaded_message(label, staged),
            record.id,
            staged.rows_loaded,
            staged.rows_rejected,
            dict(staged.reject_reasons),
            staged.warnings,
        )
    except IntegrityError:
        # Another import of the same content won the race, or a record clashes.
        if published is not None:
            published.unlink(missing_ok=True)
        with ws.session() as session:
            earlier = session.scalars(
                select(SourceFile).where(
                    SourceFile.source_kind == adapter.source_kind,
                    SourceFile.load_key == facts.sha256,
                )
            ).first()
        if earlier is not None:
            return _unchanged(label, earlier, getattr(adapter, "layout", None))
        return _record_failure(
            ws, path, facts, adapter.source_kind, "conflicts with records already loaded"
        )
    except FileRejected as exc:
        if published is not None:
            published.unlink(missing_ok=True)
        return _record_failure(ws, path, facts, adapter.source_kind, exc.reason, exc)
    except Exception as exc:
        if published is not None:
            published.unlink(missing_ok=True)
        return _record_failure(
            ws, path, facts, adapter.source_kind, f"import failed: {type(exc).__name__}: {exc}"
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def check_reject_share(
    ctx: StageContext,
    rows_read: int,
    rows_rejected: int,
    reasons: Counter[str],
    row_errors: list[RowError],
) -> None:
    """Fail the whole file when too many of its rows are rejected.

    Adapters may call this before writing their output, to fail early; the
    runner calls it again on every staged result.

    Raises:
        FileRejected: when ``rows_rejected / rows_read`` exceeds the
            ``max_reject_share`` setting.
    """
    max_share = ctx.workspace.settings.max_reject_share
    if rows_read and rows_rejected / rows_read > max_share:
        top = ", ".join(f"{n} x {r}" for r, n in reasons.most_common(3))
        first = min(row_errors, key=lambda e: e.line or 0) if row_errors else None
        raise FileRejected(
            ctx.label,
            f"{rows_rejected:,} of {rows_read:,} rows rejected (more than {max_share:.0%}): "
            f"a wrong layout or a broken export? Most common: {top}",
            line=first.line if first else None,
            column=first.column if first else None,
            row_errors=row_errors,
        )


def _loaded_record(
    path: Path,
    facts: files.FileFacts,
    kind: str,
    staged: Staged,
    published: Path | None,
    root: Path,
) -> SourceFile:
    return SourceFile(
        source_kind=kind,
        file_name=path.name,
        path=str(path.resolve()),
        sha256=facts.sha256,
        load_key=facts.sha256,
        size_bytes=facts.size_bytes,
        layout=staged.layout,
        status="loaded",
        rows_read=staged.rows_read,
        rows_loaded=staged.rows_loaded,
        rows_rejected=staged.rows_rejected,
        rows_skipped=staged.rows_skipped,
        reject_reasons=dict(staged.reject_reasons),
        warnings=list(staged.warnings),
        first_event_at=staged.first_event_at,
        last_event_at=staged.last_event_at,
        evidence_table=staged.evidence_table,
        evidence_path=str(published.relative_to(root)) if published else None,
        imported_by=who(),
    )


def _record_failure(
    ws: Workspace,
    path: Path,
    facts: files.FileFacts,
    kind: str,
    reason: str,
    exc: FileRejected | None = None,
) -> ImportResult:
    message = str(exc) if exc is not None else f"{path}: {reason}"
    with ws.session() as session, session.begin():
        record = SourceFile(
            source_kind=kind,
            file_name=path.name,
            path=str(path.resolve()),
            sha256=facts.sha256,
            load_key=None,
            size_bytes=facts.size_bytes,
            status="failed",
            error=message,
            reject_reasons={},
            warnings=[],
            imported_by=who(),
        )
        session.add(record)
        session.flush()
        if exc is not None:
            whole_file = RowError(exc.line, exc.column, None, exc.reason)
            kept = exc.row_errors[: ws.settings.max_stored_row_errors]
            session.add_all(_error_records(record.id, [whole_file, *kept]))
        record_id = record.id
    return ImportResult(str(path), "failed", f"{message} (nothing loaded)", record_id)


def _error_records(source_file_id: int, errors: list[RowError]) -> list[RowErrorRecord]:
    return [
        RowErrorRecord(
            source_file_id=source_file_id,
            line=e.line,
            column=e.column,
            value=e.value,
            reason=e.reason,
        )
        for e in errors
    ]


def _unchanged(label: str, earlier: SourceFile, layout: str | None) -> ImportResult:
    when = earlier.imported_at.strftime("%Y-%m-%d %H:%M UTC")
    message = (
        f"{label}: already imported (same content as {earlier.file_name!r}, import "
        f"#{earlier.id} on {when}); nothing changed"
    )
    if layout and earlier.layout and layout != earlier.layout:
        message += (
            f". It was read with {earlier.layout!r}, not {layout!r}: to read it again with "
            f"{layout!r}, first remove the earlier import "
            f"(`countylines imports remove {earlier.id} --reason ...`)"
        )
    return ImportResult(label, "unchanged", message, earlier.id)


def _loaded_message(label: str, staged: Staged) -> str:
    text = f"{label}: {staged.rows_loaded:,} rows loaded"
    if staged.rows_rejected:
        reasons = "; ".join(f"{n:,} {r}" for r, n in staged.reject_reasons.most_common())
        text += f", {staged.rows_rejected:,} rejected ({reasons})"
    return text


def who() -> str:
    """The operating-system user running this process ("unknown" if it cannot be told)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
