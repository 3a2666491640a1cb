"""Import status: every file, its outcome, and its rejected rows."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from countylines.security.audited import AuditedStore
from countylines.web.data.imports import import_errors, import_status
from countylines.web.deps import Allow
from countylines.web.templating import render

router = APIRouter(tags=["imports"])
NAV = [("Imports", "/imports", "imports.read")]
Reader = Annotated[AuditedStore, Depends(Allow("imports.read"))]


@router.get("/imports", include_in_schema=False)
def imports_page(request: Request, store: Reader) -> Response:
    """Per source and per file."""
    return render(request, "imports.html", {"data": import_status(store)})


@router.get("/api/imports")
def imports_json(store: Reader) -> dict[str, Any]:
    """Per source and per file."""
    return import_status(store)


@router.get("/imports/{import_id}", include_in_schema=False)
def import_page(request: Request, store: Reader, import_id: int) -> Response:
    """One import with its row errors (file, line, column, value, reason)."""
    return render(request, "import.html", {"data": import_errors(store, import_id)})


@router.get("/api/imports/{import_id}")
def import_json(store: Reader, import_id: int) -> dict[str, Any]:
    """One import with its row errors."""
    return import_errors(store, import_id)
