"""Geography ingest: kind detection, the real Essex files, bad rows and whole-file failures.

Figures on the real files are checked against counts taken here with Python's
``csv`` and ``json`` modules, and against ``shared/data/README.md``.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import duckdb
import pytest
import shapely
from sqlalchemy import select
from tests.conftest import shared
from typer.testing import CliRunner

from countylines.cli.main import app
from countylines.domain.geography import (
    is_lsoa_code,
    local_authority_from_lsoa_name,
    lsoa_vintage,
    normalise_postcode,
)
from countylines.ingest.errors import FileRejected
from countylines.ingest.geography import adapter_for, detect_kind
from countylines.ingest.runner import ImportResult, import_file
from countylines.store.evidence import register_views
from countylines.store.geography import load_geography, lookup_postcodes
from countylines.store.models import RowErrorRecord, SourceFile
from countylines.workspace import Workspace

BOUNDARIES = "geography/essex_lsoa11_boundaries_BSC.geojson"
POSTCODES = "geography/essex_postcodes_lsoa_latlon.csv"
CENTROIDS = "geography/ew_lsoa11_centroids.csv"

POSTCODE_HEADER = "pcds,lsoa11cd,lsoa11nm,ladcd,ladnm,latitude,longitude"


def ingest(ws: Workspace, path: Path) -> ImportResult:
    """Import one file the way the CLI does: kind detected from the content."""
    return import_file(ws, adapter_for(path), path)


def view(ws: Workspace, sql: str) -> list[tuple[Any, ...]]:
    """Run ``sql`` over the workspace's evidence views."""
    with ws.duckdb() as con:
        register_views(ws, con)
        return con.execute(sql).fetchall()


def errors_of(ws: Workspace, import_id: int | None) -> list[tuple[int | None, str | None, str]]:
    """(line, column, reason) of each stored row error of one import, by line."""
    with ws.session() as session:
        rows = session.execute(
            select(RowErrorRecord.line, RowErrorRecord.column, RowErrorRecord.reason)
            .where(RowErrorRecord.source_file_id == import_id)
            .order_by(RowErrorRecord.line, RowErrorRecord.id)
        ).all()
    return [(line, column, reason) for line, column, reason in rows]


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def square(x: float, y: float, size: float = 0.01) -> list[list[list[float]]]:
    """A closed square ring (GeoJSON Polygon coordinates) with its lower-left corner at x, y."""
    return [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]


def feature(code: str | None, name: str, coordinates: Any, kind: str = "Polygon") -> str:
    props: dict[str, Any] = {"LSOA11NM": name}
    if code is not None:
        props["LSOA11CD"] = code
    return json.dumps(
        {
            "type": "Feature",
            "properties": props,
            "geometry": {"type": kind, "coordinates": coordinates},
        }
    )


def geojson(path: Path, features: list[str], crs: str | None = None) -> Path:
    """A FeatureCollection with one feature per line: feature i (0-based) is on line i + 3."""
    head = '{"type": "FeatureCollection",'
    if crs:
        head += f' "crs": {{"type": "name", "properties": {{"name": "{crs}"}}}},'
    lines = [head, '"features": [', *[f + "," for f in features[:-1]], features[-1], "]}"]
    return write(path, lines)


# --- values -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("CO15 1AA", "CO15 1AA"),
        ("co151aa", "CO15 1AA"),
        ("  CO15   1AA ", "CO15 1AA"),
        ("CO1 1AA", "CO1 1AA"),
        ("EC1A 1BB", "EC1A 1BB"),
        ("W1A 0AX", "W1A 0AX"),
        ("M1 1AE", "M1 1AE"),
        ("GIR 0AA", "GIR 0AA"),
        ("CO15", None),
        ("CO15 1A", None),
        ("1234 5AB", None),
        ("", None),
    ],
)
def test_postcodes_are_normalised_to_the_ons_pcds_form(written: str, expected: str | None) -> None:
    assert normalise_postcode(written) == expected


def test_lsoa_values() -> None:
    assert is_lsoa_code("E01021988") and is_lsoa_code("W01000001")
    assert not is_lsoa_code("E02004591") and not is_lsoa_code("E0102198")
    assert local_authority_from_lsoa_name("Southend-on-Sea 003A") == "Southend-on-Sea"
    assert local_authority_from_lsoa_name("Epping Forest 010B") == "Epping Forest"
    assert local_authority_from_lsoa_name("Clacton") is None
    assert [lsoa_vintage(h) for h in ("lsoa11cd", "LSOA 2021 Code", "lsoa21", "LSOA code")] == [
        "2011",
        "2021",
        "2021",
        None,
    ]


