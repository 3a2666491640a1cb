"""Roles, compartments and the s.62 log around operation records, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from countylines.operations import results, store
from countylines.operations.models import Operation
from countylines.operations.planning import PlanError
from countylines.security.access import AccessDenied, HeldElsewhereError, Principal, load_principal
from countylines.security.accounts import add_compartment, add_user, grant
from countylines.security.models import User
from countylines.workspace import Workspace

PASSWORD = "correct horse battery"


def principal(ws: Workspace, username: str) -> Principal:
    with ws.session() as s:
        user = s.scalar(select(User).where(User.username == username))
        assert user is not None
        p = load_principal(s, user.id)
        assert p is not None
        return p


@pytest.fixture
def people(db_workspace: Workspace) -> Workspace:
    with db_workspace.session() as s, s.begin():
        for name, role in (
            ("owner", "investigator"),
            ("analyst", "analyst"),
            ("admin", "administrator"),
            ("outsider", "investigator"),
        ):
            add_user(
                s, username=name, display_name=name.title(), role=role, password=PASSWORD, by="test"
            )
        add_compartment(s, name="Op ALDER", owner="owner", by="test")
        grant(s, username="analyst", compartment="Op ALDER", by="test")
        grant(s, username="admin", compartment="Op ALDER", by="test")
    return db_workspace


def test_members_work_on_an_operation_others_are_told_whom_to_contact(people: Workspace) -> None:
    ws = people
    owner, analyst, admin, outsider = (
        principal(ws, n) for n in ("owner", "analyst", "admin", "outsider")
    )
    with ws.session() as s, s.begin():
        op = store.create_operation(
            s,
            owner,
            name="Op ALDER",
            compartment="Op ALDER",
            sio="DI K",
            objectives=["close the line"],
        )
    with ws.session() as s, s.begin(), pytest.raises(store.OperationError, match="not a member"):
        store.create_operation(
            s, outsider, name="Op BIRCH", compartment="Op ALDER", sio="DI K", objectives=[]
        )
    with ws.session() as s, s.begin():
        o = store.open_operation(s, analyst, "Op ALDER", write=True)
        store.add_team(s, analyst, o, name="Alpha", leader="PS Lee")
    with ws.session() as s:
        with pytest.raises(HeldElsewhereError) as held:
            store.open_operation(s, outsider, op.id)
        assert held.value.held.owner_username == "owner"
        seen, elsewhere = store.list_operations(s, outsider)
        assert seen == [] and [h.owner_username for h in elsewhere] == ["owner"]
        # the administrator manages accounts and sees no operations (separation of duties)
        with pytest.raises(AccessDenied):
            store.open_operation(s, admin, op.id)


def test_rules_are_checked_before_anything_is_written(people: Workspace) -> None:
    ws = people
    owner = principal(ws, "owner")
    with ws.session() as s, s.begin():
        op = store.create_operation(
            s, owner, name="Op ALDER", compartment="Op ALDER", sio="DI K", objectives=[]
        )
        store.set_strike(s, owner, op, dt.datetime(2024, 5, 28, 4, tzinfo=dt.UTC))
        store.add_authorisation(
            s,
            owner,
            op,
            kind="warrant",
            reference="W/1",
            issued_by="MC",
            issued_on=dt.date(2024, 5, 27),
            address="10 Elm Road",
            expires_on=dt.date(2024, 5, 27),
        )
    with ws.session() as s, s.begin():
        o = s.get(Operation, op.id)
        assert o is not None
        with pytest.raises(
            PlanError, match="expires on 2024-05-27, before the strike date 2024-05-28"
        ):
            store.add_target(
                s,
                owner,
                o,
                kind="enforcement",
                label="holder",
                address="10 Elm Road",
                warrant="W/1",
            )
        with pytest.raises(store.OperationError, match="give the address"):
            store.add_authorisation(
                s,
                owner,
                o,
                kind="warrant",
                reference="W/2",
                issued_by="MC",
                issued_on=dt.date(2024, 5, 27),
            )
        with pytest.raises(store.OperationError, match="no authorisation 'W/9'"):
            store.add_target(
                s,
                owner,
                o,
                kind="enforcement",
                label="holder",
                address="10 Elm Road",
                warrant="W/9",
            )
        arrest = results.record_arrest(
            s,
            owner,
            o,
            person="Jay",
            offence="supply",
            arrested_at=dt.datetime(2024, 5, 28, 4, 5, tzinfo=dt.UTC),
            place="N1",
            numbers=["07700 900123"],
        )
        assert arrest.numbers == ["+447700900123"]
        for bad, why in (
            ("7.7E+09", "E-notation"),
            ("CLACTONACA", "reads as alphanumeric"),
            ("999", "reads as short_code"),
        ):
            with pytest.raises(store.OperationError, match=why):
                results.record_seizure(
                    s,
                    owner,
                    o,
                    kind="phone",
                    seized_at=dt.datetime(2024, 5, 28, 5, tzinfo=dt.UTC),
                    numbers=[bad],
                )
        with pytest.raises(store.OperationError, match="more than 0 grams"):
            results.record_seizure(
                s,
                owner,
                o,
                kind="drugs",
                drug_type="heroin",
                grams="-1",
                seized_at=dt.datetime(2024, 5, 28, 5, tzinfo=dt.UTC),
            )
        with pytest.raises(store.OperationError, match="pounds and pence"):
            results.record_seizure(
                s,
                owner,
                o,
                kind="cash",
                pounds="10.005",
                seized_at=dt.datetime(2024, 5, 28, 5, tzinfo=dt.UTC),
            )
        with pytest.raises(store.OperationError, match="no target T99"):
            results.record_visit(
                s,
                owner,
                o,
                address="1 Road",
                visited_at=dt.datetime(2024, 5, 28, 5, tzinfo=dt.UTC),
                cuckooed=True,
                target_id=99,
            )
        with pytest.raises(store.OperationError, match="time zone"):
            results.record_visit(
                s, owner, o, address="1 Road", visited_at=dt.datetime(2024, 5, 28, 5), cuckooed=True
            )


def test_the_command_line_names_the_account_it_acts_as(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from countylines.cli.main import app

    runner = CliRunner()
    env = {"COUNTYLINES_WORKSPACE": str(tmp_path / "ws"), "COLUMNS": "200"}
    assert runner.invoke(app, ["init"], env=env).exit_code == 0
    anonymous = runner.invoke(app, ["operation", "list"], env=env)
    assert anonymous.exit_code == 2 and "--as USER" in anonymous.output
    unknown = runner.invoke(app, ["operation", "--as", "nobody", "list"], env=env)
    assert unknown.exit_code == 2 and "no active account 'nobody'" in unknown.output
    bad_period = runner.invoke(
        app, ["returns", "--as", "nobody", "--from", "2024-07-02", "--to", "2024-07-01"], env=env
    )
    assert bad_period.exit_code == 2 and "ends (2024-07-01) before it starts" in bad_period.output
