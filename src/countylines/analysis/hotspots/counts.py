"""Counts per LSOA: crimes, stop-searches, the month-by-month drug-crime trend, line activity."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyarrow as pa

from countylines.analysis.hotspots.common import (
    ASB_CRIME_TYPE,
    DRUG_CRIME_TYPE,
    DRUG_SEARCH_OBJECT,
    WEAPONS_CRIME_TYPE,
    arrow,
    codes_table,
    private_duckdb,
    require_columns,
)
from countylines.analysis.hotspots.places import LsoaIndex, locate_points


def crime_counts(street_crimes: pa.Table) -> pa.Table:
    """Crimes per LSOA.

    Returns:
        ``lsoa_code, lsoa_name, all_crimes, drug_crimes, weapons_possession,
        anti_social_behaviour`` (BIGINT counts), one row per LSOA code seen,
        sorted by code. Rows with no LSOA are left out (see
        :func:`crimes_without_lsoa`).

    Raises:
        ValueError: if a needed column is missing.
    """
    require_columns(street_crimes, "street_crimes", ("lsoa_code", "lsoa_name", "crime_type"))
    with private_duckdb(street_crimes=street_crimes) as con:
        return arrow(
            con,
            f"""SELECT lsoa_code, min(lsoa_name) AS lsoa_name, {_COUNTS}
                FROM street_crimes WHERE lsoa_code IS NOT NULL
                GROUP BY lsoa_code ORDER BY lsoa_code""",
            _COUNT_PARAMS,
        )


_COUNTS = """
    count(*) FILTER (WHERE lower(coalesce(crime_type, '')) <> lower($asb)) AS all_crimes,
    count(*) FILTER (WHERE lower(crime_type) = lower($drugs)) AS drug_crimes,
    count(*) FILTER (WHERE lower(crime_type) = lower($weapons)) AS weapons_possession,
    count(*) FILTER (WHERE lower(crime_type) = lower($asb)) AS anti_social_behaviour"""
_COUNT_PARAMS = {"asb": ASB_CRIME_TYPE, "drugs": DRUG_CRIME_TYPE, "weapons": WEAPONS_CRIME_TYPE}


def crimes_without_lsoa(street_crimes: pa.Table) -> int:
    """How many crimes (not anti-social behaviour) carry no LSOA (police.uk gave no location)."""
    require_columns(street_crimes, "street_crimes", ("lsoa_code", "crime_type"))
    with private_duckdb(street_crimes=street_crimes) as con:
        row = con.execute(
            """SELECT count(*) FROM street_crimes WHERE lsoa_code IS NULL
               AND lower(coalesce(crime_type, '')) <> lower(?)""",
            [ASB_CRIME_TYPE],
        ).fetchone()
    return int(row[0]) if row else 0


@dataclass(frozen=True)
class SearchCounts:
    """Stop-searches per LSOA, and what could not be placed.

    Attributes:
        table: ``lsoa_code, stop_searches, drug_searches`` (BIGINT), sorted by code.
        searches: all searches given.
        without_location: searches with no coordinates.
        outside_boundaries: searches whose point lies in no loaded LSOA.
    """

    table: pa.Table
    searches: int
    without_location: int
    outside_boundaries: int


def stop_search_counts(stop_searches: pa.Table, index: LsoaIndex) -> SearchCounts:
    """Place each search in its LSOA (point-in-polygon) and count per LSOA.

    Raises:
        ValueError: if a needed column is missing.
    """
    require_columns(stop_searches, "stop_searches", ("latitude", "longitude", "object_of_search"))
    located = locate_points(
        stop_searches.select(["latitude", "longitude", "object_of_search"]), index
    )
    with private_duckdb(located=located) as con:
        table = arrow(
            con,
            """SELECT lsoa_code, count(*) AS stop_searches,
                      count(*) FILTER (WHERE lower(object_of_search) = lower(?)) AS drug_searches
               FROM located WHERE lsoa_code IS NOT NULL GROUP BY lsoa_code ORDER BY lsoa_code""",
            [DRUG_SEARCH_OBJECT],
        )
        row = con.execute(
            """SELECT count(*), count(*) FILTER (WHERE latitude IS NULL OR longitude IS NULL),
                      count(*) FILTER (WHERE latitude IS NOT NULL AND longitude IS NOT NULL
                                       AND lsoa_code IS NULL)
               FROM located"""
        ).fetchone()
    assert row is not None
    return SearchCounts(table, int(row[0]), int(row[1]), int(row[2]))


def drug_trend(street_crimes: pa.Table, lsoa_codes: Sequence[str] | None = None) -> pa.Table:
    """Month-by-month drug crimes (and all crimes) per LSOA, months without crimes as 0.

    Months run from the first to the last month of ``street_crimes`` (all of
    it, so every LSOA shares one calendar). ``lsoa_codes`` limits the LSOAs
    (default: every LSOA seen).

    Returns:
        ``lsoa_code, month`` (DATE), ``drug_crimes, all_crimes`` (BIGINT),
        sorted by code then month.
    """
    require_columns(street_crimes, "street_crimes", ("lsoa_code", "month", "crime_type"))
    codes = codes_table(
        lsoa_codes
        if lsoa_codes is not None
        else sorted({c for c in street_crimes.column("lsoa_code").to_pylist() if c is not None})
    )
    with private_duckdb(street_crimes=street_crimes, codes=codes) as con:
        return arrow(
            con,
            f"""WITH months AS (
                    SELECT unnest(generate_series(min(month), max(month), INTERVAL 1 MONTH))::DATE
                           AS month
                    FROM street_crimes
                ),
                counted AS (
                    SELECT lsoa_code, month::DATE AS month, {_COUNTS}
                    FROM street_crimes WHERE lsoa_code IN (SELECT lsoa_code FROM codes)
                    GROUP BY ALL
                )
                SELECT c.lsoa_code, m.month, coalesce(n.drug_crimes, 0) AS drug_crimes,
                       coalesce(n.all_crimes, 0) AS all_crimes
                FROM codes c CROSS JOIN months m
                LEFT JOIN counted n ON n.lsoa_code = c.lsoa_code AND n.month = m.month
                ORDER BY c.lsoa_code, m.month""",
            _COUNT_PARAMS,
        )


def month_on_month(trend: pa.Table) -> pa.Table:
    """Per LSOA: drug crimes in the latest month of ``trend``, the month before, and the change.

    Returns:
        ``lsoa_code, latest_month, drug_crimes_latest, previous_month,
        drug_crimes_previous`` (NULL when the month before is not in
        ``trend``), ``drug_change`` (latest - previous) and
        ``drug_change_pct`` (100 x change / previous; NULL when previous is 0).
    """
    require_columns(trend, "trend", ("lsoa_code", "month", "drug_crimes"))
    with private_duckdb(trend=trend) as con:
        return arrow(
            con,
            """WITH bounds AS (
                   SELECT max(month) AS latest, (max(month) - INTERVAL 1 MONTH)::DATE AS previous
                   FROM trend
               ),
               per AS (
                   SELECT t.lsoa_code, b.latest AS latest_month, b.previous AS previous_month,
                          sum(t.drug_crimes) FILTER (WHERE t.month = b.latest)::BIGINT
                              AS drug_crimes_latest,
                          sum(t.drug_crimes) FILTER (WHERE t.month = b.previous)::BIGINT
                              AS drug_crimes_previous
                   FROM trend t CROSS JOIN bounds b GROUP BY ALL
               )
               SELECT lsoa_code, latest_month, drug_crimes_latest,
                      CASE WHEN drug_crimes_previous IS NOT NULL THEN previous_month END
                          AS previous_month,
                      drug_crimes_previous,
                      drug_crimes_latest - drug_crimes_previous AS drug_change,
                      CASE WHEN drug_crimes_previous > 0
                           THEN 100.0 * (drug_crimes_latest - drug_crimes_previous)
                                / drug_crimes_previous END AS drug_change_pct
               FROM per ORDER BY lsoa_code""",
        )


@dataclass(frozen=True)
class LineActivity:
    """Deal-line activity placed on LSOAs.

    Attributes:
        per_lsoa: ``lsoa_code, lines`` (distinct deal lines), ``line_ids``
            (sorted, ``; ``-separated), ``cells``, ``line_events``.
        per_cell: ``cell_id, latitude, longitude, lsoa_code`` (NULL outside
            every LSOA), ``lines, line_ids, line_events`` - for maps.
        cells_without_location: cells in ``line_cells`` absent from ``cells``.
        cells_outside_boundaries: located cells in no loaded LSOA.
    """

    per_lsoa: pa.Table
    per_cell: pa.Table
    cells_without_location: int
    cells_outside_boundaries: int


def line_activity(cells: pa.Table, line_cells: pa.Table, index: LsoaIndex) -> LineActivity:
    """Assign each cell site to its LSOA and total the deal lines' activity per LSOA.

    Args:
        cells: ``cell_id, latitude, longitude`` (one row per cell).
        line_cells: ``line_id, cell_id, events`` (events of the line at the cell).
        index: the LSOA boundaries.

    Raises:
        ValueError: if a needed column is missing.
    """
    require_columns(cells, "cells", ("cell_id", "latitude", "longitude"))
    require_columns(line_cells, "line_cells", ("line_id", "cell_id", "events"))
    sites = locate_points(cells.select(["cell_id", "latitude", "longitude"]), index)
    with private_duckdb(sites=sites, line_cells=line_cells) as con:
        per_cell = arrow(
            con,
            """SELECT s.cell_id, s.latitude, s.longitude, s.lsoa_code,
                      count(DISTINCT l.line_id) AS lines,
                      string_agg(DISTINCT l.line_id::VARCHAR, '; ' ORDER BY l.line_id::VARCHAR)
                          AS line_ids,
                      sum(l.events)::BIGINT AS line_events
               FROM sites s JOIN line_cells l ON l.cell_id = s.cell_id
               GROUP BY ALL ORDER BY s.cell_id""",
        )
        con.register("per_cell", per_cell)
        per_lsoa = arrow(
            con,
            """SELECT s.lsoa_code, count(DISTINCT l.line_id) AS lines,
                      string_agg(DISTINCT l.line_id::VARCHAR, '; ' ORDER BY l.line_id::VARCHAR)
                          AS line_ids,
                      count(DISTINCT s.cell_id) AS cells, sum(l.events)::BIGINT AS line_events
               FROM sites s JOIN line_cells l ON l.cell_id = s.cell_id
               WHERE s.lsoa_code IS NOT NULL GROUP BY s.lsoa_code ORDER BY s.lsoa_code""",
        )
        row = con.execute(
            """SELECT
                 (SELECT count(DISTINCT cell_id) FROM line_cells
                  WHERE cell_id NOT IN (SELECT cell_id FROM sites
                                        WHERE latitude IS NOT NULL AND longitude IS NOT NULL)),
                 (SELECT count(*) FROM per_cell
                  WHERE lsoa_code IS NULL AND latitude IS NOT NULL AND longitude IS NOT NULL)"""
        ).fetchone()
    assert row is not None
    return LineActivity(per_lsoa, per_cell, int(row[0]), int(row[1]))
