"""The engine interface and the step runner."""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

import pyarrow as pa


@dataclass(frozen=True)
class SqlStep:
    """One named step of an analysis pipeline.

    ``sql`` is a SELECT in DuckDB's dialect over earlier steps' names and the
    registered inputs; ``materialise`` asks the engine to compute it once and
    keep it (a temp table on DuckDB, a cached view on Spark) because later
    steps read it more than once.
    """

    name: str
    sql: str
    materialise: bool = False


class EngineError(Exception):
    """A step failed on an engine; the message names the engine and the step."""


class Engine(ABC):
    """Runs SQL over registered tables and returns Arrow tables.

    Subclasses supply the four primitives below; everything else (step
    running, timing, error wrapping) lives here.
    """

    name: str = "engine"
    dialect: str = "duckdb"

    @abstractmethod
    def _execute(self, sql: str) -> pa.Table:
        """Run one SELECT written in this engine's dialect."""

    @abstractmethod
    def _create(self, name: str, sql: str, materialise: bool) -> None:
        """Create or replace a temp view (or table) ``name`` from a SELECT."""

    @abstractmethod
    def register_arrow(self, name: str, table: pa.Table) -> None:
        """Make an Arrow table queryable as ``name``."""

    @abstractmethod
    def register_parquet(self, name: str, paths: Sequence[str]) -> None:
        """Make Parquet files queryable as one table ``name``."""

    def translate(self, sql: str) -> str:
        """``sql`` (DuckDB dialect) in this engine's dialect."""
        if self.dialect == "duckdb":
            return sql
        import sqlglot

        return str(sqlglot.transpile(sql, read="duckdb", write=self.dialect)[0])

    def query(self, sql: str) -> pa.Table:
        """Run a SELECT written in DuckDB's dialect; the result as Arrow.

        Raises:
            EngineError: naming this engine, with the engine's own message.
        """
        try:
            return self._execute(self.translate(sql))
        except Exception as exc:  # engines raise their own exception types
            raise EngineError(f"{self.name}: {exc}") from exc

    def create(self, step: SqlStep) -> float:
        """Create one step; returns seconds taken.

        Raises:
            EngineError: naming this engine and the step.
        """
        start = time.perf_counter()
        try:
            self._create(step.name, self.translate(step.sql), step.materialise)
        except Exception as exc:
            raise EngineError(f"{self.name}: step {step.name!r} failed: {exc}") from exc
        return time.perf_counter() - start


def run_steps(engine: Engine, steps: Sequence[SqlStep]) -> dict[str, float]:
    """Create every step in order; returns seconds per step (lazy views count ~0)."""
    return {step.name: engine.create(step) for step in steps}
