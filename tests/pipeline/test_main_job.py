"""The main job end to end on a simulated scenario with its intelligence: analyse -> report.

Expected values come from the scenario's ground truth (truth.json) and from the
documented arithmetic (docs/priority.md), not from the code under test.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from countylines.cli.main import app
from countylines.pipeline.analyse import analyse
from countylines.settings import Settings
from countylines.store.models import IntelGrading, IntelReport
from countylines.workspace import Workspace
from tests.conftest import shared

SEED = 11
runner = CliRunner()


def cli(ws: Path, *args: str) -> Any:
    result = runner.invoke(app, ["--workspace", str(ws), *args])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, Any]]]:
    base = tmp_path_factory.mktemp("mainjob")
    sim = base / "sim"
    ws = base / "ws"
    cli(ws, "simulate", "--seed", str(SEED), "--events", "150000", "--out", str(sim))
    cli(ws, "init")
    cli(
        ws,
        "ingest",
        "cdr",
        str(sim / "calls.csv"),
        "--template",
        "canonical",
        "--cells",
        str(sim / "cells.csv"),
    )
    cli(ws, "ingest", "intel", str(sim / "intel.csv"))
    cli(ws, "ingest", "geography", str(shared("geography/essex_lsoa11_boundaries_BSC.geojson")))
    cli(ws, "ingest", "police-uk", str(shared("police_uk/essex/2019-02-essex-street.csv")))
    cli(ws, "analyse")
    yield ws, json.loads((sim / "truth.json").read_text())


def latest(ws: Path) -> dict[str, Any]:
    from countylines.store.picture import load_latest_picture

    picture = load_latest_picture(ws)
    assert picture is not None
    return picture


def test_children_found_are_possible_victims_routed_to_the_mash(scenario):
    ws, truth = scenario
    picture = latest(ws)
    under_18 = {r["number"] for line in truth["lines"] for r in line["runners"] if r["under_18"]}
    runners = {r["number"] for line in truth["lines"] for r in line["runners"]}
    children = [s for s in picture["safeguarding"] if s["possible_child"]]
    flagged = {n for s in children for n in s["numbers"]}
    found_runners = {r["number"] for line in picture["lines"] for r in line["runners"]}
    # the scenario's intelligence describes its child runners: some detected child is flagged
    assert flagged & under_18 & found_runners
    for entry in children:
        assert entry["route"] == "MASH"
        # a possible child is flagged on a report's word (an estimate of age can be wrong:
        # the flag asks people to establish the age), and that report is named
        assert any(i["source"] != "call data" for i in entry["indicators"])
    # runners are possible victims: never ranked as threats
    for nominal in picture["nominals"]:
        if set(nominal["numbers"]) & runners:
            assert nominal["possible_victim"] and nominal["priority"]["kind"] == "safeguarding"


def test_every_score_adds_up_from_its_listed_evidence(scenario):
    ws, _ = scenario
    for line in latest(ws)["lines"]:
        p = line["priority"]
        parts = p["contributions"]
        harm = sum(c["points"] for c in parts if c["dimension"] == "harm")
        multiplier = 1.0
        for c in parts:
            multiplier *= c.get("multiplier", 1.0)
        assert p["harm"] == pytest.approx(min(100.0, harm * multiplier), abs=0.06)
        for part in ("likelihood", "confidence", "position"):
            total = sum(c["points"] for c in parts if c["dimension"] == part)
            assert p[part] == pytest.approx(max(0.0, min(100.0, total)), abs=0.06)
        assert all(c["evidence"] for c in parts)


def _confidence_points(line: dict[str, Any]) -> float:
    return sum(
        c["points"] for c in line["priority"]["contributions"] if c["dimension"] == "confidence"
    )


def test_regrading_a_report_from_b_to_e_lowers_confidence_as_documented(scenario):
    ws, _ = scenario
    picture = latest(ws)
    line = next(ln for ln in picture["lines"] if any(i["scheme"] == "3x5x2" for i in ln["intel"]))
    item = next(i for i in line["intel"] if i["scheme"] == "3x5x2")
    workspace = Workspace.open(Settings(workspace=ws))
    try:

        def regrade(grade: str) -> None:
            with workspace.session() as session:
                report = session.scalars(
                    select(IntelReport).where(IntelReport.urn == item["urn"])
                ).one()
                report.intelligence_grade = grade
                session.add(
                    IntelGrading(
                        report_id=report.id,
                        scheme="3x5x2",
                        source_grade=report.source_grade,
                        intelligence_grade=grade,
                        handling_code=report.handling_code,
                        handling_conditions=report.handling_conditions,
                        graded_by="test",
                        reason="regrade",
                    )
                )
                session.commit()

        regrade("B")
        picture_b = analyse(workspace)
        as_b = next(ln for ln in picture_b["lines"] if ln["line_id"] == line["line_id"])
        regrade("E")
        as_e = next(ln for ln in analyse(workspace)["lines"] if ln["line_id"] == line["line_id"])
    finally:
        workspace.close()
    source = {"1": 1.0, "2": 0.5, "3": 0.2}[item["grading"][0]]
    age = (dt.date.fromisoformat(picture_b["as_of"]) - dt.date.fromisoformat(item["date"])).days
    expected_drop = 1.3 * 25 * source * 0.5 ** (max(0, age) / 90)
    assert _confidence_points(as_b) - _confidence_points(as_e) == pytest.approx(
        expected_drop, abs=0.02
    )
    assert as_e["priority"]["confidence"] <= as_b["priority"]["confidence"]


def test_problem_profile_is_remade_byte_identical_and_refused_when_inputs_change(
    scenario, tmp_path
):
    ws, _ = scenario
    out = tmp_path / "pp"
    cli(ws, "report", "problem-profile", "--out", str(out))
    assert (out / "problem-profile.pdf").read_bytes().startswith(b"%PDF")
    html = (out / "problem-profile.html").read_text()
    assert "Safeguarding (restricted)" in html and "Ranked lines" in html
    result = runner.invoke(app, ["--workspace", str(ws), "report", "remake", str(out), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["identical"] is True

    extra = tmp_path / "more.csv"
    extra.write_text(
        "urn,date,text,grading_scheme,source_grade,intelligence_grade,handling_code\n"
        "X/1,2020-01-01,a new report,3x5x2,1,A,P\n"
    )
    cli(ws, "ingest", "intel", str(extra))
    refused = runner.invoke(app, ["--workspace", str(ws), "report", "remake", str(out)])
    assert refused.exit_code == 2
    assert "inputs differ" in refused.output


def test_line_profile_and_safeguarding_status(scenario, tmp_path):
    ws, _ = scenario
    picture = latest(ws)
    top = picture["lines"][0]
    cli(ws, "report", "line-profile", top["line_id"], "--out", str(tmp_path / "lp"))
    assert top["label"] in (tmp_path / "lp" / "line-profile.html").read_text()
    entry = picture["safeguarding"][0]["safeguarding_id"]
    cli(ws, "safeguarding", "set", entry, "referral made", "--note", "MASH ref 123")
    listed = json.loads(cli(ws, "safeguarding", "list", "--json").stdout)
    mine = next(e for e in listed["safeguarding"] if e["safeguarding_id"] == entry)
    assert mine["status"] == "referral made" and mine["status_note"] == "MASH ref 123"
    bad = runner.invoke(
        app, ["--workspace", str(ws), "safeguarding", "set", entry, "done", "--note", "x"]
    )
    assert bad.exit_code == 2


def test_lines_are_placed_in_lsoas_and_compared_with_recorded_drug_crime(scenario, tmp_path):
    ws, _ = scenario
    picture = latest(ws)
    rows = picture["hotspots"]["rows"]
    # the hotspot table counts the February 2019 file's drug crimes, one row per LSOA
    with open(shared("police_uk/essex/2019-02-essex-street.csv"), newline="") as f:
        import csv

        drugs: dict[str, int] = {}
        for r in csv.DictReader(f):
            if r["Crime type"] == "Drugs" and r["LSOA code"]:
                drugs[r["LSOA code"]] = drugs.get(r["LSOA code"], 0) + 1
    for row in rows[:10]:
        assert row["drug_crimes"] == drugs.get(row["lsoa_code"], 0)
    # market cells in Clacton lie in Tendring LSOAs (E01021xxx), and the score says so
    cells = [
        c for line in picture["lines"] for c in line["cells"] if c["cell_id"].startswith("CLN")
    ]
    assert cells and any(c["lsoa"] for c in cells)
    factors = {c["factor"] for ln in picture["lines"] for c in ln["priority"]["contributions"]}
    assert "market in the area" in factors
    out = tmp_path / "tendring"
    cli(ws, "report", "problem-profile", "--area", "Tendring", "--out", str(out))
    html = (out / "problem-profile.html").read_text()
    assert 'alt="map of recorded drug crime by LSOA' in html
    # a simulated scenario says so, and crime from 2019 is not passed off as current
    assert "SIMULATED DATA" in html and "calls.csv" in picture["simulated_inputs"]
    assert any("does not overlap the call data" in w for w in picture["warnings"])
    assert "Drug-crime hotspots by LSOA" in html and "Tendring" in html
    unknown = runner.invoke(
        app, ["--workspace", str(ws), "report", "problem-profile", "--area", "Atlantis"]
    )
    assert unknown.exit_code == 2 and "Atlantis" in unknown.output
