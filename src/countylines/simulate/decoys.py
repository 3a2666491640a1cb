"""Decoys: legitimate numbers that look like deal lines to a naive ranking.

DOMAIN.md ("What call data shows") names the decoys that fool a "most
contacts" ranking: taxi firms, takeaways, automated bulk-SMS senders
(schools, GP surgeries), call centres, heavy social users, and customers who
buy from several lines. All of them are here, plus two that fool movement
and handset rules:

* ``taxi``: many distinct inbound callers, mostly one-off (a small set of
  regulars), short calls, day and night (weekend nights busiest), call-backs
  ("your car is outside") and calls to its drivers (who look like runners).
  A mobile on a desk in the town, or a landline (no cell, no IMEI).
* ``takeaway``: inbound evening calls from locals, some regulars, closed one
  day a week; a mobile or a landline.
* ``bulk_sms``: a school or GP surgery sending the same text to hundreds within
  minutes from an alphanumeric sender id or a gateway long number (``+447…``
  with no handset); surgeries also send single reminders through the day.
  Replies are impossible (sender ids) or very rare ("STOP" to a long number).
  Some bulk senders are a person's own mobile: a club or church organiser
  texting a group of 20-80, who do reply.
* ``call_centre``: many outbound calls to random people in office hours, many
  unanswered or cut short, the rest long; a few people ring back.
* ``trades``: a plumber, hairdresser or cleaner whose personal mobile takes
  calls and texts from many local clients by day, and rings them back.
* ``heavy_social``: people with 50-250 extra acquaintances and three times the
  activity (drawn in :mod:`~countylines.simulate.population`).
* ``commuter`` / ``visitor``: people whose phones travel hub <-> county
  (daily commute; weekend days out), like runners' phones.
* ``multi_line_customer``: customers of two or more lines (computed from the
  events, in :mod:`~countylines.simulate.truth`).

Ordinary people also change handsets (IMEI) and numbers (with the same
handset) during the scenario, as deal lines do.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from countylines.simulate.clock import (
    OFFICE,
    SCHOOL,
    SURGERY,
    TAKEAWAY,
    TAXI,
    TAXI_WEEKEND,
    TRADES,
    Day,
    sample_seconds,
)
from countylines.simulate.config import ScenarioConfig
from countylines.simulate.directory import ALPHANUMERIC, GATEWAY, LANDLINE, MOBILE, Directory
from countylines.simulate.events import SMS, VOICE, Events, Source
from countylines.simulate.geography import COUNTY, HUB, Cells
from countylines.simulate.population import Population

I64 = npt.NDArray[np.int64]

SCHOOL_IDS = ("CLACTONACA", "TENDRINGHS", "STOSYTHPRI", "HOLLANDPS", "JAYWICKPRI", "EASTLDNACA")
SURGERY_IDS = ("HOLLANDSURG", "CLACTONMC", "NHSREMIND", "PIERMEDICAL", "HACKNEYGP", "BOWHEALTH")
TAXI_NAMES = ("A1 Cars", "Seaside Taxis", "Pier Cabs", "Town Cars", "Star Taxis", "Direct Cars")
TAKEAWAY_NAMES = ("Golden Dragon", "Pizza Express Clacton", "Kebab House", "Spice Garden",
                  "Fish Bar", "Chicken Hut")  # fmt: skip
TRADE_NAMES = ("plumber", "hairdresser", "cleaner", "mechanic", "electrician", "dog groomer")
CALL_CENTRE_NAMES = ("energy switching", "insurance claims", "debt advice", "broadband sales")
#: Takeaway orders by weekday (Mon..Sun).
TAKEAWAY_WEEK = np.array([0.5, 0.7, 0.8, 0.9, 1.4, 1.6, 1.2])


@dataclass
class Decoy:
    """One decoy number and how it behaves."""

    kind: str
    name: str
    party: int
    area: int
    rate: float = 0.0
    regulars: I64 | None = None
    helpers: I64 | None = None  # taxi drivers
    recipients: I64 | None = None  # bulk-SMS list
    closed_day: int = -1
    person: int = -1  # the person whose own phone it is (trades, club organiser)
    subtype: str = ""


class Decoys:
    """Plans the decoys, then draws their events day by day."""

    def __init__(
        self,
        cfg: ScenarioConfig,
        pop: Population,
        directory: Directory,
        cells: Cells,
        used: npt.NDArray[np.bool_],
    ) -> None:
        self.cfg = cfg
        self.pop = pop
        self.directory = directory
        self.cells = cells
        self.used = used
        self.decoys: list[Decoy] = []
        people = np.arange(pop.n_people, dtype=np.int64)
        self.residents = {
            HUB: people[pop.area[: pop.n_people] == HUB],
            COUNTY: people[pop.area[: pop.n_people] == COUNTY],
        }
        self.people = people

    def _desk(self, area: int, rng: np.random.Generator, mobile_p: float, prefix: str) -> int:
        """A business number: a mobile on a desk in a central cell, or a landline."""
        if rng.random() < mobile_p:
            cand = self.cells.hub if area == HUB else self.cells.county
            cell = np.array([int(cand[int(rng.integers(0, min(cand.size, 12)))])], dtype=np.int64)
            desk = self.pop.add_fixed(cell, area)
            (party,) = self.directory.add(self.directory.ids.mobiles(1), MOBILE, carriers=desk)
            self.directory.person_party.extend(np.array([party]))
            return int(party)
        (party,) = self.directory.add(self.directory.ids.landlines(1, prefix), LANDLINE)
        return int(party)

    def _free(self, rng: np.random.Generator, pool: I64, k: int) -> I64:
        free = pool[~self.used[pool] & (self.pop.activity[pool] > 0)]
        k = min(k, free.size)
        chosen = rng.choice(free, size=k, replace=False) if k else free[:0]
        self.used[chosen] = True
        return np.asarray(chosen, dtype=np.int64)

    def plan(self, rng: np.random.Generator) -> list[Decoy]:
        """Draw the decoys (``rng``: the ``decoys`` stream)."""
        v = self.cfg.v
        for i in range(int(v("taxis"))):
            area = COUNTY if i == 0 or rng.random() < 0.7 else HUB
            pool = self.residents[area]
            party = self._desk(area, rng, 0.6, "1255" if area == COUNTY else "20")
            self.decoys.append(
                Decoy("taxi", TAXI_NAMES[i % len(TAXI_NAMES)], party, area,
                      rate=v("taxi_rate") * rng.uniform(0.6, 1.4),
                      regulars=rng.choice(pool, size=max(5, pool.size // 50)),
                      helpers=self._free(rng, pool, int(rng.integers(4, 13))))
            )  # fmt: skip
        for i in range(int(v("takeaways"))):
            area = COUNTY if rng.random() < 0.65 else HUB
            pool = self.residents[area]
            party = self._desk(area, rng, 0.4, "1255" if area == COUNTY else "20")
            self.decoys.append(
                Decoy("takeaway", TAKEAWAY_NAMES[i % len(TAKEAWAY_NAMES)], party, area,
                      rate=v("takeaway_rate") * rng.uniform(0.6, 1.4),
                      regulars=rng.choice(pool, size=max(5, pool.size // 60)),
                      closed_day=int(rng.integers(0, 3)) if rng.random() < 0.6 else -1)
            )  # fmt: skip
        for _ in range(int(v("bulk_senders"))):
            area = COUNTY if rng.random() < 0.65 else HUB
            pool = self.residents[area]
            subtype = str(rng.choice(["school", "surgery", "club"], p=[0.45, 0.4, 0.15]))
            person = -1
            if subtype == "club":
                (person,) = self._free(rng, pool, 1).tolist()
                party = int(self.directory.person_party.static[person])
                size = int(rng.integers(20, 81))
                name = "club organiser"
            else:
                ids = SCHOOL_IDS if subtype == "school" else SURGERY_IDS
                name = ids[int(rng.integers(0, len(ids)))]
                if rng.random() < 0.6:
                    (party,) = self.directory.add([name], ALPHANUMERIC).tolist()
                else:
                    (party,) = self.directory.add(
                        self.directory.ids.mobiles(1), GATEWAY, with_handset=False
                    ).tolist()
                share = rng.uniform(0.05, 0.2) if subtype == "school" else rng.uniform(0.1, 0.3)
                size = int(min(1500, max(30, share * pool.size)))
            self.decoys.append(
                Decoy("bulk_sms", name, party, area, person=person, subtype=subtype,
                      rate=rng.uniform(0.3, 1.0),
                      recipients=rng.choice(pool, size=min(size, pool.size), replace=False))
            )  # fmt: skip
        for i in range(int(v("call_centres"))):
            prefix = str(rng.choice(["333", "345", "20", "161"]))
            (party,) = self.directory.add(self.directory.ids.landlines(1, prefix), LANDLINE)
            self.decoys.append(
                Decoy("call_centre", CALL_CENTRE_NAMES[i % len(CALL_CENTRE_NAMES)], int(party),
                      -1, rate=v("call_centre_rate") * rng.uniform(0.6, 1.4))
            )  # fmt: skip
        for i in range(int(v("trades"))):
            area = COUNTY if rng.random() < 0.7 else HUB
            pool = self.residents[area]
            (person,) = self._free(rng, pool, 1).tolist()
            party = int(self.directory.person_party.static[person])
            self.decoys.append(
                Decoy("trades", TRADE_NAMES[i % len(TRADE_NAMES)], party, area, person=person,
                      rate=v("trades_rate") * rng.uniform(0.6, 1.4),
                      regulars=rng.choice(pool, size=max(5, pool.size // 80)))
            )  # fmt: skip
        return self.decoys

    # ------------------------------------------------------------------ daily events

    def day(self, day: Day, rng: np.random.Generator) -> Events:
        """All decoys' events on ``day`` (``rng``: the ``decoys_day`` stream of the day)."""
        parts: list[Events] = []
        for d in self.decoys:
            if d.kind == "taxi":
                parts += self._taxi(d, day, rng)
            elif d.kind == "takeaway":
                parts += self._takeaway(d, day, rng)
            elif d.kind == "bulk_sms":
                parts += self._bulk_sms(d, day, rng)
            elif d.kind == "call_centre":
                parts += self._call_centre(d, day, rng)
            elif d.kind == "trades":
                parts += self._trades(d, day, rng)
        return Events.concat(parts)

    def _party(self, persons: I64, t: I64) -> I64:
        return self.directory.person_party.at(persons, t)

    def _callers(self, d: Decoy, n: int, regular_share: float, rng: np.random.Generator) -> I64:
        """Who rings a business: its regulars, else anyone local, a few from the other area."""
        pool = self.residents[d.area]
        regulars = d.regulars if d.regulars is not None else pool
        u = rng.random(n)
        out = np.where(
            u < regular_share,
            regulars[rng.integers(0, regulars.size, n)],
            pool[rng.integers(0, pool.size, n)],
        ).astype(np.int64)
        other = self.residents[COUNTY if d.area == HUB else HUB]
        away = u > 0.96
        if other.size and away.any():
            out[away] = other[rng.integers(0, other.size, int(away.sum()))]
        return out

    def _durations(self, rng: np.random.Generator, n: int, median: float, sigma: float) -> I64:
        return np.clip(rng.lognormal(np.log(median), sigma, n), 3, 3_600).astype(np.int64)

    def _taxi(self, d: Decoy, day: Day, rng: np.random.Generator) -> list[Events]:
        pool = self.residents[d.area]
        n = int(rng.poisson(d.rate * pool.size * (1.4 if day.weekend else 1.0)))
        if not n:
            return []
        t = day.to_utc(sample_seconds(rng, n, TAXI_WEEKEND if day.weekend else TAXI))
        caller = self._party(self._callers(d, n, 0.25, rng), t)
        sms = rng.random(n) < 0.08
        out = [
            Events.make(t, caller, d.party, np.where(sms, SMS, VOICE),
                        self._durations(rng, n, 35, 0.5), Source.TAXI)
        ]  # fmt: skip
        back = np.flatnonzero(rng.random(n) < 0.3)
        bt = t[back] + rng.integers(300, 1500, back.size)
        b_sms = rng.random(back.size) < 0.6
        out.append(
            Events.make(bt, d.party, caller[back], np.where(b_sms, SMS, VOICE),
                        self._durations(rng, back.size, 15, 0.5), Source.TAXI)
        )  # fmt: skip
        if d.helpers is not None and d.helpers.size:
            go = np.flatnonzero(rng.random(n) < 0.5)
            gt = t[go] + rng.integers(30, 240, go.size)
            driver = self._party(d.helpers[rng.integers(0, d.helpers.size, go.size)], gt)
            g_sms = rng.random(go.size) < 0.5
            out.append(
                Events.make(gt, d.party, driver, np.where(g_sms, SMS, VOICE),
                            self._durations(rng, go.size, 20, 0.5), Source.TAXI)
            )  # fmt: skip
        return out

    def _takeaway(self, d: Decoy, day: Day, rng: np.random.Generator) -> list[Events]:
        if day.weekday == d.closed_day:
            return []
        pool = self.residents[d.area]
        n = int(rng.poisson(d.rate * pool.size * TAKEAWAY_WEEK[day.weekday]))
        if not n:
            return []
        t = day.to_utc(sample_seconds(rng, n, TAKEAWAY))
        caller = self._party(self._callers(d, n, 0.35, rng), t)
        sms = rng.random(n) < 0.04
        out = [
            Events.make(t, caller, d.party, np.where(sms, SMS, VOICE),
                        self._durations(rng, n, 90, 0.5), Source.TAKEAWAY)
        ]  # fmt: skip
        back = np.flatnonzero(rng.random(n) < 0.05)
        out.append(
            Events.make(t[back] + rng.integers(120, 900, back.size), d.party, caller[back], VOICE,
                        self._durations(rng, back.size, 30, 0.5), Source.TAKEAWAY)
        )  # fmt: skip
        return out

    def _bulk_sms(self, d: Decoy, day: Day, rng: np.random.Generator) -> list[Events]:
        assert d.recipients is not None
        out: list[Events] = []
        recipients = d.recipients
        if d.subtype == "school":
            sends = int(rng.poisson(d.rate)) if day.school_day else 0
            profile = SCHOOL
        elif d.subtype == "surgery":
            sends = int(rng.random() < d.rate / 5) if day.weekday < 5 else 0
            profile = SURGERY
            n = int(rng.poisson(max(1.0, recipients.size / 60))) if day.weekday < 5 else 0
            if n:  # single appointment reminders through the day
                t = day.to_utc(sample_seconds(rng, n, SURGERY))
                who = self._party(recipients[rng.integers(0, recipients.size, n)], t)
                out.append(Events.make(t, d.party, who, SMS, -1, Source.BULK_SMS))
        else:
            sends = int(rng.poisson(d.rate * 2 / 7))
            profile = TRADES
        for _ in range(sends):
            t0 = int(day.to_utc(sample_seconds(rng, 1, profile))[0])
            share = rng.uniform(0.3, 1.0)
            to = recipients[rng.random(recipients.size) < share]
            spread = rng.uniform(20, 300) if d.subtype != "club" else rng.uniform(5, 60)
            t = t0 + np.sort(rng.uniform(0, spread, to.size)).astype(np.int64)
            who = self._party(rng.permutation(to), t)
            out.append(Events.make(t, d.party, who, SMS, -1, Source.BULK_SMS))
            reply_p = {"club": 0.2, "school": 0.0, "surgery": 0.0}[d.subtype]
            if self.directory.kind[d.party] == GATEWAY:
                reply_p = 0.01
            back = np.flatnonzero(rng.random(to.size) < reply_p)
            if back.size:
                rt = t[back] + np.clip(
                    rng.lognormal(np.log(600), 1.0, back.size), 30, 20_000
                ).astype(np.int64)
                out.append(Events.make(rt, who[back], d.party, SMS, -1, Source.BULK_SMS))
        return out

    def _call_centre(self, d: Decoy, day: Day, rng: np.random.Generator) -> list[Events]:
        factor = 1.0 if day.weekday < 5 else (0.4 if day.weekday == 5 else 0.0)
        n = int(rng.poisson(d.rate * self.pop.n_people * factor))
        if not n:
            return []
        t = day.to_utc(sample_seconds(rng, n, OFFICE))
        callee = self._party(self.people[rng.integers(0, self.people.size, n)], t)
        dur = self._durations(rng, n, 180, 0.9)
        u = rng.random(n)
        dur[u < 0.45] = 0
        dur[(u >= 0.45) & (u < 0.65)] = rng.integers(1, 11, int(((u >= 0.45) & (u < 0.65)).sum()))
        out = [Events.make(t, d.party, callee, VOICE, dur, Source.CALL_CENTRE)]
        back = np.flatnonzero((dur > 10) & (rng.random(n) < 0.05))
        out.append(
            Events.make(t[back] + rng.integers(1800, 30_000, back.size), callee[back], d.party,
                        VOICE, self._durations(rng, back.size, 240, 0.8), Source.CALL_CENTRE)
        )  # fmt: skip
        return out

    def _trades(self, d: Decoy, day: Day, rng: np.random.Generator) -> list[Events]:
        factor = [1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 0.1][day.weekday]
        pool = self.residents[d.area]
        n = int(rng.poisson(d.rate * pool.size * factor))
        if not n:
            return []
        t = day.to_utc(sample_seconds(rng, n, TRADES))
        client = self._party(self._callers(d, n, 0.2, rng), t)
        sms = rng.random(n) < 0.4
        own = self._party(np.full(n, d.person), t)
        out = [
            Events.make(t, client, own, np.where(sms, SMS, VOICE),
                        self._durations(rng, n, 70, 0.7), Source.TRADES)
        ]  # fmt: skip
        back = np.flatnonzero(rng.random(n) < 0.6)
        bt = t[back] + rng.integers(300, 7200, back.size)
        b_sms = rng.random(back.size) < 0.5
        out.append(
            Events.make(bt, own[back], client[back], np.where(b_sms, SMS, VOICE),
                        self._durations(rng, back.size, 60, 0.7), Source.TRADES)
        )  # fmt: skip
        return out
