"""Intelligence reports: CSV and JSON, stored values, source identity kept apart, bad input.

Every fixture file is written here, in ``tmp_path``. The main tests use
``db_workspace``, so the SQL path runs on SQLite and (when a server is given)
PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload
from typer.testing import CliRunner

from countylines.cli.main import app
from countylines.ingest.intel import IntelAdapter, parse_report_date
from countylines.ingest.runner import ImportResult, StageContext, Staged, import_file
from countylines.store.models import (
    IntelGrading,
    IntelReport,
    IntelSourceRecord,
    IntelSubject,
    RowErrorRecord,
    SourceFile,
)
from countylines.workspace import Workspace

UTC = dt.UTC
COLUMNS = [
    "urn",
    "date",
    "text",
    "area",
    "grading_scheme",
    "source_grade",
    "intelligence_grade",
    "handling_code",
    "handling_conditions",
    "people",
    "phones",
    "addresses",
    "vehicles",
    "source_reference",
    "source_handler",
]
HEADER = ",".join(COLUMNS)
SOURCE_TEXTS = ("CHIS-0042", "DC Jones, handler of source 42", "Sarah Informant-Name")

ErrorRow = tuple[int | None, str | None, str | None, str]


# ---------------------------------------------------------------- helpers


def row(urn: str, **fields: str) -> str:
    """One CSV line of a valid 3x5x2 report, with ``fields`` overriding."""
    values = {
        "urn": urn,
        "date": "2024-03-01",
        "text": f"Report {urn}",
        "grading_scheme": "3x5x2",
        "source_grade": "1",
        "intelligence_grade": "A",
        "handling_code": "P",
    }
    values.update(fields)
    out = []
    for column in COLUMNS:
        value = values.get(column, "")
        if any(ch in value for ch in ',"\n\r'):
            value = '"' + value.replace('"', '""') + '"'
        out.append(value)
    return ",".join(out)


def csv_file(tmp_path: Path, lines: list[str], name: str = "intel.csv", *, eol: str = "\n") -> Path:
    path = tmp_path / name
    path.write_bytes((eol.join(lines) + eol).encode("utf-8"))
    return path


def good_rows(n: int, prefix: str = "GOOD") -> list[str]:
    return [row(f"{prefix}-{i}") for i in range(1, n + 1)]


def load(ws: Workspace, path: Path, encoding: str = "utf-8") -> ImportResult:
    return import_file(ws, IntelAdapter(encoding=encoding), path)


def reports(ws: Workspace) -> dict[str, IntelReport]:
    with ws.session() as s:
        found = s.scalars(
            select(IntelReport).options(
                selectinload(IntelReport.subjects), selectinload(IntelReport.gradings)
            )
        ).all()
        return {r.urn: r for r in found}


def source_records(ws: Workspace) -> dict[str, IntelSourceRecord]:
    with ws.session() as s:
        return {r.urn: r for r in s.scalars(select(IntelSourceRecord)).all()}


def errors_of(ws: Workspace, import_id: int | None) -> list[ErrorRow]:
    with ws.session() as s:
        return [
            (e.line, e.column, e.value, e.reason)
            for e in s.scalars(
                select(RowErrorRecord)
                .where(RowErrorRecord.source_file_id == import_id)
                .order_by(RowErrorRecord.line, RowErrorRecord.id)
            ).all()
        ]


def count(ws: Workspace, model: Any) -> int:
    with ws.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def subjects_of(report: IntelReport) -> list[tuple[str, str, str | None]]:
    return sorted((s.kind, s.value, s.normalised) for s in report.subjects)


def utc(value: dt.datetime | None) -> dt.datetime | None:
    """A stored timestamp as aware UTC (SQLite gives it back naive)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def source_file(ws: Workspace, import_id: int | None) -> SourceFile:
    with ws.session() as s:
        record = s.get(SourceFile, import_id)
        assert record is not None
        return record


def assert_nothing_loaded(ws: Workspace) -> None:
    assert count(ws, IntelReport) == 0
    assert count(ws, IntelSubject) == 0
    assert count(ws, IntelGrading) == 0
    assert count(ws, IntelSourceRecord) == 0


def only_error(ws: Workspace, result: ImportResult) -> ErrorRow:
    errors = errors_of(ws, result.source_file_id)
    assert len(errors) == 1, errors
    return errors[0]


# ---------------------------------------------------------------- CSV happy path


