"""County lines: deal numbers, holders, runners, customers, cuckooing, and how lines change.

What is simulated (DOMAIN.md, "County lines" and "What call data shows"):

* A **line** is a brand ("the Ricky line") run by a **holder** living in the hub
  (his personal phone has an ordinary social life too) through a **chain of
  deal numbers** over time. Lines either trade from before the scenario or
  start during it (``starts_midway``), launching with a text to a customer
  list taken from other lines.
* The **deal handset** is carried by a runner in the county (the runner on
  duty that day: the phone stays with one runner through a stint) or kept by
  the holder in the hub (``handset_in_county``, drawn per number). Its IMEI
  changes when the handset is swapped (``handset_swap``); a successor number
  may go into the same handset (``same_handset``: the IMEI carries over).
* **Customers** live in the county and order by text and by call in trading
  hours (:data:`~countylines.simulate.clock.TRADING`), repeatedly: dependent
  users several times a week, occasional users less (rates drawn per
  customer around the line's means); they join and leave over time
  (``churn_per_month``). Some are taken from other lines' lists
  (``shared_customers``): rival lines sharing customers. After an order the
  line may text or ring back (``reply_p``), the customer may ring again
  ("outside", ``chaser_p``), and the deal phone passes the order to a runner
  (hub handset: nearly always; county handset: when another runner takes
  it). Sometimes a runner rings the customer from his own phone.
* **Marketing texts**: several a week (``bulk_per_week``), the same text from
  the deal number to much of the list (``bulk_reach``, plus a few numbers that
  never order: ``bulk_strangers``) within ``bulk_spread_s`` seconds
  ("500 texts in seconds", DOMAIN.md); a few recipients order soon after.
* **Runners** (2-5; some under 18) mostly come from the hub near the holder
  and "go country": stints of days in the county (nights at a cuckooed
  address, days around the town), then days back in the hub, travelling
  along the route cells; some are county locals. At least one runner is in
  the county on every trading day. The holder talks to the runners (more
  while they are in the county) and to the deal phone; parents ring children
  who are away; runners ring the occupant of the address they stay at.
* **Cuckooing**: the homes of 1-3 vulnerable customers (dependent users) in
  the county, each used for a period; the occupant goes on living there.
* **Re-branding**: a "new number" text from the old number to the whole list,
  then within half an hour to two days the new number takes over; most
  customers switch within hours, stragglers keep trying the old number (which
  is off: their attempts reach no handset) for days.
* **Type 2 closure**: the number is cut off without warning. With a successor
  (``successor``) a new number starts half a day to a week later, announcing
  itself to the old list (``announce_successor``) or not (customers find it
  by word of mouth, later, and fewer of them); without one, the line ends and
  some of its customers move to rival lines.

Ground truth is kept in the plans (:class:`LinePlan`) and written by
:mod:`countylines.simulate.truth`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from countylines.simulate.clock import DAY, HOUR, MARKETING, TRADING, Day, sample_seconds
from countylines.simulate.config import LineParams, ScenarioConfig
from countylines.simulate.directory import MOBILE, NEVER, Directory
from countylines.simulate.events import SMS, VOICE, Events, Source
from countylines.simulate.geography import COUNTY, HUB, Cells
from countylines.simulate.location import (
    COUNTY_LOCAL,
    COUNTY_STAY,
    NORMAL,
    TRAVEL_BACK,
    TRAVEL_OUT,
    Locator,
)
from countylines.simulate.population import Population

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]

#: Order volume by weekday (Mon..Sun), before each line's own variation.
WEEKDAY_ORDERS = np.array([0.9, 0.9, 0.95, 1.0, 1.2, 1.25, 1.0])
INF = float("inf")
#: A successor number starts at least this long before the end (so it shows in the data).
SUCCESSOR_MARGIN = 5 * DAY
#: Shortest time a cuckooed address is used (more addresses than fit are not used).
MIN_CUCKOO_DAYS = 5


@dataclass
class ChainNumber:
    """One deal number of a line, in order."""

    order: int
    party: int = -1
    start: int = 0
    end: int = NEVER
    ended: str = "active"  # rebranded | closed_type2 | active
    notice_at: int | None = None  # re-brand: when the "new number" text went out
    announce_at: int | None = None  # a successor's first text to the list
    in_county: bool = True
    same_handset_as_previous: bool = False
    swap_at: int | None = None


@dataclass
class RunnerPlan:
    """A runner: a person of the population, with a schedule of nights in the county."""

    person: int
    under_18: bool
    base: str  # "hub" (goes country) or "county" (a local)
    in_county: npt.NDArray[np.bool_]  # per scenario day: spends that night in the county
    travel: dict[int, tuple[str, int, int]] = field(default_factory=dict)  # day -> dir, dep, arr
    night_cell: dict[int, int] = field(default_factory=dict)  # day -> cell slept at
    household: I64 = field(default_factory=lambda: np.zeros(0, dtype=np.int64))


@dataclass
class Cuckoo:
    """A cuckooed address: a vulnerable customer's home cell, used from start to end."""

    occupant: int
    cell: int
    start: int
    end: int


