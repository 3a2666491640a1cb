"""Accounts, compartments, sessions and deconfliction on each database."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from countylines.security import accounts, sessions
from countylines.security.access import (
    AccessDenied,
    HeldElsewhereError,
    Principal,
    held_elsewhere,
    load_principal,
    require,
    visible_compartments,
)
from countylines.security.audit import verify_chain
from countylines.security.audited import AuditedStore, JustificationRequired
from countylines.security.models import AuditEvent, User
from countylines.security.passwords import PasswordError
from countylines.security.sessions import SessionPolicy
from countylines.workspace import Workspace

PW = "a long enough password"


def _setup(ws: Workspace) -> None:
    with ws.session() as s, s.begin():
        accounts.add_user(
            s, username="sam", display_name="DS Sam", role="supervisor", password=PW, by="t"
        )
        accounts.add_user(
            s, username="ann", display_name="DC Ann", role="analyst", password=PW, by="t"
        )
        accounts.add_compartment(s, name="Op ALDER", owner="sam", by="t")


def test_passwords_are_hashed_and_checked(db_workspace: Workspace) -> None:
    _setup(db_workspace)
    with db_workspace.session() as s, s.begin():
        stored = s.scalar(select(User.password_hash).where(User.username == "ann"))
        assert stored is not None and stored.startswith("$argon2id$") and PW not in stored
        assert accounts.authenticate(s, "ann", PW) is not None
        assert accounts.authenticate(s, "ann", PW + "!") is None
        assert accounts.authenticate(s, "nobody", PW) is None
    with db_workspace.session() as s, pytest.raises(PasswordError):
        accounts.add_user(
            s, username="bob", display_name="B", role="analyst", password="short", by="t"
        )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"username": "Bad Name"}, "lower-case"),
        ({"role": "chief"}, "not one of"),
        ({"username": "ann"}, "already exists"),
        ({"password": None}, "single sign-on"),
    ],
)
def test_bad_accounts_are_refused(
    db_workspace: Workspace, kwargs: dict[str, object], message: str
) -> None:
    _setup(db_workspace)
    args: dict[str, object] = {
        "username": "bob",
        "display_name": "B",
        "role": "analyst",
        "password": PW,
        "by": "t",
    } | kwargs
    with db_workspace.session() as s, pytest.raises(accounts.AccountError, match=message):
        accounts.add_user(s, **args)  # type: ignore[arg-type]


def test_membership_decides_what_is_visible_and_who_to_contact(db_workspace: Workspace) -> None:
    _setup(db_workspace)
    with db_workspace.session() as s, s.begin():
        ann = accounts.authenticate(s, "ann", PW)
        sam = accounts.authenticate(s, "sam", PW)
        assert ann is not None and sam is not None
        [alder] = accounts.list_compartments(s)
        assert visible_compartments(ann) == frozenset()
        assert visible_compartments(sam) == {alder.id}
        held = held_elsewhere(s, ann, alder.id)
        assert (
            held is not None and held.message == "Held elsewhere — contact the owner: DS Sam (sam)."
        )
        assert held_elsewhere(s, sam, alder.id) is None
        assert held_elsewhere(s, ann, None) is None
        accounts.grant(s, username="ann", compartment="Op ALDER", by="t")
    with db_workspace.session() as s:
        ann2 = load_principal(s, ann.user_id)
        assert ann2 is not None and ann2.compartment_ids == {alder.id}
    with db_workspace.session() as s, s.begin(), pytest.raises(accounts.AccountError, match="owns"):
        accounts.revoke(s, username="sam", compartment="Op ALDER", by="t")


def test_roles_and_the_audited_store(db_workspace: Workspace) -> None:
    _setup(db_workspace)
    with db_workspace.session() as s, s.begin():
        admin = accounts.add_user(
            s, username="ada", display_name="Ada", role="administrator", password=PW, by="t"
        )
    with db_workspace.session() as s:
        ada = accounts.authenticate(s, admin.username, PW)
        ann = accounts.authenticate(s, "ann", PW)
    assert ada is not None and ann is not None
    with pytest.raises(AccessDenied, match="Administrator role may not search and read"):
        require(ada, "intel.read")
    with pytest.raises(KeyError):
        require(ada, "intel.raed")
    store = AuditedStore(db_workspace.session, db_workspace.root, ann)
    with pytest.raises(JustificationRequired):
        store.consult(
            permission="intel.read",
            record_type="x",
            record_id=None,
            summary="s",
            load=lambda ctx: 1,
            sensitive=True,
        )
    with_purpose = AuditedStore(
        db_workspace.session,
        db_workspace.root,
        Principal(
            ann.user_id, ann.username, ann.display_name, ann.role, ann.compartment_ids, "Op A"
        ),
    )
    with db_workspace.session() as s:
        [alder] = accounts.list_compartments(s)
    with pytest.raises(HeldElsewhereError):
        with_purpose.consult(
            permission="intel.read",
            record_type="intel_report",
            record_id="U1",
            summary="read",
            load=lambda ctx: "secret",
            compartment_of=lambda ctx, v: alder.id,
            sensitive=True,
        )
    assert (
        with_purpose.consult(
            permission="intel.read",
            record_type="intel_report",
            record_id="U2",
            summary="read",
            load=lambda ctx: "open",
            sensitive=True,
        )
        == "open"
    )
    with db_workspace.session() as s:
        last_two = s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(2)).all()
        assert [(e.record_id, e.justification) for e in last_two] == [
            ("U2", "Op A"),
            ("U1", "Op A"),
        ]
        assert last_two[1].summary.startswith("refused, held elsewhere (owner sam)")
        assert verify_chain(s).ok


def test_sessions_time_out_and_end_with_the_account(db_workspace: Workspace) -> None:
    _setup(db_workspace)
    policy = SessionPolicy(
        idle_timeout=dt.timedelta(minutes=30), absolute_timeout=dt.timedelta(hours=12)
    )
    with db_workspace.session() as s, s.begin():
        ann = accounts.authenticate(s, "ann", PW)
        assert ann is not None
        token, csrf = sessions.start_session(s, ann.user_id)
    now = dt.datetime.now(dt.UTC)
    with db_workspace.session() as s, s.begin():
        live = sessions.resume_session(s, token, policy, now + dt.timedelta(minutes=29))
        assert live is not None and live.csrf_token == csrf
        assert sessions.csrf_matches(csrf, csrf) and not sessions.csrf_matches(
            csrf, csrf[:-1] + "x"
        )
    with db_workspace.session() as s, s.begin():  # 29 min later it was touched: 25 more is fine
        assert sessions.resume_session(s, token, policy, now + dt.timedelta(minutes=54)) is not None
    with db_workspace.session() as s, s.begin():  # 31 idle minutes after that: over
        assert sessions.resume_session(s, token, policy, now + dt.timedelta(minutes=85)) is None
    with db_workspace.session() as s, s.begin():
        assert sessions.resume_session(s, token, policy, now + dt.timedelta(minutes=86)) is None
        token2, _ = sessions.start_session(s, ann.user_id)
    with db_workspace.session() as s, s.begin():
        accounts.disable_user(s, username="ann", reason="left", by="t")
    with db_workspace.session() as s, s.begin():
        assert sessions.resume_session(s, token2, policy) is None
        assert accounts.authenticate(s, "ann", PW) is None
