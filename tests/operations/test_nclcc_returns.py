"""NCLCC-style returns: each figure worked out by hand from a small set of records."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from countylines.operations.records import (
    Arrest,
    Charge,
    Closure,
    OperationRecords,
    Referral,
    Seizure,
    Visit,
)
from countylines.operations.returns import (
    Period,
    PeriodError,
    nclcc_returns,
    returns_csv,
    returns_json,
)

UTC = dt.UTC
JULY = Period(dt.date(2024, 7, 1), dt.date(2024, 7, 31))
# 23:30 UTC on 30 June is 00:30 on 1 July in the UK (BST): in July's returns
EDGE_IN = dt.datetime(2024, 6, 30, 23, 30, tzinfo=UTC)
# 23:30 UTC on 31 July is 00:30 on 1 August in the UK: not in July's
EDGE_OUT = dt.datetime(2024, 7, 31, 23, 30, tzinfo=UTC)
MID = dt.datetime(2024, 7, 10, 5, 0, tzinfo=UTC)


def records() -> OperationRecords:
    holder = (("line-a", "line holder"),)
    return OperationRecords(
        arrests=[
            Arrest(
                1,
                "Jay SMITH",
                "conspiracy",
                EDGE_IN,
                "E5",
                nominal_id="nom-1",
                roles=holder,
                operation_id=1,
            ),
            Arrest(
                2,
                "Kid A",
                "PWITS",
                MID,
                "Clacton",
                roles=(("line-a", "runner"),),
                possible_victim=True,
                operation_id=1,
            ),
            Arrest(
                3, "jay  smith", "breach", MID, "E5", roles=holder, operation_id=1
            ),  # no nominal id: same name folded
            Arrest(4, "Late", "PWITS", EDGE_OUT, "Clacton", operation_id=1),
            Arrest(
                5,
                "Other op",
                "PWITS",
                MID,
                "Jaywick",
                roles=(("line-z", "line holder"),),
                operation_id=2,
            ),
        ],
        charges=[
            Charge(1, 1, "conspiracy", dt.date(2024, 7, 2), "charge"),
            Charge(2, 2, "PWITS", dt.date(2024, 7, 3), "charge"),
            Charge(
                3, 3, "breach", dt.date(2024, 7, 4), "charge"
            ),  # "jay  smith": no nominal id, own key
            Charge(4, 4, "PWITS", dt.date(2024, 8, 1), "charge"),  # August
            Charge(5, 5, "PWITS", dt.date(2024, 7, 5), "charge"),  # operation 2
            Charge(6, 2, "other", dt.date(2024, 7, 6), "no further action"),
        ],
        referrals=[
            Referral(1, "MASH", "Kid A", MID, possible_child=True, arrest_id=2, operation_id=1),
            Referral(2, "NRM", "Kid A", MID, possible_child=True, arrest_id=2, operation_id=1),
            Referral(3, "Adult social care", "Occupant", EDGE_OUT, operation_id=1),  # August
            Referral(4, "NRM", "Adult B", MID, operation_id=2),
        ],
        visits=[
            Visit(
                1,
                "12 Pier Avenue, Clacton",
                MID,
                cuckooed=True,
                vulnerable_people=1,
                operation_id=1,
            ),
            Visit(
                2,
                "12  pier avenue clacton",
                MID,
                cuckooed=True,
                vulnerable_people=2,
                operation_id=1,
            ),  # same address
            Visit(3, "3 Rosemary Road", MID, cuckooed=False, vulnerable_people=1, operation_id=1),
            Visit(4, "9 Old Road", MID, cuckooed=True, vulnerable_people=1, operation_id=2),
        ],
        seizures=[
            Seizure(1, "drugs", MID, drug_type="crack cocaine", milligrams=12_500, operation_id=1),
            Seizure(2, "drugs", MID, drug_type="crack cocaine", milligrams=1_250, operation_id=1),
            Seizure(3, "drugs", MID, drug_type="heroin", milligrams=7_000, operation_id=2),
            Seizure(4, "cash", MID, pence=152_050, operation_id=1),
            Seizure(5, "cash", MID, pence=2_000, operation_id=2),
            Seizure(6, "weapon", MID, weapon_kind="knife", operation_id=1),
            Seizure(
                7, "phone", MID, numbers=("+447700900001",), line_ids=("line-a",), operation_id=1
            ),
            Seizure(8, "phone", MID, numbers=("+447700900999",), operation_id=1),
            Seizure(9, "phone", EDGE_OUT, numbers=("+447700900998",), operation_id=1),
        ],
        closures=[
            Closure(1, "line-a", 1, ("+447700900001",), MID, charge_id=1, operation_id=1),
            Closure(
                2, "line-b", 2, ("+447700900002",), MID, deactivation_reference="EE", operation_id=1
            ),
            Closure(3, "line-z", 1, ("+447700900003",), MID, charge_id=5, operation_id=2),
            Closure(
                4,
                "line-c",
                2,
                ("+447700900004",),
                EDGE_OUT,
                deactivation_reference="O2",
                operation_id=1,
            ),
        ],
    )


def test_returns_of_all_operations_in_july() -> None:
    r = nclcc_returns(records(), JULY)
    assert (r.lines_closed, r.lines_closed_type1, r.lines_closed_type2) == (3, 2, 1)
    assert r.arrests == 4  # 1 (00:30 BST on 1 July), 2, 3, 5; not 4 (1 August in the UK)
    # charged in July: arrests 1 (nom-1), 2, 3 ("jay smith"), 5 -> 4 people
    assert r.people_charged == 4
    assert r.line_holders_charged == 3  # nom-1, "jay smith", arrest 5
    assert r.safeguarding_referrals == 3
    assert r.referrals_by_route == {"MASH": 1, "NRM": 2}
    assert r.referrals_possible_child == 2
    assert r.cuckooed_addresses_visited == 2  # Pier Avenue once, Old Road
    assert r.vulnerable_people_visited == 5
    assert r.drugs_grams == {"crack cocaine": 13.75, "heroin": 7.0}
    assert r.cash_pounds == 1540.50
    assert (r.weapons, r.phones, r.phones_linked_to_lines) == (1, 2, 1)


def test_returns_of_one_operation_and_its_csv() -> None:
    r = nclcc_returns(records(), JULY, operations=[1])
    assert (r.lines_closed, r.arrests, r.people_charged, r.line_holders_charged) == (2, 3, 3, 2)
    assert r.safeguarding_referrals == 2
    assert r.cuckooed_addresses_visited == 1
    assert r.cash_pounds == 1520.50
    rows = list(csv.DictReader(io.StringIO(returns_csv(r))))
    value = {row["figure"]: row["value"] for row in rows}
    assert value["lines closed"] == "2"
    assert value["Type 1 (line holder charged)"] == "1"
    assert value["crack cocaine (grams)"] == "13.75"
    assert value["cash (pounds)"] == "1520.5"
    assert value["NRM referrals"] == "1"
    assert value["Adult social care referrals"] == "0"
    assert {row["period_from"] for row in rows} == {"2024-07-01"}
    data = returns_json(r)
    assert data["lines_closed"] == {"total": 2, "type1": 1, "type2": 1}
    assert data["operations"] == [1]


def test_a_period_must_not_end_before_it_starts() -> None:
    with pytest.raises(PeriodError, match="ends"):
        Period(dt.date(2024, 7, 2), dt.date(2024, 7, 1))
