"""The contact graph in igraph: built from the ``contact_pairs`` table.

Graph work is done on the reduced graph (one edge per pair of numbers that
were in contact), with numbers mapped to dense integer ids, as Splink does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import igraph as ig
import pyarrow as pa
import pyarrow.compute as pc


@dataclass(frozen=True)
class ContactGraph:
    """Undirected simple graph of numbers in contact.

    Attributes:
        graph: igraph Graph; vertex ``i`` is ``numbers[i]``.
        numbers: vertex names (E.164 or other canonical numbers).
        index: name -> vertex id.
    """

    graph: ig.Graph
    numbers: list[str]
    index: dict[str, int]

    def clustering(self, numbers: Iterable[str]) -> dict[str, float]:
        """Local clustering coefficient of each named number (0 with < 2 neighbours).

        The share of pairs of a number's contacts that are themselves in
        contact (Watts & Strogatz 1998), igraph's ``transitivity_local_undirected``.
        Numbers not in the graph are left out.
        """
        wanted = [n for n in numbers if n in self.index]
        ids = [self.index[n] for n in wanted]
        values = self.graph.transitivity_local_undirected(vertices=ids, mode="zero")
        return dict(zip(wanted, values, strict=True))


def contact_graph(pairs: pa.Table) -> ContactGraph:
    """Build the graph from a table with string columns ``number`` and ``counterparty``.

    Each row is one direction of one pair; duplicates and both directions
    collapse into a single undirected edge.
    """
    left = pairs.column("number").combine_chunks()
    right = pairs.column("counterparty").combine_chunks()
    names = pc.unique(pa.concat_arrays([left, right]))
    left_ids = pc.index_in(left, value_set=names).to_numpy(zero_copy_only=False)
    right_ids = pc.index_in(right, value_set=names).to_numpy(zero_copy_only=False)
    graph = ig.Graph(
        n=len(names), edges=list(zip(left_ids.tolist(), right_ids.tolist(), strict=True))
    )
    graph.simplify(multiple=True, loops=True)
    numbers = names.to_pylist()
    return ContactGraph(graph, numbers, {n: i for i, n in enumerate(numbers)})
