"""Graded intelligence reports from CSV or JSON (``countylines ingest intel``).

Each report becomes an :class:`~countylines.store.models.IntelReport` with its
subjects and its first grading; source identity (``source_reference`` and any
other ``source_*`` field) goes ONLY to :class:`IntelSourceRecord`, linked by
the URN text; it never reaches the report, its subjects, the row-error report
or the warnings. All records are written inside the transaction that
registers the file, so a file loads completely or not at all. Formats,
fields and examples: docs/intelligence.md.

The work is split by job:

- :mod:`.intel_fields`: the field names, and a report as read (:class:`RawRow`);
- :mod:`.intel_text`: the file as text in its encoding, in bounded pieces;
- :mod:`.intel_csv`, :mod:`.intel_json`: the two readers, one report at a time
  (:mod:`.intel_json_report`: one JSON report object as a row);
- :mod:`.intel_checks`: one report checked (dates, grading, subjects, leaks);
- :mod:`.intel_state`: what staging keeps per file (counts, first errors, URNs seen);
- :mod:`.intel_store`: URNs already in the workspace; records added in batches;
- this module: the adapter, which streams the file twice.

Memory is bounded whatever the file's size. Staging reads the file once,
checks each report, and keeps counts, the first row errors, and one bit per
report (loads or not); the URNs seen, needed to find a URN repeated in the
file, go to a scratch SQLite file in the import's private folder, not to
memory. Writing, inside the runner's transaction, reads the file again and
adds the reports that passed, flushing every :data:`BATCH`. Both passes hash
the bytes they read: a file that changes meanwhile fails, nothing loaded.
"""

from __future__ import annotations

import codecs
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from sqlalchemy.orm import Session

from countylines.ingest.errors import FileRejected, RowError, clip
from countylines.ingest.intel_checks import Report, check_row, normalise_subject, parse_report_date
from countylines.ingest.intel_csv import read_csv
from countylines.ingest.intel_fields import (
    RawRow,
    Reading,
    field_key,
    is_source_identity,
    normalise_text,
)
from countylines.ingest.intel_json import read_json
from countylines.ingest.intel_state import Flags, SeenUrns, Tally
from countylines.ingest.intel_store import ReportWriter, identical_in_workspace, urns_in_workspace
from countylines.ingest.intel_text import TextFile, first_character
from countylines.ingest.runner import StageContext, Staged
from countylines.store.models import SourceFile
from countylines.workspace import Workspace

__all__ = [
    "BATCH",
    "SOURCE_KIND",
    "IntelAdapter",
    "field_key",
    "is_source_identity",
    "normalise_subject",
    "parse_report_date",
]

SOURCE_KIND = "intel"
BATCH = 1000  # reports checked, looked up and written together


@dataclass
class IntelAdapter:
    """Stages one file of graded intelligence reports (CSV or JSON).

    Attributes:
        encoding: the file's text encoding (Python codec name); UTF-8 by
            default, with or without a byte-order mark. Never guessed.
    """

    encoding: str = "utf-8"
    source_kind: str = SOURCE_KIND

    def __post_init__(self) -> None:
        """Check the encoding name now, not file by file.

        Raises:
            ValueError: if Python knows no codec of that name.
        """
        try:
            codecs.lookup(self.encoding)
        except LookupError as exc:
            raise ValueError(f"unknown text encoding {self.encoding!r}") from exc

    def stage(self, ctx: StageContext) -> Staged:
        """Read and check the reports of ``ctx.path``, one batch at a time.

        Bad reports are rejected one by one (file, line, column, value,
        reason); the others load, added by ``write_records`` inside the
        runner's committing transaction (a second pass over the file).

        Raises:
            FileRejected: for an empty or undecodable file, invalid JSON, a
                JSON document of the wrong shape, a CSV header lacking a
                required column or naming one twice, or a file that changes
                while it is read.
        """
        source = _Source(
            ctx.path, self.encoding, ctx.label, _is_json(ctx.path, self.encoding, ctx.label)
        )
        today = dt.date.today()
        tally = Tally(ctx.max_stored_errors)
        with (
            source.open() as (text, reading),
            SeenUrns(ctx.workdir / "urns-seen.sqlite") as seen,
        ):
            for batch in _batches(reading.rows, BATCH):
                _stage_batch(batch, today, seen, ctx.workspace, tally)
            if text.sha256() != ctx.facts.sha256:
                raise _changed(ctx.label)

        warnings = list(reading.warnings)
        if tally.withheld:
            warnings.append(
                f"{tally.withheld} phone subjects are withheld or unknown numbers: kept as "
                "written, not linkable (no normalised number)"
            )
        if not tally.rows_read:
            warnings.append("header only: the file has no reports")
        if tally.rows_skipped:
            warnings.append(
                f"{tally.rows_skipped} reports are already in the workspace, identical: "
                "not loaded again"
            )
        plan = _Plan(
            source, today, tally.loads, tally.rows_read, tally.rows_loaded, ctx.facts.sha256
        )

        def write_records(session: Session, source_file: SourceFile) -> None:
            _write(plan, session, source_file)

        return Staged(
            rows_read=tally.rows_read,
            rows_loaded=tally.rows_loaded,
            rows_skipped=tally.rows_skipped,
            row_errors=tally.errors,
            reject_reasons=tally.reasons,
            first_event_at=_midnight(tally.first_date) if tally.first_date else None,
            last_event_at=_midnight(tally.last_date) if tally.last_date else None,
            warnings=warnings,
            layout=reading.layout,
            write_records=write_records,
        )


