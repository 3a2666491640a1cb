"""LSOA boundaries from GeoJSON: one polygon (or multipolygon) per LSOA, WGS84.

The ONS publishes LSOA boundaries (Open Geography Portal) as GeoJSON
FeatureCollections whose features carry the code and the name as properties
(``LSOA11CD``/``LSOA11NM`` for 2011 LSOAs, ``LSOA21CD``/``LSOA21NM`` for 2021).
Coordinates must be longitude/latitude (WGS84, ``CRS84``/``EPSG:4326``, the
GeoJSON standard); a file in British National Grid is refused with the command
that converts it.

The document is walked feature by feature with :meth:`json.JSONDecoder.raw_decode`
so that each feature's error names the line it starts on. Geometries are read
and checked by shapely: an invalid ring (self-intersection) is repaired with
:func:`shapely.make_valid` and said so; a feature that is not a polygon, has no
LSOA code, or repeats one already listed is rejected with its line.

Evidence table ``lsoa_boundaries``: lsoa_code, lsoa_name, local_authority_name
(from the name: ``Tendring 018A`` -> ``Tendring``), lsoa_vintage, geometry_wkb
(BLOB, well-known binary, WGS84), min_longitude, min_latitude, max_longitude,
max_latitude (the bounding box), label_longitude, label_latitude (a point
inside the polygon, for labels), source_sha256, source_line (where the
feature starts).
"""

from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import shapely
from shapely.geometry import shape

from countylines.domain.geography import (
    is_lsoa_code,
    local_authority_from_lsoa_name,
    lsoa_vintage,
)
from countylines.ingest.errors import FileRejected, RowError, clip
from countylines.ingest.runner import StageContext, Staged, check_reject_share
from countylines.store.evidence import evidence_parts

BOUNDARIES = "geo_lsoa_boundaries"
EVIDENCE_TABLE = "lsoa_boundaries"
LABEL = "LSOA boundaries (GeoJSON)"

CODE_PROPERTIES = ("LSOA11CD", "LSOA21CD", "lsoa_code", "LSOA code", "LSOA", "code")
NAME_PROPERTIES = ("LSOA11NM", "LSOA21NM", "lsoa_name", "LSOA name", "name")
WGS84_NAMES = {
    "urn:ogc:def:crs:ogc:1.3:crs84",
    "urn:ogc:def:crs:epsg::4326",
    "epsg:4326",
    "crs84",
}

SCHEMA = pa.schema(
    [
        ("lsoa_code", pa.string()),
        ("lsoa_name", pa.string()),
        ("local_authority_name", pa.string()),
        ("lsoa_vintage", pa.string()),
        ("geometry_wkb", pa.binary()),
        ("min_longitude", pa.float64()),
        ("min_latitude", pa.float64()),
        ("max_longitude", pa.float64()),
        ("max_latitude", pa.float64()),
        ("label_longitude", pa.float64()),
        ("label_latitude", pa.float64()),
        ("source_sha256", pa.string()),
        ("source_line", pa.int64()),
    ]
)


def looks_like_json(path: Path) -> bool:
    """Whether the file's first non-blank character opens a JSON object (BOM ignored)."""
    with path.open("rb") as handle:
        start = handle.read(4096)
    return start.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


class _Lines:
    """Character offset -> 1-based line number."""

    def __init__(self, text: str) -> None:
        self._breaks = [m.start() for m in re.finditer("\n", text)]

    def line(self, offset: int) -> int:
        return bisect.bisect_left(self._breaks, offset) + 1


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i


