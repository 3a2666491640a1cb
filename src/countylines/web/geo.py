"""LSOA boundaries for the offline maps, as GeoJSON (public data: not audited).

Read once from the workspace's geography (``countylines ingest geography``,
:mod:`countylines.store.geography`) and cached; WKB polygons become GeoJSON
with shapely. Without loaded boundaries the maps show points only.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable
from typing import Any

from countylines.workspace import Workspace


class GeoSource:
    """Cached LSOA boundaries of a workspace."""

    def __init__(self, ws: Workspace) -> None:
        self._ws = ws
        self._lock = threading.Lock()
        self._features: list[dict[str, Any]] | None = None
        self._grid: dict[tuple[int, int], list[int]] = {}

    def _load(self) -> list[dict[str, Any]]:
        with self._lock:
            if self._features is None:
                self._features = _read_features(self._ws)
                for i, feature in enumerate(self._features):
                    for key in _squares(feature["bbox"]) or []:
                        self._grid.setdefault(key, []).append(i)
            return self._features

    def available(self) -> bool:
        """True when the workspace has LSOA boundaries loaded."""
        return bool(self._load())

    def boundaries(
        self,
        *,
        codes: Iterable[str] | None = None,
        bbox: tuple[float, float, float, float] | None = None,
    ) -> dict[str, Any]:
        """A GeoJSON FeatureCollection of the LSOAs with these codes or meeting ``bbox``.

        ``bbox`` is (min longitude, min latitude, max longitude, max latitude).
        Properties: ``lsoa_code``, ``lsoa_name``.
        """
        features = self._load()
        chosen: set[int] = set()
        if codes is not None:
            wanted = set(codes)
            chosen |= {i for i, f in enumerate(features) if f["properties"]["lsoa_code"] in wanted}
        if bbox is not None:
            squares = _squares(bbox)
            candidates: Iterable[int] = (
                range(len(features))
                if squares is None
                else {i for key in squares for i in self._grid.get(key, [])}
            )
            chosen |= {i for i in candidates if _overlaps(features[i]["bbox"], bbox)}
        return {"type": "FeatureCollection", "features": [features[i] for i in sorted(chosen)]}


GRID_DEGREES = 0.05
"""Side of the grid squares (degrees) that index the boundaries by bounding box."""


def _squares(bbox: tuple[float, ...] | list[float]) -> list[tuple[int, int]] | None:
    """Grid squares a box (west, south, east, north) touches; None for a very large box."""
    x0, y0 = math.floor(bbox[0] / GRID_DEGREES), math.floor(bbox[1] / GRID_DEGREES)
    x1, y1 = math.floor(bbox[2] / GRID_DEGREES), math.floor(bbox[3] / GRID_DEGREES)
    if (x1 - x0 + 1) * (y1 - y0 + 1) > 10_000:
        return None
    return [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]


def _overlaps(a: list[float], b: tuple[float, float, float, float]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _read_features(ws: Workspace) -> list[dict[str, Any]]:
    try:
        import shapely
        from shapely.geometry import mapping

        from countylines.store.geography import load_geography
    except ImportError:  # geography support not installed in this build
        return []
    boundaries = load_geography(ws).boundaries
    if boundaries is None:
        return []
    features = []
    for row in boundaries.to_pylist():
        geometry = shapely.from_wkb(row["geometry_wkb"])
        features.append(
            {
                "type": "Feature",
                "bbox": [
                    row["min_longitude"],
                    row["min_latitude"],
                    row["max_longitude"],
                    row["max_latitude"],
                ],
                "properties": {"lsoa_code": row["lsoa_code"], "lsoa_name": row["lsoa_name"]},
                "geometry": mapping(shapely.set_precision(geometry, 0.00001)),
            }
        )
    return features
