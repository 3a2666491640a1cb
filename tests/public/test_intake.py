"""Storing reports with the hour only, and releasing them when their hour has ended."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from countylines.public.form import check_submission
from countylines.public.intake import period_of, release_due, store_report
from countylines.public.models import PublicReport
from countylines.security.audit import verify_chain
from countylines.security.models import AuditEvent
from countylines.workspace import Workspace

UTC = dt.UTC


@pytest.mark.parametrize(
    ("moment", "minutes", "start", "end"),
    [
        ("2024-03-05T14:37:12.5+00:00", 60, "2024-03-05T14:00", "2024-03-05T15:00"),
        ("2024-03-05T14:37:12+00:00", 15, "2024-03-05T14:30", "2024-03-05T14:45"),
        ("2024-03-05T23:59:59+00:00", 1440, "2024-03-05T00:00", "2024-03-06T00:00"),
        ("2024-03-31T01:30:00+01:00", 60, "2024-03-31T00:00", "2024-03-31T01:00"),  # BST -> UTC
        ("2024-03-05T15:00:00+00:00", 60, "2024-03-05T15:00", "2024-03-05T16:00"),
    ],
)
def test_period_of(moment: str, minutes: int, start: str, end: str) -> None:
    got = period_of(dt.datetime.fromisoformat(moment), minutes)
    assert got == (
        dt.datetime.fromisoformat(start).replace(tzinfo=UTC),
        dt.datetime.fromisoformat(end).replace(tzinfo=UTC),
    )


@pytest.mark.parametrize("minutes", [0, 7, 1441])
def test_a_period_must_divide_a_day(minutes: int) -> None:
    with pytest.raises(ValueError, match="divide a day"):
        period_of(dt.datetime(2024, 1, 1, tzinfo=UTC), minutes)


def _store(ws: Workspace, text: str, at: dt.datetime, mentions: list[dict[str, object]]) -> str:
    with ws.session() as s, s.begin():
        return store_report(s, check_submission({"what": text}), mentions, now=at)


def _phone(value: str) -> dict[str, object]:
    return {"type": "phone", "value": value, "text": value, "start": 0, "end": 1, "field": "what"}


def test_reports_wait_for_their_hour_then_are_logged_once(db_workspace: Workspace) -> None:
    ws = db_workspace
    arrived = dt.datetime(2024, 3, 5, 14, 37, 12, 345678, tzinfo=UTC)
    first = _store(ws, "texts from 07700 900123 every day", arrived, [_phone("+447700900123")])
    second = _store(
        ws,
        "texts from 07700900123 all day",
        arrived + dt.timedelta(minutes=5),
        [_phone("+447700900123")],
    )
    other = _store(ws, "nothing alike at all", arrived, [])
    with ws.session() as s:
        rows = {r.reference: r for r in s.scalars(select(PublicReport))}
    stored = rows[first]
    assert stored.received_period.replace(tzinfo=UTC) == dt.datetime(2024, 3, 5, 14, tzinfo=UTC)
    assert stored.available_from.replace(tzinfo=UTC) == dt.datetime(2024, 3, 5, 15, tzinfo=UTC)
    assert not stored.released and stored.status == "new"

    with ws.session() as s, s.begin():
        assert release_due(s, dt.datetime(2024, 3, 5, 14, 59, 59, tzinfo=UTC)) == []
    with ws.session() as s, s.begin():
        released = release_due(s, dt.datetime(2024, 3, 5, 15, 0, tzinfo=UTC))
    assert released == sorted([first, second, other])
    with ws.session() as s, s.begin():
        assert release_due(s, dt.datetime(2024, 3, 6, tzinfo=UTC)) == []

    with ws.session() as s:
        events = s.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
        assert verify_chain(s).ok
        rows = {r.reference: r for r in s.scalars(select(PublicReport))}
    assert [(e.actor, e.action, e.record_type, e.record_id) for e in events] == [
        ("public", "collection", "public_report", ref) for ref in sorted([first, second, other])
    ]
    summary = next(e.summary for e in events if e.record_id == first)
    assert summary == (
        f"report from the public {first} received in the period from 2024-03-05 14:00 UTC; "
        "mentions: 1 phone"
    )
    assert "14:37" not in " ".join(e.summary for e in events)
    # released together: the later reference lists the earlier as a likely duplicate (same phone
    # and wording), never the unrelated one
    later, earlier = max(first, second), min(first, second)
    assert [d["reference"] for d in rows[later].duplicate_candidates] == [earlier]
    assert rows[later].duplicate_candidates[0]["reasons"][0] == "same phone +447700900123"
    assert rows[other].duplicate_candidates == []


def test_released_together_the_one_received_earlier_is_the_earlier(
    db_workspace: Workspace,
) -> None:
    ws = db_workspace
    later = _store(
        ws, "texts from 07700 900123 every day", dt.datetime(2024, 3, 5, 14, 37, tzinfo=UTC),
        [_phone("+447700900123")],
    )  # fmt: skip
    earlier = _store(
        ws, "texts from 07700900123 all day", dt.datetime(2024, 3, 5, 13, 5, tzinfo=UTC),
        [_phone("+447700900123")],
    )  # fmt: skip
    with ws.session() as s, s.begin():
        assert release_due(s, dt.datetime(2024, 3, 5, 15, 0, tzinfo=UTC)) == [earlier, later]
    with ws.session() as s:
        rows = {r.reference: r for r in s.scalars(select(PublicReport))}
    assert [d["reference"] for d in rows[later].duplicate_candidates] == [earlier]
    assert rows[earlier].duplicate_candidates == []


def test_the_queue_says_how_many_reports_wait_for_their_hour(db_workspace: Workspace) -> None:
    from countylines.public.triage import queue_rows

    arrived = dt.datetime(2024, 3, 5, 14, 37, tzinfo=UTC)
    _store(db_workspace, "a van outside number 4 every night", arrived, [])
    _store(db_workspace, "kids on bikes by the shops", arrived + dt.timedelta(hours=1), [])
    with db_workspace.session() as s, s.begin():
        before = queue_rows(s, db_workspace.root, None, now=arrived + dt.timedelta(minutes=5))
        assert (before["reports"], before["waiting"]) == ([], 2)
        assert before["next_release"] == "2024-03-05T15:00:00+00:00"
    with db_workspace.session() as s, s.begin():
        after = queue_rows(
            s, db_workspace.root, None, now=dt.datetime(2024, 3, 5, 15, 1, tzinfo=UTC)
        )
        assert (len(after["reports"]), after["waiting"]) == (1, 1)
        assert after["next_release"] == "2024-03-05T16:00:00+00:00"
