"""Hotspots for ``analyse`` and the products: crime and stop-search by LSOA, lines overlaid.

Reads the workspace's police.uk views (one row per published crime) and its
geography (:func:`countylines.store.geography.load_geography`), and calls the
pure :mod:`countylines.analysis.hotspots`. Without boundaries or crime data,
everything here says so instead of guessing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import duckdb
import pyarrow as pa

from countylines.analysis.hotspots import AreaNotFound, LsoaIndex, hotspots, resolve_area
from countylines.analysis.hotspots.places import Area
from countylines.analysis.picture import CellUse, Geography, LineUsage
from countylines.products.maps import LsoaMap, lsoa_map_svg
from countylines.products.profiles import Scope, in_scope
from countylines.store.evidence import register_views
from countylines.store.geography import Geography as StoredGeography
from countylines.store.geography import load_geography
from countylines.workspace import Workspace

HOTSPOT_SHARE = 0.10  # "busiest tenth" of LSOAs for drug crime (docs/priority.md)
TOP_ROWS = 50  # hotspot rows kept in the picture


def _table(con: duckdb.DuckDBPyConnection, views: set[str], sql: str, view: str) -> pa.Table | None:
    return con.sql(sql).to_arrow_table() if view in views else None


def _crimes(
    con: duckdb.DuckDBPyConnection, views: set[str]
) -> tuple[pa.Table | None, pa.Table | None]:
    crimes = _table(
        con,
        views,
        "SELECT month, lsoa_code, lsoa_name, crime_type FROM street_crimes",
        "street_crimes",
    )
    searches = _table(
        con,
        views,
        "SELECT date, latitude, longitude, object_of_search FROM stop_searches",
        "stop_searches",
    )
    return crimes, searches


def _cell_tables(
    cells: Sequence[tuple[str, str, float | None, float | None, int]],
) -> tuple[pa.Table, pa.Table]:
    """(cells, line_cells) tables from (line_id, cell_id, lat, lon, events) rows."""
    located: dict[str, tuple[float, float]] = {}
    for _, cell, lat, lon, _ in cells:
        if lat is not None and lon is not None:
            located.setdefault(cell, (lat, lon))
    ids = sorted(located)
    cell_table = pa.table(
        {
            "cell_id": pa.array(ids, pa.string()),
            "latitude": pa.array([located[c][0] for c in ids], pa.float64()),
            "longitude": pa.array([located[c][1] for c in ids], pa.float64()),
        }
    )
    rows = sorted((line, cell, events) for line, cell, _, _, events in cells if cell in located)
    line_cells = pa.table(
        {
            "line_id": pa.array([r[0] for r in rows], pa.string()),
            "cell_id": pa.array([r[1] for r in rows], pa.string()),
            "events": pa.array([r[2] for r in rows], pa.int64()),
        }
    )
    return cell_table, line_cells


def run(
    ws: Workspace,
    con: duckdb.DuckDBPyConnection,
    views: set[str],
    usage: Mapping[str, LineUsage],
    sites: Mapping[str, CellUse] | None = None,
) -> tuple[dict[str, Any], Geography]:
    """Hotspot tables for the picture (JSON) and the geography the scoring needs.

    The scoring's hotspot LSOAs are the busiest tenth of all loaded LSOAs by
    recorded drug crime; each listed cell site (``sites``, and every cell a
    line used) is placed in its LSOA. ``views``: the evidence views already
    registered on ``con`` (:func:`countylines.store.evidence.register_views`).
    """
    geo = load_geography(ws, con)
    crimes, searches = _crimes(con, views)
    notes = [f"not loaded: {m}" for m in geo.missing()]
    if geo.boundaries is None:
        return {"notes": notes, "rows": []}, Geography()
    rows = [
        (line_id, c.cell_id, c.latitude, c.longitude, c.events)
        for line_id, use in usage.items()
        for c in use.cells
    ]
    cells, line_cells = _cell_tables(rows)
    index = LsoaIndex(geo.boundaries)
    codes = index.locate(
        cells.column("latitude").to_pylist(), cells.column("longitude").to_pylist()
    )
    cell_lsoa = {
        cell: code
        for cell, code in zip(cells.column("cell_id").to_pylist(), codes, strict=True)
        if code is not None
    }
    names = dict(
        zip(
            geo.boundaries.column("lsoa_code").to_pylist(),
            geo.boundaries.column("lsoa_name").to_pylist(),
            strict=True,
        )
    )
    if crimes is None:
        notes.append("no police.uk street crime loaded: no hotspots to compare lines with")
        return {"notes": notes, "rows": []}, Geography(cell_lsoa, frozenset(), names)
    result = hotspots(
        crimes,
        geo.boundaries,
        stop_searches=searches,
        population=geo.population,
        cells=cells if len(line_cells) else None,
        line_cells=line_cells if len(line_cells) else None,
    )
    table = result.table.to_pylist()
    in_area = [r for r in table if r["in_boundaries"]]
    keep = max(1, round(len(in_area) * HOTSPOT_SHARE))
    by_drugs = sorted(in_area, key=lambda r: (-(r["drug_crimes"] or 0), r["lsoa_code"]))
    hot = frozenset(r["lsoa_code"] for r in by_drugs[:keep] if (r["drug_crimes"] or 0) > 0)
    mismatch = period_warning(result.figures, usage)
    picture_part = {
        "period_warning": mismatch,
        "notes": notes + list(result.notes) + ([mismatch] if mismatch else []),
        "figures": _plain(result.figures),
        "hotspot_share": HOTSPOT_SHARE,
        "hotspot_lsoas": sorted(hot),
        "rows": [_plain(r) for r in table[:TOP_ROWS]],
        "area_trend": [_plain(r) for r in result.area_trend.to_pylist()],
    }
    return picture_part, Geography(cell_lsoa, hot, names)


def _plain(value: Any) -> Any:
    """JSON-ready: dates as ISO text, mappings and lists walked."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def area_lsoas(ws: Workspace, area: str) -> frozenset[str]:
    """LSOA codes of ``area`` (local authority, LSOA code or LSOA name prefix).

    Raises:
        AreaNotFound: nothing matches (suggests near names), or no geography is loaded.
    """
    geo = load_geography(ws)
    if geo.boundaries is None and geo.lsoa_areas is None:
        raise AreaNotFound(
            f"area {area!r} cannot be resolved: no geography is loaded "
            "(`countylines ingest geography` with LSOA boundaries or a postcode lookup)"
        )
    return frozenset(resolve_area(area, geo.boundaries, geo.lsoa_areas).lsoa_codes)


