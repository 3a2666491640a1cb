"""Import status for the web workspace: per file, with its row errors."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from countylines.security.audited import AuditedStore, ReadContext
from countylines.store import imports

ROW_ERRORS_SHOWN = 500


def import_status(store: AuditedStore) -> dict[str, Any]:
    """Per source kind and per import attempt (newest first)."""

    def load(ctx: ReadContext) -> dict[str, Any]:
        return {
            "sources": [asdict(s) for s in imports.source_summaries(ctx.session)],
            "files": [asdict(f) for f in imports.file_statuses(ctx.session)],
        }

    return store.consult(
        permission="imports.read",
        record_type="import_status",
        record_id=None,
        summary=lambda v: f"import status: {len(v['files'])} imports",
        load=load,
    )


def import_errors(store: AuditedStore, import_id: int) -> dict[str, Any]:
    """One import with its first :data:`ROW_ERRORS_SHOWN` row errors."""

    def load(ctx: ReadContext) -> dict[str, Any]:
        files = [f for f in imports.file_statuses(ctx.session) if f.id == import_id]
        if not files:
            from countylines.web.errors import NotFound

            raise NotFound(f"import #{import_id}")
        errors = [asdict(e) for e in imports.row_errors(ctx.session, import_id, ROW_ERRORS_SHOWN)]
        return {"file": asdict(files[0]), "row_errors": errors, "shown": ROW_ERRORS_SHOWN}

    return store.consult(
        permission="imports.read",
        record_type="import",
        record_id=str(import_id),
        summary=lambda v: f"import #{import_id} row errors viewed",
        load=load,
    )
