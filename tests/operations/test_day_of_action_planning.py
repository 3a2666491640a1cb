"""Targets from the line picture, and the warrant rule for enforcement targets."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from countylines.operations.planning import (
    Base,
    PlanError,
    check_plan,
    check_target,
    line_refs,
    propose_targets,
)
from countylines.operations.records import Authorisation, Target

HOLDER, RUNNER_HUB, RUNNER_CUCKOO, OCCUPANT = (
    "+447700900100",
    "+447700900200",
    "+447700900300",
    "+447700900400",
)


def picture() -> dict[str, Any]:
    return {
        "lines": [
            {
                "line_id": "line-a",
                "label": "Ghost line",
                "numbers": [{"number": "+447700900001"}, {"number": "+447700900002"}],
                "holders": [{"number": HOLDER}],
                "runners": [{"number": RUNNER_HUB}, {"number": RUNNER_CUCKOO}],
                "cuckooed": [
                    {
                        "cell_id": "CLN-0005",
                        "nights": 9,
                        "runners": [RUNNER_CUCKOO],
                        "occupants": [OCCUPANT],
                    }
                ],
                "cells": [
                    {"cell_id": "CLN-0005", "latitude": 51.79, "longitude": 1.15, "events": 10}
                ],
            },
            {
                "line_id": "line-b",
                "label": "line ending 0009",
                "numbers": [{"number": "+447700900009"}],
            },
        ],
        "nominals": [
            {"nominal_id": "nom-h", "label": "Jay", "numbers": [HOLDER]},
            {"nominal_id": "nom-r1", "label": "Kid A", "numbers": [RUNNER_HUB]},
            {"nominal_id": "nom-r2", "label": "Kid B", "numbers": [RUNNER_CUCKOO]},
            {"nominal_id": "nom-o", "label": "Occupant", "numbers": [OCCUPANT]},
        ],
        "locations": [],
    }


BASES = {
    HOLDER: Base(HOLDER, "LDN-0300", 40, 51.55, -0.05),
    RUNNER_HUB: Base(RUNNER_HUB, "LDN-0400", 20, 51.56, -0.06),
    RUNNER_CUCKOO: Base(RUNNER_CUCKOO, "CLN-0005", 15),
}


def test_holders_and_runners_bases_are_enforcement_and_cuckooed_addresses_safeguarding() -> None:
    proposals = propose_targets(picture(), ["line-a"], BASES)
    summary = [(p.proposal_id, p.kind, p.cell_id, p.nominal_ids) for p in proposals]
    assert summary == [
        ("P1", "enforcement", "LDN-0300", ["nom-h"]),
        ("P2", "enforcement", "LDN-0400", ["nom-r1"]),
        # the runner who stays at the cuckooed address is folded into the visit
        ("P3", "safeguarding visit", "CLN-0005", ["nom-o", "nom-r2"]),
    ]
    p1, p2, p3 = proposals
    assert (p1.latitude, p1.longitude) == (51.55, -0.05)  # from the base (the picture has none)
    assert (p3.latitude, p3.longitude) == (51.79, 1.15)
    assert "line holder of Ghost line" in p1.reasons[0] and "40 nights" in p1.reasons[0]
    assert p2.label == "base of Kid A"
    assert "possible victim" in p2.reasons[1]
    assert p2.possible_victims == ["Kid A"]
    assert p3.possible_victims == ["Occupant", "Kid B"]
    assert "not an enforcement target" in p3.reasons[0]


def test_unknown_line_is_refused_and_refs_snapshot_the_picture() -> None:
    with pytest.raises(PlanError, match="line-x"):
        propose_targets(picture(), ["line-x"], BASES)
    [a, b] = line_refs(picture())
    assert (a.label, a.numbers, a.holder_numbers, a.runner_numbers, a.cuckooed_cells) == (
        "Ghost line",
        ("+447700900001", "+447700900002"),
        (HOLDER,),
        (RUNNER_HUB, RUNNER_CUCKOO),
        ("CLN-0005",),
    )
    assert b.holder_numbers == ()


WARRANT = Authorisation(
    1,
    "warrant",
    "CHM/2024/0192",
    "12 Pier Avenue, Clacton CO15 1QE",
    "Chelmsford MC",
    dt.date(2024, 3, 1),
    dt.date(2024, 3, 28),
)


def test_no_enforcement_target_without_a_warrant_for_that_address() -> None:
    addr = "12 pier avenue clacton CO15 1QE"
    with pytest.raises(PlanError, match="without a recorded warrant reference"):
        check_target("enforcement", addr, None)
    with pytest.raises(PlanError, match="needs the address"):
        check_target("enforcement", " ", WARRANT)
    with pytest.raises(PlanError, match="not '14 Pier Avenue'"):
        check_target("enforcement", "14 Pier Avenue", WARRANT)
    comms = Authorisation(2, "communications data", "CD/1", addr, "DCJ", dt.date(2024, 3, 1))
    with pytest.raises(PlanError, match="not a warrant"):
        check_target("enforcement", addr, comms)
    with pytest.raises(PlanError, match="expires on 2024-03-28"):
        check_target("enforcement", addr, WARRANT, dt.date(2024, 3, 29))
    with pytest.raises(PlanError, match="after the strike date"):
        check_target("enforcement", addr, WARRANT, dt.date(2024, 2, 28))
    assert check_target("Enforcement", addr, WARRANT, dt.date(2024, 3, 5)) == "enforcement"
    # a safeguarding visit needs no warrant
    assert check_target("safeguarding visit", None, None) == "safeguarding visit"


def test_check_plan_lists_every_problem() -> None:
    strike = dt.datetime(2024, 3, 5, 5, 0, tzinfo=dt.UTC)
    targets = [
        Target(
            1,
            "enforcement",
            "holder base",
            "12 Pier Avenue, Clacton CO15 1QE",
            authorisation_id=1,
            team="Alpha",
        ),
        Target(2, "enforcement", "runner base", "3 Old Road", team="Bravo"),
        Target(3, "safeguarding visit", "cuckooed", None, team=None),
    ]
    problems = check_plan(targets, {1: WARRANT}, strike, ["Alpha", "Bravo", "Charlie"])
    assert problems == [
        "target 2 (runner base): 3 Old Road cannot be an enforcement target without a recorded "
        "warrant reference: record the warrant first (`countylines operation authorise ... --kind warrant`)",
        "target 3 (cuckooed) has no team",
        "team 'Charlie' has no target",
    ]
