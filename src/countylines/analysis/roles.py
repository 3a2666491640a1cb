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

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from countylines.analysis.settings import RoleSettings


@dataclass(frozen=True)
class Pair:
    """Contact between ``number`` and ``counterparty`` (a ``contact_pairs`` row).

    ``n_in``: events from counterparty to number; ``n_out``: the reverse, of
    which ``bulk_out`` were bulk texts and ``dispatches`` came within the
    dispatch window after *another* number contacted ``number`` (an order
    passed on), on ``dispatch_days`` days; ``days``: distinct UK days with any
    contact.
    """

    number: str
    counterparty: str
    n_in: int
    n_out: int
    days: int
    bulk_out: int = 0
    dispatches: int = 0
    dispatch_days: int = 0


@dataclass(frozen=True)
class CellUse:
    """A number's located events in one cell: all of them, and the distinct nights
    (evening to morning, UK time: see ``night_*_hour`` in the settings) it was seen there."""

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
    """The market area: the busiest cells shared by customers, covering ``share`` of them.

    A cell counts the distinct numbers seen in it; cells where only one of
    the numbers is ever seen (a lone caller's home, the line holder calling
    in from the hub) are not part of a market. Of the rest, the fewest cells
    holding ``share`` of all sightings are taken, busiest first.
    """
    seen: dict[str, set[str]] = defaultdict(set)
    for use in uses:
        if use.events > 0:
            seen[use.cell_id].add(use.number)
    shared = {cell: len(numbers) for cell, numbers in seen.items() if len(numbers) >= 2}
    whole = sum(shared.values())
    chosen: list[str] = []
    covered = 0
    for cell, n in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0])):
        if whole and covered / whole >= share:
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
    cells: Mapping[str, Sequence[CellUse]],
    active_days: Mapping[str, int],
    settings: RoleSettings,
) -> Roles:
    """Place the numbers around one line in their roles.

    * customers: numbers that contacted the line (and are not its staff);
    * market area: the cells holding ``market_cell_share`` of customers' events;
    * runners: numbers the line passes orders to (``runner_min_dispatches``+
      dispatches and ``runner_dispatch_share`` of all it passes on, on
      ``runner_min_contact_days``+ days, more than they order themselves) with
      ``runner_market_share``+ of their events in the market;
      and numbers the holder deals with on ``holder_runner_share_of_days`` of
      its days that are based in the market (``runner_home_market_share``+);
    * line holder: in contact with the line on the minimum days, at most
      ``holder_max_market_share`` of its events in the market (it runs the
      line from away); the one dealing with most of the runners wins;
    * cuckooed addresses: market cells, other than a runner's own home (the
      cell of most of its nights), where runners spend ``cuckoo_min_nights``+.

    Args:
        line: the line's deal numbers.
        pairs: contact pairs keyed by ``number``: the line's numbers (with
            bulk texts and dispatches counted) and every number they contact.
        cells: located events per number (all numbers above).
        active_days: days with any event, per number (for the holder).
        settings: role thresholds (``roles`` in the detection settings).
    """
    members = set(line)
    with_line: dict[str, list[Pair]] = defaultdict(list)
    for number in line:
        for p in pairs.get(number, ()):
            if p.counterparty not in members:
                with_line[p.counterparty].append(p)
    days_with_line = {c: sum(p.days for p in ps) for c, ps in with_line.items()}
    received_from = {c: sum(p.n_in for p in ps) for c, ps in with_line.items()}
    dispatches = {c: sum(p.dispatches for p in ps) for c, ps in with_line.items()}
    dispatch_days = {c: sum(p.dispatch_days for p in ps) for c, ps in with_line.items()}
    ordered = {c for c in with_line if received_from[c] > 0}
    # a runner carries a real share of the orders the line passes on
    floor = max(
        settings.runner_min_dispatches, settings.runner_dispatch_share * sum(dispatches.values())
    )
    passed_orders = {
        c
        for c in with_line
        if dispatches[c] >= floor
        and dispatch_days[c] >= settings.runner_min_contact_days
        and dispatches[c] > received_from[c]
    }
    market = set(
        market_cells(
            (u for c in ordered - passed_orders for u in cells.get(c, ())),
            settings.market_cell_share,
        )
    )

    def share(number: str) -> float | None:
        return _market_share(cells.get(number, ()), market)

    def talks_to(number: str) -> dict[str, int]:
        return {p.counterparty: p.days for p in pairs.get(number, ())}

    runners: dict[str, list[str]] = {}
    for c in sorted(passed_orders):
        s = share(c)
        if s is not None and s >= settings.runner_market_share:
            runners[c] = [
                f"the line passed it orders {dispatches[c]} times, on {dispatch_days[c]} days "
                f"(it contacted the line {received_from[c]} times)",
                f"{s:.0%} of its located events in the market area",
            ]

    # The holder runs the line from away and deals with its runners; when the holder
    # works the deal phone itself, its own phone may barely call the line.
    holder_options = []
    candidates = set(days_with_line) | {o for r in runners for o in talks_to(r)}
    for c in candidates - members - set(runners):
        s = share(c)
        if s is None or s > settings.holder_max_market_share:
            continue
        days = days_with_line.get(c, 0)
        reach = sum(
            1
            for other, d in talks_to(c).items()
            if other in runners and d >= settings.runner_min_contact_days
        )
        if reach or days >= settings.runner_min_contact_days:
            holder_options.append((reach, days, c))
    roles = Roles(market_cells=sorted(market))
    holder = max(holder_options)[2] if holder_options else None
    if holder is not None:
        reach, days, _ = max(holder_options)
        roles.holders.append(
            Role(
                holder,
                f"in regular contact with {reach} of the line's runners"
                + (f" and with the line on {days} days" if days else "")
                + f"; {share(holder):.0%} of its located events in the market area, so it "
                "operates from away",
            )
        )
        holder_active = max(1, active_days.get(holder, 1))
        for c, days in talks_to(holder).items():
            if c in members or c == holder:
                continue
            if days / holder_active < settings.holder_runner_share_of_days:
                continue
            s = share(c)
            if s is None or s < settings.runner_home_market_share:
                continue
            if received_from.get(c, 0) > dispatches.get(c, 0):
                continue  # it orders from the line: a customer who also knows the holder
            reason = runners.setdefault(c, [])
            reason.insert(
                0, f"in contact with the line holder on {days} of its {holder_active} days"
            )
            if len(reason) == 1:
                reason.append(f"{s:.0%} of its located events in the market area")

    roles.runners = [Role(c, "; ".join(parts)) for c, parts in sorted(runners.items())]
    staff = set(runners) | ({holder} if holder else set())
    roles.customers = sorted(ordered - staff)
    customer_cells = {u.cell_id for c in roles.customers for u in cells.get(c, ())}
    roles.cuckooed = _cuckooed(roles, cells, customer_cells, pairs, settings)
    return roles


