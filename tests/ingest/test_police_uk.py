"""data.police.uk ingest: kind detection, typed evidence tables, row and file rejections.

Figures are checked twice: against counts taken here from the CSV files with
Python's ``csv`` module, and against the figures documented in
``shared/data/README.md``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb
import pytest
from sqlalchemy import func, select
from tests.conftest import shared
from typer.testing import CliRunner

from countylines.cli.main import app
from countylines.ingest.errors import FileRejected
from countylines.ingest.police_uk import PoliceUkAdapter, adapter_for, detect_kind
from countylines.ingest.runner import ImportResult, import_file
from countylines.store.models import RowErrorRecord, SourceFile
from countylines.workspace import Workspace

ESSEX = "police_uk/essex"
STOP_SEARCH_FILE = f"{ESSEX}/2016-11-essex-stop-and-search.csv"

# The published headers, written out here independently of the adapter.
STREET_HEADER = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,"
    "LSOA name,Crime type,Last outcome category,Context"
)
STOP_HEADER = (
    "Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,"
    "Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,"
    "Outcome,Outcome linked to object of search,Removal of more than just outer clothing"
)
OUTCOMES_HEADER = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,"
    "LSOA name,Outcome type"
)


def street_row(
    crime_id: str = "c1",
    month: str = "2018-10",
    lon: str = "1.155",
    lat: str = "51.789",
    crime_type: str = "Drugs",
    lsoa: str = "E01021988",
) -> str:
    """One street-crime line (no commas inside values, so no quoting needed)."""
    return (
        f"{crime_id},{month},Essex Police,Essex Police,{lon},{lat},On or near Pier Avenue,"
        f"{lsoa},Tendring 018A,{crime_type},Under investigation,"
    )


def stop_row(
    date: str = "2016-11-01T00:01:00+00:00",
    operation: str = "False",
    linked: str = "True",
    removal: str = "False",
    lat: str = "51.79",
    lon: str = "1.15",
) -> str:
    """One stop-and-search line."""
    return (
        f"Person search,{date},{operation},,{lat},{lon},Male,18-24,"
        "White - White British (W1),White,Misuse of Drugs Act 1971 (section 23),"
        f"Controlled drugs,Nothing found - no further action,{linked},{removal}"
    )


def outcome_row(crime_id: str = "c1", month: str = "2018-11") -> str:
    """One outcomes line."""
    return (
        f"{crime_id},{month},Essex Police,Essex Police,1.155,51.789,On or near Pier Avenue,"
        "E01021988,Tendring 018A,Offender given a caution"
    )


def write(
    path: Path, lines: list[str], newline: str = "\n", bom: bool = False, final: bool = True
) -> Path:
    """Write ``lines`` as bytes exactly: chosen line ending, optional BOM and final newline."""
    text = newline.join(lines) + (newline if final and lines else "")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def ingest(ws: Workspace, path: Path) -> ImportResult:
    """Import one file the way the CLI does: kind detected from the header."""
    return import_file(ws, adapter_for(path), path)


def query(ws: Workspace, table: str, sql: str) -> list[tuple[Any, ...]]:
    """Run ``sql`` over the evidence table, exposed as ``t``, with DuckDB."""
    pattern = str(ws.evidence_dir / table / "*.parquet")
    con = duckdb.connect()
    try:
        con.execute("SET TimeZone = 'UTC'")
        con.execute(f"CREATE VIEW t AS SELECT * FROM read_parquet('{pattern}')")
        return con.execute(sql).fetchall()
    finally:
        con.close()


def parquet_parts(ws: Workspace) -> list[Path]:
    """Every published Parquet part of the workspace."""
    return sorted(ws.evidence_dir.rglob("*.parquet"))


def record(ws: Workspace, source_file_id: int | None) -> SourceFile:
    """The import record of one attempt."""
    assert source_file_id is not None
    with ws.session() as session:
        found = session.get(SourceFile, source_file_id)
        assert found is not None
        session.expunge(found)
        return found


def errors_of(
    ws: Workspace, source_file_id: int | None
) -> list[tuple[int | None, str | None, str]]:
    """(line, column, reason) of each stored row error of one import, by line."""
    with ws.session() as session:
        rows = session.execute(
            select(RowErrorRecord.line, RowErrorRecord.column, RowErrorRecord.reason)
            .where(RowErrorRecord.source_file_id == source_file_id)
            .order_by(RowErrorRecord.line)
        ).all()
    return [(line, column, reason) for line, column, reason in rows]


def csv_rows(path: Path) -> list[dict[str, str]]:
    """The data rows of a CSV file, read with Python's csv module."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


