"""The safeguarding list: possible victims (people and addresses) with their route."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from countylines.security.audited import AuditedStore
from countylines.web.data.picture import safeguarding_list
from countylines.web.deps import Allow
from countylines.web.templating import render

router = APIRouter(tags=["safeguarding"])
NAV = [("Safeguarding", "/safeguarding", "safeguarding.read")]
Reader = Annotated[AuditedStore, Depends(Allow("safeguarding.read"))]


@router.get("/safeguarding", include_in_schema=False)
def safeguarding_page(request: Request, store: Reader) -> Response:
    """Possible victims to review, children first."""
    return render(request, "safeguarding.html", {"data": safeguarding_list(store)})


@router.get("/api/safeguarding")
def safeguarding_json(store: Reader) -> dict[str, Any]:
    """Possible victims to review."""
    return safeguarding_list(store)
