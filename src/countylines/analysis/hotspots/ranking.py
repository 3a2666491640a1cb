"""The ranked hotspot table of an area: everything per LSOA, with rates, trend and notes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from countylines.analysis.hotspots.common import (
    ASB_CRIME_TYPE,
    DRUG_CRIME_TYPE,
    arrow,
    codes_table,
    private_duckdb,
    require_columns,
)
from countylines.analysis.hotspots.counts import (
    crime_counts,
    crimes_without_lsoa,
    drug_trend,
    line_activity,
    month_on_month,
    stop_search_counts,
)
from countylines.analysis.hotspots.places import Area, LsoaIndex

RANKABLE = (
    "drug_crimes",
    "drug_crimes_per_1000",
    "all_crimes",
    "all_crimes_per_1000",
    "weapons_possession",
    "stop_searches",
    "drug_searches",
    "line_events",
    "drug_change",
)
NO_POPULATION_LOADED = (
    "no population figures loaded (load an LSOA population file with "
    "`countylines ingest geography`, e.g. ONS mid-year estimates)"
)
NO_POPULATION_FOR_LSOA = "no population figure for this LSOA"
ZERO_POPULATION = "population is 0"


@dataclass(frozen=True)
class Hotspots:
    """A hotspot analysis of an area (or of everything loaded).

    Attributes:
        area: the area analysed (None: every LSOA loaded or seen).
        table: one row per LSOA, ranked (see :func:`hotspots` for columns).
        trend: ``lsoa_code, month, drug_crimes, all_crimes`` (0-filled).
        area_trend: ``month, drug_crimes, all_crimes`` summed over the table's LSOAs.
        cells: the per-cell line overlay (see :class:`LineActivity`), if given.
        figures: counts behind the notes (crimes, placed searches...).
        notes: what a reader must know to read the table right, in words.
    """

    area: Area | None
    table: pa.Table
    trend: pa.Table
    area_trend: pa.Table
    cells: pa.Table | None
    figures: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def top(self, n: int = 10) -> list[dict[str, Any]]:
        """The ``n`` highest-ranked LSOAs as dicts."""
        return list(self.table.slice(0, n).to_pylist())


def _empty_like(columns: dict[str, pa.DataType]) -> pa.Table:
    return pa.table({name: pa.array([], kind) for name, kind in columns.items()})


def _filter_period(
    table: pa.Table, column: str, since: dt.date | None, until: dt.date | None
) -> pa.Table:
    """Rows whose ``column`` falls in [since, until] (by calendar date)."""
    if since is None and until is None:
        return table
    with private_duckdb(t=table) as con:
        return arrow(
            con,
            f"""SELECT * FROM t WHERE ({column})::DATE >= coalesce(?::DATE, ({column})::DATE)
                AND ({column})::DATE <= coalesce(?::DATE, ({column})::DATE)""",
            [since, until],
        )


def hotspots(
    street_crimes: pa.Table,
    boundaries: pa.Table | None,
    *,
    area: Area | None = None,
    stop_searches: pa.Table | None = None,
    population: pa.Table | None = None,
    cells: pa.Table | None = None,
    line_cells: pa.Table | None = None,
    rank_by: str = "drug_crimes",
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Hotspots:
    """The ranked hotspot table of an area, with trend, line overlay and notes.

    Args:
        street_crimes: one row per published crime (see the module docstring).
        boundaries: LSOA polygons; needed to place stop-searches and cells
            (without them those counts are NULL and a note says so).
        area: limit to these LSOAs (:func:`resolve_area`); default every LSOA
            in the boundaries plus every LSOA the crimes name.
        stop_searches, population, cells + line_cells: optional inputs.
        rank_by: one of :data:`RANKABLE`; ties share a rank (1, 2, 2, 4).
        since, until: limit crimes (by month) and searches (by date), inclusive.

    Returns:
        :class:`Hotspots` whose ``table`` has ``rank, lsoa_code, lsoa_name,
        local_authority_name, in_boundaries, population, all_crimes,
        drug_crimes, weapons_possession, anti_social_behaviour, stop_searches,
        drug_searches, all_crimes_per_1000, drug_crimes_per_1000,
        stop_searches_per_1000, rate_note, latest_month, drug_crimes_latest,
        previous_month, drug_crimes_previous, drug_change, drug_change_pct,
        lines, line_ids, cells, line_events``.

    Raises:
        ValueError: for an unknown ``rank_by``, a missing column, or
            ``line_cells`` without ``cells``.
    """
    if rank_by not in RANKABLE:
        raise ValueError(f"cannot rank by {rank_by!r}: choose one of {', '.join(RANKABLE)}")
    if (cells is None) != (line_cells is None):
        raise ValueError("give both cells and line_cells for the line overlay, or neither")
    require_columns(
        street_crimes, "street_crimes", ("month", "lsoa_code", "lsoa_name", "crime_type")
    )
    crimes = _filter_period(street_crimes, "month", since, until)
    notes: list[str] = []
    figures: dict[str, Any] = {}
    index = LsoaIndex(boundaries) if boundaries is not None else None

    boundary_codes: list[str] = (
        [str(c) for c in boundaries.column("lsoa_code").to_pylist()]
        if boundaries is not None
        else []
    )
    crime_codes = {str(c) for c in crimes.column("lsoa_code").to_pylist() if c is not None}
    if area is not None:
        universe = list(area.lsoa_codes)
    else:
        universe = sorted(set(boundary_codes) | crime_codes)

    counts = crime_counts(crimes)
    trend = drug_trend(crimes, universe) if crimes.num_rows else _empty_trend()
    changes = month_on_month(trend) if trend.num_rows else None
    searches = _searches(stop_searches, index, since, until, figures, notes)
    activity = (
        line_activity(cells, line_cells, index)
        if cells is not None and line_cells is not None and index is not None
        else None
    )
    if cells is not None and index is None:
        notes.append("cell sites cannot be placed in LSOAs: no LSOA boundaries loaded")

    with private_duckdb(
        universe=codes_table(universe),
        boundaries=boundaries.drop_columns(["geometry_wkb"]) if boundaries is not None else None,
        counts=counts,
        searches=searches,
        population=population,
        changes=changes,
        activity=activity.per_lsoa if activity else None,
    ) as con:
        table: pa.Table = arrow(
            con,
            _table_sql(
                has_boundaries=boundaries is not None,
                has_searches=searches is not None,
                has_population=population is not None,
                has_changes=changes is not None,
                has_activity=activity is not None,
                rank_by=rank_by,
            ),
            {
                "no_pop_loaded": NO_POPULATION_LOADED,
                "no_pop": NO_POPULATION_FOR_LSOA,
                "zero_pop": ZERO_POPULATION,
            },
        )
        con.register("trend", trend)
        area_trend = arrow(
            con,
            """SELECT month, sum(drug_crimes)::BIGINT AS drug_crimes,
                      sum(all_crimes)::BIGINT AS all_crimes
               FROM trend GROUP BY month ORDER BY month""",
        )

    _crime_notes(crimes, counts, universe, set(boundary_codes), area, figures, notes)
    _period_note(figures, notes)
    figures["crimes_in_table"] = sum(table.column("all_crimes").to_pylist())
    figures["drug_crimes_in_table"] = sum(table.column("drug_crimes").to_pylist())
    if population is None:
        notes.append(f"rates per 1,000 residents are empty: {NO_POPULATION_LOADED}")
    else:
        missing = sum(1 for n in table.column("rate_note").to_pylist() if n)
        if missing:
            notes.append(
                f"{missing:,} LSOAs have no rate: no (or a zero) population figure for them"
            )
    if changes is not None and changes.num_rows:
        latest = changes.column("latest_month")[0].as_py()
        previous = changes.column("previous_month")[0].as_py()
        figures["latest_month"] = latest
        if previous is None:
            notes.append(
                f"no month-on-month change: the data hold only {latest:%B %Y}, not the month before"
            )
    if activity is not None:
        figures["cells_without_location"] = activity.cells_without_location
        figures["cells_outside_boundaries"] = activity.cells_outside_boundaries
        if activity.cells_without_location:
            notes.append(
                f"{activity.cells_without_location:,} cells used by the lines have no location "
                "in the cell-site list: not placed"
            )
        if activity.cells_outside_boundaries:
            notes.append(
                f"{activity.cells_outside_boundaries:,} cells used by the lines lie outside the "
                "loaded LSOA boundaries (the hub, or a neighbouring area)"
            )
    return Hotspots(
        area,
        table,
        trend,
        area_trend,
        activity.per_cell if activity else None,
        figures,
        notes,
    )


def _empty_trend() -> pa.Table:
    return _empty_like(
        {
            "lsoa_code": pa.string(),
            "month": pa.date32(),
            "drug_crimes": pa.int64(),
            "all_crimes": pa.int64(),
        }
    )


def _searches(
    stop_searches: pa.Table | None,
    index: LsoaIndex | None,
    since: dt.date | None,
    until: dt.date | None,
    figures: dict[str, Any],
    notes: list[str],
) -> pa.Table | None:
    """Stop-search counts per LSOA (None when there are no searches or no boundaries)."""
    if stop_searches is None:
        return None
    if index is None:
        notes.append("stop-searches cannot be placed in LSOAs: no LSOA boundaries loaded")
        return None
    require_columns(
        stop_searches, "stop_searches", ("date", "latitude", "longitude", "object_of_search")
    )
    chosen = _filter_period(stop_searches, "date", since, until)
    counted = stop_search_counts(chosen, index)
    figures.update(
        searches=counted.searches,
        searches_without_location=counted.without_location,
        searches_outside_boundaries=counted.outside_boundaries,
    )
    if counted.without_location:
        notes.append(
            f"{counted.without_location:,} of {counted.searches:,} stop-searches have no "
            "location (police.uk withholds some): in no LSOA"
        )
    if counted.outside_boundaries:
        notes.append(
            f"{counted.outside_boundaries:,} stop-searches lie outside the loaded LSOA "
            "boundaries: in no LSOA"
        )
    dates = [d for d in chosen.column("date").to_pylist() if d is not None]
    if dates:
        figures["searches_first"], figures["searches_last"] = min(dates), max(dates)
    return counted.table


def _period_note(figures: dict[str, Any], notes: list[str]) -> None:
    """Say so when the stop-searches and the crimes cover different months."""
    if "searches_first" not in figures or "crimes_first_month" not in figures:
        return
    first, last = figures["searches_first"].date(), figures["searches_last"].date()
    crimes_first, crimes_last = figures["crimes_first_month"], figures["crimes_last_month"]
    crimes_end = (crimes_last.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    if last < crimes_first or first >= crimes_end:
        notes.append(
            f"the stop-searches ({first:%b %Y} to {last:%b %Y}) and the crimes "
            f"({crimes_first:%b %Y} to {crimes_last:%b %Y}) cover different periods: "
            "compare them with care"
        )


def _crime_notes(
    crimes: pa.Table,
    counts: pa.Table,
    universe: Sequence[str],
    boundary_codes: set[str],
    area: Area | None,
    figures: dict[str, Any],
    notes: list[str],
) -> None:
    """Figures and notes on crimes that cannot be counted by area, and the period."""
    without = crimes_without_lsoa(crimes)
    types = crimes.column("crime_type").to_pylist()
    asb = sum(1 for t in types if (t or "").casefold() == ASB_CRIME_TYPE.casefold())
    drugs = [
        code
        for code, t in zip(crimes.column("lsoa_code").to_pylist(), types, strict=True)
        if (t or "").casefold() == DRUG_CRIME_TYPE.casefold()
    ]
    figures["crimes"] = crimes.num_rows - asb
    figures["anti_social_behaviour"] = asb
    figures["crimes_without_lsoa"] = without
    figures["drug_crimes"] = len(drugs)
    figures["drug_crimes_with_lsoa"] = sum(1 for c in drugs if c is not None)
    if boundary_codes:
        figures["drug_crimes_in_boundaries"] = sum(1 for c in drugs if c in boundary_codes)
    months = [m for m in crimes.column("month").to_pylist() if m is not None]
    if months:
        figures["crimes_first_month"], figures["crimes_last_month"] = min(months), max(months)
    if without:
        notes.append(
            f"{without:,} crimes have no location, so no LSOA: counted in no area "
            "(police.uk publishes some crimes without a location)"
        )
    codes = counts.column("lsoa_code").to_pylist()
    outside = [c for c in codes if boundary_codes and c not in boundary_codes]
    if outside and area is None:
        crimes_outside = sum(
            n
            for c, n in zip(codes, counts.column("all_crimes").to_pylist(), strict=True)
            if c in set(outside)
        )
        figures["lsoas_outside_boundaries"] = len(outside)
        notes.append(
            f"{len(outside):,} LSOAs named by the crimes ({crimes_outside:,} crimes) are not in "
            "the loaded boundaries (a neighbouring area, or another LSOA census year): listed "
            "with in_boundaries false, and not on the map"
        )
        if len(outside) > len(codes) / 2:
            notes.append(
                "most crime LSOAs are missing from the boundaries: police.uk uses 2011 LSOAs "
                "until about 2023 and 2021 LSOAs after - load boundaries of the same year"
            )
    figures["lsoas"] = len(universe)


def _table_sql(
    *,
    has_boundaries: bool,
    has_searches: bool,
    has_population: bool,
    has_changes: bool,
    has_activity: bool,
    rank_by: str,
) -> str:
    """The SQL joining everything per LSOA and ranking it (``rank_by`` checked by the caller)."""
    b = "LEFT JOIN boundaries b ON b.lsoa_code = u.lsoa_code" if has_boundaries else ""
    s = "LEFT JOIN searches s ON s.lsoa_code = u.lsoa_code" if has_searches else ""
    p = "LEFT JOIN population p ON p.lsoa_code = u.lsoa_code" if has_population else ""
    m = "LEFT JOIN changes m ON m.lsoa_code = u.lsoa_code" if has_changes else ""
    a = "LEFT JOIN activity a ON a.lsoa_code = u.lsoa_code" if has_activity else ""
    name = "coalesce(b.lsoa_name, c.lsoa_name)" if has_boundaries else "c.lsoa_name"
    authority = "b.local_authority_name" if has_boundaries else "NULL::VARCHAR"
    population = "p.population::BIGINT" if has_population else "NULL::BIGINT"
    rate_note = (
        """CASE WHEN p.population IS NULL THEN $no_pop
                WHEN p.population = 0 THEN $zero_pop END"""
        if has_population
        else "$no_pop_loaded"
    )
    searches = "coalesce(s.stop_searches, 0)" if has_searches else "NULL::BIGINT"
    drug_searches = "coalesce(s.drug_searches, 0)" if has_searches else "NULL::BIGINT"

    def col(alias: str, names: str, present: bool, kind: str) -> str:
        return ", ".join(
            f"{alias}.{n}" if present else f"NULL::{kind} AS {n}" for n in names.split()
        )

    return f"""
    WITH joined AS (
        SELECT u.lsoa_code, {name} AS lsoa_name,
               {authority} AS local_authority_name,
               {"b.lsoa_code IS NOT NULL" if has_boundaries else "false"} AS in_boundaries,
               {population} AS population,
               coalesce(c.all_crimes, 0) AS all_crimes,
               coalesce(c.drug_crimes, 0) AS drug_crimes,
               coalesce(c.weapons_possession, 0) AS weapons_possession,
               coalesce(c.anti_social_behaviour, 0) AS anti_social_behaviour,
               {searches} AS stop_searches, {drug_searches} AS drug_searches,
               {rate_note} AS rate_note,
               {col("m", "latest_month previous_month", has_changes, "DATE")},
               {col("m", "drug_crimes_latest drug_crimes_previous", has_changes, "BIGINT")},
               {col("m", "drug_change", has_changes, "BIGINT")},
               {col("m", "drug_change_pct", has_changes, "DOUBLE")},
               {"coalesce(a.lines, 0)" if has_activity else "NULL::BIGINT"} AS lines,
               {"a.line_ids" if has_activity else "NULL::VARCHAR"} AS line_ids,
               {"coalesce(a.cells, 0)" if has_activity else "NULL::BIGINT"} AS cells,
               {"coalesce(a.line_events, 0)" if has_activity else "NULL::BIGINT"} AS line_events
        FROM universe u
        LEFT JOIN counts c ON c.lsoa_code = u.lsoa_code
        {b} {s} {p} {m} {a}
    ),
    rated AS (
        SELECT *,
               CASE WHEN population > 0 THEN 1000.0 * all_crimes / population END
                   AS all_crimes_per_1000,
               CASE WHEN population > 0 THEN 1000.0 * drug_crimes / population END
                   AS drug_crimes_per_1000,
               CASE WHEN population > 0 THEN 1000.0 * stop_searches / population END
                   AS stop_searches_per_1000
        FROM joined
    )
    SELECT rank() OVER (ORDER BY {rank_by} DESC NULLS LAST) AS rank,
           lsoa_code, lsoa_name,
           coalesce(local_authority_name,
                    nullif(regexp_extract(lsoa_name, '^(.+?)\\s+[0-9]{{3}}[A-Z]$', 1), ''))
               AS local_authority_name,
           in_boundaries, population, all_crimes, drug_crimes, weapons_possession,
           anti_social_behaviour, stop_searches, drug_searches, all_crimes_per_1000,
           drug_crimes_per_1000, stop_searches_per_1000, rate_note, latest_month,
           drug_crimes_latest, previous_month, drug_crimes_previous, drug_change,
           drug_change_pct, lines, line_ids, cells, line_events
    FROM rated
    ORDER BY rank, drug_crimes DESC, all_crimes DESC, lsoa_code
    """
