"""Charts: the network with its top nodes marked, and disruption curves.

Drawn with matplotlib (Agg, no display needed); PNG or SVG by the file's suffix.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from countylines.analysis.network.disruption import DisruptionRun
from countylines.analysis.network.graphs import Network
from countylines.analysis.network.measures import Measures, undirected

FORMATS = (".png", ".svg")


def check_path(path: Path) -> None:
    """Raise ValueError unless ``path`` ends in .png or .svg."""
    if path.suffix.lower() not in FORMATS:
        raise ValueError(f"{path}: the chart file must end in .png or .svg")


def plot_network(
    network: Network, measures: Measures, path: Path, by: str = "betweenness", top: int = 10
) -> None:
    """Draw the network (Fruchterman-Reingold layout, seeded), node size by ``by``.

    The ``top`` nodes by ``by`` are drawn in red and labelled; colours of the
    others follow their Leiden community.
    """
    check_path(path)
    view = undirected(network.graph)
    state = random.getstate()
    random.seed(0)  # igraph draws the start layout from Python's random: same picture each run
    try:
        layout = view.layout_fruchterman_reingold(niter=500, grid=False)
    finally:
        random.setstate(state)
    coords = layout.coords
    scores = [float(getattr(m, by)) for m in measures.nodes]
    peak = max(scores) if scores and max(scores) > 0 else 1.0
    leaders = {m.name for m in measures.top(by, top)}
    fig, ax = plt.subplots(figsize=(10, 8))
    for edge in view.es:
        (x1, y1), (x2, y2) = coords[edge.source], coords[edge.target]
        ax.plot([x1, x2], [y1, y2], color="#bbbbbb", linewidth=0.6, zorder=1)
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    colours = [
        "#d62728" if m.name in leaders else plt.get_cmap("Pastel2")(m.community % 8)
        for m in measures.nodes
    ]
    sizes = [20 + 400 * s / peak for s in scores]
    ax.scatter(xs, ys, s=sizes, c=colours, edgecolors="black", linewidths=0.4, zorder=2)
    for m, x, y in zip(measures.nodes, xs, ys, strict=True):
        if m.name in leaders:
            ax.annotate(m.name, (x, y), xytext=(4, 4), textcoords="offset points", fontsize=9)
    ax.set_title(f"size: {by}; red and labelled: top {len(leaders)}")
    ax.set_axis_off()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def plot_disruption(runs: Sequence[DisruptionRun], path: Path, metric: str) -> None:
    """``metric`` against step, one line per run (strategy), areas in the legend."""
    check_path(path)
    fig, ax = plt.subplots(figsize=(8, 5))
    for run in runs:
        xs = [s.step for s in run.steps]
        ys = [float(getattr(s, metric)) for s in run.steps]
        label = f"{run.strategy} (area {run.area(metric):.3f})"
        ax.plot(xs, ys, marker=".", label=label)
    recovery = runs[0].recovery if runs else "none"
    extra = f", recovery {recovery} p={runs[0].p}" if runs and recovery != "none" else ""
    ax.set_xlabel("step (nodes removed)")
    ax.set_ylabel(metric.replace("_", " "))
    ax.set_title(f"{metric.replace('_', ' ')} after each removal{extra}")
    ax.legend()
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
