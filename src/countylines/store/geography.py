"""Geography from a workspace: the small tables hotspot analysis and maps work on.

:func:`load_geography` reads what ``countylines ingest geography`` loaded
(through the evidence views of :mod:`countylines.store.evidence`, so the
newest import of each LSOA or postcode wins) into Arrow tables. The postcode
lookup itself can be millions of rows (a national ONSPD); only its summary
per LSOA is loaded, and :func:`lookup_postcodes` answers for given postcodes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from countylines.domain.geography import normalise_postcode
from countylines.store.evidence import register_views
from countylines.workspace import Workspace

BOUNDARY_COLUMNS = (
    "lsoa_code",
    "lsoa_name",
    "local_authority_name",
    "lsoa_vintage",
    "geometry_wkb",
    "min_longitude",
    "min_latitude",
    "max_longitude",
    "max_latitude",
    "label_longitude",
    "label_latitude",
)


@dataclass(frozen=True)
class Geography:
    """The workspace's geography, each table None when nothing of its kind is loaded.

    Attributes:
        boundaries: one row per LSOA: ``lsoa_code, lsoa_name,
            local_authority_name, lsoa_vintage, geometry_wkb`` (WKB polygon,
            WGS84), bounding box ``min_/max_longitude/latitude`` and a label
            point ``label_longitude/latitude`` (degrees).
        lsoa_areas: from the postcode lookup, one row per LSOA:
            ``lsoa_code, lsoa_name, local_authority_code, local_authority_name,
            postcodes`` (how many postcodes the lookup lists in it; the
            authority is the one most of them name).
        centroids: ``lsoa_code, lsoa_name, latitude, longitude``.
        population: ``lsoa_code, lsoa_name, population`` (residents).
    """

    boundaries: pa.Table | None
    lsoa_areas: pa.Table | None
    centroids: pa.Table | None
    population: pa.Table | None

    def missing(self) -> list[str]:
        """What is not loaded, in words (for notes in a report)."""
        names = {
            "boundaries": "LSOA boundaries",
            "lsoa_areas": "postcode to LSOA lookup",
            "centroids": "LSOA centroids",
            "population": "LSOA population",
        }
        return [label for attr, label in names.items() if getattr(self, attr) is None]


@contextmanager
def _connection(
    ws: Workspace, con: duckdb.DuckDBPyConnection | None
) -> Iterator[tuple[duckdb.DuckDBPyConnection, set[str]]]:
    if con is not None:
        yield con, set(register_views(ws, con))
        return
    with ws.duckdb() as own:
        yield own, set(register_views(ws, own))


def load_geography(ws: Workspace, con: duckdb.DuckDBPyConnection | None = None) -> Geography:
    """Read the workspace's geography tables (see :class:`Geography`).

    Args:
        ws: the workspace.
        con: a DuckDB connection to use (its views are (re)created); by
            default one of the workspace's own, closed afterwards.

    Raises:
        duckdb.Error: if the evidence cannot be read.
    """
    with _connection(ws, con) as (db, views):

        def read(sql: str, view: str) -> pa.Table | None:
            return db.sql(sql).to_arrow_table() if view in views else None

        boundaries = read(
            f"SELECT {', '.join(BOUNDARY_COLUMNS)} FROM lsoa_boundaries ORDER BY lsoa_code",
            "lsoa_boundaries",
        )
        areas = read(
            """WITH counted AS (
                   SELECT lsoa_code, local_authority_code, local_authority_name,
                          any_value(lsoa_name) AS lsoa_name, count(*) AS n
                   FROM postcode_lsoa GROUP BY ALL
               )
               SELECT lsoa_code,
                      arg_max(lsoa_name, n) AS lsoa_name,
                      arg_max(local_authority_code, n) AS local_authority_code,
                      arg_max(local_authority_name, n) AS local_authority_name,
                      sum(n)::BIGINT AS postcodes
               FROM counted GROUP BY lsoa_code ORDER BY lsoa_code""",
            "postcode_lsoa",
        )
        centroids = read(
            "SELECT lsoa_code, lsoa_name, latitude, longitude FROM lsoa_centroids "
            "ORDER BY lsoa_code",
            "lsoa_centroids",
        )
        population = read(
            "SELECT lsoa_code, lsoa_name, population FROM lsoa_population ORDER BY lsoa_code",
            "lsoa_population",
        )
    return Geography(boundaries, areas, centroids, population)


def lookup_postcodes(
    ws: Workspace, postcodes: Sequence[str], con: duckdb.DuckDBPyConnection | None = None
) -> pa.Table:
    """The loaded lookup's row for each given postcode (written in any spacing or case).

    Returns:
        ``postcode`` (as given), ``normalised`` (``pcds`` form, NULL if not a
        postcode), ``lsoa_code``, ``lsoa_name``, ``local_authority_name``,
        ``latitude``, ``longitude``: one row per given postcode, in order;
        NULLs where the postcode is malformed or not in the lookup (or no
        lookup is loaded).
    """
    given = pa.table(
        {
            "position": pa.array(range(len(postcodes)), pa.int64()),
            "postcode": pa.array(list(postcodes), pa.string()),
            "normalised": pa.array([normalise_postcode(p) for p in postcodes], pa.string()),
        }
    )
    with _connection(ws, con) as (db, views):
        db.register("given_postcodes", given)
        try:
            if "postcode_lsoa" in views:
                source = "postcode_lsoa"
            else:
                source = (
                    "(SELECT NULL::VARCHAR AS postcode, NULL::VARCHAR AS lsoa_code, "
                    "NULL::VARCHAR AS lsoa_name, NULL::VARCHAR AS local_authority_name, "
                    "NULL::DOUBLE AS latitude, NULL::DOUBLE AS longitude WHERE false)"
                )
            return db.sql(
                f"""SELECT g.postcode, g.normalised, p.lsoa_code, p.lsoa_name,
                           p.local_authority_name, p.latitude, p.longitude
                    FROM given_postcodes g LEFT JOIN {source} p ON p.postcode = g.normalised
                    ORDER BY g.position"""
            ).to_arrow_table()
        finally:
            db.unregister("given_postcodes")
