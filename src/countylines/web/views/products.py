"""Intelligence products: list, and download (a disclosure to a named recipient)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from countylines.security.audited import AuditedStore
from countylines.web.data.intel import ExportRefused
from countylines.web.data.products import download, product_detail, product_list
from countylines.web.deps import Allow
from countylines.web.templating import render

router = APIRouter(tags=["products"])
NAV = [("Products", "/products", "products.read")]
Reader = Annotated[AuditedStore, Depends(Allow("products.read"))]
Discloser = Annotated[AuditedStore, Depends(Allow("disclose"))]


@router.get("/products", include_in_schema=False)
def products_page(request: Request, store: Reader) -> Response:
    """Products, newest first."""
    return render(request, "products.html", {"data": product_list(store)})


@router.get("/api/products")
def products_json(store: Reader) -> dict[str, Any]:
    """Products, newest first."""
    return product_list(store)


@router.get("/products/{product_id}", include_in_schema=False)
def product_page(request: Request, store: Reader, product_id: str) -> Response:
    """One product: its files, handling, and the download (disclosure) form."""
    return render(request, "product.html", {"product": product_detail(store, product_id)})


def _file(content: bytes, media_type: str, name: str) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.post("/products/{product_id}/download", include_in_schema=False)
async def download_page(request: Request, store: Discloser, product_id: str) -> Response:
    """Download one file to a named recipient, if the handling code allows."""
    form = await request.form()
    name = str(form.get("name") or "")
    try:
        content, media_type = download(
            store,
            product_id,
            name,
            recipient=str(form.get("recipient") or "").strip(),
            conditions_accepted=form.get("accept_conditions") == "yes",
        )
    except ExportRefused as exc:
        return render(
            request,
            "export_refused.html",
            {"refusals": exc.refusals, "needs_acceptance": exc.needs_acceptance},
            status_code=403,
        )
    return _file(content, media_type, name)


class DownloadIn(BaseModel):
    """Which file, to whom."""

    name: str
    recipient: str
    accept_conditions: bool = False


@router.post("/api/products/{product_id}/download")
def download_json(
    store: Discloser, product_id: str, body: Annotated[DownloadIn, Body()]
) -> Response:
    """The file, or 403 with the refusal reason if the handling code forbids."""
    try:
        content, media_type = download(
            store,
            product_id,
            body.name,
            recipient=body.recipient.strip(),
            conditions_accepted=body.accept_conditions,
        )
    except ExportRefused as exc:
        return JSONResponse(
            {"refusals": [{"product": p, "reason": r} for p, r in exc.refusals]},
            status_code=403,
        )
    return _file(content, media_type, body.name)
