"""Problem and line profiles from a hand-made picture: content, escaping, reproducibility."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from countylines.products import profiles

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def priority(score: float, band: str) -> dict[str, Any]:
    return {
        "kind": "threat",
        "score": score,
        "band": band,
        "harm": 60.0,
        "likelihood": 80.0,
        "confidence": 50.0,
        "position": 60.0,
        "contributions": [
            {
                "dimension": "harm",
                "factor": "class A supply",
                "points": 15.0,
                "evidence": "a deal line",
                "source": "call data",
            },
            {
                "dimension": "harm",
                "factor": "geographic scope",
                "points": 0.0,
                "evidence": "holder from away",
                "source": "call data",
                "multiplier": 1.2,
            },
        ],
    }


def line(line_id: str, label: str, rank: int, days: list[str]) -> dict[str, Any]:
    return {
        "line_id": line_id,
        "label": label,
        "rank": rank,
        "status": "active",
        "score": 95.0,
        "numbers": [
            {
                "number": "+447700900123",
                "first_seen": days[0] + "T00:00:00+00:00",
                "last_seen": days[-1] + "T00:00:00+00:00",
                "imeis": [],
                "score": 95.0,
            }
        ],
        "holders": [{"number": "+447700900999", "reason": "deals with the runners from away"}],
        "runners": [{"number": "+447700900555", "reason": "passes orders on"}],
        "customers": {"count": 40, "numbers": []},
        "cuckooed": [],
        "evidence": [],
        "links": [],
        "market_cells": ["C1"],
        "priority": priority(45.0, "high"),
        "intel": [
            {
                "urn": "INT/1",
                "date": days[0],
                "grading": "1A C",
                "scheme": "3x5x2",
                "handling_code": "C",
                "handling_conditions": "Not to be shared with partners",
                "indicators": ["weapon"],
                "summary": HOSTILE,
                "link": "names +447700900123",
            }
        ],
        "intel_urns": ["INT/1"],
        "cells": [
            {
                "cell_id": "C1",
                "latitude": 51.79,
                "longitude": 1.15,
                "site_name": "Pier",
                "lsoa": "E01021000",
                "events": 10,
            }
        ],
        "activity": [{"day": d, "events": 5} for d in days],
    }


@pytest.fixture
def picture() -> dict[str, Any]:
    return {
        "run_id": "run-test",
        "as_of": "2024-03-31",
        "software": "countylines test",
        "made_at": "2024-04-01T00:00:00+00:00",
        "lines": [
            line("L1", "Ghost line", 1, ["2024-03-01", "2024-03-02"]),
            line("L2", "Tiger line", 2, ["2024-01-01", "2024-01-02"]),
        ],
        "nominals": [
            {
                "nominal_id": "n1",
                "label": "line holder of the Ghost line",
                "numbers": ["+447700900999"],
                "roles": [{"line_id": "L1", "role": "line holder"}],
                "possible_victim": False,
                "priority": priority(40.0, "high"),
                "intel_urns": [],
            }
        ],
        "safeguarding": [
            {
                "safeguarding_id": "sg-1",
                "kind": "person",
                "label": f"Runner {HOSTILE}",
                "numbers": ["+447700900555"],
                "cell_id": None,
                "line_ids": ["L1"],
                "indicators": [
                    {"indicator": "runner", "evidence": "passes orders on", "source": "call data"}
                ],
                "possible_child": True,
                "route": "MASH",
                "route_reason": "possible child",
                "status": "to review",
                "priority": {"score": 70.0},
            }
        ],
        "gaps": ["Ghost line: no holder", "Tiger line: ages unknown", "no geography loaded"],
        "inputs": [{"kind": "cdr", "file_name": "calls.csv", "sha256": "ab" * 32}],
        "settings_sha256": "cd" * 32,
        "warnings": [],
        "intel_reports": 1,
        "hotspots": {},
    }


def test_problem_profile_escapes_hostile_text_and_shows_conditions(picture):
    view = profiles.problem_profile_view(picture, profiles.Scope(), None, [], None)
    html = profiles.render_html("problem_profile.html", view)
    # the payload appears only as text: no element is created from it
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "conditions: Not to be shared with partners" in html
    assert "RESTRICTED - SAFEGUARDING" in html
    assert "No map: no geography is loaded" in html  # an empty section says why
    for heading in (
        "Executive summary",
        "Ranked lines",
        "Safeguarding (restricted)",
        "Intelligence gaps and requirements",
        "Recommendations",
        "Pursue",
        "Protect",
    ):
        assert heading in html


def test_period_scope_selects_lines_and_their_gaps(picture):
    scope = profiles.Scope(start=profiles.dt.date(2024, 2, 1))
    view = profiles.problem_profile_view(picture, scope, None, [], None)
    assert [x["label"] for x in view["lines"]] == ["Ghost line"]
    assert view["gaps"] == ["Ghost line: no holder", "no geography loaded"]
    assert len(view["safeguarding"]) == 1


def test_same_picture_gives_identical_bytes(picture):
    view = profiles.problem_profile_view(picture, profiles.Scope(), None, [], None)
    html = profiles.render_html("problem_profile.html", view)
    again = profiles.render_html(
        "problem_profile.html",
        profiles.problem_profile_view(copy.deepcopy(picture), profiles.Scope(), None, [], None),
    )
    assert html == again
    pdf = profiles.render_pdf(html)
    assert pdf.startswith(b"%PDF") and pdf == profiles.render_pdf(again)


def test_line_profile_names_unknown_line(picture):
    with pytest.raises(profiles.ProfileError, match="no line 'L9'"):
        profiles.line_profile_view(picture, "L9")
    view = profiles.line_profile_view(picture, "L2")
    html = profiles.render_html("line_profile.html", view)
    assert "Line profile: Tiger line" in html and "Tiger line: ages unknown" in html
