"""Maps for products: an LSOA choropleth with deal-line activity overlaid, as SVG or PNG.

:func:`lsoa_map_svg` / :func:`lsoa_map_png` draw one :class:`LsoaMap`: the
LSOAs of an area shaded by a figure (drug crimes, a rate per 1,000...) in
a few classes with a legend that counts the areas in each; neighbouring LSOAs
in grey for orientation; cell sites used by deal lines as circles sized by
their events; the top hotspots numbered on the map and named (not coded)
beside it; town names; a scale bar; the sources. Sized for A4 portrait
(178 mm wide, readable at 100%).

Output is byte-reproducible: the same inputs give the same bytes (no dates
in the metadata, fixed SVG ids, text drawn as paths, so no dependence on the
fonts of the machine that views it). Text from the data (LSOA and place names)
is never read as markup: mathtext is off and the SVG writer escapes it.

Coordinates are WGS84 degrees, drawn in an equirectangular projection whose
aspect is corrected for the area's latitude (right for a county).
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

import matplotlib as mpl
import numpy as np
import pyarrow as pa
import shapely
from matplotlib import patheffects
from matplotlib.collections import PatchCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path as MplPath

A4_WIDTH_IN = 7.0  # 178 mm: A4 (210 mm) less 16 mm margins each side
KM_PER_DEGREE_LATITUDE = 111.32

DEFAULT_SOURCES = (
    "Boundaries: Office for National Statistics, OGL v3; contains OS data (c) Crown copyright "
    "and database right. Crime and stop-search: data.police.uk, OGL v3 (locations are "
    "anonymised snap points)."
)


@dataclass(frozen=True)
class Place:
    """A named place to label on a map (WGS84 degrees)."""

    name: str
    latitude: float
    longitude: float


# Town centres in Essex (WGS84, rounded to ~100 m), labelled when inside a map's extent. The
# shared data and the demo are Essex; for another force pass your own ``places``. Each point
# is checked in the tests to fall in an LSOA of the town's own local authority.
ESSEX_TOWNS: tuple[Place, ...] = (
    Place("Clacton-on-Sea", 51.7893, 1.1557),
    Place("Jaywick", 51.7778, 1.1165),
    Place("Frinton-on-Sea", 51.8306, 1.2456),
    Place("Walton-on-the-Naze", 51.8483, 1.2683),
    Place("Harwich", 51.9422, 1.2867),
    Place("Brightlingsea", 51.8106, 1.0253),
    Place("Manningtree", 51.9450, 1.0620),
    Place("Colchester", 51.8892, 0.9042),
    Place("Chelmsford", 51.7356, 0.4685),
    Place("Braintree", 51.8784, 0.5529),
    Place("Witham", 51.8009, 0.6404),
    Place("Maldon", 51.7318, 0.6760),
    Place("Southend-on-Sea", 51.5459, 0.7077),
    Place("Basildon", 51.5761, 0.4886),
    Place("Harlow", 51.7727, 0.1023),
    Place("Brentwood", 51.6214, 0.3050),
    Place("Grays", 51.4769, 0.3254),
    Place("Canvey Island", 51.5237, 0.5843),
    Place("Rayleigh", 51.5864, 0.6049),
    Place("Saffron Walden", 52.0226, 0.2397),
    Place("Epping", 51.6996, 0.1120),
    Place("Loughton", 51.6494, 0.0735),
)


@dataclass(frozen=True)
class LsoaMap:
    """What to draw.

    Attributes:
        boundaries: ``lsoa_code, lsoa_name, geometry_wkb`` (WKB, WGS84) and,
            if present, ``label_longitude, label_latitude`` (points inside the
            polygons, for the hotspot numbers).
        values: ``lsoa_code`` and the ``value`` column (e.g. the hotspot
            table); LSOAs with a NULL value are drawn as "no figure".
        value: the column to shade by.
        title: the map's title (e.g. "Drug crimes by LSOA, Tendring").
        subtitle: a line under it (period, source).
        legend_title: the classes' heading (default: the column's name in words).
        whole_numbers: classes of whole numbers (counts) rather than tenths (rates).
        lsoa_codes: the LSOAs of the area (default: those in ``values``
            found in ``boundaries``).
        points: ``latitude, longitude`` and optionally ``point_size`` (e.g.
            the per-cell line overlay); None for no points.
        point_size: column sizing the points (area proportional to it).
        points_label: legend text for the points.
        places: towns to label (default :data:`ESSEX_TOWNS`; those outside the
            extent are left out).
        label_top: how many of the highest LSOAs to number and name.
        missing_label: legend text for LSOAs without a figure.
        sources: the attribution line at the foot.
    """

    boundaries: pa.Table
    values: pa.Table
    value: str
    title: str
    subtitle: str | None = None
    legend_title: str | None = None
    whole_numbers: bool = True
    lsoa_codes: Sequence[str] | None = None
    points: pa.Table | None = None
    point_size: str | None = "line_events"
    points_label: str = "cell site used by a deal line"
    places: Sequence[Place] | None = None
    label_top: int = 5
    missing_label: str = "no figure"
    sources: str = DEFAULT_SOURCES
    extra_notes: Sequence[str] = field(default_factory=tuple)


@dataclass(frozen=True)
class Classes:
    """Shading classes: ``uppers[i]`` is the inclusive upper bound of class i (class 0 is 0)."""

    uppers: tuple[float, ...]
    step: float

    def of(self, value: float) -> int:
        """The class of ``value`` (values above the last bound go in the last class)."""
        units = round(value / self.step)
        for i, upper in enumerate(self.uppers):
            if units <= round(upper / self.step):
                return i
        return len(self.uppers) - 1

    def labels(self) -> list[str]:
        """``0``, ``1-2``, ``3-5``... (tenths for rates: ``0.1-1.2``)."""
        out: list[str] = []
        previous: float | None = None
        for upper in self.uppers:
            if previous is None:
                out.append(_number(upper, self.step))
            else:
                low = previous + self.step
                out.append(
                    _number(upper, self.step)
                    if math.isclose(low, upper)
                    else f"{_number(low, self.step)}\u2013{_number(upper, self.step)}"
                )
            previous = upper
        return out


def _number(value: float, step: float) -> str:
    return f"{value:,.0f}" if step >= 1 else f"{value:,.1f}"


def class_breaks(values: Sequence[float], classes: int = 5, whole_numbers: bool = True) -> Classes:
    """Classes for shading: 0 on its own, then up to ``classes`` groups of the positive values.

    Bounds are the positive values' quantiles (equal numbers of areas per
    class, the usual choice for skewed counts), rounded up to whole numbers
    (or tenths) and made distinct; the last bound is the maximum.

    >>> class_breaks([0, 0, 1, 2, 3, 4, 5, 10], classes=2).uppers
    (0, 3, 10)
    """
    step = 1.0 if whole_numbers else 0.1
    positive = sorted(v for v in values if v is not None and round(v / step) > 0)
    if not positive:
        return Classes((0,), step)
    bounds: list[float] = []
    for k in range(1, classes + 1):
        # the k/classes quantile (inverted CDF): the ceil(k * n / classes)-th smallest value,
        # in whole-number arithmetic so that 3/5 of 10 is exactly the 6th
        raw = float(positive[-(-k * len(positive) // classes) - 1])
        bound = math.ceil(round(raw / step, 6)) * step
        bound = round(bound, 1)
        if not bounds or bound > bounds[-1]:
            bounds.append(bound)
    top = round(math.ceil(round(max(positive) / step, 6)) * step, 1)
    if bounds[-1] < top:
        bounds.append(top)
    uppers = [0.0, *bounds]
    return Classes(tuple(int(u) if whole_numbers else u for u in uppers), step)


def _path(geometry: Any) -> MplPath:
    """A matplotlib path of a (multi)polygon, holes included."""
    polygons = getattr(geometry, "geoms", [geometry])
    rings: list[MplPath] = []
    for polygon in polygons:
        for ring in [polygon.exterior, *polygon.interiors]:
            coords = np.asarray(ring.coords)
            codes = np.full(len(coords), MplPath.LINETO, dtype=np.uint8)
            codes[0], codes[-1] = MplPath.MOVETO, MplPath.CLOSEPOLY
            rings.append(MplPath(coords, codes))
    return MplPath.make_compound_path(*rings)


def _nice_km(width_km: float) -> float:
    """The longest round length within a fifth of the map's width, for the scale bar."""
    target = width_km / 5
    chosen = 0.5
    for km in (0.5, 1, 2, 5, 10, 20, 50, 100):
        if km <= target:
            chosen = km
    return chosen


