"""Intelligence reports written by the simulator, against the scenario's own truth.

One small scenario (seed 12, 60,000 events, 28 days, 4 lines) is generated once per
module with intel.csv and public_reports.jsonl, and once without them. Every check
reads the files as a user would (csv, json, the real ingest) and works the expected
values out from truth.json by its own path (numbers re-read with the project's phone
parser, spoken numbers decoded by a decoder written here, addresses looked up in
the street list).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from countylines.cli.main import app
from countylines.domain.phone import canonical_number
from countylines.ingest.intel import IntelAdapter
from countylines.ingest.runner import import_file
from countylines.simulate import draw_config, run
from countylines.simulate.addresses import STREETS, place_of, street_place
from countylines.simulate.intel import COLUMNS, ERRORS, INDICATORS, draw_intel
from countylines.simulate.intel_style import AUTHORS, NUMBER_STYLES, spell_number
from countylines.simulate.truth import load_truth
from countylines.workspace import Workspace

SEED, EVENTS, DAYS, LINES = 12, 60_000, 28, 4
runner = CliRunner()
#: Anything in a text that could be a UK phone number as written here.
NUMBER_LIKE = re.compile(
    r"\+44 \(0\)7\d{3} \d{6}|\+44 ?7\d{3} ?\d{6}|\+44[12]\d{9}|0044 ?7\d{3} ?\d{6}"
    r"|(?<!\d)447\d{9}(?!\d)|(?<!\d)07\d{3}[ -]?\d{3}[ -]?\d{3}(?!\d)"
    r"|(?<!\d)01\d{3} \d{6}(?!\d)|(?<!\d)020 \d{4} \d{4}(?!\d)"
)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("intel") / "with"
    run(draw_config(SEED, events=EVENTS, days=DAYS, lines=LINES), out)
    return out


@pytest.fixture(scope="module")
def without(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("intel") / "without"
    run(draw_config(SEED, events=EVENTS, days=DAYS, lines=LINES), out, intel=False)
    return out


@pytest.fixture(scope="module")
def truth(scenario: Path) -> dict[str, Any]:
    return load_truth(scenario / "truth.json")


@pytest.fixture(scope="module")
def rows(scenario: Path) -> list[dict[str, str]]:
    with (scenario / "intel.csv").open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def reports(truth: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["urn"]: r for r in truth["intel"]["reports"]}


@pytest.fixture(scope="module")
def site_names(scenario: Path) -> dict[str, str]:
    with (scenario / "cells.csv").open(newline="") as fh:
        return {r["cell_id"]: r["site_name"] for r in csv.DictReader(fh)}


def scenario_numbers(truth: dict[str, Any]) -> set[str]:
    """Every number truth.json names (lines, holders, runners, customers, occupants, decoys)."""
    out = {d["number"] for d in truth["decoys"]}
    for line in truth["lines"]:
        out |= {n["number"] for n in line["numbers"]} | set(line["holder_numbers"])
        out |= set(line["customers"]) | {n for r in line["runners"] for n in r["numbers"]}
        out |= {c["occupant_number"] for c in line["cuckooed_addresses"]}
    return out


def runners_by_number(truth: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {n: r for line in truth["lines"] for r in line["runners"] for n in r["numbers"]}


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text[:10])


# --------------------------------------------------------------------------- the files


def test_the_scenario_has_every_feature_the_tests_rely_on(truth: dict[str, Any]) -> None:
    counts = truth["intel"]["counts"]
    by_indicator = counts["by_indicator"]
    for indicator in ("deal_line", "line_holder", "runner", "child_runner", "cuckooing",
                      "vulnerable_adult", "missing_episode"):  # fmt: skip
        assert by_indicator.get(indicator, 0) > 0, indicator
    assert 0 < counts["accurate"] < counts["reports"]
    assert counts["repeats"] > 0 and counts["legacy_5x5x5"] > 0
    assert any(r["topic"] == "vague" for r in truth["intel"]["reports"])
    assert any("typo_of" in m for r in truth["intel"]["reports"] for m in r["mentions"])
    public = {m["kind"] for r in truth["public_reports"]["reports"] for m in r["mentions"]}
    assert public >= {"phone", "address", "postcode", "vehicle", "person", "business"}


def test_intel_csv_ingests_with_no_rejected_row_through_the_cli(
    scenario: Path, rows: list[dict[str, str]], tmp_path: Path
) -> None:
    env = {"COUNTYLINES_WORKSPACE": str(tmp_path / "ws")}
    assert runner.invoke(app, ["init"], env=env).exit_code == 0
    result = runner.invoke(app, ["ingest", "intel", str(scenario / "intel.csv"), "--json"], env=env)
    assert result.exit_code == 0, result.output
    [loaded] = json.loads(result.stdout)
    assert loaded["outcome"] == "loaded" and loaded["warnings"] == []
    assert (loaded["rows_loaded"], loaded["rows_rejected"]) == (len(rows), 0)


def test_intel_csv_stores_every_report_and_phone_on_each_backend(
    db_workspace: Workspace, scenario: Path, rows: list[dict[str, str]],
    reports: dict[str, dict[str, Any]],
) -> None:  # fmt: skip
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from countylines.store.models import IntelReport

    result = import_file(db_workspace, IntelAdapter(), scenario / "intel.csv")
    assert (result.rows_loaded, result.rows_rejected) == (len(rows), 0)
    with db_workspace.session() as s:
        stored = {
            r.urn: r
            for r in s.scalars(select(IntelReport).options(selectinload(IntelReport.subjects)))
        }
        assert set(stored) == {r["urn"] for r in rows}
        for row in rows:
            report = stored[row["urn"]]
            assert report.text == row["text"]
            assert (report.grading_scheme, report.handling_code) == (
                row["grading_scheme"], row["handling_code"])  # fmt: skip
            phones = {x.normalised for x in report.subjects if x.kind == "phone"}
            mentioned = {
                m["number"] for m in reports[row["urn"]]["mentions"] if m["kind"] == "phone"
            }
            assert phones <= mentioned, row["urn"]


def test_files_have_the_documented_columns_and_urns_are_unique(
    rows: list[dict[str, str]], scenario: Path
) -> None:
    header = (scenario / "intel.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == ",".join(COLUMNS)
    assert len({r["urn"] for r in rows}) == len(rows)
    assert all(re.fullmatch(r"(ESX/INT/\d\d/\d{6}|MPS/IR/\d{4}/\d{5}|CRIMINT/\d{4}/\d{5})",
                            r["urn"]) for r in rows)  # fmt: skip


# --------------------------------------------------------------------------- determinism


def test_calls_files_are_the_same_with_and_without_intel(scenario: Path, without: Path) -> None:
    for name in ("calls.csv", "cells.csv", "scenario.json"):
        assert sha(scenario / name) == sha(without / name), name
    assert not (without / "intel.csv").exists()
    assert not (without / "public_reports.jsonl").exists()
    with_truth = json.loads((scenario / "truth.json").read_text())
    plain = json.loads((without / "truth.json").read_text())
    assert "intel" not in plain and "public_reports" not in plain
    assert {k: v for k, v in with_truth.items() if k not in {"intel", "public_reports"}} == plain


def test_same_seed_gives_the_same_reports_and_another_seed_others(
    truth: dict[str, Any], site_names: dict[str, str], scenario: Path, tmp_path: Path
) -> None:
    bare = {k: v for k, v in truth.items() if k not in {"intel", "public_reports"}}
    again = tmp_path / "again"
    run(draw_config(SEED, events=EVENTS, days=DAYS, lines=LINES), again)
    for name in ("intel.csv", "public_reports.jsonl", "truth.json"):
        assert sha(again / name) == sha(scenario / name), name
    a = draw_intel(bare, site_names, SEED)
    b = draw_intel(bare, site_names, SEED + 1)
    assert a.rows == draw_intel(bare, site_names, SEED).rows
    texts_a, texts_b = {r["text"] for r in a.rows}, {r["text"] for r in b.rows}
    assert len(texts_a & texts_b) < 0.2 * len(texts_a)


# --------------------------------------------------------------------------- truth


def test_every_mention_is_in_the_text_as_written(
    rows: list[dict[str, str]], reports: dict[str, dict[str, Any]]
) -> None:
    assert set(reports) == {r["urn"] for r in rows}
    for row in rows:
        for m in reports[row["urn"]]["mentions"]:
            assert m["written"] in row["text"], (row["urn"], m)


def test_every_number_in_a_report_is_a_mention_of_a_scenario_number(
    rows: list[dict[str, str]], reports: dict[str, dict[str, Any]], truth: dict[str, Any]
) -> None:
    known = scenario_numbers(truth)
    typos = 0
    for row in rows:
        report = reports[row["urn"]]
        mentioned = {m["number"] for m in report["mentions"] if m["kind"] == "phone"}
        in_text = {canonical_number(x).number for x in NUMBER_LIKE.findall(row["text"])}
        in_column = {canonical_number(x).number for x in row["phones"].split(";") if x}
        assert in_text == mentioned, (row["urn"], row["text"])
        assert in_column <= mentioned, row["urn"]
        for m in report["mentions"]:
            if m["kind"] != "phone":
                continue
            if "typo_of" in m:  # two digits swapped: the meant number is the scenario's
                typos += 1
                assert m["number"] not in known and m["typo_of"] in known
                assert sorted(m["number"]) == sorted(m["typo_of"])
            else:
                assert m["number"] in known, m
    assert typos < 0.1 * len(rows)


def test_runner_mentions_agree_with_truth_and_children_are_children(
    reports: dict[str, dict[str, Any]], truth: dict[str, Any]
) -> None:
    runners = runners_by_number(truth)
    children = 0
    for report in reports.values():
        for m in report["mentions"]:
            if m["is"] == "runner":
                meant = m.get("typo_of", m["number"])
                assert runners[meant]["under_18"] == m["under_18"], m
        if report["accurate"] and "child_runner" in report["indicates"]:
            named = [m for m in report["mentions"] if m["is"] == "runner"]
            assert named and all(
                runners[m["number"]]["under_18"] for m in named if "typo_of" not in m
            )
            children += 1
    assert children > 0


def test_right_reports_hold_right_facts(
    reports: dict[str, dict[str, Any]], truth: dict[str, Any]
) -> None:
    lines = {line["line_id"]: line for line in truth["lines"]}
    for report in reports.values():
        assert (report["error"] is None) == report["accurate"], report["urn"]
        if not report["accurate"]:
            continue
        for m in report["mentions"]:
            if m["kind"] == "line" and m["is"] == "line":
                assert m["line_id"] == report["line_id"]
            if m["is"] == "deal_number" and "typo_of" not in m:
                [n] = [n for n in lines[m["line_id"]]["numbers"] if n["number"] == m["number"]]
                when = day(report["date"])
                if when >= day(n["first_active_utc"]):
                    assert when <= day(n["last_active_utc"]), report
                else:  # before its first call in the data: the first number of a line
                    # that was trading before the period
                    assert n["order"] == 1 and lines[m["line_id"]]["started"] == "before_scenario"
            if m["is"] == "holder" and m["kind"] == "phone":
                assert m["number"] in lines[m["line_id"]]["holder_numbers"]
            if m["is"] == "cuckooed_address":
                cells = {c["cell_id"] for c in lines[m["line_id"]]["cuckooed_addresses"]}
                assert m["cell_id"] in cells


def test_wrong_reports_are_wrong_in_the_way_they_say(
    reports: dict[str, dict[str, Any]], truth: dict[str, Any]
) -> None:
    decoys = {d["number"]: d["kind"] for d in truth["decoys"]}
    lines = {line["line_id"]: line for line in truth["lines"]}
    errors = Counter(r["error"] for r in reports.values() if r["error"])
    assert len(errors) >= 4
    for report in reports.values():
        error = report["error"]
        roles = {m["is"] for m in report["mentions"]}
        if error == "innocent_number":
            [m] = [m for m in report["mentions"] if m["kind"] == "phone"]
            assert decoys[m.get("typo_of", m["number"])] == m["decoy_kind"]
            assert report["line_id"] is None
        elif error == "wrong_line":
            [other] = [m for m in report["mentions"] if m["is"] == "other_line"]
            assert other["line_id"] != report["line_id"]
        elif error == "not_a_child":
            assert "runner" in roles and all(
                not m["under_18"] for m in report["mentions"] if m["is"] == "runner")  # fmt: skip
        elif error == "innocent_address":
            cuckooed = {
                c["address"] for x in truth["intel"]["lines"] for c in x["cuckooed_addresses"]
            }
            [m] = [m for m in report["mentions"] if m["kind"] == "address"]
            assert m["address"] not in cuckooed
        elif error == "stale_number":
            [m] = [m for m in report["mentions"] if m["kind"] == "phone"]
            [n] = [
                n
                for n in lines[report["line_id"]]["numbers"]
                if n["number"] == m.get("typo_of", m["number"])
            ]
            assert day(report["date"]) >= day(n["last_active_utc"]) + dt.timedelta(days=7)
        elif error == "customer_not_dealer":
            [m] = [m for m in report["mentions"] if m["kind"] == "phone"]
            assert m.get("typo_of", m["number"]) in lines[m["line_id"]]["customers"]


def test_cuckooed_addresses_resolve_to_their_cell(
    truth: dict[str, Any], reports: dict[str, dict[str, Any]], site_names: dict[str, str]
) -> None:
    by_cell = {}
    for line in truth["intel"]["lines"]:
        true_cells = {c["cell_id"] for t in truth["lines"] if t["line_id"] == line["line_id"]
                      for c in t["cuckooed_addresses"]}  # fmt: skip
        for c in line["cuckooed_addresses"]:
            assert c["cell_id"] in true_cells
            # the street lies in the named place of the cell (cells.csv site name)
            assert street_place(c["street"]) == place_of(site_names[c["cell_id"]])
            assert c["address"].endswith(c["postcode"]) and c["street"] in c["address"]
            by_cell[c["address"]] = c["cell_id"]
    for report in reports.values():
        for m in report["mentions"]:
            if m["is"] == "cuckooed_address":
                assert by_cell[m["address"]] == m["cell_id"]


def test_repeats_say_the_same_thing_later(reports: dict[str, dict[str, Any]]) -> None:
    for report in reports.values():
        if report["repeats"]:
            first = reports[report["repeats"]]
            assert report["date"] >= first["date"]
            for key in ("line_id", "accurate", "error", "indicates", "refers_to", "topic"):
                assert report[key] == first[key], key


def test_dates_volume_and_gradings(
    rows: list[dict[str, str]], reports: dict[str, dict[str, Any]], truth: dict[str, Any]
) -> None:
    first = dt.date.fromisoformat(truth["period"]["first_local_day"])
    last = first + dt.timedelta(days=truth["period"]["days"] - 1)
    dates = {u: day(r["date"]) for u, r in reports.items()}
    assert max(dates.values()) <= last
    assert any(d < first for d in dates.values())
    per_line = Counter(r["line_id"] for r in reports.values() if r["topic"] != "legacy_holder"
                       and not r["repeats"] and r["error"] != "stale_number")  # fmt: skip
    for line in truth["lines"]:
        assert 8 <= per_line[line["line_id"]] <= 25
    for row in rows:
        if row["grading_scheme"] == "5x5x5":
            assert dates[row["urn"]] < first - dt.timedelta(days=300)
            assert row["source_grade"] in "ABCDE" and row["handling_code"] in "12345"
        else:
            assert row["source_grade"] in "123" and row["intelligence_grade"] in "ABCDE"
            assert bool(row["handling_conditions"]) == (row["handling_code"] == "C")


def test_accuracy_follows_the_grading(truth: dict[str, Any], site_names: dict[str, str]) -> None:
    """Pooled over 25 seeds: reports graded A or B are right far more often than D or E,
    and reports from reliable sources more often than from unreliable ones."""
    bare = {k: v for k, v in truth.items() if k not in {"intel", "public_reports"}}
    by_intel: dict[str, list[bool]] = {"AB": [], "DE": []}
    by_source: dict[str, list[bool]] = {"1": [], "3": []}
    handling: Counter[str] = Counter()
    seen_indicators: set[str] = set()
    seen_errors: set[str | None] = set()
    for seed in range(25):
        intel = draw_intel(bare, site_names, seed)
        for row, report in zip(intel.rows, intel.reports, strict=True):
            if row["grading_scheme"] != "3x5x2":
                continue
            handling[row["handling_code"]] += 1
            seen_indicators.update(report["indicates"])
            seen_errors.add(report["error"])
            grade = row["intelligence_grade"]
            group = "AB" if grade in "AB" else "DE" if grade in "DE" else None
            if group:
                by_intel[group].append(report["accurate"])
            if row["source_grade"] in by_source:
                by_source[row["source_grade"]].append(report["accurate"])

    def rate(xs: list[bool]) -> float:
        assert len(xs) > 100
        return sum(xs) / len(xs)

    assert rate(by_intel["AB"]) > 0.8 and rate(by_intel["DE"]) < 0.6
    assert rate(by_source["1"]) > rate(by_source["3"]) + 0.2
    assert 0.05 < handling["C"] / (handling["C"] + handling["P"]) < 0.4
    assert seen_indicators == set(INDICATORS)  # every documented indicator, and no other
    assert seen_errors == {None, *ERRORS}


# --------------------------------------------------------------------------- writing


@pytest.mark.parametrize(
    ("number", "style", "written"),
    [
        ("+447700900123", "national_spaced", "07700 900123"),
        ("+447700900123", "national_3", "07700 900 123"),
        ("+447700900123", "intl_trunk", "+44 (0)7700 900123"),
        ("+447700900123", "zero_zero", "0044 7700 900123"),
        ("+447700900123", "digits_44", "447700900123"),
        ("+447700900123", "dashed", "07700-900-123"),
        ("+441255294031", "national_spaced", "01255 294031"),
        ("+442057997264", "national", "020 5799 7264"),
    ],
)
def test_numbers_are_spelled_as_people_write_them(number: str, style: str, written: str) -> None:
    assert spell_number(number, style) == written


@pytest.mark.parametrize("style", NUMBER_STYLES)
def test_every_spelling_reads_back_to_the_same_number(style: str) -> None:
    for number in ("+447700900123", "+447492216794", "+441255294031", "+442057997264"):
        assert canonical_number(spell_number(number, style)).number == number


def test_authors_differ_and_streets_belong_to_one_place() -> None:
    assert len({(a.case, a.abbreviate, a.date_style) for a in AUTHORS}) == len(AUTHORS)
    upper = next(a for a in AUTHORS if a.case == "upper")
    assert upper.write("Boy approximately 15 years old near the station") == (
        "BOY APPROX 15 YRS NR THE STATION"
    )
    streets = [s for _, names in STREETS.values() for s in names]
    assert len(streets) == len(set(streets))


# --------------------------------------------------------------------------- the public

WORDS = {w: str(i) for i, w in enumerate(("zero", "one", "two", "three", "four", "five", "six",
                                           "seven", "eight", "nine"))} | {"oh": "0"}  # fmt: skip


def decode_spoken(text: str) -> str:
    """Digits of a number typed in words, digits or both ("double two" is 22)."""
    out, repeat = [], 1
    for token in re.findall(r"[a-z]+|\d", text.lower()):
        if token in {"double", "treble"}:
            repeat = 2 if token == "double" else 3
        elif token in WORDS or token.isdigit():
            out.append(WORDS.get(token, token) * repeat)
            repeat = 1
    return "".join(out)


def test_public_reports_mention_what_truth_says(scenario: Path, truth: dict[str, Any]) -> None:
    records = [json.loads(x) for x in (scenario / "public_reports.jsonl").read_text().splitlines()]
    labels = {r["ref"]: r for r in truth["public_reports"]["reports"]}
    assert 5 <= len(records) <= 15 and set(labels) == {r["ref"] for r in records}
    assert all(set(r) == {"ref", "received_utc", "text"} for r in records)
    intel_lines = {x["line_id"]: x for x in truth["intel"]["lines"]}
    lines = {x["line_id"]: x for x in truth["lines"]}
    for record in records:
        label = labels[record["ref"]]
        for m in label["mentions"]:
            assert m["written"] in record["text"]
            if m["kind"] == "phone":
                assert "0" + m["number"][3:] == decode_spoken(m["written"])
                assert m["number"] in {n["number"] for n in lines[m["line_id"]]["numbers"]}
            if m["kind"] == "postcode":
                written = m["written"].upper().replace(" ", "")
                assert written == m["postcode"].replace(" ", "")
            if m["kind"] == "vehicle":
                assert m["written"].upper() == m["vrm"]
                assert (
                    intel_lines[m["line_id"]]["holder"]["vehicle"]["vrm"].replace(" ", "")
                    == m["vrm"]
                )
            if m["is"] == "cuckooed_address":
                cells = {c["cell_id"] for c in lines[m["line_id"]]["cuckooed_addresses"]}
                assert m["cell_id"] in cells


def test_load_truth_reads_versions_1_and_2_and_refuses_others(
    scenario: Path, tmp_path: Path
) -> None:
    data = json.loads((scenario / "truth.json").read_text())
    assert data["version"] == 2
    old = tmp_path / "v1.json"
    old.write_text(
        json.dumps(
            {k: v for k, v in data.items() if k not in {"intel", "public_reports"}} | {"version": 1}
        )
    )
    assert load_truth(old)["version"] == 1
    new = tmp_path / "v9.json"
    new.write_text(json.dumps(data | {"version": 9}))
    with pytest.raises(ValueError, match=r"v9\.json: truth version 9"):
        load_truth(new)
    bad = tmp_path / "bad.json"
    bad.write_text("{\n  'x'")
    with pytest.raises(ValueError, match=r"bad\.json: not valid JSON at line 2"):
        load_truth(bad)
