"""Disruption and key players on graphs worked by hand; reproducibility with a seed."""

from __future__ import annotations

import pytest

from countylines.analysis.network.disruption import disrupt
from countylines.analysis.network.graphs import from_edges
from countylines.analysis.network.keyplayers import fragmentation, key_players, removal_effect

STAR = from_edges([("c", leaf, 1.0) for leaf in "wxyz"], directed=False)
PATH = from_edges([("a", "b", 1.0), ("b", "c", 1.0), ("c", "d", 1.0)], directed=False)


def test_fragmentation_by_hand() -> None:
    assert fragmentation(PATH.graph) == 0.0
    effect = removal_effect(PATH, ["b"])
    # left: {a} and {c, d}: 2 of 6 ordered pairs still connected
    assert effect.fragmentation_after == pytest.approx(1 - 2 / 6)
    assert effect.giant_share_after == pytest.approx(2 / 4)
    assert effect.efficiency_after == pytest.approx(2 / 6)
    with pytest.raises(KeyError, match="zz"):
        removal_effect(PATH, ["zz"])


def test_key_player_of_a_star_is_its_centre() -> None:
    result = key_players(STAR, 1)
    assert result.players == ["c"] and result.fragmentation == 1.0
    assert key_players(PATH, 1).players == ["b"]  # b and c tie; b is first
    with pytest.raises(ValueError, match="between 1 and 5"):
        key_players(STAR, 6)


def test_degree_strategy_on_a_star() -> None:
    run = disrupt(STAR, "degree", 2)
    assert run.steps[1].removed == ["c"]
    assert run.steps[1].giant_share == pytest.approx(1 / 5)
    assert run.steps[1].efficiency == 0.0 and run.steps[1].density == 0.0
    assert run.area("giant_share") == pytest.approx((1 / 5 + 1 / 5) / 2)


def test_day_of_action_versus_one_by_one_with_recovery() -> None:
    at_once = disrupt(PATH, "set", 2, targets=["b", "c"], recovery="random", p=1.0)
    assert at_once.steps[1].removed == ["b", "c"]
    assert at_once.steps[1].ties_added == 1  # a and d find each other
    assert [s.removed for s in at_once.steps] == [[], ["b", "c"], []]  # one step per target
    one_by_one = disrupt(PATH, "sequence", 99, targets=["b", "c"], recovery="none")
    assert [s.removed for s in one_by_one.steps] == [[], ["b"], ["c"]]
    assert one_by_one.steps[2].giant_share == pytest.approx(1 / 4)


def test_distance_recovery_reconnects_former_neighbours() -> None:
    run = disrupt(STAR, "degree", 1, recovery="distance", p=1.0, seed=2)
    assert run.steps[1].ties_added >= 2
    assert run.steps[1].giant_share > 1 / 5


def test_same_seed_same_run() -> None:
    edges = [(str(i), str((i * 7 + 3) % 40), 1.0) for i in range(40)]
    edges += [(str(i), str(i + 1), 1.0) for i in range(39)]
    network = from_edges(edges, directed=False)
    args = {"recovery": "degree", "p": 0.5}
    first = disrupt(network, "random", 10, seed=5, **args)
    assert disrupt(network, "random", 10, seed=5, **args) == first
    assert disrupt(network, "random", 10, seed=6, **args) != first


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"strategy": "fire"}, "unknown strategy"),
        ({"strategy": "degree", "recovery": "magic"}, "unknown recovery"),
        ({"strategy": "degree", "p": 2.0}, "between 0 and 1"),
        ({"strategy": "set"}, "needs targets"),
        ({"strategy": "sequence", "targets": ["q"]}, "not in the network: q"),
    ],
)
def test_bad_settings(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        disrupt(PATH, steps=2, **kwargs)  # type: ignore[arg-type]
