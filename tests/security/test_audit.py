"""The s.62 log: hash chain worked out independently, tamper detection, concurrency."""

from __future__ import annotations

import hashlib
import json
import threading

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from countylines.security.audit import (
    GENESIS_HASH,
    AuditError,
    AuditQuery,
    query_events,
    record_event,
    verify_chain,
)
from countylines.security.models import AuditEvent
from countylines.workspace import Workspace
from tests.security.conftest import tamper


def _log(ws: Workspace, n: int, actor: str = "alice") -> None:
    with ws.session() as s, s.begin():
        for i in range(n):
            record_event(
                s,
                actor=actor,
                action="consultation",
                record_type="intel_report",
                record_id=f"INT/{i}",
                summary=f"read report {i}",
                justification="Op ALDER",
            )


def test_first_entry_hash_is_sha256_of_the_documented_canonical_form(
    db_workspace: Workspace,
) -> None:
    with db_workspace.session() as s, s.begin():
        entry = record_event(
            s,
            actor="alice",
            action="disclosure",
            record_type="product",
            record_id="p-1",
            summary="line profile sent",
            justification="Op ALDER",
            recipient="CPS Essex",
        )
    at = entry.at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    by_hand = (
        '["countylines-audit-v1",1,"' + at + '","alice","disclosure","product","p-1",'
        '"line profile sent","Op ALDER","CPS Essex","' + "0" * 64 + '"]'
    )
    assert json.loads(by_hand)[1] == 1
    assert entry.hash == hashlib.sha256(by_hand.encode()).hexdigest()
    with db_workspace.session() as s:
        row = s.scalars(select(AuditEvent)).one()
        assert (row.seq, row.prev_hash, row.hash) == (1, GENESIS_HASH, entry.hash)
        assert row.recipient == "CPS Essex"


def test_chain_links_each_entry_to_the_one_before(db_workspace: Workspace) -> None:
    _log(db_workspace, 5)
    with db_workspace.session() as s:
        rows = list(s.scalars(select(AuditEvent).order_by(AuditEvent.seq)))
        result = verify_chain(s)
    assert [r.seq for r in rows] == [1, 2, 3, 4, 5]
    assert [r.prev_hash for r in rows[1:]] == [r.hash for r in rows[:-1]]
    assert (result.ok, result.entries, result.head_seq, result.head_hash) == (
        True,
        5,
        5,
        rows[-1].hash,
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"action": "viewing"}, "not one of collection"),
        ({"action": "disclosure"}, "must name its recipient"),
        ({"actor": " "}, "needs an actor"),
    ],
)
def test_bad_events_are_refused(
    db_workspace: Workspace, kwargs: dict[str, str], message: str
) -> None:
    args = {
        "actor": "alice",
        "action": "consultation",
        "record_type": "line",
        "record_id": None,
        "summary": "x",
    } | kwargs
    with db_workspace.session() as s, pytest.raises(AuditError, match=message):
        record_event(s, **args)  # type: ignore[arg-type]


def test_the_database_refuses_updates_and_deletes(db_workspace: Workspace) -> None:
    _log(db_workspace, 2)
    for statement in (
        "UPDATE audit_events SET summary = 'nothing' WHERE seq = 1",
        "DELETE FROM audit_events WHERE seq = 2",
    ):
        with pytest.raises(DatabaseError, match="append-only"), db_workspace.engine.begin() as c:
            c.execute(text(statement))
    with db_workspace.session() as s:
        assert verify_chain(s).ok


@pytest.mark.parametrize(
    ("statements", "kinds"),
    [
        (["UPDATE audit_events SET summary = 'read nothing' WHERE seq = 3"], {"altered"}),
        (["UPDATE audit_events SET justification = NULL WHERE seq = 6"], {"altered"}),
        (["DELETE FROM audit_events WHERE seq = 3"], {"gap", "broken link"}),
        (["DELETE FROM audit_events WHERE seq = 6"], {"head"}),
        (
            [
                "UPDATE audit_events SET seq = 100 WHERE seq = 2",
                "UPDATE audit_events SET seq = 2 WHERE seq = 4",
                "UPDATE audit_events SET seq = 4 WHERE seq = 100",
            ],
            {"altered", "broken link"},
        ),
    ],
    ids=["modified summary", "modified justification", "deleted", "deleted last", "reordered"],
)
def test_verify_detects_tampering(
    db_workspace: Workspace, statements: list[str], kinds: set[str]
) -> None:
    _log(db_workspace, 6)
    tamper(db_workspace, *statements)
    with db_workspace.session() as s:
        result = verify_chain(s)
    assert not result.ok
    assert {p.kind for p in result.problems} == kinds


def test_concurrent_writers_never_fork_the_chain(db_workspace: Workspace) -> None:
    errors: list[BaseException] = []

    def writer(name: str) -> None:
        try:
            for i in range(15):
                with db_workspace.session() as s, s.begin():
                    record_event(
                        s,
                        actor=name,
                        action="consultation",
                        record_type="line",
                        record_id=str(i),
                        summary="read",
                    )
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(f"user{n}",)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with db_workspace.session() as s:
        result = verify_chain(s)
        seqs = list(s.scalars(select(AuditEvent.seq).order_by(AuditEvent.seq)))
    assert result.ok, result.problems
    assert seqs == list(range(1, 91))


def test_a_rolled_back_transaction_leaves_no_entry(db_workspace: Workspace) -> None:
    _log(db_workspace, 1)
    with db_workspace.session() as s:
        s.begin()
        record_event(s, actor="a", action="erasure", record_type="x", record_id=None, summary="x")
        s.rollback()
    with db_workspace.session() as s:
        result = verify_chain(s)
    assert (result.ok, result.entries) == (True, 1)


def test_query_filters_bind_values(db_workspace: Workspace) -> None:
    _log(db_workspace, 3, actor="alice")
    _log(db_workspace, 2, actor="bob'; DROP TABLE audit_events; --")
    with db_workspace.session() as s:
        mine, total = query_events(s, AuditQuery(actor="alice"))
        assert total == 3 and [e.seq for e in mine] == [3, 2, 1]
        _, total = query_events(s, AuditQuery(actor="bob'; DROP TABLE audit_events; --"))
        assert total == 2
        hits, total = query_events(s, AuditQuery(text="REPORT 1"))
        assert sorted(e.record_id for e in hits) == ["INT/1", "INT/1"]
        _, total = query_events(s, AuditQuery(text="%"))
        assert total == 0
        assert verify_chain(s).entries == 5