def _map_area(
    geo: StoredGeography, scope: Scope, lines: Sequence[Mapping[str, Any]]
) -> Area | None:
    """The area named in the scope, else the local authority where most line events were."""
    if scope.area:
        return resolve_area(scope.area, geo.boundaries, geo.lsoa_areas)
    if geo.boundaries is None:
        return None
    authority = dict(
        zip(
            geo.boundaries.column("lsoa_code").to_pylist(),
            geo.boundaries.column("local_authority_name").to_pylist(),
            strict=True,
        )
    )
    votes: Counter[str] = Counter()
    for line in lines:
        for c in line.get("cells", []):
            name = authority.get(c.get("lsoa"))
            if name:
                votes[name] += int(c["events"])
    if not votes:
        return None
    return resolve_area(
        max(votes.items(), key=lambda kv: (kv[1], kv[0]))[0], geo.boundaries, geo.lsoa_areas
    )


def product_parts(
    ws: Workspace, picture: Mapping[str, Any], scope: Scope
) -> tuple[str | None, str | None, list[dict[str, Any]]]:
    """The map (SVG), a note when there is none, and the hotspot rows, for a product's scope.

    The map covers the scope's area, or (when none is named) the local
    authority where the lines in scope were most active.
    """
    geo = load_geography(ws)
    if geo.boundaries is None:
        return None, "No map: no LSOA boundaries are loaded (`countylines ingest geography`).", []
    with ws.duckdb() as con:
        crimes, searches = _crimes(con, set(register_views(ws, con)))
    if crimes is None:
        return None, "No map: no police.uk street crime is loaded to map.", []
    lines = [line for line in picture.get("lines", []) if in_scope(line, scope)]
    rows = [
        (line["line_id"], c["cell_id"], c.get("latitude"), c.get("longitude"), int(c["events"]))
        for line in lines
        for c in line.get("cells", [])
    ]
    cells, line_cells = _cell_tables(rows)
    area = _map_area(geo, scope, lines)
    result = hotspots(
        crimes,
        geo.boundaries,
        area=area,
        stop_searches=searches,
        population=geo.population,
        cells=cells if len(line_cells) else None,
        line_cells=line_cells if len(line_cells) else None,
        since=scope.start,
        until=scope.end,
    )
    where = area.name if area else "all loaded LSOAs"
    svg = lsoa_map_svg(
        LsoaMap(
            geo.boundaries,
            result.table,
            "drug_crimes",
            f"Recorded drug crime by LSOA, {where}, with deal-line cell sites",
            subtitle=_period(result.figures),
            legend_title="drug crimes (police.uk)",
            points=result.cells,
        )
    )
    table = []
    for r in result.top(10):
        trend = (
            f"{r['latest_month']}: {r['drug_crimes_latest']} (before: {r['drug_crimes_previous']})"
            if r.get("latest_month")
            else "-"
        )
        rate = r.get("drug_crimes_per_1000")
        table.append(
            {
                "label": f"{r['lsoa_name'] or r['lsoa_code']} ({r['lsoa_code']})",
                "drug_crimes": r["drug_crimes"],
                "all_crimes": r["all_crimes"],
                "rate": f"{rate:.1f}" if rate is not None else None,
                "searches": r["drug_searches"] if r["drug_searches"] is not None else "-",
                "trend": trend,
                "line_events": r["line_events"] or 0,
            }
        )
    return svg, None, table


def _period(figures: Mapping[str, Any]) -> str | None:
    first, last = figures.get("crimes_first_month"), figures.get("crimes_last_month")
    if first and last:
        return f"police.uk street crime, {str(first)[:7]} to {str(last)[:7]}"
    return "police.uk street crime"


def period_warning(figures: Mapping[str, Any], usage: Mapping[str, LineUsage]) -> str | None:
    """A warning when the crime data and the lines' call data cover different periods."""
    first, last = figures.get("crimes_first_month"), figures.get("crimes_last_month")
    days = [d for use in usage.values() for d, _ in use.days]
    if not (first and last and days):
        return None
    crimes_from = dt.date.fromisoformat(str(first)[:10])
    crimes_to = dt.date.fromisoformat(str(last)[:10]) + dt.timedelta(days=31)
    calls_from, calls_to = dt.date.fromisoformat(min(days)), dt.date.fromisoformat(max(days))
    if crimes_from <= calls_to and calls_from <= crimes_to:
        return None
    return (
        f"the police.uk crime data ({str(first)[:7]} to {str(last)[:7]}) does not overlap the "
        f"call data ({calls_from} to {calls_to}): hotspots describe another period, so the "
        "drug-crime hotspot factor compares the lines with past crime, not current"
    )
