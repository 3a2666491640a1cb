"""Scenario parameters: one frozen dataclass, every value drawn from the seed within a range.

``draw_config(seed, ...)`` turns a seed (and the optional command-line
overrides) into a :class:`ScenarioConfig`. Every drawn parameter has its range
in :data:`SCENARIO_RANGES` (scenario-wide) or :data:`LINE_RANGES` (per deal
line) and its probabilities in :data:`LINE_CHANCES`; docs/simulate.md lists
them all (a test keeps the two in step). Different seeds give different
scenarios, so a detector tuned on one seed is measured on others.

Where a range rests on a published figure it says so; most are judgement,
chosen to look like the domain (DOMAIN.md, "County lines" and "What call data
shows") rather than to make lines easy to find.

Scale. ``--events E`` fixes the approximate total number of events. The deal
lines are drawn first (their size is a property of the drug market, not of
the data set); the background population is then sized so that everything
adds up to about ``E``. When ``E`` is small the lines are shrunk (fewer
customers) so that they stay under ``LINE_SHARE_CAP`` of all events and their
customers under ``CUSTOMER_SHARE_CAP`` of the county's people.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

import numpy as np

from countylines.simulate.geography import CLACTON, LONDON, AreaSpec
from countylines.simulate.randomness import stream

RangeKind = Literal["uniform", "int", "logint"]


@dataclass(frozen=True)
class Range:
    """A drawn parameter: ``low``..``high`` inclusive, how it is drawn, what it means."""

    low: float
    high: float
    kind: RangeKind
    doc: str

    def draw(self, rng: np.random.Generator) -> float:
        """One value: uniform, uniform integer, or integer uniform on a log scale."""
        if self.kind == "int":
            return float(rng.integers(int(self.low), int(self.high) + 1))
        if self.kind == "logint":
            return float(round(math.exp(rng.uniform(math.log(self.low), math.log(self.high)))))
        return float(rng.uniform(self.low, self.high))


#: Scenario-wide drawn parameters.
SCENARIO_RANGES: dict[str, Range] = {
    "days": Range(28, 91, "int", "scenario length in days, unless --days is given"),
    "lines": Range(2, 6, "int", "deal lines, unless --lines is given"),
    "start_offset_days": Range(
        0, 1000, "int", "first day, counted from 2022-01-03 (so 2022-01-03..2024-09-29)"
    ),
    "hub_cells": Range(250, 600, "int", "cell sites over the hub (London, radius 15 km)"),
    "county_cells": Range(30, 70, "int", "cell sites over the county town (Clacton, 4 km)"),
    "route_cells": Range(10, 18, "int", "cell sites along the A12/A133 between them"),
    "county_share": Range(0.35, 0.55, "uniform", "share of the background living in the county"),
    "calls_per_person_day": Range(
        2.5, 6.5, "uniform", "mean calls+texts a person starts per day (before replies)"
    ),
    "activity_sigma": Range(
        0.6, 1.0, "uniform", "log-normal spread of personal activity around that mean"
    ),
    "sms_share": Range(0.2, 0.5, "uniform", "share of person-to-person events that are texts"),
    "unanswered_share": Range(0.08, 0.2, "uniform", "share of calls not answered (duration 0 s)"),
    "voice_median_s": Range(45, 110, "uniform", "median answered call length, seconds"),
    "voice_sigma": Range(0.9, 1.3, "uniform", "log-normal spread of call lengths"),
    "sms_reply_p": Range(0.35, 0.6, "uniform", "chance a text gets a reply"),
    "sms_chain_p": Range(0.25, 0.5, "uniform", "chance a reply gets a reply in turn"),
    "callback_p": Range(0.3, 0.6, "uniform", "chance an unanswered call is returned"),
    "worker_share": Range(0.45, 0.7, "uniform", "share with a day (work/school) cell on weekdays"),
    "commuter_share": Range(
        0.03, 0.12, "uniform", "share of county workers who work in the hub (daily train/A12)"
    ),
    "visitor_share": Range(
        0.02, 0.08, "uniform", "share of hub people who visit the county on weekends"
    ),
    "heavy_share": Range(0.005, 0.02, "uniform", "share of heavy social users (50-250 extra ties)"),
    "weak_ties": Range(3, 8, "uniform", "mean acquaintance ties per person"),
    "cross_area_share": Range(0.02, 0.08, "uniform", "share of acquaintances in the other area"),
    "handset_change_per_year": Range(
        0.3, 0.6, "uniform", "chance per person-year of a new handset (new IMEI, same number)"
    ),
    "number_change_per_year": Range(
        0.02, 0.08, "uniform", "chance per person-year of a new number (same handset)"
    ),
    "service_share": Range(
        0.02, 0.06, "uniform", "share of calls to services (landlines, 0800, 0333)"
    ),
    "foreign_contact_share": Range(
        0.03, 0.12, "uniform", "share of people with a contact abroad (calls to +48, +234...)"
    ),
    "neighbour_cell_p": Range(
        0.1, 0.3, "uniform", "chance an event is served by a neighbouring cell of the place"
    ),
    "roam_p": Range(0.15, 0.35, "uniform", "chance a person is out (not home/work) in a 2-h block"),
    "taxis": Range(1, 4, "int", "taxi firms (decoys)"),
    "takeaways": Range(1, 4, "int", "takeaways (decoys)"),
    "bulk_senders": Range(2, 5, "int", "automated or group bulk-SMS senders (decoys)"),
    "call_centres": Range(1, 3, "int", "outbound call centres (decoys)"),
    "trades": Range(2, 6, "int", "tradespeople running a business from their mobile (decoys)"),
    "taxi_rate": Range(
        0.004, 0.015, "uniform", "taxi bookings per resident of its area per day, per firm"
    ),
    "takeaway_rate": Range(
        0.002, 0.008, "uniform", "takeaway orders per resident of its area per day, per shop"
    ),
    "trades_rate": Range(
        0.001, 0.004, "uniform", "calls from clients per resident per day, per tradesperson"
    ),
    "call_centre_rate": Range(
        0.01, 0.04, "uniform", "outbound calls per background person per day, per call centre"
    ),
}

#: Per-line drawn parameters (each line draws its own).
LINE_RANGES: dict[str, Range] = {
    "customers": Range(30, 300, "logint", "customers over the scenario (tens to a few hundred)"),
    "dependent_share": Range(0.3, 0.65, "uniform", "share of customers who are dependent users"),
    "dependent_orders_per_week": Range(
        2, 10, "uniform", "mean orders a week of a dependent user (each draws around it)"
    ),
    "occasional_orders_per_week": Range(
        0.2, 1.5, "uniform", "mean orders a week of an occasional user"
    ),
    "order_sms_share": Range(0.35, 0.85, "uniform", "share of orders placed by text (else a call)"),
    "reply_p": Range(0.15, 0.6, "uniform", "chance the line texts or rings back after an order"),
    "chaser_p": Range(0.1, 0.35, "uniform", "chance the customer calls again ('outside')"),
    "bulk_per_week": Range(0.5, 5, "uniform", "marketing texts a week (Poisson)"),
    "bulk_reach": Range(0.4, 0.95, "uniform", "share of the customer list each one reaches"),
    "bulk_spread_s": Range(5, 240, "uniform", "seconds over which one bulk send is spread"),
    "bulk_strangers": Range(
        0.0, 0.1, "uniform", "share of bulk recipients who never order (bought lists)"
    ),
    "runners": Range(2, 5, "int", "runners working the line"),
    "under_18_share": Range(0.3, 0.8, "uniform", "chance each runner is a child"),
    "local_runner_share": Range(
        0.0, 0.35, "uniform", "chance a runner is a county local (does not go country)"
    ),
    "stint_days": Range(3, 12, "uniform", "mean days a runner spends in the county per stint"),
    "home_days": Range(2, 6, "uniform", "mean days back in the hub between stints"),
    "cuckoos": Range(1, 3, "int", "cuckooed addresses used by the line"),
    "holder_runner_per_day": Range(
        1, 5, "uniform", "holder-runner calls/texts a day while the runner is in the county"
    ),
    "holder_deal_per_day": Range(
        0.5, 4, "uniform", "holder <-> deal phone events a day when the phone is in the county"
    ),
    "churn_per_month": Range(0.05, 0.3, "uniform", "share of customers lost per month"),
    "shared_customers": Range(
        0.05, 0.25, "uniform", "share of customers taken from other lines' lists (rivals)"
    ),
    "direct_runner_p": Range(
        0.02, 0.12, "uniform", "chance a runner rings the customer from their own phone"
    ),
    "dispatch_call_share": Range(
        0.1, 0.4, "uniform", "share of dispatches made by call (else text)"
    ),
}

#: Per-line yes/no choices: chance of "yes".
LINE_CHANCES: dict[str, tuple[float, str]] = {
    "handset_in_county": (0.5, "the deal phone is carried by a runner in the county (else the "
                          "holder keeps it in the hub); drawn again for each new number"),
    "starts_midway": (0.25, "the line starts during the scenario (else it is already trading)"),
    "rebrand": (0.5, "the line re-brands (a 'new number' text, then a new number)"),
    "second_change": (0.3, "after a first re-brand or closure, a second one"),
    "closure": (0.3, "the line's number is cut off (Type 2 closure), if it does not re-brand"),
    "successor": (0.6, "a closed number gets a successor (else the line ends)"),
    "same_handset": (0.35, "a successor number goes into the same handset (same IMEI)"),
    "handset_swap": (0.5, "each number's handset is swapped once (IMEI changes, number kept)"),
    "announce_successor": (0.75, "a successor after a closure texts the old customer list"),
}  # fmt: skip

LINE_SHARE_CAP = 0.3
CUSTOMER_SHARE_CAP = 0.25
MAX_PEOPLE = 1_500_000
MIN_PEOPLE = 200
MIN_DAYS = 7
#: With a small event budget the period is shortened so that at least this many people live in it.
PEOPLE_FOR_DAYS = 3000
FIRST_START = dt.date(2022, 1, 3)
TEMPLATES = ("canonical", "uk-record-type")

BRANDS = (
    "Ricky", "Dee", "Bando", "Snow", "Jojo", "K2", "Tiny", "Dizzy", "Smokey", "Blade",
    "Milly", "Rocco", "Zed", "Kay", "Benz", "Trapz", "Ghost", "Nitro", "Sparks", "Deano",
    "Frosty", "Mac", "Leo", "Vinnie", "Taz", "Ace", "Gucci", "Moony", "Skippy", "Turbo",
    "Bugsy", "Drizzy", "Flash", "Rambo", "Buzz", "Cash", "Tank", "Blue", "Sunny", "Ozzy",
)  # fmt: skip


@dataclass(frozen=True)
class LineParams:
    """One deal line's drawn parameters (see :data:`LINE_RANGES`, :data:`LINE_CHANCES`)."""

    line_id: str
    brand: str
    values: dict[str, float]
    chances: dict[str, bool]

    def v(self, name: str) -> float:
        """A drawn value by name."""
        return self.values[name]


