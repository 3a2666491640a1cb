"""docs/network.md covers every network command, measure, strategy and recovery."""

from __future__ import annotations

from dataclasses import fields

import pytest
from tests.conftest import REPO

from countylines.analysis.network.disruption import METRICS, RECOVERY, STRATEGIES
from countylines.analysis.network.measures import GraphMeasures, NodeMeasures
from countylines.cli.network import app

DOC = (REPO / "docs" / "network.md").read_text()


@pytest.mark.parametrize("command", [c.name for c in app.registered_commands])
def test_every_command_is_documented(command: str) -> None:
    assert f"network {command}" in DOC


@pytest.mark.parametrize(
    "key", [f.name for f in (*fields(NodeMeasures), *fields(GraphMeasures)) if f.name != "name"]
)
def test_every_measure_is_documented(key: str) -> None:
    assert f"`{key}`" in DOC


@pytest.mark.parametrize("word", [*STRATEGIES, *RECOVERY, *METRICS])
def test_every_strategy_recovery_and_metric_is_documented(word: str) -> None:
    assert f"`{word}`" in DOC
