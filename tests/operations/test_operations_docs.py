"""docs/operations.md stays true: every command documented, every documented flag real."""

from __future__ import annotations

import re
import shlex
from typing import Any

import pytest
import typer.main
from tests.conftest import REPO

from countylines.cli.main import app

DOC = (REPO / "docs" / "operations.md").read_text()
ROOT: Any = typer.main.get_command(app)
OPERATION: Any = ROOT.commands["operation"]


@pytest.mark.parametrize("name", sorted(OPERATION.commands))
def test_every_operation_command_is_documented(name: str) -> None:
    assert f"operation {name}" in DOC


def _calls() -> list[list[str]]:
    blocks = re.findall(r"```sh\n(.*?)```", DOC, flags=re.S)
    text = "\n".join(blocks).replace("\\\n", " ")
    calls = []
    for line in text.splitlines():
        line = line.split("  #")[0].strip()
        if line.startswith("countylines "):
            calls.append(shlex.split(line)[1:])
    return calls


@pytest.mark.parametrize("words", _calls(), ids=lambda w: " ".join(w[:2]))
def test_every_documented_command_line_parses(words: list[str]) -> None:
    command = ROOT
    rest = list(words)
    while getattr(command, "commands", None):
        while rest and rest[0].startswith("-"):  # group options such as --as
            rest = rest[2:]
        command = command.commands[rest.pop(0)]
    known = {opt for p in command.params for opt in (*p.opts, *p.secondary_opts)}
    used = {w for w in rest if w.startswith("--")}
    assert used <= known, f"{' '.join(words)}: unknown {sorted(used - known)}"


def test_commands_said_to_take_json_do() -> None:
    listed = re.search(r"Every listing or reporting command \((.*?)\)", DOC, flags=re.S)
    assert listed is not None
    names = re.findall(r"`(\w+)`", listed.group(1))
    for name in names:
        command = ROOT.commands["returns"] if name == "returns" else OPERATION.commands[name]
        assert "--json" in {o for p in command.params for o in p.opts}, name
