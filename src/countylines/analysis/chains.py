"""Line continuity: chain deal numbers across re-branding and handset swaps.

A line is the chain of numbers over time, not one number (DOMAIN.md). Two
numbers are linked when the later one *continues* the earlier one:

* **customers followed**: at least ``min_customer_overlap`` of the earlier
  number's repeat customers contacted the later one, and the later one
  started within ``max_handover_days`` of the earlier one's last use (a
  re-branded line texts "new number" to its list; rival lines share some
  customers but run side by side);
* **same handset**: the two numbers were used in the same handset (IMEI) at
  different times (a new SIM in the line's phone).

Handset swaps behind one number (new IMEI, same number) need no link: the
number stays the same. Lines are the connected components of the links
(igraph). Pure: rows in, chains out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import igraph as ig

from countylines.analysis.settings import ChainSettings


@dataclass(frozen=True)
class Overlap:
    """How many of ``earlier``'s repeat customers contacted ``later``."""

    earlier: str
    later: str
    shared: int
    earlier_customers: int

    @property
    def share(self) -> float:
        """Shared customers as a share of the earlier number's."""
        return self.shared / self.earlier_customers if self.earlier_customers else 0.0


@dataclass(frozen=True)
class Activity:
    """When a number was in use, and in which handsets."""

    number: str
    first_seen: dt.datetime
    last_seen: dt.datetime
    imeis: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Link:
    """``later`` continues ``earlier``, for the reason given in words."""

    earlier: str
    later: str
    reason: str


@dataclass
class Chain:
    """The numbers of one line in the order they came into use, and their links."""

    numbers: list[str]
    links: list[Link] = field(default_factory=list)


def _days(delta: dt.timedelta) -> float:
    return delta.total_seconds() / 86400


def continuation_links(
    overlaps: Iterable[Overlap],
    activity: Mapping[str, Activity],
    settings: ChainSettings,
) -> list[Link]:
    """Links between numbers, from customer overlap, timing and shared handsets.

    An overlap counts only in its own direction: the share of the *earlier*
    number's repeat customers who contacted the later one. A number continues
    at most one earlier number and is continued by at most one later number:
    when a line closes and its customers drift to a rival's new number, the
    rival's own predecessor (more of whose customers followed) wins. Numbers
    missing from ``activity`` are ignored.
    """
    candidates: list[tuple[int, float, str, str, str]] = []
    for o in overlaps:
        a, b = activity.get(o.earlier), activity.get(o.later)
        if a is None or b is None or o.share < settings.min_customer_overlap:
            continue
        if (b.first_seen, b.number) <= (a.first_seen, a.number):
            continue  # counted from the later number's customers: the wrong direction
        gap = _days(b.first_seen - a.last_seen)
        if abs(gap) > settings.max_handover_days:
            continue
        when = f"{gap:.1f} days after" if gap >= 0 else f"{-gap:.1f} days before"
        reason = (
            f"{o.shared} of {o.earlier_customers} repeat customers of {o.earlier} "
            f"({o.share:.0%}) went on to contact {o.later}, which came into use {when} "
            f"the last use of {o.earlier}"
        )
        candidates.append((o.shared, o.share, o.earlier, o.later, reason))
    if settings.shared_imei_links:
        numbers = sorted(activity.values(), key=lambda x: (x.first_seen, x.number))
        for i, a in enumerate(numbers):
            for b in numbers[i + 1 :]:
                shared_imei = a.imeis & b.imeis
                if shared_imei:
                    imei = sorted(shared_imei)[0]
                    reason = (
                        f"{a.number} and {b.number} were used in the same handset (IMEI {imei})"
                    )
                    # the same handset outranks any customer overlap
                    candidates.append((1 << 30, 1.0, a.number, b.number, reason))
    links: list[Link] = []
    has_successor: set[str] = set()
    has_predecessor: set[str] = set()
    for _, _, earlier, later, reason in sorted(
        candidates, key=lambda c: (-c[0], -c[1], c[2], c[3])
    ):
        if earlier in has_successor or later in has_predecessor:
            continue
        has_successor.add(earlier)
        has_predecessor.add(later)
        links.append(Link(earlier, later, reason))
    return sorted(links, key=lambda link: (link.earlier, link.later))


def chains(
    numbers: Sequence[str], links: Sequence[Link], activity: Mapping[str, Activity]
) -> list[Chain]:
    """Group numbers into chains: connected components of the links, in time order."""
    names = sorted(set(numbers) | {x for link in links for x in (link.earlier, link.later)})
    index = {n: i for i, n in enumerate(names)}
    graph = ig.Graph(n=len(names), edges=[(index[x.earlier], index[x.later]) for x in links])
    result = []
    for members in graph.connected_components():
        group = sorted(
            (names[i] for i in members),
            key=lambda n: (
                (activity[n].first_seen, n)
                if n in activity
                else (dt.datetime.max.replace(tzinfo=dt.UTC), n)
            ),
        )
        in_group = set(group)
        if in_group.isdisjoint(numbers):
            continue
        result.append(Chain(group, [x for x in links if x.earlier in in_group]))
    return result
