"""Disruption simulations: remove nodes by a strategy, let the network recover, measure.

After Duijn, Kashirin & Sloot (2014), "The relative ineffectiveness of
criminal network disruption", *Scientific Reports* 4:4238 (targeting
strategies with recovery by rewiring; efficiency, density and giant-component
share after each step) and Bright, Greenhill, Britz, Ritter & Morselli
(2017), "Criminal network vulnerabilities and adaptations", *Global Crime*
18(4) (betweenness targeting disrupts fastest).

Strategies (one node per step unless said):

``random``       a node drawn uniformly (seeded)
``degree``       the node of highest degree, recomputed after each removal
``betweenness``  the node of highest betweenness, recomputed after each removal
``set``          a chosen set removed at once at step 1 (a day of action); it
                 runs as many steps as there are targets (the later ones remove
                 nothing), so its area compares with ``sequence``'s
``sequence``     the chosen set removed one by one, in the order given

Recovery (Duijn et al.'s rewiring): after each removal, every former
neighbour of a removed node, with probability ``p``, makes one new tie to

``random``       any other remaining node (uniform)
``degree``       a remaining node drawn in proportion to its degree (+1)
``distance``     another former neighbour of the removed node: the nodes that
                 were two steps away through it (the nearest to reconnect)

Everything runs on the undirected view. The giant-component share is of the
original node count; efficiency and density are of the remaining network.
The *area* under a curve is the mean of the metric over steps 1..N (the
curve against the share of steps done): smaller means faster disruption.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import igraph as ig

from countylines.analysis.network.graphs import Network
from countylines.analysis.network.measures import giant_share, global_efficiency, undirected

STRATEGIES = ("random", "degree", "betweenness", "set", "sequence")
RECOVERY = ("none", "random", "degree", "distance")
METRICS = ("giant_share", "efficiency", "density")


@dataclass(frozen=True)
class Step:
    """The network after one step (step 0: intact)."""

    step: int
    removed: list[str]
    ties_added: int
    nodes: int
    giant_share: float
    efficiency: float
    density: float


@dataclass(frozen=True)
class DisruptionRun:
    """One simulation: its settings and the network after each step."""

    strategy: str
    recovery: str
    p: float
    seed: int
    steps: list[Step]

    def area(self, metric: str) -> float:
        """Mean of ``metric`` over steps 1..N (area under the curve, x in [0, 1])."""
        after = self.steps[1:]
        if not after:
            return float(getattr(self.steps[0], metric))
        return sum(float(getattr(s, metric)) for s in after) / len(after)

    def to_json(self) -> dict[str, Any]:
        """Plain data for ``--json``."""
        return {
            "strategy": self.strategy,
            "recovery": self.recovery,
            "p": self.p,
            "seed": self.seed,
            "area": {m: self.area(m) for m in METRICS},
            "steps": [asdict(s) for s in self.steps],
        }


def _snapshot(
    graph: ig.Graph, step: int, removed: list[str], added: int, total: int, sample: int | None
) -> Step:
    n = graph.vcount()
    return Step(
        step=step,
        removed=removed,
        ties_added=added,
        nodes=n,
        giant_share=giant_share(graph, of=total),
        efficiency=global_efficiency(graph, sample=sample, seed=step),
        density=float(graph.density()) if n > 1 else 0.0,
    )


def _pick(graph: ig.Graph, strategy: str, rng: random.Random, cutoff: float | None) -> int:
    if strategy == "random":
        return rng.randrange(graph.vcount())
    if strategy == "degree":
        scores: Sequence[float] = graph.degree()
    else:
        scores = graph.betweenness(directed=False, cutoff=cutoff)
    top = max(scores)
    return min(v for v, s in enumerate(scores) if s == top)  # ties: first node


def _recover(
    graph: ig.Graph, orphans: list[str], recovery: str, p: float, rng: random.Random
) -> int:
    """Rewire the former neighbours ``orphans`` of removed nodes; returns ties added."""
    if recovery == "none" or p <= 0 or graph.vcount() < 2:
        return 0
    index = {name: i for i, name in enumerate(graph.vs["name"])}
    present = [index[o] for o in orphans if o in index]
    new: set[tuple[int, int]] = set()
    degrees = graph.degree()
    for u in present:
        if rng.random() >= p:
            continue
        if recovery == "distance":
            pool = [v for v in present if v != u]
        else:
            pool = [v for v in range(graph.vcount()) if v != u]
        pool = [v for v in pool if not graph.are_adjacent(u, v)]
        if not pool:
            continue
        if recovery == "degree":
            target = rng.choices(pool, weights=[degrees[v] + 1 for v in pool])[0]
        else:
            target = rng.choice(pool)
        new.add((min(u, target), max(u, target)))
    graph.add_edges(sorted(new), attributes={"weight": [1.0] * len(new)})
    return len(new)


def disrupt(
    network: Network,
    strategy: str,
    steps: int,
    *,
    targets: Sequence[str] = (),
    recovery: str = "none",
    p: float = 0.0,
    seed: int = 0,
    efficiency_sample: int | None = None,
    betweenness_cutoff: float | None = None,
) -> DisruptionRun:
    """Simulate ``steps`` steps of ``strategy`` with ``recovery`` (see the module docstring).

    ``targets`` is the chosen set for ``set`` and ``sequence``. For large
    graphs, ``efficiency_sample`` estimates efficiency from that many source
    nodes and ``betweenness_cutoff`` limits betweenness to paths that long.
    The same arguments and seed give the same run.

    Raises:
        ValueError: an unknown strategy or recovery, p outside [0, 1], or a
            target that is not a node.
    """
    if strategy not in STRATEGIES:
        raise ValueError(f"unknown strategy {strategy!r}: one of {', '.join(STRATEGIES)}")
    if recovery not in RECOVERY:
        raise ValueError(f"unknown recovery {recovery!r}: one of {', '.join(RECOVERY)}")
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p must be between 0 and 1, not {p}")
    chosen = list(dict.fromkeys(targets))
    if strategy in ("set", "sequence"):
        missing = [t for t in chosen if t not in set(network.names)]
        if not chosen or missing:
            raise ValueError(
                f"strategy {strategy!r} needs targets that are nodes"
                + (f"; not in the network: {', '.join(missing)}" if missing else "")
            )
        steps = len(chosen)  # set and sequence span the same steps: their areas compare
    graph = undirected(network.graph)
    total = graph.vcount()
    rng = random.Random(seed)
    history = [_snapshot(graph, 0, [], 0, total, efficiency_sample)]
    for step in range(1, steps + 1):
        if graph.vcount() == 0:
            break
        if strategy == "set":
            names = chosen if step == 1 else []
        elif strategy == "sequence":
            names = [chosen[step - 1]]
        else:
            names = [graph.vs[_pick(graph, strategy, rng, betweenness_cutoff)]["name"]]
        index = {name: i for i, name in enumerate(graph.vs["name"])}
        victims = [index[n] for n in names if n in index]
        orphans = sorted(
            {graph.vs[u]["name"] for v in victims for u in graph.neighbors(v)} - set(names)
        )
        graph.delete_vertices(victims)
        added = _recover(graph, orphans, recovery, p, rng)
        history.append(_snapshot(graph, step, names, added, total, efficiency_sample))
    return DisruptionRun(strategy, recovery, p, seed, history)
