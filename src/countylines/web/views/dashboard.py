"""The dashboard: lines ranked by priority, with their activity trend."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from countylines.security.audited import AuditedStore
from countylines.web.data.picture import line_list
from countylines.web.deps import Allow
from countylines.web.templating import render

router = APIRouter(tags=["dashboard"])
NAV = [("Dashboard", "/", "lines.read")]
Reader = Annotated[AuditedStore, Depends(Allow("lines.read"))]


@router.get("/", include_in_schema=False)
def dashboard(request: Request, store: Reader) -> Response:
    """Lines ranked, with a sparkline of daily activity each."""
    return render(request, "dashboard.html", {"data": line_list(store, limit=25)})


@router.get("/api/dashboard")
def dashboard_json(store: Reader) -> dict[str, Any]:
    """The dashboard's data: the top 25 lines and the picture's facts."""
    return line_list(store, limit=25)
