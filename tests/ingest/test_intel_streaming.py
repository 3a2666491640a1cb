"""Intelligence ingest streams: bounded memory, batches, JSON errors as JSON tells them.

Every fixture file is written here, in ``tmp_path``. The memory tests measure
traced Python allocations (``tracemalloc``), not time: staging a file of
200,000 reports must peak far below the file's size.
"""

from __future__ import annotations

import gc
import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from countylines.ingest import files, intel
from countylines.ingest.intel import IntelAdapter
from countylines.ingest.runner import ImportResult, StageContext, Staged, import_file
from countylines.store.models import (
    IntelReport,
    IntelSourceRecord,
    IntelSubject,
    RowErrorRecord,
    SourceFile,
)
from countylines.workspace import Workspace

HEADER = "urn,date,text,grading_scheme,source_grade,intelligence_grade,handling_code"
GOOD = {
    "urn": "J-0",
    "date": "2024-01-01",
    "text": "Fine",
    "grading_scheme": "3x5x2",
    "source_grade": "1",
    "intelligence_grade": "A",
    "handling_code": "P",
}
LONG_TEXT = (
    "Runner for the Ricky line seen at the station at 16:00, then at 4 Mill Lane, Exeter; two "
    "youths on bikes, one with a black rucksack, the other on a phone; handed a package to a "
    "man in a grey car outside the shop"
)


def line(urn: str, date: str = "2024-03-01", text: str | None = None) -> str:
    """One CSV line of a valid report."""
    return f"{urn},{date},{text or 'Report ' + urn},3x5x2,1,A,P"


def load(ws: Workspace, path: Path) -> ImportResult:
    return import_file(ws, IntelAdapter(), path)


def count(ws: Workspace, model: Any) -> int:
    with ws.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def errors_of(ws: Workspace, import_id: int | None) -> list[tuple[int | None, str | None, str]]:
    with ws.session() as s:
        return [
            (e.line, e.column, e.reason)
            for e in s.scalars(
                select(RowErrorRecord)
                .where(RowErrorRecord.source_file_id == import_id)
                .order_by(RowErrorRecord.line, RowErrorRecord.id)
            ).all()
        ]


def staging_peak(ws: Workspace, path: Path, tmp_path: Path) -> tuple[Staged, int]:
    """Stage ``path`` alone; the staged result and the peak traced memory in bytes."""
    workdir = tmp_path / "work"
    workdir.mkdir(exist_ok=True)
    facts = files.scan(path)
    with ws.duckdb() as con:
        ctx = StageContext(ws, path, str(path), facts, workdir, con, 100)
        tracemalloc.start()
        try:
            staged = IntelAdapter().stage(ctx)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    return staged, peak


# ---------------------------------------------------------------- bounded memory


@pytest.mark.slow
def test_staging_200000_reports_peaks_far_below_the_file_size(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER + ",area\n")
        out.writelines(
            f'BIG-{i},2024-03-01,"{LONG_TEXT} ({i})",3x5x2,1,A,P,Exeter\n' for i in range(200_000)
        )
    size = path.stat().st_size  # about 54 MB

    staged, peak = staging_peak(workspace, path, tmp_path)

    assert (staged.rows_read, staged.rows_loaded) == (200_000, 200_000)
    # a batch of 1,000 reports and fixed buffers: about 4 MB, whatever the file's size
    assert peak < size / 4, f"staging peaked at {peak:,} bytes for a file of {size:,} bytes"


@pytest.mark.slow
def test_json_staging_memory_does_not_grow_with_the_file(
    workspace: Workspace, tmp_path: Path
) -> None:
    def peak_for(n: int) -> tuple[int, int]:
        path = tmp_path / f"reports-{n}.json"
        with path.open("w", encoding="utf-8") as out:
            out.write("[\n")
            out.writelines(
                ("," if i else "")
                + json.dumps(dict(GOOD, urn=f"J-{i}", text=f"{LONG_TEXT} ({i})"), indent=2)
                + "\n"
                for i in range(n)
            )
            out.write("]\n")
        staged, peak = staging_peak(workspace, path, tmp_path)
        assert staged.rows_loaded == n
        return peak, path.stat().st_size

    small, _ = peak_for(2_000)
    large, size = peak_for(20_000)
    # ten times the reports, the same memory (an in-memory reader would need ten times more)
    assert large < small * 1.5, f"{small:,} bytes for 2,000 reports, {large:,} for 20,000"
    assert large < size


