"""``countylines network``: import, list, measures, keyplayers, disrupt, charts, errors."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import shared
from tests.test_cli import run


def test_network_commands_round_trip(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    assert run("init", workspace=ws).exit_code == 0
    phase = shared("networks/caviar/phase3.csv")
    stored = run("network", "import", str(phase), "--name", "p3", "--json", workspace=ws)
    assert stored.exit_code == 0, stored.output
    assert json.loads(stored.stdout)["nodes"] == 33
    again = run("network", "import", str(phase), "--name", "p3", workspace=ws)
    assert again.exit_code == 2 and "--replace" in again.output
    listing = json.loads(run("network", "list", "--json", workspace=ws).stdout)
    assert [n["name"] for n in listing["networks"]] == ["p3"]
    chart = tmp_path / "net.svg"
    measures = run("network", "measures", "p3", "--json", "--plot", str(chart), workspace=ws)
    assert measures.exit_code == 0, measures.output
    assert json.loads(measures.stdout)["graph"]["nodes"] == 33
    assert chart.read_text().startswith("<?xml")
    human = run("network", "measures", "p3", "--top", "3", workspace=ws)
    assert "centralisation" in human.output
    players = json.loads(
        run("network", "keyplayers", "p3", "--k", "2", "--json", workspace=ws).stdout
    )
    assert len(players["players"]) == 2
    curves = tmp_path / "curves.png"
    disrupted = run(
        "network", "disrupt", "p3", "--strategy", "all", "--steps", "5",
        "--plot", str(curves), "--json", workspace=ws,
    )  # fmt: skip
    assert disrupted.exit_code == 0, disrupted.output
    runs = json.loads(disrupted.stdout)["runs"]
    assert [r["strategy"] for r in runs] == ["random", "degree", "betweenness"]
    assert curves.read_bytes().startswith(b"\x89PNG")


def test_network_errors_exit_2(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    run("init", workspace=ws)
    bad = tmp_path / "bad.csv"
    bad.write_text("source,target,weight\na,b,lots\n")
    result = run("network", "import", str(bad), "--name", "bad", workspace=ws)
    assert result.exit_code == 2 and "line 2, column weight" in result.output
    assert run("network", "measures", "missing", workspace=ws).exit_code == 2
    run(
        "network", "import", str(shared("networks/caviar/phase1.csv")), "--name", "p1", workspace=ws
    )
    no_p = run("network", "disrupt", "p1", "--recovery", "degree", workspace=ws)
    assert no_p.exit_code == 2 and "--p" in no_p.output
    unknown = run(
        "network", "disrupt", "p1", "--strategy", "sequence", "--targets", "999", workspace=ws
    )
    assert unknown.exit_code == 2 and "999" in unknown.output
    calls = run("network", "measures", "calls", workspace=ws)
    assert calls.exit_code == 2 and "no call data" in calls.output
    assert run("network", "import", str(bad), "--name", "calls", workspace=ws).exit_code == 2


def test_a_chart_that_cannot_be_written_is_refused_before_any_work(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    run("init", workspace=ws)
    edges = tmp_path / "edges.csv"
    edges.write_text("source,target\na,b\nb,c\n")
    assert run("network", "import", str(edges), "--name", "t", workspace=ws).exit_code == 0
    nowhere = str(tmp_path / "no" / "x.png")
    for command in (["measures", "t"], ["disrupt", "t", "--strategy", "degree", "--steps", "1"]):
        result = run("network", *command, "--plot", nowhere, workspace=ws)
        assert result.exit_code == 2, result.output
        assert "no folder" in result.output and "to write the chart in" in result.output
