"""The background population: people, their homes and workplaces, their social network.

Most events in a scenario are ordinary people calling and texting each other.
Each person lives in the hub or the county (``county_share``), has a home
cell (shared with their household), maybe a day cell (work or school) on
weekdays, a favourite "third place", a daily rhythm (standard, night owl or
early riser) and a personal activity level (log-normal around
``calls_per_person_day``).

The social network is small-world (high clustering, short paths), built from:

* households (sizes after the 2021 Census of England and Wales: about 30 %
  one person, 34 % two, 16 % three, 13 % four, 7 % five or more), all members
  tied to each other, strong ties;
* two layers of overlapping friend groups of 4-12 people drawn from nearby
  homes (sorting people along a random direction through their home cells,
  with noise, then cutting the order into groups); each pair tied with
  probability 0.55;
* work teams of 3-8 people sharing a day cell (weak ties);
* acquaintances: ``weak_ties`` on average, mostly in the same area,
  ``cross_area_share`` in the other (family in London, friends in Clacton);
* heavy social users (``heavy_share``): 50-250 extra acquaintances and three
  times the activity: a decoy for "most contacts" rankings.

Each tie gets a log-normal strength and an asymmetry, so calling is reciprocal
but not symmetric, and a per-pair texting preference around the caller's own.
Events are drawn per day: a Poisson number per person, times from the
person's rhythm, the other party by tie strength, replies to texts and
call-backs after unanswered calls.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from countylines.simulate.clock import BACKGROUND_TYPES, Day, sample_seconds_typed
from countylines.simulate.config import ScenarioConfig
from countylines.simulate.directory import FOREIGN, LANDLINE, MOBILE, Directory
from countylines.simulate.events import SMS, VOICE, Events, Source
from countylines.simulate.geography import COUNTY, HUB, Cells

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]

#: Household sizes 1..5 and their shares (Census 2021, England and Wales, rounded).
HOUSEHOLD_SIZES = np.array([1, 2, 3, 4, 5])
HOUSEHOLD_SHARES = np.array([0.30, 0.34, 0.16, 0.13, 0.07])
#: Rhythm types: standard, night owl, early riser.
RHYTHM_SHARES = np.array([0.70, 0.18, 0.12])
#: Relative tie strengths by kind of tie.
STRENGTH = {"household": 6.0, "friend": 1.5, "work": 0.8, "weak": 0.35, "heavy": 0.25}
#: Weekday multipliers of social activity (Mon..Sun).
WEEKDAY_FACTOR = np.array([0.95, 0.95, 0.97, 1.0, 1.08, 1.05, 0.9])


@dataclass
class Population:
    """People (and fixed business desks, appended later) as parallel arrays.

    Attributes:
        area: HUB or COUNTY (int8).
        home, work, fav: cell indices (work -1 when none).
        rhythm: 0 standard, 1 night owl, 2 early riser.
        household: household id.
        commuter: lives in the county, works in the hub.
        visitor: chance per weekend day of a day out in the county (hub people).
        heavy: heavy social user.
        fixed: a business desk: always at its home cell, never social.
        activity: mean events started per day.
        sms_pref: the person's texting share.
        offsets, nbr, key, edge_sms: the directed tie list (CSR by source person);
            ``key[e] = source + cumulative share of e in the source's ties``, so that
            ``searchsorted(key, p + u)`` picks a tie of ``p`` by strength.
        foreign: has a contact abroad.
    """

    area: npt.NDArray[np.int8]
    home: I64
    work: I64
    fav: I64
    rhythm: I64
    household: I64
    commuter: npt.NDArray[np.bool_]
    visitor: F64
    heavy: npt.NDArray[np.bool_]
    fixed: npt.NDArray[np.bool_]
    activity: F64
    sms_pref: F64
    offsets: I64
    nbr: npt.NDArray[np.int32]
    key: F64
    edge_sms: npt.NDArray[np.float32]
    foreign: npt.NDArray[np.bool_]
    n_people: int

    @property
    def n(self) -> int:
        """People and desks."""
        return int(self.area.size)

    def ties(self, person: int) -> npt.NDArray[np.int32]:
        """The people ``person`` has ties to."""
        return self.nbr[self.offsets[person] : self.offsets[person + 1]]

    def add_fixed(self, cells: I64, area: int) -> I64:
        """Append business desks sitting at ``cells``; returns their person indices."""
        n = cells.size
        first = self.n
        self.area = np.concatenate([self.area, np.full(n, area, dtype=np.int8)])
        for name in ("home", "work", "fav"):
            setattr(self, name, np.concatenate([getattr(self, name), cells]))
        self.rhythm = np.concatenate([self.rhythm, np.zeros(n, dtype=np.int64)])
        self.household = np.concatenate([self.household, -1 - np.arange(first, first + n)])
        for name in ("commuter", "heavy", "foreign"):
            setattr(self, name, np.concatenate([getattr(self, name), np.zeros(n, dtype=bool)]))
        self.fixed = np.concatenate([self.fixed, np.ones(n, dtype=bool)])
        for name in ("visitor", "activity", "sms_pref"):
            setattr(self, name, np.concatenate([getattr(self, name), np.zeros(n)]))
        self.offsets = np.concatenate([self.offsets, np.full(n, self.offsets[-1])])
        return np.arange(first, first + n, dtype=np.int64)


def _pairs_in_groups(members: I64, sizes: I64, keep: float, rng: np.random.Generator) -> I64:
    """All pairs within consecutive groups of ``members`` (group sizes ``sizes``), each kept
    with probability ``keep``. Returns (k, 2)."""
    out = []
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    for s in np.unique(sizes):
        if s < 2:
            continue
        first = starts[sizes == s]
        block = members[first[:, None] + np.arange(s)[None, :]]
        i, j = np.triu_indices(int(s), 1)
        pairs = np.stack([block[:, i].ravel(), block[:, j].ravel()], axis=1)
        out.append(pairs[rng.random(len(pairs)) < keep])
    return np.concatenate(out) if out else np.zeros((0, 2), dtype=np.int64)


def _cut(n: int, low: int, high: int, rng: np.random.Generator) -> I64:
    """Group sizes in ``low..high`` summing to ``n``."""
    sizes = rng.integers(low, high + 1, size=n // low + 2)
    cum = np.cumsum(sizes)
    k = int(np.searchsorted(cum, n))
    sizes = sizes[: k + 1].copy()
    sizes[-1] -= int(cum[k] - n)
    return sizes[sizes > 0]


def _cell_weights(cells: Cells, idx: I64, rng: np.random.Generator, centre: bool) -> F64:
    """Log-normal weights of cells (residential or business density); ``centre`` favours the
    middle of the area."""
    w = rng.lognormal(0, 0.7, idx.size)
    if centre:
        lat0, lon0 = cells.lat[idx].mean(), cells.lon[idx].mean()
        d = np.hypot(cells.lat[idx] - lat0, (cells.lon[idx] - lon0) * 0.62)
        w = w / (0.02 + d)
    return np.asarray(w / w.sum())


def build_population(cfg: ScenarioConfig, cells: Cells, rng: np.random.Generator) -> Population:
    """People, homes, workplaces and the social network (``rng``: the ``population`` stream)."""
    v = cfg.v
    n = cfg.n_people
    n_county = max(1, round(n * v("county_share")))
    n_hub = n - n_county
    area = np.concatenate([np.full(n_hub, HUB), np.full(n_county, COUNTY)]).astype(np.int8)
    area_cells = {HUB: cells.hub.astype(np.int64), COUNTY: cells.county.astype(np.int64)}
    area_first = {HUB: 0, COUNTY: n_hub}
    area_size = {HUB: n_hub, COUNTY: n_county}

    home = np.zeros(n, dtype=np.int64)
    household = np.zeros(n, dtype=np.int64)
    next_household = 0
    hh_sizes_all = []
    for a in (HUB, COUNTY):
        size = area_size[a]
        if size == 0:
            continue
        sizes = rng.choice(HOUSEHOLD_SIZES, size=size + 1, p=HOUSEHOLD_SHARES)
        cum = np.cumsum(sizes)
        k = int(np.searchsorted(cum, size))
        sizes = sizes[: k + 1].copy()
        sizes[-1] -= int(cum[k] - size)
        sizes = sizes[sizes > 0]
        hh_sizes_all.append(sizes)
        ids = np.repeat(np.arange(sizes.size), sizes) + next_household
        next_household += sizes.size
        first = area_first[a]
        household[first : first + size] = ids
        cand = area_cells[a]
        hh_cell = rng.choice(cand, size=sizes.size, p=_cell_weights(cells, cand, rng, False))
        home[first : first + size] = np.repeat(hh_cell, sizes)

    work = np.full(n, -1, dtype=np.int64)
    commuter = np.zeros(n, dtype=bool)
    for a in (HUB, COUNTY):
        first, size = area_first[a], area_size[a]
        people = np.arange(first, first + size)
        workers = people[rng.random(size) < v("worker_share")]
        cand = area_cells[a]
        work[workers] = rng.choice(cand, size=workers.size, p=_cell_weights(cells, cand, rng, True))
        if a == COUNTY:
            com = workers[rng.random(workers.size) < v("commuter_share")]
            commuter[com] = True
            hub_w = _cell_weights(cells, area_cells[HUB], rng, True)
            work[com] = rng.choice(area_cells[HUB], size=com.size, p=hub_w)

    # third place: near home (a neighbour's neighbour) or somewhere central in the area
    near = cells.neighbours[cells.neighbours[home, rng.integers(0, 3, n)], rng.integers(0, 3, n)]
    central = np.zeros(n, dtype=np.int64)
    for a in (HUB, COUNTY):
        sel = area == a
        cand = area_cells[a]
        central[sel] = rng.choice(
            cand, size=int(sel.sum()), p=_cell_weights(cells, cand, rng, True)
        )
    fav = np.where(rng.random(n) < 0.6, near, central).astype(np.int64)

    rhythm = rng.choice(3, size=n, p=RHYTHM_SHARES).astype(np.int64)
    heavy = rng.random(n) < v("heavy_share")
    sigma = v("activity_sigma")
    activity = v("calls_per_person_day") * rng.lognormal(-(sigma**2) / 2, sigma, n)
    activity[heavy] *= 3
    s = v("sms_share")
    sms_pref = rng.beta(s * 6, (1 - s) * 6, n)
    visitor = np.where(
        (area == HUB) & (rng.random(n) < v("visitor_share")), rng.uniform(0.2, 0.6, n), 0.0
    )
    foreign = rng.random(n) < v("foreign_contact_share")

    # ---- ties
    parts: list[I64] = []
    strengths: list[F64] = []

    def add(pairs: I64, kind: str) -> None:
        parts.append(pairs)
        strengths.append(np.full(len(pairs), STRENGTH[kind]))

    hh_members = np.arange(n)
    hh_sizes = np.concatenate(hh_sizes_all) if hh_sizes_all else np.zeros(0, np.int64)
    add(_pairs_in_groups(hh_members, hh_sizes, 1.0, rng), "household")
    for _layer in range(2):
        for a in (HUB, COUNTY):
            first, size = area_first[a], area_size[a]
            if size < 2:
                continue
            people = np.arange(first, first + size)
            angle = rng.random() * np.pi
            pos = cells.lat[home[people]] * np.cos(angle) + cells.lon[home[people]] * 0.62 * np.sin(
                angle
            )
            order = people[np.argsort(pos + rng.normal(0, 0.01, size), kind="stable")]
            add(_pairs_in_groups(order, _cut(size, 4, 12, rng), 0.55, rng), "friend")
    workers = np.flatnonzero(work >= 0)
    if workers.size > 1:
        order = workers[np.lexsort((rng.random(workers.size), work[workers]))]
        add(_pairs_in_groups(order, _cut(order.size, 3, 8, rng), 0.5, rng), "work")
    n_weak = 1 + rng.poisson(max(0.0, v("weak_ties") - 1), n)
    src = np.repeat(np.arange(n), n_weak)
    cross = rng.random(src.size) < v("cross_area_share")
    target_area = np.where(cross, 1 - area[src], area[src])
    dst = np.zeros(src.size, dtype=np.int64)
    for a in (HUB, COUNTY):
        sel = target_area == a
        if area_size[a]:
            dst[sel] = area_first[a] + rng.integers(0, area_size[a], int(sel.sum()))
        else:
            dst[sel] = src[sel]
    add(np.stack([src, dst], axis=1), "weak")
    hv = np.flatnonzero(heavy)
    if hv.size:
        n_extra = rng.integers(50, 251, hv.size)
        src = np.repeat(hv, n_extra)
        a_src = area[src]
        dst = np.where(
            a_src == HUB,
            rng.integers(0, max(1, n_hub), src.size),
            n_hub + rng.integers(0, max(1, n_county), src.size),
        )
        add(np.stack([src, dst], axis=1), "heavy")

    # ties as int32 pairs, temporaries dropped as soon as used: this is the memory peak of a run
    pairs = np.concatenate(parts).astype(np.int32)
    strength = np.concatenate(strengths).astype(np.float32)
    parts.clear()
    strengths.clear()
    lo, hi = np.minimum(pairs[:, 0], pairs[:, 1]), np.maximum(pairs[:, 0], pairs[:, 1])
    del pairs
    ok = lo != hi
    lo, hi, strength = lo[ok], hi[ok], strength[ok]
    _, first_idx = np.unique(lo.astype(np.int64) * n + hi, return_index=True)
    first_idx.sort()
    lo, hi, strength = lo[first_idx], hi[first_idx], strength[first_idx]
    del first_idx, ok
    strength *= rng.lognormal(0, 0.9, lo.size).astype(np.float32)
    asym = rng.uniform(0.4, 1.6, lo.size).astype(np.float32)
    esrc = np.concatenate([lo, hi])
    edst = np.concatenate([hi, lo])
    ew = np.concatenate([strength * asym, strength * (2 - asym)])
    del lo, hi, strength, asym
    order = np.argsort(esrc, kind="stable")
    esrc, edst, ew = esrc[order], edst[order], ew[order]
    del order
    counts = np.bincount(esrc, minlength=n)
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    cs = np.cumsum(ew, dtype=np.float64)
    del ew
    base = np.where(offsets[:-1] > 0, cs[np.maximum(offsets[:-1] - 1, 0)], 0.0)
    total = np.where(counts > 0, cs[np.maximum(offsets[1:] - 1, 0)] - base, 1.0)
    cs -= base[esrc]
    cs /= total[esrc]
    cs[offsets[1:][counts > 0] - 1] = 1.0
    cs += esrc
    key = cs  # source person + cumulative share of the tie among the source's ties
    noise = rng.normal(0, 0.15, esrc.size).astype(np.float32)
    noise += sms_pref[esrc].astype(np.float32)
    edge_sms = np.clip(noise, 0.0, 1.0)
    del esrc, noise
    activity[counts == 0] = 0.0

    return Population(
        area=area,
        home=home,
        work=work,
        fav=fav,
        rhythm=rhythm,
        household=household,
        commuter=commuter,
        visitor=visitor,
        heavy=heavy,
        fixed=np.zeros(n, dtype=bool),
        activity=activity,
        sms_pref=sms_pref,
        offsets=offsets,
        nbr=edst,
        key=key,
        edge_sms=edge_sms,
        foreign=foreign,
        n_people=n,
    )


@dataclass
class ServiceNumbers:
    """Numbers people call that are not people: hub and county landlines, national
    non-geographic numbers (banks, utilities, 0800), and foreign contacts."""

    hub: I64
    county: I64
    national: I64
    foreign_of: I64  # person -> foreign party or -1


def register_people(
    pop: Population, directory: Directory, cfg: ScenarioConfig, rng: np.random.Generator
) -> ServiceNumbers:
    """Give every person a mobile number and handset; number changes and handset
    upgrades during the scenario; service and foreign numbers."""
    n = pop.n_people
    numbers = directory.ids.mobiles(n)
    parties = directory.add(numbers, MOBILE, carriers=np.arange(n))
    directory.person_party.extend(parties)
    start = int(np.datetime64(cfg.start.isoformat(), "s").astype(np.int64))
    span = cfg.days * 86_400
    years = cfg.days / 365.25
    upgrade = np.flatnonzero(rng.random(n) < cfg.v("handset_change_per_year") * years)
    when = start + rng.integers(0, span, upgrade.size)
    upgrades = dict(
        zip(
            upgrade.tolist(),
            zip(when.tolist(), directory.new_imeis(upgrade.size), strict=True),
            strict=True,
        )
    )
    for p, (t, im) in upgrades.items():
        directory.imei.set_from(int(parties[p]), t, im)
    change = np.flatnonzero(rng.random(n) < cfg.v("number_change_per_year") * years)
    change_at = start + rng.integers(0, span, change.size)
    new_parties = directory.add(
        directory.ids.mobiles(change.size), MOBILE, carriers=change, with_handset=False
    )
    for p, t, new in zip(change.tolist(), change_at.tolist(), new_parties.tolist(), strict=True):
        old = int(parties[p])
        # same handset: the new number's IMEI follows the old number's
        upgrade_at, upgrade_imei = upgrades.get(p, (None, -1))
        if upgrade_at is not None and upgrade_at <= t:
            directory.imei.static[new] = upgrade_imei
        else:
            directory.imei.static[new] = directory.imei.static[old]
            if upgrade_at is not None:
                directory.imei.set_from(new, upgrade_at, upgrade_imei)
        directory.set_window(old, directory.active_from[old], t)
        directory.set_window(new, t, directory.active_to[new])
        directory.person_party.set_from(p, t, new)
    n_hub_services = max(20, n // 300)
    n_county_services = max(10, n // 600)
    hub = directory.add(directory.ids.landlines(n_hub_services, "20"), LANDLINE)
    county = directory.add(directory.ids.landlines(n_county_services, "1255"), LANDLINE)
    national = np.concatenate(
        [
            directory.add(directory.ids.landlines(15, "333"), LANDLINE),
            directory.add(directory.ids.landlines(10, "345"), LANDLINE),
            directory.add(directory.ids.landlines(10, "800"), LANDLINE),
        ]
    )
    foreign_people = np.flatnonzero(pop.foreign)
    foreign_of = np.full(pop.n, -1, dtype=np.int64)
    foreign_of[foreign_people] = directory.add(directory.ids.foreign(foreign_people.size), FOREIGN)
    return ServiceNumbers(hub, county, national, foreign_of)


def _zipf_pick(rng: np.random.Generator, pool: I64, m: int) -> I64:
    """``m`` picks from ``pool``, popular ones first (weights 1/rank)."""
    w = 1.0 / np.arange(1, pool.size + 1)
    return pool[rng.choice(pool.size, size=m, p=w / w.sum())]


class Background:
    """Draws each day's ordinary calling and texting."""

    def __init__(
        self, cfg: ScenarioConfig, pop: Population, directory: Directory, services: ServiceNumbers
    ) -> None:
        self.cfg = cfg
        self.pop = pop
        self.directory = directory
        self.services = services

    def _durations(self, rng: np.random.Generator, m: int, median: float) -> npt.NDArray[np.int32]:
        v = self.cfg.v
        d = rng.lognormal(np.log(median), v("voice_sigma"), m)
        d = np.clip(np.round(d), 1, 10_800)
        d[rng.random(m) < v("unanswered_share")] = 0
        return d.astype(np.int32)

    def day(self, day: Day, rng: np.random.Generator, hours: tuple[int, int] = (0, 24)) -> Events:
        """Background events started in local ``hours`` [from, to) of ``day`` (``rng``: the
        ``background_day`` stream of the day and window). Replies may fall later."""
        pop, v = self.pop, self.cfg.v
        table = np.zeros_like(BACKGROUND_TYPES)
        table[:, hours[0] : hours[1]] = BACKGROUND_TYPES[:, hours[0] : hours[1]]
        mass = table.sum(axis=1)
        table /= np.maximum(mass, 1e-12)[:, None]
        person_rows = pop.rhythm[: pop.n_people] * 2 + int(day.weekend)
        lam = pop.activity[: pop.n_people] * WEEKDAY_FACTOR[day.weekday] * mass[person_rows]
        counts = rng.poisson(lam)
        src = np.repeat(np.arange(pop.n_people, dtype=np.int64), counts)
        m = src.size
        rows = person_rows[src]
        t = day.to_utc(sample_seconds_typed(rng, rows, table))
        e = np.searchsorted(pop.key, src + rng.random(m), side="right")
        e = np.minimum(e, pop.nbr.size - 1)
        dst = pop.nbr[e].astype(np.int64)
        sms = rng.random(m) < pop.edge_sms[e]
        a = self.directory.person_party.at(src, t)
        b = self.directory.person_party.at(dst, t)

        # services and contacts abroad replace some social events
        service = rng.random(m) < v("service_share")
        foreign = (self.services.foreign_of[src] >= 0) & (rng.random(m) < 0.08)
        service &= ~foreign
        n_service = int(service.sum())
        if n_service:
            hub_side = pop.area[src[service]] == HUB
            local = np.where(
                hub_side,
                _zipf_pick(rng, self.services.hub, n_service),
                _zipf_pick(rng, self.services.county, n_service),
            )
            b[service] = np.where(
                rng.random(n_service) < 0.35,
                _zipf_pick(rng, self.services.national, n_service),
                local,
            )
            sms[service] = False
        b[foreign] = self.services.foreign_of[src[foreign]]
        kind = np.where(sms, SMS, VOICE).astype(np.int8)
        dur = self._durations(rng, m, v("voice_median_s"))
        dur[service] = self._durations(rng, n_service, 150.0)
        # some services call people (surgery call-backs, delivery firms)
        flip = service & (rng.random(m) < 0.3)
        a[flip], b[flip] = b[flip], a[flip].copy()
        source = np.where(service | foreign, Source.SERVICE, Source.SOCIAL).astype(np.int8)
        first = Events(t, a, b, kind, np.where(sms, -1, dur).astype(np.int32), source)
        return Events.concat([first, *self._replies(first, service | foreign, rng)])

    def _replies(
        self, first: Events, no_reply: npt.NDArray[np.bool_], rng: np.random.Generator
    ) -> list[Events]:
        """Text replies (chains up to 5 deep) and call-backs of unanswered calls."""
        v = self.cfg.v
        out: list[Events] = []
        is_sms = (first.kind == SMS) & ~no_reply
        current = first.take(is_sms & (rng.random(len(first)) < v("sms_reply_p")))
        for _depth in range(5):
            if not len(current):
                break
            delay = np.clip(rng.lognormal(np.log(60), 1.3, len(current)), 3, 7_200).astype(np.int64)
            reply = Events.make(
                current.t + delay, current.b, current.a, SMS, -1, Source.SOCIAL_REPLY
            )
            out.append(reply)
            current = reply.take(rng.random(len(reply)) < v("sms_chain_p"))
        missed = first.take((first.kind == VOICE) & (first.duration == 0) & ~no_reply)
        back = missed.take(rng.random(len(missed)) < v("callback_p"))
        if len(back):
            delay = np.clip(rng.lognormal(np.log(600), 1.0, len(back)), 20, 14_400).astype(np.int64)
            dur = np.clip(
                rng.lognormal(np.log(v("voice_median_s")), v("voice_sigma"), len(back)), 1, 10_800
            )
            dur[rng.random(len(back)) < 0.15] = 0
            out.append(
                Events.make(
                    back.t + delay, back.b, back.a, VOICE, dur.astype(np.int32), Source.SOCIAL_REPLY
                )
            )
        return out
