"""Scoring, chaining and roles on small hand-worked inputs."""

from __future__ import annotations

import datetime as dt

import pytest

from countylines.analysis.chains import Activity, Overlap, chains, continuation_links
from countylines.analysis.deal_lines import score_number
from countylines.analysis.roles import CellUse, Pair, assign_roles, market_cells
from countylines.analysis.settings import (
    ChainSettings,
    Indicator,
    RoleSettings,
    ScoreSettings,
    load_detection_settings,
)

SETTINGS = load_detection_settings()
UTC = dt.UTC


def day(n: int) -> dt.datetime:
    return dt.datetime(2024, 3, 1, tzinfo=UTC) + dt.timedelta(days=n)


def test_indicator_strength_is_linear_between_low_and_high() -> None:
    rising = Indicator(weight=1, low=10, high=60)
    assert [rising.strength(v) for v in (0, 10, 35, 60, 100)] == [0.0, 0.0, 0.5, 1.0, 1.0]
    falling = Indicator(weight=1, low=0.25, high=0.05)
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
    "counterparties_in": 35,
    "counterparties": 260,
    "reciprocated": 26,
}


def test_score_is_the_weighted_mean_of_strengths_with_sentences() -> None:
    settings = ScoreSettings(
        threshold=60,
        min_counterparties_in=10,
        indicators={
            "bulk_marketing": Indicator(weight=30, low=0, high=3),
            "marketing_answered": Indicator(weight=25, low=0.1, high=0.5),
            "repeat_customers": Indicator(weight=20, low=5, high=30),
            "inbound_breadth": Indicator(weight=10, low=10, high=60),
            "strangers": Indicator(weight=15, low=0.25, high=0.05),
        },
    )
    scored = score_number(FEATURES, 0.15, settings, SETTINGS.contacts)
    # strengths: bulk 1, answered (0.6 -> 1), repeat (15 -> 0.4), breadth (35 -> 0.5), strangers 0.5
    expected = (30 * 1 + 25 * 1 + 20 * 0.4 + 10 * 0.5 + 15 * 0.5) / 100 * 100
    assert scored.score == pytest.approx(expected, abs=0.05)
    assert scored.flagged
    by_name = {e.indicator: e for e in scored.evidence}
    assert by_name["bulk_marketing"].sentence == (
        "sent 6 bulk texts to 180–240 recipients, each within 2 minutes"  # noqa: RUF001
    )
    assert by_name["marketing_answered"].sentence == (
        "150 of 250 bulk-text recipients (60%) also contacted it"
    )
    assert by_name["inbound_breadth"].sentence == (
        "35 distinct numbers contacted it; 10% of all its contacts went both ways"
    )
    assert by_name["repeat_customers"].points == pytest.approx(8.0)


def test_unknown_clustering_drops_out_of_the_mean() -> None:
    scored = score_number(FEATURES, None, SETTINGS.score, SETTINGS.contacts)
    assert "strangers" not in {e.indicator for e in scored.evidence}
    weights = {k: v.weight for k, v in SETTINGS.score.indicators.items() if k != "strangers"}
    strengths = {
        "bulk_marketing": 1,
        "marketing_answered": 1,
        "repeat_customers": 0.4,
        "inbound_breadth": 0.5,
    }
    expected = 100 * sum(weights[k] * strengths[k] for k in weights) / sum(weights.values())
    assert scored.score == pytest.approx(expected, abs=0.05)


def test_broadcaster_nobody_answers_is_not_a_line() -> None:
    gp_surgery = {
        **FEATURES,
        "bulk_recipients_inbound": 2,
        "repeat_inbound": 1,
        "counterparties_in": 12,
    }
    assert not score_number(gp_surgery, None, SETTINGS.score, SETTINGS.contacts).flagged


CHAIN = ChainSettings(min_customer_overlap=0.4, max_handover_days=7, shared_imei_links=True)


def test_customers_following_a_new_number_link_it() -> None:
    activity = {
        "A": Activity("A", day(0), day(20), frozenset({"imei1"})),
        "B": Activity("B", day(21), day(40), frozenset({"imei2"})),
        "R": Activity("R", day(0), day(40), frozenset({"imei3"})),  # a rival, side by side
        "X": Activity("X", day(60), day(70), frozenset({"imei2"})),  # same handset as B later
    }
    overlaps = [Overlap("A", "B", 45, 60), Overlap("A", "R", 30, 60), Overlap("R", "A", 50, 100)]
    links = continuation_links(overlaps, activity, CHAIN)
    assert [(x.earlier, x.later) for x in links] == [("A", "B"), ("B", "X")]
    assert links[0].reason == (
        "45 of 60 repeat customers of A (75%) also contacted B; B came into use "
        "1.0 days after the last use of A"
    )
    assert "IMEI imei2" in links[1].reason
    groups = chains(["A", "R"], links, activity)
    assert sorted(g.numbers for g in groups) == [["A", "B", "X"], ["R"]]


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
    runner_min_contact_days=3,
    runner_market_share=0.5,
    holder_max_market_share=0.3,
    cuckoo_min_nights=3,
)


def test_market_cells_cover_the_share_with_the_fewest_cells() -> None:
    uses = [
        CellUse("c1", "K1", 50, 0),
        CellUse("c2", "K2", 30, 0),
        CellUse("c3", "K3", 15, 0),
        CellUse("c3", "K4", 5, 0),
    ]
    assert market_cells(uses, 0.8) == ["K1", "K2"]
    assert market_cells(uses, 0.81) == ["K1", "K2", "K3"]


def test_roles_around_a_small_line() -> None:
    # D: deal number. C1-C3 customers in market cells K1/K2; H holder in hub cell L1;
    # R runner in K1 who sleeps at K2 where C2 lives; F: a customer's friend in K1.
    pairs = {
        "D": [
            Pair("D", "C1", n_in=6, n_out=3, days=5),
            Pair("D", "C2", n_in=4, n_out=3, days=4),
            Pair("D", "C3", n_in=1, n_out=3, days=3),
            Pair("D", "H", n_in=8, n_out=8, days=10),
            Pair("D", "R", n_in=2, n_out=12, days=9),
        ],
        "H": [Pair("H", "D", 8, 8, 10), Pair("H", "R", 9, 9, 8), Pair("H", "Z", 20, 20, 20)],
        "R": [Pair("R", "D", 12, 2, 9), Pair("R", "H", 9, 9, 8)],
        "C1": [Pair("C1", "D", 3, 6, 5), Pair("C1", "F", 5, 5, 5)],
    }
    cells = {
        "C1": [CellUse("C1", "K1", 40, 2)],
        "C2": [CellUse("C2", "K2", 30, 9)],
        "C3": [CellUse("C3", "K1", 10, 1)],
        "H": [CellUse("H", "L1", 50, 10), CellUse("H", "K1", 2, 0)],
        "R": [CellUse("R", "K1", 20, 0), CellUse("R", "K2", 15, 6), CellUse("R", "L1", 5, 1)],
        "Z": [CellUse("Z", "L2", 30, 5)],
    }
    roles = assign_roles(["D"], pairs, {"C1", "C2", "C3"}, cells, ROLES)
    assert roles.market_cells == ["K1", "K2"]
    assert [r.number for r in roles.holders] == ["H"]
    assert [r.number for r in roles.runners] == ["R"]
    assert roles.customers == ["C1", "C2", "C3"]
    [address] = roles.cuckooed
    assert (address.cell_id, address.nights, address.runners, address.occupants) == (
        "K2",
        6,
        ["R"],
        ["C2"],
    )
    assert "88% of its located events in the market area" in roles.runners[0].reason  # 35 of 40
