"""The facts behind the intelligence reports: what the people of each line are like.

The call data's ground truth (truth.json: lines, numbers, holders, runners
with ``under_18``, cuckooed cells, rivals, decoys) says who is who; reports
also speak of names, nicknames, ages, addresses, weapons, dogs, cars, cash,
violence and missing episodes, which the call data does not hold. They are
drawn here, once per scenario (stream ``intel``, key 0), from the truth alone,
so the call data is never touched, and written to truth.json (``intel.lines``,
``intel.incidents``) so that every report can be checked against them.

Judgement, chosen to look like the domain (DOMAIN.md "County lines" and the
indicators of child criminal exploitation and cuckooing):

* children are 13-17 (most 14-16), adult runners 18-25; most runners are boys;
* an occupant of a cuckooed address is a vulnerable adult (dependency,
  mental health needs, learning difficulties, age), and the address is used
  to deal from, to store drugs and cash, or to house the runners;
* 60 % of lines hold a weapon (knives and machetes mostly, rarely a firearm),
  carried by a runner or kept at a cuckooed address; 35 % keep a dog;
  60 % of holders use a car seen in the county;
* half of the pairs of rival lines (lines sharing customers) have a violent
  incident during the period;
* 60 % of the stints of a hub child's stints begin with a missing-from-home
  report in his home borough; he is found in the county during the stint.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from countylines.simulate.addresses import STREETS, Address, draw_address, place_of
from countylines.simulate.names import draw_name, draw_nickname
from countylines.simulate.randomness import pick, pick_weighted

#: Looks of a child runner as a witness describes them.
CHILD_LOOKS = (
    "in school uniform",
    "on a pedal bike",
    "in a black North Face jacket",
    "with a balaclava pulled up",
    "carrying a small rucksack",
    "in grey trackies",
)
ADULT_LOOKS = ("in a black puffer jacket", "on an electric scooter", "in a grey tracksuit",
               "with a bag across the chest")  # fmt: skip
OCCUPANTS = (
    ("man", "older_male", (45, 65), "a heroin user"),
    ("man", "older_male", (50, 70), "alcohol dependent"),
    ("man", "older_male", (35, 60), "a man with learning difficulties"),
    ("woman", "female", (30, 55), "a crack cocaine user"),
    ("woman", "female", (35, 60), "a woman with mental health needs"),
    ("man", "older_male", (65, 80), "elderly and in poor health"),
)  # fmt: skip
CUCKOO_USES = ("dealing from the address", "storing drugs and cash", "housing the runners")
WEAPONS = {"knife": 40.0, "machete": 20.0, "zombie knife": 15.0, "hammer": 10.0,
           "baseball bat": 10.0, "firearm": 5.0}  # fmt: skip
DOGS = ("XL bully", "Staffie", "large black dog")
CARS = ("black Mercedes A-Class", "grey VW Golf", "white Audi A3", "silver Ford Fiesta",
        "blue BMW 1 Series", "black Range Rover Evoque", "red Vauxhall Corsa")  # fmt: skip
INCIDENTS = ("stabbed", "assaulted", "robbed of drugs and cash", "threatened with a knife",
             "chased and beaten")  # fmt: skip
VRM_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXYZ"  # no I or Q in the random letters
PRE_PERIOD_DAYS = 120  # reports may come from this long before the period (lines trading then)


@dataclass(frozen=True)
class NumberFacts:
    """A deal number and the local days it was active in the data (None: never)."""

    number: str
    order: int
    first: dt.date | None
    last: dt.date | None
    ended: str
    successor: str | None


@dataclass(frozen=True)
class RunnerFacts:
    """A runner as reports describe him or her."""

    number: str
    numbers: tuple[str, ...]
    name: str
    nickname: str
    age: int
    under_18: bool
    female: bool
    base: str
    home_place: str
    look: str
    stints: tuple[tuple[dt.date, dt.date], ...]  # first and last night in the county


@dataclass(frozen=True)
class CuckooFacts:
    """A cuckooed address: its cell, occupant, address and use, and when it was used."""

    cell_id: str
    occupant_number: str
    occupant_name: str
    occupant_female: bool
    occupant_age: int
    occupant: str
    use: str
    address: Address
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Vehicle:
    """A vehicle: registration (``AB12 CDE``) and description."""

    vrm: str
    description: str


@dataclass(frozen=True)
class Incident:
    """Violence between two rival lines: ``victim_line`` was hurt by ``aggressor_line``."""

    date: dt.date
    victim_line: str
    aggressor_line: str
    kind: str
    place: str


@dataclass(frozen=True)
class MissingEpisode:
    """A child reported missing from home in the hub, found in the county."""

    runner_number: str
    reported: dt.date
    found: dt.date
    home_place: str


@dataclass(frozen=True)
class LineFacts:
    """Everything reports may say about one line."""

    line_id: str
    brand: str
    start: dt.date
    started_before: bool
    numbers: tuple[NumberFacts, ...]
    holder_name: str
    holder_nickname: str
    holder_numbers: tuple[str, ...]
    holder_place: str
    runners: tuple[RunnerFacts, ...]
    cuckoos: tuple[CuckooFacts, ...]
    customers: tuple[str, ...]
    rivals: tuple[str, ...]
    weapon: str | None
    weapon_runner: int | None  # index of the runner carrying it, else kept at cuckoos[0]
    dog: str | None
    vehicle: Vehicle | None
    missing: tuple[MissingEpisode, ...]


@dataclass(frozen=True)
class Decoy:
    """A decoy number of the truth that a report may wrongly accuse."""

    number: str
    kind: str
    name: str
    line_ids: tuple[str, ...]


@dataclass(frozen=True)
class IntelWorld:
    """The facts of one scenario (see module doc). Dates are UK local days."""

    first_day: dt.date
    last_day: dt.date
    lines: tuple[LineFacts, ...]
    incidents: tuple[Incident, ...]
    decoys: tuple[Decoy, ...]
    county_cells: tuple[tuple[str, str], ...]  # (cell id, place) of every county cell
    known_numbers: frozenset[str]  # every number truth.json names

    def line(self, line_id: str) -> LineFacts:
        """The line ``line_id`` (KeyError if absent)."""
        for line in self.lines:
            if line.line_id == line_id:
                return line
        raise KeyError(line_id)

    def to_json(self) -> dict[str, Any]:
        """The facts as truth.json writes them (``intel.lines``, ``intel.incidents``)."""
        return {
            "lines": [_line_json(line) for line in self.lines],
            "incidents": [
                {
                    "date": i.date.isoformat(),
                    "victim_line_id": i.victim_line,
                    "aggressor_line_id": i.aggressor_line,
                    "kind": i.kind,
                    "place": i.place,
                }
                for i in self.incidents
            ],
        }


def _line_json(line: LineFacts) -> dict[str, Any]:
    weapon: dict[str, Any] | None = None
    if line.weapon:
        held = (
            {"carried_by_runner": line.runners[line.weapon_runner].number}
            if line.weapon_runner is not None
            else {"kept_at_cell_id": line.cuckoos[0].cell_id}
        )
        weapon = {"kind": line.weapon, **held}
    return {
        "line_id": line.line_id,
        "holder": {
            "name": line.holder_name,
            "nickname": line.holder_nickname,
            "numbers": list(line.holder_numbers),
            "home_place": line.holder_place,
            "vehicle": (
                {"vrm": line.vehicle.vrm, "description": line.vehicle.description}
                if line.vehicle
                else None
            ),
        },
        "runners": [
            {
                "number": r.number,
                "name": r.name,
                "nickname": r.nickname,
                "age": r.age,
                "under_18": r.under_18,
                "female": r.female,
                "home_place": r.home_place,
                "look": r.look,
            }
            for r in line.runners
        ],
        "cuckooed_addresses": [
            {
                "cell_id": c.cell_id,
                "occupant_number": c.occupant_number,
                "occupant_name": c.occupant_name,
                "occupant": c.occupant,
                "use": c.use,
                "address": c.address.full,
                "street": c.address.street,
                "place": c.address.place,
                "postcode": c.address.postcode,
            }
            for c in line.cuckoos
        ],
        "weapon": weapon,
        "dog": line.dog,
        "missing_episodes": [
            {
                "runner_number": m.runner_number,
                "reported_missing": m.reported.isoformat(),
                "found_in_county": m.found.isoformat(),
                "home_place": m.home_place,
            }
            for m in line.missing
        ],
    }


def utc_day(text: str | None) -> dt.date | None:
    """The UTC date of a truth timestamp (``2023-10-01T08:24:11Z``), None for None."""
    return dt.date.fromisoformat(text[:10]) if text else None


def draw_vrm(rng: np.random.Generator, year: int) -> str:
    """A registration in the current format (``AB12 CDE``) for a car up to 10 years old."""
    made = year - int(rng.integers(0, 11))
    age = made % 100 + (50 if rng.random() < 0.5 else 0)
    area = "".join(pick(rng, VRM_LETTERS) for _ in range(2))
    tail = "".join(pick(rng, VRM_LETTERS) for _ in range(3))
    return f"{area}{age:02d} {tail}"


def draw_world(
    truth: Mapping[str, Any], site_names: Mapping[str, str], rng: np.random.Generator
) -> IntelWorld:
    """Draw the facts of a scenario from its truth (see module doc).

    Args:
        truth: the truth document (docs/simulate.md), version 1 fields.
        site_names: cell id -> site name (cells.csv), for the named places.
        rng: the ``intel`` stream, key 0.
    """
    period = truth["period"]
    first_day = dt.date.fromisoformat(period["first_local_day"])
    last_day = first_day + dt.timedelta(days=int(period["days"]) - 1)
    county_prefix = truth["county"]["cell_prefix"]
    county_cells = tuple(
        (cid, place_of(name)) for cid, name in site_names.items() if cid.startswith(county_prefix)
    )
    brands = [line["brand"] for line in truth["lines"]]
    taken_nicks: list[str] = list(brands)
    taken_addresses: set[str] = set()
    lines = []
    for line in truth["lines"]:
        lines.append(
            _draw_line(line, site_names, first_day, last_day, taken_nicks, taken_addresses, rng)
        )
    incidents = _draw_incidents(lines, county_cells, first_day, last_day, rng)
    decoys = tuple(
        Decoy(d["number"], d["kind"], d.get("name", ""), tuple(d.get("lines", ())))
        for d in truth.get("decoys", [])
        if d.get("number_kind", "mobile") in {"mobile", "landline", "gateway"}
        and d["kind"] != "service"
    )
    known: set[str] = {d["number"] for d in truth.get("decoys", [])}
    for line in truth["lines"]:
        known |= {n["number"] for n in line["numbers"]}
        known |= set(line["holder_numbers"]) | set(line["customers"])
        known |= {n for r in line["runners"] for n in r["numbers"]}
        known |= {c["occupant_number"] for c in line["cuckooed_addresses"]}
    return IntelWorld(
        first_day, last_day, tuple(lines), incidents, decoys, county_cells, frozenset(known)
    )


def _draw_line(
    line: Mapping[str, Any],
    site_names: Mapping[str, str],
    first_day: dt.date,
    last_day: dt.date,
    taken_nicks: list[str],
    taken_addresses: set[str],
    rng: np.random.Generator,
) -> LineFacts:
    numbers = tuple(
        NumberFacts(
            n["number"], int(n["order"]), utc_day(n["first_active_utc"]),
            utc_day(n["last_active_utc"]), n["ended"], n["successor"],
        )
        for n in line["numbers"]
    )  # fmt: skip
    if rng.random() < 0.4 and line["brand"]:
        nickname = line["brand"]
    else:
        nickname = draw_nickname(rng, taken_nicks)
        taken_nicks.append(nickname)
    runners = []
    for r in line["runners"]:
        female = bool(rng.random() < 0.12)
        if r["under_18"]:
            age = int(pick(rng, (13, 14, 14, 15, 15, 15, 16, 16, 16, 17, 17)))
        else:
            age = int(rng.integers(18, 26))
        nick = draw_nickname(rng, taken_nicks)
        taken_nicks.append(nick)
        stints = tuple(
            (dt.date.fromisoformat(s["first_night"]), dt.date.fromisoformat(s["last_night"]))
            for s in r.get("stints", [])
        )
        runners.append(
            RunnerFacts(
                number=r["number"], numbers=tuple(r["numbers"]),
                name=draw_name(rng, "female" if female else "young_male"), nickname=nick,
                age=age, under_18=bool(r["under_18"]), female=female, base=r["base"],
                home_place=place_of(site_names.get(r["home_cell_id"], "")),
                look=pick(rng, CHILD_LOOKS if r["under_18"] else ADULT_LOOKS), stints=stints,
            )
        )  # fmt: skip
    cuckoos = []
    for c in line["cuckooed_addresses"]:
        noun, kind, (lo, hi), condition = pick(rng, OCCUPANTS)
        age = int(rng.integers(lo, hi + 1))
        place = place_of(site_names.get(c["cell_id"], ""))
        cuckoos.append(
            CuckooFacts(
                cell_id=c["cell_id"], occupant_number=c["occupant_number"],
                occupant_name=draw_name(rng, kind), occupant_female=noun == "woman",
                occupant_age=age, occupant=_occupant_phrase(noun, age, condition),
                use=pick(rng, CUCKOO_USES),
                address=draw_address(rng, place if place in STREETS else "", taken_addresses),
                start=utc_day(c["from_utc"]) or first_day, end=utc_day(c["to_utc"]) or last_day,
            )
        )  # fmt: skip
    weapon = pick_weighted(rng, WEAPONS) if rng.random() < 0.6 else None
    weapon_runner: int | None = None
    if weapon and (not cuckoos or rng.random() < 0.65):
        weapon_runner = int(rng.integers(len(runners))) if runners else None
        if weapon_runner is None and not cuckoos:
            weapon = None
    dog = pick(rng, DOGS) if rng.random() < 0.35 and cuckoos else None
    vehicle = (
        Vehicle(draw_vrm(rng, first_day.year), pick(rng, CARS)) if rng.random() < 0.6 else None
    )
    missing = []
    for r in runners:
        if not (r.under_18 and r.base == "hub"):
            continue
        for first, last in r.stints:
            if rng.random() < 0.6:
                found = first + dt.timedelta(days=int(rng.integers(1, (last - first).days + 2)))
                missing.append(MissingEpisode(r.number, first, min(found, last_day), r.home_place))
    holder_cell = line["holder"]["home_cell_id"]
    start = utc_day(line["start_utc"]) or first_day
    return LineFacts(
        line_id=line["line_id"], brand=line["brand"], start=start,
        started_before=line["started"] == "before_scenario", numbers=numbers,
        holder_name=draw_name(rng, "young_male"), holder_nickname=nickname,
        holder_numbers=tuple(line["holder_numbers"]),
        holder_place=place_of(site_names.get(holder_cell, "")), runners=tuple(runners),
        cuckoos=tuple(cuckoos), customers=tuple(line["customers"]),
        rivals=tuple(line["rivals"]), weapon=weapon, weapon_runner=weapon_runner, dog=dog,
        vehicle=vehicle, missing=tuple(missing),
    )  # fmt: skip


def _occupant_phrase(noun: str, age: int, condition: str) -> str:
    decade = f"{age // 10 * 10}s"
    pronoun = "her" if noun == "woman" else "his"
    if condition.startswith(("a man", "a woman")):
        return f"{condition} in {pronoun} {decade}"
    return f"a {noun} in {pronoun} {decade}, {condition}"


def _draw_incidents(
    lines: list[LineFacts],
    county_cells: tuple[tuple[str, str], ...],
    first_day: dt.date,
    last_day: dt.date,
    rng: np.random.Generator,
) -> tuple[Incident, ...]:
    out = []
    ids = [line.line_id for line in lines]
    span = (last_day - first_day).days + 1
    places = sorted({p for _, p in county_cells}) or ["Clacton town centre"]
    for i, line in enumerate(lines):
        for rival in line.rivals:
            if rival not in ids or ids.index(rival) <= i or rng.random() >= 0.5:
                continue
            pair = (line.line_id, rival)
            victim, aggressor = pair if rng.random() < 0.5 else pair[::-1]
            out.append(
                Incident(
                    first_day + dt.timedelta(days=int(rng.integers(span))),
                    victim, aggressor, pick(rng, INCIDENTS), pick(rng, places),
                )
            )  # fmt: skip
    return tuple(sorted(out, key=lambda x: (x.date, x.victim_line, x.aggressor_line)))