@dataclass
class Customers:
    """A line's customers as arrays (one entry per customer)."""

    person: I64
    rate: F64  # orders per week
    p_sms: F64
    start: I64
    end: I64
    delay: F64  # (n, chain length): seconds after each new number's start before switching
    dependent: npt.NDArray[np.bool_]

    def append(self, other: Customers) -> None:
        """Add customers (e.g. moving from a closed rival)."""
        for name in ("person", "rate", "p_sms", "start", "end", "dependent"):
            setattr(self, name, np.concatenate([getattr(self, name), getattr(other, name)]))
        self.delay = np.concatenate([self.delay, other.delay])


@dataclass
class LinePlan:
    """Everything about one line (the ground truth is read from here)."""

    params: LineParams
    holder: int
    chain: list[ChainNumber]
    runners: list[RunnerPlan]
    cuckoos: list[Cuckoo]
    customers: Customers
    strangers: I64
    profile: F64
    weekday: F64
    start: int
    first_day: int
    last_day: int
    duty: npt.NDArray[np.int64]  # per day: index of the runner carrying a county handset
    status: str = "active"
    seen_customers: set[int] = field(default_factory=set)
    joined_from: dict[int, str] = field(default_factory=dict)  # person -> line it came from

    @property
    def line_id(self) -> str:
        """``L01``…"""
        return self.params.line_id