# --- the real Essex files -----------------------------------------------------------------


def test_essex_geography_loads_whole_and_once(db_workspace: Workspace) -> None:
    ws = db_workspace
    boundary_file, postcode_file, centroid_file = (
        shared(BOUNDARIES),
        shared(POSTCODES),
        shared(CENTROIDS),
    )
    assert [detect_kind(p) for p in (boundary_file, postcode_file, centroid_file)] == [
        "geo_lsoa_boundaries",
        "geo_postcode_lsoa",
        "geo_lsoa_centroids",
    ]
    features = json.loads(boundary_file.read_text())["features"]
    with postcode_file.open(newline="") as handle:
        postcodes = list(csv.DictReader(handle))
    with centroid_file.open(newline="") as handle:
        centroids = list(csv.DictReader(handle))
    assert (len(features), len(postcodes), len(centroids)) == (1_077, 66_920, 34_753)  # README

    results = [ingest(ws, p) for p in (boundary_file, postcode_file, centroid_file)]
    assert [r.outcome for r in results] == ["loaded"] * 3, [r.message for r in results]
    assert [r.rows_loaded for r in results] == [1_077, 66_920, 34_753]
    assert [r.rows_rejected for r in results] == [0, 0, 0]
    with_coordinates = sum(1 for row in postcodes if row["latitude"])
    assert with_coordinates == 45_114  # README
    assert f"{66_920 - with_coordinates:,} postcodes have no coordinates" in results[1].warnings[0]

    # what is stored equals the files, value for value (a sample, and every code)
    assert sorted(c for (c,) in view(ws, "SELECT lsoa_code FROM lsoa_boundaries")) == sorted(
        f["properties"]["LSOA11CD"] for f in features
    )
    first = features[0]
    stored = view(
        ws,
        "SELECT lsoa_name, local_authority_name, lsoa_vintage, geometry_wkb FROM lsoa_boundaries "
        f"WHERE lsoa_code = '{first['properties']['LSOA11CD']}'",
    )
    name, authority, vintage, wkb = stored[0]
    assert (name, authority, vintage) == ("Southend-on-Sea 003A", "Southend-on-Sea", "2011")
    ring = first["geometry"]["coordinates"][0]
    assert list(shapely.from_wkb(wkb).exterior.coords) == [tuple(p) for p in ring]
    pick = next(r for r in postcodes if r["pcds"] == "CO15 1AA")
    assert view(
        ws,
        "SELECT lsoa_code, local_authority_name, latitude, longitude, terminated "
        "FROM postcode_lsoa WHERE postcode = 'CO15 1AA'",
    ) == [
        (
            pick["lsoa11cd"],
            pick["ladnm"],
            float(pick["latitude"]),
            float(pick["longitude"]),
            bool(pick["doterm"]),
        )
    ]
    assert view(ws, "SELECT count(*) FROM postcode_lsoa WHERE terminated") == [
        (sum(1 for r in postcodes if r["doterm"]),)
    ]

    # the loader, and the same content again changes nothing
    geography = load_geography(ws)
    assert geography.boundaries is not None and geography.boundaries.num_rows == 1_077
    assert geography.lsoa_areas is not None
    areas = dict(
        zip(
            geography.lsoa_areas["lsoa_code"].to_pylist(),
            geography.lsoa_areas["local_authority_name"].to_pylist(),
            strict=True,
        )
    )
    assert areas["E01021988"] == "Tendring"
    assert geography.population is None and geography.missing() == ["LSOA population"]
    again = [ingest(ws, p) for p in (boundary_file, postcode_file, centroid_file)]
    assert [r.outcome for r in again] == ["unchanged"] * 3
    assert view(ws, "SELECT count(*) FROM postcode_lsoa") == [(66_920,)]


