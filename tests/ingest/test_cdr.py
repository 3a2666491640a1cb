"""Call-data ingest: real files, every shipped layout, and bad input of every kind."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import phonenumbers
import pytest
from sqlalchemy import select
from tests.conftest import shared

from countylines.ingest import runner
from countylines.ingest.cdr import CdrAdapter
from countylines.ingest.cdr_template import BUILTIN_DIR, load_template_file
from countylines.ingest.cells import CellSiteAdapter
from countylines.ingest.runner import ImportResult, import_file
from countylines.store.evidence import register_views
from countylines.store.models import RowErrorRecord, SourceFile
from countylines.workspace import Workspace

UTC = dt.UTC


def ingest(ws: Workspace, template: str, path: Path) -> ImportResult:
    return import_file(ws, CdrAdapter(load_template_file(BUILTIN_DIR / f"{template}.yaml")), path)


def events(ws: Workspace, where: str = "true") -> list[dict[str, Any]]:
    with ws.duckdb() as con:
        if "call_events" not in register_views(ws, con):
            return []
        cur = con.execute(f"SELECT * FROM call_events WHERE {where} ORDER BY source_line")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def errors_of(
    ws: Workspace, import_id: int | None
) -> list[tuple[int | None, str | None, str | None, str]]:
    with ws.session() as s:
        rows = s.scalars(
            select(RowErrorRecord)
            .where(RowErrorRecord.source_file_id == import_id)
            .order_by(RowErrorRecord.line)
        ).all()
        return [(r.line, r.column, r.value, r.reason) for r in rows]


# --- real files ---------------------------------------------------------------


def _usable(number: str) -> bool:
    """Independent of countylines: a short code, or a number phonenumbers calls possible."""
    if number.isdigit() and 3 <= len(number) <= 6:
        return True
    try:
        return phonenumbers.is_possible_number(phonenumbers.parse(number, "GB"))
    except phonenumbers.NumberParseException:
        return False


def test_nodobo_counts_every_row(db_workspace: Workspace) -> None:
    path = shared("cdr/nodobo/nodobo_calls.csv")
    with path.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 13_035
    dated_1980 = {i + 2 for i, r in enumerate(rows) if r["timestamp"].endswith(" 1980")}
    # the template reads "9" (only ever on incoming calls) as a withheld caller
    bad_number = {
        i + 2
        for i, r in enumerate(rows)
        if not (_usable(r["user"]) and (r["other"] == "9" or _usable(r["other"])))
        and i + 2 not in dated_1980
    }
    withheld = sum(1 for r in rows if r["other"] == "9" and not r["timestamp"].endswith(" 1980"))
    assert withheld == 131
    assert len(dated_1980) == 31

    result = ingest(db_workspace, "nodobo", path)

    assert result.outcome == "loaded"
    assert f"{withheld} events with a withheld or empty number (kept, marked)" in result.warnings
    assert result.rows_loaded == 13_035 - len(dated_1980) - len(bad_number)
    assert result.rows_rejected == len(dated_1980) + len(bad_number)
    assert (
        result.reject_reasons[
            "date before 1985-01-01: before UK mobile service (handset clock not set?)"
        ]
        == 31
    )
    lines = {line for line, *_ in errors_of(db_workspace, result.source_file_id)}
    assert lines == dated_1980 | bad_number
    loaded = events(db_workspace)
    assert len(loaded) == result.rows_loaded
    assert {e["source_line"] for e in loaded}.isdisjoint(lines)

    # Row 2: "07610039694,07434677419,Incoming,211,Wed Sep 15 19:17:44 +0100 2010"
    first = loaded[0]
    assert first["source_line"] == 2
    assert first["a_number"] == "+447434677419"  # incoming: the other party called
    assert first["b_number"] == "+447610039694"
    assert first["target_number"] == "+447610039694"
    assert first["start_utc"] == dt.datetime(2010, 9, 15, 18, 17, 44, tzinfo=UTC)
    assert first["duration_s"] == 211
    assert first["kind"] == "voice"


def test_nodobo_missed_calls_are_incoming_voice(workspace: Workspace) -> None:
    path = shared("cdr/nodobo/nodobo_calls.csv")
    with path.open(newline="", encoding="utf-8-sig") as handle:
        missed = [i + 2 for i, r in enumerate(csv.DictReader(handle)) if r["direction"] == "Missed"]
    ingest(workspace, "nodobo", path)
    got = events(workspace, f"source_line IN ({','.join(map(str, missed))})")
    assert got, "some missed calls load"
    assert all(e["a_number"] != e["target_number"] for e in got)
    assert all(e["b_number"] == e["target_number"] for e in got)


def test_bandicoot_with_antennas(workspace: Workspace) -> None:
    folder = shared("cdr/bandicoot")
    cells = import_file(workspace, CellSiteAdapter(), folder / "antennas.csv")
    a = ingest(workspace, "bandicoot", folder / "A.csv")
    ego = ingest(workspace, "bandicoot", folder / "ego.csv")
    counts = {}
    for name in ("A.csv", "ego.csv", "antennas.csv"):
        with (folder / name).open(newline="", encoding="utf-8-sig") as handle:
            counts[name] = sum(1 for _ in csv.DictReader(handle))
    assert (cells.rows_loaded, a.rows_loaded, ego.rows_loaded) == (
        counts["antennas.csv"],
        counts["A.csv"],
        counts["ego.csv"],
    )
    assert a.rows_loaded + ego.rows_loaded == 356
    # ego.csv row 2: "text,in,A,2014-03-02 07:13:30,,1": A texted ego, at antenna 1
    with workspace.duckdb() as con:
        register_views(workspace, con)
        row = con.execute(
            """SELECT e.a_number, e.b_number, e.kind, e.b_cell_id, c.latitude, c.longitude
               FROM call_events e LEFT JOIN cell_sites c ON c.cell_id = e.b_cell_id
               WHERE e.target_number = 'ego' AND e.source_line = 2"""
        ).fetchall()
    assert row == [("A", "ego", "sms", "1", 42.366944, -71.083611)]


# --- the UK carrier layouts ------------------------------------------------------

RECORD_TYPE_HEADER = (
    "Record Type,Call Date,Call Time,Calling Number,Called Number,Duration,Cell ID,IMEI\n"
)


def _write(path: Path, text: str, encoding: str = "utf-8", newline: str = "\n") -> Path:
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path


def test_uk_record_type_layout(db_workspace: Workspace, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "prod.csv",
        RECORD_TYPE_HEADER
        + "MOC,01/06/2024,12:00:00,07700 900123,+447700900456,00:01:05,23410-1234,353918050001234\n"
        + "MTC,01/06/2024,12:05:00,447700900789,07700900123,0:02:00,23410-1235,353918050001234\n"
        + "SMS-MO,15/01/2024,09:30:00,07700900123,Withheld,,23410-9,353918050001234\n"
        + "SMS-MT,15/01/2024,09:31:00,NHS-GP,07700900123,,23410-9,353918050001234\n"
        + "GPRS,15/01/2024,09:32:00,07700900123,,00:10:00,23410-9,353918050001234\n"
        + "MOC,15/01/2024,09:33:00,07700900123,+33 1 23 45 67 89,00:00:10,23410-9,353918050001234\n",
    )
    result = ingest(db_workspace, "uk-record-type", path)
    assert (result.outcome, result.rows_loaded, result.rows_rejected) == ("loaded", 5, 0)
    got = events(db_workspace)
    assert [e["source_line"] for e in got] == [2, 3, 4, 5, 7]
    moc, mtc, sms_mo, sms_mt, intl = got
    # 12:00 BST is 11:00 UTC; January is GMT
    assert moc["start_utc"] == dt.datetime(2024, 6, 1, 11, 0, tzinfo=UTC)
    assert sms_mo["start_utc"] == dt.datetime(2024, 1, 15, 9, 30, tzinfo=UTC)
    assert (moc["a_number"], moc["b_number"], moc["kind"], moc["duration_s"]) == (
        "+447700900123",
        "+447700900456",
        "voice",
        65,
    )
    # the target's cell and IMEI sit on the target's side of the call
    assert (moc["a_cell_id"], moc["a_imei"], moc["b_cell_id"]) == (
        "23410-1234",
        "353918050001234",
        None,
    )
    assert (mtc["a_number"], mtc["b_number"], mtc["duration_s"]) == (
        "+447700900789",
        "+447700900123",
        120,
    )
    assert (mtc["a_cell_id"], mtc["b_cell_id"], mtc["b_imei"]) == (
        None,
        "23410-1235",
        "353918050001234",
    )
    assert mtc["target_number"] == "+447700900123"
    assert (sms_mo["kind"], sms_mo["b_number"], sms_mo["b_kind"], sms_mo["b_raw"]) == (
        "sms",
        None,
        "withheld",
        "Withheld",
    )
    assert (sms_mt["a_number"], sms_mt["a_kind"]) == ("NHS-GP", "alphanumeric")
    assert (intl["b_number"], intl["b_kind"]) == ("+33123456789", "e164")
    with db_workspace.session() as s:
        record = s.get(SourceFile, result.source_file_id)
        assert record is not None
        assert (record.rows_read, record.rows_skipped) == (6, 1)


def test_clock_changes_never_guessed_silently(workspace: Workspace, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "dst.csv",
        RECORD_TYPE_HEADER
        # 27 Oct 2024 01:30 happened twice in London (BST 00:30 UTC, then GMT 01:30 UTC)
        + "MOC,27/10/2024,01:30:00,07700900123,07700900456,00:00:10,,\n"
        # 31 Mar 2024 01:30 never happened in London
        + "MOC,31/03/2024,01:30:00,07700900123,07700900456,00:00:10,,\n"
        + "MOC,31/03/2024,02:30:00,07700900123,07700900456,00:00:10,,\n",
    )
    result = ingest(workspace, "uk-record-type", path)
    assert (result.rows_loaded, result.rows_rejected) == (2, 1)
    got = events(workspace)
    assert got[0]["start_utc"] == dt.datetime(2024, 10, 27, 0, 30, tzinfo=UTC)
    assert got[0]["time_note"] == "ambiguous local time: earlier instant taken"
    assert got[1]["start_utc"] == dt.datetime(2024, 3, 31, 1, 30, tzinfo=UTC)
    assert got[1]["time_note"] is None
    assert errors_of(workspace, result.source_file_id) == [
        (
            3,
            "Call Date",
            "31/03/2024 01:30:00",
            "local time that never happened (clocks went forward)",
        )
    ]
    assert any("repeated hour" in w for w in result.warnings)


def test_uk_target_msisdn_layout_cp1252_semicolons(workspace: Workspace, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "target.csv",
        "Target MSISDN;Other Party;Direction;Event Type;Event Start;Duration (secs);Start Cell;IMEI;Notes\n"
        "447700900001;07700 900002;O;Voice;03/02/2024 23:59;61;CLACTON-7;35391805000999;caf\u00e9 \u00a3\n"
        "447700900001;+44 7700 900003;I;SMS;04/02/2024 00:01;0;CLACTON-7;35391805000999;\u2018quoted\u2019\n"
        "447700900001;;O;Data;04/02/2024 00:02;300;CLACTON-7;35391805000999;\n",
        encoding="cp1252",
        newline="\r\n",
    )
    result = ingest(workspace, "uk-target-msisdn", path)
    assert (result.rows_loaded, result.rows_rejected) == (2, 0)
    out, inc = events(workspace)
    assert (out["a_number"], out["b_number"], out["a_cell_id"], out["duration_s"]) == (
        "+447700900001",
        "+447700900002",
        "CLACTON-7",
        61,
    )
    assert out["start_utc"] == dt.datetime(2024, 2, 3, 23, 59, tzinfo=UTC)
    assert (inc["a_number"], inc["b_number"], inc["b_cell_id"], inc["b_imei"], inc["kind"]) == (
        "+447700900003",
        "+447700900001",
        "CLACTON-7",
        "35391805000999",
        "sms",
    )


# --- bad input ---------------------------------------------------------------------

GOOD_ROW = "MOC,01/06/2024,12:00:00,07700900123,07700900456,00:01:05,C1,353918050001234\n"


def _assert_nothing_loaded(ws: Workspace, result: ImportResult) -> None:
    assert result.outcome == "failed"
    assert events(ws) == []
    assert not list((ws.evidence_dir).rglob("*.parquet"))
    with ws.session() as s:
        assert s.scalars(select(SourceFile).where(SourceFile.status == "loaded")).all() == []


def test_missing_column_fails_whole_file(workspace: Workspace, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "m.csv",
        RECORD_TYPE_HEADER.replace(",IMEI", "")
        + "MOC,01/06/2024,12:00:00,07700900123,07700900456,00:01:05,C1\n",
    )
    result = ingest(workspace, "uk-record-type", path)
    _assert_nothing_loaded(workspace, result)
    assert "line 1" in result.message and "missing required column(s) 'IMEI'" in result.message
    assert str(path) in result.message


def test_renamed_column_is_named(workspace: Workspace, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "r.csv", RECORD_TYPE_HEADER.replace("Calling Number", "Calling No") + GOOD_ROW
    )
    result = ingest(workspace, "uk-record-type", path)
    _assert_nothing_loaded(workspace, result)
    assert "'Calling Number' (found 'Calling No': renamed?)" in result.message


@pytest.mark.parametrize(
    ("row", "column", "value", "reason"),
    [
        (
            "MOC,31/02/2024,12:00:00,07700900123,07700900456,00:01:05,C1,1\n",
            "Call Date",
            "31/02/2024 12:00:00",
            "date/time does not match the template format %d/%m/%Y %H:%M:%S",
        ),
        (
            "MOC,2024-06-01,12:00:00,07700900123,07700900456,00:01:05,C1,1\n",
            "Call Date",
            "2024-06-01 12:00:00",
            "date/time does not match the template format %d/%m/%Y %H:%M:%S",
        ),
        (
            "MOC,01/06/2024,12:00:00,7.7E+09,07700900456,00:01:05,C1,1\n",
            "Calling Number",
            "7.7E+09",
            "number in E-notation (spreadsheet damage: digits lost)",
        ),
        (
            "MOC,01/06/2024,12:00:00,07700900123,077009001234567,00:01:05,C1,1\n",
            "Called Number",
            "077009001234567",
            "not a possible phone number (wrong number of digits)",
        ),
        (
            "XYZ,01/06/2024,12:00:00,07700900123,07700900456,00:01:05,C1,1\n",
            "Record Type",
            "XYZ",
            "unknown event-type code (the template knows: DATA, GPRS, MOC, MOC-CF, MTC, SMS-MO, SMS-MT)",
        ),
        (
            "MOC,01/06/2024,12:00:00,07700900123,07700900456,a while,C1,1\n",
            "Duration",
            "a while",
            "duration not understood",
        ),
        (
            "MOC,01/06/2099,12:00:00,07700900123,07700900456,00:00:01,C1,1\n",
            "Call Date",
            "01/06/2099 12:00:00",
            "date in the future",
        ),
    ],
)
def test_bad_rows_are_reported_and_the_rest_load(
    workspace: Workspace, tmp_path: Path, row: str, column: str, value: str, reason: str
) -> None:
    path = _write(tmp_path / "bad.csv", RECORD_TYPE_HEADER + GOOD_ROW + row + GOOD_ROW)
    result = ingest(workspace, "uk-record-type", path)
    assert (result.outcome, result.rows_loaded, result.rows_rejected) == ("loaded", 2, 1)
    [(line, got_column, got_value, got_reason)] = errors_of(workspace, result.source_file_id)
    assert (line, got_column, got_value) == (3, column, value)
    assert result.reject_reasons == {reason: 1}
    # the stored reason is the category, or a fuller sentence naming the value
    assert got_reason == reason or value in got_reason
    assert [e["source_line"] for e in events(workspace)] == [2, 4]


def test_bom_and_crlf(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(
        b"\xef\xbb\xbf" + (RECORD_TYPE_HEADER + GOOD_ROW + GOOD_ROW).replace("\n", "\r\n").encode()
    )
    result = ingest(workspace, "uk-record-type", path)
    assert (result.outcome, result.rows_loaded, result.rows_rejected) == ("loaded", 2, 0)
    assert [e["b_imei"] for e in events(workspace)] == [None, None]
    assert [e["a_imei"] for e in events(workspace)] == ["353918050001234"] * 2


def test_empty_file(workspace: Workspace, tmp_path: Path) -> None:
    result = ingest(workspace, "uk-record-type", _write(tmp_path / "e.csv", ""))
    _assert_nothing_loaded(workspace, result)
    assert "empty file" in result.message


def test_header_only_file_loads_nothing_and_says_so(workspace: Workspace, tmp_path: Path) -> None:
    result = ingest(workspace, "uk-record-type", _write(tmp_path / "h.csv", RECORD_TYPE_HEADER))
    assert (result.outcome, result.rows_loaded, result.rows_rejected) == ("loaded", 0, 0)
    assert result.warnings == ["header only: the file has no data rows"]


def test_same_content_twice_changes_nothing(db_workspace: Workspace, tmp_path: Path) -> None:
    first = ingest(
        db_workspace, "uk-record-type", _write(tmp_path / "a.csv", RECORD_TYPE_HEADER + GOOD_ROW)
    )
    again = ingest(
        db_workspace,
        "uk-record-type",
        _write(tmp_path / "copy-of-a.csv", RECORD_TYPE_HEADER + GOOD_ROW),
    )
    assert first.outcome == "loaded"
    assert again.outcome == "unchanged"
    assert again.source_file_id == first.source_file_id
    assert "already imported" in again.message and "nothing changed" in again.message
    assert len(events(db_workspace)) == 1
    with db_workspace.session() as s:
        assert len(s.scalars(select(SourceFile)).all()) == 1


def test_truncated_last_line(workspace: Workspace, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "t.csv", RECORD_TYPE_HEADER + GOOD_ROW + GOOD_ROW + "MOC,01/06/2024,12:0"
    )
    result = ingest(workspace, "uk-record-type", path)
    assert (result.rows_loaded, result.rows_rejected) == (2, 1)
    [(line, _column, value, reason)] = errors_of(workspace, result.source_file_id)
    assert (line, value) == (4, "MOC,01/06/2024,12:0")
    assert "truncated" in reason


def test_wrong_template_fails_instead_of_loading_noise(workspace: Workspace) -> None:
    # Nodobo rows read with the bandicoot template: required columns missing.
    result = ingest(workspace, "bandicoot", shared("cdr/nodobo/nodobo_calls.csv"))
    _assert_nothing_loaded(workspace, result)


def test_mostly_rejected_file_fails_whole(workspace: Workspace, tmp_path: Path) -> None:
    bad = "MOC,2024-06-01,12:00:00,07700900123,07700900456,00:01:05,C1,1\n"
    path = _write(tmp_path / "fmt.csv", RECORD_TYPE_HEADER + GOOD_ROW + bad * 3)
    result = ingest(workspace, "uk-record-type", path)
    _assert_nothing_loaded(workspace, result)
    assert "3 of 4 rows rejected" in result.message
    with workspace.session() as s:
        failed = s.scalars(select(SourceFile)).one()
        assert (failed.status, failed.load_key) == ("failed", None)


def test_failure_after_staging_leaves_nothing(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> SourceFile:
        raise OSError("disk full")

    monkeypatch.setattr(runner, "_loaded_record", broken)
    result = ingest(
        workspace, "uk-record-type", _write(tmp_path / "ok.csv", RECORD_TYPE_HEADER + GOOD_ROW)
    )
    _assert_nothing_loaded(workspace, result)
    assert "disk full" in result.message
    assert not any(workspace.staging_dir.iterdir())
    monkeypatch.undo()
    retry = ingest(workspace, "uk-record-type", tmp_path / "ok.csv")
    assert (retry.outcome, retry.rows_loaded) == ("loaded", 1)


def test_codes_differing_only_in_case_are_refused(tmp_path: Path) -> None:
    from countylines.ingest.cdr_template import TemplateError

    text = (BUILTIN_DIR / "uk-target-msisdn.yaml").read_text()
    path = tmp_path / "clash.yaml"
    path.write_text(
        text.replace("name: uk-target-msisdn", "name: clash").replace(
            "  O: out", "  o: in\n  O: out"
        )
    )
    with pytest.raises(TemplateError, match="codes 'o' and 'O' are the same"):
        load_template_file(path)


def test_negative_durations_are_rejected_even_below_a_second(
    workspace: Workspace, tmp_path: Path
) -> None:
    text = (BUILTIN_DIR / "canonical.yaml").read_text()
    template = tmp_path / "templates" / "canonical-ms.yaml"
    template.parent.mkdir()
    template.write_text(
        text.replace("name: canonical", "name: canonical-ms").replace(
            "numbers:", "duration:\n  unit: milliseconds\nnumbers:"
        )
    )
    header = "start_utc,a_number,b_number,kind,duration_s,a_cell_id,a_imei,b_cell_id,b_imei\n"
    row = "2024-06-01T11:00:00Z,07700900123,07700900456,voice,{},,,,\n"
    path = _write(
        tmp_path / "ms.csv", header + row.format(61500) + row.format(-400) + row.format(1499)
    )
    result = import_file(workspace, CdrAdapter(load_template_file(template)), path)
    assert (result.rows_loaded, result.reject_reasons) == (2, {"negative duration": 1})
    assert [e["duration_s"] for e in events(workspace)] == [62, 1]


def test_a_file_without_a_final_line_break_is_flagged(workspace: Workspace, tmp_path: Path) -> None:
    # the last IMEI may have been cut: the row loads, and the import says to check it
    path = _write(tmp_path / "cut.csv", RECORD_TYPE_HEADER + GOOD_ROW + GOOD_ROW.rstrip("\n")[:-9])
    result = ingest(workspace, "uk-record-type", path)
    assert result.rows_loaded == 2
    assert (
        "the file does not end with a line break: check that its last line is complete"
        in result.warnings
    )
    complete = ingest(
        workspace, "uk-record-type", _write(tmp_path / "ok.csv", RECORD_TYPE_HEADER + GOOD_ROW)
    )
    assert not any("line break" in w for w in complete.warnings)


def test_overlapping_exports_count_each_event_once(db_workspace: Workspace, tmp_path: Path) -> None:
    # Real Nodobo rows: an export of rows 1-2000, then a second one of rows 1001-3000.
    lines = shared("cdr/nodobo/nodobo_calls.csv").read_text(encoding="utf-8-sig").splitlines()
    header, rows = lines[0], lines[1:3001]
    first = _write(tmp_path / "jan.csv", "\n".join([header, *rows[:2000]]) + "\n")
    second = _write(tmp_path / "jan-again.csv", "\n".join([header, *rows[1000:3000]]) + "\n")
    whole = _write(tmp_path / "whole.csv", "\n".join([header, *rows]) + "\n")
    assert ingest(db_workspace, "nodobo", first).outcome == "loaded"
    assert ingest(db_workspace, "nodobo", second).outcome == "loaded"
    # The oracle: the same 3,000 rows loaded once, as one file, in a workspace of their own.
    from countylines.settings import Settings

    alone = Workspace.create(Settings(workspace=tmp_path / "alone", duckdb_memory_limit="2GB"))
    try:
        assert ingest(alone, "nodobo", whole).outcome == "loaded"
        key = ("start_utc", "a_number", "b_number", "kind", "duration_s")
        expected = sorted(tuple(str(e[k]) for k in key) for e in events(alone))
    finally:
        alone.close()
    got = sorted(tuple(str(e[k]) for k in key) for e in events(db_workspace))
    assert len(got) == len(expected) and got == expected


def test_two_identical_rows_in_one_export_stay_two(workspace: Workspace, tmp_path: Path) -> None:
    # Two texts in the same second are two events; a later overlapping export adds nothing.
    twice = _write(tmp_path / "a.csv", RECORD_TYPE_HEADER + GOOD_ROW + GOOD_ROW)
    once = _write(tmp_path / "b.csv", RECORD_TYPE_HEADER + GOOD_ROW)
    assert ingest(workspace, "uk-record-type", twice).outcome == "loaded"
    assert ingest(workspace, "uk-record-type", once).outcome == "loaded"
    assert len(events(workspace)) == 2
