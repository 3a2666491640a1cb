"""Dissemination rules per handling code, with the expected answer written out for each case."""

from __future__ import annotations

import pytest

from countylines.security.handling import (
    check_dissemination,
    handling_notice,
    scheme_of_handling_code,
)

R = "DC Lee, Kent Police"


@pytest.mark.parametrize(
    ("scheme", "code", "conditions", "accepted", "allowed", "needs_acceptance"),
    [
        ("3x5x2", "P", None, False, True, False),
        ("3x5x2", "C", "not to partners", False, False, True),
        ("3x5x2", "C", "not to partners", True, True, False),
        ("3x5x2", "C", None, True, False, False),  # C with no recorded conditions: ask first
        ("5x5x5", "1", None, False, True, False),
        ("5x5x5", "2", None, False, False, True),  # authorisation and records needed
        ("5x5x5", "2", None, True, True, False),
        ("5x5x5", "3", None, True, True, False),
        ("5x5x5", "4", None, True, False, False),  # originating agency only: blocked
        ("5x5x5", "5", None, True, False, False),  # no further dissemination: blocked
        ("5x5x5", "5", "x", True, False, False),
        ("5x5x5", "P", None, True, False, False),  # a 3x5x2 code under 5x5x5: blocked
        ("3x5x2", "4", None, True, False, False),
        (None, "Z", None, True, False, False),
    ],
)
def test_dissemination_decisions(
    scheme: str | None,
    code: str,
    conditions: str | None,
    accepted: bool,
    allowed: bool,
    needs_acceptance: bool,
) -> None:
    check = check_dissemination(scheme, code, conditions, recipient=R, conditions_accepted=accepted)
    assert (check.allowed, check.needs_acceptance) == (allowed, needs_acceptance)


def test_every_disclosure_needs_a_recipient() -> None:
    check = check_dissemination("3x5x2", "P", None, recipient="  ")
    assert not check.allowed and "recipient" in check.reason


def test_blocked_codes_say_why() -> None:
    assert "originating agency only" in check_dissemination("5x5x5", "4", None, recipient=R).reason
    assert "refer to the originator" in check_dissemination("5x5x5", "5", None, recipient=R).reason


def test_scheme_is_told_by_the_code() -> None:
    assert [scheme_of_handling_code(c) for c in ("P", "c", "1", "5", "6", "")] == [
        "3x5x2",
        "3x5x2",
        "5x5x5",
        "5x5x5",
        None,
        None,
    ]


def test_notices_carry_the_conditions() -> None:
    assert handling_notice("3x5x2", "P", None) is None
    assert handling_notice("3x5x2", "C", "not to partners") == (
        "Handling C — Lawful sharing permitted with conditions: not to partners"
    )
    assert handling_notice("5x5x5", "4", None) == (
        "Handling 4 (5x5x5) — May be disseminated within the originating agency only"
    )
    assert handling_notice("5x5x5", "1", None) is None
    assert "authorisation and records needed" in (handling_notice("5x5x5", "2", None) or "")
