"""Deal lines: find one (by number, label or id), and the line view.

The line view shows the number chain, roles, evidence, a network graph
(Cytoscape.js), a map of the cell sites used (Leaflet over LSOA boundaries,
no tiles: works offline), a timeline of activity, and linked intelligence
(handling notices shown; items of others' compartments held elsewhere).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from countylines.security.audited import AuditedStore
from countylines.web.data.picture import line_detail, line_list
from countylines.web.deps import Allow
from countylines.web.figures import line_graph, line_map, line_timeline
from countylines.web.geo import GeoSource
from countylines.web.templating import render

router = APIRouter(tags=["lines"])
NAV = [("Lines", "/lines", "lines.read")]
Reader = Annotated[AuditedStore, Depends(Allow("lines.read"))]


@router.get("/lines", include_in_schema=False)
def lines_page(request: Request, store: Reader, find: str = "") -> Response:
    """All visible lines, or those matching ``find``."""
    return render(request, "lines.html", {"data": line_list(store, find=find), "find": find})


@router.get("/api/lines")
def lines_json(store: Reader, find: str = "") -> dict[str, Any]:
    """Lines ranked (``find``: a number in any spelling, a label or a line id)."""
    return line_list(store, find=find)


def _view(request: Request, store: AuditedStore, line_id: str) -> dict[str, Any]:
    data = line_detail(store, line_id)
    geo: GeoSource = request.app.state.geo
    data["graph"] = line_graph(data["line"])
    data["map"] = line_map(data["line"], geo, data.get("locations"))
    data["timeline"] = line_timeline(data["line"])
    return data


@router.get("/lines/{line_id}", include_in_schema=False)
def line_page(request: Request, store: Reader, line_id: str) -> Response:
    """One line: chain, roles, evidence, graph, map, timeline, intelligence."""
    return render(request, "line.html", _view(request, store, line_id))


@router.get("/api/lines/{line_id}")
def line_json(request: Request, store: Reader, line_id: str) -> dict[str, Any]:
    """One line with its graph elements and map layers."""
    return _view(request, store, line_id)
