"""Charts for the intelligence products: line network, activity timeline, priority parts.

Each function takes picture data (plain dicts, see :mod:`countylines.store.picture`)
and returns SVG text. Output is byte-reproducible: fixed layout seed, no
timestamps in the SVG, fixed hash salt for element ids.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Mapping, Sequence
from typing import Any

import igraph as ig
import matplotlib

matplotlib.use("Agg")
import itertools

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from countylines.analysis.picture import display_number

# Colour-blind-safe palette (Okabe & Ito 2008).
ROLE_COLOURS = {
    "line number": "#D55E00",
    "line holder": "#000000",
    "runner": "#0072B2",
    "customers": "#999999",
    "cuckooed address": "#CC79A7",
}
SERIES = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")


def _svg(fig: Figure) -> str:
    """The figure as SVG text, without a date and with stable ids."""
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "countylines", "svg.fonttype": "none"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def line_network_svg(line: Mapping[str, Any]) -> str:
    """The line's people and numbers: chain, holder, runners, customers, cuckooed addresses.

    Customers are one node labelled with their count (a chart of hundreds of
    customers is unreadable). Edges: successive numbers of the chain; the
    holder and the runners to the line; runners to the addresses they stay at.
    """
    graph = ig.Graph()
    names: list[str] = []
    roles: list[str] = []
    labels: list[str] = []

    def add(key: str, role: str, label: str) -> int:
        if key in names:
            return names.index(key)
        names.append(key)
        roles.append(role)
        labels.append(label)
        return len(names) - 1

    edges: list[tuple[int, int]] = []
    numbers = [n["number"] for n in line.get("numbers", [])]
    chain = [
        add(n, "line number", f"line no. {i}\n{display_number(n)}")
        for i, n in enumerate(numbers, start=1)
    ]
    edges += list(itertools.pairwise(chain))
    hub = chain[-1] if chain else add("line", "line number", str(line.get("label", "line")))
    for h in line.get("holders", []):
        edges.append(
            (add(h["number"], "line holder", f"line holder\n{display_number(h['number'])}"), hub)
        )
    runner_nodes = {}
    for i, r in enumerate(line.get("runners", []), start=1):
        runner_nodes[r["number"]] = add(
            r["number"], "runner", f"runner {i}\n{display_number(r['number'])}"
        )
        edges.append((runner_nodes[r["number"]], hub))
    count = int(line.get("customers", {}).get("count", 0))
    if count:
        edges.append((add("customers", "customers", f"{count} customers"), hub))
    for c in line.get("cuckooed", []):
        node = add(f"cell:{c['cell_id']}", "cuckooed address", f"cuckooed?\n{c['cell_id']}")
        for number in c.get("runners", []):
            if number in runner_nodes:
                edges.append((runner_nodes[number], node))
    graph.add_vertices(len(names))
    graph.add_edges(sorted(set(edges)))
    layout = graph.layout_kamada_kawai(
        seed=[(i % 5, i // 5) for i in range(len(names))], maxiter=2000
    )
    coords = layout.coords
    fig, ax = plt.subplots(figsize=(7.4, 5.0))
    for a, b in graph.get_edgelist():
        ax.plot(
            [coords[a][0], coords[b][0]],
            [coords[a][1], coords[b][1]],
            color="#bbbbbb",
            lw=1.2,
            zorder=1,
        )
    cx = sum(x for x, _ in coords) / max(1, len(coords))
    cy = sum(y for _, y in coords) / max(1, len(coords))
    for i, (x, y) in enumerate(coords):
        size = 700 if roles[i] == "customers" else 260
        ax.scatter([x], [y], s=size, color=ROLE_COLOURS[roles[i]], zorder=2, edgecolors="white")
        # labels point away from the middle of the chart, on a white ground, so they do not
        # sit on the node or on the edges running into it
        dx, dy = x - cx, y - cy
        norm = math.hypot(dx, dy) or 1.0
        dx, dy = dx / norm, dy / norm
        ax.annotate(
            labels[i],
            (x, y),
            xytext=(18 * dx, 18 * dy),
            textcoords="offset points",
            ha="left" if dx > 0.35 else "right" if dx < -0.35 else "center",
            va="bottom" if dy > 0.35 else "top" if dy < -0.35 else "center",
            fontsize=7,
            zorder=4,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85},
        )
    for role, colour in ROLE_COLOURS.items():
        if role in roles:
            ax.scatter([], [], color=colour, label=role, s=60)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), ncols=5, fontsize=8, frameon=False)
    ax.set_axis_off()
    ax.margins(0.22)
    ax.set_title(f"{line.get('label', 'line')}: numbers and roles", fontsize=10)
    return _svg(fig)


def activity_svg(lines: Sequence[Mapping[str, Any]], title: str = "Line activity") -> str:
    """Events per day (UK local) of each line, one series per line (up to eight)."""
    fig, ax = plt.subplots(figsize=(7.5, 3.0))
    shown = 0
    for i, line in enumerate(lines[: len(SERIES)]):
        days = [dt.date.fromisoformat(d["day"]) for d in line.get("activity", [])]
        events = [int(d["events"]) for d in line.get("activity", [])]
        if not days:
            continue
        ax.plot(
            mdates.date2num(days),  # type: ignore[no-untyped-call]
            events,
            color=SERIES[i],
            lw=1.4,
            label=str(line.get("label")),
        )
        shown += 1
    ax.set_ylabel("events per day")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b %Y"))  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=7))  # type: ignore[no-untyped-call]
    ax.grid(axis="y", color="#eeeeee")
    ax.spines[["top", "right"]].set_visible(False)
    if shown:
        ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    else:
        ax.text(0.5, 0.5, "no call data for these lines", ha="center", transform=ax.transAxes)
    ax.set_title(title, fontsize=10)
    fig.autofmt_xdate()
    return _svg(fig)


def priority_svg(lines: Sequence[Mapping[str, Any]]) -> str:
    """Harm, likelihood, confidence and position of each line (grouped bars), ranked."""
    parts = ("harm", "likelihood", "confidence", "position")
    fig, ax = plt.subplots(figsize=(7.5, 0.55 * max(2, len(lines)) + 0.9))
    height = 0.2
    labels = [f"{line['rank']}. {line['label']}" for line in lines]
    for j, part in enumerate(parts):
        ys = [i + (j - 1.5) * height for i in range(len(lines))]
        ax.barh(
            ys,
            [line["priority"][part] for line in lines],
            height=height,
            color=SERIES[j],
            label=part,
        )
    for i, line in enumerate(lines):
        ax.text(
            102,
            i,
            f"score {line['priority']['score']:.0f} ({line['priority']['band']})",
            va="center",
            fontsize=8,
        )
    ax.set_yticks(range(len(lines)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 125)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xlabel("0-100")
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=8, frameon=False, ncols=4, loc="lower left", bbox_to_anchor=(0, 1.0))
    return _svg(fig)
