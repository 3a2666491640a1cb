"""Real call logs of ordinary phones: no deal line may be reported without evidence.

The Nodobo study logged the calls of 27 students' handsets (Glasgow 2010-11);
none of them ran a deal line. bandicoot's demo records are synthetic but
ordinary.
"""

from __future__ import annotations

from tests.conftest import shared

from countylines.analysis.lines import detect_lines
from countylines.analysis.settings import load_detection_settings
from countylines.engine.duckdb_engine import DuckDBEngine
from countylines.ingest.cdr import CdrAdapter
from countylines.ingest.cdr_template import BUILTIN_DIR, load_template_file
from countylines.ingest.cells import CellSiteAdapter
from countylines.ingest.runner import import_file
from countylines.store.evidence import register_views
from countylines.workspace import Workspace


def test_no_deal_line_in_the_nodobo_students_phones(workspace: Workspace) -> None:
    adapter = CdrAdapter(load_template_file(BUILTIN_DIR / "nodobo.yaml"))
    assert (
        import_file(workspace, adapter, shared("cdr/nodobo/nodobo_calls.csv")).rows_loaded > 12_000
    )
    with workspace.duckdb() as con:
        register_views(workspace, con)
        detection = detect_lines(DuckDBEngine(con), load_detection_settings())
    assert detection.lines == []
    # the busiest handsets were scored, and each score states its evidence
    assert detection.scores
    assert all(s.evidence and s.score < 60 for s in detection.scores)


def test_no_deal_line_in_bandicoots_records(workspace: Workspace) -> None:
    folder = shared("cdr/bandicoot")
    import_file(workspace, CellSiteAdapter(), folder / "antennas.csv")
    adapter = CdrAdapter(load_template_file(BUILTIN_DIR / "bandicoot.yaml"))
    for name in ("A.csv", "ego.csv"):
        import_file(workspace, adapter, folder / name)
    with workspace.duckdb() as con:
        register_views(workspace, con)
        assert detect_lines(DuckDBEngine(con), load_detection_settings()).lines == []