@dataclass(frozen=True)
class ScenarioConfig:
    """Everything drawn for one scenario. ``values`` holds :data:`SCENARIO_RANGES` by name."""

    seed: int
    template: str
    events_target: int
    days: int
    start: dt.date
    n_lines: int
    n_people: int
    values: dict[str, float]
    lines: tuple[LineParams, ...]
    hub: AreaSpec = LONDON
    county: AreaSpec = CLACTON
    max_rows_per_file: int = 0
    estimates: dict[str, float] = field(default_factory=dict)

    def v(self, name: str) -> float:
        """A drawn scenario value by name."""
        return self.values[name]

    def to_json(self) -> dict[str, Any]:
        """The drawn parameters as JSON-ready data (scenario.json)."""
        data = asdict(self)
        data["start"] = self.start.isoformat()
        data["ranges"] = {
            "scenario": {k: [r.low, r.high, r.kind] for k, r in SCENARIO_RANGES.items()},
            "line": {k: [r.low, r.high, r.kind] for k, r in LINE_RANGES.items()},
            "line_chances": {k: p for k, (p, _) in LINE_CHANCES.items()},
        }
        return data


def background_events_per_person_day(values: dict[str, float]) -> float:
    """Expected background events per person per day, replies and decoy traffic included."""
    sms = values["sms_share"]
    replies = values["sms_reply_p"] * (1 - values["sms_chain_p"] ** 5) / (1 - values["sms_chain_p"])
    callbacks = values["unanswered_share"] * values["callback_p"]
    own = values["calls_per_person_day"] * (1 + sms * replies + (1 - sms) * callbacks)
    county, hub = values["county_share"], 1 - values["county_share"]
    decoy = (
        values["taxis"] * values["taxi_rate"] * 1.9 * (0.8 * county + 0.2 * hub)
        + values["takeaways"] * values["takeaway_rate"] * 1.05 * (0.6 * county + 0.4 * hub)
        + values["trades"] * values["trades_rate"] * 1.8 * (0.7 * county + 0.3 * hub)
        + values["call_centres"] * values["call_centre_rate"] * 1.05
        + values["bulk_senders"] * 0.04
    )
    return own + decoy


