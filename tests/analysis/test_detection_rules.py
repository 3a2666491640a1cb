"""Scoring, chaining and roles on small hand-worked inputs."""

from __future__ import annotations

import datetime as dt

import pytest

from countylines.analysis.chains import Activity, Overlap, chains, continuation_links
from countylines.analysis.deal_lines import Typical, score_number
from countylines.analysis.roles import CellUse, Pair, assign_roles, market_cells
from countylines.analysis.settings import (
    ChainSettings,
    Indicator,
    Pattern,
    RoleSettings,
    ScoreSettings,
    load_detection_settings,
)

SETTINGS = load_detection_settings()
UTC = dt.UTC


def day(n: int) -> dt.datetime:
    return dt.datetime(2024, 3, 1, tzinfo=UTC) + dt.timedelta(days=n)


def test_indicator_strength_is_linear_between_low_and_high() -> None:
    rising = Indicator(low=10, high=60)
    assert [rising.strength(v) for v in (0, 10, 35, 60, 100)] == [0.0, 0.0, 0.5, 1.0, 1.0]
    falling = Indicator(low=0.25, high=0.05)
    assert falling.strength(0.15) == pytest.approx(0.5)
    assert (falling.strength(0.3), falling.strength(0.01)) == (0.0, 1.0)


FEATURES = {
    "number": "+447700900001",
    "bulk_texts": 6,
    "bulk_recipients_min": 180,
    "bulk_recipients_max": 240,
    "bulk_span_max_s": 110,
    "bursts_max_recipients": 240,
    "bulk_recipients": 250,
    "bulk_recipients_inbound": 150,
    "repeat_inbound": 15,
    "repeat_inbound_events": 120,  # over 4 weeks: 2 a week each
    "counterparties_in": 35,
    "counterparties": 260,
    "reciprocated": 26,
    "calls_in": 40,
    "call_seconds_in": 2400,  # 60 s on average
    "first_seen": day(0),
    "last_seen": day(28),
}
SCORE = ScoreSettings(
    threshold=60,
    min_counterparties_in=8,
    min_numbers_for_typical=30,
    indicators={
        "short_calls": Indicator(low=0.6, high=0.3),
        "regular_customers": Indicator(low=1.0, high=2.0),
        "passes_orders": Indicator(low=0.2, high=0.5),
        "bulk_marketing": Indicator(low=0, high=3),
        "marketing_answered": Indicator(low=0.1, high=0.5),
        "inbound_breadth": Indicator(low=10, high=60),
    },
    patterns={
        "marketing": Pattern(
            label="markets",
            requires=["short_calls"],
            weights={"bulk_marketing": 40, "marketing_answered": 30, "short_calls": 30},
        ),
        "order_passing": Pattern(
            label="passes orders",
            requires=["regular_customers", "short_calls"],
            weights={"short_calls": 35, "passes_orders": 35, "regular_customers": 30},
        ),
    },
)
# typical here: calls of 150 s, 1.5 contacts a week from each repeat contact
TYPICAL = Typical(call_seconds=150.0, contacts_per_week=1.5)


def test_each_pattern_is_the_weighted_mean_of_its_strengths() -> None:
    line = {**FEATURES, "events_in": 200, "dispatches_top5": 70}
    scored = score_number(line, None, TYPICAL, SCORE, SETTINGS.contacts)
    # short calls: 60/150 = 0.4 of typical -> (0.6-0.4)/0.3 = 2/3
    # regular: 2/week / 1.5 = 1.33x -> 1/3; passes 70/200 = 0.35 -> 0.5
    # bulk 6 -> 1; answered 0.6 -> 1
    marketing = (40 * 1 + 30 * 1 + 30 * 2 / 3) / 100 * 100
    order_passing = (35 * 2 / 3 + 35 * 0.5 + 30 / 3) / 100 * 100
    assert scored.score == pytest.approx(max(marketing, order_passing), abs=0.05)
    assert scored.pattern == "markets"
    assert scored.flagged
    by_name = {e.indicator: e for e in scored.evidence}
    assert by_name["bulk_marketing"].sentence == (
        "sent 6 bulk texts to 180–240 recipients, each within 2 minutes"  # noqa: RUF001
    )
    assert by_name["marketing_answered"].sentence == (
        "150 of 250 bulk-text recipients (60%) also contacted it"
    )
    assert by_name["short_calls"].sentence == (
        "the 40 calls it received lasted 60 seconds on average, 0.40 times the 150 seconds "
        "typical here"
    )
    assert by_name["regular_customers"].sentence == (
        "its 15 repeat contacts contacted it 2.0 times a week each, 1.3 times the typical 1.5"
    )
    assert by_name["passes_orders"].sentence == (
        "70 of its 200 incoming contacts (35%) were followed within 15 minutes by a contact to "
        "one of its five main partners"
    )
    assert by_name["bulk_marketing"].points == pytest.approx(40.0)
    assert by_name["passes_orders"].points == 0  # not part of the winning pattern
    assert scored.sentences()[0] == f"pattern: markets (score {scored.score:.0f})"


