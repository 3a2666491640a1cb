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


# Police open data is re-downloaded (outcomes are updated monthly) and downloaded for
# overlapping areas. A row with an id counts once (its latest import); rows without one
# count as often as the import holding most copies of them has them (a re-download or a
# sub-area adds nothing; two copies in one file are two events).
PUBLISHED_DATA_KEYS: dict[str, str | None] = {
    "street_crimes": "crime_id",
    "crime_outcomes": None,
    "stop_searches": None,
}
PROVENANCE = ("source_sha256", "source_line")
# Carriers' exports overlap (a second request for the same number and months, or two targets'
# records of one call between them): an event is the same event when these agree, and counts
# as often as the import holding most copies of it has it, as for police open data. The
# written numbers, cells and target are left out: two layouts write them differently.
CALL_EVENT_KEY = ("start_utc", "a_number", "b_number", "kind", "duration_s")
# Reference listings (geography): a newer import replaces an older one's row with the same key.
LATEST_LISTING_KEYS: dict[str, str] = {
    "lsoa_boundaries": "lsoa_code",
    "lsoa_centroids": "lsoa_code",
    "lsoa_population": "lsoa_code",
    "postcode_lsoa": "postcode",
}


def register_views(ws: Workspace, con: duckdb.DuckDBPyConnection) -> list[str]:
    """Create one DuckDB view per evidence table that has data; returns their names.

    Views: ``call_events``, ``cell_sites`` (the latest listing of each cell id),
    and those of the other sources (``street_crimes``, ``stop_searches``,
    ``crime_outcomes``) once loaded, each row counted once across overlapping
    downloads (see ``PUBLISHED_DATA_KEYS``); geography listings (``lsoa_boundaries``,
    ``postcode_lsoa``...) keep the newest import of each key (``LATEST_LISTING_KEYS``).
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
        elif table in LATEST_LISTING_KEYS and len(paths) > 1:
            con.execute(
                f"""CREATE OR REPLACE VIEW {table} AS
                    SELECT * EXCLUDE (filename, listing_rank) FROM (
                        SELECT *, row_number() OVER (
                            PARTITION BY {LATEST_LISTING_KEYS[table]}
                            ORDER BY list_position([{listing}], filename) DESC, source_line DESC
                        ) AS listing_rank
                        FROM read_parquet([{listing}], filename = true, union_by_name = true)
                    ) WHERE listing_rank = 1"""
            )
        elif table in PUBLISHED_DATA_KEYS and len(paths) > 1:
            con.execute(_deduplicated_view_sql(con, table, listing, PUBLISHED_DATA_KEYS[table]))
        elif table == "call_events" and len(paths) > 1:
            con.execute(_deduplicated_view_sql(con, table, listing, None, CALL_EVENT_KEY))
        else:
            con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM {source}")
        names.append(table)
    return sorted(names)


def _deduplicated_view_sql(
    con: duckdb.DuckDBPyConnection,
    table: str,
    listing: str,
    id_column: str | None,
    key_columns: tuple[str, ...] | None = None,
) -> str:
    """A view counting each row once across overlapping imports: rows are the same when
    ``key_columns`` agree (default: every column but the provenance)."""
    parts = (
        f"SELECT *, list_position([{listing}], filename) AS part_no "
        f"FROM read_parquet([{listing}], filename = true, union_by_name = true)"
    )
    described = con.execute(
        f"DESCRIBE SELECT * FROM read_parquet([{listing}], union_by_name = true)"
    )
    data = [row[0] for row in described.fetchall() if row[0] not in PROVENANCE]
    if key_columns is not None:
        data = [c for c in data if c in key_columns]
    key = ", ".join(data)
    same = " AND ".join(f"p.{c} IS NOT DISTINCT FROM b.{c}" for c in data)
    without_id = f"{id_column} IS NULL" if id_column else "true"
    p_without_id = f"p.{id_column} IS NULL" if id_column else "true"
    sql = f"""
        CREATE OR REPLACE VIEW {table} AS
        WITH parts AS ({parts}),
        counted AS (
            SELECT {key}, part_no, count(*) AS copies FROM parts WHERE {without_id}
            GROUP BY {key}, part_no
        ),
        best AS (
            SELECT {key}, arg_max(part_no, copies * 1000000 + part_no) AS part_no
            FROM counted GROUP BY {key}
        )
        SELECT p.* EXCLUDE (filename, part_no)
        FROM parts p JOIN best b ON {same} AND p.part_no = b.part_no
        WHERE {p_without_id}
    """
    if id_column:
        sql += f"""
        UNION ALL BY NAME
        SELECT * EXCLUDE (filename, part_no, newest) FROM (
            SELECT *, row_number() OVER (
                PARTITION BY {id_column} ORDER BY part_no DESC, source_line DESC) AS newest
            FROM parts WHERE {id_column} IS NOT NULL
        ) WHERE newest = 1
        """
    return sql
