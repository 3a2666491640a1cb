"""Overlapping police.uk downloads: every published row counted once, newest outcome used."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.conftest import shared

from countylines.ingest.police_uk import PoliceUkAdapter, detect_kind
from countylines.ingest.runner import ImportResult, import_file
from countylines.store.evidence import register_views
from countylines.workspace import Workspace


def load(ws: Workspace, path: Path) -> ImportResult:
    return import_file(ws, PoliceUkAdapter(detect_kind(path, str(path))), path)


def street_rows(ws: Workspace, where: str = "true") -> list[tuple[object, ...]]:
    with ws.duckdb() as con:
        register_views(ws, con)
        return con.execute(
            f"SELECT crime_id, last_outcome_category, crime_type FROM street_crimes WHERE {where}"
        ).fetchall()


def test_redownload_and_sub_area_add_nothing_and_newest_outcome_wins(
    db_workspace: Workspace, tmp_path: Path
) -> None:
    original = shared("police_uk/essex/2019-02-essex-street.csv")
    with original.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    header = list(rows[0])
    # a later download: outcomes moved on for the first 100 crimes with an id
    updated = [dict(r) for r in rows]
    moved = [r for r in updated if r["Crime ID"]][:100]
    for r in moved:
        r["Last outcome category"] = "Offender given a caution"
    redownload = tmp_path / "2019-02-redownload.csv"
    with redownload.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, header)
        writer.writeheader()
        writer.writerows(updated)
    sub_area = tmp_path / "2019-02-tendring.csv"
    with sub_area.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, header)
        writer.writeheader()
        writer.writerows(r for r in rows if r["LSOA name"].startswith("Tendring"))

    assert load(db_workspace, original).rows_loaded == len(rows)
    second = load(db_workspace, redownload)
    third = load(db_workspace, sub_area)
    assert any("already in the workspace" in w for w in second.warnings)
    assert any("already in the workspace" in w for w in third.warnings)

    got = street_rows(db_workspace)
    assert len(got) == len(rows)
    ids = {r["Crime ID"] for r in moved}
    assert {outcome for crime_id, outcome, _ in got if crime_id in ids} == {
        "Offender given a caution"
    }
    drugs = sum(1 for r in rows if r["Crime type"] == "Drugs")
    assert sum(1 for *_, crime_type in got if crime_type == "Drugs") == drugs


def test_repeated_rows_within_one_file_are_separate_events(
    workspace: Workspace, tmp_path: Path
) -> None:
    header = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n"
    asb = ",2019-02,Essex Police,Essex Police,1.15,51.79,On or near Pier Avenue,E01021988,Tendring 018A,Anti-social behaviour,,\n"
    one = tmp_path / "a.csv"
    one.write_text(header + asb * 3)
    other = tmp_path / "b.csv"
    other.write_text(header + asb * 2)  # a sub-area download holding two of them
    load(workspace, one)
    load(workspace, other)
    assert len(street_rows(workspace)) == 3