class DealLines:
    """Plans the lines, then draws their events day by day."""

    def __init__(
        self,
        cfg: ScenarioConfig,
        pop: Population,
        directory: Directory,
        cells: Cells,
        locator: Locator,
        days: list[Day],
        used: npt.NDArray[np.bool_],
    ) -> None:
        self.cfg = cfg
        self.pop = pop
        self.directory = directory
        self.cells = cells
        self.locator = locator
        self.days = days
        self.used = used  # people already given a role (holder, runner, decoy business)
        self.lines: list[LinePlan] = []
        self.t_start = days[0].utc_start
        self.t_end = days[-1].utc_end

    # ------------------------------------------------------------------ planning

    def _time_on(self, day_index: int, rng: np.random.Generator, lo: float, hi: float) -> int:
        """A UTC instant on scenario day ``day_index`` between local hours lo and hi."""
        day = self.days[int(np.clip(day_index, 0, len(self.days) - 1))]
        sod = np.array([int(rng.uniform(lo, hi) * HOUR)], dtype=np.int64)
        return int(day.to_utc(sod)[0])

    def _day_of(self, t: int) -> int:
        return int(np.clip((t - self.t_start) // DAY, 0, len(self.days) - 1))

    def _pick_people(self, rng: np.random.Generator, candidates: I64, k: int) -> I64:
        """``k`` people of ``candidates`` without a role yet (any of them if none is free)."""
        free = candidates[~self.used[candidates] & (self.pop.activity[candidates] > 0)]
        if free.size == 0:
            free = candidates
        k = min(k, free.size)
        return np.asarray(rng.choice(free, size=k, replace=False), dtype=np.int64)

    def plan(self, rng: np.random.Generator) -> list[LinePlan]:
        """Draw every line's people, numbers and schedules (``rng``: the ``lines`` stream)."""
        pop = self.pop
        people = np.arange(pop.n_people, dtype=np.int64)
        hub_people = people[(pop.area[: pop.n_people] == HUB) & ~pop.heavy[: pop.n_people]]
        county_people = people[pop.area[: pop.n_people] == COUNTY]
        for lp in self.cfg.lines:
            holder = int(self._pick_people(rng, hub_people, 1)[0])
            self.used[holder] = True
            chain, start = self._plan_chain(lp, rng)
            first_day = self._day_of(max(start, self.t_start))
            last = chain[-1].end if chain[-1].ended == "closed_type2" else self.t_end - 1
            last_day = self._day_of(min(last, self.t_end - 1))
            line = LinePlan(
                params=lp,
                holder=holder,
                chain=chain,
                runners=[],
                cuckoos=[],
                customers=self._empty_customers(len(chain)),
                strangers=np.zeros(0, dtype=np.int64),
                profile=self._profile(rng),
                weekday=WEEKDAY_ORDERS * rng.lognormal(0, 0.1, 7),
                start=start,
                first_day=first_day,
                last_day=last_day,
                duty=np.full(len(self.days), -1, dtype=np.int64),
                status="closed_type2" if chain[-1].ended == "closed_type2" else "active",
            )
            line.customers = self._plan_customers(line, county_people, rng)
            n_strangers = round(lp.v("bulk_strangers") * line.customers.person.size)
            not_customers = county_people[~np.isin(county_people, line.customers.person)]
            line.strangers = self._pick_people(rng, not_customers, n_strangers)
            self._plan_runners(line, hub_people, county_people, rng)
            self._plan_cuckoos(line, rng)
            self._plan_schedules(line, rng)
            self._register_numbers(line, rng)
            self.lines.append(line)
        self._migrate_orphans(rng)
        return self.lines

    def _profile(self, rng: np.random.Generator) -> F64:
        p = TRADING * rng.lognormal(0, 0.25, 24)
        return np.asarray(p / p.sum())

    def _plan_chain(
        self, lp: LineParams, rng: np.random.Generator
    ) -> tuple[list[ChainNumber], int]:
        ch = lp.chances
        n_days = len(self.days)
        if ch["starts_midway"] and n_days >= 6:
            start = self._time_on(int(rng.uniform(0.1, 0.5) * n_days), rng, 9, 20)
        else:
            start = self.t_start - int(rng.integers(20, 400)) * DAY
        chain = [ChainNumber(order=1, start=start, in_county=ch["handset_in_county"])]
        if start >= self.t_start:  # a new line opens with a text to the list it took over
            chain[0].announce_at = start + int(rng.uniform(0, 6) * HOUR)
        first_trading = max(start, self.t_start)
        span_start = (first_trading - self.t_start) / DAY
        changes: list[str] = []
        if ch["rebrand"]:
            changes.append("rebrand")
        elif ch["closure"]:
            changes.append("closure")
        if changes and ch["second_change"]:
            changes.append("rebrand" if rng.random() < 0.6 else "closure")
        at = span_start
        for kind in changes:
            lo = at + 0.25 * (n_days - at)
            hi = at + 0.8 * (n_days - at)
            if hi - lo < 1:
                break
            at = rng.uniform(lo, hi)
            current = chain[-1]
            if kind == "rebrand":
                notice = self._time_on(int(at), rng, 10, 20)
                takeover = notice + int(rng.uniform(0.5, 48) * HOUR)
                if takeover >= self.t_end - SUCCESSOR_MARGIN:
                    break
                current.notice_at, current.end, current.ended = notice, takeover, "rebranded"
                nxt_start = takeover
                announce = takeover + int(rng.uniform(0, 3) * HOUR) if rng.random() < 0.6 else None
            else:
                cut = self._time_on(int(at), rng, 0, 24)
                current.end, current.ended = cut, "closed_type2"
                if not ch["successor"]:
                    break
                nxt_start = cut + int(rng.uniform(0.5, 7) * DAY)
                if nxt_start >= self.t_end - SUCCESSOR_MARGIN:
                    current.end, current.ended = NEVER, "active"  # no cut after all
                    break
                announce = (
                    nxt_start + int(rng.uniform(0, 4) * HOUR) if ch["announce_successor"] else None
                )
            same_county = rng.random() < 0.7
            chain.append(
                ChainNumber(
                    order=len(chain) + 1,
                    start=nxt_start,
                    announce_at=announce,
                    in_county=current.in_county if same_county else not current.in_county,
                    same_handset_as_previous=ch["same_handset"],
                )
            )
            at = (nxt_start - self.t_start) / DAY
        for number in chain:
            if ch["handset_swap"]:
                lo = max(number.start, self.t_start) + DAY
                hi = min(number.end, self.t_end) - DAY
                if hi > lo:
                    number.swap_at = int(rng.integers(lo, hi))
        return chain, start

    def _empty_customers(self, chain_len: int) -> Customers:
        z = np.zeros(0, dtype=np.int64)
        f = np.zeros(0, dtype=np.float64)
        return Customers(z, f, f, z, z, np.zeros((0, chain_len)), z.astype(bool))

    def _delays(self, chain: list[ChainNumber], n: int, rng: np.random.Generator) -> F64:
        """Seconds after each successor starts before each customer switches to it (inf: never)."""
        delay = np.zeros((n, len(chain)))
        for k in range(1, len(chain)):
            prev = chain[k - 1]
            if prev.ended == "rebranded":
                d = rng.exponential(6 * HOUR, n)
                straggler = rng.random(n) < rng.uniform(0.1, 0.3)
                d[straggler] = rng.uniform(1, 4, int(straggler.sum())) * DAY
            elif chain[k].announce_at is not None:
                d = rng.exponential(12 * HOUR, n)
                d[rng.random(n) > rng.uniform(0.5, 0.9)] = INF
            else:
                d = rng.uniform(0.5, 5, n) * DAY
                d[rng.random(n) > rng.uniform(0.3, 0.7)] = INF
            delay[:, k] = d
        return delay

    def _customer_arrays(
        self, line: LinePlan, persons: I64, rng: np.random.Generator, join_from: int | None = None
    ) -> Customers:
        lp = line.params
        n = persons.size
        dependent = rng.random(n) < lp.v("dependent_share")
        mean = np.where(
            dependent, lp.v("dependent_orders_per_week"), lp.v("occasional_orders_per_week")
        )
        rate = mean * rng.lognormal(-0.125, 0.5, n)
        s = lp.v("order_sms_share")
        p_sms = rng.beta(s * 5 + 0.1, (1 - s) * 5 + 0.1, n)
        if join_from is not None:
            start = join_from + rng.integers(DAY, 7 * DAY, n)
        elif line.start < self.t_start:
            joins = rng.random(n) < 0.2
            start = np.where(
                joins,
                self.t_start + rng.integers(0, max(DAY, self.t_end - self.t_start), n),
                line.start,
            )
        else:
            start = line.start + (rng.exponential(10, n) * DAY).astype(np.int64)
            start[: max(1, n // 3)] = line.start  # the list it launched with
        monthly = lp.v("churn_per_month")
        life = rng.exponential(30 * DAY / max(monthly, 1e-3), n).astype(np.int64)
        end = np.maximum(start, self.t_start) + life
        delay = self._delays(line.chain, n, rng)
        for k in range(1, len(line.chain)):  # who joins later only ever knew the newer number
            delay[start >= line.chain[k].start, k] = 0.0
        # customers who never find the successor stop a few days after the cut
        for k in range(1, len(line.chain)):
            lost = ~np.isfinite(delay[:, k])
            cut = line.chain[k - 1].end
            end[lost] = np.minimum(end[lost], cut + rng.integers(DAY, 5 * DAY, int(lost.sum())))
        last = line.chain[-1]
        if last.ended == "closed_type2":
            end = np.minimum(end, last.end + rng.integers(DAY, 5 * DAY, n))
        return Customers(
            persons, rate, p_sms, start.astype(np.int64), end.astype(np.int64), delay, dependent
        )

    def _plan_customers(self, line: LinePlan, county: I64, rng: np.random.Generator) -> Customers:
        n = int(line.params.v("customers"))
        previous = np.unique(
            np.concatenate([c.customers.person for c in self.lines] or [county[:0]])
        )
        n_shared = min(previous.size, round(line.params.v("shared_customers") * n))
        if line.start >= self.t_start and previous.size:  # a new line launches on a stolen list
            n_shared = min(previous.size, max(n_shared, n // 3))
        shared = rng.choice(previous, size=n_shared, replace=False) if n_shared else county[:0]
        pool = county[~np.isin(county, previous) & ~self.used[county]]
        weights = 1.0 / (
            0.5 + self.pop.activity[pool] / max(1e-9, self.cfg.v("calls_per_person_day"))
        )
        k = min(pool.size, n - n_shared)
        fresh = (
            rng.choice(pool, size=k, replace=False, p=weights / weights.sum()) if k else pool[:0]
        )
        persons = np.concatenate([shared, fresh]).astype(np.int64)
        return self._customer_arrays(line, persons, rng)

    def _plan_runners(
        self, line: LinePlan, hub: I64, county: I64, rng: np.random.Generator
    ) -> None:
        lp = line.params
        pop, cells = self.pop, self.cells
        n = int(lp.v("runners"))
        local = rng.random(n) < lp.v("local_runner_share")
        local[0] = False  # at least one goes country
        holder_cell = pop.home[line.holder]
        dist = cells.distance_km(pop.home[hub], np.full(hub.size, holder_cell))
        nearby = hub[dist < 6]
        customers = line.customers.person
        for i in range(n):
            if local[i]:
                cand = county[~np.isin(county, customers)]
                person = int(self._pick_people(rng, cand, 1)[0])
            else:
                person = int(self._pick_people(rng, nearby if nearby.size > 20 else hub, 1)[0])
            self.used[person] = True
            pop.rhythm[person] = 1  # young and up late: a night owl's day
            hh = pop.household[person]
            members = np.flatnonzero(pop.household[: pop.n_people] == hh)
            line.runners.append(
                RunnerPlan(
                    person=person,
                    under_18=bool(rng.random() < lp.v("under_18_share")),
                    base="county" if local[i] else "hub",
                    in_county=np.zeros(len(self.days), dtype=bool),
                    household=members[members != person].astype(np.int64),
                )
            )

    def _plan_cuckoos(self, line: LinePlan, rng: np.random.Generator) -> None:
        c = line.customers
        taken = {ck.occupant for other in self.lines for ck in other.cuckoos}
        cand = np.flatnonzero(c.dependent & (self.pop.area[c.person] == COUNTY))
        cand = np.array([i for i in cand.tolist() if int(c.person[i]) not in taken], dtype=np.int64)
        if cand.size == 0:
            cand = np.arange(c.person.size)
        lo = max(line.start, self.t_start)
        hi = line.chain[-1].end if line.status == "closed_type2" else self.t_end
        # each address is used for a while: at least MIN_CUCKOO_DAYS, or one address only
        k = min(
            int(line.params.v("cuckoos")), cand.size, max(1, (hi - lo) // (MIN_CUCKOO_DAYS * DAY))
        )
        if k == 0:
            return
        chosen = rng.choice(cand, size=k, replace=False)
        shares = np.cumsum(rng.dirichlet(np.full(k, 4.0)))[:-1]
        cuts = (lo + shares * (hi - lo)).astype(np.int64)
        bounds = np.concatenate([[lo], cuts, [hi]])
        for i, ci in enumerate(chosen.tolist()):
            before = 30 * DAY if line.start < self.t_start else 0  # in use before day one
            s = int(bounds[i]) - (int(rng.integers(0, 3 * DAY)) if i else before)
            e = int(bounds[i + 1]) + (int(rng.integers(0, 3 * DAY)) if i < k - 1 else 30 * DAY)
            person = int(c.person[ci])
            line.cuckoos.append(Cuckoo(person, int(self.pop.home[person]), s, e))
            c.start[ci] = min(int(c.start[ci]), s)
            c.end[ci] = max(int(c.end[ci]), min(e, hi))
            c.dependent[ci] = True

    def _cuckoo_cell(self, line: LinePlan, day: int, runner: int, rng: np.random.Generator) -> int:
        t = self.days[day].utc_start + 12 * HOUR
        active = [ck for ck in line.cuckoos if ck.start <= t < ck.end]
        if active:
            return active[runner % len(active)].cell
        # no address that night: a hotel or friend's flat somewhere in the town
        county = self.cells.county
        return int(county[int(rng.integers(0, county.size))])

    def _plan_schedules(self, line: LinePlan, rng: np.random.Generator) -> None:
        """Stints in the county, travel days and the duty runner (see module doc)."""
        lp = line.params
        loc = self.locator
        n_days = len(self.days)
        runners = line.runners
        state = np.array([r.base == "county" or rng.random() < 0.5 for r in runners])
        remaining = np.array(
            [int(rng.integers(1, max(2, int(lp.v("stint_days"))) + 1)) for _ in runners]
        )
        home_since = np.zeros(len(runners), dtype=np.int64)
        for d in range(line.first_day, line.last_day + 1):
            for i, r in enumerate(runners):
                if r.base == "county":
                    state[i] = True
                    continue
                remaining[i] -= 1
                if remaining[i] <= 0:
                    state[i] = not state[i]
                    mean = lp.v("stint_days") if state[i] else lp.v("home_days")
                    remaining[i] = max(2 if state[i] else 1, int(rng.poisson(mean)))
                    home_since[i] = d
            if not state.any():
                hub_idx = [i for i, r in enumerate(runners) if r.base == "hub"]
                i = min(hub_idx, key=lambda j: (home_since[j], j))
                state[i] = True
                remaining[i] = max(2, int(rng.poisson(lp.v("stint_days"))))
            for i, r in enumerate(runners):
                r.in_county[d] = bool(state[i])
        already_trading = line.start < self.t_start
        for i, r in enumerate(runners):
            prev = bool(r.in_county[0]) and already_trading
            for d in range(n_days):
                day = self.days[d]
                now = bool(r.in_county[d])
                if r.base == "county":
                    if now:
                        home = int(self.pop.home[r.person])
                        cell = self._cuckoo_cell(line, d, i, rng) if rng.random() < 0.3 else home
                        r.night_cell[d] = cell
                        loc.set_plan(r.person, day.utc_start, COUNTY_LOCAL, cell)
                    elif prev:
                        loc.set_plan(r.person, day.utc_start, NORMAL)
                    prev = now
                    continue
                if now:
                    cell = self._cuckoo_cell(line, d, i, rng)
                    r.night_cell[d] = cell
                    if not prev:
                        dep = self._time_on(d, rng, 9, 18)
                        arr = dep + int(rng.uniform(1.5, 2.5) * HOUR)
                        r.travel[d] = ("to_county", dep, arr)
                        loc.set_plan(r.person, day.utc_start, NORMAL)
                        loc.set_plan(r.person, dep, TRAVEL_OUT, cell, arr)
                        loc.set_plan(r.person, arr, COUNTY_STAY, cell)
                    else:
                        loc.set_plan(r.person, day.utc_start, COUNTY_STAY, cell)
                elif prev:
                    dep = self._time_on(d, rng, 10, 16)
                    arr = dep + int(rng.uniform(1.5, 2.5) * HOUR)
                    r.travel[d] = ("to_hub", dep, arr)
                    loc.set_plan(r.person, dep, TRAVEL_BACK, -1, arr)
                    loc.set_plan(r.person, arr, NORMAL)
                prev = now
        duty = -1
        for d in range(line.first_day, line.last_day + 1):
            here = [i for i, r in enumerate(runners) if r.in_county[d] and d not in r.travel]
            if not here:
                here = [i for i, r in enumerate(runners) if r.in_county[d]]
            if duty not in here:
                duty = here[int(rng.integers(0, len(here)))] if here else -1
            line.duty[d] = duty

    def _register_numbers(self, line: LinePlan, rng: np.random.Generator) -> None:
        directory = self.directory
        numbers = directory.ids.mobiles(len(line.chain))
        last_imei = -1
        for number, text in zip(line.chain, numbers, strict=True):
            (party,) = directory.add([text], MOBILE, carriers=line.holder).tolist()
            number.party = party
            directory.set_window(party, number.start, number.end)
            if number.same_handset_as_previous and last_imei >= 0:
                directory.imei.static[party] = last_imei
            last_imei = int(directory.imei.static[party])
            if number.swap_at is not None:
                (new_imei,) = directory.new_imeis(1)
                directory.imei.set_from(party, number.swap_at, new_imei)
                last_imei = new_imei
            if number.in_county:
                for d in range(len(self.days)):
                    day = self.days[d]
                    if day.utc_end <= number.start or day.utc_start >= number.end:
                        continue
                    duty = int(line.duty[d])
                    carrier = line.runners[duty].person if duty >= 0 else line.holder
                    directory.carrier.set_from(party, max(day.utc_start, number.start), carrier)

    def _migrate_orphans(self, rng: np.random.Generator) -> None:
        """Customers of a line that closed for good move, in part, to lines still trading."""
        for line in self.lines:
            if line.status != "closed_type2":
                continue
            cut = line.chain[-1].end
            rivals = [o for o in self.lines if o is not line and o.chain[-1].end > cut + 7 * DAY]
            if not rivals:
                continue
            c = line.customers
            movers = np.flatnonzero((c.end >= cut) & (rng.random(c.person.size) < 0.5))
            for i in movers.tolist():
                rival = rivals[int(rng.integers(0, len(rivals)))]
                person = int(c.person[i])
                if person in set(rival.customers.person.tolist()):
                    continue
                new = self._customer_arrays(rival, np.array([person]), rng, join_from=cut)
                new.rate[:] = c.rate[i]
                new.p_sms[:] = c.p_sms[i]
                new.delay[:] = 0.0
                rival.customers.append(new)
                rival.joined_from[person] = line.line_id

    # ------------------------------------------------------------------ daily events

    def day(self, day: Day, rng: np.random.Generator) -> Events:
        """All lines' events on ``day`` (``rng``: the ``lines_day`` stream of the day)."""
        parts: list[Events] = []
        for line in self.lines:
            parts += self._line_day(line, day, rng)
        return Events.concat(parts)

    def _party(self, persons: I64, t: I64) -> I64:
        return self.directory.person_party.at(persons, t)

    def _live_number(self, line: LinePlan, t: I64) -> I64:
        """Index in the chain of the number trading at each ``t`` (-1: none)."""
        out = np.full(t.size, -1, dtype=np.int64)
        for k, number in enumerate(line.chain):
            out[(t >= number.start) & (t < number.end)] = k
        return out

    def _bulk(
        self,
        line: LinePlan,
        k: int,
        t0: int,
        recipients: I64,
        spread: float,
        source: int,
        rng: np.random.Generator,
    ) -> Events:
        if recipients.size == 0:
            return Events.empty()
        offsets = np.sort(rng.uniform(0, spread, recipients.size)).astype(np.int64)
        t = t0 + offsets
        b = self._party(rng.permutation(recipients), t)
        return Events.make(t, line.chain[k].party, b, SMS, -1, source)

    def _list_at(self, line: LinePlan, t: int, lapsed_days: int) -> I64:
        """Customers who are on the line's list at ``t`` (lapsed up to ``lapsed_days`` ago)."""
        c = line.customers
        on = (c.start <= t) & (c.end + lapsed_days * DAY > t)
        return c.person[on]

    def _line_day(self, line: LinePlan, day: Day, rng: np.random.Generator) -> list[Events]:
        lp = line.params
        out: list[Events] = []
        c = line.customers
        chain = line.chain
        s_day, e_day = day.utc_start, day.utc_end
        induced_c: list[I64] = []
        induced_t: list[I64] = []

        # marketing, launch and new-number texts
        if line.first_day <= day.index <= line.last_day:
            for _ in range(int(rng.poisson(lp.v("bulk_per_week") / 7))):
                t0 = int(day.to_utc(sample_seconds(rng, 1, MARKETING))[0])
                k = int(self._live_number(line, np.array([t0]))[0])
                if k < 0:
                    continue
                on_list = self._list_at(line, t0, 21)
                reach = on_list[rng.random(on_list.size) < lp.v("bulk_reach")]
                strangers = line.strangers[rng.random(line.strangers.size) < lp.v("bulk_reach")]
                out.append(
                    self._bulk(
                        line,
                        k,
                        t0,
                        np.concatenate([reach, strangers]),
                        lp.v("bulk_spread_s"),
                        Source.MARKETING,
                        rng,
                    )
                )
                ordering = np.flatnonzero(
                    np.isin(c.person, reach) & (rng.random(c.person.size) < 0.06)
                )
                induced_c.append(ordering)
                induced_t.append(
                    t0 + rng.lognormal(np.log(40 * 60), 0.7, ordering.size).astype(np.int64)
                )
        for k, number in enumerate(chain):
            if number.notice_at is not None and s_day <= number.notice_at < e_day:
                on_list = self._list_at(line, number.notice_at, 60)
                reach = on_list[rng.random(on_list.size) < rng.uniform(0.9, 1.0)]
                out.append(
                    self._bulk(
                        line,
                        k,
                        number.notice_at,
                        reach,
                        rng.uniform(30, 300),
                        Source.NEW_NUMBER_NOTICE,
                        rng,
                    )
                )
            launch = number.announce_at
            if launch is not None and s_day <= launch < e_day:
                on_list = self._list_at(line, launch, 60)
                reach = on_list[rng.random(on_list.size) < 0.85]
                strangers = line.strangers if k == 0 else line.strangers[:0]
                out.append(
                    self._bulk(
                        line,
                        k,
                        launch,
                        np.concatenate([reach, strangers]),
                        rng.uniform(20, 240),
                        Source.NEW_NUMBER_NOTICE,
                        rng,
                    )
                )

        # orders
        active = np.flatnonzero((c.start < e_day) & (c.end > s_day))
        lam = c.rate[active] / 7 * line.weekday[day.weekday]
        ci = np.repeat(active, rng.poisson(lam))
        t = day.to_utc(sample_seconds(rng, ci.size, line.profile))
        if induced_c:
            ci = np.concatenate([ci, *induced_c])
            t = np.concatenate([t, *induced_t])
        keep = (t >= c.start[ci]) & (t < c.end[ci]) & (t >= chain[0].start)
        ci, t = ci[keep], t[keep]
        j = np.zeros(ci.size, dtype=np.int64)
        for k in range(1, len(chain)):
            j += t >= chain[k].start + c.delay[ci, k]
        deal_party = np.array([n.party for n in chain], dtype=np.int64)[j]
        ends = np.array([n.end for n in chain], dtype=np.int64)[j]
        live = t < ends
        cust = self._party(c.person[ci], t)
        line.seen_customers.update(np.unique(cust).tolist())
        out += self._dead_attempts(cust[~live], deal_party[~live], t[~live], rng)
        out += self._orders(
            line, day, cust[live], deal_party[live], t[live], c.p_sms[ci[live]], j[live], rng
        )
        out += self._staff(line, day, rng)
        return [self._within_life(line, Events.concat(out))]

    def _within_life(self, line: LinePlan, ev: Events) -> Events:
        """A deal number starts nothing outside its life (a reply due after the switch is never
        sent); what is sent to it outside its life is an attempt that reaches no handset."""
        if not len(ev):
            return ev
        keep = np.ones(len(ev), dtype=bool)
        for n in line.chain:
            sent = ev.a == n.party
            keep &= ~(sent & ((ev.t < n.start) | (ev.t >= n.end)))
            late = (ev.b == n.party) & ((ev.t < n.start) | (ev.t >= n.end))
            ev.source[late] = Source.DEAD_NUMBER_ATTEMPT
            ev.duration[late & (ev.kind == VOICE)] = 0
        return ev.take(keep)

    def _dead_attempts(
        self, cust: I64, deal: I64, t: I64, rng: np.random.Generator
    ) -> list[Events]:
        """Orders to a number that is off: the attempt is recorded, nothing answers."""
        if not cust.size:
            return []
        sms = rng.random(cust.size) < 0.6
        first = Events.make(t, cust, deal, np.where(sms, SMS, VOICE), 0, Source.DEAD_NUMBER_ATTEMPT)
        again = rng.random(cust.size) < 0.4
        retry_t = t[again] + rng.integers(120, 1800, int(again.sum()))
        second = Events.make(
            retry_t, cust[again], deal[again], VOICE, 0, Source.DEAD_NUMBER_ATTEMPT
        )
        return [first, second]

    def _short_calls(self, rng: np.random.Generator, n: int, median: float) -> I64:
        return np.clip(rng.lognormal(np.log(median), 0.6, n), 4, 300).astype(np.int64)

    def _orders(
        self,
        line: LinePlan,
        day: Day,
        cust: I64,
        deal: I64,
        t: I64,
        p_sms: F64,
        j: I64,
        rng: np.random.Generator,
    ) -> list[Events]:
        lp = line.params
        n = cust.size
        if n == 0:
            return []
        out: list[Events] = []
        sms = rng.random(n) < p_sms
        dur = self._short_calls(rng, n, 25)
        missed = ~sms & (rng.random(n) < 0.1)
        dur[missed] = 0
        out.append(Events.make(t, cust, deal, np.where(sms, SMS, VOICE), dur, Source.ORDER))
        retry = np.flatnonzero(missed)
        out.append(
            Events.make(
                t[retry] + rng.integers(60, 300, retry.size),
                cust[retry],
                deal[retry],
                VOICE,
                self._short_calls(rng, retry.size, 20),
                Source.ORDER,
            )
        )
        reply = np.flatnonzero(rng.random(n) < lp.v("reply_p"))
        r_sms = rng.random(reply.size) < np.where(sms[reply], 0.8, 0.5)
        r_t = t[reply] + np.clip(rng.lognormal(np.log(90), 0.8, reply.size), 5, 1800).astype(
            np.int64
        )
        out.append(
            Events.make(
                r_t,
                deal[reply],
                cust[reply],
                np.where(r_sms, SMS, VOICE),
                self._short_calls(rng, reply.size, 15),
                Source.LINE_REPLY,
            )
        )
        chase = np.flatnonzero(rng.random(n) < lp.v("chaser_p"))
        out.append(
            Events.make(
                t[chase] + rng.integers(600, 2700, chase.size),
                cust[chase],
                deal[chase],
                VOICE,
                self._short_calls(rng, chase.size, 20),
                Source.ORDER,
            )
        )
        # pass the order to a runner
        here = [i for i, r in enumerate(line.runners) if r.in_county[day.index]]
        in_county = np.array([line.chain[k].in_county for k in j.tolist()], dtype=bool)
        duty = int(line.duty[day.index])
        p_dispatch = np.where(in_county, 0.25, 0.85)
        others = [i for i in here if i != duty]
        if here:
            go = np.flatnonzero(rng.random(n) < p_dispatch)
            go = go[~in_county[go] | (len(others) > 0)]
            pick_hub = np.array(here)[rng.integers(0, len(here), go.size)]
            pick_cty = np.array(others or here)[rng.integers(0, len(others or here), go.size)]
            who = np.where(in_county[go], pick_cty, pick_hub)
            d_t = t[go] + np.clip(rng.lognormal(np.log(120), 0.8, go.size), 10, 1200).astype(
                np.int64
            )
            runner_party = self._party(
                np.array([line.runners[i].person for i in who.tolist()], dtype=np.int64), d_t
            )
            d_call = rng.random(go.size) < lp.v("dispatch_call_share")
            sender = deal[go]
            by_holder = ~in_county[go] & (rng.random(go.size) < 0.2)  # from his own phone
            sender[by_holder] = self._party(
                np.full(int(by_holder.sum()), line.holder), d_t[by_holder]
            )
            out.append(
                Events.make(
                    d_t,
                    sender,
                    runner_party,
                    np.where(d_call, VOICE, SMS),
                    self._short_calls(rng, go.size, 20),
                    Source.DISPATCH,
                )
            )
            direct = np.flatnonzero(rng.random(n) < lp.v("direct_runner_p"))
            who = np.array(here)[rng.integers(0, len(here), direct.size)]
            dr_t = t[direct] + rng.integers(600, 2400, direct.size)
            dr_party = self._party(
                np.array([line.runners[i].person for i in who.tolist()], dtype=np.int64), dr_t
            )
            out.append(
                Events.make(
                    dr_t,
                    dr_party,
                    cust[direct],
                    VOICE,
                    self._short_calls(rng, direct.size, 20),
                    Source.RUNNER_CUSTOMER,
                )
            )
        return out

    def _staff(self, line: LinePlan, day: Day, rng: np.random.Generator) -> list[Events]:
        """Holder <-> runners, holder <-> deal phone, travel calls, parents, occupants."""
        lp = line.params
        out: list[Events] = []
        d = day.index
        trading = line.first_day <= d <= line.last_day
        holder = np.array([line.holder], dtype=np.int64)
        for r in line.runners:
            rate = lp.v("holder_runner_per_day") * (1.0 if r.in_county[d] else 0.25)
            if not trading:
                rate *= 0.15
            n = int(rng.poisson(rate))
            if n:
                t = day.to_utc(sample_seconds(rng, n, line.profile))
                h = self._party(np.repeat(holder, n), t)
                rp = self._party(np.full(n, r.person), t)
                from_holder = rng.random(n) < 0.55
                sms = rng.random(n) < 0.5
                out.append(
                    Events.make(
                        t,
                        np.where(from_holder, h, rp),
                        np.where(from_holder, rp, h),
                        np.where(sms, SMS, VOICE),
                        self._short_calls(rng, n, 40),
                        Source.HOLDER_RUNNER,
                    )
                )
            if d in r.travel:
                _, dep, arr = r.travel[d]
                for when in (dep, arr):
                    if rng.random() < 0.6:
                        tt = np.array([when + int(rng.integers(0, 900))])
                        out.append(
                            Events.make(
                                tt,
                                self._party(np.array([r.person]), tt),
                                self._party(holder, tt),
                                VOICE,
                                self._short_calls(rng, 1, 30),
                                Source.HOLDER_RUNNER,
                            )
                        )
            if r.in_county[d] and r.under_18 and r.base == "hub" and r.household.size:
                n = int(rng.poisson(0.8))
                if n:
                    t = day.to_utc(sample_seconds(rng, n, TRADING))
                    parent = r.household[rng.integers(0, r.household.size, n)]
                    sms = rng.random(n) < 0.3
                    dur = self._short_calls(rng, n, 45)
                    dur[rng.random(n) < 0.5] = 0
                    out.append(
                        Events.make(
                            t,
                            self._party(parent, t),
                            self._party(np.full(n, r.person), t),
                            np.where(sms, SMS, VOICE),
                            dur,
                            Source.PARENT_CALL,
                        )
                    )
            cell = r.night_cell.get(d)
            occupants = [ck.occupant for ck in line.cuckoos if ck.cell == cell]
            if r.in_county[d] and occupants:
                n = int(rng.poisson(0.3))
                if n:
                    t = day.to_utc(sample_seconds(rng, n, TRADING))
                    out.append(
                        Events.make(
                            t,
                            self._party(np.full(n, r.person), t),
                            self._party(np.full(n, occupants[0]), t),
                            VOICE,
                            self._short_calls(rng, n, 20),
                            Source.RUNNER_CUSTOMER,
                        )
                    )
        if trading:
            n = int(rng.poisson(lp.v("holder_deal_per_day")))
            if n:
                t = day.to_utc(sample_seconds(rng, n, line.profile))
                k = self._live_number(line, t)
                county_phone = np.array([line.chain[i].in_county for i in k.tolist()], dtype=bool)
                ok = (k >= 0) & (county_phone | (rng.random(n) < 0.1))
                t, k = t[ok], k[ok]
                if t.size:
                    deal = np.array([line.chain[i].party for i in k.tolist()], dtype=np.int64)
                    h = self._party(np.repeat(holder, t.size), t)
                    from_holder = rng.random(t.size) < 0.5
                    sms = rng.random(t.size) < 0.4
                    out.append(
                        Events.make(
                            t,
                            np.where(from_holder, h, deal),
                            np.where(from_holder, deal, h),
                            np.where(sms, SMS, VOICE),
                            self._short_calls(rng, t.size, 60),
                            Source.HOLDER_DEAL_PHONE,
                        )
                    )
        return out