def _walk(text: str, label: str, lines: _Lines) -> tuple[dict[str, Any], list[tuple[int, Any]]]:
    """The top-level members (features left out) and each feature with its start offset.

    Raises:
        FileRejected: for text that is not a JSON object, naming the line.
    """
    decoder = json.JSONDecoder()

    def fail(i: int, what: str) -> FileRejected:
        return FileRejected(label, f"not valid GeoJSON: {what}", line=lines.line(i))

    def value_at(i: int) -> tuple[Any, int]:
        try:
            return decoder.raw_decode(text, i)
        except json.JSONDecodeError as exc:
            raise FileRejected(
                label,
                f"not valid JSON: {exc.msg} (line {exc.lineno}, character {exc.colno})",
                line=exc.lineno,
            ) from exc

    members: dict[str, Any] = {}
    features: list[tuple[int, Any]] = []
    i = _skip_space(text, 0)
    if i >= len(text) or text[i] != "{":
        raise fail(i, "the file does not start with a JSON object")
    i = _skip_space(text, i + 1)
    if i < len(text) and text[i] == "}":
        return members, features
    while True:
        key, i = value_at(i)
        if not isinstance(key, str):
            raise fail(i, "an object key is not a string")
        i = _skip_space(text, i)
        if i >= len(text) or text[i] != ":":
            raise fail(i, "expected ':' after an object key")
        i = _skip_space(text, i + 1)
        if key == "features" and i < len(text) and text[i] == "[":
            i = _skip_space(text, i + 1)
            if i < len(text) and text[i] == "]":
                i += 1
            else:
                while True:
                    start = i
                    feature, i = value_at(i)
                    features.append((start, feature))
                    i = _skip_space(text, i)
                    if i < len(text) and text[i] == ",":
                        i = _skip_space(text, i + 1)
                        continue
                    if i < len(text) and text[i] == "]":
                        i += 1
                        break
                    raise fail(i, "expected ',' or ']' in the features list")
            members[key] = None
        else:
            members[key], i = value_at(i)
        i = _skip_space(text, i)
        if i < len(text) and text[i] == ",":
            i = _skip_space(text, i + 1)
            continue
        if i < len(text) and text[i] == "}":
            i = _skip_space(text, i + 1)
            break
        raise fail(i, "expected ',' or '}' in the top-level object")
    if i < len(text):
        raise fail(i, "text after the end of the JSON object")
    return members, features


def _crs_name(members: dict[str, Any]) -> str | None:
    crs = members.get("crs")
    if isinstance(crs, dict):
        props = crs.get("properties")
        if isinstance(props, dict) and isinstance(props.get("name"), str):
            return str(props["name"])
    return None


def _property(props: dict[str, Any], names: tuple[str, ...]) -> tuple[str | None, Any]:
    """(property name as written, value) of the first of ``names`` present (case ignored)."""
    lowered = {str(k).casefold(): k for k in props}
    for name in names:
        if name.casefold() in lowered:
            written = lowered[name.casefold()]
            return str(written), props[written]
    return None, None


