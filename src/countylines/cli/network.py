"""``countylines network``: import criminal networks, measure them, find key players, disrupt."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from countylines.analysis.network.disruption import METRICS, RECOVERY, STRATEGIES, disrupt
from countylines.analysis.network.graphs import Network, NetworkFormatError, read_network
from countylines.analysis.network.keyplayers import key_players
from countylines.analysis.network.measures import RANKABLE, measure
from countylines.analysis.network.store import (
    NetworkStoreError,
    list_networks,
    load_network,
    save_network,
)
from countylines.cli.common import JsonOption, console, open_workspace, out, print_json
from countylines.workspace import Workspace

app = typer.Typer(
    help="Criminal networks: import, measures, key players, disruption (docs/network.md).",
    no_args_is_help=True,
)
NameArg = typer.Argument(..., help="A stored network's name, or 'calls' for the call data.")
SeedOption = typer.Option(0, "--seed", help="Random seed (same seed, same result).")


def _fail(message: str) -> typer.Exit:
    console.print(f"[red]error:[/red] {escape(message)}")
    return typer.Exit(2)


def _check_plot(plot: Path | None) -> None:
    """Refuse a chart file that cannot be written, before any work is done.

    Raises:
        typer.Exit: code 2, naming the problem.
    """
    if plot is None:
        return
    if plot.suffix.lower() not in (".png", ".svg"):
        raise _fail(f"--plot {plot}: give a .png or .svg file")
    if not plot.parent.is_dir():
        raise _fail(f"--plot {plot}: no folder {plot.parent} to write the chart in")


def _load(ws: Workspace, name: str) -> Network:
    try:
        return load_network(ws, name)
    except NetworkStoreError as exc:
        raise _fail(str(exc)) from exc


@app.command("import")
def import_network(
    ctx: typer.Context,
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="Edge list or matrix CSV."),
    name: str = typer.Option(..., "--name", help="Name to store it under."),
    directed: bool | None = typer.Option(
        None,
        "--directed/--undirected",
        help="Ties have a direction (default: matrix directed if asymmetric; edge list not).",
        show_default=False,
    ),
    phase: int | None = typer.Option(None, "--phase", help="Only this phase (long edge lists)."),
    replace: bool = typer.Option(False, "--replace", help="Overwrite a network of that name."),
    as_json: bool = JsonOption,
) -> None:
    """Store a published network (edge list or UCINET-style matrix) in the workspace."""
    try:
        network = read_network(file, directed=directed, phase=phase)
    except NetworkFormatError as exc:
        raise _fail(str(exc)) from exc
    with open_workspace(ctx) as ws:
        try:
            record = save_network(ws, name, network, file, phase=phase, replace=replace)
        except NetworkStoreError as exc:
            raise _fail(str(exc)) from exc
    if as_json:
        print_json(record)
        return
    kind = "directed" if record.directed else "undirected"
    weights = "weighted" if record.weighted else "unweighted"
    console.print(
        f"stored network {escape(name)}: {record.nodes} nodes, {record.edges} ties "
        f"({kind}, {weights}) from {escape(file.name)}"
    )


@app.command("list")
def list_cmd(ctx: typer.Context, as_json: bool = JsonOption) -> None:
    """List the networks stored in the workspace."""
    with open_workspace(ctx) as ws:
        records = list_networks(ws)
    if as_json:
        print_json({"networks": records})
        return
    if not records:
        out.print("No networks stored: `countylines network import FILE --name NAME` first.")
        return
    table = Table("name", "nodes", "ties", "directed", "weighted", "phase", "file", "imported")
    for r in records:
        table.add_row(
            escape(r.name),
            str(r.nodes),
            str(r.edges),
            "yes" if r.directed else "no",
            "yes" if r.weighted else "no",
            "" if r.phase is None else str(r.phase),
            escape(r.source_file),
            r.imported_at,
        )
    out.print(table)


@app.command("measures")
def measures_cmd(
    ctx: typer.Context,
    name: str = NameArg,
    top: int = typer.Option(15, "--top", min=1, help="Nodes to show on screen (JSON has all)."),
    by: str = typer.Option(
        "betweenness", "--by", help="Measure to rank nodes by (see docs/network.md)."
    ),
    plot: Path | None = typer.Option(None, "--plot", help="Draw the network to FILE.png/.svg."),
    seed: int = SeedOption,
    as_json: bool = JsonOption,
) -> None:
    """Per-node centralities, cores, communities and brokers; whole-network measures."""
    _check_plot(plot)
    with open_workspace(ctx) as ws:
        network = _load(ws, name)
    if by not in RANKABLE:
        raise _fail(f"unknown measure {by!r}: one of {', '.join(RANKABLE)}")
    result = measure(network, seed=seed)
    if plot is not None:
        from countylines.analysis.network.plots import plot_network

        try:
            plot_network(network, result, plot, by=by, top=min(top, 10))
        except (ValueError, OSError) as exc:
            raise _fail(f"cannot write chart {plot}: {exc}") from exc
    if as_json:
        print_json(result.to_json())
        return
    g = result.graph
    out.print(
        f"[bold]{escape(name)}[/bold]: {g.nodes} nodes, {g.edges} ties, density {g.density:.3f}, "
        f"{g.components} components (giant {g.giant_share:.0%}), efficiency {g.efficiency:.3f}"
    )
    out.print(
        f"centralisation: degree {g.degree_centralisation:.3f}, betweenness "
        f"{g.betweenness_centralisation:.3f}; {g.communities} communities "
        f"(modularity {g.modularity:.3f})"
    )
    table = Table(
        "node",
        "degree",
        "in",
        "out",
        "strength",
        "betweenness",
        "w.betw.",
        "closeness",
        "eigenvector",
        "core",
        "community",
        "broker",
    )
    for m in result.top(by, top):
        table.add_row(
            escape(m.name), str(m.degree), str(m.in_degree), str(m.out_degree),
            f"{m.strength:g}", f"{m.betweenness:.3f}", f"{m.weighted_betweenness:.3f}",
            f"{m.closeness:.3f}", f"{m.eigenvector:.3f}", str(m.coreness), str(m.community),
            f"yes ({m.communities_reached})" if m.broker else "",
        )  # fmt: skip
    out.print(table)
    if plot is not None:
        console.print(f"chart written to {escape(str(plot))}")


@app.command("keyplayers")
def keyplayers_cmd(
    ctx: typer.Context,
    name: str = NameArg,
    k: int = typer.Option(..., "--k", min=1, help="How many key players to find."),
    seed: int = SeedOption,
    as_json: bool = JsonOption,
) -> None:
    """The k nodes whose removal most fragments the network (Borgatti's KPP-1)."""
    with open_workspace(ctx) as ws:
        network = _load(ws, name)
    try:
        result = key_players(network, k, seed=seed)
    except ValueError as exc:
        raise _fail(str(exc)) from exc
    if as_json:
        print_json(result)
        return
    e = result.effect
    out.print(f"[bold]key players[/bold] (KPP-1, k={k}): {escape(', '.join(result.players))}")
    out.print(
        f"fragmentation {e.fragmentation_before:.3f} -> {e.fragmentation_after:.3f}; "
        f"giant component {e.giant_share_before:.0%} -> {e.giant_share_after:.0%}; "
        f"efficiency {e.efficiency_before:.3f} -> {e.efficiency_after:.3f}"
    )


@app.command("disrupt")
def disrupt_cmd(
    ctx: typer.Context,
    name: str = NameArg,
    strategy: str = typer.Option(
        "betweenness", "--strategy", help=f"One of {', '.join(STRATEGIES)}, or all."
    ),
    steps: int = typer.Option(10, "--steps", min=1, help="Removal steps."),
    targets: str = typer.Option(
        "", "--targets", help="Comma-separated nodes for the set and sequence strategies."
    ),
    recovery: str = typer.Option("none", "--recovery", help=f"One of {', '.join(RECOVERY)}."),
    p: float = typer.Option(0.0, "--p", min=0.0, max=1.0, help="Rewiring probability."),
    metric: str = typer.Option(
        "giant_share", "--metric", help=f"Metric to chart: {', '.join(METRICS)}."
    ),
    plot: Path | None = typer.Option(None, "--plot", help="Chart to FILE.png/.svg."),
    seed: int = SeedOption,
    as_json: bool = JsonOption,
) -> None:
    """Remove nodes step by step and measure what is left (Duijn et al. 2014)."""
    _check_plot(plot)
    if metric not in METRICS:
        raise _fail(f"unknown metric {metric!r}: one of {', '.join(METRICS)}")
    if recovery != "none" and p == 0:
        raise _fail(f"--recovery {recovery} needs --p above 0 (the rewiring probability)")
    chosen = [t.strip() for t in targets.split(",") if t.strip()]
    if strategy == "all":
        strategies = [s for s in STRATEGIES if s in ("random", "degree", "betweenness") or chosen]
    else:
        strategies = [strategy]
    with open_workspace(ctx) as ws:
        network = _load(ws, name)
    try:
        runs = [
            disrupt(network, s, steps, targets=chosen, recovery=recovery, p=p, seed=seed)
            for s in strategies
        ]
    except ValueError as exc:
        raise _fail(str(exc)) from exc
    if plot is not None:
        from countylines.analysis.network.plots import plot_disruption

        try:
            plot_disruption(runs, plot, metric)
        except (ValueError, OSError) as exc:
            raise _fail(f"cannot write chart {plot}: {exc}") from exc
    if as_json:
        print_json({"network": name, "runs": [r.to_json() for r in runs]})
        return
    table = Table("strategy", "steps", *(f"area {m}" for m in METRICS), f"final {metric}")
    for r in runs:
        table.add_row(
            r.strategy,
            str(len(r.steps) - 1),
            *(f"{r.area(m):.3f}" for m in METRICS),
            f"{getattr(r.steps[-1], metric):.3f}",
        )
    out.print(f"[bold]{escape(name)}[/bold]: recovery {recovery} (p={p}), seed {seed}")
    out.print(table)
    out.print("Area: mean of the metric over the steps; smaller means faster disruption.")
    if plot is not None:
        console.print(f"chart written to {escape(str(plot))}")
