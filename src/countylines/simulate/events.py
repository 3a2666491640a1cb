"""A batch of events as parallel numpy arrays, and what produced each event.

Parties are indices into the :class:`~countylines.simulate.directory.Directory`.
``kind`` is 0 voice, 1 SMS; ``duration`` is seconds (-1 for texts: written
empty); ``source`` says which part of the simulation made the event (never
written to the call data; counted in the summary).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np
import numpy.typing as npt

VOICE, SMS = 0, 1


class Source(IntEnum):
    """What produced an event."""

    SOCIAL = 0
    SOCIAL_REPLY = 1
    SERVICE = 2
    ORDER = 3
    LINE_REPLY = 4
    MARKETING = 5
    NEW_NUMBER_NOTICE = 6
    DISPATCH = 7
    HOLDER_RUNNER = 8
    HOLDER_DEAL_PHONE = 9
    RUNNER_CUSTOMER = 10
    DEAD_NUMBER_ATTEMPT = 11
    PARENT_CALL = 12
    TAXI = 13
    TAKEAWAY = 14
    BULK_SMS = 15
    CALL_CENTRE = 16
    TRADES = 17


@dataclass
class Events:
    """Events as arrays of equal length."""

    t: npt.NDArray[np.int64]
    a: npt.NDArray[np.int64]
    b: npt.NDArray[np.int64]
    kind: npt.NDArray[np.int8]
    duration: npt.NDArray[np.int32]
    source: npt.NDArray[np.int8]

    def __len__(self) -> int:
        return int(self.t.size)

    @staticmethod
    def empty() -> Events:
        """No events."""
        return Events(
            np.zeros(0, np.int64),
            np.zeros(0, np.int64),
            np.zeros(0, np.int64),
            np.zeros(0, np.int8),
            np.zeros(0, np.int32),
            np.zeros(0, np.int8),
        )

    @staticmethod
    def make(
        t: npt.ArrayLike,
        a: npt.ArrayLike,
        b: npt.ArrayLike,
        kind: npt.ArrayLike,
        duration: npt.ArrayLike,
        source: int,
    ) -> Events:
        """Events from array-likes (scalars broadcast); texts get duration -1."""
        t_arr = np.asarray(t, dtype=np.int64).ravel()
        n = t_arr.size
        kind_arr = np.broadcast_to(np.asarray(kind, dtype=np.int8), (n,)).copy()
        dur = np.broadcast_to(np.asarray(duration, dtype=np.int32), (n,)).copy()
        dur[kind_arr == SMS] = -1
        return Events(
            t_arr,
            np.broadcast_to(np.asarray(a, dtype=np.int64), (n,)).copy(),
            np.broadcast_to(np.asarray(b, dtype=np.int64), (n,)).copy(),
            kind_arr,
            dur,
            np.full(n, source, dtype=np.int8),
        )

    @staticmethod
    def concat(parts: list[Events]) -> Events:
        """One batch of all ``parts``, in order."""
        parts = [p for p in parts if len(p)]
        if not parts:
            return Events.empty()
        return Events(
            np.concatenate([p.t for p in parts]),
            np.concatenate([p.a for p in parts]),
            np.concatenate([p.b for p in parts]),
            np.concatenate([p.kind for p in parts]),
            np.concatenate([p.duration for p in parts]),
            np.concatenate([p.source for p in parts]),
        )

    def take(self, idx: npt.NDArray[np.int64] | npt.NDArray[np.bool_]) -> Events:
        """The events at ``idx`` (indices or a mask)."""
        return Events(
            self.t[idx],
            self.a[idx],
            self.b[idx],
            self.kind[idx],
            self.duration[idx],
            self.source[idx],
        )


class EventSink:
    """Collects event batches for one day."""

    def __init__(self) -> None:
        self.parts: list[Events] = []

    def add(self, events: Events) -> None:
        """Keep ``events``."""
        if len(events):
            self.parts.append(events)

    def events(self) -> Events:
        """Everything collected, as one batch."""
        return Events.concat(self.parts)
