"""DuckDB engine: the default, in-process."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pyarrow as pa

from countylines.engine.base import Engine


class DuckDBEngine(Engine):
    """Runs steps on a DuckDB connection (its settings are the caller's)."""

    name = "duckdb"
    dialect = "duckdb"

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def _execute(self, sql: str) -> pa.Table:
        return self.con.sql(sql).to_arrow_table()

    def _create(self, name: str, sql: str, materialise: bool) -> None:
        kind = "TABLE" if materialise else "VIEW"
        self.con.execute(f"CREATE OR REPLACE TEMP {kind} {name} AS {sql}")

    def register_arrow(self, name: str, table: pa.Table) -> None:
        self.con.register(f"{name}__arrow", table)
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {name}__arrow")
        self.con.unregister(f"{name}__arrow")

    def register_parquet(self, name: str, paths: Sequence[str]) -> None:
        listing = ", ".join("'" + p.replace("'", "''") + "'" for p in paths)
        self.con.execute(
            f"CREATE OR REPLACE TEMP VIEW {name} AS "
            f"SELECT * FROM read_parquet([{listing}], union_by_name = true)"
        )
