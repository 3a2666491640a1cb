"""Reading published criminal networks into igraph.

Two layouts are read:

* **Edge lists**: a CSV with a header holding ``source`` and ``target``, and
  optionally ``weight`` and ``phase`` (e.g. CAVIAR's long form
  ``phase,source,target,weight``; Natarajan's ``source,target[,weight]``).
  Repeated pairs are summed.
* **Adjacency matrices** (UCINET style): the first row and first column are
  the node labels (the top-left cell is a caption such as ``players`` or
  empty); cell ``(i, j)`` is the weight of the tie ``i -> j`` (0 = none).

Every network is a :class:`Network`: an igraph ``Graph`` with vertex
attribute ``name`` and edge attribute ``weight`` (1.0 when unweighted).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import igraph as ig


class NetworkFormatError(ValueError):
    """A network file that cannot be read; the message names file, line and column."""


@dataclass(frozen=True)
class Network:
    """A named network: the igraph graph and how it was read.

    Attributes:
        graph: vertex attribute ``name``, edge attribute ``weight``.
        directed: ties have a direction (``source -> target``).
        weighted: weights are meaningful (not all 1).
    """

    graph: ig.Graph
    directed: bool
    weighted: bool

    @property
    def names(self) -> list[str]:
        """Node labels, in vertex order."""
        return list(self.graph.vs["name"]) if self.graph.vcount() else []


def from_edges(
    edges: Iterable[tuple[str, str, float]],
    *,
    directed: bool,
    nodes: Sequence[str] = (),
) -> Network:
    """Build a network from ``(source, target, weight)`` triples.

    Repeated ties are summed (both directions into one tie when undirected);
    self-loops are dropped. ``nodes`` adds isolated nodes (and fixes the order
    of the nodes it names).
    """
    order: dict[str, int] = {n: i for i, n in enumerate(dict.fromkeys(nodes))}
    totals: dict[tuple[int, int], float] = {}
    for source, target, weight in edges:
        if source == target:
            continue
        a = order.setdefault(source, len(order))
        b = order.setdefault(target, len(order))
        key = (a, b) if directed or a < b else (b, a)
        totals[key] = totals.get(key, 0.0) + weight
    graph = ig.Graph(n=len(order), edges=list(totals), directed=directed)
    graph.vs["name"] = list(order)
    graph.es["weight"] = list(totals.values())
    weighted = any(w != 1.0 for w in totals.values())
    return Network(graph, directed, weighted)


def read_network(path: Path, *, directed: bool | None = None, phase: int | None = None) -> Network:
    """Read an edge list or an adjacency matrix (see the module docstring).

    Args:
        path: the CSV file.
        directed: treat ties as directed; default: a matrix is directed when it
            is not symmetric, an edge list is undirected.
        phase: keep only rows of this ``phase`` (edge lists with a phase
            column); default: all phases, summed.

    Raises:
        NetworkFormatError: naming the file, line and column of the problem.
    """
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise NetworkFormatError(f"{path}: cannot read: {exc}") from exc
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise NetworkFormatError(f"{path}: empty file")
    header = [cell.strip().lower() for cell in rows[0]]
    if "source" in header and "target" in header:
        return _edge_list(path, rows, header, directed, phase)
    if phase is not None:
        raise NetworkFormatError(f"{path}: --phase needs an edge list with a 'phase' column")
    return _matrix(path, rows, directed)


def _number(path: Path, line: int, column: str, text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise NetworkFormatError(
            f"{path}: line {line}, column {column}: {text!r} is not a non-negative number"
        )
    return value


def _edge_list(
    path: Path, rows: list[list[str]], header: list[str], directed: bool | None, phase: int | None
) -> Network:
    src, dst = header.index("source"), header.index("target")
    wcol = header.index("weight") if "weight" in header else None
    pcol = header.index("phase") if "phase" in header else None
    if phase is not None and pcol is None:
        raise NetworkFormatError(f"{path}: --phase given but the file has no 'phase' column")
    edges: list[tuple[str, str, float]] = []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise NetworkFormatError(
                f"{path}: line {line}: {len(row)} columns where the header has {len(header)}"
            )
        if (
            pcol is not None
            and phase is not None
            and _number(path, line, "phase", row[pcol].strip()) != phase
        ):
            continue
        source, target = row[src].strip(), row[dst].strip()
        for column, value in (("source", source), ("target", target)):
            if not value:
                raise NetworkFormatError(f"{path}: line {line}, column {column}: empty")
        weight = 1.0 if wcol is None else _number(path, line, "weight", row[wcol].strip())
        if weight > 0:
            edges.append((source, target, weight))
    if not edges:
        which = f" for phase {phase}" if phase is not None else ""
        raise NetworkFormatError(f"{path}: no ties{which}")
    return from_edges(edges, directed=bool(directed))


def _matrix(path: Path, rows: list[list[str]], directed: bool | None) -> Network:
    labels = [cell.strip() for cell in rows[0][1:]]
    if not labels or len(set(labels)) != len(labels) or "" in labels:
        raise NetworkFormatError(
            f"{path}: line 1: neither an edge list (no 'source' and 'target' columns) nor "
            "an adjacency matrix (labels missing or repeated)"
        )
    if len(rows) - 1 != len(labels):
        raise NetworkFormatError(
            f"{path}: {len(rows) - 1} matrix rows for {len(labels)} column labels"
        )
    values: dict[tuple[str, str], float] = {}
    for line, row in enumerate(rows[1:], start=2):
        label = row[0].strip()
        if label != labels[line - 2]:
            raise NetworkFormatError(
                f"{path}: line {line}, column 1: row label {label!r} where the header "
                f"has {labels[line - 2]!r} (rows must follow the column order)"
            )
        if len(row) != len(labels) + 1:
            raise NetworkFormatError(
                f"{path}: line {line}: {len(row)} cells where {len(labels) + 1} are needed"
            )
        for col, (target, cell) in enumerate(zip(labels, row[1:], strict=True), start=2):
            weight = _number(path, line, f"{col} ({target})", cell.strip() or "0")
            if weight > 0:
                values[(label, target)] = weight
    symmetric = all(values.get((b, a)) == w for (a, b), w in values.items())
    if directed is None:
        directed = not symmetric
    if not directed and symmetric:  # each tie is written twice: count it once
        index = {n: i for i, n in enumerate(labels)}
        values = {(a, b): w for (a, b), w in values.items() if index[a] < index[b]}
    return from_edges(((a, b, w) for (a, b), w in values.items()), directed=directed, nodes=labels)
