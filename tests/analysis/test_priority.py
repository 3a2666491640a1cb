"""Threat/harm/risk scoring on hand-worked examples (figures from config/priority.yaml)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from countylines.analysis.priority import (
    CHILD,
    WEAPON,
    IntelEvidence,
    LineFacts,
    confidence_from,
    report_weight,
    score_line,
    score_possible_victim,
)
from countylines.analysis.priority_settings import load_priority_settings
from countylines.analysis.settings import SettingsError

AS_OF = dt.date(2024, 6, 30)
S = load_priority_settings()


def report(grades: str, days_old: int = 0, scheme: str = "3x5x2", indicators=()) -> IntelEvidence:
    source, intelligence, handling = grades.split()
    return IntelEvidence(
        urn=f"INT/{grades}/{days_old}",
        report_date=AS_OF - dt.timedelta(days=days_old),
        scheme=scheme,
        source_grade=source,
        intelligence_grade=intelligence,
        handling_code=handling,
        indicators=frozenset(indicators),
        summary="text",
    )


def facts(**changes) -> LineFacts:
    base = dict(
        line_id="line-1",
        label="Ghost line",
        detection_score=90.0,
        status="active",
        customers=100,
        runners=["+447700900001", "+447700900002"],
        child_runners=[],
        cuckooed_addresses=1,
        holder_identified=True,
        holder_from_away=True,
        numbers_active=1,
        events_recent=20,
        events_before=10,
        market_lsoas_in_area=None,
        market_lsoas_top_decile=0,
        intel=[],
    )
    base.update(changes)
    return LineFacts(**base)


def test_report_weight_by_grading_and_age():
    assert report_weight(report("1 A P"), AS_OF, S)[0] == pytest.approx(1.0)
    # 2 Untested (0.5) x B (0.8) x one half-life (90 days: 0.5)
    assert report_weight(report("2 B P", 90), AS_OF, S)[0] == pytest.approx(0.2)
    # legacy 5x5x5 B (0.75) x 2 (0.8), weighted on its own scale
    assert report_weight(report("B 2 4", 0, "5x5x5"), AS_OF, S)[0] == pytest.approx(0.6)
    # E takes confidence away
    assert report_weight(report("1 E P"), AS_OF, S)[0] == pytest.approx(-0.5)


def test_regrading_b_to_e_lowers_confidence_as_documented():
    before, _ = confidence_from(80.0, [report("2 B P")], AS_OF, S)
    after, _ = confidence_from(80.0, [report("2 E P")], AS_OF, S)
    # base 40 x 0.8 = 32; 2B adds 25 x 0.5 x 0.8 = 10; 2E takes 25 x 0.5 x 0.5 = 6.25
    assert before == pytest.approx(42.0)
    assert after == pytest.approx(25.75)
    # the documented drop: 1.3 x per_report_points x source weight x age weight
    assert before - after == pytest.approx(1.3 * 25 * 0.5 * 1.0)


def test_line_score_hand_worked():
    p = score_line(facts(), AS_OF, S)
    # harm: 15 class A + 100 x 0.05 customers + 2 x 4 runners + 1 x 6 cuckooed = 34,
    # x 1.2 (holder from away) x 1.15 (a vulnerable adult's home used)
    assert p.harm == pytest.approx(34 * 1.2 * 1.15)
    # likelihood: active 60 + trend (events doubled: +20) + 20 x 0.9 pattern
    assert p.likelihood == pytest.approx(98.0)
    assert p.confidence == pytest.approx(36.0)  # 40 x 0.9, no intelligence
    assert p.position == pytest.approx(60.0)  # holder 35 + active number 25
    expected = 46.92 * 0.98 * (0.5 + 0.5 * 0.36) * (0.7 + 0.3 * 0.60)
    assert p.score == pytest.approx(expected)
    assert p.band == "medium"  # 27.5: between 20 and 40
    factors = {c.factor for c in p.contributions}
    assert {"class A supply (physical, community)", "geographic scope", "status"} <= factors


def test_weapons_and_a_child_raise_harm_with_their_reports_named():
    weapon = report("1 A P", indicators=[WEAPON])
    child = report("1 B P", 10, indicators=[CHILD])
    p = score_line(facts(intel=[weapon, child], child_runners=["+447700900001"]), AS_OF, S)
    # 34 + 12 (weapon report 1A today) = 46, x 1.2 scope x 1.3 child (replaces vulnerable adult)
    assert p.harm == pytest.approx(46 * 1.2 * 1.3)
    sources = {c.source for c in p.contributions if c.dimension == "harm"}
    assert weapon.urn in sources and child.urn in sources
    # both reports may be used lawfully (P), so position gains usable intelligence
    assert p.position == pytest.approx(80.0)


def test_harm_is_capped_at_100():
    p = score_line(
        facts(
            customers=5000,
            runners=[str(i) for i in range(9)],
            cuckooed_addresses=9,
            intel=[report("1 A P", indicators=[WEAPON])] * 3,
            child_runners=["0"],
        ),
        AS_OF,
        S,
    )
    assert p.harm == 100.0


def test_quieter_line_and_closed_line_are_less_likely():
    active = score_line(facts(), AS_OF, S)
    quieter = score_line(facts(events_recent=5, events_before=10), AS_OF, S)
    closed = score_line(facts(status="closed", events_recent=0, events_before=0), AS_OF, S)
    # ratio 0.5: 20 x (0.5 - 1) x 2 = -20
    assert quieter.likelihood == pytest.approx(60 - 20 + 18)
    assert closed.likelihood == pytest.approx(5 + 0 + 18)
    assert active.score > quieter.score > closed.score


def test_possible_victim_scores_vulnerability_not_threat():
    child = report("2 B P", 0, indicators=[CHILD])
    p = score_possible_victim(
        runner=True,
        child_evidence=[child],
        nights_away=12,
        weapons_around=[],
        cuckooed_nights=0,
        line_status="active",
        intel=[child],
        as_of=AS_OF,
        settings=S,
    )
    assert p.kind == "safeguarding"
    assert p.harm == pytest.approx(30 + 40 + 15)  # exploited runner, child, moved from home
    assert p.score == pytest.approx(85.0)  # active line: likelihood 100


def test_workspace_override_changes_only_its_keys(tmp_path: Path):
    own = tmp_path / "priority.yaml"
    own.write_text("harm:\n  class_a_supply: 30\n")
    s = load_priority_settings(own)
    assert s.harm.class_a_supply == 30
    assert s.harm.per_runner == S.harm.per_runner
    own.write_text("harm:\n  class_a_suply: 30\n")
    with pytest.raises(SettingsError, match=r"did you mean harm\.class_a_supply"):
        load_priority_settings(own)
    own.write_text("confidence:\n  intelligence_3x5x2: {A: 1, B: 0.8}\n")
    s2 = load_priority_settings(own)  # merged key by key: C, D, E keep their defaults
    assert s2.confidence.intelligence_3x5x2["E"] == -0.5