def _draw(spec: LsoaMap) -> Figure:
    """The figure of ``spec`` (not yet saved)."""
    if spec.value not in spec.values.column_names:
        raise ValueError(f"values have no column {spec.value!r}")
    codes_all = [str(c) for c in spec.boundaries.column("lsoa_code").to_pylist()]
    geometries = shapely.from_wkb(spec.boundaries.column("geometry_wkb").to_pylist())
    shapes = dict(zip(codes_all, geometries, strict=True))
    names = dict(zip(codes_all, spec.boundaries.column("lsoa_name").to_pylist(), strict=True))
    value_of: dict[str, float | None] = dict(
        zip(
            [str(c) for c in spec.values.column("lsoa_code").to_pylist()],
            spec.values.column(spec.value).to_pylist(),
            strict=True,
        )
    )
    wanted = list(spec.lsoa_codes) if spec.lsoa_codes is not None else list(value_of)
    area = sorted(c for c in wanted if c in shapes)
    if not area:
        raise ValueError("none of the area's LSOAs is in the loaded boundaries: nothing to draw")
    min_x, min_y, max_x, max_y = shapely.total_bounds([shapes[c] for c in area])
    pad_x, pad_y = (max_x - min_x) * 0.04, (max_y - min_y) * 0.04
    min_x, max_x, min_y, max_y = min_x - pad_x, max_x + pad_x, min_y - pad_y, max_y + pad_y
    mid_lat = (min_y + max_y) / 2
    aspect = 1 / math.cos(math.radians(mid_lat))
    map_w = A4_WIDTH_IN
    map_h = min(max(map_w * (max_y - min_y) * aspect / (max_x - min_x), 3.0), 7.5)

    # bands, top to bottom (inches): title, map, legend and list, sources
    title_h, legend_h = 0.6, 1.55
    foot_h = 0.12 + 0.09 * sum(
        len(textwrap.wrap(t, 150)) for t in (spec.sources, *spec.extra_notes)
    )
    height = title_h + map_h + legend_h + foot_h
    figure = Figure(figsize=(A4_WIDTH_IN, height))

    def band(
        left: float, bottom: float, width: float, tall: float
    ) -> tuple[float, float, float, float]:
        return (left / A4_WIDTH_IN, bottom / height, width / A4_WIDTH_IN, tall / height)

    ax = figure.add_axes(band(0.1, foot_h + legend_h, A4_WIDTH_IN - 0.2, map_h))
    ax.set_xlim(min_x, max_x)
    ax.set_ylim(min_y, max_y)
    ax.set_aspect(aspect, adjustable="box")
    ax.set_axis_off()

    # neighbours, in grey, for orientation
    box = shapely.box(min_x, min_y, max_x, max_y)
    others = [c for c in codes_all if c not in set(area) and shapes[c].intersects(box)]
    if others:
        ax.add_collection(
            PatchCollection(
                [PathPatch(_path(shapes[c])) for c in others],
                facecolor="#e6e6e6",
                edgecolor="white",
                linewidth=0.3,
            )
        )

    values = [value_of.get(c) for c in area]
    classes = class_breaks([v for v in values if v is not None], 5, spec.whole_numbers)
    palette = mpl.colormaps["YlOrRd"]
    n_pos = len(classes.uppers) - 1
    colours = ["#ffffff"] + [
        mpl.colors.to_hex(palette(0.15 + 0.8 * i / max(n_pos - 1, 1))) for i in range(n_pos)
    ]
    in_class = [0] * len(classes.uppers)
    faces, missing = [], []
    for code, v in zip(area, values, strict=True):
        if v is None:
            missing.append(code)
            continue
        k = classes.of(float(v))
        in_class[k] += 1
        faces.append((code, colours[k]))
    ax.add_collection(
        PatchCollection(
            [PathPatch(_path(shapes[c])) for c, _ in faces],
            facecolor=[f for _, f in faces],
            edgecolor="#8c8c8c",
            linewidth=0.3,
        )
    )
    if missing:
        ax.add_collection(
            PatchCollection(
                [PathPatch(_path(shapes[c])) for c in missing],
                facecolor="#d9d9d9",
                edgecolor="#8c8c8c",
                hatch="////",
                linewidth=0.3,
            )
        )

    halo = [patheffects.withStroke(linewidth=2.2, foreground="white")]
    places = ESSEX_TOWNS if spec.places is None else spec.places
    for place in places:
        if min_x <= place.longitude <= max_x and min_y <= place.latitude <= max_y:
            ax.plot(place.longitude, place.latitude, "o", ms=2.2, color="#333333", zorder=4)
            right = place.longitude > min_x + 0.75 * (max_x - min_x)
            ax.annotate(
                place.name,
                (place.longitude, place.latitude),
                xytext=(-3 if right else 3, 3),
                textcoords="offset points",
                ha="right" if right else "left",
                fontsize=7,
                color="#222222",
                fontstyle="italic",
                path_effects=halo,
                zorder=5,
            )

    point_handles = _draw_points(ax, spec, (min_x, min_y, max_x, max_y))
    top = _draw_top(ax, spec, area, value_of, names, shapes)
    _draw_scale(ax, min_x, max_x, min_y, max_y, mid_lat)

    figure.text(
        0.15 / A4_WIDTH_IN,
        1 - 0.28 / height,
        spec.title,
        fontsize=11,
        fontweight="bold",
        va="baseline",
    )
    if spec.subtitle:
        figure.text(0.15 / A4_WIDTH_IN, 1 - 0.48 / height, spec.subtitle, fontsize=8)

    legend_ax = figure.add_axes(band(0.1, foot_h, 3.2, legend_h))
    legend_ax.set_axis_off()
    handles: list[Any] = [
        Patch(facecolor=colours[i], edgecolor="#8c8c8c", linewidth=0.5, label=f"{label}")
        for i, label in enumerate(classes.labels())
    ]
    labels = [
        f"{label}  ({in_class[i]:,} {'area' if in_class[i] == 1 else 'areas'})"
        for i, label in enumerate(classes.labels())
    ]
    if missing:
        handles.append(Patch(facecolor="#d9d9d9", edgecolor="#8c8c8c", hatch="////"))
        labels.append(f"{spec.missing_label}  ({len(missing):,})")
    for handle, label in point_handles:
        handles.append(handle)
        labels.append(label)
    legend_ax.legend(
        handles,
        labels,
        title=spec.legend_title or spec.value.replace("_", " "),
        loc="upper left",
        fontsize=7,
        title_fontsize=8,
        frameon=False,
        alignment="left",
    )

    list_ax = figure.add_axes(band(3.5, foot_h, A4_WIDTH_IN - 3.6, legend_h - 0.1))
    list_ax.set_axis_off()
    if top:
        lines = [f"Highest {len(top)}:"] + [
            f"{rank}.  {name}:  {_number(v, classes.step)}" for rank, name, v in top
        ]
        list_ax.text(0, 1, "\n".join(lines), va="top", fontsize=7.5, linespacing=1.5)
    foot = [textwrap.fill(line, 150) for line in (spec.sources, *spec.extra_notes)]
    figure.text(0.15 / A4_WIDTH_IN, 0.06 / height, "\n".join(foot), fontsize=5.5, color="#444444")
    return figure


