"""The network without the people arrested: figures checked against networkx."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest

from countylines.analysis.network.graphs import from_edges
from countylines.operations.records import Closure, LineRef
from countylines.operations.resilience import line_network, resilience

# holder H talks to runners R1 and R2 and the deal phone D; D serves customers C1..C4;
# R1 also talks to C1. Arresting H and R1 leaves D with its customers and R2 alone.
TIES = [
    ("H", "R1", 10.0),
    ("H", "R2", 8.0),
    ("H", "D", 5.0),
    ("R1", "C1", 1.0),
    ("C1", "D", 3.0),
    ("C2", "D", 2.0),
    ("C3", "D", 2.0),
    ("C4", "D", 1.0),
    ("X", "Y", 1.0),  # not the line's people: left out
]
LINE = LineRef("line-a", "Ghost line", ("D",), holder_numbers=("H",), runner_numbers=("R1", "R2"))


def test_what_remains_after_the_arrests() -> None:
    net = line_network(TIES, [LINE], customers=["C1", "C2", "C3", "C4"])
    assert sorted(net.names) == ["C1", "C2", "C3", "C4", "D", "H", "R1", "R2"]
    closure = Closure(
        1, "line-a", 2, ("D",), dt.datetime(2024, 3, 5, tzinfo=dt.UTC), deactivation_reference="EE"
    )
    r = resilience(net, ["H", "R1", "NOT-THERE"], [LINE], [closure])
    assert r.removed == ["H", "R1"] and r.not_in_network == ["NOT-THERE"]
    # independently with networkx: the undirected graph without H and R1
    g = nx.Graph([(a, b) for a, b, _ in TIES if "X" not in (a, b)])
    rest = g.copy()
    rest.remove_nodes_from(["H", "R1"])
    assert r.after.nodes == rest.number_of_nodes() == 6
    assert r.after.components == nx.number_connected_components(rest) == 2
    assert r.after.giant_share == 5 / 6  # D and its 4 customers, of the 6 left
    assert r.after.efficiency == pytest.approx(nx.global_efficiency(rest))
    assert r.before.efficiency == pytest.approx(nx.global_efficiency(g))
    assert r.effect is not None and r.effect.giant_share_after == 5 / 8
    assert r.most_central_left[0].name == "D"
    assert r.closed_numbers == ["D"]
    [line] = r.lines
    assert (
        line.holder_arrested,
        line.holders_left,
        line.runners_left,
        line.numbers_open,
        line.closed,
    ) == (
        True,
        [],
        ["R2"],
        [],
        True,
    )


def test_nobody_arrested_leaves_the_network_as_it_was() -> None:
    net = from_edges([("a", "b", 1.0), ("b", "c", 1.0)], directed=True)
    r = resilience(net, [])
    assert r.effect is None and r.before == r.after and r.closed_numbers == []
