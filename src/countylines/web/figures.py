"""A line's network graph (Cytoscape.js elements) and map layers (GeoJSON), from the picture.

Pure: picture dicts in, plain data out; the browser draws them.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from countylines.web.geo import GeoSource

MAX_BOUNDARIES = 400


def _short(number: str) -> str:
    if number.startswith("+44") and len(number) == 13:
        return "0" + number[3:7] + " " + number[7:]
    return number


def line_graph(line: dict[str, Any]) -> dict[str, Any]:
    """Nodes and edges: the line's numbers (chained), holder, runners, customers, cuckooed cells.

    Returns ``{"nodes": [{"data": {"id", "label", "role"}}], "edges": [{"data":
    {"id", "source", "target", "label"}}]}`` (Cytoscape.js element JSON).
    Customers are one node with their count (a line has hundreds).
    """
    nodes: dict[str, dict[str, Any]] = {}
    edges: list[dict[str, Any]] = []

    def node(key: str, label: str, role: str) -> str:
        nodes.setdefault(key, {"data": {"id": key, "label": label, "role": role}})
        return key

    def edge(source: str, target: str, label: str) -> None:
        edges.append(
            {"data": {"id": f"e{len(edges)}", "source": source, "target": target, "label": label}}
        )

    numbers = [n["number"] for n in line.get("numbers", [])]
    for n in numbers:
        node(n, _short(n), "line number")
    for earlier, later in pairwise(numbers):
        edge(earlier, later, "continued as")
    current = numbers[-1] if numbers else None
    if current is None:
        return {"nodes": [], "edges": []}
    for h in line.get("holders", []):
        edge(node(h["number"], _short(h["number"]), "line holder"), current, "controls")
    for r in line.get("runners", []):
        edge(current, node(r["number"], _short(r["number"]), "runner"), "passes orders")
    count = int((line.get("customers") or {}).get("count", 0))
    if count:
        edge(node("customers", f"{count} customers", "customers"), current, "order from")
    for c in line.get("cuckooed", []):
        cell = node(f"cell:{c['cell_id']}", f"cell {c['cell_id']}", "cuckooed address")
        for runner in c.get("runners", []):
            if runner in nodes:
                edge(runner, cell, f"{c.get('nights', '?')} nights")
    return {"nodes": list(nodes.values()), "edges": edges}


def line_map(
    line: dict[str, Any], geo: GeoSource, locations: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """Cell sites used by the line, its market and cuckooed-address cells, and the LSOAs around.

    ``locations`` are the picture's locations; those naming the line add its
    market cells and possible cuckooed addresses when the line's own cell
    list leaves them out. Boundaries are the LSOAs within about 3 km of any
    cell (at most :data:`MAX_BOUNDARIES`).

    Returns ``{"cells": [{"cell_id", "latitude", "longitude", "events", "kind",
    "site_name"}], "boundaries": FeatureCollection, "bbox": [w, s, e, n] | None}``;
    ``kind`` is ``market``, ``cuckooed address`` or ``used``.
    """
    market = set(line.get("market_cells", []))
    cuckooed = {c["cell_id"] for c in line.get("cuckooed", [])}

    def kind_of(cell_id: str) -> str:
        if cell_id in cuckooed:
            return "cuckooed address"
        return "market" if cell_id in market else "used"

    cells: dict[str, dict[str, Any]] = {}
    for cell in line.get("cells", []):
        if cell.get("latitude") is None or cell.get("longitude") is None:
            continue
        cells[cell["cell_id"]] = {
            "cell_id": cell["cell_id"],
            "latitude": float(cell["latitude"]),
            "longitude": float(cell["longitude"]),
            "events": int(cell.get("events", 0)),
            "kind": kind_of(cell["cell_id"]),
            "site_name": cell.get("site_name"),
        }
    for loc in locations or []:
        if line.get("line_id") not in loc.get("line_ids", []) or loc.get("latitude") is None:
            continue
        cell_id = str(loc.get("cell_id") or loc.get("location_id"))
        if cell_id in cells:
            continue
        cells[cell_id] = {
            "cell_id": cell_id,
            "latitude": float(loc["latitude"]),
            "longitude": float(loc["longitude"]),
            "events": 0,
            "kind": kind_of(cell_id),
            "site_name": loc.get("label"),
        }
    points = list(cells.values())
    empty: dict[str, Any] = {"type": "FeatureCollection", "features": []}
    if not points:
        return {"cells": [], "boundaries": empty, "bbox": None}
    pad = 0.01
    bbox = [
        min(c["longitude"] for c in points) - pad,
        min(c["latitude"] for c in points) - pad,
        max(c["longitude"] for c in points) + pad,
        max(c["latitude"] for c in points) + pad,
    ]
    near: dict[str, dict[str, Any]] = {}
    _near(geo, points, near)
    boundaries = {"type": "FeatureCollection", "features": list(near.values())}
    return {"cells": points, "boundaries": boundaries, "bbox": bbox}


def _near(geo: GeoSource, points: list[dict[str, Any]], found: dict[str, Any]) -> None:
    """Add to ``found`` the LSOAs within about 3 km of any point (up to the cap)."""
    for c in points:
        box = (
            c["longitude"] - 0.04,
            c["latitude"] - 0.027,
            c["longitude"] + 0.04,
            c["latitude"] + 0.027,
        )
        for feature in geo.boundaries(bbox=box)["features"]:
            if len(found) >= MAX_BOUNDARIES:
                return
            found.setdefault(feature["properties"]["lsoa_code"], feature)


def area_map(
    cells: list[dict[str, Any]],
    locations: list[dict[str, Any]],
    hotspot_codes: list[str],
    geo: GeoSource,
) -> dict[str, Any]:
    """The hotspot map's layers: hotspot LSOAs, the LSOAs around the lines' cells, the cells.

    ``cells`` are the visible lines' cells (one entry per line and cell);
    ``locations`` the picture's locations (their ``kinds`` colour the cells:
    ``market``, ``possible cuckooed address``). Returns ``{"cells": [...],
    "boundaries": FeatureCollection}``, cells merged per cell id with their
    events summed and ``kind`` one of ``cuckooed address``, ``market``, ``used``.
    """
    kinds: dict[str, str] = {}
    for loc in locations:
        found = loc.get("kinds", [])
        if any("cuckoo" in k for k in found):
            kinds[loc.get("cell_id", "")] = "cuckooed address"
        elif "market" in found:
            kinds[loc.get("cell_id", "")] = "market"
    merged: dict[str, dict[str, Any]] = {}
    for cell in cells:
        entry = merged.setdefault(
            cell["cell_id"],
            {
                "cell_id": cell["cell_id"],
                "latitude": float(cell["latitude"]),
                "longitude": float(cell["longitude"]),
                "events": 0,
                "kind": kinds.get(cell["cell_id"], "used"),
                "site_name": cell.get("site_name"),
            },
        )
        entry["events"] += int(cell.get("events", 0))
    for loc in locations:
        cell_id = loc.get("cell_id")
        if cell_id and cell_id not in merged and loc.get("latitude") is not None:
            merged[cell_id] = {
                "cell_id": cell_id,
                "latitude": float(loc["latitude"]),
                "longitude": float(loc["longitude"]),
                "events": 0,
                "kind": kinds.get(cell_id, "used"),
                "site_name": loc.get("label"),
            }
    features = {
        f["properties"]["lsoa_code"]: f for f in geo.boundaries(codes=hotspot_codes)["features"]
    }
    _near(geo, list(merged.values()), features)
    return {
        "cells": list(merged.values()),
        "boundaries": {"type": "FeatureCollection", "features": list(features.values())},
    }


def line_timeline(line: dict[str, Any], width: int = 900) -> dict[str, Any]:
    """Geometry of the timeline drawn as SVG: daily activity bars and each number's span.

    Returns ``{"width", "height", "bars": [{"x", "y", "w", "h", "day", "events"}],
    "spans": [{"x", "w", "y", "label", "from", "to"}], "ticks": [{"x", "label"}],
    "max_events"}`` in pixels; empty bars and spans when there is no activity.
    """
    import datetime as dt

    activity = [(a["day"], int(a.get("events", 0))) for a in line.get("activity", [])]
    numbers = line.get("numbers", [])
    days = [dt.date.fromisoformat(d) for d, _ in activity]
    for n in numbers:
        days += [
            dt.date.fromisoformat(n["first_seen"][:10]),
            dt.date.fromisoformat(n["last_seen"][:10]),
        ]
    left, chart_h, span_h = 110, 120, 22
    height = chart_h + 30 + span_h * len(numbers) + 10
    if not days:
        return {"width": width, "height": 40, "bars": [], "spans": [], "ticks": [], "max_events": 0}
    start, end = min(days), max(days)
    total = max(1, (end - start).days + 1)
    scale = (width - left - 10) / total

    def x(day: dt.date) -> float:
        return left + (day - start).days * scale

    top = max((e for _, e in activity), default=0) or 1
    bars = [
        {
            "x": round(x(dt.date.fromisoformat(d)), 1),
            "w": round(max(1.0, scale * 0.8), 1),
            "h": round(e / top * (chart_h - 10), 1),
            "y": round(chart_h - e / top * (chart_h - 10), 1),
            "day": d,
            "events": e,
        }
        for d, e in activity
    ]
    spans = []
    for i, n in enumerate(numbers):
        first = dt.date.fromisoformat(n["first_seen"][:10])
        last = dt.date.fromisoformat(n["last_seen"][:10])
        spans.append(
            {
                "x": round(x(first), 1),
                "w": round(max(2.0, (last - first).days * scale + scale), 1),
                "y": chart_h + 30 + i * span_h,
                "label": _short(n["number"]),
                "from": first.isoformat(),
                "to": last.isoformat(),
            }
        )
    ticks = []
    month = dt.date(start.year, start.month, 1)
    while month <= end:
        if month >= start:
            ticks.append({"x": round(x(month), 1), "label": month.strftime("%b %Y")})
        month = dt.date(month.year + (month.month // 12), month.month % 12 + 1, 1)
    if not ticks:
        ticks.append({"x": left, "label": start.strftime("%d %b %Y")})
    return {
        "width": width,
        "height": height,
        "bars": bars,
        "spans": spans,
        "ticks": ticks,
        "max_events": top,
        "chart_h": chart_h,
        "left": left,
    }
