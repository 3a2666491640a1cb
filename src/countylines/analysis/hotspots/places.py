"""Where things are: point-in-polygon over LSOA boundaries, and areas named in words."""

from __future__ import annotations

import difflib
import math
from collections.abc import Sequence
from dataclasses import dataclass

import pyarrow as pa
import shapely

from countylines.analysis.hotspots.common import require_columns
from countylines.domain.geography import is_lsoa_code, local_authority_from_lsoa_name


class AreaNotFound(ValueError):
    """No local authority, LSOA name or LSOA code matches the area asked for."""


class LsoaIndex:
    """Point-in-polygon over LSOA boundaries, with a shapely STRtree (R-tree, Sort-Tile-Recursive).

    A point on the edge shared by two LSOAs belongs to the one with the lower
    code (a fixed rule, so results repeat); a point outside every polygon has
    no LSOA. Coordinates are WGS84 degrees, as the boundaries.
    """

    def __init__(self, boundaries: pa.Table) -> None:
        """Index ``boundaries`` (``lsoa_code``, ``geometry_wkb``).

        Raises:
            ValueError: if a column is missing.
        """
        require_columns(boundaries, "boundaries", ("lsoa_code", "geometry_wkb"))
        self.codes: list[str] = [str(c) for c in boundaries.column("lsoa_code").to_pylist()]
        self.geometries = shapely.from_wkb(boundaries.column("geometry_wkb").to_pylist())
        self._tree = shapely.STRtree(self.geometries)

    def locate(
        self, latitudes: Sequence[float | None], longitudes: Sequence[float | None]
    ) -> list[str | None]:
        """The LSOA code of each point (None: no coordinates, or outside every LSOA)."""
        if len(latitudes) != len(longitudes):
            raise ValueError("latitudes and longitudes differ in length")
        result: list[str | None] = [None] * len(latitudes)
        known = [
            i
            for i, (lat, lon) in enumerate(zip(latitudes, longitudes, strict=True))
            if lat is not None and lon is not None and math.isfinite(lat) and math.isfinite(lon)
        ]
        if not known or not self.codes:
            return result
        points = shapely.points(
            [float(longitudes[i]) for i in known],  # type: ignore[arg-type]
            [float(latitudes[i]) for i in known],  # type: ignore[arg-type]
        )
        hits, polygons = self._tree.query(points, predicate="intersects")
        for hit, polygon in zip(hits.tolist(), polygons.tolist(), strict=True):
            i, code = known[hit], self.codes[polygon]
            current = result[i]
            if current is None or code < current:
                result[i] = code
        return result


def locate_points(
    points: pa.Table,
    index: LsoaIndex,
    latitude: str = "latitude",
    longitude: str = "longitude",
) -> pa.Table:
    """``points`` with a column ``lsoa_code`` added: the LSOA each point lies in (or NULL).

    Raises:
        ValueError: if a coordinate column is missing or ``lsoa_code`` exists already.
    """
    require_columns(points, "points", (latitude, longitude))
    if "lsoa_code" in points.column_names:
        raise ValueError("points already have an lsoa_code column")
    codes = index.locate(points.column(latitude).to_pylist(), points.column(longitude).to_pylist())
    return points.append_column("lsoa_code", pa.array(codes, pa.string()))


@dataclass(frozen=True)
class Area:
    """An area asked for by name, resolved to LSOA codes.

    Attributes:
        query: what was asked (``Tendring``).
        name: what matched, as the data spells it.
        matched_by: ``local authority``, ``local authority code``, ``LSOA code``
            or ``LSOA name prefix``.
        lsoa_codes: the LSOAs of the area, sorted.
    """

    query: str
    name: str
    matched_by: str
    lsoa_codes: tuple[str, ...]


def resolve_area(
    query: str, boundaries: pa.Table | None, lsoa_areas: pa.Table | None = None
) -> Area:
    """Resolve an area name to LSOA codes.

    Tried in order, ignoring case and surrounding spaces: an LSOA code
    (``E01021988``); a local authority's name (``Tendring``) or code
    (``E07000076``), from the postcode lookup's ``lsoa_areas`` and from the
    boundaries' names; the start of LSOA names (``Tendring 01`` -> Tendring
    010A..019E). LSOAs come from both tables, so an area resolves with either
    loaded.

    Raises:
        AreaNotFound: nothing matches (the message suggests the nearest
            local authority names).
        ValueError: neither table is given.
    """
    if boundaries is None and lsoa_areas is None:
        raise ValueError("load LSOA boundaries or a postcode lookup to name areas")
    wanted = " ".join(query.split()).casefold()
    rows: dict[str, dict[str, str | None]] = {}  # lsoa code -> name, authority, authority code
    for table in (lsoa_areas, boundaries):
        if table is None:
            continue
        names = table.column("lsoa_name").to_pylist() if "lsoa_name" in table.column_names else []
        authority = (
            table.column("local_authority_name").to_pylist()
            if "local_authority_name" in table.column_names
            else []
        )
        codes_la = (
            table.column("local_authority_code").to_pylist()
            if "local_authority_code" in table.column_names
            else []
        )
        for i, code in enumerate(table.column("lsoa_code").to_pylist()):
            row = rows.setdefault(
                str(code), {"name": None, "authority": None, "authority_code": None}
            )
            name = names[i] if names else None
            row["name"] = row["name"] or name
            row["authority"] = (
                row["authority"]
                or (authority[i] if authority else None)
                or local_authority_from_lsoa_name(name)
            )
            row["authority_code"] = row["authority_code"] or (codes_la[i] if codes_la else None)

    def found(name: str, how: str, codes: list[str]) -> Area:
        return Area(query, name, how, tuple(sorted(codes)))

    if is_lsoa_code(wanted.upper()) and wanted.upper() in rows:
        code = wanted.upper()
        return found(rows[code]["name"] or code, "LSOA code", [code])
    for key, how in (("authority", "local authority"), ("authority_code", "local authority code")):
        codes = [c for c, r in rows.items() if (r[key] or "").casefold() == wanted]
        if codes:
            return found(str(rows[codes[0]][key]), how, codes)
    codes = [c for c, r in rows.items() if (r["name"] or "").casefold().startswith(wanted)]
    if wanted and codes:
        return found(query.strip(), "LSOA name prefix", codes)
    authorities = sorted({str(r["authority"]) for r in rows.values() if r["authority"]})
    close = difflib.get_close_matches(query.strip(), authorities, n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    raise AreaNotFound(
        f"no local authority, LSOA name or LSOA code matches {query!r}{hint} "
        f"(local authorities loaded: {', '.join(authorities) or 'none'})"
    )
