"""The supervisor's view of the s.62 log: query and verify (each itself logged)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from countylines.security.audit import AuditQuery, query_events, verify_chain
from countylines.security.audited import AuditedStore, ReadContext

PAGE_SIZE = 100


def query_log(store: AuditedStore, query: AuditQuery, page: int = 1) -> dict[str, Any]:
    """Matching entries, newest first, :data:`PAGE_SIZE` a page, and the total."""
    offset = (max(1, page) - 1) * PAGE_SIZE

    def load(ctx: ReadContext) -> dict[str, Any]:
        entries, total = query_events(ctx.session, query, limit=PAGE_SIZE, offset=offset)
        return {"entries": [asdict(e) for e in entries], "total": total, "page": page}

    described = ", ".join(f"{k}={v}" for k, v in vars(query).items() if v) or "all entries"
    return store.consult(
        permission="audit.read",
        record_type="audit_log",
        record_id=None,
        summary=lambda v: f"audit log queried: {described}; {v['total']} entries",
        load=load,
        sensitive=True,
    )


def verify_log(store: AuditedStore) -> dict[str, Any]:
    """The result of :func:`countylines.security.audit.verify_chain`."""
    return store.consult(
        permission="audit.read",
        record_type="audit_log",
        record_id=None,
        summary=lambda v: f"audit log verified: {'intact' if v['ok'] else 'NOT intact'}",
        load=lambda ctx: asdict(verify_chain(ctx.session)),
    )
