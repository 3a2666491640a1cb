"""``countylines users``, ``compartments`` and ``audit`` as a user drives them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from countylines.cli.main import app
from countylines.settings import Settings
from countylines.workspace import Workspace
from tests.security.conftest import tamper

runner = CliRunner()


def run(ws: Path, *args: str, stdin: str | None = None) -> Any:
    return runner.invoke(
        app, list(args), env={"COUNTYLINES_WORKSPACE": str(ws), "COLUMNS": "250"}, input=stdin
    )


def test_accounts_compartments_and_the_log(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    assert run(ws, "init").exit_code == 0
    added = run(
        ws,
        "users",
        "add",
        "sam",
        "--role",
        "supervisor",
        "--name",
        "DS Sam",
        "--password-stdin",
        "--json",
        stdin="a long enough password\n",
    )
    assert added.exit_code == 0, added.output
    assert json.loads(added.stdout)["role"] == "supervisor"
    short = run(
        ws,
        "users",
        "add",
        "bob",
        "--role",
        "analyst",
        "--name",
        "B",
        "--password-stdin",
        stdin="short\n",
    )
    assert short.exit_code == 2 and "at least 12 characters" in short.output
    assert (
        run(
            ws,
            "users",
            "add",
            "pat",
            "--role",
            "investigator",
            "--name",
            "DI Pat",
            "--sso-subject",
            "pat@force.example",
        ).exit_code
        == 0
    )
    assert run(ws, "compartments", "add", "Op ALDER", "--owner", "sam").exit_code == 0
    assert run(ws, "compartments", "grant", "Op ALDER", "pat").exit_code == 0
    listed = json.loads(run(ws, "compartments", "list", "--json").stdout)
    assert listed[0]["members"] == ["pat", "sam"]
    assert (
        run(ws, "compartments", "place", "line", "line-123", "--compartment", "Op ALDER").exit_code
        == 0
    )
    missing = run(ws, "compartments", "place", "intel_report", "NOPE")
    assert missing.exit_code == 2 and "no intelligence report 'NOPE'" in missing.output
    assert run(ws, "users", "disable", "pat", "--reason", "moved").exit_code == 0
    users = {u["username"]: u for u in json.loads(run(ws, "users", "list", "--json").stdout)}
    assert (users["pat"]["active"], users["pat"]["sso"], users["sam"]["active"]) == (
        False,
        True,
        True,
    )

    verified = json.loads(run(ws, "audit", "verify", "--json").stdout)
    # add sam, add pat, compartment, grant, place, disable: six entries
    assert (verified["ok"], verified["entries"]) == (True, 6)
    head = f"{verified['head_seq']}:{verified['head_hash']}"
    assert run(ws, "audit", "verify", "--expect-head", head).exit_code == 0

    log = json.loads(
        run(ws, "audit", "list", "--purpose", "test", "--user", "cli:" + _me(), "--json").stdout
    )
    assert log["total"] == 6 and log["entries"][0]["summary"] == "account disabled: moved"
    bad = run(ws, "audit", "list", "--purpose", "t", "--action", "viewing")
    assert bad.exit_code == 2


def test_verify_fails_on_a_changed_row(tmp_path: Path) -> None:
    ws_dir = tmp_path / "ws"
    run(ws_dir, "init")
    run(
        ws_dir,
        "users",
        "add",
        "sam",
        "--role",
        "supervisor",
        "--name",
        "S",
        "--password-stdin",
        stdin="a long enough password\n",
    )
    run(ws_dir, "compartments", "add", "Op A", "--owner", "sam")
    before = json.loads(run(ws_dir, "audit", "verify", "--json").stdout)
    ws = Workspace.open(Settings(workspace=ws_dir))
    tamper(ws, "UPDATE audit_events SET actor = 'someone else' WHERE seq = 1")
    ws.close()
    result = run(ws_dir, "audit", "verify")
    assert result.exit_code == 1
    assert "entry 1 was altered" in result.output
    ws = Workspace.open(Settings(workspace=ws_dir))
    tamper(
        ws,
        "UPDATE audit_events SET actor = 'cli:" + _me() + "' WHERE seq = 1",
        "DELETE FROM audit_events WHERE seq = 2",
    )
    ws.close()
    gone = run(
        ws_dir, "audit", "verify", "--expect-head", f"{before['head_seq']}:{before['head_hash']}"
    )
    assert gone.exit_code == 1 and "rewritten" in gone.output


def _me() -> str:
    from countylines.ingest.runner import who

    return who()
