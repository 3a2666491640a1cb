"""Post-operation resilience: the lines' network without the people arrested.

After a day of action, what is left? The network measures of
:mod:`countylines.analysis.network` are re-run on the operation's network
with the arrested people's numbers removed: Borgatti's fragmentation, the
giant-component share and global efficiency before and after
(:func:`~countylines.analysis.network.keyplayers.removal_effect`), the whole
network's measures after, and who is now most central among those left
(betweenness), with the closed deal numbers among them marked. Duijn,
Kashirin & Sloot (2014) warn that a disrupted network can recover, even
become more efficient; the numbers left at the centre are where it would
recover from.

Per line it also says what is left: its holder (arrested or not), runners not
arrested (possible victims still in the line), and deal numbers not closed.

Pure: a network and records in, a :class:`Resilience` out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from countylines.analysis.network.graphs import Network, from_edges
from countylines.analysis.network.keyplayers import RemovalEffect, removal_effect
from countylines.analysis.network.measures import GraphMeasures, NodeMeasures, measure
from countylines.operations.records import Closure, LineRef


@dataclass(frozen=True)
class LineRemains:
    """What is left of one line after the operation."""

    line_id: str
    label: str
    holder_arrested: bool
    holders_left: list[str]
    runners_left: list[str]
    numbers_open: list[str]
    closed: bool


@dataclass(frozen=True)
class Resilience:
    """The operation's network before and after removing the arrested people's numbers."""

    removed: list[str]
    not_in_network: list[str]
    effect: RemovalEffect | None
    before: GraphMeasures
    after: GraphMeasures
    most_central_left: list[NodeMeasures]
    lines: list[LineRemains]
    closed_numbers: list[str]

    def to_json(self) -> dict[str, Any]:
        """Plain data."""
        return {
            "removed": self.removed,
            "not_in_network": self.not_in_network,
            "effect": asdict(self.effect) if self.effect else None,
            "before": asdict(self.before),
            "after": asdict(self.after),
            "most_central_left": [asdict(m) for m in self.most_central_left],
            "lines": [asdict(x) for x in self.lines],
            "closed_numbers": self.closed_numbers,
        }


def without(network: Network, names: Iterable[str]) -> Network:
    """A copy of ``network`` without the nodes ``names`` (those not in it are ignored)."""
    drop = set(names)
    graph = network.graph.copy()
    graph.delete_vertices([v.index for v in graph.vs if v["name"] in drop])
    return Network(graph, network.directed, network.weighted)


def resilience(
    network: Network,
    arrested_numbers: Iterable[str],
    lines: Sequence[LineRef] = (),
    closures: Sequence[Closure] = (),
    top: int = 5,
    seed: int = 0,
) -> Resilience:
    """Re-run the measures without ``arrested_numbers`` (see the module docstring)."""
    names = set(network.names)
    arrested = sorted(set(arrested_numbers))
    present = [n for n in arrested if n in names]
    rest = without(network, present)
    before = measure(network, seed)
    after = measure(rest, seed)
    effect = removal_effect(network, present) if present else None
    closed = {n for c in closures for n in c.numbers}
    closed_lines = {c.line_id for c in closures}
    gone = set(arrested)
    remains = [
        LineRemains(
            line_id=line.line_id,
            label=line.label,
            holder_arrested=bool(gone.intersection(line.holder_numbers)),
            holders_left=[n for n in line.holder_numbers if n not in gone],
            runners_left=[n for n in line.runner_numbers if n not in gone],
            numbers_open=[n for n in line.numbers if n not in closed],
            closed=line.line_id in closed_lines,
        )
        for line in lines
    ]
    return Resilience(
        removed=present,
        not_in_network=[n for n in arrested if n not in names],
        effect=effect,
        before=before.graph,
        after=after.graph,
        most_central_left=after.top("betweenness", top) if after.nodes else [],
        lines=remains,
        closed_numbers=sorted(closed & names),
    )


def line_network(
    ties: Iterable[tuple[str, str, float]], lines: Sequence[LineRef], customers: Iterable[str] = ()
) -> Network:
    """The operation's network: ties among its lines' numbers, holders, runners and customers.

    ``ties`` are (caller, called, events) from the call data; only ties with
    both ends among the lines' people are kept; the lines' own numbers are
    nodes even without a tie.
    """
    people = {
        n for line in lines for n in (*line.numbers, *line.holder_numbers, *line.runner_numbers)
    }
    people |= set(customers)
    kept = [(a, b, w) for a, b, w in ties if a in people and b in people]
    staff = sorted(
        {n for line in lines for n in (*line.numbers, *line.holder_numbers, *line.runner_numbers)}
    )
    return from_edges(kept, directed=True, nodes=staff)
