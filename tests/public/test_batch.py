"""Reports from the public loaded from a file (``countylines ingest public-reports``)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select
from typer.testing import CliRunner

from countylines.cli.main import app as cli_app
from countylines.ingest.runner import import_file
from countylines.public.batch import PublicReportsAdapter
from countylines.public.intake import release_due
from countylines.public.models import PublicReport
from countylines.security.models import AuditEvent
from countylines.store.models import RowErrorRecord
from countylines.workspace import Workspace
from tests.public.support import simulated_reports

UTC = dt.UTC
NOW = dt.datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


def _write(path: Path, records: list[Any]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _load(ws: Workspace, path: Path) -> Any:
    return import_file(ws, PublicReportsAdapter(now=NOW), path)


def _stored(ws: Workspace) -> list[PublicReport]:
    with ws.session() as s:
        return list(s.scalars(select(PublicReport).order_by(PublicReport.what)))


def test_simulated_reports_load_once_with_their_mentions(
    tmp_path: Path, db_workspace: Workspace
) -> None:
    ws = db_workspace
    out = tmp_path / "scenario"
    done = CliRunner().invoke(
        cli_app, ["simulate", "--seed", "7", "--events", "20000", "--out", str(out)]
    )
    assert done.exit_code == 0, done.output
    reports = simulated_reports(out)
    path = out / "public_reports.jsonl"

    first = _load(ws, path)
    assert (first.outcome, first.rows_loaded, first.rows_rejected) == ("loaded", len(reports), 0)
    stored = _stored(ws)
    checked = 0
    assert sorted(r.what for r in stored) == sorted(r["text"].strip() for r in reports)
    for row in stored:
        source = next(r for r in reports if r["text"].strip() == row.what)
        received = dt.datetime.fromisoformat(source["received_utc"])
        assert row.received_period.replace(tzinfo=UTC) == received.replace(
            minute=0, second=0, microsecond=0
        )
        # What the simulator put in the text is found, as the public page finds it.
        values = {(m["type"], m["value"]) for m in row.mentions}
        for truth in source["truth"]["mentions"]:
            kind, key = {"phone": ("phone", "number"), "vehicle": ("vrm", "vrm")}.get(
                truth["kind"], (None, None)
            )
            if kind and truth.get(key):
                assert (kind, truth[key]) in values, (row.what, truth)
                checked += 1
    assert checked >= 2

    assert _load(ws, path).outcome == "unchanged"
    # A later export that repeats two reports and adds one loads the new one only.
    again = _write(
        tmp_path / "later.jsonl",
        [
            *[json.loads(x) for x in path.read_text().splitlines()[:2]],
            {"text": "lads on bikes at the rec all evening", "received_utc": "2024-05-31T09:10Z"},
        ],
    )
    later = _load(ws, again)
    assert (later.outcome, later.rows_loaded) == ("loaded", 1)
    assert any("2 report(s) already in the workspace" in w for w in later.warnings)
    assert len(_stored(ws)) == len(reports) + 1

    # Released when their hour is over, each collection logged once as from the public.
    with ws.session() as s, s.begin():
        released = release_due(s, NOW)
    assert len(released) == len(reports) + 1
    with ws.session() as s:
        actions = [
            (e.actor, e.action)
            for e in s.scalars(select(AuditEvent).where(AuditEvent.record_type == "public_report"))
        ]
    assert actions == [("public", "collection")] * (len(reports) + 1)


def test_bad_reports_are_named_by_line_and_column_and_the_rest_load(
    tmp_path: Path, workspace: Workspace
) -> None:
    good = [
        {
            "text": f"report number {n}: car outside 24 church rd",
            "received_utc": "2024-05-01T10:00Z",
        }
        for n in range(6)
    ]
    path = _write(
        tmp_path / "mixed.jsonl",
        [
            *good[:3],
            '{"text": "unfinished',  # line 4
            {"text": "no zone", "received_utc": "2024-05-01T10:00"},  # line 5
            {"text": "from the future", "received_utc": "2024-06-02T10:00Z"},  # line 6
            "",  # blank: not a report
            {"text": "x", "where": "w" * 501},  # line 8
            *good[3:],
        ],
    )
    result = _load(workspace, path)
    assert (result.outcome, result.rows_loaded, result.rows_rejected) == ("loaded", 6, 4)
    with workspace.session() as s:
        errors = {(e.line, e.column): e.reason for e in s.scalars(select(RowErrorRecord))}
    assert set(errors) == {
        (4, "character 10"),  # where the unterminated string starts
        (5, "received_utc"),
        (6, "received_utc"),
        (8, "where"),
    }
    assert errors[(5, "received_utc")].startswith("received_utc has no time zone")
    assert errors[(6, "received_utc")] == "received_utc is in the future"
    assert "501 characters" in errors[(8, "where")]
    assert len(_stored(workspace)) == 6


def test_too_many_bad_reports_load_nothing(tmp_path: Path, workspace: Workspace) -> None:
    path = _write(tmp_path / "bad.jsonl", [{"text": 5}, "[1, 2]", {"text": "fine, this one"}])
    result = _load(workspace, path)
    assert result.outcome == "failed"
    assert _stored(workspace) == []


def test_reasons_are_counted_in_their_own_words(tmp_path: Path, workspace: Workspace) -> None:
    good = {"text": "lads dealing by the shops", "received_utc": "2024-05-01T10:00Z"}
    path = _write(
        tmp_path / "times.jsonl",
        [good, {**good, "text": "two"}, {**good, "text": "three"},
         {"text": "x", "received_utc": "yesterday"},
         {"text": "y", "where": "w" * 600}, {"text": "z", "where": "w" * 700}],
    )  # fmt: skip
    result = _load(workspace, path)
    assert result.rows_loaded == 3
    assert result.reject_reasons == {
        "received_utc is not an ISO 8601 time such as 2023-10-10T12:11:46Z": 1,
        "an answer is too long": 2,
    }


def test_the_channel_and_its_reference_are_kept(tmp_path: Path, workspace: Workspace) -> None:
    path = _write(
        tmp_path / "cs.jsonl",
        [
            {"ref": "CS-9Q4ZXW17", "channel": "crimestoppers", "text": "dealing above the bookies"},
            {"ref": 240117, "channel": "101", "text": "lads in and out of 24 church rd"},
            {"text": "needles in the park"},
            {"channel": "public page", "text": "pretending to be the page"},
            {"channel": "101", "ref": "x" * 65, "text": "a reference too long"},
        ],
    )
    result = _load(workspace, path)
    assert (result.rows_loaded, result.rows_rejected) == (3, 2)
    kept = {r.what: (r.channel, r.channel_reference) for r in _stored(workspace)}
    assert kept == {
        "dealing above the bookies": ("crimestoppers", "CS-9Q4ZXW17"),
        "lads in and out of 24 church rd": ("101", "240117"),
        "needles in the park": ("other", None),
    }


def test_engagement_follows_the_channel() -> None:
    from countylines.public.suggest import suggest_thrive

    def engagement(channel: str) -> str:
        return suggest_thrive({"what": "x"}, [], "no", [], [], 0, channel)["engagement"].value

    assert engagement("public page").startswith("anonymous reporter: no contact")
    assert "101 log" in engagement("101")
    assert "through Crimestoppers" in engagement("crimestoppers")


def test_a_line_separator_inside_a_report_is_text(tmp_path: Path, workspace: Workspace) -> None:
    path = tmp_path / "sep.jsonl"
    record = {"text": "first part\u2028second part\x0cthird", "received_utc": "2024-05-01T10:00Z"}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\r\n", encoding="utf-8")
    result = _load(workspace, path)
    assert (result.rows_loaded, result.rows_rejected) == (1, 0)
    (row,) = _stored(workspace)
    assert "\u2028second part" in row.what
