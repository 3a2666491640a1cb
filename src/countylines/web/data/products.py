"""Intelligence products (problem and line profiles): list, and download as a disclosure.

Products are listed by :func:`countylines.products.catalogue.list_products`.
A product is in a compartment when it is placed there
(``countylines compartments place product <id>``) or when the line it
profiles (``parameters.line_id``) is. A download is a disclosure: it names
its recipient, passes the handling-code check and is logged per file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from countylines.security.access import HeldElsewhereError, assigned_compartments, held_elsewhere
from countylines.security.audited import AuditedStore, ReadContext
from countylines.security.handling import check_dissemination, handling_notice
from countylines.web.data.intel import ExportRefused
from countylines.web.errors import NotFound


def _catalogue(root: Path) -> list[dict[str, Any]] | None:
    try:
        from countylines.products.catalogue import list_products
    except ImportError:
        return None
    return list_products(root)


def _compartment(ctx: ReadContext, product: dict[str, Any]) -> int | None:
    own = assigned_compartments(ctx.session, "product", [product["product_id"]])
    if own:
        return own[product["product_id"]]
    line_id = (product.get("parameters") or {}).get("line_id")
    if isinstance(line_id, str):
        return assigned_compartments(ctx.session, "line", [line_id]).get(line_id)
    return None


def _public(product: dict[str, Any]) -> dict[str, Any]:
    code = str(product.get("handling_code") or "")
    conditions = product.get("handling_conditions")
    return {
        "product_id": product["product_id"],
        "kind": product.get("kind"),
        "title": product.get("title"),
        "made_at": product.get("made_at"),
        "handling_code": code,
        "handling_conditions": conditions,
        "handling_notice": handling_notice(None, code, conditions),
        "files": [
            {"name": f["name"], "media_type": f.get("media_type"), "sha256": f.get("sha256")}
            for f in product.get("files", [])
        ],
    }


def product_list(store: AuditedStore) -> dict[str, Any]:
    """Products the reader may see, newest first; ``available`` False before products exist."""

    def load(ctx: ReadContext) -> dict[str, Any]:
        products = _catalogue(ctx.root)
        if products is None:
            return {"available": False, "products": [], "held_elsewhere": 0}
        shown, held = [], 0
        for product in products:
            if held_elsewhere(ctx.session, ctx.principal, _compartment(ctx, product)) is None:
                shown.append(_public(product))
            else:
                held += 1
        return {"available": True, "products": shown, "held_elsewhere": held}

    return store.consult(
        permission="products.read",
        record_type="product_list",
        record_id=None,
        summary=lambda v: f"products listed: {len(v['products'])}",
        load=load,
    )


def _find(ctx: ReadContext, product_id: str) -> dict[str, Any]:
    product = next((p for p in (_catalogue(ctx.root) or []) if p["product_id"] == product_id), None)
    if product is None:
        raise NotFound(f"product {product_id}")
    owner = held_elsewhere(ctx.session, ctx.principal, _compartment(ctx, product))
    if owner is not None:
        raise HeldElsewhereError(owner)
    return product


def product_detail(store: AuditedStore, product_id: str) -> dict[str, Any]:
    """One product's listing (files, handling).

    Raises:
        NotFound, HeldElsewhereError.
    """
    return store.consult(
        permission="products.read",
        record_type="product",
        record_id=product_id,
        summary=lambda v: f"product viewed: {v['title']}",
        load=lambda ctx: _public(_find(ctx, product_id)),
    )


def download(
    store: AuditedStore,
    product_id: str,
    name: str,
    *,
    recipient: str,
    conditions_accepted: bool,
) -> tuple[bytes, str]:
    """A product file's bytes and media type, disclosed to ``recipient``.

    The file must be listed in the manifest and still match its SHA-256.

    Raises:
        ExportRefused (handling code), NotFound, HeldElsewhereError,
        AccessDenied, JustificationRequired.
    """

    def apply(ctx: ReadContext) -> tuple[bytes, str]:
        product = _find(ctx, product_id)
        listed = next((f for f in product.get("files", []) if f["name"] == name), None)
        if listed is None or "/" in name or "\\" in name:
            raise NotFound(f"file {name} in product {product_id}")
        check = check_dissemination(
            None,
            str(product.get("handling_code") or ""),
            product.get("handling_conditions"),
            recipient=recipient,
            conditions_accepted=conditions_accepted,
        )
        if not check.allowed:
            raise ExportRefused([(product_id, check.reason)], check.needs_acceptance)
        content = (Path(product["path"]) / name).read_bytes()
        if hashlib.sha256(content).hexdigest() != listed.get("sha256"):
            raise NotFound(f"intact copy of {name} (it no longer matches its manifest)")
        return content, str(listed.get("media_type") or "application/octet-stream")

    return store.disclose(
        permission="disclose",
        record_type="product",
        recipient=recipient,
        apply=apply,
        items=lambda value: [(product_id, f"product file downloaded: {name}")],
    )