def _draw_points(
    ax: Any, spec: LsoaMap, extent: tuple[float, float, float, float]
) -> list[tuple[Any, str]]:
    """Cell sites as circles sized by ``point_size``; returns legend (handle, label) pairs."""
    if spec.points is None or spec.points.num_rows == 0:
        return []
    min_x, min_y, max_x, max_y = extent
    lats = spec.points.column("latitude").to_pylist()
    lons = spec.points.column("longitude").to_pylist()
    sizes_of = (
        spec.points.column(spec.point_size).to_pylist()
        if spec.point_size and spec.point_size in spec.points.column_names
        else [None] * len(lats)
    )
    kept = [
        (lon, lat, s)
        for lon, lat, s in zip(lons, lats, sizes_of, strict=True)
        if lat is not None and lon is not None and min_x <= lon <= max_x and min_y <= lat <= max_y
    ]
    if not kept:
        return []
    weights = [float(s) for _, _, s in kept if s is not None]
    biggest = max(weights) if weights else 1.0

    def area(s: float | None) -> float:
        return 14.0 if s is None or biggest <= 0 else 10.0 + 110.0 * float(s) / biggest

    ax.scatter(
        [k[0] for k in kept],
        [k[1] for k in kept],
        s=[area(k[2]) for k in kept],
        facecolor="#2166ac",
        edgecolor="white",
        linewidth=0.6,
        alpha=0.9,
        zorder=6,
    )
    handles: list[tuple[Any, str]] = []
    if weights and len(set(weights)) > 1 and spec.point_size:
        low, high = min(weights), max(weights)
        for w in (low, high):
            handles.append(
                (
                    _dot(math.sqrt(area(w))),
                    f"{spec.points_label}: {w:,.0f} {spec.point_size.replace('_', ' ')}",
                )
            )
    else:
        handles.append((_dot(math.sqrt(area(None))), spec.points_label))
    return handles


