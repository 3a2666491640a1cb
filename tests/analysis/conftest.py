"""Engines for analysis tests: DuckDB always; Spark (local mode) created once, lazily."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import duckdb
import pytest

from countylines.engine.duckdb_engine import DuckDBEngine


@pytest.fixture
def duck() -> Iterator[DuckDBEngine]:
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    yield DuckDBEngine(con)
    con.close()


@pytest.fixture(scope="session")
def spark_session() -> Iterator[Any]:
    pytest.importorskip("pyspark", reason="PySpark not installed (pip install -e '.[dev]')")
    from countylines.engine.spark_engine import local_session

    session = local_session(cores=2, memory="1g")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