def test_csv_reports_are_stored_exactly(db_workspace: Workspace, tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        [
            HEADER,
            row(
                "INT/2024/0001",
                text="Runner for the Ricky line seen at the station,\nthen at 4 Mill Lane.",
                area="Exeter",
                people="John SMITH; Jane  Doe ;",
                phones="07700 900123;+44 (0)7700 900456;Withheld;+33 6 12 34 56 78",
                addresses="4 Mill Lane, Exeter EX1 1AA",
                vehicles="ab12 cde; AB12CDE",
                source_reference="CHIS-0042",
                source_handler="DC Jones, handler of source 42",
            ),
            row(
                "INT/2024/0002",
                date="05/03/2024",
                grading_scheme="5x5x5",
                source_grade="b",
                intelligence_grade="2",
                handling_code="4",
            ),
            row(
                "INT/2024/0003",
                date="2024-03-09",
                source_grade="2",
                intelligence_grade="c",
                handling_code="C",
                handling_conditions="Not to be shared with partner agencies",
            ),
        ],
    )
    result = load(db_workspace, path)

    assert result.outcome == "loaded", result.message
    assert (result.rows_loaded, result.rows_rejected) == (3, 0)
    assert result.warnings == [
        "1 phone subjects are withheld or unknown numbers: kept as written, not linkable "
        "(no normalised number)"
    ]
    got = reports(db_workspace)
    assert sorted(got) == ["INT/2024/0001", "INT/2024/0002", "INT/2024/0003"]

    first = got["INT/2024/0001"]
    assert first.source_file_id == result.source_file_id
    assert first.source_line == 2
    assert first.report_date == dt.date(2024, 3, 1)
    assert first.text == "Runner for the Ricky line seen at the station,\nthen at 4 Mill Lane."
    assert first.area == "Exeter"
    assert (
        first.grading_scheme,
        first.source_grade,
        first.intelligence_grade,
        first.handling_code,
        first.handling_conditions,
    ) == ("3x5x2", "1", "A", "P", None)
    assert subjects_of(first) == [
        ("address", "4 Mill Lane, Exeter EX1 1AA", "4 MILL LANE, EXETER EX1 1AA"),
        ("person", "Jane  Doe", "JANE DOE"),
        ("person", "John SMITH", "JOHN SMITH"),
        ("phone", "+33 6 12 34 56 78", "+33612345678"),
        ("phone", "+44 (0)7700 900456", "+447700900456"),
        ("phone", "07700 900123", "+447700900123"),
        ("phone", "Withheld", None),
        ("vehicle", "ab12 cde", "AB12CDE"),  # AB12CDE is the same vehicle: stored once
    ]
    [grading] = first.gradings
    assert (
        grading.scheme,
        grading.source_grade,
        grading.intelligence_grade,
        grading.handling_code,
        grading.handling_conditions,
    ) == ("3x5x2", "1", "A", "P", None)
    assert grading.graded_by == getpass.getuser()
    assert grading.reason == f"as imported from intel.csv (import #{result.source_file_id})"

    second = got["INT/2024/0002"]
    assert second.source_line == 4  # the first report's text took lines 2 and 3
    assert second.report_date == dt.date(2024, 3, 5)
    assert second.area is None
    assert (
        second.grading_scheme,
        second.source_grade,
        second.intelligence_grade,
        second.handling_code,
    ) == ("5x5x5", "B", "2", "4")
    assert [
        (g.scheme, g.source_grade, g.intelligence_grade, g.handling_code) for g in second.gradings
    ] == [("5x5x5", "B", "2", "4")]
    assert second.subjects == []

    third = got["INT/2024/0003"]
    assert (third.source_grade, third.intelligence_grade, third.handling_code) == ("2", "C", "C")
    assert third.handling_conditions == "Not to be shared with partner agencies"
    assert third.gradings[0].handling_conditions == "Not to be shared with partner agencies"

    record = source_file(db_workspace, result.source_file_id)
    assert (record.status, record.layout) == ("loaded", "intelligence reports (CSV)")
    assert (record.rows_read, record.rows_loaded, record.rows_rejected) == (3, 3, 0)
    assert utc(record.first_event_at) == dt.datetime(2024, 3, 1, tzinfo=UTC)
    assert utc(record.last_event_at) == dt.datetime(2024, 3, 9, tzinfo=UTC)
    assert record.evidence_table is None


def test_source_identity_is_stored_apart_joined_only_by_urn(
    db_workspace: Workspace, tmp_path: Path
) -> None:
    path = csv_file(
        tmp_path,
        [
            HEADER + ",Source Details",
            row(
                "INT-1",
                source_reference="CHIS-0042",
                source_handler="DC Jones, handler of source 42",
            )
            + ',"Sarah Informant-Name, met at the usual place"',
            row("INT-2") + ",",
        ],
    )
    result = load(db_workspace, path)
    assert (result.outcome, result.rows_loaded) == ("loaded", 2)

    # the sanitised side holds no source text anywhere
    with db_workspace.session() as s:
        sanitised = [
            *s.execute(select(IntelReport.__table__)).all(),
            *s.execute(select(IntelSubject.__table__)).all(),
            *s.execute(select(IntelGrading.__table__)).all(),
            *s.execute(select(RowErrorRecord.__table__)).all(),
            *s.execute(select(SourceFile.warnings, SourceFile.error, SourceFile.layout)).all(),
        ]
    flat = json.dumps([[str(v) for v in r] for r in sanitised])
    for secret in SOURCE_TEXTS:
        assert secret not in flat
    assert not any(secret in w for w in result.warnings for secret in SOURCE_TEXTS)

    # the restricted side has it, keyed by the URN text, with no foreign key
    records = source_records(db_workspace)
    assert list(records) == ["INT-1"]  # INT-2 has no source identity: no record
    assert records["INT-1"].source_reference == "CHIS-0042"
    assert records["INT-1"].source_details == {
        "source_handler": "DC Jones, handler of source 42",
        "Source Details": "Sarah Informant-Name, met at the usual place",
    }
    assert not IntelSourceRecord.__table__.foreign_keys
    assert not any(
        fk.column.table.name == "intel_source_records"
        for table in (IntelReport.__table__, IntelSubject.__table__, IntelGrading.__table__)
        for fk in table.foreign_keys
    )
    with db_workspace.session() as s:
        joined = s.execute(
            select(IntelReport.text, IntelSourceRecord.source_reference).join(
                IntelSourceRecord, IntelSourceRecord.urn == IntelReport.urn
            )
        ).all()
    assert [tuple(j) for j in joined] == [("Report INT-1", "CHIS-0042")]


def test_source_grade_is_grading_not_source_identity(workspace: Workspace, tmp_path: Path) -> None:
    path = csv_file(tmp_path, [HEADER, row("INT-1", source_grade="2", intelligence_grade="B")])
    assert load(workspace, path).outcome == "loaded"
    assert reports(workspace)["INT-1"].source_grade == "2"
    assert source_records(workspace) == {}


