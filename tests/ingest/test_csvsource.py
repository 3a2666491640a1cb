"""Delimited-file reading: true line numbers, malformed rows, headers."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from countylines.ingest import csvsource, files
from countylines.ingest.errors import FileRejected


def _stage(
    path: Path, tmp_path: Path
) -> tuple[list[tuple[int, str]], list[tuple[int | None, str]]]:
    con = duckdb.connect()
    layout = csvsource.CsvLayout()
    header = csvsource.read_header(path, layout, path.name)
    errors = csvsource.stage_rows(con, path, files.scan(path), layout, header, tmp_path)
    rows = con.execute("SELECT line, c0 FROM raw_rows ORDER BY line").fetchall()
    return rows, [(e.line, e.reason) for e in errors]


def test_line_numbers_survive_blank_and_rejected_lines(tmp_path: Path) -> None:
    # Each data row's first field is its own physical line number.
    path = tmp_path / "lines.csv"
    path.write_bytes(
        b"\xef\xbb\xbfline,v\r\n2,a\r\n\r\n4,b\r\n5\r\n6,c,extra\r\n7,d\r\n\r\n\r\n10,e\r\n11"
    )
    rows, errors = _stage(path, tmp_path)
    assert [line for line, _ in rows] == [2, 4, 7, 10]
    assert all(str(line) == c0 for line, c0 in rows)
    assert [line for line, _ in errors] == [5, 6, 11]
    assert "too few fields" in errors[0][1]
    assert "too many fields" in errors[1][1]


def test_line_numbers_in_a_file_larger_than_many_reader_chunks(tmp_path: Path) -> None:
    # 300,000 rows cross many DuckDB chunks and threads; order must hold.
    path = tmp_path / "big.csv"
    with path.open("w") as handle:
        handle.write("line,v\n")
        for line in range(2, 300_002):
            if line % 99_991 == 0:
                handle.write("\n")  # a blank line
            elif line % 77_777 == 0:
                handle.write(f"{line}\n")  # a short row
            else:
                handle.write(f"{line},x\n")
    rows, errors = _stage(path, tmp_path)
    assert all(str(line) == c0 for line, c0 in rows)
    assert [line for line, _ in errors] == [77_777, 155_554, 233_331]
    assert len(rows) == 300_000 - 3 - 3


def test_blank_lines_found_across_chunk_boundaries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "b.csv"
    path.write_bytes(b"a,b\n1,2\n\n3,4\r\n\r\n\n5,6\n\n")
    expected = [3, 5, 6, 8]
    assert files.scan(path).blank_lines == expected
    monkeypatch.setattr(files, "CHUNK", 3)
    assert files.scan(path).blank_lines == expected


def test_header_matching_names_missing_and_renamed_columns() -> None:
    with pytest.raises(FileRejected) as info:
        csvsource.match_header(
            ["Call Date", "Calling No", "B"], ["Call Date", "Calling Number"], [], "f.csv"
        )
    message = str(info.value)
    assert "f.csv, line 1" in message
    assert "'Calling Number' (found 'Calling No': renamed?)" in message


def test_header_matching_is_loose_on_case_space_and_bom() -> None:
    match = csvsource.match_header(["\ufeffcall  DATE ", "x"], ["Call Date"], [], "f.csv")
    assert match.positions == {"Call Date": 0}


def test_empty_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(FileRejected, match="empty file"):
        csvsource.read_header(path, csvsource.CsvLayout(), "empty.csv")


def test_cp1252_is_transcoded(tmp_path: Path) -> None:
    path = tmp_path / "legacy.csv"
    path.write_bytes("name,v\n\u2018Caf\u00e9\u2019,\u00a35\n".encode("cp1252"))
    con = duckdb.connect()
    layout = csvsource.CsvLayout(encoding="cp1252")
    header = csvsource.read_header(path, layout, path.name)
    csvsource.stage_rows(con, path, files.scan(path), layout, header, tmp_path)
    assert con.execute("SELECT c0, c1 FROM raw_rows").fetchall() == [
        ("\u2018Caf\u00e9\u2019", "\u00a35")
    ]
