"""Cell sites: the hub (London), the county town (Clacton-on-Sea) and the route between.

Cells are points (one cell per site, no sectors). Hub and county cells are
scattered over a disc around the area's centre, denser towards the middle
(radius drawn as ``R * u**0.8`` rather than the uniform ``R * sqrt(u)``), as
urban sites are. Route cells lie along the A12/A133 corridor (and the
Liverpool Street-Colchester-Clacton railway beside it), spaced evenly along
the waypoints below with a little jitter. Site names are the nearest named
place. Coordinates of the places are approximate (WGS84, to ~1 km).

Each cell also knows its ``NEIGHBOURS`` nearest cells of the same area: a
phone standing still is not always served by the same cell (load, signal),
so a share of events at a place is written with a neighbouring cell.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

HUB, COUNTY, ROUTE = 0, 1, 2
AREA_NAMES = {HUB: "hub", COUNTY: "county", ROUTE: "route"}
NEIGHBOURS = 3
KM_PER_DEG_LAT = 111.32

#: London districts (approximate centres) used to name hub cells.
LONDON_PLACES: tuple[tuple[str, float, float], ...] = (
    ("Westminster", 51.4975, -0.1357), ("Camden", 51.5390, -0.1426),
    ("Islington", 51.5380, -0.1028), ("Hackney", 51.5450, -0.0553),
    ("Tower Hamlets", 51.5099, -0.0059), ("Southwark", 51.5035, -0.0804),
    ("Brixton", 51.4613, -0.1156), ("Peckham", 51.4740, -0.0690),
    ("Lewisham", 51.4452, -0.0209), ("Greenwich", 51.4826, -0.0077),
    ("Newham", 51.5255, 0.0352), ("Stratford", 51.5416, -0.0033),
    ("Walthamstow", 51.5830, -0.0200), ("Tottenham", 51.5975, -0.0681),
    ("Haringey", 51.5906, -0.1110), ("Enfield", 51.6523, -0.0807),
    ("Barnet", 51.6252, -0.1517), ("Harlesden", 51.5362, -0.2570),
    ("Ealing", 51.5130, -0.3089), ("Hammersmith", 51.4927, -0.2339),
    ("Kensington", 51.4991, -0.1938), ("Wandsworth", 51.4571, -0.1910),
    ("Croydon", 51.3762, -0.0982), ("Clapham", 51.4618, -0.1384),
    ("Shoreditch", 51.5255, -0.0754), ("Kilburn", 51.5416, -0.1960),
    ("Holloway", 51.5530, -0.1200), ("Deptford", 51.4786, -0.0262),
    ("Woolwich", 51.4892, 0.0648), ("Ilford", 51.5590, 0.0741),
    ("Leyton", 51.5600, -0.0150), ("Edmonton", 51.6150, -0.0700),
    ("Streatham", 51.4279, -0.1235), ("Camberwell", 51.4740, -0.0930),
    ("Bow", 51.5290, -0.0200), ("Dalston", 51.5460, -0.0750),
    ("Wembley", 51.5560, -0.2796), ("Acton", 51.5090, -0.2710),
    ("Barking", 51.5362, 0.0798), ("Catford", 51.4452, -0.0200),
)  # fmt: skip

#: Places in and around Clacton-on-Sea (Tendring) used to name county cells.
CLACTON_PLACES: tuple[tuple[str, float, float], ...] = (
    ("Clacton town centre", 51.7890, 1.1550), ("Pier Avenue", 51.7870, 1.1600),
    ("Jaywick", 51.7760, 1.1140), ("Holland-on-Sea", 51.8040, 1.1960),
    ("Great Clacton", 51.8000, 1.1520), ("Rush Green", 51.7950, 1.1350),
    ("Little Clacton", 51.8220, 1.1430), ("Bockings Elm", 51.8050, 1.1350),
    ("St Osyth", 51.7990, 1.0770), ("Frinton Road", 51.8120, 1.1750),
)  # fmt: skip

#: The corridor from the hub to the county town: A12 to Colchester, then the A133.
ROUTE_WAYPOINTS: tuple[tuple[str, float, float], ...] = (
    ("Liverpool Street", 51.5178, -0.0823), ("Stratford", 51.5416, -0.0033),
    ("Romford", 51.5750, 0.1830), ("Brentwood", 51.6210, 0.3050),
    ("Ingatestone", 51.6670, 0.3840), ("Chelmsford", 51.7360, 0.4690),
    ("Hatfield Peverel", 51.7800, 0.5900), ("Witham", 51.8000, 0.6400),
    ("Kelvedon", 51.8400, 0.7000), ("Marks Tey", 51.8800, 0.7900),
    ("Colchester", 51.8890, 0.9000), ("Elmstead Market", 51.8700, 1.0000),
    ("Frating", 51.8600, 1.0600), ("Weeley", 51.8530, 1.1150),
)  # fmt: skip


@dataclass(frozen=True)
class AreaSpec:
    """An area of the scenario: where its cells are and what they are called."""

    name: str
    prefix: str
    latitude: float
    longitude: float
    radius_km: float

    def places(self) -> tuple[tuple[str, float, float], ...]:
        """Named places to label cells with (built-in for London and Clacton)."""
        if self.prefix == "LDN":
            return LONDON_PLACES
        if self.prefix == "CLN":
            return CLACTON_PLACES
        return ((self.name, self.latitude, self.longitude),)


LONDON = AreaSpec("London", "LDN", 51.51, -0.13, 15.0)
CLACTON = AreaSpec("Clacton-on-Sea (Tendring)", "CLN", 51.79, 1.16, 4.0)


@dataclass(frozen=True)
class Cells:
    """All cell sites. Index ``i`` is a cell; arrays have one entry per cell.

    Attributes:
        ids: cell ids (``LDN-0001``, ``CLN-0001``, ``RTE-0001``).
        lat, lon: WGS84 degrees.
        area: HUB, COUNTY or ROUTE.
        names: site names (nearest place and a number).
        neighbours: (n, NEIGHBOURS) nearest other cells of the same area.
        hub, county, route: indices of each area's cells; ``route`` ordered hub → county.
    """

    ids: list[str]
    lat: npt.NDArray[np.float64]
    lon: npt.NDArray[np.float64]
    area: npt.NDArray[np.int8]
    names: list[str]
    neighbours: npt.NDArray[np.int32]
    hub: npt.NDArray[np.int32]
    county: npt.NDArray[np.int32]
    route: npt.NDArray[np.int32]

    def distance_km(self, i: npt.ArrayLike, j: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """Equirectangular distance between cells (km; fine at these scales)."""
        i, j = np.asarray(i), np.asarray(j)
        mean_lat = np.radians((self.lat[i] + self.lat[j]) / 2)
        dx = (self.lon[i] - self.lon[j]) * np.cos(mean_lat) * KM_PER_DEG_LAT
        dy = (self.lat[i] - self.lat[j]) * KM_PER_DEG_LAT
        return np.asarray(np.hypot(dx, dy))


def _disc(
    rng: np.random.Generator, spec: AreaSpec, n: int
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    r = spec.radius_km * rng.random(n) ** 0.8
    theta = rng.random(n) * 2 * math.pi
    lat = spec.latitude + r * np.sin(theta) / KM_PER_DEG_LAT
    lon = spec.longitude + r * np.cos(theta) / (
        KM_PER_DEG_LAT * math.cos(math.radians(spec.latitude))
    )
    return lat, lon


def _route_points(
    rng: np.random.Generator, n: int
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    pts = np.array([(lat, lon) for _, lat, lon in ROUTE_WAYPOINTS])
    seg = np.hypot(np.diff(pts[:, 0]), np.diff(pts[:, 1]) * 0.62)
    cum = np.concatenate([[0.0], np.cumsum(seg)])
    s = (np.arange(n) + 0.5) / n * cum[-1]
    lat = np.interp(s, cum, pts[:, 0]) + rng.normal(0, 0.004, n)
    lon = np.interp(s, cum, pts[:, 1]) + rng.normal(0, 0.006, n)
    return lat, lon


def _nearest_name(places: tuple[tuple[str, float, float], ...], lat: float, lon: float) -> str:
    best = min(places, key=lambda p: (p[1] - lat) ** 2 + ((p[2] - lon) * 0.62) ** 2)
    return best[0]


def build_cells(
    rng: np.random.Generator,
    hub: AreaSpec,
    county: AreaSpec,
    n_hub: int,
    n_county: int,
    n_route: int,
) -> Cells:
    """Place the cells of the scenario (``rng``: the ``geography`` stream)."""
    hub_lat, hub_lon = _disc(rng, hub, n_hub)
    cty_lat, cty_lon = _disc(rng, county, n_county)
    rte_lat, rte_lon = _route_points(rng, n_route)
    lat = np.concatenate([hub_lat, cty_lat, rte_lat])
    lon = np.concatenate([hub_lon, cty_lon, rte_lon])
    area = np.concatenate(
        [np.full(n_hub, HUB), np.full(n_county, COUNTY), np.full(n_route, ROUTE)]
    ).astype(np.int8)
    ids: list[str] = []
    names: list[str] = []
    counters: dict[str, int] = {}
    serials: dict[str, int] = {}
    for i in range(lat.size):
        a = int(area[i])
        prefix = {HUB: hub.prefix, COUNTY: county.prefix, ROUTE: "RTE"}[a]
        places = {HUB: hub.places(), COUNTY: county.places(), ROUTE: ROUTE_WAYPOINTS}[a]
        serials[prefix] = serials.get(prefix, 0) + 1
        ids.append(f"{prefix}-{serials[prefix]:04d}")
        place = _nearest_name(places, float(lat[i]), float(lon[i]))
        counters[place] = counters.get(place, 0) + 1
        names.append(f"{place} {counters[place]}")
    neighbours = np.zeros((lat.size, NEIGHBOURS), dtype=np.int32)
    for a in (HUB, COUNTY, ROUTE):
        idx = np.flatnonzero(area == a)
        la, lo = lat[idx], lon[idx] * 0.62
        d = (la[:, None] - la[None, :]) ** 2 + (lo[:, None] - lo[None, :]) ** 2
        np.fill_diagonal(d, np.inf)
        k = min(NEIGHBOURS, idx.size - 1)
        order = np.argsort(d, axis=1, kind="stable")[:, :k]
        near = idx[order]
        if k < NEIGHBOURS:
            near = np.concatenate([near, np.repeat(idx[:, None], NEIGHBOURS - k, axis=1)], axis=1)
        neighbours[idx] = near
    return Cells(
        ids=ids,
        lat=lat,
        lon=lon,
        area=area,
        names=names,
        neighbours=neighbours,
        hub=np.flatnonzero(area == HUB).astype(np.int32),
        county=np.flatnonzero(area == COUNTY).astype(np.int32),
        route=np.flatnonzero(area == ROUTE).astype(np.int32),
    )


def write_cells_csv(cells: Cells, path: Path) -> int:
    """Write ``cell_id,latitude,longitude,site_name`` (what ``ingest cells`` reads)."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["cell_id", "latitude", "longitude", "site_name"])
        for i, cid in enumerate(cells.ids):
            out.writerow([cid, f"{cells.lat[i]:.6f}", f"{cells.lon[i]:.6f}", cells.names[i]])
    return len(cells.ids)
