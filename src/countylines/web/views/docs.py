"""API documentation (OpenAPI at /openapi.json, Swagger UI at /docs) for signed-in users.

Swagger UI is served from the npm package ``swagger-ui-dist`` (no CDN) and
started by a script file of our own (no inline script, so the page keeps the
strict Content-Security-Policy).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from countylines.security.audited import AuditedStore
from countylines.web.deps import Allow
from countylines.web.templating import render

router = APIRouter()
NAV = [("API", "/docs", None)]
SignedIn = Annotated[AuditedStore, Depends(Allow(None))]


@router.get("/openapi.json", include_in_schema=False)
def openapi(request: Request, store: SignedIn) -> dict[str, Any]:
    """The OpenAPI schema of the JSON API."""
    schema: dict[str, Any] = request.app.openapi()
    return schema


@router.get("/docs", include_in_schema=False)
def docs(request: Request, store: SignedIn) -> Response:
    """Swagger UI over /openapi.json."""
    return render(request, "docs.html", {})
