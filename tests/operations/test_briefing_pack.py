"""Briefing packs: handling codes and compartments decide what each team's pack holds."""

from __future__ import annotations

import datetime as dt

from countylines.operations.briefing import build_briefing
from countylines.operations.briefing_render import map_svg, render_html, render_pdf
from countylines.operations.hazards import HELD_ELSEWHERE, LINE_SCOPE, Hazard
from countylines.operations.records import Authorisation, NominalRef, Target

D = dt.date(2024, 5, 1)
STRIKE = dt.datetime(2024, 5, 28, 4, 0, tzinfo=dt.UTC)
WARRANT = Authorisation(1, "warrant", "HCMC/2024/7", "10 Elm Road", "Highbury Corner MC", D)
TARGETS = [
    Target(
        1,
        "enforcement",
        "base of the holder",
        "10 Elm Road",
        "LDN-0001",
        51.54,
        -0.10,
        ("line-a",),
        ("nom-h",),
        "holder's base",
        1,
        "Alpha",
    ),
    Target(
        2,
        "safeguarding visit",
        "possible cuckooed address",
        None,
        "CLN-0005",
        51.79,
        1.15,
        ("line-a",),
        ("nom-o",),
        "",
        None,
        "Bravo",
    ),
]
NOMINALS = [
    NominalRef(
        "nom-h", "Jay <script>alert(1)</script>", ("+447700900100",), (("line-a", "line holder"),)
    ),
    NominalRef("nom-o", "Occupant", ("+447700900400",), (("line-a", "cuckooed occupant"),), True),
]
HAZARDS = {
    1: [
        Hazard("weapons", "keeps a machete under the bed", "INT/1", D, "1B P", "3x5x2", "P"),
        Hazard(
            "dogs",
            "two XL bullies",
            "INT/2",
            D,
            "2B C",
            "3x5x2",
            "C",
            "not to be shared outside Essex Police",
        ),
        Hazard("violence", "shot at a rival", "INT/3", D, "B2 5", "5x5x5", "5"),
        Hazard(HELD_ELSEWHERE, "Held elsewhere — contact the owner: DS X (dsx).", "INT/4"),
        Hazard("children present", "a possible child is linked to this place", "call data"),
        Hazard(
            "weapons",
            "the line's runners carry knives",
            "INT/5",
            D,
            "1B P",
            "3x5x2",
            "P",
            scope=LINE_SCOPE,
        ),
    ],
    2: [],
}


def pack(team: str, accept: bool) -> object:
    return build_briefing(
        operation="Op TIDAL",
        compartment="Op TIDAL",
        sio="DI Rob Kerr",
        team=team,
        leader="PS Ann Lee",
        strike_at=STRIKE,
        targets=TARGETS,
        authorisations={1: WARRANT},
        nominals=NOMINALS,
        hazards=HAZARDS,
        accept_conditions=accept,
        held_elsewhere={"INT/4": "Held elsewhere — contact the owner: DS X (dsx)."},
    )


def test_what_each_handling_code_lets_into_the_pack() -> None:
    b = pack("Alpha", accept=False)
    assert (
        b.strike_local == "Tuesday 28 May 2024, 05:00 UK time"
        and b.strike_utc == "2024-05-28 04:00 UTC"
    )
    [t] = b.targets
    assert [o.number for o in b.other_targets] == ["T2"]  # other teams' targets: for the map only
    shown = {h.source: h for h in t.hazards}
    assert shown["INT/1"].text == "keeps a machete under the bed" and not shown["INT/1"].withheld
    # C without the producer accepting the conditions: withheld, saying why
    assert shown["INT/2"].withheld and "accept the conditions" in shown["INT/2"].text
    # 5x5x5 handling 5 blocks onward dissemination: the pack says only that a report exists
    assert (
        shown["INT/3"].withheld
        and "shot" not in shown["INT/3"].text
        and "refer to the originator" in shown["INT/3"].text
    )
    assert shown["INT/4"].withheld and "contact the owner: DS X" in shown["INT/4"].text
    assert not shown["call data"].withheld
    assert shown["INT/5"].scope == LINE_SCOPE
    assert b.withheld == 3
    accepted = {h.source: h for h in pack("Alpha", accept=True).targets[0].hazards}
    assert accepted["INT/2"].text == "two XL bullies" and not accepted["INT/2"].withheld
    assert (
        accepted["INT/2"].notice
        == "Handling C — Lawful sharing permitted with conditions: not to be shared outside Essex Police"
    )
    assert accepted["INT/3"].withheld  # accepting conditions never unblocks handling 5


def test_the_safeguarding_team_sees_a_visit_and_the_possible_victim() -> None:
    b = pack("Bravo", accept=False)
    [t] = b.targets
    assert t.warrant is None and t.address == "address not established (cell CLN-0005)"
    assert "no forced entry" in t.reason
    assert [(s.label, s.possible_victim) for s in t.subjects] == [("Occupant", True)]


def test_the_pack_renders_escaped_with_a_map_and_as_pdf() -> None:
    b = pack("Alpha", accept=True)
    html = render_html(b)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "not to be shared outside Essex Police" in html
    assert "data:image/svg+xml;base64," in html
    svg = map_svg(b)
    assert svg is not None and svg == map_svg(b)  # the same pack, the same map
    assert render_pdf(b).startswith(b"%PDF")
