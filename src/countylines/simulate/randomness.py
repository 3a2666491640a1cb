"""Deterministic randomness: named generator streams and stateless hashes.

Every random draw in the simulator comes from a stream named for its purpose
and keyed by the scenario seed (and, for daily work, the day), so the output
depends only on the seed and the arguments, never on the order in which the
parts run or on how days are chunked. ``hash_uniform`` gives a *stateless*
uniform number per key tuple (person, day, hour block...), used where the
same key must give the same answer every time it is asked (where a person is
this afternoon, whether a runner has a day off).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import numpy as np
import numpy.typing as npt

#: Stream names and their fixed ids (never renumber: it would change every scenario).
STREAMS: dict[str, int] = {
    "config": 1,
    "geography": 2,
    "population": 3,
    "graph": 4,
    "ids": 5,
    "lines": 6,
    "decoys": 7,
    "background_day": 8,
    "lines_day": 9,
    "decoys_day": 10,
    "location": 11,
    "writer": 12,
    "intel": 13,
    "public_reports": 14,
}

T = TypeVar("T")

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


def stream(seed: int, name: str, *keys: int) -> np.random.Generator:
    """A PCG64 generator for ``name`` (see :data:`STREAMS`), keyed by seed and ``keys``."""
    return np.random.default_rng([seed & 0xFFFFFFFF, seed >> 32, STREAMS[name], *keys])


def _mix(h: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """SplitMix64 finaliser (Steele, Lea & Flood 2014), element-wise, wrapping arithmetic."""
    h = h ^ (h >> np.uint64(30))
    h = h * _M1
    h = h ^ (h >> np.uint64(27))
    h = h * _M2
    return h ^ (h >> np.uint64(31))


def hash_uniform(seed: int, salt: int, *keys: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Uniform [0, 1) numbers that depend only on ``(seed, salt, *keys)``, element-wise.

    Args:
        seed: the scenario seed.
        salt: a small constant naming the purpose (so two purposes never agree).
        keys: integer arrays (broadcast together), e.g. person index and day.

    Returns:
        float64 array of the broadcast shape.
    """
    with np.errstate(over="ignore"):
        h = np.full(
            np.broadcast(*[np.asarray(k) for k in keys]).shape,
            np.uint64((seed * 1_000_003 + salt) & 0xFFFFFFFFFFFFFFFF),
            dtype=np.uint64,
        )
        h = _mix(h + _GOLDEN)
        for k in keys:
            h = _mix(h ^ (np.asarray(k).astype(np.int64).astype(np.uint64) + _GOLDEN))
    return (h >> np.uint64(11)).astype(np.float64) * (1.0 / 9007199254740992.0)


def hash_choice(
    seed: int, salt: int, n: npt.ArrayLike, *keys: npt.ArrayLike
) -> npt.NDArray[np.int64]:
    """A stateless integer in ``[0, n)`` per key tuple (``n`` broadcast with the keys)."""
    u = hash_uniform(seed, salt, *keys)
    return np.asarray(
        np.minimum((u * np.asarray(n)).astype(np.int64), np.asarray(n) - 1), dtype=np.int64
    )


def pick(rng: np.random.Generator, items: Sequence[T]) -> T:
    """One item of ``items`` (not empty), uniformly (``rng.choice`` without numpy types)."""
    return items[int(rng.integers(len(items)))]


def pick_weighted(rng: np.random.Generator, weights: dict[T, float]) -> T:
    """One key of ``weights`` (not all zero), with chance proportional to its weight."""
    keys = list(weights)
    w = np.array([weights[k] for k in keys], dtype=np.float64)
    return keys[int(rng.choice(len(keys), p=w / w.sum()))]
