"""Hotspots on the real Essex files, each figure checked against an independent count.

The Essex street-crime and stop-and-search files and the Essex geography are
loaded into one workspace as a user would (``ingest police-uk``, ``ingest
geography``), read back through the evidence views, and analysed. Expected
values are taken straight from the files with Python's ``csv`` and ``json``
modules; stop-searches are placed independently with matplotlib's
point-in-polygon (``Path.contains_points``), not shapely's.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pytest
from matplotlib.path import Path as MplPath
from tests.conftest import shared

from countylines.analysis.hotspots import (
    NO_POPULATION_FOR_LSOA,
    NO_POPULATION_LOADED,
    AreaNotFound,
    LsoaIndex,
    crime_counts,
    drug_trend,
    hotspots,
    line_activity,
    month_on_month,
    resolve_area,
)
from countylines.ingest.geography import adapter_for as geography_adapter
from countylines.ingest.police_uk import adapter_for as police_adapter
from countylines.ingest.runner import import_file
from countylines.settings import Settings
from countylines.store.evidence import register_views
from countylines.store.geography import Geography, load_geography
from countylines.workspace import Workspace

ESSEX = "police_uk/essex"
BOUNDARIES = "geography/essex_lsoa11_boundaries_BSC.geojson"
POSTCODES = "geography/essex_postcodes_lsoa_latlon.csv"


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def essex(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """One workspace with the Essex crime, searches and geography, read back as tables."""
    root = tmp_path_factory.mktemp("essex")
    ws = Workspace.create(Settings(workspace=root / "ws", duckdb_memory_limit="2GB"))
    street_files = sorted(shared(ESSEX).glob("*-essex-street.csv"))
    searches = shared(f"{ESSEX}/2016-11-essex-stop-and-search.csv")
    for path in [*street_files, searches]:
        assert import_file(ws, police_adapter(path), path).outcome == "loaded"
    for path in (shared(BOUNDARIES), shared(POSTCODES)):
        assert import_file(ws, geography_adapter(path), path).outcome == "loaded"
    geography = load_geography(ws)
    with ws.duckdb() as con:
        register_views(ws, con)
        street = con.sql("SELECT * FROM street_crimes").to_arrow_table()
        stops = con.sql("SELECT * FROM stop_searches").to_arrow_table()
    yield {
        "geography": geography,
        "street": street,
        "stops": stops,
        "street_rows": [r for p in street_files for r in csv_rows(p)],
        "stop_rows": csv_rows(searches),
        "features": json.loads(shared(BOUNDARIES).read_text())["features"],
        "postcodes": csv_rows(shared(POSTCODES)),
    }
    ws.close()


def _boundaries(essex: dict[str, Any]) -> pa.Table:
    geography: Geography = essex["geography"]
    assert geography.boundaries is not None
    return geography.boundaries


def _by_code(table: pa.Table, column: str) -> dict[str, Any]:
    return dict(zip(table["lsoa_code"].to_pylist(), table[column].to_pylist(), strict=True))


# --- counts equal the files ---------------------------------------------------------------


def test_essex_lsoa_drug_crime_counts_equal_the_files(essex: dict[str, Any]) -> None:
    expected = Counter(
        r["LSOA code"]
        for r in essex["street_rows"]
        if r["Crime type"] == "Drugs" and r["LSOA code"]
    )
    result = hotspots(essex["street"], _boundaries(essex))
    got = {c: n for c, n in _by_code(result.table, "drug_crimes").items() if n}
    assert got == dict(expected)
    assert sum(expected.values()) == 1_975  # of 1,984 drug crimes, 9 have no location
    assert result.figures["drug_crimes"] == 1_984
    assert result.figures["drug_crimes_with_lsoa"] == 1_975
    # all crimes and weapons too, and nothing counted twice: one row per published crime
    all_crimes = Counter(
        r["LSOA code"]
        for r in essex["street_rows"]
        if r["LSOA code"] and r["Crime type"] != "Anti-social behaviour"
    )
    weapons = Counter(
        r["LSOA code"]
        for r in essex["street_rows"]
        if r["LSOA code"] and r["Crime type"] == "Possession of weapons"
    )
    assert {c: n for c, n in _by_code(result.table, "all_crimes").items() if n} == dict(all_crimes)
    assert {c: n for c, n in _by_code(result.table, "weapons_possession").items() if n} == dict(
        weapons
    )
    outside = {r["LSOA code"] for r in essex["street_rows"] if r["LSOA code"]} - {
        f["properties"]["LSOA11CD"] for f in essex["features"]
    }
    assert result.figures["lsoas_outside_boundaries"] == len(outside)
    assert not any(_by_code(result.table, "in_boundaries")[c] for c in outside)


def test_tendring_area_trend_and_month_on_month(essex: dict[str, Any]) -> None:
    geography: Geography = essex["geography"]
    area = resolve_area("tendring", geography.boundaries, geography.lsoa_areas)
    tendring_features = {
        f["properties"]["LSOA11CD"]
        for f in essex["features"]
        if f["properties"]["LSOA11NM"].startswith("Tendring ")
    }
    assert (area.name, area.matched_by) == ("Tendring", "local authority")
    assert set(area.lsoa_codes) == tendring_features and len(tendring_features) == 89

    result = hotspots(essex["street"], geography.boundaries, area=area)
    drugs = [
        r
        for r in essex["street_rows"]
        if r["Crime type"] == "Drugs" and r["LSOA code"] in tendring_features
    ]
    by_lsoa = Counter(r["LSOA code"] for r in drugs)
    assert _by_code(result.table, "drug_crimes") == {c: by_lsoa.get(c, 0) for c in area.lsoa_codes}
    by_month = Counter(r["Month"] for r in drugs)
    assert [
        (m.strftime("%Y-%m"), n)
        for m, n in zip(
            result.area_trend["month"].to_pylist(),
            result.area_trend["drug_crimes"].to_pylist(),
            strict=True,
        )
    ] == sorted(by_month.items())

    # month on month, per LSOA: February 2019 against January 2019, from the files
    feb = Counter(r["LSOA code"] for r in drugs if r["Month"] == "2019-02")
    jan = Counter(r["LSOA code"] for r in drugs if r["Month"] == "2019-01")
    for row in result.table.to_pylist():
        code = row["lsoa_code"]
        assert row["latest_month"] == dt.date(2019, 2, 1)
        assert (row["drug_crimes_latest"], row["drug_crimes_previous"]) == (feb[code], jan[code])
        assert row["drug_change"] == feb[code] - jan[code]
        if jan[code]:
            assert row["drug_change_pct"] == pytest.approx(
                100 * (feb[code] - jan[code]) / jan[code]
            )
        else:
            assert row["drug_change_pct"] is None

    # ranked by drug crimes, ties sharing a rank
    ranks = result.table["rank"].to_pylist()
    counts = result.table["drug_crimes"].to_pylist()
    assert counts == sorted(counts, reverse=True)
    assert ranks == [1 + sum(1 for other in counts if other > n) for n in counts]
    top = result.top(1)[0]
    assert top["lsoa_name"].startswith("Tendring ") and top["drug_crimes"] == max(by_lsoa.values())


def test_stop_searches_placed_by_point_in_polygon(essex: dict[str, Any]) -> None:
    # independent placement: matplotlib's point-in-polygon over the GeoJSON rings: inside an
    # outer ring and in none of its holes (E01021634 has a hole holding E01021636)
    polygons: list[tuple[str, list[list[MplPath]]]] = []
    for f in essex["features"]:
        geometry = f["geometry"]
        parts = (
            geometry["coordinates"]
            if geometry["type"] == "MultiPolygon"
            else [geometry["coordinates"]]
        )
        rings = [[MplPath(np.array(ring)) for ring in part] for part in parts]
        polygons.append((f["properties"]["LSOA11CD"], rings))

    def inside(point: tuple[float, float], part: list[MplPath]) -> bool:
        outer, *holes = part
        return outer.contains_point(point) and not any(h.contains_point(point) for h in holes)

    expected: Counter[str] = Counter()
    expected_drugs: Counter[str] = Counter()
    no_location = outside = 0
    for row in essex["stop_rows"]:
        if not row["Latitude"]:
            no_location += 1
            continue
        point = (float(row["Longitude"]), float(row["Latitude"]))
        found = [code for code, parts in polygons if any(inside(point, p) for p in parts)]
        assert len(found) <= 1  # no search lies on a shared edge
        if not found:
            outside += 1
            continue
        expected[found[0]] += 1
        if row["Object of search"] == "Controlled drugs":
            expected_drugs[found[0]] += 1
    result = hotspots(essex["street"], _boundaries(essex), stop_searches=essex["stops"])
    assert {c: n for c, n in _by_code(result.table, "stop_searches").items() if n} == dict(expected)
    assert {c: n for c, n in _by_code(result.table, "drug_searches").items() if n} == dict(
        expected_drugs
    )
    assert (result.figures["searches"], result.figures["searches_without_location"]) == (
        len(essex["stop_rows"]),
        no_location,
    )
    assert result.figures["searches_outside_boundaries"] == outside
    assert sum(expected.values()) == 245 and (no_location, outside) == (6, 2)
    assert any("cover different periods" in n for n in result.notes)  # 2016 searches, 2018 crime


def test_a_known_point_lands_in_its_lsoa(essex: dict[str, Any]) -> None:
    # two Clacton postcodes: where their coordinates fall against the LSOA the ONS lookup gives
    index = LsoaIndex(_boundaries(essex))
    known = {r["pcds"]: r for r in essex["postcodes"] if r["pcds"] in {"CO15 1AA", "CO15 6AA"}}
    assert index.locate(
        [float(known[p]["latitude"]) for p in ("CO15 1AA", "CO15 6AA")],
        [float(known[p]["longitude"]) for p in ("CO15 1AA", "CO15 6AA")],
    ) == ["E01022038", "E01022027"]
    assert [known[p]["lsoa11cd"] for p in ("CO15 1AA", "CO15 6AA")] == ["E01022038", "E01022027"]
    # no coordinates, and a point in the North Sea, are in no LSOA
    assert index.locate([None, 51.9], [1.1, 2.0]) == [None, None]

    # every Essex postcode with coordinates: how often the generalised shapes agree with ONS
    rows = [r for r in essex["postcodes"] if r["latitude"] and r["live"] == "1"]
    located = index.locate(
        [float(r["latitude"]) for r in rows], [float(r["longitude"]) for r in rows]
    )
    agree = sum(1 for r, code in zip(rows, located, strict=True) if code == r["lsoa11cd"])
    # 89.7%: super-generalised (BSC) shapes are coarse; the full-resolution ones do better
    assert agree / len(rows) > 0.85


# --- rates, line activity, areas: hand-worked inputs --------------------------------------


def _tiny_boundaries() -> pa.Table:
    """Three square LSOAs side by side (0.01 degrees), in Alpha; codes E01000001..3."""
    import shapely

    squares = [shapely.box(1.0 + i * 0.01, 51.0, 1.01 + i * 0.01, 51.01) for i in range(3)]
    return pa.table(
        {
            "lsoa_code": [f"E0100000{i + 1}" for i in range(3)],
            "lsoa_name": ["Alpha 001A", "Alpha 001B", "Beta 001A"],
            "local_authority_name": ["Alpha", "Alpha", "Beta"],
            "geometry_wkb": [shapely.to_wkb(s) for s in squares],
        }
    )


def _crimes(rows: list[tuple[str, str | None, str]]) -> pa.Table:
    """(month 'YYYY-MM', lsoa_code, crime_type) rows as a street_crimes table."""
    return pa.table(
        {
            "month": pa.array(
                [dt.date(int(m[:4]), int(m[5:]), 1) for m, _, _ in rows], pa.date32()
            ),
            "lsoa_code": [c for _, c, _ in rows],
            "lsoa_name": [None if c is None else f"name of {c}" for _, c, _ in rows],
            "crime_type": [t for _, _, t in rows],
        }
    )


def test_rates_per_thousand_where_population_is_known() -> None:
    crimes = _crimes(
        [("2024-01", "E01000001", "Drugs")] * 3
        + [("2024-01", "E01000001", "Burglary")]
        + [("2024-01", "E01000002", "Drugs")]
        + [("2024-01", "E01000003", "Drugs")] * 2
        + [("2024-01", None, "Drugs")]
    )
    population = pa.table({"lsoa_code": ["E01000001", "E01000003"], "population": [1500, 0]})
    result = hotspots(crimes, _tiny_boundaries(), population=population)
    rows = {r["lsoa_code"]: r for r in result.table.to_pylist()}
    assert rows["E01000001"]["drug_crimes_per_1000"] == pytest.approx(2.0)  # 3 x 1000 / 1500
    assert rows["E01000001"]["all_crimes_per_1000"] == pytest.approx(4 * 1000 / 1500)
    assert rows["E01000001"]["rate_note"] is None
    assert (rows["E01000002"]["drug_crimes_per_1000"], rows["E01000002"]["rate_note"]) == (
        None,
        NO_POPULATION_FOR_LSOA,
    )
    assert rows["E01000003"]["drug_crimes_per_1000"] is None
    assert rows["E01000003"]["rate_note"] == "population is 0"
    assert result.figures["crimes_without_lsoa"] == 1
    assert any("2 LSOAs have no rate" in n for n in result.notes)

    ranked = hotspots(
        crimes, _tiny_boundaries(), population=population, rank_by="drug_crimes_per_1000"
    )
    assert ranked.table["lsoa_code"].to_pylist()[0] == "E01000001"
    without = hotspots(crimes, _tiny_boundaries())
    assert set(without.table["rate_note"].to_pylist()) == {NO_POPULATION_LOADED}
    with pytest.raises(ValueError, match="cannot rank by 'danger'"):
        hotspots(crimes, _tiny_boundaries(), rank_by="danger")


def test_trend_fills_empty_months_and_month_on_month_without_a_previous_month() -> None:
    crimes = _crimes(
        [
            ("2024-01", "E01000001", "Drugs"),
            ("2024-03", "E01000001", "Drugs"),
            ("2024-03", "E01000002", "Burglary"),
        ]
    )
    trend = drug_trend(crimes)
    assert [(r["lsoa_code"], r["month"].month, r["drug_crimes"]) for r in trend.to_pylist()] == [
        ("E01000001", 1, 1),
        ("E01000001", 2, 0),
        ("E01000001", 3, 1),
        ("E01000002", 1, 0),
        ("E01000002", 2, 0),
        ("E01000002", 3, 0),
    ]
    change = month_on_month(trend).to_pylist()
    assert [
        (r["drug_crimes_latest"], r["drug_crimes_previous"], r["drug_change"]) for r in change
    ] == [
        (1, 0, 1),
        (0, 0, 0),
    ]
    assert [r["drug_change_pct"] for r in change] == [None, None]  # from 0: no percentage
    single = hotspots(_crimes([("2024-05", "E01000001", "Drugs")]), _tiny_boundaries())
    assert single.table["drug_change"].to_pylist() == [None, None, None]
    assert any("only May 2024" in n for n in single.notes)


def test_line_activity_per_lsoa() -> None:
    cells = pa.table(
        {
            "cell_id": ["c1", "c2", "c3", "c4"],
            "latitude": [51.005, 51.005, 51.005, 52.5],
            "longitude": [1.005, 1.006, 1.025, 1.0],  # c1, c2 in ...1; c3 in ...3; c4 nowhere
        }
    )
    line_cells = pa.table(
        {
            "line_id": ["L-ricky", "L-ricky", "L-dee", "L-dee", "L-dee"],
            "cell_id": ["c1", "c3", "c2", "c4", "c9"],
            "events": [40, 5, 12, 3, 7],
        }
    )
    activity = line_activity(cells, line_cells, LsoaIndex(_tiny_boundaries()))
    assert activity.per_lsoa.to_pylist() == [
        {
            "lsoa_code": "E01000001",
            "lines": 2,
            "line_ids": "L-dee; L-ricky",
            "cells": 2,
            "line_events": 52,
        },
        {"lsoa_code": "E01000003", "lines": 1, "line_ids": "L-ricky", "cells": 1, "line_events": 5},
    ]
    assert (activity.cells_without_location, activity.cells_outside_boundaries) == (1, 1)
    result = hotspots(
        _crimes([("2024-01", "E01000002", "Drugs")]),
        _tiny_boundaries(),
        cells=cells,
        line_cells=line_cells,
        rank_by="line_events",
    )
    assert result.table["lsoa_code"].to_pylist() == ["E01000001", "E01000003", "E01000002"]
    assert result.table["line_events"].to_pylist() == [52, 5, 0]
    assert result.cells is not None and result.cells.num_rows == 4


def test_areas_by_name_code_and_prefix() -> None:
    boundaries = _tiny_boundaries()
    areas = pa.table(
        {
            "lsoa_code": ["E01000001", "E01000002", "E01000003"],
            "local_authority_code": ["E07000001", "E07000001", "E07000002"],
            "local_authority_name": ["Alpha", "Alpha", "Beta"],
        }
    )
    assert resolve_area(" alpha ", boundaries).lsoa_codes == ("E01000001", "E01000002")
    by_code = resolve_area("E07000002", boundaries, areas)
    assert (by_code.matched_by, by_code.lsoa_codes) == ("local authority code", ("E01000003",))
    prefix = resolve_area("Alpha 001B", boundaries)
    assert (prefix.matched_by, prefix.lsoa_codes) == ("LSOA name prefix", ("E01000002",))
    assert resolve_area("e01000003", None, areas).lsoa_codes == ("E01000003",)
    with pytest.raises(AreaNotFound, match="did you mean Alpha"):
        resolve_area("Alpah", boundaries)
    with pytest.raises(ValueError, match="load LSOA boundaries"):
        resolve_area("Alpha", None, None)


def test_inputs_lacking_a_column_are_refused() -> None:
    with pytest.raises(ValueError, match="street_crimes lacks column"):
        crime_counts(pa.table({"lsoa_code": ["E01000001"]}))
    with pytest.raises(ValueError, match="give both cells and line_cells"):
        hotspots(_crimes([]), _tiny_boundaries(), cells=pa.table({"cell_id": []}))


def test_a_re_downloaded_file_counts_each_crime_once(workspace: Workspace, tmp_path: Path) -> None:
    header = (
        "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,"
        "LSOA name,Crime type,Last outcome category,Context"
    )

    def row(crime_id: str, outcome: str) -> str:
        return (
            f"{crime_id},2018-10,Essex Police,Essex Police,1.155,51.789,On or near Pier Avenue,"
            f"E01021988,Tendring 018A,Drugs,{outcome},"
        )

    first = tmp_path / "2018-10-essex-street.csv"
    first.write_text("\n".join([header, row("a1", "Under investigation"), row("a2", "x")]) + "\n")
    again = tmp_path / "2018-10-essex-street-redownloaded.csv"
    again.write_text(
        "\n".join([header, row("a1", "Offender charged"), row("a2", "x"), row("a3", "x")]) + "\n"
    )
    for path in (first, again):
        assert import_file(workspace, police_adapter(path), path).outcome == "loaded"
    with workspace.duckdb() as con:
        register_views(workspace, con)
        street = con.sql("SELECT * FROM street_crimes").to_arrow_table()
    result = hotspots(street, None)
    assert result.table.to_pylist()[0]["drug_crimes"] == 3  # a1, a2, a3: not 5