def test_report_text_naming_its_source_is_rejected_without_echoing_it(
    db_workspace: Workspace, tmp_path: Path
) -> None:
    path = csv_file(
        tmp_path,
        [
            HEADER,
            row(
                "INT-1",
                text="CHIS-0042 says the line is run from Leeds",
                source_reference="CHIS-0042",
            ),
            row(
                "INT-2",
                text="Met DC Jones, handler of source 42 today",
                source_handler="DC Jones, handler of source 42",
            ),
            *good_rows(3),
        ],
    )
    result = load(db_workspace, path)
    assert (result.outcome, result.rows_loaded, result.rows_rejected) == ("loaded", 3, 2)
    assert result.reject_reasons == {"report text contains source identity": 2}
    errors = errors_of(db_workspace, result.source_file_id)
    assert errors == [
        (
            2,
            "text",
            None,
            "the report text contains the value of source_reference: it is not sanitised "
            "(text not shown); remove the source identity from the text",
        ),
        (
            3,
            "text",
            None,
            "the report text contains the value of source_handler: it is not sanitised "
            "(text not shown); remove the source identity from the text",
        ),
    ]
    assert "INT-1" not in source_records(db_workspace)
    assert "CHIS-0042" not in json.dumps(errors)


def test_unrecognised_columns_are_named_and_not_stored(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = csv_file(tmp_path, [HEADER + ",officer_notes", row("INT-1") + ",met at the café"])
    result = load(workspace, path)
    assert result.outcome == "loaded"
    assert result.warnings == ["columns not recognised and not loaded: 'officer_notes'"]
    assert reports(workspace)["INT-1"].text == "Report INT-1"


def test_header_names_compare_loosely(workspace: Workspace, tmp_path: Path) -> None:
    header = "URN,Date,Text,Grading Scheme,Source-Grade,INTELLIGENCE_GRADE,Handling Code"
    path = csv_file(tmp_path, [header, "INT-1,2024-03-01,Seen,3x5x2,1,a,p"])
    result = load(workspace, path)
    assert result.outcome == "loaded", result.message
    report = reports(workspace)["INT-1"]
    assert (report.source_grade, report.intelligence_grade, report.handling_code) == ("1", "A", "P")


# ---------------------------------------------------------------- JSON happy path


def test_json_list_of_reports_is_stored_exactly(db_workspace: Workspace, tmp_path: Path) -> None:
    data = [
        {
            "urn": "INT-J1",
            "date": "2024-04-02",
            "text": "Deal line 07700 900123 sending bulk texts\r\nto customers in Taunton",
            "area": "Taunton",
            "grading_scheme": "3x5x2",
            "source_grade": 2,
            "intelligence_grade": "b",
            "handling_code": "C",
            "handling_conditions": "Force use only",
            "subjects": [
                {"kind": "phone", "value": "07700 900123"},
                {"kind": "person", "value": "Ricky"},
                {"kind": "vehicle", "value": "xy 70 abc"},
            ],
            "source_reference": "CHIS-0042",
            "source_details": {"handler": "DC Jones, handler of source 42", "meetings": 3},
        },
        {
            "urn": 12345,
            "date": "09/04/2024",
            "text": "Cuckooed flat on Station Road",
            "grading_scheme": "5x5x5",
            "source_grade": "E",
            "intelligence_grade": 4,
            "handling_code": 5,
            "handling_conditions": None,
            "addresses": ["Flat 2, 10 Station Road"],
            "phones": "07700900999; 00447700900888",
        },
    ]
    path = tmp_path / "reports.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    result = load(db_workspace, path)
    assert result.outcome == "loaded", result.message
    assert (result.rows_loaded, result.rows_rejected, result.warnings) == (2, 0, [])

    got = reports(db_workspace)
    first = got["INT-J1"]
    assert first.source_line == 2
    assert first.report_date == dt.date(2024, 4, 2)
    assert first.text == "Deal line 07700 900123 sending bulk texts\nto customers in Taunton"
    assert first.area == "Taunton"
    assert (
        first.grading_scheme,
        first.source_grade,
        first.intelligence_grade,
        first.handling_code,
        first.handling_conditions,
    ) == ("3x5x2", "2", "B", "C", "Force use only")
    assert subjects_of(first) == [
        ("person", "Ricky", "RICKY"),
        ("phone", "07700 900123", "+447700900123"),
        ("vehicle", "xy 70 abc", "XY70ABC"),
    ]
    assert (
        first.gradings[0].reason
        == f"as imported from reports.json (import #{result.source_file_id})"
    )

    second = got["12345"]
    assert second.source_line == 32
    assert second.report_date == dt.date(2024, 4, 9)
    assert (second.grading_scheme, second.source_grade, second.intelligence_grade) == (
        "5x5x5",
        "E",
        "4",
    )
    assert (second.handling_code, second.handling_conditions) == ("5", None)
    assert subjects_of(second) == [
        ("address", "Flat 2, 10 Station Road", "FLAT 2, 10 STATION ROAD"),
        ("phone", "00447700900888", "+447700900888"),
        ("phone", "07700900999", "+447700900999"),
    ]

    records = source_records(db_workspace)
    assert list(records) == ["INT-J1"]
    assert records["INT-J1"].source_reference == "CHIS-0042"
    assert records["INT-J1"].source_details == {
        "source_details": {"handler": "DC Jones, handler of source 42", "meetings": 3}
    }
    record = source_file(db_workspace, result.source_file_id)
    assert record.layout == "intelligence reports (JSON)"
    assert utc(record.first_event_at) == dt.datetime(2024, 4, 2, tzinfo=UTC)
    assert utc(record.last_event_at) == dt.datetime(2024, 4, 9, tzinfo=UTC)


def test_json_reports_object_with_subject_lists(db_workspace: Workspace, tmp_path: Path) -> None:
    data = {
        "exported_by": "Niche RMS",
        "reports": [
            {
                "urn": "INT-K1",
                "date": "2024-05-01",
                "text": "Two runners",
                "grading_scheme": "3x5x2",
                "source_grade": "3",
                "intelligence_grade": "E",
                "handling_code": "P",
                "subjects": {"people": ["Kid A", "Kid B"], "vehicles": ["AB12 CDE"]},
            }
        ],
    }
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = load(db_workspace, path)
    assert result.outcome == "loaded", result.message
    assert result.warnings == ["top-level keys not recognised and not loaded: 'exported_by'"]
    report = reports(db_workspace)["INT-K1"]
    assert report.source_line == 1
    assert subjects_of(report) == [
        ("person", "Kid A", "KID A"),
        ("person", "Kid B", "KID B"),
        ("vehicle", "AB12 CDE", "AB12CDE"),
    ]


def test_json_errors_name_index_path_and_line(db_workspace: Workspace, tmp_path: Path) -> None:
    good = {
        "urn": "J-0",
        "date": "2024-01-01",
        "text": "Fine",
        "grading_scheme": "3x5x2",
        "source_grade": "1",
        "intelligence_grade": "A",
        "handling_code": "P",
    }
    items: list[Any] = [dict(good, urn=f"J-{i}") for i in range(6)]
    items.insert(1, dict(good, urn="J-BAD-DATE", date="2024-02-30"))
    items.insert(3, dict(good, urn="J-BAD-TEXT", text=5))
    items.insert(5, "not an object")
    items.insert(6, dict(good, urn="J-BAD-SUBJ", subjects=[{"kind": "weapon", "value": "knife"}]))
    text = '{\n  "reports": [\n' + ",\n".join("    " + json.dumps(i) for i in items) + "\n  ]\n}\n"
    path = tmp_path / "mixed.json"
    path.write_text(text, encoding="utf-8")
    result = load(db_workspace, path)
    assert (result.outcome, result.rows_loaded, result.rows_rejected) == ("loaded", 6, 4)
    assert errors_of(db_workspace, result.source_file_id) == [
        (
            4,
            "$.reports[1].date",
            "2024-02-30",
            "no such date: '2024-02-30' (day is out of range for month)",
        ),
        (6, "$.reports[3].text", "5", "text must be text, not a number"),
        (8, "$.reports[5]", None, "report is not a JSON object (it is text)"),
        (
            9,
            "$.reports[6].subjects[0].kind",
            "weapon",
            "subject kind 'weapon' is not person, phone, address or vehicle",
        ),
    ]


def test_invalid_json_gives_line_and_column(db_workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[\n  {"urn": "J-1",\n   "date": "2024-01-01",,\n}]\n', encoding="utf-8")
    result = load(db_workspace, path)
    assert result.outcome == "failed"
    assert result.message == (
        f"{path}, line 3: not valid JSON: Expecting property name enclosed in double quotes "
        "at line 3, column 25 (nothing loaded)"
    )
    assert_nothing_loaded(db_workspace)
    assert errors_of(db_workspace, result.source_file_id) == [
        (
            3,
            None,
            None,
            "not valid JSON: Expecting property name enclosed in double quotes at line 3, column 25",
        )
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"items": []}', "this one holds an object without a 'reports' list"),
        ('"just text"', "this one holds text"),
        ("42", "this one holds a number"),
    ],
)
def test_json_of_the_wrong_shape_fails(
    workspace: Workspace, tmp_path: Path, content: str, reason: str
) -> None:
    path = tmp_path / "shape.json"
    path.write_text(content, encoding="utf-8")
    result = load(workspace, path)
    assert result.outcome == "failed"
    assert reason in result.message