# --- the real Essex files -----------------------------------------------------------------


def test_essex_street_files_load_every_row(workspace: Workspace) -> None:
    files = sorted(shared(ESSEX).glob("*-essex-street.csv"))
    assert len(files) == 5
    expected = {path.name: csv_rows(path) for path in files}

    results = [ingest(workspace, path) for path in files]

    for path, result in zip(files, results, strict=True):
        assert result.outcome == "loaded", result.message
        assert result.rows_loaded == len(expected[path.name])
        assert result.rows_rejected == 0
        rec = record(workspace, result.source_file_id)
        assert rec.source_kind == "police_uk_street"
        assert rec.evidence_table == "street_crimes"
    all_rows = [row for rows in expected.values() for row in rows]
    assert len(all_rows) == 84_233  # documented in shared/data/README.md
    assert sum(r.rows_loaded for r in results) == 84_233
    assert query(workspace, "street_crimes", "SELECT count(*) FROM t") == [(84_233,)]

    # Rows per month and Drugs per month, as the CSV has them.
    by_month = Counter(row["Month"] for row in all_rows)
    drugs_by_month = Counter(row["Month"] for row in all_rows if row["Crime type"] == "Drugs")
    loaded = query(
        workspace,
        "street_crimes",
        """SELECT strftime(month, '%Y-%m'), count(*), count(*) FILTER (WHERE crime_type = 'Drugs')
           FROM t GROUP BY 1 ORDER BY 1""",
    )
    assert loaded == [(m, by_month[m], drugs_by_month[m]) for m in sorted(by_month)]
    assert [d for _, _, d in loaded] == [363, 409, 368, 464, 380]  # README: 363-464 a month

    # Drugs per LSOA equals the count taken directly from the CSV.
    drugs_by_lsoa = Counter(
        row["LSOA code"] or None for row in all_rows if row["Crime type"] == "Drugs"
    )
    got = dict(
        query(
            workspace,
            "street_crimes",
            "SELECT lsoa_code, count(*) FROM t WHERE crime_type = 'Drugs' GROUP BY 1",
        )
    )
    assert got == dict(drugs_by_lsoa)

    # Blank Crime IDs (anti-social behaviour) and empty coordinates are kept as NULL.
    blank_ids = sum(1 for row in all_rows if not row["Crime ID"])
    asb = sum(1 for row in all_rows if row["Crime type"] == "Anti-social behaviour")
    no_coords = sum(1 for row in all_rows if not row["Latitude"] and not row["Longitude"])
    assert blank_ids == asb > 0
    assert no_coords > 0
    assert query(
        workspace,
        "street_crimes",
        """SELECT count(*) FILTER (WHERE crime_id IS NULL),
                  count(*) FILTER (WHERE crime_type = 'Anti-social behaviour'),
                  count(*) FILTER (WHERE latitude IS NULL AND longitude IS NULL)
           FROM t""",
    ) == [(blank_ids, asb, no_coords)]

    # Provenance: each row's source_line is its line in its file (header = line 1).
    for path in files:
        sha = record(workspace, results[files.index(path)].source_file_id).sha256
        want = [
            (line, row["Crime ID"] or None, row["LSOA code"] or None, row["Crime type"])
            for line, row in enumerate(expected[path.name], start=2)
        ]
        got_rows = query(
            workspace,
            "street_crimes",
            f"""SELECT source_line, crime_id, lsoa_code, crime_type FROM t
                WHERE source_sha256 = '{sha}' ORDER BY source_line""",
        )
        assert got_rows == want

    # Event range: first day of the first month to the end of the last month, UTC.
    first = record(workspace, results[0].source_file_id)
    last = record(workspace, results[-1].source_file_id)
    assert _aware(first.first_event_at) == dt.datetime(2018, 10, 1, tzinfo=dt.UTC)
    assert _aware(last.last_event_at) == dt.datetime(2019, 3, 1, tzinfo=dt.UTC) - dt.timedelta(
        microseconds=1
    )


