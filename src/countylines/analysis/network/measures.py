"""Network measures, per node and per graph, all computed by igraph.

Sources: Freeman 1978/79 (degree, betweenness, closeness, centralisation);
Bonacich 1987 (eigenvector centrality); Seidman 1983 (k-cores); Traag,
Waltman & van Eck 2019 (Leiden communities); Latora & Marchiori 2001 (global
efficiency); Opsahl, Agneessens & Skvoretz 2010 (weighted paths: a tie of
weight ``w`` has length ``1/w``, so many calls mean a short path).

Paths (betweenness, closeness, efficiency), eigenvector centrality, cores and
communities use the *undirected* view of the network (a call carries
information both ways; Morselli 2009 does the same for CAVIAR); degrees keep
the direction (in, out, total).
"""

from __future__ import annotations

import random
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Any

import igraph as ig
import numpy as np

from countylines.analysis.network.graphs import Network


@dataclass(frozen=True)
class NodeMeasures:
    """One node's measures (see the module docstring for sources)."""

    name: str
    degree: int
    in_degree: int
    out_degree: int
    strength: float
    betweenness: float
    weighted_betweenness: float
    closeness: float
    eigenvector: float
    coreness: int
    community: int
    communities_reached: int
    broker: bool


RANKABLE = (
    "degree",
    "in_degree",
    "out_degree",
    "strength",
    "betweenness",
    "weighted_betweenness",
    "closeness",
    "eigenvector",
    "coreness",
    "communities_reached",
)


@dataclass(frozen=True)
class GraphMeasures:
    """Whole-network measures."""

    nodes: int
    edges: int
    directed: bool
    density: float
    components: int
    giant_share: float
    efficiency: float
    degree_centralisation: float
    betweenness_centralisation: float
    communities: int
    modularity: float


@dataclass(frozen=True)
class Measures:
    """Measures of a network: one row per node, and the whole graph."""

    nodes: list[NodeMeasures]
    graph: GraphMeasures

    def top(self, measure: str, n: int = 10) -> list[NodeMeasures]:
        """The ``n`` nodes ranked highest by ``measure`` (ties by name)."""
        return sorted(self.nodes, key=lambda m: (-float(getattr(m, measure)), m.name))[:n]

    def to_json(self) -> dict[str, Any]:
        """Plain data for ``--json``."""
        return {"graph": asdict(self.graph), "nodes": [asdict(m) for m in self.nodes]}


def undirected(graph: ig.Graph) -> ig.Graph:
    """The undirected view: a tie either way is one tie, weights summed."""
    view = graph.copy()
    if view.is_directed():
        view.to_undirected(mode="collapse", combine_edges={"weight": "sum"})
    return view


def global_efficiency(graph: ig.Graph, sample: int | None = None, seed: int = 0) -> float:
    """Latora & Marchiori's global efficiency: mean of ``1/d(i, j)`` over ordered pairs.

    Computed from igraph's harmonic centrality (the mean of ``1/d`` from one
    node to all others). ``sample`` estimates it from that many random source
    nodes (for graphs too large for all pairs).
    """
    n = graph.vcount()
    if n < 2:
        return 0.0
    vertices = None
    if sample is not None and sample < n:
        vertices = random.Random(seed).sample(range(n), sample)
    values = graph.harmonic_centrality(vertices=vertices, mode="all", normalized=True)
    return float(np.mean(values))


def giant_share(graph: ig.Graph, of: int | None = None) -> float:
    """Share of ``of`` nodes (default: the graph's) in the largest weak component."""
    total: int = graph.vcount() if of is None else of
    if total == 0 or graph.vcount() == 0:
        return 0.0
    return float(max(graph.connected_components(mode="weak").sizes())) / total


def freeman_centralisation(scores: list[float], maximum: float) -> float:
    """Freeman's centralisation: ``sum(max - c_i)`` over its largest possible value."""
    if len(scores) < 3 or maximum <= 0:
        return 0.0
    top = max(scores)
    return float(sum(top - s for s in scores) / maximum)


def degree_centralisation(graph: ig.Graph) -> float:
    """Freeman degree centralisation of the undirected view (1 for a star)."""
    n = graph.vcount()
    return freeman_centralisation(undirected(graph).degree(), (n - 1) * (n - 2))


def betweenness_centralisation(graph: ig.Graph) -> float:
    """Freeman betweenness centralisation of the undirected view (1 for a star)."""
    n = graph.vcount()
    raw = undirected(graph).betweenness(directed=False)
    return freeman_centralisation(raw, (n - 1) ** 2 * (n - 2) / 2)


@contextmanager
def seeded(seed: int) -> Iterator[None]:
    """Seed igraph's random numbers (it draws from Python's ``random``), then restore them."""
    state = random.getstate()
    random.seed(seed)
    try:
        yield
    finally:
        random.setstate(state)


def leiden(graph: ig.Graph, seed: int = 0, iterations: int = -1) -> ig.VertexClustering:
    """Leiden communities maximising modularity (Traag et al. 2019), seeded.

    ``iterations=-1`` runs until the partition stops changing; on graphs of
    millions of ties a few iterations (igraph's default is 2) save minutes.
    """
    view = undirected(graph)
    weights = "weight" if view.ecount() else None
    with seeded(seed):
        return view.community_leiden(
            objective_function="modularity", weights=weights, n_iterations=iterations
        )


def measure(network: Network, seed: int = 0) -> Measures:
    """Every node and graph measure of ``network`` (Leiden seeded by ``seed``)."""
    g = network.graph
    n = g.vcount()
    view = undirected(g)
    lengths = [1.0 / w for w in view.es["weight"]] if view.ecount() else None
    pairs = (n - 1) * (n - 2) / 2 if n > 2 else 1.0
    betweenness = [b / pairs for b in view.betweenness(directed=False)]
    weighted = [b / pairs for b in view.betweenness(directed=False, weights=lengths)]
    closeness = [0.0 if np.isnan(c) else c for c in view.closeness(normalized=True)]
    if view.ecount():
        # ARPACK's start vector is random: seeded. igraph warns on disconnected graphs.
        with seeded(seed), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            eigen = view.eigenvector_centrality(scale=True, weights="weight")
    else:
        eigen = [0.0] * n
    clusters = leiden(g, seed)
    membership = clusters.membership
    reached = [len({membership[u] for u in view.neighbors(v)} - {membership[v]}) for v in range(n)]
    coreness = view.coreness()
    strength = view.strength(weights="weight") if view.ecount() else [0.0] * n
    nodes = [
        NodeMeasures(
            name=g.vs[v]["name"],
            degree=view.degree(v),
            in_degree=g.degree(v, mode="in"),
            out_degree=g.degree(v, mode="out"),
            strength=float(strength[v]),
            betweenness=float(betweenness[v]),
            weighted_betweenness=float(weighted[v]),
            closeness=float(closeness[v]),
            eigenvector=float(eigen[v]),
            coreness=int(coreness[v]),
            community=membership[v],
            communities_reached=reached[v],
            broker=reached[v] >= 1 and betweenness[v] > 0,
        )
        for v in range(n)
    ]
    graph = GraphMeasures(
        nodes=n,
        edges=g.ecount(),
        directed=network.directed,
        density=float(g.density()) if n > 1 else 0.0,
        components=len(g.connected_components(mode="weak")),
        giant_share=giant_share(g),
        efficiency=global_efficiency(view),
        degree_centralisation=degree_centralisation(g),
        betweenness_centralisation=betweenness_centralisation(g),
        communities=len(clusters),
        modularity=float(clusters.modularity) if view.ecount() else 0.0,
    )
    return Measures(nodes, graph)
