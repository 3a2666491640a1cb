"""The hotspot map: LSOA tables from the picture over offline boundaries, and line cells."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from countylines.security.audited import AuditedStore
from countylines.web.data.picture import hotspots
from countylines.web.deps import Allow
from countylines.web.figures import area_map
from countylines.web.geo import GeoSource
from countylines.web.templating import render

router = APIRouter(tags=["hotspots"])
NAV = [("Hotspots", "/hotspots", "lines.read")]
Reader = Annotated[AuditedStore, Depends(Allow("lines.read"))]


def hotspot_rows(tables: dict[str, Any]) -> list[dict[str, Any]]:
    """The per-LSOA rows of the picture's hotspot tables, whatever table holds them.

    Looks for a list of objects with an ``lsoa_code`` (the first such table,
    e.g. ``hotspots["lsoas"]``); returns [] when there is none.
    """
    for value in tables.values():
        if (
            isinstance(value, list)
            and value
            and isinstance(value[0], dict)
            and "lsoa_code" in value[0]
        ):
            return value
    return []


def _view(request: Request, store: AuditedStore) -> dict[str, Any]:
    data = hotspots(store)
    rows = hotspot_rows(data["hotspots"])
    geo: GeoSource = request.app.state.geo
    layers = area_map(data["cells"], data["locations"], [r["lsoa_code"] for r in rows], geo)
    data["rows"] = rows
    data["cells"] = layers["cells"]
    data["boundaries"] = layers["boundaries"]
    data["geography_loaded"] = geo.available()
    return data


@router.get("/hotspots", include_in_schema=False)
def hotspots_page(request: Request, store: Reader) -> Response:
    """The hotspot map."""
    return render(request, "hotspots.html", _view(request, store))


@router.get("/api/hotspots")
def hotspots_json(request: Request, store: Reader) -> dict[str, Any]:
    """Hotspot tables, boundaries of their LSOAs, and the cells of visible lines."""
    return _view(request, store)