def test_typical_is_the_median_over_the_numbers_scored() -> None:
    rows = [
        {
            **FEATURES,
            "calls_in": 10,
            "call_seconds_in": 10 * s,
            "repeat_inbound": 1,
            "repeat_inbound_events": w * 4,
        }
        for s, w in ((30, 1), (100, 2), (200, 3), (400, 10))
    ]
    typical = Typical.of(rows)
    assert typical.call_seconds == 150  # median of 30, 100, 200, 400
    assert typical.contacts_per_week == 2.5  # median of 1, 2, 3, 10 (4 weeks)


def test_a_club_texting_its_members_is_not_a_line() -> None:
    # bulk texts that members answer, but members call to talk, for minutes
    club = {**FEATURES, "events_in": 200, "dispatches_top5": 10, "call_seconds_in": 40 * 160}
    scored = score_number(club, None, TYPICAL, SCORE, SETTINGS.contacts)
    assert (scored.score, scored.pattern, scored.flagged) == (0.0, None, False)


def test_a_taxi_office_is_not_a_line() -> None:
    # brief calls passed on to drivers, but customers call now and then
    taxi = {
        **FEATURES,
        "bulk_texts": 0,
        "bulk_recipients": 0,
        "bulk_recipients_inbound": 0,
        "repeat_inbound_events": 15,
        "events_in": 300,
        "dispatches_top5": 200,
        "call_seconds_in": 40 * 35,
    }
    scored = score_number(taxi, None, TYPICAL, SCORE, SETTINGS.contacts)
    assert not scored.flagged
    assert scored.pattern == "markets"  # short calls alone: 30 points, no marketing


def test_a_line_that_never_texts_in_bulk_is_found_by_its_order_passing() -> None:
    quiet = {
        **FEATURES,
        "bulk_texts": 0,
        "bulk_recipients": 0,
        "bulk_recipients_inbound": 0,
        "bulk_recipients_min": None,
        "bulk_recipients_max": None,
        "bursts_max_recipients": 1,
        "repeat_inbound_events": 15 * 4 * 4,
        "events_in": 250,
        "dispatches_top5": 150,
        "call_seconds_in": 40 * 30,
    }
    scored = score_number(quiet, None, TYPICAL, SCORE, SETTINGS.contacts)
    assert scored.flagged and scored.pattern == "passes orders"
    assert scored.score == pytest.approx(100.0)


def test_shipped_settings_score_the_same_way() -> None:
    # the documented defaults are the ones the tests above spell out
    assert SETTINGS.score.model_dump()["patterns"] == SCORE.model_dump()["patterns"] | {
        k: {**v, "label": SETTINGS.score.patterns[k].label}
        for k, v in SCORE.model_dump()["patterns"].items()
    }
    for name, indicator in SCORE.indicators.items():
        assert SETTINGS.score.indicators[name] == indicator


CHAIN = ChainSettings(min_customer_overlap=0.4, max_handover_days=7, shared_imei_links=True)


def test_customers_following_a_new_number_link_it() -> None:
    activity = {
        "A": Activity("A", day(0), day(20), frozenset({"imei1"})),
        "B": Activity("B", day(21), day(40), frozenset({"imei2"})),
        "R": Activity("R", day(0), day(40), frozenset({"imei3"})),  # a rival, side by side
        "X": Activity("X", day(60), day(70), frozenset({"imei2"})),  # same handset as B later
        "C": Activity("C", day(5), day(21), frozenset({"imei4"})),  # a line that closed
    }
    overlaps = [
        Overlap("A", "B", 45, 60),
        Overlap("A", "R", 30, 60),
        Overlap("R", "A", 50, 100),
        Overlap("B", "A", 40, 45),  # B's own customers, counted backwards: not a direction
        Overlap("C", "B", 20, 40),  # half of a closed line's customers drifted to B
    ]
    links = continuation_links(overlaps, activity, CHAIN)
    assert [(x.earlier, x.later) for x in links] == [("A", "B"), ("B", "X")]
    assert links[0].reason == (
        "45 of 60 repeat customers of A (75%) went on to contact B, which came into use "
        "1.0 days after the last use of A"
    )
    assert "IMEI imei2" in links[1].reason
    groups = chains(["A", "R", "C"], links, activity)
    assert sorted(g.numbers for g in groups) == [["A", "B", "X"], ["C"], ["R"]]


