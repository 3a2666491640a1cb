"""The simulator's parts: drawn parameters, identifiers, UK time, timelines, the docs."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from tests.conftest import REPO

from countylines.domain.phone import canonical_number
from countylines.simulate.clock import bst_offset, local_to_utc, scenario_days, utc_to_local
from countylines.simulate.config import (
    LINE_CHANCES,
    LINE_RANGES,
    SCENARIO_RANGES,
    draw_config,
)
from countylines.simulate.ids import Identifiers, luhn_valid
from countylines.simulate.intel import ERRORS, INDICATORS
from countylines.simulate.randomness import hash_uniform, stream
from countylines.simulate.timeline import Timeline

DOCS = (REPO / "docs" / "simulate.md").read_text()


@pytest.mark.parametrize("seed", [0, 1, 7, 123456789])
def test_drawn_values_stay_in_their_documented_ranges(seed: int) -> None:
    cfg = draw_config(seed, events=1_000_000)
    for name, r in SCENARIO_RANGES.items():
        if name not in {"days", "calls_per_person_day"}:  # days may shrink; rate may grow
            assert r.low <= cfg.v(name) <= r.high, name
    assert 7 <= cfg.days <= 91 and 2 <= cfg.n_lines <= 6
    assert len(cfg.lines) == cfg.n_lines
    for line in cfg.lines:
        for name, r in LINE_RANGES.items():
            if name != "customers":  # shrunk to fit small event budgets
                assert r.low <= line.v(name) <= r.high, name
        assert set(line.chances) == set(LINE_CHANCES)
    assert len({line.brand for line in cfg.lines}) == cfg.n_lines


def test_seeds_draw_varied_scenarios() -> None:
    configs = [draw_config(seed, events=1_000_000) for seed in range(30)]
    assert len({c.n_lines for c in configs}) >= 4
    assert len({c.days for c in configs}) >= 15
    assert len({c.start for c in configs}) == 30
    customers = [line.v("customers") for c in configs for line in c.lines]
    assert min(customers) < 60 and max(customers) > 200
    chances = [line.chances["rebrand"] for c in configs for line in c.lines]
    assert 0.2 < sum(chances) / len(chances) < 0.8


def test_overrides_and_scale() -> None:
    cfg = draw_config(5, events=100_000, days=30, lines=4, template="uk-record-type")
    assert (cfg.days, cfg.n_lines, cfg.template) == (30, 4, "uk-record-type")
    small = draw_config(5, events=100_000)
    big = draw_config(5, events=100_000_000)
    assert big.n_people > 50 * small.n_people
    assert abs(big.estimates["expected_events"] / 100_000_000 - 1) < 0.1
    with pytest.raises(ValueError):
        draw_config(5, template="nodobo")
    with pytest.raises(ValueError):
        draw_config(5, days=0)


def test_numbers_are_uk_mobiles_that_never_collide_and_imeis_pass_luhn() -> None:
    ids = Identifiers(stream(3, "ids"))
    mobiles = ids.mobiles(20_000)
    assert len(set(mobiles)) == 20_000
    assert all(canonical_number(m).kind == "e164" for m in mobiles[:500])
    assert all(m.startswith("+447") and len(m) == 13 and m[4] != "6" for m in mobiles)
    landlines = ids.landlines(50, "1255") + ids.landlines(50, "20")
    assert not set(landlines) & set(mobiles)
    assert all(canonical_number(n).number == n for n in landlines)
    assert all(canonical_number(n).kind == "e164" for n in ids.foreign(50))
    imeis = ids.imeis(5_000)
    assert len(set(imeis)) == 5_000
    assert all(len(i) == 15 and luhn_valid(i) for i in imeis)
    assert luhn_valid("490154203237518") and not luhn_valid("490154203237519")


def test_uk_local_time_follows_summer_time() -> None:
    def utc(*args: int) -> int:
        return int(dt.datetime(*args, tzinfo=dt.UTC).timestamp())

    t = np.array([utc(2024, 3, 31, 0, 59), utc(2024, 3, 31, 1, 0), utc(2024, 10, 27, 0, 59),
                  utc(2024, 10, 27, 1, 0), utc(2024, 7, 1, 12, 0)])  # fmt: skip
    assert bst_offset(t).tolist() == [0, 3600, 3600, 0, 3600]
    assert (local_to_utc(utc_to_local(t)) == t).sum() >= 4  # all but the repeated hour
    days = scenario_days(dt.date(2024, 3, 30), 3)
    assert [(d.utc_end - d.utc_start) // 3600 for d in days] == [24, 23, 24]
    days = scenario_days(dt.date(2024, 10, 26), 3)
    assert [(d.utc_end - d.utc_start) // 3600 for d in days] == [24, 25, 24]
    assert days[1].utc_start == utc(2024, 10, 26, 23, 0)  # local midnight in BST


def test_timeline_gives_the_segment_in_force() -> None:
    tl = Timeline(np.array([10, 20, 30]))
    tl.set_from(1, 1_700_000_000, 21)
    tl.set_from(1, 1_700_100_000, 22)
    keys = np.array([0, 1, 1, 1, 2, -1])
    t = np.array([1_700_000_000, 1_600_000_000, 1_700_050_000, 1_800_000_000, 1_800_000_000, 0])
    assert tl.at(keys, t).tolist() == [10, 20, 21, 22, 30, -1]


def test_hash_uniform_is_stateless_and_uniform() -> None:
    a = hash_uniform(1, 2, np.arange(100_000), 5)
    assert np.array_equal(a, hash_uniform(1, 2, np.arange(100_000), 5))
    assert not np.array_equal(a, hash_uniform(1, 3, np.arange(100_000), 5))
    assert abs(a.mean() - 0.5) < 0.01 and a.min() >= 0 and a.max() < 1


@pytest.mark.parametrize("name", [*SCENARIO_RANGES, *LINE_RANGES, *LINE_CHANCES])
def test_every_drawn_parameter_is_documented(name: str) -> None:
    assert f"`{name}`" in DOCS, f"{name} missing from docs/simulate.md"


@pytest.mark.parametrize(
    "field",
    ["line_id", "brand", "status", "numbers", "first_active_utc", "last_active_utc", "ended",
     "ended_utc", "successor", "imeis", "first_seen_utc", "holder_numbers", "runners",
     "under_18", "customers", "cuckooed_addresses", "occupant_number", "cell_id", "decoys",
     "kind", "background", "handset_location", "same_handset_as_previous", "stints",
     "new_number_notice_utc", "announced_utc", "handset_swapped_utc", "rivals",
     "intel", "public_reports", "reports", "urn", "date", "topic", "accurate", "error",
     "indicates", "mentions", "written", "is", "typo_of", "refers_to", "repeats", "provenance",
     "author", "incidents", "missing_episodes", "weapon", "dog", "vehicle", "counts",
     "nickname", "occupant_name", "address", "postcode", "ref", "received_utc", "text"],
)  # fmt: skip
def test_every_truth_field_is_documented(field: str) -> None:
    assert f"`{field}`" in DOCS


def _truth_vocabulary() -> list[str]:
    from countylines.simulate.intel_noise import NOISE_TOPICS
    from countylines.simulate.intel_topics import LINE_TOPICS

    return sorted({*LINE_TOPICS, *NOISE_TOPICS, "legacy_holder"})


@pytest.mark.parametrize("word", _truth_vocabulary())
def test_every_report_topic_is_documented(word: str) -> None:
    assert f"`{word}`" in DOCS


@pytest.mark.parametrize("word", [*INDICATORS, *ERRORS, "--no-intel", "--no-public-reports"])
def test_every_indicator_error_and_option_is_documented(word: str) -> None:
    assert f"`{word}`" in DOCS
