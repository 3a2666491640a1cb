"""Piecewise-constant values over time per key: who carries a phone, which IMEI, which plan.

A :class:`Timeline` maps ``(key, t)`` to an integer: the static value of the
key unless the key has *segments* (a value from a start time on), in which
case the segment in force at ``t``. Lookups are vectorised: keys with
segments are found with one ``searchsorted`` on a composite ``key, time``
int64, so a day of millions of events costs milliseconds.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

_BASE = 946_684_800  # 2000-01-01T00:00:00Z; times are stored as offsets from it
_SHIFT = np.int64(1 << 33)  # room for ~272 years of seconds


class Timeline:
    """Integer value per key (0..n-1) over time.

    Args:
        static: the value of each key where no segment applies (shape (n,)).
    """

    def __init__(self, static: npt.NDArray[np.int64]) -> None:
        self.static = np.asarray(static, dtype=np.int64).copy()
        self._keys: list[int] = []
        self._starts: list[int] = []
        self._values: list[int] = []
        self._frozen = False
        self._comp = np.zeros(0, dtype=np.int64)
        self._vals = np.zeros(0, dtype=np.int64)
        self._seg_keys = np.zeros(0, dtype=np.int64)
        self._has = np.zeros(self.static.size, dtype=bool)

    def extend(self, static: npt.NDArray[np.int64]) -> None:
        """Add keys at the end with their static values."""
        self.static = np.concatenate([self.static, np.asarray(static, dtype=np.int64)])
        self._frozen = False

    def set_from(self, key: int, start: int, value: int) -> None:
        """From UTC second ``start`` on (until a later segment), ``key`` has ``value``."""
        self._keys.append(key)
        self._starts.append(start)
        self._values.append(value)
        self._frozen = False

    def segments(self, key: int) -> list[tuple[int, int]]:
        """``(start, value)`` of ``key``'s segments, in time order."""
        rows = sorted(
            (s, v)
            for k, s, v in zip(self._keys, self._starts, self._values, strict=True)
            if k == key
        )
        return rows

    def freeze(self) -> None:
        """Build the lookup arrays (done on first lookup after a change)."""
        keys = np.array(self._keys, dtype=np.int64)
        starts = np.array(self._starts, dtype=np.int64) - _BASE
        order = np.lexsort((np.arange(keys.size), starts, keys))
        self._seg_keys = keys[order]
        self._comp = keys[order] * _SHIFT + starts[order]
        self._vals = np.array(self._values, dtype=np.int64)[order]
        self._has = np.zeros(self.static.size, dtype=bool)
        self._has[self._seg_keys] = True
        self._frozen = True

    def at(self, keys: npt.NDArray[np.int64], t: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """Value of each ``keys[i]`` at UTC second ``t[i]`` (keys < 0 give -1)."""
        if not self._frozen:
            self.freeze()
        keys = np.asarray(keys, dtype=np.int64)
        ok = keys >= 0
        out = np.full(keys.shape, -1, dtype=np.int64)
        out[ok] = self.static[keys[ok]]
        if self._comp.size:
            sel = np.flatnonzero(ok)
            sel = sel[self._has[keys[sel]]]
            if sel.size:
                comp = keys[sel] * _SHIFT + (t[sel] - _BASE)
                idx = np.searchsorted(self._comp, comp, side="right") - 1
                hit = (idx >= 0) & (self._seg_keys[np.maximum(idx, 0)] == keys[sel])
                out[sel[hit]] = self._vals[idx[hit]]
        return out