def test_essex_stop_and_search_loads_typed_and_duplicate_is_unchanged(
    db_workspace: Workspace,
) -> None:
    path = shared(STOP_SEARCH_FILE)
    rows = csv_rows(path)
    assert len(rows) == 253  # documented
    drugs = sum(1 for row in rows if row["Object of search"] == "Controlled drugs")
    assert drugs == 174  # documented
    assert detect_kind(path) == "police_uk_stop_search"

    result = ingest(db_workspace, path)
    assert result.outcome == "loaded", result.message
    assert (result.rows_loaded, result.rows_rejected) == (253, 0)
    rec = record(db_workspace, result.source_file_id)
    assert rec.source_kind == "police_uk_stop_search"
    assert rec.evidence_table == "stop_searches"

    def as_bool(text: str) -> bool | None:
        return {"True": True, "False": False, "": None}[text]

    removal = Counter(as_bool(row["Removal of more than just outer clothing"]) for row in rows)
    operation = Counter(as_bool(row["Part of a policing operation"]) for row in rows)
    assert query(
        db_workspace,
        "stop_searches",
        """SELECT count(*), count(*) FILTER (WHERE object_of_search = 'Controlled drugs'),
                  count(*) FILTER (WHERE removal_of_more_than_just_outer_clothing),
                  count(*) FILTER (WHERE NOT removal_of_more_than_just_outer_clothing),
                  count(*) FILTER (WHERE removal_of_more_than_just_outer_clothing IS NULL),
                  count(*) FILTER (WHERE part_of_a_policing_operation),
                  count(*) FILTER (WHERE latitude IS NULL)
           FROM t""",
    ) == [
        (
            253,
            174,
            removal[True],
            removal[False],
            removal[None],
            operation[True],
            sum(1 for row in rows if not row["Latitude"]),
        )
    ]

    # Dates are instants in UTC; the first row is the first line of the file.
    dates = [dt.datetime.fromisoformat(row["Date"]) for row in rows]
    first_row = query(
        db_workspace,
        "stop_searches",
        "SELECT date, typeof(date), source_line FROM t ORDER BY source_line LIMIT 1",
    )[0]
    assert first_row == (dates[0], "TIMESTAMP WITH TIME ZONE", 2)
    assert _aware(rec.first_event_at) == min(dates)
    assert _aware(rec.last_event_at) == max(dates)

    # The same content again: nothing changes.
    again = ingest(db_workspace, path)
    assert again.outcome == "unchanged"
    assert again.source_file_id == result.source_file_id
    assert query(db_workspace, "stop_searches", "SELECT count(*) FROM t") == [(253,)]
    assert len(parquet_parts(db_workspace)) == 1
    with db_workspace.session() as session:
        assert session.scalar(select(func.count()).select_from(SourceFile)) == 1


def test_duplicate_street_file_under_another_name_is_unchanged(
    workspace: Workspace, tmp_path: Path
) -> None:
    first = write(tmp_path / "a.csv", [STREET_HEADER, street_row("c1"), street_row("c2")])
    copy = tmp_path / "renamed-copy.csv"
    copy.write_bytes(first.read_bytes())
    assert ingest(workspace, first).outcome == "loaded"
    again = ingest(workspace, copy)
    assert again.outcome == "unchanged"
    assert "already imported" in again.message
    assert query(workspace, "street_crimes", "SELECT count(*) FROM t") == [(2,)]
    assert len(parquet_parts(workspace)) == 1


# --- detection ---------------------------------------------------------------------------