def stage_geojson(ctx: StageContext) -> Staged:
    """Read an LSOA boundary GeoJSON and stage one row per LSOA as Parquet.

    Raises:
        FileRejected: for text that is not UTF-8 or not JSON (with the line),
            a document that is not a FeatureCollection, coordinates declared in
            another reference system, features that carry no LSOA code
            property at all, or too many rejected features.
    """
    label = ctx.label
    raw = ctx.path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise FileRejected(label, f"not UTF-8 text ({exc.reason})", line=line) from exc
    lines = _Lines(text)
    members, features = _walk(text, label, lines)
    if members.get("type") != "FeatureCollection" or "features" not in members:
        raise FileRejected(
            label,
            "not a GeoJSON FeatureCollection of LSOA boundaries (expected "
            '{"type": "FeatureCollection", "features": [...]}; found type '
            f"{clip(repr(members.get('type')), 80)})",
            line=1,
        )
    crs = _crs_name(members)
    if crs is not None and crs.casefold() not in WGS84_NAMES:
        raise FileRejected(
            label,
            f"coordinates are in {crs!r}, not longitude/latitude (WGS84): convert the file "
            "first, e.g. `ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson` (GDAL), or "
            "download the boundaries as GeoJSON in WGS84",
            line=1,
        )
    dicts = [f for _, f in features if isinstance(f, dict)]
    has_code = [
        _property(f.get("properties") or {}, CODE_PROPERTIES)[0]
        for f in dicts
        if isinstance(f.get("properties") or {}, dict)
    ]
    if dicts and not any(has_code):
        first = dicts[0].get("properties")
        shown = ", ".join(map(str, first)) if isinstance(first, dict) else "none"
        raise FileRejected(
            label,
            "the features carry no LSOA code property (looked for "
            f"{', '.join(CODE_PROPERTIES)}); the first feature has: {clip(shown, 300)}",
            line=lines.line(features[0][0]),
        )

    rows: dict[str, list[Any]] = {name: [] for name in SCHEMA.names}
    errors: list[RowError] = []
    reasons: Counter[str] = Counter()
    seen: dict[str, int] = {}
    repaired = 0

    def reject(line: int, column: str | None, value: str | None, reason: str) -> None:
        reasons[reason] += 1
        errors.append(RowError(line, column, clip(value), reason))

    for offset, feature in features:
        line = lines.line(offset)
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            reject(line, None, clip(json.dumps(feature)[:200]), "not a GeoJSON Feature")
            continue
        props = feature.get("properties") or {}
        if not isinstance(props, dict):
            reject(line, "properties", None, "properties is not an object")
            continue
        code_name, code = _property(props, CODE_PROPERTIES)
        _, name = _property(props, NAME_PROPERTIES)
        if code is None or str(code).strip() == "":
            reject(line, code_name or CODE_PROPERTIES[0], None, "missing LSOA code")
            continue
        code = str(code).strip().upper()
        if not is_lsoa_code(code):
            reject(line, code_name, code, "not an LSOA code (like E01021988)")
            continue
        if code in seen:
            reject(
                line,
                code_name,
                code,
                "LSOA code listed more than once in this file (the first listing is kept)",
            )
            continue
        geometry = feature.get("geometry")
        if not isinstance(geometry, dict):
            reject(line, "geometry", None, "no geometry")
            continue
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            reject(
                line,
                "geometry",
                str(geometry.get("type")),
                "geometry is not a Polygon or MultiPolygon",
            )
            continue
        try:
            shp = shape(geometry)
        except (ValueError, TypeError, AttributeError, IndexError, KeyError) as exc:
            reject(line, "geometry", None, f"geometry cannot be read ({type(exc).__name__})")
            continue
        if shp.is_empty:
            reject(line, "geometry", None, "geometry is empty")
            continue
        min_x, min_y, max_x, max_y = shp.bounds
        if not (min_x >= -180 and max_x <= 180 and min_y >= -90 and max_y <= 90):
            reject(
                line,
                "geometry",
                f"{min_x:.0f},{min_y:.0f}",
                "coordinates outside longitude -180..180 / latitude -90..90 "
                "(British National Grid metres? WGS84 degrees expected)",
            )
            continue
        if not shp.is_valid:
            shp = _polygonal(shapely.make_valid(shp))
            if shp is None:
                reject(
                    line, "geometry", None, "geometry is not a valid polygon and cannot be repaired"
                )
                continue
            repaired += 1
        seen[code] = line
        name_text = None if name is None else str(name).strip() or None
        point = shp.representative_point()
        for key, value in (
            ("lsoa_code", code),
            ("lsoa_name", name_text),
            ("local_authority_name", local_authority_from_lsoa_name(name_text)),
            ("lsoa_vintage", lsoa_vintage(code_name or "")),
            ("geometry_wkb", shapely.to_wkb(shp)),
            ("min_longitude", min_x),
            ("min_latitude", min_y),
            ("max_longitude", max_x),
            ("max_latitude", max_y),
            ("label_longitude", point.x),
            ("label_latitude", point.y),
            ("source_sha256", ctx.facts.sha256),
            ("source_line", line),
        ):
            rows[key].append(value)

    rows_read = len(features)
    check_reject_share(ctx, rows_read, rows_read - len(seen), reasons, errors)
    out = ctx.workdir / f"{EVIDENCE_TABLE}.parquet"
    pq.write_table(pa.table(rows, schema=SCHEMA), out, compression="zstd")
    warnings: list[str] = []
    if rows_read == 0:
        warnings.append("the FeatureCollection has no features")
    if repaired:
        warnings.append(
            f"{repaired:,} polygons were not valid (self-intersecting rings) and were "
            "repaired with shapely.make_valid"
        )
    repeated = _already_loaded(ctx, out)
    if repeated:
        warnings.append(
            f"{repeated:,} LSOAs were already loaded from earlier imports: this file's shapes "
            "replace them in analysis (the newest import wins)"
        )
    return Staged(
        rows_read=rows_read,
        rows_loaded=len(seen),
        row_errors=errors[: ctx.max_stored_errors],
        reject_reasons=reasons,
        evidence_table=EVIDENCE_TABLE,
        parquet=out,
        warnings=warnings,
        layout=LABEL,
    )


def _polygonal(geometry: Any) -> Any:
    """The polygon parts of a repaired geometry (None if there are none)."""
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    parts = [
        g for g in getattr(geometry, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")
    ]
    if not parts:
        return None
    return shapely.union_all(parts)


def _already_loaded(ctx: StageContext, staged: Path) -> int:
    existing = evidence_parts(ctx.workspace).get(EVIDENCE_TABLE, [])
    if not existing:
        return 0
    listing = ", ".join("'" + p.replace("'", "''") + "'" for p in existing)
    staged_sql = "'" + str(staged).replace("'", "''") + "'"
    (n,) = ctx.con.execute(
        f"""SELECT count(*) FROM read_parquet({staged_sql})
            WHERE lsoa_code IN (SELECT lsoa_code FROM read_parquet([{listing}]))"""
    ).fetchall()[0]
    return int(n)
