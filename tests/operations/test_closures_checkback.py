"""Closure rules (Type 1 needs the holder charged, Type 2 a deactivation) and check-backs."""

from __future__ import annotations

import datetime as dt

import pytest

from countylines.operations.closures import (
    CLOSED_ACTIVE,
    SUCCESSOR_ACTIVE,
    ClosureError,
    check_backs,
    check_closure,
)
from countylines.operations.records import Arrest, Charge, Closure, LineRef
from countylines.operations.terms import TermError

UTC = dt.UTC
LINE = LineRef("line-a", "Ghost line", ("+447700900001",), holder_numbers=("+447700900100",))
CLOSED_AT = dt.datetime(2024, 3, 10, 12, 0, tzinfo=UTC)


def holder_arrest(**kw: object) -> Arrest:
    base: dict[str, object] = {
        "arrest_id": 7,
        "person": "Jay SMITH",
        "offence": "conspiracy to supply class A",
        "arrested_at": dt.datetime(2024, 3, 5, 5, tzinfo=UTC),
        "place": "London E5",
        "roles": (("line-a", "line holder"),),
    }
    base.update(kw)
    return Arrest(**base)  # type: ignore[arg-type]


def test_type_1_needs_the_holder_charged_on_or_before_the_closure() -> None:
    with pytest.raises(ClosureError, match="no arrest of its line holder"):
        check_closure(1, LINE, CLOSED_AT)
    with pytest.raises(ClosureError, match="no CPS decision to charge Jay SMITH"):
        check_closure(1, LINE, CLOSED_AT, arrests=[holder_arrest()])
    nfa = Charge(1, 7, "supply", dt.date(2024, 3, 6), "no further action")
    with pytest.raises(ClosureError, match="needs the line holder charged"):
        check_closure(1, LINE, CLOSED_AT, arrests=[holder_arrest()], charges=[nfa])
    late = Charge(2, 7, "supply", dt.date(2024, 3, 11), "charge")
    with pytest.raises(ClosureError, match="on or before 2024-03-10"):
        check_closure(1, LINE, CLOSED_AT, arrests=[holder_arrest()], charges=[late])
    good = Charge(3, 7, "supply", dt.date(2024, 3, 6), "charge")
    assert (
        check_closure(1, LINE, CLOSED_AT, arrests=[holder_arrest()], charges=[nfa, late, good])
        == good
    )
    # a runner charged is not the line holder charged
    runner = holder_arrest(arrest_id=8, roles=(("line-a", "runner"),))
    with pytest.raises(ClosureError, match="no arrest of its line holder"):
        check_closure(
            1,
            LINE,
            CLOSED_AT,
            arrests=[runner],
            charges=[Charge(4, 8, "s", dt.date(2024, 3, 6), "charge")],
        )
    # the holder known by his number, not by a recorded role
    by_number = holder_arrest(roles=(), numbers=("+447700900100",))
    assert check_closure("Type 1", LINE, CLOSED_AT, arrests=[by_number], charges=[good]) == good
    # the holder of another line does not close this one
    other = holder_arrest(roles=(("line-b", "line holder"),))
    with pytest.raises(ClosureError):
        check_closure(1, LINE, CLOSED_AT, arrests=[other], charges=[good])


def test_type_2_needs_the_deactivation_reference() -> None:
    with pytest.raises(ClosureError, match="reference of the number's deactivation"):
        check_closure(2, LINE, CLOSED_AT, deactivation_reference="  ")
    assert check_closure("2", LINE, CLOSED_AT, deactivation_reference="EE/2024/551") is None
    with pytest.raises(TermError):
        check_closure(3, LINE, CLOSED_AT)


def detected(
    numbers: list[tuple[str, str, str]], links: list[tuple[str, str]]
) -> dict[str, object]:
    return {
        "line_id": "line-new",
        "numbers": [{"number": n, "first_seen": f, "last_seen": last} for n, f, last in numbers],
        "links": [
            {"earlier": a, "later": b, "reason": f"customers of {a} followed {b}"} for a, b in links
        ],
    }


CLOSURE = Closure(1, "line-a", 2, ("+447700900001",), CLOSED_AT, deactivation_reference="EE/1")


def test_a_successor_used_after_the_closure_raises_an_alert_with_its_evidence() -> None:
    line = detected(
        [
            ("+447700900001", "2024-02-01T10:00:00+00:00", "2024-03-10T11:00:00+00:00"),
            ("+447700900002", "2024-03-11T09:00:00+00:00", "2024-03-20T22:00:00+00:00"),
            ("+447700900003", "2024-03-21T09:00:00+00:00", "2024-03-30T22:00:00+00:00"),
        ],
        [("+447700900001", "+447700900002"), ("+447700900002", "+447700900003")],
    )
    alerts = check_backs([CLOSURE], [line])
    assert [(a.number, a.kind) for a in alerts] == [
        ("+447700900002", SUCCESSOR_ACTIVE),
        ("+447700900003", SUCCESSOR_ACTIVE),
    ]
    second = alerts[1]
    assert second.first_seen_after == dt.datetime(2024, 3, 21, 9, tzinfo=UTC)
    assert second.last_seen == dt.datetime(2024, 3, 30, 22, tzinfo=UTC)
    # the evidence follows the chain through the first successor
    assert "customers of +447700900001 followed +447700900002" in second.evidence
    assert "customers of +447700900002 followed +447700900003" in second.evidence
    # running again gives the same alerts, one per closure, number and kind
    assert check_backs([CLOSURE, CLOSURE], [line]) == alerts


def test_a_closed_number_used_again_raises_an_alert_and_a_dead_line_none() -> None:
    again = detected(
        [("+447700900001", "2024-02-01T10:00:00+00:00", "2024-03-12T08:00:00+00:00")], []
    )
    [alert] = check_backs([CLOSURE], [again])
    assert (alert.kind, alert.number, alert.last_seen) == (
        CLOSED_ACTIVE,
        "+447700900001",
        dt.datetime(2024, 3, 12, 8, tzinfo=UTC),
    )
    dead = detected(
        [("+447700900001", "2024-02-01T10:00:00+00:00", "2024-03-10T11:59:00+00:00")], []
    )
    assert check_backs([CLOSURE], [dead]) == []
    # a predecessor of the closed number is not a successor
    before = detected(
        [
            ("+447700900009", "2024-01-01T10:00:00+00:00", "2024-01-31T10:00:00+00:00"),
            ("+447700900001", "2024-02-01T10:00:00+00:00", "2024-03-10T11:00:00+00:00"),
        ],
        [("+447700900009", "+447700900001")],
    )
    assert check_backs([CLOSURE], [before]) == []
    # an unrelated line active after the closure is not an alert
    other = detected(
        [("+447700900555", "2024-03-11T09:00:00+00:00", "2024-03-20T22:00:00+00:00")], []
    )
    assert check_backs([CLOSURE], [other]) == []


def test_a_closed_number_no_longer_scored_is_caught_from_its_raw_activity() -> None:
    use = {
        "+447700900001": {
            "first": dt.datetime(2024, 3, 15, tzinfo=UTC),
            "last": dt.datetime(2024, 3, 16, tzinfo=UTC),
        }
    }
    [alert] = check_backs([CLOSURE], [], activity_after=use)
    assert (alert.kind, alert.first_seen_after) == (
        CLOSED_ACTIVE,
        dt.datetime(2024, 3, 15, tzinfo=UTC),
    )