def test_detect_kind_from_header_not_name(tmp_path: Path) -> None:
    # Names say one thing, headers another: the header decides.
    street = write(tmp_path / "outcomes.csv", [STREET_HEADER, street_row()])
    stop = write(tmp_path / "street.csv", [STOP_HEADER, stop_row()])
    outcomes = write(tmp_path / "stop-and-search.csv", [OUTCOMES_HEADER, outcome_row()])
    assert detect_kind(street) == "police_uk_street"
    assert detect_kind(stop) == "police_uk_stop_search"
    assert detect_kind(outcomes) == "police_uk_outcomes"


def test_detect_kind_is_loose_about_case_spacing_order_and_bom(tmp_path: Path) -> None:
    names = STREET_HEADER.split(",")
    shuffled = [f"  {n.upper()} " for n in reversed(names)]
    path = write(tmp_path / "x.csv", [",".join(shuffled)], bom=True)
    assert detect_kind(path) == "police_uk_street"


def test_detect_kind_still_recognises_a_file_with_a_renamed_column(tmp_path: Path) -> None:
    header = OUTCOMES_HEADER.replace("Outcome type", "Outcome")
    path = write(tmp_path / "x.csv", [header, outcome_row()])
    assert detect_kind(path) == "police_uk_outcomes"
    header = STREET_HEADER.replace(",Last outcome category,Context", "")
    path = write(tmp_path / "y.csv", [header])
    assert detect_kind(path) == "police_uk_street"


def test_detect_kind_rejects_unrecognised_header_naming_expected(tmp_path: Path) -> None:
    path = write(tmp_path / "cells.csv", ["cell_id,lat,lon", "A1,51.5,0.1"])
    with pytest.raises(FileRejected) as caught:
        detect_kind(path)
    message = str(caught.value)
    assert str(path) in message
    assert "Crime ID, Month, Reported by" in message
    assert "Object of search" in message
    assert "Outcome type" in message
    assert "'cell_id'" in message


def test_adapter_refuses_a_file_of_another_kind(workspace: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path / "s.csv", [STREET_HEADER, street_row()])
    result = import_file(workspace, PoliceUkAdapter("police_uk_stop_search"), path)
    assert result.outcome == "failed"
    assert "street crime" in result.message
    assert parquet_parts(workspace) == []
    with pytest.raises(ValueError):
        PoliceUkAdapter("police_uk_everything")


# --- outcomes -----------------------------------------------------------------------------


def test_outcomes_file_loads_and_needs_a_crime_id(workspace: Workspace, tmp_path: Path) -> None:
    path = write(
        tmp_path / "o.csv",
        [OUTCOMES_HEADER, outcome_row("c1"), outcome_row(""), outcome_row("c3", "2019-01")],
    )
    result = ingest(workspace, path)
    assert result.outcome == "loaded", result.message
    assert (result.rows_loaded, result.rows_rejected) == (2, 1)
    assert result.reject_reasons == {"missing Crime ID": 1}
    assert errors_of(workspace, result.source_file_id) == [(3, "Crime ID", "missing Crime ID")]
    rec = record(workspace, result.source_file_id)
    assert rec.source_kind == "police_uk_outcomes"
    assert query(
        workspace,
        "crime_outcomes",
        "SELECT crime_id, month, latitude, outcome_type, source_line FROM t ORDER BY source_line",
    ) == [
        ("c1", dt.date(2018, 11, 1), 51.789, "Offender given a caution", 2),
        ("c3", dt.date(2019, 1, 1), 51.789, "Offender given a caution", 4),
    ]
    assert _aware(rec.first_event_at) == dt.datetime(2018, 11, 1, tzinfo=dt.UTC)
    assert _aware(rec.last_event_at) == dt.datetime(2019, 1, 31, 23, 59, 59, 999999, dt.UTC)
    columns = [r[0] for r in query(workspace, "crime_outcomes", "DESCRIBE t")]
    assert columns == [
        "crime_id", "month", "reported_by", "falls_within", "longitude", "latitude", "location",
        "lsoa_code", "lsoa_name", "outcome_type", "source_sha256", "source_line",
    ]  # fmt: skip