def test_overlap_below_the_floor_or_too_late_does_not_link() -> None:
    activity = {
        "A": Activity("A", day(0), day(10)),
        "B": Activity("B", day(30), day(40)),
        "C": Activity("C", day(11), day(40)),
    }
    overlaps = [Overlap("A", "B", 50, 60), Overlap("A", "C", 10, 60)]
    assert continuation_links(overlaps, activity, CHAIN) == []


ROLES = RoleSettings(
    market_cell_share=0.8,
    runner_min_dispatches=5,
    runner_dispatch_share=0.05,
    runner_min_contact_days=3,
    runner_market_share=0.25,
    holder_runner_share_of_days=0.5,
    runner_home_market_share=0.5,
    holder_max_market_share=0.15,
    cuckoo_min_nights=3,
    night_start_hour=22,
    night_end_hour=7,
)


def test_market_cells_are_busiest_shared_cells() -> None:
    uses = [
        CellUse("c1", "K1", 50, 0),
        CellUse("c2", "K1", 5, 0),
        CellUse("c3", "K1", 1, 0),
        CellUse("c1", "K2", 30, 0),
        CellUse("c2", "K2", 3, 0),
        CellUse("c3", "K3", 15, 0),
        CellUse("c4", "K3", 1, 0),
        CellUse("h", "L1", 500, 0),  # a busy phone alone in its cell: not the market
    ]
    # sightings: K1 3, K2 2, K3 2 (of 7); L1 is seen by one number only
    assert market_cells(uses, 0.4) == ["K1"]
    assert market_cells(uses, 0.5) == ["K1", "K2"]
    assert market_cells(uses, 1.0) == ["K1", "K2", "K3"]


def test_roles_around_a_small_line() -> None:
    # D: deal number. C1-C3 customers living in market cells K1/K2; H the holder in hub
    # cell L1; R a runner from the hub who stays overnight at K2, where C2 lives; R2 a
    # runner based in the market whom the holder runs directly; Z the holder's friend.
    pairs = {
        "D": [
            Pair("D", "C1", n_in=6, n_out=8, days=5, bulk_out=5),
            Pair("D", "C2", n_in=4, n_out=6, days=4, bulk_out=5, dispatches=2, dispatch_days=2),
            Pair("D", "C3", n_in=1, n_out=5, days=3, bulk_out=5),
            Pair("D", "H", n_in=8, n_out=8, days=10, dispatches=1, dispatch_days=1),
            Pair("D", "R", n_in=0, n_out=12, days=9, dispatches=11, dispatch_days=8),
        ],
        "H": [
            Pair("H", "D", 8, 8, 10),
            Pair("H", "R", 9, 9, 8),
            Pair("H", "R2", 30, 30, 30),
            Pair("H", "Z", 20, 20, 40),
        ],
        "R": [Pair("R", "D", 12, 0, 9), Pair("R", "H", 9, 9, 8), Pair("R", "C2", 3, 3, 3)],
        "C1": [Pair("C1", "D", 8, 6, 5), Pair("C1", "F", 5, 5, 5)],
    }
    cells = {
        "C1": [CellUse("C1", "K1", 40, 20), CellUse("C1", "K2", 5, 0)],
        "C2": [CellUse("C2", "K2", 30, 20), CellUse("C2", "K1", 3, 0)],
        "C3": [CellUse("C3", "K1", 10, 9)],
        "H": [CellUse("H", "L1", 50, 30), CellUse("H", "K1", 2, 0)],
        "R": [CellUse("R", "K1", 20, 0), CellUse("R", "K2", 15, 12), CellUse("R", "L2", 25, 10)],
        "R2": [CellUse("R2", "K1", 30, 25), CellUse("R2", "L1", 2, 0)],
        "Z": [CellUse("Z", "L3", 30, 5)],
    }
    roles = assign_roles(["D"], pairs, cells, {"H": 40}, ROLES)
    assert roles.market_cells == ["K1", "K2"]  # each seen by 3 of the numbers that ordered
    assert [r.number for r in roles.holders] == ["H"]
    assert [r.number for r in roles.runners] == ["R", "R2"]
    assert roles.customers == ["C1", "C2", "C3"]
    runner = roles.runners[0].reason
    assert "the line passed it orders 11 times, on 8 days (it contacted the line 0 times)" in runner
    assert "58% of its located events in the market area" in runner  # 35 of 60
    assert "in contact with the line holder on 30 of its 40 days" in roles.runners[1].reason
    # R travels (10 nights in hub cell L2): K2, where C2 lives and whom R rings, is where it stays
    [address] = roles.cuckooed
    assert (address.cell_id, address.nights, address.runners, address.occupants) == (
        "K2",
        12,
        ["R"],
        ["C2"],
    )
