"""``calls``: the workspace's call data as a network (caller -> called, weight = events)."""

from __future__ import annotations

from pathlib import Path

from countylines.analysis.network.store import CALL_TIES_SQL, call_graph
from countylines.ingest.cdr import CdrAdapter
from countylines.ingest.cdr_template import BUILTIN_DIR, load_template_file
from countylines.ingest.runner import import_file
from countylines.simulate.config import draw_config
from countylines.simulate.generator import run as simulate
from countylines.store.evidence import register_views
from countylines.workspace import Workspace


def test_call_graph_matches_the_call_events(tmp_path: Path, workspace: Workspace) -> None:
    simulate(draw_config(12, events=3_000), tmp_path / "scenario")
    adapter = CdrAdapter(load_template_file(BUILTIN_DIR / "canonical.yaml"))
    for calls in sorted((tmp_path / "scenario").glob("calls*.csv")):
        assert import_file(workspace, adapter, calls).outcome == "loaded"
    network = call_graph(workspace)
    with workspace.duckdb() as con:
        register_views(workspace, con)
        pairs = con.execute(f"SELECT count(*), sum(weight) FROM ({CALL_TIES_SQL})").fetchone()
    assert pairs is not None
    assert network.directed
    assert network.graph.ecount() == pairs[0]
    assert sum(network.graph.es["weight"]) == pairs[1]
