"""The supervisor's page on the s.62 log: query it, and check the chain."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from countylines.security.audit import ACTIONS, AuditError, AuditQuery
from countylines.security.audited import AuditedStore
from countylines.web.data.audit import PAGE_SIZE, query_log, verify_log
from countylines.web.deps import Allow
from countylines.web.templating import render

router = APIRouter(tags=["s.62 log"])
NAV = [("Audit log", "/audit", "audit.read")]
Reader = Annotated[AuditedStore, Depends(Allow("audit.read"))]


def _day(text: str, end: bool = False) -> dt.datetime | None:
    if not text:
        return None
    day = dt.date.fromisoformat(text)
    return dt.datetime.combine(day + dt.timedelta(days=1 if end else 0), dt.time(), dt.UTC)


def _query(
    user: str, action: str, record_type: str, record_id: str, since: str, until: str, text: str
) -> AuditQuery:
    return AuditQuery(
        actor=user or None,
        action=action or None,
        record_type=record_type or None,
        record_id=record_id or None,
        since=_day(since),
        until=_day(until, end=True),
        text=text or None,
    )


@router.get("/audit", include_in_schema=False)
def audit_page(
    request: Request,
    store: Reader,
    user: str = "",
    action: str = "",
    record_type: str = "",
    record_id: str = "",
    since: str = "",
    until: str = "",
    text: str = "",
    page: int = 1,
) -> Response:
    """Query form and results (the query itself is logged)."""
    form = {
        "user": user,
        "action": action,
        "record_type": record_type,
        "record_id": record_id,
        "since": since,
        "until": until,
        "text": text,
    }
    error = None
    try:
        data = query_log(store, _query(**form), page)
    except (AuditError, ValueError) as exc:
        data, error = {"entries": [], "total": 0, "page": 1}, str(exc)
    return render(
        request,
        "audit.html",
        {"data": data, "form": form, "actions": ACTIONS, "error": error, "page_size": PAGE_SIZE},
    )


@router.get("/api/audit")
def audit_json(
    store: Reader,
    user: str = "",
    action: str = "",
    record_type: str = "",
    record_id: str = "",
    since: str = "",
    until: str = "",
    text: str = "",
    page: int = 1,
) -> dict[str, Any]:
    """Entries matching the filters, newest first, 100 a page."""
    return query_log(store, _query(user, action, record_type, record_id, since, until, text), page)


@router.get("/audit/verify", include_in_schema=False)
def verify_page(request: Request, store: Reader) -> Response:
    """Check every entry's hash and link."""
    return render(request, "audit_verify.html", {"result": verify_log(store)})


@router.get("/api/audit/verify")
def verify_json(store: Reader) -> dict[str, Any]:
    """Check every entry's hash and link."""
    return verify_log(store)
