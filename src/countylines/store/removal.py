"""Withdraw an import: its rows leave the workspace, its record stays, with why.

Used when a file was loaded with the wrong layout, or must be erased. The
import's record is kept (status ``removed``, who, when, the reason given) so
the workspace's history stays complete; the same content can then be loaded
again. Evidence parts are deleted after the records are committed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select

from countylines.store.models import IntelReport, IntelSourceRecord, SourceFile
from countylines.workspace import Workspace


class RemovalError(Exception):
    """The import does not exist or is not loaded."""


@dataclass(frozen=True)
class Removed:
    """What one removal took out."""

    import_id: int
    file_name: str
    rows: int
    records: int


def remove_import(ws: Workspace, import_id: int, reason: str, by: str) -> Removed:
    """Remove a loaded import's rows and records from the workspace.

    Args:
        ws: the workspace.
        import_id: the import's number (``countylines status --files``).
        reason: why, in words (kept with the record).
        by: who (an OS user name or an account).

    Raises:
        RemovalError: if there is no such import, or it is not loaded.
    """
    if not reason.strip():
        raise RemovalError("give a reason for removing an import")
    with ws.session() as session, session.begin():
        record = session.get(SourceFile, import_id)
        if record is None:
            raise RemovalError(f"no import #{import_id}")
        if record.status != "loaded":
            raise RemovalError(f"import #{import_id} is {record.status}, not loaded")
        urns = list(
            session.scalars(select(IntelReport.urn).where(IntelReport.source_file_id == import_id))
        )
        if urns:
            session.execute(delete(IntelSourceRecord).where(IntelSourceRecord.urn.in_(urns)))
            for report in session.scalars(
                select(IntelReport).where(IntelReport.source_file_id == import_id)
            ):
                session.delete(report)  # subjects and gradings go with it
        part = record.evidence_path
        record.status = "removed"
        record.load_key = None
        record.removed_at = dt.datetime.now(dt.UTC)
        record.removed_by = by
        record.removal_reason = reason.strip()
        result = Removed(import_id, record.file_name, record.rows_loaded, len(urns))
    if part:
        (ws.root / part).unlink(missing_ok=True)
    return result
