"""Key players: Borgatti's KPP-1 (fragmentation), and the effect of removing a set.

Borgatti, S. P. (2006). Identifying sets of key players in a social network.
*Computational and Mathematical Organization Theory* 12(1), 21-34.

KPP-1 asks for the ``k`` nodes whose removal most fragments the network.
Fragmentation (Borgatti's ``F``) is the share of pairs of remaining nodes
that can no longer reach each other::

    F = 1 - sum_k s_k (s_k - 1) / (n (n - 1))

over the components (sizes ``s_k``) of the ``n`` remaining nodes. The search
is Borgatti's: a start set improved by swaps (a member for a non-member)
while any swap raises ``F``. Here the start is greedy (add the node that
raises ``F`` most, ties broken by betweenness) and swaps are tried in a
seeded random order, so a seed gives the same answer every time.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass

import igraph as ig

from countylines.analysis.network.graphs import Network
from countylines.analysis.network.measures import giant_share, global_efficiency, undirected


@dataclass(frozen=True)
class RemovalEffect:
    """What removing ``removed`` does to the network (undirected view)."""

    removed: list[str]
    fragmentation_before: float
    fragmentation_after: float
    giant_share_before: float
    giant_share_after: float
    efficiency_before: float
    efficiency_after: float


@dataclass(frozen=True)
class KeyPlayers:
    """The KPP-1 answer: the set, its fragmentation, and the search that found it."""

    players: list[str]
    fragmentation: float
    effect: RemovalEffect
    swaps: int
    seed: int


def fragmentation(graph: ig.Graph) -> float:
    """Borgatti's ``F`` for ``graph`` (0: all connected; 1: no ties)."""
    n: int = graph.vcount()
    if n < 2:
        return 1.0 if n else 0.0
    sizes = graph.connected_components(mode="weak").sizes()
    return 1.0 - float(sum(s * (s - 1) for s in sizes)) / (n * (n - 1))


def _without(graph: ig.Graph, vertices: Iterable[int]) -> ig.Graph:
    rest = graph.copy()
    rest.delete_vertices(list(vertices))
    return rest


def removal_effect(network: Network, names: Iterable[str]) -> RemovalEffect:
    """Fragmentation, giant-component share and efficiency before and after removal.

    The giant share after is of the *original* node count.

    Raises:
        KeyError: a name that is not a node.
    """
    view = undirected(network.graph)
    index = {name: i for i, name in enumerate(network.names)}
    chosen = list(dict.fromkeys(names))
    missing = [n for n in chosen if n not in index]
    if missing:
        raise KeyError(f"not in the network: {', '.join(missing)}")
    rest = _without(view, (index[n] for n in chosen))
    return RemovalEffect(
        removed=chosen,
        fragmentation_before=fragmentation(view),
        fragmentation_after=fragmentation(rest),
        giant_share_before=giant_share(view),
        giant_share_after=giant_share(rest, of=view.vcount()),
        efficiency_before=global_efficiency(view),
        efficiency_after=global_efficiency(rest),
    )


def key_players(network: Network, k: int, seed: int = 0, max_passes: int = 50) -> KeyPlayers:
    """The ``k`` nodes whose removal most fragments the network (KPP-1, greedy + swaps).

    Raises:
        ValueError: ``k`` not between 1 and the number of nodes.
    """
    view = undirected(network.graph)
    n = view.vcount()
    if not 1 <= k <= n:
        raise ValueError(f"k must be between 1 and {n} (the nodes in the network), not {k}")
    betweenness = view.betweenness(directed=False)
    chosen: list[int] = []
    for _ in range(k):
        candidates = [v for v in range(n) if v not in chosen]
        best = max(
            candidates,
            key=lambda v: (fragmentation(_without(view, [*chosen, v])), betweenness[v], -v),
        )
        chosen.append(best)
    score = fragmentation(_without(view, chosen))
    rng = random.Random(seed)
    swaps = 0
    for _ in range(max_passes):
        improved = False
        moves = [(i, v) for i in range(k) for v in range(n) if v not in chosen]
        rng.shuffle(moves)
        for i, v in moves:
            if v in chosen:
                continue
            trial = [*chosen[:i], v, *chosen[i + 1 :]]
            value = fragmentation(_without(view, trial))
            if value > score + 1e-12:
                chosen, score, improved = trial, value, True
                swaps += 1
        if not improved:
            break
    names = [network.names[v] for v in chosen]
    return KeyPlayers(names, score, removal_effect(network, names), swaps, seed)
