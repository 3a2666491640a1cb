"""End to end: a simulated scenario through the real ingest, then line detection.

The truth comes from the simulator, which the detector never sees; the seed
is not one used while tuning (1-9).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from countylines.analysis.lines import Detection, detect_lines
from countylines.analysis.settings import load_detection_settings
from countylines.engine.duckdb_engine import DuckDBEngine
from countylines.ingest.cdr import CdrAdapter
from countylines.ingest.cdr_template import BUILTIN_DIR, load_template_file
from countylines.ingest.cells import CellSiteAdapter
from countylines.ingest.runner import import_file
from countylines.simulate.config import draw_config
from countylines.simulate.evaluate import evaluate
from countylines.simulate.generator import run as simulate
from countylines.store.evidence import evidence_parts, register_views
from countylines.workspace import Workspace

SEED = 31


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scenario")
    simulate(draw_config(SEED, events=150_000), folder)
    return folder


@pytest.fixture
def loaded(scenario: Path, workspace: Workspace) -> Workspace:
    assert import_file(workspace, CellSiteAdapter(), scenario / "cells.csv").outcome == "loaded"
    adapter = CdrAdapter(load_template_file(BUILTIN_DIR / "canonical.yaml"))
    for calls in sorted(scenario.glob("calls*.csv")):
        result = import_file(workspace, adapter, calls)
        assert (result.outcome, result.rows_rejected) == ("loaded", 0), result.message
    return workspace


def detect(ws: Workspace) -> Detection:
    with ws.duckdb() as con:
        register_views(ws, con)
        return detect_lines(DuckDBEngine(con), load_detection_settings())


def test_simulated_lines_are_found_with_their_roles(scenario: Path, loaded: Workspace) -> None:
    truth = json.loads((scenario / "truth.json").read_text())
    detection = detect(loaded)
    lines = [line.to_json() for line in detection.lines]
    ev = evaluate(truth, lines, {})
    assert ev.deal_numbers.recall == 1.0 and ev.deal_numbers.precision == 1.0, lines
    assert ev.chaining_accuracy == 1.0
    assert ev.holder_accuracy >= 0.75
    assert ev.runners.precision >= 0.9 and ev.runners.recall >= 0.7
    for line in lines:
        assert line["evidence"], "every line says why"
        assert line["status"] in {"active", "dormant", "closed"}
        times = [n["first_seen"] for n in line["numbers"]]
        assert times == sorted(times)


@pytest.mark.spark
def test_spark_finds_the_same_lines(loaded: Workspace, spark_session: Any) -> None:
    from countylines.engine.spark_engine import SparkEngine

    on_duckdb = [line.to_json() for line in detect(loaded).lines]
    engine = SparkEngine(spark_session)
    engine.register_parquet("call_events", evidence_parts(loaded)["call_events"])
    on_spark = [line.to_json() for line in detect_lines(engine, load_detection_settings()).lines]
    assert on_spark == on_duckdb
