"""A whole operation through the command line, on SQLite and PostgreSQL.

simulate -> ingest the call data up to the day of action -> analyse (detect the
lines) -> plan a day of action on the top targets -> briefing packs -> record
arrests, referrals, visits, seizures -> charges, hearings, sentences -> close
the lines -> load the call data after the day of action -> the check-back
alert fires for the closed line that continues on a new number (the one
truth.json names) -> the returns equal, figure by figure, what was recorded.

The scenario is drawn from a seed, with one line made to re-brand (the
simulator's re-brand: a "new number" text, then a new number with the same
customers) and the other to keep its number; the call data is split at the
last use of the re-branding line's first number.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from countylines.cli.main import app
from countylines.operations import checkback
from countylines.security.audit import AuditQuery, query_events, verify_chain
from countylines.simulate.config import draw_config
from countylines.simulate.generator import run as simulate
from countylines.workspace import Workspace

SEED = 31
PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class Scenario:
    folder: Path
    before: Path
    after: Path
    cut: str
    rebranded: dict[str, Any]  # the truth of the re-branding line
    steady: dict[str, Any]  # the truth of the line that keeps its number


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    folder = tmp_path_factory.mktemp("scenario")
    cfg = draw_config(SEED, events=200_000, days=28, lines=2)
    first, second = cfg.lines
    first = replace(
        first,
        chances={**first.chances, "rebrand": True, "second_change": False, "starts_midway": False},
    )
    second = replace(
        second,
        chances={
            **second.chances,
            "rebrand": False,
            "closure": False,
            "second_change": False,
            "starts_midway": False,
        },
    )
    simulate(replace(cfg, lines=(first, second)), folder)
    truth = json.loads((folder / "truth.json").read_text())
    rebranded = next(line for line in truth["lines"] if len(line["numbers"]) == 2)
    steady = next(line for line in truth["lines"] if len(line["numbers"]) == 1)
    cut = rebranded["numbers"][0]["last_active_utc"]  # the old number's last use
    rows = (folder / "calls.csv").read_text().splitlines(keepends=True)
    head, body = rows[0], rows[1:]
    before, after = folder / "before.csv", folder / "after.csv"
    before.write_text(head + "".join(r for r in body if r[:20] <= cut))
    after.write_text(head + "".join(r for r in body if r[:20] > cut))
    return Scenario(folder, before, after, cut, rebranded, steady)


class Cli:
    """The command line on one workspace, acting as one account."""

    def __init__(self, ws: Workspace) -> None:
        self.env = {"COUNTYLINES_WORKSPACE": str(ws.root), "COLUMNS": "200"}
        url = ws.settings.database_url
        if url:
            self.env["COUNTYLINES_DATABASE_URL"] = url
        self.runner = CliRunner()

    def __call__(
        self, *args: str, code: int = 0, user: str | None = "dsmith", stdin: str | None = None
    ) -> Any:
        env = dict(self.env)
        if user:
            env["COUNTYLINES_USER"] = user
        result = self.runner.invoke(app, list(args), env=env, input=stdin)
        assert result.exit_code == code, (args, result.output)
        return result

    def json(self, *args: str, code: int = 0, user: str | None = "dsmith") -> Any:
        return json.loads(self(*args, "--json", code=code, user=user).stdout)


@pytest.fixture
def cli(db_workspace: Workspace) -> Iterator[Cli]:
    yield Cli(db_workspace)


def test_a_whole_operation(
    scenario: Scenario, cli: Cli, db_workspace: Workspace, tmp_path: Path
) -> None:
    # --- the picture before the day of action -------------------------------------------
    cli(
        "ingest",
        "cdr",
        str(scenario.before),
        "--template",
        "canonical",
        "--cells",
        str(scenario.folder / "cells.csv"),
    )
    cli("ingest", "intel", str(scenario.folder / "intel.csv"))
    picture = cli.json("analyse")
    lines = {n["number"]: line for line in picture["lines"] for n in line["numbers"]}
    old_number, new_number = (n["number"] for n in scenario.rebranded["numbers"])
    line_a = lines[old_number]  # the line that will re-brand after the day of action
    line_b = lines[scenario.steady["numbers"][0]["number"]]
    assert [h["number"] for h in line_a["holders"]] == scenario.rebranded["holder_numbers"]
    assert [h["number"] for h in line_b["holders"]] == scenario.steady["holder_numbers"]
    assert new_number not in lines  # not yet in use

    # --- accounts, compartment, operation ------------------------------------------------
    cli(
        "users",
        "add",
        "dsmith",
        "--role",
        "investigator",
        "--name",
        "DS Dana Smith",
        "--password-stdin",
        user=None,
        stdin=PASSWORD + "\n",
    )
    cli(
        "users",
        "add",
        "sgo",
        "--role",
        "safeguarding_officer",
        "--name",
        "Sam Green",
        "--password-stdin",
        user=None,
        stdin=PASSWORD + "\n",
    )
    cli(
        "users",
        "add",
        "other",
        "--role",
        "investigator",
        "--name",
        "DC Other",
        "--password-stdin",
        user=None,
        stdin=PASSWORD + "\n",
    )
    cli("compartments", "add", "Op TIDAL", "--owner", "dsmith", user=None)
    cli("compartments", "grant", "Op TIDAL", "sgo", user=None)
    cli(
        "operation",
        "create",
        "Op TIDAL",
        "--compartment",
        "Op TIDAL",
        "--sio",
        "DI Rob Kerr",
        "--objective",
        "Close the lines supplying Clacton",
    )
    cli("operation", "link", "Op TIDAL", "--line", line_a["line_id"], "--line", line_b["line_id"])

    # --- the day of action: one strike time, two teams, the top targets ---------------------
    plan = cli.json(
        "operation",
        "plan",
        "Op TIDAL",
        "--strike",
        "2024-05-28 05:00",
        "--team",
        "Alpha:PS Ann Lee:8",
        "--team",
        "Bravo:PS Tom Vik:6",
    )
    assert plan["strike_at"] == "2024-05-28T04:00:00+00:00"  # 05:00 BST
    proposals = plan["proposals"]
    holder_bases = [
        p
        for p in proposals
        if p["kind"] == "enforcement"
        and any(h["number"] in p["numbers"] for line in (line_a, line_b) for h in line["holders"])
    ]
    visits = [p for p in proposals if p["kind"] == "safeguarding visit"]
    assert len(holder_bases) == 2 and visits
    cuckooed_cells = {c["cell_id"] for line in (line_a, line_b) for c in line["cuckooed"]}
    assert {
        p["cell_id"] for p in visits
    } == cuckooed_cells  # cuckooed addresses: visits, never enforcement
    assert not any(p["cell_id"] in cuckooed_cells for p in proposals if p["kind"] == "enforcement")
    # an enforcement target needs its warrant first
    cli(
        "operation",
        "target",
        "Op TIDAL",
        "--proposal",
        holder_bases[0]["proposal_id"],
        "--address",
        "14 Elm Road, London N1",
        "--team",
        "Alpha",
        code=2,
    )
    for i, (p, team) in enumerate(zip(holder_bases, ("Alpha", "Bravo"), strict=True)):
        address = f"{10 + i} Elm Road, London N1"
        cli(
            "operation",
            "authorise",
            "Op TIDAL",
            "--reference",
            f"HCMC/2024/{i}",
            "--address",
            address,
            "--issued-by",
            "Highbury Corner MC",
            "--issued",
            "2024-05-27",
            "--expires",
            "2024-06-10",
        )
        cli(
            "operation",
            "target",
            "Op TIDAL",
            "--proposal",
            p["proposal_id"],
            "--address",
            address,
            "--warrant",
            f"HCMC/2024/{i}",
            "--team",
            team,
        )
    for i, p in enumerate(visits):
        cli(
            "operation",
            "target",
            "Op TIDAL",
            "--proposal",
            p["proposal_id"],
            "--address",
            f"Flat {i + 1}, 9 Pier Avenue, Clacton",
            "--team",
            "Bravo",
        )
    view = cli.json("operation", "show", "Op TIDAL")
    assert view["plan_problems"] == []
    for team in ("Alpha", "Bravo"):
        pdf = tmp_path / f"{team}.pdf"
        cli(
            "operation",
            "briefing",
            "Op TIDAL",
            "--team",
            team,
            "--out",
            str(pdf),
            "--accept-conditions",
        )
        assert pdf.read_bytes().startswith(b"%PDF")
    packs = cli.json(
        "operation",
        "briefing",
        "Op TIDAL",
        "--team",
        "Bravo",
        "--out",
        str(tmp_path / "bravo.html"),
    )
    html = (tmp_path / "bravo.html").read_text()
    for t in packs["briefing"]["targets"]:
        assert t["address"] in html
    assert "possible victim" in html

    # --- results ---------------------------------------------------------------------------
    tally: Counter[str] = Counter()
    nominal_of = {n["numbers"][0]: n["nominal_id"] for n in picture["nominals"] if n["numbers"]}
    arrests = {}
    for line, name in ((line_a, "Jay A"), (line_b, "Kay B")):
        holder = line["holders"][0]["number"]
        arrests[name] = cli.json(
            "operation",
            "arrest",
            "Op TIDAL",
            "--person",
            name,
            "--offence",
            "conspiracy to supply class A",
            "--at",
            "2024-05-28 05:06",
            "--place",
            "London N1",
            "--nominal",
            nominal_of[holder],
        )["arrest_id"]
        tally["arrests"] += 1
    runner = line_a["runners"][0]["number"]
    child = cli.json(
        "operation",
        "arrest",
        "Op TIDAL",
        "--person",
        "Child C",
        "--offence",
        "possession with intent to supply",
        "--at",
        "2024-05-28 05:15",
        "--place",
        "Clacton",
        "--number",
        runner,
    )
    assert child["possible_victim"] is True  # a runner: a possible victim, in the workflow too
    tally["arrests"] += 1
    for route in ("MASH", "NRM"):
        cli(
            "operation",
            "referral",
            "Op TIDAL",
            "--route",
            route,
            "--person",
            "Child C",
            "--at",
            "2024-05-28 08:00",
            "--child",
            "--arrest",
            str(child["arrest_id"]),
            user="sgo",
        )
        tally[f"{route} referrals"] += 1
    for i, _ in enumerate(visits):
        cli(
            "operation",
            "visit",
            "Op TIDAL",
            "--address",
            f"Flat {i + 1}, 9 Pier Avenue, Clacton",
            "--at",
            "2024-05-28 05:20",
            "--cuckooed",
            "--vulnerable",
            "1",
            user="sgo",
        )
        tally["cuckooed addresses"] += 1
        tally["vulnerable people"] += 1
    cli(
        "operation",
        "seizure",
        "Op TIDAL",
        "--kind",
        "drugs",
        "--drug",
        "crack cocaine",
        "--grams",
        "27.5",
        "--at",
        "2024-05-28 05:30",
    )
    cli(
        "operation",
        "seizure",
        "Op TIDAL",
        "--kind",
        "drugs",
        "--drug",
        "heroin",
        "--grams",
        "12.25",
        "--at",
        "2024-05-28 05:31",
    )
    cli(
        "operation",
        "seizure",
        "Op TIDAL",
        "--kind",
        "cash",
        "--pounds",
        "1520.50",
        "--at",
        "2024-05-28 05:32",
    )
    cli(
        "operation",
        "seizure",
        "Op TIDAL",
        "--kind",
        "weapon",
        "--weapon",
        "machete",
        "--at",
        "2024-05-28 05:33",
    )
    phone = cli.json(
        "operation",
        "seizure",
        "Op TIDAL",
        "--kind",
        "phone",
        "--number",
        line_b["numbers"][0]["number"],
        "--at",
        "2024-05-28 05:34",
    )
    assert phone["line_ids"] == [line_b["line_id"]]  # a seized phone is linked to its line
    cli(
        "operation",
        "seizure",
        "Op TIDAL",
        "--kind",
        "phone",
        "--number",
        "07700 900123",
        "--at",
        "2024-05-28 05:35",
    )

    # --- cases to sentence -------------------------------------------------------------------
    a, b, c = arrests["Jay A"], arrests["Kay B"], child["arrest_id"]
    cli(
        "operation",
        "hearing",
        str(a),
        "--court",
        "Chelmsford Crown Court",
        "--on",
        "2024-06-01",
        "--outcome",
        "guilty plea",
        code=2,
    )  # not charged yet
    cli(
        "operation",
        "charge",
        str(a),
        "--offence",
        "conspiracy to supply class A",
        "--on",
        "2024-05-28",
    )
    cli(
        "operation",
        "charge",
        str(b),
        "--offence",
        "conspiracy to supply class A",
        "--on",
        "2024-05-29",
    )
    cli(
        "operation",
        "charge",
        str(c),
        "--offence",
        "possession with intent to supply",
        "--on",
        "2024-05-29",
        "--cps",
        "no further action",
    )
    cli(
        "operation",
        "hearing",
        str(a),
        "--court",
        "Chelmsford Crown Court",
        "--on",
        "2024-09-02",
        "--outcome",
        "guilty plea",
    )
    cli("operation", "sentence", str(a), "--on", "2024-10-04", "--custodial-months", "54")
    cli(
        "operation",
        "hearing",
        str(b),
        "--court",
        "Chelmsford Crown Court",
        "--on",
        "2024-09-03",
        "--outcome",
        "adjourned",
    )
    funnel_svg = tmp_path / "funnel.svg"
    cases = cli.json("operation", "cases", "Op TIDAL", "--funnel", str(funnel_svg))
    assert cases["funnel"] == {
        "arrested": 3,
        "charged": 2,
        "convicted": 1,
        "custodial": 1,
        "custodial_months": 54,
    }
    assert "immediate custody" in funnel_svg.read_text()

    # --- close the lines -----------------------------------------------------------------------
    cli(
        "operation",
        "close",
        "Op TIDAL",
        line_b["line_id"],
        "--type",
        "1",
        "--at",
        "2024-05-28 12:00",
        code=2,
    )  # holder charged only on the 29th
    cli("operation", "close", "Op TIDAL", line_a["line_id"], "--type", "1", "--at", scenario.cut)
    cli(
        "operation",
        "close",
        "Op TIDAL",
        line_b["line_id"],
        "--type",
        "2",
        "--at",
        scenario.cut,
        "--deactivation",
        "EE/2024/5511",
    )
    quiet = cli.json("operation", "checkback")
    assert quiet["alerts"] == []

    # --- after the day of action: the re-branded line continues --------------------------------
    # loading the new call data runs the check-backs unattended and says so
    loaded = cli("ingest", "cdr", str(scenario.after), "--template", "canonical")
    assert "check-back: 2 new alert(s)" in loaded.output
    alerts = cli.json("operation", "checkback")  # already raised by the ingest: none new
    assert alerts["new"] == 0
    got = {(x["line_id"], x["number"], x["kind"]) for x in alerts["alerts"]}
    assert got == {
        (line_a["line_id"], new_number, "successor number active"),  # truth: the successor
        (line_b["line_id"], line_b["numbers"][0]["number"], "closed number active again"),
    }
    successor = next(x for x in alerts["alerts"] if x["number"] == new_number)
    assert successor["first_seen_after"] == scenario.rebranded["numbers"][1][
        "first_active_utc"
    ].replace("Z", "+00:00")
    again = cli.json("operation", "checkback")  # the same alerts, none new: exit 0
    assert len(again["alerts"]) == 2 and again["new"] == 0
    assert checkback.run_for_all(db_workspace) == 0  # the unattended run: nothing new either

    # --- returns: figure by figure, what was recorded --------------------------------------------
    r = cli.json("returns", "--from", "2024-05-01", "--to", "2024-10-31")
    assert r["lines_closed"] == {"total": 2, "type1": 1, "type2": 1}
    assert r["arrests"] == tally["arrests"] == 3
    assert r["people_charged"] == 2 and r["line_holders_charged"] == 2
    assert r["safeguarding_referrals"] == {
        "total": 2,
        "by_route": {
            "MASH": tally["MASH referrals"],
            "NRM": tally["NRM referrals"],
            "Adult social care": 0,
        },
        "possible_children": 2,
    }
    assert r["cuckooed_addresses_visited"] == tally["cuckooed addresses"]
    assert r["vulnerable_people_visited"] == tally["vulnerable people"]
    assert r["seizures"] == {
        "drugs_grams": {"crack cocaine": 27.5, "heroin": 12.25},
        "cash_pounds": 1520.5,
        "weapons": 1,
        "phones": 2,
        "phones_linked_to_lines": 1,
    }
    june = cli.json("returns", "--from", "2024-06-01", "--to", "2024-06-30")  # nothing then
    assert (june["arrests"], june["lines_closed"]["total"], june["people_charged"]) == (0, 0, 0)

    # --- what remains, compartments, and the s.62 log ----------------------------------------------
    res = cli.json("operation", "resilience", "Op TIDAL")
    arrested_numbers = {line_a["holders"][0]["number"], line_b["holders"][0]["number"], runner}
    assert set(res["removed"]) == arrested_numbers
    assert res["after"]["nodes"] == res["before"]["nodes"] - 3
    cli("operation", "show", "Op TIDAL", user="other", code=2)
    held = cli("operation", "show", "Op TIDAL", user="other", code=2)
    assert "Held elsewhere" in held.output and "DS Dana Smith" in held.output
    assert cli.json("operation", "list", user="other")["operations"] == []
    with db_workspace.session() as session:
        assert verify_chain(session).ok
        disclosures, total = query_events(session, AuditQuery(action="disclosure"))
        refused, _ = query_events(session, AuditQuery(actor="other", text="held elsewhere"))
    assert total == 3  # three briefing packs, each to its team, with the recipient
    assert {d.recipient for d in disclosures} == {"team Alpha, Op TIDAL", "team Bravo, Op TIDAL"}
    assert len(refused) == 2  # each refused look is logged too