# --- bad input ----------------------------------------------------------------------------


def test_missing_column_fails_the_whole_file(workspace: Workspace, tmp_path: Path) -> None:
    header = STREET_HEADER.replace(",Context", "")
    row = street_row().rsplit(",", 1)[0]
    path = write(tmp_path / "s.csv", [header, row, row])
    result = ingest(workspace, path)
    assert result.outcome == "failed"
    assert "'Context'" in result.message
    assert "nothing loaded" in result.message
    assert parquet_parts(workspace) == []
    rec = record(workspace, result.source_file_id)
    assert (rec.status, rec.source_kind, rec.rows_loaded) == ("failed", "police_uk_street", 0)


def test_renamed_column_fails_naming_it(workspace: Workspace, tmp_path: Path) -> None:
    header = STREET_HEADER.replace("Crime type", "Crime category")
    path = write(tmp_path / "s.csv", [header, street_row()])
    result = ingest(workspace, path)
    assert result.outcome == "failed"
    assert "'Crime type' (found 'Crime category': renamed?)" in result.message
    assert parquet_parts(workspace) == []


def test_bad_month_rows_are_rejected_with_line_and_reason(
    workspace: Workspace, tmp_path: Path
) -> None:
    lines = [STREET_HEADER] + [street_row(f"c{i}") for i in range(6)]
    lines[2] = street_row("bad1", month="2018-13")
    lines[4] = street_row("bad2", month="Oct 2018")
    lines[5] = street_row("bad3", month="")
    lines[6] = street_row("bad4", month="2999-01")
    lines += [street_row(f"d{i}") for i in range(5)]
    path = write(tmp_path / "s.csv", lines)
    result = ingest(workspace, path)
    assert result.outcome == "loaded", result.message
    assert (result.rows_loaded, result.rows_rejected) == (7, 4)
    assert result.reject_reasons == {
        "Month is not YYYY-MM": 2,
        "missing Month": 1,
        "Month in the future": 1,
    }
    assert errors_of(workspace, result.source_file_id) == [
        (3, "Month", "Month is not YYYY-MM"),
        (5, "Month", "Month is not YYYY-MM"),
        (6, "Month", "missing Month"),
        (7, "Month", "Month in the future"),
    ]
    assert query(
        workspace, "street_crimes", "SELECT count(*) FROM t WHERE crime_id LIKE 'bad%'"
    ) == [(0,)]


def test_coordinates_validated_and_empty_ones_kept(workspace: Workspace, tmp_path: Path) -> None:
    lines = [
        STREET_HEADER,
        street_row("ok"),  # line 2
        street_row("nan", lat="abc"),  # 3
        street_row("north", lat="95.0"),  # 4
        street_row("east", lon="200"),  # 5
        street_row("half", lon=""),  # 6: latitude without longitude
        street_row("none", lon="", lat=""),  # 7: no location, kept
        street_row("ok2", lon=" -0.5 ", lat=" 51.2 "),  # 8: spaces trimmed
        *[street_row(f"more{i}") for i in range(4)],  # 9..12
    ]
    path = write(tmp_path / "s.csv", lines)
    result = ingest(workspace, path)
    assert result.outcome == "loaded", result.message
    assert (result.rows_loaded, result.rows_rejected) == (7, 4)
    assert errors_of(workspace, result.source_file_id) == [
        (3, "Latitude", "Latitude is not a number"),
        (4, "Latitude", "Latitude outside -90..90"),
        (5, "Longitude", "Longitude outside -180..180"),
        (6, "Longitude", "Latitude given without Longitude"),
    ]
    assert query(
        workspace,
        "street_crimes",
        "SELECT crime_id, latitude, longitude FROM t WHERE source_line IN (7, 8) ORDER BY 1",
    ) == [("none", None, None), ("ok2", 51.2, -0.5)]
    assert any("1 rows have no coordinates" in w for w in result.warnings)