def line_events_per_day(line: LineParams, customers: float) -> float:
    """Expected events per day of one line with ``customers`` customers (a rough budget)."""
    v = line.v
    dep = v("dependent_share")
    rate = (dep * v("dependent_orders_per_week") + (1 - dep) * v("occasional_orders_per_week")) / 7
    per_order = 1.15 + v("reply_p") + v("chaser_p") + 0.55 + v("direct_runner_p")
    orders = customers * 0.7 * rate * per_order
    bulk = v("bulk_per_week") / 7 * v("bulk_reach") * customers * 0.85
    staff = v("holder_runner_per_day") * v("runners") * 0.7 + v("holder_deal_per_day") + 2
    return orders + bulk + staff


def draw_config(
    seed: int,
    events: int = 1_000_000,
    days: int | None = None,
    lines: int | None = None,
    template: str = "canonical",
    max_rows_per_file: int = 0,
) -> ScenarioConfig:
    """Draw a scenario from ``seed``; given arguments override the drawn values.

    Raises:
        ValueError: for an unknown template or a value out of range.
    """
    if template not in TEMPLATES:
        raise ValueError(f"template must be one of {', '.join(TEMPLATES)}, not {template!r}")
    if events < 1_000:
        raise ValueError("--events must be at least 1000")
    if days is not None and not 1 <= days <= 3660:
        raise ValueError("--days must be 1..3660")
    if lines is not None and not 0 <= lines <= len(BRANDS):
        raise ValueError(f"--lines must be 0..{len(BRANDS)}")
    rng = stream(seed, "config")
    values = {name: r.draw(rng) for name, r in SCENARIO_RANGES.items()}
    n_days = days if days is not None else int(values["days"])
    if days is None:  # a small event budget: a shorter period rather than too few people
        fit = events / (PEOPLE_FOR_DAYS * background_events_per_person_day(values))
        n_days = max(MIN_DAYS, min(n_days, int(fit)))
    n_lines = lines if lines is not None else int(values["lines"])
    values["days"], values["lines"] = float(n_days), float(n_lines)
    start = FIRST_START + dt.timedelta(days=int(values["start_offset_days"]))

    brands = rng.permutation(len(BRANDS))[:n_lines]
    line_params = []
    for i in range(n_lines):
        lv = {name: r.draw(rng) for name, r in LINE_RANGES.items()}
        lc = {name: bool(rng.random() < p) for name, (p, _) in LINE_CHANCES.items()}
        line_params.append(LineParams(f"L{i + 1:02d}", BRANDS[int(brands[i])], lv, lc))

    per_person = background_events_per_person_day(values)
    n_people = MIN_PEOPLE
    for _ in range(4):  # lines and people depend on each other through the caps
        county_people = n_people * values["county_share"]
        line_total = sum(line_events_per_day(lp, lp.v("customers")) for lp in line_params)
        scale = 1.0
        if line_total * n_days > LINE_SHARE_CAP * events:
            scale = LINE_SHARE_CAP * events / (line_total * n_days)
        total_customers = sum(lp.v("customers") for lp in line_params)
        if total_customers * scale > CUSTOMER_SHARE_CAP * county_people and total_customers:
            scale = min(scale, CUSTOMER_SHARE_CAP * county_people / total_customers)
        budget = events - line_total * scale * n_days
        n_people = int(min(MAX_PEOPLE, max(MIN_PEOPLE, budget / (n_days * per_person))))
        scaled = [max(8.0, round(lp.v("customers") * scale)) for lp in line_params]
    if n_lines:
        line_params = [
            replace(lp, values={**lp.values, "customers": c})
            for lp, c in zip(line_params, scaled, strict=True)
        ]
    line_total = sum(line_events_per_day(lp, lp.v("customers")) for lp in line_params)
    if n_people == MAX_PEOPLE:  # very large runs: busier people rather than more of them
        need = (events - line_total * n_days) / (n_days * MAX_PEOPLE)
        values["calls_per_person_day"] *= max(1.0, need / per_person)
        per_person = background_events_per_person_day(values)
    return ScenarioConfig(
        seed=seed,
        template=template,
        events_target=events,
        days=n_days,
        start=start,
        n_lines=n_lines,
        n_people=n_people,
        values=values,
        lines=tuple(line_params),
        max_rows_per_file=max_rows_per_file,
        estimates={
            "background_events_per_person_day": round(per_person, 3),
            "line_events_per_day": round(line_total, 1),
            "expected_events": round(n_people * per_person * n_days + line_total * n_days),
        },
    )
