"""Bulk evidence: Parquet parts per imported file, queried through DuckDB views.

Each loaded file contributes one Parquet part under
``<workspace>/evidence/<table>/<sha256>.parquet``. Only parts registered as
*loaded* in the records database are visible: a part left behind by an
interrupted import (published but never committed) is never read, so a
half-finished import cannot leak into analysis.
"""

from __future__ import annotations

import duckdb
from sqlalchemy import select

from countylines.store.models import SourceFile
from countylines.workspace import Workspace


def evidence_parts(ws: Workspace) -> dict[str, list[str]]:
    """Evidence table -> absolute paths of its loaded Parquet parts, in import order."""
    with ws.session() as session:
        rows = session.execute(
            select(SourceFile.evidence_table, SourceFile.evidence_path)
            .where(SourceFile.status == "loaded", SourceFile.evidence_path.is_not(None))
            .order_by(SourceFile.id)
        ).all()
    parts: dict[str, list[str]] = {}
    for table, rel_path in rows:
        parts.setdefault(str(table), []).append(str(ws.root / str(rel_path)))
    return parts


def register_views(ws: Workspace, con: duckdb.DuckDBPyConnection) -> list[str]:
    """Create one DuckDB view per evidence table that has data; returns their names.

    Views: ``call_events``, ``cell_sites`` (the latest listing of each cell id),
    and those of the other sources (``street_crimes``, ``stop_searches``,
    ``crime_outcomes``) once loaded.
    """
    names = []
    for table, paths in evidence_parts(ws).items():
        listing = ", ".join("'" + p.replace("'", "''") + "'" for p in paths)
        source = f"read_parquet([{listing}], union_by_name = true)"
        if table == "cell_sites":
            con.execute(
                f"""CREATE OR REPLACE VIEW cell_sites AS
                    SELECT cell_id, latitude, longitude, site_name, azimuth_deg,
                           source_sha256, source_line
                    FROM (
                        SELECT *, row_number() OVER (
                            PARTITION BY cell_id
                            ORDER BY list_position([{listing}], filename) DESC, source_line DESC
                        ) AS listing_rank
                        FROM read_parquet([{listing}], filename = true)
                    ) WHERE listing_rank = 1"""
            )
        else:
            con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM {source}")
        names.append(table)
    return sorted(names)
