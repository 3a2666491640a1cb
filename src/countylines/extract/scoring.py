"""How extraction is scored against labels: one-to-one matching of overlapping spans.

The rule ``benchmarks/extraction.py`` fixed before any labelled set was read, kept here so
that the benchmark and the indicator model's threshold choice
(:mod:`countylines.extract.learned`) score the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar


class Spanned(Protocol):
    """Anything with a character span ``[start, end)``."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


P = TypeVar("P", bound=Spanned)
G = TypeVar("G", bound=Spanned)


def match_spans(
    predicted: Sequence[P],
    labelled: Sequence[G],
    may_match: Callable[[P, G], bool] = lambda p, g: True,
) -> list[tuple[int, int]]:
    """Matched ``(predicted index, labelled index)`` pairs.

    Two spans may match when they overlap and ``may_match`` holds (same type, same value…);
    each matches at most one on the other side, taken greedily by the largest overlap (ties:
    the earlier label, then the earlier prediction).
    """
    pairs: list[tuple[int, int, int]] = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(labelled):
            if p.start < g.end and g.start < p.end and may_match(p, g):
                pairs.append((min(p.end, g.end) - max(p.start, g.start), i, j))
    pairs.sort(key=lambda t: (-t[0], t[2], t[1]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    matched: list[tuple[int, int]] = []
    for _overlap, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            matched.append((i, j))
    return matched