def _dot(size: float) -> Line2D:
    """A legend marker like the drawn cell sites."""
    return Line2D(
        [],
        [],
        marker="o",
        linestyle="",
        markersize=size,
        markerfacecolor="#2166ac",
        markeredgecolor="white",
    )


def _draw_top(
    ax: Any,
    spec: LsoaMap,
    area: list[str],
    value_of: dict[str, float | None],
    names: dict[str, Any],
    shapes: dict[str, Any],
) -> list[tuple[int, str, float]]:
    """Number the highest LSOAs on the map; returns (rank, name, value) for the list."""
    ranked = sorted(
        (c for c in area if (value_of.get(c) or 0) > 0),
        key=lambda c: (-float(value_of[c] or 0), c),
    )[: max(spec.label_top, 0)]
    columns = spec.boundaries.column_names
    points: dict[str, tuple[float, float]] = {}
    if "label_longitude" in columns and "label_latitude" in columns:
        codes = [str(c) for c in spec.boundaries.column("lsoa_code").to_pylist()]
        xs = spec.boundaries.column("label_longitude").to_pylist()
        ys = spec.boundaries.column("label_latitude").to_pylist()
        points = {c: (x, y) for c, x, y in zip(codes, xs, ys, strict=True) if x is not None}
    out: list[tuple[int, str, float]] = []
    ax.apply_aspect()
    to_points = 72.0 / ax.figure.dpi
    placed: list[tuple[float, float]] = []  # marker centres, in points on the page
    for rank, code in enumerate(ranked, start=1):
        if code not in points:
            inside = shapes[code].representative_point()
            points[code] = (inside.x, inside.y)
        px, py = (float(v) * to_points for v in ax.transData.transform(points[code]))
        offset = _free_offset(px, py, placed)
        placed.append((px + offset[0], py + offset[1]))
        ax.annotate(
            str(rank),
            points[code],
            xytext=offset,
            textcoords="offset points",
            ha="center",
            va="center",
            fontsize=7,
            fontweight="bold",
            color="black",
            bbox={"boxstyle": "circle,pad=0.2", "fc": "white", "ec": "black", "lw": 0.6},
            arrowprops=(
                {"arrowstyle": "-", "color": "black", "lw": 0.6, "shrinkA": 0, "shrinkB": 0}
                if offset != (0.0, 0.0)
                else None
            ),
            zorder=7,
        )
        out.append((rank, str(names.get(code) or code), float(value_of[code] or 0)))
    return out


