"""The directory of parties: every number in the scenario, its handsets and who carries it.

A *party* is one number (index into ``numbers``). A *person* is someone (or a
business desk) who carries phones (index into the population). The links:

* ``carrier``: party -> person carrying the handset at a time (a deal phone
  passes between runners and the holder); -1 for numbers with no handset in
  the scenario (landlines, SMS gateways, foreign numbers);
* ``imei``: party -> index into ``imeis`` at a time (handset swaps);
* ``person_party``: person -> their own number at a time (number changes);
* ``active_from``/``active_to``: when the number is live on the network. An
  event to a party outside that window is still written (the caller's
  carrier records the attempt) but with no cell or IMEI for the called side.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from countylines.simulate.ids import Identifiers
from countylines.simulate.timeline import Timeline

MOBILE, LANDLINE, ALPHANUMERIC, FOREIGN, GATEWAY = 0, 1, 2, 3, 4
KIND_NAMES = {
    MOBILE: "mobile",
    LANDLINE: "landline",
    ALPHANUMERIC: "alphanumeric",
    FOREIGN: "foreign",
    GATEWAY: "gateway",
}
NEVER = np.iinfo(np.int64).max // 4


class Directory:
    """All parties, handsets and their timelines (built once, then read-only)."""

    def __init__(self, ids: Identifiers) -> None:
        self.ids = ids
        self.numbers: list[str] = []
        self.kind: list[int] = []
        self.imeis: list[str] = []
        self.active_from: list[int] = []
        self.active_to: list[int] = []
        self.carrier = Timeline(np.zeros(0, dtype=np.int64))
        self.imei = Timeline(np.zeros(0, dtype=np.int64))
        self.person_party = Timeline(np.zeros(0, dtype=np.int64))
        self._arrays: tuple[npt.NDArray[np.int64], ...] | None = None

    def __len__(self) -> int:
        return len(self.numbers)

    def add(
        self,
        numbers: list[str],
        kind: int,
        carriers: npt.ArrayLike = -1,
        with_handset: bool = True,
        active_from: int = -NEVER,
        active_to: int = NEVER,
    ) -> npt.NDArray[np.int64]:
        """Register parties; mobiles get a fresh IMEI each when ``with_handset``.

        Returns:
            Their party indices.
        """
        n = len(numbers)
        first = len(self.numbers)
        self.numbers += numbers
        self.kind += [kind] * n
        self.active_from += [active_from] * n
        self.active_to += [active_to] * n
        carrier = np.broadcast_to(np.asarray(carriers, dtype=np.int64), (n,))
        self.carrier.extend(carrier)
        if kind == MOBILE and with_handset:
            self.imei.extend(np.asarray(self.new_imeis(n), dtype=np.int64))
        else:
            self.imei.extend(np.full(n, -1, dtype=np.int64))
        self._arrays = None
        return np.arange(first, first + n, dtype=np.int64)

    def new_imeis(self, n: int) -> list[int]:
        """``n`` new handsets; returns their IMEI indices."""
        first = len(self.imeis)
        self.imeis += self.ids.imeis(n)
        return list(range(first, first + n))

    def set_window(self, party: int, active_from: int, active_to: int) -> None:
        """When ``party`` is live on the network (UTC seconds, end exclusive)."""
        self.active_from[party] = active_from
        self.active_to[party] = active_to
        self._arrays = None

    def windows(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """``active_from``, ``active_to`` as arrays."""
        if self._arrays is None:
            self._arrays = (
                np.array(self.active_from, dtype=np.int64),
                np.array(self.active_to, dtype=np.int64),
            )
        return self._arrays[0], self._arrays[1]

    def imei_history(self, party: int) -> list[tuple[int, str]]:
        """``(from_utc, imei)`` of ``party``'s handsets in time order (start first)."""
        out: list[tuple[int, str]] = []
        static = int(self.imei.static[party])
        segments = self.imei.segments(party)
        if static >= 0 and (not segments or segments[0][0] > self.active_from[party]):
            out.append((self.active_from[party], self.imeis[static]))
        out += [(s, self.imeis[v]) for s, v in segments if v >= 0]
        return out