def test_records_are_flushed_in_batches_and_not_held(
    db_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(intel, "BATCH", 100)
    lines = [HEADER + ",people,source_reference"]
    lines += [line(f"B-{i}") + f",Person {i},SRC-{i}" for i in range(3_000)]
    path = tmp_path / "batches.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    held: list[int] = []

    def after_flush(session: Session, _context: Any) -> None:
        gc.collect()
        held.append(len(session.identity_map))

    event.listen(Session, "after_flush", after_flush)
    try:
        result = load(db_workspace, path)
    finally:
        event.remove(Session, "after_flush", after_flush)

    assert (result.outcome, result.rows_loaded) == ("loaded", 3_000)
    assert count(db_workspace, IntelReport) == 3_000
    assert count(db_workspace, IntelSubject) == 3_000
    assert count(db_workspace, IntelSourceRecord) == 3_000
    assert len(held) >= 30  # one flush per 100 reports
    # a batch is 400 records (report, subject, grading, source record); 12,000 in all
    assert max(held) <= 2 * 400 + 10, held


# ---------------------------------------------------------------- streaming in batches


def test_repeats_and_earlier_urns_are_found_across_batches(
    db_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = tmp_path / "first.csv"
    first.write_text(f"{HEADER}\n{line('OLD-1')}\n", encoding="utf-8")
    earlier = load(db_workspace, first)
    assert earlier.outcome == "loaded"

    monkeypatch.setattr(intel, "BATCH", 2)
    path = tmp_path / "second.csv"
    rows = [line(f"N-{i}") for i in range(1, 8)]
    rows[5] = line("N-2", text="again")  # line 7 repeats line 3, two batches later
    rows[6] = line("OLD-1", text="corrected")  # line 8: loaded by the first import, differently
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    result = load(db_workspace, path)

    assert (result.outcome, result.rows_loaded, result.rows_rejected) == ("loaded", 5, 2)
    assert errors_of(db_workspace, result.source_file_id) == [
        (7, "urn", "URN repeated in this file (first at line 3); this occurrence is not loaded"),
        (
            8,
            "urn",
            f"URN already loaded from import #{earlier.source_file_id}, with a different date, "
            "text, area or grading: correct or re-grade it in the workspace, where its history "
            "is kept",
        ),
    ]


def test_a_file_changed_between_the_passes_loads_nothing(
    db_workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "moving.csv"
    path.write_text(f"{HEADER}\n{line('M-1')}\n{line('M-2')}\n", encoding="utf-8")

    class Appending(IntelAdapter):
        """Stages, then lets the file grow before the records are written."""

        def stage(self, ctx: StageContext) -> Staged:
            staged = super().stage(ctx)
            with path.open("a", encoding="utf-8") as out:
                out.write(line("M-3") + "\n")
            return staged

    result = import_file(db_workspace, Appending(), path)
    assert result.outcome == "failed"
    assert "the file changed while it was being imported" in result.message
    assert count(db_workspace, IntelReport) == 0
    with db_workspace.session() as s:
        assert s.scalars(select(SourceFile.status)).all() == ["failed"]


def test_undecodable_json_names_the_line(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "legacy.json"
    reports = [dict(GOOD, urn=f"J-{i}") for i in range(3)]
    text = "[\n" + ",\n".join(json.dumps(r) for r in reports) + "\n]\n"
    path.write_bytes(text.replace("Fine", "Café", 1).encode("cp1252"))
    result = load(workspace, path)
    assert result.outcome == "failed"
    assert "line 2 is not valid utf-8 text" in result.message
    assert "--encoding cp1252" in result.message


def test_csv_line_longer_than_the_limit_fails_the_file(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "huge-line.csv"
    path.write_text(f"{HEADER}\n{line('H-1')}\n" + "x" * (9 * 1024 * 1024) + "\n", encoding="utf-8")
    result = load(workspace, path)
    assert result.outcome == "failed"
    assert "line 3 is longer than 8,388,608 characters" in result.message


# ---------------------------------------------------------------- JSON syntax errors


def _minified_broken_report() -> str:
    return json.dumps([GOOD, dict(GOOD, urn="J-1")]).replace(
        '"text": "Fine", "grading', '"text" "Fine", "grading', 1
    )


def _pretty_missing_comma() -> str:
    return json.dumps([GOOD, dict(GOOD, urn="J-1")], indent=2).replace("},", "}", 1)


def _trailing_comma() -> str:
    return "[\n" + json.dumps(GOOD) + ",\n" + json.dumps(dict(GOOD, urn="J-1")) + ",\n]\n"


def _cut_inside_a_report() -> str:
    return json.dumps({"reports": [GOOD, dict(GOOD, urn="J-1")]}, indent=2)[:-40]


def _bad_escape_in_a_report() -> str:
    return '[\n  {"urn": "J-0",\n   "text": "C:\\qtemp"}\n]\n'


@pytest.mark.parametrize(
    "make",
    [
        _minified_broken_report,
        _pretty_missing_comma,
        _trailing_comma,
        _cut_inside_a_report,
        _bad_escape_in_a_report,
    ],
)
def test_json_errors_in_or_between_reports_read_as_json_tells_them(
    workspace: Workspace, tmp_path: Path, make: Any
) -> None:
    text = make()
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(text)
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")

    result = load(workspace, path)

    err = expected.value
    assert result.outcome == "failed"
    assert result.message == (
        f"{path}, line {err.lineno}: not valid JSON: {err.msg} at line {err.lineno}, "
        f"column {err.colno} (nothing loaded)"
    )
    assert count(workspace, IntelReport) == 0


def test_json_errors_outside_the_reports_name_the_line(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "two-documents.json"
    path.write_text(json.dumps([GOOD]) + "\n" + json.dumps([GOOD]) + "\n", encoding="utf-8")
    result = load(workspace, path)
    assert result.outcome == "failed"
    assert (
        result.message == f"{path}, line 2: not valid JSON: Extra data at line 2 (nothing loaded)"
    )


def test_json_syntax_error_never_quotes_the_file(workspace: Workspace, tmp_path: Path) -> None:
    text = '{"reports": [] "CHIS-0042 met DC Jones"}'
    path = tmp_path / "secret.json"
    path.write_text(text, encoding="utf-8")
    result = load(workspace, path)
    assert result.outcome == "failed"
    assert "CHIS-0042" not in result.message
    assert result.message == (
        f"{path}, line 1: not valid JSON at line 1: text out of place (a missing or extra "
        "comma, bracket, brace or quote?) (nothing loaded)"
    )


def test_json_reports_key_twice_fails(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "twice.json"
    path.write_text('{"reports": [], "reports": []}', encoding="utf-8")
    result = load(workspace, path)
    assert result.outcome == "failed"
    assert "the key 'reports' appears twice in the top-level object" in result.message


def test_json_nan_is_not_json(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "nan.json"
    path.write_text('[{"urn": "J-0", "text": NaN}]', encoding="utf-8")
    result = load(workspace, path)
    assert result.outcome == "failed"
    assert "not valid JSON at line 1" in result.message


def test_json_integers_of_any_size_are_read_exactly(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "big-urn.json"
    urn = 123456789012345678901234567890
    details = {"count": 10**30, "share": 0.25}
    path.write_text(json.dumps([dict(GOOD, urn=urn, source_details=details)]), encoding="utf-8")
    result = load(workspace, path)
    assert (result.outcome, result.rows_loaded) == ("loaded", 1)
    with workspace.session() as s:
        record = s.scalars(select(IntelSourceRecord)).one()
    assert (record.urn, record.source_details) == (str(urn), {"source_details": details})
