"""Places for the public page: the offline map's boundaries, and the LSOA of a place.

Public data only (the workspace's loaded geography: ``countylines ingest
geography``), so nothing here is audited:

* the LSOA boundaries as one GeoJSON document for the page's map (Leaflet,
  no tile server: nothing is fetched from elsewhere);
* the LSOA of a point chosen on the map (shapely point-in-polygon over an
  STR-tree of the boundaries);
* the LSOA (and centroid) of postcodes found in a report, from the loaded
  postcode lookup (:func:`countylines.store.geography.lookup_postcodes`).

With no geography loaded the map is not offered, and reports are kept
without LSOAs (links by area are then not made).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Sequence
from typing import Any

from countylines.workspace import Workspace

log = logging.getLogger(__name__)


class PlaceLookup:
    """Boundaries and LSOA lookups of one workspace (cached; thread-safe)."""

    def __init__(self, ws: Workspace) -> None:
        self._ws = ws
        self._lock = threading.Lock()
        self._loaded = False
        self._document = b'{"type":"FeatureCollection","features":[]}'
        self._tree: Any = None
        self._codes: list[tuple[str, str]] = []

    def _load(self) -> None:
        """Read the boundaries once: GeoJSON for the map (coordinates to 5 places, about 1 m)
        and an STR-tree of the polygons for point lookups."""
        with self._lock:
            if self._loaded:
                return
            self._loaded = True
            try:
                import shapely
                from shapely.geometry import mapping

                from countylines.store.geography import load_geography

                boundaries = load_geography(self._ws).boundaries
            except Exception:  # no geography support, or none loaded: no map
                log.warning("LSOA boundaries could not be read; the map is not offered")
                return
            if boundaries is None or boundaries.num_rows == 0:
                return
            rows = boundaries.to_pylist()
            shapes = [shapely.from_wkb(r["geometry_wkb"]) for r in rows]
            features = [
                {
                    "type": "Feature",
                    "properties": {"lsoa_code": r["lsoa_code"], "lsoa_name": r["lsoa_name"]},
                    "geometry": mapping(shapely.set_precision(s, 0.00001)),
                }
                for r, s in zip(rows, shapes, strict=True)
            ]
            collection = {
                "type": "FeatureCollection",
                "bbox": [
                    min(r["min_longitude"] for r in rows),
                    min(r["min_latitude"] for r in rows),
                    max(r["max_longitude"] for r in rows),
                    max(r["max_latitude"] for r in rows),
                ],
                "features": features,
            }
            self._document = json.dumps(collection, separators=(",", ":")).encode()
            self._codes = [(str(r["lsoa_code"]), str(r["lsoa_name"])) for r in rows]
            self._tree = shapely.STRtree(shapes)

    def available(self) -> bool:
        """True when LSOA boundaries are loaded (the map can be offered)."""
        self._load()
        return self._tree is not None

    def boundaries_document(self) -> bytes:
        """The boundaries as a GeoJSON FeatureCollection (bytes) with the ``bbox`` of them all;
        no features when none are loaded."""
        self._load()
        return self._document

    def lsoa_at(self, latitude: float, longitude: float) -> tuple[str, str] | None:
        """(LSOA code, name) holding the point, or None (outside, or no boundaries)."""
        self._load()
        if self._tree is None:
            return None
        from shapely.geometry import Point

        hits = self._tree.query(Point(longitude, latitude), predicate="intersects")
        if len(hits) == 0:
            return None
        return self._codes[int(min(hits))]

    def postcodes(self, values: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Normalised postcode -> ``lsoa_code``, ``lsoa_name``, ``latitude``, ``longitude``
        for those the loaded lookup knows (empty when none, or no lookup is loaded)."""
        if not values:
            return {}
        try:
            from countylines.store.geography import lookup_postcodes

            table = lookup_postcodes(self._ws, list(values))
        except Exception:  # a lookup failure must never lose a report
            log.warning("postcode lookup failed; the report is kept without LSOAs")
            return {}
        found: dict[str, dict[str, Any]] = {}
        for row in table.to_pylist():
            if row["normalised"] and row["lsoa_code"]:
                found[str(row["normalised"])] = {
                    "lsoa_code": row["lsoa_code"],
                    "lsoa_name": row["lsoa_name"],
                    "latitude": row["latitude"],
                    "longitude": row["longitude"],
                }
        return found

    def place_mentions(self, mentions: list[dict[str, Any]] | None) -> None:
        """Add the LSOA and centroid to each postcode mention the loaded lookup knows
        (in place; nothing changes without a lookup)."""
        codes = sorted(
            {str(m["value"]) for m in mentions or [] if m["type"] == "postcode" and m["value"]}
        )
        placed = self.postcodes(codes)
        for m in mentions or []:
            if m["type"] == "postcode" and m["value"] in placed:
                m.update(placed[str(m["value"])])
