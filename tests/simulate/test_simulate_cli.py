"""`countylines simulate` as a user runs it: determinism, both layouts through the real ingest."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

from countylines.cli.main import app

runner = CliRunner()
ARGS = ["--events", "60000", "--days", "14", "--lines", "3"]


def invoke(*args: str, workspace: Path | None = None) -> Any:
    env = {"COUNTYLINES_WORKSPACE": str(workspace)} if workspace else {}
    return runner.invoke(app, list(args), env=env)


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def canonical(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("canonical") / "scenario"
    result = invoke("simulate", "--seed", "11", "--out", str(out), *ARGS, "--json")
    assert result.exit_code == 0, result.output
    return out, json.loads(result.stdout)


def test_summary_names_files_counts_lines_and_numbers(
    canonical: tuple[Path, dict[str, Any]],
) -> None:
    out, summary = canonical
    names = {Path(f["path"]).name for f in summary["files"]}
    assert names == {"calls.csv", "cells.csv", "truth.json", "scenario.json", "intel.csv",
                     "public_reports.jsonl"}  # fmt: skip
    intel_rows = len((out / "intel.csv").read_text().splitlines())  # texts may hold line breaks
    assert 0 < summary["intel_reports"] < intel_rows
    assert 5 <= summary["public_reports"] <= 15
    assert summary["events"] == sum(summary["events_by_source"].values())
    assert summary["events"] == sum(summary["events_by_kind"].values())
    rows = next(f["rows"] for f in summary["files"] if f["path"].endswith("calls.csv"))
    assert rows == summary["events"] == len((out / "calls.csv").read_text().splitlines()) - 1
    assert len(summary["lines"]) == 3
    assert summary["numbers"]["mobile"] > summary["people"]


def test_same_seed_and_options_give_byte_identical_files(
    canonical: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    out, _ = canonical
    again = tmp_path / "again"
    result = invoke("simulate", "--seed", "11", "--out", str(again), *ARGS)
    assert result.exit_code == 0, result.output
    assert digests(again) == digests(out)


def test_different_seeds_draw_different_scenarios(
    canonical: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    out, _ = canonical
    result = invoke("simulate", "--seed", "12", "--out", str(tmp_path / "s12"), *ARGS)
    assert result.exit_code == 0, result.output
    a = json.loads((out / "scenario.json").read_text())
    b = json.loads((tmp_path / "s12" / "scenario.json").read_text())
    differ = [k for k in a["values"] if a["values"][k] != b["values"][k]]
    assert len(differ) > 0.8 * len(a["values"]) - 3  # all but the overridden ones
    assert (out / "calls.csv").read_bytes()[:2000] != (tmp_path / "s12" / "calls.csv").read_bytes()[
        :2000
    ]


def test_no_intel_writes_no_reports_and_force_removes_earlier_ones(
    canonical: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    out, _ = canonical
    again = tmp_path / "again"
    result = invoke("simulate", "--seed", "11", "--out", str(again), *ARGS, "--no-public-reports")
    assert result.exit_code == 0, result.output
    assert (again / "intel.csv").read_bytes() == (out / "intel.csv").read_bytes()
    assert not (again / "public_reports.jsonl").exists()
    result = invoke("simulate", "--seed", "11", "--out", str(again), *ARGS, "--no-intel", "--force")
    assert result.exit_code == 0, result.output
    assert not (again / "intel.csv").exists()
    assert (again / "calls.csv").read_bytes() == (out / "calls.csv").read_bytes()


def test_refuses_to_overwrite_a_scenario_without_force(
    canonical: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    out, _ = canonical
    result = invoke("simulate", "--seed", "11", "--out", str(out), *ARGS)
    assert result.exit_code == 2
    assert "--force" in result.output
    bad = invoke("simulate", "--seed", "1", "--out", str(tmp_path / "x"), "--template", "nodobo")
    assert bad.exit_code == 2 and "template" in bad.output


def test_canonical_output_ingests_with_no_rejected_row(
    canonical: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    out, summary = canonical
    ws = tmp_path / "ws"
    assert invoke("init", workspace=ws).exit_code == 0
    result = invoke(
        "ingest", "cdr", str(out / "calls.csv"), "--template", "canonical",
        "--cells", str(out / "cells.csv"), "--json", workspace=ws,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    loaded = json.loads(result.stdout)
    assert [r["outcome"] for r in loaded] == ["loaded", "loaded"]
    assert all(r["rows_rejected"] == 0 for r in loaded)
    assert loaded[1]["rows_loaded"] == summary["events"]


def test_uk_record_type_disclosures_ingest_and_hold_the_same_events(
    canonical: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    out, summary = canonical
    uk = tmp_path / "uk"
    result = invoke("simulate", "--seed", "11", "--out", str(uk), *ARGS,
                    "--template", "uk-record-type", "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    files = sorted(uk.glob("calls*.csv"))
    assert uk / "calls-all.csv" in files and len(files) > 10
    truth = json.loads((uk / "truth.json").read_text())
    targets = {f.stem.removeprefix("calls-") for f in files}
    for line in truth["lines"]:  # every deal number, holder and runner has its disclosure
        for n in [*line["holder_numbers"], *(r["number"] for r in line["runners"])]:
            assert "0" + n[3:] in targets
        for n in line["numbers"]:
            assert "0" + n["number"][3:] in targets
    ws = tmp_path / "ws"
    assert invoke("init", workspace=ws).exit_code == 0
    loaded = invoke(
        "ingest", "cdr", *map(str, files), "--template", "uk-record-type",
        "--cells", str(uk / "cells.csv"), "--json", workspace=ws,
    )  # fmt: skip
    assert loaded.exit_code == 0, loaded.output
    results = json.loads(loaded.stdout)
    assert all(r["outcome"] == "loaded" and r["rows_rejected"] == 0 for r in results)
    # the union of the disclosures, de-duplicated, is the canonical event list
    con = duckdb.connect()
    from countylines.settings import Settings
    from countylines.store.evidence import register_views
    from countylines.workspace import Workspace

    w = Workspace.open(Settings(workspace=ws))
    try:
        register_views(w, con)
        uk_events = con.execute(
            "SELECT count(*) FROM (SELECT DISTINCT start_utc, a_number, b_number, kind FROM call_events)"
        ).fetchone()
    finally:
        w.close()
    canonical_events = con.execute(
        "SELECT count(*) FROM (SELECT DISTINCT start_utc, a_number, b_number, kind FROM "
        f"read_csv('{out / 'calls.csv'}', all_varchar=true))"
    ).fetchone()
    assert canonical_events is not None and canonical_events[0] > 0.999 * summary["events"]
    assert uk_events == canonical_events
    # a target's disclosure carries the target's own cell and IMEI on every record
    deal = truth["lines"][0]["numbers"][0]["number"]
    rows = (uk / f"calls-0{deal[3:]}.csv").read_text().splitlines()[1:]
    assert rows and all(r.split(",")[7] for r in rows)
    assert {r.split(",")[2] for r in rows} <= {"MOC", "MTC", "SMS-MO", "SMS-MT"}


def test_canonical_output_can_be_split_into_files(
    canonical: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    out, _ = canonical
    split = tmp_path / "split"
    result = invoke("simulate", "--seed", "11", "--out", str(split), *ARGS,
                    "--max-rows-per-file", "25000")  # fmt: skip
    assert result.exit_code == 0, result.output
    files = sorted(split.glob("calls-*.csv"))
    assert [f.name for f in files] == ["calls-0001.csv", "calls-0002.csv", "calls-0003.csv"]
    bodies = [f.read_text().splitlines() for f in files]
    assert all(b[0] == bodies[0][0] for b in bodies)
    assert [len(b) - 1 for b in bodies[:2]] == [25000, 25000]
    rows = [row for b in bodies for row in b[1:]]
    assert rows == (out / "calls.csv").read_text().splitlines()[1:]
