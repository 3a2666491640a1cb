"""Where a person is at a given instant: the cell serving their phone.

Ordinary people (``Population``) sleep at home (22:00-07:00 local), spend
weekday working hours at their day cell when they have one (and are not off
that day: 12 % of working days), commuters ride the route between 07:00-09:00
and 17:00-19:00, and in any two-hour daytime block they may be out
(``roam_p``): at their favourite place or somewhere else in their area.
Some hub people spend weekend days in the county (``visitor``). Business desks
(``fixed``) never move.

People with a *plan* (runners) follow it instead: a plan row says what they
are doing from a time on: living normally, staying in the county (nights at a
cuckooed address, days around the county town), travelling hub -> county or
back along the route cells, or living in the county as a local.

Decisions that must hold for a while (working today, out this afternoon)
come from :func:`~countylines.simulate.randomness.hash_uniform` keyed by
person and day or block, so two events minutes apart agree. The one
per-event draw is the neighbouring-cell noise (``neighbour_cell_p``).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from countylines.simulate.clock import DAY, HOUR, utc_to_local
from countylines.simulate.config import ScenarioConfig
from countylines.simulate.geography import HUB, Cells
from countylines.simulate.population import Population
from countylines.simulate.randomness import hash_choice, hash_uniform
from countylines.simulate.timeline import Timeline

I64 = npt.NDArray[np.int64]

NORMAL, COUNTY_STAY, TRAVEL_OUT, TRAVEL_BACK, COUNTY_LOCAL = 0, 1, 2, 3, 4
PLAN_NAMES = {
    NORMAL: "normal",
    COUNTY_STAY: "county_stay",
    TRAVEL_OUT: "travel_to_county",
    TRAVEL_BACK: "travel_to_hub",
    COUNTY_LOCAL: "county_local",
}


class Locator:
    """Cells of people at instants (see module doc)."""

    def __init__(self, cfg: ScenarioConfig, cells: Cells, pop: Population) -> None:
        self.seed = cfg.seed
        self.cells = cells
        self.pop = pop
        self.neighbour_p = cfg.v("neighbour_cell_p")
        self.roam_p = cfg.v("roam_p")
        self.plan = Timeline(np.full(pop.n, -1, dtype=np.int64))
        self._kind: list[int] = []
        self._cell: list[int] = []
        self._t0: list[int] = []
        self._t1: list[int] = []
        self._arrays: tuple[I64, I64, I64, I64] | None = None

    def grow(self) -> None:
        """Make room for people appended to the population since construction."""
        if self.plan.static.size < self.pop.n:
            self.plan.extend(np.full(self.pop.n - self.plan.static.size, -1, dtype=np.int64))

    def set_plan(self, person: int, start: int, kind: int, cell: int = -1, end: int = 0) -> None:
        """From UTC ``start`` on, ``person`` follows plan ``kind`` (cell: the night cell;
        ``end``: arrival time for travel)."""
        self._kind.append(kind)
        self._cell.append(cell)
        self._t0.append(start)
        self._t1.append(max(end, start + 1))
        self.plan.set_from(person, start, len(self._kind) - 1)
        self._arrays = None

    def plan_rows(self) -> tuple[I64, I64, I64, I64]:
        """Plan kind, cell, start and end arrays."""
        if self._arrays is None:
            self._arrays = (
                np.array(self._kind, dtype=np.int64),
                np.array(self._cell, dtype=np.int64),
                np.array(self._t0, dtype=np.int64),
                np.array(self._t1, dtype=np.int64),
            )
        return self._arrays

    def _route(self, progress: npt.NDArray[np.float64]) -> I64:
        route = self.cells.route
        i = np.clip(np.round(progress * (route.size - 1)), 0, route.size - 1).astype(np.int64)
        return route[i].astype(np.int64)

    def _area_cell(self, area: npt.NDArray[np.int8], salt: int, *keys: I64) -> I64:
        hub, county = self.cells.hub, self.cells.county
        return np.where(
            area == HUB,
            hub[hash_choice(self.seed, salt, hub.size, *keys)],
            county[hash_choice(self.seed, salt + 1, county.size, *keys)],
        ).astype(np.int64)

    def where(self, person: I64, t: I64, rng: np.random.Generator) -> I64:
        """Cell index of each ``person[i]`` at UTC ``t[i]``; -1 where person is -1."""
        out = np.full(person.shape, -1, dtype=np.int64)
        sel = np.flatnonzero(person >= 0)
        if not sel.size:
            return out
        p, tt = person[sel], t[sel]
        pop, seed, cells = self.pop, self.seed, self.cells
        local = utc_to_local(tt)
        lday = local // DAY
        sod = local % DAY
        hour = sod // HOUR
        weekend = (lday + 3) % 7 >= 5  # 1970-01-01 was a Thursday
        block = lday * 12 + hour // 2

        cell = pop.home[p].copy()
        on_today = hash_uniform(seed, 11, p, lday) > 0.12
        working = (~weekend) & (hour >= 9) & (hour < 17) & (pop.work[p] >= 0) & on_today
        cell = np.where(working, pop.work[p], cell)
        com = pop.commuter[p] & (~weekend) & on_today
        morning = com & (sod >= 7 * HOUR) & (sod < 9 * HOUR)
        evening = com & (sod >= 17 * HOUR) & (sod < 19 * HOUR)
        cell = np.where(morning, self._route(1 - (sod - 7 * HOUR) / (2 * HOUR)), cell)
        cell = np.where(evening, self._route((sod - 17 * HOUR) / (2 * HOUR)), cell)
        out_now = (hour >= 8) & (hour < 22) & ~working & ~morning & ~evening
        roam = out_now & (hash_uniform(seed, 12, p, block) < self.roam_p)
        elsewhere = self._area_cell(pop.area[p], 13, p, block)
        roam_cell = np.where(hash_uniform(seed, 15, p, block) < 0.5, pop.fav[p], elsewhere)
        cell = np.where(roam, roam_cell, cell)
        visiting = (
            (pop.visitor[p] > 0)
            & weekend
            & (hour >= 10)
            & (hour < 21)
            & (hash_uniform(seed, 16, p, lday) < pop.visitor[p])
        )
        if visiting.any():
            cty = cells.county
            cell = np.where(visiting, cty[hash_choice(seed, 17, cty.size, p, block)], cell)
        cell = np.where(pop.fixed[p], pop.home[p], cell)

        row = self.plan.at(p, tt)
        planned = np.flatnonzero(row >= 0)
        if planned.size:
            kind, pcell, t0, t1 = (a[row[planned]] for a in self.plan_rows())
            pp, ph, pl, pt = p[planned], hour[planned], lday[planned], tt[planned]
            night = (ph < 9) | (ph >= 22)
            cty = cells.county
            around = cty[hash_choice(seed, 18, cty.size, pp, pl * 24 + ph)]
            stay_here = hash_uniform(seed, 19, pp, pl * 24 + ph) < 0.35
            progress = (pt - t0) / np.maximum(t1 - t0, 1)
            new = cell[planned]
            new = np.where(kind == COUNTY_STAY, np.where(night | stay_here, pcell, around), new)
            new = np.where(
                kind == COUNTY_LOCAL,
                np.where(night | (hash_uniform(seed, 20, pp, pl * 24 + ph) < 0.3), pcell, around),
                new,
            )
            travelling = (kind == TRAVEL_OUT) | (kind == TRAVEL_BACK)
            if travelling.any():
                prog = np.where(kind == TRAVEL_OUT, progress, 1 - progress)
                new = np.where(travelling, self._route(np.clip(prog, 0, 1)), new)
            cell[planned] = new

        noisy = rng.random(cell.size) < self.neighbour_p
        if noisy.any():
            cell[noisy] = cells.neighbours[cell[noisy], rng.integers(0, 3, int(noisy.sum()))]
        out[sel] = cell
        return out