def test_bom_and_crlf_and_blank_line(workspace: Workspace, tmp_path: Path) -> None:
    lines = [STREET_HEADER, street_row("a"), street_row("b"), "", street_row("c")]
    path = write(tmp_path / "s.csv", lines, newline="\r\n", bom=True)
    assert detect_kind(path) == "police_uk_street"
    result = ingest(workspace, path)
    assert result.outcome == "loaded", result.message
    assert (result.rows_loaded, result.rows_rejected) == (3, 0)
    assert query(
        workspace,
        "street_crimes",
        "SELECT crime_id, source_line, context, last_outcome_category FROM t ORDER BY 2",
    ) == [
        ("a", 2, None, "Under investigation"),
        ("b", 3, None, "Under investigation"),
        ("c", 5, None, "Under investigation"),
    ]


def test_notes_for_extra_columns_and_missing_crime_ids(
    workspace: Workspace, tmp_path: Path
) -> None:
    lines = [
        STREET_HEADER + ",Force notes",
        street_row("") + ",x",  # a Drugs row without Crime ID: kept, noted
        street_row("", crime_type="Anti-social behaviour") + ",y",  # usual: no note
        street_row("c3") + ",z",
    ]
    path = write(tmp_path / "s.csv", lines)
    result = ingest(workspace, path)
    assert result.outcome == "loaded", result.message
    assert (result.rows_loaded, result.rows_rejected) == (3, 0)
    assert "columns not part of the layout, ignored: Force notes" in result.warnings
    assert "1 rows other than anti-social behaviour have no Crime ID" in result.warnings
    columns = [r[0] for r in query(workspace, "street_crimes", "DESCRIBE t")]
    assert "force_notes" not in columns


