"""The command line as a user drives it: help everywhere, JSON where it reports, exit codes."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from countylines.cli.main import app
from tests.conftest import shared

runner = CliRunner()


def command_paths() -> Iterator[list[str]]:
    """Every leaf command, as the words a user types (walked from the app itself)."""

    def walk(command: Any, path: list[str]) -> Iterator[list[str]]:
        subcommands = getattr(command, "commands", None)
        if subcommands:
            for name, sub in subcommands.items():
                yield from walk(sub, [*path, name])
        else:
            yield path

    yield from walk(typer.main.get_command(app), [])


ALL_COMMANDS = list(command_paths())


def run(*args: str, workspace: Path | None = None) -> Any:
    env = {"COLUMNS": "300"}  # wide enough that tables never wrap a value
    if workspace:
        env["COUNTYLINES_WORKSPACE"] = str(workspace)
    return runner.invoke(app, list(args), env=env)


def test_command_tree_is_what_the_readme_promises() -> None:
    assert {" ".join(p) for p in ALL_COMMANDS} >= {
        "init",
        "status",
        "ingest cdr",
        "ingest cells",
        "ingest police-uk",
        "ingest intel",
        "templates list",
        "templates show",
        "templates check",
    }


@pytest.mark.parametrize("path", ALL_COMMANDS, ids=" ".join)
def test_every_command_has_help(path: list[str]) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    # a sentence of its own, not just the usage line
    assert len(result.output.splitlines()) > 3


LISTING = [p for p in ALL_COMMANDS if p[0] in {"status", "ingest", "templates", "init"}]


@pytest.mark.parametrize("path", LISTING, ids=" ".join)
def test_every_listing_or_reporting_command_offers_json(path: list[str]) -> None:
    assert "--json" in run(*path, "--help").output


def test_status_without_workspace_says_what_to_do(tmp_path: Path) -> None:
    result = run("status", workspace=tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "countylines init" in result.output


def test_ingest_and_status_round_trip(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    assert run("init", workspace=ws).exit_code == 0
    nodobo = shared("cdr/nodobo/nodobo_calls.csv")
    result = run("ingest", "cdr", str(nodobo), "--template", "nodobo", "--json", workspace=ws)
    assert result.exit_code == 0, result.output
    [loaded] = json.loads(result.stdout)
    assert loaded["outcome"] == "loaded"

    again = run("ingest", "cdr", str(nodobo), "-t", "nodobo", "--json", workspace=ws)
    assert json.loads(again.stdout)[0]["outcome"] == "unchanged"

    status = json.loads(run("status", "--json", workspace=ws).stdout)
    [source] = status["sources"]
    assert (source["source_kind"], source["files_loaded"], source["rows"]) == (
        "cdr",
        1,
        loaded["rows_loaded"],
    )
    assert source["rows_rejected"] == loaded["rows_rejected"]
    assert source["first_event_at"].startswith("2010-")

    report = tmp_path / "errors.csv"
    assert run("status", "--errors-csv", str(report), workspace=ws).exit_code == 0
    with report.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == loaded["rows_rejected"]
    assert set(rows[0]) == {"import_id", "file", "line", "column", "value", "reason"}
    assert all(r["file"] == "nodobo_calls.csv" and int(r["line"]) > 1 for r in rows)


def test_failed_file_exits_1_and_is_listed(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    run("init", workspace=ws)
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    result = run("ingest", "cdr", str(empty), "-t", "canonical", workspace=ws)
    assert result.exit_code == 1
    assert "empty file" in result.output
    status = json.loads(run("status", "--json", workspace=ws).stdout)
    assert status["files"][0]["status"] == "failed"


def test_unknown_template_lists_the_known_ones(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    run("init", workspace=ws)
    result = run("ingest", "cdr", "x.csv", "-t", "vodafone-2031", workspace=ws)
    assert result.exit_code == 2
    assert "no template called 'vodafone-2031'" in result.output
    assert "uk-record-type" in result.output


def test_user_template_in_workspace_is_found_and_checked(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    run("init", workspace=ws)
    shown = run("templates", "show", "canonical", "--json", workspace=ws)
    assert json.loads(shown.stdout)["name"] == "canonical"
    mine = ws / "templates" / "my-carrier.yaml"
    mine.write_text(
        run("templates", "show", "canonical", workspace=ws)
        .stdout.replace("name: canonical", "name: my-carrier")
        .replace("start: start_utc", "start: Start Time")
    )
    assert run("templates", "check", str(mine)).exit_code == 0
    listed = json.loads(run("templates", "list", "--json", workspace=ws).stdout)
    assert "my-carrier" in {t["name"] for t in listed}
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        mine.read_text().replace("time:", "tiem:").replace("name: my-carrier", "name: broken")
    )
    result = run("templates", "check", str(broken))
    assert result.exit_code == 1
    assert "tiem" in result.output


def _record_type_file(path: Path, rows: str) -> Path:
    path.write_text(
        "Record Type,Call Date,Call Time,Calling Number,Called Number,Duration,Cell ID,IMEI\n"
        + rows
    )
    return path


def test_data_that_looks_like_markup_is_shown_as_written(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    run("init", workspace=ws)
    good = "MOC,01/06/2024,12:00:00,07700900123,07700900456,00:00:10,C1,1\n"
    bad = "MOC,01/06/2024,12:00:00,07700900123,[bold red]x[/bold red] [/],00:00:10,C1,1\n"
    path = _record_type_file(tmp_path / "[bold]odd.csv", good * 3 + bad)
    assert run("ingest", "cdr", str(path), "-t", "uk-record-type", workspace=ws).exit_code == 0
    result = run("status", "--errors", "--files", workspace=ws)
    assert result.exit_code == 0, result.output
    assert "[bold red]x[/bold red] [/]" in result.stdout
    assert "[bold]odd.csv" in result.stdout


def test_error_csv_cannot_run_formulas(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    run("init", workspace=ws)
    good = "MOC,01/06/2024,12:00:00,07700900123,07700900456,00:00:10,C1,1\n"
    bad = 'MOC,01/06/2024,12:00:00,07700900123,"=HYPERLINK(""http://x"",""y"")",00:00:10,C1,1\n'
    run(
        "ingest",
        "cdr",
        str(_record_type_file(tmp_path / "f.csv", good * 3 + bad)),
        "-t",
        "uk-record-type",
        workspace=ws,
    )
    report = tmp_path / "errors.csv"
    run("status", "--errors-csv", str(report), workspace=ws)
    with report.open(newline="") as handle:
        [row] = list(csv.DictReader(handle))
    assert row["value"] == '\'=HYPERLINK("http://x","y")'


def test_remove_an_import_then_load_it_with_another_template(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    run("init", workspace=ws)
    canonical = tmp_path / "calls.csv"
    canonical.write_text(
        "start_utc,a_number,b_number,kind,duration_s,a_cell_id,a_imei,b_cell_id,b_imei\n"
        "2024-06-01T11:00:00Z,07700900123,07700900456,voice,10,,,,\n"
    )
    first = json.loads(
        run("ingest", "cdr", str(canonical), "-t", "canonical", "--json", workspace=ws).stdout
    )[0]
    mine = ws / "templates" / "canonical-local.yaml"
    mine.write_text(
        run("templates", "show", "canonical", workspace=ws)
        .stdout.replace("name: canonical", "name: canonical-local")
        .replace("timezone: UTC", "timezone: Europe/London")
        .replace(
            'format: "%Y-%m-%dT%H:%M:%SZ"', 'format: "%Y-%m-%dT%H:%M:%SZ"\n  ambiguous: earlier'
        )
    )
    again = run("ingest", "cdr", str(canonical), "-t", "canonical-local", workspace=ws)
    assert (
        "unchanged" in again.output and f"imports remove {first['source_file_id']}" in again.output
    )
    removed = run(
        "imports", "remove", str(first["source_file_id"]), "--reason", "wrong zone", workspace=ws
    )
    assert removed.exit_code == 0, removed.output
    status = json.loads(run("status", "--json", workspace=ws).stdout)
    assert status["sources"][0]["rows"] == 0
    assert status["files"][0]["status"] == "removed"
    reloaded = json.loads(
        run("ingest", "cdr", str(canonical), "-t", "canonical-local", "--json", workspace=ws).stdout
    )[0]
    assert (reloaded["outcome"], reloaded["rows_loaded"]) == ("loaded", 1)
    again_removed = run(
        "imports", "remove", str(first["source_file_id"]), "--reason", "x", workspace=ws
    )
    assert again_removed.exit_code == 2 and "removed, not loaded" in again_removed.output


def test_a_file_failed_for_bad_rows_keeps_them_for_the_analyst(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    run("init", workspace=ws)
    bad = "MOC,2024-06-01,12:00:00,07700900123,07700900456,00:00:10,C1,1\n"
    path = _record_type_file(tmp_path / "f.csv", bad * 3)
    assert run("ingest", "cdr", str(path), "-t", "uk-record-type", workspace=ws).exit_code == 1
    report = json.loads(run("status", "--errors", "--json", workspace=ws).stdout)
    lines = sorted(e["line"] for e in report["row_errors"] if e["line"])
    assert lines == [2, 2, 3, 4]  # the file-level reason (at the first bad line), then each row


def test_lines_settings_override_and_misspelt_key(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    run("init", workspace=ws)
    nodobo = shared("cdr/nodobo/nodobo_calls.csv")
    run("ingest", "cdr", str(nodobo), "-t", "nodobo", workspace=ws)
    plain = json.loads(run("lines", "--json", workspace=ws).stdout)
    assert (plain["lines"], plain["settings"]) == ([], "built-in")
    assert "possible victims" in plain["safeguarding"]
    # a file holding only what it changes: the threshold so low every scored number is a line
    (ws / "detection.yaml").write_text("score:\n  threshold: 0\n")
    lowered = json.loads(run("lines", "--json", workspace=ws).stdout)
    assert lowered["settings"].endswith("detection.yaml")
    assert lowered["lines"], "a threshold of 0 reports every scored number"
    (ws / "detection.yaml").write_text("score:\n  treshold: 0\n")
    result = run("lines", workspace=ws)
    assert result.exit_code == 2
    assert "unknown key score.treshold (did you mean score.threshold?)" in result.output


def test_lines_warns_when_too_few_numbers_to_know_what_is_typical(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    run("init", workspace=ws)
    folder = shared("cdr/bandicoot")
    run("ingest", "cdr", str(folder / "ego.csv"), "-t", "bandicoot", workspace=ws)
    report = json.loads(run("lines", "--json", workspace=ws).stdout)
    assert report["warnings"] and "cannot be known well" in report["warnings"][0]


def test_tables_in_a_file_or_pipe_are_wide_unless_columns_is_set() -> None:
    from countylines.cli.common import piped_width

    assert piped_width(False, None) == 160
    assert piped_width(False, "100") is None  # COLUMNS decides
    assert piped_width(True, None) is None  # a terminal keeps its width