MARKER_GAP_PT = 13.0  # centres of two hotspot numbers at least this far apart (points)


def _free_offset(x: float, y: float, placed: list[tuple[float, float]]) -> tuple[float, float]:
    """An offset (points) putting a marker at (x, y) clear of those placed: none if it is clear.

    Tries rings of 8 directions at growing distances, a fixed order (so results repeat).
    """

    def clear(cx: float, cy: float) -> bool:
        return all(math.hypot(cx - ox, cy - oy) >= MARKER_GAP_PT for ox, oy in placed)

    if clear(x, y):
        return (0.0, 0.0)
    for distance in (16.0, 24.0, 32.0, 44.0):
        for step in range(8):
            angle = math.radians(45 * step + 22.5)
            dx, dy = distance * math.cos(angle), distance * math.sin(angle)
            if clear(x + dx, y + dy):
                return (round(dx, 2), round(dy, 2))
    return (0.0, 0.0)


def _draw_scale(
    ax: Any, min_x: float, max_x: float, min_y: float, max_y: float, mid_lat: float
) -> None:
    """A scale bar in km at the lower right."""
    km_per_degree = KM_PER_DEGREE_LATITUDE * math.cos(math.radians(mid_lat))
    km = _nice_km((max_x - min_x) * km_per_degree)
    length = km / km_per_degree
    x1 = max_x - (max_x - min_x) * 0.03
    x0 = x1 - length
    y = min_y + (max_y - min_y) * 0.03
    ax.plot([x0, x1], [y, y], color="black", linewidth=2, solid_capstyle="butt", zorder=8)
    ax.text(
        (x0 + x1) / 2,
        y + (max_y - min_y) * 0.012,
        f"{km:g} km",
        ha="center",
        va="bottom",
        fontsize=7,
        zorder=8,
    )


_RC: dict[Any, Any] = {
    "svg.hashsalt": "countylines",
    "svg.fonttype": "path",
    "svg.id": "countylines-map",
    "text.parse_math": False,
    "text.usetex": False,
    "font.family": "DejaVu Sans",
    "hatch.linewidth": 0.4,
}


def lsoa_map_svg(spec: LsoaMap) -> str:
    """The map as SVG text (UTF-8), with a ``<title>`` naming it for screen readers.

    Raises:
        ValueError: if ``spec.value`` is not a column of ``spec.values``, or
            none of the area's LSOAs is in the boundaries.
    """
    with mpl.rc_context(_RC):
        figure = _draw(spec)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "countylines"})
    svg = buffer.getvalue()
    start = svg.find("<svg")
    end = svg.find(">", start) + 1
    return svg[:end] + f"\n <title>{escape(spec.title)}</title>" + svg[end:]


def lsoa_map_png(spec: LsoaMap, dpi: int = 200) -> bytes:
    """The map as PNG bytes at ``dpi`` (200: sharp in print at A4 width).

    Raises:
        ValueError: as :func:`lsoa_map_svg`.
    """
    with mpl.rc_context(_RC):
        figure = _draw(spec)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": "countylines"})
    return buffer.getvalue()
