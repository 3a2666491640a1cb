"""What the hotspot modules share: police.uk categories, input checks, a private DuckDB."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

import duckdb
import pyarrow as pa

# data.police.uk categories (the "Crime type" and "Object of search" values it publishes).
DRUG_CRIME_TYPE = "Drugs"
WEAPONS_CRIME_TYPE = "Possession of weapons"
ASB_CRIME_TYPE = "Anti-social behaviour"
DRUG_SEARCH_OBJECT = "Controlled drugs"


def require_columns(table: pa.Table, name: str, columns: Sequence[str]) -> None:
    """Check that ``table`` has ``columns``.

    Raises:
        ValueError: naming the table, the missing columns and the ones it has.
    """
    missing = [c for c in columns if c not in table.column_names]
    if missing:
        raise ValueError(
            f"{name} lacks column(s) {', '.join(missing)} (it has: {', '.join(table.column_names)})"
        )


@contextmanager
def private_duckdb(**tables: pa.Table | None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A private in-memory DuckDB (UTC) with the given Arrow tables registered by name."""
    con = duckdb.connect(":memory:")
    try:
        con.execute("SET TimeZone = 'UTC'")
        for name, table in tables.items():
            if table is not None:
                con.register(name, table)
        yield con
    finally:
        con.close()


def codes_table(codes: Sequence[str]) -> pa.Table:
    """A one-column table ``lsoa_code``."""
    return pa.table({"lsoa_code": pa.array(list(codes), pa.string())})


def arrow(
    con: duckdb.DuckDBPyConnection,
    sql: str,
    params: Sequence[object] | Mapping[str, object] | None = None,
) -> pa.Table:
    """Run ``sql`` and return Arrow; named parameters the SQL does not use are left out."""
    if isinstance(params, Mapping):
        params = {k: v for k, v in params.items() if re.search(rf"\${k}\b", sql)}
    return con.sql(sql, params=params or None).to_arrow_table()
