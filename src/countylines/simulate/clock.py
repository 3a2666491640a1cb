"""Time: UK local time (GMT/BST) for UTC instants, days, and hourly activity profiles.

All events are stored as UTC seconds since the Unix epoch (int64). People
live by UK local time, so every daily rhythm here is a 24-value profile of
*local* hours; ``local_to_utc`` places a sampled local time on the UTC axis.

UK summer time (BST, UTC+1) runs from 01:00 UTC on the last Sunday of March
to 01:00 UTC on the last Sunday of October (the Summer Time Order 2002, EU
directive 2000/84/EC as retained). A local time in the skipped spring hour
is moved an hour on; a local time in the repeated autumn hour is placed at
its first (BST) instant.

The profiles are relative weights, not counts. Their shapes are judgement,
not measurement: the diurnal shape of ordinary calling (little between
01:00 and 06:00, rising through the morning, peaking in the early evening)
is the common finding of mobile-phone studies; deal-line trading hours
(about 08:00 to 02:00, peaks afternoon and evening) follow the brief of the
scenario (DOMAIN.md, "What call data shows": trading hours).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

DAY = 86_400
HOUR = 3_600


def _last_sunday(year: int, month: int) -> dt.date:
    day = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    return day - dt.timedelta(days=(day.weekday() - 6) % 7)


@lru_cache(maxsize=1)
def _bst_table() -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """BST start and end (UTC epoch seconds) for the years 1970-2199, indexed by year - 1970."""
    starts: list[int] = []
    ends: list[int] = []
    for year in range(1970, 2200):
        for month, out in ((3, starts), (10, ends)):
            sunday = _last_sunday(year, month)
            out.append(
                int(
                    dt.datetime(sunday.year, sunday.month, sunday.day, 1, tzinfo=dt.UTC).timestamp()
                )
            )
    return np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64)


def _utc_year(t: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    return t.astype("datetime64[s]").astype("datetime64[Y]").astype(np.int64) + 1970


def bst_offset(t_utc: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """UK offset from UTC in seconds (0 or 3600) at each UTC instant."""
    starts, ends = _bst_table()
    year = _utc_year(t_utc) - 1970
    return np.where((t_utc >= starts[year]) & (t_utc < ends[year]), HOUR, 0).astype(np.int64)


def local_to_utc(naive_local: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """UTC instants for UK wall-clock times given as naive epoch seconds (see module doc)."""
    return naive_local - bst_offset(naive_local - HOUR)


def utc_to_local(t_utc: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """UK wall-clock times (naive epoch seconds) of UTC instants."""
    return t_utc + bst_offset(t_utc)


def _epoch_utc(when: dt.date) -> int:
    return int(dt.datetime(when.year, when.month, when.day, tzinfo=dt.UTC).timestamp())


def _school_term(when: dt.date) -> bool:
    """Rough English state-school term dates (holidays: late July-August, Christmas,
    two weeks around Easter approximated as the first fortnight of April, and the
    half-term weeks of late February, late May and late October)."""
    m, d = when.month, when.day
    if when.weekday() >= 5:
        return False
    if m == 8 or (m == 7 and d > 21) or (m == 12 and d > 19) or (m == 1 and d < 4):
        return False
    if m == 4 and d < 15:
        return False
    return not ((m == 2 and 12 <= d <= 18) or (m == 5 and d >= 25) or (m == 10 and d >= 24))


@dataclass(frozen=True)
class Day:
    """One local (UK) calendar day of the scenario.

    ``utc_start``/``utc_end`` bound it on the UTC axis (23 or 25 hours long on
    clock-change days); ``naive_midnight`` is its local midnight as naive epoch
    seconds, to which sampled local seconds-of-day are added.
    """

    index: int
    date: dt.date
    naive_midnight: int
    utc_start: int
    utc_end: int

    @property
    def weekday(self) -> int:
        """0 = Monday … 6 = Sunday."""
        return self.date.weekday()

    @property
    def weekend(self) -> bool:
        """Saturday or Sunday."""
        return self.weekday >= 5

    @property
    def school_day(self) -> bool:
        """A weekday in (approximate) school term."""
        return _school_term(self.date)

    def to_utc(self, seconds_of_day: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """UTC instants of local seconds-of-day (0..86399) on this day."""
        return local_to_utc(seconds_of_day.astype(np.int64) + self.naive_midnight)


def scenario_days(start: dt.date, days: int) -> list[Day]:
    """The ``days`` local days from ``start``, with their UTC bounds."""
    out = []
    for i in range(days):
        date = start + dt.timedelta(days=i)
        naive = _epoch_utc(date)
        nxt = naive + DAY
        bounds = local_to_utc(np.array([naive, nxt], dtype=np.int64))
        out.append(Day(i, date, naive, int(bounds[0]), int(bounds[1])))
    return out


# ---------------------------------------------------------------- profiles (local hours 0..23)


def _p(values: list[float]) -> npt.NDArray[np.float64]:
    arr = np.array(values, dtype=np.float64)
    assert arr.shape == (24,)
    return np.asarray(arr / arr.sum(), dtype=np.float64)


#: Ordinary calling and texting, weekday and weekend (rows), by local hour.
BACKGROUND_WEEKDAY = _p(
    [
        1.0,
        0.5,
        0.3,
        0.2,
        0.2,
        0.4,
        1.2,
        3,
        5,
        6,
        6.5,
        7,
        7.5,
        7,
        7,
        7.5,
        8,
        9,
        9.5,
        9,
        8,
        6.5,
        4.5,
        2.5,
    ]
)
BACKGROUND_WEEKEND = _p(
    [
        1.8,
        1,
        0.6,
        0.4,
        0.3,
        0.3,
        0.5,
        1.2,
        3,
        5,
        6.5,
        7.5,
        8,
        8,
        8,
        8,
        8,
        8.5,
        8.5,
        8,
        7.5,
        6.5,
        5,
        3,
    ]
)


def _shift(profile: npt.NDArray[np.float64], factors: dict[int, float]) -> npt.NDArray[np.float64]:
    out = profile.copy()
    for hour, factor in factors.items():
        out[hour] *= factor
    return np.asarray(out / out.sum(), dtype=np.float64)


_OWL = {21: 1.8, 22: 2.5, 23: 3, 0: 3.5, 1: 3.5, 2: 3, 3: 2.5, 6: 0.5, 7: 0.4, 8: 0.5, 9: 0.7}
_EARLY = {5: 2.5, 6: 2.5, 7: 2, 8: 1.6, 21: 0.6, 22: 0.4, 23: 0.3, 0: 0.3, 1: 0.3}

#: Rows: (standard, night owl, early riser) x (weekday, weekend) -> index type * 2 + weekend.
BACKGROUND_TYPES = np.stack(
    [
        BACKGROUND_WEEKDAY,
        BACKGROUND_WEEKEND,
        _shift(BACKGROUND_WEEKDAY, _OWL),
        _shift(BACKGROUND_WEEKEND, _OWL),
        _shift(BACKGROUND_WEEKDAY, _EARLY),
        _shift(BACKGROUND_WEEKEND, _EARLY),
    ]
)

#: Deal-line ordering: open roughly 08:00 to 02:00, busiest afternoon and evening.
TRADING = _p(
    [3, 1.5, 0.3, 0.15, 0.1, 0.1, 0.3, 1, 3, 4, 5, 6, 7, 7.5, 8, 9, 9.5, 10, 10, 9.5, 9, 8, 6.5, 5]
)
#: When deal lines send marketing texts: morning "open" messages and early evening.
MARKETING = _p(
    [0.1, 0, 0, 0, 0, 0, 0.2, 2, 5, 6, 5, 4, 3, 2.5, 2.5, 3, 4, 4.5, 4, 3, 2.5, 2, 1, 0.3]
)
#: Taxi bookings, weekday (weekends: the late hours weigh more, see TAXI_WEEKEND).
TAXI = _p([3, 2, 1.5, 1, 0.8, 1.5, 3, 5, 5, 4, 3.5, 3.5, 3.5, 3.5, 4, 5, 5.5, 6, 6, 6, 6, 6, 6, 5])
TAXI_WEEKEND = _shift(TAXI, {22: 1.8, 23: 2.2, 0: 2.5, 1: 2.5, 2: 2.2, 3: 1.8, 7: 0.6, 8: 0.6})
#: Takeaway orders: lunch a little, evening mostly.
TAKEAWAY = _p(
    [0.3, 0.05, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.3, 0.8, 0.6, 0.2, 0.2, 0.8, 3, 6, 8, 7, 5, 3, 1.2]
)
#: Call centres: office hours (weekday), 09:00-20:00.
OFFICE = _p([0, 0, 0, 0, 0, 0, 0, 0, 0.5, 6, 8, 8, 6, 7, 8, 8, 8, 7, 6, 4, 1, 0, 0, 0])
#: Schools' and surgeries' bulk texts.
SCHOOL = _p([0, 0, 0, 0, 0, 0, 0, 3, 5, 2, 2, 2, 3, 2, 3, 4, 2, 1, 0, 0, 0, 0, 0, 0])
SURGERY = _p([0, 0, 0, 0, 0, 0, 0, 0.5, 4, 5, 5, 4, 3, 3, 4, 4, 3, 2, 1, 0, 0, 0, 0, 0])
#: Tradespeople and other small businesses run from a mobile.
TRADES = _p([0, 0, 0, 0, 0, 0, 0.5, 3, 6, 6, 5, 4, 4, 4, 4, 4, 5, 5, 4, 2.5, 1.5, 0.8, 0.3, 0.1])


def sample_seconds(
    rng: np.random.Generator, n: int, profile: npt.NDArray[np.float64]
) -> npt.NDArray[np.int64]:
    """``n`` local seconds-of-day drawn from a 24-hour ``profile`` (uniform within the hour)."""
    cdf = np.cumsum(profile)
    cdf[-1] = 1.0
    hour = np.searchsorted(cdf, rng.random(n), side="right")
    return hour.astype(np.int64) * HOUR + rng.integers(0, HOUR, size=n)


def sample_seconds_typed(
    rng: np.random.Generator, rows: npt.NDArray[np.int64], table: npt.NDArray[np.float64]
) -> npt.NDArray[np.int64]:
    """Local seconds-of-day, each drawn from profile ``table[rows[i]]`` (shape rows x 24)."""
    cdf = np.cumsum(table, axis=1)
    cdf[:, -1] = 1.0
    flat = (cdf + np.arange(table.shape[0])[:, None]).ravel()
    hour = np.searchsorted(flat, rows + rng.random(rows.size), side="right") - rows * 24
    hour = np.clip(hour, 0, 23)
    return np.asarray(hour * HOUR + rng.integers(0, HOUR, size=rows.size), dtype=np.int64)
