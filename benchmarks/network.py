"""Network measures and disruption at scale: igraph (countylines) beside networkx.

Generates a Barabási-Albert graph (default 200,000 nodes, 10 ties per new
node: about 2,000,000 ties), saves its edge list, then in separate processes
(so each peak memory is its own):

* **igraph**: the measures countylines computes (degree, strength, k-cores,
  components, density, Leiden (2 iterations, igraph's default; ``measure()`` runs
  it to convergence, which takes many minutes at this size), eigenvector,
  Freeman degree centralisation),
  betweenness *sampled* from ``--sources`` source nodes (exact betweenness is
  O(nodes x ties), hours at this size, for either library), efficiency from
  ``--sources`` sources; then ``countylines.analysis.network.disruption.disrupt``
  with the degree strategy for ``--steps`` steps (giant share, density and
  efficiency sampled from ``--efficiency-sample`` sources after each step).
* **networkx**: the same measures (Louvain for communities: networkx has no
  Leiden of its own), betweenness sampled from the same number of sources
  (``betweenness_centrality(k=...)``), the same disruption loop. It stops
  each part after ``--budget`` seconds; a part cut short is reported with the
  steps done, and the per-step time is compared.

Prints one JSON line per part, then the ratios (networkx time / igraph time).

Usage::

    .venv/bin/python benchmarks/network.py [--nodes 200000] [--m 10] [--steps 100]
        [--sources 100] [--efficiency-sample 10] [--budget 900]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

import igraph as ig
import numpy as np


def generate(nodes: int, m: int, folder: Path) -> Path:
    random.seed(7)  # igraph draws from Python's random
    graph = ig.Graph.Barabasi(nodes, m)
    graph.simplify()
    path = folder / "edges.npy"
    np.save(path, np.array(graph.get_edgelist(), dtype=np.int32))
    return path


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def igraph_part(edges_path: Path, args: argparse.Namespace, queue: Any) -> None:
    from countylines.analysis.network.disruption import disrupt
    from countylines.analysis.network.graphs import Network
    from countylines.analysis.network.measures import (
        degree_centralisation,
        global_efficiency,
        leiden,
    )

    edges = np.load(edges_path)
    n = int(edges.max()) + 1
    start = time.perf_counter()
    graph = ig.Graph(n=n, edges=edges.tolist())
    graph.vs["name"] = [str(v) for v in range(n)]
    graph.es["weight"] = [1.0] * graph.ecount()
    built = time.perf_counter() - start
    sample = random.Random(1).sample(range(n), args.sources)
    timings: dict[str, float] = {"build": built}

    def timed(label: str, call: Any) -> Any:
        t = time.perf_counter()
        value = call()
        timings[label] = time.perf_counter() - t
        return value

    timed("degree", graph.degree)
    timed("strength", lambda: graph.strength(weights="weight"))
    timed("coreness", graph.coreness)
    timed("components", lambda: graph.connected_components().sizes())
    timed("density", graph.density)
    timed("degree_centralisation", lambda: degree_centralisation(graph))
    timed("communities", lambda: leiden(graph, seed=1, iterations=2))
    timed("eigenvector", lambda: graph.eigenvector_centrality(weights="weight"))
    timed("betweenness_sampled", lambda: graph.betweenness(directed=False, sources=sample))
    timed("efficiency_sampled", lambda: global_efficiency(graph, sample=args.sources))
    network = Network(graph, directed=False, weighted=False)
    run = timed(
        "disruption",
        lambda: disrupt(
            network, "degree", args.steps, efficiency_sample=args.efficiency_sample, seed=1
        ),
    )
    queue.put(
        {
            "library": "igraph",
            "nodes": n,
            "ties": graph.ecount(),
            "seconds": timings,
            "disruption_steps": len(run.steps) - 1,
            "final_giant_share": run.steps[-1].giant_share,
            "peak_mb": peak_mb(),
        }
    )


def networkx_part(edges_path: Path, args: argparse.Namespace, queue: Any) -> None:
    import networkx as nx

    edges = np.load(edges_path)
    n = int(edges.max()) + 1
    start = time.perf_counter()
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(edges.tolist(), weight=1.0)
    timings: dict[str, float] = {"build": time.perf_counter() - start}
    sample = random.Random(1).sample(range(n), args.sources)
    cut: list[str] = []

    def timed(label: str, call: Any) -> Any:
        t = time.perf_counter()
        value = call()
        timings[label] = time.perf_counter() - t
        return value

    def efficiency(g: Any, sources: list[int]) -> float:
        total = len(g)
        if total < 2:
            return 0.0
        values = []
        for s in sources:
            lengths = nx.single_source_shortest_path_length(g, s)
            values.append(sum(1 / d for d in lengths.values() if d > 0) / (total - 1))
        return float(np.mean(values))

    timed("degree", lambda: dict(graph.degree()))
    timed("strength", lambda: dict(graph.degree(weight="weight")))
    timed("coreness", lambda: nx.core_number(graph))
    timed("components", lambda: [len(c) for c in nx.connected_components(graph)])
    timed("density", lambda: nx.density(graph))

    def centralisation() -> float:
        degrees = [d for _, d in graph.degree()]
        top = max(degrees)
        return sum(top - d for d in degrees) / ((n - 1) * (n - 2))

    timed("degree_centralisation", centralisation)
    timed("communities", lambda: nx.community.louvain_communities(graph, seed=1))
    timed("eigenvector", lambda: nx.eigenvector_centrality(graph, max_iter=1000, tol=1e-6))
    timed(
        "betweenness_sampled",
        lambda: nx.betweenness_centrality(graph, k=args.sources, seed=1),
    )
    timed("efficiency_sampled", lambda: efficiency(graph, sample))

    def disruption() -> int:
        g = graph.copy()
        rng = random.Random(1)
        began = time.perf_counter()
        for step in range(1, args.steps + 1):
            target = max(g.degree(), key=lambda item: (item[1], -item[0]))[0]
            g.remove_node(target)
            max(len(c) for c in nx.connected_components(g)) / n  # giant share
            nx.density(g)
            efficiency(g, rng.sample(list(g.nodes), args.efficiency_sample))
            if time.perf_counter() - began > args.budget:
                cut.append("disruption")
                return step
        return args.steps

    steps = timed("disruption", disruption)
    queue.put(
        {
            "library": "networkx",
            "nodes": n,
            "ties": graph.number_of_edges(),
            "seconds": timings,
            "disruption_steps": steps,
            "cut_short": cut,
            "peak_mb": peak_mb(),
        }
    )


def in_process(target: Any, *args: Any) -> dict[str, Any]:
    context = mp.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=target, args=(*args, queue))
    process.start()
    result: dict[str, Any] = queue.get()
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=200_000)
    parser.add_argument("--m", type=int, default=10, help="ties per new node")
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--sources", type=int, default=100)
    parser.add_argument("--efficiency-sample", type=int, default=10)
    parser.add_argument("--budget", type=float, default=900.0, help="networkx seconds per loop")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        edges = generate(args.nodes, args.m, Path(tmp))
        fast = in_process(igraph_part, edges, args)
        print(json.dumps(fast))
        slow = in_process(networkx_part, edges, args)
        print(json.dumps(slow))
    print("networkx / igraph time (per disruption step for the disruption):")
    for label, seconds in fast["seconds"].items():
        other = slow["seconds"][label]
        if label == "disruption":
            other /= max(slow["disruption_steps"], 1)
            seconds /= max(fast["disruption_steps"], 1)
        ratio = other / seconds if seconds > 0 else float("inf")
        print(f"  {label:24s} igraph {seconds:9.3f}s  networkx {other:9.3f}s  x{ratio:,.1f}")
    print(f"  peak memory: igraph {fast['peak_mb']:,.0f} MB, networkx {slow['peak_mb']:,.0f} MB")


if __name__ == "__main__":
    main()