@dataclass(frozen=True)
class _Source:
    """The file to read, and how."""

    path: Path
    encoding: str
    label: str
    is_json: bool

    @contextmanager
    def open(self) -> Iterator[tuple[TextFile, Reading]]:
        """A pass over the file: its text, and the reports read from it lazily."""
        with TextFile(self.path, self.encoding, self.label, "\n" if self.is_json else "") as text:
            yield text, (read_json(text) if self.is_json else read_csv(text))


def _is_json(path: Path, encoding: str, label: str) -> bool:
    """JSON by the name (``.json``; ``.csv`` or ``.txt`` are CSV), else by the first character.

    Raises:
        FileRejected: for an empty or blank file.
    """
    first = first_character(path, encoding, label)
    suffix = path.suffix.casefold()
    if suffix == ".json":
        return True
    if suffix in (".csv", ".txt"):
        return False
    return first in ("[", "{")


def _stage_batch(
    rows: list[RawRow], today: dt.date, seen: SeenUrns, workspace: Workspace, tally: Tally
) -> None:
    """Check a batch of reports, find repeated and already-loaded URNs, and count them.

    The workspace is asked in a short transaction of its own per batch, never
    one held open for the whole file.
    """
    urns = [normalise_text(row.values.get("urn") or "") if row.readable else "" for row in rows]
    earlier = seen.first_lines(u for u in urns if u)
    firsts: dict[str, int | None] = {}
    checked: list[tuple[RawRow, Report | None]] = []
    for row, urn in zip(rows, urns, strict=True):
        if not row.readable:
            checked.append((row, None))
            continue
        report, withheld = check_row(row, today)
        if urn and (urn in earlier or urn in firsts):
            where = earlier[urn] if urn in earlier else firsts[urn]
            at = f"line {where}" if where is not None else "an earlier report"
            row.problems.insert(
                0,
                (
                    "URN repeated in the file",
                    RowError(
                        row.line,
                        row.labels.get("urn", "urn"),
                        clip(urn),
                        f"URN repeated in this file (first at {at}); this occurrence is not loaded",
                    ),
                ),
            )
            report = None
        elif urn:
            firsts[urn] = row.line
        if report is not None:
            tally.withheld += withheld
        checked.append((row, report))
    seen.add(firsts)

    with workspace.session() as session:
        loaded = urns_in_workspace(session, [r.urn for _, r in checked if r is not None])
        same = identical_in_workspace(
            session, [r for _, r in checked if r is not None and r.urn in loaded]
        )
    for row, report in checked:
        if report is not None and report.urn in same:
            tally.skip()
            continue
        if report is not None and report.urn in loaded:
            row.problems.insert(
                0,
                (
                    "URN already loaded by an earlier import, with different content",
                    RowError(
                        row.line,
                        row.labels.get("urn", "urn"),
                        clip(report.urn),
                        f"{loaded[report.urn]}, with a different date, text, area or grading: "
                        "correct or re-grade it in the workspace, where its history is kept",
                    ),
                ),
            )
            report = None
        tally.add(row, report)


@dataclass(frozen=True)
class _Plan:
    """What the write pass needs from staging: which reports load, and what was read."""

    source: _Source
    today: dt.date
    loads: Flags
    rows_read: int
    rows_loaded: int
    sha256: str


def _write(plan: _Plan, session: Session, source_file: SourceFile) -> None:
    """Read the file again and add the reports that passed staging to ``session``, in batches.

    Raises:
        FileRejected: if the file is not what staging read (it changed).
    """
    writer = ReportWriter(session, source_file, BATCH)
    read = 0
    with plan.source.open() as (text, reading):
        for row in reading.rows:
            read += 1
            if read > plan.rows_read:
                raise _changed(plan.source.label)
            if not plan.loads[read - 1]:
                continue
            report, _ = check_row(row, plan.today)
            if report is None:
                raise _changed(plan.source.label)
            writer.add(report)
        writer.flush()
        if (read, writer.written) != (plan.rows_read, plan.rows_loaded) or (
            text.sha256() != plan.sha256
        ):
            raise _changed(plan.source.label)


def _changed(label: str) -> FileRejected:
    return FileRejected(
        label, "the file changed while it was being imported; import it again when it is complete"
    )


def _batches(rows: Iterator[RawRow], size: int) -> Iterator[list[RawRow]]:
    while batch := list(islice(rows, size)):
        yield batch


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=dt.UTC)
