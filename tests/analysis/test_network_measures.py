"""Network measures checked against values worked by hand and against networkx."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from countylines.analysis.network.graphs import (
    Network,
    NetworkFormatError,
    from_edges,
    read_network,
)
from countylines.analysis.network.measures import (
    betweenness_centralisation,
    degree_centralisation,
    global_efficiency,
    measure,
)

STAR = [("c", leaf, 1.0) for leaf in "wxyz"]
PATH = [("a", "b", 1.0), ("b", "c", 1.0), ("c", "d", 1.0)]


def net(edges: list[tuple[str, str, float]], directed: bool = False) -> Network:
    return from_edges(edges, directed=directed)


def by_name(network: Network) -> dict[str, object]:
    return {m.name: m for m in measure(network).nodes}


def test_star_by_hand() -> None:
    result = measure(net(STAR))
    g = result.graph
    assert g.density == pytest.approx(0.4)  # 4 ties of 10 possible
    assert g.degree_centralisation == pytest.approx(1.0)  # Freeman: a star is 1
    assert g.betweenness_centralisation == pytest.approx(1.0)
    assert g.efficiency == pytest.approx((8 * 1 + 12 * 0.5) / 20)  # 0.7
    assert g.components == 1 and g.giant_share == 1.0
    centre = next(m for m in result.nodes if m.name == "c")
    leaf = next(m for m in result.nodes if m.name == "w")
    assert centre.betweenness == pytest.approx(1.0)
    assert leaf.betweenness == 0.0
    assert centre.closeness == pytest.approx(1.0)
    assert leaf.closeness == pytest.approx(4 / 7)
    assert (centre.degree, leaf.degree, centre.coreness, leaf.coreness) == (4, 1, 1, 1)


def test_path_by_hand() -> None:
    g = net(PATH).graph
    assert degree_centralisation(g) == pytest.approx(2 / 6)
    assert betweenness_centralisation(g) == pytest.approx(4 / 9)
    assert global_efficiency(g) == pytest.approx(13 / 18)
    nodes = {m.name: m for m in measure(net(PATH)).nodes}
    assert nodes["b"].betweenness == pytest.approx(2 / 3)


def test_weighted_betweenness_uses_calls_as_closeness() -> None:
    # a-b and b-c are strong (10 calls), a-c weak (1): the short way from a to c runs via b
    triangle = net([("a", "b", 10.0), ("b", "c", 10.0), ("a", "c", 1.0)])
    nodes = {m.name: m for m in measure(triangle).nodes}
    assert nodes["b"].weighted_betweenness == pytest.approx(1.0)
    assert nodes["b"].betweenness == 0.0
    assert nodes["b"].strength == 20.0


def test_directed_degrees() -> None:
    network = net([("a", "b", 1.0), ("a", "c", 2.0), ("c", "a", 3.0)], directed=True)
    nodes = {m.name: m for m in measure(network).nodes}
    assert (nodes["a"].out_degree, nodes["a"].in_degree, nodes["a"].degree) == (2, 1, 2)
    assert nodes["a"].strength == 6.0  # the undirected view sums both directions
    assert network.graph.ecount() == 3


def test_against_networkx_on_the_karate_club() -> None:
    reference = nx.karate_club_graph()
    network = net([(str(u), str(v), 1.0) for u, v in reference.edges()])
    result = measure(network)
    nodes = {m.name: m for m in result.nodes}
    betweenness = nx.betweenness_centrality(reference, normalized=True)
    closeness = nx.closeness_centrality(reference)
    eigen = nx.eigenvector_centrality(reference, max_iter=10_000, tol=1e-12)
    top = max(eigen.values())
    cores = nx.core_number(reference)
    for v in reference.nodes():
        m = nodes[str(v)]
        assert m.betweenness == pytest.approx(betweenness[v], abs=1e-9)
        assert m.closeness == pytest.approx(closeness[v], abs=1e-9)
        assert m.eigenvector == pytest.approx(eigen[v] / top, abs=1e-6)
        assert m.coreness == cores[v]
    assert result.graph.efficiency == pytest.approx(nx.global_efficiency(reference))
    assert result.graph.density == pytest.approx(nx.density(reference))
    degrees = [d for _, d in reference.degree()]
    n = len(degrees)
    freeman = sum(max(degrees) - d for d in degrees) / ((n - 1) * (n - 2))
    assert result.graph.degree_centralisation == pytest.approx(freeman)


def test_leiden_finds_two_cliques_and_the_brokers_between() -> None:
    left = [(f"l{i}", f"l{j}", 1.0) for i in range(5) for j in range(i + 1, 5)]
    right = [(f"r{i}", f"r{j}", 1.0) for i in range(5) for j in range(i + 1, 5)]
    network = net([*left, *right, ("l0", "r0", 1.0)])
    first = measure(network, seed=3)
    assert first.graph.communities == 2
    nodes = {m.name: m for m in first.nodes}
    assert nodes["l1"].community == nodes["l4"].community != nodes["r1"].community
    assert {m.name for m in first.nodes if m.broker} == {"l0", "r0"}
    assert measure(network, seed=3) == first  # seeded: the same answer


def test_components_and_giant_share() -> None:
    result = measure(net([("a", "b", 1.0), ("b", "c", 1.0), ("x", "y", 1.0)]))
    assert result.graph.components == 2
    assert result.graph.giant_share == pytest.approx(3 / 5)


def test_matrix_and_edge_list_reading(tmp_path: Path) -> None:
    matrix = tmp_path / "m.csv"
    matrix.write_text('"players","a","b","c"\n"a",0,2,0\n"b",2,0,1\n"c",0,1,0\n')
    symmetric = read_network(matrix)
    assert not symmetric.directed and symmetric.weighted
    assert sorted(symmetric.graph.es["weight"]) == [1.0, 2.0]  # each tie once, not doubled
    edges = tmp_path / "e.csv"
    edges.write_text("source,target\nx,y\ny,x\nx,z\n")
    plain = read_network(edges)
    assert (plain.graph.ecount(), plain.weighted) == (2, True)  # x-y twice: weight 2
    directed = read_network(edges, directed=True)
    assert directed.graph.ecount() == 3 and not directed.weighted


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"players","a","b"\n"a",0,x\n"b",0,0\n', "line 2, column 3 (b): 'x'"),
        ('"players","a","b"\n"b",0,1\n"a",0,0\n', "line 2, column 1: row label 'b'"),
        ('"players","a","b"\n"a",0,1\n', "1 matrix rows for 2 column labels"),
        ("source,target,weight\na,b,1\na,,2\n", "line 3, column target: empty"),
        ("source,target,weight\na,b,-1\n", "line 2, column weight: '-1'"),
        ("source,target\na,b,c\n", "line 2: 3 columns"),
        ("", "empty file"),
    ],
)
def test_bad_input_names_file_line_and_column(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(NetworkFormatError) as caught:
        read_network(path)
    assert str(path) in str(caught.value)
    assert message in str(caught.value)