def test_json_key_missing_from_every_report_fails_with_a_hint(
    workspace: Workspace, tmp_path: Path
) -> None:
    data = [
        {
            "urn": f"J-{i}",
            "report_date": "2024-01-01",
            "text": "x",
            "grading_scheme": "3x5x2",
            "source_grade": "1",
            "intelligence_grade": "A",
            "handling_code": "P",
        }
        for i in range(3)
    ]
    path = tmp_path / "renamed.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = load(workspace, path)
    assert result.outcome == "failed"
    assert (
        "no report in $ has the required key(s) 'date' (found 'report_date': renamed?)"
        in result.message
    )
    assert_nothing_loaded(workspace)


def test_empty_json_list_is_header_only(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "none.json"
    path.write_text("[]\n", encoding="utf-8")
    result = load(workspace, path)
    assert (result.outcome, result.rows_loaded) == ("loaded", 0)
    assert result.warnings == ["header only: the file has no reports"]


# ---------------------------------------------------------------- whole-file failures


def test_missing_column_fails_the_file(db_workspace: Workspace, tmp_path: Path) -> None:
    header = HEADER.replace("grading_scheme,", "")
    line = row("INT-1").replace(",3x5x2,", ",", 1)
    path = csv_file(tmp_path, [header, line])
    result = load(db_workspace, path)
    assert result.outcome == "failed"
    assert result.message.startswith(
        f"{path}, line 1: missing required column(s) 'grading_scheme'; the header has: 'urn', "
    )
    assert_nothing_loaded(db_workspace)
    record = source_file(db_workspace, result.source_file_id)
    assert (record.status, record.load_key) == ("failed", None)


def test_renamed_column_gets_a_hint(db_workspace: Workspace, tmp_path: Path) -> None:
    path = csv_file(tmp_path, [HEADER.replace("urn,date,", "urn,report_date,", 1), row("INT-1")])
    result = load(db_workspace, path)
    assert result.outcome == "failed"
    assert "missing required column(s) 'date' (found 'report_date': renamed?)" in result.message
    assert_nothing_loaded(db_workspace)


def test_column_named_twice_fails(workspace: Workspace, tmp_path: Path) -> None:
    path = csv_file(tmp_path, [HEADER + ",Text", row("INT-1") + ",other"])
    result = load(workspace, path)
    assert result.outcome == "failed"
    assert "column 'Text' appears twice (as 'text' and 'Text')" in result.message


def test_empty_file_fails(db_workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    result = load(db_workspace, path)
    assert result.outcome == "failed"
    assert result.message == f"{path}: empty file (0 bytes) (nothing loaded)"
    assert_nothing_loaded(db_workspace)


def test_blank_file_fails(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_bytes(b"\r\n \n")
    result = load(workspace, path)
    assert result.outcome == "failed"
    assert "only blank space" in result.message


def test_header_only_file_loads_nothing_and_says_so(
    db_workspace: Workspace, tmp_path: Path
) -> None:
    path = csv_file(tmp_path, [HEADER])
    result = load(db_workspace, path)
    assert (result.outcome, result.rows_loaded, result.rows_rejected) == ("loaded", 0, 0)
    assert result.warnings == ["header only: the file has no reports"]
    assert_nothing_loaded(db_workspace)
    record = source_file(db_workspace, result.source_file_id)
    assert (record.first_event_at, record.last_event_at) == (None, None)


def test_undecodable_file_fails_with_line_and_hint(db_workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "legacy.csv"
    path.write_bytes(
        (
            HEADER + "\n" + row("INT-1") + "\n" + row("INT-2", text="Owes £400 to the line") + "\n"
        ).encode("cp1252")
    )
    result = load(db_workspace, path)
    assert result.outcome == "failed"
    assert "line 3 is not valid utf-8 text (invalid start byte)" in result.message
    assert "--encoding cp1252" in result.message
    assert_nothing_loaded(db_workspace)

    retry = load(db_workspace, path, encoding="cp1252")
    assert retry.outcome == "loaded", retry.message
    assert reports(db_workspace)["INT-2"].text == "Owes £400 to the line"


def test_too_many_rejects_fail_the_whole_file(db_workspace: Workspace, tmp_path: Path) -> None:
    path = csv_file(
        tmp_path, [HEADER, row("INT-1"), row("INT-2", date="yesterday"), row("INT-3", date="soon")]
    )
    result = load(db_workspace, path)
    assert result.outcome == "failed"
    assert "2 of 3 rows rejected" in result.message
    assert_nothing_loaded(db_workspace)


def test_records_commit_with_the_file_or_not_at_all(
    db_workspace: Workspace, tmp_path: Path
) -> None:
    """A failure while writing the records leaves no report, subject, grading or source record."""

    class ClashingAdapter(IntelAdapter):
        """Stages normally, then writes a clashing record after the real ones."""

        def stage(self, ctx: StageContext) -> Staged:
            staged = super().stage(ctx)
            inner = staged.write_records
            assert inner is not None

            def write(session: Session, record: SourceFile) -> None:
                inner(session, record)
                session.add(
                    IntelReport(
                        urn="INT-1",
                        report_date=dt.date(2024, 1, 1),
                        text="clash",
                        grading_scheme="3x5x2",
                        source_grade="1",
                        intelligence_grade="A",
                        handling_code="P",
                    )
                )
                session.flush()

            staged.write_records = write
            return staged

    path = csv_file(
        tmp_path,
        [HEADER, row("INT-1", source_reference="CHIS-0042", people="Ricky"), row("INT-2")],
    )
    result = import_file(db_workspace, ClashingAdapter(), path)
    assert result.outcome == "failed"
    assert "conflicts with records already loaded" in result.message
    assert_nothing_loaded(db_workspace)
    with db_workspace.session() as s:
        assert s.scalars(select(SourceFile.status)).all() == ["failed"]

    retry = load(db_workspace, path)  # the real adapter, same file: loads whole
    assert (retry.outcome, retry.rows_loaded) == ("loaded", 2)
    assert count(db_workspace, IntelSourceRecord) == 1


# ---------------------------------------------------------------- re-import and URNs


def test_same_file_again_is_unchanged(db_workspace: Workspace, tmp_path: Path) -> None:
    path = csv_file(tmp_path, [HEADER, row("INT-1", people="Ricky"), row("INT-2")])
    first = load(db_workspace, path)
    assert first.outcome == "loaded"
    copy = tmp_path / "copy-of-intel.csv"
    copy.write_bytes(path.read_bytes())
    for again in (load(db_workspace, path), load(db_workspace, copy)):
        assert again.outcome == "unchanged"
        assert again.source_file_id == first.source_file_id
        assert "nothing changed" in again.message
    assert count(db_workspace, IntelReport) == 2
    assert count(db_workspace, IntelSubject) == 1
    assert count(db_workspace, IntelGrading) == 2
    assert count(db_workspace, SourceFile) == 1


def test_urn_repeated_in_the_file_rejects_the_second(
    db_workspace: Workspace, tmp_path: Path
) -> None:
    path = csv_file(
        tmp_path,
        [
            HEADER,
            row("INT-1", text="first"),
            row("INT-2"),
            row("INT-1", text="second"),
            row("INT-3"),
        ],
    )
    result = load(db_workspace, path)
    assert (result.outcome, result.rows_loaded, result.rows_rejected) == ("loaded", 3, 1)
    assert result.reject_reasons == {"URN repeated in the file": 1}
    assert only_error(db_workspace, result) == (
        4,
        "urn",
        "INT-1",
        "URN repeated in this file (first at line 2); this occurrence is not loaded",
    )
    assert reports(db_workspace)["INT-1"].text == "first"


def test_urn_loaded_by_another_file_with_other_content_is_rejected(
    db_workspace: Workspace, tmp_path: Path
) -> None:
    first = load(db_workspace, csv_file(tmp_path, [HEADER, row("INT-1")], "one.csv"))
    assert first.outcome == "loaded"
    second = load(
        db_workspace,
        csv_file(
            tmp_path, [HEADER, row("INT-1", text="again"), row("INT-2"), row("INT-3")], "two.csv"
        ),
    )
    assert (second.outcome, second.rows_loaded, second.rows_rejected) == ("loaded", 2, 1)
    assert second.reject_reasons == {
        "URN already loaded by an earlier import, with different content": 1
    }
    assert only_error(db_workspace, second) == (
        2,
        "urn",
        "INT-1",
        f"URN already loaded from import #{first.source_file_id}, with a different date, "
        "text, area or grading: correct or re-grade it in the workspace, where its history "
        "is kept",
    )
    assert reports(db_workspace)["INT-1"].text == "Report INT-1"


def test_a_growing_log_re_exported_loads_only_its_new_reports(
    db_workspace: Workspace, tmp_path: Path
) -> None:
    first = load(
        db_workspace, csv_file(tmp_path, [HEADER, row("INT-1"), row("INT-2")], "log-1.csv")
    )
    assert first.rows_loaded == 2
    again = load(
        db_workspace,
        csv_file(tmp_path, [HEADER, row("INT-1"), row("INT-2"), row("INT-3")], "log-2.csv"),
    )
    assert (again.outcome, again.rows_loaded, again.rows_rejected) == ("loaded", 1, 0)
    assert "2 reports are already in the workspace, identical: not loaded again" in again.warnings
    assert sorted(reports(db_workspace)) == ["INT-1", "INT-2", "INT-3"]


# ---------------------------------------------------------------- bad rows


def test_bad_dates_are_rejected_row_by_row(db_workspace: Workspace, tmp_path: Path) -> None:
    bad = [
        "2024-13-01",
        "31/02/2024",
        "2024/03/01",
        "03-01-2024",
        "2024-03-01T10:00",
        "2999-01-01",
        "",
    ]
    lines = [HEADER, *[row(f"BAD-{i}", date=d) for i, d in enumerate(bad)]]
    lines += [row("OK-ISO"), row("OK-UK", date="5/3/2024"), *good_rows(6)]
    result = load(db_workspace, csv_file(tmp_path, lines))
    assert (result.outcome, result.rows_loaded, result.rows_rejected) == ("loaded", 8, 7)
    assert errors_of(db_workspace, result.source_file_id) == [
        (2, "date", "2024-13-01", "no such date: '2024-13-01' (month must be in 1..12)"),
        (3, "date", "31/02/2024", "no such date: '31/02/2024' (day is out of range for month)"),
        (4, "date", "2024/03/01", "date '2024/03/01' is not written yyyy-mm-dd or dd/mm/yyyy"),
        (5, "date", "03-01-2024", "date '03-01-2024' is not written yyyy-mm-dd or dd/mm/yyyy"),
        (
            6,
            "date",
            "2024-03-01T10:00",
            "date '2024-03-01T10:00' is not written yyyy-mm-dd or dd/mm/yyyy",
        ),
        (7, "date", "2999-01-01", "date 2999-01-01 is in the future"),
        (8, "date", None, "date missing"),
    ]
    assert result.reject_reasons == {
        "date not yyyy-mm-dd or dd/mm/yyyy": 5,
        "date in the future": 1,
        "date missing": 1,
    }
    assert reports(db_workspace)["OK-UK"].report_date == dt.date(2024, 3, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-01", dt.date(2024, 3, 1)),
        ("01/03/2024", dt.date(2024, 3, 1)),
        (" 1/3/2024 ", dt.date(2024, 3, 1)),
    ],
)
def test_report_dates_are_day_first(text: str, expected: dt.date) -> None:
    assert parse_report_date(text) == expected


def test_3x5x2_codes_outside_the_scheme_are_rejected(
    db_workspace: Workspace, tmp_path: Path
) -> None:
    lines = [
        HEADER,
        row("G-4F", source_grade="4", intelligence_grade="F"),
        row("G-1F", source_grade="1", intelligence_grade="F"),
        row("G-0A", source_grade="0", intelligence_grade="A"),
        row("G-1AX", handling_code="X"),
        *good_rows(5),
    ]
    result = load(db_workspace, csv_file(tmp_path, lines))
    assert (result.outcome, result.rows_loaded, result.rows_rejected) == ("loaded", 5, 4)
    not_source = "is not a 3x5x2 code (1 Reliable, 2 Untested, 3 Not reliable)"
    assert errors_of(db_workspace, result.source_file_id) == [
        (2, "source_grade", "4", f"source evaluation '4' {not_source}"),
        (
            3,
            "intelligence_grade",
            "F",
            "intelligence assessment 'F' is not a 3x5x2 code (A Known directly to the source, "
            "B Known indirectly but corroborated, C Known indirectly, D Not known, "
            "E Suspected to be false)",
        ),
        (4, "source_grade", "0", f"source evaluation '0' {not_source}"),
        (
            5,
            "handling_code",
            "X",
            "handling code 'X' is not a 3x5x2 code (P Lawful sharing permitted, C Lawful sharing "
            "permitted with conditions)",
        ),
    ]
    assert reports(db_workspace).keys() == {f"GOOD-{i}" for i in range(1, 6)}


def test_5x5x5_grading_passed_as_3x5x2_is_rejected(db_workspace: Workspace, tmp_path: Path) -> None:
    lines = [
        HEADER,
        row("OLD-1", source_grade="B", intelligence_grade="2", handling_code="4"),
        *good_rows(2),
    ]
    result = load(db_workspace, csv_file(tmp_path, lines))
    assert (result.rows_loaded, result.rows_rejected) == (2, 1)
    assert result.reject_reasons == {"5x5x5 grading declared as 3x5x2": 1}
    assert only_error(db_workspace, result) == (
        2,
        "grading_scheme",
        "3x5x2",
        "source 'B' with intelligence '2' looks like a 5x5x5 grading (B2), not 3x5x2: declare it "
        "as grading scheme 5x5x5 (codes are never converted between schemes), or check that the "
        "source and intelligence columns are not swapped",
    )


def test_missing_grading_scheme_is_never_guessed(db_workspace: Workspace, tmp_path: Path) -> None:
    lines = [HEADER, row("NS-1", grading_scheme=""), *good_rows(2)]
    result = load(db_workspace, csv_file(tmp_path, lines))
    assert (result.rows_loaded, result.rows_rejected) == (2, 1)
    assert only_error(db_workspace, result) == (
        2,
        "grading_scheme",
        None,
        "grading scheme is missing: declare 3x5x2 or 5x5x5 (it is never guessed from the codes)",
    )


def test_handling_conditions_rules(db_workspace: Workspace, tmp_path: Path) -> None:
    lines = [
        HEADER,
        row("C-NONE", handling_code="C"),
        row("P-WITH", handling_code="P", handling_conditions="Force only"),
        *good_rows(3),
    ]
    result = load(db_workspace, csv_file(tmp_path, lines))
    assert (result.rows_loaded, result.rows_rejected) == (3, 2)
    assert errors_of(db_workspace, result.source_file_id) == [
        (
            2,
            "handling_conditions",
            None,
            "handling code C (Lawful sharing permitted with conditions) needs its conditions, "
            "and none are given",
        ),
        (
            3,
            "handling_conditions",
            "Force only",
            "conditions are given with handling code P (Lawful sharing permitted), which carries "
            "none: grade it C to keep the conditions, or remove them",
        ),
    ]


def test_handling_c_in_a_file_without_a_conditions_column(
    workspace: Workspace, tmp_path: Path
) -> None:
    header = "urn,date,text,grading_scheme,source_grade,intelligence_grade,handling_code"
    path = csv_file(tmp_path, [header, "A,2024-01-01,x,3x5x2,1,A,C", "B,2024-01-01,y,3x5x2,1,A,P"])
    result = load(workspace, path)
    assert (result.rows_loaded, result.rows_rejected) == (1, 1)
    assert only_error(workspace, result)[:3] == (2, "handling_conditions", None)


def test_phone_subjects(db_workspace: Workspace, tmp_path: Path) -> None:
    lines = [
        HEADER,
        row("P-EXP", phones="07700900123;7.7E+09"),
        row("P-TXT", phones="call me maybe?"),
        row("P-SHORT", phones="999"),
        row("P-SENDER", phones="NHS-GP"),
        row("P-INTL", phones="+33 6 12 34 56 78;0033 6 12 34 56 79;+1 (202) 555-0143"),
        row("P-UK", phones="+44 (0)7700 900123; 447700900124 ;0044 7700 900125"),
        row("P-WITHHELD", phones="Withheld;private number"),
        *good_rows(2),
    ]
    result = load(db_workspace, csv_file(tmp_path, lines))
    assert (result.rows_loaded, result.rows_rejected) == (5, 4)
    assert errors_of(db_workspace, result.source_file_id) == [
        (
            2,
            "phones",
            "7.7E+09",
            "phone subject: number written in E-notation (7.7E+09): a spreadsheet turned it into "
            "a float and its digits cannot be recovered; export the column as text",
        ),
        (
            3,
            "phones",
            "call me maybe?",
            "phone subject: not a phone number: 'callmemaybe?' holds characters other than digits",
        ),
        (4, "phones", "999", "phone subject: '999' is a short code, not a subscriber phone number"),
        (
            5,
            "phones",
            "NHS-GP",
            "phone subject: 'NHS-GP' is an SMS sender name, not a subscriber phone number",
        ),
    ]
    assert result.reject_reasons == {
        "phone subject: number in E-notation (spreadsheet damage: digits lost)": 1,
        "phone subject: not a phone number": 1,
        "phone subject is a short code or SMS sender name, not a phone number": 2,
    }
    got = reports(db_workspace)
    assert subjects_of(got["P-INTL"]) == [
        ("phone", "+1 (202) 555-0143", "+12025550143"),
        ("phone", "+33 6 12 34 56 78", "+33612345678"),
        ("phone", "0033 6 12 34 56 79", "+33612345679"),
    ]
    assert subjects_of(got["P-UK"]) == [
        ("phone", "+44 (0)7700 900123", "+447700900123"),
        ("phone", "0044 7700 900125", "+447700900125"),
        ("phone", "447700900124", "+447700900124"),
    ]
    # withheld numbers are kept as the report wrote them, with no normalised number
    assert subjects_of(got["P-WITHHELD"]) == [
        ("phone", "Withheld", None),
        ("phone", "private number", None),
    ]
    assert result.warnings == [
        "2 phone subjects are withheld or unknown numbers: kept as written, not linkable "
        "(no normalised number)"
    ]


def test_missing_urn_and_text(db_workspace: Workspace, tmp_path: Path) -> None:
    lines = [HEADER, row("", text="no urn"), row("NO-TEXT", text="   "), *good_rows(3)]
    result = load(db_workspace, csv_file(tmp_path, lines))
    assert errors_of(db_workspace, result.source_file_id) == [
        (2, "urn", None, "URN missing: every report needs its unique reference"),
        (3, "text", None, "report text missing"),
    ]


def test_all_problems_of_a_row_are_listed_and_counted_once(
    db_workspace: Workspace, tmp_path: Path
) -> None:
    lines = [HEADER, row("MANY", date="tomorrow", source_grade="9"), *good_rows(2)]
    result = load(db_workspace, csv_file(tmp_path, lines))
    assert result.rows_rejected == 1
    assert result.reject_reasons == {"date not yyyy-mm-dd or dd/mm/yyyy": 1}
    assert [(e[0], e[1]) for e in errors_of(db_workspace, result.source_file_id)] == [
        (2, "date"),
        (2, "source_grade"),
    ]


# ---------------------------------------------------------------- file shape


def test_bom_and_crlf(db_workspace: Workspace, tmp_path: Path) -> None:
    lines = [
        HEADER,
        row("INT-1", text="Line one\r\nline two\r\nline three"),
        row("INT-2", people="Ricky"),
    ]
    path = tmp_path / "windows.csv"
    path.write_bytes(b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode("utf-8"))
    result = load(db_workspace, path)
    assert result.outcome == "loaded", result.message
    got = reports(db_workspace)
    assert got["INT-1"].text == "Line one\nline two\nline three"
    assert (got["INT-1"].source_line, got["INT-2"].source_line) == (2, 5)
    assert subjects_of(got["INT-2"]) == [("person", "Ricky", "RICKY")]


def test_line_numbers_count_physical_lines(db_workspace: Workspace, tmp_path: Path) -> None:
    lines = [
        HEADER,
        row("L-1", text="one\ntwo"),
        "",
        row("L-2", date="bad"),
        ",,,,,,,,,,,,,,",
        row("L-3"),
        row("L-4"),
    ]
    result = load(db_workspace, csv_file(tmp_path, lines))
    assert (result.rows_loaded, result.rows_rejected) == (3, 1)
    assert only_error(db_workspace, result)[:2] == (5, "date")
    got = reports(db_workspace)
    assert [got[u].source_line for u in ("L-1", "L-3", "L-4")] == [2, 7, 8]
    assert result.warnings == ["1 rows with every field empty were ignored"]


def test_truncated_last_line_inside_quotes(db_workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "cut.csv"
    path.write_bytes(
        (
            HEADER
            + "\n"
            + row("T-1")
            + "\n"
            + row("T-2")
            + "\n"
            + 'T-3,2024-03-01,"The text was cut'
        ).encode()
    )
    result = load(db_workspace, path)
    assert (result.outcome, result.rows_loaded, result.rows_rejected) == ("loaded", 2, 1)
    assert result.reject_reasons == {
        "truncated: a quoted field is not closed before the end of the file": 1
    }
    line, column, value, reason = only_error(db_workspace, result)
    assert (line, column) == (4, None)
    # the file has source columns, so the raw line is withheld from the error report
    assert value is None
    assert reason == (
        "truncated: a quoted field is not closed before the end of the file "
        "(line not shown: the file holds source identity)"
    )


def test_truncated_last_line_cut_short(db_workspace: Workspace, tmp_path: Path) -> None:
    header = "urn,date,text,grading_scheme,source_grade,intelligence_grade,handling_code"
    path = tmp_path / "short.csv"
    path.write_bytes(
        (
            header
            + "\nT-1,2024-03-01,a,3x5x2,1,A,P\nT-2,2024-03-01,b,3x5x2,1,A,P\nT-3,2024-03-01,c,3x"
        ).encode()
    )
    result = load(db_workspace, path)
    assert (result.rows_loaded, result.rows_rejected) == (2, 1)
    assert only_error(db_workspace, result) == (
        4,
        None,
        "T-3,2024-03-01,c,3x",
        "too few fields: the row is cut short (truncated line?): 4 fields, the header has 7",
    )


def test_bad_quoting_rejects_that_row_only(db_workspace: Workspace, tmp_path: Path) -> None:
    header = "urn,date,text,grading_scheme,source_grade,intelligence_grade,handling_code"
    path = csv_file(
        tmp_path,
        [
            header,
            "Q-1,2024-03-01,fine,3x5x2,1,A,P",
            'Q-2,2024-03-01,"he said "go" now",3x5x2,1,A,P',
            "Q-3,2024-03-01,fine,3x5x2,1,A,P",
            "Q-4,2024-03-01,fine,3x5x2,1,A,P,extra",
        ],
    )
    result = load(db_workspace, path)
    assert (result.rows_loaded, result.rows_rejected) == (2, 2)
    assert errors_of(db_workspace, result.source_file_id) == [
        (
            3,
            None,
            'Q-2,2024-03-01,"he said "go" now",3x5x2,1,A,P',
            "bad quoting: ',' expected after '\"' (a quote inside a quoted field must be doubled)",
        ),
        (
            5,
            None,
            "Q-4,2024-03-01,fine,3x5x2,1,A,P,extra",
            "too many fields for the header (stray comma or unquoted text?): 8 fields, the header has 7",
        ),
    ]


def test_nul_character_is_rejected(workspace: Workspace, tmp_path: Path) -> None:
    lines = [HEADER, row("N-1", text="bad\x00byte"), *good_rows(2)]
    result = load(workspace, csv_file(tmp_path, lines))
    assert (result.rows_loaded, result.rows_rejected) == (2, 1)
    assert only_error(workspace, result) == (
        2,
        "text",
        None,
        "text contains a NUL character (binary data?)",
    )


# ---------------------------------------------------------------- command line


def test_cli_ingest_intel(workspace: Workspace, tmp_path: Path) -> None:
    path = csv_file(tmp_path, [HEADER, row("CLI-1"), row("CLI-2")])
    runner = CliRunner()
    result = runner.invoke(
        app, ["--workspace", str(workspace.root), "ingest", "intel", str(path), "--json"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert [(r["outcome"], r["rows_loaded"]) for r in payload] == [("loaded", 2)]

    bad = tmp_path / "empty.csv"
    bad.write_bytes(b"")
    failed = runner.invoke(app, ["--workspace", str(workspace.root), "ingest", "intel", str(bad)])
    assert failed.exit_code == 1

    wrong = runner.invoke(
        app,
        ["--workspace", str(workspace.root), "ingest", "intel", str(path), "--encoding", "klingon"],
    )
    assert wrong.exit_code == 2


def test_cli_help_describes_the_format() -> None:
    result = CliRunner().invoke(app, ["ingest", "intel", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    for words in ("grading_scheme", "3x5x2 or 5x5x5", "source_reference", "--encoding", "--json"):
        assert words in text