def test_postcode_lookup_answers_in_any_spelling(workspace: Workspace) -> None:
    path = write(
        workspace.root / "pc.csv",
        [POSTCODE_HEADER, "CO15 1AA,E01022038,Tendring 017E,E07000076,Tendring,51.786572,1.138969"],
    )
    assert ingest(workspace, path).outcome == "loaded"
    rows = lookup_postcodes(workspace, ["co151aa", "CO15  1AA", "nonsense", "CO15 9ZZ"])
    assert rows["normalised"].to_pylist() == ["CO15 1AA", "CO15 1AA", None, "CO15 9ZZ"]
    assert rows["lsoa_code"].to_pylist() == ["E01022038", "E01022038", None, None]


# --- bad rows -----------------------------------------------------------------------------


def test_bad_postcode_rows_are_rejected_with_line_column_and_reason(workspace: Workspace) -> None:
    path = write(
        workspace.root / "postcodes.csv",
        [
            POSTCODE_HEADER,
            "CO15 1AA,E01022038,Tendring 017E,E07000076,Tendring,51.786572,1.138969",  # 2 good
            "CO15,E01022038,Tendring 017E,E07000076,Tendring,51.78,1.13",  # 3 bad postcode
            "CO15 1AB,E0102203,Tendring 017E,E07000076,Tendring,51.78,1.13",  # 4 bad LSOA
            "CO15 1AD,E01022038,Tendring 017E,E07000076,Tendring,51.78,",  # 5 lat without lon
            "CO15 1AE,E01022038,Tendring 017E,E07000076,Tendring,151.78,1.13",  # 6 out of range
            "co151aa,E01022038,Tendring 017E,E07000076,Tendring,51.78,1.13",  # 7 repeat of 2
            "GY1 1AA,L99999999,,L99999999,,49.45,-2.54",  # 8 Guernsey: no LSOA, skipped
            "CO15 1AF,E01022038,Tendring 017E,E07000076,Tendring,99.999999,0.000000",  # 9 ONSPD
            "CO15 1AG,E01022038,Tendring 017E,E07000076,Tendring,51.787,1.139",  # 10 good
            "CO15 1AH,E01022038,Tendring 017E,E07000076,Tendring",  # 11 short row
            "CO15 1AJ,E01022038,Tendring 017E,E07000076,Tendring,51.787,1.139",  # 12 good
            "CO15 1AL,E01022038,Tendring 017E,E07000076,Tendring,51.787,1.139",  # 13 good
            "CO15 1AN,E01022038,Tendring 017E,E07000076,Tendring,51.787,1.139",  # 14 good
        ],
    )
    result = ingest(workspace, path)
    assert result.outcome == "loaded", result.message
    assert (result.rows_loaded, result.rows_rejected) == (6, 6)
    assert errors_of(workspace, result.source_file_id) == [
        (3, "pcds", "not a UK postcode (like CO15 1AA)"),
        (4, "lsoa11cd", "not an LSOA code (like E01021988)"),
        (5, "longitude", "latitude given without longitude"),
        (6, "latitude", "latitude outside -90..90 (WGS84 degrees expected)"),
        (7, "pcds", "postcode listed more than once in this file (the first listing is kept)"),
        (11, "latitude", "too few fields: the row is cut short (truncated line?)"),
    ]
    assert any("1 postcodes have no LSOA" in w for w in result.warnings)
    assert view(
        workspace, "SELECT postcode, latitude FROM postcode_lsoa ORDER BY source_line LIMIT 3"
    ) == [("CO15 1AA", 51.786572), ("CO15 1AF", None), ("CO15 1AG", 51.787)]


def test_population_file_in_the_ons_mid_year_layout(workspace: Workspace) -> None:
    path = write(
        workspace.root / "mid-2019.csv",
        [
            '"LSOA Code","LSOA Name","All Ages"',
            'E01021988,Tendring 018A,"1,520"',
            "E01021989,Tendring 018B,1498",
            "E01021990,Tendring 018C,12.5",
            "E01021991,Tendring 018D,-3",
            "E01021988,Tendring 018A,1600",
            "E01021992,Tendring 018E,",
            "E01021993,Tendring 018F,0",
            "E01021994,Tendring 018G,2000",
        ],
    )
    assert detect_kind(path) == "geo_lsoa_population"
    result = ingest(workspace, path)
    assert result.outcome == "loaded", result.message
    notation = "population is not a whole number of people (like 1520 or 1,520)"
    assert errors_of(workspace, result.source_file_id) == [
        (4, "All Ages", notation),
        (5, "All Ages", notation),
        (
            6,
            "LSOA Code",
            "lsoa code listed more than once in this file (the first listing is kept)",
        ),
        (7, "All Ages", "missing population"),
    ]
    geography = load_geography(workspace)
    assert geography.population is not None
    assert dict(
        zip(
            geography.population["lsoa_code"].to_pylist(),
            geography.population["population"].to_pylist(),
            strict=True,
        )
    ) == {"E01021988": 1520, "E01021989": 1498, "E01021993": 0, "E01021994": 2000}


