"""Roles in a line: customers, line holder, runners, cuckooed addresses.

Pure: contact pairs and cell use in, roles with reasons out. The pattern
follows the NCA's description of county lines (DOMAIN.md): customers in the
market town contact the deal line and receive its marketing texts; the line
holder runs the line from away (the hub); runners are based in the market
town, take the orders passed on by the line or the holder, travel hub <->
county, and stay overnight at cuckooed addresses, the homes of vulnerable
(often customer) occupants.

Children found in a line are possible victims: the wording of every role
reason states what the data shows, not guilt.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from countylines.analysis.settings import RoleSettings


@dataclass(frozen=True)
class Pair:
    """Contact between ``number`` and ``counterparty`` (a ``contact_pairs`` row).

    ``n_in``: events from counterparty to number; ``n_out``: the reverse;
    ``days``: distinct UK days with any contact.
    """

    number: str
    counterparty: str
    n_in: int
    n_out: int
    days: int


@dataclass(frozen=True)
class CellUse:
    """A number's located events in one cell: all of them, and distinct nights there."""

    number: str
    cell_id: str
    events: int
    nights: int


@dataclass(frozen=True)
class Role:
    """A number in a role, with the reason in words."""

    number: str
    reason: str


@dataclass(frozen=True)
class CuckooedAddress:
    """A market cell where runners spent nights, and customers who live there."""

    cell_id: str
    nights: int
    runners: list[str]
    occupants: list[str]
    reason: str


@dataclass
class Roles:
    """Everyone placed in one line."""

    holders: list[Role] = field(default_factory=list)
    runners: list[Role] = field(default_factory=list)
    customers: list[str] = field(default_factory=list)
    cuckooed: list[CuckooedAddress] = field(default_factory=list)
    market_cells: list[str] = field(default_factory=list)


def market_cells(uses: Iterable[CellUse], share: float) -> list[str]:
    """The fewest cells holding ``share`` of the given located events (busiest first)."""
    counts: Counter[str] = Counter()
    for use in uses:
        counts[use.cell_id] += use.events
    total = sum(counts.values())
    chosen: list[str] = []
    covered = 0
    for cell, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if total and covered / total >= share:
            break
        chosen.append(cell)
        covered += n
    return chosen


def _market_share(uses: Sequence[CellUse], market: set[str]) -> float | None:
    total = sum(u.events for u in uses)
    if not total:
        return None
    return sum(u.events for u in uses if u.cell_id in market) / total


def assign_roles(
    line: Sequence[str],
    pairs: Mapping[str, Sequence[Pair]],
    bulk_recipients: set[str],
    cells: Mapping[str, Sequence[CellUse]],
    settings: RoleSettings,
) -> Roles:
    """Place the numbers around one line in their roles.

    Args:
        line: the line's deal numbers.
        pairs: contact pairs keyed by ``number``, for the line's numbers and
            for every number they contact (to see who talks to whom).
        bulk_recipients: numbers that received the line's bulk texts.
        cells: located events per number (all numbers above).
        settings: role thresholds (``roles`` in the detection settings).
    """
    members = set(line)
    with_line: dict[str, list[Pair]] = defaultdict(list)
    for number in line:
        for p in pairs.get(number, ()):
            if p.counterparty not in members:
                with_line[p.counterparty].append(p)
    ordered = {c for c, ps in with_line.items() if any(p.n_in > 0 for p in ps)}
    days_with_line = {c: sum(p.days for p in ps) for c, ps in with_line.items()}
    staff_candidates = {
        c
        for c in with_line
        if c not in bulk_recipients and days_with_line[c] >= settings.runner_min_contact_days
    }
    market = set(
        market_cells(
            (u for c in ordered - staff_candidates for u in cells.get(c, ())),
            settings.market_cell_share,
        )
    )
    share = {c: _market_share(cells.get(c, ()), market) for c in set(with_line) | staff_candidates}

    def talks_to(number: str) -> dict[str, int]:
        return {p.counterparty: p.days for p in pairs.get(number, ())}

    holder_options = []
    for c in staff_candidates:
        s = share.get(c)
        if s is not None and s <= settings.holder_max_market_share:
            reach = sum(1 for other in talks_to(c) if other in staff_candidates)
            holder_options.append((days_with_line[c] + reach, c))
    roles = Roles(market_cells=sorted(market))
    holder = max(holder_options)[1] if holder_options else None
    holder_contacts = talks_to(holder) if holder else {}
    if holder is not None:
        s = share[holder]
        roles.holders.append(
            Role(
                holder,
                f"in contact with the line on {days_with_line[holder]} days; "
                f"{s:.0%} of its located events in the market area, so it operates from away",
            )
        )

    pool = set(staff_candidates)
    pool |= {
        c
        for c, days in holder_contacts.items()
        if c not in bulk_recipients
        and c not in members
        and days >= settings.runner_min_contact_days
    }
    pool.discard(holder or "")
    for c in sorted(pool):
        s = share.get(c)
        if s is None:
            s = _market_share(cells.get(c, ()), market)
        if s is None or s < settings.runner_market_share:
            continue
        line_pairs = with_line.get(c, [])
        sent_to = sum(p.n_out for p in line_pairs)
        received_from = sum(p.n_in for p in line_pairs)
        from_holder = holder_contacts.get(c, 0)
        dispatched = sent_to > received_from
        if not (dispatched or from_holder >= settings.runner_min_contact_days):
            continue
        parts = []
        if line_pairs:
            parts.append(
                f"the line contacted it {sent_to} times and it contacted the line "
                f"{received_from} times, on {days_with_line.get(c, 0)} days"
            )
        if from_holder:
            parts.append(f"in contact with the line holder on {from_holder} days")
        parts.append(f"{s:.0%} of its located events in the market area")
        roles.runners.append(Role(c, "; ".join(parts)))

    staff = {r.number for r in roles.runners} | ({holder} if holder else set())
    roles.customers = sorted(ordered - staff)
    roles.cuckooed = _cuckooed(roles, cells, market, settings)
    return roles


def _cuckooed(
    roles: Roles, cells: Mapping[str, Sequence[CellUse]], market: set[str], settings: RoleSettings
) -> list[CuckooedAddress]:
    nights: dict[str, dict[str, int]] = defaultdict(dict)
    for runner in roles.runners:
        for use in cells.get(runner.number, ()):
            if use.cell_id in market and use.nights >= settings.cuckoo_min_nights:
                nights[use.cell_id][runner.number] = use.nights
    home: dict[str, str] = {}
    for customer in roles.customers:
        at_night = [u for u in cells.get(customer, ()) if u.nights > 0]
        if at_night:
            home[customer] = max(at_night, key=lambda u: (u.nights, u.events, u.cell_id)).cell_id
    found = []
    for cell, by_runner in sorted(nights.items()):
        occupants = sorted(c for c, h in home.items() if h == cell)
        most = max(by_runner.values())
        who = ", ".join(f"{r} ({n} nights)" for r, n in sorted(by_runner.items()))
        reason = f"runners' phones at night in cell {cell}: {who}"
        if occupants:
            reason += f"; customer(s) who spend their nights there: {', '.join(occupants)}"
        found.append(CuckooedAddress(cell, most, sorted(by_runner), occupants, reason))
    return found
