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

    def clustering(self, numbers: Iterable[str], min_known: int = 10) -> dict[str, float]:
        """Clustering among each number's *well-observed* contacts.

        The share of pairs of a number's contacts that are themselves in
        contact (the local clustering coefficient, Watts & Strogatz 1998),
        counting only contacts seen with someone else too (degree >= 2). Call
        data usually covers a few target handsets, so a contact seen only with
        this number could never show a link to another: counting it would make
        everyone look like strangers. Numbers with fewer than ``min_known``
        such contacts, or not in the graph, are left out (unknown).
        """
        degree = self.graph.degree()
        result: dict[str, float] = {}
        for number in numbers:
            vertex = self.index.get(number)
            if vertex is None:
                continue
            known = [v for v in self.graph.neighbors(vertex) if degree[v] >= 2]
            if len(known) < min_known:
                continue
            links = self.graph.induced_subgraph(known).ecount()
            result[number] = links / (len(known) * (len(known) - 1) / 2)
        return result


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
