"""CAVIAR (Morselli): the published phases read exactly, and what the measures say of them."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from tests.conftest import shared

from countylines.analysis.network.disruption import disrupt
from countylines.analysis.network.graphs import Network, read_network
from countylines.analysis.network.keyplayers import key_players
from countylines.analysis.network.measures import measure

PHASES = range(1, 12)


def caviar(name: str) -> Path:
    return shared(f"networks/caviar/{name}")


@pytest.fixture(scope="module")
def aggregated() -> Network:
    return read_network(caviar("caviar_edges_directed.csv"), directed=True)


@pytest.mark.parametrize("phase", PHASES)
def test_phase_matrix_has_the_files_nodes_and_ties(phase: int) -> None:
    with caviar(f"phase{phase}.csv").open(newline="") as handle:
        rows = list(csv.reader(handle))
    labels = rows[0][1:]
    ties = sum(
        1
        for row in rows[1:]
        for target, cell in zip(labels, row[1:], strict=True)
        if float(cell) > 0 and target != row[0]
    )
    network = read_network(caviar(f"phase{phase}.csv"))
    assert network.directed and network.weighted
    assert network.graph.vcount() == len(labels)
    assert network.graph.ecount() == ties


@pytest.mark.parametrize("phase", PHASES)
def test_long_form_phase_matches_its_file(phase: int) -> None:
    with caviar("caviar_edges_directed.csv").open(newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if int(r["phase"]) == phase]
    pairs = {(r["source"], r["target"]) for r in rows if float(r["weight"]) > 0}
    network = read_network(caviar("caviar_edges_directed.csv"), directed=True, phase=phase)
    assert network.graph.ecount() == len(pairs)
    assert network.graph.vcount() == len({n for pair in pairs for n in pair})
    total = sum(float(r["weight"]) for r in rows)
    assert sum(network.graph.es["weight"]) == pytest.approx(total)


def test_n1_and_n12_lead_by_betweenness(aggregated: Network) -> None:
    # Morselli's finding: the lead trafficker n1 and his broker n12 are the most central.
    result = measure(aggregated)
    assert [m.name for m in result.top("betweenness", 2)] == ["1", "12"]
    assert [m.name for m in result.top("weighted_betweenness", 1)] == ["1"]
    assert result.graph.nodes == 107


def test_centralisation_falls_across_the_phases() -> None:
    table = {}
    for phase in PHASES:
        g = measure(read_network(caviar(f"phase{phase}.csv"))).graph
        table[phase] = (g.degree_centralisation, g.betweenness_centralisation)
    early = [table[p] for p in (1, 2, 3)]
    late = [table[p] for p in (9, 10, 11)]
    # degree centralisation: about 0.79 in phases 1-3, about 0.26 in phases 9-11
    assert min(d for d, _ in early) > 0.75 > 0.3 > max(d for d, _ in late)
    # betweenness centralisation falls too, less evenly (phase 11 rises again)
    assert min(b for _, b in early) > 0.8 > 0.55 > max(b for _, b in late)


def test_betweenness_targeting_fragments_fastest(aggregated: Network) -> None:
    steps = 15
    between = disrupt(aggregated, "betweenness", steps).area("giant_share")
    degree = disrupt(aggregated, "degree", steps).area("giant_share")
    randoms = [disrupt(aggregated, "random", steps, seed=s).area("giant_share") for s in range(5)]
    assert between < degree < min(randoms)


def test_key_players_are_the_core_traffickers(aggregated: Network) -> None:
    result = key_players(aggregated, 3, seed=1)
    assert result.players[:2] == ["1", "12"]
    assert result.effect.giant_share_after < 0.7
    assert key_players(aggregated, 3, seed=1) == result


def test_natarajan_edge_lists_read() -> None:
    cocaine = read_network(shared("networks/natarajan/cocaine_dealing_natarajan_edges.csv"))
    heroin = read_network(shared("networks/natarajan/heroin_dealing_natarajan_edges.csv"))
    assert cocaine.weighted and not heroin.weighted
    assert cocaine.graph.ecount() <= 40 and heroin.graph.ecount() <= 87


def test_day_of_action_beats_one_by_one_when_the_network_rewires(aggregated: Network) -> None:
    targets = ["1", "12", "3", "87", "76"]
    for seed in range(5):
        args = {"targets": targets, "recovery": "distance", "p": 0.3, "seed": seed}
        at_once = disrupt(aggregated, "set", 0, **args).area("giant_share")  # type: ignore[arg-type]
        one_by_one = disrupt(aggregated, "sequence", 0, **args).area("giant_share")  # type: ignore[arg-type]
        assert at_once < one_by_one


def test_recovery_blunts_betweenness_targeting(aggregated: Network) -> None:
    plain = disrupt(aggregated, "betweenness", 15).area("giant_share")
    rewired = disrupt(aggregated, "betweenness", 15, recovery="distance", p=0.5, seed=1)
    assert rewired.area("giant_share") > plain
    assert sum(s.ties_added for s in rewired.steps) > 0
