"""What operations read from the call data: night bases, recent use, the lines' ties.

Three small queries on the workspace's ``call_events`` view (DuckDB), each
for a given list of numbers registered as a table (never pasted into SQL):

* :func:`night_cells` -> :func:`bases`: per number and cell, the events and
  the distinct nights (UK time, the detection settings' night hours) it was
  seen there; a number's *base* is its cell of most nights, as the analysis
  places a runner's home (``analysis/roles.py``);
* :func:`use_after`: first and last use of numbers after given times (the
  check-back of a closed number that no longer scores as a line);
* :func:`ties_among`: caller -> called event counts among given numbers (the
  operation's network for the resilience check).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import duckdb
import pyarrow as pa

from countylines.analysis.settings import DetectionSettings
from countylines.operations.planning import Base


def _register(con: duckdb.DuckDBPyConnection, name: str, numbers: Iterable[str]) -> None:
    con.register(name, pa.table({"number": pa.array(sorted(set(numbers)), pa.string())}))


def night_cells(
    con: duckdb.DuckDBPyConnection, numbers: Sequence[str], settings: DetectionSettings
) -> list[tuple[str, str, int, int, float | None, float | None]]:
    """(number, cell_id, events, nights, latitude, longitude) for each number's cells."""
    if not numbers:
        return []
    _register(con, "ops_numbers", numbers)
    has_cells = bool(
        con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'cell_sites'"
        ).fetchone()[0]  # type: ignore[index]
    )
    position = (
        "LEFT JOIN cell_sites s ON s.cell_id = u.cell_id"
        if has_cells
        else "LEFT JOIN (SELECT NULL::VARCHAR AS cell_id, NULL::DOUBLE AS latitude, "
        "NULL::DOUBLE AS longitude) s ON false"
    )
    start, end = int(settings.roles.night_start_hour), int(settings.roles.night_end_hour)
    rows = con.execute(
        f"""
        WITH sides AS (
            SELECT a_number AS number, a_cell_id AS cell_id, start_utc FROM call_events
            WHERE a_number IN (SELECT number FROM ops_numbers) AND a_cell_id IS NOT NULL
            UNION ALL
            SELECT b_number, b_cell_id, start_utc FROM call_events
            WHERE b_number IN (SELECT number FROM ops_numbers) AND b_cell_id IS NOT NULL
        ), local AS (
            SELECT number, cell_id, start_utc AT TIME ZONE $zone AS t FROM sides
        ), used AS (
            SELECT number, cell_id, count(*) AS events,
                   count(DISTINCT CAST(t - INTERVAL {end} HOUR AS DATE))
                       FILTER (WHERE hour(t) >= {start} OR hour(t) < {end}) AS nights
            FROM local GROUP BY number, cell_id
        )
        SELECT u.number, u.cell_id, u.events, u.nights, s.latitude, s.longitude
        FROM used u {position}
        ORDER BY u.number, u.cell_id
        """,
        {"zone": settings.contacts.zone},
    ).fetchall()
    return [(str(a), str(b), int(c), int(d), e, f) for a, b, c, d, e, f in rows]


def bases(rows: Iterable[tuple[str, str, int, int, float | None, float | None]]) -> dict[str, Base]:
    """Each number's base: the cell of most nights (then most events, then cell id)."""
    best: dict[str, tuple[int, int, str, float | None, float | None]] = {}
    for number, cell, events, nights, lat, lon in rows:
        if nights <= 0:
            continue
        key = (nights, events, cell, lat, lon)
        if number not in best or key[:3] > best[number][:3]:
            best[number] = key
    return {
        n: Base(n, cell, nights, lat, lon)
        for n, (nights, _, cell, lat, lon) in sorted(best.items())
    }


def use_after(
    con: duckdb.DuckDBPyConnection, since: Mapping[str, dt.datetime]
) -> dict[str, dict[str, dt.datetime]]:
    """For each number, its first and last use after its own time in ``since`` (if any)."""
    if not since:
        return {}
    con.register(
        "ops_since",
        pa.table(
            {
                "number": pa.array(list(since), pa.string()),
                "since": pa.array(
                    [t.astimezone(dt.UTC) for t in since.values()], pa.timestamp("us", tz="UTC")
                ),
            }
        ),
    )
    rows = con.execute(
        """
        WITH sides AS (
            SELECT a_number AS number, start_utc FROM call_events
            WHERE a_number IN (SELECT number FROM ops_since)
            UNION ALL
            SELECT b_number, start_utc FROM call_events
            WHERE b_number IN (SELECT number FROM ops_since)
        )
        SELECT s.number, min(s.start_utc), max(s.start_utc)
        FROM sides s JOIN ops_since o ON o.number = s.number
        WHERE s.start_utc > o.since
        GROUP BY s.number
        """
    ).fetchall()
    return {str(n): {"first": _utc(a), "last": _utc(b)} for n, a, b in rows}


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def ties_among(
    con: duckdb.DuckDBPyConnection, numbers: Sequence[str]
) -> list[tuple[str, str, float]]:
    """(caller, called, events) for calls and texts with both ends among ``numbers``."""
    if not numbers:
        return []
    _register(con, "ops_people", numbers)
    rows = con.execute(
        """
        SELECT a_number, b_number, count(*) FROM call_events
        WHERE a_number IN (SELECT number FROM ops_people)
          AND b_number IN (SELECT number FROM ops_people)
          AND a_number <> b_number
        GROUP BY a_number, b_number ORDER BY a_number, b_number
        """
    ).fetchall()
    return [(str(a), str(b), float(w)) for a, b, w in rows]


def people_of_lines(lines: Sequence[Mapping[str, Any]]) -> dict[str, list[str]]:
    """Per picture line, every number in it (deal, holder, runner, occupant, customer)."""
    found: dict[str, list[str]] = defaultdict(list)
    for line in lines:
        numbers: list[str] = []
        for key in ("numbers", "holders", "runners"):
            for item in line.get(key) or []:
                numbers.append(str(item["number"]))
        for c in line.get("cuckooed") or []:
            numbers += [str(o) for o in c.get("occupants", [])]
        customers = line.get("customers") or {}
        numbers += [str(n) for n in customers.get("numbers", [])]
        found[str(line["line_id"])] = sorted(set(numbers))
    return dict(found)