def _home(uses: Sequence[CellUse]) -> str | None:
    """The cell where a number spends most nights."""
    at_night = [u for u in uses if u.nights > 0]
    if not at_night:
        return None
    return max(at_night, key=lambda u: (u.nights, u.events, u.cell_id)).cell_id


def _cuckooed(
    roles: Roles,
    cells: Mapping[str, Sequence[CellUse]],
    customer_cells: set[str],
    pairs: Mapping[str, Sequence[Pair]],
    settings: RoleSettings,
) -> list[CuckooedAddress]:
    """Cells in the customers' area where runners stay the night, away from their homes.

    For each runner, its *overnight cells* are cells where customers are seen,
    other than its home, where it spent ``cuckoo_min_nights`` or more nights
    and at least half as many as in its most-used such cell. A runner that also spends nights
    away from the customers' cells ("going country" from the hub) has its home
    there; one that never leaves them has its home at the cell of most of its
    nights.
    A cell is reported when it is an overnight cell of two or more runners,
    or of one runner on twice ``cuckoo_min_nights`` or more that is the home
    of a customer (someone who buys from the line lives there: the cuckooing
    pattern). A cell covers many homes, so the possible *occupant* named is
    only a customer who lives there (most of their nights) *and* is in
    contact with a runner who stays there; other residents are counted, not
    named.
    """
    overnight: dict[str, dict[str, int]] = defaultdict(dict)
    for runner in roles.runners:
        uses = cells.get(runner.number, ())
        outside = [u for u in uses if u.cell_id not in customer_cells]
        travels = sum(u.nights for u in outside) >= settings.cuckoo_min_nights
        home = _home(outside) if travels else _home(uses)
        away = [u for u in uses if u.cell_id in customer_cells and u.cell_id != home]
        if not away:
            continue
        top = max(u.nights for u in away)
        floor = max(settings.cuckoo_min_nights, top / 2)
        for u in away:
            if u.nights >= floor:
                overnight[u.cell_id][runner.number] = u.nights
    homes = {c: _home(cells.get(c, ())) for c in roles.customers}
    found = []
    for cell, by_runner in sorted(overnight.items()):
        residents = sorted(c for c, h in homes.items() if h == cell)
        if len(by_runner) < 2 and not (
            residents and max(by_runner.values()) >= 2 * settings.cuckoo_min_nights
        ):
            continue  # one runner, a few nights: a friend's flat as likely as a cuckooed home
        runner_contacts = {p.counterparty for r in by_runner for p in pairs.get(r, ())}
        occupants = [c for c in residents if c in runner_contacts]
        who = ", ".join(f"{r} ({n} nights)" for r, n in sorted(by_runner.items()))
        reason = f"runners' phones overnight in cell {cell}, away from their own homes: {who}"
        if occupants:
            reason += (
                f"; possible occupant (a customer who lives in this cell and is in contact with "
                f"these runners; a possible victim): {', '.join(occupants)}"
            )
        elif residents:
            reason += (
                f"; {len(residents)} customers live in this cell, none in contact with these "
                "runners: the address is not known"
            )
        found.append(
            CuckooedAddress(cell, max(by_runner.values()), sorted(by_runner), occupants, reason)
        )
    return found