def test_empty_file_fails(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    result = ingest(workspace, path)
    assert result.outcome == "failed"
    assert "empty file" in result.message
    assert parquet_parts(workspace) == []
    assert record(workspace, result.source_file_id).status == "failed"


def test_header_only_file_loads_nothing_with_a_note(workspace: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path / "s.csv", [STOP_HEADER], final=False)
    result = ingest(workspace, path)
    assert result.outcome == "loaded", result.message
    assert (result.rows_loaded, result.rows_rejected) == (0, 0)
    assert any("header only" in w for w in result.warnings)
    rec = record(workspace, result.source_file_id)
    assert rec.source_kind == "police_uk_stop_search"
    assert (rec.first_event_at, rec.last_event_at) == (None, None)
    assert query(workspace, "stop_searches", "SELECT count(*) FROM t") == [(0,)]


def test_truncated_last_line_rejected_rest_loaded(workspace: Workspace, tmp_path: Path) -> None:
    lines = [STREET_HEADER] + [street_row(f"c{i}") for i in range(5)]
    lines.append(street_row("cut")[:40])  # line 7, cut short, no final newline
    path = write(tmp_path / "s.csv", lines, final=False)
    result = ingest(workspace, path)
    assert result.outcome == "loaded", result.message
    assert (result.rows_loaded, result.rows_rejected) == (5, 1)
    [(line, _column, reason)] = errors_of(workspace, result.source_file_id)
    assert line == 7
    assert "too few fields" in reason
    assert result.reject_reasons == {reason: 1}
    assert query(workspace, "street_crimes", "SELECT max(source_line) FROM t") == [(6,)]


def test_unrecognised_header_fails_whole_file(workspace: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path / "calls.csv", ["caller,called,start,duration", "1,2,3,4"])
    result = ingest(workspace, path)
    assert result.outcome == "failed"
    assert "not a data.police.uk" in result.message
    assert "Crime ID, Month" in result.message
    assert parquet_parts(workspace) == []
    assert record(workspace, result.source_file_id).source_kind == "police_uk"


def test_stop_search_dates_and_booleans_validated(workspace: Workspace, tmp_path: Path) -> None:
    lines = [
        STOP_HEADER,
        stop_row(),  # 2
        stop_row(date="2016-07-01T10:01:00+01:00"),  # 3: BST offset -> 09:01 UTC
        stop_row(date="2016-11-01T00:01:00"),  # 4: no offset
        stop_row(date="01/11/2016 00:01"),  # 5
        stop_row(operation="Yes"),  # 6
        stop_row(linked="", removal=""),  # 7: empty booleans are NULL
        stop_row(lat="", lon=""),  # 8
        *[stop_row() for _ in range(3)],  # 9..11
    ]
    path = write(tmp_path / "ss.csv", lines)
    result = ingest(workspace, path)
    assert result.outcome == "loaded", result.message
    assert (result.rows_loaded, result.rows_rejected) == (7, 3)
    offset = "Date is not an ISO 8601 date-time with a UTC offset (like 2016-11-01T00:01:00+00:00)"
    assert errors_of(workspace, result.source_file_id) == [
        (4, "Date", offset),
        (5, "Date", offset),
        (6, "Part of a policing operation", "Part of a policing operation is not True, False or empty"),
    ]  # fmt: skip
    assert query(
        workspace,
        "stop_searches",
        """SELECT source_line, date, outcome_linked_to_object_of_search,
                  removal_of_more_than_just_outer_clothing
           FROM t WHERE source_line IN (3, 7) ORDER BY 1""",
    ) == [
        (3, dt.datetime(2016, 7, 1, 9, 1, tzinfo=dt.UTC), True, False),
        (7, dt.datetime(2016, 11, 1, 0, 1, tzinfo=dt.UTC), None, None),
    ]
    rec = record(workspace, result.source_file_id)
    assert _aware(rec.first_event_at) == dt.datetime(2016, 7, 1, 9, 1, tzinfo=dt.UTC)


def test_mostly_bad_file_fails_whole(workspace: Workspace, tmp_path: Path) -> None:
    lines = [STREET_HEADER, street_row("ok")] + [
        street_row(f"b{i}", month="10/2018") for i in range(3)
    ]
    path = write(tmp_path / "s.csv", lines)
    result = ingest(workspace, path)
    assert result.outcome == "failed"
    assert "3 of 4 rows rejected" in result.message
    assert parquet_parts(workspace) == []


# --- the command --------------------------------------------------------------------------


def test_cli_loads_mixed_kinds_and_reports_failures(workspace: Workspace, tmp_path: Path) -> None:
    street = write(tmp_path / "one.csv", [STREET_HEADER, street_row("a"), street_row("b")])
    stop = write(tmp_path / "two.csv", [STOP_HEADER, stop_row()])
    outcomes = write(tmp_path / "three.csv", [OUTCOMES_HEADER, outcome_row()])
    bad = write(tmp_path / "four.csv", ["foo,bar", "1,2"])
    runner = CliRunner()
    args = ["--workspace", str(workspace.root), "ingest", "police-uk"]
    result = runner.invoke(app, [*args, str(street), str(stop), str(outcomes), str(bad), "--json"])
    assert result.exit_code == 1, result.output  # one file failed
    report = json.loads(result.stdout)
    assert [(r["outcome"], r["rows_loaded"]) for r in report] == [
        ("loaded", 2),
        ("loaded", 1),
        ("loaded", 1),
        ("failed", 0),
    ]
    with workspace.session() as session:
        kinds = session.execute(
            select(SourceFile.file_name, SourceFile.source_kind, SourceFile.status).order_by(
                SourceFile.id
            )
        ).all()
    assert [tuple(k) for k in kinds] == [
        ("one.csv", "police_uk_street", "loaded"),
        ("two.csv", "police_uk_stop_search", "loaded"),
        ("three.csv", "police_uk_outcomes", "loaded"),
        ("four.csv", "police_uk", "failed"),
    ]
    good = runner.invoke(app, [*args, str(street), "--json"])
    assert good.exit_code == 0, good.output
    assert [r["outcome"] for r in json.loads(good.stdout)] == ["unchanged"]

    helped = runner.invoke(app, ["ingest", "police-uk", "--help"])
    assert helped.exit_code == 0
    assert "detected from its header" in " ".join(helped.output.split())


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive datetimes; every stored time is UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.UTC)