def test_a_later_import_of_the_same_lsoa_replaces_the_earlier(workspace: Workspace) -> None:
    first = write(
        workspace.root / "pop-2018.csv",
        ["lsoa_code,population", "E01021988,1500", "E01021989,1400"],
    )
    second = write(workspace.root / "pop-2019.csv", ["lsoa_code,population", "E01021988,1520"])
    assert ingest(workspace, first).outcome == "loaded"
    newer = ingest(workspace, second)
    assert newer.outcome == "loaded"
    assert any("replace them in analysis" in w for w in newer.warnings)
    assert view(workspace, "SELECT lsoa_code, population FROM lsoa_population ORDER BY 1") == [
        ("E01021988", 1520),
        ("E01021989", 1400),
    ]


def test_boundary_features_are_checked_one_by_one(workspace: Workspace) -> None:
    bowtie = [[[1.0, 51.0], [1.01, 51.01], [1.01, 51.0], [1.0, 51.01], [1.0, 51.0]]]
    path = geojson(
        workspace.root / "lsoas.geojson",
        [
            feature("E01000001", "Alpha 001A", square(1.0, 51.0)),  # line 3
            feature(None, "Alpha 001B", square(1.1, 51.0)),  # line 4: no code
            feature("E01000003", "Alpha 001C", [1.0, 51.0], "Point"),  # line 5: a point
            feature("E01000001", "Alpha 001A", square(1.2, 51.0)),  # line 6: repeated
            feature("E01000005", "Alpha 001E", bowtie),  # line 7: self-intersecting, repaired
            feature("E01000006", "Alpha 001F", square(583989.0, 187186.0, 100)),  # line 8: BNG
            feature("E01000007", "Alpha 001G", square(1.3, 51.0)),  # line 9
            feature("E01000008", "Alpha 001H", square(1.4, 51.0)),  # line 10
            feature("E01000009", "Alpha 001J", square(1.5, 51.0)),  # line 11
            feature("E01000010", "Alpha 001K", square(1.6, 51.0)),  # line 12
        ],
    )
    result = ingest(workspace, path)
    assert result.outcome == "loaded", result.message
    assert (result.rows_loaded, result.rows_rejected) == (6, 4)
    assert errors_of(workspace, result.source_file_id) == [
        (4, "LSOA11CD", "missing LSOA code"),
        (5, "geometry", "geometry is not a Polygon or MultiPolygon"),
        (6, "LSOA11CD", "LSOA code listed more than once in this file (the first listing is kept)"),
        (
            8,
            "geometry",
            "coordinates outside longitude -180..180 / latitude -90..90 "
            "(British National Grid metres? WGS84 degrees expected)",
        ),
    ]
    assert any("1 polygons were not valid" in w for w in result.warnings)
    rows = view(
        workspace,
        "SELECT lsoa_code, source_line, geometry_wkb FROM lsoa_boundaries ORDER BY lsoa_code",
    )
    assert [(code, line) for code, line, _ in rows] == [
        ("E01000001", 3),
        ("E01000005", 7),
        ("E01000007", 9),
        ("E01000008", 10),
        ("E01000009", 11),
        ("E01000010", 12),
    ]
    repaired = shapely.from_wkb(rows[1][2])
    assert repaired.is_valid
    assert repaired.area == pytest.approx(0.01 * 0.01 / 2)  # the two triangles of the bow-tie


# --- whole-file failures ------------------------------------------------------------------


def _nothing_loaded(ws: Workspace, result: ImportResult) -> None:
    assert result.outcome == "failed"
    assert not list(ws.evidence_dir.rglob("*.parquet"))
    with ws.session() as session:
        record = session.get(SourceFile, result.source_file_id)
        assert record is not None and record.status == "failed"


