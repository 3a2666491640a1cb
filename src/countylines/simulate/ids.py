"""Identifiers: UK mobile and landline numbers, foreign numbers, IMEIs.

All numbers are *random*: they are drawn in the real UK numbering ranges so
that they look and parse like real ones (Ofcom's mobile ranges 071-075 and
077-079; geographic 01255 Clacton, 020 London; non-geographic 0333, 0800) and
are checked never to collide within one scenario. They are not the numbers of
anyone in particular, but nothing stops a random number from being a real
subscriber's: simulated data must never be mixed with a real investigation.

IMEIs are 15 digits: an 8-digit type allocation code (TAC), a 6-digit serial
and the Luhn check digit (3GPP TS 23.003). The TACs are drawn from the seed
with real-looking leading digits (``35``, ``86``, ``01``); they are not the
TACs of real models.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

#: Second digit of UK mobile numbers used (07x): 076 (pagers) and 070 (personal numbers) excluded.
MOBILE_SECOND_DIGITS = np.array([1, 2, 3, 4, 5, 7, 8, 9], dtype=np.int64)

#: Foreign mobile ranges (E.164 prefix, digits after it) for the diaspora contacts of the
#: background population: Poland, Romania, Ireland, Nigeria, Pakistan, India, Jamaica.
FOREIGN_RANGES: tuple[tuple[str, int], ...] = (
    ("+485", 8),
    ("+407", 8),
    ("+3538", 8),
    ("+23480", 8),
    ("+923", 9),
    ("+919", 9),
    ("+1876", 7),
)


def luhn_check_digits(body: npt.NDArray[np.int64], length: int) -> npt.NDArray[np.int64]:
    """Luhn check digit of each ``length``-digit integer in ``body`` (vectorised)."""
    total = np.zeros_like(body)
    rest = body.copy()
    for position in range(length):  # from the rightmost digit of the body
        digit = rest % 10
        rest //= 10
        if position % 2 == 0:
            digit = digit * 2
            digit = np.where(digit > 9, digit - 9, digit)
        total += digit
    return (10 - total % 10) % 10


class Identifiers:
    """Allocates numbers and IMEIs that never collide within one scenario.

    Args:
        rng: the ``ids`` stream; allocation order fixes the result.
    """

    def __init__(self, rng: np.random.Generator) -> None:
        self._rng = rng
        self._used_numbers: set[int] = set()
        self._used_imeis: set[int] = set()
        leading = rng.choice(np.array([35, 86, 1]), size=40, p=[0.7, 0.2, 0.1])
        self._tacs = leading * 1_000_000 + rng.integers(0, 1_000_000, size=40)
        self._tac_weights = rng.dirichlet(np.full(40, 0.6))

    def _unique(self, candidates: npt.NDArray[np.int64], used: set[int]) -> list[int]:
        out: list[int] = []
        for value in candidates.tolist():
            if value not in used:
                used.add(value)
                out.append(value)
        return out

    def _draw(
        self, n: int, draw: Callable[[int], npt.NDArray[np.int64]], used: set[int]
    ) -> list[int]:
        out: list[int] = []
        while len(out) < n:
            need = n - len(out)
            candidates = draw(need + need // 20 + 4)
            out += self._unique(candidates, used)[:need]
        return out[:n]

    def mobiles(self, n: int) -> list[str]:
        """``n`` UK mobile numbers, E.164 (``+447…``, 10 national digits)."""

        def draw(k: int) -> npt.NDArray[np.int64]:
            second = self._rng.choice(MOBILE_SECOND_DIGITS, size=k)
            return (70 + second) * 100_000_000 + self._rng.integers(0, 100_000_000, size=k)

        return [f"+44{v}" for v in self._draw(n, draw, self._used_numbers)]

    def landlines(self, n: int, prefix: str) -> list[str]:
        """``n`` UK numbers with national prefix ``prefix`` (``1255``, ``20``, ``333``, ``800``)."""
        digits = 10 - len(prefix)
        base = int(prefix) * 10**digits
        low = 3 * 10 ** (digits - 1) if prefix == "20" else 2 * 10 ** (digits - 1)

        def draw(k: int) -> npt.NDArray[np.int64]:
            return np.asarray(base + self._rng.integers(low, 10**digits, size=k), dtype=np.int64)

        return [f"+44{v}" for v in self._draw(n, draw, self._used_numbers)]

    def foreign(self, n: int) -> list[str]:
        """``n`` foreign mobile numbers from :data:`FOREIGN_RANGES` (E.164)."""
        out: list[str] = []
        seen: set[str] = set()
        while len(out) < n:
            prefix, digits = FOREIGN_RANGES[int(self._rng.integers(len(FOREIGN_RANGES)))]
            number = prefix + str(int(self._rng.integers(10 ** (digits - 1), 10**digits)))
            if number not in seen:
                seen.add(number)
                out.append(number)
        return out

    def imeis(self, n: int) -> list[str]:
        """``n`` distinct 15-digit IMEIs with valid Luhn check digits."""

        def draw(k: int) -> npt.NDArray[np.int64]:
            tac = self._rng.choice(self._tacs, size=k, p=self._tac_weights)
            return tac * 1_000_000 + self._rng.integers(0, 1_000_000, size=k)

        bodies = np.array(self._draw(n, draw, self._used_imeis), dtype=np.int64)
        check = luhn_check_digits(bodies, 14)
        return [f"{b:014d}{c}" for b, c in zip(bodies.tolist(), check.tolist(), strict=True)]


def luhn_valid(imei: str) -> bool:
    """Whether a 15-digit IMEI string has a valid Luhn check digit."""
    if len(imei) != 15 or not imei.isdigit():
        return False
    body = np.array([int(imei[:14])], dtype=np.int64)
    return int(luhn_check_digits(body, 14)[0]) == int(imei[14])
