"""Spark engine: the same steps on a Spark cluster (or local mode for tests).

PySpark is an optional dependency (``pip install 'countylines[spark]'``); it
is imported only when this engine is made. Always run Spark with the session
time zone set to UTC (as :func:`local_session` does), so timestamps mean the
same as on DuckDB.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import pyarrow as pa

from countylines.engine.base import Engine


def local_session(cores: int = 2, memory: str = "2g") -> Any:
    """A local-mode SparkSession bound to 127.0.0.1, UI off, UTC session time.

    Raises:
        ImportError: if PySpark is not installed.
    """
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("countylines")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", memory)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", str(max(2, cores * 2)))
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )


class SparkEngine(Engine):
    """Runs steps on a SparkSession, transpiling DuckDB SQL to Spark SQL."""

    name = "spark"
    dialect = "spark"

    def __init__(self, session: Any) -> None:
        self.session = session

    def _execute(self, sql: str) -> pa.Table:
        return self.session.sql(sql).toArrow()

    def _create(self, name: str, sql: str, materialise: bool) -> None:
        frame = self.session.sql(sql)
        if materialise:
            frame = frame.cache()
        frame.createOrReplaceTempView(name)

    def register_arrow(self, name: str, table: pa.Table) -> None:
        self.session.createDataFrame(table).createOrReplaceTempView(name)

    def register_parquet(self, name: str, paths: Sequence[str]) -> None:
        self.session.read.parquet(*paths).createOrReplaceTempView(name)