def test_a_file_of_no_known_kind_fails_saying_what_each_kind_needs(workspace: Workspace) -> None:
    path = write(workspace.root / "mystery.csv", ["name,value", "a,1"])
    result = ingest(workspace, path)
    _nothing_loaded(workspace, result)
    assert "mystery.csv, line 1: not a geography file countylines knows" in result.message
    assert "a LSOA population needs lsoa_code" in result.message
    assert "'name', 'value'" in result.message


def test_json_that_is_not_a_feature_collection_fails(workspace: Workspace) -> None:
    path = write(workspace.root / "x.geojson", ['{"type": "Feature", "properties": {}}'])
    result = ingest(workspace, path)
    _nothing_loaded(workspace, result)
    assert "not a GeoJSON FeatureCollection" in result.message


def test_broken_json_names_its_line(workspace: Workspace) -> None:
    good = feature("E01000001", "Alpha 001A", square(1.0, 51.0))
    path = write(
        workspace.root / "broken.geojson",
        [
            '{"type": "FeatureCollection",',
            '"features": [',
            good + ",",
            good.replace('"Feature",', '"Feature";'),  # a semicolon for a comma
            "]}",
        ],
    )
    result = ingest(workspace, path)
    _nothing_loaded(workspace, result)
    assert "broken.geojson, line 4: not valid JSON" in result.message


def test_boundaries_in_british_national_grid_are_refused_with_the_fix(
    workspace: Workspace,
) -> None:
    path = geojson(
        workspace.root / "bng.geojson",
        [feature("E01000001", "Alpha 001A", square(583989.0, 187186.0, 100))],
        crs="urn:ogc:def:crs:EPSG::27700",
    )
    result = ingest(workspace, path)
    _nothing_loaded(workspace, result)
    assert "EPSG::27700" in result.message and "ogr2ogr -t_srs EPSG:4326" in result.message


def test_too_many_bad_rows_load_nothing(workspace: Workspace) -> None:
    path = write(
        workspace.root / "centroids.csv",
        ["lsoa11cd,lsoa11nm,lat,long", "E01000001,A,51.5,0.1", "X1,B,51.5,0.1", "X2,C,51.5,0.1"],
    )
    result = ingest(workspace, path)
    _nothing_loaded(workspace, result)
    assert "2 of 3 rows rejected" in result.message
    assert errors_of(workspace, result.source_file_id)[1:] == [
        (3, "lsoa11cd", "not an LSOA code (like E01021988)"),
        (4, "lsoa11cd", "not an LSOA code (like E01021988)"),
    ]


def test_detect_kind_refuses_an_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(FileRejected, match="empty file"):
        detect_kind(empty)


# --- the command --------------------------------------------------------------------------


def test_cli_ingest_geography(tmp_path: Path) -> None:
    runner = CliRunner()
    env = {"COUNTYLINES_WORKSPACE": str(tmp_path / "ws"), "COLUMNS": "200"}
    assert runner.invoke(app, ["init"], env=env).exit_code == 0
    good = write(tmp_path / "pop.csv", ["lsoa_code,population", "E01021988,1520"])
    bad = write(tmp_path / "bad.csv", ["what,ever", "1,2"])
    result = runner.invoke(app, ["ingest", "geography", str(good), "--json"], env=env)
    assert result.exit_code == 0, result.output
    [loaded] = json.loads(result.stdout)
    assert (loaded["outcome"], loaded["rows_loaded"]) == ("loaded", 1)
    failed = runner.invoke(app, ["ingest", "geography", str(good), str(bad)], env=env)
    assert failed.exit_code == 1
    assert "unchanged" in failed.output and "not a geography file" in failed.output


def test_evidence_rows_carry_provenance(workspace: Workspace) -> None:
    path = write(workspace.root / "pop.csv", ["lsoa_code,population", "E01021988,1520"])
    result = ingest(workspace, path)
    with workspace.session() as session:
        record = session.get(SourceFile, result.source_file_id)
        assert record is not None
        sha = record.sha256
    con = duckdb.connect()
    try:
        got = con.execute(
            "SELECT source_sha256, source_line FROM read_parquet(?)",
            [str(workspace.evidence_dir / "lsoa_population" / f"{sha}.parquet")],
        ).fetchall()
    finally:
        con.close()
    assert got == [(sha, 2)]
