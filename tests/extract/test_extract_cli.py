"""``countylines extract``: a file, standard input or text after --; JSON; errors; escaping;
postcodes checked against the workspace's lookup on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import shared
from typer.testing import CliRunner

from countylines.cli.extract import printable
from countylines.cli.main import app
from countylines.ingest.geography import adapter_for
from countylines.ingest.runner import import_file
from countylines.workspace import Workspace

runner = CliRunner()
REPORT = (
    "Jordan SMITH aka Tiny deals crack from 14 Pier Avenue, Clacton CO15 1AB.\n"
    "Ring 07700 900123. Kids in school uniform running for him.\n"
)


def run(*args: str, workspace: Workspace | None = None, stdin: bytes | None = None) -> Any:
    env = {"COLUMNS": "300", "COUNTYLINES_WORKSPACE": "/nonexistent-workspace"}
    if workspace is not None:
        env["COUNTYLINES_WORKSPACE"] = str(workspace.root)
        if workspace.settings.database_url:
            env["COUNTYLINES_DATABASE_URL"] = workspace.settings.database_url
    return runner.invoke(app, list(args), env=env, input=stdin)


def test_file_as_json(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = run("extract", str(path), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["source"], data["characters"]) == (str(path), len(REPORT))
    by_type = {(m["type"], m["text"]): m for m in data["mentions"]}
    phone = by_type[("phone", "07700 900123")]
    # line 2, column 6: "Ring " is five characters
    assert (phone["value"], phone["line"], phone["column"]) == ("+447700900123", 2, 6)
    assert REPORT[phone["start"] : phone["end"]] == "07700 900123"
    assert by_type[("postcode", "CO15 1AB")]["value"] == "CO15 1AB"
    assert by_type[("nickname", "Tiny")]["rule"] == "nickname-aka"
    assert ("cce_indicator", "Kids in school uniform running for him") in by_type
    assert "possible victims" in data["safeguarding"]
    assert data["postcodes_checked_against"] is None  # no workspace here


def test_text_after_double_dash_is_text_even_if_a_file_has_that_name(tmp_path: Path) -> None:
    result = run("extract", "--json", "--", "ring", "07700", "900123")
    assert result.exit_code == 0, result.output
    [mention] = json.loads(result.stdout)["mentions"]
    assert (mention["text"], mention["value"]) == ("07700 900123", "+447700900123")
    assert json.loads(result.stdout)["source"] == "text"


def test_standard_input() -> None:
    result = run("extract", "-", "--json", stdin=b"reg AB12 CDE")
    assert result.exit_code == 0, result.output
    [mention] = json.loads(result.stdout)["mentions"]
    assert (mention["type"], mention["value"]) == ("vrm", "AB12CDE")


def test_table_for_people(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = run("extract", str(path))
    assert result.exit_code == 0, result.output
    assert "+447700900123" in result.stdout
    assert "Pier Avenue" in result.stdout
    assert "possible victims" in result.stdout


def test_a_text_that_concludes_says_so_and_lists_its_answered_signs_when_asked() -> None:
    text = (
        "Men keep going into the old man's flat at all hours and now he is scared to go "
        "out. Officers checked: it is his carers' rota. No concerns."
    )
    table = run("extract", "--", text)
    assert table.exit_code == 0, table.output
    said = " ".join(table.stdout.split())
    assert 'the text concludes "No concerns": 1 sign(s) it describes before that' in said
    assert "cuckooing_indicator" not in table.stdout
    every = json.loads(run("extract", "--json", "--min-confidence", "0", "--", text).stdout)
    assert every["concludes"] == ["No concerns"]
    [sign] = [m for m in every["mentions"] if m["type"] == "cuckooing_indicator"]
    assert sign["value"].endswith("answered: 'No concerns'") and sign["confidence"] == 0.4
    # a record that names a child keeps its signs, and the footer says none was answered
    kept = run("extract", "--", "A boy keeps going into the flat with little bags. No concerns.")
    assert "cce_indicator" in kept.stdout
    assert "no sign is taken as answered" in " ".join(kept.stdout.split())


def test_the_safeguarding_note_follows_a_childs_age_even_without_a_sign() -> None:
    result = run("extract", "--", "seen a boy aged 14 at the bus station with a man in a grey Golf")
    assert result.exit_code == 0, result.output
    assert "cce_indicator" not in result.stdout and "possible victims" in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["extract", "no-such-report.txt"], 2, "no-such-report.txt: no such file"),
        (["extract"], 2, "nothing to read"),
        (["extract", "a.txt", "b.txt"], 2, "give one file"),
        (["extract", "--"], 2, "no text after --"),
    ],
)
def test_usage_errors(args: list[str], code: int, message: str) -> None:
    result = run(*args)
    assert result.exit_code == code
    assert message in " ".join(result.output.split())


def test_binary_file_is_refused_saying_where(tmp_path: Path) -> None:
    path = tmp_path / "image.bin"
    path.write_bytes(b"GIF89a\n\x01\x00\x02")
    result = run("extract", str(path))
    assert result.exit_code == 1
    # the NUL is the 2nd byte of line 2 (byte 8 of the file, counting from 0)
    assert "NUL byte at line 2, column 2 (byte 8)" in " ".join(result.output.split())


def test_wrong_encoding_is_refused_then_read_when_named(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("caf\u00e9 \u00a320 07700 900123\n".encode("cp1252"))
    refused = run("extract", str(path))
    assert refused.exit_code == 1
    assert "byte 0xe9 at line 1, column 4" in " ".join(refused.output.split())
    read = run("extract", str(path), "--encoding", "cp1252", "--json")
    assert read.exit_code == 0, read.output
    assert [m["value"] for m in json.loads(read.stdout)["mentions"]] == ["+447700900123"]


def test_text_cannot_reach_the_terminal_as_markup_or_control_codes(tmp_path: Path) -> None:
    path = tmp_path / "[bold]odd.txt"
    path.write_text(
        "sells [red]heroin[/red], \x1b[31mcrack\x1b[0m and a \u202eknife\u202c\n", encoding="utf-8"
    )
    result = run("extract", str(path))
    assert result.exit_code == 0, result.output
    assert "[bold]odd.txt" in result.stdout
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "\\x1b[31mcrack" not in result.stdout  # only the mention's own text is shown
    assert "heroin" in result.stdout and "crack" in result.stdout and "knife" in result.stdout
    assert printable("a\x1b[31mb\u202ec") == "a\\x1b[31mb\\u202ec"


def test_postcodes_file(tmp_path: Path) -> None:
    listed = tmp_path / "postcodes.csv"
    listed.write_text("pcds,lsoa11cd\nCO15 1AB,E01021999\n", encoding="utf-8")
    result = run(
        "extract", "--postcodes", str(listed), "--json", "--", "CO15 1AB", "and", "SW1A 2AA"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(m["value"], m["rule"]) for m in data["mentions"]] == [
        ("CO15 1AB", "postcode-listed"),
        ("SW1A 2AA", "postcode-unlisted"),
    ]
    bad = tmp_path / "bad.csv"
    bad.write_text("code,area\nCO15 1AB,x\n", encoding="utf-8")
    refused = run("extract", "--postcodes", str(bad), "--", "CO15 1AB")
    assert refused.exit_code == 2
    assert "needs a 'pcds' or 'postcode' column" in " ".join(refused.output.split())


def test_postcodes_checked_against_the_workspace_lookup(db_workspace: Workspace) -> None:
    path = shared("geography/essex_postcodes_lsoa_latlon.csv")
    result = import_file(db_workspace, adapter_for(path), path)
    assert result.outcome == "loaded", result
    # CO15 6AA is a Clacton postcode in the Essex lookup (grep of the shared file);
    # SW1A 2AA (Downing Street) is a real postcode outside it
    text = "seen at CO15 6AA and at SW1A 2AA"
    out = run("extract", "--json", "--", text, workspace=db_workspace)
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["postcodes_checked_against"].startswith("workspace")
    assert [(m["value"], m["rule"]) for m in data["mentions"]] == [
        ("CO15 6AA", "postcode-listed"),
        ("SW1A 2AA", "postcode-unlisted"),
    ]


def test_a_long_table_shows_the_first_thousand_and_json_gives_all(tmp_path: Path) -> None:
    path = tmp_path / "many.txt"
    # 1,200 distinct numbers, one a line: each mention's line is its number's index + 1
    path.write_text("".join(f"ring 07700 9{n:05d}\n" for n in range(1200)), encoding="utf-8")
    as_json = json.loads(run("extract", str(path), "--json").output)
    phones = [m for m in as_json["mentions"] if m["type"] == "phone"]
    assert len(phones) == 1200
    assert [(m["line"], m["column"]) for m in phones] == [(n + 1, 6) for n in range(1200)]
    table = run("extract", str(path))
    assert table.exit_code == 0
    assert "the first 1,000 of 1,200 mentions are shown; --json gives them all" in table.output
    assert "+447700901199" not in table.output and "+447700900999" in table.output


def test_rules_only_leaves_the_indicator_model_out() -> None:
    text = (
        "My neighbour is a frail old man. Since March young lads from London have been living "
        "in his flat and he is scared to go out."
    )
    with_model = json.loads(run("extract", "--json", "--", text).output)["mentions"]
    rules = json.loads(run("extract", "--json", "--rules-only", "--", text).output)["mentions"]
    assert any(m["rule"] == "learned-clause" for m in with_model)
    assert not any(m["rule"] == "learned-clause" for m in rules)
    assert any(m["type"] == "cuckooing_indicator" for m in rules)  # the rules see it too
