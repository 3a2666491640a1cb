"""A simulated scenario against its own ground truth: the truth must be visible in the events.

One small scenario (seed 2, 150,000 events, 28 days, 6 lines: it has re-brands, a
Type 2 closure, a line that ends, handset swaps, a successor in the same handset,
handsets in the hub and in the county, and a line starting midway) is generated once
per module and read with DuckDB.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from countylines.simulate import draw_config, run
from countylines.simulate.ids import luhn_valid

SEED, EVENTS, DAYS, LINES = 2, 150_000, 28, 6


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("scenario")
    run(draw_config(SEED, events=EVENTS, days=DAYS, lines=LINES), out)
    return out


@pytest.fixture(scope="module")
def truth(scenario: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((scenario / "truth.json").read_text())
    return data


@pytest.fixture(scope="module")
def con(scenario: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    c = duckdb.connect()
    c.execute(
        f"""CREATE TABLE e AS SELECT strptime(start_utc, '%Y-%m-%dT%H:%M:%SZ') AS ts, a_number a,
            b_number b, kind, duration_s, a_cell_id ac, a_imei ai, b_cell_id bc, b_imei bi
            FROM read_csv('{scenario / "calls.csv"}', all_varchar = true)"""
    )
    c.execute(
        "CREATE TABLE sides AS SELECT a n, b o, ts, ac cell, ai imei, kind, 'out' dir FROM e "
        "UNION ALL SELECT b, a, ts, bc, bi, kind, 'in' FROM e"
    )
    yield c
    c.close()


def numbers(truth: dict[str, Any]) -> list[dict[str, Any]]:
    return [n for line in truth["lines"] for n in line["numbers"]]


def test_the_scenario_has_every_feature_the_tests_rely_on(truth: dict[str, Any]) -> None:
    chain = numbers(truth)
    assert {n["ended"] for n in chain} == {"rebranded", "closed_type2", "active"}
    assert any(line["status"] == "closed_type2" for line in truth["lines"])
    assert any(n["handset_swapped_utc"] for n in chain)
    assert any(n["same_handset_as_previous"] for n in chain)
    assert {n["handset_location"] for n in chain} == {"hub", "county"}
    assert any(line["started"] == "during_scenario" for line in truth["lines"])
    assert any(r["under_18"] for line in truth["lines"] for r in line["runners"])


def test_event_count_is_near_the_target(truth: dict[str, Any]) -> None:
    assert 0.7 * EVENTS < truth["events"]["total"] < 1.3 * EVENTS


def test_every_deal_number_appears_in_the_events(
    truth: dict[str, Any], con: duckdb.DuckDBPyConnection
) -> None:
    for n in numbers(truth):
        seen = con.execute(
            "SELECT count(*), min(ts), max(ts) FROM sides WHERE n = ? AND (dir = 'out' OR imei IS NOT NULL)",
            [n["number"]],
        ).fetchone()
        assert seen is not None and seen[0] > 0, n["number"]
        assert n["first_active_utc"] == seen[1].strftime("%Y-%m-%dT%H:%M:%SZ")
        assert n["last_active_utc"] == seen[2].strftime("%Y-%m-%dT%H:%M:%SZ")


def test_a_number_is_silent_after_it_ended(
    truth: dict[str, Any], con: duckdb.DuckDBPyConnection
) -> None:
    for n in numbers(truth):
        if n["ended"] == "active":
            continue
        ended = dt.datetime.strptime(n["ended_utc"], "%Y-%m-%dT%H:%M:%SZ")
        late = con.execute(
            "SELECT count(*) FROM e WHERE a = ? AND ts >= ?", [n["number"], ended]
        ).fetchone()
        assert late == (0,), n
        # customers who did not hear may still try it: those attempts reach no handset
        handset = con.execute(
            "SELECT count(*) FROM e WHERE b = ? AND ts >= ? AND bi IS NOT NULL",
            [n["number"], ended],
        ).fetchone()
        assert handset == (0,), n


def test_marketing_texts_reach_many_customers_within_minutes(
    truth: dict[str, Any], con: duckdb.DuckDBPyConnection
) -> None:
    for line in truth["lines"]:
        best = 0
        for n in line["numbers"]:
            row = con.execute(
                """SELECT max(k) FROM (SELECT count(*) OVER (ORDER BY ts RANGE BETWEEN CURRENT ROW
                   AND INTERVAL 5 MINUTE FOLLOWING) k FROM e WHERE a = ? AND kind = 'sms')""",
                [n["number"]],
            ).fetchone()
            best = max(best, (row[0] if row else 0) or 0)
        assert best >= max(5, 0.3 * len(line["customers"])), line["line_id"]


def test_customers_order_from_the_line_and_mostly_live_in_the_county(
    truth: dict[str, Any], con: duckdb.DuckDBPyConnection
) -> None:
    for line in truth["lines"]:
        deal = [n["number"] for n in line["numbers"]]
        got = {
            r[0]
            for r in con.execute(
                f"SELECT DISTINCT a FROM e WHERE b IN ({', '.join('?' * len(deal))})", deal
            ).fetchall()
        }
        assert set(line["customers"]) <= got
        night = con.execute(
            f"""SELECT count(*) FILTER (WHERE cell LIKE 'CLN-%'), count(*) FROM sides
                WHERE n IN ({", ".join("?" * len(line["customers"]))}) AND hour(ts) BETWEEN 1 AND 4
                AND cell IS NOT NULL""",
            line["customers"],
        ).fetchone()
        assert night is not None and night[0] > 0.7 * night[1]


def test_runners_phones_go_country(truth: dict[str, Any], con: duckdb.DuckDBPyConnection) -> None:
    travelled = 0
    for line in truth["lines"]:
        for r in line["runners"]:
            areas = {
                row[0]
                for row in con.execute(
                    "SELECT DISTINCT substr(cell, 1, 3) FROM sides WHERE n = ? AND cell IS NOT NULL",
                    [r["number"]],
                ).fetchall()
            }
            assert "CLN" in areas
            if r["base"] == "hub" and r["stints"]:
                assert {"LDN", "CLN"} <= areas, r
                travelled += "RTE" in areas
    assert travelled > 0  # some events happen on the road (A12/A133 cells)


def test_cuckooed_addresses_host_runners_at_night(
    truth: dict[str, Any], con: duckdb.DuckDBPyConnection
) -> None:
    for line in truth["lines"]:
        runners = [n for r in line["runners"] for n in r["numbers"]]
        for ck in line["cuckooed_addresses"]:
            hits = con.execute(
                f"""SELECT count(*) FROM sides WHERE n IN ({", ".join("?" * len(runners))})
                    AND cell = ? AND (hour(ts) >= 22 OR hour(ts) < 6)""",
                [*runners, ck["cell_id"]],
            ).fetchone()
            occupant = con.execute(
                """SELECT count(*) FILTER (WHERE cell = ?), count(*) FROM sides WHERE n = ?
                   AND (hour(ts) >= 23 OR hour(ts) < 5) AND cell IS NOT NULL""",
                [ck["cell_id"], ck["occupant_number"]],
            ).fetchone()
            assert hits is not None and hits[0] > 0, (line["line_id"], ck)
            # the occupant lives there: their phone is mostly at that cell at night
            assert occupant is not None and occupant[0] >= 0.5 * occupant[1], ck


def test_successor_starts_with_the_predecessors_customers(
    truth: dict[str, Any], con: duckdb.DuckDBPyConnection
) -> None:
    checked = 0
    for line in truth["lines"]:
        staff = set(line["holder_numbers"]) | {n for r in line["runners"] for n in r["numbers"]}
        for n in line["numbers"]:
            if not n["successor"]:
                continue
            early = {
                row[0]
                for row in con.execute(
                    """SELECT DISTINCT o FROM sides WHERE n = ? AND ts < (
                         SELECT min(ts) FROM sides WHERE n = ?) + INTERVAL 2 DAY""",
                    [n["successor"], n["successor"]],
                ).fetchall()
            } - staff
            ended = dt.datetime.strptime(n["ended_utc"], "%Y-%m-%dT%H:%M:%SZ")
            before = {
                row[0]
                for row in con.execute(
                    "SELECT DISTINCT a FROM e WHERE b = ? AND ts < ?", [n["number"], ended]
                ).fetchall()
            }
            assert early, n
            assert len(early & before) >= 0.5 * len(early), n
            checked += 1
    assert checked


def test_handsets_swap_and_successors_may_keep_the_handset(
    truth: dict[str, Any], con: duckdb.DuckDBPyConnection
) -> None:
    for line in truth["lines"]:
        previous: list[str] = []
        for n in line["numbers"]:
            seen = [
                row[0]
                for row in con.execute(
                    """SELECT imei FROM sides WHERE n = ? AND imei IS NOT NULL
                       GROUP BY imei ORDER BY min(ts)""",
                    [n["number"]],
                ).fetchall()
            ]
            assert seen == [m["imei"] for m in n["imeis"]]
            if n["handset_swapped_utc"]:
                assert len(seen) == 2, n
            if n["same_handset_as_previous"]:
                assert seen[0] == previous[-1]
            elif previous:
                assert seen[0] not in previous
            previous = seen


def test_deal_handset_sits_where_the_truth_says(
    truth: dict[str, Any], con: duckdb.DuckDBPyConnection
) -> None:
    for n in numbers(truth):
        row = con.execute(
            """SELECT count(*) FILTER (WHERE cell LIKE 'CLN-%'), count(*) FROM sides
               WHERE n = ? AND cell IS NOT NULL""",
            [n["number"]],
        ).fetchone()
        assert row is not None and row[1] > 0
        share = row[0] / row[1]
        assert share > 0.6 if n["handset_location"] == "county" else share < 0.4, n


def test_holder_talks_to_runners_and_lives_in_the_hub(
    truth: dict[str, Any], con: duckdb.DuckDBPyConnection
) -> None:
    for line in truth["lines"]:
        holder = line["holder_numbers"][0]
        runners = [n for r in line["runners"] for n in r["numbers"]]
        talks = con.execute(
            f"SELECT count(DISTINCT o) FROM sides WHERE n = ? AND o IN ({', '.join('?' * len(runners))})",
            [holder, *runners],
        ).fetchone()
        assert talks is not None and talks[0] >= 1
        assert line["holder"]["home_cell_id"].startswith("LDN-")


def test_decoys_behave_like_their_kind(
    truth: dict[str, Any], con: duckdb.DuckDBPyConnection
) -> None:
    kinds = {d["kind"] for d in truth["decoys"]}
    assert {"taxi", "takeaway", "bulk_sms", "call_centre", "trades", "heavy_social"} <= kinds
    for d in truth["decoys"]:
        if d["kind"] == "taxi":
            per_caller = [
                row[0]
                for row in con.execute(
                    "SELECT count(*) FROM e WHERE b = ? GROUP BY a", [d["number"]]
                ).fetchall()
            ]
            assert len(per_caller) > 20
            assert sum(1 for k in per_caller if k == 1) > 0.5 * len(per_caller)
        if d["kind"] == "bulk_sms" and d.get("subtype") != "club":
            row = con.execute(
                "SELECT count(*) FILTER (WHERE b = ?), count(*) FILTER (WHERE a = ?) FROM e",
                [d["number"], d["number"]],
            ).fetchone()
            assert row is not None and row[1] > 0
            assert row[0] <= max(2, 0.02 * row[1])
        if d["kind"] == "call_centre":
            row = con.execute(
                "SELECT count(*), count(DISTINCT b), avg(duration_s::INT) FILTER (WHERE duration_s::INT > 10) FROM e WHERE a = ?",
                [d["number"]],
            ).fetchone()
            assert row is not None and row[1] > 0.5 * row[0] and row[2] > 60


def test_identifiers_are_well_formed(scenario: Path, con: duckdb.DuckDBPyConnection) -> None:
    imeis = [
        r[0]
        for r in con.execute("SELECT DISTINCT imei FROM sides WHERE imei IS NOT NULL").fetchall()
    ]
    assert imeis and all(luhn_valid(i) for i in imeis)
    cells = {line.split(",")[0] for line in (scenario / "cells.csv").read_text().splitlines()[1:]}
    used = {
        r[0]
        for r in con.execute("SELECT DISTINCT cell FROM sides WHERE cell IS NOT NULL").fetchall()
    }
    assert used <= cells
    assert {c[:3] for c in cells} == {"LDN", "CLN", "RTE"}
    bad = con.execute(
        "SELECT count(*) FROM sides WHERE NOT regexp_full_match(n, '\\+\\d{8,15}|[A-Z0-9]{1,11}')"
    ).fetchone()
    assert bad == (0,)
    kinds = con.execute(
        "SELECT kind, count(*) FILTER (WHERE duration_s IS NOT NULL) FROM e GROUP BY kind"
    ).fetchall()
    assert dict(kinds) == {"voice": dict(kinds)["voice"], "sms": 0}


def test_rows_are_in_time_order_and_inside_the_period(
    truth: dict[str, Any], con: duckdb.DuckDBPyConnection, scenario: Path
) -> None:
    times = [
        line.split(",", 1)[0] for line in (scenario / "calls.csv").read_text().splitlines()[1:]
    ]
    assert times == sorted(times)
    assert truth["period"]["start_utc"] <= times[0] and times[-1] < truth["period"]["end_utc"]
