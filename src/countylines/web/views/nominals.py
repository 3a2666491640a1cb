"""Nominals: people and phones in a role, ranked; possible victims marked as such."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from countylines.security.audited import AuditedStore
from countylines.web.data.picture import nominal_detail, nominal_list
from countylines.web.deps import Allow
from countylines.web.templating import render

router = APIRouter(tags=["nominals"])
NAV = [("Nominals", "/nominals", "nominals.read")]
Reader = Annotated[AuditedStore, Depends(Allow("nominals.read"))]


@router.get("/nominals", include_in_schema=False)
def nominals_page(request: Request, store: Reader) -> Response:
    """Nominals ranked by priority."""
    return render(request, "nominals.html", {"data": nominal_list(store)})


@router.get("/api/nominals")
def nominals_json(store: Reader) -> dict[str, Any]:
    """Nominals ranked by priority."""
    return nominal_list(store)


@router.get("/nominals/{nominal_id}", include_in_schema=False)
def nominal_page(request: Request, store: Reader, nominal_id: str) -> Response:
    """One nominal: numbers, roles, priority with its evidence, linked intelligence."""
    return render(request, "nominal.html", nominal_detail(store, nominal_id))


@router.get("/api/nominals/{nominal_id}")
def nominal_json(store: Reader, nominal_id: str) -> dict[str, Any]:
    """One nominal."""
    return nominal_detail(store, nominal_id)
